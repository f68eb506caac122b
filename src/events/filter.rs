//! Which events to keep: by label, by date window, and only those with a year. One filter
//! for every source of events (articles or an events file), so that a timeline drawn from
//! either keeps the same events.

use chrono::NaiveDate;

use super::types::Event;

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
                self.from.is_none_or(|f| date.end() >= f)
                    && self.to.is_none_or(|t| date.start() <= t)
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
