"""Synthetic reports for the scale benchmark: report texts and their entities files.

Every report has the shape of the real ones (see graph/entities/zhejiang-2021-food-drug-safety-conference.yaml):
a meeting, 3-10 people with 1-3 posts each, 10-30 organisations from a per-province pool, a
speech with points, key tasks, slogans and platforms, a work plan with areas and tasks, an
assessment with results, and an honour. Every item's quote is cut from the synthetic text at the
offset where it was written, so it is really there; when it occurs more than once the item says
which occurrence it is.

All names are invented (made-up provinces, cities and people). The output is deterministic
from the seed, and report number ``i`` is the same whatever the total number of reports, so a
project of n+1 reports is the project of n reports plus one.

    python -m benchmarks.generate --reports 100 --out benchmarks/work/r100
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govkg.text import find_all

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "work"
DEFAULT_SEED = 20240501

PROVINCES = ("Aldera", "Brevant", "Corvane", "Delmora", "Estrand", "Falcor", "Grennick", "Halvard")
CITY_HEADS = (
    "Ash",
    "Bel",
    "Cor",
    "Dun",
    "Elm",
    "Fen",
    "Glen",
    "Hol",
    "Ing",
    "Jar",
    "Kel",
    "Lin",
    "Mor",
    "Nor",
    "Oak",
    "Pen",
    "Ros",
    "Sal",
    "Tor",
    "Wyn",
)
CITY_TAILS = ("brook", "ford", "haven", "mere", "stead", "wick", "dale", "port", "field", "crest")
SURNAMES = (
    "Arlo",
    "Brint",
    "Cass",
    "Dorn",
    "Ember",
    "Falk",
    "Garr",
    "Hale",
    "Ivo",
    "Jory",
    "Kell",
    "Lorne",
    "Mact",
    "Nyle",
    "Orrin",
    "Pell",
    "Quill",
    "Rusk",
    "Sorr",
    "Tamm",
)
GIVEN = (
    "Avi",
    "Bexa",
    "Cael",
    "Dova",
    "Enno",
    "Fira",
    "Galo",
    "Hesk",
    "Ilan",
    "Juno",
    "Kira",
    "Levo",
    "Mira",
    "Noxa",
    "Odan",
    "Pim",
    "Rho",
    "Sela",
    "Tavi",
    "Uma",
    "Vell",
    "Wren",
    "Xan",
    "Yara",
    "Zev",
)

DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("Provincial Market Supervision Bureau", "bureau"),
    ("Provincial Drug Administration", "bureau"),
    ("Provincial Food and Materials Bureau", "bureau"),
    ("Provincial Medical Insurance Bureau", "bureau"),
    ("Provincial Statistics Bureau", "bureau"),
    ("Provincial Forestry Bureau", "bureau"),
    ("Provincial Sports Bureau", "bureau"),
    ("Provincial Public Security Department", "department"),
    ("Provincial Department of Finance", "department"),
    ("Provincial Department of Agriculture and Rural Affairs", "department"),
    ("Provincial Department of Education", "department"),
    ("Provincial Department of Economic and Information Technology", "department"),
    ("Provincial Department of Science and Technology", "department"),
    ("Provincial Department of Civil Affairs", "department"),
    ("Provincial Department of Justice", "department"),
    ("Provincial Department of Human Resources and Social Security", "department"),
    ("Provincial Department of Natural Resources", "department"),
    ("Provincial Department of Ecology and Environment", "department"),
    ("Provincial Department of Housing and Urban-Rural Development", "department"),
    ("Provincial Department of Transportation", "department"),
    ("Provincial Department of Water Resources", "department"),
    ("Provincial Department of Commerce", "department"),
    ("Provincial Department of Culture and Tourism", "department"),
    ("Provincial Emergency Management Department", "department"),
    ("Provincial Health Commission", "commission"),
    ("Provincial Development and Reform Commission", "commission"),
    ("Provincial Food and Drug Safety Commission", "commission"),
    ("Provincial Committee of Political and Legal Affairs", "commission"),
    ("Provincial Food and Drug Safety Office", "office"),
    ("Provincial Foreign Affairs Office", "office"),
    ("Provincial Party Committee Propaganda Department", "party-body"),
    ("Provincial Party Committee Organization Department", "party-body"),
)
ROLES = {
    "government": ("Governor", "Deputy Governor", "Secretary-General", "Deputy Secretary-General"),
    "party-body": ("head", "deputy head"),
    "customs-office": ("director", "deputy director"),
}
DEFAULT_ROLES = ("director", "deputy director")

DOMAINS = (
    "food and drug safety",
    "work safety",
    "ecological environment protection",
    "market supervision",
    "rural revitalization",
    "emergency management",
    "digital reform",
    "public health",
)
CONCEPTS = (
    "four most stringent",
    "five guarantees",
    "important window",
    "zero tolerance",
    "safety valve",
    "vegetable basket",
    "medicine jar",
    "bottom-line thinking",
    "three chains",
    "green shield",
    "clear rivers",
    "blue sky",
    "steady growth",
    "six stabilities",
    "double security",
    "one network",
    "two mountains",
    "common prosperity",
    "high-quality development",
    "red line",
    "full chain",
    "smart governance",
    "ten thousand villages",
    "clean hands",
    "open door",
    "first mile",
    "last mile",
    "one code",
    "strong base",
    "safe province",
)
PLATFORM_THINGS = (
    "Food Chain",
    "Cold Chain",
    "Grain Chain",
    "Drug Chain",
    "Farm Code",
    "Water Code",
    "Health Code",
    "Safety Map",
    "Market Link",
    "Risk Radar",
)
INITIATIVES = ("three chains and one code", "two nets and one map", "four codes in one", "one network for all")
TASK_VERBS = ("strengthen", "improve", "promote", "deepen", "optimise", "build", "expand", "consolidate", "standardise", "accelerate")
TASK_OBJECTS = (
    "risk monitoring",
    "random inspections",
    "traceability systems",
    "credit supervision",
    "emergency response",
    "law enforcement capacity",
    "publicity and education",
    "liability insurance",
    "inspection networks",
    "grassroots supervision",
    "standard systems",
    "source control",
    "joint prevention and control",
    "information sharing",
    "professional training",
    "industry self-discipline",
    "complaint handling",
    "quality certification",
    "cold chain management",
    "online supervision",
    "key-unit inspections",
    "case exposure",
    "co-governance mechanisms",
    "regional cooperation",
)
AREA_NAMES = (
    "Deepen joint prevention and control",
    "Promote digital empowerment",
    "Improve closed-loop management",
    "Strict law enforcement and supervision",
    "Optimise the business environment",
    "Strengthen capacity building",
    "Gather social forces",
    "Deepen the implementation of responsibilities",
    "Consolidate the grassroots foundation",
    "Advance reform and innovation",
)
KEY_TASKS = (
    "make every effort to promote digital reform",
    "adhere to fully closed-loop risk management",
    "strengthen the supervision of the whole process",
    "consolidate the foundation for high-level safety",
    "accelerate the improvement of co-governance",
    "tighten the responsibility system",
    "raise the level of emergency response",
    "deepen the reform of supervision",
)
HONOUR_THEMES = ("Food Safety", "Work Safety", "Green Development", "Health Promotion")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


# ------------------------------------------------------------------ the shared pools


@dataclass(frozen=True)
class Org:
    """An organisation of a province's pool."""

    key: str
    name: str
    kind: str
    text: str
    """How the text writes it (typographic apostrophes)."""


