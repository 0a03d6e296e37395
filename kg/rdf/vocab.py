"""The kg vocabulary (ontology/deal.ttl) as an rdflib DefinedNamespace; a test keeps them in step."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KG_NS = "https://w3id.org/dealkg/ns#"
ID = Namespace("https://w3id.org/dealkg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Organization: URIRef
    Company: URIRef
    HealthSystem: URIRef
    Investor: URIRef
    GovernmentAgency: URIRef
    ResearchInstitute: URIRef
    NewsOrganization: URIRef
    Product: URIRef
    AIModel: URIRef
    Platform: URIRef
    Software: URIRef
    Dataset: URIRef
    Project: URIRef
    Person: URIRef
    Deal: URIRef
    Partnership: URIRef
    Acquisition: URIRef
    Investment: URIRef
    Participation: URIRef
    Role: URIRef
    RoleScheme: URIRef
    Figure: URIRef
    Qualifier: URIRef
    Claim: URIRef
    Rule: URIRef
    Source: URIRef
    Polarity: URIRef
    Modality: URIRef
    # relations
    owns: URIRef
    ownedBy: URIRef
    develops: URIRef
    distributes: URIRef
    availableVia: URIRef
    deploys: URIRef
    partnersWith: URIRef
    competesWith: URIRef
    acquired: URIRef
    investsIn: URIRef
    # deals
    party: URIRef
    participation: URIRef
    participant: URIRef
    role: URIRef
    productConcerned: URIRef
    dateAnnounced: URIRef
    dealFigure: URIRef
    # roles
    PartnerRole: URIRef
    OwnerRole: URIRef
    DeveloperRole: URIRef
    DistributorRole: URIRef
    DeployerRole: URIRef
    ChannelRole: URIRef
    AcquirerRole: URIRef
    AcquiredRole: URIRef
    InvestorRole: URIRef
    InvesteeRole: URIRef
    # figures
    value: URIRef
    maxValue: URIRef
    unit: URIRef
    metric: URIRef
    about: URIRef
    qualifier: URIRef
    asOf: URIRef
    Approximately: URIRef
    AtLeast: URIRef
    AtMost: URIRef
    Range: URIRef
    # claims and provenance
    polarity: URIRef
    modality: URIRef
    confidence: URIRef
    rule: URIRef
    evidence: URIRef
    sha256: URIRef
    discovered: URIRef
    Asserted: URIRef
    Denied: URIRef
    Actual: URIRef
    Planned: URIRef
    Reported: URIRef


RELATIONS = ("owns", "develops", "distributes", "availableVia", "deploys", "partnersWith",
             "competesWith", "acquired", "investsIn")
SYMMETRIC = ("partnersWith", "competesWith")


def relation_iri(name: str) -> URIRef:
    if name not in RELATIONS:
        from ..errors import UnknownNameError
        raise UnknownNameError(f"unknown relation '{name}' (known: {', '.join(RELATIONS)})")
    return KG[name]


def bind_prefixes(graph) -> None:  # type: ignore[no-untyped-def]
    """One place that binds the prefixes every kg output uses."""
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

    for prefix, ns in (("kg", KG_NS), ("id", ID), ("prov", PROV), ("dcterms", DCTERMS),
                       ("schema", SDO), ("skos", SKOS), ("oa", OA), ("org", ORG), ("wd", WD),
                       ("rdf", RDF), ("rdfs", RDFS), ("owl", OWL), ("xsd", XSD)):
        graph.bind(prefix, ns, override=True)
