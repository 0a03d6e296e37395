"""Cue words (negation, modality, references, name heads) loaded from data/cues.json."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import PatternError
from ..resources import COMMON_WORDS_FILE, CUES_FILE, PLACES_FILE
from .prefilter import fold


def alternatives(words: Iterable[str]) -> str:
    """The phrases as one regex alternation, escaped, longest first (so a longer phrase wins), the
    same text in every process (the compiled patterns are cached under their text)."""
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))


def words_regex(words: list[str]) -> re.Pattern[str]:
    """One regex matching any of the phrases as whole words, longest first."""
    return re.compile(r"(?<![\w'])(?:" + alternatives(words) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    regex: re.Pattern[str]
    types: tuple[str, ...]
    prefer: str | None
    possessive: bool
    plural: bool
    window: int  # how many sentences back the antecedent may be
    pronoun: bool  # "it", "its", "they": never a discovered name of unknown type


@dataclass(frozen=True)
class Cues:
    negation: re.Pattern[str]
    negating_frames: re.Pattern[str]
    contrast: re.Pattern[str]
    planned: re.Pattern[str]
    reported: re.Pattern[str]
    boilerplate: frozenset[str]
    sentence_stopwords: frozenset[str]
    not_names: frozenset[str]
    org_heads: dict[str, str]
    product_heads: dict[str, str]
    appositive_nouns: re.Pattern[str]
    descriptor_before_name: re.Pattern[str]
    # the last word of each of those nouns, folded: a descriptor ends on one right before a name
    descriptor_heads: frozenset[str]
    references: tuple[Reference, ...]
    reference_window: int
    rival_nouns: re.Pattern[str]
    descriptor_relations: dict[str, str]
    owned_descriptors: frozenset[str]  # "Microsoft subsidiary Nuance": the modifier owns the head
    hyphen_relations: dict[str, str]  # "the Block-owned Square": "owned" -> owns
    common_words: frozenset[str]
    places: frozenset[str]  # "Abu Dhabi", "Texas": never a name by itself, nor an owner ("Japan's Sony")
    # ", founded in 2012," / ", last valued at $43 billion in a round led by X,": an aside
    # between a name and its verb; the first without names, the second with them
    product_nouns: tuple[str, ...] = ()  # kinds of product a name may head ("A's catheters")
    facility_nouns: tuple[str, ...] = ()  # places of a company: "the Catalent site" is no Catalent
    # "its 9.5% stake", "Qualcomm modems": what follows a name when a deal is for a part of it
    part_after_name: re.Pattern[str] = re.compile(r"(?!)")
    shares_after_name: re.Pattern[str] = re.compile(r"(?!)")  # "'s outstanding shares": the name itself
    participle_aside: re.Pattern[str] = re.compile(r"(?!)")
    participle_aside_with_names: re.Pattern[str] = re.compile(r"(?!)")
    # " X", " 5", " AI 300 series": a model designation after a product's name
    version_after: re.Pattern[str] = re.compile(r"(?!)")
    # a deal tried that did not happen: "the attempt to buy X collapsed", "its failed bid for X"
    attempt_nouns: re.Pattern[str] = re.compile(r"(?!)")
    failed_outcomes: re.Pattern[str] = re.compile(r"(?!)")
    failed_attempt: re.Pattern[str] = re.compile(r"(?!)")
    role_titles: tuple[str, ...] = ()  # "Chief Executive", "CEO": a title ends the name before it
    # "a judge blocked X's purchase of Y": a verb of failure right before the attempt it names
    failed_before: re.Pattern[str] = re.compile(r"(?!)")
    # "X agreed to buy Y ..., but abandoned the deal": a later clause undoes the attempt
    abandoned_after: re.Pattern[str] = re.compile(r"(?!)")


def _version_regex(words: list[str]) -> re.Pattern[str]:
    """One to three tokens, each a run of capitals ("X", "AI"), a number-bearing code ("5", "S24",
    "M4") or a version word, ending the name (no capitalised word or digit follows)."""
    token = r"(?:[A-Z]{1,4}|[A-Z]?\d[\dA-Za-z.]*|" + (alternatives(words) or "(?!)") + ")"
    return re.compile(rf" {token}(?: {token}){{0,2}}(?![\w-]| [A-Z0-9])")


def _part_after_name_regex(raw: dict) -> re.Pattern[str]:
    """"'s 9.5% stake", "'s credit card unit", " modems", " server chips": after a name, a part of
    the company (after its possessive) or a kind of product (right after it, or one word on)."""
    goods = alternatives([*raw.get("product_nouns", []), *raw.get("facility_nouns", []),
                          *raw.get("goods_nouns", [])])
    if not raw.get("company_parts") or not goods:
        return re.compile(r"(?!)")
    return re.compile(_after_possessive_regex(raw["company_parts"]).pattern
                      + rf"|\s+(?:[a-z][\w-]*\s+)?(?:{goods})(?![\w-])")


def _after_possessive_regex(nouns: list[str]) -> re.Pattern[str]:
    """"'s 9.5% stake", "'s U.S. ice cream business": a name's possessive, then one of the nouns."""
    if not nouns:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:'s|’s)\s+(?:[\w.%$,-]+\s+){{0,3}}?(?:{alternatives(nouns)})(?![\w-])")


