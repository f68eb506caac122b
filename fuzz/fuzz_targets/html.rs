//! Saved web pages: `corpus::decode_page` (strict and lossy) on the raw bytes, then
//! `corpus::article_from_html` and `corpus::html::page_meta` on the decoded page, and
//! `corpus::gunzip` on the bytes as a `.html.gz` would be read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsline::corpus::html::page_meta;
use newsline::corpus::{article_from_html, decode_page, gunzip, Known};
use newsline::Location;
use unicode_normalization::is_nfc;

fuzz_target!(|data: &[u8]| {
    let at = Location::file("fuzz.html");
    let _ = gunzip(data, &at);
    // Strict decoding may refuse (bad bytes, NUL); lossy decoding never does, and neither
    // gives a NUL character.
    if let Ok(page) = decode_page(data, &at, false) {
        assert!(!page.contains('\0'));
    }
    let page = match decode_page(data, &at, true) {
        Ok(page) => page,
        Err(e) => panic!("lossy decoding failed: {e}"),
    };
    assert!(!page.contains('\0'));
    let meta = page_meta(&page);
    if let Some(title) = &meta.title {
        assert!(!title.contains('\n') && title.trim() == title);
    }
    match article_from_html(&page, at.clone(), Known::default()) {
        Ok(a) => {
            // One paragraph a line, none empty, trimmed; NFC; a letter count worth an article.
            assert!(!a.text.is_empty());
            for line in a.text.lines() {
                assert!(!line.is_empty() && line.trim() == line, "{line:?}");
            }
            assert!(is_nfc(&a.text), "text not NFC");
            assert!(is_nfc(&a.title), "title not NFC");
            assert_eq!(a.id, "fuzz.html");
            assert!(a.text.chars().filter(|c| c.is_alphanumeric()).count() >= 100);
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.html: "), "{message}");
        }
    }
});
