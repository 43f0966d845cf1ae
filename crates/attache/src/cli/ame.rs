//! Assessment, monitoring and evaluation on the command line: `attache objective
//! indicator` records a reading, `attache objective readings` lists them, and `attache
//! analytics ame` prints the roll-up (CSV: one row per aim, partner and objective; or
//! the whole roll-up as JSON).

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use attache_analytics::ame::Summary;
use attache_app::App;
use attache_app::analytics::AnalyticsQuery;
use attache_domain::Classification;
use attache_domain::access::Actor;
use attache_domain::ame::IndicatorReading;
use attache_domain::records::StandingAim;

use super::output::{self, say};

/// `attache objective indicator OBJ --name NAME --current VALUE [--on DATE]`.
pub async fn record(
    app: &App,
    objective: &str,
    reading: IndicatorReading,
    actor: &Actor,
) -> Result<ExitCode> {
    app.record_reading(objective, &reading, actor).await?;
    say!(
        "Recorded {} = {} on {} for objective {objective}.",
        reading.indicator,
        reading.value,
        reading.measured_on
    );
    Ok(ExitCode::SUCCESS)
}

/// `attache objective readings OBJ`: newest first.
pub async fn readings(app: &App, objective: &str, json: bool, actor: &Actor) -> Result<ExitCode> {
    let readings = app.indicator_readings(objective, actor).await?;
    output::list(
        json,
        &readings,
        ["indicator", "value", "measured on"],
        |r| {
            [
                r.indicator.clone(),
                r.value.to_string(),
                r.measured_on.to_string(),
            ]
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn cells(level: &str, key: &str, name: &str, s: &Summary) -> [String; 9] {
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.4}"));
    [
        level.to_owned(),
        key.to_owned(),
        name.to_owned(),
        s.objectives.to_string(),
        s.indicators.to_string(),
        s.measured.to_string(),
        opt(s.progress),
        s.ratings.total().to_string(),
        opt(s.mean_rating),
    ]
}

/// `attache analytics ame [--partner X] [--aim Y]`: the roll-up as text, with its
/// classification.
pub async fn rollup(
    app: &App,
    query: &AnalyticsQuery,
    aim: Option<&str>,
    format: &str,
    actor: &Actor,
) -> Result<(String, Classification)> {
    let aim = aim
        .map(|a| StandingAim::parse("aim", a))
        .transpose()
        .map_err(|e| anyhow!("--{e}"))?;
    let view = app.ame(query.partner.as_ref(), aim, actor).await?;
    let rollup = &view.rollup;
    let text = match format {
        "json" => serde_json::to_string_pretty(rollup)?,
        "csv" => {
            let mut out = csv::Writer::from_writer(Vec::new());
            out.write_record([
                "level",
                "key",
                "name",
                "objectives",
                "indicators",
                "measured",
                "progress",
                "rated",
                "mean_rating",
            ])?;
            for a in &rollup.aims {
                out.write_record(cells("aim", a.aim.as_str(), a.aim.title(), &a.summary))?;
            }
            for p in &rollup.partners {
                out.write_record(cells("partner", p.partner.as_str(), "", &p.summary))?;
            }
            for o in &rollup.objectives {
                out.write_record(cells("objective", &o.code, &o.title, &o.summary))?;
            }
            String::from_utf8(out.into_inner()?)?
        }
        other => return Err(anyhow!("--format {other}: use csv or json")),
    };
    Ok((text, view.classification))
}
