//! Training settings: [`TrainParams`] (a builder) -> [`TrainParams::check`] ->
//! [`ValidTrainParams`], the only way to fit a model.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::{AnalyzerOptions, NormalizeOptions, MAX_NGRAM};

use super::DEFAULT_LABELS;

/// Training settings. Every field is documented with its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainParams {
    /// Fold diacritics (and đ -> d) before tokenising. Default: `true`.
    pub fold_diacritics: bool,
    /// Shortest n-gram in syllables. Default: 1.
    pub ngram_min: usize,
    /// Longest n-gram in syllables. Default: 3.
    pub ngram_max: usize,
    /// Minimum number of training documents a token must appear in. Default: 2.
    pub min_df: u32,
    /// Maximum number of vocabulary columns (most frequent kept). Default: 30,000.
    pub max_features: usize,
    /// Additive (Lidstone) smoothing of naive Bayes. Default: 0.02.
    pub alpha: f64,
    /// How many times a title's tokens count. Default: 3.
    pub title_weight: u32,
    /// Position weighting of body tokens: a token at character offset `o` of the body counts
    /// `1 / (1 + o / position_decay)`, so the lead (where news states its topic) outweighs the
    /// tail. 0 turns it off. Default: 0 (off: cross-validation scores it lower, and the lead
    /// section of [`crate::page::lead_text`] already keeps glued stories out).
    #[serde(default)]
    pub position_decay: f64,
    /// Count `ln(1 + count)` instead of the count, so a word repeated many times in one
    /// article does not drown the rest. Default: false.
    #[serde(default)]
    pub sublinear_tf: bool,
    /// The labels, in order. Default: cybersecurity, summits, space, other.
    pub labels: Vec<String>,
    /// Documents kept (by deterministic reservoir sampling) to calibrate confidence by
    /// leave-one-out scoring. Default: 2,000.
    pub calibration_sample: usize,
    /// Most distinct tokens tracked while counting; beyond it the rarest are pruned, which
    /// bounds memory on huge corpora (lossy counting: a token pruned early and frequent later
    /// loses its early counts, which matters only for tokens far below the `max_features`
    /// most frequent). Default: 1,000,000.
    pub max_candidates: usize,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            fold_diacritics: true,
            ngram_min: 1,
            ngram_max: 3,
            min_df: 2,
            max_features: 30_000,
            alpha: 0.02,
            title_weight: 3,
            position_decay: 0.0,
            sublinear_tf: false,
            labels: DEFAULT_LABELS.iter().map(|s| s.to_string()).collect(),
            calibration_sample: 2_000,
            max_candidates: 1_000_000,
        }
    }
}

impl TrainParams {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets [`TrainParams::fold_diacritics`].
    pub fn fold_diacritics(mut self, v: bool) -> Self {
        self.fold_diacritics = v;
        self
    }
    /// Sets the n-gram range.
    pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
        self.ngram_min = min;
        self.ngram_max = max;
        self
    }
    /// Sets [`TrainParams::min_df`].
    pub fn min_df(mut self, v: u32) -> Self {
        self.min_df = v;
        self
    }
    /// Sets [`TrainParams::max_features`].
    pub fn max_features(mut self, v: usize) -> Self {
        self.max_features = v;
        self
    }
    /// Sets [`TrainParams::alpha`].
    pub fn alpha(mut self, v: f64) -> Self {
        self.alpha = v;
        self
    }
    /// Sets [`TrainParams::title_weight`].
    pub fn title_weight(mut self, v: u32) -> Self {
        self.title_weight = v;
        self
    }
    /// Sets [`TrainParams::position_decay`].
    pub fn position_decay(mut self, v: f64) -> Self {
        self.position_decay = v;
        self
    }
    /// Sets [`TrainParams::sublinear_tf`].
    pub fn sublinear_tf(mut self, v: bool) -> Self {
        self.sublinear_tf = v;
        self
    }
    /// Sets [`TrainParams::labels`].
    pub fn labels(mut self, v: Vec<String>) -> Self {
        self.labels = v;
        self
    }
    /// Sets [`TrainParams::calibration_sample`].
    pub fn calibration_sample(mut self, v: usize) -> Self {
        self.calibration_sample = v;
        self
    }
    /// Sets [`TrainParams::max_candidates`].
    pub fn max_candidates(mut self, v: usize) -> Self {
        self.max_candidates = v;
        self
    }

    /// Checks the settings once; the result can fit any number of times.
    pub fn check(self) -> Result<ValidTrainParams> {
        let bad = |m: String| Err(Error::Settings(m));
        if self.ngram_min < 1 || self.ngram_max < self.ngram_min || self.ngram_max > MAX_NGRAM {
            return bad(format!(
                "n-gram range {}..{} must satisfy 1 <= min <= max <= {MAX_NGRAM}",
                self.ngram_min, self.ngram_max
            ));
        }
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return bad(format!(
                "alpha is {}, expected a number above 0",
                self.alpha
            ));
        }
        if !(self.position_decay.is_finite() && self.position_decay >= 0.0) {
            return bad(format!(
                "position-decay is {}, expected 0 (off) or a positive number of characters",
                self.position_decay
            ));
        }
        if self.max_features == 0 {
            return bad("max-features must be at least 1".into());
        }
        if self.min_df == 0 {
            return bad("min-df must be at least 1".into());
        }
        if self.labels.len() < 2 {
            return bad("at least two labels are needed".into());
        }
        for (i, l) in self.labels.iter().enumerate() {
            if l.is_empty()
                || !l
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
            {
                return bad(format!(
                    "label \"{l}\" must be lower-case ASCII letters, digits, _ or -"
                ));
            }
            if self.labels[..i].contains(l) {
                return bad(format!("label \"{l}\" is given twice"));
            }
        }
        if self.max_candidates < self.max_features {
            return bad("max-candidates must be at least max-features".into());
        }
        Ok(ValidTrainParams(self))
    }

    /// The analyzer these settings describe.
    pub fn analyzer_options(&self) -> AnalyzerOptions {
        AnalyzerOptions {
            normalize: NormalizeOptions {
                fold_diacritics: self.fold_diacritics,
            },
            ngram_min: self.ngram_min,
            ngram_max: self.ngram_max,
        }
    }
}

/// Checked training settings: the only way to [`fit`](ValidTrainParams::fit) a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidTrainParams(TrainParams);

impl std::ops::Deref for ValidTrainParams {
    type Target = TrainParams;
    fn deref(&self) -> &TrainParams {
        &self.0
    }
}
