//! The model file: a JSON envelope (format, version, CRC-32 checksum) around the model's
//! content; loading validates every part, saving is atomic, and the built-in model is the
//! committed `models/topics.json`.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::features::Vocabulary;
use crate::output::write_atomic;
use crate::BUILTIN_MODEL;

use super::parts::stored_column;
use super::second_stage::SecondStage;
use super::table::ScoreTable;
use super::{Calibration, StreamPrior, TopicModel, TrainParams, ValidTrainParams, OTHER};

/// Identifies a newsline model file.
pub const MODEL_FORMAT: &str = "newsline-topic-model";

/// Version of the model file layout; files of another version are refused.
pub const MODEL_VERSION: u32 = 1;

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
pub(super) mod f64_base64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::de::Visitor;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(values: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(values.len() * 8);
        for v in values {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        // The parser's own string (borrowed from the file), not a copy of it: a model's
        // vectors are megabytes of base64, read at every start.
        struct Base64;
        impl Visitor<'_> for Base64 {
            type Value = Vec<f64>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Vec<f64>, E> {
                decode(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Base64)
    }

    fn invalid(e: base64_simd::Error) -> String {
        format!("vector is not valid base64 ({e})")
    }

    /// The number of values a vector's base64 text holds, the text checked (without decoding
    /// it) to be valid base64 of whole f64 values: what decoding it later needs to succeed.
    pub(super) fn check(text: &[u8]) -> Result<usize, String> {
        let n = base64_simd::STANDARD
            .decoded_length(text)
            .map_err(invalid)?;
        if n % 8 != 0 {
            return Err("vector length is not a whole number of f64 values".into());
        }
        base64_simd::STANDARD.check(text).map_err(invalid)?;
        Ok(n / 8)
    }

    /// SIMD decoding, straight into the vector's memory.
    pub(super) fn decode(text: &str) -> Result<Vec<f64>, String> {
        decode_bytes(text.as_bytes())
    }

    /// [`decode`] of the text's bytes.
    pub(super) fn decode_bytes(text: &[u8]) -> Result<Vec<f64>, String> {
        // Zeroed by the allocator (fresh pages for a large vector), so not cleared again.
        let mut values = vec![0.0; value_count(text)?];
        decode_into(text, &mut values)?;
        Ok(values)
    }

    /// The number of values a vector's base64 text holds, from its length alone (what decoding
    /// it gives if it is valid base64).
    pub(super) fn value_count(text: &[u8]) -> Result<usize, String> {
        let n = base64_simd::STANDARD
            .decoded_length(text)
            .map_err(invalid)?;
        if n % 8 != 0 {
            return Err("vector length is not a whole number of f64 values".into());
        }
        Ok(n / 8)
    }

    /// [`decode_bytes`] into `values` (its contents replaced), reusing its memory: a model's
    /// log-probability vectors go through one such buffer into the scoring table.
    pub(super) fn decode_into(text: &[u8], values: &mut Vec<f64>) -> Result<(), String> {
        let n = value_count(text)? * 8;
        // Every vector of a model has the vocabulary's length: the buffer is zeroed once.
        if values.len() != n / 8 {
            values.clear();
            values.resize(n / 8, 0.0);
        }
        // SAFETY: the bytes of `values`, which any bit pattern is a valid f64 of.
        let bytes = unsafe { std::slice::from_raw_parts_mut(values.as_mut_ptr().cast::<u8>(), n) };
        base64_simd::STANDARD
            .decode(text, base64_simd::Out::from_slice(bytes))
            .map_err(invalid)?;
        if cfg!(target_endian = "big") {
            for v in values.iter_mut() {
                *v = f64::from_bits(u64::from_le(v.to_bits()));
            }
        }
        Ok(())
    }
}

/// The serialised content of a model file (inside the envelope with format, version, checksum).
/// A file is read with unchecked settings (`P` = [`TrainParams`]), which
/// [`TopicModel::from_data`] checks along with everything else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct ModelData<P = ValidTrainParams> {
    pub(super) params: P,
    /// Indexed once the model is built ([`TopicModel::from_data`]); read without its index.
    #[serde(deserialize_with = "crate::features::deserialize_unindexed")]
    pub(super) vocabulary: Vocabulary,
    pub(super) classes: Vec<ClassParams>,
    pub(super) calibration: Calibration,
    pub(super) summary: TrainingSummary,
    /// `other`'s parts (see `parts.rs`), each labelled `other`; empty without parts (and then
    /// not written, so such files keep their bytes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) parts: Vec<ClassParams>,
    /// The second stage (`second_stage.rs`), when the model has one; files without it (and
    /// models trained with `second_stage_min` 0) decide by naive Bayes alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) second_stage: Option<SecondStage>,
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

/// Which field a vector found by [`cut_vectors`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VectorField {
    /// A class's (or part's) `feature_count`.
    Count,
    /// A class's (or part's) `feature_log_prob`.
    LogProb,
    /// The second stage's `idf`.
    Idf,
    /// A second-stage topic's `weights`.
    Weights,
}

/// The vectors of a model body as our writer lays them out, found without the JSON parser:
/// the classes' `"feature_count":"<base64>"` and `"feature_log_prob":"<base64>"`, and after
/// `"second_stage":{` its `"idf":"<base64>"` and each topic's `"weights":"<base64>"`. Base64
/// holds no quote or backslash, so each value ends at the next quote; finding that with SIMD
/// instead of scanning megabytes of them in the parser was a fifth of a start with a model
/// file (and the second stage's vectors, a fifth of the file, were copied and scanned too).
/// The search is for `":"`, which ends every key of a string value and never occurs in base64,
/// and each vector is passed by looking for its closing quote alone (looking for the keys
/// themselves across the vectors was a tenth of a start).
/// Returns the values in order with their field and place in the body. `None` when the body
/// has none.
fn cut_vectors(body: &str) -> Option<Vec<(VectorField, Range<usize>)>> {
    const KEYS: [(&[u8], VectorField); 4] = [
        (b"\"feature_count", VectorField::Count),
        (b"\"feature_log_prob", VectorField::LogProb),
        (b"\"second_stage\":{\"idf", VectorField::Idf),
        (b"\"weights", VectorField::Weights),
    ];
    let bytes = body.as_bytes();
    let colon = memchr::memmem::Finder::new(b"\":\"");
    let mut vectors = Vec::new();
    let mut from = 0;
    // Our writer puts the second stage last, with its idf first; weights count only after it.
    let mut in_stage = false;
    while let Some(found) = colon.find(&bytes[from..]) {
        // `at` is the key's closing quote, `start` its value's first byte.
        let at = from + found;
        let start = at + 3;
        from = at + 1;
        let key = &bytes[..at];
        let Some(&(name, field)) = KEYS.iter().find(|(name, _)| key.ends_with(name)) else {
            continue;
        };
        // A key written inside a string is escaped.
        if at > name.len() && bytes[at - name.len() - 1] == b'\\' {
            continue;
        }
        match field {
            VectorField::Idf => in_stage = true,
            VectorField::Weights if !in_stage => continue,
            _ => {}
        }
        let len = memchr::memchr(b'"', &bytes[start..])?;
        vectors.push((field, start..start + len));
        from = start + len;
    }
    (!vectors.is_empty()).then_some(vectors)
}

