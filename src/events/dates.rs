//! The date grammar: date mentions in Vietnamese sentences, with and without diacritics.
//!
//! Recognised, one function each, tried in this order (a span taken by an earlier form is not
//! read again by a later one); the next forms go in as functions of their own:
//!
//! | form | written |
//! |---|---|
//! | `written_full` | "ngày 29 tháng 3 năm 2024", "ngày 29 tháng 3" |
//! | `day_ranges` | "từ ngày 19-21/5", "6 - 7/10/2024", "22 đến 24/10" (the first day) |
//! | `full_dates` | "29/3/2024", "29-3-2024", "29.3.2024" |
//! | `month_years` | "tháng 12/2023", "tháng 8 năm 2023", "tháng 8 năm ngoái" |
//! | `day_months` | "ngày 29/3", "hôm 5/11", "sáng 22/5", "từ 5/3", "thứ Tư 12/5" |
//! | `months` | "tháng 12", "tháng 5 vừa qua", "tháng 11 tới" |
//! | `years` | "năm 2020" |
//! | `relative_phrases` | "hôm qua", "tuần trước", "tháng trước", "năm ngoái", "tháng sau" |
//!
//! False friends are refused: times ("6 giờ 53", "20h30"), scores ("2-0"), prices and
//! decimals ("1.500", "44,8%"), ratios ("2/3 số đơn", "24/7"), document numbers ("Nghị định
//! 13/2023/NĐ-CP"), version numbers ("iOS 17.4") and horizons ("đến năm 2030"). A bare
//! day/month needs a date word before it (ngày, hôm, sáng, từ, đến, ...) or a year after it.
//!
//! Matching runs on the sentence's lower-case NFC form; mentions are given
//! in the caller's sentence. Text with diacritics is matched with the diacritic forms only
//! ("năm", not "nam", which is also "Nam" as in Việt Nam); text typed without any diacritics is
//! matched with the plain forms. The words are in `text::lexicon`.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::datenum::{
    self, alternation, alternation_of, number, spelling, valid_day_month, MatchingForm,
};
use crate::text::lexicon;

/// What a mention says about the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearHint {
    /// Written out.
    Explicit(i32),
    /// "năm ngoái" / "năm trước": the year before publication.
    LastYear,
    /// "năm nay": the publication year.
    ThisYear,
    /// "năm sau" / "năm tới": the year after publication.
    NextYear,
    /// Not given: resolve from context.
    None,
}

/// A date as written, before its year is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Day and month (a range gives its first day).
    Day {
        /// Day of month.
        day: u32,
        /// Month.
        month: u32,
        /// Year information.
        year: YearHint,
    },
    /// A month.
    Month {
        /// Month.
        month: u32,
        /// Year information.
        year: YearHint,
        /// "tháng 5 vừa qua": the latest such month not after publication.
        past: bool,
        /// "tháng 11 tới": the next such month after publication.
        ahead: bool,
    },
    /// A year.
    Year(i32),
    /// Relative to publication: days offset ("hôm qua" = -1, "tuần trước" = -7).
    RelativeDays(i64),
    /// Relative month offset ("tháng trước" = -1, "tháng sau" = +1).
    RelativeMonths(i32),
    /// Relative year offset ("năm ngoái" = -1).
    RelativeYears(i32),
}

impl Written {
    /// The year when it is written out ("29/3/2024", "tháng 12/2023", "năm 2020").
    pub fn explicit_year(&self) -> Option<i32> {
        match *self {
            Written::Day {
                year: YearHint::Explicit(y),
                ..
            }
            | Written::Month {
                year: YearHint::Explicit(y),
                ..
            }
            | Written::Year(y) => Some(y),
            _ => None,
        }
    }
}

/// One date mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset in the caller's sentence where the mention starts.
    pub start: usize,
    /// Byte offset in the caller's sentence where it ends.
    pub end: usize,
    /// What was written.
    pub written: Written,
    /// The sentence says the date lies ahead ("dự kiến", "sẽ", "sắp tới" near the date).
    pub ahead: bool,
}

