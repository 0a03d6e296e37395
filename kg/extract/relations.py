"""Relation claims: cue patterns (see patterns.py) run over masked sentences (see masking.py)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Claim, Entity, Sentence
from .cues import BARE_APPOSITION_HEAD, Cues
from .masking import Masked
from .patterns import CONTEXT_SLOTS, SLOTS, Pattern, PatternSet, slot_regex
from .prefilter import may_match
from .types import is_a, is_any, root

_ENT = r"[⟨⟪]\d+[⟩⟫]"
_PLACEHOLDER = re.compile(r"[⟨⟪](\d+)[⟩⟫]")
MAX_SENTENCE_CHARS = 3000
CONCRETE = {"Organization": "Company", "Product": "Product"}


def extract_relations(sentence: Sentence, masked: Masked, patterns: PatternSet,
                      cues: Cues, owners: dict[str, Entity] | None = None) -> list[Claim]:
    """Claims stated by one sentence (already masked, see `mask`). `owners` maps a platform's id
    to the organization that owns it ("Google Cloud's MedLM": Google owns MedLM)."""
    if len(sentence.text) > MAX_SENTENCE_CHARS or not masked.slots or asks(sentence):
        return []
    # every relation needs two names ("the two companies" stands for two); with one name, only
    # the patterns whose other party comes from an earlier sentence ("Other customers include X")
    single = sum(len(slot) for slot in masked.slots) < 2
    if single and not (masked.previous_topic or masked.funded or masked.deployed or masked.implied):
        return []
    claims: list[Claim] = []
    for text in masked.texts:
        for pattern in patterns.candidates(text):
            if single and not any(s in _EARLIER or o in _EARLIER for s, _, o in pattern.emit):
                continue
            for match in pattern.regex.finditer(text):
                claims.extend(_claims_from_match(pattern, match, text, masked, sentence,
                                                 patterns, cues, owners or {}))
    for relation, heads, modifiers in masked.implied:
        rule = _DESCRIPTOR[relation]
        claims.extend(_emit(rule, {"S": heads, "O": modifiers}, patterns, sentence, "asserted", "actual",
                            owners or {}))
    return _deduplicate(claims)


# a question ("Does X own Y?", an explainer's heading) states nothing, whichever way it is answered
_QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")


def asks(sentence: Sentence) -> bool:
    return bool(_QUESTION.search(sentence.text))


_EARLIER = tuple(s for s in CONTEXT_SLOTS if s != "TOPIC")  # slots an earlier sentence fills
# the last member of a list of a preposition's objects ("the maker of A and B")
_PLACEHOLDER_OWNER = r"[⟨⟪]\d+[⟩⟫](?:'s)?"
_LAST_OF_PREPOSITION_LIST = re.compile(
    rf"\b(?:of|in|at|to|into|with|by|from|for|including|like|as)\s+(?:the\s+)?{_PLACEHOLDER_OWNER}"
    rf"(?:\s*,\s*(?:the\s+)?{_PLACEHOLDER_OWNER})*,?\s+(?:and|or|&)\s+(?:the\s+)?$")
# a name after a preposition in an apposition (", a supplier to A and B,", ", maker of A,")
_IN_APPOSITION = re.compile(r",\s(?:(?:a|an|the)\s[^,;⟨⟩⟪⟫]{0,60}?\b(?:of|in|at|to|with|by|from|for)"
                            rf"|(?!(?:and|or|but|which|who|that)\b)(?:[a-z][\w-]*\s){{0,2}}?{BARE_APPOSITION_HEAD}"
                            r"\s(?:of|to|for))\s+(?:the\s+)?$")


def _after_preposition(text: str, start: int) -> bool:
    """Whether a subject that opens a match is a preposition's object inside an apposition or the
    last of a preposition's objects: no clause subject either way."""
    before = max(0, start - 80)
    return bool(_LAST_OF_PREPOSITION_LIST.search(text, before, start)
                or _IN_APPOSITION.search(text, before, start))


