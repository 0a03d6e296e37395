"""Hostile names and sentences: quotes, angle brackets, backslashes, newlines, control
characters, right-to-left marks, zero-width characters and emoji. They must come out as valid
IRIs and literals (parsed back by rdflib and by Debian's `rapper`), with their text intact, and
never reach the terminal as control characters.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import require_or_skip

from kg import api
from kg.cli import cli

# Lexicon rows written for these tests. Labels are what the graph shows; the documents name the
# entities by label or alias.
HOSTILE = [
    {"id": "evil-corp", "label": 'Evil "Corp"', "type": "Company", "aliases": []},
    {"id": "angle-labs", "label": "<Angle> Labs", "type": "Company", "aliases": []},
    {"id": "slash-inc", "label": "Back\\slash Inc", "type": "Company", "aliases": []},
    {"id": "rtl-holdings", "label": "\u202eReversed\u202c\u200f Holdings", "type": "Company",
     "aliases": []},
    {"id": "zw-systems", "label": "Zero\u200bWidth Systems", "type": "Company", "aliases": []},
    {"id": "rocket", "label": "Rocket 🚀 Ventures", "type": "Investor", "aliases": []},
    {"id": "bell-corp", "label": "Bell\x07 Corp\x1b[2J\nSecond line \x9b31m", "type": "Company",
     "aliases": ["Bellwether Corp"]},
    {"id": "quote3", "label": 'Triple """ Quote Co', "type": "Company", "aliases": []},
    {"id": "Caps_And.Dots~1", "label": "Caps And Dots", "type": "Company", "aliases": []},
]
ARTICLE = '''title: Hostile "names" <b>and</b> \\ back\\slashes \u202eevil
publisher: The <Quoted> "Press" \\
date: 2025-06-01
---
Evil "Corp" acquired <Angle> Labs for $12 million.
Back\\slash Inc announced a partnership with \u202eReversed\u202c\u200f Holdings.
Zero\u200bWidth Systems invested $5 million in Rocket 🚀 Ventures.
Bellwether Corp acquired Triple """ Quote Co for $3 million.
Caps And Dots announced a partnership with Evil "Corp".
Microsoft owns LinkedIn, said a note ending in a backslash \\
Oracle acquired Cerner in a deal described as "the \\u0041 deal" \x1b[31m red\x07 \u009b2J.
'''
QUOTES = ['Evil "Corp" acquired <Angle> Labs for $12 million.',
          "Microsoft owns LinkedIn, said a note ending in a backslash \\",
          "Zero\u200bWidth Systems invested $5 million in Rocket 🚀 Ventures."]
# what no IRI may contain (RFC 3987: no space, controls, <>"{}|^`\)
BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]')
UNION_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}
QUAD_FORMATS = {"trig": "trig", "nquads": "nquads"}
RAPPER = {"turtle": "turtle", "trig": "trig", "nt": "ntriples", "nquads": "nquads"}


def run(*args: str | Path):
    from click.testing import CliRunner

    return CliRunner().invoke(cli, [str(a) for a in args])


