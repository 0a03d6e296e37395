"""Makers: who makes a product is often said by a description rather than a clause of its own:
"X, the maker of Y", "Y maker X", "X, developer of Y", "X, which makes tools such as Y and Z",
"X makes the Y line of pumps", "X, best known for its Y pumps" (develops); "X's products include
Y and Z", "X's Y and Z tools", "Y, X's heart pump" (owns). "Make" is also a light verb ("makes Y
available", "made X its vendor"): those are no makers. A description right before a name ("the
Lisbon-based startup Orrery") is that name's, not a reference to an earlier company. A model
"from" an organization is its ("GPT-4 from OpenAI"), unless something moved to it from there."""
from __future__ import annotations

import pytest
from extraction_helpers import triples


@pytest.mark.parametrize("text, maker, product", [
    ("Brightwell Labs, the maker of the Tessaro heart pump, raised $40 million.", "Brightwell Labs",
     "Tessaro"),
    ("Tessaro maker Brightwell Labs raised $40 million.", "Brightwell Labs", "Tessaro"),
    ("Harbor Health agreed to buy Tessaro maker Brightwell Labs.", "Brightwell Labs", "Tessaro"),
    ("Brightwell Labs, developer of Tessaro, raised $40 million.", "Brightwell Labs", "Tessaro"),
    ("Brightwell Labs makes the Tessaro line of infusion pumps.", "Brightwell Labs", "Tessaro"),
    ("Brightwell Labs manufactures the Tessaro pump in Ohio.", "Brightwell Labs", "Tessaro"),
    ("Brightwell Labs, best known for its Tessaro heart pumps, raised $40 million.", "Brightwell Labs",
     "Tessaro"),
    ("Brightwell Labs is known for the Tessaro pump.", "Brightwell Labs", "Tessaro"),
])
def test_a_maker_develops_its_product(text: str, maker: str, product: str) -> None:
    assert (maker, "develops", product) in triples(text, "develops")


@pytest.mark.parametrize("text", [
    "Brightwell Labs, which makes surgical tools such as Tessaro and Corvane, raised $40 million.",
    "Brightwell Labs makes Tessaro and Corvane, two heart pumps sold in Europe.",
])
def test_a_maker_of_several_products_develops_each(text: str) -> None:
    assert {("Brightwell Labs", "develops", "Tessaro"), ("Brightwell Labs", "develops", "Corvane")} \
        <= triples(text, "develops")


@pytest.mark.parametrize("text", [
    "Brightwell Labs' products include Tessaro and Corvane.",
    "Brightwell Labs said its products include the Tessaro pump and the Corvane stent.",
    "Brightwell Labs raised $40 million. Its products include the Tessaro pump and the Corvane stent.",
    "Brightwell Labs's Tessaro and Corvane tools are popular with surgeons.",
    "Brightwell Labs' marketed drugs include Tessaro and Corvane.",
])
def test_products_an_organization_lists_as_its_own_are_owned(text: str) -> None:
    assert {("Brightwell Labs", "owns", "Tessaro"), ("Brightwell Labs", "owns", "Corvane")} \
        <= triples(text, "owns")


@pytest.mark.parametrize("text", [
    "Tessaro, Brightwell Labs' heart pump, won approval in May.",
    "Brightwell Labs' flagship heart pump, Tessaro, won approval in May.",
    "Tessaro is Brightwell Labs' best-selling device in Europe.",
])
def test_a_device_described_as_an_organizations_is_owned(text: str) -> None:
    assert ("Brightwell Labs", "owns", "Tessaro") in triples(text, "owns")


@pytest.mark.parametrize("text", [
    "Harbor Health, Brightwell Labs' chip supplier, grew.",
    "Harbor Health, Brightwell Labs' largest drug distributor, grew.",
])
def test_a_device_word_that_only_modifies_a_role_is_no_product(text: str) -> None:
    assert triples(text, "owns") == set()


def test_known_for_a_partnership_is_no_product() -> None:
    assert triples("Brightwell Labs is best known for its work with Harbor Health.", "develops") == set()


def test_whose_products_include() -> None:
    text = "Brightwell Labs, whose products include Tessaro, raised $40 million."
    assert ("Brightwell Labs", "owns", "Tessaro") in triples(text, "owns")


@pytest.mark.parametrize("text", [
    "Brightwell Labs makes Tessaro available to hospitals in Ohio.",
    "Brightwell Labs made Tessaro generally available in May.",
    "Harbor Health made Brightwell Labs its preferred vendor.",
    "The deal makes Harbor Health the largest buyer of Tessaro.",
    "Harbor Health made an offer for Brightwell Labs.",
    "Harbor Health develops tools for hospitals such as Ridgeview Medical Center.",
])
def test_make_as_a_light_verb_names_no_maker(text: str) -> None:
    assert triples(text, "develops") == set()


def test_a_description_right_before_a_name_is_that_names() -> None:
    text = ("Harbor Health bought Brightwell Labs in May. Quillon, a scheduling app created by the "
            "Lisbon-based startup Orrery, added 10,000 users.")
    found = triples(text, "develops")
    assert ("Orrery", "develops", "Quillon") in found
    assert ("Brightwell Labs", "develops", "Quillon") not in found


@pytest.mark.parametrize("text, maker, model", [
    ("The startup's model beat GPT-4 from OpenAI on most tests.", "OpenAI", "GPT-4"),
    ("It scored higher than Claude 3 from the San Francisco startup Anthropic.", "Anthropic", "Claude"),
])
def test_a_model_from_its_maker(text: str, maker: str, model: str) -> None:
    assert (maker, "develops", model) in triples(text, "develops")


@pytest.mark.parametrize("text", [
    "Harbor Health switched to DAX Copilot from Abridge in May.",
    "Hospitals moved to Epic from Cerner last year.",
    "Tallowmere Health System uses data from Mayo Clinic.",
])
def test_from_after_a_move_names_no_maker(text: str) -> None:
    assert triples(text, "develops") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Vellum Labs trains and runs its models, including GPT-4, on rented chips.",
     {("Vellum Labs", "develops", "GPT-4")}),
    ("Vellum Labs already makes its own home robot, Tessaro, and sells it online.",
     {("Vellum Labs", "develops", "Tessaro")}),
    ("Vellum Labs makes its own chips, Tessaro and Corvane.",
     {("Vellum Labs", "develops", "Tessaro"), ("Vellum Labs", "develops", "Corvane")}),
    ("Tessaro is co-developed and co-commercialised with Astellas Pharma.",
     {("Astellas", "develops", "Tessaro")}),
])
def test_own_products_named_after_the_noun(text: str, expected: set) -> None:
    assert expected <= triples(text, "develops")


def test_its_own_decisions_name_no_product() -> None:
    assert triples("Vellum Labs makes its own decisions, Orrin Capital said.", "develops") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Tessel, an AI assistant Quillon Labs developed for analysts, is used by the Army.",
     {("Quillon Labs", "develops", "Tessel")}),
    ("Tessel, the coding tool Quillon Labs released last year, is popular.",
     {("Quillon Labs", "develops", "Tessel")}),
])
def test_an_apposition_with_a_reduced_relative_names_the_developer(text: str, expected: set) -> None:
    assert expected <= triples(text, "develops")


def test_a_licence_in_the_apposition_is_no_development() -> None:
    text = "Tessel, a tool Quillon Labs licensed from Harlow AI, is popular."
    assert ("Quillon Labs", "develops", "Tessel") not in triples(text, "develops")
