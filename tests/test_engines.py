"""rdflib and pyoxigraph give the same rows for every named query on the whole built graph.

Rows compare as tuples of N-Triples terms in the query's variable order, in the query's order
(every query sorts on enough columns to fix it): an integer from either engine is
``"3"^^xsd:integer``, a string is a simple literal.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from govkg.pipeline import BuildResult
from govkg.query import NamedQuery, OxigraphEngine, RdflibEngine, Result, load_queries, run_named, with_values
from govkg.store import load_oxigraph, load_rdflib
from govkg.vocab import DEFAULT_BASE_IRI

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
KEY = "zhejiang-2021-food-drug-safety-conference"
B = DEFAULT_BASE_IRI

PARAMETER_VALUES = {
    "person": f"{B}person/zhejiang/chen-yijun",
    "organisation": f"{B}org/zhejiang/provincial-market-supervision-bureau",
    "initiative": f"{B}initiative/zhejiang/three-chains-and-one-code",
    "area": f"{B}report/{KEY}/work-area/area-2",
    "entity": f"{B}person/zhejiang/chen-yijun",
    "fact": f"{B}report/{KEY}/post-holding/chen-yijun-deputy-governor",
}
"""A value for each parameter name the named queries use (IRIs: labels may be shared by reports added later)."""


def parameters(query: NamedQuery) -> dict[str, str]:
    missing = [p.name for p in query.params if p.name not in PARAMETER_VALUES]
    assert not missing, f"add a test value for parameter(s) {missing} of {query.name} to PARAMETER_VALUES"
    return {p.name: PARAMETER_VALUES[p.name] for p in query.params}


@pytest.fixture(scope="module")
def engines(built: BuildResult) -> tuple[RdflibEngine, OxigraphEngine]:
    path = built.outputs["N-Triples"]
    return RdflibEngine(load_rdflib(path)), OxigraphEngine(load_oxigraph(path))


def test_there_are_named_queries() -> None:
    assert len(QUERY_FILES) >= 12, "no named queries found in queries/"


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_same_rows_on_rdflib_and_oxigraph(engines: tuple[RdflibEngine, OxigraphEngine], path: Path) -> None:
    query = load_queries(path.parent)[path.stem]
    results: list[Result] = []
    for engine in engines:
        started = time.perf_counter()
        results.append(run_named(engine, query, parameters(query)))
        print(f"{query.name} on {engine.name}: {time.perf_counter() - started:.3f} s")
    local, fast = results
    assert local.form == fast.form
    if local.form == "CONSTRUCT":
        assert local.graph, "the query returns no triples: the comparison would prove nothing"
        assert local.graph == fast.graph
    else:
        assert local.rows, "the query returns no rows: the comparison would prove nothing"
        assert local.variables == fast.variables
        assert local.keys() == fast.keys()


def test_integers_and_strings_compare_as_the_same_terms(engines: tuple[RdflibEngine, OxigraphEngine]) -> None:
    text = (
        "SELECT ?n ?s ?i WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?x ?y ?z } } "
        'BIND("a"^^<http://www.w3.org/2001/XMLSchema#string> AS ?s) BIND(?_i AS ?i) }'
    )
    rows = [engine.execute(text, {"_i": Literal(7)}).rows for engine in engines]
    assert rows[0] == rows[1]
    assert rows[0][0]["s"] == Literal("a") and rows[0][0]["i"] == Literal(7)
    assert rows[0][0]["n"].n3() == rows[1][0]["n"].n3()


def test_values_and_init_bindings_agree_on_filters_and_optionals(engines: tuple[RdflibEngine, OxigraphEngine]) -> None:
    """VALUES first in the WHERE group binds the variable for the group's filters and optionals, as initBindings does."""
    person = URIRef(PARAMETER_VALUES["person"])
    text = (
        "PREFIX org: <http://www.w3.org/ns/org#>\n"
        "SELECT ?post ?same WHERE { ?who org:holds ?post . FILTER(?who = ?_p) OPTIONAL { ?_p org:holds ?other FILTER(?other = ?post) } "
        "BIND(BOUND(?other) AS ?same) } ORDER BY ?post"
    )
    assert "VALUES (?_p) {" in with_values(text, {"_p": person})
    rdflib_rows, ox_rows = (engine.execute(text, {"_p": person}) for engine in engines)
    assert rdflib_rows.keys() == ox_rows.keys()
    assert len(ox_rows.rows) >= 2 and all(row["same"] == Literal(True) for row in ox_rows.rows)


def test_oxigraph_rows_are_converted_only_when_read_and_keys_agree(engines: tuple[RdflibEngine, OxigraphEngine]) -> None:
    """The fast engine keeps its solutions until ``rows`` is read; its keys are the same before and after, and as rdflib's."""
    text = (
        'SELECT ?n ?s ?i ?u WHERE { BIND(3 AS ?n) '
        'BIND("two\\nlines, a \\"quote\\"" AS ?s) BIND(<https://example.org/x> AS ?i) }'
    )
    local, fast = (engine.execute(text, {}) for engine in engines)
    assert fast._rows is None, "the oxigraph rows were converted before anyone read them"
    lazy_keys = fast.keys()
    assert len(fast) == 1 and fast._rows is None
    expected = ('"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"two\\nlines, a \\"quote\\""', "<https://example.org/x>", "")
    assert lazy_keys == local.keys() == [expected]
    assert fast.rows == local.rows == [{"n": Literal(3), "s": Literal('two\nlines, a "quote"'), "i": URIRef("https://example.org/x")}]
    assert fast.keys() == lazy_keys
