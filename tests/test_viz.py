"""kg.analysis and kg.viz: the graph read from a store, its filters, paths, ranks, GraphML/GEXF,
and the HTML page (escaping, determinism, no network). The browser checks are in
test_viz_browser.py."""
from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import api
from kg.analysis import EDGE_RELATIONS, RELATIONS, GraphFilter, filtered
from kg.cli import cli
from kg.errors import InputError, UnknownNameError
from kg.resources import TEMPLATES_DIR
from kg.viz import LARGE_GRAPH, embed_json, render_page

# Our own sentences about made-up companies, so the expected graph is known exactly.
LEXICON = [
    {"id": "orchard-health", "label": "Orchard Health", "type": "HealthSystem", "aliases": []},
    {"id": "lumen-labs", "label": "Lumen Labs", "type": "Company", "aliases": ["Lumen"]},
    {"id": "quill-model", "label": "Quill model", "type": "AIModel", "aliases": ["Quill"]},
    {"id": "nimbus-cloud", "label": "Nimbus Cloud", "type": "Platform", "aliases": []},
    {"id": "bramble-ai", "label": "Bramble AI", "type": "Company", "aliases": []},
    {"id": "fennel-analytics", "label": "Fennel Analytics", "type": "Company", "aliases": []},
    {"id": "pebble-ventures", "label": "Pebble Ventures", "type": "Investor", "aliases": []},
]
DOCUMENTS = {
    "orchard.txt": """title: Orchard Health signs a model deal
---
Orchard Health and Lumen Labs announced a partnership on Tuesday.
Lumen Labs develops the Quill model.
The Quill model is owned by Orchard Health, not Lumen Labs.
Lumen Labs will distribute the Quill model to other hospitals.
The Quill model will be available via Nimbus Cloud.
Lumen Labs competes with Bramble AI.
Orchard Health has 4,200 employees.
""",
    "bramble.txt": """title: Bramble AI buys a startup
---
Pebble Ventures invested in Bramble AI.
Bramble AI acquired Fennel Analytics for $40 million in 2025.
Lumen Labs develops the Quill model.
""",
}
ENTITY = "https://w3id.org/dealkg/id/entity/"


