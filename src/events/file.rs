//! Events files: what `newsline events` writes (JSON lines or CSV) and what a timeline reads
//! back (the JSON lines). Scripts depend on these bytes, so one serde type, [`Record`], is
//! both what the writer writes and what the reader reads.
//!
//! One JSON object per event, in this order: `id` (the article it was found in), `date` (ISO
//! at its precision, a range's or week's first day, or `--03-29` / `--03` without a year),
//! `end` (a range's or week's last day, absent otherwise), `precision` (`day`, `week`,
//! `month`, `year`), `role` (`reported`, `planned`, `background`), `label`, `confidence`
//! (rounded to six decimals), `headline`, `text` (the sentence), `source` (the article's
//! address when known, else its file and line), `sources` (every article reporting it:
//! `id`, `title`, `published`, `url`), `source_count`, `year_known`, and the first article's
//! `title`, `published` and `url` when known.
//!
//! Older files (without `end`, `role`, `headline`, `sources`; with `title` holding the
//! event's short title) are read as they were written: their `title` becomes the headline.
//! The CSV has the columns of [`CSV_HEADER`].

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::types::{Event, EventDate, Precision, Role, Source, When, Yearless};
use crate::error::{Error, Location, Result};

/// The columns of the CSV form.
pub const CSV_HEADER: &str = "id,date,end,precision,role,label,confidence,headline,text,source,source_count,year_known,title,published,url";

/// The form an events file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Json,
    /// Comma-separated values with a header line.
    Csv,
}

impl Format {
    /// Writes what comes before the events: the CSV header line; nothing for JSON lines.
    pub fn write_header(&self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Format::Json => Ok(()),
            Format::Csv => writeln!(out, "{CSV_HEADER}"),
        }
    }

    /// Writes `events`, one line each.
    pub fn write(&self, out: &mut impl Write, events: &[Event]) -> io::Result<()> {
        match self {
            Format::Json => {
                // The bytes serde writes for each `Record`, written by hand (see `json`), all
                // lines in one buffer.
                let mut line = Vec::with_capacity(1024 * events.len());
                for e in events {
                    super::json::push_event(&mut line, e)?;
                    line.push(b'\n');
                }
                out.write_all(&line)
            }
            Format::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(&mut *out);
                for e in events {
                    let r = Record::of(e);
                    let row = [
                        r.id,
                        r.date,
                        r.end.unwrap_or_default(),
                        r.precision,
                        r.role.unwrap_or_default(),
                        r.label,
                        format!("{:.4}", e.confidence),
                        r.headline.unwrap_or_default(),
                        r.text,
                        r.source,
                        r.source_count.unwrap_or(1).to_string(),
                        r.year_known.to_string(),
                        r.title.unwrap_or_default(),
                        r.published.map(|d| d.to_string()).unwrap_or_default(),
                        r.url.unwrap_or_default(),
                    ];
                    csv.write_record(&row).map_err(io::Error::other)?;
                }
                csv.flush()
            }
        }
    }
}

/// One line of an events file, as written and as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The article the event was found in.
    pub id: String,
    /// ISO date at its precision, or `--MM-DD` / `--MM` without a year.
    pub date: String,
    /// A range's or week's last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// `reported`, `planned` or `background` (absent in older files: reported).
    #[serde(default)]
    pub role: Option<String>,
    /// Topic label.
    pub label: String,
    /// Calibrated confidence of the label.
    #[serde(default)]
    pub confidence: f64,
    /// The event's headline (absent in older files, whose `title` held it).
    #[serde(default)]
    pub headline: Option<String>,
    /// The sentence that holds the date.
    #[serde(default)]
    pub text: String,
    /// The first article's address, or its file and line.
    #[serde(default)]
    pub source: String,
    /// Every article reporting the event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// How many articles report it.
    #[serde(default)]
    pub source_count: Option<usize>,
    /// Whether the year is known.
    #[serde(default = "known")]
    pub year_known: bool,
    /// The first article's headline (in older files: the event's short title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The first article's publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The first article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn known() -> bool {
    true
}

impl Record {
    /// The record of an event.
    pub fn of(e: &Event) -> Self {
        let first = e.sources.first();
        Record {
            id: e.id.clone(),
            date: e.date_string(),
            end: e.end.map(|d| d.iso()),
            precision: e.date.precision().name().to_string(),
            role: Some(e.role.name().to_string()),
            label: e.label.clone(),
            confidence: round6(e.confidence),
            headline: Some(e.headline.clone()),
            text: e.text.clone(),
            source: e.source.clone(),
            sources: e.sources.clone(),
            source_count: Some(e.sources.len()),
            year_known: e.year_known(),
            title: first.map(|s| s.title.clone()).filter(|t| !t.is_empty()),
            published: first.and_then(|s| s.published),
            url: first.and_then(|s| s.url.clone()),
        }
    }
}

