//! Text stage: normalisation and tokenisation of Vietnamese text.
//!
//! [`normalize()`] makes every spelling of a word identical; [`Analyzer`] chains normalisation,
//! syllable splitting and n-grams into one pass that hands out hashed tokens.

pub(crate) mod datenum;
pub(crate) mod lexicon;
pub(crate) mod lower;
pub mod normalize;
pub mod tokenize;
pub(crate) mod words;

pub use normalize::{fold_diacritics, normalize, normalize_into, NormalizeOptions};
pub(crate) use tokenize::{lossy_record_hash, lossy_text_hash, Gram, Piece, Syllables, TokenMap};
pub use tokenize::{
    syllables_at, text_hash, token_hash, Analyzer, AnalyzerOptions, Token, MAX_NGRAM,
};
