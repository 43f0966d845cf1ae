//! The page layout engine: a document's content placed on A4 pages between margins, as
//! plain marks (text at its baseline, ruled cells, pictures): paragraphs wrapped by
//! measured width, ruled title blocks, tables whose header row is repeated on each page
//! they run onto, and pictures of shapes, which start a new page rather than be cut. The
//! classification banner goes at the top and bottom of every page, with "Page n of N"
//! where the style wants it. Layout is done first, so the page count is known and tests
//! can read it; `pdf` then draws the marks.

use crate::font::{self, wrap};
use crate::shapes::Shape;

/// A page size, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub width: f32,
    pub height: f32,
}

pub const A4_PORTRAIT: Paper = Paper {
    width: 595.0,
    height: 842.0,
};
pub const A4_LANDSCAPE: Paper = Paper {
    width: 842.0,
    height: 595.0,
};

/// Where the banner stands on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
}

/// How a kind of document looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub paper: Paper,
    pub margin: f32,
    /// Body text, titles and small print (page numbers, dense tables), in points.
    pub body: f32,
    pub title: f32,
    pub small: f32,
    /// A line's height as a multiple of its size.
    pub leading: f32,
    pub banner: Align,
    /// "Page n of N" at the bottom right of each page.
    pub numbered: bool,
}

impl Style {
    /// Reports: portrait, lines of text and pictures, the banner on the left.
    pub const REPORT: Style = Style {
        paper: A4_PORTRAIT,
        margin: 56.0,
        body: 10.0,
        title: 13.0,
        small: 8.0,
        leading: 1.4,
        banner: Align::Left,
        numbered: false,
    };

    /// Forms (the CSBM notification formats): ruled tables, the banner centred, pages
    /// numbered.
    pub const FORM: Style = Style {
        paper: A4_PORTRAIT,
        margin: 48.0,
        body: 9.5,
        title: 13.0,
        small: 8.0,
        leading: 1.35,
        banner: Align::Centre,
        numbered: true,
    };

    /// The same style on other paper.
    pub fn on(self, paper: Paper) -> Style {
        Style { paper, ..self }
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.leading
    }
}

/// What is drawn on a page: text at its baseline, a ruled (optionally shaded) box, or a
/// picture whose top left is at `x`, `y`.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    Cell {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        shaded: bool,
    },
    Picture {
        x: f32,
        y: f32,
        shapes: Vec<Shape>,
    },
}

/// A table: column widths as shares of the text width, an optional header row (repeated
/// on each page the table runs onto), and rows of cells, in text of `size`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub shares: Vec<f32>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<Vec<String>>,
    pub size: f32,
}

/// Inside a cell: space around the text.
const PAD: f32 = 4.0;
/// A label / value table: the label a third of the width.
pub const LABEL_VALUE: [f32; 2] = [0.36, 0.64];

/// Pages being filled, top to bottom.
#[derive(Debug, Clone)]
pub struct Sheet {
    style: Style,
    banner: String,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Sheet {
    /// An empty first page, `banner` (the classification) to go at the top and bottom of
    /// every page.
    pub fn new(style: Style, banner: &str) -> Self {
        Self {
            style,
            banner: banner.to_owned(),
            pages: vec![Vec::new()],
            y: style.margin,
        }
    }

    pub fn style(&self) -> &Style {
        &self.style
    }

    /// The width between the margins.
    pub fn text_width(&self) -> f32 {
        self.style.paper.width - 2.0 * self.style.margin
    }

    /// The bottom of the space for content (the lower banner and page number below).
    fn bottom(&self) -> f32 {
        self.style.paper.height - self.style.margin
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.style.margin;
    }

    /// Room for `height` more points on this page, or a new page (unless this one is
    /// still empty: what is taller than a page goes on one anyway).
    fn room(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > self.style.margin {
            self.new_page();
        }
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.mark(Mark::Text {
            x,
            y,
            size,
            text: text.to_owned(),
        });
    }

    /// Where text of `size` has its baseline in a line whose box starts at `top`.
    fn baseline(&self, top: f32, size: f32) -> f32 {
        top + self.style.line_height(size) - size * 0.3
    }

    /// A paragraph, wrapped to the text width.
    pub fn paragraph(&mut self, size: f32, text: &str) {
        let margin = self.style.margin;
        for line in wrap(text, size, self.text_width()) {
            let height = self.style.line_height(size);
            self.room(height);
            let y = self.baseline(self.y, size);
            self.text_at(margin, y, size, &line);
            self.y += height;
        }
    }

    /// Empty space of `points`.
    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// An empty line of body text.
    pub fn blank_line(&mut self) {
        self.gap(self.style.line_height(self.style.body));
    }

    /// A heading: an empty line, then the title-sized text.
    pub fn heading(&mut self, text: &str) {
        self.blank_line();
        self.paragraph(self.style.title, text);
    }

    /// The title block: a ruled, shaded box of lines, the first title-sized.
    pub fn title_block(&mut self, lines: &[String]) {
        let width = self.text_width();
        let mut wrapped = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let size = if i == 0 {
                self.style.title
            } else {
                self.style.body
            };
            wrapped.extend(
                wrap(line, size, width - 2.0 * PAD)
                    .into_iter()
                    .map(|l| (size, l)),
            );
        }
        let height: f32 = wrapped
            .iter()
            .map(|(s, _)| self.style.line_height(*s))
            .sum::<f32>()
            + 2.0 * PAD;
        self.room(height);
        let x = self.style.margin;
        self.mark(Mark::Cell {
            x,
            y: self.y,
            w: width,
            h: height,
            shaded: true,
        });
        let mut y = self.y + PAD;
        for (size, line) in wrapped {
            let baseline = self.baseline(y, size);
            self.text_at(x + PAD, baseline, size, &line);
            y += self.style.line_height(size);
        }
        self.y += height;
    }

