"""The stages run in order: load every report → build RDF → validate → write outputs.

Nothing is written until every report has loaded, built and validated, so bad input leaves
the outputs of the last good build as they were.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from govkg.analyse import write_view_files
from govkg.build import ReportGraph, Triple, build_report, triple_key, union_ntriples
from govkg.cache import VIEW_FILES as VIEW_CODE
from govkg.cache import BuildCache, code_fingerprint, report_name
from govkg.errors import InputError, ValidationFailed
from govkg.export import atomic_write, write_graph_files
from govkg.fastshacl import CompiledShapes, UnsupportedShape, compile_shapes, validate_fast
from govkg.load import ReportRecords, load_entities
from govkg.settings import Project
from govkg.terms import rdflib_triples
from govkg.validate import Violation, graph_of, load_shapes, validate
from govkg.vocab import FOAF, GOVKG, OA, ORG, RDF, SKOS

Progress = Callable[[str], None]

SUMMARY_CLASSES: tuple[tuple[str, URIRef], ...] = (
    ("people", FOAF.Person),
    ("posts held (person, post)", GOVKG.PostHolding),
    ("distinct posts", ORG.Post),
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
    """What a build made: each report's graph, the union, and the files written.

    ``ntriples`` is the union as sorted canonical N-Triples (what ``kg.nt`` holds); ``triples``
    gives the same as rdflib terms, made when first asked for.
    """

    records: list[ReportRecords]
    graphs: list[ReportGraph]
    ntriples: bytes
    outputs: dict[str, Path] = field(default_factory=dict)
    _triples: list[Triple] | None = field(default=None, repr=False)

    @property
    def triples(self) -> list[Triple]:
        """The union's triples as rdflib terms, sorted by :func:`govkg.build.triple_key`."""
        if self._triples is None:
            self._triples = sorted(rdflib_triples(self.ntriples), key=triple_key)
        return self._triples

    def triple_count(self) -> int:
        """How many triples the union holds."""
        return self.ntriples.count(b"\n")

    def counts(self) -> dict[str, int]:
        """How many instances of each class in :data:`SUMMARY_CLASSES` the graph holds, and more.

        Counted on the canonical N-Triples with ``bytes.count`` (each triple is one line, each
        term written one way), which takes milliseconds on a million triples.
        """

        def lines(predicate: URIRef, obj: URIRef | None = None) -> int:
            pattern = f"> <{predicate}> " + (f"<{obj}> .\n" if obj is not None else "")
            return self.ntriples.count(pattern.encode("utf-8"))

        found = {label: lines(RDF.type, cls) for label, cls in SUMMARY_CLASSES}
        found["roles"] = lines(SKOS.inScheme, GOVKG.Roles)
        found["slogans and concepts"] -= found["roles"]
        found["excellent results"] = lines(GOVKG.rating, GOVKG.excellent)
        found["inferences"] = lines(GOVKG.inferredBecause)
        found["quotes"] = lines(RDF.type, OA.Annotation)
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
            raise InputError(
                path, "the entities file is a draft (status: draft)", "review every item against the report, then set 'status: curated'"
            )
        _claim(seen, loaded.key, path)
        progress(f"loaded {path.name}: {len(loaded.items)} items")
        records.append(loaded)
    return records


def ontology_triples(project: Project) -> list[Triple]:
    """The ontology's triples, sorted."""
    graph = Graph().parse(project.ontology, format="turtle")
    return sorted(((s, p, o) for s, p, o in graph if isinstance(s, URIRef) and isinstance(p, URIRef)), key=triple_key)


def build_graphs(records: Sequence[ReportRecords], base: str) -> list[ReportGraph]:
    """Build every report's named graph."""
    return [build_report(r, base) for r in records]


VALIDATORS = ("fast", "pyshacl")
"""``fast``: :mod:`govkg.fastshacl`, the subset of SHACL our shapes use, the same violations as
pySHACL (tested) in a fraction of the time; ``pyshacl``: the reference validator."""


def violations_of(project: Project, triples: Sequence[Triple], validator: str = "fast") -> list[Violation]:
    """Validate triples against the project's shapes with the chosen validator."""
    shapes = load_shapes(project.shapes)
    compiled = _compiled(shapes, validator, _quiet)
    return validate(graph_of(triples), shapes) if compiled is None else validate_fast(triples, compiled)


