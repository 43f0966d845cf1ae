//! An activity: one peaceful defence engagement with one or more partners, and the rules
//! that every activity obeys wherever it comes from (a form, a command, an imported file).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::category::{Category, Nature};
use crate::code::{CurrencyCode, PartnerCode};
use crate::error::{FieldError, FieldErrors};
use crate::label::{Classification, SecurityLabel};
use crate::money::{Amount, Money};
use crate::status::Status;

const MAX_TITLE: usize = 200;
const MAX_TEXT: usize = 20_000;

/// An activity as a user or a file gives it: every field as text, not yet checked. Its
/// keys are the columns of the interchange format (`../shared/DESIGN.md`), plus `source`
/// and `nature`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ActivityInput {
    pub source: String,
    pub external_id: String,
    pub title: String,
    pub category: String,
    pub nature: String,
    pub status: String,
    pub start_date: String,
    pub end_date: String,
    pub host: String,
    /// `CODE` or `CODE:role`; a bare code is a guest (the host is the host).
    pub participants: Vec<String>,
    pub location: String,
    pub latitude: String,
    pub longitude: String,
    pub objectives: Vec<String>,
    pub assets: Vec<String>,
    pub cost_amount: String,
    pub cost_currency: String,
    pub classification: String,
    pub releasable_to: Vec<String>,
    pub description: String,
    pub outcome: String,
}

vocabulary!(
    /// How a partner takes part in an activity.
    Role[4] {
    Host => "host",
    Lead => "lead",
    Guest => "guest",
    Observer => "observer",
});

