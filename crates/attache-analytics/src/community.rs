//! Communities: groups of states that engage more among themselves than with the rest.
//!
//! Hand-written because petgraph has no community detection. Weighted label propagation
//! (Raghavan, Albert and Kumara 2007) is short and, with a fixed visiting order and tie
//! rule, deterministic: the same register always gives the same groups, which a report
//! needs. [`modularity`] says how good a partition is (networkx's definition).

use attache_domain::PartnerCode;
use petgraph::graph::UnGraph;

use crate::network::Link;

const MAX_PASSES: usize = 100;

/// Each node's community, numbered from 0 for the largest (ties: the one with the
/// smallest first member). Every node starts alone; in turn, each adopts the label its
/// links weigh most for, keeping its own on a tie, else the smallest; until nothing moves.
pub fn label_propagation(graph: &UnGraph<PartnerCode, Link>) -> Vec<usize> {
    let n = graph.node_count();
    let mut label: Vec<usize> = (0..n).collect();
    let mut weight_for = vec![0.0_f64; n];
    for _ in 0..MAX_PASSES {
        let mut moved = false;
        for v in graph.node_indices() {
            let mut candidates: Vec<usize> = Vec::new();
            for edge in graph.edges(v) {
                let l = label[petgraph::visit::EdgeRef::target(&edge).index()];
                if weight_for[l] == 0.0 {
                    candidates.push(l);
                }
                weight_for[l] += edge.weight().weight;
            }
            let best = candidates
                .iter()
                .map(|&l| weight_for[l])
                .fold(0.0_f64, f64::max);
            let own = label[v.index()];
            let chosen = if candidates.contains(&own) && weight_for[own] == best {
                own
            } else {
                candidates
                    .iter()
                    .copied()
                    .filter(|&l| weight_for[l] == best)
                    .min()
                    .unwrap_or(own)
            };
            candidates.iter().for_each(|&l| weight_for[l] = 0.0);
            if chosen != own {
                label[v.index()] = chosen;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    renumber(&label)
}

/// Labels renumbered 0.. by size, largest first.
fn renumber(label: &[usize]) -> Vec<usize> {
    let mut sizes: Vec<(usize, usize)> = Vec::new(); // (label, size), by first appearance
    for &l in label {
        match sizes.iter_mut().find(|(k, _)| *k == l) {
            Some((_, size)) => *size += 1,
            None => sizes.push((l, 1)),
        }
    }
    let mut ranked: Vec<usize> = (0..sizes.len()).collect();
    ranked.sort_by_key(|&i| (std::cmp::Reverse(sizes[i].1), i));
    label
        .iter()
        .map(|l| {
            ranked
                .iter()
                .position(|&i| sizes[i].0 == *l)
                .unwrap_or_default()
        })
        .collect()
}

/// Newman's weighted modularity of a partition: the share of link weight inside
/// communities minus what random links of the same strengths would put there.
pub fn modularity(graph: &UnGraph<PartnerCode, Link>, community: &[usize]) -> f64 {
    let groups = community.iter().max().map_or(0, |m| m + 1);
    let (mut inside, mut strength) = (vec![0.0; groups], vec![0.0; groups]);
    let mut total = 0.0;
    for edge in graph.raw_edges() {
        let (a, b) = (
            community[edge.source().index()],
            community[edge.target().index()],
        );
        let w = edge.weight.weight;
        total += w;
        if a == b {
            inside[a] += w;
        }
        strength[a] += w;
        strength[b] += w;
    }
    if total == 0.0 {
        return 0.0;
    }
    (0..groups)
        .map(|c| inside[c] / total - (strength[c] / (2.0 * total)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::network::Network;
    use crate::testing::counted;
    use crate::weights::CategoryWeights;
    use attache_domain::Category;

    #[test]
    fn two_cliques_joined_by_one_weak_link_are_two_communities() {
        let x = Category::Exercise;
        let records = counted(&[
            (x, "2026-01-01", &["AUS", "NZL", "SGP"]),
            (x, "2026-02-01", &["AUS", "NZL", "SGP"]),
            (x, "2026-01-01", &["FRA", "DEU", "ITA"]),
            (x, "2026-02-01", &["FRA", "DEU", "ITA"]),
            (Category::Outreach, "2026-03-01", &["SGP", "FRA"]),
        ]);
        let network = Network::build(&records, &CategoryWeights::default());
        let community = label_propagation(network.graph());
        let by_code: Vec<(String, usize)> = network
            .graph()
            .node_indices()
            .map(|n| (network.graph()[n].to_string(), community[n.index()]))
            .collect();
        let of = |c: &str| by_code.iter().find(|(k, _)| k == c).unwrap().1;
        assert_eq!(of("AUS"), of("NZL"));
        assert_eq!(of("AUS"), of("SGP"));
        assert_eq!(of("FRA"), of("DEU"));
        assert_eq!(of("FRA"), of("ITA"));
        assert_ne!(of("AUS"), of("FRA"));
        let q = modularity(network.graph(), &community);
        assert!(q > 0.4, "modularity {q}");
        assert_eq!(modularity(network.graph(), &[0; 6]), 0.0);
    }
}
