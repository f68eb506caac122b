//! TimelineJS 3 JSON: a title slide and one slide per event, as Knight Lab's TimelineJS
//! reads it (`new TL.Timeline(element, json)`).
//!
//! A date sets only the fields its precision knows (a month has no `day`, a year neither
//! `month` nor `day`), so TimelineJS shows it no more precisely than the news gave it; the
//! slide's `display_date` writes it the Vietnamese way. A range or a week has an `end_date`.
//! `group` is the topic's Vietnamese name, so TimelineJS draws one row per topic, as the
//! picture draws one lane per topic.

use serde::{Deserialize, Serialize};

use super::{display_date, html_text, paragraph_html, text_html, topic_name, unique_ids, Export};
use crate::events::{Event, EventDate, Precision};

/// A TimelineJS 3 document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineJs {
    /// The title slide.
    pub title: Slide,
    /// One slide per event, in date order.
    pub events: Vec<Slide>,
}

/// One slide: an event, or the title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    /// When it began; absent on the title slide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TlDate>,
    /// When it ended, for a range or a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TlDate>,
    /// The date as shown: "29/3/2024", "tháng 3/2024", "năm 2024", "19–21/5/2024".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    /// Headline and text, as HTML.
    pub text: SlideText,
    /// The topic's Vietnamese name: TimelineJS gives each group its own row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// An id unique in the document, the same in every run on the same input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
}

/// A TimelineJS date: the fields a precision knows, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlDate {
    /// Year.
    pub year: i32,
    /// Month 1-12, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// Day of the month, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

impl TlDate {
    /// The fields of `date` that its precision knows.
    pub fn of(date: &EventDate) -> TlDate {
        let (month, day) = match date.precision {
            Precision::Day | Precision::Week => (Some(date.month), Some(date.day)),
            Precision::Month => (Some(date.month), None),
            Precision::Year => (None, None),
        };
        TlDate {
            year: date.year,
            month,
            day,
        }
    }
}

/// A slide's headline and text, both HTML (TimelineJS sanitises and shows them as HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlideText {
    /// The event's headline, escaped.
    pub headline: String,
    /// The sentence that holds the date and the sources, linked when an address is known.
    pub text: String,
}

/// The TimelineJS document of `export`.
pub fn document(export: &Export) -> TimelineJs {
    let ids = unique_ids(&export.events);
    let events = export
        .events
        .iter()
        .zip(ids)
        .filter_map(|(e, id)| slide(e, id))
        .collect();
    TimelineJs {
        title: Slide {
            start_date: None,
            end_date: None,
            display_date: None,
            text: SlideText {
                headline: html_text(&export.title),
                text: paragraph_html(&export.note),
            },
            group: None,
            unique_id: None,
        },
        events,
    }
}

/// The document as pretty-printed JSON (analysts open and edit it), with a final newline.
pub fn to_json(doc: &TimelineJs) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The slide of an event; `None` when its year is unknown.
fn slide(e: &Event, id: String) -> Option<Slide> {
    let date = e.dated()?;
    let end = e
        .end
        .or_else(|| {
            (date.precision == Precision::Week)
                .then(|| EventDate::from_date(date.end(), Precision::Day))
        })
        .filter(|end| end.start() > date.start());
    Some(Slide {
        start_date: Some(TlDate::of(date)),
        end_date: end.as_ref().map(TlDate::of),
        display_date: Some(display_date(e)),
        text: SlideText {
            headline: html_text(&e.headline),
            text: text_html(e),
        },
        group: Some(topic_name(&e.label)),
        unique_id: Some(id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Role;
    use crate::report::exports::tests::event;
    use crate::report::fixtures::{day, month};

    fn json_of(events: &[Event]) -> serde_json::Value {
        let (export, _) = Export::of_events(events, Some("Tiêu đề"));
        serde_json::from_str(&to_json(&document(&export))).expect("valid JSON")
    }

    #[test]
    fn a_day_a_month_a_year_and_a_range() {
        let events = vec![
            event(day(2024, 3, 29), None, "cybersecurity"),
            event(month(2024, 4), None, "summits"),
            event(EventDate::year(2025), None, "space"),
            event(day(2024, 5, 19), Some(day(2024, 5, 21)), "space"),
        ];
        let v = json_of(&events);
        let slides = v["events"].as_array().expect("events");
        let field = |i: usize, name: &str| slides[i][name].clone();
        assert_eq!(
            field(0, "start_date"),
            serde_json::json!({"year": 2024, "month": 3, "day": 29})
        );
        assert_eq!(field(0, "end_date"), serde_json::Value::Null);
        assert_eq!(field(0, "display_date"), "29/3/2024");
        assert_eq!(field(0, "group"), "An ninh mạng");
        assert_eq!(
            field(1, "start_date"),
            serde_json::json!({"year": 2024, "month": 4})
        );
        assert_eq!(field(1, "display_date"), "tháng 4/2024");
        assert_eq!(field(1, "group"), "Thượng đỉnh");
        assert_eq!(
            field(2, "start_date"),
            serde_json::json!({"year": 2024, "month": 5, "day": 19})
        );
        assert_eq!(
            field(2, "end_date"),
            serde_json::json!({"year": 2024, "month": 5, "day": 21})
        );
        assert_eq!(field(2, "display_date"), "19–21/5/2024");
        assert_eq!(field(3, "start_date"), serde_json::json!({"year": 2025}));
        assert_eq!(field(3, "display_date"), "năm 2025");
        assert_eq!(field(3, "group"), "Vũ trụ");
        assert_eq!(v["title"]["text"]["headline"], "Tiêu đề");
        assert_eq!(v["title"]["text"]["text"], "<p>4 sự kiện từ 1 bài</p>");
        assert!(v["title"].get("start_date").is_none());
    }

    #[test]
    fn the_written_bytes_of_one_slide() {
        let e = Event {
            headline: "Tin \"nóng\", <mới>\nhôm nay".into(),
            text: "Câu, có \"ngoặc\".".into(),
            role: Role::Reported,
            ..event(month(2023, 12), None, "cybersecurity")
        };
        let (export, _) = Export::of_events(std::slice::from_ref(&e), Some("T"));
        let doc = document(&export);
        let id = doc.events[0].unique_id.clone().expect("id");
        assert_eq!(
            to_json(&doc),
            format!(
                r#"{{
  "title": {{
    "text": {{
      "headline": "T",
      "text": "<p>1 sự kiện từ 1 bài</p>"
    }}
  }},
  "events": [
    {{
      "start_date": {{
        "year": 2023,
        "month": 12
      }},
      "display_date": "tháng 12/2023",
      "text": {{
        "headline": "Tin &#34;nóng&#34;, &#60;mới&#62;\nhôm nay",
        "text": "<p>Câu, có &#34;ngoặc&#34;.</p><p>Nguồn: a0</p>"
      }},
      "group": "An ninh mạng",
      "unique_id": "{id}"
    }}
  ]
}}
"#
            )
        );
        // What is written reads back as the same document.
        let back: TimelineJs = serde_json::from_str(&to_json(&doc)).expect("reads back");
        assert_eq!(back, doc);
    }

    #[test]
    fn a_week_ends_on_its_seventh_day() {
        let start = chrono::NaiveDate::from_ymd_opt(2024, 3, 25).unwrap();
        let v = json_of(&[event(EventDate::week(start), None, "space")]);
        assert_eq!(
            v["events"][0]["end_date"],
            serde_json::json!({"year": 2024, "month": 3, "day": 31})
        );
        assert_eq!(v["events"][0]["display_date"], "25–31/3/2024");
    }
}
