//! JSON lines: one article per line, `{"id","title","text" or "html","published","url",
//! "label"}`, only `text` (or `html`) required. A line with `html` and no `text` is a saved
//! page as crawlers write it: its body and metadata are read as a `.html` file's are, and the
//! line's own fields win over the page's.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::html::{article_from_html, Known};
use super::Article;
use crate::error::{Error, Location, Result};

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

/// An article as the JSON line every command reads back: `{"id","title","published","url",
/// "site_name","label","also","text"}`, fields without a value left out. What `newsline extract`
/// prints, so a folder of saved pages becomes a corpus to inspect, label and train on.
pub fn to_json_line(article: &Article) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        id: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        published: Option<NaiveDate>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        site_name: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        also: Option<&'a str>,
        text: &'a str,
    }
    let line = Line {
        id: &article.id,
        title: &article.title,
        published: article.published,
        url: article.url.as_deref(),
        site_name: article.site_name.as_deref(),
        label: article.label.as_deref(),
        also: article.also.as_deref(),
        text: &article.text,
    };
    // Serialising strings and dates into a string cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

/// The fields of a JSON line, borrowed from it where no escapes need decoding.
#[derive(serde::Deserialize)]
struct JsonLine<'a> {
    #[serde(borrow, default)]
    id: Option<JsonId<'a>>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    published: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    site_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    label: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    also: Option<Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum JsonId<'a> {
    Text(#[serde(borrow)] Cow<'a, str>),
    Number(serde_json::Number),
}

fn filled(value: Option<Cow<'_, str>>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty()).map(Cow::into_owned)
}

/// The fast path of [`article_from_json`]: a typed parse that allocates only the strings it
/// keeps. `None` when the line is not a well-formed text article (the general path then says
/// why, or reads its `html`).
fn article_from_typed_json(raw: &str, source: &Location) -> Option<Article> {
    let line: JsonLine<'_> = serde_json::from_str(raw).ok()?;
    let text = line.text?;
    let title = line.title.unwrap_or_default();
    if (text.trim().is_empty() && title.trim().is_empty())
        || memchr::memchr(0, text.as_bytes()).is_some()
        || memchr::memchr(0, title.as_bytes()).is_some()
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
        url: filled(line.url),
        site_name: filled(line.site_name),
        text: text.into_owned(),
        label: filled(line.label),
        also: filled(line.also),
        source: source.clone(),
    })
}

/// Reads one JSON line into an article; `source` names the file and line.
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
            "expected a JSON object with a \"text\" (or \"html\") field",
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
    let filled = |name: &str| -> Result<Option<String>> {
        Ok(field(name)?.filter(|v| !v.trim().is_empty()))
    };
    let label = filled("label")?;
    let url = filled("url")?;
    let site_name = filled("site_name")?;
    let id = field("id")?;
    let title = field("title")?;
    let Some(text) = field("text")? else {
        let html = field("html")?.ok_or_else(|| {
            Error::input(
                source.clone(),
                "missing field \"text\" (the article body) or \"html\" (the saved page)",
            )
        })?;
        let known = Known {
            id,
            title: title.filter(|t| !t.trim().is_empty()),
            published,
            url,
            site_name,
            label,
        };
        return article_from_html(&html, source, known);
    };
    let title = title.unwrap_or_default();
    if text.trim().is_empty() && title.trim().is_empty() {
        return Err(Error::input(
            source.clone(),
            "article is empty or only whitespace; expected some text",
        ));
    }
    if text.contains('\0') || title.contains('\0') {
        return Err(Error::input(source.clone(), "text holds a NUL character"));
    }
    Ok(Article {
        id: id.unwrap_or_else(|| source.to_string()),
        title,
        published,
        url,
        site_name,
        text,
        label,
        also: None,
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
            r#"{"id":7,"title":"T","text":"B","published":"2024-03-30T08:00:00+07:00","label":"space","site_name":"Báo"}"#,
            at(),
        )
        .unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 3, 30));
        assert_eq!(a.label.as_deref(), Some("space"));
        assert_eq!(a.site_name.as_deref(), Some("Báo"));
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
        let e = article_from_json(r#"{"html":""}"#, at())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.jsonl:3: page is empty"), "{e}");
    }

    #[test]
    fn json_lines_round_trip() {
        let raw = r#"{"id":"a.html","title":"T","published":"2024-03-30","url":"https://x.vn/a","site_name":"X","text":"Dòng một\nDòng hai"}"#;
        let a = article_from_json(raw, at()).unwrap();
        assert_eq!(to_json_line(&a), raw);
        let again = article_from_json(&to_json_line(&a), at()).unwrap();
        assert_eq!(again, a);
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
