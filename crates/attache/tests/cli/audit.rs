//! The audit trail on the command line: every change lands in it, and `audit verify`
//! names the entry a hand at the database altered, removed or reordered.

use crate::support::{STAFF_TALKS, Scratch, attache, initialised, strings, tool};

/// Runs SQL on a SQLite database with the `sqlite3` shell, as someone tampering would.
fn sqlite3(db: &str, sql: &str) {
    tool("sqlite3", &[db, sql]);
}

/// A database with an audit trail of several entries, and a copy of its file to tamper
/// with for each case.
fn audited() -> Scratch {
    let s = initialised();
    s.ok(STAFF_TALKS);
    s.ok(&["activity", "transition", "1", "planned"]);
    s.ok(&["activity", "edit", "1", "--title", "Navy staff talks"]);
    s.ok(&["person", "add", "--name", "Jane Doe", "--nation", "GBR"]);
    s
}

#[test]
fn every_change_lands_in_the_audit_trail() {
    let s = audited();
    let history = s.json(&["audit", "log", "--record", "activity:1", "--json"]);
    let actions = strings(&history, "/action");
    assert_eq!(actions, ["create", "transition", "update"]);
    let update = &history[2];
    assert_eq!(update["actor"], "console");
    assert!(
        update["before"]
            .as_str()
            .unwrap()
            .contains("Staff talks with Singapore")
    );
    assert!(
        update["after"]
            .as_str()
            .unwrap()
            .contains("Navy staff talks")
    );
    let verified = s.json(&["audit", "verify", "--json"]);
    assert_eq!(verified["result"], "intact");
    // The reference data (every state and organisation) is in the trail too.
    assert!(verified["entries"].as_u64().unwrap() > 250);
}

#[test]
fn audit_verify_names_an_entry_altered_removed_or_reordered_by_hand() {
    let s = audited();
    let last: i64 = s.json(&["audit", "log", "--limit", "1", "--json"])[0]["id"]
        .as_i64()
        .unwrap();
    let cases = [
        (
            format!(
                "UPDATE audit_log SET actor = 'mallory' WHERE id = {}",
                last - 2
            ),
            last - 2,
            "altered",
        ),
        (
            format!("DELETE FROM audit_log WHERE id = {}", last - 1),
            last - 1,
            "missing",
        ),
        (
            format!(
                "UPDATE audit_log SET id = -1 WHERE id = {a}; UPDATE audit_log SET id = {a} WHERE id = {b}; \
                 UPDATE audit_log SET id = {b} WHERE id = -1",
                a = last - 3,
                b = last - 2
            ),
            last - 3,
            "reordered",
        ),
        (
            format!("DELETE FROM audit_log WHERE id = {last}"),
            last,
            "removed from the end",
        ),
    ];
    // Everything into the main file, so that a copy of it is the whole database.
    sqlite3(&s.db, "PRAGMA wal_checkpoint(TRUNCATE)");
    for (sql, entry, why) in cases {
        let copy = s.path("tampered.db");
        std::fs::copy(&s.db, &copy).unwrap();
        let copy = copy.display().to_string();
        sqlite3(&copy, &sql);
        let out = attache()
            .args(["--db", &copy, "audit", "verify"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{why}: verify passed");
        assert!(
            err.contains(&format!("broken at entry {entry}:")),
            "{why}: {err}"
        );
        std::fs::remove_file(&copy).unwrap();
    }
}
