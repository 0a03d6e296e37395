"""The curated lexicon files: every entry well formed, ambiguous aliases guarded by context, and
common words that are also company names ("Notable", "Providence", "Regard") counted only beside
the ecosystem they belong to."""
from __future__ import annotations

import json

import pytest
from extraction_helpers import extract, mentions, pipeline

from kg.extract.lexicon import read_jsonl
from kg.extract.pipeline import default_lexicon_files


def rows() -> list[tuple[str, dict]]:
    return [(f"{path.name}:{number}", row) for path in default_lexicon_files()
            for number, row in read_jsonl(path)]


def test_ids_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for where, row in rows():
        assert row["id"] not in seen, f"{where}: id {row['id']} already defined at {seen[row['id']]}"
        seen[row["id"]] = where


def test_ambiguous_aliases_are_names_of_the_entry_and_require_known_ids() -> None:
    ids = {row["id"] for _, row in rows()}
    for where, row in rows():
        names = {row["label"], *row.get("aliases", [])}
        for alias in row.get("ambiguous", []):
            assert alias in names, f"{where}: ambiguous '{alias}' is not a name of {row['id']}"
            # only an exact-case, one-word alias can be told apart from the common word
            assert " " not in alias, f"{where}: a multi-word alias matches in any case; '{alias}'"
        if row.get("ambiguous"):
            assert row.get("requires"), f"{where}: ambiguous aliases of {row['id']} require nothing"
        for required in row.get("requires", []):
            assert required in ids, f"{where}: requires unknown id {required}"
        if row.get("parent"):
            assert row["parent"] in ids, f"{where}: unknown parent {row['parent']}"


def test_wikidata_ids_look_like_wikidata_ids() -> None:
    for where, row in rows():
        if "wikidata" in row:
            assert row["wikidata"][0] == "Q" and row["wikidata"][1:].isdigit(), where


def test_no_alias_is_claimed_by_two_entries() -> None:
    owner: dict[str, str] = {}
    for where, row in rows():
        for alias in (row["label"], *row.get("aliases", [])):
            if alias in owner and owner[alias] != row["id"]:
                pytest.fail(f"{where}: alias '{alias}' of {row['id']} already names {owner[alias]}")
            owner[alias] = row["id"]


@pytest.mark.parametrize(("sentence", "absent"), [
    ("Notable deals this year were few.", "Notable"),
    ("Providence is the capital of Rhode Island.", "Providence"),
    ("Regard for patients matters.", "Regard"),
    ("Thrive was the word of the year.", "Thrive"),
    ("Deerfield is a village in Illinois.", "Deerfield"),
    ("MSK pain is the most common complaint.", "MSK"),
])
def test_ambiguous_alias_without_its_context_is_not_a_name(sentence: str, absent: str) -> None:
    assert absent not in {text for text, _ in mentions(sentence, "name")}


def test_a_name_spelt_like_an_ambiguous_alias_is_discovered_as_another_entity() -> None:
    """"Altera" is also an alias of Altera Digital Health: out of its context, a name of its own."""
    found = {(m.text, m.entity.id) for m in extract(
        "Altera, the programmable-chip maker Intel bought in 2015, will be spun off.").mentions}
    assert ("Altera", "altera") in found
    assert "MSK" not in {text for text, _ in mentions("MSK pain is the most common complaint.")}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Providence deployed DAX Copilot across its hospitals.", ("Providence", "HealthSystem")),
    ("Notable sells automation software to hospitals that run Epic.", ("Notable", "Company")),
    ("Thrive Capital led the round, and Thrive also joined the board.", ("Thrive", "Investor")),
    ("Memorial Sloan Kettering trained the model. MSK will share it.", ("MSK", "HealthSystem")),
])
def test_ambiguous_alias_in_its_context_is_a_name(sentence: str, expected: tuple) -> None:
    assert expected in mentions(sentence, "name")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Allscripts is now called Veradigm.", {("Allscripts", "Company"), ("Veradigm", "Company")}),
    ("Facebook renamed itself Meta.", {("Facebook", "Company"), ("Meta", "Company")}),
    ("HuggingFace hosts the model, and Anthem pays for it.",
     {("HuggingFace", "Company"), ("Anthem", "Company")}),
    ("The FDA and the CMS issued guidance.", {("FDA", "GovernmentAgency"), ("CMS", "GovernmentAgency")}),
    ("a16z led the round.", {("a16z", "Investor")}),
])
def test_former_names_tickers_and_short_forms(sentence: str, expected: set) -> None:
    assert expected <= mentions(sentence, "name")


