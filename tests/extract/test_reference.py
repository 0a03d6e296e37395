"""Reference: "it", "the company", "the clinic", "the model", "the firm", "the two companies"
resolve to the most recent compatible entity (preferring the topic), and the facts stated about
the reference are facts about that entity."""
from __future__ import annotations

import pytest
from extraction_helpers import figures, norm, norms, resolved, triples

FACTS = [
    ("Northwind Capital was founded in 2010. It acquired Zephyr Health Labs in 2023.",
     {("Northwind Capital", "acquired", "Zephyr Health Labs")}),
    ("Hippocratic AI builds safety-focused nurse agents. The company raised $141 million in a round led by "
     "Kleiner Perkins.",
     {("Kleiner Perkins", "investsIn", "Hippocratic AI")}),
    ("Microsoft signed a deal with Mayo Clinic. The clinic will deploy DAX Copilot in its hospitals.",
     {("Mayo Clinic", "deploys", "Nuance DAX")}),
    ("Google released MedGemma in May. Developers can access the model through Vertex AI.",
     {("MedGemma", "availableVia", "Vertex AI")}),
    ("Google released MedGemma in May. It is available on Vertex AI.",
     {("MedGemma", "availableVia", "Vertex AI")}),
    ("Northwind Capital has backed dozens of startups. The firm invested $30 million in Zephyr Health Labs.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("Mayo Clinic and Microsoft have worked together since 2019. The two companies announced a new "
     "partnership on Tuesday.",
     {("Mayo Clinic", "partnersWith", "Microsoft")}),
    ("Zephyr Health Labs was founded in Denver. The startup was acquired by Oracle last year.",
     {("Oracle", "acquired", "Zephyr Health Labs")}),
]

RESOLUTION = [
    # the most recent compatible entity: "the model" skips organisations
    ("Google trained MedGemma on radiology reports. Hospitals can fine-tune the model.",
     {("the model", "MedGemma")}),
    # "the clinic" is a health system, never the company named after it
    ("Microsoft signed a deal with Mayo Clinic. The clinic will test the tool.",
     {("The clinic", "Mayo Clinic")}),
    # a subject pronoun continues the topic of its sentence
    ("Oracle said it would move Cerner to its cloud.", {("it", "Oracle"), ("its", "Oracle")}),
]


def _relations(expected: set[tuple]) -> list[str]:
    return sorted({f[1] for f in expected})


@pytest.mark.parametrize(("text", "expected"), FACTS)
def test_facts_about_a_reference_are_facts_about_its_antecedent(text: str, expected: set) -> None:
    assert triples(text, *_relations(expected)) == norms(expected)


@pytest.mark.parametrize(("text", "expected"), RESOLUTION)
def test_reference_resolves_to_the_compatible_antecedent(text: str, expected: set) -> None:
    assert expected <= resolved(text)


def test_the_company_is_not_a_product() -> None:
    text = "Amazon shut down Amazon Care in 2022. The company bought PillPack in 2018."
    assert triples(text, "acquired") == {("Amazon", "acquired", "PillPack")}


def test_the_company_after_a_list_of_investors_is_the_startup() -> None:
    text = ("Hippocratic AI raised $141 million from Kleiner Perkins and General Catalyst. "
            "Its agents run on Polaris, the company's model.")
    assert ("the company", "Hippocratic AI") in resolved(text)


def test_the_deal_carries_the_figure_to_the_acquired_company() -> None:
    """"The deal was valued at $X": "the deal" is the acquisition the previous sentence stated."""
    found = [(f.value, f.unit, f.about.label) for f in figures(
        "Oracle agreed to buy Cerner in December. The deal was valued at $28.3 billion.")]
    assert found == [(28.3e9, "USD", "Cerner")]


CONTEXT = [
    # a description in a participle phrase, and the pronoun after it, continue the subject
    ("Amazon will invest $2 billion in Pellucid AI, deepening the retail giant's bet on AI as it races "
     "Microsoft and Google.", {("the retail giant", "Amazon"), ("it", "Amazon")}),
    # "the two companies" with no "A and B" before it: the last two names
    ("Amazon will invest $2 billion in Pellucid AI, the two companies said.",
     {("the two companies", "Amazon"), ("the two companies", "Pellucid AI")}),
    # "X said it": the speaker, not the product named before
    ("Ostrander Labs tested Amazon SageMaker. Ostrander Labs, a Seattle startup, said it would buy more.",
     {("it", "Ostrander Labs")}),
    # nothing is its own owner
    ("Neither drugmaker took a stake in Tarn Labs, he said, and Alphabet remains its only owner.",
     {("its", "Tarn Labs")}),
    # "fold the company into its unit": "its" is the buyer's
    ("Aldercrest Group will buy Pellmore Health and fold the claims company into its Orrin unit.",
     {("its", "Aldercrest Group"), ("the claims company", "Pellmore Health")}),
    # "its" after an opening phrase ("Founded ... by A and B, X builds ...") continues X
    ("Founded in 2019 by Ana Ruiz and Tom Bell, Kestrel Labs builds scribe software. Its main product, "
     "Quillnote, drafts notes.", {("Its", "Kestrel Labs")}),
    # descriptions by the trade of a company: carrier, lender, grocer, drugmaker, group ...
    ("Harlow Air agreed to buy Quillon Airways. The Dallas-based carrier will keep both brands.",
     {("The Dallas-based carrier", "Harlow Air")}),
    ("Tarn Savings will merge with Pellmore Bank. The lender said the deal closes in May.",
     {("The lender", "Tarn Savings")}),
    # the subject that raised money is no investor named just before
    ("Tarn Security Inc. came out of stealth in 2020. A $130 million Series B followed in 2021, led by "
     "Advent International. In 2023 it raised $300 million.", {("it", "Tarn Security Inc")}),
    # "its" after a name discovery could not type, at the head of its clause
    ("Orrin Pellworth had already sold its towers to Harlow in 2020.", {("its", "Orrin Pellworth")}),
]


