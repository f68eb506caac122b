//! The prefilter's patterns (see [`super::grammar::prefilter`]) read by hand: the same flags
//! as the `RegexSet` they were written as (kept in the tests, which compare the two on every
//! sentence of the repository's texts and on made-up ones), without its overlapping search,
//! whose literal prefilter stopped at every digit and date word and whose lazy DFA was built
//! state by state on the first articles.
//!
//! Every pattern but the first has one shape: words separated by white space (`\s+`), each
//! word one of a few spellings, and no word boundary asked for. So a match is a run of
//! white-space separated chunks of the sentence: its first word ends a chunk (it may start
//! inside it: "xtháng 5" matches), its middle words are whole chunks, its last word starts a
//! chunk, and a pattern of one word may stand anywhere. The first pattern, a digit, a
//! separator and a digit with optional white space between, is read around each separator.

use aho_corasick::packed;

use crate::text::words::{white_space_at, white_space_len};

/// A word of a pattern, with its first and last eight bytes as numbers (and the masks that
/// keep as many bytes as it has), compared with the eight bytes at a chunk's start or end.
struct Spelled {
    text: Box<[u8]>,
    head: u64,
    head_mask: u64,
    tail: u64,
    tail_mask: u64,
}

impl Spelled {
    fn new(text: &str) -> Spelled {
        let b = text.as_bytes();
        let n = b.len().min(8);
        // The low `n` bytes (a little-endian read of the first `n`), and the high `n` (of
        // the last `n`).
        let low = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        let high = if n == 0 { 0 } else { u64::MAX << (8 * (8 - n)) };
        Spelled {
            text: b.into(),
            head: head8(b, 0) & low,
            head_mask: low,
            tail: tail8(b, b.len()) & high,
            tail_mask: high,
        }
    }

    /// Whether chunk `c` starts with this word.
    #[inline]
    fn starts(&self, bytes: &[u8], c: &Chunk) -> bool {
        let n = self.text.len();
        n <= c.end - c.start
            && c.head & self.head_mask == self.head
            && (n <= 8 || bytes[c.start..c.start + n] == *self.text)
    }

    /// Whether chunk `c` ends with this word.
    #[inline]
    fn ends(&self, bytes: &[u8], c: &Chunk) -> bool {
        let n = self.text.len();
        n <= c.end - c.start
            && c.tail & self.tail_mask == self.tail
            && (n <= 8 || bytes[c.end - n..c.end] == *self.text)
    }
}

/// A chunk of the sentence (between white space), with its first and last eight bytes read.
#[derive(Clone, Copy, Default)]
struct Chunk {
    start: usize,
    end: usize,
    head: u64,
    tail: u64,
}

impl Chunk {
    fn new(bytes: &[u8], start: usize, end: usize) -> Chunk {
        Chunk {
            start,
            end,
            head: head8(bytes, start),
            tail: tail8(bytes, end),
        }
    }
}

/// The eight bytes from `at`, little-endian, zeros past the end.
#[inline]
fn head8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or([0; 8])),
        None => {
            let mut w = [0u8; 8];
            let rest = bytes.get(at..).unwrap_or(&[]);
            w[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(w)
        }
    }
}

/// The eight bytes before `end`, little-endian, zeros before the start.
#[inline]
fn tail8(bytes: &[u8], end: usize) -> u64 {
    match end.checked_sub(8) {
        Some(from) => u64::from_le_bytes(bytes[from..end].try_into().unwrap_or([0; 8])),
        None => {
            let mut w = [0u8; 8];
            w[8 - end..].copy_from_slice(&bytes[..end]);
            u64::from_le_bytes(w)
        }
    }
}

/// One word of a pattern: any of `tuples` (a spelling of several words is a tuple of them,
/// matched over as many chunks), or a chunk that starts with a digit of `digits`.
struct Element {
    tuples: Vec<Vec<Spelled>>,
    digits: Option<(u8, u8)>,
    /// The tuples by the byte their first word starts with, or for a pattern's first element
    /// (whose first word ends its chunk) ends with.
    by_byte: Vec<Vec<u16>>,
}

