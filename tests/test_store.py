"""The store: idempotent re-ingest, replacement of a changed source, removal, order independence."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import api
from kg.cli import cli
from kg.errors import QueryError
from kg.rdf.build import graph_iri
from kg.store import Store

KG = "https://w3id.org/dealkg/ns#"
ID = "https://w3id.org/dealkg/id/entity/"

# Written for these tests: two short articles that share one fact (the partnership).
ALPHA = """title: Lakeside Health and Microsoft strike an AI deal
publisher: Prairie Health Times
date: 2026-05-14
---
Mayo Clinic and Microsoft announced a partnership to co-develop a frontier healthcare AI model.
The model will be owned by Mayo Clinic, not Microsoft.
"""
BETA = """title: A week of health tech deals
publisher: Quarterly Care Review
date: 2026-05-20
---
Oracle acquired Cerner for $28.3 billion in 2022.
Mayo Clinic and Microsoft announced a partnership this spring.
"""
ALPHA_EDITED = """title: Lakeside Health and Microsoft strike an AI deal
publisher: Prairie Health Times
date: 2026-05-14
---
Mayo Clinic and Microsoft announced a partnership to co-develop a frontier healthcare AI model.
Mercy partnered with Mayo Clinic last year.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.txt").write_text(BETA, encoding="utf-8")
    return folder


def has_edge(store: Path, subject: str, relation: str, obj: str) -> bool:
    result = api.query(f"ASK {{ <{ID}{subject}> <{KG}{relation}> <{ID}{obj}> }}", store=store)
    return bool(result.boolean)


def graph_quads(store: Path, doc_id: str) -> set[str]:
    import pyoxigraph as ox

    with Store.open(store) as db:
        name = ox.NamedNode(str(graph_iri(doc_id)))
        return {str(q) for q in db.db.quads_for_pattern(None, None, None, name)}


def nquads(store: Path) -> bytes:
    return api.export(fmt="nquads", store=store)


def test_reingesting_an_unchanged_document_changes_nothing(corpus: Path, kg_home: Path) -> None:
    first = api.ingest([corpus])
    assert (first.added, first.replaced, first.unchanged) == (2, 0, 0)
    with Store.open(kg_home) as db:
        triples = len(db)
    dump = nquads(kg_home)

    again = api.ingest([corpus])
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
    assert again.facts == 0  # nothing was extracted a second time
    with Store.open(kg_home) as db:
        assert len(db) == triples
    assert nquads(kg_home) == dump


def test_a_changed_document_replaces_only_its_own_graph(corpus: Path, kg_home: Path) -> None:
    api.ingest([corpus])
    assert has_edge(kg_home, "mayo-clinic", "owns", "mayo-frontier-model")
    beta_before = graph_quads(kg_home, "beta")

    (corpus / "alpha.txt").write_text(ALPHA_EDITED, encoding="utf-8")
    report = api.ingest([corpus])

    assert (report.added, report.replaced, report.unchanged) == (0, 1, 1)
    assert not has_edge(kg_home, "mayo-clinic", "owns", "mayo-frontier-model")  # old fact gone
    assert has_edge(kg_home, "mayo-clinic", "partnersWith", "mercy")  # new fact in
    assert has_edge(kg_home, "oracle", "acquired", "cerner")  # the other source untouched
    assert graph_quads(kg_home, "beta") == beta_before
    denied = api.query(name="denied", store=kg_home)
    assert not any(r["source"] == "alpha" for r in denied.rows)  # the old denial went too


