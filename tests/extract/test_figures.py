"""Figures: one table per number form (digits, words, suffixes, money, percentages, ranges,
qualifiers), the unit and metric named from the surrounding words, years and dates that are not
figures, and the entity each figure is attached to."""
from __future__ import annotations

from dataclasses import replace

import pytest
from extraction_helpers import extract, figures

from kg.extract.figures import bind_funding_money, extract_figures, load_units


def found(sentence: str) -> list[tuple]:
    """(value, unit, about, qualifier, max_value) of every figure, in sentence order."""
    return [(f.value, f.unit, f.about.label, f.qualifier, f.max_value)
            for f in sorted(figures(sentence), key=lambda f: f.span.start)]


DIGITS = [
    ("Riverbend Health System operates 182 hospitals.",
     [(182, "hospitals", "Riverbend Health System", None, None)]),
    ("Zephyr Health Labs employs 1,200 people.", [(1200, "employees", "Zephyr Health Labs", None, None)]),
    ("Riverbend Health System treats 1.3 million patients a year.",
     [(1.3e6, "patients", "Riverbend Health System", None, None)]),
    ("Zephyr Health Labs raised $150 million.", [(150e6, "USD", "Zephyr Health Labs", None, None)]),
    ("Northwind Capital closed a €2.5 billion fund.", [(2.5e9, "EUR", "Northwind Capital", None, None)]),
    ("Zephyr Health Labs raised $40M in new funding.", [(40e6, "USD", "Zephyr Health Labs", None, None)]),
    ("Northwind Capital manages $7.2bn in assets.", [(7.2e9, "USD", "Northwind Capital", None, None)]),
]

WORDS = [
    ("Zephyr Health Labs is valued at twenty billion dollars.",
     [(20e9, "USD", "Zephyr Health Labs", None, None)]),
    ("Northwind Capital raised one billion dollars for its new fund.",
     [(1e9, "USD", "Northwind Capital", None, None)]),
    ("Riverbend Health System runs forty-two hospitals.",
     [(42, "hospitals", "Riverbend Health System", None, None)]),
    ("Zephyr Health Labs signed up two hundred clinics.",
     [(200, "clinics", "Zephyr Health Labs", None, None)]),
]

SUFFIXES = [
    ("DAX Copilot has 13.6M+ users.", [(13.6e6, "users", "Nuance DAX", "atLeast", None)]),
    ("Zephyr Health Labs serves 500k patients.", [(500e3, "patients", "Zephyr Health Labs", None, None)]),
    ("Riverbend Health System has 2,000-plus beds.",
     [(2000, "beds", "Riverbend Health System", "atLeast", None)]),
]

MONEY = [
    ("Oracle had a market capitalization of $261.80 billion.", [(261.8e9, "USD", "Oracle", None, None)]),
    ("Amazon paid $3.9 billion for One Medical.", [(3.9e9, "USD", "One Medical", None, None)]),
    ("Zephyr Health Labs charges $199 a year.", [(199, "USD", "Zephyr Health Labs", None, None)]),
    ("Zephyr Health Labs received £30 million from the fund.",
     [(30e6, "GBP", "Zephyr Health Labs", None, None)]),
]

PERCENTAGES = [
    ("MAI-DxO reached an accuracy of 85.5 percent.", [(85.5, "percent", "MAI-DxO", None, None)]),
    ("Zephyr Health Labs grew revenue by 60% last year.",
     [(60, "percent", "Zephyr Health Labs", None, None)]),
    ("Shares of Teladoc fell 18 per cent.", [(18, "percent", "Teladoc Health", None, None)]),
]

RANGES = [
    ("Zephyr Health Labs expects the rollout to take 12 to 18 months.",
     [(12, "months", "Zephyr Health Labs", "range", 18)]),
    ("Analysts set price targets for Oracle of $356.28 to $555.45 a share.",
     [(356.28, "USD", "Oracle", "range", 555.45)]),
    ("Zephyr Health Labs expects margins of between 10% and 15%.",
     [(10, "percent", "Zephyr Health Labs", "range", 15)]),
    ("Riverbend Health System will hire 300-400 nurses.",
     [(300, "nurses", "Riverbend Health System", "range", 400)]),
]

QUALIFIERS = [
    ("Amazon bought PillPack for roughly $750 million.", [(750e6, "USD", "PillPack", "approximately", None)]),
    ("Riverbend Health System treats more than 2 million patients.",
     [(2e6, "patients", "Riverbend Health System", "atLeast", None)]),
    ("DAX Copilot will reach up to 500 hospitals.", [(500, "hospitals", "Nuance DAX", "atMost", None)]),
    ("Zephyr Health Labs has about 840,000 members.",
     [(840000, "members", "Zephyr Health Labs", "approximately", None)]),
    ("Riverbend Health System has nearly 12,000 nurses.",
     [(12000, "nurses", "Riverbend Health System", "approximately", None)]),
    ("Zephyr Health Labs has at least 90 customers.",
     [(90, "customers", "Zephyr Health Labs", "atLeast", None)]),
    ("Northwind Capital owns less than 5% of Zephyr Health Labs.",
     [(5, "percent", "Northwind Capital", "atMost", None)]),
]

