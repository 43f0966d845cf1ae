//! The audit trail on the command line: every change lands in it, and `audit verify`
//! names the entry a hand at the database altered, removed, reordered or rewrote, the
//! signed checkpoint that a removed tail, a recomputed chain or an emptied trail breaks,
//! and the record changed behind the trail. The key is made by `audit keygen`.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::support::{STAFF_TALKS, Scratch, attache, initialised, strings, tool};

/// Runs SQL on a SQLite database with the `sqlite3` shell, as someone tampering would.
fn sqlite3(db: &str, sql: &str) {
    tool("sqlite3", &[db, sql]);
}

/// A database with an audit trail of several entries, and a copy of its file to tamper
/// with for each case.
fn audited() -> Scratch {
    let s = initialised();
    changes(&s);
    s
}

/// An activity added, moved on and renamed, then a person added: four entries.
fn changes(s: &Scratch) {
    s.ok(STAFF_TALKS);
    s.ok(&["activity", "transition", "1", "planned"]);
    s.ok(&["activity", "edit", "1", "--title", "Navy staff talks"]);
    s.ok(&["person", "add", "--name", "Jane Doe", "--nation", "GBR"]);
}

#[test]
fn every_change_lands_in_the_audit_trail() {
    let s = audited();
    let history = s.json(&["audit", "log", "--record", "activity:1", "--json"]);
    let actions = strings(&history, "/action");
    assert_eq!(actions, ["create", "transition", "update"]);
    let update = &history[2];
    assert_eq!(update["actor"], "console");
    assert!(
        update["before"]
            .as_str()
            .unwrap()
            .contains("Staff talks with Singapore")
    );
    assert!(
        update["after"]
            .as_str()
            .unwrap()
            .contains("Navy staff talks")
    );
    let verified = s.json(&["audit", "verify", "--json"]);
    assert_eq!(verified["result"], "intact");
    // The reference data (every state and organisation) is in the trail too.
    assert!(verified["entries"].as_u64().unwrap() > 250);
}

