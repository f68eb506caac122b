//! The streaming counter: one pass over labelled articles, per-label token counts in sharded
//! tables, memory bounded by the number of distinct tokens (pruned beyond a cap), and a
//! reservoir sample kept for calibration.

use rayon::prelude::*;

use crate::corpus::Article;
use crate::features::{merge_counts, TermStats};
use crate::page::lead_text;
use crate::text::TokenMap;
use crate::text::{Analyzer, Token};

use super::{for_each_weighted_token, ValidTrainParams};

/// Articles read ahead and counted together (about 5 MB of news).
pub(super) const CHUNK: usize = 2048;
/// Articles per slice, the unit of parallel counting: a fixed size, so the model's bytes do not
/// depend on the number of cores. Larger slices repeat fewer tokens between slice tables (less
/// to merge); `CHUNK / SLICE` = 8 slices keep up to 8 cores busy.
const SLICE: usize = 256;

/// Token statistics are split into this many shards by hash, merged in parallel.
const SHARDS: usize = 16;

/// The shard of a token hash (its top bits, after a multiply that mixes in the low ones).
fn shard_of(hash: u64) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHARDS.trailing_zeros())) as usize
}

/// A document's tokens as `(hash, weight)` pairs.
type HashedTokens = Vec<(u64, f64)>;

/// A labelled document's tokens, kept for calibration.
pub(super) type HashedDoc = (usize, HashedTokens);

/// Token statistics of one slice of documents, in order of first sight: each token's hash,
/// text (a range of `arena`), document frequency and per-label counts. Kept between chunks
/// and cleared, so its tables are allocated once.
#[derive(Default)]
struct LocalStats {
    /// Each token's entry number and the last document (1-based in the slice) it was seen in,
    /// side by side in the table's bucket: one memory access finds both.
    index: TokenMap<(u32, u32)>,
    hashes: Vec<u64>,
    text: Vec<(u32, u32)>,
    df: Vec<u32>,
    counts: Vec<f64>,
    arena: String,
    /// Entry numbers grouped by [`shard_of`] their hash; shard `s` is
    /// `by_shard[shard_ends[s - 1]..shard_ends[s]]`.
    by_shard: Vec<u32>,
    shard_ends: [usize; SHARDS],
}

impl LocalStats {
    fn clear(&mut self) {
        self.index.clear();
        self.hashes.clear();
        self.text.clear();
        self.df.clear();
        self.counts.clear();
        self.arena.clear();
        self.by_shard.clear();
    }

    /// Groups the entries by shard (a stable counting sort), for the parallel merge.
    fn group_by_shard(&mut self) {
        let mut starts = [0usize; SHARDS];
        for &h in &self.hashes {
            starts[shard_of(h)] += 1;
        }
        let mut total = 0;
        for (start, end) in starts.iter_mut().zip(self.shard_ends.iter_mut()) {
            let n = *start;
            *start = total;
            total += n;
            *end = total;
        }
        self.by_shard.clear();
        self.by_shard.resize(self.hashes.len(), 0);
        for (i, &h) in self.hashes.iter().enumerate() {
            let s = shard_of(h);
            self.by_shard[starts[s]] = i as u32;
            starts[s] += 1;
        }
    }

    /// The entries of shard `s`.
    fn shard(&self, s: usize) -> &[u32] {
        let start = if s == 0 { 0 } else { self.shard_ends[s - 1] };
        &self.by_shard[start..self.shard_ends[s]]
    }
}

/// Counts one slice of labelled documents into `local` (cleared first). Each token costs one
/// hash-table lookup; document frequency uses a last-seen-document marker instead of sorting
/// each document's tokens.
fn count_slice(
    params: &ValidTrainParams,
    k: usize,
    slice: &[(usize, Article)],
    local: &mut LocalStats,
) {
    let mut analyzer = Analyzer::new(params.analyzer_options());
    local.clear();
    for (d, (label, article)) in slice.iter().enumerate() {
        if params.sublinear_tf() {
            // ln(1 + count) needs a document's whole counts first.
            let doc = Counter::hash_doc(params, &mut analyzer, article, &mut |hash, t| {
                local_entry(local, k, hash, t.syllables, 0);
            });
            for &(hash, w) in &doc {
                let (idx, _) = local_entry(local, k, hash, &[], 0);
                local.df[idx] += 1;
                local.counts[idx * k + label] += w;
            }
            continue;
        }
        let marker = d as u32 + 1;
        let body = lead_text(&article.text);
        for_each_weighted_token(params, &mut analyzer, &article.title, &body, |t, w| {
            let (idx, first_in_doc) = local_entry(local, k, t.hash, t.syllables, marker);
            if first_in_doc {
                local.df[idx] += 1;
            }
            local.counts[idx * k + label] += w;
        });
    }
    local.group_by_shard();
}

