//! `attache activity …`

pub mod feeds;
pub mod transfer;

use std::process::ExitCode;

use anyhow::{Result, bail};
use attache_app::App;
use attache_domain::Status;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::ame::OutcomeRating;
use attache_domain::query::{Page, Sort, SortField};
use attache_domain::{Activity, ActivityInput};
use clap::{Args as ClapArgs, Subcommand};
use serde::Serialize;

use crate::cli::args::{FilterArgs, ShowArgs, status};
use crate::cli::output::{self, say};

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

pub async fn run(app: &App, cmd: ActivityCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        ActivityCommand::Add(fields) => {
            let mut input = ActivityInput {
                status: "proposed".into(),
                ..Default::default()
            };
            fields.apply(&mut input);
            if input.end_date.is_empty() {
                input.end_date = input.start_date.clone();
            }
            let stored = app.add_activity(input, actor).await?;
            say!("Added activity {}: {}", stored.meta.id, stored.record.title);
        }
        ActivityCommand::List(args) => list(app, args, actor).await?,
        ActivityCommand::Show(args) => {
            let stored = app.activity(args.id, actor).await?;
            let history = app.status_changes(args.id, actor).await?;
            if args.json {
                #[derive(Serialize)]
                struct Shown<'a> {
                    #[serde(flatten)]
                    activity: &'a Stored<Activity>,
                    status_history: &'a [attache_domain::StatusChange],
                }
                output::json(&Shown {
                    activity: &stored,
                    status_history: &history,
                })?;
            } else {
                show(&stored);
                for change in &history {
                    say!(
                        "{:>14}  {} → {} by {} at {}",
                        "",
                        change.from,
                        change.to,
                        change.by,
                        change.at.format("%Y-%m-%d %H:%M UTC")
                    );
                }
            }
        }
        ActivityCommand::Edit {
            id,
            version,
            fields,
        } => {
            let edit: attache_app::ActivityEdit = Box::new(move |input| fields.apply(input));
            let stored = app.edit_activity(id, edit, version, actor).await?;
            say!(
                "Updated activity {id} (now version {}).",
                stored.meta.version
            );
        }
        ActivityCommand::Transition { id, to, rating } => {
            let stored = app.transition_rated(id, to, rating, actor).await?;
            say!("Activity {id} is now {}.", stored.record.status);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_sort(raw: &str) -> Result<Sort> {
    let (descending, name) = match raw.strip_prefix('-') {
        Some(name) => (true, name),
        None => (false, raw),
    };
    let field = match name {
        "start" => SortField::Start,
        "title" => SortField::Title,
        "category" => SortField::Category,
        "status" => SortField::Status,
        _ => bail!(
            "--sort: '{raw}' is not start, title, category or status (a leading '-' sorts descending)"
        ),
    };
    Ok(Sort { field, descending })
}

async fn list(app: &App, args: ListArgs, actor: &Actor) -> Result<()> {
    let sort = parse_sort(&args.sort)?;
    let page = Page {
        after: None,
        limit: (args.limit > 0).then_some(args.limit),
    };
    let filter = args.filter.into();
    let activities = app.activities(&filter, sort, &page, actor).await?;
    if args.json {
        return output::json(&activities);
    }
    let total = app.count_activities(&filter, actor).await?;
    output::table(
        [
            "id",
            "start",
            "end",
            "category",
            "status",
            "host",
            "participants",
            "title",
        ],
        activities.iter().map(|s| {
            let a = &s.record;
            let others: Vec<String> = a.participants.iter().skip(1).map(|p| p.to_text()).collect();
            [
                s.meta.id.to_string(),
                a.start.to_string(),
                a.end.to_string(),
                a.category.to_string(),
                a.status.to_string(),
                a.host.to_string(),
                others.join(" "),
                a.title.clone(),
            ]
        }),
    );
    if total > activities.len() as u64 {
        say!("({total} match in all; --limit 0 shows every one)");
    }
    Ok(())
}

fn show(stored: &Stored<Activity>) {
    let a = &stored.record;
    let list = |items: &[String]| items.join(", ");
    let participants: Vec<String> = a
        .participants
        .iter()
        .map(|p| format!("{} ({})", p.partner, p.role))
        .collect();
    let location = a
        .location
        .as_ref()
        .map_or(String::new(), |l| match l.coordinates {
            Some((lat, lon)) => format!("{} ({lat}, {lon})", l.name),
            None => l.name.clone(),
        });
    let cost = a
        .cost
        .as_ref()
        .map_or(String::new(), |m| format!("{} {}", m.amount, m.currency));
    output::fields(&[
        ("id", stored.meta.id.to_string()),
        ("title", a.title.clone()),
        ("label", output::label(&a.label)),
        ("category", a.category.to_string()),
        ("status", a.status.to_string()),
        ("dates", format!("{} to {}", a.start, a.end)),
        ("host", a.host.to_string()),
        ("participants", participants.join(", ")),
        ("location", location),
        ("objectives", list(&a.objectives)),
        ("assets", list(&a.assets)),
        ("cost", cost),
        ("description", a.description.clone()),
        ("outcome", a.outcome.clone()),
        ("source", format!("{} / {}", a.source, a.external_id)),
        ("owner", stored.meta.owner_nation.clone()),
        (
            "created",
            format!(
                "{} by {}",
                stored.meta.created_at.format("%Y-%m-%d %H:%M UTC"),
                stored.meta.created_by
            ),
        ),
        (
            "updated",
            format!(
                "{} by {}",
                stored.meta.updated_at.format("%Y-%m-%d %H:%M UTC"),
                stored.meta.updated_by
            ),
        ),
        ("version", stored.meta.version.to_string()),
        ("history", String::new()),
    ]);
}

impl ActivityFields {
    /// Sets the given fields on an input; lists given replace the stored lists.
    pub fn apply(self, input: &mut ActivityInput) {
        let text = [
            (self.title, &mut input.title),
            (self.category, &mut input.category),
            (self.start, &mut input.start_date),
            (self.end, &mut input.end_date),
            (self.host, &mut input.host),
            (self.location, &mut input.location),
            (self.latitude, &mut input.latitude),
            (self.longitude, &mut input.longitude),
            (self.cost, &mut input.cost_amount),
            (self.currency, &mut input.cost_currency),
            (self.classification, &mut input.classification),
            (self.description, &mut input.description),
            (self.outcome, &mut input.outcome),
            (self.nature, &mut input.nature),
        ];
        for (value, field) in text {
            if let Some(value) = value {
                *field = value;
            }
        }
        let lists = [
            (self.participants, &mut input.participants),
            (self.objectives, &mut input.objectives),
            (self.assets, &mut input.assets),
            (self.releasable_to, &mut input.releasable_to),
        ];
        for (values, field) in lists {
            if !values.is_empty() {
                *field = values;
            }
        }
    }
}
