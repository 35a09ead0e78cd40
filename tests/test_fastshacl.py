"""The fast SHACL validator (govkg.fastshacl) gives exactly pySHACL's violations (govkg.validate).

pySHACL is the reference: every comparison below runs both validators on the same data and
asserts the same sorted list of Violation (focus, named shape, path, message, with repeats).
Data: every example under tests/shapes (merged with context.ttl as tests/test_shapes.py does),
edge cases for the semantics pySHACL decides in its own way (ill-typed literals, numeric and
string comparison, subclasses, repeated results), the real graph, broken copies of it, and a
generated project of synthetic reports.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from benchmarks.generate import generate
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from govkg import vocab
from govkg.build import Triple
from govkg.fastshacl import CompiledShapes, UnsupportedShape, compile_shapes, validate_fast
from govkg.pipeline import BuildResult, build_graphs, load_all
from govkg.settings import Project
from govkg.validate import Violation, graph_of, load_shapes, validate
from govkg.vocab import DCTERMS, DEFAULT_BASE_IRI, FOAF, GOVKG, OA, ORG, RDF, RDFS, SH

HERE = Path(__file__).parent / "shapes"
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((HERE / "valid").glob("*.ttl")) + sorted((HERE / "invalid").glob("*.ttl"))


@cache
def shapes() -> Graph:
    return load_shapes(ROOT / "ontology" / "shapes.ttl")


@cache
def compiled() -> CompiledShapes:
    return compile_shapes(shapes())


def both(data: Graph) -> tuple[list[Violation], list[Violation]]:
    """(pySHACL's violations, the fast validator's) for ``data``."""
    return validate(data, shapes()), validate_fast(data, compiled())


def with_context(extra: str = "", path: Path | None = None) -> Graph:
    graph = Graph().parse(HERE / "context.ttl", format="turtle")
    if path is not None:
        graph.parse(path, format="turtle")
    if extra:
        graph.parse(data=PREFIXES + extra, format="turtle")
    return graph


PREFIXES = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/govkg/id/test/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix govkg: <https://example.org/govkg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
"""


# ------------------------------------------------------------------ the shapes compile


def test_the_real_shapes_compile_whole() -> None:
    graph = shapes()
    named = {s for s in graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert len(named) >= 30
    assert {shape.name for shape in compiled().shapes} == {str(s).split("#")[-1] for s in named}
    declared = sum(1 for s in named for _ in graph.objects(s, SH.property))
    assert sum(len(shape.properties) for shape in compiled().shapes) == declared


# ------------------------------------------------------------------ every example, both validators


def test_examples_are_found() -> None:
    assert len([p for p in EXAMPLES if p.parent.name == "valid"]) >= 30
    assert len([p for p in EXAMPLES if p.parent.name == "invalid"]) >= 30


def test_context_alone() -> None:
    reference, fast = both(with_context())
    assert reference == fast == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in EXAMPLES])
def test_example_gives_the_same_violations(path: Path) -> None:
    reference, fast = both(with_context(path=path))
    assert fast == reference
    assert bool(fast) == (path.parent.name == "invalid")


# ------------------------------------------------------------------ semantics pySHACL decides its own way

