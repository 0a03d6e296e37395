"""Files in, Documents out: the header block, titles, ids, hashes, HTML text and page furniture."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.documents import document_from_text, document_id, load_document
from kg.errors import InputError

HEADER = """title: Lakeside Health picks a new records vendor
publisher: Prairie Health Times
date: 2026-05-14
url: https://example.org/prairie/lakeside-records
---
Lakeside Health partnered with Microsoft to move its records to the cloud.
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_header_block_fields() -> None:
    doc = document_from_text(HEADER, doc_id="lakeside")
    assert (doc.title, doc.publisher, doc.published, doc.url) == (
        "Lakeside Health picks a new records vendor", "Prairie Health Times", "2026-05-14",
        "https://example.org/prairie/lakeside-records")
    # the body starts right after the closing --- line
    assert doc.text[doc.body_start:].startswith("Lakeside Health partnered with Microsoft")


def test_header_block_from_a_file(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "lakeside-records.txt", HEADER))
    assert doc.title == "Lakeside Health picks a new records vendor"
    assert doc.publisher == "Prairie Health Times"
    assert doc.published == "2026-05-14"
    assert doc.url == "https://example.org/prairie/lakeside-records"
    assert doc.media_type == "text/plain"


@pytest.mark.parametrize("value", ["2026", "2026-05", "2026-05-14"])
def test_partial_dates_are_accepted(value: str) -> None:
    doc = document_from_text(HEADER.replace("2026-05-14", value))
    assert doc.published == value


@pytest.mark.parametrize("value", ["14 May 2026", "2026-13-01", "2026-02-30"])
def test_a_bad_header_date_is_an_input_error(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, "bad-date.txt", HEADER.replace("2026-05-14", value))
    with pytest.raises(InputError, match="bad date"):
        load_document(path)


def test_first_line_is_the_title_without_a_header() -> None:
    text = ("Northfield Clinic Signs Cloud Deal With Oracle\n\n"
            "Northfield Clinic agreed on Monday to move its records to Oracle Cloud.\n")
    doc = document_from_text(text, doc_id="northfield")
    assert doc.title == "Northfield Clinic Signs Cloud Deal With Oracle"
    assert doc.body_start == 0
    assert doc.publisher is None and doc.published is None and doc.url is None


def test_navigation_lines_are_not_taken_as_the_title() -> None:
    text = ("Back to news\n"
            "Riverbend Health Adopts Ambient Notes From Abridge\n"
            "Riverbend Health rolled out Abridge across its clinics this spring.\n")
    assert document_from_text(text).title == "Riverbend Health Adopts Ambient Notes From Abridge"


def test_a_lone_sentence_gives_a_title_from_its_opening() -> None:
    opening = "the hospital said it would keep its records on premises for now."
    assert document_from_text(f"{opening} More later.\n").title == opening


def test_document_id_is_the_file_stem(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "2026-06-03 mayo & microsoft.txt", HEADER))
    assert doc.id == "2026-06-03-mayo-microsoft"
    assert doc.id == document_id(tmp_path / "2026-06-03 mayo & microsoft.md")
    assert load_document(write(tmp_path, "plain.txt", HEADER)).id == "plain"


def test_content_hash_is_the_sha256_of_the_file(tmp_path: Path) -> None:
    raw = HEADER.encode()
    first = load_document(write(tmp_path, "one.txt", raw))
    twin = load_document(write(tmp_path, "two.txt", raw))
    edited = load_document(write(tmp_path, "three.txt", raw.replace(b"Microsoft", b"Oracle")))
    assert first.sha256 == hashlib.sha256(raw).hexdigest()
    assert twin.sha256 == first.sha256
    assert edited.sha256 != first.sha256


def test_windows_newlines_are_normalised(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "crlf.txt", HEADER.replace("\n", "\r\n").encode()))
    assert "\r" not in doc.text
    assert doc.title == "Lakeside Health picks a new records vendor"
    assert doc.text[doc.body_start:].startswith("Lakeside Health partnered")


