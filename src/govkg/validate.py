"""Stage 3: check a graph against the SHACL shapes (``ontology/shapes.ttl``) with pySHACL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.term import Node

from govkg.vocab import RDF, SH


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the shape it broke, and the shape's message."""

    focus: str
    shape: str
    path: str
    message: str

    def __str__(self) -> str:
        path = f" ({self.path})" if self.path else ""
        return f"<{self.focus}>{path}: {self.message} [shape {self.shape}]"


def load_shapes(path: Path) -> Graph:
    """Parse the shapes file."""
    return Graph().parse(path, format="turtle")


def graph_of(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """An rdflib graph holding ``triples``."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def validate(data: Graph, shapes: Graph) -> list[Violation]:
    """Validate ``data`` against ``shapes``; return the violations, sorted (empty when it conforms).

    No inference is run: the builder asserts every type the shapes look for.
    """
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)
    assert isinstance(results, Graph)
    found: list[Violation] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        found.append(
            Violation(
                focus=str(focus),
                shape=_shape_name(shapes, shape),
                path=str(path) if isinstance(path, URIRef) else "",
                message=str(message) if message is not None else "constraint not met",
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.shape, v.path, v.message))


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """The named node shape a result comes from (property shapes are blank nodes inside it)."""
    if isinstance(shape, URIRef):
        return shape.split("#")[-1]
    for parent in shapes.subjects(SH.property, shape):
        if isinstance(parent, URIRef):
            return parent.split("#")[-1]
    return "anonymous shape"
