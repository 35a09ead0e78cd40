"""The built graph of the Zhejiang report: counts against the report, sources, round trips, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import ROOT, ZHEJIANG
from govkg.pipeline import BuildResult, run_build
from govkg.settings import Project
from govkg.vocab import DEFAULT_BASE_IRI, FOAF, GOVKG, OA, ONTOLOGY_IRI, ORG, PROV, RDF, RDFS, SKOS

REPORT_TEXT = (ROOT / "graph" / "reports" / f"{ZHEJIANG}.txt").read_text(encoding="utf-8")
ID = DEFAULT_BASE_IRI
Z = f"{ID}report/{ZHEJIANG}/"


def zhejiang_graph(built: BuildResult) -> Graph:
    graph = Graph()
    for report in built.graphs:
        if report.key == ZHEJIANG:
            for triple in report.triples:
                graph.add(triple)
    return graph


def instances(graph: Graph, cls: URIRef) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def labels(graph: Graph, nodes: set[URIRef]) -> set[str]:
    return {str(graph.value(n, RDFS.label)) for n in nodes}


# ------------------------------------------------------------------ counts against the report


def test_five_people_named_in_the_report(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    assert labels(graph, instances(graph, FOAF.Person)) == {"Chen Yijun", "Chen Guangsheng", "Zhang Genming", "Xu Runlong", "Lu Yongfu"}


def test_eight_posts_held_by_the_five(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    held = sorted(
        (str(graph.value(graph.value(h, ORG.member), RDFS.label)), str(graph.value(graph.value(h, GOVKG.post), RDFS.label)))
        for h in instances(graph, GOVKG.PostHolding)
    )
    assert held == [
        ("Chen Guangsheng", "Deputy Secretary-General of Zhejiang Provincial People's Government"),
        ("Chen Yijun", "Deputy Director of Provincial Food and Drug Safety Commission"),
        ("Chen Yijun", "Deputy Governor of Zhejiang Provincial People's Government"),
        ("Lu Yongfu", "Deputy Director of Provincial Market Supervision Bureau"),
        ("Xu Runlong", "Deputy Director of Provincial Market Supervision Bureau"),
        ("Xu Runlong", "Director of Provincial Drug Administration"),
        ("Zhang Genming", "Director of Provincial Food and Drug Safety Office"),
        ("Zhang Genming", "Director of Provincial Market Supervision Bureau"),
    ]
    # Xu Runlong and Lu Yongfu hold the same post (deputy director of the bureau): 7 distinct posts.
    assert len(instances(graph, ORG.Post)) == 7


def test_posts_are_held_as_reported_on_the_report_date(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    dates = {graph.value(h, GOVKG.reportedOn) for h in instances(graph, GOVKG.PostHolding)}
    assert dates == {Literal("2021-04-11", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))}


def test_four_platforms_of_three_chains_and_one_code(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    platforms = instances(graph, GOVKG.Platform)
    assert labels(graph, platforms) == {"Zhe Food Chain", "Zhejiang Cold Chain", "Zhejiang Miao Chain", "Zhejiang Agricultural Code"}
    initiatives = {graph.value(p, GOVKG.initiative) for p in platforms}
    assert labels(graph, initiatives) == {"three chains and one code"}  # type: ignore[arg-type]


def test_zhe_food_chain_has_two_names_and_the_second_is_a_marked_inference(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    chain = URIRef(f"{ID}platform/zhejiang/zhe-food-chain")
    assert set(graph.objects(chain, SKOS.altLabel)) == {Literal("Zhejiang Food Chain")}
    (attestation,) = graph.subjects(GOVKG.names, chain)
    assert graph.value(attestation, RDFS.label) == Literal("Zhejiang Food Chain")
    assert "Zhe" in str(graph.value(attestation, GOVKG.inferredBecause))


def test_eight_areas_with_their_stated_counts_and_thirty_tasks(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    areas = instances(graph, GOVKG.WorkArea)
    stated = {int(graph.value(a, GOVKG.ordinal)): int(graph.value(a, GOVKG.statedTaskCount)) for a in areas}  # type: ignore[arg-type]
    assert stated == {1: 3, 2: 3, 3: 3, 4: 8, 5: 5, 6: 3, 7: 3, 8: 2}
    tasks = instances(graph, GOVKG.Task)
    assert len(tasks) == 30
    listed = {a: 0 for a in areas}
    for task in tasks:
        listed[graph.value(task, GOVKG.workArea)] += 1  # type: ignore[index]
    assert {int(graph.value(a, GOVKG.ordinal)): n for a, n in listed.items()} == stated  # type: ignore[arg-type]
    (plan,) = instances(graph, GOVKG.WorkPlan)
    assert int(graph.value(plan, GOVKG.statedTaskCount)) == 30  # type: ignore[arg-type]
    assert int(graph.value(plan, GOVKG.statedAreaCount)) == 8  # type: ignore[arg-type]


def test_nineteen_excellent_results_four_cities_fifteen_units(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    excellent = [r for r in instances(graph, GOVKG.AssessmentResult) if graph.value(r, GOVKG.rating) == GOVKG.excellent]
    assert len(excellent) == 19
    kinds = sorted(str(graph.value(r, GOVKG.subjectKind)).split("#")[1] for r in excellent)
    assert kinds.count("cityGovernment") == 4
    assert kinds.count("customs") == 2
    assert kinds.count("provincialUnit") == 13
    overall = [r for r in instances(graph, GOVKG.AssessmentResult) if graph.value(r, GOVKG.rating) == GOVKG.aLevel]
    assert labels(graph, set(overall)) == {"Zhejiang: A-level"}


def test_food_safety_city_eleven_cities_one_named(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    (conferral,) = instances(graph, GOVKG.HonourConferral)
    assert int(graph.value(conferral, GOVKG.statedRecipientCount)) == 11  # type: ignore[arg-type]
    awards = instances(graph, GOVKG.HonourAward)
    assert labels(graph, awards) == {"Hangzhou: Zhejiang Food Safety City"}


def test_meeting_roles(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    roles = sorted(
        (str(graph.value(graph.value(p, GOVKG.participant), RDFS.label))[:15], str(graph.value(p, GOVKG.participationRole)).split("#")[1])
        for p in instances(graph, GOVKG.MeetingParticipation)
    )
    assert roles == [
        ("Chen Guangsheng", "presided"),
        ("Chen Yijun", "attended"),
        ("Chen Yijun", "deliveredSpeech"),
        ("Lu Yongfu", "attended"),
        ("Xu Runlong", "attended"),
        ("Zhang Genming", "announced"),
        ("heads and liais", "attended"),
        ("responsible per", "attended"),
    ]


# ------------------------------------------------------------------ provenance


def test_every_typed_node_has_a_source_quote(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    ours = {
        s
        for s, o in graph.subject_objects(RDF.type)
        if o not in (OA.Annotation, OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector)
    }
    unsourced = [s for s in ours if (s, PROV.wasDerivedFrom, None) not in graph]
    assert unsourced == []


def test_every_quote_is_in_the_report_at_its_offsets(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    annotations = instances(graph, OA.Annotation)
    assert len(annotations) > 100
    for annotation in annotations:
        target = graph.value(annotation, OA.hasTarget)
        assert graph.value(target, OA.hasSource) == URIRef(f"{ID}report/{ZHEJIANG}")
        selectors = set(graph.objects(target, OA.hasSelector))
        (quote,) = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph]
        (position,) = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph]
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))  # type: ignore[arg-type]
        exact = str(graph.value(quote, OA.exact))
        assert REPORT_TEXT[start:end] == exact
        assert REPORT_TEXT[:start].endswith(str(graph.value(quote, OA.prefix)))
        assert REPORT_TEXT[end:].startswith(str(graph.value(quote, OA.suffix)))


def test_report_node_pins_the_text_it_quotes(built: BuildResult) -> None:
    import hashlib

    graph = zhejiang_graph(built)
    report = URIRef(f"{ID}report/{ZHEJIANG}")
    data = (ROOT / "graph" / "reports" / f"{ZHEJIANG}.txt").read_bytes()
    assert str(graph.value(report, GOVKG.sha256)) == hashlib.sha256(data).hexdigest()
    assert int(graph.value(report, GOVKG.characterCount)) == len(REPORT_TEXT)  # type: ignore[arg-type]


def test_chen_yijun_deputy_governor_quote(built: BuildResult) -> None:
    graph = zhejiang_graph(built)
    holding = URIRef(f"{Z}post-holding/chen-yijun-deputy-governor")
    annotation = graph.value(holding, PROV.wasDerivedFrom)
    target = graph.value(annotation, OA.hasTarget)
    exacts = {str(graph.value(s, OA.exact)) for s in graph.objects(target, OA.hasSelector) if graph.value(s, OA.exact)}
    assert exacts == {"Chen Yijun, Deputy Governor of Zhejiang Provincial People\u2019s Government"}


# ------------------------------------------------------------------ outputs


@pytest.mark.parametrize(("name", "fmt"), [("kg.ttl", "turtle"), ("kg.nt", "nt"), ("kg.jsonld", "json-ld")])
def test_each_export_reparsed_is_isomorphic_to_the_built_graph(built: BuildResult, kg: Graph, name: str, fmt: str) -> None:
    reparsed = Graph().parse(built.outputs[{"kg.ttl": "Turtle", "kg.nt": "N-Triples", "kg.jsonld": "JSON-LD"}[name]], format=fmt)
    assert len(reparsed) == len(kg)
    assert isomorphic(reparsed, kg)


def test_trig_holds_one_named_graph_per_report_plus_the_ontology(built: BuildResult) -> None:
    dataset = Dataset()
    dataset.parse(built.outputs["TriG"], format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {g.graph for g in built.graphs} | {ONTOLOGY_IRI}
    for report in built.graphs:
        expected = Graph()
        for triple in report.triples:
            expected.add(triple)
        assert isomorphic(dataset.graph(report.graph), expected)
    ontology = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    assert isomorphic(dataset.graph(ONTOLOGY_IRI), ontology)


def test_two_builds_give_byte_identical_files(built: BuildResult, tmp_path: Path) -> None:
    again = run_build(Project.at(ROOT, tmp_path), DEFAULT_BASE_IRI)
    for name, path in built.outputs.items():
        assert again.outputs[name].read_bytes() == path.read_bytes(), name


def test_base_iri_is_one_setting(tmp_path: Path) -> None:
    result = run_build(Project.at(ROOT, tmp_path), "https://kg.example.net/")
    subjects = {str(s) for s, _, _ in result.triples}
    ours = {s for s in subjects if not s.startswith(("https://example.org/govkg/ontology", "http://www.w3.org/"))}
    assert ours and all(s.startswith("https://kg.example.net/") for s in ours)


def test_build_summary_counts_match_the_graph(built: BuildResult, kg: Graph) -> None:
    from govkg.pipeline import SUMMARY_CLASSES

    counts = built.counts()
    for label, cls in SUMMARY_CLASSES:
        expected = len(set(kg.subjects(RDF.type, cls)))
        if label == "slogans and concepts":
            expected -= len(set(kg.subjects(SKOS.inScheme, GOVKG.Roles)))
        assert counts[label] == expected, label
    assert counts["excellent results"] == len(set(kg.subjects(GOVKG.rating, GOVKG.excellent))) == 19
    assert counts["inferences"] == len(list(kg.triples((None, GOVKG.inferredBecause, None))))
    assert counts["quotes"] == len(set(kg.subjects(RDF.type, OA.Annotation)))
    assert built.triple_count() == len(kg)
