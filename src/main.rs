//! The `newsline` command: parses arguments, calls one library function, prints.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use newsline::corpus::{read_all, ArticleReader, ReadOptions};
use newsline::evaluate::{cross_validate, evaluate_model};
use newsline::model::{FitHooks, FitProgress, TopicModel, TrainParams};
use newsline::stream::process_in_order;
use newsline::{Error, Result};

static CANCEL: AtomicBool = AtomicBool::new(false);

/// Topic classification, dated events and timeline charts for Vietnamese news.
///
/// newsline learns topics (cybersecurity, summits, space, and everything else as `other`)
/// from labelled articles, tells which topic a new article is about and how sure it is, finds
/// the dated events inside articles and draws them as a timeline picture.
///
/// Input: a .txt file is one article (its first non-empty line is the title); a .jsonl file
/// holds one article per line ({"id","title","text","published","label"}, only "text"
/// required); a folder is read recursively; - reads JSON lines from standard input.
#[derive(Parser)]
#[command(name = "newsline", version, about, long_about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
}

const EXAMPLES: &str = "Examples:
  newsline classify examples/                     label every article in a folder
  newsline classify --format table --explain a.txt
  newsline events --published 2024-03-30 page.txt
  newsline timeline -o charts/briefing.png examples/
  newsline train --data training/ --out models/topics.json
  newsline evaluate --data tests/data/heldout.jsonl";

