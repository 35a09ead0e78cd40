# ruff: noqa: RUF001
"""The scale benchmark: the govkg build and queries against the plain rdflib way, at several sizes.

    python -m benchmarks.run --sizes 10,100,1000

For each size the parent process generates a synthetic project (benchmarks/generate.py) and runs
two children, one after the other, so that each one's peak memory (``ru_maxrss``) is its own:

* ``govkg``: ``govkg.pipeline.run_build`` from a cold build folder, timed per stage by wrapping
  the stage functions the pipeline calls (whatever is not wrapped shows as "other"); the peak
  memory of the build; SHACL validation of each report's graph on its own; an incremental
  rebuild after adding one report (``run_build`` again); the TriG output loaded into a
  pyoxigraph store and every query timed there.
* ``rdflib``: the same records put into an rdflib ``Dataset`` (one named graph per report), the
  union validated with pySHACL, written with rdflib's serialisers, and every query timed on it.

Queries are the project's named queries (``queries/*.rq``) and the benchmark's own workload
(``benchmarks/queries/*.rq``). Each is run once to warm up, then timed ``--repeat`` times; the
median is reported. Results go to stdout and to ``benchmarks/results/<date>-<sizes>.md`` (with
the raw figures as JSON beside it).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import hashlib
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.generate import DEFAULT_SEED, REPO, WORK, generate, write_report

RESULTS = REPO / "benchmarks" / "results"
WORKLOAD = REPO / "benchmarks" / "queries"
SLOW_QUERY_SECONDS = 20.0
"""A query whose warm-up run takes longer than this is timed once more, not ``--repeat`` times."""

TARGETS = {"build_s": 30.0, "memory_mb": 2048.0, "incremental_s": 5.0, "query_s": 0.3, "query_ratio": 10.0}

UNTIMED = frozenset({"run_build", "add_report", "write_outputs", "_quiet", "_claim"})
"""Functions of :mod:`govkg.pipeline` not timed as stages: the entry points, and write_outputs
(its writers are timed one by one instead)."""

STAGE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("load entities (YAML → records)", ("load_all", "load_entities", "entities_files", "read_yaml")),
    ("build RDF (records → triples)", ("build_graphs", "build_report", "union")),
    ("build cache (keys, reads, writes)", ("cache.", "_cache_context", "code_fingerprint", "report_name", "_report_key")),
    ("SHACL validation", ("check", "_validate_in_batches", "validate", "load_shapes", "graph_of", "_raise_violations")),
    ("write Turtle", ("write_turtle",)),
    ("write N-Triples", ("write_ntriples",)),
    ("write JSON-LD", ("write_jsonld",)),
    ("write TriG (+ parse the ontology)", ("write_trig", "ontology_triples", "write_nquads")),
)
"""How the timed functions are grouped into the rows of the build table (a trailing dot: a prefix)."""

BASELINE_STAGES = {
    "load entities (YAML → records)": "load",
    "build RDF (records → triples)": "build",
    "SHACL validation": "validate",
    "write Turtle": "write_turtle",
    "write N-Triples": "write_ntriples",
    "write JSON-LD": "write_jsonld",
    "write TriG (+ parse the ontology)": "write_trig",
}


def group_of(function: str) -> str:
    for label, names in STAGE_GROUPS:
        if any(function == n or (n.endswith(".") and function.startswith(n)) for n in names):
            return label
    return f"other: {function}"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ queries


def query_files(root: Path) -> list[tuple[str, Path]]:
    """The project's named queries, then the benchmark workload: (name, path)."""
    named = [(f"queries/{p.stem}", p) for p in sorted((root / "queries").glob("*.rq"))]
    return named + [(f"workload/{p.stem}", p) for p in sorted(WORKLOAD.glob("*.rq"))]


PARAM = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9_]*)")


def params_of(path: Path) -> list[str]:
    """The parameters of a query file: its declared ones (govkg.query) or its ``?_name`` variables."""
    try:
        from govkg.query import load_query
    except ImportError:
        return sorted(set(PARAM.findall(path.read_text(encoding="utf-8"))))
    return [p.name for p in load_query(path).params]


