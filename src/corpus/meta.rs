//! What a saved page says about itself: headline, address, outlet and publication date.
//!
//! - **title**: `og:title`, else the JSON-LD article's `headline`, else the page's `<h1>`; never
//!   the `<title>`, which carries the site's name ("Headline - Báo X | Tin tức 24h");
//! - **url**: the canonical link, else `og:url` (a page saved from its AMP or mobile address
//!   names its main address there);
//! - **site_name**: `og:site_name`, else the JSON-LD article's `publisher` name (schema.org's
//!   name for the outlet that publishes it; AMP pages often carry no og tags);
//! - **published**, the first found of: `article:published_time`; the JSON-LD article's
//!   `datePublished`; a `<time datetime>` (one marked `pubdate` or `itemprop=datePublished`
//!   first, else the first outside links, menus and sidebars); a `pubdate` / `datePublished`
//!   meta tag; a byline date next to the headline ("Thứ Sáu, 14/6/2024 - 06:45"); a date in the
//!   address. Timestamps give the page's local date (see [`super::pubdate`]).
//!
//! A byline counts only next to the headline: a short text with a date with a year, at most a
//! few lines before the headline (a date line above it) or between the headline and the first
//! paragraph of prose. Headers of news sites show the day the page was saved ("Thứ Hai,
//! 15/4/2024"), and related-news lists their own dates; neither is there.

use dom_query::{Document, NodeRef};
use serde_json::Value;

use chrono::NaiveDate;

use super::decode::nfc;
use super::pubdate::{address_date, byline_date, local_date};

/// The JSON-LD types of an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
];

/// Meta tags that carry a publication timestamp when no `article:published_time` does, in
/// order (`name`, `property` or `itemprop`, lower-cased).
const PUBDATE_META: &[&str] = &[
    "pubdate",
    "publishdate",
    "datepublished",
    "publish-date",
    "published_time",
    "dc.date.issued",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "date",
];

/// Text before the headline that can still be its byline (a breadcrumb and a date line).
const BYLINE_BEFORE_CHARS: usize = 160;

/// Longest text that is a byline and not prose (characters).
const BYLINE_MAX_CHARS: usize = 100;

/// A paragraph at least this long (characters) is the body's prose: a byline comes before it.
const PROSE_CHARS: usize = 200;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The headline.
    pub title: Option<String>,
    /// The page's own address.
    pub url: Option<String>,
    /// The outlet's name.
    pub site_name: Option<String>,
    /// The publication date, local.
    pub published: Option<NaiveDate>,
    /// The page declares itself an article (`og:type` article, an article in JSON-LD, an
    /// `article:published_time`).
    pub declares_article: bool,
    /// The page declares itself something else (`og:type` website, a home or section page).
    pub declares_other: bool,
}

