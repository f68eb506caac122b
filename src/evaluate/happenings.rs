//! Scoring the merge of happenings against gold happenings (`tests/data/happenings/`).
//!
//! Each gold article lists the happenings it mentions: `{"id","date","main"}`, where the same
//! id across articles means the same happening and `date` is a day (`2024-06-04`), a month
//! (`2024-06`) or a range (`2024-06-04/2024-06-05`). The pipeline runs as `events` runs it (find
//! events, merge), and each event the pipeline found before merging is matched to a gold
//! happening of its article whose date it overlaps (the same date first, then the article's
//! main happening, then the shortest). A mention (an article and a gold happening) then lies
//! in the merged event most of its events went to.
//!
//! Scores:
//! - pairwise precision and recall of "same happening" over pairs of mentions from different
//!   articles (a mention the pipeline did not find counts as apart from every other);
//! - clusters (gold ids `c01`, `hc01`, ...: one happening told by several outlets) that come
//!   out as exactly one event: every main mention that was found lies in one event, at least
//!   two were found; and the stricter count where every main mention was found;
//! - near-miss pairs (`nm01a` / `nm01b`: two happenings on the same day and topic) merged:
//!   a main mention of one half and one of the other in the same event. Must be 0.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::corpus::Article;
use crate::error::{Error, Location, Result};
use crate::events::{
    find_events, ArticleTerms, EventOptions, Happenings, MergeOptions, TermWeights, When,
};
use crate::model::TopicModel;
use crate::page::Page;

/// One gold happening of an article.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldMention {
    /// The happening's id: the same id in two articles is the same happening.
    pub id: String,
    /// Its date: `YYYY-MM-DD`, `YYYY-MM` or `START/END`.
    pub date: String,
    /// Whether it is what the article is about.
    pub main: bool,
}

#[derive(Deserialize)]
struct GoldLine {
    id: String,
    happenings: Vec<GoldMention>,
}

/// Reads the gold happenings of JSON-lines files: article id -> its happenings.
pub fn read_gold(paths: &[PathBuf]) -> Result<HashMap<String, Vec<GoldMention>>> {
    let mut gold = HashMap::new();
    for path in crate::corpus::expand_paths(paths)? {
        let text =
            std::fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read", e))?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = Location::line(&path, i as u64 + 1);
            let g: GoldLine = serde_json::from_str(line).map_err(|e| {
                Error::input(
                    at.clone(),
                    format!(
                        "not a gold article ({e}); expected {{\"id\",...,\"happenings\":[{{\"id\",\"date\",\"main\"}}]}}"
                    ),
                )
            })?;
            for h in &g.happenings {
                if span_of(&h.date).is_none() {
                    return Err(Error::input(
                        at,
                        format!(
                            "happening {} has date \"{}\"; expected YYYY-MM-DD, YYYY-MM or START/END",
                            h.id, h.date
                        ),
                    ));
                }
            }
            gold.insert(g.id, g.happenings);
        }
    }
    Ok(gold)
}

/// The scores of a merge against gold happenings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HappeningScores {
    /// Articles scored.
    pub articles: usize,
    /// Events found before merging, and after.
    pub events_before: usize,
    /// See `events_before`.
    pub events_after: usize,
    /// Gold mentions, and how many the pipeline found.
    pub mentions: usize,
    /// See `mentions`.
    pub mentions_found: usize,
    /// Pairwise precision of "same happening".
    pub precision: f64,
    /// Pairwise recall of "same happening".
    pub recall: f64,
    /// Gold clusters.
    pub clusters: usize,
    /// Clusters whose found main mentions all lie in one event (at least two found).
    pub clusters_one_event: usize,
    /// Clusters with every main mention found, in one event.
    pub clusters_one_event_all_found: usize,
    /// Clusters that did not come out as one event, with the number of events they gave.
    pub clusters_split: Vec<(String, usize)>,
    /// Near-miss pairs.
    pub near_miss_pairs: usize,
    /// Near-miss pairs merged (the base ids, e.g. "nm02").
    pub near_miss_merged: Vec<String>,
    /// The mention pairs put in one event that the gold keeps apart, as
    /// `["article:happening", "article:happening"]` (the pairwise precision's misses).
    pub merged_apart: Vec<[String; 2]>,
}

