//! The sparse scoring path and the summed-count fit agree with linfa-bayes itself.

use crate::common::*;
use linfa::prelude::*;
use linfa_bayes::{MultinomialNb, NaiveBayes};
use ndarray::{Array1, Array2};
use newsline::features::SparseCounts;

#[test]
fn sparse_scores_equal_linfa_joint_log_likelihood() {
    let model = trained();
    let mut analyzer = model.analyzer();
    let docs: Vec<SparseCounts> = heldout()
        .iter()
        .map(|a| model.counts(&mut analyzer, &a.title, &newsline::page::lead_text(&a.text)))
        .collect();
    let linfa = model.linfa_log_likelihoods(&docs);
    for (doc, expected) in docs.iter().zip(&linfa) {
        let sparse = model.log_likelihoods(doc);
        for (s, l) in sparse.iter().zip(expected) {
            assert!(
                (s - l).abs() <= 1e-9 * l.abs().max(1.0),
                "sparse {s} vs linfa {l}"
            );
        }
    }
    // The streaming path (straight from text) gives the same numbers.
    for a in heldout().iter().take(30) {
        let body = newsline::page::lead_text(&a.text);
        let direct = model.predict(&mut analyzer, &a.title, &body);
        let counts = model.counts(&mut analyzer, &a.title, &body);
        let via_counts = model.log_likelihoods(&counts);
        for (x, y) in direct.log_likelihoods.iter().zip(&via_counts) {
            assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0));
        }
    }
}

#[test]
fn fit_on_class_sums_equals_document_by_document_fit() {
    // A small corpus: 40 articles per label.
    let small: Vec<_> = {
        let mut per = std::collections::HashMap::new();
        training()
            .iter()
            .filter(|a| {
                let n = per.entry(a.label.clone()).or_insert(0);
                *n += 1;
                *n <= 40
            })
            .cloned()
            .collect()
    };
    // One multinomial per label: the parts of `other` are fitted by the same call on their own
    // sums, but a document-by-document fit by label would not know them.
    let params = newsline::model::TrainParams::default()
        .other_parts(0)
        .check()
        .unwrap();
    let model = params.fit_articles(&small).unwrap();
    let mut analyzer = model.analyzer();
    let k = model.k();
    let v = model.vocabulary().len();
    let mut x = Array2::<f64>::zeros((small.len(), v));
    let mut y = Array1::<usize>::zeros(small.len());
    for (i, a) in small.iter().enumerate() {
        for (j, c) in model.counts(&mut analyzer, &a.title, &newsline::page::lead_text(&a.text)) {
            x[[i, j as usize]] = c;
        }
        y[i] = model.label_index(a.label.as_deref().unwrap()).unwrap();
    }
    let direct = {
        let _quiet = newsline::quiet::StderrSilenced::new();
        MultinomialNb::<f64, usize>::params()
            .alpha(params.alpha())
            .fit(&DatasetView::new(x.view(), y.view()))
            .unwrap()
    };
    // Compare the fitted parameters through linfa's own scoring on one-hot documents:
    // jll(e_j) - jll(0) = feature_log_prob[j], and jll(0) = ln prior.
    let zero = Array2::<f64>::zeros((1, v));
    let ours = model.linfa_model();
    let prior_direct = direct.joint_log_likelihood(zero.view());
    let prior_ours = ours.joint_log_likelihood(zero.view());
    for c in 0..k {
        assert!((prior_direct[&c][0] - prior_ours[&c][0]).abs() < 1e-12);
    }
    let eye = Array2::<f64>::eye(v);
    let a = direct.joint_log_likelihood(eye.view());
    let b = ours.joint_log_likelihood(eye.view());
    for c in 0..k {
        for j in 0..v {
            let (p, q) = (a[&c][j], b[&c][j]);
            assert!(
                (p - q).abs() <= 1e-9 * p.abs(),
                "class {c} column {j}: {p} vs {q}"
            );
        }
    }
}
