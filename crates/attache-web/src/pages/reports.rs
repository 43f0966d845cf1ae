//! The reports on the web: a partner's brief (`/partners/{code}/report`) and the annual
//! defence engagement report (`/analytics/report?year=`), as HTML or PDF (`format=pdf`),
//! made by the same code as `attache report`. A report is a document of its own, not a
//! page in the frame: its answer's Content-Security-Policy allows its one inline style by
//! hash and nothing else, and names its classification in `X-Classification`.

use attache_app::AppError;
use attache_app::reports::{Report, ReportFormat};
use attache_domain::{FieldError, PartnerCode};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use chrono::Datelike;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::Shared;
use crate::pages::PageError;
use crate::pages::auth::Viewer;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ReportForm {
    /// html (the default) or pdf.
    format: String,
    /// The annual report's year (this year when empty).
    year: String,
}

impl ReportForm {
    fn format(&self) -> Result<ReportFormat, AppError> {
        Ok(ReportFormat::parse("format", &self.format)?)
    }
}

pub(crate) async fn partner(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(code): Path<String>,
    Query(form): Query<ReportForm>,
) -> Result<Response, PageError> {
    let code = PartnerCode::parse("code", &code).map_err(AppError::from)?;
    let format = form.format()?;
    let brief = app.partner_brief(&code, &viewer.actor).await?;
    answer(&brief, format, &format!("brief-{code}"))
}

pub(crate) async fn annual(
    State(app): State<Shared>,
    viewer: Viewer,
    Query(form): Query<ReportForm>,
) -> Result<Response, PageError> {
    let format = form.format()?;
    let year = match form.year.trim() {
        "" => viewer.actor.at.year(),
        raw => raw.parse().map_err(|_| {
            AppError::from(FieldError::new("year", format!("'{raw}' is not a year")))
        })?,
    };
    let report = app.annual_report(year, &viewer.actor).await?;
    answer(&report, format, &format!("annual-report-{year}"))
}

fn answer(report: &dyn Report, format: ReportFormat, name: &str) -> Result<Response, PageError> {
    let bytes = report.written(format)?;
    let mut response = match format {
        ReportFormat::Html => {
            let html = String::from_utf8(bytes)
                .map_err(|e| AppError::Setup(format!("the report is not UTF-8: {e}")))?;
            let policy = policy(&html);
            let mut response = axum::response::Html(html).into_response();
            if let Ok(policy) = HeaderValue::from_str(&policy) {
                response
                    .headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, policy);
            }
            response
        }
        ReportFormat::Pdf => {
            let disposition = format!("inline; filename=\"{name}.pdf\"");
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
    };
    response.headers_mut().insert(
        "x-classification",
        HeaderValue::from_static(report.classification().as_str()),
    );
    Ok(response)
}

/// Nothing but the document's own style, allowed by its SHA-256.
fn policy(html: &str) -> String {
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map_or("", |(style, _)| style);
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_documents_own_style_by_its_hash() {
        let policy = policy("<head><style>p { color: red; }</style></head>");
        // `printf 'p { color: red; }' | openssl dgst -sha256 -binary | base64`
        let hash = "pckGv9YvNcB5xy+Y4fbqhyo+ib850wyiuWeNbZvLi00=";
        assert!(
            policy.contains(&format!("style-src 'sha256-{hash}'")),
            "{policy}"
        );
        assert!(policy.starts_with("default-src 'none'"));
    }
}
