"""A self-contained HTML page for a graph from kg.analysis: vis-network inlined, no network needed.

The page is built from our own template (kg/templates/graph.html + graph.js), not pyvis's, which
loads Bootstrap from a CDN and writes document text unescaped into the page. All document text
travels as JSON inside <script type="application/json"> and is put on screen with textContent.
A Content-Security-Policy allows only our two inline scripts (by hash) and no fetches at all.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .analysis import PARTY, SEED, GraphFilter, centrality
from .errors import KgError
from .resources import TEMPLATES_DIR

if TYPE_CHECKING:
    import networkx as nx

LARGE_GRAPH = 1000  # above this many nodes: positions from Python, physics off, no edge labels
BACKBONE = 250  # nodes laid out by a spring model in a large component; the rest sit by a neighbour
SPACING = 45.0  # pixels per node, roughly, in precomputed layouts

SHAPES = {"Organization": "dot", "Product": "square", "Person": "triangle", "Deal": "diamond"}
TYPE_COLOURS = {
    # organizations: cool colours, round
    "Company": "#4e79a7", "HealthSystem": "#59a14f", "Investor": "#76b7b2",
    "ResearchInstitute": "#8cb3d9", "GovernmentAgency": "#8c8c8c", "NewsOrganization": "#bab0ac",
    "Organization": "#6b8fb5",
    # products: warm colours, square
    "AIModel": "#f28e2b", "Platform": "#e15759", "Software": "#b07aa1", "Dataset": "#9c755f",
    "Project": "#edc948", "Product": "#ff9da7",
    "Person": "#d37295",
    "Deal": "#f1ce63",
}
TYPE_LABELS = {"HealthSystem": "Health system", "GovernmentAgency": "Government agency",
               "ResearchInstitute": "Research institute", "NewsOrganization": "News organization",
               "AIModel": "AI model", "Dataset": "Data set", "Deal": "Deal"}
RELATION_STYLES = {  # colour, label, dashes, directed
    "owns": ("#1f3a93", "owns", False, True),
    "develops": ("#2e7d32", "develops", False, True),
    "distributes": ("#ef6c00", "distributes", False, True),
    "availableVia": ("#6a1b9a", "available via", False, True),
    "deploys": ("#00838f", "deploys", False, True),
    "partnersWith": ("#c99700", "partners with", False, False),
    "competesWith": ("#ad1457", "competes with", [10, 6], False),
    "acquired": ("#4e342e", "acquired", False, True),
    "investsIn": ("#0277bd", "invests in", False, True),
    PARTY: ("#a8a8a8", "deal party (role)", [2, 4], False),
}
DENIED_COLOUR = "#d50000"
DENIED_DASHES = [3, 5]


@dataclass
class Page:
    html: str
    warnings: list[str] = field(default_factory=list)


def render_page(graph: nx.MultiDiGraph, store_name: str, f: GraphFilter,
                focus_label: str | None = None) -> Page:
    """The HTML page for `graph` (already filtered by `f`)."""
    large = graph.number_of_nodes() > LARGE_GRAPH
    data = page_data(graph, store_name, f, focus_label, large)
    return Page(fill_template(data), page_warnings(graph, large))


def page_warnings(graph: nx.MultiDiGraph, large: bool) -> list[str]:
    if graph.number_of_nodes() == 0:
        return ["nothing to show: no entity is left after the filters (the page is empty)"]
    if large:
        return [f"{graph.number_of_nodes():,} entities is more than the {LARGE_GRAPH:,} the page lays "
                "out live, so positions are precomputed and physics is off; narrow it down with "
                "--focus NAME --depth 1, --relation R or --min-support 2"]
    return []


# data -------------------------------------------------------------------------------------------

def page_data(graph: nx.MultiDiGraph, store_name: str, f: GraphFilter, focus_label: str | None,
              large: bool) -> dict[str, Any]:
    sizes = node_sizes(graph)
    positions = precomputed_positions(graph) if large else {}
    nodes, edges = build_network(
        [node_item(n, d, sizes[n], positions.get(n), graph.degree(n) == 0)
         for n, d in graph.nodes(data=True)],
        edge_items(graph, large))
    shown_sources = sorted({s for *_, d in graph.edges(data=True) for s in d["sources"]})
    return {
        "title": page_title(focus_label, f),
        "subtitle": subtitle(graph, store_name, shown_sources, f),
        "sources": graph.graph.get("sources", []),
        "nodes": nodes, "edges": edges,
        "legend": legend(graph),
        "large": large,
        "options": vis_options(graph.number_of_nodes(), large),
    }


def build_network(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge dicts, through pyvis's Network, the builder the design card
    names. Only its data is used: its template loads Bootstrap from a CDN and writes text unescaped."""
    from pyvis.network import Network

    net = Network(directed=True)
    for item in nodes:
        net.add_node(item["id"], **{k: v for k, v in item.items() if k != "id"})
    for item in edges:
        net.add_edge(item["from"], item["to"], **{k: v for k, v in item.items() if k not in ("from", "to")})
    for item in net.nodes:
        if item["kg"]["family"] == "Deal":
            del item["label"]  # pyvis labels a node by its id when it has none; a deal has none
    return net.nodes, net.edges


