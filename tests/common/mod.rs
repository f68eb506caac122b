//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use newsline::corpus::{read_all, Article, ReadOptions};
use newsline::model::{TopicModel, TrainParams};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The users' seed pages, beside the repository (third-party articles, never copied in).
/// Tests that use them are `#[ignore = "needs ../shared/seeds"]`; run with
/// `--include-ignored` and without the folder, they fail here instead of passing silently.
pub fn seeds_dir() -> PathBuf {
    let dir = root().join("../shared/seeds");
    assert!(
        dir.is_dir(),
        "{} is missing: this test needs the seed pages in ../shared/seeds beside the checkout",
        dir.display()
    );
    dir
}

/// Articles read from repository paths.
pub fn read(paths: &[&str], label_from_folder: bool) -> Vec<Article> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| root().join(p)).collect();
    let (articles, _) = read_all(
        &paths,
        ReadOptions {
            label_from_folder,
            ..ReadOptions::default()
        },
    )
    .expect("test data reads");
    articles
}

/// The training corpus.
pub fn training() -> &'static [Article] {
    static CORPUS: OnceLock<Vec<Article>> = OnceLock::new();
    CORPUS.get_or_init(|| read(&["training"], true))
}

/// A model trained with the default settings on the training corpus (trained once per test
/// binary).
pub fn trained() -> &'static TopicModel {
    static MODEL: OnceLock<TopicModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        TrainParams::default()
            .check()
            .expect("default settings are valid")
            .fit_articles(training())
            .expect("training succeeds")
    })
}

/// The held-out test passages (never trained on).
pub fn heldout() -> Vec<Article> {
    read(&["tests/data/heldout.jsonl"], false)
}

/// Path of the built binary.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_newsline"))
}

/// Asserts that a run of the binary succeeded, showing its standard error if not.
pub fn assert_ok(run: &std::process::Output) {
    assert!(
        run.status.success(),
        "newsline failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}
