//! Engagement counts: one pass over one index range for a whole chart.

use super::Db;
use super::activities::{push_activity_filter, sort_column};
use super::overlap::{count_floor, push_start_floor};
use super::shared::push_visible;
use crate::Result;
use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, SortField};
use sqlx::{Pool, QueryBuilder};

/// Engagement counts (`Store::engagement_counts`): one query whose columns are the counts,
/// each `COUNT(*) FILTER (WHERE …)` over the rows the filter selects, so that a chart is
/// one pass over one index range instead of a query per bar. The rows are found through
/// the index that `push_activity_filter` leads with: a partner's participations (partner,
/// start date), or activities by end date (`activities_by_end`, which also holds the
/// columns counted and the label).
pub(super) async fn engagement_counts(
    pool: &Pool<Db>,
    filter: &ActivityFilter,
    tally: &attache_domain::query::Tally,
    viewer: &Actor,
) -> Result<Vec<u64>> {
    use attache_domain::query::Tally;
    use sqlx::Row;

    // The same date as `a.start_date`, from the participations' index under a partner.
    let start = sort_column(SortField::Start, filter);
    let counted_from = match tally {
        Tally::ByCategory => filter.from,
        Tally::ByPeriod(periods) => periods.iter().map(|p| p.0).min().max(filter.from),
    };
    let floor = count_floor(pool, filter, counted_from).await?;
    let mut qb = QueryBuilder::<Db>::new("SELECT ");
    let columns = match tally {
        Tally::ByCategory => {
            let mut counts = qb.separated(", ");
            for category in attache_domain::Category::ALL {
                counts
                    .push("COUNT(*) FILTER (WHERE a.category = ")
                    .push_bind_unseparated(category.as_str())
                    .push_unseparated(")");
            }
            push_activity_filter(&mut qb, filter);
            attache_domain::Category::ALL.len()
        }
        Tally::ByPeriod(periods) => {
            let (Some(first), Some(last)) = (
                periods.iter().map(|p| p.0).min(),
                periods.iter().map(|p| p.1).max(),
            ) else {
                return Ok(Vec::new());
            };
            let mut counts = qb.separated(", ");
            for (from, to) in periods {
                counts
                    .push("COUNT(*) FILTER (WHERE a.end_date >= ")
                    .push_bind_unseparated(*from)
                    .push_unseparated(" AND ")
                    .push_unseparated(start)
                    .push_unseparated(" <= ")
                    .push_bind_unseparated(*to)
                    .push_unseparated(")");
            }
            push_activity_filter(&mut qb, filter);
            // Only rows that some period counts are read.
            qb.push(" AND a.end_date >= ")
                .push_bind(first)
                .push(" AND ")
                .push(start)
                .push(" <= ")
                .push_bind(last);
            periods.len()
        }
    };
    push_start_floor(&mut qb, filter, floor);
    // The one place to leave out activities that are not engagement, for every
    // engagement count and chart at once: a visit carried out without clearance is
    // coercive presence.
    qb.push(" AND a.coercive_presence = FALSE");
    push_visible(&mut qb, "a.", viewer);
    let row = qb.build().fetch_one(pool).await?;
    (0..columns)
        .map(|i| {
            let count: i64 = row.try_get(i)?;
            Ok(u64::try_from(count).unwrap_or_default())
        })
        .collect()
}
