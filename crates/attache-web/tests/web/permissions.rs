//! The permission matrix over HTTP: every operation of the OpenAPI document, for an
//! account of every role, is allowed or refused (403) exactly as `PERMISSIONS` says. The
//! operations come from the server's own document, so a new endpoint without a line here
//! fails the test instead of escaping it.

use crate::support;

use std::collections::BTreeSet;

use attache_domain::access::{Permission, UserRole, allows};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use support::{Api, get_json};

on_each_server!(every_operation_is_allowed_exactly_to_the_roles_that_hold_its_permission);

/// One request of the walk: which operation, how to call it, and the permission it needs
/// (`None`: any signed-in account, or anyone).
struct Call {
    operation: &'static str,
    method: Method,
    path: String,
    body: Option<Value>,
    needs: Option<Permission>,
}

fn call(
    operation: &'static str,
    method: Method,
    path: impl Into<String>,
    body: Option<Value>,
    needs: Option<Permission>,
) -> Call {
    Call {
        operation,
        method,
        path: path.into(),
        body,
        needs,
    }
}

/// The records every call refers to, made before the walk.
struct Fixtures {
    activity: i64,
    person: i64,
    asset: i64,
    agreement: i64,
}

fn activity(title: &str) -> Value {
    json!({"title": title, "category": "staff_talks", "start_date": "2027-03-14",
           "end_date": "2027-03-15", "host": "SGP", "participants": ["GBR"]})
}

