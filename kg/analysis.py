"""The store as a networkx graph: entities and deals as nodes, facts as edges with their evidence.

Nodes are keyed by IRI. Each asserted fact (subject, relation, object) is one edge carrying the
sentences that state it, the titles of their sources and its support (distinct sources); denied
claims are edges flagged `denied`. A deal links to each participant by a `party` edge naming the
participant's roles. Symmetric relations (partnersWith, competesWith) are one edge per pair.
Everything is inserted in sorted order, so the same store always gives the same graph.
"""
from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InputError, UnknownNameError
from .rdf.vocab import KG_NS, RELATIONS, SYMMETRIC
from .store import QueryResult, Store

if TYPE_CHECKING:
    import networkx as nx

SEED = 7  # every random choice (layouts, sampled betweenness) uses it: same input, same output
PARTY = "party"  # a deal -> participant edge; its label is the participant's roles
EDGE_RELATIONS = (*RELATIONS, PARTY)
ORGANIZATION_TYPES = ("Organization", "Company", "HealthSystem", "Investor", "GovernmentAgency",
                      "ResearchInstitute", "NewsOrganization")
PRODUCT_TYPES = ("Product", "AIModel", "Platform", "Software", "Dataset", "Project")
DEAL_TYPES = ("Partnership", "Acquisition", "Investment")
FAMILY = ({t: "Organization" for t in ORGANIZATION_TYPES} | {t: "Product" for t in PRODUCT_TYPES}
          | {"Person": "Person"} | {t: "Deal" for t in DEAL_TYPES})
NODE_TYPES = (*FAMILY, "Deal")
EXACT_BETWEENNESS_LIMIT = 1000  # above it, betweenness is estimated from a seeded node sample
RANKINGS = ("pagerank", "betweenness")

PREFIXES = f"""PREFIX kg: <{KG_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
SOURCES_QUERY = PREFIXES + """SELECT ?src ?id (MIN(?t) AS ?title) WHERE {
  ?src a kg:Source ; dcterms:identifier ?id . OPTIONAL { ?src dcterms:title ?t } } GROUP BY ?src ?id"""
ENTITIES_QUERY = PREFIXES + """SELECT DISTINCT ?e ?label ?type WHERE {
  ?e skos:prefLabel ?label ; a ?t . FILTER(STRSTARTS(STR(?t), STR(kg:)))
  BIND(STRAFTER(STR(?t), "#") AS ?type) }"""
ALIASES_QUERY = PREFIXES + "SELECT DISTINCT ?e ?alias WHERE { ?e skos:prefLabel ?l ; skos:altLabel ?alias }"
FIGURES_QUERY = PREFIXES + """SELECT DISTINCT ?e ?value ?unit ?metric WHERE {
  ?f a kg:Figure ; kg:value ?value ; kg:unit ?unit ; kg:metric ?metric .
  { ?f kg:about ?e } UNION { ?e kg:dealFigure ?f } }"""
CLAIMS_QUERY = PREFIXES + """SELECT DISTINCT ?s ?p ?o ?polarity ?modality ?src ?sentence WHERE {
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?rel ; rdf:object ?o ; kg:polarity ?pol ;
     kg:modality ?mod ; prov:wasDerivedFrom ?src ; kg:evidence/oa:hasSelector/oa:exact ?sentence .
  FILTER(STRSTARTS(STR(?rel), STR(kg:)))
  BIND(STRAFTER(STR(?rel), "#") AS ?p)
  BIND(LCASE(STRAFTER(STR(?pol), "#")) AS ?polarity)
  BIND(LCASE(STRAFTER(STR(?mod), "#")) AS ?modality) }"""
DEALS_QUERY = PREFIXES + """SELECT DISTINCT ?d ?label ?type ?src ?date WHERE {
  ?d a kg:Deal ; a ?k ; rdfs:label ?label ; prov:wasDerivedFrom ?src .
  FILTER(?k != kg:Deal && STRSTARTS(STR(?k), STR(kg:)))
  OPTIONAL { ?d kg:dateAnnounced ?date }
  BIND(STRAFTER(STR(?k), "#") AS ?type) }"""
# inside GRAPH: a role counts once per source that gives it
PARTIES_QUERY = PREFIXES + """SELECT DISTINCT ?d ?who ?role ?src WHERE {
  GRAPH ?g { ?d kg:participation ?part ; prov:wasDerivedFrom ?src .
             ?part kg:participant ?who ; kg:role ?r }
  BIND(LCASE(REPLACE(STRAFTER(STR(?r), "#"), "Role$", "")) AS ?role) }"""


@dataclass(frozen=True)
class GraphFilter:
    """Which part of the graph to show. Empty tuples mean 'all'."""

    focus: str | None = None
    depth: int = 1
    relations: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    min_support: int = 1
    figures: bool = True


# reading the store ------------------------------------------------------------------------------

def read_graph(db: Store) -> nx.MultiDiGraph:
    """Every entity, deal, fact and denied claim in the store."""
    import networkx as nx

    titles = {r["src"]: r["title"] or r["id"] for r in db.query(SOURCES_QUERY).rows}
    nodes = entity_nodes(db)
    nodes.update(deal_nodes(db, titles))
    for row in db.query(FIGURES_QUERY).rows:
        if row["e"] in nodes:
            nodes[row["e"]]["figures"].append([row["value"], row["unit"], row["metric"]])
    edges = claim_edges(db, titles) | party_edges(db, titles)
    for u, v, _ in edges:
        for n in (u, v):
            nodes.setdefault(n, blank_node(n))
    graph = nx.MultiDiGraph(sources=sorted(titles.values()))
    for n in sorted(nodes):
        nodes[n]["figures"].sort(key=repr)
        graph.add_node(n, **nodes[n])
    for u, v, key in sorted(edges):
        graph.add_edge(u, v, key=key, **edges[u, v, key])
    return graph


def blank_node(iri: str) -> dict[str, Any]:
    """A node for an IRI the store has no label for (kept so no edge dangles)."""
    return {"label": iri.rsplit("/", 1)[-1], "type": "Organization", "family": "Organization",
            "aliases": [], "figures": []}


def entity_nodes(db: Store) -> dict[str, dict[str, Any]]:
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in db.query(ENTITIES_QUERY).rows:
        types[row["e"]].add(row["type"])
        labels[row["e"]] = min(labels.get(row["e"], row["label"]), row["label"])
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in db.query(ALIASES_QUERY).rows:
        aliases[row["e"]].add(row["alias"])
    nodes = {}
    for e, label in labels.items():
        kind = most_specific(types[e])
        nodes[e] = {"label": label, "type": kind, "family": FAMILY.get(kind, "Organization"),
                    "aliases": sorted(aliases[e] - {label}), "figures": []}
    return nodes


def most_specific(types: set[str]) -> str:
    """The entity's type; sources that typed it only as the generic Organization lose."""
    known = sorted(t for t in types if t in FAMILY)
    specific = [t for t in known if t not in ("Organization", "Product")]
    return (specific or known or ["Organization"])[0]


