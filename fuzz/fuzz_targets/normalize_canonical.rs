//! Exploratory: the module docs promise one canonical form for every spelling of a word.
//! Asserts that NFD input normalises like NFC input. Idempotence (normalising the output again
//! changes nothing) is checked only with CHECK_IDEMPOTENT=1 (both settings) or
//! CHECK_IDEMPOTENT=fold: it does not hold today (see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsline::text::{normalize, NormalizeOptions};
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for fold in [false, true] {
        let o = NormalizeOptions { fold_diacritics: fold };
        let once = normalize(&text, &o);
        // CHECK_IDEMPOTENT=1: both settings; CHECK_IDEMPOTENT=fold: only with folding.
        let idem = std::env::var("CHECK_IDEMPOTENT").ok();
        if idem.as_deref().is_some_and(|v| v != "fold" || fold) {
            assert_eq!(normalize(&once, &o), once, "not idempotent (fold={fold}) for {text:?}");
        }
        // SKIP_NFD=1 leaves out the NFD check (to look at idempotence alone).
        if std::env::var_os("SKIP_NFD").is_none() {
            let nfd: String = text.nfd().collect();
            assert_eq!(normalize(&nfd, &o), once, "NFD differs (fold={fold}) for {text:?}");
        }
    }
});
