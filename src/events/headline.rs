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

use super::dates::{find_dates, Written};
use crate::text::fold_diacritics;
use crate::text::lexicon::{
    HEADLINE_ANAPHORA, HEADLINE_DANGLING, HEADLINE_DATE_LEFT, HEADLINE_DATE_LEFT_PLAIN,
    HEADLINE_DATE_RIGHT, HEADLINE_DATE_RIGHT_PLAIN, HEADLINE_OPENERS, HEADLINE_REPORTERS,
    HEADLINE_SAID, HEADLINE_TIME_WORDS, HEADLINE_WEEKDAYS, HEADLINE_WEEKDAYS_PLAIN,
    HEADLINE_WEEKDAY_WORDS,
};

/// Longest headline, in characters.
pub const MAX_HEADLINE_CHARS: usize = 90;

/// Titles shorter than this say too little to stand for the happening.
const MIN_TITLE_CHARS: usize = 15;

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
            Some(q) => q.split_once(':').map_or("", |(before, _)| before.trim()),
            None => title,
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
        score += 0.5;
    }
    let n = headline.chars().count();
    if n < 20 {
        score -= 0.6;
    } else if n < 30 {
        score -= 0.2;
    }
    if headline.ends_with('…') {
        score -= 0.3;
    }
    let folded = fold_diacritics(headline).to_lowercase();
    if folded != headline.to_lowercase() {
        score += 0.2;
    }
    if HEADLINE_ANAPHORA.iter().any(|a| folded.starts_with(a)) {
        score -= 0.4;
    }
    score
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

/// The words that go with a date, in the spelling of the sentence: with diacritics, or typed
/// without them.
struct DateWords {
    plain: bool,
}

impl DateWords {
    fn of(sentence: &str) -> Self {
        DateWords {
            plain: fold_diacritics(sentence) == sentence,
        }
    }

    /// A word as the lists spell it: lower-case, and folded in plain text.
    fn key(&self, word: &str) -> String {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if self.plain {
            fold_diacritics(&w)
        } else {
            w
        }
    }