/// Rounds to six decimals, so that files do not carry float noise.
pub(super) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The events of events files.
#[derive(Debug, Clone, Default)]
pub struct EventsFile {
    /// Every event, in file order.
    pub events: Vec<Event>,
    /// How many articles (distinct ids) have an event with a year: the articles a timeline
    /// can draw from.
    pub articles: usize,
}

/// Reads events files written as JSON lines (`-` is standard input), naming the file and line
/// of any line that is not such an event. A line whose year is unknown (`year_known` false) is
/// read when it is complete and otherwise skipped: nothing can place it on a timeline, so it
/// never stops a run.
pub fn read(paths: &[PathBuf]) -> Result<EventsFile> {
    let mut file = EventsFile::default();
    let mut articles = BTreeSet::new();
    for path in crate::corpus::expand_paths(paths)? {
        let at = Location::file(&path);
        let text = if path.as_os_str() == "-" {
            crate::corpus::read_to_string(io::stdin(), &at, false)?
        } else {
            let bytes =
                std::fs::read(&path).map_err(|e| Error::io(&path, "cannot read file", e))?;
            crate::corpus::decode(&bytes, &at, false)?.into_owned()
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = Location::line(&path, i as u64 + 1);
            if let Some(event) = read_line(line, &at)? {
                if event.year_known() {
                    for s in &event.sources {
                        articles.insert(s.id.clone());
                    }
                }
                file.events.push(event);
            }
        }
    }
    file.articles = articles.len();
    Ok(file)
}

