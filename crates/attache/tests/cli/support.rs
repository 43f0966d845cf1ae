//! The real `attache` binary on a scratch database, for the command line's tests, and the
//! steps several features' tests share.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

/// The `attache` binary, with no database named by the environment.
pub fn attache() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_attache"));
    command.env_remove("ATTACHE_DB");
    command
}

/// A scratch folder with a database in it (made by the first command that needs one),
/// and a way to run `attache` on that database as the console or as one account.
pub struct Scratch {
    dir: TempDir,
    pub db: String,
    /// The account `--user` names, or none: the console.
    user: Option<&'static str>,
}

impl Scratch {
    /// Commands run as the console (no `--user`).
    pub fn console() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("attache.db").display().to_string();
        Scratch {
            dir,
            db,
            user: None,
        }
    }

    /// Runs `f` with commands given `--user user`, then as before.
    pub fn as_account<T>(&mut self, user: &'static str, f: impl FnOnce(&Scratch) -> T) -> T {
        let before = self.user.replace(user);
        let result = f(self);
        self.user = before;
        result
    }

    /// A file of the scratch folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the scratch folder; gives its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    /// Writes a CSV file into the scratch folder: its header line, then `rows` (each
    /// ending in a newline); gives its path.
    pub fn csv(&self, name: &str, header: &str, rows: &str) -> String {
        self.file(name, &format!("{header}\n{rows}"))
    }

    /// This scratch folder with a CSV file `name` written into it (see `csv`); gives both,
    /// the file as its path.
    pub fn with_csv(self, name: &str, header: &str, rows: &str) -> (Self, String) {
        let file = self.csv(name, header, rows);
        (self, file)
    }

    /// `attache` on this database as this user, with these arguments.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = attache();
        command.args(["--db", &self.db]);
        if let Some(user) = self.user {
            command.args(["--user", user]);
        }
        command.args(args);
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs a command with `input` on its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs a command that must succeed; gives its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "attache {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail; gives its standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "attache {args:?} should have failed");
        String::from_utf8(out.stderr).unwrap()
    }

    /// Runs a command that must succeed and print JSON; gives it.
    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

/// A scratch database of our nation, the United Kingdom, with commands run as the console.
pub fn initialised() -> Scratch {
    let s = Scratch::console();
    s.ok(&["init", "--nation", "GBR"]);
    s
}

/// Every activity the register lists with these filters, as JSON.
pub fn listed(s: &Scratch, filters: &[&str]) -> Value {
    let all = ["--limit", "0", "--json"];
    s.json(&[&["activity", "list"][..], filters, &all].concat())
}

/// How many activities the register lists.
pub fn count(s: &Scratch) -> usize {
    listed(s, &[]).as_array().unwrap().len()
}

/// An activity with every kind of field, Singapore hosting: `attache` and its arguments.
pub const STAFF_TALKS: &[&str] = &[
    "activity",
    "add",
    "--title",
    "Staff talks with Singapore",
    "--category",
    "staff_talks",
    "--start",
    "2027-03-14",
    "--end",
    "2027-03-15",
    "--host",
    "SGP",
    "--participant",
    "GBR",
    "--objective",
    "build_trust",
    "--cost",
    "1200.50",
    "--currency",
    "GBP",
];

/// `attache activity add` with what every activity needs: a title, a category, a start
/// and a host.
pub fn add_activity<'a>(
    title: &'a str,
    category: &'a str,
    start: &'a str,
    host: &'a str,
) -> Vec<&'a str> {
    vec![
        "activity",
        "add",
        "--title",
        title,
        "--category",
        category,
        "--start",
        start,
        "--host",
        host,
    ]
}

/// The text at `pointer` (a JSON pointer, as `/record/start`) of each item of a JSON list.
pub fn strings<'a>(list: &'a Value, pointer: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item.pointer(pointer).and_then(Value::as_str).unwrap())
        .collect()
}

/// Rewrites a file with `from` replaced by `to` wherever it stands.
pub fn replace_in(file: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, text.replace(from, to)).unwrap();
}

/// Runs another program (`psql`, `sqlite3`) that must succeed; says its error if not.
pub fn tool(program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
