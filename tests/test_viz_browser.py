"""The HTML graph in a real browser: Debian's headless Chromium driven by Selenium through Debian's
chromedriver (no browser is downloaded). Checks that pages open offline without errors or
network requests, show every node and edge, and show hostile document text as text."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, require_or_skip
from test_viz import synthetic_graph, write_corpus

from kg import api
from kg.analysis import GraphFilter
from kg.resources import DEMO_CORPUS_DIR
from kg.viz import render_page

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,900"]
SCREENSHOT = PROJECT / "output" / "graph.png"


def browser_missing() -> str:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.access(path, os.X_OK) or shutil.which(Path(path).name) == path):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return ""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    missing = browser_missing()
    require_or_skip(not missing, missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@dataclass
class Loaded:
    errors: list[str]
    requests: list[str]
    seconds: float


def load(driver: Any, page: Path, timeout: float = 60) -> Loaded:
    """Open the page from file:// and wait until its graph has settled (physics off)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("performance")  # drop what earlier pages left in the logs
    driver.get_log("browser")
    started = time.perf_counter()
    driver.get(page.as_uri())
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-ready')") == "1")
    seconds = time.perf_counter() - started
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    requests = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
    requests += [e["params"]["url"] for e in events if e["method"] == "Network.webSocketCreated"]
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    return Loaded(errors, requests, seconds)


def assert_offline(loaded: Loaded, page: Path) -> None:
    assert loaded.errors == []
    # the page itself, data: URIs in vis-network's CSS, and chrome:// resources the browser draws
    # its own controls with (a search box's clear icon, seen once in CI) are no fetch
    fetched = [u for u in loaded.requests
               if u != page.as_uri() and not u.startswith(("data:", "chrome://"))]
    assert fetched == []


def counts(driver: Any) -> dict[str, int]:
    return driver.execute_script(
        "return {nodes: kg.nodes.length, edges: kg.edges.length, shownNodes: kg.nodeView.length,"
        " shownEdges: kg.edgeView.length, drawnNodes: kg.network.body.nodeIndices.length,"
        " drawnEdges: kg.network.body.edgeIndices.length}")


def test_the_demo_graph_opens_offline_and_shows_everything(browser: Any, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the page names its store relative to here: "demo-store"
    api.ingest([DEMO_CORPUS_DIR], store="demo-store")
    report = api.viz(tmp_path / "graph.html", store="demo-store")
    loaded = load(browser, report.path)
    assert_offline(loaded, report.path)
    n, e = report.nodes, report.edges
    assert counts(browser) == {"nodes": n, "edges": e, "shownNodes": n, "shownEdges": e,
                               "drawnNodes": n, "drawnEdges": e}
    assert browser.execute_script("return kg.network.physics.physicsEnabled") is False
    SCREENSHOT.parent.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))


