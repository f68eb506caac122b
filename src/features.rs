//! Features stage: the [`Vocabulary`] that maps tokens to columns, and sparse counts.
//!
//! A vocabulary is fitted on training data by document frequency: tokens seen in fewer than
//! `min_df` documents are dropped, and at most `max_features` of the most frequent are kept
//! (ties broken by the token's text, so the same data always gives the same columns). Columns
//! are in the tokens' text order.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};

use crate::text::{token_hash, TokenMap};

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
    index: TokenMap<u32>,
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
            index: TokenMap::default(),
        })
    }

    /// (Re)builds the index from the terms. Fails on a repeated term or a hash collision,
    /// naming the term.
    pub(crate) fn build_index(&mut self) -> Result<(), String> {
        u32::try_from(self.len()).map_err(|_| "vocabulary too large".to_string())?;
        let mut index = TokenMap::default();
        index.reserve(self.len());
        for (column, term) in self.terms().enumerate() {
            if let Some(prev) = index.insert(token_hash(term), column as u32) {
                return Err(format!(
                    "vocabulary term \"{term}\" repeats (or collides with) column {prev}"
                ));
            }
        }
        self.index = index;
        Ok(())
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
        self.index.get(&hash).copied()
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
    fn merge_adds_repeats() {
        assert_eq!(
            merge_counts(vec![(3, 1.0), (1, 2.0), (3, 0.5)]),
            vec![(1, 2.0), (3, 1.5)]
        );
    }
}
