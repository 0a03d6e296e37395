"""Products named through their maker: 'the maker of the drugs A and B', 'whose A and B compete',
'sold under its B brand'."""
from __future__ import annotations

from extraction_helpers import triples


def test_maker_of_a_kind_of_product_named_after_it() -> None:
    text = ("Novo Nordisk, the maker of the blockbuster diabetes and weight-loss drugs Ozempic and "
            "Wegovy, bought three sites.")
    assert triples(text, "develops") == {("Novo Nordisk", "develops", "Ozempic"),
                                         ("Novo Nordisk", "develops", "Wegovy")}


def test_maker_of_things_for_a_customer_develops_no_customer() -> None:
    assert triples("Orbital Labs, a maker of chips for Nvidia, raised money.", "develops") == set()


def test_whose_products_in_coordination() -> None:
    text = "Eli Lilly, whose Mounjaro and Zepbound compete directly with Ozempic, gained share."
    assert triples(text, "owns") == {("Eli Lilly", "owns", "Mounjaro"), ("Eli Lilly", "owns", "Zepbound")}
    assert triples(text, "competesWith") == {("Mounjaro", "competesWith", "Ozempic"),
                                             ("Ozempic", "competesWith", "Zepbound")}


def test_sold_under_a_possessive_brand() -> None:
    text = "The laptops are sold under Orbital Labs's Halcyon Book brand in Europe."
    assert ("Orbital Labs", "owns", "Halcyon Book") in triples(text, "owns")


def test_publisher_of_quoted_titles_owns_them() -> None:
    text = 'Orbital Labs bought Kestrel Games, the publisher of "Halcyon Quest" and "Star Harbor".'
    assert triples(text, "owns") == {("Kestrel Games", "owns", "Halcyon Quest"),
                                     ("Kestrel Games", "owns", "Star Harbor")}


def test_a_platform_which_includes_brands() -> None:
    text = "Hershey's salty snacks platform, which includes SkinnyPop and Paqui, grew."
    assert triples(text, "owns") == {("Hershey", "owns", "SkinnyPop"), ("Hershey", "owns", "Paqui")}
