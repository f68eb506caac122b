//! Years: a date written without one takes it from the text or the publication date.
//!
//! In order: an explicit year in the same sentence or paragraph (the caller's `anchor`); else
//! the publication date, by nearness and tense: news reports the past, so the latest such
//! date not after publication, unless the clause says it lies ahead ("dự kiến", "sẽ", "sắp
//! tới", "tháng sau"), then the first one from publication on; else, with no publication date,
//! the latest explicit year elsewhere in the article. With none of these the date stays
//! [`Yearless`]: the year is never invented.

use chrono::{Datelike, Duration, NaiveDate};

use super::dates::{Mention, Written, YearHint};
use super::types::{EventDate, Precision, When, Yearless};

/// What a mention's year may be taken from.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// An explicit year in the same sentence, else the same paragraph.
    pub anchor: Option<i32>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// The latest explicit year of the article, used only without a publication date.
    pub article_year: Option<i32>,
}

/// The year for a day/month with no year: the latest not after `published`, or the first
/// from `published` on when `ahead`.
fn year_from_publication(published: NaiveDate, month: u32, day: u32, ahead: bool) -> i32 {
    let y = published.year();
    let candidate = |y: i32| {
        NaiveDate::from_ymd_opt(y, month, day.clamp(1, 28)).map(|_| {
            NaiveDate::from_ymd_opt(y, month, day)
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, month, 28).unwrap_or(published))
        })
    };
    match candidate(y) {
        Some(d) if ahead && d < published => y + 1,
        Some(d) if !ahead && d > published => y - 1,
        _ => y,
    }
}

