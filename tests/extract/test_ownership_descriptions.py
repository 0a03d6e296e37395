"""Ownership stated through a description of the owner or of the thing owned: "X, the owner of A
and B", "it owns the frozen-dessert brands A and B", "A and B, two apps owned by X", "A, the
company's line of crackers" (the company is the owner, not A itself)."""
from __future__ import annotations

import pytest
from extraction_helpers import resolved, triples

OWNED = [
    ("Harlow Brands, the owner of Crunchwell and Dapple, reported higher sales.",
     {("Harlow Brands", "owns", "Crunchwell"), ("Harlow Brands", "owns", "Dapple")}),
    ("Harlow Brands, the company behind Crunchwell, cut prices.", {("Harlow Brands", "owns", "Crunchwell")}),
    ("Unilever said it owns the frozen dessert brands Frostella and Polarine.",
     {("Unilever", "owns", "Frostella"), ("Unilever", "owns", "Polarine")}),
    ("Tasklane and Gridwork, two platforms owned by Harlow Labs, pay contractors weekly.",
     {("Harlow Labs", "owns", "Tasklane"), ("Harlow Labs", "owns", "Gridwork")}),
    ("Harlow Labs will sell Crispwell, the company's line of rice crackers, to a rival.",
     {("Harlow Labs", "owns", "Crispwell")}),
    # a descriptor of a subsidiary between its owner (a name or "its") and its name
    ("Harlow Labs subsidiary Crispwell Foods raised prices.", {("Harlow Labs", "owns", "Crispwell Foods")}),
    ("Harlow Labs said its budget arm Crispwell Foods would expand.",
     {("Harlow Labs", "owns", "Crispwell Foods")}),
    ("Brindle Motors will fold in its in-house software unit Caldera Robotics.",
     {("Brindle Motors", "owns", "Caldera Robotics")}),
]


@pytest.mark.parametrize(("text", "expected"), OWNED)
def test_ownership_through_a_description(text: str, expected: set) -> None:
    assert expected <= triples(text, "owns")


NOT_OWNED = [
    # a stake is an investment, not ownership; places are no brands
    "Harlow Brands owns a small stake in Crunchwell.",
    "Harlow Brands owns stores in Denver and Boise.",
    # owned by the possessor's unit, not by the possessor
    "Tasklane, a platform owned by Harlow Labs' Gridwork unit, pays weekly.",
]


def test_its_after_a_name_and_and_is_that_names() -> None:
    assert triples("Kestrel Air holds a third of the market, against Qantas and its budget arm Jetstar.",
                   "owns") == {("Qantas", "owns", "Jetstar")}


@pytest.mark.parametrize("text", NOT_OWNED)
def test_near_misses_state_no_ownership(text: str) -> None:
    assert not {f for f in triples(text, "owns") if f[0] in ("Harlow Brands", "Harlow Labs")
                and f[2] != "Gridwork"}


def test_the_company_before_a_possessive_is_not_the_name_it_follows() -> None:
    text = "Harlow Labs will sell Crispwell, the company's line of rice crackers, to a rival."
    assert ("the company", "Harlow Labs") in resolved(text)


def test_the_company_in_apposition_is_the_name_it_follows() -> None:
    text = "Regulators cleared Harlow Labs, the company that makes Crispwell."
    assert ("the company", "Harlow Labs") in resolved(text)


def test_a_modifier_is_not_the_owner_of_an_apposition() -> None:
    text = ("Nestlé will keep the brand, and the Crispwell business will be folded into Harlow Snacks, "
            "the company's largest division.")
    assert ("Crispwell", "owns", "Harlow Snacks") not in triples(text, "owns")


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Media, owner of franchises including Crunchwell Quest and Dapple Racing, was sold in 2021.",
     {("Harlow Media", "owns", "Crunchwell Quest"), ("Harlow Media", "owns", "Dapple Racing")}),
    ("Harlow Studios, which houses Crunchwell Quest and Dapple Racing, will be based in Paris.",
     {("Harlow Studios", "owns", "Crunchwell Quest"), ("Harlow Studios", "owns", "Dapple Racing")}),
])
def test_an_owner_of_a_list_of_franchises(text: str, expected: set) -> None:
    assert expected <= triples(text, "owns")
