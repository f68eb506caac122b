//! Each command: its one library call, and printing. The configuration is already resolved
//! and checked (see [`super::config`]).

use std::io::{BufWriter, Write};

use newsline::corpus::{read_all, ArticleReader, ReadOptions};
use newsline::evaluate::happenings::{evaluate_happenings, read_gold};
use newsline::evaluate::{cross_validate, evaluate_model};
use newsline::events::{
    file, find_events, ArticleTerms, Event, Happenings, TermWeights, NEWS_WINDOW_DAYS,
};
use newsline::model::{FitHooks, FitProgress};
use newsline::page::Page as ArticlePage;
use newsline::report::exports::{sheet, timelinejs, Export};
use newsline::stream::process_in_order;
use newsline::{Error, Result};

use super::args::{EventsFormat, ExtractFormat};
use super::config::{
    Classify, Config, Evaluate, Evaluation, EventSource, Events, Extract, FindEvents, Page,
    Picture, Timeline, Train,
};
use super::print::{self, ClassifyWriter, Progress};
use super::{CliResult, CANCEL};

/// Runs one command.
pub fn run(config: Config) -> CliResult {
    match config {
        Config::Train(c) => train(c),
        Config::Classify(c) => classify(c),
        Config::Events(c) => events(c),
        Config::Timeline(c) => timeline(c),
        Config::Evaluate(c) => evaluate(c),
        Config::Extract(c) => extract(c),
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
    // The process ends after this command: freeing the model's tens of thousands of strings
    // would take longer than classifying a short document.
    let model = std::mem::ManuallyDrop::new(model);
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
            // `lead_text` is `Page::lead` (the text `events` scores an article on) without
            // laying out the paragraphs, which classify does not need.
            let lead = newsline::page::lead_text(&a.text);
            let (p, d) = model.decide_article(analyzer, &a.title, &lead, min_confidence);
            let mut why = [Vec::new(), Vec::new()];
            if explain {
                why[0] = model.explain(analyzer, &a.title, &lead, 8);
                if let Some(also) = d.also {
                    why[1] = model.explain_towards(analyzer, &a.title, &lead, also, d.label, 8);
                }
            }
            (p, d, why)
        },
        |a, (p, d, why)| {
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

/// Finds the events of every article in parallel, handing them to `sink` in input order,
/// with the article's terms when the events are to be merged.
fn collect_events(
    config: &FindEvents,
    mut sink: impl FnMut(Vec<Event>, Option<ArticleTerms>) -> newsline::Result<()>,
) -> CliResult {
    let model = &config.model;
    let weights = config.merge.map(|_| TermWeights::from_model(model));
    let mut reader = ArticleReader::open(&config.paths, config.read.clone())?;
    let progress = Progress::new("finding events");
    let (mut docs, mut bytes) = (0u64, 0u64);
    let result = process_in_order(
        &mut reader,
        Some(&CANCEL),
        || {
            (
                model.analyzer(),
                weights.as_ref().map(TermWeights::analyzer),
            )
        },
        |(analyzer, terms_analyzer), a| {
            let page = ArticlePage::new(a);
            let events = config
                .filter
                .apply(find_events(model, analyzer, &page, &config.options));
            // The terms are only needed for articles with events to merge.
            let terms = match (&weights, terms_analyzer) {
                (Some(w), Some(t)) if !events.is_empty() => Some(
                    ArticleTerms::of_page(w, t, &page)
                        .with_sentences(t, events.iter().map(|e| e.text.as_str())),
                ),
                _ => None,
            };
            (events, terms)
        },
        |a, (events, terms)| {
            docs += 1;
            bytes += a.text.len() as u64;
            progress.update(docs, bytes);
            sink(events, terms)
        },
    );
    progress.finish();
    print::skipped(reader.skipped());
    ignore_broken_pipe(result)
}

/// The events of the articles: merged into happenings (when `config.merge` is set) and handed
/// to `sink` in date order at the end, or handed over article by article as they are found.
fn each_event(
    config: &FindEvents,
    mut sink: impl FnMut(Vec<Event>) -> newsline::Result<()>,
) -> CliResult {
    let Some(options) = config.merge else {
        return collect_events(config, |events, _| sink(events));
    };
    let mut happenings = Happenings::new(options);
    collect_events(config, |events, terms| {
        happenings.add(&terms.unwrap_or_default(), events)
    })?;
    if CANCEL.load(std::sync::atomic::Ordering::SeqCst) {
        return Ok(());
    }
    ignore_broken_pipe(happenings.finish_each(|e| sink(vec![e])))
}

/// A closed standard output (`newsline ... | head`) ends the run without an error.
fn ignore_broken_pipe(result: Result<()>) -> CliResult {
    match result {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn events(config: Events) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let format = match config.format {
        EventsFormat::Json => file::Format::Json,
        EventsFormat::Csv => file::Format::Csv,
        EventsFormat::TimelineJs | EventsFormat::Sheet => return export_events(config),
    };
    let cannot_write = |e| Error::io("<stdout>", "cannot write", e);
    format.write_header(&mut out).map_err(cannot_write)?;
    // Without merging, each article's events are written as soon as it is read (a reader of
    // the pipe sees them come); merged events all come at the end, one at a time, and
    // flushing after each was a write call per event, so the buffer is left to fill.
    let streaming = config.find.merge.is_none();
    each_event(&config.find, |events| {
        format
            .write(&mut out, &events)
            .and_then(|()| if streaming { out.flush() } else { Ok(()) })
            .map_err(cannot_write)
    })?;
    ignore_broken_pipe(out.flush().map_err(cannot_write))
}

/// `events --format timelinejs|sheet`: one document of every event, written once they are
/// all found.
fn export_events(config: Events) -> CliResult {
    let mut all = Vec::new();
    each_event(&config.find, |events| {
        all.extend(events);
        Ok(())
    })?;
    let (export, omitted) = Export::of_events(&all, None);
    let doc = timelinejs::document(&export);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match config.format {
        EventsFormat::Sheet => sheet::write_sheet(&mut out, &doc),
        _ => out.write_all(timelinejs::to_json(&doc).as_bytes()),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("<stdout>", "cannot write", e))?;
    print::left_out(omitted.yearless, omitted.other);
    Ok(())
}

fn timeline(config: Timeline) -> CliResult {
    let (events, sources, model_name) = match &config.source {
        EventSource::EventFiles(paths) => {
            let read = file::read(paths)?;
            (read.events, read.articles, "from events file".to_string())
        }
        EventSource::Articles(find) => {
            let mut all = Vec::new();
            let mut articles = std::collections::BTreeSet::new();
            each_event(find, |events| {
                for e in &events {
                    articles.extend(e.sources.iter().map(|s| s.id.clone()));
                }
                all.extend(events);
                Ok(())
            })?;
            let articles = articles.len();
            (all, articles, find.model_name.clone())
        }
    };
    // TimelineJS would sort events without a year first, so the user hears they were left out.
    let yearless = events
        .iter()
        .filter(|e| {
            !e.year_known()
                && config
                    .filter
                    .labels
                    .as_ref()
                    .is_none_or(|l| l.contains(&e.label))
        })
        .count();
    // One filter for both sources: labels, the --from/--to window (or the one around the
    // publication dates), and only events with a year (the others are listed by `newsline
    // events`).
    let mut placed = newsline::events::without_restated_periods(config.filter.apply(events));
    if config.news_window {
        let before = placed.len();
        placed = newsline::events::news_events(placed, NEWS_WINDOW_DAYS);
        eprintln!(
            "newsline: drawing the {} of {before} events within {NEWS_WINDOW_DAYS} days of their articles' publication (--from/--to or --background for the others)",
            placed.len()
        );
    }
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
        Picture::Html => newsline::report::render_html(&placed, &options).map(String::into_bytes),
        Picture::TimelineJs => newsline::report::render_timelinejs(&placed, &options)
            .map(|doc| timelinejs::to_json(&doc).into_bytes()),
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
        .filter(|e| options.background || e.role != newsline::events::Role::Background)
        .count();
    eprintln!(
        "newsline: drew {topic} topic happenings from {sources} article(s) into {}",
        config.out.display()
    );
    if config.picture == Picture::TimelineJs {
        print::left_out(yearless, 0);
    }
    Ok(())
}

fn evaluate(config: Evaluate) -> CliResult {
    if let Evaluation::Dates { model } = &config.mode {
        return evaluate_dates(model, &config);
    }
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
            print::scores(
                &mut out,
                &model_name,
                model.stream_prior(),
                articles.len(),
                &m,
                config.json,
            )
        }
        Evaluation::Happenings {
            model,
            model_name,
            merge,
        } => {
            let gold = read_gold(&config.data)?;
            let s = evaluate_happenings(&model, &articles, &gold, &merge)?;
            print::happening_scores(&mut out, &model_name, &merge, &s, config.json)
        }
        Evaluation::Dates { .. } => Ok(()),
    }
}

fn extract(config: Extract) -> CliResult {
    let Extract {
        format: ExtractFormat::Json,
        paths,
        read,
    } = config;
    let mut reader = ArticleReader::open(&paths, read)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let progress = Progress::new("extracting");
    let (mut docs, mut bytes) = (0u64, 0u64);
    let result = process_in_order(
        &mut reader,
        Some(&CANCEL),
        || (),
        |_, a| newsline::corpus::to_json_line(a),
        |a, line| {
            docs += 1;
            bytes += a.text.len() as u64;
            progress.update(docs, bytes);
            writeln!(out, "{line}").map_err(|e| Error::io("<stdout>", "cannot write", e))
        },
    );
    progress.finish();
    out.flush()
        .map_err(|e| Error::io("<stdout>", "cannot write", e))?;
    print::skipped(reader.skipped());
    ignore_broken_pipe(result)
}

/// `evaluate --events`: the events' dates against gold dates.
fn evaluate_dates(model: &newsline::model::TopicModel, config: &Evaluate) -> CliResult {
    let passages = newsline::evaluate::dates::read_gold(&config.data, config.read.lossy)?;
    if passages.is_empty() {
        return Err(Error::Data("no gold passages to evaluate".into()).into());
    }
    let scores = newsline::evaluate::dates::evaluate_dates(model, &passages);
    let stdout = std::io::stdout();
    print::date_scores(&mut stdout.lock(), &scores, config.json)
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
