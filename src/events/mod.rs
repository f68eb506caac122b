//! Events stage: dated, labelled happenings in article bodies.
//!
//! The pipeline of [`find_events`], one module a step:
//!
//! [`Page`] (body paragraphs, dateline, lead) -> sentences ([`sentences`]) -> date mentions
//! ([`dates`], the date grammar) -> resolved dates and roles (`resolve`: a date without a year
//! takes it from the text or the publication date, by nearness and tense; a range or week gets
//! its last day; each date is reported, planned or background) -> labelled [`Event`]s
//! (`label`: the topic of the paragraph), one per date, with a `headline`.
//! [`find_events_traced`] also gives the mention each event was read from, for scoring.
//!
//! Around it: [`filter`] keeps the events a caller asks for (labels, a date window, only those
//! with a year), and [`file`](mod@file) writes and reads events files (JSON lines and CSV).

pub mod dates;
pub mod file;
pub mod filter;
mod headline;
mod json;
mod label;
pub mod merge;
mod resolve;
mod sentences;
mod types;

use chrono::NaiveDate;

pub use dates::{find_dates, DayMonth, Form, Mention, Unit, WeekOf, Written, YearHint};
pub use filter::{news_events, without_restated_periods, EventFilter, NEWS_WINDOW_DAYS};
#[allow(deprecated)]
pub use headline::short_title;
pub use headline::{event_headline, headline, headline_score, MAX_HEADLINE_CHARS};
pub use merge::{
    merge_happenings, ArticleTerms, Happenings, Membership, MergeOptions, TermWeights,
};
pub use sentences::sentences;
pub use types::{Event, EventDate, Precision, Role, Source, When, Yearless};

use crate::model::{TopicModel, OTHER};
use crate::page::Page;
use crate::text::Analyzer;
use label::Labeller;
use resolve::{resolve, role, Context, Resolved};

/// Settings of [`find_events`].
#[derive(Debug, Clone)]
pub struct EventOptions {
    /// Publication date to use for every article, overriding the articles' own.
    pub published: Option<NaiveDate>,
    /// Confidence below which a paragraph's topic is reported as `other` (`None`: the model's
    /// calibrated default).
    pub min_confidence: Option<f64>,
    /// Paragraphs shorter than this (in characters) take the article's label. Default: 200.
    pub min_paragraph_chars: usize,
    /// Longest event headline in characters. Default: [`MAX_HEADLINE_CHARS`] (90).
    pub max_title_chars: usize,
}

impl Default for EventOptions {
    fn default() -> Self {
        EventOptions {
            published: None,
            min_confidence: None,
            min_paragraph_chars: 200,
            max_title_chars: MAX_HEADLINE_CHARS,
        }
    }
}

/// The sentences of one paragraph that hold dates, with their mentions.
type DatedSentences<'a> = Vec<(&'a str, Vec<Mention>)>;

/// A resolved date before labelling: what it is, its role and where it was read.
struct Found<'a> {
    date: When,
    end: Option<EventDate>,
    role: Role,
    form: Form,
    paragraph: usize,
    sentence: &'a str,
    mention: &'a str,
}

/// An event with the date mention it was read from: what `evaluate --events` scores the
/// date grammar by.
#[derive(Debug, Clone)]
pub struct Traced<'a> {
    /// The event.
    pub event: Event,
    /// How its date was written (its first mention's form).
    pub form: Form,
    /// Its first mention, as written in the article.
    pub mention: &'a str,
}

/// Finds the events of one article, laid out as `page`, labelled by `model`: one event per
/// date (a date written several times in an article is one happening).
///
/// ```
/// use newsline::corpus::Article;
/// use newsline::events::{find_events, EventOptions};
/// use newsline::model::TopicModel;
/// use newsline::page::Page;
///
/// let model = TopicModel::builtin()?;
/// let article = Article {
///     id: "a".into(),
///     title: "Bệnh viện bị tấn công bằng mã độc tống tiền".into(),
///     published: chrono::NaiveDate::from_ymd_opt(2024, 4, 11),
///     url: None,
///     site_name: None,
///     text: "Ngày 10/4, tin tặc tấn công hệ thống máy chủ của bệnh viện bằng mã độc.".into(),
///     label: None,
///     also: None,
///     source: newsline::Location::file("a.txt"),
/// };
/// let page = Page::new(&article);
/// let events = find_events(&model, &mut model.analyzer(), &page, &EventOptions::default());
/// assert_eq!(events[0].date_string(), "2024-04-10");
/// assert_eq!(events[0].label, "cybersecurity");
/// # Ok::<(), newsline::Error>(())
/// ```
pub fn find_events(
    model: &TopicModel,
    analyzer: &mut Analyzer,
    page: &Page<'_>,
    options: &EventOptions,
) -> Vec<Event> {
    find_events_traced(model, analyzer, page, options)
        .into_iter()
        .map(|t| t.event)
        .collect()
}

