//! The register on the command line: set-up with its reference data, an activity's
//! rules and lifecycle, edits on a stale version, and the list's filters and sort;
//! import and export are in `transfer`.

mod transfer;

use crate::support::{STAFF_TALKS, Scratch, add_activity, count, initialised, listed, strings};

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
    let s = Scratch::console();
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
        (Some("planned"), Some("console"))
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
    let ship = add_activity("Port call", "ship_visit", "2027-01-01", "SGP");
    assert!(s.fails(&ship).contains("assets"));
    let alone = add_activity("Alone", "outreach", "2027-01-01", "GBR");
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
    let exercises = listed(&s, &["--category", "exercise"]);
    let exercises = exercises.as_array().unwrap();
    assert!(!exercises.is_empty() && exercises.len() < all);
    assert!(
        exercises
            .iter()
            .all(|a| a["record"]["category"] == "exercise")
    );
    let in_2026 = listed(
        &s,
        &[
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--sort",
            "-start",
        ],
    );
    let starts = strings(&in_2026, "/record/start");
    assert!(
        starts.windows(2).all(|w| w[0] >= w[1]),
        "not sorted descending"
    );
    assert!(starts.iter().all(|d| *d <= "2026-12-31"));
    let with_sgp = listed(&s, &["--partner", "SGP"]);
    for a in with_sgp.as_array().unwrap() {
        let codes = strings(&a["record"]["participants"], "/partner");
        assert!(codes.contains(&"SGP"), "{codes:?}");
    }
    assert!(
        s.ok(&["activity", "list", "--limit", "5"])
            .contains("400 match in all")
    );
}

/// A title holding control characters (an escape sequence that would clear a terminal, a
/// carriage return that would hide what came before) is shown by their codes, never sent
/// to the terminal; the JSON keeps the title as it is.
#[test]
fn control_characters_in_a_title_are_shown_not_sent() {
    let s = initialised();
    let title = "Talks\u{1b}[2J\rhidden";
    s.ok(&add_activity(title, "staff_talks", "2027-03-14", "SGP"));
    for args in [&["activity", "list"][..], &["activity", "show", "1"]] {
        let shown = s.ok(args);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\r'),
            "{shown:?}"
        );
        assert!(shown.contains(r"\u{1b}[2J\u{d}hidden"), "{shown}");
    }
    let json = s.json(&["activity", "show", "1", "--json"]);
    assert_eq!(json["record"]["title"], title);
}
