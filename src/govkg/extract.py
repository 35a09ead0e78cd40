"""Draft extraction: read a report of the genre and propose its entities, every one with its quote.

Rules, not a model. Reports of Chinese government meetings on food, drug and market regulation
are formulaic, and a few patterns carry most of their facts:

* **People** are pinyin names: a surname from :data:`SURNAMES` and a given name of one to three
  pinyin syllables (``Chen Yijun``, ``Xu Xiao``), both capitalised.
* **Titles** stand before the name (``Vice Governor of the Provincial Government Zhu Congjiu``,
  ``Mayor Zou Wenhui``, ``the municipal party committee secretary Ma Minglong``) or after it, as an
  apposition between commas (``Chen Yijun, Deputy Governor of … and Deputy Director of …,
  attended``). One person may have several titles, joined by ``and`` or commas. A title is a role
  (:data:`ROLE`) with an optional ``of`` + organisation or place, or an organisation + role.
  A run of titles with no name of its own belongs to the next name when that name has titles in
  front of it (the report writes titles before names), else to the name before it.
* **Organisations** end in a head noun (:data:`HEAD_NOUNS`: Bureau, Administration, Commission,
  Committee, Office, Department, Government, Customs …), optionally followed by ``of`` + a place
  or a field (``Food Safety Office of Taizhou City``); in lower case they need a level word
  (``the municipal party committee``) or a place (``the food safety office of Songmen Township``).
  A lower-case back-reference such as ``the provincial bureau`` that fits exactly one organisation
  named before (same level word, same head noun) is that organisation, not a new one.
* **Places** are pinyin words before a level noun (``Jiayuguan City``), before a level word in an
  organisation's name (``Changde Municipal …``), or after ``Mayor of``-style titles.
* **The event**: the first ``On [the morning of] April 1`` gives its date (the year from the
  report's metadata); the sentences saying ``presided over``, ``delivered a speech`` and
  ``attended`` give who did what.

A report file may begin with ``source:``, ``title:`` and ``date:`` lines and a blank line; those
are metadata, not text. Every offset here is into the whole file, so quotes are exact substrings
(odd quote marks and missing spaces included). Nothing is fetched; the rules are plain regular
expressions and run in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from govkg.schema import FORMAT
from govkg.text import find_all, normalise, slugify

# ------------------------------------------------------------------ vocabulary of the genre

SURNAMES = frozenset(
    [
        "Ai",
        "An",
        "Ba",
        "Bai",
        "Ban",
        "Bao",
        "Bi",
        "Bian",
        "Bu",
        "Cai",
        "Cao",
        "Cen",
        "Chai",
        "Chang",
        "Che",
        "Chen",
        "Cheng",
        "Chi",
        "Chu",
        "Cong",
        "Cui",
        "Dai",
        "Dan",
        "Deng",
        "Di",
        "Diao",
        "Ding",
        "Dong",
        "Dou",
        "Du",
        "Duan",
        "Fan",
        "Fang",
        "Fei",
        "Feng",
        "Fu",
        "Gan",
        "Gao",
        "Ge",
        "Geng",
        "Gong",
        "Gu",
        "Guan",
        "Gui",
        "Guo",
        "Han",
        "Hao",
        "He",
        "Hong",
        "Hou",
        "Hu",
        "Hua",
        "Huang",
        "Huo",
        "Ji",
        "Jia",
        "Jian",
        "Jiang",
        "Jiao",
        "Jin",
        "Jing",
        "Ju",
        "Kang",
        "Ke",
        "Kong",
        "Kou",
        "Kuang",
        "Lai",
        "Lan",
        "Lang",
        "Lei",
        "Li",
        "Lian",
        "Liang",
        "Liao",
        "Lin",
        "Ling",
        "Liu",
        "Long",
        "Lou",
        "Lu",
        "Luan",
        "Luo",
        "Lv",
        "Lyu",
        "Ma",
        "Mai",
        "Man",
        "Mao",
        "Mei",
        "Meng",
        "Mi",
        "Miao",
        "Min",
        "Ming",
        "Mo",
        "Mou",
        "Mu",
        "Nie",
        "Ning",
        "Niu",
        "Ou",
        "Ouyang",
        "Pan",
        "Pang",
        "Pei",
        "Peng",
        "Pu",
        "Qi",
        "Qian",
        "Qiao",
        "Qin",
        "Qiu",
        "Qu",
        "Quan",
        "Rao",
        "Ren",
        "Rong",
        "Ruan",
        "Sang",
        "Sha",
        "Shan",
        "Shang",
        "Shao",
        "She",
        "Shen",
        "Sheng",
        "Shi",
        "Shu",
        "Si",
        "Sima",
        "Song",
        "Su",
        "Sui",
        "Sun",
        "Tan",
        "Tang",
        "Tao",
        "Teng",
        "Tian",
        "Tong",
        "Tu",
        "Wan",
        "Wang",
        "Wei",
        "Wen",
        "Weng",
        "Wu",
        "Xi",
        "Xia",
        "Xian",
        "Xiang",
        "Xiao",
        "Xie",
        "Xin",
        "Xing",
        "Xiong",
        "Xu",
        "Xue",
        "Yan",
        "Yang",
        "Yao",
        "Ye",
        "Yi",
        "Yin",
        "Ying",
        "Yong",
        "You",
        "Yu",
        "Yuan",
        "Yue",
        "Yun",
        "Zang",
        "Zeng",
        "Zha",
        "Zhai",
        "Zhan",
        "Zhang",
        "Zhao",
        "Zhen",
        "Zheng",
        "Zhong",
        "Zhou",
        "Zhu",
        "Zhuang",
        "Zhuge",
        "Zong",
        "Zou",
        "Zu",
        "Zuo",
    ]
)
"""Common Chinese surnames in pinyin: knowledge of the language, not of any report."""

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "")
_FINALS = [
    "a",
    "o",
    "e",
    "ai",
    "ei",
    "ao",
    "ou",
    "an",
    "en",
    "ang",
    "eng",
    "ong",
    "er",
    "i",
    "ia",
    "ie",
    "iao",
    "iu",
    "ian",
    "in",
    "iang",
    "ing",
    "iong",
    "u",
    "ua",
    "uo",
    "uai",
    "ui",
    "uan",
    "un",
    "uang",
    "ueng",
    "v",
    "ve",
    "ue",
    "van",
    "vn",
]
_ZERO_INITIAL_FINALS = ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er")
PINYIN_SYLLABLES = frozenset(i + f for i in _INITIALS if i for f in _FINALS) | frozenset(_ZERO_INITIAL_FINALS)
"""Pinyin syllables (a generous set: initial + final; a few impossible pairs do no harm)."""

NOT_NAMES = frozenset({"hong kong"})

ROLE_HEAD = (
    r"(?:director(?:[- ]general)?|governor|mayor|secretary(?:[- ]general)?|chairman|chairwoman|"
    r"chairperson|chair|head|commissioner|president|minister|member|inspector|leader|magistrate|"
    r"procurator|principal|spokesperson|spokesman|counsell?or|captain|chief|officer)"
)
ROLE_MODIFIER = r"(?:(?:executive|standing|first|assistant|deputy|vice|acting|chief|party|honorary|full-time)\s+)"
ROLE = rf"{ROLE_MODIFIER}*{ROLE_HEAD}"
"""A role: modifiers (Deputy, Vice, Executive …) and a head (Director, Governor, Mayor …)."""
_ROLE_RE = re.compile(rf"^{ROLE}$", re.IGNORECASE)
_ROLE_START_RE = re.compile(rf"^(?:the\s+)?{ROLE}\b", re.IGNORECASE)

HEAD_NOUNS = {
    "bureau": "bureau",
    "administration": "bureau",
    "agency": "bureau",
    "commission": "commission",
    "committee": "commission",
    "office": "office",
    "department": "department",
    "government": "government",
    "council": "government",
    "customs": "customs-office",
    "congress": "commission",
    "procuratorate": "office",
    "court": "office",
    "center": "office",
    "centre": "office",
    "institute": "office",
    "station": "office",
    "ministry": "department",
    "group": "party-body",
}
"""Head nouns of organisation names, and the kind (``org_kind``) each suggests."""

LEVEL_WORDS = frozenset({"provincial", "municipal", "city", "county", "district", "township", "state", "national", "prefectural", "town"})
TIERS = {
    "provincial": "province",
    "province": "province",
    "municipal": "city",
    "city": "city",
    "county": "county",
    "district": "district",
    "township": "township",
    "town": "township",
    "state": "state",
    "national": "state",
}
PLACE_NOUNS = {"province": "province", "city": "city", "county": "county", "district": "district", "township": "township"}
CONNECTORS = frozenset({"of", "and", "for", "on", "the", "&"})
ORG_LOWER_WORDS = frozenset(
    [
        "party",
        "people's",
        "people\u2019s",
        "standing",
        "food",
        "drug",
        "drugs",
        "safety",
        "market",
        "supervision",
        "regulation",
        "quality",
        "public",
        "security",
        "health",
        "education",
        "finance",
        "agriculture",
        "rural",
        "affairs",
        "commerce",
        "culture",
        "tourism",
        "transport",
        "water",
        "resources",
        "environment",
        "ecology",
        "ecological",
        "environmental",
        "science",
        "technology",
        "industry",
        "information",
        "civil",
        "justice",
        "emergency",
        "management",
        "medical",
        "insurance",
        "discipline",
        "inspection",
        "propaganda",
        "united",
        "front",
        "work",
        "political",
        "legal",
        "grain",
        "materials",
        "reserve",
        "taxation",
        "tax",
        "statistics",
        "audit",
        "housing",
        "construction",
        "development",
        "reform",
        "human",
        "social",
        "veterinary",
        "and",
    ]
)
"""Lower-case words an organisation's name may have besides level words and head nouns."""

