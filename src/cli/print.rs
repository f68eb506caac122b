//! What the commands print: classify's JSON lines, TSV and table, evaluation scores, the
//! training summary, the page analysis, skipped lines, and the progress bar. (The events
//! writers are in `run.rs` until they move into the library.)

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use newsline::corpus::{Article, Skipped};
use newsline::evaluate::CrossValidation;
use newsline::metrics::Metrics;
use newsline::model::{Contribution, Decision, Prediction, TopicModel, ValidTrainParams};
use newsline::page::Paragraph;

use super::args::ClassifyFormat;

/// Rounds to 6 decimals, so JSON output does not carry float noise.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// `s` cut to its last `n` characters, with `…` in front when cut.
fn shorten(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        let tail: String = s.chars().skip(count - (n - 1)).collect();
        format!("…{tail}")
    }
}

/// Writes classify's output in one of its formats.
pub struct ClassifyWriter {
    pub format: ClassifyFormat,
    pub labels: Vec<String>,
    pub explain: bool,
}

impl ClassifyWriter {
    /// The header line (TSV and table only).
    pub fn header(&self, out: &mut impl Write) -> std::io::Result<()> {
        match self.format {
            ClassifyFormat::Tsv => {
                write!(out, "id\tlabel\tconfidence\talso")?;
                for l in &self.labels {
                    write!(out, "\t{l}")?;
                }
                writeln!(out)
            }
            ClassifyFormat::Table => {
                writeln!(
                    out,
                    "{:<40} {:<14} {:>10} {:<14}",
                    "id", "label", "confidence", "also"
                )
            }
            ClassifyFormat::Json => Ok(()),
        }
    }

