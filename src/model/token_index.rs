//! The counter's index from token hash to token number: open addressing with linear probing,
//! one 8-byte slot per entry holding the token's number and 32 bits of its hash.
//!
//! Why not `hashbrown`: counting a large vocabulary is a chain of dependent loads per token
//! occurrence (the table's control bytes, the slot, the token's full hash to compare), each a
//! likely cache miss. Here a slot's position is a plain function of the hash, so the counter
//! can prefetch the slot of an occurrence a few occurrences ahead
//! ([`TokenIndex::prefetch`]), and the slot's 32 hash bits settle nearly every probe without
//! reading the token's full hash (it is still compared, so the answer is exact). Slots of 8
//! bytes rather than 16 (the full hash) measured faster: the table's size in the cache
//! counts for more than the one load saved. Which token a hash finds is all the index
//! tells, so the model's bytes cannot depend on it.

/// A slot: `0` when empty, else the high 32 bits of the token's hash above its number plus 1.
type Slot = u64;

/// The part of a hash kept in its slot.
#[inline(always)]
fn tag(hash: u64) -> u64 {
    hash & 0xFFFF_FFFF_0000_0000
}

/// Hash to token number (`u32`).
#[derive(Default)]
pub(super) struct TokenIndex {
    slots: Vec<Slot>,
    /// Entries held.
    len: usize,
}

/// The slots are grown (doubled) before they are more than 3/4 full: linear probing's runs
/// stay short (a few slots, within one or two cache lines).
fn fits(len: usize, slots: usize) -> bool {
    4 * len <= 3 * slots
}

/// A hash's home slot among `slots` (a power of two): bits of the hash after a multiply,
/// below the top ones (which choose the counter's shard).
#[inline(always)]
fn home(hash: u64, slots: usize) -> usize {
    let mixed = hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) << 8;
    (mixed >> 32) as usize & (slots - 1)
}

impl TokenIndex {
    /// The token of `hash`; `hashes` is every token's full hash, by number.
    #[inline(always)]
    pub(super) fn find(&self, hash: u64, hashes: &[u64]) -> Option<usize> {
        let n = self.slots.len();
        if n == 0 {
            return None;
        }
        let mut at = home(hash, n);
        let tag = tag(hash);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let j = (slot as u32 - 1) as usize;
                if hashes.get(j) == Some(&hash) {
                    return Some(j);
                }
            }
            at = (at + 1) & (n - 1);
        }
    }

    /// Asks the CPU to bring `hash`'s home slot into the cache (a hint: no effect on results).
    #[inline(always)]
    pub(super) fn prefetch(&self, hash: u64) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            let at = home(hash, self.slots.len());
            // SAFETY: `at` is within `slots`; a prefetch reads nothing and writes nothing.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>(self.slots.as_ptr().add(at).cast::<i8>());
            }
        }
    }

    /// Adds token `i` of `hash`, which is not in the index; `hashes` is every token's full
    /// hash, by number (for moving entries when the slots grow).
    pub(super) fn insert_unique(&mut self, hash: u64, i: u32, hashes: &[u64]) {
        if !fits(self.len + 1, self.slots.len()) {
            self.grow_to(self.len + 1, hashes);
        }
        self.place(hash, i);
        self.len += 1;
    }

    /// Makes room for `more` entries beyond those held, at the size the index would have
    /// grown to by inserting them one by one.
    pub(super) fn reserve(&mut self, more: usize, hashes: &[u64]) {
        if !fits(self.len + more, self.slots.len()) {
            self.grow_to(self.len + more, hashes);
        }
    }

    fn place(&mut self, hash: u64, i: u32) {
        let n = self.slots.len();
        let mut at = home(hash, n);
        while self.slots[at] != 0 {
            at = (at + 1) & (n - 1);
        }
        self.slots[at] = tag(hash) | (u64::from(i) + 1);
    }

    /// Grows the slots to the smallest power of two (at least 16) that fits `len` entries.
    fn grow_to(&mut self, len: usize, hashes: &[u64]) {
        let mut n = self.slots.len().max(16);
        while !fits(len, n) {
            n *= 2;
        }
        let old = std::mem::replace(&mut self.slots, vec![0; n]);
        for slot in old.into_iter().filter(|&s| s != 0) {
            let j = (slot as u32 - 1) as usize;
            if let Some(&hash) = hashes.get(j) {
                self.place(hash, j as u32);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let hashes: Vec<u64> = (0..5000u64)
            .map(|i| crate::model::counter::splitmix(i) & !0xFF)
            .chain([0, u64::MAX, 1 << 32, (1 << 32) + 1])
            .collect();
        let mut index = TokenIndex::default();
        index.reserve(10, &hashes);
        for (i, &h) in hashes.iter().enumerate() {
            assert_eq!(index.find(h, &hashes[..i]), None);
            index.insert_unique(h, i as u32, &hashes[..=i]);
        }
        for (i, &h) in hashes.iter().enumerate() {
            assert_eq!(index.find(h, &hashes), Some(i));
        }
        // Same top 32 bits as a stored hash, different low bits: not found.
        assert_eq!(index.find(hashes[7] ^ 0x10, &hashes), None);
        assert_eq!(index.find(2, &hashes), None);
    }
}