NON_ORG_HEADS = frozenset(
    {"school", "farm", "hospital", "university", "company", "ltd", "ltd.", "co.", "enterprise", "village", "park", "restaurant", "canteen"}
)
"""Nouns that end the name of a site, not of a government body: a name stops after them."""

PROVINCES = frozenset(
    [
        "Anhui",
        "Beijing",
        "Chongqing",
        "Fujian",
        "Gansu",
        "Guangdong",
        "Guangxi",
        "Guizhou",
        "Hainan",
        "Hebei",
        "Heilongjiang",
        "Henan",
        "Hubei",
        "Hunan",
        "Jiangsu",
        "Jiangxi",
        "Jilin",
        "Liaoning",
        "Ningxia",
        "Qinghai",
        "Shaanxi",
        "Shandong",
        "Shanghai",
        "Shanxi",
        "Sichuan",
        "Tianjin",
        "Xinjiang",
        "Xizang",
        "Yunnan",
        "Zhejiang",
    ]
)
"""China's provincial-level divisions in pinyin: a gazetteer of the genre, used only to tell a
province from a city when the text names one."""

MONTHS = {
    m: i
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1
    )
}

_NAME_RE = re.compile(r"\b(?=([A-Z][a-z]{0,6}) ([A-Z][a-z]{1,14})\b)")
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_RE = re.compile(
    rf"\bOn (?:the (?:morning|afternoon|evening) of )?(?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|the (?P<day2>\d{{1,2}})(?:st|nd|rd|th)? of (?P<month2>{_MONTH}))"
)
_PART_OF_DAY_RE = re.compile(r"\bOn the (morning|afternoon) of\b")
_QUOTED_RE = re.compile(r"[“”\"]([^“”\"″\n]{3,80}?)[”\"″]")
_PRESIDED_RE = re.compile(r"\b(?:presided over|chaired|hosted)\b", re.IGNORECASE)
_PRESIDED_BY_RE = re.compile(r"\b(?:presided over|chaired|hosted) by\b", re.IGNORECASE)
_SPOKE_RE = re.compile(r"\b(?:delivered|made|gave) (?:a |an )?(?:important )?speech(?:es)?\b|\bspoke\b", re.IGNORECASE)
_ATTENDED_RE = re.compile(r"\b(?:attended|joined in|participated in|accompanied|were present)\b", re.IGNORECASE)
_ANNOUNCED_RE = re.compile(r"\b(?:announced|read out|notified|reported)\b", re.IGNORECASE)