# a number glued by a hyphen to a counted noun: "a 12-hospital network" is the entity's size
COUNT_COMPOUNDS = [
    ("Riverbend Health System, a 12-hospital network in Ohio, signed the contract.",
     [(12, "hospitals", "Riverbend Health System", None, None)]),
    ("Cedar Creek Pediatrics, an eleven-clinic practice in Iowa, uses the tool.",
     [(11, "clinics", "Cedar Creek Pediatrics", None, None)]),
    ("Zephyr Health Labs, a 40-person startup, builds scribes.",
     [(40, "employees", "Zephyr Health Labs", None, None)]),
    ("Riverbend Health System is a 500-bed hospital.",
     [(500, "beds", "Riverbend Health System", None, None)]),
    # a scale between the hyphens: "a 7-billion-parameter model"
    ("Zephyr Health Labs released Zephyr Scribe, a 13-billion-parameter model, in May.",
     [(13e9, "parameters", "Zephyr Scribe", None, None)]),
    ("Riverbend Health System is a 1.5-thousand-bed network.",
     [(1500, "beds", "Riverbend Health System", None, None)]),
    # near-miss: a scale word glued to a noun that counts no size
    ("Zephyr Health Labs signed a 2-million-dollar-a-year contract.", []),
]

# a number, a name and a counted noun: the name's things, even in small words
NAMED_COUNTS = [
    ("Emergency physicians at four Riverbend Health System hospitals are using the app.",
     [(4, "hospitals", "Riverbend Health System", None, None)]),
    ("Zephyr Health Labs said doctors at four HCA hospitals are using its app.",
     [(4, "hospitals", "HCA Healthcare", None, None)]),
    ("Oracle laid off about 2,800 Cerner employees.", [(2800, "employees", "Cerner", "approximately", None)]),
    ("Two Microsoft executives left.", []),
]

# "N of its <things>", "N of the Fortune 500": the count is of the possessor's things, or companies
PARTITIVES = [
    ("Riverbend Health System has given the tool to more than 300 of its physicians.",
     [(300, "physicians", "Riverbend Health System", "atLeast", None)]),
    ("Zephyr Health Labs counts 45 of the Fortune 500 as customers.",
     [(45, "companies", "Zephyr Health Labs", None, None)]),
    ("Zephyr Scribe is used by 120 of Riverbend Health System's doctors.",
     [(120, "doctors", "Riverbend Health System", None, None)]),
    # a count taken from a counted whole: the count counts the whole's things; "the" whole is context,
    # the entity's own whole ("its 1,200") is a figure too
    ("Zephyr Health Labs operates in 24 of the 50 U.S. states.",
     [(24, "states", "Zephyr Health Labs", None, None)]),
    ("Riverbend Health System gave the tool to 300 of its 1,200 doctors.",
     [(300, "doctors", "Riverbend Health System", None, None),
      (1200, "doctors", "Riverbend Health System", None, None)]),
]

# people counted by a company that employs them are its employees; people it serves are not
HEADCOUNTS = [
    ("Zephyr Health Labs employs about 900 people.",
     [(900, "employees", "Zephyr Health Labs", "approximately", None)]),
    ("Riverbend Health System has 1,000 lab staff.",
     [(1000, "employees", "Riverbend Health System", None, None)]),
    ("Riverbend Health System serves 900,000 people.",
     [(900000, "people", "Riverbend Health System", None, None)]),
    ("Zephyr Health Labs operates in 14 U.S. states.", [(14, "states", "Zephyr Health Labs", None, None)]),
    ("Riverbend Health System has a workforce of 2,000.",
     [(2000, "employees", "Riverbend Health System", None, None)]),
    # the metric word opening the sentence is not a name that owns the number
    ("Zephyr Health Labs builds scribes. Headcount stands at about 80 and is expected to double.",
     [(80, "employees", "Zephyr Health Labs", "approximately", None)]),
]

UNIT_AND_METRIC = [
    ("Zephyr Health Labs reported annual revenue of $45 million.", "USD", "annual revenue"),
    ("Zephyr Health Labs projects revenue of roughly $1.3 billion for 2025.", "USD", "revenue"),
    ("A Zephyr Health Labs membership costs $199 a year.", "USD", "cost"),
    ("Zephyr Health Labs raised $60 million at a $1 billion valuation.", "USD", "funding"),
    ("Oracle agreed to acquire Cerner for $28.3 billion.", "USD", "acquisition price"),
    ("Oracle had a market capitalization of $261.80 billion.", "USD", "market capitalization"),
    ("Zephyr Health Labs has 3,400 active users.", "active users", "active users"),
    ("Riverbend Health System stores 54 million de-identified patient records.", "records",
     "de-identified patient records"),
    ("MAI-DxO reached an accuracy of 85.5 percent.", "percent", "accuracy"),
    ("Northwind Capital holds a 60% stake in Zephyr Health Labs.", "percent", "stake"),
    ("Zephyr Health Labs stock trades at $42 a share.", "USD", "price per share"),
]

