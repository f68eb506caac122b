//! Bad input, interruptions and model integrity: every failure names the file (and line) and
//! the problem, exits non-zero, never panics, and never leaves a half-written output.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::common::*;

fn run(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(bin()).args(args).args(paths).output().unwrap()
}

/// Asserts a clean failure: non-zero exit, no panic, and stderr naming each `needles`.
fn fails_with(out: &Output, needles: &[&str]) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "expected failure; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks {n:?}: {stderr}");
    }
    stderr
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn missing_path_and_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    fails_with(
        &run(&["classify"], &[&missing]),
        &["nope.txt", "cannot read"],
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write(&empty, "notes.md", b"not an article");
    fails_with(&run(&["classify"], &[&empty]), &["empty", "no articles"]);
    fails_with(
        &run(&["classify", "--model"], &[dir.path(), &missing]),
        &["cannot read model"],
    );
}

#[test]
fn encodings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.txt", b"Tieu de\nHa N\xf4i \xe0 th\xe1ng");
    fails_with(
        &run(&["classify"], &[&bad]),
        &[
            "bad.txt",
            "invalid UTF-8 at byte offset",
            "Windows-1258",
            "--lossy",
        ],
    );
    let ok = run(&["classify", "--lossy"], &[&bad]);
    assert!(ok.status.success());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Tiêu đề\nNội dung".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let f = write(dir.path(), "u16.txt", &utf16);
    fails_with(&run(&["classify"], &[&f]), &["u16.txt", "UTF-16"]);
    let f = write(dir.path(), "u16.jsonl", &utf16);
    fails_with(&run(&["classify"], &[&f]), &["u16.jsonl", "UTF-16"]);
    let nul = write(dir.path(), "nul.txt", b"Tieu de\nabc\0def");
    fails_with(&run(&["classify"], &[&nul]), &["nul.txt", "NUL byte"]);
}

#[test]
fn json_lines_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 5] = [
        ("{\"text\":\"ok\"}\n{oops\n", "not valid JSON"),
        (
            "{\"text\":\"ok\"}\n{\"title\":\"no body\"}\n",
            "missing field \"text\"",
        ),
        ("{\"text\":\"ok\"}\n{\"text\":42}\n", "\"text\" is a number"),
        ("{\"text\":\"ok\"}\n{\"text\":\"   \"}\n", "empty"),
        (
            "{\"text\":\"ok\"}\n{\"text\":\"x\",\"published\":\"hôm qua\"}\n",
            "expected a date like 2024-03-30",
        ),
    ];
    for (i, (content, message)) in cases.iter().enumerate() {
        let f = write(dir.path(), &format!("c{i}.jsonl"), content.as_bytes());
        let out = run(&["events"], &[&f]);
        fails_with(&out, &[&format!("c{i}.jsonl:2"), message]);
        // What was written before the bad line is complete JSON.
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
    }
}

#[test]
fn skip_invalid_counts_and_reports_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mixed.jsonl",
        "{\"id\":\"a\",\"text\":\"Tin tặc tấn công mạng\"}\nnot json\n{\"id\":\"b\",\"text\":\"Phóng vệ tinh\"}\n{\"x\":1}\n".as_bytes(),
    );
    let out = run(&["classify", "--skip-invalid", "--format", "tsv"], &[&f]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 3, "header and two articles");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("skipped 2 invalid line(s)"), "{stderr}");
    assert!(
        stderr.contains("mixed.jsonl:2") && stderr.contains("mixed.jsonl:4"),
        "{stderr}"
    );
}

