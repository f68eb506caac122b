//! The second stage (issue 13 item 5): a linear model that checks naive Bayes where it says a
//! topic.
//!
//! On real streams, naive Bayes flags `other` articles that are near neighbours of a topic
//! (ministers' meetings, phone scams, science-fiction films) with high confidence, so a higher
//! threshold does not help. A discriminative model trained on the same features separates them
//! better. The second stage is one binary logistic regression per topic (that topic against
//! every other training document), L2-regularised, on the model's own counts turned into
//! `ln(1 + count) x idf` and L2-normalised. When naive Bayes decides topic `t`, the decision
//! stays `t` only if some topic's logistic probability is at least
//! [`TrainParams::second_stage_min`](super::TrainParams::second_stage_min); otherwise the
//! article is `other`. It is asked only when naive Bayes' confidence is below 0.95
//! ([`ASK_BELOW`]), where its margin is small. (Some topic, not `t`'s alone: an article about two topics, leaders
//! signing a space deal, can look like neither to one regression; measured, it kept 5 more
//! of the 82 topic articles of `two-topics-dev.jsonl` at no cost on the streams.) It never
//! turns `other` into a topic, so it cannot add false alarms.
//!
//! It is fitted on the calibration sample (the reservoir of at most
//! [`TrainParams::calibration_sample`](super::TrainParams::calibration_sample) training
//! documents the counter keeps), so training memory stays bounded by that sample, not by the
//! corpus. linfa-logistic would need the documents as a dense matrix (2,000 x 30,000 numbers,
//! half a gigabyte, growing with the vocabulary); this fit works on the sparse counts with
//! full-batch gradient descent (Adam, a fixed number of steps, in document order, so a model
//! is always the same bytes).
//!
//! Measured on the five stream tuning sets and the training corpus's cross-validation in
//! `training/README.md` ("Second stage"); the experiment is `bench/second_stage.rs`.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::features::SparseCounts;

use super::counter::HashedDoc;
use super::file::f64_base64;
use super::TopicModel;

/// L2 penalty of the logistic regressions (on the mean log-loss), chosen on the stream
/// tuning sets: `training/README.md`, "Second stage".
const LAMBDA: f64 = 1e-5;

/// Gradient steps of each fit. 200 steps of size 0.1 gave the stream figures of 400 of size
/// 0.05 on all seven stream sets, the same 5-fold cross-validation (0.9563) and the same label
/// for all but 1 of 3,416 articles of the stream and happenings sets, at half the cost; 100 of
/// 0.2 lost 0.002 of cross-validation (`training/README.md`, "Second stage").
const STEPS: i32 = 200;

/// The second stage is asked only about topics naive Bayes gives a calibrated confidence
/// below this: on the five stream tuning sets every article it rightly overruled had 0.92 or
/// less, while most true topic articles have 0.99 or more, so asking only here keeps its
/// figures and saves its cost on most topic articles.
pub(super) const ASK_BELOW: f64 = 0.95;

/// Adam's step size (see [`STEPS`]).
const LEARNING_RATE: f64 = 0.1;

/// One topic's logistic regression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct TopicWeights {
    /// The topic.
    pub(super) label: String,
    /// The intercept.
    pub(super) bias: f64,
    /// One weight per vocabulary column.
    #[serde(with = "f64_base64")]
    pub(super) weights: Vec<f64>,
}

/// The fitted second stage, stored in the model file (`"second_stage"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct SecondStage {
    /// Inverse document frequency of each vocabulary column in the sample it was fitted on:
    /// `ln((1 + n) / (1 + df)) + 1`.
    #[serde(with = "f64_base64")]
    pub(super) idf: Vec<f64>,
    /// One regression per topic (every label but `other`), in label order.
    pub(super) topics: Vec<TopicWeights>,
}

/// `ln(1 + count)`, from a table for the small whole counts most tokens have (title weights
/// and body counts are whole numbers), so that scoring calls the logarithm rarely; the table
/// holds the same function's values, so the result is the same bits.
fn log_count(c: f64) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|k| (k as f64).ln_1p()));
    if (0.0..64.0).contains(&c) && c.fract() == 0.0 {
        table[c as usize]
    } else {
        c.max(0.0).ln_1p()
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// `ln(1 + count) x idf`, L2-normalised; `counts` sorted by column without repeats.
fn features(idf: &[f64], counts: &SparseCounts) -> Vec<(u32, f64)> {
    let mut x: Vec<(u32, f64)> = counts
        .iter()
        .map(|&(j, c)| {
            (
                j,
                c.max(0.0).ln_1p() * idf.get(j as usize).copied().unwrap_or(0.0),
            )
        })
        .collect();
    let norm = x.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, v) in &mut x {
            *v /= norm;
        }
    }
    x
}

