//! Headlines: a clause a reader takes in at a glance, made from the sentence that holds an
//! event's date.
//!
//! From the sentence go, in this order: outlet tags ("(TTXVN) -", "VOV.VN -", "TGVN."), the
//! date phrase with the words that belong to it ("sáng 4/6", "hôm thứ Năm 13/3", "ngày 6/6
//! vừa qua", "(giờ Hà Nội)"), leading clauses that carry no news (attributions such as "Theo
//! hãng tin Yonhap," or "Phóng viên TTXVN tại ... dẫn thông báo ... cho biết", connectives
//! such as "Trước đó,", "Trong khi đó,", framing such as "Tại Hà Nội,"), and a trailing
//! attribution (", theo Reuters"). What is left is cut at the last clause boundary (comma,
//! semicolon, dash, colon) that fits, or else after the last whole word that fits, with "…";
//! a word is never cut, and a quotation mark never left open.
//!
//! When the sentence is the article's lead, the article's title is usually the better
//! headline: an editor wrote it to be one ([`event_headline`]).
//!
//! The word lists are in `text::lexicon` (`HEADLINE_*`).

mod date_phrase;
#[cfg(test)]
mod tests;

use self::date_phrase::{close_gaps, remove_dates};
use super::dates::find_dates;
use crate::text::fold_diacritics;
use crate::text::lexicon::{
    HEADLINE_ANAPHORA, HEADLINE_DANGLING, HEADLINE_OPENERS, HEADLINE_REPORTERS, HEADLINE_SAID,
};
use crate::text::lower::to_lower;
use crate::text::words::white_space_len;

/// Longest headline, in characters.
pub const MAX_HEADLINE_CHARS: usize = 90;

/// Titles shorter than this say too little to stand for the happening.
const MIN_TITLE_CHARS: usize = 15;

/// What comes before the colon of a question title must be this long to be a headline ("Dữ
/// liệu khách hàng bị rao bán: phải làm gì?"); a shorter one is a topic ("Thái Lan và Việt Nam:
/// ...?").
const QUESTION_LEAD_CHARS: usize = 25;

/// The headline of a sentence, at most `max` characters (see the module documentation).
///
/// ```
/// use newsline::events::headline;
///
/// assert_eq!(
///     headline("Theo hãng tin Yonhap, ngày 18/8, Tổng thống Hàn Quốc đã đến Trại David.", 90),
///     "Tổng thống Hàn Quốc đã đến Trại David"
/// );
/// ```
pub fn headline(sentence: &str, max: usize) -> String {
    let s = strip_outlet_tags(sentence.trim());
    let s = remove_dates(s);
    let s = close_gaps(&drop_openers(&s));
    let s = drop_trailing_attribution(s);
    let s = fit(s, max.max(8));
    let s = balance_quotes(&s);
    let out = capitalise(s.trim_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c)));
    if !out.chars().any(char::is_alphabetic) {
        // Nothing but a date and filler: the sentence itself, shortened.
        return capitalise(&fit(
            strip_outlet_tags(sentence.trim()).to_string(),
            max.max(8),
        ));
    }
    out
}

/// The headline of an event: the article's `title` when the event is the first date of the
/// article's lead sentence (`lead`) and the title is a usable length, else the headline of the
/// sentence.
pub fn event_headline(sentence: &str, title: &str, lead: bool, max: usize) -> String {
    if lead {
        let title = clean_title(title);
        // A question ("... : phụ huynh cần làm gì?") is no headline; what comes before its colon
        // may be.
        let title = match title.strip_suffix('?') {
            Some(q) => q
                .split_once(':')
                .map(|(before, _)| before.trim())
                .filter(|b| b.chars().count() >= QUESTION_LEAD_CHARS)
                .unwrap_or(""),
            None => title,
        };
        // A rubric before a colon ("Thời sự sáng: ...", "Việt Nam: ...") is no part of the
        // news.
        let title = match title.split_once(": ") {
            Some((rubric, rest))
                if rubric.split_whitespace().count() <= 3
                    && rest.chars().count() >= MIN_TITLE_CHARS =>
            {
                rest.trim()
            }
            _ => title,
        };
        let n = title.chars().count();
        if n >= MIN_TITLE_CHARS {
            let shortened = balance_quotes(&fit(title.to_string(), max.max(8)));
            return capitalise(shortened.trim_end_matches(['.', ' ']));
        }
    }
    headline(sentence, max)
}

