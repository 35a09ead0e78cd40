"""Stage 2: turn a report's audited records into RDF triples under the ontology.

Each report becomes one named graph. Every item becomes a node that points, through
``prov:wasDerivedFrom``, to a Web Annotation whose ``oa:TextQuoteSelector`` holds the exact quote
and whose ``oa:TextPositionSelector`` holds its character offsets in the report. No blank nodes
are made, so the same records always give the same triples.

Which key becomes which predicate is the table :data:`FIELD_PREDICATES`; the few types that need
more than that (reports, post holdings, labels of fact nodes) have their own function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from govkg.errors import InputError
from govkg.iris import Minter
from govkg.load import Alias, Item, ReportRecords
from govkg.schema import ITEM_TYPES, Kind
from govkg.terms import Triple as Triple
from govkg.terms import ntriples_bytes, ntriples_lines, rdflib_triples
from govkg.text import Span, normalise
from govkg.vocab import DCTERMS, FOAF, GOVKG, OA, ORG, PROV, RDF, RDFS, SKOS, XSD

CLASSES: dict[str, URIRef] = {
    "Report": GOVKG.Report,
    "Place": GOVKG.Place,
    "Person": FOAF.Person,
    "Organization": ORG.Organization,
    "PostHolding": GOVKG.PostHolding,
    "Meeting": GOVKG.Meeting,
    "Venue": GOVKG.Venue,
    "ParticipantGroup": GOVKG.ParticipantGroup,
    "Participation": GOVKG.MeetingParticipation,
    "Speech": GOVKG.Speech,
    "SpeechPoint": GOVKG.SpeechPoint,
    "KeyTask": GOVKG.KeyTask,
    "Concept": SKOS.Concept,
    "Initiative": GOVKG.Initiative,
    "Platform": GOVKG.Platform,
    "WorkPlan": GOVKG.WorkPlan,
    "WorkArea": GOVKG.WorkArea,
    "Task": GOVKG.Task,
    "Assessment": GOVKG.Assessment,
    "AssessmentResult": GOVKG.AssessmentResult,
    "Honour": GOVKG.Honour,
    "HonourConferral": GOVKG.HonourConferral,
    "HonourAward": GOVKG.HonourAward,
}
"""The class each item type's node gets."""

FIELD_PREDICATES: dict[str, dict[str, URIRef]] = {
    "Report": {
        "title": DCTERMS.title,
        "date": DCTERMS.date,
        "category": DCTERMS.subject,
        "province": GOVKG.aboutPlace,
    },
    "Place": {"kind": GOVKG.placeKind, "within": GOVKG.within},
    "Person": {"name": FOAF.name},
    "Organization": {"kind": ORG.classification, "governs": GOVKG.governs, "scope": GOVKG.jurisdiction},
    "Meeting": {
        "date": DCTERMS.date,
        "part_of_day": GOVKG.partOfDay,
        "form": GOVKG.meetingForm,
        "organiser": GOVKG.organiser,
    },
    "Venue": {"meeting": GOVKG.meeting},
    "ParticipantGroup": {"drawn_from": GOVKG.drawnFrom},
    "Participation": {
        "meeting": GOVKG.meeting,
        "participant": GOVKG.participant,
        "role": GOVKG.participationRole,
        "venue": GOVKG.atVenue,
    },
    "Speech": {"meeting": GOVKG.meeting, "speaker": GOVKG.speaker, "mentions": GOVKG.mentions},
    "SpeechPoint": {"speech": GOVKG.speech, "kind": GOVKG.pointKind, "mentions": GOVKG.mentions},
    "KeyTask": {"speech": GOVKG.speech, "ordinal": GOVKG.ordinal, "mentions": GOVKG.mentions},
    "Platform": {"initiative": GOVKG.initiative},
    "WorkPlan": {
        "year": GOVKG.year,
        "stated_area_count": GOVKG.statedAreaCount,
        "stated_task_count": GOVKG.statedTaskCount,
        "announced_by": GOVKG.announcedBy,
        "announced_at": GOVKG.announcedAt,
    },
    "WorkArea": {
        "plan": GOVKG.workPlan,
        "ordinal": GOVKG.ordinal,
        "stated_task_count": GOVKG.statedTaskCount,
        "mentions": GOVKG.mentions,
    },
    "Task": {"area": GOVKG.workArea, "ordinal": GOVKG.ordinal, "mentions": GOVKG.mentions},
    "Assessment": {"year": GOVKG.year, "announced_at": GOVKG.announcedAt},
    "AssessmentResult": {
        "assessment": GOVKG.assessment,
        "subject": GOVKG.assessedSubject,
        "subject_kind": GOVKG.subjectKind,
        "rating": GOVKG.rating,
    },
    "HonourConferral": {
        "honour": GOVKG.honour,
        "stated_recipient_count": GOVKG.statedRecipientCount,
        "announced_at": GOVKG.announcedAt,
    },
    "HonourAward": {"conferral": GOVKG.conferral, "recipient": GOVKG.recipient},
}
"""Which key of which item type becomes which predicate. Keys not listed here are handled by
the type's own function (names become labels; post holdings mint posts and roles)."""

