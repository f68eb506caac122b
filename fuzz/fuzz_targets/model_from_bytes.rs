//! Model loading: `TopicModel::from_bytes` on the raw input, and on the input wrapped as the
//! `model` content of an envelope with the right format, version and CRC-32 (so mutations get
//! past the checksum and reach the validation of the content). A model that loads is used
//! (predict, decide, explain, linfa's likelihoods) and must survive `to_bytes` -> `from_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsline::model::{TopicModel, MODEL_FORMAT, MODEL_VERSION};

fn exercise(model: &TopicModel) {
    let title = "Hội nghị thượng đỉnh";
    let body = "An ninh mạng: ngày 29/3, vệ tinh được phóng. Tấn công mã độc.";
    let mut analyzer = model.analyzer();
    let p = model.predict(&mut analyzer, title, body);
    assert!(p.best < model.k());
    let _ = model.decide(&p, None);
    let _ = model.decide(&p, Some(0.5));
    let _ = model.combine(&p, &p, 0.5);
    let _ = model.explain(&mut analyzer, title, body, 5);
    let counts = model.counts(&mut analyzer, title, body);
    let _ = model.log_likelihoods(&counts);
    let _ = model.linfa_log_likelihoods(&[counts]);
    let bytes = model.to_bytes();
    let back = TopicModel::from_bytes(&bytes, "round-trip")
        .unwrap_or_else(|e| panic!("a loaded model's own bytes do not load: {e}"));
    assert!(back == *model, "model changed in a to_bytes/from_bytes round trip");
}

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = TopicModel::from_bytes(data, "fuzz") {
        exercise(&model);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let content = text.trim_matches([' ', '\t', '\n', '\r']);
        let envelope = format!(
            r#"{{"format":"{MODEL_FORMAT}","version":{MODEL_VERSION},"checksum":"crc32:{:08x}","model":{content}}}"#,
            crc32fast::hash(content.as_bytes())
        );
        if let Ok(model) = TopicModel::from_bytes(envelope.as_bytes(), "fuzz-wrapped") {
            exercise(&model);
        }
    }
});
