//! The streaming counter: one pass over labelled articles, per-label token counts in a sharded
//! table, memory bounded by the number of distinct tokens (pruned beyond a cap), and a
//! reservoir sample kept for calibration.
//!
//! # How a chunk is counted
//!
//! A large vocabulary makes counting a matter of memory access: most tokens of real news are
//! rare, so nearly every occurrence looks up a token that is not in any cache. So counting is
//! split in two steps, each working on data that fits a core's cache:
//!
//! 1. **Tokenise** (in parallel, one slice of [`SLICE`] articles per task): every token
//!    occurrence is appended, as a 24-byte [`Occurrence`], to the list of its table shard
//!    ([`shard_of`] its hash); the articles' normalised text is kept for the text of new tokens.
//! 2. **Count** (in parallel, one shard per task): each of the [`SHARDS`] shards reads its
//!    occurrences, slice after slice, in document order, into its own table. A shard's table
//!    is small (a few thousand tokens), so its lookups stay in the core's cache.
//!
//! # Why the sums come out the same on every machine
//!
//! A token's per-label counts are sums of weights, which are fractional with position decay or
//! sublinear counts, so the order of the additions shows in the last bits of the model file.
//! The order is fixed by the data alone: within a slice, a token's weights are summed in
//! document order into a partial sum that starts at zero, and the slices' partial sums are
//! added to the table in slice order. Slices have a fixed size, so neither the number of cores
//! nor the order in which tasks finish changes a bit.

use rayon::prelude::*;

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::features::{merge_counts, TermStats};
use crate::page::lead_text;
use crate::text::TokenMap;
use crate::text::{Analyzer, Gram};

use super::parts::{PartScratch, Partition};
use super::token_index::TokenIndex;
use super::{for_each_weighted_token, for_each_weighted_token_by_part, ValidTrainParams};

/// Articles read ahead and counted together (about 5 MB of news); the token table is pruned
/// (when over its cap) after each chunk.
pub(super) const CHUNK: usize = 2048;
/// Articles per slice, the unit of tokenising in parallel and of summing in a fixed order: a
/// fixed size, so the model's bytes do not depend on the number of cores.
const SLICE: usize = 256;
/// Slices tokenised before their occurrences are counted: bounds the occurrence lists (24
/// bytes per token occurrence; about 30 MB for 1,024 articles of 1-3-grams).
const GROUP: usize = 4;

/// Shards of the token table, by hash: enough that one shard's table (the cap of a million
/// tokens over 256 is about 4,000 tokens) stays in a core's cache while it is counted into.
const SHARDS: usize = 256;

/// How many occurrences ahead step 2 prefetches a token's index slot.
const PREFETCH: usize = 8;

/// The longest article text (title and body, normalised) the counter takes: token positions
/// are kept as 32-bit offsets. Normalising can lengthen text (a few letters lower-case to two
/// characters), so input is checked against a third of the limit.
const MAX_ARTICLE_BYTES: usize = (u32::MAX / 3) as usize;

/// The shard of a token hash (its top bits, after a multiply that mixes in the low ones).
fn shard_of(hash: u64) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHARDS.trailing_zeros())) as usize
}

/// A labelled document's tokens as merged `(hash, weight)` pairs, kept for calibration.
pub(super) type HashedDoc = (usize, Vec<(u64, f64)>);

/// One token occurrence: its hash, its weight, and where its text is in its document's
/// normalised text (a range of [`SliceTokens::text`] from the document's start).
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    hash: u64,
    weight: f64,
    start: u32,
    len: u32,
}

