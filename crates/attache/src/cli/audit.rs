//! `attache audit verify | log`

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use attache_app::App;
use attache_app::AuditVerdict;
use attache_domain::access::Actor;
use clap::Subcommand;

use super::output::{self, say};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the whole trail and name the first entry altered, removed or reordered.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The latest changes, or one record's history (--record activity:12).
    Log {
        /// TYPE:ID, e.g. activity:12, partner:SGP, objective:SGP-1.
        #[arg(long)]
        record: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(app: &App, cmd: AuditCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        AuditCommand::Verify { json } => {
            let verdict = app.verify_audit(actor).await?;
            if json {
                output::json(&verdict)?;
            }
            match verdict {
                AuditVerdict::Intact { entries } => {
                    if !json {
                        say!(
                            "The audit trail is intact: {entries} entries, each chained to the one before."
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                AuditVerdict::Broken { entry, reason } => {
                    eprintln!("The audit trail is broken at entry {entry}: {reason}.");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        AuditCommand::Log {
            record,
            limit,
            json,
        } => {
            let record = record
                .as_deref()
                .map(|r| {
                    r.split_once(':')
                        .ok_or_else(|| anyhow!("--record: write TYPE:ID, e.g. activity:12"))
                })
                .transpose()?;
            let entries = app.audit_trail(record, limit, actor).await?;
            output::list(
                json,
                &entries,
                ["entry", "at", "actor", "action", "record", "label"],
                |e| {
                    [
                        e.id.to_string(),
                        e.at.clone(),
                        format!("{} ({})", e.actor, e.actor_nation),
                        e.action.clone(),
                        format!("{}:{}", e.record_type, e.record_id),
                        e.classification.to_uppercase(),
                    ]
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
