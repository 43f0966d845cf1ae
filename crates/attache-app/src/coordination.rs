//! Whole-of-government coordination (issue 5): concurrences of the foreign and
//! development ministries, diplomatic clearances, vetting of recipients and restrictions
//! on partners, and the gate they put on approving and completing an activity. The rules
//! are the domain's (`attache_domain::coordination`); this gathers what they need.

use attache_domain::coordination::concurrence::{
    self, Answer, ConcurrenceRule, Ministry, Requirement, Standing, Subject, Verdict,
};
use attache_domain::coordination::gate::{self, Check, ClearanceCase, Coordination};
use attache_domain::coordination::{
    ClearanceKind, ClearanceRequest, LeadTimes, Recipient, Restriction, clearance, vetting,
};
use attache_domain::records::StandingAim;
use attache_domain::{
    Activity, Category, Classification, FieldError, FieldErrors, PartnerCode, Status,
};
use std::collections::HashMap;

use attache_domain::Stored;

use attache_domain::access::Actor;

use attache_domain::query::{ActivityFilter, Cursor, Page, Sort};

use attache_store::traits::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::require;
use crate::{App, AppError, Result};
use attache_domain::access::Permission;

/// An inbox lists at most this many concurrences, the earliest due: it is for reading,
/// not an export.
pub const INBOX_LISTED: usize = 200;

/// Activities are read this many at a time for the lists, their answers and requests in
/// one statement per batch.
const BATCH: u32 = 250;

/// What the concurrence rules need besides the activity: the table, and the standing aim
/// of each objective the viewer may see (by code).
struct ConcurrenceBasis {
    rules: Vec<ConcurrenceRule>,
    aims: HashMap<String, StandingAim>,
}

impl ConcurrenceBasis {
    /// Whether `enough` of the `dues` found are due before anything still to read could
    /// be: what is read next starts on `next_start` or later, so it is due no earlier
    /// than that less the longest due period of the table.
    fn none_due_before(
        &self,
        next_start: Option<NaiveDate>,
        dues: &mut [NaiveDate],
        enough: Option<usize>,
    ) -> bool {
        let (Some(n), Some(start)) = (enough, next_start) else {
            return false;
        };
        if n == 0 || dues.len() < n {
            return n == 0;
        }
        let longest = self
            .rules
            .iter()
            .map(|r| r.due_days)
            .max()
            .unwrap_or_default();
        let earliest_next = start
            .checked_sub_days(chrono::Days::new(u64::from(longest)))
            .unwrap_or(NaiveDate::MIN);
        let (_, nth, _) = dues.select_nth_unstable(n - 1);
        earliest_next > *nth
    }

    /// The standing aims an activity's objectives serve: a standing objective's code is
    /// its aim; a partner plan's objective names the aim it serves.
    fn aims_of(&self, activity: &Activity) -> Vec<StandingAim> {
        activity
            .objectives
            .iter()
            .filter_map(|code| {
                StandingAim::parse("objectives", code)
                    .ok()
                    .or_else(|| self.aims.get(code).copied())
            })
            .collect()
    }
}

/// Rows that belong to activities, grouped by activity (kept in order).
fn by_activity<T>(rows: Vec<(i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut grouped: HashMap<i64, Vec<T>> = HashMap::new();
    for (activity, row) in rows {
        grouped.entry(activity).or_default().push(row);
    }
    grouped
}

/// One ministry's concurrence on an activity.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConcurrenceState {
    #[serde(flatten)]
    pub requirement: Requirement,
    pub standing: Standing,
    pub overdue: bool,
    /// Answered before, and reset by a change of substance: asked again.
    pub asked_again: bool,
}

/// A clearance a visit needs, where it stands, and its risk today.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClearanceState {
    #[serde(flatten)]
    pub case: ClearanceCase,
    pub risk: Option<String>,
}