/// A slice's token occurrences, grouped by shard, and the text they point into. Kept from
/// chunk to chunk, so its buffers are allocated once.
#[derive(Default)]
struct SliceTokens {
    analyzer: Option<Analyzer>,
    /// The documents' normalised text, one after the other (each one's title, then its body).
    text: String,
    /// Where each document's text starts in `text`.
    doc_starts: Vec<usize>,
    /// Each document's label.
    labels: Vec<usize>,
    /// Occurrences by shard, in document order.
    by_shard: Vec<Vec<Occurrence>>,
    /// For each shard, how many of its occurrences the documents up to each one hold
    /// (document `d`'s are `by_shard[s][doc_ends[s][d - 1]..doc_ends[s][d]]`).
    doc_ends: Vec<Vec<usize>>,
    /// Scratch of assigning `other` documents to their parts (`parts.rs`).
    part_scratch: PartScratch,
}

impl SliceTokens {
    fn clear(&mut self) {
        self.text.clear();
        self.doc_starts.clear();
        self.labels.clear();
        self.by_shard.resize_with(SHARDS, Vec::new);
        self.doc_ends.resize_with(SHARDS, Vec::new);
        for shard in &mut self.by_shard {
            shard.clear();
        }
        for ends in &mut self.doc_ends {
            ends.clear();
        }
    }

    /// Step 1: tokenises a slice of labelled articles.
    fn tokenize(
        &mut self,
        params: &ValidTrainParams,
        partition: Option<&Partition>,
        slice: &[(usize, Article)],
    ) -> Result<()> {
        self.clear();
        let mut analyzer = self
            .analyzer
            .take()
            .unwrap_or_else(|| Analyzer::new(params.analyzer_options()));
        let mut result = Ok(());
        for (label, article) in slice {
            if let Err(e) = self.add_article(params, partition, &mut analyzer, *label, article) {
                result = Err(e);
                break;
            }
        }
        self.analyzer = Some(analyzer);
        result
    }

    /// Tokenises one article; an `other` article is counted under its part when there are
    /// parts.
    fn add_article(
        &mut self,
        params: &ValidTrainParams,
        partition: Option<&Partition>,
        analyzer: &mut Analyzer,
        label: usize,
        article: &Article,
    ) -> Result<()> {
        if article.title.len() + article.text.len() > MAX_ARTICLE_BYTES {
            return Err(Error::input(
                article.source.clone(),
                format!(
                    "article is longer than {} MB; split it into articles of reasonable size",
                    MAX_ARTICLE_BYTES / 1_000_000
                ),
            ));
        }
        let doc_start = self.text.len();
        self.doc_starts.push(doc_start);
        self.labels.push(label);
        let body = lead_text(&article.text);
        let assign = partition.filter(|p| p.splits(label));
        let SliceTokens {
            text,
            by_shard,
            part_scratch,
            ..
        } = self;
        if params.sublinear_tf() {
            // ln(1 + count) needs a document's whole counts first.
            let mut spans: TokenMap<(u32, u32)> = TokenMap::default();
            let merged = {
                let part_base = std::cell::Cell::new(0usize);
                let mut tokens: Vec<(u64, f64)> = Vec::new();
                for_each_weighted_token_by_part(
                    params,
                    analyzer,
                    &article.title,
                    &body,
                    |t, w| {
                        if let Some(p) = assign {
                            p.add(part_scratch, t.hash, w);
                        }
                        tokens.push((t.hash, w));
                        spans
                            .entry(t.hash)
                            .or_insert_with(|| span_in_doc(part_base.get(), t));
                    },
                    |normalized| {
                        text.push_str(normalized);
                        part_base.set(part_base.get() + normalized.len());
                    },
                );
                // The same merge as the calibration sample's (`Counter::hash_doc`).
                merge_counts(tokens)
            };
            for (hash, w) in merged {
                let (start, len) = spans[&hash];
                by_shard[shard_of(hash)].push(Occurrence {
                    hash,
                    weight: w.ln_1p(),
                    start,
                    len,
                });
            }
        } else {
            // The part (title or body) being tokenised starts here in the document's text.
            let part_base = std::cell::Cell::new(0usize);
            for_each_weighted_token_by_part(
                params,
                analyzer,
                &article.title,
                &body,
                |t, weight| {
                    if let Some(p) = assign {
                        p.add(part_scratch, t.hash, weight);
                    }
                    let (start, len) = span_in_doc(part_base.get(), t);
                    by_shard[shard_of(t.hash)].push(Occurrence {
                        hash: t.hash,
                        weight,
                        start,
                        len,
                    });
                },
                |normalized| {
                    text.push_str(normalized);
                    part_base.set(part_base.get() + normalized.len());
                },
            );
        }
        if let Some(p) = assign {
            if let Some(last) = self.labels.last_mut() {
                *last = p.finish(&mut self.part_scratch);
            }
        }
        for (ends, occurrences) in self.doc_ends.iter_mut().zip(&self.by_shard) {
            ends.push(occurrences.len());
        }
        Ok(())
    }
}

