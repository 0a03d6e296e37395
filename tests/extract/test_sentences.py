"""Sentences: a full stop inside a dotted name ("Quillfeather.AI", "Bookly.com") ends no sentence;
one followed by a space still does, and a decimal point never did. A quotation mark that opens a
sentence belongs to it, not to the sentence before."""
from __future__ import annotations

import pytest
from extraction_helpers import extract

CASES = [
    ("Lumen Ventures has no stake in Quillfeather.AI and says it will not take one.",
     ["Lumen Ventures has no stake in Quillfeather.AI and says it will not take one."]),
    ("Quillfeather.AI, a chatbot startup, signed with Bookly.com in March.",
     ["Quillfeather.AI, a chatbot startup, signed with Bookly.com in March."]),
    # near-misses: a full stop and a space end the sentence, even after a dotted name or a decimal
    ("Orrin Labs bought Quillfeather.AI. It paid cash.",
     ["Orrin Labs bought Quillfeather.AI.", "It paid cash."]),
    ("Orrin Labs grew 4.5 percent. Its rival shrank.",
     ["Orrin Labs grew 4.5 percent.", "Its rival shrank."]),
    ('Orrin Labs grew. "We are pleased," its chief said. “It was hard.” She left.',
     ["Orrin Labs grew.", '"We are pleased," its chief said.', "“It was hard.”", "She left."]),
    # near-miss: a quotation mark that closes a sentence stays with it
    ('Its chief said "we are pleased." She left.', ['Its chief said "we are pleased."', "She left."]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_dotted_names_and_quotation_marks(text, expected):
    assert [s.text for s in extract(text).sentences] == expected


@pytest.mark.parametrize("text", [
    "WINTER HAVEN, Fla. and McKINNEY, Texas, May 20, 2024 /PRNewswire/ -- Harlow Corp. will buy Tarn Bank.",
    "PALO ALTO, Calif., Jan. 9, 2025 – Harlow Corp. will buy Tarn Bank.",
])
def test_a_dateline_is_no_part_of_the_first_sentence(text: str) -> None:
    assert extract(text).sentences[-1].text == "Harlow Corp. will buy Tarn Bank."


def test_a_model_number_s_full_stop_ends_a_sentence() -> None:
    text = "It trails Harlow's MI300X. In servers, Tarn's chips gain share. Mr. J. Smith said so."
    assert [s.text for s in extract(text).sentences] == [
        "It trails Harlow's MI300X.", "In servers, Tarn's chips gain share.", "Mr. J. Smith said so."]
