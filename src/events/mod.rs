//! Events stage: dated, labelled happenings in article bodies.
//!
//! The pipeline of [`find_events`], one module a step:
//!
//! [`Page`] (body paragraphs, dateline, lead) -> sentences ([`sentences`]) -> date mentions
//! ([`dates`], the date grammar) -> resolved dates (`resolve`: a date without a year takes it
//! from the text or the publication date) -> labelled [`Event`]s (`label`: the topic of the
//! paragraph), one per happening, with a `title`.
//!
//! Around it: [`filter`] keeps the events a caller asks for (labels, a date window, only those
//! with a year), and [`file`](mod@file) writes and reads events files (JSON lines and CSV).

pub mod dates;
pub mod file;
pub mod filter;
mod headline;
mod label;
pub mod merge;
mod resolve;
mod sentences;
mod types;

use chrono::NaiveDate;

pub use dates::{find_dates, Mention, Written, YearHint};
pub use filter::{news_events, EventFilter, NEWS_WINDOW_DAYS};
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
use resolve::{resolve, Context};

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

/// A resolved date before labelling: what it is and where it was read.
struct Found<'a> {
    date: When,
    paragraph: usize,
    sentence: &'a str,
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
    let article = page.article();
    let mut labeller = Labeller::new(model, analyzer, page, options);
    let published = options.published.or(page.published());
    let dated = dated_sentences(page);
    let found = resolve_dates(&dated, published);
    // The first date of the article's first sentence is the happening its title names.
    let lead_sentence = page
        .paragraphs()
        .first()
        .and_then(|p| sentences(p.text).first().copied());
    let mut title_used = false;

    // One date in one article is one happening; a yearless day/month written several times
    // means the same day, so all its mentions share one event and the most reliable label.
    let mut events: Vec<Event> = Vec::new();
    for f in found {
        let text = page.paragraphs()[f.paragraph].text;
        let (label, confidence) = labeller.label(analyzer, f.paragraph, text);
        let label = model.labels()[label].clone();
        if let Some(existing) = events.iter_mut().find(|e| e.date == f.date) {
            // Prefer a topic label to `other`, then the more confident one.
            if existing.label == OTHER && label != OTHER
                || (existing.label == label && confidence > existing.confidence)
            {
                existing.label = label;
                existing.confidence = confidence;
            }
            continue;
        }
        events.push(Event {
            id: article.id.clone(),
            date: f.date,
            end: None,
            role: Role::Reported,
            label,
            confidence,
            headline: {
                let lead = !title_used
                    && f.paragraph == 0
                    && lead_sentence.is_some_and(|s| std::ptr::eq(s, f.sentence));
                title_used |= lead;
                event_headline(f.sentence, &article.title, lead, options.max_title_chars)
            },
            source: article
                .url
                .clone()
                .unwrap_or_else(|| article.source.to_string()),
            text: f.sentence.chars().take(600).collect(),
            // The publication date the dates were read against: the article's, else the
            // page's dateline, else --published.
            sources: vec![Source {
                published,
                ..Source::of(article)
            }],
        });
    }
    drop_covered(&mut events);
    events
}

/// The date mentions of each body paragraph, sentence by sentence.
fn dated_sentences<'a>(page: &Page<'a>) -> Vec<DatedSentences<'a>> {
    page.paragraphs()
        .iter()
        .map(|p| {
            sentences(p.text)
                .into_iter()
                .map(|s| (s, find_dates(s)))
                .filter(|(_, mentions)| !mentions.is_empty())
                .collect()
        })
        .collect()
}

/// Resolves every mention, in order. A yearless mention's anchor is the sentence's last
/// explicit year, else the first explicit day or month year of its paragraph; with no
/// publication date, the article's latest explicit day or month year stands in.
fn resolve_dates<'a>(dated: &[DatedSentences<'a>], published: Option<NaiveDate>) -> Vec<Found<'a>> {
    // A bare "năm 2020" names a year of background more often than the year of the news:
    // only years written with a day or month anchor others beyond their own sentence.
    let day_or_month_year = |m: &Mention| match m.written {
        Written::Day { .. } | Written::Month { .. } => m.written.explicit_year(),
        _ => None,
    };
    let article_year = dated
        .iter()
        .flatten()
        .flat_map(|(_, mentions)| mentions)
        .filter_map(day_or_month_year)
        .max();
    let mut found = Vec::new();
    for (paragraph, list) in dated.iter().enumerate() {
        let paragraph_year = list
            .iter()
            .flat_map(|(_, mentions)| mentions)
            .find_map(day_or_month_year);
        for (sentence, mentions) in list {
            let sentence_year = mentions
                .iter()
                .filter_map(|m| m.written.explicit_year())
                .next_back();
            let cx = Context {
                anchor: sentence_year.or(paragraph_year),
                published,
                article_year,
            };
            for m in mentions {
                if let Some(date) = resolve(m, &cx) {
                    found.push(Found {
                        date,
                        paragraph,
                        sentence,
                    });
                }
            }
        }
    }
    found
}

/// Drops a month or year already covered by a finer event with the same label: the same
/// story. Only dates of the same kind cover each other: a yearless day covers its yearless
/// month, never a month of some known year.
fn drop_covered(events: &mut Vec<Event>) {
    let finer: Vec<(When, String)> = events.iter().map(|e| (e.date, e.label.clone())).collect();
    let covers = |finer: &When, coarser: &When| match (finer, coarser) {
        (When::Dated(d), When::Dated(e)) => {
            d.precision < e.precision
                && d.year == e.year
                && (e.precision == Precision::Year || d.month == e.month)
        }
        (When::Yearless(d), When::Yearless(e)) => {
            d.precision() < e.precision() && d.month == e.month
        }
        _ => false,
    };
    events.retain(|e| {
        e.date.precision() == Precision::Day
            || !finer
                .iter()
                .any(|(d, l)| l == &e.label && covers(d, &e.date))
    });
}
