"""Selling: who markets, co-markets, stocks or offers a product, in the ways an earnings recap or
a retail story puts it ("Y, the vaccine X sells with Z", "X sells Y outside the United States",
"Y is sold by X in Europe", "X stocks Y"), and the near misses that sell no product (a unit sold
to a buyer, a month, stocking up on cash)."""
from __future__ import annotations

import pytest
from extraction_helpers import norms, triples

SOLD = [
    ("Vexora, the vaccine Pfizer sells with Germany's BioNTech, brought in $11 billion.",
     {("Pfizer", "distributes", "Vexora"), ("BioNTech", "partnersWith", "Pfizer")}),
    ("Zantrel, the blood thinner Pfizer co-markets with Bristol Myers Squibb, grew 4%.",
     {("Pfizer", "distributes", "Zantrel"), ("Bristol Myers Squibb", "partnersWith", "Pfizer")}),
    ("Zantrel, which Novartis sells, grew 4%.", {("Novartis", "distributes", "Zantrel")}),
    ("Pfizer co-markets Zantrel with Bristol Myers Squibb.",
     {("Pfizer", "distributes", "Zantrel"), ("Bristol Myers Squibb", "distributes", "Zantrel"),
      ("Bristol Myers Squibb", "partnersWith", "Pfizer")}),
    ("Takeda sells Orvantix outside the United States and Canada under a long-standing licence.",
     {("Takeda", "distributes", "Orvantix")}),
    ("Novartis markets Orvantix under a licence from the inventor.",
     {("Novartis", "distributes", "Orvantix")}),
    ("Orvantix is sold by Novartis in Europe.", {("Novartis", "distributes", "Orvantix")}),
    ("Novartis markets Orvantix in 40 countries.", {("Novartis", "distributes", "Orvantix")}),
    ("Kestrel Home Supply now stocks more Roborock vacuums than ever.",
     {("Kestrel Home Supply", "distributes", "Roborock")}),
    ("Microsoft also offers Meta's Llama 2 models on Azure.",
     {("Microsoft", "distributes", "Llama"), ("Llama", "availableVia", "Microsoft Azure")}),
    # a name discovery could not type, sold as a habit (present tense), and a generic name in brackets
    ("Kestrel Pharma sells Zorvanta, a rival drug.", {("Kestrel Pharma", "distributes", "Zorvanta")}),
    ("Kestrel Pharma markets Zorvanta (velocitamab) across Europe.",
     {("Kestrel Pharma", "distributes", "Zorvanta")}),
]


@pytest.mark.parametrize(("sentence", "expected"), SOLD)
def test_the_seller_distributes(sentence: str, expected: set) -> None:
    assert norms(expected) <= triples(sentence)


NOT_SOLD = [
    "Vexlo, the unit Pfizer sells to Novartis, lost money.",  # a divestiture
    "Zantrel, which Novartis sold to Bayer, grew.",
    "Pfizer sells Orvantix in March, the filing says.",  # a date, not a market
    "Novartis sold Orvantix in 2019.",
    "Kestrel Home Supply stocks up on cash before the holidays.",
    "Kestrel Pharma agreed to sell Zorvanta to a rival.",
    "Kestrel Pharma sells Zorvanta to Brindle Capital.",
]


@pytest.mark.parametrize("sentence", NOT_SOLD)
def test_no_product_is_distributed(sentence: str) -> None:
    assert triples(sentence, "distributes") == set()


def test_a_retailer_sells_the_goods_of_named_makers() -> None:
    text = ("Kestrel Home Supply sells the devices of Vellum's competitors, including Samsung, Orrin "
            "Robotics and Dyson.")
    assert {("Kestrel Home Supply", "distributes", "Samsung"),
            ("Kestrel Home Supply", "distributes", "Orrin Robotics")} <= triples(text, "distributes")
    # goods of no named maker
    assert triples("Kestrel Home Supply sells products of its own design.", "distributes") == set()


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tessera 7B can be downloaded from Hugging Face and GitHub.",
     {("Tessera 7B", "availableVia", "Hugging Face"), ("Tessera 7B", "availableVia", "GitHub")}),
    ("Vellum Labs said its models will be available through Vertex AI next year.",
     {("Vellum Labs", "availableVia", "Vertex AI")}),
])
def test_where_a_product_can_be_had(sentence: str, expected: set) -> None:
    assert expected <= triples(sentence, "availableVia")


def test_a_product_from_a_company_is_not_available_via_it() -> None:
    assert triples("Tessera 7B is available from Microsoft.", "availableVia") == set()
    assert triples("The Tessera report was posted on Monday.", "availableVia") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Media paid about $1 billion for global rights to the expanded Tarn Cup.",
     {("Harlow Media", "distributes", "Tarn Cup")}),
    ("Harlow Media and Orrin Sports paid £6.7 billion for Tarn League rights in the UK.",
     {("Harlow Media", "distributes", "Tarn League"), ("Orrin Sports", "distributes", "Tarn League")}),
    ("Harlow Media holds the streaming rights to Tarn League games through 2030.",
     {("Harlow Media", "distributes", "Tarn League")}),
])
def test_the_holder_of_media_rights_distributes_what_they_cover(text: str, expected: set) -> None:
    assert triples(text, "distributes") == expected
