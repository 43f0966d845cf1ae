//! Reading the activities of a list a batch at a time, nearest first, each batch with the
//! rows its activities have (answers, requests) read in one statement.

use std::collections::HashMap;
use std::future::Future;

use attache_domain::access::Actor;
use attache_domain::coordination::ClearanceRequest;
use attache_domain::coordination::concurrence::Answer;
use attache_domain::query::{ActivityFilter, Cursor, Page, Sort};
use attache_domain::{Activity, Stored};
use attache_store::AnyStore;
use attache_store::traits::*;
use chrono::NaiveDate;

use crate::{App, Result};

/// Activities are read this many at a time for the lists, their answers and requests in
/// one statement per batch.
const BATCH: u32 = 250;

/// An activity's rows of one kind, as the store gives them for many activities.
type Rows<T> = attache_store::Result<Vec<(i64, T)>>;

/// Rows that belong to an activity, which a list reads for a whole batch at once.
pub(super) trait ActivityRows: Sized {
    /// The rows of these activities, each with its activity's id (in order).
    fn read(
        store: &AnyStore,
        ids: &[i64],
        viewer: &Actor,
    ) -> impl Future<Output = Rows<Self>> + Send;
}

impl ActivityRows for Answer {
    async fn read(store: &AnyStore, ids: &[i64], viewer: &Actor) -> Rows<Self> {
        store.concurrence_answers_of(ids, viewer).await
    }
}

impl ActivityRows for ClearanceRequest {
    async fn read(store: &AnyStore, ids: &[i64], viewer: &Actor) -> Rows<Self> {
        store.clearance_requests_of(ids, viewer).await
    }
}

/// A batch of activities, nearest first, with their rows of one kind.
pub(super) struct Batch<T> {
    pub(super) activities: Vec<Stored<Activity>>,
    rows: HashMap<i64, Vec<T>>,
}

impl<T> Batch<T> {
    /// Each activity with its rows, in order (none if it has none).
    pub(super) fn each(&self) -> impl Iterator<Item = (&Stored<Activity>, &[T])> {
        self.activities.iter().map(|stored| {
            let rows = self
                .rows
                .get(&stored.meta.id)
                .map_or(&[][..], Vec::as_slice);
            (stored, rows)
        })
    }
}

/// The viewer's day plus `days`.
pub(super) fn days_after(viewer: &Actor, days: u32) -> NaiveDate {
    let today = viewer.at.date_naive();
    today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(today)
}

impl App {
    /// The next batch of the activities `filter` selects, nearest first, after `after`,
    /// which moves on past it (`None` once the last batch is read), with their rows.
    pub(super) async fn next_batch<T: ActivityRows>(
        &self,
        filter: &ActivityFilter,
        after: &mut Option<Cursor>,
        viewer: &Actor,
    ) -> Result<Batch<T>> {
        let page = Page {
            after: after.take(),
            limit: Some(BATCH),
        };
        let sort = Sort::default();
        let activities = self
            .store()
            .list_activities(filter, sort, &page, viewer)
            .await?;
        *after = match activities.len() < BATCH as usize {
            true => None,
            false => activities.last().map(|last| Cursor::after(last, sort)),
        };
        let ids: Vec<i64> = activities.iter().map(|a| a.meta.id).collect();
        let mut rows: HashMap<i64, Vec<T>> = HashMap::new();
        for (activity, row) in T::read(self.store(), &ids, viewer).await? {
            rows.entry(activity).or_default().push(row);
        }
        Ok(Batch { activities, rows })
    }
}
