//! Syllable tokens and syllable n-grams, hashed once, without a heap allocation per token.
//!
//! Vietnamese words are made of syllables separated by spaces ("an ninh mạng"), so the unit is
//! the syllable: a run of letters and digits. Punctuation and symbols split syllables and also
//! break n-grams, so "mạng. Ngày" never becomes a bigram. Tokens that contain a digit (numbers,
//! dates, scores) are dropped and break n-grams too: they would otherwise flood the vocabulary
//! with one column per number.
//!
//! Every token is identified by a 64-bit hash: FNV-1a of each syllable, and for an n-gram
//! (whose text is its syllables joined by single spaces, "an ninh") the syllable hashes
//! combined left to right, so no string is built and no byte is hashed twice to look a token up.

use serde::{Deserialize, Serialize};

use super::normalize::{
    fold_bytes_table, fold_one, fold_table, normalize_with, CharSink, NormalizeOptions,
    FOLDS_OTHERWISE, FOLDS_TO_NOTHING,
};

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that already are good 64-bit hashes (token hashes): it passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only used for u64 keys; fold anything else in so the hasher stays correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by token hash.
pub(crate) type TokenMap<V> = HashMap<u64, V, BuildHasherDefault<PassThroughHasher>>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over `bytes`, continuing from `state`.
#[inline]
fn fnv1a(mut state: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        state ^= u64::from(b);
        state = state.wrapping_mul(FNV_PRIME);
    }
    state
}

/// Hash of one syllable (the scanner computes it as the syllable is written).
#[cfg(test)]
fn syllable_hash(syllable: &str) -> u64 {
    fnv1a(FNV_OFFSET, syllable.as_bytes())
}

/// Hash of an n-gram from the hash of its first n-1 syllables and the hash of its last one.
/// Combining hashes (instead of re-hashing the bytes) makes a trigram cost one multiply.
#[inline]
fn combine(prefix: u64, next: u64) -> u64 {
    let mut h = (prefix.rotate_left(23) ^ next).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    h
}

/// The hash of a token's text, as used by [`crate::features::Vocabulary`].
/// For an n-gram pass its syllables joined by single spaces.
pub fn token_hash(text: &str) -> u64 {
    // `text.split(' ')`, each part hashed and folded in, in one pass over the bytes (a model
    // hashes its whole vocabulary when it is loaded).
    let mut prefix: Option<u64> = None;
    let mut part = FNV_OFFSET;
    for &b in text.as_bytes() {
        if b == b' ' {
            prefix = Some(prefix.map_or(part, |h| combine(h, part)));
            part = FNV_OFFSET;
        } else {
            part = (part ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    prefix.map_or(part, |h| combine(h, part))
}

/// FNV-1a of arbitrary text, for telling repeated lines apart.
pub fn text_hash(text: &str) -> u64 {
    fnv1a(FNV_OFFSET, text.as_bytes())
}

/// [`text_hash`] of `String::from_utf8_lossy(bytes)`, without building that string: valid
/// characters are hashed as they are, each invalid sequence as U+FFFD, as the lossy copy has it.
/// (The merge fingerprints binary records this way, on the one thread that adds to the merge.)
pub(crate) fn lossy_text_hash(bytes: &[u8]) -> u64 {
    lossy_text_hash_from(FNV_OFFSET, bytes)
}

/// [`lossy_text_hash`] of records of strings, each after its length in four little-endian
/// bytes (as the merge keeps an event: see `events::merge::store::put_str`), given as the
/// strings: the same value, with each string hashed as the valid text it is rather than
/// checked character by character (that check was most of the hash's time).
///
/// Exact because no character or invalid sequence of the record crosses from one part to
/// the next: a string starts and ends whole characters, and a length below 2^31 ends with
/// a byte below 0x80, which ends any invalid sequence before it. A longer string (never met)
/// is hashed the slow way.
pub(crate) fn lossy_record_hash(strings: &[&str]) -> u64 {
    if strings.iter().any(|s| s.len() >= 1 << 31) {
        let mut bytes = Vec::new();
        for s in strings {
            bytes.extend_from_slice(&(s.len() as u32).to_le_bytes());
            bytes.extend_from_slice(s.as_bytes());
        }
        return lossy_text_hash(&bytes);
    }
    let mut state = FNV_OFFSET;
    for s in strings {
        state = lossy_text_hash_from(state, &(s.len() as u32).to_le_bytes());
        state = fnv1a(state, s.as_bytes());
    }
    state
}

/// [`lossy_text_hash`] continued from `state`.
fn lossy_text_hash_from(mut state: u64, bytes: &[u8]) -> u64 {
    const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
    // One pass over the bytes, each character checked where it starts, where `Utf8Chunks`
    // (what `from_utf8_lossy` uses) cost a call per invalid sequence: a binary record has
    // one every dozen bytes. The lossy copy replaces the longest start of a character that
    // could still have been valid (Unicode's "maximal subpart") by one U+FFFD: a lead byte
    // and the continuation bytes it accepts before the first it does not.
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            state = (state ^ u64::from(lead)).wrapping_mul(FNV_PRIME);
            i += 1;
            continue;
        }
        let at = |k: usize| bytes.get(i + k).copied();
        let continues = |k: usize| matches!(at(k), Some(0x80..=0xBF));
        // The second byte's range depends on the lead (no overlong forms, no surrogates, nothing
        // above U+10FFFF); later ones are any continuation byte.
        let second = match lead {
            0xC2..=0xDF => continues(1),
            0xE0 => matches!(at(1), Some(0xA0..=0xBF)),
            0xE1..=0xEC | 0xEE..=0xEF => continues(1),
            0xED => matches!(at(1), Some(0x80..=0x9F)),
            0xF0 => matches!(at(1), Some(0x90..=0xBF)),
            0xF1..=0xF3 => continues(1),
            0xF4 => matches!(at(1), Some(0x80..=0x8F)),
            _ => false,
        };
        let width = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        // How many bytes the character (valid) or its maximal subpart (invalid) takes.
        let (valid, len) = if !second {
            (false, 1)
        } else if width == 2 {
            (true, 2)
        } else if !continues(2) {
            (false, 2)
        } else if width == 3 {
            (true, 3)
        } else if !continues(3) {
            (false, 3)
        } else {
            (true, 4)
        };
        state = if valid {
            fnv1a(state, &bytes[i..i + len])
        } else {
            fnv1a(state, REPLACEMENT)
        };
        i += len;
    }
    state
}

/// Splits normalised text into syllables and breaks: calls `on_piece(Some(syllable), offset)`
/// for each syllable of letters only (with its byte offset), and `on_piece(None, 0)` where an
/// n-gram must not span: at punctuation other than spaces, and at tokens holding digits.
///
/// The [`Analyzer`] applies the same rules (the `SyllableScanner`'s) while it normalises;
/// this separate pass is the reference definition its tests and fuzzing check it against.
pub fn syllables_at<'a>(normalized: &'a str, mut on_piece: impl FnMut(Option<&'a str>, usize)) {
    let mut pieces = Vec::new();
    let mut scanner = SyllableScanner::new(&mut pieces);
    for (at, c) in normalized.char_indices() {
        scanner.put(c, at);
    }
    scanner.finish(normalized.len());
    for piece in pieces {
        if piece.is_break() {
            on_piece(None, 0);
        } else {
            on_piece(Some(&normalized[piece.start..piece.end]), piece.start);
        }
    }
}

/// A syllable of normalised text as a byte range and its hash ([`token_hash`] of the syllable),
/// computed while the text was written; an empty range marks a break (where an n-gram must not
/// span).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    start: usize,
    end: usize,
    hash: u64,
}

