//! The command line end to end: the real binary on a real database and real files.

use crate::support;

use std::path::Path;
use std::process::{Command, Output};

use support::Scratch;

/// How many activities the register lists.
fn count(s: &Scratch) -> usize {
    s.json(&["activity", "list", "--limit", "0", "--json"])
        .as_array()
        .unwrap()
        .len()
}

fn initialised() -> Scratch {
    let s = Scratch::as_user("tester");
    s.ok(&["init", "--nation", "GBR"]);
    s
}

const STAFF_TALKS: &[&str] = &[
    "activity",
    "add",
    "--title",
    "Staff talks with Singapore",
    "--category",
    "staff_talks",
    "--start",
    "2027-03-14",
    "--end",
    "2027-03-15",
    "--host",
    "SGP",
    "--participant",
    "GBR",
    "--objective",
    "build_trust",
    "--cost",
    "1200.50",
    "--currency",
    "GBP",
];

#[test]
fn init_loads_reference_data() {
    let s = initialised();
    let osce = s.json(&["partner", "show", "OSCE", "--json"]);
    assert_eq!(osce["record"]["members"].as_array().unwrap().len(), 57);
    assert!(
        osce["record"]["members_source"]
            .as_str()
            .unwrap()
            .contains("osce.org")
    );
    let asean = s.ok(&["partner", "list", "--region", "south-eastern asia"]);
    assert!(
        asean.contains("SGP") && asean.contains("Singapore"),
        "{asean}"
    );
    // Init again changes nothing and keeps the nation; another nation is refused.
    s.ok(&["init"]);
    assert!(
        s.fails(&["init", "--nation", "FRA"])
            .contains("belongs to GBR")
    );
}

#[test]
fn a_new_database_needs_init_first() {
    let s = Scratch::as_user("tester");
    assert!(s.fails(&["activity", "list"]).contains("attache init"));
    assert!(s.fails(&["init"]).contains("--nation"));
    assert!(s.fails(&["init", "--nation", "XYZ"]).contains("XYZ"));
}

#[test]
fn an_activity_walks_its_lifecycle() {
    let s = initialised();
    assert!(s.ok(STAFF_TALKS).contains("Added activity 1"));
    let refused = s.fails(&["activity", "transition", "1", "approved"]);
    assert!(
        refused.contains("cannot go from proposed to approved"),
        "{refused}"
    );
    s.ok(&["activity", "transition", "1", "planned"]);
    let waiting = s.fails(&["activity", "transition", "1", "approved"]);
    assert!(
        waiting.contains("foreign ministry has not concurred"),
        "{waiting}"
    );
    let answer = ["concurrence", "answer", "1", "--ministry", "foreign"];
    let bare = s.fails(&[&answer[..], &["--verdict", "object"]].concat());
    assert!(bare.contains("reason"), "{bare}");
    s.ok(&[&answer[..], &["--verdict", "concur"]].concat());
    s.ok(&["activity", "transition", "1", "approved"]);
    let shown = s.json(&["activity", "show", "1", "--json"]);
    assert_eq!(shown["record"]["status"], "approved");
    let history = shown["status_history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[1]["from"].as_str(), history[1]["by"].as_str()),
        (Some("planned"), Some("tester"))
    );
    assert!(s.ok(&["activity", "show", "1"]).contains("1200.50 GBP"));
}

#[test]
fn bad_activities_are_refused_with_the_field_and_the_reason() {
    let s = initialised();
    let backwards: Vec<&str> = STAFF_TALKS
        .iter()
        .map(|a| if *a == "2027-03-15" { "2027-03-01" } else { a })
        .collect();
    let err = s.fails(&backwards);
    assert!(
        err.contains("end_date") && err.contains("before the start date"),
        "{err}"
    );
    let mut operation = STAFF_TALKS.to_vec();
    operation.extend(["--nature", "military_operation"]);
    assert!(s.fails(&operation).contains("not defence diplomacy"));
    let ship = [
        "activity",
        "add",
        "--title",
        "Port call",
        "--category",
        "ship_visit",
        "--start",
        "2027-01-01",
        "--host",
        "SGP",
    ];
    assert!(s.fails(&ship).contains("assets"));
    let alone = [
        "activity",
        "add",
        "--title",
        "Alone",
        "--category",
        "outreach",
        "--start",
        "2027-01-01",
        "--host",
        "GBR",
    ];
    assert!(s.fails(&alone).contains("other than our nation"));
    assert_eq!(count(&s), 0);
}

