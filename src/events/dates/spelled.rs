//! Dates written with month words: spelled dates ("ngày 29 tháng 9, 2011", "mồng 3 tháng
//! Tư"), months ("tháng 12/2023", "tháng Tư", "đầu tháng 6") and years ("năm 2020").

use super::grammar::{month_number, Grammar};
use super::{ends_with_word, starts_with_word, word_boundary_after, word_boundary_before};
use super::{DayMonth, Form, Found, Written, YearHint};
use crate::text::datenum::{number, valid_day_month};
use crate::text::fold_diacritics;

/// Whether a month token (digits or a name) at `token` reads as a month here: digits must not
/// run on ("tháng 3/"), a name must end its word, not be followed by "nào" or "lần"
/// ("Tháng Chín nào cũng vậy"), and "năm" and "một" must be capitalised ("tháng năm" is also
/// "months and years"); in text typed without diacritics every name must be ("thang sau" is
/// "next month", "thang Sau" June).
fn month_token_ok(f: &Found, token: std::ops::Range<usize>) -> bool {
    let g = f.g;
    let word = &f.text[token.clone()];
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        let rest = &f.text[token.end..];
        let runs_on = rest.starts_with(|c: char| c.is_numeric() || c == '/')
            || rest.starts_with(['.', '-', ',']) && rest[1..].starts_with(char::is_numeric);
        return !runs_on;
    }
    if !word_boundary_after(f.text, token.end) {
        return false;
    }
    if starts_with_word(&f.text[token.end..], &g.month_name_not_after).is_some() {
        return false;
    }
    let capital_only = g.plain || g.month_names_capital_only.iter().any(|w| w == word);
    !capital_only || f.capitalised(token.start)
}

/// Whether the text before "tháng" at `at` makes it no date ("hàng tháng", "Cách mạng tháng
/// Tám"), or a number before it makes a duration ("3 tháng").
fn month_word_refused(f: &Found, at: usize) -> bool {
    let prefix = f.before(at);
    ends_with_word(prefix, &f.g.month_not_before).is_some()
        || prefix.ends_with(|c: char| c.is_ascii_digit())
}

/// The form of a month mention: a name ("tháng Tư") or digits.
fn month_form(f: &Found, token: &str, digits: Form) -> Form {
    let _ = f;
    if token.starts_with(|c: char| c.is_ascii_digit()) {
        digits
    } else {
        Form::MonthName
    }
}

/// A four-digit year group that ends its number.
fn year_group(f: &Found, y: Option<regex::Match<'_>>) -> Option<Option<(i32, usize)>> {
    match y {
        None => Some(None),
        Some(y) if !f.text[y.end()..].starts_with(|c: char| c.is_numeric()) => {
            Some(Some((number(y.as_str()) as i32, y.end())))
        }
        Some(_) => None,
    }
}

