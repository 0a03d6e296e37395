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
