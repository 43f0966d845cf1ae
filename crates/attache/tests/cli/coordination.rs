//! Coordination on the command line: restrictions imported all or none, edited and
//! deleted; visits at risk, lead times, clearance requests and vetting; the concurrence
//! table.

use crate::support::{Scratch, add_activity, initialised};

/// The header of a file of restrictions.
const RESTRICTIONS: &str = "partner,source,scope,start,end";

/// Writes the file of restrictions with these rows under its header; gives its path.
fn restrictions(s: &Scratch, rows: &str) -> String {
    s.csv("restrictions.csv", RESTRICTIONS, rows)
}

/// The day `days` from today, as the commands write it.
fn in_days(days: u64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(days)).to_string()
}

/// Adds an activity of `category` in Singapore from `start` to `end` with our nation
/// and HMS Example taking part; gives what `attache` said.
fn add_visit(s: &Scratch, category: &str, title: &str, start: &str, end: &str) -> String {
    let mut visit = add_activity(title, category, start, "SGP");
    visit.extend([
        "--end",
        end,
        "--participant",
        "GBR",
        "--asset",
        "HMS Example",
    ]);
    s.ok(&visit)
}

#[test]
fn restrictions_are_imported_all_or_none_and_visits_at_risk_are_listed() {
    let s = initialised();
    let file = restrictions(
        &s,
        "SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n\
         MYS,EU Decision 2027/2,arms,2027-01-01,2026-01-01\n",
    );
    let refused = s.fails(&["restrictions", "import", &file]);
    assert!(refused.contains("line 3, field scope"), "{refused}");
    assert!(
        s.json(&["restrictions", "list", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing imported"
    );
    let file = restrictions(
        &s,
        "SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n\
         XXX,EU Decision 2027/2,equipment,2027-01-01,2027-12-31\n",
    );
    let refused = s.fails(&["restrictions", "import", &file]);
    assert!(
        refused.contains("line 3") && refused.contains("XXX"),
        "{refused}"
    );
    let file = restrictions(
        &s,
        "SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n",
    );
    assert!(s.ok(&["restrictions", "import", &file]).contains("Added 1"));

    // A warship visit in five days: Singapore's default lead time (30 days) has passed.
    let start = in_days(5);
    add_visit(&s, "ship_visit", "Port call", &start, &start);
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

#[test]
fn clearances_lead_times_and_vetting_are_kept_from_the_command_line() {
    let s = initialised();
    let (start, end) = (in_days(40), in_days(42));
    add_visit(&s, "ship_visit", "Port call", &start, &end);

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
    add_visit(&s, "training", "Boarding course", &start, &end);
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
    let file = restrictions(&s, "SGP,Decision 1/2027,equipment,2027-01-01,2027-12-31\n");
    s.ok(&["restrictions", "import", &file]);
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
    let file = restrictions(
        &s,
        "SGP,UNSCR 9999 (2026),training_and_exercises,2027-01-01,\n\
         XXX,,arms,2027-02-30,\n\
         YYY,,equipment,2027-01-01,2026-01-01\n",
    );
    let refused = s.fails(&["restrictions", "import", &file]);
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