/// "từ mùng 1 đến mùng 5 tháng 5", "ngày 27 và 28 tháng 6 năm 2024".
pub(super) fn spelled_ranges(f: &mut Found) {
    let text = f.text;
    for c in f.g.spelled_range.captures_iter(text) {
        let (Some(first), Some(last), Some(month)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let (d1, d2) = (number(first.as_str()), number(last.as_str()));
        let Some(m) = month_number(month.as_str()) else {
            continue;
        };
        if !word_boundary_before(text, first.start())
            || !month_token_ok(f, month.range())
            || !valid_day_month(d1, m)
            || !valid_day_month(d2, m)
            || d1 >= d2
        {
            continue;
        }
        let Some(year) = year_group(f, c.get(4)) else {
            continue;
        };
        let link = &text[first.end()..last.start()];
        if (link.contains("và") || link.contains(" va ")) && d2 != d1 + 1 {
            continue;
        }
        let hint = year.map_or(YearHint::None, |(y, _)| YearHint::Explicit(y));
        let end = year.map_or(month.end(), |(_, e)| e);
        let day = |d| DayMonth {
            day: d,
            month: m,
            year: hint,
        };
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

/// "ngày 29 tháng 3 năm 2024", "ngày 29 tháng 9, 2011", "12 tháng 10 năm 2017", "9 Tháng 1
/// 2015", "Chiều 14 tháng 1", "mồng 3 tháng Tư". Without "ngày" or "mồng" before it, the day
/// needs a cue word or a year ("trong 6 tháng 3 ngày" is a duration).
pub(super) fn spelled_dates(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.spelled.captures_iter(text) {
        let (Some(day), Some(month)) = (c.get(2), c.get(3)) else {
            continue;
        };
        let d = number(day.as_str());
        let Some(m) = month_number(month.as_str()) else {
            continue;
        };
        if !word_boundary_before(text, day.start())
            || !valid_day_month(d, m)
            || !month_token_ok(f, month.range())
        {
            continue;
        }
        let Some(year) = year_group(f, c.get(4)) else {
            continue;
        };
        let word = c.get(1).map(|w| w.as_str());
        let start = c.get(1).map_or(day.start(), |w| w.start());
        if word.is_none() && year.is_none() && !cue_before_day(g, f.before(day.start())) {
            continue;
        }
        let matched = c.get(0).map_or("", |a| a.as_str());
        let mong = word.is_some_and(|w| w != g.day_word) || is_mong(matched);
        let form = if mong { Form::Mong } else { Form::Spelled };
        let hint = year.map_or(YearHint::None, |(y, _)| YearHint::Explicit(y));
        let end = year.map_or(month.end(), |(_, e)| e);
        let written = Written::Day {
            day: d,
            month: m,
            year: hint,
        };
        f.push(start, end, written, form);
    }
}

/// Whether a match holds "mồng" or "mùng".
fn is_mong(s: &str) -> bool {
    let s = fold_diacritics(s);
    s.contains("mong") || s.contains("mung")
}

/// A cue word or a time of day right before a day.
fn cue_before_day(g: &Grammar, prefix: &str) -> bool {
    ends_with_word(prefix, &g.cues).is_some() || ends_with_word(prefix, &g.times_of_day).is_some()
}

/// "Tháng Mười Hai 29, 2013": month first, as in English.
pub(super) fn month_first(f: &mut Found) {
    for c in f.g.month_first.captures_iter(f.text) {
        let (Some(all), Some(month), Some(day), Some(year)) =
            (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let d = number(day.as_str());
        let Some(m) = month_number(month.as_str()) else {
            continue;
        };
        if !valid_day_month(d, m)
            || !word_boundary_before(f.text, all.start())
            || f.text[year.end()..].starts_with(|c: char| c.is_numeric())
        {
            continue;
        }
        let written = Written::Day {
            day: d,
            month: m,
            year: YearHint::Explicit(number(year.as_str()) as i32),
        };
        f.push(all.start(), year.end(), written, Form::Spelled);
    }
}

/// "ngày đầu tiên của tháng 3", "ngày đầu tiên của tháng Ba năm 2024": the first day.
pub(super) fn first_days(f: &mut Found) {
    for c in f.g.first_day.captures_iter(f.text) {
        let (Some(all), Some(month)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(m) = month_number(month.as_str()) else {
            continue;
        };
        if !word_boundary_before(f.text, all.start()) || !month_token_ok(f, month.range()) {
            continue;
        }
        let year = c.get(2).or(c.get(3));
        let hint = year.map_or(YearHint::None, |y| {
            YearHint::Explicit(number(y.as_str()) as i32)
        });
        let end = year.map_or(month.end(), |y| y.end());
        let written = Written::Day {
            day: 1,
            month: m,
            year: hint,
        };
        f.push(all.start(), end, written, Form::Spelled);
    }
}

/// "tuần đầu tiên của tháng 9 năm 2017", "tuần cuối tháng 5", "tuần đầu của tháng Ba": the
/// first or last whole Monday-Sunday week of a month.
pub(super) fn weeks_of_month(f: &mut Found) {
    for c in f.g.week_of_month.captures_iter(f.text) {
        let (Some(all), Some(which), Some(month)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let Some(m) = month_number(month.as_str()) else {
            continue;
        };
        let year = c.get(3).or(c.get(4));
        // The month token's own checks, but "tháng 9/2014" runs on into its year.
        let digits_with_year =
            year.is_some() && month.as_str().starts_with(|c: char| c.is_ascii_digit());
        if !word_boundary_before(f.text, all.start())
            || !(digits_with_year || month_token_ok(f, month.range()))
            || year.is_some_and(|y| !year_ends(f.text, y.end()))
        {
            continue;
        }
        let hint = year.map_or(YearHint::None, |y| {
            YearHint::Explicit(number(y.as_str()) as i32)
        });
        let which = fold_diacritics(which.as_str());
        let last = which.starts_with("cuoi");
        let end = year.map_or(month.end(), |y| y.end());
        let written = Written::WeekOfMonth {
            month: m,
            year: hint,
            last,
        };
        f.push(all.start(), end, written, Form::Week);
    }
}

/// "Giáng sinh", "ngày Quốc khánh", "lễ Giáng sinh năm nay", "đêm Noel" (the eve), "Tết
/// Dương lịch 2024", "Ngày Quốc tế Phụ nữ 8/3": a holiday on a fixed day. The name needs a
/// cue before it ("ngày", "lễ", "dịp", "vào", "đêm") or to stand as its own clause
/// ("Giáng sinh năm nay, ..."): "ông già Noel", "cây thông Giáng sinh" and "mùa Giáng sinh"
/// are no day, nor the break around it ("kỳ nghỉ Tết Dương lịch", "nghỉ lễ Quốc khánh"). Names that are also other things' ("Hội Liên hiệp Phụ nữ Việt Nam") need
/// "ngày" right before them. Not another country's ("Quốc khánh Pháp", "Quốc khánh của
/// Lào"); a day and month written after the name are its day ("Quốc khánh 2/9"), and one
/// with its year is left to the full dates ("Quốc khánh 2/9/1945").
pub(super) fn holidays(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.holiday.captures_iter(text) {
        let (Some(all), Some(name)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if !word_boundary_before(text, name.start()) || !word_boundary_after(text, name.end()) {
            continue;
        }
        let key = fold_diacritics(name.as_str());
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(&(canonical, month, day)) = crate::text::lexicon::HOLIDAYS
            .iter()
            .find(|(n, _, _)| fold_diacritics(n) == key)
        else {
            continue;
        };
        let spelt = |list: &[String]| {
            list.iter()
                .any(|w| fold_diacritics(w) == fold_diacritics(canonical))
        };
        let prefix = f.before(name.start());
        let cue = ends_with_word(prefix, &g.holiday_cues);
        // "kỳ nghỉ Tết Dương lịch", "nghỉ lễ Quốc khánh": the break, a period, no day.
        let before_cue = cue.map_or(prefix, |w| prefix[..prefix.len() - w.len()].trim_end());
        if ends_with_word(prefix, &g.holiday_break).is_some()
            || ends_with_word(before_cue, &g.holiday_break).is_some()
        {
            continue;
        }
        let mut end = all.end();
        // A date written after the name: its own day, unless it runs on into a year.
        let written_day = match (c.get(2), c.get(3)) {
            (Some(d), Some(m)) => {
                let rest = &text[m.end()..];
                if rest.starts_with(['/', '.', '-']) && rest[1..].starts_with(char::is_numeric)
                    || rest.starts_with(char::is_numeric)
                {
                    continue;
                }
                let (d, m) = (number(d.as_str()), number(m.as_str()));
                if !valid_day_month(d, m) {
                    continue;
                }
                Some((d, m))
            }
            _ => None,
        };
        let mut year = match c.get(4) {
            Some(y) if word_boundary_after(text, y.end()) => {
                YearHint::Explicit(number(y.as_str()) as i32)
            }
            Some(_) => continue,
            None => YearHint::None,
        };
        if year == YearHint::None {
            if let Some(t) = g.day_month_year_tail.captures(&text[end..]) {
                if let (Some(all_tail), Some(y)) = (t.get(0), t.get(1)) {
                    if word_boundary_after(&text[end..], all_tail.end()) {
                        year = year_word(y.as_str());
                        end += all_tail.end();
                    }
                }
            }
        }
        if spelt(&g.holidays_after_day_only) && cue != Some(g.day_word) {
            continue;
        }
        if cue.is_none() && written_day.is_none() {
            // No cue: the name must stand as its own clause.
            let rest = text[end..].trim_start();
            let ends = rest.is_empty() || rest.starts_with([',', '.', ';', ':', ')', '!', '?']);
            let opens = name.start() == f.clause_start(name.start());
            if !(ends && opens) {
                continue;
            }
        }
        // Another country's: "Quốc khánh của Lào", "Quốc khánh Pháp" (not "Việt Nam").
        let after = &text[name.end()..];
        let next = after.trim_start();
        let next_at = text.len() - next.len();
        let viet = fold_diacritics(next).starts_with("viet");
        if starts_with_word(after, &g.holiday_owners_after).is_some()
            || (written_day.is_none()
                && !viet
                && next.starts_with(char::is_alphabetic)
                && f.capitalised(next_at))
        {
            continue;
        }
        let (mut d, mut m) = written_day.unwrap_or((day, month));
        if written_day.is_none()
            && cue.is_some_and(|w| fold_diacritics(w) == "dem")
            && spelt(&g.holidays_eve)
        {
            // "đêm Giáng sinh": the eve.
            (d, m) = (day - 1, month);
        }
        f.push(
            name.start(),
            end,
            Written::Day {
                day: d,
                month: m,
                year,
            },
            Form::Holiday,
        );
    }
}

/// "tháng 10-11/2024", "trong tháng 10 - 11": two months, each a mention (as a month range is
/// written "tháng 10/2024 - tháng 11/2024" too).
pub(super) fn month_pairs(f: &mut Found) {
    let text = f.text;
    for c in f.g.month_pair.captures_iter(text) {
        let (Some(all), Some(first), Some(second)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (m1, m2) = (number(first.as_str()), number(second.as_str()));
        let year = c.get(3).or(c.get(4));
        let end = year.map_or(second.end(), |y| y.end());
        if !(1..=12).contains(&m1)
            || !(1..=12).contains(&m2)
            || m1 >= m2
            || !word_boundary_before(text, all.start())
            || month_word_refused(f, all.start())
            || text[end..].starts_with(|c: char| c.is_numeric() || c == '/')
        {
            continue;
        }
        let hint = year.map_or(YearHint::None, |y| {
            YearHint::Explicit(number(y.as_str()) as i32)
        });
        let form = if year.is_some() {
            Form::MonthYear
        } else {
            Form::Month
        };
        let month = |m| Written::Month {
            month: m,
            year: hint,
            past: false,
            ahead: false,
        };
        if f.push(all.start(), first.end(), month(m1), form) {
            f.push(second.start(), end, month(m2), form);
        }
    }
}

/// "tháng 12/2023", "tháng 9-2016", "tháng 8 năm 2023", "tháng 8 năm ngoái", "tháng Mười năm
/// 1998", "tháng 8, 2023".
pub(super) fn month_years(f: &mut Found) {
    let text = f.text;
    for c in f.g.month_year.captures_iter(text) {
        let (Some(all), Some(month)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(m) = month_number(month.as_str()) else {
            continue;
        };
        if !word_boundary_before(text, all.start()) || month_word_refused(f, all.start()) {
            continue;
        }
        // The month token's own checks, but "tháng 12/2023" may run on into its year.
        if !month.as_str().starts_with(|c: char| c.is_ascii_digit())
            && !month_token_ok(f, month.range())
        {
            continue;
        }
        let year_text = c.get(3).or(c.get(4)).or(c.get(5));
        let Some(y) = year_text else {
            continue;
        };
        if text[y.end()..].starts_with(|c: char| c.is_numeric())
            || !word_boundary_after(text, y.end())
        {
            continue;
        }
        // "tháng 3/2022-2023" is a span of years, not a month.
        let rest = &text[y.end()..];
        if rest.starts_with(['-', '–']) && rest[1..].trim_start().starts_with(char::is_numeric) {
            continue;
        }
        let year = year_word(y.as_str());
        let form = match year {
            YearHint::Explicit(_) => month_form(f, month.as_str(), Form::MonthYear),
            _ => month_form(f, month.as_str(), Form::Month),
        };
        let written = Written::Month {
            month: m,
            year,
            past: false,
            ahead: false,
        };
        f.push(all.start(), y.end(), written, form);
    }
}

/// The year of "2023", "ngoái", "nay", "sau".
fn year_word(word: &str) -> YearHint {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return YearHint::Explicit(number(word) as i32);
    }
    match fold_diacritics(word).as_str() {
        "ngoai" | "truoc" => YearHint::LastYear,
        "nay" => YearHint::ThisYear,
        _ => YearHint::NextYear,
    }
}

/// "sáng mồng 8", "mùng 3": a day of the month the text named before.
pub(super) fn mong_days(f: &mut Found) {
    let text = f.text;
    let found: Vec<_> =
        f.g.mong_day
            .captures_iter(text)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
            .collect();
    for (all, day) in found {
        let d = number(&text[day.clone()]);
        let rest = &text[day.end..];
        let runs_on = rest.starts_with(|c: char| c.is_numeric())
            || (rest.starts_with(['/', '.', '-']) && rest[1..].starts_with(char::is_numeric));
        if !(1..=31).contains(&d) || runs_on || !word_boundary_before(text, all.start) {
            continue;
        }
        // "mồng 5 tháng 6" is a spelled date, read before; "mùng 3 Tết" is another calendar.
        if starts_with_word(rest, &f.g.small.after_mong).is_some() {
            continue;
        }
        f.push(all.start, day.end, Written::DayOfMonth(d), Form::Mong);
    }
}

/// "tháng 12", "đầu tháng 6", "tháng Tư", "thg 8", "tháng 5 vừa qua", "tháng 11 tới", "Tháng
/// 10 này".
pub(super) fn months(f: &mut Found) {
    let text = f.text;
    let found: Vec<_> =
        f.g.month
            .captures_iter(text)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
            .collect();
    for (all, token) in found {
        let Some(m) = month_number(&text[token.clone()]) else {
            continue;
        };
        if !word_boundary_before(text, all.start)
            || !month_token_ok(f, token.clone())
            || month_word_refused(f, all.start)
            || f.taken(all.start, token.end)
        {
            continue;
        }
        let mut end = token.end;
        let mut past = false;
        let mut ahead = false;
        if let Some(tail) = f.g.month_tail.captures(&text[end..]) {
            if let Some(word) = tail.get(1) {
                if word_boundary_after(&text[end..], word.end()) {
                    let folded = fold_diacritics(word.as_str());
                    past = matches!(folded.as_str(), "vua qua" | "vua roi" | "qua" | "truoc");
                    ahead = matches!(folded.as_str(), "toi" | "sap toi");
                    end += word.end();
                }
            }
        }
        // "tháng 3 tuổi", "tháng 5 ngày": a duration.
        if !past && !ahead && starts_with_word(&text[end..], &f.g.units).is_some() {
            let unit = starts_with_word(&text[end..], &f.g.units).unwrap_or("");
            if !unit.is_empty() && unit != crate::text::lexicon::YEAR.0 && unit != "nam" {
                continue;
            }
        }
        let form = month_form(f, &text[token.clone()], Form::Month);
        let written = Written::Month {
            month: m,
            year: YearHint::None,
            past,
            ahead,
        };
        f.push(all.start, end, written, form);
    }
}

/// "năm 2020", and the years of a list ("các năm 2004 và 2016"). Not a horizon ("đến năm
/// 2030"), a target ("mục tiêu ... vào năm 2025"), another thing's year ("sinh năm 1961",
/// "thường niên năm 2025"), a span ("năm 2024-2025") or "Việt Nam 2023" typed plain.
pub(super) fn years(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    let found: Vec<_> = g
        .year
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.range())))
        .collect();
    for (all, year) in found {
        if !word_boundary_before(text, all.start) || !year_ends(text, year.end) {
            continue;
        }
        let prefix = f.before(all.start);
        if f.g.plain && prefix.ends_with(crate::text::lexicon::VIET) {
            continue;
        }
        if ends_with_word(prefix, &g.horizons).is_some()
            || ends_with_word(prefix, &g.year_owners).is_some()
        {
            continue;
        }
        let clause = &text[f.clause_start(all.start)..all.start];
        if g.targets.iter().any(|t| clause.contains(t.as_str())) {
            continue;
        }
        if !f.push(
            all.start,
            year.end,
            Written::Year(number(&text[year.clone()]) as i32),
            Form::Year,
        ) {
            continue;
        }
        // ", 2008 và 2016": the list goes on.
        let mut at = year.end;
        while let Some(c) = g.year_list.captures(&text[at..]) {
            let Some(next) = c.get(1) else { break };
            let (s, e) = (at + next.start(), at + next.end());
            if !year_ends(text, e) {
                break;
            }
            f.push(s, e, Written::Year(number(&text[s..e]) as i32), Form::Year);
            at = e;
        }
    }
}

/// A year ends at `at`: no digit after it, and no "-2025" making it a span.
fn year_ends(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    if rest.starts_with(|c: char| c.is_numeric()) {
        return false;
    }
    let span = rest.starts_with(['-', '–', '/'])
        && rest[rest.chars().next().map_or(1, char::len_utf8)..]
            .trim_start()
            .starts_with(char::is_numeric);
    !span
}
