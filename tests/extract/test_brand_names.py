"""Brand names: a product or unit named after its organization ("Ansys Fluent", "Siemens EDA")
belongs to it, though no verb says so. The organization may be one the article names (even by a
short form, "Quorvex" for "Quorvex Robotics") or one the lexicon knows ("Microsoft"). What follows
its name must be a product or unit word: a legal form, a role, a place, an event, a fund or a
document does not make a product, and the lexicon's own products are left to the lexicon."""
from __future__ import annotations

import pytest
from extraction_helpers import claims, extract, triples

from kg.extract.brands import RULE


def brand_claims(text: str) -> set[tuple[str, str, str]]:
    return {(c.subject.label, c.predicate, c.object.label) for c in extract(text).claims if c.rule == RULE}


@pytest.mark.parametrize("text, owner, owned", [
    # an organization the article names, then a product carrying its name
    ("Quorvex Robotics raised $40 million on Monday. Hospitals in Ohio already use Quorvex Sentinel "
     "to guide surgeons.", "Quorvex Robotics", "Quorvex Sentinel"),
    # an organization the lexicon knows, never named alone
    ("Clinicians at Tallowmere Health System will test Microsoft Pallas next year.",
     "Microsoft", "Microsoft Pallas"),
    # a unit rather than a product, with an abbreviation for a name
    ("Brenwick Aerospace signed the contract with Siemens Orvane, the unit said.", "Siemens",
     "Siemens Orvane"),
    # a model number after the brand, and a plus that ends a product name
    ("Harrow Clinic acquired Lindqvist Medical in May. Its surgeons prefer the Lindqvist K7+ for "
     "hard lesions.", "Lindqvist Medical", "Lindqvist K7+"),
])
def test_a_name_that_begins_with_an_organization_is_owned_by_it(text: str, owner: str, owned: str) -> None:
    assert (owner, "owns", owned, "asserted", "actual") in claims(text, "owns")


def test_the_evidence_is_the_first_sentence_that_names_the_brand() -> None:
    text = ("Quorvex Robotics raised $40 million. Its flagship, Quorvex Sentinel, guides surgeons. "
            "Three hospitals bought Quorvex Sentinel in May.")
    found = [c for c in extract(text).claims if c.rule == RULE]
    assert [c.sentence.text for c in found] == ["Its flagship, Quorvex Sentinel, guides surgeons."]


@pytest.mark.parametrize("text", [
    # the organization's own longer name: a legal form or an organization head
    "Quorvex said on Monday that Quorvex Inc. would list its shares in Frankfurt.",
    "Quorvex Robotics raised $40 million. Quorvex Robotics Holdings will hold the shares.",
    "Quorvex said revenue rose. Analysts said Quorvex Technologies had a good year.",
    "Quorvex rebuffed a bid, and its controlling shareholder, the Quorvex Trust, opposed a sale.",
    # a role, a place, an event, a fund or a document
    "Microsoft CFO Amy Hood said the quarter was strong.",
    "The team at Microsoft India built the first version of the tool.",
    "Mayo Clinic and Tallowmere Health System met at Microsoft Build in May.",
    "Brightwell Labs raised $20 million from the Brightwell Growth Fund last year.",
    "The weights are released under the Quorvex Robotics License. Quorvex Robotics said so.",
    "Shoppers spent $2 billion during Amazon Harvest Day this year.",
    # a place or an event the article is at
    "Brightwell Labs executives spoke at Brightwell Horizon in Denver on Tuesday.",
    # a site or a school of the organization
    "Mayo Clinic said patients at Mayo Clinic Lakeside Center will use the tool.",
    "Harbor Health opened Harbor Health Cancer Center in Ohio.",
    # two parties side by side, not one brand
    "Regulators cleared the Microsoft Tallowmere deal in October.",
    "Harbor Health bought Quorvex Robotics. The Harbor Quorvex integration took a year.",
    "Harbor Health bought Quorvex Robotics. Analysts expect Harbor Quorvex to grow.",
])
def test_a_name_that_is_no_product_of_the_organization_is_not_claimed(text: str) -> None:
    assert brand_claims(text) == set()


def test_a_product_the_lexicon_knows_is_left_to_the_lexicon() -> None:
    """"Google Cloud" is Google's in the lexicon; the article does not say so."""
    assert brand_claims("Tallowmere Health System moved its records to Google Cloud in May.") == set()


def test_a_brand_named_before_its_organization_is_still_its() -> None:
    text = ("Surgeons prefer Quorvex Sentinel for hard cases. Quorvex Robotics, which makes the arm, "
            "raised $40 million.")
    assert ("Quorvex Robotics", "owns", "Quorvex Sentinel") in triples(text, "owns")
