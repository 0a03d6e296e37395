"""Funding: "Y raised $150 million led by Z" -> investsIn(Z, Y), with the amount a funding figure
about Y (and a valuation figure about Y when one is given); every named participant invests."""
from __future__ import annotations

import pytest
from extraction_helpers import figures, norms, triples

ROUNDS = [
    ("Zephyr Health Labs raised $150 million led by Northwind Capital.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("Abridge raised $250 million in a Series D round led by Elad Gil and IVP.",
     {("Elad Gil", "investsIn", "Abridge"), ("IVP", "investsIn", "Abridge")}),
    ("Hippocratic AI raised $141 million in a Series B led by Kleiner Perkins, with participation from "
     "Andreessen Horowitz and General Catalyst.", {
         ("Kleiner Perkins",
          "investsIn", "Hippocratic AI"), ("Andreessen Horowitz", "investsIn", "Hippocratic AI"),
         ("General Catalyst", "investsIn", "Hippocratic AI")}),
    ("Zephyr Health Labs closed a $25 million seed round from Harborline Ventures and GV.", {
        ("Harborline Ventures",
         "investsIn", "Zephyr Health Labs"), ("GV", "investsIn", "Zephyr Health Labs")}),
    ("Zephyr Health Labs raised $20 million from Northwind Capital.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("Zephyr Health Labs secured $40 million in Series A funding co-led by Thrive Capital and Define "
     "Ventures.", {
        ("Thrive Capital",
         "investsIn", "Zephyr Health Labs"), ("Define Ventures", "investsIn", "Zephyr Health Labs")}),
    ("Northwind Capital led a $40 million Series A in Zephyr Health Labs.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("Northwind Capital led Zephyr Health Labs' $40 million Series A.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("GV invested $20 million in Zephyr Health Labs.", {("GV", "investsIn", "Zephyr Health Labs")}),
    ("Northwind Capital-backed Zephyr Health Labs opened an office in Austin.",
     {("Northwind Capital", "investsIn", "Zephyr Health Labs")}),
    ("Zephyr Health Labs, which is backed by GV, hired a new chief executive.",
     {("GV", "investsIn", "Zephyr Health Labs")}),
    ("Microsoft took a minority stake in Zephyr Health Labs.",
     {("Microsoft", "investsIn", "Zephyr Health Labs")}),
    ("Zephyr Health Labs raised $30 million. Northwind Capital and GV also participated.", {
        ("Northwind Capital", "investsIn", "Zephyr Health Labs"), ("GV", "investsIn", "Zephyr Health Labs")}),
]

AMOUNTS = [
    ("Zephyr Health Labs raised $150 million led by Northwind Capital.",
     [(150e6, "USD", "funding", "Zephyr Health Labs")]),
    ("Zephyr Health Labs raised $60 million at a $1 billion valuation, led by Northwind Capital.",
     [(60e6, "USD", "funding", "Zephyr Health Labs"), (1e9, "USD", "valuation", "Zephyr Health Labs")]),
    ("Abridge raised $250 million in a Series D round led by Elad Gil and IVP.",
     [(250e6, "USD", "funding", "Abridge")]),
    ("Northwind Capital led a $40 million Series A in Zephyr Health Labs.",
     [(40e6, "USD", "funding", "Zephyr Health Labs")]),
]


@pytest.mark.parametrize(("sentence", "expected"), ROUNDS)
def test_every_named_investor_invests(sentence: str, expected: set) -> None:
    assert triples(sentence, "investsIn") == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), AMOUNTS)
def test_the_amount_raised_is_a_figure_about_the_company(sentence: str, expected: list) -> None:
    found = [(f.value, f.unit, f.metric, f.about.label) for f in figures(sentence) if f.is_money]
    assert sorted(found) == sorted(expected)


def test_the_round_is_not_an_investment_by_the_company_in_its_investors() -> None:
    facts = triples("Zephyr Health Labs raised $150 million led by Northwind Capital.")
    assert ("Zephyr Health Labs", "investsIn", "Northwind Capital") not in facts


def test_backed_by_after_an_apposition_that_names_a_rival() -> None:
    text = "Regulators asked about Anthropic, the OpenAI rival backed by Amazon and Google."
    assert {("Amazon", "investsIn", "Anthropic"), ("Google", "investsIn", "Anthropic")} <= \
        triples(text, "investsIn")
    assert ("OpenAI", "investsIn", "Anthropic") not in triples(text, "investsIn")


