//! External data sets: importing one through its mapping file, listing, showing and
//! deleting them. The measures read them through `analytics.rs` (`AnalyticsQuery::dataset`).
//!
//! An import reads the CSV file row by row, maps and checks every row, and writes all of
//! them in one transaction, or nothing when any row cannot be mapped: each such row is a
//! problem naming its line, the column and why (the first
//! [`MAX_PROBLEMS_SHOWN`](crate::register::import::MAX_PROBLEMS_SHOWN) are
//! kept, all are counted). The data set carries the mapping's label and source citation.
//!
//! Data sets are analysis material, apart from the register: reading, importing and
//! deleting them all need the permission to analyse.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Read;
use std::path::{Path, PathBuf};

use attache_domain::FieldError;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::datasets::{DatasetEvent, Mapper, Mapping};
use attache_domain::query::PartnerFilter;
use attache_domain::records::Partner;
use attache_store::traits::*;
use attache_store::{Dataset, ImportOutcome};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::require;
use crate::register::import::{Digesting, ImportReport, Problem};
use crate::{App, AppError, Result};

/// The longest name a data set may have.
const NAME_LENGTH: usize = 64;

/// How to import a data set's file.
#[derive(Debug, Clone)]
pub struct DatasetOptions {
    pub mapping: Mapping,
    /// The data set's name; the mapping's, or the file's stem, when not given.
    pub name: Option<String>,
    /// Map and check every row; write nothing.
    pub dry_run: bool,
}

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetReport {
    pub dataset: String,
    #[serde(flatten)]
    pub import: ImportReport,
}

/// A data set's name: letters, digits, `-`, `_` and `.`, as it goes into URLs and commands.
pub fn check_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    let fits = !name.is_empty()
        && name.len() <= NAME_LENGTH
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    match fits {
        true => Ok(name.to_owned()),
        false => Err(FieldError::new(
            "name",
            format!(
                "'{raw}' is not a data set name: use 1 to {NAME_LENGTH} letters, digits, \
                 '-', '_' or '.'"
            ),
        )),
    }
}