/// The grammar's regexes for one spelling (with or without diacritics).
struct Patterns {
    full: Regex,
    written_full: Regex,
    range: Regex,
    day_month: Regex,
    month_year: Regex,
    month_rel: Regex,
    year: Regex,
    relative: Regex,
    ahead_cue: Regex,
    doc_number_before: Regex,
    horizon_before: Regex,
}

/// The day-month pattern: groups 1 cue word, 2 day, 3 separator, 4 month. With
/// `word_boundary`, a `\b` before the cue (the definition; see [`day_month_matches`]).
fn day_month_pattern(cue: &str, ngay: &str, word_boundary: bool) -> String {
    let b = if word_boundary { r"\b" } else { "" };
    format!(
        r"(?:({b}{cue})\s+)?(?:{ngay}\s+)?(\d{{1,2}})\s*([/\-])\s*(\d{{1,2}})(?:[^\d/\-\.,%]|[\.,](?:\D|$)|$)"
    )
}

/// One match of the day-month pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DayMonth {
    whole: std::ops::Range<usize>,
    /// Whether a cue word opened the match.
    cue: bool,
    day: std::ops::Range<usize>,
    dash: bool,
    month: std::ops::Range<usize>,
}

/// The matches of `regex` (the day-month pattern without `\b`) in `text`, as the pattern with
/// a `\b` before the cue would give them. A Unicode `\b` keeps the regex engine off its fast
/// automaton for any text with a non-ASCII letter, so the boundary is checked here: a cue
/// inside a word is no cue, and then the match starting there stands only when the cue word
/// is "ngày" itself (which the optional "ngày" group also matches); otherwise the search goes
/// on one character further, as the regex engine would.
fn day_month_matches(regex: &Regex, text: &str, plain: bool) -> Vec<DayMonth> {
    let ngay = spelling(lexicon::DAY, plain);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(c) = regex.captures_at(text, from) {
        let (Some(whole), Some(day), Some(sep), Some(month)) =
            (c.get(0), c.get(2), c.get(3), c.get(4))
        else {
            break;
        };
        from = whole.end().max(from + 1);
        let mut cue = c.get(1);
        if let Some(g) = cue {
            let inside_word = text[..g.start()]
                .chars()
                .next_back()
                .is_some_and(regex_syntax::is_word_character);
            if inside_word {
                if g.as_str() != ngay {
                    from = g.start() + g.as_str().chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                cue = None;
            }
        }
        out.push(DayMonth {
            whole: whole.range(),
            cue: cue.is_some(),
            day: day.range(),
            dash: sep.as_str() == "-",
            month: month.range(),
        });
    }
    out
}

/// The words that may open a year-less "29/3" (a regex alternation).
fn cue_words(plain: bool) -> String {
    let words = if plain {
        lexicon::DATE_CUES_PLAIN
    } else {
        lexicon::DATE_CUES
    };
    format!("(?:{})", alternation(words))
}

fn build(plain: bool) -> Patterns {
    let w = |pair| spelling(pair, plain);
    let (ngay, thang, nam) = (w(lexicon::DAY), w(lexicon::MONTH), w(lexicon::YEAR));
    let regex = |pattern: &str| Regex::new(pattern).expect("valid pattern");
    let words = |accented, bare| alternation(if plain { bare } else { accented });
    Patterns {
        full: regex(&datenum::full_date_pattern()),
        written_full: regex(&datenum::written_full_pattern(plain)),
        range: regex(&datenum::range_pattern()),
        // The cue must start a word: `day_month_matches` checks that, as a Unicode `\b` here
        // would keep the regex engine off its fast automaton for any sentence with a
        // Vietnamese letter.
        day_month: regex(&day_month_pattern(&cue_words(plain), ngay, false)),
        month_year: regex(&format!(
            r"{thang}\s+(\d{{1,2}})(?:\s*[/\-]\s*((?:19|20)\d{{2}})|\s*(?:,\s*)?{nam}\s+((?:19|20)\d{{2}}|{}))",
            alternation_of(lexicon::RELATIVE_YEAR_WORDS, plain)
        )),
        month_rel: regex(&format!(
            r"{thang}\s+(\d{{1,2}})\b(\s+(?:{}))?",
            alternation_of(lexicon::MONTH_TAILS, plain)
        )),
        year: regex(&format!(r"\b{nam}\s+((?:19|20)\d{{2}})\b(?:[^\d/\-]|$)")),
        relative: regex(&format!(
            r"\b(?:{})\b",
            alternation_of(lexicon::RELATIVE_PHRASES, plain)
        )),
        ahead_cue: regex(&format!(
            r"\b(?:{})\b",
            words(lexicon::AHEAD_CUES, lexicon::AHEAD_CUES_PLAIN)
        )),
        horizon_before: regex(&format!(
            r"(?:{})\s*$",
            words(lexicon::HORIZON_WORDS, lexicon::HORIZON_WORDS_PLAIN)
        )),
        doc_number_before: regex(&datenum::document_before_pattern(plain)),
    }
}

fn patterns(plain: bool) -> &'static Patterns {
    static ACCENTED: OnceLock<Patterns> = OnceLock::new();
    static PLAIN: OnceLock<Patterns> = OnceLock::new();
    if plain {
        PLAIN.get_or_init(|| build(true))
    } else {
        ACCENTED.get_or_init(|| build(false))
    }
}

