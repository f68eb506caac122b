//! The binary on real files: train, classify, evaluate.

use std::process::Command;

use crate::common::*;

#[test]
fn train_keeps_standard_error_small_and_writes_a_loadable_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.json");
    let run = Command::new(bin())
        .args(["train", "--data"])
        .arg(root().join("training"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_ok(&run);
    // linfa-bayes' leftover dbg! would print megabytes here.
    assert!(
        run.stderr.len() < 2_000,
        "stderr has {} bytes",
        run.stderr.len()
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("ClassHistogram"), "{stderr}");
    let model = newsline::model::TopicModel::load(&out).unwrap();
    assert_eq!(
        model.labels(),
        ["cybersecurity", "summits", "space", "other"]
    );
}

#[test]
fn classify_json_has_the_contract_fields() {
    let run = Command::new(bin())
        .args(["classify", "--format", "json"])
        .arg(root().join("tests/data/heldout.jsonl"))
        .output()
        .unwrap();
    assert!(run.status.success());
    let stdout = String::from_utf8(run.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), heldout().len());
    let mut correct = 0;
    for (line, article) in lines.iter().zip(heldout()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], article.id.as_str(), "output keeps input order");
        let scores = v["scores"].as_object().unwrap();
        assert_eq!(scores.len(), 4);
        let sum: f64 = scores.values().map(|x| x.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-4);
        let conf = v["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&conf));
        if v["label"] == article.label.as_deref().unwrap() {
            correct += 1;
        }
    }
    assert!(
        correct * 10 >= lines.len() * 9,
        "{correct} of {}",
        lines.len()
    );
}

#[test]
fn classify_tsv_table_and_explain() {
    let page = root().join("examples/01_ransomware_chuoi_benh_vien.txt");
    let run = Command::new(bin())
        .args(["classify", "--format", "tsv"])
        .arg(&page)
        .output()
        .unwrap();
    let out = String::from_utf8(run.stdout).unwrap();
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "id\tlabel\tconfidence\talso\tcybersecurity\tsummits\tspace\tother"
    );
    assert_eq!(rows[1].split('\t').nth(1), Some("cybersecurity"));
    let run = Command::new(bin())
        .args(["classify", "--format", "table", "--explain"])
        .arg(&page)
        .output()
        .unwrap();
    let out = String::from_utf8(run.stdout).unwrap();
    assert!(out.contains("because:"), "{out}");
    assert!(out.contains("cybersecurity"));
}

#[test]
fn evaluate_cross_validates() {
    let run = Command::new(bin())
        .args(["evaluate", "--folds", "3", "--json", "--data"])
        .arg(root().join("training"))
        .output()
        .unwrap();
    assert_ok(&run);
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let f1 = v["metrics"]["macro_f1"].as_f64().unwrap();
    assert!(f1 > 0.9, "macro-F1 {f1}");
    assert_eq!(v["metrics"]["confusion"].as_array().unwrap().len(), 4);
}

#[test]
#[ignore = "needs ../shared/seeds"]
fn seed_pages_classify_as_cybersecurity_from_the_command_line() {
    let dir = seeds_dir();
    let run = Command::new(bin())
        .args(["classify", "--format", "tsv"])
        .arg(&dir)
        .output()
        .unwrap();
    let out = String::from_utf8(run.stdout).unwrap();
    for row in out.lines().skip(1) {
        assert_eq!(row.split('\t').nth(1), Some("cybersecurity"), "{row}");
    }
}
