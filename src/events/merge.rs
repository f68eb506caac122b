//! Happenings, not mentions: the events of many articles that report the same happening become
//! one event, with every article that reports it in `sources`.
//!
//! Two events are one happening when their topics agree (the same, or one of them `other`),
//! their dates share a day (a day inside a month, overlapping ranges; for two day-precise
//! dates, the day before or after too), and their articles say much the same: the cosine of
//! the articles' term vectors (see [`ArticleTerms`]; 0 when the sentence one event was read
//! from names things the other article never names), averaged over every pair of reports,
//! reaches [`MergeOptions::threshold`]. Clustering is in `cluster`; this file keeps the
//! events while articles arrive ([`Happenings`]) and builds the merged events at the end.
//!
//! A merged event keeps the most precise date of its reports, the strongest role (reported,
//! then planned, then background), the topic, the best headline of its reports with the
//! sentence it came from, and its sources, earliest report first (by publication date, then
//! id); its `id` and `source` are the earliest report's. Events with only a year, or without
//! one, are too vague to tell happenings apart and are kept as they are.
//!
//! The result depends only on the set of articles, never on the order they arrive in, and
//! memory stays small: an event keeps its date, topic, role and a handle in memory, while its
//! article's terms, its headline and its sentence go to a store that spills to a temporary
//! file beyond a budget (see `store`). Only the chosen headline and sentence are read back.

mod cluster;
mod spellings;
mod store;
mod terms;
#[cfg(test)]
mod tests;
mod within;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

pub use terms::{
    ArticleTerms, TermWeights, KEPT_NAMES, KEPT_TERMS, MIN_NAMES, MIN_SENTENCE_NAMES,
    MIN_TERM_RARITY, NAME_WEIGHT,
};

use self::cluster::{Point, Settings};
use self::store::{put_str, take_str, Handle, Store};
use super::headline::headline_score;
use super::types::{Event, EventDate, Precision, Role, Source, When};
use crate::error::{Error, Result};
use crate::model::OTHER;

/// Settings of the merge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MergeOptions {
    /// Least mean cosine similarity of two groups of reports for them to be one happening.
    /// Default 0.12, chosen on the development happenings (`tests/data/happenings/dev.jsonl`
    /// and `dev-2.jsonl`) and the first two held-out sets (`heldout.jsonl`, `heldout-2.jsonl`,
    /// `newsline evaluate --happenings --merge-threshold T`): with common terms weighing nothing
    /// (see `MIN_TERM_RARITY`), from 0.115 to 0.13 every near-miss pair (22) stays apart and
    /// every cluster (38) but one comes out whole (below, a near-miss pair merges; above, a
    /// cluster splits); 0.12 is the middle.
    pub threshold: f64,
    /// Days two day-precise reports may lie apart and still be one happening (time zones,
    /// "rạng sáng" reports of the night before). Default 1.
    pub tolerance_days: u32,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            threshold: 0.12,
            tolerance_days: 1,
        }
    }
}

impl MergeOptions {
    fn settings(&self) -> Settings {
        Settings {
            threshold: self.threshold,
            tolerance: self.tolerance_days.min(366) as i32,
            // Pairs below half the threshold count as 0: they could lift a mean only with many
            // pairs far above it.
            floor: self.threshold / 2.0,
            exact_up_to: 100,
            top_terms: 24,
            common_posting: 200,
            most_candidates: 100,
            most_edges: 10,
        }
    }
}

/// An article as the merge keeps it.
#[derive(Debug)]
struct ArticleEntry {
    id: Box<str>,
    published: Option<NaiveDate>,
    terms: Handle,
    /// A hash of the article's terms, to order articles that share id and date.
    fingerprint: u64,
}

/// An event as the merge keeps it: what decides, plus a handle to what is written.
#[derive(Debug)]
struct Member {
    article: u32,
    date: When,
    end: Option<EventDate>,
    role: Role,
    label: u16,
    confidence: f64,
    headline_score: f32,
    /// Headline, sentence, where it was read and the sources, in the store.
    payload: Handle,
    /// A hash of the payload, to order events that agree on everything else.
    fingerprint: u64,
    /// The article's proper names in the sentence the event was read from.
    names: Box<[u32]>,
}

/// Members grouped into happenings: `members[start..start + len]` for each `(start, len)` of
/// `runs`, in output order.
struct Grouping {
    members: Vec<usize>,
    runs: Vec<(usize, usize)>,
}

/// Which happening an input event ended up in (see [`Happenings::finish_with_members`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// The id of the article the event was found in.
    pub article: String,
    /// The event's own date and end.
    pub date: When,
    /// See [`Event::end`].
    pub end: Option<EventDate>,
    /// Index of its happening in the merged events.
    pub happening: usize,
}