#[derive(Subcommand)]
enum Command {
    /// Train a topic model from labelled articles.
    ///
    /// Labels come from each JSON line's "label" field, or from the folder name in a
    /// LABEL/*.txt tree. The model is written atomically: an interrupted run leaves the old
    /// file intact.
    Train(TrainArgs),
    /// Tell which topic each article is about, and how sure the model is.
    Classify(ClassifyArgs),
    /// Find the dated events in articles: one labelled, dated event per happening.
    ///
    /// Scraped pages are cut down to their article body (related news, trending lists,
    /// horoscopes and footers are dropped). A date without a year takes it from the same
    /// paragraph, else from the publication date (--published, the article's "published", or
    /// a dateline at the top of the page).
    Events(EventsArgs),
    /// Draw the labelled events of articles on a timeline picture (PNG, or SVG for *.svg).
    ///
    /// One lane per topic (other is never drawn); month- and year-precision events are drawn
    /// as spans. The picture is written to a temporary file and renamed, so a failed run never
    /// leaves a broken picture. With no topic events, nothing is written.
    Timeline(TimelineArgs),
    /// Score a model on labelled data, or cross-validate training settings (--folds).
    Evaluate(EvaluateArgs),
    /// Show how a page is split into body and boilerplate (for checking scraped input).
    #[command(hide = true)]
    Page {
        /// Articles to analyse.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Args, Clone)]
struct InputArgs {
    /// Replace invalid UTF-8 with U+FFFD instead of stopping.
    #[arg(long)]
    lossy: bool,
    /// Skip JSON lines that cannot be used (counted and reported at the end) instead of
    /// stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
}

#[derive(Args, Clone, Default)]
struct SettingsArgs {
    /// Keep diacritics instead of folding them (default: fold, so "an ninh mang" matches
    /// "an ninh mạng").
    #[arg(long)]
    keep_diacritics: bool,
    /// Longest n-gram in syllables [default: 3].
    #[arg(long, value_name = "N")]
    ngram_max: Option<usize>,
    /// Shortest n-gram in syllables [default: 1].
    #[arg(long, value_name = "N")]
    ngram_min: Option<usize>,
    /// Minimum number of documents a token must appear in [default: 2].
    #[arg(long, value_name = "N")]
    min_df: Option<u32>,
    /// Maximum vocabulary size [default: 30000].
    #[arg(long, value_name = "N")]
    max_features: Option<usize>,
    /// Naive Bayes smoothing [default: 0.02].
    #[arg(long, value_name = "A")]
    alpha: Option<f64>,
    /// How many times title tokens count [default: 3].
    #[arg(long, value_name = "N")]
    title_weight: Option<u32>,
    /// Position decay of body tokens in characters, 0 for off [default: 0].
    #[arg(long, value_name = "CHARS")]
    position_decay: Option<f64>,
    /// Count ln(1 + count) instead of raw counts [default: off].
    #[arg(long, value_name = "BOOL")]
    sublinear_tf: Option<bool>,
    /// Most distinct tokens tracked while counting; beyond it the rarest are pruned, which
    /// keeps training memory flat on huge corpora [default: 1000000].
    #[arg(long, value_name = "N")]
    max_candidates: Option<usize>,
    /// Training documents sampled to calibrate confidence [default: 2000].
    #[arg(long, value_name = "N")]
    calibration_sample: Option<usize>,
    /// Labels, comma-separated [default: cybersecurity,summits,space,other].
    #[arg(long, value_delimiter = ',', value_name = "L,L,...")]
    labels: Option<Vec<String>>,
}

impl SettingsArgs {
    fn apply(&self, mut p: TrainParams) -> TrainParams {
        if self.keep_diacritics {
            p = p.fold_diacritics(false);
        }
        if let Some(v) = self.ngram_max {
            p = p.ngram_max(v);
        }
        if let Some(v) = self.ngram_min {
            p = p.ngram_min(v);
        }
        if let Some(v) = self.min_df {
            p = p.min_df(v);
        }
        if let Some(v) = self.max_features {
            p = p.max_features(v);
        }
        if let Some(v) = self.alpha {
            p = p.alpha(v);
        }
        if let Some(v) = self.title_weight {
            p = p.title_weight(v);
        }
        if let Some(v) = self.position_decay {
            p = p.position_decay(v);
        }
        if let Some(v) = self.sublinear_tf {
            p = p.sublinear_tf(v);
        }
        if let Some(v) = self.max_candidates {
            p = p.max_candidates(v);
        }
        if let Some(v) = self.calibration_sample {
            p = p.calibration_sample(v);
        }
        if let Some(v) = &self.labels {
            p = p.labels(v.clone());
        }
        p
    }
}

#[derive(Args)]
struct TrainArgs {
    /// Labelled training data: .jsonl files, LABEL/*.txt trees, folders.
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "models/topics.json", value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum ClassifyFormat {
    /// One JSON object per article.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
    /// Aligned columns for reading.
    Table,
}

#[derive(Args)]
struct ModelArgs {
    /// Model file (default: the model compiled into newsline).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

impl ModelArgs {
    fn load(&self) -> Result<(TopicModel, String)> {
        match &self.model {
            Some(p) => Ok((TopicModel::load(p)?, p.display().to_string())),
            None if newsline::BUILTIN_MODEL.is_empty() => Err(Error::Model {
                path: "<built-in>".into(),
                message: "this build has no built-in model; pass --model".into(),
            }),
            None => Ok((TopicModel::builtin()?, "built-in".to_string())),
        }
    }
}

fn parse_confidence(s: &str) -> std::result::Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("\"{s}\" is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0..1"))
    }
}

#[derive(Args)]
struct ClassifyArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Json)]
    format: ClassifyFormat,
    /// Also show the terms that pushed each decision most.
    #[arg(long)]
    explain: bool,
    /// Report a topic below this confidence as `other` (default: the model's, chosen by
    /// cross-validation).
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    min_confidence: Option<f64>,
    #[command(flatten)]
    input: InputArgs,
    /// Articles: files, folders, or - for JSON lines on standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum EventsFormat {
    /// One JSON object per event.
    Json,
    /// Comma-separated values with a header line.
    Csv,
}

fn parse_date(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    newsline::corpus::parse_published(s)
        .ok_or_else(|| format!("\"{s}\" is not a date like 2024-03-30"))
}

#[derive(Args)]
struct EventArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Publication date for every article (default: each article's own "published", or a
    /// dateline at the top of the page).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    published: Option<chrono::NaiveDate>,
    /// Report a paragraph's topic below this confidence as `other` (default: the model's).
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    min_confidence: Option<f64>,
    /// Keep only events with these labels, comma-separated (e.g. cybersecurity,space).
    #[arg(long, value_delimiter = ',', value_name = "L,L,...")]
    labels: Option<Vec<String>>,
    #[command(flatten)]
    input: InputArgs,
    /// Articles: files, folders, or - for JSON lines on standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Args)]
struct EventsArgs {
    #[command(flatten)]
    common: EventArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventsFormat::Json)]
    format: EventsFormat,
}

