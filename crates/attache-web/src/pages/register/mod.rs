//! The activity pages: the list (filters, sort, free text, pages), one activity with its
//! history, the forms that create and edit one, and its lifecycle buttons.

pub mod calendar;

use attache_app::AppError;
use attache_app::AuditEntry;
use attache_domain::access::{Permission, permission_to_move};
use attache_domain::ame::OutcomeRating;
use attache_domain::query::Cursor;
use attache_domain::{Activity, ActivityInput, Category, Classification, Status};
use attache_domain::{StatusChange, Stored};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::Shared;
use crate::api::register::activities::{ListParams, encode_cursor, list_query, replacing};
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::forms::{ActivityForm, Errors};
use crate::pages::{PageError, render};

/// The filters as the list's form shows them back.
#[derive(Debug, Default)]
struct Shown {
    partner: String,
    category: String,
    status: String,
    from: String,
    to: String,
    q: String,
    sort: String,
}

impl Shown {
    fn of(params: &ListParams) -> Shown {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Shown {
            partner: text(&params.partner),
            category: text(&params.category),
            status: text(&params.status),
            from: text(&params.from),
            to: text(&params.to),
            q: text(&params.q),
            sort: text(&params.sort),
        }
    }

    /// The list's address with these filters, from the given cursor.
    fn href(&self, cursor: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("partner", &self.partner),
            ("category", &self.category),
            ("status", &self.status),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        query.append_pair("cursor", cursor);
        format!("/activities?{}", query.finish())
    }
}

const SORTS: [(&str, &str); 8] = [
    ("start", "Start, earliest first"),
    ("-start", "Start, latest first"),
    ("title", "Title, A to Z"),
    ("-title", "Title, Z to A"),
    ("category", "Category"),
    ("-category", "Category, reversed"),
    ("status", "Status"),
    ("-status", "Status, reversed"),
];

#[derive(askama::Template)]
#[template(path = "activities/list.html")]
struct ListPage {
    chrome: Chrome,
    shown: Shown,
    errors: Errors,
    rows: Vec<Stored<Activity>>,
    count: u64,
    next: Option<String>,
    paged: bool,
}

impl ListPage {
    fn sorts(&self) -> &'static [(&'static str, &'static str)] {
        &SORTS
    }
    fn sorted_by(&self, sort: &str) -> bool {
        self.shown.sort == sort || (self.shown.sort.is_empty() && sort == "start")
    }
}

/// The list: its filters as a form (GET, so that a list can be bookmarked), a page of
/// rows, how many match, and the link to the next page.
pub(crate) async fn list(
    State(app): State<Shared>,
    viewer: Viewer,
    Query(params): Query<ListParams>,
) -> Result<Response, PageError> {
    let shown = Shown::of(&params);
    let mut page = ListPage {
        chrome: Chrome::of(&viewer, "activities", "Activities"),
        errors: Errors::default(),
        rows: Vec::new(),
        count: 0,
        next: None,
        paged: params.cursor.as_deref().is_some_and(|c| !c.is_empty()),
        shown,
    };
    let found = match list_query(&params) {
        Err(errors) => Err(AppError::Invalid(errors)),
        Ok((filter, sort, paging)) => {
            match app.activities(&filter, sort, &paging, &viewer.actor).await {
                Ok(rows) => {
                    let full = paging.limit.is_some_and(|l| rows.len() == l as usize);
                    page.next = rows.last().filter(|_| full).map(|last| {
                        page.shown
                            .href(&encode_cursor(&Cursor::after(last, sort), sort))
                    });
                    page.count = app.count_activities(&filter, &viewer.actor).await?;
                    page.rows = rows;
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    };
    let status = match found {
        Ok(()) => StatusCode::OK,
        Err(AppError::Invalid(errors)) => {
            page.errors = Errors(errors);
            StatusCode::BAD_REQUEST
        }
        Err(e) => return Err(e.into()),
    };
    let shown = page.rows.iter().map(|a| a.record.label.classification);
    page.chrome = page.chrome.showing(shown.collect::<Vec<_>>());
    Ok(render(status, &page))
}

#[derive(askama::Template)]
#[template(path = "activities/show.html")]
struct ShowPage {
    chrome: Chrome,
    a: Stored<Activity>,
    changes: Vec<StatusChange>,
    /// The activity's audit history, for those who may read the trail.
    audit: Option<Vec<AuditEntry>>,
    /// The lifecycle moves this user may make now.
    moves: Vec<Status>,
    coordination: crate::pages::coordination::Section,
    /// Its outcome rating, once assessed, and the scale the move to assessed offers.
    rating: Option<OutcomeRating>,
    scale: &'static [OutcomeRating],
}

/// One activity: its fields, participants, objectives, assets, cost, label, status
/// history and (for those who may read it) its audit history; the moves the user may make.
pub(crate) async fn show(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let forms = crate::pages::coordination::forms::Forms::default();
    page(&app, &viewer, id, StatusCode::OK, forms).await
}

/// An activity's page with its coordination forms as given (sent back with their
/// reasons, or fresh).
pub(crate) async fn page(
    app: &Shared,
    viewer: &Viewer,
    id: i64,
    status: StatusCode,
    forms: crate::pages::coordination::forms::Forms,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let a = app.activity(id, actor).await?;
    let changes = app.status_changes(id, actor).await?;
    let audit = match actor.can(Permission::ReadAudit) {
        true => Some(
            app.audit_trail(Some(("activity", &id.to_string())), 200, actor)
                .await?,
        ),
        false => None,
    };
    let moves = a
        .record
        .status
        .next()
        .iter()
        .copied()
        .filter(|to| actor.can(permission_to_move(*to)))
        .collect();
    let audited = audit
        .iter()
        .flatten()
        .filter_map(|e| Classification::parse("classification", &e.classification).ok());
    let chrome = Chrome::of(viewer, "activities", a.record.title.clone()).showing(
        audited
            .chain([a.record.label.classification])
            .collect::<Vec<_>>(),
    );
    let coordination = crate::pages::coordination::Section::of(app, id, actor, forms).await?;
    let rating = app.outcome_rating(id, actor).await?;
    let page = ShowPage {
        chrome,
        a,
        changes,
        audit,
        moves,
        coordination,
        rating,
        scale: OutcomeRating::ALL,
    };
    Ok(render(status, &page))
}

#[derive(askama::Template)]
#[template(path = "activities/form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    cancel: String,
    form: ActivityForm,
    errors: Errors,
    /// Why the form came back, beyond its fields (someone else's change).
    notice: String,
}

/// The empty form of a new activity.
pub(crate) async fn new_form(viewer: Viewer) -> Response {
    let form = ActivityForm {
        classification: Classification::Official.to_string(),
        ..ActivityForm::default()
    };
    render(StatusCode::OK, &new_page(&viewer, form, Errors::default()))
}

/// Records a new activity (proposed); on a broken rule the form comes back with each
/// reason next to its field.
pub(crate) async fn create(
    State(app): State<Shared>,
    viewer: Viewer,
    Form(form): Form<ActivityForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let input = ActivityInput {
        status: Status::Proposed.to_string(),
        ..form.input()
    };
    match app.add_activity(input, &viewer.actor).await {
        Ok(stored) => Ok(to_activity(stored.meta.id)),
        Err(AppError::Invalid(errors)) => Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &new_page(&viewer, form, Errors(errors)),
        )),
        Err(e) => Err(e.into()),
    }
}

