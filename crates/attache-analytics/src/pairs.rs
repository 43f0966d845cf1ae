//! Pairwise engagement in columns: the pair-by-period intensity of a large data set.
//!
//! One row per pair of states per activity, states interned as numbers, so that ten million
//! rows take about 130 MB and are counted on every core. [`crate::pair_intensity`] goes
//! through here too, so the register and a data set are measured by the same code.
//! A file of pairwise events holds engagement only: whatever produced it applied
//! [`crate::Counted::select`]'s rule (the register's records go through it on the way in).

use std::collections::HashMap;
use std::ops::Range;

use attache_domain::{Category, PartnerCode};
use chrono::NaiveDate;
use foldhash::fast::FixedState;

use crate::intensity::{Cell, IntensityTable, PairKey};
use crate::period::{Granularity, Period};
use crate::weights::CategoryWeights;

/// The pairwise events file's header: a CSV of `SGP,GBR,2026-03-14,staff_talks` rows.
pub const HEADER: &str = "a,b,date,category";

/// A row of a pairwise events file that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}, field {field}: {reason}")]
pub struct EventError {
    pub line: usize,
    pub field: &'static str,
    pub reason: String,
}

/// Rows of pairwise engagement, as columns.
#[derive(Debug, Clone, Default)]
pub struct PairEvents {
    states: Vec<PartnerCode>,
    index: HashMap<String, u32, FixedState>,
    a: Vec<u32>,
    b: Vec<u32>,
    day: Vec<NaiveDate>,
    category: Vec<Category>,
}

/// A fault found in a chunk, located by its byte offset in the whole text.
struct Fault {
    offset: usize,
    field: &'static str,
    reason: String,
}

type Counts = HashMap<(u32, u32, i64), Cell, FixedState>;

impl PairEvents {
    pub fn len(&self) -> usize {
        self.a.len()
    }

    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// Every pair of states in each counted record (a forum of five states gives ten rows).
    pub fn from_counted(records: &[crate::Counted]) -> PairEvents {
        let mut events = PairEvents::default();
        for record in records {
            let states: Vec<u32> = record.states().map(|s| events.intern_code(s)).collect();
            for (i, &a) in states.iter().enumerate() {
                for &b in &states[i + 1..] {
                    events.push(a, b, record.start(), record.category());
                }
            }
        }
        events
    }

    /// Reads a pairwise events file (header [`HEADER`]), splitting the work over `threads`.
    /// The first bad row stops the reading, named by its line, field and reason.
    pub fn parse_csv(text: &str, threads: usize) -> Result<PairEvents, EventError> {
        let line_of = |offset: usize| {
            text.as_bytes()[..offset]
                .iter()
                .filter(|&&c| c == b'\n')
                .count()
                + 1
        };
        let header_end = text.find('\n').unwrap_or(text.len());
        if text[..header_end].trim_end_matches('\r') != HEADER {
            return Err(EventError {
                line: 1,
                field: "header",
                reason: format!("the first line must be '{HEADER}'"),
            });
        }
        let chunks = split_at_lines(text, (header_end + 1).min(text.len()), threads.max(1));
        let mut parts: Vec<Result<PairEvents, Fault>> =
            chunks.iter().map(|_| Ok(PairEvents::default())).collect();
        std::thread::scope(|scope| {
            for (part, range) in parts.iter_mut().zip(&chunks) {
                scope.spawn(move || *part = parse_chunk(text, range.clone()));
            }
        });
        let mut events = PairEvents::default();
        for part in parts {
            match part {
                Ok(part) => events.append(part),
                Err(fault) => {
                    return Err(EventError {
                        line: line_of(fault.offset),
                        field: fault.field,
                        reason: fault.reason,
                    });
                }
            }
        }
        Ok(events)
    }

