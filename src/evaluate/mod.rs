//! Evaluation: scoring a trained model on labelled articles, stratified k-fold
//! cross-validation of training settings, and scoring the merge of happenings against gold
//! happenings ([`happenings`]). The scores themselves (accuracy, macro-F1, per-label
//! precision/recall/F1, confusion matrix) are computed by [`crate::metrics`].

pub mod dates;
pub mod happenings;

use serde::Serialize;

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::metrics::{macro_f1, metrics, second_topic_scores, Metrics};
use crate::model::{FitHooks, Prediction, TopicModel, ValidTrainParams, OTHER};
use crate::page::lead_text;
use crate::text::Analyzer;

/// Scores an article on its title and the lead section of its body, as training counts it.
fn predict_article(model: &TopicModel, analyzer: &mut Analyzer, a: &Article) -> Prediction {
    model.predict(analyzer, &a.title, &lead_text(&a.text))
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

/// Scores a trained model on labelled held-out articles, with the confidence threshold applied
/// (`None`: the model's default). When some articles name a second topic (`also`), the
/// second topics are scored too, over every article.
pub fn evaluate_model(
    model: &TopicModel,
    articles: &[Article],
    min_confidence: Option<f64>,
) -> Result<Metrics> {
    let mut analyzer = model.analyzer();
    let mut pairs = Vec::with_capacity(articles.len());
    let mut also_pairs = Vec::with_capacity(articles.len());
    for a in articles {
        let t = truth(model.labels(), a)?;
        let also = match &a.also {
            None => None,
            Some(l) => Some(model.label_index(l).ok_or_else(|| {
                Error::input(
                    a.source.clone(),
                    format!(
                        "unknown label \"{l}\" in \"also\"; expected one of: {}",
                        model.labels().join(", ")
                    ),
                )
            })?),
        };
        let (_, d) =
            model.decide_article(&mut analyzer, &a.title, &lead_text(&a.text), min_confidence);
        pairs.push((t, d.label));
        also_pairs.push((also, d.also));
    }
    let mut scores = metrics(&pairs, model.labels(), model.label_index(OTHER));
    if also_pairs.iter().any(|p| p.0.is_some()) {
        scores.second_topic = Some(second_topic_scores(&also_pairs));
    }
    Ok(scores)
}

/// Stratified fold assignment: each label's articles are shuffled with a fixed seed and dealt
/// round-robin, so every fold holds about 1/k of each label. Returns the fold of each article.
fn stratified_folds(labels: &[usize], folds: usize, seed: u64) -> Vec<usize> {
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
        return Err(Error::Setting {
            setting: "folds",
            problem: format!("is {folds}, expected at least 2"),
        });
    }
    let labels: Vec<usize> = articles
        .iter()
        .map(|a| truth(params.labels(), a))
        .collect::<Result<_>>()?;
    for (c, name) in params.labels().iter().enumerate() {
        let n = labels.iter().filter(|&&l| l == c).count();
        if n < folds {
            return Err(Error::Data(format!(
                "label \"{name}\" has {n} documents, fewer than the {folds} folds"
            )));
        }
    }
    let fold_of = stratified_folds(&labels, folds, 0x6E65_7773_6C69_6E65);
    let other = params.labels().iter().position(|l| l == OTHER);
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
        let model = params.fit(train, &FitHooks::default())?;
        let test = articles
            .iter()
            .zip(&fold_of)
            .filter(|(_, &g)| g == f)
            .map(|(a, _)| a);
        let mut analyzer = model.analyzer();
        let mut fold_pairs = Vec::new();
        for a in test {
            let t = truth(model.labels(), a)?;
            let p = predict_article(&model, &mut analyzer, a);
            let d = model.decide(&p, None);
            if d.label != t {
                let title = if a.title.is_empty() {
                    a.text.chars().take(80).collect()
                } else {
                    a.title.clone()
                };
                errors.push(Misclassified {
                    id: a.id.clone(),
                    truth: params.labels()[t].clone(),
                    predicted: params.labels()[d.label].clone(),
                    confidence: d.confidence,
                    title,
                });
            }
            fold_pairs.push((t, d.label));
            argmax_pairs.push((t, p.best));
        }
        fold_f1.push(macro_f1(&fold_pairs, params.labels().len()));
        pairs.extend(fold_pairs);
    }
    Ok(CrossValidation {
        folds,
        metrics: metrics(&pairs, params.labels(), other),
        argmax_metrics: metrics(&argmax_pairs, params.labels(), other),
        fold_macro_f1: fold_f1,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
