//! The JSON API under `/api/v1`: a module per feature, named as in every other crate, each
//! holding its endpoints with their `#[utoipa::path]` descriptions and its `routes()`, which
//! serve each endpoint and describe it in the OpenAPI document from the one registration.

pub mod accounts;
pub mod ame;
pub mod analytics;
pub mod audit;
pub mod coordination;
pub mod csbm;
pub mod datasets;
pub mod records;
pub mod register;

use utoipa_axum::router::OpenApiRouter;

/// Every feature's endpoints.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .merge(register::routes())
        .merge(records::routes())
        .merge(accounts::routes())
        .merge(audit::routes())
        .merge(coordination::routes())
        .merge(csbm::routes())
        .merge(analytics::routes())
        .merge(datasets::routes())
        .merge(ame::routes())
}