def test_other_backers_in_the_round_include() -> None:
    text = ("Zephyr Health Labs raised $40 million led by Northwind Capital. Other backers in the round "
            "include Harborline Ventures and Define Ventures.")
    assert {("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
            ("Define Ventures", "investsIn", "Zephyr Health Labs")} <= triples(text, "investsIn")


def test_a_round_which_one_investor_led_with_participation_from_others() -> None:
    text = ("The deal comes after Zephyr Health Labs' $12 million seed round, which Northwind Capital led "
            "with participation from Harborline Ventures and Define Ventures.")
    assert {("Northwind Capital", "investsIn", "Zephyr Health Labs"),
            ("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
            ("Define Ventures", "investsIn", "Zephyr Health Labs")} <= triples(text, "investsIn")


def test_raised_in_a_round_that_included() -> None:
    text = "Zephyr Health Labs raised $500 million in a round that included SAP and Harborline Ventures."
    assert {("SAP", "investsIn", "Zephyr Health Labs"),
            ("Harborline Ventures", "investsIn", "Zephyr Health Labs")} <= triples(text, "investsIn")


def test_a_fund_that_owns_shares_invests() -> None:
    text = "Orrin Capital, a Boston hedge fund that owns about 1.2 million Pfizer shares, is unhappy."
    assert {("Orrin Capital", "investsIn", "Pfizer")} <= triples(text, "investsIn")
    assert {("Orrin Capital", "investsIn", "Pfizer")} <= triples(
        "Orrin Capital holds 3 million shares of Pfizer.", "investsIn")
    # shares the fund no longer holds, or counted without a company
    assert triples("Orrin Capital sold 1.2 million shares of Pfizer last week.", "investsIn") == set()
    assert triples("Orrin Capital owns 3 million shares, Pfizer said.", "investsIn") == set()


def test_led_the_round_joined_by_others() -> None:
    text = ("Zephyr Health Labs raised $40 million. Northwind Capital led the round, joined by Harborline "
            "Ventures and Define Ventures.")
    assert {("Northwind Capital", "investsIn", "Zephyr Health Labs"),
            ("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
            ("Define Ventures", "investsIn", "Zephyr Health Labs")} <= triples(text, "investsIn")
    assert triples("Zephyr Health Labs raised $40 million. Northwind Capital led the charge.",
                   "investsIn") == set()
@pytest.mark.parametrize(("text", "expected"), [
    ("Corvel Robotics, which had raised about $90 million from investors such as Harborline Ventures and "
     "Greylock, said it would keep its staff.",
     {("Harborline Ventures", "investsIn", "Corvel Robotics"),
      ("Greylock Partners", "investsIn", "Corvel Robotics")}),
    ("Corvel Robotics' backers, which include Intel itself, Harborline Ventures and Greylock, lost money.",
     {("Intel", "investsIn", "Corvel Robotics"), ("Harborline Ventures", "investsIn", "Corvel Robotics"),
      ("Greylock Partners", "investsIn", "Corvel Robotics")}),
])
def test_investors_listed_in_a_relative_clause(text: str, expected: set) -> None:
    assert expected <= triples(text, "investsIn")


def test_hires_from_firms_such_as_are_no_investors() -> None:
    text = "Corvel Robotics, which had hired engineers from firms such as Intel and Greylock, said it grew."
    assert triples(text, "investsIn") == set()


@pytest.mark.parametrize(("text", "expected"), [
    # a minority share bought is an investment; a majority bought is an acquisition, and ownership
    ("Bain Capital bought about 20% of Tarn Nanofab in 2023.",
     {("Bain Capital", "investsIn", "Tarn Nanofab")}),
    ("Harlow Capital bought 60% of Tarn Labs.",
     {("Harlow Capital", "owns", "Tarn Labs"), ("Harlow Capital", "acquired", "Tarn Labs")}),
    ("Harlow Air also holds just under 10% of Tarn Pacific.", {("Harlow Air", "investsIn", "Tarn Pacific")}),
    # joining other investors in a round for a company
    ("Intel Capital joined Nvidia and Orrin Ventures in a $155 million round for Ayar Labs.",
     {("Intel Capital", "investsIn", "Ayar Labs"), ("NVIDIA", "investsIn", "Ayar Labs"),
      ("Orrin Ventures", "investsIn", "Ayar Labs")}),
])
def test_shares_bought_and_rounds_joined(text: str, expected: set) -> None:
    assert triples(text, "investsIn", "owns", "acquired") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Orrin Pay, in which Tarn Capital holds 12%, grew fast.", {("Tarn Capital", "investsIn", "Orrin Pay")}),
    ("Orrin Pay is a Warsaw gateway in which Tarn Bank holds the remaining 49%.",
     {("Tarn Bank", "investsIn", "Orrin Pay")}),
    ("Harlow Games and Tarn Media also took minority stakes in Orrin Studios.",
     {("Harlow Games", "investsIn", "Orrin Studios"), ("Tarn Media", "investsIn", "Orrin Studios")}),
])
def test_a_share_held_in_a_company(text: str, expected: set) -> None:
    assert triples(text, "investsIn") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Orrin Systems counts Lowercarbon Capital, Kestrel Ventures and Tarn Climate Fund among its backers.",
     {("Lowercarbon Capital", "investsIn", "Orrin Systems"),
      ("Kestrel Ventures", "investsIn", "Orrin Systems"),
      ("Tarn Climate Fund", "investsIn", "Orrin Systems")}),
    ("Orrin Systems closed a round led by Temasek, with participation from Cargill and existing backers "
     "Fall Line Capital and S2G Ventures.",
     {("Temasek", "investsIn", "Orrin Systems"), ("Cargill", "investsIn", "Orrin Systems"),
      ("Fall Line Capital", "investsIn", "Orrin Systems"), ("S2G Ventures", "investsIn", "Orrin Systems")}),
])
def test_backers_counted_or_listed_with_their_role(text: str, expected: set) -> None:
    assert triples(text, "investsIn") == expected


def test_backers_in_a_whose_clause_invest_and_act_for_nothing_else() -> None:
    text = ("Orrin Pay, whose early backers include Kestrel Capital's Tarn Ventures, "
            "competes with Harlow Bank.")
    assert triples(text, "investsIn", "competesWith") == {("Tarn Ventures", "investsIn", "Orrin Pay"),
                                                          ("Harlow Bank", "competesWith", "Orrin Pay")}


def test_a_stake_over_half_is_ownership() -> None:
    text = "Harlow Beauty acquired a 60% stake in Orrin Lab, a Seoul skincare brand, for $203 million."
    assert ("Harlow Beauty", "owns", "Orrin Lab") in triples(text, "owns")
    assert triples("Harlow Beauty acquired a 40% stake in Orrin Lab.", "owns") == set()