/// Everything coordination knows about one activity, as its viewer may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoordinationView {
    pub activity: i64,
    pub concurrences: Vec<ConcurrenceState>,
    /// Every answer given, oldest first, reset ones included.
    pub answers: Vec<Answer>,
    pub clearances: Vec<ClearanceState>,
    /// Recipients to vet (training and personnel exchanges).
    pub recipients: Vec<Recipient>,
    pub needs_vetting: bool,
    /// What keeps it from approval, and what the approver should know.
    pub approval: Check,
    /// What keeps a visit from being recorded as carried out.
    pub completion: Check,
    /// Carried out without clearance: why it is not engagement (it is left out of
    /// engagement counts); absent for an activity that was not.
    pub coercive_presence: Option<String>,
}

/// An activity waiting for a ministry's answer.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Waiting {
    pub activity: i64,
    pub title: String,
    /// The activity's classification, for the banner of a page that lists it.
    pub classification: Classification,
    pub start: NaiveDate,
    pub status: Status,
    #[serde(flatten)]
    pub concurrence: ConcurrenceState,
}

/// A visit whose clearance is at risk.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AtRisk {
    pub activity: i64,
    pub title: String,
    /// The activity's classification, for the banner of a page that lists it.
    pub classification: Classification,
    pub start: NaiveDate,
    pub status: Status,
    #[serde(flatten)]
    pub clearance: ClearanceState,
}

/// The dashboard's coordination panel: the nearest concurrences overdue and visits at
/// risk, and how many there are in all.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CoordinationPanel {
    pub overdue: Vec<Waiting>,
    pub overdue_total: usize,
    pub at_risk: Vec<AtRisk>,
    pub at_risk_total: usize,
}

impl App {
    /// The coordination picture of an activity today (the actor's day).
    pub async fn coordination(&self, id: i64, viewer: &Actor) -> Result<CoordinationView> {
        require(viewer, Permission::ReadRecords)?;
        let stored = self.store().get_activity(id, viewer).await?;
        self.view_of(&stored, viewer).await
    }

    async fn view_of(&self, stored: &Stored<Activity>, viewer: &Actor) -> Result<CoordinationView> {
        let id = stored.meta.id;
        let activity = &stored.record;
        let today = viewer.at.date_naive();
        let (concurrences, answers) = self.concurrences_of(stored, viewer).await?;
        let clearances = self.clearances_of(stored, viewer).await?;
        let recipients = self.store().recipients(id, viewer).await?;
        let restrictions: Vec<Restriction> = self
            .store()
            .restrictions(None)
            .await?
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        let pairs: Vec<(Requirement, Standing)> = concurrences
            .iter()
            .map(|c| (c.requirement.clone(), c.standing.clone()))
            .collect();
        let cases: Vec<ClearanceCase> = clearances.iter().map(|c| c.case.clone()).collect();
        let gate = Coordination {
            activity,
            today,
            concurrences: &pairs,
            clearances: &cases,
            recipients: &recipients,
            restrictions: &restrictions,
        };
        Ok(CoordinationView {
            activity: id,
            approval: gate.approval(),
            completion: gate.completion(),
            concurrences,
            answers,
            clearances,
            needs_vetting: vetting::needs_vetting(activity.category),
            recipients,
            coercive_presence: self
                .store()
                .is_coercive_presence(id, viewer)
                .await?
                .then(gate::coercive_presence),
        })
    }

    /// The table and the objectives' aims, read once for any number of activities.
    async fn concurrence_basis(&self, viewer: &Actor) -> Result<ConcurrenceBasis> {
        let rules = self.store().concurrence_rules().await?;
        // An objective above the viewer's label is absent: its aim is not theirs to see.
        let aims = self
            .store()
            .list_objectives(None, viewer)
            .await?
            .into_iter()
            .map(|o| (o.record.code, o.record.aim))
            .collect();
        Ok(ConcurrenceBasis { rules, aims })
    }

