"""A fast SHACL validator for the part of SHACL Core that ``ontology/shapes.ttl`` uses.

pySHACL (:func:`govkg.validate.validate`) stays the reference; this module gives the same
:class:`~govkg.validate.Violation` list in a fraction of the time, by indexing the triples once in
plain dicts and sets and checking each compiled shape against the index.

Supported, and nothing else (:func:`compile_shapes` refuses any other construct by name):

- node shapes with ``sh:targetClass`` and ``sh:targetSubjectsOf`` (any number of each) and
  ``sh:property``; no constraint on the node shape itself;
- property shapes whose ``sh:path`` is one IRI, with exactly one ``sh:message`` and any of
  ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:in``, ``sh:or`` (a list of
  shapes that only hold ``sh:class``), ``sh:nodeKind sh:IRI``, ``sh:minLength``, ``sh:pattern``
  (without ``sh:flags``), ``sh:minInclusive``, ``sh:lessThan``, and ``sh:qualifiedValueShape``
  (a shape that only holds ``sh:class``) with ``sh:qualifiedMinCount`` / ``sh:qualifiedMaxCount``.

Semantics follow pySHACL 0.40 with ``inference="none"``, result for result:

- ``sh:class X``: the value has ``rdf:type`` X or a type that is ``rdfs:subClassOf*`` X *in the
  data graph*; targets by class take instances of subclasses the same way. A govkg graph holds no
  ``rdfs:subClassOf`` triples (the ontology is not part of it, and ``tests/test_fastshacl.py``
  checks this), so in practice only asserted types count.
- ``sh:datatype``: a literal with neither datatype nor language is ``xsd:string``; a
  language-tagged one is ``rdf:langString``; an ill-typed literal (rdflib's ``Literal.ill_typed``,
  such as ``"abc"^^xsd:integer``) never matches; for the XSD types pySHACL knows, the literal's
  Python value must also have the matching type.
- ``sh:minInclusive``: a string value against a non-string bound (or the other way round), an IRI,
  a blank node and values rdflib cannot compare all fail; otherwise rdflib's literal order.
- ``sh:lessThan``: one result for each (value, other value) pair that is not in order; IRIs and
  string literals compare as strings, a string against a non-string always fails; a blank node
  raises ``ValueError`` (pySHACL stops with an error there too).
- ``sh:minLength`` and ``sh:pattern`` (``re.search``) use the string form of the value (the
  lexical form of a literal, the IRI of an IRI); a blank node fails both.
- one result per failing value for value constraints, one per focus node for counts.
- a shape that nothing targets (the ``[ sh:class X ]`` inside ``sh:or``, an unused shape) gives
  no result on its own and is not compiled, so what it holds does not matter.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from govkg.validate import Violation
from govkg.vocab import OWL, RDF, RDFS, SH, XSD

ValueTest = Callable[[Node], bool]
Triple = tuple[Node, Node, Node]

NODE_SHAPE_KEYS = frozenset({SH.targetClass, SH.targetSubjectsOf, SH.property, SH.message, SH.name, SH.description})
"""SHACL predicates a node shape may carry (sh:message on a node shape is never reported: it holds no constraint)."""

PROPERTY_SHAPE_KEYS = frozenset(
    {
        SH.path,
        SH.message,
        SH.minCount,
        SH.maxCount,
        SH["class"],
        SH.datatype,
        SH["in"],
        SH["or"],
        SH.nodeKind,
        SH.minLength,
        SH.pattern,
        SH.minInclusive,
        SH.lessThan,
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH.qualifiedMaxCount,
        SH.qualifiedValueShapesDisjoint,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
    }
)
"""SHACL predicates a property shape may carry."""

TARGET_KEYS = (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf)

REPEATABLE = frozenset({SH["class"]})
"""Parameters that may appear more than once on one property shape (each is checked on its own)."""

SUPPORTED = (
    "sh:targetClass, sh:targetSubjectsOf, sh:property; property shapes with one IRI sh:path, one sh:message and "
    "sh:minCount, sh:maxCount, sh:class, sh:datatype, sh:in, sh:or of [sh:class] shapes, sh:nodeKind sh:IRI, "
    "sh:minLength, sh:pattern, sh:minInclusive, sh:lessThan, sh:qualifiedValueShape [sh:class] with "
    "sh:qualifiedMinCount/sh:qualifiedMaxCount"
)


class UnsupportedShape(ValueError):
    """The shapes graph uses a SHACL construct the fast validator does not implement.

    The message names the shape, the construct, and says to validate with pySHACL instead.
    """

    def __init__(self, shape: str, construct: str) -> None:
        self.shape = shape
        self.construct = construct
        super().__init__(
            f"shape {shape}: {construct} is not supported by the fast SHACL validator "
            f"(it supports {SUPPORTED}); validate with govkg.validate.validate (pySHACL) instead"
        )


@dataclass(frozen=True)
class PropertyCheck:
    """One compiled property shape: what to read from the focus node and what must hold of it."""

    shape: str
    path: URIRef
    message: str
    min_count: int | None = None
    max_count: int | None = None
    classes: tuple[URIRef, ...] = ()
    datatype: URIRef | None = None
    in_values: frozenset[Node] | None = None
    or_branches: tuple[tuple[URIRef, ...], ...] | None = None
    node_kind_iri: bool = False
    min_length: int | None = None
    pattern: re.Pattern[str] | None = None
    min_inclusive: Literal | None = None
    less_than: URIRef | None = None
    qualified_classes: tuple[URIRef, ...] | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None


@dataclass(frozen=True)
class NodeShapeCheck:
    """One compiled node shape: how to find its focus nodes, and its property shapes."""

    name: str
    target_classes: tuple[URIRef, ...]
    target_subjects_of: tuple[URIRef, ...]
    properties: tuple[PropertyCheck, ...]


@dataclass(frozen=True)
class CompiledShapes:
    """A shapes graph compiled by :func:`compile_shapes` for :func:`validate_fast`."""

    shapes: tuple[NodeShapeCheck, ...]
    predicates: frozenset[Node] = field(default=frozenset())
    """Every predicate the checks read (paths, sh:lessThan, sh:targetSubjectsOf); the index keeps only these."""


# ------------------------------------------------------------------ compiling the shapes graph


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Read a shapes graph into checks :func:`validate_fast` can run.

    Args:
        shapes: The SHACL shapes graph (for govkg, ``ontology/shapes.ttl`` parsed).

    Returns:
        The compiled node shapes, in IRI order.

    Raises:
        UnsupportedShape: when a shape uses anything outside the supported subset (a property
            path, sh:node, sh:targetNode, a constraint on a node shape, a property shape without
            its own sh:message...), naming the shape and the construct.

    """
    candidates: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for key in (*TARGET_KEYS, SH.property, SH.path):
        candidates.update(shapes.subjects(key, None))
    # A shape without targets (such as the [ sh:class X ] inside sh:or) gives no result on its own, in pySHACL too.
    roots = [node for node in candidates if _targeted(shapes, node)]
    compiled = [_node_shape(shapes, node) for node in sorted(roots, key=str)]
    predicates: set[Node] = set()
    for shape in compiled:
        predicates.update(shape.target_subjects_of)
        for check in shape.properties:
            predicates.add(check.path)
            if check.less_than is not None:
                predicates.add(check.less_than)
    return CompiledShapes(tuple(compiled), frozenset(predicates))


