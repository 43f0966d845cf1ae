//! `/api/v1/analytics`: the measures (as JSON or CSV) and the activities on a map (GeoJSON).
//! Every answer carries the highest classification of what it was computed from, in the
//! body and in the `X-Classification` header (a CSV file has nowhere else to put it).

use attache_app::analytics::{AnalyticsQuery, AnalyticsText, Measure, MeasureTable};
use attache_domain::{Classification, FieldError, FieldErrors};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::Shared;
use crate::api::register::activities::given;
use crate::error::{ApiError, Problems};
use crate::http::Params;
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The header naming an answer's classification.
const CLASSIFICATION: &str = "x-classification";

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsParams {
    /// Periods of a `month`, a `quarter` (the default) or a `year`.
    #[param(value_type = Option<String>, pattern = "^(month|quarter|year)$")]
    by: Option<String>,
    /// Activities starting on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<chrono::NaiveDate>)]
    from: Option<String>,
    /// Activities starting on or before this day (YYYY-MM-DD); warnings look at its period.
    #[param(value_type = Option<chrono::NaiveDate>)]
    to: Option<String>,
    /// Only the activities this partner took part in.
    #[param(value_type = Option<String>, example = "SGP")]
    partner: Option<String>,
    /// Category weights changing the default, comma-separated: `exercise=4,outreach=0.5`.
    #[param(example = "high_level_engagement=6")]
    weights: Option<String>,
    /// The early warning's trailing window, in periods (4 by default).
    window: Option<String>,
    /// The fall below the trailing average that raises a warning, a fraction (0.5).
    drop: Option<String>,
    /// `json` (the default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)$")]
    format: Option<String>,
    /// An imported data set to measure instead of the register (see `/api/v1/datasets`).
    dataset: Option<String>,
}

impl AnalyticsParams {
    fn query(&self) -> Result<AnalyticsQuery, FieldErrors> {
        AnalyticsText {
            by: given(&self.by).unwrap_or_default(),
            from: given(&self.from).unwrap_or_default(),
            to: given(&self.to).unwrap_or_default(),
            partner: given(&self.partner).unwrap_or_default(),
            weights: given(&self.weights)
                .map(|w| w.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
            window: given(&self.window).unwrap_or_default(),
            drop: given(&self.drop).unwrap_or_default(),
            dataset: given(&self.dataset).unwrap_or_default(),
        }
        .parse()
    }
}

/// One measure over the activities the account may see: `intensity` (per partner and
/// period), `pairs` (per pair of states and period), `warnings` (partners fallen below
/// their trailing average), `nodes` (network centralities and communities), `links` or
/// `categories` (per category and period).
/// Only engagement that took place counts (completed or assessed). With `dataset`, the
/// measure runs on that imported data set instead, every event of which counts.
#[utoipa::path(operation_id = "analytics_measure", get, path = "/api/v1/analytics/{measure}",
    tag = "analytics",
    params(("measure" = String, Path, pattern = "^(intensity|pairs|warnings|nodes|links|categories)$",
        description = "intensity, pairs, warnings, nodes, links or categories"), AnalyticsParams),
    responses((status = 200, description = "The measure as a table",
        content((MeasureTable = "application/json"), (String = "text/csv"))), Problems))]
pub async fn measure(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(measure): Path<String>,
    Params(params): Params<AnalyticsParams>,
) -> Result<Response, ApiError> {
    let mut errors = FieldErrors::default();
    let measure = errors.take(Measure::parse("measure", &measure));
    let csv = match given(&params.format).as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            errors.push("format", format!("'{other}' is not json or csv"));
            false
        }
    };
    let query = params.query().map_err(|e| errors.0.extend(e.0)).ok();
    let (Some(measure), Some(query), true) = (measure, query, errors.is_empty()) else {
        return Err(ApiError::fields(StatusCode::BAD_REQUEST, errors));
    };
    let table = app.measure(measure, &query, &actor).await?;
    let classification = table.classification;
    let mut response = if csv {
        let disposition = format!("attachment; filename=\"{measure}.csv\"");
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            table.to_csv()?,
        )
            .into_response()
    } else {
        Json(table).into_response()
    };
    mark(&mut response, classification);
    Ok(response)
}

/// The activities the account may see that have a location's coordinates, as a GeoJSON
/// feature collection of points (longitude, latitude), with their classification.
#[utoipa::path(operation_id = "activities_map", get, path = "/api/v1/map",
    tag = "analytics", params(AnalyticsParams),
    responses((status = 200, description = "A GeoJSON FeatureCollection",
        content((Object = "application/geo+json"))), Problems))]
pub async fn map(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<AnalyticsParams>,
) -> Result<Response, ApiError> {
    if let Some(format) = given(&params.format).filter(|f| f != "json") {
        return Err(ApiError::field(
            StatusCode::BAD_REQUEST,
            FieldError::new("format", format!("'{format}': the map is GeoJSON only")),
        ));
    }
    let query = params
        .query()
        .map_err(|errors| ApiError::fields(StatusCode::BAD_REQUEST, errors))?;
    let (collection, classification) = app.activities_geojson(&query, &actor).await?;
    let mut response = (
        [(header::CONTENT_TYPE, "application/geo+json")],
        Json(collection),
    )
        .into_response();
    mark(&mut response, classification);
    Ok(response)
}

pub(crate) fn mark(response: &mut Response, classification: Classification) {
    response.headers_mut().insert(
        CLASSIFICATION,
        HeaderValue::from_static(classification.as_str()),
    );
}

/// The analytics' endpoints.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(measure))
        .routes(routes!(map))
}
