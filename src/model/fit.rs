//! Fitting: articles stream through the counter (`counter.rs`), then **one** linfa-bayes fit
//! runs on the per-label summed counts.
//!
//! # Why one fit on per-label sums
//!
//! Multinomial naive Bayes depends only on each label's summed token counts and its number of
//! documents. So training counts tokens sparsely in one streaming pass (memory bounded by the
//! number of distinct tokens, never by the number of documents) and then fits linfa-bayes'
//! `MultinomialNb` on a matrix with one row per label: that label's summed counts. This gives
//! the same feature log-probabilities as a document-by-document fit (tested in
//! `tests/linfa_equivalence.rs`) at O(labels x vocabulary) cost. The priors linfa computes from
//! that matrix would be uniform, so they are replaced by the true document counts.
//!
//! linfa-bayes 0.8.1 as published prints a leftover `dbg!` of every label's feature counts
//! during `fit`. The copy built here is vendored without it (`vendor/README.md`); the one call is
//! still made with standard error redirected to the null device (`crate::quiet`), so that a
//! build against the registry's crate (the fuzz targets, or the patch dropped by mistake) does
//! not flood the terminal.
//!
//! # The replica, and its contract
//!
//! The published crate's `dbg!` made linfa's fit slow. While linfa fits, the other core
//! computes the same log-probabilities with [`smoothed_log_probs`] (`ln(count + alpha) -
//! ln(sum(count + alpha))`, the sum by ndarray, as linfa-bayes 0.8.1 computes them) and
//! assembles and calibrates the model from them. The contract:
//!
//! - the model is always linfa's: the speculative model is kept only when its log-probabilities
//!   are **bit for bit** those linfa returned ([`same_bits`]: `-0.0` differs from `0.0`);
//!   otherwise the model is assembled again from linfa's numbers;
//! - so a linfa whose formula changes gives the same models as linfa, only slower; the unit
//!   test `linfa_formula_replica_matches_linfa_bit_for_bit` fails then, to say so;
//! - the replica never replaces the call to linfa.

use std::sync::atomic::{AtomicBool, Ordering};

use linfa::prelude::*;
use linfa_bayes::MultinomialNb;
use ndarray::{Array1, Array2};
use rayon::prelude::*;

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::features::{select_vocabulary, Vocabulary};
use crate::quiet::StderrSilenced;

use super::calibrate::calibrate;
use super::counter::{Candidates, Counter, HashedDoc, CHUNK};
use super::file::{ClassParams, ModelData, TrainingSummary};
use super::parts::{self, Partition};
use super::second_stage;
use super::{Calibration, TopicModel, TrainParams, ValidTrainParams, OTHER};

/// Progress of a training run, reported to [`FitHooks::progress`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FitProgress {
    /// Documents counted so far.
    pub documents: u64,
    /// Bytes of text counted so far.
    pub bytes: u64,
}

/// Optional callbacks while fitting.
#[derive(Default)]
pub struct FitHooks<'a> {
    /// Called after each chunk of documents.
    pub progress: Option<&'a (dyn Fn(FitProgress) + Sync)>,
    /// When set to true, fitting stops with [`Error::Interrupted`] at the next chunk.
    pub cancel: Option<&'a AtomicBool>,
}

