"""Stage 4: write the graph as files. Each function writes one artefact, atomically.

Serialisation goes through pyoxigraph (tens of times faster than rdflib's writers on large
graphs) and is fed triples in one fixed order, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from govkg.build import ReportGraph, Triple, triple_key
from govkg.terms import ntriples_bytes, ntriples_lines, ox_triple, parse_ntriples
from govkg.vocab import ONTOLOGY_IRI, PREFIXES


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader never sees a half-written file, and a failure leaves the old file as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialize(data: Iterable[ox.Triple] | Iterable[ox.Quad], *, format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise with pyoxigraph into bytes (its ``serialize`` returns bytes when given no output)."""
    out = ox.serialize(data, format=format, prefixes=prefixes)
    assert out is not None
    return out


def ox_triples(triples: Iterable[Triple]) -> list[ox.Triple]:
    """Pyoxigraph triples, in the sorted order that makes output deterministic."""
    return [ox_triple(t) for t in sorted(triples, key=triple_key)]


def sorted_prefixes(data: bytes) -> bytes:
    """Put the ``@prefix`` lines in name order: pyoxigraph does not promise an order for them."""
    lines = data.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:count]) + lines[count:])


def write_ntriples(triples: Iterable[Triple], path: Path) -> Path:
    """Write rdflib triples as canonical N-Triples, one a line, sorted (the form of ``kg.nt``)."""
    atomic_write(path, ntriples_bytes(ntriples_lines(triples)))
    return path


PRETTY_JSONLD_LIMIT = 200_000
"""JSON-LD of up to this many triples is indented for people to read; larger graphs are written
as pyoxigraph gives them (indenting a million-triple document costs more than the rest)."""


def write_graph_files(
    union: bytes, reports: Sequence[ReportGraph], ontology: Sequence[Triple], out: Path
) -> dict[str, Path]:
    """Write the knowledge graph as Turtle, N-Triples, JSON-LD and TriG from canonical N-Triples.

    This is the fast path the build takes: the union is parsed once by pyoxigraph and written
    in its line order; no rdflib terms are made.

    Args:
        union: The union of every report as sorted canonical N-Triples.
        reports: Each report's named graph (for TriG).
        ontology: The ontology's triples (a named graph of the TriG).
        out: The output folder.

    Returns:
        Each format's name and the path written.

    """
    parsed = parse_ntriples(union)
    turtle = sorted_prefixes(serialize(parsed, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    jsonld = serialize(parsed, format=ox.RdfFormat.JSON_LD)
    if len(parsed) <= PRETTY_JSONLD_LIMIT:
        jsonld = json.dumps(json.loads(jsonld), indent=1, ensure_ascii=False, sort_keys=True).encode("utf-8")
    quads: list[ox.Quad] = []
    for report in reports:
        name = ox.NamedNode(str(report.graph))
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in parse_ntriples(report.ntriples))
    return {
        "Turtle": _write(out / "kg.ttl", turtle),
        "N-Triples": _write(out / "kg.nt", union),
        "JSON-LD": _write(out / "kg.jsonld", jsonld + b"\n"),
        "TriG": write_trig_quads(quads, ontology, out / "kg.trig"),
    }


def write_trig_quads(quads: list[ox.Quad], ontology: Sequence[Triple], path: Path) -> Path:
    """Write report quads and the ontology's named graph as TriG, graphs in IRI order.

    The sort is stable, so each graph keeps its triples in the order given.
    """
    name = ox.NamedNode(str(ONTOLOGY_IRI))
    ontology_quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in ox_triples(ontology)]
    everything = sorted([*quads, *ontology_quads], key=lambda q: str(q.graph_name))
    return _write(path, sorted_prefixes(serialize(everything, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)))


def _write(path: Path, data: bytes) -> Path:
    atomic_write(path, data)
    return path
