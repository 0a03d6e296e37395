"""`kill -9` in the middle of `kg ingest` leaves a store that opens, with every document either
fully in or fully out, and with no document that was stored before the ingest lost.

The documents are generated here (never copied from a corpus). What "fully in" means is computed
in this process from the same pipeline a clean ingest runs: the graph of each document present
after the crash must be exactly the graph a clean ingest of that one document writes.
"""
from __future__ import annotations

import hashlib
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import api
from kg.documents import load_document
from kg.rdf.build import build_triples, graph_iri
from kg.store import Store

DOCS = 300
COMPANIES = ["Microsoft", "Oracle", "Cerner", "Mayo Clinic", "NVIDIA", "Amazon", "Google", "IBM",
             "Abridge", "Anthropic", "OpenAI", "Apple", "Mercy", "Cleveland Clinic", "UCSF"]
PRODUCTS = ["Microsoft Azure", "Google Cloud", "Oracle Cloud", "Amazon Web Services", "Claude",
            "ChatGPT", "Gemini", "Cerner Millennium"]


def article(i: int, edition: int = 1) -> str:
    """A short deal article; `edition` 2 adds a sentence, so its graph differs from edition 1."""
    rnd = random.Random(i)
    a, b, c = rnd.sample(COMPANIES, 3)
    product = rnd.choice(PRODUCTS)
    lines = [f"title: Deal note {i}: {a} and {b}", "publisher: Crash Test Wire",
             f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "---",
             f"{a} announced a partnership with {b} on clinical documentation.",
             f"{c} acquired a small analytics firm for ${10 + i} million in {2000 + i % 24}."]
    if i % 3 == 0:
        lines.append(f"{a} invested ${i % 50 + 5} million in {c}.")
    if i % 4 == 0:
        lines.append(f"The tool is available via {product}.")
    if edition == 2:
        lines.append(f"{b} and {c} also announced a partnership in note {i}.")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, edition: int = 1, only: range | None = None) -> None:
    folder.mkdir(exist_ok=True)
    for i in only or range(DOCS):
        (folder / f"note-{i:03d}.txt").write_text(article(i, edition), encoding="utf-8")


def expected_graphs(folder: Path) -> dict[str, tuple[str, int, int]]:
    """graph IRI -> (sha256, triples, claims) of a clean ingest of each file on its own."""
    from rdflib.namespace import RDF

    from kg.extract.pipeline import Pipeline
    from kg.rdf.vocab import KG

    pipeline = Pipeline()
    out = {}
    for path in sorted(folder.glob("*.txt")):
        doc = load_document(path)
        triples = build_triples(pipeline(doc))
        claims = sum(1 for _, p, o in triples if p == RDF.type and o == KG.Claim)
        out[str(graph_iri(doc.id))] = (hashlib.sha256(path.read_bytes()).hexdigest(), len(triples), claims)
    return out


