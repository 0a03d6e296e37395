"""Lists: a relation stated once for several names ("backed by A, B, C and D", "investors include
A and B", "bought A in 2022 and B last year") gives one fact per listed name, also when an aside
(", founded in 2012,") stands between the name and its verb; commas that close an apposition or a
clause start no list."""
from __future__ import annotations

import pytest
from extraction_helpers import triples

ASIDES = [
    # a participle phrase between the subject and its verb
    ("Zephyr Health Labs, founded in 2019, is backed by Northwind Capital, Harborline Ventures, "
     "Sequoia Capital and Greylock Partners, among others.", "investsIn", {
         ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
         ("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
         ("Sequoia Capital", "investsIn", "Zephyr Health Labs"),
         ("Greylock Partners", "investsIn", "Zephyr Health Labs")}),
    ("Bluefin Analytics, headquartered in Denver, competes with Snowflake.", "competesWith",
     {("Bluefin Analytics", "competesWith", "Snowflake")}),
    # an aside that holds a name: both its fact and the main clause's
    ("Zephyr Health Labs, last valued at $2 billion in a round led by Northwind Capital, competes "
     "with Snowflake.", None, {
         ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
         ("Snowflake", "competesWith", "Zephyr Health Labs")}),
    # a comma inside the aside ("Austin, Texas") is no aside: nothing is dropped, nothing invented
    ("Bluefin Analytics, based in Austin, Texas, competes with Snowflake.", "investsIn", set()),
]


@pytest.mark.parametrize(("text", "relation", "expected"), ASIDES)
def test_a_participle_aside_does_not_part_a_name_from_its_verb(text, relation, expected):
    assert triples(text, *([relation] if relation else [])) == expected


INVESTOR_LISTS = [
    ("Zephyr Health Labs's investors include Northwind Capital, Harborline Ventures and Index Ventures.", {
        ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
        ("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
        ("Index Ventures", "investsIn", "Zephyr Health Labs")}),
    # the company whose investors these are was named in the sentence before
    ("Zephyr Health Labs raised $40 million. Investors include Northwind Capital and Index Ventures.", {
        ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
        ("Index Ventures", "investsIn", "Zephyr Health Labs")}),
    ("Zephyr Health Labs raised $40 million last year. The round drew T. Rowe Price and Harborline "
     "Ventures.", {
         ("T. Rowe Price", "investsIn", "Zephyr Health Labs"),
         ("Harborline Ventures", "investsIn", "Zephyr Health Labs")}),
    ("Zephyr Health Labs raised $40 million from Northwind Capital, with participation from earlier "
     "backers such as Index Ventures and Greylock Partners.", {
         ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
         ("Index Ventures", "investsIn", "Zephyr Health Labs"),
         ("Greylock Partners", "investsIn", "Zephyr Health Labs")}),
    # near misses: customers and partners listed are no investors
    ("Zephyr Health Labs's customers include Northwind Health and Mayo Clinic.", set()),
    ("Zephyr Health Labs raised $40 million. Partners include Microsoft and Mayo Clinic.", set()),
]


@pytest.mark.parametrize(("text", "expected"), INVESTOR_LISTS)
def test_every_listed_investor_invests(text, expected):
    assert triples(text, "investsIn") == expected


CONTINUED_LISTS = [
    # the list goes on after a time or price: each member follows the one before
    ("Oracle bought Cerner in 2022 and Zephyr Health Labs last year.", "acquired", {
        ("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs")}),
    ("Oracle acquired Cerner in 2022, Zephyr Health Labs in 2023 and Bluefin Analytics last year.",
     "acquired", {("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs"),
                  ("Oracle", "acquired", "Bluefin Analytics")}),
    ("Oracle bought Cerner for $28 billion and Zephyr Health Labs for $40 million.", "acquired", {
        ("Oracle", "acquired", "Cerner"), ("Oracle", "acquired", "Zephyr Health Labs")}),
    # a preposition repeated for the next channels
    ("Zephyr Scribe is available on Microsoft Azure, and through AWS Marketplace and Google Cloud "
     "Marketplace.", "availableVia", {
         ("Zephyr Scribe", "availableVia", "Microsoft Azure"),
         ("Zephyr Scribe", "availableVia", "AWS Marketplace"),
         ("Zephyr Scribe", "availableVia", "Google Cloud Marketplace")}),
    ("Zephyr Scribe can be downloaded from Microsoft Azure and AWS Marketplace.", "availableVia", {
        ("Zephyr Scribe", "availableVia", "Microsoft Azure"),
        ("Zephyr Scribe", "availableVia", "AWS Marketplace")}),
    # each product named with what it is used for
    ("Lumora Semiconductor uses Zephyr Scribe for implementation and Amazon SageMaker for testing.",
     "deploys", {("Lumora Semiconductor", "deploys", "Zephyr Scribe"),
                 ("Lumora Semiconductor", "deploys", "Amazon SageMaker")}),
]

NOT_CONTINUED = [
    # a comma before the speaker, an apposition or another clause continues nothing
    ("Oracle bought Cerner in 2022, said Epic Systems.", "acquired", {("Oracle", "acquired", "Cerner")}),
    ("Oracle bought Cerner in 2022 and Epic Systems bought Zephyr Health Labs.", "acquired", {
        ("Oracle", "acquired", "Cerner"), ("Epic Systems", "acquired", "Zephyr Health Labs")}),
    ("Oracle bought Cerner in 2022, Zephyr Health Labs, its rival, said.", "acquired",
     {("Oracle", "acquired", "Cerner")}),
    ("Lumora Semiconductor uses Zephyr Scribe for design and Databricks said it was pleased.", "deploys",
     {("Lumora Semiconductor", "deploys", "Zephyr Scribe")}),
    ("Lumora Semiconductor uses Zephyr Scribe to compete with Snowflake and Databricks.", "deploys",
     {("Lumora Semiconductor", "deploys", "Zephyr Scribe")}),
    ("Zephyr Scribe is available on Microsoft Azure, and AWS Marketplace hosts Kestrel Studio.",
     "availableVia", {("Zephyr Scribe", "availableVia", "Microsoft Azure"),
                      ("Kestrel Studio", "availableVia", "AWS Marketplace")}),
]


@pytest.mark.parametrize(("text", "relation", "expected"), CONTINUED_LISTS + NOT_CONTINUED)
def test_a_list_continues_past_a_phrase_only_with_a_parallel_member(text, relation, expected):
    assert triples(text, relation) == expected


PRODUCT_MEMBERS = [
    # a name that heads a kind of product ("A's catheters", "C pumps") is still a list member
    ("Marlow Valley Health uses both Zephyr Health Labs's coronary catheters and Bluefin Analytics's "
     "Kestrel Scribe pumps in its labs.", "deploys", {
         ("Marlow Valley Health", "deploys", "Zephyr Health Labs"),
         ("Marlow Valley Health", "deploys", "Kestrel Scribe")}),
    ("Oracle competes with Epic Systems software and Cerner products in hospitals.", "competesWith", {
        ("Epic Systems", "competesWith", "Oracle"), ("Cerner", "competesWith", "Oracle")}),
    # the product's name is the subject, not the possessor
    ("Zephyr Labs's Kestrel Scribe thermal solver competes with Bluefin Analytics's Halcyon Studio and "
     "Vireo Suite products.", "competesWith", {
         ("Halcyon Studio", "competesWith", "Kestrel Scribe"),
         ("Kestrel Scribe", "competesWith", "Vireo Suite")}),
    # near misses: the second name starts its own clause
    ("Marlow Valley Health uses Zephyr Health Labs's catheters, and Bluefin Analytics makes pumps.",
     "deploys", {("Marlow Valley Health", "deploys", "Zephyr Health Labs")}),
    ("Marlow Valley Health uses Zephyr Health Labs's catheters and Bluefin Analytics sells pumps.",
     "deploys", {("Marlow Valley Health", "deploys", "Zephyr Health Labs")}),
    ("Marlow Valley Health uses Kestrel Scribe software, and Bluefin Analytics makes pumps.",
     "deploys", {("Marlow Valley Health", "deploys", "Kestrel Scribe")}),
]


@pytest.mark.parametrize(("text", "relation", "expected"), PRODUCT_MEMBERS)
def test_a_name_heading_a_kind_of_product_stays_in_the_list(text, relation, expected):
    assert triples(text, relation) == expected


PARTNER_LISTS = [
    ("Databricks partners with Microsoft, AWS and Google Cloud.", {
        ("Databricks", "partnersWith", "Microsoft"), ("Amazon Web Services", "partnersWith", "Databricks"),
        ("Databricks", "partnersWith", "Google Cloud")}),
    ("Databricks offers integrations with Microsoft, AWS and Google Cloud.", {
        ("Databricks", "partnersWith", "Microsoft"), ("Amazon Web Services", "partnersWith", "Databricks"),
        ("Databricks", "partnersWith", "Google Cloud")}),
    ("Zephyr Health Labs integrates with Epic Systems and Bluefin Analytics.", {
        ("Epic Systems", "partnersWith", "Zephyr Health Labs"),
        ("Bluefin Analytics", "partnersWith", "Zephyr Health Labs")}),
]


@pytest.mark.parametrize(("text", "expected"), PARTNER_LISTS)
def test_every_listed_partner_partners(text, expected):
    assert triples(text, "partnersWith") == expected


RIVAL_LISTS = [
    ("Bluefin Analytics competes with Snowflake, Databricks and, increasingly, Microsoft.", {
        ("Bluefin Analytics", "competesWith", "Snowflake"),
        ("Bluefin Analytics", "competesWith", "Databricks"),
        ("Bluefin Analytics", "competesWith", "Microsoft")}),
    ("Bluefin Analytics's rivals include Snowflake, Databricks and Microsoft.", {
        ("Bluefin Analytics", "competesWith", "Snowflake"),
        ("Bluefin Analytics", "competesWith", "Databricks"),
        ("Bluefin Analytics", "competesWith", "Microsoft")}),
    ("Kestrel Studio and Halcyon Labs also compete with Bluefin Analytics.", {
        ("Bluefin Analytics", "competesWith", "Kestrel Studio"),
        ("Bluefin Analytics", "competesWith", "Halcyon Labs")}),
    # near miss: the rival's own customers are no rivals
    ("Bluefin Analytics's rival Snowflake counts Databricks among its customers.", {
        ("Bluefin Analytics", "competesWith", "Snowflake")}),
]


@pytest.mark.parametrize(("text", "expected"), RIVAL_LISTS)
def test_every_listed_rival_competes(text, expected):
    assert triples(text, "competesWith") == expected


def test_a_described_member_does_not_end_the_list() -> None:
    text = ("Zephyr Health Labs raised $40 million led by Northwind Capital. Other backers in the round "
            "include Harborline Ventures, the shipping group CMA CGM, Define Ventures and Elad Gil.")
    assert {("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
            ("CMA CGM", "investsIn", "Zephyr Health Labs"),
            ("Define Ventures", "investsIn", "Zephyr Health Labs"),
            ("Elad Gil", "investsIn", "Zephyr Health Labs")} <= triples(text, "investsIn")


def test_a_name_inside_a_relative_description_is_no_member() -> None:
    # "the startup Microsoft backed" describes Mistral AI: Microsoft is not invested in by Nvidia
    text = "Nvidia invested in Mistral AI, the startup Microsoft backed, and Cohere."
    facts = triples(text, "investsIn")
    assert ("NVIDIA", "investsIn", "Mistral AI") in facts
    assert ("NVIDIA", "investsIn", "Microsoft") not in facts
