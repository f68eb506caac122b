//! Vietnamese text normalisation: one canonical form for every way the same word arrives.
//!
//! The same syllable reaches us as NFC, as NFD, with the tone mark on another vowel
//! ("hòa" / "hoà", "thủy" / "thuỷ") and in any case. [`normalize`] maps all of them to one
//! string: lower-case NFC with the tone mark placed by a single rule that looks only at the
//! tone-less letters, so the input's placement can never leak through. With
//! [`NormalizeOptions::fold_diacritics`] it also removes every diacritic and maps đ to d, so text
//! typed without diacritics ("an ninh mang") matches.

use serde::{Deserialize, Serialize};
use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Settings of [`normalize`]. Part of a trained model: text is always normalised the way the
/// model's training text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormalizeOptions {
    /// Remove all diacritics (tone marks and the marks of ă â ê ô ơ ư) and map đ to d.
    /// Default: `true`, the better setting in cross-validation (see models/README.md).
    pub fold_diacritics: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            fold_diacritics: true,
        }
    }
}

/// The five Vietnamese tone marks as combining characters.
const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

fn is_tone_mark(c: char) -> bool {
    TONE_MARKS.contains(&c)
}

/// Splits a (lower-case, precomposed) letter into its tone-less letter and its tone mark.
/// `ề` gives `('ê', Some('\u{300}'))`; letters without a tone come back unchanged.
fn split_tone(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c, None);
    }
    let mut parts: [char; 4] = ['\0'; 4];
    let mut n = 0;
    decompose_canonical(c, |d| {
        if n < parts.len() {
            parts[n] = d;
        }
        n += 1;
    });
    if n > parts.len() {
        return (c, None);
    }
    let mut base = parts[0];
    let mut tone = None;
    for &mark in &parts[1..n] {
        if is_tone_mark(mark) && tone.is_none() {
            tone = Some(mark);
        } else {
            base = compose(base, mark).unwrap_or(base);
        }
    }
    (base, tone)
}

/// Removes every diacritic from one letter and maps đ/Đ to d/D.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        'đ' => return 'd',
        'Đ' => return 'D',
        _ => {}
    }
    let mut first = None;
    decompose_canonical(c, |d| {
        if first.is_none() {
            first = Some(d);
        }
    });
    first.unwrap_or(c)
}

/// The characters of Latin-1 to Latin Extended-B (U+0080-U+024F) and of Latin Extended
/// Additional (U+1E00-U+1EFF), where Vietnamese letters lie, in the order of the per-letter
/// tables built once from the standard library's mappings (here and in `lower`).
pub(crate) fn latin_letter_codes() -> impl Iterator<Item = u32> {
    (0x80..0x250u32).chain(0x1E00..0x1F00)
}

/// The index of `code` in [`latin_letter_codes`], or `None` outside its ranges.
#[inline]
pub(crate) fn latin_letter_index(code: u32) -> Option<usize> {
    match code {
        0x80..=0x24F => Some((code - 0x80) as usize),
        0x1E00..=0x1EFF => Some((code - 0x1E00) as usize + (0x250 - 0x80)),
        _ => None,
    }
}

/// [`fold_char`] of the characters of [`latin_letter_codes`], taken once from `fold_char`
/// itself: folding a headline or a title looked every letter's decomposition up again.
fn folded_letters() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        latin_letter_codes()
            .map(|u| char::from_u32(u).map_or('\u{FFFD}', fold_char))
            .collect()
    })
}