/// The entry of `hash` in a slice's stats, created on first sight with the token's text
/// (its syllables joined by spaces, written straight into the arena), and whether this is the
/// token's first sight in document `doc`.
fn local_entry(
    local: &mut LocalStats,
    k: usize,
    hash: u64,
    syllables: &[&str],
    doc: u32,
) -> (usize, bool) {
    use std::collections::hash_map::Entry;
    let LocalStats {
        index,
        hashes,
        text,
        df,
        counts,
        arena,
        ..
    } = local;
    match index.entry(hash) {
        Entry::Occupied(mut seen) => {
            let (i, last_doc) = seen.get_mut();
            let first_in_doc = *last_doc != doc;
            *last_doc = doc;
            (*i as usize, first_in_doc)
        }
        Entry::Vacant(slot) => {
            let i = hashes.len();
            let start = arena.len() as u32;
            for (n, s) in syllables.iter().enumerate() {
                if n > 0 {
                    arena.push(' ');
                }
                arena.push_str(s);
            }
            text.push((start, arena.len() as u32));
            hashes.push(hash);
            df.push(0);
            counts.extend(std::iter::repeat_n(0.0, k));
            slot.insert((i as u32, doc));
            (i, true)
        }
    }
}

/// Statistics of every distinct token seen, in flat arrays (one text arena, counts `k` per
/// token) rather than two heap allocations per token: training meets millions of tokens.
#[derive(Default)]
pub(super) struct TokenStats {
    index: TokenMap<u32>,
    text: Vec<(usize, u32)>,
    arena: String,
    df: Vec<u32>,
    counts: Vec<f64>,
    k: usize,
}

impl TokenStats {
    fn len(&self) -> usize {
        self.df.len()
    }

    /// Adds a slice's statistics of one token.
    fn add(&mut self, hash: u64, text: &str, df: u32, counts: &[f64]) {
        self.k = counts.len();
        match self.index.get(&hash) {
            Some(&i) => {
                let i = i as usize;
                self.df[i] += df;
                let k = self.k;
                for (a, b) in self.counts[i * k..(i + 1) * k].iter_mut().zip(counts) {
                    *a += b;
                }
            }
            None => {
                self.index.insert(hash, self.df.len() as u32);
                self.text.push((self.arena.len(), text.len() as u32));
                self.arena.push_str(text);
                self.df.push(df);
                self.counts.extend_from_slice(counts);
            }
        }
    }

    /// Keeps only tokens seen in more than `threshold` documents, compacting the arrays.
    fn retain_above(&mut self, threshold: u32) {
        let k = self.k;
        let mut kept = TokenStats {
            k,
            ..TokenStats::default()
        };
        for (&hash, &i) in &self.index {
            let i = i as usize;
            if self.df[i] > threshold {
                let (start, len) = self.text[i];
                kept.add(
                    hash,
                    &self.arena[start..start + len as usize],
                    self.df[i],
                    &self.counts[i * k..(i + 1) * k],
                );
            }
        }
        *self = kept;
    }

    /// The tokens in at least `min_df` documents, as [`TermStats`] for vocabulary selection.
    pub(super) fn candidates(&self, min_df: u32) -> Vec<TermStats<'_>> {
        let k = self.k;
        (0..self.len())
            .filter(|&i| self.df[i] >= min_df)
            .map(|i| {
                let (start, len) = self.text[i];
                TermStats {
                    text: &self.arena[start..start + len as usize],
                    document_frequency: self.df[i],
                    class_counts: &self.counts[i * k..(i + 1) * k],
                }
            })
            .collect()
    }
}

/// One streaming pass over training documents.
pub(super) struct Counter<'a> {
    pub(super) params: &'a ValidTrainParams,
    pub(super) k: usize,
    /// Statistics of every token seen, in [`SHARDS`] shards by [`shard_of`] its hash.
    pub(super) stats: Vec<TokenStats>,
    /// One per slice of a chunk, reused from chunk to chunk.
    locals: Vec<LocalStats>,
    pub(super) docs_per_label: Vec<u64>,
    pub(super) documents: u64,
    pub(super) bytes: u64,
    prune_below: u32,
    /// The calibration sample: labelled articles kept as text (a few KB each, a fraction of
    /// their token lists), tokenised again when the model is calibrated.
    sample: Vec<(usize, Article)>,
    sample_seen: u64,
}