impl Piece {
    const BREAK: Piece = Piece {
        start: 0,
        end: 0,
        hash: 0,
    };

    fn is_break(self) -> bool {
        self.start == self.end
    }
}

/// A text normalised and cut into syllables once ([`Analyzer::syllables`]), so that several
/// readers of its terms need not normalise it again: `events` scores a page's lead and dated
/// paragraphs with the model and weighs the same paragraphs' terms for the merge. The n-grams
/// of any length come from it as from the text ([`Analyzer::for_each_gram_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Syllables {
    /// The syllables and breaks, as `for_each_gram` cuts the text, and a break at the end
    /// when the text ends in punctuation after its last syllable.
    pieces: Vec<Piece>,
    /// Length of the normalised text in bytes.
    len: usize,
    /// Whether normalisation composed the text (NFC) before folding it: then the text was
    /// not folded character by character, and texts joined with it may fold otherwise.
    composed: bool,
    /// The normalisation the text went through.
    normalize: NormalizeOptions,
}

impl Syllables {
    /// The normalisation the text went through.
    pub(crate) fn normalize(&self) -> NormalizeOptions {
        self.normalize
    }

    /// The syllables and breaks, for [`Analyzer::for_each_gram_in`].
    pub(crate) fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The pieces of `parts` joined by line breaks (`"\n"`), as the analyzer cuts the joined
    /// text, or `None` when that is not known to be so. Folding writes each character on its
    /// own (a line break as itself, and it composes with nothing), and a line break ends a
    /// syllable without breaking n-grams, so the joined text's pieces are the parts' own, in
    /// order, each moved by the normalised length of the parts before it and a byte per line
    /// break; a break left pending at the end of a part is kept (see [`Analyzer::syllables`]).
    /// Texts that were composed first, or normalised without folding, are not joined.
    pub(crate) fn joined(parts: &[&Syllables]) -> Option<Vec<Piece>> {
        if parts
            .iter()
            .any(|p| p.composed || !p.normalize.fold_diacritics)
        {
            return None;
        }
        let mut out = Vec::with_capacity(parts.iter().map(|p| p.pieces.len()).sum());
        let mut shift = 0usize;
        for part in parts {
            out.extend(part.pieces.iter().map(|&piece| {
                if piece.is_break() {
                    piece
                } else {
                    Piece {
                        start: piece.start + shift,
                        end: piece.end + shift,
                        hash: piece.hash,
                    }
                }
            }));
            shift += part.len + 1;
        }
        Some(out)
    }
}

/// The syllable rules, applied to characters as normalisation writes them, so the text is
/// scanned once: letters and digits make syllables, spaces separate them, anything else and
/// any syllable holding a digit is a break. Each syllable is hashed as its characters arrive,
/// so its bytes are not read again to look it up.
struct SyllableScanner<'p> {
    pieces: &'p mut Vec<Piece>,
    /// Start of the syllable being read, or [`NOT_IN_SYLLABLE`].
    start: usize,
    /// FNV-1a of the syllable being read, so far.
    hash: u64,
    has_digit: bool,
    pending_break: bool,
}

const NOT_IN_SYLLABLE: usize = usize::MAX;

/// Character classes of ASCII for the scanner: bit 0 letter or digit, bit 1 digit, bit 2 space
/// (the classes of `is_alphanumeric`, `is_numeric` and `is_whitespace`).
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = (c.is_ascii_alphanumeric() as u8)
            | ((c.is_ascii_digit() as u8) << 1)
            | ((c.is_ascii_whitespace() as u8) << 2);
        b += 1;
    }
    table
};

impl<'p> SyllableScanner<'p> {
    fn new(pieces: &'p mut Vec<Piece>) -> Self {
        pieces.clear();
        SyllableScanner {
            pieces,
            start: NOT_IN_SYLLABLE,
            hash: FNV_OFFSET,
            has_digit: false,
            pending_break: false,
        }
    }

    /// Ends the syllable being read (if any) at byte offset `end`.
    #[inline(always)]
    fn close(&mut self, end: usize) {
        if self.start != NOT_IN_SYLLABLE {
            if self.has_digit || self.pending_break {
                self.pieces.push(Piece::BREAK);
            }
            if !self.has_digit {
                self.pieces.push(Piece {
                    start: self.start,
                    end,
                    hash: self.hash,
                });
            }
            self.start = NOT_IN_SYLLABLE;
            self.pending_break = false;
        }
    }