    /// The intensity of every pair of states per period, counted over `threads` threads.
    pub fn intensity(
        &self,
        weights: &CategoryWeights,
        granularity: Granularity,
        threads: usize,
    ) -> IntensityTable<PairKey> {
        let weights = weights.as_array();
        let ranges = split_evenly(self.len(), threads.max(1));
        let mut parts: Vec<Counts> = ranges.iter().map(|_| Counts::default()).collect();
        std::thread::scope(|scope| {
            for (part, range) in parts.iter_mut().zip(&ranges) {
                scope.spawn(move || *part = self.count(range.clone(), &weights, granularity));
            }
        });
        let mut total = parts.pop().unwrap_or_default();
        for part in parts {
            for (key, cell) in part {
                let sum = total.entry(key).or_default();
                sum.intensity += cell.intensity;
                sum.activities += cell.activities;
            }
        }
        // Built from sorted rows (by the codes' order, then period), which BTreeMap's
        // bulk construction takes without a search per row.
        let mut order: Vec<u32> = (0..self.states.len() as u32).collect();
        order.sort_by(|&x, &y| self.states[x as usize].cmp(&self.states[y as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let mut rows: Vec<(u32, u32, i64, Cell)> = total
            .into_iter()
            .map(|((x, y, period), cell)| {
                let (x, y) = (rank[x as usize], rank[y as usize]);
                (x.min(y), x.max(y), period, cell)
            })
            .collect();
        rows.sort_unstable_by_key(|&(x, y, period, _)| (x, y, period));
        let code = |r: u32| self.states[order[r as usize] as usize].clone();
        rows.chunk_by(|p, q| (p.0, p.1) == (q.0, q.1))
            .map(|run| {
                let key = PairKey {
                    a: code(run[0].0),
                    b: code(run[0].1),
                };
                let periods = run
                    .iter()
                    .map(|&(_, _, period, cell)| (Period::from_ordinal(granularity, period), cell))
                    .collect();
                (key, periods)
            })
            .collect()
    }

    fn count(&self, rows: Range<usize>, weights: &[f64; 12], granularity: Granularity) -> Counts {
        let mut counts = Counts::default();
        for i in rows {
            let (a, b) = (self.a[i], self.b[i]);
            let period = Period::of(self.day[i], granularity).ordinal();
            let cell = counts.entry((a.min(b), a.max(b), period)).or_default();
            // `Category::ALL` lists the variants in declaration order, as `as_array` does.
            cell.intensity += weights[self.category[i] as usize];
            cell.activities += 1;
        }
        counts
    }

    fn push(&mut self, a: u32, b: u32, day: NaiveDate, category: Category) {
        self.a.push(a);
        self.b.push(b);
        self.day.push(day);
        self.category.push(category);
    }

    fn intern_code(&mut self, code: &PartnerCode) -> u32 {
        if let Some(&i) = self.index.get(code.as_str()) {
            return i;
        }
        let i = self.states.len() as u32;
        self.states.push(code.clone());
        self.index.insert(code.as_str().to_owned(), i);
        i
    }

    fn intern_text(&mut self, raw: &str, field: &'static str) -> Result<u32, String> {
        if let Some(&i) = self.index.get(raw) {
            return Ok(i);
        }
        let code = PartnerCode::parse(field, raw).map_err(|e| e.reason)?;
        if !code.is_state() {
            return Err(format!(
                "'{raw}' is not a state's code (three capital letters)"
            ));
        }
        Ok(self.intern_code(&code))
    }

    fn append(&mut self, other: PairEvents) {
        let remap: Vec<u32> = other.states.iter().map(|s| self.intern_code(s)).collect();
        self.a.extend(other.a.iter().map(|&i| remap[i as usize]));
        self.b.extend(other.b.iter().map(|&i| remap[i as usize]));
        self.day.extend(other.day);
        self.category.extend(other.category);
    }
}

fn parse_chunk(text: &str, range: Range<usize>) -> Result<PairEvents, Fault> {
    let mut events = PairEvents::default();
    let mut offset = range.start;
    for line in text[range].split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let row = line.trim_end_matches(['\n', '\r']);
        if row.is_empty() {
            continue;
        }
        let fault = |field: &'static str, reason: String| Fault {
            offset: at,
            field,
            reason,
        };
        let mut fields = row.split(',');
        let (Some(a), Some(b), Some(date), Some(category), None) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return Err(fault(
                "row",
                format!("expected 4 fields ({HEADER}): '{row}'"),
            ));
        };
        let a = events.intern_text(a, "a").map_err(|r| fault("a", r))?;
        let b = events.intern_text(b, "b").map_err(|r| fault("b", r))?;
        if a == b {
            return Err(fault("b", "a state does not engage with itself".into()));
        }
        let day = parse_day(date)
            .ok_or_else(|| fault("date", format!("'{date}' is not a date written YYYY-MM-DD")))?;
        let category = Category::ALL
            .into_iter()
            .find(|c| c.as_str() == category)
            .ok_or_else(|| match Category::parse("category", category) {
                Err(e) => fault("category", e.reason),
                Ok(_) => fault("category", format!("write '{category}' in lower case")),
            })?;
        events.push(a, b, day, category);
    }
    Ok(events)
}

