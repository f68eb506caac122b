//! Parts of `other`: the catch-all label split, inside the model, into parts learned without
//! supervision.
//!
//! `other` is a whole newspaper (sport, markets, courts, ministers' meetings, films...). One
//! multinomial for all of it is a blend in which each kind of news is a small share, so an
//! article that is a near neighbour of a topic (a foreign ministers' call next to `summits`)
//! fits the topic's multinomial better than the blend, though it would fit a multinomial of its
//! own kind of news best. With [`TrainParams::other_parts`](super::TrainParams::other_parts)
//! set to `K` >= 2, training splits the `other` documents into `K` parts by spherical k-means
//! on tf-idf vectors and fits naive Bayes (the same linfa-bayes fit) on the topics and the
//! parts. Scoring sums the parts' joint probabilities back into `other` (a log-sum-exp of
//! their joint log-likelihoods: `other` becomes a mixture of multinomials) before calibration,
//! the stream prior and every decision, so `other` is the only name outside the model.
//!
//! # Why it is cheap
//!
//! The parts are learned from a sample of at most [`SAMPLE`] `other` documents of the first
//! chunk read (training streams, so it never holds the corpus), on its [`FEATURES`] most
//! frequent tokens, for at most [`ROUNDS`] rounds. Every `other` document is then assigned to
//! its nearest part while the counter tokenises it anyway: one lookup in a small table per
//! token, no second tokenisation. Everything is deterministic: a fixed seed and fixed orders.

use ndarray::Array2;
use rayon::prelude::*;

use crate::corpus::Article;
use crate::page::lead_text;
use crate::text::{Analyzer, TokenMap};

use super::counter::splitmix;
use super::{argmax, for_each_weighted_token, ClassParams, TopicModel, ValidTrainParams, OTHER};

/// Most `other` documents the parts are learned from.
pub(super) const SAMPLE: usize = 500;
/// Tokens (the most frequent of the sample) documents are compared on.
pub(super) const FEATURES: usize = 2000;
/// Most rounds of k-means.
pub(super) const ROUNDS: usize = 10;
/// Fewest sampled documents per part: with fewer, fewer parts are learned.
const MIN_PER_PART: usize = 8;
/// Runs of k-means, from different starts; the best is kept.
pub(super) const STARTS: usize = 5;
/// Seed of the k-means++ starts.
const SEED: u64 = 0x7061_7274_735F_6F66;

/// The learned parts: which tokens count, their idf, and one unit-length centroid per part.
#[derive(Debug, Clone)]
pub(super) struct Partition {
    features: TokenMap<u32>,
    idf: Vec<f64>,
    /// `parts x features`, each row of length 1.
    centroids: Vec<f64>,
    parts: usize,
    /// The `other` label's index, and the number of labels: part 0 is counted under `other`,
    /// part `p` >= 1 in column `labels + p - 1`.
    other: usize,
    labels: usize,
}

/// Per-document scratch of an assignment, reused from document to document.
#[derive(Debug, Default)]
pub(super) struct PartScratch {
    tf: Vec<f64>,
    touched: Vec<u32>,
}

/// A document as a unit-length sparse tf-idf vector over the partition's features.
type Vector = Vec<(u32, f64)>;