/// The `<meta>` tags of a page: (lower-cased name, property or itemprop; content).
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop"] {
            if let Some(name) = node.attr(key) {
                out.push((name.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    out
}

fn meta<'a>(tags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    tags.iter()
        .find(|(n, _)| n == name)
        .map(|(_, c)| c.as_str())
}

/// Text with runs of whitespace collapsed to one space, trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article objects of the page's JSON-LD (inside arrays and `@graph` too).
fn json_ld_articles(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for node in doc.select("script").nodes() {
        let is_ld = node
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(node.text().trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    let is_article = match map.get("@type") {
                        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                        Some(Value::Array(ts)) => ts
                            .iter()
                            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                        _ => false,
                    };
                    if is_article {
                        out.push(Value::Object(map));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn json_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Whether `node` sits inside a link, a menu, a sidebar or a footer (teaser lists).
fn in_furniture(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| {
        a.node_name()
            .is_some_and(|n| matches!(&*n, "a" | "nav" | "aside" | "footer" | "li"))
    })
}

/// The `<time datetime>` that dates the page, per the order in the module docs.
fn time_element_date(doc: &Document) -> Option<NaiveDate> {
    let times = doc.select("time[datetime]");
    let nodes = times.nodes();
    let marked = nodes.iter().find(|n| {
        n.has_attr("pubdate")
            || n.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
    });
    let node = marked.or_else(|| nodes.iter().find(|n| !in_furniture(n)))?;
    local_date(&node.attr("datetime")?)
}

/// The page's `<h1>`: the only one, else the first inside an `<article>` or `<main>`, else the
/// first with text.
fn headline_element<'a>(doc: &'a Document) -> Option<NodeRef<'a>> {
    let h1s: Vec<NodeRef<'a>> = doc
        .select("h1")
        .nodes()
        .iter()
        .filter(|n| !collapse(&n.text()).is_empty())
        .cloned()
        .collect();
    if h1s.len() <= 1 {
        return h1s.into_iter().next();
    }
    let in_article = h1s.iter().find(|n| {
        n.ancestors_it(None).any(|a| {
            a.node_name()
                .is_some_and(|t| matches!(&*t, "article" | "main"))
        })
    });
    in_article.or(h1s.first()).cloned()
}

/// Reads what the page says about itself.
pub fn read(doc: &Document) -> PageMeta {
    let tags = meta_tags(doc);
    let articles = json_ld_articles(doc);
    let h1 = headline_element(doc);
    let title = meta(&tags, "og:title")
        .map(collapse)
        .or_else(|| {
            articles
                .iter()
                .find_map(|a| json_str(a, "headline"))
                .map(collapse)
        })
        .or_else(|| h1.as_ref().map(|h| collapse(&h.text())))
        .filter(|t| !t.is_empty());
    let canonical = doc
        .select("link[rel][href]")
        .nodes()
        .iter()
        .find(|n| {
            n.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|n| n.attr("href"))
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"));
    let url = canonical.or_else(|| meta(&tags, "og:url").map(str::to_string));
    let og_type = meta(&tags, "og:type").map(str::to_ascii_lowercase);
    let published_time = meta(&tags, "article:published_time");
    let published = published_time
        .and_then(local_date)
        .or_else(|| {
            articles
                .iter()
                .find_map(|a| json_str(a, "datePublished"))
                .and_then(local_date)
        })
        .or_else(|| time_element_date(doc))
        .or_else(|| {
            PUBDATE_META
                .iter()
                .find_map(|m| meta(&tags, m).and_then(local_date))
        })
        .or_else(|| byline_near(doc, h1.as_ref(), title.as_deref()))
        .or_else(|| url.as_deref().and_then(address_date));
    PageMeta {
        title,
        url,
        site_name: meta(&tags, "og:site_name")
            .map(collapse)
            .or_else(|| {
                articles
                    .iter()
                    .find_map(|a| a.get("publisher").and_then(|p| json_str(p, "name")))
                    .map(collapse)
            })
            .filter(|s| !s.is_empty()),
        published,
        declares_article: og_type.as_deref() == Some("article")
            || !articles.is_empty()
            || published_time.is_some(),
        declares_other: og_type.as_deref().is_some_and(|t| t != "article"),
    }
}

/// Whether two texts are the same once both are NFC.
fn same_text(a: &str, b: &str) -> bool {
    a == b || (a.len().abs_diff(b.len()) <= b.len() / 2 && nfc(a.to_string()) == nfc(b.to_string()))
}

/// The byline date next to the headline: the `<h1>`, else the first text that is the title
/// (see the module docs).
fn byline_near(doc: &Document, h1: Option<&NodeRef>, title: Option<&str>) -> Option<NaiveDate> {
    let body = doc.body()?;
    let headline_text: Vec<_> = h1
        .map(|h| {
            h.descendants_it()
                .filter(|n| n.is_text())
                .map(|n| n.id)
                .collect()
        })
        .unwrap_or_default();
    if headline_text.is_empty() && title.is_none() {
        return None;
    }
    // Visible characters read so far, and the best candidate before the headline.
    let mut read = 0usize;
    let mut before: Option<(usize, NaiveDate)> = None;
    let mut headline_at: Option<usize> = None;
    for node in body.descendants_it() {
        if !node.is_text() {
            continue;
        }
        let hidden = node.parent().and_then(|p| p.node_name()).is_some_and(|n| {
            matches!(
                &*n,
                "script" | "style" | "noscript" | "template" | "textarea"
            )
        });
        if hidden {
            continue;
        }
        let text = collapse(&node.text());
        if text.is_empty() {
            continue;
        }
        let chars = text.chars().count();
        let is_headline = if headline_text.is_empty() {
            title.is_some_and(|t| same_text(&text, t))
        } else {
            headline_text.contains(&node.id)
        };
        if is_headline {
            if headline_at.is_none() {
                headline_at = Some(read);
                if let Some((at, date)) = before {
                    if read - at <= BYLINE_BEFORE_CHARS {
                        return Some(date);
                    }
                }
            }
        } else if chars <= BYLINE_MAX_CHARS {
            if let Some(date) = byline_date(&nfc(text.clone())) {
                if headline_at.is_some() {
                    return Some(date);
                }
                before = Some((read + chars, date));
            }
        } else if headline_at.is_some() && chars >= PROSE_CHARS {
            return None;
        }
        read += chars;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> PageMeta {
        read(&Document::from(html))
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn og_tags_beat_the_title_element() {
        let m = page(
            r#"<html><head><title>Tin chính - Báo X | Tin tức 24h</title>
            <meta property="og:title" content=" Tin  chính ">
            <meta property="og:site_name" content="Báo X">
            <meta property="og:url" content="https://x.vn/tin-chinh-1.html">
            <link rel="canonical" href="https://x.vn/tin-chinh-1.html?utm=1">
            </head><body><h1>Tin chính trên trang</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Tin chính"));
        assert_eq!(m.site_name.as_deref(), Some("Báo X"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://x.vn/tin-chinh-1.html?utm=1")
        );
    }

    #[test]
    fn date_sources_in_order() {
        let time = r#"<time datetime="2024-02-20T14:05:00+07:00" pubdate>20/02</time>"#;
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},
            {"@type":"NewsArticle","headline":"H","datePublished":"2024-04-12T16:45:00+07:00"}]}</script>"#;
        let meta = r#"<meta property="article:published_time" content="2024-03-29T20:30:00Z">"#;
        assert_eq!(
            page(&format!("{meta}{ld}{time}")).published,
            date(2024, 3, 30)
        );
        assert_eq!(page(&format!("{ld}{time}")).published, date(2024, 4, 12));
        assert_eq!(page(time).published, date(2024, 2, 20));
        assert_eq!(
            page(r#"<meta name="pubdate" content="2023-11-02T19:20:45+07:00">"#).published,
            date(2023, 11, 2)
        );
        assert_eq!(page(&format!("{ld}<h1>X</h1>")).title.as_deref(), Some("H"));
        let publisher = r#"<script type="application/ld+json">{"@type":"NewsArticle",
            "publisher":{"@type":"Organization","name":"Tiếng Nói"}}</script>"#;
        assert_eq!(page(publisher).site_name.as_deref(), Some("Tiếng Nói"));
    }

    #[test]
    fn bylines_count_only_next_to_the_headline() {
        let prose = "Nội dung bài viết dài. ".repeat(12);
        let menu = "<li><a href=/a>Chuyên mục số một</a></li>".repeat(12);
        // After the headline, before the prose.
        let m = page(&format!(
            "<p>Thứ Hai, 15/4/2024</p><ul>{menu}</ul><h1>Tiêu đề</h1>\
             <div><span>Thứ Sáu, 14/6/2024 - 06:45</span></div><p>{prose}</p>"
        ));
        assert_eq!(m.published, date(2024, 6, 14));
        // A date line just above the headline.
        let m = page(&format!(
            "<div><a href=/>Trang chủ</a> › <a href=/k>Kinh tế</a></div>\
             <span>Cập nhật lúc 09:30, Thứ Sáu, 19/01/2024</span><h1>Tiêu đề</h1><p>{prose}</p>"
        ));
        assert_eq!(m.published, date(2024, 1, 19));
        // The header's "today" far above, a date after the prose: neither.
        let m = page(&format!(
            "<p>Thứ Hai, 15/4/2024</p><ul>{menu}</ul><h1>Tiêu đề</h1><p>{prose}</p><p>20/3/2024</p>"
        ));
        assert_eq!(m.published, None);
    }

    #[test]
    fn the_address_is_the_last_resort() {
        let m = page(r#"<link rel="canonical" href="https://x.net/2024/05/17/bai/"><h1>T</h1>"#);
        assert_eq!(m.published, date(2024, 5, 17));
    }
}
