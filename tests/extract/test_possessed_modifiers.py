"""A name a possessive determines is possessed, and a name that modifies a noun of relation or of
goods is no possession: 'its Airbus fleet', 'Qualcomm's Android rival'."""
from __future__ import annotations

from extraction_helpers import triples


def test_its_name_fleet_is_no_ownership_and_no_antecedent() -> None:
    text = ("Alaska Airlines grew. It was the first U.S. airline to offer free Wi-Fi on its Airbus fleet, "
            "and Alaska will install it on aircraft flown by its Horizon Air subsidiary.")
    assert triples(text, "owns") == {("Alaska Air Group", "owns", "Horizon Air")}


def test_possessive_name_rival_is_a_rival_not_a_possession() -> None:
    text = "Qualcomm's main Android rival remains Taiwan's MediaTek."
    assert triples(text) == {("MediaTek", "competesWith", "Qualcomm")}


def test_possessive_name_before_a_verb_is_still_owned() -> None:
    assert triples("Microsoft's Nuance sells software to hospitals.", "owns") == \
        {("Microsoft", "owns", "Nuance Communications")}


def test_its_name_chips_is_no_ownership() -> None:
    text = "Orbital Labs trains its models on its Nvidia chips."
    assert ("Orbital Labs", "owns", "NVIDIA") not in triples(text, "owns")
