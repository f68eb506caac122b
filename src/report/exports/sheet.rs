//! TimelineJS's Google-sheet template as CSV: the columns Knight Lab's sheet has, one row per
//! slide of the same [`TimelineJs`] document the JSON export writes (the title slide first,
//! with `Type` "title"). UTF-8 with a byte-order mark, so that Excel opens Vietnamese
//! correctly; rows end in CRLF, as Excel and RFC 4180 expect.

use std::io::{self, Write};

use super::timelinejs::{Slide, TimelineJs};

/// The columns, in the order of TimelineJS's sheet template.
pub const SHEET_COLUMNS: [&str; 19] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Alt Text",
    "Type",
    "Group",
    "Background",
];

/// The byte-order mark that tells Excel the file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `doc` as the sheet.
pub fn write_sheet(out: &mut impl Write, doc: &TimelineJs) -> io::Result<()> {
    out.write_all(BOM)?;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *out);
    csv.write_record(SHEET_COLUMNS).map_err(io::Error::other)?;
    csv.write_record(row(&doc.title, "title"))
        .map_err(io::Error::other)?;
    for slide in &doc.events {
        csv.write_record(row(slide, "")).map_err(io::Error::other)?;
    }
    csv.flush()
}

fn row(slide: &Slide, kind: &str) -> [String; 19] {
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let (start, end) = (slide.start_date, slide.end_date);
    [
        start.map(|d| d.year.to_string()).unwrap_or_default(),
        num(start.and_then(|d| d.month)),
        num(start.and_then(|d| d.day)),
        String::new(),
        end.map(|d| d.year.to_string()).unwrap_or_default(),
        num(end.and_then(|d| d.month)),
        num(end.and_then(|d| d.day)),
        String::new(),
        cell(slide.display_date.as_deref().unwrap_or_default()),
        cell(&slide.text.headline),
        cell(&slide.text.text),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        kind.to_string(),
        cell(slide.group.as_deref().unwrap_or_default()),
        String::new(),
    ]
}

/// A text cell that a spreadsheet will not run as a formula: a leading `=`, `+`, `-` or `@`
/// gets an apostrophe before it (the usual defence against formulas smuggled in through
/// scraped text).
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Event, EventDate};
    use crate::report::exports::tests::event;
    use crate::report::exports::{timelinejs::document, Export};
    use crate::report::fixtures::{day, month};

    fn sheet_of(events: &[Event]) -> String {
        let (export, _) = Export::of_events(events, Some("Tiêu đề, \"tuần\""));
        let mut out = Vec::new();
        write_sheet(&mut out, &document(&export)).expect("write");
        assert!(out.starts_with(BOM), "no byte-order mark");
        String::from_utf8(out[BOM.len()..].to_vec()).expect("UTF-8")
    }

    #[test]
    fn the_written_bytes() {
        let events = vec![
            Event {
                headline: "Tin \"nóng\", mới\nhôm nay".into(),
                text: "Câu một,\nhai.".into(),
                ..event(day(2024, 5, 19), Some(day(2024, 5, 21)), "space")
            },
            Event {
                headline: "=1+1 vẫn là chữ".into(),
                ..event(month(2023, 12), None, "cybersecurity")
            },
            event(EventDate::year(2025), None, "summits"),
        ];
        assert_eq!(
            sheet_of(&events),
            "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,\
             Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background\r\n\
             ,,,,,,,,,\"Tiêu đề, &#34;tuần&#34;\",<p>3 sự kiện từ 1 bài</p>,,,,,,title,,\r\n\
             2023,12,,,,,,,tháng 12/2023,'=1+1 vẫn là chữ,<p>Phóng vệ tinh</p><p>Nguồn: a0</p>,\
             ,,,,,,An ninh mạng,\r\n\
             2024,5,19,,2024,5,21,,19–21/5/2024,\"Tin &#34;nóng&#34;, mới\nhôm nay\",\
             \"<p>Câu một,\nhai.</p><p>Nguồn: a0</p>\",,,,,,,Vũ trụ,\r\n\
             2025,,,,,,,,năm 2025,Phóng vệ tinh,<p>Phóng vệ tinh</p><p>Nguồn: a0</p>,,,,,,,\
             Thượng đỉnh,\r\n"
        );
    }

    #[test]
    fn a_spreadsheet_reads_every_row_back() {
        let events = vec![
            event(day(2024, 3, 29), None, "space"),
            event(month(2024, 4), None, "summits"),
        ];
        let text = sheet_of(&events);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header, SHEET_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == SHEET_COLUMNS.len()));
        let date = |r: &csv::StringRecord| [r[0].to_string(), r[1].to_string(), r[2].to_string()];
        assert_eq!(date(&rows[1]), ["2024", "3", "29"]);
        assert_eq!(date(&rows[2]), ["2024", "4", ""]);
    }
}