@pytest.mark.parametrize("text, expected", CONTEXT)
def test_reference_in_context(text: str, expected: set) -> None:
    assert expected <= resolved(text)


def test_a_predicate_is_no_reference() -> None:
    text = "Kestrel Labs was the first startup admitted to Epic's developer program."
    assert resolved(text) == set()
    assert norms({("Kestrel Labs", "partnersWith", "Epic Systems")}) <= triples(text, "partnersWith")


WRONG_ANTECEDENT = [
    # "it" prefers a product, but with none named it continues the last sentence's topic, not
    # the last organization named
    ("Harbor Health is Brightwell Labs' largest customer. It bought Quorvane Systems in May.",
     ("Harbor Health", "acquired", "Quorvane Systems"), ("Brightwell Labs", "acquired", "Quorvane Systems")),
    ("Brightwell Labs sued Harbor Health in May. It later acquired Quorvane Systems.",
     ("Brightwell Labs", "acquired", "Quorvane Systems"), ("Harbor Health", "acquired", "Quorvane Systems")),
    # a preposition after a name ("Vertex AI under a deal") makes it no clause subject; "X said A,
    # and that it B": the second clause is the speaker's too
    ("Brightwell Labs also said its tools will run on Google Cloud's Vertex AI under a deal with Google, "
     "and that it was working with Oracle on a similar arrangement.",
     ("Brightwell Labs", "partnersWith", "Oracle"), ("Oracle", "partnersWith", "Vertex AI")),
    # "X, which ..., said it": the speaker, even a name discovery could not type
    ("Harbor Health plans to offer Quorvane tools in its Orrin Cloud platform. Veltrano Finanz, which "
     "joined the round, said it had signed a supply agreement with Brightwell Labs.",
     ("Veltrano Finanz", "partnersWith", "Brightwell Labs"),
     ("Orrin Cloud", "partnersWith", "Brightwell Labs")),
    # "X, a ... with 2,000 employees, which said it used Y": X, not the product named before
    ("Early users of GPT-4 include Harbor Health and Ostrander Logistics, a freight broker with about 2,000 "
     "staff, which said it used GPT-4 to read invoices.",
     ("Ostrander Logistics", "deploys", "GPT-4"), ("GPT-4", "deploys", "GPT-4")),
]


@pytest.mark.parametrize("text, right, wrong", WRONG_ANTECEDENT)
def test_a_pronoun_does_not_fall_back_to_the_last_name(text: str, right: tuple, wrong: tuple) -> None:
    found = triples(text)
    assert norm(right) in found
    assert norm(wrong) not in found


def test_an_untyped_speaker_described_as_a_person_is_not_it() -> None:
    """"Jane Ostrow, a spokeswoman, said it would ...": "it" is not the person speaking."""
    text = ("Harbor Health bought Quorvane Systems. Jane Ostrow, a spokeswoman, said it would partner "
            "with Brightwell Labs.")
    assert "Jane Ostrow" not in {label for _, label in resolved(text)}


def test_the_company_it_bought_is_not_the_buyer() -> None:
    # "the drone company it bought": "it" is no verb, so the company is not the subject of "it"
    text = ("Vellum Labs already owns Tamsin Robotics, the drone company it bought in 2018, and Orrin "
            "Systems, the sensor maker it acquired in 2019.")
    assert ("it", "Vellum Labs") in resolved(text)
    assert {("Vellum Labs", "acquired", "Tamsin Robotics"), ("Vellum Labs", "acquired", "Orrin Systems")} \
        <= triples(text, "acquired")
    assert ("Tamsin Robotics", "acquired", "Orrin Systems") not in triples(text, "acquired")
def test_a_subject_before_an_irregular_past_is_the_topic_it_continues() -> None:
    text = ("Founded in 2016 by Jane Roe, who dropped out of Stanford to start the company, and Omar Li, "
            "Quillon Labs built its early business labeling images for carmakers such as General Motors' "
            "Cruise, Toyota and Lyft. It now makes most of its money from chatbot makers.")
    assert ("It", "Quillon Labs") in resolved(text)
    assert ("It", "General Motors") not in resolved(text)


def test_a_pronoun_in_a_reduced_relative_is_not_the_name_it_describes() -> None:
    text = ("Brantwell Networks is best known for the routers it sells to carriers, but it has leaned on "
            "Quillon Labs, the wireless startup it bought in 2019.")
    found = resolved(text)
    assert ("it", "Brantwell Networks") in found
    assert ("it", "Quillon Labs") not in found
    assert ("Brantwell Networks", "acquired", "Quillon Labs") in triples(text, "acquired")


def test_it_continues_an_untyped_subject_when_no_typed_name_is_there() -> None:
    text = ("Harrowby Precision was founded in 1987. In 2019 it bought Trentside Tooling, "
            "a Nottingham toolmaker.")
    assert triples(text, "acquired") == {("Harrowby Precision", "acquired", "Trentside Tooling")}