#[test]
fn an_edit_on_a_stale_version_is_refused() {
    let s = initialised();
    s.ok(STAFF_TALKS);
    s.ok(&[
        "activity",
        "edit",
        "1",
        "--title",
        "Navy staff talks",
        "--version",
        "1",
    ]);
    let err = s.fails(&[
        "activity",
        "edit",
        "1",
        "--title",
        "Army staff talks",
        "--version",
        "1",
    ]);
    assert!(err.contains("changed by someone else"), "{err}");
    assert_eq!(
        s.json(&["activity", "show", "1", "--json"])["record"]["title"],
        "Navy staff talks"
    );
}

#[test]
fn list_filters_and_sorts() {
    let s = initialised();
    s.ok(&["demo", "--size", "400", "--today", "2026-11-25"]);
    let all = count(&s);
    assert_eq!(all, 400);
    let exercises = s.json(&[
        "activity",
        "list",
        "--category",
        "exercise",
        "--limit",
        "0",
        "--json",
    ]);
    let exercises = exercises.as_array().unwrap();
    assert!(!exercises.is_empty() && exercises.len() < all);
    assert!(
        exercises
            .iter()
            .all(|a| a["record"]["category"] == "exercise")
    );
    let in_2026 = s.json(&[
        "activity",
        "list",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--sort",
        "-start",
        "--limit",
        "0",
        "--json",
    ]);
    let starts: Vec<&str> = in_2026
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["record"]["start"].as_str().unwrap())
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] >= w[1]),
        "not sorted descending"
    );
    assert!(starts.iter().all(|d| *d <= "2026-12-31"));
    let with_sgp = s.json(&[
        "activity",
        "list",
        "--partner",
        "SGP",
        "--limit",
        "0",
        "--json",
    ]);
    for a in with_sgp.as_array().unwrap() {
        let codes: Vec<&str> = a["record"]["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["partner"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"SGP"), "{codes:?}");
    }
    assert!(
        s.ok(&["activity", "list", "--limit", "5"])
            .contains("400 match in all")
    );
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

const HEADER: &str = "external_id,title,category,status,start_date,end_date,host,participants,objectives,assets,cost_amount,cost_currency";

#[test]
fn a_file_with_a_bad_row_imports_nothing_and_names_line_and_field() {
    let s = initialised();
    let file = s.path("partners.csv");
    write(
        &file,
        &format!(
            "{HEADER}\n\
             r1,Staff talks,staff_talks,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,\n\
             r2,Port call,ship_visit,planned,2027-02-10,2027-02-12,SGP,SGP;GBR,,,,\n\
             r3,Training,training,planned,2027-03-10,2027-03-01,KEN,KEN;GBR,,,100,GBP\n\
             r1,Again,outreach,planned,2027-04-10,2027-04-11,KEN,KEN;GBR,,,,\n"
        ),
    );
    let err = s.fails(&["import", file.to_str().unwrap()]);
    let name = file.display().to_string();
    assert!(err.contains(&format!("{name}:3: assets:")), "{err}");
    assert!(err.contains(&format!("{name}:4: end_date:")), "{err}");
    assert!(
        err.contains(&format!("{name}:5: external_id: r1")) && err.contains("first on line 2"),
        "{err}"
    );
    assert!(
        err.contains("3 problem(s) in 4 rows") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(count(&s), 0);
}

#[test]
fn import_reports_the_first_fifty_problems_and_counts_all() {
    let s = initialised();
    let file = s.path("bad.csv");
    let rows: String = (0..120)
        .map(|i| format!("b{i},Bad,banquet,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,,,,\n"))
        .collect();
    write(&file, &format!("{HEADER}\n{rows}"));
    let out = s.run(&["import", file.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problem_count"], 120);
    assert_eq!(report["problems"].as_array().unwrap().len(), 50);
    assert_eq!(report["problems"][0]["field"], "category");
}

#[test]
fn a_missing_column_or_bad_json_is_named() {
    let s = initialised();
    let file = s.path("short.csv");
    write(&file, "external_id,title\nx,y\n");
    assert!(
        s.fails(&["import", file.to_str().unwrap()])
            .contains("missing column(s) category")
    );
    let json = s.path("broken.json");
    write(
        &json,
        "[\n{\"external_id\": \"j1\",\n \"title\": \"x\"\n,,]",
    );
    let err = s.fails(&["import", json.to_str().unwrap()]);
    assert!(err.contains(":4:") && err.contains("json"), "{err}");
    let unknown = s.path("data.txt");
    write(&unknown, "");
    assert!(
        s.fails(&["import", unknown.to_str().unwrap()])
            .contains("--format")
    );
}

#[test]
fn json_rows_are_validated_with_their_line_and_item() {
    let s = initialised();
    let file = s.path("rows.json");
    write(
        &file,
        r#"[
{"external_id": "j1", "title": "Talks", "category": "staff_talks", "status": "planned", "start_date": "2027-05-01", "end_date": "2027-05-02", "host": "SGP", "participants": ["SGP", "GBR"], "latitude": 1.29, "longitude": 103.85, "location": "Singapore"},
{"external_id": "j2", "title": "Talks", "category": "staff_talks", "status": "planned", "start_date": "2027-05-01", "end_date": "2027-05-02", "host": "ZZZ"}
]"#,
    );
    let err = s.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains(":3 (item 2): host: unknown partner ZZZ"),
        "{err}"
    );
    let good = s.path("good.json");
    let fixed = std::fs::read_to_string(&file).unwrap().replace(
        r#""host": "ZZZ""#,
        r#""host": "KEN", "participants": "KEN;GBR:lead""#,
    );
    write(&good, &fixed);
    assert!(
        s.ok(&["import", good.to_str().unwrap(), "--dry-run"])
            .contains("2 rows are valid")
    );
    assert_eq!(count(&s), 0);
    s.ok(&["import", good.to_str().unwrap()]);
    let listed = s.json(&["activity", "list", "--partner", "KEN", "--json"]);
    assert_eq!(listed[0]["record"]["participants"][1]["role"], "lead");
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let s = initialised();
    let file = s.path("plan.csv");
    write(
        &file,
        &format!(
            "{HEADER}\n\
             p1,Staff talks,staff_talks,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,\n\
             p2,Port call,ship_visit,planned,2027-02-10,2027-02-12,SGP,SGP;GBR,,HMS Example,5000,GBP\n"
        ),
    );
    assert!(
        s.ok(&["import", file.to_str().unwrap()])
            .contains("2 new, 0 updated, 0 unchanged")
    );
    assert!(
        s.ok(&["import", file.to_str().unwrap()])
            .contains("0 new, 0 updated, 2 unchanged")
    );
    let changed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("5000,GBP", "6000,GBP");
    write(&file, &changed);
    assert!(
        s.ok(&["import", file.to_str().unwrap()])
            .contains("0 new, 1 updated, 1 unchanged")
    );
    assert_eq!(count(&s), 2);
}

#[test]
fn an_import_is_audited_once_with_its_file_and_in_each_activitys_history() {
    use sha2::{Digest, Sha256};
    let s = initialised();
    let file = s.path("plan.csv");
    write(
        &file,
        &format!(
            "{HEADER},classification\n\
             p1,Staff talks,staff_talks,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,,official\n\
             p2,Port call,ship_visit,planned,2027-02-10,2027-02-12,SGP,SGP;GBR,,HMS Example,5000,GBP,official\n\
             p3,Talks,staff_talks,planned,2027-03-10,2027-03-11,SGP,SGP;GBR,,,,,secret\n"
        ),
    );
    let before = s.json(&["audit", "log", "--limit", "1000", "--json"]);
    s.ok(&["import", file.to_str().unwrap()]);
    let trail = s.json(&["audit", "log", "--limit", "1000", "--json"]);
    let added = &trail.as_array().unwrap()[before.as_array().unwrap().len()..];
    // One entry per label, none per row.
    assert_eq!(added.len(), 2, "{added:#?}");
    let digest: String = Sha256::digest(std::fs::read(&file).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let official: serde_json::Value =
        serde_json::from_str(added[0]["after"].as_str().unwrap()).unwrap();
    assert_eq!(
        (&added[0]["record_type"], &added[0]["record_id"]),
        (&"import".into(), &"plan".into())
    );
    assert_eq!(official["file"], "plan.csv");
    assert_eq!(official["sha256"], digest);
    assert_eq!(official["created"], 2);
    let ids = official["ids"].as_str().unwrap();
    let (first, _) = ids.split_once('-').unwrap();
    let history = s.json(&[
        "audit",
        "log",
        "--record",
        &format!("activity:{first}"),
        "--json",
    ]);
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["id"], added[0]["id"]);

    // A changed row is audited on its own, with before and after.
    let changed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("5000,GBP", "6000,GBP");
    write(&file, &changed);
    s.ok(&["import", file.to_str().unwrap()]);
    let trail = s.json(&["audit", "log", "--limit", "1", "--json"]);
    assert_eq!(trail[0]["record_type"], "activity");
    assert!(trail[0]["before"].as_str().unwrap().contains("5000"));
    assert!(trail[0]["after"].as_str().unwrap().contains("6000"));
    let verified = s.json(&["audit", "verify", "--json"]);
    assert_eq!(verified["result"], "intact");
}

/// Exports a demo database, imports the file into a fresh one, exports again: the two
/// files must be the same, byte for byte.
fn round_trip(format: &str) {
    let a = initialised();
    a.ok(&["demo", "--size", "600", "--today", "2026-11-25"]);
    let first = a.path(&format!("first.{format}"));
    a.ok(&[
        "export",
        "--format",
        format,
        "--output",
        first.to_str().unwrap(),
    ]);
    let b = initialised();
    // The objectives the demo activities serve come with the demo's reference records.
    b.ok(&["demo", "--size", "0", "--today", "2026-11-25"]);
    b.ok(&["import", first.to_str().unwrap()]);
    let second = b.path(&format!("second.{format}"));
    b.ok(&[
        "export",
        "--format",
        format,
        "--output",
        second.to_str().unwrap(),
    ]);
    let (first, second) = (
        std::fs::read_to_string(first).unwrap(),
        std::fs::read_to_string(second).unwrap(),
    );
    assert_eq!(
        first.lines().count(),
        if format == "csv" { 601 } else { 602 }
    );
    assert!(
        first == second,
        "the {format} export changed on its way through an import"
    );
}

#[test]
fn csv_exports_import_back_without_loss() {
    round_trip("csv");
}

#[test]
fn json_exports_import_back_without_loss() {
    round_trip("json");
}

#[test]
fn the_icalendar_export_parses_with_an_independent_parser() {
    let s = initialised();
    s.ok(&["demo", "--size", "300", "--today", "2026-11-25"]);
    let file = s.path("engagements.ics");
    s.ok(&[
        "export",
        "--format",
        "ics",
        "--partner",
        "SGP",
        "--output",
        file.to_str().unwrap(),
    ]);
    let expected = s
        .json(&[
            "activity",
            "list",
            "--partner",
            "SGP",
            "--limit",
            "0",
            "--json",
        ])
        .as_array()
        .unwrap()
        .len();
    // Python's `icalendar` (installed by .ci/run) reads the file as RFC 5545.
    let check = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = list(cal.walk('VEVENT'))
for e in events:
    for key in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'):
        assert key in e, (key, e)
    assert e.decoded('DTEND') > e.decoded('DTSTART')
assert cal['VERSION'] == '2.0' and cal['PRODID']
print(len(events))
"#;
    let out = Command::new("python3")
        .args(["-c", check, file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        expected.to_string()
    );
}

#[test]
fn records_are_added_listed_and_shown() {
    let s = initialised();
    s.ok(&[
        "person",
        "add",
        "--name",
        "Jane Doe",
        "--title",
        "Colonel",
        "--role",
        "defence attaché",
        "--nation",
        "GBR",
    ]);
    assert!(
        s.ok(&["person", "list", "--nation", "GBR"])
            .contains("Jane Doe")
    );
    s.ok(&[
        "asset",
        "add",
        "--name",
        "HMS Example",
        "--kind",
        "ship",
        "--identifier",
        "F999",
        "--nation",
        "GBR",
    ]);
    assert!(s.ok(&["asset", "show", "1"]).contains("F999"));
    s.ok(&[
        "objective",
        "add",
        "--code",
        "SGP-1",
        "--title",
        "Maritime trust",
        "--aim",
        "build_trust",
        "--partner",
        "SGP",
        "--indicator",
        "Port visits a year:2:6",
    ]);
    assert!(
        s.ok(&["objective", "show", "SGP-1"])
            .contains("baseline 2, target 6")
    );
    s.ok(&[
        "agreement",
        "add",
        "--kind",
        "mou",
        "--title",
        "Defence cooperation",
        "--party",
        "GBR",
        "--party",
        "SGP",
        "--signed",
        "2020-01-01",
        "--expiry",
        "2030-01-01",
    ]);
    assert!(
        s.ok(&["agreement", "list", "--nation", "SGP"])
            .contains("Defence cooperation")
    );
    assert!(
        s.fails(&[
            "agreement",
            "add",
            "--kind",
            "mou",
            "--title",
            "Alone",
            "--party",
            "GBR",
            "--signed",
            "2020-01-01"
        ])
        .contains("two parties")
    );
    s.ok(&[
        "partner",
        "add",
        "--code",
        "SLD",
        "--name",
        "Shangri-La Dialogue",
        "--member",
        "SGP",
        "--member",
        "GBR",
    ]);
    assert!(s.ok(&["partner", "show", "SLD"]).contains("GBR SGP (2)"));
    assert!(
        s.fails(&["partner", "add", "--code", "SLD", "--name", "Again"])
            .contains("already exists")
    );
}

/// The same story on PostgreSQL, when a server is given (CI gives one).
#[test]
fn postgres_gives_the_same_export_as_sqlite() {
    let Ok(server) = std::env::var("ATTACHE_TEST_POSTGRES") else {
        eprintln!("ATTACHE_TEST_POSTGRES is not set: skipping the PostgreSQL half");
        return;
    };
    let name = format!("attache_cli_{}", std::process::id());
    let admin = |sql: &str| {
        let out = Command::new("psql")
            .args([server.as_str(), "-qc", sql])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    admin(&format!("CREATE DATABASE {name}"));
    let (base, _) = server.rsplit_once('/').unwrap();
    let mut pg = Scratch::as_user("tester");
    pg.db = format!("{base}/{name}");
    let lite = initialised();
    pg.ok(&["init", "--nation", "GBR"]);
    let mut exports = Vec::new();
    for s in [&lite, &pg] {
        s.ok(&["demo", "--size", "500", "--today", "2026-11-25"]);
        // A transition too, so the status history and versions take part.
        let planned = s.json(&[
            "activity", "list", "--status", "planned", "--limit", "1", "--json",
        ]);
        let id = planned[0]["meta"]["id"].to_string();
        s.ok(&["activity", "transition", &id, "postponed"]);
        let file = s.path("all.csv");
        s.ok(&["export", "--output", file.to_str().unwrap()]);
        exports.push(std::fs::read_to_string(file).unwrap());
    }
    admin(&format!("DROP DATABASE {name} WITH (FORCE)"));
    assert!(
        exports[0] == exports[1],
        "SQLite and PostgreSQL exports differ"
    );
}

/// Runs SQL on a SQLite database with the `sqlite3` shell, as someone tampering would.
fn sqlite3(db: &str, sql: &str) {
    let out = Command::new("sqlite3").args([db, sql]).output().unwrap();
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "transition", "update"]);
    let update = &history[2];
    assert_eq!(update["actor"], "tester");
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
        let out = Command::new(env!("CARGO_BIN_EXE_attache"))
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

#[test]
fn local_edits_survive_reimporting_an_unchanged_file() {
    let s = initialised();
    let file = s.path("plan.csv");
    write(
        &file,
        &format!(
            "{HEADER}\nq1,Staff talks,staff_talks,proposed,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,\n"
        ),
    );
    s.ok(&["import", file.to_str().unwrap()]);
    s.ok(&["activity", "edit", "1", "--title", "Navy staff talks"]);
    s.ok(&["activity", "transition", "1", "planned"]);
    assert!(
        s.ok(&["import", file.to_str().unwrap()])
            .contains("1 unchanged")
    );
    let shown = s.json(&["activity", "show", "1", "--json"]);
    assert_eq!(
        (
            shown["record"]["title"].as_str(),
            shown["record"]["status"].as_str()
        ),
        (Some("Navy staff talks"), Some("planned"))
    );
    // A row the source changed is taken as it is, its status change recorded.
    let changed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("proposed", "approved");
    write(&file, &changed);
    assert!(
        s.ok(&["import", file.to_str().unwrap()])
            .contains("1 updated")
    );
    let shown = s.json(&["activity", "show", "1", "--json"]);
    assert_eq!(shown["record"]["status"], "approved");
    let last = shown["status_history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["from"].as_str(), last["to"].as_str()),
        (Some("planned"), Some("approved"))
    );
}

#[test]
fn a_wrong_json_type_is_one_fields_problem_and_later_rows_are_still_checked() {
    let s = initialised();
    let file = s.path("typed.json");
    // A byte-order mark first, as some editors write.
    write(
        &file,
        "\u{feff}[\n{\"external_id\": \"t1\", \"title\": \"Talks\", \"category\": \"staff_talks\", \"status\": \"planned\", \"start_date\": \"2027-05-01\", \"end_date\": \"2027-05-02\", \"host\": \"SGP\", \"participants\": {\"GBR\": 1}},\n\
         {\"external_id\": \"t2\", \"title\": \"Talks\", \"category\": \"staff_talks\", \"status\": \"planned\", \"start_date\": \"27-5-1\", \"end_date\": \"2027-05-02\", \"host\": \"SGP\", \"participants\": [\"GBR\"]},\n\
         7\n]",
    );
    let err = s.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains("(item 1): participants: expected a list of strings"),
        "{err}"
    );
    assert!(err.contains("(item 2): start_date:"), "{err}");
    assert!(err.contains("(item 3): item: expected an object"), "{err}");
}

/// Runs a command with `input` on its standard input.
fn with_stdin(s: &Scratch, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["--db", &s.db, "--user", "tester"])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn accounts_are_added_listed_disabled_and_audited() {
    let s = initialised();
    let add = [
        "user",
        "add",
        "ana",
        "--nation",
        "GBR",
        "--clearance",
        "secret",
        "--role",
        "planner",
        "--role",
        "approver",
    ];
    let short = with_stdin(&s, &add, "short\n");
    assert!(String::from_utf8_lossy(&short.stderr).contains("password: at least 12 characters"));
    assert!(
        with_stdin(&s, &add, "correct horse battery\n")
            .status
            .success()
    );
    assert!(
        !with_stdin(&s, &add, "correct horse battery\n")
            .status
            .success(),
        "added twice"
    );
    let bad_role = s.fails(&[
        "user",
        "add",
        "bob",
        "--nation",
        "GBR",
        "--clearance",
        "secret",
        "--role",
        "king",
    ]);
    assert!(bad_role.contains("'king' is not a role"), "{bad_role}");
    let listed = s.json(&["user", "list", "--json"]);
    assert_eq!(
        listed[0]["record"]["roles"],
        serde_json::json!(["planner", "approver"])
    );
    s.ok(&["user", "disable", "ana"]);
    assert_eq!(
        s.json(&["user", "list", "--json"])[0]["record"]["disabled"],
        true
    );
    assert!(
        with_stdin(
            &s,
            &["user", "reset-password", "ana"],
            "another long password\n"
        )
        .status
        .success()
    );
    let trail = s.json(&["audit", "log", "--record", "user:ana", "--json"]);
    let actions: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "update", "reset_password"]);
    assert!(
        !trail.to_string().contains("argon2"),
        "a password hash reached the trail"
    );
}

