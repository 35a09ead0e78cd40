"""The stages run in order: load every report → build RDF → validate → write outputs.

Nothing is written until every report has loaded, built and validated, so bad input leaves
the outputs of the last good build as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from govkg.build import ReportGraph, Triple, build_report, triple_key, union
from govkg.errors import InputError, ValidationFailed
from govkg.export import write_jsonld, write_ntriples, write_trig, write_turtle
from govkg.load import ReportRecords, load_entities
from govkg.settings import Project
from govkg.validate import graph_of, load_shapes, validate
from govkg.vocab import FOAF, GOVKG, ONTOLOGY_IRI, ORG, RDF, SKOS

Progress = Callable[[str], None]

SUMMARY_CLASSES: tuple[tuple[str, URIRef], ...] = (
    ("people", FOAF.Person),
    ("posts", ORG.Post),
    ("post holdings", GOVKG.PostHolding),
    ("organisations", ORG.Organization),
    ("places", GOVKG.Place),
    ("meetings", GOVKG.Meeting),
    ("initiatives", GOVKG.Initiative),
    ("platforms", GOVKG.Platform),
    ("work plans", GOVKG.WorkPlan),
    ("work areas", GOVKG.WorkArea),
    ("tasks", GOVKG.Task),
    ("key tasks of speeches", GOVKG.KeyTask),
    ("slogans and concepts", SKOS.Concept),
    ("assessment results", GOVKG.AssessmentResult),
    ("honours", GOVKG.Honour),
    ("honour awards", GOVKG.HonourAward),
)
"""What the build summary counts: instances of each class in the union graph."""


def _quiet(_: str) -> None:
    pass


@dataclass
class BuildResult:
    """What a build made: each report's graph, the union, and the files written."""

    records: list[ReportRecords]
    graphs: list[ReportGraph]
    triples: list[Triple]
    outputs: dict[str, Path] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """How many instances of each class in :data:`SUMMARY_CLASSES` the graph holds."""
        typed = Counter(o for _, p, o in self.triples if p == RDF.type)
        found = {label: typed[cls] for label, cls in SUMMARY_CLASSES}
        found["roles"] = sum(1 for _, p, o in self.triples if p == SKOS.inScheme and o == GOVKG.Roles)
        found["slogans and concepts"] -= found["roles"]
        found["excellent results"] = sum(1 for _, p, o in self.triples if p == GOVKG.rating and o == GOVKG.excellent)
        found["inferences"] = sum(1 for _, p, _ in self.triples if p == GOVKG.inferredBecause)
        found["quotes"] = typed[URIRef("http://www.w3.org/ns/oa#Annotation")]
        return found


def entities_files(project: Project) -> list[Path]:
    """Every entities file of the project, in name order.

    Raises:
        InputError: when there is none.
    """
    files = sorted(project.entities_dir.glob("*.yaml"))
    if not files:
        raise InputError(project.entities_dir, "no entities files (*.yaml)", "add one per report, see docs/entities-format.md")
    return files


def load_all(project: Project, files: Sequence[Path] | None = None, progress: Progress = _quiet) -> list[ReportRecords]:
    """Load and audit every entities file (or the ``files`` given)."""
    records: list[ReportRecords] = []
    seen: dict[str, Path] = {}
    for path in files or entities_files(project):
        loaded = load_entities(path, project.reports_dir)
        if loaded.status != "curated":
            raise InputError(path, "the entities file is a draft (status: draft)", "review every item against the report, then set 'status: curated'")
        if loaded.key in seen:
            raise InputError(path, f"report '{loaded.text_path.name}' already has an entities file ({seen[loaded.key]})", "keep one entities file per report")
        seen[loaded.key] = path
        progress(f"loaded {path.name}: {len(loaded.items)} items")
        records.append(loaded)
    return records


def ontology_triples(project: Project) -> list[Triple]:
    """The ontology's triples, sorted."""
    graph = Graph().parse(project.ontology, format="turtle")
    return sorted(((s, p, o) for s, p, o in graph if isinstance(s, URIRef) and isinstance(p, URIRef)), key=triple_key)  # type: ignore[misc]


def build_graphs(records: Sequence[ReportRecords], base: str) -> list[ReportGraph]:
    """Build every report's named graph."""
    return [build_report(r, base) for r in records]


def check(project: Project, triples: Sequence[Triple]) -> None:
    """Validate the union graph against the shapes.

    Raises:
        ValidationFailed: listing every violation, one a line.
    """
    violations = validate(graph_of(triples), load_shapes(project.shapes))
    if violations:
        lines = "\n".join(f"  {v}" for v in violations)
        raise ValidationFailed(f"the graph breaks {len(violations)} SHACL rule(s):\n{lines}")


def run_build(project: Project, base: str, *, validate_graph: bool = True, progress: Progress = _quiet) -> BuildResult:
    """Load, build, validate and write every output of the project.

    Args:
        project: The project folders.
        base: The base IRI for data.
        validate_graph: Run SHACL validation before writing (on by default).
        progress: Called with a line of progress at each step.

    Returns:
        What was built and the paths written.
    """
    records = load_all(project, progress=progress)
    graphs = build_graphs(records, base)
    triples = union(graphs)
    progress(f"built {len(triples)} triples from {len(graphs)} report(s)")
    if validate_graph:
        check(project, triples)
        progress("SHACL validation: the graph conforms")
    result = BuildResult(records, graphs, triples)
    result.outputs = write_outputs(project, result)
    return result


def write_outputs(project: Project, result: BuildResult) -> dict[str, Path]:
    """Write the knowledge graph in every format into the build folder."""
    out = project.build_dir
    named: list[tuple[URIRef, Sequence[Triple]]] = [(g.graph, g.triples) for g in result.graphs]
    named.append((ONTOLOGY_IRI, ontology_triples(project)))
    return {
        "Turtle": write_turtle(result.triples, out / "kg.ttl"),
        "N-Triples": write_ntriples(result.triples, out / "kg.nt"),
        "JSON-LD": write_jsonld(result.triples, out / "kg.jsonld"),
        "TriG": write_trig(named, out / "kg.trig"),
    }
