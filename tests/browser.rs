//! The exports in a real browser: newsline's HTML page opened from `file://` in headless
//! Chromium and used as a reader would (pointer, keyboard, lane switches, find in page), and
//! the TimelineJS exports loaded into TimelineJS itself.
//!
//! These tests need Chromium and Node: they are `#[ignore = "needs chromium and node"]`, CI
//! runs them with `--include-ignored` (`.ci/run` installs Debian's `chromium` when it is
//! missing), and run without either they fail saying what is missing. The npm packages they
//! drive (playwright-core, @knight-lab/timelinejs, pinned in tests/browser/package.json) are
//! installed into a scratch folder under target/, never into the repository.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use crate::common::*;
use newsline::events::{file, Event, EventDate, EventFilter, Role, Source, When};
use newsline::report::exports::sheet::write_sheet;
use newsline::report::exports::timelinejs::{document, TimelineJs};
use newsline::report::exports::Export;
use newsline::report::{layout_timeline, Layout, TimelineOptions};

const NEEDS: &str = "needs chromium and node";

/// The browser: `NEWSLINE_CHROMIUM`, else Debian's `chromium` on the PATH.
fn chromium() -> PathBuf {
    let path_dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    let candidates = std::env::var_os("NEWSLINE_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            path_dirs
                .iter()
                .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")]),
        );
    for path in candidates {
        if path.is_file() {
            return path;
        }
    }
    panic!(
        "this test {NEEDS}: no Chromium at $NEWSLINE_CHROMIUM nor chromium or chromium-browser \
         on the PATH (install Debian's: apt-get install -y chromium; .ci/run does)"
    );
}

/// The scratch folder with the test scripts and their npm packages, installed once.
fn kit() -> &'static Path {
    static KIT: OnceLock<PathBuf> = OnceLock::new();
    KIT.get_or_init(|| {
        let node = Command::new("node").arg("--version").output();
        assert!(
            node.is_ok_and(|o| o.status.success()),
            "this test {NEEDS}: `node` does not run (apt-get install -y nodejs npm)"
        );
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let source = root().join("tests/browser");
        for entry in std::fs::read_dir(&source).expect("tests/browser") {
            let path = entry.expect("entry").path();
            let name = path.file_name().expect("name").to_owned();
            std::fs::copy(&path, dir.join(name)).expect("copy the test scripts");
        }
        // Install when the pinned versions changed (or nothing is installed yet).
        let wanted = std::fs::read_to_string(source.join("package.json")).expect("package.json");
        let stamp = dir.join("node_modules/.newsline-installed");
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
            let run = Command::new("npm")
                .args(["install", "--no-package-lock", "--no-audit", "--no-fund"])
                .args(["--loglevel=error"])
                .current_dir(&dir)
                .output()
                .expect("this test needs npm (apt-get install -y npm)");
            assert!(
                run.status.success(),
                "npm install failed in {}: {}",
                dir.display(),
                String::from_utf8_lossy(&run.stderr)
            );
            std::fs::write(&stamp, wanted).expect("stamp");
        }
        dir
    })
}

/// Runs a test script of tests/browser and returns what it printed (one JSON object). One
/// browser at a time: the other tests of this binary keep both cores busy.
fn node(script: &str, args: &[&Path]) -> Value {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let browser = chromium();
    let kit = kit();
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let run = Command::new("node")
        .arg(kit.join(script))
        .args(args)
        .env("NEWSLINE_CHROMIUM", browser)
        .output()
        .expect("run node");
    assert!(
        run.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{script} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&run.stdout)
        )
    })
}

fn newsline(args: &[&str], paths: &[&Path]) -> std::process::Output {
    let run = Command::new(bin())
        .args(args)
        .args(paths)
        .output()
        .expect("run newsline");
    assert_ok(&run);
    run
}

/// The events of `events.jsonl` from 2023 on, as `timeline --from-events --from 2023-01-01`
/// reads and filters them, and their layout.
fn expected_layout(events_file: &Path) -> (Vec<newsline::events::Event>, Layout) {
    let read = file::read(&[events_file.to_path_buf()]).expect("events file");
    let from = chrono::NaiveDate::from_ymd_opt(2023, 1, 1);
    let placed = EventFilter::timeline(None, from, None).apply(read.events);
    let layout = layout_timeline(&placed, &TimelineOptions::default()).expect("layout");
    (placed, layout)
}

fn events_of(v: &Value, key: &str) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = v[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key}"))
        .iter()
        .map(|m| {
            (
                m["event"].as_u64().expect("event"),
                m["lane"].as_u64().expect("lane"),
            )
        })
        .collect();
    out.sort_unstable();
    out
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn assert_clean(facts: &Value, what: &str) {
    for key in ["dialogs", "errors", "blocked"] {
        if let Some(list) = facts[key].as_array() {
            assert!(list.is_empty(), "{what}: {key}: {list:?}");
        }
    }
}