/// One alternative of a pattern: elements separated by white space.
struct Alternative {
    flag: u8,
    elements: Vec<Element>,
}

/// The words that may end a first chunk, by a hash of their last two bytes.
const BUCKETS: usize = 4096;

/// The most chunks an alternative spans.
const MAX_CHUNKS: usize = 8;

/// The prefilter's patterns, ready to scan with.
pub(super) struct Scan {
    alternatives: Vec<Alternative>,
    /// The first words of the alternatives (their first elements' tuples' first words), with
    /// the alternatives they start, by the hash of their last two bytes.
    /// Those of four bytes or more, by a hash of their last four bytes.
    ends: Vec<Vec<(Spelled, u64)>>,
    /// Those of fewer, by a hash of their last two bytes (a lone byte after any).
    short_ends: Vec<Vec<(Spelled, u64)>>,
    /// The last two bytes of the short ones, as a set of 65,536 bits: most chunks end
    /// otherwise.
    pairs: Vec<u64>,
    /// Patterns of one word without white space, which may stand anywhere: an automaton of
    /// their words per flag.
    anywhere: Vec<Anywhere>,
}

/// The bucket of a word's last two bytes (a lone byte after 0).
fn bucket(a: u8, b: u8) -> usize {
    (usize::from(a).wrapping_mul(0x9E37) ^ usize::from(b)) % BUCKETS
}

/// The bucket of a word's last four bytes.
fn bucket4(last4: u32) -> usize {
    (last4.wrapping_mul(0x9E37_79B1) >> 20) as usize % BUCKETS
}

/// A pattern's word, given as its spellings (each possibly of several words).
pub(super) enum Word {
    /// Any of these spellings.
    Spellings(Vec<String>),
    /// Any of these spellings, or a digit in this range.
    SpellingsOrDigit(Vec<String>, u8, u8),
    /// A digit in this range.
    Digit(u8, u8),
}

impl Scan {
    /// The scan of `patterns`: for each flag (its index), alternatives of words separated by
    /// white space. Flag 0 is the separated digits, read apart and given no alternatives.
    pub(super) fn new(patterns: Vec<Vec<Vec<Word>>>) -> Scan {
        let mut alternatives = Vec::new();
        let mut anywhere: Vec<(u8, Vec<String>)> = Vec::new();
        for (flag, alts) in patterns.into_iter().enumerate() {
            let flag = u8::try_from(flag).expect("few flags");
            for words in alts {
                let single = words.len() == 1;
                let mut elements = Vec::new();
                for word in words {
                    let (spellings, digits) = match word {
                        Word::Spellings(s) => (s, None),
                        Word::SpellingsOrDigit(s, lo, hi) => (s, Some((lo, hi))),
                        Word::Digit(lo, hi) => (Vec::new(), Some((lo, hi))),
                    };
                    let mut tuples = Vec::new();
                    for s in spellings {
                        if single && !s.contains(' ') {
                            // One word alone: anywhere in the sentence.
                            match anywhere.iter_mut().find(|(f, _)| *f == flag) {
                                Some((_, list)) => list.push(s),
                                None => anywhere.push((flag, vec![s])),
                            }
                            continue;
                        }
                        tuples.push(s.split(' ').map(Spelled::new).collect::<Vec<_>>());
                    }
                    let mut by_byte: Vec<Vec<u16>> = vec![Vec::new(); 256];
                    for (k, t) in tuples.iter().enumerate() {
                        let w = &t[0].text;
                        let b = if elements.is_empty() {
                            w.last()
                        } else {
                            w.first()
                        };
                        if let Some(&b) = b {
                            by_byte[usize::from(b)].push(u16::try_from(k).expect("few spellings"));
                        }
                    }
                    elements.push(Element {
                        tuples,
                        digits,
                        by_byte,
                    });
                }
                if elements[0].tuples.is_empty() {
                    // Every spelling stands anywhere (a pattern's first word is never a digit).
                    continue;
                }
                let chunks: usize = elements
                    .iter()
                    .map(|e| e.tuples.iter().map(Vec::len).max().unwrap_or(1))
                    .sum();
                assert!(
                    chunks <= MAX_CHUNKS,
                    "an alternative spans at most {MAX_CHUNKS}"
                );
                alternatives.push(Alternative { flag, elements });
            }
        }
        assert!(alternatives.len() <= 64, "at most 64 alternatives");
        let mut ends: Vec<Vec<(Spelled, u64)>> = (0..BUCKETS).map(|_| Vec::new()).collect();
        let mut short_ends: Vec<Vec<(Spelled, u64)>> = (0..BUCKETS).map(|_| Vec::new()).collect();
        let mut pairs = vec![0u64; 65536 / 64];
        let add = |list: &mut Vec<(Spelled, u64)>, w: &[u8], a: usize| match list
            .iter_mut()
            .find(|(e, _)| *e.text == *w)
        {
            Some((_, mask)) => *mask |= 1 << a,
            None => list.push((
                Spelled::new(std::str::from_utf8(w).unwrap_or_default()),
                1 << a,
            )),
        };
        for (a, alt) in alternatives.iter().enumerate() {
            for t in &alt.elements[0].tuples {
                let w = &t[0].text;
                if w.len() >= 4 {
                    let last4 = u32::from_le_bytes([
                        w[w.len() - 4],
                        w[w.len() - 3],
                        w[w.len() - 2],
                        w[w.len() - 1],
                    ]);
                    add(&mut ends[bucket4(last4)], w, a);
                    continue;
                }
                let ends_in: Vec<(u8, u8)> = match **w {
                    [.., x, y] => vec![(x, y)],
                    // A one-byte word ends chunks whose byte before it is anything.
                    [y] => (0..=255u8).map(|x| (x, y)).collect(),
                    [] => Vec::new(),
                };
                for (x, y) in ends_in {
                    let pair = usize::from(x) << 8 | usize::from(y);
                    pairs[pair / 64] |= 1 << (pair % 64);
                    add(&mut short_ends[bucket(x, y)], w, a);
                }
            }
        }
        let anywhere = anywhere
            .into_iter()
            .map(|(flag, words)| Anywhere::new(flag, words))
            .collect();
        Scan {
            alternatives,
            ends,
            short_ends,
            pairs,
            anywhere,
        }
    }

