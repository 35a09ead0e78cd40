"""Smoke test of the scale benchmark: the generator's projects build, and the harness at size 10 writes its table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import run as bench
from benchmarks.generate import generate

from govkg.pipeline import load_all, run_build
from govkg.settings import Project
from govkg.vocab import DEFAULT_BASE_IRI

REPO = Path(__file__).resolve().parents[1]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "graph").rglob("*")) if p.is_file()}


def test_generator_is_deterministic_and_prefix_stable(tmp_path: Path) -> None:
    small = _files(generate(tmp_path / "a", 3, seed=7))
    again = _files(generate(tmp_path / "b", 3, seed=7))
    larger = _files(generate(tmp_path / "c", 5, seed=7))
    other_seed = _files(generate(tmp_path / "d", 3, seed=8))
    assert small == again
    assert len(small) == 6
    assert {k: larger[k] for k in small} == small  # report i does not depend on how many are generated
    assert small != other_seed


def test_generated_reports_load_and_conform(tmp_path: Path) -> None:
    root = generate(tmp_path / "r6", 6, seed=11)
    records = load_all(Project.at(root))  # audits every key and finds every quote in its text
    assert len(records) == 6
    for record in records:
        people = sum(1 for _ in record.of_type("Person"))
        orgs = sum(1 for _ in record.of_type("Organization"))
        assert 3 <= people <= 10
        assert 10 <= orgs <= 34  # 10-30 from the pool, plus up to four city governments
        for item in record.items:
            assert record.text[item.span.start : item.span.end] == item.span.exact
    result = run_build(Project.at(root, tmp_path / "out"), DEFAULT_BASE_IRI)  # SHACL validation included
    people_iris = {s for s, p, _ in result.triples if str(p).endswith("foaf/0.1/name")}
    mentions = sum(sum(1 for _ in r.of_type("Person")) for r in records)
    assert len(people_iris) < mentions  # people recur across reports and merge into one node


@pytest.mark.slow
def test_benchmark_at_size_10_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "result.md"
    code = bench.main(["--sizes", "10", "--repeat", "2", "--no-view", "--work", str(tmp_path / "work"), "--out", str(out)])
    assert code == 0
    table = out.read_text(encoding="utf-8")
    raw = json.loads(out.with_suffix(".json").read_text())
    result = raw["results"]["10"]

    built = run_build(Project.at(tmp_path / "work" / "r10", tmp_path / "check"), DEFAULT_BASE_IRI)
    assert result["govkg"]["reports"] == 10
    assert result["govkg"]["triples"] == len(built.triples) == result["rdflib"]["triples"]
    assert result["govkg"]["incremental_triples"] > len(built.triples)
    assert f"10 r, {len(built.triples):,} t" in table

    rows = ("| **full build** |", "| **peak memory of the build** |", "| **rebuild after adding one report** |", "| SHACL validation |")
    for row in rows:
        assert row in table, row
    names = [f"queries/{p.stem}" for p in sorted((REPO / "queries").glob("*.rq"))]
    names += [f"workload/{p.stem}" for p in sorted((REPO / "benchmarks" / "queries").glob("*.rq"))]
    assert names
    for name in names:
        line = next(line for line in table.splitlines() if line.startswith(f"| `{name}` |"))
        assert "(same)" in line, line  # both engines gave the same rows
    assert "## Targets at the largest size" in table
    assert raw["machine"]["cores"].isdigit()