EDGE_CASES: dict[str, str] = {
    # sh:datatype xsd:integer and sh:minInclusive on an ill-typed literal
    "ill-typed-start": 'ex:quote-position oa:start "abc"^^xsd:integer .',
    # a decimal value: wrong datatype, but it compares as a number against the bound and the end
    "decimal-start": 'ex:quote-position oa:start "5.5"^^xsd:decimal .',
    # a plain string: a string against a numeric bound fails sh:minInclusive and sh:lessThan
    "string-start": 'ex:quote-position oa:start "3" .',
    # a start below the bound and two ends: sh:lessThan gives one result per failing pair
    "two-ends": "ex:quote-position oa:end -2 , 0 .",
    # an IRI where a literal belongs: datatype, minInclusive and lessThan all fail
    "iri-start": "ex:quote-position oa:start ex:province .",
    # xsd:string given explicitly matches; a language tag is rdf:langString and does not
    "typed-and-tagged-labels": 'ex:province rdfs:label "Province"^^xsd:string , "Provinz"@de .',
    # a label that is an IRI, and a reason that is an IRI shorter than ten characters
    "iri-label-and-reason": "ex:province rdfs:label ex:x ; govkg:inferredBecause <urn:x:y> .",
    # sh:minLength counts characters of the lexical form, whatever the datatype
    "typed-reason": 'ex:province govkg:inferredBecause "1234567890"^^xsd:integer , "short"^^xsd:token .',
    # sh:pattern on an IRI and on a literal with a datatype
    "sha-as-iri": 'ex:report govkg:sha256 <urn:0000000000000000000000000000000000000000000000000000000000000000> , "ab"^^xsd:hexBinary .',
    # two bad values for one sh:class: one result each
    "two-bad-classes": "ex:bureau govkg:governs ex:bureau , ex:director , 'text' .",
    # sh:in compares terms exactly: a literal that spells the IRI is not the IRI
    "in-by-term": 'ex:bureau org:classification "https://example.org/govkg/ontology#bureau" .',
    # a node of two targeted classes is one focus node of a shape that targets both
    "two-target-classes": "ex:bureau a govkg:Place .",
    # the data's own rdfs:subClassOf: instances of a subclass are targeted and pass sh:class
    "subclass-in-data": (
        "ex:Official rdfs:subClassOf foaf:Person . ex:someone a ex:Official . "
        "ex:post-x a org:Post ; org:heldBy ex:someone ; org:postIn ex:bureau ; org:role ex:director ."
    ),
    # sh:or: a value of neither class fails once; one of both classes passes
    "or-branches": "ex:meeting-x a govkg:Meeting ; govkg:organiser ex:director , ex:province .",
    # sh:qualifiedValueShape: two quote selectors on one target, and a position selector typed twice
    "qualified-counts": "ex:quote-target oa:hasSelector ex:second-exact . ex:second-exact a oa:TextQuoteSelector ; oa:exact 'x' .",
    # sh:nodeKind sh:IRI with a literal value, and sh:minCount with a duplicate-free count
    "node-kind": "ex:attest a govkg:NameAttestation ; govkg:names 'Example' .",
    # a date with a time is not an xsd:date; a gYear written as an integer is not a gYear
    "dates": 'ex:report dcterms:date "2021-04-11T10:00:00"^^xsd:dateTime . ex:plan-x a govkg:WorkPlan ; govkg:year 2021 .',
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_case_gives_the_same_violations(name: str) -> None:
    reference, fast = both(with_context(EDGE_CASES[name]))
    assert fast == reference
    assert fast, f"{name} was meant to break a rule"


def test_one_result_per_bad_value() -> None:
    _, fast = both(with_context(EDGE_CASES["two-bad-classes"]))
    governs = [v for v in fast if v.path == str(GOVKG.governs)]
    assert len(governs) == 3
    assert len(set(governs)) == 1


def test_subclass_instances_are_targeted() -> None:
    _, fast = both(with_context(EDGE_CASES["subclass-in-data"]))
    assert (
        Violation(
            focus="https://example.org/govkg/id/test/someone",
            shape="PersonHasName",
            path=str(FOAF.name),
            message="A person needs a foaf:name string.",
        )
        in fast
    )
    assert not [v for v in fast if v.path == str(ORG.heldBy)]  # the subclass instance passes sh:class foaf:Person


def test_triples_from_a_generator_with_duplicates() -> None:
    data = with_context(EDGE_CASES["two-ends"])
    triples = [*data, *data]
    assert validate_fast((t for t in triples), compiled()) == validate(data, shapes())


# ------------------------------------------------------------------ the real graph and broken copies of it


def test_real_graph(built: BuildResult, kg: Graph) -> None:
    # fastshacl does sh:class by asserted types plus the data's own subclass triples; the real graph has none.
    assert not any(p == RDFS.subClassOf for _, p, _ in built.triples)
    assert len(built.triples) > 1000
    assert validate_fast(built.triples, compiled()) == validate(kg, shapes()) == []


Mutation = Callable[[list[Triple]], list[Triple]]


def _drop(pred: Node, every: int = 1) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        hits = [t for t in triples if t[1] == pred][::every]
        assert hits
        return [t for t in triples if t not in set(hits)]

    return mutate


def _retype(pred: Node, datatype: URIRef | None) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        assert any(p == pred for _, p, _ in triples)
        return [(s, p, Literal(str(o), datatype=datatype) if p == pred else o) for s, p, o in triples]

    return mutate


def _second_value(pred: Node, make: Callable[[Node], Node]) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        extra = [(s, p, make(o)) for s, p, o in triples if p == pred]
        assert extra
        return triples + extra

    return mutate


def _swap_offsets(triples: list[Triple]) -> list[Triple]:
    swapped = {OA.start: OA.end, OA.end: OA.start}
    return [(s, swapped.get(p, p), o) if p in swapped else (s, p, o) for s, p, o in triples]  # type: ignore[call-overload]


def _untype(cls: URIRef) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        typed = [t for t in triples if t[1] == RDF.type and t[2] == cls]
        assert typed
        return [t for t in triples if t not in set(typed[::3])]

    return mutate


def _replace_object(pred: Node, new: Node) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        assert any(p == pred for _, p, _ in triples)
        return [(s, p, new if p == pred else o) for s, p, o in triples]

    return mutate


MUTATIONS: dict[str, Mutation] = {
    "labels-removed": _drop(RDFS.label, every=7),
    "dates-as-strings": _retype(DCTERMS.date, None),
    "offsets-as-strings": _retype(OA.start, vocab.XSD.string),
    "second-member": _second_value(ORG.member, lambda o: URIRef(str(o) + "-twin")),
    "second-end": _second_value(OA.end, lambda o: Literal(-1)),
    "start-after-end": _swap_offsets,
    "annotations-untyped": _untype(OA.Annotation),
    "rating-off-list": _replace_object(GOVKG.rating, GOVKG.province),
    "reasons-too-short": _retype(GOVKG.inferredBecause, vocab.XSD.integer),
    "quotes-removed": _drop(OA.exact, every=5),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_broken_real_graph_gives_the_same_violations(built: BuildResult, name: str) -> None:
    broken = MUTATIONS[name](list(built.triples))
    reference = validate(graph_of(broken), shapes())
    assert reference, f"{name} was meant to break a rule"
    assert validate_fast(broken, compiled()) == reference


@pytest.mark.slow
def test_generated_project_gives_the_same_violations(tmp_path: Path) -> None:
    root = generate(tmp_path / "r5", 5, seed=3)
    graphs = build_graphs(load_all(Project.at(root, tmp_path / "out")), DEFAULT_BASE_IRI)
    triples = [t for g in graphs for t in g.triples]
    assert validate_fast(triples, compiled()) == validate(graph_of(triples), shapes()) == []
    broken = [(s, p, o) for s, p, o in triples if p != RDFS.label or hash(s) % 5]
    reference = validate(graph_of(broken), shapes())
    assert reference
    assert validate_fast(broken, compiled()) == reference


# ------------------------------------------------------------------ constructs outside the subset are refused

SHAPE_HEADER = PREFIXES + "@prefix t: <https://example.org/test#> .\n"

UNSUPPORTED: dict[str, tuple[str, str]] = {
    "sh:node": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:knows ; sh:node t:T ; sh:message 'm' ] .",
        "sh:node",
    ),
    "sequence path": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property ["
        "sh:path ( foaf:knows foaf:name ) ; sh:minCount 1 ; sh:message 'm' ] .",
        "a property path (sh:path must be one IRI)",
    ),
    "inverse path": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path [ sh:inversePath foaf:knows ] ; sh:message 'm' ] .",
        "a property path (sh:path must be one IRI)",
    ),
    "sh:targetNode": (
        "t:S a sh:NodeShape ; sh:targetNode t:x ; sh:property [ sh:path foaf:name ; sh:minCount 1 ; sh:message 'm' ] .",
        "sh:targetNode",
    ),
    "node-level constraint": ("t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:class foaf:Agent .", "sh:class"),
    "no message": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ; sh:minCount 1 ] .",
        "without sh:message",
    ),
    "node kind literal": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ; sh:nodeKind sh:Literal ; sh:message 'm' ] .",
        "sh:nodeKind sh:Literal",
    ),
    "or of datatypes": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ; "
        "sh:or ( [ sh:datatype xsd:string ] [ sh:class foaf:Agent ] ) ; sh:message 'm' ] .",
        "sh:datatype inside sh:or",
    ),
    "pattern flags": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ;"
        "sh:pattern '^a' ; sh:flags 'i' ; sh:message 'm' ] .",
        "sh:flags",
    ),
    "implicit class target": (
        "t:S a sh:NodeShape , rdfs:Class ; sh:property [ sh:path foaf:name ; sh:message 'm' ] .",
        "rdf:type rdfs:Class",
    ),
    "severity": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ;"
        "sh:minCount 1 ; sh:severity sh:Warning ; sh:message 'm' ] .",
        "sh:severity",
    ),
    "top-level property shape": (
        "t:S a sh:PropertyShape ; sh:targetClass foaf:Person ; sh:path foaf:name ; sh:minCount 1 ; sh:message 'm' .",
        "sh:PropertyShape",
    ),
    "empty or": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ; sh:or () ; sh:message 'm' ] .",
        "an empty sh:or list",
    ),
    "two datatypes": (
        "t:S a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:name ;"
        "sh:datatype xsd:string , xsd:token ; sh:message 'm' ] .",
        "sh:datatype given 2 times",
    ),
}


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_unsupported_construct_is_refused(name: str) -> None:
    turtle, construct = UNSUPPORTED[name]
    graph = Graph().parse(data=SHAPE_HEADER + turtle, format="turtle")
    with pytest.raises(UnsupportedShape) as caught:
        compile_shapes(graph)
    assert construct in caught.value.construct
    assert str(caught.value).startswith("shape ")
    assert caught.value.shape == "S" or caught.value.shape.startswith("S, property shape ")


