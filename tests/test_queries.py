"""Named queries: headers, parameters, label resolution, injection, and each query's rows on the real graph.

Expected values come from reading the Zhejiang report text (graph/reports/...): who held which
post, who did what at the meeting, the 8 areas with 3,3,3,8,5,3,3,2 tasks, the 19 'excellent'
results. Row tests run on a graph built from the Zhejiang entities file alone, so reports other
engineers add do not change them; offsets are checked against the report's own characters.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS, SKOS

from govkg.build import union
from govkg.cli import main
from govkg.errors import CommandError, InputError
from govkg.export import write_ntriples
from govkg.pipeline import build_graphs, load_all
from govkg.query import (
    OxigraphEngine,
    RdflibEngine,
    Result,
    check_syntax,
    find_query,
    format_result,
    load_queries,
    load_query,
    resolve,
    run_named,
    with_values,
)
from govkg.settings import Project
from govkg.store import load_oxigraph, load_rdflib
from govkg.vocab import DEFAULT_BASE_IRI, GOVKG, OA

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
KEY = "zhejiang-2021-food-drug-safety-conference"
TEXT = (ROOT / "graph" / "reports" / f"{KEY}.txt").read_text(encoding="utf-8")
B = DEFAULT_BASE_IRI
REPORT = URIRef(f"{B}report/{KEY}")
CHEN_YIJUN = URIRef(f"{B}person/zhejiang/chen-yijun")
BUREAU = URIRef(f"{B}org/zhejiang/provincial-market-supervision-bureau")
HOSTILE = ['x" } UNION { ?s ?p ?o } #', "Chen Yijun'}\nUNION {", "}}} ;DROP ALL", '"""\n\n"""', "<http://x> } UNION {"]


@pytest.fixture(scope="module")
def zhejiang_nt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Zhejiang report's graph alone, as N-Triples."""
    project = Project.at(ROOT)
    records = load_all(project, files=[project.entities_dir / f"{KEY}.yaml"])
    path = tmp_path_factory.mktemp("zhejiang") / "kg.nt"
    write_ntriples(union(build_graphs(records, B)), path)
    return path


@pytest.fixture(scope="module")
def engine(zhejiang_nt: Path) -> RdflibEngine:
    return RdflibEngine(load_rdflib(zhejiang_nt))


def run(engine: RdflibEngine | OxigraphEngine, name: str, **params: str) -> Result:
    return run_named(engine, find_query(QUERIES, name), params)


def label_set(result: Result, *columns: str) -> set[tuple[str, ...]]:
    return {tuple(str(row[c]) for c in columns) for row in result.rows}


def assert_quotes_at_offsets(result: Result) -> None:
    """Every row's quote is the report's text between its offsets."""
    assert result.rows
    for row in result.rows:
        start, end = int(row["start"]), int(row["end"])  # type: ignore[call-overload]
        assert TEXT[start:end] == str(row["quote"]), row


# ------------------------------------------------------------------ headers


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (
    "#+ summary: s\n#+ description: d\n#+ params:\n#+   - person: a person\n\n"
    "PREFIX org: <http://www.w3.org/ns/org#>\nSELECT ?p WHERE { ?p org:member ?_person }\n"
)