/// Collects the events of articles as they arrive and merges them into happenings at the end.
///
/// ```
/// use newsline::corpus::Article;
/// use newsline::events::{find_events, ArticleTerms, EventOptions, Happenings, MergeOptions, TermWeights};
/// use newsline::model::TopicModel;
/// use newsline::page::Page;
///
/// let model = TopicModel::builtin()?;
/// let weights = TermWeights::from_model(&model);
/// let (mut analyzer, mut terms_analyzer) = (model.analyzer(), weights.analyzer());
/// let mut happenings = Happenings::new(MergeOptions::default());
/// for (id, text) in [
///     ("a", "Ngày 10/4, tin tặc tấn công hệ thống máy chủ của Bệnh viện Hòa Bình bằng mã độc tống tiền."),
///     ("b", "Bệnh viện Hòa Bình cho biết máy chủ bị mã độc tống tiền tấn công ngày 10/4."),
/// ] {
///     let article = Article {
///         id: id.into(),
///         title: "Bệnh viện Hòa Bình bị tấn công bằng mã độc tống tiền".into(),
///         published: chrono::NaiveDate::from_ymd_opt(2024, 4, 11),
///         url: None,
///         site_name: None,
///         text: text.into(),
///         label: None,
///         also: None,
///         source: newsline::Location::file(format!("{id}.txt")),
///     };
///     let page = Page::new(&article);
///     let events = find_events(&model, &mut analyzer, &page, &EventOptions::default());
///     // The terms, and the proper names of each sentence an event was read from.
///     let terms = ArticleTerms::of_page(&weights, &mut terms_analyzer, &page)
///         .with_sentences(&mut terms_analyzer, events.iter().map(|e| e.text.as_str()));
///     happenings.add(&terms, events)?;
/// }
/// let merged = happenings.finish()?;
/// assert_eq!(merged.len(), 1);
/// assert_eq!(merged[0].sources.len(), 2);
/// # Ok::<(), newsline::Error>(())
/// ```
#[derive(Debug)]
pub struct Happenings {
    options: MergeOptions,
    store: Store,
    labels: Vec<String>,
    articles: Vec<ArticleEntry>,
    members: Vec<Member>,
}

impl Happenings {
    /// An empty collection.
    pub fn new(options: MergeOptions) -> Self {
        Self::with_budget(options, store::DEFAULT_BUDGET)
    }

    /// An empty collection that keeps up to `budget` bytes of terms and text in memory.
    pub(crate) fn with_budget(options: MergeOptions, budget: usize) -> Self {
        Happenings {
            options,
            store: Store::new(budget),
            labels: Vec::new(),
            articles: Vec::new(),
            members: Vec::new(),
        }
    }

    /// Adds the events found in one article, with the article's terms. A year that a finer date
    /// of the article on the same topic lies in goes first (see `within`).
    pub fn add(&mut self, terms: &ArticleTerms, events: Vec<Event>) -> Result<()> {
        let events = within::drop_covered_years(events);
        let Some(first) = events.first() else {
            return Ok(());
        };
        let published = first.sources.first().and_then(|s| s.published);
        let mut bytes = Vec::new();
        terms.to_bytes(&mut bytes);
        let article = u32::try_from(self.articles.len())
            .map_err(|_| Error::Data("more than 4 billion articles to merge".to_string()))?;
        self.articles.push(ArticleEntry {
            id: first.id.clone().into_boxed_str(),
            published,
            fingerprint: crate::text::lossy_text_hash(&bytes),
            terms: self.store.put(&bytes)?,
        });
        let mut title_form = None;
        let mut sources_json = Vec::new();
        for e in events {
            let label = self.label_index(&e.label);
            bytes.clear();
            put_str(&mut bytes, &e.headline);
            put_str(&mut bytes, &e.text);
            put_str(&mut bytes, &e.source);
            // The sources as serde writes them (see `json`).
            sources_json.clear();
            super::json::push_sources(&mut sources_json, &e.sources);
            let sources = std::str::from_utf8(&sources_json)
                .map_err(|err| Error::Data(format!("cannot keep an event's sources: {err}")))?;
            put_str(&mut bytes, sources);
            // The hash of the lossy text of `bytes`, from its strings.
            let fingerprint =
                crate::text::lossy_record_hash(&[&e.headline, &e.text, &e.source, sources]);
            self.members.push(Member {
                article,
                date: e.date,
                end: e.end,
                role: e.role,
                label,
                confidence: e.confidence,
                headline_score: headline_score(&e.headline, from_title(&e, &mut title_form)),
                payload: self.store.put(&bytes)?,
                fingerprint,
                names: terms.sentence_names(&e.text).into(),
            });
        }
        Ok(())
    }

