//! The relationship network drawn as SVG: states on a circle, grouped by community, links
//! as lines as thick as they weigh. Drawn by hand for the reason `attache_documents::bars` gives (a few
//! shapes with presentation attributes; no inline style under the CSP).

use std::fmt::Write;

use attache_documents::escape;

const SIZE: f64 = 560.0;
const RADIUS: f64 = 220.0;
/// Community colours, in turn; communities past the last share the last (grey).
const COLOURS: [&str; 7] = [
    "#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#7f8c8d",
];

/// A state to draw: its code, community and strength.
pub(crate) struct Node {
    pub code: String,
    pub community: usize,
    pub strength: f64,
}

/// `nodes` (at most a few dozen: the strongest) and the links between them, by index.
// Every index here is a position in `nodes` (the links are made from positions in it), and
// `at` is as long as `nodes`.
#[allow(clippy::indexing_slicing)]
pub(crate) fn draw(title: &str, nodes: &[Node], links: &[(usize, usize, f64)]) -> String {
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| {
        (nodes[a].community, &nodes[a].code).cmp(&(nodes[b].community, &nodes[b].code))
    });
    let mut at = vec![(0.0, 0.0); nodes.len()];
    for (slot, &i) in order.iter().enumerate() {
        let angle = std::f64::consts::TAU * slot as f64 / nodes.len().max(1) as f64;
        at[i] = (
            SIZE / 2.0 + RADIUS * angle.cos(),
            SIZE / 2.0 + RADIUS * angle.sin(),
        );
    }
    let heaviest = links
        .iter()
        .map(|l| l.2)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let strongest = nodes
        .iter()
        .map(|n| n.strength)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart network" viewBox="0 0 {SIZE} {SIZE}" role="img" aria-labelledby="network-title" xmlns="http://www.w3.org/2000/svg"><title id="network-title">{}</title>"#,
        escape(title)
    );
    for &(a, b, weight) in links {
        let ((x1, y1), (x2, y2)) = (at[a], at[b]);
        let _ = write!(
            svg,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#8895a7" stroke-opacity="0.5" stroke-width="{:.2}"><title>{} – {}: {weight}</title></line>"##,
            0.5 + 5.5 * weight / heaviest,
            escape(&nodes[a].code),
            escape(&nodes[b].code),
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = at[i];
        let colour = COLOURS[node.community.min(COLOURS.len() - 1)];
        let _ = write!(
            svg,
            r#"<g><title>{code}: strength {strength}, community {community}</title><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{colour}"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle">{code}</text></g>"#,
            code = escape(&node.code),
            strength = node.strength,
            community = node.community + 1,
            r = 4.0 + 10.0 * (node.strength / strongest).sqrt(),
            ty = y - 16.0,
        );
    }
    svg.push_str("</svg>");
    svg
}
