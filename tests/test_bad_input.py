"""Broken and hostile input: each case gets a one-line error naming the problem and a non-zero
exit code, never a traceback, and the store built before it is left as it was.

Semantics of a folder where some files are bad: the good files are ingested, each bad one is
listed on stderr as "skipped: PATH: reason", the summary goes to stdout and the exit code is 1.
When nothing at all could be ingested, the run is an error: one "Error:" line (after the
"skipped:" lines when there were several files).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kg import api
from kg.cli import cli
from kg.store import Store

# Written for these tests (not taken from any corpus).
GOOD = """title: Harbor notes on three deals
publisher: Test Gazette
date: 2025-03-02
---
Mayo Clinic and Microsoft announced a partnership to build a clinical AI model.
Microsoft owns LinkedIn.
Oracle acquired Cerner for $28.3 billion in 2022.
"""
OTHER = """title: Another note
---
Microsoft owns Nuance Communications.
"""


def run(*args: str | Path, env: dict[str, str] | None = None):
    from click.testing import CliRunner

    return CliRunner(env=env).invoke(cli, [str(a) for a in args])


def assert_one_line_error(result, *fragments: str, code: int = 1) -> str:
    """Exit `code`, no traceback, exactly one "Error:" line on stderr that holds `fragments`."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])
    return errors[0]


def assert_process_error(proc: subprocess.CompletedProcess[str], *fragments: str, code: int = 1) -> str:
    """The same check on a real process: what a user sees in a terminal."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])
    return errors[0]


def kg_process(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 120):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def snapshot(store: Path) -> tuple[int, list[dict], list[str]]:
    """Triple count, the answers to `kg query --name owners`, and the sources."""
    with Store.open(store) as db:
        triples = len(db)
        graphs = db.graphs()
    return triples, api.query(name="owners", store=store).rows, graphs


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    store = folder / "store"
    report = api.ingest([folder / "good.txt"], store=store)
    assert report.added == 1 and report.facts >= 3
    return store


@pytest.fixture
def store(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the good store; after the test it must still open and give the same answers."""
    path = tmp_path / "store"
    shutil.copytree(template, path)
    monkeypatch.setenv("KG_STORE", str(path))
    before = snapshot(path)
    assert before[0] > 0 and any(r["owned"] == "LinkedIn" for r in before[1])
    yield path
    assert snapshot(path) == before, "the store changed"


# --- paths and folders ---------------------------------------------------------------------

def test_missing_path(store: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("ingest", tmp_path / "nope.txt"), "nope.txt", "no such file or directory")


def test_folder_with_no_supported_files(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / ".hidden").mkdir(parents=True)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden" / "secret.txt").write_text(OTHER)  # dot-folders are never read
    assert_one_line_error(run("ingest", folder), "nothing to ingest", "inbox")


def test_unsupported_file_type(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"PK\x03\x04")
    assert_one_line_error(run("ingest", path), "deck.pptx", "unsupported file type '.pptx'", ".txt")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file(store: Path, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_one_line_error(run("ingest", path), "empty.txt", "empty file")


def test_header_only_is_an_empty_document(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "header.txt"
    path.write_text("title: Nothing below\n---\n\n")
    assert_one_line_error(run("ingest", path), "header.txt", "empty document")


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256))


def zipped(tmp_path: Path) -> bytes:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("article.txt", GOOD)
    return archive.read_bytes()


@pytest.mark.parametrize("kind", ["png", "pdf", "zip", "nul"])
def test_binary_file_named_txt(store: Path, tmp_path: Path, kind: str) -> None:
    data = {"png": png, "pdf": pdf, "nul": lambda: b"Microsoft owns LinkedIn.\x00\x00\x01\x02"}.get(
        kind, lambda: zipped(tmp_path))()
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(data)
    assert_one_line_error(run("ingest", path), f"{kind}.txt", "binary file, not text")


# --- encodings -----------------------------------------------------------------------------

