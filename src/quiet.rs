//! Silencing standard error around linfa-bayes' `fit`: the published 0.8.1 runs a leftover `dbg!`
//! that would print every class's whole feature-count vector (megabytes) to the user's terminal.
//! The vendored copy (`vendor/linfa-bayes`) has it removed; this stays as a guard for builds
//! against the registry's crate.

use std::sync::Mutex;

static STDERR_LOCK: Mutex<()> = Mutex::new(());

/// While alive, the process's standard error goes to the null device. Guards are serialised,
/// so overlapping fits on several threads restore the real stderr correctly.
pub struct StderrSilenced {
    #[cfg(unix)]
    saved: Option<i32>,
    _lock: std::sync::MutexGuard<'static, ()>,
}

impl StderrSilenced {
    /// Redirects standard error to the null device until the guard is dropped.
    pub fn new() -> Self {
        let lock = STDERR_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        #[cfg(unix)]
        {
            use std::io::Write;
            let _ = std::io::stderr().flush();
            // SAFETY: plain POSIX calls on file descriptors we own; failures leave stderr as is.
            let saved = unsafe {
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
                if null < 0 {
                    None
                } else {
                    let saved = libc::dup(2);
                    if saved < 0 {
                        libc::close(null);
                        None
                    } else {
                        libc::dup2(null, 2);
                        libc::close(null);
                        Some(saved)
                    }
                }
            };
            StderrSilenced { saved, _lock: lock }
        }
        #[cfg(not(unix))]
        {
            StderrSilenced { _lock: lock }
        }
    }
}

impl Default for StderrSilenced {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for StderrSilenced {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = self.saved.take() {
            use std::io::Write;
            let _ = std::io::stderr().flush();
            // SAFETY: restores the descriptor saved in `new`.
            unsafe {
                libc::dup2(saved, 2);
                libc::close(saved);
            }
        }
    }
}