CHOICE_TERMS: dict[str, URIRef] = {
    "country": GOVKG.country,
    "province": GOVKG.province,
    "city": GOVKG.city,
    "county": GOVKG.county,
    "district": GOVKG.district,
    "government": GOVKG.government,
    "commission": GOVKG.commission,
    "office": GOVKG.office,
    "bureau": GOVKG.bureau,
    "department": GOVKG.department,
    "customs-office": GOVKG.customsOffice,
    "party-body": GOVKG.partyBody,
    "morning": GOVKG.morning,
    "afternoon": GOVKG.afternoon,
    "video-and-telephone-conference": GOVKG.videoAndTelephoneConference,
    "in-person": GOVKG.inPerson,
    "presided": GOVKG.presided,
    "delivered-speech": GOVKG.deliveredSpeech,
    "announced": GOVKG.announced,
    "attended": GOVKG.attended,
    "affirmed": GOVKG.affirmed,
    "pointed-out": GOVKG.pointedOut,
    "emphasised": GOVKG.emphasised,
    "required": GOVKG.required,
    "city-government": GOVKG.cityGovernment,
    "provincial-unit": GOVKG.provincialUnit,
    "customs": GOVKG.customs,
    "a-level": GOVKG.aLevel,
    "excellent": GOVKG.excellent,
    "township": GOVKG.township,
    "survey-visit": GOVKG.surveyVisit,
    "surveyed": GOVKG.surveyed,
    "accompanied": GOVKG.accompanied,
    "reported": GOVKG.reportedWork,
}
"""The concept of the ontology each controlled-list value (see :data:`govkg.schema.CHOICES`) means.
The subject kind ``province`` and the place kind ``province`` are one concept."""

CHOICE_LABELS: dict[str, str] = {
    "delivered-speech": "delivered a speech",
    "a-level": "A-level",
}


@dataclass(frozen=True)
class ReportGraph:
    """The triples one report contributes, and the named graph that holds them.

    ``ntriples`` is the graph as canonical N-Triples, one triple a line, sorted as bytes: the
    form the cache keeps and the outputs are made from. ``triples`` gives the same triples as
    rdflib terms, made from ``ntriples`` when first asked for (a report from the cache never
    needs them unless a caller does).
    """

    key: str
    graph: URIRef
    ntriples: bytes
    _triples: tuple[Triple, ...] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, key: str, graph: URIRef, triples: Iterable[Triple]) -> ReportGraph:
        """A report graph from rdflib triples."""
        ordered = tuple(sorted(set(triples), key=triple_key))
        return cls(key, graph, ntriples_bytes(ntriples_lines(ordered)), ordered)

    @property
    def triples(self) -> tuple[Triple, ...]:
        """The report's triples as rdflib terms, sorted by :func:`triple_key`."""
        if self._triples is None:
            object.__setattr__(self, "_triples", tuple(sorted(rdflib_triples(self.ntriples), key=triple_key)))
        assert self._triples is not None
        return self._triples

    def forget_terms(self) -> None:
        """Drop the rdflib terms (they take several times the memory of the N-Triples)."""
        object.__setattr__(self, "_triples", None)

    def lines(self) -> list[bytes]:
        """The N-Triples lines, without newlines."""
        return self.ntriples.splitlines()


def build_report(records: ReportRecords, base: str) -> ReportGraph:
    """Build the RDF of one report.

    Args:
        records: The audited records of the report.
        base: The base IRI data nodes are minted under.

    Returns:
        The report's named graph and its triples, sorted and without duplicates.

    Raises:
        InputError: when two items of the file mint the same IRI.

    """
    builder = _ReportBuilder(records, Minter(base, records))
    for item in records.items:
        builder.item(item)
    return ReportGraph.of(records.key, builder.minter.graph(), builder.triples)


