//! Events files: what `newsline events` writes (JSON lines or CSV) and what a timeline reads
//! back (the JSON lines). Scripts depend on these bytes, so the writer and the reader live
//! side by side.
//!
//! One JSON object per event, keys in alphabetical order: `confidence` (rounded to six
//! decimals), `date` (ISO at its precision, or `--03-29` / `--03` without a year), `id`,
//! `label`, `precision` (`day`, `month`, `year`), `source`, `text`, `title`, `year_known`.
//! The CSV has the columns of [`CSV_HEADER`].

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;

use super::types::{Event, EventDate, Precision, When, Yearless};
use crate::error::{Error, Location, Result};

/// The header line of the CSV form.
pub const CSV_HEADER: &str = "id,date,precision,label,confidence,title,source,text,year_known";

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
        for e in events {
            match self {
                Format::Json => write_json(out, e)?,
                Format::Csv => write_csv(out, e)?,
            }
        }
        Ok(())
    }
}

fn write_json(out: &mut impl Write, e: &Event) -> io::Result<()> {
    // A JSON value's keys come out sorted: the order events files have always had.
    let obj = serde_json::json!({
        "id": e.id,
        "date": e.date_string(),
        "precision": e.date.precision().name(),
        "label": e.label,
        "confidence": round6(e.confidence),
        "title": e.title,
        "source": e.source,
        "text": e.text,
        "year_known": e.year_known(),
    });
    writeln!(out, "{obj}")
}

fn write_csv(out: &mut impl Write, e: &Event) -> io::Result<()> {
    writeln!(
        out,
        "{},{},{},{},{:.4},{},{},{},{}",
        csv_field(&e.id),
        e.date_string(),
        e.date.precision().name(),
        e.label,
        e.confidence,
        csv_field(&e.title),
        csv_field(&e.source),
        csv_field(&e.text),
        e.year_known()
    )
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
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
                    articles.insert(event.id.clone());
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
    let get = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .ok_or_else(|| bad(&format!("missing string field \"{k}\"")))
    };
    let precision = get("precision")?;
    let Some(precision) = Precision::from_name(precision) else {
        return Err(bad(&format!(
            "precision \"{precision}\" is not day, month or year"
        )));
    };
    let date_text = get("date")?;
    let year_known = v
        .get("year_known")
        .and_then(|x| x.as_bool())
        .unwrap_or(true);
    let date = if year_known {
        let date = EventDate::parse_iso(date_text).filter(|d| d.precision == precision);
        let Some(date) = date else {
            return Err(bad(&format!(
                "date \"{date_text}\" does not match precision"
            )));
        };
        When::Dated(date)
    } else {
        match Yearless::parse_iso(date_text).filter(|d| d.precision() == precision) {
            Some(date) => When::Yearless(date),
            None => return Ok(None),
        }
    };
    let fields = (|| Ok::<_, Error>((get("id")?, get("label")?, get("title")?)))();
    let (id, label, title) = match fields {
        Ok(f) => f,
        Err(_) if !year_known => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(Event {
        id: id.to_string(),
        date,
        label: label.to_string(),
        confidence: v.get("confidence").and_then(|x| x.as_f64()).unwrap_or(0.0),
        title: title.to_string(),
        source: get("source").unwrap_or_default().to_string(),
        text: get("text").unwrap_or_default().to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventFilter;

    fn event(id: &str, date: When, label: &str, title: &str) -> Event {
        Event {
            id: id.into(),
            date,
            label: label.into(),
            confidence: 0.123_456_789,
            title: title.into(),
            source: format!("{id}.txt"),
            text: format!("{title}, \"quoted\"."),
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
            "{\"confidence\":0.123457,\"date\":\"--03-29\",\"id\":\"b\",\"label\":\"space\",\
             \"precision\":\"day\",\"source\":\"b.txt\",\"text\":\"Không năm, \\\"quoted\\\".\",\
             \"title\":\"Không năm\",\"year_known\":false}\n"
        );
        let csv = written(Format::Csv, &events[3..]);
        assert_eq!(
            csv,
            format!(
                "{CSV_HEADER}\nc,2023-12,month,cybersecurity,0.1235,Tấn công,c.txt,\
                 \"Tấn công, \"\"quoted\"\".\",true\n"
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
        let e = err(r#"{"id":"a","date":"2024-03","precision":"week","label":"x","title":"t"}"#);
        assert!(
            e.contains("e.jsonl:3") && e.contains("precision \"week\""),
            "{e}"
        );
        let e = err(r#"{"id":"a","date":"2024-03","precision":"day","label":"x","title":"t"}"#);
        assert!(e.contains("does not match precision"), "{e}");
        assert!(err("not json").contains("not valid JSON"));
        assert!(err(r#"{"id":"x"}"#).contains("missing string field \"precision\""));
        // Without a year, an incomplete line is skipped.
        let line = r#"{"date":"--03-29","precision":"day","year_known":false}"#;
        assert_eq!(read_line(line, &at).unwrap(), None);
    }
}