class ExtractError(ValueError):
    """The report cannot be drafted (no date anywhere, for instance)."""


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Post:
    """One post of a person as the text writes it.

    ``title`` is the role words (``Deputy Director``); ``written`` the whole title
    (``Deputy Director of the Provincial Food Safety Office``); ``organization`` the body as
    written, empty when the title names none (``Mayor``, ``Mayor of Wenling``).
    """

    title: str
    organization: str
    written: str
    start: int
    end: int
    place: str = ""


@dataclass
class PersonDraft:
    """A person the text names, with the first mention and every post found."""

    name: str
    start: int
    end: int
    posts: list[Post] = field(default_factory=list)


@dataclass(frozen=True)
class OrgDraft:
    """An organisation the text names, with the further names it uses for it."""

    name: str
    kind: str
    start: int
    end: int
    aliases: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class PlaceDraft:
    """A place the text names."""

    name: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Role:
    """What a person did at the event, and the sentence that says so."""

    person: str
    role: str
    start: int
    end: int


@dataclass
class EventDraft:
    """The meeting or visit the report is about."""

    date: dt.date | None = None
    part_of_day: str | None = None
    name: str = ""
    start: int = 0
    end: int = 0
    roles: list[Role] = field(default_factory=list)

    def who(self, role: str) -> list[str]:
        """Names of the people with ``role``, in text order, once each."""
        return list(dict.fromkeys(r.person for r in self.roles if r.role == role))


@dataclass
class Extraction:
    """Everything drafted from one report text."""

    text: str
    body_start: int
    metadata: dict[str, str]
    metadata_end: int
    persons: list[PersonDraft]
    organizations: list[OrgDraft]
    places: list[PlaceDraft]
    initiatives: list[tuple[str, int, int]]
    event: EventDraft

    def as_json(self) -> dict[str, Any]:
        """The JSON shape ``govkg extract --format json`` prints; names exactly as in the text."""
        return {
            "persons": [
                {
                    "name": p.name,
                    "posts": [
                        {"title": post.title, "organization": post.organization, "quote": self.text[post.start : post.end]}
                        for post in p.posts
                    ],
                }
                for p in self.persons
            ],
            "organizations": [o.name for o in self.organizations],
            "places": [p.name for p in self.places],
            "initiatives": [name for name, _, _ in self.initiatives],
            "event": {
                "date": self.event.date.isoformat() if self.event.date else None,
                "presided_by": next(iter(self.event.who("presided")), None),
                "speakers": self.event.who("delivered-speech"),
                "attendees": self.event.who("attended"),
            },
        }


# ------------------------------------------------------------------ text helpers


def split_metadata(text: str) -> tuple[dict[str, str], int, int]:
    """The ``key: value`` header lines of a report file.

    Returns:
        The metadata, the offset where the header lines end (before the newline), and the offset
        where the text proper starts (0 and 0 when the file has no header).

    """
    match = re.match(r"((?:(?:source|title|date): [^\n]*\n)+)\n", text)
    if not match or (not match.group(1).startswith("source:") and "title:" not in match.group(1)):
        return {}, 0, 0
    metadata = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(": ")
        metadata[key] = value.strip()
    return metadata, len(match.group(1)) - 1, match.end()


def is_pinyin_word(word: str, max_syllables: int = 3) -> bool:
    """Whether ``word`` splits into one to ``max_syllables`` pinyin syllables (``Yongfu`` → yong+fu)."""
    low = word.lower().replace("'", "").replace("\u2019", "")
    if not low.isalpha() or not low.isascii():
        return False

    def split(rest: str, left: int) -> bool:
        if not rest:
            return True
        if left == 0:
            return False
        return any(rest[:n] in PINYIN_SYLLABLES and split(rest[n:], left - 1) for n in range(min(6, len(rest)), 0, -1))

    return split(low, max_syllables)


def _key(text: str) -> str:
    """The matching key of a name: typography normalised, case folded, a leading 'the' dropped."""
    plain = normalise(text).casefold().replace("-", " ")
    plain = re.sub(r"^the\s+", "", plain)
    return " ".join(plain.split())


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _sentences(text: str, start: int) -> Iterator[_Span]:
    """Sentence spans from ``start``: ends at ``.;!?`` + space or newline, not after 'Co.'/'Ltd.'."""
    pos = start
    for match in re.finditer(r"(?<!\bCo)(?<!\bLtd)(?<!\bNo)[.;!?](?=\s|$)|\n", text[start:]):
        end = start + match.end()
        if text[pos:end].strip():
            yield _trim(text, pos, end)
        pos = end
    if text[pos:].strip():
        yield _trim(text, pos, len(text))


