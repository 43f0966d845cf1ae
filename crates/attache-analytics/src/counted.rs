//! What counts as engagement: the one filter every measure depends on.

use attache_domain::{Activity, Category, Classification, Nature, PartnerCode, Status};
use chrono::NaiveDate;

/// An activity as the measures need it, with what decides whether it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub category: Category,
    pub nature: Nature,
    /// A warship or aircraft sent to show force (`activities.coercive_presence`): never
    /// engagement, whatever its category.
    pub coercive_presence: bool,
    pub status: Status,
    pub start: NaiveDate,
    /// Every partner taking part, the host included; organisations as well as states.
    pub participants: Vec<PartnerCode>,
    /// Its label's classification: a measure is as classified as the records it counts.
    pub classification: Classification,
}

impl Record {
    /// The register's activity; the register holds engagement only (validation refuses
    /// the other natures), so the coercive-presence flag is the one fact it adds.
    pub fn from_activity(activity: &Activity, coercive_presence: bool) -> Record {
        Record {
            category: activity.category,
            nature: Nature::Engagement,
            coercive_presence,
            status: activity.status,
            start: activity.start,
            participants: activity
                .participants
                .iter()
                .map(|p| p.partner.clone())
                .collect(),
            classification: activity.label.classification,
        }
    }
}

/// A record that counts as engagement. Only [`Counted::select`] makes one, so a measure
/// that takes `Counted` cannot see what must not count.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    category: Category,
    start: NaiveDate,
    /// Sorted and without repeats, so a partner listed twice counts once.
    participants: Vec<PartnerCode>,
    classification: Classification,
}

impl Counted {
    /// Keeps what counts: engagement (not a military operation, not coercion, not coercive
    /// presence) that took place (completed or assessed: an activity reaches those only
    /// through approval, which is where the coordination checks are passed). Planned,
    /// postponed and cancelled activities are intentions, not engagement.
    pub fn select(records: impl IntoIterator<Item = Record>) -> Vec<Counted> {
        records
            .into_iter()
            .filter(|r| {
                r.nature == Nature::Engagement
                    && !r.coercive_presence
                    && matches!(r.status, Status::Completed | Status::Assessed)
            })
            .map(|r| {
                let mut participants = r.participants;
                participants.sort();
                participants.dedup();
                Counted {
                    category: r.category,
                    start: r.start,
                    participants,
                    classification: r.classification,
                }
            })
            .collect()
    }

    pub fn category(&self) -> Category {
        self.category
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn classification(&self) -> Classification {
        self.classification
    }

    /// The highest classification among the records: the banner of what is made of them.
    pub fn highest_classification(records: &[Counted]) -> Classification {
        records
            .iter()
            .map(|r| r.classification)
            .max()
            .unwrap_or_default()
    }

    pub fn participants(&self) -> &[PartnerCode] {
        &self.participants
    }

    /// The participants that are states (three-letter codes), sorted.
    pub fn states(&self) -> impl Iterator<Item = &PartnerCode> {
        self.participants.iter().filter(|p| p.is_state())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn record(status: Status, participants: &[&str]) -> Record {
        Record {
            status,
            ..crate::testing::record(Category::StaffTalks, "2026-03-01", participants)
        }
    }

    #[test]
    fn only_engagement_that_took_place_counts() {
        let coercive = Record {
            coercive_presence: true,
            ..record(Status::Completed, &["GBR", "SGP"])
        };
        let operation = Record {
            nature: Nature::MilitaryOperation,
            ..record(Status::Completed, &["GBR", "SGP"])
        };
        let counted = Counted::select([
            record(Status::Completed, &["GBR", "SGP"]),
            record(Status::Assessed, &["GBR", "FRA"]),
            record(Status::Planned, &["GBR", "USA"]),
            record(Status::Cancelled, &["GBR", "USA"]),
            coercive,
            operation,
        ]);
        assert_eq!(counted.len(), 2);
        assert_eq!(counted[0].participants()[1].as_str(), "SGP");
        assert_eq!(counted[1].participants()[0].as_str(), "FRA");
    }

    #[test]
    fn a_partner_listed_twice_counts_once_and_organisations_are_not_states() {
        let counted = Counted::select([record(Status::Completed, &["SGP", "NATO", "SGP", "GBR"])]);
        assert_eq!(counted[0].participants().len(), 3);
        let states: Vec<&str> = counted[0].states().map(|p| p.as_str()).collect();
        assert_eq!(states, ["GBR", "SGP"]);
    }
}
