"""Exports re-parse into what the store holds; `kg validate` accepts what kg writes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import api
from kg.cli import cli
from kg.export import to_rdflib_graph
from kg.resources import DEMO_CORPUS_DIR
from kg.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("export") / "store"
    report = api.ingest([DEMO_CORPUS_DIR], store=store)
    assert report.documents >= 8 and not report.failed
    return store


def union_graph(store: Path) -> Graph:
    with Store.open(store) as db:
        return to_rdflib_graph(db.quads())


def source_graphs(store: Path) -> dict[str, Graph]:
    """Each named graph of the store as an rdflib Graph, read straight from Oxigraph."""
    with Store.open(store) as db:
        quads = list(db.quads())
    names = sorted({q.graph_name.value for q in quads})
    return {n: to_rdflib_graph(q for q in quads if q.graph_name.value == n) for n in names}


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    pytest.fail(f"graphs differ: {len(only_expected)} triples only in the store, "
                f"{len(only_actual)} only in the export, e.g.\n"
                f"{only_expected.serialize(format='nt')[:1500]}\n---\n"
                f"{only_actual.serialize(format='nt')[:1500]}")


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("nt", "nt"),
                                                 ("json-ld", "json-ld")])
def test_triple_formats_hold_the_union_of_the_sources(demo: Path, fmt: str,
                                                      rdflib_format: str) -> None:
    data = api.export(fmt=fmt, store=demo)
    parsed = Graph().parse(data=data, format=rdflib_format)
    expected = union_graph(demo)
    assert len(parsed) == len(expected) > 1000
    assert_isomorphic(expected, parsed)


def test_trig_keeps_one_named_graph_per_source(demo: Path) -> None:
    ds = Dataset()
    ds.parse(data=api.export(fmt="trig", store=demo), format="trig")
    exported = {str(g.identifier): g for g in ds.graphs()
                if isinstance(g.identifier, URIRef) and len(g)}
    expected = source_graphs(demo)
    sources = [r["source"] for r in api.sources(store=demo).rows]
    assert len(expected) == len(sources) == len(list(DEMO_CORPUS_DIR.iterdir()))
    assert sorted(exported) == sorted(expected)
    assert len(ds.default_graph) == 0  # nothing outside a source's graph
    for name, graph in expected.items():
        assert_isomorphic(graph, exported[name])


def test_nquads_keep_every_quad(demo: Path) -> None:
    ds = Dataset()
    ds.parse(data=api.export(fmt="nquads", store=demo), format="nquads")
    with Store.open(demo) as db:
        assert sum(len(g) for g in ds.graphs()) == len(db)


def test_jsonld_is_json(demo: Path) -> None:
    document = json.loads(api.export(fmt="json-ld", store=demo))
    assert document  # a list of nodes, or an object with @graph


@pytest.mark.parametrize("suffix, rdflib_format", [(".ttl", "turtle"), (".trig", "trig"),
                                                   (".nt", "nt"), (".nq", "nquads"),
                                                   (".jsonld", "json-ld")])
def test_the_file_suffix_picks_the_format(demo: Path, tmp_path: Path, runner, suffix: str,
                                          rdflib_format: str) -> None:
    out = tmp_path / f"kg{suffix}"
    result = runner.invoke(cli, ["export", "--store", str(demo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {out} (")
    ds = Dataset()
    ds.parse(out, format=rdflib_format)
    assert sum(len(g) for g in ds.graphs()) > 1000


def test_an_unknown_export_format_lists_the_known_ones(demo: Path, runner) -> None:
    result = runner.invoke(cli, ["export", "--store", str(demo), "--format", "rdfxml"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: unknown export format 'rdfxml' "
                             "(known: turtle, trig, nt, nquads, json-ld, graphml, gexf)\n")


def test_validate_passes_on_the_demo_corpus(demo: Path, runner) -> None:
    result = runner.invoke(cli, ["validate", "--store", str(demo)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"conforms: {len(union_graph(demo))} triples satisfy ontology/shapes.ttl\n"


def test_validate_passes_on_the_seeds(shared: Path, tmp_path: Path, runner) -> None:
    store = tmp_path / "seeds"
    api.ingest([shared / "corpus" / "seeds"], store=store)
    result = runner.invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms: ")


def test_validate_fails_on_a_claim_without_evidence(tmp_path: Path, runner) -> None:
    from rdflib import Literal
    from rdflib.namespace import PROV, RDF

    from kg.rdf.vocab import ID, KG

    claim, source = ID["claim/broken"], ID["source/broken"]
    triples = [(source, RDF.type, KG.Source), (source, URIRef("http://purl.org/dc/terms/title"),
                                                Literal("Broken")),
               (claim, RDF.type, KG.Claim), (claim, RDF.subject, ID["entity/a"]),
               (claim, RDF.predicate, KG.owns), (claim, RDF.object, ID["entity/b"]),
               (claim, PROV.wasDerivedFrom, source)]
    store = tmp_path / "broken"
    with Store.open(store, write=True) as db:
        db.replace_graph(str(ID["graph/broken"]), triples)
    result = runner.invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.stdout
    assert result.stderr == "Error: the graph does not conform to ontology/shapes.ttl\n"
