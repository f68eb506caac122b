//! Events stage: dated, labelled happenings in article bodies.
//!
//! article -> body paragraphs ([`crate::page`], boilerplate dropped) -> sentences -> date
//! mentions ([`dates`]) -> resolved dates -> labelled [`Event`]s, one per happening.
//!
//! Years: a date without a year takes it from an explicit year in the same sentence or
//! paragraph, else from the publication date (the article's, `--published`, or a dateline
//! line at the top of a scraped page): news reports the past, so the latest such date not after
//! publication, unless the clause says it lies ahead ("dự kiến", "sẽ", "sắp tới", "tháng
//! sau"), then the first one from publication on. Failing both, an explicit year elsewhere in
//! the article anchors it; with no anchor at all the event is kept with `year_known: false`
//! and its date written without a year (`--03-29`), never with an invented one.

pub mod dates;
mod types;

use chrono::{Datelike, Duration, NaiveDate};

pub use dates::{find_dates, Mention, Written, YearHint};
pub use types::{Event, EventDate, Precision};

use crate::corpus::Article;
use crate::model::TopicModel;
use crate::page::{body_paragraphs, Paragraph};
use crate::text::Analyzer;

/// How much a paragraph's label leans on its article's (see [`TopicModel::combine`]).
const ARTICLE_WEIGHT: f64 = 0.5;

/// Settings of [`find_events`].
#[derive(Debug, Clone)]
pub struct EventOptions {
    /// Publication date to use for every article, overriding the articles' own.
    pub published: Option<NaiveDate>,
    /// Confidence below which a paragraph's topic is reported as `other` (`None`: the model's
    /// calibrated default).
    pub min_confidence: Option<f64>,
    /// Keep only events with these labels (`None`: all).
    pub labels: Option<Vec<String>>,
    /// Paragraphs shorter than this (in characters) take the article's label. Default: 200.
    pub min_paragraph_chars: usize,
    /// Longest event title in characters. Default: 80.
    pub max_title_chars: usize,
}

impl Default for EventOptions {
    fn default() -> Self {
        EventOptions {
            published: None,
            min_confidence: None,
            labels: None,
            min_paragraph_chars: 200,
            max_title_chars: 80,
        }
    }
}

/// Capitalised date words that only start a sentence; mid-line after a lower-case word they
/// mark a headline glued onto its lead ("... vì mục đích hòa bình Ngày 27/3, ...").
const SENTENCE_DATE_WORDS: [&str; 9] = [
    "Ngày", "Hôm", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Rạng", "Ngay",
];

/// Where a headline glued onto its lead ends: a capitalised date word ("Ngày 27/3") right after
/// a lower-case word with no punctuation between, within the first 250 characters. Returns the
/// byte offset of the date word.
pub fn glued_headline_end(paragraph: &str) -> Option<usize> {
    let mut prev_lower = false;
    let mut offset = 0;
    for word in paragraph.split(' ') {
        if offset > 0 && prev_lower && SENTENCE_DATE_WORDS.contains(&word) {
            let rest = &paragraph[offset + word.len()..];
            let digit_follows = rest
                .trim_start()
                .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ')
                .starts_with(|c: char| c.is_ascii_digit());
            if digit_follows && paragraph[..offset].chars().count() <= 250 {
                return Some(offset);
            }
        }
        prev_lower = word.chars().last().is_some_and(|c| c.is_lowercase());
        offset += word.len() + 1;
        if offset > paragraph.len() {
            break;
        }
    }
    None
}

/// Splits a paragraph into sentences at `.`, `!`, `?` or `…` followed by a capital letter
/// (with or without a space: scraped text often loses it), keeping abbreviations like "TP."
/// together.
pub fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    if let Some(cut) = glued_headline_end(paragraph) {
        let head = paragraph[..cut].trim();
        if !head.is_empty() {
            out.push(head);
        }
        start = cut;
    }
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        if at < start || !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Next non-space character.
        let mut j = i + 1;
        while j < chars.len() && chars[j].1 == ' ' {
            j += 1;
        }
        let Some(&(next_at, next)) = chars.get(j) else {
            continue;
        };
        if !(next.is_uppercase() || next == '"' || next == '“') {
            continue;
        }
        // "TP. Hồ Chí Minh", "GS. Nguyễn": a short capitalised word before the dot.
        let word: String = paragraph[start..at]
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_string();
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
    out
}

