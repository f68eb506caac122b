//! One article's own events tidied before they meet other articles'.
//!
//! An article that dates a happening to the day often adds the year it falls in ("the second
//! call this year", "mùa mưa bão năm nay"). A year is too vague to merge, so such an event would
//! stand on the timeline beside the happening, one per outlet, and draw the outlet's report of
//! the happening towards it. Within one article and one topic, a year that a finer date of the
//! article lies in adds nothing: it goes. Months and days stay, since a month can be a happening
//! of its own ("tháng 6 có 30 vụ tấn công").

use super::super::types::{Event, Precision, When};

/// The events of one article without the years that a finer date of the same topic lies in
/// (ranges and weeks included). The dropped year's role goes to the finer date when stronger.
/// Order is kept.
pub(super) fn drop_covered_years(mut events: Vec<Event>) -> Vec<Event> {
    let mut keep = vec![true; events.len()];
    for i in 0..events.len() {
        let When::Dated(year) = events[i].date else {
            continue;
        };
        if year.precision != Precision::Year || events[i].end.is_some() {
            continue;
        }
        let finer = events.iter().position(|e| {
            e.label == events[i].label
                && e.dated().is_some_and(|d| {
                    d.precision < Precision::Year
                        && d.year == year.year
                        && e.end.is_none_or(|end| end.year == year.year)
                })
        });
        if let Some(j) = finer {
            keep[i] = false;
            if events[i].role < events[j].role {
                events[j].role = events[i].role;
            }
        }
    }
    let mut keep = keep.into_iter();
    events.retain(|_| keep.next().unwrap_or(true));
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::types::{EventDate, Role};

    fn event(date: EventDate, end: Option<EventDate>, label: &str, role: Role) -> Event {
        Event {
            id: "a".into(),
            date: When::Dated(date),
            end,
            role,
            label: label.into(),
            confidence: 0.9,
            headline: String::new(),
            source: String::new(),
            text: String::new(),
            sources: Vec::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> EventDate {
        EventDate::day(y, m, d).expect("a valid day")
    }

    fn dates(events: &[Event]) -> Vec<String> {
        events.iter().map(|e| e.date.iso()).collect()
    }

    #[test]
    fn a_year_holding_a_finer_date_of_the_same_topic_goes() {
        let events = vec![
            event(day(2024, 6, 7), None, "summits", Role::Planned),
            event(EventDate::year(2024), None, "summits", Role::Reported),
            event(EventDate::year(2023), None, "summits", Role::Background),
            event(EventDate::year(2024), None, "space", Role::Reported),
        ];
        let kept = drop_covered_years(events);
        assert_eq!(dates(&kept), ["2024-06-07", "2023", "2024"]);
        assert_eq!(
            kept[0].role,
            Role::Reported,
            "the day takes the year's stronger role"
        );
    }

    #[test]
    fn months_days_and_ranges_stay() {
        let month = EventDate::month(2025, 6).expect("a valid month");
        let events = vec![
            event(month, None, "cybersecurity", Role::Reported),
            event(day(2025, 6, 5), None, "cybersecurity", Role::Reported),
            event(
                day(2025, 6, 5),
                Some(day(2025, 6, 6)),
                "cybersecurity",
                Role::Reported,
            ),
        ];
        assert_eq!(dates(&drop_covered_years(events)).len(), 3);
    }

    #[test]
    fn a_range_into_the_next_year_does_not_cover_the_year() {
        let events = vec![
            event(
                day(2024, 12, 30),
                Some(day(2025, 1, 2)),
                "space",
                Role::Reported,
            ),
            event(EventDate::year(2024), None, "space", Role::Reported),
        ];
        assert_eq!(dates(&drop_covered_years(events)), ["2024-12-30", "2024"]);
    }
}