/// Every operation, as `role` calls it (names it makes are its own, so that the roles do
/// not collide), in an order where ending the session comes last.
fn calls(role: UserRole, f: &Fixtures) -> Vec<Call> {
    use Permission::*;
    let name = account_of(role);
    let name = name.as_str();
    let get = Method::GET;
    let post = Method::POST;
    let put = Method::PUT;
    let a = f.activity;
    let person = json!({"name": format!("Person of {name}"), "nation": "SGP"});
    let asset = json!({"name": format!("HMS {name}"), "kind": "ship", "nation": "GBR"});
    let agreement = json!({"kind": "mou", "title": format!("MOU of {name}"),
                           "parties": ["GBR", "SGP"], "signed": "2026-01-05"});
    let objective =
        |code: &str| json!({"code": code, "title": "Maritime trust", "aim": "build_trust"});
    let partner =
        |code: &str| json!({"code": code, "kind": "organisation", "name": format!("Forum {code}")});
    let index = UserRole::ALL
        .iter()
        .position(|r| *r == role)
        .unwrap_or_default();
    let org = format!("FORUM-{index}");
    vec![
        call("health", get.clone(), "/health", None, None),
        call("openapi", get.clone(), "/openapi.json", None, None),
        call(
            "sign_in",
            post.clone(),
            "/session",
            Some(json!({"name": name, "password": support::PASSWORD})),
            None,
        ),
        call(
            "list_activities",
            get.clone(),
            "/activities",
            None,
            Some(ReadRecords),
        ),
        call(
            "count_activities",
            get.clone(),
            "/activities/count",
            None,
            Some(ReadRecords),
        ),
        call(
            "show_activity",
            get.clone(),
            format!("/activities/{a}"),
            None,
            Some(ReadRecords),
        ),
        call(
            "create_activity",
            post.clone(),
            "/activities",
            Some(activity(name)),
            Some(EditActivities),
        ),
        call(
            "replace_activity",
            put.clone(),
            format!("/activities/{a}"),
            Some(activity("Changed")),
            Some(EditActivities),
        ),
        call(
            "transition_activity",
            post.clone(),
            format!("/activities/{a}/transition"),
            Some(json!({"to": "planned"})),
            Some(MoveActivities),
        ),
        call(
            "export_activities",
            get.clone(),
            "/export?format=json",
            None,
            Some(ImportExport),
        ),
        call(
            "list_partners",
            get.clone(),
            "/partners",
            None,
            Some(ReadRecords),
        ),
        call(
            "show_partners",
            get.clone(),
            "/partners/SGP",
            None,
            Some(ReadRecords),
        ),
        call(
            "create_partners",
            post.clone(),
            "/partners",
            Some(partner(&org)),
            Some(ManageReference),
        ),
        call(
            "replace_partners",
            put.clone(),
            "/partners/FORUM-FIXTURE",
            Some(partner("FORUM-FIXTURE")),
            Some(ManageReference),
        ),
        call(
            "list_people",
            get.clone(),
            "/people",
            None,
            Some(ReadRecords),
        ),
        call(
            "show_people",
            get.clone(),
            format!("/people/{}", f.person),
            None,
            Some(ReadRecords),
        ),
        call(
            "create_people",
            post.clone(),
            "/people",
            Some(person.clone()),
            Some(EditActivities),
        ),
        call(
            "replace_people",
            put.clone(),
            format!("/people/{}", f.person),
            Some(person),
            Some(EditActivities),
        ),
        call(
            "list_assets",
            get.clone(),
            "/assets",
            None,
            Some(ReadRecords),
        ),
        call(
            "show_assets",
            get.clone(),
            format!("/assets/{}", f.asset),
            None,
            Some(ReadRecords),
        ),
        call(
            "create_assets",
            post.clone(),
            "/assets",
            Some(asset.clone()),
            Some(EditActivities),
        ),
        call(
            "replace_assets",
            put.clone(),
            format!("/assets/{}", f.asset),
            Some(asset),
            Some(EditActivities),
        ),
        call(
            "list_objectives",
            get.clone(),
            "/objectives",
            None,
            Some(ReadRecords),
        ),
        call(
            "show_objectives",
            get.clone(),
            "/objectives/build_trust",
            None,
            Some(ReadRecords),
        ),
        call(
            "create_objectives",
            post.clone(),
            "/objectives",
            Some(objective(&format!("obj-{name}"))),
            Some(ManageReference),
        ),
        call(
            "replace_objectives",
            put.clone(),
            "/objectives/obj-fixture",
            Some(objective("obj-fixture")),
            Some(ManageReference),
        ),
        call(
            "list_agreements",
            get.clone(),
            "/agreements",
            None,
            Some(ReadRecords),
        ),
        call(
            "show_agreements",
            get.clone(),
            format!("/agreements/{}", f.agreement),
            None,
            Some(ReadRecords),
        ),
        call(
            "create_agreements",
            post.clone(),
            "/agreements",
            Some(agreement.clone()),
            Some(EditActivities),
        ),
        call(
            "replace_agreements",
            put.clone(),
            format!("/agreements/{}", f.agreement),
            Some(agreement),
            Some(EditActivities),
        ),
        call(
            "issue_token",
            post.clone(),
            "/tokens",
            Some(json!({"label": "walk"})),
            None,
        ),
        call("list_tokens", get.clone(), "/tokens", None, None),
        call("revoke_token", Method::DELETE, "/tokens/999999", None, None),
        call("list_users", get.clone(), "/users", None, Some(ManageUsers)),
        call(
            "show_user",
            get.clone(),
            "/users/target",
            None,
            Some(ManageUsers),
        ),
        call(
            "add_user",
            post.clone(),
            "/users",
            Some(
                json!({"name": format!("new-{name}"), "nation": "GBR", "clearance": "official", "roles": ["viewer"]}),
            ),
            Some(ManageUsers),
        ),
        call(
            "disable_user",
            post.clone(),
            "/users/target/disable",
            None,
            Some(ManageUsers),
        ),
        call(
            "enable_user",
            post.clone(),
            "/users/target/enable",
            None,
            Some(ManageUsers),
        ),
        call(
            "change_user_access",
            Method::PATCH,
            "/users/target",
            Some(json!({"roles": ["viewer"]})),
            Some(ManageUsers),
        ),
        call(
            "reset_password",
            post.clone(),
            "/users/target/password",
            Some(json!({})),
            Some(ManageUsers),
        ),
        call(
            "list_csbm_activities",
            get.clone(),
            "/csbm/activities?year=2027",
            None,
            Some(ReadRecords),
        ),
        call(
            "create_csbm_activity",
            post.clone(),
            "/csbm/activities",
            Some(
                json!({"reference": format!("EX-{name}"), "name": "Walk", "kind": "land_exercise",
                        "start_date": "2027-05-01", "end_date": "2027-05-03", "host": "GBR", "troops": 100}),
            ),
            Some(ManageCsbm),
        ),
        call(
            "csbm_check",
            get.clone(),
            "/csbm/check?year=2027",
            None,
            Some(ReadRecords),
        ),
        call(
            "csbm_notification",
            get.clone(),
            "/csbm/activities/999999/notification",
            None,
            Some(ReadRecords),
        ),
        call("audit_trail", get.clone(), "/audit", None, Some(ReadAudit)),
        call(
            "show_coordination",
            get.clone(),
            format!("/activities/{a}/coordination"),
            None,
            Some(ReadRecords),
        ),
        call(
            "answer_concurrence",
            post.clone(),
            format!("/activities/{a}/concurrences"),
            Some(json!({"ministry": "foreign", "verdict": "comment", "reason": name})),
            Some(ConcurForeign),
        ),
        call(
            "put_clearance_request",
            put.clone(),
            format!("/activities/{a}/clearances"),
            Some(json!({"partner": "SGP", "kind": "warship_visit", "status": "not_requested"})),
            Some(EditActivities),
        ),
        call(
            "put_recipient",
            put.clone(),
            format!("/activities/{a}/recipients"),
            Some(json!({"name": name, "kind": "person", "status": "pending"})),
            Some(EditActivities),
        ),
        call(
            "complete_without_clearance",
            post.clone(),
            format!("/activities/{a}/completed-without-clearance"),
            None,
            Some(MoveActivities),
        ),
        call(
            "concurrence_inbox",
            get.clone(),
            "/concurrences/inbox?ministry=development",
            None,
            Some(ConcurDevelopment),
        ),
        call(
            "clearances_at_risk",
            get.clone(),
            "/clearances/at-risk",
            None,
            Some(ReadRecords),
        ),
        call(
            "list_lead_times",
            get.clone(),
            "/lead-times",
            None,
            Some(ReadRecords),
        ),
        call(
            "set_lead_times",
            put.clone(),
            "/lead-times/SGP",
            Some(json!({"warship_visit": 30, "aircraft_landing": 14, "overflight": 7})),
            Some(ManageReference),
        ),
        call(
            "list_restrictions",
            get.clone(),
            "/restrictions",
            None,
            Some(ReadRecords),
        ),
        call(
            "add_restrictions",
            post.clone(),
            "/restrictions",
            Some(
                json!([{"partner": "SGP", "source": "Test measure", "scope": "equipment",
                         "start": "2030-01-01", "end": "2030-01-02"}]),
            ),
            Some(ManageReference),
        ),
        call(
            "list_concurrence_rules",
            get.clone(),
            "/concurrence-rules",
            None,
            Some(ReadRecords),
        ),
        call(
            "set_concurrence_rules",
            put.clone(),
            "/concurrence-rules",
            Some(
                json!([{"ministry": "foreign", "condition": {"when": "foreign_partner"}, "due_days": 14},
                        {"ministry": "development", "condition": {"when": "category", "value": "training"}, "due_days": 14}]),
            ),
            Some(ManageReference),
        ),
        call(
            "analytics_measure",
            get.clone(),
            "/analytics/intensity",
            None,
            Some(Analyse),
        ),
        call("activities_map", get.clone(), "/map", None, Some(Analyse)),
        call(
            "list_datasets",
            get.clone(),
            "/datasets",
            None,
            Some(Analyse),
        ),
        call(
            "show_dataset",
            get.clone(),
            "/datasets/no-such-set",
            None,
            Some(Analyse),
        ),
        call(
            "import_dataset",
            Method::PUT,
            format!("/datasets/set-{name}"),
            Some(
                json!({"mapping": {"source": "test", "classification": "official",
                "id": "id", "date": {"column": "date"}, "participants": {"columns": ["a", "b"]},
                "category": {"default": "exercise"}},
                "csv": "id,date,a,b\n1,1980-01-xx,USA,GBR\n"}),
            ),
            Some(Analyse),
        ),
        call(
            "list_indicator_readings",
            get.clone(),
            "/objectives/obj-fixture/readings",
            None,
            Some(ReadRecords),
        ),
        call(
            "add_indicator_reading",
            post.clone(),
            "/objectives/obj-fixture/readings",
            Some(json!({"indicator": "Fixture", "value": 1, "measured_on": "2026-01-05"})),
            Some(Analyse),
        ),
        call("analytics_ame", get.clone(), "/ame", None, Some(Analyse)),
        call(
            "list_air_base_visits",
            get,
            "/csbm/air-base-visits",
            None,
            Some(ReadRecords),
        ),
        call(
            "create_air_base_visit",
            post.clone(),
            "/csbm/air-base-visits",
            Some(json!({"host": "GBR", "air_base": format!("RAF {name}"), "date": "2026-06-01"})),
            Some(ManageCsbm),
        ),
        call(
            "csbm_calendar",
            Method::GET,
            "/csbm/calendar?year=2027&format=html",
            None,
            Some(ReadRecords),
        ),
        call(
            "analytics_measure",
            Method::GET,
            "/analytics/categories",
            None,
            Some(Analyse),
        ),
        call(
            "update_restriction",
            put.clone(),
            "/restrictions/999999",
            Some(
                json!({"partner": "SGP", "source": "Test measure", "scope": "equipment",
                        "start": "2030-01-01"}),
            ),
            Some(ManageReference),
        ),
        call(
            "delete_restriction",
            Method::DELETE,
            "/restrictions/999999",
            None,
            Some(ManageReference),
        ),
        call("sign_out", Method::DELETE, "/session", None, None),
    ]
}