def _targeted(shapes: Graph, node: Node) -> bool:
    if any(shapes.value(node, key) is not None for key in TARGET_KEYS):
        return True
    return any(cls in (RDFS.Class, OWL.Class) for cls in shapes.objects(node, RDF.type))  # implicit class targets


def _local(node: Node) -> str:
    return str(node).split("#")[-1]


def _qname(shapes: Graph, node: Node) -> str:
    return node.n3(shapes.namespace_manager) if isinstance(node, URIRef) else str(node)


def _node_shape(shapes: Graph, node: Node) -> NodeShapeCheck:
    label = _local(node) if isinstance(node, URIRef) else "anonymous shape"
    for pred, obj in shapes.predicate_objects(node):
        if pred == RDF.type and obj != SH.NodeShape:
            # Another type (sh:PropertyShape, rdfs:Class...) means implicit class targets or a top-level property shape.
            raise UnsupportedShape(label, f"rdf:type {_qname(shapes, obj)}")
        if str(pred).startswith(str(SH)) and pred not in NODE_SHAPE_KEYS:
            raise UnsupportedShape(label, _qname(shapes, pred))
    target_classes = sorted(shapes.objects(node, SH.targetClass), key=str)
    subjects_of = sorted(shapes.objects(node, SH.targetSubjectsOf), key=str)
    for target in (*target_classes, *subjects_of):
        if not isinstance(target, URIRef):
            raise UnsupportedShape(label, f"a target that is not an IRI ({target})")
    name = _local(node) if isinstance(node, URIRef) else "anonymous shape"
    props = [_property_shape(shapes, prop, name if isinstance(node, URIRef) else None) for prop in shapes.objects(node, SH.property)]
    props.sort(key=lambda p: (str(p.path), p.message))
    return NodeShapeCheck(
        name=name,
        target_classes=tuple(t for t in target_classes if isinstance(t, URIRef)),
        target_subjects_of=tuple(t for t in subjects_of if isinstance(t, URIRef)),
        properties=tuple(props),
    )


