"""The entities-file format: which item types exist and which keys each one takes.

An entities file (``graph/entities/<report>.yaml``) is a mapping with the keys ``format``,
``report``, ``status`` and ``items``. Each item is a mapping with a ``type`` from
:data:`ITEM_TYPES`, a file-local ``id``, the exact ``quote`` from the report that attests it,
and the keys its type allows. The loader audits every key against this table: a key that is not
listed is an error, not silence.

Keys every item may have:

``occurrence``
    Which occurrence (from 1) of the quote is meant, when it occurs more than once.
``inference``
    The reason, when the item is an inference rather than a statement of the report.
``note``
    How the curator read an ambiguous passage.
``<ref-key>_inferred_because``
    Beside a reference key: the reason, when the text does not state that relation itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    """What a key's value must be."""

    TEXT = "text"
    INT = "int"
    DATE = "date"
    REF = "ref"
    REFS = "refs"
    CHOICE = "choice"
    ALIASES = "aliases"


@dataclass(frozen=True)
class Key:
    """One key an item type takes."""

    kind: Kind
    required: bool = False
    targets: tuple[str, ...] = ()
    """For REF and REFS: the item types the referenced id may have."""
    choices: str = ""
    """For CHOICE: the name of the controlled list in :data:`CHOICES`."""


def _text(required: bool = False) -> Key:
    return Key(Kind.TEXT, required)


def _int(required: bool = False) -> Key:
    return Key(Kind.INT, required)


def _ref(*targets: str, required: bool = False) -> Key:
    return Key(Kind.REF, required, targets)


def _refs(*targets: str) -> Key:
    return Key(Kind.REFS, False, targets)


def _choice(name: str, required: bool = True) -> Key:
    return Key(Kind.CHOICE, required, choices=name)


MENTIONABLE = ("Concept", "Initiative", "Platform")

COMMON_KEYS: dict[str, Key] = {
    "type": _text(True),
    "id": _text(True),
    "quote": _text(True),
    "occurrence": _int(),
    "inference": _text(),
    "note": _text(),
}


@dataclass(frozen=True)
class ItemType:
    """An item type: its keys, and whether its name must appear in its quote."""

    keys: dict[str, Key] = field(default_factory=dict)
    name_in_quote: bool = False
    """Names of people, bodies, places, platforms and slogans are spelled as in the text."""