/// How good a headline is for standing for a happening, to pick the best of its reports: a
/// title beats a sentence, a whole clause beats one cut with "…", a headline with diacritics
/// beats one typed without, one naming its actor beats one opening with a pronoun ("Ông",
/// "Vụ việc"), and very short ones lose.
pub fn headline_score(headline: &str, from_title: bool) -> f32 {
    let mut score = 1.0;
    if from_title {
        score += 0.3;
    }
    let n = headline.chars().count();
    if n < 20 {
        score -= 0.6;
    } else if n < 30 {
        score -= 0.3;
    }
    if headline.ends_with('…') {
        score -= 0.3;
    }
    let folded = to_lower(&fold_headline(headline));
    if folded != to_lower(headline) {
        score += 0.2;
    }
    if HEADLINE_ANAPHORA.iter().any(|a| folded.starts_with(a)) {
        score -= 0.4;
    }
    score
}

/// `fold_diacritics(headline)`, with a closing "…" folded on its own. The ellipsis (U+2026)
/// sends `fold_diacritics` down its slow path, a normalisation check of the whole text from
/// its start, for the two headlines in five that are cut; the text before it folds the same
/// alone, since an ellipsis is NFC, has combining class 0 and composes with nothing, so it
/// neither changes how the text before it normalises nor is changed by it.
fn fold_headline(headline: &str) -> String {
    match headline.strip_suffix('…') {
        Some(body) => {
            let mut folded = fold_diacritics(body);
            folded.push_str(&fold_diacritics("…"));
            folded
        }
        None => fold_diacritics(headline),
    }
}

/// The headline of a sentence; the name the headline had before it was one.
#[deprecated(note = "use `headline`")]
pub fn short_title(sentence: &str, max: usize) -> String {
    headline(sentence, max)
}

/// A title without the site's name tacked on: " | Báo Mới", " - VnExpress", " - Tuoitre.vn".
/// A dash joins names too ("Việt Nam - Nhật Bản"), so after a dash only a single word, a
/// web address or a "Báo ..." goes.
fn clean_title(title: &str) -> &str {
    let t = title.trim();
    if let Some(at) = t.rfind(" | ") {
        if at > 0 && t[at + 3..].chars().count() <= 30 {
            return t[..at].trim();
        }
    }
    for sep in [" - ", " – "] {
        if let Some(at) = t.rfind(sep) {
            let tail = t[at + sep.len()..].trim();
            let site = tail.split_whitespace().count() == 1
                || tail.contains('.')
                || fold_diacritics(tail).to_lowercase().starts_with("bao ");
            if at > 0 && site && tail.chars().count() <= 30 {
                return t[..at].trim();
            }
        }
    }
    t
}

/// Drops leading outlet tags: "(TTXVN) -", "VOV.VN -", "TGVN.", "Hà Nội (TTXVN) -".
fn strip_outlet_tags(mut s: &str) -> &str {
    loop {
        let before = s;
        // "(TTXVN) -", "(Dân trí) -", and a place before it: "Hà Nội (TTXVN) -".
        if let Some(open) = s.find('(') {
            if open <= 24 && !s[..open].contains([',', '.']) {
                if let Some(close) = s[open..].find(')') {
                    let tag = &s[open + 1..open + close];
                    let rest = s[open + close + 1..].trim_start();
                    if tag.chars().count() <= 24 && (rest.starts_with(['-', '–', '—']) || open == 0)
                    {
                        s = rest.trim_start_matches(['-', '–', '—', ':', ' ']);
                    }
                }
            }
        }
        // "VOV.VN -", "TGVN.", "NDO -": a short upper-case tag.
        let first = s.split_whitespace().next().unwrap_or("");
        let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
        let rest = s[first.len()..].trim_start();
        if first.chars().count() <= 12
            && !letters.is_empty()
            && letters.iter().all(|c| c.is_uppercase())
            && letters.len() >= 2
            && (first.ends_with(['.', ':']) || rest.starts_with(['-', '–', '—']))
        {
            s = rest.trim_start_matches(['-', '–', '—', ' ']);
        }
        if s == before {
            return s;
        }
    }
}

