//! Years and roles: a date written without a year takes it from the text or the publication
//! date, and every date is told apart as reported, planned or background.
//!
//! The year of a day or month written without one, in order:
//!
//! 1. an explicit year that governs it: a date with its year in the same sentence ("các ngày
//!    12/4, 7/8 và 30/11/2023"), else one earlier in the paragraph. A bare "năm 2019" does not
//!    govern a day ("Ngày 29/3 ... kể từ năm 2000"), and years of other things ("sinh năm
//!    1957", "khóa 2019") are not read as years at all;
//! 2. the publication date, by nearness and tense: of the three candidates (the year before,
//!    the year of, the year after publication) the nearest, where a date after publication
//!    counts [`AHEAD_COST`] times its distance (news reports the past) unless the clause looks
//!    ahead ("sẽ", "dự kiến", "dự báo", "tới"), then the first from publication on; a clause
//!    that says it is past ("đã", "hôm 14/7") takes the latest not after publication; a
//!    weekday written with the date ("thứ Sáu (4/10)") picks the candidate that falls on it;
//! 3. otherwise nothing: the date stays [`Yearless`], never invented.
//!
//! A bare year more than a year after publication is a horizon, and no date.
//!
//! Relative dates count from the publication date ("hôm qua", "tuần tới", "năm ngoái"), or
//! from the date just before them in the text ("ngày hôm sau", "ba ngày sau đó").

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::dates::{DayMonth, Mention, Unit, WeekOf, Written, YearHint};
use super::types::{EventDate, Precision, Role, When, Yearless};

/// How much more a day after publication costs than one before it, when nothing in the clause
/// gives the tense. Measured on the dev gold dates (`tests/data/dates/dev.jsonl`).
pub(crate) const AHEAD_COST: i64 = 4;

/// A date this many days or more before publication (counted from its last day) is
/// background, not the news. Measured on the dev gold dates.
pub(crate) const BACKGROUND_DAYS: i64 = 30;

/// What a mention's year and offsets may be taken from.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// An explicit year that governs the mention.
    pub anchor: Option<i32>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// The last day of the date just before the mention in the text ("hôm sau" counts from
    /// it).
    pub previous_day: Option<When>,
    /// The month of the date just before the mention in the text ("mồng 8" lies in it).
    pub previous_month: Option<When>,
}

/// A resolved date: when it starts, and its last day for a range or a week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Resolved {
    /// The date (a range's or week's first day).
    pub date: When,
    /// A range's or week's last day.
    pub end: Option<EventDate>,
}

/// The tense a clause gives a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Ahead,
    Past,
    Unknown,
}

fn tense(m: &Mention) -> Tense {
    match (m.ahead, m.past) {
        (true, false) => Tense::Ahead,
        (false, true) => Tense::Past,
        _ => Tense::Unknown,
    }
}

