//! The command line's grammar (clap). Values are parsed into domain types here, at the
//! edge, so a typo is refused with the field's rule before anything runs.

use attache_domain::activity::parse_date;
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
    /// The account acting, with its own roles and clearance (recorded on every change).
    /// Without it the console acts: cleared for all, and named `console` in the trail.
    #[arg(long, global = true, env = "ATTACHE_USER")]
    pub user: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing buys nothing
pub enum Command {
    /// Create or upgrade a database and load the reference data.
    Init(InitArgs),
    /// Fill a database with a realistic, deterministic demo data set.
    Demo(super::demo::DemoArgs),
    /// Activities: add, list, show, edit, transition.
    #[command(subcommand)]
    Activity(super::register::ActivityCommand),
    /// Partners: states and organisations.
    #[command(subcommand)]
    Partner(super::records::PartnerCommand),
    /// People: ministers, chiefs of defence, attachés.
    #[command(subcommand)]
    Person(super::records::PersonCommand),
    /// Assets: ships, aircraft and units.
    #[command(subcommand)]
    Asset(super::records::AssetCommand),
    /// Objectives: the standing aims and partner plans' objectives.
    #[command(subcommand)]
    Objective(super::records::ObjectiveCommand),
    /// Agreements: memoranda of understanding, defence cooperation agreements.
    #[command(subcommand)]
    Agreement(super::records::AgreementCommand),
    /// Import activities from a CSV or JSON file (all rows or none).
    Import(super::register::transfer::ImportArgs),
    /// Export activities as CSV, JSON or iCalendar.
    Export(super::register::transfer::ExportArgs),
    /// Calendar feeds: the highest classification they carry, shown or set.
    Feeds(super::register::feeds::FeedArgs),
    /// The audit trail: every change, who made it and when.
    #[command(subcommand)]
    Audit(super::audit::AuditCommand),
    /// Run the HTTP server: the JSON API under /api/v1.
    Serve(super::serve::ServeArgs),
    /// Accounts: add, list, disable, enable, reset-password. A password is read from
    /// standard input when it is not a terminal; otherwise one is made and shown once.
    #[command(subcommand)]
    User(super::accounts::UserCommand),
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
    Analytics(super::analytics::AnalyticsArgs),
    /// External data sets of defence activities: import (through a mapping file), list,
    /// show, delete. The measures run on one with `attache analytics … --dataset NAME`.
    #[command(subcommand)]
    Dataset(super::datasets::DatasetCommand),
    /// Reports as HTML or PDF: a partner's brief, the annual defence engagement report.
    #[command(subcommand)]
    Report(super::reports::ReportCommand),
    /// Vetting of the recipients of training and personnel exchanges: add, set, list.
    #[command(subcommand)]
    Vetting(super::coordination::activity::VettingCommand),
}

pub fn partner_code(raw: &str) -> Result<PartnerCode, String> {
    PartnerCode::parse("code", raw).map_err(|e| e.reason)
}

pub fn date(raw: &str) -> Result<NaiveDate, String> {
    parse_date("date", raw).map_err(|e| e.reason)
}

pub fn category(raw: &str) -> Result<Category, String> {
    Category::parse("category", raw).map_err(|e| e.reason)
}

pub fn status(raw: &str) -> Result<Status, String> {
    Status::parse("status", raw).map_err(|e| e.reason)
}

pub fn classification(raw: &str) -> Result<Classification, String> {
    Classification::parse("classification", raw).map_err(|e| e.reason)
}

#[derive(Debug, ClapArgs)]
pub struct InitArgs {
    /// Our nation: the ISO 3166-1 alpha-3 code of the state whose ministry runs this
    /// instance. Needed for a new database.
    #[arg(long, value_parser = partner_code)]
    pub nation: Option<PartnerCode>,
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

#[derive(Debug, ClapArgs)]
pub struct ShowArgs {
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}
