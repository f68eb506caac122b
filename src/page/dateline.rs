//! The dateline: a publication date in a short line at the top of a scraped page, such as
//! "Thứ Bảy, 30/03/2024 - 08:15" or "30/03/2024 08:15 GMT+7".
//!
//! The line is furniture, not news: the page keeps it out of the body and the lead, and the
//! events stage dates yearless mentions by it when the article has no publication date of its
//! own. Its date is the first date with a year in the line, read as the events' date grammar
//! reads one (the events stage checks that both agree); only the forms that carry a year are
//! needed here.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::text::datenum::{self, number, valid_day_month, MatchingForm};
use crate::text::lexicon::DATELINE_HINTS;

/// A dateline found at the top of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The publication date it gives.
    pub date: NaiveDate,
    /// Its 1-based line number in the article text.
    pub line: usize,
}

/// Only the first lines of a page can hold its dateline.
const TOP_LINES: usize = 6;

/// Longer lines are prose, not a dateline (in characters).
const MAX_CHARS: usize = 80;

/// Finds the dateline among the first lines of `text`.
pub(crate) fn find(text: &str) -> Option<Dateline> {
    for (i, line) in text.lines().enumerate().take(TOP_LINES) {
        let line = line.trim();
        // Every date with a year holds a digit: a line without one costs no more than this.
        if line.is_empty()
            || line.len() > 4 * MAX_CHARS
            || line.chars().count() > MAX_CHARS
            || !line.chars().any(char::is_numeric)
        {
            continue;
        }
        let form = MatchingForm::new(line);
        let folded = crate::text::fold_diacritics(&form.text);
        let looks_like_dateline = DATELINE_HINTS.iter().any(|h| folded.contains(h))
            || folded.contains(':')
            || folded
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if !looks_like_dateline {
            continue;
        }
        if let Some(date) = first_date_with_year(&form.text, form.plain) {
            return Some(Dateline { date, line: i + 1 });
        }
    }
    None
}

struct Patterns {
    written_full: Regex,
    range: Regex,
    full: Regex,
    document_before: Regex,
}

fn patterns(plain: bool) -> &'static Patterns {
    static ACCENTED: OnceLock<Patterns> = OnceLock::new();
    static PLAIN: OnceLock<Patterns> = OnceLock::new();
    let build = || Patterns {
        written_full: Regex::new(&datenum::written_full_pattern(plain)).expect("valid pattern"),
        range: Regex::new(&datenum::range_pattern()).expect("valid pattern"),
        full: Regex::new(&datenum::full_date_pattern()).expect("valid pattern"),
        document_before: Regex::new(&datenum::document_before_pattern(plain))
            .expect("valid pattern"),
    };
    if plain {
        PLAIN.get_or_init(build)
    } else {
        ACCENTED.get_or_init(build)
    }
}

/// The first calendar date with a year in lower-case NFC `text`. The forms are tried in the
/// date grammar's order, and a span taken by an earlier form (even one without a year, such as
/// "ngày 5 tháng 3") is not read again by a later one, as the grammar does.
fn first_date_with_year(text: &str, plain: bool) -> Option<NaiveDate> {
    let p = patterns(plain);
    let not_document = |start: usize| !p.document_before.is_match(&text[..start]);
    // (start, end, the date as (year, month, day) when it has a year)
    type Ymd = (i32, u32, u32);
    let mut taken: Vec<(usize, usize, Option<Ymd>)> = Vec::new();
    let mut take = |start: usize, end: usize, date: Option<Ymd>| {
        if !taken.iter().any(|&(s, e, _)| start < e && s < end) {
            taken.push((start, end, date));
        }
    };
    for c in p.written_full.captures_iter(text) {
        let (d, m) = (number(&c[1]), number(&c[2]));
        if valid_day_month(d, m) {
            let all = c.get(0).map_or(0..0, |g| g.range());
            let year = c.get(3).map(|y| number(y.as_str()) as i32);
            take(all.start, all.end, year.map(|y| (y, m, d)));
        }
    }
    for c in p.range.captures_iter(text) {
        let (d1, d2, m) = (number(&c[1]), number(&c[2]), number(&c[3]));
        let start = c.get(1).map_or(0, |g| g.start());
        let end = c.get(4).or_else(|| c.get(3)).map_or(0, |g| g.end());
        if valid_day_month(d1, m) && valid_day_month(d2, m) && d1 < d2 && not_document(start) {
            let year = c.get(4).map(|y| number(y.as_str()) as i32);
            take(start, end, year.map(|y| (y, m, d1)));
        }
    }
    for c in p.full.captures_iter(text) {
        let start = c.get(1).map_or(0, |g| g.start());
        let end = c.get(5).map_or(0, |g| g.end());
        if let Some((d, m, y)) = datenum::full_date_of(&c).filter(|_| not_document(start)) {
            take(start, end, Some((y, m, d)));
        }
    }
    taken.sort_by_key(|&(start, _, _)| start);
    taken
        .into_iter()
        .filter_map(|(_, _, date)| date)
        .find_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn datelines_of_scraped_pages() {
        let found = |text: &str| find(text).map(|d| (d.date, d.line));
        assert_eq!(
            found("Thứ Bảy, 30/03/2024 - 08:15\nNội dung bài viết."),
            Some((date(2024, 3, 30).unwrap(), 1))
        );
        assert_eq!(
            found("Tiêu đề\n\n07/10/2023 06:20 GMT+7\nNội dung."),
            Some((date(2023, 10, 7).unwrap(), 3))
        );
        assert_eq!(
            found("Cập nhật ngày 5 tháng 3 năm 2024"),
            Some((date(2024, 3, 5).unwrap(), 1))
        );
        // A date in prose, a line without a dateline's marks, or a document number is none.
        assert_eq!(
            found("Ngày 30/03/2024, hội nghị khai mạc tại Hà Nội."),
            None
        );
        assert_eq!(found("Thứ Bảy, số 30/03/2024"), None);
        assert_eq!(found("1\n2\n3\n4\n5\n6\n30/03/2024 08:15"), None);
    }
}
