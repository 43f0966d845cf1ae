//! The tidy test: rules of the repository's shape that no compiler checks (after
//! rust-analyzer's `xtask/src/tidy.rs`): every source file says its job on its first line
//! and is a module of its own (nothing is `include!`d), both databases have the same
//! migrations, every path ARCHITECTURE.md names exists, the edges (web pages, API, command
//! line) do not list the store crate, and the server libraries deny indexing that can panic.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root (this crate is `crates/attache-testkit`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

#[test]
fn every_source_file_starts_by_saying_its_job() {
    let root = root();
    let mut files = Vec::new();
    files_under(&root.join("crates"), "rs", &mut files);
    assert!(files.len() > 100, "found only {} files", files.len());
    let silent: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let text = fs::read_to_string(path).unwrap();
            let first = text.lines().next().unwrap_or("");
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            (!first.starts_with("//!")).then_some(name)
        })
        .collect();
    assert!(
        silent.is_empty(),
        "these files do not start with a `//!` line saying their job: {silent:#?}"
    );
}

/// Source pulled into another file shares its namespace and is invisible to the tools:
/// every file is a module (the store's parts are compiled once per backend by `#[path]`).
#[test]
fn no_source_file_is_pulled_in_whole() {
    let root = root();
    let mut files = Vec::new();
    files_under(&root.join("crates"), "rs", &mut files);
    let macro_call = concat!("include", "!(");
    let pulling: Vec<String> = files
        .iter()
        .filter(|path| fs::read_to_string(path).unwrap().contains(macro_call))
        .map(|path| path.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        pulling.is_empty(),
        "these files pull in source with {macro_call}…): {pulling:#?}"
    );
}

#[test]
fn both_databases_have_the_same_migrations() {
    let names = |backend: &str| -> BTreeSet<String> {
        let dir = root().join("crates/attache-store/migrations").join(backend);
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let (sqlite, postgres) = (names("sqlite"), names("postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite.symmetric_difference(&postgres).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "a migration is missing for one of the databases"
    );
}

/// The paths ARCHITECTURE.md names: every `code` span that looks like a path (a `/` and
/// no spaces, `::` or wildcards), relative to the repository's root; those outside it
/// (`../shared/…`, the steering folder) are not the repository's to keep.
fn named_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| {
            span.contains('/')
                && !span.contains(' ')
                && !span.contains("::")
                && !span.contains('*')
                && !span.contains('{')
                && !span.starts_with('/')
                && !span.starts_with("../")
                && !span.contains("://")
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = root();
    let text = fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let paths = named_paths(&text);
    assert!(paths.len() > 20, "ARCHITECTURE.md names only {paths:?}");
    let missing: Vec<&String> = paths.iter().filter(|p| !root.join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist (write them from the root): {missing:#?}"
    );
}

#[test]
fn the_edges_do_not_list_the_store() {
    for manifest in ["crates/attache-web/Cargo.toml", "crates/attache/Cargo.toml"] {
        let text = fs::read_to_string(root().join(manifest)).unwrap();
        assert!(
            !text.contains("attache-store"),
            "{manifest} lists attache-store: the edges reach the register through attache-app"
        );
    }
}

#[test]
fn the_server_libraries_deny_indexing_that_can_panic() {
    for lib in [
        "crates/attache-store/src/lib.rs",
        "crates/attache-app/src/lib.rs",
        "crates/attache-web/src/lib.rs",
    ] {
        let text = fs::read_to_string(root().join(lib)).unwrap();
        assert!(
            text.contains("#![deny(clippy::indexing_slicing)]"),
            "{lib} does not deny clippy::indexing_slicing"
        );
    }
}

/// The libraries take "now" as a parameter (an `Actor`'s time, a `Clock`): only the
/// binary's edge and the server's clock read the system's clock, so tests can set it.
#[test]
fn only_the_edges_read_the_clock() {
    let root = root();
    let mut files = Vec::new();
    files_under(&root.join("crates"), "rs", &mut files);
    let readers: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            let library = name.contains("/src/")
                && !name.starts_with("crates/attache/src/")
                && name != "crates/attache-web/src/clock.rs";
            let text = fs::read_to_string(path).unwrap();
            // Unit tests sit below `#[cfg(test)]`, at the end of their file.
            let product = text.split("#[cfg(test)]").next().unwrap_or("");
            (library && product.contains("Utc::now()")).then_some(name)
        })
        .collect();
    assert!(
        readers.is_empty(),
        "these libraries read the system's clock instead of taking the time: {readers:#?}"
    );
}
