//! Engagement per category over time: which kinds of contact a relationship (or the whole
//! register) rests on, period by period.

use attache_domain::Category;

use crate::counted::Counted;
use crate::intensity::IntensityTable;
use crate::period::{Granularity, Period};
use crate::weights::CategoryWeights;

/// Each category's intensity per period (categories without engagement are absent).
pub fn category_intensity(
    records: &[Counted],
    weights: &CategoryWeights,
    granularity: Granularity,
) -> IntensityTable<Category> {
    let mut table = IntensityTable::new();
    for record in records {
        let cell = table
            .entry(record.category())
            .or_insert_with(Default::default)
            .entry(Period::of(record.start(), granularity))
            .or_insert_with(Default::default);
        cell.add(weights.weight(record.category()));
    }
    table
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::intensity::Cell;
    use crate::testing::counted;

    #[test]
    fn each_category_sums_its_weights_per_period() {
        let records = counted(&[
            (Category::Exercise, "2026-01-10", &["GBR", "SGP", "AUS"]),
            (Category::Exercise, "2026-02-10", &["GBR", "SGP"]),
            (Category::StaffTalks, "2026-04-10", &["GBR", "SGP"]),
        ]);
        let table = category_intensity(&records, &CategoryWeights::default(), Granularity::Quarter);
        let rows: Vec<(Category, String, Cell)> = table
            .iter()
            .flat_map(|(c, periods)| periods.iter().map(|(p, cell)| (*c, p.to_string(), *cell)))
            .collect();
        // An activity counts once for its category, however many take part.
        assert_eq!(
            rows,
            [
                (
                    Category::StaffTalks,
                    "2026-Q2".to_owned(),
                    Cell {
                        intensity: 1.0,
                        activities: 1
                    }
                ),
                (
                    Category::Exercise,
                    "2026-Q1".to_owned(),
                    Cell {
                        intensity: 6.0,
                        activities: 2
                    }
                ),
            ]
        );
    }
}
