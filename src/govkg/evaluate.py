"""How good is a draft? Precision, recall and F1 of a draft against the curated entities file.

Three things are scored:

``people``
    Person names.
``organisations``
    Organisations the text names. A gold organisation is one body with all its names (its
    ``name`` and every alias); a predicted name that is any of them finds it. Each gold body is
    found once: a second predicted body with another of its names is a false positive (the
    draft would make two nodes of one body). Gold organisations marked ``inference`` (a body
    the text does not name, such as 'Wenling government' for 'Mayor of Wenling') are not scored.
``triples``
    (person, title, organisation) for every post whose title names its organisation: the title
    is the role words (``Deputy Director``), the organisation is the name the title uses (the
    gold body's name or alias found in the post's ``title``). Posts whose title names no body
    (``Mayor Zou Wenhui``) are left out on both sides, as the text gives no organisation.

Names match after :func:`govkg.text.normalise` (curly quotes and dashes made plain, spaces
collapsed), case folding, hyphens read as spaces and a leading 'the' dropped. Nothing else is
forgiven: 'Vice Mayor' is not 'Deputy Mayor', and 'Committee' is not 'Commission'.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkg.errors import InputError
from govkg.load import ReportRecords, load_entities
from govkg.text import normalise


def match_key(text: str) -> str:
    """The key two spellings of a name share: typography, case, hyphens and a leading 'the' ignored."""
    plain = normalise(text).casefold().replace("-", " ")
    words = plain.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Facts:
    """What one entities file (or JSON draft) says, as keys ready to compare."""

    people: dict[str, str]
    """Key → name as written."""
    organisations: list[dict[str, str]]
    """One dict per body: key → name as written, for each of its names."""
    triples: dict[Triple, str]
    """(person, title, organisation) keys → a readable form."""


@dataclass(frozen=True)
class Score:
    """Counts and measures for one kind of thing."""

    kind: str
    true_positives: int
    false_positives: int
    false_negatives: int
    missed: tuple[str, ...]
    """Gold things the draft does not have."""
    extra: tuple[str, ...]
    """Draft things the gold does not have."""

    @property
    def precision(self) -> float:
        """Share of the draft's things that are right (1.0 when it has none)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of the gold things the draft has (1.0 when there are none)."""
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    """The scores of one draft against its gold."""

    report: str
    people: Score
    organisations: Score
    triples: Score

    def scores(self) -> tuple[Score, Score, Score]:
        """People, organisations, triples."""
        return (self.people, self.organisations, self.triples)


# ------------------------------------------------------------------ reading facts


def facts_of_records(records: ReportRecords) -> Facts:
    """The people, bodies and post triples of an entities file."""
    by_id = records.by_id()
    people = {match_key(p.name): p.name for p in records.of_type("Person")}
    organisations: list[dict[str, str]] = []
    for org in records.of_type("Organization"):
        if org.inference:
            continue
        names = {match_key(org.name): org.name}
        names.update({match_key(a.name): a.name for a in org.aliases})
        organisations.append(names)
    triples: dict[Triple, str] = {}
    for holding in records.of_type("PostHolding"):
        person = by_id[str(holding.get("person"))]
        org = by_id[str(holding.get("organization"))]
        title = match_key(str(holding.get("title")))
        org_names = [org.name, *(a.name for a in org.aliases)]
        written = [n for n in org_names if match_key(n) and match_key(n) in title]
        if not written:
            continue
        org_name = max(written, key=len)
        role = str(holding.get("role"))
        triples[(match_key(person.name), match_key(role), match_key(org_name))] = f"{person.name} | {role} | {org_name}"
    return Facts(people, organisations, triples)


def facts_of_json(data: dict[str, Any]) -> Facts:
    """The people, bodies and post triples of ``govkg extract --format json`` output."""
    people: dict[str, str] = {}
    triples: dict[Triple, str] = {}
    for person in data.get("persons", []):
        name = str(person["name"])
        people[match_key(name)] = name
        for post in person.get("posts", []):
            org = str(post.get("organization") or "")
            if not org:
                continue
            title = str(post["title"])
            triples[(match_key(name), match_key(title), match_key(org))] = f"{name} | {title} | {org}"
    organisations = [{match_key(str(name)): str(name)} for name in data.get("organizations", [])]
    return Facts(people, organisations, triples)


