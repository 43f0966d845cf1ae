//! The OpenAPI 3.1 document, built from the very registrations that build the router: each
//! feature's `routes()` (under `api/`) adds each endpoint once, with its handler and its
//! `#[utoipa::path]` description, through utoipa-axum's `routes!`, so the document served at
//! `/api/v1/openapi.json` cannot drift from what is served. This file adds what belongs to
//! the whole document: its title, the problem schema and the ways to sign in.

use axum::Router;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{InfoBuilder, OpenApi};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::Shared;
use crate::error::Problem;

/// The router, and the finished document.
pub fn finish(served: OpenApiRouter<Shared>) -> (Router<Shared>, OpenApi) {
    let (router, mut doc) = served.split_for_parts();
    doc.info = InfoBuilder::new()
        .title("Attaché")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Defence engagement: the register of activities with partner nations, its \
             records, accounts and audit trail. Sign in with POST /api/v1/session (a \
             cookie) or send an API token as `Authorization: Bearer …`.",
        ))
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    // The problem responses name their schema by reference; it is defined here once.
    let mut schemas = vec![(Problem::name().into(), Problem::schema())];
    Problem::schemas(&mut schemas);
    components.schemas.extend(schemas);
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::session::COOKIE))),
    );
    components.add_security_scheme(
        "token",
        SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
    );
    // Signed in either way; the operations open to anyone say so themselves.
    doc.security = Some(
        ["session", "token"]
            .map(|scheme| SecurityRequirement::new::<_, _, &str>(scheme, []))
            .into(),
    );
    (router, doc)
}
