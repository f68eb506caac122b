//! Scores of the events' dates against gold dates: `newsline evaluate --events`.
//!
//! A gold file holds JSON lines: the article fields (`id`, `text`, `published`, ...) plus
//! `"dates"`, the dates a reader finds in the text, each either a plain value or an object
//! `{"text","value","form","role"}`, and optionally `"not_dates"`, strings of the text that
//! are no date (prices, scores, targets). A value is `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, a range
//! or week `START/END`, or without its year `--MM-DD` / `--MM` (when nothing gives it).
//!
//! Every passage goes through [`find_events`](crate::events::find_events) as any article
//! does; its events are matched to the gold dates one to one, by value:
//!
//! - **day and month**: the day and month of day dates and ranges (not weeks), year aside;
//! - **full dates**: the whole value, year included, in passages with a publication date;
//! - **exact**: the whole value, in all passages (yearless values where nothing gives a year);
//! - **ranges**: range and week values, both ends;
//! - **roles**: of the events that match a gold date with a role, how many have its role;
//! - **per form**: recall by the gold's form, precision by the grammar's form;
//! - **negatives**: `not_dates` strings that an event's mention overlaps.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::corpus::{self, Article};
use crate::error::{Error, Location, Result};
use crate::events::{find_events_traced, EventOptions, Precision, Role, Traced};
use crate::model::TopicModel;
use crate::page::Page;

/// One gold date of a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDate {
    /// The date as written in the text, when given.
    pub text: Option<String>,
    /// Its value: `2024-03-29`, `2024-03`, `2024`, `START/END`, `--03-29`, `--03`.
    pub value: String,
    /// How it is written (`dm_slash`, `range`, ...), when given.
    pub form: Option<String>,
    /// Its role, when given.
    pub role: Option<Role>,
}

/// A passage with its gold dates.
#[derive(Debug, Clone)]
pub struct GoldPassage {
    /// The passage as an article.
    pub article: Article,
    /// The dates it holds.
    pub dates: Vec<GoldDate>,
    /// Strings of the text that hold no date.
    pub not_dates: Vec<String>,
}

/// Reads gold date files (JSON lines); errors name the file and line.
pub fn read_gold(paths: &[PathBuf], lossy: bool) -> Result<Vec<GoldPassage>> {
    let mut out = Vec::new();
    for path in corpus::expand_paths(paths)? {
        let at = Location::file(&path);
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, "cannot open", e))?;
        let text = corpus::read_to_string(file, &at, lossy)?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = Location::line(&path, i as u64 + 1);
            out.push(gold_passage(line, at)?);
        }
    }
    Ok(out)
}

/// One gold line: the article, then its `dates` and `not_dates`.
fn gold_passage(line: &str, at: Location) -> Result<GoldPassage> {
    let article = corpus::article_from_json(line, at.clone())?;
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| Error::input(at.clone(), format!("not valid JSON ({e})")))?;
    let bad = |what: String| Error::input(at.clone(), what);
    let dates = match value.get("dates") {
        None => {
            return Err(bad(
                "missing field \"dates\" (the gold dates of the passage)".into(),
            ))
        }
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| gold_date(item).map_err(|e| bad(format!("dates[{i}]: {e}"))))
            .collect::<Result<Vec<_>>>()?,
        Some(_) => return Err(bad("field \"dates\" must be a list".into())),
    };
    let not_dates = match value.get("not_dates") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, s)| {
                s.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad(format!("not_dates[{i}] must be a string")))
            })
            .collect::<Result<Vec<_>>>()?,
        Some(_) => return Err(bad("field \"not_dates\" must be a list of strings".into())),
    };
    Ok(GoldPassage {
        article,
        dates,
        not_dates,
    })
}