def pick_values(triples: Iterable[Any]) -> dict[str, Any]:
    """Real entities of the generated data to bind query parameters to, by kind (rdflib IRIs).

    The person and organisation with the most post holdings, the province with the most reports,
    and the first (by IRI) of every other kind.
    """
    from govkg.vocab import FOAF, GOVKG, ORG, RDF, SKOS

    typed: dict[Any, list[Any]] = {}
    counts: dict[str, Counter[Any]] = {"person": Counter(), "organisation": Counter(), "province": Counter()}
    for s, p, o in triples:
        if p == RDF.type:
            typed.setdefault(o, []).append(s)
        elif p == ORG.member:
            counts["person"][o] += 1
        elif p == ORG.organization:
            counts["organisation"][o] += 1
        elif p == GOVKG.aboutPlace:
            counts["province"][o] += 1
    values: dict[str, Any] = {kind: c.most_common(1)[0][0] for kind, c in counts.items() if c}
    for kind, cls in (
        ("fact", GOVKG.PostHolding),
        ("holding", GOVKG.PostHolding),
        ("initiative", GOVKG.Initiative),
        ("platform", GOVKG.Platform),
        ("area", GOVKG.WorkArea),
        ("plan", GOVKG.WorkPlan),
        ("meeting", GOVKG.Meeting),
        ("report", GOVKG.Report),
        ("post", ORG.Post),
        ("assessment", GOVKG.Assessment),
        ("concept", SKOS.Concept),
        ("person", FOAF.Person),
        ("organisation", ORG.Organization),
    ):
        if kind not in values and typed.get(cls):
            values[kind] = min(typed[cls], key=str)
    synonyms = {
        "org": "organisation",
        "organization": "organisation",
        "agency": "organisation",
        "body": "organisation",
        "entity": "person",
        "place": "province",
    }
    for word, kind in synonyms.items():
        if kind in values:
            values[word] = values[kind]
    return values


def bind(params: list[str], values: dict[str, Any]) -> dict[str, Any]:
    """The IRI for each parameter (``?_name``), chosen by the kind its name contains."""
    found: dict[str, Any] = {}
    for param in params:
        key = next((k for k in sorted(values, key=len, reverse=True) if k in param.lower()), None)
        if key is None:
            raise SystemExit(f"no value to bind ?_{param}: add its kind to benchmarks.run.pick_values")
        found[f"_{param}"] = values[key]
    return found


def engines_available() -> bool:
    try:
        import govkg.query  # noqa: F401
    except ImportError:
        return False
    return True


def make_runner(engine: Any, text: str, bindings: dict[str, Any]) -> Callable[[], tuple[int, str]]:
    """A function running the query on an engine of govkg.query (or a raw store/graph): (rows, digest of the rows)."""

    def run() -> tuple[int, str]:
        result = engine.execute(text, bindings)
        keys = sorted(result.keys()) if result.form == "SELECT" else sorted(str(t) for t in result.graph) or [str(result.boolean)]
        return len(keys), hashlib.sha256("\n".join(map(str, keys)).encode()).hexdigest()[:12]

    return run


class QueryTimeout(Exception):
    """A query ran past the time limit."""


def _alarm(_signum: int, _frame: object) -> None:
    raise QueryTimeout


def time_query(run: Callable[[], tuple[int, str]], repeat: int, limit: float) -> dict[str, Any]:
    """Warm up once, then time ``repeat`` runs (one if the warm-up is slow); median seconds, rows and their digest.

    A run longer than ``limit`` seconds is stopped (SIGALRM) and reported as timed out.
    """
    signal.signal(signal.SIGALRM, _alarm)
    times: list[float] = []
    try:
        signal.setitimer(signal.ITIMER_REAL, limit)
        started = time.perf_counter()
        rows, digest = run()
        warm = time.perf_counter() - started
        for _ in range(1 if warm > SLOW_QUERY_SECONDS else repeat):
            signal.setitimer(signal.ITIMER_REAL, limit)
            started = time.perf_counter()
            again = run()
            times.append(time.perf_counter() - started)
            if again != (rows, digest):
                raise SystemExit(f"the query gave {rows} rows then {again[0]}")
    except QueryTimeout:
        return {"median_s": None, "timeout_s": limit, "runs": 0, "rows": None, "digest": None}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return {"median_s": statistics.median(times), "runs": len(times), "rows": rows, "digest": digest, "warmup_s": warm}


