//! Corpus stage: reads articles from saved web pages, `.txt` files, JSON-lines files, folders
//! and standard input. One file per input kind:
//!
//! - [`html`](mod@html): a saved page (`.html`, `.htm`, `.html.gz`) is one article: its main
//!   content through a Readability port, its title, publication date, address and outlet from
//!   the page's metadata ([`meta`](mod@meta), dates in [`pubdate`](mod@pubdate));
//! - [`txt`](mod@txt): a `.txt` file is one article; its first non-empty line is the title;
//! - [`jsonl`](mod@jsonl): a `.jsonl` file (or `-`, standard input) holds one article per line,
//!   `{"id","title","text" or "html","published","url","label"}`;
//! - [`walk`](mod@walk): a folder is read recursively in sorted order; for training, a
//!   `LABEL/*.txt` (or `LABEL/*.html`) tree gives each article its folder's name as label;
//! - [`decode`](mod@decode): UTF-8 for text, the declared charset for pages, gzip.
//!
//! Every problem is reported with the file and line, and what was expected. Files are read on
//! the reading thread; parsing (JSON, and for pages decoding and extraction, the costly part)
//! waits in a [`RawArticle`] for the worker threads (see [`crate::stream`]).

mod clean;
pub mod decode;
mod depth;
pub mod html;
pub mod jsonl;
mod lead;
pub mod meta;
pub mod pubdate;
pub mod txt;
pub mod walk;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

pub use decode::{decode, decode_page, gunzip, MAX_PAGE_BYTES};
pub use html::{article_from_html, Known};
pub use jsonl::{article_from_json, parse_published, to_json_line};
pub use txt::article_from_text;
pub use walk::{expand_paths, InputKind};

use crate::error::{Error, Location, Result};

/// One news article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The article's `id` field, or where it was read (`path` or `path:line`).
    pub id: String,
    /// Headline; may be empty.
    pub title: String,
    /// Publication date, when known.
    pub published: Option<NaiveDate>,
    /// The article's address, when known (a JSON line's `url`, a page's canonical address).
    pub url: Option<String>,
    /// The outlet's name, when known (a page's `og:site_name`, a JSON line's `site_name`).
    pub site_name: Option<String>,
    /// Body text (without the title), one paragraph a line for saved pages.
    pub text: String,
    /// Topic label, for training and evaluation data.
    pub label: Option<String>,
    /// A second topic the article is also about, for evaluation data (what `classify` should
    /// report as `also`; a JSON line's `also`).
    pub also: Option<String>,
    /// Where the article was read.
    pub source: Location,
}

/// How articles are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 (or bytes invalid in a page's declared charset) with U+FFFD and
    /// go on, instead of stopping with an error.
    pub lossy: bool,
    /// Skip JSON lines and saved pages that cannot be used (a home page with no article, say),
    /// counting them, instead of stopping at the first.
    pub skip_invalid: bool,
    /// Give `.txt` and saved-page articles without a label the name of their folder as label
    /// (`LABEL/*.txt`).
    pub label_from_folder: bool,
}

/// Inputs skipped with [`ReadOptions::skip_invalid`].
#[derive(Debug, Clone, Default)]
pub struct Skipped {
    /// How many lines or pages were skipped.
    pub count: usize,
    /// The first few, with the reason.
    pub first: Vec<(Location, String)>,
}

impl Skipped {
    fn record(&mut self, at: Location, why: String) {
        self.count += 1;
        if self.first.len() < 5 {
            self.first.push((at, why));
        }
    }
}

enum Current {
    None,
    Lines {
        path: PathBuf,
        reader: Box<dyn BufRead + Send>,
        line: u64,
    },
}

/// Streams articles from files, folders and standard input, in order.
///
/// Yields `Err` for the first unusable input and then stops, unless
/// [`ReadOptions::skip_invalid`] is set, in which case bad JSON lines and unreadable pages are
/// counted in [`ArticleReader::skipped`] and skipped.
pub struct ArticleReader {
    files: std::vec::IntoIter<PathBuf>,
    current: Current,
    options: ReadOptions,
    skipped: Skipped,
    failed: bool,
    buffer: Vec<u8>,
}