/// A gold date: a plain value, or an object with at least `value`.
fn gold_date(item: &serde_json::Value) -> std::result::Result<GoldDate, String> {
    let field = |name: &str| -> std::result::Result<Option<String>, String> {
        match item.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"{name}\" must be a string")),
        }
    };
    let date = match item {
        serde_json::Value::String(value) => GoldDate {
            text: None,
            value: value.clone(),
            form: None,
            role: None,
        },
        serde_json::Value::Object(_) => GoldDate {
            text: field("text")?,
            value: field("value")?.ok_or("missing \"value\"")?,
            form: field("form")?,
            role: match field("role")? {
                None => None,
                Some(r) => Some(Role::from_name(&r).ok_or_else(|| {
                    format!("role \"{r}\", expected reported, planned or background")
                })?),
            },
        },
        _ => return Err("expected a date value or an object with \"value\"".into()),
    };
    if !valid_value(&date.value) {
        return Err(format!(
            "value \"{}\", expected YYYY-MM-DD, YYYY-MM, YYYY, START/END, --MM-DD or --MM",
            date.value
        ));
    }
    Ok(date)
}

/// Whether a gold value has one of the forms the module names: four-digit years, two-digit
/// months and days, a real calendar date.
fn valid_value(value: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let single = |v: &str| {
        if let Some(rest) = v.strip_prefix("--") {
            let shaped = match rest.split_once('-') {
                Some((m, d)) => digits(m, 2) && digits(d, 2),
                None => digits(rest, 2),
            };
            return shaped && crate::events::Yearless::parse_iso(v).is_some();
        }
        let parts: Vec<&str> = v.split('-').collect();
        let shaped = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        shaped && crate::events::EventDate::parse_iso(v).is_some()
    };
    match value.split_once('/') {
        Some((a, b)) => single(a) && single(b),
        None => single(value),
    }
}

/// Recall and precision of one measure.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    /// Gold dates the measure counts.
    pub gold: usize,
    /// Events the measure counts.
    pub found: usize,
    /// Gold dates matched by an event.
    pub matched: usize,
    /// `matched / gold` (1 when there is no gold date).
    pub recall: f64,
    /// `matched / found` (1 when nothing was found).
    pub precision: f64,
}

impl Score {
    fn add(&mut self, gold: usize, found: usize, matched: usize) {
        self.gold += gold;
        self.found += found;
        self.matched += matched;
    }

    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        self.recall = ratio(self.matched, self.gold);
        self.precision = ratio(self.matched, self.found);
    }
}

/// A gold date no event matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// The passage's id.
    pub id: String,
    /// The date as written.
    pub text: Option<String>,
    /// Its gold value.
    pub value: String,
    /// Its form.
    pub form: Option<String>,
    /// Every value found in the passage.
    pub found: Vec<String>,
}

/// An event that matched no gold date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalseAlarm {
    /// The passage's id.
    pub id: String,
    /// The event's value.
    pub value: String,
    /// The grammar's form.
    pub form: String,
    /// The mention as written.
    pub mention: String,
    /// The gold values of the passage.
    pub gold: Vec<String>,
}

/// An event whose date matched but whose role did not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongRole {
    /// The passage's id.
    pub id: String,
    /// The value.
    pub value: String,
    /// The gold role.
    pub gold: String,
    /// The role given.
    pub found: String,
}

/// The scores of `evaluate --events`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DateScores {
    /// Passages scored.
    pub passages: usize,
    /// Passages with a publication date.
    pub with_published: usize,
    /// Day and month of day dates and ranges, year aside.
    pub day_month: Score,
    /// Whole values, year included, in passages with a publication date.
    pub full_dates: Score,
    /// Whole values in all passages.
    pub exact: Score,
    /// Range and week values.
    pub ranges: Score,
    /// Matched events with a gold role, and how many have it.
    pub roles: Score,
    /// Per form: recall by the gold's form, precision by the grammar's.
    pub forms: BTreeMap<String, Score>,
    /// `not_dates` strings, and how many an event's mention overlaps (`matched`: read as a
    /// date, wrongly).
    pub negatives: Score,
    /// Gold dates no event matched (exact).
    pub misses: Vec<Miss>,
    /// Events that matched no gold date (exact).
    pub false_alarms: Vec<FalseAlarm>,
    /// Matched events with another role than the gold's.
    pub wrong_roles: Vec<WrongRole>,
}

