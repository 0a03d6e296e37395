"""Acquisitions: "bought", "acquired", "snapped up", "took over", "agreed to acquire", "completed
its acquisition of", "X's acquisition of Y", "the acquisition of Y by X", "sold Y to X",
"Y was acquired by X" -> acquired(buyer, target). A seller is never the buyer."""
from __future__ import annotations

import pytest
from extraction_helpers import claims, figures, norms, triples

BUYER_TARGET = [
    ("Amazon bought One Medical for $3.9 billion.", ("Amazon", "One Medical")),
    ("Teladoc acquired Livongo in 2020.", ("Teladoc Health", "Livongo")),
    ("Northwind Capital snapped up Bluefin Analytics.", ("Northwind Capital", "Bluefin Analytics")),
    ("Zephyr Health Labs took over Bluefin Analytics in January.",
     ("Zephyr Health Labs", "Bluefin Analytics")),
    ("Livongo was acquired by Teladoc in 2020.", ("Teladoc Health", "Livongo")),
    ("Bluefin Analytics was purchased by Northwind Capital.", ("Northwind Capital", "Bluefin Analytics")),
    ("CVS Health agreed to acquire Oak Street Health for $10.6 billion.",
     ("CVS Health", "Oak Street Health")),
    ("Amazon completed its acquisition of One Medical.", ("Amazon", "One Medical")),
    ("Oracle's acquisition of Cerner closed in June 2022.", ("Oracle", "Cerner")),
    ("Microsoft's purchase of Nuance was approved by regulators.", ("Microsoft", "Nuance Communications")),
    ("The acquisition of Nuance by Microsoft closed in March 2022.", ("Microsoft", "Nuance Communications")),
    ("Oracle signed a definitive agreement to acquire Cerner.", ("Oracle", "Cerner")),
    ("Northwind Capital bought the remaining shares of Bluefin Analytics.",
     ("Northwind Capital", "Bluefin Analytics")),
    ("Walgreens bought a majority stake in VillageMD.", ("Walgreens Boots Alliance", "VillageMD")),
]

SOLD_TO = [
    ("IBM sold Watson Health to Francisco Partners.", ("Francisco Partners", "Watson Health"), "IBM"),
    ("Northwind Capital sold Bluefin Analytics to Zephyr Health Labs.",
     ("Zephyr Health Labs", "Bluefin Analytics"), "Northwind Capital"),
    ("Walgreens agreed to sell Shields Health Solutions to Optum.",
     ("Optum", "Shields Health Solutions"), "Walgreens Boots Alliance"),
    ("IBM divested Watson Health to Francisco Partners in 2022.",
     ("Francisco Partners", "Watson Health"), "IBM"),
]

PRICES = [
    ("Amazon bought One Medical for $3.9 billion.", (3.9e9, "USD", "acquisition price", "One Medical")),
    ("Oracle agreed to acquire Cerner for $28.3 billion.", (28.3e9, "USD", "acquisition price", "Cerner")),
    ("Northwind Capital acquired Bluefin Analytics for about $400 million.",
     (400e6, "USD", "acquisition price", "Bluefin Analytics")),
    # the sellers after "from", however described or listed, are not what the price is for
    ("Harlow Pay agreed to buy Orrin Payments from Tarn Capital and Kestrel Partners for $24.25 billion.",
     (24.25e9, "USD", "acquisition price", "Orrin Payments")),
    ("Harlow Hotels will buy Casa Orrin, which runs 11 hotels, from private-equity firm Tarn Capital "
     "for $310 million.",
     (310e6, "USD", "acquisition price", "Casa Orrin")),
]


@pytest.mark.parametrize(("sentence", "pair"), BUYER_TARGET)
def test_buyer_acquired_target(sentence: str, pair: tuple) -> None:
    assert triples(sentence, "acquired") == {(pair[0], "acquired", pair[1])}


@pytest.mark.parametrize(("sentence", "pair", "seller"), SOLD_TO)
def test_sold_to_makes_the_buyer_the_acquirer(sentence: str, pair: tuple, seller: str) -> None:
    facts = triples(sentence, "acquired")
    assert facts == {(pair[0], "acquired", pair[1])}
    assert not any(s == seller for s, _, _ in facts)


@pytest.mark.parametrize(("sentence", "price"), PRICES)
def test_the_price_is_a_figure_about_the_target(sentence: str, price: tuple) -> None:
    found = [(f.value, f.unit, f.metric, f.about.label) for f in figures(sentence) if f.is_money]
    assert found == [price]


