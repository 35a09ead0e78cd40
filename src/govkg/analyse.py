"""Graph analytics over the view's projection: GraphML export and a few networkx measures.

The projection is :func:`govkg.view.project`'s (fact nodes such as posts held are edges there),
so "connected" means what the view draws: a person holding a post in an organisation is one edge
between them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from govkg.build import Triple
from govkg.export import atomic_write
from govkg.view import Fact, project, write_view
from govkg.vocab import GOVKG


def graphml_graph(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The view with only GraphML-friendly attributes (strings and numbers).

    Nodes keep ``label``, ``kind`` and ``iri`` and get ``quote`` (their first fact's quotes,
    one a line); edges keep ``label`` and ``relation`` and get ``quote`` likewise.
    """
    out = nx.MultiDiGraph()
    for node, data in sorted(view.nodes(data=True)):
        out.add_node(node, label=data["label"], kind=data["kind"], iri=data["iri"], quote=_quotes(data["facts"]))
    for start, end, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: int(e[2][1:])):
        out.add_edge(start, end, key=key, label=data["label"], relation=data["relation"], quote=_quotes(data["facts"]))
    return out


def _quotes(facts: Sequence[Fact]) -> str:
    return "\n".join(q.exact for q in facts[0].quotes) if facts else ""


def graphml_bytes(view: nx.MultiDiGraph) -> bytes:
    """The view as GraphML (for Gephi or Cytoscape), UTF-8, the same bytes for the same view."""
    return ("\n".join(nx.generate_graphml(graphml_graph(view), encoding="utf-8", prettyprint=True)) + "\n").encode("utf-8")


def write_graphml(view: nx.MultiDiGraph, path: Path) -> Path:
    """Write the view as GraphML, atomically."""
    atomic_write(path, graphml_bytes(view))
    return path


def write_view_files(triples: Iterable[Triple], ontology: Iterable[Triple], out: Path) -> dict[str, Path]:
    """Project the graph once and write ``kg.html`` and ``kg.graphml`` into ``out``.

    Args:
        triples: The knowledge graph's triples.
        ontology: The ontology's triples (for the labels of controlled-list values).
        out: The build folder.

    Returns:
        The two paths, keyed by format name, for the build's outputs.

    """
    view = project([*triples, *ontology])
    return {"HTML view": write_view(view, out / "kg.html"), "GraphML": write_graphml(view, out / "kg.graphml")}


@dataclass(frozen=True)
class Ranked:
    """A node and a score."""

    iri: str
    label: str
    kind: str
    score: float


@dataclass(frozen=True)
class Bridge:
    """A person whose posts link organisations, with their betweenness in the people-and-organisations graph."""

    iri: str
    label: str
    betweenness: float
    organisations: tuple[str, ...]


@dataclass(frozen=True)
class Stats:
    """What :func:`stats` measured."""

    nodes: int
    edges: int
    components: int
    people: list[Ranked]
    organisations: list[Ranked]
    betweenness: list[Ranked]
    bridges: list[Bridge]


def _simple(view: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph under the view: one edge per linked pair, no self-loops."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(view.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in view.edges() if u != v}))
    return simple


def _ranked(view: nx.MultiDiGraph, scores: dict[str, float], kinds: set[str] | None, top: int) -> list[Ranked]:
    chosen = [n for n in scores if kinds is None or view.nodes[n]["kind"] in kinds]
    chosen.sort(key=lambda n: (-scores[n], view.nodes[n]["label"], n))
    return [Ranked(n, view.nodes[n]["label"], view.nodes[n]["kind"], scores[n]) for n in chosen[:top]]


def people_organisations(view: nx.MultiDiGraph) -> nx.Graph:
    """People and organisations, linked where a person holds a post in an organisation."""
    graph = nx.Graph()
    for start, end, data in view.edges(data=True):
        if data["relation"] == str(GOVKG.PostHolding):
            graph.add_edge(start, end)
    return graph


def stats(view: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Measure who and what is most connected.

    That is: the most connected people and organisations, betweenness over the whole view, and
    the people who link organisations (betweenness in the people-and-organisations graph).

    Args:
        view: A projection from :func:`govkg.view.project`.
        top: How many of each list to keep.

    """
    simple = _simple(view)
    degree = {n: float(d) for n, d in simple.degree()}
    between = nx.betweenness_centrality(simple, normalized=True) if simple.number_of_nodes() > 2 else {n: 0.0 for n in simple}
    held = people_organisations(view)
    held_between = nx.betweenness_centrality(held, normalized=True) if held.number_of_nodes() > 2 else {n: 0.0 for n in held}
    bridges: list[Bridge] = []
    for person in held:
        if view.nodes[person]["kind"] != "person":
            continue
        orgs = tuple(sorted(view.nodes[o]["label"] for o in held[person]))
        if len(orgs) > 1:
            bridges.append(Bridge(person, view.nodes[person]["label"], held_between[person], orgs))
    bridges.sort(key=lambda b: (-b.betweenness, -len(b.organisations), b.label))
    return Stats(
        nodes=view.number_of_nodes(),
        edges=view.number_of_edges(),
        components=nx.number_connected_components(simple),
        people=_ranked(view, degree, {"person"}, top),
        organisations=_ranked(view, degree, {"organisation"}, top),
        betweenness=_ranked(view, between, None, top),
        bridges=bridges[:top],
    )


def format_stats(found: Stats) -> str:
    """The measures as a plain-text report."""
    lines = [f"projection: {found.nodes} nodes, {found.edges} edges, {found.components} connected component(s)", ""]

    def table(title: str, rows: list[Ranked], integer: bool) -> None:
        lines.append(title)
        for row in rows:
            score = f"{int(row.score):>5}" if integer else f"{row.score:>7.3f}"
            lines.append(f"  {score}  {row.label}  ({row.kind})")
        if not rows:
            lines.append("  (none)")
        lines.append("")

    table("most connected people (links in the view):", found.people, True)
    table("most connected organisations (links in the view):", found.organisations, True)
    table("betweenness (share of shortest paths through the node):", found.betweenness, False)
    lines.append("people who link organisations (posts held; betweenness among people and organisations):")
    for bridge in found.bridges:
        lines.append(f"  {bridge.betweenness:>7.3f}  {bridge.label}: {' | '.join(bridge.organisations)}")
    if not found.bridges:
        lines.append("  (none)")
    return "\n".join(lines)