/// Asks the CPU to bring `value`'s cache line in (a hint: no effect on results).
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch of a valid reference's address reads and writes nothing.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>());
    }
}

/// A token's text position in its document: `part_base` is where the part (title or body) it
/// was read from starts. Fits in 32 bits: articles are at most [`MAX_ARTICLE_BYTES`] long.
fn span_in_doc(part_base: usize, t: Gram) -> (u32, u32) {
    ((part_base + t.start) as u32, (t.end - t.start) as u32)
}

/// Per-thread scratch of step 2: a token's partial sums in the current slice and the last
/// document it was seen in, indexed like the shard being counted.
#[derive(Default)]
struct Scratch {
    /// The marker of the last document each token was seen in (0: none yet).
    last_doc: Vec<u32>,
    /// Partial per-label sums of the current slice, `k` per token.
    partial: Vec<f64>,
    /// Tokens with a partial sum in the current slice, in order of first sight.
    touched: Vec<u32>,
    /// Per token, the columns of its partial sums in the current slice, one bit each (when
    /// there are at most 64 columns): most tokens have one, and only those are added up.
    columns: Vec<u64>,
    /// The last document marker handed out; they only grow, so a marker left over from
    /// another shard or slice never equals the current one.
    marker: u32,
}

impl Scratch {
    /// Makes room for `n` tokens of `k` labels.
    fn fit(&mut self, n: usize, k: usize) {
        if self.last_doc.len() < n {
            // Room for twice as many: called for every new token, one at a time.
            let n = n.max(2 * self.last_doc.len());
            self.last_doc.resize(n, 0);
            self.partial.resize(n * k, 0.0);
            self.columns.resize(n, 0);
        }
    }

    /// Starts a slice; the returned marker is below every document marker of the slice.
    fn start_slice(&mut self) -> u32 {
        if self.marker > u32::MAX - SLICE as u32 - 1 {
            // Markers are about to wrap: forget them all (no partial sums are pending).
            self.last_doc.iter_mut().for_each(|m| *m = 0);
            self.marker = 0;
        }
        self.marker + 1
    }

    fn next_document(&mut self) -> u32 {
        self.marker += 1;
        self.marker
    }
}

/// Statistics of every distinct token seen, in flat arrays (one text arena, a few numbers per
/// token) rather than heap allocations per token: training meets millions of tokens.
///
/// Most tokens are rare, and a rare token is seen under one column (label or part) only, so a
/// token's per-column sums are kept sparse: while it has one column, that column and its sum
/// (12 bytes, where a full row of `k` sums is `8 k`); from its second column on, a row of `k`
/// sums in [`rows`](Self::rows). The sums are the same numbers either way: a full row would
/// add `+0.0` to the columns a slice did not touch, which changes no sum of non-negative
/// weights, and a row made for a second column starts from the first column's sum.
#[derive(Default)]
pub(super) struct TokenStats {
    /// Token numbers, found by hash (the full hashes are in `hash`).
    index: TokenIndex,
    /// Per token: its hash.
    hash: Vec<u64>,
    /// Per token: where its text starts in `arena` (it ends where the next token's starts).
    start: Vec<u32>,
    arena: String,
    df: Vec<u32>,
    /// Per token: [`NO_COLUMN`], its only column (below `k`), or `k +` its row in `rows`.
    column: Vec<u32>,
    /// Per token with one column: its sum in that column.
    sum: Vec<f64>,
    /// Rows of `k` sums, one per token seen under two columns or more.
    rows: Vec<f64>,
    k: usize,
}

