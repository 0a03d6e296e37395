"""Discovery: capitalised names the lexicon lacks are found and typed by their head word
("Labs" -> Company, "Capital"/"Ventures" -> Investor, "Medical Center" -> HealthSystem,
"Assistant" -> Software, "Platform" -> Platform, "Model" -> AIModel) or by an apposition or
descriptor ("Quillon, a Denver-based startup"); places, sentence openers and descriptors are not
part of the name."""
from __future__ import annotations

import pytest
from extraction_helpers import extract, mentions, triples

TYPED_BY_HEAD = [
    ("Zephyr Health Labs partnered with Mayo Clinic.", ("Zephyr Health Labs", "Company")),
    ("The round was led by Northwind Capital.", ("Northwind Capital", "Investor")),
    ("Harborline Ventures invested in the company.", ("Harborline Ventures", "Investor")),
    ("The round included Harborline Ventures.", ("Harborline Ventures", "Investor")),
    ("Patients at Riverbend Medical Center will use the tool.", ("Riverbend Medical Center", "HealthSystem")),
    ("Riverbend Health System deployed the tool in March.", ("Riverbend Health System", "HealthSystem")),
    ("Doctors at Lakeshore Children's Hospital tested it.",
     ("Lakeshore Children's Hospital", "HealthSystem")),
    ("Clinicians tested Sentinel Assistant for six months.", ("Sentinel Assistant", "Software")),
    ("Developers can build on Harbor Platform.", ("Harbor Platform", "Platform")),
    ("The startup trained Orion Model on claims data.", ("Orion Model", "AIModel")),
    ("Quillon Therapeutics licensed the molecule.", ("Quillon Therapeutics", "Company")),
    ("The data came from Bluefin Analytics.", ("Bluefin Analytics", "Company")),
    # customers outside tech and health: a bank, a freight broker, an insurer, a manufacturer
    ("Customers such as Halvard Savings Bank tested it.", ("Halvard Savings Bank", "Company")),
    ("The pilot ran at Corvane Logistics last year.", ("Corvane Logistics", "Company")),
    ("Analysts at Mariner Mutual reviewed the claims.", ("Mariner Mutual", "Company")),
    ("Engineers at Brenner Industries tested the solver.", ("Brenner Industries", "Company")),
    ("Staff at Fjordvik Savings Bank said it uses the tool.", ("Fjordvik Savings Bank", "Company")),
]

TYPED_BY_CONTEXT = [
    ("Investors backed Quillon, a Denver-based startup, in 2023.", ("Quillon", "Company")),
    ("Mayo Clinic signed a deal with Tenstrix, an AI chip maker.", ("Tenstrix", "Company")),
    ("AI chip maker Tenstrix partnered with Mayo Clinic.", ("Tenstrix", "Company")),
    ("Quillon, a Denver-based startup, raised $12 million.", ("Quillon", "Company")),
]

BOUNDARIES = [
    # a plus ends a product name ("Disney+", "Shockwave C2+")
    ("Surgeons at Riverbend Medical Center prefer the Lindqvist K7+.", "Lindqvist K7+"),
    # a place or "-based" modifier is not part of the name
    ("Pittsburgh-based Zephyr Health Labs raised $5 million.", "Zephyr Health Labs"),
    # a sentence opener is not part of the name
    ("Shares of Bluefin Analytics rose 4% on Monday.", "Bluefin Analytics"),
    ("Meanwhile Zephyr Health Labs hired a chief medical officer.", "Zephyr Health Labs"),
    # an investor named after "from" is a name, not a place
    ("Zephyr Health Labs raised $20 million from Northwind Capital.", "Northwind Capital"),
]


@pytest.mark.parametrize(("sentence", "expected"), TYPED_BY_HEAD)
def test_unseen_name_is_found_and_typed_by_its_head(sentence: str, expected: tuple) -> None:
    assert expected in mentions(sentence, "discovered")


@pytest.mark.parametrize(("sentence", "expected"), TYPED_BY_CONTEXT)
def test_unseen_name_is_typed_by_apposition_or_descriptor(sentence: str, expected: tuple) -> None:
    assert expected in mentions(sentence, "discovered")


@pytest.mark.parametrize(("sentence", "name"), BOUNDARIES)
def test_name_boundaries(sentence: str, name: str) -> None:
    assert name in {text for text, _ in mentions(sentence, "discovered")}


def test_lexicon_and_unseen_names_side_by_side() -> None:
    sentence = "Mayo Clinic and Zephyr Health Labs announced a partnership."
    assert mentions(sentence) == {("Mayo Clinic", "HealthSystem"), ("Zephyr Health Labs", "Company")}
    assert triples(sentence, "partnersWith") == {("Mayo Clinic", "partnersWith", "Zephyr Health Labs")}


def test_unseen_product_after_its_maker() -> None:
    """"Zephyr Health Labs launched Zephyr Scribe": the product is a name of its own."""
    assert triples("Zephyr Health Labs launched Zephyr Scribe in April.", "develops") == {
        ("Zephyr Health Labs", "develops", "Zephyr Scribe")}


@pytest.mark.parametrize("sentence", [
    "Health Systems Embrace Ambient AI Scribes At Record Pace",  # a title-case headline
    "The company said Tuesday that revenue rose.",
])
def test_capitalised_common_words_are_not_names(sentence: str) -> None:
    assert mentions(sentence, "discovered") == set()


