//! The passes over all mentions of a sentence, once every form has read it: two dates joined
//! by "đến" or "-" become one range, an explicit date replaces the relative day or weekday
//! just before it, comparisons go, and each mention's clause is read for its tense and
//! background cues.

use super::grammar::{self, Grammar};
use super::{clause_end, clause_start, ends_with_word};
use super::{DayMonth, Form, Mention, WeekOf, Written, YearHint};

/// Joins two day mentions linked by "đến", "tới", "-" (with "từ" before the first, or not)
/// into one range: "từ 30/4 đến 1/5", "từ ngày 8/2 đến hết ngày 14/2/2024", "28-12 đến 1-1".
pub(super) fn join_ranges(g: &Grammar, text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let link = |gap: &str| {
        let gap = gap.trim();
        if gap == "-" || gap == "–" || gap == "—" {
            return true;
        }
        let mut rest = gap;
        let mut linked = false;
        for word in ["đến", "tới", "den", "toi"] {
            if let Some(r) = rest.strip_prefix(word) {
                rest = r.trim_start();
                linked = true;
                break;
            }
        }
        if !linked {
            return false;
        }
        for word in ["hết", "het"] {
            if let Some(r) = rest.strip_prefix(word) {
                rest = r.trim_start();
            }
        }
        rest.is_empty() || rest == g.day_word || g.times_of_day.iter().any(|t| t == rest)
    };
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last_mut() {
            if let (
                Written::Day {
                    day: d1,
                    month: m1,
                    year: y1,
                },
                Written::Day {
                    day: d2,
                    month: m2,
                    year: y2,
                },
            ) = (prev.written, m.written)
            {
                let apart = days_apart((d1, m1), (d2, m2));
                let first_has_no_later_year = !matches!(y1, YearHint::Explicit(_))
                    || y1 == y2
                    || !matches!(y2, YearHint::Explicit(_));
                if link(&text[prev.end..m.start])
                    && (1..=366).contains(&apart)
                    && first_has_no_later_year
                {
                    prev.written = Written::Range {
                        start: DayMonth {
                            day: d1,
                            month: m1,
                            year: y1,
                        },
                        end: DayMonth {
                            day: d2,
                            month: m2,
                            year: y2,
                        },
                    };
                    prev.form = Form::Range;
                    prev.end = m.end;
                    continue;
                }
            }
        }
        out.push(m);
    }
    out
}

/// Days from one day/month to the next such day/month (crossing the new year), in a year
/// without 29 February.
fn days_apart(a: (u32, u32), b: (u32, u32)) -> i64 {
    const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let ordinal = |(d, m): (u32, u32)| BEFORE[(m.clamp(1, 12) - 1) as usize] + i64::from(d);
    (ordinal(b) - ordinal(a)).rem_euclid(365)
}

