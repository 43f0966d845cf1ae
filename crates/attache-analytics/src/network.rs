//! The relationship network: states as nodes, shared activities as weighted edges.

use std::collections::BTreeMap;

use attache_domain::PartnerCode;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;

use crate::centrality::{self, NotConverged};
use crate::community;
use crate::counted::Counted;
use crate::weights::CategoryWeights;

/// What two states share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Link {
    /// The sum of the category weights of their shared activities.
    pub weight: f64,
    pub activities: u64,
}

/// The network of the states in the counted records (organisations are not nodes: a
/// forum they run links the states that attend it).
#[derive(Debug, Clone)]
pub struct Network {
    graph: UnGraph<PartnerCode, Link>,
}

/// One state's place in the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeMeasures {
    pub partner: PartnerCode,
    /// The number of states it shares activities with.
    pub degree: usize,
    /// The degree over the number of other states (networkx's degree centrality).
    pub degree_centrality: f64,
    /// The sum of the weights of its links.
    pub strength: f64,
    /// Weighted eigenvector centrality (unit Euclidean norm, as networkx).
    pub eigenvector: f64,
    /// Betweenness over shortest paths counted in links, normalised by (n-1)(n-2).
    pub betweenness: f64,
    /// Its community's number, 0 for the largest.
    pub community: usize,
}

impl Network {
    pub fn build(records: &[Counted], weights: &CategoryWeights) -> Network {
        let mut links: BTreeMap<(&PartnerCode, &PartnerCode), Link> = BTreeMap::new();
        let mut states: BTreeMap<&PartnerCode, NodeIndex> = BTreeMap::new();
        for record in records {
            let weight = weights.weight(record.category());
            let members: Vec<&PartnerCode> = record.states().collect();
            for (i, a) in members.iter().enumerate() {
                states.insert(a, NodeIndex::new(0));
                for b in &members[i + 1..] {
                    let link = links.entry((a, b)).or_default();
                    link.weight += weight;
                    link.activities += 1;
                }
            }
        }
        let mut graph = UnGraph::with_capacity(states.len(), links.len());
        for (state, index) in states.iter_mut() {
            *index = graph.add_node((*state).clone());
        }
        for ((a, b), link) in links {
            graph.add_edge(states[a], states[b], link);
        }
        Network { graph }
    }

    pub fn graph(&self) -> &UnGraph<PartnerCode, Link> {
        &self.graph
    }

    /// Every link once, the smaller code first, in code order.
    pub fn links(&self) -> impl Iterator<Item = (&PartnerCode, &PartnerCode, Link)> {
        self.graph
            .raw_edges()
            .iter()
            .map(|e| (&self.graph[e.source()], &self.graph[e.target()], e.weight))
    }

    /// Every state's measures, in code order.
    pub fn measures(&self) -> Result<Vec<NodeMeasures>, NotConverged> {
        let g = &self.graph;
        let others = g.node_count().saturating_sub(1).max(1) as f64;
        let eigenvector = centrality::eigenvector(g, centrality::MAX_ITERATIONS, 1e-9)?;
        let betweenness = centrality::betweenness(g);
        let communities = community::label_propagation(g);
        Ok(g.node_indices()
            .map(|n| {
                let degree = g.neighbors(n).count();
                NodeMeasures {
                    partner: g[n].clone(),
                    degree,
                    degree_centrality: degree as f64 / others,
                    strength: g.edges(n).map(|e| e.weight().weight).sum(),
                    eigenvector: eigenvector[n.index()],
                    betweenness: betweenness[n.index()],
                    community: communities[n.index()],
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testing::counted;
    use attache_domain::Category;

    #[test]
    fn shared_activities_become_weighted_links_and_forums_link_all_attendees() {
        let records = counted(&[
            (Category::StaffTalks, "2026-01-01", &["GBR", "SGP"]),
            (Category::Exercise, "2026-02-01", &["GBR", "SGP"]),
            (
                Category::RegionalForum,
                "2026-03-01",
                &["AUS", "MYS", "SGP", "ADMM-Plus"],
            ),
        ]);
        let network = Network::build(&records, &CategoryWeights::default());
        let links: Vec<String> = network
            .links()
            .map(|(a, b, l)| format!("{a}-{b}:{}/{}", l.weight, l.activities))
            .collect();
        assert_eq!(
            links,
            [
                "AUS-MYS:1.5/1",
                "AUS-SGP:1.5/1",
                "GBR-SGP:4/2",
                "MYS-SGP:1.5/1"
            ]
        );
        let measures = network.measures().unwrap();
        let sgp = measures
            .iter()
            .find(|m| m.partner.as_str() == "SGP")
            .unwrap();
        assert_eq!(sgp.degree, 3);
        assert_eq!(sgp.degree_centrality, 1.0);
        assert_eq!(sgp.strength, 7.0);
        // SGP is the only way from GBR to AUS and MYS: 2 of the 3 pairs of others.
        assert!((sgp.betweenness - 2.0 / 3.0).abs() < 1e-12, "{sgp:?}");
        let gbr = measures
            .iter()
            .find(|m| m.partner.as_str() == "GBR")
            .unwrap();
        assert_eq!(gbr.betweenness, 0.0);
    }

    #[test]
    fn no_records_no_network() {
        let network = Network::build(&[], &CategoryWeights::default());
        assert!(network.measures().unwrap().is_empty());
    }
}