#[derive(Args)]
struct TimelineArgs {
    #[command(flatten)]
    common: EventArgs,
    /// Output picture: charts/NAME.png (or .svg).
    #[arg(short = 'o', long = "out", required = true, value_name = "FILE")]
    out: PathBuf,
    /// Title (default: built from the events' date span).
    #[arg(long)]
    title: Option<String>,
    /// Picture width in pixels.
    #[arg(long, default_value_t = 1600)]
    width: u32,
    /// Picture height in pixels.
    #[arg(long, default_value_t = 900)]
    height: u32,
    /// Draw only events from this date on (e.g. to leave out background history).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    from: Option<chrono::NaiveDate>,
    /// Draw only events up to this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    to: Option<chrono::NaiveDate>,
    /// The inputs are events files written by `newsline events --format json`, not articles.
    #[arg(long, conflicts_with_all = ["model", "published", "min_confidence", "lossy", "skip_invalid"])]
    from_events: bool,
}

#[derive(Args)]
struct EvaluateArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Labelled data to score on (never the model's own training data).
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Cross-validate: train K models on K-1 folds of --data with the model's settings (as
    /// changed by the settings flags) and score each on its held-out fold.
    #[arg(long, value_name = "K")]
    folds: Option<usize>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Confidence threshold (default: the model's).
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    min_confidence: Option<f64>,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    input: InputArgs,
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "newsline: internal error: {msg} (please report this with the input that caused it)"
        );
    }));
    // A write beyond the file-size limit should fail with an error we report, not kill the
    // process with SIGXFSZ half-way through a file.
    #[cfg(unix)]
    // SAFETY: setting a signal to be ignored, before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        if n == 0 {
            eprintln!("newsline: --threads must be at least 1");
            return ExitCode::from(2);
        }
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let result = match cli.command {
        Command::Train(a) => train(a),
        Command::Classify(a) => classify(a),
        Command::Events(a) => events(a),
        Command::Timeline(a) => timeline(a),
        Command::Evaluate(a) => evaluate(a),
        Command::Page { paths } => page(paths),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report_error(e),
    }
}

fn report_error(e: anyhow::Error) -> ExitCode {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    if let Some(Error::Interrupted) = e.downcast_ref::<Error>() {
        eprintln!("newsline: interrupted; output written so far is complete");
        return ExitCode::from(130);
    }
    if let Some(Error::Setting { setting, problem }) = e.downcast_ref::<Error>() {
        eprintln!(
            "newsline: error: invalid settings: {} {}",
            flag_of(setting),
            flags_in(problem)
        );
        return ExitCode::FAILURE;
    }
    eprintln!("newsline: error: {e}");
    // newsline's own errors already say their cause; others get their chain.
    if e.downcast_ref::<Error>().is_none() {
        for cause in e.chain().skip(1) {
            eprintln!("  caused by: {cause}");
        }
    }
    ExitCode::FAILURE
}