@dataclass(frozen=True)
class Person:
    """A person of a province's pool, with the posts they hold: (org key, role)."""

    key: str
    name: str
    posts: tuple[tuple[str, str], ...]


@dataclass
class Province:
    """A province's pool: its cities, organisations, people and platforms, fixed by the seed."""

    name: str
    cities: list[str]
    orgs: dict[str, Org]
    people: list[Person]
    initiative: str
    platforms: list[str]
    honour_theme: str


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def make_province(seed: int, index: int) -> Province:
    """The pool of province number ``index``: the same for a seed whatever the number of reports."""
    rng = random.Random(f"{seed}:province:{index}")
    name = PROVINCES[index]
    cities = rng.sample([h + t for h in CITY_HEADS for t in CITY_TAILS], 8)
    orgs: dict[str, Org] = {}
    government = f"{name} Provincial People's Government"
    orgs["government"] = Org("government", government, "government", government.replace("'", "\u2019"))
    for dept, kind in DEPARTMENTS:
        orgs[_slug(dept)] = Org(_slug(dept), dept, kind, dept)
    for city in cities[:2]:
        customs = f"{city} Customs"
        orgs[_slug(customs)] = Org(_slug(customs), customs, "customs-office", customs)
    names = rng.sample([f"{s} {g}" for s in SURNAMES for g in GIVEN], 80)
    people: list[Person] = []
    org_keys = list(orgs)
    for person_name in names:
        held = rng.sample(org_keys, rng.choice((1, 1, 2, 2, 3)))
        posts = tuple((key, rng.choice(ROLES.get(orgs[key].kind, DEFAULT_ROLES))) for key in held)
        people.append(Person(_slug(person_name), person_name, posts))
    things = rng.sample(PLATFORM_THINGS, 4)
    return Province(
        name=name,
        cities=cities,
        orgs=orgs,
        people=people,
        initiative=INITIATIVES[index % len(INITIATIVES)],
        platforms=[f"{name} {thing}" for thing in things],
        honour_theme=HONOUR_THEMES[index % len(HONOUR_THEMES)],
    )


