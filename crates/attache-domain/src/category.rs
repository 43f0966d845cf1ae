//! What kind of engagement an activity is, and what is not defence diplomacy at all.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

vocabulary!(
    /// The twelve categories of peaceful defence engagement.
    Category[12] {
    PersonnelExchange => "personnel_exchange",
    ShipVisit => "ship_visit",
    AircraftVisit => "aircraft_visit",
    HighLevelEngagement => "high_level_engagement",
    BilateralMeeting => "bilateral_meeting",
    StaffTalks => "staff_talks",
    Training => "training",
    Exercise => "exercise",
    RegionalForum => "regional_forum",
    Outreach => "outreach",
    Csbm => "csbm",
    NonProliferation => "non_proliferation",
});

/// Why military operations are refused: one sentence, used wherever one is refused.
const NOT_DIPLOMACY_OPERATION: &str = "a military operation is not defence diplomacy: \
    Attaché records the peaceful use of defence resources to pursue foreign-policy \
    objectives with partners, not the use or threat of force";
const NOT_DIPLOMACY_COERCION: &str = "an activity meant to intimidate (coercive presence, \
    'gunboat diplomacy') is not defence diplomacy: engagement needs the partner's consent \
    and serves cooperation, not pressure";

/// Words that name the use of force rather than engagement: given as a category, they get
/// the explanation instead of a bare "unknown category".
const OPERATION_WORDS: [&str; 7] = [
    "operation",
    "military_operation",
    "combat",
    "combat_operation",
    "strike",
    "blockade",
    "invasion",
];

impl Category {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        if let Some(category) = Self::named(raw) {
            return Ok(category);
        }
        if OPERATION_WORDS.contains(&raw.trim().to_ascii_lowercase().as_str()) {
            return Err(FieldError::new(field, NOT_DIPLOMACY_OPERATION));
        }
        let names: Vec<&str> = Self::ALL.iter().map(|c| c.as_str()).collect();
        Err(FieldError::new(
            field,
            format!("'{raw}' is not a category; use one of {}", names.join(", ")),
        ))
    }

    /// Visits by a warship or a military aircraft, which must name the asset.
    pub fn is_asset_visit(self) -> bool {
        matches!(self, Category::ShipVisit | Category::AircraftVisit)
    }
}

/// What an activity is recorded as being. Only engagement is defence diplomacy; the other
/// two are named so that a user who records one is told why it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    #[default]
    Engagement,
    MilitaryOperation,
    Coercive,
}

impl Nature {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "engagement" => Ok(Nature::Engagement),
            "military_operation" | "operation" => Ok(Nature::MilitaryOperation),
            "coercive" | "coercion" | "intimidation" => Ok(Nature::Coercive),
            _ => Err(FieldError::new(
                field,
                format!("'{raw}' is not a nature; use engagement, military_operation or coercive"),
            )),
        }
    }

    /// The one rule that keeps what is not defence diplomacy out of the register.
    pub fn check_is_diplomacy(self, field: &'static str) -> Result<(), FieldError> {
        match self {
            Nature::Engagement => Ok(()),
            Nature::MilitaryOperation => Err(FieldError::new(field, NOT_DIPLOMACY_OPERATION)),
            Nature::Coercive => Err(FieldError::new(field, NOT_DIPLOMACY_COERCION)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_parses_back_from_its_name() {
        for c in Category::ALL {
            assert_eq!(Category::parse("category", c.as_str()), Ok(c));
        }
        assert_eq!(
            Category::parse("category", " Ship_Visit "),
            Ok(Category::ShipVisit)
        );
    }

    #[test]
    fn an_operation_given_as_category_is_refused_with_the_reason() {
        let err = Category::parse("category", "military_operation").unwrap_err();
        assert!(err.reason.contains("not defence diplomacy"), "{err}");
        let err = Category::parse("category", "banquet").unwrap_err();
        assert!(err.reason.contains("ship_visit"), "{err}");
    }

    #[test]
    fn only_engagement_is_diplomacy() {
        assert!(Nature::Engagement.check_is_diplomacy("nature").is_ok());
        let op = Nature::MilitaryOperation
            .check_is_diplomacy("nature")
            .unwrap_err();
        assert!(op.reason.contains("military operation"));
        let coercive = Nature::Coercive.check_is_diplomacy("nature").unwrap_err();
        assert!(coercive.reason.contains("intimidate"));
        assert_eq!(Nature::parse("nature", ""), Ok(Nature::Engagement));
        assert!(Nature::parse("nature", "friendly").is_err());
    }
}
