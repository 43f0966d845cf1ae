//! The security suite: records of every kind at every label and of two nations, each
//! carrying a marker in its text, then every GET operation of the OpenAPI document, every
//! page and every export, read as each lower reader: no marker of a record the reader may
//! not see appears anywhere, in any answer, error or not.

use std::collections::BTreeSet;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::support::{self, Api, PASSWORD};

/// A record seeded for the suite: the marker its text carries, and who may see it.
struct Marked {
    marker: String,
    owner: &'static str,
    classification: &'static str,
    releasable_to: &'static [&'static str],
}

impl Marked {
    /// The rule of `SecurityLabel::visible_to`, restated here so that the suite does not
    /// trust the code it checks.
    fn visible_to(&self, nation: &str, clearance: &str) -> bool {
        let rank = |c: &str| {
            ["official", "official_sensitive", "secret"]
                .iter()
                .position(|x| *x == c)
        };
        rank(clearance) >= rank(self.classification)
            && (self.owner == nation || self.releasable_to.contains(&nation))
    }
}

/// A reader of the suite: an account's name, nation and clearance.
struct Reader {
    name: &'static str,
    nation: &'static str,
    clearance: &'static str,
}

/// The labels every kind of record is seeded at, and the nation that owns it.
const LABELS: [(&str, &str, &[&str]); 5] = [
    ("GBR", "official", &[]),
    ("GBR", "official_sensitive", &[]),
    ("GBR", "secret", &[]),
    ("GBR", "secret", &["FRA"]),
    ("FRA", "official", &[]),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_reader_meets_a_marker_of_a_record_they_may_not_see() {
    let started = std::time::Instant::now();
    let api = Api::on_sqlite().await;
    let admin = api.client("admin").await;
    let partner_admin = api.client("f.admin").await;
    for (name, roles, clearance) in [
        ("f.planner", json!(["planner"]), "secret"),
        (
            "f.reader",
            json!(["viewer", "analyst", "approver"]),
            "official",
        ),
        (
            "g.reader",
            json!(["viewer", "analyst", "approver", "administrator"]),
            "official",
        ),
    ] {
        let nation = if name.starts_with("f.") { "FRA" } else { "GBR" };
        let account = json!({"name": name, "nation": nation, "clearance": clearance,
                             "roles": roles, "password": PASSWORD});
        let by = if nation == "FRA" {
            &partner_admin
        } else {
            &admin
        };
        let added = by
            .post(api.url("/users"))
            .json(&account)
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), StatusCode::CREATED, "{name}");
    }
    let (seeded, keys) = seed(&api, &admin).await;
    let readers = [
        Reader {
            name: "g.reader",
            nation: "GBR",
            clearance: "official",
        },
        Reader {
            name: "f.reader",
            nation: "FRA",
            clearance: "official",
        },
        Reader {
            name: "f.planner",
            nation: "FRA",
            clearance: "secret",
        },
    ];
    let paths = reachable_paths(&api, &admin, &keys).await;
    let mut probes = 0;
    for reader in &readers {
        let client = api.client(reader.name).await;
        let hidden: Vec<&Marked> = seeded
            .iter()
            .filter(|m| !m.visible_to(reader.nation, reader.clearance))
            .collect();
        assert!(
            !hidden.is_empty(),
            "{} must have something to miss",
            reader.name
        );
        // What the reader may see must be met, or the walk proves nothing.
        let mut unmet: BTreeSet<&str> = seeded
            .iter()
            .filter(|m| m.visible_to(reader.nation, reader.clearance))
            .map(|m| m.marker.as_str())
            .collect();
        assert!(
            !unmet.is_empty(),
            "{} must have something to see",
            reader.name
        );
        let mut answered = 0;
        for path in &paths {
            let answer = client.get(path).send().await.unwrap();
            let status = answer.status();
            let body = answer.text().await.unwrap_or_default();
            probes += 1;
            answered += usize::from(status.is_success());
            unmet.retain(|marker| path.contains(marker) || !body.contains(marker));
            assert!(
                !status.is_server_error(),
                "{} GET {path}: {status}",
                reader.name
            );
            // A marker the request itself names comes back as its echo, not as a leak.
            for marked in hidden.iter().filter(|m| !path.contains(&m.marker)) {
                assert!(
                    !body.contains(&marked.marker),
                    "{} met {} at GET {path} ({status})",
                    reader.name,
                    marked.marker
                );
            }
        }
        assert!(unmet.is_empty(), "{} never met {unmet:?}", reader.name);
        assert!(
            answered * 3 > paths.len(),
            "{}: {answered} answers of {}",
            reader.name,
            paths.len()
        );
    }
    eprintln!(
        "security suite: {probes} probes ({} paths × {} readers) of {} marked records in {:.1} s",
        paths.len(),
        readers.len(),
        seeded.len(),
        started.elapsed().as_secs_f64()
    );
}

