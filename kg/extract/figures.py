"""Figures: money, percentages, counts and durations, with unit, metric and the entity described."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import PatternError
from ..model import Claim, Entity, Figure, Mention, Sentence, Span
from ..resources import UNITS_FILE
from .cues import alternatives, words_regex
from .prefilter import fold, keep_shortest
from .types import is_a, is_any


@dataclass(frozen=True)
class Units:
    number: re.Pattern[str]
    # a number holds a digit or one of the number words: a cheap search over fold(text) for them
    number_words: re.Pattern[str]
    scales: dict[str, float]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    # "232 billion Danish kroner": a currency named in words after the number
    word_currency: re.Pattern[str]
    # "10 cents": a hundredth of the currency named
    minor_currency: re.Pattern[str]
    minor_currency_words: dict[str, str]
    percent: re.Pattern[str]
    durations: dict[str, str]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    compound_units: tuple[str, ...]
    unit_stop_words: frozenset[str]
    not_units: frozenset[str]
    money_metrics: tuple[tuple[str, re.Pattern[str]], ...]
    # metrics named only by the phrase right after money: "$31 billion of new bonds"
    money_metrics_after: tuple[tuple[str, re.Pattern[str]], ...]
    # each metric's cue words, folded: a window holding none of them needs no regex run
    money_metric_words: tuple[tuple[str, ...], ...]
    # "a 60-surgeon practice": singular noun after the hyphen -> the unit it counts
    count_compounds: dict[str, str]
    headcount_nouns: frozenset[str]
    people_nouns: frozenset[str]
    headcount_cues: re.Pattern[str]
    # "headcount stands at about ": a headcount metric and a linking verb right before the number
    headcount_before: re.Pattern[str]
    # "Monthly active users on the PlayStation Network reached 124 million": the noun counted
    counted_before: re.Pattern[str]
    # "92 of the Fortune 100": a ranking of companies after "N of the"
    partitive_group: re.Pattern[str]
    partitive_unit: str
    # "bought X from Y for $N": Y, right after the cue, is the seller
    seller_before: re.Pattern[str]
    # "$600 million, made up of $375 million in cash and ...": the gap before a part of a sum
    component_gap: re.Pattern[str]
    # "a $50 million seed round": the words after money that make it a funding round
    round_after: re.Pattern[str]
    # ", acquired the following year for $10.7 billion": a reduced clause about the phrase before it
    reduced_clause: re.Pattern[str]
    # "Tempus AI (NASDAQ: " before a ticker
    ticker_before: re.Pattern[str]
    # "..., Amazon said": the verb after a quoted source
    speaker_after: re.Pattern[str]
    # figures that a sentence naming no organization does not give to the topic of the text
    unowned_units: frozenset[str]
    unowned_metrics: frozenset[str]
    # "$1 billion more than once planned": the words after a difference between two figures
    difference_after: re.Pattern[str]
    # ", a round that valued it at ...": a description headed by one of these sums up its clause
    summary_nouns: frozenset[str]
    # "Phase 3 trials", "Type 2 diabetes": a word before a number that makes it a label
    label_before: re.Pattern[str]
    # "GAAP earnings per share": capitalised words of accounting that own no figure
    accounting_terms: frozenset[str]


@lru_cache(maxsize=2)
def load_units(path: Path = UNITS_FILE) -> Units:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return _build_units(raw)
    except (OSError, json.JSONDecodeError, KeyError, re.error) as e:
        raise PatternError(f"{path}: cannot load the unit table: {e}") from e


def _build_units(raw: dict) -> Units:
    symbols = sorted(raw["currency_symbols"], key=len, reverse=True)
    codes = raw["currency_codes"]
    words = sorted(raw["number_words"], key=len, reverse=True)
    scale_words = sorted(raw["scales"], key=len, reverse=True)
    long_scales = [s for s in scale_words if len(s) > 2]
    short_scales = [s for s in scale_words if len(s) <= 2]
    word_number = (r"(?:(?:" + "|".join(map(re.escape, words)) + r")(?:[\s-]+(?:and[\s-]+)?(?="
                   + "|".join(map(re.escape, words + long_scales)) + r"))?)+")
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    number = re.compile(
        r"(?<![\w.$€£¥-])"
        r"(?P<cur>" + "|".join(map(re.escape, symbols)) + "|" + "|".join(codes) + r"\s?)?"
        r"(?P<num>" + digits + "|" + word_number + r")"
        r"(?:\s?(?P<scale>" + "|".join(long_scales) + r")\b|(?P<short>" + "|".join(short_scales)
        + r")(?![a-z]))?"
        r"(?P<plus>\+|-plus\b)?",
        re.IGNORECASE)
    return Units(
        number=number,
        number_words=re.compile("|".join(map(re.escape, sorted(keep_shortest(
            frozenset(fold(w) for w in words)))))),
        scales={k.lower(): float(v) for k, v in raw["scales"].items()},
        currency_symbols=raw["currency_symbols"],
        currency_words={k.lower(): v for k, v in raw["currency_words"].items()},
        word_currency=re.compile(r"^\s?(" + "|".join(map(re.escape, sorted(
            raw["currency_words"], key=len, reverse=True))) + r")\b", re.IGNORECASE),
        minor_currency=re.compile(r"^\s?(" + "|".join(map(re.escape, sorted(
            w for w in raw["minor_currency_words"] if not w.startswith("_")))) + r")\b", re.IGNORECASE),
        minor_currency_words={k.lower(): v for k, v in raw["minor_currency_words"].items()
                              if not k.startswith("_")},
        percent=re.compile(r"^\s?(?:" + "|".join(map(re.escape, raw["percent_words"])) + r")(?!\w)",
                           re.IGNORECASE),
        durations=raw["durations"],
        qualifiers=tuple((name, re.compile(r"(?:^|\W)(?:" + "|".join(
            map(re.escape, sorted(cues, key=len, reverse=True))) + r")\s*$", re.IGNORECASE))
            for name, cues in raw["qualifiers"].items()),
        compound_units=tuple(raw["compound_units"]),
        unit_stop_words=frozenset(raw["unit_stop_words"]),
        not_units=frozenset(raw["not_units"]),
        money_metrics=tuple((name, words_regex(cues)) for name, cues in raw["money_metrics"]),
        money_metrics_after=tuple((name, words_regex(cues))
                                  for name, cues in raw["money_metrics_after"]["metrics"]),
        money_metric_words=tuple(tuple(fold(c) for c in cues) for _, cues in raw["money_metrics"]),
        count_compounds={k: v for k, v in raw["count_compounds"].items() if not k.startswith("_")},
        headcount_nouns=frozenset(raw["headcount"]["nouns"]),
        people_nouns=frozenset(raw["headcount"]["people_nouns"]),
        headcount_cues=words_regex(raw["headcount"]["cues"]),
        headcount_before=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, raw["headcount"][
            "metric_words"])) + r")\s+(?:" + "|".join(map(re.escape, raw["headcount"]["linking_words"]))
            + r")\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE),
        counted_before=_counted_before_regex(raw["counted_before"]),
        partitive_group=re.compile(r"^\s+of\s+the\s+(?:" + raw["partitive_groups"]["pattern"] + r")\b"),
        partitive_unit=raw["partitive_groups"]["unit"],
        # "from X", "from Y's X", "from private-equity firm X", "from A and X"
        seller_before=re.compile(r"\b(?:" + "|".join(map(re.escape, raw["seller_cues"]["words"]))
                                 + r")\s+(?:(?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*){0,3}"
                                 r"(?:,\s+|,?\s+(?:and|&)\s+))?(?:(?-i:[a-z])[\w-]*\s+){0,3}"
                                 r"(?:[A-Z][\w.-]*['’]s\s+)?$", re.IGNORECASE),
        component_gap=re.compile(r"^[^;:()]{0,60}?(?:^|[\s,])(?:" + "|".join(map(re.escape, sorted(
            raw["component_cues"]["words"], key=len, reverse=True))) + r")\s+(?:[a-z]+\s+){0,2}$",
            re.IGNORECASE),
        round_after=re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:" + "|".join(
            map(re.escape, raw["round_cues"]["words"])) + r")\b", re.IGNORECASE),
        reduced_clause=re.compile(r",\s+(?:" + "|".join(map(re.escape, raw["reduced_clause_verbs"]["words"]))
                                  + r")\b[^,;]*$", re.IGNORECASE),
        ticker_before=re.compile(r"\(\s*(?:" + "|".join(map(re.escape, sorted(
            raw["stock_exchanges"]["names"], key=len, reverse=True))) + r")\s*:\s*$"),
        speaker_after=re.compile(r"^\s+(?:" + "|".join(map(re.escape, raw["speaker_verbs"]["words"]))
                                 + r")\b"),
        unowned_units=frozenset(raw["unowned_without_a_name"]["units"]),
        unowned_metrics=frozenset(raw["unowned_without_a_name"]["metrics"]),
        difference_after=re.compile(r"^\s+(?:" + "|".join(map(re.escape, raw["difference_after"]["words"]))
                                    + r")\b", re.IGNORECASE),
        summary_nouns=frozenset(raw["summary_nouns"]["words"]),
        label_before=re.compile(r"(?:^|[^\w.])(?:" + "|".join(map(re.escape, raw["label_words"]["words"]))
                                + r")\s+$", re.IGNORECASE),
        accounting_terms=frozenset(raw["accounting_terms"]["words"]),
    )


@dataclass
class Quantity:
    value: float
    span: Span  # relative to the sentence
    is_money: bool
    currency: str | None
    percent: bool
    qualifier: str | None
    max_value: float | None = None
    unit: str = ""
    metric: str = ""
    owner_at: int | None = None  # where the name the count belongs to starts: "four HCA hospitals"


def _counted_before_regex(raw: dict) -> re.Pattern[str]:
    nouns, verbs = alternatives(raw["nouns"]), alternatives(raw["verbs"])
    return re.compile(rf"(?<![\w-])(?P<phrase>(?:(?-i:[a-z])[\w-]* ){{0,2}}(?P<noun>{nouns}))"
                      r"(?:\s+(?:on|of|to|at|for|across)\s+(?:the\s+)?[A-Z][^,;.]{0,40}?)?"
                      rf"\s+(?:{verbs})\s+(?:(?:about|roughly|around|nearly|some|more than|over|almost|"
                      r"just over|just under|a record)\s+)?$", re.IGNORECASE)


_LEADING_A = re.compile(r"^a\s")  # "a hundred" is "one hundred" to text2num
_SPACES = re.compile(r"\s+")


def parse_value(text: str, scale: str | None, units: Units) -> float | None:
    from text_to_num import text2num

    text = text.strip().lower().replace(",", "")
    try:
        value = float(text)
    except ValueError:
        words = _SPACES.sub(" ", _LEADING_A.sub("one ", text.replace("-", " "))).strip()
        try:
            value = float(text2num(words, "en"))
        except ValueError:
            return None
    if scale:
        value *= units.scales[scale.lower()]
    return value


_DIGIT = re.compile(r"\d")  # as wide as the number regex's \d: any Unicode decimal digit


def find_quantities(sentence: Sentence, blocked: list[Span], units: Units) -> list[Quantity]:
    """Numbers in the sentence that are figures, not years, dates, ranks or parts of names."""
    text = sentence.text
    if not _DIGIT.search(text) and not units.number_words.search(fold(text)):
        return []  # most sentences hold no number at all, and these searches say so quickly
    found: list[Quantity] = []
    for m in units.number.finditer(text):
        start, end = m.span()
        if any(b.start <= start + sentence.span.start < b.end for b in blocked):
            continue
        named = _named_count(m, text, blocked, sentence.span.start, units)
        q = _quantity(m, text, units) if named is None else named
        if q is not None:
            found.append(q)
    return _merge_ranges(found, text)


_COUNTED_AFTER_NAME = re.compile(r"^\s+([a-z]+)\b")


def _named_count(m: re.Match[str], text: str, blocked: list[Span], base: int,
                 units: Units) -> Quantity | None:
    """"four HCA hospitals", "2,800 VMware employees": a number, a name and one of the counted
    nouns of units.count_compounds count that name's things, even in small words ("two Microsoft
    executives" is not such a count)."""
    if m.group("cur") or m.group("scale") or m.group("short") or m.group("plus") \
            or text[m.end():m.end() + 1] != " ":
        return None
    name = next((b for b in blocked if b.start == base + m.end() + 1), None)
    counted = _COUNTED_AFTER_NAME.match(text[name.end - base:]) if name is not None else None
    if counted is None or counted.group(1) not in units.count_compounds.values():
        return None
    value = parse_value(m.group("num"), None, units)
    if value is None or _YEAR.fullmatch(m.group("num")):
        return None
    return Quantity(value, Span(m.start(), m.end()), False, None, False, _qualifier(text[:m.start()], units),
                    unit=counted.group(1), metric=counted.group(1), owner_at=m.end() + 1)