def _before_regex(verbs: list[str]) -> re.Pattern[str]:
    """One of the verbs at the end of a text, then perhaps an article."""
    if not verbs:
        return re.compile(r"(?!)")
    return re.compile(rf"\b(?:{alternatives(verbs)})\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)


def _abandoned_regex(verbs: list[str], nouns: list[str]) -> re.Pattern[str]:
    """", but abandoned the deal", "but later walked away from its $6 billion offer"."""
    if not verbs or not nouns:
        return re.compile(r"(?!)")
    return re.compile(rf"^[^;]*?,?\s+but\s+(?:(?:later|then|eventually|ultimately|subsequently)\s+)?"
                      rf"(?:{alternatives(verbs)})\s+(?:the|its|their|that|this)\s+(?:[\w$€£.,-]+\s+){{0,3}}?"
                      rf"(?:{alternatives(nouns)})\b", re.IGNORECASE)


def _failed_attempt_regex(adjectives: list[str], nouns: list[str]) -> re.Pattern[str]:
    """"failed bid", "the collapsed $40 billion deal": an adjective of failure, then the attempt."""
    if not adjectives or not nouns:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w-])(?:{alternatives(adjectives)})\s+(?:[\w$.,%-]+\s+){{0,3}}?"
                      rf"(?:{alternatives(nouns)})(?![\w-])", re.IGNORECASE)


def _reference_pattern(row: dict) -> str:
    """Pronouns match as written or capitalised, never in capitals ("healthcare IT" is no "it")."""
    text = row["pattern"]
    if row.get("pronoun"):
        return f"[{text[0]}{text[0].upper()}]{text[1:]}"
    return text