/// A publication date from a dateline near the top of a scraped page: a short line such as
/// "Thứ Bảy, 30/03/2024 - 08:15" or "30/03/2024 08:15 GMT+7". Returns the date and the line.
pub fn dateline(article: &Article) -> Option<(NaiveDate, usize)> {
    for (i, line) in article.text.lines().enumerate().take(6) {
        let line = line.trim();
        if line.is_empty() || line.chars().count() > 80 {
            continue;
        }
        let (lower, _) = dates::matching_form(line);
        let folded = crate::text::fold_diacritics(&lower);
        let looks_like_dateline = folded.contains("thu ")
            || folded.contains("chu nhat")
            || folded.contains("gmt")
            || folded.contains(':')
            || folded.contains("cap nhat")
            || folded.contains("dang luc")
            || folded
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if !looks_like_dateline {
            continue;
        }
        for m in find_dates(line) {
            if let Written::Day {
                day,
                month,
                year: YearHint::Explicit(y),
            } = m.written
            {
                if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                    return Some((d, i + 1));
                }
            }
        }
    }
    None
}

/// A found date before labelling: where it is and what it resolved to.
#[derive(Debug, Clone)]
struct Found {
    date: Option<EventDate>,
    year_known: bool,
    paragraph: usize,
    sentence: String,
}

fn explicit_year(w: &Written) -> Option<i32> {
    match *w {
        Written::Day {
            year: YearHint::Explicit(y),
            ..
        }
        | Written::Month {
            year: YearHint::Explicit(y),
            ..
        } => Some(y),
        Written::Year(y) => Some(y),
        _ => None,
    }
}

/// The year for a day/month with no year: the latest not after `published`, or the first
/// from `published` on when `ahead`.
fn year_from_publication(published: NaiveDate, month: u32, day: u32, ahead: bool) -> i32 {
    let y = published.year();
    let candidate = |y: i32| {
        NaiveDate::from_ymd_opt(y, month, day.clamp(1, 28)).map(|_| {
            NaiveDate::from_ymd_opt(y, month, day)
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, month, 28).unwrap_or(published))
        })
    };
    match candidate(y) {
        Some(d) if ahead && d < published => y + 1,
        Some(d) if !ahead && d > published => y - 1,
        _ => y,
    }
}

fn shift_months(date: NaiveDate, months: i32) -> (i32, u32) {
    let total = date.year() * 12 + date.month0() as i32 + months;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// Resolves one mention. `anchor` is an explicit year from the same sentence or paragraph.
fn resolve(
    m: &Mention,
    anchor: Option<i32>,
    published: Option<NaiveDate>,
    article_year: Option<i32>,
) -> (Option<EventDate>, bool) {
    let yearless = |month: u32, day: u32| -> (Option<i32>, bool) {
        if let Some(y) = anchor {
            return (Some(y), true);
        }
        if let Some(p) = published {
            return (Some(year_from_publication(p, month, day, m.ahead)), true);
        }
        if let Some(y) = article_year {
            return (Some(y), true);
        }
        (None, false)
    };
    let relative_year = |hint: YearHint| -> Option<i32> {
        let p = published?;
        Some(match hint {
            YearHint::LastYear => p.year() - 1,
            YearHint::ThisYear => p.year(),
            YearHint::NextYear => p.year() + 1,
            YearHint::Explicit(y) => y,
            YearHint::None => return None,
        })
    };
    match m.written {
        Written::Day { day, month, year } => match year {
            YearHint::Explicit(y) => (EventDate::day(y, month, day), true),
            YearHint::None => match yearless(month, day) {
                (Some(y), known) => (EventDate::day(y, month, day), known),
                (None, _) => (EventDate::day(2000, month, day), false),
            },
            hint => match relative_year(hint) {
                Some(y) => (EventDate::day(y, month, day), true),
                None => (EventDate::day(2000, month, day), false),
            },
        },
        Written::Month {
            month,
            year,
            past,
            ahead,
        } => match year {
            YearHint::Explicit(y) => (EventDate::month(y, month), true),
            YearHint::None => {
                let mut mention = m.clone();
                mention.ahead = ahead || (m.ahead && !past);
                // "tháng 5 vừa qua" / "tháng 11 tới" count from publication even when the
                // paragraph names another year.
                let relative_to_publication = past || ahead;
                if let Some(p) = published.filter(|_| anchor.is_none() || relative_to_publication) {
                    // Compare whole months: "tháng 3" published in March is this March.
                    let y = if mention.ahead {
                        if month < p.month() {
                            p.year() + 1
                        } else {
                            p.year()
                        }
                    } else if month > p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    };
                    return (EventDate::month(y, month), true);
                }
                match yearless(month, 1) {
                    (Some(y), known) => (EventDate::month(y, month), known),
                    (None, _) => (EventDate::month(2000, month), false),
                }
            }
            hint => match relative_year(hint) {
                Some(y) => (EventDate::month(y, month), true),
                None => (None, false),
            },
        },
        Written::Year(y) => (Some(EventDate::year(y)), true),
        Written::RelativeDays(days) => match published {
            Some(p) => (
                p.checked_add_signed(Duration::days(days))
                    .map(|d| EventDate::from_date(d, Precision::Day)),
                true,
            ),
            None => (None, false),
        },
        Written::RelativeMonths(months) => match published {
            Some(p) => {
                let (y, mo) = shift_months(p, months);
                (EventDate::month(y, mo), true)
            }
            None => (None, false),
        },
        Written::RelativeYears(years) => match published {
            Some(p) => (Some(EventDate::year(p.year() + years)), true),
            None => (None, false),
        },
    }
}