class _ReportBuilder:
    def __init__(self, records: ReportRecords, minter: Minter) -> None:
        self.records = records
        self.minter = minter
        self.items = records.by_id()
        self.triples: list[Triple] = []
        self.report_date: dt.date = records.report.get("date")
        self.nodes: dict[URIRef, str] = {}
        for item in records.items:
            node = minter.item(item)
            if node in self.nodes:
                raise InputError(
                    records.entities_path,
                    f"items '{self.nodes[node]}' and '{item.id}' mint the same IRI <{node}>",
                    "they name the same thing: keep one item and point references at it",
                    line=item.line,
                    entity=item.id,
                )
            self.nodes[node] = item.id

    def add(self, subject: URIRef, predicate: URIRef, obj: Node) -> None:
        self.triples.append((subject, predicate, obj))

    def node(self, item_id: str) -> URIRef:
        return self.minter.item(self.items[item_id])

    def label(self, item_id: str) -> str:
        return normalise(self.items[item_id].name)

    # ------------------------------------------------------------ provenance

    def annotation(self, span: Span) -> URIRef:
        """The annotation for ``span``, adding its triples (shared by every fact it attests)."""
        ann = self.minter.annotation(span.start, span.end)
        target = URIRef(f"{ann}/target")
        quote = URIRef(f"{ann}/quote-selector")
        position = URIRef(f"{ann}/position-selector")
        self.add(ann, RDF.type, OA.Annotation)
        self.add(ann, OA.hasTarget, target)
        self.add(ann, OA.motivatedBy, OA.identifying)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.minter.report())
        self.add(target, OA.hasSelector, quote)
        self.add(target, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.exact))
        self.add(quote, OA.prefix, Literal(span.prefix))
        self.add(quote, OA.suffix, Literal(span.suffix))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start))
        self.add(position, OA.end, Literal(span.end))
        return ann

    def derive(self, node: URIRef, span: Span, inference: str | None = None) -> None:
        self.add(node, PROV.wasDerivedFrom, self.annotation(span))
        if inference:
            self.add(node, GOVKG.inferredBecause, Literal(normalise(inference)))

    # ----------------------------------------------------------------- items

    def item(self, item: Item) -> None:
        node = self.minter.item(item)
        self.add(node, RDF.type, CLASSES[item.type])
        self.add(node, RDFS.label, Literal(self.item_label(item)))
        self.derive(node, item.span, item.inference)
        if item.note:
            self.add(node, GOVKG.note, Literal(normalise(item.note)))
        predicates = FIELD_PREDICATES.get(item.type, {})
        for key, value in item.fields.items():
            if key in predicates:
                for obj in self.objects(item, key, value):
                    self.add(node, predicates[key], obj)
        for key, reason in (item.inferred or {}).items():
            self.stated_relation(item, key, predicates[key], reason)
        for alias in item.aliases:
            self.alias(item, node, alias)
        special = {"Report": self.report_facts, "Concept": self.concept_facts, "PostHolding": self.post_facts}.get(item.type)
        if special is not None:
            special(item, node)

    def objects(self, item: Item, key: str, value: Any) -> Iterator[Node]:
        kind = ITEM_TYPES[item.type].keys[key].kind
        if kind is Kind.REF:
            yield self.node(str(value))
        elif kind is Kind.REFS:
            yield from (self.node(v) for v in value)
        elif kind is Kind.CHOICE:
            yield CHOICE_TERMS[value]
        elif kind is Kind.DATE:
            yield Literal(value, datatype=XSD.date)
        elif kind is Kind.INT and key == "year":
            yield Literal(f"{value:04d}", datatype=XSD.gYear)
        elif kind is Kind.INT:
            yield Literal(value, datatype=XSD.integer)
        else:
            yield Literal(normalise(str(value)))

    def item_label(self, item: Item) -> str:
        """A readable label: the name where the item has one, else a phrase from its facts."""
        kind = item.type
        if kind == "PostHolding":
            role = _role_label(str(item.get("role")))
            return f"{self.label(item.get('person'))}: {role} of {self.label(item.get('organization'))}"
        if kind == "Participation":
            role = CHOICE_LABELS.get(item.get("role"), item.get("role"))
            return f"{self.label(item.get('participant'))} {role}"
        if kind == "SpeechPoint":
            return _excerpt(normalise(item.span.exact))
        if kind == "AssessmentResult":
            rating = CHOICE_LABELS.get(item.get("rating"), item.get("rating"))
            return f"{self.label(item.get('subject'))}: {rating}"
        if kind == "HonourConferral":
            return f"Conferral of {self.label(item.get('honour'))}"
        if kind == "HonourAward":
            honour = self.items[str(item.get("conferral"))].get("honour")
            return f"{self.label(item.get('recipient'))}: {self.label(honour)}"
        return normalise(item.name)

    def report_facts(self, item: Item, node: URIRef) -> None:
        self.add(node, DCTERMS.identifier, Literal(self.records.key))
        self.add(node, DCTERMS.language, Literal("en"))
        self.add(node, GOVKG.sha256, Literal(self.records.sha256))
        self.add(node, GOVKG.characterCount, Literal(len(self.records.text)))
        url = item.get("source_url")
        if url:
            self.add(node, DCTERMS.source, URIRef(str(url)))

    def concept_facts(self, item: Item, node: URIRef) -> None:
        self.add(node, SKOS.inScheme, GOVKG.Concepts)
        self.add(node, SKOS.prefLabel, Literal(normalise(item.name)))

    def post_facts(self, item: Item, node: URIRef) -> None:
        person = self.node(item.get("person"))
        org_item = self.items[str(item.get("organization"))]
        org = self.minter.item(org_item)
        role_word = str(item.get("role"))
        post = self.minter.post(org_item, role_word)
        role = self.minter.role(role_word)
        self.add(node, ORG.member, person)
        self.add(node, ORG.organization, org)
        self.add(node, ORG.role, role)
        self.add(node, GOVKG.post, post)
        self.add(node, GOVKG.reportedOn, Literal(self.report_date, datatype=XSD.date))
        self.add(node, GOVKG.asWritten, Literal(normalise(str(item.get("title")))))
        self.add(person, ORG.holds, post)
        self.add(post, RDF.type, ORG.Post)
        self.add(post, RDFS.label, Literal(f"{_role_label(role_word)} of {normalise(org_item.name)}"))
        self.add(post, ORG.postIn, org)
        self.add(post, ORG.role, role)
        self.add(post, ORG.heldBy, person)
        self.add(org, ORG.hasPost, post)
        self.derive(post, item.span)
        self.add(role, RDF.type, SKOS.Concept)
        self.add(role, SKOS.inScheme, GOVKG.Roles)
        self.add(role, SKOS.prefLabel, Literal(_role_label(role_word)))
        self.add(role, RDFS.label, Literal(_role_label(role_word)))
        self.derive(role, item.span)

    def alias(self, item: Item, node: URIRef, alias: Alias) -> None:
        attestation = self.minter.name_attestation(item, alias.name)
        name = normalise(alias.name)
        self.add(node, SKOS.altLabel, Literal(name))
        self.add(attestation, RDF.type, GOVKG.NameAttestation)
        self.add(attestation, RDFS.label, Literal(name))
        self.add(attestation, GOVKG.names, node)
        self.derive(attestation, alias.span, alias.inference)

    def stated_relation(self, item: Item, key: str, predicate: URIRef, reason: str) -> None:
        relation = self.minter.stated_relation(item, key)
        subject = self.minter.item(item)
        target = self.node(str(item.get(key)))
        self.add(relation, RDF.type, GOVKG.StatedRelation)
        self.add(relation, RDF.subject, subject)
        self.add(relation, RDF.predicate, predicate)
        self.add(relation, RDF.object, target)
        self.add(relation, RDFS.label, Literal(f"{normalise(item.name)} {key.replace('_', ' ')} {self.label(str(item.get(key)))}"))
        self.derive(relation, item.span, reason)


def _role_label(role: str) -> str:
    """``director`` → ``Director``; ``Deputy Secretary-General`` unchanged."""
    return " ".join(word[:1].upper() + word[1:] for word in normalise(role).split())


def _excerpt(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def term_key(term: Node) -> tuple[int, str, str, str]:
    """A total order on terms: IRIs before literals, then by text, datatype and language."""
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def triple_key(triple: Triple) -> tuple[str, str, tuple[int, str, str, str]]:
    """The sort key that makes every output's order, and so its bytes, the same on every run."""
    return (str(triple[0]), str(triple[1]), term_key(triple[2]))


def union_ntriples(graphs: Iterable[ReportGraph]) -> bytes:
    """The knowledge graph as canonical N-Triples: every report's lines, merged, sorted as bytes."""
    lines: set[bytes] = set()
    for graph in graphs:
        lines.update(graph.lines())
    return ntriples_bytes(sorted(lines))


def union(graphs: Iterable[ReportGraph]) -> list[Triple]:
    """The knowledge graph: every report's triples, merged, sorted, without duplicates."""
    return sorted({t for g in graphs for t in g.triples}, key=triple_key)
