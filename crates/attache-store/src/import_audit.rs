//! The audit of a bulk import. Rows that it creates are not audited one by one (a million
//! rows would mean a million copies of themselves in the trail): the import appends one
//! entry per security label among them, naming the file and its SHA-256, the source, how
//! many it created (and how many of them past proposed: `import_history`) and their ids. Each created activity keeps a link to its entry
//! (`activities.imported_in`), so that its history still starts with its import. Rows an
//! import changes keep one entry each, with before and after. The SQL is in
//! `sql/import.rs`.

use std::collections::HashMap;
use std::fmt;

use attache_domain::SecurityLabel;
use serde::Serialize;

use crate::audit::Change;
use crate::{ImportOrigin, Result, StoreError};

/// Ids as ascending ranges, written `1-500,731,733-740`: an import numbers its rows
/// consecutively, so a label shared by neighbouring rows makes one range.
#[derive(Debug, Default)]
pub(crate) struct IdRanges(Vec<(i64, i64)>);

impl IdRanges {
    /// Adds an id above every id so far.
    pub fn push(&mut self, id: i64) {
        match self.0.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => self.0.push((id, id)),
        }
    }
}

impl fmt::Display for IdRanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, (first, last)) in self.0.iter().enumerate() {
            let comma = if n == 0 { "" } else { "," };
            match first == last {
                true => write!(f, "{comma}{first}")?,
                false => write!(f, "{comma}{first}-{last}")?,
            }
        }
        Ok(())
    }
}

/// The activities an import created under one label.
#[derive(Debug)]
pub(crate) struct Group {
    /// Its row in `import_groups`, which created activities name.
    row: i64,
    label: SecurityLabel,
    created: u64,
    /// How many of them it created past proposed: history, not the lifecycle.
    history: u64,
    ids: IdRanges,
}

/// An import's groups, in the order their labels first appeared.
#[derive(Debug, Default)]
pub(crate) struct ImportGroups {
    by_label: HashMap<SecurityLabel, usize>,
    groups: Vec<Group>,
}

/// What a group's audit entry says, as its `after`.
#[derive(Serialize)]
struct Imported<'a> {
    file: &'a str,
    sha256: &'a str,
    source: &'a str,
    created: u64,
    #[serde(skip_serializing_if = "is_zero")]
    history: u64,
    ids: String,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl ImportGroups {
    /// The group of a label, by index, if it has one yet.
    pub fn find(&self, label: &SecurityLabel) -> Option<usize> {
        self.by_label.get(label).copied()
    }

    /// Adds the group of a label, whose row is `row`; gives its index.
    pub fn add(&mut self, label: &SecurityLabel, row: i64) -> usize {
        let index = self.groups.len();
        self.by_label.insert(label.clone(), index);
        self.groups.push(Group {
            row,
            label: label.clone(),
            created: 0,
            history: 0,
            ids: IdRanges::default(),
        });
        index
    }

    /// The row of a group, by the index `find` or `add` gave.
    pub fn row(&self, index: usize) -> Result<i64> {
        self.groups
            .get(index)
            .map(|g| g.row)
            .ok_or_else(|| no_group(index))
    }

    /// Counts an activity created in a group; each group's ids come ascending.
    pub fn created(&mut self, index: usize, id: i64) -> Result<()> {
        let group = self.groups.get_mut(index).ok_or_else(|| no_group(index))?;
        group.created += 1;
        group.ids.push(id);
        Ok(())
    }

    /// Counts an activity created in a group past proposed.
    pub fn history(&mut self, index: usize) -> Result<()> {
        let group = self.groups.get_mut(index).ok_or_else(|| no_group(index))?;
        group.history += 1;
        Ok(())
    }

    pub fn rows(&self) -> impl Iterator<Item = i64> + '_ {
        self.groups.iter().map(|g| g.row)
    }

    /// One audit entry per group, in the groups' order; `owner` is the importer's nation.
    pub fn changes(&self, origin: &ImportOrigin, owner: &str) -> Vec<Change> {
        self.groups
            .iter()
            .map(|g| {
                let after = Imported {
                    file: &origin.file,
                    sha256: &origin.sha256,
                    source: &origin.source,
                    created: g.created,
                    history: g.history,
                    ids: g.ids.to_string(),
                };
                Change {
                    // An import that brought in later states says so in its action.
                    action: if g.history > 0 {
                        "import_history"
                    } else {
                        "import"
                    },
                    record_type: "import",
                    record_id: origin.source.clone(),
                    classification: g.label.classification.as_str(),
                    releasable_to: g.label.releasable_to_text(),
                    owner_nation: owner.to_owned(),
                    before: None,
                    after: serde_json::to_string(&after).ok(),
                }
            })
            .collect()
    }
}

/// An index that `find` or `add` did not give.
fn no_group(index: usize) -> StoreError {
    StoreError::corrupt("import", format!("no import group {index}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_written_as_ranges() {
        let mut ids = IdRanges::default();
        for id in [1, 2, 3, 5, 7, 8] {
            ids.push(id);
        }
        assert_eq!(ids.to_string(), "1-3,5,7-8");
        assert_eq!(IdRanges::default().to_string(), "");
    }
}