#[test]
#[ignore = "needs chromium and node"]
fn the_html_page_works_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let (events_file, page, shot) = (
        dir.path().join("events.jsonl"),
        dir.path().join("t.html"),
        dir.path().join("shot.png"),
    );
    let run = newsline(&["events", "--format", "json"], &[&root().join("examples")]);
    std::fs::write(&events_file, &run.stdout).unwrap();
    newsline(
        &["timeline", "--from-events", "--from", "2023-01-01", "-o"],
        &[&page, &events_file],
    );
    let (events, layout) = expected_layout(&events_file);
    let facts = node("page.mjs", &[&page, &shot]);
    assert_clean(&facts, "the page");
    assert_eq!(facts["scripts"], 2, "the page's own two scripts, no more");
    assert_eq!(
        facts["font_loaded"], true,
        "the embedded DejaVu Sans was not used"
    );
    assert_eq!(facts["svg_size"], serde_json::json!([1600, 900]));

    // Every drawn event has its marker (focusable, named), its row, and its label when the
    // layout gave it one.
    let mut want: Vec<(u64, u64)> = layout
        .markers
        .iter()
        .map(|m| (m.event as u64, m.lane as u64))
        .collect();
    want.sort_unstable();
    assert!(want.len() >= 12, "the examples draw {} events", want.len());
    assert_eq!(events_of(&facts, "markers"), want);
    assert_eq!(events_of(&facts, "rows"), want);
    let mut labelled: Vec<(u64, u64)> = layout
        .labels
        .iter()
        .map(|l| (l.event as u64, l.lane as u64))
        .collect();
    labelled.sort_unstable();
    assert_eq!(events_of(&facts, "labels"), labelled);
    for m in facts["markers"].as_array().unwrap() {
        assert_eq!(m["focusable"], true, "{m}");
        let i = m["event"].as_u64().unwrap() as usize;
        let name = m["name"].as_str().unwrap_or_default();
        assert!(name.ends_with(events[i].headline.as_str()), "{name}");
    }
    // The text is as wide as the layout measured it: it ends where the label's padding starts.
    for l in facts["labels"].as_array().unwrap() {
        let (box_right, text_right) = (
            l["box_right"].as_f64().unwrap(),
            l["text_right"].as_f64().unwrap(),
        );
        let pad = box_right - text_right;
        assert!(
            (2.0..=9.0).contains(&pad),
            "label text ends {pad}px before its box: {l}"
        );
    }

    // Pointer and keyboard show an event's full details; leaving or Escape hides them.
    let first = &facts["markers"][0];
    let e = &events[first["event"].as_u64().unwrap() as usize];
    let hover = facts["hover_tip"]
        .as_str()
        .expect("hovering a marker shows its details");
    assert!(
        hover.contains(&e.headline) && hover.contains(&e.text),
        "{hover}"
    );
    assert!(
        hover.contains("độ tin cậy") && hover.contains("Nguồn:"),
        "{hover}"
    );
    assert!(
        facts["tip_after_leave"].is_null(),
        "details stay after the pointer left"
    );
    let focused = facts["focused_marker"]
        .as_u64()
        .expect("Tab reaches a marker") as usize;
    let focus = facts["focus_tip"]
        .as_str()
        .expect("focus shows the details");
    assert!(focus.contains(&events[focused].headline), "{focus}");
    assert!(
        facts["pinned_tip"].is_string(),
        "Enter keeps the details open"
    );
    assert!(facts["escaped_tip"].is_null(), "Escape closes the details");

    let linked = facts["linked_event"].as_u64().expect("a linked event") as usize;
    let shown = facts["linked_tip"]
        .as_str()
        .expect("#event-N opens with its details");
    assert!(shown.contains(&events[linked].text), "{shown}");

    // A lane switch hides exactly its lane's markers, labels and rows, and brings them back.
    let lanes = facts["lanes"].as_array().expect("lanes");
    assert_eq!(lanes.len(), layout.lanes.len());
    for lane in lanes {
        let k = lane["lane"].to_string();
        let shown = |state: &str, j: &str| lane[state][j]["shown"].as_u64().unwrap_or(0);
        for j in lane["before"].as_object().unwrap().keys() {
            assert_eq!(lane["before"][j]["hidden"], 0, "{lane}");
            assert_eq!(lane["back"][j], lane["before"][j], "{lane}");
            if *j == k {
                assert_eq!(shown("hidden", j), 0, "lane {k} still shows: {lane}");
                assert_eq!(lane["hidden"][j]["hidden"], lane["before"][j]["shown"]);
            } else {
                assert_eq!(shown("hidden", j), shown("before", j), "{lane}");
            }
        }
        assert_eq!(lane["pressed"], "false");
    }

    // Find in page reaches the text of the picture.
    assert_eq!(facts["find"][0]["found"], true, "{}", facts["find"]);
    assert_eq!(facts["find"][1]["found"], false);

    // The screenshot is the PNG's picture: size, lane colours at the markers, and nearly
    // every pixel the same.
    let img = image::open(&shot).expect("screenshot").to_rgb8();
    assert_eq!(img.dimensions(), (1600, 900));
    let near = |x: i32, y: i32, c: (u8, u8, u8)| {
        (-2..=2).any(|dy| {
            (-2..=2).any(|dx| {
                let p = img.get_pixel((x + dx) as u32, (y + dy) as u32).0;
                let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
                d(p[0], c.0) + d(p[1], c.1) + d(p[2], c.2) <= 144
            })
        })
    };
    let mut checked = 0;
    for (i, mk) in layout.markers.iter().enumerate() {
        let color = layout.lanes[mk.lane].color;
        // Markers are drawn in order: one that a later marker of its row covers (two dates a
        // day or two apart on an axis of years) shows the later one's pixels, in both pictures.
        let covered = layout.markers[i + 1..]
            .iter()
            .any(|m| m.y == mk.y && mk.x_end == mk.x && (m.x - mk.x).abs() + 2 <= m.r);
        if covered {
            continue;
        }
        // A hollow (planned) day's shape is white inside: its colour is on its outline (a
        // span's bar is drawn in the colour to its ends).
        let start = if mk.hollow && mk.precision == newsline::events::Precision::Day {
            near(mk.x - mk.r, mk.y, color) || near(mk.x + mk.r, mk.y, color)
        } else {
            near(mk.x, mk.y, color)
        };
        let end = if mk.x_end == mk.x {
            start
        } else {
            near(mk.x_end, mk.y, color)
        };
        assert!(start && end, "lane colour {color:?} missing at {mk:?}");
        checked += 1;
    }
    assert!(
        checked * 2 >= layout.markers.len(),
        "only {checked} of {} markers could be checked",
        layout.markers.len()
    );
    assert_eq!(img.get_pixel(2, 2).0, [255, 255, 255]);
    let png_file = dir.path().join("t.png");
    newsline(
        &["timeline", "--from-events", "--from", "2023-01-01", "-o"],
        &[&png_file, &events_file],
    );
    let png = image::open(&png_file).expect("the PNG").to_rgb8();
    // A pixel matches when the other picture has it within a pixel: the two rasterisers
    // place glyph edges a fraction of a pixel apart.
    let close = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 96);
    let differing = img
        .enumerate_pixels()
        .filter(|(x, y, p)| {
            !(-1i32..=1).any(|dy| {
                (-1i32..=1).any(|dx| {
                    let (px, py) = (*x as i32 + dx, *y as i32 + dy);
                    px >= 0
                        && py >= 0
                        && px < 1600
                        && py < 900
                        && close(p.0, png.get_pixel(px as u32, py as u32).0)
                })
            })
        })
        .count();
    let share = differing as f64 / f64::from(1600 * 900);
    eprintln!(
        "the HTML page's screenshot differs from the PNG in {:.3}% of its pixels",
        share * 100.0
    );
    assert!(
        share < 0.002,
        "{:.2}% of the pixels differ from the PNG",
        share * 100.0
    );
}

