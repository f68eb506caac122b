//! Corpus stage: reads articles from `.txt` files, JSON-lines files, folders and standard input.
//!
//! - A `.txt` file is one article; its first non-empty line is the title.
//! - A `.jsonl` file (or `-`, standard input) holds one article per line:
//!   `{"id","title","text","published","label"}`, only `text` required.
//! - A folder is read recursively in sorted order, taking `.txt`, `.jsonl` and `.json` files.
//!   For training, a `LABEL/*.txt` tree gives each article its folder's name as label.
//!
//! Every problem is reported with the file and line, and what was expected.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

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
    /// The article's address, when known (a JSON line's `url`).
    pub url: Option<String>,
    /// Body text (without the title).
    pub text: String,
    /// Topic label, for training and evaluation data.
    pub label: Option<String>,
    /// Where the article was read.
    pub source: Location,
}

/// How articles are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD and go on, instead of stopping with an error.
    pub lossy: bool,
    /// Skip JSON lines that cannot be used, counting them, instead of stopping at the first.
    pub skip_invalid: bool,
    /// Give `.txt` articles without a label the name of their folder as label (`LABEL/*.txt`).
    pub label_from_folder: bool,
}

/// Lines skipped with [`ReadOptions::skip_invalid`].
#[derive(Debug, Clone, Default)]
pub struct Skipped {
    /// How many lines were skipped.
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

/// The files that `paths` stand for: files as given, folders expanded recursively (sorted),
/// `-` kept as standard input. Errors on missing paths and on folders without articles.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(path.clone());
            continue;
        }
        let meta =
            std::fs::metadata(path).map_err(|e| Error::io(path, "cannot read this path", e))?;
        if meta.is_dir() {
            let before = out.len();
            walk(path, &mut out)?;
            if out.len() == before {
                return Err(Error::input(
                    Location::file(path),
                    "folder holds no articles (expected .txt or .jsonl files)",
                ));
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, "cannot read folder", e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "jsonl" | "json")
    )
}

fn is_json_lines(path: &Path) -> bool {
    path.as_os_str() == "-"
        || matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("jsonl" | "json" | "ndjson")
        )
}

/// Decodes bytes as UTF-8, explaining other encodings. `at` names where they came from.
/// Valid text is borrowed, not copied.
pub fn decode<'a>(bytes: &'a [u8], at: &Location, lossy: bool) -> Result<Cow<'a, str>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::input(
            at.clone(),
            "text is UTF-16 (it starts with a UTF-16 byte-order mark); expected UTF-8: \
             convert it, for example with `iconv -f UTF-16 -t UTF-8`",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // simdutf8 checks Vietnamese text (a multi-byte letter every few bytes) many times faster
    // than the standard library; the standard library then only explains an error.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => {
            if let Some(offset) = text.find('\0') {
                if !lossy {
                    return Err(Error::input(
                        at.clone(),
                        format!(
                            "NUL byte at byte offset {offset}; expected text (is this a binary file?)"
                        ),
                    ));
                }
                return Ok(Cow::Owned(text.replace('\0', " ")));
            }
            Ok(Cow::Borrowed(text))
        }
        Err(_) if lossy => Ok(Cow::Owned(
            String::from_utf8_lossy(bytes).replace('\0', " "),
        )),
        Err(_) => {
            let offset = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            let hint = if looks_like_utf16(bytes) {
                "it looks like UTF-16 without a byte-order mark"
            } else {
                "it may be Windows-1258 or another legacy encoding"
            };
            Err(Error::input(
                at.clone(),
                format!(
                    "invalid UTF-8 at byte offset {offset} ({hint}); expected UTF-8 text: convert it \
                     (for example `iconv -f WINDOWS-1258 -t UTF-8`) or pass --lossy to replace bad bytes"
                ),
            ))
        }
    }
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    sample.len() >= 8 && sample.iter().filter(|&&b| b == 0).count() * 4 >= sample.len()
}

/// Parses a `published` value: `YYYY-MM-DD`, or an RFC 3339 / ISO date-time whose date is taken.
pub fn parse_published(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let head = value.get(..10).unwrap_or(value);
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .filter(|_| {
            value.len() == 10 || matches!(value.as_bytes().get(10), Some(b'T' | b' ' | b't'))
        })
}

