//! Issue 13 item 5, experiment: does a second-stage linear model, applied only where naive
//! Bayes says a topic (or only where its margin is small), cut false alarms on the stream
//! tuning sets without losing recall?
//!
//! `cargo run --release --example second_stage` (from the repository root). Trains on
//! `training/` only; scores the five stream tuning sets and a 5-fold cross-validation.
//!
//! The second stage: one binary logistic regression per topic (the topic against every other
//! training document), L2-regularised, on the NB model's own counts (title weighted) turned
//! into log(1 + count) x idf and L2-normalised; fitted by full-batch gradient descent (Adam), so
//! the experiment needs no new dependency. Rule: when NB decides topic `t` (and, optionally,
//! its confidence is below `gate`), the document stays `t` only if the topic's logistic
//! probability is at least `theta`; otherwise it becomes `other`.

use std::path::PathBuf;

use newsline::corpus::{read_all, Article, ReadOptions};
use newsline::features::SparseCounts;
use newsline::model::{StreamPrior, TopicModel, TrainParams, OTHER};
use newsline::page::lead_text;

const SETS: [&str; 5] = ["dev", "heldout", "heldout-2", "heldout-3", "heldout-4"];

/// Per-topic binary logistic regressions over tf-idf features.
struct SecondStage {
    idf: Vec<f64>,
    /// One weight vector (vocabulary + bias) per label; empty for `other`.
    weights: Vec<Vec<f64>>,
}

/// The second stage's features of a document. `SS_MODE` picks them: `l2` (default)
/// log(1 + count) x idf, L2-normalised; `tf` count / total count (idf folded into the weights
/// by the fit, so scoring adds one multiply-add per token and topic); `l1` count x idf /
/// sum(count x idf).
fn features(idf: &[f64], counts: &SparseCounts) -> Vec<(u32, f64)> {
    let mode = std::env::var("SS_MODE").unwrap_or_else(|_| "l2".into());
    let mut x: Vec<(u32, f64)> = match mode.as_str() {
        "tf" => counts.to_vec(),
        "l1" => counts
            .iter()
            .map(|&(j, c)| (j, c * idf[j as usize]))
            .collect(),
        _ => counts
            .iter()
            .map(|&(j, c)| (j, c.ln_1p() * idf[j as usize]))
            .collect(),
    };
    let norm = match mode.as_str() {
        "tf" | "l1" => x.iter().map(|(_, v)| v).sum::<f64>(),
        _ => x.iter().map(|(_, v)| v * v).sum::<f64>().sqrt(),
    };
    if norm > 0.0 {
        for (_, v) in &mut x {
            *v /= norm;
        }
    }
    x
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn dot(w: &[f64], x: &[(u32, f64)]) -> f64 {
    let bias = w[w.len() - 1];
    bias + x.iter().map(|&(j, v)| w[j as usize] * v).sum::<f64>()
}

/// Binary logistic regression: mean log-loss + lambda/2 |w|^2 (bias not penalised), Adam.
fn fit_binary(xs: &[Vec<(u32, f64)>], ys: &[f64], dim: usize, lambda: f64) -> Vec<f64> {
    let mut w = vec![0.0; dim + 1];
    let (mut m, mut v) = (vec![0.0; dim + 1], vec![0.0; dim + 1]);
    let (b1, b2, lr, eps) = (0.9f64, 0.999f64, 0.05, 1e-8);
    let n = xs.len() as f64;
    let iterations: i32 = std::env::var("SS_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    for it in 1..=iterations {
        let mut g = vec![0.0; dim + 1];
        for (x, &y) in xs.iter().zip(ys) {
            let e = sigmoid(dot(&w, x)) - y;
            for &(j, val) in x {
                g[j as usize] += e * val / n;
            }
            g[dim] += e / n;
        }
        for (gj, wj) in g.iter_mut().zip(&w).take(dim) {
            *gj += lambda * wj;
        }
        let (c1, c2) = (1.0 - b1.powi(it), 1.0 - b2.powi(it));
        for j in 0..=dim {
            m[j] = b1 * m[j] + (1.0 - b1) * g[j];
            v[j] = b2 * v[j] + (1.0 - b2) * g[j] * g[j];
            w[j] -= lr * (m[j] / c1) / ((v[j] / c2).sqrt() + eps);
        }
    }
    w
}

impl SecondStage {
    fn fit(model: &TopicModel, train: &[Article], lambda: f64) -> SecondStage {
        let mut analyzer = model.analyzer();
        let dim = model.vocabulary().len();
        let counts: Vec<SparseCounts> = train
            .iter()
            .map(|a| model.counts(&mut analyzer, &a.title, &lead_text(&a.text)))
            .collect();
        let mut df = vec![0.0f64; dim];
        for c in &counts {
            for &(j, _) in c {
                df[j as usize] += 1.0;
            }
        }
        let n = train.len() as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|d| ((1.0 + n) / (1.0 + d)).ln() + 1.0)
            .collect();
        let xs: Vec<Vec<(u32, f64)>> = counts.iter().map(|c| features(&idf, c)).collect();
        let labels: Vec<usize> = train
            .iter()
            .map(|a| {
                model
                    .label_index(a.label.as_deref().unwrap_or(OTHER))
                    .unwrap_or(0)
            })
            .collect();
        let other = model.label_index(OTHER);
        let weights = (0..model.k())
            .map(|t| {
                if Some(t) == other {
                    return Vec::new();
                }
                let ys: Vec<f64> = labels
                    .iter()
                    .map(|&l| f64::from(u8::from(l == t)))
                    .collect();
                fit_binary(&xs, &ys, dim, lambda)
            })
            .collect();
        SecondStage { idf, weights }
    }

    fn probability(&self, counts: &SparseCounts, topic: usize) -> f64 {
        sigmoid(dot(&self.weights[topic], &features(&self.idf, counts)))
    }
}

