//! Flags resolved once into a plain configuration per command (ripgrep's low-level ->
//! high-level arguments): the model is loaded, `--labels` checked against it, training
//! settings overlaid on their base and checked, the picture format chosen from the output's
//! name, `--from` checked against `--to`. A command that starts running has nothing left to
//! check but its input.

use std::path::PathBuf;

use newsline::corpus::ReadOptions;
use newsline::events::{EventFilter, EventOptions, MergeOptions};
use newsline::model::{StreamPrior, TopicModel, TrainParams, ValidTrainParams};
use newsline::report::TimelineOptions;
use newsline::{Error, Result};

use super::args::{
    ClassifyArgs, ClassifyFormat, Command, EvaluateArgs, EventArgs, EventsArgs, EventsFormat,
    ExtractFormat, InputArgs, MergeArgs, ModelArgs, SettingsArgs, TimelineArgs, TrainArgs,
};

/// What to do: one variant per command.
pub enum Config {
    /// `newsline train`.
    Train(Train),
    /// `newsline classify`.
    Classify(Classify),
    /// `newsline events`.
    Events(Events),
    /// `newsline timeline`.
    Timeline(Timeline),
    /// `newsline evaluate`.
    Evaluate(Evaluate),
    /// `newsline extract`.
    Extract(Extract),
    /// `newsline page` (hidden).
    Page(Page),
}

/// `extract`: articles printed as JSON lines.
pub struct Extract {
    pub format: ExtractFormat,
    pub paths: Vec<PathBuf>,
    pub read: ReadOptions,
}

/// Training: checked settings, labelled data, the model file to write.
pub struct Train {
    pub params: ValidTrainParams,
    pub data: Vec<PathBuf>,
    pub read: ReadOptions,
    pub out: PathBuf,
}

/// Classification of articles with a loaded model.
pub struct Classify {
    pub model: TopicModel,
    pub format: ClassifyFormat,
    pub explain: bool,
    pub min_confidence: Option<f64>,
    pub paths: Vec<PathBuf>,
    pub read: ReadOptions,
}

/// Finding the events of articles, shared by `events` and `timeline`.
pub struct FindEvents {
    pub model: TopicModel,
    /// How the footer of a timeline names the model.
    pub model_name: String,
    /// The event finder's options (`--published`, `--min-confidence`).
    pub options: EventOptions,
    /// Which events to keep (`--labels`, checked against the model).
    pub filter: EventFilter,
    /// How the reports of one happening are merged; `None` with `--no-merge`.
    pub merge: Option<MergeOptions>,
    pub paths: Vec<PathBuf>,
    pub read: ReadOptions,
}

/// `events`: the events of articles, written as JSON lines or CSV.
pub struct Events {
    pub find: FindEvents,
    pub format: EventsFormat,
}

/// Where a timeline's events come from.
pub enum EventSource {
    /// Articles, whose events are found.
    Articles(Box<FindEvents>),
    /// Files written by `newsline events --format json`.
    EventFiles(Vec<PathBuf>),
}

/// The picture format, from the output file's extension.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Png,
    Svg,
    /// A self-contained interactive page (`.html`, `.htm`).
    Html,
    /// A TimelineJS 3 document (`.timeline.json`).
    TimelineJs,
}

impl Picture {
    /// The format a timeline's output name asks for.
    fn of(out: &std::path::Path) -> Option<Picture> {
        let name = out.file_name()?.to_str()?.to_ascii_lowercase();
        let ext = name.rsplit_once('.').map(|(_, ext)| ext)?;
        match ext {
            "png" => Some(Picture::Png),
            "svg" => Some(Picture::Svg),
            "html" | "htm" => Some(Picture::Html),
            "json" if name.ends_with(".timeline.json") => Some(Picture::TimelineJs),
            _ => None,
        }
    }
}