/// A short title from the sentence that holds a date: leading datelines and the date phrase
/// are dropped, and the rest is cut at a word boundary to at most `max` characters.
pub fn short_title(sentence: &str, max: usize) -> String {
    let mut s = sentence.trim();
    // Leading outlet tags: "TGVN.", "(TTXVN) -", "VOV.VN -".
    loop {
        let before = s;
        if let Some(rest) = s.strip_prefix('(') {
            if let Some(close) = rest.find(')') {
                if close < 24 {
                    s = rest[close + 1..]
                        .trim_start_matches([' ', '-', '–', ':'])
                        .trim_start();
                }
            }
        }
        let first: &str = s.split_whitespace().next().unwrap_or("");
        if first.len() <= 12
            && (first.ends_with('.') || first.ends_with(':'))
            && first
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            && first.chars().any(char::is_alphabetic)
        {
            s = s[first.len()..]
                .trim_start_matches([' ', '-', '–'])
                .trim_start();
        }
        if s == before {
            break;
        }
    }
    // Leading clauses that carry no news: the date ("Ngày 29/3,"), an attribution ("Theo hãng
    // tin Yonhap,") or a connective ("Trước đó,").
    for _ in 0..3 {
        let Some(comma) = s.find(',') else { break };
        let head = &s[..comma];
        if head.chars().count() > 40 {
            break;
        }
        let folded = crate::text::fold_diacritics(head).to_lowercase();
        let dated = head.chars().any(|c| c.is_ascii_digit()) && !find_dates(head).is_empty();
        let filler = folded.starts_with("theo ")
            || matches!(
                folded.trim(),
                "truoc do"
                    | "sau do"
                    | "trong khi do"
                    | "dang chu y"
                    | "cung trong ngay"
                    | "hien nay"
                    | "ngoai ra"
            );
        if !(dated || filler) {
            break;
        }
        s = s[comma + 1..].trim_start();
    }
    let mut title: String = String::new();
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        title.extend(first.to_uppercase());
        title.push_str(chars.as_str());
    }
    let title = title
        .trim_end_matches(['.', ',', ';', ':', ' '])
        .to_string();
    if title.chars().count() <= max {
        return title;
    }
    let mut cut = String::new();
    for word in title.split_whitespace() {
        let next_len = cut.chars().count() + word.chars().count() + usize::from(!cut.is_empty());
        if next_len + 1 > max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = title.chars().take(max.saturating_sub(1)).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–']).to_string();
    format!("{cut}…")
}