/// Reads one `.txt` article from its (decoded) content.
pub fn article_from_text(
    content: &str,
    source: Location,
    label: Option<String>,
) -> Result<Article> {
    let mut lines = content.lines();
    let title = lines
        .by_ref()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_owned();
    let text: String = lines.collect::<Vec<_>>().join("\n");
    if title.is_empty() {
        return Err(Error::input(
            source,
            "article is empty or only whitespace; expected a title line and text",
        ));
    }
    Ok(Article {
        id: source.path.clone(),
        title,
        published: None,
        url: None,
        text,
        label,
        source,
    })
}

/// The fields of a JSON line, borrowed from it where no escapes need decoding.
#[derive(serde::Deserialize)]
struct JsonLine<'a> {
    #[serde(borrow, default)]
    id: Option<JsonId<'a>>,
    #[serde(borrow, default)]
    title: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    text: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    published: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    label: Option<std::borrow::Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum JsonId<'a> {
    Text(#[serde(borrow)] std::borrow::Cow<'a, str>),
    Number(serde_json::Number),
}

/// The fast path of [`article_from_json`]: a typed parse that allocates only the strings it
/// keeps. `None` when the line is not a well-formed article (the general path then says why).
fn article_from_typed_json(raw: &str, source: &Location) -> Option<Article> {
    let line: JsonLine<'_> = serde_json::from_str(raw).ok()?;
    let text = line.text?;
    let title = line.title.unwrap_or_default();
    if (text.trim().is_empty() && title.trim().is_empty())
        || text.contains('\0')
        || title.contains('\0')
    {
        return None;
    }
    let published = match line.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(parse_published(p)?),
    };
    let id = match line.id {
        Some(JsonId::Text(t)) => t.into_owned(),
        Some(JsonId::Number(n)) => n.to_string(),
        None => source.to_string(),
    };
    Some(Article {
        id,
        title: title.into_owned(),
        published,
        url: line
            .url
            .filter(|u| !u.trim().is_empty())
            .map(|u| u.into_owned()),
        text: text.into_owned(),
        label: line
            .label
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.into_owned()),
        source: source.clone(),
    })
}

/// Reads one JSON line into an article. `line` is the 1-based line number.
pub fn article_from_json(raw: &str, source: Location) -> Result<Article> {
    if let Some(article) = article_from_typed_json(raw, &source) {
        return Ok(article);
    }
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| {
        Error::input(
            source.clone(),
            format!(
                "not valid JSON ({e}); expected one object per line like {{\"text\": \"...\"}}"
            ),
        )
    })?;
    let obj = value.as_object().ok_or_else(|| {
        Error::input(
            source.clone(),
            "expected a JSON object with a \"text\" field",
        )
    })?;
    let field = |name: &str| -> Result<Option<String>> {
        match obj.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(serde_json::Value::Number(n)) if name == "id" => Ok(Some(n.to_string())),
            Some(other) => Err(Error::input(
                source.clone(),
                format!(
                    "field \"{name}\" is {}, expected a string",
                    json_kind(other)
                ),
            )),
        }
    };
    let text = field("text")?
        .ok_or_else(|| Error::input(source.clone(), "missing field \"text\" (the article body)"))?;
    let title = field("title")?.unwrap_or_default();
    if text.trim().is_empty() && title.trim().is_empty() {
        return Err(Error::input(
            source.clone(),
            "article is empty or only whitespace; expected some text",
        ));
    }
    if text.contains('\0') || title.contains('\0') {
        return Err(Error::input(source.clone(), "text holds a NUL character"));
    }
    let published = match field("published")? {
        None => None,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(parse_published(&s).ok_or_else(|| {
            Error::input(
                source.clone(),
                format!("\"published\" is \"{s}\", expected a date like 2024-03-30"),
            )
        })?),
    };
    let label = field("label")?.filter(|l| !l.trim().is_empty());
    let url = field("url")?.filter(|u| !u.trim().is_empty());
    let id = field("id")?.unwrap_or_else(|| source.to_string());
    Ok(Article {
        id,
        title,
        published,
        url,
        text,
        label,
        source,
    })
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
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
/// [`ReadOptions::skip_invalid`] is set, in which case bad JSON lines are counted in
/// [`ArticleReader::skipped`] and skipped.
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

    /// Lines skipped so far with [`ReadOptions::skip_invalid`].
    pub fn skipped(&self) -> &Skipped {
        &self.skipped
    }

    fn read_text_file(&self, path: &Path) -> Result<Article> {
        let at = Location::file(path);
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read file", e))?;
        let content = decode(&bytes, &at, self.options.lossy)?;
        let label = if self.options.label_from_folder {
            path.parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .map(str::to_owned)
        } else {
            None
        };
        article_from_text(&content, at, label)
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
            if is_json_lines(&path) {
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
                        return Some(
                            decode(head, &Location::file(&path), false)
                                .map(|_| RawArticle::Ready(unreachable_article(&path))),
                        );
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
            } else {
                return Some(self.read_text_file(&path).map(RawArticle::Ready));
            }
        }
    }
}

