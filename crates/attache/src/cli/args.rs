//! The command line's grammar (clap). Values are parsed into domain types here, at the
//! edge, so a typo is refused with the field's rule before anything runs.

use std::path::PathBuf;

use attache_domain::access::UserRole;
use attache_domain::activity::parse_date;
use attache_domain::ame::OutcomeRating;
use attache_domain::records::{AgreementKind, AssetKind, PartnerKind, StandingAim};
use attache_domain::{Category, Classification, PartnerCode, Status};
use chrono::NaiveDate;
use clap::{Args as ClapArgs, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "attache",
    version,
    about = "Plan, coordinate, approve, record and assess defence engagement"
)]
pub struct Args {
    /// The database: a SQLite file, or a postgres:// URL.
    #[arg(long, global = true, env = "ATTACHE_DB", default_value = "attache.db")]
    pub db: String,
    /// Who is acting (recorded on every change).
    #[arg(long, global = true, env = "ATTACHE_USER", default_value = "admin")]
    pub user: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing buys nothing
pub enum Command {
    /// Create or upgrade a database and load the reference data.
    Init(InitArgs),
    /// Fill a database with a realistic, deterministic demo data set.
    Demo(DemoArgs),
    /// Activities: add, list, show, edit, transition.
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// Partners: states and organisations.
    #[command(subcommand)]
    Partner(PartnerCommand),
    /// People: ministers, chiefs of defence, attachés.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Assets: ships, aircraft and units.
    #[command(subcommand)]
    Asset(AssetCommand),
    /// Objectives: the standing aims and partner plans' objectives.
    #[command(subcommand)]
    Objective(ObjectiveCommand),
    /// Agreements: memoranda of understanding, defence cooperation agreements.
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// Import activities from a CSV or JSON file (all rows or none).
    Import(ImportArgs),
    /// Export activities as CSV, JSON or iCalendar.
    Export(ExportArgs),
    /// The audit trail: every change, who made it and when.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Run the HTTP server: the JSON API under /api/v1.
    Serve(ServeArgs),
    /// Accounts: add, list, disable, enable, reset-password. A password is read from
    /// standard input when it is not a terminal; otherwise one is made and shown once.
    #[command(subcommand)]
    User(UserCommand),
    /// Confidence- and security-building measures (Vienna Document 2011): declared military
    /// activities, the year's check, verification quotas, notifications and calendars.
    #[command(subcommand)]
    Csbm(super::csbm::CsbmCommand),
    /// Concurrence of the foreign and development ministries: inbox, answer, show.
    #[command(subcommand)]
    Concurrence(super::coordination::ConcurrenceCommand),
    /// Diplomatic clearances of ship and aircraft visits: those at risk (--at-risk), a
    /// visit's requests (request, list), the partners' lead times (lead-times).
    Clearances(super::coordination::ClearancesArgs),
    /// Arms embargoes and sanctions on partners: import a CSV file, list.
    #[command(subcommand)]
    Restrictions(super::coordination::RestrictionsCommand),
    /// Measures of engagement (intensity, pairs, warnings, nodes, links, categories) as CSV or JSON,
    /// or `map`: the located activities as GeoJSON. Only engagement that took place counts.
    Analytics(AnalyticsArgs),
    /// External data sets of defence activities: import (through a mapping file), list,
    /// show, delete. The measures run on one with `attache analytics … --dataset NAME`.
    #[command(subcommand)]
    Dataset(super::dataset::DatasetCommand),
    /// Reports as HTML or PDF: a partner's brief, the annual defence engagement report.
    #[command(subcommand)]
    Report(super::report::ReportCommand),
    /// Vetting of the recipients of training and personnel exchanges: add, set, list.
    #[command(subcommand)]
    Vetting(super::coordination_records::VettingCommand),
}

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

#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// Fill a new database with the demo data set and demo accounts first.
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    Add {
        name: String,
        #[arg(long, value_parser = partner_code)]
        nation: PartnerCode,
        #[arg(long, value_parser = classification)]
        clearance: Classification,
        /// A role (viewer, planner, approver, foreign_concurrer, development_concurrer,
        /// csbm_officer, analyst, administrator); repeat for more.
        #[arg(long = "role", required = true, value_parser = |s: &str| UserRole::parse("role", s).map_err(|e| e.reason))]
        roles: Vec<UserRole>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Disable {
        name: String,
    },
    Enable {
        name: String,
    },
    ResetPassword {
        name: String,
    },
}

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

pub fn partner_code(raw: &str) -> Result<PartnerCode, String> {
    PartnerCode::parse("code", raw).map_err(|e| e.reason)
}

pub fn date(raw: &str) -> Result<NaiveDate, String> {
    parse_date("date", raw).map_err(|e| e.reason)
}

fn category(raw: &str) -> Result<Category, String> {
    Category::parse("category", raw).map_err(|e| e.reason)
}

pub fn status(raw: &str) -> Result<Status, String> {
    Status::parse("status", raw).map_err(|e| e.reason)
}

fn classification(raw: &str) -> Result<Classification, String> {
    Classification::parse("classification", raw).map_err(|e| e.reason)
}

#[derive(Debug, ClapArgs)]
pub struct InitArgs {
    /// Our nation: the ISO 3166-1 alpha-3 code of the state whose ministry runs this
    /// instance. Needed for a new database.
    #[arg(long, value_parser = partner_code)]
    pub nation: Option<PartnerCode>,
}

#[derive(Debug, ClapArgs)]
pub struct DemoArgs {
    /// How many activities.
    #[arg(long, default_value_t = 6000)]
    pub size: usize,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Our nation (a database that already has one must be given the same).
    #[arg(long, value_parser = partner_code, default_value = "GBR")]
    pub nation: PartnerCode,
    /// The day the timeline is anchored on (default: today).
    #[arg(long, value_parser = date)]
    pub today: Option<NaiveDate>,
}

/// The filters shared by `activity list` and `export`.
#[derive(Debug, Clone, ClapArgs)]
pub struct FilterArgs {
    /// Activities in which this partner takes part.
    #[arg(long, value_parser = partner_code)]
    pub partner: Option<PartnerCode>,
    #[arg(long, value_parser = category)]
    pub category: Option<Category>,
    #[arg(long, value_parser = status)]
    pub status: Option<Status>,
    /// Activities that end on or after this day.
    #[arg(long, value_parser = date)]
    pub from: Option<NaiveDate>,
    /// Activities that start on or before this day.
    #[arg(long, value_parser = date)]
    pub to: Option<NaiveDate>,
    /// Activities with these words in their title, description, location or outcome.
    #[arg(long)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, ClapArgs)]
pub struct LabelArgs {
    #[arg(long, value_parser = classification, default_value = "official")]
    pub classification: Classification,
    /// A nation the record may be released to (repeat for more).
    #[arg(long = "releasable-to", value_parser = partner_code)]
    pub releasable_to: Vec<PartnerCode>,
}

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Record a new activity.
    Add(ActivityFields),
    /// List activities, filtered and sorted.
    List(ListArgs),
    /// Show one activity with its status history.
    Show(ShowArgs),
    /// Change an activity's fields (the status changes by `transition`).
    Edit {
        id: i64,
        /// The version you read: the edit is refused if someone changed it since.
        #[arg(long)]
        version: Option<i64>,
        #[command(flatten)]
        fields: ActivityFields,
    },
    /// Move an activity along its lifecycle (proposed, planned, approved, completed,
    /// assessed; postponed and cancelled).
    Transition {
        id: i64,
        #[arg(value_parser = status)]
        to: Status,
        /// The outcome rating an assessment records: not_met, partly_met, met or exceeded.
        #[arg(long, value_parser = |s: &str| OutcomeRating::parse("rating", s).map_err(|e| e.reason))]
        rating: Option<OutcomeRating>,
    },
}

/// An activity's fields, in the interchange format's terms; unset fields are left alone
/// by `edit` and empty for `add`.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct ActivityFields {
    #[arg(long)]
    pub title: Option<String>,
    /// One of the twelve categories (ship_visit, staff_talks, training, …).
    #[arg(long)]
    pub category: Option<String>,
    /// The starting status (add only; default proposed).
    #[arg(long)]
    pub status: Option<String>,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub start: Option<String>,
    /// Last day, YYYY-MM-DD (default: the first day).
    #[arg(long)]
    pub end: Option<String>,
    #[arg(long)]
    pub host: Option<String>,
    /// A participant, CODE or CODE:role (role: lead, guest, observer); repeat for more.
    #[arg(long = "participant")]
    pub participants: Vec<String>,
    #[arg(long)]
    pub location: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub latitude: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub longitude: Option<String>,
    /// An objective code served; repeat for more.
    #[arg(long = "objective")]
    pub objectives: Vec<String>,
    /// A ship, aircraft or unit (name or hull/tail number); repeat for more.
    #[arg(long = "asset")]
    pub assets: Vec<String>,
    /// The cost, a decimal amount (with --currency).
    #[arg(long)]
    pub cost: Option<String>,
    /// ISO 4217 code of the cost's currency.
    #[arg(long)]
    pub currency: Option<String>,
    #[arg(long)]
    pub classification: Option<String>,
    #[arg(long = "releasable-to")]
    pub releasable_to: Vec<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub outcome: Option<String>,
    /// What the activity is recorded as (only engagement is accepted).
    #[arg(long)]
    pub nature: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// start, title, category or status; a leading '-' sorts descending.
    #[arg(long, default_value = "start", allow_hyphen_values = true)]
    pub sort: String,
    /// At most this many rows (0 for all).
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct ShowArgs {
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct CodeShowArgs {
    pub code: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct NationListArgs {
    /// Only those of this nation (or, for objectives and agreements, this partner).
    #[arg(long, value_parser = partner_code)]
    pub nation: Option<PartnerCode>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PartnerCommand {
    Add {
        #[arg(long, value_parser = partner_code)]
        code: PartnerCode,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = |s: &str| PartnerKind::parse("kind", s).map_err(|e| e.reason), default_value = "organisation")]
        kind: PartnerKind,
        #[arg(long, default_value = "")]
        region: String,
        /// A member state (organisations); repeat for more.
        #[arg(long = "member", value_parser = partner_code)]
        members: Vec<PartnerCode>,
        /// The date the member list holds as of.
        #[arg(long, value_parser = date)]
        members_as_of: Option<NaiveDate>,
        /// Where the member list comes from.
        #[arg(long, default_value = "")]
        members_source: String,
        #[command(flatten)]
        label: LabelArgs,
    },
    List {
        #[arg(long, value_parser = |s: &str| PartnerKind::parse("kind", s).map_err(|e| e.reason))]
        kind: Option<PartnerKind>,
        /// A UN M49 region or sub-region name (Asia, South-eastern Asia, …).
        #[arg(long)]
        region: Option<String>,
        /// Part of a code or name.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show(CodeShowArgs),
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        title: String,
        /// What the person does: minister, chief of defence, defence attaché…
        #[arg(long, default_value = "")]
        role: String,
        #[arg(long, value_parser = partner_code)]
        nation: PartnerCode,
        #[command(flatten)]
        label: LabelArgs,
    },
    List(NationListArgs),
    Show(ShowArgs),
}

#[derive(Debug, Subcommand)]
pub enum AssetCommand {
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = |s: &str| AssetKind::parse("kind", s).map_err(|e| e.reason))]
        kind: AssetKind,
        /// Hull number, tail number or unit designation.
        #[arg(long, default_value = "")]
        identifier: String,
        #[arg(long, value_parser = partner_code)]
        nation: PartnerCode,
        #[command(flatten)]
        label: LabelArgs,
    },
    List(NationListArgs),
    Show(ShowArgs),
}

