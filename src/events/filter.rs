//! Which events to keep: by label, by date window, and only those with a year. One filter
//! for every source of events (articles or an events file), so that a timeline drawn from
//! either keeps the same events. [`news_events`] are what a timeline draws when no window is
//! given.

use chrono::NaiveDate;

use super::types::{Event, Precision, Role};

/// Which events to keep. The default keeps every event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Keep only events with one of these labels (`None`: every label).
    pub labels: Option<Vec<String>>,
    /// Keep only events that reach this day or later: a month or year is kept when it
    /// overlaps the window.
    pub from: Option<NaiveDate>,
    /// Keep only events that begin on this day or earlier.
    pub to: Option<NaiveDate>,
    /// Keep only events whose year is known, the ones a timeline can place.
    pub dated_only: bool,
}

impl EventFilter {
    /// What a timeline draws: events with a year, in the window, with these labels.
    pub fn timeline(
        labels: Option<Vec<String>>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Self {
        EventFilter {
            labels,
            from,
            to,
            dated_only: true,
        }
    }

    /// Whether `event` passes. An event without a year lies outside every window.
    pub fn keeps(&self, event: &Event) -> bool {
        if let Some(labels) = &self.labels {
            if !labels.contains(&event.label) {
                return false;
            }
        }
        match event.dated() {
            Some(date) => {
                let last = event.last_day().unwrap_or_else(|| date.end());
                self.from.is_none_or(|f| last >= f) && self.to.is_none_or(|t| date.start() <= t)
            }
            None => !self.dated_only && self.from.is_none() && self.to.is_none(),
        }
    }

    /// The events that pass, in order.
    pub fn apply(&self, mut events: Vec<Event>) -> Vec<Event> {
        events.retain(|e| self.keeps(e));
        events
    }
}

/// The events a timeline draws once: a month or year drops out when a day inside it was read
/// from the same sentence of the same articles ("Sáng 22/5, Estonia, Chủ tịch luân phiên tháng
/// 5/2020 của HĐBA, ..." is one happening on the 22nd; the month only says when the presidency
/// was). Both stay in `newsline events`, where each is a date the text gives; drawn, they were
/// the same headline twice.
pub fn without_restated_periods(events: Vec<Event>) -> Vec<Event> {
    // The day-precise events by sentence, so that each period is compared only with the days
    // of its own sentence (a week of news holds tens of thousands of events).
    let mut days: std::collections::HashMap<&str, Vec<&Event>> = std::collections::HashMap::new();
    for e in &events {
        if e.end.is_none() && e.dated().is_some_and(|d| d.precision == Precision::Day) {
            days.entry(e.text.as_str()).or_default().push(e);
        }
    }
    let restated = |period: &Event| {
        let (Some(span), None) = (period.dated(), period.end) else {
            return false;
        };
        if !matches!(span.precision, Precision::Month | Precision::Year) {
            return false;
        }
        days.get(period.text.as_str()).is_some_and(|same_sentence| {
            same_sentence.iter().any(|day| {
                day.dated()
                    .is_some_and(|d| span.start() <= d.start() && d.start() <= span.end())
                    && period
                        .sources
                        .iter()
                        .all(|s| day.sources.iter().any(|t| t.id == s.id))
            })
        })
    };
    let keep: Vec<bool> = events.iter().map(|e| !restated(e)).collect();
    events
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect()
}

/// Days around an article's publication date within which its events are news (see
/// [`news_events`]): on the development happenings (`tests/data/happenings/dev.jsonl`) every
/// reported happening lies within 10 days of its article's publication, 15 of 24 planned ones
/// within 30 days after it, and 26 of 29 background ones more than 30 days before it.
pub const NEWS_WINDOW_DAYS: i64 = 30;

/// The events a timeline draws when no window is given: those that lie wholly within `days`
/// of the publication date of an article that reports them, not the history the articles
/// cite nor what they plan years ahead.
///
/// An article without a publication date is taken to be published on the middle one of its
/// own day-precise reported and planned events (news reports its latest days). Articles
/// published far from the others are left out (farther from the median publication date than
/// three times the median distance to it, and more than `days`): one article from a decade
/// ago does not stretch a week's briefing. When no article gives any date to go by, every
/// event is kept.
pub fn news_events(events: Vec<Event>, days: i64) -> Vec<Event> {
    let anchors = publication_anchors(&events);
    if anchors.is_empty() {
        return events;
    }
    let mut dates: Vec<NaiveDate> = anchors.values().copied().collect();
    dates.sort_unstable();
    let median = dates[dates.len() / 2];
    let mut spread: Vec<i64> = dates
        .iter()
        .map(|d| (*d - median).num_days().abs())
        .collect();
    spread.sort_unstable();
    let reach = (3 * spread[spread.len() / 2]).max(days);
    let usual: std::collections::BTreeMap<String, NaiveDate> = anchors
        .into_iter()
        .filter(|(_, d)| (*d - median).num_days().abs() <= reach)
        .map(|(id, d)| (id.to_string(), d))
        .collect();
    let near = |e: &Event, anchor: NaiveDate| {
        let (Some(date), Some(last)) = (e.dated(), e.last_day()) else {
            return false;
        };
        (date.start() - anchor).num_days() >= -days && (last - anchor).num_days() <= days
    };
    events
        .into_iter()
        .filter(|e| {
            e.sources
                .iter()
                .any(|s| usual.get(&s.id).is_some_and(|a| near(e, *a)))
        })
        .collect()
}

/// Each article's publication date, or the middle one of its day-precise reported and planned
/// events when it has none.
fn publication_anchors(events: &[Event]) -> std::collections::BTreeMap<&str, NaiveDate> {
    use std::collections::BTreeMap;
    let mut published: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    let mut days: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
    for e in events {
        let day = e
            .dated()
            .filter(|d| d.precision == Precision::Day && e.role != Role::Background)
            .map(|d| d.start());
        for s in &e.sources {
            if let Some(p) = s.published {
                published.insert(s.id.as_str(), p);
            }
            if let Some(d) = day {
                days.entry(s.id.as_str()).or_default().push(d);
            }
        }
    }
    for (id, mut list) in days {
        if !published.contains_key(id) {
            list.sort_unstable();
            published.insert(id, list[list.len() / 2]);
        }
    }
    published
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::types::{EventDate, When, Yearless};

    fn event(date: When, label: &str) -> Event {
        Event::for_test("a", date, label, "t")
    }

    fn day(y: i32, m: u32, d: u32) -> When {
        When::Dated(EventDate::day(y, m, d).unwrap())
    }

    fn published(id: &str, date: When, role: Role, on: Option<NaiveDate>) -> Event {
        let mut e = Event::for_test(id, date, "space", "t");
        e.role = role;
        e.sources[0].published = on;
        e
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_period_restated_by_a_day_of_its_sentence_is_drawn_once() {
        let sentence = "Sáng 22/5, Estonia, Chủ tịch luân phiên tháng 5/2020, tổ chức cuộc họp";
        let month = When::Dated(EventDate::month(2020, 5).unwrap());
        let year = When::Dated(EventDate::year(2020));
        let kept = |events: Vec<Event>| -> Vec<String> {
            without_restated_periods(events)
                .iter()
                .map(|e| format!("{} {}", e.id, e.date_string()))
                .collect()
        };
        // The month and the year of the 22nd's own sentence drop out.
        assert_eq!(
            kept(vec![
                Event::for_test("a", month, "cybersecurity", sentence),
                Event::for_test("a", day(2020, 5, 22), "cybersecurity", sentence),
                Event::for_test("a", year, "cybersecurity", sentence),
            ]),
            ["a 2020-05-22"]
        );
        // Another sentence, a day outside the month, or another article's month: both stay.
        assert_eq!(
            kept(vec![
                Event::for_test("a", month, "cybersecurity", "Tháng 5/2020, Estonia giữ ghế"),
                Event::for_test("a", day(2020, 5, 22), "cybersecurity", sentence),
            ]),
            ["a 2020-05", "a 2020-05-22"]
        );
        assert_eq!(
            kept(vec![
                Event::for_test("a", month, "cybersecurity", sentence),
                Event::for_test("a", day(2020, 6, 2), "cybersecurity", sentence),
            ]),
            ["a 2020-05", "a 2020-06-02"]
        );
        assert_eq!(
            kept(vec![
                Event::for_test("b", month, "cybersecurity", sentence),
                Event::for_test("a", day(2020, 5, 22), "cybersecurity", sentence),
            ]),
            ["b 2020-05", "a 2020-05-22"]
        );
    }

    #[test]
    fn news_is_what_lies_near_the_publication_of_its_articles() {
        let ids = |events: Vec<Event>| -> Vec<String> {
            news_events(events, 30)
                .iter()
                .map(|e| format!("{} {}", e.id, e.date_string()))
                .collect()
        };
        let week = vec![
            published("a", day(2024, 6, 4), Role::Reported, Some(ymd(2024, 6, 4))),
            published("a", day(1972, 12, 7), Role::Reported, Some(ymd(2024, 6, 4))),
            published("b", day(2024, 6, 9), Role::Reported, Some(ymd(2024, 6, 10))),
            published("b", day(2024, 7, 1), Role::Planned, Some(ymd(2024, 6, 10))),
            published("b", day(2026, 1, 1), Role::Planned, Some(ymd(2024, 6, 10))),
            published(
                "b",
                When::Dated(EventDate::year(2024)),
                Role::Reported,
                Some(ymd(2024, 6, 10)),
            ),
        ];
        let kept = ["a 2024-06-04", "b 2024-06-09", "b 2024-07-01"];
        assert_eq!(ids(week.clone()), kept);
        // One article published a decade earlier is left out with its events.
        let mut with_old = week.clone();
        with_old.push(published(
            "c",
            day(2014, 3, 1),
            Role::Reported,
            Some(ymd(2014, 3, 2)),
        ));
        assert_eq!(ids(with_old), kept);
        // Without a publication date, the middle of an article's own days stands in for it;
        // background days do not count.
        let undated = vec![
            published("a", day(2024, 6, 3), Role::Reported, None),
            published("a", day(2024, 6, 4), Role::Reported, None),
            published("a", day(2024, 6, 20), Role::Planned, None),
            published("a", day(2019, 6, 4), Role::Background, None),
            published("a", day(2023, 6, 4), Role::Reported, None),
        ];
        assert_eq!(
            ids(undated),
            ["a 2024-06-03", "a 2024-06-04", "a 2024-06-20"]
        );
        // Nothing to go by: everything stays.
        let vague = vec![published(
            "a",
            When::Dated(EventDate::year(1990)),
            Role::Reported,
            None,
        )];
        assert_eq!(ids(vague), ["a 1990"]);
    }

    #[test]
    fn labels_window_and_years() {
        let yearless = When::Yearless(Yearless::day(3, 29).unwrap());
        let month = When::Dated(EventDate::month(2023, 12).unwrap());
        let events = vec![
            event(day(2024, 3, 29), "space"),
            event(day(2024, 3, 29), "summits"),
            event(yearless, "space"),
            event(month, "space"),
            event(day(2022, 1, 1), "space"),
        ];
        let labels = |f: EventFilter| -> Vec<String> {
            f.apply(events.clone())
                .iter()
                .map(|e| format!("{} {}", e.date_string(), e.label))
                .collect()
        };
        assert_eq!(EventFilter::default().apply(events.clone()), events);
        let space = Some(vec!["space".to_string()]);
        assert_eq!(
            labels(EventFilter {
                labels: space.clone(),
                ..Default::default()
            }),
            [
                "2024-03-29 space",
                "--03-29 space",
                "2023-12 space",
                "2022-01-01 space"
            ]
        );
        // The month overlaps a window starting mid-December; the yearless event is in no
        // window.
        let from = NaiveDate::from_ymd_opt(2023, 12, 15);
        assert_eq!(
            labels(EventFilter::timeline(space, from, None)),
            ["2024-03-29 space", "2023-12 space"]
        );
        let to = NaiveDate::from_ymd_opt(2023, 12, 1);
        assert_eq!(
            labels(EventFilter::timeline(None, None, to)),
            ["2023-12 space", "2022-01-01 space"]
        );
    }
}