def page_title(focus_label: str | None, f: GraphFilter) -> str:
    if focus_label:
        hops = "hop" if f.depth == 1 else "hops"
        return f"kg: {focus_label} and what lies within {f.depth} {hops}"
    return "kg: the deal graph"


def subtitle(graph: nx.MultiDiGraph, store_name: str, shown_sources: list[str], f: GraphFilter) -> str:
    total = len(graph.graph.get("sources", []))
    facts = sum(1 for *_, d in graph.edges(data=True) if d["relation"] != PARTY)
    text = (f"Store {store_name}: {total} source{'' if total == 1 else 's'}. Showing "
            f"{graph.number_of_nodes():,} nodes and {facts:,} facts and denials, from "
            f"{len(shown_sources)} of the sources.")
    filters = describe_filter(f)
    return f"{text} Filters: {filters}." if filters else text


def describe_filter(f: GraphFilter) -> str:
    parts = []
    if f.relations:
        parts.append("relations " + ", ".join(f.relations))
    if f.types:
        parts.append("types " + ", ".join(f.types))
    if f.min_support > 1:
        parts.append(f"at least {f.min_support} sources per fact")
    if not f.figures:
        parts.append("no figures")
    return "; ".join(parts)


def node_sizes(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Radius by PageRank: the square root keeps hubs from swallowing the page."""
    scores = centrality(graph, "pagerank")
    top = max(scores.values(), default=0.0) or 1.0
    return {n: round(10 + 26 * math.sqrt(scores.get(n, 0.0) / top), 1) for n in graph}


def type_label(kind: str) -> str:
    return TYPE_LABELS.get(kind, kind)


def node_item(n: str, d: dict[str, Any], size: float, pos: tuple[float, float] | None,
              bare: bool) -> dict[str, Any]:
    style = "Deal" if d["family"] == "Deal" else d["type"]
    colour = TYPE_COLOURS.get(style, TYPE_COLOURS["Organization"])
    item: dict[str, Any] = {
        "id": n, "shape": SHAPES.get(d["family"], "dot"),
        "size": round(size * (0.6 if d["family"] == "Deal" else 1), 1),
        "color": {"background": colour, "border": shade(colour),
                  "highlight": {"background": colour, "border": "#111111"},
                  "hover": {"background": colour, "border": "#111111"}},
        "kg": {"name": d["label"], "type": d["type"], "typeLabel": type_label(d["type"]),
               "family": d["family"],
               "style": style, "aliases": d["aliases"], "figures": d["figures"],
               "sources": d.get("sources", []), "date": d.get("date", ""), "bare": bare},
    }
    if d["family"] != "Deal":  # a deal's name repeats its parties': it shows on hover only
        item["label"] = d["label"]
    if pos is not None:
        item["x"], item["y"] = pos
    return item


def shade(colour: str, factor: float = 0.7) -> str:
    """The same hue, darker: a border that reads on a white page."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


BASIC_ROLES = {"partner", "acquirer", "acquired", "investor", "investee"}


def edge_label(d: dict[str, Any], on_canvas: bool = False) -> str:
    """The edge's label. On the canvas a deal party's basic role (partner, acquirer...) is left
    out: the deal's own label says it, and every such label would crowd the hubs."""
    if d["relation"] == PARTY:
        roles = [r for r in d.get("roles", []) if not (on_canvas and r in BASIC_ROLES)]
        return ", ".join(roles)
    label = RELATION_STYLES[d["relation"]][1]
    if d["denied"]:
        return f"not {label}"
    return f"{label} (planned)" if d["modality"] == "planned" else label


def edge_items(graph: nx.MultiDiGraph, large: bool) -> list[dict[str, Any]]:
    parallel: dict[tuple[str, str], int] = defaultdict(int)
    items = []
    for i, (u, v, _, d) in enumerate(graph.edges(keys=True, data=True)):
        colour, rel_label, dashes, directed = RELATION_STYLES[d["relation"]]
        if d["denied"]:
            colour, dashes = DENIED_COLOUR, DENIED_DASHES
        item: dict[str, Any] = {
            "id": f"e{i}", "from": u, "to": v,
            "color": {"color": colour, "highlight": colour, "hover": colour,
                      "opacity": 0.55 if d["relation"] == PARTY else 0.9},
            "dashes": dashes, "width": round(1 + 0.8 * min(d["support"], 6), 1),
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.6}},
            "kg": {"relation": d["relation"], "relationLabel": rel_label, "label": edge_label(d),
                   "denied": d["denied"], "support": d["support"], "modality": d["modality"],
                   "roles": d.get("roles", []), "sources": d["sources"], "evidence": d["evidence"],
                   "fromLabel": graph.nodes[u]["label"], "toLabel": graph.nodes[v]["label"]},
        }
        if not large:  # a large page draws labels of thousands of edges slowly: tooltips suffice
            item["label"] = edge_label(d, on_canvas=True)
            if d["denied"]:
                item["font"] = {"color": DENIED_COLOUR}
            pair = (min(u, v), max(u, v))
            if parallel[pair]:  # bend the 2nd, 3rd... edge between a pair so each stays visible
                j = parallel[pair]
                item["smooth"] = {"enabled": True, "type": "curvedCW" if j % 2 else "curvedCCW",
                                  "roundness": round(0.2 * ((j + 1) // 2), 2)}
            parallel[pair] += 1
        items.append(item)
    return items


def legend(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Only what this page shows: its node types (by family) and its relations."""
    styles = sorted({("Deal" if d["family"] == "Deal" else d["type"], d["family"])
                     for _, d in graph.nodes(data=True)},
                    key=lambda s: (list(SHAPES).index(s[1]) if s[1] in SHAPES else 9, s[0]))
    relations = {d["relation"] for *_, d in graph.edges(data=True)}
    return {
        "types": [{"style": s, "label": type_label(s), "shape": SHAPES.get(fam, "dot"),
                   "colour": TYPE_COLOURS.get(s, TYPE_COLOURS["Organization"])} for s, fam in styles],
        "relations": [{"relation": r, "label": style[1], "colour": style[0],
                       "dashed": bool(style[2]), "directed": style[3]}
                      for r, style in RELATION_STYLES.items() if r in relations],
        "denied": any(d["denied"] for *_, d in graph.edges(data=True)),
        "deniedColour": DENIED_COLOUR,
    }


def vis_options(n: int, large: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"randomSeed": SEED, "improvedLayout": n <= 150},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1.5, "widthConstraint": {"maximum": 170},
                  "font": {"size": 16, "face": "system-ui, sans-serif", "color": "#222222",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"selectionWidth": 1.5, "hoverWidth": 1,
                  "font": {"size": 12, "face": "system-ui, sans-serif", "align": "middle",
                           "color": "#444444", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # dynamic curves are physics bodies that push nodes apart: a roomier layout
                  "smooth": False if large else {"enabled": True, "type": "dynamic"}},
    }
    if large:
        options["physics"] = {"enabled": False}
        return options
    # a capped stabilisation, then the page turns physics off: no endless jiggle (pyvis #88, #204)
    options["physics"] = {
        "enabled": True, "solver": "forceAtlas2Based", "minVelocity": 1.5,
        "forceAtlas2Based": {"gravitationalConstant": -40, "centralGravity": 0.02,
                             "springLength": 60, "springConstant": 0.08, "avoidOverlap": 0.5},
        "stabilization": {"enabled": True, "fit": True, "updateInterval": 50,
                          # iterations x nodes stays near 30,000: in headless Chromium a page
                          # settles in ~1 s at 50 nodes, ~2 s at 200, ~5 s at 1,000
                          "iterations": max(60, min(600, 30_000 // max(n, 1)))},
    }
    return options


# layout for large graphs --------------------------------------------------------------------------

def precomputed_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for a graph too large to lay out in the browser (about 1 s for 5,000 nodes).
    Each connected component is laid out on its own, then they are packed in rows, largest
    first."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in graph.edges() if u != v}))
    components = sorted((sorted(c) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), c[0]))
    return pack([component_layout(simple, nodes) for nodes in components])


def component_layout(simple: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """networkx's spring layout for the component's best-connected nodes, its hubs (the cost grows
    with the square of their number, so at most BACKBONE of them). Every other node joins the hub
    it is reached from first; each hub's nodes fill a disc around it (a sunflower spiral, nearest
    first), and the discs are pushed apart until none overlaps another."""
    import networkx as nx

    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    hubs = sorted(nodes, key=lambda n: (-simple.degree(n), n))[:BACKBONE]
    core = nx.Graph()
    core.add_nodes_from(hubs)
    core.add_edges_from(sorted(simple.subgraph(hubs).edges()))
    scale = SPACING * math.sqrt(len(nodes))
    spring = nx.spring_layout(core, seed=SEED, iterations=60)
    members = hub_members(simple, hubs)
    step = SPACING * 0.55  # a member's share of its disc
    radii = [step * math.sqrt(len(members[h]) + 1) + SPACING / 2 for h in hubs]
    centres = separate([(float(spring[h][0]) * scale, float(spring[h][1]) * scale) for h in hubs], radii)
    golden = math.pi * (3 - math.sqrt(5))
    placed = {}
    for hub, (cx, cy) in zip(hubs, centres, strict=True):
        placed[hub] = (cx, cy)
        for i, n in enumerate(members[hub], start=1):
            r = step * math.sqrt(i)
            placed[n] = (cx + r * math.cos(i * golden), cy + r * math.sin(i * golden))
    return placed


def hub_members(simple: nx.Graph, hubs: list[str]) -> dict[str, list[str]]:
    """The non-hub nodes each hub reaches first, breadth-first from all hubs at once, in the
    order reached (so direct neighbours come before their own neighbours)."""
    owner = {h: h for h in hubs}
    members: dict[str, list[str]] = {h: [] for h in hubs}
    queue = deque(hubs)
    while queue:
        node = queue.popleft()
        for n in sorted(simple[node]):
            if n not in owner:
                owner[n] = owner[node]
                members[owner[n]].append(n)
                queue.append(n)
    return members


def separate(centres: list[tuple[float, float]], radii: list[float],
             rounds: int = 200) -> list[tuple[float, float]]:
    """Centres moved apart, each overlapping pair by half its overlap per round, until no two
    discs overlap by more than a sliver (or the rounds run out). At most BACKBONE discs: about
    8 ms a round in numpy."""
    import numpy as np

    pos = np.array(centres, dtype=float)
    r = np.array(radii, dtype=float)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        overlap = np.clip(r[:, None] + r[None, :] - dist, 0, None)
        np.fill_diagonal(overlap, 0)
        if overlap.max() < SPACING / 4:  # a sliver of overlap is invisible: stop early
            break
        direction = delta / np.where(dist > 0, dist, 1)[..., None]
        pos += (direction * (overlap / 2)[..., None]).sum(axis=1)
    return [(float(x), float(y)) for x, y in pos]


def pack(layouts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Components side by side in rows about as wide as the whole is tall."""
    boxes = []
    for pos in layouts:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING))
    row_width = max(max((b[3] for b in boxes), default=0.0),
                    math.sqrt(sum(b[3] * b[4] for b in boxes)))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, left, top, width, height in boxes:
        if x and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(px - left + x, 1), round(py - top + y, 1))
        x, row_height = x + width, max(row_height, height)
    return out


# HTML ---------------------------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S*\s*$")


def embed_json(data: Any) -> str:
    """JSON that cannot end its <script> element, open a comment, or break a JS parser."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def inline_script(code: str, name: str) -> str:
    """Code for an inline <script>; refuses text that would end the element early."""
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise KgError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    return code


def script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def fill_template(data: dict[str, Any]) -> str:
    template = (TEMPLATES_DIR / "graph.html").read_text(encoding="utf-8")
    library = _SOURCE_MAP.sub("\n", (TEMPLATES_DIR / "vis-network.min.js").read_text(encoding="utf-8"))
    library = inline_script(library, "vis-network.min.js")
    app = inline_script((TEMPLATES_DIR / "graph.js").read_text(encoding="utf-8"), "graph.js")
    parts = {
        "TITLE": html.escape(data["title"], quote=True),
        "SCRIPT_HASHES": f"{script_hash(library)} {script_hash(app)}",
        "DATA": embed_json(data),
        "VIS_NETWORK": library,
        "APP": app,
    }
    # one pass, so text inserted for one placeholder is never scanned for another
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)