def _trim(text: str, start: int, end: int) -> _Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Span(start, end)


def _parts(text: str, sentence: _Span) -> list[_Span]:
    """Comma-separated parts of a sentence (the comma in 'Co., Ltd.' does not split)."""
    spans = []
    pos = sentence.start
    for match in re.finditer(r",", text[sentence.start : sentence.end]):
        at = sentence.start + match.start()
        if text[max(sentence.start, at - 3) : at].endswith("Co"):
            continue
        spans.append(_trim(text, pos, at))
        pos = at + 1
    spans.append(_trim(text, pos, sentence.end))
    return [s for s in spans if s.end > s.start]


# ------------------------------------------------------------------ organisations and titles


def _words(text: str) -> list[str]:
    return text.split()


def _head_kind(word: str) -> str | None:
    return HEAD_NOUNS.get(word.casefold().strip(".,;:"))


def org_name(text: str) -> str | None:
    """``text`` (a leading 'the' dropped) if it is an organisation's name as the genre writes it.

    Capitalised: words and connectors ending in a head noun, optionally followed by ``of`` and
    capitalised words without a head noun (``Food Safety Office of Taizhou City``). Lower case:
    words of the genre ending in a head noun, with a level word or an ``of <Place> Township`` tail.
    """
    words = _words(re.sub(r"^(?:the|its|their)\s+", "", text.strip(), flags=re.IGNORECASE))
    if not words or words[0].casefold() in CONNECTORS or words[-1].casefold() in CONNECTORS:
        return None
    heads = [i for i, w in enumerate(words) if _head_kind(w)]
    if not heads:
        return None
    last = heads[-1]
    tail = words[last + 1 :]
    if tail and (tail[0] != "of" or len(tail) < 2 or not all(w[:1].isupper() or w == "and" for w in tail[1:])):
        return None
    body = words[: last + 1]
    if "of" in body and not any(_head_kind(w) for w in body[: body.index("of")]):
        return None
    capitalised = all(w[:1].isupper() or w.casefold() in CONNECTORS for w in body)
    if capitalised and words[0][:1].isupper():
        if any(
            _ROLE_RE.match(w) and w.casefold() not in ("chief",)
            for w in body
            if w.casefold() in ("director", "mayor", "governor", "secretary", "member")
        ):
            return None
        return " ".join(words)
    lower_ok = all(w.casefold() in ORG_LOWER_WORDS | LEVEL_WORDS or _head_kind(w) for w in body) and all(w.islower() for w in body)
    has_level = any(w.casefold() in LEVEL_WORDS for w in body[:-1])
    place_tail = len(tail) >= 3 and tail[-1].casefold() in PLACE_NOUNS
    if lower_ok and (has_level or place_tail) and len(body) >= 2:
        return " ".join(words)
    return None


def org_kind(name: str) -> str:
    """The ``org_kind`` an organisation's name suggests, by its head noun and party words."""
    words = _words(name)
    heads = [w for w in words if _head_kind(w)]
    kind = _head_kind(heads[-1]) if heads else "office"
    if "party" in name.casefold().split() or "propaganda" in name.casefold():
        return "party-body"
    return kind or "office"


@dataclass(frozen=True)
class _Title:
    role: str
    organization: str
    place: str
    written: str


def parse_titles(text: str) -> list[_Title] | None:
    """Parse ``text`` as one or more titles joined by 'and', or return ``None`` if it is not one."""
    stripped = re.sub(r"^(?:and|as well as)\s+", "", text.strip(), flags=re.IGNORECASE)
    if not stripped:
        return None
    pieces = re.split(rf"\s+and\s+(?=(?:the\s+)?{ROLE}\b)", stripped, flags=re.IGNORECASE)
    titles = [_parse_title(piece) for piece in pieces]
    if any(t is None for t in titles):
        return None
    return [t for t in titles if t is not None]


def _parse_title(text: str) -> _Title | None:
    written = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    words = _words(written)
    if not words:
        return None
    # role (of org | of place)?
    for cut in range(len(words), 0, -1):
        role = " ".join(words[:cut])
        if not _ROLE_RE.match(role):
            continue
        rest = words[cut:]
        if not rest:
            return _Title(role, "", "", written)
        if rest[0] != "of":
            return None
        target = " ".join(rest[1:])
        org = org_name(target)
        if org:
            return _Title(role, org, "", written)
        place = _place_phrase(target)
        if place:
            return _Title(role, "", place, written)
        return None
    # org role
    for cut in range(1, len(words)):
        role = " ".join(words[cut:])
        if _ROLE_RE.match(role):
            org = org_name(" ".join(words[:cut]))
            if org:
                return _Title(role, org, "", written)
    return None


def _place_phrase(text: str) -> str:
    """``Wenling`` for 'Wenling' or 'Wenling City'; empty when ``text`` is not a place."""
    words = _words(re.sub(r"^the\s+", "", text))
    if len(words) == 2 and words[1].casefold() in PLACE_NOUNS:
        words = words[:1]
    if len(words) == 1 and words[0][:1].isupper() and is_pinyin_word(words[0], 4):
        return words[0]
    return ""


def _longest_prefix_titles(text: str) -> tuple[list[_Title], int] | None:
    """The titles at the start of ``text`` and their length, when a verb phrase follows them."""
    spans = [m.end() for m in re.finditer(r"\S+", text)]
    for end in reversed(spans):
        titles = parse_titles(text[:end])
        if titles:
            return titles, end
    return None


