//! The audit trail: reading it, verifying it (the chain, the signed checkpoints with the
//! key given, and the stored records against their last audited change), and signing a
//! checkpoint of its head. The key is read from its file by the edge, never stored.

use attache_domain::access::{Actor, Permission};
use attache_store::traits::*;
use attache_store::{AuditEntry, AuditKey, AuditVerdict, Checkpoint, PublicKey};

use crate::error::require;
use crate::{App, Result};

impl App {
    /// A record's history, or the latest changes, oldest first.
    pub async fn audit_trail(
        &self,
        record: Option<(&str, &str)>,
        limit: u32,
        viewer: &Actor,
    ) -> Result<Vec<AuditEntry>> {
        require(viewer, Permission::ReadAudit)?;
        Ok(self.store().audit_trail(record, limit, viewer).await?)
    }

    /// The trail's verdict, the chain checked whole, with the checkpoints of `key` when
    /// one is given; an intact one counts only the entries the reader may read (a count of
    /// all would tell of changes hidden from them).
    pub async fn verify_audit(
        &self,
        key: Option<&PublicKey>,
        actor: &Actor,
    ) -> Result<AuditVerdict> {
        require(actor, Permission::ReadAudit)?;
        Ok(match self.store().verify_audit(key).await? {
            AuditVerdict::Intact {
                checkpoints,
                records,
                ..
            } => AuditVerdict::Intact {
                entries: self.store().count_audit(actor).await?,
                checkpoints,
                records,
            },
            broken => broken,
        })
    }

    /// Signs a checkpoint of the trail's head with `key`; with `only_if_moved` (the
    /// server's schedule), none when the newest checkpoint covers the head already. Those
    /// who read the trail may vouch for it: a checkpoint changes no record, and the key,
    /// which the caller must hold, is the real gate.
    pub async fn checkpoint_audit(
        &self,
        key: &AuditKey,
        only_if_moved: bool,
        actor: &Actor,
    ) -> Result<Option<Checkpoint>> {
        require(actor, Permission::ReadAudit)?;
        Ok(self
            .store()
            .write_checkpoint(key, only_if_moved, actor)
            .await?)
    }

    /// Signs a checkpoint every `every` while the trail's head moves (the first at once),
    /// for ever, at the times `now` gives (the edge's clock); a failure is logged and
    /// tried again at the next turn.
    pub async fn keep_checkpoints(
        &self,
        key: &AuditKey,
        every: std::time::Duration,
        now: impl Fn() -> chrono::DateTime<chrono::Utc>,
    ) {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match self.checkpoint_audit(key, true, &self.console(now())).await {
                Ok(Some(c)) => tracing::info!(
                    checkpoint = c.id,
                    entry = c.entry,
                    hash = %c.hash,
                    at = %c.at,
                    key = %c.key_fingerprint,
                    "signed a checkpoint of the audit trail"
                ),
                Ok(None) => tracing::debug!("the audit trail's head has not moved: no checkpoint"),
                Err(e) => tracing::warn!(error = %e, "cannot sign a checkpoint of the audit trail"),
            }
        }
    }
}
