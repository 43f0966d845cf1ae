//! Confidence- and security-building measures: the CSBM officer's use cases over the
//! Vienna Document engine (`attache-csbm`). Writes need `ManageCsbm`, reads `ReadRecords`;
//! what is read is what the viewer's labels let them see.

pub mod air_base;
pub mod documents;

use std::collections::{BTreeSet, HashMap};
use std::io::Read;

use attache_csbm::verification::{self, Quota, Verification, VerificationKind};
use attache_csbm::{
    CsbmContext, Deadline, Evaluation, Finding, MilitaryActivity, MilitaryActivityInput,
    check_year, deadlines, evaluate,
};
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::{Classification, FieldErrors, SecurityLabel};
use attache_store::traits::*;
use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::Serialize;

use crate::error::require;
use crate::register::reference;
use crate::{App, AppError, Result};

/// A declared activity with what the Vienna Document says about it.
#[derive(Debug, Clone, Serialize)]
pub struct Assessed {
    pub id: i64,
    pub version: i64,
    pub activity: MilitaryActivity,
    pub evaluation: Evaluation,
}

impl From<Stored<MilitaryActivity>> for Assessed {
    fn from(s: Stored<MilitaryActivity>) -> Self {
        Self {
            id: s.meta.id,
            version: s.meta.version,
            evaluation: evaluate(&s.record),
            activity: s.record,
        }
    }
}

/// Whose quota it is: ours as the receiving state, or another's that we verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaRole {
    Host,
    Inspecting,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuotaView {
    pub role: QuotaRole,
    #[serde(flatten)]
    pub quota: Quota,
}

/// A year as the CSBM officer checks it.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    pub year: i32,
    pub today: NaiveDate,
    pub our_nation: String,
    /// The activities taking place in the year.
    pub activities: Vec<Assessed>,
    pub findings: Vec<Finding>,
    pub quotas: Vec<QuotaView>,
    pub deadlines: Vec<Deadline>,
}

