//! Dates counted from publication ("hôm qua", "3 ngày trước", "tuần tới", "thứ Tư tuần
//! tới", "năm ngoái") or from the date just before them in the text ("ngày hôm sau", "ba ngày
//! sau đó").

use super::grammar::{count_number, weekday_number};
use super::{ends_with_word, starts_with_word, word_boundary_after, word_boundary_before};
use super::{Form, Found, Unit, WeekOf, Written};
use crate::text::fold_diacritics;
use crate::text::lexicon as lx;

/// Whether a word of [`lx::RELATIVE_NOT_BEFORE`] follows `at` ("tuần trước đó").
fn counts_from_elsewhere(f: &Found, at: usize) -> bool {
    starts_with_word(&f.text[at..], &f.g.relative_not_before).is_some()
}

/// A number (digits or words) ends the text before `at`: "3 tuần qua", "hai năm trước".
fn count_before(f: &Found, at: usize) -> bool {
    let prefix = f.before(at);
    let last = prefix
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    last.chars().all(|c| c.is_ascii_digit()) && !last.is_empty()
        || count_number(last).is_some()
        || ends_with_word(prefix, &f.g.small.vague).is_some()
}

/// "hôm qua", "hôm kia", "hôm nay", "ngày mai", "ngày mốt", "tối qua", "chiều mai", "sáng
/// nay", "đêm hôm kia".
pub(super) fn relative_days(f: &mut Found) {
    let text = f.text;
    let plain = f.g.plain;
    let g = f.g;
    for c in g.relative_day.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let Some(all) = grp(0) else {
            continue;
        };
        let phrase = grp(1).or(grp(2));
        let Some(phrase) = phrase else { continue };
        if !word_boundary_before(text, all.start) || !word_boundary_after(text, all.end) {
            continue;
        }
        let whole = fold_diacritics(&text[all.clone()]);
        let whole = whole.split_whitespace().collect::<Vec<_>>().join(" ");
        if f.g.plain_refused.contains(&whole) {
            continue;
        }
        let key = text[phrase]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let offset = lx::RELATIVE_DAYS
            .iter()
            .chain(lx::RELATIVE_DAY_TAILS)
            .find(|(w, _)| *w == key || plain && fold_diacritics(w) == key)
            .map(|&(_, n)| n);
        if let Some(n) = offset {
            f.push(
                all.start,
                all.end,
                Written::RelativeDays(n),
                Form::RelativeDay,
            );
        }
    }
}

/// "ngày hôm sau", "Tối hôm sau", "Hai ngày sau", "ba ngày sau đó", "53 ngày sau khi phóng",
/// "sau đó 2 ngày": days from the date just before in the text.
pub(super) fn following(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.following.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let Some(all) = grp(0) else {
            continue;
        };
        if !word_boundary_before(text, all.start) || !word_boundary_after(text, all.end) {
            continue;
        }
        let count = grp(1).or(grp(3));
        let days = match count {
            None => 1,
            Some(c) => match count_number(&text[c]) {
                Some(n) if n <= 400 => i64::from(n),
                _ => continue,
            },
        };
        // "2 ngày sau" right after "trong": "trong 2 ngày sau đó" is a duration.
        if ends_with_word(f.before(all.start), &f.g.small.within).is_some() {
            continue;
        }
        f.push(
            all.start,
            all.end,
            Written::Following(days),
            Form::Following,
        );
    }
}

/// "3 ngày trước", "cách đây 5 ngày", "15 tháng trước", "Mười năm trước", "2 tuần trước";
/// "3 ngày trước đó" counts from the date before it in the text.
pub(super) fn counted(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.counted.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let (Some(all), Some(count), Some(unit)) = (grp(0), grp(2), grp(3)) else {
            continue;
        };
        let ago = grp(1).is_some() || grp(4).is_some();
        if !ago || !word_boundary_before(text, all.start) || !word_boundary_after(text, all.end) {
            continue;
        }
        let Some(n) = count_number(&text[count.clone()]).filter(|&n| n <= 400) else {
            continue;
        };
        let n = i64::from(n);
        let rest = &text[all.end..];
        let then = starts_with_word(rest, &f.g.small.then).is_some();
        if starts_with_word(rest, &f.g.small.when).is_some() {
            continue;
        }
        let unit = fold_diacritics(&text[unit]);
        let (written, form) = match (unit.as_str(), then) {
            ("ngay", true) => (Written::Following(-n), Form::Following),
            ("tuan", true) => (Written::Following(-7 * n), Form::Following),
            (_, true) => continue,
            ("ngay", false) => (Written::RelativeDays(-n), Form::RelativeDay),
            ("tuan", false) => (Written::RelativeDays(-7 * n), Form::RelativeDay),
            ("thang", false) => (Written::RelativeMonths(-(n as i32)), Form::RelativeMonth),
            _ => (Written::RelativeYears(-(n as i32)), Form::RelativeYear),
        };
        f.push(all.start, all.end, written, form);
    }
}

