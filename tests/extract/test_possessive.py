"""Possessives: "Microsoft's MAI-DxO" (a model or software) -> develops; "Alphabet's Google Cloud"
(an organisation, platform or data set) -> owns; possessive pronouns ("its Azure cloud") resolve
first. A possessive followed by a role or a relation noun ("Google's rival Microsoft",
"Microsoft's deal with Epic") is not ownership."""
from __future__ import annotations

import pytest
from extraction_helpers import norms, triples

DEVELOPS = [
    ("Microsoft's MAI-DxO solved most of the published cases.", {("Microsoft", "develops", "MAI-DxO")}),
    ("Google's Med-PaLM answered the exam questions.", {("Google", "develops", "MedPaLM")}),
    ("Epic's MyChart now drafts replies to patients.", {("Epic Systems", "develops", "MyChart")}),
    ("Zephyr Health Labs' Sentinel Assistant drafts discharge notes.",
     {("Zephyr Health Labs", "develops", "Sentinel Assistant")}),
]

OWNS = [
    ("Alphabet's Google Cloud signed a deal with HCA Healthcare.", {("Alphabet", "owns", "Google Cloud")}),
    ("Amazon's One Medical opened ten new offices.", {("Amazon", "owns", "One Medical")}),
    ("Microsoft's Nuance sells speech recognition software.",
     {("Microsoft", "owns", "Nuance Communications")}),
    ("Nvidia's BioNeMo platform hosts protein models.", {("NVIDIA", "owns", "BioNeMo")}),
    ("Bluefin Analytics' Harbor Platform went live in April.",
     {("Bluefin Analytics", "owns", "Harbor Platform")}),
    ("Oracle's Cerner unit won the contract.", {("Oracle", "owns", "Cerner")}),
]

PRONOUNS = [
    ("Microsoft said its Azure cloud would host the model.", {("Microsoft", "owns", "Microsoft Azure")}),
    ("Amazon said its One Medical unit would open new offices.", {("Amazon", "owns", "One Medical")}),
]

NOT_OWNERSHIP = [
    ("Google's rival Microsoft invested in OpenAI.", "owns", {("Google", "competesWith", "Microsoft")}),
    ("Microsoft's deal with Epic Systems covers DAX Copilot.", "owns", set()),
    ("Apple's chief executive Tim Cook praised HealthKit.", "owns", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), DEVELOPS)
def test_possessive_product_is_developed(sentence: str, expected: set) -> None:
    assert triples(sentence, "develops", "owns") == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), OWNS)
def test_possessive_organisation_or_platform_is_owned(sentence: str, expected: set) -> None:
    assert triples(sentence, "owns", "develops") == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), PRONOUNS)
def test_possessive_pronoun_resolves_to_the_owner(sentence: str, expected: set) -> None:
    assert triples(sentence, "owns") == norms(expected)


@pytest.mark.parametrize(("sentence", "wrong", "expected"), NOT_OWNERSHIP)
def test_possessive_role_or_relation_noun_is_not_ownership(sentence: str, wrong: str, expected: set) -> None:
    assert triples(sentence, wrong) == set()
    relations = sorted({f[1] for f in expected})
    if relations:
        assert triples(sentence, *relations) == norms(expected)


def test_possessive_pronoun_inside_a_cue_phrase() -> None:
    """"counts A and B among its customers": the pronoun is part of the cue, not a new party."""
    assert triples("Zephyr Health Labs counts UPMC and Emory Healthcare among its customers.", "deploys") == {
        ("UPMC", "deploys", "Zephyr Health Labs"), ("Emory Healthcare", "deploys", "Zephyr Health Labs")}


@pytest.mark.parametrize("text", [
    "Halvane Cloud is Brightwell Labs' main cloud provider.",
    "Halvane Cloud remains Brightwell Labs' exclusive cloud partner.",
    "Corvane Chat is Brightwell Labs' chatbot vendor of choice.",
    "Tessaro Systems is Brightwell Labs' largest device supplier.",
])
def test_what_a_thing_is_to_an_organization_in_a_role_is_no_ownership(text: str) -> None:
    """"X is Y's cloud provider": Y buys from X; "cloud" only says what X provides."""
    assert triples(text, "owns", "develops") == set()


@pytest.mark.parametrize("text, expected", [
    ("Halvane Cloud is Brightwell Labs' cloud platform.", ("Brightwell Labs", "owns", "Halvane Cloud")),
    ("Tessaro is Brightwell Labs' best-selling device in Europe.", ("Brightwell Labs", "owns", "Tessaro")),
    ("Corvane Chat is Brightwell Labs' chatbot for nurses.", ("Brightwell Labs", "develops", "Corvane Chat")),
])
def test_what_a_thing_is_to_its_owner_is_still_ownership(text: str, expected: tuple) -> None:
    assert expected in triples(text, "owns", "develops")


