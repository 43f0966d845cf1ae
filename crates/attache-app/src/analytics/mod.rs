//! Analytics: the measures of `attache-analytics` over what the actor may see.
//!
//! Every use case needs `Analyse` and reads through the store's label filter (in SQL), so
//! a measure never counts a record its reader could not open. Each answer is a table
//! (columns and rows) with the highest classification among the records it was computed
//! from, which is the banner any page, file or report made of it carries.

mod engagement;
pub mod series;

use std::fmt;

use attache_analytics::{
    CategoryWeights, Counted, EarlyWarning, Granularity, Network, Period, Record,
    category_intensity, pair_intensity, partner_intensity,
};
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::{Classification, FieldError, FieldErrors, PartnerCode};
use attache_store::EngagementFilter;
use attache_store::traits::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::analytics::series::CategorySeries;
use crate::error::require;
use crate::{App, AppError, Result};

/// What a page shows of the analytics, from one read: its measures' tables, and the
/// engagement per category and period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Analysis {
    pub tables: Vec<MeasureTable>,
    pub categories: CategorySeries,
}

/// The measures, each a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Per partner and period: intensity and activities.
    Intensity,
    /// Per pair of states and period.
    Pairs,
    /// Partners whose intensity fell markedly below their trailing average.
    Warnings,
    /// Per state: its network centralities and community.
    Nodes,
    /// Per pair of states: the link's weight and shared activities.
    Links,
    /// Per category and period: intensity and activities.
    Categories,
}

impl Measure {
    pub const ALL: [Measure; 6] = [
        Measure::Intensity,
        Measure::Pairs,
        Measure::Warnings,
        Measure::Nodes,
        Measure::Links,
        Measure::Categories,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Intensity => "intensity",
            Measure::Pairs => "pairs",
            Measure::Warnings => "warnings",
            Measure::Nodes => "nodes",
            Measure::Links => "links",
            Measure::Categories => "categories",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Measure, FieldError> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == raw.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
                FieldError::new(
                    field,
                    format!("'{raw}' is not a measure; use one of {}", names.join(", ")),
                )
            })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to measure over, and how.
#[derive(Debug, Clone)]
pub struct AnalyticsQuery {
    /// Activities starting in this range (both ends included); open ends when absent.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only the activities this partner took part in.
    pub partner: Option<PartnerCode>,
    pub granularity: Granularity,
    pub weights: CategoryWeights,
    pub warning: EarlyWarning,
    /// An imported data set to measure instead of the register.
    pub dataset: Option<String>,
}

impl Default for AnalyticsQuery {
    fn default() -> Self {
        AnalyticsQuery {
            from: None,
            to: None,
            partner: None,
            granularity: Granularity::Quarter,
            weights: CategoryWeights::default(),
            warning: EarlyWarning::default(),
            dataset: None,
        }
    }
}

/// An analytics query as text, the way a command line or a URL gives it.
#[derive(Debug, Clone, Default)]
pub struct AnalyticsText {
    /// `month`, `quarter` (when empty) or `year`.
    pub by: String,
    /// `YYYY-MM-DD` or empty.
    pub from: String,
    pub to: String,
    pub partner: String,
    /// `category=weight` entries changing the default weights.
    pub weights: Vec<String>,
    /// The early warning's trailing window in periods, and the fall that raises an alert
    /// (a fraction); the defaults when empty.
    pub window: String,
    pub drop: String,
    /// An imported data set's name, or empty for the register.
    pub dataset: String,
}

