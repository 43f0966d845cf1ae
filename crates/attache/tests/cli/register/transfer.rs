//! Import and export on the command line: a file is imported all or none with every
//! problem's line and field, again without change, audited once; exports import back
//! without loss, the calendar reads as RFC 5545, and PostgreSQL exports what SQLite does.

use std::path::PathBuf;
use std::process::Command;

use crate::support::{Scratch, count, initialised, listed, replace_in, tool};

const HEADER: &str = "external_id,title,category,status,start_date,end_date,host,participants,objectives,assets,cost_amount,cost_currency";

/// Our nation's register with a file `name` of activities to import, `rows` under the header.
fn with_plan(name: &str, rows: &str) -> (Scratch, String) {
    initialised().with_csv(name, HEADER, rows)
}

#[test]
fn a_file_with_a_bad_row_imports_nothing_and_names_line_and_field() {
    let (s, file) = with_plan(
        "partners.csv",
        "r1,Staff talks,staff_talks,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,\n\
         r2,Port call,ship_visit,planned,2027-02-10,2027-02-12,SGP,SGP;GBR,,,,\n\
         r3,Training,training,planned,2027-03-10,2027-03-01,KEN,KEN;GBR,,,100,GBP\n\
         r1,Again,outreach,planned,2027-04-10,2027-04-11,KEN,KEN;GBR,,,,\n",
    );
    let err = s.fails(&["import", &file]);
    assert!(err.contains(&format!("{file}:3: assets:")), "{err}");
    assert!(err.contains(&format!("{file}:4: end_date:")), "{err}");
    assert!(
        err.contains(&format!("{file}:5: external_id: r1")) && err.contains("first on line 2"),
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
    let rows: String = (0..120)
        .map(|i| format!("b{i},Bad,banquet,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,,,,\n"))
        .collect();
    let (s, file) = with_plan("bad.csv", &rows);
    let out = s.run(&["import", &file, "--json"]);
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problem_count"], 120);
    assert_eq!(report["problems"].as_array().unwrap().len(), 50);
    assert_eq!(report["problems"][0]["field"], "category");
}

#[test]
fn a_missing_column_or_bad_json_is_named() {
    let s = initialised();
    let file = s.file("short.csv", "external_id,title\nx,y\n");
    assert!(
        s.fails(&["import", &file])
            .contains("missing column(s) category")
    );
    let json = s.file(
        "broken.json",
        "[\n{\"external_id\": \"j1\",\n \"title\": \"x\"\n,,]",
    );
    let err = s.fails(&["import", &json]);
    assert!(err.contains(":4:") && err.contains("json"), "{err}");
    let unknown = s.file("data.txt", "");
    assert!(s.fails(&["import", &unknown]).contains("--format"));
}

#[test]
fn json_rows_are_validated_with_their_line_and_item() {
    let s = initialised();
    let file = s.file(
        "rows.json",
        r#"[
{"external_id": "j1", "title": "Talks", "category": "staff_talks", "status": "planned", "start_date": "2027-05-01", "end_date": "2027-05-02", "host": "SGP", "participants": ["SGP", "GBR"], "latitude": 1.29, "longitude": 103.85, "location": "Singapore"},
{"external_id": "j2", "title": "Talks", "category": "staff_talks", "status": "planned", "start_date": "2027-05-01", "end_date": "2027-05-02", "host": "ZZZ"}
]"#,
    );
    let err = s.fails(&["import", &file]);
    assert!(
        err.contains(":3 (item 2): host: unknown partner ZZZ"),
        "{err}"
    );
    let fixed = std::fs::read_to_string(&file).unwrap().replace(
        r#""host": "ZZZ""#,
        r#""host": "KEN", "participants": "KEN;GBR:lead""#,
    );
    let good = s.file("good.json", &fixed);
    assert!(
        s.ok(&["import", &good, "--dry-run"])
            .contains("2 rows are valid")
    );
    assert_eq!(count(&s), 0);
    s.ok(&["import", &good]);
    let listed = s.json(&["activity", "list", "--partner", "KEN", "--json"]);
    assert_eq!(listed[0]["record"]["participants"][1]["role"], "lead");
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let (s, file) = with_plan(
        "plan.csv",
        "p1,Staff talks,staff_talks,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,\n\
         p2,Port call,ship_visit,planned,2027-02-10,2027-02-12,SGP,SGP;GBR,,HMS Example,5000,GBP\n",
    );
    assert!(
        s.ok(&["import", &file])
            .contains("2 new, 0 updated, 0 unchanged")
    );
    assert!(
        s.ok(&["import", &file])
            .contains("0 new, 0 updated, 2 unchanged")
    );
    replace_in(&file, "5000,GBP", "6000,GBP");
    assert!(
        s.ok(&["import", &file])
            .contains("0 new, 1 updated, 1 unchanged")
    );
    assert_eq!(count(&s), 2);
}

