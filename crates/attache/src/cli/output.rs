//! How results are shown: a table for people, JSON for scripts.

use std::io::IsTerminal;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Prints rows under a header; wrapped to the terminal's width on a terminal.
pub fn table<const N: usize>(header: [&str; N], rows: impl IntoIterator<Item = [String; N]>) {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_header(header);
    if std::io::stdout().is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_preset(presets::ASCII_MARKDOWN);
    }
    let mut count = 0;
    for row in rows {
        table.add_row(row);
        count += 1;
    }
    println!("{table}");
    println!("{count} row{}", if count == 1 { "" } else { "s" });
}

/// Prints a record as name/value lines.
pub fn fields(pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (name, value) in pairs {
        println!("{name:>width$}  {value}");
    }
}

pub fn label(label: &attache_domain::SecurityLabel) -> String {
    match label.releasable_to.is_empty() {
        true => label.classification.to_string().to_uppercase(),
        false => format!(
            "{} (releasable to {})",
            label.classification.to_string().to_uppercase(),
            label.releasable_to_text()
        ),
    }
}
