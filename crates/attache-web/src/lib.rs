//! Attaché's HTTP server: the web pages under `/` and the versioned JSON API under
//! `/api/v1`, over the same use cases as the command line. Every request that touches the
//! register is made by a signed-in actor, and `attache-app` checks its roles and labels;
//! this crate only speaks HTTP.

mod activities;
mod ame;
mod analytics;
mod audit;
mod coordination;
mod csbm;
mod csbm_air_base;
mod csbm_documents;
mod datasets;
mod error;
mod export;
mod http;
mod openapi;
mod pages;
mod records;
mod session;
mod tokens;
mod users;

use std::sync::Arc;

use attache_app::App;
use axum::Router;
use axum::http::{HeaderName, StatusCode};
use serde::Serialize;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use error::ApiError;
use openapi::Api;

/// What a server is given: the use cases and its limits.
#[derive(Debug)]
pub struct Server {
    pub app: App,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
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
        .route::<activities::__path_list, _, _>(activities::list)
        .route::<activities::__path_count, _, _>(activities::count)
        .route::<export::__path_export, _, _>(export::export)
        .route::<activities::__path_create, _, _>(activities::create)
        .route::<activities::__path_show, _, _>(activities::show)
        .route::<activities::__path_replace, _, _>(activities::replace)
        .route::<activities::__path_transition, _, _>(activities::transition)
        .route::<tokens::__path_issue, _, _>(tokens::issue)
        .route::<tokens::__path_list, _, _>(tokens::list)
        .route::<tokens::__path_revoke, _, _>(tokens::revoke)
        .route::<records::__path_list_partners, _, _>(records::list_partners)
        .route::<records::partners::__path_create, _, _>(records::partners::create)
        .route::<records::partners::__path_show, _, _>(records::partners::show)
        .route::<records::partners::__path_replace, _, _>(records::partners::replace)
        .route::<records::__path_list_people, _, _>(records::list_people)
        .route::<records::people::__path_create, _, _>(records::people::create)
        .route::<records::people::__path_show, _, _>(records::people::show)
        .route::<records::people::__path_replace, _, _>(records::people::replace)
        .route::<records::__path_list_assets, _, _>(records::list_assets)
        .route::<records::assets::__path_create, _, _>(records::assets::create)
        .route::<records::assets::__path_show, _, _>(records::assets::show)
        .route::<records::assets::__path_replace, _, _>(records::assets::replace)
        .route::<records::__path_list_objectives, _, _>(records::list_objectives)
        .route::<records::objectives::__path_create, _, _>(records::objectives::create)
        .route::<records::objectives::__path_show, _, _>(records::objectives::show)
        .route::<records::objectives::__path_replace, _, _>(records::objectives::replace)
        .route::<records::__path_list_agreements, _, _>(records::list_agreements)
        .route::<records::agreements::__path_create, _, _>(records::agreements::create)
        .route::<records::agreements::__path_show, _, _>(records::agreements::show)
        .route::<records::agreements::__path_replace, _, _>(records::agreements::replace)
        .route::<users::__path_list, _, _>(users::list)
        .route::<users::__path_add, _, _>(users::add)
        .route::<users::__path_show, _, _>(users::show)
        .route::<users::__path_disable, _, _>(users::disable)
        .route::<users::__path_enable, _, _>(users::enable)
        .route::<users::__path_reset_password, _, _>(users::reset_password)
        .route::<audit::__path_trail, _, _>(audit::trail)
        .route::<csbm::__path_list, _, _>(csbm::list)
        .route::<csbm::__path_create, _, _>(csbm::create)
        .route::<csbm::__path_check, _, _>(csbm::check)
        .route::<csbm::__path_notification, _, _>(csbm::notification)
        .route::<coordination::__path_show, _, _>(coordination::show)
        .route::<coordination::__path_answer, _, _>(coordination::answer)
        .route::<coordination::__path_put_clearance, _, _>(coordination::put_clearance)
        .route::<coordination::__path_put_recipient, _, _>(coordination::put_recipient)
        .route::<coordination::__path_complete_without_clearance, _, _>(
            coordination::complete_without_clearance,
        )
        .route::<coordination::__path_inbox, _, _>(coordination::inbox)
        .route::<coordination::__path_at_risk, _, _>(coordination::at_risk)
        .route::<coordination::__path_lead_times, _, _>(coordination::lead_times)
        .route::<coordination::__path_set_lead_times, _, _>(coordination::set_lead_times)
        .route::<coordination::__path_restrictions, _, _>(coordination::restrictions)
        .route::<coordination::__path_add_restrictions, _, _>(coordination::add_restrictions)
        .route::<coordination::__path_rules, _, _>(coordination::rules)
        .route::<coordination::__path_set_rules, _, _>(coordination::set_rules)
        .route::<analytics::__path_measure, _, _>(analytics::measure)
        .route::<analytics::__path_map, _, _>(analytics::map)
        .route::<datasets::__path_list, _, _>(datasets::list)
        .route::<datasets::__path_show, _, _>(datasets::show)
        .route::<datasets::__path_import, _, _>(datasets::import)
        .route::<ame::__path_readings, _, _>(ame::readings)
        .route::<ame::__path_add_reading, _, _>(ame::add_reading)
        .route::<ame::__path_rollup, _, _>(ame::rollup)
        .route::<csbm_air_base::__path_list, _, _>(csbm_air_base::list)
        .route::<csbm_air_base::__path_create, _, _>(csbm_air_base::create)
        .route::<csbm_documents::__path_calendar, _, _>(csbm_documents::calendar)
        .route::<coordination::__path_update_restriction, _, _>(coordination::update_restriction)
        .route::<coordination::__path_delete_restriction, _, _>(coordination::delete_restriction)
        .finish();
    let state = Arc::new(State {
        app: server.app,
        openapi: doc,
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