/// Finds the dated events of one article, labelled by `model`.
pub fn find_events(
    model: &TopicModel,
    analyzer: &mut Analyzer,
    article: &Article,
    options: &EventOptions,
) -> Vec<Event> {
    let dateline = dateline(article);
    let published = options
        .published
        .or(article.published)
        .or(dateline.map(|d| d.0));
    let dateline_line = dateline.map(|d| d.1);
    let paragraphs: Vec<Paragraph> = body_paragraphs(&article.text)
        .into_iter()
        .filter(|p| Some(p.line) != dateline_line)
        .collect();
    let lead_len = crate::page::lead_section_len(&paragraphs);
    let lead: String = paragraphs[..lead_len]
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let article_prediction = model.predict(analyzer, &article.title, &lead);
    let article_decision = model.decide(&article_prediction, options.min_confidence);

    // Date mentions per sentence, per paragraph.
    let mut per_paragraph: Vec<Vec<(String, Vec<Mention>)>> = Vec::new();
    let mut article_years: Vec<i32> = Vec::new();
    for p in &paragraphs {
        let mut list = Vec::new();
        for s in sentences(&p.text) {
            let mentions = find_dates(s);
            for m in &mentions {
                if let Written::Day {
                    year: YearHint::Explicit(y),
                    ..
                }
                | Written::Month {
                    year: YearHint::Explicit(y),
                    ..
                } = m.written
                {
                    article_years.push(y);
                }
            }
            if !mentions.is_empty() {
                list.push((s.to_string(), mentions));
            }
        }
        per_paragraph.push(list);
    }
    // With no publication date, the latest explicit year of the article anchors the rest.
    let article_year = article_years.iter().copied().max();

    let mut found: Vec<Found> = Vec::new();
    for (pi, list) in per_paragraph.iter().enumerate() {
        let paragraph_years: Vec<i32> = list
            .iter()
            .flat_map(|(_, ms)| ms.iter())
            .filter(|m| {
                matches!(
                    m.written,
                    Written::Day {
                        year: YearHint::Explicit(_),
                        ..
                    } | Written::Month {
                        year: YearHint::Explicit(_),
                        ..
                    }
                )
            })
            .filter_map(|m| explicit_year(&m.written))
            .collect();
        for (sentence, mentions) in list {
            let sentence_year = mentions
                .iter()
                .filter_map(|m| explicit_year(&m.written))
                .next_back();
            let anchor = sentence_year.or_else(|| paragraph_years.first().copied());
            for m in mentions {
                let (date, year_known) = resolve(
                    m,
                    anchor,
                    published,
                    if published.is_none() {
                        article_year
                    } else {
                        None
                    },
                );
                found.push(Found {
                    date,
                    year_known,
                    paragraph: pi,
                    sentence: sentence.clone(),
                });
            }
        }
    }
    // One date in one article is one happening; a yearless day/month written several times
    // means the same day, so all its mentions share the most reliable resolution.
    let mut events: Vec<Event> = Vec::new();
    let mut paragraph_labels: Vec<Option<(usize, f64)>> = vec![None; paragraphs.len()];
    for f in found {
        let Some(date) = f.date else { continue };
        let (label, confidence) = {
            let cached = paragraph_labels[f.paragraph];
            match cached {
                Some(v) => v,
                None => {
                    let text = &paragraphs[f.paragraph].text;
                    let v = if text.chars().count() >= options.min_paragraph_chars {
                        // A teaser glued onto the body carries its own headline: score it as a
                        // title, as the article's title is.
                        let passage = match glued_headline_end(text) {
                            Some(cut) => model.predict(analyzer, &text[..cut], &text[cut..]),
                            None => model.predict(analyzer, "", text),
                        };
                        let combined = model.combine(&passage, &article_prediction, ARTICLE_WEIGHT);
                        let d = model.decide(&combined, options.min_confidence);
                        (d.label, d.confidence)
                    } else {
                        (article_decision.label, article_decision.confidence)
                    };
                    paragraph_labels[f.paragraph] = Some(v);
                    v
                }
            }
        };
        let label = model.labels()[label].clone();
        if let Some(existing) = events
            .iter_mut()
            .find(|e| e.date == date && e.year_known == f.year_known)
        {
            // Prefer a topic label to `other`, then the more confident one.
            if existing.label == crate::model::OTHER && label != crate::model::OTHER
                || (existing.label == label && confidence > existing.confidence)
            {
                existing.label = label;
                existing.confidence = confidence;
            }
            continue;
        }
        events.push(Event {
            id: article.id.clone(),
            date,
            label,
            confidence,
            title: short_title(&f.sentence, options.max_title_chars),
            source: article.source.to_string(),
            text: f.sentence.chars().take(600).collect(),
            year_known: f.year_known,
        });
    }
    // A month or year already covered by a finer event with the same label is the same story.
    let finer: Vec<(EventDate, String)> =
        events.iter().map(|e| (e.date, e.label.clone())).collect();
    events.retain(|e| {
        e.date.precision == Precision::Day
            || !finer.iter().any(|(d, l)| {
                l == &e.label
                    && d.precision < e.date.precision
                    && d.year == e.date.year
                    && (e.date.precision == Precision::Year || d.month == e.date.month)
            })
    });
    if let Some(keep) = &options.labels {
        events.retain(|e| keep.iter().any(|l| l == &e.label));
    }
    events
}