/// The model's vocabulary read without the JSON parser when it is written as our writer
/// writes it, `"vocabulary":["term","term",...]` with no escapes: the place of the list's
/// contents in the body, and the terms (their text one after another, and where each ends).
/// Parsing 30,000 strings was a sixth of a start with a model file. `None` otherwise (the
/// parser then reads it).
fn cut_vocabulary(body: &str) -> Option<(Range<usize>, String, Vec<u32>)> {
    const KEY: &[u8] = b"\"vocabulary\":[";
    let bytes = body.as_bytes();
    let first = memchr::memmem::find(bytes, KEY)? + KEY.len();
    let mut text = String::with_capacity(64 * 1024);
    let mut ends = Vec::new();
    let mut at = first;
    if bytes.get(at) == Some(&b']') {
        return Some((first..at, text, ends));
    }
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let len = memchr::memchr(b'"', bytes.get(at + 1..)?)?;
        text.push_str(body.get(at + 1..at + 1 + len)?);
        ends.push(u32::try_from(text.len()).ok()?);
        at += len + 2;
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b']') => break,
            _ => return None,
        }
    }
    // An escape, or a control character (which JSON does not allow unescaped), is the
    // parser's business. Checked over the whole list in one pass the compiler vectorises.
    let plain = bytes[first..at]
        .iter()
        .fold(true, |ok, &b| ok & (b != b'\\') & (b >= 0x20));
    plain.then_some((first..at, text, ends))
}

/// `body` without the bytes of `cuts` (in order, not overlapping).
fn without(body: &str, cuts: &[Range<usize>]) -> Option<String> {
    let mut out = String::with_capacity(body.len() / 8);
    let mut copied = 0;
    for cut in cuts {
        out.push_str(body.get(copied..cut.start)?);
        copied = cut.end;
    }
    out.push_str(body.get(copied..)?);
    Some(out)
}

/// [`ModelData`] read with its vectors found by [`cut_vectors`]: the rest goes through the
/// same serde code as always, and every vector must belong to one field, in order: each class
/// (or part) one count and one log-probability vector, as its fields say, then the second
/// stage's idf and one weight vector per topic. `None` when anything does not fit that layout
/// or fails to decode: the caller then parses the body whole, which also reports precisely
/// what is wrong.
///
/// With `lazy`, the count vectors are checked (valid base64 of whole values) but not decoded:
/// their places in `body` and value counts are returned, classes then parts, and their
/// `feature_count`s are left empty (see [`PendingCounts`]). The log-probability vectors are
/// not decoded either: their places and value counts are returned likewise, and
/// [`TopicModel::from_parts`] decodes them straight into the scoring table.
fn parse_with_vectors_cut(body: &str, lazy: bool) -> Option<Cut> {
    let places = cut_vectors(body)?;
    // The vocabulary too, when it comes before the vectors (as we write it).
    let vocabulary = cut_vocabulary(body).filter(|(list, ..)| list.end <= places[0].1.start);
    let mut cuts: Vec<Range<usize>> = Vec::with_capacity(places.len() + 1);
    cuts.extend(vocabulary.as_ref().map(|(list, ..)| list.clone()));
    cuts.extend(places.iter().map(|(_, place)| place.clone()));
    let cut = without(body, &cuts)?;
    let vectors: Vec<(VectorField, &str)> = places
        .into_iter()
        .map(|(field, place)| Some((field, body.get(place)?)))
        .collect::<Option<_>>()?;
    let mut data: ModelData<TrainParams> = serde_json::from_str(&cut).ok()?;
    if let Some((_, text, ends)) = vocabulary {
        if !data.vocabulary.is_empty() {
            return None;
        }
        data.vocabulary = Vocabulary::from_parts(text, ends)?;
    }
    // `other`'s parts follow the classes in the file, laid out alike.
    let class_vectors = 2 * (data.classes.len() + data.parts.len());
    let stage_vectors = data.second_stage.as_ref().map_or(0, |s| 1 + s.topics.len());
    if vectors.len() != class_vectors + stage_vectors {
        return None;
    }
    let (of_classes, of_stage) = vectors.split_at(class_vectors);
    let mut counts = Vec::new();
    let mut log_probs = Vec::new();
    let classes = data.classes.iter_mut().chain(data.parts.iter_mut());
    for (class, pair) in classes.zip(of_classes.chunks_exact(2)) {
        if pair[0].0 == pair[1].0
            || !class.feature_count.is_empty()
            || !class.feature_log_prob.is_empty()
        {
            return None;
        }
        for &(field, text) in pair {
            match field {
                VectorField::Count if lazy => {
                    let values = f64_base64::check(text.as_bytes()).ok()?;
                    // `text` is a slice of `body`: its place is their addresses' difference.
                    let at = text.as_ptr() as usize - body.as_ptr() as usize;
                    counts.push((at..at + text.len(), values));
                }
                VectorField::Count => class.feature_count = f64_base64::decode(text).ok()?,
                VectorField::LogProb if lazy => {
                    let values = f64_base64::value_count(text.as_bytes()).ok()?;
                    let at = text.as_ptr() as usize - body.as_ptr() as usize;
                    log_probs.push((at..at + text.len(), values));
                }
                VectorField::LogProb => {
                    class.feature_log_prob = f64_base64::decode(text).ok()?;
                }
                _ => return None,
            }
        }
    }
    if let Some(stage) = &mut data.second_stage {
        let (&(field, idf), weights) = of_stage.split_first()?;
        if field != VectorField::Idf || !stage.idf.is_empty() {
            return None;
        }
        stage.idf = f64_base64::decode(idf).ok()?;
        for (topic, &(field, text)) in stage.topics.iter_mut().zip(weights) {
            if field != VectorField::Weights || !topic.weights.is_empty() {
                return None;
            }
            topic.weights = f64_base64::decode(text).ok()?;
        }
    }
    Some((data, counts, log_probs))
}

