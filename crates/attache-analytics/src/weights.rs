//! How much each category of engagement weighs in an intensity.

use std::collections::BTreeMap;

use attache_domain::Category;
use serde::{Deserialize, Serialize};

/// One weight per category. The default, documented here and in the README, ranks what a
/// relationship gains from each kind of contact: a ministerial or chief-of-defence visit
/// (high-level engagement) weighs five staff calls; an exercise three; visits, training and
/// bilateral meetings two; exchanges, forums and arms-control work one and a half; staff
/// talks and outreach are the unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryWeights(BTreeMap<Category, f64>);

const DEFAULT: [(Category, f64); 12] = [
    (Category::HighLevelEngagement, 5.0),
    (Category::Exercise, 3.0),
    (Category::ShipVisit, 2.0),
    (Category::AircraftVisit, 2.0),
    (Category::Training, 2.0),
    (Category::BilateralMeeting, 2.0),
    (Category::PersonnelExchange, 1.5),
    (Category::RegionalForum, 1.5),
    (Category::Csbm, 1.5),
    (Category::NonProliferation, 1.5),
    (Category::StaffTalks, 1.0),
    (Category::Outreach, 1.0),
];

/// A weight that could not be read: which entry and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("category weight '{entry}': {reason}")]
pub struct WeightError {
    pub entry: String,
    pub reason: String,
}

impl Default for CategoryWeights {
    fn default() -> Self {
        CategoryWeights(DEFAULT.into_iter().collect())
    }
}

impl CategoryWeights {
    pub fn weight(&self, category: Category) -> f64 {
        self.0.get(&category).copied().unwrap_or(0.0)
    }

    /// The weights indexed by `Category::ALL`'s order, for tight loops.
    pub fn as_array(&self) -> [f64; 12] {
        Category::ALL.map(|c| self.weight(c))
    }

    /// The default with some weights changed: `category=weight` entries, e.g.
    /// `["high_level_engagement=6", "outreach=0.5"]`. A weight is finite and not negative
    /// (zero leaves a category out of the measures).
    pub fn with_overrides<'a>(
        mut self,
        entries: impl IntoIterator<Item = &'a str>,
    ) -> Result<CategoryWeights, WeightError> {
        for entry in entries {
            let error = |reason: String| WeightError {
                entry: entry.to_owned(),
                reason,
            };
            let (name, value) = entry
                .split_once('=')
                .ok_or_else(|| error("write it as category=weight".into()))?;
            let category =
                Category::parse("category", name).map_err(|e| error(e.reason.clone()))?;
            let weight: f64 = value
                .trim()
                .parse()
                .map_err(|_| error(format!("'{}' is not a number", value.trim())))?;
            if !weight.is_finite() || weight < 0.0 {
                return Err(error(format!(
                    "{weight} is not a finite weight of 0 or more"
                )));
            }
            self.0.insert(category, weight);
        }
        Ok(self)
    }

    /// Every category with its weight, in `Category::ALL`'s order.
    pub fn entries(&self) -> impl Iterator<Item = (Category, f64)> + '_ {
        Category::ALL.into_iter().map(|c| (c, self.weight(c)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_default_weighs_every_category_and_a_visit_at_the_top_above_a_staff_call() {
        let w = CategoryWeights::default();
        assert!(Category::ALL.iter().all(|&c| w.weight(c) > 0.0));
        assert!(w.weight(Category::HighLevelEngagement) > w.weight(Category::StaffTalks));
    }

    #[test]
    fn overrides_change_one_weight_and_bad_entries_say_why() {
        let w = CategoryWeights::default()
            .with_overrides(["outreach = 0.5"])
            .unwrap();
        assert_eq!(w.weight(Category::Outreach), 0.5);
        assert_eq!(w.weight(Category::Exercise), 3.0);
        let err = CategoryWeights::default()
            .with_overrides(["banquet=2"])
            .unwrap_err();
        assert!(err.to_string().contains("not a category"), "{err}");
        let err = CategoryWeights::default()
            .with_overrides(["exercise=-1"])
            .unwrap_err();
        assert!(err.to_string().contains("0 or more"), "{err}");
        let err = CategoryWeights::default()
            .with_overrides(["exercise"])
            .unwrap_err();
        assert!(err.to_string().contains("category=weight"), "{err}");
    }
}
