//! Evaluation: accuracy, macro-F1, per-label precision/recall/F1, confusion matrix, and
//! stratified k-fold cross-validation.

use serde::Serialize;

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::model::{TopicModel, ValidTrainParams};

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelScores {
    /// The label.
    pub label: String,
    /// Of the documents predicted as this label, the share that truly have it.
    pub precision: f64,
    /// Of the documents that have this label, the share predicted as it.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Documents that truly have this label.
    pub support: u64,
}

/// Scores of a set of predictions against true labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// The labels, in the order of the confusion matrix.
    pub labels: Vec<String>,
    /// Documents scored.
    pub documents: u64,
    /// Share of documents labelled correctly.
    pub accuracy: f64,
    /// Unweighted mean of the labels' F1.
    pub macro_f1: f64,
    /// Per-label scores, in label order.
    pub per_label: Vec<LabelScores>,
    /// `confusion[truth][predicted]` document counts.
    pub confusion: Vec<Vec<u64>>,
}

fn confusion(pairs: &[(usize, usize)], k: usize) -> Vec<Vec<u64>> {
    let mut m = vec![vec![0u64; k]; k];
    for &(t, p) in pairs {
        m[t][p] += 1;
    }
    m
}

fn f1_of(m: &[Vec<u64>], c: usize) -> (f64, f64, f64, u64) {
    let k = m.len();
    let tp = m[c][c] as f64;
    let predicted: u64 = (0..k).map(|t| m[t][c]).sum();
    let support: u64 = m[c].iter().sum();
    let precision = if predicted == 0 {
        0.0
    } else {
        tp / predicted as f64
    };
    let recall = if support == 0 {
        0.0
    } else {
        tp / support as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1, support)
}

/// Macro-F1 of `(truth, predicted)` label indices over `k` labels (labels never seen in truth
/// nor predicted are left out of the mean).
pub fn macro_f1(pairs: &[(usize, usize)], k: usize) -> f64 {
    let m = confusion(pairs, k);
    let mut sum = 0.0;
    let mut n = 0;
    for c in 0..k {
        let seen = m[c].iter().sum::<u64>() + (0..k).map(|t| m[t][c]).sum::<u64>();
        if seen > 0 {
            sum += f1_of(&m, c).2;
            n += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        sum / f64::from(n)
    }
}

/// Scores `(truth, predicted)` label indices.
pub fn metrics(pairs: &[(usize, usize)], labels: &[String]) -> Metrics {
    let k = labels.len();
    let m = confusion(pairs, k);
    let correct: u64 = (0..k).map(|c| m[c][c]).sum();
    let per_label = (0..k)
        .map(|c| {
            let (precision, recall, f1, support) = f1_of(&m, c);
            LabelScores {
                label: labels[c].clone(),
                precision,
                recall,
                f1,
                support,
            }
        })
        .collect();
    Metrics {
        labels: labels.to_vec(),
        documents: pairs.len() as u64,
        accuracy: if pairs.is_empty() {
            0.0
        } else {
            correct as f64 / pairs.len() as f64
        },
        macro_f1: macro_f1(pairs, k),
        per_label,
        confusion: m,
    }
}

fn truth(model_labels: &[String], article: &Article) -> Result<usize> {
    let label = article.label.as_deref().ok_or_else(|| {
        Error::input(
            article.source.clone(),
            "article has no label; evaluation needs labelled data",
        )
    })?;
    model_labels.iter().position(|l| l == label).ok_or_else(|| {
        Error::input(
            article.source.clone(),
            format!(
                "unknown label \"{label}\"; expected one of: {}",
                model_labels.join(", ")
            ),
        )
    })
}

/// `(truth, predicted)` pairs of a model on labelled articles, with the confidence threshold
/// applied (`None`: the model's default).
pub fn predict_pairs(
    model: &TopicModel,
    articles: &[Article],
    min_confidence: Option<f64>,
) -> Result<Vec<(usize, usize)>> {
    let mut analyzer = model.analyzer();
    articles
        .iter()
        .map(|a| {
            let t = truth(model.labels(), a)?;
            let p = model.predict_article(&mut analyzer, a);
            Ok((t, model.decide(&p, min_confidence).label))
        })
        .collect()
}

/// Scores a trained model on labelled held-out articles.
pub fn evaluate_model(
    model: &TopicModel,
    articles: &[Article],
    min_confidence: Option<f64>,
) -> Result<Metrics> {
    let pairs = predict_pairs(model, articles, min_confidence)?;
    Ok(metrics(&pairs, model.labels()))
}

/// Stratified fold assignment: each label's articles are shuffled with a fixed seed and dealt
/// round-robin, so every fold holds about 1/k of each label. Returns the fold of each article.
pub fn stratified_folds(labels: &[usize], folds: usize, seed: u64) -> Vec<usize> {
    let max = labels.iter().copied().max().map_or(0, |m| m + 1);
    let mut out = vec![0; labels.len()];
    let mut state = seed;
    for label in 0..max {
        let mut idx: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == label).collect();
        // Fisher-Yates with splitmix64.
        for i in (1..idx.len()).rev() {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let j = (z % (i as u64 + 1)) as usize;
            idx.swap(i, j);
        }
        for (n, i) in idx.into_iter().enumerate() {
            out[i] = n % folds;
        }
    }
    out
}

