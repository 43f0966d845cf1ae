//! Rows as the database returns them, and their conversion into domain records. Shared by
//! both backends: the derives are generic over the database.

use std::collections::HashMap;

use attache_domain::access::{User, UserRole};
use attache_domain::activity::{Location, Participant, Role};
use attache_domain::interchange::split_list;
use attache_domain::records::{
    Agreement, AgreementKind, Asset, AssetKind, Indicator, Objective, Partner, PartnerKind, Person,
    StandingAim,
};
use attache_domain::{
    Activity, Amount, Category, Classification, CurrencyCode, FieldError, Money, PartnerCode,
    SecurityLabel, Status,
};
use chrono::{DateTime, NaiveDate, Utc};

use attache_domain::{RecordMeta, StatusChange, Stored};

use crate::StoreError;

/// The columns every record has besides its own.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MetaRow {
    pub id: i64,
    pub classification: String,
    pub releasable_to: String,
    pub owner_nation: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl MetaRow {
    pub(crate) fn split(self, record: &str) -> Result<(RecordMeta, SecurityLabel), StoreError> {
        let corrupt = |e: FieldError| StoreError::corrupt(record, e);
        let classification =
            Classification::parse("classification", &self.classification).map_err(corrupt)?;
        let nations = codes("releasable_to", &self.releasable_to).map_err(corrupt)?;
        let label = SecurityLabel::new(classification, nations).map_err(corrupt)?;
        let meta = RecordMeta {
            id: self.id,
            owner_nation: self.owner_nation,
            created_by: self.created_by,
            created_at: self.created_at,
            updated_by: self.updated_by,
            updated_at: self.updated_at,
            version: self.version,
        };
        Ok((meta, label))
    }
}