/// One scored document: truth, NB's decision and confidence, and each topic's second-stage
/// probability.
struct Scored {
    truth: usize,
    nb: usize,
    confidence: f64,
    stage: Vec<f64>,
}

fn score(model: &TopicModel, stage: &SecondStage, docs: &[Article]) -> Vec<Scored> {
    let mut analyzer = model.analyzer();
    docs.iter()
        .map(|a| {
            let lead = lead_text(&a.text);
            let (p, d) = model.decide_article(&mut analyzer, &a.title, &lead, None);
            let _ = p;
            let counts = model.counts(&mut analyzer, &a.title, &lead);
            let stage = (0..model.k())
                .map(|t| {
                    if stage.weights[t].is_empty() {
                        0.0
                    } else {
                        stage.probability(&counts, t)
                    }
                })
                .collect();
            Scored {
                truth: model
                    .label_index(a.label.as_deref().unwrap_or(OTHER))
                    .unwrap_or(0),
                nb: d.label,
                confidence: d.confidence,
                stage,
            }
        })
        .collect()
}

/// The decision with the second stage: `theta` 0 is NB alone.
fn decide(s: &Scored, other: usize, theta: f64, gate: f64) -> usize {
    if s.nb != other && s.confidence < gate && s.stage[s.nb] < theta {
        other
    } else {
        s.nb
    }
}

/// (topic macro-F1, flagged `other`, `other` count, per-topic (precision, recall)).
fn figures(
    scored: &[Scored],
    other: usize,
    k: usize,
    theta: f64,
    gate: f64,
) -> (f64, usize, usize, Vec<(f64, f64)>) {
    let mut per = Vec::new();
    let mut f1s = 0.0;
    for t in (0..k).filter(|&t| t != other) {
        let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
        for s in scored {
            let d = decide(s, other, theta, gate);
            match (s.truth == t, d == t) {
                (true, true) => tp += 1.0,
                (false, true) => fp += 1.0,
                (true, false) => fneg += 1.0,
                _ => {}
            }
        }
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let r = if tp + fneg > 0.0 {
            tp / (tp + fneg)
        } else {
            1.0
        };
        f1s += if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        per.push((p, r));
    }
    let others = scored.iter().filter(|s| s.truth == other).count();
    let flagged = scored
        .iter()
        .filter(|s| s.truth == other && decide(s, other, theta, gate) != other)
        .count();
    (f1s / per.len() as f64, flagged, others, per)
}

