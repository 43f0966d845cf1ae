//! Attaché's HTTP server: the web pages under `/` and the versioned JSON API under
//! `/api/v1`, over the same use cases as the command line. Every request that touches the
//! register is made by a signed-in actor, and `attache-app` checks its roles and labels;
//! this crate only speaks HTTP.

// An index out of range is a panic, and a panic in a server or an import is a defect:
// slices are read with `get`, and what cannot fail is written so.
#![deny(clippy::indexing_slicing)]

mod api;
mod clock;
mod error;
mod http;
mod openapi;
mod pages;
mod session;

use std::sync::Arc;

use attache_app::App;
use axum::Router;
use axum::http::{HeaderName, StatusCode};
use serde::Serialize;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use clock::Clock;
pub use error::ApiError;
use openapi::Api;

/// What a server is given: the use cases and its limits.
#[derive(Debug)]
pub struct Server {
    pub app: App,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Where "now" comes from: `Clock::system()` but in tests.
    pub clock: Clock,
}

type Shared = Arc<State>;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole HTTP surface, with its layers: a request id on every request and response,
/// one log line per request, a body limit, and a panic answered as a plain 500.
pub fn router(server: Server) -> Router {
    build(server).0
}

/// The router, and the state it serves from.
fn build(server: Server) -> (Router, Shared) {
    let (api, doc) = Api::new()
        .route::<__path_health, _, _>(health)
        .route::<__path_openapi_json, _, _>(openapi_json)
        .route::<session::__path_sign_in, _, _>(session::sign_in)
        .route::<session::__path_sign_out, _, _>(session::sign_out)
        .route::<crate::api::register::activities::__path_list, _, _>(
            crate::api::register::activities::list,
        )
        .route::<crate::api::register::activities::__path_count, _, _>(
            crate::api::register::activities::count,
        )
        .route::<crate::api::register::export::__path_export, _, _>(
            crate::api::register::export::export,
        )
        .route::<crate::api::register::activities::__path_create, _, _>(
            crate::api::register::activities::create,
        )
        .route::<crate::api::register::activities::__path_show, _, _>(
            crate::api::register::activities::show,
        )
        .route::<crate::api::register::activities::__path_replace, _, _>(
            crate::api::register::activities::replace,
        )
        .route::<crate::api::register::activities::__path_transition, _, _>(
            crate::api::register::activities::transition,
        )
        .route::<crate::api::accounts::tokens::__path_issue, _, _>(
            crate::api::accounts::tokens::issue,
        )
        .route::<crate::api::accounts::tokens::__path_list, _, _>(
            crate::api::accounts::tokens::list,
        )
        .route::<crate::api::accounts::tokens::__path_revoke, _, _>(
            crate::api::accounts::tokens::revoke,
        )
        .route::<crate::api::records::__path_list_partners, _, _>(
            crate::api::records::list_partners,
        )
        .route::<crate::api::records::partners::__path_create, _, _>(
            crate::api::records::partners::create,
        )
        .route::<crate::api::records::partners::__path_show, _, _>(
            crate::api::records::partners::show,
        )
        .route::<crate::api::records::partners::__path_replace, _, _>(
            crate::api::records::partners::replace,
        )
        .route::<crate::api::records::__path_list_people, _, _>(crate::api::records::list_people)
        .route::<crate::api::records::people::__path_create, _, _>(
            crate::api::records::people::create,
        )
        .route::<crate::api::records::people::__path_show, _, _>(crate::api::records::people::show)
        .route::<crate::api::records::people::__path_replace, _, _>(
            crate::api::records::people::replace,
        )
        .route::<crate::api::records::__path_list_assets, _, _>(crate::api::records::list_assets)
        .route::<crate::api::records::assets::__path_create, _, _>(
            crate::api::records::assets::create,
        )
        .route::<crate::api::records::assets::__path_show, _, _>(crate::api::records::assets::show)
        .route::<crate::api::records::assets::__path_replace, _, _>(
            crate::api::records::assets::replace,
        )
        .route::<crate::api::records::__path_list_objectives, _, _>(
            crate::api::records::list_objectives,
        )
        .route::<crate::api::records::objectives::__path_create, _, _>(
            crate::api::records::objectives::create,
        )
        .route::<crate::api::records::objectives::__path_show, _, _>(
            crate::api::records::objectives::show,
        )
        .route::<crate::api::records::objectives::__path_replace, _, _>(
            crate::api::records::objectives::replace,
        )
        .route::<crate::api::records::__path_list_agreements, _, _>(
            crate::api::records::list_agreements,
        )
        .route::<crate::api::records::agreements::__path_create, _, _>(
            crate::api::records::agreements::create,
        )
        .route::<crate::api::records::agreements::__path_show, _, _>(
            crate::api::records::agreements::show,
        )
        .route::<crate::api::records::agreements::__path_replace, _, _>(
            crate::api::records::agreements::replace,
        )
        .route::<crate::api::accounts::__path_list, _, _>(crate::api::accounts::list)
        .route::<crate::api::accounts::__path_add, _, _>(crate::api::accounts::add)
        .route::<crate::api::accounts::__path_show, _, _>(crate::api::accounts::show)
        .route::<crate::api::accounts::__path_disable, _, _>(crate::api::accounts::disable)
        .route::<crate::api::accounts::__path_enable, _, _>(crate::api::accounts::enable)
        .route::<crate::api::accounts::__path_reset_password, _, _>(
            crate::api::accounts::reset_password,
        )
        .route::<crate::api::audit::__path_trail, _, _>(crate::api::audit::trail)
        .route::<crate::api::csbm::__path_list, _, _>(crate::api::csbm::list)
        .route::<crate::api::csbm::__path_create, _, _>(crate::api::csbm::create)
        .route::<crate::api::csbm::__path_check, _, _>(crate::api::csbm::check)
        .route::<crate::api::csbm::__path_notification, _, _>(crate::api::csbm::notification)
        .route::<crate::api::coordination::__path_show, _, _>(crate::api::coordination::show)
        .route::<crate::api::coordination::__path_answer, _, _>(crate::api::coordination::answer)
        .route::<crate::api::coordination::__path_put_clearance, _, _>(
            crate::api::coordination::put_clearance,
        )
        .route::<crate::api::coordination::__path_put_recipient, _, _>(
            crate::api::coordination::put_recipient,
        )
        .route::<crate::api::coordination::__path_complete_without_clearance, _, _>(
            crate::api::coordination::complete_without_clearance,
        )
        .route::<crate::api::coordination::__path_inbox, _, _>(crate::api::coordination::inbox)
        .route::<crate::api::coordination::__path_at_risk, _, _>(crate::api::coordination::at_risk)
        .route::<crate::api::coordination::__path_lead_times, _, _>(
            crate::api::coordination::lead_times,
        )
        .route::<crate::api::coordination::__path_set_lead_times, _, _>(
            crate::api::coordination::set_lead_times,
        )
        .route::<crate::api::coordination::__path_restrictions, _, _>(
            crate::api::coordination::restrictions,
        )
        .route::<crate::api::coordination::__path_add_restrictions, _, _>(
            crate::api::coordination::add_restrictions,
        )
        .route::<crate::api::coordination::__path_rules, _, _>(crate::api::coordination::rules)
        .route::<crate::api::coordination::__path_set_rules, _, _>(
            crate::api::coordination::set_rules,
        )
        .route::<crate::api::analytics::__path_measure, _, _>(crate::api::analytics::measure)
        .route::<crate::api::analytics::__path_map, _, _>(crate::api::analytics::map)
        .route::<crate::api::datasets::__path_list, _, _>(crate::api::datasets::list)
        .route::<crate::api::datasets::__path_show, _, _>(crate::api::datasets::show)
        .route::<crate::api::datasets::__path_import, _, _>(crate::api::datasets::import)
        .route::<crate::api::ame::__path_readings, _, _>(crate::api::ame::readings)
        .route::<crate::api::ame::__path_add_reading, _, _>(crate::api::ame::add_reading)
        .route::<crate::api::ame::__path_rollup, _, _>(crate::api::ame::rollup)
        .route::<crate::api::csbm::air_base::__path_list, _, _>(crate::api::csbm::air_base::list)
        .route::<crate::api::csbm::air_base::__path_create, _, _>(
            crate::api::csbm::air_base::create,
        )
        .route::<crate::api::csbm::documents::__path_calendar, _, _>(
            crate::api::csbm::documents::calendar,
        )
        .route::<crate::api::coordination::__path_update_restriction, _, _>(
            crate::api::coordination::update_restriction,
        )
        .route::<crate::api::coordination::__path_delete_restriction, _, _>(
            crate::api::coordination::delete_restriction,
        )
        .finish();
    let state = Arc::new(State {
        app: server.app,
        openapi: doc,
        clock: server.clock,
    });
    let router = api
        .merge(pages::router())
        .fallback(not_found)
        .with_state(Arc::clone(&state))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            refresh_after_writes,
        ))
        .layer(axum::middleware::map_response(error::as_problem))
        .layer(CatchPanicLayer::custom(error::panicked))
        .layer(RequestBodyLimitLayer::new(server.max_body))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid));
    (router, state)
}