/// Lower-case folded form of a word, without surrounding punctuation.
fn fold_word(word: &str) -> String {
    fold_diacritics(word.trim_matches(|c: char| !c.is_alphanumeric())).to_lowercase()
}

/// Collapses spaces and punctuation left behind by removals.
pub(super) fn tidy(s: &str) -> String {
    let mut out = collapse_whitespace(s);
    // Most text holds none of the pairs: one scan for all of them spares eleven.
    if holds_tidy_pair(&out) {
        for (from, to) in TIDY_PAIRS {
            while out.contains(from) {
                out = out.replace(from, to);
            }
        }
    }
    let kept = out
        .trim_start_matches([',', ';', ':', ' ', '-', '–'])
        .trim();
    if kept.len() == out.len() {
        return out;
    }
    kept.to_string()
}

/// What [`tidy`] replaces, in order, until none is left.
const TIDY_PAIRS: [(&str, &str); 11] = [
    (" ,", ","),
    (",,", ","),
    ("( )", ""),
    ("()", ""),
    ("( ", "("),
    (" )", ")"),
    (" .", "."),
    (", .", "."),
    (",.", "."),
    (" ;", ";"),
    ("  ", " "),
];

/// Whether `text` holds any of [`TIDY_PAIRS`], in one scan of its bytes (a test checks that
/// this finds every pair).
fn holds_tidy_pair(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, b' ' | b',' | b'(') && {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            match b {
                b' ' => matches!(next, b',' | b')' | b'.' | b';' | b' '),
                b',' => matches!(next, b',' | b'.') || bytes[i + 1..].starts_with(b" ."),
                _ => matches!(next, b')' | b' '),
            }
        }
    })
}

/// `s`'s words joined by single spaces (`s.split_whitespace()` joined with " "), copied a run
/// of bytes at a time.
fn collapse_whitespace(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let space = white_space_len(bytes, i);
        if space > 0 {
            i += space;
            continue;
        }
        let mut end = i + 1;
        while end < bytes.len() && white_space_len(bytes, end) == 0 {
            end += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // `i` and `end` are character boundaries: `i` starts the text or follows white space,
        // and `end` is the text's end or starts white space; white space is looked for only
        // at bytes that lead a character.
        out.push_str(&s[i..end]);
        i = end;
    }
    out
}

