"""Rivals: "pits A against B", lists of rivals that open a sentence (whose rivals: the article's
main company when the last sentence opened on no name), and lists that a later clause with names
of its own does not continue."""
from __future__ import annotations

import pytest
from extraction_helpers import norms, triples


def test_pits_against() -> None:
    text = "The deal pits Vellum Therapeutics more directly against Roche and Novartis in oncology."
    assert norms({("Vellum Therapeutics", "competesWith", "Roche"),
                  ("Vellum Therapeutics", "competesWith", "Novartis")}) <= triples(text, "competesWith")


def test_rivals_of_the_article_main_company() -> None:
    text = ("Nvidia sells chips to drugmakers. Nvidia invested in Recursion last year. Nvidia also backs "
            "Genentech. Health care is still a small line in its results.\n\n"
            "Rivals AMD and Intel are pushing their own accelerators at the same buyers.")
    assert norms({("NVIDIA", "competesWith", "Advanced Micro Devices"),
                  ("NVIDIA", "competesWith", "Intel")}) <= triples(text, "competesWith")


def test_rivals_of_nobody_in_particular() -> None:
    text = "Rivals AMD and Intel are pushing their own accelerators at the same buyers."
    assert triples(text, "competesWith") == set()


def test_a_later_clause_does_not_continue_the_list() -> None:
    text = ("Nutrix Systems, which competes with Oracle in databases, says inquiries from Oracle shops have "
            "jumped, and Microsoft and Red Hat are pitching programs of their own.")
    facts = triples(text, "competesWith")
    assert norms({("Nutrix Systems", "competesWith", "Oracle")}) <= facts
    assert not {f for f in facts if "Microsoft" in f or "Red Hat" in f}


def test_a_relative_clause_may_stand_between_the_rivals() -> None:
    text = ("Vellum Labs competes with Recursion and Exscientia, both of which have drugs in human "
            "testing, as well as Tamsin Bio, a Montreal startup.")
    assert norms({("Vellum Labs", "competesWith", "Tamsin Bio")}) <= triples(text, "competesWith")


def test_it_is_not_one_of_a_pair() -> None:
    text = ("Vellum Labs signed deals with two drugmakers. Today, Eli Lilly and Novartis are better at "
            "chemistry than anyone. It competes with Recursion and Exscientia.")
    facts = triples(text, "competesWith")
    assert norms({("Vellum Labs", "competesWith", "Recursion")}) <= facts
    assert not {f for f in facts if "Novartis" in f}


def test_possessor_competitors_including_a_list() -> None:
    text = ("Retailers stock the robots of Vellum's competitors, including Tamsin Robotics, Orrin Labs "
            "and Kestrel Labs.")
    assert norms({("Vellum", "competesWith", "Tamsin Robotics"), ("Vellum", "competesWith", "Orrin Labs"),
                  ("Vellum", "competesWith", "Kestrel Labs")}) <= triples(text, "competesWith")


def test_a_rival_with_several_modifiers() -> None:
    assert norms({("Google", "competesWith", "OpenAI")}) <= triples(
        "Google is OpenAI's most direct large rival.", "competesWith")


def test_the_x_rival_apposition() -> None:
    text = "Regulators asked about Anthropic, the OpenAI rival backed by Amazon."
    assert norms({("Anthropic", "competesWith", "OpenAI")}) <= triples(text, "competesWith")
    # an apposition naming an investor, not a rival
    assert triples("Regulators asked about Anthropic, the Amazon investee.", "competesWith") == set()


def test_positioned_as_an_alternative() -> None:
    text = "Tamsin Labs positions itself as a European alternative to OpenAI and Anthropic."
    assert norms({("Tamsin Labs", "competesWith", "OpenAI"),
                  ("Tamsin Labs", "competesWith", "Anthropic")}) <= triples(text, "competesWith")
    assert norms({("Tamsin Labs", "competesWith", "OpenAI")}) <= triples(
        "Tamsin Labs, a cheaper alternative to OpenAI, raised money.", "competesWith")
    # an alternative to a thing, not to a company
    assert triples("Tamsin Labs offers an alternative to building data centres.", "competesWith") == set()


def test_two_named_companies_compete_for() -> None:
    text = "Microsoft and OpenAI sometimes compete for the same corporate customers."
    assert norms({("Microsoft", "competesWith", "OpenAI")}) <= triples(text, "competesWith")
    assert triples("Microsoft and OpenAI worked for the same customers.", "competesWith") == set()


