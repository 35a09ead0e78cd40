"""GraphML export and the networkx measures, checked against the RDF they come from."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from govkg.analyse import format_stats, graphml_bytes, stats
from govkg.cli import main
from govkg.pipeline import BuildResult, ontology_triples
from govkg.settings import Project
from govkg.view import project
from govkg.vocab import GOVKG, ORG, RDF, RDFS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def view(built: BuildResult) -> nx.MultiDiGraph:
    return project([*built.triples, *ontology_triples(Project.at(ROOT))])


def test_graphml_reads_back_with_the_same_nodes_edges_and_labels(view: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.graphml"
    path.write_bytes(graphml_bytes(view))
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(view.nodes)
    assert back.number_of_edges() == view.number_of_edges()
    for node, data in view.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["kind"] == data["kind"]
    chen = next(n for n, d in back.nodes(data=True) if d["label"] == "Chen Yijun")
    assert "Chen Yijun" in back.nodes[chen]["quote"]


def test_people_who_hold_posts_in_several_organisations_are_the_bridges(view: nx.MultiDiGraph, kg: Graph) -> None:
    orgs_of: dict[str, set[str]] = defaultdict(set)
    for holding in kg.subjects(RDF.type, GOVKG.PostHolding):
        person = str(kg.value(kg.value(holding, ORG.member), RDFS.label))
        orgs_of[person].add(str(kg.value(kg.value(holding, ORG.organization), RDFS.label)))
    expected = {person: tuple(sorted(orgs)) for person, orgs in orgs_of.items() if len(orgs) > 1}
    found = stats(view, top=100)
    assert {b.label: b.organisations for b in found.bridges} == expected
    assert "Chen Yijun" in expected
    assert all(b.betweenness > 0 for b in found.bridges)


def test_most_connected_people_are_ranked_by_their_links(view: nx.MultiDiGraph) -> None:
    found = stats(view, top=5)
    simple = nx.Graph(view.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    people = [n for n, d in view.nodes(data=True) if d["kind"] == "person"]
    people.sort(key=lambda n: (-simple.degree(n), view.nodes[n]["label"]))
    assert [r.iri for r in found.people] == people[:5]
    assert [r.score for r in found.people] == [simple.degree(n) for n in people[:5]]
    assert found.components == nx.number_connected_components(simple)


def test_stats_command_prints_the_tables(capsys: pytest.CaptureFixture[str], tmp_path: Path, view: nx.MultiDiGraph) -> None:
    assert main(["stats", "--out", str(tmp_path), "--top", "3"]) == 0
    printed = capsys.readouterr().out
    assert printed.strip() == format_stats(stats(view, top=3)).strip()
    assert "people who link organisations" in printed


def test_graphml_keeps_hostile_labels_as_text(tmp_path: Path) -> None:
    from test_view import HOSTILE, hostile_graph

    path = tmp_path / "hostile.graphml"
    path.write_bytes(graphml_bytes(project(hostile_graph())))
    back = nx.read_graphml(path, force_multigraph=True)
    assert sorted(d["label"] for _, d in back.nodes(data=True)) == sorted([*HOSTILE, HOSTILE[0] + " Bureau"])
    assert {d["quote"] for _, d in back.nodes(data=True) if d["kind"] == "person"} == {f"quote {name}" for name in HOSTILE}