/// An event's value as gold files write it: its date, and `/END` for a range or a week.
fn value_of(t: &Traced<'_>) -> String {
    match t.event.end {
        Some(end) => format!("{}/{}", t.event.date_string(), end.iso()),
        None => t.event.date_string(),
    }
}

/// The month and day of a value's first day ("2024-03-29" and "--03-29" give "03-29").
fn month_day(value: &str) -> Option<String> {
    let first = value.split('/').next()?;
    let rest = first.strip_prefix("--").map(|r| format!("0000-{r}"));
    let first = rest.as_deref().unwrap_or(first);
    let parts: Vec<&str> = first.split('-').collect();
    match parts.as_slice() {
        [_, m, d] => Some(format!("{m}-{d}")),
        _ => None,
    }
}

/// Matches gold keys to found keys one to one, in order; returns for each gold key the index
/// of its found key.
fn pair(gold: &[Option<String>], found: &[Option<String>]) -> Vec<Option<usize>> {
    let mut used = vec![false; found.len()];
    gold.iter()
        .map(|g| {
            let g = g.as_ref()?;
            let i = found
                .iter()
                .enumerate()
                .position(|(i, f)| !used[i] && f.as_ref() == Some(g))?;
            used[i] = true;
            Some(i)
        })
        .collect()
}

