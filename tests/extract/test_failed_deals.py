"""A deal that was tried and did not happen states no fact: its claim is denied."""
from __future__ import annotations

from extraction_helpers import claims, triples


def test_an_attempt_that_collapsed_is_denied() -> None:
    text = ("Arm Holdings licenses chip designs. Nvidia's earlier attempt to buy Arm for $40 billion "
            "collapsed in 2022 under regulatory pressure.")
    assert ("NVIDIA", "acquired", "Arm Holdings", "denied", "actual") in claims(text, "acquired")
    assert triples(text, "acquired") == set()


def test_a_deal_blocked_by_a_judge_is_denied() -> None:
    text = "JetBlue's $3.8 billion deal to buy Spirit Airlines was blocked by a federal judge in January."
    assert triples(text, "acquired") == set()
    assert {c[3] for c in claims(text, "acquired")} == {"denied"}


def test_a_failed_bid_named_before_the_claim_is_denied() -> None:
    text = ("Its failed bid to acquire Spirit Airlines cost JetBlue a year. "
            "JetBlue's failed bid for Spirit Airlines hurt.")
    assert triples(text, "acquired") == set()


def test_a_failure_in_another_clause_denies_nothing() -> None:
    text = "Nvidia bought Mellanox in 2020 after an attempt by Intel failed."
    assert triples(text, "acquired") == {("NVIDIA", "acquired", "Mellanox")}


def test_a_deal_that_closed_stays_asserted() -> None:
    text = "Broadcom's deal to buy VMware closed in November after regulators in China approved it."
    assert ("Broadcom", "acquired", "VMware", "asserted") in {c[:4] for c in claims(text, "acquired")}


def test_a_verb_of_failure_before_the_attempt_denies_it() -> None:
    """"a judge blocked X's purchase of Y": the verb takes the attempt as its object."""
    text = "In January a federal judge blocked Harlow Air's $3.8 billion purchase of Tarn Airlines."
    assert ("Harlow Air", "acquired", "Tarn Airlines", "denied", "actual") in claims(text, "acquired")
    assert triples(text, "acquired") == set()


def test_a_later_clause_that_abandons_the_deal_denies_it() -> None:
    text = ("Harlow Group agreed in 2020 to buy Orrin Rentals, the owner of two apartment sites, "
            "for $588 million, "
            "but abandoned the deal after the regulator sued to block it.")
    assert claims(text, "acquired") == {("Harlow Group", "acquired", "Orrin Rentals", "denied", "actual")}
    # a later clause about something else undoes nothing
    assert claims("Harlow Group bought Orrin Rentals in 2020, but later sold its stake in Tarn Homes.",
                  "acquired") == {("Harlow Group", "acquired", "Orrin Rentals", "asserted", "actual")}