/// An explicit date right after a relative day or a weekday names the same day: "sáng nay
/// (14/9)", "Hôm nay, 25/4", "thứ Năm tuần tới, 12/10", "thứ 2 ngày 6 tháng 2". The relative
/// mention goes; the date keeps the weekday and takes the whole span. A weekday right after a
/// date ("ngày 6/2 (thứ Hai)") goes too.
pub(super) fn explicit_over_relative(text: &str, mentions: &mut Vec<Mention>) {
    let joins = |gap: &str| {
        gap.chars()
            .all(|c| c.is_whitespace() || matches!(c, '(' | ',' | '-' | '–'))
    };
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let relative = matches!(
            a.written,
            Written::RelativeDays(_) | Written::Weekday { .. }
        );
        let explicit = matches!(b.written, Written::Day { .. } | Written::DayOfMonth(_));
        let gap = &text[a.end..b.start];
        let gap_ok = joins(gap) || strip_day_word(gap).is_some_and(joins);
        if relative && explicit && gap_ok {
            let weekday = match a.written {
                Written::Weekday { weekday, .. } => Some(weekday),
                _ => None,
            };
            let start = a.start;
            let b = &mut mentions[i + 1];
            b.weekday = weekday.or(b.weekday);
            b.start = start;
            mentions.remove(i);
            continue;
        }
        let weekday_after = matches!(
            b.written,
            Written::Weekday {
                week: WeekOf::Nearest,
                ..
            }
        );
        if matches!(a.written, Written::Day { .. }) && weekday_after && joins(gap) {
            if let Written::Weekday { weekday, .. } = b.written {
                let end = b.end;
                let a = &mut mentions[i];
                a.weekday = Some(weekday);
                a.end = end;
                mentions.remove(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

/// `gap` without a "ngày" in it ("thứ 2 ngày 6 tháng 2"), if it had one.
fn strip_day_word(gap: &str) -> Option<&str> {
    let at = gap.find("ngày").or_else(|| gap.find("ngay"))?;
    let len = if gap[at..].starts_with("ngày") {
        "ngày".len()
    } else {
        "ngay".len()
    };
    gap[..at]
        .chars()
        .all(char::is_whitespace)
        .then(|| &gap[at + len..])
}

/// Drops comparisons and reads each mention's clause for its tense and background cues.
pub(super) fn read_clauses(g: &Grammar, text: &str, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        let mut prefix = text[..m.start].trim_end();
        for _ in 0..3 {
            if ends_with_word(prefix, &g.comparisons).is_some() {
                return false;
            }
            match prefix.rfind(char::is_whitespace) {
                Some(i) => prefix = prefix[..i].trim_end(),
                None => break,
            }
        }
        true
    });
    if mentions.is_empty() {
        // Nothing to read clauses for: the cue words are not looked for (a sentence the
        // prefilter let through often holds no date at all).
        return;
    }
    let cues = grammar::cue_spans(g, text);
    let within = |kind: u8, from: usize, to: usize| {
        cues.iter()
            .any(|&(s, e, k)| k & kind != 0 && s >= from && e <= to)
    };
    let ahead_in = |from: usize, to: usize| within(grammar::AHEAD, from, to);
    for m in mentions.iter_mut() {
        let (from, to) = (clause_start(text, m.start), clause_end(text, m.end));
        // A clause that is only the date ("Sáng mồng 2/9, lễ diễu binh ... sẽ diễn ra") takes
        // its tense from the clause it opens.
        let is_cue = |w: &&str| g.openers.contains(*w);
        // Only whether there are at most one: the count stops at two words, not at the end
        // of a long clause.
        let others = text[from..m.start]
            .split_whitespace()
            .chain(text[m.end..to].split_whitespace())
            .filter(|w| !is_cue(w))
            .take(2)
            .count();
        let tense_to = if others <= 1 && to < text.len() {
            clause_end(
                text,
                to + text[to..].chars().next().map_or(1, char::len_utf8),
            )
        } else {
            to
        };
        let own = &text[m.start..m.end];
        let past_in_clause = within(grammar::PAST, from, tense_to);
        // "đến hết tháng này": a period that ends something lies ahead of its start.
        let period = matches!(
            m.written,
            Written::Month { .. }
                | Written::RelativeMonths(_)
                | Written::RelativeYears(_)
                | Written::Week(_)
                | Written::Year(_)
        );
        let until = period && ends_with_word(text[..m.start].trim_end(), &g.until).is_some();
        // A date written as gone by ("tháng 5 vừa qua", "tuần trước", "năm ngoái") is not
        // ahead, whatever the clause goes on to say ("..., Tổng thống đã đề xuất tổ chức hội
        // nghị"): the proposal is past, the meeting it proposed has no date here.
        m.ahead = !m.written.looks_back()
            && (ahead_in(from, tense_to)
                || (!past_in_clause && ahead_in(0, from))
                || until
                || matches!(
                    m.written,
                    Written::Month { ahead: true, .. }
                        | Written::Weekday {
                            week: WeekOf::Next,
                            ..
                        }
                ));
        // "hôm 14/7", "chiều hôm 9/5": "hôm" tells a day gone by.
        let lead: Vec<&str> = text[from..m.start]
            .split_whitespace()
            .rev()
            .take(2)
            .collect();
        let opened_by_hom = own
            .split_whitespace()
            .take(3)
            .chain(lead)
            .any(|w| w == "hôm" || w == "hom");
        m.past = opened_by_hom || past_in_clause;
        // Background cues count in the clause and the one before it ("Trước đó, ngày 10.3",
        // "Lần phóng trước đó, vào ngày 21/3").
        let before = text[..from].trim_end();
        let previous = match before.char_indices().next_back() {
            Some((i, _)) => clause_start(text, i),
            None => from,
        };
        m.background = within(grammar::BACKGROUND, previous, to);
    }
}
