//! Charts drawn on the server as SVG, by hand: a bar chart is a few rectangles and
//! labels, and written directly it carries presentation attributes only (no inline
//! style, which the Content-Security-Policy forbids), a title for screen readers, and
//! classes the style sheet colours. plotters would bring a dependency and inline styles
//! for the same picture.

use std::fmt::Write;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 220;
const AXIS: u32 = 24;
const TOP: u32 = 18;

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar chart of counts, one bar per label, described by `title`.
pub(crate) fn bars(title: &str, data: &[(String, u64)]) -> String {
    let max = data.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let slot = WIDTH / u32::try_from(data.len().max(1)).unwrap_or(1);
    let plot = HEIGHT - AXIS - TOP;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>"#,
        escape(title)
    );
    let _ = write!(
        svg,
        r#"<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" class="axis" stroke="currentColor"/>"#,
        y = HEIGHT - AXIS
    );
    for (i, (label, count)) in data.iter().enumerate() {
        let x = slot * u32::try_from(i).unwrap_or(0);
        let high = u32::try_from(u64::from(plot) * count / max).unwrap_or(plot);
        let y = HEIGHT - AXIS - high;
        let _ = write!(
            svg,
            r#"<g><title>{label}: {count}</title><rect x="{bx}" y="{y}" width="{bw}" height="{high}" class="bar"/><text x="{cx}" y="{ty}" text-anchor="middle" class="count">{count}</text><text x="{cx}" y="{ly}" text-anchor="middle">{label}</text></g>"#,
            label = escape(label),
            bx = x + slot / 8,
            bw = slot * 3 / 4,
            cx = x + slot / 2,
            ty = y.saturating_sub(4).max(12),
            ly = HEIGHT - 6,
        );
    }
    svg.push_str("</svg>");
    svg
}

const ROW: u32 = 22;
const NAMES: u32 = 180;

/// A bar chart laid on its side, one row per label: for many or long labels (the twelve
/// categories), which would overlap under upright bars.
pub(crate) fn rows(title: &str, data: &[(String, u64)]) -> String {
    let max = data.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = ROW * u32::try_from(data.len()).unwrap_or(0) + 4;
    // Room on the right for the count after the longest bar.
    let plot = WIDTH - NAMES - 40;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="rows-title" xmlns="http://www.w3.org/2000/svg"><title id="rows-title">{}</title>"#,
        escape(title)
    );
    for (i, (label, count)) in data.iter().enumerate() {
        let y = ROW * u32::try_from(i).unwrap_or(0) + 2;
        let long = u32::try_from(u64::from(plot) * count / max).unwrap_or(plot);
        let _ = write!(
            svg,
            r#"<g><title>{label}: {count}</title><text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect x="{NAMES}" y="{y}" width="{long}" height="{bh}" class="bar"/><text x="{cx}" y="{ty}" class="count">{count}</text></g>"#,
            label = escape(label),
            lx = NAMES - 8,
            ty = y + ROW / 2 + 4,
            bh = ROW - 6,
            cx = NAMES + long + 6,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_tall_as_their_share_of_the_highest() {
        let svg = bars(
            "Engagement <by year>",
            &[("2026".into(), 2), ("2027".into(), 4)],
        );
        assert!(svg.contains("Engagement &lt;by year&gt;"));
        assert!(svg.contains(r#"height="89""#), "half of 178: {svg}");
        assert!(svg.contains(r#"height="178""#), "{svg}");
        assert!(!svg.contains("style="));
        assert!(bars("none", &[]).ends_with("</svg>"));
    }

    #[test]
    fn rows_are_as_long_as_their_share_of_the_longest() {
        let svg = rows(
            "By category",
            &[("Staff talks".into(), 3), ("Port visit & more".into(), 6)],
        );
        assert!(svg.contains("Port visit &amp; more"));
        assert!(svg.contains(r#"width="210""#), "half of 420: {svg}");
        assert!(svg.contains(r#"width="420""#), "{svg}");
        assert!(!svg.contains("style="));
        assert!(rows("none", &[]).ends_with("</svg>"));
    }
}
