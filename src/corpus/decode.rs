//! Bytes to text. `.txt` files and JSON lines are UTF-8 (other encodings are explained, not
//! guessed); a saved page is decoded with the charset it declares (a byte-order mark, `<meta
//! charset>` or the `http-equiv` form) through `encoding_rs`, so Windows-1258 and the other
//! legacy encodings of old Vietnamese sites read as they were written; `.html.gz` pages are
//! unpacked first. A page is not normalised here: what is read from it (text, title, byline)
//! is made NFC by [`super::html`] (Windows-1258 stores many toned letters as a base letter and
//! a combining tone mark, and every later stage expects composed letters); normalising the
//! whole page cost more than extracting it.

use std::borrow::Cow;
use std::io::Read;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::error::{Error, Location, Result};

/// The largest page read, uncompressed: a saved article is a few hundred kilobytes; a bigger
/// file is read (a 50 MB page takes about a second) but not without end, and a small `.gz`
/// cannot unpack into gigabytes.
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// How far into a page its `<meta charset>` is looked for. Browsers look at 1024 bytes; saved
/// pages often carry long heads (inline styles, scripts) before it.
const CHARSET_SCAN_BYTES: usize = 16 << 10;

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
        Ok(text) => without_nul(Cow::Borrowed(text), at, lossy),
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

/// `text` without NUL characters: an error (binary data) unless `lossy`, which makes them spaces.
fn without_nul<'a>(text: Cow<'a, str>, at: &Location, lossy: bool) -> Result<Cow<'a, str>> {
    // memchr's SIMD search: `str::find` went through the standard library's word-at-a-time
    // search, a percent of classifying a JSON lines file.
    match memchr::memchr(0, text.as_bytes()) {
        None => Ok(text),
        Some(_) if lossy => Ok(Cow::Owned(text.replace('\0', " "))),
        Some(offset) => Err(Error::input(
            at.clone(),
            format!("NUL byte at byte offset {offset}; expected text (is this a binary file?)"),
        )),
    }
}

pub(super) fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    sample.len() >= 8 && sample.iter().filter(|&&b| b == 0).count() * 4 >= sample.len()
}

/// Unpacks a gzip file (`.html.gz`), refusing more than [`MAX_PAGE_BYTES`] of output.
pub fn gunzip(bytes: &[u8], at: &Location) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let limit = MAX_PAGE_BYTES as u64 + 1;
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| {
            Error::input(
                at.clone(),
                format!("not a readable gzip file ({e}); expected a page saved as .html.gz"),
            )
        })?;
    if out.len() > MAX_PAGE_BYTES {
        return Err(too_big(at));
    }
    Ok(out)
}

fn too_big(at: &Location) -> Error {
    Error::input(
        at.clone(),
        format!(
            "page is larger than {} MB; expected a saved article",
            MAX_PAGE_BYTES >> 20
        ),
    )
}

/// Decodes a saved page with the charset it declares (not normalised: see the module docs).
///
/// A byte-order mark decides first, then a `<meta charset>` (or `http-equiv` Content-Type)
/// near the top; without either the page is UTF-8. A page that declares a legacy encoding but
/// is valid UTF-8 with non-ASCII letters was re-saved without updating its declaration: legacy
/// Vietnamese text is practically never valid UTF-8, so it is read as UTF-8. Bytes that are not
/// valid in the chosen encoding are an error naming the offset, or U+FFFD with `lossy` (for
/// pages that lie about their charset).
pub fn decode_page(bytes: &[u8], at: &Location, lossy: bool) -> Result<String> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(too_big(at));
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None => (declared_charset(bytes).unwrap_or(UTF_8), bytes),
    };
    // A page that declares a legacy encoding but is valid UTF-8 with non-ASCII bytes was
    // re-saved as UTF-8 without updating its declaration.
    let utf8_in_disguise = encoding != UTF_8
        && encoding != UTF_16LE
        && encoding != UTF_16BE
        && !body.is_ascii()
        && simdutf8::basic::from_utf8(body).is_ok();
    let text: Cow<'_, str> = if encoding == UTF_8 || utf8_in_disguise {
        decode(body, at, lossy)?
    } else {
        match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => without_nul(text, at, lossy)?,
            None if lossy => {
                let (text, _) = encoding.decode_without_bom_handling(body);
                without_nul(text, at, lossy)?
            }
            None => {
                return Err(Error::input(
                    at.clone(),
                    format!(
                        "bytes that are not valid {} although the page declares it; pass \
                         --lossy to replace them",
                        encoding.name()
                    ),
                ))
            }
        }
    };
    Ok(text.into_owned())
}