/// [`fold_char`], through [`folded_letters`] where it can.
#[inline]
fn fold_char_fast(table: &[char], c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    latin_letter_index(u32::from(c))
        .and_then(|i| table.get(i).copied())
        .unwrap_or_else(|| fold_char(c))
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn has_quality_mark(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Index (into `letters`) of the vowel that carries the tone, by the "new style" rule:
/// a vowel with a quality mark (ă â ê ô ơ ư; the last one in "ươ") wins; otherwise the last
/// vowel of the nucleus when a consonant follows it or the nucleus is oa/oe/uy; otherwise the
/// second of three vowels, or the first of two. "qu" and "gi" before a vowel count as consonants.
///
/// `letters` are lower-case and tone-less. Returns `None` when the word has no vowel.
fn tone_position(letters: &[char]) -> Option<usize> {
    let first_vowel = letters.iter().position(|&c| is_vowel(c))?;
    let mut start = first_vowel;
    // "qu" + vowel and "gi" + vowel: the u / i belongs to the initial consonant.
    if start + 1 < letters.len() && is_vowel(letters[start + 1]) && start >= 1 {
        let prev = letters[start - 1];
        if (prev == 'q' && letters[start] == 'u') || (prev == 'g' && letters[start] == 'i') {
            start += 1;
        }
    }
    let mut end = start;
    while end < letters.len() && is_vowel(letters[end]) {
        end += 1;
    }
    let nucleus = &letters[start..end];
    if let Some(i) = nucleus.iter().rposition(|&c| has_quality_mark(c)) {
        return Some(start + i);
    }
    let closed = end < letters.len();
    let pos = match nucleus.len() {
        0 | 1 => 0,
        2 => {
            let pair = (nucleus[0], nucleus[1]);
            if closed || matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
                1
            } else {
                0
            }
        }
        _ => {
            if closed {
                nucleus.len() - 1
            } else {
                1
            }
        }
    };
    Some(start + pos)
}

/// Writes one word (a run of letters, already lower-case NFC) into `out` with its tone mark
/// moved to the canonical vowel, or with every diacritic removed when `fold` is set.
fn push_word(word: &[char], fold: bool, scratch: &mut Vec<char>, out: &mut String) {
    if fold {
        out.extend(word.iter().map(|&c| fold_char(c)));
        return;
    }
    scratch.clear();
    let mut tone = None;
    for &c in word {
        let (base, t) = split_tone(c);
        // Only a Vietnamese vowel's tone moves; a marked consonant of another language
        // ("ć", "ń") keeps its mark.
        if t.is_some() && is_vowel(base) {
            tone = t;
            scratch.push(base);
        } else {
            scratch.push(c);
        }
    }
    let Some(tone) = tone else {
        out.extend(word.iter());
        return;
    };
    let at = tone_position(scratch);
    for (i, &c) in scratch.iter().enumerate() {
        if Some(i) == at {
            // Through NFC, not `compose`: "ê" + dot below has no direct composition pair
            // (ệ is ẹ + circumflex), canonical reordering finds it.
            out.extend([c, tone].into_iter().nfc());
        } else {
            out.push(c);
        }
    }
    if at.is_none() {
        // A tone mark on a word without a Vietnamese vowel (a foreign word): keep it visible.
        out.push(tone);
    }
}

/// What a character becomes in folded, lower-case text, for U+0080..U+1EFF (Latin-1, Latin
/// Extended, combining marks, Latin Extended Additional: every Vietnamese letter).
/// `DROP` removes it (a combining diacritic), `SLOW` sends it through the general path.
const DROP: char = '\u{1}';
const SLOW: char = '\0';
const TABLE_END: u32 = 0x1F00;

pub(crate) fn fold_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..TABLE_END)
            .map(|u| match char::from_u32(u) {
                None => SLOW,
                Some(c) if is_combining_mark(c) => DROP,
                Some(c) => {
                    let mut lower = c.to_lowercase();
                    match (lower.next(), lower.next()) {
                        (Some(l), None) => fold_char(l),
                        _ => SLOW,
                    }
                }
            })
            .collect()
    })
}

