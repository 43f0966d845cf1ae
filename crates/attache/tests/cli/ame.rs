//! Assessment, monitoring and evaluation on the command line: the real binary on a demo
//! database records a reading, assesses an activity with its rating (and refuses one
//! without), and prints the roll-up as CSV and JSON.

use crate::support;

use support::Scratch;

#[test]
fn readings_ratings_and_the_roll_up_from_the_command_line() {
    let s = Scratch::console();
    s.ok(&["demo", "--size", "400", "--today", "2026-11-25"]);

    // A reading of SGP's first objective's first indicator.
    let objectives = s.json(&["objective", "list", "--json"]);
    let objective = objectives
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["record"]["partner"] == "SGP" && !o["record"]["indicators"][0].is_null())
        .unwrap();
    let code = objective["record"]["code"].as_str().unwrap();
    let name = objective["record"]["indicators"][0]["name"]
        .as_str()
        .unwrap();
    let said = s.ok(&[
        "objective",
        "indicator",
        code,
        "--name",
        name,
        "--current",
        "17",
        "--on",
        "2026-11-24",
    ]);
    assert!(
        said.contains(&format!("Recorded {name} = 17 on 2026-11-24")),
        "{said}"
    );
    let readings = s.json(&["objective", "readings", code, "--json"]);
    assert_eq!(readings[0]["value"], 17.0);
    assert_eq!(readings[0]["measured_on"], "2026-11-24");
    let wrong = s.run(&[
        "objective",
        "indicator",
        code,
        "--name",
        "Nonsense",
        "--current",
        "1",
    ]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("not an indicator of this objective"));

    // An assessment needs its rating.
    let completed = s.json(&["activity", "list", "--status", "completed", "--json"]);
    let id = completed[0]["meta"]["id"].as_i64().unwrap().to_string();
    let bare = s.run(&["activity", "transition", &id, "assessed"]);
    assert!(!bare.status.success());
    let err = String::from_utf8_lossy(&bare.stderr);
    assert!(
        err.contains("rating") && err.contains("partly_met"),
        "{err}"
    );
    let said = s.ok(&[
        "activity",
        "transition",
        &id,
        "assessed",
        "--rating",
        "exceeded",
    ]);
    assert!(said.contains("is now assessed"), "{said}");

    // The roll-up: six aims, then partners, then objectives.
    let csv = s.ok(&["analytics", "ame"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("level,key,name,objectives,indicators,measured,progress,rated,mean_rating")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.iter().filter(|r| r[0] == "aim").count(), 6);
    let rated: u64 = rows
        .iter()
        .filter(|r| r[0] == "aim")
        .map(|r| r[7].parse::<u64>().unwrap())
        .sum();
    assert!(rated > 10, "{csv}");

    let sgp = s.json(&["analytics", "ame", "--partner", "SGP", "--format", "json"]);
    assert_eq!(sgp["partners"].as_array().unwrap().len(), 1);
    let mine = sgp["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == code)
        .unwrap();
    assert_eq!(mine["indicators"][0]["current"], 17.0);

    let trust = s.json(&[
        "analytics",
        "ame",
        "--aim",
        "build_trust",
        "--format",
        "json",
    ]);
    assert!(
        trust["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["aim"] == "build_trust")
    );
    let bad = s.run(&["analytics", "ame", "--aim", "peace"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'peace' is not a standing aim"));
}