def deal_nodes(db: Store, titles: dict[str, str]) -> dict[str, dict[str, Any]]:
    deals: dict[str, dict[str, Any]] = {}
    for row in db.query(DEALS_QUERY).rows:
        deal = deals.setdefault(row["d"], {"label": row["label"], "type": row["type"],
                                           "family": "Deal", "aliases": [], "figures": [],
                                           "sources": set(), "date": ""})
        deal["label"] = min(deal["label"], row["label"])
        deal["sources"].add(titles.get(row["src"], row["src"]))
        if row["date"]:
            deal["date"] = min(filter(None, (deal["date"], str(row["date"]))))
    for deal in deals.values():
        deal["sources"] = sorted(deal["sources"])
    return deals


EdgeKey = tuple[str, str, str]


def claim_edges(db: Store, titles: dict[str, str]) -> dict[EdgeKey, dict[str, Any]]:
    """One edge per (subject, relation, object, polarity), merging every claim that states it."""
    edges: dict[EdgeKey, dict[str, Any]] = {}
    for row in db.query(CLAIMS_QUERY).rows:
        relation, denied = row["p"], row["polarity"] == "denied"
        if relation not in RELATIONS:
            continue
        s, o = row["s"], row["o"]
        if relation in SYMMETRIC:
            s, o = sorted((s, o))
        key = f"{relation}/denied" if denied else relation
        edge = edges.setdefault((s, o, key), {"relation": relation, "denied": denied,
                                              "modality": set(), "evidence": set(), "src": set()})
        title = titles.get(row["src"], row["src"])
        edge["modality"].add(row["modality"])
        edge["evidence"].add((title, row["sentence"]))
        edge["src"].add(row["src"])
    return {k: finish_edge(e) for k, e in edges.items()}


def finish_edge(edge: dict[str, Any]) -> dict[str, Any]:
    """Sets become sorted lists; support counts distinct sources, not sentences."""
    evidence = sorted(edge.pop("evidence"))
    sources = edge.pop("src")
    return {**edge, "modality": ", ".join(sorted(edge["modality"])), "support": len(sources),
            "sources": sorted({title for title, _ in evidence}),
            "evidence": [{"source": title, "sentence": sentence} for title, sentence in evidence]}


