//! Each stored activity against the content of its last audited change, so that a hand
//! at the tables (`UPDATE activities SET title = …`) shows although the trail is whole.
//! An activity created by a bulk import and unchanged since has no content in the trail
//! (the import's entry names the file): it is held against the content hash kept with the
//! row. The SQL that streams them is in `sql/audit_records.rs`.

use attache_domain::{Activity, Stored};

use super::verdict::{Break, RecordTally};
use crate::content_hash::content_hash;

/// What the trail holds for one stored activity.
#[derive(Debug)]
pub(crate) enum LastChange {
    /// Its latest entry, and the activity as that entry left it.
    Entry { id: i64, after: Option<String> },
    /// No entry of its own: created by an import (whose entry, once it committed, is
    /// named), with the content hash kept with the row.
    Imported {
        entry: Option<i64>,
        content_hash: i64,
    },
    /// Nothing: the trail never saw it.
    Unaudited,
}

#[derive(Debug, Default)]
pub(crate) struct RecordCheck {
    tally: RecordTally,
}

impl RecordCheck {
    pub fn activity(&mut self, stored: &Stored<Activity>, last: LastChange) -> Result<(), Break> {
        let record = format!("activity {}", stored.meta.id);
        match last {
            LastChange::Entry { id, after } => {
                let audited = after
                    .as_deref()
                    .and_then(|after| serde_json::from_str::<Activity>(after).ok());
                let Some(audited) = audited else {
                    return Err(Break::record(
                        record,
                        Some(id),
                        "its last audited change holds no activity to compare it with".into(),
                    ));
                };
                let changed = differing_fields(&stored.record, &audited);
                if !changed.is_empty() {
                    return Err(Break::record(
                        record,
                        Some(id),
                        format!(
                            "it differs from its last audited change, that entry, in {}: it was \
                             changed outside Attaché",
                            changed.join(", ")
                        ),
                    ));
                }
            }
            LastChange::Imported {
                entry,
                content_hash: kept,
            } => {
                if content_hash(&stored.record) != kept {
                    return Err(Break::record(
                        record,
                        entry,
                        "it differs from what its import created, and no audited change came \
                         since: it was changed outside Attaché"
                            .into(),
                    ));
                }
                self.tally.imported += 1;
            }
            LastChange::Unaudited => {
                return Err(Break::record(
                    record,
                    None,
                    "the trail holds no change that made it: it was inserted outside Attaché"
                        .into(),
                ));
            }
        }
        self.tally.activities += 1;
        Ok(())
    }

    pub fn finish(self) -> RecordTally {
        self.tally
    }
}

/// The fields in which two activities differ (names only: the reason is shown to readers
/// whom the activity's label may not clear), lists compared as sets, since the store reads
/// child rows back in its own order.
fn differing_fields(stored: &Activity, audited: &Activity) -> Vec<String> {
    let (stored, audited) = (canonical(stored), canonical(audited));
    match (stored, audited) {
        (serde_json::Value::Object(stored), serde_json::Value::Object(audited)) => stored
            .iter()
            .filter(|(field, value)| audited.get(*field) != Some(value))
            .map(|(field, _)| field.clone())
            .chain(audited.keys().filter(|f| !stored.contains_key(*f)).cloned())
            .collect(),
        _ => vec!["its content".into()],
    }
}

fn canonical(activity: &Activity) -> serde_json::Value {
    let mut a = activity.clone();
    a.participants.sort_by(|x, y| x.partner.cmp(&y.partner));
    a.objectives.sort();
    a.assets.sort();
    a.label.releasable_to.sort();
    serde_json::to_value(&a).unwrap_or_default()
}