fn linear(bias: f64, weights: &[f64], x: &[(u32, f64)]) -> f64 {
    bias + x
        .iter()
        .map(|&(j, v)| weights.get(j as usize).copied().unwrap_or(0.0) * v)
        .sum::<f64>()
}

/// Binary logistic regression on sparse rows: mean log-loss + `LAMBDA` / 2 |w|^2 (the bias
/// not penalised), `STEPS` full-batch Adam steps from zero. The plain form of [`fit_topics`],
/// kept to check it against.
#[cfg(test)]
fn fit_binary(xs: &[Vec<(u32, f64)>], ys: &[bool], dim: usize) -> (f64, Vec<f64>) {
    let mut w = vec![0.0; dim + 1];
    let (mut m, mut v) = (vec![0.0; dim + 1], vec![0.0; dim + 1]);
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
    let n = xs.len().max(1) as f64;
    let mut g = vec![0.0; dim + 1];
    for step in 1..=STEPS {
        g.iter_mut().for_each(|x| *x = 0.0);
        for (x, &y) in xs.iter().zip(ys) {
            let e = (sigmoid(linear(w[dim], &w[..dim], x)) - f64::from(u8::from(y))) / n;
            for &(j, val) in x {
                g[j as usize] += e * val;
            }
            g[dim] += e;
        }
        for (gj, wj) in g.iter_mut().zip(&w).take(dim) {
            *gj += LAMBDA * wj;
        }
        let (c1, c2) = (1.0 - b1.powi(step), 1.0 - b2.powi(step));
        for j in 0..=dim {
            m[j] = b1 * m[j] + (1.0 - b1) * g[j];
            v[j] = b2 * v[j] + (1.0 - b2) * g[j] * g[j];
            w[j] -= LEARNING_RATE * (m[j] / c1) / ((v[j] / c2).sqrt() + eps);
        }
    }
    let bias = w.pop().unwrap_or(0.0);
    (bias, w)
}

/// Adam's moment decays and its guard against division by zero.
const ADAM: (f64, f64, f64) = (0.9, 0.999, 1e-8);

/// One Adam step on parameter `w` with gradient `g` and moments `m`, `v`; `c1`, `c2` the
/// step's bias corrections.
#[inline]
fn adam(w: &mut f64, g: f64, m: &mut f64, v: &mut f64, c1: f64, c2: f64) {
    let (b1, b2, eps) = ADAM;
    *m = b1 * *m + (1.0 - b1) * g;
    *v = b2 * *v + (1.0 - b2) * g * g;
    *w -= LEARNING_RATE * (*m / c1) / ((*v / c2).sqrt() + eps);
}
/// Topics fitted side by side: a column's values for up to four topics lie in one 32-byte
/// block, so one entry of a row updates every topic with one vector multiply and one vector
/// add where the CPU has 4-wide vectors (lanes beyond the topics hold zeros and are not read).
const LANES: usize = 4;

/// A column's (or a row's) values for each topic of a group.
type Lanes = [f64; LANES];

/// Columns whose gradients one task sums: small enough that two cores share them evenly.
const COLUMNS_PER_TASK: usize = 512;

/// The entries of a fit twice: by row (compressed sparse rows), to score the rows, and by
/// column with each column's entries in row order, so that each column's gradient is summed
/// in a register over the rows in their order (the order of the plain fit).
struct Rows {
    /// Row `r`'s entries are `columns[starts[r]..starts[r + 1]]` (and the same of `values`).
    starts: Vec<usize>,
    columns: Vec<u32>,
    values: Vec<f64>,
    /// Column `j`'s entries are `rows_of[column_starts[j]..column_starts[j + 1]]` (and the
    /// same of `column_values`), in row order; entries at or past `dim` are left out.
    column_starts: Vec<usize>,
    rows_of: Vec<u32>,
    column_values: Vec<f64>,
}

