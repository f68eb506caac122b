//! The page's lead (standfirst, "sapo"): the paragraph under the headline that sums the
//! article up.
//!
//! Outlets set it apart from the body, in the article's header (`<p class="lead">`,
//! `<h2 class="subtitle">`, a `sapo` block), and Readability, which picks the one block with
//! the most prose, often leaves it out. The page says which text it is: its description
//! (`og:description`, `description`, `twitter:description`) is the lead, or its beginning when
//! the description is cut short. The lead is the smallest element of the page whose text holds
//! the description's beginning and is about as long as the description; the body gets it back
//! as its first paragraph when Readability dropped it.

use dom_query::Document;

use super::meta::collapse;

/// The description's meta tags, in order of preference.
const DESCRIPTION_META: &str =
    "meta[property='og:description'], meta[name='description'], meta[name='twitter:description']";

/// A shorter description is a slogan or a keyword list, not a lead (characters).
const MIN_DESCRIPTION_CHARS: usize = 50;

/// The lead is found by this many first characters of the description (descriptions are
/// often cut short and end in "...").
const PROBE_CHARS: usize = 40;

/// The lead's element holds at least this share of the description's length...
const MIN_SHARE: f64 = 0.8;

/// ...and at most twice the description and this many characters more (a lead, not the
/// article).
const MAX_EXTRA_CHARS: usize = 200;

/// The page's description, whitespace collapsed, when it is long enough to be a lead.
fn description(doc: &Document) -> Option<String> {
    doc.select(DESCRIPTION_META)
        .nodes()
        .iter()
        .filter_map(|m| m.attr("content"))
        .map(|c| collapse(&c))
        .find(|d| d.chars().count() >= MIN_DESCRIPTION_CHARS)
}

/// The first [`PROBE_CHARS`] characters of `text`.
pub fn probe(text: &str) -> &str {
    match text.char_indices().nth(PROBE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// The page's lead as its element in the body says it, whitespace collapsed (see the module
/// docs), or `None` when the page declares no description or none of its elements holds it.
/// Scripts and styles must be gone from `doc` (their text would match).
pub fn declared_lead(doc: &Document) -> Option<String> {
    let description = description(doc)?;
    let wanted = description.chars().count();
    let probe = probe(&description);
    let min = (wanted as f64 * MIN_SHARE) as usize;
    let max = 2 * wanted + MAX_EXTRA_CHARS;
    // The elements that hold the probe form a chain from the body down: follow it to the
    // smallest, reading the text of each level's children, not of every element of the page.
    let mut node = doc.body()?;
    if !collapse(&node.text()).contains(probe) {
        return None;
    }
    while let Some(child) = node
        .element_children()
        .into_iter()
        .find(|c| collapse(&c.text()).contains(probe))
    {
        node = child;
    }
    let best = Some((node.normalized_char_count(), node));
    // A description longer than the element that holds its beginning: the lead is split over
    // several elements, and their parent holds it.
    let (mut count, mut node) = best?;
    while count < min {
        node = node.parent().filter(|p| p.is_element())?;
        count = node.normalized_char_count();
    }
    (count <= max).then(|| collapse(&node.text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAD: &str =
        "Giá xăng giảm lần thứ ba liên tiếp từ 15h chiều nay, mỗi lít xăng RON95 còn 22.500 đồng.";

    #[test]
    fn the_lead_is_the_element_that_holds_the_description() {
        let html = format!(
            r#"<html><head><meta property="og:description" content="{LEAD}"></head><body>
            <h1>Giá xăng giảm</h1><div class="header"><p class="sapo"><strong>Giá</strong> {}</p></div>
            <div class="body"><p>Thân bài.</p></div></body></html>"#,
            LEAD.trim_start_matches("Giá ")
        );
        assert_eq!(
            declared_lead(&Document::from(html.as_str())).as_deref(),
            Some(LEAD)
        );
    }

    #[test]
    fn a_cut_description_finds_the_whole_lead() {
        let cut: String = LEAD.chars().take(60).collect();
        let html =
            format!(r#"<meta name="description" content="{cut}..."><body><p>{LEAD}</p></body>"#);
        assert_eq!(
            declared_lead(&Document::from(html.as_str())).as_deref(),
            Some(LEAD)
        );
    }

    #[test]
    fn short_or_absent_descriptions_give_no_lead() {
        let html =
            r#"<meta name="description" content="Tin tức 24h"><body><p>Tin tức 24h</p></body>"#;
        assert_eq!(declared_lead(&Document::from(html)), None);
        let html =
            format!(r#"<meta name="description" content="{LEAD}"><body><p>Khác.</p></body>"#);
        assert_eq!(declared_lead(&Document::from(html.as_str())), None);
    }
}