# ------------------------------------------------------------------ one report


@dataclass(frozen=True)
class At:
    """A quote: the exact text and where it was written."""

    exact: str
    start: int


class Writer:
    """Appends text and remembers where each piece starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def put(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def text(self) -> str:
        return "".join(self.parts)


class Sentence:
    """A sentence made of pieces; :meth:`mark` remembers a piece's offset in it."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0

    def add(self, text: str) -> int:
        at = self.length
        self.pieces.append(text)
        self.length += len(text)
        return at

    def __str__(self) -> str:
        return "".join(self.pieces)


@dataclass
class Report:
    """One synthetic report under construction."""

    key: str
    province: Province
    rng: random.Random
    w: Writer = field(default_factory=Writer)
    items: list[dict[str, Any]] = field(default_factory=list)
    org_items: set[str] = field(default_factory=set)
    city_items: set[str] = field(default_factory=set)

    def item(self, quote: At, **fields: Any) -> dict[str, Any]:
        entry: dict[str, Any] = dict(fields)
        entry["quote"] = quote
        self.items.append(entry)
        return entry

    def org(self, org: Org, quote: At) -> str:
        """The id of ``org``'s item, adding the item at its first mention."""
        if org.key not in self.org_items:
            self.org_items.add(org.key)
            entry: dict[str, Any] = {"type": "Organization", "id": org.key, "name": org.name, "kind": org.kind}
            if org.kind == "government":
                entry["governs"] = "province"
            self.item(quote, **entry)
        return org.key

    def city(self, name: str, quote: At, reason: str) -> str:
        key = "city-" + _slug(name)
        if key not in self.city_items:
            self.city_items.add(key)
            self.item(quote, type="Place", id=key, name=name, kind="city", within="province", within_inferred_because=reason)
        return key


