//! Documents as PDF (krilla): lines of text and laid-out pictures on A4 pages in DejaVu
//! Sans (vendored in `assets/fonts`, with its licence, so nothing is read from the system
//! or the network), with the classification banner at the top and bottom of every page.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::analytics::series::{Anchor, CHAR_WIDTH, Shape};
use crate::{AppError, Result};

const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
pub(crate) const BODY: f32 = 10.0;
pub(crate) const TITLE: f32 = 13.0;
/// The width between the margins, for pictures.
pub(crate) const TEXT_WIDTH: f32 = WIDTH - 2.0 * MARGIN;

enum Block {
    Text(f32, String),
    Picture(f32, Vec<Shape>),
}

impl Block {
    fn height(&self) -> f32 {
        match self {
            Block::Text(size, _) => size * 1.4,
            Block::Picture(height, _) => height + BODY,
        }
    }
}

/// Lines of text, each with its size, and pictures, to be set on as many pages as they need.
#[derive(Default)]
pub(crate) struct Lines(Vec<Block>);

impl Lines {
    /// Adds `text`, wrapped at word boundaries to the page's width. DejaVu Sans averages
    /// a little over half its size per character; wrapping by count keeps this simple and
    /// the lines inside the margins.
    pub(crate) fn add(&mut self, size: f32, text: &str) {
        let per_line = (TEXT_WIDTH / (size * CHAR_WIDTH)) as usize;
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
                self.0.push(Block::Text(size, std::mem::take(&mut line)));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        self.0.push(Block::Text(size, line));
    }

    pub(crate) fn gap(&mut self) {
        self.0.push(Block::Text(BODY, String::new()));
    }

    /// Adds a picture laid out `TEXT_WIDTH` wide and `height` high; it starts a new page
    /// rather than be cut.
    pub(crate) fn picture(&mut self, height: f32, shapes: Vec<Shape>) {
        self.0.push(Block::Picture(height, shapes));
    }

    pub(crate) fn render(self, banner: &str) -> Result<Vec<u8>> {
        let font = Font::new(FONT.into(), 0)
            .ok_or_else(|| AppError::Setup("the vendored PDF font cannot be read".into()))?;
        let settings = || {
            PageSettings::from_wh(WIDTH, HEIGHT)
                .ok_or_else(|| AppError::Setup("the PDF page size is invalid".into()))
        };
        let mut document = Document::new();
        let mut blocks = self.0.into_iter().peekable();
        while blocks.peek().is_some() {
            let mut page = document.start_page_with(settings()?);
            let mut surface = page.surface();
            text(&mut surface, &font, MARGIN, MARGIN / 2.0, BODY, banner);
            let mut y = MARGIN;
            // A page takes blocks while they fit, and at least one.
            while let Some(block) =
                blocks.next_if(|b| y == MARGIN || y + b.height() <= HEIGHT - MARGIN)
            {
                match &block {
                    Block::Text(size, line) => {
                        text(&mut surface, &font, MARGIN, y + size * 1.4, *size, line)
                    }
                    Block::Picture(_, shapes) => draw(&mut surface, &font, y + BODY / 2.0, shapes),
                }
                y += block.height();
            }
            text(
                &mut surface,
                &font,
                MARGIN,
                HEIGHT - MARGIN / 2.0,
                BODY,
                banner,
            );
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| AppError::Setup(format!("the PDF could not be made: {e:?}")))
    }
}

fn text(surface: &mut Surface, font: &Font, x: f32, y: f32, size: f32, s: &str) {
    surface.set_fill(Some(fill((0, 0, 0))));
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        s,
        false,
        TextDirection::Auto,
    );
}

fn fill((r, g, b): (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }
}

/// Draws a picture's shapes with its top at `top`, between the margins.
fn draw(surface: &mut Surface, font: &Font, top: f32, shapes: &[Shape]) {
    for shape in shapes {
        match shape {
            Shape::Rect {
                x, y, w, h, colour, ..
            } => {
                let mut path = PathBuilder::new();
                let Some(rect) = Rect::from_xywh(MARGIN + x, top + y, *w, *h) else {
                    continue;
                };
                path.push_rect(rect);
                if let Some(path) = path.finish() {
                    surface.set_fill(Some(fill(*colour)));
                    surface.draw_path(&path);
                }
            }
            Shape::Line { x1, y1, x2, y2 } => {
                let mut path = PathBuilder::new();
                path.move_to(MARGIN + x1, top + y1);
                path.line_to(MARGIN + x2, top + y2);
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        width: 0.5,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
            }
            Shape::Text {
                x,
                y,
                size,
                anchor,
                text: s,
            } => {
                let width = s.chars().count() as f32 * size * CHAR_WIDTH;
                let start = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - width / 2.0,
                    Anchor::End => x - width,
                };
                text(surface, font, MARGIN + start, top + y, *size, s);
            }
        }
    }
}