def _property_shape(shapes: Graph, prop: Node, parent_name: str | None) -> PropertyCheck:
    first_path = shapes.value(prop, SH.path)
    on = f"on {_qname(shapes, first_path)}" if isinstance(first_path, URIRef) else "with a property path"
    label = f"{parent_name or 'anonymous shape'}, property shape {on}"
    parents = set(shapes.subjects(SH.property, prop))
    if not isinstance(prop, URIRef) and len(parents) > 1:
        raise UnsupportedShape(label, "a blank-node property shape shared by several node shapes")
    # pySHACL names a result after its property shape; govkg.validate takes a blank one's named parent.
    name = _local(prop) if isinstance(prop, URIRef) else parent_name or "anonymous shape"
    counts: dict[Node, int] = {}
    for pred, obj in shapes.predicate_objects(prop):
        if pred == RDF.type and obj != SH.PropertyShape:
            raise UnsupportedShape(label, f"rdf:type {_qname(shapes, obj)}")
        if pred == RDF.type:
            continue
        if str(pred).startswith(str(SH)) and pred not in PROPERTY_SHAPE_KEYS:
            raise UnsupportedShape(label, _qname(shapes, pred))
        if str(pred).startswith(str(SH)):
            counts[pred] = counts.get(pred, 0) + 1
    for pred, count in counts.items():
        if count > 1 and pred not in REPEATABLE:
            raise UnsupportedShape(label, f"{_qname(shapes, pred)} given {count} times")

    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(
            label, "a property path (sh:path must be one IRI)" if path is not None else "a property shape without sh:path"
        )
    message = shapes.value(prop, SH.message)
    if message is None:
        raise UnsupportedShape(label, "a property shape without sh:message (pySHACL would make up the message)")

    def integer(key: URIRef) -> int | None:
        value = shapes.value(prop, key)
        if value is None:
            return None
        if not isinstance(value, Literal) or type(value.value) is not int or value.value < 0:
            raise UnsupportedShape(label, f"{_qname(shapes, key)} {value} (not a non-negative integer)")
        return int(value.value)

    def iri(key: URIRef) -> URIRef | None:
        value = shapes.value(prop, key)
        if value is not None and not isinstance(value, URIRef):
            raise UnsupportedShape(label, f"{_qname(shapes, key)} {value} (not an IRI)")
        return value

    classes = sorted(shapes.objects(prop, SH["class"]), key=str)
    if any(not isinstance(c, URIRef) for c in classes):
        raise UnsupportedShape(label, "sh:class that is not an IRI")

    in_node = shapes.value(prop, SH["in"])
    in_values = None if in_node is None else frozenset(_list(shapes, in_node, label, "sh:in"))

    or_node = shapes.value(prop, SH["or"])
    or_branches = None
    if or_node is not None:
        or_branches = tuple(_class_only_shape(shapes, branch, label, "sh:or") for branch in _list(shapes, or_node, label, "sh:or"))

    node_kind = shapes.value(prop, SH.nodeKind)
    if node_kind is not None and node_kind != SH.IRI:
        raise UnsupportedShape(label, f"sh:nodeKind {_qname(shapes, node_kind)} (only sh:IRI)")

    pattern_node = shapes.value(prop, SH.pattern)
    pattern = None
    if pattern_node is not None:
        if not isinstance(pattern_node, Literal):
            raise UnsupportedShape(label, "sh:pattern that is not a literal")
        pattern = re.compile(str(pattern_node))

    minimum = shapes.value(prop, SH.minInclusive)
    if minimum is not None and not isinstance(minimum, Literal):
        raise UnsupportedShape(label, "sh:minInclusive that is not a literal")

    qualified_node = shapes.value(prop, SH.qualifiedValueShape)
    qualified = None if qualified_node is None else _class_only_shape(shapes, qualified_node, label, "sh:qualifiedValueShape")
    disjoint = shapes.value(prop, SH.qualifiedValueShapesDisjoint)
    if disjoint is not None and not (isinstance(disjoint, Literal) and disjoint.value is False):
        raise UnsupportedShape(label, "sh:qualifiedValueShapesDisjoint true")
    q_min, q_max = integer(SH.qualifiedMinCount), integer(SH.qualifiedMaxCount)
    if qualified is None and (q_min is not None or q_max is not None):
        raise UnsupportedShape(label, "sh:qualifiedMinCount/sh:qualifiedMaxCount without sh:qualifiedValueShape")

    return PropertyCheck(
        shape=name,
        path=path,
        message=str(message),
        min_count=integer(SH.minCount),
        max_count=integer(SH.maxCount),
        classes=tuple(c for c in classes if isinstance(c, URIRef)),
        datatype=iri(SH.datatype),
        in_values=in_values,
        or_branches=or_branches,
        node_kind_iri=node_kind is not None,
        min_length=integer(SH.minLength),
        pattern=pattern,
        min_inclusive=minimum,
        less_than=iri(SH.lessThan),
        qualified_classes=qualified,
        qualified_min=q_min,
        qualified_max=q_max,
    )


