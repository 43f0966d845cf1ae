//! Importing activities from CSV or JSON files in the interchange format.
//!
//! A reader thread parses and validates rows while the caller's task writes them, in
//! batches, into one transaction: memory stays flat whatever the file's size, and a file
//! with any bad row changes nothing. Every problem names the line, the field and why.

use std::cell::Cell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs::File;
use std::hash::{BuildHasher, RandomState};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use attache_domain::access::Actor;
use attache_domain::interchange::COLUMNS;
use attache_domain::{Activity, ActivityInput, FieldError, FieldErrors, ValidationContext};
use attache_store::traits::*;
use attache_store::{AnyImport, ImportOrigin, ImportOutcome, Written};
use serde::Serialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use crate::error::require;
use crate::{App, AppError, Result};
use attache_domain::access::Permission;

/// How many problems a report keeps; the rest are only counted.
pub const MAX_PROBLEMS_SHOWN: usize = 50;
/// Rows handed from the reader to the writer at a time.
const HAND_OVER: usize = 1000;
/// Activities written to the store at a time.
const WRITE_BATCH: usize = 2000;
/// The columns without which a row cannot be an activity.
const REQUIRED_COLUMNS: [&str; 7] = [
    "external_id",
    "title",
    "category",
    "status",
    "start_date",
    "end_date",
    "host",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(FieldError::new(
                "format",
                format!("'{raw}' is not csv or json"),
            )),
        }
    }

    /// The format a file's extension names, if any.
    pub fn of_path(path: &Path) -> Option<Self> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(|e| Self::parse(e).ok())
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub format: Format,
    /// Validate only; write nothing.
    pub dry_run: bool,
    /// The source of rows that do not name theirs; the file's name when not given.
    pub source: Option<String>,
}

/// One thing wrong with the file: where, which field, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: u64,
    /// The position of the object in a JSON array (1-based); `None` in CSV.
    pub item: Option<u64>,
    pub field: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file: PathBuf,
    pub rows: u64,
    pub outcome: ImportOutcome,
    /// The first [`MAX_PROBLEMS_SHOWN`] problems.
    pub problems: Vec<Problem>,
    pub problem_count: u64,
    pub dry_run: bool,
}

impl ImportReport {
    pub fn accepted(&self) -> bool {
        self.problem_count == 0
    }

    /// A problem as a user reads it: `file:line: field: reason`.
    pub fn describe(&self, p: &Problem) -> String {
        let item = p.item.map(|n| format!(" (item {n})")).unwrap_or_default();
        format!(
            "{}:{}{item}: {}: {}",
            self.file.display(),
            p.line,
            p.field,
            p.reason
        )
    }

    pub(crate) fn add_problem(&mut self, problem: Problem) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS_SHOWN {
            self.problems.push(problem);
        }
    }
}

/// Called with the number of bytes read so far.
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;

/// What the reader hands to the writer.
#[allow(clippy::large_enum_variant)] // rows are nearly all items; boxing them costs an allocation each
enum Item {
    Row {
        line: u64,
        item: Option<u64>,
        result: Result<Activity, FieldErrors>,
    },
    Problem(Problem),
}

impl App {
    /// Imports a file: all rows in one transaction, or none if any row is bad.
    pub async fn import_file(
        &self,
        path: &Path,
        options: &ImportOptions,
        actor: &Actor,
        progress: Progress,
    ) -> Result<ImportReport> {
        require(actor, Permission::ImportExport)?;
        let file = File::open(path).map_err(|e| file_error(path, e))?;
        let source = options.source.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let ctx = self.validation_context(actor).await?;
        let (tx, rx) = mpsc::channel(4);
        let format = options.format;
        let mut origin = ImportOrigin {
            source: source.clone(),
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: String::new(),
        };
        let reader = tokio::task::spawn_blocking(move || {
            let mut sink = Sink {
                buffer: Vec::with_capacity(HAND_OVER),
                tx,
            };
            let mut file = Digesting {
                inner: file,
                sha256: Sha256::new(),
            };
            let counted = Counted {
                inner: &mut file,
                bytes: 0,
                lines: Rc::new(Cell::new(1)),
                progress,
            };
            let result = match format {
                Format::Csv => read_csv(counted, &ctx, &source, &mut sink),
                Format::Json => read_json(counted, &ctx, &source, &mut sink),
            };
            sink.flush();
            result.and_then(|()| file.finish())
        });
        let report = ImportReport {
            file: path.to_path_buf(),
            rows: 0,
            outcome: ImportOutcome::default(),
            problems: Vec::new(),
            problem_count: 0,
            dry_run: options.dry_run,
        };
        let (report, session) = self.write_rows(rx, report, actor).await?;
        origin.sha256 = reader
            .await
            .map_err(|e| file_error(path, e))?
            .map_err(|e| file_error(path, e))?;
        // A dry run wrote in the transaction too, so that it finds what writing finds (a
        // status the lifecycle did not give a stored row), and is rolled back here.
        if report.accepted() && !report.dry_run {
            session.commit(&origin, actor).await?;
        }
        Ok(report)
    }