/// [`TokenStats::column`] of a token with no weight added yet.
const NO_COLUMN: u32 = u32::MAX;

impl TokenStats {
    fn len(&self) -> usize {
        self.df.len()
    }

    /// The token of `hash`, if it is in the table.
    #[inline]
    fn find(&self, hash: u64) -> Option<usize> {
        self.index.find(hash, &self.hash)
    }

    /// Adds the token of `hash`, not in the table yet, with zero counts: its text is the
    /// syllables of `span`, a stretch of normalised text whose syllables are separated by
    /// white space, joined by single spaces. Fails when the shard's text would pass 4 GiB
    /// (its offsets are 32-bit; a table that large would not fit in memory anyway).
    fn push(&mut self, hash: u64, span: &str) -> Result<usize> {
        self.push_with(hash, span, push_joined)
    }

    /// [`push`](Self::push), `span`'s text written into the arena by `write`.
    #[inline(always)]
    fn push_with(
        &mut self,
        hash: u64,
        span: &str,
        write: impl FnOnce(&mut String, &str),
    ) -> Result<usize> {
        let start = u32::try_from(self.arena.len() + span.len()).map_err(|_| Error::Setting {
            setting: "max_candidates",
            problem: "is too large: a shard of the token table passed 4 GiB of text".into(),
        })? - span.len() as u32;
        let i = self.df.len();
        self.hash.push(hash);
        self.index.insert_unique(hash, i as u32, &self.hash);
        self.start.push(start);
        write(&mut self.arena, span);
        self.df.push(0);
        self.column.push(NO_COLUMN);
        self.sum.push(0.0);
        Ok(i)
    }

    /// Makes room in the index for `tokens` more tokens. The index takes the number of slots
    /// it would have grown to by inserting them one by one (a power of two), without the
    /// rehashing on the way; the arrays still grow as they are filled, so memory is as before.
    fn reserve_index(&mut self, tokens: usize) {
        self.index.reserve(tokens, &self.hash);
    }

    /// Adds `weight` to token `i`'s sum in column `c`, making the token a full row when this
    /// is its second column.
    fn add_weight(&mut self, i: usize, c: usize, weight: f64) {
        let k = self.k;
        let column = self.column[i];
        if column == NO_COLUMN {
            self.column[i] = c as u32;
            self.sum[i] += weight;
        } else if column as usize == c {
            self.sum[i] += weight;
        } else if (column as usize) < k {
            // A second column: the token gets a row, its first column's sum carried over.
            let row = self.rows.len() / k;
            self.rows.resize(self.rows.len() + k, 0.0);
            self.rows[row * k + column as usize] = self.sum[i];
            self.sum[i] = 0.0;
            self.column[i] = (k + row) as u32;
            self.rows[row * k + c] += weight;
        } else {
            let row = column as usize - k;
            self.rows[row * k + c] += weight;
        }
    }

    /// Writes token `i`'s `k` per-column sums into `out`.
    fn write_sums(&self, i: usize, out: &mut Vec<f64>) {
        let k = self.k;
        let column = self.column[i];
        if column != NO_COLUMN && column as usize >= k {
            let row = column as usize - k;
            out.extend_from_slice(&self.rows[row * k..(row + 1) * k]);
        } else {
            let start = out.len();
            out.resize(start + k, 0.0);
            if column != NO_COLUMN {
                out[start + column as usize] = self.sum[i];
            }
        }
    }

    /// Token `i`'s text.
    fn text_of(&self, i: usize) -> &str {
        let end = self
            .start
            .get(i + 1)
            .map_or(self.arena.len(), |&end| end as usize);
        &self.arena[self.start[i] as usize..end]
    }

