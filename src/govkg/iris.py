"""Minting IRIs: stable and readable, from source keys, under one configurable base.

The merge rule lives here. Shared entities get IRIs from their normalised name and a scope, so
the same person or body named in two reports becomes one node:

=================  ==========================================================
people             ``person/<province>/<name>`` (province: the report's ``province``)
organisations      ``org/<scope>/<name>`` (scope: the item's ``scope``, else the province)
national ones      ``person/national/<name>``, ``org/national/<name>`` (``level: national``)
posts              ``post/<organisation path>/<role>``
roles              ``role/<role>``
places             ``place/<name>`` for a province or country, else ``place/<within>/<name>``
platforms          ``platform/<province>/<name>``; initiatives likewise
slogans, honours   ``concept/<name>``, ``honour/<name>``
=================  ==========================================================

The report's ``province`` is the province it is about, or, where the text names none, the
broadest place it does name (a city): the merge context is never taken from outside the text.
The scope segment of an IRI is a merge key, not a claim; claims are triples such as
``govkg:jurisdiction`` and ``govkg:within``.

Names are normalised with :func:`govkg.text.slugify` (case, typography, spacing ignored).
Everything a single report says (meetings, post holdings, tasks, results, quotes) is minted
under ``report/<report key>/`` from the curator's ids, so reports never collide.
"""

from __future__ import annotations

from rdflib import URIRef

from govkg.load import Item, ReportRecords
from govkg.text import slugify

NATIONAL = "national"
"""The scope segment of people and bodies marked ``level: national`` (the State Council): they
merge across reports of every place."""

SHARED_PREFIX = {
    "Person": "person",
    "Organization": "org",
    "Platform": "platform",
    "Initiative": "initiative",
    "Concept": "concept",
    "Honour": "honour",
    "Place": "place",
}
"""Item types whose nodes are shared across reports, and the first segment of their IRIs."""


class Minter:
    """Mints the IRIs of one report's items.

    Args:
        base: The base IRI, ending in ``/`` or ``#``.
        records: The report whose items are minted.

    """

    def __init__(self, base: str, records: ReportRecords) -> None:
        self.base = base
        self.records = records
        self.items = records.by_id()
        self.province = self.place_path(self.items[str(records.report.get("province"))])

    def report(self) -> URIRef:
        """The report's own node."""
        return URIRef(f"{self.base}report/{self.records.key}")

    def graph(self) -> URIRef:
        """The named graph that holds what this report says."""
        return URIRef(f"{self.base}graph/{self.records.key}")

    def local(self, *parts: str) -> URIRef:
        """A node that belongs to this report alone."""
        return URIRef(f"{self.base}report/{self.records.key}/" + "/".join(parts))

    def place_path(self, place: Item) -> str:
        """``zhejiang`` or ``zhejiang/hangzhou``: the path of a place, outermost first."""
        within = place.get("within")
        own = slugify(place.name)
        if within is None:
            return own
        return f"{self.place_path(self.items[str(within)])}/{own}"

    def org_path(self, org: Item) -> str:
        """``zhejiang/provincial-market-supervision-bureau``: the path of an organisation."""
        if org.get("level") == "national":
            return f"{NATIONAL}/{slugify(org.name)}"
        scope = org.get("scope")
        scope_path = self.province if scope is None else self.place_path(self.items[str(scope)])
        return f"{scope_path}/{slugify(org.name)}"

    def item(self, item: Item) -> URIRef:
        """The node of any item."""
        kind = item.type
        if kind == "Report":
            return self.report()
        if kind == "Place":
            return URIRef(f"{self.base}place/{self.place_path(item)}")
        if kind == "Organization":
            return URIRef(f"{self.base}org/{self.org_path(item)}")
        if kind == "Person" and item.get("level") == "national":
            return URIRef(f"{self.base}person/{NATIONAL}/{slugify(item.name)}")
        if kind in ("Person", "Platform", "Initiative"):
            return URIRef(f"{self.base}{SHARED_PREFIX[kind]}/{self.province}/{slugify(item.name)}")
        if kind in ("Concept", "Honour"):
            return URIRef(f"{self.base}{SHARED_PREFIX[kind]}/{slugify(item.name)}")
        return self.local(_kebab(kind), item.id)

    def post(self, org: Item, role: str) -> URIRef:
        """The post of ``role`` in ``org``."""
        return URIRef(f"{self.base}post/{self.org_path(org)}/{slugify(role)}")

    def role(self, role: str) -> URIRef:
        """The role concept for a role word such as ``Deputy Director``."""
        return URIRef(f"{self.base}role/{slugify(role)}")

    def annotation(self, start: int, end: int) -> URIRef:
        """The annotation of the quote at ``start``-``end``; one per distinct span."""
        return self.local("quote", f"{start}-{end}")

    def name_attestation(self, item: Item, name: str) -> URIRef:
        """The node recording that the report calls ``item`` by ``name`` too."""
        return self.local("name", item.id, slugify(name))

    def stated_relation(self, item: Item, key: str) -> URIRef:
        """The reified relation for ``key`` of ``item``."""
        return self.local("relation", item.id, key.replace("_", "-"))


def _kebab(name: str) -> str:
    out = [("-" + ch.lower()) if ch.isupper() else ch for ch in name]
    return "".join(out).lstrip("-")
