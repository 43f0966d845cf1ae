//! Engagement per category over time: the `categories` measure as a series per category,
//! every period from the first to the last (zero where there was none), and its picture,
//! stacked bars with a legend. The picture is laid out once, as shapes, and written as SVG
//! (pages and HTML reports: presentation attributes only, which the pages'
//! Content-Security-Policy allows) or drawn on a PDF page, by the documents crate; labels
//! are placed by their measured widths.

use attache_analytics::{CategoryWeights, Counted, Granularity, Period, category_intensity};
use attache_documents::shapes::{Anchor, Shape};
use attache_documents::{font, svg};
use attache_domain::access::Actor;
use attache_domain::{Category, Classification};
use serde::{Deserialize, Serialize};

use crate::analytics::AnalyticsQuery;
use crate::words::words;

/// Each category's intensity, period by period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CategorySeries {
    /// The periods, in order: `2026-03`, `2026-Q1` or `2026`.
    pub periods: Vec<String>,
    /// The categories with engagement, in the register's order, each with a value per
    /// period.
    pub categories: Vec<(Category, Vec<f64>)>,
    /// The highest classification among the activities counted.
    pub classification: Classification,
    pub activities: usize,
}

impl CategorySeries {
    /// The series of the counted records, from `first` (or the earliest period with
    /// engagement) to `last`.
    pub fn of(
        records: &[Counted],
        weights: &CategoryWeights,
        granularity: Granularity,
        first: Option<Period>,
        last: Period,
    ) -> CategorySeries {
        let table = category_intensity(records, weights, granularity);
        let earliest = table.values().filter_map(|row| row.keys().next()).min();
        let first = first.or(earliest.copied()).unwrap_or(last);
        let periods: Vec<Period> = first.through(last).collect();
        let categories = Category::ALL
            .iter()
            .filter_map(|c| {
                let row = table.get(c)?;
                let values: Vec<f64> = periods
                    .iter()
                    .map(|p| row.get(p).map_or(0.0, |cell| cell.intensity))
                    .collect();
                values.iter().any(|v| *v > 0.0).then_some((*c, values))
            })
            .collect();
        CategorySeries {
            periods: periods.iter().map(ToString::to_string).collect(),
            categories,
            classification: Counted::highest_classification(records),
            activities: records.len(),
        }
    }

    /// The series of what a query counted: its periods from its start (or the first
    /// engagement) to its end (or the actor's today).
    pub(crate) fn of_query(records: &[Counted], query: &AnalyticsQuery, actor: &Actor) -> Self {
        let g = query.granularity;
        let last = Period::of(query.to.unwrap_or(actor.at.date_naive()), g);
        let first = query.from.map(|from| Period::of(from, g));
        CategorySeries::of(records, &query.weights, g, first, last)
    }

    /// The intensity of all categories together, per period.
    pub fn totals(&self) -> Vec<f64> {
        (0..self.periods.len())
            .map(|i| {
                self.categories
                    .iter()
                    .fold(0.0, |sum, (_, v)| sum + value_at(v, i))
            })
            .collect()
    }

    /// The picture as SVG, `title` for screen readers.
    pub fn svg(&self, title: &str) -> String {
        let (height, shapes) = self.layout(SVG_WIDTH);
        svg::picture(SVG_WIDTH, height, title, "categories-title", &shapes)
    }

