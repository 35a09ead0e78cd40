"""Scoring drafts: the arithmetic, the matching rules, the real five reports against their targets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.commands.extract import evaluate_all
from govkg.evaluate import Facts, evaluate, evaluate_facts, match_key, score_bodies, score_sets

ROOT = Path(__file__).resolve().parents[1]
ENTITIES = ROOT / "graph" / "entities"
REPORTS = ROOT / "graph" / "reports"
ZHEJIANG = ENTITIES / "zhejiang-2021-food-drug-safety-conference.yaml"


def test_match_key_ignores_typography_case_hyphens_and_a_leading_the() -> None:
    assert match_key("the Zhejiang Provincial People\u2019s Government") == match_key("zhejiang provincial people's government")
    assert match_key("Deputy Secretary-General") == match_key("deputy secretary general")
    assert match_key("Vice Mayor") != match_key("Deputy Mayor")


def test_precision_recall_f1_arithmetic() -> None:
    score = score_sets("people", {"a": "A", "b": "B", "c": "C"}, {"a": "A", "b": "B", "d": "D"})
    assert (score.true_positives, score.false_positives, score.false_negatives) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)
    assert score.missed == ("C",) and score.extra == ("D",)


def test_an_alias_finds_a_body_once_and_a_second_node_for_it_is_an_error() -> None:
    gold = [
        {
            "zhejiang provincial peoples government": "Zhejiang Provincial People's Government",
            "provincial government": "Provincial Government",
        }
    ]
    one = score_bodies(gold, [{"provincial government": "Provincial Government"}])
    assert (one.true_positives, one.false_positives, one.false_negatives) == (1, 0, 0)
    two = score_bodies(gold, [{"provincial government": "Provincial Government"}, {"zhejiang provincial peoples government": "Z"}])
    assert (two.true_positives, two.false_positives, two.false_negatives) == (1, 1, 0)


def test_gold_against_itself_is_perfect() -> None:
    result = evaluate(ZHEJIANG, ZHEJIANG, REPORTS)
    for score in result.scores():
        assert (score.precision, score.recall) == (1.0, 1.0), score.kind
    assert result.people.true_positives == 5
    assert result.triples.true_positives == 8


def test_a_damaged_draft_scores_lower_and_lists_what_it_missed(tmp_path: Path) -> None:
    text = ZHEJIANG.read_text(encoding="utf-8")
    # Drop Lu Yongfu's Person item and everything that points at him; rename one body.
    kept = [block for block in re.split(r"\n(?=  - )", text) if "lu-yongfu" not in block]
    damaged = "\n".join(kept).replace("name: Provincial Drug Administration", "name: Drug Administration")
    draft = tmp_path / "draft.yaml"
    draft.write_text(damaged, encoding="utf-8")
    result = evaluate(ZHEJIANG, draft, REPORTS)
    assert result.people.missed == ("Lu Yongfu",)
    assert result.people.recall == pytest.approx(4 / 5)
    assert result.people.precision == 1.0
    assert result.triples.missed == (
        "Lu Yongfu | deputy director | Provincial Market Supervision Bureau",
        "Xu Runlong | director | Provincial Drug Administration",
    )
    # The draft's body is 'Drug Administration', which the title also contains: a wrong triple.
    assert result.triples.extra == ("Xu Runlong | director | Drug Administration",)
    assert result.organisations.missed == ("Provincial Drug Administration",)
    assert result.organisations.extra == ("Drug Administration",)


def test_json_drafts_are_scored_too(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text(
        json.dumps(
            {
                "persons": [
                    {
                        "name": "Chen Yijun",
                        "posts": [
                            {"title": "Deputy Governor", "organization": "Zhejiang Provincial People\u2019s Government", "quote": "x"}
                        ],
                    }
                ],
                "organizations": ["Zhejiang Provincial People\u2019s Government"],
            }
        ),
        encoding="utf-8",
    )
    result = evaluate(ZHEJIANG, draft, REPORTS)
    assert result.people.true_positives == 1 and result.people.false_negatives == 4
    assert result.triples.true_positives == 1 and result.triples.false_positives == 0
    assert result.organisations.true_positives == 1


def test_posts_whose_title_names_no_body_are_not_triples() -> None:
    gold = Facts({}, [], {})
    pred = Facts({"zou wenhui": "Zou Wenhui"}, [], {})
    assert evaluate_facts("x", gold, pred).triples.false_positives == 0


def test_the_five_reports_meet_the_targets() -> None:
    results = evaluate_all(ENTITIES, REPORTS)
    assert len(results) == len(list(ENTITIES.glob("*.yaml"))) >= 5
    for result in results:
        assert result.people.f1 >= 0.95, (result.report, result.people)
        assert result.triples.f1 >= 0.85, (result.report, result.triples)


def test_cli_eval_prints_the_table_and_needs_both_files() -> None:
    govkg = Path(sys.executable).parent / "govkg"
    done = subprocess.run(
        [str(govkg), "eval", "--gold", str(ZHEJIANG), "--pred", str(ZHEJIANG)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("people", "1.000", "1.000", "1.000"),
        ("organisations", "1.000", "1.000", "1.000"),
        ("triples", "1.000", "1.000", "1.000"),
    ]
    done = subprocess.run([str(govkg), "eval", "--gold", str(ZHEJIANG)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "give --gold ENTITIES and --pred DRAFT, or --all" in done.stderr