impl AnalyticsText {
    /// Checks every field, reporting each bad one with its reason.
    pub fn parse(&self) -> Result<AnalyticsQuery, FieldErrors> {
        let mut errors = FieldErrors::default();
        let default = AnalyticsQuery::default();
        let granularity = match self.by.trim() {
            "" => default.granularity,
            by => Granularity::parse(by).unwrap_or_else(|| {
                errors.push("by", format!("'{by}' is not month, quarter or year"));
                default.granularity
            }),
        };
        let mut date = |field: &'static str, raw: &str| match raw.trim() {
            "" => None,
            raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| {
                    errors.push(field, format!("'{raw}' is not a date written YYYY-MM-DD"))
                })
                .ok(),
        };
        let (from, to) = (date("from", &self.from), date("to", &self.to));
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.push("to", format!("{to} is before {from}"));
        }
        let partner = match self.partner.trim() {
            "" => None,
            raw => errors.take(PartnerCode::parse("partner", raw)),
        };
        let weights = CategoryWeights::default()
            .with_overrides(self.weights.iter().map(String::as_str))
            .unwrap_or_else(|e| {
                errors.push("weights", e.to_string());
                CategoryWeights::default()
            });
        let number = |raw: &str| raw.trim().parse::<f64>().ok();
        let window = match self.window.trim() {
            "" => Some(default.warning.window),
            raw => raw.parse::<usize>().ok(),
        };
        let drop = match self.drop.trim() {
            "" => Some(default.warning.drop),
            raw => number(raw),
        };
        let warning = match (window, drop) {
            (Some(window), Some(drop)) => {
                EarlyWarning::new(window, drop, default.warning.min_baseline).unwrap_or_else(|e| {
                    errors.push("warning", e);
                    default.warning
                })
            }
            (None, _) => {
                errors.push(
                    "window",
                    format!("'{}' is not a whole number of periods", self.window),
                );
                default.warning
            }
            (_, None) => {
                errors.push("drop", format!("'{}' is not a number", self.drop));
                default.warning
            }
        };
        let dataset = match self.dataset.trim() {
            "" => None,
            raw => errors.take(crate::datasets::check_name(raw)),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AnalyticsQuery {
            from,
            to,
            partner,
            granularity,
            weights,
            warning,
            dataset,
        })
    }
}

/// A measure as a table, with what it was computed from.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MeasureTable {
    pub measure: String,
    /// The highest classification among the activities counted: the table's banner.
    pub classification: Classification,
    /// How many activities counted (engagement that took place, visible to the reader).
    pub activities: usize,
    pub columns: Vec<String>,
    /// One array per row, a value per column (numbers as numbers).
    #[schema(value_type = Vec<Vec<Value>>)]
    pub rows: Vec<Vec<Value>>,
}

impl MeasureTable {
    /// The table as CSV, with a header row.
    pub fn to_csv(&self) -> Result<String> {
        let mut out = csv::Writer::from_writer(Vec::new());
        let failed = |e: &dyn fmt::Display| crate::AppError::File {
            path: format!("{}.csv", self.measure),
            reason: e.to_string(),
        };
        out.write_record(&self.columns).map_err(|e| failed(&e))?;
        for row in &self.rows {
            out.write_record(row.iter().map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }))
            .map_err(|e| failed(&e))?;
        }
        let bytes = out.into_inner().map_err(|e| failed(&e))?;
        String::from_utf8(bytes).map_err(|e| failed(&e))
    }
}

/// What the measures count, read once (from the register or a data set) for as many
/// measures as the reader wants: [`App::read_measured`], then [`App::tabulate`].
#[derive(Debug)]
pub struct Measured {
    pub(crate) counted: Vec<Counted>,
    pub(crate) classification: Classification,
    /// The partner left out of the per-partner measures: our nation, which takes part in
    /// every activity of the register (none in an external data set).
    left_out: Option<PartnerCode>,
    /// For a data set, its latest event (it may be decades ago): where its warnings look.
    latest: Option<NaiveDate>,
}

impl App {
    /// One measure over the activities the actor may see, kept while nothing changes: a
    /// partner's page asks for its measures on every visit, and computing them reads every
    /// activity of the partner in the period. The day is part of the question because
    /// the warnings' period depends on it.
    pub async fn measure(
        &self,
        measure: Measure,
        query: &AnalyticsQuery,
        actor: &Actor,
    ) -> Result<MeasureTable> {
        let tables = self.measures(&[measure], query, actor).await?;
        tables
            .into_iter()
            .next()
            .ok_or_else(|| AppError::NotFound(format!("the measure {measure}")))
    }

    /// Several measures from one read of what they count (see [`App::analysis`]).
    pub async fn measures(
        &self,
        measures: &[Measure],
        query: &AnalyticsQuery,
        actor: &Actor,
    ) -> Result<Vec<MeasureTable>> {
        Ok(self.analysis(measures, query, actor).await?.tables)
    }

    /// Several measures and the series per category, from one read of what they count,
    /// kept while nothing changes: a partner's page asks for them on every visit, and
    /// computing them reads every activity of the partner in the period. The day is part
    /// of the question because the warnings' period and the series' last period depend
    /// on it.
    pub async fn analysis(
        &self,
        measures: &[Measure],
        query: &AnalyticsQuery,
        actor: &Actor,
    ) -> Result<Analysis> {
        // The cache keeps answers per security view, not per role: ask for the right first.
        require(actor, Permission::Analyse)?;
        let question = format!(
            "analysis {measures:?} {query:?} on {}",
            actor.at.date_naive()
        );
        let analysed = async {
            let read = self.read_measured(query, actor).await?;
            let tables = measures
                .iter()
                .map(|&m| self.tabulate(&read, m, query, actor))
                .collect::<Result<Vec<_>>>()?;
            let categories = CategorySeries::of_query(&read.counted, query, actor);
            Ok::<_, AppError>(Analysis { tables, categories })
        };
        self.remembered(actor, &question, analysed).await
    }

