"""``govkg view`` (the interactive HTML view) and ``govkg stats`` (networkx measures)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, URIRef

from govkg import analyse, query
from govkg.build import Triple, union
from govkg.commands.common import add_project_options, base_from, project_from, say
from govkg.errors import CommandError
from govkg.pipeline import build_graphs, load_all, ontology_triples
from govkg.settings import Project
from govkg.view import DEFAULT_NODE_CAP, FACT_EDGES, find_node, limit, neighbourhood, project, write_view
from govkg.vocab import OA, PROV, RDF, RDFS, SKOS


def register(verbs: Any) -> None:
    """Add ``view`` and ``stats``."""
    view = verbs.add_parser(
        "view",
        help="write the interactive HTML view (whole graph, one entity's neighbourhood, or a query's result)",
        description=(
            "Write one self-contained HTML file that draws the graph: names as labels, colour and "
            "shape by kind with a legend, a search box, a filter by kind, and each fact's quote on "
            "click. It works offline. Without options it draws the whole graph into "
            "graph/build/kg.html (the build writes the same file)."
        ),
    )
    add_project_options(view)
    view.add_argument("--focus", metavar="ENTITY", help="draw the neighbourhood of one entity: a name such as 'Chen Yijun', or an IRI")
    view.add_argument("--depth", type=int, default=1, metavar="N", help="with --focus: how many links out from the entity (default 1)")
    view.add_argument("--query", metavar="NAME", help="draw the graph a named CONSTRUCT query (queries/NAME.rq) returns")
    view.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="with --query: a parameter (repeat for several)")
    view.add_argument("--cap", type=int, default=DEFAULT_NODE_CAP, metavar="N", help=f"draw at most N nodes (default {DEFAULT_NODE_CAP})")
    view.add_argument("-o", "--output", type=Path, default=None, help="the HTML file (default: in the output folder, named after the view)")
    view.set_defaults(run=run_view)

    stats = verbs.add_parser(
        "stats",
        help="the most connected people and organisations, and who links which organisations",
        description=(
            "Project the graph as the view draws it and measure it with networkx: the most "
            "connected people and organisations (links in the view), betweenness over the whole "
            "view, and the people whose posts link organisations."
        ),
    )
    add_project_options(stats)
    stats.add_argument("--top", type=int, default=10, metavar="N", help="rows in each list (default 10)")
    stats.set_defaults(run=run_stats)


def graph_triples(project_dir: Project, base: str) -> list[Triple]:
    """The knowledge graph and the ontology, built in memory from the entities files."""
    return [*union(build_graphs(load_all(project_dir), base)), *ontology_triples(project_dir)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.rsplit("/", 1)[-1].casefold()).strip("-")[:60] or "view"


def query_context(full: Graph, constructed: Iterable[Triple]) -> Graph:
    """The CONSTRUCT result, plus what the view needs to draw it from the full graph.

    That is each resource's types and labels, each fact node's own triples (so a post holding
    in the result is drawn whole, as the edge it is), and the source chain of every
    ``prov:wasDerivedFrom`` down to the quote. Relations the query left out stay out.
    """
    result = Graph()
    for triple in constructed:
        result.add(triple)
    resources = {t for triple in result for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
    facts = {r for r in resources if any((r, RDF.type, cls) in full for cls in FACT_EDGES)}
    for fact in facts:
        for p, o in full.predicate_objects(fact):
            result.add((fact, p, o))
            if isinstance(o, URIRef):
                resources.add(o)
    for resource in sorted(resources, key=str):
        for predicate in (RDF.type, RDFS.label, SKOS.inScheme, PROV.wasDerivedFrom):
            for value in full.objects(resource, predicate):
                result.add((resource, predicate, value))
    chain = [a for a in result.objects(None, PROV.wasDerivedFrom)]
    for annotation in chain:
        for target in full.objects(annotation, OA.hasTarget):
            result.add((annotation, OA.hasTarget, target))
            for p, o in full.predicate_objects(target):
                result.add((target, p, o))
            for selector in full.objects(target, OA.hasSelector):
                for p, o in full.predicate_objects(selector):
                    result.add((selector, p, o))
    return result


def run_view(args: argparse.Namespace) -> int:
    """Write the view the options ask for."""
    if args.focus and args.query:
        raise CommandError("give --focus or --query, not both", code=2)
    if args.depth < 0 or args.cap < 1:
        raise CommandError("--depth must be 0 or more and --cap 1 or more", code=2)
    project_dir = project_from(args)
    triples = graph_triples(project_dir, base_from(args))
    title = "govkg knowledge graph"
    name = "kg"
    if args.query:
        named = query.find_query(project_dir.queries_dir, args.query)
        if named.form != "CONSTRUCT":
            raise CommandError(f"query '{args.query}' is a {named.form} query; --query draws CONSTRUCT queries", code=2)
        full = Graph()
        for triple in triples:
            full.add(triple)
        answer = query.run_named(query.RdflibEngine(full), named, query.parse_params(args.param))
        view = project([*query_context(full, answer.graph), *ontology_triples(project_dir)])
        title, name = f"govkg: {named.summary or named.name}", f"view-query-{named.name}"
    else:
        view = project(triples)
        if args.focus:
            centre = find_node(view, args.focus)
            if centre is None:
                close = sorted(d["label"] for _, d in view.nodes(data=True) if args.focus.casefold() in d["label"].casefold())[:8]
                hint = f"; did you mean: {', '.join(close)}" if close else "; give a name as the view shows it, or an IRI"
                raise CommandError(f"no entity '{args.focus}' in the view{hint}", code=2)
            view = neighbourhood(view, centre, args.depth)
            label = view.nodes[centre]["label"]
            title, name = f"govkg: {label} and what lies within {args.depth} link(s)", f"view-focus-{_slug(centre)}"
    drawn = limit(view, args.cap)
    path = args.output or project_dir.build_dir / f"{name}.html"
    write_view(drawn, path, title)
    left_out = drawn.graph.get("omitted", {})
    if left_out:
        parts = ", ".join(f"{count} {kind}" for kind, count in left_out.items())
        say(f"the view has {view.number_of_nodes()} nodes, over the cap of {args.cap}: drew the most connected; left out {parts}")
    print(f"wrote {path} ({drawn.number_of_nodes()} nodes, {drawn.number_of_edges()} edges, {path.stat().st_size:,} bytes)")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    """Print the measures."""
    project_dir = project_from(args)
    view: nx.MultiDiGraph = project(graph_triples(project_dir, base_from(args)))
    print(analyse.format_stats(analyse.stats(view, args.top)))
    return 0