# ------------------------------------------------------------------ children


def _no_view(*_args: Any, **_kwargs: Any) -> dict[str, Path]:
    """Stands in for ``write_view_files`` with --no-view-in-build: the build writes no kg.html / kg.graphml."""
    return {}


class StageTimer:
    """Wraps every function :mod:`govkg.pipeline` calls by name, and the build cache's methods.

    Only the outermost timed call counts, so a stage that calls another is not counted twice;
    what no wrapped function covers shows as "other".
    """

    def __init__(self, stub_view: bool = False) -> None:
        import govkg.pipeline as pipeline

        if stub_view and hasattr(pipeline, "write_view_files"):
            setattr(pipeline, "write_view_files", _no_view)  # noqa: B010 - the stub replaces a module function
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.depth = 0
        for name, value in list(vars(pipeline).items()):
            if isinstance(value, types.FunctionType) and name not in UNTIMED:
                setattr(pipeline, name, self._wrap(name, value))
        cache_class = getattr(pipeline, "BuildCache", None)
        if isinstance(cache_class, type):
            for name, value in list(vars(cache_class).items()):
                if isinstance(value, types.FunctionType) and not name.startswith("__"):
                    setattr(cache_class, name, self._wrap(f"cache.{name}", value))

    def _wrap(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.seconds[name] += time.perf_counter() - started

        return timed

    def run(self, build: Callable[[], Any]) -> tuple[Any, dict[str, float], dict[str, float]]:
        """Run ``build``; return its result, seconds per stage group, and seconds per function."""
        self.seconds.clear()
        started = time.perf_counter()
        result = build()
        total = time.perf_counter() - started
        functions = dict(self.seconds)
        stages: defaultdict[str, float] = defaultdict(float)
        for name, seconds in functions.items():
            stages[group_of(name)] += seconds
        stages["other"] = total - sum(functions.values())
        stages["total"] = total
        return result, dict(stages), functions


def child_govkg(root: Path, seed: int, repeat: int, limit: float, per_report_sample: int, view: bool, stub_view: bool) -> dict[str, Any]:
    """The govkg way: run_build cold, validation per report, Oxigraph queries, the view, then an incremental rebuild."""
    import govkg.pipeline as pipeline
    from govkg.query import OxigraphEngine
    from govkg.settings import Project
    from govkg.store import load_oxigraph
    from govkg.validate import graph_of, load_shapes, validate
    from govkg.vocab import DEFAULT_BASE_IRI

    project = Project.at(root)
    shutil.rmtree(project.build_dir, ignore_errors=True)  # a cold build: no outputs, no cache
    timer = StageTimer(stub_view)
    log(f"govkg: full build of {root.name}" + (" (write_view_files stubbed out)" if stub_view else ""))
    result, stages, functions = timer.run(lambda: pipeline.run_build(project, DEFAULT_BASE_IRI))
    out: dict[str, Any] = {
        "reports": len(result.graphs),
        "triples": len(result.triples),
        "build": stages,
        "build_functions": functions,
        "view_stubbed": stub_view,
        "peak_mb_build": peak_mb(),
        "output_bytes": {name: path.stat().st_size for name, path in result.outputs.items()},
    }
    log(f"govkg: {out['triples']} triples in {stages['total']:.1f} s, peak {out['peak_mb_build']:.0f} MB")

    shapes = load_shapes(project.shapes)
    sample = result.graphs[:per_report_sample] if per_report_sample else result.graphs
    started = time.perf_counter()
    for graph in sample:
        if validate(graph_of(graph.triples), shapes):
            raise SystemExit(f"report graph {graph.key} does not conform on its own")
    seconds = time.perf_counter() - started
    out["validate_per_report"] = {
        "sampled": len(sample),
        "seconds_sample": seconds,
        "seconds_all": seconds * len(result.graphs) / len(sample),
        "mean_per_report_s": seconds / len(sample),
    }
    log(f"govkg: per-report validation {seconds / len(sample) * 1000:.0f} ms a report ({len(sample)} sampled)")
    values = pick_values(result.triples)
    del result, sample

    started = time.perf_counter()
    engine = OxigraphEngine(load_oxigraph(project.build_dir / "kg.nt"))
    out["oxigraph_load_s"] = time.perf_counter() - started
    out["queries"], out["bound"] = {}, {}
    for name, path in query_files(root):
        bindings = bind(params_of(path), values)
        out["bound"][name] = {k: str(v) for k, v in bindings.items()}
        out["queries"][name] = time_query(make_runner(engine, path.read_text(encoding="utf-8"), bindings), repeat, limit)
        log(f"govkg: {name} {fmt_q(out['queries'][name])}, {out['queries'][name]['rows']} rows")
    del engine
    if view:
        out["view"] = measure_view(project)

    added = write_report(root, seed, out["reports"])
    log(f"govkg: incremental rebuild after adding {added}")
    again, stages, functions = timer.run(lambda: pipeline.run_build(project, DEFAULT_BASE_IRI))
    out["incremental"] = stages
    out["incremental_functions"] = functions
    out["incremental_triples"] = len(again.triples)
    log(f"govkg: rebuild in {stages['total']:.1f} s")
    out["peak_mb_all"] = peak_mb()
    return out


def measure_view(project: Any) -> dict[str, Any]:
    """The HTML view of the whole graph: projection, cap, writing, and opening it in headless Chromium."""
    try:
        from govkg import view as view_module
    except ImportError:
        return {}
    from govkg.store import load_rdflib

    found: dict[str, Any] = {}
    started = time.perf_counter()
    graph = load_rdflib(project.build_dir / "kg.nt")
    found["parse_nt_rdflib_s"] = time.perf_counter() - started
    started = time.perf_counter()
    projected = view_module.project(graph)
    found["project_s"] = time.perf_counter() - started
    found["nodes_before_cap"] = projected.number_of_nodes()
    del graph
    started = time.perf_counter()
    capped = view_module.limit(projected)
    found["nodes_drawn"] = capped.number_of_nodes()
    found["node_cap"] = view_module.DEFAULT_NODE_CAP
    path = project.build_dir / "kg.html"
    view_module.write_view(capped, path)
    found["limit_and_write_s"] = time.perf_counter() - started
    found["html_bytes"] = path.stat().st_size
    log(f"govkg: view of {found['nodes_drawn']} nodes (of {found['nodes_before_cap']}) written")
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            found["browser_load_s"] = time.perf_counter() - started
            page.wait_for_selector("canvas", timeout=60_000)
            found["browser_canvas_s"] = time.perf_counter() - started
            browser.close()
        log(f"govkg: view opened in {found['browser_canvas_s']:.1f} s")
    except Exception as error:
        found["browser_error"] = f"{type(error).__name__}: {error}".splitlines()[0]
    return found


def child_rdflib(root: Path, repeat: int, limit: float, validate_union: bool) -> dict[str, Any]:
    """The plain way: rdflib Dataset add, pySHACL on the union, rdflib serialisers, rdflib SPARQL."""
    from rdflib import Dataset, Graph

    from govkg.pipeline import build_graphs, load_all
    from govkg.query import RdflibEngine
    from govkg.settings import Project
    from govkg.validate import load_shapes, validate
    from govkg.vocab import DEFAULT_BASE_IRI

    project = Project.at(root)
    stages: dict[str, float] = {}
    total = time.perf_counter()
    started = time.perf_counter()
    records = load_all(project)
    stages["load"] = time.perf_counter() - started
    started = time.perf_counter()
    graphs = build_graphs(records, DEFAULT_BASE_IRI)
    stages["build"] = time.perf_counter() - started
    del records
    log("rdflib: adding to a Dataset (one graph per report) and a union Graph")
    started = time.perf_counter()
    dataset = Dataset()
    union = Graph()
    for graph in graphs:
        named = dataset.graph(graph.graph)
        for triple in graph.triples:
            named.add(triple)
            union.add(triple)
    stages["add"] = time.perf_counter() - started
    values = pick_values(t for g in graphs for t in g.triples)
    reports = len(graphs)
    del graphs
    if validate_union:
        log("rdflib: pySHACL on the union")
        started = time.perf_counter()
        if validate(union, load_shapes(project.shapes)):
            raise SystemExit("the union does not conform")
        stages["validate"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        writers: tuple[tuple[str, Graph, str], ...] = (
            ("turtle", union, "turtle"),
            ("ntriples", union, "nt"),
            ("jsonld", union, "json-ld"),
            ("trig", dataset, "trig"),
        )
        for name, written, fmt in writers:
            log(f"rdflib: writing {name}")
            started = time.perf_counter()
            written.serialize(destination=Path(tmp) / f"kg.{name}", format=fmt)
            stages[f"write_{name}"] = time.perf_counter() - started
    stages["total"] = time.perf_counter() - total
    out: dict[str, Any] = {"reports": reports, "triples": len(union), "build": stages, "peak_mb_build": peak_mb()}
    log(f"rdflib: {out['triples']} triples in {stages['total']:.1f} s, peak {out['peak_mb_build']:.0f} MB")
    del dataset
    engine = RdflibEngine(union)
    out["queries"] = {}
    for name, path in query_files(root):
        bindings = bind(params_of(path), values)
        out["queries"][name] = time_query(make_runner(engine, path.read_text(encoding="utf-8"), bindings), repeat, limit)
        log(f"rdflib: {name} {fmt_q(out['queries'][name])}, {out['queries'][name]['rows']} rows")
    out["peak_mb_all"] = peak_mb()
    return out


def child_profile(root: Path, top: int, stub_view: bool) -> dict[str, Any]:
    """cProfile of one cold run_build: the functions with the most cumulative and own time."""
    import govkg.pipeline as pipeline
    from govkg.settings import Project
    from govkg.vocab import DEFAULT_BASE_IRI

    project = Project.at(root)
    shutil.rmtree(project.build_dir, ignore_errors=True)
    if stub_view and hasattr(pipeline, "write_view_files"):
        setattr(pipeline, "write_view_files", _no_view)  # noqa: B010 - the stub replaces a module function
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(pipeline.run_build, project, DEFAULT_BASE_IRI)
    seconds = time.perf_counter() - started
    report: dict[str, Any] = {"seconds_under_profiler": seconds}
    for order in ("cumulative", "tottime"):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.strip_dirs().sort_stats(order).print_stats(top)
        report[order] = stream.getvalue()
    return report


# ------------------------------------------------------------------ the parent


def run_child(mode: str, root: Path, args: argparse.Namespace, extra: list[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    command = [sys.executable, "-m", "benchmarks.run", "--child", mode, "--root", str(root), "--json", str(result_path)]
    command += ["--repeat", str(args.repeat), "--seed", str(args.seed), "--timeout", str(args.timeout), *extra]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO)
    data: dict[str, Any] = json.loads(result_path.read_text())
    result_path.unlink()
    data["wall_s"] = time.perf_counter() - started
    return data


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    with Path("/proc/cpuinfo").open() as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with Path("/proc/meminfo").open() as handle:
        for line in handle:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("rdflib", "pyoxigraph", "pyshacl", "PyYAML"))
    head = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
    changed = subprocess.run(["git", "status", "--porcelain", "src"], cwd=REPO, capture_output=True, text=True, check=False).stdout
    return {
        "commit": (head[:80] or "unknown") + (" (src/ has uncommitted changes)" if changed.strip() else ""),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": versions,
    }


def fmt_s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def fmt_q(timing: dict[str, Any]) -> str:
    if timing["median_s"] is None:
        return f"> {timing['timeout_s']:g} s (stopped)"
    return fmt_s(timing["median_s"])


def ratio_q(plain: dict[str, Any], fast: dict[str, Any]) -> str:
    if fast["median_s"] is None:
        return "–"
    if plain["median_s"] is None:
        return f"> {plain['timeout_s'] / fast['median_s']:.0f}×" if fast["median_s"] else "–"
    return ratio(plain["median_s"], fast["median_s"])


def ratio(plain: float | None, fast: float | None) -> str:
    if not plain or not fast:
        return "–"
    return f"{plain / fast:.1f}×"


def render(results: dict[int, dict[str, Any]], info: dict[str, str], profile: dict[str, Any] | None, seed: int) -> str:
    sizes = sorted(results)
    lines = [f"# Scale benchmark, {dt.date.today().isoformat()}", ""]
    lines += [
        f"Code: commit {info.get('commit', 'unknown')}.",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} RAM; {info['os']}; Python {info['python']}; {info['libraries']}.",
        "",
        f"Synthetic reports from `benchmarks/generate.py` (seed {seed}). **govkg** = `govkg.pipeline.run_build` as it is today "
        "(Oxigraph writers, pySHACL) and pyoxigraph for queries; **rdflib** = the plain way (rdflib Dataset, pySHACL on the union, "
        "rdflib serialisers, rdflib SPARQL); ratio = rdflib ÷ govkg. Each column is its own process; peak memory is its `ru_maxrss`.",
        "",
        "## Build",
        "",
    ]
    stubbed = [str(n) for n in sizes if results[n]["govkg"].get("view_stubbed")]
    if stubbed:
        lines += [
            f"**At {', '.join(stubbed)} reports the build's `write_view_files` (kg.html, kg.graphml) was stubbed out "
            "(`--no-view-in-build`)**: the govkg build times below leave out the HTML view.",
            "",
        ]
    head = "| step | " + " | ".join(f"{n}: govkg | {n}: rdflib | {n}: ratio" for n in sizes) + " |"
    lines += [head, "|---|" + "---:|" * (3 * len(sizes))]
    row = "| reports, triples | " + " | ".join(
        f"{results[n]['govkg']['reports']} r, {results[n]['govkg']['triples']:,} t | {results[n]['rdflib']['triples']:,} t | "
        for n in sizes
    )
    lines.append(row + "|")
    seen = {k for n in sizes for k in results[n]["govkg"]["build"]}
    labels = [label for label, _ in STAGE_GROUPS[:2]] + ["put into the store"] + [label for label, _ in STAGE_GROUPS[2:]]
    labels += [*sorted(k for k in seen if k.startswith("other: ")), "other", "**full build**"]
    for label in labels:
        cells = []
        for n in sizes:
            fast_stages, plain_stages = results[n]["govkg"]["build"], results[n]["rdflib"]["build"]
            key = "total" if label == "**full build**" else label
            fast = fast_stages.get(key)
            plain_key = {"put into the store": "add", "**full build**": "total"}.get(label, BASELINE_STAGES.get(label, ""))
            plain = plain_stages.get(plain_key)
            cells.append(f"{fmt_s(fast)} | {fmt_s(plain)} | {ratio(plain, fast)}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for n in sizes:
        fast, plain = results[n]["govkg"]["peak_mb_build"], results[n]["rdflib"]["peak_mb_build"]
        cells.append(f"{fast:,.0f} MB | {plain:,.0f} MB | {plain / fast:.1f}×")
    lines.append("| **peak memory of the build** | " + " | ".join(cells) + " |")
    cells = []
    for n in sizes:
        inc = results[n]["govkg"]["incremental"]["total"]
        plain = results[n]["rdflib"]["build"]["total"]
        cells.append(f"{fmt_s(inc)} | {fmt_s(plain)} (full rebuild) | {ratio(plain, inc)}")
    lines.append("| **rebuild after adding one report** | " + " | ".join(cells) + " |")
    cells = []
    for n in sizes:
        per = results[n]["govkg"]["validate_per_report"]
        est = "" if per["sampled"] == results[n]["govkg"]["reports"] else f" (est. from {per['sampled']})"
        cells.append(f"{fmt_s(per['seconds_all'])}{est}, {per['mean_per_report_s'] * 1000:.0f} ms each | – | ")
    lines.append("| SHACL per report graph, summed | " + " | ".join(cells) + " |")
    lines.append(
        "| load kg.nt into a pyoxigraph Store | "
        + " | ".join(f"{fmt_s(results[n]['govkg']['oxigraph_load_s'])} | – | " for n in sizes)
        + " |"
    )
    columns = sorted({k for n in sizes for k in results[n]["govkg"]["incremental"]}, key=lambda k: (k == "total", k == "other", k))
    lines += ["", "Stage times of the rebuild after adding one report (govkg):", ""]
    lines += ["| size | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for n in sizes:
        inc = results[n]["govkg"]["incremental"]
        lines.append(f"| {n} | " + " | ".join(fmt_s(inc.get(k)) for k in columns) + " |")

    lines += ["", "## Queries (median of the timed runs after one warm-up; rows must match)", ""]
    names = list(results[sizes[0]]["govkg"]["queries"])
    lines += ["| query | " + " | ".join(f"{n}: pyoxigraph | {n}: rdflib | {n}: ratio | {n}: rows" for n in sizes) + " |"]
    lines += ["|---|" + "---:|" * (4 * len(sizes))]
    for name in names:
        cells = []
        for n in sizes:
            fast = results[n]["govkg"]["queries"][name]
            plain = results[n]["rdflib"]["queries"][name]
            runs = " (1 run)" if plain["runs"] == 1 else ""
            same = fast["rows"] == plain["rows"] and fast.get("digest") == plain.get("digest")
            if fast["rows"] is None or plain["rows"] is None:
                rows = f"{fast['rows'] if fast['rows'] is not None else plain['rows']} (one engine stopped)"
            else:
                rows = f"{fast['rows']} (same)" if same else f"**{fast['rows']} vs {plain['rows']}: rows differ**"
            cells.append(f"{fmt_q(fast)} | {fmt_q(plain)}{runs} | {ratio_q(plain, fast)} | {rows}")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    bound = results[sizes[-1]]["govkg"].get("bound", {})
    if any(bound.values()):
        lines += [
            "",
            "Parameters bound at the largest size: "
            + "; ".join(f"`{q}`: " + ", ".join(f"{k} = <{v}>" for k, v in b.items()) for q, b in bound.items() if b),
        ]

    lines += ["", "## Targets at the largest size", ""]
    lines += targets(results[sizes[-1]], sizes[-1])
    lines += ["", "HTML view of the whole graph: " + view_note(results[sizes[-1]]["govkg"].get("view") or {}), ""]
    if profile:
        lines += ["## Where the time goes (cProfile of one cold `run_build`, largest size)", ""]
        lines += [
            f"Under the profiler the build took {profile['seconds_under_profiler']:.1f} s.",
            "",
            "```",
            profile["cumulative"].strip(),
            "```",
            "",
        ]
        lines += ["Own time (tottime):", "", "```", profile["tottime"].strip(), "```", ""]
    return "\n".join(lines) + "\n"


def view_note(view: dict[str, Any]) -> str:
    if not view:
        return "not measured (src/govkg/view.py did not exist, or --no-view)."
    text = (
        f"{view['nodes_before_cap']:,} nodes projected in {fmt_s(view['project_s'])} (after parsing kg.nt with rdflib in "
        f"{fmt_s(view['parse_nt_rdflib_s'])}), {view['nodes_drawn']:,} drawn (cap {view['node_cap']:,}: "
        f"{'within' if view['nodes_drawn'] <= view['node_cap'] else '**over**'}), cut and written in {fmt_s(view['limit_and_write_s'])}, "
        f"{view['html_bytes']:,} bytes."
    )
    if "browser_canvas_s" in view:
        verdict = "met" if view["browser_canvas_s"] <= 5 else "**missed**"
        text += (
            f" Opens in headless Chromium: load event {fmt_s(view['browser_load_s'])},"
            f" canvas drawn {fmt_s(view['browser_canvas_s'])} (target ≤ 5 s: {verdict})."
        )
    else:
        text += f" Not opened in a browser: {view.get('browser_error', 'no browser')}."
    return text


def targets(result: dict[str, Any], size: int) -> list[str]:
    fast, plain = result["govkg"], result["rdflib"]
    build = fast["build"]["total"]
    memory = fast["peak_mb_build"]
    inc = fast["incremental"]["total"]

    def verdict(value: float, limit: float, unit: str) -> str:
        if value <= limit:
            return f"met ({value:.2f} {unit} ≤ {limit:g} {unit})"
        return f"**missed**: {value:.2f} {unit}, {value / limit:.1f}× the target of {limit:g} {unit}"

    lines = [
        f"- full build ≤ 30 s at {size} reports ({fast['triples']:,} triples): " + verdict(build, TARGETS["build_s"], "s"),
        "- peak memory ≤ 2 GB: " + verdict(memory, TARGETS["memory_mb"], "MB"),
        "- rebuild after adding one report ≤ 5 s: " + verdict(inc, TARGETS["incremental_s"], "s"),
    ]
    for name, timing in fast["queries"].items():
        other = plain["queries"][name]
        seconds = timing["median_s"]
        if seconds is None:
            lines.append(f"- `{name}`: **missed**: stopped after {timing['timeout_s']:g} s on pyoxigraph (target ≤ 300 ms)")
            continue
        if other["median_s"] is None:
            speedup, bound = other["timeout_s"] / seconds if seconds else float("inf"), "more than "
        else:
            speedup, bound = other["median_s"] / seconds if seconds else float("inf"), ""
        state = "met" if seconds <= TARGETS["query_s"] and speedup >= TARGETS["query_ratio"] else "**missed**"
        if seconds > TARGETS["query_s"]:
            state += f" ({seconds / TARGETS['query_s']:.1f}× the 300 ms)"
        lines.append(
            f"- `{name}`: {state}: {fmt_s(seconds)} on pyoxigraph (target ≤ 300 ms),"
            f" {bound}{speedup:.1f}× faster than rdflib (target ≥ 10×)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the govkg build and queries against plain rdflib at several sizes.")
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated numbers of reports (default 10,100,1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query after the warm-up (default 5)")
    parser.add_argument("--profile", action="store_true", help="also profile one cold build at the largest size with cProfile")
    parser.add_argument("--per-report-sample", type=int, default=100, help="validate at most this many report graphs one by one (0: all)")
    parser.add_argument("--no-baseline-validation", action="store_true", help="skip pySHACL on the union in the rdflib column")
    parser.add_argument("--timeout", type=float, default=30.0, help="stop a query run after this many seconds (default 30)")
    parser.add_argument("--no-view", action="store_true", help="do not build and open the HTML view")
    parser.add_argument(
        "--no-view-in-build", action="store_true", help="stub out the build's write_view_files (kg.html, kg.graphml) to time the rest"
    )
    parser.add_argument("--out", type=Path, default=None, help="Markdown file to write (default benchmarks/results/<date>-<sizes>.md)")
    parser.add_argument("--work", type=Path, default=WORK, help="where the generated projects go (default benchmarks/work)")
    parser.add_argument("--child", choices=("govkg", "rdflib", "profile"), help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        if args.child == "govkg":
            data = child_govkg(
                args.root, args.seed, args.repeat, args.timeout, args.per_report_sample, not args.no_view, args.no_view_in_build
            )
        elif args.child == "rdflib":
            data = child_rdflib(args.root, args.repeat, args.timeout, not args.no_baseline_validation)
        else:
            data = child_profile(args.root, 30, args.no_view_in_build)
        args.json.write_text(json.dumps(data, indent=1))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: dict[int, dict[str, Any]] = {}
    profile = None
    for n in sizes:
        root = args.work / f"r{n}"
        log(f"generating {n} reports into {root}")
        started = time.perf_counter()
        generate(root, n, args.seed)
        log(f"generated in {time.perf_counter() - started:.1f} s")
        extra = ["--per-report-sample", str(args.per_report_sample)] + (["--no-view"] if args.no_view else [])
        extra += ["--no-view-in-build"] if args.no_view_in_build else []
        fast = run_child("govkg", root, args, extra)
        generate(root, n, args.seed)  # undo the added report
        plain = run_child("rdflib", root, args, ["--no-baseline-validation"] if args.no_baseline_validation else [])
        results[n] = {"govkg": fast, "rdflib": plain}
    if args.profile:
        root = args.work / f"r{sizes[-1]}"
        generate(root, sizes[-1], args.seed)
        log(f"profiling a cold build of {sizes[-1]} reports")
        profile = run_child("profile", root, args, ["--no-view-in-build"] if args.no_view_in_build else [])

    info = machine()
    text = render(results, info, profile, args.seed)
    print(text)
    out = args.out or RESULTS / f"{dt.date.today().isoformat()}-{'-'.join(map(str, sizes))}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps({"machine": info, "seed": args.seed, "results": results, "profile": profile}, indent=1) + "\n"
    )
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