    async fn concurrences_of(
        &self,
        stored: &Stored<Activity>,
        viewer: &Actor,
    ) -> Result<(Vec<ConcurrenceState>, Vec<Answer>)> {
        let basis = self.concurrence_basis(viewer).await?;
        let answers = self
            .store()
            .concurrence_answers(stored.meta.id, viewer)
            .await?;
        let states = self.concurrence_states(&basis, &stored.record, &answers, viewer);
        Ok((states, answers))
    }

    /// Each concurrence the activity needs, and where it stands given its answers.
    fn concurrence_states(
        &self,
        basis: &ConcurrenceBasis,
        activity: &Activity,
        answers: &[Answer],
        viewer: &Actor,
    ) -> Vec<ConcurrenceState> {
        let aims = basis.aims_of(activity);
        let subject = Subject {
            activity,
            our_nation: self.our_nation(),
            aims: &aims,
        };
        let today = viewer.at.date_naive();
        concurrence::required(&basis.rules, &subject)
            .into_iter()
            .map(|requirement| {
                let standing = concurrence::standing(requirement.ministry, answers);
                ConcurrenceState {
                    overdue: requirement.overdue(&standing, today),
                    asked_again: standing == Standing::Awaiting
                        && answers
                            .iter()
                            .any(|a| a.ministry == requirement.ministry && a.reset),
                    standing,
                    requirement,
                }
            })
            .collect()
    }

    async fn clearances_of(
        &self,
        stored: &Stored<Activity>,
        viewer: &Actor,
    ) -> Result<Vec<ClearanceState>> {
        if !stored.record.category.is_asset_visit() {
            return Ok(Vec::new());
        }
        let requests = self
            .store()
            .clearance_requests(stored.meta.id, viewer)
            .await?;
        let lead_times = self.store().lead_times().await?;
        Ok(self.clearance_states(&stored.record, &requests, &lead_times, viewer))
    }

    /// Each clearance a visit needs, with its request and its risk today.
    fn clearance_states(
        &self,
        activity: &Activity,
        requests: &[ClearanceRequest],
        lead_times: &[(PartnerCode, LeadTimes)],
        viewer: &Actor,
    ) -> Vec<ClearanceState> {
        let today = viewer.at.date_naive();
        clearance::needed(activity, self.our_nation(), requests)
            .into_iter()
            .map(|(partner, kind)| {
                let lead = lead_times
                    .iter()
                    .find(|(p, _)| *p == partner)
                    .map_or_else(LeadTimes::default, |(_, t)| *t)
                    .days(kind);
                let request = requests
                    .iter()
                    .find(|r| r.partner == partner && r.kind == kind)
                    .cloned();
                let case = ClearanceCase::new(partner, kind, lead, activity.start, request);
                let risk = case
                    .risk(activity.start, today)
                    .map(|r| r.describe(&case.partner, case.kind));
                ClearanceState { case, risk }
            })
            .collect()
    }

    /// Refuses a lifecycle step that coordination blocks: approval with what is missing,
    /// completion of a visit without its clearance. Each reason is named.
    pub(crate) async fn check_coordination(
        &self,
        stored: &Stored<Activity>,
        to: Status,
        actor: &Actor,
    ) -> Result<()> {
        let (step, check) = match to {
            Status::Approved => ("approve", self.view_of(stored, actor).await?.approval),
            Status::Completed => (
                "record as completed",
                self.view_of(stored, actor).await?.completion,
            ),
            _ => return Ok(()),
        };
        if check.passes() {
            return Ok(());
        }
        let mut errors: Vec<FieldError> = check
            .blocks
            .into_iter()
            .map(|why| FieldError::new("status", format!("cannot {step}: {why}")))
            .collect();
        if to == Status::Completed {
            errors.push(FieldError::new(
                "status",
                "if the visit went ahead without clearance, record it as such (coercive \
                 presence): it is kept, flagged, and not counted as engagement",
            ));
        }
        Err(FieldErrors(errors).into())
    }