fn codes(field: &'static str, text: &str) -> Result<Vec<PartnerCode>, FieldError> {
    split_list(text)
        .iter()
        .map(|c| PartnerCode::parse(field, c))
        .collect()
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ActivityRow {
    pub source: String,
    pub external_id: String,
    pub title: String,
    pub category: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub host: String,
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub cost_thousandths: Option<i64>,
    pub cost_currency: Option<String>,
    pub description: String,
    pub outcome: String,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

/// The child rows of a set of activities, keyed by activity id.
#[derive(Debug, Default)]
pub(crate) struct ActivityChildren {
    pub participants: HashMap<i64, Vec<Participant>>,
    pub objectives: HashMap<i64, Vec<String>>,
    pub assets: HashMap<i64, Vec<String>>,
}

impl ActivityChildren {
    pub fn add_participant(
        &mut self,
        id: i64,
        partner: &str,
        role: &str,
    ) -> Result<(), StoreError> {
        let corrupt = |e: FieldError| StoreError::corrupt(format!("activity {id}"), e);
        let participant = Participant {
            partner: PartnerCode::parse("participants", partner).map_err(corrupt)?,
            role: Role::parse("participants", role).map_err(corrupt)?,
        };
        self.participants.entry(id).or_default().push(participant);
        Ok(())
    }
}

impl ActivityRow {
    pub fn into_stored(
        self,
        children: &mut ActivityChildren,
    ) -> Result<Stored<Activity>, StoreError> {
        let id = self.meta.id;
        let record = format!("activity {id}");
        let corrupt = |e: FieldError| StoreError::corrupt(format!("activity {id}"), e);
        let (meta, label) = self.meta.split(&record)?;
        let mut participants = children.participants.remove(&id).unwrap_or_default();
        // The host first, then the others by code: the order validation gives.
        participants.sort_by(|a, b| {
            (a.role != Role::Host, &a.partner).cmp(&(b.role != Role::Host, &b.partner))
        });
        let mut objectives = children.objectives.remove(&id).unwrap_or_default();
        objectives.sort();
        let mut assets = children.assets.remove(&id).unwrap_or_default();
        assets.sort();
        let cost = match (self.cost_thousandths, self.cost_currency) {
            (Some(amount), Some(currency)) => Some(Money {
                amount: Amount::from_thousandths(amount)
                    .ok_or_else(|| StoreError::corrupt(&record, "negative cost"))?,
                currency: CurrencyCode::parse("cost_currency", &currency).map_err(corrupt)?,
            }),
            _ => None,
        };
        let coordinates = self.latitude.zip(self.longitude);
        let location = (!self.location.is_empty() || coordinates.is_some()).then_some(Location {
            name: self.location,
            coordinates,
        });
        let activity = Activity {
            source: self.source,
            external_id: self.external_id,
            title: self.title,
            category: Category::parse("category", &self.category).map_err(corrupt)?,
            status: Status::parse("status", &self.status).map_err(corrupt)?,
            start: self.start_date,
            end: self.end_date,
            host: PartnerCode::parse("host", &self.host).map_err(corrupt)?,
            participants,
            location,
            objectives,
            assets,
            cost,
            label,
            description: self.description,
            outcome: self.outcome,
        };
        Ok(Stored {
            meta,
            record: activity,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct StatusChangeRow {
    pub from_status: String,
    pub to_status: String,
    pub changed_by: String,
    pub changed_at: DateTime<Utc>,
}

impl StatusChangeRow {
    pub fn into_change(self) -> Result<StatusChange, StoreError> {
        let corrupt = |e: FieldError| StoreError::corrupt("status change", e);
        Ok(StatusChange {
            from: Status::parse("from_status", &self.from_status).map_err(corrupt)?,
            to: Status::parse("to_status", &self.to_status).map_err(corrupt)?,
            by: self.changed_by,
            at: self.changed_at,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PartnerRow {
    pub code: String,
    pub kind: String,
    pub name: String,
    pub alpha2: String,
    pub region: String,
    pub subregion: String,
    pub members_as_of: Option<NaiveDate>,
    pub members_source: String,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

impl PartnerRow {
    pub fn into_stored(self, members: Vec<String>) -> Result<Stored<Partner>, StoreError> {
        let record = format!("partner {}", self.code);
        let corrupt = |e: FieldError| StoreError::corrupt(&record, e);
        let (meta, label) = self.meta.split(&record)?;
        let members = members
            .iter()
            .map(|m| PartnerCode::parse("members", m))
            .collect::<Result<_, _>>()
            .map_err(corrupt)?;
        let partner = Partner {
            code: PartnerCode::parse("code", &self.code).map_err(corrupt)?,
            kind: PartnerKind::parse("kind", &self.kind).map_err(corrupt)?,
            name: self.name,
            alpha2: self.alpha2,
            region: self.region,
            subregion: self.subregion,
            members,
            members_as_of: self.members_as_of,
            members_source: self.members_source,
            label,
        };
        Ok(Stored {
            meta,
            record: partner,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PersonRow {
    pub name: String,
    pub title: String,
    pub role: String,
    pub nation: String,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

impl PersonRow {
    pub fn into_stored(self) -> Result<Stored<Person>, StoreError> {
        let record = format!("person {}", self.meta.id);
        let (meta, label) = self.meta.split(&record)?;
        let nation = PartnerCode::parse("nation", &self.nation)
            .map_err(|e| StoreError::corrupt(&record, e))?;
        let person = Person {
            name: self.name,
            title: self.title,
            role: self.role,
            nation,
            label,
        };
        Ok(Stored {
            meta,
            record: person,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AssetRow {
    pub name: String,
    pub kind: String,
    pub identifier: String,
    pub nation: String,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

impl AssetRow {
    pub fn into_stored(self) -> Result<Stored<Asset>, StoreError> {
        let record = format!("asset {}", self.meta.id);
        let corrupt = |e: FieldError| StoreError::corrupt(&record, e);
        let (meta, label) = self.meta.split(&record)?;
        let asset = Asset {
            name: self.name,
            kind: AssetKind::parse("kind", &self.kind).map_err(corrupt)?,
            identifier: self.identifier,
            nation: PartnerCode::parse("nation", &self.nation).map_err(corrupt)?,
            label,
        };
        Ok(Stored {
            meta,
            record: asset,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ObjectiveRow {
    pub code: String,
    pub title: String,
    pub aim: String,
    pub partner: Option<String>,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct IndicatorRow {
    pub objective: String,
    pub name: String,
    pub baseline: f64,
    pub target: f64,
}

impl ObjectiveRow {
    pub fn into_stored(
        self,
        indicators: Vec<IndicatorRow>,
    ) -> Result<Stored<Objective>, StoreError> {
        let record = format!("objective {}", self.code);
        let corrupt = |e: FieldError| StoreError::corrupt(&record, e);
        let (meta, label) = self.meta.split(&record)?;
        let objective = Objective {
            code: self.code,
            title: self.title,
            aim: StandingAim::parse("aim", &self.aim).map_err(corrupt)?,
            partner: self
                .partner
                .map(|p| PartnerCode::parse("partner", &p))
                .transpose()
                .map_err(corrupt)?,
            indicators: indicators
                .into_iter()
                .map(|i| Indicator {
                    name: i.name,
                    baseline: i.baseline,
                    target: i.target,
                })
                .collect(),
            label,
        };
        Ok(Stored {
            meta,
            record: objective,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AgreementRow {
    pub kind: String,
    pub title: String,
    pub signed: NaiveDate,
    pub in_force: Option<NaiveDate>,
    pub expiry: Option<NaiveDate>,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

impl AgreementRow {
    pub fn into_stored(self, parties: Vec<String>) -> Result<Stored<Agreement>, StoreError> {
        let record = format!("agreement {}", self.meta.id);
        let corrupt = |e: FieldError| StoreError::corrupt(&record, e);
        let (meta, label) = self.meta.split(&record)?;
        let agreement = Agreement {
            kind: AgreementKind::parse("kind", &self.kind).map_err(corrupt)?,
            title: self.title,
            parties: parties
                .iter()
                .map(|p| PartnerCode::parse("parties", p))
                .collect::<Result<_, _>>()
                .map_err(corrupt)?,
            signed: self.signed,
            in_force: self.in_force,
            expiry: self.expiry,
            label,
        };
        Ok(Stored {
            meta,
            record: agreement,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct UserRow {
    pub name: String,
    pub nation: String,
    pub clearance: String,
    pub roles: String,
    pub disabled: bool,
    #[sqlx(flatten)]
    pub meta: MetaRow,
}

impl UserRow {
    pub fn into_stored(self) -> Result<Stored<User>, StoreError> {
        let record = format!("user {}", self.name);
        let corrupt = |e: FieldError| StoreError::corrupt(&record, e);
        let (meta, _label) = self.meta.split(&record)?;
        let user = User {
            nation: PartnerCode::parse("nation", &self.nation).map_err(corrupt)?,
            clearance: Classification::parse("clearance", &self.clearance).map_err(corrupt)?,
            roles: split_list(&self.roles)
                .iter()
                .map(|r| UserRole::parse("roles", r))
                .collect::<Result<_, _>>()
                .map_err(corrupt)?,
            disabled: self.disabled,
            name: self.name,
        };
        Ok(Stored { meta, record: user })
    }
}
