//! Topics in a stream: the stream prior, false alarms among off-topic news, and second topics,
//! through the command line on the stream gold sets (`tests/data/stream/`).

use std::process::Command;

use serde_json::Value;

use crate::common::*;

fn evaluate(data: &str, prior: Option<&str>) -> Value {
    evaluate_all(&[data], prior)
}

fn evaluate_all(data: &[&str], prior: Option<&str>) -> Value {
    let mut cmd = Command::new(bin());
    cmd.args(["evaluate", "--json", "--data"]);
    for d in data {
        cmd.arg(root().join(d));
    }
    if let Some(p) = prior {
        cmd.args(["--prior", p]);
    }
    let run = cmd.output().unwrap();
    assert_ok(&run);
    serde_json::from_slice(&run.stdout).unwrap()
}

#[test]
fn the_default_prior_keeps_off_topic_news_off_the_topics() {
    // The development stream (tuned on): its figures guard against a regression.
    let stream = evaluate("tests/data/stream/dev.jsonl", None);
    let off = &stream["off_topic"];
    assert_eq!(off["label"], "other");
    assert!(off["documents"].as_u64().unwrap() >= 250, "{off}");
    assert!(off["per_100"].as_f64().unwrap() <= 2.0, "{off}");
    assert!(off["topic_macro_f1"].as_f64().unwrap() >= 0.95, "{off}");
    for l in stream["per_label"].as_array().unwrap() {
        assert!(l["recall"].as_f64().unwrap() >= 0.95, "{l}");
    }
    // The corpus's own shares flag more of the same news (over several tuning streams: on one
    // small set both can flag none).
    let streams = [
        "tests/data/stream/dev.jsonl",
        "tests/data/stream/heldout-2.jsonl",
        "tests/data/stream/heldout-3.jsonl",
        "tests/data/stream/heldout-4.jsonl",
    ];
    let flagged = |v: &Value| v["off_topic"]["flagged"].as_u64().unwrap();
    let stream = evaluate_all(&streams, None);
    let corpus = evaluate_all(&streams, Some("corpus"));
    assert!(flagged(&corpus) > flagged(&stream), "{corpus}\n{stream}");
}

#[test]
fn second_topics_are_found_in_the_parts_of_an_article() {
    let v = evaluate("tests/data/stream/two-topics-dev.jsonl", None);
    let also = &v["second_topic"];
    assert!(also["gold"].as_u64().unwrap() >= 40, "{also}");
    assert!(also["recall"].as_f64().unwrap() >= 0.5, "{also}");
    assert!(also["precision"].as_f64().unwrap() >= 0.7, "{also}");

    // From the command line: a summit article that dwells on a space deal.
    let line = serde_json::json!({
        "id": "two",
        "title": "Hai nhà lãnh đạo hội đàm, ký thỏa thuận hợp tác vũ trụ",
        "text": "Chiều 12/5, Thủ tướng và Tổng thống nước bạn đã hội đàm tại Phủ Chủ tịch, nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện và ra tuyên bố chung sau chuyến thăm chính thức.\nHai nhà lãnh đạo chứng kiến lễ ký thỏa thuận hợp tác vũ trụ: cơ quan vũ trụ hai nước sẽ cùng phát triển vệ tinh quan sát Trái Đất, phóng lên quỹ đạo bằng tên lửa đẩy vào năm 2027 và chia sẻ ảnh vệ tinh, dữ liệu trạm mặt đất."
    });
    let mut child = Command::new(bin())
        .args(["classify", "--explain", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{line}\n").as_bytes())
        .unwrap();
    let run = child.wait_with_output().unwrap();
    assert_ok(&run);
    let out: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(out["label"], "summits", "{out}");
    assert_eq!(out["also"], "space", "{out}");
    assert!(!out["explain_also"].as_array().unwrap().is_empty(), "{out}");
}

#[test]
fn a_bad_prior_is_refused_with_what_is_wrong() {
    for (prior, expected) in [
        ("sport=0.5", "unknown label \"sport\""),
        ("other=1.5", "between 0 and 1"),
        ("other", "LABEL=P"),
    ] {
        let run = Command::new(bin())
            .args(["classify", "--prior", prior])
            .arg(root().join("examples"))
            .output()
            .unwrap();
        assert!(!run.status.success(), "{prior}");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains(expected), "{prior}: {err}");
    }
}

#[test]
fn an_unknown_second_topic_in_the_data_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gold.jsonl");
    std::fs::write(
        &data,
        "{\"id\":\"a\",\"text\":\"Tin tặc tấn công ngân hàng.\",\"label\":\"cybersecurity\"}\n\
         {\"id\":\"b\",\"text\":\"Hội đàm cấp cao.\",\"label\":\"summits\",\"also\":\"sport\"}\n",
    )
    .unwrap();
    let run = Command::new(bin())
        .args(["evaluate", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("gold.jsonl:2"), "{err}");
    assert!(err.contains("unknown label \"sport\" in \"also\""), "{err}");
}
