"""GOVKG in src/govkg/vocab.py and ontology/govkg.ttl stay in step, and the ontology describes itself."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from govkg.vocab import DCTERMS, GOVKG, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
NS = str(GOVKG._NS)

OUR_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme, SKOS.Concept)


@cache
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "govkg.ttl", format="turtle")


@cache
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


def local(term: URIRef) -> str:
    return str(term).removeprefix(NS)


def ours(graph: Graph) -> set[URIRef]:
    """Every IRI in the GOVKG namespace that ``graph`` uses, in any position."""
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}


def defined() -> set[str]:
    """Local names of the GOVKG terms the ontology types as a class, property, scheme or concept."""
    return {local(s) for kind in OUR_KINDS for s in ontology().subjects(RDF.type, kind) if str(s).startswith(NS)}


def in_module() -> set[str]:
    return {name for name in GOVKG.__annotations__ if not name.startswith("_")}


def test_module_and_ontology_define_the_same_terms() -> None:
    assert len(defined()) > 100
    assert sorted(defined() - in_module()) == [], "defined in ontology/govkg.ttl but missing from GOVKG in vocab.py"
    assert sorted(in_module() - defined()) == [], "in GOVKG in vocab.py but not defined in ontology/govkg.ttl"


def test_every_term_of_ours_in_the_ontology_file_is_typed() -> None:
    untyped = {local(t) for t in ours(ontology())} - defined()
    assert sorted(untyped) == [], "used in the ontology (domain, range, scheme ...) but never defined"


@pytest.mark.parametrize("name", sorted(defined()))
def test_term_has_one_english_label_and_comment(name: str) -> None:
    term = URIRef(NS + name)
    for prop in (RDFS.label, RDFS.comment):
        values = list(ontology().objects(term, prop))
        assert len(values) == 1, f"govkg:{name} needs exactly one {prop}"
        [value] = values
        assert isinstance(value, Literal) and value.language == "en" and str(value).strip(), f"govkg:{name} {prop} {value!r}"


def test_every_property_is_either_object_or_datatype() -> None:
    objects = set(ontology().subjects(RDF.type, OWL.ObjectProperty))
    data = set(ontology().subjects(RDF.type, OWL.DatatypeProperty))
    assert objects and data
    assert objects & data == set()


def test_terms_used_in_the_built_graph_are_defined(kg: Graph) -> None:
    used = {local(t) for t in ours(kg)}
    assert {"PostHolding", "reportedOn", "Roles"} <= used
    assert sorted(used - defined()) == []


def test_terms_used_in_the_shapes_are_defined() -> None:
    used = {local(t) for t in ours(shapes())}
    assert {"PostHolding", "reportedOn", "excellent"} <= used
    assert sorted(used - defined()) == []


def test_every_concept_is_in_a_declared_scheme() -> None:
    schemes = set(ontology().subjects(RDF.type, SKOS.ConceptScheme))
    concepts = list(ontology().subjects(RDF.type, SKOS.Concept))
    assert concepts and schemes
    for concept in concepts:
        in_schemes = set(ontology().objects(concept, SKOS.inScheme))
        assert in_schemes, f"{concept} is in no scheme"
        assert in_schemes <= schemes, f"{concept} is in an undeclared scheme: {in_schemes - schemes}"
        assert ontology().value(concept, SKOS.prefLabel) is not None, f"{concept} has no skos:prefLabel"


def test_ontology_header() -> None:
    [header] = ontology().subjects(RDF.type, OWL.Ontology)
    assert header == ONTOLOGY_IRI
    version = ontology().value(header, OWL.versionInfo)
    assert isinstance(version, Literal) and str(version).count(".") == 2
    assert ontology().value(header, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")
    assert isinstance(ontology().value(header, DCTERMS.license), URIRef)
    description = ontology().value(header, DCTERMS.description)
    assert isinstance(description, Literal) and len(str(description)) > 100
    assert isinstance(ontology().value(header, DCTERMS.title), Literal)


def test_shapes_file_imports_the_ontology() -> None:
    [header] = shapes().subjects(RDF.type, OWL.Ontology)
    assert ONTOLOGY_IRI in set(shapes().objects(header, OWL.imports))


def test_misspelt_term_raises() -> None:
    assert GOVKG.PostHolding == URIRef(NS + "PostHolding")
    with pytest.raises(AttributeError, match="'PostHoldng' not in namespace"):
        _ = GOVKG.PostHoldng
    with pytest.raises(AttributeError):
        _ = GOVKG["reportedon"]
