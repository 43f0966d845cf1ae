//! Vetting of the recipients of training and personnel exchanges: each recorded with where
//! its vetting stands.

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::{Recipient, vetting};
use attache_store::traits::*;

use super::CoordinationView;
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
        require(actor, Permission::EditActivities)?;
        recipient.check()?;
        let only = "training and personnel exchanges have recipients to vet";
        let stored = self
            .activity_having(id, vetting::needs_vetting, "name", only, actor)
            .await?;
        let recipient = Recipient {
            name: recipient.name.trim().to_owned(),
            ..recipient.clone()
        };
        self.store().put_recipient(id, &recipient, actor).await?;
        self.view_of(&stored, actor).await
    }
}
