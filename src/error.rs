//! One error type for the library: every error says what went wrong and where.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the input something was found: a file (or `-` for standard input), and the line
/// for JSON-lines input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The file as the user named it, or `-` for standard input.
    pub path: String,
    /// 1-based line number, for inputs read line by line.
    pub line: Option<u64>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl AsRef<Path>) -> Self {
        Location {
            path: path.as_ref().display().to_string(),
            line: None,
        }
    }

    /// One line of a file.
    pub fn line(path: impl AsRef<Path>, line: u64) -> Self {
        Location {
            path: path.as_ref().display().to_string(),
            line: Some(line),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => write!(f, "{}", self.path),
        }
    }
}

/// Everything that can go wrong in newsline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What was being done ("cannot read", "cannot write", ...).
        action: &'static str,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The input is not what was expected at `at`.
    #[error("{at}: {message}")]
    Input {
        /// Where the problem is.
        at: Location,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A model file cannot be used.
    #[error("{path}: {message}")]
    Model {
        /// The model file, or `<built-in>` for the compiled-in model.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// Settings are invalid or conflict.
    #[error("invalid settings: {0}")]
    Settings(String),
    /// One setting is out of range, or does not fit the data. The library names the setting
    /// as it spells it (a [`crate::model::TrainParams`] method such as `min_df`, or an argument
    /// such as `folds`) and never as a command-line flag: a front end shows its own name for
    /// it (`newsline` shows `--min-df`).
    #[error("invalid settings: {setting} {problem}")]
    Setting {
        /// The setting's name in the library.
        setting: &'static str,
        /// What is wrong, worded to follow the setting's name ("must be at least 1"). It may
        /// name other settings, spelt the same way.
        problem: String,
    },
    /// The data cannot be used for the requested work (for example one label only).
    #[error("{0}")]
    Data(String),
    /// The run was interrupted (Ctrl-C); what was written so far is complete.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// An input error at `at`.
    pub fn input(at: Location, message: impl Into<String>) -> Self {
        Error::Input {
            at,
            message: message.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

/// Result with newsline's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
