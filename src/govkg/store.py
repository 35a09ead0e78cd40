"""Where queries run: the built graph in rdflib or pyoxigraph, or any SPARQL 1.1 server.

The graph the named queries see is the union of every report's named graph, as ``govkg build``
writes it to ``graph/build/kg.nt``. Locally it is loaded into the default graph of an rdflib
``Graph`` or a pyoxigraph ``Store``. Remotely it is one named graph (:func:`union_graph_iri`
unless told otherwise), replaced in one Graph Store Protocol ``PUT`` by :func:`push` and named as
the query's default graph (``default-graph-uri``) by :class:`RemoteEngine`, so the same rows
come back whatever else the server holds.

:class:`OxigraphServer` runs the ``oxigraph`` server (PyPI package ``oxigraph``) on loopback:
``govkg serve`` and the tests use it.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper

from govkg.build import triple_key
from govkg.errors import CommandError
from govkg.query import Result, code_only, from_ox, plain, query_form, with_values
from govkg.settings import Project

USER_VARIABLE = "GOVKG_SPARQL_USER"
PASSWORD_VARIABLE = "GOVKG_SPARQL_PASSWORD"
DEFAULT_GRAPH = "default"
"""The ``--graph`` value that means the server's default graph rather than a named one."""



def union_graph_iri(base: str) -> URIRef:
    """The named graph a pushed knowledge graph goes into by default: ``<base>kg``."""
    return URIRef(f"{base}kg")


def built_graph(project: Project) -> Path:
    """The built union graph, ``kg.nt`` in the build folder.

    Raises:
        CommandError: (exit 2) when it is not there yet.

    """
    path = project.build_dir / "kg.nt"
    if not path.is_file():
        raise CommandError(f"no built graph at {path}; run 'govkg build' first", code=2)
    return path


def load_rdflib(path: Path) -> Graph:
    """The graph in ``path`` (N-Triples) as an rdflib ``Graph``."""
    graph = Graph()
    graph.parse(path, format="nt")
    return graph


def load_oxigraph(path: Path) -> ox.Store:
    """The graph in ``path`` (N-Triples) in the default graph of an in-memory pyoxigraph ``Store``."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


# ------------------------------------------------------------------------------ HTTP


def credentials(user: str | None, password: str | None) -> tuple[str, str] | None:
    """The user and password from the options, else from the environment; ``None`` when neither is set."""
    user = user or os.environ.get(USER_VARIABLE)
    password = password or os.environ.get(PASSWORD_VARIABLE)
    if not user:
        return None
    return user, password or ""


def endpoint_urls(url: str) -> tuple[str, str]:
    """``(query URL, graph store URL)`` for an endpoint URL.

    A bare server root (no path) is read as an Oxigraph server: ``/query`` and ``/store``.
    Any other URL is used as given for both; pass each verb the URL it needs.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommandError(f"bad endpoint {url!r}; give an http(s) URL such as http://127.0.0.1:7878/query", code=2)
    if parts.path in ("", "/"):
        root = url.rstrip("/")
        return f"{root}/query", f"{root}/store"
    return url, url


def _unreachable(url: str, reason: object) -> CommandError:
    return CommandError(f"cannot reach {url}: {reason}; is the SPARQL server running? ('govkg serve' starts one)", code=1)


def _http_error(url: str, status: int, body: bytes | str | None) -> CommandError:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    text = " ".join(text.split())
    if len(text) > 500:
        text = text[:500] + " …"
    return CommandError(f"{url} answered HTTP {status}: {text or '(no body)'}", code=1)