/// The year of a day and month written without one, from the publication date (see the
/// module's rule 2).
fn year_near(published: NaiveDate, month: u32, day: u32, m: &Mention) -> i32 {
    let y = published.year();
    let mut candidates: Vec<NaiveDate> = (y - 1..=y + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    if let Some(w) = m.weekday {
        let on_weekday: Vec<NaiveDate> = candidates
            .iter()
            .copied()
            .filter(|d| d.weekday().num_days_from_monday() == w)
            .collect();
        if !on_weekday.is_empty() {
            candidates = on_weekday;
        }
    }
    let days = |d: &NaiveDate| (*d - published).num_days();
    candidates
        .iter()
        .min_by_key(|d| cost(days(d), tense(m)))
        .map_or(y, NaiveDate::year)
}

/// What a candidate `distance` (days or months, negative before publication) costs: its
/// distance, times [`AHEAD_COST`] on the side the tense makes unlikely (after publication
/// when nothing says so; before it when the clause looks ahead).
fn cost(distance: i64, tense: Tense) -> i64 {
    let (before, after) = match tense {
        Tense::Ahead => (AHEAD_COST, 1),
        Tense::Past => (1, AHEAD_COST * AHEAD_COST),
        Tense::Unknown => (1, AHEAD_COST),
    };
    if distance > 0 {
        distance * after
    } else {
        -distance * before
    }
}

/// The year of a month written without one ("tháng 4"), from the publication date: as
/// [`year_near`], in whole months.
fn month_year_near(published: NaiveDate, month: u32, m: &Mention, past: bool, ahead: bool) -> i32 {
    let y = published.year();
    let index = |y: i32, mo: u32| i64::from(y) * 12 + i64::from(mo);
    let now = index(y, published.month());
    let candidates = [y - 1, y, y + 1];
    let tense = if ahead {
        Tense::Ahead
    } else if past {
        Tense::Past
    } else {
        tense(m)
    };
    *candidates
        .iter()
        .min_by_key(|&&c| cost(index(c, month) - now, tense))
        .unwrap_or(&y)
}

fn shift_months(date: NaiveDate, months: i32) -> (i32, u32) {
    let total = date.year() * 12 + date.month0() as i32 + months;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// The Monday of the week holding `date`.
fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The weekday `w` (Monday = 0) in the week `week` says, from publication.
fn weekday_date(published: NaiveDate, w: u32, week: WeekOf, ahead: bool) -> Option<NaiveDate> {
    let target = Weekday::try_from(u8::try_from(w).ok()?).ok()?;
    let back = |strict: bool| {
        let mut d = published - Duration::days(i64::from(strict));
        while d.weekday() != target {
            d = d.pred_opt()?;
        }
        Some(d)
    };
    let forward = |strict: bool| {
        let mut d = published + Duration::days(i64::from(strict));
        while d.weekday() != target {
            d = d.succ_opt()?;
        }
        Some(d)
    };
    match week {
        WeekOf::Nearest if ahead => forward(false),
        WeekOf::Nearest => back(false),
        WeekOf::Last => back(true),
        WeekOf::Next => forward(true),
        WeekOf::Relative(k) => {
            Some(monday_of(published) + Duration::days(7 * i64::from(k) + i64::from(w)))
        }
    }
}

/// A day from a year hint, or yearless when no year is known.
fn day_of(year: Option<i32>, month: u32, day: u32) -> Option<When> {
    match year {
        Some(y) => EventDate::day(y, month, day).map(When::Dated),
        None => Yearless::day(month, day).map(When::Yearless),
    }
}

/// `days` after a yearless day: counted in a year without 29 February, unless the day is one.
fn shift_yearless(d: Yearless, days: i64) -> Option<When> {
    let day = d.day?;
    let year = if d.month == 2 && day == 29 {
        2000
    } else {
        2001
    };
    let shifted = NaiveDate::from_ymd_opt(year, d.month, day)? + Duration::days(days);
    Yearless::day(shifted.month(), shifted.day()).map(When::Yearless)
}

/// Resolves one mention to a date, or `None` when it names no date (30/2, or a relative form
/// such as "hôm qua" without a publication date to count from).
pub(crate) fn resolve(m: &Mention, cx: &Context) -> Option<Resolved> {
    let published = cx.published;
    let one = |date: When| Some(Resolved { date, end: None });
    let relative_year = |hint: YearHint| -> Option<i32> {
        let p = published?;
        match hint {
            YearHint::LastYear => Some(p.year() - 1),
            YearHint::ThisYear => Some(p.year()),
            YearHint::NextYear => Some(p.year() + 1),
            YearHint::Explicit(y) => Some(y),
            YearHint::None => None,
        }
    };
    // The year of a day/month written without one: the anchor, else the publication date.
    let year_for = |month: u32, day: u32| -> Option<i32> {
        cx.anchor
            .or_else(|| published.map(|p| year_near(p, month, day, m)))
    };
    let year_of = |dm: DayMonth| match dm.year {
        YearHint::None => year_for(dm.month, dm.day),
        YearHint::Explicit(y) => Some(y),
        hint => relative_year(hint),
    };
    match m.written {
        Written::Day { day, month, year } => {
            one(day_of(year_of(DayMonth { day, month, year }), month, day)?)
        }
        Written::Range { start, end } => resolve_range(start, end, &year_of),
        Written::DayOfMonth(day) => {
            let (year, month) = match cx.previous_month {
                Some(When::Dated(d)) => (Some(d.year), d.month),
                Some(When::Yearless(y)) => (None, y.month),
                None => {
                    let p = published?;
                    (Some(p.year()), p.month())
                }
            };
            let year = year.or_else(|| year_for(month, day));
            one(day_of(year, month, day)?)
        }
        Written::Month {
            month,
            year,
            past,
            ahead,
        } => match year {
            YearHint::Explicit(y) => one(When::Dated(EventDate::month(y, month)?)),
            YearHint::None => {
                // "tháng 5 vừa qua" and "tháng 11 tới" count from publication even when the
                // sentence names another year.
                let anchor = cx.anchor.filter(|_| !past && !ahead);
                let year =
                    anchor.or_else(|| published.map(|p| month_year_near(p, month, m, past, ahead)));
                match year {
                    Some(y) => one(When::Dated(EventDate::month(y, month)?)),
                    None => one(When::Yearless(Yearless::month(month)?)),
                }
            }
            hint => one(When::Dated(EventDate::month(relative_year(hint)?, month)?)),
        },
        // A bare year more than a year after publication is a horizon ("lên 7% GDP vào năm
        // 2035"), not a happening.
        Written::Year(y) if published.is_some_and(|p| y > p.year() + 1) => None,
        Written::Year(y) => one(When::Dated(EventDate::year(y))),
        Written::RelativeDays(days) => {
            let d = published?.checked_add_signed(Duration::days(days))?;
            one(When::Dated(EventDate::from_date(d, Precision::Day)))
        }
        Written::Week(k) => {
            let first = monday_of(published?) + Duration::days(7 * i64::from(k));
            week(first)
        }
        Written::PastWeek => week(published? - Duration::days(6)),
        Written::Weekday { weekday, week } => {
            let d = weekday_date(published?, weekday, week, tense(m) == Tense::Ahead)?;
            one(When::Dated(EventDate::from_date(d, Precision::Day)))
        }
        Written::RelativeMonths(months) => {
            let (y, mo) = shift_months(published?, months);
            one(When::Dated(EventDate::month(y, mo)?))
        }
        Written::RelativeYears(years) => {
            one(When::Dated(EventDate::year(published?.year() + years)))
        }
        Written::Following(days) => match cx.previous_day? {
            When::Dated(d) if d.precision == Precision::Day => {
                let day = d.start().checked_add_signed(Duration::days(days))?;
                one(When::Dated(EventDate::from_date(day, Precision::Day)))
            }
            When::Yearless(y) => one(shift_yearless(y, days)?),
            When::Dated(_) => None,
        },
        Written::Window { unit, count, ahead } => window(published?, unit, count, ahead),
        Written::WeekOfMonth { month, year, last } => {
            let y = match year {
                YearHint::None => cx
                    .anchor
                    .or_else(|| published.map(|p| month_year_near(p, month, m, false, false)))?,
                YearHint::Explicit(y) => y,
                hint => relative_year(hint)?,
            };
            week(week_of_month(y, month, last)?)
        }
    }
}

/// The Monday of the first or last whole Monday-Sunday week of a month.
fn week_of_month(year: i32, month: u32, last: bool) -> Option<NaiveDate> {
    if last {
        let (y, m) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let last_day = NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()?;
        // The last Sunday on or before the month's last day ends the week.
        let back = (last_day.weekday().num_days_from_monday() + 1) % 7;
        Some(last_day - Duration::days(i64::from(back)) - Duration::days(6))
    } else {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let ahead = (7 - first.weekday().num_days_from_monday()) % 7;
        Some(first + Duration::days(i64::from(ahead)))
    }
}

/// A window of `count` whole units next to `published`: ahead, from the unit after
/// publication's; behind, ending with the unit before it ("2 ngày vừa qua" published on 2
/// February: 31 January to 1 February). Days and weeks at day precision, months and years at
/// theirs; one unit is that unit alone, without an `end`.
fn window(published: NaiveDate, unit: Unit, count: u32, ahead: bool) -> Option<Resolved> {
    let n = i64::from(count);
    let span = |first: EventDate, last: EventDate| {
        Some(Resolved {
            date: When::Dated(first),
            end: (last != first).then_some(last),
        })
    };
    match unit {
        Unit::Day | Unit::Week => {
            let days = if unit == Unit::Week { 7 * n } else { n };
            let (first, last) = if ahead {
                (
                    published.checked_add_signed(Duration::days(1))?,
                    published.checked_add_signed(Duration::days(days))?,
                )
            } else {
                (
                    published.checked_sub_signed(Duration::days(days))?,
                    published.checked_sub_signed(Duration::days(1))?,
                )
            };
            span(
                EventDate::from_date(first, Precision::Day),
                EventDate::from_date(last, Precision::Day),
            )
        }
        Unit::Month => {
            let months = i32::try_from(count).ok()?;
            let (a, b) = if ahead { (1, months) } else { (-months, -1) };
            let (y1, m1) = shift_months(published, a);
            let (y2, m2) = shift_months(published, b);
            span(EventDate::month(y1, m1)?, EventDate::month(y2, m2)?)
        }
        Unit::Year => {
            let years = i32::try_from(count).ok()?;
            let y = published.year();
            let (a, b) = if ahead {
                (y + 1, y + years)
            } else {
                (y - years, y - 1)
            };
            span(EventDate::year(a), EventDate::year(b))
        }
    }
}

/// A week from its first day: the date is that day at week precision, the end its seventh.
fn week(first: NaiveDate) -> Option<Resolved> {
    let last = first + Duration::days(6);
    Some(Resolved {
        date: When::Dated(EventDate::week(first)),
        end: Some(EventDate::from_date(last, Precision::Day)),
    })
}

/// A range of days: the last day's year comes first (it is the one written, "từ 28/12 đến
/// 2/1/2025"), the first day takes it, or the year before when it would fall after the last.
fn resolve_range(
    start: DayMonth,
    end: DayMonth,
    year_of: &dyn Fn(DayMonth) -> Option<i32>,
) -> Option<Resolved> {
    let crosses_new_year = (start.month, start.day) > (end.month, end.day);
    let (first_year, last_year) = match (start.year, end.year) {
        (YearHint::None, YearHint::None) => {
            let y = year_of(start);
            (y, y.map(|y| y + i32::from(crosses_new_year)))
        }
        (YearHint::None, _) => {
            let y = year_of(end);
            (y.map(|y| y - i32::from(crosses_new_year)), y)
        }
        (_, YearHint::None) => {
            let y = year_of(start);
            (y, y.map(|y| y + i32::from(crosses_new_year)))
        }
        _ => (year_of(start), year_of(end)),
    };
    let date = day_of(first_year, start.month, start.day)?;
    let end = match last_year {
        Some(y) => Some(EventDate::day(y, end.month, end.day)?),
        None => None,
    };
    if let (When::Dated(a), Some(b)) = (date, end) {
        if a.start() >= b.start() {
            return None;
        }
    }
    Some(Resolved { date, end })
}

/// The role of a resolved date: planned when it starts after publication (or the clause looks
/// ahead in a period holding it), background when its clause says so ("kể từ", "thành lập")
/// or it ended [`BACKGROUND_DAYS`] or more before publication, reported otherwise. Without a
/// publication date: planned when the clause looks ahead, background when it says so or its
/// year is older than the article's latest, reported otherwise.
pub(crate) fn role(
    m: &Mention,
    r: &Resolved,
    published: Option<NaiveDate>,
    latest_year: Option<i32>,
) -> Role {
    let dated = r.date.dated();
    let (Some(p), Some(d)) = (published, dated) else {
        if m.ahead {
            return Role::Planned;
        }
        let older = match (dated, latest_year) {
            (Some(d), Some(latest)) => d.year < latest,
            _ => false,
        };
        return if m.background || older {
            Role::Background
        } else {
            Role::Reported
        };
    };
    let first = d.start();
    let last = r.end.map_or_else(|| d.end(), |e| e.end());
    if first > p {
        return Role::Planned;
    }
    // A window reaching [`BACKGROUND_DAYS`] or more back ("2 tháng qua", "10 năm qua") sums up
    // a period: context to the news, not a happening of it.
    if matches!(m.written, Written::Window { ahead: false, .. })
        && (p - first).num_days() >= BACKGROUND_DAYS
    {
        return Role::Background;
    }
    if last >= p {
        return if m.ahead {
            Role::Planned
        } else {
            Role::Reported
        };
    }
    if m.background || (p - last).num_days() >= BACKGROUND_DAYS {
        Role::Background
    } else {
        Role::Reported
    }
}