def _compiled(shapes: Graph, validator: str, progress: Progress) -> CompiledShapes | None:
    """The compiled shapes for the fast validator, or ``None`` where pySHACL must run."""
    if validator == "pyshacl":
        return None
    try:
        return compile_shapes(shapes)
    except UnsupportedShape as error:
        progress(f"the fast validator cannot run these shapes ({error}); validating with pySHACL")
        return None


def check(project: Project, triples: Sequence[Triple], validator: str = "fast") -> None:
    """Validate a graph against the shapes.

    Raises:
        ValidationFailed: listing every violation, one a line.

    """
    _raise_violations(violations_of(project, triples, validator))


def _raise_violations(violations: Sequence[Violation]) -> None:
    if violations:
        lines = "\n".join(f"  {v}" for v in violations)
        raise ValidationFailed(f"the graph breaks {len(violations)} SHACL rule(s):\n{lines}")


VALIDATION_BATCH_TRIPLES = 60_000
"""Reports are validated in batches of about this many triples: one pySHACL call per batch
costs far less than one per report, and a report graph only refers to nodes it types itself,
so a batch conforms exactly when each of its reports does."""


def _cache_context(project: Project, base: str) -> bytes:
    parts = [base.encode(), project.ontology.read_bytes(), project.shapes.read_bytes(), code_fingerprint().encode()]
    return b"\0".join(parts)


def run_build(
    project: Project,
    base: str,
    *,
    validate_graph: bool = True,
    validator: str = "fast",
    view: bool = True,
    progress: Progress = _quiet,
) -> BuildResult:
    """Load, build, validate and write every output of the project.

    Reports whose inputs have not changed since the last build come from the build cache
    (:mod:`govkg.cache`), already built and validated; only the others are loaded, built and
    validated. The outputs are written only when every report is good.

    Args:
        project: The project folders.
        base: The base IRI for data.
        validate_graph: Run SHACL validation before writing (on by default).
        validator: ``fast`` (default) or ``pyshacl``, see :data:`VALIDATORS`.
        view: Write the HTML view and GraphML too (on by default).
        progress: Called with a line of progress at each step.

    Returns:
        What was built and the paths written. ``records`` holds the reports loaded this time
        (not those that came from the cache).

    """
    files = entities_files(project)
    cache = BuildCache(project.build_dir / ".cache", _cache_context(project, base))
    graphs: list[ReportGraph | None] = []
    fresh: list[tuple[int, str | None, ReportGraph]] = []
    records: list[ReportRecords] = []
    seen: dict[str, Path] = {}
    for index, path in enumerate(files):
        key = cache.key(path, project.reports_dir)
        cached = None
        if key is not None:
            graph_iri = URIRef(f"{base}graph/{_report_key(path)}")
            cached = cache.get(key, graph_iri, graph_iri.rsplit("/", 1)[-1], need_valid=validate_graph)
        if cached is not None:
            _claim(seen, cached.key, path)
            graphs.append(cached)
            continue
        loaded = load_all(project, [path])[0]
        _claim(seen, loaded.key, path)
        records.append(loaded)
        report = build_report(loaded, base)
        graphs.append(report)
        fresh.append((index, key, report))
        progress(f"built {path.name}: {len(loaded.items)} items, {len(report.triples)} triples")
    progress(f"{len(files) - len(fresh)} report(s) unchanged (from the cache), {len(fresh)} built")
    if validate_graph and fresh:
        _validate_in_batches(project, [r for _, _, r in fresh], validator, progress)
    for _, key, report in fresh:
        if key is not None:
            cache.put(key, report, valid=validate_graph)
        report.forget_terms()  # the N-Triples stay; rdflib terms come back only if someone asks
    done = [g for g in graphs if g is not None]
    result = BuildResult(records, done, union_ntriples(done))
    progress(f"the knowledge graph: {result.triple_count()} triples from {len(done)} report(s)")
    result.outputs = write_outputs(project, result, view=view)
    return result


def _report_key(entities: Path) -> str:
    name = report_name(entities)
    return Path(name).stem if name else entities.stem


def _claim(seen: dict[str, Path], key: str, path: Path) -> None:
    if key in seen:
        raise InputError(path, f"report '{key}' already has an entities file ({seen[key]})", "keep one entities file per report")
    seen[key] = path


