//! `attache feeds [--max-classification LEVEL]`: the highest classification a calendar
//! feed carries outside the system, shown or set.

use std::process::ExitCode;

use anyhow::Result;
use attache_app::App;
use attache_domain::Classification;
use attache_domain::access::Actor;
use clap::Args as ClapArgs;

use crate::cli::args::classification;
use crate::cli::output::say;

#[derive(Debug, ClapArgs)]
pub struct FeedArgs {
    /// The highest classification calendar feeds carry (administrators); without it, the
    /// current one is shown.
    #[arg(long, value_parser = classification)]
    pub max_classification: Option<Classification>,
}

pub async fn run(app: &App, args: FeedArgs, actor: &Actor) -> Result<ExitCode> {
    if let Some(level) = args.max_classification {
        app.set_feed_classification(level, actor).await?;
    }
    say!(
        "Calendar feeds carry activities up to {} (from a month back to a year ahead).",
        app.feed_classification().await?
    );
    Ok(ExitCode::SUCCESS)
}