_HYPHEN_RANGE = re.compile(r"^[-–](\d[\d,]*(?:\.\d+)?)(?=\s)")


def _quantity(m: re.Match[str], text: str, units: Units) -> Quantity | None:
    num, cur, scale = m.group("num"), m.group("cur"), m.group("scale") or m.group("short")
    start, end = m.span()
    after, before = text[end:], text[:start]
    is_word = not num[0].isdigit()
    value = parse_value(num, scale, units)
    if value is None:
        return None
    currency = units.currency_symbols.get(cur.strip()) if cur else None
    if cur and not currency:
        currency = cur.strip().upper()
    word_currency = units.word_currency.match(after)
    if not currency and word_currency and (scale or is_word or value >= 1000):
        currency = units.currency_words[word_currency.group(1).lower()]
        end += word_currency.end()
    minor = units.minor_currency.match(after) if not (currency or scale) else None
    if minor:  # "about 10 cents a share" is 0.10 USD
        currency = units.minor_currency_words[minor.group(1).lower()]
        value /= 100
        end += minor.end()
    hyphen_range = _HYPHEN_RANGE.match(text[end:]) if not scale else None
    maximum = None
    if hyphen_range:  # "300-400 nurses"
        maximum = float(hyphen_range.group(1).replace(",", ""))
        end += hyphen_range.end()
    percent = units.percent.match(text[end:])
    if percent:
        end += percent.end()
    else:
        difference = units.difference_after.match(text[end:])
        if difference and not _TIME_AGO.match(text[end + difference.end():]):
            return None  # "$1 billion more than planned": a difference ("more than a year ago" is a time)
    compound = _count_compound(text[end:], units) if not (currency or percent or scale or maximum) else None
    if compound is not None:  # "a 60-surgeon practice", "an eleven-clinic practice"
        noun_end, unit, factor = compound
        return Quantity(value * factor, Span(start, end + noun_end), False, None, False,
                        _qualifier(before, units), unit=unit, metric=unit)
    if not (currency or percent or scale) and units.label_before.search(before[-20:]):
        return None  # "Phase 3 trials", "iOS 17 devices", "the top 10 hospitals": a label or a rank
    if not (currency or percent or scale) and (_RATIO_AFTER.match(text[end:])
                                               or _RATIO_BEFORE.search(before)):
        return None  # "1 in 5 users", "nine out of 10 doctors": a ratio, not a count
    if _not_a_figure(num, value, bool(currency), bool(percent), bool(scale), is_word,
                     before, text[end:] if maximum is None else " " + text[end:].lstrip(), m.group(0)):
        return None
    if _bound_on_a_class(before):
        return None  # "companies with more than 700 million users": a condition, no entity's figure
    qualifier = "atLeast" if m.group("plus") else _qualifier(before, units)
    if maximum is not None and maximum > value:
        return Quantity(value, Span(start, end), bool(currency), currency, bool(percent), "range", maximum)
    return Quantity(value, Span(start, end), bool(currency), currency, bool(percent), qualifier)


