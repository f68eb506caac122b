//! newsline: topic classification, dated-event finding and timeline charts for Vietnamese news.
//!
//! Data flows one way through the stages, one module each (see `DESIGN.md`):
//!
//! 1. [`corpus`]: read articles from saved web pages (main text and metadata), `.txt`, JSON
//!    lines, folders, standard input.
//! 2. [`page`]: find the article body of a scraped page, and its lead.
//! 3. [`text`]: normalise (NFC, one tone placement, lower-case, diacritic folding) and tokenise.
//! 4. [`features`]: the [`features::Vocabulary`] and sparse counts.
//! 5. [`model`]: [`model::TopicModel`], multinomial naive Bayes fitted with linfa-bayes;
//!    settings, streaming counter, fit, calibration and the model file each in their own file.
//! 6. [`evaluate`]: scoring a model on labelled data, stratified cross-validation.
//! 7. [`events`]: dated events in article bodies.
//! 8. [`report`]: timeline pictures.
//!
//! Helpers that several stages share are leaves: [`metrics`] (confusion matrix, P/R/F1,
//! macro-F1; imports nothing from the crate), [`output`] (atomic writes), [`quiet`] (silencing
//! the published linfa-bayes' leftover `dbg!`), [`error`], and [`stream`] (ordered parallel
//! processing of article streams, over the [`corpus`] reader). Imports go one way: `evaluate` ->
//! `model` -> `metrics`, never back.
//!
//! The library is usable without the command line. The `newsline` binary (`src/main.rs` and
//! `src/cli/`) parses arguments, resolves them into a plain configuration per command, makes
//! one library call per command and prints.
#![warn(missing_docs)]

pub mod corpus;
pub mod error;
pub mod evaluate;
pub mod events;
pub mod features;
mod huge;
pub mod metrics;
pub mod model;
pub mod output;
pub mod page;
pub mod quiet;
pub mod report;
pub mod stream;
pub mod text;

pub use error::{Error, Location, Result};

/// The default model file, compiled in from `models/topics.json` (empty if it was missing).
pub static BUILTIN_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default_model.json"));