impl ValidTrainParams {
    /// Trains a model from labelled articles, streaming: articles are counted in chunks and
    /// dropped. Fails on an article without a label or with an unknown label (naming where it
    /// was read), and on data where a label has no documents.
    pub fn fit<I>(&self, articles: I, hooks: &FitHooks<'_>) -> Result<TopicModel>
    where
        I: IntoIterator<Item = Result<Article>>,
        I::IntoIter: Send,
    {
        let mut articles = articles.into_iter();
        let mut next = self.read_chunk(&mut articles);
        // `other`'s parts are learned from the first chunk (`parts.rs`).
        let partition = match &next {
            Ok(first) => Partition::learn(self, first),
            Err(_) => None,
        };
        let mut counter = Counter::new(self, partition);
        loop {
            let chunk = next?;
            if chunk.is_empty() {
                break;
            }
            let full = chunk.len() == CHUNK;
            // Count this chunk while the next one is read.
            let (counted, following) = rayon::join(
                || counter.add_chunk(chunk),
                || {
                    if full {
                        self.read_chunk(&mut articles)
                    } else {
                        Ok(Vec::new())
                    }
                },
            );
            counted?;
            report(hooks, &counter)?;
            next = following;
        }
        counter.finish()
    }

    fn read_chunk(
        &self,
        articles: &mut impl Iterator<Item = Result<Article>>,
    ) -> Result<Vec<(usize, Article)>> {
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in articles.by_ref() {
            let article = item?;
            let label = self.label_index(&article)?;
            chunk.push((label, article));
            if chunk.len() == CHUNK {
                break;
            }
        }
        Ok(chunk)
    }

    /// Trains from articles already in memory (as [`fit`](Self::fit)).
    pub fn fit_articles(&self, articles: &[Article]) -> Result<TopicModel> {
        self.fit(articles.iter().cloned().map(Ok), &FitHooks::default())
    }

    fn label_index(&self, article: &Article) -> Result<usize> {
        let Some(label) = article.label.as_deref() else {
            return Err(Error::input(
                article.source.clone(),
                format!(
                    "article has no label; expected a \"label\" field or a LABEL/ folder ({})",
                    self.labels().join(", ")
                ),
            ));
        };
        self.labels()
            .iter()
            .position(|l| l == label)
            .ok_or_else(|| {
                Error::input(
                    article.source.clone(),
                    format!(
                        "unknown label \"{label}\"; expected one of: {}",
                        self.labels().join(", ")
                    ),
                )
            })
    }
}

fn report(hooks: &FitHooks<'_>, counter: &Counter<'_>) -> Result<()> {
    if let Some(cancel) = hooks.cancel {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
    }
    if let Some(progress) = hooks.progress {
        progress(FitProgress {
            documents: counter.documents,
            bytes: counter.bytes,
        });
    }
    Ok(())
}

impl Counter<'_> {
    fn finish(self) -> Result<TopicModel> {
        let params = self.params;
        let k = params.labels().len();
        if self.documents == 0 {
            return Err(Error::Data("no training documents".into()));
        }
        // Documents per label (`other`'s parts together).
        let mut docs_per_label = self.docs_per_label.clone();
        docs_per_label.truncate(k);
        if let Some(p) = &self.partition {
            for c in k..self.k {
                docs_per_label[p.other()] += self.docs_per_label[c];
            }
        }
        let empty: Vec<&str> = params
            .labels()
            .iter()
            .zip(&docs_per_label)
            .filter(|(_, &n)| n == 0)
            .map(|(l, _)| l.as_str())
            .collect();
        if !empty.is_empty() {
            return Err(Error::Setting {
                setting: "labels",
                problem: format!(
                    "name label(s) {} with no training documents; every label needs examples \
                     (or leave it out)",
                    empty.join(", ")
                ),
            });
        }
        let distinct = self.distinct() as u64;
        // Only tokens that can make the vocabulary are gathered: a few tens of thousands
        // instead of every token seen twice (up to a million, and their memory).
        let cutoff = self.df_cutoff(params.min_df(), params.max_features());
        let candidates: Vec<Candidates<'_>> = self
            .stats
            .par_iter()
            .map(|shard| shard.candidates(cutoff))
            .collect();
        let chosen = select_vocabulary(
            candidates.iter().flat_map(Candidates::stats),
            params.min_df(),
            params.max_features(),
        );
        if chosen.is_empty() {
            return Err(Error::Setting {
                setting: "min_df",
                problem: format!(
                    "is {0}, but no token appears in {0} or more documents; add data or lower it",
                    params.min_df()
                ),
            });
        }
        let v = chosen.len();
        let mut sums = Array2::<f64>::zeros((self.k, v));
        for (j, s) in chosen.iter().enumerate() {
            for c in 0..self.k {
                sums[[c, j]] = s.class_counts[c];
            }
        }
        // One row per label, then per part of `other` (`parts.rs`).
        let layout = parts::layout(sums, &self.docs_per_label, k, self.partition.as_ref());
        let sums = &layout.rows;
        // The terms in column order, indexed when the model is built (`from_data`).
        let terms = Vocabulary::unindexed(chosen.iter().map(|s| s.text)).map_err(|message| {
            Error::Model {
                path: String::new(),
                message,
            }
        })?;
        let assemble = |feature_log_prob: &[Vec<f64>],
                        sample: &[HashedDoc]|
         -> Result<TopicModel> {
            let total = self.documents as f64;
            let row = |c: usize, label: &str| ClassParams {
                label: label.to_owned(),
                documents: layout.documents[c],
                prior: layout.documents[c] as f64 / total,
                feature_count: sums.row(c).to_vec(),
                feature_log_prob: feature_log_prob[c].clone(),
            };
            let classes: Vec<ClassParams> = (0..k).map(|c| row(c, &params.labels()[c])).collect();
            let parts: Vec<ClassParams> = (k..k + layout.parts).map(|c| row(c, OTHER)).collect();
            let data = ModelData {
                params: TrainParams::from(params.clone()),
                vocabulary: terms.clone(),
                classes,
                calibration: Calibration {
                    temperature: 1.0,
                    length_exponent: 0.0,
                    min_confidence: 0.0,
                    held_out_accuracy: f64::NAN,
                    sample: 0,
                },
                summary: TrainingSummary {
                    documents: self.documents,
                    documents_per_label: docs_per_label.clone(),
                    bytes: self.bytes,
                    distinct_tokens: distinct,
                },
                parts,
                second_stage: None,
            };
            let mut model = TopicModel::from_data(data)?;
            model.data.calibration = calibrate(&model, sample);
            model.data.second_stage = second_stage::fit_on_sample(&model, sample);
            Ok(model)
        };
        // linfa's fit (slow when built with the published crate's leftover `dbg!`, see the
        // module's notes). Meanwhile, on the other core, the calibration sample is tokenised
        // and the model is assembled and calibrated from the same formula computed here; it is
        // kept only when linfa's parameters are bit for bit the same, so the model is always
        // linfa's.
        let (fitted, (sample, speculative)) = rayon::join(
            || fit_linfa_on_class_sums(sums, params.alpha()),
            || {
                let mut sample = self.tokenize_sample();
                // Counted under their parts' columns; the model's columns may differ.
                for (column, _) in &mut sample {
                    *column = layout.remap[*column];
                }
                let guess = smoothed_log_probs(sums, params.alpha());
                let model = assemble(&guess, &sample).map(|model| (guess, model));
                (sample, model)
            },
        );
        let fitted = fitted?;
        match speculative {
            Ok((guess, model)) if same_bits(&guess, &fitted) => Ok(model),
            _ => assemble(&fitted, &sample),
        }
    }
}