/// `timeline`: events drawn as a picture.
pub struct Timeline {
    pub source: EventSource,
    pub out: PathBuf,
    pub picture: Picture,
    /// What is drawn, whatever the source: `--labels`, events overlapping the `--from`/`--to`
    /// window (from <= to), and only events with a year.
    pub filter: EventFilter,
    /// Neither `--from`, `--to` nor `--background`: only the events near their articles'
    /// publication (`events::news_events`) are drawn.
    pub news_window: bool,
    /// Size and title; the footer is added once the sources are counted.
    pub options: TimelineOptions,
}

/// `evaluate`: scores of a model, or cross-validation of settings.
pub struct Evaluate {
    pub data: Vec<PathBuf>,
    pub read: ReadOptions,
    pub json: bool,
    pub mode: Evaluation,
}

/// What `evaluate` does.
pub enum Evaluation {
    /// Score a model on the data.
    Score {
        model: Box<TopicModel>,
        model_name: String,
        min_confidence: Option<f64>,
    },
    /// Cross-validate these settings with `folds` folds of the data.
    CrossValidate {
        params: ValidTrainParams,
        folds: usize,
    },
    /// Score the merge of happenings against the data's gold happenings.
    Happenings {
        model: Box<TopicModel>,
        model_name: String,
        merge: MergeOptions,
    },
    /// Score the events' dates against gold dates (`--events`).
    Dates { model: Box<TopicModel> },
}

/// `page`: how pages split into body and boilerplate.
pub struct Page {
    pub paths: Vec<PathBuf>,
}

impl Config {
    /// Resolves a command's flags.
    pub fn from_args(command: Command) -> Result<Config> {
        Ok(match command {
            Command::Train(a) => Config::Train(train(a)?),
            Command::Classify(a) => Config::Classify(classify(a)?),
            Command::Events(a) => Config::Events(events(a)?),
            Command::Timeline(a) => Config::Timeline(timeline(a)?),
            Command::Evaluate(a) => Config::Evaluate(evaluate(a)?),
            Command::Extract(a) => Config::Extract(Extract {
                format: a.format,
                paths: a.paths,
                read: read_options(&a.input, false),
            }),
            Command::Page { paths } => Config::Page(Page { paths }),
        })
    }
}

fn train(a: TrainArgs) -> Result<Train> {
    let mut params = a.settings.apply(TrainParams::default());
    if let Some(prior) = a.prior {
        params = params.stream_prior(prior);
    }
    if let Some(also_min) = a.also_min {
        params = params.also_min(also_min);
    }
    Ok(Train {
        params: params.check()?,
        data: a.data,
        read: read_options(&a.input, true),
        out: a.out,
    })
}

fn classify(a: ClassifyArgs) -> Result<Classify> {
    let (model, _) = load_model(&a.model)?;
    Ok(Classify {
        model,
        format: a.format,
        explain: a.explain,
        min_confidence: a.min_confidence,
        paths: a.paths,
        read: read_options(&a.input, false),
    })
}

fn events(a: EventsArgs) -> Result<Events> {
    Ok(Events {
        find: find_events(a.common)?,
        format: a.format,
    })
}

fn timeline(a: TimelineArgs) -> Result<Timeline> {
    let Some(picture) = Picture::of(&a.out) else {
        return Err(Error::Settings(format!(
            "-o {}: the output must be named *.png, *.svg, *.html or *.timeline.json",
            a.out.display()
        )));
    };
    if let (Some(from), Some(to)) = (a.from, a.to) {
        if from > to {
            return Err(Error::Settings(format!("--from {from} is after --to {to}")));
        }
    }
    let filter = EventFilter::timeline(a.common.labels.clone(), a.from, a.to);
    let source = if a.from_events {
        EventSource::EventFiles(a.common.paths)
    } else {
        EventSource::Articles(Box::new(find_events(a.common)?))
    };
    Ok(Timeline {
        source,
        out: a.out,
        picture,
        filter,
        news_window: a.from.is_none() && a.to.is_none() && !a.background,
        options: TimelineOptions {
            width: a.width,
            height: a.height,
            title: a.title,
            background: a.background,
            ..Default::default()
        },
    })
}

