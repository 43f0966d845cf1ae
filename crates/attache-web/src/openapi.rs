//! The OpenAPI 3.1 document, built from the very registrations that build the router: each
//! endpoint is added once, with its handler and its `#[utoipa::path]` description, so the
//! document served at `/api/v1/openapi.json` cannot drift from what is served.
//!
//! `utoipa-axum` does the same for plain handlers, but its `routes!` macro cannot name a
//! generic handler (`list::`), and every handler here is generic over the store.

use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApi, OpenApiBuilder, RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use crate::Shared;
use crate::error::Problem;

/// The API's routes and their description, grown together.
pub struct Api {
    router: Router<Shared>,
    doc: OpenApi,
    schemas: Vec<(String, RefOr<Schema>)>,
}

impl Api {
    pub fn new() -> Self {
        let info = InfoBuilder::new()
            .title("Attaché")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(
                "Defence engagement: the register of activities with partner nations, its \
                 records, accounts and audit trail. Sign in with POST /api/v1/session (a \
                 cookie) or send an API token as `Authorization: Bearer …`.",
            ))
            .build();
        Self {
            router: Router::new(),
            doc: OpenApiBuilder::new().info(info).build(),
            schemas: Vec::new(),
        }
    }

    /// Serves `handler` where its description `P` (the `__path_…` type that
    /// `#[utoipa::path]` generates) says, and adds that description to the document.
    pub fn route<P, H, T>(mut self, handler: H) -> Self
    where
        P: utoipa::Path + utoipa::__dev::SchemaReferences,
        H: Handler<T, Shared>,
        T: 'static,
    {
        let methods = P::methods();
        let router = methods.iter().fold(MethodRouter::new(), |router, method| {
            router.on(method_filter(method), handler.clone())
        });
        self.router = self.router.route(&P::path(), router);
        self.doc
            .paths
            .add_path_operation(P::path(), methods, P::operation());
        P::schemas(&mut self.schemas);
        self
    }

    /// The router, and the finished document.
    pub fn finish(mut self) -> (Router<Shared>, OpenApi) {
        // The problem responses name their schema by reference; it is defined here once.
        self.schemas
            .push((Problem::name().into(), Problem::schema()));
        Problem::schemas(&mut self.schemas);
        let mut components = ComponentsBuilder::new()
            .schemas_from_iter(std::mem::take(&mut self.schemas))
            .build();
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::session::COOKIE))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        self.doc.components = Some(components);
        // Signed in either way; the operations open to anyone say so themselves.
        self.doc.security = Some(
            ["session", "token"]
                .map(|scheme| SecurityRequirement::new::<_, _, &str>(scheme, []))
                .into(),
        );
        (self.router, self.doc)
    }
}

fn method_filter(method: &HttpMethod) -> MethodFilter {
    match method {
        HttpMethod::Get => MethodFilter::GET,
        HttpMethod::Post => MethodFilter::POST,
        HttpMethod::Put => MethodFilter::PUT,
        HttpMethod::Delete => MethodFilter::DELETE,
        HttpMethod::Patch => MethodFilter::PATCH,
        HttpMethod::Head => MethodFilter::HEAD,
        HttpMethod::Options => MethodFilter::OPTIONS,
        HttpMethod::Trace => MethodFilter::TRACE,
    }
}
