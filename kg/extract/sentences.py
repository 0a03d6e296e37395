"""Split a document's body into sentences with exact character offsets."""
from __future__ import annotations

import re
from typing import Any

from ..model import Document, Sentence, Span
from .cues import Cues

MAX_LINE_CHARS = 200_000  # longer lines are split on whitespace first, to bound memory


def body_end(doc: Document, cues: Cues) -> int:
    """Where related-story lists and similar page furniture begin (a heading line of its own)."""
    offset = doc.body_start
    for line in doc.text[doc.body_start:].split("\n"):
        stripped = line.strip().rstrip(":").strip().lower()
        if stripped in cues.boilerplate or (stripped.endswith("→related articles")):
            return offset
        offset += len(line) + 1
    return len(doc.text)


def split_sentences(doc: Document, nlp: Any, end: int) -> list[tuple[Sentence, Any]]:
    """Sentences of doc.text[body_start:end]; each line is split on its own (headings stay whole)."""
    pieces: list[tuple[int, str]] = []
    title = re.search(r"^title:[ \t]*(\S[^\n]*)$", doc.text[:doc.body_start], re.MULTILINE)
    if title:  # a headline states the deal more often than any other sentence
        pieces.append((title.start(1), title.group(1)))
    for m in re.finditer(r"[^\n]+", doc.text[doc.body_start:end]):
        start = doc.body_start + m.start()
        line = m.group()
        while len(line) > MAX_LINE_CHARS:
            cut = line.rfind(" ", 0, MAX_LINE_CHARS)
            cut = cut if cut > 0 else MAX_LINE_CHARS
            pieces.append((start, line[:cut]))
            start, line = start + cut, line[cut:]
        pieces.append((start, line))
    pieces = [part for piece in pieces for part in _split_dateline(*piece)]
    out: list[tuple[Sentence, Any]] = []
    for (start, line_text), parsed in zip(pieces, nlp.pipe(text for _, text in pieces), strict=True):
        # the tokenizer keeps every character, so the Doc's text is line_text; Doc.text and
        # Span.text would rebuild it token by token
        for sent in _glued(parsed, line_text):
            raw = line_text[sent.start_char:sent.end_char]
            text = raw.strip()
            if not text:
                continue
            lead = len(raw) - len(raw.lstrip())
            s = start + sent.start_char + lead
            out.append((Sentence(Span(s, s + len(text)), text), sent))
    return out


def _glued(parsed: Any, text: str) -> list[Any]:
    """The sentences of a parsed line, with a break the tokenizer put inside a word undone
    ("Character.AI", "Ask.com" or "Node.js" has no space after its full stop and ends nothing),
    and an opening quotation mark moved to the sentence it opens."""
    out: list[Any] = []
    sents = _split_after_model_numbers(parsed) if _MODEL_NUMBER_BEFORE_CAPITAL.search(text) else parsed.sents
    for sent in sents:
        at = sent.start_char
        if out and text[at - 2:at - 1].isalpha() and text[at - 1] == "." and text[at].isalnum():
            out[-1] = parsed[out[-1].start:sent.end]
        elif out and _opens_a_quote(out[-1]):  # 'said. "We ...': the quote mark opens this one
            out[-1], sent = out[-1][:-1], parsed[sent.start - 1:sent.end]
            out.append(sent)
        else:
            out.append(sent)
    return out


# "AMD's MI300X. In the server market": the tokenizer keeps a model number's full stop on it, as
# on an initial ("J."), so no sentence ends there; one with a digit in it is no initial
_MODEL_NUMBER_STOP = re.compile(r"^[A-Za-z0-9-]*\d[A-Za-z0-9-]*[A-Z]\.$")
# the same in a line's text: most lines have none, and looking at their tokens costs more
_MODEL_NUMBER_BEFORE_CAPITAL = re.compile(r"\d[A-Za-z0-9-]*[A-Z]\.\s+[A-Z]")


def _split_after_model_numbers(parsed: Any) -> list[Any]:
    out: list[Any] = []
    for sent in parsed.sents:
        start = sent.start
        for token in sent[:-1]:
            after = parsed[token.i + 1]
            if _MODEL_NUMBER_STOP.match(token.text) and after.is_title and token.whitespace_:
                out.append(parsed[start:token.i + 1])
                start = token.i + 1
        out.append(parsed[start:sent.end])
    return out


def _opens_a_quote(sent: Any) -> bool:
    """A sentence the tokenizer ended with the quotation mark that opens the next one."""
    last = sent[-1]
    return len(sent) > 1 and last.text in ('"', "“") and sent[-2].whitespace_ != ""


# "PALO ALTO, Calif., Jan. 9, 2025 –", "WINTER HAVEN, Fla. and McKINNEY, Texas, May 20, 2024
# /PRNewswire/ --": places in capitals (two joined by "and"), a date, a wire's name, a dash
_PLACE_CAPS = r"(?:Mc)?[A-Z][A-Z .'-]+(?:, [A-Z][A-Za-z.]+){0,2}"
_DATELINE = re.compile(rf"^{_PLACE_CAPS}(?: and {_PLACE_CAPS})?"
                       r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
                       r"(?:\s*/[A-Za-z -]{2,30}/)?"
                       r"\s*(?:[–—-]{1,2}|\(\w+\)\s*[–—-]{1,2})\s+")


def _split_dateline(start: int, line: str) -> list[tuple[int, str]]:
    """"PALO ALTO, Calif., Jan. 9, 2025 – Acme ...": the dateline is not part of the sentence."""
    m = _DATELINE.match(line)
    if not m:
        return [(start, line)]
    return [(start, line[:m.end()].rstrip()), (start + m.end(), line[m.end():])]
