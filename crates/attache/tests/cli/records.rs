//! The other records on the command line: people, assets, objectives with their
//! indicators, agreements and partners, added, listed and shown, and refused when wrong.

use crate::support::initialised;

#[test]
fn records_are_added_listed_and_shown() {
    let s = initialised();
    s.ok(&[
        "person",
        "add",
        "--name",
        "Jane Doe",
        "--title",
        "Colonel",
        "--role",
        "defence attaché",
        "--nation",
        "GBR",
    ]);
    assert!(
        s.ok(&["person", "list", "--nation", "GBR"])
            .contains("Jane Doe")
    );
    s.ok(&[
        "asset",
        "add",
        "--name",
        "HMS Example",
        "--kind",
        "ship",
        "--identifier",
        "F999",
        "--nation",
        "GBR",
    ]);
    assert!(s.ok(&["asset", "show", "1"]).contains("F999"));
    s.ok(&[
        "objective",
        "add",
        "--code",
        "SGP-1",
        "--title",
        "Maritime trust",
        "--aim",
        "build_trust",
        "--partner",
        "SGP",
        "--indicator",
        "Port visits a year:2:6",
    ]);
    assert!(
        s.ok(&["objective", "show", "SGP-1"])
            .contains("baseline 2, target 6")
    );
    s.ok(&[
        "agreement",
        "add",
        "--kind",
        "mou",
        "--title",
        "Defence cooperation",
        "--party",
        "GBR",
        "--party",
        "SGP",
        "--signed",
        "2020-01-01",
        "--expiry",
        "2030-01-01",
    ]);
    assert!(
        s.ok(&["agreement", "list", "--nation", "SGP"])
            .contains("Defence cooperation")
    );
    assert!(
        s.fails(&[
            "agreement",
            "add",
            "--kind",
            "mou",
            "--title",
            "Alone",
            "--party",
            "GBR",
            "--signed",
            "2020-01-01"
        ])
        .contains("two parties")
    );
    s.ok(&[
        "partner",
        "add",
        "--code",
        "SLD",
        "--name",
        "Shangri-La Dialogue",
        "--member",
        "SGP",
        "--member",
        "GBR",
    ]);
    assert!(s.ok(&["partner", "show", "SLD"]).contains("GBR SGP (2)"));
    assert!(
        s.fails(&["partner", "add", "--code", "SLD", "--name", "Again"])
            .contains("already exists")
    );
}
