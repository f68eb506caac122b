//! The `newsline` command: parse -> per-command config -> [`cli::run`] -> exit code.
//!
//! Everything the command line does beyond that is in [`cli`]; everything else is the
//! library's.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::args::Cli;
use cli::config::Config;

fn main() -> ExitCode {
    cli::set_up_process();
    let args = Cli::parse();
    if matches!(args.command, cli::args::Command::Train(_)) {
        cli::use_one_heap_arena();
    }
    if let Err(code) = cli::start_workers(args.threads) {
        return code;
    }
    let outcome = Config::from_args(args.command)
        .map_err(anyhow::Error::from)
        .and_then(cli::run::run);
    cli::exit_code(outcome)
}
