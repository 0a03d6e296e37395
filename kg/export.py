"""Serialise store quads: named graphs kept (TriG, N-Quads) or merged into one graph."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

QUAD_FORMATS = {"trig", "nquads"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def serialize(quads: Iterable[Any], fmt: str) -> bytes:
    """Bytes in `fmt`; triple formats get the union of all source graphs, without duplicates."""
    import pyoxigraph as ox

    from .rdf.vocab import ID, KG_NS

    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
               "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "json-ld": ox.RdfFormat.JSON_LD}
    quads = list(quads)
    items: list[Any]
    if fmt in QUAD_FORMATS:
        items = sorted(quads, key=str)
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    prefixes = {"kg": KG_NS, "id": str(ID), "prov": "http://www.w3.org/ns/prov#",
                "dcterms": "http://purl.org/dc/terms/", "schema": "https://schema.org/",
                "skos": "http://www.w3.org/2004/02/skos/core#", "oa": "http://www.w3.org/ns/oa#",
                "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "xsd": "http://www.w3.org/2001/XMLSchema#", "wd": "http://www.wikidata.org/entity/"}
    if fmt in ("nt", "nquads"):
        prefixes = {}
    out = ox.serialize(items, format=formats[fmt], prefixes=prefixes or None)
    return out if isinstance(out, bytes) else b""


def to_rdflib_graph(quads: Iterable[Any]) -> Any:
    """The union of the quads as an rdflib Graph (for SHACL and other rdflib tools)."""
    import pyoxigraph as ox
    from rdflib import Graph, Literal, URIRef
    from rdflib.term import BNode

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            if t.datatype.value == XSD_STRING:  # RDF 1.1 simple literal, as rdflib parses it
                return Literal(t.value)
            return Literal(t.value, datatype=URIRef(t.datatype.value))
        return BNode(t.value)

    graph = Graph()
    for q in quads:
        graph.add((term(q.subject), term(q.predicate), term(q.object)))
    return graph
