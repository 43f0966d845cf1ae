//! Vetting of the recipients of training and personnel exchanges: each recorded (pending)
//! by whoever edits the activity, then cleared or refused by a vetting officer who did not
//! record them.

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::vetting::VettingStatus;
use attache_domain::coordination::{Recipient, vetting};
use attache_domain::{Activity, FieldError, Stored};
use attache_store::traits::*;

use super::{CoordinationView, duties};
use crate::error::require;
use crate::{App, Result};

impl App {
    /// Records a recipient of training or an exchange with its vetting.
    pub async fn put_recipient(
        &self,
        id: i64,
        recipient: &Recipient,
        actor: &Actor,
    ) -> Result<CoordinationView> {
        let deciding = recipient.status != VettingStatus::Pending;
        require(
            actor,
            match deciding {
                true => Permission::VetRecipients,
                false => Permission::EditActivities,
            },
        )?;
        recipient.check()?;
        let recipient = Recipient {
            name: recipient.name.trim().to_owned(),
            ..recipient.clone()
        };
        let only = "training and personnel exchanges have recipients to vet";
        let stored = self
            .activity_having(id, vetting::needs_vetting, "name", only, actor)
            .await?;
        if deciding {
            self.check_may_vet(&stored, &recipient, actor).await?;
        }
        self.store().put_recipient(id, &recipient, actor).await?;
        self.view_of(&stored, actor).await
    }

    /// Refuses a vetting officer's decision on a recipient not yet recorded (as pending, by
    /// whoever edits the activity), or by who recorded it; the console records and vets
    /// at once.
    async fn check_may_vet(
        &self,
        stored: &Stored<Activity>,
        recipient: &Recipient,
        actor: &Actor,
    ) -> Result<()> {
        if actor.console {
            // Bound by no separation of duties (see `check_not_author`).
            return Ok(());
        }
        let id = stored.meta.id;
        let recorded = self.store().recipients(id, actor).await?;
        if !recorded.iter().any(|r| r.name == recipient.name) {
            return Err(FieldError::new(
                "name",
                format!(
                    "{} is not a recipient of activity {id} yet: it is recorded first (as \
                     pending), then vetted",
                    recipient.name
                ),
            )
            .into());
        }
        let record = format!("{id}/{}", recipient.name);
        self.check_not_author(("recipient", &record), duties::RECORDING, actor, || {
            format!(
                "you recorded {}, so another vetting officer vets them (separation of duties)",
                recipient.name
            )
        })
        .await
    }
}
