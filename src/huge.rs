//! Zeroed buffers for the tables scoring reads at random: on Linux, large ones are mapped on
//! their own and asked to be backed by 2 MiB pages.
//!
//! Scoring looks up every n-gram of every document at a random place in the vocabulary's
//! index and its scoring table (together about 2.4 MB for 30,000 columns): with 4 KiB pages
//! that is some 600 pages, far more than the processor's first-level TLB holds, so most
//! lookups also walk to the second level. On 2 MiB pages the tables take two entries.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// Types whose all-zero bytes are a valid value (the tables' plain arrays of numbers).
///
/// # Safety
/// Every bit pattern of all zeros must be a valid `Self`, and `Self` must need no drop.
pub(crate) unsafe trait Zeroable: Copy {}

/// A buffer of `len` values that starts all zeros: a `Vec`, or (large, on Linux) memory
/// mapped on its own, 2 MiB aligned, advised to be backed by huge pages.
pub(crate) struct ZeroedBuf<T: Zeroable> {
    inner: Inner<T>,
}

enum Inner<T> {
    Vec(Vec<T>),
    #[cfg(target_os = "linux")]
    Mapped {
        /// The values (`len` of them, 2 MiB aligned), inside the mapping.
        ptr: std::ptr::NonNull<T>,
        len: usize,
        /// The whole mapping, to unmap.
        base: *mut libc::c_void,
        map_len: usize,
    },
}

// SAFETY: the mapped buffer is owned memory like a `Vec`'s, reached only through `&self` /
// `&mut self`.
unsafe impl<T: Zeroable + Send> Send for ZeroedBuf<T> {}
// SAFETY: as above.
unsafe impl<T: Zeroable + Sync> Sync for ZeroedBuf<T> {}

/// A huge page's size.
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

impl<T: Zeroable> ZeroedBuf<T> {
    /// `len` zero values.
    pub(crate) fn zeroed(len: usize) -> Self {
        #[cfg(target_os = "linux")]
        if let Some(mapped) = Self::mapped(len) {
            return mapped;
        }
        // SAFETY: `T: Zeroable`, so zeroed memory holds valid values.
        let v = vec![unsafe { std::mem::zeroed::<T>() }; len];
        ZeroedBuf {
            inner: Inner::Vec(v),
        }
    }

    /// A mapping of its own for a buffer of at least a quarter of a huge page (smaller ones
    /// would waste most of the page); `None` when smaller or when the mapping fails.
    #[cfg(target_os = "linux")]
    fn mapped(len: usize) -> Option<Self> {
        let bytes = len.checked_mul(std::mem::size_of::<T>())?;
        if bytes < HUGE / 4 || std::mem::align_of::<T>() > HUGE {
            return None;
        }
        let used = bytes.checked_next_multiple_of(HUGE)?;
        let map_len = used.checked_add(HUGE)?;
        // SAFETY: a fresh private anonymous mapping; nothing else refers to it.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        let start = (base as usize).next_multiple_of(HUGE);
        let ptr = start as *mut libc::c_void;
        // SAFETY: `[start, start + used)` lies inside the mapping. The advice is only a wish:
        // without huge pages the memory is ordinary pages, still zeroed.
        unsafe {
            libc::madvise(ptr, used, libc::MADV_HUGEPAGE);
        }
        Some(ZeroedBuf {
            inner: Inner::Mapped {
                ptr: std::ptr::NonNull::new(ptr.cast())?,
                len,
                base,
                map_len,
            },
        })
    }
}

impl<T: Zeroable> Deref for ZeroedBuf<T> {
    type Target = [T];
    #[inline(always)]
    fn deref(&self) -> &[T] {
        match &self.inner {
            Inner::Vec(v) => v,
            // SAFETY: `len` values, zeroed at mapping (valid: `T: Zeroable`), owned by `self`.
            #[cfg(target_os = "linux")]
            Inner::Mapped { ptr, len, .. } => unsafe {
                std::slice::from_raw_parts(ptr.as_ptr(), *len)
            },
        }
    }
}

impl<T: Zeroable> DerefMut for ZeroedBuf<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.inner {
            Inner::Vec(v) => v,
            // SAFETY: as in `deref`, through the unique borrow.
            #[cfg(target_os = "linux")]
            Inner::Mapped { ptr, len, .. } => unsafe {
                std::slice::from_raw_parts_mut(ptr.as_ptr(), *len)
            },
        }
    }
}

impl<T: Zeroable> Drop for ZeroedBuf<T> {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        if let Inner::Mapped { base, map_len, .. } = self.inner {
            // SAFETY: the mapping made in `mapped`, unmapped once; `T` needs no drop.
            unsafe {
                libc::munmap(base, map_len);
            }
        }
    }
}

impl<T: Zeroable> Default for ZeroedBuf<T> {
    fn default() -> Self {
        ZeroedBuf {
            inner: Inner::Vec(Vec::new()),
        }
    }
}

impl<T: Zeroable> Clone for ZeroedBuf<T> {
    fn clone(&self) -> Self {
        let mut copy = Self::zeroed(self.len());
        copy.copy_from_slice(self);
        copy
    }
}

impl<T: Zeroable + PartialEq> PartialEq for ZeroedBuf<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Zeroable + fmt::Debug> fmt::Debug for ZeroedBuf<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // SAFETY: all zeros is 0.
    unsafe impl Zeroable for u64 {}

    #[test]
    fn small_and_large_buffers_start_zeroed_and_copy() {
        for len in [0, 1, 1000, 70_000, 300_000, 600_000] {
            let mut b = ZeroedBuf::<u64>::zeroed(len);
            assert_eq!(b.len(), len);
            assert!(b.iter().all(|&x| x == 0));
            for (i, x) in b.iter_mut().enumerate() {
                *x = i as u64 * 3;
            }
            let c = b.clone();
            assert_eq!(b, c);
            assert_eq!(c.last().copied(), len.checked_sub(1).map(|i| i as u64 * 3));
            if len >= 70_000 {
                assert_eq!(
                    b.as_ptr() as usize % (2 << 20),
                    0,
                    "{len} values: own mapping"
                );
            }
        }
    }
}