/// Scores the events `model` finds in `passages` against their gold dates.
pub fn evaluate_dates(model: &TopicModel, passages: &[GoldPassage]) -> DateScores {
    let mut s = DateScores::default();
    let mut analyzer = model.analyzer();
    let options = EventOptions::default();
    let mut forms_found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for p in passages {
        let page = Page::new(&p.article);
        let events = find_events_traced(model, &mut analyzer, &page, &options);
        s.passages += 1;
        let published = p.article.published.is_some();
        s.with_published += usize::from(published);
        let found: Vec<Option<String>> = events.iter().map(|t| Some(value_of(t))).collect();
        let gold: Vec<Option<String>> = p.dates.iter().map(|d| Some(d.value.clone())).collect();

        // Whole values.
        let exact = pair(&gold, &found);
        let hits = exact.iter().flatten().count();
        s.exact.add(gold.len(), found.len(), hits);
        if published {
            s.full_dates.add(gold.len(), found.len(), hits);
        }
        let mut matched_found = vec![false; found.len()];
        for (d, hit) in p.dates.iter().zip(&exact) {
            let form = d.form.clone().unwrap_or_else(|| "(none)".into());
            let entry = s.forms.entry(form).or_default();
            entry.gold += 1;
            match hit {
                Some(i) => {
                    entry.matched += 1;
                    matched_found[*i] = true;
                    if let Some(role) = d.role {
                        let given = events[*i].event.role;
                        s.roles.add(1, 1, usize::from(given == role));
                        if given != role {
                            s.wrong_roles.push(WrongRole {
                                id: p.article.id.clone(),
                                value: d.value.clone(),
                                gold: role.name().into(),
                                found: given.name().into(),
                            });
                        }
                    }
                }
                None => s.misses.push(Miss {
                    id: p.article.id.clone(),
                    text: d.text.clone(),
                    value: d.value.clone(),
                    form: d.form.clone(),
                    found: found.iter().flatten().cloned().collect(),
                }),
            }
        }
        for (t, hit) in events.iter().zip(&matched_found) {
            let entry = forms_found.entry(t.form.name().into()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(*hit);
            if !hit {
                s.false_alarms.push(FalseAlarm {
                    id: p.article.id.clone(),
                    value: value_of(t),
                    form: t.form.name().into(),
                    mention: t.mention.to_string(),
                    gold: p.dates.iter().map(|d| d.value.clone()).collect(),
                });
            }
        }

        // Day and month: day dates and ranges, not weeks.
        let is_week = |d: &GoldDate| d.form.as_deref() == Some("week");
        let gold_days: Vec<Option<String>> = p
            .dates
            .iter()
            .filter(|d| !is_week(d))
            .map(|d| month_day(&d.value))
            .filter(Option::is_some)
            .collect();
        let found_days: Vec<Option<String>> = events
            .iter()
            .filter(|t| t.event.date.precision() == Precision::Day)
            .map(|t| month_day(&value_of(t)))
            .collect();
        let day_hits = pair(&gold_days, &found_days).iter().flatten().count();
        s.day_month.add(gold_days.len(), found_days.len(), day_hits);

        // Ranges and weeks.
        let gold_ranges: Vec<Option<String>> = gold
            .iter()
            .filter(|v| v.as_deref().is_some_and(|v| v.contains('/')))
            .cloned()
            .collect();
        let found_ranges: Vec<Option<String>> = found
            .iter()
            .filter(|v| v.as_deref().is_some_and(|v| v.contains('/')))
            .cloned()
            .collect();
        let range_hits = pair(&gold_ranges, &found_ranges).iter().flatten().count();
        s.ranges
            .add(gold_ranges.len(), found_ranges.len(), range_hits);

        // Negatives: a string of the text that holds no date, read as one.
        for n in &p.not_dates {
            let read = events.iter().any(|t| {
                !t.mention.is_empty() && (n.contains(t.mention) || t.mention.contains(n.as_str()))
            });
            s.negatives.add(1, 0, usize::from(read));
        }
    }
    for (form, (n, hit)) in forms_found {
        let entry = s.forms.entry(form).or_default();
        entry.found += n;
        // Precision counts hits by the grammar's form; recall by the gold's (above).
        entry.precision = if n == 0 { 1.0 } else { hit as f64 / n as f64 };
    }
    for score in [
        &mut s.day_month,
        &mut s.full_dates,
        &mut s.exact,
        &mut s.ranges,
        &mut s.roles,
    ] {
        score.finish();
    }
    s.negatives.recall = if s.negatives.gold == 0 {
        0.0
    } else {
        s.negatives.matched as f64 / s.negatives.gold as f64
    };
    for score in s.forms.values_mut() {
        let precision = score.precision;
        let found = score.found;
        score.finish();
        score.precision = if found == 0 { 1.0 } else { precision };
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_their_month_day() {
        assert!(valid_value("2024-03-29"));
        assert!(valid_value("2024-03"));
        assert!(valid_value("2024"));
        assert!(valid_value("2024-03-29/2024-04-02"));
        assert!(valid_value("--03-29"));
        assert!(valid_value("--03"));
        assert!(!valid_value("2024-13-01"));
        assert!(!valid_value("29/3"));
        assert_eq!(month_day("2024-03-29").as_deref(), Some("03-29"));
        assert_eq!(month_day("--03-29/--04-01").as_deref(), Some("03-29"));
        assert_eq!(month_day("2024-03"), None);
    }

    #[test]
    fn gold_lines_take_plain_values_and_objects_and_name_their_line() {
        let at = Location::line("g.jsonl", 7);
        let p = gold_passage(
            r#"{"id":"a","text":"Ngày 29/3, họp.","published":"2024-03-30","dates":["2024-03-29",{"text":"Ngày 29/3","value":"2024-03-29","form":"dm_slash","role":"reported"}]}"#,
            at.clone(),
        )
        .unwrap();
        assert_eq!(p.dates.len(), 2);
        assert_eq!(p.dates[1].role, Some(Role::Reported));
        let e = gold_passage(r#"{"id":"a","text":"x","dates":["29/3"]}"#, at.clone())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.jsonl:7: dates[0]: value \"29/3\""), "{e}");
        let e = gold_passage(r#"{"id":"a","text":"x"}"#, at)
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field \"dates\""), "{e}");
    }

    #[test]
    fn pairs_match_one_to_one() {
        let s = |v: &str| Some(v.to_string());
        let got = pair(&[s("a"), s("a"), s("b")], &[s("a"), s("c")]);
        assert_eq!(got, vec![Some(0), None, None]);
    }
}
