//! Verification quotas (Chapter IX): inspections (75, 76) and evaluation visits (107), for
//! a receiving state and from each inspecting or evaluating state.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Severity};
use crate::rules::{self, Param};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationKind {
    Inspection,
    EvaluationVisit,
}

impl VerificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VerificationKind::Inspection => "inspection",
            VerificationKind::EvaluationVisit => "evaluation_visit",
        }
    }
}

/// One inspection or evaluation visit, made or requested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub kind: VerificationKind,
    /// The state that receives it.
    pub receiving: String,
    /// The state that makes it.
    pub by: String,
    pub date: NaiveDate,
}

/// A receiving state's quota of one kind for one year, and how it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quota {
    pub kind: VerificationKind,
    pub receiving: String,
    pub year: i32,
    pub paragraph: &'static str,
    /// How many it must accept in the year.
    pub quota: i64,
    /// How many it must accept from any one state.
    pub per_state: i64,
    pub per_state_paragraph: &'static str,
    pub used: i64,
    /// Used, by the state that made them.
    pub by_state: BTreeMap<String, i64>,
}

impl Quota {
    pub fn remaining(&self) -> i64 {
        (self.quota - self.used).max(0)
    }
}

/// Evaluation visits a state must accept: one for every 60 units, or portion thereof,
/// reported in the annual exchange, and not more than 15 (107).
pub fn evaluation_quota(units: i64) -> i64 {
    let per = rules::value(Param::EvaluationUnitsPerVisit).max(1);
    let visits = if units <= 0 {
        0
    } else {
        (units + per - 1) / per
    };
    visits.min(rules::value(Param::EvaluationCap))
}

/// The most from one evaluating state: one fifth of the quota; one when it is under five.
pub fn evaluation_share(quota: i64) -> i64 {
    let divisor = rules::value(Param::EvaluationShareDivisor);
    if quota < divisor {
        rules::value(Param::EvaluationSmallQuota).min(quota)
    } else {
        quota / divisor
    }
}

/// The quota of `receiving` for `kind` in `year`, used by the `done` verifications.
/// `units` is what the state reported in the annual exchange (for evaluation visits).
pub fn quota(
    kind: VerificationKind,
    receiving: &str,
    year: i32,
    units: i64,
    done: &[Verification],
) -> Quota {
    let (quota, per_state, paragraph, per_state_paragraph) = match kind {
        VerificationKind::Inspection => (
            rules::value(Param::InspectionQuota),
            rules::value(Param::InspectionsFromOneState),
            rules::rule(Param::InspectionQuota).paragraph,
            rules::rule(Param::InspectionsFromOneState).paragraph,
        ),
        VerificationKind::EvaluationVisit => {
            let quota = evaluation_quota(units);
            (
                quota,
                evaluation_share(quota),
                rules::rule(Param::EvaluationCap).paragraph,
                rules::rule(Param::EvaluationShareDivisor).paragraph,
            )
        }
    };
    let mut by_state: BTreeMap<String, i64> = BTreeMap::new();
    for v in done
        .iter()
        .filter(|v| v.kind == kind && v.receiving == receiving && v.date.year() == year)
    {
        *by_state.entry(v.by.clone()).or_default() += 1;
    }
    Quota {
        kind,
        receiving: receiving.to_owned(),
        year,
        paragraph,
        quota,
        per_state,
        per_state_paragraph,
        used: by_state.values().sum(),
        by_state,
    }
}

/// Whether `request` fits the receiving state's quotas, given what was `done` already: a
/// finding with the paragraph for each quota it would exceed.
pub fn check_request(request: &Verification, units: i64, done: &[Verification]) -> Vec<Finding> {
    let q = quota(
        request.kind,
        &request.receiving,
        request.date.year(),
        units,
        done,
    );
    let what = request.kind.as_str().replace('_', " ");
    let mut findings = Vec::new();
    if q.used + 1 > q.quota {
        findings.push(Finding {
            severity: Severity::Breach,
            paragraph: q.paragraph,
            state: q.receiving.clone(),
            activities: Vec::new(),
            due: Some(request.date),
            message: format!(
                "a {what} of {} by {} would exceed its quota: {} used of {} in {}",
                q.receiving, request.by, q.used, q.quota, q.year
            ),
        });
    }
    let from_them = q.by_state.get(&request.by).copied().unwrap_or(0);
    if from_them + 1 > q.per_state {
        findings.push(Finding {
            severity: Severity::Breach,
            paragraph: q.per_state_paragraph,
            state: q.receiving.clone(),
            activities: Vec::new(),
            due: Some(request.date),
            message: format!(
                "{} has made {from_them} {what}(s) of {} in {}: not more than {} from one state",
                request.by, q.receiving, q.year, q.per_state
            ),
        });
    }
    findings
}