/// What [`parse_with_vectors_cut`] reads: the model's content, and with `lazy` where its count
/// vectors and its log-probability vectors are (byte ranges of the body, and their value
/// counts).
type Cut = (
    ModelData<TrainParams>,
    Vec<(Range<usize>, usize)>,
    Vec<(Range<usize>, usize)>,
);

/// Where a model's count vectors are ([`ClassParams::feature_count`] of each class, then of each
/// part of `other`) while they are not decoded. Classifying never reads them (only training,
/// `events`' term weights and saving do), and they are about a third of a model, so a loaded
/// model keeps the bytes it was read from and decodes them on first use
/// ([`TopicModel::all_classes`]). Their sizes and encoding were checked when the model was
/// loaded, so decoding them cannot fail on what was checked.
///
/// It also says where the classes' log-probability vectors are when the model was loaded from
/// bytes it keeps: those are decoded once, straight into the scoring table, and not kept
/// beside it (seven vectors of the vocabulary's length were about 410 page faults at every
/// start); [`TopicModel::all_classes`] copies them back out of the table on first use.
#[derive(Clone)]
pub(super) struct PendingCounts {
    source: CountSource,
    /// Each vector's bytes in the source, and its number of values.
    vectors: Vec<(Range<usize>, usize)>,
    /// The same for the log-probability vectors (classes, then parts); empty when the classes
    /// hold them.
    log_probs: Vec<(Range<usize>, usize)>,
}

#[derive(Clone)]
enum CountSource {
    /// Raw little-endian f64 values compiled into the binary (the built-in model's ready form).
    Raw(&'static [u8]),
    /// Base64 text in a model file's bytes, kept alive here; `name` for messages.
    Base64 { bytes: Arc<FileBytes>, name: String },
}

impl PendingCounts {
    /// Count vectors given as raw little-endian f64 values in `bytes` (their ranges, of whole
    /// values), and the log-probability vectors likewise.
    pub(super) fn raw(
        bytes: &'static [u8],
        vectors: Vec<Range<usize>>,
        log_probs: Vec<Range<usize>>,
    ) -> Self {
        let sized = |ranges: Vec<Range<usize>>| {
            ranges
                .into_iter()
                .map(|r| {
                    let n = r.len() / 8;
                    (r, n)
                })
                .collect()
        };
        PendingCounts {
            vectors: sized(vectors),
            log_probs: sized(log_probs),
            source: CountSource::Raw(bytes),
        }
    }

    /// Whether the log-probability vectors are here (and the classes' empty).
    pub(super) fn holds_log_probs(&self) -> bool {
        !self.log_probs.is_empty()
    }

    /// Log-probability vector `i`'s raw little-endian values, when they are in the binary.
    pub(super) fn raw_log_probs(&self, i: usize) -> Option<&'static [u8]> {
        match &self.source {
            CountSource::Raw(bytes) => bytes.get(self.log_probs[i].0.clone()),
            CountSource::Base64 { .. } => None,
        }
    }

    /// Number of values of log-probability vector `i`.
    pub(super) fn log_prob_values(&self, i: usize) -> usize {
        self.log_probs[i].1
    }

    /// Log-probability vector `i`, decoded into `values` (its memory reused). Fails when a
    /// model file's base64 is not valid (its length was checked at load, its characters not).
    pub(super) fn decode_log_probs(&self, i: usize, values: &mut Vec<f64>) -> Result<(), String> {
        let (range, n) = &self.log_probs[i];
        match &self.source {
            CountSource::Raw(bytes) => {
                super::builtin::f64s_of_le_bytes_into(&bytes[range.clone()], values);
            }
            CountSource::Base64 { bytes, .. } => {
                f64_base64::decode_into(&bytes.as_slice()[range.clone()], values)?;
            }
        }
        if values.len() != *n {
            return Err("log-probability vector changed length".into());
        }
        Ok(())
    }

    /// Number of vectors (classes, then parts).
    pub(super) fn len(&self) -> usize {
        self.vectors.len()
    }

    /// Number of values of vector `i`.
    pub(super) fn values(&self, i: usize) -> usize {
        self.vectors[i].1
    }

    /// Vector `i`, decoded.
    fn decode(&self, i: usize) -> Vec<f64> {
        let (range, n) = &self.vectors[i];
        match &self.source {
            CountSource::Raw(bytes) => super::builtin::f64s_of_le_bytes(&bytes[range.clone()]),
            CountSource::Base64 { bytes, name } => {
                // Checked at load (`f64_base64::check`); it can only fail now if the file
                // was rewritten in place (not by newsline, which renames a new file over it)
                // while its mapping was in use.
                match f64_base64::decode_bytes(&bytes.as_slice()[range.clone()]) {
                    Ok(values) if values.len() == *n => values,
                    Ok(_) | Err(_) => panic!(
                        "{name}: model file changed while in use (its count vectors no longer decode)"
                    ),
                }
            }
        }
    }

    /// `classes` and `parts` (their counts empty) with every count vector decoded.
    pub(super) fn complete(&self, classes: &[ClassParams], parts: &[ClassParams]) -> Classes {
        let mut i = 0;
        let mut fill = |list: &[ClassParams]| {
            list.iter()
                .map(|class| {
                    let feature_count = self.decode(i);
                    i += 1;
                    ClassParams {
                        feature_count,
                        ..class.clone()
                    }
                })
                .collect()
        };
        let classes = fill(classes);
        let parts = fill(parts);
        Classes { classes, parts }
    }
}

impl std::fmt::Debug for PendingCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = match &self.source {
            CountSource::Raw(_) => "built-in",
            CountSource::Base64 { name, .. } => name,
        };
        f.debug_struct("PendingCounts")
            .field("source", &source)
            .field("vectors", &self.vectors)
            .finish()
    }
}

/// A model's classes and parts with their counts.
#[derive(Debug, Clone)]
pub(super) struct Classes {
    pub(super) classes: Vec<ClassParams>,
    pub(super) parts: Vec<ClassParams>,
}

/// The classes' count vectors of a [`TopicModel`]: in its `ModelData` (trained models, models
/// read eagerly), or pending, the classes completed with them on first use.
#[derive(Debug, Clone, Default)]
pub(super) struct Counts {
    pending: Option<PendingCounts>,
    complete: OnceLock<Classes>,
}