fn evaluate(a: EvaluateArgs) -> Result<Evaluate> {
    if a.happenings {
        let (model, model_name) = load_model(&a.model)?;
        return Ok(Evaluate {
            data: a.data,
            read: read_options(&a.input, true),
            json: a.json,
            mode: Evaluation::Happenings {
                model: Box::new(model),
                model_name,
                merge: merge_options(MergeArgs {
                    no_merge: false,
                    merge_threshold: a.merge_threshold,
                })
                .unwrap_or_default(),
            },
        });
    }
    if a.events {
        let (model, _) = load_model(&a.model)?;
        return Ok(Evaluate {
            data: a.data,
            read: read_options(&a.input, false),
            json: a.json,
            mode: Evaluation::Dates {
                model: Box::new(model),
            },
        });
    }
    let mode = match a.folds {
        Some(folds) => {
            // The built-in model is trained with the default settings, so those are the base
            // unless a model file is named.
            let base = match &a.model.model {
                Some(p) => TrainParams::from(TopicModel::load(p)?.params().clone()),
                None => TrainParams::default(),
            };
            let prior = a.model.prior.clone().unwrap_or_else(StreamPrior::corpus);
            Evaluation::CrossValidate {
                params: a.settings.apply(base).stream_prior(prior).check()?,
                folds,
            }
        }
        None => {
            let (model, model_name) = load_model(&a.model)?;
            Evaluation::Score {
                model: Box::new(model),
                model_name,
                min_confidence: a.min_confidence,
            }
        }
    };
    Ok(Evaluate {
        data: a.data,
        read: read_options(&a.input, true),
        json: a.json,
        mode,
    })
}

/// The model and `--labels` checked against it, for `events` and `timeline`.
fn find_events(a: EventArgs) -> Result<FindEvents> {
    let (model, model_name) = load_model(&a.model)?;
    if let Some(labels) = &a.labels {
        for l in labels {
            if model.label_index(l).is_none() {
                return Err(Error::Settings(format!(
                    "--labels names \"{l}\", which the model does not know (it has: {})",
                    model.labels().join(", ")
                )));
            }
        }
    }
    let options = EventOptions {
        published: a.published,
        min_confidence: a.min_confidence,
        ..Default::default()
    };
    let filter = EventFilter {
        labels: a.labels,
        ..Default::default()
    };
    Ok(FindEvents {
        model,
        model_name,
        options,
        filter,
        merge: merge_options(a.merge),
        paths: a.paths,
        read: read_options(&a.input, false),
    })
}

/// `--no-merge` and `--merge-threshold`: `None` when events are not merged.
fn merge_options(a: MergeArgs) -> Option<MergeOptions> {
    (!a.no_merge).then(|| MergeOptions {
        threshold: a
            .merge_threshold
            .unwrap_or(MergeOptions::default().threshold),
        ..MergeOptions::default()
    })
}

/// The `--model` file, or the built-in model, deciding with `--prior` when given; with the
/// name a timeline's footer shows.
fn load_model(a: &ModelArgs) -> Result<(TopicModel, String)> {
    let (mut model, name) = match &a.model {
        Some(p) => (TopicModel::load(p)?, p.display().to_string()),
        None if newsline::BUILTIN_MODEL.is_empty() => {
            return Err(Error::Model {
                path: "<built-in>".into(),
                message: "this build has no built-in model; pass --model".into(),
            })
        }
        None => (TopicModel::builtin()?, "built-in".to_string()),
    };
    if let Some(prior) = &a.prior {
        model
            .set_stream_prior(prior.clone())
            .map_err(|e| Error::Settings(format!("--prior: {e}")))?;
    }
    Ok((model, name))
}

fn read_options(input: &InputArgs, label_from_folder: bool) -> ReadOptions {
    ReadOptions {
        lossy: input.lossy,
        skip_invalid: input.skip_invalid,
        label_from_folder,
    }
}

impl SettingsArgs {
    /// The settings flags given, overlaid on `base` through the builder.
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
        if let Some(v) = self.other_parts {
            p = p.other_parts(v);
        }
        if let Some(v) = self.second_stage_min {
            p = p.second_stage_min(v);
        }
        if let Some(v) = &self.labels {
            p = p.labels(v.clone());
        }
        p
    }
}