    /// The flags whose patterns match somewhere in `sentence`, bit `i` for flag `i`; `all` is
    /// every flag (the scan stops when they are found).
    pub(super) fn flags(&self, sentence: &str, all: u16) -> u16 {
        let bytes = sentence.as_bytes();
        let mut found = 0u16;
        if separated_digits(bytes) {
            found |= 1;
        }
        for a in &self.anywhere {
            if found & (1 << a.flag) == 0 && a.is_in(bytes) {
                found |= 1 << a.flag;
            }
        }
        // Each chunk followed by white space, as the white space after it is met: only such a
        // chunk can end a pattern's first word. Most sentences have no white space but the
        // space, whose places memchr finds.
        let mut start = 0;
        if only_spaces(bytes) {
            // The spaces eight bytes at a time: a mask with 0x80 in each byte that is one.
            let mut base = 0;
            while base < bytes.len() {
                let mut spaces = spaces_in(head8(bytes, base));
                while spaces != 0 {
                    let i = base + (spaces.trailing_zeros() / 8) as usize;
                    spaces &= spaces - 1;
                    if i >= bytes.len() {
                        break;
                    }
                    if i > start {
                        found |= self.chunk_flags(bytes, start, i, found);
                        if found == all {
                            return found;
                        }
                    }
                    start = i + 1;
                }
                base += 8;
            }
            return found;
        }
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Printable ASCII, continuation bytes and the lead bytes of most letters start no
            // white space.
            if matches!(b, 0x21..=0xC1 | 0xC3..=0xE0 | 0xE4..=0xFF) {
                i += 1;
                continue;
            }
            let n = white_space_len(bytes, i);
            if n == 0 {
                i += 1;
                continue;
            }
            if i > start {
                found |= self.chunk_flags(bytes, start, i, found);
                if found == all {
                    break;
                }
            }
            i += n;
            start = i;
        }
        found
    }

    /// The flags of the alternatives not in `found` whose first word ends the chunk
    /// `bytes[start..end]` (white space after it) and that match from there.
    #[inline(always)]
    fn chunk_flags(&self, bytes: &[u8], start: usize, end: usize, found: u16) -> u16 {
        // The eight bytes before the chunk's end (some before its start when it is shorter:
        // `Spelled::ends` checks the length). Its last four bytes pick the bucket of the long
        // words, its last two the bit of the short ones.
        let tail = tail8(bytes, end);
        let long = &self.ends[bucket4((tail >> 32) as u32)];
        let (x, y) = ((tail >> 48) as u8, (tail >> 56) as u8);
        let pair = usize::from(x) << 8 | usize::from(y);
        let short = self.pairs[pair / 64] & (1 << (pair % 64)) != 0;
        if long.is_empty() && !short {
            return 0;
        }
        self.candidate_chunk_flags(
            bytes,
            Chunk {
                start,
                end,
                head: 0,
                tail,
            },
            long,
            short,
            found,
        )
    }

    /// [`Scan::chunk_flags`] past its quick test.
    #[inline(never)]
    fn candidate_chunk_flags(
        &self,
        bytes: &[u8],
        first: Chunk,
        long: &[(Spelled, u64)],
        short: bool,
        found: u16,
    ) -> u16 {
        let (start, end) = (first.start, first.end);
        let mut candidates = 0u64;
        for (w, mask) in long {
            if w.ends(bytes, &first) {
                candidates |= mask;
            }
        }
        if short {
            let (x, y) = ((first.tail >> 48) as u8, (first.tail >> 56) as u8);
            for (w, mask) in &self.short_ends[bucket(x, y)] {
                if w.ends(bytes, &first) {
                    candidates |= mask;
                }
            }
        }
        let mut flags = 0u16;
        if candidates == 0 {
            return flags;
        }
        let mut chunks = Chunks {
            bytes,
            list: [Chunk::new(bytes, start, end); MAX_CHUNKS],
            known: 1,
        };
        while candidates != 0 {
            let a = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let alt = &self.alternatives[a];
            let bit = 1 << alt.flag;
            if (found | flags) & bit == 0 && matches_from(alt, 0, 0, &mut chunks) {
                flags |= bit;
            }
        }
        flags
    }
}

