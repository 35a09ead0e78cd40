"""RDF terms between rdflib and pyoxigraph, and the canonical N-Triples form of a graph.

The builder makes rdflib terms; storage, sorting and serialisation at scale work on canonical
N-Triples lines (one triple a line, as pyoxigraph writes them), which are compared and sorted as
bytes: that order is the one every output is written in, so it fixes their bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[URIRef, URIRef, Node]
"""A triple of rdflib terms (no blank nodes are made, but the type allows any object)."""

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r}")


def from_ox(term: object) -> URIRef | Literal | BNode:
    """Convert a pyoxigraph term to an rdflib term (``xsd:string`` literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r}")


def ox_triple(triple: Triple) -> ox.Triple:
    """One rdflib triple as a pyoxigraph triple."""
    s, p, o = triple
    return ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]


def ntriples_lines(triples: Iterable[Triple]) -> list[bytes]:
    """The canonical N-Triples line of each triple (without its newline), deduplicated and sorted."""
    data = ox.serialize([ox_triple(t) for t in triples], format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return sorted(set(data.splitlines()))


def ntriples_bytes(lines: Iterable[bytes]) -> bytes:
    """Lines joined into an N-Triples document (each line ends with a newline)."""
    joined = b"\n".join(lines)
    return joined + b"\n" if joined else b""


def parse_ntriples(data: bytes) -> list[ox.Triple]:
    """Parse N-Triples with pyoxigraph, keeping the order of the lines."""
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def rdflib_triples(data: bytes) -> list[Triple]:
    """Parse N-Triples into rdflib triples, keeping the order of the lines."""
    return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in parse_ntriples(data)]  # type: ignore[misc]
