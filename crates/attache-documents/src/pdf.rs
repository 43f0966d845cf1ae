//! Laid-out pages drawn as a PDF with krilla: text in the embedded font, ruled cells and
//! pictures' shapes, made without any file or network access.

use krilla::Document;
use krilla::color::{luma, rgb};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::page::{Mark, Paper};
use crate::shapes::Shape;
use crate::{Error, Result, font};

/// `pages` of marks on `paper`, as a PDF file.
pub(crate) fn draw(paper: Paper, pages: &[Vec<Mark>]) -> Result<Vec<u8>> {
    let font = Font::new(font::DEJAVU_SANS.into(), 0)
        .ok_or_else(|| Error::new("the embedded font cannot be read"))?;
    let mut document = Document::new();
    for marks in pages {
        let settings = PageSettings::from_wh(paper.width, paper.height)
            .ok_or_else(|| Error::new("the page size is invalid"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for mark in marks {
            match mark {
                Mark::Text { x, y, size, text } => {
                    write(&mut surface, &font, *x, *y, *size, text);
                }
                Mark::Cell { x, y, w, h, shaded } => {
                    let fill = shaded.then(|| Fill {
                        paint: luma::Color::new(235).into(),
                        ..Fill::default()
                    });
                    let stroke = Stroke {
                        paint: rgb::Color::new(68, 68, 68).into(),
                        width: 0.6,
                        ..Stroke::default()
                    };
                    rect(&mut surface, (*x, *y, *w, *h), fill, Some(stroke));
                }
                Mark::Picture { x, y, shapes } => picture(&mut surface, &font, *x, *y, shapes),
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| Error::new(format!("the PDF could not be made: {e:?}")))
}

fn write(surface: &mut Surface<'_>, font: &Font, x: f32, y: f32, size: f32, text: &str) {
    if text.is_empty() {
        return;
    }
    surface.set_fill(Some(solid((0, 0, 0))));
    surface.set_stroke(None);
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn solid((r, g, b): (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }
}

fn rect(
    surface: &mut Surface<'_>,
    (x, y, w, h): (f32, f32, f32, f32),
    fill: Option<Fill>,
    stroke: Option<Stroke>,
) {
    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.set_fill(fill);
        surface.set_stroke(stroke);
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

/// A picture's shapes, its top left at `left`, `top`.
fn picture(surface: &mut Surface<'_>, font: &Font, left: f32, top: f32, shapes: &[Shape]) {
    for shape in shapes {
        match shape {
            Shape::Rect {
                x, y, w, h, colour, ..
            } => rect(
                surface,
                (left + x, top + y, *w, *h),
                Some(solid(*colour)),
                None,
            ),
            Shape::Line { x1, y1, x2, y2 } => {
                let mut path = PathBuilder::new();
                path.move_to(left + x1, top + y1);
                path.line_to(left + x2, top + y2);
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
                text,
            } => {
                let start = anchor.start(*x, font::width(text, *size));
                write(surface, font, left + start, top + y, *size, text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]

    use crate::page::{A4_LANDSCAPE, Sheet, Style, Table};

    /// The pages a PDF's bytes declare: krilla writes one `/Type/Page` object each, and
    /// their count in the page tree.
    fn pages_in_bytes(pdf: &[u8]) -> (usize, usize) {
        let text = String::from_utf8_lossy(pdf);
        let objects = text.matches("/Type/Page").count() - text.matches("/Type/Pages").count();
        let count = text
            .split("/Count ")
            .nth(1)
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        (objects, count)
    }

    #[test]
    fn every_page_of_the_pdf_has_the_banners_and_the_header_row() {
        let mut sheet = Sheet::new(Style::FORM.on(A4_LANDSCAPE), "OFFICIAL-SENSITIVE");
        sheet.title_block(&["Annual calendar".into(), "Submitted by GBR.".into()]);
        sheet.table(&Table {
            shares: vec![0.2, 0.8],
            header: Some(vec!["Reference".into(), "Designation".into()]),
            rows: (1..=150)
                .map(|n| vec![format!("CAL-{n:03}"), format!("Exercise number {n}")])
                .collect(),
            size: 8.0,
        });
        let total = sheet.content().len();
        assert!(total >= 3, "{total} page(s)");
        let pdf = sheet.pdf().unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(32)..]).into_owned();
        assert!(tail.contains("%%EOF"), "{tail}");
        assert_eq!(pages_in_bytes(&pdf), (total, total));
        for n in 1..=total {
            let Some(text) = attache_testkit::poppler::text(&pdf, n, n) else {
                eprintln!("pdftotext is not installed: the PDF's text is not read");
                return;
            };
            assert_eq!(
                text.matches("OFFICIAL-SENSITIVE").count(),
                2,
                "page {n}: {text}"
            );
            assert!(
                text.contains("Reference") && text.contains("Designation"),
                "page {n}"
            );
            assert!(
                text.contains(&format!("Page {n} of {total}")),
                "page {n}: {text}"
            );
        }
        let last = attache_testkit::poppler::text(&pdf, total, total).unwrap_or_default();
        assert!(
            last.contains("CAL-150") && !last.contains("CAL-001"),
            "{last}"
        );
    }
}