/// The words of one flag that may stand anywhere ("Noel", "valentine"), found by a packed
/// (SIMD) searcher.
struct Anywhere {
    flag: u8,
    searcher: packed::Searcher,
}

impl Anywhere {
    fn new(flag: u8, words: Vec<String>) -> Anywhere {
        Anywhere {
            flag,
            searcher: packed::Searcher::new(&words).expect("a few short words"),
        }
    }

    /// Whether one of the words stands in `bytes`.
    fn is_in(&self, bytes: &[u8]) -> bool {
        self.searcher.find(bytes).is_some()
    }
}

/// The chunks from a candidate first one on, found as they are asked for.
struct Chunks<'a> {
    bytes: &'a [u8],
    list: [Chunk; MAX_CHUNKS],
    known: usize,
}

impl Chunks<'_> {
    /// Chunk `k` (0 the first), if the text has it.
    #[inline]
    fn get(&mut self, k: usize) -> Option<Chunk> {
        if k < self.known {
            return Some(self.list[k]);
        }
        self.find(k)
    }

    /// [`Chunks::get`] of a chunk not yet found.
    #[inline(never)]
    fn find(&mut self, k: usize) -> Option<Chunk> {
        while self.known <= k {
            let bytes = self.bytes;
            let mut at = self.list[self.known - 1].end;
            // Past the white space.
            loop {
                if at >= bytes.len() {
                    return None;
                }
                match white_space_len(bytes, at) {
                    0 => break,
                    n => at += n,
                }
            }
            let start = at;
            while at < bytes.len() && white_space_len(bytes, at) == 0 {
                at += 1;
            }
            self.list[self.known] = Chunk::new(bytes, start, at);
            self.known += 1;
        }
        Some(self.list[k])
    }
}