/// One line of an events file: the event, `None` for an incomplete line without a year.
fn read_line(line: &str, at: &Location) -> Result<Option<Event>> {
    let bad = |m: &str| {
        Error::input(
            at.clone(),
            format!("{m}; expected an event line written by `newsline events --format json`"),
        )
    };
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| bad(&format!("not valid JSON ({e})")))?;
    let year_known = v
        .get("year_known")
        .and_then(|x| x.as_bool())
        .unwrap_or(true);
    let r: Record = match serde_json::from_value(v) {
        Ok(r) => r,
        Err(_) if !year_known => return Ok(None),
        Err(e) => {
            let e = e.to_string();
            let missing = e
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next());
            return Err(bad(&match missing {
                Some(field) => format!("missing string field \"{field}\""),
                None => format!("not an event ({e})"),
            }));
        }
    };
    let Some(precision) = Precision::from_name(&r.precision) else {
        return Err(bad(&format!(
            "precision \"{}\" is not day, week, month or year",
            r.precision
        )));
    };
    let date = if r.year_known {
        // A week is written as its first day.
        let date = EventDate::parse_iso(&r.date).map(|d| match (precision, d.precision) {
            (Precision::Week, Precision::Day) => EventDate {
                precision: Precision::Week,
                ..d
            },
            _ => d,
        });
        let Some(date) = date.filter(|d| d.precision == precision) else {
            return Err(bad(&format!(
                "date \"{}\" does not match precision",
                r.date
            )));
        };
        When::Dated(date)
    } else {
        match Yearless::parse_iso(&r.date).filter(|d| d.precision() == precision) {
            Some(date) => When::Yearless(date),
            None => return Ok(None),
        }
    };
    // A range of days or a week ends on a day ("2024-05-19"); a window of months or years on
    // a month or a year ("2017-05", "2020").
    let end_precision = match precision {
        Precision::Day | Precision::Week => Precision::Day,
        p => p,
    };
    let end = match &r.end {
        None => None,
        Some(text) => match EventDate::parse_iso(text).filter(|d| d.precision == end_precision) {
            Some(end) => Some(end),
            None => {
                return Err(bad(&format!(
                    "end \"{text}\" is not a {} like {}",
                    end_precision.name(),
                    match end_precision {
                        Precision::Month => "2024-05",
                        Precision::Year => "2024",
                        _ => "2024-05-19",
                    }
                )))
            }
        },
    };
    let role = match &r.role {
        None => Role::Reported,
        Some(name) => Role::from_name(name).ok_or_else(|| {
            bad(&format!(
                "role \"{name}\" is not reported, planned or background"
            ))
        })?,
    };
    // Older files: `title` was the event's short title and there was no `sources`.
    let (headline, sources) = match r.headline {
        Some(headline) => (headline, r.sources),
        None => {
            let Some(title) = r.title.clone() else {
                return Err(bad("missing string field \"headline\""));
            };
            (title, Vec::new())
        }
    };
    let sources = if sources.is_empty() {
        vec![Source {
            id: r.id.clone(),
            title: String::new(),
            published: r.published,
            url: r.url.clone(),
        }]
    } else {
        sources
    };
    Ok(Some(Event {
        id: r.id,
        date,
        end,
        role,
        label: r.label,
        confidence: r.confidence,
        headline,
        source: r.source,
        text: r.text,
        sources,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventFilter;

    fn event(id: &str, date: When, label: &str, headline: &str) -> Event {
        Event {
            confidence: 0.123_456_789,
            text: format!("{headline}, \"quoted\"."),
            ..Event::for_test(id, date, label, headline)
        }
    }

    fn sample() -> Vec<Event> {
        let day = |y, m, d| When::Dated(EventDate::day(y, m, d).unwrap());
        vec![
            event("a", day(2024, 3, 29), "space", "Phóng vệ tinh"),
            event("a", day(2024, 3, 30), "summits", "Hội nghị"),
            event(
                "b",
                When::Yearless(Yearless::day(3, 29).unwrap()),
                "space",
                "Không năm",
            ),
            event(
                "c",
                When::Dated(EventDate::month(2023, 12).unwrap()),
                "cybersecurity",
                "Tấn công",
            ),
        ]
    }

    fn written(format: Format, events: &[Event]) -> String {
        let mut out = Vec::new();
        format.write_header(&mut out).unwrap();
        format.write(&mut out, events).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_written_bytes() {
        let events = sample();
        let json = written(Format::Json, &events[2..3]);
        assert_eq!(
            json,
            "{\"id\":\"b\",\"date\":\"--03-29\",\"precision\":\"day\",\"role\":\"reported\",\
             \"label\":\"space\",\"confidence\":0.123457,\"headline\":\"Không năm\",\
             \"text\":\"Không năm, \\\"quoted\\\".\",\"source\":\"b.txt\",\
             \"sources\":[{\"id\":\"b\",\"title\":\"\"}],\"source_count\":1,\"year_known\":false}\n"
        );
        let csv = written(Format::Csv, &events[3..]);
        assert_eq!(
            csv,
            format!(
                "{CSV_HEADER}\nc,2023-12,,month,reported,cybersecurity,0.1235,Tấn công,\
                 \"Tấn công, \"\"quoted\"\".\",c.txt,1,true,,,\n"
            )
        );
    }

    fn read_back(events: &[Event]) -> EventsFile {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.jsonl");
        std::fs::write(&path, written(Format::Json, events)).unwrap();
        read(&[path]).unwrap()
    }

    #[test]
    fn an_events_file_reads_back_what_was_written() {
        let events = sample();
        let file = read_back(&events);
        assert_eq!(file.articles, 2, "b has no event with a year");
        let rounded: Vec<Event> = events
            .into_iter()
            .map(|e| Event {
                confidence: 0.123457,
                ..e
            })
            .collect();
        assert_eq!(file.events, rounded);
    }

    #[test]
    fn an_events_file_filtered_by_labels_keeps_only_those_labels() {
        let file = read_back(&sample());
        let filter = EventFilter::timeline(
            Some(vec!["space".to_string(), "cybersecurity".to_string()]),
            None,
            None,
        );
        let kept: Vec<(String, String)> = filter
            .apply(file.events)
            .into_iter()
            .map(|e| (e.date_string(), e.label))
            .collect();
        assert_eq!(
            kept,
            [
                ("2024-03-29".to_string(), "space".to_string()),
                ("2023-12".to_string(), "cybersecurity".to_string())
            ]
        );
    }

    #[test]
    fn bad_lines_are_named() {
        let at = Location::line("e.jsonl", 3);
        let err = |line: &str| read_line(line, &at).unwrap_err().to_string();
        let e =
            err(r#"{"id":"a","date":"2024-03","precision":"fortnight","label":"x","title":"t"}"#);
        assert!(
            e.contains("e.jsonl:3") && e.contains("precision \"fortnight\""),
            "{e}"
        );
        let e = err(r#"{"id":"a","date":"2024-03","precision":"day","label":"x","title":"t"}"#);
        assert!(e.contains("does not match precision"), "{e}");
        assert!(err("not json").contains("not valid JSON"));
        // A window of months ends on a month, a range of days on a day.
        let e = err(
            r#"{"id":"a","date":"2024-03","end":"2024-05-19","precision":"month","label":"x","title":"t"}"#,
        );
        assert!(
            e.contains("e.jsonl:3") && e.contains("end \"2024-05-19\" is not a month like 2024-05"),
            "{e}"
        );
        let e = err(
            r#"{"id":"a","date":"2024-03-01","end":"2024-05","precision":"day","label":"x","title":"t"}"#,
        );
        assert!(e.contains("is not a day like 2024-05-19"), "{e}");
        assert!(err(r#"{"id":"x"}"#).contains("missing string field \"date\""));
        // Without a year, an incomplete line is skipped.
        let line = r#"{"date":"--03-29","precision":"day","year_known":false}"#;
        assert_eq!(read_line(line, &at).unwrap(), None);
    }
}
