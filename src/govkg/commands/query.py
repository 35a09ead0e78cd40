"""``govkg queries``, ``govkg query``, ``govkg push`` and ``govkg serve``."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from typing import Any

from govkg.commands.common import add_project_options, base_from, project_from, say
from govkg.errors import CommandError
from govkg.query import (
    FORMATS,
    Engine,
    OxigraphEngine,
    RdflibEngine,
    declared_prefixes,
    find_query,
    format_result,
    load_queries,
    parse_params,
    run_named,
)
from govkg.store import (
    DEFAULT_GRAPH,
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    OxigraphServer,
    RemoteEngine,
    built_graph,
    credentials,
    endpoint_urls,
    load_oxigraph,
    load_rdflib,
    push,
    union_graph_iri,
)

_GRAPH_HELP = "the named graph the knowledge graph is in on the server (default: BASE_IRI + 'kg'); 'default' for the server's default graph"


def register(verbs: Any) -> None:
    """Add ``queries``, ``query``, ``push`` and ``serve``."""
    listing = verbs.add_parser("queries", help="list the named queries with their summaries and parameters")
    add_project_options(listing)
    listing.set_defaults(run=run_queries)

    ask = verbs.add_parser(
        "query",
        help="run a named query and print its rows with their sources",
        description=(
            "Run queries/NAME.rq on the built graph (rdflib by default, pyoxigraph with --engine oxigraph) or on a "
            "SPARQL 1.1 server (--endpoint). A parameter value is a name (matched with case and typography ignored) "
            "or an IRI; it is bound as an RDF term, never pasted into the query."
        ),
        epilog="Example: govkg query posts-of-a-person --param person='Chen Yijun' --format csv",
    )
    ask.add_argument("name", help="the query's name (see 'govkg queries')")
    ask.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="a parameter (repeat for several)")
    ask.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    ask.add_argument("--engine", choices=("rdflib", "oxigraph"), default="rdflib", help="local engine (default: rdflib)")
    ask.add_argument("--width", type=int, default=60, help="table format: wrap cells wider than this (nothing is cut)")
    _add_remote_options(ask, "the SPARQL query URL of a server (Oxigraph: http://HOST:7878/query); the graph must have been pushed")
    add_project_options(ask)
    ask.set_defaults(run=run_query)

    send = verbs.add_parser(
        "push",
        help="load the built graph into a SPARQL 1.1 store (Graph Store Protocol), replacing one graph",
        description=(
            "Send graph/build/kg.nt to a Graph Store Protocol endpoint in one PUT request, replacing the named graph "
            "(--graph) as a whole. A push that fails leaves the graph on the server as it was."
        ),
        epilog="Endpoints: Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service",
    )
    _add_remote_options(send, "the Graph Store Protocol URL (a bare http://HOST:PORT is read as Oxigraph's /store)", required=True)
    add_project_options(send)
    send.set_defaults(run=run_push)

    serve = verbs.add_parser(
        "serve",
        help="start an Oxigraph SPARQL server on 127.0.0.1 with the graph loaded",
        description="Start Oxigraph (pip install 'govkg[server]') on loopback, load the built graph, print its URL. Ctrl-C stops it.",
    )
    serve.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878; 0 picks a free one)")
    serve.add_argument("--location", type=Path, default=None, help="keep the server's data in this folder (default: in memory)")
    serve.add_argument("--timeout-s", type=int, default=30, help="the server's limit on one query, in seconds (default: 30)")
    add_project_options(serve)
    serve.set_defaults(run=run_serve)


def _add_remote_options(parser: argparse.ArgumentParser, endpoint_help: str, required: bool = False) -> None:
    parser.add_argument("--endpoint", required=required, default=None, metavar="URL", help=endpoint_help)
    parser.add_argument("--graph", default=None, metavar="IRI", help=_GRAPH_HELP)
    parser.add_argument("--user", default=None, help=f"HTTP Basic user (default: ${USER_VARIABLE})")
    parser.add_argument("--password", default=None, help=f"HTTP Basic password (default: ${PASSWORD_VARIABLE})")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up on the server after this long (default 60)")


def _graph(args: argparse.Namespace) -> str:
    if args.graph:
        return str(args.graph)
    return str(union_graph_iri(base_from(args)))


def run_queries(args: argparse.Namespace) -> int:
    """Print each query's name, summary and parameters."""
    queries = load_queries(project_from(args).queries_dir)
    for query in queries.values():
        print(f"{query.name}\n    {query.summary}")
        for param in query.params:
            print(f"    --param {param.name}=...  {param.description}")
    return 0


