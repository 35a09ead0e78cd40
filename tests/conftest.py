"""Shared fixtures: the real project and its graph, built once per test session into a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from govkg.pipeline import BuildResult, run_build
from govkg.settings import Project
from govkg.validate import graph_of
from govkg.vocab import DEFAULT_BASE_IRI

ROOT = Path(__file__).resolve().parents[1]
ZHEJIANG = "zhejiang-2021-food-drug-safety-conference"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real graph, built from the checked-in reports and entities into a temp build folder."""
    project = Project.at(ROOT, tmp_path_factory.mktemp("build"))
    return run_build(project, DEFAULT_BASE_IRI)


@pytest.fixture(scope="session")
def kg(built: BuildResult) -> Graph:
    """The union graph of every report, as an rdflib Graph."""
    return graph_of(built.triples)


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """A folder for a test's artefacts (screenshots...) kept after the run: test-output/<test name>/."""
    folder = ROOT / "test-output" / request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