    /// Ends the scan of a text of `len` bytes. Returns whether a break follows its last
    /// syllable without a piece of its own (punctuation at the end of the text): what a text
    /// joined after this one would see.
    fn finish(mut self, len: usize) -> bool {
        self.close(len);
        self.pending_break
    }
}

impl CharSink for SyllableScanner<'_> {
    #[inline(always)]
    fn put(&mut self, c: char, at: usize) {
        let (alnum, numeric, space) = if c.is_ascii() {
            let class = ASCII_CLASS[c as usize];
            (class & 1 != 0, class & 2 != 0, class & 4 != 0)
        } else {
            (c.is_alphanumeric(), c.is_numeric(), c.is_whitespace())
        };
        if alnum {
            if self.start == NOT_IN_SYLLABLE {
                self.start = at;
                self.has_digit = false;
                self.hash = FNV_OFFSET;
            }
            self.has_digit |= numeric;
            self.hash = if c.is_ascii() {
                (self.hash ^ u64::from(c as u8)).wrapping_mul(FNV_PRIME)
            } else {
                fnv1a(self.hash, c.encode_utf8(&mut [0; 4]).as_bytes())
            };
        } else {
            // Every character written passes here, so a syllable ends where the next
            // character that is not a letter or digit starts.
            self.close(at);
            if !space {
                self.pending_break = true;
            }
        }
    }

    fn restart(&mut self) {
        self.pieces.clear();
        self.start = NOT_IN_SYLLABLE;
        self.pending_break = false;
    }

    /// `fold_fast` with this scanner as the sink, in one loop over the bytes: a character of
    /// ASCII, Latin-1, Latin Extended or Latin Extended Additional (every Vietnamese letter)
    /// that folds to an ASCII byte is decoded from its bytes, folded through a byte table and
    /// scanned as that byte, with the scanner's state and the output's length in registers;
    /// anything else goes through `fold_one` and [`put`](CharSink::put) as before, so the
    /// output and the syllables are the same. (Calling `put` with a `char` per character was
    /// half of classifying.)
    fn fold(&mut self, text: &str, out: &mut String, restart: bool) -> bool {
        let bytes_table = fold_bytes_table();
        let bytes = text.as_bytes();
        // The output as bytes, written at `len` with room for a byte per input byte ahead
        // (a character read here is written as at most as many bytes as it had); only whole
        // characters are written (ASCII bytes here, `fold_one`'s characters through the
        // string), so it stays UTF-8. Cut to `len` at the end.
        let mut buf = std::mem::take(out).into_bytes();
        let mut len = buf.len();
        buf.resize(len + bytes.len(), 0);
        let mut start = self.start;
        let mut hash = self.hash;
        let mut has_digit = self.has_digit;
        let mut pending_break = self.pending_break;
        let mut i = 0;
        let mut complete = true;
        while let Some(&lead) = bytes.get(i) {
            let folded = if lead < 0x80 {
                i += 1;
                ASCII_LOWER[usize::from(lead)]
            } else {
                let (folded, width) = fold_multibyte(bytes, i, bytes_table);
                if folded == FOLDS_TO_NOTHING {
                    i += width;
                    continue;
                }
                if folded == FOLDS_OTHERWISE {
                    // The general path, with the state handed over and back.
                    self.start = start;
                    self.hash = hash;
                    self.has_digit = has_digit;
                    self.pending_break = pending_break;
                    buf.truncate(len);
                    let width = self.fold_char_at(text, i, &mut buf, restart);
                    len = buf.len();
                    start = self.start;
                    hash = self.hash;
                    has_digit = self.has_digit;
                    pending_break = self.pending_break;
                    let Some(width) = width else {
                        complete = false;
                        break;
                    };
                    i += width;
                    buf.resize(len + (bytes.len() - i), 0);
                    continue;
                }
                i += width;
                folded
            };
            // `put` of an ASCII character.
            let class = ASCII_CLASS[usize::from(folded & 0x7F)];
            if class & 1 == 0 {
                if start != NOT_IN_SYLLABLE {
                    push_syllable(self.pieces, start, len, hash, has_digit, pending_break);
                    start = NOT_IN_SYLLABLE;
                    pending_break = false;
                }
                pending_break |= class & 4 == 0;
                buf[len] = folded;
                len += 1;
                continue;
            }
            if start == NOT_IN_SYLLABLE {
                start = len;
                has_digit = false;
                hash = FNV_OFFSET;
            }
            has_digit |= class & 2 != 0;
            hash = (hash ^ u64::from(folded)).wrapping_mul(FNV_PRIME);
            buf[len] = folded;
            len += 1;
            // The rest of the syllable: letters and digits that fold to ASCII, in a loop of
            // their own (most characters of a text); then, while a single space and such a
            // character follow, the next syllable.
            loop {
                let mut digits = 0u8;
                while let Some(&b) = bytes.get(i) {
                    let (scan, width) = scan_at(bytes, i, b, bytes_table);
                    if scan == 0 {
                        break;
                    }
                    digits |= scan;
                    let folded = scan & 0x7F;
                    hash = (hash ^ u64::from(folded)).wrapping_mul(FNV_PRIME);
                    buf[len] = folded;
                    len += 1;
                    i += width;
                }
                has_digit |= digits & 0x80 != 0;
                let next_starts_syllable = bytes.get(i) == Some(&b' ')
                    && bytes
                        .get(i + 1)
                        .is_some_and(|&b| scan_at(bytes, i + 1, b, bytes_table).0 != 0);
                if !next_starts_syllable {
                    break;
                }
                // What the outer loop does with the space and the character after it.
                push_syllable(self.pieces, start, len, hash, has_digit, pending_break);
                pending_break = false;
                buf[len] = b' ';
                len += 1;
                i += 1;
                start = len;
                has_digit = false;
                hash = FNV_OFFSET;
            }
        }
        buf.truncate(len);
        self.start = start;
        self.hash = hash;
        self.has_digit = has_digit;
        self.pending_break = pending_break;
        // SAFETY: `buf` holds whole UTF-8 characters only (see above).
        *out = unsafe { String::from_utf8_unchecked(buf) };
        complete
    }
}

