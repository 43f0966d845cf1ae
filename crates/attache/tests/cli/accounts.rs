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
