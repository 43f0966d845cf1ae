//! The coordination checks together: what keeps an activity from approval, or a visit
//! from being recorded as carried out, each reason naming what is missing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::clearance::{self, ClearanceKind, ClearanceRequest, ClearanceStatus, Risk};
use super::concurrence::{Requirement, Standing};
use super::restriction::{Effect, Restriction};
use super::vetting::{self, Recipient};
use crate::{Activity, Nature, PartnerCode};

/// One clearance a visit needs, with the partner's lead time and the request, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClearanceCase {
    pub partner: PartnerCode,
    pub kind: ClearanceKind,
    pub lead_days: u32,
    pub deadline: NaiveDate,
    pub request: Option<ClearanceRequest>,
}

impl ClearanceCase {
    pub fn new(
        partner: PartnerCode,
        kind: ClearanceKind,
        lead_days: u32,
        start: NaiveDate,
        request: Option<ClearanceRequest>,
    ) -> Self {
        ClearanceCase {
            partner,
            kind,
            lead_days,
            deadline: clearance::deadline(start, lead_days),
            request,
        }
    }

    fn status(&self) -> ClearanceStatus {
        self.request
            .as_ref()
            .map_or(ClearanceStatus::NotRequested, |r| r.status)
    }

    pub fn risk(&self, start: NaiveDate, today: NaiveDate) -> Option<Risk> {
        clearance::risk(self.request.as_ref(), start, self.lead_days, today)
    }
}

/// Everything the checks look at, gathered by the caller for one activity on one day.
#[derive(Debug, Clone, Copy)]
pub struct Coordination<'a> {
    pub activity: &'a Activity,
    pub today: NaiveDate,
    pub concurrences: &'a [(Requirement, Standing)],
    pub clearances: &'a [ClearanceCase],
    pub recipients: &'a [Recipient],
    pub restrictions: &'a [Restriction],
}

/// What stops a step (`blocks`) and what the approver should know (`warnings`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Check {
    pub blocks: Vec<String>,
    pub warnings: Vec<String>,
}

impl Check {
    pub fn passes(&self) -> bool {
        self.blocks.is_empty()
    }
}

impl Coordination<'_> {
    /// What keeps the activity from approval: a missing concurrence or a standing
    /// objection, a clearance deadline passed unrequested (or a refusal), a recipient not
    /// cleared through the last day, a restriction that blocks. Other risks and
    /// restrictions warn.
    pub fn approval(&self) -> Check {
        let mut check = Check::default();
        for (requirement, standing) in self.concurrences {
            check.blocks.extend(requirement.blocks(standing));
        }
        for case in self.clearances {
            match case.risk(self.activity.start, self.today) {
                Some(risk @ (Risk::Unrequested { .. } | Risk::Refused)) => {
                    check.blocks.push(risk.describe(&case.partner, case.kind));
                }
                Some(risk) => check.warnings.push(risk.describe(&case.partner, case.kind)),
                None => {}
            }
        }
        if vetting::needs_vetting(self.activity.category) {
            if self.recipients.is_empty() {
                check.blocks.push(format!(
                    "no recipient is recorded: {} needs at least one, each cleared in vetting",
                    self.activity.category
                ));
            }
            check.blocks.extend(
                self.recipients
                    .iter()
                    .filter_map(|r| r.blocks(self.activity.end)),
            );
        }
        for (effect, why) in self
            .restrictions
            .iter()
            .filter_map(|r| r.effect(self.activity))
        {
            match effect {
                Effect::Block => check.blocks.push(why),
                Effect::Warn => check.warnings.push(why),
            }
        }
        check
    }

    /// What keeps an activity from being recorded as carried out: a start still ahead,
    /// and for a visit every clearance it needs, granted. Carried out without one, it is
    /// coercive presence (`coercive_presence`).
    pub fn completion(&self) -> Check {
        let mut check = self.reached("started", self.activity.start);
        check.blocks.extend(self.uncleared());
        check
    }

    /// What keeps an activity from being assessed: an end still ahead.
    pub fn assessment(&self) -> Check {
        self.reached("ended", self.activity.end)
    }

    /// A block when `day` is still ahead of today: what has not `happened` yet.
    fn reached(&self, happened: &str, day: NaiveDate) -> Check {
        Check {
            blocks: not_yet(happened, day, self.today).into_iter().collect(),
            warnings: Vec::new(),
        }
    }

    /// Why a visit's clearances do not let it be recorded as carried out.
    pub fn uncleared(&self) -> Vec<String> {
        self.clearances
            .iter()
            .filter(|c| c.status() != ClearanceStatus::Granted)
            .map(|c| {
                format!(
                    "the {} clearance from {} is {}, not granted",
                    c.kind,
                    c.partner,
                    c.status()
                )
            })
            .collect()
    }
}

