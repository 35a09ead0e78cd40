"""Where things are: the project's folders, and the one base-IRI setting."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from govkg.vocab import DEFAULT_BASE_IRI

BASE_IRI_VARIABLE = "GOVKG_BASE_IRI"


@dataclass(frozen=True)
class Project:
    """A govkg project folder: ``graph/reports``, ``graph/entities``, ``ontology``, ``queries``.

    Args:
        root: The folder holding ``graph/`` and ``ontology/``.
        build_dir: Where outputs go; ``graph/build`` under the root unless given.

    """

    root: Path
    build_dir: Path

    @classmethod
    def at(cls, root: Path | str, build_dir: Path | str | None = None) -> Project:
        """The project at ``root``."""
        base = Path(root)
        return cls(base, Path(build_dir) if build_dir else base / "graph" / "build")

    @property
    def reports_dir(self) -> Path:
        """Report texts, bytes unchanged."""
        return self.root / "graph" / "reports"

    @property
    def entities_dir(self) -> Path:
        """One entities file per report."""
        return self.root / "graph" / "entities"

    @property
    def ontology(self) -> Path:
        """The ontology in Turtle (the project's own ``ontology/``, else this checkout's)."""
        return _own_or_shipped(self.root, "ontology") / "govkg.ttl"

    @property
    def shapes(self) -> Path:
        """The SHACL shapes (the project's own ``ontology/``, else this checkout's)."""
        return _own_or_shipped(self.root, "ontology") / "shapes.ttl"

    @property
    def queries_dir(self) -> Path:
        """Named SPARQL queries (the project's own ``queries/``, else this checkout's)."""
        return _own_or_shipped(self.root, "queries")


CHECKOUT = Path(__file__).resolve().parents[2]
"""The folder this package was installed from (editable install): it ships ontology/ and queries/."""


def _own_or_shipped(root: Path, name: str) -> Path:
    """A data folder that has no ``ontology/`` or ``queries/`` of its own uses the shipped ones."""
    own = root / name
    return own if own.is_dir() else CHECKOUT / name


def default_root() -> Path:
    """The project root: ``GOVKG_ROOT`` if set, else the checkout this package lives in, else the cwd."""
    env = os.environ.get("GOVKG_ROOT")
    if env:
        return Path(env)
    if (CHECKOUT / "graph" / "entities").is_dir() and (CHECKOUT / "ontology").is_dir():
        return CHECKOUT
    return Path.cwd()


def base_iri(override: str | None = None) -> str:
    """The base IRI data is minted under: ``override``, else ``GOVKG_BASE_IRI``, else the default.

    Raises:
        ValueError: if it does not end in ``/`` or ``#``.

    """
    value = override or os.environ.get(BASE_IRI_VARIABLE) or DEFAULT_BASE_IRI
    if not value.endswith(("/", "#")) or "://" not in value:
        raise ValueError(f"base IRI {value!r} must be absolute and end in '/' or '#'")
    return value
