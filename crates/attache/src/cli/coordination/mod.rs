//! `attache concurrence inbox | answer | show`, `attache clearances --at-risk`,
//! `attache restrictions import | list`: whole-of-government coordination (issue 5).

pub mod activity;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use attache_app::App;
use attache_app::coordination::INBOX_LISTED;
use attache_domain::access::Actor;
use attache_domain::activity::parse_date;
use attache_domain::coordination::concurrence::{ConcurrenceRule, Condition, Ministry, Verdict};
use attache_domain::coordination::{Restriction, RestrictionScope};
use attache_domain::{FieldError, FieldErrors, PartnerCode};
use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use crate::cli::output::{self, say};

fn ministry(raw: &str) -> Result<Ministry, String> {
    Ministry::parse("ministry", raw).map_err(|e| e.reason)
}

#[derive(Debug, Subcommand)]
pub enum ConcurrenceCommand {
    /// What waits for a ministry's concurrence, earliest due first.
    Inbox {
        #[arg(long, value_parser = ministry)]
        ministry: Ministry,
        #[arg(long)]
        json: bool,
    },
    /// Concur, object (--reason required) or comment on an activity for a ministry.
    Answer {
        id: i64,
        #[arg(long, value_parser = ministry)]
        ministry: Ministry,
        #[arg(long, value_parser = |s: &str| Verdict::parse("verdict", s).map_err(|e| e.reason))]
        verdict: Verdict,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// An activity's concurrences, clearances, recipients, and what blocks approval.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// The concurrence table: which ministry concurs on what; `add` and `remove` change it.
    Rules {
        #[command(subcommand)]
        command: Option<RulesCommand>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Adds a rule at the end of the table.
    Add {
        #[arg(long, value_parser = ministry)]
        ministry: Ministry,
        /// foreign_partner, category, aim, partner or cost_at_least.
        #[arg(long)]
        when: String,
        /// A category's or aim's name, a partner's code, or an amount and currency
        /// ("50000 GBP"); nothing for foreign_partner.
        #[arg(long, default_value = "")]
        value: String,
        /// Days before the start by which the concurrence is due.
        #[arg(long, default_value_t = attache_domain::coordination::concurrence::DEFAULT_DUE_DAYS)]
        due_days: u32,
    },
    /// Removes the rule of that number (as `attache concurrence rules` lists them).
    Remove { number: usize },
}

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ClearancesArgs {
    #[command(subcommand)]
    pub command: Option<activity::ClearancesCommand>,
    /// Ship and aircraft visits whose clearance is at risk today.
    #[arg(long, required = true)]
    pub at_risk: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RestrictionsCommand {
    /// Adds the restrictions of a CSV file (partner,source,scope,start,end), all or none.
    Import { file: PathBuf },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Changes a restriction; a field not given keeps its value.
    Edit {
        id: i64,
        #[arg(long, value_parser = |s: &str| PartnerCode::parse("partner", &s.to_ascii_uppercase()).map_err(|e| e.reason))]
        partner: Option<PartnerCode>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long, value_parser = |s: &str| RestrictionScope::parse("scope", s).map_err(|e| e.reason))]
        scope: Option<RestrictionScope>,
        #[arg(long, value_parser = |s: &str| parse_date("start", s).map_err(|e| e.reason))]
        start: Option<NaiveDate>,
        #[arg(long, value_parser = |s: &str| parse_date("end", s).map_err(|e| e.reason), conflicts_with = "no_end")]
        end: Option<NaiveDate>,
        /// Open-ended: in force until lifted.
        #[arg(long)]
        no_end: bool,
    },
    /// Removes a restriction (lifted early, or entered by mistake).
    Delete { id: i64 },
}

pub async fn concurrence(app: &App, cmd: ConcurrenceCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        ConcurrenceCommand::Inbox { ministry, json } => {
            let waiting = app.concurrence_inbox(ministry, actor).await?;
            if json {
                return output::json(&waiting).map(|()| ExitCode::SUCCESS);
            }
            output::table(
                [
                    "id",
                    "title",
                    "start",
                    "status",
                    "due",
                    "overdue",
                    "asked again",
                ],
                waiting.iter().map(|w| {
                    let c = &w.concurrence;
                    [
                        w.activity.to_string(),
                        w.title.clone(),
                        w.start.to_string(),
                        w.status.to_string(),
                        c.requirement.due.to_string(),
                        yes(c.overdue),
                        yes(c.asked_again),
                    ]
                }),
            );
            if waiting.len() >= INBOX_LISTED {
                say!("the {INBOX_LISTED} due first; answer these to see more");
            }
        }
        ConcurrenceCommand::Answer {
            id,
            ministry,
            verdict,
            reason,
        } => {
            let view = app
                .answer_concurrence(id, ministry, verdict, &reason, actor)
                .await?;
            say!("Recorded: the {ministry} ministry's {verdict} on activity {id}.");
            blockers(&view.approval.blocks);
        }
        ConcurrenceCommand::Show { id, json } => {
            let view = app.coordination(id, actor).await?;
            if json {
                return output::json(&view).map(|()| ExitCode::SUCCESS);
            }
            for c in &view.concurrences {
                say!(
                    "{} ministry: {:?} (due {}{})",
                    c.requirement.ministry,
                    c.standing,
                    c.requirement.due,
                    if c.overdue { ", overdue" } else { "" }
                );
            }
            for c in &view.clearances {
                say!(
                    "{} clearance from {}: deadline {}{}",
                    c.case.kind,
                    c.case.partner,
                    c.case.deadline,
                    c.risk
                        .as_deref()
                        .map(|r| format!(" — at risk: {r}"))
                        .unwrap_or_default()
                );
            }
            for r in &view.recipients {
                say!("recipient {} ({}): {}", r.name, r.kind, r.status);
            }
            for warning in &view.approval.warnings {
                say!("warning: {warning}");
            }
            blockers(&view.approval.blocks);
        }
        ConcurrenceCommand::Rules { command, json } => {
            return rules(app, command, json, actor).await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn rules(
    app: &App,
    command: Option<RulesCommand>,
    json: bool,
    actor: &Actor,
) -> Result<ExitCode> {
    match command {
        None => {
            let rules = app.concurrence_rules(actor).await?;
            if json {
                return output::json(&rules).map(|()| ExitCode::SUCCESS);
            }
            output::table(
                ["no.", "ministry", "when", "due (days before)"],
                rules.iter().enumerate().map(|(i, r)| {
                    [
                        (i + 1).to_string(),
                        r.ministry.to_string(),
                        r.condition.describe(),
                        r.due_days.to_string(),
                    ]
                }),
            );
        }
        Some(RulesCommand::Add {
            ministry,
            when,
            value,
            due_days,
        }) => {
            let condition = Condition::from_parts(&when, &value)
                .map_err(|e| anyhow!("--{}: {}", e.field, e.reason))?;
            let said = condition.describe();
            let rule = ConcurrenceRule {
                ministry,
                condition,
                due_days,
            };
            app.add_concurrence_rule(rule, actor).await?;
            say!("Added: the {ministry} ministry concurs when {said}, {due_days} days before.");
        }
        Some(RulesCommand::Remove { number }) => {
            let removed = app.remove_concurrence_rule(number, actor).await?;
            say!(
                "Removed rule {number}: the {} ministry when {}.",
                removed.ministry,
                removed.condition.describe()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn yes(flag: bool) -> String {
    if flag { "yes" } else { "" }.to_owned()
}

fn blockers(blocks: &[String]) {
    if blocks.is_empty() {
        say!("Nothing in coordination blocks approval.");
    }
    for block in blocks {
        say!("blocks approval: {block}");
    }
}

pub async fn clearances(app: &App, args: ClearancesArgs, actor: &Actor) -> Result<ExitCode> {
    if let Some(cmd) = args.command {
        return activity::clearances(app, cmd, actor).await;
    }
    let at_risk = app.visits_at_risk(actor).await?;
    output::list(
        args.json,
        &at_risk,
        [
            "id", "title", "start", "status", "partner", "deadline", "risk",
        ],
        |r| {
            [
                r.activity.to_string(),
                r.title.clone(),
                r.start.to_string(),
                r.status.to_string(),
                r.clearance.case.partner.to_string(),
                r.clearance.case.deadline.to_string(),
                r.clearance.risk.clone().unwrap_or_default(),
            ]
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

pub async fn restrictions(app: &App, cmd: RestrictionsCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        RestrictionsCommand::Import { file } => {
            let read = read_restrictions(&file)?;
            let shown = file.display().to_string();
            // Every fault of a line together: its fields, its dates, its partner.
            let mut errors = Vec::new();
            let (mut restrictions, mut lines) = (Vec::new(), Vec::new());
            for mut row in read {
                if let Some(partner) = &row.partner {
                    row.errors.extend(app.unknown_partner(partner).await?);
                }
                if let Some(r) = &row.restriction {
                    row.errors.extend(r.check().err());
                }
                for e in &row.errors {
                    errors.push(format!(
                        "{shown} line {}, field {}: {}",
                        row.line, e.field, e.reason
                    ));
                }
                if let (true, Some(r)) = (row.errors.is_empty(), row.restriction) {
                    restrictions.push(r);
                    lines.push(row.line);
                }
            }
            if !errors.is_empty() {
                return Err(anyhow!("nothing imported:\n{}", errors.join("\n")));
            }
            let added = app
                .add_restrictions(
                    &restrictions,
                    |i| format!("{shown} line {}", lines[i]),
                    actor,
                )
                .await?;
            let new = added.iter().filter(|a| a.new).count();
            say!(
                "Added {new} restrictions from {shown}; {} were recorded already.",
                added.len() - new
            );
        }
        RestrictionsCommand::List { json } => {
            let listed = app.restrictions(None, actor).await?;
            if json {
                let rows: Vec<&Restriction> = listed.iter().map(|(_, r)| r).collect();
                return output::json(&rows).map(|()| ExitCode::SUCCESS);
            }
            output::table(
                ["id", "partner", "scope", "start", "end", "source"],
                listed.iter().map(|(id, r)| {
                    [
                        id.to_string(),
                        r.partner.to_string(),
                        r.scope.to_string(),
                        r.start.to_string(),
                        r.end.map(|d| d.to_string()).unwrap_or_default(),
                        r.source.clone(),
                    ]
                }),
            );
        }
        RestrictionsCommand::Edit {
            id,
            partner,
            source,
            scope,
            start,
            end,
            no_end,
        } => {
            let listed = app.restrictions(None, actor).await?;
            let Some((_, before)) = listed.into_iter().find(|(at, _)| *at == id) else {
                return Err(anyhow!(
                    "no restriction {id}: see `attache restrictions list`"
                ));
            };
            let changed = Restriction {
                partner: partner.unwrap_or(before.partner),
                source: source.unwrap_or(before.source),
                scope: scope.unwrap_or(before.scope),
                start: start.unwrap_or(before.start),
                end: if no_end { None } else { end.or(before.end) },
            };
            app.edit_restriction(id, &changed, actor).await?;
            say!("Changed restriction {id}.");
        }
        RestrictionsCommand::Delete { id } => {
            app.delete_restriction(id, actor).await?;
            say!("Removed restriction {id}.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

const COLUMNS: [&str; 5] = ["partner", "source", "scope", "start", "end"];

/// One row of a restrictions file: what its fields made, and what was wrong with them.
struct Row {
    line: u64,
    partner: Option<PartnerCode>,
    restriction: Option<Restriction>,
    errors: Vec<FieldError>,
}

/// Reads a restrictions file: a header with the five columns, then one restriction a
/// row, each with its line and the faults of its fields.
fn read_restrictions(path: &Path) -> Result<Vec<Row>> {
    let shown = path.display();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .with_context(|| format!("cannot read {shown}"))?;
    let header = reader
        .headers()
        .with_context(|| format!("{shown}: cannot read the header"))?
        .clone();
    let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing: Vec<&str> = COLUMNS[..4]
        .iter()
        .copied()
        .filter(|c| column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(anyhow!(
            "{shown} line 1: missing column(s) {}; the header is {}",
            missing.join(", "),
            COLUMNS.join(",")
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{shown}: not CSV"))?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| column(name).and_then(|i| record.get(i)).unwrap_or("");
        let mut errors = FieldErrors::default();
        let partner = errors.take(PartnerCode::parse("partner", get("partner")));
        let scope = errors.take(RestrictionScope::parse("scope", get("scope")));
        let start = errors.take(parse_date("start", get("start")));
        let end = match get("end") {
            "" => Some(None),
            raw => errors.take(parse_date("end", raw)).map(Some),
        };
        let restriction = match (&partner, scope, start, end) {
            (Some(partner), Some(scope), Some(start), Some(end)) => Some(Restriction {
                partner: partner.clone(),
                source: get("source").to_owned(),
                scope,
                start,
                end,
            }),
            _ => None,
        };
        rows.push(Row {
            line,
            partner,
            restriction,
            errors: errors.0,
        });
    }
    Ok(rows)
}
