"""Coordination: "A, B and C compete against X" gives one fact per coordinated name, a group
("A and B announced a partnership") relates its members, and "and" between clauses is not a list."""
from __future__ import annotations

import pytest
from extraction_helpers import norms, triples

SUBJECTS = [
    ("Microsoft, Google and Amazon compete against Oracle.", {
        ("Microsoft", "competesWith", "Oracle"), ("Google", "competesWith", "Oracle"),
        ("Amazon", "competesWith", "Oracle")}),
    ("Abridge, Ambience Healthcare, and Suki compete with Nuance.", {
        ("Abridge", "competesWith", "Nuance Communications"),
        ("Ambience Healthcare", "competesWith", "Nuance Communications"),
        ("Suki", "competesWith", "Nuance Communications")}),
    ("General Catalyst and Andreessen Horowitz invested in Hippocratic AI.", {
        ("General Catalyst", "investsIn", "Hippocratic AI"),
        ("Andreessen Horowitz", "investsIn", "Hippocratic AI")}),
    ("Northwind Capital, Harborline Ventures and GV invested in Zephyr Health Labs.", {
        ("Northwind Capital", "investsIn", "Zephyr Health Labs"),
        ("Harborline Ventures", "investsIn", "Zephyr Health Labs"),
        ("GV", "investsIn", "Zephyr Health Labs")}),
    ("Atrium Health and Northwell Health deployed DAX Copilot.", {
        ("Atrium Health", "deploys", "Nuance DAX"), ("Northwell Health", "deploys", "Nuance DAX")}),
]

OBJECTS = [
    ("Amazon acquired One Medical and PillPack.", {
        ("Amazon", "acquired", "One Medical"), ("Amazon", "acquired", "PillPack")}),
    ("Epic Systems partnered with Microsoft and Nuance.", {
        ("Epic Systems",
         "partnersWith", "Microsoft"), ("Epic Systems", "partnersWith", "Nuance Communications")}),
    ("Oracle competes with Epic Systems, MEDITECH and athenahealth.", {
        ("Oracle", "competesWith", "Epic Systems"), ("Oracle", "competesWith", "MEDITECH"),
        ("Oracle", "competesWith", "athenahealth")}),
    ("Zephyr Scribe is used by UPMC, Emory Healthcare and Yale New Haven Health.", {
        ("UPMC", "deploys", "Zephyr Scribe"), ("Emory Healthcare", "deploys", "Zephyr Scribe"),
        ("Yale New Haven Health", "deploys", "Zephyr Scribe")}),
    # a member may keep its article: "A, B and the C"
    ("Zephyr Scribe is used by UPMC, Emory Healthcare and the University of Kansas Health System.", {
        ("UPMC", "deploys", "Zephyr Scribe"), ("Emory Healthcare", "deploys", "Zephyr Scribe"),
        ("University of Kansas Health System", "deploys", "Zephyr Scribe")}),
]

GROUPS = [
    ("Mayo Clinic and Microsoft announced a partnership.", {("Mayo Clinic", "partnersWith", "Microsoft")}),
    ("Zephyr Health Labs and Bluefin Analytics announced a partnership on Monday.",
     {("Zephyr Health Labs", "partnersWith", "Bluefin Analytics")}),
    ("Mayo Clinic, Cleveland Clinic and Microsoft formed an alliance.", {
        ("Mayo Clinic", "partnersWith", "Microsoft"), ("Cleveland Clinic", "partnersWith", "Microsoft"),
        ("Cleveland Clinic", "partnersWith", "Mayo Clinic")}),
    ("Teladoc and Amwell are rivals.", {("Teladoc Health", "competesWith", "Amwell")}),
    ("The partnership between Epic Systems and Abridge began in 2023.",
     {("Epic Systems", "partnersWith", "Abridge")}),
    ("Regulators are studying the relationship between Epic Systems and Abridge.",
     {("Epic Systems", "partnersWith", "Abridge")}),
    ("Mayo Clinic and Microsoft have worked together since 2019.",
     {("Mayo Clinic", "partnersWith", "Microsoft")}),
]

CLAUSES = [
    ("Microsoft owns Nuance, and Oracle owns Cerner.", {
        ("Microsoft", "owns", "Nuance Communications"), ("Oracle", "owns", "Cerner")}),
    ("Teladoc acquired Livongo and Amwell acquired SilverCloud Health.", {
        ("Teladoc Health", "acquired", "Livongo"), ("Amwell", "acquired", "SilverCloud Health")}),
]


def _relation(expected: set[tuple]) -> str:
    return next(iter(expected))[1]


@pytest.mark.parametrize(("sentence", "expected"), SUBJECTS)
def test_coordinated_subjects_each_get_the_fact(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), OBJECTS)
def test_coordinated_objects_each_get_the_fact(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), GROUPS)
def test_a_group_relates_its_members(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


@pytest.mark.parametrize(("sentence", "expected"), CLAUSES)
def test_and_between_clauses_is_not_a_list(sentence: str, expected: set) -> None:
    assert triples(sentence, _relation(expected)) == norms(expected)


def test_a_relationship_that_soured_is_no_partnership() -> None:
    assert triples("The relationship between Epic Systems and Abridge has soured since the lawsuit.",
                   "partnersWith") == set()


def test_under_a_partnership_with_names_the_subjects_partner() -> None:
    text = "Zephyr Health Labs will offer its models on Vertex AI under a partnership with Google."
    assert norms({("Zephyr Health Labs", "partnersWith", "Google")}) <= triples(text, "partnersWith")


@pytest.mark.parametrize(("text", "expected"), [
    ("Brindle Motors has taken a 12% stake in Caldera Robotics and will distribute Zorvanta across Europe.",
     {("Brindle Motors", "investsIn", "Caldera Robotics"), ("Brindle Motors", "distributes", "Zorvanta")}),
    ("Brindle Motors partnered with Caldera Robotics in 2021 and invested $40 million in Lumen Scribe.",
     {("Brindle Motors", "partnersWith", "Caldera Robotics"),
      ("Brindle Motors", "investsIn", "Lumen Scribe")}),
])
def test_a_subject_shared_by_two_verbs(text: str, expected: set) -> None:
    assert triples(text, "investsIn", "distributes", "partnersWith") == norms(expected)


@pytest.mark.parametrize("text", [
    # another clause's subject, or the name modifies the subject ("the X board")
    "Brindle Motors said Caldera Robotics bought Lumen Scribe and sells Zorvanta.",
    "The Brindle Motors board withdrew its support and now backs the Caldera Robotics proposal.",
])
def test_no_verb_is_given_a_subject_that_is_not_its_own(text: str) -> None:
    assert not {f for f in triples(text, "investsIn", "distributes") if f[0] == "Brindle Motors"}