NOT_FIGURES = [
    "Zephyr Health Labs was founded in 2019.",
    "The deal closed on March 3, 2022.",
    "Oracle completed the deal in June 2022.",
    "Riverbend Health System published its 2023 annual report.",
    "Hospitals struggled during COVID-19.",
    "OpenAI released GPT-4 and o3 to developers.",
    "Zephyr Health Labs raised a Series B round.",
    "Teladoc shares hit a 52-week low.",
    "Zephyr Health Labs is one of two startups in the program.",
    "Zephyr Health Labs ranked 3rd in the survey.",
    "Zephyr Health Labs signed a 10-year deal.",
    "Riverbend Health System is one of the fifteen largest U.S. systems.",
    "Zephyr Health Labs is among the 50 fastest-growing startups.",
    "Zephyr Health Labs ran a 30-day trial with a two-step process.",
    "Riverbend Health System opened two of its hospitals to the pilot.",
    # a number after a label word names a kind, a version or a rank
    "Zephyr Health Labs started two Phase 3 trials.",
    "Zephyr Health Labs treats Type 2 diabetes patients.",
    "Zephyr Health Labs runs its app on iOS 17 devices.",
    "Riverbend Health System ranked in the top 10 hospitals.",
    "Zephyr Health Labs said its Gen 2 device ships soon.",
    # a ratio
    "About 1 in 5 doctors at Riverbend Health System use the app.",
    "Nine out of 10 Zephyr Health Labs customers renew.",
]

ATTACHMENT = [
    # the target of an acquisition carries its price
    ("Oracle bought Cerner for $28.3 billion.", [(28.3e9, "Cerner")]),
    # a relative clause about another entity does not take the figure
    ("Zephyr Health Labs, which Northwind Capital backed in 2021, has 40 employees.",
     [(40, "Zephyr Health Labs")]),
    # each clause's number goes to its own subject
    ("Mayo Clinic has 76,000 employees, while Cleveland Clinic has 81,000 employees.",
     [(76000, "Mayo Clinic"), (81000, "Cleveland Clinic")]),
    # the company that raised, not the lead investor
    ("Zephyr Health Labs raised $150 million led by Northwind Capital.", [(150e6, "Zephyr Health Labs")]),
    # an unseen name of unknown type still carries its figure
    ("Zephyr Scribe has 2,000 users.", [(2000, "Zephyr Scribe")]),
    # a possessive names the owner of the figure
    ("Zephyr Health Labs' revenue reached $12 million.", [(12e6, "Zephyr Health Labs")]),
    # the parts of a sum describe what the sum describes
    ("Northwind Capital will pay $600 million for Zephyr Health Labs, made up of $400 million in cash and "
     "$200 million in stock.", [(600e6, "Zephyr Health Labs"), (400e6, "Zephyr Health Labs"),
                                (200e6, "Zephyr Health Labs")]),
    ("Northwind Capital raised $600 million, including $100 million from Riverbend Health System.",
     [(600e6, "Northwind Capital"), (100e6, "Northwind Capital")]),
    # a clause opened by a comma and a participle describes the phrase right before it
    ("The playbook is familiar to anyone who watched Cerner, which Oracle bought in 2022 for $28.3 billion, "
     "or Nuance's imaging business, acquired the following year for $1.2 billion.",
     [(28.3e9, "Cerner"), (1.2e9, "Nuance Communications")]),
    ("Flatiron Health, valued at $2 billion, has 500 employees.",
     [(2e9, "Flatiron Health"), (500, "Flatiron Health")]),
    # two purchases in one sentence: each price stays with what it bought
    ("IBM sold Watson Health to Francisco Partners for about $1 billion in 2022, and Oracle acquired Cerner "
     "for $28.3 billion.", [(1e9, "Watson Health"), (28.3e9, "Cerner")]),
    # the subject of the clause ("it") did the cutting, not the platform it moved onto
    ("Microsoft sells cloud services. A smaller customer, Ohio-based billing software maker Harbor Imaging "
     "Group, said it moved its claims pipeline onto GPT-4 in Azure AI Foundry this spring and cut review "
     "time by 30%.", [(30, "Harbor Imaging Group")]),
    # but a relative clause after the platform is about the platform
    ("Harbor Imaging Group said it runs GPT-4 in Azure AI Foundry, which has 500 customers.",
     [(500, "Azure AI Foundry")]),
    # a pronoun after a name in its own sentence stands for that name, whatever an earlier one said
    ("Cerner posted a loss. Imaging is still a niche in Zephyr Health Labs' plans next to its cloud unit, "
     "which earned $9 million in the quarter.", [(9e6, "Zephyr Health Labs")]),
]


@pytest.mark.parametrize(("sentence", "expected"), DIGITS)
def test_digits(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), WORDS)
def test_number_words(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), SUFFIXES)
def test_scale_suffixes_and_plus(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), MONEY)
def test_money(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), PERCENTAGES)
def test_percentages(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), RANGES)
def test_ranges(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), QUALIFIERS)
def test_qualifiers(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), COUNT_COMPOUNDS)
def test_hyphenated_counts(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), NAMED_COUNTS)
def test_counts_of_a_named_owner(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), PARTITIVES)
def test_partitive_counts(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), HEADCOUNTS)
def test_headcounts_and_abbreviations(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


def test_the_seller_does_not_get_the_price() -> None:
    bought = figures("Oracle took over the imaging unit from Cerner for $90 million.")
    assert [f.about.label for f in bought] == ["Oracle"]
    received = figures("Zephyr Health Labs received $5 million from Cerner and $3 million from Oracle.")
    assert [f.about.label for f in received] == ["Zephyr Health Labs", "Zephyr Health Labs"]


@pytest.mark.parametrize(("sentence", "unit", "metric"), UNIT_AND_METRIC)
def test_unit_and_metric_are_named_from_the_surrounding_words(sentence: str, unit: str, metric: str) -> None:
    first = sorted(figures(sentence), key=lambda f: f.span.start)[0]
    assert (first.unit, first.metric) == (unit, metric)


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_years_dates_ranks_and_names_are_not_figures(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), ATTACHMENT)
def test_figure_is_attached_to_the_right_entity(sentence: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(sentence)] == expected