def _longest_suffix_titles(text: str) -> tuple[list[_Title], int] | None:
    """The titles at the end of ``text`` and where they start (the name follows them)."""
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    for start in starts:
        piece = text[start:]
        piece = re.sub(r"^Comrade\s*$", "", piece)
        titles = parse_titles(piece)
        if titles:
            return titles, start
    return None


# ------------------------------------------------------------------ the extractor


class _Extractor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.metadata, self.metadata_end, self.body_start = split_metadata(text)
        self.persons: dict[str, PersonDraft] = {}
        self.orgs: dict[str, OrgDraft] = {}
        self.places: dict[str, PlaceDraft] = {}
        self.names: list[tuple[int, int, str]] = []

    # -- people

    def find_names(self) -> None:
        for match in _NAME_RE.finditer(self.text, self.body_start):
            surname, given = match.group(1), match.group(2)
            name = f"{surname} {given}"
            if surname not in SURNAMES or name.casefold() in NOT_NAMES:
                continue
            if not is_pinyin_word(given, 3) or given.casefold() in PLACE_NOUNS:
                continue
            following = self.text[match.end(2) : match.end(2) + 12]
            if re.match(r" (?:City|County|District|Township|Province)\b", following):
                continue
            start, end = match.start(1), match.end(2)
            self.names.append((start, end, name))
            key = _key(name)
            if key not in self.persons:
                self.persons[key] = PersonDraft(name, start, end)

    def add_post(self, name: str, title: _Title, start: int, end: int) -> None:
        person = self.persons[_key(name)]
        referent = self.referent(title.organization)
        if referent:
            title = _Title(title.role, referent, title.place, title.written)
        post = Post(title.role, title.organization, title.written, start, end, title.place)
        for old in person.posts:
            if _key(old.title) == _key(post.title) and _key(old.organization) == _key(post.organization):
                return
        if not post.organization:
            # A bare role ("Director Zhu Zhiquan") repeats a post already given in full.
            if any(_key(old.title) == _key(post.title) for old in person.posts):
                return
        else:
            person.posts[:] = [old for old in person.posts if old.organization or _key(old.title) != _key(post.title)]
        person.posts.append(post)
        if title.organization:
            self.add_org(title.organization, start, end)
        if title.place:
            self.add_place(title.place, "city", start, end)

    def titles(self) -> None:
        for sentence in _sentences(self.text, self.body_start):
            self.sentence_titles(sentence)

    def sentence_titles(self, sentence: _Span) -> None:
        parts = _parts(self.text, sentence)
        # each part: ("name", [(name, start, end, pre_titles, pre_start)], tail_empty) or ("titles", titles, end) or ("other",)
        kinds: list[tuple[str, Any]] = []
        for part in parts:
            names = [(s, e, n) for s, e, n in self.names if part.start <= s and e <= part.end]
            if names:
                entries = []
                pos = part.start
                for s, e, n in names:
                    pre = self.text[pos:s]
                    found = _longest_suffix_titles(pre)
                    entries.append((n, s, e, found[0] if found else [], pos + found[1] if found else s))
                    pos = e
                tail = self.text[names[-1][1] : part.end].strip()
                kinds.append(("name", (entries, not tail or tail.startswith("'s") or tail.startswith("\u2019s"))))
                continue
            found = _longest_prefix_titles(self.text[part.start : part.end])
            if found:
                kinds.append(("titles", (found[0], part.start, part.start + found[1])))
            else:
                kinds.append(("other", None))
        for entries_kind, value in kinds:
            if entries_kind == "name":
                for name, _, e, pre_titles, pre_start in value[0]:
                    for title in pre_titles:
                        self.add_post(name, title, pre_start, e)
        index = 0
        while index < len(kinds):
            if kinds[index][0] != "titles":
                index += 1
                continue
            run_end = index
            while run_end < len(kinds) and kinds[run_end][0] == "titles":
                run_end += 1
            run = [kinds[i][1] for i in range(index, run_end)]
            after = kinds[run_end] if run_end < len(kinds) else None
            before = kinds[index - 1] if index > 0 else None
            if after is not None and after[0] == "name" and after[1][0][0][3]:
                name, _, e, _, _ = after[1][0][0]
                for titles, start, _ in run:
                    for title in titles:
                        self.add_post(name, title, start, e)
            elif before is not None and before[0] == "name" and before[1][1]:
                name, s, _, _, _ = before[1][0][-1]
                for titles, _, end in run:
                    for title in titles:
                        self.add_post(name, title, s, end)
            index = run_end

    # -- organisations

    def add_org(self, name: str, start: int, end: int) -> None:
        key = _key(name)
        if key in self.orgs:
            return
        where = self.text.find(name, start, end)
        if where < 0:
            where = self.text.find(name, self.body_start)
        if where < 0:
            return
        self.orgs[key] = OrgDraft(name, org_kind(name), where, where + len(name))
        self.org_places(name, where)
        inner = re.search(r"\bof (?:the )?(.+)$", name)
        if inner and org_name(inner.group(1)):
            self.add_org(re.sub(r"^the\s+", "", inner.group(1)), where, where + len(name))

    def org_places(self, name: str, where: int) -> None:
        words = _words(name)
        if len(words) >= 2 and is_pinyin_word(words[0], 4) and words[0][:1].isupper() and words[0].casefold() not in LEVEL_WORDS:
            kind = "province" if words[1].casefold() == "provincial" else "city"
            if words[1].casefold() in PLACE_NOUNS:
                kind = PLACE_NOUNS[words[1].casefold()]
            self.add_place(words[0], kind, where, where + len(name))
        tail = re.search(r"\bof ([A-Z]\w+) (City|County|District|Township|Province)$", name)
        if tail:
            self.add_place(tail.group(1), PLACE_NOUNS[tail.group(2).casefold()], where, where + len(name))

    def scan_orgs(self) -> None:
        masked = self.masked()
        run_re = re.compile(r"(?:[A-Z][\w\u2019'\-]*|[A-Z]\.)(?:\s+(?:of|and|for|on|the|&|[A-Z][\w\u2019'\-]*))*")
        for match in run_re.finditer(masked, self.body_start):
            self.orgs_in_run(match.start(), match.group(0))
        lower = re.compile(
            r"\bthe ((?:[a-z\u2019']+ ){0,4}?(?:"
            + "|".join(HEAD_NOUNS)
            + r"))\b(?:( of [A-Z]\w+ (?:City|County|District|Township|Province))\b)?"
        )
        for match in lower.finditer(masked, self.body_start):
            name = match.group(1) + (match.group(2) or "")
            if not org_name(name):
                continue
            if self.back_reference(name):
                continue
            self.add_org(name, match.start(1), match.end())

    def back_reference(self, name: str) -> bool:
        """Whether ``name`` ('the provincial bureau') refers to a body named before."""
        return bool(self.referent(name))

    def referent(self, name: str) -> str:
        """The body a back-reference such as 'the provincial bureau' means.

        That is the one body named before with that level word and that head noun; empty when
        none or several fit.
        """
        words = name.casefold().split()
        if len(words) != 2 or words[0] not in LEVEL_WORDS or not name.islower():
            return ""
        fits = [
            o.name
            for o in self.orgs.values()
            if words[0] in o.name.casefold().split() and _words(o.name)[-1].casefold() == words[1] and _key(o.name) != _key(name)
        ]
        return fits[0] if len(fits) == 1 else ""

    def orgs_in_run(self, start: int, run: str) -> None:
        # A run of capitalised words may hold several names: cut it after a site's noun
        # ("… Language School and Changgeng …") and at role words ("… Government and Deputy
        # Director of …"), then take the longest name from the earliest word of each piece.
        pieces: list[tuple[int, str]] = []
        pos = 0
        role_re = re.compile(rf"(?:\band\s+)?(?:the\s+)?\b{ROLE}\b(?:\s+of\b)?", re.IGNORECASE)
        cut_re = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in NON_ORG_HEADS) + r")(?=\s|$)", re.IGNORECASE)
        cuts = sorted([(m.start(), m.end()) for m in role_re.finditer(run)] + [(m.end(), m.end()) for m in cut_re.finditer(run)])
        for cut_start, cut_end in cuts:
            if cut_start >= pos:
                pieces.append((pos, run[pos:cut_start]))
                pos = cut_end
        pieces.append((pos, run[pos:]))
        for at, piece in pieces:
            words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", piece)]
            index = 0
            while index < len(words):
                found = None
                for end in range(len(words), index, -1):
                    candidate = " ".join(w for _, w in words[index:end])
                    if candidate[:1].isupper() and candidate.split()[0].casefold() not in CONNECTORS and org_name(candidate):
                        found = (end, candidate)
                        break
                if found is None:
                    index += 1
                    continue
                begin = start + at + words[index][0]
                self.add_org(found[1], begin, begin + len(found[1]))
                index = found[0]

    def loose_key(self, name: str) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
        """The words of a name that identify a body, its place words and its tiers.

        Level words, 'People's', 'of', 'the' and word order are ignored, and Committee and
        Commission (two translations of one word) are one word. The tier is what the level words
        say (Municipal and City are one tier).
        """
        places = {_key(p) for p in self.places}
        words = [w.casefold().strip(".,") for w in normalise(name).replace("'s", "s").split()]
        own_places = frozenset(w for w in words if w in places)
        tiers = frozenset(TIERS[w] for w in words if w in TIERS)
        rest = [w for w in words if w not in places and w not in LEVEL_WORDS and w not in ("of", "the", "peoples")]
        rest = ["committee" if w == "commission" else w for w in rest]
        return tuple(sorted(rest)), own_places, tiers

    def group_orgs(self) -> list[OrgDraft]:
        """One draft per body, with the further names of each as aliases.

        A name that differs from another only by level words of the same tier, word order, or a
        missing place word (when just one body fits) is an alias of it.
        """
        ordered = sorted(self.orgs.values(), key=lambda o: o.start)
        groups: list[tuple[list[OrgDraft], tuple[str, ...], set[str], set[str]]] = []
        for org in ordered:
            words, places, tiers = self.loose_key(org.name)
            fits = [
                g
                for g in groups
                if g[1] == words and (g[2] == places or not g[2] or not places) and (g[3] == tiers or not g[3] or not tiers)
            ]
            if len(fits) > 1 and places:
                fits = [g for g in fits if g[2] == places]
            if len(fits) == 1:
                fits[0][0].append(org)
                fits[0][2].update(places)
                fits[0][3].update(tiers)
            else:
                groups.append(([org], words, set(places), set(tiers)))
        result = []
        for members, _, _, _ in groups:
            main = max(members, key=lambda o: (len(self.loose_key(o.name)[1]), len(o.name)))
            aliases = tuple((o.name, o.start, o.end) for o in members if o is not main)
            result.append(OrgDraft(main.name, main.kind, main.start, main.end, aliases))
        return sorted(result, key=lambda o: o.start)

    def masked(self) -> str:
        """The text with person names blanked, so organisation runs stop at a name."""
        chars = list(self.text)
        for s, e, _ in self.names:
            chars[s:e] = "#" * (e - s)
        return "".join(chars)

    # -- places

    def add_place(self, name: str, kind: str, start: int, end: int) -> None:
        key = _key(name)
        if key in self.places or _key(name) in self.persons:
            if key in self.places and kind == "province" and self.places[key].kind != "province":
                old = self.places[key]
                self.places[key] = PlaceDraft(old.name, "province", old.start, old.end)
            return
        where = self.text.find(name, start, end) if end > start else -1
        if where < 0:
            where = self.text.find(name, self.body_start)
        if name in PROVINCES:
            kind = "province"
        self.places[key] = PlaceDraft(name, kind, where, where + len(name))

    def scan_places(self) -> None:
        for match in re.finditer(r"\b(" + "|".join(sorted(PROVINCES)) + r")\b", self.text[self.body_start :]):
            at = self.body_start + match.start()
            self.add_place(match.group(1), "province", at, at + len(match.group(1)))
        for match in re.finditer(r"\b([A-Z][a-z]+) (City|County|District|Township|Province)\b", self.text[self.body_start :]):
            if is_pinyin_word(match.group(1), 4) and match.group(1) not in SURNAMES | {"Municipal"}:
                at = self.body_start + match.start()
                self.add_place(match.group(1), PLACE_NOUNS[match.group(2).casefold()], at, at + len(match.group(1)))
        for match in re.finditer(r"\b(?:came to|arrived in|went to) ([A-Z][a-z]+)\b", self.text[self.body_start :]):
            word = match.group(1)
            if is_pinyin_word(word, 4) and word not in SURNAMES and len(word) > 3:
                at = self.body_start + match.start(1)
                self.add_place(word, "city", at, at + len(word))
        for match in re.finditer(
            r"(?:^|[.,]\s+)([A-Z][a-z]+) (?:held|holds|organized|organised|convened)\b", self.text[self.body_start :], re.MULTILINE
        ):
            word = match.group(1)
            if is_pinyin_word(word, 4) and len(word) > 3:
                at = self.body_start + match.start(1)
                self.add_place(word, "city", at, at + len(word))

    # -- event

    def event(self) -> EventDraft:
        event = EventDraft()
        body = self.text[self.body_start :]
        found = _DATE_RE.search(body)
        year = self.year()
        if found and year:
            month = MONTHS[(found.group("month") or found.group("month2")).casefold()]
            day = int(found.group("day") or found.group("day2"))
            try:
                event.date = dt.date(year, month, day)
            except ValueError:
                event.date = None
            sentence = next(s for s in _sentences(self.text, self.body_start) if s.start <= self.body_start + found.start() < s.end)
            event.start, event.end = sentence.start, sentence.end
            event.name = _event_name(self.text[sentence.start : sentence.end])
            part = _PART_OF_DAY_RE.search(self.text[sentence.start : sentence.end])
            event.part_of_day = part.group(1) if part else None
        for sentence in _sentences(self.text, self.body_start):
            chunk = self.text[sentence.start : sentence.end]
            names = [(s, n) for s, _, n in self.names if sentence.start <= s < sentence.end]
            for pattern, role in (
                (_PRESIDED_RE, "presided"),
                (_SPOKE_RE, "delivered-speech"),
                (_ATTENDED_RE, "attended"),
                (_ANNOUNCED_RE, "announced"),
            ):
                verb = pattern.search(chunk)
                if not verb:
                    continue
                if role == "presided" and _PRESIDED_BY_RE.search(chunk):
                    chosen = [n for s, n in names if s >= sentence.start + verb.start()]
                else:
                    chosen = [n for s, n in names if s < sentence.start + verb.start()]
                    if role == "announced" and not chosen:
                        continue
                for name in chosen:
                    event.roles.append(Role(self.persons[_key(name)].name, role, sentence.start, sentence.end))
        return event

    def year(self) -> int | None:
        for value in (self.metadata.get("date", ""), self.text[self.body_start : self.body_start + 400]):
            match = re.search(r"\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)\b", value)
            if match:
                return int(match.group(1))
        return None

    def report_date(self) -> dt.date | None:
        for value in (self.metadata.get("date", ""), self.text[self.body_start : self.body_start + 400]):
            match = re.search(r"\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)\b", value)
            if match:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return None

    def initiatives(self) -> list[tuple[str, int, int]]:
        found: dict[str, tuple[str, int, int]] = {}
        for match in _QUOTED_RE.finditer(self.text, self.body_start):
            name = match.group(1)
            if name != name.strip() or len(name.split()) < 2:
                continue
            found.setdefault(_key(name), (name, match.start(1), match.end(1)))
        return list(found.values())

    def run(self) -> Extraction:
        self.find_names()
        self.scan_orgs()
        self.titles()
        self.scan_places()
        persons = sorted(self.persons.values(), key=lambda p: p.start)
        return Extraction(
            text=self.text,
            body_start=self.body_start,
            metadata=self.metadata,
            metadata_end=self.metadata_end,
            persons=persons,
            organizations=self.group_orgs(),
            places=sorted(self.places.values(), key=lambda p: p.start),
            initiatives=self.initiatives(),
            event=self.event(),
        )


