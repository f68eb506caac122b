//! The command line as clap sees it: every command, flag, default and help text. Scripts
//! depend on these names (see the command-line contract in DESIGN.md), so they change only
//! with a deprecation path. Nothing here does any work: [`super::config`] turns these into a
//! plain configuration per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newsline::model::StreamPrior;

/// Topic classification, dated events and timeline charts for Vietnamese news.
///
/// newsline learns topics (cybersecurity, summits, space, and everything else as `other`)
/// from labelled articles, tells which topic a new article is about and how sure it is, finds
/// the dated events inside articles and draws them as a timeline picture.
///
/// Input: a saved web page (.html, .htm, .html.gz) is one article, its body, headline,
/// publication date and address read from the page; a .txt file is one article (its first
/// non-empty line is the title); a .jsonl file holds one article per line
/// ({"id","title","text" or "html","published","url","label"}, only "text" or "html"
/// required); a folder is read recursively; - reads JSON lines from standard input.
#[derive(Parser)]
#[command(name = "newsline", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
}

const EXAMPLES: &str = "Examples:
  newsline classify examples/                     label every article in a folder
  newsline classify --format table --explain a.txt
  newsline events --published 2024-03-30 page.txt
  newsline timeline -o charts/briefing.png examples/
  newsline extract saved-pages/ > corpus.jsonl     saved web pages as JSON lines
  newsline train --data training/ --out models/topics.json
  newsline evaluate --data tests/data/heldout.jsonl";