#[test]
fn audit_verify_names_an_entry_altered_removed_or_reordered_by_hand() {
    let s = audited();
    let last: i64 = s.json(&["audit", "log", "--limit", "1", "--json"])[0]["id"]
        .as_i64()
        .unwrap();
    let cases = [
        (
            format!(
                "UPDATE audit_log SET actor = 'mallory' WHERE id = {}",
                last - 2
            ),
            last - 2,
            "altered",
        ),
        (
            format!("DELETE FROM audit_log WHERE id = {}", last - 1),
            last - 1,
            "missing",
        ),
        (
            format!(
                "UPDATE audit_log SET id = -1 WHERE id = {a}; UPDATE audit_log SET id = {a} WHERE id = {b}; \
                 UPDATE audit_log SET id = {b} WHERE id = -1",
                a = last - 3,
                b = last - 2
            ),
            last - 3,
            "reordered",
        ),
        (
            format!("DELETE FROM audit_log WHERE id = {last}"),
            last,
            "removed from the end",
        ),
    ];
    // Everything into the main file, so that a copy of it is the whole database.
    sqlite3(&s.db, "PRAGMA wal_checkpoint(TRUNCATE)");
    for (sql, entry, why) in cases {
        let copy = s.path("tampered.db");
        std::fs::copy(&s.db, &copy).unwrap();
        let copy = copy.display().to_string();
        sqlite3(&copy, &sql);
        let out = attache()
            .args(["--db", &copy, "audit", "verify"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{why}: verify passed");
        assert!(
            err.contains(&format!("broken at entry {entry}:")),
            "{why}: {err}"
        );
        std::fs::remove_file(&copy).unwrap();
    }
}

/// A new audit key in the scratch folder; gives its path, and the public key line that
/// keygen showed.
fn keyed(s: &Scratch) -> (String, String) {
    let key = s.path("audit.key").display().to_string();
    let shown = s.ok(&["audit", "keygen", "--key", &key]);
    let public = shown
        .lines()
        .find(|line| line.starts_with("ed25519-public "))
        .unwrap_or_else(|| panic!("keygen showed no public key: {shown}"));
    (key, public.to_owned())
}

/// `audit verify`, with the key file if one is named: whether it passed, and what it said.
fn verify(s: &Scratch, key: Option<&str>) -> (bool, String) {
    let mut args = vec!["audit", "verify"];
    args.extend(key.map(|key| ["--audit-key", key]).into_iter().flatten());
    let out = s.run(&args);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// Every entry of the trail, oldest first.
fn entries(s: &Scratch) -> Vec<Value> {
    let all = s.json(&["audit", "log", "--limit", "100000", "--json"]);
    all.as_array().unwrap().clone()
}

/// An entry's hash as the trail computes it, recomputed as someone who read the source
/// would: SHA-256 over its fields but the hash, as a JSON array.
fn hash_of(e: &Value) -> String {
    let fields = json!([
        e["id"],
        e["at"],
        e["actor"],
        e["actor_nation"],
        e["action"],
        e["record_type"],
        e["record_id"],
        e["classification"],
        e["releasable_to"],
        e["owner_nation"],
        e["before"],
        e["after"],
        e["prev_hash"],
    ]);
    Sha256::digest(fields.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Gives entry `id` another actor and its hash recomputed; with `onwards`, every later
/// entry rechained to it and the head moved to the new last hash, as a careful forger
/// would.
fn forge(s: &Scratch, id: i64, onwards: bool) {
    let mut all = entries(s);
    let at = all.iter().position(|e| e["id"] == id).unwrap();
    all[at]["actor"] = "mallory".into();
    let last = if onwards { all.len() } else { at + 1 };
    let mut sql = String::new();
    for n in at..last {
        if n > at {
            all[n]["prev_hash"] = all[n - 1]["hash"].clone();
        }
        all[n]["hash"] = hash_of(&all[n]).into();
        sql += &format!(
            "UPDATE audit_log SET actor = '{}', prev_hash = '{}', hash = '{}' WHERE id = {};",
            all[n]["actor"].as_str().unwrap(),
            all[n]["prev_hash"].as_str().unwrap(),
            all[n]["hash"].as_str().unwrap(),
            all[n]["id"]
        );
    }
    if onwards {
        let head = all.last().unwrap()["hash"].as_str().unwrap();
        sql += &format!("UPDATE audit_head SET last_hash = '{head}';");
    }
    sqlite3(&s.db, &sql);
}

#[test]
fn audit_keygen_writes_a_new_private_key_once_and_shows_its_public_key() {
    let s = Scratch::console();
    let key = s.path("audit.key");
    let shown = s.ok(&["audit", "keygen", "--key", key.to_str().unwrap()]);
    assert!(shown.contains("ed25519-public "), "{shown}");
    let written = std::fs::read_to_string(&key).unwrap();
    assert!(written.starts_with("ed25519-secret "), "{written}");
    assert!(!shown.contains(written.trim()), "the secret key was shown");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // No database was needed, nor made.
    assert!(!std::path::Path::new(&s.db).exists());
    let refused = s.fails(&["audit", "keygen", "--key", key.to_str().unwrap()]);
    assert!(refused.contains("never overwritten"), "{refused}");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), written);
    let other = s.path("other.key");
    s.ok(&["audit", "keygen", "--key", other.to_str().unwrap()]);
    assert_ne!(std::fs::read_to_string(&other).unwrap(), written);
}

#[test]
fn audit_checkpoint_signs_the_head_and_verify_checks_it_with_the_key() {
    let s = audited();
    let (key, public) = keyed(&s);
    let (_, unkeyed) = verify(&s, None);
    assert!(unkeyed.contains("0 checkpoints not checked"), "{unkeyed}");
    let checkpoint = s.json(&["audit", "checkpoint", "--audit-key", &key, "--json"]);
    let last = entries(&s).last().unwrap()["id"].clone();
    assert_eq!(checkpoint["id"], 1);
    assert_eq!(
        (&checkpoint["entry"], &checkpoint["entries"]),
        (&last, &last)
    );
    // The key by the environment, as a deployment gives it.
    let out = attache()
        .args(["--db", &s.db, "audit", "checkpoint"])
        .env("ATTACHE_AUDIT_KEY", &key)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verified = s.json(&["audit", "verify", "--audit-key", &key, "--json"]);
    assert_eq!(verified["result"], "intact", "{verified}");
    assert_eq!(verified["checkpoints"]["checked"], 2);
    assert_eq!(verified["records"]["activities"], 1);
    let (passed, said) = verify(&s, None);
    assert!(
        passed && said.contains("2 checkpoints not checked"),
        "{said}"
    );
    // The public key alone checks them, and cannot sign one.
    let public = s.file("audit.pub", &public);
    let (passed, said) = verify(&s, Some(&public));
    assert!(passed && said.contains("2 checkpoints checked"), "{said}");
    let refused = s.fails(&["audit", "checkpoint", "--audit-key", &public]);
    assert!(refused.contains("cannot sign"), "{refused}");
}

#[test]
fn verify_with_the_key_finds_a_tail_removed_and_its_head_rewound() {
    let s = audited();
    let (key, _) = keyed(&s);
    s.ok(&["audit", "checkpoint", "--audit-key", &key]);
    let all = entries(&s);
    let kept = &all[all.len() - 2];
    // The person's entry goes, with the head set back to the entry before it.
    sqlite3(
        &s.db,
        &format!(
            "DELETE FROM audit_log WHERE id > {0}; UPDATE audit_head SET last_id = {0}, last_hash = '{1}'",
            kept["id"],
            kept["hash"].as_str().unwrap()
        ),
    );
    // The chain alone cannot tell.
    let (passed, said) = verify(&s, None);
    assert!(passed, "{said}");
    let (passed, said) = verify(&s, Some(&key));
    assert!(!passed);
    let first_gone = kept["id"].as_i64().unwrap() + 1;
    assert!(
        said.contains(&format!("broken at checkpoint 1 (entry {first_gone}):")),
        "{said}"
    );
    assert!(said.contains("removed"), "{said}");
}

#[test]
fn verify_with_the_key_finds_a_chain_recomputed_from_an_entry_on() {
    let s = initialised();
    let (key, _) = keyed(&s);
    s.ok(&["audit", "checkpoint", "--audit-key", &key]);
    let vouched = entries(&s).len() as i64;
    changes(&s);
    s.ok(&["audit", "checkpoint", "--audit-key", &key]);
    // Who moved the activity on, rewritten, and the chain recomputed from there.
    forge(&s, vouched + 2, true);
    let (passed, said) = verify(&s, None);
    assert!(passed, "the chain alone cannot tell: {said}");
    let (passed, said) = verify(&s, Some(&key));
    assert!(!passed);
    assert!(
        said.contains(&format!("broken at checkpoint 2 (entry {}):", vouched + 1)),
        "{said}"
    );
    assert!(said.contains("rewritten"), "{said}");
}

#[test]
fn verify_with_the_key_finds_an_emptied_trail_with_its_head_at_genesis() {
    let s = audited();
    let (key, _) = keyed(&s);
    s.ok(&["audit", "checkpoint", "--audit-key", &key]);
    sqlite3(
        &s.db,
        "DELETE FROM audit_log; UPDATE audit_head SET last_id = 0, last_hash = 'genesis'",
    );
    let (passed, said) = verify(&s, Some(&key));
    assert!(!passed);
    assert!(said.contains("broken at checkpoint 1 (entry 1):"), "{said}");
    // Without the key, the register's records still tell.
    let (passed, said) = verify(&s, None);
    assert!(!passed);
    assert!(said.contains("broken at activity 1:"), "{said}");
}

#[test]
fn verify_names_a_record_changed_behind_the_trail_and_its_entry() {
    let s = audited();
    let renamed = s.json(&["audit", "log", "--record", "activity:1", "--json"])[2]["id"].clone();
    sqlite3(&s.db, "UPDATE activities SET title = 'x' WHERE id = 1");
    let (passed, said) = verify(&s, None);
    assert!(!passed);
    assert!(
        said.contains(&format!("broken at activity 1 (entry {renamed}):")),
        "{said}"
    );
    assert!(said.contains("title"), "{said}");
}

#[test]
fn verify_names_an_entry_rewritten_with_its_hash_recomputed_not_the_next() {
    let s = audited();
    let last = entries(&s).last().unwrap()["id"].as_i64().unwrap();
    forge(&s, last - 1, false);
    let (passed, said) = verify(&s, None);
    assert!(!passed);
    assert!(
        said.contains(&format!("broken at entry {}:", last - 1)),
        "{said}"
    );
    assert!(said.contains("rewritten"), "{said}");
}

/// A server that is stopped when dropped, a failed test's too.
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `attache serve` on the scratch database with these arguments, until it has said `line`
/// (its output is given) or ended, then `then`; then stopped.
fn served_until(s: &Scratch, args: &[&str], line: &str, then: impl FnOnce()) -> String {
    use std::io::{BufRead, BufReader};
    let mut server = Serving(
        attache()
            .args(["--db", &s.db, "serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut said = String::new();
    for next in BufReader::new(server.0.stdout.take().unwrap()).lines() {
        let next = next.unwrap();
        said += &next;
        said.push('\n');
        if next.contains(line) {
            break;
        }
    }
    then();
    said
}

#[test]
fn serve_signs_checkpoints_on_its_schedule_with_the_key_and_says_when_they_are_off() {
    let s = audited();
    let (key, _) = keyed(&s);
    let said = served_until(&s, &[], "Checkpoints of the audit trail", || {});
    assert!(said.contains("are off"), "{said}");
    let said = served_until(
        &s,
        &["--audit-key", &key, "--checkpoint-every", "1"],
        "Checkpoints of the audit trail",
        || {
            // The first is signed at start; wait for it, ten seconds at most.
            for _ in 0..100 {
                let verified = s.json(&["audit", "verify", "--audit-key", &key, "--json"]);
                if verified["checkpoints"]["checked"] == 1 {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            panic!("serve signed no checkpoint in ten seconds");
        },
    );
    assert!(said.contains("one every 1 minutes"), "{said}");
}
