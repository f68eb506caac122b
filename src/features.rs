//! Features stage: the [`Vocabulary`] that maps tokens to columns, and sparse counts.
//!
//! A vocabulary is fitted on training data by document frequency: tokens seen in fewer than
//! `min_df` documents are dropped, and at most `max_features` of the most frequent are kept
//! (ties broken by the token's text, so the same data always gives the same columns). Columns
//! are in the tokens' text order.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};

use crate::huge::{Zeroable, ZeroedBuf};
use crate::text::token_hash;

/// Tokens mapped to columns.
///
/// The terms' texts are kept one after another in one string (a model's 30,000 terms as
/// 30,000 `String`s were a third of a start-up's allocations, and were copied again for the
/// events' term weights).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Every term's text, in column order, one after another.
    text: String,
    /// `ends[j]`: where term `j` ends in `text` (it starts where term `j - 1` ends).
    ends: Vec<u32>,
    index: ColumnIndex,
}

/// A document as sparse counts: `(column, count)` sorted by column, each column once.
pub type SparseCounts = Vec<(u32, f64)>;

impl Vocabulary {
    /// A vocabulary whose columns are `terms`, in this order. Fails on a repeated term or a
    /// hash collision, naming the term.
    pub fn from_terms(terms: Vec<String>) -> Result<Self, String> {
        Self::from_slice(&terms)
    }

    /// [`from_terms`](Self::from_terms) without taking the terms (their text is copied).
    pub fn from_slice<S: AsRef<str>>(terms: &[S]) -> Result<Self, String> {
        let mut vocabulary = Self::unindexed(terms.iter().map(AsRef::as_ref))?;
        vocabulary.build_index()?;
        Ok(vocabulary)
    }

    /// The terms' texts in column order, without the index that maps token hashes to columns
    /// ([`build_index`](Self::build_index) makes it). For the model's own parts, which build
    /// the index once every term is in.
    pub(crate) fn unindexed<'a>(terms: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut vocabulary = Vocabulary::default();
        for term in terms {
            vocabulary.push_text(term)?;
        }
        Ok(vocabulary)
    }

    /// Appends a term's text (no index entry: see [`build_index`](Self::build_index)).
    fn push_text(&mut self, term: &str) -> Result<(), String> {
        self.text.push_str(term);
        let end = u32::try_from(self.text.len()).map_err(|_| "vocabulary too large".to_string())?;
        self.ends.push(end);
        Ok(())
    }

    /// An unindexed vocabulary from its stored parts: every term's text one after another and
    /// where each ends. `None` when the ends do not cut `text` into terms.
    pub(crate) fn from_parts(text: String, ends: Vec<u32>) -> Option<Self> {
        let mut start = 0usize;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == text.len()).then_some(Vocabulary {
            text,
            ends,
            index: ColumnIndex::default(),
        })
    }

    /// (Re)builds the index from the terms. Fails on a repeated term or a hash collision,
    /// naming the term.
    pub(crate) fn build_index(&mut self) -> Result<(), String> {
        u32::try_from(self.len()).map_err(|_| "vocabulary too large".to_string())?;
        let hashes: Vec<u64> = self.terms().map(token_hash).collect();
        match ColumnIndex::new(hashes) {
            Ok(index) => {
                self.index = index;
                Ok(())
            }
            Err((column, prev)) => Err(format!(
                "vocabulary term \"{}\" repeats (or collides with) column {prev}",
                self.term(column)
            )),
        }
    }

    /// Number of columns.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no columns.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The token of column `j` (which must be below [`len`](Self::len)).
    pub fn term(&self, j: usize) -> &str {
        let start = if j == 0 { 0 } else { self.ends[j - 1] as usize };
        &self.text[start..self.ends[j] as usize]
    }

    /// The tokens, in column order.
    pub fn terms(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|j| self.term(j))
    }

    /// The column of a token hash.
    #[inline]
    pub fn column(&self, hash: u64) -> Option<u32> {
        self.index.get(hash)
    }

    /// The index, for a loop of lookups that confirm a candidate column themselves
    /// ([`Probe::find_map`]).
    pub(crate) fn probe(&self) -> Probe<'_> {
        self.index.probe()
    }

    /// Each column's token hash, in column order (empty when not indexed).
    pub(crate) fn hashes(&self) -> &[u64] {
        &self.index.hashes
    }
}

/// Eight slots of a [`ColumnIndex`] in one cache line: each slot's tag (32 bits of the token
/// hash, never 0; 0 marks a free slot), then each slot's column. Slots fill in order, so a
/// bucket whose last tag is 0 has sent no entry on to the next bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C, align(64))]
struct Bucket {
    tags: [u32; 8],
    columns: [u32; 8],
}

// SAFETY: all zeros is a bucket of free slots.
unsafe impl Zeroable for Bucket {}