#[test]
fn training_data_problems() {
    let dir = tempfile::tempdir().unwrap();
    let out_model = dir.path().join("m.json");
    let one = write(
        dir.path(),
        "one.jsonl",
        "{\"text\":\"a b c\",\"label\":\"space\"}\n"
            .repeat(5)
            .as_bytes(),
    );
    let o = run(
        &["train", "--out", out_model.to_str().unwrap(), "--data"],
        &[&one],
    );
    fails_with(&o, &["cybersecurity", "no training documents"]);
    let unknown = write(
        dir.path(),
        "unknown.jsonl",
        b"{\"text\":\"a b\",\"label\":\"space\"}\n{\"text\":\"a b\",\"label\":\"sport\"}\n",
    );
    fails_with(
        &run(
            &["train", "--out", out_model.to_str().unwrap(), "--data"],
            &[&unknown],
        ),
        &["unknown.jsonl:2", "unknown label \"sport\""],
    );
    let unlabelled = write(dir.path(), "nolabel.jsonl", b"{\"text\":\"a b\"}\n");
    fails_with(
        &run(
            &["train", "--out", out_model.to_str().unwrap(), "--data"],
            &[&unlabelled],
        ),
        &["nolabel.jsonl:1", "no label"],
    );
    assert!(!out_model.exists(), "nothing written on failure");
    fails_with(
        &run(&["train", "--min-df", "0", "--data"], &[&one]),
        &["min-df"],
    );
    fails_with(
        &run(
            &["train", "--ngram-min", "3", "--ngram-max", "2", "--data"],
            &[&one],
        ),
        &["n-gram range"],
    );
}

#[test]
fn conflicting_and_invalid_flags() {
    let dir = tempfile::tempdir().unwrap();
    let page = root().join("examples/01_ransomware_chuoi_benh_vien.txt");
    fails_with(
        &run(&["timeline", "-o", "x.gif"], &[&page]),
        &["*.png, *.svg, *.html or *.timeline.json"],
    );
    fails_with(
        &run(
            &[
                "timeline",
                "--from-events",
                "--model",
                "m.json",
                "-o",
                "x.png",
            ],
            &[&page],
        ),
        &["cannot be used with"],
    );
    fails_with(
        &run(&["classify", "--min-confidence", "2"], &[&page]),
        &["outside 0..1"],
    );
    fails_with(
        &run(&["events", "--published", "30/3/2024"], &[&page]),
        &["not a date like 2024-03-30"],
    );
    fails_with(
        &run(&["--threads", "0", "classify"], &[&page]),
        &["--threads"],
    );
    let out = dir.path().join("missing/dir/t.png");
    fails_with(
        &run(&["timeline", "-o", out.to_str().unwrap()], &[&page]),
        &["does not exist"],
    );
    // A file where a folder should be.
    let file = write(dir.path(), "plain", b"x");
    let under = file.join("t.png");
    fails_with(
        &run(&["timeline", "-o", under.to_str().unwrap()], &[&page]),
        &["t.png"],
    );
}

#[test]
fn huge_single_line_article_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Tin tặc tấn công hệ thống ngân hàng bằng mã độc tống tiền. ";
    let mut text = String::with_capacity(200_000_100);
    while text.len() < 200_000_000 {
        text.push_str(sentence);
    }
    let line = format!("{{\"id\":\"huge\",\"text\":\"{text}\"}}\n");
    drop(text);
    let f = write(dir.path(), "huge.jsonl", line.as_bytes());
    drop(line);
    let out = run(&["classify", "--format", "tsv"], &[&f]);
    assert_ok(&out);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().nth(1).unwrap().split('\t').nth(1),
        Some("cybersecurity")
    );
}

fn model_bytes() -> Vec<u8> {
    std::fs::read(root().join("models/topics.json")).unwrap()
}

#[test]
fn damaged_models_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let page = root().join("examples/01_ransomware_chuoi_benh_vien.txt");
    let good = model_bytes();
    let text = String::from_utf8(good.clone()).unwrap();
    let edited = text.replacen("\"label\":\"space\"", "\"label\":\"sport\"", 1);
    assert_ne!(edited, text, "the hand edit must change the file");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.json",
            good[..good.len() / 2].to_vec(),
            "truncated",
        ),
        ("empty.json", Vec::new(), "empty"),
        (
            "edited.json",
            edited.clone().into_bytes(),
            "checksum mismatch",
        ),
        (
            "version.json",
            text.replacen("\"version\":1", "\"version\":99", 1)
                .into_bytes(),
            "version 99",
        ),
        (
            "chart.png",
            std::fs::read(root().join("charts/example.png")).unwrap(),
            "not a newsline model",
        ),
        (
            "events.json",
            b"{\"id\":\"a\",\"date\":\"2024-03-29\",\"precision\":\"day\"}\n".to_vec(),
            "not a newsline model",
        ),
        (
            "garbage.json",
            b"\x00\x01\x02 hello".to_vec(),
            "not a newsline model",
        ),
    ];
    for (name, bytes, message) in cases {
        let m = write(dir.path(), name, &bytes);
        fails_with(
            &run(&["classify", "--model", m.to_str().unwrap()], &[&page]),
            &[name, message],
        );
    }
}

