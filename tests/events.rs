//! `newsline events` on scraped pages: the body's dated events are found with the right
//! label, and nothing from related news, trending lists or footers becomes a topic event.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use serde_json::Value;

fn events(page: &Path, published: Option<&str>) -> Vec<Value> {
    let mut cmd = Command::new(bin());
    cmd.args(["events", "--format", "json"]);
    if let Some(p) = published {
        cmd.args(["--published", p]);
    }
    let out = cmd.arg(page).output().unwrap();
    assert_ok(&out);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn has(events: &[Value], date: &str, labels: &[&str]) -> bool {
    events
        .iter()
        .any(|e| e["date"] == date && labels.iter().any(|l| e["label"] == *l))
}

#[test]
fn fixture_pages_give_their_expected_events_and_nothing_from_boilerplate() {
    let dir = root().join("tests/fixtures/pages");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".expect.json") {
            continue;
        }
        pages += 1;
        let expect: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let page = path.with_file_name(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".expect.json", ".txt"),
        );
        let found = events(&page, expect["published"].as_str());
        for e in expect["events"].as_array().unwrap() {
            let date = e["date"].as_str().unwrap();
            // One label, or the labels a passage about two things may fairly take (the
            // fixture's "note" says why).
            let labels: Vec<&str> = match &e["label"] {
                Value::Array(all) => all.iter().map(|l| l.as_str().unwrap()).collect(),
                one => vec![one.as_str().unwrap()],
            };
            assert!(
                has(&found, date, &labels),
                "{}: missing {date} {labels:?}; found {found:#?}",
                page.display()
            );
            let ev = found.iter().find(|x| x["date"] == date).unwrap();
            assert_eq!(
                ev["precision"],
                e["precision"],
                "{}: {date}",
                page.display()
            );
        }
        for date in expect["absent"].as_array().unwrap() {
            let leaked: Vec<&Value> = found
                .iter()
                .filter(|x| x["date"] == *date && x["label"] != "other")
                .collect();
            assert!(
                leaked.is_empty(),
                "{}: boilerplate date {date} became {leaked:?}",
                page.display()
            );
        }
        for e in &found {
            let headline = e["headline"].as_str().unwrap();
            assert!(
                headline.chars().count() <= newsline::events::MAX_HEADLINE_CHARS,
                "headline too long: {headline}"
            );
            assert!(!headline.is_empty());
            assert!(e["source"].as_str().unwrap().ends_with(".txt"));
            assert!(e["confidence"].as_f64().unwrap() <= 1.0);
        }
    }
    assert_eq!(pages, 6);
}

#[test]
#[ignore = "needs ../shared/seeds"]
fn seed_pages_give_the_briefing_events() {
    let dir = seeds_dir();
    let a = events(&dir.join("000_7199a1da218f6e39.txt"), Some("2024-03-30"));
    assert!(has(&a, "2024-03-29", &["cybersecurity"]), "{a:#?}");
    assert!(has(&a, "2023-12", &["cybersecurity", "summits"]), "{a:#?}");
    assert!(has(&a, "2023-08-18", &["summits"]), "{a:#?}");
    assert!(has(&a, "2024-03-27", &["space"]), "{a:#?}");
    let b = events(&dir.join("001_c56795bc9709da2c.txt"), Some("2024-03-15"));
    assert!(has(&b, "2024-03-14", &["cybersecurity"]), "{b:#?}");
    let c = events(&dir.join("004_7d7c2ccd635e2b54.txt"), None);
    assert!(has(&c, "2020-05-22", &["cybersecurity"]), "{c:#?}");
    // Nothing from related news, trending lists or the footer: those dates are Nov 2024,
    // 20/5, 29/10, 26/9, 22/3 and the relative "4 giờ trước" lines.
    for e in a.iter().chain(&b).chain(&c) {
        let date = e["date"].as_str().unwrap();
        if e["label"] != "other" {
            assert!(
                !date.starts_with("2024-11")
                    && !date.ends_with("-05-20")
                    && !date.ends_with("-10-29")
                    && !date.ends_with("-09-26")
                    && !date.ends_with("-03-22"),
                "boilerplate event {e}"
            );
        }
    }
}

#[test]
fn json_lines_input_uses_each_published_date_and_keeps_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"a","published":"2024-01-09","text":"Ngày 28/12, tin tặc tấn công hệ thống máy chủ của một ngân hàng bằng mã độc tống tiền."}"#, "\n",
            r#"{"id":"b","published":"2023-06-01","text":"Hôm qua, tên lửa đưa vệ tinh quan sát Trái Đất lên quỹ đạo."}"#, "\n",
            r#"{"id":"c","text":"Ngay 29/3, cac nha ngoai giao thao luan ve an ninh mang."}"#, "\n",
        ),
    )
    .unwrap();
    // One event per article and date, as found: in input order. (Merged, the happenings come
    // in date order.)
    let out = Command::new(bin())
        .args(["events", "--no-merge"])
        .arg(&input)
        .output()
        .unwrap();
    assert_ok(&out);
    let found: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = found.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let merged: Vec<String> = events(&input, None)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(merged, ["b", "a", "c"]);
    assert_eq!(found[0]["date"], "2023-12-28", "backwards across New Year");
    assert_eq!(found[0]["source"], format!("{}:1", input.display()));
    assert_eq!(found[1]["date"], "2023-05-31", "hôm qua");
    assert_eq!(
        found[2]["date"], "--03-29",
        "no year anywhere: not invented"
    );
    assert_eq!(found[2]["year_known"], false);
    let csv = Command::new(bin())
        .args(["events", "--format", "csv"])
        .arg(&input)
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with(&format!("{}\n", newsline::events::file::CSV_HEADER)));
    assert!(
        csv.contains("\na,2023-12-28,,day,reported,cybersecurity,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn labels_filter_keeps_only_the_named_topics() {
    let page = root().join("examples/05_phong_ve_tinh_sao_mai_1.txt");
    let out = Command::new(bin())
        .args(["events", "--labels", "cybersecurity"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(out.status.success());
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        assert!(line.contains("\"label\":\"cybersecurity\""), "{line}");
    }
    let out = Command::new(bin())
        .args(["events", "--labels", "sport"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sport"));
}