/// The mentions found so far in one sentence's matching form, in form offsets.
struct Mentions<'t> {
    /// The matching form.
    text: &'t str,
    plain: bool,
    p: &'static Patterns,
    mentions: Vec<Mention>,
}

impl Mentions<'_> {
    /// Keeps a mention unless an earlier form took part of its span.
    fn push(&mut self, start: usize, end: usize, written: Written) {
        if self.mentions.iter().any(|m| start < m.end && m.start < end) {
            return;
        }
        self.mentions.push(Mention {
            start,
            end,
            written,
            ahead: false,
        });
    }

    /// Whether a document or version word ends the text before `start` ("Nghị định 13/2023").
    fn not_document(&self, start: usize) -> bool {
        !self.p.doc_number_before.is_match(&self.text[..start])
    }
}

/// Finds the date mentions of one sentence, in order.
pub fn find_dates(sentence: &str) -> Vec<Mention> {
    let form = MatchingForm::new(sentence);
    let p = patterns(form.plain);
    let mut found = Mentions {
        text: &form.text,
        plain: form.plain,
        p,
        mentions: Vec::new(),
    };
    // Every form but the relative ones ("hôm qua") holds a digit: most sentences have none, and
    // need not go through those patterns (`is_numeric` covers every digit `\d` matches).
    if form.text.chars().any(char::is_numeric) {
        written_full(&mut found);
        day_ranges(&mut found);
        full_dates(&mut found);
        month_years(&mut found);
        day_months(&mut found);
        months(&mut found);
        years(&mut found);
    }
    relative_phrases(&mut found);
    let mut out = found.mentions;
    out.sort_by_key(|m| m.start);
    mark_ahead(p, &form.text, &mut out);
    for m in &mut out {
        m.start = form.start_in_sentence(m.start);
        m.end = form.end_in_sentence(m.end);
    }
    out
}

/// "ngày 29 tháng 3 năm 2024", "ngày 29 tháng 3".
fn written_full(f: &mut Mentions) {
    for c in f.p.written_full.captures_iter(f.text) {
        let (d, m) = (number(&c[1]), number(&c[2]));
        if valid_day_month(d, m) {
            let year = c.get(3).map_or(YearHint::None, |y| {
                YearHint::Explicit(number(y.as_str()) as i32)
            });
            let all = c.get(0).map_or(0..0, |g| g.range());
            let written = Written::Day {
                day: d,
                month: m,
                year,
            };
            f.push(all.start, all.end, written);
        }
    }
}

