"""`kg ingest --jobs N`: workers extract, the parent writes; the store is the same for any N."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import api
from kg.errors import ExtractionError
from kg.rdf.build import graph_iri
from kg.store import GraphData, Store, graph_data

PROJECT = Path(__file__).resolve().parent.parent

# Written for these tests: a second file whose stem repeats an article's (it is refused).
REPEATED = """title: Mercy and Microsoft sign a deal
publisher: Prairie Health Times
date: 2026-05-02
---
Mercy partnered with Microsoft to deploy Nuance DAX across its hospitals.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The demo corpus, a repeated document id and a file that cannot be read."""
    root = tmp_path_factory.mktemp("parallel")
    demo = root / "demo"
    shutil.copytree(PROJECT / "data" / "corpus", demo)
    again = root / "zz-again"
    again.mkdir()
    first = sorted(p for p in demo.iterdir() if p.suffix == ".txt")[0]
    (again / first.name).write_text(REPEATED, encoding="utf-8")
    (again / "broken.txt").write_bytes(b"%PDF-1.4 not text")
    return [demo, again]


@pytest.fixture(scope="module")
def stores(corpus: list[Path],
           tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, api.IngestReport]]:
    root = tmp_path_factory.mktemp("stores")
    out = {}
    for jobs in (1, 2):
        store = root / f"jobs{jobs}"
        out[jobs] = store, api.ingest(corpus, store=store, jobs=jobs)
    return out


def quads(store: Path) -> set[str]:
    with Store.open(store) as db:
        return {str(q) for q in db.quads()}


def test_two_jobs_build_the_same_store_as_one(stores) -> None:
    one, two = stores[1][0], stores[2][0]
    assert quads(one) == quads(two)  # no blank nodes: equal N-Quads is isomorphism, graph by graph
    merged = [Graph().parse(data=api.export(fmt="turtle", store=s), format="turtle") for s in (one, two)]
    assert len(merged[0]) > 500
    assert isomorphic(merged[0], merged[1])


def test_reports_agree(stores, corpus: list[Path]) -> None:
    one, two = stores[1][1], stores[2][1]
    fields = ("documents", "added", "replaced", "unchanged", "entities", "facts", "denied", "figures",
              "bytes", "failed")
    assert {f: getattr(one, f) for f in fields} == {f: getattr(two, f) for f in fields}
    assert one.replaced == 0
    repeated = sorted(p for p in corpus[0].iterdir() if p.suffix == ".txt")[0].name
    assert sorted(Path(p).name for p, _ in two.failed) == sorted(["broken.txt", repeated])


def test_a_repeated_id_keeps_the_first_file(stores, corpus: list[Path]) -> None:
    doc_id = sorted(p for p in corpus[0].iterdir() if p.suffix == ".txt")[0].stem
    for store, _ in stores.values():
        rows = api.query(name="sources", store=store).rows
        titles = {r["source"]: r["title"] for r in rows}
        assert titles[doc_id] != "Mercy and Microsoft sign a deal"


def test_unchanged_documents_start_no_worker(tmp_path: Path, monkeypatch) -> None:
    from kg import parallel

    demo = PROJECT / "data" / "corpus"
    store = tmp_path / "store"
    first = api.ingest([demo], store=store)
    before = quads(store)

    def refuse(self) -> None:
        raise AssertionError("nothing changed: no extraction may start")

    monkeypatch.setattr(parallel.Extractor, "start", refuse)
    report = api.ingest([demo], store=store, jobs=2)
    assert report.unchanged == report.documents == first.added
    assert quads(store) == before


def test_an_unsealed_graph_is_replaced(tmp_path: Path) -> None:
    """A crash between the bulk write and the seals leaves a graph without its sha256: the next
    ingest must redo it rather than skip it."""
    article = PROJECT / "data" / "corpus" / "05-market-note.txt"
    store = tmp_path / "store"
    api.ingest([article], store=store)
    complete = quads(store)
    graph = str(graph_iri(article.stem))
    with Store.open(store, write=True) as db:
        partial = [q for q in db.quads() if "sha256" not in q.predicate.value]
        data = b"".join(str(q).encode() + b" .\n" for q in partial)
        db.write_graphs([GraphData(graph, data, b"")])
        assert db.source_hash(graph) is None
    report = api.ingest([article], store=store)
    assert (report.added, report.unchanged) == (1, 0)
    assert quads(store) == complete


def test_graph_data_writes_what_replace_graph_writes(tmp_path: Path) -> None:
    subject = URIRef("https://w3id.org/dealkg/id/entity/x")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    triples = [(subject, label, Literal('say "hi" \\ back\nslash\r\ttab é 😀', lang="en")),
               (subject, label, Literal("plain")),
               (subject, URIRef("https://w3id.org/dealkg/ns#value"), Literal("2.5", datatype=URIRef(
                   "http://www.w3.org/2001/XMLSchema#decimal"))),
               (subject, URIRef("https://w3id.org/dealkg/ns#discovered"), Literal(True))]
    graph = "https://w3id.org/dealkg/id/graph/x"
    with Store.open(tmp_path / "a", write=True) as a, Store.open(tmp_path / "b", write=True) as b:
        a.replace_graph(graph, triples)
        b.write_graphs([graph_data(graph, triples)])
        assert {str(q) for q in a.quads()} == {str(q) for q in b.quads()}


def test_a_bad_iri_fails_before_the_write() -> None:
    bad = [(URIRef("https://w3id.org/dealkg/id/entity/a b"), URIRef("http://x/p"), Literal("v"))]
    with pytest.raises(ValueError):
        graph_data("https://w3id.org/dealkg/id/graph/x", bad)


def test_an_extraction_error_survives_the_trip_from_a_worker() -> None:
    error = ExtractionError("relations", "doc-1", KeyError("slot"))
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is ExtractionError
    assert (str(back), back.stage, back.doc_id) == (str(error), "relations", "doc-1")


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="jobs"):
        api.ingest([PROJECT / "data" / "corpus"], store=tmp_path / "s", jobs=0)


def test_cli_jobs_option(runner, tmp_path: Path, monkeypatch) -> None:
    from kg.cli import cli

    seen = {}

    def fake_ingest(paths, **options) -> api.IngestReport:
        seen.update(options)
        return api.IngestReport(documents=1, added=1)

    monkeypatch.setattr(api, "ingest", fake_ingest)
    article = PROJECT / "data" / "corpus" / "05-market-note.txt"
    result = runner.invoke(cli, ["ingest", str(article), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert seen["jobs"] == 2
    assert runner.invoke(cli, ["ingest", str(article), "--jobs", "0"]).exit_code == 2


def test_a_stage_that_breaks_on_one_document_skips_only_that_one(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import parallel
    from kg.extract.pipeline import Pipeline

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a", "c"):
        (folder / f"{name}.txt").write_text(REPEATED, encoding="utf-8")
    (folder / "b.txt").write_text(REPEATED.replace("Mercy partnered", "Mercy (TRIP) partnered"),
                                  encoding="utf-8")
    original = Pipeline._relations

    def breaks_on_trip(self: Pipeline, ctx: object) -> None:
        if "TRIP" in ctx.document.text:  # type: ignore[attr-defined]
            raise KeyError("a bug in a pattern")
        original(self, ctx)

    monkeypatch.setattr(Pipeline, "_relations", breaks_on_trip)
    monkeypatch.setattr(parallel, "_pipeline", None)
    store = tmp_path / "store"
    report = api.ingest([folder], store=store, jobs=1)
    monkeypatch.setattr(parallel, "_pipeline", None)  # not kept for later tests: it was patched
    assert [(Path(p).name, "stage 'relations'" in m) for p, m in report.failed] == [("b.txt", True)]
    assert report.added == 2
    with Store.open(store) as db:
        assert sorted(g.rsplit("/", 1)[-1] for g in db.graphs()) == ["a", "c"]