impl Bucket {
    /// Bit `i` set when slot `i`'s tag is `tag`.
    #[inline(always)]
    fn matches(&self, tag: u32) -> u32 {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{
                _mm_castsi128_ps, _mm_cmpeq_epi32, _mm_load_si128, _mm_movemask_ps, _mm_set1_epi32,
            };
            // SSE2 is part of x86-64. The bucket is 64-byte aligned, so both 16-byte loads
            // are aligned and inside it.
            unsafe {
                let want = _mm_set1_epi32(tag as i32);
                let p = self.tags.as_ptr().cast();
                let lo = _mm_cmpeq_epi32(_mm_load_si128(p), want);
                let hi = _mm_cmpeq_epi32(_mm_load_si128(p.add(1)), want);
                (_mm_movemask_ps(_mm_castsi128_ps(lo))
                    | (_mm_movemask_ps(_mm_castsi128_ps(hi)) << 4)) as u32
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let mut m = 0u32;
            for (i, &t) in self.tags.iter().enumerate() {
                m |= u32::from(t == tag) << i;
            }
            m
        }
    }
}

/// The map from token hash to column behind [`Vocabulary::column`]: open addressing over
/// buckets of eight slots, each slot a 32-bit tag of the hash and a column, the full hashes in
/// column order beside it to confirm a tag's match.
///
/// Why not a standard hash map of `(u64, u32)` entries: scoring looks up every n-gram of every
/// document at a random place, and most of them (87% with a bench model) are in the
/// vocabulary. The map read three lines for such a hit (its control bytes, its 16-byte entry
/// in a 1 MiB array, then the scoring row); here it is the bucket's line (a table of 512 KiB
/// for 30,000 columns, on huge pages) and the scoring row, which holds the hash that confirms
/// the tag's match ([`Probe::find_map`]; BENCHMARKS.md, issue 18 part 17).
#[derive(Debug, Clone, Default, PartialEq)]
struct ColumnIndex {
    /// A power of two of buckets (none when the vocabulary is not indexed).
    buckets: ZeroedBuf<Bucket>,
    /// The top bits of the hash times an odd constant choose its first bucket
    /// ([`Probe::home`]): `>> shift`.
    shift: u32,
    /// Each column's token hash.
    hashes: Vec<u64>,
}

impl ColumnIndex {
    /// The index of `hashes` (column `j`'s hash at `j`). A repeated hash fails with the later
    /// column and the first one that has it.
    fn new(hashes: Vec<u64>) -> Result<Self, (usize, u32)> {
        // About four entries a bucket at most (half the slots), at least one bucket free.
        let buckets = (hashes.len() / 4 + 1).next_power_of_two();
        let mut index = ColumnIndex {
            buckets: ZeroedBuf::zeroed(buckets),
            shift: 64 - buckets.trailing_zeros(),
            hashes,
        };
        if buckets == 1 {
            // `hash >> 64` would overflow: a single bucket is chosen by no bits at all.
            index.shift = 63;
        }
        for column in 0..index.hashes.len() {
            let hash = index.hashes[column];
            if let Some(prev) = index.get(hash) {
                return Err((column, prev));
            }
            index.insert(hash, column as u32);
        }
        Ok(index)
    }

    /// The tag stored for `hash`: its low 32 bits, never 0.
    #[inline(always)]
    fn tag(hash: u64) -> u32 {
        hash as u32 | 1
    }

    /// The first bucket to look in for `hash`.
    #[inline(always)]
    fn home(&self, hash: u64) -> usize {
        self.probe().home(hash)
    }