def _list(shapes: Graph, head: Node, label: str, key: str) -> list[Node]:
    if head != RDF.nil and shapes.value(head, RDF.first) is None:
        raise UnsupportedShape(label, f"{key} whose value is not an RDF list")
    items = list(Collection(shapes, head))
    if key == "sh:or" and not items:
        raise UnsupportedShape(label, "an empty sh:or list")
    return items


def _class_only_shape(shapes: Graph, node: Node, label: str, key: str) -> tuple[URIRef, ...]:
    """The classes of a shape used inside ``sh:or`` or ``sh:qualifiedValueShape``: it may hold sh:class only."""
    classes: list[URIRef] = []
    for pred, obj in shapes.predicate_objects(node):
        if pred == SH["class"] and isinstance(obj, URIRef):
            classes.append(obj)
        elif pred == RDF.type and obj == SH.NodeShape:
            continue
        elif str(pred).startswith(str(SH)) or pred == RDF.type:
            raise UnsupportedShape(label, f"{_qname(shapes, pred)} inside {key} (only [ sh:class X ] shapes)")
    if not classes:
        raise UnsupportedShape(label, f"a shape inside {key} without sh:class")
    return tuple(sorted(classes, key=str))


# ------------------------------------------------------------------ the data index


_VALUE, _TYPE, _SUBCLASS = 1, 2, 4


class _Index:
    """The triples the shapes read, in dicts: subject → predicate → objects, and class → instances."""

    def __init__(self, triples: Iterable[Triple], predicates: frozenset[Node]) -> None:
        values: dict[Node, dict[Node, list[Node]]] = {}
        instances: dict[Node, set[Node]] = {}
        subclass_of: dict[Node, set[Node]] = {}
        # One dict lookup per triple: comparing rdflib terms with == runs Python code, a dict probe mostly does not.
        kind: dict[Node, int] = dict.fromkeys(predicates, _VALUE)
        kind[RDF.type] = kind.get(RDF.type, 0) | _TYPE
        kind[RDFS.subClassOf] = kind.get(RDFS.subClassOf, 0) | _SUBCLASS
        # Keyed by the data's own predicate objects, which a graph mostly shares: then a probe is an identity check.
        seen: dict[Node, int] = {}
        for s, p, o in triples:
            k = seen.get(p)
            if k is None:
                k = seen[p] = kind.get(p, 0)
            if not k:
                continue
            if k & _VALUE:
                by_pred = values.get(s)
                if by_pred is None:
                    values[s] = {p: [o]}
                else:
                    objects = by_pred.get(p)
                    if objects is None:
                        by_pred[p] = [o]
                    else:
                        objects.append(o)
            if k & _TYPE:
                members = instances.get(o)
                if members is None:
                    instances[o] = {s}
                else:
                    members.add(s)
            elif k & _SUBCLASS:
                subclass_of.setdefault(o, set()).add(s)
        self.values = values
        self.predicates: dict[Node, Node] = {p: p for p in seen}
        self._instances = instances
        self._subclasses = subclass_of
        self._closed: dict[Node, frozenset[Node] | set[Node]] = {}

    def instances(self, cls: Node) -> frozenset[Node] | set[Node]:
        """Every node typed ``cls``, or a class that is ``rdfs:subClassOf*`` it in the data."""
        cached = self._closed.get(cls)
        if cached is not None:
            return cached
        found: frozenset[Node] | set[Node] = self._instances.get(cls, frozenset())
        if self._subclasses:
            below, todo = {cls}, [cls]
            while todo:
                for sub in self._subclasses.get(todo.pop(), ()):
                    if sub not in below:
                        below.add(sub)
                        todo.append(sub)
            if len(below) > 1:
                found = set().union(*(self._instances.get(c, ()) for c in below))
        self._closed[cls] = found
        return found


