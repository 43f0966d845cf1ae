//! `attache csbm air-base-visit …`: record and list air base visits (Vienna Document 2011,
//! 20–23); the last one our nation arranged sets when the next falls due.

use anyhow::Result;
use attache_app::App;
use attache_csbm::AirBaseVisitInput;
use attache_domain::access::Actor;
use clap::{Args as ClapArgs, Subcommand};

use crate::cli::output::{self, say};

#[derive(Debug, Subcommand)]
pub enum AirBaseVisitCommand {
    /// Record an air base visit.
    Add(AddArgs),
    /// The air base visits, latest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The state that arranged the visit, to one of its air bases.
    #[arg(long)]
    host: String,
    /// The air base visited.
    #[arg(long)]
    air_base: String,
    /// The day of the visit, YYYY-MM-DD.
    #[arg(long)]
    date: String,
    #[arg(long, default_value = "official")]
    classification: String,
    #[arg(long, default_value = "")]
    releasable_to: String,
}

pub async fn run(app: &App, cmd: &AirBaseVisitCommand, actor: &Actor) -> Result<()> {
    match cmd {
        AirBaseVisitCommand::Add(args) => {
            let input = AirBaseVisitInput {
                host: args.host.clone(),
                air_base: args.air_base.clone(),
                date: args.date.clone(),
                classification: args.classification.clone(),
                releasable_to: args.releasable_to.clone(),
            };
            let recorded = app.add_air_base_visit(&input, actor).await?;
            let v = &recorded.visit;
            say!(
                "Recorded air base visit {}: {} at {} on {}.",
                recorded.id,
                v.host,
                v.air_base,
                v.date
            );
        }
        AirBaseVisitCommand::List { json } => {
            let visits = app.air_base_visits(actor).await?;
            output::list(
                *json,
                &visits,
                ["id", "date", "host", "air base", "label"],
                |r| {
                    [
                        r.id.to_string(),
                        r.visit.date.to_string(),
                        r.visit.host.to_string(),
                        r.visit.air_base.clone(),
                        r.visit.label.classification.to_string(),
                    ]
                },
            )?;
        }
    }
    Ok(())
}