/// Receives every character as it is written to normalised text, with its byte offset there:
/// lets the tokenizer find syllables while the text is written instead of in a second scan.
pub(crate) trait CharSink: Sized {
    /// `c` was written at byte offset `at` of the output.
    fn put(&mut self, c: char, at: usize);
    /// The output was cleared and is about to be written again from the start.
    fn restart(&mut self);
    /// Folds `text` into `out`, telling this sink every character written: [`fold_fast`]'s
    /// contract (the same output, the same calls to [`put`](Self::put)). A sink may do it in
    /// a loop of its own (the syllable scanner reads bytes and folds through a byte table).
    #[inline]
    fn fold(&mut self, text: &str, out: &mut String, restart: bool) -> bool {
        fold_fast(text, out, restart, self)
    }
}

/// A sink that ignores everything, for plain normalisation.
struct NoSink;

impl CharSink for NoSink {
    #[inline]
    fn put(&mut self, _: char, _: usize) {}
    fn restart(&mut self) {}
}

#[inline(always)]
fn emit(c: char, out: &mut String, sink: &mut impl CharSink) {
    sink.put(c, out.len());
    out.push(c);
}

/// The folding path: lower-case, diacritics removed, đ -> d. Vietnamese needs no NFC first:
/// the combining marks of decomposed text are dropped and precomposed letters map to their
/// base. Decomposed text of other scripts (a combining mark outside U+0300-U+036F, conjoining
/// Hangul jamo) is composed first, so it folds like its NFC form.
/// Returns whether the text was composed first.
fn fold_into(text: &str, out: &mut String, sink: &mut impl CharSink) -> bool {
    if sink.fold(text, out, true) {
        return false;
    }
    out.clear();
    sink.restart();
    let composed: String = text.nfc().collect();
    sink.fold(&composed, out, false);
    true
}

/// Folds `text` into `out`, one character at a time through the table; returns false (with
/// `out` partly written) when `restart` is set and the text holds decomposed non-Latin
/// characters that need NFC first.
pub(crate) fn fold_fast(
    text: &str,
    out: &mut String,
    restart: bool,
    sink: &mut impl CharSink,
) -> bool {
    let table = fold_table();
    for c in text.chars() {
        if !fold_one(c, table, out, restart, sink) {
            return false;
        }
    }
    true
}

/// Folds one character of `text` into `out` (see [`fold_fast`]); false when `restart` is set
/// and `c` is a conjoining jamo (the text needs NFC first).
#[inline(always)]
pub(crate) fn fold_one(
    c: char,
    table: &[char],
    out: &mut String,
    restart: bool,
    sink: &mut impl CharSink,
) -> bool {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase(), out, sink);
        return true;
    }
    let u = c as u32;
    if (0x1100..=0x11FF).contains(&u) {
        if restart {
            return false;
        }
        emit(c, out, sink);
        return true;
    }
    let mapped = if u < TABLE_END {
        table[(u - 0x80) as usize]
    } else {
        SLOW
    };
    match mapped {
        DROP => {}
        SLOW => {
            for l in c.to_lowercase() {
                fold_other(l, table, out, sink);
            }
        }
        m => emit(m, out, sink),
    }
    true
}

/// What the folding table makes of U+0080..U+1EFF as bytes, for a scanner that reads UTF-8
/// bytes: [`FOLDS_TO_NOTHING`] for a dropped mark, the ASCII byte a character folds to, or
/// [`FOLDS_OTHERWISE`] for anything else (a character that folds to a non-ASCII one, or needs
/// the general path: [`fold_one`] decides).
pub(crate) fn fold_bytes_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        fold_table()
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                let u = 0x80 + i as u32;
                match m {
                    // Jamo are the general path's to decide (NFC first).
                    _ if (0x1100..=0x11FF).contains(&u) => FOLDS_OTHERWISE,
                    DROP => FOLDS_TO_NOTHING,
                    SLOW => FOLDS_OTHERWISE,
                    m if m.is_ascii() => m as u8,
                    _ => FOLDS_OTHERWISE,
                }
            })
            .collect()
    })
}

/// [`fold_bytes_table`]: the character needs [`fold_one`].
pub(crate) const FOLDS_OTHERWISE: u8 = 0;
/// [`fold_bytes_table`]: the character is dropped (a combining mark).
pub(crate) const FOLDS_TO_NOTHING: u8 = 1;

