"""Text handling: the one place typography is normalised, slugs are made and quotes are found.

The report files are kept with their bytes unchanged, odd typography included (the Zhejiang
report has only closing quote marks and often no space before them: ``the”four most
stringent”``). Quotes in entities files must match those bytes exactly. Normalisation happens
only here, and only for three purposes: comparing a curated name with its quote
(:func:`contains_name`), making slugs for IRIs (:func:`slugify`) and making readable labels
(:func:`normalise`). Quotes themselves are never normalised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
    }
)

CONTEXT_CHARS = 32
"""How many characters of text a quote selector keeps on each side (``oa:prefix``/``oa:suffix``)."""


def normalise(text: str) -> str:
    """Return ``text`` with curly quotes and dashes made plain and whitespace collapsed.

    A closing quote glued to the previous word (``the”four``) gets a space before it.
    """
    plain = text.translate(_TYPOGRAPHY)
    plain = re.sub(r'(?<=\w)"(?=\w)', ' "', plain)
    return " ".join(plain.split())


def slugify(text: str) -> str:
    """Make a lowercase ASCII slug of ``text`` for use in an IRI (``Zhe Food Chain`` → ``zhe-food-chain``)."""
    plain = unicodedata.normalize("NFKD", normalise(text)).encode("ascii", "ignore").decode()
    plain = plain.replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def name_key(text: str) -> str:
    """The key two names share when they name the same thing: case, typography and spacing ignored."""
    return slugify(text)


def contains_name(quote: str, name: str) -> bool:
    """Whether ``name`` appears in ``quote`` once both are normalised and case is ignored.

    A plural in the quote matches a singular name (``Food Safety Cities`` attests the honour
    ``Food Safety City``).
    """
    wanted = normalise(name).casefold()
    found = normalise(quote).casefold()
    return wanted in found or _singular(wanted) in _singular(found)


def _singular(text: str) -> str:
    return re.sub(r"(\w{3,}?)(?:ies\b|s\b)", lambda m: m.group(1) + ("y" if m.group(0).endswith("ies") else ""), text)


@dataclass(frozen=True)
class Span:
    """Where an exact quote sits in a text: character offsets (code points, end exclusive)."""

    exact: str
    start: int
    end: int
    prefix: str
    suffix: str
    line: int

    @classmethod
    def at(cls, text: str, start: int, exact: str) -> Span:
        """The span of ``exact`` found at ``start`` in ``text``, with its context."""
        end = start + len(exact)
        return cls(
            exact=exact,
            start=start,
            end=end,
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            line=text.count("\n", 0, start) + 1,
        )


def find_all(text: str, exact: str) -> list[int]:
    """Every start offset of ``exact`` in ``text``, overlapping matches included."""
    starts: list[int] = []
    at = text.find(exact)
    while at != -1:
        starts.append(at)
        at = text.find(exact, at + 1)
    return starts