/// [`find_events`], with the mention each event was read from.
pub fn find_events_traced<'a>(
    model: &TopicModel,
    analyzer: &mut Analyzer,
    page: &Page<'a>,
    options: &EventOptions,
) -> Vec<Traced<'a>> {
    let article = page.article();
    // The article is scored only when it has a date to label: scoring its lead was the most
    // of what an article without events cost.
    let mut labeller: Option<Labeller<'_>> = None;
    let published = options.published.or(page.published());
    // The first date of the article's first sentence is the happening its title names.
    let (dated, lead_sentence, seams) = dated_sentences(page);
    let found = resolve_dates(&dated, published);
    let mut title_used = false;
    // The headlines made so far, by sentence (and whether it stood for the title).
    let mut headlines: Vec<(&str, bool, String)> = Vec::new();

    // One date in one article is one happening; a yearless day/month written several times
    // means the same day, so all its mentions share one event and the most reliable label.
    let mut events: Vec<Traced<'a>> = Vec::new();
    for f in found {
        let labeller =
            labeller.get_or_insert_with(|| Labeller::new(model, analyzer, page, options));
        let (label, confidence) = labeller.label(analyzer, page, f.paragraph, seams[f.paragraph]);
        let label = model.labels()[label].clone();
        if let Some(existing) = events
            .iter_mut()
            .map(|t| &mut t.event)
            .find(|e| e.date == f.date && e.end == f.end)
        {
            // Prefer a topic label to `other`, then the more confident one.
            if existing.label == OTHER && label != OTHER
                || (existing.label == label && confidence > existing.confidence)
            {
                existing.label = label;
                existing.confidence = confidence;
            }
            continue;
        }
        let event = Event {
            id: article.id.clone(),
            date: f.date,
            end: f.end,
            role: f.role,
            label,
            confidence,
            headline: {
                let lead = !title_used
                    && f.paragraph == 0
                    && lead_sentence.is_some_and(|s| std::ptr::eq(s, f.sentence));
                title_used |= lead;
                // A sentence with several dates gives each of its events the same headline:
                // made once (a seventh of the events of news share a sentence).
                let known = headlines
                    .iter()
                    .find(|(s, l, _)| std::ptr::eq(*s, f.sentence) && *l == lead);
                match known {
                    Some((_, _, h)) => h.clone(),
                    None => {
                        let h = event_headline(
                            f.sentence,
                            &article.title,
                            lead,
                            options.max_title_chars,
                        );
                        headlines.push((f.sentence, lead, h.clone()));
                        h
                    }
                }
            },
            source: article
                .url
                .clone()
                .unwrap_or_else(|| article.source.to_string()),
            text: first_chars(f.sentence, 600).to_string(),
            // The publication date the dates were read against: the article's, else the
            // page's dateline, else --published.
            sources: vec![Source {
                published,
                ..Source::of(article)
            }],
        };
        events.push(Traced {
            event,
            form: f.form,
            mention: f.mention,
        });
    }
    events
}

/// The first `n` characters of `s` (all of it when shorter), borrowed: collecting them one
/// `char` at a time grew a new `String` for every event.
fn first_chars(s: &str, n: usize) -> &str {
    // A character is at least one byte.
    if s.len() <= n {
        return s;
    }
    match s.char_indices().nth(n) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// The date mentions of each body paragraph, sentence by sentence; the first sentence of the
/// first paragraph; and where each paragraph's glued headline ends, if it has one (see
/// [`sentences::glued_headline_end`]).
fn dated_sentences<'a>(
    page: &Page<'a>,
) -> (Vec<DatedSentences<'a>>, Option<&'a str>, Vec<Option<usize>>) {
    let mut lead = None;
    let mut seams = Vec::with_capacity(page.paragraphs().len());
    let dated = page
        .paragraphs()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (all, seam) = sentences::sentences_and_seam(p.text);
            seams.push(seam);
            if i == 0 {
                lead = all.first().copied();
            }
            all.into_iter()
                .map(|s| (s, find_dates(s)))
                .filter(|(_, mentions)| !mentions.is_empty())
                .collect()
        })
        .collect();
    (dated, lead, seams)
}

/// The year a date written with its day or month states ("29/3/2024", "tháng 12/2023",
/// "từ 8 - 11/10/2024"); bare years ("năm 2019") govern no other date.
fn stated_year(m: &Mention) -> Option<i32> {
    match m.written {
        Written::Day { .. } | Written::Month { .. } | Written::Range { .. } => {
            m.written.explicit_year()
        }
        _ => None,
    }
}

/// How many words apart a later stated year may be and still govern a date of the same month
/// ("Sáng ngày 22/5, Estonia, Chủ tịch luân phiên tháng 5/2020").
const NEAR_WORDS: usize = 8;