def test_invalid_utf8_is_refused_naming_the_byte(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    # not UTF-8, and not Windows-1252 text either: bytes 0x81, 0x8d, 0x8f, 0x90 and 0x9d are unassigned
    path.write_bytes(b"Microsoft owns LinkedIn. " + b"\x81\x8d\x8f\x90\x9d" * 40)
    assert_one_line_error(run("ingest", path), "garbled.txt", "not UTF-8", "0x81", "offset 25")


def stored_text(store: Path) -> str:
    return api.export(fmt="nt", store=store).decode("utf-8")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-be-bom", "utf-16-le",
                                      "utf-8-sig"])
def test_other_encodings_are_decoded(tmp_path: Path, kg_home: Path, encoding: str) -> None:
    text = "title: Société Générale – café notes\n---\nMicrosoft owns LinkedIn in Zürich.\n"
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    elif encoding == "latin-1":
        data = text.replace("–", "-").encode("latin-1")
    else:  # "utf-16" writes a BOM; "utf-16-le" has none and is recognised by its zero bytes
        data = text.encode(encoding)
    path = tmp_path / "encoded.txt"
    path.write_bytes(data)
    result = run("ingest", path)
    assert result.exit_code == 0, result.stderr
    dump = stored_text(kg_home)
    assert "Soci\\u00E9t\\u00E9" in dump or "Société" in dump
    assert "Z\\u00FCrich" in dump or "Zürich" in dump
    rows = api.query(name="owners", store=kg_home).rows
    assert [(r["owner"], r["owned"]) for r in rows] == [("Microsoft", "LinkedIn")]