impl Role {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        Self::named(raw).ok_or_else(|| {
            FieldError::new(
                field,
                format!("'{raw}' is not a role; use host, lead, guest or observer"),
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Participant {
    pub partner: PartnerCode,
    pub role: Role,
}

impl Participant {
    /// `SGP` for a guest, `USA:observer` otherwise: the interchange form.
    pub fn to_text(&self) -> String {
        match self.role {
            Role::Guest | Role::Host => self.partner.to_string(),
            role => format!("{}:{role}", self.partner),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Location {
    pub name: String,
    /// Decimal degrees, both or neither.
    pub coordinates: Option<(f64, f64)>,
}

/// A valid activity: every rule of the register holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Activity {
    /// Where the record comes from; with `external_id` it names the record everywhere.
    pub source: String,
    pub external_id: String,
    pub title: String,
    pub category: Category,
    pub status: Status,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub host: PartnerCode,
    /// The host first, then the others by code.
    pub participants: Vec<Participant>,
    pub location: Option<Location>,
    pub objectives: Vec<String>,
    pub assets: Vec<String>,
    pub cost: Option<Money>,
    pub label: SecurityLabel,
    pub description: String,
    pub outcome: String,
}

/// What validation needs to know beyond the input: our nation and the reference data.
#[derive(Debug, Clone)]
pub struct ValidationContext {
    pub our_nation: PartnerCode,
    /// The writer's clearance: nothing is written above it.
    pub clearance: Classification,
    pub partners: HashSet<String>,
    /// The objectives the writer may link: those they may see (one hidden from them is
    /// unknown to them).
    pub objectives: HashSet<String>,
    /// The owner and label of those objectives that not every reader sees (all but the
    /// standing aims, which are reference data): a record links one only if each of its
    /// readers may see it.
    pub objective_labels: HashMap<String, (PartnerCode, SecurityLabel)>,
    pub currencies: HashSet<String>,
}

impl ValidationContext {
    fn known_partner(
        &self,
        field: &'static str,
        code: PartnerCode,
    ) -> Result<PartnerCode, FieldError> {
        if self.partners.contains(code.as_str()) {
            Ok(code)
        } else {
            Err(FieldError::new(
                field,
                format!(
                    "unknown partner {code}: add it first (attache partner add) or check the code"
                ),
            ))
        }
    }
}

impl ActivityInput {
    /// Checks every rule and gives the valid activity, or every broken rule at once.
    pub fn validate(&self, ctx: &ValidationContext) -> Result<Activity, FieldErrors> {
        let mut errors = FieldErrors::default();
        if let Some(nature) = errors.take(Nature::parse("nature", &self.nature)) {
            errors.take(nature.check_is_diplomacy("nature"));
        }
        let external_id = required(&mut errors, "external_id", &self.external_id);
        let title = required(&mut errors, "title", &self.title);
        if title.chars().count() > MAX_TITLE {
            errors.push("title", format!("longer than {MAX_TITLE} characters"));
        }
        let category = errors.take(Category::parse("category", &self.category));
        let status = errors.take(Status::parse("status", &self.status));
        let (start, end) = ordered_dates(
            &mut errors,
            parse_date("start_date", &self.start_date),
            parse_date("end_date", &self.end_date),
        );
        let host = errors
            .take(PartnerCode::parse("host", &self.host))
            .and_then(|code| errors.take(ctx.known_partner("host", code)));
        let participants = host
            .as_ref()
            .and_then(|host| errors.take(participants(&self.participants, host, ctx)));
        if let Some(participants) = &participants
            && !participants.iter().any(|p| p.partner != ctx.our_nation)
        {
            errors.push(
                "participants",
                format!(
                    "an activity needs at least one partner other than our nation ({})",
                    ctx.our_nation
                ),
            );
        }
        let location = errors.take(location(&self.location, &self.latitude, &self.longitude));
        let objectives = errors.take(objectives(&self.objectives, ctx));
        for (field, items) in [
            ("participants", &self.participants),
            ("objectives", &self.objectives),
            ("assets", &self.assets),
            ("releasable_to", &self.releasable_to),
        ] {
            errors.take(check_items(field, items));
        }
        let assets = clean_list(&self.assets);
        if category.is_some_and(Category::is_asset_visit) && assets.is_empty() {
            errors.push(
                "assets",
                "a ship or aircraft visit names the ship or aircraft (name or hull/tail number)",
            );
        }
        let cost = errors.take(cost(&self.cost_amount, &self.cost_currency, ctx));
        let label = errors.take(label(&self.classification, &self.releasable_to, ctx));
        if let (Some(codes), Some(label)) = (&objectives, &label) {
            errors.take(objectives_shown(codes, label, ctx));
        }
        for (field, value) in [
            ("description", &self.description),
            ("outcome", &self.outcome),
        ] {
            if value.chars().count() > MAX_TEXT {
                errors.push(field, format!("longer than {MAX_TEXT} characters"));
            }
        }

        // Every value is there when no rule was broken.
        let activity = || {
            Some(Activity {
                source: self.source.trim().to_owned(),
                external_id,
                title,
                category: category?,
                status: status?,
                start: start?,
                end: end?,
                host: host?,
                participants: participants?,
                location: location?,
                objectives: objectives?,
                assets,
                cost: cost?,
                label: label?,
                description: self.description.trim().to_owned(),
                outcome: self.outcome.trim().to_owned(),
            })
        };
        match activity() {
            Some(activity) if errors.is_empty() => Ok(activity),
            _ => Err(errors),
        }
    }
}

impl From<&Activity> for ActivityInput {
    /// The interchange form of a valid activity; validating it gives the activity back.
    fn from(a: &Activity) -> Self {
        let (location, latitude, longitude) = match &a.location {
            None => Default::default(),
            Some(l) => match l.coordinates {
                Some((lat, lon)) => (l.name.clone(), lat.to_string(), lon.to_string()),
                None => (l.name.clone(), String::new(), String::new()),
            },
        };
        let (cost_amount, cost_currency) = match &a.cost {
            Some(m) => (m.amount.to_string(), m.currency.to_string()),
            None => Default::default(),
        };
        ActivityInput {
            source: a.source.clone(),
            external_id: a.external_id.clone(),
            title: a.title.clone(),
            category: a.category.to_string(),
            nature: String::new(),
            status: a.status.to_string(),
            start_date: a.start.to_string(),
            end_date: a.end.to_string(),
            host: a.host.to_string(),
            participants: a.participants.iter().map(Participant::to_text).collect(),
            location,
            latitude,
            longitude,
            objectives: a.objectives.clone(),
            assets: a.assets.clone(),
            cost_amount,
            cost_currency,
            classification: a.label.classification.to_string(),
            releasable_to: a
                .label
                .releasable_to
                .iter()
                .map(ToString::to_string)
                .collect(),
            description: a.description.clone(),
            outcome: a.outcome.clone(),
        }
    }
}

fn required(errors: &mut FieldErrors, field: &'static str, raw: &str) -> String {
    let value = raw.trim();
    if value.is_empty() {
        errors.push(field, "required");
    }
    value.to_owned()
}

/// Years a date may have: wide enough for history and long-range plans, narrow enough to
/// catch a year typed short (`27-03-14`).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Parses an ISO 8601 calendar date written in full (`2027-03-14`).
pub fn parse_date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    let text = raw.trim();
    let bad = || {
        FieldError::new(
            field,
            format!("'{raw}' is not a date: write YYYY-MM-DD, e.g. 2027-03-14"),
        )
    };
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(bad());
    }
    // Digits in known places: read them directly (chrono's format parser was a tenth of
    // an import's reading time).
    let number = |range: std::ops::Range<usize>| {
        text.as_bytes()[range]
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).map_err(|_| bad())?;
    let date = NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or_else(bad)?;
    if !YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(FieldError::new(
            field,
            format!(
                "{date} is outside the years {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    Ok(date)
}

/// Records the errors of a start and an end date, and an end before the start.
pub fn ordered_dates(
    errors: &mut FieldErrors,
    start: Result<NaiveDate, FieldError>,
    end: Result<NaiveDate, FieldError>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let (start, end) = (errors.take(start), errors.take(end));
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.push(
            "end_date",
            format!("{end} is before the start date {start}"),
        );
    }
    (start, end)
}

/// Refuses a list item with the list separator in it: CSV could not carry it back.
fn check_items(field: &'static str, items: &[String]) -> Result<(), FieldError> {
    match items
        .iter()
        .find(|i| i.contains(crate::interchange::LIST_SEPARATOR))
    {
        Some(item) => Err(FieldError::new(
            field,
            format!("'{item}' holds a ';', which separates list items: name each item on its own"),
        )),
        None => Ok(()),
    }
}

fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = items
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn participants(
    items: &[String],
    host: &PartnerCode,
    ctx: &ValidationContext,
) -> Result<Vec<Participant>, FieldError> {
    const FIELD: &str = "participants";
    let mut others: Vec<Participant> = Vec::new();
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let (code, role) = match item.split_once(':') {
            Some((code, role)) => (code, Some(Role::parse(FIELD, role)?)),
            None => (item, None),
        };
        let partner = ctx.known_partner(FIELD, PartnerCode::parse(FIELD, code)?)?;
        if &partner == host {
            if role.is_some_and(|r| r != Role::Host) {
                return Err(FieldError::new(
                    FIELD,
                    format!("{partner} is the host, so its role is host"),
                ));
            }
            continue;
        }
        if role == Some(Role::Host) {
            return Err(FieldError::new(
                FIELD,
                format!("{partner} is marked host, but the host is {host}"),
            ));
        }
        if others.iter().any(|p| p.partner == partner) {
            return Err(FieldError::new(FIELD, format!("{partner} is listed twice")));
        }
        others.push(Participant {
            partner,
            role: role.unwrap_or(Role::Guest),
        });
    }
    others.sort_by(|a, b| a.partner.cmp(&b.partner));
    let mut all = vec![Participant {
        partner: host.clone(),
        role: Role::Host,
    }];
    all.extend(others);
    Ok(all)
}

fn location(name: &str, lat: &str, lon: &str) -> Result<Option<Location>, FieldError> {
    let coordinate = |field: &'static str, raw: &str, limit: f64| {
        let value: f64 = raw.trim().parse().map_err(|_| {
            FieldError::new(field, format!("'{raw}' is not a number of decimal degrees"))
        })?;
        if value.is_finite() && value.abs() <= limit {
            Ok(value)
        } else {
            Err(FieldError::new(
                field,
                format!("{value} is outside -{limit}..{limit} degrees"),
            ))
        }
    };
    let coordinates = match (lat.trim().is_empty(), lon.trim().is_empty()) {
        (true, true) => None,
        (false, false) => Some((
            coordinate("latitude", lat, 90.0)?,
            coordinate("longitude", lon, 180.0)?,
        )),
        (true, false) => return Err(FieldError::new("latitude", "a longitude needs a latitude")),
        (false, true) => return Err(FieldError::new("longitude", "a latitude needs a longitude")),
    };
    let name = name.trim();
    Ok(
        (!name.is_empty() || coordinates.is_some()).then(|| Location {
            name: name.to_owned(),
            coordinates,
        }),
    )
}

fn objectives(items: &[String], ctx: &ValidationContext) -> Result<Vec<String>, FieldError> {
    let codes = clean_list(items);
    match codes.iter().find(|c| !ctx.objectives.contains(c.as_str())) {
        Some(unknown) => Err(FieldError::new(
            "objectives",
            format!(
                "unknown objective {unknown}: add it first (attache objective add) or check the code"
            ),
        )),
        None => Ok(codes),
    }
}

/// Refuses an objective that a reader of the record (labelled `label`) may not see: one
/// classified above it, or not released to a nation it is released to.
fn objectives_shown(
    codes: &[String],
    label: &SecurityLabel,
    ctx: &ValidationContext,
) -> Result<(), FieldError> {
    for code in codes {
        let Some((owner, linked)) = ctx.objective_labels.get(code) else {
            continue;
        };
        let unseen = label
            .releasable_to
            .iter()
            .find(|nation| *nation != owner && !linked.releasable_to.contains(nation));
        let why = match (linked.classification > label.classification, unseen) {
            (true, _) => format!("it is {}, above this record", linked.classification),
            (false, Some(nation)) => format!("it is not released to {nation}, as this record is"),
            (false, None) => continue,
        };
        return Err(FieldError::new(
            "objectives",
            format!(
                "objective {code} cannot be linked: {why}, so one of its readers would see a \
                 code they may not"
            ),
        ));
    }
    Ok(())
}

fn cost(
    amount: &str,
    currency: &str,
    ctx: &ValidationContext,
) -> Result<Option<Money>, FieldError> {
    match (amount.trim().is_empty(), currency.trim().is_empty()) {
        (true, true) => Ok(None),
        (false, true) => Err(FieldError::new(
            "cost_currency",
            "a cost carries its currency (ISO 4217, e.g. GBP)",
        )),
        (true, false) => Err(FieldError::new("cost_amount", "a currency needs an amount")),
        (false, false) => {
            let amount = Amount::parse("cost_amount", amount)?;
            let currency = CurrencyCode::parse("cost_currency", currency)?;
            if !ctx.currencies.contains(currency.as_str()) {
                return Err(FieldError::new(
                    "cost_currency",
                    format!("{currency} is not a current ISO 4217 currency"),
                ));
            }
            Ok(Some(Money { amount, currency }))
        }
    }
}

fn label(
    classification: &str,
    releasable_to: &[String],
    ctx: &ValidationContext,
) -> Result<SecurityLabel, FieldError> {
    const FIELD: &str = "releasable_to";
    let classification =
        Classification::parse("classification", classification)?.within(ctx.clearance)?;
    let nations = releasable_to
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| ctx.known_partner(FIELD, PartnerCode::parse(FIELD, s)?))
        .collect::<Result<Vec<_>, _>>()?;
    SecurityLabel::new(classification, nations)
}

#[cfg(test)]
mod tests;
