//! The network's centralities against networkx's on the same graph.
//!
//! Needs Python 3 with networkx (`pip install networkx`, as `.ci/run` does): without them
//! the test fails and says so, rather than passing without checking anything.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::process::Command;

use attache_analytics::community::modularity;
use attache_analytics::{CategoryWeights, Counted, Network, Record};
use attache_domain::{Category, Classification, Nature, PartnerCode, Status};
use chrono::NaiveDate;
use serde_json::{Value, json};

/// A register of 60 states in three regions, most activities within a region, some across
/// (and multilateral ones), plus two states that only meet each other: a second component.
fn register() -> Vec<Record> {
    let mut seed: u64 = 7;
    let mut next = move |bound: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % bound
    };
    let code = |i: usize| {
        let letters = [b'A' + (i / 26) as u8, b'A' + (i % 26) as u8, b'X'];
        PartnerCode::parse("code", std::str::from_utf8(&letters).unwrap()).unwrap()
    };
    let mut records = Vec::new();
    for _ in 0..400 {
        let region = next(3);
        let size = 2 + next(4) * next(2); // mostly pairs, some forums of up to five
        let mut participants: Vec<PartnerCode> = (0..size)
            .map(|_| {
                let cross = next(6) == 0;
                let r = if cross { next(3) } else { region };
                code(r * 20 + next(20))
            })
            .collect();
        participants.push(PartnerCode::parse("code", "ADMM-Plus").unwrap());
        records.push(Record {
            category: Category::ALL[next(12)],
            nature: Nature::Engagement,
            coercive_presence: false,
            status: Status::Completed,
            start: NaiveDate::from_ymd_opt(2020 + next(6) as i32, 1 + next(12) as u32, 1).unwrap(),
            participants,
            classification: Classification::Official,
        });
    }
    let island = |raw: &str| PartnerCode::parse("code", raw).unwrap();
    records.push(Record {
        participants: vec![island("ZZA"), island("ZZB")],
        ..records[0].clone()
    });
    records
}

fn networkx(graph: &Value) -> Value {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), graph.to_string()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/networkx_check.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(file.path())
        .output()
        .unwrap_or_else(|e| {
            panic!("this test needs python3 with networkx (pip install networkx): {e}")
        });
    assert!(
        output.status.success(),
        "networkx failed (this test needs python3 with networkx: pip install networkx):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn centralities_match_networkx_on_the_same_graph() {
    let network = Network::build(&Counted::select(register()), &CategoryWeights::default());
    let measures = network.measures().unwrap();
    assert!(measures.len() > 50, "{} states", measures.len());
    let communities: BTreeMap<String, usize> = measures
        .iter()
        .map(|m| (m.partner.to_string(), m.community))
        .collect();
    let graph = json!({
        "nodes": measures.iter().map(|m| m.partner.as_str()).collect::<Vec<_>>(),
        "links": network.links().map(|(a, b, l)| json!([a, b, l.weight])).collect::<Vec<_>>(),
        "communities": communities,
    });
    let expected = networkx(&graph);

    let close = |what: &str, node: &str, ours: f64| {
        let theirs = expected[what][node]
            .as_f64()
            .unwrap_or_else(|| panic!("networkx gave no {what} for {node}"));
        assert!(
            (ours - theirs).abs() <= 1e-6 * theirs.abs().max(1.0),
            "{what} of {node}: ours {ours}, networkx {theirs}"
        );
    };
    for m in &measures {
        let node = m.partner.as_str();
        close("degree_centrality", node, m.degree_centrality);
        close("strength", node, m.strength);
        close("eigenvector", node, m.eigenvector);
        close("betweenness", node, m.betweenness);
    }
    let ours = modularity(
        network.graph(),
        &measures.iter().map(|m| m.community).collect::<Vec<_>>(),
    );
    let theirs = expected["modularity"].as_f64().unwrap();
    assert!(
        (ours - theirs).abs() < 1e-9,
        "modularity: ours {ours}, networkx {theirs}"
    );
    // The communities are worth having: the three regions stand out.
    assert!(ours > 0.3, "modularity {ours}");
    let island = measures
        .iter()
        .find(|m| m.partner.as_str() == "ZZA")
        .unwrap();
    assert_eq!(island.betweenness, 0.0);
    assert!(island.eigenvector < 1e-6, "{island:?}");
}
