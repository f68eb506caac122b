//! Model stage: [`TopicModel`], trained with linfa-bayes' multinomial naive Bayes.
//!
//! Training is `TrainParams` (a builder) -> [`TrainParams::check`] -> [`ValidTrainParams::fit`].
//!
//! # How linfa-bayes is used, and why this way
//!
//! Multinomial naive Bayes depends only on each class's summed token counts and its number of
//! documents. So training counts tokens sparsely in one streaming pass (memory bounded by the
//! number of distinct tokens, never by the number of documents), and then runs **one**
//! linfa-bayes `fit` over a matrix with one row per class: that class's summed counts. This gives
//! the same feature log-probabilities as a document-by-document fit (tested in
//! `tests/linfa_equivalence.rs`) at O(classes x vocabulary) cost. The class priors linfa computes
//! from that matrix would be uniform, so they are replaced by the true document counts.
//!
//! linfa-bayes 0.8.1 prints a leftover `dbg!` of every class's feature counts during `fit`; the
//! one call is made with standard error redirected to the null device, so no user sees it.
//!
//! The fitted parameters are kept in a label-sorted, serialisable form (linfa's own model holds
//! them in a `HashMap`, whose serialisation order changes from run to run). Scoring uses a dense
//! column-major table (`vocabulary x topics`), so classifying a document costs
//! O(its tokens x topics); [`TopicModel::linfa_model`] rebuilds linfa's `MultinomialNb` from the
//! same numbers for anyone who wants linfa's API.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use linfa::prelude::*;
use linfa_bayes::{MultinomialNb, NaiveBayes};
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::features::{
    merge_counts, select_vocabulary, SparseCounts, TermStats, TokenMap, Vocabulary,
};
use crate::text::{Analyzer, AnalyzerOptions, NormalizeOptions, MAX_NGRAM};

/// The labels of the default model, in order. `other` is the catch-all topic.
pub const DEFAULT_LABELS: [&str; 4] = ["cybersecurity", "summits", "space", "other"];

/// The catch-all label that low-confidence predictions fall back to.
pub const OTHER: &str = "other";

/// Identifies a newsline model file.
pub const MODEL_FORMAT: &str = "newsline-topic-model";

/// Version of the model file layout; files of another version are refused.
pub const MODEL_VERSION: u32 = 1;

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

/// Progress of a training run, reported to [`FitHooks::progress`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FitProgress {
    /// Documents counted so far.
    pub documents: u64,
    /// Bytes of text counted so far.
    pub bytes: u64,
}

/// Optional callbacks while fitting.
#[derive(Default)]
pub struct FitHooks<'a> {
    /// Called after each chunk of documents.
    pub progress: Option<&'a (dyn Fn(FitProgress) + Sync)>,
    /// When set to true, fitting stops with [`Error::Interrupted`] at the next chunk.
    pub cancel: Option<&'a AtomicBool>,
}

/// What a model was trained on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingSummary {
    /// Number of training documents.
    pub documents: u64,
    /// Documents per label, in label order.
    pub documents_per_label: Vec<u64>,
    /// Bytes of training text.
    pub bytes: u64,
    /// Distinct tokens seen (before `min_df` and `max_features`).
    pub distinct_tokens: u64,
}

/// How raw naive Bayes log-likelihoods become confidences.
///
/// Naive Bayes posteriors are overconfident, more so the longer the document, because its
/// tokens are not independent. So the log-likelihood gaps are divided by `tokens ^
/// length_exponent` and scaled by `temperature` before a softmax; both are fitted to minimise the
/// log-loss of leave-one-out predictions on training documents the model did not count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Multiplier of the length-normalised log-likelihood gaps.
    pub temperature: f64,
    /// Exponent of the length normalisation (0: none, 1: per token).
    pub length_exponent: f64,
    /// Confidence below which a topic prediction is reported as `other`, chosen to maximise
    /// macro-F1 of the leave-one-out predictions. 0 when the model has no `other` label.
    pub min_confidence: f64,
    /// Leave-one-out accuracy on the calibration sample, for the model card.
    pub held_out_accuracy: f64,
    /// Documents in the calibration sample.
    pub sample: u64,
}

/// One label's fitted parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassParams {
    /// The label.
    pub label: String,
    /// Training documents with this label.
    pub documents: u64,
    /// Prior probability (documents / all documents).
    pub prior: f64,
    /// Summed, weighted count of each vocabulary column in this label's documents.
    #[serde(with = "f64_base64")]
    pub feature_count: Vec<f64>,
    /// Smoothed log-probability of each column given the label, as fitted by linfa-bayes.
    #[serde(with = "f64_base64")]
    pub feature_log_prob: Vec<f64>,
}

