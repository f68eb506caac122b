//! The built-in model in the form `build.rs` prepares from `models/topics.json`: the model
//! object's small parts as JSON text, the vocabulary and the vectors as raw bytes, so that
//! starting needs no parsing of 30,000 strings and megabytes of base64 (see `build.rs` for the
//! layout). The result goes through the same checks as a loaded file ([`TopicModel::from_data`]),
//! and a test checks that it equals `TopicModel::load("models/topics.json")` in every part.

use crate::error::{Error, Result};
use crate::features::Vocabulary;

use std::ops::Range;

use super::file::{ModelData, PendingCounts, MODEL_VERSION};
use super::{TopicModel, TrainParams};

/// The ready form of the built-in model; empty when `build.rs` could not prepare it (the
/// built-in model is then read from its JSON).
static READY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default_model.ready"));

/// Reads the ready form; `None` when there is none or it is not laid out as expected (the
/// caller then reads the JSON). The count vectors stay in the binary's bytes until something
/// reads them (see `PendingCounts`).
pub(super) fn load() -> Option<Result<TopicModel>> {
    let (data, counts, log_probs) = parse(READY)?;
    let pending = PendingCounts::raw(READY, counts, log_probs);
    Some(
        TopicModel::from_parts(data, Some(pending)).map_err(|e| match e {
            Error::Model { message, .. } => Error::Model {
                path: "<built-in>".into(),
                message,
            },
            other => other,
        }),
    )
}

/// The f64 values of their little-endian bytes (a whole number of them): copied as one
/// block, then put in the machine's order (nothing to do on little-endian machines). Value by
/// value with `from_le_bytes` this was a sixth of loading the built-in model.
pub(super) fn f64s_of_le_bytes(bytes: &[u8]) -> Vec<f64> {
    let n = bytes.len() / 8;
    let mut values = vec![0.0f64; n];
    // SAFETY: `values` has room for `n * 8` bytes, any bit pattern is a valid f64, and the
    // two do not overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), values.as_mut_ptr().cast::<u8>(), n * 8);
    }
    if cfg!(target_endian = "big") {
        for v in &mut values {
            *v = f64::from_bits(u64::from_le(v.to_bits()));
        }
    }
    values
}

/// [`f64s_of_le_bytes`] into `values` (its contents replaced), reusing its memory when it
/// has the right length already.
pub(super) fn f64s_of_le_bytes_into(bytes: &[u8], values: &mut Vec<f64>) {
    let n = bytes.len() / 8;
    if values.len() != n {
        values.clear();
        values.resize(n, 0.0);
    }
    // SAFETY: as in `f64s_of_le_bytes`.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), values.as_mut_ptr().cast::<u8>(), n * 8);
    }
    if cfg!(target_endian = "big") {
        for v in values.iter_mut() {
            *v = f64::from_bits(u64::from_le(v.to_bits()));
        }
    }
}

/// A cursor over the ready form's bytes.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// Where the next vector's values are in `all` (which this reads), skipping them.
    fn skip_f64s(&mut self, all: &[u8]) -> Option<Range<usize>> {
        let n = self.u32()?;
        let at = all.len() - self.0.len();
        self.take(n.checked_mul(8)?)?;
        Some(at..at + n * 8)
    }

    fn f64s(&mut self) -> Option<Vec<f64>> {
        let n = self.u32()?;
        let bytes = self.take(n.checked_mul(8)?)?;
        Some(f64s_of_le_bytes(bytes))
    }
}

