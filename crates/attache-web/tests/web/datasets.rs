//! External data sets over HTTP: an analyst imports one (mapping and CSV in one body), the
//! measures run on it with `?dataset=`, carrying its label; a file with a bad row is a 422
//! naming the line and column, and nothing is imported; a viewer may not analyse.

use crate::support::{self, get_json};

use std::path::Path;

use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Api, problem};

on_each_server!(a_data_set_is_imported_and_measured_over_http);

fn example(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/examples")
            .join(name),
    )
    .unwrap()
}

async fn a_data_set_is_imported_and_measured_over_http(api: &Api) {
    let analyst = api.client("analyst").await;
    let mapping: Value = serde_json::from_str(&example("defence-activities.mapping.json")).unwrap();
    let csv = example("defence-activities.csv");

    let imported = analyst
        .put(api.url("/datasets/mids"))
        .json(&json!({"mapping": mapping, "csv": csv}))
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), StatusCode::OK);
    let report: Value = imported.json().await.unwrap();
    assert_eq!(report["dataset"], "mids");
    assert_eq!(report["outcome"]["inserted"], 20);

    let answer = analyst
        .get(api.url("/analytics/intensity?by=year&dataset=mids"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["x-classification"], "official");
    let table: Value = answer.json().await.unwrap();
    assert_eq!(table["activities"], 20);
    let rows = table["rows"].as_array().unwrap();
    // Singapore: the US ship visit of 1979 (2), the FPDA exercises of 1980 and 1982 (3),
    // the regional forum of 1981 (1.5), and in 1984 an exercise (3) and staff talks (1).
    let sgp: Vec<(String, f64)> = rows
        .iter()
        .filter(|r| r[0] == "SGP")
        .map(|r| (r[1].as_str().unwrap().to_owned(), r[2].as_f64().unwrap()))
        .collect();
    assert_eq!(
        sgp,
        [
            ("1979".to_owned(), 2.0),
            ("1980".to_owned(), 3.0),
            ("1981".to_owned(), 1.5),
            ("1982".to_owned(), 3.0),
            ("1984".to_owned(), 4.0)
        ]
    );
    let csv_answer = analyst
        .get(api.url("/analytics/links?dataset=mids&format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv_answer.status(), StatusCode::OK);
    assert!(
        csv_answer
            .text()
            .await
            .unwrap()
            .starts_with("a,b,weight,activities\n")
    );

    let listed: Value = get_json(&analyst, api.url("/datasets")).await;
    assert_eq!(listed[0]["record"]["name"], "mids");
    assert_eq!(listed[0]["record"]["events"], 20);
    let shown = analyst.get(api.url("/datasets/mids")).send().await.unwrap();
    assert_eq!(shown.status(), StatusCode::OK);
    let missing = analyst
        .get(api.url("/analytics/nodes?dataset=none"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    // One bad row: 422 naming it, and nothing imported.
    let bad = csv.replace("DA-1981-002,1981-05-19", "DA-1981-002,1981-5-xx-3");
    let refused = analyst
        .put(api.url("/datasets/other"))
        .json(&json!({"mapping": mapping, "csv": bad}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = problem(refused).await;
    assert_eq!(body["errors"][0]["field"], "line 10: date", "{body}");
    let gone = analyst
        .get(api.url("/datasets/other"))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);

    // A viewer may not analyse, data sets included.
    let viewer = api.client("viewer").await;
    let forbidden = viewer
        .get(api.url("/analytics/intensity?dataset=mids"))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}