impl ArticleReader {
    /// A reader over `paths` (files, folders, or `-`). Fails at once on missing paths and on
    /// folders without articles.
    pub fn open(paths: &[PathBuf], options: ReadOptions) -> Result<Self> {
        if paths.is_empty() {
            return Err(Error::Settings(
                "no input given; name files, folders, or - for standard input".into(),
            ));
        }
        let files = expand_paths(paths)?;
        Ok(ArticleReader {
            files: files.into_iter(),
            current: Current::None,
            options,
            skipped: Skipped::default(),
            failed: false,
            buffer: Vec::new(),
        })
    }

    /// Lines and pages skipped so far with [`ReadOptions::skip_invalid`].
    pub fn skipped(&self) -> &Skipped {
        &self.skipped
    }

    /// The folder's name, as the label of a `LABEL/*.txt` or `LABEL/*.html` article.
    fn folder_label(&self, path: &Path) -> Option<String> {
        if !self.options.label_from_folder {
            return None;
        }
        path.parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .map(str::to_owned)
    }

    fn read_text_file(&self, path: &Path) -> Result<Article> {
        let at = Location::file(path);
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read file", e))?;
        let content = decode(&bytes, &at, self.options.lossy)?;
        article_from_text(&content, at, self.folder_label(path))
    }

    /// Reads a saved page's bytes; decoding and extraction wait for [`RawArticle::parse`].
    fn read_page_file(&self, path: &Path, gzip: bool) -> Result<RawArticle> {
        let at = Location::file(path);
        let size = std::fs::metadata(path)
            .map_err(|e| Error::io(path, "cannot read file", e))?
            .len();
        if size > MAX_PAGE_BYTES as u64 {
            return Err(Error::input(
                at,
                format!(
                    "page is larger than {} MB; expected a saved article",
                    MAX_PAGE_BYTES >> 20
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read file", e))?;
        Ok(RawArticle::Page {
            bytes,
            gzip,
            label: self.folder_label(path),
            at,
        })
    }

    /// The next non-blank JSON line of the current file, unparsed.
    fn next_line(&mut self) -> Option<Result<RawArticle>> {
        loop {
            let Current::Lines { path, reader, line } = &mut self.current else {
                return None;
            };
            self.buffer.clear();
            match reader.read_until(b'\n', &mut self.buffer) {
                Err(e) => {
                    let err = Error::io(path.clone(), "cannot read", e);
                    self.current = Current::None;
                    return Some(Err(err));
                }
                Ok(0) => {
                    self.current = Current::None;
                    return None;
                }
                Ok(_) => {
                    *line += 1;
                    let at = Location::line(&*path, *line);
                    let raw = self.buffer.strip_suffix(b"\n").unwrap_or(&self.buffer);
                    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                    if raw.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Ok(RawArticle::Line {
                        bytes: raw.to_vec(),
                        at,
                    }));
                }
            }
        }
    }

    /// The next article, read but (for JSON lines) not yet parsed, so that parsing can run
    /// on several cores: see [`RawArticle::parse`]. After an error, returns `None`.
    pub fn next_raw(&mut self) -> Option<Result<RawArticle>> {
        if self.failed {
            return None;
        }
        let item = self.next_raw_unchecked();
        if matches!(item, Some(Err(_))) {
            self.failed = true;
        }
        item
    }

    /// Records a line skipped with [`ReadOptions::skip_invalid`], from its parse error.
    pub fn skip(&mut self, error: &Error) {
        let (at, why) = match error {
            Error::Input { at, message } => (at.clone(), message.clone()),
            other => (Location::file("-"), other.to_string()),
        };
        self.skipped.record(at, why);
    }

    /// The options this reader was opened with.
    pub fn options(&self) -> &ReadOptions {
        &self.options
    }

    /// Stops reading: later calls return `None` (after an error found while parsing).
    pub fn stop(&mut self) {
        self.failed = true;
    }
}

impl ArticleReader {
    fn next_raw_unchecked(&mut self) -> Option<Result<RawArticle>> {
        loop {
            if let Some(item) = self.next_line() {
                return Some(item);
            }
            let path = self.files.next()?;
            let kind = InputKind::of(&path);
            if kind == InputKind::JsonLines {
                let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
                    Box::new(BufReader::with_capacity(1 << 20, std::io::stdin()))
                } else {
                    match File::open(&path) {
                        Ok(f) => Box::new(BufReader::with_capacity(1 << 20, f)),
                        Err(e) => {
                            return Some(Err(Error::io(path, "cannot read file", e)));
                        }
                    }
                };
                let mut reader = reader;
                // A UTF-16 file has no useful lines: report it once, for the whole file.
                if let Ok(head) = reader.fill_buf() {
                    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
                        if let Err(e) = decode(head, &Location::file(&path), false) {
                            return Some(Err(e));
                        }
                    }
                    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        reader.consume(3);
                    }
                }
                self.current = Current::Lines {
                    path,
                    reader,
                    line: 0,
                };
            } else if let InputKind::Page { gzip } = kind {
                return Some(self.read_page_file(&path, gzip));
            } else {
                return Some(self.read_text_file(&path).map(RawArticle::Ready));
            }
        }
    }
}