/// The years the register answers for: a year outside is a mistake, not a question.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// `year`, if in [`YEARS`]; otherwise an error naming the field.
pub fn checked_year(year: i32) -> Result<i32> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(AppError::Invalid(field_error(
            "year",
            format!(
                "{year} is not a year from {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        )))
    }
}

fn year_bounds(first: i32, last: i32) -> Result<(NaiveDate, NaiveDate)> {
    NaiveDate::from_ymd_opt(first, 1, 1)
        .zip(NaiveDate::from_ymd_opt(last, 12, 31))
        .ok_or_else(|| AppError::Invalid(field_error("year", format!("{first} is out of range"))))
}

fn field_error(field: &'static str, reason: String) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.push(field, reason);
    errors
}

/// Days ahead the deadlines look; notifications 42 days before also show that far.
pub const DEADLINE_HORIZON_DAYS: i64 = 60;

impl App {
    /// What validation of a declared activity needs: the Vienna Document's states, its
    /// zone of application (from the embedded reference data) and the writer's clearance.
    pub fn csbm_context(&self, writer: &Actor) -> Result<CsbmContext> {
        let (participating, in_zone) = reference::csbm_states()?;
        Ok(CsbmContext {
            participating,
            in_zone,
            clearance: writer.clearance,
        })
    }

    pub async fn add_military_activity(
        &self,
        input: &MilitaryActivityInput,
        actor: &Actor,
    ) -> Result<Assessed> {
        require(actor, Permission::ManageCsbm)?;
        let activity = input.validate(&self.csbm_context(actor)?)?;
        let ids = self
            .store()
            .add_csbm_activities(std::slice::from_ref(&activity), actor)
            .await?;
        let id = ids.first().copied().unwrap_or_default();
        Ok(self.store().csbm_activity(id, actor).await?.into())
    }

    /// Reads declared activities from CSV (a header row naming the columns of
    /// [`MilitaryActivityInput`]) and adds them all in one transaction, or none: every
    /// broken rule is reported with its line and field.
    pub async fn import_military_activities(
        &self,
        file: impl Read,
        path: &str,
        actor: &Actor,
    ) -> Result<Vec<i64>> {
        require(actor, Permission::ManageCsbm)?;
        let ctx = self.csbm_context(actor)?;
        let known = input_columns();
        let bad = |reason: String| AppError::File {
            path: path.to_owned(),
            reason,
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(file);
        let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
        if let Some(unknown) = headers.iter().find(|h| !known.contains(*h)) {
            return Err(bad(format!(
                "line 1: unknown column '{unknown}'; the columns are {}",
                known.iter().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
        let mut activities = Vec::new();
        let mut problems = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| bad(e.to_string()))?;
            let line = record.position().map_or(0, csv::Position::line);
            let input: MilitaryActivityInput = record
                .deserialize(Some(&headers))
                .map_err(|e| bad(format!("line {line}: {e}")))?;
            match input.validate(&ctx) {
                Ok(a) => activities.push(a),
                Err(errors) => {
                    problems.extend(errors.0.iter().map(|e| format!("line {line}: {e}")));
                }
            }
        }
        if !problems.is_empty() {
            return Err(bad(format!(
                "{} problem(s), nothing imported: {}",
                problems.len(),
                problems.join("; ")
            )));
        }
        Ok(self.store().add_csbm_activities(&activities, actor).await?)
    }

    pub async fn military_activity(&self, id: i64, viewer: &Actor) -> Result<Assessed> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().csbm_activity(id, viewer).await?.into())
    }

    /// The activities taking place in `year`, each with its evaluation.
    pub async fn military_activities(&self, year: i32, viewer: &Actor) -> Result<Vec<Assessed>> {
        require(viewer, Permission::ReadRecords)?;
        let year = checked_year(year)?;
        let (from, to) = year_bounds(year, year)?;
        let stored = self.store().csbm_activities(from, to, viewer).await?;
        Ok(stored.into_iter().map(Assessed::from).collect())
    }

    /// Records the day an activity was notified, or listed in an annual calendar.
    pub async fn record_csbm_dates(
        &self,
        id: i64,
        notified_on: Option<NaiveDate>,
        calendared_on: Option<NaiveDate>,
        actor: &Actor,
    ) -> Result<Assessed> {
        require(actor, Permission::ManageCsbm)?;
        let stored = self.store().csbm_activity(id, actor).await?;
        let mut activity = stored.record;
        activity.notified_on = notified_on.or(activity.notified_on);
        activity.calendared_on = calendared_on.or(activity.calendared_on);
        Ok(self
            .store()
            .update_csbm_activity(id, &activity, stored.meta.version, actor)
            .await?
            .into())
    }

    /// The year checked as of `today`: its activities, every finding with its paragraph,
    /// the verification quotas for our nation as host and as inspecting state, and what
    /// falls due in the weeks ahead.
    pub async fn csbm_year(
        &self,
        year: i32,
        today: NaiveDate,
        viewer: &Actor,
    ) -> Result<YearReport> {
        let stored = self.csbm_window(year, viewer).await?;
        let records: Vec<MilitaryActivity> = stored.iter().map(|s| s.record.clone()).collect();
        let findings = check_year(year, today, &records);
        let activities = stored
            .into_iter()
            .filter(|s| s.record.start.year() <= year && s.record.end.year() >= year)
            .map(Assessed::from)
            .collect();
        let quotas = self.quotas(year, viewer).await?;
        let last_visit = self.last_air_base_visit(viewer).await?.map(|(day, _)| day);
        let deadlines = deadlines::upcoming(today, DEADLINE_HORIZON_DAYS, &records, last_visit);
        Ok(YearReport {
            year,
            today,
            our_nation: self.our_nation().to_string(),
            activities,
            findings,
            quotas,
            deadlines,
        })
    }

    /// What a year's check reads: the activities of the year and two years either side,
    /// across which the three-year window of paragraph 67 slides.
    pub async fn csbm_window(
        &self,
        year: i32,
        viewer: &Actor,
    ) -> Result<Vec<Stored<MilitaryActivity>>> {
        require(viewer, Permission::ReadRecords)?;
        let year = checked_year(year)?;
        let (from, to) = year_bounds(year - 2, year + 2)?;
        Ok(self.store().csbm_activities(from, to, viewer).await?)
    }

    /// The deadlines from `today` to `today + days`, soonest first, with the highest
    /// classification of the records they come from (for the page's banner).
    pub async fn csbm_deadlines(
        &self,
        today: NaiveDate,
        days: i64,
        viewer: &Actor,
    ) -> Result<(Vec<Deadline>, Classification)> {
        let to = today + TimeDelta::days(days);
        self.csbm_deadlines_between(today, to, today.year(), viewer)
            .await
    }

    /// The deadlines from `from` to `to` (inclusive), for a calendar's days; `this_year` is
    /// the current year (see `deadlines::between`).
    pub async fn csbm_deadlines_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        this_year: i32,
        viewer: &Actor,
    ) -> Result<(Vec<Deadline>, Classification)> {
        require(viewer, Permission::ReadRecords)?;
        // A notification falls due up to 42 days before its activity starts.
        let notice = attache_csbm::rules::value(attache_csbm::Param::NoticeDays);
        let until = to + TimeDelta::days(notice);
        let stored = self.store().csbm_activities(from, until, viewer).await?;
        let records: Vec<MilitaryActivity> = stored.into_iter().map(|s| s.record).collect();
        let last_visit = self.last_air_base_visit(viewer).await?;
        let deadlines = deadlines::between(
            from,
            to,
            this_year,
            &records,
            last_visit.map(|(day, _)| day),
        );
        let air_base = attache_csbm::rules::rule(attache_csbm::Param::AirBaseYears).paragraph;
        let visit_shown = deadlines.iter().any(|d| d.paragraph == air_base);
        let highest = records
            .iter()
            .filter(|a| {
                deadlines
                    .iter()
                    .any(|d| d.activity.as_ref() == Some(&a.reference))
            })
            .map(|a| a.label.classification)
            .chain(last_visit.filter(|_| visit_shown).map(|(_, c)| c))
            .max()
            .unwrap_or_default();
        Ok((deadlines, highest))
    }

    async fn quotas(&self, year: i32, viewer: &Actor) -> Result<Vec<QuotaView>> {
        let done = self.store().verifications(year, viewer).await?;
        let units = self.store().units_reported(year).await?;
        let ours = self.our_nation().to_string();
        let units_of = |state: &str| units.get(state).copied().unwrap_or(0);
        let mut out = Vec::new();
        for kind in [
            VerificationKind::Inspection,
            VerificationKind::EvaluationVisit,
        ] {
            out.push(QuotaView {
                role: QuotaRole::Host,
                quota: verification::quota(kind, &ours, year, units_of(&ours), &done),
            });
            let inspected: BTreeSet<&str> = done
                .iter()
                .filter(|v| v.kind == kind && v.by == ours)
                .map(|v| v.receiving.as_str())
                .collect();
            for state in inspected {
                out.push(QuotaView {
                    role: QuotaRole::Inspecting,
                    quota: verification::quota(kind, state, year, units_of(state), &done),
                });
            }
        }
        Ok(out)
    }

    /// Whether a requested inspection or evaluation visit fits the receiving state's
    /// quotas: a finding with its paragraph for each it would exceed.
    pub async fn check_verification(
        &self,
        request: &Verification,
        viewer: &Actor,
    ) -> Result<Vec<Finding>> {
        require(viewer, Permission::ReadRecords)?;
        let year = request.date.year();
        let done = self.store().verifications(year, viewer).await?;
        let units = self.store().units_reported(year).await?;
        let units = units.get(&request.receiving).copied().unwrap_or(0);
        Ok(verification::check_request(request, units, &done))
    }

    /// Records an inspection or evaluation visit; gives its id and the quotas it exceeds
    /// (recorded all the same: what happened is kept, and flagged).
    pub async fn add_verification(
        &self,
        verification: &Verification,
        label: &SecurityLabel,
        actor: &Actor,
    ) -> Result<(i64, Vec<Finding>)> {
        require(actor, Permission::ManageCsbm)?;
        Self::check_cleared(actor, label)?;
        let ctx = self.csbm_context(actor)?;
        for (field, state) in [
            ("receiving", &verification.receiving),
            ("by", &verification.by),
        ] {
            if !ctx.participating.contains(state) {
                return Err(AppError::Invalid(field_error(
                    field,
                    format!("{state} is not an OSCE participating state"),
                )));
            }
        }
        let flags = self.check_verification(verification, actor).await?;
        let id = self
            .store()
            .add_verification(verification, label, actor)
            .await?;
        Ok((id, flags))
    }

    /// Records the units `state` reported in the annual exchange for `year`.
    pub async fn set_units_reported(
        &self,
        state: &str,
        year: i32,
        units: i64,
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageCsbm)?;
        let year = checked_year(year)?;
        if units < 0 {
            return Err(AppError::Invalid(field_error(
                "units",
                format!("{units} is negative; a count is zero or more"),
            )));
        }
        if !self.csbm_context(actor)?.participating.contains(state) {
            return Err(AppError::Invalid(field_error(
                "state",
                format!("{state} is not an OSCE participating state"),
            )));
        }
        Ok(self
            .store()
            .set_units_reported(state, year, units, actor)
            .await?)
    }

    pub async fn units_reported(&self, year: i32, viewer: &Actor) -> Result<HashMap<String, i64>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().units_reported(year).await?)
    }
}

