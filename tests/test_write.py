"""The write path: one description of a document's graph serialised for the store, and the store
writing new graphs in bulk and stored ones in a transaction, with the same result."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import store as store_module
from kg.documents import find_documents, load_document
from kg.extract.pipeline import Pipeline
from kg.model import Claim, Document, Entity, Extraction, Sentence, Span
from kg.rdf.build import build_triples, document_graph, graph_iri
from kg.rdf.nquads import GraphData
from kg.store import Store, graph_data

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def graphs() -> list[GraphData]:
    pipeline = Pipeline()
    return [document_graph(pipeline(load_document(p)))
            for p in find_documents([PROJECT / "data" / "corpus"])]


def lines(data: GraphData) -> list[str]:
    return sorted((data.body + data.seal).decode("utf-8").splitlines())


def stored(db: Store) -> set[str]:
    return {str(q) for q in db.quads()}


def test_ingest_stores_what_build_triples_describes() -> None:
    pipeline = Pipeline()
    for path in find_documents([PROJECT / "data" / "corpus"]):
        extraction = pipeline(load_document(path))
        from_rdflib = graph_data(str(graph_iri(extraction.document.id)), build_triples(extraction))
        fast = document_graph(extraction)
        assert lines(fast) == lines(from_rdflib), path.name
        assert fast.seal == from_rdflib.seal and fast.seal.count(b"\n") == 1


def test_bulk_and_transactional_writes_store_the_same(graphs: list[GraphData], tmp_path: Path,
                                                      monkeypatch) -> None:
    with Store.open(tmp_path / "bulk", write=True) as bulk:
        bulk.write_graphs(graphs)
        expected = stored(bulk)
    assert len(expected) == sum(len(lines(g)) for g in graphs)
    # each graph bigger than a bulk load may hold: written in transactions instead
    monkeypatch.setattr(store_module, "BULK_QUADS", 10)
    with Store.open(tmp_path / "large", write=True) as large:
        large.write_graphs(graphs)
        assert stored(large) == expected
    # stored graphs are replaced (here by themselves), new ones added, in one batch
    monkeypatch.undo()
    with Store.open(tmp_path / "mixed", write=True) as mixed:
        mixed.write_graphs(graphs[::2])
        mixed.write_graphs(graphs)
        assert stored(mixed) == expected
        assert all(mixed.source_hash(g.graph) for g in graphs)


def test_bulk_groups_hold_whole_graphs_within_the_limit(graphs: list[GraphData], monkeypatch) -> None:
    sizes = [store_module.quad_count(g) for g in graphs]
    monkeypatch.setattr(store_module, "BULK_QUADS", max(sizes) + 1)
    groups = list(store_module.bulk_groups(graphs))
    assert [g for group in groups for g in group] == graphs
    assert len(groups) > 1
    assert all(sum(store_module.quad_count(g) for g in group) <= max(sizes) + 1 for group in groups)


def test_a_name_that_makes_no_iri_fails_in_the_worker() -> None:
    doc = Document(id="doc", path="doc.txt", text="A owns B.", sha256="0" * 64, title="t")
    a, b = Entity("a b", "A", "Company"), Entity("b", "B", "Product")
    claim = Claim(a, "owns", b, Sentence(Span(0, 9), "A owns B."), "test")
    with pytest.raises(ValueError):
        document_graph(Extraction(doc, claims=(claim,)))


def test_compaction_runs_once_half_the_sources_changed(graphs: list[GraphData], tmp_path: Path,
                                                       monkeypatch) -> None:
    """Compacting costs time in proportion to the store: it waits until the graphs written or
    removed since the last one reach half the sources, and leaves every quad as it was."""
    compactions: list[int] = []
    with Store.open(tmp_path / "store", write=True) as db:
        monkeypatch.setattr(db, "db", _CountingDatabase(db.db, compactions))
        db.write_graphs(graphs)
        expected = stored(db)
        assert db.compact_if_due(len(graphs)) and len(compactions) == 1  # a first ingest
        assert stored(db) == expected
        assert not db.compact_if_due(0)
        small = max(1, len(graphs) // 4)  # a quarter now, another quarter later: due at a half
        assert not db.compact_if_due(small) and len(compactions) == 1
        assert db.compact_if_due(len(graphs) // 2 - small) and len(compactions) == 2
    assert '"changed_since_compaction": 0' in (tmp_path / "store" / store_module.MARKER).read_text()


class _CountingDatabase:
    """Oxigraph's store with its compactions counted."""

    def __init__(self, db, calls: list[int]) -> None:
        self._db, self._calls = db, calls

    def optimize(self) -> None:
        self._calls.append(1)
        self._db.optimize()

    def __getattr__(self, name: str):
        return getattr(self._db, name)
