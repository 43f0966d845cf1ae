//! Names of the register's vocabulary as words, for pages, reports and their charts.

use std::fmt::Display;

/// `staff_talks` → `Staff talks`.
pub fn words<T: Display>(name: T) -> String {
    let name = name.to_string().replace('_', " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}
