//! `attache dataset import|list|show|delete`: external data sets of defence activities,
//! imported through a mapping file and kept apart from the register's activities.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use attache_app::App;
use attache_app::Dataset;
use attache_app::datasets::DatasetOptions;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::datasets::Mapping;
use clap::Subcommand;

use super::output::{self, say};

#[derive(Debug, Subcommand)]
pub enum DatasetCommand {
    /// Import a CSV file through a mapping file (JSON): all rows or none. Rows that
    /// cannot be mapped are listed with their line, column and reason.
    Import {
        file: PathBuf,
        /// The mapping file: which column is the id, the date, the participants, the
        /// category; the data set's label and source (see the README).
        #[arg(long)]
        mapping: PathBuf,
        /// The data set's name (default: the mapping's, or the file's name).
        #[arg(long)]
        name: Option<String>,
        /// Map and check every row, write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The data sets you may see.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One data set: its source, label, file and events.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a data set and its events (the register's activities are not touched).
    Delete { name: String },
}

pub async fn run(app: &App, cmd: DatasetCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        DatasetCommand::Import {
            file,
            mapping,
            name,
            dry_run,
            json,
        } => {
            let text = std::fs::read_to_string(&mapping)
                .with_context(|| format!("cannot read {}", mapping.display()))?;
            let mapping = Mapping::from_json(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", mapping.display()))?;
            let options = DatasetOptions {
                mapping,
                name,
                dry_run,
            };
            let report = app.import_dataset(&file, &options, actor).await?;
            let import = &report.import;
            if json {
                output::json(&report)?;
            } else {
                for problem in &import.problems {
                    eprintln!("{}", import.describe(problem));
                }
            }
            if !import.accepted() {
                let shown = import.problems.len() as u64;
                let more = match import.problem_count > shown {
                    true => format!(" ({shown} shown)"),
                    false => String::new(),
                };
                eprintln!(
                    "{} problem(s){more} in {} rows of {}: nothing was imported.",
                    import.problem_count,
                    import.rows,
                    file.display()
                );
                return Ok(ExitCode::FAILURE);
            }
            if !json {
                let o = import.outcome;
                match dry_run {
                    true => say!(
                        "{} rows map to events (dry run: nothing was written).",
                        import.rows
                    ),
                    false => say!(
                        "Imported {} rows from {} into data set {}: {} new, {} updated, {} \
                         unchanged.",
                        import.rows,
                        file.display(),
                        report.dataset,
                        o.inserted,
                        o.updated,
                        o.unchanged
                    ),
                }
            }
        }
        DatasetCommand::List { json } => {
            let datasets = app.datasets(actor).await?;
            output::list(
                json,
                &datasets,
                [
                    "name",
                    "events",
                    "label",
                    "source",
                    "imported by",
                    "imported at",
                ],
                |d| {
                    [
                        d.record.name.clone(),
                        d.record.events.to_string(),
                        output::label(&d.record.label),
                        d.record.source.clone(),
                        d.meta.updated_by.clone(),
                        d.meta.updated_at.format("%Y-%m-%d %H:%M").to_string(),
                    ]
                },
            )?;
        }
        DatasetCommand::Show { name, json } => {
            let dataset = app.dataset(&name, actor).await?;
            output::record(json, &dataset, lines)?;
        }
        DatasetCommand::Delete { name } => {
            let deleted = app.delete_dataset(&name, actor).await?;
            say!(
                "Deleted data set {} and its {} events.",
                deleted.record.name,
                deleted.record.events
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn lines(d: &Stored<Dataset>) -> [(&'static str, String); 9] {
    [
        ("name", d.record.name.clone()),
        ("label", output::label(&d.record.label)),
        ("source", d.record.source.clone()),
        ("events", d.record.events.to_string()),
        ("file", d.record.file.clone()),
        ("sha256", d.record.sha256.clone()),
        ("imported by", d.meta.updated_by.clone()),
        ("imported at", d.meta.updated_at.to_rfc3339()),
        ("first imported", d.meta.created_at.to_rfc3339()),
    ]
}