def build_report(seed: int, index: int, provinces: list[Province]) -> tuple[str, str, str]:
    """Report number ``index``: its key, its text and its entities file (YAML)."""
    rng = random.Random(f"{seed}:report:{index}")
    province = provinces[rng.randrange(len(provinces))]
    year = rng.randint(2018, 2024)
    meeting_day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    domain = rng.choice(DOMAINS)
    key = f"synthetic-{index:05d}-{_slug(province.name)}-{year}-{_slug(domain)}"
    report = Report(key, province, rng)
    w = report.w
    p = province.name
    orgs = province.orgs

    # title and metadata line
    in_person = rng.random() < 0.3
    form_text = "work conference" if in_person else "video and telephone conference"
    title = f"{p} holds a {form_text} on {domain} work in the province in {year}"
    report_date = meeting_day + dt.timedelta(days=1)
    head = f"{title}\nBy: Date: {report_date.isoformat()} Categories: synthetic"
    start = w.put(head)
    w.put(" Tags: ,\n   ")
    report.item(At(head, start), type="Report", id="report", title=title, date=report_date, category="synthetic", province="province")

    # the meeting
    part = rng.choice(("morning", "afternoon"))
    s = Sentence()
    s.add(f"On the {part} of {MONTHS[meeting_day.month - 1]} {meeting_day.day}, ")
    at_place = s.add(f"{p} held a {form_text}")
    s.add(f" on {domain} work in the province. ")
    base = w.put(str(s))
    report.item(At(f"{p} held a {form_text}", base + at_place), type="Place", id="province", name=p, kind="province")
    report.item(
        At(str(s).rstrip(), base),
        type="Meeting",
        id="meeting",
        name=f"{form_text} on {domain} work in the province",
        date=meeting_day,
        part_of_day=part,
        form="in-person" if in_person else "video-and-telephone-conference",
        organiser="province",
    )

    # the people, their posts and their parts in the meeting
    people = rng.sample(province.people, rng.randint(3, 10))
    parts = ["presided", "delivered-speech", "announced"] + ["attended"] * (len(people) - 3)
    verbs = {
        "presided": "presided over the meeting.",
        "delivered-speech": "attended the meeting and delivered a speech.",
        "announced": f"announced the main points of the province\u2019s {domain} work in {year}.",
        "attended": "attended the meeting.",
    }
    for person, role in zip(people, parts, strict=True):
        s = Sentence()
        s.add(f"{person.name}, ")
        titles: list[tuple[str, str, str, int]] = []  # org key, role, title, end offset
        for n, (org_key, role_word) in enumerate(person.posts):
            if n:
                s.add(" and ")
            org = orgs[org_key]
            title_text = f"{role_word} of {org.text}"
            s.add(title_text)
            titles.append((org_key, role_word, title_text, s.length))
        s.add(f", {verbs[role]} ")
        base = w.put(str(s))
        sentence = str(s).rstrip()
        report.item(At(sentence, base), type="Person", id=person.key, name=person.name)
        for org_key, role_word, title_text, end in titles:
            org = orgs[org_key]
            report.org(org, At(sentence, base))
            report.item(
                At(sentence[:end], base),
                type="PostHolding",
                id=f"{person.key}-{_slug(role_word)}-{org_key}",
                person=person.key,
                organization=org_key,
                role=role_word,
                title=title_text.replace("\u2019", "'"),
            )
        report.item(
            At(sentence, base), type="Participation", id=f"{person.key}-{role}", meeting="meeting", participant=person.key, role=role
        )
        if role == "delivered-speech":
            report.item(
                At(sentence, base),
                type="Participation",
                id=f"{person.key}-attended",
                meeting="meeting",
                participant=person.key,
                role="attended",
            )
    w.put("\n  ")

    # the speech
    speaker, announcer = people[1], people[2]
    concepts = rng.sample(CONCEPTS, rng.randint(2, 5))
    mentioned: set[str] = set()

    def concept_item(name: str, at: int) -> str:
        cid = "concept-" + _slug(name)
        if cid not in mentioned:
            mentioned.add(cid)
            report.item(At(f"the\u201d{name}\u201d", at), type="Concept", id=cid, name=name)
        return cid

    text_so_far = w.text()
    said = "attended the meeting and delivered a speech"
    speech_at = text_so_far.index(said)
    report.item(At(said, speech_at), type="Speech", id="speech", meeting="meeting", speaker=speaker.key, name=f"speech by {speaker.name}")
    points = [
        ("affirmed", f"{speaker.name} fully affirmed the positive contributions made by the {domain} front in the province in {year - 1}."),
    ]
    for n, concept in enumerate(concepts[:2]):
        kind = ("pointed-out", "emphasised", "required")[n]
        verb = {"pointed-out": "pointed out", "emphasised": "emphasized", "required": "required"}[kind]
        points.append(
            (
                kind,
                f"{speaker.name} {verb} that it is necessary to keep to the\u201d{concept}\u201d"
                f" and to carry the {domain} work of {year} forward step by step.",
            )
        )
    for n, (kind, sentence) in enumerate(points):
        base = w.put(sentence + " ")
        entry = report.item(At(sentence, base), type="SpeechPoint", id=f"point-{n + 1}", speech="speech", kind=kind)
        if kind != "affirmed":
            concept = concepts[n - 1]
            cid = concept_item(concept, base + sentence.index(f"the\u201d{concept}\u201d"))
            entry["mentions"] = [cid]
    w.put("\n  ")
    key_tasks = rng.sample(KEY_TASKS, rng.randint(2, 4))
    ordinals = ("First", "Second", "Third", "Fourth", "Fifth")
    platforms = rng.sample(province.platforms, rng.randint(2, 4))
    for n, task in enumerate(key_tasks):
        s = Sentence()
        s.add(f"{ordinals[n]}, we must {task}. ")
        mentions: list[str] = []
        if n == 0:
            lead = "We will accelerate the creation of "
            at_init = s.add(f"{lead}a digital platform focusing on the\u201d{province.initiative}\u201d") + len(lead)
            listed = ", ".join(platforms[:-1]) + f", and {platforms[-1]}" if len(platforms) > 2 else " and ".join(platforms)
            at_list = s.add(" (") + 1
            s.add(f"{listed}), ")
            s.add(f"and promote the use of digital tools in the field of {domain}.")
            mentions.append("initiative")
            base = w.put(str(s) + " ")
            report.item(
                At(f"a digital platform focusing on the\u201d{province.initiative}\u201d", base + at_init),
                type="Initiative",
                id="initiative",
                name=province.initiative,
            )
            list_quote = At(f"({listed})", base + at_list)
            for platform in platforms:
                pid = "platform-" + _slug(platform)
                report.item(list_quote, type="Platform", id=pid, name=platform, initiative="initiative")
                mentions.append(pid)
        else:
            extra: str | None = concepts[2 + n - 1] if 2 + n - 1 < len(concepts) else None
            if extra is not None:
                at_c = s.add(f"Adhere to the\u201d{extra}\u201d") + len("Adhere to ")
                s.add(f" and improve the working mechanism for {domain}.")
            else:
                at_c = -1
                s.add(f"Improve the working mechanism for {domain} and its supervision.")
            base = w.put(str(s) + " ")
            if extra is not None:
                mentions.append(concept_item(extra, base + at_c))
        entry = report.item(At(str(s), base), type="KeyTask", id=f"key-task-{n + 1}", speech="speech", ordinal=n + 1, name=task)
        if mentions:
            entry["mentions"] = mentions
    w.put("\n   ")

    # the work plan: areas and tasks
    areas = rng.sample(AREA_NAMES, rng.randint(2, 4))
    counts = [rng.randint(2, 3) for _ in areas]
    objects = rng.sample(TASK_OBJECTS, sum(counts))
    opening = (
        f"{announcer.name} notified the main points of the province\u2019s {domain} work in {year},"
        f" including {sum(counts)} specific tasks in {len(areas)} areas"
    )
    base = w.put(opening + ":")
    report.item(
        At(opening, base),
        type="WorkPlan",
        id="work-plan",
        name=f"main points of the province's {domain} work in {year}",
        year=year,
        stated_area_count=len(areas),
        stated_task_count=sum(counts),
        announced_by=announcer.key,
        announced_at="meeting",
    )
    used = 0
    for n, (area, count) in enumerate(zip(areas, counts, strict=True)):
        s = Sentence()
        s.add(f"{area}, ensure that the {domain} work of the year is carried out")
        task_at: list[tuple[str, int]] = []
        for k in range(count):
            s.add(", and " if k == count - 1 else ", ")
            phrase = f"{rng.choice(TASK_VERBS)} {objects[used + k]}"
            task_at.append((phrase, s.add(phrase)))
        s.add(";")
        w.put("\n   ")
        base = w.put(str(s))
        aid = f"area-{n + 1}"
        report.item(At(str(s), base), type="WorkArea", id=aid, plan="work-plan", ordinal=n + 1, name=area, stated_task_count=count)
        for k, (phrase, at) in enumerate(task_at):
            report.item(At(phrase, base + at), type="Task", id=f"task-{n + 1}-{k + 1}", area=aid, ordinal=k + 1, name=phrase)
        used += count
    w.put("\n  ")

    # the assessment and the honour
    honour_cities = rng.sample(province.cities, rng.randint(1, 3))
    rated_cities = rng.sample(province.cities, rng.randint(2, 4))
    target_orgs = rng.randint(10, 30)
    extra_pool = [k for k in orgs if k not in report.org_items and k != "government"]
    extras = rng.sample(extra_pool, max(0, min(len(extra_pool), target_orgs - len(report.org_items) - len(rated_cities))))
    units = extras + [k for k in sorted(report.org_items) if k != "government" and rng.random() < 0.5]
    a_level = units[len(units) * 3 // 4 :] if len(units) >= 4 else []
    excellent = units[: len(units) - len(a_level)]
    assessment_name = f"evaluation and assessment of the province\u2019s {domain} work in {year - 1}"
    s = Sentence()
    s.add(f"The meeting announced the naming documents of the provincial {province.honour_theme.lower()} city and ")
    at_assess = s.add(f"the results of the {assessment_name}")
    s.add(". ")
    base = w.put(str(s))
    report.item(
        At(f"the results of the {assessment_name}", base + at_assess),
        type="Assessment",
        id="assessment",
        name=assessment_name.replace("\u2019", "'"),
        year=year - 1,
        announced_at="meeting",
    )
    honour = f"{p} {province.honour_theme} City"
    total = len(honour_cities) + rng.randint(2, 9)
    listed = " and ".join(honour_cities)
    honour_sentence = f"{total} cities including {listed} were named\u201d{p} {province.honour_theme} Cities\u201d"
    base = w.put(honour_sentence + "; ")
    honour_quote = At(honour_sentence, base)
    for city in honour_cities:
        report.city(
            city,
            honour_quote,
            f"The report names {city} among the cities given the provincial honour '{honour}';"
            f" it does not say in words that {city} lies in {p}.",
        )
    report.item(
        At(f"named\u201d{p} {province.honour_theme} Cities\u201d", base + honour_sentence.index("named")),
        type="Honour",
        id="honour",
        name=honour,
    )
    report.item(honour_quote, type="HonourConferral", id="conferral", honour="honour", stated_recipient_count=total, announced_at="meeting")
    for city in honour_cities:
        report.item(honour_quote, type="HonourAward", id=f"award-{_slug(city)}", conferral="conferral", recipient="city-" + _slug(city))
    city_list = ", ".join(rated_cities[:-1]) + f", and {rated_cities[-1]}"
    city_sentence = f"{city_list} government evaluation results were excellent"
    base = w.put(city_sentence + "; ")
    city_quote = At(city_sentence, base)
    for city in rated_cities:
        cid = report.city(
            city,
            city_quote,
            f"The report lists the government of {city} among those rated in {p}'s provincial assessment;"
            f" it does not say in words that {city} lies in {p}.",
        )
        gid = f"{_slug(city)}-government"
        report.item(
            city_quote,
            type="Organization",
            id=gid,
            name=f"{city} government",
            kind="government",
            governs=cid,
            scope=cid,
            inference=f"The report rates '{city_list} government'; read as the government of each city listed.",
        )
        report.item(
            city_quote,
            type="AssessmentResult",
            id=f"result-{gid}",
            assessment="assessment",
            subject=gid,
            subject_kind="city-government",
            rating="excellent",
        )
    for group, verdict, rating in (
        (excellent, " The evaluation result is excellent.", "excellent"),
        (a_level, " were rated A-level.", "a-level"),
    ):
        if not group:
            continue
        s = Sentence()
        for n, org_key in enumerate(group):
            if n:
                s.add(", ")
            s.add(orgs[org_key].text)
        s.add(verdict)
        base = w.put(str(s) + " ")
        whole = At(str(s), base)
        for org_key in group:
            report.org(orgs[org_key], whole)
            report.item(
                whole,
                type="AssessmentResult",
                id=f"result-{org_key}",
                assessment="assessment",
                subject=org_key,
                subject_kind="customs" if orgs[org_key].kind == "customs-office" else "provincial-unit",
                rating=rating,
            )

    # venues and groups
    w.put("\n  The meeting was held in the form of video. ")
    main_group = "The heads and liaisons of member units of the provincial leading group"
    main_phrase = f"{main_group} attended the meeting at the main venue"
    base = w.put(main_phrase + ", and ")
    branch_group = "the responsible persons of the governments of the cities and counties"
    branch_phrase = f"{branch_group} attended the meeting at the branch venues"
    base2 = w.put(branch_phrase + ".\n")
    report.item(
        At("attended the meeting at the main venue", base + len(main_group) + 1),
        type="Venue",
        id="main-venue",
        meeting="meeting",
        name="main venue",
    )
    report.item(
        At("attended the meeting at the branch venues", base2 + len(branch_group) + 1),
        type="Venue",
        id="branch-venues",
        meeting="meeting",
        name="branch venues",
    )
    report.item(
        At(main_group, base),
        type="ParticipantGroup",
        id="member-units",
        name="heads and liaisons of member units of the provincial leading group",
    )
    report.item(
        At(branch_group, base2),
        type="ParticipantGroup",
        id="city-county-officials",
        name="responsible persons of the governments of the cities and counties",
    )
    report.item(
        At(main_phrase, base),
        type="Participation",
        id="member-units-attended",
        meeting="meeting",
        participant="member-units",
        role="attended",
        venue="main-venue",
    )
    report.item(
        At(branch_phrase, base2),
        type="Participation",
        id="city-county-attended",
        meeting="meeting",
        participant="city-county-officials",
        role="attended",
        venue="branch-venues",
    )

    text = w.text()
    return key, text, entities_yaml(key, text, report.items)


def entities_yaml(key: str, text: str, items: list[dict[str, Any]]) -> str:
    """The entities file: each quote checked against the text and given its occurrence when it recurs."""
    out: list[dict[str, Any]] = []
    for entry in items:
        quote: At = entry.pop("quote")
        if text[quote.start : quote.start + len(quote.exact)] != quote.exact:
            raise AssertionError(f"{key}: quote of {entry['id']} is not at {quote.start}: {quote.exact!r}")
        starts = find_all(text, quote.exact)
        entry["quote"] = quote.exact
        if len(starts) > 1:
            entry["occurrence"] = starts.index(quote.start) + 1
        out.append(entry)
    doc = {"format": "govkg-entities/1", "report": f"{key}.txt", "status": "curated", "items": out}
    header = "# Synthetic entities for the scale benchmark (benchmarks/generate.py); invented names, not real facts.\n"
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=4096)