/// [`ASCII_SCAN`] of the character starting at byte `i` of `bytes` (its lead byte `b`), folded
/// through [`fold_bytes_table`] when it is not ASCII, and its width in bytes.
#[inline(always)]
fn scan_at(bytes: &[u8], i: usize, b: u8, table: &[u8]) -> (u8, usize) {
    if b < 0x80 {
        (ASCII_SCAN[usize::from(b)], 1)
    } else {
        let (folded, width) = fold_multibyte(bytes, i, table);
        (ASCII_SCAN[usize::from(folded & 0x7F)], width)
    }
}

/// A letter or digit of ASCII lower-cased, with the top bit set for a digit; 0 for any other
/// byte (and for bytes 0 and 1, the non-ASCII folds of [`fold_bytes_table`] that are no
/// letter: `FOLDS_OTHERWISE` and `FOLDS_TO_NOTHING`).
const ASCII_SCAN: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase() | if c.is_ascii_digit() { 0x80 } else { 0 };
        }
        b += 1;
    }
    table
};

/// [`Analyzer::grams_of`] for n-grams of at most three syllables (every model's setting but
/// `--ngram-max 4`): the two previous syllables' hashes and starts in registers, where the
/// general loop kept arrays indexed by the number of syllables since the last break.
#[inline(always)]
fn grams_up_to_3(pieces: &[Piece], min: usize, max: usize, mut on_gram: impl FnMut(Gram)) {
    // Syllables since the last break (at most `max`), the previous syllable's hash and
    // start, and the hash of the bigram that ended at it and the start of the syllable
    // before it.
    let mut filled = 0usize;
    let (mut prev_hash, mut prev_start) = (0u64, 0usize);
    let (mut prev_bigram, mut prev_prev_start) = (0u64, 0usize);
    for &piece in pieces {
        if piece.is_break() {
            filled = 0;
            continue;
        }
        filled = (filled + 1).min(max);
        let hash = piece.hash;
        let bigram = combine(prev_hash, hash);
        // The n-grams of `min..=filled` syllables that end here, shortest first, handed on
        // from one call site: the caller's closure (scoring's lookup and sums) is inlined
        // once, not once for each length.
        let ending = [
            (hash, piece.start),
            (bigram, prev_start),
            (combine(prev_bigram, hash), prev_prev_start),
        ];
        for &(hash, start) in ending.get(min - 1..filled).unwrap_or_default() {
            on_gram(Gram {
                hash,
                start,
                offset: piece.start,
                end: piece.end,
            });
        }
        prev_bigram = bigram;
        prev_prev_start = prev_start;
        prev_hash = hash;
        prev_start = piece.start;
    }
}

impl SyllableScanner<'_> {
    /// Folds the character at byte `i` of `text` through `fold_one` into `buf` (this
    /// scanner's output so far); its width in bytes, or `None` when the text needs NFC first
    /// (see `fold_one`).
    #[cold]
    #[inline(never)]
    fn fold_char_at(
        &mut self,
        text: &str,
        i: usize,
        buf: &mut Vec<u8>,
        restart: bool,
    ) -> Option<usize> {
        let c = text.get(i..).and_then(|rest| rest.chars().next())?;
        // SAFETY: `buf` holds whole UTF-8 characters only (see `fold`); it is handed back
        // with the characters `fold_one` wrote, whole.
        let mut s = unsafe { String::from_utf8_unchecked(std::mem::take(buf)) };
        let complete = fold_one(c, fold_table(), &mut s, restart, self);
        *buf = s.into_bytes();
        complete.then_some(c.len_utf8())
    }
}

/// What the non-ASCII character starting at byte `i` of `bytes` folds to by
/// [`fold_bytes_table`] (`FOLDS_OTHERWISE` outside it), and its width in bytes. Only the
/// two-byte characters and the three-byte ones led by 0xE1 (U+1000-U+1FFF) are read.
#[inline(always)]
fn fold_multibyte(bytes: &[u8], i: usize, table: &[u8]) -> (u8, usize) {
    let lead = bytes[i];
    // A `str` is valid UTF-8: a lead byte's continuation bytes follow it.
    let (code, width) = match lead {
        0xC2..=0xDF => match bytes.get(i + 1) {
            Some(&b1) => ((usize::from(lead & 0x1F) << 6) | usize::from(b1 & 0x3F), 2),
            None => return (FOLDS_OTHERWISE, 1),
        },
        0xE1 => match bytes.get(i + 1..i + 3) {
            Some(&[b1, b2]) => (
                0x1000 | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F),
                3,
            ),
            _ => return (FOLDS_OTHERWISE, 1),
        },
        _ => return (FOLDS_OTHERWISE, 1),
    };
    match table.get(code.wrapping_sub(0x80)) {
        Some(&folded) => (folded, width),
        None => (FOLDS_OTHERWISE, width),
    }
}

/// Ends a syllable (the scanner's `close`, with its state in the caller's registers).
#[inline(always)]
fn push_syllable(
    pieces: &mut Vec<Piece>,
    start: usize,
    end: usize,
    hash: u64,
    has_digit: bool,
    pending_break: bool,
) {
    if has_digit || pending_break {
        pieces.push(Piece::BREAK);
    }
    if !has_digit {
        pieces.push(Piece { start, end, hash });
    }
}

/// ASCII lower-cased, by byte.
const ASCII_LOWER: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

/// A token as the model's hot paths see it: its hash and where it lies in the normalised text
/// ([`Analyzer::normalized`]), without its syllables as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Gram {
    /// [`token_hash`] of the token's text.
    pub(crate) hash: u64,
    /// Byte offset of its first syllable.
    pub(crate) start: usize,
    /// Byte offset of its last syllable ([`Token::offset`]).
    pub(crate) offset: usize,
    /// Byte offset just past its last syllable. Between its syllables there is only white
    /// space, so `start..end` identifies its text.
    pub(crate) end: usize,
}

