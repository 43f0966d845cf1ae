//! The pages' assets, compiled into the binary: nothing is fetched from anywhere else, so
//! the pages work on a network with no way out.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Each asset: its name, type and content.
const ASSETS: [(&str, &str, &str); 2] = [
    (
        "attache.css",
        "text/css; charset=utf-8",
        include_str!("../../assets/attache.css"),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_str!("../../assets/icon.svg"),
    ),
];

pub(crate) async fn serve(Path(file): Path<String>) -> Response {
    let Some((_, kind, body)) = ASSETS.iter().find(|(name, _, _)| *name == file) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let mut response = (*body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
