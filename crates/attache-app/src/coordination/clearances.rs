//! Diplomatic clearances of ship and aircraft visits: what each visit needs, with its
//! request and its risk today, the partners' lead times, and a visit carried out without.

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::gate::{self, ClearanceCase};
use attache_domain::coordination::{ClearanceRequest, LeadTimes, clearance};
use attache_domain::{Activity, Category, FieldError, PartnerCode, Status, Stored};
use attache_store::traits::*;
use serde::{Deserialize, Serialize};

use super::CoordinationView;
use crate::error::require;
use crate::{App, Result};

/// A clearance a visit needs, where it stands, and its risk today.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClearanceState {
    #[serde(flatten)]
    pub case: ClearanceCase,
    pub risk: Option<String>,
}

impl App {
    pub(super) async fn clearances_of(
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
    pub(super) fn clearance_states(
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
        let only = "ship and aircraft visits need clearance";
        let stored = self
            .activity_having(id, Category::is_asset_visit, "kind", only, actor)
            .await?;
        clearance::fits(&stored.record, request, self.our_nation())?;
        self.check_known("partner", &[&request.partner]).await?;
        self.store()
            .put_clearance_request(id, request, actor)
            .await?;
        self.view_of(&stored, actor).await
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
        let today = actor.at.date_naive();
        if let Some(why) = gate::not_yet("started", stored.record.start, today) {
            return Err(
                FieldError::new("status", format!("cannot record as completed: {why}")).into(),
            );
        }
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
