"""The on-disk cache of compiled regexes, and the errors of a bad pattern file."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kg.errors import PatternError
from kg.extract import regex_cache
from kg.extract.patterns import load_patterns
from kg.resources import PATTERNS_DIR

SOURCES = [r"(?P<S>[⟨⟪]\d+[⟩⟫]) (?:acquired|bought) (?P<O>[⟨⟪]\d+[⟩⟫])", r"\bstake in\b", r"(a|b)+?c"]
TEXTS = ["⟨1⟩ acquired ⟨2⟩", "⟪3⟫ BOUGHT ⟨4⟩ today", "a Stake In it", "ababc", "nothing"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def answers(regexes: list[re.Pattern[str]]) -> list:
    return [[(m.group(0), m.groupdict()) if (m := r.search(t)) else None for t in TEXTS] for r in regexes]


def test_compiled_regexes_behave_as_re_compile_fresh_and_from_the_cache(cache: Path) -> None:
    expected = answers([re.compile(s, re.IGNORECASE) for s in SOURCES])
    fresh = regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")
    assert list(cache.glob("t-*.marshal")), "the compiled code was not stored"
    cached = regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")
    for regexes in (fresh, cached):
        assert answers(regexes) == expected
        assert [(r.pattern, r.flags, r.groupindex) for r in regexes] == \
               [(r.pattern, r.flags, r.groupindex) for r in (re.compile(s, re.I) for s in SOURCES)]


def test_a_cached_entry_is_used_instead_of_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled although the cache holds the code")

    monkeypatch.setattr(regex_cache, "_compile_parts", no_compiling)
    assert answers(regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")) == \
           answers([re.compile(s, re.IGNORECASE) for s in SOURCES])


def test_changed_sources_or_flags_are_compiled_afresh(cache: Path) -> None:
    regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")
    case_sensitive = regex_cache.compile_all(SOURCES, 0, name="t")
    assert case_sensitive[0].search("⟪3⟫ BOUGHT ⟨4⟩") is None
    changed = regex_cache.compile_all([*SOURCES[:2], r"x+"], re.IGNORECASE, name="t")
    assert changed[2].search("ababc") is None and changed[2].search("xx")
    assert len(list(cache.glob("t-*.marshal"))) == 1


@pytest.mark.parametrize("damage", [b"", b"not marshal data", None])
def test_a_damaged_cache_costs_only_a_compilation(cache: Path, damage: bytes | None) -> None:
    regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")
    [entry] = cache.glob("t-*.marshal")
    if damage is None:  # well-formed, but code _sre rejects
        import marshal

        entries = marshal.loads(entry.read_bytes())
        key = next(iter(entries))
        entries[key] = (entries[key][0], [1, 2, 3], *entries[key][2:])
        damage = marshal.dumps(entries)
    entry.write_bytes(damage)
    assert answers(regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")) == \
           answers([re.compile(s, re.IGNORECASE) for s in SOURCES])


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(blocker / "cache"))
    assert answers(regex_cache.compile_all(SOURCES, re.IGNORECASE, name="t")) == \
           answers([re.compile(s, re.IGNORECASE) for s in SOURCES])


def test_a_bad_source_names_its_index(cache: Path) -> None:
    with pytest.raises(regex_cache.BadRegex) as raised:
        regex_cache.compile_all([SOURCES[0], "(unclosed", SOURCES[1]], name="t")
    assert raised.value.index == 1


def copy_of_patterns(tmp_path: Path) -> Path:
    copy = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, copy)
    return copy


def test_a_bad_regex_in_a_pattern_file_names_the_file_line_and_pattern(tmp_path: Path, cache: Path) -> None:
    patterns = copy_of_patterns(tmp_path)
    with (patterns / "owns.jsonl").open("a") as f:
        f.write(json.dumps({"id": "owns.broken", "pattern": "{S} owns ({O}"}) + "\n")
    lines = (patterns / "owns.jsonl").read_text().splitlines()
    with pytest.raises(PatternError, match=rf"owns.jsonl:{len(lines)}: bad regex in pattern 'owns.broken'"):
        load_patterns(patterns)


def test_a_bad_continuation_is_reported_on_its_own_row(tmp_path: Path, cache: Path) -> None:
    patterns = copy_of_patterns(tmp_path)
    with (patterns / "owns.jsonl").open("a") as f:
        f.write(json.dumps({"id": "owns.good", "pattern": "{S} owns {O}"}) + "\n")
        bad = {"id": "owns.bad-continue", "pattern": "{S} holds {O}", "continue": "[{O}"}
        f.write(json.dumps(bad) + "\n")
    with pytest.raises(PatternError, match=r"bad regex in pattern 'owns.bad-continue'"):
        load_patterns(patterns)


def test_a_pattern_without_id_and_an_unknown_relation_are_named(tmp_path: Path, cache: Path) -> None:
    patterns = copy_of_patterns(tmp_path)
    with (patterns / "owns.jsonl").open("a") as f:
        f.write(json.dumps({"pattern": "{S} owns {O}"}) + "\n")
    with pytest.raises(PatternError, match=r"owns.jsonl:\d+: a pattern needs 'id' and 'pattern'"):
        load_patterns(patterns)
    (patterns / "owns.jsonl").write_text("")
    (patterns / "sponsors.jsonl").write_text(json.dumps({"id": "x", "pattern": "{S} sponsors {O}"}) + "\n")
    with pytest.raises(PatternError, match=r"'sponsors' is not a relation"):
        load_patterns(patterns)


def test_a_pattern_s_modality_must_be_one_a_claim_can_have(tmp_path: Path, cache: Path) -> None:
    patterns = copy_of_patterns(tmp_path)
    with (patterns / "owns.jsonl").open("a") as f:
        row = {"id": "owns.hoped", "pattern": "{S} hopes to own {O}", "modality": "hoped"}
        f.write(json.dumps(row) + "\n")
    with pytest.raises(PatternError, match=r"pattern 'owns.hoped' has modality 'hoped'"):
        load_patterns(patterns)
