//! Lower case in one pass, with what the date grammar's matching form asks of it.
//!
//! `MatchingForm` lower-cased a sentence (`str::to_lowercase`), then read it again for a
//! letter outside ASCII, and again lower-casing every character on its own to compare byte
//! lengths: three passes and two lookups in Unicode's case table per character. Here one pass
//! gives all three, and the letters of Vietnamese (Latin-1, Latin Extended-A/B, Latin
//! Extended Additional) are looked up in a table taken once from the standard library's own
//! mapping, so the result is the same by construction (and by the tests).

use std::sync::OnceLock;

use super::normalize::{latin_letter_codes, latin_letter_index};

/// A text lower-cased, and two facts read on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lowered {
    /// `text.to_lowercase()`.
    pub(crate) text: String,
    /// Whether every character lower-cases to as many bytes as it has.
    pub(crate) same_lengths: bool,
    /// Whether the lower-cased text holds a letter (`char::is_alphabetic`) outside ASCII.
    pub(crate) non_ascii_letter: bool,
}

/// Table entry of a character whose lower case is not one character (or not wholly known
/// from the character alone).
const COMPLEX: u32 = u32::MAX;
/// Bit of a table entry set when the lower-cased character is alphabetic.
const LETTER: u32 = 1 << 31;

/// Per character of [`latin_letter_codes`]: its lower case (one character) with [`LETTER`], or
/// [`COMPLEX`].
fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let entry = |code: u32| -> u32 {
            let Some(c) = char::from_u32(code) else {
                return COMPLEX;
            };
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => u32::from(l) | if l.is_alphabetic() { LETTER } else { 0 },
                _ => COMPLEX,
            }
        };
        latin_letter_codes().map(entry).collect()
    })
}

/// The table entry of `c`, or `None` outside its ranges.
#[inline]
fn entry_of(table: &[u32], c: char) -> Option<u32> {
    latin_letter_index(u32::from(c)).and_then(|i| table.get(i).copied())
}

/// `text` lower-cased as `str::to_lowercase` does it, with [`Lowered`]'s two facts.
///
/// The text is copied and its ASCII lower-cased in place; then only its other characters are
/// looked up, and the few that change (capitals) are replaced where they stand when their lower
/// case has their length. Any other case (a character whose lower case is longer or shorter,
/// or a capital sigma, whose lower case depends on the letters around it) takes the three
/// passes this replaces.
pub(crate) fn lower_case(text: &str) -> Lowered {
    let table = table();
    let mut out = text.to_owned();
    out.make_ascii_lowercase();
    let mut non_ascii_letter = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            return three_passes(text);
        };
        let len = c.len_utf8();
        let lower = match entry_of(table, c) {
            Some(COMPLEX) => return three_passes(text),
            Some(e) => {
                non_ascii_letter |= e & LETTER != 0;
                char::from_u32(e & !LETTER)
            }
            None if c == 'Σ' => return three_passes(text),
            None => {
                let mut all = c.to_lowercase();
                match (all.next(), all.next()) {
                    (Some(l), None) => {
                        non_ascii_letter |= !l.is_ascii() && l.is_alphabetic();
                        Some(l)
                    }
                    _ => return three_passes(text),
                }
            }
        };
        match lower {
            Some(l) if l == c => {}
            Some(l) if l.len_utf8() == len => {
                let mut buffer = [0u8; 4];
                out.replace_range(i..i + len, l.encode_utf8(&mut buffer));
            }
            _ => return three_passes(text),
        }
        i += len;
    }
    Lowered {
        text: out,
        same_lengths: true,
        non_ascii_letter,
    }
}

/// What `MatchingForm` computed before, in three passes: the general case.
fn three_passes(text: &str) -> Lowered {
    let lower = text.to_lowercase();
    Lowered {
        same_lengths: text
            .chars()
            .all(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8()),
        non_ascii_letter: lower.chars().any(|c| !c.is_ascii() && c.is_alphabetic()),
        text: lower,
    }
}

/// `text.to_lowercase()`, by [`lower_case`].
pub(crate) fn to_lower(text: &str) -> String {
    lower_case(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_lowers_as_the_standard_library_does() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("A{c}b"),
                format!("Đ{c}ạ"),
                format!("Ả{c} x"),
            ] {
                assert_eq!(lower_case(&text), three_passes(&text), "{c:?}");
            }
        }
    }

    #[test]
    fn sentences_lower_as_before() {
        for text in [
            "",
            "Ngày 29/3, ĐẠI HỘI ĐẢNG bộ TP.HCM",
            "Ngay 29/3, DAI HOI",
            "İİ ngày 29/3",
            "ΑΣ ΟΔΟΣ",
            "Ǆ ǅ ǆ ẞ ß K Å",
            "Hội nghị thượng đỉnh G20 (Rio de Janeiro) – “tháng Mười Một”…",
        ] {
            assert_eq!(to_lower(text), text.to_lowercase(), "{text:?}");
            assert_eq!(lower_case(text), three_passes(text), "{text:?}");
        }
    }
}
