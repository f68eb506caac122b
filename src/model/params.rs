//! Training settings, the linfa way: [`TrainParams`] is a builder of unchecked settings,
//! [`TrainParams::check`] validates them once into [`ValidTrainParams`], and only checked
//! settings can [`fit`](ValidTrainParams::fit) a model.
//!
//! There is one way to set each of the settings: a builder method of [`TrainParams`],
//! named like the setting and documented with its default. [`ValidTrainParams`] reads them back
//! with getters of the same names. To change a trained model's settings (as `newsline evaluate
//! --folds` does), turn them back into a builder with [`TrainParams::from`].
//!
//! The settings are stored in every model file (its `"params"` object); the private
//! [`Settings`] struct is that stored form, so its field names and order are a file format.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::{AnalyzerOptions, NormalizeOptions, MAX_NGRAM};

use super::prior::StreamPrior;
use super::{DEFAULT_LABELS, OTHER};

/// The default stream prior's share of `other`: see [`TrainParams::stream_prior`].
pub const DEFAULT_OTHER_SHARE: f64 = 0.9;

/// The default least probability of a second topic: see [`TrainParams::also_min`].
pub const DEFAULT_ALSO_MIN: f64 = 0.25;

/// The default number of parts of `other`: see [`TrainParams::other_parts`].
pub const DEFAULT_OTHER_PARTS: usize = 3;

/// The default least second-stage probability of a topic: see
/// [`TrainParams::second_stage_min`].
pub const DEFAULT_SECOND_STAGE_MIN: f64 = 0.45;

/// Most parts of `other`.
pub const MAX_OTHER_PARTS: usize = 32;

/// The settings as a model file stores them: the key order of `"params"` is this field order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Settings {
    fold_diacritics: bool,
    ngram_min: usize,
    ngram_max: usize,
    min_df: u32,
    max_features: usize,
    alpha: f64,
    title_weight: u32,
    // Added after the first model files; those files did not have them.
    #[serde(default)]
    position_decay: f64,
    #[serde(default)]
    sublinear_tf: bool,
    labels: Vec<String>,
    calibration_sample: usize,
    max_candidates: usize,
    // Decision settings, added with the stream prior; files without them decide with the
    // corpus's shares and name no second topic.
    #[serde(default)]
    stream_prior: StreamPrior,
    #[serde(default = "no_second_topic")]
    also_min: f64,
    // Added with the parts of `other`; files without it have none, and it is written only
    // when there are parts, so models without parts keep their bytes.
    #[serde(default, skip_serializing_if = "no_parts")]
    other_parts: usize,
    // Added with the second stage; files without it have none (0), and it is written only
    // when on.
    #[serde(default, skip_serializing_if = "is_off")]
    second_stage_min: f64,
}

fn is_off(min: &f64) -> bool {
    *min == 0.0
}

fn no_parts(parts: &usize) -> bool {
    *parts < 2
}

fn no_second_topic() -> f64 {
    1.0
}

fn default_stream_prior() -> StreamPrior {
    StreamPrior(vec![(OTHER.to_string(), DEFAULT_OTHER_SHARE)])
}

/// Training settings, not yet checked: a builder. Start from [`TrainParams::new`] (the
/// defaults, which the built-in model is trained with), change settings with the methods
/// below, then [`check`](Self::check) them.
///
/// ```
/// use newsline::model::TrainParams;
///
/// let params = TrainParams::new().min_df(1).alpha(0.1).check()?;
/// assert_eq!(params.min_df(), 1);
/// assert!(TrainParams::new().max_features(0).check().is_err());
/// # Ok::<(), newsline::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TrainParams(Settings);

/// Checked training settings: the only way to [`fit`](ValidTrainParams::fit) a model. Made by
/// [`TrainParams::check`]; each getter is named like the builder method that sets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ValidTrainParams(Settings);

