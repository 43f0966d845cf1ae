//! `attache analytics MEASURE | map`: the measures as CSV or JSON, the map as GeoJSON.

use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use attache_app::App;
use attache_app::analytics::{AnalyticsText, Measure};
use attache_domain::access::Actor;
use clap::Args as ClapArgs;

use super::output::say;

#[derive(Debug, ClapArgs)]
pub struct AnalyticsArgs {
    /// intensity, pairs, warnings, nodes, links, categories, map, or ame (assessment,
    /// monitoring and evaluation: the objectives' progress and ratings per aim and partner).
    pub what: String,
    /// Periods: month, quarter (the default) or year.
    #[arg(long)]
    pub by: Option<String>,
    /// Activities starting on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Activities starting on or before this day; warnings look at its period.
    #[arg(long)]
    pub to: Option<String>,
    /// Only the activities this partner took part in.
    #[arg(long)]
    pub partner: Option<String>,
    /// A category's weight instead of the default, e.g. exercise=4; repeat for more.
    #[arg(long)]
    pub weight: Vec<String>,
    /// Warnings: the trailing window, in periods (4).
    #[arg(long)]
    pub window: Option<String>,
    /// Warnings: the fall below the trailing average that raises one, a fraction (0.5).
    #[arg(long)]
    pub drop: Option<String>,
    /// csv or json (measures; the map is GeoJSON).
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
    /// Measure an imported data set instead of the register.
    #[arg(long)]
    pub dataset: Option<String>,
    /// ame: only the objectives serving this standing aim (build_trust, …).
    #[arg(long)]
    pub aim: Option<String>,
}

pub async fn run(app: &App, args: AnalyticsArgs, actor: &Actor) -> Result<ExitCode> {
    let query = AnalyticsText {
        by: args.by.unwrap_or_default(),
        from: args.from.unwrap_or_default(),
        to: args.to.unwrap_or_default(),
        partner: args.partner.unwrap_or_default(),
        weights: args.weight,
        window: args.window.unwrap_or_default(),
        drop: args.drop.unwrap_or_default(),
        dataset: args.dataset.unwrap_or_default(),
    }
    .parse()
    .map_err(|errors| anyhow!("{errors}"))?;
    let (text, classification) = if args.what == "ame" {
        super::ame::rollup(app, &query, args.aim.as_deref(), &args.format, actor).await?
    } else if args.what == "map" {
        let (collection, classification) = app.activities_geojson(&query, actor).await?;
        (serde_json::to_string_pretty(&collection)?, classification)
    } else {
        let measure = Measure::parse("measure", &args.what)
            .map_err(|e| anyhow!("{e}; or map, for the activities as GeoJSON; or ame"))?;
        let table = app.measure(measure, &query, actor).await?;
        let text = match args.format.as_str() {
            "csv" => table.to_csv()?,
            "json" => serde_json::to_string_pretty(&table)?,
            other => return Err(anyhow!("--format {other}: use csv or json")),
        };
        (text, table.classification)
    };
    // The banner goes where the data does not: beside a file, or to standard error.
    let banner = classification.as_str().to_uppercase();
    match args.output {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            say!("Wrote {} (classification: {banner}).", path.display());
        }
        None => {
            eprintln!("Classification: {banner}");
            say!("{}", text.trim_end());
        }
    }
    Ok(ExitCode::SUCCESS)
}
