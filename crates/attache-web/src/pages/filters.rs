//! The templates' own filters.

use std::fmt::Display;

/// A name of the register's vocabulary as words: `staff_talks` → `Staff talks`.
pub fn words<T: Display>(name: T) -> String {
    let name = name.to_string().replace('_', " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// `words`, as a template filter.
#[askama::filter_fn]
pub fn human<T: Display>(name: T, _: &dyn askama::Values) -> askama::Result<String> {
    Ok(words(name))
}