    /// Copies token `i` of `from` (when pruning, into a new table that does not hold it yet).
    fn copy_from(&mut self, from: &TokenStats, i: usize) -> Result<()> {
        // The text is joined already: copied as it is.
        let j = self.push_with(from.hash[i], from.text_of(i), |arena, text| {
            arena.push_str(text)
        })?;
        self.df[j] = from.df[i];
        let k = self.k;
        let column = from.column[i];
        if column != NO_COLUMN && column as usize >= k {
            let row = column as usize - k;
            let new_row = self.rows.len() / k;
            self.rows
                .extend_from_slice(&from.rows[row * k..(row + 1) * k]);
            self.column[j] = (k + new_row) as u32;
        } else {
            self.column[j] = column;
            self.sum[j] = from.sum[i];
        }
        Ok(())
    }

    /// Step 2 for this shard (number `s`): counts its occurrences in `slices`, in order.
    fn count(&mut self, s: usize, slices: &[SliceTokens], scratch: &mut Scratch) -> Result<()> {
        let k = self.k;
        scratch.fit(self.len(), k);
        for slice in slices {
            let occurrences = &slice.by_shard[s];
            let ends = &slice.doc_ends[s];
            let slice_start = scratch.start_slice();
            let mut from = 0;
            for (d, &to) in ends.iter().enumerate() {
                if from == to {
                    continue;
                }
                let doc = scratch.next_document();
                let label = slice.labels[d];
                let bit = if k <= 64 { 1u64 << label } else { 0 };
                let text = &slice.text[slice.doc_starts[d]..];
                for (n, o) in occurrences[from..to].iter().enumerate() {
                    // The slot of a token a few occurrences on, asked for while this one is
                    // counted (a hint, which changes no result): its lookup would otherwise
                    // wait on memory.
                    if let Some(ahead) = occurrences.get(from + n + PREFETCH) {
                        self.index.prefetch(ahead.hash);
                    }
                    let span = || &text[o.start as usize..(o.start + o.len) as usize];
                    let i = match self.find(o.hash) {
                        Some(i) => i,
                        None => {
                            let i = self.push(o.hash, span())?;
                            scratch.fit(i + 1, k);
                            i
                        }
                    };
                    let last = &mut scratch.last_doc[i];
                    if *last != doc {
                        if *last < slice_start {
                            scratch.touched.push(i as u32);
                        }
                        *last = doc;
                        self.df[i] += 1;
                        scratch.columns[i] |= bit;
                    }
                    scratch.partial[i * k + label] += o.weight;
                }
                from = to;
            }
            // The slice's partial sums join the totals, in slice order. A column the slice
            // did not touch has a partial sum of +0.0, which would change no total.
            for (n, &i) in scratch.touched.iter().enumerate() {
                // A token's column and sum a few tokens on, asked for while this one is
                // added (a hint, which changes no result): the table is out of the cache.
                if let Some(&ahead) = scratch.touched.get(n + 2 * PREFETCH) {
                    if let Some(column) = self.column.get(ahead as usize) {
                        prefetch(column);
                    }
                    if let Some(sum) = self.sum.get(ahead as usize) {
                        prefetch(sum);
                    }
                }
                // And halfway there, with its column arrived, the row of sums of a token seen
                // under two columns or more: most of the time here is those rows' misses.
                if let Some(&ahead) = scratch.touched.get(n + PREFETCH) {
                    let column = self.column.get(ahead as usize).map_or(NO_COLUMN, |&c| c);
                    if column != NO_COLUMN && column as usize >= k {
                        let row = (column as usize - k) * k;
                        if let Some(first) = self.rows.get(row) {
                            prefetch(first);
                        }
                        if let Some(last) = self.rows.get(row + k - 1) {
                            prefetch(last);
                        }
                    }
                }
                let i = i as usize;
                let mut columns = std::mem::take(&mut scratch.columns[i]);
                if k > 64 {
                    columns = 0;
                    for c in 0..k {
                        let p = std::mem::take(&mut scratch.partial[i * k + c]);
                        if p.to_bits() != 0 {
                            self.add_weight(i, c, p);
                        }
                    }
                }
                while columns != 0 {
                    let c = columns.trailing_zeros() as usize;
                    columns &= columns - 1;
                    let p = std::mem::take(&mut scratch.partial[i * k + c]);
                    if p.to_bits() != 0 {
                        self.add_weight(i, c, p);
                    }
                }
            }
            scratch.touched.clear();
        }
        Ok(())
    }