def party_edges(db: Store, titles: dict[str, str]) -> dict[EdgeKey, dict[str, Any]]:
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in db.query(PARTIES_QUERY).rows:
        roles[row["d"], row["who"]].add(row["role"])
        sources[row["d"], row["who"]].add(row["src"])
    return {(deal, who, PARTY): {
        "relation": PARTY, "denied": False, "modality": "", "roles": sorted(roles[deal, who]),
        "support": len(sources[deal, who]), "evidence": [],
        "sources": sorted({titles.get(s, s) for s in sources[deal, who]})}
        for deal, who in roles}


# filters -----------------------------------------------------------------------------------------

def check_names(given: tuple[str, ...], known: tuple[str, ...], what: str) -> tuple[str, ...]:
    """The canonical spelling of each name (matched case-insensitively), or a one-line error."""
    by_key = {k.lower(): k for k in known}
    unknown = [g for g in given if g.lower() not in by_key]
    if unknown:
        raise UnknownNameError(f"unknown {what} '{unknown[0]}' (known: {', '.join(known)})")
    return tuple(by_key[g.lower()] for g in given)


def filtered(graph: nx.MultiDiGraph, f: GraphFilter) -> nx.MultiDiGraph:
    """The part of the graph the filter asks for, as a new graph in canonical order."""
    relations = set(check_names(f.relations, EDGE_RELATIONS, "relation"))
    types = set(check_names(f.types, NODE_TYPES, "type"))
    if f.min_support < 1 or f.depth < 0:
        raise InputError("--min-support must be at least 1 and --depth at least 0")
    focus = find_entity(graph, f.focus) if f.focus else None
    nodes = {n for n, d in graph.nodes(data=True)
             if not types or d["type"] in types or d["family"] in types}
    edges = [(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
             if u in nodes and v in nodes and d["support"] >= f.min_support
             and (not relations or d["relation"] in relations)]
    # an entity without facts is shown only for its figures, and only in an unfiltered view
    keep_bare = f.figures and not relations and f.min_support == 1
    touched = {n for u, v, _ in edges for n in (u, v)}
    nodes = {n for n in nodes if n in touched or (keep_bare and graph.nodes[n]["figures"])}
    view = canonical(graph, nodes, edges, figures=f.figures)
    if focus is None:
        return view
    if focus not in view:
        raise InputError(f"'{graph.nodes[focus]['label']}' has no facts left after the filters; "
                         "drop a --relation, --type or --min-support filter")
    import networkx as nx

    near = nx.ego_graph(view, focus, radius=f.depth, undirected=True)
    return canonical(view, set(near), [e for e in view.edges(keys=True) if e[0] in near and e[1] in near])


def canonical(graph: nx.MultiDiGraph, nodes: set[str], edges: list[tuple[str, str, str]],
              figures: bool = True) -> nx.MultiDiGraph:
    """A copy holding `nodes` and `edges`, inserted in sorted order. (networkx subgraph views
    may iterate a set, whose order changes between runs.)"""
    import networkx as nx

    out = nx.MultiDiGraph(**graph.graph)
    for n in sorted(nodes):
        data = dict(graph.nodes[n])
        if not figures:
            data["figures"] = []
        out.add_node(n, **data)
    for u, v, k in sorted(edges):
        out.add_edge(u, v, key=k, **graph.edges[u, v, k])
    return out


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node whose label (or, failing that, an alias) is `name`, ignoring case."""
    key = name.casefold().strip()
    by_label = sorted(n for n, d in graph.nodes(data=True) if d["label"].casefold() == key)
    by_alias = sorted(n for n, d in graph.nodes(data=True)
                      if key in (a.casefold() for a in d["aliases"]))
    found = by_label or by_alias
    if not found:
        raise UnknownNameError(f"no entity called '{name}' in the store "
                               "(see `kg query --name figures` or `kg rank` for names)")
    if len(found) > 1:
        labels = ", ".join(graph.nodes[n]["label"] for n in found)
        raise InputError(f"'{name}' names {len(found)} entities ({labels}); give a full name")
    return found[0]


# paths and centrality ------------------------------------------------------------------------------

def fact_graph(graph: nx.MultiDiGraph, with_deals: bool = False) -> nx.Graph:
    """Undirected, simple: who is connected to whom by asserted facts (denied claims never link)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(n for n, d in graph.nodes(data=True) if with_deals or d["family"] != "Deal")
    simple.add_edges_from(sorted((u, v) for u, v, d in graph.edges(data=True)
                                 if not d["denied"] and (with_deals or d["relation"] != PARTY)))
    return simple


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str) -> QueryResult:
    """The fewest facts linking two named entities, one row per fact on the way (either direction)."""
    import networkx as nx

    start, end = find_entity(graph, a), find_entity(graph, b)
    if start == end:
        raise InputError(f"'{a}' and '{b}' are the same entity; give two different ones")
    try:
        hops = nx.shortest_path(fact_graph(graph), start, end)
    except (nx.NetworkXNoPath, nx.NodeNotFound) as e:
        raise InputError(f"no chain of facts links '{a}' and '{b}'") from e
    rows = []
    for step, (x, y) in enumerate(zip(hops, hops[1:], strict=False), start=1):
        for u, v, d in facts_between(graph, x, y):
            rows.append({"step": step, "subject": graph.nodes[u]["label"], "relation": d["relation"],
                         "object": graph.nodes[v]["label"], "sources": d["support"],
                         "evidence": d["evidence"][0]["sentence"] if d["evidence"] else ""})
    return QueryResult(["step", "subject", "relation", "object", "sources", "evidence"], rows)