# a plural noun, "with" and a bound: "requires companies with more than", "hospitals with at least"
_THRESHOLD_BEFORE = re.compile(r"\b[a-z]{3,}[^s\W]s\s+with\s+(?:more than|over|at least|fewer than|less than|"
                               r"under|up to|above|below|upwards of|in excess of)\s+[$€£]?$")
_COUNTED_BEFORE = re.compile(r"\d\s+$")


def _bound_on_a_class(before: str) -> bool:
    """"requires companies with more than": a bound on things of a kind; not so "in 40 states with
    more than", where the things are counted and a figure in turn."""
    bound = _THRESHOLD_BEFORE.search(before)
    return bound is not None and not _COUNTED_BEFORE.search(before[:bound.start()])


_SMALL = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_RATIO_AFTER = re.compile(r"^\s+(?:in|out\s+of)\s+" + _SMALL + r"\b", re.IGNORECASE)
_RATIO_BEFORE = re.compile(r"(?<![\w.,])" + _SMALL + r"\s+(?:in|out\s+of)\s+$", re.IGNORECASE)
_TIME_AGO = re.compile(r"^\s+[\w-]+\s+(?:years?|months?|weeks?|days?|decades?)\s+ago\b", re.IGNORECASE)


_COMPOUND_AFTER = re.compile(r"^(?:-(?P<scale>[a-z]+))?-(?P<noun>[a-z]+)\b(?![-'’])", re.IGNORECASE)


def _count_compound(after: str, units: Units) -> tuple[int, str, float] | None:
    """"-surgeon practice", "-billion-parameter model": the hyphens and the counted noun, the unit it
    names and the scale between them."""
    m = _COMPOUND_AFTER.match(after)
    if not m or m.group("noun").lower() not in units.count_compounds:
        return None
    scale = (m.group("scale") or "").lower()
    if scale and (len(scale) <= 2 or scale not in units.scales):
        return None
    return m.end(), units.count_compounds[m.group("noun").lower()], units.scales[scale] if scale else 1.0


_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
_MONTH = re.compile(_MONTHS)
_MONTH_BEFORE = re.compile(_MONTHS + r"\s*$")
_LONGEST_MONTH = len("September.")
_YEAR_AFTER = re.compile(r"^,?\s*" + r"\d{4}")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)\b")
_GLUED_ON = re.compile(r"^[-–]?\w")
_PLUS_OR_SPACE = re.compile(r"^(?:-plus|\s)")
_OF_AFTER = re.compile(r"^\s*(?:of|in|out)\b")


def _not_a_figure(num: str, value: float, money: bool, percent: bool, scale: bool,
                  is_word: bool, before: str, after: str, matched: str) -> bool:
    if money or percent:
        return False
    if _ORDINAL_SUFFIX.match(after) or _GLUED_ON.match(after) and not _PLUS_OR_SPACE.match(after):
        return True  # ordinals, "52-week", "COVID-19", "o3"
    if _ends_on_month(before) or _YEAR_AFTER.match(after) and _MONTH.search(before[-12:]):
        return True
    if not scale and _YEAR.fullmatch(num):
        return True  # a year
    if is_word and not scale and value < 10:
        return True  # "one of", "two companies": small counts in words are rarely figures
    if _OF_AFTER.match(after) and is_word:
        return True
    if _SUPERLATIVE_AFTER.match(after):
        return True  # "one of the fifteen largest U.S. systems" ranks, it does not count
    return False


_SUPERLATIVE_AFTER = re.compile(r"^\s+(?:[a-z]+est|most\s+[a-z]+|top|leading)\b(?<!\binterest)(?<!\brequest)")


def _ends_on_month(before: str) -> bool:
    """"... on Jan. ": a month name, its full stop and spaces end the text. Such a match starts
    at most ten characters before the trailing spaces, so the search starts there, not at 0."""
    return _MONTH_BEFORE.search(before, max(0, len(before.rstrip()) - _LONGEST_MONTH)) is not None


def _qualifier(before: str, units: Units) -> str | None:
    tail = before[-30:]
    for name, regex in units.qualifiers:
        if regex.search(tail):
            return name
    return None


_RANGE_JOINER = re.compile(r"\s*(?:to|-|–|and|or)\s*")
_BETWEEN_BEFORE = re.compile(r"between\s*$")
_CHANGE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:(?:about|around|roughly|nearly|some|almost|just)\s+)?$")


def _joins_a_range(joiner: str, opener: str) -> bool:
    """"300-400 nurses", "between 10% and 15%"; not "grew from 200 to 300 clinics" or "by 2 points to
    35%", a change from one value to another (or by one to another), which are two figures."""
    if joiner == "to" and _CHANGE_BEFORE.search(opener):
        return False
    return joiner != "and" or _BETWEEN_BEFORE.search(opener) is not None


