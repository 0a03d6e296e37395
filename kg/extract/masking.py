"""Masking: a sentence with its mentions replaced by placeholders, ready for cue patterns.

"Microsoft will make it available through Azure Foundry" becomes "⟨0⟩ will make ⟨1⟩ available
through ⟨2⟩"; possessive pronouns become "⟪k⟫'s". Descriptors ("AI chip maker"), appositions and
clause boundaries are normalised here so that patterns stay simple.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Entity, Mention, Sentence
from .cues import BARE_APPOSITION_HEAD, Cues, alternatives
from .prefilter import fold


@dataclass
class Masked:
    text: str
    slots: list[list[Entity]]  # placeholder number -> the entities it stands for
    topic: list[Entity]
    # "ChatGPT maker OpenAI": (relation, head entities, modifier entities) read while masking
    implied: list[tuple[str, list[Entity], list[Entity]]] = field(default_factory=list)
    # the text again without appositions that hold names ("X, the firm in which Y holds a
    # stake, agreed to ..."): patterns run on both, so neither reading is lost
    reduced: str | None = None
    # the sentence's subject again before each verb it shares ("X took a stake in Y and will
    # distribute Z" -> "X will distribute Z")
    shared_subject: list[str] = field(default_factory=list)
    previous_topic: list[Entity] = field(default_factory=list)  # the last sentence's subject
    funded: list[Entity] = field(default_factory=list)  # who raised the round being described
    deployed: list[Entity] = field(default_factory=list)  # what the customers just named use

    @property
    def texts(self) -> list[str]:
        texts = [self.text] if self.reduced is None else [self.text, self.reduced]
        return texts + self.shared_subject if self.shared_subject else texts


_APOSTROPHE_S = re.compile(r"^['’]s\b")
_LEADS_WITH_FIRST_NAME = re.compile(r"^(?:[\w,'-]+\s+){0,4}?[⟨⟪]0[⟩⟫]")


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
            implied.extend(_implied_by_descriptor(sentence.text[end:nxt], [m.entity for m in by_span[span]],
                                                  [m.entity for m in by_span[spans[i + 1]]], cues))
        elif _restates_previous(by_span[span], slots, sentence.text[cursor:start]):
            parts.append(sentence.text[start:end])  # "Abridge, the startup whose ...": apposition
        else:
            group = by_span[span]
            possessive = group[0].kind == "possessive"
            parts.append(f"⟪{len(slots)}⟫'s" if possessive else f"⟨{len(slots)}⟩")
            if group[0].text.lower() == "it" and _APOSTROPHE_S.match(sentence.text[end:]):
                parts.append(" is")  # "it's" is a contraction, never a possessive
                end += 2
            slots.append(_unique([m.entity for m in group]))
        cursor = end
    parts.append(sentence.text[cursor:])
    text = _S_APOSTROPHE.sub("'s ", "".join(parts).replace("’", "'"))
    if "(" in text:  # a ticker or a gloss is in brackets; most sentences have none
        text = _GLOSS.sub("", _TICKER.sub("", text))
    if "'s ⟨" in text or "'s ⟪" in text:  # "Japan's ⟨Sony⟩": the place says where, not whose
        text = _PLACE_POSSESSIVE.sub(lambda m: "" if m.group(1) in cues.places else m.group(0), text)
    if "-" in text:  # "the Block-owned Square": the owner modifies the name, it is no argument
        text = _HYPHEN_OWNER.sub(lambda m: _implied_by_hyphen(m, slots, implied, cues), text)
    if '"' in text or "“" in text:  # 'the publisher of "Call of Duty"': a title's quotation marks
        text = _QUOTED_NAME.sub(r"\1", text)
    reduced = None
    if sum(len(slot) for slot in slots) > 1:  # only relations between two names need these
        text = _without_appositions(_without_descriptors(text, cues))
        text = _without_roles_in_lists(_without_consortium(text))
        text = _clause_boundaries(cues.participle_aside.sub(" ", text), cues)
        without = _APPOSITION_WITH_NAMES.sub(" ", cues.participle_aside_with_names.sub(" ", text))
        without = _clause_boundaries(without, cues)
        reduced = without if without != text else None
    lead = _LEADS_WITH_FIRST_NAME.match(text)
    shared = _shared_subject(reduced or text) if reduced is not None or len(slots) > 2 else []
    return Masked(text, slots, slots[0] if slots and lead else [], implied, reduced, shared_subject=shared)


# "and" before a verb of the sentence's subject: "and will distribute", "and has since sold"
_AND_VERB = re.compile(r",? and (?=(?:also |then |later |now |subsequently |still |separately |has since |"
                       r"in \d{4} )?(?:will|would|has|have|had|is|was|plans|agreed|expects|intends|"
                       r"sells|owns|makes|runs|operates|develops|distributes|markets|offers|uses|holds|builds|supplies|"
                       r"[a-z]{3,}ed)\b)")
_NOUN_AFTER_NAME = re.compile(r" [a-z]+ (?:has|have|had|is|are|was|were|will|would|said|say|says|[a-z]+ed)\b")
# what ends the subject's own clause before such an "and": another clause or a quote
_CLAUSE_BREAK = re.compile(r"\b(?:said|says|that|which|who|whose|while|because|after|when|if|where|whereas)\b"
                           r"|[;:]")


def _shared_subject(text: str) -> list[str]:
    lead = _LEADS_WITH_FIRST_NAME.match(text)
    if lead is None or " and " not in text or not text[lead.end() - 1] == "⟩" \
            or _NOUN_AFTER_NAME.match(text, lead.end()):
        return []  # "The X board has withdrawn ... and now backs": the board is the subject
    subject = text[text.rindex("⟨", 0, lead.end()):lead.end()]
    out = []
    for m in _AND_VERB.finditer(text, lead.end()):
        if _CLAUSE_BREAK.search(text, lead.end(), m.start()):
            break
        out.append(f"{subject} {text[m.end():]}")
        if len(out) == 2:
            break
    return out


_PLACE_POSSESSIVE = re.compile(r"(?<![\w⟩⟫.-])([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3})'s (?=[⟨⟪])")
# "Filspari (sparsentan)": a lower-case gloss after a name (a drug's generic name, a note)
_GLOSS = re.compile(r" \((?<=[⟩⟫] \()[a-z][\w-]*(?: [a-z][\w-]*){0,2}\)")
_HYPHEN_OWNER = re.compile(r"[⟨⟪](\d+)[⟩⟫]-([a-z]+) (?=⟨(\d+)⟩)")


def _implied_by_hyphen(m: re.Match[str], slots: list[list[Entity]],
                       implied: list[tuple[str, list[Entity], list[Entity]]], cues: Cues) -> str:
    relation = cues.hyphen_relations.get(m.group(2))
    if relation is None:
        return m.group(0)  # "the Pittsburgh-based X" and the like: not a relation
    implied.append((relation, slots[int(m.group(1))], slots[int(m.group(3))]))
    return ""


_QUOTED_NAME = re.compile(r"[\"“]([⟨⟪]\d+[⟩⟫])[\"”]")
_TICKER = re.compile(r"\s*\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|OTC|TYO|HKEX|Euronext|SIX|ASX)\s*:\s*[^()]{1,12}\)")
# These regexes open on what they consume and look behind afterwards ("' (?<=[⟩⟫]' )" rather
# than "(?<=[⟩⟫])' "): the same matches, but the regex engine can skip straight to the text's few
# candidate characters instead of testing the look-behind at every position.
_S_APOSTROPHE = re.compile(r"' (?<=[⟩⟫]' )")  # "Walgreens' stake": the possessive of a plural name
_APPOSITION_WITH_NAMES = re.compile(
    rf", (?<=[⟩⟫], )(?:(?:a|an|the|which|who|whose|[⟨⟪]\d+[⟩⟫]'s) |(?:[a-z][\w-]* ){{0,2}}?"
    rf"{BARE_APPOSITION_HEAD} of )"
    r"[^;()]{1,160}?, (?=[a-z])(?!(?:which|who|whose|that)\b)")


def _restates_previous(group: list[Mention], slots: list[list[Entity]], between: str) -> bool:
    return (group[0].kind == "reference" and bool(slots) and between == ", "
            and {m.entity.id for m in group} == {e.id for e in slots[-1]})


_NOT_VERBS = ("and|or|in|of|from|for|to|with|on|at|via|through|as|by|alongside|under|over|into|"
              "across|the|a|an|its|their|which|who|that|not|but|nor|among|against|during|after|"
              "before|until|per|than|versus|plus|including|within|without|beyond|toward|towards")


@lru_cache(maxsize=4)
def _clause_and(product_nouns: tuple[str, ...]) -> re.Pattern[str]:
    """A name (or a name's product: "A's catheters", "A software") joined by "and" to a name
    followed by a verb. "A and B chips," is a noun phrase, and so is "A and B devices" (a kind of
    product is no verb); "between A and B" and "whose A and B compete" are one coordination."""
    nouns = alternatives(product_nouns) or "(?!)"
    return re.compile(r"([⟨⟪](?<=[a-z] [⟨⟪])(?<!'s [⟨⟪])(?<!between [⟨⟪])(?<!both [⟨⟪])(?<!whose [⟨⟪])"
                      r"\d+[⟩⟫](?:'s)?"
                      r"(?:\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + nouns + r")\b)?)"
                      r"(,?\s+and\s+)"
                      r"(?=[⟨⟪]\d+[⟩⟫]\s+(?!(?:" + _NOT_VERBS + "|" + nouns + r")\b)[a-z]+(?:\s|'))")


def _clause_boundaries(text: str, cues: Cues) -> str:
    """"owned by A, and B will distribute it": the second name starts a new clause, so a slot
    must not take "A and B" as one coordination. A name after a verb or preposition, joined by
    "and" to a name that is followed by a verb, marks the boundary; lists ("A, B, and C") do not,
    nor do names after a sentence's first word ("Rivals A and B are ...")."""
    if "and" not in text:  # the regex cannot match without it (and costs more than this test)
        return text
    return _clause_and(cues.product_nouns).sub(_boundary, text)


_FIRST_WORD = re.compile(r"\W*\w+ ")


def _boundary(m: re.Match[str]) -> str:
    if _FIRST_WORD.fullmatch(m.string, 0, m.start()):
        return m.group(0)
    return m.group(1) + "; "


_APPOSITION = re.compile(r", (?<=[⟩⟫], )(?:a|an|the) [^,;⟨⟩⟪⟫()]{1,160}?, (?=[a-z])")


# the word right before a placeholder. The look-behind changes no match (a search resumes after
# a placeholder's bracket, never inside a word) but spares the engine trying, at every letter of
# every word, "\w+" and all its shorter backtracks: a third of the time
_WORD_BEFORE_NAME = re.compile(r"(?<!\w)(\w+)\s+[⟨⟪]")


def _without_descriptors(text: str, cues: Cues) -> str:
    """"acquisition of cloud and AI firm ⟨Nuance⟩" -> "acquisition of ⟨Nuance⟩": a descriptor
    ending in an organisation noun says what the name is, not another argument."""
    if not any(fold(word) in cues.descriptor_heads for word in _WORD_BEFORE_NAME.findall(text)):
        return text  # every descriptor ends on a noun right before a placeholder: most have none
    return cues.descriptor_before_name.sub(lambda m: m.group(1) or "", text)


# "a consortium led by A and B", "a consortium of A, B and C", "a Tencent-led consortium": the
# members act (buy, invest) through the group the text names instead of them
_CONSORTIUM_OF = re.compile(r"\b(?:[Aa]n?|[Tt]he) (?:[\w-]+ ){0,2}?(?:consortium|syndicate|investor group|"
                            r"buyer group|group of (?:investors|buyers|firms|funds))\s+"
                            r"(?:(?:of|including|comprising|made up of|formed by)\s+"
                            r"|(?:that was |which was |)led by\s+)(?=[⟨⟪])")
_LED_CONSORTIUM = re.compile(r"\b(?:[Aa]n?|[Tt]he) ([⟨⟪]\d+[⟩⟫])-led (?:[\w-]+ )?(?:consortium|syndicate|"
                             r"investor group|buyer group|group of (?:investors|buyers))\b")


# "from A and existing backers B and C": a role noun inside a list of names leaves the list whole
_ROLE_IN_LIST = re.compile(r"(?<=[⟩⟫])(,? and )(?:(?:existing|new|current|previous|earlier|early|longtime|"
                           r"long-time|returning|other) )?(?:backers?|investors?|shareholders?) (?=[⟨⟪])")
_LIST_GOES_ON = re.compile(r"[⟨⟪]\d+[⟩⟫](?:, [⟨⟪]\d+[⟩⟫])*,? and [⟨⟪]")


def _without_roles_in_lists(text: str) -> str:
    if "backer" not in text and "investor" not in text and "shareholder" not in text:
        return text
    return _ROLE_IN_LIST.sub(lambda m: ", " if _LIST_GOES_ON.match(m.string, m.end()) else m.group(1), text)


def _without_consortium(text: str) -> str:
    if "consorti" not in text and "group" not in text and "syndicate" not in text:
        return text
    return _LED_CONSORTIUM.sub(r"\1", _CONSORTIUM_OF.sub("", text))


def _without_appositions(text: str) -> str:
    """"Acme Health, a Boston-based startup, raised ...": the apposition describes the name
    before it; dropping it lets "{O} raised" see its subject."""
    return _APPOSITION.sub(" ", text)


_LOWER_WORD = re.compile(r"[a-z][\w-]*")
_FUNCTION_WORDS = frozenset(_NOT_VERBS.split("|"))


def _implied_by_descriptor(descriptor: str, modifier: list[Entity], head: list[Entity],
                           cues: Cues) -> list[tuple[str, list[Entity], list[Entity]]]:
    """"ChatGPT maker OpenAI": OpenAI develops ChatGPT; "its budget arm Jetstar": "its" owns
    Jetstar (a subsidiary's descriptor may say what kind it is, one word about a maker may not)."""
    words = descriptor.lower().split()
    if words[-1] in cues.owned_descriptors:
        return [("owns", modifier, head)]
    if len(words) == 1 and words[0] in cues.descriptor_relations:
        return [(cues.descriptor_relations[words[0]], head, modifier)]
    return []


def _is_modifier(between: str, cues: Cues) -> bool:
    words = between.split()
    if not (0 < len(words) <= 3 and between.startswith(" ") and between.endswith(" ")):
        return False
    for word in words:
        if not _LOWER_WORD.fullmatch(word) or word in _FUNCTION_WORDS:
            return False  # "sold ⟨A⟩ to private-equity firm ⟨B⟩": two arguments, no modifier
    return bool(cues.appositive_nouns.fullmatch(words[-1]))


def _unique(entities: list[Entity]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for e in entities:
        seen.setdefault(e.id, e)
    return list(seen.values())