    /// One article's result; `why` is its explanation (empty without `--explain`): the terms
    /// behind the label, then those behind the second topic, if any.
    pub fn row(
        &self,
        out: &mut impl Write,
        a: &Article,
        p: &Prediction,
        d: &Decision,
        why: &[Vec<Contribution>; 2],
    ) -> std::io::Result<()> {
        let labels = &self.labels;
        match self.format {
            ClassifyFormat::Json => {
                // Written field by field: building a JSON value per article cost more than
                // classifying it.
                out.write_all(b"{\"id\":")?;
                serde_json::to_writer(&mut *out, &a.id)?;
                write!(
                    out,
                    ",\"label\":\"{}\",\"confidence\":{}",
                    labels[d.label],
                    round6(d.confidence)
                )?;
                match d.also {
                    Some(also) => write!(out, ",\"also\":\"{}\"", labels[also])?,
                    None => out.write_all(b",\"also\":null")?,
                }
                out.write_all(b",\"scores\":{")?;
                for (i, (l, pr)) in labels.iter().zip(&p.probabilities).enumerate() {
                    let sep = if i == 0 { "" } else { "," };
                    write!(out, "{sep}\"{l}\":{}", round6(*pr))?;
                }
                out.write_all(b"}")?;
                if d.rejected {
                    write!(out, ",\"rejected_topic\":\"{}\"", labels[p.best])?;
                }
                if let (true, Some(stage)) = (d.overruled, p.second_stage) {
                    write!(
                        out,
                        ",\"overruled_topic\":\"{}\",\"second_stage\":{}",
                        labels[p.best],
                        round6(stage)
                    )?;
                }
                if self.explain {
                    write_terms(out, "explain", &why[0])?;
                    if d.also.is_some() {
                        write_terms(out, "explain_also", &why[1])?;
                    }
                }
                write_article_fields(out, a)?;
                out.write_all(b"}\n")
            }
            ClassifyFormat::Tsv => {
                write!(
                    out,
                    "{}\t{}\t{:.4}\t{}",
                    a.id.replace('\t', " "),
                    labels[d.label],
                    d.confidence,
                    d.also.map_or("", |c| labels[c].as_str())
                )?;
                for pr in &p.probabilities {
                    write!(out, "\t{pr:.4}")?;
                }
                writeln!(out)
            }
            ClassifyFormat::Table => {
                writeln!(
                    out,
                    "{:<40} {:<14} {:>10.3} {:<14}",
                    shorten(&a.id, 40),
                    labels[d.label],
                    d.confidence,
                    d.also.map_or("", |c| labels[c].as_str())
                )?;
                if self.explain {
                    let terms = |why: &[Contribution]| {
                        why.iter()
                            .map(|c| format!("{} ({:+.2})", c.term, c.weight))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    writeln!(out, "    because: {}", terms(&why[0]))?;
                    if let (true, Some(stage)) = (d.overruled, p.second_stage) {
                        writeln!(
                            out,
                            "    overruled: naive Bayes says {}, the second stage gives every topic at most {stage:.3}",
                            labels[p.best]
                        )?;
                    }
                    if let Some(also) = d.also {
                        writeln!(out, "    also {}: {}", labels[also], terms(&why[1]))?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// `,"KEY":[{"term","weight"},...]`.
fn write_terms(out: &mut impl Write, key: &str, why: &[Contribution]) -> std::io::Result<()> {
    write!(out, ",\"{key}\":[")?;
    for (i, c) in why.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"term\":")?;
        serde_json::to_writer(&mut *out, &c.term)?;
        write!(out, ",\"weight\":{}}}", round6(c.weight))?;
    }
    out.write_all(b"]")
}

/// The article's `"title"`, `"published"` and `"url"`, each when known, so a briefing can
/// cite what was classified.
fn write_article_fields(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    if !a.title.is_empty() {
        out.write_all(b",\"title\":")?;
        serde_json::to_writer(&mut *out, &a.title)?;
    }
    if let Some(published) = a.published {
        write!(out, ",\"published\":\"{published}\"")?;
    }
    if let Some(url) = &a.url {
        out.write_all(b",\"url\":")?;
        serde_json::to_writer(&mut *out, url)?;
    }
    Ok(())
}

/// The training summary, on standard error.
pub fn trained(model: &TopicModel, out: &Path) {
    let s = model.summary();
    let cal = model.calibration();
    eprintln!(
        "newsline: trained on {} articles ({}), {} terms; held-out (leave-one-out) accuracy {:.3}, \
         default --min-confidence {:.2}; wrote {}",
        s.documents,
        model
            .labels()
            .iter()
            .zip(&s.documents_per_label)
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        model.vocabulary().len(),
        cal.held_out_accuracy,
        cal.min_confidence,
        out.display()
    );
}

/// A model's scores on held-out articles.
pub fn scores(
    out: &mut impl Write,
    model_name: &str,
    prior: &newsline::model::StreamPrior,
    articles: usize,
    m: &Metrics,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(m)?)?;
    } else {
        writeln!(
            out,
            "model {model_name} on {articles} held-out articles (stream prior {})",
            prior.display()
        )?;
        write!(out, "{}", m.to_table())?;
    }
    Ok(())
}

/// The scores of `evaluate --events`: a table, or JSON with every miss and false alarm.
pub fn date_scores(
    out: &mut impl Write,
    s: &newsline::evaluate::dates::DateScores,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(s)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} passages ({} with a publication date)\n",
        s.passages, s.with_published
    )?;
    writeln!(
        out,
        "{:<34} {:>6} {:>6} {:>7} {:>7} {:>9}",
        "measure", "gold", "found", "matched", "recall", "precision"
    )?;
    let rows = [
        ("day and month", &s.day_month),
        ("full dates (with published)", &s.full_dates),
        ("exact value (all)", &s.exact),
        ("ranges and weeks", &s.ranges),
    ];
    for (name, sc) in rows {
        writeln!(
            out,
            "{:<34} {:>6} {:>6} {:>7} {:>7.3} {:>9.3}",
            name, sc.gold, sc.found, sc.matched, sc.recall, sc.precision
        )?;
    }
    writeln!(
        out,
        "{:<34} {:>6} {:>6} {:>7} {:>7.3}",
        "roles (of matched dates)", s.roles.gold, "", s.roles.matched, s.roles.recall
    )?;
    writeln!(
        out,
        "{:<34} {:>6} {:>6} {:>7} {:>7.3}",
        "negatives read as dates", s.negatives.gold, "", s.negatives.matched, s.negatives.recall
    )?;
    writeln!(
        out,
        "\nper form (recall by the gold's form, precision by the grammar's):"
    )?;
    for (form, sc) in &s.forms {
        writeln!(
            out,
            "{:<34} {:>6} {:>6} {:>7} {:>7.3} {:>9.3}",
            form, sc.gold, sc.found, sc.matched, sc.recall, sc.precision
        )?;
    }
    Ok(())
}

/// The scores of merging happenings (`evaluate --happenings`).
pub fn happening_scores(
    out: &mut impl Write,
    model_name: &str,
    merge: &newsline::events::MergeOptions,
    s: &newsline::evaluate::happenings::HappeningScores,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(s)?)?;
        return Ok(());
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    writeln!(
        out,
        "happenings of {} articles (model {model_name}, merge threshold {})",
        s.articles, merge.threshold
    )?;
    writeln!(
        out,
        "events: {} found, {} after merging; gold mentions found: {} of {}",
        s.events_before, s.events_after, s.mentions_found, s.mentions
    )?;
    writeln!(
        out,
        "same happening, pairwise: precision {:.3}  recall {:.3}  F1 {:.3}",
        s.precision, s.recall, f1
    )?;
    writeln!(
        out,
        "clusters as exactly one event: {} of {} ({:.1}%); with every report found: {} ({:.1}%)",
        s.clusters_one_event,
        s.clusters,
        pct(s.clusters_one_event, s.clusters),
        s.clusters_one_event_all_found,
        pct(s.clusters_one_event_all_found, s.clusters)
    )?;
    if !s.clusters_split.is_empty() {
        let list: Vec<String> = s
            .clusters_split
            .iter()
            .map(|(id, n)| format!("{id} ({n} events)"))
            .collect();
        writeln!(out, "  not one event: {}", list.join(", "))?;
    }
    writeln!(
        out,
        "near-miss pairs merged: {} of {}{}",
        s.near_miss_merged.len(),
        s.near_miss_pairs,
        if s.near_miss_merged.is_empty() {
            String::new()
        } else {
            format!(" ({})", s.near_miss_merged.join(", "))
        }
    )?;
    Ok(())
}