# a name that is the object of a relative clause's verb ("that houses X")
_INSIDE_RELATIVE = re.compile(r"\b(?:that|which|who)\s+(?!(?:is|are|was|were)\b)[a-z]+s\s+(?:the\s+)?$")


# a name inside a "whose" clause ("X, whose backers include A, competes with B"): no subject outside it
_INSIDE_WHOSE = re.compile(r",\s+whose\s+[^,;⟨⟩⟪⟫]*\b(?:include|includes|included|are|were)\s+"
                           r"(?:[⟨⟪]\d+[⟩⟫]'s\s+)?$")


# a relative clause whose verb is singular: it is about the last name of a list before it
_RELATIVE_AFTER = re.compile(r",?\s+(?:which|who)\s+(?:[a-z]+ly\s+|also\s+|now\s+|still\s+)?"
                             r"(?:is|was|has|does|[a-z]+[^s\W]s)\b")


# an apposition headed by a singular noun ("the brand", "a unit"): it describes one name
_SINGULAR_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?!\w*ss\b)[a-z][\w-]*[^s\W]\s"
                                  r"(?:(?:that|which|who)\s)?[a-z]+ed\b")


def _claims_from_match(pattern: Pattern, match: re.Match[str], text: str, masked: Masked,
                       sentence: Sentence, patterns: PatternSet, cues: Cues,
                       owners: dict[str, Entity]) -> list[Claim]:
    # the slots this match filled, read once (groupdict() builds a new dict on every call)
    filled = _filled_slots(match)
    if "S" in filled and _INSIDE_RELATIVE.search(text, max(0, match.start("S") - 40), match.start("S")):
        return []  # "X, the unit that houses VillageMD, also holds ...": VillageMD holds nothing
    whose = _INSIDE_WHOSE.search(text, max(0, match.start("S") - 80), match.start("S")) \
        if "S" in filled else None
    if whose and match.start() > whose.start():
        return []  # "X, whose backers include A, competes with B": A competes with nobody
    opening = min(filled, key=match.start, default=None)
    if opening in ("S", "O") and match.start(opening) - match.start() <= 4 \
            and _after_preposition(text, match.start(opening)):
        return []  # "X, the maker of A and B, agreed to buy C" or "X, maker of A, was bought by C"
    slots = {name: _entities(match.group(name), masked) for name in filled}
    relative = _RELATIVE_AFTER.match(text, match.end("S")) if "S" in filled and len(slots["S"]) > 1 else None
    if relative and relative.end() <= match.end():
        slots["S"] = slots["S"][-1:]  # "Walmart, Costco and Amazon, which owns Whole Foods": Amazon
    described = _SINGULAR_APPOSITION.match(text, match.end("O")) \
        if "O" in filled and len(slots["O"]) > 1 else None
    if described and described.end() <= match.end():
        slots["O"] = slots["O"][-1:]  # "A and B, the brand owned by C": B, the one brand
    if pattern.relation in _PART_NOT_WHOLE and "O" in filled:
        if pattern.relation == "acquired":
            slots["O"] = _without_possessor(slots["O"], match.group("O"), text, match.end("O"), match.end(),
                                            masked)
        slots["O"] = _without_parts(slots["O"], match.start("O"), match.group("O"), text, masked, cues,
                                    goods=pattern.relation == "acquired")
    if pattern.group and len(slots.get(pattern.group, [])) < 2:
        return []
    slots["TOPIC"] = masked.topic
    slots["PREVTOPIC"] = masked.previous_topic
    slots["FUNDED"] = masked.funded or masked.previous_topic
    slots["DEPLOYED"] = masked.deployed or masked.previous_topic
    polarity, modality = _polarity_and_modality(pattern, match, filled, text, cues)
    out = _emit(pattern, slots, patterns, sentence, polarity, modality, owners)
    ends = {name: match.end(name) for name in filled}
    nearest = slots.get(max(ends, key=ends.get), []) if ends else []
    out.extend(_contrasted(out, match, text, masked, cues, {e.id for e in nearest}, patterns))
    if pattern.continuation:
        # "... to Google, which ..., and to OpenAI": the continuation refills one slot
        rest = text[match.end():]
        last = 0  # "bought A in 2022, B in 2023 and C last year": each member follows the last
        for extra in pattern.continuation.finditer(rest):
            if not _CONTINUATION_GAP.match(rest[last:extra.start()]):
                break  # "competes with A in X, says ..., and B are": another clause's names
            last = extra.end()
            refilled = dict(slots)
            for name, value in extra.groupdict().items():
                if value and name in SLOTS:
                    refilled[name] = _entities(value, masked)
            if pattern.relation == "acquired" and extra.groupdict().get("O"):
                refilled["O"] = _without_possessor(refilled["O"], extra.group("O"), rest, extra.end("O"),
                                                   extra.end(), masked)
            if pattern.relation == "owns" and extra.groupdict().get("O"):
                # "Apple's App Store and Google Play": a name the lexicon gives another owner is not
                # the possessor's too
                possessors = {e.id for e in refilled.get("S", [])}
                refilled["O"] = [e for e in refilled["O"]
                                 if e.id not in owners or owners[e.id].id in possessors]
            out.extend(_emit(pattern, refilled, patterns, sentence, polarity, modality, owners))
    return out