/// Vectors of numbers are stored as base64 of their little-endian IEEE-754 bytes: they round-trip
/// bit for bit, take 11 characters a number instead of about 20, and decode at memory speed
/// (parsing decimal floats was most of the time of loading a model).
mod f64_base64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(values: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(values.len() * 8);
        for v in values {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bytes = STANDARD
            .decode(text.as_bytes())
            .map_err(|e| D::Error::custom(format!("vector is not valid base64 ({e})")))?;
        if bytes.len() % 8 != 0 {
            return Err(D::Error::custom(
                "vector length is not a whole number of f64 values",
            ));
        }
        Ok(bytes
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}

/// The serialised content of a model file (inside the envelope with format, version, checksum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ModelData {
    params: TrainParams,
    vocabulary: Vec<String>,
    classes: Vec<ClassParams>,
    calibration: Calibration,
    summary: TrainingSummary,
}

/// Splits a model file written by [`TopicModel::to_bytes`] into its parsed header and the raw
/// model content, without scanning the content. `None` when the layout is not ours (the
/// general path then parses it and reports precisely what is wrong).
fn split_envelope(text: &str) -> Option<(EnvelopeIn<'_>, &str)> {
    const KEY: &str = ",\"model\":";
    let head_end = text.get(..text.len().min(300))?.find(KEY)?;
    let body = text[head_end + KEY.len()..].trim_end().strip_suffix('}')?;
    let head_json = format!("{}}}", &text[..head_end]);
    let head: EnvelopeIn<'_> = serde_json::from_str(&head_json).ok()?;
    // The header's fields are owned; only `model` would borrow, and it is found separately.
    let header = EnvelopeIn {
        format: head.format,
        version: head.version,
        checksum: head.checksum,
        model: None,
    };
    Some((header, body))
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    version: u32,
    checksum: String,
    model: &'a serde_json::value::RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<String>,
    version: Option<u32>,
    checksum: Option<String>,
    #[serde(borrow)]
    model: Option<&'a serde_json::value::RawValue>,
}

/// A trained topic model: vocabulary, normalisation settings, labels, the fitted multinomial
/// naive Bayes parameters, calibration and a training summary.
#[derive(Debug)]
pub struct TopicModel {
    data: ModelData,
    vocabulary: Vocabulary,
    /// `log_prob[column * k + class]`: one cache line holds a token's scores for every topic.
    log_prob: Vec<f64>,
    log_prior: Vec<f64>,
    other: Option<usize>,
    linfa: OnceLock<MultinomialNb<f64, usize>>,
}

impl Clone for TopicModel {
    fn clone(&self) -> Self {
        TopicModel::from_data(self.data.clone()).expect("a valid model stays valid")
    }
}

impl PartialEq for TopicModel {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

/// A model's answer for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Index (into [`TopicModel::labels`]) of the most likely label; ties go to the first.
    pub best: usize,
    /// Calibrated probability of each label, in label order; they add up to 1.
    pub probabilities: Vec<f64>,
    /// Raw joint log-likelihood of each label (log prior + sum of count x log-probability):
    /// exactly what linfa-bayes' `joint_log_likelihood` gives.
    pub log_likelihoods: Vec<f64>,
    /// In-vocabulary tokens counted (title tokens weighted).
    pub tokens: f64,
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

impl ValidTrainParams {
    /// Trains a model from labelled articles, streaming: articles are counted in chunks and
    /// dropped. Fails on an article without a label or with an unknown label (naming where it
    /// was read), and on data where a label has no documents.
    pub fn fit<I>(&self, articles: I, hooks: &FitHooks<'_>) -> Result<TopicModel>
    where
        I: IntoIterator<Item = Result<Article>>,
        I::IntoIter: Send,
    {
        let mut counter = Counter::new(self);
        let mut articles = articles.into_iter();
        let mut next = self.read_chunk(&mut articles);
        loop {
            let chunk = next?;
            if chunk.is_empty() {
                break;
            }
            let full = chunk.len() == CHUNK;
            // Count this chunk while the next one is read.
            let ((), following) = rayon::join(
                || counter.add_chunk(chunk),
                || {
                    if full {
                        self.read_chunk(&mut articles)
                    } else {
                        Ok(Vec::new())
                    }
                },
            );
            report(hooks, &counter)?;
            next = following;
        }
        counter.finish()
    }

    fn read_chunk(
        &self,
        articles: &mut impl Iterator<Item = Result<Article>>,
    ) -> Result<Vec<(usize, Article)>> {
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in articles.by_ref() {
            let article = item?;
            let label = self.label_index(&article)?;
            chunk.push((label, article));
            if chunk.len() == CHUNK {
                break;
            }
        }
        Ok(chunk)
    }

    /// Trains from articles already in memory (as [`fit`](Self::fit)).
    pub fn fit_articles(&self, articles: &[Article]) -> Result<TopicModel> {
        self.fit(articles.iter().cloned().map(Ok), &FitHooks::default())
    }

    fn label_index(&self, article: &Article) -> Result<usize> {
        let Some(label) = article.label.as_deref() else {
            return Err(Error::input(
                article.source.clone(),
                format!(
                    "article has no label; expected a \"label\" field or a LABEL/ folder ({})",
                    self.labels.join(", ")
                ),
            ));
        };
        self.labels.iter().position(|l| l == label).ok_or_else(|| {
            Error::input(
                article.source.clone(),
                format!(
                    "unknown label \"{label}\"; expected one of: {}",
                    self.labels.join(", ")
                ),
            )
        })
    }
}

/// Articles read ahead and counted together (about 5 MB of news).
const CHUNK: usize = 2048;
/// Articles per slice, the unit of parallel counting: a fixed size, so the model's bytes do not
/// depend on the number of cores. Larger slices repeat fewer tokens between slice tables (less
/// to merge); `CHUNK / SLICE` = 8 slices keep up to 8 cores busy.
const SLICE: usize = 256;

/// Token statistics are split into this many shards by hash, merged in parallel.
const SHARDS: usize = 16;

/// The shard of a token hash (its top bits, after a multiply that mixes in the low ones).
fn shard_of(hash: u64) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHARDS.trailing_zeros())) as usize
}

