//! `attache demo`: a database filled with the demo data set.

use std::process::ExitCode;

use anyhow::Result;
use attache_app::demo::DemoPlan;
use attache_app::{App, Database};
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};

use super::args::DemoArgs;
use super::output::say;

pub async fn run(
    database: Database,
    args: DemoArgs,
    user: &str,
    now: DateTime<Utc>,
) -> Result<ExitCode> {
    // Initialises a new database too, so that one command gives a working demo.
    let app = App::init(database, Some(args.nation), user, now).await?;
    let today = args.today.unwrap_or_else(|| now.date_naive());
    let plan = DemoPlan::new(args.seed, args.size, today, app.our_nation().clone());
    let bar = ProgressBar::new(args.size as u64).with_style(
        ProgressStyle::with_template("{spinner} demo data [{bar:30}] {pos}/{len} activities")?
            .progress_chars("=> "),
    );
    let progress = bar.clone();
    let actor = app.console(user, now);
    let summary = app
        .load_demo(&plan, &actor, move |n| progress.set_position(n))
        .await;
    bar.finish_and_clear();
    say!("{}", summary?);
    Ok(ExitCode::SUCCESS)
}
