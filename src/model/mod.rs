//! Model stage: [`TopicModel`], multinomial naive Bayes fitted with linfa-bayes, and how it
//! scores text.
//!
//! Training is [`TrainParams`] (a builder) -> [`TrainParams::check`] -> [`ValidTrainParams`]
//! -> [`ValidTrainParams::fit`]. Scoring has one entry, [`TopicModel::predict`]; a
//! confidence threshold turns its prediction into a [`Decision`] ([`TopicModel::decide`]),
//! and [`TopicModel::explain`] names the tokens that pushed it.
//!
//! | file | holds |
//! |---|---|
//! | `mod.rs` | [`TopicModel`], scoring, combining, deciding, explaining |
//! | `params.rs` | the training settings: builder, check, getters |
//! | `counter.rs` | the streaming counter: per-label token counts in bounded memory |
//! | `fit.rs` | the linfa-bayes fit on per-label sums, and its bit-identical replica |
//! | `calibrate.rs` | confidence calibration and the default threshold |
//! | `file.rs` | the model file: format, checksum, validation, load, save, built-in |
//!
//! The fitted parameters are kept in a label-sorted, serialisable form (linfa's own model holds
//! them in a `HashMap`, whose serialisation order changes from run to run). Scoring uses a
//! dense table (`vocabulary x topics`, one row per token), so classifying a document costs
//! O(its tokens x topics); [`TopicModel::linfa_model`] rebuilds linfa's `MultinomialNb` from
//! the same numbers for anyone who wants linfa's API.
//!
//! A model imports `metrics` (to choose its threshold) and never `evaluate`, which imports
//! the model.

mod builtin;
mod calibrate;
mod counter;
mod file;
mod fit;
mod params;
mod parts;
mod prior;
mod second_stage;
mod second_topic;
mod table;
mod token_index;

use std::sync::OnceLock;

use linfa_bayes::{MultinomialNb, NaiveBayes};
use ndarray::Array2;
use serde::Serialize;

use crate::features::{merge_counts, SparseCounts, Vocabulary};
use crate::text::{Analyzer, Gram, Piece};

pub use calibrate::Calibration;
pub use file::{ClassParams, TrainingSummary, MODEL_FORMAT, MODEL_VERSION};
pub use fit::{FitHooks, FitProgress};
pub use params::{
    TrainParams, ValidTrainParams, DEFAULT_ALSO_MIN, DEFAULT_OTHER_PARTS, DEFAULT_OTHER_SHARE,
    DEFAULT_SECOND_STAGE_MIN, MAX_OTHER_PARTS,
};
pub use prior::StreamPrior;

use calibrate::softmax_calibrated;
use file::{Counts, ModelData};
use table::ScoreTable;

/// The labels of the default model, in order. `other` is the catch-all topic.
pub const DEFAULT_LABELS: [&str; 4] = ["cybersecurity", "summits", "space", "other"];

/// The catch-all label that low-confidence predictions fall back to.
pub const OTHER: &str = "other";

