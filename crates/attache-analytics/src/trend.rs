//! Trends and early warning: a relationship whose engagement fades is noticed before it is
//! lost.

use std::collections::BTreeMap;

use attache_domain::PartnerCode;
use serde::Serialize;

use crate::intensity::{Cell, IntensityTable};
use crate::period::Period;

/// The longest trailing window: twenty years of quarters, or of months.
pub const MAX_WINDOW: usize = 240;

/// When to warn: the period's intensity is below `(1 - drop)` times the average of the
/// `window` periods before it, and that average is at least `min_baseline` (a partner seen
/// once a decade has no trend to fall from).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EarlyWarning {
    pub window: usize,
    pub drop: f64,
    pub min_baseline: f64,
}

impl Default for EarlyWarning {
    /// Half the average of the four periods before (a year, counted in quarters).
    fn default() -> Self {
        EarlyWarning {
            window: 4,
            drop: 0.5,
            min_baseline: 1.0,
        }
    }
}

/// A partner whose intensity fell markedly below its own trailing average.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub partner: PartnerCode,
    pub period: Period,
    pub intensity: f64,
    pub trailing_average: f64,
    /// How far below the average, as a fraction of it (0.75: a quarter of the usual).
    pub fall: f64,
}

impl EarlyWarning {
    /// Checks the settings: a window of at least one period and a drop between 0 and 1.
    pub fn new(window: usize, drop: f64, min_baseline: f64) -> Result<EarlyWarning, String> {
        if !(1..=MAX_WINDOW).contains(&window) {
            return Err(format!(
                "the trailing window must be from 1 to {MAX_WINDOW} periods, not {window}"
            ));
        }
        if !(drop > 0.0 && drop < 1.0) {
            return Err(format!(
                "the drop {drop} must be a fraction between 0 and 1 (0.5: half the average)"
            ));
        }
        if !min_baseline.is_finite() || min_baseline < 0.0 {
            return Err(format!(
                "the minimum baseline {min_baseline} must be 0 or more"
            ));
        }
        Ok(EarlyWarning {
            window,
            drop,
            min_baseline,
        })
    }

    /// The partners whose intensity in `period` (the last complete one: the caller knows
    /// the date) fell markedly below their trailing average, the steepest fall first.
    pub fn alerts(&self, table: &IntensityTable<PartnerCode>, period: Period) -> Vec<Alert> {
        let first = period.offset(-(self.window as i64));
        let mut alerts: Vec<Alert> = table
            .iter()
            .filter_map(|(partner, row)| {
                let values = series(row, first, period);
                let (current, before) = values.split_last()?;
                let trailing_average = before.iter().sum::<f64>() / before.len() as f64;
                let fall = 1.0 - current / trailing_average;
                (trailing_average >= self.min_baseline
                    && trailing_average > 0.0
                    && fall > self.drop)
                    .then(|| Alert {
                        partner: partner.clone(),
                        period,
                        intensity: *current,
                        trailing_average,
                        fall,
                    })
            })
            .collect();
        alerts.sort_by(|x, y| y.fall.total_cmp(&x.fall).then(x.partner.cmp(&y.partner)));
        alerts
    }
}

/// The intensity of every period from `first` to `last`, zero where there was none.
pub fn series(row: &BTreeMap<Period, Cell>, first: Period, last: Period) -> Vec<f64> {
    first
        .through(last)
        .map(|p| row.get(&p).map_or(0.0, |c| c.intensity))
        .collect()
}

/// The least-squares slope of a series, in intensity per period: positive when engagement
/// grows. None for fewer than two values.
pub fn trend_slope(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mean_x = (n - 1) as f64 / 2.0;
    let mean_y = values.iter().sum::<f64>() / n as f64;
    let (mut covariance, mut variance) = (0.0, 0.0);
    for (i, y) in values.iter().enumerate() {
        let dx = i as f64 - mean_x;
        covariance += dx * (y - mean_y);
        variance += dx * dx;
    }
    Some(covariance / variance)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::intensity::partner_intensity;
    use crate::period::Granularity;
    use crate::testing::{code, counted};
    use crate::weights::CategoryWeights;
    use attache_domain::Category;
    use chrono::NaiveDate;

    fn quarter(y: i32, m: u32) -> Period {
        Period::of(
            NaiveDate::from_ymd_opt(y, m, 1).unwrap(),
            Granularity::Quarter,
        )
    }

    #[test]
    fn a_partner_falling_below_half_its_trailing_average_is_flagged() {
        // SGP: two staff talks a quarter through 2025, none in 2026-Q1. FRA: steady.
        let mut rows: Vec<(Category, &str, &[&str])> = Vec::new();
        for date in ["2025-01-05", "2025-04-05", "2025-07-05", "2025-10-05"] {
            rows.push((Category::StaffTalks, date, &["GBR", "SGP"]));
            rows.push((Category::StaffTalks, date, &["GBR", "SGP"]));
            rows.push((Category::StaffTalks, date, &["GBR", "FRA"]));
        }
        rows.push((Category::StaffTalks, "2026-02-05", &["GBR", "FRA"]));
        let table = partner_intensity(
            &counted(&rows),
            &CategoryWeights::default(),
            Granularity::Quarter,
        );
        // GBR (all of it) fell from 3 to 1: two thirds, past the default half.
        let alerts = EarlyWarning::default().alerts(&table, quarter(2026, 1));
        let flagged: Vec<&str> = alerts.iter().map(|a| a.partner.as_str()).collect();
        assert_eq!(flagged, ["SGP", "GBR"], "{alerts:?}");
        assert_eq!(alerts[0].partner, code("SGP"));
        assert_eq!(alerts[0].trailing_average, 2.0);
        assert_eq!(alerts[0].fall, 1.0);
        let lenient = EarlyWarning::new(4, 0.8, 1.0).unwrap();
        let alerts = lenient.alerts(&table, quarter(2026, 1));
        let flagged: Vec<&str> = alerts.iter().map(|a| a.partner.as_str()).collect();
        assert_eq!(flagged, ["SGP"]);
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        assert!(EarlyWarning::new(0, 0.5, 1.0).is_err());
        assert!(
            EarlyWarning::new(usize::MAX, 0.5, 1.0)
                .unwrap_err()
                .contains("from 1 to")
        );
        assert!(
            EarlyWarning::new(4, 1.5, 1.0)
                .unwrap_err()
                .contains("between 0 and 1")
        );
        assert!(EarlyWarning::new(4, 0.5, -1.0).is_err());
    }

    #[test]
    fn the_slope_follows_the_series() {
        assert_eq!(trend_slope(&[1.0, 2.0, 3.0]), Some(1.0));
        assert_eq!(trend_slope(&[4.0, 4.0]), Some(0.0));
        assert!(trend_slope(&[3.0, 1.0, 0.0]).unwrap() < 0.0);
        assert_eq!(trend_slope(&[1.0]), None);
    }
}