    /// Receives the reader's rows and writes them while no problem has been found; the
    /// session is given back to be committed, or dropped (rolled back), as it is after a
    /// dry run.
    async fn write_rows(
        &self,
        mut rx: mpsc::Receiver<Vec<Item>>,
        mut report: ImportReport,
        actor: &Actor,
    ) -> Result<(ImportReport, AnyImport)> {
        let mut session = self.store().begin_import().await?;
        let mut pending: Vec<Activity> = Vec::with_capacity(WRITE_BATCH);
        // Where each pending row is in the file, to name it in a problem found on writing.
        let mut places: Vec<(u64, Option<u64>)> = Vec::with_capacity(WRITE_BATCH);
        // First line of each source and external id, by hash: a row id seen twice in one
        // file is a mistake, and 16 bytes a row keeps memory flat enough.
        let mut seen: HashMap<u64, u64> = HashMap::new();
        let hasher = RandomState::new();
        while let Some(items) = rx.recv().await {
            for item in items {
                let (line, item, result) = match item {
                    Item::Problem(p) => {
                        report.add_problem(p);
                        continue;
                    }
                    Item::Row { line, item, result } => (line, item, result),
                };
                report.rows += 1;
                let activity = match result {
                    Ok(activity) => activity,
                    Err(errors) => {
                        for e in errors.0 {
                            report.add_problem(Problem {
                                line,
                                item,
                                field: e.field.into(),
                                reason: e.reason,
                            });
                        }
                        continue;
                    }
                };
                match seen.entry(hasher.hash_one((&activity.source, &activity.external_id))) {
                    Entry::Occupied(first) => report.add_problem(Problem {
                        line,
                        item,
                        field: "external_id".into(),
                        reason: format!(
                            "{} (source {}) appears twice in this file, first on line {}",
                            activity.external_id,
                            activity.source,
                            first.get()
                        ),
                    }),
                    Entry::Vacant(slot) => {
                        slot.insert(line);
                        if report.accepted() {
                            pending.push(activity);
                            places.push((line, item));
                        }
                    }
                }
                if !report.accepted() {
                    pending.clear();
                    places.clear();
                }
                if pending.len() >= WRITE_BATCH {
                    let written = session.write(&pending, actor).await?;
                    report.took(written, &pending, &places, actor);
                    pending.clear();
                    places.clear();
                }
            }
        }
        if report.accepted() {
            let written = session.write(&pending, actor).await?;
            report.took(written, &pending, &places, actor);
        }
        Ok((report, session))
    }
}

impl ImportReport {
    /// Counts what a batch (`rows`, found at `places` in the file) wrote. Each row that it
    /// gave a status no transition did, without the right to import history, and each
    /// stored row it relabelled that the actor may not relabel, is a problem, so that the
    /// import changes nothing.
    fn took(
        &mut self,
        written: Written,
        rows: &[Activity],
        places: &[(u64, Option<u64>)],
        actor: &Actor,
    ) {
        self.outcome += written.outcome;
        let place = |row: usize| places.get(row).copied().unwrap_or_default();
        for relabelled in written.relabelled {
            let Some(after) = rows.get(relabelled.row).map(|a| &a.label) else {
                continue;
            };
            let refused = App::check_relabel(actor, &relabelled.owner, &relabelled.before, after);
            if let Err(refused) = refused {
                let (line, item) = place(relabelled.row);
                self.add_problem(Problem {
                    line,
                    item,
                    field: "classification".into(),
                    reason: refused.to_string(),
                });
            }
        }
        if actor.can(Permission::ImportHistory) {
            return;
        }
        for set in written.statuses_set {
            let (line, item) = place(set.row);
            let reason = match set.from {
                None => format!(
                    "a new activity starts as proposed, not {}: bringing in later states is \
                     importing history, which needs import_history (administrators)",
                    set.to
                ),
                Some(from) => format!(
                    "the register has it {from}: the file's {} is a status change, made by a \
                     transition, not by an import (importing history needs import_history)",
                    set.to
                ),
            };
            self.add_problem(Problem {
                line,
                item,
                field: "status".into(),
                reason,
            });
        }
    }
}