impl Counts {
    /// Counts not decoded yet.
    pub(super) fn pending(pending: PendingCounts) -> Self {
        Counts {
            pending: Some(pending),
            complete: OnceLock::new(),
        }
    }

    /// Whether the count vectors are still undecoded (for tests).
    #[cfg(test)]
    pub(super) fn is_pending(&self) -> bool {
        self.pending.is_some() && self.complete.get().is_none()
    }
}

/// A model's stored parts as they are written and compared: [`ModelData`]'s fields in its
/// order, with the classes and parts complete (their counts decoded).
#[derive(Serialize, PartialEq)]
struct DataView<'a> {
    params: &'a ValidTrainParams,
    vocabulary: &'a Vocabulary,
    classes: &'a [ClassParams],
    calibration: &'a Calibration,
    summary: &'a TrainingSummary,
    #[serde(skip_serializing_if = "<[ClassParams]>::is_empty")]
    parts: &'a [ClassParams],
    #[serde(skip_serializing_if = "Option::is_none")]
    second_stage: &'a Option<SecondStage>,
}

/// Whether every value is a finite number <= 0 (a log-probability). Testing `is_finite`
/// value by value with an early exit was a quarter of loading the built-in model; here four
/// lanes of plain arithmetic, which the compiler turns into SIMD: `x * 0.0` is 0 for a finite
/// `x` and NaN otherwise, so the lanes' sums of it stay 0 only if every value is finite, and
/// their maxima say whether any is above 0.
pub(super) fn all_finite_at_most_zero(values: &[f64]) -> bool {
    finite_and_top(values).is_some_and(|top| top <= 0.0)
}

/// Whether every value is finite (as [`all_finite_at_most_zero`] checks it).
pub(super) fn all_finite(values: &[f64]) -> bool {
    finite_and_top(values).is_some()
}

/// The largest value when every value is finite (minus infinity for none), `None` otherwise.
fn finite_and_top(values: &[f64]) -> Option<f64> {
    let mut zero = [0.0f64; 4];
    let mut top = [f64::NEG_INFINITY; 4];
    let mut lanes = values.chunks_exact(4);
    for four in &mut lanes {
        for i in 0..4 {
            zero[i] += four[i] * 0.0;
            top[i] = if four[i] > top[i] { four[i] } else { top[i] };
        }
    }
    for (i, &x) in lanes.remainder().iter().enumerate() {
        zero[i] += x * 0.0;
        top[i] = if x > top[i] { x } else { top[i] };
    }
    // NaN fails `== 0.0`; -0.0 is finite and at most 0, as it was.
    let finite = zero.iter().all(|&z| z == 0.0);
    finite.then(|| top.iter().fold(f64::NEG_INFINITY, |m, &t| m.max(t)))
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

/// A model file's bytes, mapped from the system's file cache where it allows that: a model
/// is megabytes, and copying it into fresh heap pages (one page fault each) was a fifth of a
/// start with a model file. Everything but the count vectors is copied out of it while
/// loading; the model keeps it for those ([`PendingCounts`]), and the mapping, a private,
/// read-only one, is released with the model. Saving a model never rewrites a file in place
/// (it renames a new file over it), so a model being saved meanwhile is no hazard; a file
/// truncated or rewritten in place by another program while it is in use could be.
enum FileBytes {
    Read(Vec<u8>),
    #[cfg(unix)]
    Mapped(Mapping),
}

#[cfg(unix)]
struct Mapping {
    ptr: *mut libc::c_void,
    len: usize,
}

// SAFETY: a private, read-only mapping that nothing writes through: sharing or sending its
// address between threads is sharing `&[u8]`.
#[cfg(unix)]
unsafe impl Send for Mapping {}
#[cfg(unix)]
unsafe impl Sync for Mapping {}

#[cfg(unix)]
impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: `ptr` and `len` are the mapping `FileBytes::read` made, unmapped once.
        unsafe {
            libc::munmap(self.ptr, self.len);
        }
    }
}

impl FileBytes {
    /// The bytes of the file at `path`: mapped when it is a non-empty regular file the
    /// system can map, read otherwise (pipes, empty files, other systems).
    fn read(path: &Path) -> std::io::Result<FileBytes> {
        #[cfg(unix)]
        {
            use std::io::Read;
            use std::os::unix::io::AsRawFd;
            let mut file = std::fs::File::open(path)?;
            let meta = file.metadata()?;
            if meta.is_file() && meta.len() > 0 {
                if let Ok(len) = usize::try_from(meta.len()) {
                    // Linux maps every page at once instead of faulting them in one by one.
                    #[cfg(target_os = "linux")]
                    let flags = libc::MAP_PRIVATE | libc::MAP_POPULATE;
                    #[cfg(not(target_os = "linux"))]
                    let flags = libc::MAP_PRIVATE;
                    // SAFETY: a fresh read-only mapping of an open file; a failure is checked.
                    let ptr = unsafe {
                        libc::mmap(
                            std::ptr::null_mut(),
                            len,
                            libc::PROT_READ,
                            flags,
                            file.as_raw_fd(),
                            0,
                        )
                    };
                    if ptr != libc::MAP_FAILED {
                        return Ok(FileBytes::Mapped(Mapping { ptr, len }));
                    }
                }
            }
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            Ok(FileBytes::Read(bytes))
        }
        #[cfg(not(unix))]
        std::fs::read(path).map(FileBytes::Read)
    }

    fn as_slice(&self) -> &[u8] {
        match self {
            FileBytes::Read(bytes) => bytes,
            // SAFETY: the mapping is `len` readable bytes and lives as long as `self`.
            #[cfg(unix)]
            FileBytes::Mapped(m) => unsafe {
                std::slice::from_raw_parts(m.ptr.cast::<u8>(), m.len)
            },
        }
    }
}

impl TopicModel {
    /// A model from its stored content, every part validated (sizes, labels, probabilities,
    /// calibration, settings), so that scoring never meets an inconsistent model.
    pub(super) fn from_data(data: ModelData<TrainParams>) -> Result<Self> {
        Self::from_parts(data, None)
    }