#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        title: String,
        /// The standing aim it serves.
        #[arg(long, value_parser = |s: &str| StandingAim::parse("aim", s).map_err(|e| e.reason))]
        aim: StandingAim,
        #[arg(long, value_parser = partner_code)]
        partner: Option<PartnerCode>,
        /// An indicator as name:baseline:target; repeat for more.
        #[arg(long = "indicator")]
        indicators: Vec<String>,
        #[command(flatten)]
        label: LabelArgs,
    },
    List(NationListArgs),
    Show(CodeShowArgs),
    /// Record a measured value of one of the objective's indicators.
    Indicator {
        objective: String,
        /// The indicator's name, as the objective lists it.
        #[arg(long)]
        name: String,
        /// The value measured.
        #[arg(long)]
        current: f64,
        /// The day it was measured (YYYY-MM-DD; today when not given).
        #[arg(long, value_parser = date)]
        on: Option<NaiveDate>,
    },
    /// The objective's indicator readings, newest first.
    Readings {
        objective: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    Add {
        #[arg(long, value_parser = |s: &str| AgreementKind::parse("kind", s).map_err(|e| e.reason))]
        kind: AgreementKind,
        #[arg(long)]
        title: String,
        /// A party (state); repeat for each.
        #[arg(long = "party", value_parser = partner_code)]
        parties: Vec<PartnerCode>,
        #[arg(long, value_parser = date)]
        signed: NaiveDate,
        #[arg(long, value_parser = date)]
        in_force: Option<NaiveDate>,
        #[arg(long, value_parser = date)]
        expiry: Option<NaiveDate>,
        #[command(flatten)]
        label: LabelArgs,
    },
    List(NationListArgs),
    Show(ShowArgs),
}

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

impl From<FilterArgs> for attache_domain::query::ActivityFilter {
    fn from(f: FilterArgs) -> Self {
        attache_domain::query::ActivityFilter {
            partner: f.partner,
            category: f.category,
            status: f.status,
            from: f.from,
            to: f.to,
            text: f.text,
            engagement_only: false,
            unanswered_by: None,
        }
    }
}

impl LabelArgs {
    pub fn label(&self) -> anyhow::Result<attache_domain::SecurityLabel> {
        Ok(attache_domain::SecurityLabel::new(
            self.classification,
            self.releasable_to.clone(),
        )?)
    }
}
