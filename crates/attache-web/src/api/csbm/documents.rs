//! The CSBM documents over HTTP: an activity's notification and the annual calendar, as
//! structured JSON (the default), as the HTML page, or as the PDF, chosen by `?format=`.

use askama::Template;
use attache_app::AppError;
use attache_domain::FieldError;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::Params;
use crate::session::SignedIn;

/// How a document is served.
#[derive(Debug, Clone, Copy)]
enum DocumentFormat {
    Json,
    Html,
    Pdf,
}

impl DocumentFormat {
    /// The `format` parameter: absent or empty is JSON.
    fn parse(raw: Option<&str>) -> Result<Self, ApiError> {
        match raw.unwrap_or("") {
            "" | "json" => Ok(Self::Json),
            "html" => Ok(Self::Html),
            "pdf" => Ok(Self::Pdf),
            other => Err(ApiError::field(
                StatusCode::BAD_REQUEST,
                FieldError::new("format", format!("'{other}' is not json, html or pdf")),
            )),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentParams {
    /// `json` (the default), `html` (a page to read or print) or `pdf` (ready to send).
    #[param(pattern = "^(json|html|pdf)$")]
    pub format: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarParams {
    /// The year the calendar is for (exchanged by 15 November of the year before).
    #[param(example = 2027)]
    year: i32,
    /// `json` (the default), `html` or `pdf`.
    #[param(pattern = "^(json|html|pdf)$")]
    format: Option<String>,
}

/// `doc` in `format`; `name` is the PDF's file name.
pub(crate) fn answer<T: Template + Serialize>(
    doc: &T,
    format: Option<&str>,
    name: &str,
    pdf: impl FnOnce(&T) -> attache_app::Result<Vec<u8>>,
) -> Result<Response, ApiError> {
    let typed = |content_type: &'static str, body: Vec<u8>| {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response()
    };
    Ok(match DocumentFormat::parse(format)? {
        DocumentFormat::Json => Json(doc).into_response(),
        DocumentFormat::Html => {
            let page = doc
                .render()
                .map_err(|e| AppError::Setup(format!("the document could not be rendered: {e}")))?;
            typed("text/html; charset=utf-8", page.into_bytes())
        }
        DocumentFormat::Pdf => {
            let mut answer = typed("application/pdf", pdf(doc)?);
            if let Ok(disposition) =
                HeaderValue::from_str(&format!("inline; filename=\"{name}.pdf\""))
            {
                answer
                    .headers_mut()
                    .insert(header::CONTENT_DISPOSITION, disposition);
            }
            answer
        }
    })
}

/// Our nation's annual calendar of notifiable activities for a year (paragraph 61).
#[utoipa::path(operation_id = "csbm_calendar", get, path = "/api/v1/csbm/calendar", tag = "csbm",
    params(CalendarParams),
    responses((status = 200, description = "The annual calendar, in the format asked for",
        content((Object = "application/json"), (String = "text/html"), (String = "application/pdf"))),
        Problems))]
pub async fn calendar(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<CalendarParams>,
) -> Result<Response, ApiError> {
    let doc = app.csbm_calendar(params.year, &actor).await?;
    let name = format!("annual-calendar-{}", doc.year);
    answer(&doc, params.format.as_deref(), &name, |d| d.pdf())
}