    /// Saves an edited activity; a change of substance (dates, partners, category, cost
    /// beyond the tolerance) resets the concurrences given, in the same transaction, and
    /// they are asked again.
    pub(crate) async fn save_edit(
        &self,
        before: &Stored<Activity>,
        activity: &Activity,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let id = before.meta.id;
        let changes = concurrence::substance_changes(&before.record, activity);
        let reset = match changes.is_empty() {
            true => Vec::new(),
            false => {
                let answers = self.store().concurrence_answers(id, actor).await?;
                concurrence::to_reset(&changes, &answers)
            }
        };
        let store = self.store();
        Ok(match reset.is_empty() {
            true => {
                store
                    .update_activity(id, activity, expected_version, actor)
                    .await?
            }
            false => {
                let because = format!("{} changed", changes.join(", "));
                store
                    .update_activity_resetting(
                        id,
                        activity,
                        expected_version,
                        &reset,
                        &because,
                        actor,
                    )
                    .await?
            }
        })
    }

    /// A concurring official's answer for their ministry: concur, object (with the
    /// reason) or comment.
    pub async fn answer_concurrence(
        &self,
        id: i64,
        ministry: Ministry,
        verdict: Verdict,
        reason: &str,
        actor: &Actor,
    ) -> Result<CoordinationView> {
        require(actor, ministry.permission())?;
        concurrence::check_answer(verdict, reason)?;
        let stored = self.store().get_activity(id, actor).await?;
        let (states, _) = self.concurrences_of(&stored, actor).await?;
        if !states.iter().any(|s| s.requirement.ministry == ministry) {
            return Err(FieldError::new(
                "ministry",
                format!("activity {id} does not need the {ministry} ministry's concurrence"),
            )
            .into());
        }
        let answer = Answer {
            ministry,
            verdict,
            reason: reason.trim().to_owned(),
            by: actor.name.clone(),
            at: actor.at,
            reset: false,
        };
        self.store()
            .add_concurrence_answer(id, &answer, actor)
            .await?;
        self.view_of(&stored, actor).await
    }