/// Folds one lower-case character outside the fast table: combining marks are dropped, a
/// Hangul syllable is kept whole (its decomposition is jamo, not base and marks), anything
/// else becomes the first character of its decomposition, folded again through the table
/// (the Angstrom sign lower-cases to "å", which folds to "a").
fn fold_other(l: char, table: &[char], out: &mut String, sink: &mut impl CharSink) {
    if is_combining_mark(l) {
        return;
    }
    if ('\u{AC00}'..='\u{D7A3}').contains(&l) {
        emit(l, out, sink);
        return;
    }
    let base = fold_char(l);
    let u = base as u32;
    if (0x80..TABLE_END).contains(&u) {
        match table[(u - 0x80) as usize] {
            DROP => {}
            SLOW => emit(base, out, sink),
            m => emit(m, out, sink),
        }
    } else {
        emit(base, out, sink);
    }
}

/// Normalises `text` into `out` (cleared first), reusing `out`'s allocation.
///
/// Steps: NFC (skipped when the text is already NFC, the common case), lower-case, then per
/// word the canonical tone placement or, with `fold_diacritics`, removal of all diacritics.
/// Everything that is not a letter is kept as it is, so offsets of words stay in order.
pub fn normalize_into(text: &str, options: &NormalizeOptions, out: &mut String) {
    normalize_with(text, options, out, &mut NoSink);
}

/// [`normalize_into`], telling `sink` every character written and where. Returns whether
/// folding composed the text (NFC) first and wrote it again (see `fold_into`).
pub(crate) fn normalize_with(
    text: &str,
    options: &NormalizeOptions,
    out: &mut String,
    sink: &mut impl CharSink,
) -> bool {
    out.clear();
    out.reserve(text.len());
    if options.fold_diacritics {
        return fold_into(text, out, sink);
    }
    keep_into(text, options, out);
    for (at, c) in out.char_indices() {
        sink.put(c, at);
    }
    false
}

/// The path that keeps diacritics: NFC, lower case, canonical tone placement per word.
fn keep_into(text: &str, options: &NormalizeOptions, out: &mut String) {
    let mut word: Vec<char> = Vec::with_capacity(16);
    let mut scratch: Vec<char> = Vec::with_capacity(16);
    let mut flush = |word: &mut Vec<char>, out: &mut String| {
        if !word.is_empty() {
            push_word(word, options.fold_diacritics, &mut scratch, out);
            word.clear();
        }
    };
    let mut feed = |c: char, word: &mut Vec<char>, out: &mut String| {
        if ('\u{300}'..='\u{36F}').contains(&c) {
            // A diacritic still loose after NFC could not join its letter (a second tone, a
            // mark on a symbol): dropped, so the output is stable when normalised again.
            return;
        }
        if c.is_alphabetic() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                // "İ" lower-cases to "i" + a combining dot: drop such loose marks here too.
                word.extend(
                    c.to_lowercase()
                        .filter(|l| !('\u{300}'..='\u{36F}').contains(l)),
                );
            }
        } else {
            flush(word, out);
            out.push(c);
        }
    };
    if is_nfc_quickly(text) {
        for c in text.chars() {
            feed(c, &mut word, out);
        }
    } else {
        for c in text.nfc() {
            feed(c, &mut word, out);
        }
    }
    flush(&mut word, out);
}

/// Normalises `text`: NFC, lower-case, one tone-mark placement, optional diacritic folding.
///
/// ```
/// use newsline::text::{normalize, NormalizeOptions};
/// let keep = NormalizeOptions { fold_diacritics: false };
/// assert_eq!(normalize("Hoà BÌNH", &keep), normalize("hòa bình", &keep));
/// let fold = NormalizeOptions { fold_diacritics: true };
/// assert_eq!(normalize("An ninh mạng", &fold), "an ninh mang");
/// ```
pub fn normalize(text: &str, options: &NormalizeOptions) -> String {
    let mut out = String::new();
    normalize_into(text, options, &mut out);
    out
}