/// One token handed to the caller of [`Analyzer::for_each_token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// [`token_hash`] of the token's text.
    pub hash: u64,
    /// The syllables that make up the token, first to last (one for a unigram).
    pub syllables: &'a [&'a str],
    /// Byte offset of the token's last syllable in the normalised text: a position measure
    /// for weighting the lead of an article above its tail.
    pub offset: usize,
}

impl Token<'_> {
    /// The token's text: its syllables joined by single spaces. Allocates; only for display and
    /// for recording new vocabulary entries.
    pub fn text(&self) -> String {
        self.syllables.join(" ")
    }
}

/// Settings of the [`Analyzer`]. Part of a trained model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzerOptions {
    /// How text is normalised before it is split.
    pub normalize: NormalizeOptions,
    /// Shortest n-gram, in syllables. Default: 1.
    pub ngram_min: usize,
    /// Longest n-gram, in syllables. Default: 3 (syllable bigrams carry most topic signal,
    /// trigrams add about half a point of macro-F1; see models/README.md).
    pub ngram_max: usize,
}

/// The defaults are the built-in model's: [`crate::model::TrainParams`] takes its text
/// settings from here, so there is one source of them.
impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            normalize: NormalizeOptions::default(),
            ngram_min: 1,
            ngram_max: 3,
        }
    }
}

/// The longest n-gram the analyzer supports.
pub const MAX_NGRAM: usize = 4;

/// The whole text pipeline: normalise -> syllables -> n-grams -> hashes.
///
/// Reuses its buffers between calls, so keep one per thread.
#[derive(Debug, Clone)]
pub struct Analyzer {
    options: AnalyzerOptions,
    buffer: String,
    pieces: Vec<Piece>,
}

impl Analyzer {
    /// An analyzer with the given options. `ngram_min..=ngram_max` must lie in `1..=MAX_NGRAM`
    /// (checked by [`crate::model::TrainParams::check`]; out-of-range values are clamped here).
    pub fn new(options: AnalyzerOptions) -> Self {
        Analyzer {
            options,
            buffer: String::new(),
            pieces: Vec::new(),
        }
    }

