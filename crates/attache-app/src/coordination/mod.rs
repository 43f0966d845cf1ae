//! Whole-of-government coordination (issue 5): concurrences of the foreign and
//! development ministries, diplomatic clearances, vetting of recipients and restrictions
//! on partners, and the gate they put on approving and completing an activity. The rules
//! are the domain's (`attache_domain::coordination`); this gathers what they need. Here:
//! one activity's picture of it all (`CoordinationView`), and the check that an activity
//! takes a clearance request or a recipient; each part is a module of its own.

mod at_risk;
mod batches;
mod clearances;
mod concurrence;
mod duties;
mod gate;
mod inbox;
mod panel;
mod restrictions;
mod rules;
mod vetting;

pub use at_risk::AtRisk;
pub use clearances::ClearanceState;
pub use concurrence::ConcurrenceState;
pub use inbox::{INBOX_LISTED, Waiting};
pub use panel::CoordinationPanel;

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::concurrence::{Answer, Requirement, Standing};
use attache_domain::coordination::gate::{Check, ClearanceCase, Coordination, coercive_presence};
use attache_domain::coordination::vetting::needs_vetting;
use attache_domain::coordination::{Recipient, Restriction};
use attache_domain::{Activity, Category, FieldError, Stored};
use attache_store::traits::*;
use serde::Serialize;

use crate::error::require;
use crate::{App, Result};

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
    /// What keeps it from being recorded as carried out: a start still ahead, a visit's
    /// clearance not granted.
    pub completion: Check,
    /// What keeps it from being assessed: an end still ahead.
    pub assessment: Check,
    /// Carried out without clearance: why it is not engagement (it is left out of
    /// engagement counts); absent for an activity that was not.
    pub coercive_presence: Option<String>,
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
            assessment: gate.assessment(),
            concurrences,
            answers,
            clearances,
            needs_vetting: needs_vetting(activity.category),
            recipients,
            coercive_presence: self
                .store()
                .is_coercive_presence(id, viewer)
                .await?
                .then(coercive_presence),
        })
    }

    /// The activity `id`, to be given a clearance request or a recipient: refused, naming
    /// `field`, unless its category `has` them (`only` says which do).
    async fn activity_having(
        &self,
        id: i64,
        has: fn(Category) -> bool,
        field: &'static str,
        only: &str,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let stored = self.store().get_activity(id, actor).await?;
        if !has(stored.record.category) {
            return Err(FieldError::new(
                field,
                format!("activity {id} is {}: only {only}", stored.record.category),
            )
            .into());
        }
        Ok(stored)
    }
}