    /// One measure over what was read.
    fn tabulate(
        &self,
        read: &Measured,
        measure: Measure,
        query: &AnalyticsQuery,
        actor: &Actor,
    ) -> Result<MeasureTable> {
        let g = query.granularity;
        let kept = |partner: &PartnerCode| read.left_out.as_ref() != Some(partner);
        let (columns, rows): (&[&str], Vec<Vec<Value>>) = match measure {
            Measure::Intensity => (
                &["partner", "period", "intensity", "activities"],
                partner_intensity(&read.counted, &query.weights, g)
                    .into_iter()
                    .filter(|(partner, _)| kept(partner))
                    .flat_map(|(partner, periods)| {
                        periods.into_iter().map(move |(p, c)| {
                            vec![
                                json!(partner),
                                json!(p.to_string()),
                                json!(c.intensity),
                                json!(c.activities),
                            ]
                        })
                    })
                    .collect(),
            ),
            Measure::Pairs => (
                &["a", "b", "period", "intensity", "activities"],
                pair_intensity(&read.counted, &query.weights, g)
                    .into_iter()
                    .flat_map(|(pair, periods)| {
                        periods.into_iter().map(move |(p, c)| {
                            vec![
                                json!(pair.a),
                                json!(pair.b),
                                json!(p.to_string()),
                                json!(c.intensity),
                                json!(c.activities),
                            ]
                        })
                    })
                    .collect(),
            ),
            Measure::Warnings => {
                let table = partner_intensity(&read.counted, &query.weights, g);
                let period = warning_period(read, query, actor);
                (
                    &["partner", "period", "intensity", "trailing_average", "fall"],
                    query
                        .warning
                        .alerts(&table, period)
                        .into_iter()
                        .filter(|a| kept(&a.partner))
                        .map(|a| {
                            vec![
                                json!(a.partner),
                                json!(a.period.to_string()),
                                json!(a.intensity),
                                json!(a.trailing_average),
                                json!(a.fall),
                            ]
                        })
                        .collect(),
                )
            }
            Measure::Nodes => {
                let network = Network::build(&read.counted, &query.weights);
                let measures = network
                    .measures()
                    .map_err(|e| crate::AppError::Setup(e.to_string()))?;
                (
                    &[
                        "partner",
                        "degree",
                        "degree_centrality",
                        "strength",
                        "eigenvector",
                        "betweenness",
                        "community",
                    ],
                    measures
                        .into_iter()
                        .map(|m| {
                            vec![
                                json!(m.partner),
                                json!(m.degree),
                                json!(m.degree_centrality),
                                json!(m.strength),
                                json!(m.eigenvector),
                                json!(m.betweenness),
                                json!(m.community),
                            ]
                        })
                        .collect(),
                )
            }
            Measure::Links => {
                let network = Network::build(&read.counted, &query.weights);
                (
                    &["a", "b", "weight", "activities"],
                    network
                        .links()
                        .map(|(a, b, l)| {
                            vec![json!(a), json!(b), json!(l.weight), json!(l.activities)]
                        })
                        .collect(),
                )
            }
            Measure::Categories => (
                &["category", "period", "intensity", "activities"],
                category_intensity(&read.counted, &query.weights, g)
                    .into_iter()
                    .flat_map(|(category, periods)| {
                        periods.into_iter().map(move |(p, c)| {
                            vec![
                                json!(category),
                                json!(p.to_string()),
                                json!(c.intensity),
                                json!(c.activities),
                            ]
                        })
                    })
                    .collect(),
            ),
        };
        Ok(MeasureTable {
            measure: measure.to_string(),
            classification: read.classification,
            activities: read.counted.len(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
        })
    }

    /// The visible activities with a location's coordinates, as a GeoJSON feature
    /// collection (points, longitude first), and the highest classification among them.
    pub async fn activities_geojson(
        &self,
        query: &AnalyticsQuery,
        actor: &Actor,
    ) -> Result<(Value, Classification)> {
        require(actor, Permission::Analyse)?;
        if query.dataset.is_some() {
            return Err(FieldError::new(
                "dataset",
                "the map shows the register's activities with a location; a data set has none",
            )
            .into());
        }
        let rows = self.store().engagement(&filter_of(query), actor).await?;
        let mut classification = Classification::Official;
        let features: Vec<Value> = rows
            .iter()
            .filter_map(|row| {
                let location = row.location.as_ref()?;
                let (latitude, longitude) = location.coordinates?;
                classification = classification.max(row.label.classification);
                Some(json!({
                    "type": "Feature",
                    "id": row.id,
                    "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                    "properties": {
                        "title": row.title,
                        "category": row.category,
                        "status": row.status,
                        "start_date": row.start,
                        "location": location.name,
                        "participants": row.participants,
                        "classification": row.label.classification,
                    },
                }))
            })
            .collect();
        Ok((
            json!({"type": "FeatureCollection", "features": features}),
            classification,
        ))
    }

