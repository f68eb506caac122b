//! The scoring table: each vocabulary column's log-probability in every scoring column, with
//! the column's token hash beside them, one row per cache line (for up to 7 scoring columns).
//!
//! Scoring looks up every n-gram of a document at a random place in the vocabulary. Rows of 6
//! `f64`s packed end to end straddled two lines every other row, and confirming a lookup read
//! the hash from another place: here a row starts on a line and holds its hash, so an n-gram
//! in the vocabulary costs the index's line and this one.

use crate::huge::{Zeroable, ZeroedBuf};

/// One cache line of the table.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Line([f64; LINE]);

// SAFETY: all zeros is eight 0.0s.
unsafe impl Zeroable for Line {}

/// `f64`s in a line.
const LINE: usize = 8;

/// The table: `rows` rows of `width` log-probabilities, each row `stride` values (a whole
/// number of lines), its last value the bits of its token hash.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScoreTable {
    lines: ZeroedBuf<Line>,
    width: usize,
    stride: usize,
}

impl ScoreTable {
    /// A table of `rows` rows of `width` zeros (hashes 0), in memory the allocator zeroed.
    pub(crate) fn zeros(rows: usize, width: usize) -> Self {
        let stride = Self::stride_of(width);
        ScoreTable {
            lines: ZeroedBuf::zeroed(rows * (stride / LINE)),
            width,
            stride,
        }
    }

    /// Every value (and hash) of the table, row after row: row `j` is
    /// `flat()[j * stride()..][..stride()]`, its hash's bits the last value.
    #[inline(always)]
    pub(crate) fn flat(&self) -> &[f64] {
        // SAFETY: `Line` is `repr(C)` around `[f64; LINE]` and 64 bytes (its alignment adds no
        // padding), so the lines are `LINE` times as many `f64`s, contiguous, initialised.
        unsafe { std::slice::from_raw_parts(self.lines.as_ptr().cast(), self.lines.len() * LINE) }
    }

    /// [`flat`](Self::flat), writable.
    fn flat_mut(&mut self) -> &mut [f64] {
        // SAFETY: as in `flat`, from the unique borrow of the lines.
        unsafe {
            std::slice::from_raw_parts_mut(self.lines.as_mut_ptr().cast(), self.lines.len() * LINE)
        }
    }

    /// Values a row takes: its log-probabilities and hash, padded to a whole number of lines.
    pub(crate) fn stride(&self) -> usize {
        self.stride
    }

    /// The stride of a table of `width` scoring columns.
    pub(crate) const fn stride_of(width: usize) -> usize {
        (width + 1).next_multiple_of(LINE)
    }

    /// Number of rows.
    #[cfg(test)]
    pub(crate) fn rows(&self) -> usize {
        (self.lines.len() * LINE)
            .checked_div(self.stride)
            .unwrap_or(0)
    }

    /// Row `j`'s log-probabilities, when there is such a row.
    #[inline(always)]
    pub(crate) fn get(&self, j: usize) -> Option<&[f64]> {
        let at = j.checked_mul(self.stride)?;
        self.flat().get(at..at + self.width)
    }

    /// Row `j`'s log-probabilities (`j` must be below [`rows`](Self::rows)).
    pub(crate) fn row(&self, j: usize) -> &[f64] {
        let at = j * self.stride;
        &self.flat()[at..at + self.width]
    }

    /// Whether row `j` holds `hash` (false when there is no row `j`).
    #[inline(always)]
    pub(crate) fn holds(&self, j: u32, hash: u64) -> bool {
        let at = (j as usize + 1).wrapping_mul(self.stride).wrapping_sub(1);
        self.flat().get(at).is_some_and(|h| h.to_bits() == hash)
    }

    /// Every row's log-probabilities, writable, in order.
    pub(crate) fn rows_mut(&mut self) -> impl Iterator<Item = &mut [f64]> + '_ {
        let (width, stride) = (self.width, self.stride.max(1));
        self.flat_mut()
            .chunks_exact_mut(stride)
            .map(move |row| &mut row[..width])
    }

    /// Every row's log-probabilities, in order.
    pub(crate) fn rows_iter(&self) -> impl Iterator<Item = &[f64]> + '_ {
        let (width, stride) = (self.width, self.stride.max(1));
        self.flat()
            .chunks_exact(stride)
            .map(move |row| &row[..width])
    }

    /// Sets each row's hash, row `j`'s to `hashes[j]` (rows beyond `hashes` keep theirs).
    pub(crate) fn set_hashes(&mut self, hashes: &[u64]) {
        let stride = self.stride.max(1);
        for (row, &hash) in self.flat_mut().chunks_exact_mut(stride).zip(hashes) {
            if let Some(last) = row.last_mut() {
                *last = f64::from_bits(hash);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_start_on_a_line_and_keep_their_hash_apart() {
        for width in [1, 2, 6, 7, 8, 9, 15] {
            let mut t = ScoreTable::zeros(5, width);
            assert_eq!(t.rows(), 5);
            for (j, row) in t.rows_mut().enumerate() {
                assert_eq!(row.len(), width);
                for (c, v) in row.iter_mut().enumerate() {
                    *v = -((j * 100 + c) as f64);
                }
            }
            let hashes = [u64::MAX, 1, 0x7ff8_0000_0000_0001, 3, 4];
            t.set_hashes(&hashes);
            for (j, &hash) in hashes.iter().enumerate() {
                let row = t.get(j).unwrap();
                assert_eq!(row.as_ptr() as usize % 64, 0, "row {j} starts a line");
                assert_eq!(row, t.row(j));
                assert!(row
                    .iter()
                    .enumerate()
                    .all(|(c, &v)| v == -((j * 100 + c) as f64)));
                assert!(t.holds(j as u32, hash));
                assert!(!t.holds(j as u32, hash ^ 1));
            }
            assert!(t.get(5).is_none());
            assert!(!t.holds(5, 0));
            assert!(!t.holds(u32::MAX, 0));
            assert_eq!(t.rows_iter().count(), 5);
        }
        let empty = ScoreTable::default();
        assert_eq!(empty.rows(), 0);
        assert!(empty.get(0).is_none_or(<[f64]>::is_empty));
        assert!(!empty.holds(0, 0));
    }
}
