//! `/api/v1/activities`: list (filters, sort, opaque cursor), read (with an ETag), create,
//! replace (If-Match required) and lifecycle transitions.

use attache_domain::Stored;
use attache_domain::activity::parse_date;
use attache_domain::interchange::COLUMNS;
use attache_domain::query::{ActivityFilter, Cursor, Page, Sort, SortField, SortKey};
use attache_domain::{
    Activity, ActivityInput, Category, FieldError, FieldErrors, PartnerCode, Status,
};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Shared;
use crate::error::{ApiError, EditProblems, Problems};
use crate::http::{Params, if_match, json_body, path_id, precondition, with_etag};
use crate::session::SignedIn;

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

/// A page of activities.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityPage {
    items: Vec<Stored<Activity>>,
    /// Give it back as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_cursor: Option<String>,
}

/// Declares the parameters of an endpoint that filters activities (the list, the export,
/// the count): the filters, then the endpoint's own. Values are text, checked by
/// `filter`, so that each mistake is named with its field; an empty one is as good as
/// absent.
macro_rules! filtered_params {
    ($(#[$meta:meta])* pub struct $name:ident { $($own:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Deserialize, IntoParams)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// Activities this partner (a state's alpha-3 code or an organisation's) takes
            /// part in.
            #[param(value_type = Option<String>, example = "SGP")]
            pub(crate) partner: Option<String>,
            #[param(value_type = Option<Category>)]
            pub(crate) category: Option<String>,
            #[param(value_type = Option<Status>)]
            pub(crate) status: Option<String>,
            /// Activities that end on or after this day (YYYY-MM-DD).
            #[param(value_type = Option<chrono::NaiveDate>)]
            pub(crate) from: Option<String>,
            /// Activities that start on or before this day (YYYY-MM-DD).
            #[param(value_type = Option<chrono::NaiveDate>)]
            pub(crate) to: Option<String>,
            /// Words that must each appear in the title, description, location or outcome.
            #[param(example = "staff talks")]
            pub(crate) q: Option<String>,
            $($own)*
        }

        impl $name {
            /// The filter these parameters describe; each bad one is added to `errors`.
            pub fn filter(&self, errors: &mut FieldErrors) -> ActivityFilter {
                ActivityFilter {
                    partner: given(&self.partner)
                        .and_then(|p| errors.take(PartnerCode::parse("partner", &p))),
                    category: given(&self.category)
                        .and_then(|c| errors.take(Category::parse("category", &c))),
                    status: given(&self.status)
                        .and_then(|s| errors.take(Status::parse("status", &s))),
                    from: given(&self.from).and_then(|d| errors.take(parse_date("from", &d))),
                    to: given(&self.to).and_then(|d| errors.take(parse_date("to", &d))),
                    text: given(&self.q),
                    engagement_only: false,
                    unanswered_by: None,
                }
            }
        }
    };
}

filtered_params! {
    /// The list's parameters: the filters, the sort and the page.
    pub struct ListParams {
        /// `start`, `title`, `category` or `status`; a leading `-` sorts descending.
        #[param(pattern = "^-?(start|title|category|status)$")]
        pub(crate) sort: Option<String>,
        /// How many at most (1 to 500; 50 when absent).
        #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
        limit: Option<String>,
        /// The `next_cursor` of the page before.
        pub(crate) cursor: Option<String>,
    }
}

filtered_params! {
    /// The count's parameters: the filters.
    pub struct CountParams {}
}

filtered_params! {
    /// The export's parameters: the filters and the format.
    pub struct ExportParams {
        /// `csv` or `json` (the interchange format, which imports back) or `ics`
        /// (iCalendar, for calendar programs).
        #[param(value_type = Option<String>, pattern = "^(csv|json|ics)$")]
        pub format: Option<String>,
    }
}

pub fn given(v: &Option<String>) -> Option<String> {
    v.clone().filter(|v| !v.is_empty())
}

/// The list's query, every parameter checked.
pub(crate) fn list_query(params: &ListParams) -> Result<(ActivityFilter, Sort, Page), FieldErrors> {
    let mut errors = FieldErrors::default();
    let filter = params.filter(&mut errors);
    let sort = errors
        .take(parse_sort(
            given(&params.sort).as_deref().unwrap_or("start"),
        ))
        .unwrap_or_default();
    let limit = match given(&params.limit).map(|l| l.parse::<u32>()) {
        None => DEFAULT_LIMIT,
        Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            errors.push("limit", format!("a whole number from 1 to {MAX_LIMIT}"));
            DEFAULT_LIMIT
        }
    };
    let after = given(&params.cursor).and_then(|c| errors.take(decode_cursor(&c, sort)));
    match errors.is_empty() {
        true => Ok((
            filter,
            sort,
            Page {
                after,
                limit: Some(limit),
            },
        )),
        false => Err(errors),
    }
}

