"""``govkg build`` and ``govkg validate``."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from govkg.build import union
from govkg.commands.common import add_project_options, base_from, project_from, say
from govkg.pipeline import VALIDATORS, BuildResult, add_report, build_graphs, check, load_all, run_build


def register(verbs: Any) -> None:
    """Add ``build`` and ``validate``."""
    build = verbs.add_parser(
        "build",
        help="build the knowledge graph and write every output",
        description=(
            "Read every entities file in graph/entities/ and the report it names in "
            "graph/reports/, check every quote against the report text, build one named graph "
            "per report, validate the union with the SHACL shapes, and write graph/build/kg.ttl, "
            "kg.nt, kg.jsonld and kg.trig. Nothing is written if any input is bad."
        ),
    )
    add_project_options(build)
    build.add_argument("--no-validate", action="store_true", help="skip SHACL validation (faster; not for published builds)")
    add_validator_option(build)
    build.add_argument(
        "--no-view",
        action="store_true",
        help="do not write kg.html and kg.graphml (on large graphs the view is the slowest output; 'govkg view' makes it later)",
    )
    build.add_argument(
        "--report",
        type=Path,
        metavar="ENTITIES",
        help="add one report: copy this entities file (and the report text it names, found beside it or in graph/reports/) "
        "into the project, then rebuild; unchanged reports come from the build cache",
    )
    build.set_defaults(run=run_build_command)

    check_cmd = verbs.add_parser(
        "validate",
        help="check the inputs and the SHACL shapes without writing anything",
        description="Load and audit every entities file, build the graph in memory and validate it with the SHACL shapes. Writes nothing.",
    )
    add_project_options(check_cmd)
    add_validator_option(check_cmd)
    check_cmd.set_defaults(run=run_validate_command)


def add_validator_option(parser: argparse.ArgumentParser) -> None:
    """``--validator fast|pyshacl``."""
    parser.add_argument(
        "--validator",
        choices=VALIDATORS,
        default="fast",
        help="fast: govkg's validator for the SHACL subset the shapes use (same results as pySHACL, tested); "
        "pyshacl: the reference validator, much slower on large graphs (default: fast)",
    )


def run_build_command(args: argparse.Namespace) -> int:
    """Build, then print the summary."""
    project = project_from(args)
    started = time.perf_counter()
    if args.report is not None:
        result = add_report(project, args.report, base_from(args), view=not args.no_view, progress=say)
    else:
        result = run_build(
            project,
            base_from(args),
            validate_graph=not args.no_validate,
            validator=args.validator,
            view=not args.no_view,
            progress=say,
        )
    print(summary(result, time.perf_counter() - started, project.root))
    return 0


def run_validate_command(args: argparse.Namespace) -> int:
    """Validate only."""
    project = project_from(args)
    records = load_all(project, progress=say)
    triples = union(build_graphs(records, base_from(args)))
    check(project, triples, args.validator)
    print(f"ok: {len(records)} report(s), {len(triples)} triples, every quote found, the graph conforms to the shapes")
    return 0


def summary(result: BuildResult, seconds: float, root: Path) -> str:
    """The table the build prints: what the graph holds and where each file is."""
    counts = result.counts()
    width = max(len(k) for k in counts)
    lines = [f"govkg build: {len(result.graphs)} report(s), {result.triple_count()} triples, {seconds:.1f} s", ""]
    lines += [f"  {label:<{width}}  {count:>6}" for label, count in counts.items()]
    lines.append("")
    for name, path in result.outputs.items():
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        lines.append(f"  {name:<10} {shown}  ({path.stat().st_size:,} bytes)")
    return "\n".join(lines)
