"""The projection of the RDF onto networkx, the node cap, focus, and the HTML page (without a browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef

from govkg.analyse import write_view_files
from govkg.cli import main
from govkg.pipeline import BuildResult, ontology_triples
from govkg.settings import Project
from govkg.view import SPRING_LAYOUT_MAX, find_node, graph_index, layout, limit, neighbourhood, network, page_data, project, render_html
from govkg.vocab import GOVKG, OA, ORG, PROV, RDF, RDFS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def view(built: BuildResult) -> nx.MultiDiGraph:
    return project([*built.triples, *ontology_triples(Project.at(ROOT))])


def page_json(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def node_by_label(view: nx.MultiDiGraph, label: str) -> str:
    found = [n for n, d in view.nodes(data=True) if d["label"] == label]
    assert len(found) == 1, found
    return found[0]


def test_every_post_holding_is_one_edge_from_person_to_organisation(view: nx.MultiDiGraph, kg: Graph) -> None:
    holdings = {
        (str(kg.value(h, ORG.member)), str(kg.value(h, ORG.organization)), str(kg.value(kg.value(h, ORG.role), RDFS.label)))
        for h in kg.subjects(RDF.type, GOVKG.PostHolding)
    }
    drawn = {(u, v, d["label"]) for u, v, d in view.edges(data=True) if d["relation"] == str(GOVKG.PostHolding)}
    assert holdings and drawn == holdings


def test_meeting_parts_are_labelled_with_the_role(view: nx.MultiDiGraph) -> None:
    chen = node_by_label(view, "Chen Yijun")
    parts = sorted(d["label"] for _, _, d in view.out_edges(chen, data=True) if d["relation"] == str(GOVKG.MeetingParticipation))
    ontology = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    roles = sorted(str(ontology.value(r, RDFS.label)) for r in (GOVKG.attended, GOVKG.deliveredSpeech))
    assert parts == roles


def test_every_drawn_node_is_data_with_a_label_not_an_iri(view: nx.MultiDiGraph) -> None:
    for node, data in view.nodes(data=True):
        assert not node.startswith(str(GOVKG._NS))
        assert data["label"] and not data["label"].startswith("http")
    kinds = {d["kind"] for _, d in view.nodes(data=True)}
    assert {"person", "organisation", "meeting", "platform", "work-area", "task"} <= kinds


def test_facts_carry_the_report_quote(view: nx.MultiDiGraph, kg: Graph) -> None:
    chen = node_by_label(view, "Chen Yijun")
    quotes = {q.exact for f in view.nodes[chen]["facts"] for q in f.quotes}
    stated = {
        str(kg.value(sel, OA.exact))
        for ann in kg.objects(URIRef(chen), PROV.wasDerivedFrom)
        for target in kg.objects(ann, OA.hasTarget)
        for sel in kg.objects(target, OA.hasSelector)
        if kg.value(sel, OA.exact) is not None
    }
    assert stated and stated <= quotes


def test_an_inferred_relation_carries_its_reason(view: nx.MultiDiGraph, kg: Graph) -> None:
    hangzhou = node_by_label(view, "Hangzhou")
    within = [d for _, _, d in view.out_edges(hangzhou, data=True) if d["label"] == "within"]
    assert len(within) == 1
    reason = kg.value(next(kg.subjects(RDF.subject, URIRef(hangzhou))), GOVKG.inferredBecause)
    assert within[0]["facts"][0].inferred == str(reason)


def test_cap_keeps_the_most_connected_and_counts_what_it_left_out(view: nx.MultiDiGraph) -> None:
    cut = limit(view, 20)
    assert cut.number_of_nodes() == 20
    kept_min = min(view.degree(n) for n in cut.nodes)
    dropped_max = max(view.degree(n) for n in view.nodes if n not in cut)
    assert kept_min >= dropped_max
    assert sum(cut.graph["omitted"].values()) == view.number_of_nodes() - 20
    assert limit(view, 10_000) is view


def test_focus_draws_the_neighbourhood(view: nx.MultiDiGraph) -> None:
    centre = find_node(view, "chen yijun")
    assert centre == node_by_label(view, "Chen Yijun")
    part = neighbourhood(view, centre, 1)
    undirected = view.to_undirected()
    assert set(part.nodes) == {centre, *undirected.neighbors(centre)}
    assert find_node(view, "no such body") is None


def test_page_holds_the_projection_and_no_outside_reference(view: nx.MultiDiGraph) -> None:
    page = render_html(view)
    data = page_json(page)
    assert len(data["nodes"]) == view.number_of_nodes()
    assert len(data["edges"]) == view.number_of_edges()
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", page)
    assert "cdn." not in page.lower()
    assert "Content-Security-Policy" in page


def test_page_is_deterministic(built: BuildResult, view: nx.MultiDiGraph) -> None:
    again = project([*reversed(built.triples), *ontology_triples(Project.at(ROOT))])
    assert render_html(view) == render_html(again)


def test_build_writes_the_same_bytes_twice(built: BuildResult, tmp_path: Path) -> None:
    first = write_view_files(built.ntriples, ontology_triples(Project.at(ROOT)), tmp_path / "a")
    second = write_view_files(list(reversed(built.triples)), ontology_triples(Project.at(ROOT)), tmp_path / "b")
    for name in ("HTML view", "GraphML"):
        assert first[name].read_bytes() == second[name].read_bytes()
    assert built.outputs["HTML view"].read_bytes() == first["HTML view"].read_bytes()


def test_a_capped_projection_is_the_cut_of_the_whole(built: BuildResult, view: nx.MultiDiGraph) -> None:
    index = graph_index([*built.triples, *ontology_triples(Project.at(ROOT))])
    for cap in (1, 20, 57, view.number_of_nodes()):
        cut, direct = limit(view, cap), project(index, cap)
        assert sorted(cut.nodes(data=True)) == sorted(direct.nodes(data=True))
        assert sorted(cut.edges(keys=True, data=True)) == sorted(direct.edges(keys=True, data=True))
        assert cut.graph == direct.graph


def test_quotes_are_written_once_and_facts_point_to_them(view: nx.MultiDiGraph) -> None:
    data = page_data(view)
    exacts = [q["exact"] for q in data["quotes"]]
    assert len(exacts) == len({(q["exact"], q["start"], q["report"]) for q in data["quotes"]})
    chen = node_by_label(view, "Chen Yijun")
    shown = {data["quotes"][i]["exact"] for f in data["info"][chen]["facts"] for i in f["quotes"]}
    assert shown == {q.exact for f in view.nodes[chen]["facts"] for q in f.quotes}


def chain(size: int) -> nx.MultiDiGraph:
    """A path of ``size`` people and organisations, alternating: one component of that many nodes."""
    graph = nx.MultiDiGraph(omitted={}, total_nodes=size)
    for number in range(size):
        kind = ("person", "organisation")[number % 2]
        graph.add_node(f"n{number:04d}", kind=kind, label=f"{kind} {number}", iri=f"n{number:04d}", facts=[])
    for number in range(1, size):
        graph.add_edge(f"n{number - 1:04d}", f"n{number:04d}", key=f"e{number}", label="x", relation="r", facts=[], width=1.0, dashes=False)
    return graph


def test_a_large_component_is_laid_out_by_kind_without_physics() -> None:
    small, large = chain(SPRING_LAYOUT_MAX), chain(SPRING_LAYOUT_MAX + 1)
    assert json.loads(network(small).options.to_json())["physics"]["enabled"] is True
    assert json.loads(network(large).options.to_json())["physics"]["enabled"] is False
    placed = layout(large)
    assert placed == layout(large) and len(placed) == large.number_of_nodes()
    assert len(set(placed.values())) == len(placed)  # no two nodes on one spot
    people = [placed[n] for n, d in large.nodes(data=True) if d["kind"] == "person"]
    bodies = [placed[n] for n, d in large.nodes(data=True) if d["kind"] == "organisation"]
    # The person cluster sits right of the organisations' (their anchors in KINDS).
    assert sum(x for x, _ in people) / len(people) > sum(x for x, _ in bodies) / len(bodies)


HOSTILE = ["<script>window.__pwned=1</script>", "<img src=x onerror=\"window.__pwned=2\">", "O'Brien \"quoted\" & {{APP}} </script>"]


def hostile_graph() -> Graph:
    """Three people and an organisation whose names and quote would run script if pasted as HTML."""
    base = "https://example.org/test/"
    graph = Graph()
    org = URIRef(base + "org")
    graph.add((org, RDF.type, ORG.Organization))
    graph.add((org, RDFS.label, Literal(HOSTILE[0] + " Bureau")))
    for number, name in enumerate(HOSTILE):
        person = URIRef(f"{base}person/{number}")
        ann, target, sel = URIRef(f"{base}ann/{number}"), URIRef(f"{base}target/{number}"), URIRef(f"{base}sel/{number}")
        graph.add((person, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")))
        graph.add((person, RDFS.label, Literal(name)))
        graph.add((person, PROV.wasDerivedFrom, ann))
        graph.add((ann, OA.hasTarget, target))
        graph.add((target, OA.hasSelector, sel))
        graph.add((sel, OA.exact, Literal(f"quote {name}")))
        holding = URIRef(f"{base}holding/{number}")
        graph.add((holding, RDF.type, GOVKG.PostHolding))
        graph.add((holding, ORG.member, person))
        graph.add((holding, ORG.organization, org))
    return graph


def test_hostile_labels_stay_data(tmp_path: Path) -> None:
    view = project(hostile_graph())
    page = render_html(view, title=HOSTILE[1])
    body = page.split('id="govkg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body
    assert "<title>&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;</title>" in page
    labels = sorted(d["label"] for d in page_json(page)["info"].values())
    assert labels == sorted([*HOSTILE, HOSTILE[0] + " Bureau"])


def test_cli_view_focus_and_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "focus.html"
    assert main(["view", "--out", str(tmp_path), "--focus", "Chen Yijun", "--depth", "1", "-o", str(out)]) == 0
    labels = {d["label"] for d in page_json(out.read_text(encoding="utf-8"))["info"].values()}
    assert "Chen Yijun" in labels and "Zhejiang Provincial People's Government" in labels
    query_out = tmp_path / "query.html"
    assert main(["view", "--out", str(tmp_path), "--query", "about-an-entity", "--param", "entity=Chen Yijun", "-o", str(query_out)]) == 0
    drawn = page_json(query_out.read_text(encoding="utf-8"))
    assert "Chen Yijun" in {d["label"] for d in drawn["info"].values()}
    assert drawn["edges"]
    assert main(["view", "--out", str(tmp_path), "--focus", "Nobody At All"]) == 2
    assert "no entity 'Nobody At All'" in capsys.readouterr().err


def test_cli_cap_says_what_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "capped.html"
    assert main(["view", "--out", str(tmp_path), "--cap", "25", "-o", str(out)]) == 0
    data = page_json(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 25
    assert sum(data["omitted"].values()) == data["totalNodes"] - 25
    assert "over the cap of 25" in capsys.readouterr().err