# ------------------------------------------------------------------ value tests (pySHACL semantics)


_VALUE_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: dt.date,
    XSD.time: dt.time,
    XSD.dateTime: dt.datetime,
}
"""The XSD types whose Python value pySHACL checks; a literal of any other datatype only has to be well-typed."""


def _datatype_test(rule: URIRef) -> ValueTest:
    expected = _VALUE_TYPES.get(rule)
    any_literal, any_typed = rule == RDFS.Literal, rule == RDFS.Datatype
    plain_ok, tagged_ok = rule == XSD.string, rule == RDF.langString

    def test(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        datatype = v.datatype
        if datatype is not None and datatype == rule:
            return v.ill_typed is not True and (expected is None or isinstance(v.value, expected))
        if any_literal or (any_typed and datatype):
            return True
        if (plain_ok and datatype is None and v.language is None) or (tagged_ok and v.language):
            return expected is None or isinstance(v.value, expected)
        return False

    return test


def _string_form(v: Node) -> str:
    if isinstance(v, Literal) and v.value is not None and v.datatype in (None, RDF.langString, XSD.string):
        return str(v.value)
    return str(v)


def _min_length_test(length: int) -> ValueTest:
    def test(v: Node) -> bool:
        return length == 0 or (not isinstance(v, BNode) and len(_string_form(v)) >= length)

    return test


def _pattern_test(pattern: re.Pattern[str]) -> ValueTest:
    def test(v: Node) -> bool:
        return not isinstance(v, BNode) and pattern.search(_string_form(v)) is not None

    return test


def _at_least(v: Literal, bound: Literal) -> bool:
    """``bound <= v`` as pySHACL decides it (rdflib's literal order; incomparable values fail)."""
    value, limit = v.value, bound.value
    if type(value) is int and type(limit) is int:
        return value >= limit
    try:
        if v.eq(bound):
            return True
        if type(value) in (dt.datetime, dt.time):
            return bool(value == limit or value > limit)
        return bool(v > bound)
    except (TypeError, NotImplementedError):
        return False


def _min_inclusive_test(bound: Literal) -> ValueTest:
    bound_is_string = isinstance(bound.value, str)

    def test(v: Node) -> bool:
        if not isinstance(v, Literal) or isinstance(v.value, str) != bound_is_string:
            return False
        return _at_least(v, bound)

    return test


def _in_order(value: Node, other: Node) -> bool:
    """Whether ``value < other`` for sh:lessThan, as pySHACL decides it."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        raise ValueError("sh:lessThan cannot compare a blank node")
    if type(value) is Literal and type(other) is Literal and type(value.value) is int and type(other.value) is int:
        return bool(value.value < other.value)
    left, left_is_string = _comparable(value)
    right, right_is_string = _comparable(other)
    if left_is_string != right_is_string:
        return False
    try:
        return bool(left < right)  # type: ignore[operator]
    except TypeError:
        return False


def _comparable(node: Node) -> tuple[object, bool]:
    """What sh:lessThan compares: the string of an IRI or string literal (flagged as a string), else the term."""
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def _value_tests(prop: PropertyCheck, index: _Index) -> list[ValueTest]:
    """One test per value constraint of ``prop``; each failing test is one result for that value."""
    tests: list[ValueTest] = []
    for cls in prop.classes:
        members = index.instances(cls)
        tests.append(members.__contains__)
    if prop.datatype is not None:
        tests.append(_datatype_test(prop.datatype))
    if prop.in_values is not None:
        tests.append(prop.in_values.__contains__)
    if prop.or_branches is not None:
        branches = [[index.instances(c) for c in branch] for branch in prop.or_branches]
        tests.append(lambda v: any(all(v in members for members in branch) for branch in branches))
    if prop.node_kind_iri:
        tests.append(lambda v: isinstance(v, URIRef))
    if prop.min_length is not None:
        tests.append(_min_length_test(prop.min_length))
    if prop.pattern is not None:
        tests.append(_pattern_test(prop.pattern))
    if prop.min_inclusive is not None:
        tests.append(_min_inclusive_test(prop.min_inclusive))
    return tests


# ------------------------------------------------------------------ validation


def _distinct(values: list[Node]) -> Sequence[Node]:
    return values if len(values) < 2 else list(dict.fromkeys(values))


def validate_fast(triples: Iterable[Triple], compiled: CompiledShapes) -> list[Violation]:
    """Validate ``triples`` against compiled shapes; the same list as :func:`govkg.validate.validate`.

    Args:
        triples: The data graph's triples (a list, a generator, or an rdflib ``Graph``);
            duplicates count once, as in a graph.
        compiled: Shapes from :func:`compile_shapes`.

    Returns:
        Every violation, sorted by focus, shape, path and message (empty when the data conforms).

    """
    # The index is millions of small dicts, lists and sets without reference cycles; the cyclic
    # garbage collector would walk all of them again and again while they are made (a third of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _validate(triples, compiled)
    finally:
        if collecting:
            gc.enable()


def _validate(triples: Iterable[Triple], compiled: CompiledShapes) -> list[Violation]:
    index = _Index(triples, compiled.predicates)
    values = index.values
    canonical = index.predicates
    empty: dict[Node, list[Node]] = {}
    found: list[Violation] = []
    for shape in compiled.shapes:
        if not shape.properties:
            continue
        focus: set[Node] = set()
        for cls in shape.target_classes:
            focus.update(index.instances(cls))
        for pred in shape.target_subjects_of:
            key = canonical.get(pred, pred)
            focus.update(s for s, by_pred in values.items() if key in by_pred)
        if not focus:
            continue
        plans = [
            (
                prop,
                canonical.get(prop.path, prop.path),
                None if prop.less_than is None else canonical.get(prop.less_than, prop.less_than),
                _value_tests(prop, index),
            )
            for prop in shape.properties
        ]
        for node in focus:
            by_pred = values.get(node, empty)
            for prop, path, less_than, tests in plans:
                raw = by_pred.get(path)
                vals: Sequence[Node] = () if raw is None else _distinct(raw)
                failures = _failures(prop, tests, vals, by_pred.get(less_than) if less_than is not None else None, index)
                if failures:
                    violation = Violation(focus=str(node), shape=prop.shape, path=str(prop.path), message=prop.message)
                    found.extend([violation] * failures)
    return sorted(found, key=lambda v: (v.focus, v.shape, v.path, v.message))


def _failures(prop: PropertyCheck, tests: list[ValueTest], vals: Sequence[Node], compared: list[Node] | None, index: _Index) -> int:
    """How many SHACL results ``prop`` gives for one focus node whose values are ``vals``."""
    failures = 0
    count = len(vals)
    if prop.min_count is not None and count < prop.min_count:
        failures += 1
    if prop.max_count is not None and count > prop.max_count:
        failures += 1
    if count:
        for test in tests:
            for v in vals:
                if not test(v):
                    failures += 1
    if prop.less_than is not None and count:
        others = _distinct(compared or [])
        failures += sum(1 for v in vals for w in others if not _in_order(v, w))
    if prop.qualified_classes is not None:
        failures += _qualified_failures(prop, vals, index)
    return failures


def _qualified_failures(prop: PropertyCheck, vals: Sequence[Node], index: _Index) -> int:
    assert prop.qualified_classes is not None
    sets = [index.instances(c) for c in prop.qualified_classes]
    conforming = sum(1 for v in vals if all(v in s for s in sets))
    failures = 0
    if prop.qualified_max is not None and conforming > prop.qualified_max:
        failures += 1
    if prop.qualified_min is not None and conforming < prop.qualified_min:
        failures += 1
    return failures