def _event_name(sentence: str) -> str:
    held = re.search(r"\b(?:held|holds|organized|organised|convened)\s+(?:a |an |the )?(.+?)(?:\s+to\s|[.;]|$)", sentence)
    if held:
        return held.group(1).strip(" ,")
    was_held = re.search(r"(?:the |a |an )?([^,]+?)\s+was held\b", sentence)
    if was_held:
        return was_held.group(1).strip(" ,")
    came = re.search(r"\bcame to (\w+) to (.+?)(?:[.;]|$)", sentence)
    if came:
        return f"{came.group(2)} in {came.group(1)}"
    return "meeting"


def extract(text: str) -> Extraction:
    """Draft the entities of one report text.

    Args:
        text: The whole report file, metadata lines included.

    Returns:
        People with their posts, organisations, places, quoted initiatives and the event, each
        with offsets into ``text``.

    """
    return _Extractor(text).run()


# ------------------------------------------------------------------ the draft entities file

DRAFT_HEADER = """\
# DRAFT written by `govkg extract` from {report} by rules; nothing here has been checked.
# Review every item against the report: fix names, posts and organisations, add what the rules
# missed (speech points, work plans, assessments, honours), mark inferences with a reason, and
# then set 'status: curated'. The builder refuses a file whose status is draft.
"""