def test_header_is_read(tmp_path: Path) -> None:
    text = (
        "#+ summary: Posts of a person\n#+ description: One row per post,\n#+   with its quote.\n"
        "#+ tags: people\n#+ params:\n#+   - person: the person\n#+   - org: the body\n\n"
        "PREFIX org: <http://www.w3.org/ns/org#>\nSELECT ?p WHERE { ?p org:member ?_person ; org:organization ?_org }\n"
    )
    query = load_query(write(tmp_path, "posts-of-someone", text))
    assert (query.name, query.summary, query.description) == ("posts-of-someone", "Posts of a person", "One row per post, with its quote.")
    assert [(p.name, p.description) for p in query.params] == [("person", "the person"), ("org", "the body")]
    assert query.extra == {"tags": "people"}
    assert query.form == "SELECT"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("#+ summary: s\n", ""), "the header has no '#+ summary:'"),
        (GOOD.replace("#+ description: d\n", ""), "the header has no '#+ description:'"),
        (GOOD.replace("#+ summary: s", "#+ sumary: s"), "unknown header key 'sumary'"),
        (GOOD.replace("#+   - person: a person", "#+   - person:"), "parameter 'person' has no description"),
        (GOOD.replace("#+   - person: a person", "#+   person a person"), "bad parameter line"),
        (GOOD.replace("?_person", "?person"), "parameter 'person' is declared but ?_person is not in the query"),
        (GOOD.replace("#+ params:\n#+   - person: a person\n", ""), "the query uses ?_person but the header does not declare it"),
        (GOOD.replace("WHERE { ?p", "{ ?p"), "a query with parameters needs an explicit 'WHERE {'"),
    ],
)
def test_malformed_header_is_an_input_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_query(write(tmp_path, "bad", text))
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "bad.rq"))


def test_undeclared_prefix_is_caught(tmp_path: Path) -> None:
    # rdflib alone would accept it: Graph.query supplies the prefixes bound on the graph
    query = load_query(write(tmp_path, "no-prefix", GOOD.replace("PREFIX org: <http://www.w3.org/ns/org#>\n", "")))
    with pytest.raises(InputError, match="a prefix is used but not declared") as caught:
        check_syntax(query)
    assert caught.value.line == 6


def test_every_named_query_is_well_formed() -> None:
    queries = load_queries(QUERIES)
    assert len(queries) >= 12
    for query in queries.values():
        check_syntax(query)
        assert query.summary and query.description


# ------------------------------------------------------------------ parameters: resolution and binding


@pytest.fixture(scope="module")
def tiny() -> RdflibEngine:
    """Two people named alike, a body with a further name and a name attestation for it."""
    graph = Graph()
    ex = "http://example.org/"
    graph.add((URIRef(ex + "a"), RDFS.label, Literal("Wang Li")))
    graph.add((URIRef(ex + "b"), FOAF.name, Literal("wang  li")))
    graph.add((URIRef(ex + "gov"), RDFS.label, Literal("Zhejiang Provincial People's Government")))
    graph.add((URIRef(ex + "gov"), SKOS.altLabel, Literal("Provincial Government")))
    graph.add((URIRef(ex + "name"), RDFS.label, Literal("Provincial Government")))
    graph.add((URIRef(ex + "name"), GOVKG.names, URIRef(ex + "gov")))
    return RdflibEngine(graph)


def test_label_resolves_with_case_and_typography_ignored(tiny: RdflibEngine) -> None:
    gov = URIRef("http://example.org/gov")
    assert resolve(tiny, "org", "zhejiang provincial people\u2019s  GOVERNMENT") == gov
    # the further name resolves to the body, not to the node that records the name
    assert resolve(tiny, "org", "Provincial Government") == gov
    assert resolve(tiny, "org", "<http://example.org/gov>") == gov


def test_ambiguous_label_lists_the_candidates(tiny: RdflibEngine) -> None:
    with pytest.raises(CommandError) as caught:
        resolve(tiny, "person", "Wang Li")
    assert caught.value.code == 2
    assert str(caught.value) == (
        "--param person: 'Wang Li' names 2 things, pass one IRI: <http://example.org/a> (Wang Li); <http://example.org/b> (wang  li)"
    )


def test_unknown_label_and_iri_are_errors(tiny: RdflibEngine) -> None:
    with pytest.raises(CommandError, match=r"nothing in the graph is named 'Wang'; did you mean: 'Wang Li'; 'wang  li'"):
        resolve(tiny, "person", "Wang")
    with pytest.raises(CommandError, match=r"the graph has nothing about <http://example.org/nobody>"):
        resolve(tiny, "person", "http://example.org/nobody")