@pytest.mark.parametrize(("sentence", "modality"), [
    ("CVS Health agreed to acquire Oak Street Health.", "planned"),
    ("CVS Health acquired Oak Street Health.", "actual"),
    ("CVS Health completed its acquisition of Oak Street Health.", "actual"),
])
def test_agreement_is_planned_and_completion_is_actual(sentence: str, modality: str) -> None:
    assert claims(sentence, "acquired") == norms({("CVS Health", "acquired", "Oak Street Health", "asserted",
                                                    modality)})


# a buyer's acquisitions listed after a word for them: each listed company was bought
ACQUISITIONS_LISTED = [
    ("Oracle has grown through acquisitions, including Cerner and Zephyr Health Labs.",
     {("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs")}),
    ("Oracle has been assembling its health business through smaller purchases, including Cerner, a "
     "records vendor, and Zephyr Health Labs, a startup it agreed to buy this year.",
     {("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs")}),
    ("Oracle made several acquisitions, including Cerner and Zephyr Health Labs.",
     {("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs")}),
    ("Oracle's recent acquisitions include Cerner and Zephyr Health Labs.",
     {("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs")}),
    # near misses: an adviser or a reviewer of acquisitions buys nothing
    ("Goldman Sachs advised on acquisitions including Cerner.", set()),
    ("Oracle reviewed acquisitions by Epic Systems.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), ACQUISITIONS_LISTED)
def test_listed_acquisitions_were_acquired(sentence: str, expected: set) -> None:
    assert triples(sentence, "acquired") == expected


@pytest.mark.parametrize("text", [
    "Tollgate Financial bought Barclays' U.S. card portfolio last year.",
    "Tollgate Financial grew through its purchase of ING Direct, the online bank, and Citigroup's card unit.",
])
def test_buying_a_possession_of_a_company_is_not_buying_the_company(text: str) -> None:
    facts = triples(text, "acquired")
    assert not {f for f in facts if f[2] in ("Barclays", "Citigroup")}


def test_buying_the_company_itself_still_counts() -> None:
    text = "Tollgate Financial grew through its purchase of ING Direct and Barclays."
    assert ("Tollgate Financial", "acquired", "Barclays") in triples(text, "acquired")


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Petroleum is paying $12 billion for Quillon Energy.",
     {("Harlow Petroleum", "acquired", "Quillon Energy")}),
    ("Harlow Petroleum paid about $3 billion in cash for Quillon Energy.",
     {("Harlow Petroleum", "acquired", "Quillon Energy")}),
    ("Harlow Petroleum itself spent €2.8 billion in 2023 to buy Quillon Energy.",
     {("Harlow Petroleum", "acquired", "Quillon Energy")}),
    ("Harlow Petroleum spent £900 million to acquire Quillon Energy.",
     {("Harlow Petroleum", "acquired", "Quillon Energy")}),
])
def test_paying_a_sum_for_a_company(text: str, expected: set) -> None:
    assert expected <= triples(text, "acquired")


@pytest.mark.parametrize("text", [
    "Harlow Petroleum paid $20 million for Quillon Energy licenses.",
    "Harlow Petroleum paid $2 billion for Quillon Energy's pipeline unit.",
    "Harlow Petroleum paid $5 million for a stake in Quillon Energy.",
])
def test_paying_for_a_possession_or_a_licence_is_no_acquisition(text: str) -> None:
    assert triples(text, "acquired") == set()


@pytest.mark.parametrize(("text", "expected"), [
    # a descriptor between two names after a preposition describes the second: two arguments
    ("Later that year Harlow Petroleum sold Quillon Energy to private-equity firm Tarn Capital.",
     {("Tarn Capital", "acquired", "Quillon Energy")}),
    ("Velmora, which had bought Swedish fragrance house Ostra Labs in 2022, declined to comment.",
     {("Velmora", "acquired", "Ostra Labs")}),
    ("Harlow Petroleum bought British online grocer Quillon Foods last year.",
     {("Harlow Petroleum", "acquired", "Quillon Foods")}),
    ("Harlow Foods has entered into definitive agreements to acquire Quillon Snacks and Tarn Bakery.",
     {("Harlow Foods", "acquired", "Quillon Snacks"), ("Harlow Foods", "acquired", "Tarn Bakery")}),
])
def test_a_descriptor_before_the_target_is_no_argument(text: str, expected: set) -> None:
    assert triples(text, "acquired") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Energy said its Denbury acquisition closed in November.",
     {("Harlow Energy", "acquired", "Denbury")}),
    ("Harlow's $2 billion Tarn Labs takeover closed on Friday.", {("Harlow", "acquired", "Tarn Labs")}),
])
def test_a_possessor_s_acquisition_named_before_the_noun(text: str, expected: set) -> None:
    assert triples(text, "acquired") == expected


