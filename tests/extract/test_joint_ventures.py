"""Joint ventures: the venture is owned by each party, and the parties are partners.
A name right before a facility noun is the place, not the company."""
from __future__ import annotations

import pytest
from extraction_helpers import claims, extract, norms, triples


def test_apposition_joint_venture_between_two_parties() -> None:
    text = "Ultium Cells, a joint venture between General Motors and LG Energy Solution, makes cells."
    assert triples(text, "owns") == {("General Motors", "owns", "Ultium Cells"),
                                     ("LG Energy Solution", "owns", "Ultium Cells")}
    assert ("General Motors", "partnersWith", "LG Energy Solution") in triples(text, "partnersWith")


def test_coordinated_possessive_names_the_venture() -> None:
    text = "Toyota and Panasonic's joint venture Prime Planet Energy makes batteries in Japan."
    assert triples(text, "owns") == {("Toyota", "owns", "Prime Planet Energy"),
                                     ("Panasonic", "owns", "Prime Planet Energy")}


def test_venture_formed_and_named() -> None:
    text = "Orbital Labs and Kestrel Robotics formed a joint venture called Halcyon Motors in 2021."
    assert triples(text, "owns") == {("Orbital Labs", "owns", "Halcyon Motors"),
                                     ("Kestrel Robotics", "owns", "Halcyon Motors")}
    assert triples(text, "partnersWith") == {("Kestrel Robotics", "partnersWith", "Orbital Labs")}


def test_a_venture_with_a_partner_named_with_its_country() -> None:
    text = "Ford's answer is BlueOval SK, a 50-50 venture with South Korea's SK On."
    assert ("SK On", "owns", "BlueOval SK") in triples(text, "owns")


def test_a_possessive_venture_with_a_partner() -> None:
    text = "Halcyon Motors, Orbital Labs's joint venture with Kestrel Robotics, builds vans."
    assert triples(text, "owns") == {("Orbital Labs", "owns", "Halcyon Motors"),
                                     ("Kestrel Robotics", "owns", "Halcyon Motors")}


def test_a_venture_of_nobody_named_is_no_ownership() -> None:
    assert triples("Halcyon Motors, a joint venture, builds vans in Ohio.", "owns") == set()


def test_a_name_before_a_facility_noun_is_the_facility() -> None:
    assert triples("Novo Nordisk takes over the Catalent site in Indiana.", "acquired") == set()
    assert triples("Novo Nordisk acquired the Catalent plant and two Catalent facilities.",
                   "acquired") == set()
    assert triples("Novo Nordisk acquired Catalent for $16.5 billion.", "acquired") == \
        {("Novo Nordisk", "acquired", "Catalent")}


def test_a_verb_between_possessor_and_name_is_no_ownership() -> None:
    text = "Arm Holdings licenses chips. Risks include Qualcomm's countersuit alleging Arm breached it."
    assert ("Qualcomm", "owns", "Arm Holdings") not in triples(text)
    assert claims("Microsoft's speech recognition unit Nuance sells software.", "owns") == \
        {("Microsoft", "owns", "Nuance Communications", "asserted", "actual")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Orrin Bio agreed in April to pay Shanghai-based Tarn Biologics $170 million upfront "
     "for two drug candidates.",
     {("Orrin Bio", "partnersWith", "Tarn Biologics")}),
    ("Harlow Pharma has agreed to pay Tarn Sankyo as much as $22 billion to co-develop and sell "
     "three of its drugs.",
     {("Harlow Pharma", "partnersWith", "Tarn Sankyo")}),
    ("Harlow Pharma licensed a drug called HX-264 from Chengdu-based Tarn Biotech in 2022.",
     {("Harlow Pharma", "partnersWith", "Tarn Biotech")}),
])
def test_a_licence_is_a_partnership_with_the_licensor(text: str, expected: set) -> None:
    assert triples(text, "partnersWith") == norms(expected)


def test_paying_for_a_company_is_no_licence() -> None:
    text = "Harlow Pharma paid Tarn Biotech's owners $3.9 billion for the company."
    assert triples(text, "partnersWith") == set()


@pytest.mark.parametrize("text", [
    "Orrin Mobility, the electric-vehicle venture Kestrel Motors owns jointly with Harlow Motor, "
    "delivered a car.",
    "Kestrel Steel is growing. Orrin Calvert, a plant in Alabama that it owns jointly with "
    "Luxembourg-based Harlow Metals, makes coils.",
])
def test_owned_jointly_with_a_partner(text: str) -> None:
    owners = {s for s, _, o in triples(text, "owns") if o in ("Orrin Mobility", "Orrin Calvert")}
    assert len(owners) == 2 and owners <= {"Kestrel Motors", "Harlow Motor", "Kestrel Steel", "Harlow Metals"}


def test_a_venture_named_after_both_partners_is_one_name() -> None:
    text = "Sony Honda Mobility, the venture Sony owns jointly with Honda Motor, delivered its first car."
    assert "Sony Honda Mobility" in {m.text for m in extract(text).mentions}
    assert {("Sony", "owns", "Sony Honda Mobility"), ("Honda", "owns", "Sony Honda Mobility")} \
        <= triples(text, "owns")
