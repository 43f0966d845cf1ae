//! `attache csbm …` end to end: the real binary on a real SQLite file and real CSV files.

use crate::support::{Scratch, strings};

/// A scratch database of our nation, Germany, with commands run as an officer.
fn initialised() -> Scratch {
    let s = Scratch::console();
    s.ok(&["init", "--nation", "DEU"]);
    s
}

const HEADER: &str = "reference,name,kind,start_date,end_date,host,participants,area,troops,battle_tanks,notified_on,calendared_on";

/// Germany's database with a file `name` of activities to declare, `rows` under the header.
fn with_activities(name: &str, rows: &str) -> (Scratch, String) {
    initialised().with_csv(name, HEADER, rows)
}

#[test]
fn a_bad_file_is_refused_whole_with_line_and_field() {
    let (s, file) = with_activities(
        "bad.csv",
        "EX-1,Fine,land_exercise,2027-05-01,2027-05-05,DEU,,Saxony,10000,0,,\n\
         EX-2,Negative,land_exercise,2027-05-01,2027-05-05,DEU,,Saxony,-3,0,,\n\
         EX-3,Outside,land_exercise,2027-05-01,2027-04-05,CHN,,Gobi,100,0,,\n",
    );
    let out = s.run(&["csbm", "import", &file]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    for words in [
        "line 3: troops: -3 is negative",
        "line 4: end_date: 2027-04-05 is before the start date",
        "line 4: host: CHN is not an OSCE participating state",
        "nothing imported",
    ] {
        assert!(err.contains(words), "{words} in {err}");
    }
    assert_eq!(
        s.json(&["csbm", "list", "--year", "2027", "--json"]),
        serde_json::json!([])
    );
    let unknown = s.file("unknown.csv", "reference,tonnage\nEX-1,3\n");
    let err = String::from_utf8(s.run(&["csbm", "import", &unknown]).stderr).unwrap();
    assert!(err.contains("unknown column 'tonnage'"), "{err}");
}

#[test]
fn a_year_is_checked_with_paragraphs_and_documents_are_made() {
    let (s, file) = with_activities(
        "activities.csv",
        "NEAR-1,Just under,land_exercise,2027-05-01,2027-05-05,DEU,DEU;FRA,Saxony,8999,0,2027-03-01,2026-11-01\n\
         LATE-1,Notified late,land_exercise,2027-06-10,2027-06-20,DEU,,Bavaria,14000,0,2027-05-20,2026-11-01\n\
         NEW-1,Across the year,land_exercise,2027-12-28,2028-01-04,DEU,,Hesse,9500,0,,\n",
    );
    assert!(s.ok(&["csbm", "import", &file]).contains("Declared 3"));

    let list = s.json(&["csbm", "list", "--year", "2027", "--json"]);
    let near = &list[0];
    assert_eq!(near["activity"]["reference"], "NEAR-1");
    assert_eq!(near["evaluation"]["notifiable"], false);
    assert_eq!(near["evaluation"]["near_threshold"], true);

    let out = s.run(&[
        "csbm",
        "check",
        "--year",
        "2027",
        "--today",
        "2027-11-16",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "findings other than due: exit 2"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_owned(),
                f["paragraph"].as_str().unwrap().to_owned(),
                f["activities"][0].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let has = |sev: &str, para: &str, act: &str| {
        findings.contains(&(sev.to_owned(), para.to_owned(), act.to_owned()))
    };
    assert!(has("late", "38", "LATE-1"), "{findings:?}");
    assert!(has("missing", "61", "NEW-1"), "{findings:?}");
    assert!(has("due", "38", "NEW-1"), "{findings:?}");
    assert!(!findings.iter().any(|f| f.2 == "NEAR-1"), "{findings:?}");

    // The human table names the paragraphs too.
    let table = String::from_utf8(
        s.run(&["csbm", "check", "--year", "2027", "--today", "2027-11-16"])
            .stdout,
    )
    .unwrap();
    assert!(
        table.contains("| late") && table.contains("| 38"),
        "{table}"
    );

    // Record the notification: the finding becomes nothing once sent in time.
    let id = list[2]["id"].as_i64().unwrap().to_string();
    s.ok(&["csbm", "record", &id, "--notified-on", "2027-11-01"]);
    let report = s.json(&["csbm", "list", "--year", "2027", "--json"]);
    assert_eq!(report[2]["activity"]["notified_on"], "2027-11-01");

    // Documents: a notification as JSON and HTML, the calendar as HTML.
    let late = list[1]["id"].as_i64().unwrap().to_string();
    let doc = s.json(&["csbm", "notification", &late, "--format", "json"]);
    assert_eq!(doc["notifying_state"], "DEU");
    assert_eq!(doc["observable"], true);
    assert_eq!(doc["paragraph"], "38");
    let html = s.ok(&["csbm", "notification", &late, "--format", "html"]);
    assert!(html.contains("Notifying State") && html.contains("LATE-1"));
    let near_id = list[0]["id"].as_i64().unwrap().to_string();
    let err = String::from_utf8(s.run(&["csbm", "notification", &near_id]).stderr).unwrap();
    assert!(err.contains("not notifiable"), "{err}");
    let calendar = s.json(&["csbm", "calendar", "--year", "2027"]);
    let refs = strings(&calendar["entries"], "/reference");
    assert_eq!(refs, ["LATE-1", "NEW-1"]);
    assert_eq!(calendar["exchange_by"], "2026-11-15");
    assert!(
        s.ok(&["csbm", "calendar", "--year", "2027", "--format", "html"])
            .contains("NEW-1")
    );
}

/// `attache csbm verification` of an evaluation visit to Germany by `by` on `date`.
fn evaluation_visit<'a>(by: &'a str, date: &'a str) -> [&'a str; 10] {
    [
        "csbm",
        "verification",
        "--kind",
        "evaluation-visit",
        "--receiving",
        "DEU",
        "--by",
        by,
        "--date",
        date,
    ]
}

#[test]
fn verification_quotas_flag_a_request_with_its_paragraph() {
    let s = initialised();
    s.ok(&["csbm", "units", "DEU", "--year", "2027", "--units", "61"]);
    for (by, date) in [("RUS", "2027-02-01"), ("BLR", "2027-03-01")] {
        s.ok(&evaluation_visit(by, date));
    }
    let out = s.run(&[&evaluation_visit("KAZ", "2027-04-01")[..], &["--check"]].concat());
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("paragraph 107"), "{text}");
    let report = s.json(&[
        "csbm",
        "check",
        "--year",
        "2027",
        "--today",
        "2027-05-01",
        "--json",
    ]);
    let visits = report["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "evaluation_visit" && q["role"] == "host")
        .unwrap();
    assert_eq!(
        (visits["quota"].as_i64(), visits["used"].as_i64()),
        (Some(2), Some(2))
    );
}

#[test]
fn air_base_visits_set_when_the_next_falls_due() {
    let s = initialised();
    let check = |today: &str| {
        let out = s.run(&[
            "csbm", "check", "--year", "2028", "--today", today, "--json",
        ]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["paragraph"] == "20, 23")
            .cloned()
    };
    // None recorded: due at the end of this year.
    let none = check("2028-12-01").unwrap();
    assert_eq!(none["due"], "2028-12-31");
    assert!(none["what"].as_str().unwrap().contains("none recorded"));

    for (date, base) in [
        ("2019-06-04", "Fliegerhorst Wunstorf"),
        ("2023-05-10", "Fliegerhorst Nörvenich"),
    ] {
        let out = s.ok(&[
            "csbm",
            "air-base-visit",
            "add",
            "--host",
            "DEU",
            "--air-base",
            base,
            "--date",
            date,
        ]);
        assert!(out.contains("Recorded air base visit"), "{out}");
    }
    // Another state's visit does not count for ours.
    s.ok(&[
        "csbm",
        "air-base-visit",
        "add",
        "--host",
        "FRA",
        "--air-base",
        "BA 113",
        "--date",
        "2027-02-01",
    ]);
    let from_last = check("2028-12-01").unwrap();
    assert_eq!(from_last["due"], "2028-12-31");
    let what = from_last["what"].as_str().unwrap();
    assert!(
        what.contains("2023-05-10") && what.contains("2024–2028"),
        "{what}"
    );
    // The next period's deadline is beyond the horizon in 2027.
    assert!(check("2027-12-01").is_none());

    let list = s.json(&["csbm", "air-base-visit", "list", "--json"]);
    let dates = strings(&list, "/date");
    assert_eq!(dates, ["2027-02-01", "2023-05-10", "2019-06-04"]);
    assert!(s.ok(&["csbm", "air-base-visit", "list"]).contains("BA 113"));

    // Bad input is refused, naming the field.
    let out = s.run(&[
        "csbm",
        "air-base-visit",
        "add",
        "--host",
        "CHN",
        "--air-base",
        "X",
        "--date",
        "2027-13-01",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("host") && err.contains("not an OSCE participating state"),
        "{err}"
    );
    assert!(err.contains("date") && err.contains("YYYY-MM-DD"), "{err}");
}
