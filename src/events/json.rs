//! Events written as JSON by hand: the bytes `serde_json` writes for [`Record`] and
//! [`Source`], without building a `Record` (a copy of every string of the event) and with a
//! string escaper that skips eight plain bytes at a time (serde's looked every byte up in a
//! table: a quarter of writing merged events).
//!
//! The tests compare every byte with `serde_json`'s on events with every kind of character.
//!
//! [`Record`]: super::file::Record

use std::io::{self, Write};

use chrono::NaiveDate;

use super::types::{Event, Source};

/// Eight copies of a byte.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Whether any of the eight bytes of `w` is one JSON must escape: below 0x20, '"' or '\\'.
/// Each test is exact about whether such a byte exists (the usual "has a byte below n" and
/// "has a zero byte" tricks, with n = 0x20 <= 128); which byte it is, is found byte by byte.
#[inline]
fn needs_escape(w: u64) -> bool {
    const HIGH: u64 = splat(0x80);
    let below = |x: u64, n: u8| x.wrapping_sub(splat(n)) & !x & HIGH;
    let quote = w ^ splat(b'"');
    let backslash = w ^ splat(b'\\');
    (below(w, 0x20) | below(quote, 1) | below(backslash, 1)) != 0
}

/// Appends `s` as a JSON string, quoted and escaped exactly as `serde_json` escapes it: `"` and
/// `\` with a backslash, the control characters with a short escape (`\b`, `\t`, `\n`, `\f`,
/// `\r`) or `\u00XX` in lower-case hex, everything else (0x7F and all of Unicode) as is.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `plain` is where the bytes not yet copied start.
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !needs_escape(u64::from_ne_bytes(word)) {
                i += 8;
                continue;
            }
        }
        // Byte by byte up to the end of this chunk (or of the text).
        let end = (i + 8).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x09 => b"\\t",
                0x0A => b"\\n",
                0x0C => b"\\f",
                0x0D => b"\\r",
                0x00..=0x1F => b"",
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.extend_from_slice(&bytes[plain..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            } else {
                out.extend_from_slice(escape);
            }
            i += 1;
            plain = i;
        }
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

/// Appends a date as `serde_json` writes chrono's (its `Display`, quoted).
fn push_date(out: &mut Vec<u8>, d: NaiveDate) {
    // A date's text holds nothing to escape.
    out.push(b'"');
    // Writing to a Vec cannot fail.
    let _ = write!(out, "{d}");
    out.push(b'"');
}

/// Appends `sources` as `serde_json` writes a `Vec<Source>`.
pub(crate) fn push_sources(out: &mut Vec<u8>, sources: &[Source]) {
    out.push(b'[');
    for (k, s) in sources.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":");
        push_str(out, &s.id);
        out.extend_from_slice(b",\"title\":");
        push_str(out, &s.title);
        if let Some(d) = s.published {
            out.extend_from_slice(b",\"published\":");
            push_date(out, d);
        }
        if let Some(url) = &s.url {
            out.extend_from_slice(b",\"url\":");
            push_str(out, url);
        }
        out.push(b'}');
    }
    out.push(b']');
}