impl Partition {
    /// Learns the parts from the `other` documents of `chunk` (the first chunk read), or
    /// `None` when the settings ask for none, the labels have no `other`, or there are too few
    /// `other` documents for two parts.
    pub(super) fn learn(params: &ValidTrainParams, chunk: &[(usize, Article)]) -> Option<Self> {
        let wanted = params.other_parts();
        let other = params.labels().iter().position(|l| l == OTHER)?;
        if wanted < 2 {
            return None;
        }
        let docs: Vec<&Article> = chunk
            .iter()
            .filter(|(l, _)| *l == other)
            .map(|(_, a)| a)
            .collect();
        // Evenly spread over the chunk, in case it is sorted by section.
        let n = docs.len().min(SAMPLE);
        let sample: Vec<&Article> = (0..n).map(|i| docs[i * docs.len() / n.max(1)]).collect();
        let parts = wanted.min(n / MIN_PER_PART);
        if parts < 2 {
            return None;
        }
        let bags: Vec<Vec<(u64, f64)>> = sample
            .par_iter()
            .map_init(
                || Analyzer::new(params.analyzer_options()),
                |analyzer, article| bag(params, analyzer, article),
            )
            .collect();
        // Features: the tokens in the most sampled documents (ties by hash), at least two.
        let mut df: TokenMap<u32> = TokenMap::default();
        for b in &bags {
            for &(h, _) in b {
                *df.entry(h).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u64, u32)> = df.into_iter().filter(|&(_, d)| d >= 2).collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(FEATURES);
        let features: TokenMap<u32> = ranked
            .iter()
            .enumerate()
            .map(|(i, &(h, _))| (h, i as u32))
            .collect();
        let idf: Vec<f64> = ranked
            .iter()
            .map(|&(_, d)| ((1.0 + n as f64) / (1.0 + f64::from(d))).ln() + 1.0)
            .collect();
        let mut partition = Partition {
            features,
            idf,
            centroids: Vec::new(),
            parts,
            other,
            labels: params.labels().len(),
        };
        let vectors: Vec<Vector> = bags
            .iter()
            .map(|b| partition.vector(b.iter().copied()))
            .collect();
        partition.centroids = spherical_kmeans(&vectors, parts, ranked.len());
        Some(partition)
    }

    /// The `other` label's index.
    pub(super) fn other(&self) -> usize {
        self.other
    }

    /// The counter's column count: the labels, then the parts after the first.
    pub(super) fn columns(&self) -> usize {
        self.labels + self.parts - 1
    }

    /// Whether documents of `label` are split into parts.
    pub(super) fn splits(&self, label: usize) -> bool {
        label == self.other
    }

    /// Adds one token of the document being assigned.
    pub(super) fn add(&self, scratch: &mut PartScratch, hash: u64, weight: f64) {
        if let Some(&f) = self.features.get(&hash) {
            if scratch.tf.len() < self.idf.len() {
                scratch.tf.resize(self.idf.len(), 0.0);
            }
            let tf = &mut scratch.tf[f as usize];
            if *tf == 0.0 {
                scratch.touched.push(f);
            }
            *tf += weight;
        }
    }

    /// The counter column of the document whose tokens were added (its nearest part), and
    /// clears the scratch for the next one. A document with none of the features goes to
    /// part 0.
    pub(super) fn finish(&self, scratch: &mut PartScratch) -> usize {
        let mut scores = vec![0.0; self.parts];
        for &f in &scratch.touched {
            let f = f as usize;
            let w = (1.0 + scratch.tf[f].ln()) * self.idf[f];
            scratch.tf[f] = 0.0;
            let width = self.idf.len();
            for (p, s) in scores.iter_mut().enumerate() {
                *s += w * self.centroids[p * width + f];
            }
        }
        scratch.touched.clear();
        let part = argmax(&scores);
        if part == 0 {
            self.other
        } else {
            self.labels + part - 1
        }
    }

    /// A unit-length tf-idf vector of `(hash, weight)` tokens (merged), over the features.
    fn vector(&self, tokens: impl Iterator<Item = (u64, f64)>) -> Vector {
        let mut v: Vector = tokens
            .filter_map(|(h, tf)| {
                let &f = self.features.get(&h)?;
                Some((f, (1.0 + tf.ln()) * self.idf[f as usize]))
            })
            .collect();
        v.sort_unstable_by_key(|&(f, _)| f);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }
}

/// A document's weighted tokens, merged, in first-seen order.
fn bag(params: &ValidTrainParams, analyzer: &mut Analyzer, article: &Article) -> Vec<(u64, f64)> {
    let mut index: TokenMap<usize> = TokenMap::default();
    let mut out: Vec<(u64, f64)> = Vec::new();
    let body = lead_text(&article.text);
    for_each_weighted_token(
        params,
        analyzer,
        &article.title,
        &body,
        |t, w| match index.get(&t.hash) {
            Some(&i) => out[i].1 += w,
            None => {
                index.insert(t.hash, out.len());
                out.push((t.hash, w));
            }
        },
    );
    out
}

fn dot(v: &Vector, centroid: &[f64]) -> f64 {
    v.iter().map(|&(f, w)| w * centroid[f as usize]).sum()
}

/// Spherical k-means (cosine similarity) of unit vectors into `parts` unit centroids of
/// `width` features, `parts x width` in one vector: the best (most similar documents to their
/// centroids) of [`STARTS`] runs, each from a k-means++ start with a fixed seed, so that one
/// unlucky start does not decide the model.
fn spherical_kmeans(vectors: &[Vector], parts: usize, width: usize) -> Vec<f64> {
    let mut best = (f64::NEG_INFINITY, Vec::new());
    for start in 0..STARTS {
        let seed = splitmix(SEED ^ start as u64);
        let centroids = kmeans_run(vectors, parts, width, seed);
        let fit: f64 = vectors
            .iter()
            .map(|v| {
                (0..parts)
                    .map(|p| dot(v, &centroids[p * width..(p + 1) * width]))
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .sum();
        if fit > best.0 {
            best = (fit, centroids);
        }
    }
    best.1
}

/// One run of spherical k-means: a k-means++ start from `seed`, then at most [`ROUNDS`]
/// rounds, stopping early when no document changes part.
fn kmeans_run(vectors: &[Vector], parts: usize, width: usize, seed: u64) -> Vec<f64> {
    let n = vectors.len();
    let mut centroids = vec![0.0; parts * width];
    let mut state = seed;
    let mut uniform = || {
        state = splitmix(state);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let set = |centroids: &mut [f64], p: usize, v: &Vector| {
        let row = &mut centroids[p * width..(p + 1) * width];
        row.iter_mut().for_each(|x| *x = 0.0);
        for &(f, w) in v {
            row[f as usize] = w;
        }
    };
    // k-means++: each next centre is drawn with probability proportional to its distance
    // (1 - cosine) from the nearest centre chosen so far.
    let first = ((uniform() * n as f64) as usize).min(n - 1);
    set(&mut centroids, 0, &vectors[first]);
    let mut nearest: Vec<f64> = vectors
        .iter()
        .map(|v| 1.0 - dot(v, &centroids[..width]))
        .collect();
    for p in 1..parts {
        let total: f64 = nearest.iter().map(|d| d.max(0.0)).sum();
        let mut target = uniform() * total;
        let mut chosen = n - 1;
        for (i, d) in nearest.iter().enumerate() {
            target -= d.max(0.0);
            if target <= 0.0 {
                chosen = i;
                break;
            }
        }
        set(&mut centroids, p, &vectors[chosen]);
        for (d, v) in nearest.iter_mut().zip(vectors) {
            *d = d.min(1.0 - dot(v, &centroids[p * width..(p + 1) * width]));
        }
    }
    let mut assigned = vec![usize::MAX; n];
    for _ in 0..ROUNDS {
        let next: Vec<usize> = vectors
            .par_iter()
            .map(|v| {
                let scores: Vec<f64> = (0..parts)
                    .map(|p| dot(v, &centroids[p * width..(p + 1) * width]))
                    .collect();
                argmax(&scores)
            })
            .collect();
        if next == assigned {
            break;
        }
        assigned = next;
        let mut sums = vec![0.0; parts * width];
        for (v, &p) in vectors.iter().zip(&assigned) {
            for &(f, w) in v {
                sums[p * width + f as usize] += w;
            }
        }
        for p in 0..parts {
            let row = &sums[p * width..(p + 1) * width];
            let norm = row.iter().map(|x| x * x).sum::<f64>().sqrt();
            // An emptied part keeps its centre.
            if norm > 0.0 {
                for (c, s) in centroids[p * width..(p + 1) * width].iter_mut().zip(row) {
                    *c = s / norm;
                }
            }
        }
    }
    centroids
}

/// What the fit runs on: one row of summed counts per label (for `other`, the sum of its
/// parts), then one per part of `other` that has documents.
pub(super) struct Layout {
    /// `(labels + parts) x vocabulary`.
    pub(super) rows: Array2<f64>,
    /// Documents of each row.
    pub(super) documents: Vec<u64>,
    /// Parts of `other` (0, or at least 2).
    pub(super) parts: usize,
    /// The model's scoring column of each counted column.
    pub(super) remap: Vec<usize>,
}

/// The fit's rows from the counted columns' sums and documents: the labels, then (with a
/// partition) `other`'s parts after its first. Parts without documents are dropped; with fewer
/// than two left, `other` is one multinomial as without parts.
pub(super) fn layout(
    sums: Array2<f64>,
    documents: &[u64],
    labels: usize,
    partition: Option<&Partition>,
) -> Layout {
    let Some(partition) = partition else {
        return Layout {
            rows: sums,
            documents: documents.to_vec(),
            parts: 0,
            remap: (0..labels).collect(),
        };
    };
    let other = partition.other;
    let counted: Vec<usize> = std::iter::once(other)
        .chain(labels..sums.nrows())
        .filter(|&c| documents[c] > 0)
        .collect();
    let parts = if counted.len() >= 2 { counted.len() } else { 0 };
    let mut rows = Array2::<f64>::zeros((labels + parts, sums.ncols()));
    let mut docs = vec![0u64; labels + parts];
    let mut remap: Vec<usize> = (0..sums.nrows()).collect();
    for c in 0..labels {
        if c != other {
            rows.row_mut(c).assign(&sums.row(c));
            docs[c] = documents[c];
        }
    }
    for (j, &c) in counted.iter().enumerate() {
        let mut aggregate = rows.row_mut(other);
        aggregate += &sums.row(c);
        docs[other] += documents[c];
        remap[c] = if j == 0 || parts == 0 {
            other
        } else {
            labels + j - 1
        };
        if parts > 0 {
            rows.row_mut(labels + j).assign(&sums.row(c));
            docs[labels + j] = documents[c];
        }
    }
    Layout {
        rows,
        documents: docs,
        parts,
        remap,
    }
}

/// The scoring column of stored class `i` (the `k` labels, then `other`'s `parts`), the
/// inverse of [`TopicModel::pick_column`]: `None` for `other` itself when it has parts (its
/// own parameters score nothing).
pub(super) fn stored_column(
    i: usize,
    k: usize,
    other: Option<usize>,
    parts: usize,
) -> Option<usize> {
    match other {
        Some(other) if i == other && parts > 0 => None,
        Some(other) if i == k => Some(other),
        _ if i > k => Some(i - 1),
        _ => Some(i),
    }
}

impl TopicModel {
    /// The fitted parameters of scoring column `c`: a label's, or for `other` with parts, a
    /// part's (its first in `other`'s place, the rest after the labels).
    /// A loaded model decodes its count vectors on the first call.
    pub(super) fn column(&self, c: usize) -> &ClassParams {
        let (classes, parts) = self.all_classes();
        self.pick_column(classes, parts, c)
    }

    /// Scoring column `c` of these classes and parts (the model's, with or without counts).
    pub(super) fn pick_column<'a>(
        &self,
        classes: &'a [ClassParams],
        parts: &'a [ClassParams],
        c: usize,
    ) -> &'a ClassParams {
        match self.other {
            Some(other) if c == other && !parts.is_empty() => &parts[0],
            _ if c >= self.k() => &parts[c - self.k() + 1],
            _ => &classes[c],
        }
    }

    /// The label of scoring column `c`.
    pub(super) fn column_label(&self, c: usize) -> usize {
        match self.other {
            Some(other) if c >= self.k() => other,
            _ => c,
        }
    }

    /// Joint log-likelihoods of the scoring columns as the labels' (see [`collapse`]).
    pub(super) fn collapse(&self, jll: Vec<f64>) -> Vec<f64> {
        match self.other {
            Some(other) => collapse(jll, self.k(), other),
            None => jll,
        }
    }

    /// The scoring column that stands for `label` in an explanation: the label's own, or the
    /// part of `other` the document fits best.
    pub(super) fn representative(&self, columns: &[f64], label: usize) -> usize {
        let mut best = label;
        for c in self.k()..columns.len() {
            if self.column_label(c) == label && columns[c] > columns[best] {
                best = c;
            }
        }
        best
    }
}

/// Joint log-likelihoods of the scoring columns (labels, with `other`'s first part in its
/// place, then its other parts) as joint log-likelihoods of the labels: `other`'s is the
/// log-sum-exp of its parts', the log of the summed joint probabilities.
pub(super) fn collapse(mut jll: Vec<f64>, labels: usize, other: usize) -> Vec<f64> {
    if jll.len() <= labels {
        return jll;
    }
    let parts = std::iter::once(other).chain(labels..jll.len());
    let max = parts
        .clone()
        .map(|c| jll[c])
        .fold(f64::NEG_INFINITY, f64::max);
    if max.is_finite() {
        let sum: f64 = parts.map(|c| (jll[c] - max).exp()).sum();
        jll[other] = max + sum.ln();
    }
    jll.truncate(labels);
    jll
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_sums_the_parts_joint_probabilities() {
        let p: Vec<f64> = [0.1f64, 0.2, 0.3, 0.15].iter().map(|x| x.ln()).collect();
        // Labels a, other, b; other's parts are columns 1 and 3.
        let got = collapse(p, 3, 1);
        assert_eq!(got.len(), 3);
        assert!((got[1].exp() - 0.35).abs() < 1e-12, "{}", got[1].exp());
        assert!((got[0].exp() - 0.1).abs() < 1e-12);
        assert!((got[2].exp() - 0.3).abs() < 1e-12);
        // Without parts, nothing changes.
        assert_eq!(collapse(vec![-1.0, -2.0], 2, 1), vec![-1.0, -2.0]);
    }

    fn unit(v: &[(u32, f64)]) -> Vector {
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        v.iter().map(|&(f, w)| (f, w / norm)).collect()
    }

    #[test]
    fn kmeans_separates_two_kinds_of_documents() {
        // Documents about features 0-1 and documents about features 2-3.
        let mut vectors = Vec::new();
        for i in 0..10 {
            let x = 1.0 + i as f64 / 10.0;
            vectors.push(unit(&[(0, x), (1, 1.0)]));
            vectors.push(unit(&[(2, 1.0), (3, x)]));
        }
        let c = spherical_kmeans(&vectors, 2, 4);
        let part = |v: &Vector| usize::from(dot(v, &c[4..]) > dot(v, &c[..4]));
        let first = part(&vectors[0]);
        for (i, v) in vectors.iter().enumerate() {
            let expected = if i % 2 == 0 { first } else { 1 - first };
            assert_eq!(part(v), expected, "document {i}");
        }
        assert_eq!(c, spherical_kmeans(&vectors, 2, 4), "deterministic");
    }
}