/// "3 ngày tới", "trong 2 tháng qua", "ba năm tiếp theo", "2 ngày vừa rồi", "suốt 10 năm
/// qua", "5 năm gần đây": whole units next to publication. "tới" and "qua" alone also mean
/// "to" and "through" ("hành trình sáu năm tới tiểu hành tinh", "45 ngày qua 12 thành phố"):
/// they need "trong" or "suốt" before the count, or the clause to end or begin with the
/// phrase. Not a count that is one end of another ("3-4 ngày tới", "thứ hai tuần tới"), nor
/// a window counted from another date ("3 ngày tiếp theo đó").
pub(super) fn windows(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.window.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let (Some(all), Some(count), Some(unit), Some(tail)) = (grp(0), grp(2), grp(3), grp(4))
        else {
            continue;
        };
        if !word_boundary_before(text, all.start) || !word_boundary_after(text, all.end) {
            continue;
        }
        let Some(n) = count_number(&text[count.clone()]).filter(|&n| n <= 999) else {
            continue;
        };
        let prefix = f.before(all.start);
        let thu = fold_diacritics("thứ");
        let ordinal = prefix
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| fold_diacritics(w) == thu);
        if prefix.ends_with(['-', '–', '/']) || ordinal || counts_from_elsewhere(f, all.end) {
            continue;
        }
        let tail = fold_diacritics(&text[tail]);
        let tail = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(&(_, ahead)) = lx::WINDOW_TAILS
            .iter()
            .find(|(w, _)| fold_diacritics(w) == tail)
        else {
            continue;
        };
        let loose = tail == "toi" || tail == "qua";
        if loose && grp(1).is_none() {
            let rest = text[all.end..].trim_start();
            let ends =
                rest.is_empty() || rest.starts_with([',', '.', ';', ':', ')', '!', '?', '"']);
            let opens = all.start == f.clause_start(all.start) || prefix.is_empty();
            if !ends && !opens {
                continue;
            }
        }
        let unit = match fold_diacritics(&text[unit]).as_str() {
            "ngay" => Unit::Day,
            "tuan" => Unit::Week,
            "thang" => Unit::Month,
            _ => Unit::Year,
        };
        f.push(
            all.start,
            all.end,
            Written::Window {
                unit,
                count: n,
                ahead,
            },
            Form::Window,
        );
    }
}

/// "tuần qua" (the seven days ending on publication), "tuần trước", "tuần này", "tuần tới".
/// Not "3 tuần qua" (a duration), "tuần trước đó" (from another date).
pub(super) fn weeks(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.week.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let (Some(all), Some(tail)) = (grp(0), grp(1)) else {
            continue;
        };
        if !word_boundary_before(text, all.start)
            || !word_boundary_after(text, all.end)
            || count_before(f, all.start)
            || counts_from_elsewhere(f, all.end)
        {
            continue;
        }
        let tail = fold_diacritics(&text[tail]);
        let tail = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        let written = if tail == "qua" || tail == "vua qua" {
            Written::PastWeek
        } else {
            let offset = lx::WEEK_TAILS
                .iter()
                .find(|(w, _)| fold_diacritics(w) == tail)
                .map_or(0, |&(_, n)| n);
            Written::Week(offset)
        };
        f.push(all.start, all.end, written, Form::Week);
    }
}

