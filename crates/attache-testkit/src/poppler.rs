//! What Poppler reads from a PDF, for the documents' tests: its text (`pdftotext`) and its
//! page count (`pdfinfo`). `None` where Poppler is not installed (`.ci/run` installs it).

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `program` with `args` on `pdf` as its standard input; its standard output.
fn read(program: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(pdf).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The text of pages `first` to `last`, laid out as on the page.
pub fn text(pdf: &[u8], first: usize, last: usize) -> Option<String> {
    let (first, last) = (first.to_string(), last.to_string());
    read(
        "pdftotext",
        &["-layout", "-f", &first, "-l", &last, "-", "-"],
        pdf,
    )
}

/// How many pages the PDF has.
pub fn pages(pdf: &[u8]) -> Option<usize> {
    read("pdfinfo", &["-"], pdf)?
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}
