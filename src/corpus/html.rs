//! Saved web pages: one article per page, its body found by `dom_smoothie` (a port of
//! Mozilla's Readability on html5ever) and its metadata read by [`super::meta`].
//!
//! Before Readability scores the page, the elements that HTML itself marks as not being the
//! article's text are removed: `nav`, `aside`, `footer`, `figure` and `figcaption` (photo
//! captions and credits), `time` (dates of the page and of teasers), form controls, frames and
//! dialogs, and breadcrumbs (the schema.org `BreadcrumbList`, the ARIA label, and the
//! `breadcrumb` class that front-end frameworks give them); then the blocks the page names as
//! boilerplate in their class or id (share bars, newsletter boxes, related lists, captions,
//! comments, author boxes, post metadata: see [`super::clean`]). A block holding a large
//! share of the page's text is a wrapper and stays. Readability alone kept all of these when
//! they sat inside the chosen block; removing them raised precision on trafilatura's
//! evaluation pages (see `bench/html_eval.py`).
//!
//! The body is Readability's formatted text, one paragraph a line, without the headline and
//! without lists of links left inside the article's block (three or more lines in a row that
//! are each a link, with their heading; "read also" lines; a related list or a bare heading at
//! the block's end). When Readability finds no block or one with almost no text, the block the
//! page marks as the article (`itemprop=articleBody`, `<article>`, `<main>`) is read instead.
//! The page's lead (the element holding its description, see [`super::lead`]) comes first
//! when the block left it out. The page stage then drops what survives of related-news lists
//! and trending blocks, as it does for any scraped text.
//!
//! A page with nothing readable is an error that names the file and says why: empty, binary,
//! or a page with no article (a home or section page: no block of prose, or one made of
//! teaser links).

use std::collections::HashSet;

use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::decode::nfc;
use super::depth;
use super::meta::{self, collapse, PageMeta};
use super::Article;
use crate::error::{Error, Location, Result};

/// Elements that are never the article's text (see the module docs).
const NOT_ARTICLE_TEXT: &str = "nav, aside, footer, figure, figcaption, time, button, select, \
     textarea, input, label, iframe, dialog, menu, [class~=breadcrumb], [class~=breadcrumbs], \
     [itemtype$=BreadcrumbList], [aria-label=breadcrumb]";

/// Fewer letters and digits than this is not an article's body (letters, not words: Chinese
/// and Japanese pages have no spaces).
const MIN_LETTERS: usize = 100;

/// A line this long (characters) is a paragraph of prose, not a teaser.
const PROSE_CHARS: usize = 200;

/// Fewer linked headlines than this is not a list of teasers.
const MIN_TEASERS: usize = 5;

/// A run of this many lines that are each a link is a list of links, not text.
const LINK_LIST_LINES: usize = 3;

/// A list's heading is at most this long (characters).
const LIST_HEADING_CHARS: usize = 60;

/// The label of a "read also" line is at most this long (characters).
const READ_ALSO_LABEL_CHARS: usize = 30;

/// The headline is looked for in this many first lines of the body, to be dropped.
const HEADLINE_LINES: usize = 3;

/// What is already known about a page from elsewhere (a JSON line's fields): these win over
/// what the page says.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The article's id (default: where it was read).
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Address.
    pub url: Option<String>,
    /// Outlet's name.
    pub site_name: Option<String>,
    /// Topic label.
    pub label: Option<String>,
}

