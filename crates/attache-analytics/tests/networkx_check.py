"""Computes networkx's centralities for the graph the Rust test wrote (JSON on argv[1]).

Prints JSON: per node its degree centrality, strength, weighted eigenvector centrality and
betweenness centrality, and the modularity of the communities the Rust side found.
"""
import json
import sys

import networkx as nx

with open(sys.argv[1], encoding="utf-8") as f:
    given = json.load(f)
graph = nx.Graph()
graph.add_nodes_from(given["nodes"])
for a, b, weight in given["links"]:
    graph.add_edge(a, b, weight=weight)
communities = {}
for node, community in given["communities"].items():
    communities.setdefault(community, set()).add(node)
print(
    json.dumps(
        {
            "networkx": nx.__version__,
            "degree_centrality": nx.degree_centrality(graph),
            "strength": dict(graph.degree(weight="weight")),
            "eigenvector": nx.eigenvector_centrality(
                graph, weight="weight", max_iter=10000, tol=1e-12
            ),
            "betweenness": nx.betweenness_centrality(graph),
            "modularity": nx.community.modularity(
                graph, communities.values(), weight="weight"
            ),
        }
    )
)
