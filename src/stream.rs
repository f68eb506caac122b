//! Processing article streams on all cores while keeping the output in input order.
//!
//! Articles are read in chunks; each chunk is processed in parallel (rayon) and its results are
//! handed to the caller in input order before the next chunk is read, so memory stays bounded
//! by the chunk size whatever the input size, and output written so far is always complete.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::corpus::{Article, ArticleReader, RawArticle};
use crate::error::{Error, Result};

/// Articles per parallel chunk.
const CHUNK: usize = 1024;

/// Bytes per parallel chunk, at most (about): a chunk of saved pages (a few hundred kilobytes
/// each, some far more) ends here before it has [`CHUNK`] articles.
const CHUNK_BYTES: usize = 64 << 20;

/// Runs `work` on every article of `reader` in parallel and passes each result, in input
/// order, to `sink`. `init` makes per-thread state (an analyzer, say). Stops with
/// [`Error::Interrupted`] between chunks when `cancel` is set, after the finished chunks went
/// to `sink`.
pub fn process_in_order<S, T, I, W, K>(
    reader: &mut ArticleReader,
    cancel: Option<&AtomicBool>,
    init: I,
    work: W,
    mut sink: K,
) -> Result<()>
where
    S: Send,
    T: Send,
    I: Fn() -> S + Sync + Send,
    W: Fn(&mut S, &Article) -> T + Sync + Send,
    K: FnMut(&Article, T) -> Result<()>,
{
    let lossy = reader.options().lossy;
    let skip_invalid = reader.options().skip_invalid;
    let mut next = read_chunk(reader);
    loop {
        let (chunk, pending_error, ended) = next;
        if chunk.is_empty() && pending_error.is_none() {
            return Ok(());
        }
        let more = pending_error.is_none() && !ended;
        // JSON lines and saved pages are parsed by the workers along with the work, and the next
        // chunk is read meanwhile: reading and parsing on one thread left the other cores idle.
        let (results, following) = rayon::join(
            || {
                chunk
                    .into_par_iter()
                    .map_init(&init, |state, raw| {
                        let can_skip = raw.can_skip();
                        raw.parse(lossy)
                            .map(|article| {
                                let result = work(state, &article);
                                (article, result)
                            })
                            .map_err(|e| (can_skip, e))
                    })
                    .collect::<Vec<_>>()
            },
            || {
                if more {
                    read_chunk(reader)
                } else {
                    (Vec::new(), None, true)
                }
            },
        );
        // Errors count in input order: what came before the first bad line is written.
        for item in results {
            match item {
                Ok((article, result)) => sink(&article, result)?,
                Err((true, e)) if skip_invalid => reader.skip(&e),
                Err((_, e)) => {
                    reader.stop();
                    return Err(e);
                }
            }
        }
        if let Some(e) = pending_error {
            return Err(e);
        }
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Interrupted);
        }
        if !more {
            return Ok(());
        }
        next = following;
    }
}

/// Up to [`CHUNK`] raw articles (fewer when they hold more than [`CHUNK_BYTES`]), the error
/// that stopped reading early, if any, and whether the input ended.
fn read_chunk(reader: &mut ArticleReader) -> (Vec<RawArticle>, Option<Error>, bool) {
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut bytes = 0usize;
    while let Some(item) = reader.next_raw() {
        match item {
            Ok(raw) => {
                bytes += raw.size();
                chunk.push(raw);
                if chunk.len() == CHUNK || bytes >= CHUNK_BYTES {
                    return (chunk, None, false);
                }
            }
            Err(e) => return (chunk, Some(e), true),
        }
    }
    (chunk, None, true)
}
