//! Concurrence of the ministries on one activity: what the table asks of it and where each
//! answer stands, a ministry's answer, and an edit of substance asking them again.

use std::collections::HashMap;

use attache_domain::access::Actor;
use attache_domain::coordination::concurrence::{
    self, Answer, ConcurrenceRule, Ministry, Requirement, Standing, Subject, Verdict,
};
use attache_domain::records::StandingAim;
use attache_domain::{Activity, FieldError, Status, Stored};
use attache_store::traits::*;
use serde::{Deserialize, Serialize};

use super::CoordinationView;
use crate::error::require;
use crate::{App, Result};

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

/// What the concurrence rules need besides the activity: the table, and the standing aim
/// of each objective the viewer may see (by code).
pub(super) struct ConcurrenceBasis {
    pub(super) rules: Vec<ConcurrenceRule>,
    aims: HashMap<String, StandingAim>,
}

impl ConcurrenceBasis {
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

/// The longest due period of the table, in days: a concurrence is due no earlier than
/// this before its activity starts.
pub(super) fn longest_due(rules: &[ConcurrenceRule]) -> u32 {
    rules.iter().map(|r| r.due_days).max().unwrap_or_default()
}

impl App {
    /// The table and the objectives' aims, read once for any number of activities.
    pub(super) async fn concurrence_basis(&self, viewer: &Actor) -> Result<ConcurrenceBasis> {
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

    pub(super) async fn concurrences_of(
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
    pub(super) fn concurrence_states(
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

    /// Saves an edited activity; a change of substance (dates, partners, category, cost
    /// beyond the tolerance) resets the concurrences given, in the same transaction, and
    /// they are asked again; an approved activity goes back to planned.
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
        // An approval was given to what changed: the activity goes back to planned, for
        // the approvers to see again (the store records the move in its history).
        let unapproved;
        let activity = match before.record.status == Status::Approved && !changes.is_empty() {
            true => {
                unapproved = Activity {
                    status: Status::Planned,
                    ..activity.clone()
                };
                &unapproved
            }
            false => activity,
        };
        let store = self.store();
        Ok(
            match reset.is_empty() && activity.status == before.record.status {
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
            },
        )
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
}
