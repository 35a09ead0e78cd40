"""The project's vocabularies, the only place their IRIs are written.

``GOVKG`` is our own ontology (``ontology/govkg.ttl``); ``OA`` is the W3C Web Annotation
vocabulary, which rdflib does not ship. Both are ``DefinedNamespace`` classes with
``_fail = True``, so a misspelt term raises ``AttributeError`` instead of minting a new IRI.
The standard vocabularies (ORG, PROV, FOAF, SKOS, DCTERMS, ...) are imported from rdflib.
A test keeps ``GOVKG`` and the ontology file in step.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE_IRI",
    "FOAF",
    "GOVKG",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "XSD",
]

ONTOLOGY_IRI = URIRef("https://example.org/govkg/ontology")
"""The IRI of the ontology document (its ``owl:Ontology`` node)."""

DEFAULT_BASE_IRI = "https://example.org/govkg/id/"
"""Where data IRIs are minted unless ``--base-iri`` or ``GOVKG_BASE_IRI`` says otherwise."""


class GOVKG(DefinedNamespace):
    """govkg ontology: classes, properties and controlled-list concepts."""

    _fail = True
    _NS = Namespace("https://example.org/govkg/ontology#")

    Assessment: URIRef  # An evaluation of work over a period, whose results are reported.
    AssessmentResult: URIRef  # The rating one subject (a city government, a provincial unit, a customs office,
    Concepts: URIRef  # Slogans, instructions, objectives and concepts that reports quote, such as 'four
    Honour: URIRef  # A title conferred on places or bodies, such as 'Zhejiang Food Safety City'.
    HonourAward: URIRef  # One named recipient of an honour conferral.
    HonourConferral: URIRef  # One act of conferring an honour, with the number of recipients the report states
    Initiative: URIRef  # A named programme that groups platforms, such as the 'three chains and one code'
    KeyTask: URIRef  # One of the numbered key tasks set out in a speech.
    Meeting: URIRef  # A conference or meeting, with its date, part of day, form and venues.
    MeetingForms: URIRef  # How a meeting was held.
    MeetingParticipation: URIRef  # A person's or group's part in a meeting (presided, delivered a speech, announced
    NameAttestation: URIRef  # A further name by which the report refers to an entity. Where the report does no
    OrganizationKinds: URIRef  # Kinds of organisation, by the head noun of their name; used with org:classificat
    ParticipantGroup: URIRef  # People who take part in a meeting and whom the report describes only as a group,
    ParticipationRoles: URIRef  # What a person or group did at a meeting.
    PartsOfDay: URIRef  # The part of a day a meeting was held.
    Place: URIRef  # A named administrative area (country, province, city, county, district). Its kin
    PlaceKinds: URIRef  # Kinds of administrative area.
    Platform: URIRef  # A digital platform or system named in a report, such as a traceability chain. Ea
    PointKinds: URIRef  # How a report introduces a passage of a speech.
    PostHolding: URIRef  # A person holding a post in an organisation, as reported on a date (govkg:reporte
    Ratings: URIRef  # Ratings given in assessments.
    Report: URIRef  # A published text (news report, press release) from which facts are taken. Its te
    Roles: URIRef  # Roles of posts (Director, Deputy Governor …), minted from the role words the rep
    Speech: URIRef  # A speech delivered by a person at a meeting.
    SpeechPoint: URIRef  # A passage of a speech as the report renders it (what the speaker affirmed, point
    StatedRelation: URIRef  # A reified binary relation (rdf:subject, rdf:predicate, rdf:object) with its sour
    SubjectKinds: URIRef  # Kinds of subject that are rated in an assessment.
    Task: URIRef  # One task listed under a work area.
    Venue: URIRef  # A place where a meeting is attended, such as its main venue or its branch venues
    WorkArea: URIRef  # One area of a work plan, with its stated task count and its listed tasks.
    WorkPlan: URIRef  # The announced main points of a year's work, with the number of areas and tasks t
    aLevel: URIRef  # Rated at A level.
    aboutPlace: URIRef  # The province a report is about; the merge context for the people, bodies and cit
    affirmed: URIRef  # The speaker affirmed past work.
    afternoon: URIRef  # After noon.
    announced: URIRef  # Announced or notified something at the meeting, such as a work plan.
    announcedAt: URIRef  # The meeting at which a work plan, assessment's results or honour conferral was a
    announcedBy: URIRef  # The person who announced a work plan.
    asWritten: URIRef  # A post title as the report writes it (typography normalised), kept beside the cleaned
    assessedSubject: URIRef  # The organisation or place that was rated.
    assessment: URIRef  # The assessment a result belongs to.
    atVenue: URIRef  # The venue at which a participant attended.
    attended: URIRef  # Attended the meeting.
    bureau: URIRef  # A bureau or administration of a government.
    characterCount: URIRef  # The length of the report's text in Unicode code points; selector offsets count t
    city: URIRef  # A city (prefecture-level or county-level).
    cityGovernment: URIRef  # The government of a city.
    commission: URIRef  # A commission or committee that coordinates member units.
    conferral: URIRef  # The conferral an award is part of.
    country: URIRef  # A country.
    county: URIRef  # A county.
    customs: URIRef  # A customs office (a body of the national customs service).
    customsOffice: URIRef  # A customs office.
    deliveredSpeech: URIRef  # Delivered a speech at the meeting.
    department: URIRef  # A department of a government or of a party committee.
    district: URIRef  # A district.
    drawnFrom: URIRef  # The organisation whose member units or staff a participant group comes from.
    emphasised: URIRef  # The speaker emphasised tasks.
    excellent: URIRef  # Rated excellent.
    government: URIRef  # A people's government of a province, city, county or district.
    governs: URIRef  # The place a government body governs.
    honour: URIRef  # The honour conferred.
    inPerson: URIRef  # Held with the participants in one room.
    inferredBecause: URIRef  # Marks a fact as an inference rather than a statement of the report, and gives th
    initiative: URIRef  # The initiative a platform belongs to.
    meeting: URIRef  # The meeting a participation, venue or speech belongs to.
    meetingForm: URIRef  # How the meeting was held (for example by video and telephone), from the scheme g
    jurisdiction: URIRef  # The place whose level an organisation works at, as the entities file scopes it
    mentions: URIRef  # A slogan, concept, platform or initiative that a speech, key task, work area or
    morning: URIRef  # Before noon.
    names: URIRef  # The entity a name attestation names.
    note: URIRef  # A curator's note on how an ambiguous passage was read.
    office: URIRef  # An office, often the standing body of a commission.
    ordinal: URIRef  # The position of an item in the report's own numbering or listing order, from 1.
    organiser: URIRef  # The place or body the report says held the meeting.
    partOfDay: URIRef  # The part of the day the meeting was held, from the scheme govkg:PartsOfDay.
    participant: URIRef  # The person or group that takes part.
    participationRole: URIRef  # What the participant did at the meeting, from the scheme govkg:ParticipationRole
    partyBody: URIRef  # A committee or department of the Communist Party.
    placeKind: URIRef  # The kind of a place, from the scheme govkg:PlaceKinds.
    pointKind: URIRef  # How the report introduces a speech point (affirmed, pointed out, emphasised), fr
    pointedOut: URIRef  # The speaker pointed out what is necessary.
    post: URIRef  # The post a post holding is of.
    presided: URIRef  # Presided over the meeting.
    province: URIRef  # A province, or its work as a whole.
    provincialUnit: URIRef  # A department or body at provincial level.
    rating: URIRef  # The rating a subject received, from the scheme govkg:Ratings.
    recipient: URIRef  # The place or body that received an honour.
    reportedOn: URIRef  # The date of the report that states a fact: the fact held then, as far as the rep
    required: URIRef  # The speaker required or demanded action.
    sha256: URIRef  # The SHA-256 digest (hex) of the report's bytes, so a reader can check they quote
    speaker: URIRef  # The person who delivered a speech.
    speech: URIRef  # The speech a point or key task belongs to.
    statedAreaCount: URIRef  # The number of areas the report says a work plan has.
    statedRecipientCount: URIRef  # The number of recipients the report says an honour conferral has; it may name fe
    statedTaskCount: URIRef  # The number of tasks the report says a work plan or work area has; it may differ
    subjectKind: URIRef  # The kind of subject rated (city government, provincial unit, customs, province),
    text: URIRef  # The passage of the report that a speech point renders, with typography normalise
    videoAndTelephoneConference: URIRef  # Held by video and telephone link between a main venue and branch venues.
    within: URIRef  # The larger place a place lies in.
    workArea: URIRef  # The work area a task is listed under.
    workPlan: URIRef  # The work plan a work area belongs to.
    year: URIRef  # The year a work plan or an assessment covers.
    accompanied: URIRef  # Accompanied the visiting party of a survey visit or field trip.
    reportedWork: URIRef  # Delivered a work report (on the work of an area or body) to the meeting.
    surveyVisit: URIRef  # Leaders visit sites to inspect and guide work on the spot.
    surveyed: URIRef  # Came as one of the visiting party of a survey visit.
    township: URIRef  # A township (below a county or county-level city).


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (the terms this project uses)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasTarget: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


PREFIXES: dict[str, str] = {
    "govkg": str(GOVKG._NS),
    "dcterms": str(DCTERMS._NS),
    "foaf": str(FOAF._NS),
    "oa": str(OA._NS),
    "org": str(ORG._NS),
    "owl": str(OWL),
    "prov": str(PROV._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "skos": str(SKOS._NS),
    "xsd": str(XSD._NS),
}
"""Prefixes written into every Turtle and TriG output, in this order."""
