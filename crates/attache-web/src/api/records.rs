//! The register's other records over the API: partners, people, assets, objectives and
//! agreements. Each kind has the same endpoints (list, read with an ETag, create, replace),
//! declared once by `record_endpoints!`; only the list filters differ, and are written per
//! kind.

use attache_domain::Stored;
use attache_domain::query::PartnerFilter;
use attache_domain::records::{Agreement, Asset, Objective, Partner, PartnerKind, Person};
use attache_domain::{FieldError, PartnerCode};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::Shared;
use crate::error::{ApiError, EditProblems, Problems};
use crate::http::{Params, if_match, json_body, path_id, precondition, with_etag};
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

/// A partner's code from a path or a query, refused with the reason when malformed.
fn partner_code(field: &'static str, raw: &str) -> Result<PartnerCode, ApiError> {
    PartnerCode::parse(field, raw).map_err(|e| ApiError::field(StatusCode::BAD_REQUEST, e))
}

/// An optional partner code from a query; empty is as good as absent.
fn optional_code(
    field: &'static str,
    raw: &Option<String>,
) -> Result<Option<PartnerCode>, ApiError> {
    raw.as_deref()
        .filter(|r| !r.is_empty())
        .map(|r| partner_code(field, r))
        .transpose()
}

/// Declares `show`, `create` and `replace` (If-Match required) for one kind of record, in
/// a module of its own: `key` turns the path's text into the record's key, `get` names the
/// use case that reads one (with `&` when it and `update` borrow the key), and `created`
/// gives the key of a record just added (from the record, or from what `add` returned).
macro_rules! record_endpoints {
    (
        $module:ident, $record:ty, $what:literal, tag = $tag:literal,
        collection = $collection:literal, item = $item:literal, param = $param:literal,
        key = $key:expr, get = $get:ident($($by:tt)?), add = $add:ident, update = $update:ident,
        created = $created:expr $(,)?
    ) => {
        pub mod $module {
            use super::*;

            #[utoipa::path(operation_id = concat!("show_", $tag), get, path = $item, tag = $tag,
                params(($param = String, Path, description = concat!("The ", $what, "'s ", $param))),
                responses((status = 200, description = concat!("The ", $what), body = Stored<$record>,
                    headers(("ETag" = String, description = "The version, for If-Match"))), Problems))]
            pub async fn show(
                State(app): State<Shared>,
                SignedIn(actor): SignedIn,
                Path(raw): Path<String>,
            ) -> Result<Response, ApiError> {
                let key = ($key)(raw.as_str())?;
                let stored = app.$get($($by)? key, &actor).await?;
                Ok(with_etag(StatusCode::OK, stored, ""))
            }

            #[utoipa::path(operation_id = concat!("create_", $tag), post, path = $collection, tag = $tag,
                request_body = $record,
                responses((status = 201, description = "Recorded", body = Stored<$record>,
                    headers(("ETag" = String), ("Location" = String))), EditProblems))]
            pub async fn create(
                State(app): State<Shared>,
                SignedIn(actor): SignedIn,
                body: Bytes,
            ) -> Result<Response, ApiError> {
                let record: $record = json_body(&body)?;
                let added = app.$add(&record, &actor).await?;
                let key = ($created)(&record, added);
                let location = format!("{}/{}", $collection, key);
                let stored = app.$get($($by)? key, &actor).await?;
                Ok(with_etag(StatusCode::CREATED, stored, &location))
            }

            #[utoipa::path(operation_id = concat!("replace_", $tag), put, path = $item, tag = $tag,
                params(($param = String, Path, description = concat!("The ", $what, "'s ", $param)),
                    ("If-Match" = String, Header, description = "The ETag read")),
                request_body = $record,
                responses((status = 200, description = "Changed", body = Stored<$record>,
                    headers(("ETag" = String))), EditProblems))]
            pub async fn replace(
                State(app): State<Shared>,
                SignedIn(actor): SignedIn,
                Path(raw): Path<String>,
                headers: HeaderMap,
                body: Bytes,
            ) -> Result<Response, ApiError> {
                let key = ($key)(raw.as_str())?;
                let version = if_match(&headers)?;
                let record: $record = json_body(&body)?;
                let stored = app
                    .$update($($by)? key, &record, version, &actor)
                    .await
                    .map_err(precondition)?;
                Ok(with_etag(StatusCode::OK, stored, ""))
            }
        }
    };
}

fn objective_code(raw: &str) -> Result<String, ApiError> {
    Ok(raw.to_owned())
}

fn id_of(what: &'static str) -> impl Fn(&str) -> Result<i64, ApiError> {
    move |raw| path_id(raw, what)
}