/// Why an activity cannot be recorded as having `happened` (started, ended) on `today`,
/// when `day` is still ahead.
pub fn not_yet(happened: &str, day: NaiveDate, today: NaiveDate) -> Option<String> {
    (day > today).then(|| format!("it has not {happened} yet ({day}; today is {today})"))
}

/// Why a visit carried out without clearance is flagged: the register's one rule on
/// coercion (`Nature::check_is_diplomacy`).
pub fn coercive_presence() -> String {
    Nature::Coercive
        .check_is_diplomacy("coercive_presence")
        .err()
        .map(|e| e.reason)
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::coordination::concurrence::{Ministry, Subject, default_rules, required};
    use crate::coordination::restriction::RestrictionScope;
    use crate::coordination::vetting::{RecipientKind, VettingStatus};
    use crate::{Category, Participant, Role, SecurityLabel};

    pub(crate) fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    /// An activity hosted by Singapore with us as guest.
    pub(crate) fn activity(category: Category, start: &str, end: &str) -> Activity {
        let code = |c| PartnerCode::parse("p", c).unwrap();
        Activity {
            source: "test".into(),
            external_id: "1".into(),
            title: "Test".into(),
            category,
            status: crate::Status::Planned,
            start: date(start),
            end: date(end),
            host: code("SGP"),
            participants: vec![
                Participant {
                    partner: code("SGP"),
                    role: Role::Host,
                },
                Participant {
                    partner: code("GBR"),
                    role: Role::Guest,
                },
            ],
            location: None,
            objectives: vec![],
            assets: vec![],
            cost: None,
            label: SecurityLabel::default(),
            description: String::new(),
            outcome: String::new(),
        }
    }

    fn concurrences(a: &Activity, standing: Standing) -> Vec<(Requirement, Standing)> {
        let gbr = PartnerCode::parse("n", "GBR").unwrap();
        let subject = Subject {
            activity: a,
            our_nation: &gbr,
            aims: &[],
        };
        required(&default_rules(), &subject)
            .into_iter()
            .map(|r| (r, standing.clone()))
            .collect()
    }

    fn gate<'a>(
        a: &'a Activity,
        today: &str,
        concurrences: &'a [(Requirement, Standing)],
        clearances: &'a [ClearanceCase],
        recipients: &'a [Recipient],
        restrictions: &'a [Restriction],
    ) -> Coordination<'a> {
        Coordination {
            activity: a,
            today: date(today),
            concurrences,
            clearances,
            recipients,
            restrictions,
        }
    }

    #[test]
    fn approval_names_the_missing_concurrence_and_the_objection() {
        let a = activity(Category::StaffTalks, "2027-03-14", "2027-03-15");
        let missing = concurrences(&a, Standing::Awaiting);
        let check = gate(&a, "2027-02-01", &missing, &[], &[], &[]).approval();
        assert_eq!(check.blocks.len(), 1);
        assert!(check.blocks[0].contains("foreign ministry has not concurred"));
        let objected = concurrences(
            &a,
            Standing::Objected {
                by: "fco".into(),
                reason: "elections that week".into(),
            },
        );
        let check = gate(&a, "2027-02-01", &objected, &[], &[], &[]).approval();
        assert!(check.blocks[0].contains("elections that week"), "{check:?}");
        let concurred = concurrences(&a, Standing::Concurred { by: "fco".into() });
        assert!(
            gate(&a, "2027-02-01", &concurred, &[], &[], &[])
                .approval()
                .passes()
        );
        assert_eq!(concurred[0].0.ministry, Ministry::Foreign);
    }

    #[test]
    fn a_visit_cannot_be_approved_after_its_deadline_passed_unrequested() {
        let a = activity(Category::ShipVisit, "2027-03-14", "2027-03-16");
        let case = [ClearanceCase::new(
            a.host.clone(),
            ClearanceKind::WarshipVisit,
            30,
            a.start,
            None,
        )];
        for (today, passes) in [
            ("2027-02-11", true),
            ("2027-02-12", true),
            ("2027-02-13", false),
        ] {
            let check = gate(&a, today, &[], &case, &[], &[]).approval();
            assert_eq!(check.passes(), passes, "{today}: {check:?}");
        }
        let blocked = gate(&a, "2027-02-13", &[], &case, &[], &[]).approval();
        assert!(blocked.blocks[0].contains("2027-02-12"), "{blocked:?}");
    }

    #[test]
    fn a_visit_is_completed_only_with_its_clearance_granted() {
        let a = activity(Category::AircraftVisit, "2027-03-14", "2027-03-14");
        let request = |status| ClearanceRequest {
            partner: a.host.clone(),
            kind: ClearanceKind::AircraftLanding,
            status,
            requested_on: Some(date("2027-02-01")),
            reference: String::new(),
            granted_on: (status == ClearanceStatus::Granted).then(|| date("2027-02-20")),
        };
        let case = |status| {
            [ClearanceCase::new(
                a.host.clone(),
                ClearanceKind::AircraftLanding,
                14,
                a.start,
                Some(request(status)),
            )]
        };
        let asked = case(ClearanceStatus::Requested);
        let check = gate(&a, "2027-03-15", &[], &asked, &[], &[]).completion();
        assert!(
            check.blocks[0].contains("requested, not granted"),
            "{check:?}"
        );
        let granted = case(ClearanceStatus::Granted);
        assert!(
            gate(&a, "2027-03-15", &[], &granted, &[], &[])
                .completion()
                .passes()
        );
        assert!(coercive_presence().contains("intimidate"));
    }

    #[test]
    fn completion_waits_for_the_start_and_assessment_for_the_end() {
        let a = activity(Category::StaffTalks, "2027-03-14", "2027-03-15");
        let on = |today| gate(&a, today, &[], &[], &[], &[]);
        assert!(on("2027-03-13").completion().blocks[0].contains("not started yet (2027-03-14"));
        assert!(on("2027-03-14").completion().passes());
        assert!(on("2027-03-14").assessment().blocks[0].contains("not ended yet (2027-03-15"));
        assert!(on("2027-03-15").assessment().passes());
        assert_eq!(
            not_yet("started", date("2027-03-14"), date("2027-03-14")),
            None
        );
    }

    #[test]
    fn training_waits_for_every_recipient_and_obeys_restrictions() {
        let a = activity(Category::Training, "2027-03-14", "2027-03-20");
        let none = gate(&a, "2027-02-01", &[], &[], &[], &[]).approval();
        assert!(
            !none.passes() && none.blocks[0].contains("needs at least one"),
            "{none:?}"
        );
        let recipients = [Recipient {
            name: "Lt Tan".into(),
            kind: RecipientKind::Person,
            status: VettingStatus::Pending,
            vetted_on: None,
            expires: None,
        }];
        let check = gate(&a, "2027-02-01", &[], &[], &recipients, &[]).approval();
        assert!(check.blocks[0].contains("Lt Tan"));
        let embargo = [Restriction {
            partner: a.host.clone(),
            source: "EU Council Decision 2027/1".into(),
            scope: RestrictionScope::TrainingAndExercises,
            start: date("2027-01-01"),
            end: None,
        }];
        let check = gate(&a, "2027-02-01", &[], &[], &[], &embargo).approval();
        assert!(
            check
                .blocks
                .iter()
                .any(|b| b.contains("EU Council Decision 2027/1"))
        );
    }
}