/// Whether `text` is NFC by the quick check (its answer "yes"), found without the check's
/// table lookups when every character is below the combining marks (U+0300) or a precomposed
/// letter of Latin Extended Additional (U+1E00-U+1EFF, Vietnamese): each of those has quick
/// check "yes" and combining class 0, so a text of them only is NFC (a test checks every one).
pub(crate) fn is_nfc_quickly(text: &str) -> bool {
    below_marks_or_vietnamese(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// Whether every character of `text` is below U+0300 or in U+1E00-U+1EFF, read from its
/// UTF-8 bytes without decoding the characters (this ran over every sentence the date
/// grammar lower-cases and every headline folded): U+0000-U+007F is one byte below 0x80,
/// U+0080-U+02FF two bytes led by 0xC2-0xCB, U+1E00-U+1EFF three bytes led by 0xE1 and a
/// second byte 0xB8-0xBB. A `str` is valid UTF-8, so a lead byte's continuation bytes follow.
fn below_marks_or_vietnamese(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => 3,
            _ => return false,
        };
    }
    true
}

/// Whether [`fold_diacritics`] leaves `text` as it is (text typed without diacritics),
/// without building the folded copy.
pub(crate) fn folds_to_itself(text: &str) -> bool {
    if is_nfc_quickly(text) {
        let table = folded_letters();
        text.chars().all(|c| fold_char_fast(table, c) == c)
    } else {
        fold_diacritics(text) == text
    }
}