def test_sources_lists_each_source_with_its_counts(corpus: Path, kg_home: Path, runner) -> None:
    api.ingest([corpus])
    result = runner.invoke(cli, ["sources", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["source"]: row for row in json.loads(result.stdout)}
    assert sorted(rows) == ["alpha", "beta"]
    assert rows["alpha"]["title"] == "Lakeside Health and Microsoft strike an AI deal"
    assert rows["beta"]["publisher"] == "Quarterly Care Review"
    for doc_id, row in rows.items():
        counted = api.query(
            f"SELECT (COUNT(DISTINCT ?c) AS ?n) ?pol WHERE {{ GRAPH <{graph_iri(doc_id)}> "
            f"{{ ?c a <{KG}Claim> ; <{KG}polarity> ?pol }} }} GROUP BY ?pol", store=kg_home)
        by_polarity = {r["pol"].rsplit("#", 1)[-1]: r["n"] for r in counted.rows}
        assert row["facts"] == by_polarity.get("Asserted", 0) > 0
        assert row["denials"] == by_polarity.get("Denied", 0)
    assert rows["alpha"]["denials"] == 1  # "not Microsoft"

    table = runner.invoke(cli, ["sources"])
    assert table.exit_code == 0
    assert "alpha" in table.stdout and "beta" in table.stdout and "(2 rows)" in table.stdout


def test_remove_retracts_one_source(corpus: Path, kg_home: Path, runner) -> None:
    api.ingest([corpus])
    assert has_edge(kg_home, "mayo-clinic", "partnersWith", "microsoft")

    result = runner.invoke(cli, ["remove", str(corpus / "alpha.txt")])
    assert result.exit_code == 0, result.output
    assert result.stdout == "removed alpha\n"

    assert not has_edge(kg_home, "mayo-clinic", "owns", "mayo-frontier-model")  # only alpha said it
    assert has_edge(kg_home, "mayo-clinic", "partnersWith", "microsoft")  # beta says it too
    assert has_edge(kg_home, "oracle", "acquired", "cerner")
    assert graph_quads(kg_home, "alpha") == set()
    assert [r["source"] for r in api.sources(store=kg_home).rows] == ["beta"]


def test_removing_an_unknown_source_fails_and_changes_nothing(corpus: Path, kg_home: Path,
                                                             runner) -> None:
    api.ingest([corpus])
    before = nquads(kg_home)
    result = runner.invoke(cli, ["remove", "gamma"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no source 'gamma' in the store (see `kg sources`)\n"
    assert nquads(kg_home) == before


def test_an_unreadable_file_is_reported_and_the_store_is_unchanged(corpus: Path, kg_home: Path,
                                                                   runner) -> None:
    api.ingest([corpus])
    before = nquads(kg_home)
    (corpus / "zeta.txt").write_bytes(b"%PDF-1.7 not really text")
    result = runner.invoke(cli, ["ingest", str(corpus)])
    assert result.exit_code == 1
    assert "zeta.txt: binary file" in result.stderr
    assert nquads(kg_home) == before


def trig_dataset(store: Path) -> Dataset:
    ds = Dataset()
    ds.parse(data=api.export(fmt="trig", store=store), format="trig")
    return ds


def assert_same_dataset(a: Dataset, b: Dataset) -> None:
    names_a = {g.identifier for g in a.graphs() if isinstance(g.identifier, URIRef)}
    names_b = {g.identifier for g in b.graphs() if isinstance(g.identifier, URIRef)}
    assert names_a == names_b
    for name in names_a:
        ga, gb = a.graph(name), b.graph(name)
        if not isomorphic(ga, gb):
            _, only_a, only_b = graph_diff(to_isomorphic(ga), to_isomorphic(gb))
            pytest.fail(f"{name} differs:\nonly in first:\n{only_a.serialize(format='nt')}\n"
                        f"only in second:\n{only_b.serialize(format='nt')}")


def test_ingest_order_and_repetition_give_the_same_graph(corpus: Path, tmp_path: Path) -> None:
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    api.ingest([corpus / "alpha.txt"], store=forward)
    api.ingest([corpus / "beta.txt"], store=forward)
    api.ingest([corpus / "beta.txt"], store=backward)
    api.ingest([corpus / "alpha.txt"], store=backward)
    api.ingest([corpus / "beta.txt", corpus / "alpha.txt"], store=backward)  # a second time

    a, b = trig_dataset(forward), trig_dataset(backward)
    assert len(list(a.graphs())) > 2
    assert_same_dataset(a, b)


def test_a_store_directory_of_something_else_is_refused(tmp_path: Path, runner) -> None:
    other = tmp_path / "not-a-store"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["stats", "--store", str(other)])
    assert result.exit_code == 1
    assert "is not a kg store" in result.stderr
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("query, expected", [
    # a brace in a comment, an IRI or a string before the WHERE clause is not the clause
    ("# {not this}\nSELECT ?x WHERE { ?x <urn:p> ?entity }",
     "# {not this}\nSELECT ?x WHERE { VALUES ?entity { \"Mayo\" } ?x <urn:p> ?entity }"),
    ("SELECT ?x (\"{\" AS ?b) WHERE { ?x <urn:p> ?entity }",
     "SELECT ?x (\"{\" AS ?b) WHERE { VALUES ?entity { \"Mayo\" } ?x <urn:p> ?entity }"),
    ("CONSTRUCT { ?x <urn:q> ?entity } WHERE { ?x <urn:p> ?entity }",
     "CONSTRUCT { ?x <urn:q> ?entity } WHERE { VALUES ?entity { \"Mayo\" } ?x <urn:p> ?entity }"),
    ("SELECT * { ?x <urn:p> ?entity }", "SELECT * { VALUES ?entity { \"Mayo\" } ?x <urn:p> ?entity }"),
])
def test_parameters_open_the_where_clause(query: str, expected: str) -> None:
    import pyoxigraph as ox

    from kg.store import bind_values

    bound = bind_values(query, {"entity": ox.Literal("Mayo")})
    assert bound.split() == expected.split()  # the same tokens; spacing may differ


def test_parameters_bind_unprojected_variables(corpus: Path, kg_home: Path) -> None:
    api.ingest([corpus])
    query = ("SELECT ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label . "
             "FILTER(?label = ?name) }")
    rows = api.query(query, params={"name": "Cerner"}, store=kg_home).rows
    assert rows and {r["label"] for r in rows} == {"Cerner"}
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        api.query(query, params={"name } ?x": "Cerner"}, store=kg_home)