PAGE = """<!DOCTYPE html>
<html><head>
<title>Harbor Medical Group joins Mayo Clinic Platform_Connect</title>
<meta property="og:site_name" content="Coastal Care Report">
<meta property="article:published_time" content="2026-04-09T10:30:00Z">
<meta property="og:url" content="https://example.org/coastal/harbor-connect">
<style>.story { color: #222 } /* Oracle acquired Cerner in a style sheet */</style>
<script>var note = "Amazon acquired Google in a script";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article class="story">
<h1>Harbor Medical Group joins Mayo Clinic Platform_Connect</h1>
<p>Harbor Medical Group partnered with Mayo Clinic to share de-identified records.</p>
<noscript>Enable JavaScript to see comments about IBM buying Apple.</noscript>
<template><p>Microsoft acquired Epic Systems in a template</p></template>
</article></body></html>
"""


def test_html_keeps_visible_text_only(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "harbor.html", PAGE))
    assert doc.media_type == "text/html"
    assert "Harbor Medical Group partnered with Mayo Clinic" in doc.text
    for hidden in ("script", "style sheet", "Enable JavaScript", "in a template", "<p>", "color:"):
        assert hidden not in doc.text, hidden


def test_html_metadata_becomes_the_header(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "harbor.htm", PAGE))
    assert doc.title == "Harbor Medical Group joins Mayo Clinic Platform_Connect"
    assert doc.publisher == "Coastal Care Report"
    assert doc.published == "2026-04-09"
    assert doc.url == "https://example.org/coastal/harbor-connect"


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"%PDF-1.7\n1 0 obj", "binary file"),
    (b"title: Only a header here\n---\n\n", "empty document"),
])
def test_unusable_files_are_input_errors(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_document(write(tmp_path, "broken.txt", content))


# page furniture ------------------------------------------------------------------------------

BODY = "Lakeside Health partnered with Microsoft to move its records to the cloud.\n"
TAIL_FACT = "Oracle acquired Cerner for $28.3 billion in 2022."


@pytest.fixture(scope="module")
def pipeline():
    from kg.extract.pipeline import Pipeline

    return Pipeline()


@pytest.mark.parametrize("heading", ["Related articles", "RELATED ARTICLES:", "Read more"])
def test_related_articles_tail_is_where_the_body_ends(heading: str) -> None:
    from kg.extract.cues import load_cues
    from kg.extract.sentences import body_end

    doc = document_from_text(f"{HEADER}\n{heading}\n{TAIL_FACT}\n")
    end = body_end(doc, load_cues())
    assert doc.text[end:].startswith(heading)
    assert "Lakeside Health partnered" in doc.text[doc.body_start:end]


def test_a_page_without_furniture_ends_at_its_last_character() -> None:
    from kg.extract.cues import load_cues
    from kg.extract.sentences import body_end

    doc = document_from_text(f"{HEADER}{TAIL_FACT}\n")
    assert body_end(doc, load_cues()) == len(doc.text)


def test_related_articles_tail_is_not_extracted(pipeline) -> None:
    with_tail = pipeline(document_from_text(f"{HEADER}\nRelated articles\n{TAIL_FACT}\n"))
    without_tail = pipeline(document_from_text(f"{HEADER}{TAIL_FACT}\n"))
    facts = {(c.subject.label, c.predicate, c.object.label) for c in with_tail.claims}
    assert ("Oracle", "acquired", "Cerner") not in facts
    assert not any("Cerner" in f.sentence.text for f in with_tail.figures)
    # the same sentence in the body is read: the tail is skipped, not the sentence
    assert ("Oracle", "acquired", "Cerner") in {
        (c.subject.label, c.predicate, c.object.label) for c in without_tail.claims}


def test_sentence_offsets_point_into_the_document_text(pipeline) -> None:
    doc = document_from_text(HEADER + TAIL_FACT + "\n")
    extraction = pipeline(doc)
    assert extraction.sentences
    for sentence in extraction.sentences:
        assert doc.text[sentence.span.start:sentence.span.end] == sentence.text


def test_other_header_keys_are_skipped_not_read_as_body() -> None:
    doc = document_from_text(HEADER.replace("date:", "tags: cloud, records\ndate:"))
    assert doc.title == "Lakeside Health picks a new records vendor"
    assert doc.published == "2026-05-14"
    assert doc.text[doc.body_start:].startswith("Lakeside Health partnered")


def test_key_value_lines_without_a_closing_rule_are_body() -> None:
    text = "Summary: Lakeside Health Picks Microsoft For Records\nLakeside Health partnered with Microsoft.\n"
    doc = document_from_text(text)
    assert doc.body_start == 0
    assert doc.publisher is None