/// "19-21/5", "6 - 7/10/2024", "22 đến 24/10": the first day.
fn day_ranges(f: &mut Mentions) {
    for c in f.p.range.captures_iter(f.text) {
        let (d1, d2, m) = (number(&c[1]), number(&c[2]), number(&c[3]));
        let start = c.get(1).map_or(0, |g| g.start());
        let end = c.get(4).or_else(|| c.get(3)).map_or(0, |g| g.end());
        if valid_day_month(d1, m) && valid_day_month(d2, m) && d1 < d2 && f.not_document(start) {
            let year = c.get(4).map_or(YearHint::None, |y| {
                YearHint::Explicit(number(y.as_str()) as i32)
            });
            let written = Written::Day {
                day: d1,
                month: m,
                year,
            };
            f.push(start, end, written);
        }
    }
}

/// "29/3/2024", "29-3-2024", "29.3.2024".
fn full_dates(f: &mut Mentions) {
    for c in f.p.full.captures_iter(f.text) {
        let (d, m, y) = (number(&c[1]), number(&c[2]), number(&c[3]));
        let start = c.get(1).map_or(0, |g| g.start());
        let end = c.get(3).map_or(0, |g| g.end());
        // "13/2023/NĐ-CP" style numbers are refused by the month check; a trailing "/xx" is
        // refused by the pattern itself.
        if valid_day_month(d, m) && f.not_document(start) {
            let written = Written::Day {
                day: d,
                month: m,
                year: YearHint::Explicit(y as i32),
            };
            f.push(start, end, written);
        }
    }
}

/// "tháng 12/2023", "tháng 12-2023", "tháng 8 năm 2023", "tháng 8 năm ngoái / nay / sau".
fn month_years(f: &mut Mentions) {
    for c in f.p.month_year.captures_iter(f.text) {
        let m = number(&c[1]);
        if !(1..=12).contains(&m) {
            continue;
        }
        let all = c.get(0).map_or(0..0, |g| g.range());
        let year = if let Some(y) = c.get(2) {
            YearHint::Explicit(number(y.as_str()) as i32)
        } else {
            match c.get(3).map_or("", |g| g.as_str()) {
                y if y.chars().all(|ch| ch.is_ascii_digit()) && !y.is_empty() => {
                    YearHint::Explicit(number(y) as i32)
                }
                "ngoái" | "ngoai" | "trước" | "truoc" => YearHint::LastYear,
                "nay" => YearHint::ThisYear,
                _ => YearHint::NextYear,
            }
        };
        let written = Written::Month {
            month: m,
            year,
            past: false,
            ahead: false,
        };
        f.push(all.start, all.end, written);
    }
}

/// "ngày 29/3", "sáng 22/5", "từ 5/3": a day and month without a year, after a cue word.
fn day_months(f: &mut Mentions) {
    let ngay = spelling(lexicon::DAY, f.plain);
    for dm in day_month_matches(&f.p.day_month, f.text, f.plain) {
        let (d, m) = (
            number(&f.text[dm.day.clone()]),
            number(&f.text[dm.month.clone()]),
        );
        let has_cue = dm.cue || f.text[..dm.day.start].trim_end().ends_with(ngay);
        if !valid_day_month(d, m) || !has_cue {
            continue;
        }
        // Scores are written with dashes; take "29-3" only after "ngày"/"hôm"-like words.
        if dm.dash && !dm.cue {
            continue;
        }
        if !f.not_document(dm.day.start) {
            continue;
        }
        let written = Written::Day {
            day: d,
            month: m,
            year: YearHint::None,
        };
        f.push(dm.whole.start, dm.month.end, written);
    }
}

