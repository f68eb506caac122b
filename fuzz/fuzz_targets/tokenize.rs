//! Tokenisation: `Analyzer::for_each_token` and `Analyzer::tokens` for n-gram ranges 1..3
//! (and out-of-range settings, which are documented to be clamped), both fold settings. The
//! analyzer finds syllables while it normalises (one pass); its tokens must equal the two-pass
//! definition: `normalize`, then `syllables_at`, then n-grams of consecutive syllables.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsline::text::{
    normalize, syllables_at, token_hash, Analyzer, AnalyzerOptions, NormalizeOptions, MAX_NGRAM,
};

/// (text, offset) of every n-gram with `lo..=hi` syllables, by the two-pass definition.
fn reference(text: &str, options: &NormalizeOptions, lo: usize, hi: usize) -> Vec<(String, usize)> {
    let normalized = normalize(text, options);
    let mut run: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    syllables_at(&normalized, |piece, offset| match piece {
        None => run.clear(),
        Some(s) => {
            run.push(s);
            for n in lo..=hi.min(run.len()) {
                out.push((run[run.len() - n..].join(" "), offset));
            }
        }
    });
    out
}

const RANGES: [(usize, usize); 7] = [(1, 1), (1, 2), (1, 3), (2, 3), (3, 3), (0, 0), (4, 1)];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for fold in [false, true] {
        for (min, max) in RANGES {
            let mut analyzer = Analyzer::new(AnalyzerOptions {
                normalize: NormalizeOptions {
                    fold_diacritics: fold,
                },
                ngram_min: min,
                ngram_max: max,
            });
            let lo = min.clamp(1, MAX_NGRAM);
            let hi = max.clamp(lo, MAX_NGRAM);
            let mut texts = Vec::new();
            let mut with_offsets = Vec::new();
            let mut last_offset = 0;
            analyzer.for_each_token(&text, |t| {
                let n = t.syllables.len();
                assert!(lo <= n && n <= hi, "{n}-gram outside {lo}..={hi}");
                assert!(t.syllables.iter().all(|s| !s.is_empty()));
                assert!(t.offset >= last_offset, "tokens out of order");
                last_offset = t.offset;
                let s = t.text();
                assert_eq!(t.hash, token_hash(&s), "hash of {s:?}");
                with_offsets.push((s.clone(), t.offset));
                texts.push(s);
            });
            let options = NormalizeOptions {
                fold_diacritics: fold,
            };
            assert_eq!(with_offsets, reference(&text, &options, lo, hi), "fold={fold}");
            // Same analyzer again (its buffer is reused): same tokens.
            assert_eq!(analyzer.tokens(&text), texts);
        }
    }
});