impl Default for TrainParams {
    fn default() -> Self {
        // The analyzer's defaults are the one source of the text settings.
        let text = AnalyzerOptions::default();
        TrainParams(Settings {
            fold_diacritics: text.normalize.fold_diacritics,
            ngram_min: text.ngram_min,
            ngram_max: text.ngram_max,
            min_df: 2,
            max_features: 30_000,
            alpha: 0.02,
            title_weight: 3,
            position_decay: 0.0,
            sublinear_tf: false,
            labels: DEFAULT_LABELS.iter().map(|s| s.to_string()).collect(),
            calibration_sample: 2_000,
            max_candidates: 1_000_000,
            stream_prior: default_stream_prior(),
            also_min: DEFAULT_ALSO_MIN,
            other_parts: DEFAULT_OTHER_PARTS,
            second_stage_min: DEFAULT_SECOND_STAGE_MIN,
        })
    }
}

impl From<ValidTrainParams> for TrainParams {
    /// Checked settings as a builder again, to change some of them.
    fn from(valid: ValidTrainParams) -> Self {
        TrainParams(valid.0)
    }
}

impl TrainParams {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fold diacritics (and đ -> d) before tokenising, so text typed without them matches.
    /// Default: `true` (see [`NormalizeOptions`]).
    pub fn fold_diacritics(mut self, fold: bool) -> Self {
        self.0.fold_diacritics = fold;
        self
    }

    /// Shortest n-gram, in syllables. Default: 1 (see [`AnalyzerOptions`]).
    pub fn ngram_min(mut self, n: usize) -> Self {
        self.0.ngram_min = n;
        self
    }

    /// Longest n-gram, in syllables, at most [`MAX_NGRAM`]. Default: 3 (see
    /// [`AnalyzerOptions`]).
    pub fn ngram_max(mut self, n: usize) -> Self {
        self.0.ngram_max = n;
        self
    }

    /// Minimum number of training documents a token must appear in. Default: 2.
    pub fn min_df(mut self, documents: u32) -> Self {
        self.0.min_df = documents;
        self
    }

    /// Maximum number of vocabulary columns (the most frequent tokens are kept). Default:
    /// 30,000.
    pub fn max_features(mut self, columns: usize) -> Self {
        self.0.max_features = columns;
        self
    }