def _merge_ranges(found: list[Quantity], text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        if out:
            prev = out[-1]
            between = text[prev.span.end:q.span.start]
            if _RANGE_JOINER.fullmatch(between) and (
                    prev.is_money == q.is_money) and q.value >= prev.value:
                if _joins_a_range(between.strip(), text[:prev.span.start]):
                    out[-1] = Quantity(prev.value, Span(prev.span.start, q.span.end), q.is_money,
                                       q.currency or prev.currency, q.percent or prev.percent,
                                       "range", q.value)
                    continue
        out.append(q)
    return out


_HEAD_WORD = re.compile(r"^\s*([a-z]+)\b", re.IGNORECASE)
_DURATION_OF_OR_AGO = re.compile(r"^\s*[a-z]+\s+(?:of|ago)\b", re.IGNORECASE)


# "... and Alaska about 26,000": a name and a bare number after a count, its verb left out
_GAPPED_BEFORE = re.compile(r"(?:,\s+|\s+)(?:and|while|whereas|versus|vs\.?)\s+"
                            r"[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}\s+"
                            r"(?:(?:about|roughly|around|nearly|some|more than|over|almost|just)\s+)?$")


def describe(q: Quantity, text: str, units: Units) -> tuple[str, str] | None:
    """Unit and metric of a quantity from the words around it; None if it counts nothing."""
    before, after = text[:q.span.start], text[q.span.end:]
    if q.is_money:
        return q.currency or "USD", _money_metric(before, after, units)
    if q.percent:
        return "percent", _noun_phrase(after, units) or _of_phrase(before) or "share"
    head = _HEAD_WORD.match(after)
    if head and head.group(1).lower() in units.durations:
        # a bare duration ("within 18 months") is a timeline, rarely a fact about an entity;
        # keep ranges and spans of experience or data ("80+ years of longitudinal data")
        if q.max_value is None and not _DURATION_OF_OR_AGO.match(after):
            return None
        return units.durations[head.group(1).lower()], _duration_metric(before, after)
    if q.unit:
        return q.unit, q.metric
    if _COUNT_OF_THE_BEFORE.search(before):
        return None  # "24 of the 50 states": the 50 is the whole the count is taken from
    of_total = _OF_THE_TOTAL_AFTER.match(after)
    if of_total:  # "24 of the 50 U.S. states": 24 states
        after = after[of_total.end():]
    if units.partitive_group.match(after):  # "92 of the Fortune 100"
        return units.partitive_unit, units.partitive_unit
    partitive = _PARTITIVE.match(after)  # "more than 300 of its physicians"
    unit, metric = _counted(after[partitive.end():] if partitive else after, units)
    if not unit and units.headcount_before.search(before):
        return "employees", "headcount"  # "Headcount stands at about 80", "a workforce of 2,000"
    gapped = _GAPPED_BEFORE.search(before) if not unit else None
    if gapped:  # "Hawaiian has 7,400 employees and Alaska about 26,000": the first count's noun
        earlier = before[:gapped.start()]
        counts = list(units.number.finditer(earlier))
        if counts:
            unit, metric = _counted(earlier[counts[-1].end():], units)
    named = units.counted_before.search(before[-120:]) if not unit else None
    if named:  # "Monthly active users on the PlayStation Network reached 124 million"
        return named.group("noun").lower(), named.group("phrase").lower()
    if not unit:
        return None
    return _headcount(unit, before, units), metric


# "24 of the 50 states": a count taken from a whole that is counted too
_OF_THE_TOTAL_AFTER = re.compile(r"^\s+of\s+(?:the|its|their|all)\s+\d[\d,.]*(?=\s)")
_COUNT_OF_THE_BEFORE = re.compile(r"(?<![\w.,])\d[\d,.]*\s+of\s+(?:the|all)\s+$")  # not "300 of its 1,200"
# "300 of its physicians", "300 of Riverbend's physicians": the owner is named after "of"
_PARTITIVE = re.compile(r"^\s+of\s+(?P<owner>its|their|[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}['’]s?)\s+")


def _headcount(unit: str, before: str, units: Units) -> str:
    """"employs about 1,300 people", "1,000 lab staff": a headcount is counted in employees."""
    if unit in units.headcount_nouns or (
            unit in units.people_nouns and units.headcount_cues.search(before[-60:])):
        return "employees"
    return unit


_WHAT_AFTER = re.compile(r"^\s+(?:of|in)\s+((?:[\w-]+\s+){0,2}[\w-]+)")
_PER_SHARE = re.compile(r"^\s*(?:a|per) share\b")


def _money_metric(before: str, after: str, units: Units) -> str:
    if _PER_SHARE.match(after):
        return "price per share"
    named = _of_phrase(before)
    if named:
        return named
    what = _WHAT_AFTER.match(after)
    if what:  # "$3.1 billion of revenue", "$31 billion in new bonds": the phrase after names the money
        for name, regex in units.money_metrics + units.money_metrics_after:
            if regex.search(what.group(1)):
                return name
    # the cue nearest the number names it: "raised $130M at a $3B valuation"
    best: tuple[int, str] | None = None
    window = fold(after[:30]) + "\0" + fold(before[-80:])
    for (name, regex), words in zip(units.money_metrics, units.money_metric_words, strict=True):
        if not _any_in(words, window):
            continue
        for m in regex.finditer(after[:30]):
            best = min(best or (10**6, ""), (m.start(), name))
        for m in regex.finditer(before[-80:]):
            best = min(best or (10**6, ""), (len(before[-80:]) - m.end(), name))
    return best[1] if best else "amount"


_OF_PHRASE = re.compile(r"(?:^|[^\w-])((?:[\w-]+ ){0,2}[a-z][\w-]*) (?:of|was|is|reached|hit|"
                        r"totaled|totalled|stood at)\s+(?:(?:about|around|roughly|nearly|over|more than|"
                        r"almost|some|an estimated|north of|up to|approximately)\s+)?$")


def _any_in(words: tuple[str, ...], text: str) -> bool:
    for word in words:  # a plain loop: any() over a generator costs more than the tests
        if word in text:
            return True
    return False


def _of_phrase(before: str) -> str | None:
    m = _OF_PHRASE.search(before)
    if not m:
        return None
    words = [w for w in m.group(1).split() if w.lower() not in ("a", "an", "the", "its", "their")]
    # "reported annual revenue of", "Augmedix posted revenue of", "Labs projects revenue of": the
    # metric is what follows the last verb or name
    cut = max((i + 1 for i, w in enumerate(words[:-1])
               if w.endswith("ed") or w.lower() in _VERBS or w[:1].isupper()), default=0)
    return " ".join(words[cut:]).lower() or None


_VERBS = {"has", "had", "have", "hit", "posted", "posts", "saw", "see", "sees", "shows", "showed", "with",
          "projects", "project", "expects", "expect", "forecasts", "forecast", "reports", "report",
          "generates", "generate", "targets", "target", "sets", "set", "booked", "books"}


_WORDS = re.compile(r"[A-Za-z][\w-]*")


def _noun_phrase(after: str, units: Units) -> str | None:
    words = _WORDS.findall(after[:60])
    phrase = []
    for w in words[:3]:
        if w.lower() in units.unit_stop_words or w.lower() in units.not_units:
            break
        phrase.append(w.lower())
    return " ".join(phrase) or None


_DURATION_OF = re.compile(r"^\s*[a-z]+\s+(?:of\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.IGNORECASE)
_DURATION_AGO = re.compile(r"^\s*[a-z]+\s+ago", re.IGNORECASE)


def _duration_metric(before: str, after: str) -> str:
    m = _DURATION_OF.match(after)
    if _DURATION_AGO.match(after):
        return "age"
    return m.group(1).lower() if m else "duration"


_TOKENS = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z](?:[\w.'-]*\w)?|[^\sA-Za-z]")  # "U.S." is one word


def _counted(after: str, units: Units) -> tuple[str | None, str]:
    """The counted noun: '54 million de-identified patient records' -> records."""
    tokens = _TOKENS.findall(after[:120])
    words: list[str] = []
    for tok in tokens[:7]:
        low = tok.lower()
        if not tok[0].isalpha() or low in units.unit_stop_words:
            break
        words.append(low)
        if _plural(low, units):
            phrase = " ".join(words)
            for compound in units.compound_units:
                if phrase.endswith(compound):
                    return compound, phrase
            return low, phrase
    return None, ""


def _plural(word: str, units: Units) -> bool:
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
            and word not in units.not_units) or word in ("people", "staff", "children", "personnel")


SUBJECT_METRICS = ("funding", "valuation", "revenue", "annual revenue", "market capitalization", "debt")


# ", so the Bothell-based company contributed ...": a coordinated clause with a subject of its own
# that no name gives; what was named before it is not what its number describes
_DESCRIBED_SUBJECT_AFTER = re.compile(r",\s+(?:and|but|so|while|whereas|although|though)\s+(?:the|a|an)\s")
_CONTRAST_BEFORE = re.compile(r"(?:versus|vs\.?|compared (?:with|to)|against|while)\s+(?:\w+\s+){0,2}$")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[a-z]+\s+)?")
_NEXT_VERB = re.compile(r"\b(?:and|but|then)\s+[a-z]+")
_CLAUSE_GAP = re.compile(r"\b(?:by|from|with|and|while|but|whether)\b|[;,]")


def attach(q: Quantity, sentence: Sentence, mentions: list[Mention], metric: str = "",
           units: Units | None = None) -> Entity | None:
    """The entity a number describes: the nearest eligible name before it in its own clause."""
    base = sentence.span.start
    text = sentence.text
    contrast = _CONTRAST_BEFORE.search(text[:q.span.start])
    if contrast:
        return _after_for(q, sentence, mentions)
    clauses = _relative_clauses(text)
    inside = [c for c in clauses if c[0] <= q.span.start < c[1]]
    eligible = [_named_in_sentence(m, mentions, base)
                for m in mentions
                if (is_any(m.entity.type, ("Organization", "Product"))
                    or _untyped_subject(m, q, text, base, units))
                and m.entity.type != "NewsOrganization" and not _misread_description(m)
                and (not any(c[0] <= m.span.start - base < c[1] for c in clauses)
                     or any(c[0] <= m.span.start - base < c[1] for c in inside))]
    per_share = _per_named_share(q, text, base, eligible)
    if per_share is not None:
        return per_share
    appositives = _appositives(text, base, mentions, units)
    # "Comirnaty, the vaccine Pfizer sells with BioNTech, brought in ...": names in a description
    # of another name own nothing outside it
    eligible = [m for m in eligible if not any(a <= m.span.start - base < b <= q.span.start
                                                 for a, b, _ in appositives)]
    if not eligible:  # a discovered name of unknown type carries the figure if it is alone
        # (not one in a phrase of the clause: "850,000 acres in the Tarn Basin" are not the basin's)
        eligible = [m for m in mentions if m.entity.type == "Unknown" and m.kind == "discovered"
                    and not _metric_word(m, q, text, base, units)
                    and not _after_preposition(m, text, base)][:1]
    owner = _partitive_owner(q, text, base, eligible) or next(
        (m.entity for m in eligible if q.owner_at is not None and m.span.start - base == q.owner_at), None)
    if owner is not None:
        return owner
    described = next((head for a, b, head in appositives if a <= q.span.start < b), None)
    if described is not None:
        return described.entity  # "Aleph Alpha, the startup that raised $500 million": the name described
    reduced = units.reduced_clause.search(text[:q.span.start]) if units is not None else None
    # "X, the Detroit lender, bought Y ... for $N": a verb after an apposition is the sentence's
    # own, not a reduced clause describing the apposition
    if reduced and not any(b <= reduced.start() <= b + 1 for _, b, _ in appositives):
        return _reduced_clause_owner(reduced.start(), text, base, mentions)
    target = _money_target(q, text, base, eligible, metric)
    if target is not None:
        return target
    preceding = [m for m in eligible if m.span.end - base <= q.span.start]
    if q.is_money and units is not None:
        preceding = _without_sellers(preceding, text, base, units)
    gap = text[preceding[-1].span.end - base:q.span.start] if preceding else ""
    gapped = _GAPPED_BEFORE.search(text, 0, q.span.start)
    if gapped and (not preceding or preceding[-1].span.end - base <= gapped.start()):
        return None  # "... and Alaska about 26,000" with no name read in "Alaska": not the subject's
    if _DESCRIBED_SUBJECT_AFTER.search(gap):
        return None  # "..., and the Vyndaqel family about $5.4 billion": a new clause about something unnamed
    if preceding and _POSSESSIVE_GAP.fullmatch(gap):
        return preceding[-1].entity  # "Flatiron's $175 million Series C": the possessor's figure
    subject = _subject(preceding, text, base)
    if q.is_money and metric in SUBJECT_METRICS and subject is not None \
            and is_a(subject.entity.type, "Organization") and not _own_clause(preceding[-1], text, base):
        return subject.entity  # "A raised $5M led by B at a $1B valuation": both are A's
    if q.is_money:
        orgs = [m for m in preceding if is_a(m.entity.type, "Organization") or m.entity.type == "Unknown"]
        if orgs:
            return orgs[-1].entity
    if preceding:
        nearest = preceding[-1]
        subject = subject or _subject_pronoun(preceding[:-1])  # "X, said it moved ... in Y and cut"
        if subject is not None and subject is not nearest \
                and _after_preposition(_list_head(nearest, mentions, text, base), text, base) \
                and _NEXT_VERB.search(text[nearest.span.end - base:q.span.start]):
            return subject.entity  # "X moved its pipeline onto Claude in Bedrock and cut ... by 40%"
        return nearest.entity
    following = [m for m in eligible if 0 <= m.span.start - base - q.span.end <= 40
                 and not _CLAUSE_GAP.search(text[q.span.end:m.span.start - base])]
    if following:
        return following[0].entity  # never the investors "led by" in a round
    if units is None or q.percent or metric in units.unowned_metrics:
        return None  # "About 60% of doctors use scribes, X said" is a survey's share, not X's
    return _speaker(q, text, base, eligible, units)


_PER_BEFORE_NAME = re.compile(r"\s+(?:a|per|for each|for every)\s+")
_SHARE_AFTER_NAME = re.compile(r"\s+(?:common\s+|ordinary\s+)?(?:share|stock)\b")


def _per_named_share(q: Quantity, text: str, base: int, eligible: list[Mention]) -> Entity | None:
    """"$47.48 per Independent share": a price per share of the name that follows."""
    for m in eligible:
        start, end = m.span.start - base, m.span.end - base
        if start > q.span.end and _PER_BEFORE_NAME.fullmatch(text, q.span.end, start) \
                and _SHARE_AFTER_NAME.match(text, end):
            return m.entity
    return None


def _speaker(q: Quantity, text: str, base: int, eligible: list[Mention], units: Units) -> Entity | None:
    """"Members will pay $144 for their first year, Amazon said": the organization quoted as the
    source of a figure no earlier name owns."""
    for m in eligible:
        start, end = m.span.start - base, m.span.end - base
        if start >= q.span.end and text[:start].rstrip().endswith(",") \
                and units.speaker_after.match(text[end:]) and is_a(m.entity.type, "Organization") \
                and ";" not in text[q.span.end:start]:
            return m.entity
    return None


_COMPANY_DESCRIPTION = re.compile(r"\b(?:company|companies|startups?|start-ups?|firms?|makers?|giants?|"
                                  r"providers?|vendors?|conglomerates?|chipmakers?|insurers?|retailers?|"
                                  r"operators?)(?:['’]s?)?$",
                                  re.IGNORECASE)


def _misread_description(m: Mention) -> bool:
    """"The company reported revenue ...", "the two companies pump ...": a description of companies
    taken to mean a product or an agency (a name whose type was unknown when it was resolved)
    describes neither."""
    return m.kind in ("reference", "possessive") and _COMPANY_DESCRIPTION.search(m.text) is not None \
        and (is_a(m.entity.type, "Product") or m.entity.type == "GovernmentAgency")


def _metric_word(m: Mention, q: Quantity, text: str, base: int, units: Units | None) -> bool:
    """"Headcount stands at about 80", "GAAP earnings per share were $3.87": a capitalised metric
    or accounting word taken for a name owns nothing."""
    if units is None:
        return False
    return m.text in units.accounting_terms \
        or units.headcount_before.match(text[m.span.start - base:q.span.start]) is not None


def _after_preposition(m: Mention, text: str, base: int) -> bool:
    return _PREPOSITION_BEFORE.search(text[max(0, m.span.start - base - 12):m.span.start - base]) is not None


_LIST_JOINER = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _list_head(m: Mention, mentions: list[Mention], text: str, base: int) -> Mention:
    """"ahead of Visa, Amex and Citi": the first name of the list `m` ends (`m` if none)."""
    head = m
    while True:
        before = [n for n in mentions if n.span.end <= head.span.start
                  and _LIST_JOINER.fullmatch(text[n.span.end - base:head.span.start - base])]
        if not before:
            return head
        head = before[-1]


def _untyped_subject(m: Mention, q: Quantity, text: str, base: int, units: Units | None) -> bool:
    """"Halvard operates the field and holds 45% of it": a discovered name no cue typed (common
    in a sector the lexicon does not cover) that opens a clause of its own is what the clause is
    about, as an organization would be; one inside the clause ("in the Tarn Basin", "the
    plant-based Oatly line") is a place or a thing the clause mentions, and a capitalised metric
    word ("Headcount stands at 80") names nothing."""
    return m.entity.type == "Unknown" and m.kind == "discovered" \
        and _CLAUSE_START_BEFORE.search(text[:m.span.start - base]) is not None \
        and _own_clause(m, text, base) and not _metric_word(m, q, text, base, units)


# where a clause begins: the sentence start, a semicolon or ", and"; a possessor may come first
# ("; Harlow's Kestrel owns the rest")
_CLAUSE_START_BEFORE = re.compile(r"(?:^|;\s*|,\s+(?:and|but|while|whereas)\s+)(?:[A-Z][\w.&-]*['’]s\s+)?$")


def _subject_pronoun(preceding: list[Mention]) -> Mention | None:
    """The last "it" or "they" before a name: the subject of the clause that name sits in."""
    pronouns = [m for m in preceding if m.kind == "reference" and m.text.lower() in ("it", "they")]
    return pronouns[-1] if pronouns else None


def _partitive_owner(q: Quantity, text: str, base: int, eligible: list[Mention]) -> Entity | None:
    """"300 of its physicians": the possessor after "of" owns the count."""
    if q.is_money or q.percent:
        return None
    m = _PARTITIVE.match(text[q.span.end:])
    if not m:
        return None
    start = q.span.end + m.start("owner")
    return next((e.entity for e in eligible if e.span.start - base == start), None)


def _reduced_clause_owner(clause_start: int, text: str, base: int, mentions: list[Mention]) -> Entity | None:
    """"CA, which Broadcom bought for $18.9 billion, or Symantec's security business, acquired a year
    later for $10.7 billion": the clause describes the phrase between the comma before it and the
    one that opens it; a name there (even one of unknown type) owns the figure, and none does if
    that phrase names nothing."""
    phrase_start = max(text.rfind(",", 0, clause_start), text.rfind(";", 0, clause_start)) + 1
    named = [m for m in mentions if phrase_start <= m.span.start - base < clause_start
             and m.kind in ("name", "discovered", "possessive") and m.entity.type != "NewsOrganization"
             and (is_any(m.entity.type, ("Organization", "Product")) or m.entity.type == "Unknown")]
    return named[-1].entity if named else None


def _without_sellers(preceding: list[Mention], text: str, base: int, units: Units) -> list[Mention]:
    """"acquire Ambry from Konica Minolta for $600 million": the seller after "from" is not what
    the price is about, unless no other name is there."""
    kept = [m for m in preceding if not units.seller_before.search(text[:m.span.start - base])]
    return kept or preceding


def _named_in_sentence(m: Mention, mentions: list[Mention], base: int) -> Mention:
    """"Nvidia's results next to its data center business": a pronoun after a name (or a description,
    "The company said it would") in its own sentence stands for that name; one resolved to an entity
    this sentence does not name before it is taken to stand for the nearest organization named before
    it."""
    if m.kind not in ("reference", "possessive") or m.text.lower() not in _PRONOUNS:
        return m
    named = [n for n in mentions if n.span.start < m.span.start and (n.kind in ("name", "discovered") or (
        n.kind == "reference" and n.text.lower() not in _PRONOUNS))]  # "The company said it would ..."
    if any(n.entity.id == m.entity.id for n in named):
        return m  # named before the pronoun: an antecedent named only after it is rarely meant
    before = [n for n in named if n.span.end <= m.span.start and is_a(n.entity.type, "Organization")]
    return replace(m, entity=before[-1].entity) if before else m


_PRONOUNS = {"it", "its", "they", "their", "them"}


_LIST_GOES_ON = re.compile(r"^\s*(?:,|and\b|or\b|$)")
_APPOSITIVE = re.compile(r"^(?:\s+[a-z][\w-]*){0,2},\s+(?:(?:the|a|an)\s+(?P<rest>)"
                         r"|(?P<aside>(?:now\s+|already\s+|also\s+)?"
                         r"(?:available|based|headquartered|founded|owned|backed|controlled|listed|sold|made|"
                         r"built|developed|acquired|known|formerly)\b))[^,;()]*")


def _appositives(text: str, base: int, mentions: list[Mention],
                 units: Units | None) -> list[tuple[int, int, Mention]]:
    """"Aleph Alpha, the Heidelberg startup that raised ...": a description after a name (or a
    name and its noun, "The X app, available on A and B,") and a comma, opened by an article or a
    participle, running to the next comma, with the name it describes. A
    description that is a name ("Microsoft, the Gates Foundation and ...") is a list item (one
    that opens with a name, "iRobot, the Roomba maker", is not); one headed by a summary noun
    (", a round that valued it at ...") describes the clause before."""
    found = []
    for m in mentions:
        if m.kind not in ("name", "discovered") or m.entity.type == "NewsOrganization" \
                or not (is_any(m.entity.type, ("Organization", "Product")) or m.entity.type == "Unknown"):
            continue
        end = m.span.end - base
        description = _APPOSITIVE.match(text[end:])
        if description is None:
            continue
        first_word = end + (description.start("rest") if description.group("rest") is not None
                            else description.start("aside"))
        if any(n.span.start - base == first_word and _LIST_GOES_ON.match(text[n.span.end - base:])
               for n in mentions if n.kind in ("name", "discovered")):
            continue
        opening = _WORDS.findall(text[first_word:end + description.end()])[:4]
        if units is not None and description.group("rest") is not None \
                and any(w.lower() in units.summary_nouns for w in opening):
            continue
        found.append((end, end + description.end(), m))
    return found


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)
# "expects Seagen's products to add $3 billion", "to see Padcev hit $2 billion": a name that opens
# a clause of its own (its possessive or its verb follows) is the subject of that clause's money
_OWN_CLAUSE_AFTER = re.compile(r"^(?:['’]s\s|\s+(?!(?:and|or|in|of|from|for|to|with|on|at|as|by|into|than|"
                               r"that|which|who|the|a|an|led|co-led|among|including|plus)\b)[a-z]+\b)")


