//! The templates' own filters.

use std::fmt::Display;

pub use attache_app::words::words;

/// `words`, as a template filter.
#[askama::filter_fn]
pub fn human<T: Display>(name: T, _: &dyn askama::Values) -> askama::Result<String> {
    Ok(words(name))
}