/// "hôm thứ Năm", "tối thứ Bảy tuần trước", "thứ Năm tuần tới", "Chủ nhật vừa qua", "thứ 5
/// tuần qua", "thứ hai tới". "lần thứ hai" is an ordinal; "Thứ hai, ..." at the head of a
/// sentence in lower case is "secondly".
pub(super) fn weekdays(f: &mut Found) {
    let text = f.text;
    let g = f.g;
    for c in g.weekday.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let Some(all) = grp(0) else {
            continue;
        };
        let cue = grp(1).is_some();
        let (weekday, name_at) = match (grp(3), grp(4)) {
            (Some(name), _) => match weekday_number(&text[name.clone()]) {
                Some(w) => (w, Some(name)),
                None => continue,
            },
            (None, Some(sunday)) => (6, Some(sunday)),
            _ => continue,
        };
        let Some(name) = name_at else { continue };
        if !word_boundary_before(text, all.start) || !word_boundary_after(text, name.end) {
            continue;
        }
        // "thứ hai mươi": twentieth.
        if starts_with_word(&text[name.end..], &g.month_name_not_after).is_some() {
            continue;
        }
        let mut end = name.end;
        let mut week = WeekOf::Nearest;
        if let Some(c) = g.weekday_tail.captures(&text[end..]) {
            let tail_end = c.get(0).map_or(0, |m| m.end());
            if word_boundary_after(&text[end..], tail_end) {
                let tail = c.get(1).or(c.get(2)).map_or(String::new(), |t| {
                    let t = fold_diacritics(t.as_str());
                    t.split_whitespace().collect::<Vec<_>>().join(" ")
                });
                let in_week = c.get(1).is_some();
                week = match (in_week, tail.as_str()) {
                    (true, "qua" | "vua qua" | "truoc") => WeekOf::Relative(-1),
                    (true, "nay") => WeekOf::Relative(0),
                    (true, _) => WeekOf::Relative(1),
                    (false, "vua qua" | "vua roi") => WeekOf::Last,
                    (false, "toi" | "sap toi") => WeekOf::Next,
                    (false, _) => WeekOf::Relative(0),
                };
                end += tail_end;
            }
        }
        let digits = text[name.clone()].starts_with(|c: char| c.is_ascii_digit());
        let sunday = weekday == 6;
        let prefix = f.before(all.start);
        let ordinal = ends_with_word(prefix, &g.ordinal_nouns).is_some();
        if !sunday && ordinal && !cue {
            continue;
        }
        let capital = f.capitalised(name.start);
        let tail = week != WeekOf::Nearest;
        let date_follows = text[end..]
            .trim_start_matches([' ', '(', ','])
            .starts_with(|c: char| c.is_ascii_digit())
            || text[end..]
                .trim_start_matches([' ', ','])
                .starts_with(g.day_word);
        let head = all.start == f.clause_start(all.start)
            || text[..all.start].trim_end().is_empty()
            || prefix.ends_with(['(', '-', '–']);
        // "Thứ hai, cần ..." opening a sentence in lower case is "secondly"; "ngày thứ hai"
        // the second day.
        let lower_name = !digits && !sunday && !capital;
        let secondly = head && lower_name && text[end..].trim_start().starts_with(',');
        let day_cue = grp(1).is_some_and(|c| text[c].trim() == g.day_word);
        let accepted = tail
            || date_follows
            || sunday
            || (digits || capital) && !ordinal
            || !(day_cue && lower_name) && (cue || head && !secondly);
        if !accepted {
            continue;
        }
        f.push(
            all.start,
            end,
            Written::Weekday { weekday, week },
            Form::Weekday,
        );
    }
}

/// "tháng trước", "tháng này", "tháng sau", "tháng tới", "tháng qua". Not "3 tháng qua", "so
/// với tháng trước", "tháng trước đó".
pub(super) fn relative_months(f: &mut Found) {
    let g = f.g;
    for (all, tail) in unit_with_tail(f, &g.month_relative, true) {
        let offset = match tail.as_str() {
            "qua" | "vua qua" => -1,
            t => tail_offset(lx::MONTH_TAILS_RELATIVE, t),
        };
        f.push(
            all.start,
            all.end,
            Written::RelativeMonths(offset),
            Form::RelativeMonth,
        );
    }
}

/// "năm nay", "năm ngoái", "năm trước", "năm sau", "năm tới". Not "cùng kỳ năm trước", "hai
/// năm trước" (read by `counted`), "năm sau đó".
pub(super) fn relative_years(f: &mut Found) {
    let g = f.g;
    for (all, tail) in unit_with_tail(f, &g.year_relative, false) {
        let offset = tail_offset(lx::YEAR_TAILS_RELATIVE, &tail);
        f.push(
            all.start,
            all.end,
            Written::RelativeYears(offset),
            Form::RelativeYear,
        );
    }
}

/// The matches of a "unit + tail" pattern ("tháng trước", "năm nay") that stand as words, are
/// not counted ("3 tháng qua") and are not "so với ..." or "... đó": each match's range and
/// its tail, folded with single spaces. With `plain_month_names`, a capitalised tail typed
/// without diacritics is left to the month names ("thang Sau" is June).
fn unit_with_tail(
    f: &Found,
    pattern: &regex::Regex,
    plain_month_names: bool,
) -> Vec<(std::ops::Range<usize>, String)> {
    let text = f.text;
    let mut out = Vec::new();
    for c in pattern.captures_iter(text) {
        let grp = |i: usize| c.get(i).map(|m| m.range());
        let (Some(all), Some(tail)) = (grp(0), grp(1)) else {
            continue;
        };
        if !word_boundary_before(text, all.start)
            || !word_boundary_after(text, all.end)
            || count_before(f, all.start)
            || counts_from_elsewhere(f, all.end)
        {
            continue;
        }
        if plain_month_names && f.g.plain && f.capitalised(tail.start) {
            continue;
        }
        let tail = fold_diacritics(&text[tail]);
        out.push((all, tail.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    out
}

/// The offset a folded tail stands for in a list of (tail, offset), 0 when absent.
fn tail_offset(tails: &[(&str, i32)], tail: &str) -> i32 {
    tails
        .iter()
        .find(|(w, _)| fold_diacritics(w) == tail)
        .map_or(0, |&(_, n)| n)
}
