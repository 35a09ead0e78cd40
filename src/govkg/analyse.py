"""Graph analytics over the view's projection: GraphML export and a few networkx measures.

The projection is :func:`govkg.view.project`'s (fact nodes such as posts held are edges there),
so "connected" means what the view draws: a person holding a post in an organisation is one edge
between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from govkg.build import Triple
from govkg.export import atomic_write
from govkg.terms import ntriples_bytes, ntriples_lines
from govkg.view import DEFAULT_NODE_CAP, Fact, graph_index, project, write_view
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


_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_NODE_KEYS = ("label", "kind", "iri", "quote")
_EDGE_KEYS = ("label", "relation", "quote")
# XML 1.0 has no way to write most control characters, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", escape(text, {'"': "&quot;"}))


def graphml_bytes(view: nx.MultiDiGraph) -> bytes:
    """The view as GraphML (for Gephi or Cytoscape), UTF-8, the same bytes for the same view.

    Written line by line rather than through an XML tree: a projection of a million triples has
    tens of thousands of nodes, and the tree would take most of the build's time.
    """
    graph = graphml_graph(view)
    keys = [(f"n{i}", "node", name) for i, name in enumerate(_NODE_KEYS)] + [(f"e{i}", "edge", name) for i, name in enumerate(_EDGE_KEYS)]
    out = [_GRAPHML_HEAD]
    out += [f'  <key id="{key}" for="{scope}" attr.name="{name}" attr.type="string" />\n' for key, scope, name in keys]
    out.append('  <graph edgedefault="directed">\n')
    for node, data in graph.nodes(data=True):
        values = "".join(f'<data key="n{i}">{_xml(data[name])}</data>' for i, name in enumerate(_NODE_KEYS))
        out.append(f'    <node id="{_xml(node)}">{values}</node>\n')
    for start, end, key, data in graph.edges(keys=True, data=True):
        values = "".join(f'<data key="e{i}">{_xml(data[name])}</data>' for i, name in enumerate(_EDGE_KEYS))
        out.append(f'    <edge id="{_xml(key)}" source="{_xml(start)}" target="{_xml(end)}">{values}</edge>\n')
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def write_graphml(view: nx.MultiDiGraph, path: Path) -> Path:
    """Write the view as GraphML, atomically."""
    atomic_write(path, graphml_bytes(view))
    return path


def write_view_files(
    ntriples: bytes | Iterable[Triple], ontology: Iterable[Triple], out: Path, cap: int = DEFAULT_NODE_CAP
) -> dict[str, Path]:
    """Read the graph once and write ``kg.html`` and ``kg.graphml`` into ``out``.

    The HTML view draws at most ``cap`` nodes, the most connected (a banner counts the rest);
    GraphML holds the whole projection, each node and edge with its first fact's quotes.

    Args:
        ntriples: The knowledge graph as canonical N-Triples (``BuildResult.ntriples``), or its
            triples as rdflib terms.
        ontology: The ontology's triples (for the labels of controlled-list values).
        out: The build folder.
        cap: The most nodes the HTML view draws.

    Returns:
        The two paths, keyed by format name, for the build's outputs.

    """
    data = ntriples if isinstance(ntriples, bytes) else ntriples_bytes(ntriples_lines(ntriples))
    index = graph_index(data + ntriples_bytes(ntriples_lines(ontology)))
    drawn = project(index, cap)
    whole = project(index, detail=False)
    return {"HTML view": write_view(drawn, out / "kg.html"), "GraphML": write_graphml(whole, out / "kg.graphml")}


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