    /// Puts `hash` (not in the index yet) in the first free slot from its home bucket on.
    fn insert(&mut self, hash: u64, column: u32) {
        let mask = self.buckets.len() - 1;
        let mut at = self.home(hash);
        loop {
            let bucket = &mut self.buckets[at];
            if let Some(i) = bucket.tags.iter().position(|&t| t == 0) {
                bucket.tags[i] = Self::tag(hash);
                bucket.columns[i] = column;
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The column of `hash`, if it has one.
    #[inline]
    fn get(&self, hash: u64) -> Option<u32> {
        self.probe().find_map(hash, |column| {
            (self.hashes.get(column as usize) == Some(&hash)).then_some(column)
        })
    }

    /// A view of the buckets for lookups.
    #[inline(always)]
    fn probe(&self) -> Probe<'_> {
        Probe {
            buckets: &self.buckets[..],
            shift: self.shift,
            mask: self.buckets.len().wrapping_sub(1),
        }
    }
}

/// The buckets of a [`Vocabulary`]'s index, for looking up many hashes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probe<'a> {
    buckets: &'a [Bucket],
    shift: u32,
    mask: usize,
}

impl Probe<'_> {
    /// The first bucket to look in for `hash`: the top bits of the hash times an odd constant.
    /// Not the hash's own top bits: a syllable's FNV-1a hash takes its last byte in through
    /// one multiply, which leaves them nearly the same for syllables that differ only there
    /// (and they would crowd a few buckets).
    #[inline(always)]
    fn home(&self, hash: u64) -> usize {
        ((hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize) & self.mask
    }

    /// `confirm(j)` for the candidate columns `j` of `hash` (those whose tag matches), in
    /// order, until one gives `Some`. `confirm(j)` must give `Some` only when column `j`'s
    /// token hash is `hash` (scoring checks the hash kept in the row it reads anyway).
    #[inline(always)]
    pub(crate) fn find_map<R>(
        &self,
        hash: u64,
        mut confirm: impl FnMut(u32) -> Option<R>,
    ) -> Option<R> {
        let tag = ColumnIndex::tag(hash);
        let mut at = self.home(hash);
        loop {
            let bucket = self.buckets.get(at)?;
            let mut matches = bucket.matches(tag);
            while matches != 0 {
                let column = bucket.columns[matches.trailing_zeros() as usize];
                if let Some(found) = confirm(column) {
                    return Some(found);
                }
                matches &= matches - 1;
            }
            if bucket.tags[7] == 0 {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// Stored as the JSON list of its terms, in column order (the model file's `vocabulary`).
impl Serialize for Vocabulary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.terms())
    }
}

/// Reads a JSON list of terms into an unindexed [`Vocabulary`]: each term's text is appended
/// to the one string as it is parsed, with no `String` per term (a model file's 30,000 terms
/// as strings were most of the allocations of a start). The caller builds the index
/// ([`Vocabulary::build_index`]), which also reports a repeated term.
pub(crate) fn deserialize_unindexed<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vocabulary, D::Error> {
    struct Terms;
    impl<'de> Visitor<'de> for Terms {
        type Value = Vocabulary;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of terms")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vocabulary, A::Error> {
            let mut vocabulary = Vocabulary::default();
            while seq.next_element_seed(Term(&mut vocabulary))?.is_some() {}
            Ok(vocabulary)
        }
    }
    /// One term, appended to the vocabulary's text from the parser's own (borrowed or
    /// unescaped) string.
    struct Term<'v>(&'v mut Vocabulary);
    impl<'de> DeserializeSeed<'de> for Term<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_str(self)
        }
    }
    impl<'de> Visitor<'de> for Term<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a term")
        }
        fn visit_str<E: serde::de::Error>(self, term: &str) -> Result<(), E> {
            self.0.push_text(term).map_err(E::custom)
        }
    }
    d.deserialize_seq(Terms)
}

/// Sorts `(key, count)` pairs by key and adds up repeats (keys are columns or token hashes).
pub(crate) fn merge_counts<K: Ord + Copy>(mut counts: Vec<(K, f64)>) -> Vec<(K, f64)> {
    counts.sort_unstable_by_key(|&(c, _)| c);
    let mut out: Vec<(K, f64)> = Vec::with_capacity(counts.len());
    for (c, v) in counts {
        match out.last_mut() {
            Some((last, sum)) if *last == c => *sum += v,
            _ => out.push((c, v)),
        }
    }
    out
}

/// Per-token statistics gathered in one pass over training data (borrowed from the table
/// that gathered them: only the chosen few are copied).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TermStats<'a> {
    /// The token's text.
    pub text: &'a str,
    /// In how many documents it appears.
    pub document_frequency: u32,
    /// Its summed (weighted) count in each class's documents.
    pub class_counts: &'a [f64],
}

