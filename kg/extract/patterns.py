"""Relation cue patterns: data/patterns/*.jsonl compiled into regexes over masked sentences.

Patterns are written with slots ({S} subject, {O} object, {C} channel, {G} a group of parties,
{P} a partner; {S1}/{O1} take exactly one name) and macros from data/patterns/macros.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import PatternError
from ..resources import PATTERNS_DIR
from .cues import PREPOSITIONS, Cues, alternatives, load_cues
from .lexicon import read_jsonl
from .prefilter import Clauses, LiteralIndex, fold, required_literals, sre, sre_parse
from .regex_cache import BadRegex, compile_all

SLOTS = ("S", "O", "C", "G", "P")
# slots filled from the sentence's context rather than its text: its own topic, the last
# sentence's, the company whose round is described, the product whose customers are listed
CONTEXT_SLOTS = ("TOPIC", "PREVTOPIC", "FUNDED", "DEPLOYED")
_ENT = r"[⟨⟪]\d+[⟩⟫]"
_LOC = r"(?:\s+(?:in|of|from|based in)\s+(?:the\s+)?(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){0,2})?"
_COMMA = r"\s*,\s*(?:the\s+)?"
_DESCRIBED = (r"\s*,\s*(?:the|a|an)\s+(?:(?!(?:of|for|with|behind|that|which|who|whose|in|on|at|by|from|"
              r"to|and|or|its|their|as|is|was|are|were)\s)(?-i:[a-z][\w-]*)\s+){1,3}")
# "A, B and, increasingly, C": an adverb set off by commas after the conjunction
_AND = (r"(?:\s*,\s*(?:and|or)|\s+(?:and|or|&|as well as))"
        r"(?:,\s+(?:[a-z]+ly|more recently|most recently|now|later|soon|eventually),)?\s+(?:the\s+)?")


def slot_regex(product_nouns: str = "", facility_nouns: str = "") -> str:
    """One placeholder, or a coordination of them ("A, B and C"). With `product_nouns` (a regex of
    nouns for kinds of product), a member may end on one: "A's coronary catheters and B's C pumps"
    is a list of two, "A's C thermal solver competes" has the subject C. A name before one of the
    `facility_nouns` is no member: "takes over the Catalent site" is about a site, not Catalent."""
    # "Microsoft's Nuance": the slot is Nuance, not the possessor; "its" alone is never a slot
    facility = rf"(?!\s+(?:{facility_nouns})\b)" if facility_nouns else ""
    # ("its stake in B" is no B: a preposition ends the possessed phrase)
    member = (rf"(?:{_ENT}'s\s+(?:(?!(?:{PREPOSITIONS})\s)[a-z][\w-]*\s+){{0,2}})?"
              rf"{_ENT}{facility}(?!'s\s+[⟨⟪])(?:(?<=⟩)|(?!'s))"
              rf"{_LOC}")
    if product_nouns:
        member += rf"(?:(?:(?<=⟩)'s)?\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{product_nouns})\b)?"
    # "A, the shipping group B, C and D": a member may follow a description, if the list goes on
    # after it ("X, the startup B acquired" is no list)
    listed = rf"(?:{_COMMA}{member}|{_DESCRIBED}{member}(?=\s*,|\s+(?:and|or|as well as)\s))"
    # commas alone join no names: "A, B and C" is a list, "by A and B, C builds" is not; but a
    # dash closes a list set off by dashes ("the big grocers - A, B, C - and kiosks")
    return (rf"{member}(?:{listed}*{_AND}{member}"
            rf"|{listed}+(?=,?\s+(?:and|or|as well as)\s|\s+[-–—]\s))?")  # "A, B and a long tail"

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
    cue: re.Pattern[str] | None = None  # words the sentence must contain for the pattern to match
    requires: Clauses = ()  # literals no match can lack (see prefilter.py)
    # the least a match states: "planned" for an offer, which is no completed deal whatever its tense
    modality: str | None = None


@dataclass(frozen=True)
class Trigger:
    """A relation's trigger regex, an alternation of words a sentence must hold for the relation
    to be looked for. Its plain-text alternatives are tested as substrings and only the others as
    a regex: the same answer as searching for the whole alternation, at a fraction of the cost."""

    words: tuple[str, ...]
    rest: re.Pattern[str] | None

    @classmethod
    def of(cls, source: str) -> Trigger:
        re.compile(source)  # a bad trigger fails here, whole
        pieces = _top_level_alternatives(source)
        words = tuple(w for w in map(_plain_text, pieces) if w is not None)
        rest = [p for p in pieces if _plain_text(p) is None]
        return cls(words, re.compile("|".join(rest)) if rest else None)

    def found_in(self, text: str) -> bool:
        for word in self.words:  # a plain loop: any() over a generator costs more than the tests
            if word in text:
                return True
        return self.rest is not None and self.rest.search(text) is not None


def _top_level_alternatives(source: str) -> list[str]:
    """"a|(?:b|c)|[|]" -> ["a", "(?:b|c)", "[|]"]: the source split on its outermost bars."""
    pieces, start, depth, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1  # the escaped character is never a bar, bracket or parenthesis
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if source[i + 1:i + 2] == "^" else 0
            i += 1 if source[i + 1:i + 2] == "]" else 0  # "[]...]" and "[^]...]": "]" is a member
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            pieces.append(source[start:i])
            start = i + 1
        i += 1
    return [*pieces, source[start:]]


def _plain_text(piece: str) -> str | None:
    """The text a regex matches if it is nothing but literal characters ("part of"), else None."""
    if not piece or sre_parse is None:
        return None
    try:
        items = list(sre_parse.parse(piece))
    except re.error:
        return None
    if not all(op is sre.LITERAL for op, _ in items):
        return None
    return "".join(chr(code) for _, code in items)


@dataclass(frozen=True)
class PatternSet:
    patterns: tuple[Pattern, ...]
    domains: dict[str, dict]
    triggers: dict[str, Trigger] = field(default_factory=dict)
    # the literals each pattern cannot match without: most patterns are ruled out by a lookup
    literals: LiteralIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "literals", LiteralIndex([p.requires for p in self.patterns]))

    def candidates(self, text: str) -> list[Pattern]:
        """Patterns that may match the text: those whose required literals occur in it, of the
        relations whose trigger words occur in it."""
        lowered = text.lower()
        triggered: dict[str, bool] = {}
        out = []
        for i in self.literals.matching(fold(text)):
            p = self.patterns[i]
            if p.relation not in triggered:
                trigger = self.triggers.get(p.relation)
                triggered[p.relation] = trigger is None or trigger.found_in(lowered)
            if triggered[p.relation] and (p.cue is None or p.cue.search(lowered)):
                out.append(p)
        return out


_PREPOSITIONS = ("of", "in", "at", "with", "by", "from", "for")
_NOT_AFTER = ("(?:" + "".join(rf"(?<!\b{p} )(?<!\b{p} the )" for p in _PREPOSITIONS)
              # "invested in Recursion, the biotech that trains ...": unless a relative clause follows
              + r"|(?=[⟨⟪]\d+[⟩⟫](?:(?:,? and |, )[⟨⟪]\d+[⟩⟫])*,? (?:(?:a|an|the) [^,;⟨⟩⟪⟫]{0,60}?)?"
              r"(?:which|who|that|whose)\b"
              # or an apposition that says what the name is: "in Anthropic, the startup behind ...",
              # "in Anthropic, the OpenAI rival"
              r"|[⟨⟪]\d+[⟩⟫], (?:a|an|the) (?:[\w-]+ |[⟨⟪]\d+[⟩⟫] ){0,5}?"
              r"(?:maker|developer|creator|startup|company|firm|unit|subsidiary|rival|competitor|owner|parent|provider)\b))")


def pattern_source(text: str, macros: dict[str, str], slot: str) -> str:
    text = re.sub(r"\{([SOCGP])\}'s", r"{\g<1>1}'s", text)  # a possessor is one name
    text = re.sub(r"(?<![\w⟪])its(?!\w)", lambda _: r"(?:its|⟪\d+⟫'s)", text)  # masked "its"
    if text.startswith("{") and text[1:2] in SLOTS:
        # a pattern that opens on a slot can only match where a placeholder starts (saying so
        # first lets the regex engine reject every other position at once, before it tries the
        # guard's fourteen look-behinds), and a name after a preposition ("a member of the Roche
        # Group, signed ...") is no clause subject
        guard = _NOT_AFTER if text[1:2] in "SG" and not text.startswith(("{S1}'s", "{S}'s")) else ""
        text = r"(?=[⟨⟪]|the\s+[⟨⟪])" + guard + text
    for name, value in macros.items():
        text = text.replace("{" + name + "}", value)
    for name in SLOTS:
        # {O1}: exactly one name, for patterns where a coordination would be wrong ("A's B and C")
        text = text.replace("{" + name + "1}", f"(?:the\\s+)?(?P<{name}>{_ENT})", 1)
        text = text.replace("{" + name + "}", f"(?:the\\s+)?(?P<{name}>{slot})", 1)
    return text


_ANY_TEXT = "(?s:.*)"


def literals_required(text: str, macros: dict[str, str]) -> Clauses:
    """What any match of the pattern must contain. Read off the pattern with every macro and
    slot widened to match anything: that regex matches wherever the real one does, and it is
    short, so parsing it costs little next to the macro-expanded one."""
    return required_literals(pattern_source(text, dict.fromkeys(macros, _ANY_TEXT), _ANY_TEXT),
                             re.IGNORECASE)


@lru_cache(maxsize=4)
def load_patterns(directory: Path = PATTERNS_DIR) -> PatternSet:
    try:
        macros = {k: v for k, v in json.loads((directory / "macros.json").read_text()).items()
                  if not k.startswith("_")}
        domains = {k: v for k, v in json.loads((directory / "relations.json").read_text()).items()
                   if not k.startswith("_")}
    except (OSError, json.JSONDecodeError) as e:
        raise PatternError(f"{directory}: cannot load macros.json / relations.json: {e}") from e
    rows = []
    for path in sorted(directory.glob("*.jsonl")):
        if path.stem not in domains:
            raise PatternError(f"{path}: '{path.stem}' is not a relation in relations.json")
        for number, row in read_jsonl(path):
            if "id" not in row or "pattern" not in row:
                raise PatternError(f"{path}:{number}: a pattern needs 'id' and 'pattern'")
            rows.append((row, path.stem, f"{path}:{number}"))
    regexes = _compile_rows(rows, macros, _slot(load_cues()))
    patterns = [_pattern_from_row(row, relation, macros, regex, continuation, where)
                for (row, relation, where), (regex, continuation) in zip(rows, regexes, strict=True)]
    try:
        triggers = {r: Trigger.of(d["trigger"].lower()) for r, d in domains.items()
                    if "trigger" in d}  # matched against lower-cased text: faster than re.I
    except re.error as e:
        raise PatternError(f"{directory / 'relations.json'}: bad trigger regex: {e}") from e
    return PatternSet(tuple(patterns), domains, triggers)


def _slot(cues: Cues) -> str:
    return slot_regex(alternatives(cues.product_nouns), alternatives(cues.facility_nouns))


def _compile_rows(rows: list[tuple[dict, str, str]], macros: dict[str, str],
                  slot: str) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """Each row's pattern and continuation, compiled together through the on-disk cache."""
    texts = [(row["pattern"], row.get("continue")) for row, _, _ in rows]
    sources = [pattern_source(t, macros, slot) for pair in texts for t in pair if t is not None]
    try:
        compiled = iter(compile_all(sources, re.IGNORECASE, name="cue-patterns"))
    except BadRegex as e:
        owners = [i for i, pair in enumerate(texts) for t in pair if t is not None]
        row, _, where = rows[owners[e.index]]
        raise PatternError(f"{where}: bad regex in pattern '{row['id']}': {e.error}") from e
    return [(next(compiled), next(compiled) if cont is not None else None) for _, cont in texts]


