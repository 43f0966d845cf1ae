//! The real `attache` binary on a scratch database, for the command line's tests.

// Each test file uses its own part of this.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

use tempfile::TempDir;

/// A scratch folder with a database in it (made by the first command that needs one),
/// and a way to run `attache` on that database as one user.
pub struct Scratch {
    dir: TempDir,
    pub db: String,
    user: &'static str,
}

impl Scratch {
    pub fn as_user(user: &'static str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("attache.db").display().to_string();
        Scratch { dir, db, user }
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

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_attache"))
            .args(["--db", &self.db, "--user", self.user])
            .args(args)
            .env_remove("ATTACHE_DB")
            .output()
            .unwrap()
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
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}