/// Calls `f` with every token of a document and its weight: title tokens count
/// `title_weight`; body tokens 1, or `1 / (1 + offset / position_decay)` with position decay.
pub fn for_each_weighted_token(
    params: &TrainParams,
    analyzer: &mut Analyzer,
    title: &str,
    body: &str,
    mut f: impl FnMut(&crate::text::Token<'_>, f64),
) {
    let title_weight = f64::from(params.title_weight);
    if !title.is_empty() && title_weight > 0.0 {
        analyzer.for_each_token(title, |t| f(&t, title_weight));
    }
    if body.is_empty() {
        return;
    }
    if params.position_decay > 0.0 {
        let decay = params.position_decay;
        analyzer.for_each_token(body, |t| f(&t, 1.0 / (1.0 + t.offset as f64 / decay)));
    } else {
        analyzer.for_each_token(body, |t| f(&t, 1.0));
    }
}

fn report(hooks: &FitHooks<'_>, counter: &Counter<'_>) -> Result<()> {
    if let Some(cancel) = hooks.cancel {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
    }
    if let Some(progress) = hooks.progress {
        progress(FitProgress {
            documents: counter.documents,
            bytes: counter.bytes,
        });
    }
    Ok(())
}

/// A document's tokens as `(hash, weight)` pairs.
type HashedTokens = Vec<(u64, f64)>;

/// A labelled document's tokens, kept for calibration.
type HashedDoc = (usize, HashedTokens);

/// Token statistics of one slice of documents, in order of first sight: each token's hash,
/// text (a range of `arena`), document frequency and per-label counts. Kept between chunks
/// and cleared, so its tables are allocated once.
#[derive(Default)]
struct LocalStats {
    /// Each token's entry number and the last document (1-based in the slice) it was seen in,
    /// side by side in the table's bucket: one memory access finds both.
    index: TokenMap<(u32, u32)>,
    hashes: Vec<u64>,
    text: Vec<(u32, u32)>,
    df: Vec<u32>,
    counts: Vec<f64>,
    arena: String,
    /// Entry numbers grouped by [`shard_of`] their hash; shard `s` is
    /// `by_shard[shard_ends[s - 1]..shard_ends[s]]`.
    by_shard: Vec<u32>,
    shard_ends: [usize; SHARDS],
}

impl LocalStats {
    fn clear(&mut self) {
        self.index.clear();
        self.hashes.clear();
        self.text.clear();
        self.df.clear();
        self.counts.clear();
        self.arena.clear();
        self.by_shard.clear();
    }

    /// Groups the entries by shard (a stable counting sort), for the parallel merge.
    fn group_by_shard(&mut self) {
        let mut starts = [0usize; SHARDS];
        for &h in &self.hashes {
            starts[shard_of(h)] += 1;
        }
        let mut total = 0;
        for (start, end) in starts.iter_mut().zip(self.shard_ends.iter_mut()) {
            let n = *start;
            *start = total;
            total += n;
            *end = total;
        }
        self.by_shard.clear();
        self.by_shard.resize(self.hashes.len(), 0);
        for (i, &h) in self.hashes.iter().enumerate() {
            let s = shard_of(h);
            self.by_shard[starts[s]] = i as u32;
            starts[s] += 1;
        }
    }

    /// The entries of shard `s`.
    fn shard(&self, s: usize) -> &[u32] {
        let start = if s == 0 { 0 } else { self.shard_ends[s - 1] };
        &self.by_shard[start..self.shard_ends[s]]
    }
}

/// Counts one slice of labelled documents into `local` (cleared first). Each token costs one
/// hash-table lookup; document frequency uses a last-seen-document marker instead of sorting
/// each document's tokens.
fn count_slice(params: &TrainParams, k: usize, slice: &[(usize, Article)], local: &mut LocalStats) {
    let mut analyzer = Analyzer::new(params.analyzer_options());
    local.clear();
    for (d, (label, article)) in slice.iter().enumerate() {
        if params.sublinear_tf {
            // ln(1 + count) needs a document's whole counts first.
            let doc = Counter::hash_doc(params, &mut analyzer, article, &mut |hash, t| {
                local_entry(local, k, hash, t.syllables, 0);
            });
            for &(hash, w) in &doc {
                let (idx, _) = local_entry(local, k, hash, &[], 0);
                local.df[idx] += 1;
                local.counts[idx * k + label] += w;
            }
            continue;
        }
        let marker = d as u32 + 1;
        let body = crate::page::lead_text(&article.text);
        for_each_weighted_token(params, &mut analyzer, &article.title, &body, |t, w| {
            let (idx, first_in_doc) = local_entry(local, k, t.hash, t.syllables, marker);
            if first_in_doc {
                local.df[idx] += 1;
            }
            local.counts[idx * k + label] += w;
        });
    }
    local.group_by_shard();
}

/// The entry of `hash` in a slice's stats, created on first sight with the token's text
/// (its syllables joined by spaces, written straight into the arena), and whether this is the
/// token's first sight in document `doc`.
fn local_entry(
    local: &mut LocalStats,
    k: usize,
    hash: u64,
    syllables: &[&str],
    doc: u32,
) -> (usize, bool) {
    use std::collections::hash_map::Entry;
    let LocalStats {
        index,
        hashes,
        text,
        df,
        counts,
        arena,
        ..
    } = local;
    match index.entry(hash) {
        Entry::Occupied(mut seen) => {
            let (i, last_doc) = seen.get_mut();
            let first_in_doc = *last_doc != doc;
            *last_doc = doc;
            (*i as usize, first_in_doc)
        }
        Entry::Vacant(slot) => {
            let i = hashes.len();
            let start = arena.len() as u32;
            for (n, s) in syllables.iter().enumerate() {
                if n > 0 {
                    arena.push(' ');
                }
                arena.push_str(s);
            }
            text.push((start, arena.len() as u32));
            hashes.push(hash);
            df.push(0);
            counts.extend(std::iter::repeat_n(0.0, k));
            slot.insert((i as u32, doc));
            (i, true)
        }
    }
}

/// Statistics of every distinct token seen, in flat arrays (one text arena, counts `k` per
/// token) rather than two heap allocations per token: training meets millions of tokens.
#[derive(Default)]
struct TokenStats {
    index: TokenMap<u32>,
    text: Vec<(usize, u32)>,
    arena: String,
    df: Vec<u32>,
    counts: Vec<f64>,
    k: usize,
}

impl TokenStats {
    fn len(&self) -> usize {
        self.df.len()
    }

    /// Adds a slice's statistics of one token.
    fn add(&mut self, hash: u64, text: &str, df: u32, counts: &[f64]) {
        self.k = counts.len();
        match self.index.get(&hash) {
            Some(&i) => {
                let i = i as usize;
                self.df[i] += df;
                let k = self.k;
                for (a, b) in self.counts[i * k..(i + 1) * k].iter_mut().zip(counts) {
                    *a += b;
                }
            }
            None => {
                self.index.insert(hash, self.df.len() as u32);
                self.text.push((self.arena.len(), text.len() as u32));
                self.arena.push_str(text);
                self.df.push(df);
                self.counts.extend_from_slice(counts);
            }
        }
    }

    /// Keeps only tokens seen in more than `threshold` documents, compacting the arrays.
    fn retain_above(&mut self, threshold: u32) {
        let k = self.k;
        let mut kept = TokenStats {
            k,
            ..TokenStats::default()
        };
        for (&hash, &i) in &self.index {
            let i = i as usize;
            if self.df[i] > threshold {
                let (start, len) = self.text[i];
                kept.add(
                    hash,
                    &self.arena[start..start + len as usize],
                    self.df[i],
                    &self.counts[i * k..(i + 1) * k],
                );
            }
        }
        *self = kept;
    }

    /// The tokens in at least `min_df` documents, as [`TermStats`] for vocabulary selection.
    fn candidates(&self, min_df: u32) -> Vec<TermStats<'_>> {
        let k = self.k;
        (0..self.len())
            .filter(|&i| self.df[i] >= min_df)
            .map(|i| {
                let (start, len) = self.text[i];
                TermStats {
                    text: &self.arena[start..start + len as usize],
                    document_frequency: self.df[i],
                    class_counts: &self.counts[i * k..(i + 1) * k],
                }
            })
            .collect()
    }
}