def test_an_investment_amount_belongs_to_one_of_the_two_parties() -> None:
    about = [f.about.label for f in figures("Northwind Capital invested £30 million in Zephyr Health Labs.")]
    assert len(about) == 1 and about[0] in {"Northwind Capital", "Zephyr Health Labs"}


def test_a_round_no_name_owns_is_the_round_of_the_company_funded_before() -> None:
    text = ("Zephyr Health Labs raised a $20 million Series A led by Northwind Capital. That followed a "
            "$5 million seed round in 2022 co-led by Redpoint Ventures and Kleiner Perkins.")
    assert [(f.value, f.about.label) for f in figures(text)] == [(20e6, "Zephyr Health Labs"),
                                                                 (5e6, "Zephyr Health Labs")]
    # "the $1.7 billion agreement": the deal of the text, with its price in it
    text = ("Oracle agreed to acquire Cerner in 2021. The $28 billion agreement, later cut to about "
            "$27 billion, was meant to lift its health unit.")
    assert [(f.value, f.about.label) for f in figures(text)] == [(28e9, "Cerner"), (27e9, "Cerner")]
    # money that is not a round is nobody's when no name owns it
    text = ("Zephyr Health Labs raised a $20 million Series A round. Digital health startups raised "
            "$4 billion in 2023.")
    assert [f.value for f in figures(text)] == [20e6]


def test_a_funding_total_referred_to_a_backer_goes_to_the_funded_company() -> None:
    """"The new funding brings the company's total raised to ...": were "the company" resolved to
    the lead investor, the total still belongs to the company the investor backed."""
    done = extract("Zephyr Health Labs raised $20 million in a round led by Kleiner Perkins. The new "
                   "funding brings the company's total raised to $35 million.")
    backer = next(c.subject for c in done.claims if c.predicate == "investsIn")
    misread = [replace(f, about=backer) if f.value == 35e6 else f for f in done.figures]
    rebound = bind_funding_money(misread, list(done.claims))
    assert [(f.value, f.about.label) for f in rebound] == [(20e6, "Zephyr Health Labs"),
                                                           (35e6, "Zephyr Health Labs")]
    # a backer named in its own sentence keeps its own fund
    done = extract("Kleiner Perkins invested in Zephyr Health Labs. Kleiner Perkins also raised a new "
                   "$500 million fund.")
    assert [f.about.label for f in bind_funding_money(list(done.figures), list(done.claims))] \
        == ["Kleiner Perkins"]


# a sentence that names no organization: its figure goes to the subject of the sentence before, to
# the organization whose longer name its first word opens, or to the organization the text is about
TOPICS = [
    ("Zephyr Health Labs runs 40 clinics. Members pay an annual fee of $150 for unlimited visits.",
     [(40, "Zephyr Health Labs"), (150, "Zephyr Health Labs")]),
    ("Riverbend Health System agreed to buy Harbor Imaging Group. Harbor, based in Ohio, reads about "
     "2 million scans a year.", [(2e6, "Harbor Imaging Group")]),
    ("Zephyr Health Labs raised a $20 million Series A round. In 2023, health systems tested the tool. "
     "The agents have completed more than 1.8 million patient calls.",
     [(20e6, "Zephyr Health Labs"), (1.8e6, "Zephyr Health Labs")]),
    # shares, spans of time, market sizes and vague numbers in words are a sector's, not the topic's
    ("Zephyr Health Labs sells scribes. Doctors spend 2 hours a day on notes. About 60% of doctors report "
     "burnout. The market for scribes could reach $5 billion by 2030. A registry is worth more than a "
     "hundred random files.", []),
]


