//! `/api/v1/csbm`: declared military activities with their Vienna Document evaluation, a
//! year's check, and an activity's notification (its formats: `csbm_documents.rs`). The
//! rules are `attache-csbm`'s and the permissions `attache-app`'s; this module speaks HTTP
//! only.

pub mod air_base;
pub mod documents;

use attache_app::csbm::documents::Notification;
use attache_app::csbm::{Assessed, YearReport};
use attache_csbm::MilitaryActivityInput;
use attache_domain::FieldError;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;

use crate::Shared;
use crate::api::csbm::documents::{DocumentParams, answer};
use crate::error::{ApiError, EditProblems, Problems};
use crate::http::{Params, json_body, path_id};
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParams {
    /// The calendar year.
    #[param(example = 2027)]
    year: i32,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    /// The calendar year to check.
    #[param(example = 2027)]
    year: i32,
    /// The day to check as of, YYYY-MM-DD (default: today).
    today: Option<NaiveDate>,
}

/// The declared military activities taking place in a year, each with its evaluation
/// (notifiable, observable, last day to notify, calendar deadline, margins).
#[utoipa::path(operation_id = "list_csbm_activities", get, path = "/api/v1/csbm/activities", tag = "csbm",
    params(YearParams),
    responses((status = 200, description = "The activities with their evaluation", body = Vec<Object>), Problems))]
pub async fn list(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<YearParams>,
) -> Result<Json<Vec<Assessed>>, ApiError> {
    Ok(Json(app.military_activities(params.year, &actor).await?))
}

/// Declares a military activity. Counts may be numbers or text; participants and
/// releasability a list or `;`-separated text.
#[utoipa::path(operation_id = "create_csbm_activity", post, path = "/api/v1/csbm/activities", tag = "csbm",
    request_body(content = Object, description = "reference, name, kind, start_date, end_date, host, participants, area, troops, battle_tanks, acvs, artillery, sorties, alert, divisional, notified_on, calendared_on, classification, releasable_to"),
    responses((status = 201, description = "Declared, with its evaluation", body = Object), EditProblems))]
pub async fn create(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<(StatusCode, Json<Assessed>), ApiError> {
    let input = activity_body(&body)?;
    Ok((
        StatusCode::CREATED,
        Json(app.add_military_activity(&input, &actor).await?),
    ))
}

/// A year checked: every finding with its paragraph, the verification quotas, the deadlines.
#[utoipa::path(operation_id = "csbm_check", get, path = "/api/v1/csbm/check", tag = "csbm",
    params(CheckParams),
    responses((status = 200, description = "The year's report", body = Object), Problems))]
pub async fn check(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<CheckParams>,
) -> Result<Json<YearReport>, ApiError> {
    let today = params.today.unwrap_or_else(|| actor.at.date_naive());
    Ok(Json(app.csbm_year(params.year, today, &actor).await?))
}

/// The prior notification of a notifiable activity: structured JSON, or the HTML page or
/// PDF laid out like the notification format.
#[utoipa::path(operation_id = "csbm_notification", get, path = "/api/v1/csbm/activities/{id}/notification", tag = "csbm",
    params(("id" = i64, Path, description = "The declared activity's id"), DocumentParams),
    responses((status = 200, description = "The notification, in the format asked for",
            content((Object = "application/json"), (String = "text/html"), (String = "application/pdf"))),
        (status = 409, description = "The activity is not notifiable: below every threshold", body = crate::error::Problem, content_type = "application/problem+json"),
        Problems))]
pub async fn notification(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    Params(params): Params<DocumentParams>,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "a military activity's")?;
    let doc: Notification = app.csbm_notification(id, &actor).await?;
    let name = format!("notification-{id}");
    answer(&doc, params.format.as_deref(), &name, Notification::pdf)
}

/// The activity's text form from JSON, where numbers, booleans and lists are welcome too.
fn activity_body(body: &Bytes) -> Result<MilitaryActivityInput, ApiError> {
    let Value::Object(fields) = json_body::<Value>(body)? else {
        return Err(ApiError::field(
            StatusCode::BAD_REQUEST,
            FieldError::new("body", "a JSON object"),
        ));
    };
    let known = attache_app::csbm::input_columns();
    let mut text = serde_json::Map::new();
    for (name, value) in fields {
        if !known.contains(&name) {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                FieldError::new("body", format!("unknown field '{name}'")),
            ));
        }
        let as_text = match value {
            Value::Null => String::new(),
            Value::String(s) => s,
            Value::Bool(b) => if b { "yes" } else { "no" }.to_owned(),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(";"),
            other => other.to_string(),
        };
        text.insert(name, Value::String(as_text));
    }
    serde_json::from_value(Value::Object(text)).map_err(|e| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldError::new("body", e.to_string()),
        )
    })
}

/// The CSBM desk's endpoints: notified activities, air base visits, the calendar.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .routes(routes!(check))
        .routes(routes!(notification))
        .routes(routes!(air_base::list))
        .routes(routes!(air_base::create))
        .routes(routes!(documents::calendar))
}