#[test]
fn an_import_is_audited_once_with_its_file_and_in_each_activitys_history() {
    use sha2::{Digest, Sha256};
    let s = initialised();
    let file = s.csv(
        "plan.csv",
        &format!("{HEADER},classification"),
        "p1,Staff talks,staff_talks,planned,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,,official\n\
         p2,Port call,ship_visit,planned,2027-02-10,2027-02-12,SGP,SGP;GBR,,HMS Example,5000,GBP,official\n\
         p3,Talks,staff_talks,planned,2027-03-10,2027-03-11,SGP,SGP;GBR,,,,,secret\n",
    );
    let before = s.json(&["audit", "log", "--limit", "1000", "--json"]);
    s.ok(&["import", &file]);
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
    replace_in(&file, "5000,GBP", "6000,GBP");
    s.ok(&["import", &file]);
    let trail = s.json(&["audit", "log", "--limit", "1", "--json"]);
    assert_eq!(trail[0]["record_type"], "activity");
    assert!(trail[0]["before"].as_str().unwrap().contains("5000"));
    assert!(trail[0]["after"].as_str().unwrap().contains("6000"));
    let verified = s.json(&["audit", "verify", "--json"]);
    assert_eq!(verified["result"], "intact");
}

#[test]
fn local_edits_survive_reimporting_an_unchanged_file() {
    let (s, file) = with_plan(
        "plan.csv",
        "q1,Staff talks,staff_talks,proposed,2027-01-10,2027-01-11,SGP,SGP;GBR,build_trust,,,\n",
    );
    s.ok(&["import", &file]);
    s.ok(&["activity", "edit", "1", "--title", "Navy staff talks"]);
    s.ok(&["activity", "transition", "1", "planned"]);
    assert!(s.ok(&["import", &file]).contains("1 unchanged"));
    let shown = s.json(&["activity", "show", "1", "--json"]);
    assert_eq!(
        (
            shown["record"]["title"].as_str(),
            shown["record"]["status"].as_str()
        ),
        (Some("Navy staff talks"), Some("planned"))
    );
    // A row the source changed is taken as it is, its status change recorded.
    replace_in(&file, "proposed", "approved");
    assert!(s.ok(&["import", &file]).contains("1 updated"));
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
    // A byte-order mark first, as some editors write.
    let file = s.file(
        "typed.json",
        "\u{feff}[\n{\"external_id\": \"t1\", \"title\": \"Talks\", \"category\": \"staff_talks\", \"status\": \"planned\", \"start_date\": \"2027-05-01\", \"end_date\": \"2027-05-02\", \"host\": \"SGP\", \"participants\": {\"GBR\": 1}},\n\
         {\"external_id\": \"t2\", \"title\": \"Talks\", \"category\": \"staff_talks\", \"status\": \"planned\", \"start_date\": \"27-5-1\", \"end_date\": \"2027-05-02\", \"host\": \"SGP\", \"participants\": [\"GBR\"]},\n\
         7\n]",
    );
    let err = s.fails(&["import", &file]);
    assert!(
        err.contains("(item 1): participants: expected a list of strings"),
        "{err}"
    );
    assert!(err.contains("(item 2): start_date:"), "{err}");
    assert!(err.contains("(item 3): item: expected an object"), "{err}");
}

