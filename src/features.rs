//! Features stage: the [`Vocabulary`] that maps tokens to columns, and sparse counts.
//!
//! A vocabulary is fitted on training data by document frequency: tokens seen in fewer than
//! `min_df` documents are dropped, and at most `max_features` of the most frequent are kept
//! (ties broken by the token's text, so the same data always gives the same columns). Columns
//! are in the tokens' text order.

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
        let too_large = || "vocabulary too large".to_string();
        let mut index = TokenMap::default();
        index.reserve(terms.len());
        let bytes = terms.iter().map(|t| t.as_ref().len()).sum();
        let mut text = String::with_capacity(bytes);
        let mut ends = Vec::with_capacity(terms.len());
        for (i, term) in terms.iter().enumerate() {
            let term = term.as_ref();
            let column = u32::try_from(i).map_err(|_| too_large())?;
            if let Some(prev) = index.insert(token_hash(term), column) {
                return Err(format!(
                    "vocabulary term \"{term}\" repeats (or collides with) column {prev}"
                ));
            }
            text.push_str(term);
            ends.push(u32::try_from(text.len()).map_err(|_| too_large())?);
        }
        Ok(Vocabulary { text, ends, index })
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
    fn merge_adds_repeats() {
        assert_eq!(
            merge_counts(vec![(3, 1.0), (1, 2.0), (3, 0.5)]),
            vec![(1, 2.0), (3, 1.5)]
        );
    }
}
