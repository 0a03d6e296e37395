"""Short names: once an article has named "Harbor Healthcare" or "Quillfeather Labs", the name
without its head noun ("Harbor", "Quillfeather") names the same organization, even when the short
form is a common word; a sentence that opens on the common word is not a mention of it."""
from __future__ import annotations

import random
import re

import pytest
from extraction_helpers import extract, figures, triples

from kg.extract.mentions import standalone_occurrences


def linked(text: str) -> set[tuple[str, str]]:
    """(mention text, entity label) of every name and discovered name."""
    return {(m.text, m.entity.label) for m in extract(text).mentions if m.kind in ("name", "discovered")}


@pytest.mark.parametrize("text, short, full", [
    ("Quillfeather Labs raised $40 million. Quillfeather will hire 30 engineers.",
     "Quillfeather", "Quillfeather Labs"),
    ("Harbor Healthcare agreed to buy Tallowmere Health System. Harbor, based in Ohio, expects to "
     "close in May.", "Harbor", "Harbor Healthcare"),
    ("Harbor Healthcare agreed to buy Tallowmere Health System. Shares of Harbor fell 3%.",
     "Harbor", "Harbor Healthcare"),
])
def test_a_short_form_names_the_organization(text: str, short: str, full: str) -> None:
    assert (short, full) in linked(text)


def test_a_sentence_may_open_on_the_common_word() -> None:
    text = "Harbor Healthcare agreed to buy Tallowmere Health System. Harbor traffic rose in May."
    assert [m for m in extract(text).mentions if m.text == "Harbor"] == []


def test_a_short_form_two_names_share_names_neither() -> None:
    text = "Lantern Labs and Lantern Capital both bid for the company. A source said Lantern would wait."
    assert not [m for m in extract(text).mentions if m.text == "Lantern"]


def test_a_short_form_that_is_a_name_of_its_own_stays_that_name() -> None:
    text = "Microsoft Azure hosts the model. Microsoft invested in Zephyr Health Labs."
    assert ("Microsoft", "investsIn", "Zephyr Health Labs") in triples(text)


def test_facts_about_the_short_form_are_facts_about_the_organization() -> None:
    text = ("Marrowby Healthcare processes claims for 900 hospitals. UnitedHealth will sell ClaimEdge, "
            "Marrowby's claims-editing business, to TPG Capital.")
    assert ("Marrowby Healthcare", "owns", "ClaimEdge") in triples(text, "owns")


def test_short_forms_are_found_as_one_alternation_of_them_would_find_them() -> None:
    """standalone_occurrences answers as finditer of the forms' alternation (longest first) between
    the look-arounds it replaced, without a regex compiled per document."""
    forms = ["Change", "Chang", "Ambry", "Isomorphic", "Isomorphic Lab", "Cha", "Mayo", "Mayo's"]
    pieces = ["Change", "Ambry", "Isomorphic", "Lab", "s", "'s", "’s", ".", ".org", " ", "-", "&",
              "x", "'", "’", "Cha", "nge", "Mayo", ",", "_", "é", "1"]
    rng = random.Random(1)
    for _ in range(5000):
        chosen = rng.sample(forms, rng.randint(1, 6))
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        alternation = "|".join(map(re.escape, sorted(chosen, key=len, reverse=True)))
        regex = re.compile(r"(?<![\w'’.&-])(?:" + alternation + r")(?![\w&-]|['’](?!s\b)|\.\w)")
        assert standalone_occurrences(text, chosen) == \
            [(m.start(), m.end(), m.group()) for m in regex.finditer(text)], (text, chosen)


def test_a_short_name_a_press_release_defines_in_brackets() -> None:
    """'Tarn Bank Group, Inc. (NASDAQ: TBG) ("Independent")': the alias names the group, even a
    common word, in the same sentence and after it."""
    text = ('Harlow Corporation (NYSE: HRL) ("Harlow") and Tarn Bank Group, Inc. (NASDAQ: TBG) '
            '("Independent") announced that Harlow will acquire Independent. Independent has 94 offices.')
    found = {(m.text, m.entity.label) for m in extract(text).mentions if m.kind != "reference"}
    assert ("Independent", "Tarn Bank Group") in found and ("Harlow", "Harlow Corporation") in found
    assert ("Harlow Corporation", "acquired", "Tarn Bank Group") in triples(text, "acquired")


def test_a_bare_name_read_before_the_full_name_is_that_name() -> None:
    """"Orvella says ... Orvella Bio ...": the bare name, read first and not typed, is the company."""
    text = ("Orvella says its microbe can replace some nitrogen. Orvella Bio was founded in 2019. "
            "The company reported revenue of $48 million in 2025.")
    found = {(m.text, m.entity.label) for m in extract(text).mentions}
    assert ("Orvella", "Orvella Bio") in found
    assert not {label for _, label in found if label == "Orvella"}
    assert [f.about.label for f in figures(text) if f.is_money] == ["Orvella Bio"]


@pytest.mark.parametrize(("full", "short"), [
    ("Vindral Aero", "Vindral"), ("Aurora Hollow Games", "Aurora Hollow"), ("Fenmoor Renewables", "Fenmoor"),
    ("Casa Orrin Hotels", "Casa Orrin"), ("Kestrel Pay", "Kestrel"),
])
def test_trade_heads_make_a_company_and_its_short_name(full: str, short: str) -> None:
    text = f"{full} opened an office in Oslo. Later {short} hired 40 engineers."
    assert {(m.text, m.entity.label, m.entity.type) for m in extract(text).mentions if m.text == short} \
        == {(short, full, "Company")}


@pytest.mark.parametrize(("text", "name"), [
    ("The group also runs Aviva Canada, its Toronto-based subsidiary.", "Aviva Canada"),
    ("Microsoft Canada hired 40 engineers in Toronto.", "Microsoft Canada"),
])
def test_an_organization_and_a_country_name_a_business_of_its_own(text: str, name: str) -> None:
    assert name in {m.text for m in extract(text).mentions}


def test_a_place_after_a_name_that_goes_on_is_not_part_of_it() -> None:
    assert "Microsoft" in {m.text for m in extract("Microsoft Canada-based staff moved to Ottawa.").mentions}