#[test]
fn model_with_inconsistent_sizes_is_refused_even_with_a_valid_checksum() {
    // Drop one vocabulary term and recompute the checksum, as a careless hand edit might.
    let text = String::from_utf8(model_bytes()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut model = v["model"].clone();
    model["vocabulary"].as_array_mut().unwrap().pop();
    let body = serde_json::to_string(&model).unwrap();
    let file = format!(
        "{{\"format\":\"newsline-topic-model\",\"version\":1,\"checksum\":\"crc32:{:08x}\",\"model\":{body}}}",
        crc32fast::hash(body.as_bytes())
    );
    let dir = tempfile::tempdir().unwrap();
    let m = write(dir.path(), "sizes.json", file.as_bytes());
    let page = root().join("examples/01_ransomware_chuoi_benh_vien.txt");
    fails_with(
        &run(&["classify", "--model", m.to_str().unwrap()], &[&page]),
        &["sizes.json", "vocabulary has"],
    );
}

#[test]
fn killing_train_while_it_writes_leaves_the_old_model_loadable() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("topics.json");
    std::fs::write(&target, model_bytes()).unwrap();
    for delay_ms in [0u64, 40, 90, 150, 220, 300, 400] {
        let mut child = Command::new(bin())
            .args(["train", "--out"])
            .arg(&target)
            .arg("--data")
            .arg(root().join("training"))
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        newsline::model::TopicModel::load(&target).unwrap_or_else(|e| {
            panic!("after a kill at {delay_ms} ms the model does not load: {e}")
        });
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_classify_leaves_complete_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for i in 0..400_000 {
        input.push_str(&format!("{{\"id\":\"{i}\",\"text\":\"Tin tặc tấn công mạng ngân hàng số {i}, vệ tinh và hội nghị thượng đỉnh.\"}}\n"));
    }
    let f = write(dir.path(), "big.jsonl", input.as_bytes());
    let child = Command::new(bin())
        .args(["classify"])
        .arg(&f)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(250));
    // SAFETY: sending SIGINT to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for line in stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .expect("every written line is complete JSON");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"));
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(130), "{stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn unwritable_places_and_a_full_disk_give_clear_errors() {
    let page = root().join("examples/01_ransomware_chuoi_benh_vien.txt");
    // A read-only place (root ignores permission bits, so use /proc).
    fails_with(
        &run(&["timeline", "-o", "/proc/newsline-test.png"], &[&page]),
        &["newsline-test.png", "cannot write"],
    );
    // A full disk, simulated by a file-size limit: the write fails part-way and nothing is
    // left behind, not even the temporary file.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.png");
    let script = format!(
        "ulimit -f 8; exec '{}' timeline -o '{}' '{}'",
        bin().display(),
        out.display(),
        root().join("examples").display()
    );
    let o = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    fails_with(&o, &["t.png", "cannot write"]);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A model file with `edit` applied to its content and the checksum recomputed, so that the
/// content checks (not the checksum) must catch it.
fn model_with_content(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let v: serde_json::Value = serde_json::from_slice(&model_bytes()).unwrap();
    let mut model = v["model"].clone();
    edit(&mut model);
    let body = serde_json::to_string(&model).unwrap();
    format!(
        "{{\"format\":\"newsline-topic-model\",\"version\":1,\"checksum\":\"crc32:{:08x}\",\"model\":{body}}}",
        crc32fast::hash(body.as_bytes())
    )
}

#[test]
fn every_model_file_problem_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let page = root().join("examples/01_ransomware_chuoi_benh_vien.txt");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "format.json",
            r#"{"format":"other-tool","version":1}"#.into(),
            "format is \"other-tool\"",
        ),
        (
            "noversion.json",
            r#"{"format":"newsline-topic-model","checksum":"crc32:0","model":{}}"#.into(),
            "has no version",
        ),
        (
            "nochecksum.json",
            r#"{"format":"newsline-topic-model","version":1,"model":{"a":1}}"#.into(),
            "has no checksum",
        ),
        (
            "nocontent.json",
            r#"{"format":"newsline-topic-model","version":1,"checksum":"crc32:0"}"#.into(),
            "no \"model\" content",
        ),
        (
            "malformed.json",
            model_with_content(|m| m["vocabulary"] = serde_json::json!(5)),
            "model content is malformed",
        ),
        (
            "prior.json",
            model_with_content(|m| m["classes"][0]["prior"] = serde_json::json!(0.0)),
            "prior 0",
        ),
        (
            "labels.json",
            model_with_content(|m| m["classes"][1]["label"] = serde_json::json!("sport")),
            "class 1 is \"sport\"",
        ),
        (
            "temperature.json",
            model_with_content(|m| m["calibration"]["temperature"] = serde_json::json!(-1.0)),
            "calibration values are out of range",
        ),
    ];
    for (name, text, message) in cases {
        let m = write(dir.path(), name, text.as_bytes());
        fails_with(
            &run(&["classify", "--model", m.to_str().unwrap()], &[&page]),
            &[name, message],
        );
    }
}

