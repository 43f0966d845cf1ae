//! What waits for the ministries: a ministry's inbox of concurrences not yet given, and the
//! concurrences past their due date, earliest due first.

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::concurrence::{Ministry, Standing};
use attache_domain::query::ActivityFilter;
use attache_domain::{Classification, Status};
use attache_store::traits::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::batches::days_after;
use super::concurrence::{ConcurrenceState, longest_due};
use crate::error::require;
use crate::{App, Result};

/// An inbox lists at most this many concurrences, the earliest due: it is for reading,
/// not an export.
pub const INBOX_LISTED: usize = 200;

/// An activity waiting for a ministry's answer.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Waiting {
    pub activity: i64,
    pub title: String,
    /// The activity's classification, for the banner of a page that lists it.
    pub classification: Classification,
    pub start: NaiveDate,
    pub status: Status,
    #[serde(flatten)]
    pub concurrence: ConcurrenceState,
}

/// Whether `enough` of the `dues` found are due before anything still to read could be:
/// what is read next starts on `next_start` or later, so it is due no earlier than that
/// less the `longest` due period of the table.
fn none_due_before(
    longest: u32,
    next_start: Option<NaiveDate>,
    dues: &mut [NaiveDate],
    enough: Option<usize>,
) -> bool {
    let (Some(n), Some(start)) = (enough, next_start) else {
        return false;
    };
    if n == 0 || dues.len() < n {
        return n == 0;
    }
    let earliest_next = start
        .checked_sub_days(chrono::Days::new(u64::from(longest)))
        .unwrap_or(NaiveDate::MIN);
    let (_, nth, _) = dues.select_nth_unstable(n - 1);
    earliest_next > *nth
}

impl App {
    /// What waits for a ministry the actor answers for: concurrences not given on
    /// activities being planned (not yet approved), earliest due first; the nearest
    /// `INBOX_LISTED`.
    pub async fn concurrence_inbox(
        &self,
        ministry: Ministry,
        actor: &Actor,
    ) -> Result<Vec<Waiting>> {
        require(actor, ministry.permission())?;
        let candidates = ActivityFilter {
            from: Some(actor.at.date_naive()),
            unanswered_by: Some(ministry),
            ..ActivityFilter::default()
        };
        let wanted = |c: &ConcurrenceState| c.requirement.ministry == ministry;
        self.waiting(actor, candidates, wanted, Some(INBOX_LISTED))
            .await
    }

    /// Concurrences past their due date, earliest due first.
    pub async fn overdue_concurrences(&self, viewer: &Actor) -> Result<Vec<Waiting>> {
        require(viewer, Permission::ReadRecords)?;
        // Overdue means due before today, so starting within the longest due period.
        let rules = self.store().concurrence_rules().await?;
        let candidates = ActivityFilter {
            from: Some(viewer.at.date_naive()),
            to: Some(days_after(viewer, longest_due(&rules))),
            ..ActivityFilter::default()
        };
        self.waiting(viewer, candidates, |c| c.overdue, None).await
    }

    /// The concurrences awaited on the proposed and planned activities of `candidates`
    /// that are `wanted`, earliest due first: the first `enough`, or all.
    async fn waiting(
        &self,
        viewer: &Actor,
        candidates: ActivityFilter,
        wanted: impl Fn(&ConcurrenceState) -> bool,
        enough: Option<usize>,
    ) -> Result<Vec<Waiting>> {
        let basis = self.concurrence_basis(viewer).await?;
        let longest = longest_due(&basis.rules);
        let mut waiting = Vec::new();
        for status in [Status::Proposed, Status::Planned] {
            let filter = ActivityFilter {
                status: Some(status),
                ..candidates.clone()
            };
            let (mut after, mut dues) = (None, Vec::new());
            loop {
                let batch = self.next_batch(&filter, &mut after, viewer).await?;
                for (stored, answers) in batch.each() {
                    for state in self.concurrence_states(&basis, &stored.record, answers, viewer) {
                        if state.standing == Standing::Awaiting && wanted(&state) {
                            dues.push(state.requirement.due);
                            waiting.push(Waiting {
                                activity: stored.meta.id,
                                title: stored.record.title.clone(),
                                classification: stored.record.label.classification,
                                start: stored.record.start,
                                status: stored.record.status,
                                concurrence: state,
                            });
                        }
                    }
                }
                let next_start = batch.activities.last().map(|last| last.record.start);
                if after.is_none() || none_due_before(longest, next_start, &mut dues, enough) {
                    break;
                }
            }
        }
        waiting.sort_by_key(|w| (w.concurrence.requirement.due, w.activity));
        waiting.truncate(enough.unwrap_or(usize::MAX));
        Ok(waiting)
    }
}
