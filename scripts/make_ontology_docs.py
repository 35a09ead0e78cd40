"""Write docs/ontology.html, the reference page of the govkg ontology, from ontology/govkg.ttl.

Usage: ``.venv/bin/python scripts/make_ontology_docs.py [--ontology PATH] [--output PATH]``

The page lists the ontology's header, its classes, object and datatype properties (with domain
and range), and its SKOS concept schemes with their concepts, each with label and comment. It is
one self-contained HTML file (no scripts, no fetched styles) and the same ontology always gives
the same bytes: no date or tool version is written, and every list is sorted.

pyLODE 3.4.1 is not used: it fails on import when installed from its wheel (it reads a
``pyproject.toml`` that the wheel does not ship, pyLODE issue #260); with that worked around its
output order changes from run to run, and it renders each SKOS concept scheme as an ontology.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from html import escape
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from govkg.export import atomic_write
from govkg.vocab import DCTERMS, GOVKG, OWL, PREFIXES, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
DEFAULT_OUTPUT = ROOT / "docs" / "ontology.html"
NS = str(GOVKG._NS)

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem 2rem; line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #ccc; margin-top: 2.5rem; } h3 { margin-bottom: .3rem; }
code { background: #f3f3f3; padding: 0 .2rem; } a { color: #0550ae; }
article { border-left: 3px solid #ddd; padding: .1rem 0 .1rem 1rem; margin: 1.2rem 0; }
article:target { border-left-color: #0550ae; background: #f5f9ff; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
tr:target { background: #f5f9ff; } nav ul { columns: 3; } .iri { color: #666; font-size: .9em; }
""".strip()


def local(term: Node) -> str:
    """The local name of a GOVKG term."""
    return str(term).removeprefix(NS)


def is_ours(term: Node) -> bool:
    """Whether ``term`` is an IRI in the GOVKG namespace."""
    return isinstance(term, URIRef) and str(term).startswith(NS)


def curie(term: Node) -> str:
    """``term`` as ``prefix:name`` when a known prefix covers it, else its full IRI."""
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def link(term: Node) -> str:
    """An HTML link to ``term``: an anchor on this page for our terms, its IRI for others."""
    if is_ours(term):
        return f'<a href="#{escape(local(term))}"><code>{escape(curie(term))}</code></a>'
    if isinstance(term, URIRef):
        return f'<a href="{escape(str(term))}"><code>{escape(curie(term))}</code></a>'
    return f"<code>{escape(str(term))}</code>"


def links(terms: Iterable[Node]) -> str:
    """Sorted, comma-separated links."""
    return ", ".join(link(t) for t in sorted(set(terms), key=curie))


def text_of(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """The one literal value of ``predicate`` (English preferred), whitespace folded; empty if none."""
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]
    values.sort(key=lambda v: (v.language != "en", str(v)))
    return " ".join(str(values[0]).split()) if values else ""


def terms_of(graph: Graph, kind: URIRef) -> list[URIRef]:
    """Our terms of ``kind``, sorted by local name."""
    found = {s for s in graph.subjects(RDF.type, kind) if is_ours(s)}
    return sorted(found, key=lambda t: (local(t).casefold(), local(t)))  # type: ignore[arg-type]


def meta(rows: list[tuple[str, str]]) -> str:
    """A definition list of the rows that have a value."""
    items = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows if value)
    return f'<dl class="meta">{items}</dl>' if items else ""


def term_article(graph: Graph, term: URIRef, rows: list[tuple[str, str]]) -> str:
    """One class or property: heading, IRI, comment, and its relations."""
    label = text_of(graph, term, RDFS.label) or local(term)
    return (
        f'<article id="{escape(local(term))}">\n'
        f"<h3>{escape(label)}</h3>\n"
        f'<p class="iri"><code>{escape(curie(term))}</code> &middot; {escape(str(term))}</p>\n'
        f"<p>{escape(text_of(graph, term, RDFS.comment))}</p>\n"
        f"{meta(rows)}\n</article>"
    )


def class_section(graph: Graph) -> tuple[str, list[URIRef]]:
    """The classes with their superclasses, subclasses, and the properties that use them."""
    classes = terms_of(graph, OWL.Class)
    articles = [
        term_article(
            graph,
            cls,
            [
                ("Subclass of", links(graph.objects(cls, RDFS.subClassOf))),
                ("Subclasses", links(graph.subjects(RDFS.subClassOf, cls))),
                ("In domain of", links(graph.subjects(RDFS.domain, cls))),
                ("In range of", links(graph.subjects(RDFS.range, cls))),
            ],
        )
        for cls in classes
    ]
    return '<section id="section-classes">\n<h2>Classes</h2>\n' + "\n".join(articles) + "\n</section>", classes


def property_section(graph: Graph, kind: URIRef, anchor: str, title: str) -> tuple[str, list[URIRef]]:
    """The properties of ``kind`` with domain and range."""
    props = terms_of(graph, kind)
    articles = [
        term_article(
            graph,
            prop,
            [
                ("Domain", links(graph.objects(prop, RDFS.domain))),
                ("Range", links(graph.objects(prop, RDFS.range))),
                ("Subproperty of", links(graph.objects(prop, RDFS.subPropertyOf))),
            ],
        )
        for prop in props
    ]
    return f'<section id="{anchor}">\n<h2>{escape(title)}</h2>\n' + "\n".join(articles) + "\n</section>", props


