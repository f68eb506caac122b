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
    /// How the topics fare among documents about none of them, when there is a catch-all
    /// label: what matters in a real stream, where most news is about something else.
    pub off_topic: Option<OffTopic>,
    /// How well a second topic is told, when the data names second topics (see
    /// [`second_topic_scores`]); set by the caller.
    pub second_topic: Option<SecondTopic>,
}

/// Scores of a second topic (`also`): pairs of gold and predicted second topics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecondTopic {
    /// Documents with a gold second topic.
    pub gold: u64,
    /// Documents given a second topic.
    pub predicted: u64,
    /// Documents given their gold second topic.
    pub correct: u64,
    /// `correct / predicted`.
    pub precision: f64,
    /// `correct / gold`.
    pub recall: f64,
}

/// Scores `(gold, predicted)` second topics (label indices, `None` for no second topic).
pub fn second_topic_scores(pairs: &[(Option<usize>, Option<usize>)]) -> SecondTopic {
    let gold = pairs.iter().filter(|p| p.0.is_some()).count() as u64;
    let predicted = pairs.iter().filter(|p| p.1.is_some()).count() as u64;
    let correct = pairs.iter().filter(|p| p.0.is_some() && p.0 == p.1).count() as u64;
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    SecondTopic {
        gold,
        predicted,
        correct,
        precision: ratio(correct, predicted),
        recall: ratio(correct, gold),
    }
}

/// Scores of the topics against a catch-all label (`other`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffTopic {
    /// The catch-all label.
    pub label: String,
    /// Documents that truly have the catch-all label.
    pub documents: u64,
    /// Of those, how many were given a topic (false alarms).
    pub flagged: u64,
    /// False alarms per 100 catch-all documents.
    pub per_100: f64,
    /// Mean F1 of the topics (every label but the catch-all).
    pub topic_macro_f1: f64,
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

/// Scores `(truth, predicted)` label indices; `catch_all` is the index of the label that means
/// "none of the topics", if any (see [`OffTopic`]).
pub fn metrics(pairs: &[(usize, usize)], labels: &[String], catch_all: Option<usize>) -> Metrics {
    let k = labels.len();
    let m = confusion(pairs, k);
    let off_topic = catch_all.filter(|&o| o < k).map(|o| {
        let documents: u64 = m[o].iter().sum();
        let flagged = documents - m[o][o];
        let topics: Vec<usize> = (0..k).filter(|&c| c != o).collect();
        OffTopic {
            label: labels[o].clone(),
            documents,
            flagged,
            per_100: if documents == 0 {
                0.0
            } else {
                100.0 * flagged as f64 / documents as f64
            },
            topic_macro_f1: topics.iter().map(|&c| f1_of(&m, c).2).sum::<f64>()
                / topics.len().max(1) as f64,
        }
    });
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
        off_topic,
        second_topic: None,
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
        if let Some(o) = &self.off_topic {
            s.push_str(&format!(
                "\ntopics: macro-F1 {:.4}; {} of {} `{}` documents flagged as a topic ({:.1} per 100)\n",
                o.topic_macro_f1, o.flagged, o.documents, o.label, o.per_100
            ));
        }
        if let Some(a) = &self.second_topic {
            s.push_str(&format!(
                "second topic (also): precision {:.4} ({} of {} given), recall {:.4} ({} of {} in the data)\n",
                a.precision, a.correct, a.predicted, a.recall, a.correct, a.gold
            ));
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
        let m = metrics(&[(0, 0), (0, 0), (0, 1), (1, 1)], &labels, None);
        assert_eq!(m.confusion, vec![vec![2, 1], vec![0, 1]]);
        assert!((m.accuracy - 0.75).abs() < 1e-12);
        assert!((m.per_label[0].precision - 1.0).abs() < 1e-12);
        assert!((m.per_label[0].recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.per_label[1].precision - 0.5).abs() < 1e-12);
        let f1a = 0.8;
        let f1b = 2.0 / 3.0;
        assert!((m.macro_f1 - (f1a + f1b) / 2.0).abs() < 1e-12);
        assert_eq!(m.off_topic, None);
    }

    #[test]
    fn false_alarms_count_catch_all_documents_given_a_topic() {
        let labels: Vec<String> = vec!["space".into(), "other".into()];
        // 4 other documents, one flagged as space; 2 space documents, both found.
        let pairs = [(1, 1), (1, 1), (1, 0), (1, 1), (0, 0), (0, 0)];
        let o = metrics(&pairs, &labels, Some(1)).off_topic.unwrap();
        assert_eq!((o.documents, o.flagged), (4, 1));
        assert!((o.per_100 - 25.0).abs() < 1e-12);
        // space: precision 2/3, recall 1 -> F1 0.8
        assert!((o.topic_macro_f1 - 0.8).abs() < 1e-12);
    }
}