def _validate_in_batches(project: Project, reports: Sequence[ReportGraph], validator: str, progress: Progress) -> None:
    shapes = load_shapes(project.shapes)
    compiled = _compiled(shapes, validator, progress)
    batch: list[Triple] = []
    checked = 0
    for number, report in enumerate(reports, start=1):
        batch.extend(report.triples)
        if len(batch) >= VALIDATION_BATCH_TRIPLES or number == len(reports):
            found = validate(graph_of(batch), shapes) if compiled is None else validate_fast(batch, compiled)
            _raise_violations(found)
            checked += len(batch)
            engine = "pySHACL" if compiled is None else "fast"
            progress(f"SHACL validation ({engine}): {number}/{len(reports)} report(s) conform ({checked} triples)")
            batch = []


def add_report(project: Project, entities: Path, base: str, *, view: bool = True, progress: Progress = _quiet) -> BuildResult:
    """Add one report (its entities file and the text it names) to the project and rebuild.

    The text is looked for beside the entities file, then in the project's reports folder. Both
    files are copied into the project; if the build fails they are taken out again, so a bad
    report leaves the project and its outputs as they were.

    Raises:
        InputError: when the files are missing, clash with different files of the same name, or
            the report's entities are bad.

    """
    if entities.suffix not in (".yaml", ".yml"):
        raise InputError(
            entities, "not an entities file (.yaml)", "pass the report's entities file; draft one with 'govkg extract REPORT.txt'"
        )
    beside = entities.resolve().parent
    loaded = load_entities(entities, beside if (beside / (report_name(entities) or "")).is_file() else project.reports_dir)
    copies = [(loaded.text_path, project.reports_dir / loaded.text_path.name), (entities, project.entities_dir / f"{loaded.key}.yaml")]
    added: list[Path] = []
    for source, target in copies:
        if target.exists():
            if target.read_bytes() != source.read_bytes():
                raise InputError(
                    target, "a different file of this name is already in the project", "rename the report or remove the old file first"
                )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        added.append(target)
        progress(f"added {target}")
    try:
        return run_build(project, base, view=view, progress=progress)
    except BaseException:
        for target in added:
            target.unlink(missing_ok=True)
        raise


def write_outputs(project: Project, result: BuildResult, *, view: bool = True) -> dict[str, Path]:
    """Write the knowledge graph in every format into the build folder.

    The view (``kg.html``, ``kg.graphml``) is remade only when the graph or the code changed
    since it was last made; ``view=False`` leaves it out (``govkg view`` makes it on demand).
    """
    out = project.build_dir
    ontology = ontology_triples(project)
    digest = hashlib.sha256(result.ntriples)
    for report in sorted(result.graphs, key=lambda g: str(g.graph)):
        digest.update(str(report.graph).encode() + hashlib.sha256(report.ntriples).digest())
    digest.update(project.ontology.read_bytes())
    digest.update(code_fingerprint(EXPORT_CODE).encode())
    stamp = out / ".cache" / "graph-files.sha256"
    current = {name: out / file for name, file in GRAPH_FILES.items()}
    if stamp.is_file() and stamp.read_text() == digest.hexdigest() and all(p.is_file() for p in current.values()):
        outputs = current  # the same graph as last time: the files already hold it, byte for byte
    else:
        outputs = write_graph_files(result.ntriples, result.graphs, ontology, out)
        atomic_write(stamp, digest.hexdigest().encode())
    outputs.update(_view_files(project, result, ontology, make=view))
    return outputs


GRAPH_FILES = {"Turtle": "kg.ttl", "N-Triples": "kg.nt", "JSON-LD": "kg.jsonld", "TriG": "kg.trig"}
EXPORT_CODE = ("export.py", "terms.py", "vocab.py")


VIEW_FILES = {"HTML view": "kg.html", "GraphML": "kg.graphml"}


def _view_files(project: Project, result: BuildResult, ontology: Sequence[Triple], *, make: bool) -> dict[str, Path]:
    """The view files: kept when still current, else remade, or removed when not to be made (never stale)."""
    out = project.build_dir
    digest = hashlib.sha256(result.ntriples)
    digest.update(project.ontology.read_bytes())
    digest.update(code_fingerprint(VIEW_CODE).encode())
    stamp = project.build_dir / ".cache" / "view.sha256"
    existing = {name: out / file for name, file in VIEW_FILES.items()}
    if stamp.is_file() and stamp.read_text() == digest.hexdigest() and all(p.is_file() for p in existing.values()):
        return existing
    if not make:
        for path in [*existing.values(), stamp]:
            path.unlink(missing_ok=True)
        return {}
    written = write_view_files(result.ntriples, ontology, out)
    atomic_write(stamp, digest.hexdigest().encode())
    return written
