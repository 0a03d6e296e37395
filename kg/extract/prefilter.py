"""Literal prefilters: the strings a regex cannot match without, read off its compiled syntax tree.

A cue pattern only matches a sentence that contains, say, "owned" and " by " somewhere; checking
for those substrings is far cheaper than running the pattern. The requirement is derived from the
regex itself (never written by hand), as clauses that must all hold, each satisfied by any one of
its strings: ({"owned by "}, {"⟨", "⟪"}). Text and literals are compared case-folded, so the
requirement also holds for case-insensitive patterns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

try:  # the standard library's own regex parser: private, so its absence only disables the filter
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    sre = sre_parse = None  # type: ignore[assignment]

Clauses = tuple[frozenset[str], ...]
# a clause ready to test: its strings, any of which must occur in the folded text
Searches = tuple[tuple[str, ...], ...]
MAX_ALTERNATIVES = 64  # an exact set larger than this is no longer tracked
MIN_LITERAL = 3  # a clause with a shorter string ("⟨", "'s") is true of nearly every sentence
# Under re.IGNORECASE "i" also matches dotless "ı" and dotted "İ", which case-folding keeps apart;
# every other ASCII character matches only what folds to it (checked over all of Unicode).
_FOLD_FIRST = str.maketrans({"ı": "i", "İ": "i"})
_SAFE_CHARS = frozenset(chr(c) for c in range(32, 127)) | frozenset("⟨⟩⟪⟫’")


def fold(text: str) -> str:
    """The form that required literals are looked up in."""
    if "ı" in text or "İ" in text:  # rare: translate() costs more than the two scans
        text = text.translate(_FOLD_FIRST)
    return text.casefold()


def may_match(regex: re.Pattern[str], text: str) -> bool:
    """False only if the regex finds no match in the text (its required literals are missing)."""
    searches = literal_searches(regex)
    return not searches or holds_all(searches, fold(text))


def literal_searches(regex: re.Pattern[str]) -> Searches:
    """One search per clause of the regex's required literals (see `required_literals`)."""
    # keyed by the pattern's text: hashing a compiled pattern hashes its whole program
    return _clause_searches(regex.pattern, regex.flags)


@lru_cache(maxsize=256)
def _clause_searches(pattern: str, flags: int) -> Searches:
    return tuple(map(_any_of, required_literals(pattern, flags)))


def holds_all(searches: Searches, folded: str) -> bool:
    """True if each search finds one of its strings in the folded text."""
    # plain loops of `in`: a regex alternation of the strings took 1-2.5 µs a search, five to
    # ten times as long, and all() or any() over a generator costs more than the tests
    for strings in searches:
        for string in strings:
            if string in folded:
                break
        else:
            return False
    return True


def _any_of(strings: frozenset[str]) -> tuple[str, ...]:
    """A search for any of the strings (see `holds_all`), in a fixed order."""
    return tuple(sorted(strings))


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # every string the node can match, if few and known
    clauses: Clauses  # else: what any match of it must contain


_ANYTHING = _Info(None, ())
_EMPTY = _Info(frozenset({""}), ())


def required_literals(pattern: str, flags: int = 0) -> Clauses:
    """Clauses (all must hold; each holds if any of its strings occurs in fold(text)) that are
    true of every text the regex finds a match in. Weak clauses are left out; () means no filter."""
    if sre_parse is None:
        return ()
    try:
        info = _sequence(list(sre_parse.parse(pattern, flags)))
    except Exception:  # an unknown syntax node or parser change: run the pattern unfiltered
        return ()
    clauses = info.clauses + _as_clause(info.exact)
    strong = {keep_shortest(c) for c in clauses if min(map(len, c)) >= MIN_LITERAL}
    return tuple(sorted(strong, key=lambda c: (-min(map(len, c)), sorted(c))))


def keep_shortest(strings: frozenset[str]) -> frozenset[str]:
    """The strings that contain none of the others: any of them occurs iff any of all does."""
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _as_clause(exact: frozenset[str] | None) -> Clauses:
    return (exact,) if exact and "" not in exact else ()


def _sequence(items: list) -> _Info:
    clauses: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})  # the exact strings of the items since the last gap
    exact = True
    for op, arg in items:
        info = _node(op, arg)
        if info.exact is not None and run is not None and len(run) * len(info.exact) <= MAX_ALTERNATIVES:
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        exact = False
        clauses.extend(_as_clause(run))
        clauses.extend(info.clauses)
        run = info.exact if info.exact is not None else frozenset({""})
    if exact:
        return _Info(run, ())
    return _Info(None, tuple(clauses) + _as_clause(run))


def _node(op: object, arg: object) -> _Info:
    if op is sre.LITERAL:
        char = chr(arg)  # type: ignore[arg-type]
        return _Info(frozenset({fold(char)}), ()) if char in _SAFE_CHARS else _ANYTHING
    if op is sre.IN:
        return _char_class(arg)  # type: ignore[arg-type]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # zero-width: matches no text of its own
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]))  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(arg))  # type: ignore[arg-type]
    if op is sre.BRANCH:
        return _branch([_sequence(list(b)) for b in arg[1]])  # type: ignore[index]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg  # type: ignore[misc]
        return _repeat(low, high, _sequence(list(body)))
    return _ANYTHING  # any character, a negated literal, a back-reference...


