"""What the phenomenon tests share: one Pipeline for the session and its output as plain tuples.

Tests in this directory are organised by linguistic phenomenon (voice, coordination, apposition,
possessives, negation, modality, reference, funding, acquisitions, discovery, figures). Each writes
its own sentences, with lexicon names and with invented names (org heads such as "Labs",
"Capital", "Ventures", "Health System") for names the lexicon lacks, and asserts the exact facts
expected for the relation under test.
"""
from __future__ import annotations

from functools import lru_cache

from kg.documents import document_from_text
from kg.extract.pipeline import Pipeline
from kg.model import Extraction, Figure

SYMMETRIC = {"partnersWith", "competesWith"}


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return Pipeline()


@lru_cache(maxsize=1024)
def extract(text: str) -> Extraction:
    return pipeline()(document_from_text(text))


def norm(fact: tuple) -> tuple:
    """Symmetric relations name their two parties in alphabetical order."""
    s, p, o, *rest = fact
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return (s, p, o, *rest)


def norms(facts) -> set[tuple]:
    return {norm(f) for f in facts}


def triples(text: str, *relations: str) -> set[tuple[str, str, str]]:
    """(subject, relation, object) labels of the asserted claims of the given relations (all if none)."""
    return {norm((c.subject.label, c.predicate, c.object.label)) for c in extract(text).claims
            if c.polarity == "asserted" and (not relations or c.predicate in relations)}


def claims(text: str, *relations: str) -> set[tuple[str, str, str, str, str]]:
    """(subject, relation, object, polarity, modality) of every claim of the given relations."""
    return {norm((c.subject.label, c.predicate, c.object.label, c.polarity, c.modality))
            for c in extract(text).claims if not relations or c.predicate in relations}


def figures(text: str) -> list[Figure]:
    return list(extract(text).figures)


def mentions(text: str, *kinds: str) -> set[tuple[str, str]]:
    """(text, entity type) of the mentions of the given kinds (name, discovered, reference)."""
    return {(m.text, m.entity.type) for m in extract(text).mentions if not kinds or m.kind in kinds}


def resolved(text: str) -> set[tuple[str, str]]:
    """(reference text, entity label) of every resolved reference ("it", "the company"...)."""
    return {(m.text, m.entity.label) for m in extract(text).mentions
            if m.kind in ("reference", "possessive")}