fn parse_sort(raw: &str) -> Result<Sort, FieldError> {
    let (descending, name) = raw.strip_prefix('-').map_or((false, raw), |n| (true, n));
    let field = match name {
        "start" => SortField::Start,
        "title" => SortField::Title,
        "category" => SortField::Category,
        "status" => SortField::Status,
        _ => {
            return Err(FieldError::new(
                "sort",
                format!(
                    "'{raw}' is not start, title, category or status (a leading '-' sorts descending)"
                ),
            ));
        }
    };
    Ok(Sort { field, descending })
}

/// A cursor is the last row's sort key and id, hex-encoded: opaque to clients, and tied to
/// the sort it was made for.
pub(crate) fn encode_cursor(cursor: &Cursor, sort: Sort) -> String {
    let key = match &cursor.key {
        SortKey::Date(d) => format!("d{d}"),
        SortKey::Text(t) => format!("t{t}"),
    };
    let text = format!("{:?}|{}|{}|{key}", sort.field, sort.descending, cursor.id);
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_cursor(raw: &str, sort: Sort) -> Result<Cursor, FieldError> {
    let bad = || FieldError::new("cursor", "not a cursor this list gave, for this sort");
    let bytes = (0..raw.len())
        .step_by(2)
        .map(|i| {
            raw.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = text.splitn(4, '|');
    let (field, descending, id, key) = (parts.next(), parts.next(), parts.next(), parts.next());
    if field != Some(&format!("{:?}", sort.field))
        || descending != Some(&sort.descending.to_string())
    {
        return Err(bad());
    }
    let id = id.and_then(|i| i.parse().ok()).ok_or_else(bad)?;
    let key = match key.map(|k| k.split_at_checked(1)) {
        Some(Some(("d", d))) => SortKey::Date(parse_date("cursor", d).map_err(|_| bad())?),
        Some(Some(("t", t))) => SortKey::Text(t.to_owned()),
        _ => return Err(bad()),
    };
    Ok(Cursor { key, id })
}

/// Activities the account may see, filtered, sorted and a page at a time.
#[utoipa::path(operation_id = "list_activities", get, path = "/api/v1/activities", tag = "activities", params(ListParams),
    responses((status = 200, description = "A page of activities", body = ActivityPage), Problems))]
pub async fn list(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<ListParams>,
) -> Result<Response, ApiError> {
    let (filter, sort, page) =
        list_query(&params).map_err(|e| ApiError::fields(StatusCode::BAD_REQUEST, e))?;
    let limit = page.limit;
    let render = |items: Vec<Stored<Activity>>| {
        let full = limit.is_some_and(|l| items.len() == l as usize);
        let next_cursor = items
            .last()
            .filter(|_| full)
            .map(|last| encode_cursor(&Cursor::after(last, sort), sort));
        // Serialising plain data into memory cannot fail.
        serde_json::to_vec(&ActivityPage { items, next_cursor }).unwrap_or_default()
    };
    let body = app
        .activities_rendered(&filter, sort, &page, &actor, render)
        .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        Bytes::from_owner(body),
    )
        .into_response())
}

/// How many activities match.
#[derive(Debug, Serialize, ToSchema)]
pub struct Count {
    count: u64,
}

/// How many activities the account may see match the filters.
#[utoipa::path(operation_id = "count_activities", get, path = "/api/v1/activities/count", tag = "activities",
    params(CountParams),
    responses((status = 200, description = "The count", body = Count), Problems))]
pub async fn count(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<CountParams>,
) -> Result<axum::Json<Count>, ApiError> {
    let mut errors = FieldErrors::default();
    let filter = params.filter(&mut errors);
    if !errors.is_empty() {
        return Err(ApiError::fields(StatusCode::BAD_REQUEST, errors));
    }
    let count = app.count_activities(&filter, &actor).await?;
    Ok(axum::Json(Count { count }))
}

/// One activity, with its version as the ETag.
#[utoipa::path(operation_id = "show_activity", get, path = "/api/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    responses((status = 200, description = "The activity", body = Stored<Activity>,
        headers(("ETag" = String, description = "The version, for If-Match"))), Problems))]
pub async fn show(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let stored = app.activity(path_id(&id, "an activity")?, &actor).await?;
    Ok(with_etag(StatusCode::OK, stored, ""))
}