    fn label_index(&mut self, label: &str) -> u16 {
        match self.labels.iter().position(|l| l == label) {
            Some(i) => i as u16,
            None => {
                self.labels.push(label.to_string());
                (self.labels.len() - 1) as u16
            }
        }
    }

    /// The merged events, in date order (events without a year last).
    pub fn finish(self) -> Result<Vec<Event>> {
        let mut out = Vec::new();
        self.finish_each(|e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Hands the merged events to `sink` one at a time, in date order: the events of 100,000
    /// articles need not all be in memory at once.
    pub fn finish_each(self, sink: impl FnMut(Event) -> Result<()>) -> Result<()> {
        self.run(sink, None)
    }

    /// The merged events and, for every event added, which of them it went into (for scoring
    /// the merge against gold happenings).
    pub fn finish_with_members(self) -> Result<(Vec<Event>, Vec<Membership>)> {
        let mut out = Vec::new();
        let mut members = Vec::new();
        self.run(
            |e| {
                out.push(e);
                Ok(())
            },
            Some(&mut members),
        )?;
        Ok((out, members))
    }

    fn run(
        mut self,
        mut sink: impl FnMut(Event) -> Result<()>,
        mut memberships: Option<&mut Vec<Membership>>,
    ) -> Result<()> {
        let order = self.canonical_order();
        let grouping = self.groups(&order)?;
        drop(order);
        let mut buffer = Vec::new();
        for (happening, &(start, len)) in grouping.runs.iter().enumerate() {
            let group = &grouping.members[start..start + len];
            let event = self.build(group, &mut buffer)?;
            if let Some(list) = memberships.as_deref_mut() {
                for &m in group {
                    let member = &self.members[m];
                    list.push(Membership {
                        article: self.articles[member.article as usize].id.to_string(),
                        date: member.date,
                        end: member.end,
                        happening,
                    });
                }
            }
            sink(event)?;
        }
        Ok(())
    }

    /// Member indices in an order that does not depend on arrival: by article (publication
    /// date, id, terms), then date, topic and content.
    fn canonical_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.members.len()).collect();
        let key = |m: &Member| {
            let a = &self.articles[m.article as usize];
            (
                a.published,
                &a.id,
                a.fingerprint,
                date_key(&m.date),
                m.end,
                &self.labels[m.label as usize],
                m.role,
                m.fingerprint,
            )
        };
        order.sort_by(|&x, &y| key(&self.members[x]).cmp(&key(&self.members[y])));
        order
    }

