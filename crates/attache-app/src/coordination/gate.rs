//! The gate coordination puts on the lifecycle: approval waits for what is missing, and a
//! visit is recorded as carried out only with its clearance.

use attache_domain::access::Actor;
use attache_domain::{Activity, FieldError, FieldErrors, Status, Stored};

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
}
