//! The analytics' read: activities with their participants, as the engagement rows.

use super::shared::{SqlStore, push_visible};
use super::{Db, bound_date};
use crate::{Result, StoreError};
use attache_domain::access::Actor;
use attache_domain::{Classification, PartnerCode, Status};
use chrono::NaiveDate;
use sqlx::QueryBuilder;

use attache_domain::{Category, Location, SecurityLabel};

use crate::analytics::{EngagementFilter, EngagementRow};

/// One activity and one of its participants (an activity comes as one row per participant,
/// ordered, so that its rows are adjacent).
#[derive(Debug, sqlx::FromRow)]
struct EngagementPartRow {
    id: i64,
    title: String,
    category: String,
    status: String,
    start_date: NaiveDate,
    location: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    classification: String,
    releasable_to: String,
    coercive_presence: bool,
    partner: String,
}

impl SqlStore {
    /// The activities the viewer may see (labels filtered in SQL), with their participants.
    pub(super) async fn read_engagement(
        &self,
        filter: &EngagementFilter,
        viewer: &Actor,
    ) -> Result<Vec<EngagementRow>> {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT a.id, a.title, a.category, a.status, a.start_date, a.location, a.latitude, \
             a.longitude, a.classification, a.releasable_to, a.coercive_presence, p.partner \
             FROM activities a JOIN activity_participants p ON p.activity_id = a.id WHERE 1 = 1",
        );
        if let Some(from) = filter.from {
            qb.push(" AND a.start_date >= ").push_bind(bound_date(from));
        }
        if let Some(to) = filter.to {
            qb.push(" AND a.start_date <= ").push_bind(bound_date(to));
        }
        if let Some(partner) = &filter.partner {
            qb.push(" AND a.id IN (SELECT activity_id FROM activity_participants WHERE partner = ")
                .push_bind(partner.to_string())
                .push(")");
        }
        push_visible(&mut qb, "a.", viewer);
        qb.push(" ORDER BY a.id, p.partner");
        let rows: Vec<EngagementPartRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        let mut activities: Vec<EngagementRow> = Vec::new();
        for row in rows {
            let partner = PartnerCode::parse("partner", &row.partner)
                .map_err(|e| StoreError::corrupt(format!("activity {}", row.id), e))?;
            match activities.last_mut() {
                Some(last) if last.id == row.id => last.participants.push(partner),
                _ => activities.push(engagement_row(row, partner)?),
            }
        }
        Ok(activities)
    }
}

fn engagement_row(row: EngagementPartRow, partner: PartnerCode) -> Result<EngagementRow> {
    let corrupt =
        |e: attache_domain::FieldError| StoreError::corrupt(format!("activity {}", row.id), e);
    let classification =
        Classification::parse("classification", &row.classification).map_err(corrupt)?;
    let nations = attache_domain::interchange::split_list(&row.releasable_to)
        .iter()
        .map(|c| PartnerCode::parse("releasable_to", c))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(corrupt)?;
    let location = (!row.location.is_empty()).then(|| Location {
        name: row.location.clone(),
        coordinates: row.latitude.zip(row.longitude),
    });
    Ok(EngagementRow {
        id: row.id,
        category: Category::parse("category", &row.category).map_err(corrupt)?,
        status: Status::parse("status", &row.status).map_err(corrupt)?,
        start: row.start_date,
        location,
        participants: vec![partner],
        label: SecurityLabel::new(classification, nations).map_err(corrupt)?,
        coercive_presence: row.coercive_presence,
        title: row.title,
    })
}