def test_former_name_and_current_name_are_one_entity() -> None:
    lexicon = pipeline().lexicon
    assert lexicon.by_label("Allscripts").id == lexicon.by_label("Veradigm").id
    assert lexicon.by_label("Facebook").id == lexicon.by_label("Meta").id


def test_news_organizations_are_sources_not_actors() -> None:
    lexicon = pipeline().lexicon
    for name in ("STAT", "Fierce Healthcare", "Healthcare Dive", "MobiHealthNews", "Becker's Hospital Review",
                 "TechCrunch", "CNBC", "Reuters", "Bloomberg", "Axios"):
        entity = lexicon.by_label(name)
        assert entity is not None and entity.type == "NewsOrganization", name


def test_lexicon_rows_are_json_objects_one_per_line() -> None:
    for path in default_lexicon_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("//"):
                assert isinstance(json.loads(line), dict), f"{path.name}:{number}"


@pytest.mark.parametrize("names", [
    ("Mistral 7B", "Mixtral 8x7B", "Mistral Large"),
])
def test_models_of_one_maker_are_entities_of_their_own(names: tuple[str, ...]) -> None:
    """A maker's models are different products: facts about one ("X runs Mistral 7B") must not
    land on another."""
    text = f"Harbor Health compared {', '.join(names[:-1])} and {names[-1]}."
    found = {m.entity.id for m in extract(text).mentions if m.kind == "name"}
    assert len(found) == len(names)


def test_mistral_models_are_distinct_entities() -> None:
    found = mentions("Mistral AI released Mistral 7B, then Mixtral 8x7B and Mistral Medium.", "name")
    assert {("Mistral 7B", "AIModel"), ("Mixtral 8x7B", "AIModel"), ("Mistral Medium", "AIModel")} <= found
    labels = {c.object.label for c in extract("Mistral AI released Mistral 7B and Mixtral 8x7B.").claims}
    assert {"Mistral 7B", "Mixtral"} <= labels


def test_ring_is_amazons_only_beside_amazon() -> None:
    assert ("Ring", "Company") in mentions("Amazon bought Ring, the doorbell-camera maker, in 2018.", "name")
    assert not mentions("The Ring is a horror film.", "name")
@pytest.mark.parametrize(("sentence", "expected"), [
    # one-word names that are common words too: never discovered, so the lexicon must hold them
    ("The bank issues cards on the Visa and Mastercard networks.",
     {("Visa", "Company"), ("Mastercard", "Company")}),
    ("Shell and Chevron bid for the block.", {("Shell", "Company"), ("Chevron", "Company")}),
    ("Mars Inc agreed to a deal, and Mars will fund it with cash.", {("Mars", "Company")}),
])
def test_big_companies_of_other_sectors_are_names(sentence: str, expected: set) -> None:
    assert expected <= mentions(sentence, "name")


@pytest.mark.parametrize(("sentence", "absent"), [
    ("Mars is the fourth planet from the sun.", "Mars"),
    ("Scale matters more than speed for the startup.", "Scale"),
])
def test_sector_names_that_are_common_words_need_their_context(sentence: str, absent: str) -> None:
    assert absent not in {text for text, _ in mentions(sentence, "name")}


def test_an_unsupported_ambiguous_alias_leaves_the_whole_name_to_discovery() -> None:
    # "Claude" counts only beside Anthropic: without it, the run is one discovered investor
    assert mentions("Claude Ventures invested in Orbital Labs last year.") >= \
        {("Claude Ventures", "Investor"), ("Orbital Labs", "Company")}
    assert ("Claude Ventures", "investsIn", "Orbital Labs") in \
        {(c.subject.label, c.predicate, c.object.label) for c in
         extract("Claude Ventures invested in Orbital Labs last year.").claims}
