//! Saved web pages through the binary: the fixtures of `tests/fixtures/html` (original pages
//! modelled on Vietnamese outlets, each with its expectations in NAME.expect.json), the real
//! VnExpress page beside the checkout, `timeline` on a folder of pages, and hostile pages.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use newsline::corpus::{article_from_json, Article};
use newsline::page::Page;
use newsline::Location;

use crate::common::*;

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/html")
}

/// NFC with whitespace runs collapsed: how the expectations are compared.
fn norm(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `newsline extract` on `paths`: its articles, or its standard error when it failed.
fn extract(args: &[&str], paths: &[&Path]) -> Result<Vec<Article>, String> {
    let run = Command::new(bin())
        .arg("extract")
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    if !run.status.success() {
        return Err(stderr);
    }
    let stdout = String::from_utf8(run.stdout).expect("extract prints UTF-8");
    Ok(stdout
        .lines()
        .enumerate()
        .map(|(i, line)| {
            article_from_json(line, Location::line("<extract>", i as u64 + 1))
                .expect("extract prints lines the readers read")
        })
        .collect())
}

/// The body the later stages read: the page's body paragraphs.
fn body(article: &Article) -> String {
    let page = Page::new(article);
    norm(
        &page
            .paragraphs()
            .iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The problems of one extracted article against its expectations.
fn check(name: &str, article: &Article, expect: &Value, problems: &mut Vec<String>) {
    let field = |key: &str| expect[key].as_str().map(norm);
    let mut differs = |what: &str, got: Option<String>, want: Option<String>| {
        if got != want {
            problems.push(format!("{name}: {what} is {got:?}, expected {want:?}"));
        }
    };
    differs("title", Some(norm(&article.title)), field("title"));
    differs(
        "published",
        article.published.map(|d| d.to_string()),
        field("published"),
    );
    differs("url", article.url.clone(), field("url"));
    differs(
        "site_name",
        article.site_name.as_deref().map(norm),
        field("site_name"),
    );
    let body = body(article);
    for s in expect["body_contains"].as_array().unwrap() {
        let s = norm(s.as_str().unwrap());
        if !body.contains(&s) {
            problems.push(format!("{name}: body lacks {s:?}"));
        }
    }
    for s in expect["body_excludes"].as_array().unwrap() {
        let s = norm(s.as_str().unwrap());
        if body.contains(&s) {
            problems.push(format!("{name}: body holds boilerplate {s:?}"));
        }
    }
}

#[test]
fn every_fixture_gives_its_title_date_address_and_body() {
    let mut expectations: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    expectations.sort();
    assert_eq!(expectations.len(), 16, "the 16 fixtures are there");
    let mut problems = Vec::new();
    let mut pages_checked = 0;
    for expectation in &expectations {
        let expect: Value =
            serde_json::from_str(&std::fs::read_to_string(expectation).unwrap()).unwrap();
        let name = expectation
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".expect.json")
            .to_string();
        let pages: Vec<PathBuf> = ["html", "htm", "html.gz"]
            .iter()
            .map(|ext| fixtures().join(format!("{name}.{ext}")))
            .filter(|p| p.exists())
            .collect();
        assert!(!pages.is_empty(), "{name} has a page");
        for page in &pages {
            pages_checked += 1;
            let shown = page.file_name().unwrap().to_string_lossy().to_string();
            match (
                extract(&[], &[page]),
                expect["no_article"].as_bool().unwrap(),
            ) {
                (Ok(articles), false) => check(&shown, &articles[0], &expect, &mut problems),
                (Err(stderr), true) => {
                    if !(stderr.contains(&*page.to_string_lossy()) && stderr.contains("no article"))
                    {
                        problems.push(format!("{shown}: unclear error {stderr:?}"));
                    }
                }
                (Ok(articles), true) => problems.push(format!(
                    "{shown}: has no article, but extract gave {:?}",
                    articles[0].text.chars().take(200).collect::<String>()
                )),
                (Err(stderr), false) => problems.push(format!("{shown}: failed: {stderr}")),
            }
        }
    }
    assert_eq!(pages_checked, 17, "16 pages and one .html.gz copy");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "needs ../shared/pages"]
fn the_saved_vnexpress_page_gives_its_date_headline_and_text_without_the_menu() {
    let page = root().join("../shared/pages/vnexpress-kinh-doanh.html");
    assert!(
        page.is_file(),
        "{} is missing: this test needs ../shared/pages beside the checkout",
        page.display()
    );
    let articles = extract(&[], &[&page]).unwrap();
    let a = &articles[0];
    assert_eq!(a.published.unwrap().to_string(), "2023-11-02");
    assert_eq!(
        a.title,
        "Ông Hồ Đức Phớc: Sẽ nâng mức giảm trừ gia cảnh tính thuế cá nhân khi sửa luật"
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://vnexpress.net/ong-ho-duc-phoc-se-nang-muc-giam-tru-gia-canh-tinh-thue-ca-nhan-khi-sua-luat-4672302.html")
    );
    let body = body(a);
    assert!(body.contains("giảm trừ gia cảnh"), "{body}");
    assert!(body.split_whitespace().count() > 150, "{body}");
    // The top menu's section names, which the saved page lists one after another.
    for menu in ["Thời sự Góc nhìn Thế giới", "Podcasts", "Đăng nhập"] {
        assert!(!body.contains(menu), "menu {menu:?} in {body}");
    }
}