def _char_class(items: list) -> _Info:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < MAX_ALTERNATIVES:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:  # a negation, a category (\w, \s) or a wide range
            return _ANYTHING
    if not chars <= _SAFE_CHARS or len(chars) > MAX_ALTERNATIVES:
        return _ANYTHING
    return _Info(frozenset(fold(c) for c in chars), ())


def _branch(alternatives: list[_Info]) -> _Info:
    if all(a.exact is not None for a in alternatives):
        union = frozenset().union(*(a.exact for a in alternatives))  # type: ignore[arg-type]
        if len(union) <= MAX_ALTERNATIVES:
            return _Info(union, ())
    # one clause from each alternative, joined: whichever alternative matched, its clause holds
    chosen = []
    for a in alternatives:
        own = a.clauses + _as_clause(a.exact)
        if not own:
            return _ANYTHING
        chosen.append(max(own, key=lambda c: min(map(len, c))))
    return _Info(None, (frozenset().union(*chosen),))


def _repeat(low: int, high: int, body: _Info) -> _Info:
    if low == 0:
        if high == 1 and body.exact is not None:
            return _Info(body.exact | {""}, ())
        return _ANYTHING
    if low == high == 1:
        return body
    return _Info(None, body.clauses + _as_clause(body.exact))


_LETTERS = re.compile(r"[a-z]+")
MIN_KEY = 3  # index words shorter than this ("by", "s") are in nearly every sentence
MAX_CACHED_WORDS = 100_000


class LiteralIndex:
    """Finds, for a folded text, the items whose required literals it contains.

    Every string of a clause has a run of letters ("owned by " -> "owned") that lies inside one
    word of any text holding the string. An item is indexed under the runs of its clause with the
    longest ones; a text's words are looked up once each (and cached) to learn which runs it
    holds, and only the items indexed under those have their clauses checked in full. The
    clauses' strings (about 2,200) are all found in one pass over the text by an Aho-Corasick
    automaton: testing each candidate's strings with `in` cost twice as much."""

    def __init__(self, requirements: list[Clauses]) -> None:
        self.always: list[int] = []  # items without a clause to index them by: always checked
        self.by_key: dict[str, list[int]] = {}
        strings = sorted({string for clauses in requirements for clause in clauses for string in clause})
        self.strings = _automaton(strings)
        number = {string: i for i, string in enumerate(strings)}
        # each item's clauses as the numbers of their strings
        self.clauses = [tuple(frozenset(number[s] for s in clause) for clause in clauses)
                        for clauses in requirements]
        for item, clauses in enumerate(requirements):
            keys = [k for k in map(_letter_runs, clauses) if k is not None]
            if not keys:
                self.always.append(item)
            for key in max(keys, key=lambda k: min(map(len, k)), default=()):
                self.by_key.setdefault(key, []).append(item)
        self.vocabulary = frozenset(self.by_key)
        self._items_in_word: dict[str, frozenset[int]] = {}

    def matching(self, folded: str) -> list[int]:
        """The items (in order) whose every clause holds in `folded` (see `fold`)."""
        found = set(self.always)
        cached = self._items_in_word
        for word in set(_LETTERS.findall(folded)):
            items = cached.get(word)
            found |= items if items is not None else self._items_in(word)
        present = {number for _, number in self.strings.iter(folded)} if self.strings else set()
        return [i for i in sorted(found) if _all_hold(self.clauses[i], present)]

    def _items_in(self, word: str) -> frozenset[int]:
        """The items indexed under a key the word holds (cached: words recur across texts)."""
        if len(self._items_in_word) >= MAX_CACHED_WORDS:
            self._items_in_word.clear()
        items = self._items_in_word[word] = frozenset(
            item for key in self.vocabulary if key in word for item in self.by_key[key])
        return items


def _automaton(strings: list[str]) -> Any:
    """An Aho-Corasick automaton that finds each of the strings, reporting its number; None for
    no strings (an automaton with no words cannot search)."""
    if not strings:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for number, string in enumerate(strings):
        automaton.add_word(string, number)
    automaton.make_automaton()
    return automaton


def _all_hold(clauses: tuple[frozenset[int], ...], present: set[int]) -> bool:
    """True if each clause has one of its strings (by number) among those present."""
    for clause in clauses:  # a plain loop: all() over a generator costs more than the tests
        if present.isdisjoint(clause):
            return False
    return True


def _letter_runs(clause: frozenset[str]) -> frozenset[str] | None:
    """The longest run of letters of each string, or None if one has no run long enough to
    tell texts apart."""
    keys = keep_shortest(frozenset(max(_LETTERS.findall(s) or [""], key=len) for s in clause))
    return keys if min(map(len, keys)) >= MIN_KEY else None
