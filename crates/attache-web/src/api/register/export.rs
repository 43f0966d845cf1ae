//! `/api/v1/export`: activities as CSV, JSON or iCalendar, streamed as they are read. The
//! export holds back while the client reads slowly, so memory stays flat at any size.

use std::io::Write;

use attache_app::register::export::{ExportFormat, ExportSink};
use attache_app::{AppError, Result as AppResult};
use attache_domain::{ActivityInput, FieldErrors};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use crate::Shared;
use crate::api::register::activities::{ExportParams, given};
use crate::error::{ApiError, Problems};
use crate::http::Params;
use crate::session::SignedIn;

/// Pages handed to the client that it has not read yet.
const PAGES_AHEAD: usize = 2;

/// Collects what a page writes, and hands it to the response when the page is done.
pub(crate) struct ChannelSink {
    buffer: Vec<u8>,
    pages: mpsc::Sender<AppResult<Bytes>>,
}

impl Write for ChannelSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl ExportSink for ChannelSink {
    async fn page_done(&mut self) -> AppResult<()> {
        let page = Bytes::from(std::mem::take(&mut self.buffer));
        self.pages.send(Ok(page)).await.map_err(|_| AppError::File {
            path: "the response".into(),
            reason: "the client went away".into(),
        })
    }
}

fn content_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "text/csv; charset=utf-8",
        ExportFormat::Json => "application/json",
        ExportFormat::Ics => "text/calendar; charset=utf-8",
    }
}

fn file_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "attachment; filename=\"activities.csv\"",
        ExportFormat::Json => "attachment; filename=\"activities.json\"",
        ExportFormat::Ics => "attachment; filename=\"activities.ics\"",
    }
}

/// Every activity the account may see that matches the filters, by start date.
#[utoipa::path(operation_id = "export_activities", get, path = "/api/v1/export", tag = "activities",
    params(ExportParams),
    responses((status = 200, description = "The activities, in the format asked for",
        content((String = "text/csv"), (Vec<ActivityInput> = "application/json"), (String = "text/calendar"))),
        Problems))]
pub async fn export(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<ExportParams>,
) -> Result<Response, ApiError> {
    let mut errors = FieldErrors::default();
    let filter = params.filter(&mut errors);
    let format = errors
        .take(ExportFormat::parse(
            &given(&params.format).unwrap_or_else(|| "csv".into()),
        ))
        .unwrap_or(ExportFormat::Csv);
    if !errors.is_empty() {
        return Err(ApiError::fields(StatusCode::BAD_REQUEST, errors));
    }
    stream(format, move |sink| async move {
        app.export(&filter, format, sink, &actor).await
    })
    .await
}

/// What `export` writes into a sink, as a streamed response in `format`.
pub(crate) async fn stream<E, F>(format: ExportFormat, export: E) -> Result<Response, ApiError>
where
    E: FnOnce(ChannelSink) -> F,
    F: Future<Output = AppResult<u64>> + Send + 'static,
{
    let (pages, mut received) = mpsc::channel(PAGES_AHEAD);
    let sink = ChannelSink {
        buffer: Vec::new(),
        pages: pages.clone(),
    };
    let exported = export(sink);
    tokio::spawn(async move {
        if let Err(e) = exported.await {
            let _ = pages.send(Err(e)).await;
        }
    });
    // A refusal (a role without export, an unknown partner) comes before the first page,
    // and is answered as such; a failure later can only cut the response short.
    let first = match received.recv().await {
        Some(Ok(page)) => page,
        Some(Err(e)) => return Err(e.into()),
        None => Bytes::new(),
    };
    let rest = futures_util::stream::unfold(received, |mut received| async move {
        let next = received.recv().await?;
        let next = next.map_err(|e| {
            tracing::error!(error = %e, "export failed after it started");
            std::io::Error::other(e.to_string())
        });
        Some((next, received))
    });
    let body = futures_util::stream::once(async { Ok::<_, std::io::Error>(first) }).chain(rest);
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(format)),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static(file_name(format)),
    );
    Ok(response)
}
