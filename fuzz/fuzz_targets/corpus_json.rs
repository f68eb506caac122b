//! Corpus reading: `corpus::decode` on raw bytes, `corpus::article_from_json` on the decoded
//! line, and `ArticleReader` over a temporary `.jsonl` (and `.txt`) file holding the input,
//! with every combination of `lossy` and `skip_invalid`.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsline::corpus::{article_from_json, decode, parse_published, ArticleReader, ReadOptions};
use newsline::Location;

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsline-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    })
}

fn utf16_bom(b: &[u8]) -> bool {
    b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF])
}

fuzz_target!(|data: &[u8]| {
    let at = Location::line("fuzz.jsonl", 1);

    // decode: strict mode never returns NUL; lossy mode only refuses UTF-16.
    if let Ok(s) = decode(data, &at, false) {
        assert!(!s.contains('\0'));
    }
    match decode(data, &at, true) {
        Ok(s) => assert!(!s.contains('\0')),
        Err(e) => assert!(utf16_bom(data), "lossy decode failed: {e}"),
    }

    // One JSON line, as given (lossily decoded so every input reaches the parser).
    let line = String::from_utf8_lossy(data);
    if let Ok(a) = article_from_json(&line, at.clone()) {
        assert!(!a.text.contains('\0') && !a.title.contains('\0'));
        assert!(!(a.text.trim().is_empty() && a.title.trim().is_empty()));
    }
    let _ = parse_published(&line);

    // The whole input as a file, read by the streaming reader.
    for ext in ["jsonl", "txt"] {
        let path = scratch().join(format!("input.{ext}"));
        std::fs::write(&path, data).expect("write temp file");
        for lossy in [false, true] {
            for skip_invalid in [false, true] {
                let options = ReadOptions {
                    lossy,
                    skip_invalid,
                    label_from_folder: ext == "txt",
                };
                let reader = ArticleReader::open(std::slice::from_ref(&path), options)
                    .expect("an existing file opens");
                let mut errors = 0;
                for item in reader.take(100_000) {
                    match item {
                        Ok(a) => assert!(!a.text.contains('\0') && !a.title.contains('\0')),
                        Err(_) => errors += 1,
                    }
                }
                assert!(errors <= 1, "reader went on after an error");
            }
        }
    }
});