/// A trained topic model: vocabulary, normalisation settings, labels, the fitted multinomial
/// naive Bayes parameters, calibration and a training summary.
///
/// Load one ([`builtin`](Self::builtin), [`load`](Self::load)) or train one
/// ([`ValidTrainParams::fit`]), then score text with [`predict`](Self::predict):
///
/// ```
/// use newsline::model::TopicModel;
///
/// let model = TopicModel::builtin()?;
/// let mut analyzer = model.analyzer(); // scratch space: one per thread, reused
/// let prediction = model.predict(
///     &mut analyzer,
///     "Tin tặc tấn công hệ thống ngân hàng",
///     "Nhóm tin tặc dùng mã độc tống tiền mã hóa dữ liệu của ngân hàng và đòi tiền chuộc.",
/// );
/// let decision = model.decide(&prediction, None); // the model's own threshold
/// assert_eq!(model.labels()[decision.label], "cybersecurity");
/// assert!(decision.confidence > 0.5);
/// # Ok::<(), newsline::Error>(())
/// ```
#[derive(Debug)]
pub struct TopicModel {
    /// The stored parts, the vocabulary (indexed) among them.
    data: ModelData,
    /// Scoring columns: the labels, with `other`'s first part in its place when it has parts
    /// (see `parts.rs`), then its other parts.
    columns: usize,
    /// Each term's log-probability in every scoring column, and its hash: one cache line holds
    /// a token's scores for every topic (up to 7).
    log_prob: ScoreTable,
    log_prior: Vec<f64>,
    other: Option<usize>,
    /// The stream prior decisions use, and `ln(stream share / corpus share)` per label (all 0
    /// for the corpus's shares).
    prior: StreamPrior,
    shift: Vec<f64>,
    linfa: OnceLock<MultinomialNb<f64, usize>>,
    /// The classes' count vectors when they were not decoded at load (then the classes' and
    /// parts' `feature_count`s in `data` are empty): decoded on first use. Read them through
    /// [`all_classes`](Self::all_classes) (or [`classes`](Self::classes), [`column`](Self::column)).
    counts: Counts,
}

impl Clone for TopicModel {
    fn clone(&self) -> Self {
        TopicModel {
            data: self.data.clone(),
            columns: self.columns,
            log_prob: self.log_prob.clone(),
            log_prior: self.log_prior.clone(),
            other: self.other,
            prior: self.prior.clone(),
            shift: self.shift.clone(),
            linfa: OnceLock::new(),
            counts: self.counts.clone(),
        }
    }
}

impl PartialEq for TopicModel {
    fn eq(&self, other: &Self) -> bool {
        self.same_data(other)
    }
}

/// A model's answer for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Index (into [`TopicModel::labels`]) of the most likely label; ties go to the first.
    pub best: usize,
    /// Calibrated probability of each label, in label order, for the model's stream prior
    /// (see [`TopicModel::set_stream_prior`]); they add up to 1.
    pub probabilities: Vec<f64>,
    /// Raw joint log-likelihood of each label (log prior + sum of count x log-probability):
    /// exactly what linfa-bayes' `joint_log_likelihood` gives.
    pub log_likelihoods: Vec<f64>,
    /// In-vocabulary tokens counted (title tokens weighted).
    pub tokens: f64,
    /// When `best` is a topic with confidence below 0.95 and the model has a second stage
    /// ([`TrainParams::second_stage_min`]): the largest probability its linear models give
    /// any topic.
    pub second_stage: Option<f64>,
}

impl Prediction {
    /// Calibrated probability of the best label.
    pub fn confidence(&self) -> f64 {
        self.probabilities[self.best]
    }
}

/// The decision after applying a confidence threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The reported label index.
    pub label: usize,
    /// Confidence of the reported label: the best label's probability, or, when a topic was
    /// rejected for low confidence, one minus that topic's probability.
    pub confidence: f64,
    /// True when the best label was a topic below the threshold and `other` is reported.
    pub rejected: bool,
    /// A second topic the document is also about (see [`TopicModel::second_topic`]); only
    /// [`TopicModel::decide_article`] looks for one.
    pub also: Option<usize>,
    /// True when naive Bayes' topic (the prediction's `best`) was overruled by the second
    /// stage ([`TrainParams::second_stage_min`]) and `other` is reported.
    pub overruled: bool,
}

/// A token's contribution to a decision, for `--explain`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The token.
    pub term: String,
    /// Its count in the document (title weighted).
    pub count: f64,
    /// count x (log p(term | best) - log p(term | runner-up)).
    pub weight: f64,
}

/// Calls `f` with every token of a document and its weight: title tokens count
/// `title_weight`; body tokens 1, or `1 / (1 + offset / position_decay)` with position decay.
fn for_each_weighted_token(
    params: &ValidTrainParams,
    analyzer: &mut Analyzer,
    title: &str,
    body: &str,
    f: impl FnMut(Gram, f64),
) {
    weighted_grams(
        params,
        analyzer,
        Input::Text(title),
        Input::Text(body),
        f,
        |_| {},
    );
}