/// Exports the register as `format` into the scratch file `name`; gives its path.
fn export(s: &Scratch, format: &str, name: &str) -> PathBuf {
    let file = s.path(name);
    s.ok(&[
        "export",
        "--format",
        format,
        "--output",
        file.to_str().unwrap(),
    ]);
    file
}

/// Exports a demo database, imports the file into a fresh one, exports again: the two
/// files must be the same, byte for byte.
fn round_trip(format: &str) {
    let a = initialised();
    a.ok(&["demo", "--size", "600", "--today", "2026-11-25"]);
    let first = export(&a, format, &format!("first.{format}"));
    let b = initialised();
    // The objectives the demo activities serve come with the demo's reference records.
    b.ok(&["demo", "--size", "0", "--today", "2026-11-25"]);
    b.ok(&["import", first.to_str().unwrap()]);
    let second = export(&b, format, &format!("second.{format}"));
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
    let expected = listed(&s, &["--partner", "SGP"]).as_array().unwrap().len();
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

/// The same story on PostgreSQL, when a server is given (CI gives one).
#[test]
fn postgres_gives_the_same_export_as_sqlite() {
    let Ok(server) = std::env::var("ATTACHE_TEST_POSTGRES") else {
        eprintln!("ATTACHE_TEST_POSTGRES is not set: skipping the PostgreSQL half");
        return;
    };
    let name = format!("attache_cli_{}", std::process::id());
    let admin = |sql: &str| tool("psql", &[&server, "-qc", sql]);
    admin(&format!("CREATE DATABASE {name}"));
    let (base, _) = server.rsplit_once('/').unwrap();
    let mut pg = Scratch::console();
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

#[test]
fn only_whoever_may_import_history_brings_in_later_states_and_the_trail_says_so() {
    let (mut s, file) = with_plan(
        "history.csv",
        "h1,Staff talks,staff_talks,proposed,2026-01-10,2026-01-11,SGP,SGP;GBR,,,,\n\
         h2,Port call,ship_visit,completed,2026-02-10,2026-02-12,SGP,SGP;GBR,,HMS Example,,\n",
    );
    for (name, role) in [("p.lanner", "planner"), ("a.dmin", "administrator")] {
        let add = [
            "user",
            "add",
            name,
            "--nation",
            "GBR",
            "--clearance",
            "secret",
            "--role",
            role,
        ];
        assert!(
            s.run_with_stdin(&add, "correct horse battery\n")
                .status
                .success()
        );
    }
    // A planner's import, dry run or not, names the row and changes nothing.
    for dry in [&["--dry-run"][..], &[]] {
        let refused = s.as_account("p.lanner", |s| {
            s.fails(&[&["import", &file][..], dry].concat())
        });
        assert!(
            refused.contains(&format!(
                "{file}:3: status: a new activity starts as proposed, not completed"
            )),
            "{refused}"
        );
    }
    assert_eq!(count(&s), 0);
    // An administrator's import brings the history in, audited as such.
    s.as_account("a.dmin", |s| s.ok(&["import", &file]));
    let trail = s.json(&["audit", "log", "--record", "import:history", "--json"]);
    let entry = &trail.as_array().unwrap()[0];
    assert_eq!(
        (&entry["action"], &entry["actor"]),
        (&"import_history".into(), &"a.dmin".into())
    );
    let after: serde_json::Value = serde_json::from_str(entry["after"].as_str().unwrap()).unwrap();
    assert_eq!(
        (&after["created"], &after["history"]),
        (&2.into(), &1.into())
    );
    // A later file may not move a stored row's status for a planner either.
    let moved = s.file(
        "moved.csv",
        &format!("{HEADER}\nh1,Staff talks renamed,staff_talks,approved,2026-01-10,2026-01-11,SGP,SGP;GBR,,,,\n"),
    );
    let refused = s.as_account("p.lanner", |s| {
        s.fails(&["import", &moved, "--source", "history"])
    });
    assert!(
        refused.contains("the register has it proposed"),
        "{refused}"
    );
}