impl App {
    /// Imports a data set from a CSV file through its mapping: all rows or none.
    pub async fn import_dataset(
        &self,
        path: &Path,
        options: &DatasetOptions,
        actor: &Actor,
    ) -> Result<DatasetReport> {
        let file = std::fs::File::open(path).map_err(|e| AppError::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        self.import_dataset_from(file, path, options, actor).await
    }

    /// Imports a data set from any reader (`path` names it in problems and the audit).
    pub async fn import_dataset_from(
        &self,
        input: impl Read + Send + 'static,
        path: &Path,
        options: &DatasetOptions,
        actor: &Actor,
    ) -> Result<DatasetReport> {
        require(actor, Permission::Analyse)?;
        let label = options.mapping.label()?;
        Self::check_cleared(actor, &label)?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let name = check_name(
            options
                .name
                .as_deref()
                .or(options.mapping.name.as_deref())
                .or(stem.as_deref())
                .unwrap_or_default(),
        )?;
        let partners: Vec<Partner> = self
            .store()
            .list_partners(&PartnerFilter::default(), actor)
            .await?
            .into_iter()
            .map(|p| p.record)
            .collect();
        let mapping = options.mapping.clone();
        let file = path.to_path_buf();
        let dry_run = options.dry_run;
        let (report, events, sha256) = tokio::task::spawn_blocking(move || {
            read_rows(input, file, &mapping, &partners, dry_run)
        })
        .await
        .map_err(|e| AppError::File {
            path: path.display().to_string(),
            reason: e.to_string(),
        })??;
        let mut report = DatasetReport {
            dataset: name,
            import: report,
        };
        if report.import.accepted() && !dry_run {
            // Imported again, a data set keeps its owner's rule on its label.
            match self.store().dataset(&report.dataset, actor).await {
                Ok(before) => {
                    let owner = &before.meta.owner_nation;
                    Self::check_relabel(actor, owner, &before.record.label, &label)?;
                }
                Err(attache_store::StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
            let dataset = Dataset {
                name: report.dataset.clone(),
                source: options.mapping.source.trim().to_owned(),
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sha256,
                events: 0,
                label,
            };
            report.import.outcome = self
                .store()
                .import_dataset(&dataset, &events, actor)
                .await?;
        }
        Ok(report)
    }

    /// The data sets the actor may see.
    pub async fn datasets(&self, actor: &Actor) -> Result<Vec<Stored<Dataset>>> {
        require(actor, Permission::Analyse)?;
        Ok(self.store().datasets(actor).await?)
    }

    pub async fn dataset(&self, name: &str, actor: &Actor) -> Result<Stored<Dataset>> {
        require(actor, Permission::Analyse)?;
        Ok(self.store().dataset(name, actor).await?)
    }

    /// Deletes a data set and its events; the ministry's records are not touched.
    pub async fn delete_dataset(&self, name: &str, actor: &Actor) -> Result<Stored<Dataset>> {
        require(actor, Permission::Analyse)?;
        Ok(self.store().delete_dataset(name, actor).await?)
    }
}

/// Reads, maps and checks every row; gives the report, the events (when every row was
/// mapped) and the file's SHA-256.
fn read_rows(
    input: impl Read,
    file: PathBuf,
    mapping: &Mapping,
    partners: &[Partner],
    dry_run: bool,
) -> Result<(ImportReport, Vec<DatasetEvent>, String)> {
    let failed = |e: &dyn std::fmt::Display| AppError::File {
        path: file.display().to_string(),
        reason: e.to_string(),
    };
    let mut report = ImportReport {
        file: file.clone(),
        rows: 0,
        outcome: ImportOutcome::default(),
        problems: Vec::new(),
        problem_count: 0,
        dry_run,
    };
    let mut digest = Digesting {
        inner: input,
        sha256: Sha256::new(),
    };
    let mut events = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&mut digest);
    let problem = |line: u64, field: &str, reason: String| Problem {
        line,
        item: None,
        field: field.to_owned(),
        reason,
    };
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            report.add_problem(problem(1, "header", e.to_string()));
            return Ok((report, events, String::new()));
        }
    };
    let header: Vec<&str> = headers.iter().collect();
    let mapper = match Mapper::new(mapping, &header, partners) {
        Ok(mapper) => mapper,
        Err(errors) => {
            for e in errors.0 {
                report.add_problem(problem(1, &format!("mapping {}", e.field), e.reason));
            }
            return Ok((report, events, String::new()));
        }
    };
    // The first line of each id: an id twice in one file is a mistake, not an update.
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                report.rows += 1;
                let cells: Vec<&str> = record.iter().collect();
                match mapper.map(&cells) {
                    Ok(event) => match seen.entry(event.external_id.clone()) {
                        Entry::Occupied(first) => report.add_problem(problem(
                            line,
                            &mapping.id,
                            format!(
                                "{} appears twice in this file, first on line {}",
                                event.external_id,
                                first.get()
                            ),
                        )),
                        Entry::Vacant(slot) => {
                            slot.insert(line);
                            if report.accepted() {
                                events.push(event);
                            }
                        }
                    },
                    Err(errors) => {
                        for e in errors {
                            report.add_problem(problem(line, &e.column, e.reason));
                        }
                    }
                }
                if !report.accepted() {
                    // Nothing will be written: keep no events, only count the problems.
                    events.clear();
                }
            }
            Err(e) => {
                if let csv::ErrorKind::Io(_) = e.kind() {
                    return Err(failed(&e));
                }
                let line = e.position().map_or(0, |p| p.line());
                report.add_problem(problem(line, "row", e.to_string()));
            }
        }
    }
    drop(reader);
    let sha256 = digest.finish().map_err(|e| failed(&e))?;
    Ok((report, events, sha256))
}
