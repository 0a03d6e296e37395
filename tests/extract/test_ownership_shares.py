"""Ownership stated through shares, joint holdings, possessives with a kind, shareholders, and
sales to named buyers."""
from __future__ import annotations

from extraction_helpers import claims, triples


def test_percent_owned_by_with_the_rest_owned_by_another() -> None:
    text = "Orbital Labs is 51% owned by Kestrel Capital, with the remaining 49% owned by Halcyon Partners."
    assert triples(text, "owns") == {("Kestrel Capital", "owns", "Orbital Labs"),
                                     ("Halcyon Partners", "owns", "Orbital Labs")}


def test_remains_percent_owned() -> None:
    assert ("SoftBank Group", "owns", "Arm Holdings") in \
        triples("Arm Holdings remains about 90% owned by SoftBank Group.", "owns")


def test_owned_jointly_with_a_partner() -> None:
    text = ("Orbital Labs also holds Halcyon Works, a processing plant in Ohio that it owns jointly "
            "with Kestrel Robotics.")
    assert triples(text, "owns") == {("Orbital Labs", "owns", "Halcyon Works"),
                                     ("Kestrel Robotics", "owns", "Halcyon Works")}


def test_possessive_then_a_kind_of_unit() -> None:
    assert triples("Sony lost share to Orbital Labs's Halcyon business last year.", "owns") == \
        {("Orbital Labs", "owns", "Halcyon")}


def test_a_shareholder_in_invests() -> None:
    assert triples("Qualcomm is a shareholder in Quintauris, a chip design venture.", "investsIn") == \
        {("Qualcomm", "investsIn", "Quintauris")}
    assert ("Orbital Labs", "investsIn", "Kestrel Robotics", "asserted", "planned") in \
        claims("Upon closing, Orbital Labs will become a shareholder in Kestrel Robotics.", "investsIn")


def test_sold_by_a_seller_to_buyers() -> None:
    text = ("Simtra BioPharma Solutions was sold by Baxter International in 2023 to private-equity "
            "firms Advent International and Warburg Pincus for $4.25 billion.")
    assert triples(text, "acquired") == {("Advent International", "acquired", "Simtra BioPharma Solutions"),
                                         ("Warburg Pincus", "acquired", "Simtra BioPharma Solutions")}


def test_description_then_relative_clause_of_the_buyer() -> None:
    text = ("Crunchyroll, the anime streaming service that Sony Pictures Entertainment bought from AT&T "
            "for $1.175 billion in 2021, grew.")
    assert triples(text, "acquired") == {("Sony Pictures Entertainment", "acquired", "Crunchyroll")}


def test_becomes_a_subsidiary_of() -> None:
    text = "Once the deal closes, Orbital Labs becomes a wholly owned subsidiary of Kestrel Holdings."
    assert triples(text, "owns") == {("Kestrel Holdings", "owns", "Orbital Labs")}


def test_in_which_right_after_the_name() -> None:
    text = "Kadokawa owns FromSoftware, in which Sony separately holds a stake of about 14.1%."
    assert ("Sony", "investsIn", "FromSoftware") in triples(text, "investsIn")


def test_controls_is_ownership_of_a_name_only() -> None:
    assert triples("Novo Holdings controls Novo Nordisk through its voting power.", "owns") == \
        {("Novo Holdings", "owns", "Novo Nordisk")}
    assert triples("Nvidia controls 80% of the market for AI chips.", "owns") == set()
