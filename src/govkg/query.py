"""Named SPARQL queries: load ``queries/*.rq``, bind parameters, run them, format the rows.

A named query is one file, ``queries/<kebab-name>.rq``, in the grlc convention::

    #+ summary: Posts a person holds, with the organisation and the quote
    #+ description: One row per post holding; the quote is the report's own words.
    #+   A description may go on over several lines indented under it.
    #+ params:
    #+   - person: the person (a name such as 'Chen Yijun', or an IRI)

    PREFIX org: <http://www.w3.org/ns/org#>
    SELECT ?post ?quote WHERE { ?holding org:member ?_person ; ... }

Every parameter ``name`` is the variable ``?_name`` in the body, and every ``?_name`` in the
body is declared. The engine binds it to an RDF term: rdflib with ``initBindings``; pyoxigraph
and remote endpoints with a ``VALUES`` block made by :func:`with_values` from the terms'
N-Triples form, put first in the query's ``WHERE`` group. User text is never pasted into a query.

A parameter value is a label or an IRI. A label resolves to the one entity whose
``rdfs:label``, ``skos:altLabel`` or ``foaf:name`` equals it once both are normalised with
:func:`govkg.text.normalise` and case is ignored (:func:`resolve`); no match, or more than one,
is an error that says so and lists the candidates.

Rows have one common form on every engine: a list of dicts from variable name to rdflib term
(:class:`Result`). Rows compare by RDF term equality: an IRI by its string; a literal by its
lexical form, datatype and language, so ``"3"^^xsd:integer`` equals ``"3"^^xsd:integer`` and not
``"03"^^xsd:integer`` or ``"3"``. Every engine returns integers (stored ones and ``COUNT``
results) in canonical form, and a simple literal (``xsd:string``) is given without a datatype.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node, Variable

from govkg.build import Triple, triple_key
from govkg.errors import CommandError, InputError
from govkg.terms import to_ox
from govkg.text import normalise
from govkg.vocab import FOAF, GOVKG, PREFIXES, RDFS, SKOS, XSD

HEADER_KEYS = ("summary", "description", "params")
"""Header keys this project reads."""

GRLC_KEYS = ("tags", "method", "pagination", "endpoint", "endpoint_in_url", "defaults", "enumerate", "transform")
"""Other grlc header keys: allowed, kept, not used here."""

FORMATS = ("table", "csv", "tsv", "json")
"""Output formats of :func:`format_result`."""

LABEL_PROPERTIES = (RDFS.label, SKOS.altLabel, FOAF.name)
"""The properties a parameter label is matched against."""

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_PARAM_VAR = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9_]*)")
_IRI_REF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_]+")


@dataclass(frozen=True)
class Param:
    """A declared parameter of a named query: ``name`` binds the variable ``?_name``."""

    name: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name (the file stem), header and text."""

    name: str
    path: Path
    summary: str
    description: str
    params: tuple[Param, ...]
    text: str
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def form(self) -> str:
        """``SELECT``, ``CONSTRUCT``, ``ASK`` or ``DESCRIBE``: the query form."""
        return query_form(self.text)

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, if any."""
        return next((p for p in self.params if p.name == name), None)


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
"""A term as pyoxigraph gives it in a query solution."""


class Result:
    """What a query answered, the same on every engine.

    ``rows`` for SELECT (variable name → rdflib term; an unbound variable is absent), ``graph``
    for CONSTRUCT and DESCRIBE (sorted triples), ``boolean`` for ASK.

    An engine may hand over its own solutions instead of ``rows`` (``solutions``: one tuple of
    pyoxigraph terms, or ``None`` for unbound, per row, in variable order). They become rdflib
    terms only when ``rows`` is first read, and :meth:`keys` reads most of them without
    converting at all: on a large result, building rdflib terms costs more than the query.
    """

    def __init__(
        self,
        form: str,
        variables: Sequence[str] = (),
        rows: list[dict[str, Node]] | None = None,
        graph: list[Triple] | None = None,
        boolean: bool | None = None,
        *,
        solutions: list[tuple[OxTerm | None, ...]] | None = None,
    ) -> None:
        self.form = form
        self.variables = list(variables)
        self.graph = graph if graph is not None else []
        self.boolean = boolean
        self._rows = rows if rows is not None or solutions is not None else []
        self._solutions = solutions

    @property
    def rows(self) -> list[dict[str, Node]]:
        """The rows as dicts of rdflib terms (converted from the engine's solutions on first use)."""
        if self._rows is None:
            converted: dict[OxTerm, Node] = {}
            rows: list[dict[str, Node]] = []
            for solution in self._solutions or []:
                row: dict[str, Node] = {}
                for name, term in zip(self.variables, solution, strict=True):
                    if term is not None:
                        found = converted.get(term)
                        if found is None:
                            found = converted[term] = from_ox(term)
                        row[name] = found
                rows.append(row)
            self._rows, self._solutions = rows, None
        return self._rows

    @rows.setter
    def rows(self, value: list[dict[str, Node]]) -> None:
        self._rows, self._solutions = value, None

    def __len__(self) -> int:
        """The number of rows (SELECT) or triples (CONSTRUCT, DESCRIBE); 1 for ASK."""
        if self.form == "ASK":
            return 1
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            return len(self.graph)
        return len(self._solutions) if self._rows is None and self._solutions is not None else len(self.rows)

    def __repr__(self) -> str:
        return f"Result({self.form}, variables={self.variables}, {len(self)} {'triples' if self.graph else 'rows'})"

    def keys(self) -> list[tuple[str, ...]]:
        """Each row as a tuple of N-Triples terms in variable order ('' for unbound): for comparing engines.

        The same on every engine: a term is written by :func:`term_key`. From pyoxigraph
        solutions an IRI or a simple literal is written as pyoxigraph writes it, which is the
        same text; any other literal goes through its rdflib term, so its lexical form is
        normalised as on the other engines.
        """
        if self._rows is None and self._solutions is not None:
            keyed: dict[OxTerm | None, str] = {None: ""}
            keys: list[tuple[str, ...]] = []
            for solution in self._solutions:
                row: list[str] = []
                for term in solution:
                    key = keyed.get(term)
                    if key is None:
                        key = keyed[term] = _ox_key(term)  # type: ignore[arg-type]
                    row.append(key)
                keys.append(tuple(row))
            return keys
        return [tuple(term_key(row[v]) if v in row else "" for v in self.variables) for row in self.rows]


_XSD_STRING = str(XSD.string)


def _ox_key(term: OxTerm) -> str:
    """:func:`term_key` of a pyoxigraph term, without making an rdflib term where the text is the same."""
    if isinstance(term, ox.NamedNode) or (isinstance(term, ox.Literal) and not term.language and term.datatype.value == _XSD_STRING):
        return str(term)
    return term_key(from_ox(term))


class Engine(Protocol):
    """Something that runs SPARQL text with parameters bound to RDF terms."""

    name: str

    def execute(self, text: str, bindings: Mapping[str, Node]) -> Result:
        """Run ``text`` with each ``?name`` of ``bindings`` bound to its term."""
        ...  # pragma: no cover


# ------------------------------------------------------------------------------ loading


def query_form(text: str) -> str:
    """The form of a SPARQL query: the first of SELECT/CONSTRUCT/ASK/DESCRIBE outside comments, IRIs and strings."""
    for kind, start, end in _tokens(text):
        if kind == "word":
            word = text[start:end].upper()
            if word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                return word
    raise ValueError("not a SPARQL query (no SELECT, CONSTRUCT, ASK or DESCRIBE)")


def load_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and check its header.

    Raises:
        InputError: when the name is not kebab-case, the header lacks a summary or description,
            has an unknown key or a badly written parameter, or the parameters declared and the
            ``?_name`` variables of the body differ.

    """
    name = path.stem
    if not _NAME.match(name):
        raise InputError(path, f"query name '{name}' is not kebab-case", "rename the file, e.g. queries/posts-of-a-person.rq")
    text = path.read_text(encoding="utf-8")
    values: dict[str, list[str]] = {}
    params: list[Param] = []
    key: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            break
        body = line[2:]
        stripped = body.strip()
        if not stripped:
            continue
        entry = re.match(r"^ ?([A-Za-z_]+):(.*)$", body)
        if entry and not body.startswith("   "):
            key = entry.group(1)
            if key not in HEADER_KEYS + GRLC_KEYS:
                fix = f"use one of {', '.join(HEADER_KEYS)} (grlc: {', '.join(GRLC_KEYS)})"
                raise InputError(path, f"unknown header key '{key}'", fix, line=number)
            values.setdefault(key, [])
            if entry.group(2).strip():
                values[key].append(entry.group(2).strip())
            continue
        if key is None:
            raise InputError(path, "a header line before any key", "start the file with '#+ summary: ...'", line=number)
        if key == "params":
            item = re.match(r"^\s+-\s+([^:]+?)\s*:\s*(.*)$", body)
            if not item:
                raise InputError(path, f"bad parameter line {line!r}", "write '#+   - name: what the value is'", line=number)
            pname, description = item.group(1), item.group(2).strip()
            if not _PARAM_NAME.match(pname):
                raise InputError(path, f"bad parameter name '{pname}'", "use letters, digits and '_' (it binds ?_NAME)", line=number)
            if not description:
                raise InputError(path, f"parameter '{pname}' has no description", "say what value it takes", line=number)
            if any(p.name == pname for p in params):
                raise InputError(path, f"parameter '{pname}' declared twice", "declare each parameter once", line=number)
            params.append(Param(pname, description))
        else:
            values[key].append(stripped)
    for required in ("summary", "description"):
        if not values.get(required):
            fix = f"add '#+ {required}: ...' at the top of the file"
            raise InputError(path, f"the header has no '#+ {required}:'", fix, line=1)
    if values.get("params"):
        raise InputError(path, "'#+ params:' takes its parameters on the lines below it", "write '#+   - name: description' lines")
    used = sorted(set(_PARAM_VAR.findall(code_only(text))))
    declared = [p.name for p in params]
    for missing in (u for u in used if u not in declared):
        fix = f"add '#+   - {missing}: ...' under '#+ params:'"
        raise InputError(path, f"the query uses ?_{missing} but the header does not declare it", fix)
    for unused in (d for d in declared if d not in used):
        fix = "use it in the query or remove it from the header"
        raise InputError(path, f"parameter '{unused}' is declared but ?_{unused} is not in the query", fix)
    try:
        query_form(text)
    except ValueError as error:
        raise InputError(path, str(error), "write a SELECT or CONSTRUCT query below the header") from None
    if params and _where_brace(text) is None:
        raise InputError(path, "a query with parameters needs an explicit 'WHERE {'", "write the pattern as 'WHERE { ... }'")
    extra = {k: " ".join(v) for k, v in values.items() if k in GRLC_KEYS}
    return NamedQuery(name, path, " ".join(values["summary"]), " ".join(values["description"]), tuple(params), text, extra)


def check_syntax(query: NamedQuery) -> None:
    """Parse the query strictly (every prefix declared, valid SPARQL 1.1) with pyoxigraph.

    rdflib is no check: ``Graph.query`` quietly supplies the prefixes bound on the graph.

    Raises:
        InputError: with the line and what the parser expected.

    """
    try:
        ox.Store().query(query.text)
    except SyntaxError as error:
        message = str(error).split("\n")[0]
        where = re.match(r"error at (\d+):(\d+): (.*)", message)
        line = int(where.group(1)) if where else None
        problem = where.group(3) if where else message
        if "Prefix not found" in problem:
            problem, fix = "a prefix is used but not declared", "add a PREFIX line for it to the file"
        else:
            problem, fix = f"SPARQL syntax error: {problem[:120]}", "fix the query (see the SPARQL 1.1 grammar)"
        raise InputError(query.path, problem, fix, line=line) from None


def load_queries(folder: Path) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name.

    Raises:
        CommandError: (exit 2) when the folder has no ``.rq`` file.
        InputError: when a file is malformed.

    """
    files = sorted(folder.glob("*.rq"))
    if not files:
        raise CommandError(f"no named queries (*.rq) in {folder}", code=2)
    return {path.stem: load_query(path) for path in files}


def find_query(folder: Path, name: str) -> NamedQuery:
    """The named query ``name`` in ``folder``, header and syntax checked.

    Raises:
        CommandError: (exit 2) for an unknown name, listing the known ones.
        InputError: when the file is malformed.

    """
    path = folder / f"{name}.rq"
    if not _NAME.match(name) or not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.rq")))
        raise CommandError(f"unknown query '{name}'; known queries: {known or '(none)'} (run 'govkg queries')", code=2)
    query = load_query(path)
    check_syntax(query)
    return query


# ------------------------------------------------------------------------------ parameters


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["person=Chen Yijun"]`` → ``{"person": "Chen Yijun"}``.

    Raises:
        CommandError: (exit 2) for a pair without ``=`` or a name given twice.

    """
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CommandError(f"bad --param {pair!r}; write --param NAME=VALUE", code=2)
        if name in found:
            raise CommandError(f"--param {name} given twice", code=2)
        found[name] = value
    return found


def check_params(query: NamedQuery, given: Mapping[str, object]) -> None:
    """Every declared parameter given, and no other.

    Raises:
        CommandError: (exit 2) naming the missing or unknown parameter.

    """
    for name in given:
        if query.param(name) is None:
            declared = ", ".join(p.name for p in query.params) or "none"
            raise CommandError(f"query '{query.name}' has no parameter '{name}' (its parameters: {declared})", code=2)
    for param in query.params:
        if param.name not in given:
            raise CommandError(f"query '{query.name}' needs --param {param.name}=VALUE ({param.description})", code=2)


def term_key(term: Node) -> str:
    """A term as N-Triples text: :func:`term_ntriples`, and ``_:id`` for a blank node."""
    if isinstance(term, BNode):
        return f"_:{term}"
    return term_ntriples(term)


def term_ntriples(term: Node) -> str:
    """The N-Triples form of an IRI or literal, escaped by pyoxigraph's serialiser.

    Raises:
        ValueError: for a blank node, or an IRI pyoxigraph rejects.

    """
    if isinstance(term, URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    raise ValueError(f"cannot bind {term!r}: only IRIs and literals are parameters")


def with_values(text: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``VALUES (?a ?b) { (<x> "y") }`` first in its ``WHERE`` group.

    The one place parameters become query text: each term is written in N-Triples form by
    :func:`term_ntriples`, so no value can end the block or add to the query. First in the group,
    the block binds the variables for the whole group, filters included, as rdflib's
    ``initBindings`` does.

    Raises:
        ValueError: when there are bindings but no ``WHERE {`` to put them in.

    """
    if not bindings:
        return text
    brace = _where_brace(text)
    if brace is None:
        raise ValueError("the query has no 'WHERE {' to bind parameters in")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term_ntriples(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    return text[: brace + 1] + block + text[brace + 1 :]


def _tokens(text: str) -> Iterable[tuple[str, int, int]]:
    """Yield ``(kind, start, end)`` for words and braces, skipping comments, strings and IRIs."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
        elif ch == "<" and (iri := _IRI_REF.match(text, i)):
            i = iri.end()
        elif ch in "{}":
            yield ch, i, i + 1
            i += 1
        elif ch.isalpha() and (i == 0 or (text[i - 1] not in "?$:_-" and not text[i - 1].isalnum())):
            word = _WORD.match(text, i)
            end = word.end() if word else i + 1
            if end >= n or not (text[end].isalnum() or text[end] in ":-"):
                yield "word", i, end
            i = end
        else:
            i += 1


def _where_brace(text: str) -> int | None:
    """The offset of the ``{`` that opens the query's top-level ``WHERE`` group."""
    depth = 0
    after_where = False
    for kind, start, end in _tokens(text):
        if kind == "{":
            if after_where and depth == 0:
                return start
            depth += 1
        elif kind == "}":
            depth -= 1
        elif depth == 0:
            after_where = text[start:end].upper() == "WHERE"
    return None


def code_only(text: str) -> str:
    """The text with comments blanked out (so a ``?_x`` in a comment is not a parameter)."""
    out: list[str] = []
    for line in text.splitlines():
        out.append("" if line.lstrip().startswith("#") else line)
    return "\n".join(out)


# ------------------------------------------------------------------------------ label resolution

LABELS_QUERY = f"""PREFIX rdfs: <{RDFS._NS}>
PREFIX skos: <{SKOS._NS}>
PREFIX foaf: <{FOAF._NS}>
PREFIX govkg: <{GOVKG._NS}>
SELECT DISTINCT ?entity ?label WHERE {{
  VALUES ?property {{ rdfs:label skos:altLabel foaf:name }}
  ?entity ?property ?label .
  FILTER(isIRI(?entity) && isLiteral(?label))
  FILTER NOT EXISTS {{ ?entity govkg:names ?named }}
}}
ORDER BY ?entity ?label"""
"""Every (entity, name) pair a label may resolve to. A name attestation node (``govkg:names``)
only records where a further name was read, so the entity it names is the match, not it."""

EXISTS_QUERY = "SELECT ?p WHERE { { ?_iri ?p ?o } UNION { ?s ?p ?_iri } } LIMIT 1"


def label_key(text: str) -> str:
    """What two labels share when they name the same thing: normalised, case ignored."""
    return normalise(text).casefold()


def looks_like_iri(value: str) -> bool:
    """Whether a parameter value is meant as an IRI (``<...>`` or ``scheme://...``) rather than a label."""
    return value.startswith("<") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value) is not None


def resolve(engine: Engine, param: str, value: str) -> URIRef:
    """The entity a parameter value names.

    Args:
        engine: Where the graph is.
        param: The parameter's name (for messages).
        value: An IRI (``https://...`` or ``<https://...>``) or a label.

    Raises:
        CommandError: (exit 2) when nothing has that IRI or label, or several things have that label.

    """
    if looks_like_iri(value):
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        try:
            node = URIRef(term_ntriples(URIRef(iri))[1:-1])
        except ValueError:
            raise CommandError(f"--param {param}: {value!r} is not a valid IRI", code=2) from None
        if not engine.execute(EXISTS_QUERY, {"_iri": node}).rows:
            raise CommandError(f"--param {param}: the graph has nothing about <{node}>", code=2)
        return node
    wanted = label_key(value)
    labels = engine.execute(LABELS_QUERY, {}).rows
    matches: dict[str, list[str]] = {}
    for row in labels:
        if label_key(str(row["label"])) == wanted:
            matches.setdefault(str(row["entity"]), []).append(str(row["label"]))
    if len(matches) == 1:
        return URIRef(next(iter(matches)))
    if not matches:
        near = sorted({str(r["label"]) for r in labels if wanted and wanted in label_key(str(r["label"]))})[:5]
        hint = f"; did you mean: {'; '.join(repr(n) for n in near)}" if near else "; pass an exact name or an IRI"
        raise CommandError(f"--param {param}: nothing in the graph is named {value!r}{hint}", code=2)
    listed = "; ".join(f"<{iri}> ({' / '.join(sorted(set(names)))})" for iri, names in sorted(matches.items()))
    raise CommandError(f"--param {param}: {value!r} names {len(matches)} things, pass one IRI: {listed}", code=2)


def run_named(engine: Engine, query: NamedQuery, params: Mapping[str, str]) -> Result:
    """Check the parameters, resolve each to an entity, and run the query.

    Raises:
        CommandError: (exit 2) for a missing or unknown parameter, or a value that resolves to nothing or to several entities.

    """
    check_params(query, params)
    bindings: dict[str, Node] = {f"_{p.name}": resolve(engine, p.name, params[p.name]) for p in query.params}
    return engine.execute(query.text, bindings)


# ------------------------------------------------------------------------------ engines


def plain(term: Node) -> Node:
    """A literal typed ``xsd:string`` as a simple literal (RDF 1.1 says they are the same term)."""
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def from_ox(term: object) -> Node:
    """An rdflib term from a pyoxigraph one."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return plain(Literal(term.value, datatype=URIRef(term.datatype.value)))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r}")


class RdflibEngine:
    """rdflib in memory (the default): parameters go in as ``initBindings``.

    Args:
        graph: The union graph.

    """

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def execute(self, text: str, bindings: Mapping[str, Node]) -> Result:
        """Run a query; text is passed as a string (never a prepared query)."""
        answer = self.graph.query(text, initBindings={Variable(k): v for k, v in bindings.items()})  # type: ignore[misc]
        form = query_form(text)
        if form == "ASK":
            return Result(form, boolean=bool(answer.askAnswer))
        if form in ("CONSTRUCT", "DESCRIBE"):
            assert answer.graph is not None
            return Result(form, graph=sorted(((s, p, plain(o)) for s, p, o in answer.graph), key=triple_key))  # type: ignore[misc]
        variables = [str(v) for v in answer.vars or []]
        rows = [{str(k): plain(v) for k, v in row.asdict().items()} for row in answer]  # type: ignore[union-attr]
        return Result(form, variables, rows)


class OxigraphEngine:
    """pyoxigraph (the fast engine): parameters go in as a ``VALUES`` block (:func:`with_values`).

    Args:
        store: A store whose default graph is the union graph.

    """

    name = "oxigraph"

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def execute(self, text: str, bindings: Mapping[str, Node]) -> Result:
        """Run a query on the store's default graph.

        SELECT rows stay pyoxigraph terms until a caller reads :attr:`Result.rows`.
        """
        answer = self.store.query(with_values(text, bindings))
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            converted: dict[OxTerm, Node] = {}
            triples = {tuple(_cached(term, converted) for term in (t.subject, t.predicate, t.object)) for t in answer}
            return Result(query_form(text), graph=sorted(triples, key=triple_key))  # type: ignore[arg-type]
        variables = [v.value for v in answer.variables]
        return Result("SELECT", variables, solutions=[tuple(solution) for solution in answer])


def _cached(term: OxTerm, converted: dict[OxTerm, Node]) -> Node:
    found = converted.get(term)
    if found is None:
        found = converted[term] = from_ox(term)
    return found


# ------------------------------------------------------------------------------ output


def shorten(term: Node, prefixes: Mapping[str, str]) -> str:
    """An IRI as ``prefix:local`` where a prefix fits, a literal as its text."""
    if isinstance(term, URIRef):
        value = str(term)
        for prefix, namespace in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            local = value[len(namespace) :]
            if value.startswith(namespace) and local and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*", local) and not local.endswith("."):
                return f"{prefix}:{local}"
        return f"<{value}>"
    return str(term)


def declared_prefixes(text: str) -> dict[str, str]:
    """The ``PREFIX`` declarations of a query."""
    return {m.group(1): m.group(2) for m in re.finditer(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*|):\s*<([^>]*)>", text)}


def format_result(result: Result, fmt: str, prefixes: Mapping[str, str] | None = None, width: int = 60) -> str:
    """Render a result.

    SELECT: ``table`` (aligned, IRIs shortened with ``prefixes``, long cells wrapped at
    ``width``, nothing cut), ``csv`` and ``tsv`` (SPARQL 1.1 CSV/TSV results), ``json`` (SPARQL
    1.1 JSON results). CONSTRUCT: Turtle (``table``), N-Triples (``csv``, ``tsv``), JSON-LD
    (``json``). ASK: ``true``/``false`` (JSON: ``{"head": {}, "boolean": ...}``).
    """
    names = dict(PREFIXES) | dict(prefixes or {})
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return _graph_text(result.graph, fmt, names)
    if fmt == "json":
        bindings = [{k: _json_term(v) for k, v in row.items()} for row in result.rows]
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            indent=1,
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([[str(row[v]) if v in row else "" for v in result.variables] for row in result.rows])
        return buffer.getvalue().rstrip("\r\n")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join(term_ntriples(row[v]) if v in row else "" for v in result.variables) for row in result.rows]
        return "\n".join(lines)
    if fmt == "table":
        return _table(result, names, width)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    found = {"type": "literal", "value": str(term)}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype:
        found["datatype"] = str(term.datatype)
    return found


def _table(result: Result, prefixes: Mapping[str, str], width: int) -> str:
    header = result.variables
    cells = [[shorten(row[v], prefixes) if v in row else "" for v in header] for row in result.rows]
    widths = [min(width, max([len(h)] + [len(line) for r in cells for line in _cell_lines(r[i], width)])) for i, h in enumerate(header)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for row in cells:
        wrapped = [_cell_lines(c, width) for c in row]
        for k in range(max(len(w) for w in wrapped) if wrapped else 0):
            out.append("  ".join((w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)).rstrip())
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out)


def _cell_lines(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""])
    return lines


def _graph_text(triples: Sequence[Triple], fmt: str, prefixes: Mapping[str, str]) -> str:
    quads = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]  # type: ignore[arg-type]
    if fmt == "table":
        return _serialise(quads, ox.RdfFormat.TURTLE, prefixes).rstrip("\n")
    if fmt == "json":
        return json.dumps(json.loads(_serialise(quads, ox.RdfFormat.JSON_LD, {})), ensure_ascii=False, indent=1)
    return _serialise(quads, ox.RdfFormat.N_TRIPLES, {}).rstrip("\n")


def _serialise(triples: list[ox.Triple], fmt: ox.RdfFormat, prefixes: Mapping[str, str]) -> str:
    data = ox.serialize(triples, format=fmt, prefixes=dict(prefixes) or None)
    assert data is not None
    return data.decode("utf-8")
