"""Options several verbs share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govkg.errors import CommandError
from govkg.settings import Project, base_iri, default_root


def register(_: object) -> None:
    """Not a verb: this module only holds shared options."""


def add_project_options(parser: argparse.ArgumentParser) -> None:
    """``--root``, ``--out`` and ``--base-iri``."""
    parser.add_argument(
        "--root", type=Path, default=None, help="project folder holding graph/ and ontology/ (default: this checkout, or $GOVKG_ROOT)"
    )
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/graph/build)")
    parser.add_argument(
        "--base-iri", default=None, help="base IRI for data nodes (default: $GOVKG_BASE_IRI or https://example.org/govkg/id/)"
    )


def project_from(args: argparse.Namespace) -> Project:
    """The project the options name."""
    return Project.at(args.root or default_root(), args.out)


def base_from(args: argparse.Namespace) -> str:
    """The base IRI the options name; a bad one is an error with exit code 2."""
    try:
        return base_iri(args.base_iri)
    except ValueError as error:
        raise CommandError(f"{error}; pass e.g. --base-iri https://example.org/kg/", code=2) from None


def say(message: str) -> None:
    """A line of progress, on stderr so that stdout stays data."""
    print(message, file=sys.stderr, flush=True)
