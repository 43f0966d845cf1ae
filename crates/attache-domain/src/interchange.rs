//! The interchange format of activities: one set of columns for CSV and keys for JSON, so
//! that a file exported anywhere imports anywhere (see `../shared/DESIGN.md`).
//!
//! This module maps columns to [`ActivityInput`] fields; reading and writing files is the
//! application's job.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::activity::ActivityInput;

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

    /// Sets a column from its CSV cell; a list cell is split at `;`.
    pub fn set_cell(&mut self, column: &str, cell: &str) {
        match self.field_mut(column) {
            Some(Field::Text(text)) => cell.clone_into(text),
            Some(Field::List(list)) => *list = split_list(cell),
            None => {}
        }
    }

    /// The CSV cells in [`COLUMNS`] order; lists joined with `;`.
    pub fn cells(&self) -> Vec<String> {
        let mut copy = self.clone();
        COLUMNS
            .iter()
            .map(|column| match copy.field_mut(column) {
                Some(Field::Text(text)) => std::mem::take(text),
                Some(Field::List(list)) => list.join(";"),
                None => String::new(),
            })
            .collect()
    }
}

pub fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads a JSON scalar (string, number, boolean or null) as text, since other tools write
/// `"latitude": 1.29` where Attaché writes strings.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct TextVisitor;
    impl Visitor<'_> for TextVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
    }
    deserializer.deserialize_any(TextVisitor)
}

/// Reads a list as a JSON array of strings, or as one `;`-separated string.
pub fn list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct ListVisitor;
    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of strings or a ';'-separated string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(split_list(v))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<String>()? {
                out.push(item);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_any(ListVisitor)
}
