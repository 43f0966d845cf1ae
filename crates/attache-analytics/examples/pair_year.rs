//! The pair-by-year intensity benchmark's Rust side (`bench/analytics.sh` runs it):
//!
//! - `pair_year generate FILE EVENTS STATES YEARS`: a pairwise events file of EVENTS rows
//!   over STATES states and YEARS years from 1995, random but the same on every run;
//! - `pair_year weights FILE`: the default category weights as CSV (`category,weight`),
//!   so that DuckDB weighs the rows as Attaché does;
//! - `pair_year table EVENTS OUT THREADS`: reads the events, counts the pair-by-year
//!   intensity table on THREADS threads and writes it as CSV
//!   (`a,b,year,intensity,activities`, by pair and year); the phases' times go to stderr.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

use anyhow::{Context, bail};
use attache_analytics::pairs::HEADER;
use attache_analytics::{CategoryWeights, Granularity, PairEvents};
use attache_domain::Category;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["generate", file, events, states, years] => {
            generate(file, events.parse()?, states.parse()?, years.parse()?)
        }
        ["weights", file] => {
            let mut text = String::from("category,weight\n");
            for (category, weight) in CategoryWeights::default().entries() {
                writeln!(text, "{category},{weight}")?;
            }
            std::fs::write(file, text).with_context(|| format!("writing {file}"))
        }
        ["table", events, out, threads] => table(events, out, threads.parse()?),
        _ => bail!(
            "usage: pair_year generate FILE EVENTS STATES YEARS | weights FILE | table EVENTS OUT THREADS"
        ),
    }
}

fn generate(file: &str, events: usize, states: usize, years: i32) -> anyhow::Result<()> {
    if !(2..=26 * 26).contains(&states) {
        bail!("between 2 and {} states", 26 * 26);
    }
    // Codes AAX, ABX, …: three capital letters, as states' codes are.
    let codes: Vec<String> = (0..states)
        .map(|i| {
            let letter = |n: usize| char::from(b'A' + n as u8);
            format!("{}{}X", letter(i / 26), letter(i % 26))
        })
        .collect();
    let mut seed: u64 = 0x5eed;
    let mut next = move |bound: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound
    };
    let out = std::fs::File::create(file).with_context(|| format!("creating {file}"))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    writeln!(out, "{HEADER}")?;
    for _ in 0..events {
        let a = next(states as u64) as usize;
        let b = (a + 1 + next(states as u64 - 1) as usize) % states;
        let year = 1995 + next(years as u64) as i32;
        let (month, day) = (1 + next(12), 1 + next(28));
        let category = Category::ALL[next(12) as usize];
        writeln!(
            out,
            "{},{},{year}-{month:02}-{day:02},{category}",
            codes[a], codes[b]
        )?;
    }
    out.flush().with_context(|| format!("writing {file}"))
}

fn table(events: &str, out: &str, threads: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let text = std::fs::read_to_string(events).with_context(|| format!("reading {events}"))?;
    let read = started.elapsed();
    let parsed = PairEvents::parse_csv(&text, threads).with_context(|| events.to_owned())?;
    drop(text);
    let parse = started.elapsed();
    let table = parsed.intensity(&CategoryWeights::default(), Granularity::Year, threads);
    let count = started.elapsed();
    let file = std::fs::File::create(out).with_context(|| format!("creating {out}"))?;
    let mut file = std::io::BufWriter::new(file);
    writeln!(file, "a,b,year,intensity,activities")?;
    let mut rows = 0;
    for (pair, periods) in &table {
        for (period, cell) in periods {
            writeln!(
                file,
                "{},{},{period},{},{}",
                pair.a, pair.b, cell.intensity, cell.activities
            )?;
            rows += 1;
        }
    }
    file.flush()?;
    eprintln!(
        "rust: {} events, {rows} rows; read {:.2}s, parse {:.2}s, count {:.2}s, total {:.2}s",
        parsed.len(),
        read.as_secs_f64(),
        (parse - read).as_secs_f64(),
        (count - parse).as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
