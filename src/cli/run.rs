//! Each command: its one library call, and printing. The configuration is already resolved
//! and checked (see [`super::config`]).
//!
//! The events-file reader, the events JSON/CSV writers and the timeline's window and
//! yearless-event filter are here as they were in `main.rs`; they move into the library
//! (`events::file`, `events::filter`) with the events work.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use newsline::corpus::{read_all, ArticleReader, ReadOptions};
use newsline::evaluate::{cross_validate, evaluate_model};
use newsline::events::{find_events, Event};
use newsline::model::{FitHooks, FitProgress};
use newsline::stream::process_in_order;
use newsline::{Error, Result};

use super::args::EventsFormat;
use super::config::{
    Classify, Config, Evaluate, Evaluation, EventSource, Events, FindEvents, Page, Picture,
    Timeline, Train,
};
use super::print::{self, round6, ClassifyWriter, Progress};
use super::{CliResult, CANCEL};

/// Runs one command.
pub fn run(config: Config) -> CliResult {
    match config {
        Config::Train(c) => train(c),
        Config::Classify(c) => classify(c),
        Config::Events(c) => events(c),
        Config::Timeline(c) => timeline(c),
        Config::Evaluate(c) => evaluate(c),
        Config::Page(c) => page(c),
    }
}

fn train(config: Train) -> CliResult {
    let mut reader = ArticleReader::open(&config.data, config.read)?;
    let progress = Progress::new("training");
    let on_progress = |p: FitProgress| progress.update(p.documents, p.bytes);
    let hooks = FitHooks {
        progress: Some(&on_progress),
        cancel: Some(&CANCEL),
    };
    let model = config.params.fit(reader.by_ref(), &hooks);
    progress.finish();
    let model = model?;
    print::skipped(reader.skipped());
    model.save(&config.out)?;
    print::trained(&model, &config.out);
    Ok(())
}

fn classify(config: Classify) -> CliResult {
    let Classify {
        model,
        format,
        explain,
        min_confidence,
        paths,
        read,
    } = config;
    let mut reader = ArticleReader::open(&paths, read)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let writer = ClassifyWriter {
        format,
        labels: model.labels().to_vec(),
        explain,
    };
    writer.header(&mut out)?;
    let progress = Progress::new("classifying");
    let (mut docs, mut bytes) = (0u64, 0u64);
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
            let d = model.decide(&p, min_confidence);
            docs += 1;
            bytes += (a.title.len() + a.text.len()) as u64;
            writer
                .row(&mut out, a, &p, &d, &why)
                .map_err(|e| Error::io("<stdout>", "cannot write", e))?;
            progress.update(docs, bytes);
            Ok(())
        },
    );
    progress.finish();
    out.flush()
        .map_err(|e| Error::io("<stdout>", "cannot write", e))?;
    print::skipped(reader.skipped());
    ignore_broken_pipe(result)
}

/// Finds the events of every article in parallel, handing them to `sink` in input order.
fn collect_events(
    config: &FindEvents,
    mut sink: impl FnMut(Vec<Event>) -> newsline::Result<()>,
) -> CliResult {
    let model = &config.model;
    let mut reader = ArticleReader::open(&config.paths, config.read.clone())?;
    let progress = Progress::new("finding events");
    let (mut docs, mut bytes) = (0u64, 0u64);
    let result = process_in_order(
        &mut reader,
        Some(&CANCEL),
        || model.analyzer(),
        |analyzer, a| find_events(model, analyzer, a, &config.options),
        |a, events| {
            docs += 1;
            bytes += a.text.len() as u64;
            progress.update(docs, bytes);
            sink(events)
        },
    );
    progress.finish();
    print::skipped(reader.skipped());
    ignore_broken_pipe(result)
}

/// A closed standard output (`newsline ... | head`) ends the run without an error.
fn ignore_broken_pipe(result: Result<()>) -> CliResult {
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

fn events(config: Events) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if config.format == EventsFormat::Csv {
        writeln!(
            out,
            "id,date,precision,label,confidence,title,source,text,year_known"
        )?;
    }
    let format = config.format;
    collect_events(&config.find, |events| {
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

fn timeline(config: Timeline) -> CliResult {
    let (events, sources, model_name) = match &config.source {
        EventSource::EventFiles(paths) => {
            let (events, sources) = read_event_files(paths)?;
            (events, sources, "from events file".to_string())
        }
        EventSource::Articles(find) => {
            let mut all = Vec::new();
            let mut articles = 0usize;
            collect_events(find, |events| {
                articles += 1;
                all.extend(events);
                Ok(())
            })?;
            (all, articles, find.model_name.clone())
        }
    };
    // Events without a known year cannot be placed; they are listed by `newsline events`.
    // A month or year span is kept when it overlaps the --from/--to window.
    let placed: Vec<_> = events
        .into_iter()
        .filter(|e| e.year_known)
        .filter(|e| config.from.is_none_or(|f| e.date.end() >= f))
        .filter(|e| config.to.is_none_or(|t| e.date.start() <= t))
        .collect();
    let options = newsline::report::TimelineOptions {
        footer: format!(
            "Nguồn: {sources} bài · mô hình: {model_name} · newsline {}",
            env!("CARGO_PKG_VERSION")
        ),
        ..config.options
    };
    let bytes = match config.picture {
        Picture::Svg => newsline::report::render_svg(&placed, &options).map(String::into_bytes),
        Picture::Png => newsline::report::render_png(&placed, &options),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(newsline::report::ReportError::NoEvents) => {
            return Err(Error::Data(format!(
                "no topic events found in {sources} source(s); no picture written to {}",
                config.out.display()
            ))
            .into())
        }
        Err(e) => return Err(Error::Data(format!("cannot draw the timeline: {e}")).into()),
    };
    newsline::output::write_atomic(&config.out, &bytes)?;
    let topic = placed
        .iter()
        .filter(|e| e.label != newsline::model::OTHER)
        .count();
    eprintln!(
        "newsline: drew {topic} topic events from {sources} source(s) into {}",
        config.out.display()
    );
    Ok(())
}

fn evaluate(config: Evaluate) -> CliResult {
    let (articles, skipped) = read_all(&config.data, config.read)?;
    print::skipped(&skipped);
    if articles.is_empty() {
        return Err(Error::Data("no articles to evaluate".into()).into());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match config.mode {
        Evaluation::CrossValidate { params, folds } => {
            let cv = cross_validate(&params, &articles, folds)?;
            print::cross_validation(&mut out, folds, articles.len(), &params, &cv, config.json)
        }
        Evaluation::Score {
            model,
            model_name,
            min_confidence,
        } => {
            let m = evaluate_model(&model, &articles, min_confidence)?;
            print::scores(&mut out, &model_name, articles.len(), &m, config.json)
        }
    }
}

fn page(config: Page) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for item in ArticleReader::open(&config.paths, ReadOptions::default())? {
        let a = item?;
        print::page(&mut out, &a, &newsline::page::analyze(&a.text))?;
    }
    Ok(())
}
