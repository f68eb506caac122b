//! The date axis: which days the picture shows, where a day lands in pixels, and which ticks
//! with which text mark it.
//!
//! Dates are handled as day numbers (days since 1/1/1 CE) so that spans of a day and of
//! centuries go through the same arithmetic.

use chrono::{Datelike, NaiveDate};

use super::text::text_width;
use crate::events::{EventDate, Precision};

/// Whether the date is a real calendar date (`EventDate::start` maps impossible ones, such as
/// 30/2, to the first representable day, which would stretch the axis over 260,000 years).
pub(crate) fn date_is_valid(date: &EventDate) -> bool {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day).is_some()
}

/// The day number of a date.
pub(crate) fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn date_of(n: i64) -> Option<NaiveDate> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// First day and the day after the last day an event covers, as day numbers. A day-precision
/// event is a point: its "end" is its own day, so its marker sits on the day's tick.
pub(crate) fn event_days(date: &EventDate) -> (i64, i64) {
    let start = day_number(date.start());
    match date.precision {
        Precision::Day => (start, start),
        _ => (start, day_number(date.end()) + 1),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(i64),
    Weeks,
    HalfMonths,
    Months(u32),
    Years(i64),
}

/// How much of a date a tick (or the automatic title) writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TickForm {
    Day,
    Month,
    Year,
}

impl Step {
    fn approx_days(self) -> f64 {
        match self {
            Step::Days(n) => n as f64,
            Step::Weeks => 7.0,
            Step::HalfMonths => 15.2,
            Step::Months(n) => 30.44 * f64::from(n),
            Step::Years(n) => 365.25 * n as f64,
        }
    }

    fn form(self) -> TickForm {
        match self {
            Step::Days(_) | Step::Weeks | Step::HalfMonths => TickForm::Day,
            Step::Months(_) => TickForm::Month,
            Step::Years(_) => TickForm::Year,
        }
    }

    /// Tick dates in `d0..=d1` (day numbers).
    fn ticks(self, d0: i64, d1: i64) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let (d0, d1) = (
            d0.max(day_number(NaiveDate::MIN)),
            d1.min(day_number(NaiveDate::MAX)),
        );
        let (Some(first), Some(last)) = (date_of(d0), date_of(d1)) else {
            return out;
        };
        match self {
            Step::Days(n) => {
                let mut d = d0 + (n - d0.rem_euclid(n)) % n;
                while d <= d1 {
                    out.extend(date_of(d));
                    d += n;
                }
            }
            Step::Weeks => {
                // Weeks start on Monday (ISO 8601).
                let back = i64::from(first.weekday().num_days_from_monday());
                let mut d = if back == 0 { d0 } else { d0 - back + 7 };
                while d <= d1 {
                    out.extend(date_of(d));
                    d += 7;
                }
            }
            Step::HalfMonths | Step::Months(_) => {
                let (mut y, mut m) = (first.year(), first.month());
                while y <= last.year() {
                    let days: &[u32] = if self == Step::HalfMonths {
                        &[1, 16]
                    } else {
                        &[1]
                    };
                    let on_step = match self {
                        Step::Months(k) => (m - 1) % k == 0,
                        _ => true,
                    };
                    if on_step {
                        for &day in days {
                            if let Some(d) = NaiveDate::from_ymd_opt(y, m, day) {
                                if d >= first && d <= last {
                                    out.push(d);
                                }
                            }
                        }
                    }
                    if m == 12 {
                        y += 1;
                        m = 1;
                    } else {
                        m += 1;
                    }
                }
            }
            Step::Years(n) => {
                let (y0, y1) = (i64::from(first.year()), i64::from(last.year()));
                let mut y = y0 + (n - y0.rem_euclid(n)) % n;
                while y <= y1 + 1 {
                    if let Some(d) = i32::try_from(y)
                        .ok()
                        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                    {
                        if d >= first && d <= last {
                            out.push(d);
                        }
                    }
                    y += n;
                }
            }
        }
        out
    }
}

fn tick_text(d: NaiveDate, form: TickForm) -> String {
    match form {
        TickForm::Day => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        TickForm::Month => format!("{}/{}", d.month(), d.year()),
        TickForm::Year => format!("{}", d.year()),
    }
}