/// [`for_each_weighted_token`], calling `part_done` with the normalised text of each part it
/// tokenised (the title, then the body) after that part's tokens: their [`Token::span`]s are
/// ranges of it.
fn for_each_weighted_token_by_part(
    params: &ValidTrainParams,
    analyzer: &mut Analyzer,
    title: &str,
    body: &str,
    f: impl FnMut(Gram, f64),
    mut part_done: impl FnMut(&str),
) {
    weighted_grams(
        params,
        analyzer,
        Input::Text(title),
        Input::Text(body),
        f,
        |analyzer| part_done(analyzer.normalized()),
    );
}

/// A part of a document to score: its text, or its syllables already cut by an analyzer of
/// the model's normalisation ([`crate::text::Syllables`]), which are not normalised again.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Input<'a> {
    /// Text, normalised and cut on the way.
    Text(&'a str),
    /// Syllables already cut.
    Pieces(&'a [Piece]),
}

impl Input<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Input::Text(t) => t.is_empty(),
            Input::Pieces(p) => p.is_empty(),
        }
    }

    /// Calls `on_gram` with every n-gram of this part, as the analyzer cuts it.
    #[inline(always)]
    fn grams(self, analyzer: &mut Analyzer, on_gram: impl FnMut(Gram)) {
        match self {
            Input::Text(t) => analyzer.for_each_gram(t, on_gram),
            Input::Pieces(p) => analyzer.for_each_gram_in(p, on_gram),
        }
    }
}

/// [`for_each_weighted_token`] of parts that may be cut already: the same tokens and weights
/// (a part without syllables gives no token, as its text would).
fn for_each_weighted_input(
    params: &ValidTrainParams,
    analyzer: &mut Analyzer,
    title: Input<'_>,
    body: Input<'_>,
    f: impl FnMut(Gram, f64),
) {
    weighted_grams(params, analyzer, title, body, f, |_| {});
}

/// The one weighting of a document's n-grams behind the functions above; `part_done` is called
/// with the analyzer after each part it read (the title, then the body).
fn weighted_grams(
    params: &ValidTrainParams,
    analyzer: &mut Analyzer,
    title: Input<'_>,
    body: Input<'_>,
    mut f: impl FnMut(Gram, f64),
    mut part_done: impl FnMut(&Analyzer),
) {
    let title_weight = f64::from(params.title_weight());
    if !title.is_empty() && title_weight > 0.0 {
        title.grams(analyzer, |t| f(t, title_weight));
        part_done(analyzer);
    }
    if body.is_empty() {
        return;
    }
    if params.position_decay() > 0.0 {
        let decay = params.position_decay();
        body.grams(analyzer, |t| f(t, 1.0 / (1.0 + t.offset as f64 / decay)));
    } else {
        body.grams(analyzer, |t| f(t, 1.0));
    }
    part_done(analyzer);
}

/// `probabilities` times `exp(shift)`, renormalised.
fn shift_probabilities(probabilities: &[f64], shift: &[f64]) -> Vec<f64> {
    let mut out: Vec<f64> = probabilities
        .iter()
        .zip(shift)
        .map(|(p, s)| p * s.exp())
        .collect();
    let sum: f64 = out.iter().sum();
    if sum > 0.0 {
        for x in &mut out {
            *x /= sum;
        }
    }
    out
}

fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

impl TopicModel {
    /// Number of labels.
    pub fn k(&self) -> usize {
        self.data.classes.len()
    }

    /// The labels, in order.
    pub fn labels(&self) -> &[String] {
        self.data.params.labels()
    }

    /// Index of a label.
    pub fn label_index(&self, label: &str) -> Option<usize> {
        self.labels().iter().position(|l| l == label)
    }

