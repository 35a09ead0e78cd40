"""Stage 1: read a report text and its entities file, audit them, and return records.

Every problem is an :class:`~govkg.errors.InputError` naming the file, the line or entity, and
the fix. Nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from govkg.errors import InputError
from govkg.schema import (
    ALIAS_KEYS,
    CHOICES,
    COMMON_KEYS,
    FORMAT,
    INFERRED_SUFFIX,
    ITEM_TYPES,
    STATUSES,
    TOP_KEYS,
    Key,
    Kind,
)
from govkg.text import Span, contains_name, find_all

# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Alias:
    """A further name the report uses for an entity, with its quote."""

    name: str
    span: Span
    inference: str | None


@dataclass(frozen=True)
class Item:
    """One audited item of an entities file.

    ``fields`` holds the type's keys (references as local ids, choices as their strings,
    dates as :class:`datetime.date`); ``inferred`` maps a reference key to the reason when the
    text does not state that relation.
    """

    type: str
    id: str
    fields: Mapping[str, Any]
    span: Span
    line: int
    inference: str | None = None
    note: str | None = None
    aliases: tuple[Alias, ...] = ()
    inferred: Mapping[str, str] | None = None
    key_lines: Mapping[str, int] | None = None

    def get(self, key: str) -> Any:
        """The value of ``key``, or ``None`` when the item does not set it."""
        return self.fields.get(key)

    @property
    def name(self) -> str:
        """The item's name (or title, for a report)."""
        value = self.fields.get("name", self.fields.get("title", self.id))
        return str(value)


@dataclass(frozen=True)
class ReportRecords:
    """A report's text and its audited items, ready for :mod:`govkg.build`."""

    key: str
    text_path: Path
    entities_path: Path
    text: str
    sha256: str
    status: str
    items: tuple[Item, ...]

    @property
    def report(self) -> Item:
        """The report's own item (there is exactly one)."""
        return next(item for item in self.items if item.type == "Report")

    def by_id(self) -> dict[str, Item]:
        """Items by their local id."""
        return {item.id: item for item in self.items}

    def of_type(self, type_name: str) -> Iterator[Item]:
        """Items of one type, in file order."""
        return (item for item in self.items if item.type == type_name)


# ------------------------------------------------------ YAML with line numbers


class _LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _LineList(list[Any]):
    line: int = 0


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses ~10x faster


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings and lists remember their line numbers."""


def _construct_map(loader: Any, node: yaml.MappingNode) -> _LineDict:
    explicit = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - explicit  # flatten_mapping puts keys from '<<' first
    result = _LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    own: set[str] = set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if index >= merged:
            if key in own:
                raise _DuplicateKey(key, key_line)
            own.add(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_line
    return result


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> _LineList:
    result = _LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def read_yaml(path: Path) -> Any:
    """Parse ``path`` as YAML, keeping line numbers on mappings and lists."""
    raw = _read_utf8(path, "entities file")
    if not raw.strip():
        raise InputError(path, "the entities file is empty", "write the items of the report, or delete the file")
    try:
        return yaml.load(raw, Loader=_LineLoader)
    except _DuplicateKey as error:
        raise InputError(path, f"key '{error.key}' is given twice", "keep one of them", line=error.line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(error.problem or error).split())
        raise InputError(path, f"malformed YAML: {problem}", "fix the syntax at that line", line=line) from None
    except yaml.YAMLError as error:
        raise InputError(path, f"malformed YAML: {' '.join(str(error).split())}", "fix the syntax") from None


def _read_utf8(path: Path, what: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, f"{what} not found", "check the path") from None
    except IsADirectoryError:
        raise InputError(path, f"{what} is a directory", "give a file") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            path,
            f"{what} is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            "convert it to UTF-8, e.g. iconv -f GB18030 -t UTF-8",
            line=line,
        ) from None


# ------------------------------------------------------------------ loading


def read_report_text(path: Path) -> str:
    """Read a report's text: UTF-8, not empty, bytes otherwise untouched (no newline translation)."""
    text = _read_utf8(path, "report")
    if not text.strip():
        raise InputError(path, "the report is empty", "put the report's text in the file")
    return text


