//! Date-number helpers shared by the page's dateline and the events' date grammar.
//!
//! The page stage finds a publication date at the top of a scraped page before the events
//! stage runs, and must not import from it; the pieces both read dates with live here: the
//! form a sentence is matched in, the day/month check, and the patterns of the dates that
//! carry their year ("29/3/2024", "ngày 29 tháng 3 năm 2024", "6 - 7/10/2024").

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::lexicon;

/// A sentence in the form dates are matched in: lower-case NFC. Lower-casing and NFC can
/// change byte lengths ("İ" lower-cases to two characters, NFD "e" + U+0301 composes to one),
/// so offsets found in the form are mapped back to the caller's sentence.
#[derive(Debug, Clone)]
pub struct MatchingForm {
    /// The lower-case NFC text.
    pub text: String,
    /// Whether the text is typed without diacritics (no non-ASCII letter).
    pub plain: bool,
    /// `(offset in text, offset in the sentence)` at every place where both agree, ascending;
    /// `None` when every offset is the same in both (the common case).
    anchors: Option<Vec<(usize, usize)>>,
}

impl MatchingForm {
    /// The matching form of `sentence`.
    pub fn new(sentence: &str) -> Self {
        let already_nfc = super::normalize::is_nfc_quickly(sentence);
        let nfc: Cow<'_, str> = if already_nfc {
            Cow::Borrowed(sentence)
        } else {
            Cow::Owned(sentence.nfc().collect())
        };
        // One pass for the lower case and both checks (src/text/lower.rs).
        let lowered = super::lower::lower_case(&nfc);
        let (text, plain, same_lengths) = (
            lowered.text,
            !lowered.non_ascii_letter,
            lowered.same_lengths,
        );
        let anchors = if already_nfc && same_lengths {
            None
        } else {
            let nfc_anchors = if already_nfc {
                sentence
                    .char_indices()
                    .map(|(i, _)| (i, i))
                    .chain([(sentence.len(), sentence.len())])
                    .collect()
            } else {
                nfc_anchors(sentence, &nfc)
            };
            Some(through_lower_case(&nfc, &nfc_anchors))
        };
        MatchingForm {
            text,
            plain,
            anchors,
        }
    }

    /// Where a range starting at `at` in the form starts in the sentence: at the last place
    /// at or before it where both agree, so a range never starts inside a character.
    pub fn start_in_sentence(&self, at: usize) -> usize {
        match &self.anchors {
            None => at,
            Some(a) => {
                let i = a.partition_point(|&(f, _)| f <= at);
                a[i.saturating_sub(1)].1
            }
        }
    }

    /// Where a range ending at `at` in the form ends in the sentence: at the first place at or
    /// after it where both agree.
    pub fn end_in_sentence(&self, at: usize) -> usize {
        match &self.anchors {
            None => at,
            Some(a) => {
                let i = a.partition_point(|&(f, _)| f < at);
                a.get(i).or(a.last()).map_or(at, |&(_, s)| s)
            }
        }
    }
}

/// Bytes of `c` lower-cased. `str::to_lowercase` also lower-cases a final "Σ" to "ς" rather
/// than "σ"; both take two bytes, so per-character lengths still add up.
fn lower_len(c: char) -> usize {
    c.to_lowercase().map(char::len_utf8).sum()
}

/// `(offset in nfc, offset in sentence)` at the boundaries NFC cannot reach across: before a
/// character that neither combines with what precedes it (combining class 0) nor may compose
/// with it (NFC quick check "yes"). Inside a stretch NFC leaves as it is, every character
/// boundary agrees. Should the stretches not add up to `nfc` (they always do), only the two
/// ends are given, which still maps every range to one that holds it.
fn nfc_anchors(sentence: &str, nfc: &str) -> Vec<(usize, usize)> {
    let mut anchors = vec![(0, 0)];
    let mut built = String::with_capacity(nfc.len());
    let mut start = 0;
    let boundaries = sentence
        .char_indices()
        .skip(1)
        .filter(|&(_, c)| {
            canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
        })
        .map(|(i, _)| i)
        .chain([sentence.len()]);
    for end in boundaries {
        let stretch = &sentence[start..end];
        let composed: String = stretch.nfc().collect();
        if composed == stretch {
            anchors.extend(
                stretch
                    .char_indices()
                    .skip(1)
                    .map(|(i, _)| (built.len() + i, start + i)),
            );
        }
        built.push_str(&composed);
        anchors.push((built.len(), end));
        start = end;
    }
    if built != nfc {
        return vec![(0, 0), (nfc.len(), sentence.len())];
    }
    anchors
}

/// Carries `(offset in nfc, offset in sentence)` anchors over to the lower-cased `nfc`.
fn through_lower_case(nfc: &str, anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(anchors.len());
    let mut lower = 0;
    let mut chars = nfc.char_indices().peekable();
    for &(at, sentence_at) in anchors {
        while let Some(&(i, c)) = chars.peek() {
            if i >= at {
                break;
            }
            lower += lower_len(c);
            chars.next();
        }
        out.push((lower, sentence_at));
    }
    out
}

