"""The merge report: the joins the rule makes across reports, and the ones it only reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govkg.merge import MergeReport, merge_report
from govkg.pipeline import load_all
from govkg.settings import Project
from govkg.vocab import DEFAULT_BASE_IRI

ROOT = Path(__file__).resolve().parents[1]
ID = DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def real() -> MergeReport:
    return merge_report(load_all(Project.at(ROOT)), DEFAULT_BASE_IRI)


def test_lu_yongfu_is_merged_across_two_reports(real: MergeReport) -> None:
    people = {n.iri: n for n in real.merged if n.kind == "Person"}
    assert set(people) == {f"{ID}person/zhejiang/lu-yongfu"}
    assert people[f"{ID}person/zhejiang/lu-yongfu"].reports == (
        "wenling-2018-vice-governor-food-safety-survey",
        "zhejiang-2021-food-drug-safety-conference",
    )


def test_unsure_merges_are_reported_not_made(real: MergeReport) -> None:
    found = {(u.reason, u.iris) for u in real.unsure}
    assert found == {
        ("level-word", (f"{ID}org/zhejiang/provincial-government", f"{ID}org/zhejiang/zhejiang-provincial-peoples-government")),
        ("level-word", (f"{ID}org/zhejiang/taizhou/taizhou-city-government", f"{ID}org/zhejiang/taizhou/taizhou-government")),
        ("same-post-same-report", (f"{ID}person/zhejiang/xu-miao", f"{ID}person/zhejiang/xu-xiao")),
    }


def test_the_unsure_pairs_stay_two_nodes_in_the_graph(kg: object) -> None:
    from rdflib import Graph, URIRef

    from govkg.vocab import FOAF, ORG, RDF

    assert isinstance(kg, Graph)
    assert (URIRef(f"{ID}person/zhejiang/xu-miao"), RDF.type, FOAF.Person) in kg
    assert (URIRef(f"{ID}person/zhejiang/xu-xiao"), RDF.type, FOAF.Person) in kg
    assert (URIRef(f"{ID}org/zhejiang/taizhou/taizhou-city-government"), RDF.type, ORG.Organization) in kg
    assert (URIRef(f"{ID}org/zhejiang/taizhou/taizhou-government"), RDF.type, ORG.Organization) in kg


REPORT = "source: https://example.org/{n}\ntitle: Report {n}\ndate: 2020-0{n}-01\n\n{body}\n"
ENTITIES = """\
format: govkg-entities/1
report: r{n}.txt
status: curated
items:
  - {{type: Report, id: report, title: Report {n}, date: 2020-0{n}-01, province: p, quote: "title: Report {n}"}}
  - {{type: Place, id: p, name: {province}, kind: province, quote: "In {province},"}}
  - {{type: Person, id: w, name: Wang Lei, quote: Wang Lei}}
  - {{type: Organization, id: o, name: {org}, kind: bureau, quote: {org}}}
  - {{type: PostHolding, id: h, person: w, organization: o, role: Director, title: Director of the {org},
     quote: "Wang Lei, Director of the {org}"}}
"""


def make_project(tmp_path: Path, reports: list[tuple[str, str]]) -> Project:
    (tmp_path / "graph" / "reports").mkdir(parents=True)
    (tmp_path / "graph" / "entities").mkdir(parents=True)
    for n, (province, org) in enumerate(reports, 1):
        body = f"In {province}, Wang Lei, Director of the {org}, spoke."
        (tmp_path / "graph" / "reports" / f"r{n}.txt").write_text(REPORT.format(n=n, body=body), encoding="utf-8")
        (tmp_path / "graph" / "entities" / f"r{n}.yaml").write_text(ENTITIES.format(n=n, province=province, org=org), encoding="utf-8")
    return Project.at(tmp_path)


def test_one_name_under_two_provinces_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path, [("Anhui", "Provincial Grain Bureau"), ("Hebei", "Provincial Grain Bureau")])
    result = merge_report(load_all(project), "https://example.org/x/")
    assert result.merged == ()
    assert [(u.reason, u.iris) for u in result.unsure] == [
        ("same-name-other-province", ("https://example.org/x/person/anhui/wang-lei", "https://example.org/x/person/hebei/wang-lei")),
    ]


def test_same_name_same_province_is_one_node_and_a_level_word_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path, [("Anhui", "Provincial Grain Bureau"), ("Anhui", "Anhui Grain Bureau")])
    result = merge_report(load_all(project), "https://example.org/x/")
    assert [(n.kind, n.iri) for n in result.merged] == [
        ("Person", "https://example.org/x/person/anhui/wang-lei"),
        ("Place", "https://example.org/x/place/anhui"),
    ]
    assert [(u.reason, u.iris) for u in result.unsure] == [
        ("level-word", ("https://example.org/x/org/anhui/anhui-grain-bureau", "https://example.org/x/org/anhui/provincial-grain-bureau")),
    ]


def test_bodies_of_two_different_places_are_not_alike(tmp_path: Path) -> None:
    project = make_project(tmp_path, [("Anhui", "Hefei Customs"), ("Anhui", "Wuhu Customs")])
    (tmp_path / "graph" / "reports" / "r1.txt").write_text(
        REPORT.format(n=1, body="In Anhui, Wang Lei, Director of the Hefei Customs, spoke. Hefei and Wuhu."), encoding="utf-8"
    )
    entities = tmp_path / "graph" / "entities" / "r1.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8") + "  - {type: Place, id: hefei, name: Hefei, kind: city, within: p, quote: Hefei and}\n"
        "  - {type: Place, id: wuhu, name: Wuhu, kind: city, within: p, quote: and Wuhu}\n",
        encoding="utf-8",
    )
    result = merge_report(load_all(project), "https://example.org/x/")
    assert [u.reason for u in result.unsure] == []


def test_cli_merges_lists_both() -> None:
    govkg = Path(sys.executable).parent / "govkg"
    done = subprocess.run([str(govkg), "merges"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "merged across reports: 3 node(s)" in done.stdout
    assert f"<{ID}person/zhejiang/lu-yongfu>  Lu Yongfu" in done.stdout
    assert "unsure, not merged: 3" in done.stdout


def test_names_of_different_ranks_are_not_alike() -> None:
    from govkg.merge import _alike

    assert _alike(["Taizhou City Government"], ["Taizhou government"], {"taizhou"})
    assert _alike(["Provincial Government"], ["Zhejiang Provincial People's Government"], {"zhejiang"})
    assert not _alike(["Changde Municipal Government"], ["provincial government"], {"changde"})
    assert not _alike(["Ningbo Customs"], ["Hangzhou Customs"], {"ningbo", "hangzhou"})