pub(super) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl<'a> Counter<'a> {
    pub(super) fn new(params: &'a ValidTrainParams) -> Self {
        let k = params.labels().len();
        Counter {
            params,
            k,
            stats: (0..SHARDS)
                .map(|_| TokenStats {
                    k,
                    ..TokenStats::default()
                })
                .collect(),
            locals: Vec::new(),
            docs_per_label: vec![0; k],
            documents: 0,
            bytes: 0,
            prune_below: 1,
            sample: Vec::new(),
            sample_seen: 0,
        }
    }

    /// Tokenises one document into merged `(hash, weight)` pairs (sublinear when set).
    fn hash_doc(
        params: &ValidTrainParams,
        analyzer: &mut Analyzer,
        article: &Article,
        on_new: &mut dyn FnMut(u64, &Token<'_>),
    ) -> Vec<(u64, f64)> {
        let mut tokens: Vec<(u64, f64)> = Vec::new();
        let body = lead_text(&article.text);
        for_each_weighted_token(params, analyzer, &article.title, &body, |t, weight| {
            on_new(t.hash, t);
            tokens.push((t.hash, weight));
        });
        let mut merged = merge_counts(tokens);
        if params.sublinear_tf() {
            for (_, w) in &mut merged {
                *w = w.ln_1p();
            }
        }
        merged
    }

    pub(super) fn add_chunk(&mut self, chunk: Vec<(usize, Article)>) {
        if chunk.is_empty() {
            return;
        }
        let params = self.params;
        let k = self.k;
        // Each worker counts a fixed-size slice into local stats; they are merged in input
        // order. The slice size must not depend on the number of cores: floating-point sums in
        // another order would change the model file's bytes from machine to machine.
        let slices = chunk.len().div_ceil(SLICE);
        if self.locals.len() < slices {
            self.locals.resize_with(slices, LocalStats::default);
        }
        let locals = &mut self.locals[..slices];
        chunk
            .par_chunks(SLICE)
            .zip(locals.par_iter_mut())
            .for_each(|(slice, local)| count_slice(params, k, slice, local));
        // Shards merge in parallel; within a shard, slices still add up in input order.
        let locals = &self.locals[..slices];
        self.stats
            .par_iter_mut()
            .enumerate()
            .for_each(|(s, shard)| {
                for local in locals {
                    for &i in local.shard(s) {
                        let i = i as usize;
                        let (start, end) = local.text[i];
                        shard.add(
                            local.hashes[i],
                            &local.arena[start as usize..end as usize],
                            local.df[i],
                            &local.counts[i * k..(i + 1) * k],
                        );
                    }
                }
            });
        for (label, article) in chunk {
            self.documents += 1;
            self.bytes += (article.title.len() + article.text.len()) as u64;
            self.docs_per_label[label] += 1;
            self.offer_sample(label, article);
        }
        if self.distinct() > self.params.max_candidates() {
            self.prune();
        }
    }

    /// Number of distinct tokens tracked.
    pub(super) fn distinct(&self) -> usize {
        self.stats.iter().map(TokenStats::len).sum()
    }

    /// Deterministic reservoir sampling (Algorithm R with a fixed-seed generator).
    fn offer_sample(&mut self, label: usize, article: Article) {
        let cap = self.params.calibration_sample();
        if cap == 0 {
            return;
        }
        self.sample_seen += 1;
        if self.sample.len() < cap {
            self.sample.push((label, article));
        } else {
            let j = splitmix(self.sample_seen) % self.sample_seen;
            if (j as usize) < cap {
                self.sample[j as usize] = (label, article);
            }
        }
    }

    /// Drops the rarest tokens until the tracked set is at most half the cap.
    fn prune(&mut self) {
        while self.distinct() > self.params.max_candidates() / 2 {
            let threshold = self.prune_below;
            self.stats
                .par_iter_mut()
                .for_each(|shard| shard.retain_above(threshold));
            self.prune_below += 1;
        }
    }

    /// The calibration sample's documents as merged `(hash, weight)` lists, in sample order.
    pub(super) fn tokenize_sample(&self) -> Vec<HashedDoc> {
        let params = self.params;
        self.sample
            .par_iter()
            .map_init(
                || Analyzer::new(params.analyzer_options()),
                |analyzer, (label, article)| {
                    let doc = Counter::hash_doc(params, analyzer, article, &mut |_, _| {});
                    (*label, doc)
                },
            )
            .collect()
    }
}