/// Whether `day`/`month` can be a date (a day of some month).
pub fn valid_day_month(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// A number the patterns matched (ASCII digits; anything else gives 0, an invalid day, month
/// or year).
pub fn number(s: &str) -> u32 {
    s.parse::<u32>().unwrap_or(0)
}

/// The words of `list` as a regex alternation, in order.
pub fn alternation(list: &[&str]) -> String {
    list.join("|")
}

/// The words of a list of (accented, plain) pairs in one spelling, as a regex alternation.
pub fn alternation_of(pairs: &[(&str, &str)], plain: bool) -> String {
    let words: Vec<&str> = pairs
        .iter()
        .map(|&(a, p)| if plain { p } else { a })
        .collect();
    words.join("|")
}

/// One word of an (accented, plain) pair.
pub fn spelling(pair: (&'static str, &'static str), plain: bool) -> &'static str {
    if plain {
        pair.1
    } else {
        pair.0
    }
}

/// "29/3/2024", "29-3-2024", "29.3.2024", "3/3/17": groups 1 day, 2 first separator, 3
/// month, 4 second separator, 5 year (four digits, or two). Not right after a digit, "/", "."
/// or "," (part of a longer number) nor right before a digit or "/". Read a match with
/// [`full_date_of`].
pub fn full_date_pattern() -> String {
    let sep = r"\s*([/\-\.])\s*";
    format!(
        r"(?:^|[^\d/\.,])([0-9]{{1,2}}){sep}([0-9]{{1,2}}){sep}((?:19|20)[0-9]{{2}}|[0-9]{{2}})(?:[^\d/]|$)"
    )
}

/// The day, month and year of a [`full_date_pattern`] match. A two-digit year ("3/3/17") is
/// taken only between slashes, where it cannot be a decimal or a score, as 20yy up to 49 and
/// 19yy from 50 on.
pub fn full_date_of(c: &regex::Captures<'_>) -> Option<(u32, u32, i32)> {
    let (d, m) = (number(c.get(1)?.as_str()), number(c.get(3)?.as_str()));
    let y = c.get(5)?.as_str();
    let year = if y.len() == 2 {
        let slashes = c.get(2)?.as_str() == "/" && c.get(4)?.as_str() == "/";
        if !slashes {
            return None;
        }
        let yy = number(y) as i32;
        if yy < 50 {
            2000 + yy
        } else {
            1900 + yy
        }
    } else {
        number(y) as i32
    };
    valid_day_month(d, m).then_some((d, m, year))
}

/// "ngày 29 tháng 3" with an optional "năm 2024": groups 1 day, 2 month, 3 year.
pub fn written_full_pattern(plain: bool) -> String {
    let ngay = spelling(lexicon::DAY, plain);
    let thang = spelling(lexicon::MONTH, plain);
    let nam = spelling(lexicon::YEAR, plain);
    format!(
        r"{ngay}\s+([0-9]{{1,2}})\s+{thang}\s+([0-9]{{1,2}})(?:\s*(?:,\s*)?{nam}\s+((?:19|20)[0-9]{{2}}))?"
    )
}

/// "19-21/5", "6 - 7/10/2024", "22 đến 24/10": groups 1 first day, 2 last day, 3 month, 4
/// optional year. "31/10 đến 1/11" is two dates, not a range.
pub fn range_pattern() -> String {
    r"(?:^|[^\d/\.,])([0-9]{1,2})\s*(?:-|–|đến|tới|den|toi)\s*([0-9]{1,2})\s*/\s*([0-9]{1,2})(?:\s*/\s*((?:19|20)[0-9]{2}))?(?:[^\d/]|$)".to_string()
}

/// A document or version word ending the text before a number ("Nghị định 13/2023").
pub fn document_before_pattern(plain: bool) -> String {
    let words = if plain {
        lexicon::DOCUMENT_WORDS_PLAIN
    } else {
        lexicon::DOCUMENT_WORDS
    };
    format!(r"(?:{})\s*$", alternation(words))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence's slice for a range of the form.
    fn back<'a>(s: &'a str, f: &MatchingForm, start: usize, end: usize) -> &'a str {
        &s[f.start_in_sentence(start)..f.end_in_sentence(end)]
    }

    #[test]
    fn offsets_map_back_through_lower_case_and_nfc() {
        // Same lengths: no map.
        let s = "Ngày 29/3, ĐẠI HỘI";
        let f = MatchingForm::new(s);
        assert!(f.anchors.is_none());
        assert_eq!(f.text, "ngày 29/3, đại hội");
        // "İ" lower-cases to "i" + U+0307: three bytes for two.
        let s = "İİ ngày 29/3";
        let f = MatchingForm::new(s);
        let at = f.text.find("29/3").unwrap();
        assert_ne!(at, s.find("29/3").unwrap());
        assert_eq!(back(s, &f, at, at + 4), "29/3");
        // NFD input composes: "ngày" in NFD is longer than in NFC.
        let s: String = "Hôm qua, ngày 29/3".nfd().collect();
        let f = MatchingForm::new(&s);
        assert_eq!(f.text, "hôm qua, ngày 29/3");
        let at = f.text.find("ngày").unwrap();
        assert_eq!(
            back(&s, &f, at, at + "ngày".len()),
            "ngày".nfd().collect::<String>()
        );
        // A range inside a composed character widens to the whole character.
        let at = f.text.find('ô').unwrap();
        assert_eq!(back(&s, &f, at + 1, at + 1), "ô".nfd().collect::<String>());
        assert_eq!(
            back(&s, &f, at, at + 'ô'.len_utf8()),
            "ô".nfd().collect::<String>()
        );
    }
}
