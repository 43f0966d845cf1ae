//! `attache analytics MEASURE | map`: the measures as CSV or JSON, the map as GeoJSON.

use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use attache_app::App;
use attache_app::analytics::{AnalyticsText, Measure};
use attache_domain::access::Actor;

use super::args::AnalyticsArgs;
use super::output::say;

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