/// An article as read, before its JSON line (if any) is parsed.
#[derive(Debug)]
pub enum RawArticle {
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
    /// Decodes and parses the article (with `lossy`, invalid UTF-8 is replaced).
    pub fn parse(self, lossy: bool) -> Result<Article> {
        match self {
            RawArticle::Ready(a) => Ok(a),
            RawArticle::Line { bytes, at } => {
                decode(&bytes, &at, lossy).and_then(|s| article_from_json(&s, at))
            }
        }
    }

    /// True for a JSON line (which `--skip-invalid` may skip), false for a whole file.
    pub fn is_line(&self) -> bool {
        matches!(self, RawArticle::Line { .. })
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
            let is_line = raw.is_line();
            match raw.parse(self.options.lossy) {
                Ok(article) => return Some(Ok(article)),
                Err(e) if is_line && self.options.skip_invalid => self.skip(&e),
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

// `decode` always fails on a UTF-16 byte-order mark; this only satisfies the types.
fn unreachable_article(path: &Path) -> Article {
    Article {
        id: path.display().to_string(),
        title: String::new(),
        published: None,
        url: None,
        text: String::new(),
        label: None,
        source: Location::file(path),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::line("x.jsonl", 3)
    }

    #[test]
    fn json_line_with_only_text() {
        let a = article_from_json(r#"{"text":"Nội dung"}"#, at()).unwrap();
        assert_eq!(a.text, "Nội dung");
        assert_eq!(a.id, "x.jsonl:3");
        assert_eq!(a.title, "");
        assert_eq!(a.published, None);
    }

    #[test]
    fn json_line_with_all_fields() {
        let a = article_from_json(
            r#"{"id":7,"title":"T","text":"B","published":"2024-03-30T08:00:00+07:00","label":"space"}"#,
            at(),
        )
        .unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 3, 30));
        assert_eq!(a.label.as_deref(), Some("space"));
    }

    #[test]
    fn json_errors_name_the_line_and_the_problem() {
        let e = article_from_json("{oops", at()).unwrap_err().to_string();
        assert!(e.starts_with("x.jsonl:3: not valid JSON"), "{e}");
        let e = article_from_json(r#"{"title":"a"}"#, at())
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field \"text\""), "{e}");
        let e = article_from_json(r#"{"text":5}"#, at())
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"text\" is a number, expected a string"), "{e}");
        let e = article_from_json(r#"{"text":"a","published":"hôm qua"}"#, at())
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a date like 2024-03-30"), "{e}");
        let e = article_from_json(r#"{"text":"  "}"#, at())
            .unwrap_err()
            .to_string();
        assert!(e.contains("empty"), "{e}");
    }

    #[test]
    fn text_article_takes_first_non_empty_line_as_title() {
        let a = article_from_text(
            "\n\n Tiêu đề \nDòng một\nDòng hai",
            Location::file("a.txt"),
            None,
        )
        .unwrap();
        assert_eq!(a.title, "Tiêu đề");
        assert_eq!(a.text, "Dòng một\nDòng hai");
    }

    #[test]
    fn decode_reports_encodings() {
        let at = Location::file("a.txt");
        let e = decode(&[0xFF, 0xFE, b'a', 0], &at, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("UTF-16"), "{e}");
        let e = decode(b"ab\xE0c", &at, false).unwrap_err().to_string();
        assert!(e.contains("invalid UTF-8 at byte offset 2"), "{e}");
        assert_eq!(decode(b"ab\xE0c", &at, true).unwrap(), "ab\u{FFFD}c");
        assert_eq!(decode(b"\xEF\xBB\xBFab", &at, false).unwrap(), "ab");
        let e = decode(b"a\0b", &at, false).unwrap_err().to_string();
        assert!(e.contains("NUL byte at byte offset 1"), "{e}");
    }

    #[test]
    fn published_forms() {
        assert_eq!(
            parse_published("2024-03-30"),
            NaiveDate::from_ymd_opt(2024, 3, 30)
        );
        assert_eq!(parse_published("2024-02-30"), None);
        assert_eq!(parse_published("30/3/2024"), None);
        assert_eq!(parse_published("2024-03-30x"), None);
    }
}