    fn pick<'a>(&self, (accented, plain): (&'a [&'a str], &'a [&'a str])) -> &'a [&'a str] {
        if self.plain {
            plain
        } else {
            accented
        }
    }

    /// Whether `key` (see [`DateWords::key`]) is one of `accented`, folded in plain text.
    fn is(&self, key: &str, accented: &[&str]) -> bool {
        accented.iter().any(|a| {
            if self.plain {
                fold_diacritics(a) == key
            } else {
                *a == key
            }
        })
    }

    fn left(&self, word: &str) -> bool {
        self.pick((HEADLINE_DATE_LEFT, HEADLINE_DATE_LEFT_PLAIN))
            .contains(&self.key(word).as_str())
    }

    fn weekday(&self, word: &str, before: &str) -> bool {
        self.pick((HEADLINE_WEEKDAYS, HEADLINE_WEEKDAYS_PLAIN))
            .contains(&self.key(word).as_str())
            && self
                .pick(HEADLINE_WEEKDAY_WORDS)
                .contains(&self.key(before).as_str())
    }

    fn right(&self, words: &str) -> bool {
        self.pick((HEADLINE_DATE_RIGHT, HEADLINE_DATE_RIGHT_PLAIN))
            .contains(&self.key(words).as_str())
    }
}

/// A bare day and month in brackets, "(6/6)" or "(11-9)": a date restated.
fn is_bare_date(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit() || "/.-".contains(c))
        && s.contains(['/', '.', '-'])
        && s.starts_with(|c: char| c.is_ascii_digit())
}

/// Removes the date phrases, with the words that belong to them. A relative month or year
/// ("tháng trước", "năm sau"), or a week ("tuần tới"), stays: inside a sentence it is often no
/// date at all ("hơn nửa năm sau khi", "ba tuần trước khi"), and a leading one goes with its
/// clause (see [`drop_openers`]).
fn remove_dates(s: &str) -> String {
    let words = DateWords::of(s);
    let mut cuts: Vec<(usize, usize)> = find_dates(s)
        .iter()
        .filter(|m| match m.written {
            Written::RelativeMonths(_) | Written::RelativeYears(_) => false,
            // "hôm qua", "sáng nay", "cùng ngày" go; "ba tuần trước khi" is a duration.
            Written::RelativeDays(_) => {
                let first = s[m.start..m.end].split_whitespace().next().unwrap_or("");
                words.left(first) && !words.is(&words.key(first), &["trong", "từ", "đến"])
            }
            _ => true,
        })
        .map(|m| widen(s, m.start, m.end, &words))
        .collect();
    if cuts.is_empty() {
        return s.to_string();
    }
    cuts.sort_unstable();
    // A clause that frames time ("Chỉ hai ngày trước phiên đối thoại") goes with a date clause
    // right after it: "<frame>, ngày 11/3, <news>".
    if let Some(&(start, end)) = cuts.first() {
        let head = s[..start].trim_end();
        let after = s[end..].trim_start();
        if let Some(frame) = head.strip_suffix(',') {
            let folded = fold_diacritics(frame).to_lowercase();
            let timely = folded
                .split_whitespace()
                .any(|w| HEADLINE_TIME_WORDS.contains(&w));
            if timely
                && !frame.contains(',')
                && frame.chars().count() <= 40
                && after.starts_with(',')
            {
                cuts[0].0 = 0;
            }
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (start, end) in cuts {
        if start < at {
            at = at.max(end);
            continue;
        }
        out.push_str(&s[at..start]);
        out.push_str(GAP);
        at = end;
    }
    out.push_str(&s[at..]);
    out
}

/// Where a date was cut out, until leading clauses are dropped: a clause that was nothing
/// but a date is then empty, and goes.
const GAP: &str = " \u{1} ";

/// Closes the gaps left by dates: a whole clause between commas goes with both commas ("Luật
/// X, có hiệu lực từ 1/7, quy định" reads "Luật X quy định").
fn close_gaps(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('\u{1}') {
        let before = rest[..at].trim_end();
        let after = rest[at + 1..].trim_start();
        if before.ends_with(',') && after.starts_with(',') {
            out.push_str(&before[..before.len() - 1]);
            out.push(' ');
            rest = &after[1..];
        } else {
            out.push_str(&rest[..at]);
            out.push(' ');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    tidy(&out)
}

/// Widens a date's span over the words that belong to it.
fn widen(s: &str, mut start: usize, mut end: usize, words: &DateWords) -> (usize, usize) {
    // Left: date words, times of day, weekdays ("hôm thứ Năm"), times ("lúc 20h", "2 giờ"),
    // the first day of a pair ("ngày 6 và 7/4"), a count of days ("trong hai ngày"), a
    // position ("giữa tháng 3", "nửa đầu năm"; only next to the date: "bắt đầu từ tháng 6" keeps
    // its "bắt đầu").
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let mut absorbed: Vec<String> = Vec::new();
    // The grammar may have taken a cue already: "và 7/4".
    let cue = words.key(s[start..end].split_whitespace().next().unwrap_or(""));
    loop {
        let head = s[..start].trim_end();
        let head = head.strip_suffix('(').map_or(head, str::trim_end);
        let word_start = head
            .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &head[word_start..];
        if word.is_empty() || word.ends_with([',', ';', '.', ':']) {
            break;
        }
        let before = head[..word_start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let key = words.key(word);
        let last = absorbed.last().map(String::as_str);
        let lower = word.to_lowercase();
        let time = lower.starts_with(|c: char| c.is_ascii_digit())
            && lower
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .ends_with(['h', 'g']);
        let day_word = |k: Option<&str>| k.is_some_and(|k| words.is(k, &["ngày", "hôm"]));
        let positional = words.is(&key, &["đầu", "cuối", "giữa", "nửa"]);
        // "có hiệu lực từ 1/7": the validity goes with its date.
        if words.is(&key, &["từ"]) {
            let effect = head[..word_start].trim_end();
            let k = words.key(effect);
            let phrase_start = effect
                .rsplitn(4, char::is_whitespace)
                .nth(3)
                .map_or(0, |p| p.len() + 1);
            let first = effect[phrase_start..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            if (k.ends_with("hiệu lực") || k.ends_with("hieu luc"))
                && words.is(&words.key(first), &["có"])
            {
                start = phrase_start;
                break;
            }
        }
        let take = (words.left(word)
            && (!positional || last.is_none_or(|l| words.is(l, &["đầu", "cuối", "giữa", "nửa"]))))
            || (positional && last.is_none())
            || words.weekday(word, before)
            || time
            || words.is(&key, &["giờ"])
            || (number(word)
                && last
                    .or(Some(cue.as_str()))
                    .is_some_and(|l| words.is(l, &["giờ", "và"])))
            || (words.is(&key, &["và"]) && number(before) && last.is_none())
            || (words.is(&key, &["hai", "ba", "các", "những", "mấy"]) && day_word(last));
        if !take {
            break;
        }
        start = word_start;
        absorbed.push(key);
        if words.weekday(word, before) {
            // "thứ" or "chủ" too.
            start = head[..word_start].trim_end().len() - before.len();
        }
    }
    // Right: "vừa qua", "tới", "(giờ Hà Nội)", a date restated in brackets "(6/6)", a year
    // the grammar left over ("tháng 10.2025").
    loop {
        let tail = &s[end..];
        if let Some(rest) = tail.strip_prefix(['.', '/', '-']) {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if (2..=4).contains(&digits) {
                end += 1 + digits;
                continue;
            }
        }
        let trimmed = tail.trim_start();
        let skipped = tail.len() - trimmed.len();
        if let Some(inner) = trimmed.strip_prefix('(') {
            if let Some(close) = inner.find(')') {
                let inside = &inner[..close];
                if is_bare_date(inside) || words.right(inside) || !find_dates(inside).is_empty() {
                    end += skipped + 1 + close + 1;
                    continue;
                }
            }
        }
        let mut grew = false;
        for n in [3usize, 2, 1] {
            let piece: Vec<&str> = trimmed.split_whitespace().take(n).collect();
            if piece.len() < n || piece[..n - 1].iter().any(|w| w.ends_with([',', '.', ';'])) {
                continue;
            }
            if words.right(&piece.join(" ")) {
                let last = piece[n - 1];
                let len = trimmed.find(last).map_or(0, |i| i + last.len());
                // Punctuation after the word stays.
                let kept = last.len() - last.trim_end_matches([',', '.', ';', ')']).len();
                end += skipped + len - kept;
                grew = true;
                break;
            }
        }
        if !grew {
            break;
        }
    }
    (start, end)
}

/// Collapses spaces and punctuation left behind by removals.
fn tidy(s: &str) -> String {
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
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
    ] {
        while out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out.trim_start_matches([',', ';', ':', ' ', '-', '–'])
        .trim()
        .to_string()
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
    let folded = fold_diacritics(s).to_lowercase();
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
    if s.chars().count() <= max {
        return s;
    }
    if let Some(shorter) = without_apposition(&s) {
        s = shorter;
        if s.chars().count() <= max {
            return s;
        }
    }
    let limit = byte_at_char(&s, max);
    let floor = byte_at_char(&s, max / 2);
    // Not " - ": it joins names ("Việt Nam - Chile") as often as clauses.
    let boundary = [", ", "; ", ": "]
        .iter()
        .flat_map(|b| s.match_indices(b).map(|(at, _)| at))
        .filter(|&at| at >= floor && at <= limit)
        .max();
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
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentence -> headline, at the default 90 characters. Every sentence here was written for
    /// this test.
    const CASES: &[(&str, &str)] = &[
        // A leading date clause.
        (
            "Ngày 29/3, Bộ Công an cảnh báo chiêu lừa mới qua ứng dụng nhắn tin.",
            "Bộ Công an cảnh báo chiêu lừa mới qua ứng dụng nhắn tin",
        ),
        (
            "Sáng 4/6, hệ thống bán vé của nhà ga Bến Thành ngừng hoạt động vì mã độc.",
            "Hệ thống bán vé của nhà ga Bến Thành ngừng hoạt động vì mã độc",
        ),
        (
            "Rạng sáng nay, tàu vũ trụ Hằng Nga đã hạ cánh xuống vùng Nội Mông.",
            "Tàu vũ trụ Hằng Nga đã hạ cánh xuống vùng Nội Mông",
        ),
        (
            "Hôm qua (6/6), nền tảng bán hàng Chợ Lớn Online xác nhận bị lộ dữ liệu khách hàng.",
            "Nền tảng bán hàng Chợ Lớn Online xác nhận bị lộ dữ liệu khách hàng",
        ),
        (
            "Chiều cùng ngày 12/9, hai bộ trưởng ký biên bản ghi nhớ về hợp tác vũ trụ.",
            "Hai bộ trưởng ký biên bản ghi nhớ về hợp tác vũ trụ",
        ),
        // Outlet tags before the date.
        (
            "(TTXVN) - Chiều 17/10, Chủ tịch nước tiếp Đại sứ Peru đến chào từ biệt.",
            "Chủ tịch nước tiếp Đại sứ Peru đến chào từ biệt",
        ),
        (
            "VOV.VN - Tối 2/5, Thủ tướng dự lễ khai mạc Tuần văn hóa Việt Nam tại Lào.",
            "Thủ tướng dự lễ khai mạc Tuần văn hóa Việt Nam tại Lào",
        ),
        (
            "TGVN. Ngày 8/8, Thủ tướng Singapore gửi điện mừng Quốc khánh Việt Nam.",
            "Thủ tướng Singapore gửi điện mừng Quốc khánh Việt Nam",
        ),
        (
            "Hà Nội (TTXVN) - Sáng 21/7, Quốc hội bế mạc kỳ họp bất thường.",
            "Quốc hội bế mạc kỳ họp bất thường",
        ),
        // Attributions.
        (
            "Theo hãng tin Yonhap, ngày 18/8, Tổng thống Hàn Quốc đã đến Trại David.",
            "Tổng thống Hàn Quốc đã đến Trại David",
        ),
        (
            "Phóng viên TTXVN tại Tokyo dẫn thông báo của Cơ quan Thăm dò Hàng không Vũ trụ Nhật Bản cho biết tên lửa H3 đã rời bệ phóng lúc 9h22 ngày 17/2.",
            "Tên lửa H3 đã rời bệ phóng",
        ),
        (
            "Theo phóng viên TTXVN tại Bắc Kinh, trưa 12/9, Trung Quốc phóng vệ tinh khí tượng Phong Vân-5.",
            "Trung Quốc phóng vệ tinh khí tượng Phong Vân-5",
        ),
        (
            "Theo Reuters, hôm thứ Hai 3/6, nhóm tin tặc LockHorn nhận đã tấn công chuỗi siêu thị.",
            "Nhóm tin tặc LockHorn nhận đã tấn công chuỗi siêu thị",
        ),
        (
            "Cảng hàng không Cam Ranh tạm dừng làm thủ tục vì sự cố mạng ngày 5/7, theo Reuters.",
            "Cảng hàng không Cam Ranh tạm dừng làm thủ tục vì sự cố mạng",
        ),
        // Connectives and framing.
        (
            "Trước đó, ngày 3/6, công ty phát hiện máy chủ bị truy cập trái phép.",
            "Công ty phát hiện máy chủ bị truy cập trái phép",
        ),
        (
            "Trong khi đó, tối 9/9, Nhật Bản phóng thành công vệ tinh do thám thứ tám.",
            "Nhật Bản phóng thành công vệ tinh do thám thứ tám",
        ),
        (
            "Cùng ngày, Bộ trưởng Ngoại giao hội đàm với người đồng cấp Ấn Độ.",
            "Bộ trưởng Ngoại giao hội đàm với người đồng cấp Ấn Độ",
        ),
        (
            "Kính thưa quý vị, sáng nay, một ngân hàng lớn tại Hà Nội đã bị tấn công từ chối dịch vụ.",
            "Một ngân hàng lớn tại Hà Nội đã bị tấn công từ chối dịch vụ",
        ),
        (
            "Tại Phủ Chủ tịch, chiều 4/6, Chủ tịch nước chủ trì lễ đón Tổng thống Chile.",
            "Chủ tịch nước chủ trì lễ đón Tổng thống Chile",
        ),
        (
            "Chỉ ba ngày trước hội nghị, ngày 11/3, cảnh sát triệt phá một đường dây lừa đảo đầu tư.",
            "Cảnh sát triệt phá một đường dây lừa đảo đầu tư",
        ),
        // The date inside the sentence.
        (
            "Công ty Bảo hiểm Phúc Lộc xác nhận ngày 4/6 rằng dữ liệu của 80.000 khách hàng bị sao chép.",
            "Công ty Bảo hiểm Phúc Lộc xác nhận rằng dữ liệu của 80.000 khách hàng bị sao chép",
        ),
        (
            "Thủ tướng Nhật Bản và Tổng thống Philippines hôm thứ Năm 13/3 đã hội đàm tại Tokyo.",
            "Thủ tướng Nhật Bản và Tổng thống Philippines đã hội đàm tại Tokyo",
        ),
        (
            "Tên lửa Vega cất cánh từ Guiana lúc 20h ngày 10/9 (giờ Hà Nội) mang theo vệ tinh thời tiết.",
            "Tên lửa Vega cất cánh từ Guiana mang theo vệ tinh thời tiết",
        ),
        (
            "Vụ rò rỉ hồ sơ bệnh nhân của phòng khám Ánh Dương hôm qua (17/10) khiến nhiều người lo lắng.",
            "Vụ rò rỉ hồ sơ bệnh nhân của phòng khám Ánh Dương khiến nhiều người lo lắng",
        ),
        (
            "Hai nước sẽ tổ chức diễn đàn doanh nghiệp tại Lima vào tháng 9 năm nay.",
            "Hai nước sẽ tổ chức diễn đàn doanh nghiệp tại Lima",
        ),
        (
            "Hội nghị cấp cao ASEAN sẽ diễn ra tại Vientiane vào tháng 10.2025 với nhiều đối tác.",
            "Hội nghị cấp cao ASEAN sẽ diễn ra tại Vientiane với nhiều đối tác",
        ),
        // Not a date: kept.
        (
            "Cuộc gặp diễn ra hơn nửa năm sau khi hai nước nâng cấp quan hệ vào tháng 11/2023.",
            "Cuộc gặp diễn ra hơn nửa năm sau khi hai nước nâng cấp quan hệ",
        ),
        (
            "Nghị định 13/2023 có hiệu lực từ 1/7/2023 buộc doanh nghiệp báo cáo sự cố dữ liệu.",
            "Nghị định 13/2023 buộc doanh nghiệp báo cáo sự cố dữ liệu",
        ),
        (
            "Hơn 2.000 chuyến bay nội địa trong hai ngày 6 và 7/8 phải đổi giờ vì sự cố hệ thống.",
            "Hơn 2.000 chuyến bay nội địa phải đổi giờ vì sự cố hệ thống",
        ),
        (
            "Lỗ hổng được phát hiện vào khoảng 3 giờ sáng ngày 12/5 trên máy chủ thư điện tử.",
            "Lỗ hổng được phát hiện trên máy chủ thư điện tử",
        ),
        (
            "Việc xây dựng kịch bản bắt đầu từ tháng 6/2023 với sự tham gia của mười nước.",
            "Việc xây dựng kịch bản bắt đầu với sự tham gia của mười nước",
        ),
        (
            "Hai bên dự kiến ký hiệp định khung trong nửa đầu năm 2026.",
            "Hai bên dự kiến ký hiệp định khung",
        ),
        // A duration is no date; a leading one goes with its clause.
        (
            "Tin tặc đã ở trong mạng nội bộ ít nhất hai tuần trước khi mã hóa dữ liệu.",
            "Tin tặc đã ở trong mạng nội bộ ít nhất hai tuần trước khi mã hóa dữ liệu",
        ),
        (
            "Trong khoảng hai tuần tới, kính thiên văn sẽ được hiệu chỉnh gương chính.",
            "Kính thiên văn sẽ được hiệu chỉnh gương chính",
        ),
        (
            "Theo thông báo phát đi chiều 10/4, hệ thống đặt lịch khám đã hoạt động trở lại.",
            "Hệ thống đặt lịch khám đã hoạt động trở lại",
        ),
        (
            "Máy chủ bị xâm nhập từ giữa tháng 3, một kỹ sư tham gia ứng cứu sự cố cho biết.",
            "Máy chủ bị xâm nhập",
        ),
        // Text typed without diacritics.
        (
            "Ngay 4-6, Cong ty CP Van tai Song Han bi tan cong bang ma doc tong tien.",
            "Cong ty CP Van tai Song Han bi tan cong bang ma doc tong tien",
        ),
        (
            "Quoc vuong Brunei den Hue sang 11/9, ket thuc chuyen tham Viet Nam.",
            "Quoc vuong Brunei den Hue, ket thuc chuyen tham Viet Nam",
        ),
        // Long sentences: cut at a clause, never inside a word.
        (
            "Ngày 5/6, vệ tinh nano SaoMai-2 của Trung tâm Vũ trụ Việt Nam được phóng thành công lên quỹ đạo, mở ra giai đoạn thử nghiệm kéo dài sáu tháng.",
            "Vệ tinh nano SaoMai-2 của Trung tâm Vũ trụ Việt Nam được phóng thành công lên quỹ đạo",
        ),
        (
            "Hãng Song Hồng, doanh nghiệp vận tải biển có trụ sở ở Hải Phòng, hôm thứ Ba 4/6 thông báo hệ thống đặt chỗ bị mã hóa bởi phần mềm tống tiền.",
            "Hãng Song Hồng thông báo hệ thống đặt chỗ bị mã hóa bởi phần mềm tống tiền",
        ),
        (
            "Hai bộ trưởng nhất trí đẩy mạnh hợp tác trong các lĩnh vực năng lượng tái tạo hạ tầng số giáo dục đại học và nông nghiệp công nghệ cao từ ngày 2/4.",
            "Hai bộ trưởng nhất trí đẩy mạnh hợp tác trong các lĩnh vực năng lượng tái tạo hạ tầng số…",
        ),
        // A dash inside a name is no clause boundary; validity goes with its date.
        (
            "Tuyên bố chung nêu hai bên sẽ tổ chức Diễn đàn doanh nghiệp Việt Nam - Chile tại Santiago vào tháng 9/2024, đồng thời mở đường bay thẳng.",
            "Tuyên bố chung nêu hai bên sẽ tổ chức Diễn đàn doanh nghiệp Việt Nam - Chile tại Santiago",
        ),
        (
            "Luật Dữ liệu, có hiệu lực từ ngày 1/7/2025, quy định cơ sở dữ liệu tổng hợp quốc gia.",
            "Luật Dữ liệu quy định cơ sở dữ liệu tổng hợp quốc gia",
        ),
        // Quotations are never left open.
        (
            "Ngày 9/9, Giám đốc Sở nói: “Chúng tôi đã cô lập toàn bộ hệ thống điều khiển của nhà máy nước và đang khôi phục từng phần”.",
            "Giám đốc Sở nói: Chúng tôi đã cô lập toàn bộ hệ thống điều khiển của nhà máy nước…",
        ),
        (
            "“Đây là vụ phóng thành công nhất của chúng tôi”, Giám đốc Trung tâm Vũ trụ nói ngày 5/6.",
            "Đây là vụ phóng thành công nhất của chúng tôi",
        ),
        (
            "Ông Lê Minh, Giám đốc nhà máy: “Tháng 5/2025 chúng tôi vừa diễn tập đúng tình huống mất điều khiển, nên ca trực xử lý rất nhanh, không hoảng loạn.”",
            "Ông Lê Minh, Giám đốc nhà máy: chúng tôi vừa diễn tập đúng tình huống mất điều khiển",
        ),
    ];

    #[test]
    fn headlines_of_sentences_of_every_shape() {
        let mut wrong = Vec::new();
        for (sentence, expected) in CASES {
            let got = headline(sentence, MAX_HEADLINE_CHARS);
            if got != *expected {
                wrong.push(format!("  {sentence}\n    want {expected}\n    got  {got}"));
            }
            assert!(got.chars().count() <= MAX_HEADLINE_CHARS, "{got}");
        }
        assert!(
            wrong.is_empty(),
            "{} wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn a_lead_sentence_takes_the_title() {
        let sentence = "Ngày 4/6, Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa.";
        assert_eq!(
            event_headline(
                sentence,
                "Doanh nghiệp kho vận bị tấn công - VnExpress",
                true,
                90
            ),
            "Doanh nghiệp kho vận bị tấn công"
        );
        // Not the lead: the sentence's own headline.
        assert_eq!(
            event_headline(sentence, "Doanh nghiệp kho vận bị tấn công", false, 90),
            "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
        );
        // A question is no headline; what comes before its colon may be.
        assert_eq!(
            event_headline(
                sentence,
                "Dữ liệu khách hàng bị rao bán: phải làm gì?",
                true,
                90
            ),
            "Dữ liệu khách hàng bị rao bán"
        );
        assert_eq!(
            event_headline(sentence, "Ai đứng sau vụ tấn công?", true, 90),
            "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
        );
        // A dash before a site's name goes, a dash between names stays.
        assert_eq!(
            event_headline(
                sentence,
                "Điện đàm cấp Thủ tướng Việt Nam - Nhật Bản",
                true,
                90
            ),
            "Điện đàm cấp Thủ tướng Việt Nam - Nhật Bản"
        );
        assert_eq!(
            event_headline(sentence, "Tàu Hằng Nga hạ cánh an toàn | Báo Mới", true, 90),
            "Tàu Hằng Nga hạ cánh an toàn"
        );
        // Too short to name the happening.
        assert_eq!(
            event_headline(sentence, "Tin nóng", true, 90),
            "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
        );
    }

    #[test]
    fn nothing_but_a_date_gives_the_sentence() {
        assert_eq!(headline("Hôm qua, 4/6.", 90), "Hôm qua, 4/6");
        assert_eq!(headline("", 90), "");
    }

    #[test]
    fn cuts_never_split_a_word() {
        let sentence = "Các nhà khoa học của viện nghiên cứu đã công bố kết quả đo đạc mới về bức xạ vũ trụ nền trong ngày 3/3";
        for max in [20, 33, 47, 61] {
            let h = headline(sentence, max);
            assert!(h.chars().count() <= max, "{h}");
            let words: Vec<&str> = sentence.split_whitespace().collect();
            for w in h.trim_end_matches('…').split_whitespace() {
                assert!(
                    words.contains(&w),
                    "{w} is not a whole word of the sentence ({h})"
                );
            }
        }
    }

    #[test]
    fn scores_prefer_titles_whole_clauses_diacritics_and_named_actors() {
        let named = "Hải Vân Logistics tê liệt hệ thống vì mã độc tống tiền";
        assert!(headline_score(named, true) > headline_score(named, false));
        assert!(
            headline_score(named, false)
                > headline_score(
                    "Hai Van Logistics te liet he thong vi ma doc tong tien",
                    false
                )
        );
        assert!(
            headline_score(named, false)
                > headline_score("Vụ việc được doanh nghiệp xác nhận hôm nay", false)
        );
        assert!(
            headline_score(named, false)
                > headline_score("Hải Vân Logistics tê liệt hệ thống vì mã…", false)
        );
        assert!(headline_score(named, false) > headline_score("Ông đề xuất", false));
    }
}