# "bought HSBC's credit card portfolio", "owns Nestlé's U.S. ice cream business": a relation to a
# possession of a name (a unit, a stake, some assets) is none to the name
_PART_NOT_WHOLE = ("acquired", "owns", "investsIn")


def _without_possessor(entities: list[Entity], slot_text: str, text: str, slot_end: int, match_end: int,
                       masked: Masked) -> list[Entity]:
    """The slot's entities less its last name when the match ends on that name and the text goes
    on with its possessive "'s" (a pattern that spells out "{O1}'s" itself ends later)."""
    if slot_end != match_end or not text.startswith(("'s ", "’s "), slot_end):
        return entities
    last = _PLACEHOLDER.findall(slot_text)[-1:]
    possessor = {e.id for n in last for e in masked.slots[int(n)]}
    return [e for e in entities if e.id not in possessor]


def _without_parts(entities: list[Entity], slot_start: int, slot_text: str, text: str, masked: Masked,
                   cues: Cues, goods: bool) -> list[Entity]:
    """Less each name that a part of it follows ("sold its 9.5% stake to Hulu", "owns Nestlé's U.S.
    ice cream business") or, for a deal (`goods`), its products ("Apple buys Qualcomm modems").
    Outside deals, a name's shares are the name: "hold 21% of Oak Street Health's shares"."""
    parts = {e.id for m in _PLACEHOLDER.finditer(slot_text)
             if (goods or text.startswith(("'s", "’s"), slot_start + m.end())
                 and not cues.shares_after_name.match(text, slot_start + m.end()))
             and cues.part_after_name.match(text, slot_start + m.end())
             for e in masked.slots[int(m.group(1))]}
    return [e for e in entities if e.id not in parts] if parts else entities


# what may stand between a match and its continuation: a few words, or a relative clause or an
# apposition ("A and B, both of which have ..., as well as C")
_CONTINUATION_GAP = re.compile(r"^(?:[^,;]{0,40}|[^,;]{0,40},\s(?:which|who|that|whose|both|all|each|"
                               r"most|many|some|a|an|the|[⟨⟪]\d+[⟩⟫]'s)\b[^;]*)$")


def _filled_slots(match: re.Match[str]) -> list[str]:
    """The slot names (in SLOTS order) that the match has and filled with some text."""
    groups = match.groupdict()
    return [name for name in SLOTS if groups.get(name)]


def _emit(pattern: Pattern, slots: dict[str, list[Entity]], patterns: PatternSet,
          sentence: Sentence, polarity: str, modality: str,
          owners: dict[str, Entity] | None = None) -> list[Claim]:
    out = []
    for s_slot, relation, o_slot in pattern.emit:
        for subject, obj in _pairs(slots.get(s_slot, []), slots.get(o_slot, []), s_slot == o_slot):
            claim = _typed_claim(subject, relation, obj, pattern, patterns, sentence,
                                 polarity, modality, owners)
            if claim:
                out.append(claim)
    return out