ITEM_TYPES: dict[str, ItemType] = {
    "Report": ItemType(
        {
            "title": _text(True),
            "date": Key(Kind.DATE, True),
            "category": _text(),
            "source_url": _text(),
            "province": _ref("Place", required=True),
        }
    ),
    "Place": ItemType(
        {
            "name": _text(True),
            "kind": _choice("place_kind"),
            "within": _ref("Place"),
            "aliases": Key(Kind.ALIASES),
        },
        name_in_quote=True,
    ),
    "Person": ItemType(
        {"name": _text(True), "level": _choice("level", required=False), "aliases": Key(Kind.ALIASES)},
        name_in_quote=True,
    ),
    "Organization": ItemType(
        {
            "name": _text(True),
            "kind": _choice("org_kind"),
            "governs": _ref("Place"),
            "scope": _ref("Place"),
            "level": _choice("level", required=False),
            "aliases": Key(Kind.ALIASES),
        },
        name_in_quote=True,
    ),
    "PostHolding": ItemType(
        {
            "person": _ref("Person", required=True),
            "organization": _ref("Organization", required=True),
            "role": _text(True),
            "title": _text(True),
        }
    ),
    "Meeting": ItemType(
        {
            "name": _text(True),
            "date": Key(Kind.DATE, True),
            "part_of_day": _choice("part_of_day", required=False),
            "form": _choice("meeting_form", required=False),
            "organiser": _ref("Place", "Organization"),
        }
    ),
    "Venue": ItemType({"meeting": _ref("Meeting", required=True), "name": _text(True)}),
    "ParticipantGroup": ItemType({"name": _text(True), "drawn_from": _ref("Organization")}),
    "Participation": ItemType(
        {
            "meeting": _ref("Meeting", required=True),
            "participant": _ref("Person", "ParticipantGroup", required=True),
            "role": _choice("participation_role"),
            "venue": _ref("Venue"),
        }
    ),
    "Speech": ItemType(
        {
            "meeting": _ref("Meeting", required=True),
            "speaker": _ref("Person", required=True),
            "name": _text(True),
            "mentions": _refs(*MENTIONABLE),
        }
    ),
    "SpeechPoint": ItemType(
        {
            "speech": _ref("Speech", required=True),
            "kind": _choice("point_kind"),
            "mentions": _refs(*MENTIONABLE),
        }
    ),
    "KeyTask": ItemType(
        {
            "speech": _ref("Speech", required=True),
            "ordinal": _int(True),
            "name": _text(True),
            "mentions": _refs(*MENTIONABLE),
        }
    ),
    "Concept": ItemType({"name": _text(True)}, name_in_quote=True),
    "Initiative": ItemType({"name": _text(True), "aliases": Key(Kind.ALIASES)}, name_in_quote=True),
    "Platform": ItemType(
        {
            "name": _text(True),
            "initiative": _ref("Initiative"),
            "aliases": Key(Kind.ALIASES),
        },
        name_in_quote=True,
    ),
    "WorkPlan": ItemType(
        {
            "name": _text(True),
            "year": _int(True),
            "stated_area_count": _int(),
            "stated_task_count": _int(),
            "announced_by": _ref("Person"),
            "announced_at": _ref("Meeting"),
        }
    ),
    "WorkArea": ItemType(
        {
            "plan": _ref("WorkPlan", required=True),
            "ordinal": _int(True),
            "name": _text(True),
            "stated_task_count": _int(True),
            "mentions": _refs(*MENTIONABLE),
        }
    ),
    "Task": ItemType(
        {
            "area": _ref("WorkArea", required=True),
            "ordinal": _int(True),
            "name": _text(True),
            "mentions": _refs(*MENTIONABLE),
        }
    ),
    "Assessment": ItemType({"name": _text(True), "year": _int(True), "announced_at": _ref("Meeting")}),
    "AssessmentResult": ItemType(
        {
            "assessment": _ref("Assessment", required=True),
            "subject": _ref("Organization", "Place", required=True),
            "subject_kind": _choice("subject_kind"),
            "rating": _choice("rating"),
        }
    ),
    "Honour": ItemType({"name": _text(True)}, name_in_quote=True),
    "HonourConferral": ItemType(
        {
            "honour": _ref("Honour", required=True),
            "stated_recipient_count": _int(),
            "announced_at": _ref("Meeting"),
        }
    ),
    "HonourAward": ItemType(
        {
            "conferral": _ref("HonourConferral", required=True),
            "recipient": _ref("Place", "Organization", required=True),
        }
    ),
}

CHOICES: dict[str, tuple[str, ...]] = {
    "level": ("national",),
    "place_kind": ("country", "province", "city", "county", "district", "township"),
    "org_kind": (
        "government",
        "commission",
        "office",
        "bureau",
        "department",
        "customs-office",
        "party-body",
    ),
    "part_of_day": ("morning", "afternoon"),
    "meeting_form": ("video-and-telephone-conference", "in-person", "survey-visit"),
    "participation_role": ("presided", "delivered-speech", "announced", "attended", "surveyed", "accompanied", "reported"),
    "point_kind": ("affirmed", "pointed-out", "emphasised", "required"),
    "subject_kind": ("city-government", "provincial-unit", "customs", "province"),
    "rating": ("excellent", "a-level"),
}
"""The controlled lists: the values an entities file may use. :mod:`govkg.build` maps each to a
concept of the ontology."""

ALIAS_KEYS: dict[str, Key] = {
    "name": _text(True),
    "quote": _text(True),
    "occurrence": _int(),
    "inference": _text(),
}

TOP_KEYS = ("format", "report", "status", "items")
FORMAT = "govkg-entities/1"
STATUSES = ("curated", "draft")
INFERRED_SUFFIX = "_inferred_because"
