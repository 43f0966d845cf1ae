//! The register's endpoints: activities (list, count, create, show, replace, move) and
//! their export.

pub mod activities;
pub mod export;

use utoipa_axum::{router::OpenApiRouter, routes};

/// The register's endpoints: activities, and the export.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(activities::list))
        .routes(routes!(activities::create))
        .routes(routes!(activities::count))
        .routes(routes!(activities::show))
        .routes(routes!(activities::replace))
        .routes(routes!(activities::transition))
        .routes(routes!(export::export))
}