/// An article as read, before its JSON line or saved page is parsed.
#[derive(Debug)]
pub enum RawArticle {
    /// A saved page's bytes and where they were read.
    Page {
        /// The file's bytes, as stored.
        bytes: Vec<u8>,
        /// The bytes are gzip (`.html.gz`).
        gzip: bool,
        /// The label from the folder name (`LABEL/*.html`), if asked for.
        label: Option<String>,
        /// The file.
        at: Location,
    },
    /// One JSON line and where it was read.
    Line {
        /// The line's bytes, without the line break.
        bytes: Vec<u8>,
        /// File and line.
        at: Location,
    },
    /// An article already complete (a `.txt` file).
    Ready(Article),
}

impl RawArticle {
    /// Decodes and parses the article (with `lossy`, invalid UTF-8, or bytes invalid in a
    /// page's declared charset, are replaced).
    pub fn parse(self, lossy: bool) -> Result<Article> {
        match self {
            RawArticle::Ready(a) => Ok(a),
            RawArticle::Page {
                bytes,
                gzip,
                label,
                at,
            } => {
                let bytes = if gzip {
                    Cow::Owned(gunzip(&bytes, &at)?)
                } else {
                    Cow::Borrowed(&bytes[..])
                };
                let html = decode_page(&bytes, &at, lossy)?;
                let known = Known {
                    label,
                    ..Known::default()
                };
                article_from_html(&html, at, known)
            }
            RawArticle::Line { bytes, at } => {
                decode(&bytes, &at, lossy).and_then(|s| article_from_json(&s, at))
            }
        }
    }

    /// How many bytes it holds, as read (to bound the memory of a chunk of inputs).
    pub fn size(&self) -> usize {
        match self {
            RawArticle::Page { bytes, .. } | RawArticle::Line { bytes, .. } => bytes.len(),
            RawArticle::Ready(a) => a.title.len() + a.text.len(),
        }
    }

    /// True for a JSON line, false for a whole file.
    pub fn is_line(&self) -> bool {
        matches!(self, RawArticle::Line { .. })
    }

    /// True for what `--skip-invalid` may skip: a JSON line or a saved page (a home page among
    /// saved articles, say), not a `.txt` file.
    pub fn can_skip(&self) -> bool {
        matches!(self, RawArticle::Line { .. } | RawArticle::Page { .. })
    }
}

impl Iterator for ArticleReader {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let raw = match self.next_raw()? {
                Ok(raw) => raw,
                Err(e) => return Some(Err(e)),
            };
            let can_skip = raw.can_skip();
            match raw.parse(self.options.lossy) {
                Ok(article) => return Some(Ok(article)),
                Err(e) if can_skip && self.options.skip_invalid => self.skip(&e),
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// Reads every article of `paths` into memory. For training and evaluation corpora.
pub fn read_all(paths: &[PathBuf], options: ReadOptions) -> Result<(Vec<Article>, Skipped)> {
    let mut reader = ArticleReader::open(paths, options)?;
    let mut out = Vec::new();
    for item in reader.by_ref() {
        out.push(item?);
    }
    Ok((out, reader.skipped))
}

/// Reads all of a reader into a string, naming `at` in errors.
pub fn read_to_string(mut input: impl Read, at: &Location, lossy: bool) -> Result<String> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(at.path.clone(), "cannot read", e))?;
    decode(&bytes, at, lossy).map(Cow::into_owned)
}
