//! Blocks a page names as boilerplate, removed before Readability scores it.
//!
//! Pages name their furniture in their `class` and `id` attributes: share bars
//! (`share-buttons`), newsletter boxes (`newsletter-teaser`), related lists
//! (`RelatedCoverage-container`), photo captions and credits (`wp-caption`,
//! `image-credit`), comment sections (`comments-area`), author boxes (`author-bio`), post
//! metadata (`entry-meta`, `postmetadata`), ratings, paywall notices, cookie and consent
//! banners. Readability alone keeps them when they sit inside the chosen block (it only
//! weighs such names when scoring candidates). They are removed here, as trafilatura does with
//! its list of names; a short name counts as the last word of a class (`entry-meta`, `post_tags`)
//! and a long unambiguous one as part of it (`newsletter`, `related`).
//!
//! A block that holds a large share of the page's text is never removed: that is a wrapper
//! whose name happens to match (`<div class="content has-comments">`), not furniture.

use dom_query::{Document, NodeRef};

/// Names that mark a block as boilerplate wherever they occur in a class or id (lower-cased):
/// long enough never to be part of an unrelated word.
const BOILERPLATE_PARTS: &[&str] = &[
    "newsletter",
    "related",
    "share",
    "sharing",
    "social",
    "caption",
    "comment",
    "author",
    "byline",
    "breadcrumb",
    "rating",
    "subscri",
    "cookie",
    "consent",
    "disclaimer",
    "metadata",
    "promo",
];

/// Names that mark a block as boilerplate when they are a whole word of a class or id (words
/// split at `-`, `_` and spaces, lower-cased).
const BOILERPLATE_WORDS: &[&str] = &[
    "meta",
    "tags",
    "tag",
    "credit",
    "credits",
    "utility",
    "toc",
    "ad",
    "ads",
    "advert",
    "sponsored",
];

/// Elements never removed however they are named: the page, and the elements that mark the
/// article itself.
const KEPT_ELEMENTS: &[&str] = &["html", "head", "body", "article", "main"];

/// A block holding more than this share of the page's text is a wrapper, kept.
const WRAPPER_SHARE: f64 = 0.4;

/// Whether a class or id attribute names boilerplate (see the module docs). Each class is
/// looked at alone; state flags (`has-comments`, `with-sharing`) name what a block holds, not
/// what it is, and are skipped.
pub(crate) fn names_boilerplate(attr: &str) -> bool {
    attr.split_whitespace().any(|class| {
        if ["has-", "with-", "no-", "--has"]
            .iter()
            .any(|flag| contains_ignore_case(class, flag))
        {
            return false;
        }
        if BOILERPLATE_PARTS
            .iter()
            .any(|p| contains_ignore_case(class, p) && !contains_ignore_case(class, "commentary"))
        {
            return true;
        }
        // `entry-meta`, `post_tags`, `ads`: the word is what the block is (its last word);
        // `tag-silhouette`, `meta-box` are not.
        class.rsplit(['-', '_']).next().is_some_and(|last| {
            BOILERPLATE_WORDS
                .iter()
                .any(|w| last.eq_ignore_ascii_case(w))
        })
    })
}

/// Whether `hay` holds `needle` (lower-case ASCII), ASCII case ignored; no allocation, as
/// every class of every element is looked at.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn is_boilerplate(node: &NodeRef) -> bool {
    if KEPT_ELEMENTS.iter().any(|name| node.has_name(name)) {
        return false;
    }
    node.class().is_some_and(|c| names_boilerplate(&c))
        || node.id_attr().is_some_and(|i| names_boilerplate(&i))
}

/// Removes from `doc` the elements that `not_article` selects (elements HTML marks as not
/// being the article's text) and the blocks its class and id attributes name as boilerplate,
/// except wrappers that hold more than [`WRAPPER_SHARE`] of the page's text (pages that put
/// their whole article in an `<aside>` exist). Scripts and styles go first so that they do not
/// count as text.
pub fn remove_boilerplate(doc: &Document, not_article: &str) {
    doc.select("script, style, noscript, template").remove();
    let root = doc.body().unwrap_or_else(|| doc.root());
    // The share of each pass is of the text left after the one before: menus and footers
    // would otherwise make every block look small.
    let limit = share_of(&root);
    for node in doc.select(not_article).nodes() {
        // Inside a block removed already (`time` in an `aside`): nothing to do.
        let attached = node.ancestors_it(None).any(|a| a.id == root.id);
        if attached && node.normalized_char_count() <= limit {
            node.remove_from_parent();
        }
    }
    remove_named(&root, share_of(&root));
}

/// [`WRAPPER_SHARE`] of `root`'s text (characters).
fn share_of(root: &NodeRef) -> usize {
    (root.normalized_char_count() as f64 * WRAPPER_SHARE) as usize
}

/// Removes the blocks under `node` named as boilerplate that hold at most `limit` characters,
/// not looking inside the removed ones.
fn remove_named(node: &NodeRef, limit: usize) {
    for child in node.element_children() {
        if is_boilerplate(&child) && child.normalized_char_count() <= limit {
            child.remove_from_parent();
        } else {
            remove_named(&child, limit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_words_or_unambiguous_parts() {
        assert!(names_boilerplate("share-buttons"));
        assert!(names_boilerplate("RelatedCoverage-container-3AnSP"));
        assert!(names_boilerplate("entry-meta"));
        assert!(names_boilerplate("post_tags"));
        assert!(names_boilerplate("wp-caption aligncenter"));
        assert!(!names_boilerplate("metal-news"));
        assert!(!names_boilerplate("entry-content"));
        assert!(!names_boilerplate("stock-table"));
        assert!(!names_boilerplate("header-image"));
        // WordPress tags a post's wrapper with its tags; state flags say what a block holds.
        assert!(!names_boilerplate("post hentry tag-silhouette"));
        assert!(!names_boilerplate("o-section o-section--has-ads"));
        assert!(!names_boilerplate("contentHeader has-sharing"));
        // An opinion piece is not a comment section.
        assert!(!names_boilerplate("news subjective commentary"));
    }

    #[test]
    fn an_aside_that_holds_the_article_stays() {
        let prose = "Một đoạn văn dài của bài báo kể lại sự việc. ".repeat(6);
        let html = format!(
            r#"<body><nav>Trang chủ</nav><aside class="page"><p>{prose}</p></aside>
            <aside>Quảng cáo</aside></body>"#
        );
        let doc = Document::from(html.as_str());
        remove_boilerplate(&doc, "nav, aside");
        let text = doc.select("body").text();
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words.join(" "), prose.trim_end());
    }

    #[test]
    fn named_blocks_leave_but_wrappers_stay() {
        let prose = "Một đoạn văn dài của bài báo kể lại sự việc. ".repeat(6);
        let html = format!(
            r#"<html><body><div class="content has-comments"><p>{prose}</p>
            <div class="share-bar">Chia sẻ Facebook</div>
            <p class="wp-caption-text">Ảnh: Minh họa</p>
            <div id="comments"><p>Bình luận</p></div></div></body></html>"#
        );
        let doc = Document::from(html.as_str());
        remove_boilerplate(&doc, "nav");
        let text = doc.select("body").text();
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words.join(" "), prose.trim_end());
    }
}