/// Appends `e` as `serde_json` writes `Record::of(e)`, without the line's end.
pub(crate) fn push_event(out: &mut Vec<u8>, e: &Event) -> io::Result<()> {
    let first = e.sources.first();
    out.extend_from_slice(b"{\"id\":");
    push_str(out, &e.id);
    out.extend_from_slice(b",\"date\":");
    push_str(out, &e.date_string());
    if let Some(end) = e.end {
        out.extend_from_slice(b",\"end\":");
        push_str(out, &end.iso());
    }
    out.extend_from_slice(b",\"precision\":");
    push_str(out, e.date.precision().name());
    out.extend_from_slice(b",\"role\":");
    push_str(out, e.role.name());
    out.extend_from_slice(b",\"label\":");
    push_str(out, &e.label);
    out.extend_from_slice(b",\"confidence\":");
    // The number as serde writes it (shortest round trip; `null` for what is not finite).
    serde_json::to_writer(&mut *out, &super::file::round6(e.confidence))?;
    out.extend_from_slice(b",\"headline\":");
    push_str(out, &e.headline);
    out.extend_from_slice(b",\"text\":");
    push_str(out, &e.text);
    out.extend_from_slice(b",\"source\":");
    push_str(out, &e.source);
    if !e.sources.is_empty() {
        out.extend_from_slice(b",\"sources\":");
        push_sources(out, &e.sources);
    }
    let _ = write!(out, ",\"source_count\":{}", e.sources.len());
    out.extend_from_slice(if e.year_known() {
        b",\"year_known\":true"
    } else {
        b",\"year_known\":false"
    });
    if let Some(title) = first.map(|s| s.title.as_str()).filter(|t| !t.is_empty()) {
        out.extend_from_slice(b",\"title\":");
        push_str(out, title);
    }
    if let Some(d) = first.and_then(|s| s.published) {
        out.extend_from_slice(b",\"published\":");
        push_date(out, d);
    }
    if let Some(url) = first.and_then(|s| s.url.as_deref()) {
        out.extend_from_slice(b",\"url\":");
        push_str(out, url);
    }
    out.push(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::file::Record;
    use crate::events::types::{EventDate, Precision, Role, When};

    /// Strings with every byte JSON escapes, multi-byte characters, and lengths around the
    /// eight-byte chunks.
    fn strings() -> Vec<String> {
        let mut all: Vec<String> = vec![
            String::new(),
            "a".into(),
            "Hải Vân \"quoted\" back\\slash".into(),
            "\u{7f}\u{80}\u{2028}\u{2029}…“”\u{FFFD}😀".into(),
            "ngày 14/5 năm 2024, tin tặc đã tấn công.".into(),
        ];
        for c in 0u8..0x80 {
            let c = char::from(c);
            for pad in 0..17 {
                let mut s = "x".repeat(pad);
                s.push(c);
                s.push_str("ấy");
                s.push(c);
                all.push(s);
            }
        }
        all
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        for s in strings() {
            let mut out = Vec::new();
            push_str(&mut out, &s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn events_are_written_as_serde_writes_their_records() {
        let strings = strings();
        let dates = [
            When::Dated(EventDate {
                year: 2024,
                month: 5,
                day: 14,
                precision: Precision::Day,
            }),
            When::Dated(EventDate {
                year: 2024,
                month: 5,
                day: 1,
                precision: Precision::Month,
            }),
        ];
        let confidences = [0.0, 0.5, 0.999_499_7, 1.0, 1e-7, 0.123_456_49, f64::NAN];
        for (k, s) in strings.iter().enumerate() {
            let mut e = Event::for_test("a\"1", dates[k % 2], s, s);
            e.text = strings[(k * 7) % strings.len()].clone();
            e.source = strings[(k * 13) % strings.len()].clone();
            e.confidence = confidences[k % confidences.len()];
            e.role = [Role::Reported, Role::Planned, Role::Background][k % 3];
            if k % 4 == 1 {
                e.end = Some(EventDate {
                    year: 2024,
                    month: 5,
                    day: 19,
                    precision: Precision::Day,
                });
            }
            e.sources[0].title = strings[(k * 3) % strings.len()].clone();
            if k % 3 == 0 {
                e.sources[0].published = NaiveDate::from_ymd_opt(2023, 12, 31);
            }
            if k % 5 == 0 {
                e.sources[0].url = Some(s.clone());
            }
            if k % 6 == 0 {
                let mut other = e.sources[0].clone();
                other.id = s.clone();
                other.url = None;
                e.sources.push(other);
            }
            if k % 11 == 0 {
                e.sources.clear();
            }
            let mut out = Vec::new();
            push_event(&mut out, &e).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&Record::of(&e)).unwrap()
            );
            let mut out = Vec::new();
            push_sources(&mut out, &e.sources);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&e.sources).unwrap()
            );
        }
    }
}