#[test]
fn restrictions_are_imported_all_or_none_and_visits_at_risk_are_listed() {
    let s = initialised();
    let file = s.path("restrictions.csv");
    std::fs::write(
        &file,
        "partner,source,scope,start,end\n\
         SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n\
         MYS,EU Decision 2027/2,arms,2027-01-01,2026-01-01\n",
    )
    .unwrap();
    let refused = s.fails(&["restrictions", "import", file.to_str().unwrap()]);
    assert!(refused.contains("line 3, field scope"), "{refused}");
    assert!(
        s.json(&["restrictions", "list", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing imported"
    );
    std::fs::write(
        &file,
        "partner,source,scope,start,end\n\
         SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n\
         XXX,EU Decision 2027/2,equipment,2027-01-01,2027-12-31\n",
    )
    .unwrap();
    let refused = s.fails(&["restrictions", "import", file.to_str().unwrap()]);
    assert!(
        refused.contains("line 3") && refused.contains("XXX"),
        "{refused}"
    );
    std::fs::write(
        &file,
        "partner,source,scope,start,end\nSGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n",
    )
    .unwrap();
    assert!(
        s.ok(&["restrictions", "import", file.to_str().unwrap()])
            .contains("Added 1")
    );

    // A warship visit in five days: Singapore's default lead time (30 days) has passed.
    let start = (chrono::Utc::now().date_naive() + chrono::Days::new(5)).to_string();
    s.ok(&[
        "activity",
        "add",
        "--title",
        "Port call",
        "--category",
        "ship_visit",
        "--start",
        &start,
        "--end",
        &start,
        "--host",
        "SGP",
        "--participant",
        "GBR",
        "--asset",
        "HMS Example",
    ]);
    let at_risk = s.json(&["clearances", "--at-risk", "--json"]);
    assert_eq!(at_risk[0]["title"], "Port call");
    assert!(
        at_risk[0]["risk"]
            .as_str()
            .unwrap()
            .contains("not requested")
    );
    let inbox = s.json(&["concurrence", "inbox", "--ministry", "foreign", "--json"]);
    assert_eq!(inbox[0]["title"], "Port call");
}

/// The day `days` from today, as the commands write it.
fn in_days(days: u64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(days)).to_string()
}

#[test]
fn clearances_lead_times_and_vetting_are_kept_from_the_command_line() {
    let s = initialised();
    let (start, end) = (in_days(40), in_days(42));
    let visit = |category: &str, title: &str| {
        s.ok(&[
            "activity",
            "add",
            "--title",
            title,
            "--category",
            category,
            "--start",
            &start,
            "--end",
            &end,
            "--host",
            "SGP",
            "--participant",
            "GBR",
            "--asset",
            "HMS Example",
        ])
    };
    visit("ship_visit", "Port call");

    // Singapore asks 45 days for a warship: the deadline passed five days ago.
    let set = s.ok(&["clearances", "lead-times", "set", "sgp", "--warship", "45"]);
    assert!(
        set.contains("SGP: 45 days for a warship visit, 14"),
        "{set}"
    );
    let table = s.json(&["clearances", "lead-times", "--json"]);
    assert_eq!(table[0]["partner"], "SGP");
    assert_eq!(table[0]["lead_times"]["aircraft_landing"], 14, "kept");
    let too_long = s.fails(&["clearances", "lead-times", "set", "SGP", "--warship", "400"]);
    assert!(too_long.contains("more than a year"), "{too_long}");
    let listed = s.json(&["clearances", "list", "1", "--json"]);
    assert_eq!(listed[0]["partner"], "SGP");
    let five_days_ago = chrono::Utc::now().date_naive() - chrono::Days::new(5);
    assert_eq!(listed[0]["deadline"], five_days_ago.to_string());
    assert!(
        listed[0]["risk"]
            .as_str()
            .unwrap()
            .contains("not requested")
    );

    // A grant needs its day; once given, the risk is gone; every request is audited.
    let today = in_days(0);
    let request = ["clearances", "request", "1", "--kind", "warship_visit"];
    let undated = [
        &request[..],
        &["--status", "granted", "--requested-on", &today],
    ]
    .concat();
    assert!(s.fails(&undated).contains("granted_on"));
    let granted = [
        &request[..],
        &[
            "--status",
            "granted",
            "--requested-on",
            &today,
            "--granted-on",
            &today,
            "--reference",
            "SGP/NAV/27/014",
        ],
    ]
    .concat();
    assert!(
        s.ok(&granted)
            .contains("warship_visit clearance from SGP on activity 1 is granted")
    );
    let listed = s.json(&["clearances", "list", "1", "--json"]);
    assert_eq!(listed[0]["request"]["reference"], "SGP/NAV/27/014");
    assert_eq!(listed[0]["risk"], serde_json::Value::Null);
    assert!(
        s.ok(&["clearances", "list", "1"])
            .contains("SGP/NAV/27/014")
    );

    // Recipients: added pending, their vetting set later, each name once.
    visit("training", "Boarding course");
    let add = [
        "vetting", "add", "2", "--name", "Lt Tan", "--kind", "person",
    ];
    let added = s.ok(&add);
    assert!(
        added.contains("Lt Tan (person) on activity 2 is pending"),
        "{added}"
    );
    assert!(added.contains("blocks approval: Lt Tan (person) is not yet vetted"));
    assert!(s.fails(&add).contains("attache vetting set"));
    let unknown = [
        "vetting", "set", "2", "--name", "Capt Lee", "--status", "cleared",
    ];
    assert!(s.fails(&unknown).contains("attache vetting add"));
    let set = [
        "vetting", "set", "2", "--name", "Lt Tan", "--status", "cleared",
    ];
    assert!(s.fails(&set).contains("vetted_on"));
    let dated = [&set[..], &["--vetted-on", &today, "--expires", &end]].concat();
    s.ok(&dated);
    let recipients = s.json(&["vetting", "list", "2", "--json"]);
    assert_eq!(recipients[0]["status"], "cleared");
    assert_eq!(recipients[0]["kind"], "person", "kept");
    assert_eq!(recipients[0]["expires"], end.as_str());
    let on_visit = ["vetting", "add", "1", "--name", "Crew", "--kind", "unit"];
    assert!(s.fails(&on_visit).contains("only training"));

    let trail = s.ok(&["audit", "log", "--json"]);
    for record in ["clearance_request", "recipient", "lead_times"] {
        assert!(trail.contains(record), "{record} audited");
    }
}

#[test]
fn a_restriction_is_edited_and_deleted_from_the_command_line() {
    let s = initialised();
    let file = s.path("restrictions.csv");
    std::fs::write(
        &file,
        "partner,source,scope,start,end\nSGP,Decision 1/2027,equipment,2027-01-01,2027-12-31\n",
    )
    .unwrap();
    s.ok(&["restrictions", "import", file.to_str().unwrap()]);
    let edit = [
        "restrictions",
        "edit",
        "1",
        "--scope",
        "all_engagement",
        "--no-end",
    ];
    assert!(s.ok(&edit).contains("Changed restriction 1"));
    let listed = s.json(&["restrictions", "list", "--json"]);
    assert_eq!(listed[0]["scope"], "all_engagement");
    assert_eq!(listed[0]["source"], "Decision 1/2027", "kept");
    assert_eq!(listed[0]["end"], serde_json::Value::Null);
    let backwards = ["restrictions", "edit", "1", "--end", "2026-01-01"];
    assert!(s.fails(&backwards).contains("restriction 1: end:"));
    assert!(
        s.fails(&["restrictions", "edit", "9", "--source", "x"])
            .contains("no restriction 9")
    );
    assert!(
        s.ok(&["restrictions", "delete", "1"])
            .contains("Removed restriction 1")
    );
    assert!(
        s.fails(&["restrictions", "delete", "1"])
            .contains("restriction 1")
    );
    let trail = s.ok(&["audit", "log", "--record", "restriction:1", "--json"]);
    for action in ["\"create\"", "\"update\"", "\"delete\""] {
        assert!(trail.contains(action), "{action} audited: {trail}");
    }
}

#[test]
fn a_restrictions_line_reports_every_fault_together() {
    let s = initialised();
    let file = s.path("restrictions.csv");
    std::fs::write(
        &file,
        "partner,source,scope,start,end\n\
         SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n\
         XXX,,arms,2027-02-30,\n\
         YYY,,equipment,2027-01-01,2026-01-01\n",
    )
    .unwrap();
    let refused = s.fails(&["restrictions", "import", file.to_str().unwrap()]);
    for fault in [
        "line 3, field partner: unknown partner XXX",
        "line 3, field scope",
        "line 3, field start",
        "line 4, field partner: unknown partner YYY",
        "line 4, field source",
    ] {
        assert!(refused.contains(fault), "{fault}: {refused}");
    }
    assert!(!refused.contains("line 2"), "{refused}");
}

#[test]
fn the_concurrence_table_is_kept_from_the_command_line() {
    let s = initialised();
    let rules = s.json(&["concurrence", "rules", "--json"]);
    assert_eq!(rules.as_array().unwrap().len(), 5, "the default table");
    let add = [
        "concurrence",
        "rules",
        "add",
        "--ministry",
        "development",
        "--when",
        "cost_at_least",
        "--value",
        "50000 GBP",
        "--due-days",
        "21",
    ];
    assert!(
        s.ok(&add)
            .contains("when it costs at least 50000.00 GBP, 21 days before")
    );
    let rules = s.json(&["concurrence", "rules", "--json"]);
    assert_eq!(rules[5]["condition"]["when"], "cost_at_least");
    assert_eq!(rules[5]["due_days"], 21);
    let bad = [
        "concurrence",
        "rules",
        "add",
        "--ministry",
        "foreign",
        "--when",
        "partner",
    ];
    assert!(
        s.fails(&[&bad[..], &["--value", "XXX"]].concat())
            .contains("unknown partner XXX")
    );
    assert!(
        s.fails(&[&bad[..], &["--value", "12"]].concat())
            .contains("--value")
    );
    let removed = s.ok(&["concurrence", "rules", "remove", "1"]);
    assert!(
        removed.contains("foreign ministry when a foreign partner takes part"),
        "{removed}"
    );
    assert!(
        s.fails(&["concurrence", "rules", "remove", "9"])
            .contains("no rule 9")
    );
    assert!(s.ok(&["concurrence", "rules"]).contains("5 rows"));
    let trail = s.ok(&[
        "audit",
        "log",
        "--record",
        "concurrence_rules:table",
        "--json",
    ]);
    assert!(trail.contains("cost_at_least"), "{trail}");
}