def _occurrence(text: str, quote: str, start: int) -> int | None:
    starts = find_all(text, quote)
    if len(starts) <= 1:
        return None
    return starts.index(start) + 1 if start in starts else 1


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, *parts: str) -> str:
        base = "-".join(slugify(p) for p in parts if slugify(p)) or "item"
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def draft_entities(extraction: Extraction, report_name: str) -> str:
    """The draft entities file (YAML, ``status: draft``) for ``report_name``.

    Raises:
        ExtractError: when the report gives no date (the Report item needs one).

    """
    text = extraction.text
    ids = _Ids()
    items: list[dict[str, Any]] = []

    def quoted(item: dict[str, Any], start: int, end: int) -> dict[str, Any]:
        quote = text[start:end]
        item["quote"] = quote
        occurrence = _occurrence(text, quote, start)
        if occurrence is not None:
            item["occurrence"] = occurrence
        return item

    report_date = _Extractor(text).report_date()
    if report_date is None:
        raise ExtractError(f"{report_name}: no date found (no 'date:' line, no 'Date: YYYY-MM-DD' in the first lines)")
    first_line = _trim(
        text, extraction.body_start, text.find("\n", extraction.body_start) if "\n" in text[extraction.body_start :] else len(text)
    )
    title = extraction.metadata.get("title") or text[first_line.start : first_line.end]
    report: dict[str, Any] = {"type": "Report", "id": "report", "title": normalise(title), "date": report_date}
    if extraction.metadata.get("source"):
        report["source_url"] = extraction.metadata["source"]

    place_ids: dict[str, str] = {}
    place_items: list[dict[str, Any]] = []
    for place in extraction.places:
        pid = ids.make(place.name)
        place_ids[_key(place.name)] = pid
        place_items.append(quoted({"type": "Place", "id": pid, "name": place.name, "kind": place.kind}, place.start, place.end))
    provinces = [p for p in place_items if p["kind"] == "province"]
    if provinces:
        report["province"] = provinces[0]["id"]
    elif place_items:
        report["province"] = place_items[0]["id"]
        report["note"] = (
            "DRAFT: the text names no province; 'province' points at the first place it names. Add the "
            "province as a Place with an 'inference:' reason and point 'province' at it."
        )
    else:
        raise ExtractError(f"{report_name}: no place found to stand for the report's province")
    if extraction.metadata_end:
        items.append(quoted(report, 0, extraction.metadata_end))
    else:
        items.append(quoted(report, first_line.start, first_line.end))
    items += place_items

    person_ids: dict[str, str] = {}
    for person in extraction.persons:
        pid = ids.make(person.name)
        person_ids[_key(person.name)] = pid
        item = quoted({"type": "Person", "id": pid, "name": person.name}, person.start, person.end)
        bare = [p for p in person.posts if not p.organization]
        if bare:
            item["note"] = (
                "DRAFT: also called " + "; ".join(f"'{p.written}'" for p in bare) + " (no organisation named, so no post holding drafted)."
            )
        items.append(item)

    org_ids: dict[str, str] = {}
    for org in extraction.organizations:
        oid = ids.make(org.name)
        org_ids[_key(org.name)] = oid
        item = quoted({"type": "Organization", "id": oid, "name": org.name, "kind": org.kind}, org.start, org.end)
        if org.aliases:
            item["aliases"] = [
                quoted(
                    {"name": name, "inference": "DRAFT: differs from the main name only by level words, word order or a place word."},
                    start,
                    end,
                )
                for name, start, end in org.aliases
            ]
        for name, _, _ in org.aliases:
            org_ids[_key(name)] = oid
        items.append(item)

    for person in extraction.persons:
        for post in person.posts:
            if not post.organization or _key(post.organization) not in org_ids:
                continue
            pid = person_ids[_key(person.name)]
            hid = ids.make(pid, post.title, org_ids[_key(post.organization)])
            item = {
                "type": "PostHolding",
                "id": hid,
                "person": pid,
                "organization": org_ids[_key(post.organization)],
                "role": post.title,
                "title": normalise(post.written),
            }
            items.append(quoted(item, post.start, post.end))

    event = extraction.event
    if event.date is not None:
        meeting: dict[str, Any] = {"type": "Meeting", "id": "meeting", "name": normalise(event.name), "date": event.date}
        if event.part_of_day:
            meeting["part_of_day"] = event.part_of_day
        items.append(quoted(meeting, event.start, event.end))
        for role in event.roles:
            pid = person_ids[_key(role.person)]
            items.append(
                quoted(
                    {"type": "Participation", "id": ids.make(pid, role.role), "meeting": "meeting", "participant": pid, "role": role.role},
                    role.start,
                    role.end,
                )
            )

    for name, start, end in extraction.initiatives:
        items.append(
            quoted(
                {
                    "type": "Concept",
                    "id": ids.make(name),
                    "name": name,
                    "note": "DRAFT: a quoted phrase; a slogan, an initiative or a document title. Retype it or delete it.",
                },
                start,
                end,
            )
        )

    document = {"format": FORMAT, "report": report_name, "status": "draft", "items": items}
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return DRAFT_HEADER.format(report=report_name) + body
