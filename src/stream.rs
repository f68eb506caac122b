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
        let (chunk, pending_error) = next;
        if chunk.is_empty() && pending_error.is_none() {
            return Ok(());
        }
        let more = pending_error.is_none() && chunk.len() == CHUNK;
        // JSON lines are parsed by the workers along with the work, and the next chunk is read
        // meanwhile: reading and parsing on one thread left the other cores idle.
        let (results, following) = rayon::join(
            || {
                chunk
                    .into_par_iter()
                    .map_init(&init, |state, raw| {
                        let is_line = raw.is_line();
                        raw.parse(lossy)
                            .map(|article| {
                                let result = work(state, &article);
                                (article, result)
                            })
                            .map_err(|e| (is_line, e))
                    })
                    .collect::<Vec<_>>()
            },
            || {
                if more {
                    read_chunk(reader)
                } else {
                    (Vec::new(), None)
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

/// Up to [`CHUNK`] raw articles, and the error that stopped reading early, if any.
fn read_chunk(reader: &mut ArticleReader) -> (Vec<RawArticle>, Option<Error>) {
    let mut chunk = Vec::with_capacity(CHUNK);
    while let Some(item) = reader.next_raw() {
        match item {
            Ok(raw) => {
                chunk.push(raw);
                if chunk.len() == CHUNK {
                    break;
                }
            }
            Err(e) => return (chunk, Some(e)),
        }
    }
    (chunk, None)
}
