//! Scores of predicted labels against true ones: confusion matrix, per-label precision, recall
//! and F1, accuracy and macro-F1.
//!
//! A leaf: it imports nothing from the rest of the crate, so both training (which picks the
//! confidence threshold by macro-F1) and evaluation use it without depending on each other.
//! Labels are indices `0..k`; a pair is `(truth, predicted)`.

use serde::Serialize;

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

/// `confusion[truth][predicted]` counts of `(truth, predicted)` pairs over `k` labels.
fn confusion(pairs: &[(usize, usize)], k: usize) -> Vec<Vec<u64>> {
    let mut m = vec![vec![0u64; k]; k];
    for &(t, p) in pairs {
        m[t][p] += 1;
    }
    m
}

/// Precision, recall, F1 and support of label `c` in a confusion matrix.
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
}