/// Reads a saved page (already decoded, see [`super::decode_page`]) as one article: body from
/// the main content, title, publication date, address and outlet from the page's metadata
/// unless `known` gives them. Fails, naming `source`, when the page has nothing readable.
pub fn article_from_html(html: &str, source: Location, known: Known) -> Result<Article> {
    if html.trim().is_empty() {
        return Err(Error::input(
            source,
            "page is empty; expected a saved article page",
        ));
    }
    let html = depth::flatten(html);
    let doc = Document::from(html.as_ref());
    let page = meta::read(&doc);
    let title = nfc(known
        .title
        .or_else(|| page.title.clone())
        .unwrap_or_default());
    let text = nfc(main_text(&html, doc, &title, &source)?);
    let url = known.url.or(page.url.clone());
    // A JSON line's address dates the page too, when the page's own metadata does not.
    let published = known.published.or(page.published).or_else(|| {
        url.as_deref()
            .and_then(super::pubdate::address_date)
            .filter(|_| page.url.is_none())
    });
    Ok(Article {
        id: known.id.unwrap_or_else(|| source.to_string()),
        title,
        published,
        url,
        site_name: known.site_name.or(page.site_name).map(nfc),
        text,
        label: known.label,
        also: None,
        source,
    })
}

/// Why a page's block gave no article.
enum NoArticle {
    /// Readability found no block, or one with almost no text: the fallback may do better.
    TooLittle(String),
    /// The block is a list of this many linked headlines: a home or section page.
    Teasers(usize),
}

/// The page's main text, one paragraph a line, without `title`: Readability's block, else
/// (when it finds none, or one with almost no text) the block the page marks as the article
/// ([`FALLBACK_BLOCKS`], read again from `html`), with the page's lead
/// ([`super::lead`]) first when the block left it out.
fn main_text(html: &str, doc: Document, title: &str, source: &Location) -> Result<String> {
    prepare(&doc);
    let lead = super::lead::declared_lead(&doc);
    let text = match readability_text(doc, title) {
        Ok(text) => text,
        Err(NoArticle::TooLittle(why)) => {
            fallback_text(html, title).ok_or_else(|| no_article(source, &why))?
        }
        Err(NoArticle::Teasers(teasers)) => {
            return Err(no_article(
                source,
                &format!(
                    "its main block is a list of {teasers} linked headlines without a paragraph of prose"
                ),
            ))
        }
    };
    Ok(with_lead(text, lead.as_deref(), title))
}

fn no_article(source: &Location, why: &str) -> Error {
    Error::input(
        source.clone(),
        format!("no article in this page ({why}); expected a saved article page, not a home, section or search page"),
    )
}

/// Removes what is never the article's text ([`NOT_ARTICLE_TEXT`], blocks named as
/// boilerplate).
fn prepare(doc: &Document) {
    super::clean::remove_boilerplate(doc, NOT_ARTICLE_TEXT);
}

/// Readability's block as text (see [`block_text`]).
fn readability_text(doc: Document, title: &str) -> std::result::Result<String, NoArticle> {
    let config = Config {
        text_mode: TextMode::Formatted,
        // JSON-LD was read by `meta`.
        disable_json_ld: true,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, None, Some(config))
        .map_err(|e| NoArticle::TooLittle(e.to_string()))?;
    let extracted = readability
        .parse()
        .map_err(|_| NoArticle::TooLittle("no block of text found".into()))?;
    block_text(&extracted.text_content, &extracted.content, title)
}

/// Elements that mark the article's block, tried in order when Readability finds none.
const FALLBACK_BLOCKS: &[&str] = &["[itemprop=articleBody]", "article", "main, [role=main]"];

/// The text of the largest block the page marks as the article ([`FALLBACK_BLOCKS`]), when it
/// is one, without what is not the article's text inside it. The block is looked for in the
/// whole page again: the elements removed before Readability may have held it (an article
/// inside an `<aside>`).
fn fallback_text(html: &str, title: &str) -> Option<String> {
    let doc = Document::from(html);
    doc.select("script, style, noscript, template").remove();
    FALLBACK_BLOCKS.iter().find_map(|selector| {
        let blocks = doc.select(selector);
        let block = blocks
            .nodes()
            .iter()
            .max_by_key(|n| n.normalized_char_count())?
            .html();
        let block = Document::fragment(block);
        super::clean::remove_boilerplate(&block, NOT_ARTICLE_TEXT);
        let root = block.root();
        block_text(&root.formatted_text(), &root.html(), title).ok()
    })
}

