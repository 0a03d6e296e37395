"""Typed values passed between pipeline stages: Document -> mentions -> claims and figures."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into Document.text, end exclusive."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")


@dataclass(frozen=True, slots=True)
class Document:
    """One source article: its text, where it came from, and its header metadata."""

    id: str  # the file stem; it names the source's graph
    path: str
    text: str
    sha256: str
    title: str
    publisher: str | None = None
    published: str | None = None  # ISO date, year-month or year
    url: str | None = None
    media_type: str = "text/plain"
    body_start: int = 0  # where the article body starts (after a header block)
    body_end: int | None = None  # where boilerplate (related stories...) begins


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical thing in the graph: its id becomes the IRI."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    discovered: bool = False
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names or refers to an entity."""

    span: Span
    text: str
    entity: Entity
    kind: str = "name"  # name | discovered | reference
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class Claim:
    """subject -predicate-> object, as stated (or denied) by one sentence."""

    subject: Entity
    predicate: str
    object: Entity
    sentence: Sentence
    rule: str
    polarity: str = "asserted"  # asserted | denied
    modality: str = "actual"  # actual | planned | reported
    confidence: float = 0.8


@dataclass(frozen=True, slots=True)
class Figure:
    """A number bound to the entity it describes."""

    value: float
    unit: str
    metric: str
    about: Entity
    sentence: Sentence
    span: Span
    rule: str
    qualifier: str | None = None  # approximately | atLeast | atMost | range
    max_value: float | None = None
    is_money: bool = False
    confidence: float = 0.7


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the pipeline found in one document."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def entities(self) -> tuple[Entity, ...]:
        seen: dict[str, Entity] = {}
        for m in self.mentions:
            seen.setdefault(m.entity.id, m.entity)
        for c in self.claims:
            seen.setdefault(c.subject.id, c.subject)
            seen.setdefault(c.object.id, c.object)
        for f in self.figures:
            seen.setdefault(f.about.id, f.about)
        return tuple(seen[k] for k in sorted(seen))