def _pattern_from_row(row: dict, relation: str, macros: dict[str, str], regex: re.Pattern[str],
                      continuation: re.Pattern[str] | None, where: str) -> Pattern:
    emit = tuple(tuple(e) for e in row.get("emit", [["S", relation, "O"]]))
    for s, _, o in emit:
        for slot in (s, o):
            if slot not in CONTEXT_SLOTS and f"?P<{slot}>" not in regex.pattern:
                raise PatternError(f"{where}: pattern '{row['id']}' emits slot {slot} it lacks")
    if row.get("modality") not in (None, "planned", "reported"):
        raise PatternError(f"{where}: pattern '{row['id']}' has modality {row['modality']!r}, "
                           "not 'planned' or 'reported'")
    return Pattern(row["id"], relation, regex, emit, row.get("group"),  # type: ignore[arg-type]
                   float(row.get("confidence", 0.7)),
                   tuple(row["subject_types"]) if "subject_types" in row else None,
                   tuple(row["object_types"]) if "object_types" in row else None,
                   continuation, cue_of(row), literals_required(row["pattern"], macros), row.get("modality"))


_WORD_GROUP = re.compile(r"\(\?:((?:[a-z][a-z' -]*\|)+[a-z][a-z' -]*)\)")


def cue_of(row: dict) -> re.Pattern[str] | None:
    """A cheap pre-filter: the pattern's first group of plain alternative words ("owned|owns"),
    or its possessive "'s"; a row may also give its own "cue" regex."""
    if "cue" in row:
        return re.compile(row["cue"].lower())
    text = row["pattern"].replace("{AUX}", "").replace("{REL}", "")
    for group in _WORD_GROUP.finditer(text):
        if _depth(text[:group.start()]) == 0 and text[group.end():group.end() + 1] not in ("?", "*", "{"):
            words = sorted({w.strip().split(" ")[0] for w in group.group(1).split("|") if w.strip()})
            return re.compile("|".join(re.escape(w) for w in words))
    if "'s" in text and _depth(text[:text.index("'s")]) == 0:
        return re.compile("'s|⟪")
    return None


def _depth(prefix: str) -> int:
    """How many regex groups are open at the end of `prefix` (escaped brackets ignored)."""
    unescaped = re.sub(r"\\.", "", prefix)
    return unescaped.count("(") - unescaped.count(")")


