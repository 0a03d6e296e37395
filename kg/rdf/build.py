"""Extraction -> the statements of the source's named graph, with provenance on every fact.

Every IRI is minted from content (entity names, document id, offsets), never from counters or
clocks, so the same input gives the same graph whatever the order of ingestion.

The graph is described once, as statements of N-Quads terms (kg/rdf/nquads.py): `document_graph()`
joins them into what the store loads, `build_triples()` makes rdflib triples of them. In this
module RDF, KG, OA... are therefore the vocabularies as N-Quads text, not rdflib namespaces.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib import namespace as ns

from ..model import Claim, Document, Entity, Extraction, Figure, Sentence, Span
from . import vocab
from .nquads import (
    GraphData,
    Statement,
    Term,
    Vocabulary,
    bare,
    checked_iri,
    literal,
    serialise,
    to_rdflib,
    typed,
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]

DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD = (Vocabulary(n) for n in (
    ns.DCTERMS, ns.PROV, ns.RDF, ns.RDFS, ns.SDO, ns.SKOS, ns.XSD))
KG, OA = Vocabulary(vocab.KG), Vocabulary(vocab.OA)

POLARITY = {"asserted": KG.Asserted, "denied": KG.Denied}
MODALITY = {"actual": KG.Actual, "planned": KG.Planned, "reported": KG.Reported}
QUALIFIER = {"approximately": KG.Approximately, "atLeast": KG.AtLeast, "atMost": KG.AtMost,
             "range": KG.Range}
DEAL_KINDS = {"partnersWith": (KG.Partnership, KG.PartnerRole, KG.PartnerRole),
              "acquired": (KG.Acquisition, KG.AcquirerRole, KG.AcquiredRole),
              "investsIn": (KG.Investment, KG.InvestorRole, KG.InvesteeRole)}
ROLE_OF = {"owns": KG.OwnerRole, "develops": KG.DeveloperRole, "distributes": KG.DistributorRole,
           "deploys": KG.DeployerRole}
DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
TRUE = typed("true", XSD.boolean)
_YEAR = re.compile(r"\b(?:in|since|during|from)\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def graph_iri(doc_id: str) -> URIRef:
    return vocab.ID[f"graph/{doc_id}"]


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


# the IRIs minted from names and file stems are checked by Oxigraph (once each, in nquads.py);
# those minted from a checked IRI plus digits, hex digests or vocabulary names need no check

def source_term(doc: Document) -> Term:
    return checked_iri(f"{vocab.ID}source/{doc.id}")


def entity_term(entity: Entity) -> Term:
    return checked_iri(f"{vocab.ID}entity/{entity.id}")


def rule_term(rule: str) -> Term:
    return checked_iri(f"{vocab.ID}rule/{rule}")


def minted(kind: str, hex_digest: str) -> Term:
    return f"<{vocab.ID}{kind}/{hex_digest}>"


def decimal(value: float) -> Term:
    return typed(format(Decimal(repr(value)).normalize(), "f"), XSD.decimal)


def integer(value: int) -> Term:
    return typed(str(value), XSD.integer)


def date_literal(value: str) -> Term:
    return typed(value, DATE_TYPES.get(len(value), XSD.string))


# one description of the graph ------------------------------------------------------------------

def document_graph(extraction: Extraction) -> GraphData:
    """The document's named graph as N-Quads, ready for Store.write_graphs."""
    return serialise(str(graph_iri(extraction.document.id)), statements(extraction))


def build_triples(extraction: Extraction) -> list[Triple]:
    """All triples of one document's named graph, as rdflib terms: the statements document_graph()
    stores, each once, in a deterministic order."""
    unique = dict.fromkeys(statements(extraction))
    triples = [(to_rdflib(s), to_rdflib(p), to_rdflib(o)) for s, p, o in unique]
    return sorted(triples, key=triple_order)


def triple_order(triple: Triple) -> tuple[str, str, bool, str]:
    """A deterministic order on plain strings: rdflib's own term comparison runs in Python."""
    s, p, o = triple
    return str(s), str(p), isinstance(o, Literal), str(o)