def write_corpus(folder: Path, documents: dict[str, str], lexicon: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    lexicon_file = folder.parent / f"{folder.name}-lexicon.jsonl"
    lexicon_file.write_text("".join(json.dumps(row) + "\n" for row in lexicon), encoding="utf-8")
    return lexicon_file


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("viz")
    lexicon = write_corpus(root / "docs", DOCUMENTS, LEXICON)
    report = api.ingest([root / "docs"], store=root / "store", lexicon=[lexicon])
    assert not report.failed
    return root / "store"


@pytest.fixture(scope="module")
def graph(store: Path) -> nx.MultiDiGraph:
    return api.graph(store)


def labels(g: nx.MultiDiGraph) -> set[str]:
    return {d["label"] for _, d in g.nodes(data=True)}


def facts(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    """(subject, relation, object) labels of the facts, 'not ' before a denied relation."""
    return {(g.nodes[u]["label"], ("not " if d["denied"] else "") + d["relation"], g.nodes[v]["label"])
            for u, v, d in g.edges(data=True) if d["relation"] != "party"}


def edge(g: nx.MultiDiGraph, subject: str, key: str, obj: str) -> dict:
    return g.edges[ENTITY + subject, ENTITY + obj, key]


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph shaped like kg.analysis.read_graph's: a few hubs, many leaves, every relation."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(sources=["Synthetic source"])
    kinds = [("Company", "Organization"), ("HealthSystem", "Organization"), ("AIModel", "Product"),
             ("Platform", "Product"), ("Person", "Person")]
    ids = [f"{ENTITY}e{i:05d}" for i in range(n)]
    for i, node in enumerate(ids):
        kind, family = kinds[i % len(kinds)]
        g.add_node(node, label=f"Entity {i}", type=kind, family=family, aliases=[], figures=[])
    for i in range(1, n):
        j = rng.randrange(i) if rng.random() < 0.5 else rng.randrange(max(1, i // 50))
        rel = RELATIONS[i % len(RELATIONS)]
        g.add_edge(ids[j], ids[i], key=rel, relation=rel, denied=False, support=1, modality="actual",
                   sources=["Synthetic source"],
                   evidence=[{"source": "Synthetic source", "sentence": f"Entity {j} and entity {i}."}])
    return g


# the graph ---------------------------------------------------------------------------------------

def test_the_graph_holds_entities_facts_denials_and_deals(graph: nx.MultiDiGraph) -> None:
    assert {"Orchard Health", "Lumen Labs", "Quill model", "Nimbus Cloud", "Bramble AI",
            "Fennel Analytics", "Pebble Ventures"} <= labels(graph)
    assert {("Lumen Labs", "develops", "Quill model"), ("Orchard Health", "owns", "Quill model"),
            ("Lumen Labs", "not owns", "Quill model"), ("Bramble AI", "acquired", "Fennel Analytics"),
            ("Pebble Ventures", "investsIn", "Bramble AI"),
            ("Quill model", "availableVia", "Nimbus Cloud")} <= facts(graph)
    lumen = graph.nodes[ENTITY + "lumen-labs"]
    assert (lumen["type"], lumen["family"], lumen["aliases"]) == ("Company", "Organization", ["Lumen"])
    assert [4200, "employees", "employees"] in graph.nodes[ENTITY + "orchard-health"]["figures"]
    deals = [d for _, d in graph.nodes(data=True) if d["family"] == "Deal"]
    assert {d["type"] for d in deals} >= {"Partnership", "Acquisition", "Investment"}


def test_an_edge_carries_its_sentences_sources_and_support(graph: nx.MultiDiGraph) -> None:
    develops = edge(graph, "lumen-labs", "develops", "quill-model")
    assert develops["support"] == 2
    assert develops["sources"] == ["Bramble AI buys a startup", "Orchard Health signs a model deal"]
    assert {e["sentence"] for e in develops["evidence"]} == {"Lumen Labs develops the Quill model."}
    assert edge(graph, "lumen-labs", "distributes", "quill-model")["modality"] == "planned"
    denied = edge(graph, "lumen-labs", "owns/denied", "quill-model")
    assert denied["denied"] and denied["evidence"][0]["sentence"] == (
        "The Quill model is owned by Orchard Health, not Lumen Labs.")


def test_a_symmetric_relation_is_one_edge_per_pair(graph: nx.MultiDiGraph) -> None:
    rivals = [(u, v) for u, v, d in graph.edges(data=True) if d["relation"] == "competesWith"]
    assert rivals == [(ENTITY + "bramble-ai", ENTITY + "lumen-labs")]
    assert not any(d["arrows"]["to"]["enabled"] for d in
                   embedded_data(render_page(graph, "s", GraphFilter()).html)["edges"]
                   if d["kg"]["relation"] in ("competesWith", "partnersWith"))


# filters -----------------------------------------------------------------------------------------

def test_focus_keeps_the_neighbourhood_by_label_or_alias_in_any_case(graph: nx.MultiDiGraph) -> None:
    near = filtered(graph, GraphFilter(focus="lumen", depth=1))
    assert {"Lumen Labs", "Quill model", "Orchard Health", "Bramble AI"} <= labels(near)
    assert "Fennel Analytics" not in labels(near)  # two hops away, through Bramble AI
    assert "Fennel Analytics" in labels(filtered(graph, GraphFilter(focus="LUMEN LABS", depth=2)))
    assert labels(filtered(graph, GraphFilter(focus="Lumen Labs", depth=0))) == {"Lumen Labs"}


def test_relation_type_and_support_filters(graph: nx.MultiDiGraph) -> None:
    assert facts(filtered(graph, GraphFilter(relations=("develops",)))) == {
        ("Lumen Labs", "develops", "Quill model")}
    owns = filtered(graph, GraphFilter(relations=("owns",)))
    assert facts(owns) == {("Orchard Health", "owns", "Quill model"),
                           ("Lumen Labs", "not owns", "Quill model")}
    assert facts(filtered(graph, GraphFilter(types=("Product",)))) == {
        ("Quill model", "availableVia", "Nimbus Cloud")}
    assert facts(filtered(graph, GraphFilter(min_support=2))) == {("Lumen Labs", "develops", "Quill model")}
    orgs = filtered(graph, GraphFilter(types=("organization", "Deal")))
    assert {d["family"] for _, d in orgs.nodes(data=True)} == {"Organization", "Deal"}


def test_figures_can_be_left_out(graph: nx.MultiDiGraph) -> None:
    without = filtered(graph, GraphFilter(figures=False))
    assert all(d["figures"] == [] for _, d in without.nodes(data=True))
    assert filtered(graph, GraphFilter()).nodes[ENTITY + "orchard-health"]["figures"]


@pytest.mark.parametrize(("chosen", "error", "message"), [
    (GraphFilter(relations=("owner",)), UnknownNameError,
     "unknown relation 'owner' (known: " + ", ".join(EDGE_RELATIONS) + ")"),
    (GraphFilter(types=("Robot",)), UnknownNameError, "unknown type 'Robot' (known: "),
    (GraphFilter(focus="Nobody Inc"), UnknownNameError, "no entity called 'Nobody Inc' in the store"),
    (GraphFilter(focus="Fennel Analytics", relations=("owns",)), InputError,
     "'Fennel Analytics' has no facts left after the filters"),
])
def test_filter_errors_are_one_line_and_say_what_is_known(
        graph: nx.MultiDiGraph, chosen: GraphFilter, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        filtered(graph, chosen)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


# path and rank -----------------------------------------------------------------------------------

def test_path_lists_the_facts_on_the_way(store: Path) -> None:
    result = api.path("Orchard Health", "fennel analytics", store=store)
    steps = [(r["step"], r["subject"], r["relation"], r["object"]) for r in result.rows]
    assert steps == [(1, "Lumen Labs", "partnersWith", "Orchard Health"),
                     (2, "Bramble AI", "competesWith", "Lumen Labs"),
                     (3, "Bramble AI", "acquired", "Fennel Analytics")]
    assert result.rows[2]["evidence"] == "Bramble AI acquired Fennel Analytics for $40 million in 2025."


def test_path_errors(store: Path) -> None:
    with pytest.raises(UnknownNameError, match="no entity called 'Nobody'"):
        api.path("Nobody", "Lumen Labs", store=store)
    with pytest.raises(InputError, match="same entity"):
        api.path("Lumen", "Lumen Labs", store=store)


def test_a_denied_claim_is_no_link() -> None:
    g = synthetic_graph(3)
    g.remove_edges_from(list(g.edges(keys=True)))
    a, b, _ = list(g)
    g.add_edge(a, b, key="owns/denied", relation="owns", denied=True, support=1, modality="actual",
               sources=[], evidence=[])
    from kg.analysis import shortest_path

    with pytest.raises(InputError, match="no chain of facts links"):
        shortest_path(g, "Entity 0", "Entity 1")


def test_rank_puts_the_best_connected_first(store: Path) -> None:
    result = api.rank(limit=3, store=store)
    assert result.variables == ["rank", "entity", "type", "score", "facts"]
    assert [r["rank"] for r in result.rows] == [1, 2, 3]
    # Bramble AI and Lumen Labs link the two articles; Bramble AI also has two deals
    assert [(r["entity"], r["facts"]) for r in result.rows[:2]] == [("Bramble AI", 3), ("Lumen Labs", 4)]
    between = api.rank(by="betweenness", limit=2, store=store)
    assert {r["entity"] for r in between.rows} == {"Bramble AI", "Lumen Labs"}
    with pytest.raises(UnknownNameError, match="unknown ranking 'degree'"):
        api.rank(by="degree", store=store)


# GraphML / GEXF ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("suffix", "reader"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_graph_files_round_trip_through_networkx(store: Path, graph: nx.MultiDiGraph, tmp_path: Path,
                                                 suffix: str, reader) -> None:
    out = tmp_path / f"g{suffix}"
    data = api.export(out, store=store)
    assert out.read_bytes() == data == api.export(None, suffix[1:], store=store)  # deterministic
    back = reader(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(),
                                                                graph.number_of_edges())
    lumen = back.nodes[ENTITY + "lumen-labs"]
    assert (lumen["label"], lumen["type"], lumen["aliases"]) == ("Lumen Labs", "Company", "Lumen")
    develops = [d for u, v, d in back.edges(data=True) if d["relation"] == "develops"]
    assert develops[0]["support"] == 2
    assert develops[0]["evidence"].splitlines() == [
        "Lumen Labs develops the Quill model. [Bramble AI buys a startup]",
        "Lumen Labs develops the Quill model. [Orchard Health signs a model deal]"]


def test_export_format_names_the_graph_formats(store: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", "--store", str(store), "--format", "gexf",
                                 "-o", str(tmp_path / "g.xml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.xml").read_bytes().startswith(b"<?xml")
    with pytest.raises(UnknownNameError, match="graphml, gexf"):
        api.export(tmp_path / "x", "dot", store=store)


# the page ----------------------------------------------------------------------------------------

def test_viz_writes_a_page_whose_data_is_the_graph(store: Path, tmp_path: Path) -> None:
    report = api.viz(tmp_path / "g.html", store=store)
    data = embedded_data(report.path.read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == (report.nodes, report.edges)
    assert report.warnings == []
    develops = next(e for e in data["edges"] if e["kg"]["relation"] == "develops")
    assert develops["kg"]["support"] == 2 and develops["label"] == "develops"
    denied = next(e for e in data["edges"] if e["kg"]["denied"])
    assert denied["dashes"] and denied["label"] == "not owns"
    assert next(e for e in data["edges"] if e["kg"]["relation"] == "competesWith")["dashes"]
    assert "2 sources" in data["subtitle"]
    shapes = {n["kg"]["family"]: n["shape"] for n in data["nodes"]}
    assert len(set(shapes.values())) == len(shapes)  # organizations, products, deals look different
    assert {t["label"] for t in data["legend"]["types"]} >= {"Company", "AI model", "Platform", "Deal"}


def test_two_renders_are_byte_identical(store: Path, tmp_path: Path) -> None:
    first = api.viz(tmp_path / "a.html", store=store).path.read_bytes()
    second = api.viz(tmp_path / "b.html", store=store).path.read_bytes()
    assert first == second
    focus = api.viz(tmp_path / "c.html", focus="Bramble AI", depth=1, store=store)
    assert focus.path.read_bytes() == api.viz(tmp_path / "d.html", focus="bramble ai",
                                              store=store).path.read_bytes()


def test_the_page_loads_nothing_from_the_network(store: Path, tmp_path: Path) -> None:
    page = api.viz(tmp_path / "g.html", store=store).path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert not re.search(r"<(?:img|iframe|object|embed)\b", page, re.I)
    assert "default-src 'none'" in page  # and a Content-Security-Policy forbids any fetch
    assert page.count("<script") == 3  # the data, vis-network and ours
    assert "sourceMappingURL" not in page


def test_our_page_code_never_parses_text_as_html() -> None:
    for name in ("graph.js", "graph.html"):
        code = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code), name


HOSTILE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> \"q\" 'a' & \u2028\u2029"


def test_document_text_is_escaped_in_the_embedded_json() -> None:
    g = synthetic_graph(2)
    g.nodes[f"{ENTITY}e00000"]["label"] = HOSTILE
    page = render_page(g, "s", GraphFilter(focus=None)).html
    data_block = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in data_block
    assert "\\u003c/script\\u003e" in data_block
    assert embedded_data(page)["nodes"][0]["label"] == HOSTILE
    assert embedded_data(page)["nodes"][0]["kg"]["name"] == HOSTILE


def test_embed_json_round_trips() -> None:
    value = {"a": HOSTILE, "b": [1, 2.5, None, True]}
    assert json.loads(embed_json(value)) == value


def test_the_title_of_a_focused_page_is_escaped(tmp_path: Path) -> None:
    g = synthetic_graph(2)
    page = render_page(g, "s", GraphFilter(focus="x"), focus_label="<b>Bold</b> & co").html
    assert "<title>kg: &lt;b&gt;Bold&lt;/b&gt; &amp; co and what lies within 1 hop</title>" in page


def test_an_empty_view_still_renders_with_a_warning() -> None:
    page = render_page(nx.MultiDiGraph(sources=[]), "s", GraphFilter())
    assert page.warnings == ["nothing to show: no entity is left after the filters (the page is empty)"]
    assert embedded_data(page.html)["nodes"] == []


def test_a_large_graph_gets_precomputed_positions_fast() -> None:
    g = synthetic_graph(5000)
    started = time.perf_counter()
    first = render_page(g, "s", GraphFilter())
    seconds = time.perf_counter() - started
    data = embedded_data(first.html)
    assert data["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 0.95 * len(data["nodes"])
    assert first.warnings and "--focus NAME" in first.warnings[0]
    assert seconds < 15, f"rendering 5,000 nodes took {seconds:.1f} s"
    assert render_page(g, "s", GraphFilter()).html == first.html


def test_a_small_graph_stabilises_with_a_capped_iteration_count() -> None:
    data = embedded_data(render_page(synthetic_graph(LARGE_GRAPH), "s", GraphFilter()).html)
    physics = data["options"]["physics"]
    assert physics["enabled"] and 0 < physics["stabilization"]["iterations"] <= 600
    assert data["options"]["layout"]["randomSeed"] == 7
    assert "x" not in data["nodes"][0]


# command line ------------------------------------------------------------------------------------

def test_kg_viz_reports_what_it_wrote(store: Path, runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    result = runner.invoke(cli, ["viz", "--store", str(store), "-o", str(out), "--focus", "Lumen Labs",
                                 "--relation", "develops", "--relation", "owns", "--no-figures"])
    assert result.exit_code == 0, result.output
    # Lumen Labs develops the Quill model and does not own it; its owner is two hops away
    assert result.stderr == f"wrote {out} (2 nodes, 2 edges)\n"
    assert result.stdout == ""


def test_kg_viz_errors_are_one_line(store: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["viz", "--store", str(store), "-o", str(tmp_path / "x.html"),
                                 "--relation", "buys"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: unknown relation 'buys' (known: " + ", ".join(EDGE_RELATIONS) + ")\n")
    assert not (tmp_path / "x.html").exists()


def test_kg_viz_help_names_every_relation(runner: CliRunner) -> None:
    help_text = " ".join(runner.invoke(cli, ["viz", "--help"]).stdout.split())
    assert all(name in help_text for name in EDGE_RELATIONS)


def test_kg_path_and_rank_print_tables(store: Path, runner: CliRunner) -> None:
    path = runner.invoke(cli, ["path", "Orchard Health", "Bramble AI", "--store", str(store),
                               "--format", "csv"])
    assert path.exit_code == 0, path.output
    assert path.stdout.splitlines()[0] == "step,subject,relation,object,sources,evidence"
    assert len(path.stdout.splitlines()) == 3
    rank = runner.invoke(cli, ["rank", "--store", str(store), "--limit", "2", "--format", "json"])
    assert rank.exit_code == 0, rank.output
    assert [r["entity"] for r in json.loads(rank.stdout)] == ["Bramble AI", "Lumen Labs"]