    /// What the measures count among what the actor may see: the register's activities,
    /// or the query's data set.
    pub(crate) async fn read_measured(
        &self,
        query: &AnalyticsQuery,
        actor: &Actor,
    ) -> Result<Measured> {
        require(actor, Permission::Analyse)?;
        if let Some(name) = &query.dataset {
            let (dataset, events) = self
                .store()
                .dataset_events(name, &filter_of(query), actor)
                .await?;
            // An external data set records what took place: every event counts, under the
            // data set's label.
            let classification = dataset.record.label.classification;
            let counted = Counted::select(events.into_iter().map(|e| Record {
                category: e.category,
                nature: attache_domain::Nature::Engagement,
                coercive_presence: false,
                status: attache_domain::Status::Completed,
                start: e.date,
                participants: e.participants,
                classification,
            }));
            let latest = counted.iter().map(Counted::start).max();
            return Ok(Measured::of(counted, None, latest));
        }
        let rows = self.store().engagement(&filter_of(query), actor).await?;
        // The one place the register's activities become the measures' input: every
        // activity goes to `Counted::select`, which keeps what counts. The register holds
        // engagement only (validation refuses other natures); a visit carried out without
        // clearance is flagged as coercive presence.
        let counted = Counted::select(rows.into_iter().map(|row| Record {
            category: row.category,
            nature: attache_domain::Nature::Engagement,
            coercive_presence: row.coercive_presence,
            status: row.status,
            start: row.start,
            participants: row.participants,
            classification: row.label.classification,
        }));
        Ok(Measured::of(counted, Some(self.our_nation().clone()), None))
    }
}

impl Measured {
    fn of(
        counted: Vec<Counted>,
        left_out: Option<PartnerCode>,
        latest: Option<NaiveDate>,
    ) -> Measured {
        Measured {
            classification: Counted::highest_classification(&counted),
            counted,
            left_out,
            latest,
        }
    }
}

/// The period warnings look at: the one holding `to` when given; else, for the register,
/// the last complete period before the actor's today, and for a data set (which may end
/// decades ago) the period of its latest event.
fn warning_period(read: &Measured, query: &AnalyticsQuery, actor: &Actor) -> Period {
    match (query.to, read.latest) {
        (Some(to), _) => Period::of(to, query.granularity),
        (None, Some(latest)) => Period::of(latest, query.granularity),
        (None, None) => Period::of(actor.at.date_naive(), query.granularity).offset(-1),
    }
}

fn filter_of(query: &AnalyticsQuery) -> EngagementFilter {
    EngagementFilter {
        from: query.from,
        to: query.to,
        partner: query.partner.clone(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_query_as_text_is_checked_field_by_field() {
        let query = AnalyticsText {
            by: "year".into(),
            from: "2025-01-01".into(),
            partner: "SGP".into(),
            weights: vec!["outreach=4".into()],
            window: "8".into(),
            drop: "0.3".into(),
            ..AnalyticsText::default()
        }
        .parse()
        .unwrap();
        assert_eq!(query.granularity, Granularity::Year);
        assert_eq!(
            query.weights.weight(attache_domain::Category::Outreach),
            4.0
        );
        assert_eq!((query.warning.window, query.warning.drop), (8, 0.3));
        let errors = AnalyticsText {
            by: "week".into(),
            from: "2025-13-01".into(),
            partner: "sg p".into(),
            weights: vec!["banquet=1".into()],
            window: "x".into(),
            ..AnalyticsText::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["by", "from", "partner", "weights", "window"],
            "{errors}"
        );
        let errors = AnalyticsText {
            from: "2026-02-01".into(),
            to: "2026-01-01".into(),
            drop: "2".into(),
            ..AnalyticsText::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["to", "warning"], "{errors}");
    }
}
