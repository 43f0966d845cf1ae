//! What the forms share: the broken rules of a submission, shown next to their fields,
//! and the activity form's fields as text.

use attache_domain::{ActivityInput, FieldErrors};
use serde::Deserialize;

/// The rules a submission broke, by field.
#[derive(Debug, Default)]
pub(crate) struct Errors(pub FieldErrors);

impl Errors {
    /// What is wrong with one field, or nothing.
    pub fn of(&self, field: &str) -> String {
        let reasons: Vec<&str> = self
            .0
            .0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.reason.as_str())
            .collect();
        reasons.join("; ")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every broken rule, as `field: reason`, for the summary above a form.
    pub fn all(&self) -> Vec<String> {
        self.0.0.iter().map(ToString::to_string).collect()
    }
}

/// An activity as its form sends it: text, lists separated by `;`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ActivityForm {
    pub csrf: String,
    /// The version the form was made from, when editing.
    pub version: String,
    pub title: String,
    pub category: String,
    pub start_date: String,
    pub end_date: String,
    pub host: String,
    pub participants: String,
    pub location: String,
    pub latitude: String,
    pub longitude: String,
    pub objectives: String,
    pub assets: String,
    pub cost_amount: String,
    pub cost_currency: String,
    pub classification: String,
    pub releasable_to: String,
    pub description: String,
    pub outcome: String,
}

fn split(list: &str) -> Vec<String> {
    list.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ActivityForm {
    /// The form's fields as an activity's input (status, source and external id unset).
    pub fn input(&self) -> ActivityInput {
        ActivityInput {
            title: self.title.clone(),
            category: self.category.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            host: self.host.trim().to_ascii_uppercase(),
            participants: split(&self.participants),
            location: self.location.clone(),
            latitude: self.latitude.clone(),
            longitude: self.longitude.clone(),
            objectives: split(&self.objectives),
            assets: split(&self.assets),
            cost_amount: self.cost_amount.clone(),
            cost_currency: self.cost_currency.trim().to_ascii_uppercase(),
            classification: self.classification.clone(),
            releasable_to: split(&self.releasable_to),
            description: self.description.clone(),
            outcome: self.outcome.clone(),
            ..ActivityInput::default()
        }
    }

    /// The form filled from a stored activity's input, at its version.
    pub fn filled(input: &ActivityInput, version: i64) -> ActivityForm {
        ActivityForm {
            csrf: String::new(),
            version: version.to_string(),
            title: input.title.clone(),
            category: input.category.clone(),
            start_date: input.start_date.clone(),
            end_date: input.end_date.clone(),
            host: input.host.clone(),
            participants: input.participants.join("; "),
            location: input.location.clone(),
            latitude: input.latitude.clone(),
            longitude: input.longitude.clone(),
            objectives: input.objectives.join("; "),
            assets: input.assets.join("; "),
            cost_amount: input.cost_amount.clone(),
            cost_currency: input.cost_currency.clone(),
            classification: input.classification.clone(),
            releasable_to: input.releasable_to.join("; "),
            description: input.description.clone(),
            outcome: input.outcome.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_round_trips_through_an_input() {
        let form = ActivityForm {
            title: "Staff talks".into(),
            host: "sgp".into(),
            participants: "GBR; USA:observer;".into(),
            cost_currency: "gbp".into(),
            ..ActivityForm::default()
        };
        let input = form.input();
        assert_eq!(input.host, "SGP");
        assert_eq!(input.participants, ["GBR", "USA:observer"]);
        assert_eq!(input.cost_currency, "GBP");
        let again = ActivityForm::filled(&input, 3);
        assert_eq!(again.participants, "GBR; USA:observer");
        assert_eq!(again.version, "3");
    }
}