    /// The happenings: member indices grouped (canonical order within each), groups in output
    /// order.
    fn groups(&mut self, order: &[usize]) -> Result<Grouping> {
        let other = self.labels.iter().position(|l| l == OTHER);
        let mut points = Vec::new();
        let mut point_names: Vec<&[u32]> = Vec::new();
        let mut point_member = Vec::new();
        // Article numbers in canonical order, so that the clustering sees no arrival order.
        let mut article_rank: HashMap<u32, u32> = HashMap::new();
        let mut rank_article: Vec<u32> = Vec::new();
        for &m in order {
            let member = &self.members[m];
            let Some((start, end, day_like)) = span(member) else {
                continue;
            };
            let next = rank_article.len() as u32;
            let rank = *article_rank.entry(member.article).or_insert_with(|| {
                rank_article.push(member.article);
                next
            });
            points.push(Point {
                article: rank,
                start,
                end,
                day_like,
                topic: (Some(member.label as usize) != other).then_some(member.label),
            });
            point_names.push(&member.names);
            point_member.push(m);
        }
        let settings = self.options.settings();
        let store = &mut self.store;
        let articles = &self.articles;
        let mut buffer = Vec::new();
        let mut load = |rank: u32| -> Result<Arc<ArticleTerms>> {
            let article = &articles[rank_article[rank as usize] as usize];
            store.get(article.terms, &mut buffer)?;
            Ok(Arc::new(ArticleTerms::from_bytes(&buffer)))
        };
        let (roots, _) = cluster::cluster(&points, &point_names, &mut load, &settings)?;
        // Each member's group, named by the canonical position of its first member: points
        // are in canonical order, so a group's root point is its first.
        let mut position = vec![0u32; self.members.len()];
        for (i, &m) in order.iter().enumerate() {
            position[m] = i as u32;
        }
        let mut group_of: Vec<u32> = position.clone();
        for (p, &root) in roots.iter().enumerate() {
            group_of[point_member[p]] = position[point_member[root as usize]];
        }
        let mut flat: Vec<usize> = order.to_vec();
        flat.sort_by_key(|&m| (group_of[m], position[m]));
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (i, &m) in flat.iter().enumerate() {
            match runs.last_mut() {
                Some((start, len)) if group_of[flat[*start]] == group_of[m] => *len += 1,
                _ => runs.push((i, 1)),
            }
        }
        let label_rank = self.label_ranks();
        let keys: Vec<_> = runs
            .iter()
            .map(|&(start, len)| self.output_key(&flat[start..start + len], &label_rank))
            .collect();
        let mut sorted: Vec<usize> = (0..runs.len()).collect();
        // Ties: the group whose first member comes first.
        sorted.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(runs[a].0.cmp(&runs[b].0)));
        Ok(Grouping {
            runs: sorted.into_iter().map(|i| runs[i]).collect(),
            members: flat,
        })
    }

    /// Each label's rank by name, so that output order never depends on which label came
    /// first.
    fn label_ranks(&self) -> Vec<u16> {
        let mut by_name: Vec<usize> = (0..self.labels.len()).collect();
        by_name.sort_by(|&a, &b| self.labels[a].cmp(&self.labels[b]));
        let mut rank = vec![0u16; self.labels.len()];
        for (r, &l) in by_name.iter().enumerate() {
            rank[l] = r as u16;
        }
        rank
    }

    /// Where a happening goes in the output: events with a year by date, then the others.
    fn output_key(
        &self,
        group: &[usize],
        label_rank: &[u16],
    ) -> (bool, (i32, u32, u32), Option<EventDate>, u16) {
        let (date, end) = self.chosen_date(group);
        (
            date.dated().is_none(),
            date_key(&date),
            end,
            label_rank[self.members[group[0]].label as usize],
        )
    }

    /// The most precise date of a happening's reports: a day (or a range of days) before a
    /// week before a month. Among days, a reported range that covers every reported day wins
    /// (a visit told as "4-5/6" by one outlet and "4/6" by another); otherwise the day most
    /// reports give, the earliest on a tie.
    fn chosen_date(&self, group: &[usize]) -> (When, Option<EventDate>) {
        let members: Vec<&Member> = group.iter().map(|&m| &self.members[m]).collect();
        let finest = members
            .iter()
            .map(|m| m.date.precision())
            .min()
            .unwrap_or(Precision::Day);
        let fine: Vec<&&Member> = members
            .iter()
            .filter(|m| m.date.precision() == finest)
            .collect();
        if finest == Precision::Day {
            let hull = fine.iter().filter_map(|m| span(m)).fold(
                None,
                |acc: Option<(i32, i32)>, (s, e, _)| match acc {
                    None => Some((s, e)),
                    Some((a, b)) => Some((a.min(s), b.max(e))),
                },
            );
            if let Some((lo, hi)) = hull {
                let covering = fine
                    .iter()
                    .filter(|m| m.end.is_some())
                    .filter(|m| span(m).is_some_and(|(s, e, _)| s <= lo && e >= hi))
                    .map(|m| (m.date, m.end));
                if let Some(best) = most_common(covering) {
                    return best;
                }
            }
        }
        most_common(fine.iter().map(|m| (m.date, m.end)))
            .unwrap_or((members[0].date, members[0].end))
    }

    /// The merged event of a group of members (canonical order).
    fn build(&mut self, group: &[usize], buffer: &mut Vec<u8>) -> Result<Event> {
        let (date, end) = self.chosen_date(group);
        let members: Vec<&Member> = group.iter().map(|&m| &self.members[m]).collect();
        let role = members
            .iter()
            .map(|m| m.role)
            .min_by_key(|r| match r {
                Role::Reported => 0,
                Role::Planned => 1,
                Role::Background => 2,
            })
            .unwrap_or(Role::Reported);
        let other = self
            .labels
            .iter()
            .position(|l| l == OTHER)
            .map(|i| i as u16);
        let topic = members
            .iter()
            .map(|m| m.label)
            .find(|&l| Some(l) != other)
            .unwrap_or(members[0].label);
        let confidence = members
            .iter()
            .filter(|m| m.label == topic)
            .map(|m| m.confidence)
            .fold(f64::NAN, f64::max);
        // The best headline; the first report in canonical order on a tie.
        let best = group
            .iter()
            .enumerate()
            .max_by_key(|(i, &m)| (OrderedScore(self.members[m].headline_score), Reverse(*i)))
            .map(|(_, &m)| m)
            .unwrap_or(group[0]);
        let mut sources: Vec<(Source, String)> = Vec::new();
        let mut chosen = None;
        for &m in group {
            let payload = self.members[m].payload;
            self.store.get(payload, buffer)?;
            let mut at = 0;
            let headline = take_str(buffer, &mut at)?;
            let text = take_str(buffer, &mut at)?;
            let source = take_str(buffer, &mut at)?;
            let list: Vec<Source> = serde_json::from_str(&take_str(buffer, &mut at)?)
                .map_err(|e| Error::Data(format!("merging happenings: damaged sources ({e})")))?;
            if m == best {
                chosen = Some((headline, text));
            }
            sources.extend(list.into_iter().map(|s| (s, source.clone())));
        }
        sources.sort_by(|(a, _), (b, _)| {
            (a.published.is_none(), a.published, &a.id).cmp(&(
                b.published.is_none(),
                b.published,
                &b.id,
            ))
        });
        sources.dedup_by(|b, a| a.0.id == b.0.id);
        let (headline, text) = chosen.unwrap_or_default();
        let (id, source) = sources
            .first()
            .map(|(s, from)| (s.id.clone(), from.clone()))
            .unwrap_or_default();
        Ok(Event {
            id,
            date,
            end,
            role,
            label: self.labels[topic as usize].clone(),
            confidence: if confidence.is_nan() { 0.0 } else { confidence },
            headline,
            source,
            text,
            sources: sources.into_iter().map(|(s, _)| s).collect(),
        })
    }
}

