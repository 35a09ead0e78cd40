"""docs/ontology.html is generated from ontology/govkg.ttl, is up to date, and documents every term.

Regenerate it with: .venv/bin/python scripts/make_ontology_docs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from govkg.vocab import GOVKG, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_ontology_docs.py"
COMMITTED = ROOT / "docs" / "ontology.html"
ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
REGENERATE = ".venv/bin/python scripts/make_ontology_docs.py"
NS = str(GOVKG._NS)


def generate(output: Path, ontology: Path = ONTOLOGY, hash_seed: str = "0") -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--ontology", str(ontology), "--output", str(output)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return output.read_bytes()


class Page(HTMLParser):
    """Collects element ids, link targets and resources the page would fetch."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.fragments: set[str] = set()
        self.fetched: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.fragments.add(href[1:])
        if tag in {"script", "img", "iframe"} and values.get("src"):
            self.fetched.append(str(values["src"]))
        if tag == "link":
            self.fetched.append(href)


@pytest.fixture(scope="module")
def page() -> Page:
    return Page(COMMITTED.read_text(encoding="utf-8"))


def our_terms(kind: URIRef) -> list[URIRef]:
    graph = Graph().parse(ONTOLOGY, format="turtle")
    return sorted(s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(NS))


def test_committed_page_is_up_to_date(tmp_path: Path) -> None:
    assert COMMITTED.is_file(), f"docs/ontology.html is missing; run: {REGENERATE}"
    assert generate(tmp_path / "ontology.html") == COMMITTED.read_bytes(), f"docs/ontology.html is stale; run: {REGENERATE}"


def test_generation_does_not_depend_on_hash_order(tmp_path: Path) -> None:
    assert generate(tmp_path / "a.html", hash_seed="1") == generate(tmp_path / "b.html", hash_seed="2")


def test_a_changed_ontology_changes_the_page(tmp_path: Path) -> None:
    changed = tmp_path / "govkg.ttl"
    changed.write_text(
        ONTOLOGY.read_text(encoding="utf-8")
        + '\ngovkg:Hearing a owl:Class ; rdfs:label "Hearing"@en ; rdfs:comment "A <public> hearing & its record."@en .\n',
        encoding="utf-8",
    )
    html = generate(tmp_path / "ontology.html", ontology=changed).decode("utf-8")
    assert html.encode("utf-8") != COMMITTED.read_bytes()
    assert "Hearing" in Page(html).ids
    assert "A &lt;public&gt; hearing &amp; its record." in html


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme, SKOS.Concept])
def test_every_term_has_its_entry(page: Page, kind: URIRef) -> None:
    terms = our_terms(kind)
    assert terms
    missing = [str(t).removeprefix(NS) for t in terms if str(t).removeprefix(NS) not in page.ids]
    assert missing == []


def test_every_class_is_named_with_its_label_and_comment() -> None:
    graph = Graph().parse(ONTOLOGY, format="turtle")
    html = COMMITTED.read_text(encoding="utf-8")
    for cls in our_terms(OWL.Class):
        start = html.index(f'<article id="{str(cls).removeprefix(NS)}">')
        entry = html[start : html.index("</article>", start)]
        assert f"<h3>{graph.value(cls, RDFS.label)}</h3>" in entry
        assert escape(" ".join(str(graph.value(cls, RDFS.comment)).split())) in entry


def test_ids_are_unique_and_internal_links_resolve(page: Page) -> None:
    assert len(page.ids) == len(set(page.ids))
    assert sorted(page.fragments - set(page.ids)) == []


def test_page_fetches_nothing(page: Page) -> None:
    assert page.fetched == []