impl Rows {
    /// The rows (each sorted by column) over `dim` columns.
    fn new<R: AsRef<[(u32, f64)]>>(rows: impl IntoIterator<Item = R>, dim: usize) -> Rows {
        let mut starts = vec![0];
        let (mut columns, mut values) = (Vec::new(), Vec::new());
        let mut column_starts = vec![0usize; dim + 1];
        for row in rows {
            for &(j, val) in row.as_ref() {
                columns.push(j);
                values.push(val);
                if let Some(n) = column_starts
                    .get_mut(j as usize + 1)
                    .filter(|_| (j as usize) < dim)
                {
                    *n += 1;
                }
            }
            starts.push(columns.len());
        }
        for j in 0..dim {
            column_starts[j + 1] += column_starts[j];
        }
        // Filled row by row, so each column's entries are in row order.
        let mut next = column_starts.clone();
        let mut rows_of = vec![0u32; column_starts[dim]];
        let mut column_values = vec![0.0f64; column_starts[dim]];
        for r in 0..starts.len() - 1 {
            for e in starts[r]..starts[r + 1] {
                let j = columns[e] as usize;
                if j < dim {
                    rows_of[next[j]] = r as u32;
                    column_values[next[j]] = values[e];
                    next[j] += 1;
                }
            }
        }
        Rows {
            starts,
            columns,
            values,
            column_starts,
            rows_of,
            column_values,
        }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Row `r`'s columns and values.
    fn row(&self, r: usize) -> (&[u32], &[f64]) {
        let range = self.starts[r]..self.starts[r + 1];
        (&self.columns[range.clone()], &self.values[range])
    }

    /// Column `j`'s rows and values, in row order.
    fn column(&self, j: usize) -> (&[u32], &[f64]) {
        let range = self.column_starts[j]..self.column_starts[j + 1];
        (&self.rows_of[range.clone()], &self.column_values[range])
    }
}

/// The sum over a sparse vector's entries `(i, x)` of `table[i] x`, lane by lane, in the
/// entries' order from `start`; an index past the table counts 0. A row's dot product with
/// the weights (from `-0.0`, what `Iterator::sum` starts from, as [`linear`] sums), or a
/// column's gradient over the rows' errors (from `+0.0`, as the plain fit's gradient).
#[inline(always)]
fn sparse_sums(table: &[Lanes], start: f64, (index, x): (&[u32], &[f64])) -> Lanes {
    let mut sum = [start; LANES];
    for (&i, &x) in index.iter().zip(x) {
        let t = table.get(i as usize).unwrap_or(&[0.0; LANES]);
        for l in 0..LANES {
            sum[l] += t[l] * x;
        }
    }
    sum
}

/// [`sparse_sums`] of two vectors at once, each summed in its own order: the two sums are
/// independent chains of additions, so the CPU overlaps them instead of waiting for each
/// addition's result before the next (one vector alone is bound by the adder's latency).
#[inline(always)]
fn sparse_sums_pair(
    table: &[Lanes],
    start: f64,
    a: (&[u32], &[f64]),
    b: (&[u32], &[f64]),
) -> (Lanes, Lanes) {
    let both = a.0.len().min(a.1.len()).min(b.0.len()).min(b.1.len());
    let mut sa = [start; LANES];
    let mut sb = [start; LANES];
    for i in 0..both {
        let ta = table.get(a.0[i] as usize).unwrap_or(&[0.0; LANES]);
        let tb = table.get(b.0[i] as usize).unwrap_or(&[0.0; LANES]);
        let (xa, xb) = (a.1[i], b.1[i]);
        for l in 0..LANES {
            sa[l] += ta[l] * xa;
            sb[l] += tb[l] * xb;
        }
    }
    for (s, (index, x)) in [(&mut sa, a), (&mut sb, b)] {
        let (index, x) = (&index[both.min(index.len())..], &x[both.min(x.len())..]);
        for (&i, &x) in index.iter().zip(x) {
            let t = table.get(i as usize).unwrap_or(&[0.0; LANES]);
            for l in 0..LANES {
                s[l] += t[l] * x;
            }
        }
    }
    (sa, sb)
}

/// One Adam step of every column of a stretch, the L2 penalty added to each gradient.
#[inline(always)]
fn adam_columns(w: &mut [Lanes], g: &[Lanes], m: &mut [Lanes], v: &mut [Lanes], c1: f64, c2: f64) {
    for (((w, g), m), v) in w.iter_mut().zip(g).zip(m).zip(v) {
        for l in 0..LANES {
            let gradient = g[l] + LAMBDA * w[l];
            adam(&mut w[l], gradient, &mut m[l], &mut v[l], c1, c2);
        }
    }
}

/// The same loops compiled for AVX's 4-wide vectors. The arithmetic is the same IEEE
/// operations lane by lane, in the same order (no fused multiply-add), so the same bits.
#[cfg(target_arch = "x86_64")]
mod avx {
    use super::Lanes;