    /// Additive (Lidstone) smoothing of naive Bayes, above 0. Default: 0.02.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.0.alpha = alpha;
        self
    }

    /// How many times a title's tokens count. Default: 3.
    pub fn title_weight(mut self, weight: u32) -> Self {
        self.0.title_weight = weight;
        self
    }

    /// Position weighting of body tokens: a token at character offset `o` of the body counts
    /// `1 / (1 + o / position_decay)`, so the lead (where news states its topic) outweighs the
    /// tail. 0 turns it off. Default: 0 (off: cross-validation scores it lower, and the lead
    /// section of [`crate::page::lead_text`] already keeps glued stories out).
    pub fn position_decay(mut self, characters: f64) -> Self {
        self.0.position_decay = characters;
        self
    }

    /// Count `ln(1 + count)` instead of the count, so a word repeated many times in one
    /// article does not drown the rest. Default: false.
    pub fn sublinear_tf(mut self, sublinear: bool) -> Self {
        self.0.sublinear_tf = sublinear;
        self
    }

    /// The labels, in order: at least two, lower-case ASCII letters, digits, `_` or `-`, each
    /// once. A label named [`OTHER`](super::OTHER) is the catch-all that low-confidence topics
    /// fall back to. Default: cybersecurity, summits, space, other.
    pub fn labels<I, S>(mut self, labels: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.0.labels = labels.into_iter().map(Into::into).collect();
        self
    }

    /// Documents kept (by deterministic reservoir sampling) to calibrate confidence by
    /// leave-one-out scoring; 0 leaves the model uncalibrated. Default: 2,000.
    pub fn calibration_sample(mut self, documents: usize) -> Self {
        self.0.calibration_sample = documents;
        self
    }

    /// Most distinct tokens tracked while counting, at least `max_features`; beyond it the
    /// rarest are pruned, which bounds memory on huge corpora (lossy counting: a token pruned
    /// early and frequent later loses its early counts, which matters only for tokens far below
    /// the `max_features` most frequent). Default: 1,000,000.
    pub fn max_candidates(mut self, tokens: usize) -> Self {
        self.0.max_candidates = tokens;
        self
    }

    /// How often labels turn up in the news the model will read, as `other=0.85`: decisions
    /// and confidences are corrected from the training corpus's shares to these (see
    /// [`StreamPrior`]); [`StreamPrior::corpus`] keeps the corpus's shares. Default:
    /// `other=0.9`, the topics sharing the rest, chosen on the development stream
    /// (`tests/data/stream/dev.jsonl`, see the README).
    pub fn stream_prior(mut self, prior: StreamPrior) -> Self {
        self.0.stream_prior = prior;
        self
    }

    /// Least share of an article's text (its confident paragraphs) that a second topic must
    /// hold for the article to be also about it (`also` in `classify`; see
    /// [`TopicModel::second_topic`](super::TopicModel::second_topic)). Default: 0.25, chosen on
    /// `tests/data/stream/two-topics-dev.jsonl`.
    pub fn also_min(mut self, probability: f64) -> Self {
        self.0.also_min = probability;
        self
    }

    /// Parts that the `other` label is split into inside the model, learned without
    /// supervision (spherical k-means on tf-idf vectors of a sample of `other` documents), so
    /// that `other`, a whole newspaper, is a mixture of multinomials instead of one blend: a
    /// topic's near neighbours then fit their own kind of news better than the topic. Outputs
    /// still name only `other` (see `parts.rs`). 0 or 1: one multinomial for `other`; at most
    /// [`MAX_OTHER_PARTS`]; needs a label named `other` (without one, the default gives way
    /// to none). Default: 3, chosen by 5-fold cross-validation on `training/` (macro-F1 0.958,
    /// against 0.939 with one `other`; see `models/README.md`).
    pub fn other_parts(mut self, parts: usize) -> Self {
        self.0.other_parts = parts;
        self
    }

    /// The second stage (issue 13): when naive Bayes decides a topic, a logistic regression
    /// of that topic against the rest, trained on the same counts (`ln(1 + count) x idf`,
    /// L2-normalised), must give it at least this probability, or the article is `other`.
    /// 0 turns the second stage off (the model then stores none). Default
    /// [`DEFAULT_SECOND_STAGE_MIN`] (0.45), chosen on the stream tuning sets
    /// (`training/README.md`, "Second stage").
    pub fn second_stage_min(mut self, probability: f64) -> Self {
        self.0.second_stage_min = probability;
        self
    }

    /// The labels before they are checked, for validating a model file in its own order.
    pub(super) fn unchecked_labels(&self) -> &[String] {
        &self.0.labels
    }

    /// Checks the settings once; the result can fit any number of times.
    pub fn check(self) -> Result<ValidTrainParams> {
        let s = &self.0;
        let bad = |setting: &'static str, problem: String| Err(Error::Setting { setting, problem });
        if s.ngram_min < 1 || s.ngram_max < s.ngram_min || s.ngram_max > MAX_NGRAM {
            let (setting, value) = if s.ngram_min < 1 {
                ("ngram_min", s.ngram_min)
            } else {
                ("ngram_max", s.ngram_max)
            };
            return bad(
                setting,
                format!(
                    "is {value}: the n-gram range {}..{} must satisfy 1 <= min <= max <= {MAX_NGRAM}",
                    s.ngram_min, s.ngram_max
                ),
            );
        }
        if !(s.alpha.is_finite() && s.alpha > 0.0) {
            return bad(
                "alpha",
                format!("is {}, expected a number above 0", s.alpha),
            );
        }
        if !(s.position_decay.is_finite() && s.position_decay >= 0.0) {
            return bad(
                "position_decay",
                format!(
                    "is {}, expected 0 (off) or a positive number of characters",
                    s.position_decay
                ),
            );
        }
        if s.max_features == 0 {
            return bad("max_features", "must be at least 1".into());
        }
        if s.min_df == 0 {
            return bad("min_df", "must be at least 1".into());
        }
        if s.labels.len() < 2 {
            return bad("labels", "must name at least two labels".into());
        }
        for (i, l) in s.labels.iter().enumerate() {
            if l.is_empty()
                || !l
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
            {
                return Err(Error::Settings(format!(
                    "label \"{l}\" must be lower-case ASCII letters, digits, _ or -"
                )));
            }
            if s.labels[..i].contains(l) {
                return Err(Error::Settings(format!("label \"{l}\" is given twice")));
            }
        }
        let mut s = s.clone();
        // The default prior names `other`; label sets without it keep their corpus's shares.
        if s.stream_prior == default_stream_prior() && !s.labels.iter().any(|l| l == OTHER) {
            s.stream_prior = StreamPrior::corpus();
        }
        s.stream_prior.shares(&s.labels)?;
        if !(s.also_min > 0.0 && s.also_min <= 1.0) {
            return bad(
                "also_min",
                format!(
                    "is {}, expected a probability above 0, at most 1",
                    s.also_min
                ),
            );
        }
        if !(0.0..1.0).contains(&s.second_stage_min) {
            return bad(
                "second_stage_min",
                format!(
                    "is {}, expected 0 (off) or a probability below 1",
                    s.second_stage_min
                ),
            );
        }
        if s.other_parts > MAX_OTHER_PARTS {
            return bad(
                "other_parts",
                format!("is {}, expected at most {MAX_OTHER_PARTS}", s.other_parts),
            );
        }
        let has_other = s.labels.iter().any(|l| l == OTHER);
        // The default names `other`'s parts; label sets without it keep one column a label.
        if s.other_parts == DEFAULT_OTHER_PARTS && !has_other {
            s.other_parts = 0;
        }
        if s.other_parts >= 2 && !has_other {
            return bad(
                "other_parts",
                format!(
                    "is {}, but there is no label named \"{OTHER}\" to split",
                    s.other_parts
                ),
            );
        }
        if s.max_candidates < s.max_features {
            return bad(
                "max_candidates",
                format!(
                    "must be at least max_features ({} < {})",
                    s.max_candidates, s.max_features
                ),
            );
        }
        Ok(ValidTrainParams(s))
    }
}

