"""A real Oxigraph server on a free loopback port: push, the same rows remotely, and the faults.

The server is the ``oxigraph`` program from PyPI, started by :class:`govkg.store.OxigraphServer`
and always stopped by the fixture's finalizer.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from govkg.cli import main
from govkg.errors import CommandError
from govkg.pipeline import BuildResult
from govkg.query import OxigraphEngine, load_queries, run_named
from govkg.store import OxigraphServer, RemoteEngine, free_port, load_oxigraph, push, union_graph_iri
from govkg.vocab import DEFAULT_BASE_IRI
from test_engines import parameters

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
GRAPH = str(union_graph_iri(DEFAULT_BASE_IRI))
KEY = "zhejiang-2021-food-drug-safety-conference"
PERSON = f"{DEFAULT_BASE_IRI}person/zhejiang/chen-yijun"

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    running = OxigraphServer(location=tmp_path_factory.mktemp("oxigraph"), timeout_s=5)
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def pushed(server: OxigraphServer, built: BuildResult) -> Path:
    """The built graph, pushed once into the server's named graph."""
    path = built.outputs["N-Triples"]
    assert push(path.read_bytes(), server.store_url, GRAPH) in (200, 201, 204)
    return path


def graph_on_server(server: OxigraphServer, graph: str = GRAPH) -> set[bytes]:
    """The graph's triples as the server holds them, as N-Triples lines."""
    request = urllib.request.Request(
        f"{server.store_url}?{urllib.parse.urlencode({'graph': graph})}", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return {line for line in response.read().split(b"\n") if line.strip()}


def nt_lines(data: bytes) -> set[bytes]:
    return {line for line in data.split(b"\n") if line.strip()}


def test_push_replaces_the_graph(server: OxigraphServer, pushed: Path) -> None:
    assert graph_on_server(server) == nt_lines(pushed.read_bytes())
    # pushing again replaces, it does not add
    assert push(pushed.read_bytes(), server.store_url, GRAPH) in (200, 201, 204)
    assert graph_on_server(server) == nt_lines(pushed.read_bytes())


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_named_query_gives_the_same_rows_remotely(server: OxigraphServer, pushed: Path, path: Path) -> None:
    query = load_queries(path.parent)[path.stem]
    params = parameters(query)
    local = run_named(OxigraphEngine(load_oxigraph(pushed)), query, params)
    remote = run_named(RemoteEngine(server.query_url, GRAPH, timeout=30), query, params)
    assert local.form == remote.form
    assert local.rows or local.graph, "nothing to compare"
    assert (local.variables, local.keys(), local.graph) == (remote.variables, remote.keys(), remote.graph)


def test_push_and_query_from_the_command_line(server: OxigraphServer, pushed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(pushed.parent)
    assert main(["push", "--endpoint", server.url, "--out", out]) == 0
    lines = len(nt_lines(pushed.read_bytes()))
    assert (
        capsys.readouterr().out
        == f"pushed {lines} triples ({pushed.stat().st_size:,} bytes) to <{GRAPH}> at {server.store_url} (HTTP 204)\n"
    )
    args = ["query", "posts-of-a-person", "--param", f"person={PERSON}", "--format", "csv", "--out", out]
    assert main([*args, "--engine", "oxigraph"]) == 0
    local = capsys.readouterr().out
    assert main([*args, "--endpoint", server.query_url]) == 0
    assert capsys.readouterr().out == local
    assert local.count("\n") == 3  # header and Chen Yijun's two posts
    # labels resolve on the server too
    assert (
        main(["query", "posts-of-a-person", "-p", "person=chen yijun", "--format", "csv", "--endpoint", server.query_url, "--out", out])
        == 0
    )
    assert capsys.readouterr().out == local


def test_server_not_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["query", "data-quality", "--endpoint", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"govkg: error: cannot reach {url}: [Errno 111] Connection refused; is the SPARQL server running?")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["push", "--endpoint", url.removesuffix("/query"), "--out", str(tmp_path)]) == 2  # nothing built there
    assert "run 'govkg build' first" in capsys.readouterr().err


def test_http_errors_come_with_status_and_body(server: OxigraphServer, pushed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = server.url + "no-such-endpoint"
    assert main(["query", "data-quality", "--endpoint", wrong]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"govkg: error: {wrong} answered HTTP 404: ") and err.count("\n") == 1
    with pytest.raises(CommandError) as caught:
        RemoteEngine(server.query_url, GRAPH).execute("SELECT * WHERE { ?s ?p ?o ", {})
    assert str(caught.value).startswith(f"{server.query_url} answered HTTP 400: error at 1:27: expected one of")
    with pytest.raises(CommandError, match=r"answered HTTP 400: .*Parser error"):
        push(b"<a> <b> not-a-term .\n", server.store_url, GRAPH)


def test_timeout(server: OxigraphServer, pushed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "everything-thrice.rq").write_text(
        "#+ summary: A cross product that takes far longer than a second\n#+ description: For the timeout test.\n\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    assert main(["query", "everything-thrice", "--root", str(tmp_path), "--endpoint", server.query_url, "--timeout", "1"]) == 1
    assert time.monotonic() - started < 10
    assert capsys.readouterr().err == f"govkg: error: {server.query_url} did not answer within 1 s (--timeout)\n"
    # the server, which stops such a query itself after --timeout-s, still answers
    assert RemoteEngine(server.query_url, GRAPH, timeout=10).execute("ASK { ?s ?p ?o }", {}).boolean is True


def _changed(data: bytes) -> bytes:
    changed = data.replace(b'"Chen Yijun"', b'"CHANGED NAME"')
    assert changed != data
    return changed


def test_a_push_rejected_midway_leaves_the_graph(server: OxigraphServer, pushed: Path) -> None:
    before = graph_on_server(server)
    data = _changed(pushed.read_bytes())
    broken = data[: len(data) // 2] + b'<http://example.org/a> <http://example.org/b> "unterminated\n' + data[len(data) // 2 :]
    with pytest.raises(CommandError, match="answered HTTP 400"):
        push(broken, server.store_url, GRAPH)
    assert graph_on_server(server) == before


def test_a_push_cut_off_midway_leaves_the_graph(server: OxigraphServer, pushed: Path) -> None:
    """A proxy forwards the headers and half the body, then drops both connections."""
    before = graph_on_server(server)
    data = _changed(pushed.read_bytes())
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def cut_off() -> None:
        client, _ = listener.accept()
        upstream = socket.create_connection(("127.0.0.1", server.port))
        sent = 0
        head_end: int | None = None
        buffer = b""
        while head_end is None or sent < head_end + len(data) // 2:
            chunk = client.recv(65536)
            if not chunk:
                break
            buffer += chunk
            if head_end is None and b"\r\n\r\n" in buffer:
                head_end = buffer.index(b"\r\n\r\n") + 4
            limit = len(buffer) if head_end is None else min(len(buffer), head_end + len(data) // 2)
            upstream.sendall(buffer[sent:limit])
            sent = limit
        upstream.close()
        client.close()
        listener.close()

    proxy = threading.Thread(target=cut_off, daemon=True)
    proxy.start()
    with pytest.raises(CommandError) as caught:
        push(data, f"http://127.0.0.1:{port}/store", GRAPH, timeout=10)
    proxy.join(timeout=10)
    assert caught.value.code == 1
    time.sleep(0.5)  # let the server notice the dropped request
    assert graph_on_server(server) == before


def test_serve_starts_answers_and_stops_on_ctrl_c(pushed: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "govkg"), "serve", "--port", str(port), "--out", str(pushed.parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == f"Oxigraph serves the knowledge graph at http://127.0.0.1:{port}/ (query page)\n"
        remote = RemoteEngine(f"http://127.0.0.1:{port}/query", GRAPH, timeout=10)
        count = remote.execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}).rows[0]["n"]
        assert int(count) == len(nt_lines(pushed.read_bytes()))  # type: ignore[call-overload]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert page.status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