    /// Normalises `text` and calls `on_token` for every n-gram in order of its last syllable.
    pub fn for_each_token(&mut self, text: &str, mut on_token: impl FnMut(Token<'_>)) {
        let min = self.options.ngram_min.clamp(1, MAX_NGRAM);
        let max = self.options.ngram_max.clamp(min, MAX_NGRAM);
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut pieces = std::mem::take(&mut self.pieces);
        let mut scanner = SyllableScanner::new(&mut pieces);
        normalize_with(text, &self.options.normalize, &mut buffer, &mut scanner);
        scanner.finish(buffer.len());
        // The last `max` syllables since the last break, and the hashes of the n-grams that
        // end at the latest one: `grams[n - 1]` is the n-gram's.
        let mut window: [&str; MAX_NGRAM] = [""; MAX_NGRAM];
        let mut grams: [u64; MAX_NGRAM] = [0; MAX_NGRAM];
        let mut filled = 0usize;
        for &piece in &pieces {
            if piece.is_break() {
                filled = 0;
                continue;
            }
            if filled == max {
                // The whole array moves (a fixed size, no call); slots past `max` are unused.
                window.copy_within(1.., 0);
                filled -= 1;
            }
            let syllable = &buffer[piece.start..piece.end];
            window[filled] = syllable;
            filled += 1;
            // An n-gram's hash is its (n-1)-gram prefix's, combined with the new syllable:
            // the same left-to-right fold as `token_hash`, one combination per n.
            let hash = piece.hash;
            for n in (1..filled).rev() {
                grams[n] = combine(grams[n - 1], hash);
            }
            grams[0] = hash;
            for n in min..=filled {
                on_token(Token {
                    hash: grams[n - 1],
                    syllables: &window[filled - n..filled],
                    offset: piece.start,
                });
            }
        }
        self.pieces = pieces;
        self.buffer = buffer;
    }

    /// Normalises `text` and calls `on_gram` for every n-gram in order of its last syllable:
    /// [`for_each_token`](Self::for_each_token) without the syllables as strings, for the
    /// model's hot paths.
    #[inline]
    pub(crate) fn for_each_gram(&mut self, text: &str, on_gram: impl FnMut(Gram)) {
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut pieces = std::mem::take(&mut self.pieces);
        let mut scanner = SyllableScanner::new(&mut pieces);
        normalize_with(text, &self.options.normalize, &mut buffer, &mut scanner);
        scanner.finish(buffer.len());
        self.grams_of(&pieces, on_gram);
        self.pieces = pieces;
        self.buffer = buffer;
    }

    /// [`for_each_gram`](Self::for_each_gram) of a text already cut into syllables
    /// ([`Syllables::pieces`], of this analyzer's normalisation), with this analyzer's n-gram
    /// lengths: the text is not normalised again.
    pub(crate) fn for_each_gram_in(&self, pieces: &[Piece], on_gram: impl FnMut(Gram)) {
        self.grams_of(pieces, on_gram);
    }

    /// How this analyzer normalises text.
    pub(crate) fn normalize_options(&self) -> NormalizeOptions {
        self.options.normalize
    }

    /// The n-grams of `pieces`, in order of their last syllable.
    #[inline(always)]
    fn grams_of(&self, pieces: &[Piece], mut on_gram: impl FnMut(Gram)) {
        let min = self.options.ngram_min.clamp(1, MAX_NGRAM);
        let max = self.options.ngram_max.clamp(min, MAX_NGRAM);
        if max <= 3 {
            grams_up_to_3(pieces, min, max, on_gram);
            return;
        }
        // The hashes and first-syllable starts of the n-grams that end at the latest
        // syllable: `grams[n - 1]` and `starts[n - 1]` are the n-gram's.
        let mut grams: [u64; MAX_NGRAM] = [0; MAX_NGRAM];
        let mut starts: [usize; MAX_NGRAM] = [0; MAX_NGRAM];
        let mut filled = 0usize;
        for &piece in pieces {
            if piece.is_break() {
                filled = 0;
                continue;
            }
            filled = (filled + 1).min(max);
            // The syllable's hash (the scanner's), folded left to right as `token_hash` does,
            // one combination per n.
            let hash = piece.hash;
            for n in (1..filled).rev() {
                grams[n] = combine(grams[n - 1], hash);
            }
            grams[0] = hash;
            // The whole array moves (a fixed size, a few moves): a loop over `1..filled` was
            // compiled into a call to `memmove` per syllable.
            starts.copy_within(..MAX_NGRAM - 1, 1);
            starts[0] = piece.start;
            // A half-open range: `min..=filled` compiled to a slower loop.
            for n in min - 1..filled {
                on_gram(Gram {
                    hash: grams[n],
                    start: starts[n],
                    offset: piece.start,
                    end: piece.end,
                });
            }
        }
    }

    /// Normalises `text` and cuts it into syllables, once, for several readers of its terms
    /// (see [`Syllables`]).
    pub(crate) fn syllables(&mut self, text: &str) -> Syllables {
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut pieces = std::mem::take(&mut self.pieces);
        let mut scanner = SyllableScanner::new(&mut pieces);
        let composed = normalize_with(text, &self.options.normalize, &mut buffer, &mut scanner);
        let trailing_break = scanner.finish(buffer.len());
        let mut kept = Vec::with_capacity(pieces.len() + usize::from(trailing_break));
        kept.extend_from_slice(&pieces);
        if trailing_break {
            // A break at the end gives this text no n-gram and no token, but a text joined
            // after it must not start an n-gram across it.
            kept.push(Piece::BREAK);
        }
        let out = Syllables {
            pieces: kept,
            len: buffer.len(),
            composed,
            normalize: self.options.normalize,
        };
        self.pieces = pieces;
        self.buffer = buffer;
        out
    }

    /// The normalised form of the text last passed to [`for_each_token`](Self::for_each_token)
    /// or `for_each_gram`: what a `Gram`'s offsets index.
    pub(crate) fn normalized(&self) -> &str {
        &self.buffer
    }

    /// All tokens of `text` as strings, in order. Allocates; for tests, `--explain` and tools.
    pub fn tokens(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_token(text, |t| out.push(t.text()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scanner's byte loop (`SyllableScanner::fold`) against `fold_fast` calling `put`
    /// for every character: the same output, pieces, state and answer.
    fn assert_byte_fold_is_char_fold(text: &str) {
        for restart in [true, false] {
            let (mut expected_pieces, mut pieces) = (Vec::new(), Vec::new());
            let (mut expected_out, mut out) = (String::from("x "), String::from("x "));
            let mut reference = SyllableScanner::new(&mut expected_pieces);
            let expected = super::super::normalize::fold_fast(
                text,
                &mut expected_out,
                restart,
                &mut reference,
            );
            let mut scanner = SyllableScanner::new(&mut pieces);
            let done = scanner.fold(text, &mut out, restart);
            assert_eq!(done, expected, "{text:?}");
            assert_eq!(out, expected_out, "{text:?}");
            let expected_state = (
                reference.start,
                reference.hash,
                reference.has_digit,
                reference.pending_break,
            );
            let state = (
                scanner.start,
                scanner.hash,
                scanner.has_digit,
                scanner.pending_break,
            );
            assert_eq!(state, expected_state, "{text:?}");
            let expected_end = reference.finish(expected_out.len());
            let end = scanner.finish(out.len());
            assert_eq!(end, expected_end, "{text:?}");
            assert_eq!(pieces, expected_pieces, "{text:?}");
        }
    }

    #[test]
    fn the_byte_loop_folds_and_cuts_as_the_character_loop() {
        // Every character below U+3000 and some above, alone and inside and around syllables.
        let chars = (0..0x3000u32)
            .chain([0xAC00, 0xD7A3, 0xFB01, 0xFF21, 0x1D400, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32);
        for c in chars {
            for text in [
                format!("{c}"),
                format!("ab{c}cd"),
                format!("Ab {c} 1{c}"),
                format!("đ{c}\u{301}ệ{c}."),
            ] {
                assert_byte_fold_is_char_fold(&text);
            }
        }
        // Pseudo-random texts over an alphabet of the awkward cases.
        let alphabet: Vec<char> = "aZ09 .,-\n\tđĐƯơẠệỹÀÉ\u{300}\u{301}\u{323}\u{1100}\u{1161}\u{a0}\u{2013}“”…°İẞÅ\u{212B}Ωω東ǅⱥȺ\u{1E9E}\u{1F00}\u{10A0}"
            .chars()
            .collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for k in 0..(state % 24) {
                let pick = (state >> (k % 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
                text.push(alphabet[pick as usize % alphabet.len()]);
            }
            assert_byte_fold_is_char_fold(&text);
        }
    }

    #[test]
    fn grams_up_to_three_syllables_are_the_general_loop_s() {
        for text in [
            "",
            "a",
            "an ninh mạng, tấn công 2024 mã độc. Hội nghị thượng đỉnh",
            "một hai ba bốn năm sáu bảy; tám chín mười",
            "x y. z w v 1 u t",
        ] {
            for min in 1..=3 {
                for max in min..=3 {
                    let mut a = Analyzer::new(AnalyzerOptions {
                        normalize: NormalizeOptions::default(),
                        ngram_min: min,
                        ngram_max: max,
                    });
                    let cut = a.syllables(text);
                    let mut fast = Vec::new();
                    grams_up_to_3(cut.pieces(), min, max, |g| fast.push(g));
                    // The general loop: syllables since the last break, arrays of hashes.
                    let mut general = Vec::new();
                    let (mut grams, mut starts) = ([0u64; MAX_NGRAM], [0usize; MAX_NGRAM]);
                    let mut filled = 0usize;
                    for &piece in cut.pieces() {
                        if piece.is_break() {
                            filled = 0;
                            continue;
                        }
                        filled = (filled + 1).min(max);
                        for n in (1..filled).rev() {
                            grams[n] = combine(grams[n - 1], piece.hash);
                        }
                        grams[0] = piece.hash;
                        starts.copy_within(..MAX_NGRAM - 1, 1);
                        starts[0] = piece.start;
                        for n in min..=filled {
                            general.push(Gram {
                                hash: grams[n - 1],
                                start: starts[n - 1],
                                offset: piece.start,
                                end: piece.end,
                            });
                        }
                    }
                    assert_eq!(fast, general, "{text:?} {min} {max}");
                }
            }
        }
    }

    fn analyzer(fold: bool, max: usize) -> Analyzer {
        Analyzer::new(AnalyzerOptions {
            normalize: NormalizeOptions {
                fold_diacritics: fold,
            },
            ngram_min: 1,
            ngram_max: max,
        })
    }

    fn pieces(text: &str) -> Vec<Option<&str>> {
        let mut out = Vec::new();
        syllables_at(text, |p, _| out.push(p));
        out
    }

    #[test]
    fn syllables_cut_once_give_the_grams_of_their_text_and_join_as_joined_text() {
        let texts = [
            "An ninh mạng.",
            "ngày 29/3",
            "Hội nghị (G20) Thượng đỉnh",
            "",
            " ",
            "—",
            "covid19",
            "x٣y z",
            "Vệ tinh!",
            "e\u{301} hoa",
            "\u{1100}\u{1161} x",
            "Trường  Sơn",
            "ABC-def …",
            "ĐÀ NẴNG",
            "a",
        ];
        let grams = |a: &Analyzer, pieces: &[Piece]| {
            let mut out = Vec::new();
            a.for_each_gram_in(pieces, |g| out.push(g));
            out
        };
        for fold in [true, false] {
            let mut an = analyzer(fold, 3);
            for a in texts {
                let mut expected = Vec::new();
                an.for_each_gram(a, |g| expected.push(g));
                let cut = an.syllables(a);
                assert_eq!(grams(&an, cut.pieces()), expected, "{a:?}");
                for b in texts {
                    for c in texts {
                        let parts = [an.syllables(a), an.syllables(b), an.syllables(c)];
                        let refs: Vec<&Syllables> = parts.iter().collect();
                        let whole = format!("{a}\n{b}\n{c}");
                        let mut expected = Vec::new();
                        an.for_each_gram(&whole, |g| expected.push(g));
                        match Syllables::joined(&refs) {
                            Some(pieces) => assert_eq!(grams(&an, &pieces), expected, "{whole:?}"),
                            // Only unfolded or composed text is not joined.
                            None => assert!(!fold || whole.contains('\u{1100}'), "{whole:?}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn syllables_split_on_spaces_and_punctuation() {
        assert_eq!(
            pieces("an ninh mạng, vũ trụ"),
            vec![
                Some("an"),
                Some("ninh"),
                Some("mạng"),
                None,
                Some("vũ"),
                Some("trụ")
            ]
        );
    }

    #[test]
    fn numbers_and_dates_become_breaks() {
        assert_eq!(
            pieces("ngày 29/3 các nước"),
            vec![Some("ngày"), None, None, Some("các"), Some("nước")]
        );
        assert_eq!(pieces("covid19 x"), vec![None, Some("x")]);
        // Digits of other scripts count as digits, inside a word too.
        assert_eq!(pieces("x٣y z"), vec![None, Some("z")]);
    }

    #[test]
    fn unigrams_and_bigrams() {
        assert_eq!(
            analyzer(false, 2).tokens("An ninh mạng"),
            vec!["an", "ninh", "an ninh", "mạng", "ninh mạng"]
        );
    }

    #[test]
    fn bigrams_do_not_cross_punctuation_or_numbers() {
        assert_eq!(
            analyzer(true, 2).tokens("Mạng. Ngày 5 vệ tinh"),
            vec!["mang", "ngay", "ve", "tinh", "ve tinh"]
        );
    }

    #[test]
    fn unigrams_only() {
        assert_eq!(analyzer(true, 1).tokens("Vũ trụ"), vec!["vu", "tru"]);
    }

    #[test]
    fn trigrams() {
        assert_eq!(
            analyzer(true, 3).tokens("hội nghị thượng"),
            vec![
                "hoi",
                "nghi",
                "hoi nghi",
                "thuong",
                "nghi thuong",
                "hoi nghi thuong"
            ]
        );
    }

    #[test]
    fn token_hash_folds_the_hashes_of_the_space_separated_parts() {
        for text in [
            "",
            " ",
            "an",
            "an ninh",
            "an ninh mạng",
            "a  b",
            " a",
            "a ",
            "hội nghị",
        ] {
            let mut parts = text.split(' ');
            let first = syllable_hash(parts.next().unwrap_or(""));
            let expected = parts.fold(first, |h, p| combine(h, syllable_hash(p)));
            assert_eq!(token_hash(text), expected, "{text:?}");
        }
    }

    #[test]
    fn lossy_record_hash_is_the_lossy_hash_of_the_record() {
        // Lengths whose bytes are lead or continuation bytes (0x80-0xFF), empty strings
        // between lengths, and strings that start and end with multi-byte characters.
        let mut strings: Vec<String> = vec![String::new(), "a".into(), "ấy".into()];
        for n in [
            127, 128, 129, 191, 192, 194, 224, 225, 237, 240, 244, 255, 256, 0xE1BA, 0xC2C2,
        ] {
            strings.push("x".repeat(n));
            strings.push(format!("ệ{}", "y".repeat(n.saturating_sub(6))) + "ệ");
        }
        for a in &strings {
            for b in &strings {
                for c in [&strings[0], &strings[2], a] {
                    let parts = [a.as_str(), "", b.as_str(), c.as_str()];
                    let mut bytes = Vec::new();
                    for p in parts {
                        bytes.extend_from_slice(&(p.len() as u32).to_le_bytes());
                        bytes.extend_from_slice(p.as_bytes());
                    }
                    assert_eq!(lossy_record_hash(&parts), lossy_text_hash(&bytes));
                }
            }
        }
    }

    #[test]
    fn lossy_text_hash_is_the_hash_of_the_lossy_copy() {
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"plain".to_vec(),
            "Hải Vân".as_bytes().to_vec(),
            vec![0xFF],
            vec![0xE1, 0xBA],
            vec![
                b'a', 0xE1, 0xBA, b'b', 0xF0, 0x9F, 0x98, 0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80,
            ],
        ];
        // Every short byte string over a few interesting bytes, and lengths written as the
        // merge store writes them.
        let alphabet = [0x00, b'a', 0x80, 0xBF, 0xC2, 0xE1, 0xED, 0xF0, 0xF4, 0xFF];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    cases.push(vec![a, b, c]);
                    cases.push(vec![a, 0xBA, b, 0x80, c]);
                }
            }
        }
        for n in 0..5000u32 {
            let mut v = n.to_le_bytes().to_vec();
            v.extend_from_slice("ngày 14/5".as_bytes());
            cases.push(v);
        }
        // Every byte, alone and before each byte (all two-byte strings), and every byte
        // followed by the continuation-range edges, then pseudo-random records of bytes.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                cases.push(vec![a, b]);
            }
            for b in [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF] {
                for c in [0x41, 0x80, 0xBF, 0xC0] {
                    cases.push(vec![a, b, c]);
                    cases.push(vec![a, b, 0x80, c]);
                }
            }
        }
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2000 {
            let record: Vec<u8> = (0..40)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            cases.push(record);
        }
        for bytes in cases {
            assert_eq!(
                lossy_text_hash(&bytes),
                text_hash(&String::from_utf8_lossy(&bytes)),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn hash_of_token_equals_hash_of_its_text() {
        let mut a = analyzer(false, 2);
        let mut seen = Vec::new();
        a.for_each_token("thượng đỉnh", |t| seen.push((t.hash, t.text())));
        for (hash, text) in seen {
            assert_eq!(hash, token_hash(&text), "{text}");
        }
    }

    #[test]
    fn diacritic_free_text_matches_folded_text() {
        assert_eq!(
            analyzer(true, 2).tokens("hoi nghi thuong dinh"),
            analyzer(true, 2).tokens("Hội nghị thượng đỉnh")
        );
    }

    /// The two-pass definition the analyzer must match: normalise, split with
    /// [`syllables_at`], then n-grams of consecutive syllables between breaks.
    fn reference_tokens(text: &str, fold: bool, max: usize) -> Vec<(u64, String, usize)> {
        let normalized = crate::text::normalize(
            text,
            &NormalizeOptions {
                fold_diacritics: fold,
            },
        );
        let mut run: Vec<(&str, usize)> = Vec::new();
        let mut out = Vec::new();
        syllables_at(&normalized, |piece, offset| match piece {
            None => run.clear(),
            Some(s) => {
                run.push((s, offset));
                for n in 1..=max.min(run.len()) {
                    let words: Vec<&str> = run[run.len() - n..].iter().map(|w| w.0).collect();
                    let text = words.join(" ");
                    out.push((token_hash(&text), text, offset));
                }
            }
        });
        out
    }

    fn analyzer_tokens(a: &mut Analyzer, text: &str) -> Vec<(u64, String, usize)> {
        let mut out = Vec::new();
        a.for_each_token(text, |t| out.push((t.hash, t.text(), t.offset)));
        out
    }

    /// The model's path: `Gram`s, their text read back from the normalised text.
    fn analyzer_grams(a: &mut Analyzer, text: &str) -> Vec<(u64, String, usize)> {
        let mut grams = Vec::new();
        a.for_each_gram(text, |g| grams.push(g));
        let normalized = a.normalized();
        grams
            .into_iter()
            .map(|g| {
                let words: Vec<&str> = normalized[g.start..g.end].split_whitespace().collect();
                (g.hash, words.join(" "), g.offset)
            })
            .collect()
    }

    /// Normalisation and syllable splitting run fused in one pass; they must give exactly the
    /// tokens of the two-pass definition, on real text and on random mixtures of every kind of
    /// character that changes the rules (digits, punctuation, marks, other scripts, jamo).
    #[test]
    fn fused_pass_equals_normalise_then_split() {
        let heldout = include_str!("../../tests/data/heldout.jsonl");
        let mut texts: Vec<String> = heldout.lines().take(40).map(str::to_owned).collect();
        texts.extend(
            [
                "",
                "   ",
                "Ngày 29/3, Hà Nội: \"An ninh mạng\" – hội nghị…",
                "covid19 x 2,5% G7-G20",
                "Ho\u{300}a bi\u{300}nh NFD",
                "\u{1100}\u{1161}\u{11A8} 한국 Hangul jamo",
                "ÀÉÎÕÜ ǅ ǈ ß ẞ İstanbul ﬁ Å Ω",
                "tiếng Việt ١٢٣ ٤ arabic-indic digits ²³ ½",
                "\u{301}loose mark, ć\u{301} then \u{20DD} enclosing",
                "tab\there\nnew line\u{2028}sep\u{3000}wide space",
            ]
            .map(str::to_owned),
        );
        let alphabet: Vec<char> = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậéèẻẽẹ \
             0123456789 ,.;:!?-/()\"'\t\n…“”–\u{300}\u{301}\u{303}\u{309}\u{323}\u{1100}\u{1161}한\
             ß İ ǅ ﬁ Ω ١ ² ½ \u{2028}\u{3000}"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..400 {
            let len = (state >> 58) as usize + 1;
            let mut t = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                t.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            texts.push(t);
        }
        for fold in [true, false] {
            for max in 1..=MAX_NGRAM {
                let mut a = analyzer(fold, max);
                for text in &texts {
                    let reference = reference_tokens(text, fold, max);
                    assert_eq!(
                        analyzer_tokens(&mut a, text),
                        reference,
                        "fold={fold} max={max} text={text:?}"
                    );
                    assert_eq!(
                        analyzer_grams(&mut a, text),
                        reference,
                        "grams: fold={fold} max={max} text={text:?}"
                    );
                }
            }
        }
    }
}
