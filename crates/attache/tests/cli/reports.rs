//! `attache report` end to end: the real binary on a demo database writes a partner's
//! brief and the annual report as HTML and PDF files. The PDFs are read back with Poppler's
//! `pdftotext` and `pdffonts` (Debian's `poppler-utils`, which `.ci/run` installs): without
//! them the test fails and says so.

use crate::support;

use support::Scratch;

use std::path::Path;
use std::process::Command;

/// A Poppler tool's output on a file.
fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed to read the PDFs (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text, and that it stands alone: every font embedded, nothing to fetch.
fn pdf_text(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{} is no PDF", file.display());
    let fonts = Command::new("pdffonts")
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("pdffonts is needed to read the PDFs (apt-get install poppler-utils): {e}")
        });
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    assert!(
        rows.iter()
            .all(|r| r.contains("DejaVu") && r.contains(" yes ")),
        "{fonts}"
    );
    poppler("pdftotext", &["-layout"], file)
}

/// Writes the report `what` as a PDF into the scratch file `name`; gives its text.
fn pdf_report(s: &Scratch, what: &[&str], name: &str) -> String {
    let file = s.path(name);
    let pdf = ["--format", "pdf", "-o", file.to_str().unwrap()];
    s.ok(&[&["report"][..], what, &pdf].concat());
    pdf_text(&file)
}

#[test]
fn reports_are_written_as_html_and_pdf_files_under_their_banner() {
    let s = Scratch::console();
    s.ok(&["demo", "--size", "400", "--today", "2026-11-25"]);

    let html = s.path("sgp.html");
    let said = s.ok(&["report", "partner", "SGP", "-o", html.to_str().unwrap()]);
    assert!(said.contains("classification: "), "{said}");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("<h1>Partner brief: Singapore (SGP)</h1>"));
    assert!(text.contains("<svg") && text.contains("id=\"upcoming\""));
    // The banner named on the terminal is the one at the top and bottom of the file.
    let banner = said
        .trim_end()
        .rsplit("classification: ")
        .next()
        .unwrap()
        .trim_end_matches(").");
    assert_eq!(
        text.matches(&format!(">{banner}</p>")).count(),
        2,
        "{banner}"
    );

    let words = pdf_report(&s, &["partner", "SGP"], "sgp.pdf");
    assert!(words.contains("Partner brief: Singapore (SGP)"), "{words}");
    assert!(words.contains("The next 6 months") && words.contains("Objectives"));
    assert!(words.trim_start().starts_with(banner), "{words}");

    let words = pdf_report(&s, &["annual", "--year", "2026"], "annual.pdf");
    for heading in [
        "Annual defence engagement report 2026",
        "By region",
        "By standing aim",
        "Top relationships",
        "High-level engagement",
    ] {
        assert!(words.contains(heading), "{heading}: {words}");
    }
    let html = s.ok(&["report", "annual", "--year", "2026"]);
    assert!(html.contains("id=\"by-category\"") && html.contains("<svg"));

    let refused = s.run(&["report", "partner", "SGP", "--format", "docx"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("'docx' is not a report format"));
}