/// Events whose text tries to break out of HTML, JSON and CSV, written as an events file.
fn hostile_events(dir: &Path) -> (Vec<Event>, PathBuf) {
    let day = |d| When::Dated(EventDate::day(2024, 3, d).expect("a day"));
    let event = |i: u32, label: &str, headline: &str, text: &str, url: &str| Event {
        id: format!("a{i}"),
        date: day(10 + i),
        end: None,
        role: Role::Reported,
        label: label.into(),
        confidence: 0.9,
        headline: headline.into(),
        source: format!("a{i}.txt"),
        text: text.into(),
        sources: vec![Source {
            id: format!("a{i}"),
            title: format!("<i>Báo</i> \"{i}\""),
            published: None,
            url: Some(url.into()),
        }],
    };
    let events = vec![
        event(
            0,
            "cybersecurity",
            "</script><script>alert(1)</script>",
            "Câu </SCRIPT> và <!-- chú thích",
            "javascript:alert(2)",
        ),
        event(
            1,
            "summits",
            "\"Ngoặc\", 'đơn' & <b>đậm</b> <img src=x onerror=alert(3)>",
            "Dòng một,\nphẩy \"và\" ngoặc",
            "https://x.vn/a?b=1&c=\"><script>alert(4)</script>",
        ),
    ];
    let path = dir.join("hostile.jsonl");
    let mut out = Vec::new();
    file::Format::Json
        .write(&mut out, &events)
        .expect("write events");
    std::fs::write(&path, out).expect("events file");
    (events, path)
}