def read_facts(path: Path, reports_dir: Path) -> Facts:
    """Facts of an entities file (YAML, draft or curated) or of a JSON draft.

    Raises:
        InputError: when the file cannot be read or does not load.

    """
    if path.suffix.casefold() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(path, "draft not found", "check the path") from None
        except json.JSONDecodeError as error:
            raise InputError(
                path, f"not JSON: {error.msg}", "give the output of 'govkg extract --format json'", line=error.lineno
            ) from None
        if not isinstance(data, dict) or "persons" not in data:
            raise InputError(path, "no 'persons' in the JSON", "give the output of 'govkg extract --format json'")
        return facts_of_json(data)
    return facts_of_records(load_entities(path, reports_dir))


# ------------------------------------------------------------------ scoring


def score_sets(kind: str, gold: dict[Any, str], pred: dict[Any, str]) -> Score:
    """Score keys found against keys wanted."""
    hits = gold.keys() & pred.keys()
    return Score(
        kind,
        len(hits),
        len(pred.keys() - hits),
        len(gold.keys() - hits),
        tuple(sorted(gold[k] for k in gold.keys() - hits)),
        tuple(sorted(pred[k] for k in pred.keys() - hits)),
    )


def score_bodies(gold: Sequence[dict[str, str]], pred: Sequence[dict[str, str]]) -> Score:
    """Score predicted bodies against gold bodies; each gold body is found at most once."""
    found: set[int] = set()
    extra: list[str] = []
    for body in pred:
        match = next((i for i, g in enumerate(gold) if i not in found and g.keys() & body.keys()), None)
        if match is None:
            extra.append(next(iter(body.values())))
        else:
            found.add(match)
    missed = [next(iter(g.values())) for i, g in enumerate(gold) if i not in found]
    return Score("organisations", len(found), len(extra), len(missed), tuple(sorted(missed)), tuple(sorted(extra)))


def evaluate_facts(report: str, gold: Facts, pred: Facts) -> Evaluation:
    """Compare two sets of facts."""
    return Evaluation(
        report,
        score_sets("people", gold.people, pred.people),
        score_bodies(gold.organisations, pred.organisations),
        score_sets("triples", gold.triples, pred.triples),
    )


def evaluate(gold_path: Path, pred_path: Path, reports_dir: Path) -> Evaluation:
    """Score the draft at ``pred_path`` against the curated file at ``gold_path``."""
    gold = read_facts(gold_path, reports_dir)
    pred = read_facts(pred_path, reports_dir)
    return evaluate_facts(gold_path.stem, gold, pred)


# ------------------------------------------------------------------ printing


def format_scores(evaluations: Iterable[Evaluation], *, misses: bool = True) -> str:
    """A plain-text table (one row per report and kind), then the misses and extras of each."""
    rows = list(evaluations)
    lines = [f"{'report':<48} {'kind':<14} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    for ev in rows:
        for s in ev.scores():
            lines.append(
                f"{ev.report:<48} {s.kind:<14} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
                f"{s.true_positives:>4} {s.false_positives:>4} {s.false_negatives:>4}"
            )
    if misses:
        for ev in rows:
            for s in ev.scores():
                for name in s.missed:
                    lines.append(f"missed  {ev.report}  {s.kind}: {name}")
                for name in s.extra:
                    lines.append(f"extra   {ev.report}  {s.kind}: {name}")
    return "\n".join(lines)


def markdown_table(evaluations: Iterable[Evaluation]) -> str:
    """The eval table in Markdown, one row per report: P/R/F1 of people, bodies and triples."""
    lines = [
        "| report | people P | people R | people F1 | orgs P | orgs R | orgs F1 | triples P | triples R | triples F1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for ev in evaluations:
        cells = " | ".join(f"{s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f}" for s in ev.scores())
        lines.append(f"| {ev.report} | {cells} |")
    return "\n".join(lines)
