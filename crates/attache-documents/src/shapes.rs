//! Pictures as plain shapes (rectangles, lines, anchored text), laid out once in points
//! from the top left and then written as SVG (`svg`) or drawn on a PDF page (`pdf`).

use crate::font;

/// One element of a laid-out picture; coordinates from the top left, y downwards.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: (u8, u8, u8),
        /// What it stands for, for a pointer or a screen reader (empty: nothing).
        tip: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// Text whose baseline starts, is centred or ends at `x`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        anchor: Anchor,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// Where text `width` wide starts when anchored at `x`.
    pub fn start(self, x: f32, width: f32) -> f32 {
        match self {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        }
    }
}

impl Shape {
    /// The shape's left and right edges, text by its measured width.
    pub fn span(&self) -> (f32, f32) {
        match self {
            Shape::Rect { x, w, .. } => (*x, x + w),
            Shape::Line { x1, x2, .. } => (x1.min(*x2), x1.max(*x2)),
            Shape::Text {
                x,
                size,
                anchor,
                text,
                ..
            } => {
                let width = font::width(text, *size);
                let start = anchor.start(*x, width);
                (start, start + width)
            }
        }
    }
}
