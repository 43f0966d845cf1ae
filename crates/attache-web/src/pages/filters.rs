//! The templates' own filters.

use std::fmt::Display;

pub use attache_app::words::words;

/// `words`, as a template filter.
#[askama::filter_fn]
pub fn human<T: Display>(name: T, _: &dyn askama::Values) -> askama::Result<String> {
    Ok(words(name))
}

/// A share as a whole percentage, or a dash when there is none: `0.62` → `62%`.
#[askama::filter_fn]
pub fn percent<T: std::borrow::Borrow<Option<f64>>>(
    value: T,
    _: &dyn askama::Values,
) -> askama::Result<String> {
    Ok(value
        .borrow()
        .map_or("—".to_owned(), |p| format!("{:.0}%", 100.0 * p)))
}

/// A mean to one decimal, or a dash when there is none.
#[askama::filter_fn]
pub fn mean<T: std::borrow::Borrow<Option<f64>>>(
    value: T,
    _: &dyn askama::Values,
) -> askama::Result<String> {
    Ok(value.borrow().map_or("—".to_owned(), |m| format!("{m:.1}")))
}
