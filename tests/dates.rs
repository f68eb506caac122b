//! `evaluate --events` on the dev gold dates, and its errors.

use std::process::Command;

use serde_json::Value;

use crate::common::*;

fn evaluate(data: &std::path::Path, json: bool) -> std::process::Output {
    let mut cmd = Command::new(bin());
    cmd.args(["evaluate", "--events", "--data"]).arg(data);
    if json {
        cmd.arg("--json");
    }
    cmd.output().unwrap()
}

#[test]
fn evaluate_events_scores_the_dev_gold_dates() {
    let dev = root().join("tests/data/dates/dev.jsonl");
    let run = evaluate(&dev, true);
    assert_ok(&run);
    let s: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(s["passages"], 242);
    assert_eq!(s["day_month"]["gold"], 305);
    assert_eq!(s["exact"]["gold"], 444);
    assert_eq!(s["negatives"]["gold"], 240);
    // The rules were tuned on this set: these guard against regressions, they are no
    // accuracy claim (the held-out set is for that).
    for measure in ["day_month", "full_dates", "exact"] {
        let (r, p) = (
            s[measure]["recall"].as_f64().unwrap(),
            s[measure]["precision"].as_f64().unwrap(),
        );
        assert!(r >= 0.95 && p >= 0.95, "{measure}: {r} / {p}");
    }
    assert!(s["roles"]["recall"].as_f64().unwrap() >= 0.85);
    assert_eq!(s["negatives"]["matched"], 0, "a negative read as a date");
    // Every miss and false alarm is listed, with the passage it is in.
    let misses = s["misses"].as_array().unwrap();
    let matched = s["exact"]["matched"].as_u64().unwrap() as usize;
    assert_eq!(misses.len(), 444 - matched);
    assert!(misses
        .iter()
        .all(|m| m["id"].as_str().unwrap().starts_with("dt-")));
    assert!(s["forms"]["range"]["gold"].as_u64().unwrap() >= 40);

    let table = evaluate(&dev, false);
    assert_ok(&table);
    let text = String::from_utf8_lossy(&table.stdout);
    for row in [
        "day and month",
        "full dates (with published)",
        "ranges and weeks",
        "dm_dot",
    ] {
        assert!(text.contains(row), "{text}");
    }
}

#[test]
fn evaluate_events_names_the_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\":\"a\",\"text\":\"Ngày 29/3, họp.\",\"dates\":[\"2024-03-29\"]}\n\
         {\"id\":\"b\",\"text\":\"Ngày 29/3, họp.\",\"dates\":[\"29/3\"]}\n",
    )
    .unwrap();
    let run = evaluate(&gold, false);
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("gold.jsonl:2"), "{err}");
    assert!(err.contains("\"29/3\""), "{err}");
    assert!(run.stdout.is_empty(), "nothing printed half-way");

    std::fs::write(&gold, "{\"id\":\"a\",\"text\":\"Ngày 29/3, họp.\"}\n").unwrap();
    let run = evaluate(&gold, false);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("missing field \"dates\""));
}

#[test]
fn a_range_has_an_end_in_events_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a\",\"published\":\"2023-05-20\",\"text\":\"Hội nghị Thượng đỉnh G7 diễn ra từ 17-19/5 tại Hiroshima. Tuần tới, các bộ trưởng sẽ họp tiếp.\"}\n",
    )
    .unwrap();
    let run = Command::new(bin())
        .arg("events")
        .arg(&input)
        .output()
        .unwrap();
    assert_ok(&run);
    let events: Vec<Value> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let range = events
        .iter()
        .find(|e| e["date"] == "2023-05-17")
        .expect("the range");
    assert_eq!(range["end"], "2023-05-19");
    assert_eq!(range["precision"], "day");
    let week = events
        .iter()
        .find(|e| e["precision"] == "week")
        .expect("the week");
    assert_eq!(
        (week["date"].as_str(), week["end"].as_str()),
        (Some("2023-05-22"), Some("2023-05-28"))
    );
    assert_eq!(week["role"], "planned");
}