# ------------------------------------------------------------------ the project folder


def provinces_for(seed: int) -> list[Province]:
    """Every province pool of the seed."""
    return [make_province(seed, i) for i in range(len(PROVINCES))]


def write_report(root: Path, seed: int, index: int, provinces: list[Province] | None = None) -> str:
    """Write report number ``index`` (text and entities) into the project at ``root``; return its key."""
    key, text, entities = build_report(seed, index, provinces or provinces_for(seed))
    (root / "graph" / "reports" / f"{key}.txt").write_text(text, encoding="utf-8", newline="")
    (root / "graph" / "entities" / f"{key}.yaml").write_text(entities, encoding="utf-8")
    return key


def generate(root: Path, reports: int, seed: int = DEFAULT_SEED) -> Path:
    """Write a project of ``reports`` synthetic reports at ``root`` (replacing what was there).

    The ontology and the named queries are copied from the checkout, so
    ``govkg.settings.Project.at(root)`` builds it.
    """
    if root.exists():
        shutil.rmtree(root)
    for sub in ("graph/reports", "graph/entities"):
        (root / sub).mkdir(parents=True)
    shutil.copytree(REPO / "ontology", root / "ontology")
    shutil.copytree(REPO / "queries", root / "queries")
    provinces = provinces_for(seed)
    for index in range(reports):
        write_report(root, seed, index, provinces)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a project of synthetic reports for the scale benchmark.")
    parser.add_argument("--reports", type=int, default=10, help="how many reports (default 10)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=None, help="project folder (default benchmarks/work/r<REPORTS>)")
    args = parser.parse_args(argv)
    root = args.out or WORK / f"r{args.reports}"
    generate(root, args.reports, args.seed)
    print(f"wrote {args.reports} synthetic report(s) to {root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