    /// Each cell's text wrapped within its column, with the column's width.
    fn cells(&self, shares: &[f32], cells: &[String], size: f32) -> Vec<(f32, Vec<String>)> {
        let width = self.text_width();
        shares
            .iter()
            .zip(cells)
            .map(|(share, cell)| {
                let w = share * width;
                (w, wrap(cell, size, w - 2.0 * PAD))
            })
            .collect()
    }

    fn row_height(&self, shares: &[f32], cells: &[String], size: f32) -> f32 {
        let lines = self
            .cells(shares, cells, size)
            .iter()
            .map(|(_, l)| l.len())
            .max()
            .unwrap_or(1);
        lines as f32 * self.style.line_height(size) + 2.0 * PAD
    }

    /// One row of ruled cells, each cell's text wrapped within it.
    fn row(&mut self, shares: &[f32], cells: &[String], size: f32, shaded: bool) {
        let columns = self.cells(shares, cells, size);
        let height = self.row_height(shares, cells, size);
        let mut x = self.style.margin;
        for (w, cell) in columns {
            self.mark(Mark::Cell {
                x,
                y: self.y,
                w,
                h: height,
                shaded,
            });
            let mut y = self.y + PAD;
            for line in cell {
                let baseline = self.baseline(y, size);
                self.text_at(x + PAD, baseline, size, &line);
                y += self.style.line_height(size);
            }
            x += w;
        }
        self.y += height;
    }

    /// A table; a row that does not fit starts a new page, under the header row again.
    pub fn table(&mut self, table: &Table) {
        let header_height = table
            .header
            .as_ref()
            .map_or(0.0, |h| self.row_height(&table.shares, h, table.size));
        let mut headed = false;
        for row in &table.rows {
            let height = self.row_height(&table.shares, row, table.size);
            let before = self.pages.len();
            self.room(height + if headed { 0.0 } else { header_height });
            if self.pages.len() != before {
                headed = false;
            }
            if !headed && let Some(header) = &table.header {
                self.row(&table.shares, header, table.size, true);
            }
            headed = true;
            self.row(&table.shares, row, table.size, false);
        }
        self.gap(self.style.body);
    }

    /// A numbered section of a form: its heading, kept with the first row of its label /
    /// value table.
    pub fn section(&mut self, heading: &str, rows: Vec<(String, String)>) {
        let rows: Vec<Vec<String>> = rows.into_iter().map(|(l, v)| vec![l, v]).collect();
        let size = self.style.body;
        let first = rows
            .first()
            .map_or(0.0, |r| self.row_height(&LABEL_VALUE, r, size));
        let height = self.style.line_height(self.style.title);
        self.room(height + first);
        self.y += height;
        let margin = self.style.margin;
        self.text_at(margin, self.y - 4.0, 11.0, heading);
        self.table(&Table {
            shares: LABEL_VALUE.to_vec(),
            header: None,
            rows,
            size,
        });
    }

    /// A picture `height` high, laid out for the text width; it starts a new page rather
    /// than be cut.
    pub fn picture(&mut self, height: f32, shapes: Vec<Shape>) {
        let body = self.style.body;
        self.room(height + body);
        let (x, y) = (self.style.margin, self.y + body / 2.0);
        self.mark(Mark::Picture { x, y, shapes });
        self.y += height + body;
    }

    /// The content of each page, without banners and numbers.
    pub fn content(&self) -> &[Vec<Mark>] {
        &self.pages
    }

    /// Each whole page: the banner at its top, its content, and at its bottom the page
    /// number (if numbered) and the banner.
    pub fn pages(&self) -> Vec<Vec<Mark>> {
        let Style {
            paper,
            margin,
            body,
            small,
            ..
        } = self.style;
        let total = self.pages.len();
        let banner_x = match self.style.banner {
            Align::Left => margin,
            Align::Centre => paper.width / 2.0 - font::width(&self.banner, body) / 2.0,
        };
        let banner = |y: f32| Mark::Text {
            x: banner_x,
            y,
            size: body,
            text: self.banner.clone(),
        };
        let low = paper.height - margin / 2.0;
        self.pages
            .iter()
            .enumerate()
            .map(|(n, content)| {
                let mut page = Vec::with_capacity(content.len() + 3);
                page.push(banner(margin / 2.0));
                page.extend(content.iter().cloned());
                if self.style.numbered {
                    let number = format!("Page {} of {total}", n + 1);
                    page.push(Mark::Text {
                        x: paper.width - margin - font::width(&number, small),
                        y: low,
                        size: small,
                        text: number,
                    });
                    page.push(banner(low + body * 1.4));
                } else {
                    page.push(banner(low));
                }
                page
            })
            .collect()
    }