/// A block's formatted text as the body: tidied, the headline out, without lists of links;
/// refused when it is a list of teasers or has almost no text.
fn block_text(
    formatted: &str,
    content_html: &str,
    title: &str,
) -> std::result::Result<String, NoArticle> {
    let text = tidy(formatted, title);
    // A headline the page writes in another normalisation than its og:title.
    let text = match text.split_once('\n') {
        Some((first, rest)) if nfc(first.to_string()) == title => rest.to_string(),
        _ => text,
    };
    let links = link_texts(content_html);
    if let Some(teasers) = teaser_list(&links, &text) {
        return Err(NoArticle::Teasers(teasers));
    }
    let text = without_link_lists(&links, &text);
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_LETTERS {
        return Err(NoArticle::TooLittle(format!(
            "only {} words of text",
            text.split_whitespace().count()
        )));
    }
    Ok(text)
}

/// `text` with `lead` as its first paragraph, unless it holds the lead already (or the lead is
/// the headline).
fn with_lead(text: String, lead: Option<&str>, title: &str) -> String {
    match lead {
        Some(lead) if lead != collapse(title) && !text.contains(super::lead::probe(lead)) => {
            format!("{lead}\n{text}")
        }
        _ => text,
    }
}

/// The texts of the links in a block of HTML, whitespace collapsed.
fn link_texts(content_html: &str) -> HashSet<String> {
    Document::fragment(content_html)
        .select("a")
        .nodes()
        .iter()
        .map(|a| collapse(&a.text()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// `text` without its lists of links and what points away from the article:
///
/// - runs of [`LINK_LIST_LINES`] or more lines that are each the whole text of a link in the
///   block (`links`), and the short heading line over such a run ("Tin liên quan", "Read
///   more");
/// - "read also" lines: a short label and a link ("Xem thêm: ...", "Read more: ...",
///   "Lea también: ...", "À lire aussi » ...");
/// - at the end of the block, a heading with only links under it, or with nothing under it
///   (the rest of a related list the cleaning removed): "Có thể bạn quan tâm", "Mehr Themen:".
///
/// Related-news and share lists inside the article's block survive Readability; prose is
/// never a list of links.
fn without_link_lists(links: &HashSet<String>, text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let linked: Vec<bool> = lines.iter().map(|l| links.contains(*l)).collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let run = linked[i..].iter().take_while(|&&l| l).count();
        if run >= LINK_LIST_LINES {
            keep[i..i + run].fill(false);
            if let Some(heading) = i.checked_sub(1) {
                if is_list_heading(lines[heading]) {
                    keep[heading] = false;
                }
            }
        }
        i += run.max(1);
    }
    for (k, line) in keep.iter_mut().zip(&lines) {
        if is_read_also(line, links) {
            *k = false;
        }
    }
    // The end of the block: linked lines, then the heading over them.
    let mut kept: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
    let tail = kept.iter().rev().take_while(|&&i| linked[i]).count();
    let heading = kept.len().checked_sub(tail + 1);
    // A heading with nothing under it ends in a colon or in no punctuation at all; a last
    // line ending in "!" is the article's own.
    let bare = |h: usize| tail > 0 || !lines[kept[h]].ends_with('!');
    if let Some(h) = heading.filter(|&h| h > 0 && is_list_heading(lines[kept[h]]) && bare(h)) {
        kept.truncate(h);
    }
    kept.iter()
        .map(|&i| lines[i])
        .collect::<Vec<_>>()
        .join("\n")
}

/// A short line that heads a list: not a sentence ("Tin liên quan", "Auch interessant:",
/// "Das könnte Sie auch interessieren!").
fn is_list_heading(line: &str) -> bool {
    line.chars().count() <= LIST_HEADING_CHARS && !line.ends_with(['.', '?', '"', '”', ')'])
}

/// A "read also" line: a label of at most [`READ_ALSO_LABEL_CHARS`] characters ending in `:` or
/// `»`, then the whole text of a link.
fn is_read_also(line: &str, links: &HashSet<String>) -> bool {
    line.char_indices()
        .take(READ_ALSO_LABEL_CHARS)
        .find(|(_, c)| matches!(c, ':' | '»'))
        .is_some_and(|(i, c)| {
            let rest = line[i + c.len_utf8()..].trim();
            !rest.is_empty() && links.contains(rest)
        })
}

/// How many teasers a block is made of when it is a list of them (a home or section page):
/// no paragraph of prose ([`PROSE_CHARS`]), and at least [`MIN_TEASERS`] lines, a third of
/// all, that are the whole text of a link of three words or more (a linked headline).
/// `links` are the block's link texts, `text` its lines.
fn teaser_list(links: &HashSet<String>, text: &str) -> Option<usize> {
    if text.lines().any(|l| l.chars().count() >= PROSE_CHARS) {
        return None;
    }
    let lines = text.lines().count();
    let teasers = text
        .lines()
        .filter(|l| l.split(' ').count() >= 3 && links.contains(*l))
        .count();
    (teasers >= MIN_TEASERS && teasers * 3 >= lines).then_some(teasers)
}

/// Readability's formatted text as one paragraph a line, whitespace collapsed, the headline
/// (when Readability kept it, among the first lines) out.
fn tidy(text: &str, title: &str) -> String {
    let title = collapse(title);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let line = collapse(line);
        if i < HEADLINE_LINES && line == title {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// The metadata of a page alone, without extracting its body (for callers that only date or
/// cite pages).
pub fn page_meta(html: &str) -> PageMeta {
    meta::read(&Document::from(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::file("p.html")
    }

    const PROSE: &str = "Sáng 12/4, đại diện công ty xác nhận hệ thống quản lý kho bị tấn công bằng mã độc tống tiền từ rạng sáng 10/4, khiến nhiều đơn hàng bị chậm giao trong hai ngày liền.";

    #[test]
    fn body_is_the_main_text_one_paragraph_a_line() {
        let html = format!(
            r#"<html><head><meta property="og:title" content="Tiêu đề bài"></head><body>
            <nav><a href=/a>Thời sự</a> <a href=/b>Kinh tế</a></nav>
            <article><h1>Tiêu đề bài</h1><p>{PROSE}</p>
            <figure><img src=a.jpg><figcaption>Ảnh: Minh họa</figcaption></figure>
            <p>{PROSE} Thêm.</p></article><footer>Giấy phép số 1</footer></body></html>"#
        );
        let a = article_from_html(&html, at(), Known::default()).unwrap();
        assert_eq!(a.title, "Tiêu đề bài");
        assert_eq!(a.text, format!("{PROSE}\n{PROSE} Thêm."));
        assert_eq!(a.id, "p.html");
    }

    #[test]
    fn lists_of_links_and_their_heading_leave_the_body() {
        let content = r#"<div><p>Văn bản có <a href=/x>một liên kết</a>.</p><h3>Tin liên quan</h3>
            <ul><li><a href=/a>Tin một</a></li><li><a href=/b>Tin hai</a></li><li><a href=/c>Tin ba</a></li></ul>
            <p><a href=/d>Nguồn gốc</a></p></div>"#;
        let text =
            "Văn bản có một liên kết.\nTin liên quan\nTin một\nTin hai\nTin ba\nHết.\nNguồn gốc";
        let links = link_texts(content);
        assert_eq!(
            without_link_lists(&links, text),
            "Văn bản có một liên kết.\nHết.\nNguồn gốc"
        );
        // Two linked lines are not a list.
        let text = "Văn bản.\nTin một\nTin hai";
        assert_eq!(without_link_lists(&links, text), text);
    }

    #[test]
    fn read_also_lines_and_trailing_related_headings_leave_the_body() {
        let content = r#"<div><p>Xem thêm: <a href=/a>Giá vàng hôm nay tăng mạnh</a></p>
            <p>Có thể bạn quan tâm</p><p><a href=/b>Tin khác</a></p></div>"#;
        let links = link_texts(content);
        let text = "Đoạn một.\nXem thêm: Giá vàng hôm nay tăng mạnh\nĐoạn hai.\nCó thể bạn quan tâm\nTin khác";
        assert_eq!(without_link_lists(&links, text), "Đoạn một.\nĐoạn hai.");
        // A heading left with nothing under it.
        let text = "Đoạn một.\nĐoạn hai.\nMehr Themen:";
        assert_eq!(without_link_lists(&links, text), "Đoạn một.\nĐoạn hai.");
        // A label without a link, a long label, an exclamation at the end: the article's own.
        let text = "Đoạn một.\nLưu ý: Giá vàng hôm nay tăng mạnh hơn\nHẹn gặp lại!";
        assert_eq!(without_link_lists(&links, text), text);
    }

    #[test]
    fn the_lead_the_block_left_out_comes_first() {
        let lead =
            "Giá xăng giảm lần thứ ba liên tiếp từ 15h chiều nay, mỗi lít RON95 còn 22.500 đồng.";
        let html = format!(
            r#"<html><head><meta property="og:title" content="Giá xăng giảm"><meta name="description" content="{lead}"></head><body>
            <header><h1>Giá xăng giảm</h1><p class="sapo">{lead}</p></header>
            <div class="detail"><p>{PROSE}</p><p>{PROSE} Thêm.</p></div></body></html>"#
        );
        let a = article_from_html(&html, at(), Known::default()).unwrap();
        assert_eq!(a.text, format!("{lead}\n{PROSE}\n{PROSE} Thêm."));
        // Not twice when the block has it.
        assert_eq!(
            with_lead("Một.\nHai.".into(), Some("Hai."), "T"),
            "Một.\nHai."
        );
        assert_eq!(with_lead("Một.".into(), Some("T"), "T"), "Một.");
    }

    #[test]
    fn the_fallback_is_the_block_marked_as_the_article_without_its_furniture() {
        let html = format!(
            r#"<body><aside class="page"><nav>Trang chủ</nav><div itemprop="articleBody"><p>{PROSE}</p>
            <div class="share-tools">Chia sẻ</div></div></aside><div>Quảng cáo</div></body>"#
        );
        assert_eq!(fallback_text(&html, "T").as_deref(), Some(PROSE));
        assert_eq!(
            fallback_text("<body><div>Không có gì</div></body>", "T"),
            None
        );
    }

    #[test]
    fn a_block_that_is_only_a_list_of_links_is_no_article() {
        // Found by fuzzing: the list left the body after the minimum-text check, and an
        // article with no text was accepted.
        // Two-word links: not teaser headlines, but a list of links all the same.
        let item = "<li><a href=/x>Chuyênmụcthờisự Trongnướchômnay</a></li>";
        let html = format!(
            "<html><body><div><ul>{}</ul></div></body></html>",
            item.repeat(8)
        );
        let e = article_from_html(&html, at(), Known::default())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("p.html: no article in this page"), "{e}");
    }

    #[test]
    fn known_fields_win_over_the_page() {
        let html = format!(
            r#"<meta property="og:title" content="Trang"><meta property="article:published_time" content="2024-01-02T08:00:00+07:00"><article><p>{PROSE}</p></article>"#
        );
        let known = Known {
            id: Some("7".into()),
            title: Some("Dòng".into()),
            published: NaiveDate::from_ymd_opt(2024, 1, 1),
            ..Known::default()
        };
        let a = article_from_html(&html, at(), known).unwrap();
        assert_eq!((a.id.as_str(), a.title.as_str()), ("7", "Dòng"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 1, 1));
        let a = article_from_html(&html, at(), Known::default()).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 1, 2));
    }

    #[test]
    fn pages_without_an_article_are_errors_that_say_so() {
        let e = article_from_html("  ", at(), Known::default())
            .unwrap_err()
            .to_string();
        assert_eq!(e, "p.html: page is empty; expected a saved article page");
        let e = article_from_html(
            "<html><body><p>Trang chủ</p></body></html>",
            at(),
            Known::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("p.html: no article in this page"), "{e}");
    }
}