/// Chooses the vocabulary: tokens in at least `min_df` documents, the `max_features` most
/// frequent (ties by text), in text order. Returns the chosen stats in column order.
pub(crate) fn select_vocabulary<'a>(
    stats: impl IntoIterator<Item = TermStats<'a>>,
    min_df: u32,
    max_features: usize,
) -> Vec<TermStats<'a>> {
    let mut kept: Vec<TermStats<'a>> = stats
        .into_iter()
        .filter(|s| s.document_frequency >= min_df)
        .collect();
    if kept.len() > max_features {
        // The same set a full sort by (frequency, text) would keep, found in linear time.
        kept.select_nth_unstable_by(max_features - 1, |a, b| {
            b.document_frequency
                .cmp(&a.document_frequency)
                .then_with(|| a.text.cmp(b.text))
        });
        kept.truncate(max_features);
    }
    kept.sort_unstable_by(|a, b| a.text.cmp(b.text));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(text: &'static str, df: u32) -> TermStats<'static> {
        TermStats {
            text,
            document_frequency: df,
            class_counts: &[1.0],
        }
    }

    #[test]
    fn selection_applies_min_df_then_max_features_then_text_order() {
        let chosen = select_vocabulary(
            vec![
                stat("c", 5),
                stat("a", 1),
                stat("b", 3),
                stat("d", 3),
                stat("e", 2),
            ],
            2,
            3,
        );
        let names: Vec<&str> = chosen.iter().map(|s| s.text).collect();
        assert_eq!(names, vec!["b", "c", "d"]);
    }

    #[test]
    fn repeated_terms_are_rejected() {
        let err = Vocabulary::from_terms(vec!["a".into(), "a".into()]).unwrap_err();
        assert!(err.contains("\"a\" repeats"), "{err}");
    }

    #[test]
    fn stored_as_the_list_of_its_terms_and_read_back_without_a_string_per_term() {
        let terms = ["an ninh", "mang", "\"quoted\" \\ tab\t", "vệ tinh", ""];
        let vocabulary = Vocabulary::from_slice(&terms).unwrap();
        let json = serde_json::to_string(&vocabulary).unwrap();
        // Exactly what the list of strings gives: model files keep their bytes.
        assert_eq!(json, serde_json::to_string(&terms).unwrap());
        let mut de = serde_json::Deserializer::from_str(&json);
        let mut read = deserialize_unindexed(&mut de).unwrap();
        assert_eq!(read.terms().collect::<Vec<_>>(), terms);
        assert_eq!(read.column(token_hash("mang")), None, "not indexed yet");
        read.build_index().unwrap();
        assert_eq!(read, vocabulary);
        assert_eq!(read.column(token_hash("vệ tinh")), Some(3));
        let mut de = serde_json::Deserializer::from_str("[\"a\", 3]");
        assert!(deserialize_unindexed(&mut de).is_err());
    }

    #[test]
    fn a_repeated_term_is_found_when_the_index_is_built() {
        let mut read = Vocabulary::unindexed(["a", "b", "a"]).unwrap();
        let err = read.build_index().unwrap_err();
        assert_eq!(
            err,
            "vocabulary term \"a\" repeats (or collides with) column 0"
        );
    }

    #[test]
    fn parts_must_cut_the_text_into_terms() {
        let ok = Vocabulary::from_parts("anninh".into(), vec![2, 6]).unwrap();
        assert_eq!(ok.terms().collect::<Vec<_>>(), ["an", "ninh"]);
        assert!(Vocabulary::from_parts("anninh".into(), vec![2, 5]).is_none());
        assert!(Vocabulary::from_parts("anninh".into(), vec![4, 2, 6]).is_none());
        assert!(
            Vocabulary::from_parts("vệ".into(), vec![2, 4]).is_none(),
            "inside a letter"
        );
        assert!(Vocabulary::from_parts("an".into(), vec![2, 7]).is_none());
    }

    #[test]
    fn the_index_finds_every_column_and_nothing_else_through_full_buckets() {
        // 2,000 hashes in 512 buckets (about four a bucket, so some fill and send entries on
        // to the next ones).
        let mut hashes: Vec<u64> = (0..2000u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xABCD)
            .collect();
        // The same tag (low 32 bits) for 40 hashes, so tags match and only the full hash
        // tells them apart.
        hashes.extend((1..=40u64).map(|i| (i << 40) | 0x1234_5679));
        let index = ColumnIndex::new(hashes.clone()).unwrap();
        assert!(
            index.buckets.iter().any(|b| b.tags[7] != 0),
            "some bucket is full"
        );
        for (j, &h) in hashes.iter().enumerate() {
            assert_eq!(index.get(h), Some(j as u32), "hash {h:#x}");
            // A candidate's confirmation decides: refusing every one finds nothing.
            assert_eq!(index.probe().find_map(h, |_| None::<u32>), None);
        }
        for h in [0u64, 1, u64::MAX, (41 << 40) | 0x1234_5679, 0x1234_5678] {
            assert_eq!(index.get(h), None, "hash {h:#x}");
        }
        let mut random = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..10_000 {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let expected = hashes.iter().position(|&h| h == random).map(|j| j as u32);
            assert_eq!(index.get(random), expected);
        }
        // A repeated hash names the later column and the first.
        let mut repeated = hashes.clone();
        repeated.push(hashes[7]);
        assert_eq!(ColumnIndex::new(repeated).unwrap_err(), (hashes.len(), 7));
        // Empty and tiny indexes.
        assert_eq!(ColumnIndex::default().get(5), None);
        let one = ColumnIndex::new(vec![5]).unwrap();
        assert_eq!((one.get(5), one.get(6)), (Some(0), None));
    }

    #[test]
    fn merge_adds_repeats() {
        assert_eq!(
            merge_counts(vec![(3, 1.0), (1, 2.0), (3, 0.5)]),
            vec![(1, 2.0), (3, 1.5)]
        );
    }
}