@pytest.mark.parametrize(("text", "expected"), [
    ("Microsoft competes with China's Tencent and Japan's Sony Group in gaming.",
     {("Microsoft", "competesWith", "Tencent"), ("Microsoft", "competesWith", "Sony")}),
    ("Velta Foundry is majority-owned by Abu Dhabi's Orrin Capital.",
     {("Orrin Capital", "owns", "Velta Foundry")}),
])
def test_a_place_before_a_name_says_where_not_whose(text: str, expected: set) -> None:
    assert norms(expected) == triples(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Pharma will add Tarn Bio's Velorin and Quadrex to its portfolio.",
     {("Tarn Bio", "owns", "Velorin"), ("Tarn Bio", "owns", "Quadrex")}),
])
def test_a_possessive_before_two_names_owns_both(text: str, expected: set) -> None:
    assert expected <= triples(text, "owns")


@pytest.mark.parametrize(("text", "wrong"), [
    ("Microsoft's Azure and Google compete in cloud.", ("Microsoft", "owns", "Google")),  # a new clause
    ("Scale labeled images for General Motors' Cruise, Toyota Research Institute and Lyft.",
     ("General Motors", "owns", "Lyft")),  # a list of customers, one of them possessed
    ("The Orrin app, available on Apple's App Store and Google Play, has 1.6 million users.",
     ("Apple", "owns", "Google Play")),  # a name known to be another's
])
def test_a_possessive_does_not_own_the_rest_of_a_list(text: str, wrong: tuple) -> None:
    assert wrong not in triples(text, "owns")


@pytest.mark.parametrize(("text", "expected"), [
    ("Merck said sales of Velorin, its immunotherapy blockbuster, rose 9%.",
     ("Merck & Co.", "owns", "Velorin")),
    ("Chevron reported. Its venture arm, Tarn Energy Ventures, has backed Svante.",
     ("Chevron", "owns", "Tarn Energy Ventures")),
    ("Reckitt said its infant-nutrition business, Orrin Johnson, was not for sale.",
     ("Reckitt", "owns", "Orrin Johnson")),
])
def test_an_apposition_that_names_a_possession(text: str, expected: tuple) -> None:
    assert expected in triples(text, "owns")


def test_a_rival_in_a_possessive_apposition_is_no_possession() -> None:
    assert triples("Microsoft's biggest rival, Google, said it would respond.", "owns") == set()


def test_a_possessor_s_partnerships_with_a_list() -> None:
    text = "Most merchants come through Kestrel Pay's referral partnerships with Orrin Bank and Tarn Bank."
    assert triples(text, "partnersWith") == norms({("Kestrel Pay", "partnersWith", "Orrin Bank"),
                                                   ("Kestrel Pay", "partnersWith", "Tarn Bank")})


@pytest.mark.parametrize(("text", "expected"), [
    ("Brindle Motors competes with the Kestrel Capital-owned Caldera Robotics in Europe.",
     {("Kestrel Capital", "owns", "Caldera Robotics"),
      ("Brindle Motors", "competesWith", "Caldera Robotics")}),
    ("Brindle Motors invested in the Kestrel Capital-backed Caldera Robotics.",
     {("Kestrel Capital", "investsIn", "Caldera Robotics"),
      ("Brindle Motors", "investsIn", "Caldera Robotics")}),
    ("Caldera Robotics, the Kestrel Capital-owned drone maker, raised prices.",
     {("Kestrel Capital", "owns", "Caldera Robotics")}),
    ("Caldera Robotics, the Kestrel Capital-backed drone maker, raised prices.",
     {("Kestrel Capital", "investsIn", "Caldera Robotics")}),
])
def test_a_hyphenated_owner_or_backer_modifies_the_name(text: str, expected: set) -> None:
    """"the Block-owned Square": Block owns Square and is no argument of the sentence's verb."""
    assert triples(text, "owns", "investsIn", "competesWith") == norms(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sony, whose PlayStation 5 outsold every rival, declined to comment.", ("Sony", "owns", "PlayStation")),
    ("Tarnpass, Harlow Foods' subscription program, has 22 million members.",
     ("Harlow Foods", "owns", "Tarnpass")),
])
def test_whose_product_and_a_possessive_apposition(text: str, expected: tuple) -> None:
    assert expected in triples(text, "owns")


def test_a_possessor_s_unit_in_the_middle_of_a_list_is_no_apposition() -> None:
    text = ("Orrin Systems counts Lowercarbon Capital, Siam Cement Group's venture arm and Tarn Fund "
            "among its backers.")
    assert ("Siam Cement Group", "owns", "Lowercarbon Capital") not in triples(text, "owns")
    text = "The round drew Kestrel Ventures, Harlow Labs' venture capital arm, and Tarn Fund."
    assert ("Harlow Labs", "owns", "Kestrel Ventures") in triples(text, "owns")