fn main() -> newsline::Result<()> {
    let read = ReadOptions::default();
    let (train, _) = read_all(&[PathBuf::from("training")], read.clone())?;
    // Naive Bayes alone: the built-in model's settings with its own second stage off (the
    // same bytes as the model committed before the second stage).
    let params = TrainParams::from(TopicModel::builtin()?.params().clone())
        .second_stage_min(0.0)
        .check()?;
    let model = params.fit_articles(&train)?;
    let other = model.label_index(OTHER).unwrap_or(0);
    let k = model.k();
    let sets: Vec<(&str, Vec<Article>)> = SETS
        .iter()
        .map(|s| {
            let path = PathBuf::from(format!("tests/data/stream/{s}.jsonl"));
            read_all(&[path], read.clone()).map(|(a, _)| (*s, a))
        })
        .collect::<newsline::Result<_>>()?;
    let thetas = [
        0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8,
    ];
    let gates = [1.01];
    let lambdas: Vec<f64> = std::env::var("SS_LAMBDAS")
        .unwrap_or_else(|_| "1e-5,3e-5,1e-4".into())
        .split(',')
        .filter_map(|l| l.parse().ok())
        .collect();
    for &lambda in &lambdas {
        let stage = SecondStage::fit(&model, &train, lambda);
        let scored: Vec<(&str, Vec<Scored>)> = sets
            .iter()
            .map(|(name, docs)| (*name, score(&model, &stage, docs)))
            .collect();
        for &gate in &gates {
            for &theta in &thetas {
                let mut line = format!("lambda {lambda:e} gate {gate:.2} theta {theta:.2} |");
                let (mut f1m, mut flag, mut oth, mut minr, mut minp) = (0.0, 0, 0, 1.0f64, 1.0f64);
                let mut lost = 0;
                for (name, sc) in &scored {
                    let (f1, fl, o, per) = figures(sc, other, k, theta, gate);
                    f1m += f1 / scored.len() as f64;
                    lost += sc
                        .iter()
                        .filter(|s| s.truth != other && decide(s, other, theta, gate) != s.truth)
                        .count();
                    flag += fl;
                    oth += o;
                    for &(p, r) in &per {
                        minr = minr.min(r);
                        minp = minp.min(p);
                    }
                    let pr: Vec<String> =
                        per.iter().map(|(p, r)| format!("{p:.3}/{r:.3}")).collect();
                    line += &format!(" {name} F1 {f1:.4} flag {fl}/{o} P/R {} |", pr.join(" "));
                }
                println!(
                    "{line} MEAN F1 {f1m:.4} flagged {flag}/{oth} ({:.2}%) topics missed {lost} min P {minp:.3} min R {minr:.3}",
                    100.0 * flag as f64 / oth as f64
                );
            }
        }
    }
    // Cross-validation on the balanced corpus (corpus prior, as `evaluate --folds`).
    cross_validate(&model, &train)?;
    Ok(())
}

fn cross_validate(model: &TopicModel, train: &[Article]) -> newsline::Result<()> {
    let folds = 5;
    let lambda: f64 = std::env::var("SS_CV_LAMBDA")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1e-5);
    let other = model.label_index(OTHER).unwrap_or(0);
    let k = model.k();
    let mut all: Vec<Scored> = Vec::new();
    for f in 0..folds {
        let fit: Vec<Article> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, a)| a.clone())
            .collect();
        let test: Vec<Article> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == f)
            .map(|(_, a)| a.clone())
            .collect();
        let mut nb = model.params().fit_articles(&fit)?;
        nb.set_stream_prior(StreamPrior::corpus())?;
        let stage = SecondStage::fit(&nb, &fit, lambda);
        all.extend(score(&nb, &stage, &test));
    }
    for theta in [0.0, 0.3, 0.4, 0.45, 0.5, 0.6] {
        let acc_pairs: Vec<(usize, usize)> = all
            .iter()
            .map(|s| (s.truth, decide(s, other, theta, 1.01)))
            .collect();
        // Macro-F1 over all four labels.
        let mut f1 = 0.0;
        for c in 0..k {
            let tp = acc_pairs.iter().filter(|p| p.0 == c && p.1 == c).count() as f64;
            let fp = acc_pairs.iter().filter(|p| p.0 != c && p.1 == c).count() as f64;
            let fneg = acc_pairs.iter().filter(|p| p.0 == c && p.1 != c).count() as f64;
            f1 += 2.0 * tp / (2.0 * tp + fp + fneg);
        }
        println!(
            "CV 5 folds (index mod 5), lambda {lambda:e}, theta {theta:.2}: macro-F1 {:.4}",
            f1 / k as f64
        );
    }
    Ok(())
}
