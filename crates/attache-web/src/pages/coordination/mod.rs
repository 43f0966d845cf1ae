//! Coordination on the pages (issue 5): the section of an activity's page that shows its
//! concurrences, what blocks approval, its clearances and recipients, with the answer
//! form for concurring officials; and the officials' inbox.

pub mod forms;
pub mod restrictions;

use attache_app::AppError;
use attache_app::coordination::{CoordinationPanel, CoordinationView, INBOX_LISTED, Waiting};
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::activity::parse_date;
use attache_domain::coordination::concurrence::{
    ConcurrenceRule, Condition, Ministry, Standing, Verdict,
};
use attache_domain::coordination::{LeadTimes, Restriction, RestrictionScope};
use attache_domain::{FieldError, FieldErrors, PartnerCode};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::{PageError, render};

/// One concurrence as a row of the page.
pub(crate) struct ConcurrenceRow {
    pub ministry: Ministry,
    pub state: String,
    pub due: String,
    pub because: String,
    pub overdue: bool,
}

/// The coordination section of an activity's page.
pub(crate) struct Section {
    pub view: CoordinationView,
    pub concurrences: Vec<ConcurrenceRow>,
    /// The required ministries this viewer answers for.
    pub answer_as: Vec<Ministry>,
    /// Whether the viewer records clearance requests and recipients (their forms).
    pub can_edit: bool,
    /// Whether the viewer decides recipients' vetting (the vetting fields of the form).
    pub can_vet: bool,
    pub forms: crate::pages::coordination::forms::Forms,
}

fn describe(standing: &Standing) -> String {
    match standing {
        Standing::Awaiting => "awaited".into(),
        Standing::Concurred { by } => format!("concurred ({by})"),
        Standing::Objected { by, reason } => format!("objected ({by}): {reason}"),
    }
}