fn shift_months(date: NaiveDate, months: i32) -> (i32, u32) {
    let total = date.year() * 12 + date.month0() as i32 + months;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// Resolves one mention to a date, or `None` when it names no date (30/2, or a relative
/// form such as "hôm qua" without a publication date to count from).
pub(crate) fn resolve(m: &Mention, cx: &Context) -> Option<When> {
    let published = cx.published;
    let article_year = cx.article_year.filter(|_| published.is_none());
    // A year-less day or month: from the anchor, the publication date, the article.
    let year_for = |month: u32, day: u32| -> Option<i32> {
        cx.anchor
            .or_else(|| published.map(|p| year_from_publication(p, month, day, m.ahead)))
            .or(article_year)
    };
    let relative_year = |hint: YearHint| -> Option<i32> {
        let p = published?;
        Some(match hint {
            YearHint::LastYear => p.year() - 1,
            YearHint::ThisYear => p.year(),
            YearHint::NextYear => p.year() + 1,
            YearHint::Explicit(y) => y,
            YearHint::None => return None,
        })
    };
    let day = |year: Option<i32>, month: u32, day: u32| match year {
        Some(y) => EventDate::day(y, month, day).map(When::Dated),
        None => Yearless::day(month, day).map(When::Yearless),
    };
    match m.written {
        Written::Day {
            day: d,
            month,
            year,
        } => match year {
            YearHint::Explicit(y) => day(Some(y), month, d),
            YearHint::None => day(year_for(month, d), month, d),
            hint => day(relative_year(hint), month, d),
        },
        Written::Month {
            month,
            year,
            past,
            ahead,
        } => match year {
            YearHint::Explicit(y) => EventDate::month(y, month).map(When::Dated),
            YearHint::None => {
                let ahead = ahead || (m.ahead && !past);
                // "tháng 5 vừa qua" / "tháng 11 tới" count from publication even when the
                // paragraph names another year.
                let relative_to_publication = past || ahead;
                if let Some(p) =
                    published.filter(|_| cx.anchor.is_none() || relative_to_publication)
                {
                    // Compare whole months: "tháng 3" published in March is this March.
                    let y = if ahead {
                        if month < p.month() {
                            p.year() + 1
                        } else {
                            p.year()
                        }
                    } else if month > p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    };
                    return EventDate::month(y, month).map(When::Dated);
                }
                match year_for(month, 1) {
                    Some(y) => EventDate::month(y, month).map(When::Dated),
                    None => Yearless::month(month).map(When::Yearless),
                }
            }
            hint => EventDate::month(relative_year(hint)?, month).map(When::Dated),
        },
        Written::Year(y) => Some(When::Dated(EventDate::year(y))),
        Written::RelativeDays(days) => published?
            .checked_add_signed(Duration::days(days))
            .map(|d| When::Dated(EventDate::from_date(d, Precision::Day))),
        Written::RelativeMonths(months) => {
            let (y, mo) = shift_months(published?, months);
            EventDate::month(y, mo).map(When::Dated)
        }
        Written::RelativeYears(years) => {
            Some(When::Dated(EventDate::year(published?.year() + years)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::dates::find_dates;

    fn at(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn resolve_one(
        sentence: &str,
        anchor: Option<i32>,
        published: Option<NaiveDate>,
    ) -> Option<When> {
        let m = &find_dates(sentence)[0];
        let cx = Context {
            anchor,
            published,
            article_year: None,
        };
        resolve(m, &cx)
    }

    fn dated(d: Option<EventDate>) -> Option<When> {
        d.map(When::Dated)
    }

    #[test]
    fn yearless_dates_take_the_latest_year_not_after_publication() {
        let d = resolve_one("Ngày 29/3, hội nghị", None, Some(at(2024, 3, 30)));
        assert_eq!(d, dated(EventDate::day(2024, 3, 29)));
        // Backwards across New Year: published in January, "ngày 28/12" is last December.
        let d = resolve_one("Ngày 28/12, vụ tấn công", None, Some(at(2024, 1, 9)));
        assert_eq!(d, dated(EventDate::day(2023, 12, 28)));
    }

    #[test]
    fn dates_said_to_lie_ahead_go_forwards() {
        // Forwards across New Year: published in December, "dự kiến ngày 5/1" is next January.
        let d = resolve_one(
            "Hội nghị dự kiến khai mạc ngày 5/1",
            None,
            Some(at(2024, 12, 20)),
        );
        assert_eq!(d, dated(EventDate::day(2025, 1, 5)));
        let d = resolve_one("Lễ ký sẽ diễn ra ngày 20/12", None, Some(at(2024, 12, 1)));
        assert_eq!(d, dated(EventDate::day(2024, 12, 20)));
    }

    #[test]
    fn an_explicit_year_nearby_wins() {
        let d = resolve_one(
            "Sáng ngày 22/5, nước Chủ tịch luân phiên",
            Some(2020),
            Some(at(2024, 11, 23)),
        );
        assert_eq!(d, dated(EventDate::day(2020, 5, 22)));
    }

    #[test]
    fn relative_forms_need_a_publication_date() {
        let p = Some(at(2024, 3, 30));
        let cases = [
            ("hôm qua", None, EventDate::day(2024, 3, 29)),
            ("tháng trước", None, EventDate::month(2024, 2)),
            ("năm ngoái", None, Some(EventDate::year(2023))),
            ("vào tháng sau", None, EventDate::month(2024, 4)),
            ("tháng 8 năm ngoái", None, EventDate::month(2023, 8)),
            ("tháng 5 vừa qua", Some(2019), EventDate::month(2023, 5)),
        ];
        for (sentence, anchor, expected) in cases {
            assert_eq!(
                resolve_one(sentence, anchor, p),
                dated(expected),
                "{sentence}"
            );
        }
        assert_eq!(resolve_one("hôm qua", None, None), None);
        assert_eq!(resolve_one("tháng 8 năm ngoái", None, None), None);
    }

    #[test]
    fn without_any_anchor_the_year_is_not_invented() {
        assert_eq!(
            resolve_one("Ngày 29/3, hội nghị", None, None),
            Some(When::Yearless(Yearless {
                month: 3,
                day: Some(29)
            }))
        );
        assert_eq!(
            resolve_one("tháng 12, hội nghị", None, None),
            Yearless::month(12).map(When::Yearless)
        );
        // A day that no year has is no date; 29/2 is one in some years.
        assert_eq!(resolve_one("ngày 30/2", None, None), None);
        assert!(resolve_one("ngày 29/2", None, None).is_some());
        // The article's latest year stands in only without a publication date.
        let m = &find_dates("Ngày 29/3, hội nghị")[0];
        let cx = Context {
            article_year: Some(2021),
            ..Context::default()
        };
        assert_eq!(resolve(m, &cx), dated(EventDate::day(2021, 3, 29)));
    }
}