    /// Keeps only tokens seen in more than `threshold` documents, compacting the arrays.
    fn retain_above(&mut self, threshold: u32) -> Result<()> {
        let mut kept = TokenStats {
            k: self.k,
            ..TokenStats::default()
        };
        // The index sized for the kept tokens at once, not grown step by step, rehashing.
        kept.reserve_index(self.df.iter().filter(|&&df| df > threshold).count());
        for i in (0..self.len()).filter(|&i| self.df[i] > threshold) {
            kept.copy_from(self, i)?;
        }
        *self = kept;
        Ok(())
    }

    /// The tokens in at least `min_df` documents, for vocabulary selection (as
    /// [`Candidates::stats`]).
    pub(super) fn candidates(&self, min_df: u32) -> Candidates<'_> {
        let mut tokens = Vec::new();
        let mut sums = Vec::new();
        for i in (0..self.len()).filter(|&i| self.df[i] >= min_df) {
            tokens.push(i as u32);
            self.write_sums(i, &mut sums);
        }
        Candidates {
            stats: self,
            tokens,
            sums,
        }
    }
}

/// Some tokens of a [`TokenStats`] with their per-column sums written out in full.
pub(super) struct Candidates<'a> {
    stats: &'a TokenStats,
    tokens: Vec<u32>,
    /// `k` sums per token of `tokens`.
    sums: Vec<f64>,
}

impl Candidates<'_> {
    /// The tokens as [`TermStats`], in table order.
    pub(super) fn stats(&self) -> impl Iterator<Item = TermStats<'_>> {
        let k = self.stats.k;
        self.tokens
            .iter()
            .enumerate()
            .map(move |(n, &i)| TermStats {
                text: self.stats.text_of(i as usize),
                document_frequency: self.stats.df[i as usize],
                class_counts: &self.sums[n * k..(n + 1) * k],
            })
    }
}

/// Appends the syllables of `span` (separated by white space) joined by single spaces.
fn push_joined(out: &mut String, span: &str) {
    if is_joined(span) {
        out.push_str(span);
        return;
    }
    for (n, syllable) in span
        .split(char::is_whitespace)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(syllable);
    }
}

/// True when `span`'s syllables are already joined by single spaces: no two spaces in a row
/// and no other white space. One pass over the bytes (this runs for every new token, and a
/// substring search and a walk over the characters cost several hundred instructions a
/// token); text with non-ASCII letters is checked character by character, since a few
/// non-ASCII characters are white space.
fn is_joined(span: &str) -> bool {
    let mut ascii = true;
    let mut after_space = false;
    for &b in span.as_bytes() {
        if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
            // ASCII white space other than the space: tab, line feed, vertical tab, form
            // feed, carriage return (`char::is_whitespace`).
            if (b'\t'..=b'\r').contains(&b) {
                return false;
            }
            ascii &= b.is_ascii();
        }
    }
    ascii || span.chars().all(|c| c == ' ' || !c.is_whitespace())
}

