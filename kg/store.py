"""The embedded store: one Oxigraph database in a directory, one named graph per source.

Writers take Oxigraph's own lock (a second writer waits, then fails clearly); readers open the
database read-only, so queries never wait for an ingest. Replacing a source (dropping its graph
and adding the new one) is one transaction, so a crash leaves each document either fully in or
fully out, and a document stored before is never lost.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import QueryError, StoreError
from .rdf.nquads import GraphData

MARKER = "kg-store.json"
FORMAT_VERSION = 1
# an update keyword after any prologue of comments, PREFIX and BASE declarations
_UPDATE = re.compile(r"^(?:\s|#[^\n]*\n|PREFIX\s+[^\s<]+\s*<[^>]*>|BASE\s+<[^>]*>)*"
                     r"(?:INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


@dataclass
class QueryResult:
    """Variables and rows of a SELECT (or the boolean of an ASK), as plain Python values."""

    variables: list[str]
    rows: list[dict[str, Any]]
    boolean: bool | None = None


def to_oxigraph(term: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _number(text: str) -> int | float:
    number = float(text)
    return int(number) if number.is_integer() and abs(number) < 1e18 else number


def _converter(datatype: str) -> Any:
    """How a literal of `datatype` becomes a Python value (None: its text as it is)."""
    local = datatype.rsplit("#", 1)[-1]
    if local in ("integer", "int", "long"):
        return int
    if local in ("decimal", "double", "float"):
        return _number
    if local == "boolean":
        return "true".__eq__
    return None


_CONVERTERS: dict[str, Any] = {}  # datatype IRI -> _converter(IRI), for the datatypes seen so far

_LITERAL: Any = None  # pyoxigraph.Literal, once imported


def _oxigraph_literal() -> Any:
    global _LITERAL
    if _LITERAL is None:
        import pyoxigraph

        _LITERAL = pyoxigraph.Literal
    return _LITERAL


def python_value(term: Any) -> Any:
    """An Oxigraph term as a display value: IRIs as strings, literals as their Python value.
    Called once per cell of every result, so it looks at the type and datatype once, without
    importing anything: with Store.query reading solutions by position, a cell costs 0.7 us
    instead of 1.9 (26,600 cells: 20 ms instead of 50)."""
    if term is None:
        return None
    if isinstance(term, _oxigraph_literal()):
        datatype = term.datatype.value
        try:
            convert = _CONVERTERS[datatype]
        except KeyError:
            convert = _converter(datatype)
            if len(_CONVERTERS) < 1000:  # a query can make up datatypes: keep the cache bounded
                _CONVERTERS[datatype] = convert
        return term.value if convert is None else convert(term.value)
    return term.value


# what bind_values reads past: comments, IRIs and strings (a brace or VALUES inside them is text)
_SKIPPED = r"#[^\n]*|<[^<>\"{}|^`\\\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
# group 2 is a brace, group 1 the WHERE before it
_BRACE = re.compile(_SKIPPED + r"|(\bWHERE\s*)?(\{)", re.IGNORECASE)
# group 1 is the name in a `VALUES ?name { UNDEF }`
_PLACEHOLDER = re.compile(_SKIPPED + r"|\bVALUES\s+[?$]([A-Za-z_]\w*)\s*\{\s*UNDEF\s*\}", re.IGNORECASE)


def bind_values(sparql: str, terms: dict[str, Any]) -> str:
    """The query with each parameter bound by a `VALUES ?name { term }`. Unlike Oxigraph's
    substitutions, this binds variables the query does not project (`--param entity=...`).

    A query places a parameter itself with `VALUES ?name { UNDEF }` (valid SPARQL, unbound when
    no value is given): the term replaces UNDEF there. This lets a named query match the entity
    in a small group that Oxigraph evaluates first. Other parameters open the WHERE clause."""
    bad = [name for name in terms if not re.fullmatch(r"[A-Za-z_]\w*", name)]
    if bad:
        raise QueryError(f"'{bad[0]}' is not a SPARQL variable name (use letters, digits and _)")
    placed = {m.group(1) for m in _PLACEHOLDER.finditer(sparql) if m.group(1)} & set(terms)
    if placed:
        def fill(m: re.Match[str]) -> str:
            name = m.group(1)
            return f"VALUES ?{name} {{ {terms[name]} }}" if name in placed else m.group(0)

        sparql = _PLACEHOLDER.sub(fill, sparql)
        terms = {name: term for name, term in terms.items() if name not in placed}
        if not terms:
            return sparql
    first = None
    for m in _BRACE.finditer(sparql):
        if m.group(2) and m.group(1):
            first = m.end()
            break
        if m.group(2) and first is None:
            first = m.end()
    if first is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    return f"{sparql[:first]} {block} {sparql[first:]}"


def graph_data(graph: str, triples: Iterable[tuple[Any, Any, Any]]) -> GraphData:
    """Serialise rdflib triples for `graph`, as kg/rdf/build.py's document_graph() does its own
    statements (ingest never makes rdflib terms: they cost more than the store write)."""
    from .rdf.nquads import from_rdflib, serialise

    return serialise(graph, ((from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in triples))


def refuse_updates(sparql: str) -> None:
    if _UPDATE.match(sparql):
        raise QueryError("kg query runs read-only queries; INSERT, DELETE, DROP and other "
                         "updates are refused (the graph is changed only by ingest and remove)")


DB_DIR = "oxigraph"


def lock_wait() -> float:
    try:
        return float(os.environ.get("KG_LOCK_WAIT") or 60)
    except ValueError as e:
        raise StoreError(f"KG_LOCK_WAIT must be a number of seconds, not "
                         f"'{os.environ['KG_LOCK_WAIT']}'") from e


def create_database(db_path: Path) -> None:
    """Create the database beside its final place, then rename it there: RocksDB writes its
    column families one by one, and a database killed halfway cannot be opened read-only."""
    import pyoxigraph as ox

    new = db_path.with_name(db_path.name + ".new")
    db = ox.Store(str(new))  # another creator holds its lock: the caller waits and retries
    db.flush()
    del db
    try:
        os.rename(new, db_path)
    except OSError:
        if not db_path.is_dir():
            raise
        shutil.rmtree(new, ignore_errors=True)  # another process created it first


# quads per bulk load: well under the loader's chunk of 1,000,000 (see add_new_graphs), and its
# memory (about 1 KB a quad while it sorts) under 200 MB
BULK_QUADS = 200_000
# Bulk loads and removals leave files whose keys overlap the store's; until RocksDB merges them,
# each lookup visits all of them: named queries at 1M triples took 10-45 % longer than after a full
# compaction. A compaction costs time in proportion to the whole store (2-3 s at 1M triples), so
# it runs once the graphs written or removed since the last one reach this share of the sources:
# over many ingests its total cost stays in proportion to what was ingested.
COMPACT_AFTER_CHANGED_SHARE = 0.5


def quad_count(data: GraphData) -> int:
    return data.body.count(b"\n") + data.seal.count(b"\n")


def write_marker(marker: Path, meta: dict[str, Any]) -> None:
    tmp = marker.with_name(f".{MARKER}.tmp{os.getpid()}")  # a killed write leaves the old marker whole
    tmp.write_text(json.dumps(meta))
    os.replace(tmp, marker)


def bulk_groups(graphs: list[GraphData]) -> Iterator[list[GraphData]]:
    """Consecutive runs of whole graphs of at most BULK_QUADS quads each (or one bigger graph)."""
    group: list[GraphData] = []
    size = 0
    for g in graphs:
        if group and size + quad_count(g) > BULK_QUADS:
            yield group
            group, size = [], 0
        group.append(g)
        size += quad_count(g)
    if group:
        yield group


class Store:
    """A kg store directory. Use `Store.open(path)` to read and `Store.open(path, write=True)`."""

    def __init__(self, path: Path, db: Any, writable: bool) -> None:
        self.path, self.db, self.writable = path, db, writable

    @classmethod
    def open(cls, path: str | Path, write: bool = False, wait: float | None = None) -> Store:
        """`wait`: seconds a writer waits for another writer's lock (default: env KG_LOCK_WAIT,
        else 60)."""
        import pyoxigraph as ox

        path = Path(path)
        marker = path / MARKER
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a kg store directory")
        # our own leftovers from a creation that was killed do not make a folder foreign
        if path.is_dir() and not marker.exists() and any(
                p.name not in (DB_DIR, f"{DB_DIR}.new") and not p.name.startswith(f".{MARKER}.tmp")
                for p in path.iterdir()):
            raise StoreError(f"{path} is not a kg store (no {MARKER}); "
                             "point --store at an empty or new directory")
        if not marker.exists():
            if not write:
                raise StoreError(f"no kg store at {path}: run `kg ingest PATH --store {path}` first")
            try:
                path.mkdir(parents=True, exist_ok=True)
                write_marker(marker, {"format": FORMAT_VERSION, "engine": "oxigraph"})
            except OSError as e:
                raise StoreError(f"cannot create a store at {path}: {e.strerror or e}") from e
        cls._check_marker(marker)
        db_path = path / DB_DIR
        if not write:
            if not db_path.is_dir():  # created, but its first ingest stopped before the database was
                return cls(path, ox.Store(), False)
            try:
                return cls(path, ox.Store.read_only(str(db_path)), False)
            except (OSError, RuntimeError) as e:  # RocksDB reports damage as RuntimeError
                raise StoreError(f"cannot open the store at {path}: {e}; if an ingest was killed "
                                 "while creating it, `kg ingest` again completes it, else rebuild "
                                 "it") from e
        if wait is None:
            wait = lock_wait()
        deadline = time.monotonic() + wait
        while True:
            try:
                if not db_path.is_dir():
                    create_database(db_path)
                return cls(path, ox.Store(str(db_path)), True)
            except (OSError, RuntimeError) as e:
                if "lock" not in str(e).lower():
                    raise StoreError(f"cannot open the store at {path}: {e}") from e
                if time.monotonic() >= deadline:
                    raise StoreError(f"the store at {path} is being written by another kg "
                                     f"process (waited {wait:g} s); try again when it is done") from e
                time.sleep(0.2)

    @staticmethod
    def _check_marker(marker: Path) -> dict[str, Any]:
        try:
            meta = json.loads(marker.read_text())
        except (OSError, json.JSONDecodeError) as e:
            raise StoreError(f"{marker} is damaged: {e}") from e
        if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
            raise StoreError(f"{marker}: unsupported store format {meta!r}")
        return meta

    def compact_if_due(self, changed: int) -> bool:
        """Count `changed` graphs (written or removed) and compact the database once they are
        due (COMPACT_AFTER_CHANGED_SHARE). True if it compacted."""
        if changed <= 0:
            return False
        marker = self.path / MARKER
        meta = self._check_marker(marker)
        counted = meta.get("changed_since_compaction", 0)
        pending = (counted if isinstance(counted, int) else 0) + changed  # a hand-edited marker
        sources = sum(1 for _ in self.db.named_graphs())
        due = pending >= COMPACT_AFTER_CHANGED_SHARE * sources
        if due:
            self.db.optimize()
        try:
            write_marker(marker, {**meta, "changed_since_compaction": 0 if due else pending})
        except OSError as e:
            raise StoreError(f"cannot update {marker}: {e.strerror or e}") from e
        return due

    def close(self) -> None:
        if self.writable:
            self.db.flush()
        del self.db

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.db)

    # writing -------------------------------------------------------------------------------

    def source_hash(self, graph: str) -> str | None:
        import pyoxigraph as ox

        from .rdf.vocab import KG
        sha = ox.NamedNode(str(KG.sha256))
        for quad in self.db.quads_for_pattern(None, sha, None, ox.NamedNode(graph)):
            return str(quad.object.value)
        return None

    def replace_graph(self, graph: str, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Drop the graph and add the new triples in one transaction: a crash leaves the old
        version or the new one, never neither (two calls, drop then add, could lose it)."""
        import pyoxigraph as ox

        lines = "".join(f"{ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))} .\n"
                        for s, p, o in triples)
        name = ox.NamedNode(graph)
        self.db.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{lines}}} }}")

    def write_graphs(self, graphs: list[GraphData]) -> None:
        """Write several source graphs: new ones are added, stored ones replaced. After a crash
        each graph is its old version or its new one, never missing, half-written or mixed, and
        a graph without its seal (kg:sha256) is redone by the next ingest."""
        names = [g.graph for g in graphs]
        if len(set(names)) != len(names):
            raise ValueError("a graph can be written once per batch")
        import pyoxigraph as ox

        stored = {name for name in names if self.db.contains_named_graph(ox.NamedNode(name))}
        for group in bulk_groups([g for g in graphs if g.graph not in stored]):
            if sum(quad_count(g) for g in group) <= BULK_QUADS:
                self.add_new_graphs(group)
            else:  # one graph too big for a bulk load to be atomic
                self.db.load(group[0].body + group[0].seal, format=ox.RdfFormat.N_QUADS)
                self.db.flush()  # see replace_graphs
        self.replace_graphs([g for g in graphs if g.graph in stored])

    def add_new_graphs(self, graphs: list[GraphData]) -> None:
        """Add graphs the store does not hold with Oxigraph's bulk loader: it writes sorted files
        that RocksDB takes in as they are, for a third of the CPU of a transaction, which reads
        each index before it writes.

        Crash safety: the loader cuts its input into chunks of 1,000,000 quads and takes each
        chunk into RocksDB in one ingestion of one file per index, which RocksDB commits atomically
        across its column families. A call under BULK_QUADS is a single chunk: after a crash its
        graphs are all there, sealed, or all absent (kill -9 during bulk loads of 20 articles, 36
        times, never left a partial batch). As every graph here is new, none is lost either. Were
        a load ever cut short, a graph would lack its seal, which comes last, and be redone.
        `lenient` skips IRI checks the workers made already (nquads.checked_iri). No flush: the
        files go straight to disk, nothing grows in memory."""
        import pyoxigraph as ox

        self.db.bulk_load(b"".join(g.body + g.seal for g in graphs), format=ox.RdfFormat.N_QUADS,
                          lenient=True)

    def replace_graphs(self, graphs: list[GraphData]) -> None:
        """Drop the graphs and add their new versions in one transaction (a SPARQL update: Oxigraph
        runs all its operations atomically), so a crash leaves each one old or new, never both or
        neither."""
        if not graphs:
            return
        parts = [f"DROP SILENT GRAPH <{g.graph}> ;\n" for g in graphs]
        parts.append("INSERT DATA {\n")
        for g in graphs:
            # N-Quads lines become triples inside GRAPH { }: each ends with " <graph> .", and no
            # line can end so inside a literal (newlines in literals are escaped)
            end = f" <{g.graph}> .\n".encode()
            body = (g.body + g.seal).replace(end, b" .\n").decode("utf-8")
            parts.append(f"GRAPH <{g.graph}> {{\n{body}}}\n")
        parts.append("}")
        self.db.update("".join(parts))
        # without a flush RocksDB keeps every batch in memtables: about 1.2 MB per article, over
        # 1 GB by 1,000 articles; flushed, an ingest stays near 130 MB for 4% more time
        self.db.flush()

    def remove_graph(self, graph: str) -> bool:
        import pyoxigraph as ox

        name = ox.NamedNode(graph)
        if not self.db.contains_named_graph(name):
            return False
        self.db.remove_graph(name)
        return True

    # reading -------------------------------------------------------------------------------

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs())

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run a read-only SPARQL query over the union of all source graphs."""
        import pyoxigraph as ox

        refuse_updates(sparql)
        if bindings:
            sparql = bind_values(sparql, {k: to_oxigraph(v) for k, v in bindings.items()})
        try:
            result = self.db.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax {e}") from e
        except OSError as e:
            raise QueryError(f"query failed: {e}") from e
        if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph 0.5 answers ASK with QueryBoolean
            return QueryResult([], [], bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            # a solution iterates its values in the order of the variables (None when unbound):
            # faster than looking each one up by name
            rows = [dict(zip(names, map(python_value, sol), strict=True)) for sol in result]
            return QueryResult(names, rows)
        triples = list(result)
        return QueryResult(["subject", "predicate", "object"],
                           [{"subject": python_value(t.subject), "predicate": python_value(t.predicate),
                             "object": python_value(t.object)} for t in triples])

    def quads(self, graph: str | None = None) -> Iterator[Any]:
        """All quads, or those of one named graph."""
        import pyoxigraph as ox

        name = ox.NamedNode(graph) if graph is not None else None
        return iter(self.db.quads_for_pattern(None, None, None, name))
