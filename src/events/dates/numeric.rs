//! Dates written with digits and separators: ranges of days ("17-19/5"), full dates
//! ("29/3/2024") and days with their month ("ngày 29/3", "tối 21.9", "sáng 17-10").

use super::grammar::Grammar;
use super::{ends_with_word, starts_with_word, word_boundary_before, DayMonth, Form, Found};
use super::{Written, YearHint};
use crate::text::datenum::{self, number, valid_day_month};

/// Whether the character before `at` lets a number start there: not a digit or a word
/// character, not "/" or "." (part of a longer number), and not a decimal comma ("1,5/").
fn number_starts(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_numeric() || c == '/' || c == '.' => false,
        Some(',') => !before.next().is_some_and(|c| c.is_numeric()),
        Some(_) => word_boundary_before(text, at),
    }
}

/// Whether a date ending at `at` ends there: no digit, letter or "/" right after it, and no
/// ".5", ",5", "-5" or "%" (a longer number, a decimal, a percentage).
fn number_ends(text: &str, at: usize) -> bool {
    let mut after = text[at..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '/' || c == '%' || c == '_' => false,
        Some('.' | ',' | '-') => !after.next().is_some_and(|c| c.is_numeric()),
        Some(_) => true,
    }
}

/// Whether a quantity word follows `at` ("từ 1.5 triệu", "sau 2-3 ngày", "2/3 số người").
fn quantity_follows(g: &Grammar, text: &str, at: usize) -> bool {
    let rest = &text[at..];
    rest.starts_with(char::is_whitespace) && starts_with_word(rest, &g.units).is_some()
}

/// The year hint of a two- or four-digit year group ("2024", "24").
fn year_of(y: &str, slashes: bool) -> Option<YearHint> {
    let n = number(y) as i32;
    match y.len() {
        4 => Some(YearHint::Explicit(n)),
        2 if slashes => Some(YearHint::Explicit(if n < 50 { 2000 + n } else { 1900 + n })),
        _ => None,
    }
}

/// Whether a cue word ends `prefix` (the text before a day): "ngày", "sáng", "từ" ... or a
/// time of day. Dots take fewer cues ("lúc 7.10" is a time).
fn cue_before(g: &Grammar, prefix: &str, dot: bool) -> bool {
    if dot {
        ends_with_word(prefix, &g.dot_cues).is_some()
            || ends_with_word(prefix, &g.times_of_day).is_some()
    } else {
        ends_with_word(prefix, &g.cues).is_some()
            || ends_with_word(prefix, &g.times_of_day).is_some()
    }
}

/// "19-21/5", "từ ngày 21 đến 23/10/2024", "10 - 12.2", "đêm 21 rạng sáng 22/4", "ngày 6 và
/// 7/4" (only next days are one span with "và"; "ngày 6 và 8/4" are two dates).
pub(super) fn ranges(f: &mut Found) {
    let g = f.g;
    let text = f.text;
    for c in g.range.captures_iter(text) {
        let (Some(first), Some(last), Some(sep), Some(month)) =
            (c.get(1), c.get(2), c.get(3), c.get(4))
        else {
            continue;
        };
        let (d1, d2, m) = (
            number(first.as_str()),
            number(last.as_str()),
            number(month.as_str()),
        );
        let end = c.get(6).unwrap_or(month).end();
        if !number_starts(text, first.start())
            || !number_ends(text, end)
            || !valid_day_month(d1, m)
            || !valid_day_month(d2, m)
            || d1 >= d2
            || f.after_document(first.start())
            || quantity_follows(g, text, end)
        {
            continue;
        }
        let slash = sep.as_str() == "/";
        let year = match (c.get(5), c.get(6)) {
            (Some(s2), Some(y)) => match year_of(y.as_str(), slash && s2.as_str() == "/") {
                Some(y) => y,
                None => continue,
            },
            _ => YearHint::None,
        };
        // "10 - 12.2" and "2 đến 4-7" read as dates only after a cue word or with a year:
        // "2-3.5" alone is a number.
        let prefix = f.before(first.start());
        if !slash && year == YearHint::None && !cue_before(g, prefix, sep.as_str() == ".") {
            continue;
        }
        let link = &text[first.end()..last.start()];
        let with_and = link.contains("và") || link.contains(" va ");
        let day = |d| DayMonth {
            day: d,
            month: m,
            year,
        };
        if with_and && d2 != d1 + 1 {
            // Two dates: each stands on its own.
            let written = |d| Written::Day {
                day: d,
                month: m,
                year,
            };
            let form = dm_form(sep.as_str());
            if f.push(first.start(), first.end(), written(d1), form) {
                f.push(last.start(), end, written(d2), form);
            }
            continue;
        }
        f.push(
            first.start(),
            end,
            Written::Range {
                start: day(d1),
                end: day(d2),
            },
            Form::Range,
        );
    }
}

/// "29/3/2024", "29-3-2024", "14.5.2024", "3/3/17".
pub(super) fn full_dates(f: &mut Found) {
    for c in f.g.full.captures_iter(f.text) {
        let (Some(day), Some(year)) = (c.get(1), c.get(5)) else {
            continue;
        };
        if f.after_document(day.start()) {
            continue;
        }
        if let Some((d, m, y)) = datenum::full_date_of(&c) {
            let written = Written::Day {
                day: d,
                month: m,
                year: YearHint::Explicit(y),
            };
            f.push(day.start(), year.end(), written, Form::Dmy);
        }
    }
}

/// The form of a day/month by its separator.
fn dm_form(sep: &str) -> Form {
    match sep {
        "." => Form::DmDot,
        "-" => Form::DmDash,
        _ => Form::DmSlash,
    }
}