fn account_of(role: UserRole) -> String {
    format!("as-{}", role.as_str())
}

async fn send(api: &Api, client: &Client, c: &Call) -> reqwest::Response {
    let mut request = client
        .request(c.method.clone(), api.url(&c.path))
        .header("if-match", "\"1\"");
    if let Some(body) = &c.body {
        request = request.json(body);
    }
    request.send().await.unwrap()
}

/// Made by the administrator and a planner, before the walk.
async fn fixtures(api: &Api, admin: &Client) -> Fixtures {
    let planner = api.client("planner").await;
    let made = |client: Client, path: &'static str, body: Value| async move {
        let response = client.post(api.url(path)).json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{path}");
        let made: Value = response.json().await.unwrap();
        made["meta"]["id"].as_i64().unwrap()
    };
    let fixtures = Fixtures {
        activity: made(planner.clone(), "/activities", activity("Fixture")).await,
        person: made(
            planner.clone(),
            "/people",
            json!({"name": "Fixture", "nation": "SGP"}),
        )
        .await,
        asset: made(
            planner.clone(),
            "/assets",
            json!({"name": "Fixture", "kind": "ship", "nation": "GBR"}),
        )
        .await,
        agreement: made(
            planner,
            "/agreements",
            json!({"kind": "mou", "title": "Fixture",
            "parties": ["GBR", "SGP"], "signed": "2026-01-05"}),
        )
        .await,
    };
    made(
        admin.clone(),
        "/partners",
        json!({"code": "FORUM-FIXTURE", "kind": "organisation", "name": "Fixture forum"}),
    )
    .await;
    made(
        admin.clone(),
        "/objectives",
        json!({"code": "obj-fixture", "title": "Fixture", "aim": "build_trust"}),
    )
    .await;
    let target =
        json!({"name": "target", "nation": "GBR", "clearance": "official", "roles": ["viewer"]});
    let response = admin
        .post(api.url("/users"))
        .json(&target)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    fixtures
}

async fn every_operation_is_allowed_exactly_to_the_roles_that_hold_its_permission(api: &Api) {
    let admin = api.client("admin").await;
    let fixtures = fixtures(api, &admin).await;

    // Every operation the server describes is walked, and nothing else.
    let doc = get_json(&Client::new(), api.url("/openapi.json")).await;
    let described: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
        .collect();
    let walked: BTreeSet<String> = calls(UserRole::Viewer, &fixtures)
        .iter()
        .map(|c| c.operation.to_owned())
        .collect();
    assert_eq!(described, walked, "the walk covers the document exactly");

    for &role in UserRole::ALL {
        // An account with this one role, cleared for everything.
        let name = account_of(role);
        let client = api
            .add_account(&admin, &name, "secret", role.as_str())
            .await;
        for c in calls(role, &fixtures) {
            let status = send(api, &client, &c).await.status();
            let allowed = c.needs.is_none_or(|p| allows(&[role], p));
            let what = format!("{name} {} {} ({})", c.method, c.path, c.operation);
            if allowed {
                assert!(
                    status != StatusCode::FORBIDDEN && status != StatusCode::UNAUTHORIZED,
                    "{what} is allowed, answered {status}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{what} is refused");
            }
        }
    }
}
