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


def test_owning_a_companys_business_is_no_ownership_of_it() -> None:
    text = "Since 2019 Orbital Labs has also owned Kestrel Robotics's U.S. ice cream business."
    assert ("Orbital Labs", "owns", "Kestrel Robotics") not in triples(text, "owns")


def test_holding_a_companys_shares_is_investing_in_it() -> None:
    text = ("Funds of General Atlantic and Newlight Partners, which together hold approximately 21% of "
            "Oak Street Health's outstanding shares, will vote for the deal.")
    assert {("General Atlantic", "investsIn", "Oak Street Health"),
            ("Newlight Partners", "investsIn", "Oak Street Health")} <= triples(text, "investsIn")


def test_a_singular_relative_clause_is_about_the_last_name_of_a_list() -> None:
    text = "Kroger wanted to better compete with Walmart, Costco and Amazon, which owns Whole Foods Market."
    assert triples(text, "owns") == {("Amazon", "owns", "Whole Foods Market")}
    plural = "Microsoft and Google, which compete with Amazon, signed deals."
    assert triples(plural, "competesWith") == {("Amazon", "competesWith", "Google"),
                                               ("Amazon", "competesWith", "Microsoft")}


def test_announcing_an_acquisition_from_a_seller_is_no_funding() -> None:
    text = ("Hershey announced its agreement to acquire Lily's from The Simply Good Foods Company "
            "for $425 million.")
    assert triples(text, "investsIn") == set()


def test_financial_metrics_are_not_names() -> None:
    text = "Orbital Labs raised its EPS estimate to $2.40 and expects EBITDA of $640 million."
    assert not {name for name, _ in mentions(text)} & {"EPS", "EBITDA"}