    #[target_feature(enable = "avx")]
    pub(super) fn sparse_sums(table: &[Lanes], start: f64, a: (&[u32], &[f64])) -> Lanes {
        super::sparse_sums(table, start, a)
    }

    #[target_feature(enable = "avx")]
    pub(super) fn sparse_sums_pair(
        table: &[Lanes],
        start: f64,
        a: (&[u32], &[f64]),
        b: (&[u32], &[f64]),
    ) -> (Lanes, Lanes) {
        super::sparse_sums_pair(table, start, a, b)
    }

    #[target_feature(enable = "avx")]
    pub(super) fn adam_columns(
        w: &mut [Lanes],
        g: &[Lanes],
        m: &mut [Lanes],
        v: &mut [Lanes],
        c1: f64,
        c2: f64,
    ) {
        super::adam_columns(w, g, m, v, c1, c2);
    }
}

/// Which form of the fit's inner loops runs: the portable one, or AVX's where the CPU has it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Vectors {
    Portable,
    #[cfg(target_arch = "x86_64")]
    Avx,
}

impl Vectors {
    /// The widest form this CPU runs.
    fn detect() -> Vectors {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            return Vectors::Avx;
        }
        Vectors::Portable
    }

    fn sparse_sums(self, table: &[Lanes], start: f64, a: (&[u32], &[f64])) -> Lanes {
        match self {
            // SAFETY: `Avx` is only chosen when the CPU has AVX (`detect`).
            #[cfg(target_arch = "x86_64")]
            Vectors::Avx => unsafe { avx::sparse_sums(table, start, a) },
            Vectors::Portable => sparse_sums(table, start, a),
        }
    }

    fn sparse_sums_pair(
        self,
        table: &[Lanes],
        start: f64,
        a: (&[u32], &[f64]),
        b: (&[u32], &[f64]),
    ) -> (Lanes, Lanes) {
        match self {
            // SAFETY: as in `sparse_sums`.
            #[cfg(target_arch = "x86_64")]
            Vectors::Avx => unsafe { avx::sparse_sums_pair(table, start, a, b) },
            Vectors::Portable => sparse_sums_pair(table, start, a, b),
        }
    }

    /// Sums each of `out.len()` vectors (`nth(i)`) as [`sparse_sums`], two at a time.
    fn sums_into<'a>(
        self,
        out: &mut [Lanes],
        table: &[Lanes],
        start: f64,
        nth: impl Fn(usize) -> (&'a [u32], &'a [f64]),
    ) {
        let odd = out.len().saturating_sub(1);
        let mut pairs = out.chunks_exact_mut(2);
        for (p, pair) in pairs.by_ref().enumerate() {
            let (a, b) = self.sparse_sums_pair(table, start, nth(2 * p), nth(2 * p + 1));
            pair[0] = a;
            pair[1] = b;
        }
        if let [last] = pairs.into_remainder() {
            *last = self.sparse_sums(table, start, nth(odd));
        }
    }

    fn adam_columns(
        self,
        w: &mut [Lanes],
        g: &[Lanes],
        m: &mut [Lanes],
        v: &mut [Lanes],
        c1: f64,
        c2: f64,
    ) {
        match self {
            // SAFETY: as in `sparse_sums`.
            #[cfg(target_arch = "x86_64")]
            Vectors::Avx => unsafe { avx::adam_columns(w, g, m, v, c1, c2) },
            Vectors::Portable => adam_columns(w, g, m, v, c1, c2),
        }
    }
}

