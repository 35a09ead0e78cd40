"""``govkg extract``, ``govkg eval`` and ``govkg merges``."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from govkg.commands.common import add_project_options, base_from, project_from, say
from govkg.errors import CommandError, InputError
from govkg.evaluate import Evaluation, evaluate, format_scores, markdown_table
from govkg.export import atomic_write
from govkg.extract import ExtractError, draft_entities, extract
from govkg.load import read_report_text
from govkg.merge import format_merges, merge_report
from govkg.pipeline import entities_files, load_all


def register(verbs: Any) -> None:
    """Add ``extract``, ``eval`` and ``merges``."""
    ext = verbs.add_parser(
        "extract",
        help="draft the entities of a report by rules (a draft to review)",
        description=(
            "Read REPORT (an English report of the genre, optionally starting with source:/title:/date: "
            "lines and a blank line) and draft its entities: people and their posts, organisations, "
            "places, quoted initiatives and the meeting, each with its exact quote. Writes an entities "
            "file with 'status: draft' (the builder refuses it until a person reviews it and sets "
            "'status: curated'), or with --format json a summary. Offline rules; nothing is fetched."
        ),
    )
    ext.add_argument("report", type=Path, help="the report text file")
    ext.add_argument(
        "--format",
        choices=("yaml", "json"),
        default="yaml",
        help="yaml: a draft entities file (default); json: persons, organizations, places, initiatives, event",
    )
    ext.add_argument("-o", "--output", type=Path, default=None, help="write to this file instead of stdout")
    ext.set_defaults(run=run_extract)

    ev = verbs.add_parser(
        "eval",
        help="score a draft against a curated entities file (precision, recall, F1)",
        description=(
            "Print precision, recall and F1 for people, organisations and (person, title, organisation) "
            "triples of a draft (--pred: a draft entities file, or the JSON of 'govkg extract --format "
            "json') against a curated entities file (--gold), then list what was missed and what is "
            "extra. With --all, draft every report that has a curated file and score each. Matching "
            "rules: docs/extraction.md."
        ),
    )
    add_project_options(ev)
    ev.add_argument("--gold", type=Path, help="the curated entities file")
    ev.add_argument("--pred", type=Path, help="the draft: entities YAML or JSON from 'govkg extract --format json'")
    ev.add_argument("--all", action="store_true", help="extract and score every report in graph/reports/ that has an entities file")
    ev.add_argument("--reports-dir", type=Path, default=None, help="where the reports the files name are (default: ROOT/graph/reports)")
    ev.add_argument("--markdown", action="store_true", help="print the table in Markdown, without the misses")
    ev.set_defaults(run=run_eval)

    mg = verbs.add_parser(
        "merges",
        help="list the nodes merged across reports and the merges the rule is unsure of",
        description=(
            "Load every entities file and apply the merge rule (normalised name plus province or "
            "scope, see govkg.iris): list the people, organisations and places named by more than "
            "one report (one node each), then the cases the rule does not merge but a person should "
            "look at: one name under two provinces, organisation names that differ only by level "
            "words, two people holding one post in one report."
        ),
    )
    add_project_options(mg)
    mg.set_defaults(run=run_merges)


def run_extract(args: argparse.Namespace) -> int:
    """Draft one report."""
    text = read_report_text(args.report)
    extraction = extract(text)
    if args.format == "json":
        output = json.dumps(extraction.as_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        try:
            output = draft_entities(extraction, args.report.name)
        except ExtractError as error:
            raise CommandError(str(error), code=2) from None
    if args.output:
        atomic_write(args.output, output.encode("utf-8"))
        say(f"wrote {args.output}: {len(extraction.persons)} people, {len(extraction.organizations)} organisations (a draft: review it)")
    else:
        sys.stdout.write(output)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Score one draft, or every report with --all."""
    project = project_from(args)
    reports_dir = args.reports_dir or project.reports_dir
    if args.all:
        evaluations = evaluate_all(project.entities_dir, reports_dir)
    else:
        if not args.gold or not args.pred:
            raise CommandError("give --gold ENTITIES and --pred DRAFT, or --all", code=2)
        evaluations = [evaluate(args.gold, args.pred, reports_dir)]
    print(markdown_table(evaluations) if args.markdown else format_scores(evaluations))
    return 0


def evaluate_all(entities_dir: Path, reports_dir: Path) -> list[Evaluation]:
    """Draft every report that has a curated entities file and score the draft against it."""
    evaluations = []
    with tempfile.TemporaryDirectory(prefix="govkg-eval-") as tmp:
        for gold in sorted(entities_dir.glob("*.yaml")):
            report_name = _report_of(gold)
            text = read_report_text(reports_dir / report_name)
            draft = Path(tmp) / gold.name
            try:
                draft.write_text(draft_entities(extract(text), report_name), encoding="utf-8")
            except ExtractError as error:
                raise CommandError(str(error), code=1) from None
            evaluations.append(evaluate(gold, draft, reports_dir))
    if not evaluations:
        raise CommandError(f"no entities files in {entities_dir}", code=2)
    return evaluations


def _report_of(entities: Path) -> str:
    for line in entities.read_text(encoding="utf-8").splitlines():
        if line.startswith("report:"):
            return line.partition(":")[2].strip()
    raise InputError(entities, "no 'report:' line", "add 'report: <file name in graph/reports/>'")


def run_merges(args: argparse.Namespace) -> int:
    """Print the merge report."""
    project = project_from(args)
    records = load_all(project, entities_files(project))
    print(format_merges(merge_report(records, base_from(args))))
    return 0
