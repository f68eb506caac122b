//! The integration tests, as one test binary.
//!
//! One binary, not one per file: the default model is trained once for all of them
//! (`common::trained`, behind a `OnceLock`), and the binary is linked once. `Cargo.toml` sets
//! `autotests = false` and names this file as the only test target, so a new file in tests/
//! never becomes a second binary with its own training; it joins as a module below.
//!
//! Tests that read the users' seed pages beside the checkout (`../shared/seeds`) are
//! `#[ignore = "needs ../shared/seeds"]` and fail loudly when run without them; CI runs them
//! with `cargo test --release -- --include-ignored`.

mod common;

mod bad_input;
mod browser;
mod cli;
mod dates;
mod events;
mod exports;
mod happenings;
mod html;
mod linfa_equivalence;
mod model;
mod stream;
mod timeline;