    /// The picture as shapes, `width` wide, and its height: stacked bars over a base line,
    /// the highest total on the left, period labels below (every few when they would
    /// overlap), then a legend of the categories shown.
    pub fn layout(&self, width: f32) -> (f32, Vec<Shape>) {
        let mut shapes = Vec::new();
        let totals = self.totals();
        let highest = totals.iter().copied().fold(0.0, f64::max);
        let top_label = format!("{highest:.0}");
        let plot_left = AXIS_LABELS.max(font::width(&top_label, LABEL_SIZE) + 6.0);
        let plot_width = width - plot_left;
        let base = TOP + PLOT_HEIGHT;
        let slot = plot_width / self.periods.len().max(1) as f32;
        let scale = if highest > 0.0 {
            PLOT_HEIGHT / highest as f32
        } else {
            0.0
        };
        shapes.push(Shape::Text {
            x: plot_left - 4.0,
            y: TOP + LABEL_SIZE,
            size: LABEL_SIZE,
            anchor: Anchor::End,
            text: top_label,
        });
        shapes.push(Shape::Text {
            x: plot_left - 4.0,
            y: base,
            size: LABEL_SIZE,
            anchor: Anchor::End,
            text: "0".into(),
        });
        for (i, period) in self.periods.iter().enumerate() {
            let x = plot_left + slot * i as f32;
            let mut top = base;
            for (category, values) in &self.categories {
                let value = value_at(values, i);
                let high = value as f32 * scale;
                if high <= 0.0 {
                    continue;
                }
                top -= high;
                shapes.push(Shape::Rect {
                    x: x + slot * 0.1,
                    y: top,
                    w: slot * 0.8,
                    h: high,
                    colour: colour(*category),
                    tip: format!("{period}, {}: {value:.1}", words(category)),
                });
            }
        }
        shapes.push(Shape::Line {
            x1: plot_left,
            y1: base,
            x2: width,
            y2: base,
        });
        let label_width = self
            .periods
            .iter()
            .map(|p| font::width(p, LABEL_SIZE))
            .fold(0.0, f32::max)
            + 6.0;
        let every = (label_width / slot).ceil().max(1.0) as usize;
        for (i, period) in self.periods.iter().enumerate().step_by(every) {
            // Centred under its bar, but not past the picture's right edge.
            let half = font::width(period, LABEL_SIZE) / 2.0;
            let centre = plot_left + slot * (i as f32 + 0.5);
            shapes.push(Shape::Text {
                x: centre.min(width - half).max(half),
                y: base + LABEL_SIZE + 4.0,
                size: LABEL_SIZE,
                anchor: Anchor::Middle,
                text: period.clone(),
            });
        }
        let legend_top = base + LABEL_SIZE + 14.0;
        let column = width / LEGEND_COLUMNS as f32;
        for (n, (category, _)) in self.categories.iter().enumerate() {
            let x = column * (n % LEGEND_COLUMNS) as f32;
            let y = legend_top + LEGEND_ROW * (n / LEGEND_COLUMNS) as f32;
            shapes.push(Shape::Rect {
                x,
                y,
                w: LABEL_SIZE,
                h: LABEL_SIZE,
                colour: colour(*category),
                tip: String::new(),
            });
            shapes.push(Shape::Text {
                x: x + LABEL_SIZE + 4.0,
                y: y + LABEL_SIZE - 1.0,
                size: LABEL_SIZE,
                anchor: Anchor::Start,
                text: font::fit(&words(category), LABEL_SIZE, column - LABEL_SIZE - 8.0),
            });
        }
        let rows = self.categories.len().div_ceil(LEGEND_COLUMNS) as f32;
        (legend_top + rows * LEGEND_ROW, shapes)
    }
}

const SVG_WIDTH: f32 = 640.0;
const AXIS_LABELS: f32 = 32.0;
const TOP: f32 = 8.0;
const PLOT_HEIGHT: f32 = 170.0;
const LABEL_SIZE: f32 = 10.0;
const LEGEND_COLUMNS: usize = 3;
const LEGEND_ROW: f32 = 15.0;

/// One colour per category (Tableau's ten and two more), told apart in print and on screen.
fn colour(category: Category) -> (u8, u8, u8) {
    match category {
        Category::PersonnelExchange => (0x4e, 0x79, 0xa7),
        Category::ShipVisit => (0xf2, 0x8e, 0x2b),
        Category::AircraftVisit => (0xe1, 0x57, 0x59),
        Category::HighLevelEngagement => (0x76, 0xb7, 0xb2),
        Category::BilateralMeeting => (0x59, 0xa1, 0x4f),
        Category::StaffTalks => (0xed, 0xc9, 0x48),
        Category::Training => (0xb0, 0x7a, 0xa1),
        Category::Exercise => (0xff, 0x9d, 0xa7),
        Category::RegionalForum => (0x9c, 0x75, 0x5f),
        Category::Outreach => (0xba, 0xb0, 0xac),
        Category::Csbm => (0x1f, 0x5f, 0x8b),
        Category::NonProliferation => (0x8c, 0x61, 0x0a),
    }
}

