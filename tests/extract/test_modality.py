"""Modality: "will", "plans to", "expected to", "agreed to" make a claim planned; "reportedly",
"is said to", "according to", "rumored" make it reported; a plain past or present is actual."""
from __future__ import annotations

import pytest
from extraction_helpers import claims

PLANNED = [
    ("Microsoft will acquire Bluefin Analytics.", ("Microsoft", "acquired", "Bluefin Analytics")),
    ("Northwind Capital plans to acquire Zephyr Health Labs.",
     ("Northwind Capital", "acquired", "Zephyr Health Labs")),
    ("Oracle is expected to acquire Zephyr Health Labs next year.",
     ("Oracle", "acquired", "Zephyr Health Labs")),
    ("CVS Health agreed to acquire Oak Street Health.", ("CVS Health", "acquired", "Oak Street Health")),
    ("Google aims to partner with Cleveland Clinic.", ("Cleveland Clinic", "partnersWith", "Google")),
    ("Riverbend Health System intends to deploy DAX Copilot.",
     ("Riverbend Health System", "deploys", "Nuance DAX")),
    ("GV is set to invest in Zephyr Health Labs.", ("GV", "investsIn", "Zephyr Health Labs")),
    ("Microsoft will make MedGemma available through Azure AI Foundry.",
     ("Microsoft", "distributes", "MedGemma")),
]

REPORTED = [
    ("Amazon reportedly acquired Bluefin Analytics.", ("Amazon", "acquired", "Bluefin Analytics")),
    ("According to Reuters, Amazon acquired Bluefin Analytics.", ("Amazon", "acquired", "Bluefin Analytics")),
    ("NVIDIA is said to be investing in Hippocratic AI.", ("NVIDIA", "investsIn", "Hippocratic AI")),
    ("Northwind Capital is rumored to be buying Bluefin Analytics.",
     ("Northwind Capital", "acquired", "Bluefin Analytics")),
    ("Epic Systems is reportedly working with Abridge.", ("Abridge", "partnersWith", "Epic Systems")),
]

ACTUAL = [
    ("Microsoft acquired Nuance in 2022.", ("Microsoft", "acquired", "Nuance Communications")),
    ("Northwind Capital completed its acquisition of Zephyr Health Labs.",
     ("Northwind Capital", "acquired", "Zephyr Health Labs")),
    ("Mayo Clinic uses Abridge.", ("Mayo Clinic", "deploys", "Abridge")),
    ("Oracle owns Cerner.", ("Oracle", "owns", "Cerner")),
]


def _check(sentence: str, fact: tuple, modality: str) -> None:
    assert claims(sentence, fact[1]) == {(*fact, "asserted", modality)}


@pytest.mark.parametrize(("sentence", "fact"), PLANNED)
def test_planned(sentence: str, fact: tuple) -> None:
    _check(sentence, fact, "planned")


@pytest.mark.parametrize(("sentence", "fact"), REPORTED)
def test_reported(sentence: str, fact: tuple) -> None:
    _check(sentence, fact, "reported")


@pytest.mark.parametrize(("sentence", "fact"), ACTUAL)
def test_actual(sentence: str, fact: tuple) -> None:
    _check(sentence, fact, "actual")


def test_modality_of_one_clause_does_not_reach_the_next_sentence() -> None:
    text = "Northwind Capital will acquire Bluefin Analytics. GV acquired Zephyr Health Labs."
    assert claims(text, "acquired") == {
        ("Northwind Capital", "acquired", "Bluefin Analytics", "asserted", "planned"),
        ("GV", "acquired", "Zephyr Health Labs", "asserted", "actual")}
