"""Bad input: one clear line naming the file, the line or entity, and the fix; exit code 2; no output changed.

Each case copies the minimal project in tests/fixtures/mini, builds it once (so outputs exist),
breaks one thing, builds again and checks the message and that every output kept its bytes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govkg.cli import main
from govkg.schema import CHOICES

MINI = Path(__file__).parent / "fixtures" / "mini"
OUTPUTS = ("kg.ttl", "kg.nt", "kg.jsonld", "kg.trig")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    return root


def entities(root: Path) -> Path:
    return root / "graph" / "entities" / "mini.yaml"


def replace(old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = entities(root)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write_report(data: bytes) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / "graph" / "reports" / "mini.txt").write_bytes(data)

    return edit


def write_entities(data: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        entities(root).write_text(data, encoding="utf-8")

    return edit


E = "graph/entities/mini.yaml"
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "malformed YAML": (
        replace("    name: Wang Lei\n", "    name: [Wang Lei\n"),
        f"{E}:21: malformed YAML: did not find expected ',' or ']'; fix the syntax at that line",
    ),
    "unknown key": (
        replace("    name: Wang Lei\n", "    nmae: Wang Lei\n"),
        f"{E}:20: entity 'wang-lei': unknown key 'nmae' for a Person; "
        "remove it; a Person takes id, quote, occurrence, inference, note, name, level, aliases",
    ),
    "unknown entity type": (
        replace("type: Person", "type: Persn"),
        f"{E}:18: entity 'wang-lei': unknown entity type 'Persn'; use one of Assessment, AssessmentResult, Concept, Honour, HonourAward, "
        "HonourConferral, Initiative, KeyTask, Meeting, Organization, ParticipantGroup, Participation, Person, Place, Platform, "
        "PostHolding, Report, Speech, SpeechPoint, Task, Venue, WorkArea, WorkPlan",
    ),
    "reference to a missing id": (
        replace("    person: wang-lei\n", "    person: wang-li\n"),
        f"{E}:29: entity 'wang-lei-director': 'person' refers to 'wang-li', which no item has as its id; fix the id or add that item",
    ),
    "reference to the wrong type": (
        replace("    person: wang-lei\n", "    person: bureau\n"),
        f"{E}:29: entity 'wang-lei-director': 'person' refers to 'bureau', an Organization; it must be a Person",
    ),
    "duplicate id": (
        replace("    id: bureau\n", "    id: wang-lei\n"),
        f"{E}:22: entity 'wang-lei': duplicate id (first on line 18); give each item its own id",
    ),
    "quote not found": (
        replace("quote: Wang Lei, director\n", "quote: Wang Lei, Director\n"),
        f"{E}:21: entity 'wang-lei': quote not found in the report: 'Wang Lei, Director'; "
        "copy it exactly from the report, curly quote marks and missing spaces included",
    ),
    "quote found twice": (
        replace("quote: Wang Lei, director\n", "quote: Wang Lei\n"),
        f"{E}:21: entity 'wang-lei': quote occurs 2 times in the report: 'Wang Lei'; lengthen it or add 'occurrence: N' (1 to 2)",
    ),
    "name not in its quote": (
        replace("    name: Wang Lei\n", "    name: Wang Lie\n"),
        f"{E}:21: entity 'wang-lei': name 'Wang Lie' does not appear in its quote; "
        "quote the passage that names it, or spell the name as the report does",
    ),
    "bad date": (
        replace("date: 2022-05-03", "date: 3 May 2022"),
        f"{E}:37: entity 'meeting': 'date' is not a date: '3 May 2022'; write it as YYYY-MM-DD",
    ),
    "bad choice": (
        replace("role: presided", "role: chaired"),
        f"{E}:45: entity 'wang-lei-presided': 'role' is 'chaired'; use one of " + ", ".join(CHOICES["participation_role"]),
    ),
    "missing required key": (
        replace("    role: director\n", ""),
        f"{E}:27: entity 'wang-lei-director': the PostHolding has no 'role'; add 'role:'",
    ),
    "report not UTF-8": (
        write_report("Jiangsu holds food safety meeting\n\u6c5f\u82cf".encode("gb18030")),
        "graph/reports/mini.txt:2: report is not UTF-8 (byte 0xbd at offset 34); convert it to UTF-8, e.g. iconv -f GB18030 -t UTF-8",
    ),
    "empty report": (
        write_report(b"\n  \n"),
        "graph/reports/mini.txt: the report is empty; put the report's text in the file",
    ),
    "empty entities file": (
        write_entities(""),
        f"{E}: the entities file is empty; write the items of the report, or delete the file",
    ),
    "draft not reviewed": (
        replace("status: curated", "status: draft"),
        f"{E}: the entities file is a draft (status: draft); review every item against the report, then set 'status: curated'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_with_one_clear_line_and_changes_nothing(
    case: str, mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini)
    assert main(["build", "--root", "."]) == 0
    before = {name: (mini / "graph" / "build" / name).read_bytes() for name in OUTPUTS}
    capsys.readouterr()

    edit, expected = CASES[case]
    edit(mini)
    code = main(["build", "--root", "."])
    err = capsys.readouterr().err

    assert code == 2
    error_lines = [line for line in err.splitlines() if line.startswith("govkg: error:")]
    assert error_lines == [f"govkg: error: {expected}"]
    assert "Traceback" not in err
    after = {name: (mini / "graph" / "build" / name).read_bytes() for name in OUTPUTS}
    assert after == before
    leftovers = [p.name for p in (mini / "graph" / "build").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_shacl_violation_fails_the_build_with_a_readable_report(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The entities file is fine, but a project-local shapes file demands what the build cannot give.
    shutil.copytree(Path(__file__).parents[1] / "ontology", mini / "ontology")
    shapes = mini / "ontology" / "shapes.ttl"
    shapes.write_text(
        shapes.read_text(encoding="utf-8").replace(
            "sh:path foaf:name ; sh:minCount 1 ; sh:datatype xsd:string ;",
            "sh:path foaf:name ; sh:minCount 2 ; sh:datatype xsd:string ;",
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(mini)
    code = main(["build", "--root", "."])
    err = capsys.readouterr().err
    assert code == 2
    assert "govkg: error: the graph breaks 1 SHACL rule(s):" in err
    assert "person/jiangsu/wang-lei> (http://xmlns.com/foaf/0.1/name): A person needs a foaf:name string. [shape PersonHasName]" in err
    assert not (mini / "graph" / "build").exists()


def test_unknown_top_level_key_names_the_line(mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    replace("status: curated\n", "status: curated\nauthor: me\n")(mini)
    monkeypatch.chdir(mini)
    assert main(["validate", "--root", "."]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(f"{E}:6: unknown key 'author' in the file; remove it; the file takes format, report, status, items")
    )


def test_bad_base_iri_is_an_argument_error(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(mini), "--base-iri", "example.org/kg"]) == 2
    assert capsys.readouterr().err.strip() == (
        "govkg: error: base IRI 'example.org/kg' must be absolute and end in '/' or '#'; pass e.g. --base-iri https://example.org/kg/"
    )