    /// The fitted vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.data.vocabulary
    }

    /// The settings the model was trained with.
    pub fn params(&self) -> &ValidTrainParams {
        &self.data.params
    }

    /// The fitted per-label parameters, in label order. A loaded model decodes its count
    /// vectors on the first call (scoring never needs them).
    pub fn classes(&self) -> &[ClassParams] {
        self.all_classes().0
    }

    /// The stream prior decisions use: the model's own ([`TrainParams::stream_prior`]) unless
    /// changed with [`set_stream_prior`](Self::set_stream_prior).
    pub fn stream_prior(&self) -> &StreamPrior {
        &self.prior
    }

    /// Decides with `prior` instead of the model's own stream prior ([`StreamPrior::corpus`]
    /// for the training corpus's shares). Fails, naming the problem, when the prior does not
    /// fit the model's labels.
    pub fn set_stream_prior(&mut self, prior: StreamPrior) -> crate::Result<()> {
        let shares = prior.shares(self.labels())?;
        let corpus: Vec<f64> = self.data.classes.iter().map(|c| c.prior).collect();
        self.shift = prior::log_shift(shares.as_deref(), &corpus);
        self.prior = prior;
        Ok(())
    }

    /// The confidence calibration.
    pub fn calibration(&self) -> &Calibration {
        &self.data.calibration
    }

    /// What the model was trained on.
    pub fn summary(&self) -> &TrainingSummary {
        &self.data.summary
    }

    /// A fresh analyzer configured like the model's training.
    pub fn analyzer(&self) -> Analyzer {
        Analyzer::new(self.data.params.analyzer_options())
    }

    /// linfa-bayes' own model with these parameters (built on first use): one class per
    /// scoring column, so `other`'s parts are classes of their own (see
    /// [`TrainParams::other_parts`]).
    pub fn linfa_model(&self) -> &MultinomialNb<f64, usize> {
        self.linfa.get_or_init(|| {
            let mut class_info = serde_json::Map::new();
            for c in 0..self.columns {
                let class = self.column(c);
                let arr = |v: &Vec<f64>| serde_json::json!({"v": 1, "dim": [v.len()], "data": v});
                class_info.insert(
                    c.to_string(),
                    serde_json::json!({
                        "class_count": class.documents,
                        "prior": class.prior,
                        "feature_count": arr(&class.feature_count),
                        "feature_log_prob": arr(&class.feature_log_prob),
                    }),
                );
            }
            serde_json::from_value(serde_json::json!({ "class_info": class_info }))
                .expect("parameters validated on load have linfa's layout")
        })
    }

    /// Sparse, weighted counts of a document over the model's vocabulary: the `x` that
    /// naive Bayes multiplies with its log-probabilities (title and position weighted,
    /// sublinear when the model says so).
    pub fn counts(&self, analyzer: &mut Analyzer, title: &str, body: &str) -> SparseCounts {
        self.counts_of(analyzer, Input::Text(title), Input::Text(body))
    }

    /// [`counts`](Self::counts) of parts that may be cut already.
    fn counts_of(
        &self,
        analyzer: &mut Analyzer,
        title: Input<'_>,
        body: Input<'_>,
    ) -> SparseCounts {
        let mut raw: Vec<(u32, f64)> = Vec::new();
        for_each_weighted_input(&self.data.params, analyzer, title, body, |t, w| {
            if let Some(j) = self.data.vocabulary.column(t.hash) {
                raw.push((j, w));
            }
        });
        let mut counts = merge_counts(raw);
        if self.data.params.sublinear_tf() {
            for (_, w) in &mut counts {
                *w = w.ln_1p();
            }
        }
        counts
    }

    /// Joint log-likelihood of each label for a document given as sparse counts (for
    /// `other` with parts, of their mixture).
    pub fn log_likelihoods(&self, counts: &SparseCounts) -> Vec<f64> {
        self.collapse(self.column_log_likelihoods(counts))
    }

    /// Joint log-likelihood of each scoring column for a document given as sparse counts.
    fn column_log_likelihoods(&self, counts: &SparseCounts) -> Vec<f64> {
        let mut jll = self.log_prior.clone();
        for &(j, x) in counts {
            let row = self.log_prob.row(j as usize);
            for (s, lp) in jll.iter_mut().zip(row) {
                *s += x * lp;
            }
        }
        jll
    }

    /// Scores a document: the one way to classify text. `title` tokens count
    /// [`TrainParams::title_weight`] times; `body` is the text to score (for an article, the
    /// lead section of its body, [`crate::page::lead_text`], as in training). `analyzer` is
    /// reusable scratch space, one per thread (from [`analyzer`](Self::analyzer)). Costs
    /// O(tokens x labels) with no allocation per token.
    ///
    /// The prediction is the bare argmax with calibrated probabilities; apply a confidence
    /// threshold with [`decide`](Self::decide).
    pub fn predict(&self, analyzer: &mut Analyzer, title: &str, body: &str) -> Prediction {
        self.predict_with(analyzer, Input::Text(title), Input::Text(body), true)
    }

    /// [`predict`](Self::predict) of parts that may be cut into syllables already (by an
    /// analyzer of this model's normalisation): the same prediction as of their text.
    pub(crate) fn predict_input(
        &self,
        analyzer: &mut Analyzer,
        title: Input<'_>,
        body: Input<'_>,
    ) -> Prediction {
        self.predict_with(analyzer, title, body, true)
    }

    /// [`predict`](Self::predict), asking the second stage only when `second_stage` (the
    /// parts of an article looked at for a second topic need naive Bayes' scores alone).
    fn predict_with(
        &self,
        analyzer: &mut Analyzer,
        title: Input<'_>,
        body: Input<'_>,
        second_stage: bool,
    ) -> Prediction {
        if self.data.params.sublinear_tf() {
            let counts = self.counts_of(analyzer, title, body);
            let tokens = counts.iter().map(|&(_, x)| x).sum();
            let mut p = self.prediction(self.log_likelihoods(&counts), tokens);
            if second_stage && p.confidence() < second_stage::ASK_BELOW {
                p.second_stage = self.second_stage_probability(p.best, &counts);
            }
            return p;
        }
        if second_stage && self.data.second_stage.is_some() {
            return second_stage::with_scratch(|scratch| {
                let pairs = &mut scratch.pairs;
                let (jll, tokens) = self.scores(analyzer, title, body, |j, w| pairs.push((j, w)));
                let mut p = self.prediction(self.collapse(jll), tokens);
                if self.other.is_some_and(|o| o != p.best)
                    && p.confidence() < second_stage::ASK_BELOW
                {
                    let counts = scratch.merged(self.data.vocabulary.len());
                    p.second_stage = self.second_stage_probability(p.best, counts);
                }
                p
            });
        }
        let (jll, tokens) = self.scores(analyzer, title, body, |_, _| {});
        self.prediction(self.collapse(jll), tokens)
    }

    /// The joint log-likelihoods of a document's scoring columns and its in-vocabulary tokens
    /// (weighted), handing `on_token` each in-vocabulary token's `(column, weight)` (the second
    /// stage's counts, unmerged; a no-op otherwise).
    fn scores(
        &self,
        analyzer: &mut Analyzer,
        title: Input<'_>,
        body: Input<'_>,
        on_token: impl FnMut(u32, f64),
    ) -> (Vec<f64>, f64) {
        match self.columns {
            2 => self.score::<2, 8>(analyzer, title, body, on_token),
            3 => self.score::<3, 8>(analyzer, title, body, on_token),
            4 => self.score::<4, 8>(analyzer, title, body, on_token),
            5 => self.score::<5, 8>(analyzer, title, body, on_token),
            6 => self.score::<6, 8>(analyzer, title, body, on_token),
            7 => self.score::<7, 8>(analyzer, title, body, on_token),
            8 => self.score::<8, 16>(analyzer, title, body, on_token),
            9 => self.score::<9, 16>(analyzer, title, body, on_token),
            10 => self.score::<10, 16>(analyzer, title, body, on_token),
            _ => self.score_any(analyzer, title, body, on_token),
        }
    }

    /// [`scores`](Self::scores) for a model of `K` columns, whose table rows take `S` values
    /// (`ScoreTable::stride_of(K)`): the sums live in registers, not in a heap vector, and a
    /// row is found and confirmed (its hash) with no length known only at run time.
    fn score<const K: usize, const S: usize>(
        &self,
        analyzer: &mut Analyzer,
        title: Input<'_>,
        body: Input<'_>,
        mut on_token: impl FnMut(u32, f64),
    ) -> (Vec<f64>, f64) {
        if self.log_prob.stride() != S || K >= S {
            return self.score_any(analyzer, title, body, on_token);
        }
        let mut jll = [0.0; K];
        jll.copy_from_slice(&self.log_prior);
        let mut tokens = 0.0;
        let probe = self.data.vocabulary.probe();
        let table = self.log_prob.flat();
        for_each_weighted_input(
            &self.data.params,
            analyzer,
            title,
            body,
            #[inline(always)]
            |t, weight| {
                let hash = t.hash;
                let found = probe.find_map(hash, |j| {
                    let row: &[f64; S] = table.get(j as usize * S..)?.first_chunk()?;
                    (row[S - 1].to_bits() == hash).then_some((j, row))
                });
                if let Some((j, row)) = found {
                    tokens += weight;
                    on_token(j, weight);
                    for (s, lp) in jll.iter_mut().zip(&row[..K]) {
                        *s += weight * lp;
                    }
                }
            },
        );
        (jll.to_vec(), tokens)
    }

    /// [`scores`](Self::scores) for any number of columns.
    fn score_any(
        &self,
        analyzer: &mut Analyzer,
        title: Input<'_>,
        body: Input<'_>,
        mut on_token: impl FnMut(u32, f64),
    ) -> (Vec<f64>, f64) {
        let mut jll = self.log_prior.clone();
        let mut tokens = 0.0;
        let probe = self.data.vocabulary.probe();
        let table = &self.log_prob;
        for_each_weighted_input(&self.data.params, analyzer, title, body, |t, weight| {
            let hash = t.hash;
            let found = probe.find_map(hash, |j| {
                table
                    .holds(j, hash)
                    .then(|| table.get(j as usize).map(|row| (j, row)))?
            });
            if let Some((j, row)) = found {
                tokens += weight;
                on_token(j, weight);
                for (s, lp) in jll.iter_mut().zip(row) {
                    *s += weight * lp;
                }
            }
        });
        (jll, tokens)
    }

    /// The second stage's probability that a document (merged counts) is about a topic, when
    /// naive Bayes' `best` is one; `None` for `other` or without a second stage.
    fn second_stage_probability(&self, best: usize, counts: &SparseCounts) -> Option<f64> {
        if Some(best) == self.other {
            return None;
        }
        Some(self.data.second_stage.as_ref()?.topic_probability(counts))
    }

    /// A prediction from joint log-likelihoods and the number of tokens counted.
    fn prediction(&self, log_likelihoods: Vec<f64>, tokens: f64) -> Prediction {
        let cal = &self.data.calibration;
        let probabilities = softmax_calibrated(
            &log_likelihoods,
            tokens,
            cal.temperature,
            cal.length_exponent,
        );
        // Ties (equal log-likelihoods) go to the first label, so results are deterministic.
        let mut best = argmax(&log_likelihoods);
        let probabilities = if self.shift.iter().any(|&s| s != 0.0) {
            let shifted = shift_probabilities(&probabilities, &self.shift);
            best = argmax(&shifted);
            shifted
        } else {
            probabilities
        };
        Prediction {
            best,
            probabilities,
            log_likelihoods,
            tokens,
            second_stage: None,
        }
    }

    /// Combines a passage's prediction with its article's: the passage's probabilities times
    /// the article's raised to `article_weight` (0 ignores the article), renormalised. Used to
    /// label paragraphs, where a short passage alone is weak evidence.
    pub fn combine(
        &self,
        passage: &Prediction,
        article: &Prediction,
        article_weight: f64,
    ) -> Prediction {
        // Both carry the stream prior; the article's share of it is taken out so that the
        // prior counts once.
        let mut logp: Vec<f64> = passage
            .probabilities
            .iter()
            .zip(&article.probabilities)
            .enumerate()
            .map(|(i, (p, a))| {
                let shift = self.shift.get(i).copied().unwrap_or(0.0);
                p.max(1e-300).ln() + article_weight * (a.max(1e-300).ln() - shift)
            })
            .collect();
        let max = logp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for x in &mut logp {
            *x = (*x - max).exp();
        }
        let sum: f64 = logp.iter().sum();
        let probabilities: Vec<f64> = logp.iter().map(|x| x / sum).collect();
        // A passage's decision is naive Bayes' alone: the second stage checks articles.
        Prediction {
            best: argmax(&probabilities),
            probabilities,
            log_likelihoods: passage.log_likelihoods.clone(),
            tokens: passage.tokens,
            second_stage: None,
        }
    }

    /// Applies a confidence threshold: a topic below `min_confidence` is reported as `other`.
    /// `None` uses the model's calibrated default. Then the second stage: a topic is reported
    /// as `other` when the second stage's linear models give every topic less than
    /// [`TrainParams::second_stage_min`] ([`Prediction::second_stage`]), with confidence one
    /// minus that probability.
    pub fn decide(&self, prediction: &Prediction, min_confidence: Option<f64>) -> Decision {
        let threshold = min_confidence.unwrap_or(self.data.calibration.min_confidence);
        let confidence = prediction.confidence();
        let second_stage_min = self.data.params.second_stage_min();
        let (label, confidence, rejected, overruled) = match (self.other, prediction.second_stage) {
            (Some(other), _) if prediction.best != other && confidence < threshold => {
                (other, 1.0 - confidence, true, false)
            }
            (Some(other), Some(p)) if prediction.best != other && p < second_stage_min => {
                (other, 1.0 - p, false, true)
            }
            _ => (prediction.best, confidence, false, false),
        };
        Decision {
            label,
            confidence,
            rejected,
            also: None,
            overruled,
        }
    }

    /// Scores an article and decides, with its second topic: [`predict`](Self::predict),
    /// [`decide`](Self::decide), then [`second_topic`](Self::second_topic) of the body.
    pub fn decide_article(
        &self,
        analyzer: &mut Analyzer,
        title: &str,
        body: &str,
        min_confidence: Option<f64>,
    ) -> (Prediction, Decision) {
        let prediction = self.predict(analyzer, title, body);
        let mut decision = self.decide(&prediction, min_confidence);
        decision.also = self.second_topic(analyzer, body, &prediction, decision.label);
        (prediction, decision)
    }

    /// The tokens that pushed the decision most: count x (log p(t|best) - log p(t|runner-up)),
    /// largest first.
    pub fn explain(
        &self,
        analyzer: &mut Analyzer,
        title: &str,
        body: &str,
        top: usize,
    ) -> Vec<Contribution> {
        let counts = self.counts(analyzer, title, body);
        let columns = self.column_log_likelihoods(&counts);
        let jll = self.collapse(columns.clone());
        let best = argmax(&jll);
        let mut runner = if best == 0 { 1 } else { 0 };
        for c in 0..self.k() {
            if c != best && jll[c] > jll[runner] {
                runner = c;
            }
        }
        let (best, runner) = (
            self.representative(&columns, best),
            self.representative(&columns, runner),
        );
        self.contributions(&counts, best, runner, top)
    }

    /// The tokens that speak most for `label` against `against`: count x (log p(t|label) -
    /// log p(t|against)), largest first. For a second topic (`Decision::also`), against the
    /// label decided.
    pub fn explain_towards(
        &self,
        analyzer: &mut Analyzer,
        title: &str,
        body: &str,
        label: usize,
        against: usize,
        top: usize,
    ) -> Vec<Contribution> {
        let counts = self.counts(analyzer, title, body);
        let columns = self.column_log_likelihoods(&counts);
        let (label, against) = (
            self.representative(&columns, label),
            self.representative(&columns, against),
        );
        self.contributions(&counts, label, against, top)
    }

    /// Contributions of `counts` for scoring column `best` against column `runner`.
    fn contributions(
        &self,
        counts: &SparseCounts,
        best: usize,
        runner: usize,
        top: usize,
    ) -> Vec<Contribution> {
        let mut out: Vec<Contribution> = counts
            .iter()
            .map(|&(j, x)| {
                let row = self.log_prob.row(j as usize);
                Contribution {
                    term: self.data.vocabulary.term(j as usize).to_owned(),
                    count: x,
                    weight: x * (row[best] - row[runner]),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.term.cmp(&b.term))
        });
        out.truncate(top);
        out
    }

    /// linfa-bayes' `joint_log_likelihood` for documents given as sparse counts, computed by
    /// linfa on a dense matrix (`other`'s parts summed as in scoring). For tests and checks; costs O(documents x vocabulary).
    pub fn linfa_log_likelihoods(&self, docs: &[SparseCounts]) -> Vec<Vec<f64>> {
        let mut x = Array2::<f64>::zeros((docs.len(), self.data.vocabulary.len()));
        for (i, doc) in docs.iter().enumerate() {
            for &(j, v) in doc {
                x[[i, j as usize]] = v;
            }
        }
        let jll = self.linfa_model().joint_log_likelihood(x.view());
        (0..docs.len())
            .map(|i| self.collapse((0..self.columns).map(|c| jll[&c][i]).collect()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_stage_overrules_a_topic_it_gives_too_little() {
        let model = TopicModel::builtin().unwrap();
        assert_eq!(model.params().second_stage_min(), 0.45);
        let space = model.label_index("space").unwrap();
        let other = model.label_index(OTHER).unwrap();
        let prediction = |stage: Option<f64>| Prediction {
            best: space,
            probabilities: vec![0.02, 0.02, 0.9, 0.06],
            log_likelihoods: vec![-30.0, -30.0, -20.0, -25.0],
            tokens: 40.0,
            second_stage: stage,
        };
        let d = model.decide(&prediction(Some(0.25)), None);
        assert_eq!((d.label, d.overruled, d.rejected), (other, true, false));
        assert!((d.confidence - 0.75).abs() < 1e-12);
        let d = model.decide(&prediction(Some(0.45)), None);
        assert_eq!((d.label, d.confidence, d.overruled), (space, 0.9, false));
        let d = model.decide(&prediction(None), None);
        assert_eq!((d.label, d.overruled), (space, false));
        // A low confidence rejects first; the second stage is not asked.
        let d = model.decide(&prediction(Some(0.1)), Some(0.95));
        assert_eq!((d.label, d.rejected, d.overruled), (other, true, false));
        // From text: a launch keeps its topic (naive Bayes is sure of it, so the second stage
        // is not even asked).
        let mut analyzer = model.analyzer();
        let launch = model.predict(
            &mut analyzer,
            "Phóng thành công vệ tinh quan sát Trái Đất",
            "Tên lửa đẩy mang vệ tinh quan sát Trái Đất đã rời bệ phóng lúc 9 giờ sáng và đưa vệ tinh vào quỹ đạo.",
        );
        assert_eq!(launch.best, space);
        assert!(launch.confidence() >= 0.95, "{launch:?}");
        assert_eq!(launch.second_stage, None);
        assert_eq!(model.decide(&launch, None).label, space);
    }

    #[test]
    fn counting_weights_titles_and_ignores_unknown_tokens() {
        let vocab =
            Vocabulary::from_terms(vec!["an ninh".into(), "mang".into(), "ninh".into()]).unwrap();
        let params = TrainParams::new()
            .ngram_max(2)
            .title_weight(2)
            .check()
            .unwrap();
        let mut analyzer = Analyzer::new(params.analyzer_options());
        let mut raw = Vec::new();
        for_each_weighted_token(
            &params,
            &mut analyzer,
            "An ninh",
            "an ninh mạng xyz",
            |t, w| {
                if let Some(c) = vocab.column(t.hash) {
                    raw.push((c, w));
                }
            },
        );
        assert_eq!(merge_counts(raw), vec![(0, 3.0), (1, 1.0), (2, 3.0)]);
    }
}
