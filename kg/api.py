"""One function per command. The CLI is a thin layer over these; notebooks can call them too."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, UnknownNameError
from .resources import DEFAULT_STORE_DIR, QUERIES_DIR
from .store import QueryResult, Store

if TYPE_CHECKING:
    from .remote import Server

Progress = Callable[[int, int, str], None]


def default_store() -> Path:
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE_DIR)


# ingest -----------------------------------------------------------------------------------

@dataclass
class IngestReport:
    documents: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    denied: int = 0
    figures: int = 0
    bytes: int = 0
    seconds: float = 0.0
    compacted: bool = False  # the store was compacted after this ingest (Store.compact_if_due)


def ingest(paths: Iterable[str | Path], store: str | Path | None = None,
           lexicon: Iterable[str | Path] = (), progress: Progress | None = None,
           max_bytes: int | None = None, jobs: int = 1) -> IngestReport:
    """Read documents into the store: one named graph per document, replaced when it changed.
    `jobs` worker processes extract in parallel; the store is the same for any number."""
    from .documents import find_documents
    from .parallel import ingest_files

    started = time.perf_counter()
    files = find_documents(paths)
    report = IngestReport(documents=len(files))
    with Store.open(store or default_store(), write=True) as db:
        ingest_files(files, db, report, jobs=jobs, lexicon_files=[Path(p) for p in lexicon],
                     max_bytes=max_bytes, progress=progress)
        report.compacted = db.compact_if_due(report.added + report.replaced)
    report.seconds = time.perf_counter() - started
    return report


# query --------------------------------------------------------------------------------------

def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def query_text(sparql: str | None = None, file: str | Path | None = None,
               name: str | None = None) -> str:
    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise InputError("give exactly one of: a SPARQL string, --file F.rq, --name NAME")
    if name:
        queries = named_queries()
        if name not in queries:
            raise UnknownNameError(f"no named query '{name}' (known: {', '.join(queries)})")
        return queries[name].read_text(encoding="utf-8")
    if file:
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{file}: cannot read the query: {e}") from e
    return sparql or ""


def query(sparql: str | None = None, *, file: str | Path | None = None, name: str | None = None,
          params: dict[str, str] | None = None, store: str | Path | None = None,
          endpoint: str | Server | None = None) -> QueryResult:
    """Run a read-only SPARQL query (text, file or named) over all sources in the store, or on
    a SPARQL server (`endpoint`: its URL, or a Server from `connect`)."""
    text = query_text(sparql, file, name)
    if endpoint is not None:
        from rdflib import Literal

        from .remote import run_query

        return run_query(as_server(endpoint), text, {k: Literal(v) for k, v in (params or {}).items()})
    import pyoxigraph as ox  # not rdflib: its import alone is a fifth of a cold `kg query`

    with Store.open(store or default_store()) as db:
        return db.query(text, {k: ox.Literal(v) for k, v in (params or {}).items()})


# export -------------------------------------------------------------------------------------

EXPORT_FORMATS = {"turtle": ".ttl", "ttl": ".ttl", "trig": ".trig", "nt": ".nt",
                  "ntriples": ".nt", "n-triples": ".nt", "nquads": ".nq", "nq": ".nq",
                  "n-quads": ".nq", "json-ld": ".jsonld", "jsonld": ".jsonld",
                  "graphml": ".graphml", "gexf": ".gexf"}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads",
                  ".jsonld": "json-ld", ".json": "json-ld", ".graphml": "graphml", ".gexf": "gexf"}


def guess_format(path: str | Path | None, fmt: str | None) -> str:
    if fmt:
        key = fmt.lower()
        if key not in EXPORT_FORMATS:
            raise UnknownNameError(f"unknown export format '{fmt}' "
                                   f"(known: turtle, trig, nt, nquads, json-ld, graphml, gexf)")
        return SUFFIX_FORMATS[EXPORT_FORMATS[key]]
    if path and Path(path).suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[Path(path).suffix.lower()]
    return "turtle"


def export(output: str | Path | None = None, fmt: str | None = None,
           store: str | Path | None = None) -> bytes:
    """Serialise the store (all sources) and write it to `output`, or return the bytes."""
    from .export import serialize

    chosen = guess_format(output, fmt)
    with Store.open(store or default_store()) as db:
        if chosen in ("graphml", "gexf"):  # networkx formats: entities and facts, not triples
            from .analysis import graph_file, read_graph
            data = graph_file(read_graph(db), chosen)
        else:
            data = serialize(db.quads(), chosen)
    if output:
        write_atomically(Path(output), data)
    return data


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename, so a failure leaves no half file."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # e.g. the folder is a file: there is no temporary file to remove
            pass
        raise InputError(f"cannot write {path}: {e.strerror or e}") from e


# sources, stats, remove, validate -----------------------------------------------------------

def sources(store: str | Path | None = None) -> QueryResult:
    return query(name="sources", store=store)


@dataclass
class Stats:
    sources: int
    triples: int
    entities: int
    facts: int
    denied: int
    figures: int
    deals: int
    by_relation: dict[str, int]
    by_type: dict[str, int]


def stats(store: str | Path | None = None) -> Stats:
    """Counts of what the store holds."""
    from .rdf.vocab import KG_NS

    with Store.open(store or default_store()) as db:
        def count(where: str) -> int:
            q = f"PREFIX kg: <{KG_NS}> SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
            return int(db.query(q).rows[0]["n"])

        rel = db.query(f"PREFIX kg: <{KG_NS}> SELECT ?p (COUNT(*) AS ?n) WHERE {{ "
                       "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kg:))) "
                       "?c <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p } } GROUP BY ?p")
        types = db.query(f"PREFIX kg: <{KG_NS}> SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ "
                         "?e a ?t . ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                         "FILTER(STRSTARTS(STR(?t), STR(kg:))) } GROUP BY ?t")
        by_relation = {r["p"].rsplit("#", 1)[-1]: int(r["n"]) for r in rel.rows}
        return Stats(
            sources=count("?s a kg:Source"),
            triples=len(db),
            entities=count("SELECT DISTINCT ?e WHERE { "
                           "?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"),
            facts=sum(by_relation.values()),
            denied=count("SELECT DISTINCT ?s ?p ?o WHERE { ?c kg:polarity kg:Denied ; "
                         "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; "
                         "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ; "
                         "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o }"),
            figures=count("SELECT DISTINCT ?f WHERE { ?f a kg:Figure }"),
            deals=count("SELECT DISTINCT ?d WHERE { ?d a kg:Deal }"),
            by_relation=dict(sorted(by_relation.items())),
            by_type={r["t"].rsplit("#", 1)[-1]: int(r["n"]) for r in
                     sorted(types.rows, key=lambda r: r["t"])},
        )


def remove(source: str, store: str | Path | None = None,
           endpoint: str | Server | None = None) -> str:
    """Retract one source (its id, file name or path): its named graph goes, and with it every
    fact, figure and deal only it supported. Returns the source id removed. With `endpoint`,
    the graph goes from that SPARQL server instead of the store."""
    from .documents import document_id
    from .rdf.build import graph_iri

    doc_id = document_id(Path(source))
    if endpoint is not None:
        from .remote import delete_graph

        server = as_server(endpoint)
        if not delete_graph(server, str(graph_iri(doc_id))):
            raise InputError(f"no source '{doc_id}' at {server.graph_store}")
        return doc_id
    with Store.open(store or default_store(), write=True) as db:
        if not db.remove_graph(str(graph_iri(doc_id))):
            raise InputError(f"no source '{doc_id}' in the store (see `kg sources`)")
        db.compact_if_due(1)
    return doc_id


# push: the SPARQL server side ---------------------------------------------------------------

def connect(endpoint: str, graph_store: str | None = None, user: str | None = None,
            password_env: str | None = None) -> Server:
    """A SPARQL server to push to, query or remove from. `endpoint` is its base URL or query URL;
    the password is read from the environment variable named `password_env`."""
    from .remote import server

    return server(endpoint, graph_store, user, password_env)


def as_server(endpoint: str | Server) -> Server:
    return connect(endpoint) if isinstance(endpoint, str) else endpoint


@dataclass
class PushReport:
    graphs: int
    triples: int
    seconds: float
    graph_store: str


def push(endpoint: str | Server, store: str | Path | None = None,
         progress: Progress | None = None) -> PushReport:
    """Put each source's named graph on a SPARQL server (Graph Store HTTP Protocol), replacing
    the server's copy: pushing again leaves one copy of each graph."""
    from .export import serialize
    from .remote import put_graph

    server = as_server(endpoint)
    started = time.perf_counter()
    triples = 0
    with Store.open(store or default_store()) as db:
        graphs = db.graphs()
        for done, graph in enumerate(graphs, 1):
            data = serialize(db.quads(graph), "nt")
            put_graph(server, graph, data)
            triples += data.count(b"\n")
            if progress:
                progress(done, len(graphs), graph)
    return PushReport(len(graphs), triples, time.perf_counter() - started, str(server.graph_store))


