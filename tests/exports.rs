//! `events --format timelinejs|sheet` and `timeline -o NAME.html|NAME.timeline.json`, run as a
//! user runs them: what is written, what is left out and said on standard error, what is
//! refused. (The same files in a real browser and in TimelineJS: `browser.rs`.)

use std::process::Command;

use crate::common::*;
use newsline::report::exports::sheet::SHEET_COLUMNS;
use newsline::report::exports::timelinejs::TimelineJs;

fn run(args: &[&str]) -> std::process::Output {
    let out = Command::new(bin())
        .args(args)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert_ok(&out);
    out
}

/// The example pages' events as `events --format json` lists them: (all, yearless, other).
fn listed() -> (usize, usize, usize) {
    let out = run(&["events", "--format", "json"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let yearless = lines.iter().filter(|v| v["year_known"] == false).count();
    let other = lines.iter().filter(|v| v["label"] == "other").count();
    (lines.len(), yearless, other)
}

#[test]
fn timelinejs_has_every_event_with_a_year_and_a_topic() {
    let (all, yearless, other) = listed();
    let out = run(&["events", "--format", "timelinejs"]);
    let doc: TimelineJs = serde_json::from_slice(&out.stdout).expect("a TimelineJS document");
    assert_eq!(doc.events.len(), all - yearless - other);
    assert!(doc.events.len() > 20);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if other > 0 {
        assert!(
            stderr.contains(&format!("left out {other} event(s) labelled other")),
            "{stderr}"
        );
    }
    // Dated, grouped, unique, in date order.
    let mut ids: Vec<&str> = doc
        .events
        .iter()
        .filter_map(|s| s.unique_id.as_deref())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), doc.events.len());
    let starts: Vec<(i32, u32, u32)> = doc
        .events
        .iter()
        .map(|s| {
            let d = s.start_date.expect("a start date");
            (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    for slide in &doc.events {
        let group = slide.group.as_deref().unwrap_or_default();
        assert!(
            ["An ninh mạng", "Thượng đỉnh", "Vũ trụ"].contains(&group),
            "{group}"
        );
        assert!(slide.text.text.starts_with("<p>") && slide.text.text.contains("Nguồn: "));
    }
    assert!(doc
        .title
        .text
        .headline
        .starts_with("Dòng thời gian sự kiện"));
}

#[test]
fn the_sheet_opens_in_excel_with_its_columns() {
    let (all, yearless, other) = listed();
    let out = run(&["events", "--format", "sheet"]);
    assert!(
        out.stdout.starts_with(b"\xEF\xBB\xBF"),
        "no byte-order mark"
    );
    let text = String::from_utf8(out.stdout[3..].to_vec()).expect("UTF-8");
    assert!(text.contains("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, SHEET_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len(),
        1 + all - yearless - other,
        "title row and one per event"
    );
    assert_eq!(&rows[0][16], "title");
    assert!(rows[1..]
        .iter()
        .all(|r| !r[0].is_empty() && !r[17].is_empty()));
}

#[test]
fn timeline_writes_a_page_and_timelinejs_of_what_it_draws() {
    let dir = tempfile::tempdir().unwrap();
    let (page, json) = (
        dir.path().join("t.html"),
        dir.path().join("t.timeline.json"),
    );
    for out in [&page, &json] {
        run(&[
            "timeline",
            "--from",
            "2023-01-01",
            "-o",
            out.to_str().unwrap(),
        ]);
    }
    let html = std::fs::read_to_string(&page).unwrap();
    let doc: TimelineJs =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).expect("TimelineJS");
    // The same events: one marker in the page per slide, and the same title.
    assert_eq!(
        html.matches("class=\"ev marker\"").count(),
        doc.events.len()
    );
    assert!(html.contains(&format!("<title>{}</title>", doc.title.text.headline)));
    assert!(doc
        .events
        .iter()
        .all(|s| s.start_date.is_some_and(|d| d.year >= 2023)));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["t.html", "t.timeline.json"],
        "a temporary file was left"
    );
}

#[test]
fn a_json_name_that_is_not_timeline_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.json");
    let run = Command::new(bin())
        .args(["timeline", "-o"])
        .arg(&out)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("*.timeline.json") && stderr.contains("*.html"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn yearless_events_are_left_out_of_timelinejs_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("e.jsonl");
    std::fs::write(
        &events,
        "{\"id\":\"a\",\"date\":\"2024-03-29\",\"precision\":\"day\",\"label\":\"space\",\
         \"headline\":\"Có năm\",\"text\":\"Có năm.\",\"source\":\"a.txt\",\"year_known\":true}\n\
         {\"id\":\"b\",\"date\":\"--03-30\",\"precision\":\"day\",\"label\":\"space\",\
         \"headline\":\"Không năm\",\"text\":\"Không năm.\",\"source\":\"b.txt\",\"year_known\":false}\n",
    )
    .unwrap();
    let json = dir.path().join("t.timeline.json");
    let run = Command::new(bin())
        .args(["timeline", "--from-events", "-o"])
        .arg(&json)
        .arg(&events)
        .output()
        .unwrap();
    assert_ok(&run);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("left out 1 event(s) without a known year"),
        "{stderr}"
    );
    let doc: TimelineJs = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let headlines: Vec<&str> = doc
        .events
        .iter()
        .map(|s| s.text.headline.as_str())
        .collect();
    assert_eq!(headlines, ["Có năm"]);
    assert_eq!(doc.events[0].display_date.as_deref(), Some("29/3/2024"));
}
