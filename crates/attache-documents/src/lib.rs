//! Attaché's documents, as PDF and SVG: one embedded font and text measured by it
//! (`font`), one escape for hand-written XML (`escape`), pictures as shapes (`shapes`,
//! written by `svg`, drawn by `pdf`), the pages' bar charts (`bars`), and one page layout
//! engine for every PDF (`page`). It does no I/O and knows nothing of the register: the
//! application hands it plain text, rows and shapes.

pub mod bars;
pub mod escape;
pub mod font;
pub mod page;
mod pdf;
pub mod shapes;
pub mod svg;

pub use escape::escape;
pub use page::{Sheet, Style, Table};
pub use shapes::{Anchor, Shape};

/// Why a document could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    fn new(why: impl Into<String>) -> Self {
        Self(why.into())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
