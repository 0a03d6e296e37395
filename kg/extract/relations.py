"""Relation claims from cue patterns (data/patterns/*.jsonl) run over entity-masked sentences.

Each sentence is rewritten with its mentions replaced by placeholders (⟨3⟩ for names, ⟪3⟫ for
possessive pronouns), so a pattern such as "{O} will be owned by {S}" is a plain regex whose
slots accept one placeholder or a coordination of them ("A, B and C").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import PatternError
from ..model import Claim, Entity, Mention, Sentence
from ..resources import PATTERNS_DIR
from .cues import Cues
from .lexicon import read_jsonl
from .types import is_a, is_any

SLOTS = ("S", "O", "C", "G", "P")
_ENT = r"[⟨⟪]\d+[⟩⟫]"
_LOC = r"(?:\s+(?:in|of|from|based in)\s+(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){0,2})?"
_CONJ = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|as well as)\s+)"


def slot_regex() -> str:
    """One placeholder, or a coordination of them ("A, B and C")."""
    member = rf"(?:{_ENT}'s\s+)?{_ENT}{_LOC}"  # "Microsoft's Nuance": the slot is Nuance
    return rf"{member}(?:{_CONJ}{member})*"

_PLACEHOLDER = re.compile(r"[⟨⟪](\d+)[⟩⟫]")
MAX_SENTENCE_CHARS = 3000
CONCRETE = {"Organization": "Company", "Product": "Product"}


@dataclass(frozen=True)
class Pattern:
    id: str
    relation: str
    regex: re.Pattern[str]
    emit: tuple[tuple[str, str, str], ...]
    group: str | None
    confidence: float
    subject_types: tuple[str, ...] | None
    object_types: tuple[str, ...] | None
    continuation: re.Pattern[str] | None


@dataclass(frozen=True)
class PatternSet:
    patterns: tuple[Pattern, ...]
    domains: dict[str, dict]
    triggers: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def candidates(self, text: str) -> list[Pattern]:
        """Patterns of the relations whose trigger words occur in the text."""
        lowered = text.lower()
        hit = {r for r, t in self.triggers.items() if t.search(lowered)}
        return [p for p in self.patterns if p.relation in hit or p.relation not in self.triggers]


def compile_pattern(text: str, macros: dict[str, str], slot: str) -> re.Pattern[str]:
    if text.startswith("{") and text[1:2] in SLOTS:
        # a pattern that opens on a slot can only match where a placeholder starts: saying so
        # first lets the regex engine reject every other position at once
        text = r"(?=[⟨⟪]|the\s+[⟨⟪])" + text
    for name, value in macros.items():
        text = text.replace("{" + name + "}", value)
    for name in SLOTS:
        # {O1}: exactly one name, for patterns where a coordination would be wrong ("A's B and C")
        text = text.replace("{" + name + "1}", f"(?:the\\s+)?(?P<{name}>{_ENT})", 1)
        text = text.replace("{" + name + "}", f"(?:the\\s+)?(?P<{name}>{slot})", 1)
    return re.compile(text, re.IGNORECASE)


@lru_cache(maxsize=4)
def load_patterns(directory: Path = PATTERNS_DIR) -> PatternSet:
    try:
        macros = {k: v for k, v in json.loads((directory / "macros.json").read_text()).items()
                  if not k.startswith("_")}
        domains = {k: v for k, v in json.loads((directory / "relations.json").read_text()).items()
                   if not k.startswith("_")}
    except (OSError, json.JSONDecodeError) as e:
        raise PatternError(f"{directory}: cannot load macros.json / relations.json: {e}") from e
    patterns = []
    for path in sorted(directory.glob("*.jsonl")):
        relation = path.stem
        if relation not in domains:
            raise PatternError(f"{path}: '{relation}' is not a relation in relations.json")
        for number, row in read_jsonl(path):
            patterns.append(_pattern_from_row(row, relation, macros, slot_regex(),
                                              f"{path}:{number}"))
    try:
        triggers = {r: re.compile(d["trigger"].lower()) for r, d in domains.items()
                    if "trigger" in d}  # matched against lower-cased text: faster than re.I
    except re.error as e:
        raise PatternError(f"{directory / 'relations.json'}: bad trigger regex: {e}") from e
    return PatternSet(tuple(patterns), domains, triggers)


def _pattern_from_row(row: dict, relation: str, macros: dict[str, str], slot: str,
                      where: str) -> Pattern:
    if "id" not in row or "pattern" not in row:
        raise PatternError(f"{where}: a pattern needs 'id' and 'pattern'")
    try:
        regex = compile_pattern(row["pattern"], macros, slot)
        continuation = compile_pattern(row["continue"], macros, slot) if "continue" in row else None
    except re.error as e:
        raise PatternError(f"{where}: bad regex in pattern '{row['id']}': {e}") from e
    emit = tuple(tuple(e) for e in row.get("emit", [["S", relation, "O"]]))
    for s, _, o in emit:
        for slot in (s, o):
            if slot != "TOPIC" and f"?P<{slot}>" not in regex.pattern:
                raise PatternError(f"{where}: pattern '{row['id']}' emits slot {slot} it lacks")
    return Pattern(row["id"], relation, regex, emit, row.get("group"),  # type: ignore[arg-type]
                   float(row.get("confidence", 0.7)),
                   tuple(row["subject_types"]) if "subject_types" in row else None,
                   tuple(row["object_types"]) if "object_types" in row else None,
                   continuation)


@dataclass
class Masked:
    text: str
    slots: list[list[Entity]]  # placeholder number -> the entities it stands for
    topic: list[Entity]
    # "ChatGPT maker OpenAI": (relation, head entities, modifier entities) read while masking
    implied: list[tuple[str, list[Entity], list[Entity]]] = field(default_factory=list)


def mask(sentence: Sentence, mentions: list[Mention], cues: Cues) -> Masked:
    """Replace mentions by placeholders; a name that only modifies another ("VA tech provider
    Cerner") is left as plain text so that the slot falls on the head name."""
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        if m.entity.type != "NewsOrganization":
            by_span.setdefault((m.span.start, m.span.end), []).append(m)
    spans = sorted(by_span)
    base = sentence.span.start
    parts: list[str] = []
    slots: list[list[Entity]] = []
    implied: list[tuple[str, list[Entity], list[Entity]]] = []
    cursor = 0
    for i, span in enumerate(spans):
        start, end = span[0] - base, span[1] - base
        if start < cursor:
            continue
        parts.append(sentence.text[cursor:start])
        nxt = spans[i + 1][0] - base if i + 1 < len(spans) else None
        if nxt is not None and _is_modifier(sentence.text[end:nxt], cues):
            parts.append(sentence.text[start:end])
            noun = sentence.text[end:nxt].split()[-1].lower()
            if len(sentence.text[end:nxt].split()) == 1 and noun in cues.descriptor_relations:
                implied.append((cues.descriptor_relations[noun],
                                [m.entity for m in by_span[spans[i + 1]]],
                                [m.entity for m in by_span[span]]))
        else:
            group = by_span[span]
            possessive = group[0].kind == "possessive"
            parts.append(f"⟪{len(slots)}⟫'s" if possessive else f"⟨{len(slots)}⟩")
            if group[0].kind == "reference" and re.match(r"^['’]s\b", sentence.text[end:]):
                parts.append(" is")  # "it's" is a contraction, never a possessive
                end += 2
            slots.append(_unique([m.entity for m in group]))
        cursor = end
    parts.append(sentence.text[cursor:])
    text = "".join(parts).replace("’", "'")
    text = _clause_boundaries(_without_appositions(_without_descriptors(text, cues)))
    lead = re.match(r"^(?:[\w,'-]+\s+){0,4}?[⟨⟪]0[⟩⟫]", text)
    return Masked(text, slots, slots[0] if slots and lead else [], implied)


_NOT_VERBS = ("and|or|in|of|from|for|to|with|on|at|via|through|as|by|alongside|under|over|into|"
              "across|the|a|an|its|their|which|who|that|not|but|nor")
_CLAUSE_AND = re.compile(r"(?<=[a-z] )(?<!'s )([⟨⟪]\d+[⟩⟫](?:'s)?)(,?\s+and\s+)(?=[⟨⟪]\d+[⟩⟫]\s+(?!(?:"
                         + _NOT_VERBS + r")\b)[a-z])")


def _clause_boundaries(text: str) -> str:
    """"owned by A, and B will distribute it": the second name starts a new clause, so a slot
    must not take "A and B" as one coordination. A name after a verb or preposition, joined by
    "and" to a name that is followed by a verb, marks the boundary; lists ("A, B, and C") do not."""
    return _CLAUSE_AND.sub(lambda m: m.group(1) + "; ", text)


_APPOSITION = re.compile(r"(?<=[⟩⟫]), (?:a|an|the) [^,;⟨⟩⟪⟫()]{1,160}?, (?=[a-z])")


def _without_descriptors(text: str, cues: Cues) -> str:
    """"acquisition of cloud and AI firm ⟨Nuance⟩" -> "acquisition of ⟨Nuance⟩": a descriptor
    ending in an organisation noun says what the name is, not another argument."""
    return cues.descriptor_before_name.sub(lambda m: m.group(1) or "", text)


def _without_appositions(text: str) -> str:
    """"Acme Health, a Boston-based startup, raised ...": the apposition describes the name
    before it; dropping it lets "{O} raised" see its subject."""
    return _APPOSITION.sub(" ", text)


def _is_modifier(between: str, cues: Cues) -> bool:
    words = between.split()
    return (0 < len(words) <= 3 and between.startswith(" ") and between.endswith(" ")
            and all(re.fullmatch(r"[a-z][\w-]*", w) for w in words)
            and bool(cues.appositive_nouns.fullmatch(words[-1])))


def _unique(entities: list[Entity]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for e in entities:
        seen.setdefault(e.id, e)
    return list(seen.values())


def extract_relations(sentence: Sentence, masked: Masked, patterns: PatternSet,
                      cues: Cues) -> list[Claim]:
    """Claims stated by one sentence (already masked, see `mask`)."""
    if len(sentence.text) > MAX_SENTENCE_CHARS or len(masked.slots) < 2:
        return []  # every relation needs two names
    claims: list[Claim] = []
    for pattern in patterns.candidates(masked.text):
        for match in pattern.regex.finditer(masked.text):
            claims.extend(_claims_from_match(pattern, match, masked, sentence, patterns, cues))
    for relation, heads, modifiers in masked.implied:
        rule = _DESCRIPTOR[relation]
        claims.extend(_emit(rule, {"S": heads, "O": modifiers}, patterns, sentence, "asserted", "actual"))
    return _deduplicate(claims)


def _claims_from_match(pattern: Pattern, match: re.Match[str], masked: Masked,
                       sentence: Sentence, patterns: PatternSet, cues: Cues) -> list[Claim]:
    slots = {name: _entities(match.group(name), masked)
             for name in SLOTS if name in match.groupdict() and match.group(name)}
    if pattern.group and len(slots.get(pattern.group, [])) < 2:
        return []
    slots["TOPIC"] = masked.topic
    polarity, modality = _polarity_and_modality(match, masked.text, cues)
    out = _emit(pattern, slots, patterns, sentence, polarity, modality)
    out.extend(_contrasted(out, match, masked, cues, patterns))
    if pattern.continuation:
        # "... to Google, which ..., and to OpenAI": the continuation refills one slot
        for extra in pattern.continuation.finditer(masked.text[match.end():]):
            refilled = dict(slots)
            for name, text in extra.groupdict().items():
                if text and name in SLOTS:
                    refilled[name] = _entities(text, masked)
            out.extend(_emit(pattern, refilled, patterns, sentence, polarity, modality))
    return out


def _emit(pattern: Pattern, slots: dict[str, list[Entity]], patterns: PatternSet,
          sentence: Sentence, polarity: str, modality: str) -> list[Claim]:
    out = []
    for s_slot, relation, o_slot in pattern.emit:
        for subject, obj in _pairs(slots.get(s_slot, []), slots.get(o_slot, []), s_slot == o_slot):
            claim = _typed_claim(subject, relation, obj, pattern, patterns, sentence,
                                 polarity, modality)
            if claim:
                out.append(claim)
    return out


_POSSESSOR = re.compile(r"[⟨⟪]\d+[⟩⟫]'s\s+(?=[⟨⟪])")


def _entities(slot_text: str, masked: Masked) -> list[Entity]:
    heads = _POSSESSOR.sub("", slot_text)
    return [e for n in _PLACEHOLDER.findall(heads) for e in masked.slots[int(n)]]


def _pairs(subjects: list[Entity], objects: list[Entity], same: bool) -> list[tuple[Entity, Entity]]:
    if same:
        return [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
    return [(s, o) for s in subjects for o in objects]


def _typed_claim(subject: Entity, relation: str, obj: Entity, pattern: Pattern,
                 patterns: PatternSet, sentence: Sentence, polarity: str,
                 modality: str) -> Claim | None:
    domain = patterns.domains[relation]
    subject = _coerce(subject, pattern.subject_types or tuple(domain["subject"]))
    obj = _coerce(obj, pattern.object_types or tuple(domain["object"]),
                  guess=pattern.object_types is None or "Organization" in pattern.object_types)
    if subject is None or obj is None or subject.id == obj.id:
        return None
    if domain.get("symmetric") and obj.id < subject.id:
        subject, obj = obj, subject
    return Claim(subject, relation, obj, sentence, pattern.id, polarity, modality,
                 pattern.confidence)


def _coerce(entity: Entity, types: tuple[str, ...], guess: bool = True) -> Entity | None:
    """The entity if its type fits; a discovered name of unknown type takes the first type,
    unless the pattern is type-driven (a possessive means owns or develops by the type)."""
    if entity.type == "Unknown":
        return replace(entity, type=CONCRETE.get(types[0], types[0])) if guess else None
    return entity if is_any(entity.type, types) else None


def _polarity_and_modality(match: re.Match[str], text: str, cues: Cues) -> tuple[str, str]:
    spoken = _without_slots(match)
    before = text[max(0, match.start() - 60):match.start()]
    clause = re.split(r"[;.]", before)[-1]
    denied = cues.negation.search(spoken) or cues.negating_frames.search(clause)
    polarity = "denied" if denied else "asserted"
    if cues.planned.search(spoken) or cues.planned.search(before.split(",")[-1]):
        modality = "planned"
    elif cues.reported.search(spoken) or cues.reported.search(before):
        modality = "reported"
    else:
        modality = "actual"
    return polarity, modality


def _without_slots(match: re.Match[str]) -> str:
    text, start = match.group(), match.start()
    for name in reversed(SLOTS):
        if name in match.groupdict() and match.group(name):
            s, e = match.span(name)
            text = text[:s - start] + " " + text[e - start:]
    return text


def _contrasted(claims: list[Claim], match: re.Match[str], masked: Masked, cues: Cues,
                patterns: PatternSet) -> list[Claim]:
    """"owned by A, not B" / "A owns it outright, not B": B gets the same claim, denied."""
    rest = masked.text[match.end():]
    m = re.match(r"^(.{0,30}?)(" + _ENT + ")", rest)
    if not m or not cues.contrast.match(m.group(1)):
        return []
    denied = []
    for other in _entities(m.group(2), masked):
        for claim in claims:
            if is_a(other.type, _root_of(claim.subject.type)) and other.id != claim.object.id:
                denied.append(replace(claim, subject=other, polarity="denied"))
            elif is_a(other.type, _root_of(claim.object.type)) and other.id != claim.subject.id:
                denied.append(replace(claim, object=other, polarity="denied"))
    return denied


def _root_of(type_: str) -> str:
    from .types import root
    return root(type_)


def _deduplicate(claims: list[Claim]) -> list[Claim]:
    """One claim per (subject, predicate, object): a denial in the sentence beats an assertion."""
    best: dict[tuple[str, str, str], Claim] = {}
    for c in claims:
        key = (c.subject.id, c.predicate, c.object.id)
        old = best.get(key)
        if old is None or (c.polarity == "denied", c.confidence) > (old.polarity == "denied",
                                                                     old.confidence):
            best[key] = c
    return list(best.values())


def extract_rivals_list(before: Masked, sentence: Sentence, after: Masked,
                        patterns: PatternSet, cues: Cues) -> list[Claim]:
    """"... faces other cloud competitors. Google Cloud and AWS have each ...": a sentence that
    ends on a word for rivals, followed by one that opens with names, lists the rivals of the
    earlier sentence's topic."""
    if not before.topic or not after.slots \
            or not re.search(cues.rival_nouns.pattern + r"\W*$", before.text, re.I):
        return []
    opening = re.match(r"^(?:[⟨⟪]\d+[⟩⟫]'s\s+)?(" + slot_regex() + r")\s+(?!'s)", after.text)
    if not opening:
        return []
    claims = []
    for rival in _entities(opening.group(1), after):
        for topic in before.topic:
            claim = _typed_claim(topic, "competesWith", rival, _RIVALS, patterns, sentence,
                                 "asserted", "actual")
            if claim:
                claims.append(claim)
    return claims


_DESCRIPTOR = {relation: Pattern(f"{relation}.descriptor", relation, re.compile(""),
                                 (("S", relation, "O"),), None, 0.75, None, None, None)
               for relation in ("develops", "owns")}
_RIVALS = Pattern("competesWith.rivals-next-sentence", "competesWith", re.compile(""),
                  (("S", "competesWith", "O"),), None, 0.6, None, None, None)
