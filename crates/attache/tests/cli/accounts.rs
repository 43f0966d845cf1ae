//! Accounts on the command line: a user added with a password read from standard input,
//! listed, disabled and given a new password, each step audited without the hash.

use crate::support::{initialised, strings};

#[test]
fn accounts_are_added_listed_disabled_and_audited() {
    let s = initialised();
    let add = [
        "user",
        "add",
        "ana",
        "--nation",
        "GBR",
        "--clearance",
        "secret",
        "--role",
        "planner",
        "--role",
        "approver",
    ];
    let short = s.run_with_stdin(&add, "short\n");
    assert!(String::from_utf8_lossy(&short.stderr).contains("password: at least 12 characters"));
    assert!(
        s.run_with_stdin(&add, "correct horse battery\n")
            .status
            .success()
    );
    assert!(
        !s.run_with_stdin(&add, "correct horse battery\n")
            .status
            .success(),
        "added twice"
    );
    let bad_role = s.fails(&[
        "user",
        "add",
        "bob",
        "--nation",
        "GBR",
        "--clearance",
        "secret",
        "--role",
        "king",
    ]);
    assert!(bad_role.contains("'king' is not a role"), "{bad_role}");
    let listed = s.json(&["user", "list", "--json"]);
    assert_eq!(
        listed[0]["record"]["roles"],
        serde_json::json!(["planner", "approver"])
    );
    s.ok(&["user", "disable", "ana"]);
    assert_eq!(
        s.json(&["user", "list", "--json"])[0]["record"]["disabled"],
        true
    );
    assert!(
        s.run_with_stdin(
            &["user", "reset-password", "ana"],
            "another long password\n"
        )
        .status
        .success()
    );
    let trail = s.json(&["audit", "log", "--record", "user:ana", "--json"]);
    let actions = strings(&trail, "/action");
    assert_eq!(actions, ["create", "update", "reset_password"]);
    assert!(
        !trail.to_string().contains("argon2"),
        "a password hash reached the trail"
    );
}

#[test]
fn a_named_user_acts_with_its_own_rights_and_the_console_as_itself() {
    let mut s = initialised();
    s.ok(crate::support::STAFF_TALKS);
    let id = "1".to_owned();
    // No account of that name: refused before anything runs.
    let unknown = s.as_account("viewer", |s| {
        s.fails(&["activity", "transition", &id, "planned"])
    });
    assert!(
        unknown.contains("no enabled account named viewer"),
        "{unknown}"
    );
    s.run_with_stdin(
        &[
            "user",
            "add",
            "viewer",
            "--nation",
            "GBR",
            "--clearance",
            "official",
            "--role",
            "viewer",
        ],
        "correct horse battery\n",
    );
    let refused = s.as_account("viewer", |s| {
        s.fails(&["activity", "transition", &id, "planned"])
    });
    assert!(refused.contains("move_activities"), "{refused}");
    // Its roles change; the change is audited, and then the transition is its own.
    let changed = s.ok(&[
        "user", "change", "viewer", "--role", "planner", "--role", "viewer",
    ]);
    assert!(
        changed.contains("viewer is cleared for official with the roles planner, viewer"),
        "{changed}"
    );
    s.as_account("viewer", |s| {
        s.ok(&["activity", "transition", &id, "planned"])
    });
    let trail = s.json(&[
        "audit",
        "log",
        "--record",
        &format!("activity:{id}"),
        "--json",
    ]);
    assert_eq!(strings(&trail, "/actor"), ["console", "viewer"]);
    let trail = s.json(&["audit", "log", "--record", "user:viewer", "--json"]);
    assert_eq!(strings(&trail, "/action"), ["create", "change_access"]);
    s.ok(&["user", "disable", "viewer"]);
    let disabled = s.as_account("viewer", |s| s.fails(&["activity", "list"]));
    assert!(
        disabled.contains("no enabled account named viewer"),
        "{disabled}"
    );
    let nothing = s.fails(&["user", "change", "viewer"]);
    assert!(
        nothing.contains("say what changes") || nothing.contains("Usage"),
        "{nothing}"
    );
}