def test_with_values_puts_terms_first_in_the_where_group() -> None:
    text = '# a { comment\nPREFIX x: <http://x/#{>\nSELECT ?a (CONCAT("WHERE {", ?b) AS ?c)\nWHERE { ?a x:p ?_v }'
    bound = with_values(text, {"_v": Literal('say "hi"\n} UNION {')})
    assert bound == text.replace("WHERE { ?a", 'WHERE { VALUES (?_v) { ("say \\"hi\\"\\n} UNION {") }  ?a')


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_one_term_and_match_nothing(zhejiang_nt: Path, value: str) -> None:
    """Bound as a literal, a hostile value is exactly one term on both engines: it matches no post and alters nothing."""
    query = find_query(QUERIES, "posts-of-a-person")
    echo = "SELECT ?v WHERE { BIND(?_v AS ?v) }"
    for engine in (RdflibEngine(load_rdflib(zhejiang_nt)), OxigraphEngine(load_oxigraph(zhejiang_nt))):
        before = engine.execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}).rows
        assert engine.execute(query.text, {"_person": Literal(value)}).rows == []
        assert engine.execute(echo.replace("{ BIND", "{ ?s ?p ?o . FILTER(?s = ?_v) BIND"), {"_v": Literal(value)}).rows == []
        assert engine.execute("SELECT ?v WHERE { VALUES ?x { 1 } BIND(?_v AS ?v) }", {"_v": Literal(value)}).rows in (
            [{"v": Literal(value)}],
            [],
        )
        assert engine.execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}).rows == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_on_the_command_line(zhejiang_nt: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = zhejiang_nt.read_bytes()
    for engine in ("rdflib", "oxigraph"):
        code = main(["query", "posts-of-a-person", "--param", f"person={value}", "--engine", engine, "--out", str(zhejiang_nt.parent)])
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1 and "Traceback" not in err
        assert ("nothing in the graph is named" in err) or ("is not a valid IRI" in err) or ("has nothing about" in err)
    assert zhejiang_nt.read_bytes() == before


# ------------------------------------------------------------------ command line errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"], "govkg: error: unknown query 'no-such-query'; known queries: about-an-entity,"),
        (["query", "posts-of-a-person"], "govkg: error: query 'posts-of-a-person' needs --param person=VALUE (the person,"),
        (["query", "posts-of-a-person", "-p", "person=Chen Yijun", "-p", "year=2021"], "has no parameter 'year' (its parameters: person)"),
        (["query", "posts-of-a-person", "-p", "person"], "govkg: error: bad --param 'person'; write --param NAME=VALUE"),
    ],
)
def test_command_line_errors_are_one_line_exit_2(
    zhejiang_nt: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*args, "--out", str(zhejiang_nt.parent)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_malformed_query_file_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "queries").mkdir()
    write(tmp_path / "queries", "broken", GOOD.replace("#+ summary: s\n", ""))
    assert main(["query", "broken", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"govkg: error: {tmp_path / 'queries' / 'broken.rq'}:1: the header has no '#+ summary:'; "
        "add '#+ summary: ...' at the top of the file\n"
    )


def test_missing_build_says_run_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "data-quality", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"govkg: error: no built graph at {tmp_path / 'kg.nt'}; run 'govkg build' first\n"


def test_queries_lists_every_query_with_its_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    for path in sorted(QUERIES.glob("*.rq")):
        assert f"{path.stem}\n    {load_query(path).summary}" in out
    assert "    --param person=...  the person, by name (e.g. 'Chen Yijun') or IRI" in out


# ------------------------------------------------------------------ each query's rows on the Zhejiang report


def test_posts_of_a_person(engine: RdflibEngine) -> None:
    result = run(engine, "posts-of-a-person", person="Chen Yijun")
    assert label_set(result, "postLabel", "organisationLabel", "roleLabel") == {
        ("Deputy Governor of Zhejiang Provincial People's Government", "Zhejiang Provincial People's Government", "Deputy Governor"),
        ("Deputy Director of Provincial Food and Drug Safety Commission", "Provincial Food and Drug Safety Commission", "Deputy Director"),
    }
    assert_quotes_at_offsets(result)
    assert {str(r["quote"]) for r in result.rows} == {
        "Chen Yijun, Deputy Governor of Zhejiang Provincial People\u2019s Government",
        "Chen Yijun, Deputy Governor of Zhejiang Provincial People\u2019s Government and "
        "Deputy Director of Provincial Food and Drug Safety Commission",
    }
    assert {r["report"] for r in result.rows} == {REPORT}
    assert {str(r["reportedOn"]) for r in result.rows} == {"2021-04-11"}


def test_meeting_participants(engine: RdflibEngine) -> None:
    result = run(engine, "meeting-participants")
    roles = {(str(r["role"]).split("#")[1], str(r["participantLabel"]), str(r.get("venueLabel", ""))) for r in result.rows}
    assert roles == {
        ("presided", "Chen Guangsheng", ""),
        ("deliveredSpeech", "Chen Yijun", ""),
        ("announced", "Zhang Genming", ""),
        ("attended", "Chen Yijun", ""),
        ("attended", "Xu Runlong", ""),
        ("attended", "Lu Yongfu", ""),
        ("attended", "heads and liaisons of member units of the Provincial Food and Drug Safety Commission", "main venue"),
        (
            "attended",
            "responsible persons in charge of the governments of various cities and counties (cities, districts) and related units",
            "branch venues",
        ),
    }
    assert len(result.rows) == 8
    assert {str(r["date"]) for r in result.rows} == {"2021-04-10"}
    assert_quotes_at_offsets(result)


def test_holders_of_posts_in_an_organisation(engine: RdflibEngine) -> None:
    result = run(engine, "holders-of-posts-in-an-organisation", organisation=str(BUREAU))
    assert label_set(result, "personLabel", "roleLabel") == {
        ("Zhang Genming", "Director"),
        ("Xu Runlong", "Deputy Director"),
        ("Lu Yongfu", "Deputy Director"),
    }
    assert_quotes_at_offsets(result)
    # the body's further name resolves to it: two people hold posts in the provincial government
    by_alias = run(engine, "holders-of-posts-in-an-organisation", organisation="the provincial government".removeprefix("the "))
    assert label_set(by_alias, "personLabel", "roleLabel") == {
        ("Chen Yijun", "Deputy Governor"),
        ("Chen Guangsheng", "Deputy Secretary-General"),
    }


def test_people_with_more_than_one_post(engine: RdflibEngine) -> None:
    result = run(engine, "people-with-more-than-one-post")
    counts = Counter(str(r["personLabel"]) for r in result.rows)
    assert counts == {"Chen Yijun": 2, "Zhang Genming": 2, "Xu Runlong": 2}
    assert {int(r["postCount"]) for r in result.rows} == {2}  # type: ignore[call-overload]
    assert_quotes_at_offsets(result)


def test_platforms_of_an_initiative(engine: RdflibEngine) -> None:
    result = run(engine, "platforms-of-an-initiative", initiative="three chains and one code")
    names: dict[str, set[str]] = {}
    for row in result.rows:
        names.setdefault(str(row["platformLabel"]), set()).add(str(row["name"]))
    assert names == {
        "Zhe Food Chain": {"Zhe Food Chain", "Zhejiang Food Chain"},
        "Zhejiang Cold Chain": {"Zhejiang Cold Chain"},
        "Zhejiang Miao Chain": {"Zhejiang Miao Chain"},
        "Zhejiang Agricultural Code": {"Zhejiang Agricultural Code"},
    }
    assert_quotes_at_offsets(result)
    further = [r for r in result.rows if r["nameKind"] == Literal("altLabel")]
    assert len(further) == 1 and "Zhejiang Food Chain" in str(further[0]["quote"]) and str(further[0]["inferredBecause"])


def test_work_areas_and_task_counts(engine: RdflibEngine) -> None:
    result = run(engine, "work-areas-and-task-counts")
    stated = [int(r["statedTaskCount"]) for r in result.rows]  # type: ignore[call-overload]
    listed = [int(r["listedTaskCount"]) for r in result.rows]  # type: ignore[call-overload]
    assert [int(r["ordinal"]) for r in result.rows] == list(range(1, 9))  # type: ignore[call-overload]
    assert stated == [3, 3, 3, 8, 5, 3, 3, 2]
    assert listed == stated and sum(listed) == 30
    assert_quotes_at_offsets(result)


def test_tasks_of_a_work_area(engine: RdflibEngine) -> None:
    result = run(engine, "tasks-of-a-work-area", area="Promote digital empowerment")
    assert [str(r["taskLabel"]) for r in result.rows] == [
        "build and apply the Zhejiang Food Chain",
        "improve the quality and safety traceability system of agricultural products",
        "improve the drug safety traceability system",
    ]
    assert_quotes_at_offsets(result)


def test_assessment_results(engine: RdflibEngine) -> None:
    result = run(engine, "assessment-results")
    kinds = Counter((str(r["rating"]).split("#")[1], str(r["subjectKind"]).split("#")[1]) for r in result.rows)
    assert kinds == {
        ("excellent", "cityGovernment"): 4,
        ("excellent", "provincialUnit"): 13,
        ("excellent", "customs"): 2,
        ("aLevel", "province"): 1,
    }
    customs = {str(r["subjectLabel"]) for r in result.rows if r["subjectKind"] == GOVKG.customs}
    assert customs == {"Ningbo Customs", "Hangzhou Customs"}
    assert_quotes_at_offsets(result)
    summary = run(engine, "assessment-results-by-rating-and-kind")
    assert (
        Counter({(str(r["rating"]).split("#")[1], str(r["subjectKind"]).split("#")[1]): int(r["subjects"]) for r in summary.rows}) == kinds
    )  # type: ignore[call-overload]


def test_cities_honours_and_ratings(engine: RdflibEngine) -> None:
    result = run(engine, "cities-honours-and-ratings")
    assert label_set(result, "cityLabel", "kind", "whatLabel") == {
        ("Hangzhou", "honour", "Zhejiang Food Safety City"),
        ("Hangzhou", "rating", "excellent"),
        ("Taizhou", "rating", "excellent"),
        ("Ningbo", "rating", "excellent"),
        ("Wenzhou", "rating", "excellent"),
    }
    assert len(result.rows) == 5
    assert_quotes_at_offsets(result)


def test_about_an_entity(engine: RdflibEngine) -> None:
    result = run(engine, "about-an-entity", entity="Chen Yijun")
    graph = Graph()
    for triple in result.graph:
        graph.add(triple)
    assert (CHEN_YIJUN, RDFS.label, Literal("Chen Yijun")) in graph
    assert set(graph.objects(CHEN_YIJUN, ORG.holds)) == {
        URIRef(f"{B}post/zhejiang/zhejiang-provincial-peoples-government/deputy-governor"),
        URIRef(f"{B}post/zhejiang/provincial-food-and-drug-safety-commission/deputy-director"),
    }
    holdings = set(graph.subjects(ORG.member, CHEN_YIJUN))
    participations = set(graph.subjects(GOVKG.participant, CHEN_YIJUN))
    assert len(holdings) == 2 and len(participations) == 2
    # each node that speaks of him, and he himself, leads to the report's exact words at their offsets
    for fact in holdings | participations | {CHEN_YIJUN}:
        annotations = list(graph.objects(fact, PROV.wasDerivedFrom))
        assert annotations, fact
        for annotation in annotations:
            target = graph.value(annotation, OA.hasTarget)
            assert graph.value(target, OA.hasSource) == REPORT
            selectors = list(graph.objects(target, OA.hasSelector))
            exact = next(graph.value(s, OA.exact) for s in selectors if graph.value(s, OA.exact) is not None)
            start = next(int(graph.value(s, OA.start)) for s in selectors if graph.value(s, OA.start) is not None)  # type: ignore[arg-type]
            end = next(int(graph.value(s, OA.end)) for s in selectors if graph.value(s, OA.end) is not None)  # type: ignore[arg-type]
            assert TEXT[start:end] == str(exact)
    assert all(p != RDF.type or s == CHEN_YIJUN for s, p, _ in graph)


def test_provenance_of_a_fact(engine: RdflibEngine) -> None:
    holding = "Chen Yijun: Deputy Governor of Zhejiang Provincial People's Government"
    result = run(engine, "provenance-of-a-fact", fact=holding)
    quote = "Chen Yijun, Deputy Governor of Zhejiang Provincial People\u2019s Government"
    start = TEXT.index(quote)
    assert len(result.rows) == 1
    row = result.rows[0]
    assert (str(row["quote"]), int(row["start"]), int(row["end"])) == (quote, start, start + len(quote))  # type: ignore[call-overload]
    assert (str(row["prefix"]), str(row["suffix"])) == (TEXT[start - 32 : start], TEXT[start + len(quote) : start + len(quote) + 32])
    report_bytes = (ROOT / "graph" / "reports" / f"{KEY}.txt").read_bytes()
    assert (row["report"], str(row["reportId"]), str(row["sha256"])) == (REPORT, KEY, hashlib.sha256(report_bytes).hexdigest())
    assert str(row["reportDate"]) == "2021-04-11"
    assert "inferredBecause" not in row
    inferred = run(engine, "provenance-of-a-fact", fact=f"{B}report/{KEY}/relation/hangzhou/within")
    assert "does not say in words that Hangzhou lies in Zhejiang" in str(inferred.rows[0]["inferredBecause"])


def test_data_quality(engine: RdflibEngine, zhejiang_nt: Path) -> None:
    result = run(engine, "data-quality")
    checks = Counter(str(r["check"]) for r in result.rows)
    # the report names 15 rated units and 4 city governments; posts are held only in the government,
    # the commission, the office, the bureau and the drug administration: 22 - 5 = 17 bodies
    assert checks == {"organisation-without-post-holder": 17}
    assert ("Hangzhou Customs",) in label_set(result, "subjectLabel")
    # break the graph: a fact with no source, a task removed from area 2
    graph = load_rdflib(zhejiang_nt)
    orphan = URIRef(f"{B}report/{KEY}/post-holding/orphan")
    graph.add((orphan, RDF.type, GOVKG.PostHolding))
    graph.remove((URIRef(f"{B}report/{KEY}/task/task-2-3"), GOVKG.workArea, None))
    broken = run(RdflibEngine(graph), "data-quality")
    found = {
        (str(r["check"]), str(r["subject"]), str(r["detail"]))
        for r in broken.rows
        if r["check"] != Literal("organisation-without-post-holder")
    }
    assert found == {
        ("fact-without-source", str(orphan), f"a {GOVKG.PostHolding} with no prov:wasDerivedFrom"),
        ("area-task-count-differs", f"{B}report/{KEY}/work-area/area-2", "the report states 3 tasks; 2 are listed"),
    }


def test_table_csv_tsv_json_formats(engine: RdflibEngine) -> None:
    result = run(engine, "tasks-of-a-work-area", area="Promote digital empowerment")
    csv_lines = format_result(result, "csv").split("\r\n")
    assert csv_lines[0] == "areaLabel,ordinal,task,taskLabel,quote,start,end,report"
    assert csv_lines[1].startswith(f"Promote digital empowerment,1,{B}report/{KEY}/task/task-2-1,build and apply the Zhejiang Food Chain,")
    tsv_lines = format_result(result, "tsv").split("\n")
    assert tsv_lines[1].split("\t")[:3] == [
        '"Promote digital empowerment"',
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
        f"<{B}report/{KEY}/task/task-2-1>",
    ]
    table = format_result(result, "table", {"id": B}, width=200)
    assert "id:report/zhejiang-2021-food-drug-safety-conference/task/task-2-1" in table and table.endswith("(3 rows)")
    parsed = json.loads(format_result(result, "json"))
    assert parsed["head"]["vars"][:2] == ["areaLabel", "ordinal"]
    assert parsed["results"]["bindings"][0]["ordinal"] == {
        "type": "literal",
        "value": "1",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
