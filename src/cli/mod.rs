//! The command line, on top of the library: [`args`] (what clap parses) -> [`config`] (flags
//! resolved once into a plain configuration per command) -> [`run`] (one library call per
//! command) -> [`print`] (tables, JSON, progress). Errors are reported here, with the
//! library's setting names shown as flags.

pub mod args;
pub mod config;
mod print;
pub mod run;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use newsline::Error;

/// Set by Ctrl-C: long runs stop between chunks, with the output written so far complete.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// A command's outcome: newsline's own errors and any others (writing to standard output).
pub type CliResult = std::result::Result<(), anyhow::Error>;

/// Process set-up before anything runs: panics are reported as internal errors, and a write
/// beyond the file-size limit fails with an error instead of killing the process.
pub fn set_up_process() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "newsline: internal error: {msg} (please report this with the input that caused it)"
        );
    }));
    // A write beyond the file-size limit should fail with an error we report, not kill the
    // process with SIGXFSZ half-way through a file.
    #[cfg(unix)]
    // SAFETY: setting a signal to be ignored, before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Gives the process one heap arena (glibc), for `train`; call it before any other thread is
/// started.
///
/// glibc gives each thread that meets a busy heap an arena of its own. Training's token table
/// is 256 shards that the worker threads fill in turn, and pruning replaces them with smaller
/// ones: the freed pieces scattered over two arenas, so the process's peak memory grew with
/// the corpus while the live heap did not (at 100,000 articles 176-199 MB against 161-168 MB
/// at 20,000, with a live heap of 142 and 139 MiB). In one arena the freed pieces are reused,
/// and the peak follows the live heap. The lock this shares costs training little: its
/// threads allocate rarely (buffers are kept from chunk to chunk).
pub fn use_one_heap_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's settings; no other thread is running yet.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Sizes the worker pool (`--threads`), and makes Ctrl-C cancel the run (twice: exit now).
/// Fails with the exit code of a usage error on `--threads 0`.
pub fn start_workers(threads: Option<usize>) -> Result<(), ExitCode> {
    if let Some(n) = threads {
        if n == 0 {
            eprintln!("newsline: --threads must be at least 1");
            return Err(ExitCode::from(2));
        }
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    Ok(())
}

/// The exit code of a run, with its error (if any) reported on standard error.
pub fn exit_code(result: CliResult) -> ExitCode {
    let Err(e) = result else {
        return ExitCode::SUCCESS;
    };
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    if let Some(Error::Interrupted) = e.downcast_ref::<Error>() {
        eprintln!("newsline: interrupted; output written so far is complete");
        return ExitCode::from(130);
    }
    if let Some(Error::Setting { setting, problem }) = e.downcast_ref::<Error>() {
        eprintln!(
            "newsline: error: invalid settings: {} {}",
            flag_of(setting),
            flags_in(problem)
        );
        return ExitCode::FAILURE;
    }
    eprintln!("newsline: error: {e}");
    // newsline's own errors already say their cause; others get their chain.
    if e.downcast_ref::<Error>().is_none() {
        for cause in e.chain().skip(1) {
            eprintln!("  caused by: {cause}");
        }
    }
    ExitCode::FAILURE
}

/// The command-line flag of a library setting (see [`Error::Setting`]).
fn flag_of(setting: &str) -> String {
    match setting {
        "fold_diacritics" => "--keep-diacritics".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

/// `problem` with the library's names of settings (those spelt with `_`) as flags.
fn flags_in(problem: &str) -> String {
    problem
        .split(' ')
        .map(|word| {
            let name = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            if name.contains('_') && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                word.replace(name, &flag_of(name))
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_setting_names_become_flags() {
        assert_eq!(flag_of("min_df"), "--min-df");
        assert_eq!(flag_of("fold_diacritics"), "--keep-diacritics");
        assert_eq!(flag_of("folds"), "--folds");
        assert_eq!(
            flags_in("must be at least max_features (10 < 30000)"),
            "must be at least --max-features (10 < 30000)"
        );
        assert_eq!(
            flags_in("is 0, expected a number"),
            "is 0, expected a number"
        );
    }
}
