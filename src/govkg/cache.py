"""The build cache: each report's triples and validation, kept until its inputs change.

A report's cache key is a SHA-256 over everything its graph depends on: its entities file and
report text, the base IRI, the ontology and shapes, and the source of this package. A hit skips
loading, building and validating that report, so adding one report to a thousand rebuilds one.
Entries live in ``<build dir>/.cache/`` as N-Triples (``<key>.nt``) with a marker
(``<key>.valid``) once the graph has passed SHACL validation.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rdflib import URIRef

from govkg.build import ReportGraph
from govkg.export import atomic_write

_REPORT_LINE = re.compile(rb"^report:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


def report_name(entities: Path) -> str | None:
    """The report file an entities file names, read without parsing the YAML (``None`` if not found)."""
    match = _REPORT_LINE.search(entities.read_bytes())
    return match.group(1).decode("utf-8", "replace") if match else None


BUILD_MODULES = ("schema.py", "load.py", "text.py", "iris.py", "build.py", "terms.py", "vocab.py", "validate.py", "fastshacl.py")
"""The modules a report's graph and its validation depend on: editing any other module (a query,
a command) keeps the cache."""

VIEW_FILES = ("view.py", "analyse.py", "assets")
"""What the HTML view and GraphML depend on besides the graph."""


def code_fingerprint(parts: tuple[str, ...] = BUILD_MODULES) -> str:
    """A digest of the package files in ``parts`` (files or folders): new code invalidates the cache."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for part in parts:
        target = package / part
        for path in sorted(target.rglob("*")) if target.is_dir() else [target]:
            if path.is_file():
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """Per-report cache entries under ``folder``.

    Args:
        folder: Where entries are kept.
        context: Bytes every key depends on (base IRI, ontology, shapes, code).

    """

    def __init__(self, folder: Path, context: bytes) -> None:
        self.folder = folder
        self.context = hashlib.sha256(context).digest()

    def key(self, entities: Path, reports_dir: Path) -> str | None:
        """The key of one entities file, or ``None`` when its report cannot be found cheaply."""
        data = entities.read_bytes()
        name = report_name(entities)
        if name is None:
            return None
        text = reports_dir / name
        if not text.is_file():
            return None
        digest = hashlib.sha256(self.context)
        for part in (data, text.read_bytes()):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()

    def get(self, key: str, graph: URIRef, report_key: str, *, need_valid: bool) -> ReportGraph | None:
        """The cached graph for ``key``; ``None`` on a miss, or when it must be valid and was never validated."""
        triples_file = self.folder / f"{key}.nt"
        if not triples_file.is_file() or (need_valid and not (self.folder / f"{key}.valid").is_file()):
            return None
        return ReportGraph(report_key, graph, triples_file.read_bytes())

    def put(self, key: str, report: ReportGraph, *, valid: bool) -> None:
        """Keep a report's graph, and whether it passed validation."""
        atomic_write(self.folder / f"{key}.nt", report.ntriples)
        if valid:
            atomic_write(self.folder / f"{key}.valid", b"")
