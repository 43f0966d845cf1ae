//! `attache clearances request | list | lead-times` and `attache vetting add | set | list`:
//! what coordination records about one activity (issue 5), over the same use cases as
//! the API and the pages.

use std::process::ExitCode;

use anyhow::{Result, bail};
use attache_app::App;
use attache_domain::PartnerCode;
use attache_domain::access::Actor;
use attache_domain::coordination::vetting::RecipientKind;
use attache_domain::coordination::{
    ClearanceKind, ClearanceRequest, ClearanceStatus, LeadTimes, Recipient, VettingStatus,
};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::cli::args::date;
use crate::cli::output::{self, say};

fn partner(raw: &str) -> Result<PartnerCode, String> {
    PartnerCode::parse("partner", &raw.trim().to_ascii_uppercase()).map_err(|e| e.reason)
}

#[derive(Debug, Subcommand)]
pub enum ClearancesCommand {
    /// Records a ship or aircraft visit's clearance request, or its new state (one per
    /// state and kind).
    Request {
        /// The visit's id.
        id: i64,
        #[arg(long, value_parser = |s: &str| ClearanceKind::parse("kind", s).map_err(|e| e.reason))]
        kind: ClearanceKind,
        /// The state whose clearance it is: the host by default, or a state the
        /// aircraft overflies.
        #[arg(long, value_parser = partner)]
        partner: Option<PartnerCode>,
        #[arg(long, value_parser = |s: &str| ClearanceStatus::parse("status", s).map_err(|e| e.reason))]
        status: ClearanceStatus,
        /// The partner's or the embassy's reference number.
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, value_parser = date)]
        requested_on: Option<NaiveDate>,
        #[arg(long, value_parser = date)]
        granted_on: Option<NaiveDate>,
    },
    /// A visit's clearances: what it needs, by when, where each stands, and its risk.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Lead times by partner (where they differ from the defaults); `set` changes one.
    LeadTimes {
        #[command(subcommand)]
        command: Option<LeadTimesCommand>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LeadTimesCommand {
    /// Sets a partner's lead times in days; a number not given keeps its value.
    Set {
        #[arg(value_parser = partner)]
        partner: PartnerCode,
        #[arg(long)]
        warship: Option<u32>,
        #[arg(long)]
        landing: Option<u32>,
        #[arg(long)]
        overflight: Option<u32>,
    },
}

pub async fn clearances(app: &App, cmd: ClearancesCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        ClearancesCommand::Request {
            id,
            kind,
            partner,
            status,
            reference,
            requested_on,
            granted_on,
        } => {
            let partner = match partner {
                Some(code) => code,
                None => app.activity(id, actor).await?.record.host,
            };
            let request = ClearanceRequest {
                partner,
                kind,
                status,
                requested_on,
                reference,
                granted_on,
            };
            let view = app.put_clearance_request(id, &request, actor).await?;
            say!(
                "Recorded: the {kind} clearance from {} on activity {id} is {status}.",
                request.partner
            );
            for risk in view.clearances.iter().filter_map(|c| c.risk.as_ref()) {
                say!("at risk: {risk}");
            }
        }
        ClearancesCommand::List { id, json } => {
            let view = app.coordination(id, actor).await?;
            output::list(
                json,
                &view.clearances,
                [
                    "partner",
                    "kind",
                    "deadline",
                    "status",
                    "reference",
                    "requested on",
                    "granted on",
                    "risk",
                ],
                |c| {
                    let request = c.case.request.as_ref();
                    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                    [
                        c.case.partner.to_string(),
                        c.case.kind.to_string(),
                        c.case.deadline.to_string(),
                        request
                            .map_or(ClearanceStatus::NotRequested, |r| r.status)
                            .to_string(),
                        request.map(|r| r.reference.clone()).unwrap_or_default(),
                        day(request.and_then(|r| r.requested_on)),
                        day(request.and_then(|r| r.granted_on)),
                        c.risk.clone().unwrap_or_default(),
                    ]
                },
            )?;
        }
        ClearancesCommand::LeadTimes { command, json } => match command {
            None => {
                let listed = app.lead_times(actor).await?;
                if json {
                    let rows: Vec<serde_json::Value> = listed
                        .iter()
                        .map(|(p, t)| serde_json::json!({"partner": p, "lead_times": t}))
                        .collect();
                    return output::json(&rows).map(|()| ExitCode::SUCCESS);
                }
                let defaults = LeadTimes::default();
                say!(
                    "Defaults: {} days for a warship visit, {} for an aircraft landing, {} for an overflight.",
                    defaults.warship_visit,
                    defaults.aircraft_landing,
                    defaults.overflight
                );
                output::table(
                    ["partner", "warship visit", "aircraft landing", "overflight"],
                    listed.iter().map(|(p, t)| {
                        [
                            p.to_string(),
                            t.warship_visit.to_string(),
                            t.aircraft_landing.to_string(),
                            t.overflight.to_string(),
                        ]
                    }),
                );
            }
            Some(LeadTimesCommand::Set {
                partner,
                warship,
                landing,
                overflight,
            }) => {
                let current = app
                    .lead_times(actor)
                    .await?
                    .into_iter()
                    .find(|(p, _)| *p == partner)
                    .map_or_else(LeadTimes::default, |(_, t)| t);
                let times = LeadTimes {
                    warship_visit: warship.unwrap_or(current.warship_visit),
                    aircraft_landing: landing.unwrap_or(current.aircraft_landing),
                    overflight: overflight.unwrap_or(current.overflight),
                };
                app.set_lead_times(&partner, &times, actor).await?;
                say!(
                    "{partner}: {} days for a warship visit, {} for an aircraft landing, {} for an overflight.",
                    times.warship_visit,
                    times.aircraft_landing,
                    times.overflight
                );
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn status(raw: &str) -> Result<VettingStatus, String> {
    VettingStatus::parse("status", raw).map_err(|e| e.reason)
}

#[derive(Debug, Subcommand)]
pub enum VettingCommand {
    /// Adds a recipient of a training or personnel exchange, with its vetting.
    Add {
        /// The activity's id.
        id: i64,
        #[arg(long)]
        name: String,
        /// person or unit.
        #[arg(long, value_parser = |s: &str| RecipientKind::parse("kind", s).map_err(|e| e.reason))]
        kind: RecipientKind,
        /// pending (the default), cleared or refused.
        #[arg(long, value_parser = status, default_value = "pending")]
        status: VettingStatus,
        /// When the vetting was decided (needed unless pending).
        #[arg(long, value_parser = date)]
        vetted_on: Option<NaiveDate>,
        /// The last day a clearance holds.
        #[arg(long, value_parser = date)]
        expires: Option<NaiveDate>,
    },
    /// Records the vetting decided for a recipient already added.
    Set {
        id: i64,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = status)]
        status: VettingStatus,
        #[arg(long, value_parser = date)]
        vetted_on: Option<NaiveDate>,
        #[arg(long, value_parser = date)]
        expires: Option<NaiveDate>,
    },
    /// An activity's recipients and their vetting.
    List {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// The recipient of that name on an activity, if recorded.
async fn recorded(app: &App, id: i64, name: &str, actor: &Actor) -> Result<Option<Recipient>> {
    let recipients = app.coordination(id, actor).await?.recipients;
    Ok(recipients.into_iter().find(|r| r.name == name.trim()))
}

pub async fn vetting(app: &App, cmd: VettingCommand, actor: &Actor) -> Result<ExitCode> {
    let (id, recipient) = match cmd {
        VettingCommand::List { id, json } => {
            let view = app.coordination(id, actor).await?;
            if json {
                return output::json(&view.recipients).map(|()| ExitCode::SUCCESS);
            }
            let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            output::table(
                ["name", "kind", "vetting", "decided", "expires"],
                view.recipients.iter().map(|r| {
                    [
                        r.name.clone(),
                        r.kind.to_string(),
                        r.status.to_string(),
                        day(r.vetted_on),
                        day(r.expires),
                    ]
                }),
            );
            return Ok(ExitCode::SUCCESS);
        }
        VettingCommand::Add {
            id,
            name,
            kind,
            status,
            vetted_on,
            expires,
        } => {
            if recorded(app, id, &name, actor).await?.is_some() {
                bail!(
                    "activity {id} already has a recipient named {}: change its vetting with `attache vetting set`",
                    name.trim()
                );
            }
            let recipient = Recipient {
                name,
                kind,
                status,
                vetted_on,
                expires,
            };
            (id, recipient)
        }
        VettingCommand::Set {
            id,
            name,
            status,
            vetted_on,
            expires,
        } => {
            let Some(before) = recorded(app, id, &name, actor).await? else {
                bail!(
                    "activity {id} has no recipient named {}: add it with `attache vetting add`",
                    name.trim()
                );
            };
            let recipient = Recipient {
                status,
                vetted_on,
                expires,
                ..before
            };
            (id, recipient)
        }
    };
    let view = app.put_recipient(id, &recipient, actor).await?;
    say!(
        "Recorded: {} ({}) on activity {id} is {}.",
        recipient.name.trim(),
        recipient.kind,
        recipient.status
    );
    for block in &view.approval.blocks {
        say!("blocks approval: {block}");
    }
    Ok(ExitCode::SUCCESS)
}
