"""Rivals: "pits A against B", lists of rivals that open a sentence (whose rivals: the article's
main company when the last sentence opened on no name), and lists that a later clause with names
of its own does not continue."""
from __future__ import annotations

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
