//! How results are shown: a table for people, JSON for scripts.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

/// Writes a line to standard output, [`printable`]. A reader that has gone away
/// (`attache … | head`) ends the program quietly, as it does any Unix tool, instead of a
/// panic from `println!`.
pub fn line(args: std::fmt::Arguments<'_>) {
    let text = args.to_string();
    if let Err(e) = writeln!(std::io::stdout().lock(), "{}", printable(&text)) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// Text as a terminal should show it: a control character from a record (an escape
/// sequence in a title could rewrite the screen, a carriage return hide what came before) is
/// shown as its code, `\u{1b}`; line breaks and tabs stay.
pub fn printable(text: &str) -> Cow<'_, str> {
    let shown = |c: char| !c.is_control() || matches!(c, '\n' | '\t');
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match shown(c) {
                true => c.to_string(),
                false => c.escape_unicode().to_string(),
            })
            .collect(),
    )
}

/// `println!` through [`line`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::line(format_args!($($arg)*))
    };
}
pub(crate) use say;

pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    say!("{}", serde_json::to_string_pretty(value)?);
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
    say!("{table}");
    say!("{count} row{}", if count == 1 { "" } else { "s" });
}

/// Prints a record as name/value lines.
pub fn fields(pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (name, value) in pairs {
        say!("{name:>width$}  {value}");
    }
}

/// A list for scripts (JSON) or for people (a table, a row per item).
pub fn list<T: Serialize, const N: usize>(
    json: bool,
    items: &[T],
    header: [&str; N],
    row: impl FnMut(&T) -> [String; N],
) -> anyhow::Result<()> {
    if json {
        return self::json(items);
    }
    table(header, items.iter().map(row));
    Ok(())
}

/// One record for scripts (JSON) or for people (name/value lines).
pub fn record<T: Serialize, L: AsRef<[(&'static str, String)]>>(
    json: bool,
    value: &T,
    lines: impl FnOnce(&T) -> L,
) -> anyhow::Result<()> {
    if json {
        return self::json(value);
    }
    fields(lines(value).as_ref());
    Ok(())
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