def push(
    data: bytes,
    store_url: str,
    graph: str,
    *,
    auth: tuple[str, str] | None = None,
    timeout: float = 60.0,
    content_type: str = "application/n-triples",
) -> int:
    """Replace one graph of a SPARQL 1.1 Graph Store with ``data``, in one ``PUT`` request.

    The store swaps the graph only when the whole body has arrived and parsed, so a push that
    fails midway leaves the previous graph as it was.

    Args:
        data: The graph, serialised as ``content_type``.
        store_url: The Graph Store Protocol URL (Oxigraph ``/store``, Fuseki ``/DATASET/data``,
            GraphDB ``/repositories/REPO/rdf-graphs/service``).
        graph: The graph IRI, or ``default`` for the default graph.
        auth: HTTP Basic user and password.
        timeout: Seconds to wait for the server.
        content_type: The media type of ``data``.

    Returns:
        The HTTP status (200, 201 or 204).

    Raises:
        CommandError: (exit 1) when the server cannot be reached, times out or answers an error.

    """
    query = "default" if graph == DEFAULT_GRAPH else urllib.parse.urlencode({"graph": graph})
    url = f"{store_url}{'&' if '?' in store_url else '?'}{query}"
    request = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": content_type})
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        raise _http_error(store_url, error.code, error.read()) from None
    except TimeoutError:
        raise CommandError(f"{store_url} did not answer within {timeout:g} s (--timeout)", code=1) from None
    except (urllib.error.URLError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise CommandError(f"{store_url} did not answer within {timeout:g} s (--timeout)", code=1) from None
        raise _unreachable(store_url, reason) from None


class RemoteEngine:
    """A SPARQL 1.1 endpoint, queried through SPARQLWrapper.

    Queries go by POST; SELECT asks for JSON results, CONSTRUCT for Turtle (an ``*/*`` CONSTRUCT comes back from Oxigraph as N-Quads, which
    SPARQLWrapper cannot read). Parameters go in as a ``VALUES`` block (:func:`govkg.query.with_values`).

    Args:
        url: The query URL.
        graph: The graph to query as the default graph (sent as ``default-graph-uri``), or
            ``default`` for the server's own default graph.
        auth: HTTP Basic user and password.
        timeout: Seconds to wait for an answer.

    """

    name = "remote"

    def __init__(self, url: str, graph: str = DEFAULT_GRAPH, *, auth: tuple[str, str] | None = None, timeout: float = 60.0) -> None:
        self.url = url
        self.graph = graph
        self.auth = auth
        self.timeout = timeout

    def _wrapper(self, text: str, fmt: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setReturnFormat(fmt)
        wrapper.setTimeout(int(max(1, round(self.timeout))))
        if self.graph != DEFAULT_GRAPH:
            wrapper.addDefaultGraph(self.graph)
        if self.auth:
            wrapper.setCredentials(*self.auth)
        # SPARQLWrapper guesses the form with a regex that its comment stripping leaves exposed
        # to words in comments ('address' reads as ADD, an update); give it the text without
        # comment lines and the form we parsed
        wrapper.setQuery(code_only(text))
        wrapper.queryType = query_form(text)
        return wrapper

    def execute(self, text: str, bindings: Mapping[str, Node]) -> Result:
        """Run a query at the endpoint.

        Raises:
            CommandError: (exit 1) when the server cannot be reached, times out, or answers an HTTP error (status and body).

        """
        form = query_form(text)
        wrapper = self._wrapper(with_values(text, bindings), TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
        # SPARQLWrapper builds the request (POST, Accept, auth, default-graph-uri); it is sent
        # here because SPARQLWrapper's own errors drop the HTTP status and the body
        request = wrapper._createRequest()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            raise _http_error(self.url, error.code, error.read()) from None
        except TimeoutError:
            raise CommandError(f"{self.url} did not answer within {self.timeout:g} s (--timeout)", code=1) from None
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise CommandError(f"{self.url} did not answer within {self.timeout:g} s (--timeout)", code=1) from None
            raise _unreachable(self.url, reason) from None
        if form in ("CONSTRUCT", "DESCRIBE"):
            parsed = ox.parse(body, format=ox.RdfFormat.TURTLE)
            triples = {(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in parsed}
            return Result(form, graph=sorted(triples, key=triple_key))  # type: ignore[arg-type]
        data = json.loads(body)
        if form == "ASK":
            return Result(form, boolean=bool(data["boolean"]))
        variables = list(data["head"]["vars"])
        rows = [{k: _json_term(v) for k, v in binding.items()} for binding in data["results"]["bindings"]]
        return Result(form, variables, rows)


def _json_term(value: Mapping[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    if "datatype" in value:
        return plain(Literal(value["value"], datatype=URIRef(value["datatype"])))
    return Literal(value["value"])


# ------------------------------------------------------------------------------ a local Oxigraph server


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: beside this Python, else on ``PATH``.

    Raises:
        CommandError: when it is not installed.

    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise CommandError("the oxigraph server is not installed; run: pip install 'govkg[server]' (the 'oxigraph' package)", code=1)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


class OxigraphServer:
    """An ``oxigraph serve`` process on loopback, with the union default graph and a query timeout.

    Use as a context manager, or call :meth:`start` and :meth:`stop`. Oxigraph has no
    authentication, so it only ever binds to a loopback address.

    Args:
        port: The port (``0``: a free one).
        location: A folder to keep the data in; in memory when ``None``.
        timeout_s: The server's own limit on one query, so a query a client gave up on does not keep it busy.
        host: The loopback address to bind.

    """

    def __init__(self, port: int = 0, location: Path | None = None, timeout_s: int = 30, host: str = "127.0.0.1") -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise CommandError(f"refusing to bind Oxigraph to {host}: it has no authentication; use 127.0.0.1", code=2)
        self.host = host
        self.port = port or free_port(host)
        self.location = location
        self.timeout_s = timeout_s
        self.process: subprocess.Popen[bytes] | None = None
        self._log: tempfile._TemporaryFileWrapper[bytes] | None = None

    @property
    def url(self) -> str:
        """The server root (its query page)."""
        return f"http://{self.host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return f"http://{self.host}:{self.port}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"http://{self.host}:{self.port}/store"

    def command(self) -> list[str]:
        """The command line that starts the server."""
        args = [oxigraph_binary(), "serve", "--bind", f"{self.host}:{self.port}", "--union-default-graph"]
        args += ["--timeout-s", str(self.timeout_s)]
        if self.location is not None:
            args += ["--location", str(self.location)]
        return args

    def start(self, wait: float = 20.0) -> OxigraphServer:
        """Start the server and wait (at most ``wait`` seconds) until it answers a query.

        Raises:
            CommandError: when it exits or does not answer in time (with what it printed).

        """
        if self.location is not None:
            self.location.mkdir(parents=True, exist_ok=True)
        # its messages go to a file, not a pipe nobody reads, which could fill up and block it
        self._log = tempfile.NamedTemporaryFile(prefix="oxigraph-", suffix=".log")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(self.command(), stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + wait
        probe = urllib.parse.urlencode({"query": "ASK {}"}).encode()
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.messages()
                raise CommandError(f"the oxigraph server stopped at start: {err or 'no message'} (is port {self.port} in use?)", code=1)
            try:
                request = urllib.request.Request(self.query_url, data=probe, headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=1) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        self.stop()
        raise CommandError(f"the oxigraph server did not answer on {self.url} within {wait:g} s", code=1)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s) and wait for it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def messages(self) -> str:
        """What the server has printed so far."""
        if self._log is None:
            return ""
        return Path(self._log.name).read_text(encoding="utf-8", errors="replace").strip()

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.stop()