def statements(extraction: Extraction) -> list[Statement]:
    """All statements of one document's named graph (some more than once)."""
    doc = extraction.document
    src = source_term(doc)
    out: list[Statement] = list(source_statements(doc, src))
    entities: dict[str, Entity] = {}
    rules: set[str] = set()
    for claim in extraction.claims:
        out += claim_statements(claim, doc, src)
        entities.setdefault(claim.subject.id, claim.subject)
        entities.setdefault(claim.object.id, claim.object)
        rules.add(claim.rule)
    figure_nodes: dict[int, Term] = {}
    for i, figure in enumerate(extraction.figures):
        node, figure_statements = build_figure(figure, doc, src)
        figure_nodes[i] = node
        out += figure_statements
        entities.setdefault(figure.about.id, figure.about)
        rules.add(figure.rule)
    out += deal_statements(extraction, figure_nodes, src)
    for entity in entities.values():
        out += entity_statements(entity)
    for rule in sorted(rules):
        node = rule_term(rule)
        out += [(node, RDF.type, KG.Rule), (node, RDFS.label, literal(rule))]
    return out


def source_statements(doc: Document, src: Term) -> Iterator[Statement]:
    yield src, RDF.type, KG.Source
    yield src, RDF.type, SDO.NewsArticle
    yield src, DCTERMS.title, literal(doc.title)
    yield src, RDFS.label, literal(doc.title)
    yield src, DCTERMS.identifier, literal(doc.id)
    yield src, DCTERMS.source, literal(doc.path.rsplit("/", 1)[-1])
    yield src, DCTERMS.format, literal(doc.media_type)
    yield src, KG.sha256, literal(doc.sha256)
    if doc.publisher:
        yield src, DCTERMS.publisher, literal(doc.publisher)
    if doc.published:
        yield src, DCTERMS.issued, date_literal(doc.published)
    if doc.url:
        yield src, SDO.url, typed(doc.url, XSD.anyURI)


def evidence_statements(doc: Document, src: Term, sentence: Sentence) -> tuple[Term, list[Statement]]:
    """A Web Annotation specific resource: the sentence, quoted and located by offsets."""
    start, end = sentence.span.start, sentence.span.end
    node = f"{src[:-1]}/evidence/{start}-{end}>"
    quote, position = f"{node[:-1]}/quote>", f"{node[:-1]}/position>"
    return node, [
        (node, RDF.type, OA.SpecificResource),
        (node, OA.hasSource, src),
        (node, OA.hasSelector, quote),
        (node, OA.hasSelector, position),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, literal(doc.text[start:end])),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, integer(start)),
        (position, OA.end, integer(end)),
    ]


def claim_statements(claim: Claim, doc: Document, src: Term) -> list[Statement]:
    s, p, o = entity_term(claim.subject), KG[claim.predicate], entity_term(claim.object)
    node = minted("claim", digest(doc.id, bare(s), bare(p), bare(o), claim.polarity,
                                  claim.sentence.span.start))
    evidence, out = evidence_statements(doc, src, claim.sentence)
    out += [
        (node, RDF.type, KG.Claim),
        (node, RDF.type, RDF.Statement),
        (node, RDF.subject, s),
        (node, RDF.predicate, p),
        (node, RDF.object, o),
        (node, KG.polarity, POLARITY[claim.polarity]),
        (node, KG.modality, MODALITY[claim.modality]),
        (node, KG.confidence, decimal(claim.confidence)),
        (node, KG.rule, rule_term(claim.rule)),
        (node, PROV.wasDerivedFrom, src),
        (node, KG.evidence, evidence),
    ]
    if claim.polarity == "asserted":
        out.append((s, p, o))
    return out


def build_figure(figure: Figure, doc: Document, src: Term) -> tuple[Term, list[Statement]]:
    about = entity_term(figure.about)
    node = minted("figure", digest(bare(about), figure.metric, repr(figure.value), figure.unit,
                                   figure.max_value))
    evidence, out = evidence_statements(doc, src, figure.sentence)
    out += [
        (node, RDF.type, KG.Figure),
        (node, RDF.type, SDO.MonetaryAmount if figure.is_money else SDO.QuantitativeValue),
        (node, KG.value, decimal(figure.value)),
        (node, KG.unit, literal(figure.unit)),
        (node, KG.metric, literal(figure.metric)),
        (node, KG.about, about),
        (node, RDFS.label, literal(f"{figure.metric} of {figure.about.label}")),
        (node, KG.rule, rule_term(figure.rule)),
        (node, KG.confidence, decimal(figure.confidence)),
        (node, PROV.wasDerivedFrom, src),
        (node, KG.evidence, evidence),
    ]
    if figure.qualifier:
        out.append((node, KG.qualifier, QUALIFIER[figure.qualifier]))
    if figure.max_value is not None:
        out.append((node, KG.maxValue, decimal(figure.max_value)))
    if doc.published:
        out.append((node, KG.asOf, date_literal(doc.published)))
    return node, out


