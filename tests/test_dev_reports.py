"""The dev set in the real build: five reports, one graph, Lu Yongfu one node with both careers' posts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from govkg.build import ReportGraph
from govkg.load import ReportRecords, load_entities
from govkg.pipeline import BuildResult
from govkg.vocab import DEFAULT_BASE_IRI, FOAF, GOVKG, OA, ORG, PROV, RDF

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "graph" / "reports"
DEV = [
    "changde-2021-food-safety-committee-plenary",
    "jiayuguan-2021-food-safety-committee",
    "wenling-2018-vice-governor-food-safety-survey",
    "zhenjiang-2021-food-safety-committee",
]
LU = URIRef(f"{DEFAULT_BASE_IRI}person/zhejiang/lu-yongfu")
QUERY = ROOT / "queries" / "career-of-a-person.rq"


def records(key: str) -> ReportRecords:
    return load_entities(ROOT / "graph" / "entities" / f"{key}.yaml", REPORTS)


def graph_of(built: BuildResult, key: str) -> ReportGraph:
    return next(g for g in built.graphs if g.key == key)


@pytest.mark.parametrize("key", DEV)
def test_dev_report_metadata_is_the_report_items(key: str) -> None:
    rec = records(key)
    header = re.match(r"source: (\S+)\ntitle: ([^\n]+)\ndate: (\d{4})[-/](\d\d)[-/](\d\d)[^\n]*\n\n", rec.text)
    assert header, "a dev report starts with source:, title:, date: and a blank line"
    report = rec.report
    assert rec.status == "curated"
    assert report.span.start == 0 and report.span.end == header.end() - 2
    assert report.get("source_url") == header.group(1)
    assert report.get("title") == header.group(2)
    assert report.get("date") == dt.date(int(header.group(3)), int(header.group(4)), int(header.group(5)))


def test_the_build_has_every_report_as_its_own_named_graph(built: BuildResult) -> None:
    keys = {p.stem for p in REPORTS.glob("*.txt")}
    assert {g.key for g in built.graphs} == keys
    assert len(keys) >= 5
    assert {str(g.graph) for g in built.graphs} == {f"{DEFAULT_BASE_IRI}graph/{k}" for k in keys}


def test_lu_yongfu_is_one_node_with_posts_from_both_reports(built: BuildResult, kg: Graph) -> None:
    assert list(kg.subjects(FOAF.name, Literal("Lu Yongfu"))) == [LU]
    holdings = sorted(str(h) for h in kg.subjects(ORG.member, LU))
    found = set()
    for name in holdings:
        holding = URIRef(name)
        homes = [g for g in built.graphs if (holding, ORG.member, LU) in set(g.triples)]
        assert len(homes) == 1, f"{holding} is stated in one report's graph"
        home = homes[0]
        rec = records(home.key)
        date = kg.value(holding, GOVKG.reportedOn)
        assert date == Literal(rec.report.get("date"))
        annotation = kg.value(holding, PROV.wasDerivedFrom)
        in_graph = set(home.triples)
        assert (holding, PROV.wasDerivedFrom, annotation) in in_graph
        target = kg.value(annotation, OA.hasTarget)
        selectors = list(kg.objects(target, OA.hasSelector))
        exact = next(str(kg.value(s, OA.exact)) for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in kg)
        start = next(int(str(kg.value(s, OA.start))) for s in selectors if (s, RDF.type, OA.TextPositionSelector) in kg)
        assert (target, OA.hasSource, URIRef(f"{DEFAULT_BASE_IRI}report/{home.key}")) in in_graph
        assert rec.text[start : start + len(exact)] == exact
        assert "Lu Yongfu" in exact
        assert isinstance(date, Literal)
        found.add((home.key, date.toPython(), str(kg.value(holding, GOVKG.asWritten))))
    assert found == {
        ("wenling-2018-vice-governor-food-safety-survey", dt.date(2018, 3, 15), "Deputy Director of the Provincial Food Safety Office"),
        (
            "wenling-2018-vice-governor-food-safety-survey",
            dt.date(2018, 3, 15),
            "Deputy Director of the Provincial Food and Drug Administration",
        ),
        ("zhejiang-2021-food-drug-safety-conference", dt.date(2021, 4, 11), "deputy director of the Provincial Market Supervision Bureau"),
    }


def test_career_query_header_follows_the_convention() -> None:
    text = QUERY.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#+ summary: ")
    assert any(line.startswith("#+ description: ") for line in lines)
    params = lines.index("#+ params:")
    assert lines[params + 1].startswith("#+   - person: ")
    body = "\n".join(line for line in lines if not line.startswith("#"))
    assert "?_person" in body
    declared = set(re.findall(r"^PREFIX (\w+):", body, re.MULTILINE))
    used = set(re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"<[^>]*>", "", body))) - {"PREFIX"}
    assert used <= declared, used - declared


def test_career_of_lu_yongfu_in_date_order_with_sources(kg: Graph) -> None:
    rows = list(kg.query(QUERY.read_text(encoding="utf-8"), initBindings={"_person": LU}))
    assert [(r.reportedOn.toPython(), str(r.roleLabel), str(r.organisationLabel)) for r in rows] == [  # type: ignore[union-attr]
        (dt.date(2018, 3, 15), "Deputy Director", "Provincial Food Safety Office"),
        (dt.date(2018, 3, 15), "Deputy Director", "Provincial Food and Drug Administration"),
        (dt.date(2021, 4, 11), "Deputy Director", "Provincial Market Supervision Bureau"),
    ]
    for row in rows:
        key = str(row.report).rsplit("/", 1)[1]  # type: ignore[union-attr]
        text = records(key).text
        start, end = int(row.start), int(row.end)  # type: ignore[union-attr]
        assert text[start:end] == str(row.quote)  # type: ignore[union-attr]
    assert {str(r.source) for r in rows} == {"http://m.en.theseafood.cn/news/22.html", "None"}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("key", "context"),
    [
        ("changde-2021-food-safety-committee-plenary", "changde"),
        ("jiayuguan-2021-food-safety-committee", "jiayuguan"),
        ("zhenjiang-2021-food-safety-committee", "zhenjiang"),
    ],
)
def test_no_province_is_added_from_outside_the_text(built: BuildResult, key: str, context: str) -> None:
    # These texts never name their province: the merge context is the city they do name, and no
    # province (nor a 'within' from memory) appears in their graphs.
    rec = records(key)
    place = next(p for p in rec.of_type("Place") if p.id == rec.report.get("province"))
    assert (place.id, place.get("kind"), place.get("within")) == (context, "city", None)
    assert place.inference is None
    triples = graph_of(built, key).triples
    assert [s for s, p, o in triples if p == GOVKG.placeKind and o == GOVKG.province] == []
    assert [s for s, p, o in triples if p == GOVKG.within and str(s).endswith(f"place/{context}")] == []


def test_wenling_province_is_an_inference_from_the_text(built: BuildResult) -> None:
    key = "wenling-2018-vice-governor-food-safety-survey"
    node = URIRef(f"{DEFAULT_BASE_IRI}place/zhejiang")
    reasons = [str(o) for s, p, o in graph_of(built, key).triples if s == node and p == GOVKG.inferredBecause]
    assert len(reasons) == 1
    assert "Zhejiang Songmen Aquatic Products Wholesale Market" in reasons[0]


def test_the_wenling_visit_has_its_own_roles(kg: Graph) -> None:
    meeting = URIRef(f"{DEFAULT_BASE_IRI}report/wenling-2018-vice-governor-food-safety-survey/meeting/survey-visit")
    assert (meeting, GOVKG.meetingForm, GOVKG.surveyVisit) in kg
    roles: dict[URIRef, set[str]] = {}
    for part in kg.subjects(GOVKG.meeting, meeting):
        role = kg.value(part, GOVKG.participationRole)
        person = kg.value(part, GOVKG.participant)
        if role is not None and person is not None:
            roles.setdefault(role, set()).add(str(kg.value(person, FOAF.name)))  # type: ignore[arg-type]
    assert roles == {
        GOVKG.surveyed: {"Zhu Congjiu", "Zhu Zhiquan", "Lu Yongfu"},
        GOVKG.accompanied: {"Zhao Yuejin", "Dai Guofu", "Lu Zhida", "Xu Xiao", "Xu Renbiao", "Tong Qingbo"},
    }
