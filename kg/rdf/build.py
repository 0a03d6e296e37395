"""Extraction -> RDF triples for the source's named graph, with provenance on every fact.

Every IRI is minted from content (entity names, document id, offsets), never from counters or
clocks, so the same input gives the same graph whatever the order of ingestion.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..model import Claim, Document, Entity, Extraction, Figure, Sentence, Span
from .vocab import ID, KG, OA, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

POLARITY = {"asserted": KG.Asserted, "denied": KG.Denied}
MODALITY = {"actual": KG.Actual, "planned": KG.Planned, "reported": KG.Reported}
QUALIFIER = {"approximately": KG.Approximately, "atLeast": KG.AtLeast, "atMost": KG.AtMost,
             "range": KG.Range}
DEAL_KINDS = {"partnersWith": (KG.Partnership, KG.PartnerRole, KG.PartnerRole),
              "acquired": (KG.Acquisition, KG.AcquirerRole, KG.AcquiredRole),
              "investsIn": (KG.Investment, KG.InvestorRole, KG.InvesteeRole)}
ROLE_OF = {"owns": KG.OwnerRole, "develops": KG.DeveloperRole, "distributes": KG.DistributorRole,
           "deploys": KG.DeployerRole}
_YEAR = re.compile(r"\b(?:in|since|during|from)\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def graph_iri(doc_id: str) -> URIRef:
    return ID[f"graph/{doc_id}"]


def source_iri(doc_id: str) -> URIRef:
    return ID[f"source/{doc_id}"]


def entity_iri(entity: Entity) -> URIRef:
    return ID[f"entity/{entity.id}"]


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def decimal(value: float) -> Literal:
    text = format(Decimal(repr(value)).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def build_triples(extraction: Extraction) -> list[Triple]:
    """All triples of one document's named graph."""
    doc = extraction.document
    triples: list[Triple] = list(source_triples(doc))
    entities: dict[str, Entity] = {}
    rules: set[str] = set()
    for claim in extraction.claims:
        triples.extend(claim_triples(claim, doc))
        entities.setdefault(claim.subject.id, claim.subject)
        entities.setdefault(claim.object.id, claim.object)
        rules.add(claim.rule)
    figure_nodes: dict[int, URIRef] = {}
    for i, figure in enumerate(extraction.figures):
        node, figure_triples = build_figure(figure, doc)
        figure_nodes[i] = node
        triples.extend(figure_triples)
        entities.setdefault(figure.about.id, figure.about)
        rules.add(figure.rule)
    triples.extend(deal_triples(extraction, figure_nodes))
    for entity in entities.values():
        triples.extend(entity_triples(entity))
    for rule in sorted(rules):
        node = ID[f"rule/{rule}"]
        triples += [(node, RDF.type, KG.Rule), (node, RDFS.label, Literal(rule))]
    return sorted(set(triples), key=triple_order)


def triple_order(triple: Triple) -> tuple[str, str, bool, str]:
    """A deterministic order on plain strings: rdflib's own term comparison runs in Python and
    took half the time of building a document's graph."""
    s, p, o = triple
    return str(s), str(p), isinstance(o, Literal), str(o)


def source_triples(doc: Document) -> Iterator[Triple]:
    src = source_iri(doc.id)
    yield src, RDF.type, KG.Source
    yield src, RDF.type, SDO.NewsArticle
    yield src, DCTERMS.title, Literal(doc.title)
    yield src, RDFS.label, Literal(doc.title)
    yield src, DCTERMS.identifier, Literal(doc.id)
    yield src, DCTERMS.source, Literal(doc.path.rsplit("/", 1)[-1])
    yield src, DCTERMS.format, Literal(doc.media_type)
    yield src, KG.sha256, Literal(doc.sha256)
    if doc.publisher:
        yield src, DCTERMS.publisher, Literal(doc.publisher)
    if doc.published:
        yield src, DCTERMS.issued, date_literal(doc.published)
    if doc.url:
        yield src, SDO.url, Literal(doc.url, datatype=XSD.anyURI)


def date_literal(value: str) -> Literal:
    kind = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value), XSD.string)
    return Literal(value, datatype=kind)


def evidence_triples(doc: Document, sentence: Sentence) -> tuple[URIRef, list[Triple]]:
    """A Web Annotation specific resource: the sentence, quoted and located by offsets."""
    start, end = sentence.span.start, sentence.span.end
    node = ID[f"source/{doc.id}/evidence/{start}-{end}"]
    quote, position = URIRef(f"{node}/quote"), URIRef(f"{node}/position")
    return node, [
        (node, RDF.type, OA.SpecificResource),
        (node, OA.hasSource, source_iri(doc.id)),
        (node, OA.hasSelector, quote),
        (node, OA.hasSelector, position),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(doc.text[start:end])),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(start)),
        (position, OA.end, Literal(end)),
    ]


def claim_triples(claim: Claim, doc: Document) -> list[Triple]:
    s, p, o = entity_iri(claim.subject), KG[claim.predicate], entity_iri(claim.object)
    node = ID[f"claim/{digest(doc.id, s, p, o, claim.polarity, claim.sentence.span.start)}"]
    evidence, triples = evidence_triples(doc, claim.sentence)
    triples += [
        (node, RDF.type, KG.Claim),
        (node, RDF.type, RDF.Statement),
        (node, RDF.subject, s),
        (node, RDF.predicate, p),
        (node, RDF.object, o),
        (node, KG.polarity, POLARITY[claim.polarity]),
        (node, KG.modality, MODALITY[claim.modality]),
        (node, KG.confidence, decimal(claim.confidence)),
        (node, KG.rule, ID[f"rule/{claim.rule}"]),
        (node, PROV.wasDerivedFrom, source_iri(doc.id)),
        (node, KG.evidence, evidence),
    ]
    if claim.polarity == "asserted":
        triples.append((s, p, o))
    return triples


