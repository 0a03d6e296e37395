"""ontology/deal.ttl, the KG namespace in kg/rdf/vocab.py and ontology/shapes.ttl agree."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.vocab import KG, KG_NS, ORG, RELATIONS, SYMMETRIC
from kg.resources import ONTOLOGY_FILE, SHAPES_FILE

WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


def declared_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def defined_terms(ontology: Graph) -> set[str]:
    return {str(s)[len(KG_NS):] for s in ontology.subjects()
            if isinstance(s, URIRef) and str(s).startswith(KG_NS)}


def test_every_vocab_term_is_defined_in_the_ontology(ontology: Graph) -> None:
    assert declared_terms() - defined_terms(ontology) == set()


def test_every_ontology_term_is_in_the_vocab(ontology: Graph) -> None:
    assert defined_terms(ontology) - declared_terms() == set()


def test_an_undeclared_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        KG.ownz  # noqa: B018  (a typo must fail, not mint a new IRI)


def test_every_term_has_a_label_and_a_comment(ontology: Graph) -> None:
    missing = [(name, what) for name in sorted(defined_terms(ontology))
               for what, prop in (("label", RDFS.label), ("comment", RDFS.comment))
               if ontology.value(KG[name], prop) is None]
    assert missing == []


def test_the_relations_are_object_properties(ontology: Graph) -> None:
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    assert {KG[r] for r in RELATIONS} <= properties
    assert set(ontology.subjects(RDF.type, OWL.SymmetricProperty)) == {KG[r] for r in SYMMETRIC}


def test_owns_aligns_with_wikidata_in_both_directions(ontology: Graph) -> None:
    assert (KG.owns, OWL.equivalentProperty, WDT.P1830) in ontology
    assert (KG.owns, OWL.inverseOf, KG.ownedBy) in ontology
    assert (KG.ownedBy, OWL.equivalentProperty, WDT.P127) in ontology


@pytest.mark.parametrize("relation, wikidata", [("develops", "P178"), ("distributes", "P750")])
def test_develops_and_distributes_link_to_wikidata_inverses(ontology: Graph, relation: str,
                                                            wikidata: str) -> None:
    """Wikidata states these from the product's side (developer P178, distributed by P750)."""
    assert (KG[relation], RDFS.seeAlso, WDT[wikidata]) in ontology
    inverses = [ontology.value(node, OWL.inverseOf)
                for node in ontology.objects(KG[relation], SKOS.closeMatch) if isinstance(node, BNode)]
    assert WDT[wikidata] in inverses


@pytest.mark.parametrize("relation, wikidata", [("partnersWith", "P2652"), ("deploys", "P2283"),
                                                ("availableVia", "P400")])
def test_close_matches(ontology: Graph, relation: str, wikidata: str) -> None:
    assert (KG[relation], SKOS.closeMatch, WDT[wikidata]) in ontology


@pytest.mark.parametrize("relation", ["partnersWith", "competesWith"])
def test_symmetric_relations_specialise_org_linked_to(ontology: Graph, relation: str) -> None:
    assert (KG[relation], RDF.type, OWL.SymmetricProperty) in ontology
    assert (KG[relation], RDFS.subPropertyOf, ORG.linkedTo) in ontology


def test_shapes_target_the_core_classes(shapes: Graph) -> None:
    targets = set(shapes.objects(None, SH.targetClass))
    assert {KG.Claim, KG.Figure, KG.Source, KG.Deal} <= targets


def test_claim_shape_allows_exactly_the_relations(shapes: Graph) -> None:
    claim_shape = shapes.value(predicate=SH.targetClass, object=KG.Claim)
    allowed = None
    for prop in shapes.objects(claim_shape, SH.property):
        if shapes.value(prop, SH.path) == RDF.predicate:
            allowed = set(Collection(shapes, shapes.value(prop, SH["in"])))
    assert allowed == {KG[r] for r in RELATIONS}


def test_shapes_only_use_defined_kg_terms(ontology: Graph, shapes: Graph) -> None:
    used = {str(t)[len(KG_NS):] for triple in shapes for t in triple
            if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    assert used - defined_terms(ontology) == set()


def test_listing_queries_name_every_modality(ontology: Graph) -> None:
    """The listings spell the modalities out (GROUP_CONCAT's order differs between engines): a
    modality added to the ontology must be added to them too, or its claims would list none."""
    from kg import api

    modalities = {str(m)[len(KG_NS):] for m in ontology.subjects(RDF.type, KG.Modality)}
    listings = {name: path.read_text(encoding="utf-8") for name, path in api.named_queries().items()
                if "?m = kg:" in path.read_text(encoding="utf-8")}
    assert len(listings) >= 9 and len(modalities) >= 3
    for name, text in listings.items():
        assert {m for m in modalities if f"?m = kg:{m}," in text} == modalities, name