/// A category's value in period `i`; every series has a value for every period.
fn value_at(values: &[f64], i: usize) -> f64 {
    values.get(i).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use attache_analytics::Record;
    use attache_domain::{PartnerCode, Status};
    use chrono::NaiveDate;

    fn counted(rows: &[(Category, &str)]) -> Vec<Counted> {
        Counted::select(rows.iter().map(|(category, start)| Record {
            category: *category,
            nature: attache_domain::Nature::Engagement,
            coercive_presence: false,
            status: Status::Completed,
            start: NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap(),
            participants: vec![PartnerCode::parse("p", "SGP").unwrap()],
            classification: Classification::Official,
        }))
    }

    fn quarter(date: &str) -> Period {
        Period::of(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            Granularity::Quarter,
        )
    }

    #[test]
    fn every_period_is_there_and_quiet_ones_are_zero() {
        let records = counted(&[
            (Category::Exercise, "2026-01-10"),
            (Category::StaffTalks, "2026-07-10"),
            (Category::StaffTalks, "2026-07-20"),
        ]);
        let series = CategorySeries::of(
            &records,
            &CategoryWeights::default(),
            Granularity::Quarter,
            Some(quarter("2025-10-01")),
            quarter("2026-12-31"),
        );
        assert_eq!(
            series.periods,
            ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
        );
        assert_eq!(
            series.categories,
            [
                (Category::StaffTalks, vec![0.0, 0.0, 0.0, 2.0, 0.0]),
                (Category::Exercise, vec![0.0, 3.0, 0.0, 0.0, 0.0]),
            ]
        );
        assert_eq!(series.totals(), [0.0, 3.0, 0.0, 2.0, 0.0]);
    }

    #[test]
    fn the_picture_stacks_bars_as_high_as_their_share_and_names_each_category() {
        let records = counted(&[
            (Category::Exercise, "2026-01-10"),
            (Category::StaffTalks, "2026-01-20"),
            (Category::StaffTalks, "2026-04-20"),
        ]);
        let series = CategorySeries::of(
            &records,
            &CategoryWeights::default(),
            Granularity::Quarter,
            None,
            quarter("2026-04-01"),
        );
        let (_, shapes) = series.layout(SVG_WIDTH);
        let heights: Vec<f32> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { h, tip, .. } if !tip.is_empty() => Some(*h),
                _ => None,
            })
            .collect();
        // Q1: staff talks 1 and exercise 3 (the highest total, 4, fills the plot); Q2: 1.
        let unit = PLOT_HEIGHT / 4.0;
        assert_eq!(heights, [unit, 3.0 * unit, unit]);
        let svg = series.svg("Engagement <by category>");
        assert!(svg.contains("Engagement &lt;by category&gt;"));
        assert!(svg.contains(">Staff talks</text>") && svg.contains(">Exercise</text>"));
        assert!(svg.contains("2026-Q1, Exercise: 3.0"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn every_label_lies_inside_the_picture_by_its_measured_width() {
        let rows: Vec<(Category, String)> = (1..=12)
            .flat_map(|m| {
                [
                    (Category::HighLevelEngagement, format!("2026-{m:02}-10")),
                    (Category::NonProliferation, format!("2026-{m:02}-12")),
                    (Category::PersonnelExchange, format!("2026-{m:02}-14")),
                ]
            })
            .collect();
        let rows: Vec<(Category, &str)> = rows.iter().map(|(c, d)| (*c, d.as_str())).collect();
        let series = CategorySeries::of(
            &counted(&rows),
            &CategoryWeights::default(),
            Granularity::Month,
            None,
            Period::of(
                NaiveDate::parse_from_str("2026-12-01", "%Y-%m-%d").unwrap(),
                Granularity::Month,
            ),
        );
        // The PDF's text width, and a narrow picture that must thin the labels out.
        for width in [SVG_WIDTH, 483.0, 200.0] {
            let (_, shapes) = series.layout(width);
            let mut labels = 0;
            for shape in &shapes {
                let (left, right) = shape.span();
                assert!(left >= -0.01 && right <= width + 0.01, "{width}: {shape:?}");
                labels += usize::from(matches!(shape, Shape::Text { .. }));
            }
            assert!(labels >= 2 + 1 + 3, "{width}: {labels} labels");
        }
    }
}
