//! `attache partner | person | asset | objective | agreement …`

use std::process::ExitCode;

use anyhow::Result;
use attache_app::App;
use attache_domain::PartnerCode;
use attache_domain::access::Actor;
use attache_domain::query::PartnerFilter;
use attache_domain::records::{
    Agreement, Asset, Indicator, Objective, Partner, PartnerKind, Person,
};
use attache_domain::records::{AgreementKind, AssetKind, StandingAim};
use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use super::args::partner_code;
use super::output::{self, say};
use crate::cli::args::{LabelArgs, ShowArgs, date};

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

pub async fn partner(app: &App, cmd: PartnerCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        PartnerCommand::Add {
            code,
            name,
            kind,
            region,
            members,
            members_as_of,
            members_source,
            label,
        } => {
            let partner = Partner {
                code,
                kind,
                name,
                alpha2: String::new(),
                region,
                subregion: String::new(),
                members,
                members_as_of,
                members_source,
                label: label.label()?,
            };
            app.add_partner(&partner, actor).await?;
            say!("Added partner {}.", partner.code);
        }
        PartnerCommand::List {
            kind,
            region,
            search,
            json,
        } => {
            let partners = app
                .partners(
                    &PartnerFilter {
                        kind,
                        region,
                        search,
                    },
                    actor,
                )
                .await?;
            output::list(
                json,
                &partners,
                ["code", "kind", "name", "region", "members"],
                |s| {
                    let p = &s.record;
                    let region = match p.subregion.is_empty() {
                        true => p.region.clone(),
                        false => format!("{} / {}", p.region, p.subregion),
                    };
                    let members = match p.kind {
                        PartnerKind::State => String::new(),
                        PartnerKind::Organisation => p.members.len().to_string(),
                    };
                    [
                        p.code.to_string(),
                        p.kind.to_string(),
                        p.name.clone(),
                        region,
                        members,
                    ]
                },
            )?;
        }
        PartnerCommand::Show(args) => {
            let code = partner_code(&args.code).map_err(anyhow::Error::msg)?;
            let stored = app.partner(&code, actor).await?;
            output::record(args.json, &stored, |stored| {
                let p = &stored.record;
                let members: Vec<String> = p.members.iter().map(ToString::to_string).collect();
                let mut lines = vec![
                    ("code", p.code.to_string()),
                    ("name", p.name.clone()),
                    ("kind", p.kind.to_string()),
                    ("label", output::label(&p.label)),
                ];
                match p.kind {
                    PartnerKind::State => lines.extend([
                        ("alpha-2", p.alpha2.clone()),
                        ("region", p.region.clone()),
                        ("sub-region", p.subregion.clone()),
                    ]),
                    PartnerKind::Organisation => lines.extend([
                        (
                            "members",
                            format!("{} ({})", members.join(" "), members.len()),
                        ),
                        (
                            "as of",
                            p.members_as_of.map(|d| d.to_string()).unwrap_or_default(),
                        ),
                        ("source", p.members_source.clone()),
                    ]),
                }
                lines
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn person(app: &App, cmd: PersonCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        PersonCommand::Add {
            name,
            title,
            role,
            nation,
            label,
        } => {
            let person = Person {
                name,
                title,
                role,
                nation,
                label: label.label()?,
            };
            let id = app.add_person(&person, actor).await?;
            say!("Added person {id}: {}.", person.name);
        }
        PersonCommand::List(args) => {
            let people = app.people(args.nation.as_ref(), actor).await?;
            output::list(
                args.json,
                &people,
                ["id", "nation", "name", "title", "role"],
                |s| {
                    let p = &s.record;
                    [
                        s.meta.id.to_string(),
                        p.nation.to_string(),
                        p.name.clone(),
                        p.title.clone(),
                        p.role.clone(),
                    ]
                },
            )?;
        }
        PersonCommand::Show(args) => {
            let stored = app.person(args.id, actor).await?;
            output::record(args.json, &stored, |stored| {
                let p = &stored.record;
                [
                    ("id", stored.meta.id.to_string()),
                    ("name", p.name.clone()),
                    ("title", p.title.clone()),
                    ("role", p.role.clone()),
                    ("nation", p.nation.to_string()),
                    ("label", output::label(&p.label)),
                ]
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn asset(app: &App, cmd: AssetCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        AssetCommand::Add {
            name,
            kind,
            identifier,
            nation,
            label,
        } => {
            let asset = Asset {
                name,
                kind,
                identifier,
                nation,
                label: label.label()?,
            };
            let id = app.add_asset(&asset, actor).await?;
            say!("Added asset {id}: {}.", asset.name);
        }
        AssetCommand::List(args) => {
            let assets = app.assets(args.nation.as_ref(), actor).await?;
            output::list(
                args.json,
                &assets,
                ["id", "nation", "kind", "name", "identifier"],
                |s| {
                    let a = &s.record;
                    [
                        s.meta.id.to_string(),
                        a.nation.to_string(),
                        a.kind.to_string(),
                        a.name.clone(),
                        a.identifier.clone(),
                    ]
                },
            )?;
        }
        AssetCommand::Show(args) => {
            let stored = app.asset(args.id, actor).await?;
            output::record(args.json, &stored, |stored| {
                let a = &stored.record;
                [
                    ("id", stored.meta.id.to_string()),
                    ("name", a.name.clone()),
                    ("kind", a.kind.to_string()),
                    ("identifier", a.identifier.clone()),
                    ("nation", a.nation.to_string()),
                    ("label", output::label(&a.label)),
                ]
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn objective(app: &App, cmd: ObjectiveCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        ObjectiveCommand::Add {
            code,
            title,
            aim,
            partner,
            indicators,
            label,
        } => {
            let indicators = indicators
                .iter()
                .map(|i| Indicator::parse("indicator", i))
                .collect::<Result<_, _>>()?;
            let objective = Objective {
                code,
                title,
                aim,
                partner,
                indicators,
                label: label.label()?,
            };
            app.add_objective(&objective, actor).await?;
            say!("Added objective {}.", objective.code);
        }
        ObjectiveCommand::List(args) => {
            let objectives = app.objectives(args.nation.as_ref(), actor).await?;
            output::list(
                args.json,
                &objectives,
                ["code", "partner", "aim", "title", "indicators"],
                |s| {
                    let o = &s.record;
                    [
                        o.code.clone(),
                        o.partner
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        o.aim.to_string(),
                        o.title.clone(),
                        o.indicators.len().to_string(),
                    ]
                },
            )?;
        }
        ObjectiveCommand::Show(args) => {
            let stored = app.objective(&args.code, actor).await?;
            output::record(args.json, &stored, |stored| {
                let o = &stored.record;
                let indicators: Vec<String> = o
                    .indicators
                    .iter()
                    .map(|i| format!("{} (baseline {}, target {})", i.name, i.baseline, i.target))
                    .collect();
                [
                    ("code", o.code.clone()),
                    ("title", o.title.clone()),
                    ("aim", format!("{} ({})", o.aim, o.aim.title())),
                    (
                        "partner",
                        o.partner
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    ),
                    ("indicators", indicators.join("; ")),
                    ("label", output::label(&o.label)),
                ]
            })?;
        }
        ObjectiveCommand::Indicator {
            objective,
            name,
            current,
            on,
        } => {
            let reading = attache_domain::ame::IndicatorReading {
                indicator: name,
                value: current,
                measured_on: on.unwrap_or_else(|| actor.at.date_naive()),
            };
            return super::ame::record(app, &objective, reading, actor).await;
        }
        ObjectiveCommand::Readings { objective, json } => {
            return super::ame::readings(app, &objective, json, actor).await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn agreement(app: &App, cmd: AgreementCommand, actor: &Actor) -> Result<ExitCode> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match cmd {
        AgreementCommand::Add {
            kind,
            title,
            parties,
            signed,
            in_force,
            expiry,
            label,
        } => {
            let agreement = Agreement {
                kind,
                title,
                parties,
                signed,
                in_force,
                expiry,
                label: label.label()?,
            };
            let id = app.add_agreement(&agreement, actor).await?;
            say!("Added agreement {id}: {}.", agreement.title);
        }
        AgreementCommand::List(args) => {
            let agreements = app.agreements(args.nation.as_ref(), actor).await?;
            output::list(
                args.json,
                &agreements,
                [
                    "id", "kind", "parties", "signed", "in force", "expiry", "title",
                ],
                |s| {
                    let a = &s.record;
                    let parties: Vec<String> = a.parties.iter().map(ToString::to_string).collect();
                    [
                        s.meta.id.to_string(),
                        a.kind.to_string(),
                        parties.join(" "),
                        a.signed.to_string(),
                        date(a.in_force),
                        date(a.expiry),
                        a.title.clone(),
                    ]
                },
            )?;
        }
        AgreementCommand::Show(args) => {
            let stored = app.agreement(args.id, actor).await?;
            output::record(args.json, &stored, |stored| {
                let a = &stored.record;
                let parties: Vec<String> = a.parties.iter().map(ToString::to_string).collect();
                [
                    ("id", stored.meta.id.to_string()),
                    ("title", a.title.clone()),
                    ("kind", a.kind.to_string()),
                    ("parties", parties.join(", ")),
                    ("signed", a.signed.to_string()),
                    ("in force", date(a.in_force)),
                    ("expiry", date(a.expiry)),
                    ("label", output::label(&a.label)),
                ]
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
