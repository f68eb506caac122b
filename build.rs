// Compiles the committed default model into the binary when it exists, so `classify` works
// with no set-up; a checkout without it still builds (commands then ask for --model).
//
// Two forms go in: the JSON file as it is (`BUILTIN_MODEL`, the documented, checksummed
// format), and a form that is ready to use with little work (`BUILTIN_MODEL_READY`, read by
// `src/model/builtin.rs`): parsing the 3 MB JSON (30,000 vocabulary strings, megabytes of
// base64) was most of a one-document run. The ready form is derived from whatever the JSON
// holds: the model object goes in as JSON text with its three big parts emptied (settings,
// calibration, summary and any field added later stay text, read at start by the same code as
// the file, so they need no change here); the vocabulary and each label's two vectors follow as
// raw bytes. Nothing of it is written by hand. When the file is missing, is not laid out as
// expected or fails its checksum, the ready form is empty and the built-in model is read from
// the JSON, which then reports precisely what is wrong.
//
// Layout of the ready form (integers little-endian u32):
//   b"NLMODEL\0", envelope version, header length, header (the model object's JSON text with
//   `"vocabulary":[]` and every class's and part's `feature_count` and `feature_log_prob` as
//   ""), term count n, n + 1 offsets into the term bytes, term bytes (UTF-8),
//   per class, then per part of `other` if any: value count, feature_count as f64 little-endian bytes, value count,
//   feature_log_prob as f64 little-endian bytes; then, when the model has a second stage (its
//   `idf` and every topic's `weights` emptied to "" in the header): value count and bytes of
//   its idf, then of each topic's weights.
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::value::RawValue;

fn main() {
    let model = Path::new("models/topics.json");
    println!("cargo:rerun-if-changed=models/topics.json");
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir);
    let bytes = std::fs::read(model).unwrap_or_default();
    let ready = ready_form(&bytes).unwrap_or_default();
    std::fs::write(out.join("default_model.json"), &bytes).expect("OUT_DIR is writable");
    std::fs::write(out.join("default_model.ready"), ready).expect("OUT_DIR is writable");
}

fn put_u32(out: &mut Vec<u8>, n: usize) -> Option<()> {
    out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
    Some(())
}

/// The raw little-endian bytes of a base64 vector of f64; `None` when it is not one.
fn decode_f64s(encoded: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    (raw.len() % 8 == 0).then_some(raw)
}

/// The ready form of a model file's bytes; `None` when the file is not one this can prepare.
fn ready_form(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let envelope: BTreeMap<&str, &RawValue> = serde_json::from_str(text).ok()?;
    let format: String = serde_json::from_str(envelope.get("format")?.get()).ok()?;
    let version: u32 = serde_json::from_str(envelope.get("version")?.get()).ok()?;
    let checksum: String = serde_json::from_str(envelope.get("checksum")?.get()).ok()?;
    let body = envelope.get("model")?.get();
    if format != "newsline-topic-model"
        || checksum != format!("crc32:{:08x}", crc32fast::hash(body.as_bytes()))
    {
        return None;
    }
    let mut model: BTreeMap<&str, &RawValue> = serde_json::from_str(body).ok()?;
    let terms: Vec<String> = serde_json::from_str(model.get("vocabulary")?.get()).ok()?;
    let mut classes: Vec<BTreeMap<&str, &RawValue>> =
        serde_json::from_str(model.get("classes")?.get()).ok()?;
    let classes_len = classes.len();
    // `other`'s parts, when the model has them, are laid out like classes, after them.
    if let Some(parts) = model.get("parts") {
        let parts: Vec<BTreeMap<&str, &RawValue>> = serde_json::from_str(parts.get()).ok()?;
        classes.extend(parts);
    }
    let empty_list = RawValue::from_string("[]".into()).ok()?;
    let empty_text = RawValue::from_string("\"\"".into()).ok()?;
    let mut vectors = Vec::new();
    for class in &mut classes {
        for key in ["feature_count", "feature_log_prob"] {
            let encoded: String = serde_json::from_str(class.get(key)?.get()).ok()?;
            vectors.push(decode_f64s(&encoded)?);
            class.insert(key, &empty_text);
        }
    }
    let classes_text = serde_json::to_string(&classes[..classes_len]).ok()?;
    let classes_raw = RawValue::from_string(classes_text).ok()?;
    let parts_text = serde_json::to_string(&classes[classes_len..]).ok()?;
    let parts_raw = RawValue::from_string(parts_text).ok()?;
    model.insert("vocabulary", &empty_list);
    model.insert("classes", &classes_raw);
    if model.contains_key("parts") {
        model.insert("parts", &parts_raw);
    }
    // The second stage's vectors, when the model has one: its idf, then each topic's weights.
    let stage_raw;
    if let Some(stage) = model.get("second_stage") {
        let mut stage: BTreeMap<&str, &RawValue> = serde_json::from_str(stage.get()).ok()?;
        let idf: String = serde_json::from_str(stage.get("idf")?.get()).ok()?;
        vectors.push(decode_f64s(&idf)?);
        stage.insert("idf", &empty_text);
        let mut topics: Vec<BTreeMap<&str, &RawValue>> =
            serde_json::from_str(stage.get("topics")?.get()).ok()?;
        for topic in &mut topics {
            let weights: String = serde_json::from_str(topic.get("weights")?.get()).ok()?;
            vectors.push(decode_f64s(&weights)?);
            topic.insert("weights", &empty_text);
        }
        let topics_raw = RawValue::from_string(serde_json::to_string(&topics).ok()?).ok()?;
        stage.insert("topics", &topics_raw);
        stage_raw = RawValue::from_string(serde_json::to_string(&stage).ok()?).ok()?;
        model.insert("second_stage", &stage_raw);
    }
    let header = serde_json::to_string(&model).ok()?;

    let mut out = b"NLMODEL\0".to_vec();
    put_u32(&mut out, version as usize)?;
    put_u32(&mut out, header.len())?;
    out.extend_from_slice(header.as_bytes());
    put_u32(&mut out, terms.len())?;
    let mut at = 0;
    put_u32(&mut out, at)?;
    for term in &terms {
        at += term.len();
        put_u32(&mut out, at)?;
    }
    for term in &terms {
        out.extend_from_slice(term.as_bytes());
    }
    for raw in &vectors {
        put_u32(&mut out, raw.len() / 8)?;
        out.extend_from_slice(raw);
    }
    Some(out)
}
