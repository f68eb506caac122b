//! Sentences: a paragraph cut where a sentence ends, and a headline glued onto its lead cut
//! off.

use crate::text::lexicon::SENTENCE_DATE_WORDS;

/// Where a headline glued onto its lead ends: a capitalised date word ("Ngày 27/3") right after
/// a lower-case word with no punctuation between, within the first 250 characters. Returns the
/// byte offset of the date word.
pub(crate) fn glued_headline_end(paragraph: &str) -> Option<usize> {
    let bytes = paragraph.as_bytes();
    // The word before, whose last letter is looked at only before a date word: deciding
    // whether it is lower case (a Unicode lookup for most Vietnamese letters) for every word
    // was most of this function.
    let mut prev = "";
    let mut offset = 0;
    // Characters before `offset`: past 250 no later word can be the seam, so the rest of a
    // long paragraph is not looked at.
    let mut chars_before = 0;
    // The words between single spaces (`paragraph.split(' ')`), found byte by byte.
    loop {
        if chars_before > 250 {
            break;
        }
        let rest = &bytes[offset..];
        let len = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        let word = &paragraph[offset..offset + len];
        if offset > 0
            && SENTENCE_DATE_WORDS.contains(&word)
            && prev.chars().last().is_some_and(|c| c.is_lowercase())
        {
            let rest = &paragraph[offset + word.len()..];
            let digit_follows = rest
                .trim_start()
                .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ')
                .starts_with(|c: char| c.is_ascii_digit());
            if digit_follows && paragraph[..offset].chars().count() <= 250 {
                return Some(offset);
            }
        }
        prev = word;
        offset += len + 1;
        // A character's bytes after its first are 0b10xxxxxx.
        chars_before += word.bytes().filter(|&b| b & 0xC0 != 0x80).count() + 1;
        if offset > paragraph.len() {
            break;
        }
    }
    None
}

/// The offsets of the bytes a sentence mark starts with, in order: ".", "!", "?" and 0xE2,
/// the first byte of "…" (and of other punctuation, rare in a sentence).
fn mark_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut ascii = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut e2 = memchr::memchr_iter(0xE2, bytes).peekable();
    std::iter::from_fn(move || match (ascii.peek(), e2.peek()) {
        (Some(&a), Some(&e)) if e < a => e2.next(),
        (Some(_), _) => ascii.next(),
        (None, _) => e2.next(),
    })
}

/// Splits a paragraph into sentences at `.`, `!`, `?` or `…` followed by a capital letter
/// (with or without a space: scraped text often loses it), keeping abbreviations like "TP."
/// together.
pub fn sentences(paragraph: &str) -> Vec<&str> {
    sentences_and_seam(paragraph).0
}

/// [`sentences`], and where a headline glued onto the paragraph ends
/// ([`glued_headline_end`]), which labelling the paragraph asks again.
pub(crate) fn sentences_and_seam(paragraph: &str) -> (Vec<&str>, Option<usize>) {
    let mut out = Vec::new();
    let mut start = 0;
    let seam = glued_headline_end(paragraph);
    if let Some(cut) = seam {
        let head = paragraph[..cut].trim();
        if !head.is_empty() {
            out.push(head);
        }
        start = cut;
    }
    let bytes = paragraph.as_bytes();
    // Only the bytes a sentence mark starts with are looked at, found by memchr: the test of
    // every byte against the four was most of this function.
    for at in mark_starts(bytes) {
        let b = bytes[at];
        // The sentence marks: three ASCII bytes, and "…" (E2 80 A6; E2 only ever leads a
        // character, so `at` is a character boundary).
        let c = match b {
            b'.' | b'!' | b'?' => char::from(b),
            0xE2 if bytes[at + 1..].starts_with(&[0x80, 0xA6]) => '…',
            _ => continue,
        };
        if at < start {
            continue;
        }
        // Next character that is not a space.
        let after = paragraph[at + c.len_utf8()..].trim_start_matches(' ');
        let Some(next) = after.chars().next() else {
            continue;
        };
        let next_at = paragraph.len() - after.len();
        if !(next.is_uppercase() || next == '"' || next == '“') {
            continue;
        }
        // "TP. Hồ Chí Minh", "GS. Nguyễn": a short capitalised word before the dot.
        let word = paragraph[start..at]
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        if c == '.'
            && !word.is_empty()
            && word.chars().count() <= 3
            && word.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let end = at + c.len_utf8();
        let s = paragraph[start..end].trim();
        if !s.is_empty() {
            out.push(s);
        }
        start = next_at;
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    (out, seam)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_starts_are_the_bytes_of_the_marks() {
        for text in [
            "",
            "a",
            "Hội nghị bế mạc. Ngày 5/6!Hai bên “ký” kết?… – xong…",
            "……..!!??",
            "…",
            ".",
        ] {
            let bytes = text.as_bytes();
            let expected: Vec<usize> = (0..bytes.len())
                .filter(|&i| matches!(bytes[i], b'.' | b'!' | b'?' | 0xE2))
                .collect();
            assert_eq!(mark_starts(bytes).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn sentences_split_at_punctuation_and_glued_headlines() {
        assert_eq!(
            sentences(
                "Hội nghị bế mạc. Ngày 5/6, hai bên ký kết.Theo TTXVN, TP. Hồ Chí Minh đón đoàn."
            ),
            vec![
                "Hội nghị bế mạc.",
                "Ngày 5/6, hai bên ký kết.",
                "Theo TTXVN, TP. Hồ Chí Minh đón đoàn."
            ]
        );
        assert_eq!(
            sentences("Hai nước ký thỏa thuận vũ trụ Ngày 27/3, nguồn tin cho biết."),
            vec![
                "Hai nước ký thỏa thuận vũ trụ",
                "Ngày 27/3, nguồn tin cho biết."
            ]
        );
        assert_eq!(glued_headline_end("Ngày 27/3, nguồn tin cho biết"), None);
        // The seam is looked for within the first 250 characters only, up to the last one.
        for n in [240, 249, 250, 251, 260] {
            let text = format!("{} Ngày 27/3, tin.", "ă".repeat(n - 1));
            let expected = (n <= 250).then_some(text.find(" Ngày").unwrap() + 1);
            assert_eq!(glued_headline_end(&text), expected, "{n}");
        }
        // A full stop before the glued seam must not be revisited (this once panicked).
        assert_eq!(
            sentences(
                "Bộ sẽ kiểm tra. Bộ Công an cảnh báo thủ đoạn mới Ngày 27/3, nhiều người bị lừa."
            ),
            vec![
                "Bộ sẽ kiểm tra. Bộ Công an cảnh báo thủ đoạn mới",
                "Ngày 27/3, nhiều người bị lừa."
            ]
        );
    }
}
