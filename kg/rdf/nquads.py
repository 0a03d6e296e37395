"""RDF terms as N-Quads text, and a source's named graph serialised for the store.

A document's graph is described once (kg/rdf/build.py) as statements of N-Quads terms: `<iri>`,
`"text"` or `"text"^^<datatype>`. Joining them into lines is then all the serialising there is,
which costs a tenth of making rdflib terms and writing those out. `build_triples()` turns the same
statements into rdflib terms, so what tests and notebooks see is what is stored.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Term = str  # an RDF term in N-Quads syntax
Statement = tuple[Term, Term, Term]

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD_NS + "string"
SEAL_PREDICATE = "<https://w3id.org/dealkg/ns#sha256>"  # kg:sha256; vocab.py's test keeps it in step


@dataclass(frozen=True)
class GraphData:
    """One source's named graph as N-Quads, ready for Store.write_graphs. `seal` holds its
    kg:sha256 quad: source_hash() reads it, so a graph without one is redone by the next ingest."""

    graph: str
    body: bytes
    seal: bytes


class Vocabulary:
    """A namespace's terms as N-Quads IRIs, made on first use: `Vocabulary(KG).Claim` is
    '<https://w3id.org/dealkg/ns#Claim>'. Names are looked up in the rdflib namespace, so a
    DefinedNamespace still refuses a name it does not define."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._terms: dict[str, Term] = {}

    def __getitem__(self, name: str) -> Term:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = f"<{self._namespace[name]}>"
        return term

    def __getattr__(self, name: str) -> Term:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # found in the instance dict from now on
        return term


_checked: dict[str, Term] = {}
CHECKED_KEPT = 100_000  # IRIs remembered per process: entities and rules recur across documents


def checked_iri(value: str) -> Term:
    """`value` as an N-Quads IRI, checked once by Oxigraph's own parser: an IRI minted from a
    name or file stem that Oxigraph would refuse fails here, in the worker, naming its document."""
    term = _checked.get(value)
    if term is None:
        import pyoxigraph as ox

        term = str(ox.NamedNode(value))  # ValueError if it is no IRI
        if len(_checked) >= CHECKED_KEPT:
            _checked.clear()
        _checked[value] = term
    return term


def bare(term: Term) -> str:
    """The IRI inside an IRI term."""
    return term[1:-1]


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal(text: str) -> Term:
    """A plain (xsd:string) literal. N-Quads needs only these four characters escaped."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = text.translate(_ESCAPES)
    return f'"{text}"'


def typed(lexical: str, datatype: Term) -> Term:
    """A literal of `datatype` (an IRI term); xsd:string is written plain, as RDF 1.1 reads it."""
    if datatype == f"<{XSD_STRING}>":
        return literal(lexical)
    return f"{literal(lexical)}^^{datatype}"


def serialise(graph: str, statements: Iterable[Statement]) -> GraphData:
    """The statements as N-Quads lines of `graph`, each once, in the order first given; the seal
    (kg:sha256) apart from the body."""
    end = f" {checked_iri(graph)} .\n"
    body: dict[str, None] = {}  # a dict keeps the first of equal lines, in order
    seal: dict[str, None] = {}
    for s, p, o in statements:
        (seal if p == SEAL_PREDICATE else body)[f"{s} {p} {o}{end}"] = None
    return GraphData(graph, "".join(body).encode(), "".join(seal).encode())


# rdflib terms, both ways ------------------------------------------------------------------------

def from_rdflib(term: Any) -> Term:
    """An rdflib term as N-Quads text (IRIs checked as `checked_iri` does)."""
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        if term.language:
            return f"{literal(str(term))}@{term.language}"
        if term.datatype is None:
            return literal(str(term))
        return typed(str(term), checked_iri(str(term.datatype)))
    if isinstance(term, BNode):
        return f"_:{term}"
    return checked_iri(str(term))


_UNESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\r": "\r"}
_ESCAPED = re.compile(r'\\[\\"nr]')


def to_rdflib(term: Term) -> Any:
    """The rdflib term for N-Quads text written by this module (IRIs and literals, no language)."""
    from rdflib import Literal, URIRef

    if term.startswith("<"):
        return URIRef(bare(term))
    datatype = None
    end = len(term) - 1
    if term.endswith(">"):
        end = term.rindex('"^^<')
        datatype = URIRef(term[end + 4:-1])
    text = _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], term[1:end])
    return Literal(text, datatype=datatype)