#[derive(Subcommand)]
pub enum Command {
    /// Train a topic model from labelled articles.
    ///
    /// Labels come from each JSON line's "label" field, or from the folder name in a
    /// LABEL/*.txt tree. The model is written atomically: an interrupted run leaves the old
    /// file intact.
    Train(TrainArgs),
    /// Tell which topic each article is about, and how sure the model is.
    ///
    /// Decisions assume a real stream of news, mostly about none of the topics (see --prior).
    /// An article truly about a second topic names it in "also" (a topic its paragraphs give at
    /// least a quarter of the text); --explain shows the terms behind both.
    Classify(ClassifyArgs),
    /// Find the dated events in articles: one labelled, dated event per happening.
    ///
    /// Scraped pages are cut down to their article body (related news, trending lists,
    /// horoscopes and footers are dropped). A date without a year takes it from the same
    /// paragraph, else from the publication date (--published, the article's "published", or
    /// a dateline at the top of the page).
    Events(EventsArgs),
    /// Draw the happenings of articles on a timeline picture (PNG, or SVG for *.svg).
    ///
    /// One lane per topic (other is never drawn); month- and year-precision events are drawn
    /// as spans, except a month or year whose own sentence also gives a day inside it ("Sáng
    /// 22/5, ... Chủ tịch luân phiên tháng 5/2020"): that sentence is drawn once, on its day
    /// (`newsline events` lists both). Reports of one happening from several articles are one marker, larger the
    /// more sources report it, labelled with its headline and "(N nguồn)". Planned events
    /// (ahead of publication) are drawn hollow; background (history the articles cite) is left
    /// out unless --background is given.
    ///
    /// The window, without --from/--to: the events that lie within 30 days of the publication
    /// date of an article that reports them (not the history the articles cite, nor what they
    /// plan years ahead). An article without a publication date counts as published on the
    /// middle one of its own day-precise events; articles published far from the others are
    /// left out (farther from the median publication date than 30 days and three times the
    /// median distance to it).
    ///
    /// The picture is written to a temporary file and renamed, so a failed run never leaves a
    /// broken picture. With no topic events, nothing is written.
    Timeline(TimelineArgs),
    /// Score a model on labelled data, or cross-validate training settings (--folds).
    Evaluate(EvaluateArgs),
    /// Print articles as the JSON lines every command reads: saved pages become a corpus.
    #[command(long_about = EXTRACT_ABOUT, after_help = EXTRACT_EXAMPLES)]
    Extract(ExtractArgs),
    /// Show how a page is split into body and boilerplate (for checking scraped input).
    #[command(hide = true)]
    Page {
        /// Articles to analyse.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

const EXTRACT_ABOUT: &str = "Print articles as the JSON lines every command reads.

Each input article becomes one line {\"id\",\"title\",\"published\",\"url\",\"site_name\",\"text\"}
(fields without a value are left out). For a saved web page (.html, .htm, .html.gz) that is
its main text, one paragraph a line, without menus, captions, footers and lists of links (the
page stage of the other commands drops what is left of related-news and trending blocks);
its headline (og:title or the <h1>, not the <title> with the site's name); its address (the
canonical link or og:url); its outlet (og:site_name or the JSON-LD publisher); and its
publication date, the first of:
article:published_time, the JSON-LD article's datePublished, a <time datetime>, a pubdate meta
tag, a byline next to the headline (\"Thứ Sáu, 14/6/2024 - 06:45\"), a date in the address. A
timestamp gives the page's local date; a UTC one is moved to Vietnam time (+07:00) first.

The page's declared charset is honoured (a byte-order mark, <meta charset>, http-equiv), so
Windows-1258 and other legacy pages read correctly; --lossy replaces bytes that are invalid in
it. A page with nothing readable (empty, binary, a home or section page with no article) is an
error naming the file; --skip-invalid skips such pages and reports them at the end.

Text files and JSON lines pass through, so the output can be read again by classify, events,
timeline, train and evaluate, or labelled by hand first.";

const EXTRACT_EXAMPLES: &str = "Examples:
  newsline extract saved/ > corpus.jsonl              a folder of saved pages as a corpus
  newsline extract --skip-invalid saved/ > c.jsonl    leave out home pages and broken files
  newsline extract page.html | jq .published           the date newsline reads from a page
  crawler-output.jsonl has {\"url\",\"html\"} lines:  newsline extract crawler-output.jsonl";

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per article, as the other commands read it.
    Json,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub input: InputArgs,
    /// Articles: saved pages, text files, JSON lines, folders, or - for JSON lines on
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Clone)]
pub struct InputArgs {
    /// Replace invalid UTF-8 (or bytes invalid in a page's declared charset) with U+FFFD
    /// instead of stopping.
    #[arg(long)]
    pub lossy: bool,
    /// Skip JSON lines and saved pages that cannot be used (counted and reported at the end)
    /// instead of stopping at the first.
    #[arg(long)]
    pub skip_invalid: bool,
}

#[derive(Args, Clone, Default)]
pub struct SettingsArgs {
    /// Keep diacritics instead of folding them (default: fold, so "an ninh mang" matches
    /// "an ninh mạng").
    #[arg(long)]
    pub keep_diacritics: bool,
    /// Longest n-gram in syllables [default: 3].
    #[arg(long, value_name = "N")]
    pub ngram_max: Option<usize>,
    /// Shortest n-gram in syllables [default: 1].
    #[arg(long, value_name = "N")]
    pub ngram_min: Option<usize>,
    /// Minimum number of documents a token must appear in [default: 2].
    #[arg(long, value_name = "N")]
    pub min_df: Option<u32>,
    /// Maximum vocabulary size [default: 30000].
    #[arg(long, value_name = "N")]
    pub max_features: Option<usize>,
    /// Naive Bayes smoothing [default: 0.02].
    #[arg(long, value_name = "A")]
    pub alpha: Option<f64>,
    /// How many times title tokens count [default: 3].
    #[arg(long, value_name = "N")]
    pub title_weight: Option<u32>,
    /// Position decay of body tokens in characters, 0 for off [default: 0].
    #[arg(long, value_name = "CHARS")]
    pub position_decay: Option<f64>,
    /// Count ln(1 + count) instead of raw counts [default: off].
    #[arg(long, value_name = "BOOL")]
    pub sublinear_tf: Option<bool>,
    /// Most distinct tokens tracked while counting; beyond it the rarest are pruned, which
    /// keeps training memory flat on huge corpora [default: 1000000].
    #[arg(long, value_name = "N")]
    pub max_candidates: Option<usize>,
    /// Training documents sampled to calibrate confidence [default: 2000].
    #[arg(long, value_name = "N")]
    pub calibration_sample: Option<usize>,
    /// Parts the `other` label is split into inside the model (learned without supervision),
    /// so that a topic's near neighbours fit their own kind of news; 0 or 1 for one `other`
    /// [default: 3].
    #[arg(long, value_name = "K")]
    pub other_parts: Option<usize>,
    /// Second stage: when naive Bayes says a topic, a linear model (logistic regression on the
    /// same features) must give it at least this probability, or the article is `other`; 0
    /// for naive Bayes alone [default: 0.45].
    #[arg(long, value_name = "P")]
    pub second_stage_min: Option<f64>,
    /// Labels, comma-separated [default: cybersecurity,summits,space,other].
    #[arg(long, value_delimiter = ',', value_name = "L,L,...")]
    pub labels: Option<Vec<String>>,
}

#[derive(Args)]
pub struct TrainArgs {
    /// Labelled training data: .jsonl files, LABEL/*.txt trees, folders.
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "models/topics.json", value_name = "FILE")]
    pub out: PathBuf,
    /// The stream prior stored in the model, as LABEL=P[,LABEL=P...] (see `classify --prior`)
    /// [default: other=0.9].
    #[arg(long, value_name = "LABEL=P,...", value_parser = parse_prior)]
    pub prior: Option<StreamPrior>,
    /// Least share of an article's text that a second topic must hold for `classify` to report
    /// it as `also` [default: 0.25].
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    pub also_min: Option<f64>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    /// One JSON object per article.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
    /// Aligned columns for reading.
    Table,
}

#[derive(Args)]
pub struct ModelArgs {
    /// Model file (default: the model compiled into newsline).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// How often each label turns up in the news you feed, as LABEL=P[,LABEL=P...]; labels not
    /// named share the rest. Decisions and confidences are corrected from the training
    /// corpus's shares to these, so that 0.9 means right nine times in ten in such a stream.
    /// `corpus` decides with the training corpus's own shares (about half `other`), for balanced
    /// sets. Default: the model's (built-in: other=0.9, measured on a stream of front pages;
    /// `newsline evaluate` prints it).
    #[arg(long, value_name = "LABEL=P,...", value_parser = parse_prior)]
    pub prior: Option<StreamPrior>,
}

fn parse_prior(s: &str) -> std::result::Result<StreamPrior, String> {
    StreamPrior::parse(s).map_err(|e| e.to_string())
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
pub struct ClassifyArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Json)]
    pub format: ClassifyFormat,
    /// Also show the terms that pushed each decision most.
    #[arg(long)]
    pub explain: bool,
    /// Report a topic below this confidence as `other` (default: the model's, chosen by
    /// cross-validation).
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    pub min_confidence: Option<f64>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Articles: files, folders, or - for JSON lines on standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// One JSON object per event.
    Json,
    /// Comma-separated values with a header line.
    Csv,
    /// A TimelineJS 3 document (JSON) of the events with a year and a topic.
    #[value(name = "timelinejs")]
    TimelineJs,
    /// TimelineJS's Google-sheet columns as CSV (UTF-8 with BOM, for Excel and Flourish too).
    Sheet,
}

