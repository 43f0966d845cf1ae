//! `attache report partner CODE | annual --year YEAR`: a partner's brief or the annual
//! defence engagement report, as HTML or PDF, to a file or standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use attache_app::App;
use attache_app::reports::{Report, ReportFormat};
use attache_domain::PartnerCode;
use attache_domain::access::Actor;
use clap::{Args as ClapArgs, Subcommand};

use super::output::say;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// A partner's brief: the relationship, agreements, the last 12 months and the next 6,
    /// objectives and their indicators, engagement by quarter and category.
    Partner {
        /// The partner's code, e.g. SGP or ASEAN.
        code: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// The annual defence engagement report: totals by region, category and standing aim,
    /// top relationships, trends and early warnings, notable activities.
    Annual {
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        out: OutputArgs,
    },
}

#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// html (the default) or pdf.
    #[arg(long, default_value = "html")]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub async fn run(app: &App, command: ReportCommand, actor: &Actor) -> Result<ExitCode> {
    let (report, out): (Box<dyn Report>, OutputArgs) = match command {
        ReportCommand::Partner { code, out } => {
            let code = PartnerCode::parse("code", &code).map_err(|e| anyhow!("{e}"))?;
            (Box::new(app.partner_brief(&code, actor).await?), out)
        }
        ReportCommand::Annual { year, out } => {
            (Box::new(app.annual_report(year, actor).await?), out)
        }
    };
    let format = ReportFormat::parse("format", &out.format).map_err(|e| anyhow!("--{e}"))?;
    let bytes = report.written(format)?;
    let banner = report.classification().banner();
    match out.output {
        Some(path) => {
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
            say!("Wrote {} (classification: {banner}).", path.display());
        }
        None => {
            eprintln!("Classification: {banner}");
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
