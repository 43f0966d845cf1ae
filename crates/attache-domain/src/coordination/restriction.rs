//! Arms embargoes and sanctions on partners: an activity with a restricted partner during
//! a restriction is blocked or warned according to the restriction's scope.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::{Activity, Category, PartnerCode};

vocabulary!(RestrictionScope, "a restriction scope" {
    AllEngagement => "all_engagement",
    TrainingAndExercises => "training_and_exercises",
    Equipment => "equipment",
});

/// One embargo or sanctions measure on a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Restriction {
    pub partner: PartnerCode,
    /// The measure, as it is cited (for example "Council Decision 2014/512/CFSP").
    pub source: String,
    pub scope: RestrictionScope,
    pub start: NaiveDate,
    /// The last day it applies; open-ended when absent.
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

/// What a restriction does to an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Block,
    Warn,
}

impl Restriction {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.source.trim().is_empty() {
            return Err(FieldError::new(
                "source",
                "a restriction cites its source (the decision, resolution or regulation)",
            ));
        }
        if let Some(end) = self.end
            && end < self.start
        {
            return Err(FieldError::new(
                "end",
                format!("{end} is before the start {}", self.start),
            ));
        }
        Ok(())
    }

    /// What this restriction does to the activity, and why, citing the source: nothing
    /// unless the partner takes part while it applies. All engagement is blocked under a
    /// general embargo; training and exercises under a training measure (other
    /// engagement, such as high-level dialogue, is warned); an equipment embargo warns.
    pub fn effect(&self, activity: &Activity) -> Option<(Effect, String)> {
        let involved = activity
            .participants
            .iter()
            .any(|p| p.partner == self.partner);
        let overlaps =
            activity.end >= self.start && self.end.is_none_or(|end| activity.start <= end);
        if !involved || !overlaps {
            return None;
        }
        let training = matches!(activity.category, Category::Training | Category::Exercise);
        let effect = match self.scope {
            RestrictionScope::AllEngagement => Effect::Block,
            RestrictionScope::TrainingAndExercises if training => Effect::Block,
            _ => Effect::Warn,
        };
        let until = self
            .end
            .map_or("until lifted".to_owned(), |e| format!("to {e}"));
        Some((
            effect,
            format!(
                "{} is under a restriction on {} ({}, from {} {until})",
                self.partner,
                self.scope.as_str().replace('_', " "),
                self.source,
                self.start
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coordination::gate::tests::{activity, date};

    fn on_host(
        a: &Activity,
        scope: RestrictionScope,
        start: &str,
        end: Option<&str>,
    ) -> Restriction {
        Restriction {
            partner: a.host.clone(),
            source: "UNSCR 9999 (2026)".into(),
            scope,
            start: date(start),
            end: end.map(date),
        }
    }

    #[test]
    fn applies_only_while_it_runs_boundaries_included() {
        let a = activity(Category::Training, "2027-03-14", "2027-03-20");
        let r = |start, end| on_host(&a, RestrictionScope::AllEngagement, start, end);
        assert!(r("2027-03-21", None).effect(&a).is_none());
        assert!(r("2027-03-20", None).effect(&a).is_some());
        assert!(r("2027-01-01", Some("2027-03-14")).effect(&a).is_some());
        assert!(r("2027-01-01", Some("2027-03-13")).effect(&a).is_none());
    }

    #[test]
    fn the_scope_decides_block_or_warning_and_the_source_is_cited() {
        let training = activity(Category::Training, "2027-03-14", "2027-03-20");
        let dialogue = activity(Category::HighLevelEngagement, "2027-03-14", "2027-03-15");
        let scope = RestrictionScope::TrainingAndExercises;
        let (effect, why) = on_host(&training, scope, "2027-01-01", None)
            .effect(&training)
            .unwrap();
        assert_eq!(effect, Effect::Block);
        assert!(why.contains("UNSCR 9999"), "{why}");
        let (effect, _) = on_host(&dialogue, scope, "2027-01-01", None)
            .effect(&dialogue)
            .unwrap();
        assert_eq!(effect, Effect::Warn);
        let equipment = on_host(&training, RestrictionScope::Equipment, "2027-01-01", None);
        assert_eq!(equipment.effect(&training).unwrap().0, Effect::Warn);
        let all = on_host(
            &dialogue,
            RestrictionScope::AllEngagement,
            "2027-01-01",
            None,
        );
        assert_eq!(all.effect(&dialogue).unwrap().0, Effect::Block);
    }

    #[test]
    fn a_restriction_cites_its_source_and_ends_after_it_starts() {
        let a = activity(Category::Training, "2027-03-14", "2027-03-20");
        let mut r = on_host(
            &a,
            RestrictionScope::Equipment,
            "2027-01-01",
            Some("2026-01-01"),
        );
        assert_eq!(r.check().unwrap_err().field, "end");
        r.end = None;
        r.source = " ".into();
        assert_eq!(r.check().unwrap_err().field, "source");
    }
}
