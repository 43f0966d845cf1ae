//! The dashboard's coordination panel: the nearest concurrences overdue and visits at risk,
//! and how many there are in all.

use attache_domain::access::{Actor, Permission};
use serde::{Deserialize, Serialize};

use super::{AtRisk, Waiting};
use crate::error::require;
use crate::{App, AppError, Result};

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
}