/// Finds and merges the events of `articles` with `model`, and scores the merge against
/// `gold` (see the module documentation).
pub fn evaluate_happenings(
    model: &TopicModel,
    articles: &[Article],
    gold: &HashMap<String, Vec<GoldMention>>,
    merge: &MergeOptions,
) -> Result<HappeningScores> {
    let weights = TermWeights::from_model(model);
    let (mut analyzer, mut terms_analyzer) = (model.analyzer(), weights.analyzer());
    let mut happenings = Happenings::new(*merge);
    let mut events_before = 0;
    for a in articles {
        if !gold.contains_key(&a.id) {
            return Err(Error::input(
                a.source.clone(),
                format!("article \"{}\" has no gold happenings", a.id),
            ));
        }
        let page = Page::new(a);
        let events = find_events(model, &mut analyzer, &page, &EventOptions::default());
        events_before += events.len();
        let terms = ArticleTerms::of_page(&weights, &mut terms_analyzer, &page)
            .with_sentences(&mut terms_analyzer, events.iter().map(|e| e.text.as_str()));
        happenings.add(&terms, events)?;
    }
    let (merged, members) = happenings.finish_with_members()?;
    Ok(score(
        articles.len(),
        events_before,
        merged.len(),
        &members,
        gold,
    ))
}