fn parse_date(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    newsline::corpus::parse_published(s)
        .ok_or_else(|| format!("\"{s}\" is not a date like 2024-03-30"))
}

#[derive(Args)]
pub struct EventArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Publication date for every article (default: each article's own "published", or a
    /// dateline at the top of the page).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<chrono::NaiveDate>,
    /// Report a paragraph's topic below this confidence as `other` (default: the model's).
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    pub min_confidence: Option<f64>,
    /// Keep only events with these labels, comma-separated (e.g. cybersecurity,space).
    #[arg(long, value_delimiter = ',', value_name = "L,L,...")]
    pub labels: Option<Vec<String>>,
    #[command(flatten)]
    pub merge: MergeArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// Articles: files, folders, or - for JSON lines on standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Clone, Copy)]
pub struct MergeArgs {
    /// Keep one event per article and date instead of merging the reports of one happening
    /// from different articles into one event with all of them as sources.
    #[arg(long)]
    pub no_merge: bool,
    /// How alike two articles must be (mean cosine of their weighted terms, 0..1) for their
    /// events on the same day and topic to be one happening [default: 0.12].
    #[arg(long, value_name = "T", value_parser = parse_confidence)]
    pub merge_threshold: Option<f64>,
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub common: EventArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventsFormat::Json)]
    pub format: EventsFormat,
}

#[derive(Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub common: EventArgs,
    /// Output: charts/NAME.png, .svg, .html (interactive page) or .timeline.json
    /// (TimelineJS).
    #[arg(short = 'o', long = "out", required = true, value_name = "FILE")]
    pub out: PathBuf,
    /// Title (default: built from the events' date span).
    #[arg(long)]
    pub title: Option<String>,
    /// Picture width in pixels.
    #[arg(long, default_value_t = 1600)]
    pub width: u32,
    /// Picture height in pixels.
    #[arg(long, default_value_t = 900)]
    pub height: u32,
    /// Draw only events that reach this date or later (default: the window around the
    /// publication dates; see above).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Draw only events that begin on this date or earlier.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// Also draw background events (history the articles cite); the window then spans every
    /// event unless --from/--to say otherwise.
    #[arg(long)]
    pub background: bool,
    /// The inputs are events files written by `newsline events --format json`, not articles.
    #[arg(long, conflicts_with_all = ["model", "prior", "published", "min_confidence", "lossy", "skip_invalid", "no_merge", "merge_threshold"])]
    pub from_events: bool,
}

#[derive(Args)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Labelled data to score on (never the model's own training data).
    #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Cross-validate: train K models on K-1 folds of --data with the model's settings (as
    /// changed by the settings flags) and score each on its held-out fold. Folds decide with
    /// the corpus's own shares unless --prior is given.
    #[arg(long, value_name = "K")]
    pub folds: Option<usize>,
    /// Score the events' dates against gold dates instead of topics: --data holds JSON lines
    /// with the article fields plus "dates" (values like "2024-03-29", "2024-03", "2024",
    /// "START/END", "--03-29", or objects {"text","value","form","role"}) and optionally
    /// "not_dates". Prints recall and precision of day and month, of full dates (with a
    /// publication date), of ranges, of roles and per written form; --json also lists every
    /// miss and false alarm.
    #[arg(long, conflicts_with = "folds")]
    pub events: bool,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score the merge of happenings against the gold happenings of --data (JSON lines with
    /// "happenings": [{"id","date","main"}], as in tests/data/happenings/): pairwise precision
    /// and recall of "same happening", clusters that come out as one event, near-miss pairs
    /// merged.
    #[arg(long, conflicts_with = "folds")]
    pub happenings: bool,
    /// With --happenings: the merge threshold to score [default: 0.12].
    #[arg(long, value_name = "T", value_parser = parse_confidence, requires = "happenings")]
    pub merge_threshold: Option<f64>,
    /// Confidence threshold (default: the model's).
    #[arg(long, value_name = "P", value_parser = parse_confidence)]
    pub min_confidence: Option<f64>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub input: InputArgs,
}