record_endpoints!(
    partners, Partner, "partner", tag = "partners",
    collection = "/api/v1/partners", item = "/api/v1/partners/{code}", param = "code",
    key = |raw| partner_code("code", raw), get = partner(&), add = add_partner, update = update_partner,
    created = |p: &Partner, ()| p.code.clone(),
);
record_endpoints!(
    people,
    Person,
    "person",
    tag = "people",
    collection = "/api/v1/people",
    item = "/api/v1/people/{id}",
    param = "id",
    key = id_of("a person"),
    get = person(),
    add = add_person,
    update = update_person,
    created = |_: &Person, id: i64| id,
);
record_endpoints!(
    assets,
    Asset,
    "asset",
    tag = "assets",
    collection = "/api/v1/assets",
    item = "/api/v1/assets/{id}",
    param = "id",
    key = id_of("an asset"),
    get = asset(),
    add = add_asset,
    update = update_asset,
    created = |_: &Asset, id: i64| id,
);
record_endpoints!(
    objectives, Objective, "objective", tag = "objectives",
    collection = "/api/v1/objectives", item = "/api/v1/objectives/{code}", param = "code",
    key = objective_code, get = objective(&), add = add_objective, update = update_objective,
    created = |o: &Objective, ()| o.code.clone(),
);
record_endpoints!(
    agreements,
    Agreement,
    "agreement",
    tag = "agreements",
    collection = "/api/v1/agreements",
    item = "/api/v1/agreements/{id}",
    param = "id",
    key = id_of("an agreement"),
    get = agreement(),
    add = add_agreement,
    update = update_agreement,
    created = |_: &Agreement, id: i64| id,
);

/// Filters of the partner list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PartnerParams {
    #[param(value_type = Option<PartnerKind>)]
    kind: Option<String>,
    /// A UN M49 region: Africa, Americas, Asia, Europe or Oceania.
    region: Option<String>,
    /// Part of the code or the name, any case.
    search: Option<String>,
}

/// Partners the account may see: states and organisations.
#[utoipa::path(operation_id = "list_partners", get, path = "/api/v1/partners", tag = "partners",
    params(PartnerParams),
    responses((status = 200, description = "The partners", body = [Stored<Partner>]), Problems))]
pub async fn list_partners(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<PartnerParams>,
) -> Result<Json<Vec<Stored<Partner>>>, ApiError> {
    let given = |v: Option<String>| v.filter(|v| !v.is_empty());
    let kind = given(params.kind)
        .map(|k| PartnerKind::parse("kind", &k))
        .transpose()
        .map_err(|e: FieldError| ApiError::field(StatusCode::BAD_REQUEST, e))?;
    let filter = PartnerFilter {
        kind,
        region: given(params.region),
        search: given(params.search),
    };
    Ok(Json(app.partners(&filter, &actor).await?))
}

/// The filter of the lists of national records.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NationParams {
    /// Only this nation's (alpha-3).
    #[param(example = "SGP")]
    nation: Option<String>,
}

/// The filter of objectives and agreements.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PartnerParam {
    /// Only those about this partner.
    #[param(example = "SGP")]
    partner: Option<String>,
}

/// People the account may see: ministers, chiefs of defence, attachés…
#[utoipa::path(operation_id = "list_people", get, path = "/api/v1/people", tag = "people",
    params(NationParams),
    responses((status = 200, description = "The people", body = [Stored<Person>]), Problems))]
pub async fn list_people(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<NationParams>,
) -> Result<Json<Vec<Stored<Person>>>, ApiError> {
    let nation = optional_code("nation", &params.nation)?;
    Ok(Json(app.people(nation.as_ref(), &actor).await?))
}

/// Assets the account may see: ships, aircraft, units.
#[utoipa::path(operation_id = "list_assets", get, path = "/api/v1/assets", tag = "assets",
    params(NationParams),
    responses((status = 200, description = "The assets", body = [Stored<Asset>]), Problems))]
pub async fn list_assets(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<NationParams>,
) -> Result<Json<Vec<Stored<Asset>>>, ApiError> {
    let nation = optional_code("nation", &params.nation)?;
    Ok(Json(app.assets(nation.as_ref(), &actor).await?))
}

/// Objectives the account may see, with their indicators.
#[utoipa::path(operation_id = "list_objectives", get, path = "/api/v1/objectives", tag = "objectives",
    params(PartnerParam),
    responses((status = 200, description = "The objectives", body = [Stored<Objective>]), Problems))]
pub async fn list_objectives(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<PartnerParam>,
) -> Result<Json<Vec<Stored<Objective>>>, ApiError> {
    let partner = optional_code("partner", &params.partner)?;
    Ok(Json(app.objectives(partner.as_ref(), &actor).await?))
}

/// Agreements the account may see, with their parties.
#[utoipa::path(operation_id = "list_agreements", get, path = "/api/v1/agreements", tag = "agreements",
    params(PartnerParam),
    responses((status = 200, description = "The agreements", body = [Stored<Agreement>]), Problems))]
pub async fn list_agreements(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<PartnerParam>,
) -> Result<Json<Vec<Stored<Agreement>>>, ApiError> {
    let partner = optional_code("partner", &params.partner)?;
    Ok(Json(app.agreements(partner.as_ref(), &actor).await?))
}

/// The records' endpoints: each kind's list, read, create and replace.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(list_partners))
        .routes(routes!(partners::create))
        .routes(routes!(partners::show))
        .routes(routes!(partners::replace))
        .routes(routes!(list_people))
        .routes(routes!(people::create))
        .routes(routes!(people::show))
        .routes(routes!(people::replace))
        .routes(routes!(list_assets))
        .routes(routes!(assets::create))
        .routes(routes!(assets::show))
        .routes(routes!(assets::replace))
        .routes(routes!(list_objectives))
        .routes(routes!(objectives::create))
        .routes(routes!(objectives::show))
        .routes(routes!(objectives::replace))
        .routes(routes!(list_agreements))
        .routes(routes!(agreements::create))
        .routes(routes!(agreements::show))
        .routes(routes!(agreements::replace))
}
