//! `newsline timeline` writes a real picture: size, lane colours at the markers, text drawn
//! without system fonts, and no picture at all when there is nothing to draw.

use std::process::Command;

use crate::common::*;
use newsline::report::lane_color;

fn count_near(img: &image::RgbImage, rgb: (u8, u8, u8)) -> usize {
    img.pixels()
        .filter(|p| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            d(p[0], rgb.0) + d(p[1], rgb.1) + d(p[2], rgb.2) < 24
        })
        .count()
}

#[test]
fn example_pages_draw_a_picture_with_every_lane() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.png");
    let run = Command::new(bin())
        .args(["timeline", "-o"])
        .arg(&out)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert_ok(&run);
    let img = image::open(&out).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (1600, 900));
    for lane in ["cybersecurity", "summits", "space"] {
        assert!(count_near(&img, lane_color(lane)) > 50, "no {lane} marks");
    }
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["t.png"]);
}

#[test]
fn size_title_and_svg_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.svg");
    let run = Command::new(bin())
        .args(["timeline", "--title", "Hòa bình và an ninh mạng", "-o"])
        .arg(&out)
        .arg(root().join("examples/01_ransomware_chuoi_benh_vien.txt"))
        .output()
        .unwrap();
    assert_ok(&run);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Hòa bình và an ninh mạng"));
    let png = dir.path().join("small.png");
    let run = Command::new(bin())
        .args(["timeline", "--width", "900", "--height", "600", "-o"])
        .arg(&png)
        .arg(root().join("examples/01_ransomware_chuoi_benh_vien.txt"))
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(
        image::open(&png).unwrap().to_rgb8().dimensions(),
        (900, 600)
    );
}

#[test]
fn text_is_drawn_with_the_bundled_font_when_the_system_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(&conf, "<?xml version=\"1.0\"?><fontconfig></fontconfig>").unwrap();
    let out = dir.path().join("t.png");
    let run = Command::new(bin())
        .env("FONTCONFIG_FILE", &conf)
        .env("FONTCONFIG_PATH", dir.path())
        .args(["timeline", "-o"])
        .arg(&out)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert_ok(&run);
    let img = image::open(&out).unwrap().to_rgb8();
    // The title occupies the top-left band: it must hold dark text pixels.
    let dark = (10..700)
        .flat_map(|x| (10..60).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|&c| c < 90))
        .count();
    assert!(dark > 500, "only {dark} dark pixels in the title band");
}

#[test]
fn no_topic_events_means_no_picture_and_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("sport.jsonl");
    std::fs::write(
        &input,
        r#"{"text":"Ngày 5/6, đội tuyển bóng đá thắng 2-0 trong trận thượng đỉnh, người hâm mộ ăn mừng trên khắp các con phố."}"#,
    )
    .unwrap();
    let out = dir.path().join("empty.png");
    let run = Command::new(bin())
        .args(["timeline", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("no topic events"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert!(!out.exists());
}

#[test]
fn events_file_can_be_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("ev.jsonl");
    let run = Command::new(bin())
        .args(["events"])
        .arg(root().join("examples"))
        .output()
        .unwrap();
    std::fs::write(&events, &run.stdout).unwrap();
    let out = dir.path().join("from_events.png");
    let run = Command::new(bin())
        .args(["timeline", "--from-events", "-o"])
        .arg(&out)
        .arg(&events)
        .output()
        .unwrap();
    assert_ok(&run);
    assert_eq!(
        image::open(&out).unwrap().to_rgb8().dimensions(),
        (1600, 900)
    );
    // A line that is not an event is named with its line number.
    std::fs::write(&events, "{\"id\":\"x\"}\n").unwrap();
    let run = Command::new(bin())
        .args(["timeline", "--from-events", "-o"])
        .arg(&out)
        .arg(&events)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("ev.jsonl:1"));
}

#[test]
fn labels_filter_applies_to_an_events_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("ev.jsonl");
    let run = Command::new(bin())
        .args(["events"])
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert_ok(&run);
    std::fs::write(&events, &run.stdout).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let space = lines
        .iter()
        .filter(|e| e["label"] == "space" && e["year_known"] == true)
        .count();
    let topics = lines
        .iter()
        .filter(|e| e["label"] != "other" && e["year_known"] == true)
        .count();
    assert!(
        space > 0 && space < topics,
        "examples have space and other topics"
    );
    let out = dir.path().join("space.svg");
    let run = Command::new(bin())
        .args([
            "timeline",
            "--from-events",
            "--background",
            "--labels",
            "space",
            "-o",
        ])
        .arg(&out)
        .arg(&events)
        .output()
        .unwrap();
    assert_ok(&run);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!("drew {space} topic happenings")),
        "{stderr}"
    );
}

#[test]
fn from_and_to_narrow_the_picture_to_the_news() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("t.svg");
    let run = Command::new(bin())
        .args([
            "timeline",
            "--from",
            "2023-01-01",
            "--to",
            "2025-12-31",
            "-o",
        ])
        .arg(&svg)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert_ok(&run);
    let text = std::fs::read_to_string(&svg).unwrap();
    // The default title names the span: background years are no longer in it.
    assert!(!text.contains("1972"), "1972 still drawn");
    assert!(text.contains("2023") || text.contains("2024"));
    let run = Command::new(bin())
        .args([
            "timeline",
            "--from",
            "2025-01-01",
            "--to",
            "2024-01-01",
            "-o",
        ])
        .arg(&svg)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("is after --to"));
}