/// One streaming pass over training documents.
struct Counter<'a> {
    params: &'a ValidTrainParams,
    k: usize,
    /// Statistics of every token seen, in [`SHARDS`] shards by [`shard_of`] its hash.
    stats: Vec<TokenStats>,
    /// One per slice of a chunk, reused from chunk to chunk.
    locals: Vec<LocalStats>,
    docs_per_label: Vec<u64>,
    documents: u64,
    bytes: u64,
    prune_below: u32,
    /// The calibration sample: labelled articles kept as text (a few KB each, a fraction of
    /// their token lists), tokenised again when the model is calibrated.
    sample: Vec<(usize, Article)>,
    sample_seen: u64,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl<'a> Counter<'a> {
    fn new(params: &'a ValidTrainParams) -> Self {
        let k = params.labels.len();
        Counter {
            params,
            k,
            stats: (0..SHARDS)
                .map(|_| TokenStats {
                    k,
                    ..TokenStats::default()
                })
                .collect(),
            locals: Vec::new(),
            docs_per_label: vec![0; k],
            documents: 0,
            bytes: 0,
            prune_below: 1,
            sample: Vec::new(),
            sample_seen: 0,
        }
    }

    /// Tokenises one document into merged `(hash, weight)` pairs (sublinear when set).
    fn hash_doc(
        params: &TrainParams,
        analyzer: &mut Analyzer,
        article: &Article,
        on_new: &mut dyn FnMut(u64, &crate::text::Token<'_>),
    ) -> Vec<(u64, f64)> {
        let mut tokens: Vec<(u64, f64)> = Vec::new();
        let body = crate::page::lead_text(&article.text);
        for_each_weighted_token(params, analyzer, &article.title, &body, |t, weight| {
            on_new(t.hash, t);
            tokens.push((t.hash, weight));
        });
        let mut merged = merge_counts(tokens);
        if params.sublinear_tf {
            for (_, w) in &mut merged {
                *w = w.ln_1p();
            }
        }
        merged
    }

    fn add_chunk(&mut self, chunk: Vec<(usize, Article)>) {
        if chunk.is_empty() {
            return;
        }
        let params: &TrainParams = self.params;
        let k = self.k;
        // Each worker counts a fixed-size slice into local stats; they are merged in input
        // order. The slice size must not depend on the number of cores: floating-point sums in
        // another order would change the model file's bytes from machine to machine.
        let slices = chunk.len().div_ceil(SLICE);
        if self.locals.len() < slices {
            self.locals.resize_with(slices, LocalStats::default);
        }
        let locals = &mut self.locals[..slices];
        chunk
            .par_chunks(SLICE)
            .zip(locals.par_iter_mut())
            .for_each(|(slice, local)| count_slice(params, k, slice, local));
        // Shards merge in parallel; within a shard, slices still add up in input order.
        let locals = &self.locals[..slices];
        self.stats
            .par_iter_mut()
            .enumerate()
            .for_each(|(s, shard)| {
                for local in locals {
                    for &i in local.shard(s) {
                        let i = i as usize;
                        let (start, end) = local.text[i];
                        shard.add(
                            local.hashes[i],
                            &local.arena[start as usize..end as usize],
                            local.df[i],
                            &local.counts[i * k..(i + 1) * k],
                        );
                    }
                }
            });
        for (label, article) in chunk {
            self.documents += 1;
            self.bytes += (article.title.len() + article.text.len()) as u64;
            self.docs_per_label[label] += 1;
            self.offer_sample(label, article);
        }
        if self.distinct() > self.params.max_candidates {
            self.prune();
        }
    }

    /// Number of distinct tokens tracked.
    fn distinct(&self) -> usize {
        self.stats.iter().map(TokenStats::len).sum()
    }

    /// Deterministic reservoir sampling (Algorithm R with a fixed-seed generator).
    fn offer_sample(&mut self, label: usize, article: Article) {
        let cap = self.params.calibration_sample;
        if cap == 0 {
            return;
        }
        self.sample_seen += 1;
        if self.sample.len() < cap {
            self.sample.push((label, article));
        } else {
            let j = splitmix(self.sample_seen) % self.sample_seen;
            if (j as usize) < cap {
                self.sample[j as usize] = (label, article);
            }
        }
    }

    /// Drops the rarest tokens until the tracked set is at most half the cap.
    fn prune(&mut self) {
        while self.distinct() > self.params.max_candidates / 2 {
            let threshold = self.prune_below;
            self.stats
                .par_iter_mut()
                .for_each(|shard| shard.retain_above(threshold));
            self.prune_below += 1;
        }
    }

    fn finish(self) -> Result<TopicModel> {
        let params = self.params;
        let k = self.k;
        if self.documents == 0 {
            return Err(Error::Data("no training documents".into()));
        }
        let empty: Vec<&str> = params
            .labels
            .iter()
            .zip(&self.docs_per_label)
            .filter(|(_, &n)| n == 0)
            .map(|(l, _)| l.as_str())
            .collect();
        if !empty.is_empty() {
            return Err(Error::Data(format!(
                "label(s) {} have no training documents; every label needs examples \
                 (or drop it with --labels)",
                empty.join(", ")
            )));
        }
        let distinct = self.distinct() as u64;
        let candidates: Vec<Vec<TermStats<'_>>> = self
            .stats
            .par_iter()
            .map(|shard| shard.candidates(params.min_df))
            .collect();
        let chosen = select_vocabulary(
            candidates.into_iter().flatten(),
            params.min_df,
            params.max_features,
        );
        if chosen.is_empty() {
            return Err(Error::Data(format!(
                "no token appears in {} or more documents; add data or lower --min-df",
                params.min_df
            )));
        }
        let v = chosen.len();
        let mut sums = Array2::<f64>::zeros((k, v));
        for (j, s) in chosen.iter().enumerate() {
            for c in 0..k {
                sums[[c, j]] = s.class_counts[c];
            }
        }
        let terms: Vec<String> = chosen.iter().map(|s| s.text.to_owned()).collect();
        let assemble =
            |feature_log_prob: &[Vec<f64>], sample: &[HashedDoc]| -> Result<TopicModel> {
                let total = self.documents as f64;
                let classes: Vec<ClassParams> = (0..k)
                    .map(|c| ClassParams {
                        label: params.labels[c].clone(),
                        documents: self.docs_per_label[c],
                        prior: self.docs_per_label[c] as f64 / total,
                        feature_count: sums.row(c).to_vec(),
                        feature_log_prob: feature_log_prob[c].clone(),
                    })
                    .collect();
                let data = ModelData {
                    params: (**params).clone(),
                    vocabulary: terms.clone(),
                    classes,
                    calibration: Calibration {
                        temperature: 1.0,
                        length_exponent: 0.0,
                        min_confidence: 0.0,
                        held_out_accuracy: f64::NAN,
                        sample: 0,
                    },
                    summary: TrainingSummary {
                        documents: self.documents,
                        documents_per_label: self.docs_per_label.clone(),
                        bytes: self.bytes,
                        distinct_tokens: distinct,
                    },
                };
                let mut model = TopicModel::from_data(data)?;
                model.data.calibration = calibrate(&model, sample);
                Ok(model)
            };
        // linfa's fit spends most of its time printing its leftover `dbg!` (to the null
        // device). Meanwhile, on the core it leaves idle, the calibration sample is tokenised
        // and the model is assembled and calibrated from the same formula computed here; it is
        // kept only when linfa's parameters are bit for bit the same, so the model is always
        // linfa's.
        let (fitted, (sample, speculative)) = rayon::join(
            || fit_linfa_on_class_sums(&sums, params.alpha),
            || {
                let sample = self.tokenize_sample();
                let guess = smoothed_log_probs(&sums, params.alpha);
                let model = assemble(&guess, &sample).map(|model| (guess, model));
                (sample, model)
            },
        );
        let fitted = fitted?;
        match speculative {
            Ok((guess, model)) if same_bits(&guess, &fitted) => Ok(model),
            _ => assemble(&fitted, &sample),
        }
    }

    /// The calibration sample's documents as merged `(hash, weight)` lists, in sample order.
    fn tokenize_sample(&self) -> Vec<HashedDoc> {
        let params: &TrainParams = self.params;
        self.sample
            .par_iter()
            .map_init(
                || Analyzer::new(params.analyzer_options()),
                |analyzer, (label, article)| {
                    let doc = Counter::hash_doc(params, analyzer, article, &mut |_, _| {});
                    (*label, doc)
                },
            )
            .collect()
    }
}

/// Per-class feature log-probabilities computed as linfa-bayes' multinomial fit computes them
/// (`ln(count + alpha) - ln(sum(count + alpha))`, the sum by ndarray), for one row per class.
fn smoothed_log_probs(sums: &Array2<f64>, alpha: f64) -> Vec<Vec<f64>> {
    sums.rows()
        .into_iter()
        .map(|row| {
            let smoothed = row.mapv(|x| x + alpha);
            let total = smoothed.sum();
            smoothed.iter().map(|x| x.ln() - total.ln()).collect()
        })
        .collect()
}

fn same_bits(a: &[Vec<f64>], b: &[Vec<f64>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits())
        })
}

