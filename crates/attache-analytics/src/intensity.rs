//! Engagement intensity: the weighted number of counted activities per partner, or per
//! pair of states, per period.

use std::collections::BTreeMap;

use attache_domain::PartnerCode;
use serde::Serialize;

use crate::counted::Counted;
use crate::pairs::PairEvents;
use crate::period::{Granularity, Period};
use crate::weights::CategoryWeights;

/// One partner's (or pair's) engagement in one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Cell {
    /// The sum of the category weights of the activities.
    pub intensity: f64,
    pub activities: u64,
}

impl Cell {
    pub(crate) fn add(&mut self, weight: f64) {
        self.intensity += weight;
        self.activities += 1;
    }
}

/// Per key, its periods with engagement (periods without any are absent).
pub type IntensityTable<K> = BTreeMap<K, BTreeMap<Period, Cell>>;

/// Two states, the smaller code first: the relationship between them, either way round.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PairKey {
    pub a: PartnerCode,
    pub b: PartnerCode,
}

/// Each participant's intensity (states and organisations; our own nation too, which the
/// caller leaves out when it wants partners only).
pub fn partner_intensity(
    records: &[Counted],
    weights: &CategoryWeights,
    granularity: Granularity,
) -> IntensityTable<PartnerCode> {
    let mut table = IntensityTable::new();
    for record in records {
        let period = Period::of(record.start(), granularity);
        let weight = weights.weight(record.category());
        for partner in record.participants() {
            cell(&mut table, partner.clone(), period).add(weight);
        }
    }
    table
}

/// Each pair of states' intensity: an activity links every two states taking part in it
/// (a multilateral exercise of five states adds to ten pairs).
pub fn pair_intensity(
    records: &[Counted],
    weights: &CategoryWeights,
    granularity: Granularity,
) -> IntensityTable<PairKey> {
    PairEvents::from_counted(records).intensity(weights, granularity, 1)
}

fn cell<K: Ord>(table: &mut IntensityTable<K>, key: K, period: Period) -> &mut Cell {
    table.entry(key).or_default().entry(period).or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testing::{code, counted};
    use attache_domain::Category;

    #[test]
    fn a_partner_sums_the_weights_of_its_activities_per_period() {
        let records = counted(&[
            (Category::HighLevelEngagement, "2026-01-10", &["GBR", "SGP"]),
            (Category::StaffTalks, "2026-02-10", &["GBR", "SGP"]),
            (Category::StaffTalks, "2026-05-10", &["GBR", "SGP", "NATO"]),
        ]);
        let w = CategoryWeights::default();
        let by_quarter = partner_intensity(&records, &w, Granularity::Quarter);
        let sgp = &by_quarter[&code("SGP")];
        let q1: Vec<_> = sgp.iter().map(|(p, c)| (p.to_string(), *c)).collect();
        assert_eq!(
            q1,
            [
                (
                    "2026-Q1".to_owned(),
                    Cell {
                        intensity: 6.0,
                        activities: 2
                    }
                ),
                (
                    "2026-Q2".to_owned(),
                    Cell {
                        intensity: 1.0,
                        activities: 1
                    }
                ),
            ]
        );
        assert_eq!(by_quarter[&code("NATO")].len(), 1);
    }

    #[test]
    fn a_multilateral_activity_links_every_pair_of_states_but_not_organisations() {
        let records = counted(&[(
            Category::Exercise,
            "2026-06-01",
            &["AUS", "GBR", "MYS", "ADMM-Plus"],
        )]);
        let pairs = pair_intensity(&records, &CategoryWeights::default(), Granularity::Year);
        let keys: Vec<String> = pairs.keys().map(|k| format!("{}-{}", k.a, k.b)).collect();
        assert_eq!(keys, ["AUS-GBR", "AUS-MYS", "GBR-MYS"]);
        let cell = pairs.values().next().unwrap().values().next().unwrap();
        assert_eq!(
            *cell,
            Cell {
                intensity: 3.0,
                activities: 1
            }
        );
    }
}