/// The logistic regressions of every topic at once (`ys[t]`: which rows are topic `t`), each
/// exactly as [`fit_binary`] would fit it alone (the same operations in the same order, so
/// the same bits), but in one pass over the rows per step and on every core: a row's entries
/// are read once for all topics (up to [`LANES`] at a time), whose weights lie side by side;
/// rows are scored in parallel (each on its own), and each column's gradient is summed over
/// its entries in row order (the entries kept by column too), columns in parallel. Fitting
/// the three topics one per core read every row three times and left a core idle for the
/// third; it was most of a training run's time on a large vocabulary. Rows are sorted by
/// column.
fn fit_topics(rows: &Rows, ys: &[Vec<bool>], dim: usize) -> Vec<(f64, Vec<f64>)> {
    fit_topics_with(rows, ys, dim, Vectors::detect())
}

/// [`fit_topics`] with the given form of the inner loops (the same bits with each).
fn fit_topics_with(
    rows: &Rows,
    ys: &[Vec<bool>],
    dim: usize,
    vectors: Vectors,
) -> Vec<(f64, Vec<f64>)> {
    let mut fitted = Vec::with_capacity(ys.len());
    for group in ys.chunks(LANES) {
        fitted.extend(fit_group(rows, group, dim, vectors));
    }
    fitted
}

/// [`fit_topics`] for at most [`LANES`] topics.
fn fit_group(rows: &Rows, ys: &[Vec<bool>], dim: usize, vectors: Vectors) -> Vec<(f64, Vec<f64>)> {
    let topics = ys.len().min(LANES);
    let n = rows.len().max(1) as f64;
    let (b1, b2, _) = ADAM;
    let mut w = vec![[0.0f64; LANES]; dim];
    let (mut m, mut v, mut g) = (w.clone(), w.clone(), w.clone());
    let mut bias = [(0.0f64, 0.0f64, 0.0f64); LANES]; // (weight, m, v)
    let labels: Vec<Lanes> = (0..rows.len())
        .map(|row| std::array::from_fn(|t| f64::from(u8::from(t < topics && ys[t][row]))))
        .collect();
    // Lanes past the topics keep a zero error, so their gradient and weights stay zero.
    let mut errors = vec![[0.0f64; LANES]; rows.len()];
    for step in 1..=STEPS {
        // Each row's error for every topic, rows in parallel (two at a time).
        errors
            .par_chunks_mut(64)
            .zip(labels.par_chunks(64))
            .enumerate()
            .for_each(|(task, (e, y))| {
                let first = task * 64;
                let mut sums = [[0.0; LANES]; 64];
                let sums = &mut sums[..e.len()];
                vectors.sums_into(sums, &w, -0.0, |i| rows.row(first + i));
                for ((e, y), sum) in e.iter_mut().zip(y).zip(sums.iter()) {
                    for t in 0..topics {
                        e[t] = (sigmoid(bias[t].0 + sum[t]) - y[t]) / n;
                    }
                }
            });
        // The gradient: each column's over the rows in their order, columns in parallel.
        g.par_chunks_mut(COLUMNS_PER_TASK)
            .enumerate()
            .for_each(|(task, g)| {
                let first = task * COLUMNS_PER_TASK;
                vectors.sums_into(g, &errors, 0.0, |i| rows.column(first + i));
            });
        let (c1, c2) = (1.0 - b1.powi(step), 1.0 - b2.powi(step));
        w.par_chunks_mut(2048)
            .zip(g.par_chunks(2048))
            .zip(m.par_chunks_mut(2048).zip(v.par_chunks_mut(2048)))
            .for_each(|((w, g), (m, v))| vectors.adam_columns(w, g, m, v, c1, c2));
        for (t, (b, bm, bv)) in bias.iter_mut().enumerate().take(topics) {
            let gb = errors.iter().fold(0.0, |a, e| a + e[t]);
            adam(b, gb, bm, bv, c1, c2);
        }
    }
    (0..topics)
        .map(|t| (bias[t].0, w.iter().map(|wj| wj[t]).collect()))
        .collect()
}

