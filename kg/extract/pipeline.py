"""Run the extraction stages in order over one Document: sentences -> mentions -> claims, figures."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ExtractionError, KgError
from ..model import Claim, Document, Entity, Extraction, Mention
from ..resources import LEXICON_DIR, PATTERNS_DIR
from .brands import brand_claims, lexicon_organizations
from .cues import Cues, load_cues
from .figures import (
    Units,
    bind_deal_money,
    bind_funding_money,
    extract_figures,
    load_units,
    resolve_tickers,
    sentence_topics,
    without_rounded_headlines,
)
from .lexicon import Lexicon, load_lexicon
from .masking import mask
from .mentions import MentionFinder
from .nlp import get_nlp
from .patterns import PatternSet, load_patterns
from .relations import extract_relations, extract_rivals_list
from .sentences import body_end, split_sentences
from .types import is_a

Stage = Callable[["Context"], None]
STAGES = ("sentences", "mentions", "relations", "brands", "figures")


@dataclass
class Context:
    """What the stages share while one document is processed."""

    document: Document
    parsed: list[tuple[Any, Any]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    extraction: Extraction | None = None


class Pipeline:
    """Callable Document -> Extraction; each stage can be disabled by name and is timed."""

    def __init__(self, lexicon_files: list[Path] | None = None, patterns_dir: Path = PATTERNS_DIR,
                 disable: tuple[str, ...] = ()) -> None:
        unknown = set(disable) - set(STAGES)
        if unknown:
            raise KgError(f"unknown stage(s) {', '.join(sorted(unknown))}; stages: {', '.join(STAGES)}")
        self.nlp = get_nlp()
        self.cues: Cues = load_cues()
        self.lexicon: Lexicon = load_lexicon(default_lexicon_files() + list(lexicon_files or []))
        self.patterns: PatternSet = load_patterns(patterns_dir)
        self.units: Units = load_units()
        self.finder = MentionFinder(self.nlp, self.lexicon, self.cues)
        self.disabled = set(disable)
        self.owners = self.lexicon.platform_owners()  # "the AWS service": Amazon owns it
        self.brand_owners = lexicon_organizations(self.lexicon)  # "Microsoft Pallas": Microsoft's

    def __call__(self, document: Document) -> Extraction:
        ctx = Context(document)
        ctx.extraction = Extraction(document)
        timings: dict[str, float] = {}
        for name in STAGES:
            if name in self.disabled:
                continue
            started = time.perf_counter()
            try:
                getattr(self, f"_{name}")(ctx)
            except KgError:
                raise
            except Exception as e:  # a bug in a stage must name the stage and the document
                raise ExtractionError(name, document.id, e) from e
            timings[name] = time.perf_counter() - started
        return replace(ctx.extraction, timings=timings)

    def _sentences(self, ctx: Context) -> None:
        end = body_end(ctx.document, self.cues)
        ctx.parsed = split_sentences(ctx.document, self.nlp, end)
        ctx.extraction = replace(ctx.extraction, sentences=tuple(s for s, _ in ctx.parsed))

    def _mentions(self, ctx: Context) -> None:
        ctx.mentions = self.finder.find(ctx.parsed)
        ctx.extraction = replace(ctx.extraction, mentions=tuple(ctx.mentions))

    def _relations(self, ctx: Context) -> None:
        claims: list[Claim] = []
        previous = None
        funded: list[Entity] = []  # "Backers X and Y also joined the round": whose round
        deployed: list[Entity] = []  # "Smaller customers include X": customers of what
        counts: dict[str, tuple[int, Entity]] = {}  # how often each organization was named so far
        for sentence, here in by_sentence(ctx):
            masked = mask(sentence, here, self.cues)
            masked.previous_topic = previous.topic if previous is not None and previous.topic \
                else _salient(counts)
            for m in here:
                if m.kind in ("name", "discovered") and is_a(m.entity.type, "Organization"):
                    counts[m.entity.id] = (counts.get(m.entity.id, (0, m.entity))[0] + 1, m.entity)
            masked.funded = funded
            masked.deployed = deployed
            found = extract_relations(sentence, masked, self.patterns, self.cues, self.owners)
            funded = [c.object for c in found if c.predicate == "investsIn"][-1:] or funded
            deployed = [c.object for c in found if c.predicate == "deploys"
                        and c.polarity == "asserted"][-1:] or deployed
            claims.extend(found)
            if previous is not None:
                claims.extend(extract_rivals_list(previous, sentence, masked, self.patterns, self.cues))
            previous = masked
        ctx.extraction = replace(ctx.extraction, claims=tuple(claims))

    def _brands(self, ctx: Context) -> None:
        """"Ansys Fluent", "Microsoft Azure": names that say whose they are (see brands.py)."""
        claims = ctx.extraction.claims
        found = brand_claims(ctx.extraction.sentences, ctx.mentions, claims, self.lexicon, self.cues,
                             self.brand_owners)
        ctx.extraction = replace(ctx.extraction, claims=claims + tuple(found))

    def _figures(self, ctx: Context) -> None:
        # a discovered name of unknown type is trusted as what the relation stage typed it
        typed = {e.id: e for c in ctx.extraction.claims for e in (c.subject, c.object)}
        ctx.mentions = [replace(m, entity=typed.get(m.entity.id, m.entity))
                        if m.entity.type == "Unknown" else m for m in ctx.mentions]
        deals = {c.sentence.span.start: c.object for c in ctx.extraction.claims
                 if c.predicate in ("acquired", "investsIn") and c.polarity == "asserted"}
        figures = []
        target = None
        tickers = resolve_tickers(by_sentence(ctx), self.units)  # "TEM rose 4%" is Tempus AI's
        ctx.mentions = [replace(m, entity=tickers[m.entity.id]) if m.entity.id in tickers else m
                        for m in ctx.mentions]
        grouped = by_sentence(ctx)
        for (sentence, here), topic in zip(grouped, sentence_topics(grouped), strict=True):
            figures.extend(extract_figures(sentence, here, self.units, target, topic))
            target = deals.get(sentence.span.start, target)
        figures = bind_funding_money(bind_deal_money(figures, list(ctx.extraction.claims)),
                                     list(ctx.extraction.claims))
        figures = without_rounded_headlines(figures, ctx.document.body_start)
        ctx.extraction = replace(ctx.extraction, figures=tuple(figures))


def _salient(counts: dict[str, tuple[int, Entity]]) -> list[Entity]:
    """The organization the article keeps naming (three times at least, and more than any other):
    whom "Rivals A and B ..." or "Other customers include ..." are about when the last sentence
    opened on no name."""
    ranked = sorted(counts.values(), key=lambda c: -c[0])
    if ranked and ranked[0][0] >= 3 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        return [ranked[0][1]]
    return []


def by_sentence(ctx: Context) -> list[tuple[Any, list[Mention]]]:
    grouped: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        grouped.setdefault(m.sentence, []).append(m)
    return [(s, grouped.get(i, [])) for i, s in enumerate(ctx.extraction.sentences)]


def default_lexicon_files() -> list[Path]:
    return sorted(LEXICON_DIR.glob("*.jsonl"))