def test_refusal_message_names_shape_and_construct() -> None:
    graph = Graph().parse(data=SHAPE_HEADER + UNSUPPORTED["sh:node"][0], format="turtle")
    with pytest.raises(UnsupportedShape) as caught:
        compile_shapes(graph)
    message = str(caught.value)
    assert message.startswith("shape S, property shape on foaf:knows: sh:node is not supported by the fast SHACL validator (")
    assert message.endswith("); validate with govkg.validate.validate (pySHACL) instead")


def test_shapes_without_targets_and_annotations_are_ignored() -> None:
    # pySHACL gives no result for a shape nothing targets, so an unsupported construct there is harmless.
    extended = Graph()
    extended += shapes()
    extended.parse(
        data=SHAPE_HEADER
        + "t:Unused a sh:NodeShape ; sh:node t:Other ; sh:closed true ; sh:property [ sh:path ( foaf:knows foaf:name ) ] .\n"
        + "t:Named a sh:NodeShape ; rdfs:comment 'one' , 'two' ; sh:targetClass foaf:Person ; "
        + "sh:property [ rdfs:comment 'a' , 'b' ; sh:path foaf:name ; sh:maxCount 1 ; sh:message 'one name' ] .",
        format="turtle",
    )
    data = with_context(path=HERE / "invalid" / "PersonHasName-no-name.ttl")
    data.parse(data=PREFIXES + "ex:person foaf:name 'A' , 'B' .", format="turtle")
    reference = validate(data, extended)
    assert {v.shape for v in reference} == {"PersonHasName", "Named"}
    assert validate_fast(data, compile_shapes(extended)) == reference