/// The words of `s` with their byte spans, folded and lower-cased for matching.
fn words(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(b)) => {
                out.push((b, i, fold_word(&s[b..i])));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where an attribution that opens `s` without a comma ends ("Phóng viên TTXVN tại Tokyo dẫn
/// thông báo của JAXA cho biết"): the byte after its verb, when the verb comes before any
/// comma and within 30 words.
fn reporter_end(s: &str) -> Option<usize> {
    let folded = folded_start(s, 16);
    // "Theo X, ..." ends at its comma (see `drop_openers`): "Theo thông báo phát đi chiều
    // 10/4, sự cố ..." has a "thông báo" that is no verb.
    if !HEADLINE_REPORTERS.iter().any(|r| folded.starts_with(r)) || folded.starts_with("theo ") {
        return None;
    }
    let ws = words(s);
    let comma_free = |end: usize| !s[..end].contains(',');
    // The verbs in the list's order: "cho biết" before a "thông báo" that may be a noun
    // ("dẫn thông báo của JAXA cho biết").
    for verb in HEADLINE_SAID {
        let parts: Vec<&str> = verb.split(' ').collect();
        let n = parts.len();
        for k in 0..ws.len().min(30) {
            if k + n < ws.len() && (0..n).all(|i| ws[k + i].2 == parts[i]) {
                let end = ws[k + n - 1].1;
                return comma_free(end).then_some(end);
            }
        }
    }
    None
}

/// The start of `fold_diacritics(s).to_lowercase()`, at least `bytes` bytes of it (or all of
/// it), folding only that much of `s`: the attribution check reads a few words, and folding
/// the whole sentence for it, up to four times a headline, was a tenth of making one.
///
/// `s` is cut right before a white-space character: nothing composes or changes case across
/// white space (NFC composes a mark with the character before it, never with white space; a
/// final sigma looks at what follows it up to the first character that is not case-ignorable,
/// which white space is not), so the cut text folds to the start of what the whole folds to.
fn folded_start(s: &str, bytes: usize) -> String {
    // A Vietnamese letter takes up to three bytes and folds to one.
    let cut = s
        .char_indices()
        .find(|&(i, c)| i >= 3 * bytes && c.is_whitespace())
        .map_or(s.len(), |(i, _)| i);
    let folded = fold_diacritics(&s[..cut]).to_lowercase();
    if cut < s.len() && folded.len() < bytes {
        return fold_diacritics(s).to_lowercase();
    }
    folded
}

/// Drops leading clauses that carry no news.
fn drop_openers(s: &str) -> String {
    let mut s = s.trim();
    for _ in 0..4 {
        if let Some(end) = reporter_end(s) {
            s = s[end..].trim_start();
            continue;
        }
        let Some(comma) = s.find(',') else { break };
        let head = &s[..comma];
        if head.chars().count() > 80 {
            break;
        }
        let h = fold_diacritics(head).to_lowercase().replace('\u{1}', " ");
        let h = h.trim();
        let filler = h.is_empty()
            || h.starts_with(crate::text::lexicon::ATTRIBUTION)
            || HEADLINE_OPENERS
                .iter()
                .any(|o| h == o.trim_end() || (o.ends_with(' ') && h.starts_with(o)))
            || !find_dates(head).is_empty() && head.chars().count() <= 40;
        if !filler {
            break;
        }
        s = s[comma + 1..].trim_start();
    }
    s.to_string()
}

/// Whether `s` has at most `max` characters (`s.chars().count() <= max`), counting no
/// further than needed: a headline is cut from sentences of hundreds of characters.
fn at_most_chars(s: &str, max: usize) -> bool {
    s.len() <= max || s.chars().nth(max).is_none()
}

/// The byte offset of the `n`-th character.
fn byte_at_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Drops a trailing ", theo Reuters" or ", ông X cho biết".
fn drop_trailing_attribution(s: String) -> String {
    let body = s.trim_end_matches(['.', ' ']);
    let Some(comma) = body.rfind(',') else {
        return s;
    };
    let tail = fold_diacritics(&body[comma + 1..]).to_lowercase();
    let tail = tail.trim();
    let words = tail.split_whitespace().count();
    let said = [
        "cho biet",
        "cho hay",
        "noi",
        "khang dinh",
        "nhan dinh",
        "nhan manh",
    ];
    if words <= 12
        && (tail.starts_with("theo ") || said.iter().any(|v| tail.ends_with(v)))
        && comma > 0
    {
        return body[..comma].to_string();
    }
    s
}

/// Cuts to at most `max` characters: first without an apposition after a short subject
/// ("Hải Vân, doanh nghiệp kho vận ở Đà Nẵng, thông báo ..."), then at the last clause boundary
/// (comma, semicolon, colon) that fits and uses at least half the room, else after the last
/// whole word that fits, with "…".
fn fit(s: String, max: usize) -> String {
    let mut s = s.trim().trim_end_matches(['.', ' ']).to_string();
    if at_most_chars(&s, max) {
        return s;
    }
    if let Some(shorter) = without_apposition(&s) {
        s = shorter;
        if at_most_chars(&s, max) {
            return s;
        }
    }
    let limit = byte_at_char(&s, max);
    let floor = byte_at_char(&s, max / 2);
    // Not " - ": it joins names ("Việt Nam - Chile") as often as clauses. The last ", ", "; "
    // or ": " starting between `floor` and `limit`, found by looking at those bytes only
    // (searching the whole of a long sentence for each of the three was most of `fit`): the
    // marks are ASCII, so a byte match is a character match.
    let bytes = s.as_bytes();
    let boundary = (floor..=limit).rev().find(|&at| {
        bytes
            .get(at)
            .is_some_and(|b| matches!(b, b',' | b';' | b':'))
            && bytes.get(at + 1) == Some(&b' ')
    });
    if let Some(at) = boundary {
        return s[..at].trim_end().to_string();
    }
    // Whole words within max - 1 characters, then "…"; a single word longer than that is
    // the one case cut inside.
    let limit = byte_at_char(&s, max - 1);
    let cut = if s[limit..].starts_with(' ') {
        limit
    } else {
        s[..limit].rfind(' ').unwrap_or(limit)
    };
    let mut kept = s[..cut].trim_end().to_string();
    // A dangling "của", "và" or comma would end the headline mid-phrase.
    loop {
        let trimmed = kept.trim_end_matches([',', ';', ':', '-', '–', ' ']);
        let last = trimmed.rsplit(' ').next().unwrap_or("");
        let rest = trimmed[..trimmed.len() - last.len()].trim_end();
        if !rest.is_empty() && HEADLINE_DANGLING.contains(&fold_word(last).as_str()) {
            kept = rest.to_string();
        } else {
            kept = trimmed.to_string();
            break;
        }
    }
    format!("{kept}…")
}

/// "X, <who X is>, <the news>" as "X <the news>", when X is a name of at most five words.
fn without_apposition(s: &str) -> Option<String> {
    let first = s.find(", ")?;
    let head = &s[..first];
    let rest = &s[first + 2..];
    let second = rest.find(", ")?;
    let news = &rest[second + 2..];
    let who = &rest[..second];
    let named = head.split_whitespace().count() <= 5
        && head.starts_with(char::is_uppercase)
        && !head.contains(['(', '"', '“', ':'])
        && who.split_whitespace().count() <= 14
        && !who.contains([':', '"', '“', '”']);
    (named && news.split_whitespace().count() >= 3).then(|| format!("{head} {news}"))
}

/// Drops a quotation mark left open (or both, around a headline that is all quotation).
fn balance_quotes(s: &str) -> String {
    let opens = s.matches('“').count();
    let closes = s.matches('”').count();
    let straight = s.matches('"').count();
    let mut out = s.to_string();
    if opens > closes {
        if let Some(at) = out.rfind('“') {
            out.replace_range(at..at + '“'.len_utf8(), "");
        }
    } else if closes > opens {
        if let Some(at) = out.find('”') {
            out.replace_range(at..at + '”'.len_utf8(), "");
        }
    }
    if straight % 2 == 1 {
        if let Some(at) = out.rfind('"') {
            out.replace_range(at..at + 1, "");
        }
    }
    let t = out.trim();
    if (t.starts_with('“') && t.ends_with('”') && t.matches('“').count() == 1)
        || (t.starts_with('"') && t.ends_with('"') && t.matches('"').count() == 2)
    {
        let first = t.chars().next().map_or(0, char::len_utf8);
        let last = t.chars().last().map_or(0, char::len_utf8);
        return t[first..t.len() - last].trim().to_string();
    }
    tidy(&out)
}

/// Upper-cases the first letter.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => {
            let mut out = String::with_capacity(s.len() + 2);
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
            out
        }
        None => String::new(),
    }
}
