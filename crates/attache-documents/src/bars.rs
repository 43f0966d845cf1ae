//! The pages' bar charts of counts, as SVG: upright bars (`bars`) or bars on their side
//! (`rows`), coloured by the style sheet's classes. Label space is made from the labels'
//! measured widths, so a label is never clipped; one is shortened with an ellipsis only
//! where it cannot fit at all (its bar's title keeps it whole).

use std::fmt::Write;

use crate::escape::escape;
use crate::font;

/// The chart's width, in the SVG's units.
pub const WIDTH: u32 = 640;
const HEIGHT: u32 = 220;
const AXIS: u32 = 24;
const TOP: u32 = 18;
/// The labels' size: the style sheet's `svg.chart { font-size: 13px }`.
pub const LABEL_SIZE: f32 = 13.0;
/// Space kept between neighbouring labels and around a label.
const GAP: f32 = 6.0;

fn open(svg: &mut String, height: u32, id: &str, title: &str) {
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" font-size="{LABEL_SIZE}" role="img" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg"><title id="{id}">{}</title>"#,
        escape(title)
    );
}

/// A bar chart of counts, one bar per label, described by `title`. Labels too wide for
/// their bar's slot are shown for every second (third, …) bar, each centred under its bar
/// but kept inside the picture and clear of the one before.
pub fn bars(title: &str, data: &[(String, u64)]) -> String {
    let max = data.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let slot = WIDTH / u32::try_from(data.len().max(1)).unwrap_or(1);
    let plot = HEIGHT - AXIS - TOP;
    let labels: Vec<(String, f32)> = data
        .iter()
        .map(|(label, _)| {
            let label = font::fit(label, LABEL_SIZE, WIDTH as f32 - GAP);
            let width = font::width(&label, LABEL_SIZE);
            (label, width)
        })
        .collect();
    let widest = labels.iter().map(|(_, w)| *w).fold(0.0, f32::max);
    let every = ((widest + GAP) / slot.max(1) as f32).ceil().max(1.0) as usize;
    let mut svg = String::new();
    open(&mut svg, HEIGHT, "chart-title", title);
    let _ = write!(
        svg,
        r#"<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" class="axis" stroke="currentColor"/>"#,
        y = HEIGHT - AXIS
    );
    let mut shown_to = 0.0;
    for (i, ((label, count), (shown, width))) in data.iter().zip(&labels).enumerate() {
        let x = slot * u32::try_from(i).unwrap_or(0);
        let high = u32::try_from(u64::from(plot) * count / max).unwrap_or(plot);
        let y = HEIGHT - AXIS - high;
        let cx = x + slot / 2;
        let _ = write!(
            svg,
            r#"<g><title>{label}: {count}</title><rect x="{bx}" y="{y}" width="{bw}" height="{high}" class="bar"/><text x="{cx}" y="{ty}" text-anchor="middle" class="count">{count}</text>"#,
            label = escape(label),
            bx = x + slot / 8,
            bw = slot * 3 / 4,
            ty = y.saturating_sub(4).max(12),
        );
        // Centred under the bar, but not past either edge (nor onto the label before,
        // which the edges can push it towards).
        let half = width / 2.0;
        let lx = (cx as f32).clamp(half, (WIDTH as f32 - half).max(half));
        if i % every == 0 && lx - half >= shown_to {
            shown_to = lx + half + GAP;
            let _ = write!(
                svg,
                r#"<text x="{lx:.1}" y="{ly}" text-anchor="middle">{}</text>"#,
                escape(shown),
                ly = HEIGHT - 6,
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

const ROW: u32 = 22;
/// The names' column is as wide as the widest name, within these bounds.
const NAMES_LEAST: f32 = 60.0;
const NAMES_MOST: f32 = WIDTH as f32 / 2.0;

/// A bar chart laid on its side, one row per label: for many or long labels (the twelve
/// categories), which would overlap under upright bars. The names' column is as wide as
/// the widest name needs (up to half the chart, past which a name is shortened), and the
/// longest bar leaves room for its count.
pub fn rows(title: &str, data: &[(String, u64)]) -> String {
    let max = data.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = ROW * u32::try_from(data.len()).unwrap_or(0) + 4;
    let names = names_width(data);
    let count_room = font::width(&max.to_string(), LABEL_SIZE) + 2.0 * GAP;
    let plot = (WIDTH as f32 - names - count_room).max(0.0);
    let mut svg = String::new();
    open(&mut svg, height, "rows-title", title);
    for (i, (label, count)) in data.iter().enumerate() {
        let y = ROW * u32::try_from(i).unwrap_or(0) + 2;
        let long = (plot * *count as f32 / max as f32).round();
        let shown = font::fit(label, LABEL_SIZE, names - 2.0 * GAP);
        let _ = write!(
            svg,
            r#"<g><title>{label}: {count}</title><text x="{lx:.1}" y="{ty}" text-anchor="end">{shown}</text><rect x="{names:.1}" y="{y}" width="{long}" height="{bh}" class="bar"/><text x="{cx:.1}" y="{ty}" class="count">{count}</text></g>"#,
            label = escape(label),
            shown = escape(&shown),
            lx = names - GAP,
            ty = y + ROW / 2 + 4,
            bh = ROW - 6,
            cx = names + long + GAP,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The names' column: the widest name and a gap either side, within bounds.
fn names_width(data: &[(String, u64)]) -> f32 {
    let widest = data
        .iter()
        .map(|(label, _)| font::width(label, LABEL_SIZE))
        .fold(0.0, f32::max);
    (widest + 2.0 * GAP).ceil().clamp(NAMES_LEAST, NAMES_MOST)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Each `<text>`'s x, anchor and content.
    fn texts(svg: &str) -> Vec<(f32, String, String)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let attr = |name: &str| {
                    t.split(&format!("{name}=\""))
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .unwrap_or("start")
                        .to_owned()
                };
                let x: f32 = attr("x").parse().unwrap();
                let content = t.split('>').nth(1).unwrap().split('<').next().unwrap();
                (x, attr("text-anchor"), content.to_owned())
            })
            .collect()
    }

    /// Every label lies inside the picture, by its measured width.
    fn assert_inside(svg: &str) {
        for (x, anchor, text) in texts(svg) {
            let text = text.replace("&amp;", "&");
            let w = font::width(&text, LABEL_SIZE);
            let start = match anchor.as_str() {
                "middle" => x - w / 2.0,
                "end" => x - w,
                _ => x,
            };
            assert!(
                start >= -0.01 && start + w <= WIDTH as f32 + 0.01,
                "{text:?} from {start} to {}",
                start + w
            );
        }
    }

    #[test]
    fn bars_are_as_tall_as_their_share_of_the_highest() {
        let svg = bars(
            "Engagement <by year>",
            &[("2026".into(), 2), ("2027".into(), 4)],
        );
        assert!(svg.contains("Engagement &lt;by year&gt;"));
        assert!(svg.contains(r#"height="89""#), "half of 178: {svg}");
        assert!(svg.contains(r#"height="178""#), "{svg}");
        assert!(svg.contains(">2026</text>") && svg.contains(">2027</text>"));
        assert!(!svg.contains("style="));
        assert!(bars("none", &[]).ends_with("</svg>"));
    }

    #[test]
    fn upright_labels_too_wide_for_their_bars_are_thinned_not_clipped() {
        let data: Vec<(String, u64)> = (1..=24)
            .map(|m| (format!("2026-{m:02} and more"), m))
            .collect();
        let svg = bars("Months", &data);
        assert_inside(&svg);
        let labels: Vec<(f32, String, String)> = texts(&svg)
            .into_iter()
            .filter(|(_, _, t)| t.starts_with("2026"))
            .collect();
        assert!(labels.len() < 24 && labels.len() > 1, "{labels:?}");
        // Shown labels do not overlap.
        for pair in labels.windows(2) {
            let w = font::width(&pair[0].2, LABEL_SIZE);
            assert!(pair[1].0 - pair[0].0 >= w, "{pair:?}");
        }
        // Every bar still names its label in its title.
        assert!(svg.contains("<title>2026-24 and more: 24</title>"));
    }

    #[test]
    fn rows_are_as_long_as_their_share_of_the_longest() {
        let data = [
            ("Staff talks".to_owned(), 3),
            ("Port visit & more".to_owned(), 6),
        ];
        let svg = rows("By category", &data);
        assert!(svg.contains("Port visit &amp; more"));
        let names = names_width(&data);
        let plot = WIDTH as f32 - names - font::width("6", LABEL_SIZE) - 2.0 * GAP;
        let full = plot.round();
        let half = (plot / 2.0).round();
        assert!(
            svg.contains(&format!(r#"width="{half}""#)),
            "half of {full}: {svg}"
        );
        assert!(svg.contains(&format!(r#"width="{full}""#)), "{svg}");
        assert!(!svg.contains("style="));
        assert!(rows("none", &[]).ends_with("</svg>"));
        assert_inside(&svg);
    }

    #[test]
    fn a_long_label_in_rows_fits_in_the_svg() {
        let long = "Artillery pieces, mortars and multiple rocket launchers (100 mm and above)";
        let data = [
            ("Non-proliferation and arms control".to_owned(), 12),
            (long.to_owned(), 3),
        ];
        let svg = rows("By category", &data);
        assert_inside(&svg);
        // The longer of the two fits whole; the longest cannot, and is shortened.
        assert!(
            svg.contains(">Non-proliferation and arms control</text>"),
            "{svg}"
        );
        assert!(svg.contains("…</text>"), "{svg}");
        assert!(svg.contains(&format!("<title>{long}: 3</title>")));
        // The names' column grew past its old fixed 180 for the long name…
        assert!(names_width(&data) > 180.0);
        // …and the longest bar and its count still fit.
        for (x, _, text) in texts(&svg) {
            if text == "12" {
                assert!(x + font::width("12", LABEL_SIZE) <= WIDTH as f32);
            }
        }
    }
}