def stored_graphs(store: Path) -> dict[str, tuple[str | None, int, int, bool]]:
    """graph IRI -> (sha256, triples, claims, has its kg:Source node) as the store holds them."""
    import pyoxigraph as ox

    kg = "https://w3id.org/dealkg/ns#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    out = {}
    with Store.open(store) as db:  # opening at all is the first check
        for graph in db.graphs():
            quads = list(db.db.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
            sha = [q.object.value for q in quads if q.predicate.value == kg + "sha256"]
            claims = sum(1 for q in quads if q.predicate == rdf_type and q.object.value == kg + "Claim")
            source = any(q.predicate == rdf_type and q.object.value == kg + "Source" for q in quads)
            out[graph] = (sha[0] if len(sha) == 1 else None, len(quads), claims, source)
    return out


def assert_whole(stored: dict, *editions: dict) -> None:
    """Every graph in the store is, exactly, one edition's clean graph of that document."""
    for graph, (sha, triples, claims, source) in stored.items():
        assert source, f"{graph}: no kg:Source node (a half-written document)"
        assert sha is not None, f"{graph}: no kg:sha256 (a half-written document)"
        matches = [e[graph] for e in editions if graph in e and e[graph][0] == sha]
        assert matches, f"{graph}: sha256 {sha[:12]} is no version of the document"
        assert (triples, claims) == matches[0][1:], (
            f"{graph}: {triples} triples / {claims} claims stored, a clean ingest gives "
            f"{matches[0][1]} / {matches[0][2]}")


def database_files(store: Path) -> dict[str, int]:
    """Sizes of the database's write-ahead logs, which grow when a transaction commits, and of its
    MANIFEST, which grows when a bulk load's files are taken in (and when RocksDB compacts in the
    background; tables, .sst, change then too)."""
    try:
        return {p.name: p.stat().st_size for p in (store / "oxigraph").iterdir()
                if p.suffix == ".log" or p.name.startswith("MANIFEST-")}
    except FileNotFoundError:  # RocksDB renamed or deleted a file while we looked
        return {}


def ingest_and_kill(folder: Path, store: Path, at_percent: int) -> bool:
    """Run the real `kg ingest` and SIGKILL it right after a transaction commits, once its
    progress bar has reached `at_percent`. Killing just after a commit is what catches a
    document written in several transactions: the kill falls between two of them. (The bar is
    drawn only on a terminal, hence the pseudo-terminal.) True if it was killed."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    shown = b""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait for the bar to reach at_percent
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the ingest closed the terminal: it finished
                return False
            if not chunk:
                return False
            shown = (shown + chunk)[-200:]
            percents = re.findall(rb"(\d+)%", shown)
            if percents and int(percents[-1]) >= at_percent:
                break
        before = database_files(store)
        while proc.poll() is None and time.monotonic() < deadline:
            if database_files(store) != before:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.0005)
        return False
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def kg_ingest(folder: Path, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Path, dict]:
    root = tmp_path_factory.mktemp("crash")
    first, second = root / "first", root / "second"
    write_corpus(first)
    write_corpus(second, edition=2)
    return first, expected_graphs(first), second, expected_graphs(second)


def test_kill_9_leaves_every_document_fully_in_or_fully_out(editions, tmp_path: Path) -> None:
    folder, clean, _, _ = editions
    store = tmp_path / "store"
    present = 0
    for at_percent in (20, 55):  # killed twice: the second run resumes the first
        killed = ingest_and_kill(folder, store, at_percent)
        assert killed, "the ingest finished before it could be killed; raise DOCS"
        stored = stored_graphs(store)
        assert_whole(stored, clean)
        assert present <= len(stored) < DOCS, f"killed at {at_percent}%"
        present = len(stored)

    # a re-ingest completes the rest and redoes nothing that is already whole
    done = kg_ingest(folder, store)
    assert done.returncode == 0, done.stderr
    assert f"{DOCS - present} added" in done.stdout, done.stdout
    final = stored_graphs(store)
    assert set(final) == set(clean)
    assert_whole(final, clean)


def test_kill_9_while_replacing_loses_no_document(editions, tmp_path: Path) -> None:
    """Each changed document replaces its graph; killed midway, every document is still there,
    in its old or its new version, never missing or mixed."""
    first, clean1, second, clean2 = editions
    store = tmp_path / "store"
    assert api.ingest([first], store=store).added == DOCS  # in this process: the set-up, not the test

    assert ingest_and_kill(second, store, 40), "the ingest finished before the kill"
    stored = stored_graphs(store)
    assert len(stored) == DOCS, f"{DOCS - len(stored)} documents lost by a crash while replacing"
    assert_whole(stored, clean1, clean2)
    replaced = sum(1 for g, row in stored.items() if row[0] == clean2[g][0])
    assert 0 < replaced < DOCS, f"{replaced} replaced: the kill missed the writes"