/// "tháng 12" alone, "tháng 5 vừa qua" (past), "tháng 11 tới" (ahead).
fn months(f: &mut Mentions) {
    for c in f.p.month_rel.captures_iter(f.text) {
        let m = number(&c[1]);
        if !(1..=12).contains(&m) {
            continue;
        }
        let all = c.get(0).map_or(0..0, |g| g.range());
        // "tháng 3" followed by a number is "tháng 3/2024" or a date handled above.
        if f.text[all.end..]
            .trim_start()
            .starts_with(|ch: char| ch.is_ascii_digit() || ch == '/')
        {
            continue;
        }
        let tail = c.get(2).map_or("", |g| g.as_str().trim());
        let past = matches!(
            tail,
            "vừa qua" | "vua qua" | "qua" | "trước" | "truoc" | "này"
        );
        let ahead = matches!(tail, "tới" | "toi" | "sắp tới" | "sap toi");
        let written = Written::Month {
            month: m,
            year: YearHint::None,
            past,
            ahead,
        };
        f.push(all.start, all.end, written);
    }
}

/// "năm 2020", unless it is a horizon ("đến năm 2030").
fn years(f: &mut Mentions) {
    for c in f.p.year.captures_iter(f.text) {
        let y = number(&c[1]) as i32;
        let g = c.get(0).map_or(0..0, |g| g.range());
        // "Việt Nam 2023" typed plain is not a year mention.
        if f.plain && f.text[..g.start].trim_end().ends_with(lexicon::VIET) {
            continue;
        }
        // "đến năm 2030", "tầm nhìn năm 2045": a horizon, not a happening.
        if f.p.horizon_before.is_match(&f.text[..g.start]) {
            continue;
        }
        let end = c.get(1).map_or(g.end, |m| m.end());
        f.push(g.start, end, Written::Year(y));
    }
}

/// "hôm qua", "tuần trước", "tháng sau", "năm ngoái": offsets from publication.
fn relative_phrases(f: &mut Mentions) {
    for m in f.p.relative.find_iter(f.text) {
        let folded = crate::text::fold_diacritics(m.as_str());
        let written = match folded.as_str() {
            "hom qua" => Written::RelativeDays(-1),
            "hom nay" | "sang nay" => Written::RelativeDays(0),
            "tuan truoc" | "tuan qua" => Written::RelativeDays(-7),
            "tuan sau" | "tuan toi" => Written::RelativeDays(7),
            "thang truoc" => Written::RelativeMonths(-1),
            "thang sau" | "thang toi" => Written::RelativeMonths(1),
            "nam ngoai" | "nam truoc" => Written::RelativeYears(-1),
            _ => Written::RelativeYears(1),
        };
        f.push(m.start(), m.end(), written);
    }
}

