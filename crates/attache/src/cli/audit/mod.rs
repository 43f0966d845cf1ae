//! `attache audit verify | log | checkpoint | keygen`: the trail checked (the chain, the
//! signed checkpoints with the audit key, the stored records against it), read, vouched
//! for by a signed checkpoint, and the key made (`key.rs`).

pub mod key;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use attache_app::App;
use attache_app::AuditVerdict;
use attache_domain::access::Actor;
use clap::Subcommand;

use super::output::{self, say};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the whole trail and name the first entry altered, removed, reordered or
    /// rewritten; with the audit key, check every checkpoint it signed; then each stored
    /// activity against its last audited change.
    Verify {
        #[command(flatten)]
        key: key::KeyArg,
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
    /// Sign a checkpoint of the trail's head with the audit key, so that a later verify
    /// finds the trail as it stands now, or names what changed.
    Checkpoint {
        /// The secret audit key file (attache audit keygen).
        #[arg(long = "audit-key", env = "ATTACHE_AUDIT_KEY", value_name = "PATH")]
        audit_key: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write a new Ed25519 audit key to a new file (readable by its owner only) and show
    /// its public key. Needs no database.
    Keygen {
        /// Where to write it: a file that does not exist yet.
        #[arg(long, value_name = "PATH")]
        key: PathBuf,
    },
}

pub async fn run(app: &App, cmd: AuditCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        AuditCommand::Verify { key, json } => {
            let key = key.path.as_deref().map(key::read).transpose()?;
            let verdict = app
                .verify_audit(key.as_ref().map(|k| k.public()).as_ref(), actor)
                .await?;
            if json {
                output::json(&verdict)?;
            }
            match verdict {
                AuditVerdict::Intact {
                    entries,
                    checkpoints,
                    records,
                } => {
                    if !json {
                        say!(
                            "The audit trail is intact: {entries} entries, each chained to the one before; {checkpoints}; {records}."
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                AuditVerdict::Broken(broken) => {
                    eprintln!("The audit trail is broken {broken}.");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        AuditCommand::Checkpoint { audit_key, json } => {
            let key = key::read_secret(&audit_key)?;
            let checkpoint = app.checkpoint_audit(&key, false, actor).await?;
            let Some(checkpoint) = checkpoint else {
                return Err(anyhow!("no checkpoint was written"));
            };
            if json {
                output::json(&checkpoint)?;
            } else {
                say!(
                    "Checkpoint {} signed: {} entries up to entry {} (hash {}), at {}, with key {}. \
                     Keep this line away from the database too: it shows checkpoints deleted later.",
                    checkpoint.id,
                    checkpoint.entries,
                    checkpoint.entry,
                    checkpoint.hash,
                    checkpoint.at,
                    checkpoint.key_fingerprint
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Keygen { key } => {
            key::keygen(&key)?;
            Ok(ExitCode::SUCCESS)
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