def test_a_coordinated_verb_shares_the_subject() -> None:
    text = "Tamsin Labs sells models to banks, and competes at home with Aleph Alpha."
    assert norms({("Tamsin Labs", "competesWith", "Aleph Alpha")}) <= triples(text, "competesWith")
    # the second clause has a subject of its own
    text = "Tamsin Labs sells models to banks, and Orrin Labs competes with Aleph Alpha."
    assert ("Aleph Alpha", "competesWith", "Tamsin Labs") not in triples(text, "competesWith")


def test_a_possessed_product_headed_by_a_kind_noun_competes() -> None:
    text = "Orrin Labs sells to banks, and its Tessaro chatbot competes with ChatGPT."
    assert norms({("Tessaro", "competesWith", "ChatGPT")}) <= triples(text, "competesWith")
    text = "Pfizer's Zantrel vaccine competes with Moderna's Spikevax."
    assert norms({("Zantrel", "competesWith", "Spikevax")}) <= triples(text, "competesWith")
def test_rivals_named_after_a_kind_of_rival() -> None:
    text = ("Quillon Data competes with several annotation vendors, including Labelbox and Appen, "
            "and with consultancies such as Accenture.")
    assert norms({("Quillon Data", "competesWith", "Labelbox"), ("Quillon Data", "competesWith", "Appen"),
                  ("Quillon Data", "competesWith", "Accenture")}) <= triples(text, "competesWith")


def test_names_after_a_place_or_market_are_not_rivals() -> None:
    text = "Quillon Data competes with larger vendors in markets such as Brazil Holdings and Chile."
    assert triples(text, "competesWith") == set()


def test_a_second_verb_of_the_subject_names_its_rivals() -> None:
    text = ("Ferrow Instruments employs about 4,000 people and competes with Bruker and Waters Corp "
            "in mass spectrometry.")
    assert norms({("Ferrow Instruments", "competesWith", "Bruker"),
                  ("Ferrow Instruments", "competesWith", "Waters Corp")}) <= triples(text, "competesWith")


def test_a_relative_clause_verb_does_not_lend_its_subject() -> None:
    text = "Ferrow Instruments bought a unit that makes lasers and competes with Bruker."
    assert not {f for f in triples(text, "competesWith") if "Ferrow Instruments" in f}


def test_compete_more_directly_with() -> None:
    text = "Owning a network lets Tollgate Financial compete more directly with Visa and American Express."
    assert norms({("Tollgate Financial", "competesWith", "Visa"),
                  ("Tollgate Financial", "competesWith", "American Express")}) \
        <= triples(text, "competesWith")


def test_a_deal_that_gives_the_scale_to_compete() -> None:
    text = "The merger would give Brantwell Networks the heft to compete with Cisco in campus switching."
    assert norms({("Brantwell Networks", "competesWith", "Cisco")}) <= triples(text, "competesWith")


def test_help_to_compete_for_customers_is_not_a_rival() -> None:
    text = "The grant helps Brantwell Networks compete for contracts with the Pentagon."
    assert triples(text, "competesWith") == set()


def test_possessive_rivals_set_off_by_a_comma() -> None:
    text = "Tollgate Financial's rivals, including Synchrony and Barclays, raised their card fees."
    assert norms({("Tollgate Financial", "competesWith", "Synchrony Financial"),
                  ("Tollgate Financial", "competesWith", "Barclays")}) <= triples(text, "competesWith")


def test_a_deal_that_lets_it_do_one_thing_and_compete() -> None:
    text = "Owning the rails lets Tollgate Financial keep more of each fee and compete with Visa."
    assert norms({("Tollgate Financial", "competesWith", "Visa")}) <= triples(text, "competesWith")


def test_closest_peers_are_rivals() -> None:
    text = "Tower Semiconductor's closest peers are GlobalFoundries and United Microelectronics."
    assert triples(text, "competesWith") == {
        ("GlobalFoundries", "competesWith", "Tower Semiconductor"),
        ("Tower Semiconductor", "competesWith", "United Microelectronics")}


def test_becomes_a_direct_competitor_to() -> None:
    text = "After the deal UBS becomes a direct competitor to Morgan Stanley."
    assert triples(text, "competesWith") == {("Morgan Stanley", "competesWith", "UBS")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Mobile will be the country's largest mobile operator by subscribers, ahead of Orrin Telecom.",
     {("Harlow Mobile", "competesWith", "Orrin Telecom")}),
    ("Activision becomes the third-largest gaming company by revenue, behind China's Tencent.",
     {("Activision Blizzard", "competesWith", "Tencent")}),
])
def test_a_ranking_names_the_rivals_ahead_or_behind(text: str, expected: set) -> None:
    assert norms(expected) == triples(text, "competesWith")


def test_a_ranking_among_shareholders_names_no_rival() -> None:
    assert triples("Harlow Mobile is the largest shareholder in Tarn, ahead of Orrin Capital.",
                   "competesWith") == set()
