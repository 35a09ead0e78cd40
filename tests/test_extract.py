"""The rule-based draft extractor: synthetic sentences of the genre, the real reports, the CLI.

The synthetic sentences use made-up names and bodies (not from any report) so that the rules are
tested on the genre's patterns rather than on the five texts they were written beside.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.errors import InputError
from govkg.extract import draft_entities, extract, is_pinyin_word, split_metadata
from govkg.load import load_entities
from govkg.pipeline import load_all
from govkg.settings import Project

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "graph" / "reports").glob("*.txt"))
HEADER = "source: https://example.org/news/1\ntitle: A made-up report\ndate: 2022-06-09\n\n"


def posts_of(text: str) -> dict[str, set[tuple[str, str]]]:
    """Person name → {(title, organisation)} as the extractor reads ``text``."""
    data = extract(text).as_json()
    return {p["name"]: {(post["title"], post["organization"]) for post in p["posts"]} for p in data["persons"]}


def test_reports_exist() -> None:
    assert len(REPORTS) >= 5


def test_titles_after_the_name_joined_by_and() -> None:
    text = HEADER + (
        "Wang Hongbo, Deputy Governor of Anhui Provincial People's Government and Deputy Director of the "
        "Provincial Food Safety Commission, attended the meeting and delivered a speech."
    )
    assert posts_of(text) == {
        "Wang Hongbo": {
            ("Deputy Governor", "Anhui Provincial People's Government"),
            ("Deputy Director", "Provincial Food Safety Commission"),
        }
    }


def test_titles_before_the_name() -> None:
    text = HEADER + (
        "On the 5th of June, Vice Governor of the Provincial Government Sun Meiling, Director of the Provincial "
        "Health Commission and Director of the Provincial Drug Administration Guo Tianyu came to Yuhang to survey "
        "food safety work."
    )
    assert posts_of(text) == {
        "Sun Meiling": {("Vice Governor", "Provincial Government")},
        "Guo Tianyu": {("Director", "Provincial Health Commission"), ("Director", "Provincial Drug Administration")},
    }


def test_a_run_of_titles_goes_forward_to_a_name_with_titles_before_it() -> None:
    text = HEADER + (
        "Deputy Mayor of Lishui City Government Fang Jianguo, Director of the Food Safety Office of Lishui City, "
        "Director of the Municipal Market Supervision Bureau Qian Xiaoyun and other leaders accompanied."
    )
    assert posts_of(text) == {
        "Fang Jianguo": {("Deputy Mayor", "Lishui City Government")},
        "Qian Xiaoyun": {("Director", "Food Safety Office of Lishui City"), ("Director", "Municipal Market Supervision Bureau")},
    }


def test_titles_between_commas_go_back_to_the_name() -> None:
    text = HEADER + (
        "Comrade Tang Lijuan, member of the Standing Committee of the Municipal Party Committee, Deputy Mayor of "
        "the Municipal Government, and Deputy Director of the Municipal Food Safety Committee, presided over the meeting."
    )
    assert posts_of(text) == {
        "Tang Lijuan": {
            ("member", "Standing Committee of the Municipal Party Committee"),
            ("Deputy Mayor", "Municipal Government"),
            ("Deputy Director", "Municipal Food Safety Committee"),
        }
    }
    data = extract(text).as_json()
    assert data["event"]["presided_by"] == "Tang Lijuan"
    assert "Municipal Party Committee" in data["organizations"]


def test_organisation_before_the_role_and_bare_roles() -> None:
    text = HEADER + "The meeting read out the instructions of the municipal party committee secretary Zheng Yu and the mayor Bai Qing."
    assert posts_of(text) == {"Zheng Yu": {("secretary", "municipal party committee")}, "Bai Qing": {("mayor", "")}}


def test_a_back_reference_means_the_body_named_before() -> None:
    text = HEADER + (
        "Liang Wei, director of the Hubei Provincial Market Supervision Bureau, and Ding Hui, deputy director of "
        "the provincial bureau, attended the meeting."
    )
    assert posts_of(text) == {
        "Liang Wei": {("director", "Hubei Provincial Market Supervision Bureau")},
        "Ding Hui": {("deputy director", "Hubei Provincial Market Supervision Bureau")},
    }
    assert extract(text).as_json()["organizations"] == ["Hubei Provincial Market Supervision Bureau"]


def test_a_later_bare_title_repeats_a_post_and_adds_none() -> None:
    text = HEADER + (
        "Cao Ming, Director of the Provincial Food Safety Office, attended. Later Director Cao Ming and Vice "
        "Governor Lin Fei visited a market."
    )
    assert posts_of(text) == {"Cao Ming": {("Director", "Provincial Food Safety Office")}, "Lin Fei": {("Vice Governor", "")}}


def test_event_roles_and_date_take_the_year_from_the_metadata() -> None:
    text = HEADER + (
        "On the afternoon of June 8th, Quzhou held a food safety work conference. Zhou Bin, Mayor of Quzhou, "
        "presided over the meeting. Xie Dong attended the meeting and delivered a speech. Han Lu and Peng Fei "
        "attended the meeting."
    )
    event = extract(text).as_json()["event"]
    assert event == {
        "date": "2022-06-08",
        "presided_by": "Zhou Bin",
        "speakers": ["Xie Dong"],
        "attendees": ["Xie Dong", "Han Lu", "Peng Fei"],
    }


def test_words_that_are_not_names() -> None:
    text = HEADER + "He stressed that Hong Kong and the Zhejiang Cold Chain, the Zhejiang Miao Chain and Wuling District matter."
    assert extract(text).as_json()["persons"] == []


def test_odd_quote_marks_and_missing_spaces() -> None:
    text = HEADER + "We will build the”three chains and one code” and keep the“zero tolerance” line."
    assert extract(text).as_json()["initiatives"] == ["three chains and one code", "zero tolerance"]


def test_metadata_lines_are_not_text() -> None:
    text = "source: https://example.org/a\ntitle: Mayor Gu Ping visits\ndate: 2020-01-02\n\nThe text names nobody.\n"
    metadata, header_end, body = split_metadata(text)
    assert metadata == {"source": "https://example.org/a", "title": "Mayor Gu Ping visits", "date": "2020-01-02"}
    assert text[:header_end].endswith("date: 2020-01-02")
    assert text[body:] == "The text names nobody.\n"
    assert extract(text).as_json()["persons"] == []


def test_pinyin_words() -> None:
    assert is_pinyin_word("Yongfu") and is_pinyin_word("Xiao") and is_pinyin_word("Congjiu")
    assert not is_pinyin_word("Chain") and not is_pinyin_word("Market") and not is_pinyin_word("stressed")


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_every_quote_of_the_json_is_exact_text(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    data = extract(text).as_json()
    assert data["persons"], "the extractor found nobody"
    for person in data["persons"]:
        assert person["name"] in text
        for post in person["posts"]:
            assert post["quote"] in text
            assert person["name"] in post["quote"]
            assert post["organization"] in text


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_the_draft_loads_as_a_draft_and_the_builder_refuses_it(report: Path, tmp_path: Path) -> None:
    draft = tmp_path / "entities" / f"{report.stem}.yaml"
    draft.parent.mkdir()
    draft.write_text(draft_entities(extract(report.read_text(encoding="utf-8")), report.name), encoding="utf-8")
    records = load_entities(draft, report.parent)
    assert records.status == "draft"
    assert {i.type for i in records.items} >= {"Report", "Place", "Person", "Organization"}
    project = Project.at(tmp_path)
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "reports").symlink_to(report.parent)
    (tmp_path / "graph" / "entities").symlink_to(draft.parent)
    with pytest.raises(InputError, match="the entities file is a draft"):
        load_all(project)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    govkg = Path(sys.executable).parent / "govkg"
    return subprocess.run([str(govkg), *args], capture_output=True, text=True, check=False, cwd=ROOT)


def test_cli_extract_json_and_yaml(tmp_path: Path) -> None:
    report = ROOT / "graph" / "reports" / "wenling-2018-vice-governor-food-safety-survey.txt"
    done = run_cli("extract", str(report), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"persons", "organizations", "places", "initiatives", "event"}
    lu = next(p for p in data["persons"] if p["name"] == "Lu Yongfu")
    assert {(p["title"], p["organization"]) for p in lu["posts"]} == {
        ("Deputy Director", "Provincial Food Safety Office"),
        ("Deputy Director", "Provincial Food and Drug Administration"),
    }
    out = tmp_path / "draft.yaml"
    done = run_cli("extract", str(report), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert load_entities(out, report.parent).status == "draft"


def test_cli_extract_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_cli("extract", str(tmp_path / "nope.txt"))
    assert done.returncode == 2
    assert "report not found" in done.stderr