/// Removes all diacritics and maps đ to d, keeping case. Used for matching date words and
/// markers in text typed with or without diacritics.
pub fn fold_diacritics(text: &str) -> String {
    // Most text is NFC already (the quick check says so without composing anything); the
    // date grammar and the headlines fold many short pieces of it.
    let table = folded_letters();
    // Room for the text as it is: a folded letter is no longer than the letter (a few CJK
    // compatibility ideographs grow, and the string with them), where collecting grew the
    // string several times for each headline and title folded.
    let mut out = String::with_capacity(text.len());
    // `is_nfc_quickly`'s first test made while folding, instead of in a pass of its own: a text
    // of characters below U+0300 or in U+1E00-U+1EFF is NFC, and folds as it is.
    for c in text.chars() {
        if (c as u32) >= 0x300 && !('\u{1E00}'..='\u{1EFF}').contains(&c) {
            // Another character: the quick check of the whole text decides, from the start.
            out.clear();
            if is_nfc_quick(text.chars()) == IsNormalized::Yes {
                out.extend(text.chars().map(|c| fold_char_fast(table, c)));
            } else {
                out.extend(text.nfc().map(|c| fold_char_fast(table, c)));
            }
            return out;
        }
        out.push(fold_char_fast(table, c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_decides_nfc_as_the_quick_check_does() {
        let table = folded_letters();
        let reference = |t: &str| -> String {
            if is_nfc_quickly(t) {
                t.chars().map(|c| fold_char_fast(table, c)).collect()
            } else {
                t.nfc().map(|c| fold_char_fast(table, c)).collect()
            }
        };
        for text in [
            "",
            "Hà Nội",
            "Tấn công mã độc “WannaCry” – 2024…",
            "a\u{301} b",
            "Hà Nội a\u{301}",
            "e\u{323}\u{302} và ệ",
            "Ω \u{212B} Å",
            "\u{1100}\u{1161} 한국",
            "Ελλάδα Москва 東京 𤋮",
            "ĐÀ NẴNG đà nẵng",
        ] {
            assert_eq!(fold_diacritics(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn the_folding_table_folds_as_fold_char() {
        let table = folded_letters();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(fold_char_fast(table, c), fold_char(c), "{c:?}");
        }
    }

    #[test]
    fn characters_taken_as_nfc_without_the_quick_check_are_nfc() {
        let taken = (0..0x300u32)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32);
        for c in taken {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
        // The byte reading agrees with the characters' values, for every character alone and
        // after an ASCII letter and before a Vietnamese one.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = (c as u32) < 0x300 || ('\u{1E00}'..='\u{1EFF}').contains(&c);
            assert_eq!(
                below_marks_or_vietnamese(c.encode_utf8(&mut [0; 4])),
                expected,
                "{c:?}"
            );
            assert_eq!(
                below_marks_or_vietnamese(&format!("a{c}ệ")),
                expected,
                "{c:?}"
            );
        }
        for text in [
            "Hà Nội",
            "Ha Noi",
            "a\u{301}",
            "Ω",
            "\u{212B}",
            "ệ",
            "e\u{323}\u{302}",
            "",
        ] {
            assert_eq!(
                is_nfc_quickly(text),
                is_nfc_quick(text.chars()) == IsNormalized::Yes,
                "{text:?}"
            );
            assert_eq!(
                folds_to_itself(text),
                fold_diacritics(text) == text,
                "{text:?}"
            );
        }
    }

    const KEEP: NormalizeOptions = NormalizeOptions {
        fold_diacritics: false,
    };
    const FOLD: NormalizeOptions = NormalizeOptions {
        fold_diacritics: true,
    };

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn tone_placement_old_and_new_style_agree() {
        for (old, new) in [
            ("hòa", "hoà"),
            ("thủy", "thuỷ"),
            ("khỏe", "khoẻ"),
            ("hủy", "huỷ"),
            ("lòa", "loà"),
            ("xõa", "xoã"),
        ] {
            assert_eq!(
                normalize(old, &KEEP),
                normalize(new, &KEEP),
                "{old} / {new}"
            );
        }
    }

    #[test]
    fn canonical_placement_is_new_style() {
        assert_eq!(normalize("hòa", &KEEP), "hoà");
        assert_eq!(normalize("thủy", &KEEP), "thuỷ");
        assert_eq!(normalize("khỏe", &KEEP), "khoẻ");
    }

    #[test]
    fn closed_and_marked_syllables_keep_their_placement() {
        for word in [
            "hoàng",
            "toán",
            "người",
            "nguyễn",
            "thuyền",
            "quả",
            "già",
            "gì",
            "mùa",
            "tuổi",
            "khuỷu",
            "ngoài",
            "việt",
            "đường",
        ] {
            assert_eq!(normalize(word, &KEEP), word, "{word}");
        }
    }

    #[test]
    fn nfd_input_equals_nfc_input() {
        let text = "Hội nghị thượng đỉnh về an ninh mạng và vũ trụ";
        assert_eq!(normalize(&nfd(text), &KEEP), normalize(text, &KEEP));
        assert_eq!(
            normalize(&nfd(text), &KEEP),
            "hội nghị thượng đỉnh về an ninh mạng và vũ trụ"
        );
    }

    #[test]
    fn upper_case_is_lowered() {
        assert_eq!(normalize("ĐÀ NẴNG Hòa Bình", &KEEP), "đà nẵng hoà bình");
        assert_eq!(normalize("ĐÀ NẴNG", &FOLD), "da nang");
    }

    #[test]
    fn folding_removes_every_diacritic() {
        assert_eq!(
            normalize("Hội nghị thượng đỉnh", &FOLD),
            "hoi nghi thuong dinh"
        );
        assert_eq!(normalize("ă â ê ô ơ ư đ", &FOLD), "a a e o o u d");
        assert_eq!(normalize(&nfd("Vũ trụ"), &FOLD), "vu tru");
        assert_eq!(normalize("thuỷ", &FOLD), normalize("thủy", &FOLD));
    }

    #[test]
    fn punctuation_and_digits_are_kept_in_place() {
        assert_eq!(
            normalize("Ngày 29/3, Mỹ-Pháp.", &FOLD),
            "ngay 29/3, my-phap."
        );
    }

    #[test]
    fn split_tone_separates_base_and_mark() {
        assert_eq!(split_tone('ề'), ('ê', Some('\u{300}')));
        assert_eq!(split_tone('ợ'), ('ơ', Some('\u{323}')));
        assert_eq!(split_tone('ă'), ('ă', None));
        assert_eq!(split_tone('a'), ('a', None));
    }

    #[test]
    fn tone_position_rules() {
        let pos = |w: &str| tone_position(&w.chars().collect::<Vec<_>>());
        assert_eq!(pos("hoa"), Some(2)); // open oa -> second vowel
        assert_eq!(pos("mua"), Some(1)); // open ua -> first vowel
        assert_eq!(pos("hoang"), Some(2)); // closed -> last vowel
        assert_eq!(pos("nguoi"), Some(3)); // three open vowels -> middle
        assert_eq!(pos("quan"), Some(2)); // qu is a consonant
        assert_eq!(pos("gia"), Some(2)); // gi is a consonant
        assert_eq!(pos("gi"), Some(1));
        assert_eq!(pos("tuơi"), Some(2)); // marked vowel wins
        assert_eq!(pos("xyz"), Some(1));
        assert_eq!(pos("http"), None);
    }

    #[test]
    fn fast_folding_equals_the_general_path() {
        let samples = [
            "Hội nghị thượng đỉnh ĐÀ NẴNG",
            "Thủy thuỷ Hòa hoà KHỎE khoẻ",
            "Ça va? Straße Ωmega Привет 東京 ǅemal",
            "",
            "x\u{301}y\u{323}",
        ];
        for s in samples {
            let slow: String = s
                .nfd()
                .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
                .collect::<String>();
            let slow: String = slow
                .chars()
                .flat_map(char::to_lowercase)
                .map(fold_char)
                .collect();
            assert_eq!(normalize(s, &FOLD), slow, "{s}");
            assert_eq!(normalize(&nfd(s), &FOLD), slow, "NFD {s}");
        }
    }

    #[test]
    fn marked_consonants_of_other_languages_keep_their_marks() {
        // Found by fuzzing (normalize_canonical): the acute of "ć" was moved as a tone.
        let input = "\0\0\u{1b}\0\u{FFFD} ệ aĆ\u{301} o u\u{31b}\u{309}";
        let once = normalize(input, &KEEP);
        assert_eq!(
            normalize(&once, &KEEP),
            once,
            "normalising twice changes nothing"
        );
        assert_eq!(normalize("Łódź Ćma", &KEEP), "łódź ćma");
    }

    #[test]
    fn normalising_twice_changes_nothing_for_every_character() {
        for u in (0..0x3000u32)
            .chain(0xAC00..0xAC40)
            .chain([0x212B, 0x2126, 0xD55C])
        {
            let Some(c) = char::from_u32(u) else { continue };
            for text in [format!("{c}"), format!("ha{c}n"), format!("a{c}\u{301}o")] {
                for o in [KEEP, FOLD] {
                    let once = normalize(&text, &o);
                    assert_eq!(normalize(&once, &o), once, "U+{u:04X} in {text:?} ({o:?})");
                }
                let nfd: String = text.nfd().collect();
                assert_eq!(
                    normalize(&nfd, &FOLD),
                    normalize(&text, &FOLD),
                    "NFD of U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn nfd_input_equals_nfc_input_outside_latin_when_folding() {
        // Found by fuzzing (normalize_canonical): Arabic, Gurmukhi and Hangul.
        for s in ["\u{6C0}", "\u{A33}", "한국", "Ελληνικά", "Привет"] {
            let nfd: String = s.nfd().collect();
            assert_eq!(normalize(&nfd, &FOLD), normalize(s, &FOLD), "{s:?}");
        }
        assert_eq!(
            normalize("Hàn Quốc 한국", &FOLD),
            "han quoc 한국",
            "Hangul is kept whole"
        );
    }

    #[test]
    fn fold_diacritics_keeps_case() {
        assert_eq!(fold_diacritics("Đà Nẵng"), "Da Nang");
    }
}