def _own_clause(nearest: Mention, text: str, base: int) -> bool:
    before = text[max(0, nearest.span.start - base - 12):nearest.span.start - base]
    if _PREPOSITION_BEFORE.search(before):
        return False  # "led by B", "from B": B is in a phrase of the clause, not its subject
    if _DETERMINER_BEFORE.search(before):
        return False  # "funded the Seagen purchase with ...": a name modifying a noun
    return _OWN_CLAUSE_AFTER.match(text[nearest.span.end - base:]) is not None


# a preposition, or a comparison ("ahead of JPMorgan", "behind Visa"), puts a name in a phrase of its clause
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|on|onto|into|through|via|from|with|at|by|to|ahead of|behind|than)"
                                 r"\s+(?:the\s+)?$")


_FOR_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:for|in|into)\s+(?P<the>the\s+)?")


def _money_target(q: Quantity, text: str, base: int, eligible: list[Mention],
                  metric: str) -> Entity | None:
    """"paid $3.9 billion for One Medical", "led a $40 million Series A in Zephyr", "put $1 billion
    into the startup": the name (or the description that refers to one) the money is for."""
    if not q.is_money or metric not in ("acquisition price", "funding", "investment", "amount"):
        return None
    after = _FOR_AFTER.match(text[q.span.end:])
    if not after:
        return None
    named_at = q.span.end + after.end()
    starts = {named_at, q.span.end + after.start("the") if after.group("the") else named_at}
    return next((m.entity for m in eligible if m.span.start - base in starts
                 and is_a(m.entity.type, "Organization")), None)


