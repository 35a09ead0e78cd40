"""``govkg export``: one format, one graph, from the built graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from govkg.cli import main
from govkg.pipeline import BuildResult

ROOT = Path(__file__).resolve().parents[1]
WENLING = "wenling-2018-vice-governor-food-safety-survey"


def out_dir(built: BuildResult) -> Path:
    return built.outputs["N-Triples"].parent


def graph_of_report(built: BuildResult, key: str) -> Graph:
    graph = Graph()
    for report in built.graphs:
        if report.key == key:
            for triple in report.triples:
                graph.add(triple)
    return graph


@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")])
def test_one_report_in_each_triple_format_is_that_reports_graph(built: BuildResult, tmp_path: Path, fmt: str, parser: str) -> None:
    target = tmp_path / f"wenling.{fmt}"
    assert main(["export", "--root", str(ROOT), "--out", str(out_dir(built)), "--report", WENLING, "--format", fmt, "-o", str(target)]) == 0
    assert isomorphic(Graph().parse(target, format=parser), graph_of_report(built, WENLING))


def test_the_union_as_ntriples_is_kg_nt(built: BuildResult, tmp_path: Path) -> None:
    target = tmp_path / "all.nt"
    assert main(["export", "--root", str(ROOT), "--out", str(out_dir(built)), "--format", "ntriples", "-o", str(target)]) == 0
    assert sorted(target.read_bytes().splitlines()) == sorted(built.ntriples.splitlines())


def test_trig_with_the_ontology_keeps_the_named_graphs(built: BuildResult, tmp_path: Path) -> None:
    target = tmp_path / "all.trig"
    args = ["export", "--root", str(ROOT), "--out", str(out_dir(built)), "--format", "trig", "--with-ontology", "-o", str(target)]
    assert main(args) == 0
    dataset = Dataset()
    dataset.parse(target, format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert len(names) == len(built.graphs) + 1


def test_export_is_deterministic(built: BuildResult, tmp_path: Path) -> None:
    for name in ("a.ttl", "b.ttl"):
        assert main(["export", "--root", str(ROOT), "--out", str(out_dir(built)), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_unknown_report_lists_the_reports(built: BuildResult, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--root", str(ROOT), "--out", str(out_dir(built)), "--report", "nope"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(
        "govkg: error: no report 'nope' in the built graph; the reports are: changde-2021-food-safety-committee-plenary, "
    )
    assert WENLING in err


def test_no_build_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--root", str(ROOT), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"govkg: error: no built graph at {tmp_path / 'kg.trig'}; run 'govkg build' first"