/// The keys that fill path parameters: every id, code and name seeded.
#[derive(Default)]
struct Keys {
    ids: BTreeSet<i64>,
    codes: BTreeSet<String>,
    names: BTreeSet<String>,
}

/// Seeds an activity, a person, an asset, an agreement and an objective at each label of
/// `LABELS`, and a recipient and a clearance request on each activity; gives the markers
/// and the keys.
async fn seed(api: &Api, admin: &Client) -> (Vec<Marked>, Keys) {
    let mut marked = Vec::new();
    let mut keys = Keys::default();
    let planners = [
        ("GBR", api.client("planner").await),
        ("FRA", api.client("f.planner").await),
    ];
    let admin_of = |owner: &str| match owner {
        "GBR" => Some(admin),
        _ => None,
    };
    for (n, (owner, classification, releasable_to)) in LABELS.into_iter().enumerate() {
        let planner = &planners.iter().find(|(o, _)| *o == owner).unwrap().1;
        let mark = |kind: &str| format!("ZZMARK{n}{kind}");
        let label = json!({"classification": classification, "releasable_to": releasable_to});
        let record = |marker: String| Marked {
            marker,
            owner,
            classification,
            releasable_to,
        };

        let activity = json!({"title": mark("activity"), "category": "training",
            "start_date": "2027-03-14", "end_date": "2027-03-20", "host": "SGP",
            "participants": ["GBR", "FRA"], "classification": classification,
            "releasable_to": releasable_to, "description": mark("description")});
        let id = api.create_activity(planner, &activity).await;
        keys.ids.insert(id);
        marked.extend([record(mark("activity")), record(mark("description"))]);
        let url = api.url(&format!("/activities/{id}"));
        let recipient = json!({"name": mark("recipient"), "kind": "unit", "status": "pending"});
        let put = planner
            .put(format!("{url}/recipients"))
            .json(&recipient)
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), StatusCode::OK);
        marked.push(record(mark("recipient")));

        for (kind, body) in [
            (
                "people",
                json!({"name": mark("person"), "nation": "SGP", "label": label}),
            ),
            (
                "assets",
                json!({"name": mark("asset"), "kind": "ship", "nation": owner, "label": label}),
            ),
            (
                "agreements",
                json!({"kind": "mou", "title": mark("agreement"),
                "parties": ["GBR", "SGP"], "signed": "2026-01-05", "label": label}),
            ),
        ] {
            let created = planner
                .post(api.url(&format!("/{kind}")))
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(created.status(), StatusCode::CREATED, "{kind}: {body}");
            let created: Value = created.json().await.unwrap();
            if let Some(id) = created["meta"]["id"]
                .as_i64()
                .or(created["id"].as_i64())
                .or(created.as_i64())
            {
                keys.ids.insert(id);
            }
        }
        marked.extend([
            record(mark("person")),
            record(mark("asset")),
            record(mark("agreement")),
        ]);
        if let Some(admin) = admin_of(owner) {
            let code = format!("ZZMARK{n}objective");
            let objective = json!({"code": code, "title": mark("aim"), "aim": "build_trust",
                                   "label": label});
            let created = admin
                .post(api.url("/objectives"))
                .json(&objective)
                .send()
                .await
                .unwrap();
            assert_eq!(created.status(), StatusCode::CREATED, "{objective}");
            keys.codes.insert(code.clone());
            marked.extend([record(code), record(mark("aim"))]);
        }
    }
    keys.codes.extend([
        "SGP".to_owned(),
        "GBR".to_owned(),
        "FRA".to_owned(),
        "build_trust".to_owned(),
    ]);
    keys.names.extend([
        "g.reader".to_owned(),
        "f.reader".to_owned(),
        "f.planner".to_owned(),
    ]);
    (marked, keys)
}

