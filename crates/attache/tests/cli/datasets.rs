//! `attache dataset` end to end: the real binary imports the example data set through its
//! mapping, imports it again without change, measures it, refuses a bad file with every
//! row's line, column and reason (and a non-zero exit), and lists, shows and deletes.

use crate::support::{Scratch, strings};

use std::path::{Path, PathBuf};

use serde_json::Value;

fn example(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/examples")
        .join(name);
    path.display().to_string()
}

#[test]
fn a_data_set_is_imported_through_its_mapping_and_measured() {
    let s = Scratch::console();
    s.ok(&["init", "--nation", "GBR"]);
    let file = example("defence-activities.csv");
    let mapping = example("defence-activities.mapping.json");
    let import = ["dataset", "import", &file, "--mapping", &mapping];

    let dry = s.ok(&[&import[..], &["--dry-run"]].concat());
    assert!(
        dry.contains("20 rows map to events (dry run: nothing was written)"),
        "{dry}"
    );
    assert!(s.ok(&["dataset", "list"]).contains("0 rows"));

    let first = s.ok(&import);
    assert!(
        first.contains("into data set defence-activities-1979-84: 20 new, 0 updated, 0 unchanged"),
        "{first}"
    );
    let again = s.ok(&import);
    assert!(again.contains("0 new, 0 updated, 20 unchanged"), "{again}");
    // The same file through the other mapping (year and month columns), under another name.
    let by_month = example("defence-activities-by-month.mapping.json");
    s.ok(&[
        "dataset",
        "import",
        &file,
        "--mapping",
        &by_month,
        "--name",
        "monthly",
    ]);

    let list: Value = serde_json::from_str(&s.ok(&["dataset", "list", "--json"])).unwrap();
    let names = strings(&list, "/record/name");
    assert_eq!(names, ["defence-activities-1979-84", "monthly"]);
    let shown = s.ok(&["dataset", "show", "monthly"]);
    assert!(
        shown.contains("OFFICIAL") && shown.contains("defence-activities.csv"),
        "{shown}"
    );

    // The measures run on a data set, and on the register apart from it.
    let csv = s.ok(&[
        "analytics",
        "pairs",
        "--by",
        "year",
        "--dataset",
        "defence-activities-1979-84",
    ]);
    assert!(csv.lines().any(|l| l == "MYS,SGP,1980,3.0,1"), "{csv}");
    let monthly = s.ok(&["analytics", "pairs", "--by", "year", "--dataset", "monthly"]);
    assert_eq!(csv, monthly, "both mappings read the same events");
    let register = s.ok(&["analytics", "pairs"]);
    assert_eq!(register.trim(), "a,b,period,intensity,activities");
    let nodes: Value = serde_json::from_str(&s.ok(&[
        "analytics",
        "nodes",
        "--format",
        "json",
        "--dataset",
        "monthly",
    ]))
    .unwrap();
    assert_eq!(nodes["activities"], 20);
    let map = s.run(&["analytics", "map", "--dataset", "monthly"]);
    assert!(!map.status.success());
    assert!(String::from_utf8_lossy(&map.stderr).contains("a data set has none"));
    let unknown = s.run(&["analytics", "nodes", "--dataset", "nothing"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("data set nothing not found"));

    // A bad file: every problem with its line and column, a non-zero exit, nothing written.
    let bad = s.path("bad.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &bad,
        text.replace("DA-1980-001,1/14/80", "DA-1980-001,2/30/80")
            .replacen(",Singapore,,,", ",Ruritania,,,", 1)
            .replace("DA-1984-003", "DA-1984-002"),
    )
    .unwrap();
    let refused = s.run(&[
        "dataset",
        "import",
        bad.to_str().unwrap(),
        "--mapping",
        &mapping,
        "--name",
        "bad",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    let path = bad.display();
    assert!(
        stderr.contains(&format!(
            "{path}:2: stateb: 'Ruritania' is not a country name"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{path}:5: date: 1980-02-30 is not a day of the calendar"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{path}:21: eventid: DA-1984-002 appears twice in this file, first on line 20"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("3 problem(s) in 20 rows"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let missing = s.run(&["dataset", "show", "bad"]);
    assert!(!missing.status.success());

    // A mapping that does not fit the file names what is wrong.
    let wrong = s.path("wrong.json");
    std::fs::write(
        &wrong,
        std::fs::read_to_string(&mapping)
            .unwrap()
            .replace("\"column\": \"date\"", "\"column\": \"when\""),
    )
    .unwrap();
    let refused = s.run(&[
        "dataset",
        "import",
        &file,
        "--mapping",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(":1: mapping date.column: the file has no column 'when'"),
        "{stderr}"
    );

    let deleted = s.ok(&["dataset", "delete", "monthly"]);
    assert!(
        deleted.contains("Deleted data set monthly and its 20 events."),
        "{deleted}"
    );
    let list: Value = serde_json::from_str(&s.ok(&["dataset", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}
