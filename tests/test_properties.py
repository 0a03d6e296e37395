"""Properties over generated text (hypothesis): extraction never crashes, what is written always
satisfies ontology/shapes.ttl, and an export read back is the same graph.

Bounded to run in well under a minute: few examples each, no deadline (the first example pays
for loading the pipeline), and no example database written into the repository.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.documents import document_from_text
from kg.errors import InputError
from kg.rdf.build import build_triples, graph_iri
from kg.resources import LEXICON_DIR, ONTOLOGY_FILE, SHAPES_FILE
from kg.store import graph_data

# KG_HYPOTHESIS_EXAMPLES=1000 searches harder (locally: minutes, not seconds)
EXAMPLES = int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "60"))
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=1)
def pipeline():
    from kg.extract.pipeline import Pipeline

    return Pipeline()


@lru_cache(maxsize=1)
def lexicon_labels() -> tuple[list[str], list[str]]:
    """Organisations and products of the shipped lexicon, by label."""
    orgs, products = [], []
    for path in sorted(LEXICON_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            row = json.loads(line)
            kind = row["type"]
            if kind in ("Company", "HealthSystem", "Investor", "ResearchInstitute", "GovernmentAgency"):
                orgs.append(row["label"])
            elif kind in ("AIModel", "Platform", "Software", "Product", "Dataset"):
                products.append(row["label"])
    return orgs, products


@lru_cache(maxsize=1)
def shapes():
    from rdflib import Graph

    return Graph().parse(SHAPES_FILE), Graph().parse(ONTOLOGY_FILE)


# --- strategies ----------------------------------------------------------------------------

capitalised = st.from_regex(r"[A-Z][a-z]{1,9}(?: [A-Z][a-z]{1,9}){0,2}", fullmatch=True)
lower = st.sampled_from("the a of and with in for to acquired partnership invested owns announced "
                        "million billion deal said not will plans stake via".split())
punctuation = st.sampled_from(list(".,;:!?'\"()[]{}<>/\\|-–—…$%&*#@^~`+=_") + ["...", "--", "'s", "’s"])
numbers = st.one_of(st.integers(0, 10**12).map(str),
                    st.decimals(0, 10**6, places=2, allow_nan=False).map(lambda d: f"${d} million"),
                    st.integers(0, 100).map(lambda n: f"{n}%"))
# any characters but surrogates: every Unicode category, controls and format marks included
unicode_bits = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
name = st.one_of(st.sampled_from(lexicon_labels()[0] + lexicon_labels()[1]), capitalised)
token = st.one_of(capitalised, lower, punctuation, numbers, unicode_bits, name,
                  st.sampled_from(["\n", "\n\n", "\t", "  ", "\r\n", "\u00a0", "\u200b", "\u202e"]))
prose = st.lists(token, max_size=60).map(" ".join)
long_line = st.tuples(prose, st.integers(1, 40)).map(lambda t: " ".join([t[0] or "word"] * t[1]))
one_line = st.text(max_size=30).map(lambda s: s.replace("\n", " ").replace("\r", " "))
iso_date = st.from_regex(r"(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|1\d|2[0-8]))?)?", fullmatch=True)
header = st.builds(lambda title, date: f"title: {title}\ndate: {date}\n---\n",
                   one_line, st.one_of(iso_date, one_line))
any_text = st.one_of(prose, long_line, st.text(max_size=400),
                     st.tuples(header, prose).map("".join))


def relation_sentence(a: str, b: str, n: int, kind: int) -> str:
    return [f"{a} acquired {b} for ${n} million.",
            f"{a} announced a partnership with {b}.",
            f"{a} invested ${n} million in {b}.",
            f"{b} is owned by {a}.",
            f"{a} did not acquire {b}.",
            f"{a} plans to acquire {b} for ${n} billion in 2021.",
            f"{a} and {b} announced a partnership to build {b} Cloud.",
            f"{a} competes with {b}.",
            f"{b} is available via {a}."][kind]


sentence = st.builds(relation_sentence, name, name, st.integers(1, 5000), st.integers(0, 8))
deal_document = st.tuples(
    st.lists(st.one_of(sentence, sentence, prose), min_size=1, max_size=8),
    st.sampled_from(["", "title: Generated deal news\npublisher: Hypothesis Wire\ndate: 2024-05-06\n---\n"]),
).map(lambda t: t[1] + "\n".join(t[0]) + "\n")


# --- properties ----------------------------------------------------------------------------

@BOUNDED
@given(text=any_text, doc_id=st.text(max_size=20))
def test_any_text_is_ingested_without_crashing(text: str, doc_id: str) -> None:
    try:
        doc = document_from_text(text, doc_id=doc_id or "inline")
    except InputError:
        return  # a header with a bad date is refused cleanly: that is not a crash
    extraction = pipeline()(doc)
    triples = build_triples(extraction)
    graph_data(str(graph_iri(doc.id)), triples)  # every IRI is one Oxigraph accepts
    for claim in extraction.claims:  # the evidence quote is where its offsets say
        span = claim.sentence.span
        assert doc.text[span.start:span.end] == claim.sentence.text


@BOUNDED
@given(text=deal_document)
def test_what_is_written_satisfies_the_shapes(text: str) -> None:
    import pyshacl
    from rdflib import Graph

    doc = document_from_text(text, doc_id="generated")
    triples = build_triples(pipeline()(doc))
    graph = Graph()
    for t in triples:
        graph.add(t)
    shape_graph, ontology = shapes()
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shape_graph, ont_graph=ontology,
                                           inference="none", allow_warnings=True)
    assert conforms, f"{text!r}\n{report}"


@settings(BOUNDED, max_examples=max(EXAMPLES // 2, 1))
@given(texts=st.lists(deal_document, min_size=1, max_size=3))
def test_export_then_import_is_the_same_graph(texts: list[str]) -> None:
    import pyoxigraph as ox
    from rdflib import Dataset, Graph, URIRef
    from rdflib.compare import isomorphic

    from kg.export import serialize, to_rdflib_graph
    from kg.store import Store

    db = Store(Path("memory"), ox.Store(), True)  # the store's own write path, in memory
    for i, text in enumerate(texts):
        doc = document_from_text(text, doc_id=f"doc-{i}")
        db.write_graphs([graph_data(str(graph_iri(doc.id)), build_triples(pipeline()(doc)))])
    quads = list(db.quads())
    union = to_rdflib_graph(quads)

    back = Graph().parse(data=serialize(quads, "turtle").decode("utf-8"), format="turtle")
    assert isomorphic(back, union)

    dataset = Dataset()
    dataset.parse(data=serialize(quads, "trig").decode("utf-8"), format="trig")
    names = {str(q.graph_name.value) for q in quads}
    assert {str(g.identifier) for g in dataset.graphs() if str(g.identifier) in names} == names
    for name in names:
        stored = to_rdflib_graph(q for q in quads if q.graph_name.value == name)
        assert isomorphic(dataset.graph(URIRef(name)), stored), name


@pytest.mark.parametrize("text", [
    "",                      # nothing
    "\u202e\u200b\u00a0",    # only format and space characters
    "A" * 5000,              # one long capitalised word
    "Inc. " * 500,           # a name suffix with no name
    "$$$ 1e999 million %%%",
    "title: x\n---\n",       # a header and nothing else
])
def test_edge_cases(text: str) -> None:
    """Shapes the generators reach only by luck, checked every time."""
    doc = document_from_text(text)
    build_triples(pipeline()(doc))