/// The month a mention names, if any.
fn month_of(m: &Mention) -> Option<u32> {
    match m.written {
        Written::Day { month, .. } | Written::Month { month, .. } => Some(month),
        Written::Range { start, .. } => Some(start.month),
        _ => None,
    }
}

/// The explicit year that governs mention `i` of a sentence: the nearest stated year before it
/// in the sentence; else a later one that closes a list it belongs to ("các ngày 12/4, 7/8 và
/// 30/11/2023") or names the same or the next month a few words on ("Sáng ngày 22/5, Estonia,
/// Chủ tịch luân phiên tháng 5/2020"); else the nearest stated year of an earlier sentence of the
/// paragraph. A later year of a far month ("Ngày 5/3 ... ngày 10/10/1954") governs nothing.
fn governing_year(
    sentence: &str,
    mentions: &[Mention],
    i: usize,
    paragraph_year: Option<i32>,
) -> Option<i32> {
    let before = mentions[..i].iter().rev().find_map(stated_year);
    let list_end = || {
        let mut at = mentions[i].end;
        for m in &mentions[i + 1..] {
            let gap = sentence.get(at..m.start).unwrap_or("");
            if gap.split_whitespace().count() > 2 {
                return None;
            }
            if let Some(y) = stated_year(m) {
                return Some(y);
            }
            at = m.end;
        }
        None
    };
    let near_month = || {
        let month = month_of(&mentions[i])?;
        let m = mentions[i + 1..]
            .iter()
            .find(|m| stated_year(m).is_some())?;
        let apart = (i64::from(month_of(m)?) - i64::from(month)).rem_euclid(12);
        let words = sentence
            .get(mentions[i].end..m.start)
            .unwrap_or("")
            .split_whitespace()
            .count();
        stated_year(m).filter(|_| apart <= 1 && words <= NEAR_WORDS)
    };
    before
        .or_else(list_end)
        .or_else(near_month)
        .or(paragraph_year)
}

/// Resolves every mention, in text order, and gives each its role.
fn resolve_dates<'a>(dated: &[DatedSentences<'a>], published: Option<NaiveDate>) -> Vec<Found<'a>> {
    let latest_year = dated
        .iter()
        .flatten()
        .flat_map(|(_, mentions)| mentions)
        .filter_map(stated_year)
        .max();
    let mut found = Vec::new();
    let mut previous_day: Option<When> = None;
    let mut previous_month: Option<When> = None;
    for (paragraph, list) in dated.iter().enumerate() {
        let mut paragraph_year = None;
        for (sentence, mentions) in list {
            for (i, m) in mentions.iter().enumerate() {
                let cx = Context {
                    anchor: governing_year(sentence, mentions, i, paragraph_year),
                    published,
                    previous_day,
                    previous_month,
                };
                let Some(r) = resolve(m, &cx) else { continue };
                if let Some(last) = last_day(&r) {
                    previous_day = Some(last);
                }
                if r.date.precision() != Precision::Year {
                    previous_month = Some(r.date);
                }
                found.push(Found {
                    date: r.date,
                    end: r.end,
                    role: role(m, &r, published, latest_year),
                    form: m.form,
                    paragraph,
                    sentence,
                    mention: sentence.get(m.start..m.end).unwrap_or(""),
                });
            }
            if let Some(y) = mentions.iter().rev().find_map(stated_year) {
                paragraph_year = Some(y);
            }
        }
    }
    found
}

/// The last day a resolved day or range covers, for "hôm sau" after it.
fn last_day(r: &Resolved) -> Option<When> {
    match (r.date, r.end) {
        (_, Some(end)) if r.date.precision() == Precision::Day => Some(When::Dated(end)),
        (When::Dated(d), None) if d.precision == Precision::Day => Some(r.date),
        (When::Yearless(y), _) if y.day.is_some() => Some(r.date),
        _ => None,
    }
}

/// The values and roles the pipeline gives `text` (paragraphs on lines of their own), as
/// events files write a date: `2024-03-29`, `2024-05-17/2024-05-19`, `--03-29`.
#[cfg(test)]
pub(crate) fn values_of(text: &str, published: Option<NaiveDate>) -> Vec<(String, Role)> {
    let dated: Vec<DatedSentences<'_>> = text
        .lines()
        .map(|p| {
            sentences(p)
                .into_iter()
                .map(|s| (s, find_dates(s)))
                .filter(|(_, m)| !m.is_empty())
                .collect()
        })
        .collect();
    resolve_dates(&dated, published)
        .into_iter()
        .map(|f| {
            let value = match f.end {
                Some(end) => format!("{}/{}", f.date.iso(), end.iso()),
                None => f.date.iso(),
            };
            (value, f.role)
        })
        .collect()
}