/// Marks the mentions that lie ahead: a cue word ("dự kiến", "sẽ") stands in the mention's
/// clause or just before it, or the month was written as ahead ("tháng 11 tới").
fn mark_ahead(p: &Patterns, text: &str, mentions: &mut [Mention]) {
    let cues: Vec<(usize, usize)> = p
        .ahead_cue
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    for mention in mentions {
        let clause_start = text[..mention.start]
            .rfind([',', ';', '.', ':', '('])
            .map_or(0, |i| i + 1);
        let clause_end = text[mention.end..]
            .find([',', ';', '.', ':', ')'])
            .map_or(text.len(), |i| mention.end + i);
        mention.ahead = cues
            .iter()
            .any(|&(s, e)| s >= clause_start && e <= clause_end);
        if let Written::Month { ahead: true, .. } = mention.written {
            mention.ahead = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn written(s: &str) -> Vec<Written> {
        find_dates(s).into_iter().map(|m| m.written).collect()
    }

    /// The definition `day_month_matches` stands in for: the pattern with `\b` before the cue.
    fn reference_day_month(text: &str, plain: bool) -> Vec<DayMonth> {
        let ngay = if plain { "ngay" } else { "ngày" };
        let regex = Regex::new(&day_month_pattern(&cue_words(plain), ngay, true)).unwrap();
        regex
            .captures_iter(text)
            .map(|c| DayMonth {
                whole: c.get(0).unwrap().range(),
                cue: c.get(1).is_some(),
                day: c.get(2).unwrap().range(),
                dash: &c[3] == "-",
                month: c.get(4).unwrap().range(),
            })
            .collect()
    }

    #[test]
    fn day_month_matches_equal_the_word_boundary_pattern() {
        let mut texts: Vec<String> = [
            "từ 5/3 đến 7/3",
            "xtừ 5/3",
            "xngày 5/3 và ángày 6-3",
            "29/3, từ 30/3; hôm 1-4",
            "Trận đấu 2-1 ngày 3-4, tối 5/6",
            "thứ hai 12/5 rạng sáng 13/5 và lúc 9/9",
            "ngày ngày 5/3 rồi sángngày 6/3",
            "tu ngay 5/3 den ngay 7/3 toi 8/3 xtu 9/3 xngay 10/3",
            "đầu 1/2 giữa3/4 cuối 5/6",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in ["tests/data/heldout.jsonl", "training/corpus/other-a.jsonl"] {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + dir;
            let text = std::fs::read_to_string(path).unwrap();
            texts.extend(text.lines().map(str::to_owned));
        }
        for text in &texts {
            let lower = MatchingForm::new(text).text;
            for plain in [false, true] {
                let regex = &patterns(plain).day_month;
                let folded = crate::text::fold_diacritics(&lower);
                for form in [lower.as_str(), folded.as_str()] {
                    assert_eq!(
                        day_month_matches(regex, form, plain),
                        reference_day_month(form, plain),
                        "plain={plain} {form:?}"
                    );
                }
            }
        }
    }

    fn day(day: u32, month: u32, year: YearHint) -> Written {
        Written::Day { day, month, year }
    }

    #[test]
    fn day_month_with_cue_words() {
        assert_eq!(
            written("Ngày 29/3, các nhà ngoại giao"),
            vec![day(29, 3, YearHint::None)]
        );
        assert_eq!(
            written("hôm 5/11 tại Hà Nội"),
            vec![day(5, 11, YearHint::None)]
        );
        assert_eq!(
            written("Sáng 22/5, Estonia"),
            vec![day(22, 5, YearHint::None)]
        );
        assert_eq!(
            written("chiều 14/3 và tối 15/3"),
            vec![day(14, 3, YearHint::None), day(15, 3, YearHint::None)]
        );
        assert_eq!(
            written("Rạng sáng 20/1 giờ Việt Nam"),
            vec![day(20, 1, YearHint::None)]
        );
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            written("vào 29/3/2024 ông nói"),
            vec![day(29, 3, YearHint::Explicit(2024))]
        );
        assert_eq!(
            written("29-3-2024"),
            vec![day(29, 3, YearHint::Explicit(2024))]
        );
        assert_eq!(
            written("ngày 29 tháng 3 năm 2024"),
            vec![day(29, 3, YearHint::Explicit(2024))]
        );
        assert_eq!(written("ngày 29 tháng 3"), vec![day(29, 3, YearHint::None)]);
    }

    #[test]
    fn months_and_years() {
        assert_eq!(
            written("thành lập tháng 12/2023"),
            vec![Written::Month {
                month: 12,
                year: YearHint::Explicit(2023),
                past: false,
                ahead: false
            }]
        );
        assert_eq!(
            written("tháng 8 năm 2023"),
            vec![Written::Month {
                month: 8,
                year: YearHint::Explicit(2023),
                past: false,
                ahead: false
            }]
        );
        assert_eq!(
            written("vào tháng 8 năm ngoái"),
            vec![Written::Month {
                month: 8,
                year: YearHint::LastYear,
                past: false,
                ahead: false
            }]
        );
        assert_eq!(
            written("Trước đó, tháng 5 vừa qua, ông đề xuất"),
            vec![Written::Month {
                month: 5,
                year: YearHint::None,
                past: true,
                ahead: false
            }]
        );
        assert_eq!(
            written("trong năm 2020, Việt Nam"),
            vec![Written::Year(2020)]
        );
    }

    #[test]
    fn ranges_give_their_first_day() {
        assert_eq!(written("từ ngày 19-21/5"), vec![day(19, 5, YearHint::None)]);
        assert_eq!(
            written("hội nghị 6 - 7/10/2024"),
            vec![day(6, 10, YearHint::Explicit(2024))]
        );
        assert_eq!(
            written("diễn ra từ 22 đến 24/10"),
            vec![day(22, 10, YearHint::None)]
        );
        assert_eq!(
            written("từ 31/10 đến 1/11/2025"),
            vec![
                day(31, 10, YearHint::None),
                day(1, 11, YearHint::Explicit(2025))
            ]
        );
    }

    #[test]
    fn relative_forms() {
        assert_eq!(written("hôm qua"), vec![Written::RelativeDays(-1)]);
        assert_eq!(written("tuần trước"), vec![Written::RelativeDays(-7)]);
        assert_eq!(written("tháng trước"), vec![Written::RelativeMonths(-1)]);
        assert_eq!(written("năm ngoái"), vec![Written::RelativeYears(-1)]);
        assert_eq!(written("vào tháng sau"), vec![Written::RelativeMonths(1)]);
    }

    #[test]
    fn text_without_diacritics() {
        assert_eq!(
            written("Ngay 29/3, cac nha ngoai giao"),
            vec![day(29, 3, YearHint::None)]
        );
        assert_eq!(
            written("thanh lap thang 12/2023"),
            vec![Written::Month {
                month: 12,
                year: YearHint::Explicit(2023),
                past: false,
                ahead: false
            }]
        );
        assert_eq!(written("hom qua"), vec![Written::RelativeDays(-1)]);
        assert_eq!(written("nam 2020"), vec![Written::Year(2020)]);
        assert_eq!(written("Viet Nam 2023"), vec![]);
    }

    #[test]
    fn false_friends_are_not_dates() {
        assert_eq!(written("lúc 6 giờ 53 phút"), vec![]);
        assert_eq!(written("tỉ số 2-0 nghiêng về chủ nhà"), vec![]);
        assert_eq!(written("đội thắng 3-1"), vec![]);
        assert_eq!(written("giá 1.500 đồng, tăng 44,8%"), vec![]);
        assert_eq!(written("khoảng 2/3 số đơn hàng"), vec![]);
        assert_eq!(written("giám sát 24/7"), vec![]);
        assert_eq!(written("Nghị định 13/2023/NĐ-CP"), vec![]);
        assert_eq!(written("Thông tư 09/2020 của Bộ"), vec![]);
        assert_eq!(written("bản cập nhật iOS 17.4"), vec![]);
        assert_eq!(written("tỷ lệ 3/4 cử tri"), vec![]);
        assert_eq!(written("Việt Nam 2023"), vec![]);
    }

    #[test]
    fn horizons_are_not_events() {
        assert_eq!(written("mục tiêu đến năm 2030"), vec![]);
        assert_eq!(written("tầm nhìn năm 2045"), vec![]);
        assert_eq!(written("vào năm 2030 sẽ có"), vec![Written::Year(2030)]);
    }

    #[test]
    fn mentions_index_the_callers_sentence() {
        // "İ" lower-cases to two characters and NFD spells "ngày" with more bytes than NFC: the
        // matching form's offsets differ from the sentence's, the mention's must not.
        let nfd: String = "Hôm qua, ngày 29/3/2024".nfd().collect();
        for sentence in ["İİİ ngày 29/3/2024", "ĐẠI HỘI ngày 29/3/2024", nfd.as_str()] {
            let found = find_dates(sentence);
            let m = found.last().expect("a date");
            assert_eq!(&sentence[m.start..m.end], "29/3/2024", "{sentence}");
        }
        let m = find_dates(&nfd);
        assert_eq!(
            &nfd[m[0].start..m[0].end],
            "Hôm qua".nfd().collect::<String>()
        );
    }

    /// The definition the page's dateline stands in for: among the first six lines, the first
    /// short line that looks like a dateline and holds a date with its year, read by
    /// [`find_dates`].
    fn reference_dateline(text: &str) -> Option<(chrono::NaiveDate, usize)> {
        for (i, line) in text.lines().enumerate().take(6) {
            let line = line.trim();
            if line.is_empty() || line.chars().count() > 80 {
                continue;
            }
            let folded = crate::text::fold_diacritics(&MatchingForm::new(line).text);
            let looks_like_dateline = lexicon::DATELINE_HINTS.iter().any(|h| folded.contains(h))
                || folded.contains(':')
                || folded
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit());
            if !looks_like_dateline {
                continue;
            }
            for m in find_dates(line) {
                if let Written::Day {
                    day,
                    month,
                    year: YearHint::Explicit(y),
                } = m.written
                {
                    if let Some(d) = chrono::NaiveDate::from_ymd_opt(y, month, day) {
                        return Some((d, i + 1));
                    }
                }
            }
        }
        None
    }

    #[test]
    fn the_page_reads_a_dateline_as_the_grammar_does() {
        let mut texts: Vec<String> = [
            "Thứ Bảy, 30/03/2024 - 08:15\nNội dung.",
            "07/10/2023 06:20 GMT+7",
            "Cập nhật: ngày 5 tháng 3 năm 2024 lúc 9:00",
            "Cập nhật: ngày 5 tháng 3, 12/4/2024",
            "Thứ Hai, 6 - 7/10/2024",
            "Thứ Hai, số 30/03/2024, 1/4/2024",
            "Chủ nhật, 30/2/2024 và 1/3/2024",
            "thu hai, ngay 5 thang 3 nam 2024",
            "Đăng lúc 20/11/2023 ngày 21/11/2023",
            "Thứ Ba, 29/3/20٢٤",
            "ngày 29 tháng 2 năm 2023: 1/3/2023",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["tests/data/heldout.jsonl", "training/corpus", "examples"] {
            let (articles, _) = crate::corpus::read_all(&[root.join(dir)], Default::default())
                .expect("the repository's articles");
            texts.extend(articles.into_iter().map(|a| a.text));
        }
        for entry in std::fs::read_dir(root.join("tests/fixtures/pages")).expect("fixtures") {
            let path = entry.expect("a fixture").path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(path).expect("a fixture page"));
            }
        }
        let mut found = 0;
        for text in &texts {
            let article = crate::corpus::Article {
                id: "a".into(),
                title: String::new(),
                published: None,
                url: None,
                site_name: None,
                text: text.clone(),
                label: None,
                source: crate::Location::file("a.txt"),
            };
            let page = crate::page::Page::new(&article).dateline();
            let page = page.map(|d| (d.date, d.line));
            assert_eq!(page, reference_dateline(text), "{text:.200}");
            found += usize::from(page.is_some());
        }
        assert!(found >= 15, "only {found} datelines");
    }

    #[test]
    fn ahead_cues_in_the_clause() {
        let m = find_dates("Hội nghị dự kiến diễn ra ngày 20/11 tại Lima");
        assert!(m[0].ahead);
        let m = find_dates("Ngày 27/3, các nguồn tin cho biết hai nhà lãnh đạo sẽ gặp nhau");
        assert!(!m[0].ahead, "the cue is in another clause");
        let m = find_dates("Dự kiến ngày 5/12 sẽ khai mạc");
        assert!(m[0].ahead);
    }
}