/// An activity from a JSON body: the interchange format's keys, and no others (a file may
/// carry extra columns; a request naming an unknown field is a mistake to report).
fn activity_body(body: &Bytes) -> Result<ActivityInput, ApiError> {
    let value: serde_json::Value = json_body(body)?;
    if let Some(object) = value.as_object() {
        let mut unknown = FieldErrors::default();
        for key in object.keys().filter(|k| !COLUMNS.contains(&k.as_str())) {
            unknown.push("body", format!("unknown field '{key}'"));
        }
        if !unknown.is_empty() {
            return Err(ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, unknown));
        }
    }
    ActivityInput::from_json(value)
        .map_err(|e| ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, e))
}

/// Records a new activity, which starts as proposed (another status is refused).
#[utoipa::path(operation_id = "create_activity", post, path = "/api/v1/activities", tag = "activities",
    request_body(content = ActivityInput, description = "The activity in the interchange format's fields"),
    responses((status = 201, description = "Recorded", body = Stored<Activity>,
        headers(("ETag" = String), ("Location" = String))), EditProblems))]
pub async fn create(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<Response, ApiError> {
    let mut input = activity_body(&body)?;
    if input.status.is_empty() {
        input.status = Status::Proposed.to_string();
    }
    let stored = app.add_activity(input, &actor).await?;
    let location = format!("/api/v1/activities/{}", stored.meta.id);
    Ok(with_etag(StatusCode::CREATED, stored, &location))
}

/// Replaces an activity's content; `If-Match` must carry the ETag that was read.
#[utoipa::path(operation_id = "replace_activity", put, path = "/api/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id"),
        ("If-Match" = String, Header, description = "The ETag read")),
    request_body(content = ActivityInput, description = "The whole activity; status, source and external id stay when absent"),
    responses((status = 200, description = "Changed", body = Stored<Activity>,
        headers(("ETag" = String))), EditProblems))]
pub async fn replace(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "an activity")?;
    let version = if_match(&headers)?;
    let edit = replacing(activity_body(&body)?);
    let stored = app
        .edit_activity(id, edit, Some(version), &actor)
        .await
        .map_err(precondition)?;
    Ok(with_etag(StatusCode::OK, stored, ""))
}

/// The edit that replaces an activity's content with `new`: status, source and external
/// id, when absent, stay as they are (the status changes by a transition).
pub(crate) fn replacing(new: ActivityInput) -> attache_app::ActivityEdit {
    Box::new(move |current: &mut ActivityInput| {
        let kept = (
            current.status.clone(),
            current.source.clone(),
            current.external_id.clone(),
        );
        *current = new;
        for (field, value) in [
            (&mut current.status, kept.0),
            (&mut current.source, kept.1),
            (&mut current.external_id, kept.2),
        ] {
            if field.is_empty() {
                *field = value;
            }
        }
    })
}

/// A lifecycle step.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    #[schema(value_type = Status)]
    to: String,
    /// The outcome rating, required with (and only with) a move to assessed.
    #[serde(default)]
    #[schema(value_type = Option<attache_domain::ame::OutcomeRating>)]
    rating: Option<String>,
}

/// Moves an activity along its lifecycle, where the transition table allows; a move to
/// `assessed` records the outcome rating it must carry (not_met, partly_met, met, exceeded).
#[utoipa::path(operation_id = "transition_activity", post, path = "/api/v1/activities/{id}/transition", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    request_body(content = Transition),
    responses((status = 200, description = "Moved", body = Stored<Activity>,
        headers(("ETag" = String))), EditProblems))]
pub async fn transition(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "an activity")?;
    let Transition { to, rating } = json_body(&body)?;
    let to = Status::parse("to", &to)
        .map_err(|e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    let rating = rating
        .map(|r| attache_domain::ame::OutcomeRating::parse("rating", &r))
        .transpose()
        .map_err(|e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    let stored = app
        .transition_rated(id, to, rating, &actor)
        .await
        .map_err(precondition)?;
    Ok(with_etag(StatusCode::OK, stored, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_forgeries() {
        let sort = Sort {
            field: SortField::Title,
            descending: true,
        };
        let cursor = Cursor {
            key: SortKey::Text("Staff talks | 2027".into()),
            id: 42,
        };
        let encoded = encode_cursor(&cursor, sort);
        assert_eq!(decode_cursor(&encoded, sort).unwrap(), cursor);
        assert!(
            decode_cursor(&encoded, Sort::default()).is_err(),
            "another sort"
        );
        for forged in ["", "zz", "abc", "7c7c7c"] {
            assert!(decode_cursor(forged, sort).is_err(), "{forged}");
        }
    }
}
