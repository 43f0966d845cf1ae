//! `attache`: the command line of Attaché. Parses arguments, opens the store named by
//! `--db`, and hands over to the command; everything else lives in the library crates.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    // A server logs a line per request; a command only its warnings. sqlx warns of slow
    // statements with their whole text: not for users.
    let default_filter = match args.command {
        cli::Command::Serve(_) => "info,sqlx=error",
        _ => "warn,sqlx=error",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("ATTACHE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    // ATTACHE_LOG_FORMAT=json: one JSON object a line, for a log collector.
    if std::env::var("ATTACHE_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(args)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