# the organization quoted as the source of a figure no earlier name owns
SPEAKERS = [
    ("New members will pay $144 for their first year, Zephyr Health Labs said, and the company plans to "
     "expand.", [(144, "Zephyr Health Labs")]),
    ("New members will pay $144 for their first year; Zephyr Health Labs said the plan is popular.", []),
    ("About 60% of doctors use scribes, Zephyr Health Labs said.", []),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_a_quoted_source_owns_a_figure_nothing_before_owns(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


@pytest.mark.parametrize(("text", "expected"), TOPICS)
def test_a_sentence_without_a_name_is_about_the_topic(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


def test_a_ticker_stands_for_the_company_that_trades_as_it() -> None:
    text = ("Zephyr Health Labs (NASDAQ: ZHLX) agreed to buy Harbor Imaging Group. ZHLX rose 4% to $54.90 in "
            "early trading.")
    assert [(v, about) for v, _, about, _, _ in found(text)] == [(4, "Zephyr Health Labs"),
                                                                 (54.9, "Zephyr Health Labs")]
    # without the "(EXCHANGE: TICKER)" that says so, the capitals are a name of their own
    text = "Zephyr Health Labs agreed to buy Harbor Imaging Group. ZHLX rose 4% in early trading."
    assert [about for _, _, about, _, _ in found(text)] == ["ZHLX"]


def test_money_figures_are_flagged_as_money() -> None:
    kinds = [(f.unit, f.is_money) for f in figures("Zephyr Health Labs raised $150 million and has 300 "
                                                   "employees.")]
    assert sorted(kinds) == [("USD", True), ("employees", False)]


# a description after a name and a comma ("X, the startup that ...") is about that name: a number in
# it is the name's, and names inside it own no number after it; a description headed by a deal
# word sums up the clause before, and a list ("X, the Y Foundation and Z") is no description
APPOSITIVES = [
    ("Northwind Capital backed Harbor Imaging Group, the Ohio startup that raised more than $80 million "
     "last year.", [(80e6, "Harbor Imaging Group")]),
    ("Oracle competes with Harbor Imaging Group, a Toledo software maker with about 1,500 employees.",
     [(1500, "Harbor Imaging Group")]),
    ("Zephyr Scribe, the app Riverbend Health System sells with Northwind Capital, brought in $40 million "
     "last year.", [(40e6, "Zephyr Scribe")]),
    ("Zephyr Health Labs, the startup Oracle partners with, has 300 employees.",
     [(300, "Zephyr Health Labs")]),
    ("Oracle bought Harbor Imaging Group, the Zephyr Scribe maker with 200 employees.",
     [(200, "Harbor Imaging Group")]),
    # near-misses: a summing-up description, and no description at all
    ("Zephyr Health Labs closed a $30 million Series B led by Northwind Capital, a round that valued it "
     "at $400 million.", [(30e6, "Zephyr Health Labs"), (400e6, "Zephyr Health Labs")]),
    ("Zephyr Health Labs raised $60 million at a $1 billion valuation.",
     [(60e6, "Zephyr Health Labs"), (1e9, "Zephyr Health Labs")]),
]


@pytest.mark.parametrize(("text", "expected"), APPOSITIVES)
def test_a_description_of_a_name_keeps_its_numbers_to_that_name(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# a company's revenue or funding goes to the sentence's subject across a lead investor ("led by B"),
# but not across a name that opens a clause of its own ("expects B's products to add ...")
SUBJECT_OR_OWN_CLAUSE = [
    ("Zephyr Health Labs raised $20 million led by Northwind Capital at a $200 million valuation.",
     [(20e6, "Zephyr Health Labs"), (200e6, "Zephyr Health Labs")]),
    ("Oracle still expects Cerner's products to add about $3 billion of revenue next year.",
     [(3e9, "Cerner")]),
    ("Oracle said Cerner grew revenue to $6 billion.", [(6e9, "Cerner")]),
    # a name modifying a noun ("the Cerner purchase") opens no clause: the debt is the subject's
    ("Oracle funded the Cerner purchase with $20 billion of new bonds.", [(20e9, "Oracle")]),
]


@pytest.mark.parametrize(("text", "expected"), SUBJECT_OR_OWN_CLAUSE)
def test_money_goes_to_the_subject_of_its_own_clause(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


def test_a_count_next_to_a_label_is_still_a_count() -> None:
    assert found("Zephyr Health Labs enrolled 300 patients in its Phase 3 trial.") == [
        (300, "patients", "Zephyr Health Labs", None, None)]


# "10 cents" is a tenth of a dollar; "$1 billion more than planned" is a difference, not a figure
# (a percentage change "20% higher than" is one), unless "more than" qualifies a time ago
SCALED_AND_DIFFERENCES = [
    ("Oracle said the deal would dilute earnings per share by about 10 cents.",
     [(0.10, "USD", "Oracle", "approximately", None)]),
    ("Zephyr Health Labs expects 2 pence a share in savings.",
     [(0.02, "GBP", "Zephyr Health Labs", None, None)]),
    ("Oracle expects savings of $4 billion, about $1 billion more than once planned.",
     [(4e9, "USD", "Oracle", None, None)]),
    ("Zephyr Health Labs now has 900 clients, 200 more than last year.",
     [(900, "clients", "Zephyr Health Labs", None, None)]),
    ("Zephyr Health Labs reported revenue 20% higher than a year earlier.",
     [(20, "percent", "Zephyr Health Labs", None, None)]),
    ("Zephyr Health Labs raised $5 million more than a year ago.",
     [(5e6, "USD", "Zephyr Health Labs", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), SCALED_AND_DIFFERENCES)
def test_cents_are_scaled_and_differences_are_not_figures(text: str, expected: list) -> None:
    assert [(round(v, 6), *rest) for v, *rest in found(text)] == expected


# "$3 billion of revenue", "$31 billion in new bonds": the words right after money name it, before
# a cue further away ("the purchase") does
METRIC_AFTER = [
    ("Oracle financed the Cerner purchase with $20 billion of new bonds.", "debt"),
    ("Oracle expects Cerner to add $3 billion of revenue.", "revenue"),
    ("Zephyr Health Labs took in $40 million in annual sales after the acquisition.", "annual revenue"),
    ("Oracle agreed to buy Cerner for $28.3 billion in cash.", "acquisition price"),
    # a debt word further off does not name the price of a deal
    ("Oracle agreed to buy Cerner for $28.3 billion including debt.", "acquisition price"),
    ("Cerner has had to borrow $200 million to stay afloat.", "debt"),
]


@pytest.mark.parametrize(("text", "metric"), METRIC_AFTER)
def test_the_phrase_after_money_names_its_metric(text: str, metric: str) -> None:
    assert [f.metric for f in figures(text)] == [metric]


# "companies with more than 700 million users": a bound in a condition on a class of things is
# nobody's figure; a single thing "with about 2,000 employees" has its own
THRESHOLDS = [
    ("The Zephyr Scribe licence requires companies with more than 500 million users to pay a fee.", []),
    ("Riverbend Health System only buys from suppliers with at least $10 million in revenue.", []),
    ("Riverbend Health System, a network with about 2,000 employees, signed the deal.",
     [(2000, "employees", "Riverbend Health System", "approximately", None)]),
    ("Zephyr Health Labs has customers in 40 states with more than 300 hospitals.",
     [(40, "states", "Zephyr Health Labs", None, None),
      (300, "hospitals", "Zephyr Health Labs", "atLeast", None)]),
]


@pytest.mark.parametrize(("text", "expected"), THRESHOLDS)
def test_a_bound_on_a_class_of_things_is_not_a_figure(text: str, expected: list) -> None:
    assert found(text) == expected


# a clause coordinated after a name, whose subject is a description no name gives (", and the
# ... family about $5 billion"), does not hand its number to the name before it
NEW_CLAUSE_SUBJECTS = [
    ("Zephyr Scribe brought in about $40 million, and the clinic software line about $15 million.",
     [(40e6, "Zephyr Scribe")]),
    ("Oracle closed its purchase of Cerner in June, so the Kansas City-based unit added roughly "
     "$500 million to the quarter.", []),
    # near-misses: a named subject, and a reference that names the subject again
    ("Mayo Clinic has 76,000 employees, and Cleveland Clinic has 81,000 employees.",
     [(76000, "Mayo Clinic"), (81000, "Cleveland Clinic")]),
    ("Zephyr Health Labs opened a clinic in June, and the company now has 2,000 engineers.",
     [(2000, "Zephyr Health Labs")]),
]


@pytest.mark.parametrize(("text", "expected"), NEW_CLAUSE_SUBJECTS)
def test_a_new_clause_about_something_unnamed_owns_its_number(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# "The company said it would lay off 350 people": the pronoun stands for the description before it
# in its sentence, even when it was resolved to a name read earlier; people laid off are employees
def test_a_pronoun_after_a_description_stands_for_what_the_description_means() -> None:
    done = extract("Zephyr Health Labs lost Oracle as a buyer. The company announced it would lay off "
                   "about 350 people, roughly 30% of its staff.")
    sentence = done.sentences[1]
    oracle = next(m.entity for m in done.mentions if m.text == "Oracle")
    # the pronoun misread as the name read earlier
    misread = [replace(m, entity=oracle) if m.text == "it" and m.sentence == 1 else m
               for m in done.mentions if m.sentence == 1]
    found_here = extract_figures(sentence, misread, load_units())
    assert [(f.value, f.unit, f.about.label) for f in found_here] == [
        (350, "employees", "Zephyr Health Labs"), (30, "percent", "Zephyr Health Labs")]


def test_a_company_description_misread_as_a_product_owns_nothing() -> None:
    """"The company reported revenue ...", resolved to a product whose type was unknown when it was
    read: the figure falls to the sentence's topic instead."""
    done = extract("Zephyr Health Labs sells the Zephyr Scribe X2 pen. The company reported revenue of "
                   "$40 million.")
    zephyr = next(m.entity for m in done.mentions if m.text == "Zephyr Health Labs")
    pen = replace(zephyr, id="zephyr-scribe-x2", label="Zephyr Scribe X2", type="Product")
    misread = [replace(m, entity=pen) for m in done.mentions if m.sentence == 1]
    assert [m.text for m in misread] == ["The company"]
    found_here = extract_figures(done.sentences[1], misread, load_units(), topic=zephyr)
    assert [(f.value, f.about.label) for f in found_here] == [(40e6, "Zephyr Health Labs")]


# "N things, of which M are X": the part counts the same things, of the same entity
PARTS_OF_COUNTS = [
    ("Zephyr Scribe has 40 billion parameters, of which 8 billion are active for each word.",
     [(40e9, "parameters", "Zephyr Scribe"), (8e9, "parameters", "Zephyr Scribe")]),
    ("Riverbend Health System runs 30 clinics, of which about 12 are rural.",
     [(30, "clinics", "Riverbend Health System"), (12, "clinics", "Riverbend Health System")]),
    # near-miss: money is split by the sum's own rule, and a bare number without "of which" is nothing
    ("Riverbend Health System runs 30 clinics and 12 in Ohio.", [(30, "clinics", "Riverbend Health System")]),
]


@pytest.mark.parametrize(("text", "expected"), PARTS_OF_COUNTS)
def test_a_part_of_a_count_counts_the_same_things(text: str, expected: list) -> None:
    assert [(v, unit, about) for v, unit, about, _, _ in found(text)] == expected


# a change "from X to Y" or "by X to Y" is two values, not a range whose low end is the old value
CHANGES = [
    ("Zephyr Health Labs grew from 200 to 300 clinics.",
     [(300, "clinics", "Zephyr Health Labs", None, None)]),
    ("Zephyr Health Labs raised its margin from 10% to 15%.",
     [(10, "percent", "Zephyr Health Labs", None, None), (15, "percent", "Zephyr Health Labs", None, None)]),
    ("Zephyr Health Labs margins expanded by 2 percentage points to 35%.",
     [(2, "percent", "Zephyr Health Labs", None, None), (35, "percent", "Zephyr Health Labs", None, None)]),
    # near-misses: ranges
    ("Zephyr Health Labs expects 10% to 15% growth.", [(10, "percent", "Zephyr Health Labs", "range", 15)]),
    ("Zephyr Health Labs plans to cut 1,000 to 1,500 jobs.",
     [(1000, "jobs", "Zephyr Health Labs", "range", 1500)]),
]


@pytest.mark.parametrize(("text", "expected"), CHANGES)
def test_a_change_from_one_value_to_another_is_not_a_range(text: str, expected: list) -> None:
    assert found(text) == expected


# a discovered name no cue types (an oil producer, a segment of a company) that opens a clause of its
# own owns that clause's numbers, as an organization would; one inside the clause (after "in the",
# an article or an adjective) is a place or a thing the clause mentions, not the owner
UNTYPED_SUBJECTS = [
    ("Halvard operates the Tarn field and holds 40% of it; Norway's Brekko owns the remaining 20%.",
     [(40, "Halvard"), (20, "Brekko")]),
    ("Riverbend Health System posted revenue of $2 billion, and Precision Optics grew 4% to $900 million.",
     [(2e9, "Riverbend Health System"), (4, "Precision Optics"), (900e6, "Precision Optics")]),
    # near-misses: a name inside the clause, and a capitalised metric word, own nothing
    ("Zephyr Health Labs sells the low-sugar Brightbite line and reported sales of $300 million.",
     [(300e6, "Zephyr Health Labs")]),
    ("Headcount stands at about 80 at Zephyr Health Labs.", [(80, "Zephyr Health Labs")]),
]


@pytest.mark.parametrize(("text", "expected"), UNTYPED_SUBJECTS)
def test_an_untyped_name_that_opens_a_clause_owns_its_numbers(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# money put "into the startup" or paid "for the company" is that company's, whoever was named last
MONEY_FOR_A_DESCRIPTION = [
    ("Zephyr Health Labs sells scribe software. Its backers, which include Oracle, Northwind Capital and "
     "Amazon, had put $50 million into the startup by then.", [(50e6, "Zephyr Health Labs")]),
    # near-miss: "the license" refers to no company: the payer named before keeps the money
    ("Zephyr Health Labs sells scribe software. Oracle paid $20 million for the license.",
     [(20e6, "Oracle")]),
]


@pytest.mark.parametrize(("text", "expected"), MONEY_FOR_A_DESCRIPTION)
def test_money_for_a_description_goes_to_the_company_it_refers_to(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# a sentence whose only name is a place in a phrase of the clause ("in the Tarn Basin"), or whose
# description of companies was resolved to an agency, is about the topic of the text, not that name
PLACES_AND_MISREAD_DESCRIPTIONS = [
    ("Zephyr Health Labs bought farmland last year. More than 600,000 acres lie in the Tarn Basin.",
     [(600000, "Zephyr Health Labs")]),
    ("Halvard closed its purchase of Brekko after the Federal Trade Commission cleared it. Together the "
     "two companies pump about 900,000 barrels a day in the Tarn Basin.", [(900000, "Halvard")]),
    # near-miss: an untyped name alone, not after a preposition, still carries its number
    ("Zephyr Health Labs bought farmland last year. Brightwell grew 12% last year.", [(12, "Brightwell")]),
]


@pytest.mark.parametrize(("text", "expected"), PLACES_AND_MISREAD_DESCRIPTIONS)
def test_a_place_or_a_misread_description_owns_nothing(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# "Beacon employs ...": a sentence opening with the first word of two organizations' names is about
# the one the text names more often; on a tie, about neither (the subject of the sentence before)
SHORT_NAMES_OF_TWO = [
    ("Beacon Inc agreed to buy Orrin Labs for cash. Beacon Inc will add it to Beacon Labs. Orrin Labs "
     "has 800 staff. Beacon employs about 9,000 people.", [(800, "Orrin Labs"), (9000, "Beacon Inc")]),
    ("Beacon Inc agreed to buy Orrin Labs for cash. Beacon Labs sells sensors. Orrin Labs has 800 "
     "staff. Beacon employs about 9,000 people.", [(800, "Orrin Labs"), (9000, "Orrin Labs")]),
]


@pytest.mark.parametrize(("text", "expected"), SHORT_NAMES_OF_TWO)
def test_a_short_name_of_two_organizations_is_the_one_named_more(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# "..., ahead of Oracle and Northwind Capital, and serve 9 million customers": names compared with in
# a phrase (a whole list of them) are not what the next verb of the clause counts for
COMPARED_NAMES = [
    ("Zephyr Health Labs and Orrin Labs agreed to merge. Together they would hold about $40 billion in "
     "deposits, ahead of Oracle and Northwind Capital, and serve more than 9 million customers.",
     {"Zephyr Health Labs", "Orrin Labs"}),
    ("Zephyr Health Labs and Orrin Labs agreed to merge. Together they would rank behind Oracle, and "
     "serve more than 9 million customers.", {"Zephyr Health Labs", "Orrin Labs"}),
    # near-miss: no verb of the clause follows the compared names, whose number it is
    ("Zephyr Health Labs and Orrin Labs agreed to merge. Together they would rank behind Oracle and "
     "Northwind Capital with 9 million customers.", {"Northwind Capital"}),
]


@pytest.mark.parametrize(("text", "owners"), COMPARED_NAMES)
def test_names_compared_with_do_not_own_the_next_verb_s_number(text: str, owners: set) -> None:
    assert [about for v, _, about, _, _ in found(text) if v == 9e6][0] in owners


# "GAAP earnings per share", "EBITDA rose": an accounting word taken for a name owns nothing; the
# figure is the company's the sentence (or the text) is about
ACCOUNTING_WORDS = [
    ("Zephyr Health Labs sells scribe software. Adjusted earnings were $2.10 a share, while GAAP earnings "
     "per share came in at $1.40.", [(2.1, "Zephyr Health Labs"), (1.4, "Zephyr Health Labs")]),
    # (a percentage in a sentence that names no organization is given to no one)
    ("Zephyr Health Labs sells scribe software. EBITDA rose 8% to $40 million.",
     [(40e6, "Zephyr Health Labs")]),
    # near-miss: a name that only looks like an acronym of that kind still owns its number
    ("Zephyr Health Labs sells scribe software. GAAPX rose 8% to $40 million.",
     [(8, "GAAPX"), (40e6, "GAAPX")]),
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNTING_WORDS)
def test_an_accounting_word_owns_no_figure(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# a sentence naming no one is about the subject the sentence before opens with, unless that sentence
# opens a quotation (the speaker's words name what they like): then about the text's main company
QUOTED_OPENERS = [
    ('Zephyr Health Labs reported revenue of $90 million. "Orrin Labs has been a great partner," said '
     'one analyst. Shares rose 3% to $41.20.', [(90e6, "Zephyr Health Labs"), (41.2, "Zephyr Health Labs")]),
    # near-miss: the same name opening the sentence outside a quotation is its subject
    ("Zephyr Health Labs reported revenue of $90 million. Orrin Labs, its partner, was upbeat. Shares rose "
     "3% to $41.20.", [(90e6, "Zephyr Health Labs"), (41.2, "Orrin Labs")]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED_OPENERS)
def test_a_quotation_opens_with_no_subject_for_the_next_sentence(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


# a headline rounds: its "$2 billion" for the body's "$2.1 billion" is the same figure, less exact
HEADLINES = [
    ("title: Orrin Labs to buy Zephyr Health Labs for $2 billion\n---\nOrrin Labs agreed to buy Zephyr "
     "Health Labs for $2.1 billion in cash.", [2.1e9]),
    # near-misses: a headline figure the body repeats exactly, one it does not give, one far from the body's
    ("title: Orrin Labs to buy Zephyr Health Labs for $2.1 billion\n---\nOrrin Labs agreed to buy Zephyr "
     "Health Labs for $2.1 billion in cash.", [2.1e9, 2.1e9]),
    ("title: Zephyr Health Labs raises $40 million\n---\nZephyr Health Labs, which makes scribe software, "
     "now has 300 employees.", [40e6, 300]),
    ("title: Orrin Labs to buy Zephyr Health Labs for $2 billion\n---\nOrrin Labs agreed to buy Zephyr "
     "Health Labs for $3.1 billion in cash.", [2e9, 3.1e9]),
]


@pytest.mark.parametrize(("text", "values"), HEADLINES)
def test_a_headline_figure_rounding_a_body_figure_is_dropped(text: str, values: list) -> None:
    assert [v for v, _, _, _, _ in found(text)] == values


# a sentence opening with the short name of an organization ("Mars sells ...") is about it, and so
# is the next one if it names no one; without that opener, the text's most named company is meant
SHORT_NAME_OPENERS = [
    ("Mars Inc agreed to buy Orrin Labs. Orrin Labs makes sensors. Mars sells candy across Europe. "
     "Together the group employs about 9,000 people.", [(9000, "Mars Inc")]),
    # near-miss: no short name opens the sentence before
    ("Mars Inc agreed to buy Orrin Labs. Orrin Labs makes sensors. Candy sells well across Europe. "
     "Together the group employs about 9,000 people.", [(9000, "Orrin Labs")]),
]


@pytest.mark.parametrize(("text", "expected"), SHORT_NAME_OPENERS)
def test_a_short_name_opener_is_the_topic_of_the_next_sentence(text: str, expected: list) -> None:
    assert [(v, about) for v, _, about, _, _ in found(text)] == expected


def test_a_price_per_share_of_a_name_is_about_that_name() -> None:
    found = [(f.value, f.about.label) for f in figures(
        "Harlow Bancorp will buy Tarn Bank. Based on Harlow Bancorp's closing price of $79.13, the "
        "exchange ratio implies a value of approximately $47.48 per Tarn Bank share.") if f.value == 47.48]
    assert found == [(47.48, "Tarn Bank")]


@pytest.mark.parametrize(("text", "about"), [
    ("Tarn Ports, in which Harlow Capital holds a minority stake, operates more than 70 container terminals.",
     "Tarn Ports"),
    ("The Orrin app, available on Apple's App Store and Google Play, has 1.6 million registered students.",
     "Orrin"),
])
def test_names_in_an_aside_do_not_own_the_clause_s_count(text: str, about: str) -> None:
    assert [f.about.label for f in figures(text)] == [about]


def test_a_transaction_valued_at_is_the_deal_s_value_after_an_apposition() -> None:
    text = ("Harlow Homes, the Detroit mortgage lender, bought Orrin Realty in an all-stock transaction "
            "valued at $1.75 billion.")
    found = [(f.value, f.metric, f.about.label) for f in figures(text)]
    assert found == [(1.75e9, "deal value", "Orrin Realty")]
