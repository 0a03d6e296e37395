"""Apposition and descriptors: "Acme Health, a Boston-based startup, raised ..." — the apposition
describes the name before it and must not hide it from the verb; "AI chip maker Cerebras" — the
descriptor says what the name is and is not an argument of its own."""
from __future__ import annotations

import pytest
from extraction_helpers import norm, norms, triples

APPOSITION = [
    ("Zephyr Health Labs, a Boston-based startup, raised $20 million in a round led by Northwind Capital.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("Ambience Healthcare, an ambient documentation startup, partnered with Cleveland Clinic.",
     {("Ambience Healthcare", "partnersWith", "Cleveland Clinic")}),
    ("NVIDIA, the chipmaker, invested in Hippocratic AI.", {("NVIDIA", "investsIn", "Hippocratic AI")}),
    ("Amgen signed a collaboration agreement with Nvidia, the AI chip giant.",
     {("Amgen", "partnersWith", "NVIDIA")}),
    ("Bluefin Analytics, a Denver-based data company, was acquired by Northwind Capital.",
     {("Northwind Capital", "acquired", "Bluefin Analytics")}),
    ("Oracle bought Cerner, the Kansas City-based records vendor, for $28 billion.",
     {("Oracle", "acquired", "Cerner")}),
    ("Isomorphic Labs, the Alphabet drug-discovery spinout, signed a partnership with Novartis.",
     {("Isomorphic Labs", "partnersWith", "Novartis")}),
]

APPOSITION_STATES_A_FACT = [
    ("Zephyr Health Labs, a startup backed by Northwind Capital, launched Sentinel Assistant.", {
        ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
        ("Zephyr Health Labs", "develops", "Sentinel Assistant")}),
    ("MedGemma, a model developed by Google, is available on Vertex AI.", {
        ("Google", "develops", "MedGemma"), ("MedGemma", "availableVia", "Vertex AI")}),
    ("Nuance, a Microsoft company, builds speech recognition software.",
     {("Microsoft", "owns", "Nuance Communications")}),
    ("Amwell, a rival of Teladoc, raised $194 million.", {("Amwell", "competesWith", "Teladoc Health")}),
]