def test_relation_checkboxes_and_search_work(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    g = synthetic_graph(40)
    page = tmp_path / "g.html"
    page.write_text(render_page(g, "synthetic", GraphFilter()).html, encoding="utf-8")
    load(browser, page)
    owns = sum(1 for *_, d in g.edges(data=True) if d["relation"] == "owns")
    boxes = browser.find_elements(By.CSS_SELECTOR, "#legend-relations input[type=checkbox]")
    boxes[0].click()  # the first relation in the legend is owns
    assert counts(browser)["shownEdges"] == g.number_of_edges() - owns
    boxes[0].click()
    assert counts(browser)["shownEdges"] == g.number_of_edges()
    browser.find_element(By.ID, "search").send_keys("entity 17")
    browser.find_element(By.CSS_SELECTOR, "#find button").click()
    assert browser.execute_script("return kg.network.getSelectedNodes()") == [
        "https://w3id.org/dealkg/id/entity/e00017"]
    assert browser.find_element(By.CSS_SELECTOR, "#details h3").text == "Entity 17"


HOSTILE_LEXICON = [
    {"id": "evil-script", "label": "<script>alert(1)</script> Corp", "type": "Company",
     "aliases": ["ScriptCo"]},
    {"id": "evil-img", "label": "<img src=x onerror=alert(2)> Labs", "type": "Company",
     "aliases": ['"ImgLabs" & Co']},
    {"id": "evil-option", "label": "Option</option><b>bold</b> Model", "type": "AIModel",
     "aliases": ["it's \"quoted\""]},
]
HOSTILE_TITLE = '<script>alert(3)</script> & "quotes" </title>'
HOSTILE_DOCUMENT = f"""title: {HOSTILE_TITLE}
---
<script>alert(1)</script> Corp acquired <img src=x onerror=alert(2)> Labs.
<img src=x onerror=alert(2)> Labs develops the Option</option><b>bold</b> Model.
<script>alert(1)</script> Corp competes with <img src=x onerror=alert(2)> Labs.
"""


def test_hostile_names_and_sentences_stay_text(browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    lexicon = write_corpus(tmp_path / "docs", {"evil.txt": HOSTILE_DOCUMENT}, HOSTILE_LEXICON)
    store = tmp_path / "store"
    api.ingest([tmp_path / "docs"], store=store, lexicon=[lexicon])
    report = api.viz(tmp_path / "evil.html", store=store)
    assert report.edges >= 3  # the extractor found the facts, so the names reach the page
    loaded = load(browser, report.path)
    assert_offline(loaded, report.path)
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    injected = browser.execute_script(
        "return {img: document.querySelectorAll('img').length, b: document.querySelectorAll('b').length,"
        " scripts: document.querySelectorAll('script').length,"
        " handlers: document.querySelectorAll('[onerror]').length,"
        " options: Array.from(document.querySelectorAll('#names option')).map(o => o.value).sort()}")
    names = sorted(d["label"] for _, d in api.graph(store).nodes(data=True))
    assert {row["label"] for row in HOSTILE_LEXICON} <= set(names)
    assert injected == {"img": 0, "b": 0, "scripts": 3, "handlers": 0, "options": names}

    # hovering a node: vis-network's tooltip shows our element, holding the name as text
    evil_img = "https://w3id.org/dealkg/id/entity/evil-img"
    x, y = browser.execute_script(
        "var p = kg.network.canvasToDOM(kg.network.getPosition(arguments[0]));"
        "var r = document.querySelector('#graph canvas').getBoundingClientRect();"
        "return [Math.round(r.left + p.x), Math.round(r.top + p.y)];", evil_img)
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    rect = canvas.rect
    ActionChains(browser).move_to_element_with_offset(
        canvas, x - round(rect["x"] + rect["width"] / 2), y - round(rect["y"] + rect["height"] / 2)).perform()
    tooltip = WebDriverWait(browser, 5).until(
        lambda d: d.execute_script("var t = document.querySelector('div.vis-tooltip');"
                                   "return t && t.style.visibility !== 'hidden' && t.textContent"))
    assert tooltip.startswith("<img src=x onerror=alert(2)> Labs")
    assert '"ImgLabs" & Co' in tooltip

    # finding a node by its hostile name opens its details, as text
    browser.find_element(By.ID, "search").send_keys("Option</option>")
    browser.find_element(By.CSS_SELECTOR, "#find button").click()
    assert browser.find_element(By.CSS_SELECTOR, "#details h3").text == "Option</option><b>bold</b> Model"

    # an edge's evidence: the sentence and the source title, literally
    acquired = browser.execute_script(
        "return kg.edges.get({filter: e => e.kg.relation === 'acquired'})[0].id")
    browser.execute_script("kg.showEdge(arguments[0])", acquired)
    quote = browser.find_element(By.CSS_SELECTOR, "#details blockquote")
    assert quote.find_element(By.TAG_NAME, "cite").get_attribute("textContent") == HOSTILE_TITLE
    assert quote.get_attribute("textContent") == (
        "<script>alert(1)</script> Corp acquired <img src=x onerror=alert(2)> Labs." + HOSTILE_TITLE)
    assert browser.execute_script("return document.querySelectorAll('img, b').length") == 0
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text


def test_five_thousand_nodes_still_render(browser: Any, tmp_path: Path) -> None:
    g = synthetic_graph(5000)
    page = tmp_path / "big.html"
    page.write_text(render_page(g, "synthetic", GraphFilter()).html, encoding="utf-8")
    loaded = load(browser, page)
    assert_offline(loaded, page)
    assert counts(browser)["drawnNodes"] == 5000
    assert loaded.seconds < 30, f"the page took {loaded.seconds:.1f} s to draw"
