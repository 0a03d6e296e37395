"""The embedded store: one Oxigraph database in a directory, one named graph per source.

Writers take Oxigraph's own lock (a second writer waits, then fails clearly); readers open the
database read-only, so queries never wait for an ingest. Replacing a source is two atomic steps
(drop its graph, add the new one), so a crash leaves each document either fully in or fully out.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import QueryError, StoreError

MARKER = "kg-store.json"
FORMAT_VERSION = 1
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
                     r"(?:INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


@dataclass
class QueryResult:
    """Variables and rows of a SELECT (or the boolean of an ASK), as plain Python values."""

    variables: list[str]
    rows: list[dict[str, Any]]
    boolean: bool | None = None


def to_oxigraph(term: Any) -> Any:
    import pyoxigraph as ox
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


def python_value(term: Any) -> Any:
    """An Oxigraph term as a display value: IRIs as strings, literals as their Python value."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "int", "long"):
            return int(term.value)
        if dt in ("decimal", "double", "float"):
            number = float(term.value)
            return int(number) if number.is_integer() and abs(number) < 1e18 else number
        if dt == "boolean":
            return term.value == "true"
        return term.value
    return term.value


# comments, IRIs and strings are skipped; group 2 is a brace, group 1 the WHERE before it
_BRACE = re.compile(r"#[^\n]*|<[^<>\"{}|^`\\\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
                    r"|(\bWHERE\s*)?(\{)", re.IGNORECASE)


def bind_values(sparql: str, terms: dict[str, Any]) -> str:
    """The query with `VALUES ?name { term }` opening its WHERE clause. Unlike Oxigraph's
    substitutions, this binds variables the query does not project (`--param entity=...`)."""
    first = None
    for m in _BRACE.finditer(sparql):
        if m.group(2) and m.group(1):
            first = m.end()
            break
        if m.group(2) and first is None:
            first = m.end()
    if first is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    bad = [name for name in terms if not re.fullmatch(r"[A-Za-z_]\w*", name)]
    if bad:
        raise QueryError(f"'{bad[0]}' is not a SPARQL variable name (use letters, digits and _)")
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    return f"{sparql[:first]} {block} {sparql[first:]}"


class Store:
    """A kg store directory. Use `Store.open(path)` to read and `Store.open(path, write=True)`."""

    def __init__(self, path: Path, db: Any, writable: bool) -> None:
        self.path, self.db, self.writable = path, db, writable

    @classmethod
    def open(cls, path: str | Path, write: bool = False, wait: float = 60.0) -> Store:
        import pyoxigraph as ox

        path = Path(path)
        marker = path / MARKER
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a kg store directory")
        if path.is_dir() and not marker.exists() and any(path.iterdir()):
            raise StoreError(f"{path} is not a kg store (no {MARKER}); "
                             "point --store at an empty or new directory")
        if not marker.exists():
            if not write:
                raise StoreError(f"no kg store at {path}: run `kg ingest PATH --store {path}` first")
            try:
                path.mkdir(parents=True, exist_ok=True)
                marker.write_text(json.dumps({"format": FORMAT_VERSION, "engine": "oxigraph"}))
            except OSError as e:
                raise StoreError(f"cannot create a store at {path}: {e.strerror or e}") from e
        cls._check_marker(marker)
        db_path = str(path / "oxigraph")
        if not write:
            try:
                return cls(path, ox.Store.read_only(db_path), False)
            except OSError as e:
                raise StoreError(f"cannot open the store at {path}: {e}") from e
        deadline = time.monotonic() + wait
        while True:
            try:
                return cls(path, ox.Store(db_path), True)
            except OSError as e:
                if "lock" not in str(e).lower():
                    raise StoreError(f"cannot open the store at {path}: {e}") from e
                if time.monotonic() >= deadline:
                    raise StoreError(f"the store at {path} is being written by another kg "
                                     f"process (waited {wait:.0f} s); try again when it is done") from e
                time.sleep(0.2)

    @staticmethod
    def _check_marker(marker: Path) -> None:
        try:
            meta = json.loads(marker.read_text())
        except (OSError, json.JSONDecodeError) as e:
            raise StoreError(f"{marker} is damaged: {e}") from e
        if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
            raise StoreError(f"{marker}: unsupported store format {meta!r}")

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
        """Drop the graph if present, then add the new triples in one transaction."""
        import pyoxigraph as ox

        name = ox.NamedNode(graph)
        if self.db.contains_named_graph(name):
            self.db.remove_graph(name)
        self.db.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)
                       for s, p, o in triples)

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

        if _UPDATE.match(sparql):
            raise QueryError("kg query runs read-only queries; INSERT, DELETE, DROP and other "
                             "updates are refused (the graph is changed only by ingest and remove)")
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
            rows = [{n: python_value(sol[n]) for n in names} for sol in result]
            return QueryResult(names, rows)
        triples = list(result)
        return QueryResult(["subject", "predicate", "object"],
                           [{"subject": python_value(t.subject), "predicate": python_value(t.predicate),
                             "object": python_value(t.object)} for t in triples])

    def quads(self) -> Iterator[Any]:
        return iter(self.db.quads_for_pattern(None, None, None, None))
