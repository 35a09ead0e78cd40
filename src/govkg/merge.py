"""One graph across reports: which nodes the merge rule joins, and which joins it is unsure of.

The rule itself lives in :mod:`govkg.iris`: a person is ``person/<province>/<name>`` and an
organisation ``org/<scope>/<name>``, names normalised by :func:`govkg.text.slugify`. Two reports
that name the same person in the same province therefore make one node, with each report's posts
and quotes kept in its own named graph.

A rule this plain is sometimes unsure. This module does not merge those cases; it lists them for
a person to decide (by editing an entities file: an alias, a scope, a spelling):

``same-name-other-province``
    One normalised person name under two provinces: the same official moved, or two people.
``level-word``
    Two organisations in one scope whose names differ only by level words (Provincial,
    Municipal, City …), 'People's', a place word, word order, or Committee/Commission, counting
    every alias: 'Taizhou City Government' and 'Taizhou government'.
``same-post-same-report``
    Two different people reported holding one single-holder post (not a deputy, vice or member
    post) on the same date: a misprint of one name, or two holders ('Xu Xiao' and 'Xu Miao',
    Secretary of the Wenling party committee).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from govkg.iris import Minter
from govkg.load import Item, ReportRecords
from govkg.text import normalise, slugify

LEVEL_WORDS = frozenset(
    {
        "provincial",
        "province",
        "municipal",
        "city",
        "county",
        "district",
        "township",
        "town",
        "state",
        "national",
        "peoples",
        "people",
        "the",
        "of",
    }
)
"""Words ignored when comparing organisation names for ``level-word``."""


@dataclass(frozen=True)
class Node:
    """One shared node and the reports that name it."""

    kind: str
    iri: str
    names: tuple[str, ...]
    reports: tuple[str, ...]


@dataclass(frozen=True)
class Unsure:
    """A join the rule does not make but that may be right: for a person to decide."""

    reason: str
    iris: tuple[str, ...]
    names: tuple[str, ...]
    reports: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class MergeReport:
    """Nodes named by more than one report, and the joins the rule is unsure of."""

    merged: tuple[Node, ...]
    unsure: tuple[Unsure, ...]


@dataclass
class _Seen:
    kind: str
    names: set[str]
    reports: set[str]
    scope: str


SHARED_ROLE_WORDS = frozenset({"deputy", "vice", "member", "assistant", "inspector", "counsellor", "counselor", "standing"})
"""Roles with these words may have several holders at once; other roles (Secretary, Mayor,
Director …) have one, so two holders in one report are worth a look."""


RANKS = {
    "national": "national",
    "state": "national",
    "provincial": "provincial",
    "municipal": "municipal",
    "city": "municipal",
    "county": "county",
    "district": "district",
    "township": "township",
    "town": "township",
}
"""Level words that name a rank: two names with different ranks (Municipal, Provincial) are not alike."""


def _loose_keys(names: Sequence[str], places: set[str]) -> list[tuple[tuple[str, ...], frozenset[str], frozenset[str]]]:
    keys = []
    for name in names:
        slug = [w for w in slugify(name).split("-") if w]
        words = [w for w in slug if w not in LEVEL_WORDS and w not in places]
        own_places = frozenset(w for w in slug if w in places)
        ranks = frozenset(RANKS[w] for w in slug if w in RANKS)
        keys.append((tuple(sorted("committee" if w == "commission" else w for w in words)), own_places, ranks))
    return keys


def _alike(first: Sequence[str], second: Sequence[str], places: set[str]) -> bool:
    """Same words once level words are dropped, no two different place words, no two different ranks."""
    return any(
        words_a == words_b and (places_a == places_b or not places_a or not places_b) and (ranks_a == ranks_b or not ranks_a or not ranks_b)
        for words_a, places_a, ranks_a in _loose_keys(first, places)
        for words_b, places_b, ranks_b in _loose_keys(second, places)
    )


def merge_report(records: Sequence[ReportRecords], base: str) -> MergeReport:
    """What the merge rule does with ``records``, and what it leaves for a person to decide.

    Args:
        records: Every report's audited records.
        base: The base IRI (the rule mints the same paths under any base).

    """
    seen: dict[str, _Seen] = {}
    place_words: dict[str, set[str]] = defaultdict(set)
    posts: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for rec in records:
        minter = Minter(base, rec)
        places = {slugify(p.name) for p in rec.of_type("Place")} | {slugify(a.name) for p in rec.of_type("Place") for a in p.aliases}
        by_id = rec.by_id()
        for item in rec.items:
            if item.type not in ("Person", "Organization", "Place"):
                continue
            iri = str(minter.item(item))
            scope = minter.org_path(item).rsplit("/", 1)[0] if item.type == "Organization" else minter.province
            entry = seen.setdefault(iri, _Seen(item.type, set(), set(), scope))
            entry.names.update(normalise(n) for n in _names(item))
            entry.reports.add(rec.key)
            if item.type == "Organization":
                place_words[iri].update(places)
        for holding in rec.of_type("PostHolding"):
            org = by_id[str(holding.get("organization"))]
            role = str(holding.get("role"))
            if SHARED_ROLE_WORDS & set(slugify(role).split("-")):
                continue
            post = str(minter.post(org, role))
            person = by_id[str(holding.get("person"))]
            posts[(rec.key, post)][str(minter.item(person))] = normalise(person.name)

    merged = tuple(
        Node(e.kind, iri, tuple(sorted(e.names)), tuple(sorted(e.reports))) for iri, e in sorted(seen.items()) if len(e.reports) > 1
    )
    unsure: list[Unsure] = []

    people: dict[str, list[str]] = defaultdict(list)
    for iri, e in seen.items():
        if e.kind == "Person":
            people[iri.rstrip("/").rsplit("/", 1)[1]].append(iri)
    for name, iris in sorted(people.items()):
        if len(iris) > 1:
            iris.sort()
            unsure.append(
                Unsure(
                    "same-name-other-province",
                    tuple(iris),
                    tuple(sorted(set().union(*(seen[i].names for i in iris)))),
                    tuple(sorted(set().union(*(seen[i].reports for i in iris)))),
                    f"'{name}' is named under {len(iris)} provinces: " + ", ".join(seen[i].scope for i in iris),
                )
            )

    orgs = sorted(iri for iri, e in seen.items() if e.kind == "Organization")
    for index, first in enumerate(orgs):
        for second in orgs[index + 1 :]:
            a, b = seen[first], seen[second]
            if a.scope != b.scope:
                continue
            places = place_words[first] | place_words[second]
            if _alike(sorted(a.names), sorted(b.names), places):
                unsure.append(
                    Unsure(
                        "level-word",
                        (first, second),
                        tuple(sorted(a.names | b.names)),
                        tuple(sorted(a.reports | b.reports)),
                        f"names differ only by level or place words: {sorted(a.names)} / {sorted(b.names)}",
                    )
                )

    for (report, post), holders in sorted(posts.items()):
        if len(holders) > 1:
            unsure.append(
                Unsure(
                    "same-post-same-report",
                    tuple(sorted(holders)),
                    tuple(sorted(holders.values())),
                    (report,),
                    f"{len(holders)} people hold <{post}> in one report",
                )
            )
    return MergeReport(merged, tuple(unsure))


def _names(item: Item) -> list[str]:
    return [item.name, *(a.name for a in item.aliases)]


def format_merges(report: MergeReport) -> str:
    """Plain text: the merges made, then the unsure ones."""
    lines = [f"merged across reports: {len(report.merged)} node(s)"]
    for node in report.merged:
        lines.append(f"  {node.kind:<12} <{node.iri}>  {' / '.join(node.names)}  ({', '.join(node.reports)})")
    lines.append(f"unsure, not merged: {len(report.unsure)}")
    for case in report.unsure:
        lines.append(f"  {case.reason}: {case.detail}")
        for iri in case.iris:
            lines.append(f"      <{iri}>")
        lines.append(f"      reports: {', '.join(case.reports)}")
    return "\n".join(lines)
