//! `attache import` and `attache export`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use attache_app::App;
use attache_app::register::export::ExportFormat;
use attache_app::register::import::{Format, ImportOptions};
use attache_domain::access::Actor;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::FilterArgs;
use crate::cli::output::{self, say};

#[derive(Debug, ClapArgs)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// csv or json (default: from the file's extension).
    #[arg(long)]
    pub format: Option<String>,
    /// Validate every row and report, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The source of rows without a `source` column (default: the file's name).
    #[arg(long)]
    pub source: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct ExportArgs {
    /// csv, json or ics.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub async fn import(app: &App, args: ImportArgs, actor: &Actor) -> Result<ExitCode> {
    let format = match &args.format {
        Some(raw) => Format::parse(raw)?,
        None => Format::of_path(&args.file).ok_or_else(|| {
            anyhow!(
                "{}: cannot tell the format from the name: give --format csv or --format json",
                args.file.display()
            )
        })?,
    };
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?
        .len();
    // Drawn only on a terminal: indicatif hides itself when standard error is not one.
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template(
            "{spinner} importing [{bar:30}] {bytes}/{total_bytes} ({eta})",
        )?
        .progress_chars("=> "),
    );
    let progress_bar = bar.clone();
    let options = ImportOptions {
        format,
        dry_run: args.dry_run,
        source: args.source.clone(),
    };
    let report = app
        .import_file(
            &args.file,
            &options,
            actor,
            Arc::new(move |bytes| progress_bar.set_position(bytes)),
        )
        .await;
    bar.finish_and_clear();
    let report = report?;
    if args.json {
        output::json(&report)?;
    } else {
        for problem in &report.problems {
            eprintln!("{}", report.describe(problem));
        }
    }
    if !report.accepted() {
        let shown = report.problems.len() as u64;
        let more = match report.problem_count > shown {
            true => format!(" ({shown} shown)"),
            false => String::new(),
        };
        eprintln!(
            "{} problem(s){more} in {} rows of {}: nothing was imported.",
            report.problem_count,
            report.rows,
            report.file.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    if !args.json {
        let o = report.outcome;
        match report.dry_run {
            true => say!(
                "{} rows are valid: importing them adds {}, updates {}, leaves {} unchanged (dry run: nothing was written).",
                report.rows,
                o.inserted,
                o.updated,
                o.unchanged
            ),
            false => say!(
                "Imported {} rows from {}: {} new, {} updated, {} unchanged.",
                report.rows,
                report.file.display(),
                o.inserted,
                o.updated,
                o.unchanged
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn export(app: &App, args: ExportArgs, actor: &Actor) -> Result<ExitCode> {
    let format = ExportFormat::parse(&args.format)?;
    let filter = args.filter.into();
    let count = match &args.output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            let count = app
                .export(&filter, format, &mut out as &mut (dyn Write + Send), actor)
                .await?;
            out.flush()?;
            eprintln!("Exported {count} activities to {}.", path.display());
            count
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout());
            let count = app
                .export(&filter, format, &mut out as &mut (dyn Write + Send), actor)
                .await?;
            out.flush()?;
            count
        }
    };
    tracing::debug!(count, "exported");
    Ok(ExitCode::SUCCESS)
}