def test_broken_utf16_is_refused(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "half.txt"
    path.write_bytes(b"\xff\xfe" + "Microsoft owns".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert_one_line_error(run("ingest", path), "half.txt", "invalid UTF-16")


# --- size ----------------------------------------------------------------------------------

def test_a_50_mb_file_is_refused_naming_the_limit(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Microsoft announced a partnership with Mayo Clinic on a quiet Tuesday morning.\n"
    with path.open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    started = time.perf_counter()
    error = assert_one_line_error(run("ingest", path), "huge.txt", "50.0 MB", "20 MB size limit",
                                  "--max-size")
    assert time.perf_counter() - started < 20, "the size is checked before reading the file"
    assert "21 MB" not in error


def test_max_size_lowers_the_limit(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Microsoft owns LinkedIn.\n" * 60_000)  # 1.5 MB
    assert_one_line_error(run("ingest", path, "--max-size", "1"), "big.txt", "1.4 MB", "1 MB size limit")


def test_max_size_must_be_positive(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(OTHER)
    assert_one_line_error(run("ingest", path, "--max-size", "0"), "--max-size", code=2)


PEAK_RSS = """
import resource, sys, time
from kg import api
started = time.perf_counter()
report = api.ingest([sys.argv[1]], store=sys.argv[2])
seconds = time.perf_counter() - started
print(report.added, len(report.failed), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, seconds)
"""
RSS_LIMIT_MB = 600  # spaCy and the pipeline take ~130 MB; one 1 MB line must not multiply that


def one_megabyte_line() -> str:
    """1 MB of sentences with no newline, as a minified page or a pasted blob arrives."""
    filler = ("the board said quarterly revenue rose as analysts expected while shares moved little "
              "in early trading and executives pointed to steady demand from hospitals").split()
    names = ["Microsoft", "Mayo Clinic", "Oracle", "Cerner", "LinkedIn", "NVIDIA"]
    out, size, i = [], 0, 0
    while size < 1024 * 1024:
        i += 1
        if i % 50 == 0:
            sentence = f"{names[i % 6]} announced a partnership with {names[(i + 1) % 6]}."
        else:
            words = [filler[(i * 7 + k) % len(filler)] for k in range(12)]
            if i % 10 == 0:
                words[3] = names[i % 6]
            sentence = " ".join(words).capitalize() + "."
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)[:1024 * 1024]


def test_a_1_mb_single_line_is_ingested_within_memory_bounds(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_text(one_megabyte_line(), encoding="utf-8")
    assert "\n" not in path.read_text() and path.stat().st_size == 1024 * 1024
    try:
        proc = subprocess.run([sys.executable, "-c", PEAK_RSS, str(path), str(tmp_path / "s")],
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("ingesting a 1 MB single line took over 30 s (expected ~5 s): something is "
                    "quadratic in the length of a line (it was once kg/extract/sentences.py "
                    "rebuilding spaCy's Doc.text for every sentence)")
    assert proc.returncode == 0, proc.stderr
    added, failed, peak_kb, seconds = proc.stdout.split()
    assert (added, failed) == ("1", "0")
    peak_mb = int(peak_kb) / 1024
    print(f"1 MB single line: peak RSS {peak_mb:.0f} MB, {float(seconds):.1f} s")
    assert peak_mb < RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"


# --- HTML and headers ----------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head><title>Microsoft and Mayo Clinic team up</title>
<meta property="article:published_time" content="2025-13-45T10:00:00Z">
<style>.SECRETSTYLE { color: red } body::after { content: "Oracle acquired Cerner SECRETCSS" }</style>
<script>var s = "Oracle acquired Cerner. SECRETSCRIPT";</script></head>
<body><noscript>Oracle acquired Cerner. SECRETNOSCRIPT</noscript>
<p>Mayo Clinic and Microsoft announced a partnership to build a clinical AI model.</p>
<script type="application/ld+json">{"headline": "Oracle acquired Cerner. SECRETJSONLD"}</script>
<p onclick="alert('Oracle acquired Cerner SECRETATTR')">Microsoft owns LinkedIn.</p>
<template><p>Oracle acquired Cerner. SECRETTEMPLATE</p></template>
<!-- Oracle acquired Cerner. SECRETCOMMENT -->
<div hidden>Oracle acquired Cerner. SECRETHIDDEN</div>
<div style="display: none">Oracle acquired Cerner. SECRETDISPLAYNONE</div>
<svg><text>Oracle acquired Cerner. SECRETSVG</text></svg>
</body></html>
"""


def test_html_keeps_only_visible_text(tmp_path: Path, kg_home: Path) -> None:
    from kg.documents import load_document

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = load_document(path)
    assert "SECRET" not in doc.text, doc.text
    assert doc.title == "Microsoft and Mayo Clinic team up"
    assert doc.published is None  # 2025-13-45 is no date: dropped, not stored as an ill-typed literal

    result = run("ingest", path)
    assert result.exit_code == 0, result.stderr
    quotes = api.query("PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?q WHERE { ?s oa:exact ?q }",
                       store=kg_home).rows
    assert quotes and all("SECRET" not in r["q"] and "<" not in r["q"] for r in quotes)
    assert "SECRET" not in stored_text(kg_home)
    relations = {r["owned"] for r in api.query(name="owners", store=kg_home).rows}
    assert relations == {"LinkedIn"}  # and no "Oracle acquired Cerner" from the hidden parts
    acquisitions = api.query(name="acquisitions", store=kg_home).rows
    assert acquisitions == []


@pytest.mark.parametrize("value", ["2025-13-45", "yesterday", "2025-02-30", "20250302"])
def test_header_with_a_bad_date(store: Path, tmp_path: Path, value: str) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(f"title: A dated note\ndate: {value}\n---\nMicrosoft owns Nuance Communications.\n")
    assert_one_line_error(run("ingest", path), "dated.txt", f"bad date '{value}'", "YYYY-MM-DD")


# --- a folder with some bad files ----------------------------------------------------------

def test_some_bad_files_in_a_folder(template: Path, tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "store"
    shutil.copytree(template, store)
    monkeypatch.setenv("KG_STORE", str(store))
    triples = snapshot(store)[0]
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-good.txt").write_text(OTHER)
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-image.txt").write_bytes(png())
    (folder / "d-dated.txt").write_text("date: someday\n---\nOracle acquired Cerner.\n")
    result = run("ingest", folder)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 3, result.stderr
    assert "b-empty.txt: empty file" in skipped[0]
    assert "c-image.txt: binary file" in skipped[1]
    assert "d-dated.txt: bad date 'someday'" in skipped[2]
    assert not [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert "4 documents (1 added, 0 replaced, 0 unchanged, 3 failed)" in result.stdout
    after = snapshot(store)
    assert after[0] > triples and len(after[2]) == 2  # the good file went in, nothing was lost
    assert {r["owned"] for r in after[1]} >= {"LinkedIn", "Nuance Communications"}


def test_a_folder_of_only_bad_files_is_an_error(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(pdf())
    result = run("ingest", folder)
    assert_one_line_error(result, "none of the 2 documents could be ingested")
    assert len([line for line in result.stderr.splitlines() if line.startswith("skipped: ")]) == 2


def test_two_files_with_one_name_in_one_run_keep_the_first(template: Path, tmp_path: Path,
                                                          monkeypatch) -> None:
    """`outlet-a/news.txt` and `outlet-b/news.txt` are two articles with one source id: the
    second is refused by name (not silently put in place of the first), and says how to keep both."""
    store = tmp_path / "store"
    shutil.copytree(template, store)
    monkeypatch.setenv("KG_STORE", str(store))
    folder = tmp_path / "outlets"
    for outlet, text in (("outlet-a", OTHER), ("outlet-b", "Oracle owns Cerner.\n")):
        (folder / outlet).mkdir(parents=True)
        (folder / outlet / "news.txt").write_text(text)
    result = run("ingest", folder)
    assert result.exit_code == 1, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 1, result.stderr
    assert "outlet-b/news.txt: same source id 'news' as" in skipped[0]
    assert "outlet-a/news.txt" in skipped[0] and "rename" in skipped[0]
    assert "2 documents (1 added, 0 replaced, 0 unchanged, 1 failed)" in result.stdout
    owned = {r["owned"] for r in snapshot(store)[1]}
    assert "Nuance Communications" in owned and "Cerner" not in owned
    again = run("ingest", folder)  # the first file is unchanged, the second still refused
    assert again.exit_code == 1 and "(0 added, 0 replaced, 1 unchanged, 1 failed)" in again.stdout


# --- queries -------------------------------------------------------------------------------

def test_malformed_sparql_names_line_and_column(store: Path) -> None:
    bad = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }"
    line = assert_one_line_error(run("query", bad), "SPARQL syntax error at 3:", "expected")
    assert re.search(r"at 3:\d+: ", line)


def test_malformed_sparql_file(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT WHERE { ?s ?p ?o }")
    assert_one_line_error(run("query", "--file", path), "SPARQL syntax error at 1:")


def test_query_file_that_is_not_text(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_bytes(b"\xff\xfe\x00\x81")
    assert_one_line_error(run("query", "--file", path), "q.rq", "cannot read the query")


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX kg: <https://w3id.org/dealkg/ns#>\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DROP ALL",
    "# looks harmless\ndrop   graph <https://w3id.org/dealkg/id/graph/good>",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(store: Path, update: str) -> None:
    assert_one_line_error(run("query", update), "read-only", "refused")


def test_a_parameter_cannot_inject_sparql(store: Path) -> None:
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    result = run("query", "--name", "evidence", "--param", f"entity={hostile}", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- export --------------------------------------------------------------------------------

def test_unknown_export_format(store: Path) -> None:
    assert_one_line_error(run("export", "--format", "rdfxml"), "unknown export format 'rdfxml'",
                          "turtle, trig, nt, nquads, json-ld")  # the known ones are listed


@pytest.mark.parametrize("where", ["under-a-file", "missing-folder", "permission"])
def test_unwritable_output_path(store: Path, tmp_path: Path, monkeypatch, where: str) -> None:
    if where == "under-a-file":
        (tmp_path / "plain").write_text("x")
        target, fragment = tmp_path / "plain" / "kg.ttl", "Not a directory"
    elif where == "missing-folder":
        target, fragment = tmp_path / "no" / "such" / "kg.ttl", "No such file or directory"
    else:
        target, fragment = tmp_path / "locked" / "kg.ttl", "Permission denied"
        target.parent.mkdir()
        target.parent.chmod(0o500)
        if os.geteuid() == 0:  # root writes anywhere: make the write itself fail as it would
            real = Path.write_bytes

            def denied(self: Path, data: bytes) -> int:
                if self.parent == target.parent:
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self, data)
            monkeypatch.setattr(Path, "write_bytes", denied)
    assert_one_line_error(run("export", "-o", target), "cannot write", "kg.ttl", fragment)
    assert not target.exists()
    assert not list(target.parent.glob(".kg.ttl.tmp*")) if target.parent.is_dir() else True


def test_output_path_that_is_a_folder(store: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("export", "-o", tmp_path), "is a directory", code=2)


def test_an_existing_export_survives_a_failed_one(store: Path, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "kg.ttl"
    target.write_text("previous export\n")
    import kg.export

    def broken(quads, fmt):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(kg.export, "serialize", broken)
    assert_one_line_error(run("export", "-o", target), "No space left on device")
    assert target.read_text() == "previous export\n"


# --- stores --------------------------------------------------------------------------------

def test_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8\xff")
    article = tmp_path / "a.txt"
    article.write_text(OTHER)
    for args in (["stats"], ["query", "--name", "owners"], ["ingest", article], ["remove", "a"]):
        assert_one_line_error(run(*args, "--store", folder), "photos", "is not a kg store")
    assert sorted(p.name for p in folder.iterdir()) == ["cat.jpg"]  # nothing was written there


def test_a_file_given_as_the_store(tmp_path: Path) -> None:
    path = tmp_path / "store.txt"
    path.write_text("x")
    assert_one_line_error(run("stats", "--store", path), "store.txt", "is a file", code=2)


def test_no_store_yet(tmp_path: Path) -> None:
    assert_one_line_error(run("stats", "--store", tmp_path / "new"), "no kg store", "kg ingest")
    assert not (tmp_path / "new").exists()  # reading never creates a store


@pytest.mark.parametrize("damage", ["marker", "format", "database"])
def test_a_damaged_store(store: Path, damage: str, request) -> None:
    """The store fixture's own check would fail on purpose here: damage a second copy."""
    broken = store.parent / "broken"
    shutil.copytree(store, broken)
    if damage == "marker":
        (broken / "kg-store.json").write_text("{not json")
        fragments = ["kg-store.json is damaged"]
    elif damage == "format":
        (broken / "kg-store.json").write_text('{"format": 99}')
        fragments = ["unsupported store format"]
    else:
        (broken / "oxigraph" / "CURRENT").write_text("garbage\n")
        fragments = ["cannot open the store", "broken"]
    # a real process: a RocksDB error must not escape as a traceback either
    proc = kg_process("stats", "--store", broken)
    assert_process_error(proc, *fragments)


def test_a_store_whose_creation_was_killed_opens_empty(tmp_path: Path) -> None:
    """The marker is written first, the database appears whole (built aside, then renamed)."""
    store = tmp_path / "young"
    store.mkdir()
    (store / "kg-store.json").write_text('{"format": 1, "engine": "oxigraph"}')
    (store / "oxigraph.new").mkdir()  # what a creation killed halfway leaves
    result = run("stats", "--store", store)
    assert result.exit_code == 0, result.stderr
    assert "sources   0" in result.stdout
    article = tmp_path / "a.txt"
    article.write_text(OTHER)
    result = run("ingest", article, "--store", store)
    assert result.exit_code == 0, result.stderr
    assert snapshot(store)[2] == ["https://w3id.org/dealkg/id/graph/a"]


def many_articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    names = ["Microsoft", "Oracle", "Cerner", "NVIDIA", "Amazon", "Google", "IBM", "Abridge"]
    for i in range(count):
        a, b = names[i % 8], names[(i * 3 + 1) % 8]
        (folder / f"w{i:04d}.txt").write_text(
            f"title: Wire {i}\n---\n{a} announced a partnership with {b}.\n"
            f"{b} invested ${i + 1} million in {a}.\n")
    return folder


def writer_holds_lock(store: Path, proc: subprocess.Popen, timeout: float = 30) -> None:
    """Wait until `proc` has the store open for writing (RocksDB holds an fcntl lock on LOCK)."""
    import fcntl

    deadline = time.monotonic() + timeout
    lock = store / "oxigraph" / "LOCK"
    while time.monotonic() < deadline and proc.poll() is None:
        if lock.exists():
            with lock.open("a") as f:
                try:
                    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.lockf(f, fcntl.LOCK_UN)
                except OSError:
                    return
        time.sleep(0.02)
    pytest.fail("the writer never took the store's lock")


def test_a_second_ingest_on_a_store_being_written(tmp_path: Path) -> None:
    store = tmp_path / "busy"
    slow = many_articles(tmp_path / "wire", 400)
    late = tmp_path / "late.txt"
    late.write_text(OTHER)
    writer = subprocess.Popen([sys.executable, "-m", "kg", "ingest", str(slow), "--store", str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        writer_holds_lock(store, writer)
        # a short wait: fails clearly, and touches nothing
        impatient = kg_process("ingest", late, "--store", store, env={"KG_LOCK_WAIT": "0.5"})
        assert writer.poll() is None, "the writer finished too soon for the test to mean anything"
        assert_process_error(impatient, "being written by another kg process", "waited 0.5 s")
        # a long wait: waits for the writer, then goes in
        patient = kg_process("ingest", late, "--store", store, env={"KG_LOCK_WAIT": "120"})
        assert patient.returncode == 0, patient.stderr
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert "400 added" in out
    triples, _, graphs = snapshot(store)
    assert len(graphs) == 401
    assert api.validate(store=store).conforms


# --- the CLI's error translation -----------------------------------------------------------

def test_an_unexpected_os_error_is_one_line(store: Path, monkeypatch) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/kg/store/oxigraph/LOCK")
    monkeypatch.setattr(api, "stats", denied)
    assert_one_line_error(run("stats"), "Permission denied", "/srv/kg/store/oxigraph/LOCK")


def test_a_bug_is_one_line_pointing_at_debug(store: Path, monkeypatch) -> None:
    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(api, "stats", bug)
    line = assert_one_line_error(run("stats"), "ZeroDivisionError", "division by zero", "--debug")
    assert re.match(r"Error: internal error", line)
    debug = run("--debug", "stats")
    assert isinstance(debug.exception, ZeroDivisionError)  # --debug shows the real traceback


def test_ctrl_c_exits_130(store: Path, monkeypatch) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(api, "stats", interrupted)
    result = run("stats")
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["ingest"], ["query", "--format", "xml", "x"], ["nosuchcommand"],
                                  ["export", "--nosuch"]])
def test_usage_errors_exit_2(store: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_a_multi_line_message_is_folded_into_one(store: Path, monkeypatch) -> None:
    from kg.errors import QueryError

    def multi(*args, **kwargs):
        raise QueryError("first line\nsecond line\n  third")
    monkeypatch.setattr(api, "stats", multi)
    assert_one_line_error(run("stats"), "first line second line third")


def test_a_reader_that_goes_away_is_not_an_error_message(store: Path, monkeypatch) -> None:
    """`kg export | head`: the pipe closes; there is nobody left to tell, so nothing is printed."""
    def closed(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")
    monkeypatch.setattr(api, "export", closed)
    result = run("export")
    assert result.exit_code == 1
    assert result.stderr == ""


@pytest.mark.parametrize("query", [" " * 50_000 + "SELECT * WHERE { ?s ?p ?o }",
                                   "PREFIX " + " " * 50_000 + "x",
                                   "# c\n" * 20_000 + "ASK { ?s ?p ?o }"])
def test_a_pathological_query_is_answered_quickly(store: Path, query: str) -> None:
    """The update check is a regular expression over user text: it must stay linear."""
    started = time.perf_counter()
    run("query", query)
    assert time.perf_counter() - started < 5