def scheme_section(graph: Graph) -> tuple[str, list[URIRef]]:
    """The SKOS concept schemes, each with a table of its concepts."""
    schemes = terms_of(graph, SKOS.ConceptScheme)
    parts: list[str] = []
    anchored: set[Node] = set()
    for scheme in schemes:
        concepts = sorted((c for c in graph.subjects(SKOS.inScheme, scheme) if is_ours(c)), key=lambda c: (local(c).casefold(), local(c)))
        if concepts:
            rows: list[str] = []
            for concept in concepts:
                # A concept in two schemes is listed in both; only its first row carries the anchor.
                anchor = "" if concept in anchored else f' id="{escape(local(concept))}"'
                anchored.add(concept)
                rows.append(
                    f"<tr{anchor}><td><code>{escape(curie(concept))}</code></td>"
                    f"<td>{escape(text_of(graph, concept, SKOS.prefLabel) or text_of(graph, concept, RDFS.label))}</td>"
                    f"<td>{escape(text_of(graph, concept, RDFS.comment))}</td>"
                    f"<td>{links(s for s in graph.objects(concept, SKOS.inScheme) if s != scheme)}</td></tr>"
                )
            body = "<table>\n<tr><th>Concept</th><th>Label</th><th>Meaning</th><th>Also in</th></tr>\n" + "\n".join(rows) + "\n</table>"
        else:
            body = "<p><em>The ontology defines no concepts in this scheme; the graph's data adds them.</em></p>"
        parts.append(term_article(graph, scheme, []).replace("\n</article>", f"\n{body}\n</article>"))
    return '<section id="section-schemes">\n<h2>Controlled lists (SKOS concept schemes)</h2>\n' + "\n".join(parts) + "\n</section>", schemes


def toc(title: str, anchor: str, terms: list[URIRef], graph: Graph) -> str:
    """A table-of-contents entry: the section and its terms."""
    items = "".join(f'<li><a href="#{escape(local(t))}">{escape(text_of(graph, t, RDFS.label) or local(t))}</a></li>' for t in terms)
    return f'<h3><a href="#{anchor}">{escape(title)}</a></h3>\n<ul>{items}</ul>'


def render(graph: Graph, source_name: str) -> str:
    """The whole reference page for the ontology in ``graph``."""
    headers = sorted(graph.subjects(RDF.type, OWL.Ontology), key=str)
    if len(headers) != 1:
        raise ValueError(f"the ontology must have one owl:Ontology header, found {len(headers)}")
    [header] = headers
    title = text_of(graph, header, DCTERMS.title) or text_of(graph, header, RDFS.label) or str(header)
    header_rows = [
        ("IRI", f"<code>{escape(str(header))}</code>"),
        ("Version", escape(text_of(graph, header, OWL.versionInfo))),
        ("Version IRI", links(graph.objects(header, OWL.versionIRI))),
        ("License", links(graph.objects(header, DCTERMS.license))),
        ("Imports", links(graph.objects(header, OWL.imports))),
        ("Namespace", f"<code>{escape(NS)}</code> (prefix <code>govkg:</code>)"),
    ]
    classes, class_terms = class_section(graph)
    objects, object_terms = property_section(graph, OWL.ObjectProperty, "section-object-properties", "Object properties")
    data, data_terms = property_section(graph, OWL.DatatypeProperty, "section-datatype-properties", "Datatype properties")
    schemes, scheme_terms = scheme_section(graph)
    prefix_rows = "\n".join(f"<tr><td><code>{escape(p)}:</code></td><td><code>{escape(ns)}</code></td></tr>" for p, ns in PREFIXES.items())
    contents = "\n".join(
        [
            toc("Classes", "section-classes", class_terms, graph),
            toc("Object properties", "section-object-properties", object_terms, graph),
            toc("Datatype properties", "section-datatype-properties", data_terms, graph),
            toc("Controlled lists", "section-schemes", scheme_terms, graph),
        ]
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            "<body>",
            f"<header>\n<h1>{escape(title)}</h1>\n{meta(header_rows)}\n<p>{escape(text_of(graph, header, DCTERMS.description))}</p>\n"
            '<p>How the classes fit together, with a diagram: <a href="model.md">model.md</a>.</p>\n</header>',
            f"<nav>\n<h2>Contents</h2>\n{contents}\n</nav>",
            classes,
            objects,
            data,
            schemes,
            f'<section id="section-namespaces">\n<h2>Namespaces</h2>\n<table>\n{prefix_rows}\n</table>\n</section>',
            f"<footer><p>Generated from <code>{escape(source_name)}</code> by <code>scripts/make_ontology_docs.py</code>; "
            "do not edit by hand.</p></footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the ontology and write the page; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY, help="the ontology in Turtle (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the HTML page to write (default: %(default)s)")
    args = parser.parse_args(argv)
    graph = Graph().parse(args.ontology, format="turtle")
    atomic_write(args.output, render(graph, args.ontology.name).encode("utf-8"))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