/// The CSV columns of a declared activity: the fields of its text form.
pub fn input_columns() -> BTreeSet<String> {
    match serde_json::to_value(MilitaryActivityInput::default()) {
        Ok(serde_json::Value::Object(fields)) => fields.keys().cloned().collect(),
        _ => BTreeSet::new(),
    }
}

/// The demo's declared activities around `today`: one just under the notification
/// threshold, one notified late, one whose notification falls due in a week, and a secret
/// amphibious landing; `our_nation` hosts them (it must be in the zone of application).
pub fn demo_military_activities(today: NaiveDate, our_nation: &str) -> Vec<MilitaryActivityInput> {
    let day = |offset: i64| (today + TimeDelta::days(offset)).to_string();
    let activity =
        |reference: &str, name: &str, kind: &str, start: i64, days: i64| MilitaryActivityInput {
            reference: reference.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            start_date: day(start),
            end_date: day(start + days),
            host: our_nation.to_owned(),
            participants: format!("{our_nation};DEU"),
            area: "Salisbury Plain training area".to_owned(),
            calendared_on: format!("{}-11-01", today.year() - 1),
            ..Default::default()
        };
    vec![
        MilitaryActivityInput {
            troops: "8800".into(),
            battle_tanks: "120".into(),
            notified_on: day(-90),
            ..activity(
                "DEMO-NEAR",
                "Exercise Iron Threshold",
                "land_exercise",
                -40,
                9,
            )
        },
        MilitaryActivityInput {
            troops: "14500".into(),
            battle_tanks: "180".into(),
            sorties: "240".into(),
            notified_on: day(-30),
            ..activity(
                "DEMO-LATE",
                "Exercise Late Dispatch",
                "land_exercise",
                -10,
                8,
            )
        },
        MilitaryActivityInput {
            troops: "9600".into(),
            acvs: "320".into(),
            ..activity("DEMO-DUE", "Exercise Winter Column", "concentration", 50, 6)
        },
        MilitaryActivityInput {
            troops: "3600".into(),
            classification: "secret".into(),
            notified_on: day(-60),
            ..activity(
                "DEMO-LANDING",
                "Exercise Grey Shore",
                "amphibious_landing",
                -5,
                3,
            )
        },
    ]
}

impl App {
    /// Declares the demo's military activities, once (a second run finds them there).
    pub async fn load_csbm_demo(&self, actor: &Actor) -> Result<usize> {
        let ctx = self.csbm_context(actor)?;
        let today = actor.at.date_naive();
        let activities = demo_military_activities(today, self.our_nation().as_str())
            .iter()
            .map(|input| input.validate(&ctx))
            .collect::<Result<Vec<_>, _>>()?;
        match self.store().add_csbm_activities(&activities, actor).await {
            Ok(ids) => Ok(ids.len()),
            Err(attache_store::StoreError::Conflict(_)) => Ok(0),
            Err(e) => Err(e.into()),
        }
    }
}