    /// [`from_data`](Self::from_data) of content whose count vectors are `pending` (the
    /// classes' and parts' `feature_count`s then empty), decoded on first use.
    pub(super) fn from_parts(
        mut data: ModelData<TrainParams>,
        pending: Option<PendingCounts>,
    ) -> Result<Self> {
        let bad = |m: String| Error::Model {
            path: String::new(),
            message: m,
        };
        let k = data.classes.len();
        let v = data.vocabulary.len();
        if k < 2 {
            return Err(bad(format!("model has {k} labels, expected at least 2")));
        }
        let labels = data.params.unchecked_labels();
        if labels.len() != k {
            return Err(bad(format!(
                "model lists {} labels but has parameters for {k}",
                labels.len()
            )));
        }
        let has_other = labels.iter().any(|l| l == OTHER);
        if !data.parts.is_empty() && (data.parts.len() < 2 || !has_other) {
            return Err(bad(format!(
                "model has {} parts of \"{OTHER}\", expected none or at least 2 and a label \"{OTHER}\"",
                data.parts.len()
            )));
        }
        if let Some(pending) = &pending {
            let stored = data.classes.iter().chain(&data.parts);
            if pending.len() != k + data.parts.len()
                || stored.clone().any(|c| !c.feature_count.is_empty())
            {
                return Err(bad(format!(
                    "model has {} count vectors for {} labels and parts",
                    pending.len(),
                    k + data.parts.len()
                )));
            }
        }
        // Scoring columns: the labels, then `other`'s parts after its first (`parts.rs`).
        let columns = k + data.parts.len().saturating_sub(1);
        let other = labels.iter().position(|l| l == OTHER);
        // The scoring table, filled as each class's log-probabilities are checked. Those still
        // in the loaded bytes are decoded through `scratch` and kept nowhere else, except
        // `other`'s own when it has parts (not a scoring column).
        let from_bytes = pending.as_ref().filter(|p| p.holds_log_probs());
        // Zeroed memory from the allocator (fresh pages), not a buffer cleared by hand.
        let buffered = from_bytes.is_some_and(|p| p.raw_log_probs(0).is_none());
        let mut scratch = vec![0.0; if buffered { v } else { 0 }];
        // Raw values are copied straight into the table and checked there, after the loop.
        let mut check_table = false;
        let mut log_prob = ScoreTable::zeros(v, columns);
        if from_bytes.is_some() {
            let stored = data.classes.iter().chain(&data.parts);
            if stored.clone().any(|c| !c.feature_log_prob.is_empty()) {
                return Err(bad("model has log-probabilities in two places".into()));
            }
        }
        let expected = labels
            .iter()
            .map(String::as_str)
            .chain(std::iter::repeat(OTHER));
        let parts = data.parts.len();
        let all = data.classes.iter_mut().chain(&mut data.parts);
        for (c, (class, expected)) in all.zip(expected).enumerate() {
            if class.label != expected {
                return Err(bad(format!(
                    "class {c} is \"{}\", expected \"{expected}\"",
                    class.label
                )));
            }
            let counts = match &pending {
                Some(pending) => pending.values(c),
                None => class.feature_count.len(),
            };
            let log_probs = match from_bytes {
                Some(pending) => pending.log_prob_values(c),
                None => class.feature_log_prob.len(),
            };
            if log_probs != v || counts != v {
                return Err(bad(format!(
                    "label \"{}\" has {log_probs} log-probabilities and {counts} counts, but the vocabulary has {v} terms",
                    class.label,
                )));
            }
            if !(class.prior > 0.0 && class.prior <= 1.0) {
                return Err(bad(format!(
                    "label \"{}\" has prior {}, expected a probability above 0",
                    class.label, class.prior
                )));
            }
            let column = stored_column(c, k, other, parts);
            let raw = from_bytes.and_then(|p| p.raw_log_probs(c));
            if let (Some(column), Some(raw)) = (column, raw) {
                for (row, value) in log_prob.rows_mut().zip(raw.chunks_exact(8)) {
                    let mut le = [0u8; 8];
                    le.copy_from_slice(value);
                    row[column] = f64::from_le_bytes(le);
                }
                check_table = true;
                continue;
            }
            if let Some(pending) = from_bytes {
                // `other`'s own, when it is no scoring column, is kept in its class.
                let into = match column {
                    Some(_) => &mut scratch,
                    None => {
                        class.feature_log_prob = vec![0.0; v];
                        &mut class.feature_log_prob
                    }
                };
                pending.decode_log_probs(c, into).map_err(|e| {
                    bad(format!("label \"{}\": log-probabilities: {e}", class.label))
                })?;
            }
            let values: &[f64] = match (from_bytes, column) {
                (Some(_), Some(_)) => &scratch,
                _ => &class.feature_log_prob,
            };
            if !all_finite_at_most_zero(values) {
                return Err(bad(format!(
                    "label \"{}\" has a log-probability that is not a finite number <= 0",
                    class.label
                )));
            }
            if let Some(column) = column {
                for (row, &lp) in log_prob.rows_mut().zip(values) {
                    row[column] = lp;
                }
            }
        }
        // The whole table at once: the rows' padding and hash places still hold 0.0 (the
        // hashes are written below), which passes, so the verdict is the values'.
        if check_table && !all_finite_at_most_zero(log_prob.flat()) {
            // The first column with a bad value names its label.
            let column = (0..columns).find(|&c| {
                let values: Vec<f64> = log_prob.rows_iter().map(|row| row[c]).collect();
                !all_finite_at_most_zero(&values)
            });
            let label = match column {
                Some(c) if c < k => labels[c].as_str(),
                _ => OTHER,
            };
            return Err(bad(format!(
                "label \"{label}\" has a log-probability that is not a finite number <= 0"
            )));
        }
        let cal = &data.calibration;
        let calibration_ok = cal.temperature.is_finite()
            && cal.temperature > 0.0
            && (0.0..=1.0).contains(&cal.length_exponent)
            && (0.0..=1.0).contains(&cal.min_confidence);
        if !calibration_ok {
            return Err(bad("calibration values are out of range".into()));
        }
        if let Some(stage) = &data.second_stage {
            stage.validate(labels, v).map_err(bad)?;
        }
        let ModelData {
            params,
            mut vocabulary,
            classes,
            calibration,
            summary,
            parts,
            second_stage,
        } = data;
        let params = params.check().map_err(|e| bad(e.to_string()))?;
        vocabulary.build_index().map_err(bad)?;
        // Each row confirms its own column when scoring.
        log_prob.set_hashes(vocabulary.hashes());
        let data = ModelData {
            params,
            vocabulary,
            classes,
            calibration,
            summary,
            parts,
            second_stage,
        };
        let prior = data.params.stream_prior().clone();
        let mut model = TopicModel {
            data,
            columns,
            log_prob: ScoreTable::default(),
            log_prior: Vec::new(),
            other,
            prior: StreamPrior::corpus(),
            shift: Vec::new(),
            linfa: OnceLock::new(),
            counts: pending.map(Counts::pending).unwrap_or_default(),
        };
        let mut log_prior = Vec::with_capacity(columns);
        for c in 0..columns {
            // Its prior, which the stored classes hold (not its counts or log-probabilities,
            // which `column` would decode).
            let class = model.pick_column(&model.data.classes, &model.data.parts, c);
            log_prior.push(class.prior.ln());
        }
        model.log_prob = log_prob;
        model.log_prior = log_prior;
        model
            .set_stream_prior(prior)
            .map_err(|e| bad(e.to_string()))?;
        Ok(model)
    }

