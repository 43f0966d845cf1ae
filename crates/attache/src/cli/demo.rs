//! `attache demo`: a database filled with the demo data set.

use std::process::ExitCode;

use anyhow::Result;
use attache_app::demo::DemoPlan;
use attache_app::{App, Database};
use attache_domain::PartnerCode;
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};

use super::output::say;
use crate::cli::args::{date, partner_code};

#[derive(Debug, ClapArgs)]
pub struct DemoArgs {
    /// How many activities.
    #[arg(long, default_value_t = 6000)]
    pub size: usize,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Our nation (a database that already has one must be given the same).
    #[arg(long, value_parser = partner_code, default_value = "GBR")]
    pub nation: PartnerCode,
    /// The day the timeline is anchored on (default: today).
    #[arg(long, value_parser = date)]
    pub today: Option<NaiveDate>,
}

pub async fn run(database: Database, args: DemoArgs, now: DateTime<Utc>) -> Result<ExitCode> {
    // Initialises a new database too, so that one command gives a working demo.
    let app = App::init(database, Some(args.nation), now).await?;
    let today = args.today.unwrap_or_else(|| now.date_naive());
    let plan = DemoPlan::new(args.seed, args.size, today, app.our_nation().clone());
    let bar = ProgressBar::new(args.size as u64).with_style(
        ProgressStyle::with_template("{spinner} demo data [{bar:30}] {pos}/{len} activities")?
            .progress_chars("=> "),
    );
    let progress = bar.clone();
    let actor = app.console(now);
    let summary = app
        .load_demo(&plan, &actor, move |n| progress.set_position(n))
        .await;
    bar.finish_and_clear();
    say!("{}", summary?);
    Ok(ExitCode::SUCCESS)
}
