//! The interchange format of activities: one set of columns for CSV and keys for JSON, so
//! that a file exported anywhere imports anywhere (see `../shared/DESIGN.md`).
//!
//! This module maps columns to [`ActivityInput`] fields; reading and writing files is the
//! application's job.

use crate::activity::ActivityInput;
use crate::error::{FieldError, FieldErrors};

/// The columns in the order exports write them. The first nineteen are the shared format;
/// `source` and `nature` follow, as the format allows.
pub const COLUMNS: [&str; 21] = [
    "external_id",
    "title",
    "category",
    "status",
    "start_date",
    "end_date",
    "host",
    "participants",
    "location",
    "latitude",
    "longitude",
    "objectives",
    "assets",
    "cost_amount",
    "cost_currency",
    "classification",
    "releasable_to",
    "description",
    "outcome",
    "source",
    "nature",
];

/// The separator of list cells in CSV (`SGP;GBR`).
pub const LIST_SEPARATOR: char = ';';

/// One field of an input, by column.
pub enum Field<'a> {
    Text(&'a mut String),
    List(&'a mut Vec<String>),
}

impl ActivityInput {
    /// The field behind a column, or `None` for a column the format does not know.
    pub fn field_mut(&mut self, column: &str) -> Option<Field<'_>> {
        use Field::{List, Text};
        Some(match column {
            "external_id" => Text(&mut self.external_id),
            "title" => Text(&mut self.title),
            "category" => Text(&mut self.category),
            "status" => Text(&mut self.status),
            "start_date" => Text(&mut self.start_date),
            "end_date" => Text(&mut self.end_date),
            "host" => Text(&mut self.host),
            "participants" => List(&mut self.participants),
            "location" => Text(&mut self.location),
            "latitude" => Text(&mut self.latitude),
            "longitude" => Text(&mut self.longitude),
            "objectives" => List(&mut self.objectives),
            "assets" => List(&mut self.assets),
            "cost_amount" => Text(&mut self.cost_amount),
            "cost_currency" => Text(&mut self.cost_currency),
            "classification" => Text(&mut self.classification),
            "releasable_to" => List(&mut self.releasable_to),
            "description" => Text(&mut self.description),
            "outcome" => Text(&mut self.outcome),
            "source" => Text(&mut self.source),
            "nature" => Text(&mut self.nature),
            _ => return None,
        })
    }

    /// Sets a column from its CSV cell (as [`from_spreadsheet`] reads it); a list cell is
    /// split at `;`.
    pub fn set_cell(&mut self, column: &str, cell: &str) {
        let cell = from_spreadsheet(cell);
        match self.field_mut(column) {
            Some(Field::Text(text)) => cell.clone_into(text),
            Some(Field::List(list)) => *list = split_list(cell),
            None => {}
        }
    }

    /// The CSV cells in [`COLUMNS`] order, safe for a spreadsheet ([`spreadsheet_safe`]);
    /// lists joined with `;`.
    pub fn cells(&self) -> Vec<String> {
        let mut copy = self.clone();
        COLUMNS
            .iter()
            .map(|column| match copy.field_mut(column) {
                Some(Field::Text(text)) => std::mem::take(text),
                Some(Field::List(list)) => list.join(";"),
                None => String::new(),
            })
            .map(spreadsheet_safe)
            .collect()
    }
}

/// A cell as a spreadsheet may open it: one it would run as a formula (first `=`, `+`,
/// `-`, `@`, a tab or a carriage return, as OWASP's CSV injection guidance lists) is
/// written behind a `'`, which spreadsheets show as text; so is one that already starts
/// with `'`, so that [`from_spreadsheet`] drops exactly one and the round trip is exact. A
/// plain number (a negative longitude) stays as it is.
pub fn spreadsheet_safe(cell: String) -> String {
    let risky =
        cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) && cell.parse::<f64>().is_err();
    if risky { format!("'{cell}") } else { cell }
}

/// A cell as [`spreadsheet_safe`] wrote it, back as it was.
pub fn from_spreadsheet(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

pub fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ActivityInput {
    /// An activity from one JSON object, field by field: text fields take strings, numbers or
    /// booleans; list fields take arrays of strings or one `;`-separated string; keys that the
    /// format does not know are left aside, as extra CSV columns are.
    pub fn from_json(value: serde_json::Value) -> Result<Self, FieldErrors> {
        use serde_json::Value;
        let Value::Object(object) = value else {
            return Err(FieldErrors(vec![FieldError::new(
                "item",
                "expected an object with the activity's fields",
            )]));
        };
        let mut input = ActivityInput::default();
        let mut errors = FieldErrors::default();
        for (key, value) in object {
            let Some(column) = COLUMNS.iter().copied().find(|c| *c == key) else {
                continue;
            };
            let scalar = |value: &Value| match value {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                Value::Null => Some(String::new()),
                Value::Array(_) | Value::Object(_) => None,
            };
            match (input.field_mut(column), &value) {
                (Some(Field::Text(text)), value) => match scalar(value) {
                    Some(s) => *text = s,
                    None => errors.push(column, "expected text or a number"),
                },
                (Some(Field::List(list)), Value::Array(items)) => {
                    match items
                        .iter()
                        .map(|i| i.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                    {
                        Some(items) => *list = items,
                        None => errors.push(column, "expected a list of strings"),
                    }
                }
                (Some(Field::List(list)), value) => match scalar(value) {
                    Some(s) => *list = split_list(&s),
                    None => errors.push(column, "expected a list of strings"),
                },
                (None, _) => {}
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{from_spreadsheet, spreadsheet_safe};
    use proptest::prelude::*;

    #[test]
    fn formulas_are_written_as_text_and_numbers_as_numbers() {
        for formula in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "'quoted"] {
            assert_eq!(spreadsheet_safe(formula.into()), format!("'{formula}"));
        }
        for plain in ["", "Staff talks", "-33.86", "151.2", "2027-03-14"] {
            assert_eq!(spreadsheet_safe(plain.into()), plain);
        }
    }

    proptest! {
        #[test]
        fn a_cell_reads_back_as_it_was_written(cell in any::<String>()) {
            let written = spreadsheet_safe(cell.clone());
            let runs = written.starts_with(['=', '+', '-', '@', '\t', '\r']);
            prop_assert!(!runs || written.parse::<f64>().is_ok(), "{written:?}");
            prop_assert_eq!(from_spreadsheet(&written), cell);
        }
    }
}
