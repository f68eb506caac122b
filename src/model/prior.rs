//! The stream prior: how often each label turns up in the news a model will read.
//!
//! A model is trained on a corpus with about as many passages of each topic as of everything
//! else, but in a real stream three quarters or more of the articles are about none of the
//! topics. Naive Bayes' posterior carries the corpus's shares as its prior; deciding with the
//! stream's shares instead multiplies each label's calibrated probability by
//! `stream share / corpus share` and renormalises (the prior-shift correction of Saerens,
//! Latinne and Decaestecker, 2002), so a confidence means what it says in a stream.
//!
//! A prior is written `other=0.85` or `other=0.8,space=0.1`: labels not named share what is left
//! equally.

use crate::error::{Error, Result};

/// Shares of some labels in a stream, as given (`other=0.85`): the other labels share the rest.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StreamPrior(pub Vec<(String, f64)>);

impl StreamPrior {
    /// Parses `LABEL=P[,LABEL=P...]`. `corpus` (or an empty string) is the corpus's own shares:
    /// no correction.
    pub fn parse(text: &str) -> Result<StreamPrior> {
        let text = text.trim();
        if text.is_empty() || text == "corpus" {
            return Ok(StreamPrior(Vec::new()));
        }
        let mut given = Vec::new();
        for part in text.split(',') {
            let (label, value) = part.split_once('=').ok_or_else(|| {
                Error::Settings(format!(
                    "prior \"{part}\" is not LABEL=P (for example other=0.85)"
                ))
            })?;
            let p: f64 = value.trim().parse().map_err(|_| {
                Error::Settings(format!("prior of \"{label}\": \"{value}\" is not a number"))
            })?;
            given.push((label.trim().to_string(), p));
        }
        Ok(StreamPrior(given))
    }

    /// No correction: decide with the corpus's shares.
    pub fn corpus() -> StreamPrior {
        StreamPrior(Vec::new())
    }

    /// Whether this is the corpus's own shares.
    pub fn is_corpus(&self) -> bool {
        self.0.is_empty()
    }

    /// The share of every label, in `labels` order, or an error naming what is wrong: an
    /// unknown or repeated label, a share outside (0, 1), shares that leave nothing (or too
    /// much) for the labels not named. `None` for the corpus's shares.
    pub fn shares(&self, labels: &[String]) -> Result<Option<Vec<f64>>> {
        if self.is_corpus() {
            return Ok(None);
        }
        let mut shares = vec![f64::NAN; labels.len()];
        for (label, p) in &self.0 {
            let Some(i) = labels.iter().position(|l| l == label) else {
                return Err(Error::Settings(format!(
                    "prior names unknown label \"{label}\"; the model's labels are {}",
                    labels.join(", ")
                )));
            };
            if !shares[i].is_nan() {
                return Err(Error::Settings(format!("prior names \"{label}\" twice")));
            }
            if !(p.is_finite() && *p > 0.0 && *p < 1.0) {
                return Err(Error::Settings(format!(
                    "prior of \"{label}\" is {p}, expected a share between 0 and 1 (exclusive)"
                )));
            }
            shares[i] = *p;
        }
        let named: f64 = shares.iter().filter(|s| !s.is_nan()).sum();
        let unnamed = shares.iter().filter(|s| s.is_nan()).count();
        let left = 1.0 - named;
        if unnamed == 0 {
            if (named - 1.0).abs() > 1e-6 {
                return Err(Error::Settings(format!(
                    "prior shares add up to {named}, expected 1 when every label is named"
                )));
            }
        } else if left <= 1e-9 {
            return Err(Error::Settings(format!(
                "prior shares add up to {named}, leaving nothing for the {unnamed} label(s) not named"
            )));
        }
        for s in &mut shares {
            if s.is_nan() {
                *s = left / unnamed as f64;
            }
        }
        Ok(Some(shares))
    }

    /// As `LABEL=P,...`, or `corpus`.
    pub fn display(&self) -> String {
        if self.is_corpus() {
            return "corpus".to_string();
        }
        self.0
            .iter()
            .map(|(l, p)| format!("{l}={p}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Log of `stream share / corpus share` for each label: what the correction adds to a label's
/// log-probability. Zeros for the corpus's shares.
pub(super) fn log_shift(stream: Option<&[f64]>, corpus: &[f64]) -> Vec<f64> {
    match stream {
        None => vec![0.0; corpus.len()],
        Some(s) => s
            .iter()
            .zip(corpus)
            .map(|(s, c)| s.ln() - c.max(1e-12).ln())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        ["cybersecurity", "summits", "space", "other"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn unnamed_labels_share_what_is_left() {
        let shares = StreamPrior::parse("other=0.85")
            .unwrap()
            .shares(&labels())
            .unwrap()
            .unwrap();
        assert_eq!(shares[3], 0.85);
        for s in &shares[..3] {
            assert!((s - 0.05).abs() < 1e-12);
        }
        assert_eq!(
            StreamPrior::parse("corpus")
                .unwrap()
                .shares(&labels())
                .unwrap(),
            None
        );
    }

    #[test]
    fn bad_priors_say_what_is_wrong() {
        let err = |s: &str| {
            StreamPrior::parse(s)
                .and_then(|p| p.shares(&labels()))
                .unwrap_err()
                .to_string()
        };
        assert!(err("other").contains("LABEL=P"), "{}", err("other"));
        assert!(err("sport=0.5").contains("unknown label \"sport\""));
        assert!(err("other=1.2").contains("between 0 and 1"));
        assert!(err("other=0.6,space=0.4").contains("leaving nothing"));
        assert!(err("other=0.5,other=0.3").contains("twice"));
        assert!(err("other=x").contains("not a number"));
    }

    #[test]
    fn the_shift_is_the_log_ratio_of_shares() {
        let shift = log_shift(Some(&[0.1, 0.9]), &[0.5, 0.5]);
        assert!((shift[0] - (0.2f64).ln()).abs() < 1e-12);
        assert!((shift[1] - (1.8f64).ln()).abs() < 1e-12);
        assert_eq!(log_shift(None, &[0.5, 0.5]), [0.0, 0.0]);
    }
}
