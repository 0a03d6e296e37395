"""Negation: a denied fact is kept as a denied claim and never asserted. "owned by X, not Y" asserts
the fact for X and denies it for Y; "rather than", "no longer", "denied", "declined to", "did not",
"never", "called off" deny the fact they govern."""
from __future__ import annotations

import pytest
from extraction_helpers import claims, norms, triples

A, D = "asserted", "denied"

CONTRAST = [
    ("One Medical is owned by Amazon, not Walgreens.", "owns", {
        ("Amazon", "owns", "One Medical", A, "actual"),
        ("Walgreens Boots Alliance", "owns", "One Medical", D, "actual")}),
    ("Zephyr Health Labs is owned by Northwind Capital, not Harborline Ventures.", "owns", {
        ("Northwind Capital", "owns", "Zephyr Health Labs", A, "actual"),
        ("Harborline Ventures", "owns", "Zephyr Health Labs", D, "actual")}),
    ("Cerner is owned by Oracle rather than IBM.", "owns", {
        ("Oracle", "owns", "Cerner", A, "actual"), ("IBM", "owns", "Cerner", D, "actual")}),
    ("Nuance was acquired by Microsoft, not Google.", "acquired", {
        ("Microsoft", "acquired", "Nuance Communications", A, "actual"),
        ("Google", "acquired", "Nuance Communications", D, "actual")}),
    ("Mayo Clinic partnered with Microsoft instead of Google.", "partnersWith", {
        ("Mayo Clinic", "partnersWith", "Microsoft", A, "actual"),
        ("Google", "partnersWith", "Mayo Clinic", D, "actual")}),
]

DENIED = [
    ("IBM no longer owns Watson Health.", "owns", {("IBM", "owns", "Watson Health", D, "actual")}),
    ("Northwind Capital no longer owns Bluefin Analytics.", "owns",
     {("Northwind Capital", "owns", "Bluefin Analytics", D, "actual")}),
    ("Northwind Capital did not acquire Bluefin Analytics.", "acquired",
     {("Northwind Capital", "acquired", "Bluefin Analytics", D, "actual")}),
    ("Epic Systems has never partnered with OpenEvidence.", "partnersWith",
     {("Epic Systems", "partnersWith", "OpenEvidence", D, "actual")}),
    ("OpenAI does not compete with Microsoft.", "competesWith",
     {("Microsoft", "competesWith", "OpenAI", D, "actual")}),
    ("Microsoft denied acquiring Hippocratic AI.", "acquired",
     {("Microsoft", "acquired", "Hippocratic AI", D, "actual")}),
    ("Oracle denied reports that it would acquire Epic Systems.", "acquired",
     {("Oracle", "acquired", "Epic Systems", D, "planned")}),
    ("NVIDIA declined to invest in Zephyr Health Labs.", "investsIn",
     {("NVIDIA", "investsIn", "Zephyr Health Labs", D, "actual")}),
    ("Amazon declined to acquire Teladoc.",
     "acquired", {("Amazon", "acquired", "Teladoc Health", D, "actual")}),
    ("Northwind Capital called off its acquisition of Bluefin Analytics.", "acquired",
     {("Northwind Capital", "acquired", "Bluefin Analytics", D, "actual")}),
    ("Harborline Ventures walked away from its deal to buy Bluefin Analytics.", "acquired",
     {("Harborline Ventures", "acquired", "Bluefin Analytics", D, "actual")}),
]


def _strip_modality(facts: set[tuple]) -> set[tuple]:
    return {f[:4] for f in facts}


@pytest.mark.parametrize(("sentence", "relation", "expected"), CONTRAST)
def test_contrast_asserts_one_party_and_denies_the_other(sentence: str, relation: str, expected: set) -> None:
    assert claims(sentence, relation) == norms(expected)


@pytest.mark.parametrize(("sentence", "relation", "expected"), DENIED)
def test_denied_fact_is_a_denied_claim(sentence: str, relation: str, expected: set) -> None:
    # polarity is what matters here; modality is checked in test_modality
    assert _strip_modality(claims(sentence, relation)) == _strip_modality(norms(expected))


@pytest.mark.parametrize(("sentence", "relation", "expected"), CONTRAST + DENIED)
def test_a_denied_fact_is_never_asserted(sentence: str, relation: str, expected: set) -> None:
    denied = {f[:3] for f in norms(expected) if f[3] == D}
    assert not denied & triples(sentence, relation)


def test_denial_in_one_sentence_does_not_leak_into_the_next() -> None:
    text = "Amazon did not buy Teladoc. Amazon bought One Medical."
    assert claims(text, "acquired") == {
        ("Amazon",
         "acquired", "Teladoc Health", D, "actual"), ("Amazon", "acquired", "One Medical", A, "actual")}


NO_STAKE = [
    ("Northwind Capital has no stake in Bluefin Analytics.", "investsIn",
     {("Northwind Capital", "investsIn", "Bluefin Analytics", D, "actual")}),
    ("Harborline Ventures holds no interest in Zephyr Health Labs, its spokesperson said.", "investsIn",
     {("Harborline Ventures", "investsIn", "Zephyr Health Labs", D, "actual")}),
]


@pytest.mark.parametrize(("sentence", "relation", "expected"), NO_STAKE)
def test_no_before_the_relation_noun_denies_it(sentence: str, relation: str, expected: set) -> None:
    assert _strip_modality(claims(sentence, relation)) == _strip_modality(norms(expected))


@pytest.mark.parametrize("question", [
    "Does Northwind Capital own Bluefin Analytics?",
    "Did Amazon buy Teladoc?",
    "Explainer: what does Microsoft actually own of Nuance?",
    "Will Oracle acquire Epic Systems?\u201d",
])
def test_a_question_states_no_fact(question: str) -> None:
    assert claims(question) == set()


def test_the_answer_after_a_question_is_read() -> None:
    text = "Did Amazon buy Teladoc? No. Amazon bought One Medical."
    assert triples(text, "acquired") == {("Amazon", "acquired", "One Medical")}