    /// The pages as a PDF.
    pub fn pdf(&self) -> crate::Result<Vec<u8>> {
        crate::pdf::draw(self.style.paper, &self.pages())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::shapes::Anchor;

    pub(crate) fn texts(page: &[Mark]) -> Vec<&str> {
        page.iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn long_table(rows: usize) -> Table {
        Table {
            shares: vec![0.1, 0.5, 0.4],
            header: Some(vec!["No.".into(), "Designation".into(), "Area".into()]),
            rows: (1..=rows)
                .map(|n| {
                    vec![
                        n.to_string(),
                        format!("Exercise number {n}, with a designation long enough to wrap"),
                        "Lower Saxony and the North German plain".into(),
                    ]
                })
                .collect(),
            size: 8.0,
        }
    }

    #[test]
    fn a_long_table_repeats_its_header_row_on_every_page() {
        let mut sheet = Sheet::new(Style::FORM.on(A4_LANDSCAPE), "OFFICIAL");
        sheet.title_block(&["A long table".into()]);
        sheet.table(&long_table(120));
        let pages = sheet.content();
        assert!(pages.len() >= 3, "{} page(s)", pages.len());
        let mut numbers = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            let words = texts(page);
            assert_eq!(
                words.iter().filter(|w| **w == "Designation").count(),
                1,
                "the header row once on page {}",
                n + 1
            );
            // The header row comes before every row of the page.
            let header = words.iter().position(|w| *w == "Designation").unwrap();
            let first_row = words
                .iter()
                .position(|w| w.starts_with("Exercise"))
                .unwrap();
            assert!(header < first_row, "page {}", n + 1);
            numbers.extend(
                words
                    .iter()
                    .filter(|w| w.starts_with("Exercise number"))
                    .map(|w| w.to_string()),
            );
            // Nothing below the bottom margin.
            for mark in page {
                let bottom = match mark {
                    Mark::Text { y, .. } => *y,
                    Mark::Cell { y, h, .. } => y + h,
                    Mark::Picture { y, .. } => *y,
                };
                assert!(bottom <= A4_LANDSCAPE.height - 48.0 + 0.01, "{mark:?}");
            }
        }
        // Every row once, in order.
        let expected: Vec<String> = (1..=120)
            .map(|n| format!("Exercise number {n}, with a"))
            .collect();
        let found: Vec<String> = numbers
            .iter()
            .map(|w| {
                w.split_inclusive(' ')
                    .take(5)
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn cell_text_stays_inside_its_cell() {
        let mut sheet = Sheet::new(Style::FORM, "OFFICIAL");
        sheet.table(&long_table(10));
        let page = &sheet.content()[0];
        let cells: Vec<(f32, f32)> = page
            .iter()
            .filter_map(|m| match m {
                Mark::Cell { x, w, .. } => Some((*x, x + w)),
                _ => None,
            })
            .collect();
        for mark in page {
            if let Mark::Text { x, size, text, .. } = mark {
                let right = x + font::width(text, *size);
                assert!(
                    cells
                        .iter()
                        .any(|(l, r)| *x >= *l && right <= r - PAD + 0.01),
                    "{text:?} from {x} to {right}"
                );
            }
        }
    }

    #[test]
    fn banners_are_at_the_top_and_bottom_of_every_page() {
        for style in [Style::REPORT, Style::FORM] {
            let mut sheet = Sheet::new(style, "SECRET");
            for n in 0..200 {
                sheet.paragraph(10.0, &format!("Line {n} of a long report."));
            }
            let pages = sheet.pages();
            assert!(pages.len() >= 3);
            let total = pages.len();
            for (n, page) in pages.iter().enumerate() {
                let words = texts(page);
                assert_eq!(words.first(), Some(&"SECRET"), "top of page {}", n + 1);
                assert_eq!(words.last(), Some(&"SECRET"), "bottom of page {}", n + 1);
                let number = format!("Page {} of {total}", n + 1);
                assert_eq!(words.contains(&number.as_str()), style.numbered);
            }
        }
    }

    #[test]
    fn a_picture_starts_a_new_page_rather_than_be_cut() {
        let mut sheet = Sheet::new(Style::REPORT, "OFFICIAL");
        for _ in 0..45 {
            sheet.paragraph(10.0, "A line.");
        }
        let shape = Shape::Text {
            x: 0.0,
            y: 10.0,
            size: 10.0,
            anchor: Anchor::Start,
            text: "In the picture".into(),
        };
        sheet.picture(200.0, vec![shape.clone()]);
        let pages = sheet.content();
        assert_eq!(pages.len(), 2);
        assert!(matches!(&pages[1][0], Mark::Picture { shapes, .. } if shapes == &[shape]));
    }
}
