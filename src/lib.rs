//! newsline: topic classification, dated-event finding and timeline charts for Vietnamese news.
//!
//! Data flows one way through the stages, one module each:
//!
//! 1. [`corpus`]: read articles from `.txt`, JSON lines, folders, standard input.
//! 2. [`text`]: normalise (NFC, one tone placement, lower-case, diacritic folding) and tokenise.
//! 3. [`features`]: the [`features::Vocabulary`] and sparse counts.
//! 4. [`model`]: [`model::TopicModel`], multinomial naive Bayes fitted with linfa-bayes.
//! 5. [`evaluate`]: accuracy, macro-F1, confusion matrix, stratified cross-validation.
//! 6. [`events`]: dated events in article bodies.
//! 7. [`report`]: timeline pictures.
//!
//! The command-line tool (`src/main.rs`) only parses arguments, calls one function, prints.
#![warn(missing_docs)]

pub mod corpus;
pub mod error;
pub mod evaluate;
pub mod events;

pub mod features;
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
