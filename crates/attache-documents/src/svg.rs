//! Pictures written as SVG: presentation attributes only (no inline style, which the
//! pages' Content-Security-Policy forbids), a title for screen readers, text escaped.

use std::fmt::Write;

use crate::escape::escape;
use crate::shapes::{Anchor, Shape};

/// `shapes` as an SVG `width` by `height`, described by `title` (its element's id
/// `title_id`, unique on the page).
pub fn picture(width: f32, height: f32, title: &str, title_id: &str, shapes: &[Shape]) -> String {
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg"><title id="{id}">{}</title>"#,
        escape(title),
        id = escape(title_id),
    );
    for shape in shapes {
        shape_into(&mut svg, shape);
    }
    svg.push_str("</svg>");
    svg
}

fn shape_into(svg: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            colour,
            tip,
        } => {
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="#{:02x}{:02x}{:02x}">"##,
                colour.0, colour.1, colour.2
            );
            if !tip.is_empty() {
                let _ = write!(svg, "<title>{}</title>", escape(tip));
            }
            svg.push_str("</rect>");
        }
        Shape::Line { x1, y1, x2, y2 } => {
            let _ = write!(
                svg,
                r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="currentColor" stroke-width="1"/>"#
            );
        }
        Shape::Text {
            x,
            y,
            size,
            anchor,
            text,
        } => {
            let _ = write!(
                svg,
                r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{}" fill="currentColor">{}</text>"#,
                anchor_word(*anchor),
                escape(text)
            );
        }
    }
}

pub(crate) fn anchor_word(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_written_with_presentation_attributes_and_escaped_text() {
        let svg = picture(
            100.0,
            50.0,
            "A <picture>",
            "t",
            &[
                Shape::Rect {
                    x: 1.0,
                    y: 2.0,
                    w: 3.0,
                    h: 4.0,
                    colour: (0x4e, 0x79, 0xa7),
                    tip: "Q1 & Q2".into(),
                },
                Shape::Text {
                    x: 50.0,
                    y: 40.0,
                    size: 10.0,
                    anchor: Anchor::Middle,
                    text: "R&D".into(),
                },
            ],
        );
        assert!(
            svg.starts_with(r#"<svg class="chart" viewBox="0 0 100 50""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<title id="t">A &lt;picture&gt;</title>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r##"fill="#4e79a7"><title>Q1 &amp; Q2</title></rect>"##),
            "{svg}"
        );
        assert!(svg.contains(r#"text-anchor="middle" fill="currentColor">R&amp;D</text>"#));
        assert!(!svg.contains("style="));
        assert!(svg.ends_with("</svg>"));
    }
}
