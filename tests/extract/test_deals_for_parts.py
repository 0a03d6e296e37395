"""A deal for a part of a company, or for its goods, is no deal for the company; units and
analysts' ratings are never names; an apposition's possessive is someone else's."""
from __future__ import annotations

from extraction_helpers import mentions, triples


def test_buying_a_companys_products_is_no_acquisition() -> None:
    assert triples("Apple continues to buy Qualcomm modems under a supply agreement.", "acquired") == set()
    assert triples("Orbital Labs bought Kestrel Robotics server chips last year.", "acquired") == set()


def test_selling_a_stake_is_no_sale_of_the_seller() -> None:
    text = "AT&T, which had bought Time Warner, sold its 9.5% stake back to Hulu for $1.43 billion."
    assert triples(text, "acquired") == {("AT&T", "acquired", "Time Warner")}


def test_buying_the_company_itself_is_an_acquisition() -> None:
    assert triples("Novo Holdings bought Catalent for $16.5 billion.", "acquired") == \
        {("Novo Holdings", "acquired", "Catalent")}


def test_unit_symbols_and_ratings_are_not_names() -> None:
    found = {text for text, _ in mentions("The plant can make 40 GWh a year; the 600 MHz band is sold.")}
    assert not found & {"GWh", "MHz"}
    found = {text for text, _ in mentions("Rating: QCOM Outperform (unchanged), price target $205.")}
    assert "QCOM Outperform" not in found


def test_a_possessive_in_an_apposition_is_not_the_names() -> None:
    text = ("Stellantis builds cars in Ohio. StarPlus Energy, its joint venture with Samsung SDI, "
            "is building two plants.")
    assert ("Samsung SDI", "partnersWith", "StarPlus Energy") not in triples(text, "partnersWith")
    assert ("Samsung SDI", "owns", "StarPlus Energy") in triples(text, "owns")


def test_an_acronym_defined_by_common_words_is_no_name() -> None:
    text = ("Orbital Labs signed an architecture license agreement (ALA) with Kestrel Robotics. "
            "Kestrel Robotics says Orbital Labs breached the ALA.")
    assert "ALA" not in {name for name, _ in mentions(text)}
    plant = "Ford will build a lithium-iron-phosphate (LFP) plant."
    assert "LFP" not in {name for name, _ in mentions(plant)}


def test_an_acronym_of_a_name_stays_a_name() -> None:
    text = "The Food and Drug Administration (FDA) approved it. The FDA said so."
    found = {name for name, _ in mentions(text)}
    assert "FDA" in found
