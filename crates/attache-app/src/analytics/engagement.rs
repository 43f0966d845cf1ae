//! Engagement counts for the charts, and counts kept while the register does not change.
//!
//! A count over a million activities reads tens of thousands of index entries even when
//! its query is shaped for an index (`Store::engagement_counts`); pages that show the same
//! counts again and again (the dashboard, a partner's page) read them once per change of
//! the register, through the answer cache (`cache.rs`).

use std::future::Future;

use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::query::{ActivityFilter, Tally};
use attache_store::traits::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::require;
use crate::{App, AppError, Result};

impl App {
    /// Activities the filter selects, by category or period (see `Tally`), as the viewer
    /// may see them.
    pub async fn engagement_counts(
        &self,
        filter: &ActivityFilter,
        tally: &Tally,
        viewer: &Actor,
    ) -> Result<Vec<u64>> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("partner", filter.partner.as_ref())
            .await?;
        let question = format!("engagement {filter:?} {tally:?}");
        self.remembered(
            viewer,
            &question,
            self.store().engagement_counts(filter, tally, viewer),
        )
        .await
    }

    /// The answer to a question, kept (as JSON) per security view while the register's
    /// change marker stays the same; `read` runs only when there is none.
    pub(crate) async fn remembered<T: Serialize + DeserializeOwned, E: Into<AppError>>(
        &self,
        viewer: &Actor,
        question: &str,
        read: impl Future<Output = std::result::Result<T, E>>,
    ) -> Result<T> {
        // Taken before the answer is read: a change in between makes the kept answer newer
        // than its marker, never older.
        let marker = self.change_marker().await?;
        let kept = |answers: &crate::cache::AnswerCache| {
            answers
                .get(viewer, question, marker)
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        };
        if let Some(answer) = kept(&self.answers) {
            return Ok(answer);
        }
        let gate = self.answers.gate(viewer, question);
        let _turn = gate.lock().await;
        if let Some(answer) = kept(&self.answers) {
            return Ok(answer);
        }
        let answer = read.await.map_err(Into::into)?;
        if let Ok(bytes) = serde_json::to_vec(&answer) {
            self.answers.put(viewer, question, marker, bytes.into());
        }
        Ok(answer)
    }
}