impl Event {
    /// The date as written in output: ISO at its precision, or without the year (`--03-29`,
    /// `--03`) when no year could be resolved.
    pub fn date_string(&self) -> String {
        if self.year_known {
            self.date.iso()
        } else {
            match self.date.precision {
                Precision::Day => format!("--{:02}-{:02}", self.date.month, self.date.day),
                _ => format!("--{:02}", self.date.month),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn at(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn resolve_one(
        sentence: &str,
        anchor: Option<i32>,
        published: Option<NaiveDate>,
    ) -> (Option<EventDate>, bool) {
        let m = &find_dates(sentence)[0];
        resolve(m, anchor, published, None)
    }

    #[test]
    fn yearless_dates_take_the_latest_year_not_after_publication() {
        let (d, known) = resolve_one("Ngày 29/3, hội nghị", None, Some(at(2024, 3, 30)));
        assert_eq!(d, EventDate::day(2024, 3, 29));
        assert!(known);
        // Backwards across New Year: published in January, "ngày 28/12" is last December.
        let (d, _) = resolve_one("Ngày 28/12, vụ tấn công", None, Some(at(2024, 1, 9)));
        assert_eq!(d, EventDate::day(2023, 12, 28));
    }

    #[test]
    fn dates_said_to_lie_ahead_go_forwards() {
        // Forwards across New Year: published in December, "dự kiến ngày 5/1" is next January.
        let (d, _) = resolve_one(
            "Hội nghị dự kiến khai mạc ngày 5/1",
            None,
            Some(at(2024, 12, 20)),
        );
        assert_eq!(d, EventDate::day(2025, 1, 5));
        let (d, _) = resolve_one("Lễ ký sẽ diễn ra ngày 20/12", None, Some(at(2024, 12, 1)));
        assert_eq!(d, EventDate::day(2024, 12, 20));
    }

    #[test]
    fn an_explicit_year_nearby_wins() {
        let (d, _) = resolve_one(
            "Sáng ngày 22/5, nước Chủ tịch luân phiên",
            Some(2020),
            Some(at(2024, 11, 23)),
        );
        assert_eq!(d, EventDate::day(2020, 5, 22));
    }

    #[test]
    fn relative_forms_need_a_publication_date() {
        let p = Some(at(2024, 3, 30));
        assert_eq!(
            resolve_one("hôm qua", None, p).0,
            EventDate::day(2024, 3, 29)
        );
        assert_eq!(
            resolve_one("tháng trước", None, p).0,
            EventDate::month(2024, 2)
        );
        assert_eq!(
            resolve_one("năm ngoái", None, p).0,
            Some(EventDate::year(2023))
        );
        assert_eq!(
            resolve_one("vào tháng sau", None, p).0,
            EventDate::month(2024, 4)
        );
        assert_eq!(
            resolve_one("tháng 8 năm ngoái", None, p).0,
            EventDate::month(2023, 8)
        );
        assert_eq!(
            resolve_one("tháng 5 vừa qua", Some(2019), p).0,
            EventDate::month(2023, 5)
        );
        assert_eq!(resolve_one("hôm qua", None, None).0, None);
    }

    #[test]
    fn without_any_anchor_the_year_is_not_invented() {
        let (_, known) = resolve_one("Ngày 29/3, hội nghị", None, None);
        assert!(!known);
    }

    #[test]
    fn titles_drop_attributions_and_connectives() {
        assert_eq!(
            short_title(
                "Theo hãng tin Yonhap, ngày 18/8, Tổng thống Hàn Quốc đã đến Trại David.",
                80
            ),
            "Tổng thống Hàn Quốc đã đến Trại David"
        );
        assert_eq!(
            short_title("Trước đó, tháng 5 vừa qua, ông đề xuất.", 80),
            "Ông đề xuất"
        );
    }

    #[test]
    fn titles_drop_datelines_and_cut_at_words() {
        assert_eq!(
            short_title(
                "TGVN. Sáng ngày 22/5, Estonia đã tổ chức cuộc họp trực tuyến.",
                80
            ),
            "Estonia đã tổ chức cuộc họp trực tuyến"
        );
        let t = short_title("Ngày 29/3, các nhà ngoại giao ba nước Hàn Quốc, Mỹ và Nhật Bản đã thảo luận về hợp tác chống lại các mối đe dọa an ninh mạng.", 80);
        assert!(t.chars().count() <= 80, "{t}");
        assert!(t.starts_with("Các nhà ngoại giao ba nước"), "{t}");
        assert!(t.ends_with('…'));
    }
}