/// `2026-03-14`, without the general parser's cost (ten million dates).
fn parse_day(raw: &str) -> Option<NaiveDate> {
    let bytes = raw.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        number(&bytes[..4])? as i32,
        number(&bytes[5..7])?,
        number(&bytes[8..])?,
    )
}

/// `parts` ranges of `text[start..]`, each ending after a newline (the last at the end).
fn split_at_lines(text: &str, start: usize, parts: usize) -> Vec<Range<usize>> {
    let step = (text.len() - start).div_ceil(parts).max(1);
    let mut ranges = Vec::with_capacity(parts);
    let mut from = start;
    while from < text.len() {
        let to = text[(from + step).min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| from + step + i + 1);
        ranges.push(from..to);
        from = to;
    }
    ranges
}

fn split_evenly(len: usize, parts: usize) -> Vec<Range<usize>> {
    let step = len.div_ceil(parts).max(1);
    (0..len)
        .step_by(step)
        .map(|s| s..(s + step).min(len))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testing::{code, counted};

    const FILE: &str = "a,b,date,category\n\
        SGP,GBR,2025-03-14,staff_talks\n\
        GBR,SGP,2025-11-02,high_level_engagement\r\n\
        FRA,GBR,2026-01-05,exercise\n\
        \n\
        GBR,FRA,2026-07-05,outreach\n";

    fn rows(table: &IntensityTable<PairKey>) -> Vec<String> {
        table
            .iter()
            .flat_map(|(k, row)| {
                row.iter().map(move |(p, c)| {
                    format!("{}-{} {p} {} {}", k.a, k.b, c.intensity, c.activities)
                })
            })
            .collect()
    }

    #[test]
    fn a_file_gives_the_pair_by_year_table_whatever_the_number_of_threads() {
        let expected = ["FRA-GBR 2026 4 2", "GBR-SGP 2025 6 2"];
        for threads in [1, 2, 3, 8] {
            let events = PairEvents::parse_csv(FILE, threads).unwrap();
            assert_eq!(events.len(), 4);
            let table = events.intensity(&CategoryWeights::default(), Granularity::Year, threads);
            assert_eq!(rows(&table), expected, "{threads} threads");
        }
    }

    #[test]
    fn bad_rows_are_named_by_line_and_field() {
        let cases = [
            ("x,y\n", 1, "header"),
            ("a,b,date,category\nSGP,GBR,2025-03-14\n", 2, "row"),
            (
                "a,b,date,category\nSGP,GBR,2025-03-14,staff_talks\nSGP,NATO,2025-03-14,staff_talks\n",
                3,
                "b",
            ),
            (
                "a,b,date,category\nSGP,SGP,2025-03-14,staff_talks\n",
                2,
                "b",
            ),
            (
                "a,b,date,category\nSGP,GBR,14/3/2025,staff_talks\n",
                2,
                "date",
            ),
            (
                "a,b,date,category\nSGP,GBR,2025-02-30,staff_talks\n",
                2,
                "date",
            ),
            (
                "a,b,date,category\n\nSGP,GBR,2025-03-14,banquet\n",
                3,
                "category",
            ),
            (
                "a,b,date,category\nSGP,GBR,2025-03-14,combat\n",
                2,
                "category",
            ),
        ];
        for (text, line, field) in cases {
            for threads in [1, 2] {
                let err = PairEvents::parse_csv(text, threads).unwrap_err();
                assert_eq!((err.line, err.field), (line, field), "{text}: {err}");
            }
        }
    }

    #[test]
    fn the_register_and_a_file_are_counted_alike() {
        let records = counted(&[
            (Category::StaffTalks, "2025-03-14", &["GBR", "SGP"]),
            (
                Category::HighLevelEngagement,
                "2025-11-02",
                &["SGP", "GBR", "NATO"],
            ),
        ]);
        let table = PairEvents::from_counted(&records).intensity(
            &CategoryWeights::default(),
            Granularity::Year,
            2,
        );
        assert_eq!(rows(&table), ["GBR-SGP 2025 6 2"]);
        assert_eq!(table.keys().next().unwrap().a, code("GBR"));
    }
}