/// The command-line flag of a library setting (see [`Error::Setting`]).
fn flag_of(setting: &str) -> String {
    match setting {
        "fold_diacritics" => "--keep-diacritics".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

/// `problem` with the library's names of settings (those spelt with `_`) as flags.
fn flags_in(problem: &str) -> String {
    problem
        .split(' ')
        .map(|word| {
            let name = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            if name.contains('_') && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                word.replace(name, &flag_of(name))
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

type CliResult = std::result::Result<(), anyhow::Error>;

/// A progress bar on standard error that appears only after a second and only on a terminal.
struct Progress {
    bar: ProgressBar,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    fn new(what: &'static str) -> Self {
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

    fn update(&self, docs: u64, bytes: u64) {
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

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn read_options(input: &InputArgs, label_from_folder: bool) -> ReadOptions {
    ReadOptions {
        lossy: input.lossy,
        skip_invalid: input.skip_invalid,
        label_from_folder,
    }
}

fn report_skipped(reader_skipped: &newsline::corpus::Skipped) {
    if reader_skipped.count > 0 {
        eprintln!(
            "newsline: skipped {} invalid line(s); first: {}",
            reader_skipped.count,
            reader_skipped
                .first
                .iter()
                .map(|(at, why)| format!("{at} ({why})"))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
}

fn train(args: TrainArgs) -> CliResult {
    let params = args.settings.apply(TrainParams::default()).check()?;
    let mut reader = ArticleReader::open(&args.data, read_options(&args.input, true))?;
    let progress = Progress::new("training");
    let on_progress = |p: FitProgress| progress.update(p.documents, p.bytes);
    let hooks = FitHooks {
        progress: Some(&on_progress),
        cancel: Some(&CANCEL),
    };
    let model = params.fit(reader.by_ref(), &hooks);
    progress.finish();
    let model = model?;
    report_skipped(reader.skipped());
    model.save(&args.out)?;
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
        args.out.display()
    );
    Ok(())
}

fn classify(args: ClassifyArgs) -> CliResult {
    let (model, _) = args.model.load()?;
    let mut reader = ArticleReader::open(&args.paths, read_options(&args.input, false))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let labels = model.labels().to_vec();
    match args.format {
        ClassifyFormat::Tsv => {
            write!(out, "id\tlabel\tconfidence")?;
            for l in &labels {
                write!(out, "\t{l}")?;
            }
            writeln!(out)?;
        }
        ClassifyFormat::Table => {
            writeln!(out, "{:<40} {:<14} {:>10}", "id", "label", "confidence")?;
        }
        ClassifyFormat::Json => {}
    }
    let progress = Progress::new("classifying");
    let (mut docs, mut bytes) = (0u64, 0u64);
    let explain = args.explain;
    let min_conf = args.min_confidence;
    let result = process_in_order(
        &mut reader,
        Some(&CANCEL),
        || model.analyzer(),
        |analyzer, a| {
            let body = newsline::page::lead_text(&a.text);
            let p = model.predict(analyzer, &a.title, &body);
            let why = if explain {
                model.explain(analyzer, &a.title, &body, 8)
            } else {
                Vec::new()
            };
            (p, why)
        },
        |a, (p, why)| {
            let d = model.decide(&p, min_conf);
            docs += 1;
            bytes += (a.title.len() + a.text.len()) as u64;
            let write = |out: &mut BufWriter<_>| -> std::io::Result<()> {
                match args.format {
                    ClassifyFormat::Json => {
                        // Written field by field: building a JSON value per article cost more
                        // than classifying it.
                        out.write_all(b"{\"id\":")?;
                        serde_json::to_writer(&mut *out, &a.id)?;
                        write!(
                            out,
                            ",\"label\":\"{}\",\"confidence\":{}",
                            labels[d.label],
                            round6(d.confidence)
                        )?;
                        out.write_all(b",\"scores\":{")?;
                        for (i, (l, pr)) in labels.iter().zip(&p.probabilities).enumerate() {
                            let sep = if i == 0 { "" } else { "," };
                            write!(out, "{sep}\"{l}\":{}", round6(*pr))?;
                        }
                        out.write_all(b"}")?;
                        if d.rejected {
                            write!(out, ",\"rejected_topic\":\"{}\"", labels[p.best])?;
                        }
                        if explain {
                            out.write_all(b",\"explain\":[")?;
                            for (i, c) in why.iter().enumerate() {
                                if i > 0 {
                                    out.write_all(b",")?;
                                }
                                out.write_all(b"{\"term\":")?;
                                serde_json::to_writer(&mut *out, &c.term)?;
                                write!(out, ",\"weight\":{}}}", round6(c.weight))?;
                            }
                            out.write_all(b"]")?;
                        }
                        out.write_all(b"}\n")
                    }
                    ClassifyFormat::Tsv => {
                        write!(
                            out,
                            "{}\t{}\t{:.4}",
                            a.id.replace('\t', " "),
                            labels[d.label],
                            d.confidence
                        )?;
                        for pr in &p.probabilities {
                            write!(out, "\t{pr:.4}")?;
                        }
                        writeln!(out)
                    }
                    ClassifyFormat::Table => {
                        writeln!(
                            out,
                            "{:<40} {:<14} {:>10.3}",
                            shorten(&a.id, 40),
                            labels[d.label],
                            d.confidence
                        )?;
                        if explain {
                            let terms: Vec<String> = why
                                .iter()
                                .map(|c| format!("{} ({:+.2})", c.term, c.weight))
                                .collect();
                            writeln!(out, "    because: {}", terms.join(", "))?;
                        }
                        Ok(())
                    }
                }
            };
            write(&mut out).map_err(|e| Error::io("<stdout>", "cannot write", e))?;
            progress.update(docs, bytes);
            Ok(())
        },
    );
    progress.finish();
    out.flush()
        .map_err(|e| Error::io("<stdout>", "cannot write", e))?;
    report_skipped(reader.skipped());
    match result {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Finds the events of every article in parallel, handing them to `sink` in input order.
fn collect_events(
    args: &EventArgs,
    model: &TopicModel,
    mut sink: impl FnMut(Vec<newsline::events::Event>) -> newsline::Result<()>,
) -> CliResult {
    if let Some(labels) = &args.labels {
        for l in labels {
            if model.label_index(l).is_none() {
                return Err(Error::Settings(format!(
                    "--labels names \"{l}\", which the model does not know (it has: {})",
                    model.labels().join(", ")
                ))
                .into());
            }
        }
    }
    let options = newsline::events::EventOptions {
        published: args.published,
        min_confidence: args.min_confidence,
        labels: args.labels.clone(),
        ..Default::default()
    };
    let mut reader = ArticleReader::open(&args.paths, read_options(&args.input, false))?;
    let progress = Progress::new("finding events");
    let (mut docs, mut bytes) = (0u64, 0u64);
    let result = process_in_order(
        &mut reader,
        Some(&CANCEL),
        || model.analyzer(),
        |analyzer, a| newsline::events::find_events(model, analyzer, a, &options),
        |a, events| {
            docs += 1;
            bytes += a.text.len() as u64;
            progress.update(docs, bytes);
            sink(events)
        },
    );
    progress.finish();
    report_skipped(reader.skipped());
    match result {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn events(args: EventsArgs) -> CliResult {
    let (model, _) = args.common.model.load()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.format == EventsFormat::Csv {
        writeln!(
            out,
            "id,date,precision,label,confidence,title,source,text,year_known"
        )?;
    }
    let format = args.format;
    collect_events(&args.common, &model, |events| {
        let write = |out: &mut BufWriter<_>| -> std::io::Result<()> {
            for e in &events {
                let precision = match e.date.precision {
                    newsline::events::Precision::Day => "day",
                    newsline::events::Precision::Month => "month",
                    newsline::events::Precision::Year => "year",
                };
                match format {
                    EventsFormat::Json => {
                        let obj = serde_json::json!({
                            "id": e.id,
                            "date": e.date_string(),
                            "precision": precision,
                            "label": e.label,
                            "confidence": round6(e.confidence),
                            "title": e.title,
                            "source": e.source,
                            "text": e.text,
                            "year_known": e.year_known,
                        });
                        writeln!(out, "{obj}")?;
                    }
                    EventsFormat::Csv => {
                        writeln!(
                            out,
                            "{},{},{},{},{:.4},{},{},{},{}",
                            csv_field(&e.id),
                            e.date_string(),
                            precision,
                            e.label,
                            e.confidence,
                            csv_field(&e.title),
                            csv_field(&e.source),
                            csv_field(&e.text),
                            e.year_known
                        )?;
                    }
                }
            }
            out.flush()
        };
        write(&mut out).map_err(|e| Error::io("<stdout>", "cannot write", e))
    })
}

/// Reads events written by `newsline events --format json`, naming the file and line of any
/// line that is not such an event.
fn read_event_files(paths: &[PathBuf]) -> Result<(Vec<newsline::events::Event>, usize)> {
    use newsline::events::{Event, EventDate, Precision};
    let mut events = Vec::new();
    let mut sources = std::collections::BTreeSet::new();
    for path in newsline::corpus::expand_paths(paths)? {
        let at = newsline::Location::file(&path);
        let text = if path.as_os_str() == "-" {
            newsline::corpus::read_to_string(std::io::stdin(), &at, false)?
        } else {
            let bytes =
                std::fs::read(&path).map_err(|e| Error::io(&path, "cannot read file", e))?;
            newsline::corpus::decode(&bytes, &at, false)?.into_owned()
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let loc = newsline::Location::line(&path, i as u64 + 1);
            let bad = |m: &str| {
                Error::input(
                    loc.clone(),
                    format!(
                        "{m}; expected an event line written by `newsline events --format json`"
                    ),
                )
            };
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| bad(&format!("not valid JSON ({e})")))?;
            let get = |k: &str| {
                v.get(k)
                    .and_then(|x| x.as_str())
                    .ok_or_else(|| bad(&format!("missing string field \"{k}\"")))
            };
            let precision = match get("precision")? {
                "day" => Precision::Day,
                "month" => Precision::Month,
                "year" => Precision::Year,
                other => {
                    return Err(bad(&format!(
                        "precision \"{other}\" is not day, month or year"
                    )))
                }
            };
            let date_text = get("date")?;
            let year_known = v
                .get("year_known")
                .and_then(|x| x.as_bool())
                .unwrap_or(true);
            let date = if year_known {
                EventDate::parse_iso(date_text).filter(|d| d.precision == precision)
            } else {
                None
            };
            let Some(date) = date else {
                if year_known {
                    return Err(bad(&format!(
                        "date \"{date_text}\" does not match precision"
                    )));
                }
                continue; // no year: cannot be placed on a timeline
            };
            let id = get("id")?.to_string();
            sources.insert(id.clone());
            events.push(Event {
                id,
                date,
                label: get("label")?.to_string(),
                confidence: v.get("confidence").and_then(|x| x.as_f64()).unwrap_or(0.0),
                title: get("title")?.to_string(),
                source: get("source").unwrap_or_default().to_string(),
                text: get("text").unwrap_or_default().to_string(),
                year_known,
            });
        }
    }
    Ok((events, sources.len()))
}

fn timeline(args: TimelineArgs) -> CliResult {
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let svg = match ext.as_deref() {
        Some("png") => false,
        Some("svg") => true,
        _ => {
            return Err(Error::Settings(format!(
                "-o {}: the picture must be named *.png or *.svg",
                args.out.display()
            ))
            .into())
        }
    };
    let (events, sources, model_name) = if args.from_events {
        let (events, sources) = read_event_files(&args.common.paths)?;
        (events, sources, "from events file".to_string())
    } else {
        let (model, name) = args.common.model.load()?;
        let mut all = Vec::new();
        let mut articles = 0usize;
        collect_events(&args.common, &model, |events| {
            articles += 1;
            all.extend(events);
            Ok(())
        })?;
        (all, articles, name)
    };
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            return Err(Error::Settings(format!("--from {from} is after --to {to}")).into());
        }
    }
    // Events without a known year cannot be placed; they are listed by `newsline events`.
    // A month or year span is kept when it overlaps the --from/--to window.
    let placed: Vec<_> = events
        .into_iter()
        .filter(|e| e.year_known)
        .filter(|e| args.from.is_none_or(|f| e.date.end() >= f))
        .filter(|e| args.to.is_none_or(|t| e.date.start() <= t))
        .collect();
    let options = newsline::report::TimelineOptions {
        width: args.width,
        height: args.height,
        title: args.title.clone(),
        footer: format!(
            "Nguồn: {sources} bài · mô hình: {model_name} · newsline {}",
            env!("CARGO_PKG_VERSION")
        ),
        ..Default::default()
    };
    let bytes = if svg {
        newsline::report::render_svg(&placed, &options).map(String::into_bytes)
    } else {
        newsline::report::render_png(&placed, &options)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(newsline::report::ReportError::NoEvents) => {
            return Err(Error::Data(format!(
                "no topic events found in {sources} source(s); no picture written to {}",
                args.out.display()
            ))
            .into())
        }
        Err(e) => return Err(Error::Data(format!("cannot draw the timeline: {e}")).into()),
    };
    newsline::output::write_atomic(&args.out, &bytes)?;
    let topic = placed
        .iter()
        .filter(|e| e.label != newsline::model::OTHER)
        .count();
    eprintln!(
        "newsline: drew {topic} topic events from {sources} source(s) into {}",
        args.out.display()
    );
    Ok(())
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn shorten(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        let tail: String = s.chars().skip(count - (n - 1)).collect();
        format!("…{tail}")
    }
}

fn evaluate(args: EvaluateArgs) -> CliResult {
    let (articles, skipped) = read_all(&args.data, read_options(&args.input, true))?;
    report_skipped(&skipped);
    if articles.is_empty() {
        return Err(Error::Data("no articles to evaluate".into()).into());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.folds {
        Some(k) => {
            // The built-in model is trained with the default settings, so those are the base
            // unless a model file is named.
            let base = match &args.model.model {
                Some(p) => TrainParams::from(TopicModel::load(p)?.params().clone()),
                None => TrainParams::default(),
            };
            let params = args.settings.apply(base).check()?;
            let cv = cross_validate(&params, &articles, k)?;
            if args.json {
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
                    "{k}-fold stratified cross-validation on {} articles",
                    articles.len()
                )?;
                writeln!(out, "settings: {}", serde_json::to_string(&params)?)?;
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
        }
        None => {
            let (model, name) = args.model.load()?;
            let m = evaluate_model(&model, &articles, args.min_confidence)?;
            if args.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&m)?)?;
            } else {
                writeln!(out, "model {name} on {} held-out articles", articles.len())?;
                write!(out, "{}", m.to_table())?;
            }
        }
    }
    Ok(())
}

fn page(paths: Vec<PathBuf>) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for item in ArticleReader::open(&paths, ReadOptions::default())? {
        let a = item?;
        writeln!(out, "== {} | {}", a.id, a.title)?;
        for p in newsline::page::analyze(&a.text) {
            let short: String = p.text.chars().take(90).collect();
            writeln!(
                out,
                "{:>4} {:<12} {}",
                p.line + 1,
                format!("{:?}", p.kind),
                short
            )?;
        }
    }
    Ok(())
}
