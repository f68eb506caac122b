//! Publication dates as pages write them: timestamps in metadata, bylines under a headline,
//! and dates in an address.
//!
//! A timestamp gives the page's **local** date: "2023-11-02T05:10:00+07:00" is 2 November,
//! whatever the day in UTC. A UTC timestamp ("Z", "+00:00") is moved to Vietnam time (+07:00)
//! first: Vietnamese outlets publish on Vietnam time, and a content system that stores UTC
//! turns a 03:30 article of 30 March into "2024-03-29T20:30:00Z". Any other explicit offset is
//! the writer's own local time and is kept as written; a timestamp without an offset is taken
//! as written.

use std::sync::OnceLock;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

use crate::text::datenum::{self, number, valid_day_month};
use crate::text::lexicon;

/// Hours from UTC to Vietnam time.
const VIETNAM_UTC_OFFSET_HOURS: i64 = 7;

fn regex(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("valid pattern"))
}

/// The local date of a metadata timestamp: ISO 8601 / RFC 3339 ("2024-03-29T20:30:00Z",
/// "2023-11-02 05:10:00+07:00", "2024-01-25"), "2024/01/25", or the Vietnamese day-first
/// "25/01/2024 21:15" some outlets put in `pubdate`. `None` when it is none of these.
pub fn local_date(stamp: &str) -> Option<NaiveDate> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static DAY_FIRST: OnceLock<Regex> = OnceLock::new();
    let stamp = stamp.trim();
    let iso = regex(&ISO, || {
        r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?)?".into()
    });
    if let Some(c) = iso.captures(stamp) {
        let date = NaiveDate::from_ymd_opt(number(&c[1]) as i32, number(&c[2]), number(&c[3]))?;
        let (Some(hour), Some(minute)) = (c.get(4), c.get(5)) else {
            return Some(date);
        };
        let is_utc = c.get(7).is_some_and(|z| {
            matches!(
                z.as_str(),
                "Z" | "z" | "UTC" | "GMT" | "+00:00" | "-00:00" | "+0000" | "-0000"
            )
        });
        if !is_utc {
            return Some(date);
        }
        let second = c.get(6).map_or(0, |s| number(s.as_str()));
        let time = NaiveTime::from_hms_opt(number(hour.as_str()), number(minute.as_str()), second)?;
        let local = NaiveDateTime::new(date, time) + Duration::hours(VIETNAM_UTC_OFFSET_HOURS);
        return Some(local.date());
    }
    let day_first = regex(&DAY_FIRST, || {
        r"^(\d{1,2})[/\-.](\d{1,2})[/\-.]((?:19|20)\d{2})\b".into()
    });
    let c = day_first.captures(stamp)?;
    NaiveDate::from_ymd_opt(number(&c[3]) as i32, number(&c[2]), number(&c[1]))
}

/// The first date with a year in a byline ("Thứ Sáu, 14/6/2024 - 06:45", "Cập nhật lúc
/// 09:30, Thứ Sáu, 19/01/2024", "10 tháng 9 2023", "ngày 5 tháng 3 năm 2024",
/// "2023-11-02 19:20"). `line` is NFC.
pub fn byline_date(line: &str) -> Option<NaiveDate> {
    static FULL: OnceLock<Regex> = OnceLock::new();
    static WRITTEN: OnceLock<Regex> = OnceLock::new();
    static MONTH_WORD: OnceLock<Regex> = OnceLock::new();
    static ISO_IN_TEXT: OnceLock<Regex> = OnceLock::new();
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = line.to_lowercase();
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    let mut day_month_year = |at: usize, d: u32, m: u32, y: u32| {
        if valid_day_month(d, m) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                found.push((at, date));
            }
        }
    };
    for c in regex(&FULL, datenum::full_date_pattern).captures_iter(&text) {
        let at = c.get(1).map_or(0, |g| g.start());
        if let Some((d, m, y)) = datenum::full_date_of(&c) {
            day_month_year(at, d, m, y as u32);
        }
    }
    for c in regex(&WRITTEN, || datenum::written_full_pattern(false)).captures_iter(&text) {
        if let Some(y) = c.get(3) {
            let at = c.get(1).map_or(0, |g| g.start());
            day_month_year(at, number(&c[1]), number(&c[2]), number(y.as_str()));
        }
    }
    // "10 tháng 9 2023", "10 tháng 9, 2023": the month word without "ngày" and "năm".
    let month_word = regex(&MONTH_WORD, || {
        let thang = lexicon::MONTH.0;
        format!(r"(?:^|\D)(\d{{1,2}})\s+{thang}\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})(?:\D|$)")
    });
    for c in month_word.captures_iter(&text) {
        let at = c.get(1).map_or(0, |g| g.start());
        day_month_year(at, number(&c[1]), number(&c[2]), number(&c[3]));
    }
    let iso = regex(&ISO_IN_TEXT, || {
        r"(?:^|\D)((?:19|20)\d{2})-(\d{2})-(\d{2})(?:\D|$)".into()
    });
    for c in iso.captures_iter(&text) {
        let at = c.get(1).map_or(0, |g| g.start());
        day_month_year(at, number(&c[3]), number(&c[2]), number(&c[1]));
    }
    found.into_iter().min_by_key(|&(at, _)| at).map(|(_, d)| d)
}