def load_word_list(path: Path, fold_case: bool = True) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise PatternError(f"{path}: cannot read the word list: {e.strerror or e}") from e
    words = (w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return frozenset(w.lower() for w in words) if fold_case else frozenset(words)


# prepositions that end a phrase before a name: no descriptor or possessed phrase runs past one
PREPOSITIONS = "in|of|for|on|at|to|from|with|into"
# the head of an apposition with no article ("X, maker of A,", "X, part of the Y group,"): an
# agent noun or a noun of belonging
BARE_APPOSITION_HEAD = r"(?:[a-z]+(?:er|or)|parent|home|unit|arm|division|subsidiary|part|owner|affiliate)"


def _descriptor_regex(nouns: list[str]) -> re.Pattern[str]:
    """A descriptor ending in an organisation noun right before a name: "of cloud and AI firm ⟨X⟩".
    After a function word it may be up to three words long; elsewhere only the noun goes
    ("to buy primary care provider ⟨X⟩" keeps "primary care" for the verb's modifiers)."""
    noun = words_regex(nouns).pattern
    lead = r"(^|\b(?:of|with|to|by|from|for|in|into|and|or|the|a|an|its|their|including|like|as)\s+|[,;:]\s*)"
    verbs = (r"(?!(?:and|or|buy|buys|bought|acquire|acquires|acquired|purchase|sell|sold|invest|back|"
             r"backed|fund|partner|join|joined|hire|hired|name|named|use|deploy|license|integrate|"
             r"launch|become|became|is|was|are|were|be|by|its|their|" + PREPOSITIONS + r")\b)")
    return re.compile(lead + r"(?:" + verbs + r"[\w-]+\s+(?:and\s+)?){0,3}?" + noun + r"\s+(?=[⟨⟪])"
                      r"|" + noun + r"\s+(?=[⟨⟪])", re.IGNORECASE)


def _aside_regex(participles: list[str], char: str) -> re.Pattern[str]:
    """A participle phrase set off by commas right after a name and followed by a lower-case
    word (the verb): ", founded in 2012, is backed by". A comma inside ("based in Austin, Texas,")
    ends the match early, and then nothing is taken."""
    if not participles:
        return re.compile(r"(?!)")
    words = words_regex(participles).pattern
    return re.compile(r", (?<=[⟩⟫], )(?:(?:[a-z]+ly|last|once|first|later|recently) )?" + words
                      + char + r"{1,160}?, (?=[a-z])")


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> Cues:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise PatternError(f"{path}: cannot load cues: {e}") from e
    try:
        refs = tuple(
            Reference(re.compile(r"(?<![\w-])" + _reference_pattern(r) + r"(?![\w-])",
                                 0 if r.get("pronoun") else re.IGNORECASE),
                      tuple(r["types"]), r.get("prefer"), bool(r.get("possessive")),
                      bool(r.get("plural")), int(r.get("window", 2)), bool(r.get("pronoun")))
            for r in raw["references"])
        return Cues(
            negation=words_regex(raw["negation"]),
            negating_frames=words_regex(raw["negating_frames"]),
            contrast=re.compile(r"^\s*(?:[\w-]+\s*)?,?\s*(?:" + "|".join(
                re.escape(c) for c in sorted(raw["contrast"], key=len, reverse=True)) + r")\s+$",
                re.IGNORECASE),
            planned=words_regex(raw["planned"]),
            reported=words_regex(raw["reported"]),
            boilerplate=frozenset(h.lower() for h in raw["boilerplate_headings"]),
            sentence_stopwords=frozenset(raw["sentence_stopwords"]),
            not_names=frozenset(raw["not_names"]),
            role_titles=tuple(raw.get("role_titles", [])),
            org_heads={h: t for t, heads in raw["org_heads"].items() for h in heads},
            product_heads={h: t for t, heads in raw["product_heads"].items() for h in heads},
            appositive_nouns=words_regex(raw["appositive_org_nouns"]),
            descriptor_before_name=_descriptor_regex(raw["appositive_org_nouns"]),
            descriptor_heads=frozenset(fold(re.findall(r"\w+", n)[-1]) for n in raw["appositive_org_nouns"]),
            references=refs,
            reference_window=int(raw.get("reference_window", 4)),
            rival_nouns=words_regex(raw["rival_nouns"]),
            descriptor_relations=dict(raw.get("descriptor_relations", {})),
            owned_descriptors=frozenset(raw.get("owned_descriptors", [])),
            hyphen_relations=dict(raw.get("hyphen_relations", {})),
            common_words=load_word_list(COMMON_WORDS_FILE),
            places=load_word_list(PLACES_FILE, fold_case=False),
            product_nouns=tuple(raw.get("product_nouns", [])),
            facility_nouns=tuple(raw.get("facility_nouns", [])),
            part_after_name=_part_after_name_regex(raw),
            shares_after_name=_after_possessive_regex(raw.get("share_nouns", [])),
            version_after=_version_regex(raw.get("version_words", [])),
            attempt_nouns=words_regex(raw.get("attempt_nouns", [])),
            failed_outcomes=words_regex(raw.get("failed_outcomes", [])),
            failed_before=_before_regex(raw.get("failed_before_attempt", [])),
            abandoned_after=_abandoned_regex(raw.get("abandoned_verbs", []), raw.get("attempt_nouns", [])),
            failed_attempt=_failed_attempt_regex(raw.get("failed_attempt_adjectives", []),
                                                 raw.get("attempt_nouns", [])),
            participle_aside=_aside_regex(raw.get("participle_asides", []), r"[^,;⟨⟩⟪⟫()]"),
            participle_aside_with_names=_aside_regex(raw.get("participle_asides", []), r"[^,;()]"),
        )
    except (KeyError, TypeError, re.error) as e:
        raise PatternError(f"{path}: malformed cues: {e}") from e