_MODIFIER_AFTER = re.compile(r"^(?:-\w+|['’]s)\s")


def _subject(preceding: list[Mention], text: str, base: int) -> Mention | None:
    """The name the sentence opens with, skipping modifiers ("GC-backed X", "Alphabet's X")."""
    for m in preceding:
        if m.span.start - base > 40:
            return None
        if not _MODIFIER_AFTER.match(text[m.span.end - base:]):
            return m if m.span.start - base <= 40 else None
    return None


_FOR_GAP = re.compile(r"\s+(?:\w+\s+)?for\s+(?:the\s+)?")


def _after_for(q: Quantity, sentence: Sentence, mentions: list[Mention]) -> Entity | None:
    base = sentence.span.start
    for m in mentions:
        gap = sentence.text[q.span.end:m.span.start - base]
        if m.span.start - base >= q.span.end and _FOR_GAP.fullmatch(gap):
            return m.entity
    return None


_RELATIVE_CLAUSE = re.compile(r",\s+(?:(?:in|of|for|with|to|from|by|through)\s+(?:which|whom)"
                              r"|which|who|whose|where)\b[^,;]*")


def _relative_clauses(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _RELATIVE_CLAUSE.finditer(text):
        spans.append((m.start(), m.end()))
    return spans


# "the deal", "The $1.7 billion agreement, later cut to $1.4 billion, ...": the deal of the text
_THE_DEAL = re.compile(r"\bthe (?:[$€£]?\d[\d.,]*\s?(?:billion|million|bn|m)?\s+)?(?:deal|transaction|"
                       r"acquisition|purchase|merger|takeover|buyout|round|financing|investment|raise|"
                       r"agreement)\b", re.IGNORECASE)


def extract_figures(sentence: Sentence, mentions: list[Mention], units: Units,
                    deal_target: Entity | None = None, topic: Entity | None = None) -> list[Figure]:
    """Figures of one sentence; `deal_target` is what "the deal" means here (the company bought
    or funded in a recent sentence), for "The deal was valued at $28.3 billion"; `topic` is what
    a sentence that names no organization is about (see sentence_topics)."""
    named = any(m.kind in ("name", "discovered") and is_any(m.entity.type, ("Organization", "Product"))
                for m in mentions)
    blocked = [m.span for m in mentions if m.kind in ("name", "discovered")]
    figures: list[Figure] = []
    whole: Figure | None = None  # the sum whose parts follow: "$600 million, made up of $375 million ..."
    for q in find_quantities(sentence, blocked, units):
        described = describe(q, sentence.text, units)
        part = _part_of_count(q, sentence, figures) if described is None else None
        if described is None and part is None:
            continue
        unit, metric = described or (part.unit, _part_metric(q, sentence.text, part))
        whole = _whole_of(q, sentence, figures, whole, units)
        restated = _restated_per_share(q, sentence.text, figures)
        if part is not None:  # "132 billion parameters, of which 36 billion are active"
            about = part.about
        elif restated is not None:  # "for $55 billion, or $210 a share": the price again, per share
            about = restated.about
        elif whole is not None:  # a part of a sum describes what the sum describes
            about, metric = whole.about, whole.metric
        else:
            about = attach(q, sentence, mentions, metric, units)
        if about is None and deal_target is not None and q.is_money and (
                _THE_DEAL.search(sentence.text) or units.round_after.match(sentence.text[q.span.end:])):
            about = deal_target  # "The deal was valued at ...", "That followed a $50 million seed round"
        if about is None and not named and _topic_may_own(q, unit, metric, sentence.text, units):
            about = topic  # "Members usually pay an annual fee of $199", after a sentence about One Medical
        if about is None:
            continue
        base = sentence.span.start
        figures.append(Figure(
            value=q.value, unit=unit, metric=metric or unit, about=about, sentence=sentence,
            span=Span(base + q.span.start, base + q.span.end), rule=_rule(q, unit),
            qualifier=q.qualifier, max_value=q.max_value, is_money=q.is_money,
            confidence=0.8 if q.is_money or q.percent else 0.6))
    return figures


_OR_BEFORE = re.compile(r"(?:,\s*or|\(|,\s*(?:equal|equivalent) to)\s*$")


def _restated_per_share(q: Quantity, text: str, figures: list[Figure]) -> Figure | None:
    """The money figure right before ", or $210 a share", which this one restates per share."""
    if not q.is_money or not figures or not figures[-1].is_money or not _PER_SHARE.match(text[q.span.end:]):
        return None
    previous = figures[-1]
    start = previous.span.end - previous.sentence.span.start
    return previous if start <= q.span.start and _OR_BEFORE.search(text, start, q.span.start) \
        and q.span.start - start <= 12 else None


def resolve_tickers(sentences: list[tuple[Sentence, list[Mention]]], units: Units) -> dict[str, Entity]:
    """"Tempus AI (NASDAQ: TEM)": the ticker's entity id -> the organization it trades as, for the
    whole text ("TEM rose 4% to $54.90" is Tempus AI's)."""
    owners: dict[str, Entity] = {}
    for sentence, mentions in sentences:
        base = sentence.span.start
        for m in mentions:
            cue = units.ticker_before.search(sentence.text[:m.span.start - base])
            if not cue or m.kind not in ("name", "discovered"):
                continue
            before = [o for o in mentions if o.span.end - base <= cue.start()
                      and not sentence.text[o.span.end - base:cue.start()].strip()
                      and is_a(o.entity.type, "Organization")]
            if before and before[-1].entity.id != m.entity.id:
                owners[m.entity.id] = before[-1].entity
    return owners


def _topic_may_own(q: Quantity, unit: str, metric: str, text: str, units: Units) -> bool:
    """Figures a sentence naming no organization gives to its topic: in digits ("a hundred random
    files" is a manner of speaking), and not shares, spans of time, market sizes or money raised."""
    return unit not in units.unowned_units and metric not in units.unowned_metrics \
        and _DIGIT.search(text[q.span.start:q.span.end]) is not None


def sentence_topics(sentences: list[tuple[Sentence, list[Mention]]]) -> list[Entity | None]:
    """What each sentence is about when it names no organization itself: the subject the sentence
    before opens with, by name or by a short name (unless it opens a quotation), else the
    organization the text mentions most (the first such on a tie)."""
    counts: dict[str, int] = {}
    first: dict[str, Entity] = {}
    for _, mentions in sentences:
        for m in mentions:
            if is_a(m.entity.type, "Organization") and m.entity.type != "NewsOrganization":
                counts[m.entity.id] = counts.get(m.entity.id, 0) + 1
                first.setdefault(m.entity.id, m.entity)
    main = first[max(counts, key=lambda k: counts[k])] if counts else None  # dicts keep first-seen order
    topics: list[Entity | None] = []
    previous: Entity | None = None
    for sentence, mentions in sentences:
        short = _short_name(sentence.text, first.values(), counts)
        topics.append(short or previous or main)
        orgs = [m for m in mentions if is_a(m.entity.type, "Organization")
                and m.entity.type != "NewsOrganization" and m.kind in ("name", "discovered", "reference")]
        opener = _subject(orgs, sentence.text, sentence.span.start)
        # a sentence that opens a quotation opens with the speaker's words, not the story's subject
        quoted = sentence.text.startswith(_QUOTES)
        # one that opens with a short name no mention stands for ("Change processes ...") is about it
        previous = (opener.entity if opener is not None else short) if not quoted else None
    return topics


_QUOTES = ('"', "“", "‘", "'")
_OPENING_WORD = re.compile(r"^([A-Z][\w&-]{2,})\b(?!\s+[A-Z])")
_NOT_SHORT_NAMES = {"The", "This", "That", "These", "Those", "Its", "Their", "Our", "New"}


def _short_name(text: str, entities, counts: dict[str, int]) -> Entity | None:
    """"Change, based in Nashville, processes ...": a sentence opening with the first word of one
    organization's longer name (Change Healthcare) is about that organization; of several such
    ("Halvard Inc" and its "Halvard Foods" unit), about the one the text names most, if one is."""
    m = _OPENING_WORD.match(text)
    if not m or m.group(1) in _NOT_SHORT_NAMES:
        return None
    found = sorted((e for e in entities if len(e.label.split()) > 1 and e.label.split()[0] == m.group(1)),
                   key=lambda e: -counts.get(e.id, 0))
    if len(found) > 1 and counts.get(found[0].id, 0) == counts.get(found[1].id, 0):
        return None
    return found[0] if found else None


_OF_WHICH_BEFORE = re.compile(r",\s+of\s+(?:which|whom)\s+(?:[a-z]+\s+){0,2}$")
_STATE_AFTER = re.compile(r"^\s+(?:are|were|is|was)\s+([a-z][\w-]*)")


def _part_of_count(q: Quantity, sentence: Sentence, figures: list[Figure]) -> Figure | None:
    """"132 billion total parameters, of which 36 billion are active": a bare number after "of
    which" counts some of the things the count before it counts."""
    if q.is_money or q.percent or not figures or figures[-1].is_money or figures[-1].unit == "percent":
        return None
    last = figures[-1]
    between = sentence.text[last.span.end - sentence.span.start:q.span.start]
    return last if _OF_WHICH_BEFORE.search(between) and "." not in between else None


def _part_metric(q: Quantity, text: str, part: Figure) -> str:
    state = _STATE_AFTER.match(text[q.span.end:])
    return f"{state.group(1).lower()} {part.unit}" if state else part.unit


_NEXT_PART = re.compile(r"^(?:\s+in\s+[\w\s-]{1,30}?)?,?\s+(?:and|plus)\s+$")


def _whole_of(q: Quantity, sentence: Sentence, figures: list[Figure], whole: Figure | None,
              units: Units) -> Figure | None:
    """The money figure `q` is a part of: the one right before a cue ("made up of", "consisting
    of"), or, for the next part ("... in cash and $225 million in stock"), the same sum again."""
    if not q.is_money or not figures or not figures[-1].is_money:
        return None
    last = figures[-1]
    gap = sentence.text[last.span.end - sentence.span.start:q.span.start]
    if units.component_gap.match(gap):
        return last
    if whole is not None and _NEXT_PART.match(gap):
        return whole
    return None


def _rule(q: Quantity, unit: str) -> str:
    kind = "money" if q.is_money else "percent" if q.percent else "count"
    if unit in ("years", "months", "weeks", "days", "quarters", "decades"):
        kind = "duration"
    return f"figure.{kind}" + (".range" if q.max_value is not None else "")


DEAL_METRICS = ("acquisition price", "sale price", "deal value", "amount", "price per share")


def bind_deal_money(figures: list[Figure], claims: list[Claim]) -> list[Figure]:
    """The price of an acquisition belongs to what was bought, whichever name sits nearest the
    number ("Microsoft's $19.7 billion purchase of Nuance" and "Microsoft bought Nuance for
    $19.7 billion" give one figure about Nuance). Only the buyer's figure moves: money about a third
    name ("..., or Symantec's security business, acquired a year later for $10.7 billion") is the
    price of another purchase."""
    bought = {(c.sentence.span, c.subject.id): c.object for c in claims
              if c.predicate == "acquired" and c.polarity == "asserted"}
    return [replace(f, about=bought[(f.sentence.span, f.about.id)], metric=_deal_metric(f.metric))
            if f.is_money and f.metric in DEAL_METRICS and (f.sentence.span, f.about.id) in bought else f
            for f in figures]


def bind_funding_money(figures: list[Figure], claims: list[Claim]) -> list[Figure]:
    """"The new funding brings the company's total raised to $100 million": a funding figure whose
    owner the sentence does not name, only refers to, and who is a backer in the text's funding
    claims, is the funded company's (the reference went to the investor named last)."""
    backed = [(c.sentence.span.start, c.subject.id, c.object) for c in claims
              if c.predicate == "investsIn" and c.polarity == "asserted"]
    out = []
    for f in figures:
        funded = [obj for start, backer, obj in backed
                  if backer == f.about.id and start <= f.sentence.span.start]
        if f.is_money and f.metric == "funding" and funded and not _names(f.about, f.sentence.text):
            f = replace(f, about=funded[-1])
        out.append(f)
    return out


HEADLINE_ROUNDING = 0.05  # "$35 billion" in a headline for the body's "$35.3 billion"


def without_rounded_headlines(figures: list[Figure], body_start: int) -> list[Figure]:
    """A headline rounds ("Capital One's $35 billion bid"): a headline figure near a body figure of
    the same unit but not equal to it is that figure again, less exact, and is dropped; one the body
    repeats exactly, or does not give at all, is kept."""
    body = [f for f in figures if f.sentence.span.start >= body_start]
    return [f for f in figures if f.sentence.span.start >= body_start or not any(
        b.unit == f.unit and b.value != f.value and abs(b.value - f.value) <= HEADLINE_ROUNDING * b.value
        for b in body)]


def _names(entity: Entity, text: str) -> bool:
    return any(name in text for name in (entity.label, *entity.aliases))


def _deal_metric(metric: str) -> str:
    return "acquisition price" if metric in ("amount", "deal value") else metric