def load_entities(entities_path: Path, reports_dir: Path) -> ReportRecords:
    """Read and audit one entities file and the report text it names.

    Args:
        entities_path: The YAML entities file.
        reports_dir: The folder holding report texts; the file's ``report`` key names one.

    Returns:
        The audited records.

    Raises:
        InputError: for any problem, naming the file, the line or entity, and the fix.

    """
    doc = read_yaml(entities_path)
    if not isinstance(doc, _LineDict):
        raise InputError(entities_path, "the entities file is not a mapping", f"start it with 'format: {FORMAT}'", line=1)
    _audit_keys(doc, TOP_KEYS, entities_path, "the file", "remove it; the file takes " + ", ".join(TOP_KEYS))
    for key in TOP_KEYS:
        if key not in doc:
            raise InputError(entities_path, f"the key '{key}' is missing", f"add '{key}:' at the top level", line=1)
    if doc["format"] != FORMAT:
        raise InputError(entities_path, f"unknown format {doc['format']!r}", f"write 'format: {FORMAT}'", line=doc.key_lines["format"])
    if doc["status"] not in STATUSES:
        raise InputError(
            entities_path, f"unknown status {doc['status']!r}", "write 'status: curated' or 'status: draft'", line=doc.key_lines["status"]
        )
    report_name = doc["report"]
    if not isinstance(report_name, str) or "/" in report_name or not report_name:
        raise InputError(
            entities_path, "'report' must be a file name in graph/reports/", "e.g. 'report: my-report.txt'", line=doc.key_lines["report"]
        )
    text_path = reports_dir / report_name
    if not text_path.is_file():
        raise InputError(
            entities_path,
            f"report '{report_name}' not found in {reports_dir}",
            "add the report text or fix the name",
            line=doc.key_lines["report"],
        )
    text = read_report_text(text_path)
    raw_items = doc["items"]
    if not isinstance(raw_items, _LineList) or not raw_items:
        raise InputError(
            entities_path, "'items' must be a non-empty list", "list the report's items under 'items:'", line=doc.key_lines["items"]
        )

    auditor = _Auditor(entities_path, text)
    items = [auditor.item(raw) for raw in raw_items]
    auditor.resolve(items)
    reports = [item for item in items if item.type == "Report"]
    if len(reports) != 1:
        raise InputError(entities_path, f"{len(reports)} items of type Report", "give exactly one item of type Report", line=raw_items.line)
    return ReportRecords(
        key=text_path.stem,
        text_path=text_path,
        entities_path=entities_path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        status=str(doc["status"]),
        items=tuple(items),
    )


