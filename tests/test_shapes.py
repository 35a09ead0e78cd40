"""Valid and invalid examples for every SHACL shape in ontology/shapes.ttl.

Each example in ``tests/shapes/valid`` and ``tests/shapes/invalid`` is named after the shape it is
about (``<Shape>.ttl`` or ``<Shape>-<what>.ttl``) and is merged with ``tests/shapes/context.ttl``,
a small world that conforms on its own. An invalid example's header says what is wrong and, on a
line ``# expect: <message>``, the sh:message the shape must report.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.term import Node

from govkg.validate import Violation, load_shapes, validate
from govkg.vocab import RDF, SH

HERE = Path(__file__).parent / "shapes"
ROOT = Path(__file__).resolve().parents[1]
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
SHAPE_NS = "https://example.org/govkg/shapes#"

VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))


@cache
def shapes() -> Graph:
    return load_shapes(SHAPES_FILE)


def named_shapes() -> list[str]:
    """The local names of every named node shape (shape:*) in the shapes file."""
    names = (str(s) for s in shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
    return sorted(name.removeprefix(SHAPE_NS) for name in names if name.startswith(SHAPE_NS))


def shape_of(path: Path) -> str:
    return path.stem.split("-", 1)[0]


def parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def with_context(path: Path) -> Graph:
    graph = parse(HERE / "context.ttl")
    graph += parse(path)
    return graph


def expected_message(path: Path) -> str:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect: ")]
    assert len(lines) == 1, f"{path.name} needs exactly one '# expect: <sh:message>' line"
    return lines[0].removeprefix("# expect: ")


def focus_nodes(shape: str, data: Graph) -> set[Node]:
    """The nodes ``shape`` targets in ``data``, from its sh:target* declarations."""
    graph, node = shapes(), URIRef(SHAPE_NS + shape)
    found: set[Node] = set(graph.objects(node, SH.targetNode))
    for cls in graph.objects(node, SH.targetClass):
        found.update(data.subjects(RDF.type, cls))
    for prop in graph.objects(node, SH.targetSubjectsOf):
        found.update(data.subjects(prop, None))
    for prop in graph.objects(node, SH.targetObjectsOf):
        found.update(data.objects(None, prop))
    return found


def ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_examples_are_found() -> None:
    assert VALID, f"no valid examples in {HERE / 'valid'}"
    assert INVALID, f"no invalid examples in {HERE / 'invalid'}"
    assert len(named_shapes()) >= 30, "the shapes file lost its named shapes, or the glob does not find them"


@pytest.mark.parametrize("shape", named_shapes())
def test_every_shape_has_valid_and_invalid_examples(shape: str) -> None:
    assert [p for p in VALID if shape_of(p) == shape], f"no valid example for shape:{shape}: add valid/{shape}.ttl"
    assert [p for p in INVALID if shape_of(p) == shape], f"no invalid example for shape:{shape}: add invalid/{shape}-<what>.ttl"


def declared_messages(shape: str) -> set[str]:
    """The sh:message of every property shape of ``shape`` (and of the node shape itself)."""
    graph, node = shapes(), URIRef(SHAPE_NS + shape)
    owners = [node, *graph.objects(node, SH.property)]
    return {str(message) for owner in owners for message in graph.objects(owner, SH.message)}


@pytest.mark.parametrize("shape", named_shapes())
def test_every_rule_of_a_shape_is_broken_by_some_invalid_example(shape: str) -> None:
    # A rule no example breaks may be one that cannot fail (a wrong path, a typo in a class).
    expected = {expected_message(p) for p in INVALID if shape_of(p) == shape}
    assert declared_messages(shape), f"shape:{shape} declares no sh:message"
    assert declared_messages(shape) - expected == set(), "add an invalid example for each of these"


@pytest.mark.parametrize("path", VALID + INVALID, ids=ids(VALID + INVALID))
def test_example_is_named_after_a_shape_and_explained(path: Path) -> None:
    assert shape_of(path) in named_shapes(), f"{path.name}: no shape:{shape_of(path)} in {SHAPES_FILE.name}"
    assert path.read_text(encoding="utf-8").startswith("# "), f"{path.name} must open with a comment saying what it shows"


def test_context_conforms() -> None:
    assert validate(parse(HERE / "context.ttl"), shapes()) == []


@pytest.mark.parametrize("path", VALID, ids=ids(VALID))
def test_valid_example_conforms(path: Path) -> None:
    data = with_context(path)
    own_subjects = set(parse(path).subjects())
    targeted = focus_nodes(shape_of(path), data) & own_subjects
    assert targeted, f"{path.name} adds no node that shape:{shape_of(path)} targets, so it tests nothing"
    assert validate(data, shapes()) == []


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_invalid_example_fails_on_its_shape(path: Path) -> None:
    shape = shape_of(path)
    example = parse(path)
    violations = validate(with_context(path), shapes())
    assert violations, f"{path.name} conforms, but should break shape:{shape}"
    assert {v.shape for v in violations} == {shape}, "\n".join(map(str, violations))
    assert {v.message for v in violations} == {expected_message(path)}
    assert {URIRef(v.focus) for v in violations} <= set(example.subjects()), "the violation is not about the example's own nodes"


def test_a_violation_names_its_shape_and_message() -> None:
    path = HERE / "invalid" / "PostHoldingLinksPersonPostAndDate-missing-date.ttl"
    [violation] = validate(with_context(path), shapes())
    assert violation == Violation(
        focus="https://example.org/govkg/id/test/holding",
        shape="PostHoldingLinksPersonPostAndDate",
        path="https://example.org/govkg/ontology#reportedOn",
        message=expected_message(path),
    )


def test_real_graph_conforms(kg: Graph) -> None:
    assert len(kg) > 1000
    assert validate(kg, shapes()) == []


def test_every_property_shape_says_what_is_wrong() -> None:
    # The coverage test above counts rules by their sh:message, so a rule without one would escape it.
    graph = shapes()
    props = [prop for shape in named_shapes() for prop in graph.objects(URIRef(SHAPE_NS + shape), SH.property)]
    assert len(props) > 70
    silent = [str(prop) for prop in props if graph.value(prop, SH.message) is None]
    assert silent == []