/// Runs linfa-bayes' `fit` on one row per class (its summed counts) and returns each class's
/// feature log-probabilities, in class order.
fn fit_linfa_on_class_sums(sums: &Array2<f64>, alpha: f64) -> Result<Vec<Vec<f64>>> {
    let k = sums.nrows();
    let targets = Array1::from_iter(0..k);
    let dataset = DatasetView::new(sums.view(), targets.view());
    let params = MultinomialNb::<f64, usize>::params().alpha(alpha);
    let fitted = {
        let _quiet = crate::quiet::StderrSilenced::new();
        params.fit(&dataset)
    }
    .map_err(|e| Error::Data(format!("naive Bayes fit failed: {e}")))?;
    let value = serde_json::to_value(&fitted)
        .map_err(|e| Error::Data(format!("cannot read fitted parameters: {e}")))?;
    (0..k)
        .map(|c| {
            let info = &value["class_info"][c.to_string()];
            let data = info["feature_log_prob"]["data"]
                .as_array()
                .ok_or_else(|| Error::Data("fitted model lacks feature_log_prob".into()))?;
            data.iter()
                .map(|x| {
                    x.as_f64()
                        .ok_or_else(|| Error::Data("non-numeric log-probability".into()))
                })
                .collect()
        })
        .collect()
}

