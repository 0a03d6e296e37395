"""The literal prefilter is a speed filter only: it may let through a text a regex does not match,
never rule out one it does."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from extraction_helpers import pipeline

from kg.documents import load_document
from kg.extract.masking import mask
from kg.extract.patterns import Trigger, _top_level_alternatives
from kg.extract.pipeline import Context, by_sentence
from kg.extract.prefilter import LiteralIndex, fold, may_match, required_literals
from kg.model import Extraction

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_literals_are_read_off_the_regex():
    assert required_literals(r"(?:wholly )?owned (?:\w+ly )?by ", re.I) == (
        frozenset({"owned "}), frozenset({"by "}))
    assert required_literals(r"(?:acquired|bought) (?:the )?[A-Z]\w+") == (
        frozenset({"acquired ", "bought "}),)
    assert required_literals(r"\d+'s\w+") == ()  # nothing long enough to tell texts apart


def test_case_insensitive_patterns_match_folded_text():
    regex = re.compile("kit acquired", re.I)
    for text in ("KIT ACQUIRED", "Kİt acquired", "kıt acquired", "ſKIT ACQUIRED"):
        assert regex.search(text) and may_match(regex, text)
    assert not may_match(regex, "kit bought")
    assert fold("İı") == "ii"


@pytest.mark.parametrize("corpus", ["other-deals", "heldout"])
def test_every_pattern_match_passes_the_prefilter(corpus):
    pipe = pipeline()
    patterns = pipe.patterns
    checked = 0
    for path in sorted((FIXTURES / corpus).glob("*.txt")):
        document = load_document(path)
        ctx = Context(document, extraction=Extraction(document))
        pipe._sentences(ctx)
        pipe._mentions(ctx)
        for sentence, here in by_sentence(ctx):
            for text in mask(sentence, here, pipe.cues).texts:
                passing = set(patterns.literals.matching(fold(text)))
                for i, pattern in enumerate(patterns.patterns):
                    if pattern.regex.search(text):
                        assert i in passing, (pattern.id, text)
                        checked += 1
    assert checked > 0


def test_a_trigger_answers_as_its_whole_regex():
    assert _top_level_alternatives(r"a|(?:b|c)|[|]|\||[]|]|e") == ["a", "(?:b|c)", "[|]", r"\|", "[]|]", "e"]
    sources = [d["trigger"].lower() for d in pipeline().patterns.domains.values() if "trigger" in d]
    sources.append(r"own|(?:sub|par)ent|\barm\b|[|]x|part of")
    rnd = random.Random(7)
    texts = ["".join(rnd.choice("abdeilnorstuvwx |'’⟪%-") for _ in range(rnd.randint(0, 30)))
             for _ in range(3000)] + ["the arm of", "its subsidiary", "farm", "|x", "ran", "brand"]
    for source in sources:
        regex, trigger = re.compile(source), Trigger.of(source)
        assert trigger.words  # most of each alternation is plain words
        for text in texts:
            assert trigger.found_in(text) == bool(regex.search(text)), (source, text)


def test_the_literal_index_answers_as_testing_every_clause():
    """LiteralIndex (word index, then one Aho-Corasick pass) keeps exactly the items whose every
    clause has one of its strings in the text."""
    requirements = [(frozenset({"owned by "}),), (frozenset({"bought ", "acquired "}), frozenset({"by "})),
                    (frozenset({"ab"}),), (), (frozenset({"partner", "deal"}), frozenset({" with "}))]
    index = LiteralIndex(requirements)
    pieces = ["owned", " by ", "bought ", "acquired", " ", "ab", "partner", "deal", " with ", "x"]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        expected = [i for i, clauses in enumerate(requirements)
                    if all(any(s in text for s in clause) for clause in clauses)]
        assert index.matching(text) == expected, text
    assert LiteralIndex([(), ()]).matching("anything") == [0, 1]  # no strings: no automaton
