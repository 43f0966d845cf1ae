//! Separation of duties: who proposed or changed an activity does not approve it, and who
//! recorded a recipient does not vet them. Who did what is read from the audit trail,
//! where every change is, so no column can drift from it.

use attache_domain::FieldError;
use attache_domain::access::Actor;
use attache_store::traits::*;

use crate::{App, Result};

/// The actions that make an actor an author of an activity: creating it, changing its
/// content, or bringing it in (an import's entry), as against moving its status.
pub(super) const AUTHORING: &[&str] = &["create", "update", "import"];
/// The action that makes an actor the recorder of a recipient.
pub(super) const RECORDING: &[&str] = &["create"];

/// How much of one record's history is read to find its authors.
const HISTORY_READ: u32 = 100_000;

impl App {
    /// Refuses `actor` when they authored the record `(record_type, record_id)` by one
    /// of the `actions`, saying `why`. The console, which holds the database and acts as no account, is not bound;
    /// its steps are audited as the console's.
    pub(super) async fn check_not_author(
        &self,
        record: (&str, &str),
        actions: &[&str],
        actor: &Actor,
        why: impl FnOnce() -> String,
    ) -> Result<()> {
        if actor.console {
            return Ok(());
        }
        // Read whole: an author's entry may be labelled above the actor's clearance now.
        let everything = self.console(actor.at);
        let trail = self
            .store()
            .audit_trail(Some(record), HISTORY_READ, &everything)
            .await?;
        let authored = trail
            .iter()
            .any(|e| e.actor == actor.name && actions.contains(&e.action.as_str()));
        match authored {
            true => Err(FieldError::new("status", why()).into()),
            false => Ok(()),
        }
    }
}