impl SecondStage {
    /// Fits one regression per topic on `docs` (label index, counts sorted by column) over a
    /// vocabulary of `dim` columns; `labels` in label order, `other` its index.
    pub(super) fn fit(
        docs: &[(usize, SparseCounts)],
        labels: &[String],
        other: usize,
        dim: usize,
    ) -> SecondStage {
        let mut df = vec![0u32; dim];
        for (_, counts) in docs {
            for &(j, _) in counts {
                if let Some(d) = df.get_mut(j as usize) {
                    *d += 1;
                }
            }
        }
        let n = docs.len() as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + f64::from(d))).ln() + 1.0)
            .collect();
        let rows = Rows::new(docs.iter().map(|(_, c)| features(&idf, c)), dim);
        let fitted: Vec<usize> = (0..labels.len()).filter(|&t| t != other).collect();
        let ys: Vec<Vec<bool>> = fitted
            .iter()
            .map(|&t| docs.iter().map(|(l, _)| *l == t).collect())
            .collect();
        let topics = fitted
            .iter()
            .zip(fit_topics(&rows, &ys, dim))
            .map(|(&t, (bias, weights))| TopicWeights {
                label: labels[t].clone(),
                bias,
                weights,
            })
            .collect();
        SecondStage { idf, topics }
    }

    /// The largest probability any topic's regression gives a document (counts sorted by
    /// column, without repeats): how sure the second stage is that it is about some topic. An article about two topics (leaders sign a space
    /// deal) can look like neither to the regression of naive Bayes' choice alone.
    pub(super) fn topic_probability(&self, counts: &SparseCounts) -> f64 {
        // One pass, no allocation: the features' norm and every topic's dot product together
        // (`features` divided by the norm after summing instead of before).
        const MOST: usize = 8;
        let n = self.topics.len().min(MOST);
        let mut dots = [0.0f64; MOST];
        let mut square = 0.0;
        for &(j, c) in counts {
            let j = j as usize;
            let x = log_count(c) * self.idf.get(j).copied().unwrap_or(0.0);
            square += x * x;
            for (dot, t) in dots.iter_mut().zip(&self.topics[..n]) {
                *dot += x * t.weights.get(j).copied().unwrap_or(0.0);
            }
        }
        let norm = if square > 0.0 { square.sqrt() } else { 1.0 };
        let best = self.topics[..n]
            .iter()
            .zip(dots)
            .map(|(t, dot)| sigmoid(t.bias + dot / norm))
            .fold(0.0, f64::max);
        // Label sets with more topics than `MOST` score the rest the plain way.
        if self.topics.len() > MOST {
            let x = features(&self.idf, counts);
            return self.topics[MOST..]
                .iter()
                .map(|t| sigmoid(linear(t.bias, &t.weights, &x)))
                .fold(best, f64::max);
        }
        best
    }

    /// Checks a stored second stage against its model: one regression per topic in label
    /// order, every vector as long as the vocabulary, every number finite.
    pub(super) fn validate(&self, labels: &[String], vocabulary: usize) -> Result<(), String> {
        let topics: Vec<&String> = labels.iter().filter(|l| *l != super::OTHER).collect();
        let names: Vec<&String> = self.topics.iter().map(|t| &t.label).collect();
        if names != topics {
            return Err(format!(
                "second stage has regressions for {names:?}, expected one per topic {topics:?}"
            ));
        }
        // `all_finite`: the compiler checks several values at once (a model's vectors are
        // checked at every start).
        if self.idf.len() != vocabulary || !super::file::all_finite(&self.idf) {
            return Err(format!(
                "second stage has {} idf values (or one not finite), expected {vocabulary} finite numbers",
                self.idf.len()
            ));
        }
        for t in &self.topics {
            if t.weights.len() != vocabulary
                || !t.bias.is_finite()
                || !super::file::all_finite(&t.weights)
            {
                return Err(format!(
                    "second stage of \"{}\" has {} weights (or one not finite), expected {vocabulary} finite numbers",
                    t.label,
                    t.weights.len()
                ));
            }
        }
        Ok(())
    }
}