@pytest.mark.parametrize("text", [
    "Harlow Telecom had already sold its European towers to Spanish operator Tarn Towers in 2020.",
    "Harlow Telecom sold Orrin Mobile's masts to Tarn Towers in 2020.",
])
def test_buying_a_company_s_assets_is_not_buying_the_company(text: str) -> None:
    assert not {s for s, _, o in triples(text, "acquired") if o in ("Harlow Telecom", "Orrin Mobile")}


@pytest.mark.parametrize(("text", "expected"), [
    ("A consortium led by Harlow Capital and Tarn Partners agreed to buy Orrin Mobile.",
     {("Harlow Capital", "acquired", "Orrin Mobile"), ("Tarn Partners", "acquired", "Orrin Mobile")}),
    ("A Harlow Capital-led consortium bought Orrin Mobile in 2021.",
     {("Harlow Capital", "acquired", "Orrin Mobile")}),
    ("Orrin Mobile agreed to be taken private by a consortium of Harlow Capital and Tarn Partners.",
     {("Harlow Capital", "acquired", "Orrin Mobile"), ("Tarn Partners", "acquired", "Orrin Mobile")}),
])
def test_a_consortium_acts_for_its_members(text: str, expected: set) -> None:
    assert triples(text, "acquired") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Pay yesterday announced a recommended all-cash offer of €27.50 per share for Orrin Payments.",
     {("Harlow Pay", "acquired", "Orrin Payments")}),
    ("Days later Harlow Soft announced its $68.7 billion bid for Orrin Games.",
     {("Harlow Soft", "acquired", "Orrin Games")}),
])
def test_an_offer_for_a_company_is_a_planned_acquisition(text: str, expected: set) -> None:
    assert triples(text, "acquired") == expected
    assert {c[4] for c in claims(text, "acquired")} == {"planned"}


@pytest.mark.parametrize("text", [
    "The board of Orrin Payments rejected Harlow Pay's bid for the company.",
    "Harlow Pay's offer for Orrin Payments collapsed last week.",
])
def test_an_offer_rejected_or_collapsed_asserts_no_acquisition(text: str) -> None:
    assert not {c for c in claims(text, "acquired") if c[3] == "asserted"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tarn Ports has agreed to buy Danish freight forwarder Orrin Logistics for $2 billion.",
     {("Tarn Ports", "acquired", "Orrin Logistics")}),
    ("Harlow Foods bought the Belgian bottler Orrin Drinks last year.",
     {("Harlow Foods", "acquired", "Orrin Drinks")}),
])
def test_a_trade_descriptor_before_the_target_is_no_argument(text: str, expected: set) -> None:
    assert triples(text, "acquired") == expected


def test_a_stake_sold_is_no_company_bought() -> None:
    facts = triples("Microsoft sold its stake in Tarn Labs to Harlow Capital.", "acquired", "investsIn")
    assert ("Harlow Capital", "acquired", "Tarn Labs") not in facts
    assert ("Microsoft", "investsIn", "Tarn Labs") in facts


@pytest.mark.parametrize(("text", "expected"), [
    ("Orrin Games agreed to be taken private by a consortium of Harlow Capital and Tarn Partners "
     "for $55 billion, or $210 a share.",
     [(55e9, "acquisition price", "Orrin Games"), (210.0, "price per share", "Orrin Games")]),
    ("Harlow Pay offered €27.50 per share for Orrin Payments.",
     [(27.5, "price per share", "Orrin Payments")]),
])
def test_a_price_per_share_is_about_the_company_bought(text: str, expected: list) -> None:
    assert [(f.value, f.metric, f.about.label) for f in figures(text)] == expected


def test_an_offer_of_money_is_planned_and_a_rejected_one_states_nothing() -> None:
    assert claims("Harlow Pay offered €27.50 per share for Orrin Payments.", "acquired") \
        == {("Harlow Pay", "acquired", "Orrin Payments", "asserted", "planned")}
    assert claims("Harlow Pay offered $5 billion for Orrin Payments but was rejected.", "acquired") == set()