@dataclass
class Validation:
    conforms: bool
    report: str
    triples: int


def validate(store: str | Path | None = None) -> Validation:
    """Check the store against ontology/shapes.ttl (SHACL)."""
    import pyshacl
    from rdflib import Graph

    from .export import to_rdflib_graph
    from .resources import ONTOLOGY_FILE, SHAPES_FILE

    with Store.open(store or default_store()) as db:
        data = to_rdflib_graph(db.quads())
    shapes = Graph().parse(SHAPES_FILE)
    ontology = Graph().parse(ONTOLOGY_FILE)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                         inference="none", allow_warnings=True)
    return Validation(bool(conforms), str(text), len(data))


def explain(name: str, store: str | Path | None = None) -> QueryResult:
    """Every claim about an entity, asserted or denied, with its sources and sentences."""
    result = query(name="evidence", params={"entity": name}, store=store)
    if not result.rows:
        raise InputError(f"no entity called '{name}' has facts in the store "
                         "(try `kg query --name figures` or a different spelling)")
    return result


def conflicts(store: str | Path | None = None) -> QueryResult:
    """Facts one source asserts and another denies."""
    return query(name="conflicts", store=store)


# build: the main job ------------------------------------------------------------------------

@dataclass
class BuildResult:
    outputs: list[Path]
    stats: Stats
    ingest: IngestReport