/// Result of cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossValidation {
    /// Number of folds.
    pub folds: usize,
    /// Scores over all held-out predictions, with each fold model's confidence threshold.
    pub metrics: Metrics,
    /// Scores of the bare argmax (no confidence threshold).
    pub argmax_metrics: Metrics,
    /// Macro-F1 of each fold.
    pub fold_macro_f1: Vec<f64>,
    /// Every held-out article labelled wrongly (with the threshold applied).
    pub errors: Vec<Misclassified>,
}

/// A held-out article the model labelled wrongly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Misclassified {
    /// The article's id.
    pub id: String,
    /// Its true label.
    pub truth: String,
    /// The label given.
    pub predicted: String,
    /// Confidence of the label given.
    pub confidence: f64,
    /// Its title, or the start of its text.
    pub title: String,
}

/// Stratified k-fold cross-validation: trains on k-1 folds, predicts the held-out fold.
/// Every article is predicted once by a model that never saw it.
pub fn cross_validate(
    params: &ValidTrainParams,
    articles: &[Article],
    folds: usize,
) -> Result<CrossValidation> {
    if folds < 2 {
        return Err(Error::Settings(format!(
            "--folds is {folds}, expected at least 2"
        )));
    }
    let labels: Vec<usize> = articles
        .iter()
        .map(|a| truth(&params.labels, a))
        .collect::<Result<_>>()?;
    for (c, name) in params.labels.iter().enumerate() {
        let n = labels.iter().filter(|&&l| l == c).count();
        if n < folds {
            return Err(Error::Data(format!(
                "label \"{name}\" has {n} documents, fewer than the {folds} folds"
            )));
        }
    }
    let fold_of = stratified_folds(&labels, folds, 0x6E65_7773_6C69_6E65);
    let mut pairs = Vec::new();
    let mut argmax_pairs = Vec::new();
    let mut fold_f1 = Vec::new();
    let mut errors = Vec::new();
    for f in 0..folds {
        let train = articles
            .iter()
            .zip(&fold_of)
            .filter(|(_, &g)| g != f)
            .map(|(a, _)| Ok(a.clone()));
        let model = params.fit(train, &crate::model::FitHooks::default())?;
        let test = articles
            .iter()
            .zip(&fold_of)
            .filter(|(_, &g)| g == f)
            .map(|(a, _)| a);
        let mut analyzer = model.analyzer();
        let mut fold_pairs = Vec::new();
        for a in test {
            let t = truth(model.labels(), a)?;
            let p = model.predict_article(&mut analyzer, a);
            let d = model.decide(&p, None);
            if d.label != t {
                let title = if a.title.is_empty() {
                    a.text.chars().take(80).collect()
                } else {
                    a.title.clone()
                };
                errors.push(Misclassified {
                    id: a.id.clone(),
                    truth: params.labels[t].clone(),
                    predicted: params.labels[d.label].clone(),
                    confidence: d.confidence,
                    title,
                });
            }
            fold_pairs.push((t, d.label));
            argmax_pairs.push((t, p.best));
        }
        fold_f1.push(macro_f1(&fold_pairs, params.labels.len()));
        pairs.extend(fold_pairs);
    }
    Ok(CrossValidation {
        folds,
        metrics: metrics(&pairs, &params.labels),
        argmax_metrics: metrics(&argmax_pairs, &params.labels),
        fold_macro_f1: fold_f1,
        errors,
    })
}

impl Metrics {
    /// A plain-text report: accuracy, macro-F1, per-label table and confusion matrix.
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "documents {}  accuracy {:.4}  macro-F1 {:.4}\n\n",
            self.documents, self.accuracy, self.macro_f1
        ));
        s.push_str(&format!(
            "{:<15} {:>9} {:>9} {:>9} {:>8}\n",
            "label", "precision", "recall", "f1", "support"
        ));
        for l in &self.per_label {
            s.push_str(&format!(
                "{:<15} {:>9.4} {:>9.4} {:>9.4} {:>8}\n",
                l.label, l.precision, l.recall, l.f1, l.support
            ));
        }
        s.push_str("\nconfusion (rows: true label, columns: predicted)\n");
        s.push_str(&format!("{:<15}", ""));
        for l in &self.labels {
            s.push_str(&format!(" {:>13}", l));
        }
        s.push('\n');
        for (t, row) in self.confusion.iter().enumerate() {
            s.push_str(&format!("{:<15}", self.labels[t]));
            for v in row {
                s.push_str(&format!(" {:>13}", v));
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_of_a_small_confusion() {
        let labels: Vec<String> = vec!["a".into(), "b".into()];
        // truth a: 3 (2 right), truth b: 1 (right)
        let m = metrics(&[(0, 0), (0, 0), (0, 1), (1, 1)], &labels);
        assert_eq!(m.confusion, vec![vec![2, 1], vec![0, 1]]);
        assert!((m.accuracy - 0.75).abs() < 1e-12);
        assert!((m.per_label[0].precision - 1.0).abs() < 1e-12);
        assert!((m.per_label[0].recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.per_label[1].precision - 0.5).abs() < 1e-12);
        let f1a = 0.8;
        let f1b = 2.0 / 3.0;
        assert!((m.macro_f1 - (f1a + f1b) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn folds_are_stratified_and_deterministic() {
        let labels: Vec<usize> = (0..100).map(|i| i % 4).collect();
        let f = stratified_folds(&labels, 5, 7);
        assert_eq!(f, stratified_folds(&labels, 5, 7));
        for fold in 0..5 {
            for label in 0..4 {
                let n = (0..100)
                    .filter(|&i| f[i] == fold && labels[i] == label)
                    .count();
                assert_eq!(n, 5);
            }
        }
    }
}