DESCRIPTORS = [
    ("AI chip maker Cerebras partnered with Mayo Clinic.", {("Cerebras", "partnersWith", "Mayo Clinic")}),
    ("Cloud provider Oracle signed a contract with the Department of Veterans Affairs.",
     {("Oracle", "partnersWith", "Department of Veterans Affairs")}),
    ("Microsoft bought speech recognition company Nuance.",
     {("Microsoft", "acquired", "Nuance Communications")}),
    ("Venture firm Northwind Capital invested in Zephyr Health Labs.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
]

DESCRIPTOR_IMPLIES = [
    ("ChatGPT maker OpenAI partnered with Color Health.", {
        ("OpenAI", "partnersWith", "Color Health"), ("OpenAI", "develops", "ChatGPT")}),
    ("MedGemma developer Google signed a deal with HCA Healthcare.", {
        ("Google", "partnersWith", "HCA Healthcare"), ("Google", "develops", "MedGemma")}),
    ("Cerner parent Oracle competes with Epic Systems.", {
        ("Oracle", "competesWith", "Epic Systems"), ("Oracle", "owns", "Cerner")}),
]


def _relations(expected: set[tuple]) -> list[str]:
    return sorted({f[1] for f in expected})


@pytest.mark.parametrize(("sentence", "expected"), APPOSITION)
def test_apposition_does_not_hide_the_name_from_its_verb(sentence: str, expected: set) -> None:
    assert triples(sentence, *_relations(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), APPOSITION_STATES_A_FACT)
def test_apposition_that_states_a_fact(sentence: str, expected: set) -> None:
    assert triples(sentence, *_relations(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), DESCRIPTORS)
def test_descriptor_before_a_name(sentence: str, expected: set) -> None:
    assert triples(sentence, *_relations(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), DESCRIPTOR_IMPLIES)
def test_descriptor_naming_another_entity_implies_a_relation(sentence: str, expected: set) -> None:
    assert triples(sentence, *_relations(expected)) == norms(expected)


def test_the_apposition_owner_is_not_a_party() -> None:
    facts = triples("Isomorphic Labs, the Alphabet drug-discovery spinout, signed a partnership with "
                    "Novartis.",
                    "partnersWith")
    assert not any("Alphabet" in (s, o) for s, _, o in facts)


# "X, a NOUN that VERB Y": the relative clause of an apposition says what X does
APPOSITION_WITH_RELATIVE = [
    ("Siemens sells Kestrel Studio, a simulation suite that goes head-to-head with Halcyon Labs in "
     "automotive work.", {("Halcyon Labs", "competesWith", "Kestrel Studio")}),
    ("Kestrel Studio, a design tool that competes with Figma, raised money.",
     {("Figma", "competesWith", "Kestrel Studio")}),
    ("Oracle acquired Zephyr Health Labs, the startup that uses Amazon SageMaker.",
     {("Zephyr Health Labs", "deploys", "Amazon SageMaker")}),
    ("Zephyr Health Labs, a company which partners with Microsoft, raised $20 million.",
     {("Microsoft", "partnersWith", "Zephyr Health Labs")}),
]


@pytest.mark.parametrize(("sentence", "expected"), APPOSITION_WITH_RELATIVE)
def test_an_apposition_relative_clause_acts_for_the_name(sentence: str, expected: set) -> None:
    assert triples(sentence, "competesWith", "deploys", "partnersWith") == norms(expected)


def test_a_relative_clause_with_its_own_subject_does_not_act_for_the_name() -> None:
    facts = triples("Oracle acquired Zephyr Health Labs, a startup that Epic Systems uses.", "deploys")
    assert ("Zephyr Health Labs", "deploys", "Epic Systems") not in facts


@pytest.mark.parametrize("text, right, wrong", [
    ("Regulators are studying the ties between Harbor Health and Brightwell Labs, the maker of Tessaro.",
     ("Brightwell Labs", "develops", "Tessaro"), ("Harbor Health", "develops", "Tessaro")),
    ("Analysts compared Harbor Health and Brightwell Labs, a rival of Quorvane Systems.",
     ("Brightwell Labs", "competesWith", "Quorvane Systems"),
     ("Harbor Health", "competesWith", "Quorvane Systems")),
    ("The suit names Harbor Health and Brightwell Capital, the parent of Quorvane Systems.",
     ("Brightwell Capital", "owns", "Quorvane Systems"), ("Harbor Health", "owns", "Quorvane Systems")),
])
def test_a_singular_apposition_after_two_names_describes_the_last(text: str, right: tuple,
                                                                  wrong: tuple) -> None:
    """"A and B, the maker of X": "the maker" is one of them, the nearest."""
    found = triples(text)
    assert norm(right) in found
    assert norm(wrong) not in found


@pytest.mark.parametrize("text", [
    "Harlow Foods Inc, the maker of Crunchwell and Dapple, agreed to acquire Kellanova.",
    "Harlow Foods Inc, a supplier to Walmart and Kroger Co, agreed to acquire Kellanova.",
])
def test_the_last_object_of_an_apposition_is_no_subject(text: str) -> None:
    facts = triples(text, "acquired")
    assert ("Harlow Foods Inc", "acquired", "Kellanova") in facts
    assert not {f for f in facts if f[0] != "Harlow Foods Inc"}


@pytest.mark.parametrize("text", [
    "Velta Snacks, maker of Crunchos, was acquired by Harlow Foods for $2 billion.",
    "Velta Snacks, the maker of Crunchos, was acquired by Harlow Foods for $2 billion.",
    "Velta Snacks, owner of Crunchos and Dapple, was bought by Harlow Foods.",
])
def test_the_object_of_an_apposition_is_not_the_one_acquired(text: str) -> None:
    """A bare agent noun ("maker of A") is an apposition too: A is the maker's, not the target."""
    assert triples(text, "acquired") == {("Harlow Foods", "acquired", "Velta Snacks")}


def test_an_apposition_after_an_abbreviated_name() -> None:
    """"Pretzels Inc., the manufacturer that ...": the abbreviation's period comes before the comma."""
    assert triples("Harlow Foods will buy Velta Snacks Inc., the manufacturer that produces Crunchos.",
                   "develops") == {("Velta Snacks Inc", "develops", "Crunchos")}


def test_a_descriptor_after_a_preposition_keeps_the_preposition() -> None:
    """"partnerships with A's Tmall and with duty-free operator B": B is no second possession of A."""
    text = "The group's partnerships with Alibaba's Tmall and with duty-free operator Tarn Retail grew."
    assert ("Alibaba", "owns", "Tarn Retail") not in triples(text, "owns")


@pytest.mark.parametrize(("text", "expected"), [
    # a singular apposition after a list describes its last member ...
    ("Operators such as Velta and Orrin Mobile, the brand owned by retailer Harlow, buy access.",
     {("Harlow", "owns", "Orrin Mobile")}),
    # ... a plural one, every member
    ("Tarn Labs and Orrin Health, the startups owned by Harlow, merged.",
     {("Harlow", "owns", "Tarn Labs"), ("Harlow", "owns", "Orrin Health")}),
])
def test_an_apposition_after_a_list_describes_as_many_as_its_noun_says(text: str, expected: set) -> None:
    assert triples(text, "owns") == expected
