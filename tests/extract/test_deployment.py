"""Deployment of infrastructure and products: customers that build, train or run their work on a
platform, that build on another company's models, that move their data onto a cloud, and the
customers an article lists after naming one. Near misses (a building, a server that is no
platform) state nothing."""
from __future__ import annotations

import pytest
from extraction_helpers import claims, triples

DEPLOYS = [
    ("Tessellate Labs trains its drug-design models on Nvidia's DGX Cloud.",
     {("Tessellate Labs", "deploys", "DGX Cloud")}),
    ("Tessellate Labs, the Boston biotech that screens molecules using Amazon SageMaker, raised $20 million.",
     {("Tessellate Labs", "deploys", "Amazon SageMaker")}),
    ("Fernhollow Health signed a contract with Microsoft to move its imaging archive onto Microsoft Azure.",
     {("Fernhollow Health", "deploys", "Microsoft Azure")}),
    ("Orrin Analytics builds its claims tools on top of OpenAI's language models.",
     {("Orrin Analytics", "deploys", "OpenAI")}),
    ("Quillfeather Labs raised $40 million. Quillfeather's platform draws on AlphaFold.",
     {("Quillfeather Labs", "deploys", "AlphaFold")}),
    ("Pellucid AI, which is building a supercomputer called Tansy on Nvidia's DGX SuperPOD, hired 20 people.",
     {("Pellucid AI", "deploys", "DGX SuperPOD"), ("Pellucid AI", "develops", "Tansy")}),
    ("Ostrander Labs, a Seattle startup, said it moved its billing pipeline onto Amazon SageMaker.",
     {("Ostrander Labs", "deploys", "Amazon SageMaker")}),
    # a customer that relies on a product, or whose staff work in it
    ("Brenner Aerostructures relies on Amazon SageMaker for stress analysis.",
     {("Brenner Aerostructures", "deploys", "Amazon SageMaker")}),
    ("Halvard Savings Bank's designers work in Creative Cloud and Amazon SageMaker.",
     {("Halvard Savings Bank", "deploys", "Creative Cloud"),
      ("Halvard Savings Bank", "deploys", "Amazon SageMaker")}),
    # a department or the staff of an organization use the product for it
    ("The cardiac institute at Riverbend Medical Center has used Zephyr Health Labs's catheters since 2021.",
     {("Riverbend Medical Center", "deploys", "Zephyr Health Labs")}),
    ("Doctors at Riverbend Medical Center use Amazon SageMaker daily.",
     {("Riverbend Medical Center", "deploys", "Amazon SageMaker")}),
]

NOT_DEPLOYS = [
    "Microsoft said Fernhollow Health would move onto a new campus in Boston.",
    "Orrin Analytics builds its claims tools on top of the hospital's old servers.",
    "Tessellate Labs trains its chemists on weekends.",
    # staff who work with a company collaborate with it; they do not run it
    "Mayo Clinic's researchers work with Microsoft on new models.",
    "Zephyr Health Labs's engineers said Microsoft Azure was slow.",
    "The chief executive of Riverbend Medical Center used to run Amazon SageMaker.",
]


@pytest.mark.parametrize("text, expected", DEPLOYS)
def test_a_customer_deploys_the_platform_it_works_on(text: str, expected: set) -> None:
    assert expected <= triples(text, "deploys", "develops")


@pytest.mark.parametrize("text", NOT_DEPLOYS)
def test_no_platform_no_deployment(text: str) -> None:
    assert triples(text, "deploys") == set()


def test_customers_listed_after_a_deployment_deploy_the_same_product() -> None:
    text = ("Kestrel Labs makes an ambient scribe. Its main customer, Marlow Health System, rolled it out "
            "to 400 doctors this year. Smaller customers include Pennyworth Pediatrics, a four-clinic "
            "practice.")
    assert ("Pennyworth Pediatrics", "deploys", "Kestrel Labs") in triples(text, "deploys")


def test_a_product_named_after_its_maker() -> None:
    text = ("Its flagship app, Kestrel Go, is built on Google Cloud's MedLM models. Tallow Health System "
            "rolled out Kestrel Go to 250 physicians.")
    facts = triples("Kestrel Labs makes scribe software. " + text, "deploys", "owns")
    assert {("Kestrel Go", "deploys", "MedLM"), ("Tallow Health System", "deploys", "Kestrel Go"),
            ("Kestrel Labs", "owns", "Kestrel Go")} <= facts


def test_a_cloud_provider_of_a_company_is_deployed_by_it() -> None:
    text = "First, Azure is OpenAI's exclusive cloud provider."
    assert {("OpenAI", "deploys", "Microsoft Azure")} <= triples(text, "deploys")
    assert {("TikTok", "deploys", "Oracle")} <= triples("Oracle is the cloud provider for TikTok.", "deploys")
    # a partner of another kind, or a provider of nothing named
    assert triples("Azure is OpenAI's exclusive partner in Europe.", "deploys") == set()
    assert triples("Oracle is a provider of databases to TikTok.", "deploys") == set()


def test_a_model_powers_products() -> None:
    text = ("GPT-4 powers Microsoft Copilot, the assistant formerly called Bing Chat, as well as GitHub "
            "Copilot and Microsoft 365 Copilot.")
    assert {("Microsoft Copilot", "deploys", "GPT-4"), ("GitHub Copilot", "deploys", "GPT-4"),
            ("Microsoft 365 Copilot", "deploys", "GPT-4")} <= triples(text, "deploys")
    # "powers ahead": no product is powered
    assert triples("Nvidia powers ahead of AMD in data-centre chips.", "deploys") == set()


def test_a_model_embedded_in_the_companys_own_product() -> None:
    text = "Telvano Labs, a Lisbon software firm, embeds GPT-4 from Azure in its helpdesk product."
    assert {("Telvano Labs", "deploys", "GPT-4")} <= triples(text, "deploys")
    assert {("Telvano Labs", "deploys", "GPT-4")} <= triples(
        "Telvano Labs integrated GPT-4 into its support apps last year.", "deploys")
    # integrating with a company is a partnership, not a deployment
    assert triples("Telvano Labs integrates with Salesforce.", "deploys") == set()


def test_renting_capacity_from_a_cloud() -> None:
    assert {("Vellum Labs", "deploys", "CoreWeave")} <= triples(
        "Vellum Labs rents computing capacity from cloud providers, including CoreWeave.", "deploys")
    assert triples("Vellum Labs bought a building from CoreWeave.", "deploys") == set()


def test_an_agreement_to_deploy_is_a_planned_deployment() -> None:
    text = ("Kestrel Logistics has signed a framework agreement to deploy Orrin Sort "
            "at up to 20 of its U.S. sites.")
    assert claims(text, "deploys") == {("Kestrel Logistics", "deploys", "Orrin Sort", "asserted", "planned")}