def engine_from(args: argparse.Namespace) -> Engine:
    """The engine the options choose: a remote endpoint, or the built graph in rdflib or pyoxigraph."""
    if args.endpoint:
        query_url, _ = endpoint_urls(args.endpoint)
        return RemoteEngine(query_url, _graph(args), auth=credentials(args.user, args.password), timeout=args.timeout)
    path = built_graph(project_from(args))
    if args.engine == "oxigraph":
        return OxigraphEngine(load_oxigraph(path))
    return RdflibEngine(load_rdflib(path))


def run_query(args: argparse.Namespace) -> int:
    """Run one named query and print the result on stdout."""
    project = project_from(args)
    query = find_query(project.queries_dir, args.name)
    params = parse_params(args.param)
    engine = engine_from(args)
    started = time.perf_counter()
    result = run_named(engine, query, params)
    # data IRIs shown as id:person/... in tables; csv, tsv and json keep full IRIs
    shown = {"id": base_from(args)} | declared_prefixes(query.text)
    print(format_result(result, args.format, shown, width=args.width))
    graph_form = result.form in ("CONSTRUCT", "DESCRIBE")
    count = f"{len(result.graph)} triples" if graph_form else f"{len(result.rows)} rows"
    say(f"{query.name}: {count} from {engine.name} in {time.perf_counter() - started:.2f} s")
    return 0


def run_push(args: argparse.Namespace) -> int:
    """Push the built graph to a Graph Store."""
    project = project_from(args)
    path = built_graph(project)
    _, store_url = endpoint_urls(args.endpoint)
    graph = _graph(args)
    data = path.read_bytes()
    status = push(data, store_url, graph, auth=credentials(args.user, args.password), timeout=args.timeout)
    triples = data.count(b"\n")
    where = "the default graph" if graph == DEFAULT_GRAPH else f"<{graph}>"
    print(f"pushed {triples} triples ({len(data):,} bytes) to {where} at {store_url} (HTTP {status})")
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_serve(args: argparse.Namespace) -> int:
    """Start an Oxigraph server with the graph loaded; wait for Ctrl-C."""
    project = project_from(args)
    path = built_graph(project)
    graph = str(union_graph_iri(base_from(args)))
    server = OxigraphServer(port=args.port, location=args.location, timeout_s=args.timeout_s)
    # Ctrl-C even when started in the background (which ignores SIGINT), and a plain kill,
    # both stop the server too rather than leave it running without us
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    server.start()
    try:
        push(path.read_bytes(), server.store_url, graph)
        print(f"Oxigraph serves the knowledge graph at {server.url} (query page)", flush=True)
        print(f"  SPARQL query endpoint: {server.query_url}  (the graph: <{graph}>, also the union default graph)", flush=True)
        print(f"  try: govkg query posts-of-a-person --param person='Chen Yijun' --endpoint {server.query_url}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        assert server.process is not None
        code = server.process.wait()
        raise CommandError(f"the oxigraph server stopped by itself (exit {code}): {server.messages()[-300:]}", code=1)
    except KeyboardInterrupt:
        print("stopping the server", file=sys.stderr)
        return 0
    finally:
        server.stop()
