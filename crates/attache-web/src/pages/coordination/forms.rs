//! The forms of an activity's coordination section (issue 5): a visit's clearance
//! request and a recipient's vetting. Each is sent to the same use case as the API; a
//! broken rule sends the activity's page back with the reasons next to the fields.

use attache_app::AppError;
use attache_domain::activity::parse_date;
use attache_domain::coordination::vetting::RecipientKind;
use attache_domain::coordination::{
    ClearanceKind, ClearanceRequest, ClearanceStatus, Recipient, VettingStatus,
};
use attache_domain::{FieldErrors, PartnerCode};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::Shared;
use crate::pages::PageError;
use crate::pages::auth::Viewer;
use crate::pages::forms::Errors;

/// A clearance request as its form sends it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ClearanceForm {
    pub csrf: String,
    /// The state whose clearance it is: the host, or a state overflown on the way.
    pub partner: String,
    pub kind: String,
    pub status: String,
    pub requested_on: String,
    pub reference: String,
    pub granted_on: String,
}

/// A recipient as its form sends it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RecipientForm {
    pub csrf: String,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub vetted_on: String,
    pub expires: String,
}

/// The two forms of the section, as sent back (values and reasons) or fresh.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    pub clearance: ClearanceForm,
    pub clearance_errors: Errors,
    pub recipient: RecipientForm,
    pub recipient_errors: Errors,
}

impl Forms {
    pub fn clearance_kinds(&self) -> &'static [ClearanceKind] {
        ClearanceKind::ALL
    }
    pub fn clearance_statuses(&self) -> &'static [ClearanceStatus] {
        ClearanceStatus::ALL
    }
    pub fn recipient_kinds(&self) -> &'static [RecipientKind] {
        RecipientKind::ALL
    }
    pub fn vetting_statuses(&self) -> &'static [VettingStatus] {
        VettingStatus::ALL
    }
}

/// An optional date: empty is none.
fn optional_date(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
) -> Option<Option<NaiveDate>> {
    match raw.trim() {
        "" => Some(None),
        text => errors.take(parse_date(field, text)).map(Some),
    }
}

impl ClearanceForm {
    /// The request the form describes, or every field it got wrong.
    fn request(&self) -> Result<ClearanceRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = self.partner.trim().to_ascii_uppercase();
        let partner = errors.take(PartnerCode::parse("partner", &code));
        let kind = errors.take(ClearanceKind::parse("kind", &self.kind));
        let status = errors.take(ClearanceStatus::parse("status", &self.status));
        let requested_on = optional_date(&mut errors, "requested_on", &self.requested_on);
        let granted_on = optional_date(&mut errors, "granted_on", &self.granted_on);
        match (partner, kind, status, requested_on, granted_on) {
            (Some(partner), Some(kind), Some(status), Some(requested_on), Some(granted_on)) => {
                Ok(ClearanceRequest {
                    partner,
                    kind,
                    status,
                    requested_on,
                    reference: self.reference.trim().to_owned(),
                    granted_on,
                })
            }
            _ => Err(errors),
        }
    }
}

impl RecipientForm {
    /// The recipient the form describes, or every field it got wrong.
    fn recipient(&self) -> Result<Recipient, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.take(RecipientKind::parse("kind", &self.kind));
        let status = errors.take(VettingStatus::parse("status", &self.status));
        let vetted_on = optional_date(&mut errors, "vetted_on", &self.vetted_on);
        let expires = optional_date(&mut errors, "expires", &self.expires);
        match (kind, status, vetted_on, expires) {
            (Some(kind), Some(status), Some(vetted_on), Some(expires)) => Ok(Recipient {
                name: self.name.clone(),
                kind,
                status,
                vetted_on,
                expires,
            }),
            _ => Err(errors),
        }
    }
}

/// Back to the activity's coordination section once saved; on a broken rule, the page
/// again with the form as sent and its reasons.
async fn answered(
    app: &Shared,
    viewer: &Viewer,
    id: i64,
    saved: Result<(), AppError>,
    sent_back: impl FnOnce(Errors) -> Forms,
) -> Result<Response, PageError> {
    match saved {
        Ok(()) => Ok(Redirect::to(&format!("/activities/{id}#coordination")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let forms = sent_back(Errors(errors));
            crate::pages::register::page(app, viewer, id, StatusCode::UNPROCESSABLE_ENTITY, forms)
                .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Records a visit's clearance request (or its new state) from the activity's page.
pub(crate) async fn put_clearance(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ClearanceForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let saved = match form.request() {
        Ok(request) => app
            .put_clearance_request(id, &request, &viewer.actor)
            .await
            .map(drop),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    answered(&app, &viewer, id, saved, |errors| Forms {
        clearance: form,
        clearance_errors: errors,
        ..Forms::default()
    })
    .await
}

/// Records a recipient and its vetting from the activity's page.
pub(crate) async fn put_recipient(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<RecipientForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let saved = match form.recipient() {
        Ok(recipient) => app
            .put_recipient(id, &recipient, &viewer.actor)
            .await
            .map(drop),
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    answered(&app, &viewer, id, saved, |errors| Forms {
        recipient: form,
        recipient_errors: errors,
        ..Forms::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_reports_every_field_it_got_wrong() {
        let form = ClearanceForm {
            partner: "sgp".into(),
            kind: "submarine".into(),
            status: "requested".into(),
            requested_on: "14/03/2027".into(),
            granted_on: "2027-13-01".into(),
            ..ClearanceForm::default()
        };
        let fields: Vec<&str> = form
            .request()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["kind", "requested_on", "granted_on"]);
        let fixed = ClearanceForm {
            kind: "warship_visit".into(),
            requested_on: "2027-03-01".into(),
            granted_on: String::new(),
            ..form
        };
        let request = fixed.request().unwrap();
        assert_eq!(request.partner.as_str(), "SGP");
        assert_eq!(request.granted_on, None);

        let recipient = RecipientForm {
            name: "Lt Tan".into(),
            kind: "crew".into(),
            status: "cleared".into(),
            expires: "soon".into(),
            ..RecipientForm::default()
        };
        let fields: Vec<&str> = recipient
            .recipient()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["kind", "expires"]);
    }
}
