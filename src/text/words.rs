//! White space and the words between it, read on bytes.
//!
//! `str::split_whitespace` decodes every character and asks Unicode's white-space table about
//! it; on Vietnamese text (most letters take two or three bytes) that was most of the cost of
//! reading every article's words for its names. White space starts with one of ten bytes, so
//! every other byte is passed over without decoding.

/// The bytes a white-space character can start with (see [`white_space_at`]).
pub(crate) const MAY_START_WHITE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut k = 0;
    while k < starts.len() {
        table[starts[k] as usize] = true;
        k += 1;
    }
    table
};

/// The length in bytes of the white-space character (`char::is_whitespace`) starting at byte
/// `i`, or 0 (a test checks every character): ASCII white space, U+0085, U+00A0, U+1680,
/// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
pub(crate) fn white_space_at(bytes: &[u8], i: usize) -> usize {
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    let b2 = bytes.get(i + 2).copied().unwrap_or(0);
    match bytes[i] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
        0xC2 if matches!(b1, 0x85 | 0xA0) => 2,
        0xE1 if (b1, b2) == (0x9A, 0x80) => 3,
        0xE2 if b1 == 0x80 && matches!(b2, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if (b1, b2) == (0x81, 0x9F) => 3,
        0xE3 if (b1, b2) == (0x80, 0x80) => 3,
        _ => 0,
    }
}

/// [`white_space_at`], with the common answers settled before the call: a space, a byte
/// that starts no white space, and 0xE1 that leads a Vietnamese letter (U+1EA0-U+1EFF, E1 BA
/// or E1 BB) rather than U+1680 (E1 9A 80). The word scans ask at every byte.
#[inline(always)]
pub(crate) fn white_space_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b' ' => 1,
        b if !MAY_START_WHITE_SPACE[usize::from(b)] => 0,
        0xE1 if bytes.get(i + 1) != Some(&0x9A) => 0,
        _ => white_space_at(bytes, i),
    }
}

/// The words of `text`: what `text.split_whitespace()` gives, in the same order.
pub(crate) fn split_white_space(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator of [`split_white_space`].
#[derive(Debug, Clone)]
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        // Past the white space before the word (a single space, mostly).
        loop {
            match bytes.get(at) {
                None => {
                    self.at = at;
                    return None;
                }
                Some(b' ') => at += 1,
                Some(&b) if MAY_START_WHITE_SPACE[usize::from(b)] => {
                    match white_space_at(bytes, at) {
                        0 => break,
                        n => at += n,
                    }
                }
                Some(_) => break,
            }
        }
        let start = at;
        // To the white space after it. A continuation byte (0x80-0xBF) never starts white
        // space, so the search stops only at a character's first byte: both ends of the word
        // are character boundaries.
        let end = loop {
            // Past the bytes that start no white space in a tight loop (`white_space_len` is 0
            // for them): most of a word's bytes.
            while bytes
                .get(at)
                .is_some_and(|&b| !MAY_START_WHITE_SPACE[usize::from(b)])
            {
                at += 1;
            }
            if at >= bytes.len() {
                break bytes.len();
            }
            if white_space_len(bytes, at) > 0 {
                break at;
            }
            at += 1;
        };
        self.at = end;
        self.text.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_len_is_white_space_at() {
        // Every character, alone and followed by each byte that matters after a lead byte.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes().to_vec();
            for tail in [&[][..], &[0x9A, 0x80][..], &[0x80][..], &[b' '][..]] {
                let mut bytes = encoded.clone();
                bytes.extend_from_slice(tail);
                for i in 0..bytes.len() {
                    assert_eq!(
                        white_space_len(&bytes, i),
                        white_space_at(&bytes, i),
                        "{bytes:?} {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_are_those_of_split_whitespace() {
        let spaces: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let mut texts = vec![
            String::new(),
            " ".to_string(),
            "Hải Vân Logistics ở Đà Nẵng, Bình Dương.".to_string(),
            "  Thủ tướng –\u{a0}“Hà Nội”\n … ngày 5/6 ".to_string(),
            "\u{2000}\u{2001}x\u{3000}".to_string(),
            // Bytes that start white space elsewhere, inside other characters: "Â" (C3 82),
            // "ạ" (E1 BA A1), "‘" (E2 80 98), "ぁ" (E3 81 81), "¢" (C2 A2), "ᚁ" (E1 9A 81).
            "Â ạ‘ぁ¢ ¢ᚁ ᚁ".to_string(),
        ];
        for &c in &spaces {
            texts.push(format!("ngày{c}mai"));
            texts.push(format!("{c}ngày{c}{c}mai{c}"));
            texts.push(format!("{c}"));
            texts.push(format!("ạ{c}‘"));
        }
        for text in &texts {
            let expected: Vec<&str> = text.split_whitespace().collect();
            let got: Vec<&str> = split_white_space(text).collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }
}