def build(corpus: str | Path | None = None, out_dir: str | Path | None = None) -> BuildResult:
    """Ingest the demo corpus into a fresh store and write kg.ttl, kg.trig and graph.html."""
    import shutil

    from .resources import DEFAULT_OUTPUT_DIR, DEMO_CORPUS_DIR

    out = Path(out_dir or DEFAULT_OUTPUT_DIR)
    store = out / "store"
    if (store / "kg-store.json").exists():
        shutil.rmtree(store)  # the build is reproducible: always from scratch
    report = ingest([corpus or DEMO_CORPUS_DIR], store=store)
    outputs = [out / "kg.ttl", out / "kg.trig", out / "graph.html"]
    export(outputs[0], "turtle", store=store)
    export(outputs[1], "trig", store=store)
    viz(outputs[2], store=store)
    return BuildResult(outputs, stats(store=store), report)


# viz, path, rank: the graph as networkx ----------------------------------------------------------

def graph(store: str | Path | None = None) -> Any:
    """The store as a networkx MultiDiGraph: entities and deals as nodes, facts and denied claims
    as edges with their evidence (see kg.analysis)."""
    from .analysis import read_graph

    with Store.open(store or default_store()) as db:
        return read_graph(db)


@dataclass
class VizReport:
    path: Path
    nodes: int
    edges: int
    warnings: list[str] = field(default_factory=list)


def viz(output: str | Path | None = None, focus: str | None = None, depth: int = 1,
        relations: Iterable[str] = (), types: Iterable[str] = (), min_support: int = 1,
        figures: bool = True, store: str | Path | None = None) -> VizReport:
    """Write a self-contained HTML page of the graph (default graph.html), optionally only
    `focus`'s neighbourhood within `depth` hops, some relations or types, or well-supported facts."""
    from .analysis import GraphFilter, filtered, find_entity
    from .viz import render_page

    store_path = Path(store or default_store())
    full = graph(store_path)
    chosen = GraphFilter(focus, depth, tuple(relations), tuple(types), min_support, figures)
    view = filtered(full, chosen)
    focus_label = full.nodes[find_entity(full, focus)]["label"] if focus else None
    page = render_page(view, display_path(store_path), chosen, focus_label)
    target = Path(output or "graph.html")
    write_atomically(target, page.html.encode("utf-8"))
    return VizReport(target, view.number_of_nodes(), view.number_of_edges(), page.warnings)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it: the page shows no home directory, and
    `kg build` writes the same page on every machine."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def path(a: str, b: str, store: str | Path | None = None) -> QueryResult:
    """The shortest chain of asserted facts linking two named entities, one row per fact."""
    from .analysis import shortest_path

    return shortest_path(graph(store), a, b)


def rank(by: str = "pagerank", limit: int = 20, store: str | Path | None = None) -> QueryResult:
    """The most central entities by PageRank or betweenness over the asserted facts and deals."""
    from .analysis import rank as rank_entities

    return rank_entities(graph(store), by, limit)
