//! `attache analytics` end to end: the real binary on a demo database.

use crate::support;

use support::Scratch;

use std::collections::BTreeSet;

use serde_json::Value;

#[test]
fn measures_come_as_csv_and_json_alike_and_the_map_as_geojson() {
    let s = Scratch::console();
    s.ok(&["demo", "--size", "400", "--today", "2026-11-25"]);

    let json: Value = serde_json::from_str(&s.ok(&[
        "analytics",
        "intensity",
        "--by",
        "year",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        json["columns"].to_string(),
        r#"["partner","period","intensity","activities"]"#
    );
    let rows = json["rows"].as_array().unwrap();
    assert!(rows.len() > 20, "{} rows", rows.len());
    assert!(
        rows.iter().all(|r| r[0] != "GBR"),
        "our own nation is not a partner"
    );
    let csv = s.ok(&["analytics", "intensity", "--by", "year"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("partner,period,intensity,activities"));
    let from_json: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{},{},{},{}",
                r[0].as_str().unwrap(),
                r[1].as_str().unwrap(),
                r[2],
                r[3]
            )
        })
        .collect();
    assert_eq!(lines.map(str::to_owned).collect::<Vec<_>>(), from_json);

    // The network's nodes are exactly the states its links join.
    let table = |measure: &str| -> Value {
        serde_json::from_str(&s.ok(&["analytics", measure, "--format", "json"])).unwrap()
    };
    let linked: BTreeSet<String> = table("links")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            [
                r[0].as_str().unwrap().to_owned(),
                r[1].as_str().unwrap().to_owned(),
            ]
        })
        .collect();
    let nodes: BTreeSet<String> = table("nodes")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_owned())
        .collect();
    assert!(!nodes.is_empty());
    assert!(linked.is_subset(&nodes));

    let file = s.path("map.geojson");
    let said = s.ok(&["analytics", "map", "-o", file.to_str().unwrap()]);
    assert!(said.contains("classification: "), "{said}");
    let map: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(map["type"], "FeatureCollection");
    let features = map["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for feature in features {
        let point = &feature["geometry"]["coordinates"];
        let (lon, lat) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        assert!(
            (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
            "{feature}"
        );
    }

    let refused = s.run(&["analytics", "gravity"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a measure"));
    let refused = s.run(&["analytics", "pairs", "--by", "week"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("by: 'week'"));
}
