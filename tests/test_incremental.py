"""Adding a report, the build cache, and merging the same person across reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from govkg.cli import main
from govkg.vocab import DEFAULT_BASE_IRI, FOAF, GOVKG, ORG, RDF, RDFS

FIXTURES = Path(__file__).parent / "fixtures"
OUTPUTS = ("kg.ttl", "kg.nt", "kg.jsonld", "kg.trig")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def outputs(root: Path) -> dict[str, bytes]:
    return {name: (root / "graph" / "build" / name).read_bytes() for name in OUTPUTS}


def test_rebuild_with_nothing_changed_is_byte_identical_and_uses_the_cache(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(mini)]) == 0
    first = outputs(mini)
    assert "0 report(s) unchanged (from the cache), 1 built" in capsys.readouterr().err
    assert main(["build", "--root", str(mini)]) == 0
    assert "1 report(s) unchanged (from the cache), 0 built" in capsys.readouterr().err
    assert outputs(mini) == first


def test_adding_a_report_builds_only_it_and_equals_a_full_build(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(mini)]) == 0
    capsys.readouterr()
    assert main(["build", "--root", str(mini), "--report", str(FIXTURES / "second" / "second.yaml")]) == 0
    err = capsys.readouterr().err
    assert "1 report(s) unchanged (from the cache), 1 built" in err
    assert (mini / "graph" / "reports" / "second.txt").read_bytes() == (FIXTURES / "second" / "second.txt").read_bytes()
    assert (mini / "graph" / "entities" / "second.yaml").is_file()

    clean = tmp_path / "clean"
    shutil.copytree(mini, clean, ignore=shutil.ignore_patterns("build"))
    assert main(["build", "--root", str(clean)]) == 0
    assert outputs(mini) == outputs(clean)


def test_the_same_person_in_two_reports_is_one_node_with_both_posts(mini: Path) -> None:
    assert main(["build", "--root", str(mini), "--report", str(FIXTURES / "second" / "second.yaml")]) == 0
    graph = Graph().parse(mini / "graph" / "build" / "kg.ttl")
    people = set(graph.subjects(RDF.type, FOAF.Person))
    assert people == {URIRef(f"{DEFAULT_BASE_IRI}person/jiangsu/wang-lei")}
    posts = sorted(
        (str(graph.value(h, GOVKG.reportedOn)), str(graph.value(graph.value(h, GOVKG.post), RDFS.label)))
        for h in graph.subjects(ORG.member, next(iter(people)))
    )
    assert posts == [
        ("2022-05-04", "Director of Provincial Market Supervision Bureau"),
        ("2023-02-10", "Deputy Director of Provincial Health Commission"),
    ]


def test_a_bad_added_report_leaves_the_project_as_it_was(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(mini)]) == 0
    before = outputs(mini)
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURES / "second", bad)
    entities = bad / "second.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace("kind: commission", "kind: ministry"), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(mini), "--report", str(entities)]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"govkg: error: {entities}:25: entity 'health-commission': 'kind' is 'ministry'; use one of government,")
    assert not (mini / "graph" / "reports" / "second.txt").exists()
    assert not (mini / "graph" / "entities" / "second.yaml").exists()
    assert outputs(mini) == before


def test_a_report_that_fails_validation_is_taken_out_again(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Loads fine, but its graph breaks a shape: a post holding whose person is an organisation
    # cannot be written in the entities format, so break the shapes instead, for this project only.
    shutil.copytree(Path(__file__).parents[1] / "ontology", mini / "ontology")
    assert main(["build", "--root", str(mini)]) == 0
    shapes = mini / "ontology" / "shapes.ttl"
    shapes.write_text(
        shapes.read_text(encoding="utf-8").replace("govkg:government govkg:commission govkg:office", "govkg:government govkg:office"),
        encoding="utf-8",
    )
    before = outputs(mini)
    capsys.readouterr()
    assert main(["build", "--root", str(mini), "--report", str(FIXTURES / "second" / "second.yaml")]) == 2
    assert "[shape OrganizationIsClassified]" in capsys.readouterr().err
    assert not (mini / "graph" / "entities" / "second.yaml").exists()
    assert outputs(mini) == before


def test_changing_an_entities_file_rebuilds_that_report(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(mini)]) == 0
    entities = mini / "graph" / "entities" / "mini.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("name: food safety meeting", "name: a food safety meeting"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["build", "--root", str(mini)]) == 0
    assert "0 report(s) unchanged (from the cache), 1 built" in capsys.readouterr().err
    assert '"a food safety meeting"' in (mini / "graph" / "build" / "kg.ttl").read_text(encoding="utf-8")


def test_report_must_be_an_entities_file(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = FIXTURES / "second" / "second.txt"
    assert main(["build", "--root", str(mini), "--report", str(text)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"govkg: error: {text}: not an entities file (.yaml); pass the report's entities file; draft one with 'govkg extract REPORT.txt'"
    )


def test_the_view_is_remade_only_when_the_graph_changes_and_never_left_stale(mini: Path) -> None:
    html = mini / "graph" / "build" / "kg.html"
    assert main(["build", "--root", str(mini)]) == 0
    first = html.stat().st_mtime_ns
    assert main(["build", "--root", str(mini)]) == 0
    assert html.stat().st_mtime_ns == first  # nothing changed: the view is kept as it was
    assert main(["build", "--root", str(mini), "--no-view"]) == 0
    assert html.is_file()  # still the view of this very graph
    assert main(["build", "--root", str(mini), "--no-view", "--report", str(FIXTURES / "second" / "second.yaml")]) == 0
    assert not html.exists()  # the graph changed: the old view would be stale, so it is gone
    assert main(["build", "--root", str(mini)]) == 0
    assert "Wang Lei" in html.read_text(encoding="utf-8")
