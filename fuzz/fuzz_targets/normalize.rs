//! Normalisation: `normalize` with both fold settings and `normalize_into` into a dirty,
//! reused buffer must agree and never panic on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsline::text::{fold_diacritics, normalize, normalize_into, NormalizeOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut reused = String::from("stale contents that normalize_into must clear");
    for fold in [false, true] {
        let options = NormalizeOptions {
            fold_diacritics: fold,
        };
        let once = normalize(&text, &options);
        normalize_into(&text, &options, &mut reused);
        assert_eq!(once, reused, "normalize and normalize_into disagree (fold={fold})");
        // Normalising normalised text must not panic either (no assertion on equality:
        // idempotence is not promised by the API).
        let _ = normalize(&once, &options);
    }
    let _ = fold_diacritics(&text);
});