    /// The next batch of the activities `filter` selects, nearest first, after `after`,
    /// which moves on past it (`None` once the last batch is read).
    async fn next_batch(
        &self,
        filter: &ActivityFilter,
        after: &mut Option<Cursor>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Activity>>> {
        let page = Page {
            after: after.take(),
            limit: Some(BATCH),
        };
        let sort = Sort::default();
        let batch = self
            .store()
            .list_activities(filter, sort, &page, viewer)
            .await?;
        *after = match batch.len() < BATCH as usize {
            true => None,
            false => batch.last().map(|last| Cursor::after(last, sort)),
        };
        Ok(batch)
    }

    /// What waits for a ministry the actor answers for: concurrences not given on
    /// activities being planned (not yet approved), earliest due first; the nearest
    /// `INBOX_LISTED`.
    pub async fn concurrence_inbox(
        &self,
        ministry: Ministry,
        actor: &Actor,
    ) -> Result<Vec<Waiting>> {
        require(actor, ministry.permission())?;
        let candidates = ActivityFilter {
            from: Some(actor.at.date_naive()),
            unanswered_by: Some(ministry),
            ..ActivityFilter::default()
        };
        let wanted = |c: &ConcurrenceState| c.requirement.ministry == ministry;
        self.waiting(actor, candidates, wanted, Some(INBOX_LISTED))
            .await
    }

    /// Concurrences past their due date, earliest due first.
    pub async fn overdue_concurrences(&self, viewer: &Actor) -> Result<Vec<Waiting>> {
        require(viewer, Permission::ReadRecords)?;
        // Overdue means due before today, so starting within the longest due period.
        let rules = self.store().concurrence_rules().await?;
        let longest = rules.iter().map(|r| r.due_days).max().unwrap_or_default();
        let candidates = ActivityFilter {
            from: Some(viewer.at.date_naive()),
            to: Some(days_after(viewer, longest)),
            ..ActivityFilter::default()
        };
        self.waiting(viewer, candidates, |c| c.overdue, None).await
    }

    /// The concurrences awaited on the proposed and planned activities of `candidates`
    /// that are `wanted`, earliest due first: the first `enough`, or all.
    async fn waiting(
        &self,
        viewer: &Actor,
        candidates: ActivityFilter,
        wanted: impl Fn(&ConcurrenceState) -> bool,
        enough: Option<usize>,
    ) -> Result<Vec<Waiting>> {
        let basis = self.concurrence_basis(viewer).await?;
        let mut waiting = Vec::new();
        for status in [Status::Proposed, Status::Planned] {
            let filter = ActivityFilter {
                status: Some(status),
                ..candidates.clone()
            };
            let (mut after, mut dues) = (None, Vec::new());
            loop {
                let batch = self.next_batch(&filter, &mut after, viewer).await?;
                let ids: Vec<i64> = batch.iter().map(|a| a.meta.id).collect();
                let answers = by_activity(self.store().concurrence_answers_of(&ids, viewer).await?);
                for stored in &batch {
                    let answers = answers.get(&stored.meta.id).map_or(&[][..], Vec::as_slice);
                    for state in self.concurrence_states(&basis, &stored.record, answers, viewer) {
                        if state.standing == Standing::Awaiting && wanted(&state) {
                            dues.push(state.requirement.due);
                            waiting.push(Waiting {
                                activity: stored.meta.id,
                                title: stored.record.title.clone(),
                                classification: stored.record.label.classification,
                                start: stored.record.start,
                                status: stored.record.status,
                                concurrence: state,
                            });
                        }
                    }
                }
                let next_start = batch.last().map(|last| last.record.start);
                if after.is_none() || basis.none_due_before(next_start, &mut dues, enough) {
                    break;
                }
            }
        }
        waiting.sort_by_key(|w| (w.concurrence.requirement.due, w.activity));
        waiting.truncate(enough.unwrap_or(usize::MAX));
        Ok(waiting)
    }

    /// The dashboard's panel, `shown` of each list; kept in the answer cache for the day
    /// while nothing changes (both lists look through every visit and concurrence near).
    pub async fn coordination_panel(
        &self,
        shown: usize,
        viewer: &Actor,
    ) -> Result<CoordinationPanel> {
        require(viewer, Permission::ReadRecords)?;
        let question = format!("coordination panel {} {shown}", viewer.at.date_naive());
        let read = async {
            let (mut overdue, mut at_risk) = (
                self.overdue_concurrences(viewer).await?,
                self.visits_at_risk(viewer).await?,
            );
            let (overdue_total, at_risk_total) = (overdue.len(), at_risk.len());
            overdue.truncate(shown);
            at_risk.truncate(shown);
            Ok::<_, AppError>(CoordinationPanel {
                overdue,
                overdue_total,
                at_risk,
                at_risk_total,
            })
        };
        self.remembered(viewer, &question, read).await
    }

    /// Ship and aircraft visits not yet carried out whose clearance is at risk today,
    /// soonest first.
    pub async fn visits_at_risk(&self, viewer: &Actor) -> Result<Vec<AtRisk>> {
        require(viewer, Permission::ReadRecords)?;
        let lead_times = self.store().lead_times().await?;
        // At risk means past the deadline, so starting within the longest lead time.
        let longest = lead_times
            .iter()
            .map(|(_, t)| *t)
            .chain([LeadTimes::default()])
            .flat_map(|t| ClearanceKind::ALL.iter().map(move |k| t.days(*k)))
            .max()
            .unwrap_or_default();
        let mut at_risk = Vec::new();
        for category in [Category::ShipVisit, Category::AircraftVisit] {
            for status in [Status::Proposed, Status::Planned, Status::Approved] {
                let filter = ActivityFilter {
                    category: Some(category),
                    status: Some(status),
                    from: Some(viewer.at.date_naive()),
                    to: Some(days_after(viewer, longest)),
                    ..ActivityFilter::default()
                };
                let mut after = None;
                loop {
                    let batch = self.next_batch(&filter, &mut after, viewer).await?;
                    let ids: Vec<i64> = batch.iter().map(|a| a.meta.id).collect();
                    let requests =
                        by_activity(self.store().clearance_requests_of(&ids, viewer).await?);
                    for stored in &batch {
                        let requests = requests.get(&stored.meta.id).map_or(&[][..], Vec::as_slice);
                        for state in
                            self.clearance_states(&stored.record, requests, &lead_times, viewer)
                        {
                            if state.risk.is_some() {
                                at_risk.push(AtRisk {
                                    activity: stored.meta.id,
                                    title: stored.record.title.clone(),
                                    classification: stored.record.label.classification,
                                    start: stored.record.start,
                                    status: stored.record.status,
                                    clearance: state,
                                });
                            }
                        }
                    }
                    if after.is_none() {
                        break;
                    }
                }
            }
        }
        at_risk.sort_by_key(|r| (r.start, r.activity));
        Ok(at_risk)
    }

    pub async fn concurrence_rules(&self, viewer: &Actor) -> Result<Vec<ConcurrenceRule>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().concurrence_rules().await?)
    }

    pub async fn set_concurrence_rules(
        &self,
        rules: &[ConcurrenceRule],
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        let partners: Vec<&PartnerCode> = rules
            .iter()
            .filter_map(|r| match &r.condition {
                concurrence::Condition::Partner(code) => Some(code),
                _ => None,
            })
            .collect();
        self.check_known("condition", &partners).await?;
        Ok(self.store().replace_concurrence_rules(rules, actor).await?)
    }

    /// Adds a rule at the end of the concurrence table.
    pub async fn add_concurrence_rule(&self, rule: ConcurrenceRule, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        let mut rules = self.store().concurrence_rules().await?;
        rules.push(rule);
        self.set_concurrence_rules(&rules, actor).await
    }

    /// Removes the rule at `number` (from 1, in the table's order); gives it back.
    pub async fn remove_concurrence_rule(
        &self,
        number: usize,
        actor: &Actor,
    ) -> Result<ConcurrenceRule> {
        require(actor, Permission::ManageReference)?;
        let mut rules = self.store().concurrence_rules().await?;
        if number == 0 || number > rules.len() {
            return Err(FieldError::new(
                "rule",
                format!("there is no rule {number}: the table has {}", rules.len()),
            )
            .into());
        }
        let removed = rules.remove(number - 1);
        self.set_concurrence_rules(&rules, actor).await?;
        Ok(removed)
    }

    /// Every partner's lead times that differ from the defaults.
    pub async fn lead_times(&self, viewer: &Actor) -> Result<Vec<(PartnerCode, LeadTimes)>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().lead_times().await?)
    }

    pub async fn set_lead_times(
        &self,
        partner: &PartnerCode,
        times: &LeadTimes,
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        times.check()?;
        self.check_known("partner", &[partner]).await?;
        Ok(self.store().set_lead_times(partner, times, actor).await?)
    }

    /// Records a visit's clearance request (or its new state).
    pub async fn put_clearance_request(
        &self,
        id: i64,
        request: &ClearanceRequest,
        actor: &Actor,
    ) -> Result<CoordinationView> {
        require(actor, Permission::EditActivities)?;
        request.check()?;
        let stored = self.store().get_activity(id, actor).await?;
        if !stored.record.category.is_asset_visit() {
            return Err(FieldError::new(
                "kind",
                format!(
                    "activity {id} is {}: only ship and aircraft visits need clearance",
                    stored.record.category
                ),
            )
            .into());
        }
        clearance::fits(&stored.record, request, self.our_nation())?;
        self.check_known("partner", &[&request.partner]).await?;
        self.store()
            .put_clearance_request(id, request, actor)
            .await?;
        self.view_of(&stored, actor).await
    }

    /// Records a recipient of training or an exchange with its vetting.
    pub async fn put_recipient(
        &self,
        id: i64,
        recipient: &Recipient,
        actor: &Actor,
    ) -> Result<CoordinationView> {
        require(actor, Permission::EditActivities)?;
        recipient.check()?;
        let stored = self.store().get_activity(id, actor).await?;
        if !vetting::needs_vetting(stored.record.category) {
            return Err(FieldError::new(
                "name",
                format!(
                    "activity {id} is {}: only training and personnel exchanges have recipients to vet",
                    stored.record.category
                ),
            )
            .into());
        }
        let recipient = Recipient {
            name: recipient.name.trim().to_owned(),
            ..recipient.clone()
        };
        self.store().put_recipient(id, &recipient, actor).await?;
        self.view_of(&stored, actor).await
    }

    pub async fn restrictions(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<(i64, Restriction)>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().restrictions(partner).await?)
    }

    /// Adds restrictions, all or none; each is checked first and a bad one is named by
    /// its position (`at(i)` says how: a file's line, a list's index).
    pub async fn add_restrictions(
        &self,
        restrictions: &[Restriction],
        at: impl Fn(usize) -> String,
        actor: &Actor,
    ) -> Result<Vec<i64>> {
        require(actor, Permission::ManageReference)?;
        self.check_restrictions(restrictions, at).await?;
        Ok(self.store().add_restrictions(restrictions, actor).await?)
    }

    /// Every broken rule of the restrictions, each named by its position.
    async fn check_restrictions(
        &self,
        restrictions: &[Restriction],
        at: impl Fn(usize) -> String,
    ) -> Result<()> {
        let mut errors = Vec::new();
        for (i, r) in restrictions.iter().enumerate() {
            let mut found: Vec<FieldError> = r.check().err().into_iter().collect();
            found.extend(self.unknown_partner(&r.partner).await?);
            for e in found {
                errors.push(FieldError::new("restrictions", format!("{}: {e}", at(i))));
            }
        }
        match errors.is_empty() {
            true => Ok(()),
            false => Err(FieldErrors(errors).into()),
        }
    }

    /// Why a restriction cannot name this partner (not in the register), if it cannot: for
    /// a file's reader to report it with the line's other faults.
    pub async fn unknown_partner(&self, partner: &PartnerCode) -> Result<Option<FieldError>> {
        match self.check_known("partner", &[partner]).await {
            Ok(()) => Ok(None),
            Err(AppError::Invalid(unknown)) => Ok(unknown.0.into_iter().next()),
            Err(e) => Err(e),
        }
    }

    /// Changes a restriction (administrators), checked as when it was added.
    pub async fn edit_restriction(
        &self,
        id: i64,
        restriction: &Restriction,
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        let one = std::slice::from_ref(restriction);
        self.check_restrictions(one, |_| format!("restriction {id}"))
            .await?;
        Ok(self
            .store()
            .update_restriction(id, restriction, actor)
            .await?)
    }

    /// Removes a restriction (administrators): lifted early, or entered by mistake.
    pub async fn delete_restriction(&self, id: i64, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        Ok(self.store().delete_restriction(id, actor).await?)
    }

    /// Records an approved ship or aircraft visit as carried out without its clearance:
    /// completed, kept, and flagged as coercive presence (not defence diplomacy, by the
    /// register's one rule on coercion), so left out of engagement counts.
    pub async fn complete_without_clearance(
        &self,
        id: i64,
        actor: &Actor,
    ) -> Result<CoordinationView> {
        require(actor, Permission::MoveActivities)?;
        let stored = self.store().get_activity(id, actor).await?;
        stored.record.status.transition(Status::Completed)?;
        let view = self.view_of(&stored, actor).await?;
        if view.completion.passes() {
            return Err(FieldError::new(
                "status",
                format!("activity {id} has every clearance it needs: record it as completed"),
            )
            .into());
        }
        let done = self
            .store()
            .complete_as_coercive_presence(id, stored.meta.version, actor)
            .await?;
        self.view_of(&done, actor).await
    }
}

/// The viewer's day plus `days`.
fn days_after(viewer: &Actor, days: u32) -> NaiveDate {
    let today = viewer.at.date_naive();
    today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(today)
}