#[test]
fn every_invalid_training_setting_is_named() {
    let data = root().join("training");
    let cases: [(&[&str], &str); 6] = [
        (&["--alpha", "0"], "alpha is 0"),
        (&["--max-features", "0"], "max-features must be at least 1"),
        (
            &["--labels", "cyber,Space"],
            "label \"Space\" must be lower-case",
        ),
        (&["--labels", "a,a"], "label \"a\" is given twice"),
        (&["--position-decay=-1"], "position-decay is -1"),
        (
            &["--max-candidates", "10"],
            "max-candidates must be at least --max-features",
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec![
            "train",
            "--out",
            "/nonexistent/m.json",
            "--data",
            data.to_str().unwrap(),
        ];
        args.extend_from_slice(flags);
        fails_with(&run(&args, &[]), &[message]);
    }
    // Tokens must appear in at least --min-df documents.
    let dir = tempfile::tempdir().unwrap();
    let tiny = write(
        dir.path(),
        "tiny.jsonl",
        b"{\"text\":\"alpha\",\"label\":\"a\"}\n{\"text\":\"beta\",\"label\":\"b\"}\n",
    );
    let out = dir.path().join("m.json");
    fails_with(
        &run(
            &[
                "train",
                "--labels",
                "a,b",
                "--out",
                out.to_str().unwrap(),
                "--data",
            ],
            &[&tiny],
        ),
        &["no token appears in 2 or more documents"],
    );
}

#[test]
fn evaluation_data_problems_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("training");
    fails_with(
        &run(&["evaluate", "--folds", "1", "--data"], &[&data]),
        &["--folds is 1"],
    );
    let few = write(
        dir.path(),
        "few.jsonl",
        "{\"text\":\"Tin tặc tấn công\",\"label\":\"cybersecurity\"}\n"
            .repeat(3)
            .as_bytes(),
    );
    fails_with(
        &run(&["evaluate", "--folds", "5", "--data"], &[&few]),
        &["fewer than the 5 folds"],
    );
    let unlabelled = write(dir.path(), "unlabelled.jsonl", b"{\"text\":\"Tin tac\"}\n");
    fails_with(
        &run(&["evaluate", "--data"], &[&unlabelled]),
        &["unlabelled.jsonl:1", "no label"],
    );
}

#[test]
fn events_files_with_bad_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.png");
    let cases = [
        (
            r#"{"id":"a","date":"2024-03-29","precision":"hour","label":"space","title":"t"}"#,
            "precision \"hour\"",
        ),
        (
            r#"{"id":"a","date":"2024-03","precision":"day","label":"space","title":"t"}"#,
            "does not match precision",
        ),
        ("not json", "not valid JSON"),
    ];
    for (i, (line, message)) in cases.iter().enumerate() {
        let f = write(dir.path(), &format!("ev{i}.jsonl"), line.as_bytes());
        fails_with(
            &run(
                &["timeline", "--from-events", "-o", out.to_str().unwrap()],
                &[&f],
            ),
            &[&format!("ev{i}.jsonl:1"), message],
        );
    }
    assert!(!out.exists());
}