def test_a_typed_customer_is_what_its_pronoun_stands_for() -> None:
    text = ("Kestrel Studio moved its work to Amazon SageMaker. Halvard Savings Bank, a lender with a "
            "small design team, said it uses both Creative Cloud and Amazon SageMaker.")
    assert {("Halvard Savings Bank", "deploys", "Creative Cloud"),
            ("Halvard Savings Bank", "deploys", "Amazon SageMaker")} <= triples(text, "deploys")


def test_a_models_parameter_count_ends_its_name() -> None:
    found = {text for text, _ in mentions("Orrin Labs released Corvane 8x7B and Corvane 1.5B on Monday.")}
    assert {"Corvane 8x7B", "Corvane 1.5B"} <= found
    # a sum of money is no part of a name
    assert "Orrin Labs" in {text for text, _ in mentions("Orrin Labs raised $10B in 2024.")}


def test_an_acronym_name_inside_a_sentence_is_discovered() -> None:
    assert ("CMA CGM", "Company") in mentions("Backers include the shipping group CMA CGM and Orrin Capital.")
    # a dateline in capitals opens the text: no name
    assert not {text for text, _ in mentions("PALO ALTO, Calif. -- Orrin Labs raised money.")
                if text.isupper()}
@pytest.mark.parametrize("name", [
    "Office of Data and Digital Services Authority",
    "Center for Soil and Water Research",
    "Trade and Markets Commission",
])
def test_an_and_inside_an_institution_name(name: str) -> None:
    sentence = f"Quillon Labs signed a contract with the {name} last year."
    assert name in {text for text, _ in mentions(sentence, "discovered")}


def test_two_institutions_joined_by_and_stay_two() -> None:
    sentence = "Quillon Labs signed a contract with Harlow Labs and Beta Research Institute last year."
    found = {text for text, _ in mentions(sentence, "discovered")}
    assert {"Harlow Labs", "Beta Research Institute"} <= found


@pytest.mark.parametrize(("sentence", "name"), [
    ("Harlow Foods agreed to acquire Wenna's, a maker of oat bars, for $425 million.", "Wenna's"),
    ("The bars are sold through Kolbe's and Marrow's across the Midwest.", "Kolbe's"),
    ("The bars are sold through Kolbe's and Marrow's across the Midwest.", "Marrow's"),
])
def test_a_name_ending_in_s_with_nothing_to_possess(sentence: str, name: str) -> None:
    assert name in {text for text, _ in mentions(sentence)}


@pytest.mark.parametrize("sentence", [
    "Harlow's, Tarn's and Quillon's clouds all host the model.",  # possessives in a list
    "That's what Harlow Foods said.",
])
def test_a_possessive_before_its_noun_is_no_name_ending_in_s(sentence: str) -> None:
    assert not any(text.endswith("'s") for text, _ in mentions(sentence))


def test_a_company_bought_under_a_name_ending_in_s() -> None:
    assert ("Harlow Foods", "acquired", "Wenna's") in triples(
        "Harlow Foods agreed to acquire Wenna's, a maker of oat bars, from Tarn Capital.")


@pytest.mark.parametrize(("text", "term"), [
    ("The medicines are antibody-drug conjugates, or ADCs, which attach a payload. Harlow Bio makes an ADC.",
     "ADC"),
    ("The medicines are antibody-drug conjugates (ADCs). Harlow Bio makes ADCs.", "ADCs"),
])
def test_an_acronym_the_text_defines_as_a_common_noun_is_no_name(text: str, term: str) -> None:
    assert term not in {name for name, _ in mentions(text)}


@pytest.mark.parametrize(("text", "not_a_name"), [
    ("- Adds Tarn Bank's franchise of 94 banking offices in Texas.", "Adds Tarn Bank"),  # a bullet's verb
    ("Harlow Bank, N.A., the company's bank subsidiary, has 300 offices.", "N.A."),  # a legal form
    ("Q&A: what the Harlow Bank deal means for Texas", "Q&A"),
])
def test_press_release_furniture_is_no_name(text: str, not_a_name: str) -> None:
    assert not_a_name not in {name for name, _ in mentions(text)}


def test_a_title_inside_a_run_of_capitals_ends_the_name() -> None:
    names = {name for name, _ in mentions("Harlow Line Chief Executive Adam Winslow said the offer was low.")}
    assert "Harlow Line" in names and not any("Chief Executive" in n for n in names)


def test_the_company_is_a_short_description_not_a_clause() -> None:
    """"the offer undervalued the company": the description is "the company", not the clause."""
    texts = {name for name, _ in mentions("Tarn Labs said the offer undervalued the company.", "reference")}
    assert texts == {"the company"}


def test_a_common_word_a_document_only_writes_capitalised_is_a_name() -> None:
    """"Atlas" twice mid-sentence and never "atlas": the name of a thing, found although it is a word."""
    text = ("Orrin Labs sells Atlas to insurers. Banks now use Atlas for contracts, "
            "and Harlow Bank said Atlas saved it time.")
    assert "Atlas" in {m.text for m in extract(text).mentions}


@pytest.mark.parametrize("text", [
    # once only, written in lower case elsewhere, or a nationality: a word
    "Orrin Labs sells Atlas to insurers. Its atlas of contracts is large, and Harlow Bank uses Atlas too.",
    "Orrin Labs bought a Danish rival. The Danish firm and a Danish bank then merged.",
])
def test_a_capitalised_common_word_stays_a_word_otherwise(text: str) -> None:
    found = {m.text for m in extract(text).mentions}
    assert "Atlas" not in found and "Danish" not in found