#[test]
#[ignore = "needs chromium and node"]
fn hostile_text_stays_text_in_the_page_and_in_timelinejs() {
    let dir = tempfile::tempdir().unwrap();
    let (events, events_file) = hostile_events(dir.path());
    let (page, json, sheet) = (
        dir.path().join("t.html"),
        dir.path().join("t.timeline.json"),
        dir.path().join("t.csv"),
    );
    for out in [&page, &json] {
        newsline(&["timeline", "--from-events", "-o"], &[out, &events_file]);
    }
    let (export, _) = Export::of_events(&events, None);
    let mut bytes = Vec::new();
    write_sheet(&mut bytes, &document(&export)).expect("sheet");
    std::fs::write(&sheet, bytes).unwrap();

    let facts = node("page.mjs", &[&page, &dir.path().join("shot.png")]);
    assert_clean(&facts, "the page");
    assert_eq!(
        facts["scripts"], 2,
        "a script from the news was run into the page"
    );
    let rows: Vec<String> = facts["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap_or_default().to_string())
        .collect();
    for e in &events {
        assert!(
            rows.iter().any(|r| r.contains(&e.headline)),
            "{:?} not shown as text",
            e.headline
        );
    }
    let links: Vec<String> = facts["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| strings(&r["links"]))
        .chain(strings(&facts["hover_links"]))
        .collect();
    assert!(!links.is_empty());
    assert!(
        links.iter().all(|l| l.starts_with("https://x.vn/")),
        "{links:?}"
    );

    let tl = node(
        "timelinejs.mjs",
        &[dir.path(), Path::new("t.timeline.json"), Path::new("t.csv")],
    );
    assert_clean(&tl, "TimelineJS");
    for name in ["t.timeline.json", "t.csv"] {
        let facts = &tl["files"][name];
        assert_clean(facts, name);
        assert_eq!(facts["loaded"], true, "{name}: {facts}");
        assert_eq!(
            facts["bold_tags"], 0,
            "{name}: a tag from the news became HTML"
        );
        let texts = strings(&facts["marker_texts"]);
        for e in &events {
            assert!(
                texts.contains(&e.headline),
                "{name}: {:?} not in {texts:?}",
                e.headline
            );
        }
    }
}

#[test]
#[ignore = "needs chromium and node"]
fn timelinejs_draws_every_exported_event_in_its_topic_row() {
    let dir = tempfile::tempdir().unwrap();
    let examples = root().join("examples");
    let run = newsline(&["events", "--format", "timelinejs"], &[&examples]);
    std::fs::write(dir.path().join("events.timeline.json"), &run.stdout).unwrap();
    let run = newsline(&["events", "--format", "sheet"], &[&examples]);
    std::fs::write(dir.path().join("events.csv"), &run.stdout).unwrap();
    newsline(
        &["timeline", "--from", "2023-01-01", "-o"],
        &[&dir.path().join("chart.timeline.json"), &examples],
    );
    let names = ["events.timeline.json", "events.csv", "chart.timeline.json"];
    let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
    let mut args: Vec<&Path> = vec![dir.path()];
    args.extend(paths.iter().map(PathBuf::as_path));
    let tl = node("timelinejs.mjs", &args);
    assert_clean(&tl, "TimelineJS");
    for name in names {
        // The sheet holds the same slides as the events' JSON.
        let json_name = if name == "events.csv" {
            "events.timeline.json"
        } else {
            name
        };
        let text = std::fs::read_to_string(dir.path().join(json_name)).unwrap();
        let doc: TimelineJs = serde_json::from_str(&text).expect("a TimelineJS document");
        let facts = &tl["files"][name];
        assert_clean(facts, name);
        assert_eq!(facts["loaded"], true, "{name}: {facts}");
        assert!(
            doc.events.len() >= 12,
            "{name}: {} events",
            doc.events.len()
        );
        assert_eq!(
            facts["markers"],
            doc.events.len(),
            "{name}: one marker per event"
        );
        let mut groups = strings(&facts["groups"]);
        groups.sort();
        let mut want: Vec<String> = doc.events.iter().filter_map(|s| s.group.clone()).collect();
        want.sort();
        want.dedup();
        assert_eq!(groups, want, "{name}: one row per topic");
        assert_eq!(want, ["An ninh mạng", "Thượng đỉnh", "Vũ trụ"]);
        assert_eq!(facts["title"], doc.title.text.headline.as_str(), "{name}");
        // TimelineJS shows newsline's Vietnamese dates, not its own English ones.
        let shown = strings(&facts["display_dates"]);
        for slide in &doc.events {
            let date = slide.display_date.clone().expect("display_date");
            assert!(shown.contains(&date), "{name}: {date} not shown");
        }
    }
}