/// "ngày 29/3", "sáng 22/5", "tối 21.9", "Sáng 17-10", "hôm qua (20/6)", "18.12 tới", and "7/8"
/// in "các ngày 12/4, 7/8 và 30/11/2023": a day and month without a year. Needs a cue word
/// before it, a relative day or weekday just before it, "(" around it, "tới" after it, or a
/// date it continues; a dash needs a cue word (scores are written "2-1").
pub(super) fn day_months(f: &mut Found) {
    let g = f.g;
    let text = f.text;
    let candidates: Vec<_> = g
        .day_month
        .captures_iter(text)
        .filter_map(|c| Some((c.get(1)?.range(), c.get(2)?.as_str(), c.get(3)?.range())))
        .collect();
    for (day, sep, month) in candidates {
        let (d, m) = (number(&text[day.clone()]), number(&text[month.clone()]));
        if !valid_day_month(d, m)
            || !number_starts(text, day.start)
            || !(number_ends(text, month.end) || sep == "/" && in_a_range(text, &day, month.end))
            || f.taken(day.start, month.end)
            || f.after_document(day.start)
        {
            continue;
        }
        let mut end = month.end;
        let mut year = YearHint::None;
        if let Some(c) = g.day_month_year_tail.captures(&text[end..]) {
            if let Some(y) = c.get(1) {
                year = year_tail(y.as_str());
                end += c.get(0).map_or(0, |a| a.end());
            }
        }
        let prefix = f.before(day.start);
        let dot = sep == ".";
        let cue = cue_before(g, prefix, dot);
        // After "ngày", "hôm" or a time of day a unit is the date's own ("20/1 giờ Việt
        // Nam"); after "từ", "vào", "lúc" it makes a quantity ("từ 2/3 số người").
        let strong_cue = ends_with_word(prefix, &g.strong_cues).is_some()
            || ends_with_word(prefix, &g.times_of_day).is_some();
        if year == YearHint::None && !strong_cue && quantity_follows(g, text, end) {
            continue;
        }
        let mong = ends_with_word(prefix, &g.small.mong).is_some();
        let continues = continues_a_date(f, day.start);
        let in_parens = prefix.ends_with('(') && closes_soon(&text[end..]);
        let ahead_tail = starts_with_word(&text[end..], &g.small.ahead_tail).is_some()
            && text[end..].starts_with(' ');
        let accepted = if sep == "-" {
            cue || continues
        } else {
            cue || continues
                || in_parens
                || ahead_tail
                || (sep == "/" && in_a_range(text, &day, end))
        };
        if !accepted {
            continue;
        }
        let form = if mong { Form::Mong } else { dm_form(sep) };
        let written = Written::Day {
            day: d,
            month: m,
            year,
        };
        f.push(day.start, end, written, form);
    }
}

/// The year hint of "năm 2023", "năm nay", "năm ngoái" after a day and month.
fn year_tail(word: &str) -> YearHint {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return YearHint::Explicit(number(word) as i32);
    }
    match crate::text::fold_diacritics(word).as_str() {
        "ngoai" | "truoc" => YearHint::LastYear,
        "nay" => YearHint::ThisYear,
        _ => YearHint::NextYear,
    }
}

/// Whether the text after a date closes its parenthesis soon: "(20/6)", "(12/9 theo giờ Mỹ)",
/// "(24/9, giờ địa phương)".
fn closes_soon(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.starts_with(')')
        || rest.starts_with(',')
        || rest
            .find(')')
            .is_some_and(|i| i < 40 && !rest[..i].chars().any(char::is_numeric))
}

/// Whether the day starting at `at` continues a date or a relative day just before it: "ngày
/// 12/4, 7/8", "7/8 và 30/11", "Hôm nay, 25/4", "thứ Năm tuần tới, 12/10", "sáng nay 4/3".
fn continues_a_date(f: &Found, at: usize) -> bool {
    let and_words = &f.g.small.and;
    f.mentions.iter().any(|m| {
        if m.end > at {
            return false;
        }
        let gap = f.text[m.end..at].trim();
        let gap = gap.trim_start_matches(',').trim();
        let gap = and_words
            .iter()
            .find_map(|w| gap.strip_prefix(w.as_str()))
            .unwrap_or(gap)
            .trim();
        let gap = gap.trim_start_matches('(').trim();
        gap.is_empty()
            && matches!(
                m.written,
                Written::Day { .. }
                    | Written::Range { .. }
                    | Written::RelativeDays(_)
                    | Written::Weekday { .. }
            )
    })
}

/// Whether the day/month at `day..end` is one end of a range written with a dash: "30/4-1/5".
fn in_a_range(text: &str, day: &std::ops::Range<usize>, end: usize) -> bool {
    let is_day_month = |s: &str| {
        let mut parts = s.split('/');
        let ok = |p: Option<&str>| {
            p.is_some_and(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        };
        ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
    };
    let after = text[end..].trim_start();
    let next = after.strip_prefix(['-', '–']).map(|r| {
        r.trim_start()
            .split(|c: char| !(c.is_ascii_digit() || c == '/'))
            .next()
            .unwrap_or("")
    });
    let before = text[..day.start].trim_end();
    let previous = before.strip_suffix(['-', '–']).map(|r| {
        r.trim_end()
            .rsplit(|c: char| !(c.is_ascii_digit() || c == '/'))
            .next()
            .unwrap_or("")
    });
    next.is_some_and(is_day_month) || previous.is_some_and(is_day_month)
}
