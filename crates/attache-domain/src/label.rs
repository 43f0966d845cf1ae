//! Security labels: a classification and the nations a record may be released to.

use serde::{Deserialize, Serialize};

use crate::code::PartnerCode;
use crate::error::FieldError;

vocabulary!(
    /// Ordered from least to most protected, so `>=` compares clearance with classification.
    #[derive(Default)]
    Classification[3] {
    #[default]
    Official => "official",
    OfficialSensitive => "official_sensitive",
    Secret => "secret",
});

impl Classification {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "official" => Ok(Classification::Official),
            "official_sensitive" | "official-sensitive" => Ok(Classification::OfficialSensitive),
            "secret" => Ok(Classification::Secret),
            _ => Err(FieldError::new(
                field,
                format!(
                    "'{raw}' is not a classification; use official, official_sensitive or secret"
                ),
            )),
        }
    }

    /// Refuses a classification above the writer's `clearance`: nothing is written above it.
    pub fn within(self, clearance: Classification) -> Result<Self, FieldError> {
        if self > clearance {
            return Err(FieldError::new(
                "classification",
                format!("{self} is above your clearance ({clearance})"),
            ));
        }
        Ok(self)
    }

    /// The words of the security banner that pages and documents carry at top and bottom.
    pub fn banner(self) -> &'static str {
        match self {
            Classification::Official => "OFFICIAL",
            Classification::OfficialSensitive => "OFFICIAL-SENSITIVE",
            Classification::Secret => "SECRET",
        }
    }
}

/// Every record's label. The owning nation is kept beside it on the record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SecurityLabel {
    pub classification: Classification,
    /// States (alpha-3), sorted and without repeats.
    pub releasable_to: Vec<PartnerCode>,
}

impl SecurityLabel {
    pub fn new(
        classification: Classification,
        mut releasable_to: Vec<PartnerCode>,
    ) -> Result<Self, FieldError> {
        if let Some(org) = releasable_to.iter().find(|c| !c.is_state()) {
            return Err(FieldError::new(
                "releasable_to",
                format!("{org} is not a state: a record is released to nations (alpha-3 codes)"),
            ));
        }
        releasable_to.sort();
        releasable_to.dedup();
        Ok(Self {
            classification,
            releasable_to,
        })
    }

    /// Whether a reader of `nation` with `clearance` may see a record with this label
    /// owned by `owner`: cleared for its classification, and the owner or on its
    /// releasability list. The store applies the same rule in SQL (`push_visible`).
    pub fn visible_to(&self, owner: &str, nation: &PartnerCode, clearance: Classification) -> bool {
        clearance >= self.classification
            && (owner == nation.as_str() || self.releasable_to.contains(nation))
    }

    /// Whether `after` lets more readers see the record than this label does: a lower
    /// classification, or a nation added to its releasability. That is declassifying,
    /// its own permission, and audited as `declassify`.
    pub fn loosened_by(&self, after: &SecurityLabel) -> bool {
        after.classification < self.classification
            || after
                .releasable_to
                .iter()
                .any(|nation| !self.releasable_to.contains(nation))
    }

    /// The label of a text that holds content under this label and under `other` (an
    /// audit entry's before and after): the higher classification, released only to the
    /// nations both release to, so that its reader may see both.
    pub fn covering(&self, other: &SecurityLabel) -> SecurityLabel {
        SecurityLabel {
            classification: self.classification.max(other.classification),
            releasable_to: self
                .releasable_to
                .iter()
                .filter(|nation| other.releasable_to.contains(nation))
                .cloned()
                .collect(),
        }
    }

    /// The audit action of a change from this label to `after`: `declassify` when it is
    /// loosened, else `otherwise`.
    pub fn change_action(&self, after: &SecurityLabel, otherwise: &'static str) -> &'static str {
        match self.loosened_by(after) {
            true => "declassify",
            false => otherwise,
        }
    }

    /// The releasability list as stored and exchanged: codes joined by `;`.
    pub fn releasable_to_text(&self) -> String {
        join_codes(&self.releasable_to)
    }
}

/// Joins codes with `;`, the list separator of the interchange format and of storage.
pub fn join_codes(codes: &[PartnerCode]) -> String {
    codes
        .iter()
        .map(PartnerCode::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifications_are_ordered() {
        assert!(Classification::Official < Classification::OfficialSensitive);
        assert!(Classification::OfficialSensitive < Classification::Secret);
    }

    #[test]
    fn visibility_needs_clearance_and_ownership_or_release() {
        let code = |c| PartnerCode::parse("nation", c).unwrap();
        let label =
            SecurityLabel::new(Classification::OfficialSensitive, vec![code("AUS")]).unwrap();
        use Classification::*;
        assert!(label.visible_to("GBR", &code("GBR"), OfficialSensitive));
        assert!(label.visible_to("GBR", &code("AUS"), Secret));
        assert!(
            !label.visible_to("GBR", &code("GBR"), Official),
            "clearance below"
        );
        assert!(
            !label.visible_to("GBR", &code("USA"), Secret),
            "not released to USA"
        );
    }

    #[test]
    fn releasability_is_sorted_states_only() {
        let code = |c| PartnerCode::parse("releasable_to", c).unwrap();
        let label = SecurityLabel::new(
            Classification::Secret,
            vec![code("USA"), code("AUS"), code("USA")],
        )
        .unwrap();
        assert_eq!(label.releasable_to_text(), "AUS;USA");
        assert!(SecurityLabel::new(Classification::Secret, vec![code("NATO")]).is_err());
    }
}
