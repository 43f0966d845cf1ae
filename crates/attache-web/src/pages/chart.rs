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

fn escape(text: &str) -> String {
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
}
