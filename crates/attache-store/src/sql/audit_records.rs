//! The stored activities, a page at a time, each with what the trail last says of it (its
//! latest entry, or the import that created it), held against it by `RecordCheck`.

use std::collections::HashMap;

use sqlx::QueryBuilder;

use super::Db;
use super::activities::{ACTIVITY_COLUMNS, assemble_activities};
use super::shared::Conn;
use crate::audit::{Break, LastChange, RecordCheck, RecordTally};
use crate::sql::rows::ActivityRow;
use crate::{Result, StoreError};

/// Activities a page: their rows, children and last entries are held at once.
const PAGE: i64 = 500;

/// Checks every stored activity; the first that differs ends the check.
pub(super) async fn check_activities(
    conn: &mut Conn,
) -> Result<std::result::Result<RecordTally, Break>> {
    let mut check = RecordCheck::default();
    let mut after = 0i64;
    loop {
        let mut qb = QueryBuilder::<Db>::new(ACTIVITY_COLUMNS);
        qb.push(" FROM activities a WHERE a.id > ")
            .push_bind(after)
            .push(" ORDER BY a.id LIMIT ")
            .push_bind(PAGE);
        let rows: Vec<ActivityRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            break;
        };
        let (first, last) = (first.meta.id, last.meta.id);
        let stored = match assemble_activities(conn, rows).await {
            Ok(stored) => stored,
            // A value the domain refuses was put there by hand.
            Err(StoreError::Corrupt { record, reason }) => {
                return Ok(Err(Break::record(
                    record,
                    None,
                    format!(
                        "it holds a value Attaché refuses ({reason}): it was changed outside Attaché"
                    ),
                )));
            }
            Err(e) => return Err(e),
        };
        let mut changes = last_changes(conn, first, last).await?;
        for activity in &stored {
            let last = changes
                .remove(&activity.meta.id)
                .unwrap_or(LastChange::Unaudited);
            if let Err(broken) = check.activity(activity, last) {
                return Ok(Err(broken));
            }
        }
        after = last;
    }
    Ok(Ok(check.finish()))
}

/// What the trail last says of each activity with an id from `first` to `last`.
async fn last_changes(conn: &mut Conn, first: i64, last: i64) -> Result<HashMap<i64, LastChange>> {
    // The latest entry by the index on (record_type, record_id, id); an activity's entries
    // name it by its id as text.
    let rows: Vec<LastChangeRow> = sqlx::query_as(
        "SELECT a.id, a.content_hash, a.imported_in, g.audit_entry, l.id, l.after \
         FROM activities a LEFT JOIN import_groups g ON g.id = a.imported_in \
         LEFT JOIN audit_log l ON l.id = (SELECT MAX(m.id) FROM audit_log m \
             WHERE m.record_type = 'activity' AND m.record_id = CAST(a.id AS TEXT)) \
         WHERE a.id >= $1 AND a.id <= $2",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, content_hash, imported_in, import_entry, entry, after)| {
                let change = match (entry, imported_in) {
                    (Some(entry), _) => LastChange::Entry { id: entry, after },
                    (None, Some(_)) => LastChange::Imported {
                        entry: import_entry,
                        content_hash,
                    },
                    (None, None) => LastChange::Unaudited,
                };
                (id, change)
            },
        )
        .collect())
}

/// An activity's id and content hash, its import group and that group's entry, and its
/// latest entry with the `after` it holds.
type LastChangeRow = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);