# "A's new B": B; but "A's catheters and B" lists A (for its catheters) and B
_POSSESSOR = re.compile(r"[⟨⟪]\d+[⟩⟫]'s\s+(?:(?!(?:and|or)\s)[a-z][\w-]*\s+){0,2}(?=[⟨⟪])")


def _entities(slot_text: str, masked: Masked) -> list[Entity]:
    heads = _POSSESSOR.sub("", slot_text)
    return [e for n in _PLACEHOLDER.findall(heads) for e in masked.slots[int(n)]]


def _pairs(subjects: list[Entity], objects: list[Entity], same: bool) -> list[tuple[Entity, Entity]]:
    if same:
        return [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
    return [(s, o) for s in subjects for o in objects]


def _typed_claim(subject: Entity, relation: str, obj: Entity, pattern: Pattern,
                 patterns: PatternSet, sentence: Sentence, polarity: str,
                 modality: str, owners: dict[str, Entity] | None = None) -> Claim | None:
    domain = patterns.domains[relation]
    subject_types = pattern.subject_types or tuple(domain["subject"])
    if owners and relation in _OWNED_BY_PARENT and subject.id in owners \
            and not is_any(subject.type, subject_types) and is_a(subject.type, "Platform"):
        subject = owners[subject.id]  # "the AWS service", "Google Cloud's MedLM": the platform's owner
    subject = _coerce(subject, subject_types)
    obj = _coerce(obj, pattern.object_types or tuple(domain["object"]),
                  guess=pattern.object_types is None or "Organization" in pattern.object_types
                  or "Unknown" in pattern.object_types)
    if subject is None or obj is None or subject.id == obj.id:
        return None
    return _ordered(Claim(subject, relation, obj, sentence, pattern.id, polarity, modality,
                          pattern.confidence), patterns)


def _coerce(entity: Entity, types: tuple[str, ...], guess: bool = True) -> Entity | None:
    """The entity if its type fits; a discovered name of unknown type takes the first type,
    unless the pattern is type-driven (a possessive means owns or develops by the type)."""
    if entity.type == "Unknown":
        return replace(entity, type=CONCRETE.get(types[0], types[0])) if guess else None
    return entity if is_any(entity.type, types) else None


_OWNED_BY_PARENT = ("owns",)
_CLAUSE_END = re.compile(r"[;.]")


def _polarity_and_modality(pattern: Pattern, match: re.Match[str], filled: list[str], text: str,
                           cues: Cues) -> tuple[str, str]:
    spoken = _without_slots(match, filled)
    before = text[max(0, match.start() - 60):match.start()]
    clause = _CLAUSE_END.split(before)[-1]
    denied = cues.negation.search(spoken) or cues.negating_frames.search(clause) \
        or _failed_attempt(match, spoken, clause, text, cues) \
        or (pattern.relation in _ATTEMPTED and _abandoned_later(match, text, cues))
    polarity = "denied" if denied else "asserted"
    if cues.planned.search(spoken) or cues.planned.search(before.split(",")[-1]):
        modality = "planned"
    elif cues.reported.search(spoken) or cues.reported.search(before):
        modality = "reported"
    else:
        modality = pattern.modality or "actual"  # an offer is planned whatever its tense
    return polarity, modality


_ATTEMPTED = ("acquired", "investsIn")  # what "the deal" a later clause abandons can be


def _abandoned_later(match: re.Match[str], text: str, cues: Cues) -> bool:
    """"X agreed to buy Y ..., but abandoned the deal": a later clause of the sentence undoes it."""
    return bool(cues.abandoned_after.match(_CLAUSE_END.split(text[match.end():match.end() + 200])[0]))


def _failed_attempt(match: re.Match[str], spoken: str, clause: str, text: str, cues: Cues) -> bool:
    """A deal that was tried and did not happen: "X's attempt to buy Y collapsed", "X's deal to
    buy Y was blocked by a judge", "after its failed bid for Y"."""
    if cues.failed_attempt.search(clause + spoken):
        return True
    if cues.attempt_nouns.search(spoken) and cues.failed_before.search(text, max(0, match.start() - 60),
                                                                        match.start()):
        return True
    after = _CLAUSE_END.split(text[match.end():match.end() + 100])[0]
    return bool(cues.attempt_nouns.search(spoken) and cues.failed_outcomes.search(after))


def _without_slots(match: re.Match[str], filled: list[str]) -> str:
    """The matched text with each filled slot (see `_filled_slots`) cut to a space."""
    text, start = match.group(), match.start()
    for name in reversed(filled):
        s, e = match.span(name)
        text = text[:s - start] + " " + text[e - start:]
    return text


_CONTRAST_NEXT = re.compile(r"^(.{0,30}?)(" + _ENT + ")")


def _contrasted(claims: list[Claim], match: re.Match[str], text: str, masked: Masked,
                cues: Cues, nearest: set[str], patterns: PatternSet) -> list[Claim]:
    """"owned by A, not B" / "partnered with A instead of B": B takes the place of the name the
    contrast follows (A), and the claim is denied."""
    rest = text[match.end():]
    m = _CONTRAST_NEXT.match(rest)
    if not m or not cues.contrast.match(m.group(1)):
        return []
    denied = []
    for other in _entities(m.group(2), masked):
        for claim in claims:
            # an asymmetric claim contrasts its agent ("A owns the model, not B"); a symmetric
            # one the name the contrast follows ("partnered with A instead of B")
            symmetric = _symmetric(claim.predicate, patterns)
            subject_first = claim.subject.id in nearest if symmetric else True
            if subject_first and is_a(other.type, root(claim.subject.type)) \
                    and other.id != claim.object.id:
                denied.append(replace(claim, subject=other, polarity="denied"))
            elif claim.object.id in nearest and is_a(other.type, root(claim.object.type)):
                denied.append(replace(claim, object=other, polarity="denied"))
    return [_ordered(c, patterns) for c in denied if c.subject.id != c.object.id]


def _symmetric(relation: str, patterns: PatternSet) -> bool:
    return bool(patterns.domains[relation].get("symmetric"))


def _ordered(claim: Claim, patterns: PatternSet) -> Claim:
    """A symmetric claim is stored one way round (subject id first), whoever the text names first."""
    if _symmetric(claim.predicate, patterns) and claim.object.id < claim.subject.id:
        return replace(claim, subject=claim.object, object=claim.subject)
    return claim


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
    ending = _ending_on(cues.rival_nouns.pattern)
    # may_match first: a search for the rival words as substrings costs a fraction of the regex
    if not before.topic or not after.slots or not may_match(ending, before.text) \
            or not ending.search(before.text):
        return []
    subjects = _LISTED_SUBJECTS.finditer(after.text)
    rivals = [e for m in subjects for e in _entities(m.group(1), after)]
    claims = []
    for rival in rivals:
        for topic in before.topic:
            claim = _typed_claim(topic, "competesWith", rival, _RIVALS, patterns, sentence,
                                 "asserted", "actual")
            if claim:
                claims.append(claim)
    return claims


@lru_cache(maxsize=8)
def _ending_on(words: str) -> re.Pattern[str]:
    """The words as the last of a text (compiled once per cue list, not per sentence)."""
    return re.compile(words + r"\W*$", re.IGNORECASE)


_LISTED_SUBJECTS = re.compile(r"(?:^|; |, and )(?:[⟨⟪]\d+[⟩⟫]'s\s+)?(" + slot_regex() + r")\s+(?!'s)")
_DESCRIPTOR = {relation: Pattern(f"{relation}.descriptor", relation, re.compile(""),
                                 (("S", relation, "O"),), None, 0.75, None, None, None)
               for relation in ("develops", "owns", "investsIn")}
_RIVALS = Pattern("competesWith.rivals-next-sentence", "competesWith", re.compile(""),
                  (("S", "competesWith", "O"),), None, 0.6, None, None, None)
