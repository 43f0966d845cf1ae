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
use axum::http::{HeaderMap, HeaderName, StatusCode};
use serde::Serialize;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use clock::Clock;
pub use error::ApiError;
use utoipa_axum::routes;

/// What a server is given: the use cases and its limits.
#[derive(Debug)]
pub struct Server {
    pub app: App,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Where "now" comes from: `Clock::system()` but in tests.
    pub clock: Clock,
    /// The reverse proxies whose `X-Forwarded-For` names the client (sign-in counts
    /// failures per client address); from any other peer the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
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
    let served = api::routes()
        .routes(routes!(health))
        .routes(routes!(openapi_json))
        .routes(routes!(session::sign_in))
        .routes(routes!(session::sign_out));
    let (api, doc) = openapi::finish(served);
    let api = api.layer(axum::middleware::from_fn(http::json_bodies_only));
    let state = Arc::new(State {
        app: server.app,
        openapi: doc,
        clock: server.clock,
        trusted_proxies: server.trusted_proxies,
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
        .layer(axum::middleware::map_response(http::security_headers))
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
    let path = logged_path(request.uri().path());
    tracing::info_span!("request", method = %request.method(), path = %path, id = %id)
}

/// A path as the request log may keep it: a calendar feed's address is its token, which
/// opens the feed to whoever reads the log, so it is left out.
fn logged_path(path: &str) -> &str {
    match path.starts_with(FEED_PATH) {
        true => FEED_PATH,
        false => path,
    }
}

/// Where calendar feeds are served, each at its token.
const FEED_PATH: &str = "/calendar/feed/";

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
    trusted_proxies: Vec<std::net::IpAddr>,
}

impl State {
    /// The client's address: the peer's, or, when the peer is a trusted proxy, the last
    /// address its `X-Forwarded-For` adds (the one it saw; earlier ones the client wrote).
    fn client_address(&self, peer: std::net::SocketAddr, headers: &HeaderMap) -> String {
        let forwarded = || {
            let header = headers.get_all("x-forwarded-for").iter().next_back()?;
            let last = header.to_str().ok()?.rsplit(',').next()?;
            last.trim().parse::<std::net::IpAddr>().ok()
        };
        match self.trusted_proxies.contains(&peer.ip()) {
            true => forwarded().unwrap_or(peer.ip()).to_string(),
            false => peer.ip().to_string(),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::logged_path;

    #[test]
    fn the_request_log_never_holds_a_feeds_token() {
        assert_eq!(
            logged_path("/calendar/feed/attache_5b2e0c.ics"),
            "/calendar/feed/"
        );
        assert_eq!(logged_path("/activities/12"), "/activities/12");
    }
}