impl ValidTrainParams {
    /// See [`TrainParams::fold_diacritics`].
    pub fn fold_diacritics(&self) -> bool {
        self.0.fold_diacritics
    }

    /// See [`TrainParams::ngram_min`].
    pub fn ngram_min(&self) -> usize {
        self.0.ngram_min
    }

    /// See [`TrainParams::ngram_max`].
    pub fn ngram_max(&self) -> usize {
        self.0.ngram_max
    }

    /// See [`TrainParams::min_df`].
    pub fn min_df(&self) -> u32 {
        self.0.min_df
    }

    /// See [`TrainParams::max_features`].
    pub fn max_features(&self) -> usize {
        self.0.max_features
    }

    /// See [`TrainParams::alpha`].
    pub fn alpha(&self) -> f64 {
        self.0.alpha
    }

    /// See [`TrainParams::title_weight`].
    pub fn title_weight(&self) -> u32 {
        self.0.title_weight
    }

    /// See [`TrainParams::position_decay`].
    pub fn position_decay(&self) -> f64 {
        self.0.position_decay
    }

    /// See [`TrainParams::sublinear_tf`].
    pub fn sublinear_tf(&self) -> bool {
        self.0.sublinear_tf
    }

    /// See [`TrainParams::labels`].
    pub fn labels(&self) -> &[String] {
        &self.0.labels
    }

    /// See [`TrainParams::calibration_sample`].
    pub fn calibration_sample(&self) -> usize {
        self.0.calibration_sample
    }

    /// See [`TrainParams::max_candidates`].
    pub fn max_candidates(&self) -> usize {
        self.0.max_candidates
    }

    /// See [`TrainParams::stream_prior`].
    pub fn stream_prior(&self) -> &StreamPrior {
        &self.0.stream_prior
    }

    /// See [`TrainParams::also_min`].
    pub fn also_min(&self) -> f64 {
        self.0.also_min
    }

    /// See [`TrainParams::other_parts`].
    pub fn other_parts(&self) -> usize {
        self.0.other_parts
    }

    /// See [`TrainParams::second_stage_min`].
    pub fn second_stage_min(&self) -> f64 {
        self.0.second_stage_min
    }

