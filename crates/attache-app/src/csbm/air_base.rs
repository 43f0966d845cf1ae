//! Air base visits (Vienna Document 2011, 20–23): recorded by the CSBM officer; the last
//! one our nation arranged sets when the next falls due (`deadlines::air_base_visit`).

use attache_csbm::{AirBaseVisit, AirBaseVisitInput, air_base};
use attache_domain::Classification;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_store::traits::*;
use chrono::NaiveDate;
use serde::Serialize;

use crate::error::require;
use crate::{App, Result};

/// A recorded air base visit, with its id.
#[derive(Debug, Clone, Serialize)]
pub struct RecordedVisit {
    pub id: i64,
    #[serde(flatten)]
    pub visit: AirBaseVisit,
}

impl From<Stored<AirBaseVisit>> for RecordedVisit {
    fn from(s: Stored<AirBaseVisit>) -> Self {
        Self {
            id: s.meta.id,
            visit: s.record,
        }
    }
}

impl App {
    /// Records an air base visit: the host must be an OSCE participating state, and the
    /// label within the writer's clearance.
    pub async fn add_air_base_visit(
        &self,
        input: &AirBaseVisitInput,
        actor: &Actor,
    ) -> Result<RecordedVisit> {
        require(actor, Permission::ManageCsbm)?;
        let visit = input.validate(&self.csbm_context(actor)?)?;
        let id = self.store().add_air_base_visit(&visit, actor).await?;
        Ok(RecordedVisit { id, visit })
    }

    /// The air base visits the viewer may see, latest first.
    pub async fn air_base_visits(&self, viewer: &Actor) -> Result<Vec<RecordedVisit>> {
        require(viewer, Permission::ReadRecords)?;
        let visits = self.store().air_base_visits(None, viewer).await?;
        Ok(visits.into_iter().map(RecordedVisit::from).collect())
    }

    /// The last air base visit our nation arranged, as the viewer sees them: its day, and
    /// its classification (a deadline that names the day shows the label too).
    pub(crate) async fn last_air_base_visit(
        &self,
        viewer: &Actor,
    ) -> Result<Option<(NaiveDate, Classification)>> {
        let ours = self.our_nation().to_string();
        let visits = self.store().air_base_visits(Some(&ours), viewer).await?;
        let records: Vec<AirBaseVisit> = visits.into_iter().map(|s| s.record).collect();
        Ok(air_base::last_visit(&records, &ours).map(|v| (v.date, v.label.classification)))
    }
}
