//! The gate coordination puts on the lifecycle: approval waits for what is missing, an
//! activity is recorded as carried out once started (a visit only with its clearance),
//! and assessed once ended.

use attache_domain::access::Actor;
use attache_domain::{Activity, FieldError, FieldErrors, Status, Stored};

use super::duties;
use crate::{App, Result};

impl App {
    /// Refuses a lifecycle step that coordination blocks: approval with what is missing,
    /// completion of a visit without its clearance. Each reason is named.
    pub(crate) async fn check_coordination(
        &self,
        stored: &Stored<Activity>,
        to: Status,
        actor: &Actor,
    ) -> Result<()> {
        let (step, check) = match to {
            Status::Approved => {
                let id = stored.meta.id.to_string();
                self.check_not_author(("activity", &id), duties::AUTHORING, actor, || {
                    format!(
                        "cannot approve: you proposed or changed activity {id}, so another \
                         approver approves it (separation of duties)"
                    )
                })
                .await?;
                ("approve", self.view_of(stored, actor).await?.approval)
            }
            Status::Completed => (
                "record as completed",
                self.view_of(stored, actor).await?.completion,
            ),
            Status::Assessed => ("assess", self.view_of(stored, actor).await?.assessment),
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
        if to == Status::Completed && stored.record.start <= actor.at.date_naive() {
            errors.push(FieldError::new(
                "status",
                "if the visit went ahead without clearance, record it as such (coercive \
                 presence): it is kept, flagged, and not counted as engagement",
            ));
        }
        Err(FieldErrors(errors).into())
    }
}