/// `text` in NFC, copied only when it is not already.
pub(super) fn nfc(text: String) -> String {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// The encoding a page declares in a `<meta>` tag near its top: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`. A page that declares
/// UTF-16 in ASCII bytes is not UTF-16 (the HTML standard reads it as UTF-8).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(CHARSET_SCAN_BYTES)];
    let mut rest = head;
    while let Some(start) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[start + 5..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(label) = charset_in(&tag[..end]) {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(if encoding == UTF_16LE || encoding == UTF_16BE {
                    UTF_8
                } else {
                    encoding
                });
            }
        }
        rest = &tag[end..];
    }
    None
}

/// The label after `charset=` in a tag's attributes, quotes and spaces around it dropped.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find_ascii_ci(tag, b"charset")?;
    let rest = &tag[at + 7..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let rest = trim_start(rest);
    let len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// Where `needle` (lower-case ASCII) occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::file("p.html")
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
    fn declared_charsets_are_found_in_both_forms() {
        let name = |html: &str| declared_charset(html.as_bytes()).map(|e| e.name());
        assert_eq!(
            name("<META CHARSET=\"windows-1258\">"),
            Some("windows-1258")
        );
        assert_eq!(
            name("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"),
            Some("windows-1252")
        );
        assert_eq!(name("<meta charset = 'utf-16'>"), Some("UTF-8"));
        assert_eq!(name("<meta name=\"x\"><p>charset=windows-1258</p>"), None);
        assert_eq!(name("<meta charset=\"no-such-thing\">"), None);
    }

    #[test]
    fn windows_1258_pages_decode_and_compose() {
        // "Thế" as Windows-1258 writes it: e-circumflex (0xEA) then the combining acute (0xEC).
        let page = b"<meta charset=windows-1258><p>Th\xEA\xEC</p>";
        let text = decode_page(page, &at(), false).unwrap();
        assert!(text.contains("<p>Th\u{EA}\u{301}</p>"), "{text}");
        assert_eq!(nfc(text), "<meta charset=windows-1258><p>Thế</p>");
    }

    #[test]
    fn a_bom_beats_the_declaration_and_a_utf8_page_that_lies_is_utf8() {
        let page = "\u{FEFF}<meta charset=windows-1252><p>Việt</p>";
        assert!(decode_page(page.as_bytes(), &at(), false)
            .unwrap()
            .ends_with("<p>Việt</p>"));
        let page = "<meta charset=windows-1258><p>Việt</p>";
        assert!(decode_page(page.as_bytes(), &at(), false)
            .unwrap()
            .ends_with("<p>Việt</p>"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<p>Hà Nội</p>".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode_page(&utf16, &at(), false).unwrap(), "<p>Hà Nội</p>");
    }

    #[test]
    fn bad_bytes_are_errors_unless_lossy() {
        let page = b"<meta charset=utf-8><p>a\xFFb</p>";
        let e = decode_page(page, &at(), false).unwrap_err().to_string();
        assert!(e.starts_with("p.html: invalid UTF-8"), "{e}");
        assert!(decode_page(page, &at(), true)
            .unwrap()
            .contains("a\u{FFFD}b"));
        let e = decode_page(b"\x00\x01\x02binary", &at(), false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("binary"), "{e}");
    }

    #[test]
    fn gzip_round_trips_and_bad_gzip_is_named() {
        use std::io::Write;
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"<p>trang</p>").unwrap();
        let packed = z.finish().unwrap();
        assert_eq!(gunzip(&packed, &at()).unwrap(), b"<p>trang</p>");
        let e = gunzip(b"not gzip", &at()).unwrap_err().to_string();
        assert!(e.starts_with("p.html: not a readable gzip file"), "{e}");
    }
}
