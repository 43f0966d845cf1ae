//! The start-date bound of overlapping date ranges, from the longest activity's length.

use super::activities::sort_column;
use super::{Db, LONGEST_SPAN};
use crate::Result;
use attache_domain::query::{ActivityFilter, SortField};
use chrono::NaiveDate;
use sqlx::{Pool, QueryBuilder};

/// The earliest start an activity overlapping a period from `from` may have: `from` less
/// the longest activity's length in days, read from its index (`activities_by_span`).
/// A date range matches by overlap (`end_date >= from`), which an index by start date
/// cannot bound from below; this bound lets a query that reads activities by start date
/// (the lists sorted by date, a partner's participations) begin near `from` instead of
/// at the first activity ever recorded.
pub(super) async fn start_floor(
    pool: &Pool<Db>,
    from: Option<NaiveDate>,
) -> Result<Option<NaiveDate>> {
    let Some(from) = from else {
        return Ok(None);
    };
    let longest: Option<i64> = sqlx::query_scalar(LONGEST_SPAN)
        .fetch_optional(pool)
        .await?;
    let days = chrono::Days::new(u64::try_from(longest.unwrap_or(0)).unwrap_or(0));
    // Before the earliest date there is nothing to bound.
    Ok(from.checked_sub_days(days))
}

/// The floor for a count: only under a partner, whose participations are read by start
/// date. Without one, a count reads the covering `activities_by_end` from `from` on; a
/// bound on the start date would lead SQLite (without statistics) to read by start date
/// instead, and then every row of the table in that range.
pub(super) async fn count_floor(
    pool: &Pool<Db>,
    filter: &ActivityFilter,
    from: Option<NaiveDate>,
) -> Result<Option<NaiveDate>> {
    match filter.partner {
        Some(_) => start_floor(pool, from).await,
        None => Ok(None),
    }
}

/// `AND start >= floor`, on the start date of the index the filter is read through.
pub(super) fn push_start_floor(
    qb: &mut QueryBuilder<Db>,
    filter: &ActivityFilter,
    floor: Option<NaiveDate>,
) {
    if let Some(floor) = floor {
        qb.push(" AND ")
            .push(sort_column(SortField::Start, filter))
            .push(" >= ")
            .push_bind(floor);
    }
}