def write_lexicon(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    lexicon = write_lexicon(folder / "hostile.jsonl", HOSTILE)
    (folder / "articles").mkdir()
    (folder / "articles" / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    # hostile file names too: quotes, brackets, a right-to-left override, another script
    (folder / "articles" / 'say "hi" <x>\u202e.txt').write_text(
        "Evil \"Corp\" announced a partnership with Caps And Dots.\n", encoding="utf-8")
    (folder / "articles" / "доклад.txt").write_text("Microsoft owns Nuance Communications.\n")
    (folder / "articles" / "отчёт.txt").write_text("Oracle owns Cerner.\n")
    store = folder / "store"
    result = run("ingest", folder / "articles", "--lexicon", lexicon, "--store", store)
    assert result.exit_code == 0, result.stderr
    return store


@pytest.fixture(scope="module")
def exports(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    files = {}
    for fmt in [*UNION_FORMATS, *QUAD_FORMATS]:
        files[fmt] = out / f"kg.{fmt}"
        result = run("export", "--format", fmt, "-o", files[fmt], "--store", hostile)
        assert result.exit_code == 0, result.stderr
    return files


def parse(path: Path, fmt: str):
    from rdflib import Dataset, Graph

    if fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(path, format=fmt)
        return ds
    return Graph().parse(path, format=fmt)


def count(graph, fmt: str) -> int:
    return sum(1 for _ in graph.quads()) if fmt in QUAD_FORMATS else len(graph)


def literal_values(graph) -> set[str]:
    from rdflib import Literal

    triples = graph.quads() if hasattr(graph, "quads") else graph
    return {str(t[2]) for t in triples if isinstance(t[2], Literal)}


def iris(graph) -> set[str]:
    from rdflib import URIRef

    out = set()
    for quad in graph.quads() if hasattr(graph, "quads") else graph:
        out.update(str(term) for term in quad if isinstance(term, URIRef))
    return out


def test_every_hostile_entity_reached_the_graph(hostile: Path) -> None:
    """Else the rest proves nothing: each hostile label is in the store, exactly as written."""
    pref = "SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    labels = {r["l"] for r in api.query(pref, store=hostile).rows}
    missing = [r["label"] for r in HOSTILE if r["label"] not in labels]
    assert not missing, missing
    sources = {r["s"] for r in api.query("SELECT ?s WHERE { ?x <http://purl.org/dc/terms/identifier> ?s }",
                                         store=hostile).rows}
    assert {"hostile", "say-hi-x", "доклад", "отчёт"} <= sources  # two scripts, two sources


@pytest.mark.parametrize("fmt", [*UNION_FORMATS, *QUAD_FORMATS])
def test_exports_parse_in_rdflib_with_text_intact(exports: dict[str, Path], hostile: Path, fmt: str) -> None:
    graph = parse(exports[fmt], fmt)
    with api.Store.open(hostile) as db:
        triples = {(q.subject, q.predicate, q.object) for q in db.quads()}
        expected = len(db) if fmt in QUAD_FORMATS else len(triples)
    assert count(graph, fmt) == expected
    values = literal_values(graph)
    for row in HOSTILE:
        assert row["label"] in values, row["label"]
    for quote in QUOTES:
        assert quote in values, quote
    assert 'Hostile "names" <b>and</b> \\ back\\slashes \u202eevil' in values
    # control characters of the article were blanked at the door (offsets kept)
    assert 'Oracle acquired Cerner in a deal described as "the \\u0041 deal"  [31m red   2J.' in values
    assert not any(ch in v for v in values for ch in "\x1b\x07\x9b" if "Bell" not in v)


@pytest.mark.parametrize("fmt", [*UNION_FORMATS, *QUAD_FORMATS])
def test_exported_iris_are_valid(exports: dict[str, Path], fmt: str) -> None:
    found = iris(parse(exports[fmt], fmt))
    bad = sorted(i for i in found if BAD_IRI_CHARS.search(i) or not re.match(r"^[a-z][a-z0-9+.-]*:", i))
    assert not bad, bad[:5]
    entity = "https://w3id.org/dealkg/id/entity/"
    assert {entity + r["id"] for r in HOSTILE} <= found


@pytest.mark.parametrize("fmt", list(RAPPER))
def test_exports_parse_in_rapper(exports: dict[str, Path], fmt: str) -> None:
    require_or_skip(shutil.which("rapper") is not None,
                    "Debian's raptor2-utils (rapper) is not installed: apt-get install raptor2-utils")
    proc = subprocess.run(["rapper", "-i", RAPPER[fmt], "-c", str(exports[fmt])],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr.lower() and "warning" not in proc.stderr.lower(), proc.stderr
    returned = re.search(r"returned (\d+) (?:triples|statements)", proc.stderr)
    assert returned, proc.stderr
    assert int(returned.group(1)) == count(parse(exports[fmt], fmt), fmt)


def terminal_unsafe(text: str) -> list[str]:
    """Characters that would move the cursor, recolour, or reorder what the terminal shows."""
    unsafe = ("Cc", "Cf", "Zl", "Zp")
    return sorted({repr(ch) for ch in text if ch != "\n" and unicodedata.category(ch) in unsafe})


@pytest.mark.parametrize("args", [
    ["query", "--name", "deals"],
    ["query", "--name", "investments"],
    ["query", "--name", "acquisitions"],
    ["query", "--name", "evidence", "--param", 'entity=Evil "Corp"'],
    ["query", "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }"],
    ["explain", 'Evil "Corp"'],
    ["sources"],
    ["query", "--name", "deals", "--format", "csv"],
], ids=lambda a: "-".join(a[:3])[:40])
def test_table_and_csv_output_has_no_control_characters(hostile: Path, args: list[str]) -> None:
    result = run(*args, "--store", hostile)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") > 2
    assert not terminal_unsafe(result.stdout), terminal_unsafe(result.stdout)


def test_json_output_escapes_what_a_terminal_would_obey(hostile: Path) -> None:
    result = run("query", "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                 "--format", "json", "--store", hostile)
    assert result.exit_code == 0, result.stderr
    assert not terminal_unsafe(result.stdout), terminal_unsafe(result.stdout)
    values = {row["l"] for row in json.loads(result.stdout)}  # and still means the same
    assert {r["label"] for r in HOSTILE} <= values


def test_error_lines_never_carry_control_characters(tmp_path: Path) -> None:
    """File names come back in messages: an escape sequence in one must not reach the terminal."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\x1b[2Jwipe\u202e.txt").write_bytes(b"")
    (folder / "ok.txt").write_text("Microsoft owns LinkedIn.\n")
    result = run("ingest", folder, "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert "skipped: " in result.stderr and "wipe" in result.stderr
    assert not terminal_unsafe(result.stderr), terminal_unsafe(result.stderr)
    only = run("ingest", folder / "\x1b[2Jwipe\u202e.txt", "--store", tmp_path / "s")
    assert only.exit_code == 1 and "\nError: " in "\n" + only.stderr
    assert not terminal_unsafe(only.stderr), terminal_unsafe(only.stderr)


@pytest.mark.parametrize("bad_id", ["evil corp", "evil>corp", 'evil"corp', "../etc/passwd", "a/b",
                                    "ça-va", "-leading-dash", "tab\there", "evil\u202ecorp", 42])
def test_a_lexicon_id_that_is_not_iri_safe_is_refused(tmp_path: Path, kg_home: Path, bad_id) -> None:
    lexicon = write_lexicon(tmp_path / "mine.jsonl", [
        {"id": "fine-co", "label": "Fine Co", "type": "Company", "aliases": []},
        {"id": bad_id, "label": "Bad Co", "type": "Company", "aliases": []},
    ])
    article = tmp_path / "a.txt"
    article.write_text("Fine Co acquired Bad Co for $1 million.\n")
    result = run("ingest", article, "--lexicon", lexicon)
    assert result.exit_code == 1, result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"mine.jsonl:2: id {json.dumps(bad_id)} cannot be part of an IRI" in errors[0]
    assert not terminal_unsafe(errors[0])


def test_a_wikidata_id_cannot_inject_an_iri(tmp_path: Path, kg_home: Path) -> None:
    lexicon = write_lexicon(tmp_path / "wd.jsonl", [
        {"id": "wd-co", "label": "Wd Co", "type": "Company", "aliases": [],
         "wikidata": "Q1> <http://evil.example/x"}])
    article = tmp_path / "a.txt"
    article.write_text("Wd Co acquired Oracle for $1 million.\n")
    result = run("ingest", article, "--lexicon", lexicon)
    assert result.exit_code == 1
    assert "wd.jsonl:1: wikidata" in result.stderr and "Q2283" in result.stderr


def test_a_malformed_lexicon_names_file_and_line(tmp_path: Path, kg_home: Path) -> None:
    lexicon = tmp_path / "broken.jsonl"
    lexicon.write_text('{"id": "ok", "label": "Ok", "type": "Company"}\n{"id": "x", "label": \n')
    article = tmp_path / "a.txt"
    article.write_text("Microsoft owns LinkedIn.\n")
    result = run("ingest", article, "--lexicon", lexicon)
    assert result.exit_code == 1
    assert "broken.jsonl:2: invalid JSON" in result.stderr
