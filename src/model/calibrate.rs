//! Calibration: how raw naive Bayes log-likelihoods become confidences, fitted on
//! leave-one-out scores of a sample of the training documents.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::features::{merge_counts, SparseCounts};
use crate::metrics::macro_f1;

use super::counter::HashedDoc;
use super::{argmax, TopicModel};

/// How raw naive Bayes log-likelihoods become confidences.
///
/// Naive Bayes posteriors are overconfident, more so the longer the document, because its
/// tokens are not independent. So the log-likelihood gaps are divided by `tokens ^
/// length_exponent` and scaled by `temperature` before a softmax; both are fitted to minimise the
/// log-loss of leave-one-out predictions on training documents the model did not count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Multiplier of the length-normalised log-likelihood gaps.
    pub temperature: f64,
    /// Exponent of the length normalisation (0: none, 1: per token).
    pub length_exponent: f64,
    /// Confidence below which a topic prediction is reported as `other`, chosen to maximise
    /// macro-F1 of the leave-one-out predictions. 0 when the model has no `other` label.
    pub min_confidence: f64,
    /// Leave-one-out accuracy on the calibration sample, for the model card.
    pub held_out_accuracy: f64,
    /// Documents in the calibration sample.
    pub sample: u64,
}

/// Leave-one-out scores of sampled training documents, then a fit of the confidence mapping.
/// Each sampled document is labelled with its scoring column (its label, or its part of
/// `other`); its leave-one-out scores are the labels' (parts summed, as in scoring).
pub(super) fn calibrate(model: &TopicModel, sample: &[HashedDoc]) -> Calibration {
    let k = model.k();
    let columns = model.columns;
    let alpha = model.data.params.alpha();
    let v = model.data.vocabulary.len() as f64;
    let totals: Vec<f64> = (0..columns)
        .map(|c| model.column(c).feature_count.iter().sum::<f64>())
        .collect();
    let n: f64 = (0..columns).map(|c| model.column(c).documents as f64).sum();
    // (true label, leave-one-out log-likelihoods, tokens)
    let held_out: Vec<(usize, Vec<f64>, f64)> = sample
        .par_iter()
        .filter_map(|(label, doc)| {
            let counts: SparseCounts = merge_counts(
                doc.iter()
                    .filter_map(|&(h, w)| model.data.vocabulary.column(h).map(|c| (c, w)))
                    .collect(),
            );
            let own = model.column(*label);
            if own.documents < 2 {
                return None;
            }
            let tokens: f64 = counts.iter().map(|&(_, w)| w).sum();
            let mut jll = vec![0.0; columns];
            for (c, out) in jll.iter_mut().enumerate() {
                let class = model.column(c);
                if c == *label {
                    let denom = (totals[c] - tokens + alpha * v).ln();
                    let mut s = ((class.documents as f64 - 1.0) / (n - 1.0)).ln();
                    for &(j, x) in &counts {
                        let cnt = (class.feature_count[j as usize] - x).max(0.0);
                        s += x * ((cnt + alpha).ln() - denom);
                    }
                    *out = s;
                } else {
                    let mut s = (class.documents as f64 / (n - 1.0)).ln();
                    for &(j, x) in &counts {
                        s += x * class.feature_log_prob[j as usize];
                    }
                    *out = s;
                }
            }
            Some((model.column_label(*label), model.collapse(jll), tokens))
        })
        .collect();
    if held_out.is_empty() {
        return Calibration {
            temperature: 1.0,
            length_exponent: 0.0,
            min_confidence: 0.0,
            held_out_accuracy: f64::NAN,
            sample: 0,
        };
    }
    let mut best = (f64::INFINITY, 1.0, 0.0);
    for exponent in [0.0, 0.25, 0.5, 0.75, 1.0] {
        // Each document's gaps to its best label, length-normalised once per exponent.
        let gaps: Vec<(usize, Vec<f64>)> = held_out
            .iter()
            .map(|(label, jll, tokens)| {
                let max = jll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let norm = tokens.max(1.0).powf(exponent);
                (*label, jll.iter().map(|l| (l - max) / norm).collect())
            })
            .collect();
        let log_loss = |temperature: f64| -> f64 {
            let mut loss = 0.0;
            for (label, gap) in &gaps {
                let sum: f64 = gap.iter().map(|g| (g * temperature).exp()).sum();
                loss -= (gap[*label] * temperature - sum.ln()).max(-27.6);
            }
            loss / gaps.len() as f64
        };
        // Golden-section search of log(temperature) in [-8, 6]; 40 steps narrow it to 1e-7.
        let (mut lo, mut hi) = (-8.0f64, 6.0f64);
        let g = (5f64.sqrt() - 1.0) / 2.0;
        for _ in 0..40 {
            let a = hi - g * (hi - lo);
            let b = lo + g * (hi - lo);
            if log_loss(a.exp()) < log_loss(b.exp()) {
                hi = b;
            } else {
                lo = a;
            }
        }
        let t = ((lo + hi) / 2.0).exp();
        let loss = log_loss(t);
        if loss < best.0 {
            best = (loss, t, exponent);
        }
    }
    let (_, temperature, length_exponent) = best;
    let predictions: Vec<(usize, usize, f64)> = held_out
        .iter()
        .map(|(label, jll, tokens)| {
            let p = softmax_calibrated(jll, *tokens, temperature, length_exponent);
            let b = argmax(&p);
            (*label, b, p[b])
        })
        .collect();
    let accuracy =
        predictions.iter().filter(|(t, p, _)| t == p).count() as f64 / predictions.len() as f64;
    let min_confidence = match model.other {
        None => 0.0,
        Some(other) => {
            // Macro-F1 of "below t -> other" for t = 0, 0.05, ..., 0.95. Among thresholds
            // within 0.005 of the best, the lowest wins: clean training passages reward
            // rejection more than real pages do, so reject no more than the data asks for.
            let scores: Vec<(f64, f64)> = (0..20)
                .map(|step| {
                    let t = f64::from(step) * 0.05;
                    let pairs: Vec<(usize, usize)> = predictions
                        .iter()
                        .map(|&(truth, pred, conf)| {
                            if pred != other && conf < t {
                                (truth, other)
                            } else {
                                (truth, pred)
                            }
                        })
                        .collect();
                    (t, macro_f1(&pairs, k))
                })
                .collect();
            let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
            scores
                .iter()
                .find(|s| s.1 >= best - 0.005)
                .map_or(0.0, |s| s.0)
        }
    };
    Calibration {
        temperature,
        length_exponent,
        min_confidence,
        held_out_accuracy: accuracy,
        sample: held_out.len() as u64,
    }
}

/// Softmax of length-normalised, temperature-scaled log-likelihood gaps. Subtracting the
/// maximum first keeps every exponent at most 0, so nothing overflows.
pub(super) fn softmax_calibrated(
    jll: &[f64],
    tokens: f64,
    temperature: f64,
    exponent: f64,
) -> Vec<f64> {
    let max = jll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = temperature / tokens.max(1.0).powf(exponent);
    let mut p: Vec<f64> = jll.iter().map(|&l| ((l - max) * scale).exp()).collect();
    let sum: f64 = p.iter().sum();
    for x in &mut p {
        *x /= sum;
    }
    p
}