/// Finest first; years go up in 1-2-5 steps to spans of 500,000 years.
fn candidate_steps() -> Vec<Step> {
    let mut steps = vec![
        Step::Days(1),
        Step::Days(2),
        Step::Weeks,
        Step::HalfMonths,
        Step::Months(1),
        Step::Months(2),
        Step::Months(3),
        Step::Months(6),
    ];
    let mut p = 1i64;
    while p <= 100_000 {
        steps.extend([Step::Years(p), Step::Years(2 * p), Step::Years(5 * p)]);
        p *= 10;
    }
    steps
}

/// Maps day numbers `d0..=d1` to pixels `left..=right`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct XScale {
    pub(crate) d0: i64,
    pub(crate) d1: i64,
    pub(crate) left: i32,
    pub(crate) right: i32,
}

impl XScale {
    /// The pixel of a day; days outside the range stick to the nearer end.
    pub(crate) fn x(&self, day: i64) -> i32 {
        let span = (self.d1 - self.d0).max(1) as f64;
        let f = (day - self.d0) as f64 / span;
        let x = f64::from(self.left) + f * f64::from(self.right - self.left);
        x.round().clamp(f64::from(self.left), f64::from(self.right)) as i32
    }
}

/// The padded day range `(d0, d1)` shown for events covering `lo..hi` (day numbers): at least
/// 6 days wide, plus 3% on each side so that no marker sits on the plot's edge.
pub(crate) fn padded_range(lo: i64, hi: i64) -> (i64, i64) {
    let (mut lo, mut hi) = (lo, hi.max(lo));
    if hi - lo < 6 {
        let mid = lo + (hi - lo) / 2;
        lo = mid - 3;
        hi = mid + 3;
    }
    let pad = (((hi - lo) as f64) * 0.03).round().max(1.0) as i64;
    (lo - pad, hi + pad)
}

/// One chosen tick: its pixel, its text and the text's width at the tick font size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AxisTick {
    pub(crate) x: i32,
    pub(crate) text: String,
    pub(crate) width: i32,
}

/// Picks the finest step whose labels (at `size`) fit without crowding (`min_gap` pixels
/// apart) and that gives at most 10 ticks.
pub(crate) fn make_ticks(scale: &XScale, size: f64, min_gap: i32) -> Vec<AxisTick> {
    let span = (scale.d1 - scale.d0).max(1) as f64;
    let mut fallback: Vec<AxisTick> = Vec::new();
    for step in candidate_steps() {
        // More than 40 ticks are never chosen; skipping them also spares computing millions
        // of day ticks for spans of centuries.
        if span / step.approx_days() > 40.0 {
            continue;
        }
        let dates = step.ticks(scale.d0, scale.d1);
        if dates.is_empty() {
            continue;
        }
        let form = step.form();
        let ticks: Vec<AxisTick> = dates
            .iter()
            .map(|&d| {
                let text = tick_text(d, form);
                let width = text_width(&text, size, false);
                AxisTick {
                    x: scale.x(day_number(d)),
                    text,
                    width,
                }
            })
            .collect();
        let fits = ticks
            .windows(2)
            .all(|p| p[1].x - p[0].x >= (p[0].width + p[1].width) / 2 + min_gap);
        if fits && ticks.len() <= 10 {
            return ticks;
        }
        fallback = ticks;
    }
    // Nothing fits (a very narrow picture): keep the first and last tick of the coarsest try.
    if fallback.len() > 2 {
        let last = fallback.len() - 1;
        fallback = vec![fallback[0].clone(), fallback[last].clone()];
    }
    fallback
}