/// Leave-one-out scores of sampled training documents, then a fit of the confidence mapping.
fn calibrate(model: &TopicModel, sample: &[HashedDoc]) -> Calibration {
    let k = model.k();
    let alpha = model.data.params.alpha;
    let v = model.vocabulary.len() as f64;
    let totals: Vec<f64> = model
        .data
        .classes
        .iter()
        .map(|c| c.feature_count.iter().sum::<f64>())
        .collect();
    let n: f64 = model.data.classes.iter().map(|c| c.documents as f64).sum();
    // (true label, leave-one-out log-likelihoods, tokens)
    let held_out: Vec<(usize, Vec<f64>, f64)> = sample
        .par_iter()
        .filter_map(|(label, doc)| {
            let counts: SparseCounts = merge_counts(
                doc.iter()
                    .filter_map(|&(h, w)| model.vocabulary.column(h).map(|c| (c, w)))
                    .collect(),
            );
            let own = &model.data.classes[*label];
            if own.documents < 2 {
                return None;
            }
            let tokens: f64 = counts.iter().map(|&(_, w)| w).sum();
            let mut jll = vec![0.0; k];
            for (c, out) in jll.iter_mut().enumerate() {
                let class = &model.data.classes[c];
                if c == *label {
                    let denom = (totals[c] - tokens + alpha * v).ln();
                    let mut s = ((class.documents as f64 - 1.0) / (n - 1.0)).ln();
                    for &(j, x) in &counts {
                        let cnt = (class.feature_count[j as usize] - x).max(0.0);
                        s += x * ((cnt + alpha).ln() - denom);
                    }
                    *out = s;
                } else {
                    let mut s = (class.documents as f64 / (n - 1.0)).ln();
                    for &(j, x) in &counts {
                        s += x * class.feature_log_prob[j as usize];
                    }
                    *out = s;
                }
            }
            Some((*label, jll, tokens))
        })
        .collect();
    if held_out.is_empty() {
        return Calibration {
            temperature: 1.0,
            length_exponent: 0.0,
            min_confidence: 0.0,
            held_out_accuracy: f64::NAN,
            sample: 0,
        };
    }
    let mut best = (f64::INFINITY, 1.0, 0.0);
    for exponent in [0.0, 0.25, 0.5, 0.75, 1.0] {
        // Each document's gaps to its best label, length-normalised once per exponent.
        let gaps: Vec<(usize, Vec<f64>)> = held_out
            .iter()
            .map(|(label, jll, tokens)| {
                let max = jll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let norm = tokens.max(1.0).powf(exponent);
                (*label, jll.iter().map(|l| (l - max) / norm).collect())
            })
            .collect();
        let log_loss = |temperature: f64| -> f64 {
            let mut loss = 0.0;
            for (label, gap) in &gaps {
                let sum: f64 = gap.iter().map(|g| (g * temperature).exp()).sum();
                loss -= (gap[*label] * temperature - sum.ln()).max(-27.6);
            }
            loss / gaps.len() as f64
        };
        // Golden-section search of log(temperature) in [-8, 6]; 40 steps narrow it to 1e-7.
        let (mut lo, mut hi) = (-8.0f64, 6.0f64);
        let g = (5f64.sqrt() - 1.0) / 2.0;
        for _ in 0..40 {
            let a = hi - g * (hi - lo);
            let b = lo + g * (hi - lo);
            if log_loss(a.exp()) < log_loss(b.exp()) {
                hi = b;
            } else {
                lo = a;
            }
        }
        let t = ((lo + hi) / 2.0).exp();
        let loss = log_loss(t);
        if loss < best.0 {
            best = (loss, t, exponent);
        }
    }
    let (_, temperature, length_exponent) = best;
    let predictions: Vec<(usize, usize, f64)> = held_out
        .iter()
        .map(|(label, jll, tokens)| {
            let p = softmax_calibrated(jll, *tokens, temperature, length_exponent);
            let b = argmax(&p);
            (*label, b, p[b])
        })
        .collect();
    let accuracy =
        predictions.iter().filter(|(t, p, _)| t == p).count() as f64 / predictions.len() as f64;
    let min_confidence = match model.other {
        None => 0.0,
        Some(other) => {
            // Macro-F1 of "below t -> other" for t = 0, 0.05, ..., 0.95. Among thresholds
            // within 0.005 of the best, the lowest wins: clean training passages reward
            // rejection more than real pages do, so reject no more than the data asks for.
            let scores: Vec<(f64, f64)> = (0..20)
                .map(|step| {
                    let t = f64::from(step) * 0.05;
                    let pairs: Vec<(usize, usize)> = predictions
                        .iter()
                        .map(|&(truth, pred, conf)| {
                            if pred != other && conf < t {
                                (truth, other)
                            } else {
                                (truth, pred)
                            }
                        })
                        .collect();
                    (t, crate::metrics::macro_f1(&pairs, k))
                })
                .collect();
            let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
            scores
                .iter()
                .find(|s| s.1 >= best - 0.005)
                .map_or(0.0, |s| s.0)
        }
    };
    Calibration {
        temperature,
        length_exponent,
        min_confidence,
        held_out_accuracy: accuracy,
        sample: held_out.len() as u64,
    }
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

/// Softmax of length-normalised, temperature-scaled log-likelihood gaps. Subtracting the
/// maximum first keeps every exponent at most 0, so nothing overflows.
fn softmax_calibrated(jll: &[f64], tokens: f64, temperature: f64, exponent: f64) -> Vec<f64> {
    let max = jll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = temperature / tokens.max(1.0).powf(exponent);
    let mut p: Vec<f64> = jll.iter().map(|&l| ((l - max) * scale).exp()).collect();
    let sum: f64 = p.iter().sum();
    for x in &mut p {
        *x /= sum;
    }
    p
}

impl TopicModel {
    fn from_data(data: ModelData) -> Result<Self> {
        let bad = |m: String| Error::Model {
            path: String::new(),
            message: m,
        };
        let k = data.classes.len();
        let v = data.vocabulary.len();
        if k < 2 {
            return Err(bad(format!("model has {k} labels, expected at least 2")));
        }
        if data.params.labels.len() != k {
            return Err(bad(format!(
                "model lists {} labels but has parameters for {k}",
                data.params.labels.len()
            )));
        }
        for (c, class) in data.classes.iter().enumerate() {
            if class.label != data.params.labels[c] {
                return Err(bad(format!(
                    "class {c} is \"{}\", expected \"{}\"",
                    class.label, data.params.labels[c]
                )));
            }
            if class.feature_log_prob.len() != v || class.feature_count.len() != v {
                return Err(bad(format!(
                    "label \"{}\" has {} log-probabilities and {} counts, but the vocabulary has {v} terms",
                    class.label,
                    class.feature_log_prob.len(),
                    class.feature_count.len()
                )));
            }
            if !(class.prior > 0.0 && class.prior <= 1.0) {
                return Err(bad(format!(
                    "label \"{}\" has prior {}, expected a probability above 0",
                    class.label, class.prior
                )));
            }
            if class
                .feature_log_prob
                .iter()
                .any(|x| !x.is_finite() || *x > 0.0)
            {
                return Err(bad(format!(
                    "label \"{}\" has a log-probability that is not a finite number <= 0",
                    class.label
                )));
            }
        }
        let cal = &data.calibration;
        let calibration_ok = cal.temperature.is_finite()
            && cal.temperature > 0.0
            && (0.0..=1.0).contains(&cal.length_exponent)
            && (0.0..=1.0).contains(&cal.min_confidence);
        if !calibration_ok {
            return Err(bad("calibration values are out of range".into()));
        }
        TrainParams::check(data.params.clone()).map_err(|e| bad(e.to_string()))?;
        let vocabulary = Vocabulary::from_terms(data.vocabulary.clone()).map_err(bad)?;
        let mut log_prob = vec![0.0; v * k];
        for (c, class) in data.classes.iter().enumerate() {
            for (j, &lp) in class.feature_log_prob.iter().enumerate() {
                log_prob[j * k + c] = lp;
            }
        }
        let log_prior = data.classes.iter().map(|c| c.prior.ln()).collect();
        let other = data.params.labels.iter().position(|l| l == OTHER);
        Ok(TopicModel {
            data,
            vocabulary,
            log_prob,
            log_prior,
            other,
            linfa: OnceLock::new(),
        })
    }

    /// Number of labels.
    pub fn k(&self) -> usize {
        self.data.classes.len()
    }

    /// The labels, in order.
    pub fn labels(&self) -> &[String] {
        &self.data.params.labels
    }

    /// Index of a label.
    pub fn label_index(&self, label: &str) -> Option<usize> {
        self.labels().iter().position(|l| l == label)
    }

    /// Index of the `other` label, if the model has one.
    pub fn other_index(&self) -> Option<usize> {
        self.other
    }

    /// The fitted vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The settings the model was trained with.
    pub fn params(&self) -> &TrainParams {
        &self.data.params
    }

    /// The fitted per-label parameters, in label order.
    pub fn classes(&self) -> &[ClassParams] {
        &self.data.classes
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

    /// linfa-bayes' own model with these parameters (built on first use).
    pub fn linfa_model(&self) -> &MultinomialNb<f64, usize> {
        self.linfa.get_or_init(|| {
            let mut class_info = serde_json::Map::new();
            for (c, class) in self.data.classes.iter().enumerate() {
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
        let mut raw: Vec<(u32, f64)> = Vec::new();
        for_each_weighted_token(&self.data.params, analyzer, title, body, |t, w| {
            if let Some(j) = self.vocabulary.column(t.hash) {
                raw.push((j, w));
            }
        });
        let mut counts = merge_counts(raw);
        if self.data.params.sublinear_tf {
            for (_, w) in &mut counts {
                *w = w.ln_1p();
            }
        }
        counts
    }

    /// Joint log-likelihood of each label for a document given as sparse counts.
    pub fn log_likelihoods(&self, counts: &SparseCounts) -> Vec<f64> {
        let k = self.k();
        let mut jll = self.log_prior.clone();
        for &(j, x) in counts {
            let row = &self.log_prob[j as usize * k..(j as usize + 1) * k];
            for (s, lp) in jll.iter_mut().zip(row) {
                *s += x * lp;
            }
        }
        jll
    }

    /// Scores a document straight from its text: O(tokens x labels), no allocation per token.
    pub fn predict_with(&self, analyzer: &mut Analyzer, title: &str, body: &str) -> Prediction {
        if self.data.params.sublinear_tf {
            let counts = self.counts(analyzer, title, body);
            let tokens = counts.iter().map(|&(_, x)| x).sum();
            return self.prediction_from(self.log_likelihoods(&counts), tokens);
        }
        let k = self.k();
        let mut jll = self.log_prior.clone();
        let mut tokens = 0.0;
        for_each_weighted_token(&self.data.params, analyzer, title, body, |t, weight| {
            if let Some(j) = self.vocabulary.column(t.hash) {
                tokens += weight;
                let row = &self.log_prob[j as usize * k..(j as usize + 1) * k];
                for (s, lp) in jll.iter_mut().zip(row) {
                    *s += weight * lp;
                }
            }
        });
        self.prediction_from(jll, tokens)
    }

    /// Scores an article: its title and the lead section of its body (see
    /// [`crate::page::lead_text`]), with scraped-page boilerplate (related news, trending
    /// lists, footers, stories glued on after the lead) dropped, as in training.
    pub fn predict_article(&self, analyzer: &mut Analyzer, article: &Article) -> Prediction {
        let body = crate::page::lead_text(&article.text);
        self.predict_with(analyzer, &article.title, &body)
    }

    /// Scores a document (see [`predict_with`](Self::predict_with)).
    pub fn predict(&self, title: &str, text: &str) -> Prediction {
        self.predict_with(&mut self.analyzer(), title, text)
    }

    /// Builds a prediction from joint log-likelihoods and the token count.
    pub fn prediction_from(&self, log_likelihoods: Vec<f64>, tokens: f64) -> Prediction {
        let cal = &self.data.calibration;
        let probabilities = softmax_calibrated(
            &log_likelihoods,
            tokens,
            cal.temperature,
            cal.length_exponent,
        );
        // Ties (equal log-likelihoods) go to the first label, so results are deterministic.
        let best = argmax(&log_likelihoods);
        Prediction {
            best,
            probabilities,
            log_likelihoods,
            tokens,
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
        let mut logp: Vec<f64> = passage
            .probabilities
            .iter()
            .zip(&article.probabilities)
            .map(|(p, a)| p.max(1e-300).ln() + article_weight * a.max(1e-300).ln())
            .collect();
        let max = logp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for x in &mut logp {
            *x = (*x - max).exp();
        }
        let sum: f64 = logp.iter().sum();
        let probabilities: Vec<f64> = logp.iter().map(|x| x / sum).collect();
        Prediction {
            best: argmax(&probabilities),
            probabilities,
            log_likelihoods: passage.log_likelihoods.clone(),
            tokens: passage.tokens,
        }
    }

    /// Applies a confidence threshold: a topic below `min_confidence` is reported as `other`.
    /// `None` uses the model's calibrated default.
    pub fn decide(&self, prediction: &Prediction, min_confidence: Option<f64>) -> Decision {
        let threshold = min_confidence.unwrap_or(self.data.calibration.min_confidence);
        let confidence = prediction.confidence();
        match self.other {
            Some(other) if prediction.best != other && confidence < threshold => Decision {
                label: other,
                confidence: 1.0 - confidence,
                rejected: true,
            },
            _ => Decision {
                label: prediction.best,
                confidence,
                rejected: false,
            },
        }
    }

    /// The tokens that pushed the decision most: count x (log p(t|best) - log p(t|runner-up)),
    /// largest first.
    pub fn explain(&self, title: &str, text: &str, top: usize) -> Vec<Contribution> {
        let mut analyzer = self.analyzer();
        let counts = self.counts(&mut analyzer, title, text);
        let prediction = self.prediction_from(self.log_likelihoods(&counts), 0.0);
        let best = prediction.best;
        let mut runner = if best == 0 { 1 } else { 0 };
        for c in 0..self.k() {
            if c != best && prediction.log_likelihoods[c] > prediction.log_likelihoods[runner] {
                runner = c;
            }
        }
        let k = self.k();
        let mut out: Vec<Contribution> = counts
            .iter()
            .map(|&(j, x)| {
                let row = &self.log_prob[j as usize * k..(j as usize + 1) * k];
                Contribution {
                    term: self.vocabulary.terms()[j as usize].clone(),
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
    /// linfa on a dense matrix. For tests and checks; costs O(documents x vocabulary).
    pub fn linfa_log_likelihoods(&self, docs: &[SparseCounts]) -> Vec<Vec<f64>> {
        let mut x = Array2::<f64>::zeros((docs.len(), self.vocabulary.len()));
        for (i, doc) in docs.iter().enumerate() {
            for &(j, v) in doc {
                x[[i, j as usize]] = v;
            }
        }
        let jll = self.linfa_model().joint_log_likelihood(x.view());
        (0..docs.len())
            .map(|i| (0..self.k()).map(|c| jll[&c][i]).collect())
            .collect()
    }

    /// The model file's bytes: a JSON envelope with format, version, a CRC-32 of the model
    /// content, and the content. The same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = serde_json::to_string(&self.data).expect("model data serialises");
        let raw = serde_json::value::RawValue::from_string(body).expect("valid JSON");
        let checksum = format!("crc32:{:08x}", crc32fast::hash(raw.get().as_bytes()));
        let envelope = EnvelopeOut {
            format: MODEL_FORMAT,
            version: MODEL_VERSION,
            checksum,
            model: &raw,
        };
        let mut out = serde_json::to_vec(&envelope).expect("envelope serialises");
        out.push(b'\n');
        out
    }

    /// Reads a model from a file's bytes; `name` is used in error messages.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Self> {
        let bad = |m: String| Error::Model {
            path: name.to_owned(),
            message: m,
        };
        let text = std::str::from_utf8(bytes).map_err(|_| {
            bad(
                "not a newsline model: not UTF-8 text (is this a chart or another binary file?)"
                    .into(),
            )
        })?;
        if text.trim().is_empty() {
            return Err(bad("model file is empty".into()));
        }
        // Our writer puts `"model":` last, after a short header, so the content is found
        // without scanning it (scanning 3 MB of numbers was most of a load); anything else
        // (a hand-reordered file, say) is parsed whole to find it.
        let (header, body) = match split_envelope(text) {
            Some(found) => found,
            None => {
                let env: EnvelopeIn<'_> = serde_json::from_str(text).map_err(|e| {
                    if e.is_eof() {
                        bad(format!("model file is truncated ({e})"))
                    } else {
                        bad(format!("not a newsline model: not valid JSON ({e})"))
                    }
                })?;
                let body = env.model.map(|raw| raw.get()).unwrap_or("");
                (env, body)
            }
        };
        match header.format.as_deref() {
            Some(MODEL_FORMAT) => {}
            Some(other) => {
                return Err(bad(format!(
                    "not a newsline model: format is \"{other}\", expected \"{MODEL_FORMAT}\""
                )))
            }
            None => {
                return Err(bad(format!(
                    "not a newsline model: no \"format\": \"{MODEL_FORMAT}\" field (is this an events file?)"
                )))
            }
        }
        match header.version {
            Some(MODEL_VERSION) => {}
            Some(v) => {
                return Err(bad(format!(
                    "model format version {v} is not supported by this newsline (expects {MODEL_VERSION}); retrain it with `newsline train`"
                )))
            }
            None => return Err(bad("model file has no version".into())),
        }
        if body.is_empty() {
            return Err(bad("model file has no \"model\" content".into()));
        }
        let expected = format!("crc32:{:08x}", crc32fast::hash(body.as_bytes()));
        match header.checksum.as_deref() {
            Some(c) if c == expected => {}
            Some(c) => {
                return Err(bad(format!(
                    "checksum mismatch (file says {c}, content gives {expected}): the file was corrupted or edited; retrain or restore it"
                )))
            }
            None => return Err(bad("model file has no checksum".into())),
        }
        let data: ModelData = serde_json::from_str(body)
            .map_err(|e| bad(format!("model content is malformed ({e})")))?;
        TopicModel::from_data(data).map_err(|e| match e {
            Error::Model { message, .. } => bad(message),
            other => bad(other.to_string()),
        })
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read model", e))?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes the model atomically (temporary file, sync, rename): interrupting this never
    /// leaves a broken model at `path`.
    pub fn save(&self, path: &Path) -> Result<()> {
        crate::output::write_atomic(path, &self.to_bytes())
    }

    /// The default model compiled into the binary, trained from `training/`.
    pub fn builtin() -> Result<Self> {
        let bytes = crate::BUILTIN_MODEL;
        if bytes.is_empty() {
            return Err(Error::Model {
                path: "<built-in>".into(),
                message: "this build has no built-in model; pass --model".into(),
            });
        }
        Self::from_bytes(bytes, "<built-in>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model is assembled from these while linfa fits; if they ever stopped matching
    /// linfa bit for bit, training would silently take twice as long at the end.
    #[test]
    fn linfa_formula_replica_matches_linfa_bit_for_bit() {
        let mut state = 7u64;
        for (k, v) in [(2, 5), (4, 3001), (5, 40_000)] {
            let sums = Array2::from_shape_fn((k, v), |(c, j)| {
                state = splitmix(state);
                match state % 5 {
                    0 => 0.0,
                    1 => (state % 7) as f64 * 3.0,
                    _ => (state % 100_000) as f64 / (1.0 + (c + j % 3) as f64),
                }
            });
            for alpha in [1.0, 0.02, 1e-9] {
                let guess = smoothed_log_probs(&sums, alpha);
                let linfa = fit_linfa_on_class_sums(&sums, alpha).unwrap();
                assert!(same_bits(&guess, &linfa), "k={k} v={v} alpha={alpha}");
            }
        }
        assert!(!same_bits(&[vec![0.0]], &[vec![-0.0]]));
    }

    #[test]
    fn counting_weights_titles_and_ignores_unknown_tokens() {
        let vocab =
            Vocabulary::from_terms(vec!["an ninh".into(), "mang".into(), "ninh".into()]).unwrap();
        let params = TrainParams::default().ngram_range(1, 2).title_weight(2);
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