/// The second stage of a freshly fitted model, fitted on its calibration sample (documents
/// as merged `(hash, weight)` lists under their scoring column); `None` when the model's
/// settings turn it off (`second_stage_min` 0) or it has no `other`.
pub(super) fn fit_on_sample(model: &TopicModel, sample: &[HashedDoc]) -> Option<SecondStage> {
    let other = model.other?;
    if model.data.params.second_stage_min() <= 0.0 {
        return None;
    }
    let k = model.k();
    let sublinear = model.data.params.sublinear_tf();
    let docs: Vec<(usize, SparseCounts)> = sample
        .iter()
        .map(|(column, doc)| {
            // `other`'s parts are scoring columns after the labels.
            let label = if *column < k { *column } else { other };
            let mut counts: SparseCounts = doc
                .iter()
                .filter_map(|&(h, w)| model.data.vocabulary.column(h).map(|c| (c, w)))
                .collect();
            merge_in_place(&mut counts);
            if sublinear {
                for (_, w) in &mut counts {
                    *w = w.ln_1p();
                }
            }
            (label, counts)
        })
        .collect();
    Some(SecondStage::fit(
        &docs,
        model.labels(),
        other,
        model.data.vocabulary.len(),
    ))
}

/// Scratch space for the second stage while scoring: one per thread, reused, so scoring
/// allocates nothing per document once warm.
#[derive(Default)]
pub(super) struct Scratch {
    /// The document's `(column, weight)` pairs, one per token, as scoring meets them.
    pub(super) pairs: SparseCounts,
    /// Per-column sums while merging; all zero between documents.
    sums: Vec<f64>,
    /// The merged counts (in order of first appearance).
    merged: SparseCounts,
}