fn file_error(path: &Path, e: impl ToString) -> AppError {
    AppError::File {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Hands rows to the writer in batches; blocks while the writer is behind.
struct Sink {
    buffer: Vec<Item>,
    tx: mpsc::Sender<Vec<Item>>,
}

impl Sink {
    /// Adds an item; false once the writer has gone away.
    fn push(&mut self, item: Item) -> bool {
        self.buffer.push(item);
        self.buffer.len() < HAND_OVER || self.flush()
    }

    fn flush(&mut self) -> bool {
        let batch = std::mem::take(&mut self.buffer);
        batch.is_empty() || self.tx.blocking_send(batch).is_ok()
    }
}

/// Hashes the file's bytes as they are read: the import's audit names the file by its
/// SHA-256, with constant memory.
pub(crate) struct Digesting<R> {
    pub(crate) inner: R,
    pub(crate) sha256: Sha256,
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sha256.update(buf.get(..n).unwrap_or(&[]));
        Ok(n)
    }
}

impl<R: Read> Digesting<R> {
    /// The digest of the whole file, in lower-case hex, reading what the parser left.
    pub(crate) fn finish(mut self) -> std::io::Result<String> {
        std::io::copy(&mut self, &mut std::io::sink())?;
        Ok(self
            .sha256
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    }
}

/// Counts the bytes and lines read, reporting progress every megabyte.
struct Counted<R> {
    inner: R,
    bytes: u64,
    lines: Rc<Cell<u64>>,
    progress: Progress,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let before = self.bytes;
        self.bytes += n as u64;
        let newlines = buf
            .get(..n)
            .unwrap_or(&[])
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.lines.set(self.lines.get() + newlines);
        if before >> 20 != self.bytes >> 20 {
            (self.progress)(self.bytes);
        }
        Ok(n)
    }
}

fn read_csv(
    input: Counted<impl Read>,
    ctx: &ValidationContext,
    source: &str,
    sink: &mut Sink,
) -> std::io::Result<()> {
    let progress = input.progress.clone();
    let mut reader = csv::ReaderBuilder::new().from_reader(input);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            sink.push(Item::Problem(Problem {
                line: 1,
                item: None,
                field: "header".into(),
                reason: e.to_string(),
            }));
            return Ok(());
        }
    };
    let columns: Vec<Option<&'static str>> = headers
        .iter()
        .map(|h| COLUMNS.iter().find(|c| **c == h.trim()).copied())
        .collect();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .into_iter()
        .filter(|r| !columns.contains(&Some(*r)))
        .collect();
    if !missing.is_empty() {
        sink.push(Item::Problem(Problem {
            line: 1,
            item: None,
            field: "header".into(),
            reason: format!("missing column(s) {}", missing.join(", ")),
        }));
        return Ok(());
    }
    let mut record = csv::StringRecord::new();
    // One input for every row: each row sets every column the file has, and the text
    // fields keep their buffers from row to row.
    let mut input = ActivityInput::default();
    loop {
        let item = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                for (column, cell) in columns.iter().zip(record.iter()) {
                    if let Some(column) = column {
                        input.set_cell(column, cell);
                    }
                }
                if input.source.is_empty() {
                    source.clone_into(&mut input.source);
                }
                Item::Row {
                    line,
                    item: None,
                    result: input.validate(ctx),
                }
            }
            Err(e) => {
                if let csv::ErrorKind::Io(_) = e.kind() {
                    return Err(std::io::Error::other(e));
                }
                let line = e.position().map_or(0, |p| p.line());
                Item::Problem(Problem {
                    line,
                    item: None,
                    field: "row".into(),
                    reason: e.to_string(),
                })
            }
        };
        if !sink.push(item) {
            break;
        }
    }
    progress(reader.get_ref().bytes);
    Ok(())
}

fn read_json(
    input: Counted<impl Read>,
    ctx: &ValidationContext,
    source: &str,
    sink: &mut Sink,
) -> std::io::Result<()> {
    let lines = input.lines.clone();
    // serde_json reads a byte at a time: buffer below the counter, so that the count of
    // lines is where the parser is.
    let mut buffered = BufReader::new(input.inner);
    // A byte-order mark, as some editors write, is not JSON: skip it.
    if buffered.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        buffered.consume(3);
    }
    let counted = Counted {
        inner: buffered,
        bytes: 0,
        lines: input.lines,
        progress: input.progress,
    };
    let mut deserializer = serde_json::Deserializer::from_reader(counted);
    let rows = JsonRows {
        ctx,
        source,
        sink: &mut *sink,
        lines,
    };
    let result = deserializer
        .deserialize_seq(rows)
        .and_then(|()| deserializer.end());
    if let Err(e) = result
        && !e.to_string().starts_with(STOPPED)
    {
        let reason = match e.classify() {
            serde_json::error::Category::Io => return Err(std::io::Error::other(e)),
            serde_json::error::Category::Data => format!("{e}"),
            _ => format!("not valid JSON: {e}"),
        };
        sink.push(Item::Problem(Problem {
            line: e.line() as u64,
            item: None,
            field: "json".into(),
            reason,
        }));
    }
    Ok(())
}

const STOPPED: &str = "import stopped";

/// Visits the top-level JSON array one object at a time, so the file is never held whole.
struct JsonRows<'a> {
    ctx: &'a ValidationContext,
    source: &'a str,
    sink: &'a mut Sink,
    lines: Rc<Cell<u64>>,
}

impl<'de> Visitor<'de> for JsonRows<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of activity objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut item = 0;
        // Each object is read as JSON values first, so that a value of the wrong type is
        // one field's problem, and the rows after it are still checked.
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            item += 1;
            let result = ActivityInput::from_json(value).and_then(|mut input| {
                if input.source.is_empty() {
                    self.source.clone_into(&mut input.source);
                }
                input.validate(self.ctx)
            });
            let row = Item::Row {
                line: self.lines.get(),
                item: Some(item),
                result,
            };
            if !self.sink.push(row) {
                return Err(de::Error::custom(STOPPED));
            }
        }
        Ok(())
    }
}
