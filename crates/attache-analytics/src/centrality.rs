//! Eigenvector and betweenness centrality.
//!
//! Hand-written: petgraph (whose graph the network is) has path, flow and connectivity
//! algorithms but no centrality measure; the crates that add them (rustworkx-core) bring a
//! second graph toolkit and rayon for two short, well-known algorithms. Both follow
//! networkx's definitions, and a test compares them with networkx on the same graph.

use attache_domain::PartnerCode;
use petgraph::graph::UnGraph;

use crate::network::Link;

pub const MAX_ITERATIONS: usize = 1000;

/// The power iteration did not settle: the centralities would be wrong.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("eigenvector centrality did not converge in {0} iterations")]
pub struct NotConverged(pub usize);

/// Weighted eigenvector centrality by power iteration on A + I (which converges where A
/// alone would oscillate, on bipartite graphs), from a uniform start, scaled to unit
/// Euclidean norm; stops when the values move less than `n * tolerance` in total. The same
/// iteration as networkx's `eigenvector_centrality(G, weight="weight")`.
pub fn eigenvector(
    graph: &UnGraph<PartnerCode, Link>,
    max_iterations: usize,
    tolerance: f64,
) -> Result<Vec<f64>, NotConverged> {
    let n = graph.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..max_iterations {
        let last = x.clone();
        for edge in graph.raw_edges() {
            let (a, b) = (edge.source().index(), edge.target().index());
            x[a] += last[b] * edge.weight.weight;
            x[b] += last[a] * edge.weight.weight;
        }
        let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            x.iter_mut().for_each(|v| *v /= norm);
        }
        let moved: f64 = x.iter().zip(&last).map(|(v, w)| (v - w).abs()).sum();
        if moved < n as f64 * tolerance {
            return Ok(x);
        }
    }
    Err(NotConverged(max_iterations))
}

/// Betweenness centrality over shortest paths counted in links (Brandes' algorithm: one
/// breadth-first search per source), normalised by (n-1)(n-2) as networkx's
/// `betweenness_centrality(G)`. Weights do not shorten paths: a strong link is a close
/// relationship, not a short distance, and no conversion between the two is agreed.
pub fn betweenness(graph: &UnGraph<PartnerCode, Link>) -> Vec<f64> {
    let n = graph.node_count();
    let mut centrality = vec![0.0; n];
    let neighbours: Vec<Vec<usize>> = graph
        .node_indices()
        .map(|v| graph.neighbors(v).map(|w| w.index()).collect())
        .collect();
    let mut order = Vec::with_capacity(n);
    let mut queue = std::collections::VecDeque::with_capacity(n);
    for source in 0..n {
        let mut paths = vec![0.0_f64; n];
        let mut distance = vec![usize::MAX; n];
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        paths[source] = 1.0;
        distance[source] = 0;
        order.clear();
        queue.push_back(source);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &neighbours[v] {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        let mut dependency = vec![0.0_f64; n];
        for &w in order.iter().rev() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != source {
                centrality[w] += dependency[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        centrality.iter_mut().for_each(|c| *c *= scale);
    }
    centrality
}
