"""The start-up cache hands back the very regexes re.compile builds, and never hides a bad one."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.patterns import load_patterns
from kg.extract.regex_cache import RegexCache

SOURCES = [(r"(?P<S>[⟨⟪]\d+[⟩⟫]) (?:acquired|bought) (?P<O>\w+)(?<!\bthe)", re.IGNORECASE),
           (r"owned (?:\w+ly )?by (?=[A-Z])", 0)]
TEXTS = ["⟨0⟩ acquired Nuance", "⟪1⟫ BOUGHT the", "owned wholly by Acme", "ownedby x"]


def test_a_cached_regex_is_the_compiled_one(tmp_path: Path):
    path = tmp_path / "cache.marshal"
    first = RegexCache(path)
    fresh = [first.compile(source, flags) for source, flags in SOURCES]
    first.save()
    second = RegexCache(path)
    cached = [second.compile(source, flags) for source, flags in SOURCES]
    assert not second.missed  # every one came from the file
    for regex, own, (source, flags) in zip(cached, fresh, SOURCES, strict=True):
        plain = re.compile(source, flags)
        assert (regex.pattern, regex.flags, regex.groupindex) == (plain.pattern, plain.flags,
                                                                   plain.groupindex)
        for text in TEXTS:
            assert [m.groupdict() | {"": m.span()} for m in regex.finditer(text)] == \
                   [m.groupdict() | {"": m.span()} for m in plain.finditer(text)] == \
                   [m.groupdict() | {"": m.span()} for m in own.finditer(text)]


def test_a_bad_regex_fails_as_with_re_compile(tmp_path: Path):
    with pytest.raises(re.error):
        RegexCache(tmp_path / "cache.marshal").compile(r"(?P<S>unclosed")


def test_a_damaged_or_unwritable_cache_is_compiled_around(tmp_path: Path):
    path = tmp_path / "cache.marshal"
    cache = RegexCache(path)
    cache.compile(*SOURCES[0])
    cache.save()
    data = path.read_bytes()
    path.write_bytes(data[:-10] + b"0123456789")  # the checksum no longer holds
    damaged = RegexCache(path)
    assert damaged.stored == {}
    assert damaged.compile(*SOURCES[0]).search(TEXTS[0])
    blocked = RegexCache(tmp_path / "a-file" / "cache.marshal")
    (tmp_path / "a-file").write_text("not a directory")
    blocked.compile(*SOURCES[1])
    blocked.save()  # no error: the next run compiles again


def test_patterns_load_alike_with_and_without_the_cache(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    load_patterns.cache_clear()
    cold = load_patterns()
    load_patterns.cache_clear()
    warm = load_patterns()
    load_patterns.cache_clear()
    assert [(p.regex.pattern, p.regex.flags, p.requires) for p in cold.patterns] == \
           [(p.regex.pattern, p.regex.flags, p.requires) for p in warm.patterns]