    /// The classes and `other`'s parts, with their counts (decoded on first use when the model
    /// was loaded without them, see [`PendingCounts`]).
    pub(super) fn all_classes(&self) -> (&[ClassParams], &[ClassParams]) {
        match &self.counts.pending {
            None => (&self.data.classes, &self.data.parts),
            Some(pending) => {
                let all = self.counts.complete.get_or_init(|| {
                    let mut all = pending.complete(&self.data.classes, &self.data.parts);
                    if pending.holds_log_probs() {
                        self.fill_log_probs(&mut all);
                    }
                    all
                });
                (&all.classes, &all.parts)
            }
        }
    }

    /// The log-probabilities of `all`'s classes and parts that the model keeps only in its
    /// scoring table, copied out of it (the same values, bit for bit).
    fn fill_log_probs(&self, all: &mut Classes) {
        let (k, parts) = (self.k(), all.parts.len());
        let stored = all.classes.iter_mut().chain(&mut all.parts);
        for (c, class) in stored.enumerate() {
            if let Some(column) = stored_column(c, k, self.other, parts) {
                class.feature_log_prob = self.log_prob.rows_iter().map(|row| row[column]).collect();
            }
        }
    }

    /// The stored parts, as written and compared.
    fn view(&self) -> DataView<'_> {
        let (classes, parts) = self.all_classes();
        DataView {
            params: &self.data.params,
            vocabulary: &self.data.vocabulary,
            classes,
            calibration: &self.data.calibration,
            summary: &self.data.summary,
            parts,
            second_stage: &self.data.second_stage,
        }
    }

    /// Whether two models store the same parts (counts compared decoded).
    pub(super) fn same_data(&self, other: &Self) -> bool {
        self.view() == other.view()
    }

    /// The model file's bytes: a JSON envelope with format, version, a CRC-32 of the model
    /// content, and the content. The same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = serde_json::to_string(&self.view()).expect("model data serialises");
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
        Self::read(bytes, name, None)
    }

    /// [`from_bytes`](Self::from_bytes); with `keep`, the bytes' owner, the count vectors
    /// are checked but left in it, decoded on first use ([`PendingCounts`]).
    fn read(bytes: &[u8], name: &str, keep: Option<&Arc<FileBytes>>) -> Result<Self> {
        let bad = |m: String| Error::Model {
            path: name.to_owned(),
            message: m,
        };
        let text = simdutf8::basic::from_utf8(bytes).map_err(|_| {
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
        let (data, pending) = match parse_with_vectors_cut(body, keep.is_some()) {
            Some((data, counts, log_probs)) => {
                let pending = keep.filter(|_| !counts.is_empty()).map(|file| {
                    // `body` is a slice of `bytes`: its place is their addresses' difference.
                    let at = body.as_ptr() as usize - bytes.as_ptr() as usize;
                    let in_file = |ranges: Vec<(Range<usize>, usize)>| {
                        ranges
                            .into_iter()
                            .map(|(r, n)| (r.start + at..r.end + at, n))
                            .collect()
                    };
                    PendingCounts {
                        source: CountSource::Base64 {
                            bytes: Arc::clone(file),
                            name: name.to_owned(),
                        },
                        vectors: in_file(counts),
                        log_probs: in_file(log_probs),
                    }
                });
                (data, pending)
            }
            None => {
                let data = serde_json::from_str(body)
                    .map_err(|e| bad(format!("model content is malformed ({e})")))?;
                (data, None)
            }
        };
        TopicModel::from_parts(data, pending).map_err(|e| match e {
            Error::Model { message, .. } => bad(message),
            other => bad(other.to_string()),
        })
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = FileBytes::read(path).map_err(|e| Error::io(path, "cannot read model", e))?;
        let bytes = Arc::new(bytes);
        Self::read(bytes.as_slice(), &path.display().to_string(), Some(&bytes))
    }

    /// Writes the model atomically (temporary file, sync, rename): interrupting this never
    /// leaves a broken model at `path`.
    pub fn save(&self, path: &Path) -> Result<()> {
        write_atomic(path, &self.to_bytes())
    }

    /// The default model compiled into the binary, trained from `training/`.
    pub fn builtin() -> Result<Self> {
        let bytes = BUILTIN_MODEL;
        if bytes.is_empty() {
            return Err(Error::Model {
                path: "<built-in>".into(),
                message: "this build has no built-in model; load a model file".into(),
            });
        }
        // The form build.rs prepared from the same file, when it could (see `builtin.rs`).
        super::builtin::load().unwrap_or_else(|| Self::from_bytes(bytes, "<built-in>"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model file around `body`, with a checksum that fits it.
    fn reseal(body: &str) -> String {
        format!(
            "{{\"format\":\"{MODEL_FORMAT}\",\"version\":{MODEL_VERSION},\"checksum\":\"crc32:{:08x}\",\"model\":{body}}}",
            crc32fast::hash(body.as_bytes())
        )
    }

    fn committed() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("models/topics.json")
    }

    #[test]
    fn a_file_read_through_a_mapping_is_the_file() {
        let path = committed();
        let mapped = FileBytes::read(&path).unwrap();
        assert_eq!(mapped.as_slice(), std::fs::read(&path).unwrap().as_slice());
        let loaded = TopicModel::load(&path).unwrap();
        let read = TopicModel::from_bytes(&std::fs::read(&path).unwrap(), "x").unwrap();
        assert!(loaded == read);
        assert!(
            loaded.to_bytes() == std::fs::read(&path).unwrap(),
            "saves the same bytes"
        );
    }

    /// The classes and parts as a loaded model keeps them (before anything completes them).
    fn fresh_data(model: &TopicModel) -> Vec<ClassParams> {
        model
            .data
            .classes
            .iter()
            .chain(&model.data.parts)
            .cloned()
            .collect()
    }

    #[test]
    fn a_damaged_log_probability_vector_is_refused_at_load_with_the_file_name() {
        let text = std::fs::read_to_string(committed()).unwrap();
        let (_, body) = split_envelope(&text).unwrap();
        let reseal = |body: &str| {
            format!(
                "{{\"format\":\"{MODEL_FORMAT}\",\"version\":{MODEL_VERSION},\"checksum\":\"crc32:{:08x}\",\"model\":{body}}}",
                crc32fast::hash(body.as_bytes())
            )
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let key = "\"feature_log_prob\":\"";
        let at = body.find(key).unwrap() + key.len();
        // Not base64 (decoded into the scoring table at load).
        let broken = format!("{}!{}", &body[..at], &body[at + 1..]);
        std::fs::write(&path, reseal(&broken)).unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(
            err.contains(
                "m.json: label \"cybersecurity\": log-probabilities: vector is not valid base64"
            ),
            "{err}"
        );
        // Three values short.
        let short = format!("{}{}", &body[..at], &body[at + 32..]);
        std::fs::write(&path, reseal(&short)).unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(
            err.contains(
                "m.json: label \"cybersecurity\" has 29997 log-probabilities and 30000 counts"
            ),
            "{err}"
        );
        // A positive log-probability (1.0 is `AAAAAAAA8D8=` as the first value's base64).
        let positive = format!("{}AAAAAAAA8D8{}", &body[..at], &body[at + 11..]);
        std::fs::write(&path, reseal(&positive)).unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("m.json: label \"cybersecurity\" has a log-probability that is not a finite number <= 0"),
            "{err}"
        );
    }

    #[test]
    fn log_probabilities_are_checked_as_before() {
        let old = |v: &[f64]| !v.iter().any(|x| !x.is_finite() || *x > 0.0);
        let specials = [
            0.0,
            -0.0,
            -1.5,
            f64::MIN,
            -f64::MIN_POSITIVE,
            -5e-324,
            5e-324,
            1.0,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for &x in &specials {
            for len in [1, 63, 64, 65, 200] {
                for at in [0, len / 2, len - 1] {
                    let mut v = vec![-0.25; len];
                    v[at] = x;
                    assert_eq!(all_finite_at_most_zero(&v), old(&v), "{x} at {at} of {len}");
                }
            }
        }
        assert!(all_finite_at_most_zero(&[]));
        let finite = |v: &[f64]| !v.iter().any(|x| !x.is_finite());
        for &x in &specials {
            for len in [1, 5, 64, 67] {
                let mut v = vec![3.5; len];
                v[len - 1] = x;
                assert_eq!(all_finite(&v), finite(&v), "{x} in {len}");
            }
        }
        assert!(all_finite(&[]));
    }

    #[test]
    fn counts_decoded_on_first_use_are_the_eager_ones() {
        let path = committed();
        let bytes = std::fs::read(&path).unwrap();
        let eager = TopicModel::from_bytes(&bytes, "x").unwrap();
        assert!(!eager.counts.is_pending());
        let lazy = TopicModel::load(&path).unwrap();
        assert!(lazy.counts.is_pending());
        // A copy made before the counts are decoded decodes its own.
        let copy = lazy.clone();
        // Scoring does not decode them.
        let mut analyzer = lazy.analyzer();
        let text = "Tin tặc tấn công hệ thống ngân hàng bằng mã độc tống tiền";
        let (p, q) = (
            lazy.predict(&mut analyzer, text, text),
            eager.predict(&mut analyzer, text, text),
        );
        assert_eq!(p, q);
        assert!(lazy.counts.is_pending());
        // `events`' term weights read every class's counts.
        let weights = |m: &TopicModel| format!("{:?}", crate::events::TermWeights::from_model(m));
        assert_eq!(weights(&lazy), weights(&eager));
        assert!(!lazy.counts.is_pending());
        let bits = |classes: &[ClassParams]| {
            classes
                .iter()
                .map(|c| {
                    c.feature_count
                        .iter()
                        .map(|x| x.to_bits())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(lazy.classes()), bits(eager.classes()));
        assert_eq!(bits(lazy.all_classes().1), bits(eager.all_classes().1));
        assert_eq!(lazy.all_classes().1.len(), 3);
        // The log-probabilities, kept only in the scoring table (but `other`'s own), come back
        // out of it bit for bit.
        let log_prob_bits = |classes: &[ClassParams]| {
            classes
                .iter()
                .map(|c| {
                    c.feature_log_prob
                        .iter()
                        .map(|x| x.to_bits())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        let stored = |m: &TopicModel| {
            let (classes, parts) = m.all_classes();
            log_prob_bits(&[classes, parts].concat())
        };
        assert_eq!(stored(&lazy), stored(&eager));
        let other = lazy.other.unwrap();
        for (c, class) in fresh_data(&lazy).iter().enumerate() {
            assert_eq!(class.feature_log_prob.is_empty(), c != other, "class {c}");
        }
        for c in 0..lazy.columns {
            assert_eq!(lazy.column(c), eager.column(c));
        }
        assert!(copy.counts.is_pending());
        assert!(copy.to_bytes() == bytes, "saves the file's bytes");
        assert!(copy == eager && lazy == eager);
        assert!(lazy.clone().to_bytes() == bytes);
        // linfa's model is built from the counts too.
        let doc = eager.counts(&mut analyzer, text, text);
        let linfa = |m: &TopicModel| m.linfa_log_likelihoods(std::slice::from_ref(&doc));
        let fresh = TopicModel::load(&path).unwrap();
        assert_eq!(linfa(&fresh), linfa(&eager));
    }

    #[test]
    fn a_damaged_count_vector_is_refused_at_load_with_the_file_name() {
        let text = std::fs::read_to_string(committed()).unwrap();
        let (_, body) = split_envelope(&text).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        // Not base64 (checked, not decoded, at load).
        let at = body.find("\"feature_count\":\"").unwrap() + "\"feature_count\":\"".len();
        let broken = format!("{}!{}", &body[..at], &body[at + 1..]);
        std::fs::write(&path, reseal(&broken)).unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(err.contains("m.json: "), "{err}");
        assert!(err.contains("vector is not valid base64"), "{err}");
        // Three values short (32 characters of base64 are 24 bytes).
        let short = format!("{}{}", &body[..at], &body[at + 32..]);
        std::fs::write(&path, reseal(&short)).unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(
            err.contains(
                "m.json: label \"cybersecurity\" has 30000 log-probabilities and 29997 counts"
            ),
            "{err}"
        );
        // A damaged file whose checksum was not resealed: refused at start, as always.
        let at = text.find("\"feature_count\":\"").unwrap() + 100;
        let swapped = if &text[at..=at] == "A" { "B" } else { "A" };
        let damaged = format!("{}{swapped}{}", &text[..at], &text[at + 1..]);
        std::fs::write(&path, damaged).unwrap();
        let err = TopicModel::load(&path).unwrap_err().to_string();
        assert!(err.contains("m.json: checksum mismatch"), "{err}");
    }

    #[test]
    fn vectors_found_outside_the_parser_are_the_parsers() {
        let text = std::fs::read_to_string(committed()).unwrap();
        let (_, body) = split_envelope(&text).unwrap();
        let whole: ModelData<TrainParams> = serde_json::from_str(body).unwrap();
        let (cut, ..) = parse_with_vectors_cut(body, false).expect("our own layout");
        assert!(cut == whole);
        // Fields in another order (a hand-edited file) give the same model.
        let swapped = body
            .replace("\"feature_count\":", "\"tmp\":")
            .replace("\"feature_log_prob\":", "\"feature_count\":")
            .replace("\"tmp\":", "\"feature_log_prob\":");
        let whole: ModelData<TrainParams> = serde_json::from_str(&swapped).unwrap();
        assert!(whole.classes[0].feature_count != cut.classes[0].feature_count);
        assert!(parse_with_vectors_cut(&swapped, false).unwrap().0 == whole);
        // Anything else is left to the parser, which says what is wrong.
        assert!(parse_with_vectors_cut("{}", false).is_none());
        let extra = body.replacen("\"summary\":{", "\"summary\":{\"feature_count\":\"\",", 1);
        assert!(parse_with_vectors_cut(&extra, false).is_none());
        let escaped = body.replacen("\"feature_count\":\"", "\"feature_count\":\"\\u0041", 1);
        assert!(parse_with_vectors_cut(&escaped, false).is_none());
        assert!(parse_with_vectors_cut(&escaped, true).is_none());
        // The second stage's vectors are cut too; written otherwise, the parser reads them.
        assert!(cut.second_stage.as_ref().is_some_and(|s| !s.idf.is_empty()));
        let spaced = body.replacen("\"weights\":\"", "\"weights\": \"", 1);
        let whole: ModelData<TrainParams> = serde_json::from_str(&spaced).unwrap();
        assert!(whole == cut);
        assert!(parse_with_vectors_cut(&spaced, false).is_none());
    }

    #[test]
    fn a_vocabulary_read_outside_the_parser_is_the_parsers() {
        let text = std::fs::read_to_string(committed()).unwrap();
        let (_, body) = split_envelope(&text).unwrap();
        let (list, ..) = cut_vocabulary(body).expect("our own layout");
        assert!(body[..list.start].ends_with("\"vocabulary\":["));
        assert!(body[list.end..].starts_with("],\"classes\""));
        // Terms holding the list's own punctuation, an escape, a control character, none.
        let first = &body[list.start..list.start + body[list.start..].find(',').unwrap()];
        for replacement in [
            "\"a,b\"",
            "\"x]\"",
            "\"say \\\"hi\\\"\"",
            "\"back\\\\slash\"",
            "\"\\u0001\"",
            "\"\"",
            "\"vệ tinh\"",
        ] {
            let edited = body.replacen(first, replacement, 1);
            let whole: ModelData<TrainParams> = serde_json::from_str(&edited).unwrap();
            let (cut, ..) = parse_with_vectors_cut(&edited, false).unwrap();
            assert!(cut == whole, "{replacement}");
            let escaped = replacement.contains('\\');
            assert_eq!(cut_vocabulary(&edited).is_none(), escaped, "{replacement}");
        }
        // An empty list, and one that is not a list of strings.
        let (list, ..) = cut_vocabulary(body).unwrap();
        let empty = format!("{}{}", &body[..list.start], &body[list.end..]);
        let (range, text, ends) = cut_vocabulary(&empty).unwrap();
        assert!(range.is_empty() && text.is_empty() && ends.is_empty());
        let numbers = format!("{}1,2{}", &body[..list.start], &body[list.end..]);
        assert!(cut_vocabulary(&numbers).is_none());
        let raw_control = body.replacen(first, "\"a\u{1}b\"", 1);
        assert!(cut_vocabulary(&raw_control).is_none());
        assert!(serde_json::from_str::<ModelData<TrainParams>>(&raw_control).is_err());
    }

    #[test]
    fn empty_files_and_folders_are_refused_with_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.json");
        std::fs::write(&empty, "").unwrap();
        let err = TopicModel::load(&empty).unwrap_err().to_string();
        assert!(err.ends_with("empty.json: model file is empty"), "{err}");
        let err = TopicModel::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("cannot read model"), "{err}");
        let err = TopicModel::load(&dir.path().join("missing.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing.json: cannot read model"), "{err}");
    }

    #[test]
    fn a_damaged_vector_or_vocabulary_is_refused() {
        let text = std::fs::read_to_string(committed()).unwrap();
        let (_, body) = split_envelope(&text).unwrap();
        // The second term replaced by the first: the same message as before vocabularies were
        // read in one piece.
        let at = body.find("\"vocabulary\":[").unwrap() + "\"vocabulary\":[".len();
        let first_end = at + body[at..].find(',').unwrap();
        let first = &body[at..first_end];
        let second_end = first_end + 1 + body[first_end + 1..].find(',').unwrap();
        let repeated = format!("{}{first},{first}{}", &body[..at], &body[second_end..]);
        let err = TopicModel::from_bytes(reseal(&repeated).as_bytes(), "m.json")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("m.json: vocabulary term "), "{err}");
        assert!(err.contains("repeats"), "{err}");
        // A vector that is not base64.
        let at = body.find("\"feature_count\":\"").unwrap() + "\"feature_count\":\"".len();
        let broken = format!("{}!{}", &body[..at], &body[at + 1..]);
        let err = TopicModel::from_bytes(reseal(&broken).as_bytes(), "m.json")
            .unwrap_err()
            .to_string();
        assert!(err.contains("vector is not valid base64"), "{err}");
    }
}