/// The date in a page's address: a folder path "/2024/05/17/" or a content system's creation
/// timestamp before the extension ("-20240906223015482.htm", at least four digits of time after
/// the date, so a bare article number is not read as a date).
pub fn address_date(url: &str) -> Option<NaiveDate> {
    static FOLDERS: OnceLock<Regex> = OnceLock::new();
    static STAMP: OnceLock<Regex> = OnceLock::new();
    let folders = regex(&FOLDERS, || {
        r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)".into()
    });
    let stamp = regex(&STAMP, || {
        r"[-_/]((?:19|20)\d{2})(\d{2})(\d{2})\d{4,}\.[a-z]{3,5}(?:$|[?#])".into()
    });
    folders
        .captures(url)
        .or_else(|| stamp.captures(url))
        .and_then(|c| NaiveDate::from_ymd_opt(number(&c[1]) as i32, number(&c[2]), number(&c[3])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn timestamps_give_the_local_date() {
        // An explicit offset keeps its own date, even early in the morning.
        assert_eq!(local_date("2023-11-02T05:10:00+07:00"), date(2023, 11, 2));
        assert_eq!(local_date("2023-11-02T23:10:00-05:00"), date(2023, 11, 2));
        // UTC is moved to Vietnam time.
        assert_eq!(local_date("2024-03-29T20:30:00Z"), date(2024, 3, 30));
        assert_eq!(local_date("2024-03-29T16:59:59+00:00"), date(2024, 3, 29));
        assert_eq!(local_date("2024-03-29T17:00:00.000Z"), date(2024, 3, 30));
        // No offset: as written.
        assert_eq!(local_date("2024-03-29 20:30:00"), date(2024, 3, 29));
        assert_eq!(local_date("2024-03-29"), date(2024, 3, 29));
        assert_eq!(local_date("2024/03/29"), date(2024, 3, 29));
        assert_eq!(local_date("29/03/2024 08:15"), date(2024, 3, 29));
        assert_eq!(local_date("2024-02-30"), None);
        assert_eq!(local_date("hôm qua"), None);
    }

    #[test]
    fn byline_dates() {
        assert_eq!(byline_date("Thứ Sáu, 14/6/2024 - 06:45"), date(2024, 6, 14));
        assert_eq!(
            byline_date("Cập nhật lúc 09:30, Thứ Sáu, 19/01/2024"),
            date(2024, 1, 19)
        );
        assert_eq!(byline_date("10 tháng 9 2023"), date(2023, 9, 10));
        assert_eq!(byline_date("Ngày 5 tháng 3 năm 2024"), date(2024, 3, 5));
        assert_eq!(byline_date("2023-11-02 19:20"), date(2023, 11, 2));
        assert_eq!(byline_date("Lượt xem: 1.284"), None);
        assert_eq!(byline_date("Thứ Sáu, 14/6 - 06:45"), None);
    }

    #[test]
    fn address_dates() {
        assert_eq!(
            address_date("https://diemtin24.net/2024/05/17/ve-tinh-nho/"),
            date(2024, 5, 17)
        );
        assert_eq!(
            address_date("https://x.vn/mat-gan-300-trieu-20240906223015482.htm"),
            date(2024, 9, 6)
        );
        assert_eq!(
            address_date("https://vnexpress.net/ong-ho-4672302.html"),
            None
        );
        assert_eq!(address_date("https://x.vn/tin-20241399.html"), None);
    }
}
