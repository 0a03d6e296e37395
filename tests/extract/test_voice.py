"""Voice: the same fact stated actively, passively and in a relative clause gives one claim
with the agent as subject."""
from __future__ import annotations

import pytest
from extraction_helpers import norms, triples

ACTIVE = [
    ("Oracle acquired Cerner in 2022.", {("Oracle", "acquired", "Cerner")}),
    ("Northwind Capital acquired Zephyr Health Labs last spring.",
     {("Northwind Capital", "acquired", "Zephyr Health Labs")}),
    ("Google developed MedPaLM to answer medical exam questions.", {("Google", "develops", "MedPaLM")}),
    ("Zephyr Health Labs built Sentinel Assistant for emergency departments.",
     {("Zephyr Health Labs", "develops", "Sentinel Assistant")}),
    ("Microsoft owns Nuance.", {("Microsoft", "owns", "Nuance Communications")}),
    ("Atrium Health deployed DAX Copilot across its primary care clinics.",
     {("Atrium Health", "deploys", "Nuance DAX")}),
    ("Riverbend Health System rolled out Sentinel Assistant in its emergency rooms.",
     {("Riverbend Health System", "deploys", "Sentinel Assistant")}),
    ("Thrive Capital invested in Abridge.", {("Thrive Capital", "investsIn", "Abridge")}),
    ("Nuance sells DAX Copilot to hospitals.", {("Nuance Communications", "distributes", "Nuance DAX")}),
]

PASSIVE = [
    ("Cerner was acquired by Oracle in 2022.", {("Oracle", "acquired", "Cerner")}),
    ("Zephyr Health Labs was bought by Northwind Capital in March.",
     {("Northwind Capital", "acquired", "Zephyr Health Labs")}),
    ("MedPaLM was developed by Google.", {("Google", "develops", "MedPaLM")}),
    ("Sentinel Assistant was designed by Zephyr Health Labs.",
     {("Zephyr Health Labs", "develops", "Sentinel Assistant")}),
    ("Nuance is owned by Microsoft.", {("Microsoft", "owns", "Nuance Communications")}),
    ("DAX Copilot has been deployed at Atrium Health.", {("Atrium Health", "deploys", "Nuance DAX")}),
    ("Sentinel Assistant is used by Riverbend Health System.",
     {("Riverbend Health System", "deploys", "Sentinel Assistant")}),
    ("Abridge is backed by Thrive Capital.", {("Thrive Capital", "investsIn", "Abridge")}),
    ("DAX Copilot is distributed by Microsoft.", {("Microsoft", "distributes", "Nuance DAX")}),
]

PASSIVE_WITH_WHEN_AND_PRICE = [
    ("Zephyr Health Labs was acquired in 2024 by Northwind Capital.",
     {("Northwind Capital", "acquired", "Zephyr Health Labs")}),
    ("Zephyr Health Labs was bought last year for $300 million by Northwind Capital.",
     {("Northwind Capital", "acquired", "Zephyr Health Labs")}),
    ("Sentinel Assistant has been owned since 2019 by Zephyr Health Labs.",
     {("Zephyr Health Labs", "owns", "Sentinel Assistant")}),
    ("Sentinel Assistant is marketed in Europe by Zephyr Health Labs.",
     {("Zephyr Health Labs", "distributes", "Sentinel Assistant")}),
]

RELATIVE = [
    ("Cerner, which Oracle acquired in 2022, runs hospital records.", {("Oracle", "acquired", "Cerner")}),
    ("Zephyr Health Labs, which Northwind Capital bought last year, sells triage software.",
     {("Northwind Capital", "acquired", "Zephyr Health Labs")}),
    ("MedGemma, which Google released in May, reads chest X-rays.", {("Google", "develops", "MedGemma")}),
    ("Nuance, which is owned by Microsoft, sells speech recognition software.",
     {("Microsoft", "owns", "Nuance Communications")}),
    ("MedPaLM, which was developed by Google, answers medical questions.",
     {("Google", "develops", "MedPaLM")}),
    ("Sentinel Assistant, which runs at Riverbend Health System, drafts discharge notes.",
     {("Riverbend Health System", "deploys", "Sentinel Assistant")}),
]


def _relation(expected: set[tuple]) -> str:
    return next(iter(expected))[1]


@pytest.mark.parametrize(("sentence", "expected"), ACTIVE)
def test_active_voice(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), PASSIVE)
def test_passive_voice_names_the_agent_as_subject(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), PASSIVE_WITH_WHEN_AND_PRICE)
def test_passive_voice_with_when_or_price_before_the_agent(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), RELATIVE)
def test_relative_clause(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("active", "passive"), [
    ("Teladoc acquired Livongo.", "Livongo was acquired by Teladoc."),
    ("Google built MedGemma.", "MedGemma was built by Google."),
])
def test_active_and_passive_agree(active: str, passive: str) -> None:
    assert triples(active) and triples(active) == triples(passive)
