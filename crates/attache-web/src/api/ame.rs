//! Assessment, monitoring and evaluation over the API: an objective's indicator readings
//! (read and recorded), and the roll-up per objective, partner and standing aim. The
//! outcome rating is given with the move to assessed (`activities::transition`).

use attache_analytics::ame::{AimRollup, ObjectiveRollup, PartnerRollup};
use attache_domain::ame::IndicatorReading;
use attache_domain::records::StandingAim;
use attache_domain::{Classification, FieldErrors, PartnerCode};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Shared;
use crate::api::analytics::mark;
use crate::api::register::activities::given;
use crate::error::{ApiError, Problems};
use crate::http::{Params, json_body};
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

/// An objective's readings, newest measurement first.
#[utoipa::path(operation_id = "list_indicator_readings", get,
    path = "/api/v1/objectives/{code}/readings", tag = "objectives",
    params(("code" = String, Path, description = "The objective's code")),
    responses((status = 200, description = "The readings", body = [IndicatorReading]), Problems))]
pub async fn readings(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(code): Path<String>,
) -> Result<Json<Vec<IndicatorReading>>, ApiError> {
    Ok(Json(app.indicator_readings(&code, &actor).await?))
}

/// Records a measured value of one of the objective's indicators (named as the objective
/// lists it), under the objective's label.
#[utoipa::path(operation_id = "add_indicator_reading", post,
    path = "/api/v1/objectives/{code}/readings", tag = "objectives",
    params(("code" = String, Path, description = "The objective's code")),
    request_body(content = IndicatorReading),
    responses((status = 201, description = "Recorded", body = IndicatorReading), Problems))]
pub async fn add_reading(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(code): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let reading: IndicatorReading = json_body(&body)?;
    app.record_reading(&code, &reading, &actor).await?;
    Ok((StatusCode::CREATED, Json(reading)).into_response())
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AmeParams {
    /// Only this partner's objectives.
    #[param(value_type = Option<String>, example = "SGP")]
    partner: Option<String>,
    /// Only the objectives serving this standing aim.
    #[param(value_type = Option<String>, example = "build_trust")]
    aim: Option<String>,
}

/// The roll-up, with the highest classification it was computed from.
#[derive(Debug, Serialize, ToSchema)]
pub struct AmeAnswer {
    #[schema(value_type = String)]
    classification: Classification,
    objectives: Vec<ObjectiveRollup>,
    partners: Vec<PartnerRollup>,
    aims: Vec<AimRollup>,
}

/// Assessment, monitoring and evaluation: every objective the account may see with its
/// indicators' progress ((current − baseline) / (target − baseline), from the latest
/// reading) and the outcome ratings of the assessed activities that served it (1 not met,
/// 2 partly met, 3 met, 4 exceeded; coercive presence never counts), rolled up per
/// partner and per standing aim.
#[utoipa::path(operation_id = "analytics_ame", get, path = "/api/v1/ame", tag = "analytics",
    params(AmeParams),
    responses((status = 200, description = "The roll-up", body = AmeAnswer), Problems))]
pub async fn rollup(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<AmeParams>,
) -> Result<Response, ApiError> {
    let mut errors = FieldErrors::default();
    let partner =
        given(&params.partner).and_then(|p| errors.take(PartnerCode::parse("partner", &p)));
    let aim = given(&params.aim).and_then(|a| errors.take(StandingAim::parse("aim", &a)));
    if !errors.is_empty() {
        return Err(ApiError::fields(StatusCode::BAD_REQUEST, errors));
    }
    let view = app.ame(partner.as_ref(), aim, &actor).await?;
    let answer = AmeAnswer {
        classification: view.classification,
        objectives: view.rollup.objectives,
        partners: view.rollup.partners,
        aims: view.rollup.aims,
    };
    let mut response = Json(answer).into_response();
    mark(&mut response, view.classification);
    Ok(response)
}

/// Assessment, monitoring and evaluation: readings and the roll-up.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(readings))
        .routes(routes!(add_reading))
        .routes(routes!(rollup))
}
