"""Availability through a channel named after a description or behind a content noun."""
from __future__ import annotations

import pytest
from extraction_helpers import triples


def test_sold_as_an_add_on_on_a_channel() -> None:
    text = "Crunchyroll is also sold as an add-on channel on Amazon Prime Video in the United States."
    assert triples(text, "availableVia") == {("Crunchyroll", "availableVia", "Prime Video")}


def test_content_available_through_a_channel() -> None:
    assert triples("Hulu content is available through Disney+ worldwide.", "availableVia") == \
        {("Hulu", "availableVia", "Disney+")}


def test_offered_through_operators_including() -> None:
    text = ("Halcyon Cloud is offered through regional carriers including T-Mobile in the United States "
            "and Rogers Communications.")
    assert {("Halcyon Cloud", "availableVia", "T-Mobile US"),
            ("Halcyon Cloud", "availableVia", "Rogers Communications")} <= triples(text, "availableVia")


def test_a_name_with_a_descriptor_is_available_on_a_list_of_channels() -> None:
    text = "The Halcyon Shop virtual storefront is available on Uber Eats, DoorDash and Deliveroo."
    assert {o for _, _, o in triples(text, "availableVia")} == {"Uber Eats", "DoorDash", "Deliveroo"}


def test_sold_through_outlets_including_retailers() -> None:
    text = "Halcyon pretzels are sold through more than 60,000 retail outlets, including Walmart and Kroger."
    assert {o for _, _, o in triples(text, "availableVia")} == {"Walmart", "Kroger"}


def test_a_company_sells_through_retailers() -> None:
    text = "Halcyon Foods sells through Walmart and Kroger in the United States."
    assert triples(text, "availableVia") == \
        {("Halcyon Foods", "availableVia", "Walmart"), ("Halcyon Foods", "availableVia", "Kroger")}


def test_a_company_sells_through_a_kind_of_retailer_then_names_them() -> None:
    text = "Halcyon Foods also sells through the big grocers - Tesco, Carrefour, Walmart - and kiosks."
    assert {o for _, _, o in triples(text, "availableVia")} == {"Tesco", "Carrefour", "Walmart"}


def test_a_company_s_goods_carried_by_channels_named_after_a_colon() -> None:
    text = ("Harlow Air's fares are carried by all three global distribution systems: Sabre, Amadeus "
            "and Travelport.")
    assert {o for _, _, o in triples(text, "availableVia")} == {"Sabre", "Amadeus", "Travelport"}


def test_goods_distributed_through_channels() -> None:
    assert triples("Velorin is sold through pharmacies: Walgreens and Rite Aid.", "availableVia") == \
        {("Velorin", "availableVia", "Walgreens Boots Alliance"), ("Velorin", "availableVia", "Rite Aid")}
    assert triples("Harlow Air fares are distributed through Amadeus and Travelport.", "availableVia") == \
        {("Harlow Air", "availableVia", "Amadeus"), ("Harlow Air", "availableVia", "Travelport")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Orrin Quest will continue to be sold on Google Play and the App Store.",
     {("Orrin Quest", "availableVia", "Google Play"), ("Orrin Quest", "availableVia", "App Store")}),
    ("Orrin Reader is generally available from today on Amazon Bedrock and in AWS Marketplace.",
     {("Orrin Reader", "availableVia", "Amazon Bedrock"),
      ("Orrin Reader", "availableVia", "AWS Marketplace")}),
])
def test_available_from_today_or_still_sold_on(text: str, expected: set) -> None:
    assert triples(text, "availableVia") == expected


def test_rolled_out_with_the_product_between() -> None:
    assert triples("Zeeland Mutual rolled Orrin Reader out to 1,100 claims handlers in 2025.", "deploys") \
        == {("Zeeland Mutual", "deploys", "Orrin Reader")}


def test_available_in_a_relative_clause() -> None:
    text = "Orrin Calm, which is available on the Apple App Store and Google Play, has 1.4 million users."
    assert triples(text, "availableVia") == {("Orrin Calm", "availableVia", "Apple App Store"),
                                             ("Orrin Calm", "availableVia", "Google Play")}
