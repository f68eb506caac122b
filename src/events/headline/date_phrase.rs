//! The date phrase of a sentence and the words that belong to it ("hôm thứ Năm 13/3", "2 giờ
//! sáng ngày 6/4", "(giờ Hà Nội)"), cut out of a headline.

use super::tidy;
use crate::events::dates::{find_dates, Written};
use crate::text::fold_diacritics;
use crate::text::lexicon::{
    HEADLINE_DATE_LEFT, HEADLINE_DATE_LEFT_PLAIN, HEADLINE_DATE_RIGHT, HEADLINE_DATE_RIGHT_PLAIN,
    HEADLINE_TIME_WORDS, HEADLINE_WEEKDAYS, HEADLINE_WEEKDAYS_PLAIN, HEADLINE_WEEKDAY_WORDS,
};

/// The words that go with a date, in the spelling of the sentence: with diacritics, or typed
/// without them.
struct DateWords {
    plain: bool,
}

impl DateWords {
    fn of(sentence: &str) -> Self {
        DateWords {
            plain: crate::text::normalize::folds_to_itself(sentence),
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
/// clause (see `drop_openers`).
pub(super) fn remove_dates(s: &str) -> String {
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
pub(super) const GAP: &str = " \u{1} ";

/// Closes the gaps left by dates: a whole clause between commas goes with both commas ("Luật
/// X, có hiệu lực từ 1/7, quy định" reads "Luật X quy định").
pub(super) fn close_gaps(s: &str) -> String {
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
                // Past the white space after the kept part, whatever its width in bytes
                // (a no-break space is two).
                .map_or(0, |p| {
                    p.len() + effect[p.len()..].chars().next().map_or(0, char::len_utf8)
                });
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
        // A mention that opened a bracket ("hôm qua (6/6") takes its closing one.
        let phrase = &s[start..end];
        if tail.starts_with(')') && phrase.matches('(').count() > phrase.matches(')').count() {
            end += 1;
            continue;
        }
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