impl Scratch {
    /// The pairs merged (repeats summed) in O(pairs), without sorting: token weights are
    /// positive, so a zero sum marks a column not met yet.
    pub(super) fn merged(&mut self, columns: usize) -> &SparseCounts {
        if self.sums.len() < columns {
            self.sums.resize(columns, 0.0);
        }
        self.merged.clear();
        for &(j, w) in &self.pairs {
            if let Some(sum) = self.sums.get_mut(j as usize) {
                if *sum == 0.0 {
                    self.merged.push((j, 0.0));
                }
                *sum += w;
            }
        }
        for (j, w) in &mut self.merged {
            *w = std::mem::take(&mut self.sums[*j as usize]);
        }
        &self.merged
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Calls `f` with this thread's scratch space, its pairs emptied.
pub(super) fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.pairs.clear();
            f(&mut scratch)
        }
        // Re-entered on this thread (never by scoring itself): fresh space.
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Merges `(column, weight)` pairs in place: sorted by column, repeats summed (as
/// [`crate::features::merge_counts`], without a new vector).
pub(super) fn merge_in_place(pairs: &mut SparseCounts) {
    pairs.sort_unstable_by_key(|&(j, _)| j);
    let mut out = 0;
    for i in 0..pairs.len() {
        if out > 0 && pairs[out - 1].0 == pairs[i].0 {
            pairs[out - 1].1 += pairs[i].1;
        } else {
            pairs[out] = pairs[i];
            out += 1;
        }
    }
    pairs.truncate(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        vec!["space".into(), "other".into()]
    }

    /// Column 0 "tên lửa" (rocket) in space documents, column 1 "phim" (film) in `other`,
    /// column 2 in both.
    fn docs() -> Vec<(usize, SparseCounts)> {
        vec![
            (0, vec![(0, 2.0), (2, 1.0)]),
            (0, vec![(0, 1.0)]),
            (1, vec![(1, 3.0), (2, 1.0)]),
            (1, vec![(1, 1.0)]),
        ]
    }

    #[test]
    fn features_are_log_counts_times_idf_with_unit_length() {
        let x = features(&[1.0, 2.0], &vec![(0, 3.0), (1, 1.0)]);
        let (a, b) = (4f64.ln(), 2.0 * 2f64.ln());
        let norm = (a * a + b * b).sqrt();
        assert_eq!(x, vec![(0, a / norm), (1, b / norm)]);
        assert!(features(&[1.0], &Vec::new()).is_empty());
    }

    #[test]
    fn the_fit_separates_topic_from_other_and_has_no_regression_for_other() {
        let stage = SecondStage::fit(&docs(), &labels(), 1, 3);
        assert_eq!(stage.topics.len(), 1);
        assert_eq!(stage.topics[0].label, "space");
        // idf: n = 4; df 2, 2, 2 -> ln(5/3) + 1 each.
        let idf = (5.0f64 / 3.0).ln() + 1.0;
        assert_eq!(stage.idf, vec![idf, idf, idf]);
        let rocket = stage.topic_probability(&vec![(0, 1.0)]);
        let film = stage.topic_probability(&vec![(1, 1.0)]);
        assert!(rocket > 0.9, "{rocket}");
        assert!(film < 0.1, "{film}");
        // The same data, the same bits.
        assert_eq!(SecondStage::fit(&docs(), &labels(), 1, 3), stage);
    }

    #[test]
    fn all_topics_at_once_give_the_bits_of_each_fitted_alone() {
        // Rows of varied length over 37 columns (odd, so the halves differ), three topics.
        let dim = 37;
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state >> 33
        };
        let xs: Vec<Vec<(u32, f64)>> = (0..61)
            .map(|_| {
                let mut counts: SparseCounts = (0..1 + next() % 9)
                    .map(|_| ((next() % dim as u64) as u32, 1.0 + (next() % 4) as f64))
                    .collect();
                merge_in_place(&mut counts);
                let idf = vec![1.5; dim];
                features(&idf, &counts)
            })
            .collect();
        // Five topics: a group of four lanes, then one of a single topic.
        let ys: Vec<Vec<bool>> = (0..5)
            .map(|t| (0..xs.len()).map(|r| (r + t) % 4 == 0).collect())
            .collect();
        let rows = Rows::new(&xs, dim);
        let together = fit_topics(&rows, &ys, dim);
        let bits = |w: &[f64]| w.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        // The portable loops and the vector ones give the same bits.
        let portable = fit_topics_with(&rows, &ys, dim, Vectors::Portable);
        assert_eq!(portable.len(), together.len());
        for ((b, w), (pb, pw)) in together.iter().zip(&portable) {
            assert_eq!(b.to_bits(), pb.to_bits());
            assert_eq!(bits(w), bits(pw));
        }
        for (t, (bias, weights)) in together.iter().enumerate() {
            let (alone_bias, alone) = fit_binary(&xs, &ys[t], dim);
            assert_eq!(bias.to_bits(), alone_bias.to_bits(), "topic {t}'s bias");
            assert_eq!(bits(weights), bits(&alone), "topic {t}'s weights");
            assert!(weights.iter().any(|&w| w != 0.0));
        }
    }

    #[test]
    fn validation_names_what_does_not_fit() {
        let stage = SecondStage::fit(&docs(), &labels(), 1, 3);
        assert_eq!(stage.validate(&labels(), 3), Ok(()));
        let e = stage.validate(&labels(), 4).unwrap_err();
        assert!(e.contains("expected 4 finite numbers"), "{e}");
        let two = vec!["space".into(), "summits".into(), "other".into()];
        let e = stage.validate(&two, 3).unwrap_err();
        assert!(e.contains("expected one per topic"), "{e}");
        let mut bad = stage.clone();
        bad.topics[0].weights[1] = f64::NAN;
        assert!(bad.validate(&labels(), 3).is_err());
    }

    #[test]
    fn scratch_merges_repeats_in_order_of_first_appearance_and_is_clean_after() {
        let mut scratch = Scratch {
            pairs: vec![(3, 1.0), (1, 2.0), (3, 0.5), (1, 1.0), (2, 1.0), (9, 1.0)],
            ..Scratch::default()
        };
        // Column 9 is outside a 4-column vocabulary: ignored.
        assert_eq!(scratch.merged(4), &vec![(3, 1.5), (1, 3.0), (2, 1.0)]);
        assert!(scratch.sums.iter().all(|&s| s == 0.0));
        scratch.pairs = vec![(0, 1.0)];
        assert_eq!(scratch.merged(4), &vec![(0, 1.0)]);
    }

    #[test]
    fn log_counts_from_the_table_are_the_logarithms_bits() {
        for c in [0.0, 1.0, 3.0, 63.0, 64.0, 2.5, 1e6] {
            assert_eq!(log_count(c).to_bits(), f64::ln_1p(c).to_bits(), "{c}");
        }
        assert_eq!(log_count(-1.0), 0.0);
    }

    #[test]
    fn merging_sorts_and_sums_repeats() {
        let mut pairs = vec![(3, 1.0), (1, 2.0), (3, 0.5), (1, 1.0), (2, 1.0)];
        merge_in_place(&mut pairs);
        assert_eq!(pairs, vec![(1, 3.0), (2, 1.0), (3, 1.5)]);
        let mut empty: SparseCounts = Vec::new();
        merge_in_place(&mut empty);
        assert!(empty.is_empty());
    }
}