/// Merges the events of articles into happenings: `articles` holds each article's terms and
/// its events (see [`Happenings`]).
pub fn merge_happenings(
    articles: impl IntoIterator<Item = (ArticleTerms, Vec<Event>)>,
    options: &MergeOptions,
) -> Result<Vec<Event>> {
    let mut happenings = Happenings::new(*options);
    for (terms, events) in articles {
        happenings.add(&terms, events)?;
    }
    happenings.finish()
}

/// Whether an event's headline is its article's title (maybe shortened; both folded, in
/// lower case).
/// `title_form` keeps the last title and its folded form: an article's events share their
/// title, and folding it for each was most of the cost.
fn from_title(e: &Event, title_form: &mut Option<(String, String)>) -> bool {
    let headline = e.headline.trim_end_matches('…').trim();
    if headline.is_empty() {
        return false;
    }
    let Some(source) = e.sources.first() else {
        return false;
    };
    if !matches!(title_form, Some((title, _)) if *title == source.title) {
        let folded = crate::text::lower::to_lower(&crate::text::fold_diacritics(&source.title));
        *title_form = Some((source.title.clone(), folded));
    }
    let folded_title = title_form.as_ref().map_or("", |(_, f)| f.as_str());
    folded_title.starts_with(&crate::text::lower::to_lower(
        &crate::text::fold_diacritics(headline),
    ))
}

/// A total order on headline scores (NaN lowest).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderedScore(f32);

impl Eq for OrderedScore {}

impl Ord for OrderedScore {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let f = |x: f32| if x.is_nan() { f32::NEG_INFINITY } else { x };
        f(self.0).total_cmp(&f(other.0))
    }
}

impl PartialOrd for OrderedScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The (date, end) most items give; the earliest on a tie.
fn most_common(
    items: impl Iterator<Item = (When, Option<EventDate>)>,
) -> Option<(When, Option<EventDate>)> {
    let mut counts: Vec<((When, Option<EventDate>), usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|(a, n), (b, m)| {
            n.cmp(m)
                .then_with(|| (date_key(&b.0), b.1).cmp(&(date_key(&a.0), a.1)))
        })
        .map(|(x, _)| x)
}

/// Orders dates: by year, month, day, finest first; a date without a year after those with
/// one.
fn date_key(date: &When) -> (i32, u32, u32) {
    match date {
        When::Dated(d) => (d.year, d.month * 40 + d.day, d.precision as u32),
        When::Yearless(y) => (
            i32::MAX,
            y.month * 40 + y.day.unwrap_or(0),
            y.precision() as u32,
        ),
    }
}

/// The days an event covers, and whether a day's tolerance applies, for the events that can
/// be merged: days, ranges, weeks and months with a year.
fn span(m: &Member) -> Option<(i32, i32, bool)> {
    let d = m.date.dated()?;
    if d.precision == Precision::Year {
        return None;
    }
    let start = d.start();
    let last = m.end.map(|e| e.end()).unwrap_or_else(|| d.end()).max(start);
    let days = |x: NaiveDate| x.num_days_from_ce();
    let day_like = d.precision == Precision::Day && (last - start).num_days() <= 7;
    Some((days(start), days(last), day_like))
}