def _audit_keys(mapping: _LineDict, allowed: Any, path: Path, what: str, fix: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise InputError(path, f"unknown key '{key}' in {what}", fix, line=mapping.key_lines[key])


class _Auditor:
    """Checks items one by one, then their references."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.seen: dict[str, int] = {}

    def fail(self, problem: str, fix: str, line: int, entity: str | None = None) -> InputError:
        return InputError(self.path, problem, fix, line=line, entity=entity)

    def item(self, raw: Any) -> Item:
        if not isinstance(raw, _LineDict):
            line = getattr(raw, "line", None) or 0
            raise self.fail("an item is not a mapping", "write each item as 'key: value' lines", line)
        type_name = raw.get("type")
        if type_name not in ITEM_TYPES:
            raise self.fail(
                f"unknown entity type {type_name!r}",
                "use one of " + ", ".join(sorted(ITEM_TYPES)),
                raw.key_lines.get("type", raw.line),
                raw.get("id") if isinstance(raw.get("id"), str) else None,
            )
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not item_id.strip():
            raise self.fail(f"a {type_name} has no id", "add 'id: some-key' (letters, digits, hyphens)", raw.line)
        if item_id in self.seen:
            raise self.fail(f"duplicate id (first on line {self.seen[item_id]})", "give each item its own id", raw.line, item_id)
        self.seen[item_id] = raw.line
        spec = ITEM_TYPES[type_name]
        keys = {**COMMON_KEYS, **spec.keys}
        inferred: dict[str, str] = {}
        for key in raw:
            if key.endswith(INFERRED_SUFFIX) and keys.get(key.removesuffix(INFERRED_SUFFIX), Key(Kind.TEXT)).kind is Kind.REF:
                inferred[key.removesuffix(INFERRED_SUFFIX)] = self.value(raw, key, Key(Kind.TEXT, True), item_id)
                continue
            if key not in keys:
                raise self.fail(
                    f"unknown key '{key}' for a {type_name}",
                    "remove it; a " + type_name + " takes " + ", ".join(k for k in keys if k != "type"),
                    raw.key_lines[key],
                    item_id,
                )
        for key, spec_key in keys.items():
            if spec_key.required and key not in raw:
                raise self.fail(f"the {type_name} has no '{key}'", f"add '{key}:'", raw.line, item_id)
        for key in inferred:
            if key not in raw:
                raise self.fail(f"'{key}{INFERRED_SUFFIX}' without '{key}'", f"add '{key}:' or remove the reason", raw.line, item_id)
        fields = {key: self.value(raw, key, keys[key], item_id) for key in raw if key in spec.keys and key != "aliases"}
        span = self.span(raw, item_id)
        if spec.name_in_quote and "inference" not in raw and not contains_name(span.exact, str(fields["name"])):
            raise self.fail(
                f"name '{fields['name']}' does not appear in its quote",
                "quote the passage that names it, or spell the name as the report does",
                raw.key_lines["quote"],
                item_id,
            )
        aliases = tuple(self.alias(a, item_id) for a in raw.get("aliases") or [])
        return Item(
            type=type_name,
            id=item_id,
            fields=fields,
            span=span,
            line=raw.line,
            inference=self.value(raw, "inference", COMMON_KEYS["inference"], item_id) if "inference" in raw else None,
            note=self.value(raw, "note", COMMON_KEYS["note"], item_id) if "note" in raw else None,
            aliases=aliases,
            inferred=inferred or None,
            key_lines=dict(raw.key_lines),
        )

    def value(self, raw: _LineDict, key: str, spec: Key, item_id: str) -> Any:
        value = raw[key]
        line = raw.key_lines[key]
        if spec.kind in (Kind.TEXT, Kind.REF):
            if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
                raise self.fail(f"'{key}' must be non-empty text", f"write '{key}: ...'", line, item_id)
            return str(value)
        if spec.kind is Kind.INT:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail(f"'{key}' must be a whole number, not {value!r}", f"write e.g. '{key}: 3'", line, item_id)
            return value
        if spec.kind is Kind.DATE:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                raise self.fail(f"'{key}' is not a date: {value!r}", "write it as YYYY-MM-DD", line, item_id) from None
        if spec.kind is Kind.CHOICE:
            allowed = CHOICES[spec.choices]
            if value not in allowed:
                raise self.fail(f"'{key}' is {value!r}", "use one of " + ", ".join(allowed), line, item_id)
            return str(value)
        if spec.kind is Kind.REFS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.fail(f"'{key}' must be a list of ids", f"write '{key}: [id-one, id-two]'", line, item_id)
            return tuple(value)
        raise AssertionError(spec.kind)

    def span(self, raw: _LineDict, item_id: str) -> Span:
        exact = raw["quote"]
        line = raw.key_lines["quote"]
        if not isinstance(exact, str) or not exact.strip():
            raise self.fail("'quote' must be non-empty text", "copy the passage from the report", line, item_id)
        starts = find_all(self.text, exact)
        if not starts:
            raise self.fail(
                f"quote not found in the report: {_short(exact)!r}",
                "copy it exactly from the report, curly quote marks and missing spaces included",
                line,
                item_id,
            )
        occurrence = raw.get("occurrence")
        if occurrence is None:
            if len(starts) > 1:
                raise self.fail(
                    f"quote occurs {len(starts)} times in the report: {_short(exact)!r}",
                    f"lengthen it or add 'occurrence: N' (1 to {len(starts)})",
                    line,
                    item_id,
                )
            return Span.at(self.text, starts[0], exact)
        if isinstance(occurrence, bool) or not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
            raise self.fail(
                f"occurrence {occurrence!r} but the quote occurs {len(starts)} time(s)",
                f"use a number from 1 to {len(starts)}",
                raw.key_lines["occurrence"],
                item_id,
            )
        return Span.at(self.text, starts[occurrence - 1], exact)

    def alias(self, raw: Any, item_id: str) -> Alias:
        if not isinstance(raw, _LineDict):
            raise self.fail("an alias is not a mapping", "write each alias with 'name:' and 'quote:'", getattr(raw, "line", 0), item_id)
        _audit_keys(raw, ALIAS_KEYS, self.path, f"an alias of '{item_id}'", "an alias takes " + ", ".join(ALIAS_KEYS))
        for key, spec in ALIAS_KEYS.items():
            if spec.required and key not in raw:
                raise self.fail(f"an alias has no '{key}'", f"add '{key}:'", raw.line, item_id)
        name = self.value(raw, "name", ALIAS_KEYS["name"], item_id)
        span = self.span(raw, item_id)
        if not contains_name(span.exact, name):
            raise self.fail(
                f"alias '{name}' does not appear in its quote", "quote the passage that uses it", raw.key_lines["quote"], item_id
            )
        inference = self.value(raw, "inference", ALIAS_KEYS["inference"], item_id) if "inference" in raw else None
        return Alias(name=name, span=span, inference=inference)

    def resolve(self, items: list[Item]) -> None:
        types = {item.id: item.type for item in items}
        for item in items:
            spec = ITEM_TYPES[item.type]
            for key, value in item.fields.items():
                key_spec = spec.keys[key]
                if key_spec.kind not in (Kind.REF, Kind.REFS):
                    continue
                line = (item.key_lines or {}).get(key, item.line)
                for target in (value,) if key_spec.kind is Kind.REF else value:
                    if target not in types:
                        raise self.fail(
                            f"'{key}' refers to '{target}', which no item has as its id",
                            "fix the id or add that item",
                            line,
                            item.id,
                        )
                    if types[target] not in key_spec.targets:
                        raise self.fail(
                            f"'{key}' refers to '{target}', {_a(types[target])}",
                            "it must be " + " or ".join(_a(t) for t in key_spec.targets),
                            line,
                            item.id,
                        )


def _a(noun: str) -> str:
    return ("an " if noun[0] in "AEIOU" else "a ") + noun


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
