//! `/api/v1/datasets`: the external data sets (list, one, import through a mapping). The
//! measures run on one with `/api/v1/analytics/{measure}?dataset=NAME`.

use std::path::PathBuf;

use attache_app::Dataset;
use attache_app::datasets::{DatasetOptions, DatasetReport};
use attache_domain::Stored;
use attache_domain::datasets::Mapping;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::{Params, json_body};
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The data sets the account may see, by name.
#[utoipa::path(operation_id = "list_datasets", get, path = "/api/v1/datasets", tag = "analytics",
    responses((status = 200, description = "The data sets", body = Vec<Object>), Problems))]
pub async fn list(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<Stored<Dataset>>>, ApiError> {
    Ok(Json(app.datasets(&actor).await?))
}

/// One data set: its source, label, file and number of events.
#[utoipa::path(operation_id = "show_dataset", get, path = "/api/v1/datasets/{name}", tag = "analytics",
    params(("name" = String, Path, description = "The data set's name")),
    responses((status = 200, description = "The data set", body = Object), Problems))]
pub async fn show(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
) -> Result<Json<Stored<Dataset>>, ApiError> {
    Ok(Json(app.dataset(&name, &actor).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportBody {
    mapping: Mapping,
    csv: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Map and check every row; write nothing.
    dry_run: Option<bool>,
}

/// Imports (or imports again) a data set from CSV text through its mapping (the mapping
/// file's JSON, as the README describes): all rows in one transaction, or none. Rows that
/// cannot be mapped are a 422 naming each row's line, column and reason.
#[utoipa::path(operation_id = "import_dataset", put, path = "/api/v1/datasets/{name}", tag = "analytics",
    params(("name" = String, Path, description = "The data set's name"), ImportParams),
    request_body(content = Object, description = "mapping (the mapping file's object) and csv (the file's text)"),
    responses((status = 200, description = "Imported: rows new, updated and unchanged", body = Object), Problems))]
pub async fn import(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
    Params(params): Params<ImportParams>,
    body: Bytes,
) -> Result<Json<DatasetReport>, ApiError> {
    let ImportBody { mapping, csv } = json_body(&body)?;
    let options = DatasetOptions {
        mapping,
        name: Some(name.clone()),
        dry_run: params.dry_run.unwrap_or(false),
    };
    let file = PathBuf::from(format!("{name}.csv"));
    let report = app
        .import_dataset_from(
            std::io::Cursor::new(csv.into_bytes()),
            &file,
            &options,
            &actor,
        )
        .await?;
    let import = &report.import;
    if !import.accepted() {
        let rows = import
            .problems
            .iter()
            .map(|p| (format!("line {}: {}", p.line, p.field), p.reason.clone()));
        return Err(ApiError::listed(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "{} problem(s) in {} rows: nothing was imported",
                import.problem_count, import.rows
            ),
            rows,
        ));
    }
    Ok(Json(report))
}

/// The data sets' endpoints.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(show))
        .routes(routes!(import))
}