/// Whether `alt`'s elements from `e` on match the chunks from `m` on (element 0 at chunk 0,
/// its first word ending that chunk).
fn matches_from(alt: &Alternative, e: usize, m: usize, chunks: &mut Chunks<'_>) -> bool {
    let Some(element) = alt.elements.get(e) else {
        return true;
    };
    let Some(c) = chunks.get(m) else {
        return false;
    };
    let last_element = e + 1 == alt.elements.len();
    // A chunk is never empty.
    let first_byte = c.head as u8;
    if let Some((lo, hi)) = element.digits {
        // Digits are only ever a pattern's last word.
        if (lo..=hi).contains(&first_byte) && last_element {
            return true;
        }
    }
    let bytes = chunks.bytes;
    let key = if e == 0 {
        (c.tail >> 56) as u8
    } else {
        first_byte
    };
    'tuples: for &t in &element.by_byte[usize::from(key)] {
        let t = &element.tuples[usize::from(t)];
        let n = t.len();
        // The first word at chunk `m`, the rest on the chunks after it.
        let ok = match (e == 0, last_element && n == 1) {
            // A single word alone is read by the searcher of words that stand anywhere.
            (true, true) => false,
            (true, false) => t[0].ends(bytes, &c),
            (false, true) => t[0].starts(bytes, &c),
            (false, false) => t[0].starts(bytes, &c) && c.end - c.start == t[0].text.len(),
        };
        if !ok {
            continue;
        }
        for (k, w) in t.iter().enumerate().skip(1) {
            let Some(c) = chunks.get(m + k) else {
                continue 'tuples;
            };
            let ok = if last_element && k + 1 == n {
                w.starts(bytes, &c)
            } else {
                w.starts(bytes, &c) && c.end - c.start == w.text.len()
            };
            if !ok {
                continue 'tuples;
            }
        }
        if matches_from(alt, e + 1, m + n, chunks) {
            return true;
        }
    }
    false
}

/// Whether `bytes` hold `[0-9]\s*[/.\-]\s*[0-9]` (`\s` Unicode white space): read around each
/// separator, skipping white space back and forth.
fn separated_digits(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'/', b'.', b'-', bytes).any(|i| {
        digit_before(bytes, i) && {
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    Some(b) if b.is_ascii_digit() => break true,
                    Some(_) => match white_space_at(bytes, j) {
                        0 => break false,
                        n => j += n,
                    },
                    None => break false,
                }
            }
        }
    })
}

/// 0x80 in each byte of `w` that is a space, 0 in the others (exactly: no carry crosses from
/// one byte to the next, as each byte's low seven bits plus 0x7F stay below 0x100).
#[inline]
fn spaces_in(w: u64) -> u64 {
    const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);
    let x = w ^ u64::from_ne_bytes([b' '; 8]);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Whether the only white space of `bytes` is the space: no byte of ASCII's other white space
/// (tab, line feed, vertical tab, form feed, carriage return), no 0xC2, 0xE2 or 0xE3 that
/// starts white space, and no 0xE1 0x9A (see `white_space_at`).
fn only_spaces(bytes: &[u8]) -> bool {
    // Those lead bytes start quotes, dashes and "…" in news: each is checked.
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).all(|i| white_space_at(bytes, i) == 0)
        && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr::memchr2(0x0B, 0x0C, bytes).is_none()
        && ogham_finder().find(bytes).is_none()
}

/// A finder of 0xE1 0x9A, the start of U+1680 (0xE1 alone leads most Vietnamese letters).
fn ogham_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(&[0xE1, 0x9A]))
}

/// Whether a digit stands before byte `i`, white space between.
fn digit_before(bytes: &[u8], mut i: usize) -> bool {
    loop {
        if i == 0 {
            return false;
        }
        let b = bytes[i - 1];
        if b.is_ascii_digit() {
            return true;
        }
        // White space of one, two or three bytes ending at `i` (each starts with a byte that
        // starts characters, so a match is a whole character).
        let n = (1..=3).find(|&n| i >= n && white_space_at(bytes, i - n) == n);
        match n {
            Some(n) => i -= n,
            None => return false,
        }
    }
}