    /// The text analyzer these settings describe (normalisation and n-gram range).
    pub fn analyzer_options(&self) -> AnalyzerOptions {
        AnalyzerOptions {
            normalize: NormalizeOptions {
                fold_diacritics: self.0.fold_diacritics,
            },
            ngram_min: self.0.ngram_min,
            ngram_max: self.0.ngram_max,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_analyzers_and_every_setter_sets_its_own_setting() {
        let default = TrainParams::new().check().unwrap();
        assert_eq!(default.analyzer_options(), AnalyzerOptions::default());
        let p = TrainParams::new()
            .fold_diacritics(false)
            .ngram_min(2)
            .ngram_max(4)
            .min_df(5)
            .max_features(7)
            .alpha(0.5)
            .title_weight(1)
            .position_decay(300.0)
            .sublinear_tf(true)
            .labels(["a", "b"])
            .calibration_sample(9)
            .max_candidates(11)
            .stream_prior(StreamPrior::parse("b=0.9").unwrap())
            .also_min(0.3)
            .other_parts(1)
            .second_stage_min(0.3)
            .check()
            .unwrap();
        assert!(!p.fold_diacritics());
        assert_eq!((p.ngram_min(), p.ngram_max()), (2, 4));
        assert_eq!((p.min_df(), p.max_features()), (5, 7));
        assert_eq!((p.alpha(), p.title_weight()), (0.5, 1));
        assert_eq!((p.position_decay(), p.sublinear_tf()), (300.0, true));
        assert_eq!(p.labels(), ["a", "b"]);
        assert_eq!((p.calibration_sample(), p.max_candidates()), (9, 11));
        assert_eq!(p.stream_prior().display(), "b=0.9");
        assert_eq!(p.also_min(), 0.3);
        assert_eq!(p.other_parts(), 1);
        assert_eq!(p.second_stage_min(), 0.3);
        assert_eq!(TrainParams::new().check().unwrap().second_stage_min(), 0.45);
        // Without `other`, the default prior gives way to the corpus's shares, and the
        // default parts of `other` to none.
        let plain = TrainParams::new().labels(["a", "b"]).check().unwrap();
        assert!(plain.stream_prior().is_corpus());
        assert_eq!(plain.other_parts(), 0);
        assert_eq!(TrainParams::new().check().unwrap().other_parts(), 3);
        // Back to a builder and checked again: nothing lost.
        assert_eq!(TrainParams::from(p.clone()).check().unwrap(), p);
    }

    #[test]
    fn the_second_stage_minimum_is_checked() {
        let err = |p: TrainParams| p.check().unwrap_err().to_string();
        for bad in [1.0, -0.1, f64::NAN] {
            let e = err(TrainParams::new().second_stage_min(bad));
            assert!(
                e.contains("second_stage_min") && e.contains("below 1"),
                "{e}"
            );
        }
        assert!(TrainParams::new().second_stage_min(0.0).check().is_ok());
    }

    #[test]
    fn parts_of_other_are_checked() {
        let err = |p: TrainParams| p.check().unwrap_err().to_string();
        let many = err(TrainParams::new().other_parts(33));
        assert!(
            many.contains("other_parts") && many.contains("at most 32"),
            "{many}"
        );
        let nothing = err(TrainParams::new().labels(["a", "b"]).other_parts(4));
        assert!(nothing.contains("no label named \"other\""), "{nothing}");
        // 0 and 1 are one `other`; neither is written to the model file.
        for parts in [0, 1] {
            let json = serde_json::to_string(&TrainParams::new().other_parts(parts)).unwrap();
            assert!(!json.contains("other_parts"), "{json}");
        }
    }

    #[test]
    fn the_stored_form_keeps_its_key_order() {
        let json = serde_json::to_string(&TrainParams::new().check().unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"fold_diacritics":true,"ngram_min":1,"ngram_max":3,"min_df":2,"max_features":30000,"alpha":0.02,"title_weight":3,"position_decay":0.0,"sublinear_tf":false,"labels":["cybersecurity","summits","space","other"],"calibration_sample":2000,"max_candidates":1000000,"stream_prior":[["other",0.9]],"also_min":0.25,"other_parts":3,"second_stage_min":0.45}"#
        );
        // Off, it is not written, so models without a second stage keep their bytes.
        let off = TrainParams::new().second_stage_min(0.0);
        let json = serde_json::to_string(&off).unwrap();
        assert!(!json.contains("second_stage"), "{json}");
    }
}
