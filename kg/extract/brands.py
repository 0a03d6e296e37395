"""Brand names: "Ansys Fluent", "Siemens EDA", "J&J MedTech" say whose they are.

A product or unit whose name begins with the name of an organization (one the document names, or
one the lexicon knows) belongs to that organization: owns(org, name), with the first sentence that
names it as evidence. No verb states it, so no cue pattern can find it. What follows the
organization's name must be a product or unit word: not a legal form ("Siemens AG" is Siemens), a
role ("Microsoft CEO"), a place ("Amazon Europe"), a person, nor another organization ("the Pfizer
Seagen merger" names two parties). Those word lists are data (data/brands.json, and the cues' list
of words that are no names).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import PatternError
from ..model import Claim, Entity, Mention, Sentence
from ..resources import DATA_DIR
from .cues import Cues
from .lexicon import Lexicon
from .mentions import looks_like_title, shortened
from .types import is_a, is_any

BRANDS_FILE = DATA_DIR / "brands.json"
RULE = "owns.brand-name"
CONFIDENCE = 0.6
# what a brand name can be: a product, or a unit of the organization ("Siemens EDA", "J&J MedTech")
_OWNABLE = ("Product", "Organization", "Unknown")
_NEVER_OWNED = ("Person", "NewsOrganization", "GovernmentAgency")


@dataclass(frozen=True)
class BrandWords:
    same_company: frozenset[str]  # "Siemens AG": the organization itself
    not_owned: frozenset[str]  # "Microsoft CEO": a role, a security, an event
    two_parties: re.Pattern[str]  # "the Pfizer Seagen merger": two names, not one brand
    venue_before: re.Pattern[str]  # "spoke at VMware Explore": a place or an event


@lru_cache(maxsize=4)
def load_brand_words(path: Path = BRANDS_FILE) -> BrandWords:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return BrandWords(frozenset(raw["same_company"]), frozenset(raw["not_owned"]),
                          re.compile(r"^\s+(?:" + "|".join(map(re.escape, raw["two_parties"])) + r")\b",
                                     re.IGNORECASE),
                          re.compile(r"\b(?:" + "|".join(map(re.escape, raw["venue_before"])) + r")\s+$",
                                     re.IGNORECASE))
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as e:
        raise PatternError(f"{path}: cannot load brand words: {e}") from e


def brand_claims(sentences: Sequence[Sentence], mentions: Sequence[Mention], claims: Sequence[Claim],
                 lexicon: Lexicon, cues: Cues, known: dict[str, Entity | None] | None = None,
                 words: BrandWords | None = None) -> list[Claim]:
    """owns(org, product) for each product or unit named after its organization, once per pair.
    `claims` are the document's claims so far: they type the names discovery left untyped
    ("Synopsys acquired Ansys" makes Ansys an organization) and pairs they already state or deny
    are not claimed again. `known` is `lexicon_organizations(lexicon)`, built once by a caller that
    reads many documents."""
    words = words or load_brand_words()
    typed = {e.id: e for c in claims for e in (c.subject, c.object) if e.type != "Unknown"}
    named = [replace(m, entity=typed[m.entity.id]) if m.entity.id in typed else m for m in mentions
             if m.kind in ("name", "discovered") and not looks_like_title(sentences[m.sentence].text)]
    organizations = _organizations(named, lexicon_organizations(lexicon) if known is None else known, cues)
    # only names the lexicon lacks: the lexicon records whose its own products are ("Google Cloud"
    # is Google's), and saying so for every one it meets states what the article does not
    discovered = [m for m in named if m.kind == "discovered" and m.entity.id not in lexicon.entities]
    stated = {(c.subject.id, c.object.id) for c in claims if c.predicate in ("owns", "acquired")}
    out: dict[tuple[str, str], Claim] = {}
    for m in discovered:  # in text order: the first sentence naming the brand is the evidence
        if _no_brand_here(m, sentences[m.sentence], words):
            continue
        owner = _owner(m, organizations, words, cues)
        if owner is None or (owner.id, m.entity.id) in stated or (owner.id, m.entity.id) in out:
            continue
        out[(owner.id, m.entity.id)] = Claim(owner, "owns", _as_owned(m.entity, cues), sentences[m.sentence],
                                             RULE, "asserted", "actual", CONFIDENCE)
    return list(out.values())


def lexicon_organizations(lexicon: Lexicon) -> dict[str, Entity | None]:
    """Name text -> the organization the lexicon names by it, for every alias it needs no context
    for (None where two organizations share a text). The same for every document: built once."""
    found: dict[str, Entity | None] = {}
    for alias, entity_id in lexicon.aliases.items():
        entity = lexicon.entities[entity_id]
        if is_a(entity.type, "Organization") and alias not in lexicon.requires:
            _add(found, alias, entity)
    return found


def _organizations(named: Iterable[Mention], known: dict[str, Entity | None],
                   cues: Cues) -> dict[str, Entity | None]:
    """Name text -> the organization it names (None where two organizations share a text): every
    unambiguous one the lexicon knows (`known`), and every organization the document names."""
    found = dict(known)
    for m in named:
        if is_a(m.entity.type, "Organization"):
            # "Quorvex Robotics" brands its products "Quorvex": its name less its head nouns
            shorts = [s for s in shortened(m.entity.label, cues) if s.lower() not in cues.common_words]
            for text in (m.text, m.entity.label, *shorts):
                _add(found, text, m.entity)
    return found


def _add(found: dict[str, Entity | None], text: str, entity: Entity) -> None:
    old = found.get(text, entity)
    found[text] = entity if old is not None and old.id == entity.id else None


def _owner(mention: Mention, organizations: dict[str, Entity | None], words: BrandWords,
           cues: Cues) -> Entity | None:
    """The organization whose name the mention's name begins with (the longest such name), if
    the rest of the name is a product or unit word."""
    entity = mention.entity
    if not is_any(entity.type, _OWNABLE) or is_any(entity.type, _NEVER_OWNED):
        return None
    parts = mention.text.split(" ")
    for cut in range(len(parts) - 1, 0, -1):
        owner = organizations.get(" ".join(parts[:cut]))
        if owner is None:
            continue
        rest = parts[cut:]
        if owner.id == entity.id or organizations.get(" ".join(rest)) is not None \
                or not _is_product_word(rest, words, cues):
            return None  # the organization itself, or two organizations side by side
        return owner
    return None


def _no_brand_here(mention: Mention, sentence: Sentence, words: BrandWords) -> bool:
    """"the Pfizer Seagen merger": a name before a noun for what two parties do together; "spoke
    at VMware Explore": a name after a word for where something happens."""
    start, end = mention.span.start - sentence.span.start, mention.span.end - sentence.span.start
    return bool(words.two_parties.match(sentence.text[end:end + 40])
                or words.venue_before.search(sentence.text[max(0, start - 20):start]))


def _is_product_word(rest: list[str], words: BrandWords, cues: Cues) -> bool:
    """"Fluent", "EDA", "Gen2 Cloud", "M5+": a product or unit word; not "AG" (the company
    itself), "CEO" (a role), "India" (a place), nor a lower-case word."""
    first = rest[0]
    if not (first[:1].isupper() or first[:1].isdigit()):
        return False
    if all(w in words.same_company for w in rest) or any(w in words.not_owned for w in rest):
        return False
    if any(rest[-len(head.split(" ")):] == head.split(" ") for head in cues.org_heads):
        return False  # "Cadence Design Systems", "Mayo Clinic Cancer Center": an organization's name
    heads = cues.org_heads.keys() | cues.product_heads.keys()
    return not ((" ".join(rest) in cues.not_names or first in cues.not_names) and first not in heads)


def _as_owned(entity: Entity, cues: Cues) -> Entity:
    """A discovered name of unknown type is a product, typed by its last word where that is a
    product head ("Quorvex Cloud" is a platform); names ending on organization heads never get here."""
    if entity.type != "Unknown":
        return entity
    return replace(entity, type=cues.product_heads.get(entity.label.split(" ")[-1], "Product"))