fn to_activity(id: i64) -> Response {
    Redirect::to(&format!("/activities/{id}")).into_response()
}

fn new_page(viewer: &Viewer, form: ActivityForm, errors: Errors) -> FormPage {
    FormPage {
        chrome: Chrome::of(viewer, "activities", "New activity"),
        heading: "New activity".into(),
        action: "/activities".into(),
        cancel: "/activities".into(),
        form,
        errors,
        notice: String::new(),
    }
}

fn edit_page(viewer: &Viewer, id: i64, form: ActivityForm, errors: Errors) -> FormPage {
    FormPage {
        chrome: Chrome::of(viewer, "activities", format!("Edit activity {id}")),
        heading: format!("Edit activity {id}"),
        action: format!("/activities/{id}/edit"),
        cancel: format!("/activities/{id}"),
        form,
        errors,
        notice: String::new(),
    }
}

/// The form of a stored activity, at the version read.
pub(crate) async fn edit_form(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let stored = app.activity(id, &viewer.actor).await?;
    let form = ActivityForm::filled(&ActivityInput::from(&stored.record), stored.meta.version);
    let mut page = edit_page(&viewer, id, form, Errors::default());
    page.chrome = page.chrome.showing([stored.record.label.classification]);
    Ok(render(StatusCode::OK, &page))
}

/// Saves an edit made on the version the form was read at; someone else's change in
/// between sends the form back with a notice, and a broken rule with its reasons.
pub(crate) async fn update(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ActivityForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let version = form.version.parse().ok();
    let saved = app
        .edit_activity(id, replacing(form.input()), version, &viewer.actor)
        .await;
    let (status, errors, notice) = match saved {
        Ok(stored) => return Ok(to_activity(stored.meta.id)),
        Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, ""),
        Err(AppError::Conflict(_)) => (
            StatusCode::CONFLICT,
            Default::default(),
            "Someone else changed this activity since you opened the form. Open it again to see their change, then make yours.",
        ),
        Err(e) => return Err(e.into()),
    };
    let classification = Classification::parse("classification", &form.classification).ok();
    let mut page = edit_page(&viewer, id, form, Errors(errors));
    page.notice = notice.into();
    page.chrome = page.chrome.showing(classification);
    Ok(render(status, &page))
}

#[derive(Debug, Deserialize)]
pub(crate) struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    /// The outcome rating, with a move to assessed.
    #[serde(default)]
    rating: String,
}

/// One lifecycle move, then back to the activity.
pub(crate) async fn transition(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let to = Status::parse("to", &form.to).map_err(AppError::from)?;
    let rating = Some(form.rating.trim())
        .filter(|r| !r.is_empty())
        .map(|r| OutcomeRating::parse("rating", r))
        .transpose()
        .map_err(AppError::from)?;
    app.transition_rated(id, to, rating, &viewer.actor).await?;
    Ok(to_activity(id))
}
