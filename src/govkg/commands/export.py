"""``govkg export``: one format, one graph, to a file or stdout, for other tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from govkg.commands.common import add_project_options, project_from, say
from govkg.errors import CommandError
from govkg.export import atomic_write, serialize, sorted_prefixes
from govkg.vocab import ONTOLOGY_IRI, PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"trig", "nquads"}


def register(verbs: Any) -> None:
    """Add ``export``."""
    parser = verbs.add_parser(
        "export",
        help="write the built graph, or one report's graph, in one RDF format",
        description=(
            "Read the built graph (graph/build/kg.trig, made by 'govkg build') and write it in one "
            "format: the union of every report (default), or one report's named graph (--report), "
            "optionally with the ontology. Output goes to stdout, or atomically to --output."
        ),
    )
    add_project_options(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="turtle", help="RDF format (default: turtle)")
    parser.add_argument("--report", metavar="KEY", help="only this report's named graph (its file name without .txt)")
    parser.add_argument("--with-ontology", action="store_true", help="add the ontology's triples (as its own graph in trig/nquads)")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Export as asked."""
    project = project_from(args)
    trig = project.build_dir / "kg.trig"
    if not trig.is_file():
        raise CommandError(f"no built graph at {trig}; run 'govkg build' first", code=2)
    quads = list(ox.parse(path=trig, format=ox.RdfFormat.TRIG))
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
    wanted: set[str]
    if args.report:
        matches = [g for g in graphs if g.endswith(f"/graph/{args.report}")]
        if not matches:
            keys = ", ".join(g.rsplit("/", 1)[-1] for g in graphs if g != str(ONTOLOGY_IRI))
            raise CommandError(f"no report '{args.report}' in the built graph; the reports are: {keys}", code=2)
        wanted = set(matches)
    else:
        wanted = {g for g in graphs if g != str(ONTOLOGY_IRI)}
    if args.with_ontology:
        wanted.add(str(ONTOLOGY_IRI))
    chosen = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in wanted]
    fmt = FORMATS[args.format]
    if args.format in QUAD_FORMATS:
        data = sorted_prefixes(serialize(chosen, format=fmt, prefixes=PREFIXES if args.format == "trig" else None))
    else:
        seen: set[ox.Triple] = set()
        triples = []
        for quad in chosen:
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if triple not in seen:
                seen.add(triple)
                triples.append(triple)
        triples.sort(key=str)
        data = sorted_prefixes(serialize(triples, format=fmt, prefixes=PREFIXES if args.format in ("turtle", "rdfxml") else None))
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        atomic_write(args.output, data)
        say(f"wrote {args.output} ({len(data):,} bytes, {len(chosen):,} statements)")
    return 0
