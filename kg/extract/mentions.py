"""Find who and what each sentence talks about: lexicon names, discovered names, references."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..model import Entity, Mention, Sentence, Span
from .cues import Cues
from .lexicon import Lexicon
from .prefilter import fold, holds_all, literal_searches
from .types import is_a, is_any

_SLUG = re.compile(r"[^a-z0-9]+")
_CONNECTORS = {"of", "&", "de", "for", "and"}
# what may come before a sentence's first word: quotation marks, a bracket, a list's bullet
_OPENERS = " \"“‘'(-–—•*"
# heads a short form drops besides the cues' org and product heads ("Ambry Genetics" -> "Ambry")
_SHORT_HEADS = frozenset({"Genetics", "Medical", "Diagnostics", "Biomedicines", "Bioscience"})
_COORD_GAP = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|&|as well as)\s*$", re.IGNORECASE)


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower().replace("'s", "").replace("’s", "")).strip("-") or "entity"


@dataclass
class Candidate:
    start: int  # character offsets into the sentence text
    end: int
    entity: Entity
    kind: str


# a capitalised word ("Microsoft", "MAI-DxO", "U.S.") or a camel-case one ("eClinicalWorks"), not
# taking a possessive "'s"; names are runs of them, joined by spaces or "of", "&", "de", "for"
_WORD = (r"(?:[A-Z][\w&]*|[a-z]+[A-Z][\w&]*|\d+[A-Z][a-z][\w&]*)"  # "1Life"
         r"(?:-[A-Z0-9][\w&]*|:[A-Z][\w&]*|\.[A-Za-z0-9&]+|['’](?!s\b)[A-Za-z0-9&]+)*"
         r"(?:\+{1,2}(?![\w+]))?\.?")  # "Shockwave C2+", "Disney+": a plus ends a product name
# "Cincinnati Children's Hospital": a possessive inside a name, before a word that heads names
_INNER_POSSESSIVE = r"['’]s (?=(?:Hospital|Hospitals|Health|Healthcare|Medical|Clinic|Center|Centre)\b)"
# "CMA CGM", "BNP SA": acronyms of three letters or more, inside a sentence, are a name's words
_ACRONYM_NAME = re.compile(r"^[A-Z]{3,}(?: [A-Z]{2,})+$")
# "Mistral 7B", "Mixtral 8x7B", "Falcon 1.5B": a model's size in parameters ends its name
_SIZE = r"(?: \d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?[BMT](?![\w-]))?"
_NAME = re.compile(rf"(?<![\w'’.-]){_WORD}(?:(?: | (?:of|&|de|for) |{_INNER_POSSESSIVE}){_WORD})*{_SIZE}")


def shortened(name: str, cues: Cues) -> list[str]:
    """"Change Healthcare" -> ["Change"], "Cincinnati Children's Hospital" -> ["Cincinnati
    Children's"]: the name less its trailing head nouns, one at a time, while a name is left
    that is no common word, place or head itself."""
    words = name.split(" ")
    out = []
    while len(words) > 1 and (words[-1] in cues.org_heads or words[-1] in _SHORT_HEADS):
        words = words[:-1]
        short = " ".join(words)
        if short in cues.not_names or short in cues.org_heads or short in cues.product_heads \
                or len(short) < 3 or short in cues.sentence_stopwords or short.isupper() and len(short) < 4:
            break
        out.append(short)
    return out


_LONE_CAPITAL = re.compile(r"(?<![\w'’.-])(?:[a-z][\w'’-]*|[A-Z]\w*['’]s),? ([A-Z][a-z]{2,})"
                           r"(?= [a-z(]|[,.;:]|$)")
_WORD_RUN = re.compile(r"[A-Za-z]+")
_DEMONYM_ENDINGS = ("ish", "ese", "ian", "ean", "an", "ic", "ch")  # "Danish", "Japanese", "Nordic", "Dutch"


def _proper_common_words(parsed: list[tuple[Sentence, Any]], cues: Cues, heads: Any) -> frozenset[str]:
    """Common words a document writes capitalised between lower-case words at least twice and
    never in lower case: the names of things ("Atlas", "Square"), not words."""
    counts: dict[str, int] = {}
    for sentence, _ in parsed:
        for m in _LONE_CAPITAL.finditer(sentence.text):
            word = m.group(1)
            if word.lower() in cues.common_words and word not in heads and word not in cues.not_names \
                    and word not in cues.sentence_stopwords and word not in cues.places \
                    and not word.endswith(_DEMONYM_ENDINGS):
                counts[word] = counts.get(word, 0) + 1
    if not counts:
        return frozenset()
    lower = {w for sentence, _ in parsed for w in _WORD_RUN.findall(sentence.text) if w.islower()}
    return frozenset(w for w, n in counts.items() if n >= 2 and w.lower() not in lower)


def _partner_before(owner: Candidate, ends: dict[int, Candidate], known: list[Candidate],
                    text: str) -> Candidate:
    """The organisation named right before `owner` ("Sony" in "Sony Honda Mobility"), or `owner`."""
    partner = ends.get(owner.start - 1)
    return partner if partner is not None and partner in known and text[partner.end] == " " else owner


def _bare(entity: Entity, short: str) -> bool:
    """A name discovery found alone and could not type as an organization (or took for a person's,
    "Verdanta says"), spelt as a full name's short form."""
    return entity.discovered and entity.label == short and entity.type in ("Unknown", "Person")


class MentionFinder:
    """Matches the lexicon with spaCy's PhraseMatcher and discovers capitalised names it lacks."""

    def __init__(self, nlp: Any, lexicon: Lexicon, cues: Cues) -> None:
        from spacy.matcher import PhraseMatcher

        self.lexicon, self.cues = lexicon, cues
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for alias, entity_id in lexicon.aliases.items():
            pattern = nlp.make_doc(alias)
            # one-word aliases must match their case ("Discover", "Mercy"); longer ones need not
            matcher = self.folded if len(pattern) > 1 and not alias.isupper() else self.exact
            matcher.add(entity_id, [pattern])
        self.strings = nlp.vocab.strings
        # ambiguous aliases ("Discover", "Max") and the ids one of which must be named for them to count
        self.requires = {alias.lower(): ids for alias, ids in lexicon.requires.items()}
        self.heads = cues.org_heads.keys() | cues.product_heads.keys()
        # set by find() for the document it reads (see _proper_common_words), read by _discovered
        self.proper_words: frozenset[str] = frozenset()
        # words a discovered name cannot end on (built once: the sets are large)
        self.not_last = (cues.not_names - self.heads) | _CONNECTORS
        self.titles: dict[str, list[list[str]]] = {}  # a title's first word -> the titles' words
        for title in cues.role_titles:
            self.titles.setdefault(title.split(" ")[0], []).append(title.split(" "))
        self.title_starts = frozenset(self.titles)
        noun = cues.appositive_nouns.pattern
        self.noun_before = re.compile(noun + r"\s*$", re.IGNORECASE)  # "the chip maker X"
        self.noun_after = re.compile(r"^\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?" + noun,
                                     re.IGNORECASE)  # "X, a chip maker"

    def find(self, parsed: list[tuple[Sentence, Any]]) -> list[Mention]:
        # this document's common words that it only ever writes capitalised, mid-sentence and
        # alone, more than once ("Atlas", "Square", "Steam"): names, not words
        self.proper_words = _proper_common_words(parsed, self.cues, self.heads)
        matches = self._lexicon_matches(parsed)
        supported = self._supported(parsed, matches)
        names: list[Mention] = []
        for index, (sentence, sent) in enumerate(parsed):
            names.extend(self._names_in(index, sentence, sent, matches.get(id(sent), []), supported))
        names = self._drop_unsupported_ambiguous(names)
        terms = defined_terms(parsed)
        names = [m for m in names if m.kind != "discovered" or m.text not in terms]
        names = self._short_forms(names, parsed)
        return resolve_references(names, parsed, self.cues)

    def _short_forms(self, names: list[Mention], parsed: list[tuple[Sentence, Any]]) -> list[Mention]:
        """"Change Healthcare ... Change's clearinghouse", "Isomorphic Labs ... Isomorphic": once
        an organisation's full name has been read, its name without the head noun ("Healthcare",
        "Labs", "AI") names it too, whether or not it was found as a name of its own."""
        known: dict[str, Entity | None] = {}  # short form -> entity (None: two entities share it)
        by_sentence: dict[int, list[Mention]] = {}
        for m in names:
            by_sentence.setdefault(m.sentence, []).append(m)
        out: list[Mention] = []
        shorts: set[str] = set()
        usable: list[str] = []
        # "Verdanta says ... Verdanta Bio ...": a bare discovered name read before the full name
        # it shortens is that name
        renamed: dict[str, Entity] = {}
        for index, (sentence, _) in enumerate(parsed):
            here = by_sentence.get(index, [])
            if usable and not looks_like_title(sentence.text):
                here = self._linked(here, sentence, index, known, usable)
            defined = _aliases_defined(here, sentence)
            if defined:  # the quoted alias itself names the entity it is defined for
                here = [replace(m, entity=defined[m.text]) if m.kind == "discovered" and m.text in defined
                        and defined[m.text].id != m.entity.id else m for m in here]
            before = len(known)
            for m in here:
                if m.kind == "reference":
                    continue
                # a name read as itself claims its text: no other name's short form takes it
                organization = is_a(m.entity.type, "Organization") or m.entity.type == "Unknown"
                shortened = self._shortened(m.text) if organization else []
                shortened += [alias for alias, e in defined.items() if e.id == m.entity.id]
                shorts.update(shortened)
                for short in [m.text, *shortened]:
                    earlier = known.get(short, m.entity)
                    if earlier is not None and short != m.text and _bare(earlier, short):
                        renamed[earlier.id] = known[short] = m.entity
                    elif earlier is not None and earlier.id != m.entity.id:
                        known[short] = None
                    else:
                        known.setdefault(short, m.entity)
            if defined:  # "... ("Independent") ... SouthState will acquire Independent": at once
                here = self._linked(here, sentence, index, known,
                                    [a for a in defined if known.get(a) is not None])
            out.extend(here)
            if len(known) != before or renamed:
                usable = [s for s in shorts if known[s] is not None]
        if renamed:
            out = [replace(m, entity=renamed[m.entity.id]) if m.entity.id in renamed else m for m in out]
        return out

    def _shortened(self, name: str) -> list[str]:
        return shortened(name, self.cues)

    def _linked(self, here: list[Mention], sentence: Sentence, index: int,
                known: dict[str, Entity | None], usable: list[str]) -> list[Mention]:
        """The sentence's mentions with its short forms linked to the full names read before."""
        linked = []
        for m in here:
            entity = known.get(m.text)
            if m.kind == "discovered" and entity is not None and entity.id != m.entity.id:
                m = replace(m, entity=entity)
            linked.append(m)
        taken = [(m.span.start, m.span.end) for m in linked]
        base = sentence.span.start
        for start, end, short in standalone_occurrences(sentence.text, usable):
            s, e = base + start, base + end
            if any(a < e and s < b for a, b in taken):
                continue
            after = sentence.text[end:end + 3]
            initial = not sentence.text[:start].strip(_OPENERS)
            if initial and short.lower() in self.cues.common_words \
                    and not after.startswith((",", "'s", "’s")):
                continue  # "Change is hard": a sentence may open on the common word
            entity = known[short]
            linked.append(Mention(Span(s, e), short, entity, "discovered", index))  # type: ignore[arg-type]
        return sorted(linked, key=lambda m: (m.span.start, m.entity.id))

    def _lexicon_matches(self, parsed: list[tuple[Sentence, Any]]
                         ) -> dict[int, list[tuple[int, int, int]]]:
        """PhraseMatcher runs once per parsed line (given a sentence Span it would copy it token
        by token); each match is then filed under the sentence that holds it."""
        by_sentence: dict[int, list[tuple[int, int, int]]] = {}
        docs: dict[int, tuple[Any, list[Any]]] = {}
        for _, sent in parsed:
            docs.setdefault(id(sent.doc), (sent.doc, []))[1].append(sent)
        for doc, sents in docs.values():
            found = sorted(m for matcher in (self.exact, self.folded) for m in matcher(doc))
            starts = [s.start for s in sents]
            for match in found:  # file each match under its sentence: linear, not quadratic
                sent = sents[bisect.bisect_right(starts, match[1]) - 1]
                if sent.start <= match[1] and match[2] <= sent.end:
                    by_sentence.setdefault(id(sent), []).append(match)
        return by_sentence

    def _supported(self, parsed: list[tuple[Sentence, Any]],
                   matches: dict[int, list[tuple[int, int, int]]]) -> Callable[[str], bool]:
        """Whether an ambiguous alias counts before discovery: when a name it requires is given by
        an unambiguous alias, or when it is the first word of such a name (a short form, like
        "Discover" beside "Discover Financial Services", left to the short-form stage)."""
        ids, first_words = set(), set()
        for _, sent in parsed:
            for match_id, start, end in matches.get(id(sent), []):
                text = sent.doc[start:end].text.lower()
                if text not in self.requires:
                    ids.add(self.strings[match_id])
                    first_words.add(text.split(" ", 1)[0])
        return lambda alias: alias in first_words or any(r in ids for r in self.requires[alias])

    def _names_in(self, index: int, sentence: Sentence, sent: Any,
                  matches: list[tuple[int, int, int]], supported: Callable[[str], bool]) -> list[Mention]:
        doc, base = sent.doc, sent.start_char
        candidates: list[Candidate] = []
        for match_id, start, end in matches:
            alias = doc[start:end].text.lower()
            if alias in self.requires and not supported(alias):
                continue  # "Max Jaderberg": an ambiguous alias left out lets the whole name be found
            entity = self.lexicon.entities[self.strings[match_id]]
            first, last = doc[start], doc[end - 1]
            candidates.append(Candidate(first.idx - base, last.idx + len(last) - base,
                                        entity, "name"))
        chosen = self._discover(sentence.text, longest_leftmost(candidates))
        return [Mention(Span(sentence.span.start + c.start, sentence.span.start + c.end),
                        sentence.text[c.start:c.end], c.entity, c.kind, index)
                for c in sorted(chosen, key=lambda c: c.start)]

    def _drop_unsupported_ambiguous(self, names: list[Mention]) -> list[Mention]:
        """An ambiguous alias ("Discover", "Health Insights") counts only when a name it requires
        is also in the document. A name discovery found with the same text is another entity
        ("Altera", Intel's chip unit, in an article that never names Altera Digital Health), but
        not an acronym ("MSK pain" is a term)."""
        requires = self.requires
        present = {m.entity.id for m in names if m.text.lower() not in requires}
        return [m for m in names if m.text.lower() not in requires
                or (m.kind == "discovered" and not m.text.isupper())
                or any(r in present for r in requires[m.text.lower()])]

    def _discover(self, text: str, known: list[Candidate]) -> list[Candidate]:
        """The lexicon names plus capitalised runs of words that no lexicon name covers."""
        if looks_like_title(text):
            return known
        known = [self._versioned(text, c) for c in known]
        blanked = _blanked(text, known)  # a lexicon name splits a run: "Mayo-Microsoft" is two names
        out = self._names_ending_in_s(text, blanked)
        if out:
            blanked = _blanked(blanked, out)
        ends = {c.end: c for c in known if is_a(c.entity.type, "Organization")}
        joined = self._institutions_with_and(blanked)
        for m in _NAME.finditer(blanked):
            inside = next(((a, b) for a, b in joined if a <= m.start() < b), None)
            if inside is not None:
                if m.start() == inside[0]:
                    whole = self._discovered(text, *inside)
                    if whole is not None:
                        out.append(whole)
                continue
            candidate = self._discovered(text, m.start(), m.end())
            owner = ends.get(m.start() - 1)
            if candidate is None and owner is not None and owner in known and text[owner.end] == " " \
                    and m.group() in self.cues.places and not _NAME_OR_PLACE_GOES_ON.match(text, m.end()):
                # "Aviva Canada", "Jo Malone London": an organisation's name and a place is a
                # business of its own (a unit in that country, a brand), not a name and a place
                known.remove(owner)
                name = text[owner.start:m.end()]
                out.append(Candidate(owner.start, m.end(), Entity(id=slug(name), label=name,
                                                                 type=owner.entity.type, discovered=True),
                                     "discovered"))
                continue
            if candidate is None and owner is not None and owner in known and text[owner.end] == " " \
                    and " " not in m.group() and m.group() not in self.cues.not_names \
                    and m.group() not in self.cues.sentence_stopwords:
                # "Augmedix Go", "Commure Ambient": a common word right after an organisation's
                # name is its product's name; after two names, their venture ("Sony Honda Mobility")
                first = _partner_before(owner, ends, known, text)
                merged = self._discovered(text, first.start, m.end(), lone=False)
                if merged is not None and merged.end == m.end():
                    known.remove(owner)
                    if first is not owner:
                        known.remove(first)
                    out.append(merged)
                continue
            if candidate is None:
                continue
            owner = ends.get(candidate.start - 1)
            if owner is not None and text[owner.end] == " " and candidate.start == m.start():
                # "Amazon Care": a capitalised run right after an organisation's name is a
                # product or unit of its own, not two names (after two names, their venture)
                known.remove(owner)
                first = _partner_before(owner, ends, known, text)
                if first is not owner:
                    known.remove(first)
                candidate = self._discovered(text, first.start, candidate.end) or candidate
            out.append(candidate)
        return known + out

    def _names_ending_in_s(self, text: str, blanked: str) -> list[Candidate]:
        """"acquire Lily's, a maker of ...", "sold through Kohl's and Macy's": a capitalised word
        and "'s" with no noun after it to possess is a name that ends in "'s"."""
        if "'s" not in blanked and "’s" not in blanked:
            return []
        out = []
        for m in _NAME_ENDING_IN_S.finditer(blanked):
            stem = m.group(1)
            if stem in self.cues.sentence_stopwords or stem in self.cues.not_names \
                    or _POSSESSIVE_LIST.match(blanked, m.end()):
                continue  # "That's", "Apple's and Google's clouds"
            candidate = self._discovered(text, m.start(), m.end())
            if candidate is not None and candidate.start == m.start() and candidate.end == m.end():
                out.append(candidate)
        return out

    def _versioned(self, text: str, known: Candidate) -> Candidate:
        """"Snapdragon X", "PlayStation 5", "Ryzen AI 300": a product of the lexicon followed by a
        model designation (capitals, digits, a word like "Pro" or "Elite") is that model."""
        if not is_a(known.entity.type, "Product") or is_a(known.entity.type, "AIModel") \
                or known.kind != "name":
            return known  # "Claude 3" stays Claude: a model's versions are the model in the lexicon
        version = self.cues.version_after.match(text, known.end)
        if version is None:
            return known
        end = version.end()
        name = text[known.start:end]
        entity = Entity(id=slug(name), label=name, type=known.entity.type, discovered=True,
                        parent=known.entity.parent)
        return Candidate(known.start, end, entity, "discovered")

    def _institutions_with_and(self, blanked: str) -> list[tuple[int, int]]:
        """Spans of "Competition and Markets Authority", "Center for Pathogen and Human Health
        Research": an "and" inside an institution's name, whose last word is an institution's head
        while the words before "and" end on no head of their own ("Acme Labs and Beta Institute" is
        two names)."""
        spans = []
        if " and " not in blanked:  # _AND_NAME cannot match without it (3 sentences in 4 lack it)
            return spans
        for m in _AND_NAME.finditer(blanked):
            left, right = m.group("left").split(" "), m.group("right").split(" ")
            if right[-1] in _INSTITUTION_HEADS and left[-1] not in self.heads and len(right) >= 2:
                spans.append((m.start(), m.end()))
        return spans

    def _discovered(self, text: str, start: int, end: int, lone: bool = True) -> Candidate | None:
        words = text[start:end].split(" ")
        initial = not text[:start].strip(_OPENERS)
        headed = len(words) >= 3 and words[-1] in self.heads  # "Cincinnati Children's Hospital"
        while words and ((words[0] in self.cues.not_names and not headed)
                         or (initial and words[0] in self.cues.sentence_stopwords)
                         or words[0] in _CONNECTORS):
            start += len(words.pop(0)) + 1
        title = self._title_inside(words)
        if title:  # "Direct Line Chief Executive Adam Winslow": the name ends before the title
            end = start + len(" ".join(words[:title]))
            words = words[:title]
        while words and words[-1] in self.not_last:
            end -= len(words.pop()) + 1
        name = text[start:end].rstrip(".") if words and words[-1].count(".") == 1 else text[start:end]
        end = start + len(name)
        words = name.split(" ")
        if not words or name in self.cues.not_names or name in self.cues.places or len(name) < 2:
            return None
        if words[-1] not in self.heads and _PLACE_BEFORE.search(text[max(0, start - 30):start]) \
                and not _STAKE_IN.search(text[max(0, start - 40):start]):
            return None  # "Albert Einstein in São Paulo", "based in Toronto": a place
        if name.isupper() and (" " in name or initial and len(name) >= 5 and text[end:end + 1] == ",") \
                and not (not initial and _ACRONYM_NAME.match(name)
                         and not any(w.lower() in self.cues.common_words for w in words)):
            return None  # "PALO ALTO, Calif. --": a dateline, not a name ("the shipping group CMA CGM" is)
        if len(words) == 1 and (name in self.heads or name.lower() in self.cues.common_words) \
                and name not in self.proper_words \
                and not _NAMED_BEFORE.search(text[max(0, start - 30):start]):
            return None  # "Partners", "Take", "Century": a lone common word is not a name
        if len(words) > 1 and words[-1] in _PLACE_HEADS:
            return None  # "the Salt Lake City biotech": a place
        if _PLACE_AFTER.match(text[end:]):
            return None  # "Pittsburgh-based": a place describing the next name

        type_ = "Person" if words[-1] not in self.heads and _looks_like_person(text, start, end, words) \
            else self._type_of(text, start, end, words)
        entity = Entity(id=slug(name), label=name, type=type_, discovered=True)
        return Candidate(start, end, entity, "discovered")

    def _title_inside(self, words: list[str]) -> int:
        """Where a role title starts inside a run of words (not at its start), or 0."""
        if len(words) < 2 or self.title_starts.isdisjoint(words[1:]):
            return 0  # most runs hold no title word: one set test instead of a scan per title
        for i in range(1, len(words)):
            for parts in self.titles.get(words[i], ()):
                if words[i:i + len(parts)] == parts:
                    return i
        return 0

    def _type_of(self, text: str, start: int, end: int, words: list[str]) -> str:
        for n in (2, 1):
            head = " ".join(words[-n:])
            if len(words) > n or n == 1 and len(words) > 1:
                if head in self.cues.product_heads:
                    return self.cues.product_heads[head]
                if head in self.cues.org_heads:
                    return self.cues.org_heads[head]
        before, after = text[max(0, start - 40):start], text[end:end + 60]
        if self.noun_before.search(before):
            return "Company"
        if self.noun_after.match(after):
            return "Company"
        product = _PRODUCT_NOUN_AFTER.match(after)
        if product:
            noun = product.group(1).lower()
            return _PRODUCT_NOUN_TYPES[noun if noun in _PRODUCT_NOUN_TYPES else noun[:-1]]
        return "Unknown"


_RUN = rf"{_WORD}(?:(?: | (?:of|&|de|for) ){_WORD})*"
_AND_NAME = re.compile(rf"(?<![\w'’.-])(?P<left>{_RUN}) and (?P<right>{_RUN})")
_INSTITUTION_HEADS = frozenset({"Office", "Authority", "Commission", "Research", "Institute", "Center",
                                "Centre", "Council", "Agency", "Administration", "Bureau", "Board",
                                "Department", "Ministry", "Foundation", "Trust", "Sciences", "Studies"})
_PLACE_AFTER = re.compile(r"^-(?:based|headquartered|area|born)\b")
_PLACE_HEADS = frozenset({"City", "County", "Valley", "Province", "Bay Area"})
# a capitalised word or two and "'s" before punctuation, the end, or a word no possession is
# ("Tower's is below 1.5%" is a possessive whose noun is left out: no verb of being follows a name)
_NO_POSSESSION = (r"(?:from|for|to|in|and|or|with|at|on|by|across|via|through|into|under|over|which|"
                  r"that|said|says|sells|makes|announced|agreed)\b")
_NAME_ENDING_IN_S = re.compile(
    r"(?<![\w'’.&-])([A-Z][\w&]*(?: [A-Z][\w&]*)?)['’]s"
    r"(?=\s*[,.;:)]|\s*$|\s+" + _NO_POSSESSION + ")")
# "Apple's, Google's and Microsoft's clouds": possessives in a list, each before the noun
_POSSESSIVE_LIST = re.compile(r"(?:(?:,|,? and|,? or) (?:[A-Z][\w&-]* ){0,2}[A-Z][\w&-]*['’]s)+\s+"
                              r"(?!" + _NO_POSSESSION + r")[a-z]")
# "a bilingual agent named Ana": after these a common word is a name
_NAMED_BEFORE = re.compile(r"\b(?:called|named|dubbed|known as|branded)\s+$")
# "Trainium and Inferentia chips", "the Claude chatbot": the noun after a name says what it is
_PRODUCT_NOUN_AFTER = re.compile(
    r"^(?:\s*(?:,|and|or)\s+[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*)*\s+"
    r"(chips?|processors?|accelerators?|supercomputers?|platforms?|models?|llms?|chatbots?|"
    r"assistants?|apps?|software|tools?|copilots?|agents?)\b")
_PRODUCT_NOUN_TYPES = {"chip": "Platform", "processor": "Platform", "accelerator": "Platform",
                       "supercomputer": "Platform", "platform": "Platform", "model": "AIModel",
                       "llm": "AIModel", "chatbot": "Software", "assistant": "Software", "app": "Software",
                       "software": "Software", "tool": "Software", "copilot": "Software", "agent": "Software"}
_PLACE_BEFORE = re.compile(r"(?:\b(?:based|headquartered|located) in|[\w.)'’] in|\bfrom)\s+$")
_STAKE_IN = re.compile(r"\b(?:invest\w*|stake|interest|shares|million|billion|partnership|"
                       r"collaboration|shareholders?|stakeholders?|investors?|backers?|owners?)\s+in\s+$")
_PERSON_BEFORE = re.compile(r"(?:\b(?:led|founded|co-founded|run|headed|chaired|joined) by|"
                            r"\b(?:CEOs?|chief executives?|executives?|founders?|co-founders?|"
                            r"president|founder|co-founder|chairman|chairwoman|cardiologist|physician|"
                            r"analyst|executive|officer|director|partner|investor|said|says|told)|"
                            r"\b(?:Dr|Mr|Ms|Mrs)\.?)\s+$", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^(?:,\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,3}?(?:CEO|chief|president|"
                           r"founder|co-founder|chairman|chairwoman|head|director|partner|analyst|"
                           r"vice president|executive|officer|professor|cardiologist)\b|,\s+who\b|"
                           r"\s+(?:said|says|told|added|noted|wrote)\b)", re.IGNORECASE)


# 'Independent Bank Group, Inc. (NASDAQ: IBTX) ("Independent")': a press release's short name
_DEFINED_ALIAS = re.compile(r"(?:,?\s*(?:Inc\.|Corp\.|Ltd\.|plc|N\.A\.|LLC))?\s*(?:\([^()\"“]{1,40}\)\s*)?"
                            r"\(\s*(?:the\s+)?[\"“]([A-Z][^\"”()]{0,40})[\"”]\s*\)")


def _aliases_defined(here: list[Mention], sentence: Sentence) -> dict[str, Entity]:
    """Short names the sentence defines in brackets right after a name: alias -> entity."""
    if "(" not in sentence.text:
        return {}
    base = sentence.span.start
    out: dict[str, Entity] = {}
    for m in here:
        if m.kind in ("name", "discovered") and is_a(m.entity.type, "Organization"):
            defined = _DEFINED_ALIAS.match(sentence.text, m.span.end - base)
            if defined and defined.group(1) != m.text:
                out.setdefault(defined.group(1), m.entity)
    return out


def _looks_like_person(text: str, start: int, end: int, words: list[str]) -> bool:
    """"said Mustafa Suleyman", "Shiv Rao, chief executive": a short name in a speaker's slot."""
    if not 1 <= len(words) <= 3 or any(not w[:1].isupper() or w.isupper() for w in words):
        return False
    return bool(_PERSON_BEFORE.search(text[max(0, start - 40):start])
                or _PERSON_AFTER.match(text[end:end + 60]))


_TITLE_WORDS = re.compile(r"[A-Za-z][\w'-]*")


# what may not touch a short form on either side: it would be part of a longer word or name
_WORD_BEFORE = re.compile(r"[\w'’.&-]")
_WORD_AFTER = re.compile(r"[\w&-]|['’](?!s\b)|\.\w")  # "Change's" is the name, "Change.org" not


def standalone_occurrences(text: str, forms: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, form) of each form that stands as a word of its own in the text, leftmost
    first and, at one start, the longest; none overlaps the one before it. The same as finditer of
    one alternation of the forms (longest first) between the look-arounds, without compiling that
    alternation anew each time a document adds a form (compiling cost more than the search)."""
    longest: dict[int, str] = {}  # start -> the longest form standing there
    for form in forms:
        at = text.find(form)
        while at != -1:
            if (at == 0 or not _WORD_BEFORE.match(text, at - 1)) \
                    and not _WORD_AFTER.match(text, at + len(form)) \
                    and len(form) > len(longest.get(at, "")):
                longest[at] = form
            at = text.find(form, at + 1)
    out: list[tuple[int, int, str]] = []
    for start in sorted(longest):
        if not out or start >= out[-1][1]:
            out.append((start, start + len(longest[start]), longest[start]))
    return out


def _blanked(text: str, spans: list[Candidate]) -> str:
    """The text with the characters of each span (in order, none overlapping) replaced by NULs."""
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        pieces += (text[cursor:span.start], "\0" * (span.end - span.start))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# "an architecture license agreement (ALA)": an acronym defined by lowercase words is a term
# ... and "antibody-drug conjugates, or ADCs,": the acronym after "or"
_DEFINED_ACRONYM = re.compile(r"\b((?:[a-z][\w-]*[\s-]+){1,5}[a-z][\w-]*)"
                              r"(?:\s+\(|,\s+or\s+)([A-Z]{2,6})s?(?:\)|(?![\w-]))")


def defined_terms(parsed: Sequence[tuple[Sentence, Any]]) -> set[str]:
    """Acronyms the document defines as common nouns ("lithium-iron-phosphate (LFP)"): not names."""
    terms = set()
    for sentence, _ in parsed:
        if "(" not in sentence.text and ", or " not in sentence.text:
            continue
        for m in _DEFINED_ACRONYM.finditer(sentence.text):
            words, acronym = re.split(r"[\s-]+", m.group(1)), m.group(2)
            # the acronym opens on its phrase's first word ("lithium iron phosphate (LFP)")
            if len(words) >= len(acronym) and words[-len(acronym)][0] == acronym[0].lower():
                terms.update((acronym, acronym + "s"))
    return terms


@lru_cache(maxsize=1024)  # asked of each sentence by discovery and short forms, and by brands per name
def looks_like_title(text: str) -> bool:
    """A Title Case Headline (capitalised words are not names there); a sentence that ends
    with a full stop is prose, however many names it lists."""
    if text.rstrip().endswith((".", "?", "!", '."', ".”")):
        return False
    words = _TITLE_WORDS.findall(text)
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


def longest_leftmost(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: longer first, then leftmost, lexicon names before discovered."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, c.kind != "name"))
    taken: set[int] = set()
    chosen = []
    for c in ranked:
        if taken.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def resolve_references(names: list[Mention], parsed: Sequence[tuple[Sentence, Any]],
                       cues: Cues) -> list[Mention]:
    """Add mentions for "it", "the company", "the model"... pointing at the entity they mean.

    Sentences are read in order and resolved references become antecedents in turn, so "the
    model" can carry a name forward and a later "it" can pick it up.
    """
    by_sentence: dict[int, list[Mention]] = {}
    for m in names:
        by_sentence.setdefault(m.sentence, []).append(m)
    # a search for a reference's literals is cheaper than the reference's regex
    gated = [(ref, literal_searches(ref.regex)) for ref in cues.references]
    for index, (sentence, _) in enumerate(parsed):
        here = by_sentence.get(index, [])
        # a reference beats a discovered name it overlaps ("the Verona company")
        taken = [(m.span.start, m.span.end) for m in here if m.kind == "name"]
        # "the Madrid-based startup Kaleidos": a description right before a name is that name's title
        titled = {m.span.start - 1 for m in here if m.kind in ("name", "discovered")}
        refs: list[tuple[int, int, Any]] = []
        folded = fold(sentence.text)
        for ref, literals in gated:
            if not holds_all(literals, folded):
                continue
            for match in ref.regex.finditer(sentence.text):
                s, e = sentence.span.start + match.start(), sentence.span.start + match.end()
                if any(a < e and s < b for a, b in taken + [(x, y) for x, y, _ in refs]):
                    continue
                if not ref.pronoun and e in titled and sentence.text[match.end()] == " ":
                    continue
                if not ref.pronoun and match.group(0).split()[-1][:1].isupper() \
                        and _NAME_GOES_ON.match(sentence.text, match.end()):
                    continue  # "the App Store": a capitalised word that a name goes on from
                if not ref.pronoun and _COPULA_BEFORE.search(sentence.text[:match.start()]) \
                        and not sentence.text[match.end():].startswith(("'s", "’s")):
                    continue  # "Abridge was the first startup admitted to ...": a predicate, not a reference
                refs.append((s, e, ref))
        here = [m for m in here if m.kind == "name"
                or not any(s < m.span.end and m.span.start < e for s, e, _ in refs)]
        resolved: list[Mention] = []
        for s, e, ref in sorted(refs, key=lambda r: r[0]):
            window = ref.window
            visible = {i: by_sentence.get(i, []) for i in range(max(0, index - window), index)}
            visible[index] = sorted(here + resolved, key=lambda m: m.span.start)
            kind = "possessive" if ref.possessive else "reference"
            text = sentence.text[s - sentence.span.start:e - sentence.span.start]
            subject = _is_subject(sentence.text[:s - sentence.span.start],
                                  sentence.text[e - sentence.span.start:])
            for entity in _antecedents(ref, s, index, visible, parsed, subject, e):
                resolved.append(Mention(Span(s, e), text, entity, kind, index))
        by_sentence[index] = sorted(here + resolved, key=lambda m: (m.span.start, m.entity.id))
    out = [m for i in sorted(by_sentence) for m in by_sentence[i]]
    return sorted(out, key=lambda m: (m.span.start, m.span.end, m.entity.id))


_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
# "Microsoft Canada-based", "Amazon UK's", "Google Canada Ottawa": the place belongs to what follows
_NAME_OR_PLACE_GOES_ON = re.compile(r"[-–][a-z]|,? [A-Z]|['’]s\b")


# the word after a name is no verb when it is a preposition ("Vertex AI under a partnership") or a
# pronoun ("Ring, the company it bought": the company is not the subject of "it")
_VERB_AFTER = re.compile(r"^\s+(?!(?:and|or|in|of|from|for|to|with|on|at|as|by|into|than|that|"
                         r"which|the|a|an|under|through|via|over|across|inside|within|without|against|"
                         r"between|among|alongside|after|before|during|including|like|per|since|until|"
                         r"about|around|amid|behind|beyond|onto|upon|toward|towards|despite|versus|"
                         r"it|its|they|their|he|she|we|you)\b)"
                         r"[a-z]+(?:'[a-z]+)?\b")


_CLAUSE_START = re.compile(r"(?:^|[,;:]|\b(?:that|which|who|where|when|because|as|while|if|since|and|but|so|"
                           r"after|before|until|once|although|though|"
                           r"said|says|added|announced|noted|told \w+))\s*$")


_FINITE_AFTER = re.compile(r"^\s+(?:\w+ly\s+)?(?:will|would|can|could|may|might|must|shall|should|"
                           r"has|have|had|is|was|does|did|took|made|bought|sold|led|paid|won|ran|got|gave|began|became|"
                           r"said|says|sees|put|set|held|kept|left|went|grew|[a-z]+ed|"
                           # irregular pasts: "..., Scale built its business on ..."
                           r"built|brought|found|spent|sent|lost|cut|hit|met|rose|fell|drew|chose|saw|"
                           r"told|wrote|struck|sought|thought|overtook|undertook|withdrew|"
                           r"shut|sank|swung|beat)\b")


def _is_subject(before: str, after: str) -> bool:
    """"The company said it will ...", "a stake it took": a pronoun that opens a clause and is
    followed by a verb, or that is followed by a finite verb, is the clause's subject ("make it
    available" is an object)."""
    if _FINITE_AFTER.match(after) or _VERB_S_AFTER.match(after):
        return True  # "the routers it sells": a verb in -s after a pronoun has it for subject
    opens = bool(_CLAUSE_START.search(before))
    return opens and (bool(_VERB_AFTER.match(after)) or after.startswith(("'s ", "’s ")))


_COPULA_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|became|becomes|become|remains|remained)\s+$")
_SAID_BEFORE = re.compile(r"\s*\b(?:said|says|added|announced|noted|stressed|confirmed|disclosed)"
                          r"(?:\s+\w+day)?(?:\s+that)?\s+$")
_VERB_BETWEEN = re.compile(r"^\s+(?:\w+ly\s+)?(?:to\s+)?(?!(?:and|or|in|of|from|for|to|with|on|at|as|by|into|"
                           r"than|that|which|who|the|a|an|is|was|are|were|be|said|says)\b)[a-z]+\s+$")
# "X said", "X also said", "X, a ... broker, which said"
# (a comma inside a number, "2,000", is no clause break)
_SPEAKER_GAP = re.compile(r"^(?:,(?:[^,]|(?<=\d),(?=\d)){1,80})?,?\s*(?:(?:which|who|that)\b\s*)?"
                          r"(?:(?:also|later|then|again|\w+ly)\b\s*)?$")
# an untyped name is a speaker "it" continues when nothing between it and "said" may describe a
# person ("Jane Ostrow, a spokeswoman, said it"): "X said", "X, which ..., said"
_NO_PERSON_GAP = re.compile(r"^(?:[^,]*|,(?:[^,]*,)?\s*which\b[^,]*,?\s*)$")
# "X said its models will ..., and that it was working with Y": the second clause is X's too
_AND_THAT = re.compile(r",?\s+and\s+that\s+$")
_SAID_WORD = re.compile(r"\b(?:said|says|added|announced|noted|stressed|confirmed|disclosed)\b")
# "fold the company into its Optum unit": the object before "into its" is not what "its" means
_OBJECT_BEFORE_ITS = re.compile(r"\b[a-z]+\s+$")
_INTO_ITS = re.compile(r"^\s+(?:into|with|onto|under|inside|within|alongside)\s+$")
_RELATIVE_BEFORE = re.compile(r"\b(?:which|whom|whose|that|who)\s+$")
_COUNT = {"two": 2, "both": 2, "three": 3}


_RAISED_AFTER = re.compile(r"\w+\s+(?:\w+ly\s+)?(?:has\s+|had\s+|have\s+)?(?:raised|raises|secured|secures|"
                           r"closed|landed|lands|pulled in)\b")
# "Pretzels Inc., the manufacturer": an abbreviation's period, which the name leaves out, may
# come before the comma
_APPOSITION_GAPS = (", ", "., ")


def _antecedents(ref: Any, start: int, index: int, visible: dict[int, list[Mention]],
                 parsed: Sequence[tuple[Sentence, Any]], subject: bool = False,
                 end: int | None = None) -> list[Entity]:
    history: list[Mention] = []
    for i in sorted(visible):
        history.extend(m for m in visible[i] if m.span.start < start
                       and m.kind != "possessive" and m.entity.type != "NewsOrganization")
    # a discovered name of unknown type may be what "the company" means (but not what "it" means)
    compatible = [m for m in history if is_any(m.entity.type, ref.types)
                  or (m.entity.type == "Unknown" and not ref.pronoun
                      and ("Company" in ref.types or "Software" in ref.types))]
    if ref.possessive:
        # "offered Wi-Fi on its Airbus fleet ... its Horizon Air subsidiary": a name a possessive
        # determines is a thing possessed, not a possessor another "its" goes back to
        compatible = [m for m in compatible if not _possessed(m, parsed)]
    sentence = parsed[index][0]
    if ref.pronoun and _RAISED_AFTER.match(sentence.text, start - sentence.span.start):
        # "A Series B followed, led by Advent. In 2023 it raised $300 million": not the investor
        compatible = [m for m in compatible if not is_a(m.entity.type, "Investor")] or compatible
    if ref.possessive and not ref.plural:
        unknown = _untyped_clause_subject(history, sentence, index, start)
        if unknown is not None:
            return [unknown.entity]  # "CK Hutchison had sold its towers": a name discovery could not type
    if not compatible and ref.pronoun and not ref.plural and not ref.possessive and subject:
        # "Harrowby Precision was founded in 1987. In 2019 it bought ...": with no typed name to
        # go back to, a subject "it" continues the last sentence's subject discovery could not type
        topic = _topic(visible.get(index - 1, []), parsed[index - 1][0] if index > 0 else None)
        if topic is not None and topic.entity.type == "Unknown" and topic.kind == "discovered":
            return [topic.entity]
    if not compatible:
        return []
    here = [m for m in compatible if m.sentence == index]
    base = sentence.span.start
    gap = _between(here[-1], _at(start), sentence) if here else None
    # "Mist, the startup it bought": a pronoun right after a name or description is the subject
    # of a clause about it (no pronoun follows its own antecedent); "StarPlus Energy, its joint
    # venture with Samsung SDI": an apposition says what the name is, the possessor is another
    if ref.pronoun and (gap == " " or (ref.possessive and gap == ", ")):
        compatible = [m for m in compatible if m.entity.id != here[-1].entity.id]
        here = [m for m in compatible if m.sentence == index]
        if not compatible:
            return []
    # "Signify Health, the home health company that ...": an apposition; but "Crispin, the
    # company's line of crackers" names the possessor of what the name is, not the name itself
    owner_of_apposition = end is not None and sentence.text[end - base:].startswith(("'s ", "’s "))
    if here and not ref.pronoun and not ref.plural and not owner_of_apposition \
            and _between(here[-1], _at(start), sentence) in _APPOSITION_GAPS:
        return [here[-1].entity]
    if here and owner_of_apposition and _between(here[-1], _at(start), sentence) in _APPOSITION_GAPS:
        # the owner is the clause's subject ("HPE will divest Instant On, the company's line of
        # ..."); with no named subject that a verb follows, the text does not say whose
        clause = _clause_subject(here, sentence, here[-1].span.start) or _topic(here, sentence)
        after = sentence.text[clause.span.end - base:] if clause is not None else ""
        if clause is not None and clause.entity.id != here[-1].entity.id \
                and (_FINITE_AFTER.match(after) or _VERB_S_AFTER.match(after)):
            return [clause.entity]
        return []
    if ref.possessive and not ref.plural and here \
            and _between(here[-1], _at(start), sentence) in (" and ", " & ", ", and "):
        return [here[-1].entity]  # "against Qantas and its budget arm Jetstar": Qantas's arm
    clause = _clause_subject(here, sentence, start)
    if ref.possessive and clause is not None and \
            _COPULA_BEFORE.search(sentence.text[clause.span.end - base:start - base]) and \
            not sentence.text[clause.span.end - base:start - base].strip(" ,").count(" ") > 2:
        # "Alphabet remains its only owner": nothing is its own owner, customer or rival
        compatible = [m for m in compatible if m.entity.id != clause.entity.id] or compatible
        here = [m for m in compatible if m.sentence == index]
        clause = None
    if ref.possessive and here and _INTO_ITS.match(sentence.text[here[-1].span.end - base:start - base]) \
            and _OBJECT_BEFORE_ITS.search(sentence.text[:here[-1].span.start - base]) \
            and (clause is None or clause.entity.id != here[-1].entity.id):
        compatible = [m for m in compatible if m.entity.id != here[-1].entity.id] or compatible
        here = [m for m in compatible if m.sentence == index]
    if ref.possessive and not ref.plural:
        if clause is not None:
            return [clause.entity]  # "..., while Microsoft contributes its Azure cloud"
        owners = [m for m in here if sentence.text[m.span.end - base:].startswith(("'s", "’s"))
                  and start - m.span.end <= 60 and sentence.text[start - base - 2:start - base] == ", "]
        if owners:
            return [owners[-1].entity]  # "CVS Health's pharmacies, its Aetna plans": parallel owner
    if subject and not ref.pronoun and not ref.plural and here:
        # "A spokesperson for TPG ... said the firm expects": the nearest name in the sentence
        return [here[-1].entity]
    end = start + len(sentence.text[start - base:].split(" ", 1)[0]) if end is None else end
    # "its", "their" and the like; "it led the startup's round" is not a possessor here: the
    # possessor of an object is not its clause's subject either
    possessor = sentence.text[start - base:end - base].endswith(("'s", "’s"))
    if not subject and not ref.possessive and not possessor and clause is not None:
        # "Walgreens invested in the company": an object is not its own clause's subject
        compatible = [m for m in compatible if m.entity.id != clause.entity.id] or compatible
    if not subject and not ref.possessive and here and \
            _VERB_BETWEEN.match(sentence.text[here[-1].span.end - base:start - base]):
        # "for the insurer to fold the company into ...": nor the name right before its verb
        compatible = [m for m in compatible if m.entity.id != here[-1].entity.id] or compatible
    if ref.plural:
        words = sentence.text[start - base:end - base].lower().split()
        count = next((_COUNT[w] for w in words if w in _COUNT), 0)
        typed = [m for i in sorted(visible) for m in visible[i] if m.span.start < start
                 and is_any(m.entity.type, ref.types)]  # possessives count here: "Its app ... the two"
        return _last_group(compatible, visible, parsed, count, typed)
    speakable = compatible + [m for m in history if m.entity.type == "Unknown"]
    if ref.pronoun:
        # "Lilly and Novartis are better ... It competes with ...": "it" is not one of a pair
        single = [m for m in compatible if not _coordinated(m, visible.get(m.sentence, []), parsed)]
        compatible = single or compatible
    preferred = [m for m in compatible if is_a(m.entity.type, ref.prefer)] if ref.prefer else compatible
    if not ref.pronoun and not preferred:
        preferred = compatible  # "the company" may still be a health system
    if ref.prefer and subject:
        said = _said_before(sentence.text[:start - base])
        if said:
            # "A smaller customer, Brightmeadow, said it moved ...": the speaker, even one of a pair
            # ("users include A and B, a broker, which said it") or a name discovery could not
            # type ("Orrery, which ..., said it had not"): a speaker "it" continues is no person
            speakers = [m for m in sorted(speakable, key=lambda m: m.span.start)
                        if m.sentence == index and m.span.end - base <= said.start()
                        and _SPEAKER_GAP.match(sentence.text[m.span.end - base:said.start()])
                        and (m.entity.type != "Unknown"
                             or _NO_PERSON_GAP.match(sentence.text[m.span.end - base:said.start()]))]
            if speakers:
                return [speakers[-1].entity]
        # "The company said it will ...": a subject pronoun continues the last subject before it
        # (not the subject of a relative clause: "X, in which Microsoft has invested, and it runs")
        subjects = [m for m in compatible if m.sentence == index and not _is_group(m, here)
                    and not _RELATIVE_BEFORE.search(sentence.text[:m.span.start - base])
                    and (_VERB_AFTER.match(sentence.text[m.span.end - base:])
                         or sentence.text[m.span.end - base:].startswith(("'s ", "’s ")))]
        if subjects:
            return [subjects[-1].entity]
        topic = _topic(visible.get(index, []), parsed[index][0])
        if topic is not None and any(m is topic for m in compatible):
            return [topic.entity]
    # a reference most often continues the topic (the subject) of its own or the last sentence;
    # "it" prefers a product, but with none named, an organization topic ("Google is OpenAI's
    # rival. It launched ...": Google, not the last name)
    for i in (index, index - 1):
        topic = _topic(visible.get(i, []), parsed[i][0] if i >= 0 else None)
        if topic is not None and any(m is topic for m in preferred or compatible):
            return [topic.entity]
    recent = [m for m in preferred if m.sentence >= index - 1]
    if preferred and not ref.pronoun:
        # "The company's platform draws on ...": with no topic to continue, a description means
        # the name the text has kept returning to (of those just read, if any), and of two as
        # often named, the one named first
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in compatible:
            counts[m.entity.id] = counts.get(m.entity.id, 0) + 1
            first.setdefault(m.entity.id, m.span.start)
        pool = recent or preferred
        top = max(counts[m.entity.id] for m in pool)
        latest = pool[-1]
        if counts[latest.entity.id] * 2 > top and counts[latest.entity.id] != top:
            return [latest.entity]  # named nearly as often: the latest
        return [min((m for m in pool if counts[m.entity.id] == top), key=lambda m: first[m.entity.id]).entity]
    if recent:
        return [recent[-1].entity]
    return [compatible[-1].entity]


_POSSESSIVE_BEFORE = re.compile(r"(?:\b(?:its|their|his|her|our)|'s|’s)\s+$", re.IGNORECASE)


def _possessed(mention: Mention, parsed: Sequence[tuple[Sentence, Any]]) -> bool:
    sentence = parsed[mention.sentence][0]
    start = mention.span.start - sentence.span.start
    return bool(_POSSESSIVE_BEFORE.search(sentence.text, max(0, start - 8), start))


def _said_before(before: str) -> re.Match[str] | None:
    """The "said" whose clause a pronoun opens: right before it ("X said it"), or before an earlier
    clause this one is coordinated with ("X said ..., and that it")."""
    said = _SAID_BEFORE.search(before)
    if said or not _AND_THAT.search(before):
        return said
    return ([None] + list(_SAID_WORD.finditer(before)))[-1]


def _topic(mentions: list[Mention], sentence: Sentence | None) -> Mention | None:
    """The sentence's likely subject: the mention it starts with, else the first mention that a
    verb follows ("Founded in 2021 by ..., Anthropic competes with ...")."""
    if not mentions or sentence is None:
        return None
    ordered = sorted(mentions, key=lambda m: m.span.start)
    if ordered[0].span.start - sentence.span.start <= 12:
        return ordered[0]
    base = sentence.span.start
    for m in ordered:
        if m.kind != "possessive" and _FINITE_AFTER.match(sentence.text[m.span.end - base:]):
            return m
    for m in ordered:  # "Founded in 2020 by A and B, Ambience builds ...": after an opening phrase
        if m.kind != "possessive" and _OPENING_PHRASE.match(sentence.text[:m.span.start - base]) \
                and _PRESENT_AFTER.match(sentence.text[m.span.end - base:]):
            return m
    return None


# "X sells ...", not "the X business will ...": a verb in -s, not a noun in -ss
_VERB_S_AFTER = re.compile(r"^\s+(?:\w+ly\s+)?[a-z]+(?<!s)s\b(?!\s+(?:of|and|or)\b)")
_OPENING_PHRASE = re.compile(r"^[A-Z][^,;]*,\s*$")
_PRESENT_AFTER = re.compile(r"^\s+(?:\w+ly\s+)?[a-z]+(?:s|ed)\b(?!\s+(?:of|and|or)\b)")


def _coordinated(mention: Mention, mentions: list[Mention], parsed: Sequence[tuple[Sentence, Any]]) -> bool:
    """"Lilly and Novartis are ...": the mention is one of a list of names joined by "and"."""
    sentence = parsed[mention.sentence][0]
    ordered = sorted((m for m in mentions if m.kind != "possessive"), key=lambda m: m.span.start)
    # the run of names joined by commas and "and"/"or" that holds the mention
    runs: list[list[Mention]] = []
    closed = True  # a run ends with its "and": "Founded by A and B, Ambience builds ..."
    for m in ordered:
        gap = _between(runs[-1][-1], m, sentence) if runs else ""
        if runs and not closed and runs[-1][-1].span.end <= m.span.start and _COORD_GAP.match(gap) \
                and not sentence.text[runs[-1][-1].span.end - sentence.span.start:].startswith(("'s", "’s")):
            runs[-1].append(m)
            closed = bool(_AND.search(gap))
        else:
            runs.append([m])
            closed = False
    for run in runs:
        if any(m is mention for m in run) and len({m.entity.id for m in run}) > 1:
            gaps = " ".join(_between(a, b, sentence) for a, b in zip(run, run[1:], strict=False))
            return bool(_AND.search(gaps))
    return False


_AND = re.compile(r"\b(?:and|or)\b|&|as well as")


def _last_group(compatible: list[Mention], by_sentence: dict[int, list[Mention]],
                parsed: Sequence[tuple[Sentence, Any]], count: int = 0,
                typed: list[Mention] | None = None) -> list[Entity]:
    """The most recent coordination of two or more names ("A, B and C"); "the two companies"
    with no coordination before it: the last two names of the latest sentence that has two."""
    ids = {id(m) for m in compatible}
    typed = typed or compatible
    for sentence_index in sorted({m.sentence for m in compatible + typed}, reverse=True):
        names = [m for m in by_sentence[sentence_index] if id(m) in ids]
        distinct: dict[str, Entity] = {}
        for m in reversed([m for m in typed if m.sentence == sentence_index]):
            distinct.setdefault(m.entity.id, m.entity)
        sentence = parsed[sentence_index][0]
        groups: list[list[Mention]] = []
        for m in names:
            possessor = sentence.text[m.span.end - sentence.span.start:].startswith(("'s", "’s"))
            if groups and not possessor and _COORD_GAP.match(_between(groups[-1][-1], m, sentence)):
                groups[-1].append(m)
            else:
                groups.append([m])
        multi = [g for g in groups if len(g) > 1]
        if multi:
            return [m.entity for m in multi[-1]]
        if count and len(distinct) >= count:
            return list(distinct.values())[:count][::-1]
    return [compatible[-1].entity]


_CLAUSE_BREAK = re.compile(r"(?:,\s*(?:and|but|while|whereas|although|as|[a-z]+ing)\b|;|"
                           r"\b(?:while|whereas|that|which|who|after|before|when|because|although|though)\b)\s*")


def _is_group(mention: Mention, here: list[Mention]) -> bool:
    """A plural reference ("the two companies") stands for several entities at one span."""
    return sum(1 for m in here if m.span == mention.span) > 1


def _untyped_clause_subject(history: list[Mention], sentence: Sentence, index: int,
                            start: int) -> Mention | None:
    """A discovered name of unknown type that opens the clause, right before its finite verb."""
    here = [m for m in history if m.sentence == index]
    clause = _clause_subject(here, sentence, start)
    if clause is None or clause.entity.type != "Unknown" or clause.kind != "discovered":
        return None
    after = sentence.text[clause.span.end - sentence.span.start:]
    return clause if _FINITE_AFTER.match(after) else None


def _clause_subject(here: list[Mention], sentence: Sentence, start: int) -> Mention | None:
    """The name that opens the clause holding `start`, if any (the sentence's topic, or the
    first name after the last ", and" / "; " / "while" before it)."""
    base = sentence.span.start
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence.text[:start - base])]
    opening = base + (breaks[-1] if breaks else 0)
    first = [m for m in here if opening <= m.span.start < start]
    if first and first[0].span.start - opening <= (4 if breaks else 12):
        return first[0]
    return None


def _at(offset: int) -> Mention:
    """A zero-width stand-in for a position, to measure the text between a mention and it."""
    return Mention(Span(offset, offset), "", Entity("", "", "Unknown"))


def _between(a: Mention, b: Mention, sentence: Sentence) -> str:
    base = sentence.span.start
    return sentence.text[a.span.end - base:b.span.start - base]