/// The result of cross-validating `params` with `k` folds.
pub fn cross_validation(
    out: &mut impl Write,
    k: usize,
    articles: usize,
    params: &ValidTrainParams,
    cv: &CrossValidation,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "folds": k,
                "settings": params,
                "metrics": cv.metrics,
                "argmax_metrics": cv.argmax_metrics,
                "fold_macro_f1": cv.fold_macro_f1,
                "errors": cv.errors,
            }))?
        )?;
    } else {
        writeln!(
            out,
            "{k}-fold stratified cross-validation on {articles} articles"
        )?;
        writeln!(out, "settings: {}", serde_json::to_string(params)?)?;
        writeln!(
            out,
            "fold macro-F1: {:?}\n",
            cv.fold_macro_f1
                .iter()
                .map(|f| format!("{f:.4}"))
                .collect::<Vec<_>>()
        )?;
        write!(out, "{}", cv.metrics.to_table())?;
        writeln!(
            out,
            "\nwithout the confidence threshold: accuracy {:.4}, macro-F1 {:.4}",
            cv.argmax_metrics.accuracy, cv.argmax_metrics.macro_f1
        )?;
    }
    Ok(())
}

/// How one article's page splits into body and boilerplate, one line per paragraph.
pub fn page(out: &mut impl Write, a: &Article, paragraphs: &[Paragraph]) -> std::io::Result<()> {
    writeln!(out, "== {} | {}", a.id, a.title)?;
    for p in paragraphs {
        let short: String = p.text.chars().take(90).collect();
        writeln!(
            out,
            "{:>4} {:<12} {}",
            p.line + 1,
            format!("{:?}", p.kind),
            short
        )?;
    }
    Ok(())
}

/// Tells how many JSON lines and pages `--skip-invalid` skipped, and the first few.
pub fn skipped(skipped: &Skipped) {
    if skipped.count > 0 {
        eprintln!(
            "newsline: skipped {} invalid line(s) or page(s); first: {}",
            skipped.count,
            skipped
                .first
                .iter()
                .map(|(at, why)| format!("{at} ({why})"))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
}

/// A progress bar on standard error that appears only after a second and only on a terminal.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A hidden bar for `what` ("classifying"), shown once the run takes a second.
    pub fn new(what: &'static str) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(what);
        Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// Reports `docs` articles and `bytes` bytes done so far.
    pub fn update(&self, docs: u64, bytes: u64) {
        if !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() > Duration::from_secs(1)
            && std::io::stderr().is_terminal()
        {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        self.bar.set_message(format!(
            "{docs} articles, {:.1} MB ({:.1} MB/s)",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        ));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// What an export left out, on standard error: events without a year (TimelineJS would sort
/// them first) and events labelled `other` (no topic to group them by).
pub fn left_out(yearless: usize, other: usize) {
    if yearless > 0 {
        eprintln!(
            "newsline: left out {yearless} event(s) without a known year (TimelineJS would put \
             them first); `newsline events --format json` lists them"
        );
    }
    if other > 0 {
        eprintln!("newsline: left out {other} event(s) labelled other (no topic to group them by)");
    }
}
