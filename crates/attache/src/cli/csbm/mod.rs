//! `attache csbm …`: the CSBM officer's commands.

mod air_base;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use askama::Template;
use attache_app::App;
use attache_app::csbm::{Assessed, QuotaRole, YearReport};
use attache_csbm::verification::{Verification, VerificationKind};
use attache_csbm::{Margin, MilitaryActivityInput};
use attache_domain::access::Actor;
use attache_domain::{Classification, SecurityLabel};
use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand, ValueEnum};

use crate::cli::args::date;
use crate::cli::output::{self, say};

#[derive(Debug, Subcommand)]
pub enum CsbmCommand {
    /// Declare a military activity.
    Add(Box<AddArgs>),
    /// Declare the military activities of a CSV file (all rows or none).
    Import { file: PathBuf },
    /// The activities of a year, each with its evaluation.
    List {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Check a year: every finding with its paragraph, the quotas, what falls due.
    Check {
        #[arg(long)]
        year: i32,
        /// The day to check as of (default: today).
        #[arg(long, value_parser = date)]
        today: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Record the day an activity was notified, or listed in an annual calendar.
    Record {
        id: i64,
        #[arg(long, value_parser = date)]
        notified_on: Option<NaiveDate>,
        #[arg(long, value_parser = date)]
        calendared_on: Option<NaiveDate>,
    },
    /// The prior notification of an activity.
    Notification {
        id: i64,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Our nation's annual calendar of notifiable activities for a year.
    Calendar {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Record an inspection or evaluation visit; a quota it exceeds is flagged.
    Verification(VerificationArgs),
    /// Time the year check beside reading its activities, in one process (bench/csbm.sh).
    #[command(hide = true)]
    Bench {
        #[arg(long)]
        year: i32,
        #[arg(long, default_value_t = 9)]
        runs: usize,
    },
    /// Record the units a state reported in the annual exchange (sets its evaluation quota).
    Units {
        state: String,
        #[arg(long)]
        year: i32,
        #[arg(long, allow_hyphen_values = true)]
        units: i64,
    },
    /// Air base visits: the last our nation arranged sets when the next falls due (20, 23).
    #[command(subcommand)]
    AirBaseVisit(air_base::AirBaseVisitCommand),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Html,
    /// Written to standard output: redirect it to a file.
    Pdf,
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    #[arg(long)]
    reference: String,
    #[arg(long)]
    name: String,
    /// land_exercise, amphibious_landing, parachute_assault, transfer or concentration.
    #[arg(long)]
    kind: String,
    #[arg(long)]
    start: String,
    #[arg(long)]
    end: String,
    /// The state on whose territory the activity takes place (it notifies).
    #[arg(long)]
    host: String,
    /// The states whose forces take part, `;`-separated (default: the host).
    #[arg(long, default_value = "")]
    participants: String,
    #[arg(long, default_value = "")]
    area: String,
    // Counts are taken as text so that a negative one is refused with the rule, by name.
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    troops: String,
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    tanks: String,
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    acvs: String,
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    artillery: String,
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    sorties: String,
    /// Carried out without advance notice to the troops.
    #[arg(long)]
    alert: bool,
    /// Not organised into a divisional structure or two brigades/regiments.
    #[arg(long)]
    not_divisional: bool,
    #[arg(long, default_value = "")]
    notified_on: String,
    #[arg(long, default_value = "")]
    calendared_on: String,
    #[arg(long, default_value = "official")]
    classification: String,
    #[arg(long, default_value = "")]
    releasable_to: String,
}

impl AddArgs {
    fn input(&self) -> MilitaryActivityInput {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
        MilitaryActivityInput {
            reference: self.reference.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            start_date: self.start.clone(),
            end_date: self.end.clone(),
            host: self.host.clone(),
            participants: self.participants.clone(),
            area: self.area.clone(),
            troops: self.troops.clone(),
            battle_tanks: self.tanks.clone(),
            acvs: self.acvs.clone(),
            artillery: self.artillery.clone(),
            sorties: self.sorties.clone(),
            alert: yes_no(self.alert),
            divisional: yes_no(!self.not_divisional),
            notified_on: self.notified_on.clone(),
            calendared_on: self.calendared_on.clone(),
            classification: self.classification.clone(),
            releasable_to: self.releasable_to.clone(),
        }
    }
}

#[derive(Debug, ClapArgs)]
pub struct VerificationArgs {
    #[arg(long, value_enum)]
    kind: Kind,
    /// The state that receives it.
    #[arg(long)]
    receiving: String,
    /// The state that makes it.
    #[arg(long)]
    by: String,
    #[arg(long, value_parser = date)]
    date: NaiveDate,
    /// Only check the quotas; record nothing.
    #[arg(long)]
    check: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    Inspection,
    EvaluationVisit,
}

pub async fn run(app: &App, cmd: &CsbmCommand, actor: &Actor) -> Result<ExitCode> {
    let now = actor.at;
    match cmd {
        CsbmCommand::Add(args) => {
            let a = app.add_military_activity(&args.input(), actor).await?;
            say!(
                "Declared military activity {}: {}",
                a.id,
                a.activity.reference
            );
            show(&a);
        }
        CsbmCommand::Import { file } => {
            let path = file.display().to_string();
            let reader =
                std::fs::File::open(file).with_context(|| format!("cannot open {path}"))?;
            let ids = app.import_military_activities(reader, &path, actor).await?;
            say!("Declared {} military activities from {path}.", ids.len());
        }
        CsbmCommand::List { year, json } => {
            let list = app.military_activities(*year, actor).await?;
            if *json {
                output::json(&list)?;
            } else {
                list_table(&list);
            }
        }
        CsbmCommand::Check { year, today, json } => {
            let today = today.unwrap_or_else(|| now.date_naive());
            let report = app.csbm_year(*year, today, actor).await?;
            if *json {
                output::json(&report)?;
            } else {
                check_tables(&report);
            }
            let breaches = report
                .findings
                .iter()
                .any(|f| f.severity != attache_csbm::Severity::Due);
            return Ok(if breaches {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            });
        }
        CsbmCommand::Record {
            id,
            notified_on,
            calendared_on,
        } => {
            let a = app
                .record_csbm_dates(*id, *notified_on, *calendared_on, actor)
                .await?;
            show(&a);
        }
        CsbmCommand::Notification { id, format } => {
            let doc = app.csbm_notification(*id, actor).await?;
            document(&doc, *format, || doc.pdf())?;
        }
        CsbmCommand::Calendar { year, format } => {
            let doc = app.csbm_calendar(*year, actor).await?;
            document(&doc, *format, || doc.pdf())?;
        }
        CsbmCommand::Verification(args) => return verification(app, args, actor).await,
        CsbmCommand::Bench { year, runs } => bench(app, *year, *runs, actor).await?,
        CsbmCommand::Units { state, year, units } => {
            app.set_units_reported(state, *year, *units, actor).await?;
            let quota = attache_csbm::verification::evaluation_quota(*units);
            say!(
                "{state} reported {units} units for {year}: {quota} evaluation visit(s) a year (paragraph 107)."
            );
        }
        CsbmCommand::AirBaseVisit(cmd) => air_base::run(app, cmd, actor).await?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn verification(app: &App, args: &VerificationArgs, actor: &Actor) -> Result<ExitCode> {
    let v = Verification {
        kind: match args.kind {
            Kind::Inspection => VerificationKind::Inspection,
            Kind::EvaluationVisit => VerificationKind::EvaluationVisit,
        },
        receiving: args.receiving.clone(),
        by: args.by.clone(),
        date: args.date,
    };
    let flags = if args.check {
        app.check_verification(&v, actor).await?
    } else {
        let label = SecurityLabel::new(Classification::Official, vec![])?;
        let (id, flags) = app.add_verification(&v, &label, actor).await?;
        say!("Recorded verification {id}.");
        flags
    };
    for f in &flags {
        say!("exceeds a quota (paragraph {}): {}", f.paragraph, f.message);
    }
    Ok(if flags.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Medians, in milliseconds, of reading a year's activities (the baseline) and of checking
/// what was read, over `runs` runs; as JSON for the benchmark script.
async fn bench(app: &App, year: i32, runs: usize, actor: &Actor) -> Result<()> {
    let today = actor.at.date_naive();
    let (mut read, mut check) = (Vec::new(), Vec::new());
    let mut sizes = (0, 0);
    for _ in 0..runs.max(1) {
        let started = std::time::Instant::now();
        let stored = app.csbm_window(year, actor).await?;
        let records: Vec<attache_csbm::MilitaryActivity> =
            stored.into_iter().map(|s| s.record).collect();
        let between = std::time::Instant::now();
        let findings = attache_csbm::check_year(year, today, &records);
        let ended = std::time::Instant::now();
        read.push((between - started).as_secs_f64() * 1e3);
        check.push((ended - between).as_secs_f64() * 1e3);
        sizes = (records.len(), findings.len());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let (read_ms, check_ms) = (median(&mut read), median(&mut check));
    output::json(&serde_json::json!({
        "year": year,
        "activities_read": sizes.0,
        "findings": sizes.1,
        "runs": runs,
        "read_median_ms": read_ms,
        "check_median_ms": check_ms,
        "check_over_read": if read_ms > 0.0 { check_ms / read_ms } else { 0.0 },
    }))
}

fn document<T: Template + serde::Serialize>(
    doc: &T,
    format: Format,
    pdf: impl FnOnce() -> attache_app::Result<Vec<u8>>,
) -> Result<()> {
    match format {
        Format::Json => output::json(doc),
        Format::Html => {
            say!("{}", doc.render()?);
            Ok(())
        }
        Format::Pdf => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(&pdf()?)?;
            Ok(out.flush()?)
        }
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

fn margin_text(m: &Margin) -> String {
    format!(
        "{} {} {} (para {}): {} ({:+}){}",
        m.comparison.words(),
        m.threshold,
        m.unit.as_str(),
        m.paragraph,
        m.value,
        m.margin,
        if m.near { " NEAR THRESHOLD" } else { "" }
    )
}

fn show(a: &Assessed) {
    let e = &a.evaluation;
    let mut pairs = vec![
        ("id", a.id.to_string()),
        ("reference", a.activity.reference.clone()),
        ("kind", a.activity.kind.title().to_owned()),
        (
            "dates",
            format!("{} to {}", a.activity.start, a.activity.end),
        ),
        ("host", a.activity.host.to_string()),
        ("notifiable", yes(e.notifiable)),
        ("observable", yes(e.observable)),
        (
            "notify by",
            format!("{} (para {})", e.notify_by, e.notify_paragraph),
        ),
        (
            "calendar by",
            e.calendar.as_ref().map_or("not required".into(), |c| {
                format!("{} (para {})", c.deadline, c.paragraph)
            }),
        ),
        ("near threshold", yes(e.near_threshold)),
    ];
    pairs.extend(e.margins.iter().map(|m| ("threshold", margin_text(m))));
    output::fields(&pairs);
}

fn list_table(list: &[Assessed]) {
    output::table(
        [
            "id",
            "reference",
            "kind",
            "start",
            "end",
            "host",
            "troops",
            "tanks",
            "notifiable",
            "observable",
            "notify by",
            "calendar by",
            "near",
        ],
        list.iter().map(|a| {
            let e = &a.evaluation;
            [
                a.id.to_string(),
                a.activity.reference.clone(),
                a.activity.kind.to_string(),
                a.activity.start.to_string(),
                a.activity.end.to_string(),
                a.activity.host.to_string(),
                a.activity.forces.troops.to_string(),
                a.activity.forces.battle_tanks.to_string(),
                yes(e.notifiable),
                yes(e.observable),
                e.notify_by.to_string(),
                e.calendar
                    .as_ref()
                    .map_or(String::new(), |c| c.deadline.to_string()),
                e.margins
                    .iter()
                    .filter(|m| m.near)
                    .map(|m| format!("{} {}", m.paragraph, m.unit.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        }),
    );
}

fn check_tables(r: &YearReport) {
    say!(
        "Vienna Document 2011: {} as of {} ({} activities in the year)",
        r.year,
        r.today,
        r.activities.len()
    );
    output::table(
        [
            "severity",
            "paragraph",
            "state",
            "activities",
            "due",
            "finding",
        ],
        r.findings.iter().map(|f| {
            [
                f.severity.as_str().to_owned(),
                f.paragraph.to_owned(),
                f.state.clone(),
                f.activities.join(", "),
                f.due.map_or(String::new(), |d| d.to_string()),
                f.message.clone(),
            ]
        }),
    );
    say!("Verification quotas, {}:", r.year);
    output::table(
        [
            "as",
            "kind",
            "receiving state",
            "paragraph",
            "quota",
            "used",
            "remaining",
            "per state",
        ],
        r.quotas.iter().map(|q| {
            [
                match q.role {
                    QuotaRole::Host => "host",
                    QuotaRole::Inspecting => "inspecting",
                }
                .to_owned(),
                q.quota.kind.as_str().to_owned(),
                q.quota.receiving.clone(),
                q.quota.paragraph.to_owned(),
                q.quota.quota.to_string(),
                q.quota.used.to_string(),
                q.quota.remaining().to_string(),
                format!(
                    "{} (para {})",
                    q.quota.per_state, q.quota.per_state_paragraph
                ),
            ]
        }),
    );
    say!(
        "Deadlines in the next {} days:",
        attache_app::csbm::DEADLINE_HORIZON_DAYS
    );
    output::table(
        ["due", "paragraph", "what"],
        r.deadlines
            .iter()
            .map(|d| [d.due.to_string(), d.paragraph.to_owned(), d.what.clone()]),
    );
}