/// Per-class feature log-probabilities computed as linfa-bayes' multinomial fit computes them
/// (`ln(count + alpha) - ln(sum(count + alpha))`, the sum by ndarray), for one row per class.
fn smoothed_log_probs(sums: &Array2<f64>, alpha: f64) -> Vec<Vec<f64>> {
    sums.rows()
        .into_iter()
        .map(|row| {
            let smoothed = row.mapv(|x| x + alpha);
            let total = smoothed.sum();
            smoothed.iter().map(|x| x.ln() - total.ln()).collect()
        })
        .collect()
}

fn same_bits(a: &[Vec<f64>], b: &[Vec<f64>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.to_bits() == q.to_bits())
        })
}

/// Runs linfa-bayes' `fit` on one row per class (its summed counts) and returns each class's
/// feature log-probabilities, in class order.
fn fit_linfa_on_class_sums(sums: &Array2<f64>, alpha: f64) -> Result<Vec<Vec<f64>>> {
    let k = sums.nrows();
    let targets = Array1::from_iter(0..k);
    let dataset = DatasetView::new(sums.view(), targets.view());
    let params = MultinomialNb::<f64, usize>::params().alpha(alpha);
    let fitted = {
        let _quiet = StderrSilenced::new();
        params.fit(&dataset)
    }
    .map_err(|e| Error::Data(format!("naive Bayes fit failed: {e}")))?;
    let value = serde_json::to_value(&fitted)
        .map_err(|e| Error::Data(format!("cannot read fitted parameters: {e}")))?;
    (0..k)
        .map(|c| {
            let info = &value["class_info"][c.to_string()];
            let data = info["feature_log_prob"]["data"]
                .as_array()
                .ok_or_else(|| Error::Data("fitted model lacks feature_log_prob".into()))?;
            data.iter()
                .map(|x| {
                    x.as_f64()
                        .ok_or_else(|| Error::Data("non-numeric log-probability".into()))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::counter::splitmix;
    use super::*;

    /// The model is assembled from these while linfa fits; if they ever stopped matching
    /// linfa bit for bit, training would silently take twice as long at the end.
    #[test]
    fn linfa_formula_replica_matches_linfa_bit_for_bit() {
        let mut state = 7u64;
        for (k, v) in [(2, 5), (4, 3001), (5, 40_000)] {
            let sums = Array2::from_shape_fn((k, v), |(c, j)| {
                state = splitmix(state);
                match state % 5 {
                    0 => 0.0,
                    1 => (state % 7) as f64 * 3.0,
                    _ => (state % 100_000) as f64 / (1.0 + (c + j % 3) as f64),
                }
            });
            for alpha in [1.0, 0.02, 1e-9] {
                let guess = smoothed_log_probs(&sums, alpha);
                let linfa = fit_linfa_on_class_sums(&sums, alpha).unwrap();
                assert!(same_bits(&guess, &linfa), "k={k} v={v} alpha={alpha}");
            }
        }
    }
}