/// Every GET path to probe: each operation of the OpenAPI document with its path
/// parameters filled by every key, and its required query parameters by a plausible value;
/// every page, its own ids filled in; every export and report as HTML.
async fn reachable_paths(api: &Api, admin: &Client, keys: &Keys) -> Vec<String> {
    let document: Value = support::get_json(admin, api.url("/openapi.json")).await;
    let site = api.base.trim_end_matches("/api/v1").to_owned();
    let mut paths = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let parameters = get["parameters"].as_array().cloned().unwrap_or_default();
        let query: Vec<String> = parameters
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                let name = p["name"].as_str().unwrap();
                format!("{name}={}", query_value(name, &p["schema"]))
            })
            .collect();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        for filled in fill(template, &parameters, keys) {
            paths.push(format!("{site}{filled}{query}"));
        }
    }
    let ids: Vec<String> = keys.ids.iter().map(i64::to_string).collect();
    for page in [
        "/",
        "/activities",
        "/calendar",
        "/calendar?month=2027-03",
        "/calendar?view=week&week=2027-03-15",
        "/partners",
        "/partners/SGP",
        "/partners/FRA",
        "/analytics",
        "/csbm",
        "/admin",
        "/concurrences",
        "/admin/coordination",
        "/analytics/report?format=html&year=2027",
        "/partners/SGP/report?format=html",
        "/api/v1/export?format=csv",
        "/api/v1/export?format=json",
        "/api/v1/export?format=ics",
        "/api/v1/audit?limit=1000",
    ] {
        paths.push(format!("{site}{page}"));
    }
    for id in &ids {
        for page in [
            "/activities/{id}",
            "/activities/{id}/edit",
            &format!("/api/v1/audit?record=activity/{id}"),
        ] {
            paths.push(format!("{site}{}", page.replace("{id}", id)));
        }
    }
    paths
}

/// A template's path with its parameters filled, once for every key of each kind.
fn fill(template: &str, parameters: &[Value], keys: &Keys) -> Vec<String> {
    let mut filled = vec![template.to_owned()];
    for p in parameters.iter().filter(|p| p["in"] == "path") {
        let name = p["name"].as_str().unwrap();
        let values: Vec<String> = match (name, p["schema"]["type"].as_str()) {
            (_, Some("integer")) => keys.ids.iter().map(i64::to_string).collect(),
            ("name", _) => keys.names.iter().cloned().collect(),
            (_, _) if p["schema"]["enum"].is_array() => p["schema"]["enum"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect(),
            _ => keys.codes.iter().cloned().collect(),
        };
        filled = filled
            .iter()
            .flat_map(|path| {
                values
                    .iter()
                    .map(move |v| path.replace(&format!("{{{name}}}"), v))
            })
            .collect();
    }
    filled
}

/// A value for a required query parameter: its first allowed value, or one of its kind.
fn query_value(name: &str, schema: &Value) -> String {
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.as_str().unwrap_or_default().to_owned();
    }
    match (name, schema["type"].as_str()) {
        ("year", _) | (_, Some("integer")) => "2027".into(),
        ("ministry", _) => "foreign".into(),
        _ => String::new(),
    }
}