/// One streaming pass over training documents.
pub(super) struct Counter<'a> {
    pub(super) params: &'a ValidTrainParams,
    /// Columns counted: the labels, and `other`'s parts after its first when it has parts.
    pub(super) k: usize,
    /// `other`'s parts, when the settings ask for them (`parts.rs`).
    pub(super) partition: Option<Partition>,
    /// Statistics of every token seen, in [`SHARDS`] shards by [`shard_of`] their hash.
    pub(super) stats: Vec<TokenStats>,
    /// One per slice of a group, reused from group to group.
    slices: Vec<SliceTokens>,
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
    pub(super) fn new(params: &'a ValidTrainParams, partition: Option<Partition>) -> Self {
        let k = partition
            .as_ref()
            .map_or(params.labels().len(), Partition::columns);
        Counter {
            params,
            k,
            partition,
            stats: (0..SHARDS)
                .map(|_| TokenStats {
                    k,
                    ..TokenStats::default()
                })
                .collect(),
            slices: Vec::new(),
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
    ) -> Vec<(u64, f64)> {
        let mut tokens: Vec<(u64, f64)> = Vec::new();
        let body = lead_text(&article.text);
        for_each_weighted_token(params, analyzer, &article.title, &body, |t, weight| {
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

    /// Counts a chunk of labelled articles (at most [`CHUNK`]). Fails on an article too long to
    /// count, naming it.
    pub(super) fn add_chunk(&mut self, chunk: Vec<(usize, Article)>) -> Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        let params = self.params;
        let partition = self.partition.as_ref();
        // Each article's column: its label, or its part of `other`.
        let mut columns = Vec::with_capacity(chunk.len());
        for group in chunk.chunks(SLICE * GROUP) {
            let n = group.len().div_ceil(SLICE);
            if self.slices.len() < n {
                self.slices.resize_with(n, SliceTokens::default);
            }
            let slices = &mut self.slices[..n];
            group
                .par_chunks(SLICE)
                .zip(slices.par_iter_mut())
                .map(|(articles, tokens)| tokens.tokenize(params, partition, articles))
                .collect::<Result<()>>()?;
            let slices = &self.slices[..n];
            columns.extend(slices.iter().flat_map(|s| s.labels.iter().copied()));
            self.stats
                .par_iter_mut()
                .enumerate()
                .map_init(Scratch::default, |scratch, (s, shard)| {
                    shard.count(s, slices, scratch)
                })
                .collect::<Result<()>>()?;
        }
        for ((_, article), label) in chunk.into_iter().zip(columns) {
            self.documents += 1;
            self.bytes += (article.title.len() + article.text.len()) as u64;
            self.docs_per_label[label] += 1;
            self.offer_sample(label, article);
        }
        if self.distinct() > self.params.max_candidates() {
            self.prune()?;
        }
        Ok(())
    }

    /// The document frequency below which no token can be among the `max_features` most
    /// frequent (at least `min_df`): at least `max_features` tokens have it or more, and
    /// every one of them ranks above any token below it. Gathering candidates from there on
    /// gives [`select_vocabulary`](crate::features) the same choice in less memory.
    pub(super) fn df_cutoff(&self, min_df: u32, max_features: usize) -> u32 {
        // Most tokens are rare: small frequencies are counted in an array, the rest in a map.
        const SMALL: usize = 1024;
        let mut small = vec![0usize; SMALL];
        let mut large: std::collections::BTreeMap<u32, usize> = Default::default();
        for shard in &self.stats {
            for &df in shard.df.iter().filter(|&&df| df >= min_df) {
                match small.get_mut(df as usize) {
                    Some(n) => *n += 1,
                    None => *large.entry(df).or_default() += 1,
                }
            }
        }
        let descending = large.iter().rev().map(|(&df, &n)| (df, n)).chain(
            small
                .iter()
                .enumerate()
                .rev()
                .map(|(df, &n)| (df as u32, n)),
        );
        let mut at_least = 0usize;
        for (df, n) in descending {
            at_least += n;
            if at_least >= max_features && n > 0 {
                return df.max(min_df);
            }
        }
        min_df
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
    fn prune(&mut self) -> Result<()> {
        while self.distinct() > self.params.max_candidates() / 2 {
            let threshold = self.prune_below;
            self.stats
                .par_iter_mut()
                .map(|shard| shard.retain_above(threshold))
                .collect::<Result<()>>()?;
            self.prune_below += 1;
        }
        Ok(())
    }

    /// The calibration sample's documents as merged `(hash, weight)` lists, in sample order.
    pub(super) fn tokenize_sample(&self) -> Vec<HashedDoc> {
        let params = self.params;
        self.sample
            .par_iter()
            .map_init(
                || Analyzer::new(params.analyzer_options()),
                |analyzer, (label, article)| {
                    let doc = Counter::hash_doc(params, analyzer, article);
                    (*label, doc)
                },
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::model::TrainParams;

    /// The byte check says what the substring search and the walk over characters said.
    #[test]
    fn joined_spans_are_recognised_as_before() {
        let old = |s: &str| !s.contains("  ") && s.chars().all(|c| c == ' ' || !c.is_whitespace());
        let pieces = [
            "an", "ninh", "mạng", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}",
            "\u{a0}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{202f}", "\u{3000}", "ệ", "x",
            "\u{1f}", "",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let span = format!("{a}{b}{c}");
                    assert_eq!(is_joined(&span), old(&span), "{span:?}");
                    let spaced = format!("{a} {b} {c}");
                    assert_eq!(is_joined(&spaced), old(&spaced), "{spaced:?}");
                }
            }
        }
    }

    /// Counting by shard gives every token the document frequency and per-label sums of a
    /// plain count that sums each slice's weights in document order and adds the slices' sums
    /// in slice order: the order that fixes the model's bytes. Position decay makes the
    /// weights fractional, so another order would show in the last bits.
    #[test]
    fn shard_counts_equal_a_plain_count_in_slice_order() {
        let decay = 150.0;
        let params = TrainParams::default()
            .position_decay(decay)
            .title_weight(2)
            .check()
            .unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/heldout.jsonl");
        let (articles, _) = crate::corpus::read_all(&[path.into()], Default::default()).unwrap();
        // 1,200 articles: five slices in two groups, each with a title of its own.
        let labelled: Vec<(usize, Article)> = (0..12)
            .flat_map(|round| {
                articles.iter().enumerate().map(move |(i, a)| {
                    let mut a = a.clone();
                    a.title = a.text.chars().skip(round * 7).take(40).collect();
                    ((i + round) % 4, a)
                })
            })
            .collect();
        let mut counter = Counter::new(&params, None);
        assert!(labelled.len() <= CHUNK);
        counter.add_chunk(labelled.clone()).unwrap();
        let k = 4;
        let mut expected: HashMap<String, (u32, Vec<f64>)> = HashMap::new();
        let mut analyzer = Analyzer::new(params.analyzer_options());
        for slice in labelled.chunks(SLICE) {
            let mut partial: HashMap<String, (u32, Vec<f64>)> = HashMap::new();
            for (label, a) in slice {
                let mut seen = HashSet::new();
                let mut add = |text: String, w: f64| {
                    let entry = partial.entry(text.clone()).or_insert((0, vec![0.0; k]));
                    if seen.insert(text) {
                        entry.0 += 1;
                    }
                    entry.1[*label] += w;
                };
                analyzer.for_each_token(&a.title, |t| add(t.text(), 2.0));
                let body = lead_text(&a.text);
                analyzer.for_each_token(&body, |t| {
                    add(t.text(), 1.0 / (1.0 + t.offset as f64 / decay))
                });
            }
            for (text, (df, sums)) in partial {
                let entry = expected.entry(text).or_insert((0, vec![0.0; k]));
                entry.0 += df;
                for (total, s) in entry.1.iter_mut().zip(sums) {
                    *total += s;
                }
            }
        }
        let mut got: HashMap<String, (u32, Vec<f64>)> = HashMap::new();
        for shard in &counter.stats {
            for t in shard.candidates(1).stats() {
                got.insert(
                    t.text.to_string(),
                    (t.document_frequency, t.class_counts.to_vec()),
                );
            }
        }
        assert_eq!(got.len(), expected.len());
        for (text, (df, sums)) in &expected {
            let (got_df, got_sums) = &got[text];
            assert_eq!(got_df, df, "{text}");
            for (c, (g, e)) in got_sums.iter().zip(sums).enumerate() {
                assert_eq!(g.to_bits(), e.to_bits(), "{text}, label {c}: {g} vs {e}");
            }
        }
    }
}