def build_figure(figure: Figure, doc: Document) -> tuple[URIRef, list[Triple]]:
    about = entity_iri(figure.about)
    node = ID[f"figure/{digest(about, figure.metric, repr(figure.value), figure.unit, figure.max_value)}"]
    evidence, triples = evidence_triples(doc, figure.sentence)
    triples += [
        (node, RDF.type, KG.Figure),
        (node, RDF.type, SDO.MonetaryAmount if figure.is_money else SDO.QuantitativeValue),
        (node, KG.value, decimal(figure.value)),
        (node, KG.unit, Literal(figure.unit)),
        (node, KG.metric, Literal(figure.metric)),
        (node, KG.about, about),
        (node, RDFS.label, Literal(f"{figure.metric} of {figure.about.label}")),
        (node, KG.rule, ID[f"rule/{figure.rule}"]),
        (node, KG.confidence, decimal(figure.confidence)),
        (node, PROV.wasDerivedFrom, source_iri(doc.id)),
        (node, KG.evidence, evidence),
    ]
    if figure.qualifier:
        triples.append((node, KG.qualifier, QUALIFIER[figure.qualifier]))
    if figure.max_value is not None:
        triples.append((node, KG.maxValue, decimal(figure.max_value)))
    if doc.published:
        triples.append((node, KG.asOf, date_literal(doc.published)))
    return node, triples


def entity_triples(entity: Entity) -> list[Triple]:
    node = entity_iri(entity)
    triples: list[Triple] = [
        (node, RDF.type, KG[entity.type] if entity.type != "Unknown" else KG.Organization),
        (node, RDFS.label, Literal(entity.label)),
        (node, SKOS.prefLabel, Literal(entity.label)),
    ]
    triples += [(node, SKOS.altLabel, Literal(a)) for a in entity.aliases]
    if entity.wikidata:
        triples.append((node, SKOS.exactMatch, WD[entity.wikidata]))
    if entity.discovered:
        triples.append((node, KG.discovered, Literal(True)))
    return triples


def deal_triples(extraction: Extraction, figure_nodes: dict[int, URIRef]) -> list[Triple]:
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
    money: dict[Span, list[URIRef]] = {}
    for i, figure in enumerate(extraction.figures):
        if figure.is_money:
            money.setdefault(figure.sentence.span, []).append(figure_nodes[i])
    triples: list[Triple] = []
    done: set[URIRef] = set()
    for claim in asserted:
        if claim.predicate not in DEAL_KINDS:
            continue
        kind, subject_role, object_role = DEAL_KINDS[claim.predicate]
        parties = sorted({claim.subject.id: claim.subject, claim.object.id: claim.object}.values(),
                         key=lambda e: e.id)
        node = ID[f"deal/{digest(kind, *(p.id for p in parties))}"]
        label = f"{claim.subject.label} – {claim.object.label} {kind.split('#')[-1].lower()}"
        triples += [(node, RDF.type, KG.Deal), (node, RDF.type, kind),
                    (node, RDFS.label, Literal(label)),
                    (node, PROV.wasDerivedFrom, source_iri(doc.id))]
        triples += participation(node, claim.subject, subject_role)
        triples += participation(node, claim.object, object_role)
        triples += [(node, KG.party, entity_iri(party)) for party in parties]
        year = _YEAR.search(claim.sentence.text)
        when = year.group(1) if year else doc.published
        if when:
            triples.append((node, KG.dateAnnounced, date_literal(when)))
        triples += [(node, KG.dealFigure, f) for f in money.get(claim.sentence.span, [])]
        if node not in done:  # roles depend only on the parties: once per deal node
            done.add(node)
            triples += _roles_of_parties(node, [c for p in parties for c in roles.get(p.id, [])],
                                         channels)
    return triples


def _roles_of_parties(deal: URIRef, claims: list[Claim],
                      channels: dict[str, list[Claim]]) -> list[Triple]:
    """Roles the parties hold on the products the deal is about: those on which at least two
    parties hold a role (Mayo Clinic owns the model, Microsoft distributes it). A party's roles on
    unrelated products of the same article stay out of the deal. `claims` are the parties' role
    claims."""
    holders: dict[str, set[str]] = {}
    for c in claims:
        holders.setdefault(c.object.id, set()).add(c.subject.id)
    concerned = {product for product, who in holders.items() if len(who) >= 2}
    triples: list[Triple] = []
    for c in claims:
        if c.object.id in concerned:
            triples += participation(deal, c.subject, ROLE_OF[c.predicate])
            triples.append((deal, KG.productConcerned, entity_iri(c.object)))
    for product in sorted(concerned):
        for c in channels.get(product, []):
            triples += participation(deal, c.object, KG.ChannelRole)
    return triples


def participation(deal: URIRef, entity: Entity, role: URIRef) -> list[Triple]:
    node = URIRef(f"{deal}/{entity.id}/{role.split('#')[-1]}")
    return [(deal, KG.participation, node), (node, RDF.type, KG.Participation),
            (node, KG.participant, entity_iri(entity)), (node, KG.role, role)]