def facts_between(graph: nx.MultiDiGraph, x: str, y: str) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for u, v in ((x, y), (y, x)):
        for _, d in sorted(graph.get_edge_data(u, v, default={}).items()):
            if not d["denied"] and d["relation"] != PARTY:
                found.append((u, v, d))
    return found


def centrality(graph: nx.MultiDiGraph, by: str = "pagerank") -> dict[str, float]:
    """Score per node. Facts count in both directions: an entity is central when it takes part in
    many facts and deals, whichever side it is on."""
    import networkx as nx

    check_names((by,), RANKINGS, "ranking")
    simple = fact_graph(graph, with_deals=True)
    if not len(simple):
        return {}
    if by == "pagerank":
        scores = nx.pagerank(simple)
    elif len(simple) <= EXACT_BETWEENNESS_LIMIT:
        scores = nx.betweenness_centrality(simple)
    else:  # exact betweenness is O(nodes x edges): minutes at 5,000 nodes
        scores = nx.betweenness_centrality(simple, k=EXACT_BETWEENNESS_LIMIT, seed=SEED)
    return {n: round(float(s), 6) for n, s in scores.items()}


def rank(graph: nx.MultiDiGraph, by: str = "pagerank", limit: int = 20) -> QueryResult:
    """The most central entities (deals are scored with them but not listed). The score is the
    PageRank, or the share of shortest paths through the entity, in percent."""
    if limit < 1:
        raise InputError("--limit must be at least 1")
    scores = centrality(graph, by)
    entities = [n for n in scores if graph.nodes[n]["family"] != "Deal"]
    best = sorted(entities, key=lambda n: (-scores[n], graph.nodes[n]["label"], n))[:limit]
    rows = [{"rank": i, "entity": graph.nodes[n]["label"], "type": graph.nodes[n]["type"],
             "score": round(100 * scores[n], 2), "facts": fact_count(graph, n)}
            for i, n in enumerate(best, start=1)]
    return QueryResult(["rank", "entity", "type", "score", "facts"], rows)


def fact_count(graph: nx.MultiDiGraph, node: str) -> int:
    """Asserted facts the node takes part in, either side."""
    edges = list(graph.out_edges(node, data=True)) + list(graph.in_edges(node, data=True))
    return sum(1 for *_, d in edges if not d["denied"] and d["relation"] != PARTY)


# GraphML / GEXF --------------------------------------------------------------------------------------

GRAPH_FORMATS = ("graphml", "gexf")


def flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are scalars, as GraphML and GEXF require: lists become text."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for n, d in graph.nodes(data=True):
        out.add_node(n, label=d["label"], type=d["type"], family=d["family"],
                     aliases="; ".join(d["aliases"]),
                     figures="; ".join(f"{v} {unit} {metric}" for v, unit, metric in d["figures"]),
                     sources="; ".join(d.get("sources", [])), date=d.get("date", ""))
    for u, v, k, d in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, relation=d["relation"], denied=d["denied"], support=d["support"],
                     modality=d["modality"], roles=", ".join(d.get("roles", [])),
                     sources="; ".join(d["sources"]),
                     evidence="\n".join(f"{e['sentence']} [{e['source']}]" for e in d["evidence"]))
    return out


def graph_file(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The graph as GraphML or GEXF bytes (for Gephi, Cytoscape, yEd or networkx)."""
    import networkx as nx

    (fmt,) = check_names((fmt,), GRAPH_FORMATS, "graph format")
    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat(graph), out, encoding="utf-8")
        return out.getvalue()
    nx.write_gexf(flat(graph), out, encoding="utf-8")
    # the writer stamps today's date; without it the same store always gives the same file
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", out.getvalue(), count=1)