/// First and last day of a gold date.
fn span_of(date: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((a, b)) = date.split_once('/') {
        let (a, b) = (parse_day(a)?, parse_day(b)?);
        return (a <= b).then_some((a, b));
    }
    if let Some(d) = parse_day(date) {
        return Some((d, d));
    }
    let (y, m) = date.split_once('-')?;
    let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((first, next.pred_opt()?))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn is_cluster(id: &str) -> bool {
    let digits = id.strip_prefix("hc").or_else(|| id.strip_prefix('c'));
    digits.is_some_and(|d| d.len() == 2 && d.chars().all(|c| c.is_ascii_digit()))
}

/// "nm03" for "nm03a" / "hnm03b".
fn near_miss_half(id: &str) -> Option<(&str, char)> {
    let body = id.strip_prefix('h').unwrap_or(id);
    let rest = body.strip_prefix("nm")?;
    let half = rest.chars().last()?;
    let digits = &rest[..rest.len() - 1];
    (matches!(half, 'a' | 'b') && digits.len() == 2 && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some((&id[..id.len() - 1], half))
}

fn score(
    articles: usize,
    events_before: usize,
    events_after: usize,
    members: &[crate::events::Membership],
    gold: &HashMap<String, Vec<GoldMention>>,
) -> HappeningScores {
    // Each event found goes to one gold happening of its article, if its date overlaps one.
    let mut votes: BTreeMap<(String, String), BTreeMap<usize, usize>> = BTreeMap::new();
    for m in members {
        let Some(list) = gold.get(&m.article) else {
            continue;
        };
        let When::Dated(d) = m.date else { continue };
        let (start, end) = (d.start(), m.end.map(|e| e.end()).unwrap_or_else(|| d.end()));
        let best = list
            .iter()
            .filter_map(|h| span_of(&h.date).map(|s| (h, s)))
            .filter(|(_, (a, b))| start <= *b && *a <= end)
            .min_by_key(|(h, (a, b))| {
                (
                    !(*a == start && *b == end),
                    !h.main,
                    (*b - *a).num_days(),
                    h.id.clone(),
                )
            });
        if let Some((h, _)) = best {
            *votes
                .entry((m.article.clone(), h.id.clone()))
                .or_default()
                .entry(m.happening)
                .or_default() += 1;
        }
    }
    // A mention lies in the event most of its events went to (the first on a tie).
    let placed: HashMap<(String, String), usize> = votes
        .into_iter()
        .map(|(k, v)| {
            let best = v
                .iter()
                .max_by_key(|(&h, &n)| (n, std::cmp::Reverse(h)))
                .map(|(&h, _)| h)
                .unwrap_or(0);
            (k, best)
        })
        .collect();
    let mentions: Vec<(String, String, bool)> = {
        let mut ids: Vec<&String> = gold.keys().collect();
        ids.sort();
        ids.into_iter()
            .flat_map(|a| {
                gold[a]
                    .iter()
                    .map(move |h| (a.clone(), h.id.clone(), h.main))
            })
            .collect()
    };
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    let mut merged_apart = Vec::new();
    for (i, x) in mentions.iter().enumerate() {
        for y in &mentions[i + 1..] {
            if x.0 == y.0 {
                continue;
            }
            let same_gold = x.1 == y.1;
            let px = placed.get(&(x.0.clone(), x.1.clone()));
            let py = placed.get(&(y.0.clone(), y.1.clone()));
            let same_system = px.is_some() && px == py;
            match (same_gold, same_system) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    merged_apart.push([format!("{}:{}", x.0, x.1), format!("{}:{}", y.0, y.1)]);
                }
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    // Clusters and near misses, by their main mentions.
    let mut mains: BTreeMap<String, Vec<Option<usize>>> = BTreeMap::new();
    for (article, id, main) in &mentions {
        if *main {
            mains
                .entry(id.clone())
                .or_default()
                .push(placed.get(&(article.clone(), id.clone())).copied());
        }
    }
    let (mut clusters, mut one, mut one_all) = (0, 0, 0);
    let mut split = Vec::new();
    for (id, places) in &mains {
        if !is_cluster(id) {
            continue;
        }
        clusters += 1;
        let found: BTreeSet<usize> = places.iter().flatten().copied().collect();
        let n_found = places.iter().flatten().count();
        if found.len() == 1 && n_found >= 2 {
            one += 1;
            if n_found == places.len() {
                one_all += 1;
            }
        } else {
            split.push((id.clone(), found.len()));
        }
    }
    let mut halves: BTreeMap<&str, [BTreeSet<usize>; 2]> = BTreeMap::new();
    for (id, places) in &mains {
        if let Some((base, half)) = near_miss_half(id) {
            let sets = halves.entry(base).or_default();
            sets[usize::from(half == 'b')].extend(places.iter().flatten().copied());
        }
    }
    let merged: Vec<String> = halves
        .iter()
        .filter(|(_, [a, b])| !a.is_disjoint(b))
        .map(|(base, _)| base.to_string())
        .collect();
    HappeningScores {
        articles,
        events_before,
        events_after,
        mentions: mentions.len(),
        mentions_found: placed.len(),
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn_),
        clusters,
        clusters_one_event: one,
        clusters_one_event_all_found: one_all,
        clusters_split: split,
        near_miss_pairs: halves.len(),
        near_miss_merged: merged,
        merged_apart,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{EventDate, Membership};

    fn member(article: &str, day: u32, happening: usize) -> Membership {
        Membership {
            article: article.into(),
            date: When::Dated(EventDate::day(2024, 6, day).unwrap()),
            end: None,
            happening,
        }
    }

    fn mention(id: &str, date: &str, main: bool) -> GoldMention {
        GoldMention {
            id: id.into(),
            date: date.into(),
            main,
        }
    }

    #[test]
    fn scores_count_pairs_clusters_and_near_misses() {
        let gold: HashMap<String, Vec<GoldMention>> = [
            ("a", vec![mention("c01", "2024-06-04", true)]),
            ("b", vec![mention("c01", "2024-06-04", true)]),
            ("c", vec![mention("c01", "2024-06-04", true)]),
            ("d", vec![mention("nm01a", "2024-06-04", true)]),
            ("e", vec![mention("nm01b", "2024-06-04", true)]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        // c01 split in two events; the near-miss halves merged with each other.
        let members = [
            member("a", 4, 0),
            member("b", 4, 0),
            member("c", 4, 1),
            member("d", 4, 2),
            member("e", 4, 2),
        ];
        let s = score(5, 5, 3, &members, &gold);
        assert_eq!((s.clusters, s.clusters_one_event), (1, 0));
        assert_eq!(s.clusters_split, [("c01".to_string(), 2)]);
        assert_eq!(s.near_miss_merged, ["nm01"]);
        // Pairs: gold-same a-b, a-c, b-c; system-same a-b, d-e.
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.mentions_found, 5);
        // A date that overlaps no gold happening is not a mention.
        let s = score(5, 5, 3, &[member("a", 9, 0)], &gold);
        assert_eq!(s.mentions_found, 0);
    }

    #[test]
    fn gold_dates_and_ids() {
        assert_eq!(
            span_of("2024-06"),
            Some((
                parse_day("2024-06-01").unwrap(),
                parse_day("2024-06-30").unwrap()
            ))
        );
        assert!(span_of("2024-06-05/2024-06-04").is_none());
        assert!(span_of("June").is_none());
        assert!(is_cluster("c07") && is_cluster("hc01") && !is_cluster("c07-plan"));
        assert_eq!(near_miss_half("hnm03b"), Some(("hnm03", 'b')));
        assert_eq!(near_miss_half("nm1a"), None);
    }
}