/// The automatic title for events from day `lo` to day `hi_incl`, its dates written as
/// precisely as the span calls for.
pub(crate) fn span_title(lo: i64, hi_incl: i64) -> String {
    let (Some(a), Some(b)) = (date_of(lo), date_of(hi_incl.max(lo))) else {
        return "Dòng thời gian sự kiện".to_string();
    };
    let days = hi_incl - lo;
    let form = if days <= 62 {
        TickForm::Day
    } else if days <= 6 * 366 {
        TickForm::Month
    } else {
        TickForm::Year
    };
    let (ta, tb) = (tick_text(a, form), tick_text(b, form));
    if ta == tb {
        format!("Dòng thời gian sự kiện {ta}")
    } else {
        format!("Dòng thời gian sự kiện {ta} – {tb}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::*;
    use crate::report::{layout_timeline, render_png, Layout, ReportError, TimelineOptions};

    fn ticks_for(first: NaiveDate, last: NaiveDate) -> Layout {
        let events = vec![
            ev(
                0,
                EventDate::from_date(first, Precision::Day),
                "space",
                0.9,
                "đầu",
            ),
            ev(
                1,
                EventDate::from_date(last, Precision::Day),
                "summits",
                0.9,
                "cuối",
            ),
        ];
        layout_timeline(&events, &TimelineOptions::default()).expect("layout")
    }

    #[test]
    fn ticks_suit_every_span() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
        let cases = [
            ("1 day", d(2024, 3, 29), d(2024, 3, 29), 2usize),
            ("10 days", d(2024, 3, 1), d(2024, 3, 10), 2),
            ("3 months", d(2024, 1, 10), d(2024, 4, 10), 2),
            ("2 years", d(2022, 6, 1), d(2024, 6, 1), 1),
            ("30 years", d(1994, 1, 1), d(2024, 1, 1), 0),
            ("200 years", d(1824, 1, 1), d(2024, 1, 1), 0),
        ];
        for (name, first, last, slashes) in cases {
            let layout = ticks_for(first, last);
            let ticks = &layout.ticks;
            assert!(
                (3..=20).contains(&ticks.len()),
                "{name}: {} ticks {ticks:?}",
                ticks.len()
            );
            for t in ticks {
                assert_eq!(t.text.matches('/').count(), slashes, "{name}: {t:?}");
                assert!(
                    t.x >= layout.plot_left && t.x <= layout.plot_right,
                    "{name}: {t:?} outside the plot"
                );
            }
            assert!(
                ticks.windows(2).all(|p| p[0].x < p[1].x),
                "{name}: ticks not increasing {ticks:?}"
            );
            // Every tick text reads back as a date, and they are in order.
            let parsed: Vec<NaiveDate> = ticks
                .iter()
                .map(|t| {
                    let p: Vec<i32> = t
                        .text
                        .split('/')
                        .map(|s| s.parse().expect("number"))
                        .collect();
                    match p.as_slice() {
                        [dd, m, y] => d(*y, *m as u32, *dd as u32),
                        [m, y] => d(*y, *m as u32, 1),
                        [y] => d(*y, 1, 1),
                        _ => panic!("{name}: odd tick {t:?}"),
                    }
                })
                .collect();
            assert!(parsed.windows(2).all(|p| p[0] < p[1]), "{name}: {ticks:?}");
            // The events' own dates lie inside the axis.
            let first_x = layout.markers.iter().map(|m| m.x).min().unwrap_or(0);
            assert!(first_x > layout.plot_left, "{name}: the range is padded");
        }
        // Three months: ticks on the 1st and 16th of the month.
        let layout = ticks_for(d(2024, 1, 10), d(2024, 4, 10));
        assert!(
            layout
                .ticks
                .iter()
                .all(|t| t.text.starts_with("1/") || t.text.starts_with("16/")),
            "{:?}",
            layout.ticks
        );
        // One day: that day is a tick, right under its marker.
        let layout = ticks_for(d(2024, 3, 29), d(2024, 3, 29));
        let t = layout
            .ticks
            .iter()
            .find(|t| t.text == "29/3/2024")
            .expect("the day's tick");
        assert_eq!(t.x, layout.markers[0].x);
    }

    #[test]
    fn odd_dates_do_not_panic() {
        let bad = EventDate {
            year: 2023,
            month: 2,
            day: 30,
            precision: Precision::Day,
        };
        let far = EventDate::year(-3000);
        let events = vec![
            ev(0, bad, "space", 0.5, "x"),
            ev(1, day(2024, 1, 1), "space", f64::NAN, "y"),
            ev(2, far, "summits", 2.0, ""),
        ];
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        assert!(
            layout.markers.iter().all(|m| m.event != 0),
            "an impossible date is not drawn"
        );
        assert!(layout.ticks.len() >= 3, "{:?}", layout.ticks);
        assert!(
            layout.ticks.iter().all(|t| t.text.parse::<i32>().is_ok()),
            "{:?}",
            layout.ticks
        );
        assert_eq!(
            layout_timeline(&events[..1], &TimelineOptions::default()),
            Err(ReportError::NoEvents)
        );
        assert_labels_sound(&layout);
        assert!(render_png(&events, &TimelineOptions::default()).is_ok());
    }
}
