"""The view: a networkx projection of the RDF graph, drawn as one self-contained HTML page.

RDF stays the source of truth. :func:`project` turns it into a ``networkx.MultiDiGraph`` under
three tables:

* :data:`KINDS` — which classes are drawn as nodes, and how (colour, shape, where they sit);
* :data:`RELATIONS` — which predicate between two drawn nodes becomes which labelled edge;
* :data:`FACT_EDGES` — which n-ary fact node (a post held, a part in a meeting, a rating, an
  honour) becomes one labelled edge between the two things it links. The fact node itself is not
  drawn: its facts and its quote travel on the edge.

Everything else (quotes, selectors, posts, roles, name attestations, reified statements) is
folded into the facts of the nodes and edges it describes, so clicking anything shows the source
quote of each fact.

:func:`render_html` hands the projection to pyvis for its node, edge and option structures and
writes the page itself, as UTF-8, with vis-network inlined from ``govkg/assets`` (no request
leaves the page) and every string passed as JSON data and shown through ``textContent``.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.term import Node

from govkg.export import atomic_write
from govkg.terms import ntriples_bytes, ntriples_lines
from govkg.vocab import DCTERMS, FOAF, GOVKG, OA, ORG, PROV, RDF, RDFS, SKOS

DEFAULT_NODE_CAP = 1500
"""The most nodes a view draws; a larger projection is cut to its most connected part."""

PHYSICS_MAX_NODES = 600
"""A view with more nodes keeps the positions :func:`layout` gives it: the page's physics over
1,500 nodes and their links would take a browser many seconds to settle."""

SPRING_LAYOUT_MAX = 400
"""Components up to this many nodes get the seeded spring layout (one report's graph is about
150); larger ones get :func:`_kind_layout`, which needs no iterations, and the page then keeps
the positions as they are instead of running its physics."""

VIS_NETWORK_VERSION = "9.1.9"
"""The vis-network release inlined into every page (``assets/vis-network.min.js``, standalone
UMD build from the npm package, dual-licensed Apache-2.0 or MIT)."""


@dataclass(frozen=True)
class Kind:
    """How one kind of node is drawn.

    Args:
        key: A short id, used in the page's data and filters.
        label: The legend's name for the kind.
        color: Fill colour.
        shape: A vis-network shape.
        size: Node size (for shapes that take one).
        font: Label size; the kinds a reader looks for first get the larger labels.
        anchor: Where the kind's nodes start, in layout units around the meeting at (0, 0).
        hub: Hubs are pinned at their anchor while the rest of the layout relaxes around them.

    """

    key: str
    label: str
    color: str
    shape: str
    size: int
    font: int
    anchor: tuple[float, float]
    hub: bool = False


KINDS: dict[URIRef, Kind] = {
    GOVKG.Meeting: Kind("meeting", "Meeting", "#f2b701", "star", 34, 30, (0.0, 0.0), hub=True),
    FOAF.Person: Kind("person", "Person", "#e05a47", "dot", 20, 24, (-0.55, -0.05)),
    ORG.Organization: Kind("organisation", "Organisation", "#3b7dd8", "box", 14, 20, (-1.05, 0.25)),
    GOVKG.Place: Kind("place", "Place", "#6aa84f", "triangle", 16, 20, (-1.0, -0.75)),
    GOVKG.Venue: Kind("venue", "Venue", "#c9a227", "diamond", 10, 14, (0.3, 0.35)),
    GOVKG.ParticipantGroup: Kind("group", "Participant group", "#e89a8d", "dot", 12, 14, (0.15, 0.45)),
    GOVKG.Speech: Kind("speech", "Speech", "#8e44ad", "hexagon", 20, 22, (-0.15, -0.6), hub=True),
    GOVKG.SpeechPoint: Kind("point", "Speech point", "#b07cc6", "dot", 9, 12, (-0.55, -0.95)),
    GOVKG.KeyTask: Kind("key-task", "Key task of a speech", "#9b59b6", "square", 11, 14, (0.2, -1.05)),
    SKOS.Concept: Kind("concept", "Slogan or concept", "#8d8d8d", "dot", 7, 12, (-0.15, -1.35)),
    GOVKG.Initiative: Kind("initiative", "Initiative", "#138d75", "diamond", 20, 22, (0.75, -0.75), hub=True),
    GOVKG.Platform: Kind("platform", "Platform", "#1abc9c", "diamond", 13, 18, (0.95, -1.0)),
    GOVKG.WorkPlan: Kind("work-plan", "Work plan", "#d35400", "box", 16, 22, (0.85, 0.2), hub=True),
    GOVKG.WorkArea: Kind("work-area", "Work area", "#e67e22", "box", 12, 16, (1.25, 0.2)),
    GOVKG.Task: Kind("task", "Task", "#f0b27a", "dot", 7, 11, (1.7, 0.2)),
    GOVKG.Assessment: Kind("assessment", "Assessment", "#2e4053", "hexagon", 20, 20, (-0.55, 0.85), hub=True),
    GOVKG.Honour: Kind("honour", "Honour", "#c0392b", "star", 20, 20, (0.45, 0.9), hub=True),
}
"""Classes drawn as nodes, in order of precedence when a node has several."""


@dataclass(frozen=True)
class Relation:
    """An edge drawn for a predicate between two drawn nodes.

    Args:
        label: The edge's label.
        width: Line width.
        dashes: Dashed line (for links that are context rather than the report's main facts).

    """

    label: str
    width: float = 1.0
    dashes: bool = False


RELATIONS: dict[URIRef, Relation] = {
    GOVKG.within: Relation("within", dashes=True),
    GOVKG.governs: Relation("governs", dashes=True),
    GOVKG.organiser: Relation("organised by"),
    GOVKG.meeting: Relation("at meeting"),
    GOVKG.drawnFrom: Relation("drawn from", dashes=True),
    GOVKG.speaker: Relation("speaker"),
    GOVKG.speech: Relation("part of speech"),
    GOVKG.mentions: Relation("mentions", dashes=True),
    GOVKG.initiative: Relation("part of"),
    GOVKG.workPlan: Relation("area of"),
    GOVKG.workArea: Relation("task of"),
    GOVKG.announcedBy: Relation("announced by", width=2.0),
    GOVKG.announcedAt: Relation("announced at"),
}
"""Which predicate becomes which edge, from subject to object, when both ends are drawn."""


@dataclass(frozen=True)
class FactEdge:
    """An n-ary fact node drawn as one edge.

    Args:
        source: The path of predicates from the fact node to the edge's start.
        target: The path of predicates from the fact node to the edge's end.
        label: The predicate whose object's label names the edge (a role, a rating); if ``None``,
            ``default`` does.
        default: The edge's label when ``label`` is ``None`` or has no value.
        width: Line width.

    """

    source: tuple[URIRef, ...]
    target: tuple[URIRef, ...]
    label: URIRef | None
    default: str
    width: float = 2.0


FACT_EDGES: dict[URIRef, FactEdge] = {
    GOVKG.PostHolding: FactEdge((ORG.member,), (ORG.organization,), ORG.role, "holds a post in", width=3.0),
    GOVKG.MeetingParticipation: FactEdge((GOVKG.participant,), (GOVKG.meeting,), GOVKG.participationRole, "took part in", width=3.0),
    GOVKG.AssessmentResult: FactEdge((GOVKG.assessedSubject,), (GOVKG.assessment,), GOVKG.rating, "rated"),
    GOVKG.HonourAward: FactEdge((GOVKG.recipient,), (GOVKG.conferral, GOVKG.honour), None, "awarded"),
    GOVKG.HonourConferral: FactEdge((GOVKG.honour,), (GOVKG.announcedAt,), None, "conferred at"),
}
"""Which fact node becomes which edge (the fact node's own facts and quote go on the edge)."""

# Properties that are drawn (as edges), or shown elsewhere, and so not listed as a node's facts.
_NOT_FACTS = frozenset(
    {RDF.type, RDFS.label, SKOS.prefLabel, FOAF.name, PROV.wasDerivedFrom, SKOS.inScheme, ORG.hasPost, ORG.holds, ORG.heldBy, ORG.postIn}
    | set(RELATIONS)
)
_PROPERTY_NAMES: dict[URIRef, str] = {
    DCTERMS.date: "date",
    DCTERMS.title: "title",
    DCTERMS.subject: "category",
    ORG.classification: "kind",
    ORG.role: "role",
    GOVKG.placeKind: "kind",
    GOVKG.meetingForm: "form",
    GOVKG.partOfDay: "part of day",
    GOVKG.pointKind: "how the report introduces it",
    GOVKG.statedTaskCount: "tasks the report states",
    GOVKG.statedAreaCount: "areas the report states",
    GOVKG.statedRecipientCount: "recipients the report states",
    GOVKG.asWritten: "as written",
    GOVKG.reportedOn: "reported on",
    GOVKG.inferredBecause: "inferred because",
    GOVKG.note: "curator's note",
    GOVKG.atVenue: "at venue",
    GOVKG.post: "post",
    GOVKG.subjectKind: "subject kind",
    SKOS.altLabel: "also named",
}


@dataclass(frozen=True)
class Quote:
    """A passage of a report, as a Web Annotation's selectors give it."""

    exact: str
    start: int | None
    end: int | None
    report: str

    def as_data(self) -> dict[str, Any]:
        """The quote as JSON-ready data."""
        return {"exact": self.exact, "start": self.start, "end": self.end, "report": self.report}


@dataclass(frozen=True)
class Fact:
    """One statement shown in the view, with the quotes that attest it.

    Args:
        text: The statement in words.
        quotes: The report passages it comes from.
        inferred: Why it was inferred, when the report does not state it in words.

    """

    text: str
    quotes: tuple[Quote, ...] = ()
    inferred: str | None = None

    def as_data(self) -> dict[str, Any]:
        """The fact as JSON-ready data."""
        return {"text": self.text, "quotes": [q.as_data() for q in self.quotes], "inferred": self.inferred}


_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ESCAPES.get(match.group(3), match.group(3))


def _text(token: str) -> str:
    """What ``str()`` of the rdflib term would give: an IRI, or a literal's lexical form."""
    if token[0] == "<":
        return token[1:-1]
    if token[0] == '"':
        body = token[1 : token.rindex('"')]
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body
    return token


def _token(term: URIRef) -> str:
    return f"<{term}>"


_TYPE, _LABEL, _DERIVED = _token(RDF.type), _token(RDFS.label), _token(PROV.wasDerivedFrom)
_LABELS = tuple(_token(p) for p in (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title))
_KIND_OF: dict[str, tuple[int, Kind]] = {_token(cls): (rank, kind) for rank, (cls, kind) in enumerate(KINDS.items())}
_FACT_OF: dict[str, tuple[int, URIRef]] = {_token(cls): (rank, cls) for rank, cls in enumerate(FACT_EDGES)}
_NOT_FACT_TOKENS = frozenset(_token(p) for p in _NOT_FACTS) | {_token(GOVKG.inferredBecause)}
_ONTOLOGY_PREFIX = f"<{GOVKG._NS}"
_TARGET, _SELECTOR, _SOURCE = _token(OA.hasTarget), _token(OA.hasSelector), _token(OA.hasSource)
_EXACT, _START, _END = _token(OA.exact), _token(OA.start), _token(OA.end)
_INFERRED, _NOTE = _token(GOVKG.inferredBecause), _token(GOVKG.note)
_CONCEPT, _IN_SCHEME, _ROLES = _token(SKOS.Concept), _token(SKOS.inScheme), _token(GOVKG.Roles)


class _Index:
    """The graph's triples by subject, as N-Triples tokens, with the look-ups the view needs.

    One pass over canonical N-Triples lines builds it; literals are decoded only when shown.
    """

    def __init__(self, data: bytes) -> None:
        self.spo: dict[str, dict[str, list[str]]] = {}
        spo = self.spo
        last = ""
        current: dict[str, list[str]] = {}
        for line in data.decode("utf-8").split("\n"):
            if not line or line[0] == "#":
                continue
            subject, predicate, rest = line.split(" ", 2)
            if subject != last:
                current = spo.setdefault(subject, {})
                last = subject
            found = current.get(predicate)
            if found is None:
                current[predicate] = [rest[:-2]]
            else:
                found.append(rest[:-2])
        self.named_by: dict[str, list[str]] = defaultdict(list)
        self.stated: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        names, rdf_predicate = _token(GOVKG.names), _token(RDF.predicate)
        rdf_subject, rdf_object = _token(RDF.subject), _token(RDF.object)
        for subject, facts in spo.items():
            for named in facts.get(names, ()):
                self.named_by[named].append(subject)
            for predicate in facts.get(rdf_predicate, ()):
                for about in facts.get(rdf_subject, ()):
                    for obj in facts.get(rdf_object, ()):
                        self.stated[(about, predicate, obj)].append(subject)
        self._quotes: dict[str, tuple[Quote, ...]] = {}
        self._labels: dict[str, str] = {}
        self.skeleton: _Skeleton | None = None

    @classmethod
    def of(cls, graph: bytes | Graph | Iterable[tuple[Node, Node, Node]]) -> _Index:
        """The index of canonical N-Triples bytes, or of rdflib triples (converted to those)."""
        if isinstance(graph, bytes):
            return cls(graph)
        triples = [(s, p, o) for s, p, o in graph if isinstance(s, URIRef) and isinstance(p, URIRef)]
        return cls(ntriples_bytes(ntriples_lines(triples)))

    def value(self, subject: str, predicate: str) -> str | None:
        found = self.spo.get(subject, {}).get(predicate)
        if not found:
            return None
        return found[0] if len(found) == 1 else min(found, key=_text)

    def values(self, subject: str, predicate: str) -> list[str]:
        found = self.spo.get(subject, {}).get(predicate, ())
        return list(found) if len(found) < 2 else sorted(found, key=_text)

    def label(self, node: str) -> str:
        if node in self._labels:
            return self._labels[node]
        facts = self.spo.get(node, {})
        text = next((_text(min(facts[p], key=_text)) for p in _LABELS if p in facts), None)
        if text is None:
            text = _humanise(_text(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        self._labels[node] = text
        return text

    def kind(self, node: str) -> Kind | None:
        if node[0] != "<" or node.startswith(_ONTOLOGY_PREFIX):
            return None  # the ontology's own terms (ratings, roles of meetings…) label edges; they are not data
        facts = self.spo.get(node, {})
        types = facts.get(_TYPE, ())
        ranked = [_KIND_OF[t] for t in types if t in _KIND_OF]
        if not ranked:
            return None
        if _CONCEPT in types and self.value(node, _IN_SCHEME) == _ROLES:
            return None
        return min(ranked, key=lambda r: r[0])[1]

    def fact_class(self, node: str) -> URIRef | None:
        ranked = [_FACT_OF[t] for t in self.spo.get(node, {}).get(_TYPE, ()) if t in _FACT_OF]
        return min(ranked)[1] if ranked else None

    def follow(self, node: str, path: Sequence[URIRef]) -> str | None:
        current: str | None = node
        for predicate in path:
            if current is None:
                return None
            current = self.value(current, _token(predicate))
        return current

    def quotes(self, node: str) -> tuple[Quote, ...]:
        if node not in self._quotes:
            found = [self._quote(ann) for ann in self.values(node, _DERIVED)]
            self._quotes[node] = tuple(sorted((q for q in found if q is not None), key=lambda q: (q.report, q.start or 0, q.exact)))
        return self._quotes[node]

    def _quote(self, annotation: str) -> Quote | None:
        target = self.value(annotation, _TARGET)
        if target is None:
            return None
        exact: str | None = None
        start: int | None = None
        end: int | None = None
        for selector in self.values(target, _SELECTOR):
            text = self.value(selector, _EXACT)
            if text is not None:
                exact = _text(text)
            first, last = self.value(selector, _START), self.value(selector, _END)
            if first is not None and last is not None and first[0] == '"' and last[0] == '"':
                start, end = int(_text(first)), int(_text(last))
        if exact is None:
            return None
        source = self.value(target, _SOURCE)
        return Quote(exact, start, end, self.label(source) if source is not None else "")

    def inferred(self, node: str) -> str | None:
        reason = self.value(node, _INFERRED)
        return _text(reason) if reason is not None else None

    def property_facts(self, node: str, quotes: tuple[Quote, ...], skip: Iterable[URIRef] = ()) -> list[Fact]:
        """The node's literal and controlled-list values, each attested by the node's quotes."""
        facts: list[Fact] = []
        skipped = _NOT_FACT_TOKENS | {_token(p) for p in skip}
        own = self.spo.get(node, {})
        for predicate in sorted((p for p in own if p[0] == "<" and p not in skipped), key=_text):
            iri = _text(predicate)
            name = _PROPERTY_NAMES.get(URIRef(iri), _humanise(iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]))
            shown = ", ".join(self.label(v) if v[0] == "<" else _text(v) for v in self.values(node, predicate))
            # A curator's note is the curator's reading, not the report's words: no quote.
            facts.append(Fact(f"{name}: {shown}", () if predicate == _NOTE else quotes))
        return facts


def _humanise(name: str) -> str:
    spaced = "".join(f" {c.lower()}" if c.isupper() else c for c in name)
    return spaced.replace("-", " ").replace("_", " ").strip()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int = 24, lines: int = 3) -> str:
    """A multi-line node label: words wrapped at ``width``, at most ``lines`` lines."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], _short(" ".join(out[lines - 1 :]), width)]
    return "\n".join(out)


@dataclass(frozen=True)
class _Pending:
    """An edge before its facts are gathered (only drawn edges get them)."""

    source: str
    target: str
    label: str
    relation: str
    width: float
    dashes: bool
    via: str
    predicate: str | None = None
    obj: str | None = None
    rule: FactEdge | None = None

    def facts(self, index: _Index, detail: bool) -> list[Fact]:
        if self.rule is None:
            assert self.predicate is not None and self.obj is not None
            return _relation_facts(index, self.via, self.predicate, self.obj, self.label)
        return _fact_node_facts(index, self.via, self.rule, detail)


def graph_index(graph: bytes | Graph | Iterable[tuple[Node, Node, Node]]) -> GraphIndex:
    """Read a graph once for several projections of it (see :func:`project`)."""
    return _Index.of(graph)


GraphIndex = _Index
"""A graph read for projection, as :func:`graph_index` returns it."""


def project(
    graph: bytes | GraphIndex | Graph | Iterable[tuple[Node, Node, Node]], cap: int | None = None, *, detail: bool = True
) -> nx.MultiDiGraph:
    """Project the RDF graph onto a networkx multigraph.

    The tables :data:`KINDS`, :data:`RELATIONS` and :data:`FACT_EDGES` say what is drawn. The
    graph is read in one pass into dictionaries; facts and quotes are gathered only for what is
    kept, so a capped projection of a large graph costs little more than reading it.

    Args:
        graph: The knowledge graph: canonical N-Triples bytes (as the build keeps the union), an
            rdflib Graph, or triples. Include the ontology's triples to label controlled-list
            values with the ontology's labels.
        cap: Keep at most this many nodes, the most connected (the same result as
            :func:`limit` of the whole projection, without gathering facts for what is cut).
        detail: Gather every fact of each node and edge; with ``False`` only the first (the
            kind or relation and its quotes), which is what GraphML carries.

    Returns:
        Nodes keyed by IRI with ``kind``, ``label``, ``iri`` and ``facts`` (a list of
        :class:`Fact`); edges keyed ``e<n>`` (numbered over the whole projection) with ``label``,
        ``relation`` (the predicate or fact class, as a string) and ``facts``. The graph
        attributes ``omitted`` (nodes the cap left out, by kind) and ``total_nodes`` (before the
        cap).

    """
    index = graph if isinstance(graph, _Index) else _Index.of(graph)
    if index.skeleton is None:
        index.skeleton = _skeleton(index)
    subjects, kinds, pending = index.skeleton
    kept = _most_connected(kinds, pending, cap)
    omitted = Counter(kinds[n].key for n in kinds if n not in kept)
    result = nx.MultiDiGraph(omitted=dict(sorted(omitted.items())), total_nodes=len(kinds))
    for node in subjects:
        if node in kept:
            kind = kinds[node]
            iri = _text(node)
            result.add_node(iri, kind=kind.key, label=index.label(node), iri=iri, facts=_node_facts(index, node, kind, detail))
    for number, edge in enumerate(pending, 1):
        if edge.source in kept and edge.target in kept:
            result.add_edge(
                _text(edge.source),
                _text(edge.target),
                key=f"e{number}",
                label=edge.label,
                relation=edge.relation,
                facts=edge.facts(index, detail),
                width=edge.width,
                dashes=edge.dashes,
            )
    return result


_Skeleton = tuple[list[str], dict[str, Kind], list["_Pending"]]


def _skeleton(index: _Index) -> _Skeleton:
    """The subjects in order, the drawn nodes' kinds, and every edge sorted, without facts."""
    subjects = sorted((s for s in index.spo if s[0] == "<"), key=_text)
    kinds: dict[str, Kind] = {}
    for node in subjects:
        kind = index.kind(node)
        if kind is not None:
            kinds[node] = kind
    pending: list[_Pending] = []
    relation_tokens = [(_token(p), p, rel) for p, rel in RELATIONS.items()]
    for node in subjects:
        if node in kinds:
            own = index.spo[node]
            for token, predicate, rel in relation_tokens:
                for obj in sorted(own.get(token, ()), key=_text):
                    if obj in kinds:
                        pending.append(_Pending(node, obj, rel.label, str(predicate), rel.width, rel.dashes, node, token, obj))
            continue
        fact_class = index.fact_class(node)
        if fact_class is None:
            continue
        rule = FACT_EDGES[fact_class]
        start, end = index.follow(node, rule.source), index.follow(node, rule.target)
        if start is None or end is None or start not in kinds or end not in kinds:
            continue
        naming = index.value(node, _token(rule.label)) if rule.label is not None else None
        edge_label = index.label(naming) if naming is not None else rule.default
        pending.append(_Pending(start, end, edge_label, str(fact_class), rule.width, False, node, rule=rule))
    pending.sort(key=lambda e: (_text(e.source), _text(e.target), e.label, e.relation))
    return subjects, kinds, pending


def _most_connected(kinds: dict[str, Kind], pending: Sequence[_Pending], cap: int | None) -> set[str]:
    """The ``cap`` nodes with the most links (ties broken by IRI), as :func:`limit` picks them."""
    if cap is None or len(kinds) <= cap:
        return set(kinds)
    degree: Counter[str] = Counter()
    for edge in pending:
        degree[edge.source] += 1
        degree[edge.target] += 1
    ranked = sorted(kinds, key=lambda n: (-degree[n], _text(n)))
    return set(ranked[:cap])


def _node_facts(index: _Index, node: str, kind: Kind, detail: bool) -> list[Fact]:
    quotes = index.quotes(node)
    facts = [Fact(f"{kind.label}: {index.label(node)}", quotes, index.inferred(node))]
    if not detail:
        return facts
    facts += index.property_facts(node, quotes, skip=(SKOS.altLabel,))
    for attestation in sorted(index.named_by.get(node, ()), key=_text):
        facts.append(Fact(f"also named: {index.label(attestation)}", index.quotes(attestation), index.inferred(attestation)))
    return facts


def _relation_facts(index: _Index, subject: str, predicate: str, obj: str, label: str) -> list[Fact]:
    text = f"{index.label(subject)} — {label} — {index.label(obj)}"
    stated = sorted(index.stated.get((subject, predicate, obj), ()), key=_text)
    if stated:
        return [Fact(text, index.quotes(stated[0]), index.inferred(stated[0]))]
    return [Fact(text, index.quotes(subject))]


def _fact_node_facts(index: _Index, node: str, rule: FactEdge, detail: bool) -> list[Fact]:
    quotes = index.quotes(node)
    facts = [Fact(index.label(node), quotes, index.inferred(node))]
    if not detail:
        return facts
    skip = {*rule.source[:1], *rule.target[:1], GOVKG.names}
    if rule.label is not None:
        skip.add(rule.label)
    facts += index.property_facts(node, quotes, skip=skip)
    return facts


def limit(view: nx.MultiDiGraph, cap: int = DEFAULT_NODE_CAP) -> nx.MultiDiGraph:
    """Keep the ``cap`` most connected nodes (ties broken by IRI) when the view has more.

    The result's graph attribute ``omitted`` counts the nodes left out, by kind, and
    ``total_nodes`` keeps the size before the cut.
    """
    if view.number_of_nodes() <= cap:
        return view
    ranked = sorted(view.nodes, key=lambda n: (-view.degree(n), n))
    kept = set(ranked[:cap])
    cut: nx.MultiDiGraph = view.subgraph(kept).copy()
    cut.graph["omitted"] = dict(sorted(Counter(view.nodes[n]["kind"] for n in ranked[cap:]).items()))
    cut.graph["total_nodes"] = view.graph.get("total_nodes", view.number_of_nodes())
    return cut


def find_node(view: nx.MultiDiGraph, text: str) -> str | None:
    """The node an IRI, a label (any case) or the end of an IRI names, or ``None``."""
    if text in view:
        return str(text)
    wanted = text.strip().casefold()
    by_label = sorted(str(n) for n, data in view.nodes(data=True) if data["label"].casefold() == wanted)
    if by_label:
        return by_label[0]
    by_suffix = sorted(str(n) for n in view.nodes if str(n).casefold().endswith("/" + wanted.strip("/")))
    return by_suffix[0] if by_suffix else None


def neighbourhood(view: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The nodes within ``depth`` edges of ``centre`` (either direction) and the edges among them."""
    kept = nx.single_source_shortest_path_length(view.to_undirected(as_view=True), centre, cutoff=depth)
    part: nx.MultiDiGraph = view.subgraph(kept).copy()
    part.graph["total_nodes"] = part.number_of_nodes()
    part.graph["omitted"] = {}
    return part


def layout(view: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Start positions for the page, in pixels, the same for the same graph.

    Each connected component is laid out on its own: its main hub of each hub kind (the meeting,
    the speech, the work plan…) is pinned at the kind's anchor in :data:`KINDS`, the other nodes
    start near their kind's anchor and relax under a seeded spring layout. Components are then
    placed side by side, largest first; nodes with at most one link go in rows underneath.
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(view.nodes))
    undirected.add_edges_from(sorted((u, v) for u, v in view.edges() if u != v))
    components = sorted((sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    positions: dict[str, tuple[float, float]] = {}
    big = [c for c in components if len(c) > 2]
    small = [n for c in components if len(c) <= 2 for n in c]
    cursor_x, row_y, row_height, row_width = 0.0, 0.0, 0.0, 0.0
    width_limit = 4200.0
    for component in big:
        # A fresh graph in sorted order: a subgraph view of under half the graph iterates its
        # node set, whose order changes with PYTHONHASHSEED, and the spring layout follows it.
        part = nx.Graph()
        part.add_nodes_from(component)
        part.add_edges_from(sorted(tuple(sorted(edge)) for edge in undirected.subgraph(component).edges()))
        placed = _component_layout(view, part, seed) if len(component) <= SPRING_LAYOUT_MAX else _kind_layout(view, part)
        xs = [x for x, _ in placed.values()]
        ys = [y for _, y in placed.values()]
        left, top, width, height = min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
        if cursor_x > 0 and cursor_x + width > width_limit:
            cursor_x, row_y, row_height = 0.0, row_y + row_height + 250, 0.0
        for node, (x, y) in placed.items():
            positions[node] = (cursor_x + x - left, row_y + y - top)
        cursor_x += width + 250
        row_width = max(row_width, cursor_x)
        row_height = max(row_height, height)
    block_x = row_width if big else 0.0
    per_column = max(4, int(max(row_y + row_height, 900) // 80))
    ordered = sorted(small, key=lambda n: (view.nodes[n]["kind"], view.nodes[n]["label"], n))
    for index, node in enumerate(ordered):
        positions[node] = (block_x + (index // per_column) * 260.0, (index % per_column) * 80.0)
    if positions:
        mid_x = (min(x for x, _ in positions.values()) + max(x for x, _ in positions.values())) / 2
        mid_y = (min(y for _, y in positions.values()) + max(y for _, y in positions.values())) / 2
        positions = {n: (x - mid_x, y - mid_y) for n, (x, y) in positions.items()}
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in sorted(positions.items())}


def _kind_layout(view: nx.MultiDiGraph, component: nx.Graph) -> dict[str, tuple[float, float]]:
    """A large component's positions (pixels) without iterations: each kind in its own cluster.

    The clusters sit at the kinds' anchors in :data:`KINDS`, as in the spring layout; inside one,
    nodes follow a sunflower spiral from the most connected at its centre outwards. It costs one
    sort, so a view at the node cap is laid out in milliseconds, and the page needs no physics.
    """
    anchors = {kind.key: kind for kind in KINDS.values()}
    members: dict[str, list[str]] = defaultdict(list)
    for node in component.nodes:
        members[view.nodes[node]["kind"]].append(node)
    scale = 900 * max(0.35, math.sqrt(component.number_of_nodes() / 130))
    golden = math.pi * (3 - math.sqrt(5))
    placed: dict[str, tuple[float, float]] = {}
    for key, nodes in sorted(members.items()):
        ax, ay = anchors[key].anchor
        nodes.sort(key=lambda n: (-component.degree(n), view.nodes[n]["label"], n))
        for index, node in enumerate(nodes):
            radius = 38.0 * math.sqrt(index)
            placed[node] = (ax * scale + radius * math.cos(index * golden), ay * scale + radius * math.sin(index * golden))
    return placed


def _component_layout(view: nx.MultiDiGraph, component: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """One component's positions (pixels, any origin): hubs pinned, the rest relaxed."""
    anchors = {kind.key: kind for kind in KINDS.values()}
    start: dict[str, tuple[float, float]] = {}
    pinned: list[str] = []
    members: dict[str, list[str]] = defaultdict(list)
    for node in sorted(component.nodes):
        members[view.nodes[node]["kind"]].append(node)
    for key, nodes in sorted(members.items()):
        kind = anchors[key]
        ax, ay = kind.anchor
        if kind.hub:
            main = min(nodes, key=lambda n: (-component.degree(n), n))
            start[main] = (ax, ay)
            pinned.append(main)
        for index, node in enumerate(n for n in nodes if n not in start):
            angle = 2 * math.pi * index / len(nodes)
            radius = 0.1 + 0.005 * len(nodes)
            start[node] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
    scale = 900 * max(0.35, math.sqrt(component.number_of_nodes() / 130))
    placed = nx.spring_layout(component, pos=start, fixed=pinned or None, k=0.17, iterations=80, seed=seed)
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in placed.items()}


def _title(data: dict[str, Any], kind_label: str) -> str:
    """The hover text: plain text (vis-network shows string titles with ``innerText``)."""
    lines = [f"{kind_label}: {data['label']}"]
    facts: list[Fact] = data["facts"]
    quoted = next((f for f in facts if f.quotes), None)
    if quoted is not None:
        lines.append(f"“{_short(quoted.quotes[0].exact, 220)}”")
    lines.append("Click for every fact and its quote.")
    return "\n".join(lines)


def _edge_title(data: dict[str, Any]) -> str:
    facts: list[Fact] = data["facts"]
    lines = [facts[0].text if facts else data["label"]]
    if facts and facts[0].quotes:
        lines.append(f"“{_short(facts[0].quotes[0].exact, 220)}”")
    return "\n".join(lines)


def network(view: nx.MultiDiGraph) -> Network:
    """The pyvis network for the view: nodes, edges and the vis-network options.

    Physics starts from :func:`layout`'s positions, settles, and is then switched off by the page;
    a view over :data:`PHYSICS_MAX_NODES` nodes, or with a component over
    :data:`SPRING_LAYOUT_MAX`, has no physics at all.
    """
    net = Network(directed=True)
    styles = {kind.key: kind for kind in KINDS.values()}
    positions = layout(view)
    # Nodes with at most one neighbour sit in rows under the graph; physics would fling them off.
    components = list(nx.connected_components(view.to_undirected(as_view=True)))
    still = {n for c in components if len(c) <= 2 for n in c}
    fixed = view.number_of_nodes() > PHYSICS_MAX_NODES or any(len(c) > SPRING_LAYOUT_MAX for c in components)
    for node, data in sorted(view.nodes(data=True)):
        kind = styles[data["kind"]]
        x, y = positions[node]
        boxed = kind.shape == "box"
        net.add_node(
            node,
            label=_wrap(data["label"], 22 if boxed else 26),
            title=_title(data, kind.label),
            shape=kind.shape,
            color=kind.color,
            kind=kind.key,
            physics=False if node in still else None,
            x=x,
            y=y,
            size=kind.size,
            font={"size": kind.font, "color": "#ffffff" if boxed else "#222222", "face": "sans-serif"},
            margin=6 if boxed else None,
        )
    for start, end, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: int(e[2][1:])):
        net.add_edge(
            start,
            end,
            id=key,
            label=data["label"],
            title=_edge_title(data),
            width=data["width"],
            dashes=data["dashes"],
        )
    net.force_atlas_2based(gravity=-40, central_gravity=0.004, spring_length=90, spring_strength=0.06, damping=0.6, overlap=0.6)
    net.set_edge_smooth("continuous")
    net.options.physics.stabilization = {"enabled": True, "iterations": 250, "updateInterval": 50, "fit": True, "onlyDynamicEdges": False}
    if fixed:
        # Positions are final (see _kind_layout): physics on a thousand nodes would take the
        # browser seconds and fling the clusters apart.
        net.toggle_physics(False)
        net.options.edges.smooth.enabled = False
    return net


def _options(net: Network) -> dict[str, Any]:
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["physics"]["maxVelocity"] = 30
    options["physics"]["minVelocity"] = 1
    options["edges"].update(
        {
            "color": {"color": "#9aa3ad", "highlight": "#333333", "hover": "#333333", "inherit": False},
            "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        }
    )
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False, "multiselect": False})
    options["layout"] = {"randomSeed": 7, "improvedLayout": False}
    options["nodes"] = {"borderWidth": 1, "shadow": False}
    return options


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def page_data(view: nx.MultiDiGraph, title: str = "govkg") -> dict[str, Any]:
    """Everything the page needs, as JSON-ready data.

    That is: vis nodes and edges from pyvis, the options, each node's and edge's facts (their
    quotes as numbers into ``quotes``), the legend and what a cap left out.
    """
    net = network(view)
    nodes: list[dict[str, Any]] = [{k: v for k, v in n.items() if v is not None} for n in net.nodes]
    edges: list[dict[str, Any]] = list(net.edges)
    # Each quote is written once and facts point to it by number: a body named in hundreds of
    # reports has hundreds of quotes, and each of its facts is attested by all of them.
    quotes: dict[Quote, int] = {}

    def facts_data(facts: list[Fact]) -> list[dict[str, Any]]:
        return [{"text": f.text, "quotes": [quotes.setdefault(q, len(quotes)) for q in f.quotes], "inferred": f.inferred} for f in facts]

    info = {
        node: {"kind": data["kind"], "label": data["label"], "iri": data["iri"], "facts": facts_data(data["facts"])}
        for node, data in sorted(view.nodes(data=True))
    }
    edge_info = {
        key: {"label": data["label"], "relation": data["relation"], "from": start, "to": end, "facts": facts_data(data["facts"])}
        for start, end, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: int(e[2][1:]))
    }
    counts = Counter(data["kind"] for _, data in view.nodes(data=True))
    shown = [k for k in KINDS.values() if counts[k.key]]
    legend = [{"key": k.key, "label": k.label, "color": k.color, "shape": k.shape, "count": counts[k.key]} for k in shown]
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "options": _options(net),
        "info": info,
        "edgeInfo": edge_info,
        "quotes": [q.as_data() for q in quotes],
        "legend": legend,
        "omitted": view.graph.get("omitted", {}),
        "totalNodes": view.graph.get("total_nodes", view.number_of_nodes()),
    }


def _asset(name: str) -> str:
    return resources.files("govkg").joinpath("assets", name).read_text(encoding="utf-8")


def render_html(view: nx.MultiDiGraph, title: str = "govkg knowledge graph") -> str:
    """The view as one self-contained HTML page (vis-network, styles, data and script inline).

    Args:
        view: A projection from :func:`project` (possibly cut by :func:`limit` or
            :func:`neighbourhood`).
        title: The page's heading; escaped.

    Returns:
        The page, deterministic for a given view.

    """
    parts = {
        "TITLE": html.escape(title),
        "STYLE": _asset("view.css"),
        "VIS_VERSION": VIS_NETWORK_VERSION,
        "VIS": _asset("vis-network.min.js"),
        "DATA": _script_json(page_data(view, title)),
        "APP": _asset("view.js"),
    }
    # One pass, so text inside the data (a label reading "{{APP}}") is never expanded.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _asset("view.html"))


def write_view(view: nx.MultiDiGraph, path: Path, title: str = "govkg knowledge graph") -> Path:
    """Write the view as a self-contained HTML file (UTF-8, atomically)."""
    atomic_write(path, render_html(view, title).encode("utf-8"))
    return path