/// The model's content with its count and log-probability vectors left out (the classes' and
/// parts' `feature_count`s and `feature_log_prob`s empty), and where those are in `bytes`,
/// classes then parts.
fn parse(bytes: &[u8]) -> Option<Parsed> {
    let mut r = Reader(bytes);
    if r.take(8)? != b"NLMODEL\0" || r.u32()? != MODEL_VERSION as usize {
        return None;
    }
    let header_len = r.u32()?;
    let mut data: ModelData<TrainParams> = serde_json::from_slice(r.take(header_len)?).ok()?;
    let n = r.u32()?;
    let offsets = r.take(n.checked_add(1)?.checked_mul(4)?)?;
    let offset = |i: usize| {
        let b = &offsets[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    };
    if offset(0) != 0 {
        return None;
    }
    let text = std::str::from_utf8(r.take(offset(n))?).ok()?;
    // One copy of the terms' text and their ends, as the vocabulary keeps them (no string per
    // term); `from_data` indexes it.
    let ends = (1..=n).map(|i| offset(i) as u32).collect();
    data.vocabulary = Vocabulary::from_parts(text.to_owned(), ends)?;
    let mut counts = Vec::with_capacity(data.classes.len() + data.parts.len());
    let mut log_probs = Vec::with_capacity(counts.capacity());
    for _ in 0..data.classes.len() + data.parts.len() {
        counts.push(r.skip_f64s(bytes)?);
        log_probs.push(r.skip_f64s(bytes)?);
    }
    if let Some(stage) = &mut data.second_stage {
        stage.idf = r.f64s()?;
        for topic in &mut stage.topics {
            topic.weights = r.f64s()?;
        }
    }
    r.0.is_empty().then_some((data, counts, log_probs))
}

/// What [`parse`] reads: the content, and where its count and log-probability vectors are.
type Parsed = (ModelData<TrainParams>, Vec<Range<usize>>, Vec<Range<usize>>);

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_bad_log_probability_in_the_ready_form_is_refused_with_its_label() {
        // The raw values go straight into the scoring table and are checked there.
        for (class, label) in [(1, "summits"), (5, "other")] {
            let mut bytes = READY.to_vec();
            let (_, _, log_probs) = parse(&bytes).expect("the ready form parses");
            let at = log_probs[class].start + 8 * 17;
            bytes[at..at + 8].copy_from_slice(&1.0f64.to_le_bytes());
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            let (data, counts, log_probs) = parse(bytes).expect("still parses");
            let err =
                TopicModel::from_parts(data, Some(PendingCounts::raw(bytes, counts, log_probs)))
                    .unwrap_err()
                    .to_string();
            assert!(
                err.contains(&format!(
                    "label \"{label}\" has a log-probability that is not a finite number <= 0"
                )),
                "{err}"
            );
        }
    }

    fn from_json() -> TopicModel {
        TopicModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/topics.json"))
            .expect("models/topics.json loads")
    }

    #[test]
    fn ready_form_equals_the_json_file_in_every_part() {
        let ready = load()
            .expect("build.rs prepared the ready form of models/topics.json")
            .expect("the ready form is a valid model");
        let json = from_json();
        // Both keep their count vectors undecoded until they are read.
        assert!(ready.counts.is_pending() && json.counts.is_pending());
        // Every stored part: settings (whatever fields they hold), vocabulary, every label's
        // vectors, calibration, summary; then what is derived from them at load.
        assert_eq!(ready.data.params, json.data.params);
        assert_eq!(ready.data.vocabulary, json.data.vocabulary);
        assert_eq!(ready.classes(), json.classes());
        assert!(ready.classes().iter().all(|c| !c.feature_count.is_empty()));
        assert_eq!(ready.data.calibration, json.data.calibration);
        assert_eq!(ready.data.summary, json.data.summary);
        // `other`'s parts travel as raw vectors too (the default model has 3).
        assert_eq!(json.data.parts.len(), 3);
        assert_eq!(ready.all_classes().1, json.all_classes().1);
        // So does the second stage.
        assert!(json.data.second_stage.is_some());
        assert_eq!(ready.data.second_stage, json.data.second_stage);
        assert!(ready == json);
        assert_eq!(ready.vocabulary(), json.vocabulary());
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        let table = |m: &TopicModel| m.log_prob.rows_iter().flat_map(bits).collect::<Vec<_>>();
        assert_eq!(table(&ready), table(&json));
        let hashes = |m: &TopicModel| {
            (0..m.log_prob.rows())
                .filter(|&j| m.log_prob.holds(j as u32, m.vocabulary().hashes()[j]))
                .count()
        };
        assert_eq!(hashes(&ready), ready.vocabulary().len());
        assert_eq!(hashes(&json), json.vocabulary().len());
        assert_eq!(bits(&ready.log_prior), bits(&json.log_prior));
        assert_eq!(ready.other, json.other);
        assert!(ready.to_bytes() == json.to_bytes(), "saved bytes differ");
        assert!(TopicModel::builtin().unwrap() == json);
    }

    #[test]
    fn ready_form_predicts_exactly_as_the_json_file() {
        let ready = TopicModel::builtin().unwrap();
        let json = from_json();
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut texts: Vec<String> = std::fs::read_dir(examples)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        texts.push("Tin tặc tấn công hệ thống ngân hàng bằng mã độc tống tiền".into());
        texts.push(String::new());
        let (mut a, mut b) = (ready.analyzer(), json.analyzer());
        for text in &texts {
            let (p, q) = (
                ready.predict(&mut a, "", text),
                json.predict(&mut b, "", text),
            );
            assert_eq!(p.best, q.best);
            for (x, y) in p.log_likelihoods.iter().zip(&q.log_likelihoods) {
                assert_eq!(x.to_bits(), y.to_bits());
            }
            for (x, y) in p.probabilities.iter().zip(&q.probabilities) {
                assert_eq!(x.to_bits(), y.to_bits());
            }
            assert_eq!(p.tokens.to_bits(), q.tokens.to_bits());
            assert_eq!(
                ready.explain(&mut a, "", text, 5),
                json.explain(&mut b, "", text, 5)
            );
        }
    }

    #[test]
    fn values_copied_as_a_block_are_read_value_by_value() {
        let values = [
            0.0,
            -0.0,
            1.5,
            -2.25e-300,
            f64::MAX,
            f64::NAN,
            f64::NEG_INFINITY,
        ];
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let read = f64s_of_le_bytes(&bytes);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&read), bits(&values));
        // From an odd address too, as in the binary.
        let shifted = [&[0u8][..], &bytes].concat();
        assert_eq!(bits(&f64s_of_le_bytes(&shifted[1..])), bits(&values));
        assert!(f64s_of_le_bytes(&[]).is_empty());
    }

    #[test]
    fn a_damaged_ready_form_is_refused_not_misread() {
        assert!(parse(&READY[..READY.len() - 1]).is_none());
        assert!(parse(&[READY, &[0]].concat()).is_none());
        assert!(parse(b"NLMODEL\0").is_none());
        assert!(parse(b"").is_none());
    }
}