def entity_statements(entity: Entity) -> list[Statement]:
    node = entity_term(entity)
    label = literal(entity.label)
    out: list[Statement] = [
        (node, RDF.type, KG[entity.type] if entity.type != "Unknown" else KG.Organization),
        (node, RDFS.label, label),
        (node, SKOS.prefLabel, label),
    ]
    out += [(node, SKOS.altLabel, literal(a)) for a in entity.aliases]
    if entity.wikidata:
        out.append((node, SKOS.exactMatch, checked_iri(f"{vocab.WD}{entity.wikidata}")))
    if entity.discovered:
        out.append((node, KG.discovered, TRUE))
    return out


def deal_statements(extraction: Extraction, figure_nodes: dict[int, Term], src: Term) -> list[Statement]:
    """n-ary Deal nodes: each party's role, the products concerned, the date and the money."""
    doc = extraction.document
    asserted = [c for c in extraction.claims if c.polarity == "asserted"]
    roles: dict[str, list[Claim]] = {}  # party id -> its role claims (owns, develops, ...)
    channels: dict[str, list[Claim]] = {}  # product id -> its availableVia claims
    for c in asserted:
        if c.predicate in ROLE_OF:
            roles.setdefault(c.subject.id, []).append(c)
        elif c.predicate == "availableVia":
            channels.setdefault(c.subject.id, []).append(c)
    money: dict[Span, list[Term]] = {}
    for i, figure in enumerate(extraction.figures):
        if figure.is_money:
            money.setdefault(figure.sentence.span, []).append(figure_nodes[i])
    out: list[Statement] = []
    done: set[Term] = set()
    for claim in asserted:
        if claim.predicate not in DEAL_KINDS:
            continue
        kind, subject_role, object_role = DEAL_KINDS[claim.predicate]
        parties = sorted({claim.subject.id: claim.subject, claim.object.id: claim.object}.values(),
                         key=lambda e: e.id)
        node = minted("deal", digest(bare(kind), *(p.id for p in parties)))
        label = f"{claim.subject.label} – {claim.object.label} {local_name(kind).lower()}"
        out += [(node, RDF.type, KG.Deal), (node, RDF.type, kind), (node, RDFS.label, literal(label)),
                (node, PROV.wasDerivedFrom, src)]
        out += participation(node, claim.subject, subject_role)
        out += participation(node, claim.object, object_role)
        out += [(node, KG.party, entity_term(party)) for party in parties]
        year = _YEAR.search(claim.sentence.text)
        when = year.group(1) if year else doc.published
        if when:
            out.append((node, KG.dateAnnounced, date_literal(when)))
        out += [(node, KG.dealFigure, f) for f in money.get(claim.sentence.span, [])]
        if node not in done:  # roles depend only on the parties: once per deal node
            done.add(node)
            out += _roles_of_parties(node, [c for p in parties for c in roles.get(p.id, [])], channels)
    return out


def _roles_of_parties(deal: Term, claims: list[Claim],
                      channels: dict[str, list[Claim]]) -> list[Statement]:
    """Roles the parties hold on the products the deal is about: those on which at least two
    parties hold a role (Mayo Clinic owns the model, Microsoft distributes it). A party's roles on
    unrelated products of the same article stay out of the deal. `claims` are the parties' role
    claims."""
    holders: dict[str, set[str]] = {}
    for c in claims:
        holders.setdefault(c.object.id, set()).add(c.subject.id)
    concerned = {product for product, who in holders.items() if len(who) >= 2}
    out: list[Statement] = []
    for c in claims:
        if c.object.id in concerned:
            out += participation(deal, c.subject, ROLE_OF[c.predicate])
            out.append((deal, KG.productConcerned, entity_term(c.object)))
    for product in sorted(concerned):
        for c in channels.get(product, []):
            out += participation(deal, c.object, KG.ChannelRole)
    return out


def participation(deal: Term, entity: Entity, role: Term) -> list[Statement]:
    participant = entity_term(entity)  # checks the id, which parses the same way under the deal
    node = f"{deal[:-1]}/{entity.id}/{local_name(role)}>"
    return [(deal, KG.participation, node), (node, RDF.type, KG.Participation),
            (node, KG.participant, participant), (node, KG.role, role)]


def local_name(term: Term) -> str:
    """`Acquisition` for <...ns#Acquisition>."""
    return bare(term).split("#")[-1]