impl Section {
    pub(crate) async fn of(
        app: &attache_app::App,
        id: i64,
        actor: &Actor,
        mut forms: crate::pages::coordination::forms::Forms,
    ) -> Result<Section, PageError> {
        let view = app.coordination(id, actor).await?;
        // A fresh clearance form asks for the first clearance the visit needs.
        if let (true, Some(first)) = (forms.clearance.partner.is_empty(), view.clearances.first()) {
            forms.clearance.partner = first.case.partner.to_string();
            forms.clearance.kind = first.case.kind.to_string();
        }
        let concurrences = view
            .concurrences
            .iter()
            .map(|c| ConcurrenceRow {
                ministry: c.requirement.ministry,
                state: describe(&c.standing)
                    + if c.asked_again {
                        ", asked again after a change"
                    } else {
                        ""
                    },
                due: c.requirement.due.to_string(),
                because: c.requirement.because.join("; "),
                overdue: c.overdue,
            })
            .collect::<Vec<_>>();
        let answer_as = concurrences
            .iter()
            .map(|c| c.ministry)
            .filter(|m| actor.can(m.permission()))
            .collect();
        Ok(Section {
            view,
            concurrences,
            answer_as,
            can_edit: actor.can(Permission::EditActivities),
            can_vet: actor.can(Permission::VetRecipients),
            forms,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    ministry: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
}

/// A concurring official's answer from the activity's page, then back to it.
pub(crate) async fn answer(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let parse = |e: FieldError| PageError::from(AppError::from(e));
    let ministry = Ministry::parse("ministry", &form.ministry).map_err(parse)?;
    let verdict = Verdict::parse("verdict", &form.verdict).map_err(parse)?;
    app.answer_concurrence(id, ministry, verdict, &form.reason, &viewer.actor)
        .await?;
    Ok(Redirect::to(&format!("/activities/{id}")).into_response())
}

#[derive(askama::Template)]
#[template(path = "coordination/inbox.html")]
struct InboxPage {
    chrome: Chrome,
    inboxes: Vec<(Ministry, Vec<Waiting>)>,
}

impl InboxPage {
    fn listed(&self) -> usize {
        INBOX_LISTED
    }
}

/// What waits for the ministries this official answers for.
pub(crate) async fn inbox(
    State(app): State<Shared>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let mut inboxes = Vec::new();
    for ministry in Ministry::ALL.iter().copied() {
        if actor.can(ministry.permission()) {
            inboxes.push((ministry, app.concurrence_inbox(ministry, actor).await?));
        }
    }
    if inboxes.is_empty() {
        // Asks the app, so that the refusal names the permission as everywhere else.
        app.concurrence_inbox(Ministry::Foreign, actor).await?;
    }
    let chrome = Chrome::of(&viewer, "concurrences", "Concurrences awaited");
    Ok(render(StatusCode::OK, &InboxPage { chrome, inboxes }))
}

/// The dashboard lists this many of the overdue concurrences and of the visits at risk,
/// the nearest, and says how many there are.
const PANEL_SHOWN: usize = 10;

/// The dashboard's coordination panel: concurrences past their due date and visits whose
/// clearance is at risk.
pub(crate) struct Panel(pub CoordinationPanel);

impl Panel {
    pub(crate) async fn of(app: &attache_app::App, actor: &Actor) -> Result<Panel, PageError> {
        Ok(Panel(app.coordination_panel(PANEL_SHOWN, actor).await?))
    }

    /// The classifications of what the panel lists, for the page's banner.
    pub(crate) fn shown(&self) -> Vec<attache_domain::Classification> {
        let overdue = self.0.overdue.iter().map(|w| w.classification);
        overdue
            .chain(self.0.at_risk.iter().map(|r| r.classification))
            .collect()
    }
}

#[derive(askama::Template)]
#[template(path = "coordination/admin.html")]
struct AdminPage {
    chrome: Chrome,
    defaults: LeadTimes,
    lead_times: Vec<(PartnerCode, LeadTimes)>,
    restrictions: Vec<(i64, Restriction)>,
    scopes: &'static [RestrictionScope],
    rules: Vec<ConcurrenceRule>,
}

impl AdminPage {
    fn ministries(&self) -> &'static [Ministry] {
        Ministry::ALL
    }
    fn conditions(&self) -> &'static [&'static str] {
        &Condition::KINDS
    }
}

/// Lead times, restrictions and the concurrence table, for administrators to maintain.
pub(crate) async fn admin(
    State(app): State<Shared>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    if !actor.can(Permission::ManageReference) {
        return Err(AppError::Forbidden(Permission::ManageReference.to_string()).into());
    }
    let page = AdminPage {
        chrome: Chrome::of(&viewer, "admin", "Lead times, restrictions and concurrence"),
        defaults: LeadTimes::default(),
        lead_times: app.lead_times(actor).await?,
        restrictions: app.restrictions(None, actor).await?,
        scopes: RestrictionScope::ALL,
        rules: app.concurrence_rules(actor).await?,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LeadTimesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    partner: String,
    #[serde(default)]
    warship_visit: String,
    #[serde(default)]
    aircraft_landing: String,
    #[serde(default)]
    overflight: String,
}

fn days(field: &'static str, raw: &str) -> Result<u32, PageError> {
    raw.trim().parse().map_err(|_| {
        AppError::from(FieldError::new(
            field,
            format!("'{raw}' is not a number of days"),
        ))
        .into()
    })
}

pub(crate) async fn set_lead_times(
    State(app): State<Shared>,
    viewer: Viewer,
    Form(form): Form<LeadTimesForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let partner = PartnerCode::parse("partner", &form.partner).map_err(AppError::from)?;
    let times = LeadTimes {
        warship_visit: days("warship_visit", &form.warship_visit)?,
        aircraft_landing: days("aircraft_landing", &form.aircraft_landing)?,
        overflight: days("overflight", &form.overflight)?,
    };
    app.set_lead_times(&partner, &times, &viewer.actor).await?;
    Ok(Redirect::to("/admin/coordination").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RestrictionForm {
    pub csrf: String,
    pub partner: String,
    pub source: String,
    pub scope: String,
    pub start: String,
    pub end: String,
}

impl RestrictionForm {
    /// The restriction the form describes, or every field it got wrong.
    pub(crate) fn restriction(&self) -> Result<Restriction, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = self.partner.trim().to_ascii_uppercase();
        let partner = errors.take(PartnerCode::parse("partner", &code));
        let scope = errors.take(RestrictionScope::parse("scope", &self.scope));
        let start = errors.take(parse_date("start", &self.start));
        let end = match self.end.trim() {
            "" => Some(None),
            raw => errors.take(parse_date("end", raw)).map(Some),
        };
        let (Some(partner), Some(scope), Some(start), Some(end)) = (partner, scope, start, end)
        else {
            return Err(errors);
        };
        Ok(Restriction {
            partner,
            source: self.source.trim().to_owned(),
            scope,
            start,
            end,
        })
    }

    /// The form filled from a stored restriction.
    pub(crate) fn filled(r: &Restriction) -> RestrictionForm {
        RestrictionForm {
            csrf: String::new(),
            partner: r.partner.to_string(),
            source: r.source.clone(),
            scope: r.scope.to_string(),
            start: r.start.to_string(),
            end: r.end.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

pub(crate) async fn add_restriction(
    State(app): State<Shared>,
    viewer: Viewer,
    Form(form): Form<RestrictionForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let restriction = form.restriction().map_err(AppError::from)?;
    app.add_restrictions(&[restriction], |_| "the restriction".into(), &viewer.actor)
        .await?;
    Ok(Redirect::to("/admin/coordination").into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct RuleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    ministry: String,
    #[serde(default)]
    when: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    due_days: String,
}

/// Adds a rule to the concurrence table.
pub(crate) async fn add_rule(
    State(app): State<Shared>,
    viewer: Viewer,
    Form(form): Form<RuleForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let mut errors = FieldErrors::default();
    let ministry = errors.take(Ministry::parse("ministry", &form.ministry));
    let condition = errors.take(Condition::from_parts(&form.when, &form.value));
    let due_days = days("due_days", &form.due_days);
    let (Some(ministry), Some(condition), Ok(due_days)) = (ministry, condition, due_days) else {
        return Err(AppError::from(errors).into());
    };
    let rule = ConcurrenceRule {
        ministry,
        condition,
        due_days,
    };
    app.add_concurrence_rule(rule, &viewer.actor).await?;
    Ok(Redirect::to("/admin/coordination#rules").into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct RemoveRuleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    number: usize,
}

/// Removes a rule from the concurrence table.
pub(crate) async fn remove_rule(
    State(app): State<Shared>,
    viewer: Viewer,
    Form(form): Form<RemoveRuleForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    app.remove_concurrence_rule(form.number, &viewer.actor)
        .await?;
    Ok(Redirect::to("/admin/coordination#rules").into_response())
}
