//! What the store keeps of external data sets (issue 7): each data set (its name, source,
//! file and one security label) and its events. A trait of its own, a supertrait of
//! [`crate::Store`]; the SQL is `sql/datasets.rs`.
//!
//! Events are read and written only through their data set, under its label: a data set
//! the viewer may not see is absent from the list and `NotFound` by name, events and all.

use std::future::Future;

use attache_domain::SecurityLabel;
use attache_domain::datasets::DatasetEvent;
use serde::Serialize;

use attache_domain::Stored;

use attache_domain::access::Actor;

use crate::{EngagementFilter, ImportOutcome, Result};

/// A data set: where it comes from and how many events it holds.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Dataset {
    pub name: String,
    /// The citation of who made it.
    pub source: String,
    /// The file it was last imported from, and that file's SHA-256.
    pub file: String,
    pub sha256: String,
    pub events: u64,
    pub label: SecurityLabel,
}

pub trait DatasetStore: Send + Sync {
    /// Creates the data set or, when it exists, updates it from a new import of its file
    /// (source, file, label): events are matched by their external id, new ones added,
    /// changed ones replaced, the rest left. One transaction and one audit entry; an
    /// import that changes nothing writes nothing. `dataset.events` is ignored.
    fn import_dataset(
        &self,
        dataset: &Dataset,
        events: &[DatasetEvent],
        actor: &Actor,
    ) -> impl Future<Output = Result<ImportOutcome>> + Send;
    /// The data sets the viewer may see, by name.
    fn datasets(&self, viewer: &Actor)
    -> impl Future<Output = Result<Vec<Stored<Dataset>>>> + Send;
    fn dataset(
        &self,
        name: &str,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Dataset>>> + Send;
    /// Deletes a data set and its events (audited); gives what was deleted.
    fn delete_dataset(
        &self,
        name: &str,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Dataset>>> + Send;
    /// A data set's events in the filter (by date, and a participant), by date.
    fn dataset_events(
        &self,
        name: &str,
        filter: &EngagementFilter,
        viewer: &Actor,
    ) -> impl Future<Output = Result<(Stored<Dataset>, Vec<DatasetEvent>)>> + Send;
}