/// How often the server looks for changes made by other processes (see `App::watch_changes`).
const WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_millis(50);

/// After a request that may have written, the change marker is read again before the
/// answer goes out: the writer's next read sees the change.
async fn refresh_after_writes(
    axum::extract::State(state): axum::extract::State<Shared>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let reads_only = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let response = next.run(request).await;
    if !reads_only && let Err(e) = state.refresh_changes().await {
        tracing::warn!(error = %e, "cannot read the change marker");
    }
    response
}

/// The span of each request, so that its one log line (at the response) names the method,
/// the path and the request id.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), id = %id)
}

/// Serves until SIGINT or SIGTERM, then lets requests in flight finish.
pub async fn serve(server: Server, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let (router, state) = build(server);
    let watcher = tokio::spawn(async move { state.watch_changes(WATCH_INTERVAL).await });
    // The peer's address counts failed sign-ins per address.
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, service)
        .with_graceful_shutdown(shutdown())
        .await;
    watcher.abort();
    served
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

/// The server's state: the use cases, and the API's description.
pub struct State {
    app: App,
    openapi: utoipa::openapi::OpenApi,
    clock: Clock,
}

impl State {
    /// The time of a request, from the server's clock.
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

impl std::ops::Deref for State {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Health {
    #[schema(example = "ok")]
    status: &'static str,
}

/// A fixed answer that touches nothing: for load balancers, and the benchmarks' baseline.
#[utoipa::path(operation_id = "health", security(()), get, path = "/api/v1/health", tag = "server",
    responses((status = 200, description = "The server is up", body = Health)))]
async fn health() -> axum::Json<Health> {
    axum::Json(Health { status: "ok" })
}

/// This API's OpenAPI 3.1 description, made from the code that serves it.
#[utoipa::path(operation_id = "openapi", security(()), get, path = "/api/v1/openapi.json", tag = "server",
    responses((status = 200, description = "The OpenAPI document", body = Object)))]
async fn openapi_json(
    axum::extract::State(state): axum::extract::State<Shared>,
) -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(state.openapi.clone())
}

/// An address nothing answers: a problem under the API, a page in the site's frame elsewhere.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        ApiError::new(StatusCode::NOT_FOUND, "Not found", "no such endpoint").into_response()
    } else {
        pages::not_found().await
    }
}
