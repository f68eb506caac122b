//! Deeply nested markup, flattened before parsing.
//!
//! The HTML parser checks the stack of open elements at every tag, and Readability walks
//! each paragraph's ancestors and their text: the cost grows with the depth of the tree times
//! its size, so a page of 200,000 nested `<div>`s took minutes. Browsers cap the depth too
//! (Blink at 512 elements). Here tags that would nest deeper than [`MAX_DEPTH`] are left out
//! before parsing, their text kept in place. Counted as below, the 990 pages of trafilatura's
//! evaluation set nest at most 39 deep, so the cap never touches a real page.
//!
//! The depth is counted on the raw tags, one pass: elements whose end tag is optional and
//! that never nest in practice (`p`, `li`, `td`, ...) and void elements are not counted, so
//! pages that leave them unclosed are not mistaken for deep ones; raw text (`script`, `style`,
//! `textarea`, `title`) and comments are skipped.

use std::borrow::Cow;

/// How deep elements may nest; deeper tags are left out (their text stays).
pub const MAX_DEPTH: usize = 128;

/// Elements that are not counted: void elements, and those whose end tag may be left out.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `html` with the tags that nest deeper than [`MAX_DEPTH`] left out; borrowed when there are
/// none (every real page).
pub fn flatten(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    // Byte ranges of tags to leave out.
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        let start = i + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let (closing, name_at) = if rest.get(1) == Some(&b'/') {
            (true, start + 2)
        } else {
            (false, start + 1)
        };
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            // "<!doctype", "<?xml", a lone "<": skip to the end of the construct.
            i = start + 1;
            continue;
        }
        let end = tag_end(bytes, name_at + name_len);
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let counted = !NOT_COUNTED.contains(&name.as_str());
        if closing {
            if counted {
                if depth > MAX_DEPTH {
                    drop.push((start, end));
                }
                depth = depth.saturating_sub(1);
            }
            i = end;
            continue;
        }
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ascii_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        if counted && !self_closing {
            depth += 1;
            if depth > MAX_DEPTH {
                drop.push((start, end));
            }
        }
        i = end;
    }
    if drop.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in drop {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// The index after the `>` that ends a tag whose attributes start at `from` (quotes honoured).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ascii_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_are_borrowed_untouched() {
        let page = "<html><body><div><p>Một<p>Hai<ul><li>Ba<li>Bốn</ul><br><img src=a>\
                    <script>if (a < b) { x = '<div>'.repeat(9999) }</script></div></body></html>";
        assert!(matches!(flatten(page), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_beyond_the_cap_is_left_out_and_the_text_kept() {
        let n = MAX_DEPTH + 100;
        let page = format!(
            "{}<p>Chữ</p>{}",
            "<div class=\"a>b\">".repeat(n),
            "</div>".repeat(n)
        );
        let flat = flatten(&page);
        assert_eq!(flat.matches("<div").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(flat.contains("<p>Chữ</p>"));
    }
}
