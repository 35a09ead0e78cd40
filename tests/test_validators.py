"""The build's two validators: the fast one by default, pySHACL on request or as the fallback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govkg.cli import main

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    shutil.copytree(ROOT / "ontology", root / "ontology")
    return root


def break_person_shape(root: Path) -> None:
    shapes = root / "ontology" / "shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    old = "sh:path foaf:name ; sh:minCount 1 ; sh:datatype xsd:string ;"
    assert old in text
    shapes.write_text(text.replace(old, "sh:path foaf:name ; sh:minCount 2 ; sh:datatype xsd:string ;"), encoding="utf-8")


@pytest.mark.parametrize("validator", ["fast", "pyshacl"])
def test_both_validators_report_the_same_violation(mini: Path, validator: str, capsys: pytest.CaptureFixture[str]) -> None:
    break_person_shape(mini)
    assert main(["build", "--root", str(mini), "--validator", validator]) == 2
    err = capsys.readouterr().err
    assert "govkg: error: the graph breaks 1 SHACL rule(s):" in err
    assert "person/jiangsu/wang-lei> (http://xmlns.com/foaf/0.1/name): A person needs a foaf:name string. [shape PersonHasName]" in err


def test_shapes_the_fast_validator_cannot_run_fall_back_to_pyshacl(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shapes = mini / "ontology" / "shapes.ttl"
    # A property path (sequence) is outside the subset the fast validator supports.
    shapes.write_text(
        shapes.read_text(encoding="utf-8")
        + """
shape:EveryPostHoldingNamesAPerson a sh:NodeShape ;
    sh:targetClass govkg:PostHolding ;
    sh:property [ sh:path ( org:member foaf:name ) ; sh:minCount 1 ;
        sh:message "A post holding's member needs a name."@en ] .
""",
        encoding="utf-8",
    )
    assert main(["build", "--root", str(mini)]) == 0
    err = capsys.readouterr().err
    assert "the fast validator cannot run these shapes (" in err
    assert "SHACL validation (pySHACL): 1/1 report(s) conform" in err


def test_validate_verb_takes_the_reference_validator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(MINI), "--validator", "pyshacl"]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 report(s), ")
