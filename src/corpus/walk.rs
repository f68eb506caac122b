//! Which files are articles, and folders expanded into them.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

/// What kind of input a file is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One article as plain text (`.txt`, or any file of another name).
    Text,
    /// One article per line (`.jsonl`, `.json`, `.ndjson`, or `-` for standard input).
    JsonLines,
    /// A saved web page (`.html`, `.htm`, `.xhtml`), packed with gzip when `gzip`.
    Page {
        /// The file is `.html.gz` (or `.htm.gz`, `.xhtml.gz`).
        gzip: bool,
    },
}

impl InputKind {
    /// The kind of `path`; files of unknown names are read as text, as they always were.
    pub fn of(path: &Path) -> InputKind {
        article_kind(path).unwrap_or(InputKind::Text)
    }
}

/// The kind of `path` when its name says it is an article file, `None` otherwise (a folder
/// walk skips those files).
fn article_kind(path: &Path) -> Option<InputKind> {
    if path.as_os_str() == "-" {
        return Some(InputKind::JsonLines);
    }
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (stem, gzip) = match name.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (name.as_str(), false),
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e)?;
    match (ext, gzip) {
        ("html" | "htm" | "xhtml", gzip) => Some(InputKind::Page { gzip }),
        ("txt", false) => Some(InputKind::Text),
        ("jsonl" | "json" | "ndjson", false) => Some(InputKind::JsonLines),
        _ => None,
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
                    "folder holds no articles (expected .txt, .jsonl, .html, .htm or .html.gz files)",
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
        } else if article_kind(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        let kind = |p: &str| InputKind::of(Path::new(p));
        assert_eq!(kind("a/b.html"), InputKind::Page { gzip: false });
        assert_eq!(kind("b.HTM"), InputKind::Page { gzip: false });
        assert_eq!(kind("b.html.gz"), InputKind::Page { gzip: true });
        assert_eq!(kind("b.jsonl"), InputKind::JsonLines);
        assert_eq!(kind("-"), InputKind::JsonLines);
        assert_eq!(kind("b.txt"), InputKind::Text);
        assert_eq!(kind("README"), InputKind::Text);
        assert_eq!(article_kind(Path::new("b.txt.gz")), None);
        assert_eq!(article_kind(Path::new("b.png")), None);
    }
}
