#!/usr/bin/env python3
"""Deterministic synthetic deal news for benchmarks: N articles of about 5 KB each.

Every sentence comes from the templates below (written for this benchmark, none taken from a real
article); the names are the lexicon's entities plus invented companies. Article i depends only on
(seed, i) and the lexicon, so the first 100 articles of a 10,000-article run are the 100-article
run.

    python bench/generate.py 1000 /tmp/articles [--seed 0] [--size 5000]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"

PREFIXES = ("Veridian", "Northwind", "Caldera", "Solace", "Brightpath", "Lumen", "Harbor", "Quillon",
            "Meridian", "Cobalt", "Aster", "Tidewell", "Kestrel", "Orchard", "Sable", "Larkspur",
            "Nimbus", "Halcyon", "Fennel", "Juniper", "Paragon", "Redwood", "Silverline", "Trellis",
            "Vantage", "Wren", "Zephyr", "Atlas", "Beacon", "Cinder", "Driftwood", "Everly")
MIDDLES = ("", "", "", "Bay", "North", "Blue", "River", "Point", "Stone")
COMPANY_HEADS = ("Health", "AI", "Labs", "Bio", "Medical", "Analytics", "Therapeutics", "Diagnostics")
INVESTOR_HEADS = ("Capital", "Ventures", "Partners", "Growth")
PRODUCT_HEADS = ("GPT", "Scribe", "Copilot", "Vision", "Assist", "Insight")
PLATFORM_HEADS = ("Cloud", "Marketplace", "Exchange")
PUBLISHERS = ("Health Ledger", "Deal Street Daily", "The Care Economy", "Clinical Markets Weekly",
              "Signal & Noise Health", "MedTech Dispatch", "Boardroom Health", "Pulse Capital Review")
CITIES = ("Boston", "Austin", "Nashville", "Toronto", "Denver", "Chicago", "Seattle", "Atlanta",
          "Minneapolis", "San Diego", "Pittsburgh", "Raleigh")
FIRST = ("Dana", "Priya", "Marcus", "Elena", "Tomas", "Aisha", "Jordan", "Mei", "Oluwaseun", "Ines",
         "Rafael", "Hannah", "Kenji", "Sofia", "Victor", "Leah")
LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Brennan", "Castillo", "Novak",
        "Ferreira", "Abara", "Whitfield", "Sorensen", "Iyer", "Kowalski", "Delgado", "Achterberg")
ROUNDS = ("seed", "Series A", "Series B", "Series C", "Series D", "growth")
ROLES = ("chief executive", "chief medical officer", "chief technology officer", "president",
         "head of strategy", "chief financial officer")


# One article: a headline, a lede about the main deal, then paragraphs mixing the deal's details,
# figures, background deals, competition, denials and commentary, until the size is reached.
HEADLINES = {
    "acquisition": ["{A} to acquire {B} for {MONEY}", "{A} buys {B} in {MONEY} deal",
                    "{B} agrees to be acquired by {A}"],
    "funding": ["{B} raises {MONEY} {ROUND} led by {INV}", "{INV} leads {MONEY} round in {B}",
                "{B} lands {MONEY} to expand {PROD}"],
    "partnership": ["{A} and {H} sign partnership on {PROD}", "{H} picks {A} to build {PROD}",
                    "{A}, {H} team up on clinical AI"],
    "distribution": ["{PROD} comes to {PLAT} under {A} deal", "{A} will distribute {PROD} from {B}"],
}

LEDES = {
    "acquisition": [
        "{A} agreed to acquire {B} for {MONEY}, the companies said on {WEEKDAY}.",
        "{A} has signed a definitive agreement to acquire {B} in a cash-and-stock deal valued at {MONEY}.",
        "{B}, the {CITY}-based maker of {PROD}, will be acquired by {A} for about {MONEY}.",
    ],
    "funding": [
        "{B} raised {MONEY} in a {ROUND} led by {INV}, with participation from {INV2}.",
        "{INV} led {B}'s {MONEY} {ROUND} round, the startup said on {WEEKDAY}.",
        "{B}, a {CITY} startup that builds {PROD}, has closed a {MONEY} {ROUND} led by {INV}.",
    ],
    "partnership": [
        "{H} and {A} announced a multiyear partnership to develop {PROD}.",
        "{A} signed an agreement with {H} to co-develop {PROD} for use across its hospitals.",
        "{H} entered into a strategic collaboration with {A} on {PROD}, the organizations said.",
    ],
    "distribution": [
        "{A} will distribute {PROD}, which is developed by {B}, to hospital customers worldwide.",
        "{PROD} will be available through {PLAT} under a new agreement between {A} and {B}.",
        "{A} secured the rights to distribute {PROD} across North America, {B} said.",
    ],
}

BODY = [
    # ownership and negation
    "{PROD} will be owned by {B}, not {A}, according to people familiar with the terms.",
    "Under the terms, {H} retains ownership of {PROD} and of the data used to train it.",
    "{B} will continue to operate as a wholly owned subsidiary of {A}.",
    "{A} does not own {PROD}; it holds only a license to resell it.",
    "{B}'s {PLAT} platform, which the company built over the past {YEARS} years, is not part of the deal.",
    # development, deployment, distribution
    "{B} develops {PROD}, a tool that drafts clinical notes from recorded visits.",
    "Engineers at {A} and {B} will jointly develop the next version of {PROD}.",
    "{H} has deployed {PROD} in {COUNT} clinics and plans to reach {COUNT2} more by {YEAR}.",
    "{H2} began rolling out {PROD} to its emergency departments in {MONTH}.",
    "{PROD} is available through {PLAT}, where customers pay per request.",
    "{A} will make {PROD} available on {PLAT} later this year.",
    "{A} distributes {PROD} through its existing hospital sales force.",
    # investments and money
    "{INV} invested {MONEY2} in {B} in {YEAR}, and {INV2} has backed the company since its seed round.",
    "The round values {B} at {VALUATION}, up from {VALUATION2} a year earlier.",
    "{INV2} took a {PCT} stake in {B} as part of the financing.",
    "{B} said it has raised {MONEY2} to date from investors including {INV} and {INV2}.",
    "{A} paid roughly {MULT} times {B}'s annual revenue, which reached {MONEY2} last year.",
    # figures
    "{B} employs {COUNT3} people and reports {COUNT4} paying customers.",
    "Revenue at {B} grew {PCT} year over year to {MONEY2}.",
    "{PROD} processed {COUNT5} patient encounters in its first year, cutting documentation time by {PCT}.",
    "The deal is expected to close in the {QUARTER} quarter of {YEAR}, subject to regulatory approval.",
    "{A} expects the purchase to add {PCT2} to its health revenue within {YEARS} years.",
    # competition
    "{PROD} competes with {RIVAL} in a crowded market for ambient documentation.",
    "{B} competes with {C} and {C2}, both of which have raised large rounds this year.",
    "The move puts {A} in direct competition with {C} for hospital contracts.",
    # background deals
    "{A} previously acquired {C2} for {MONEY3} in {YEAR0}.",
    "Last year {C} partnered with {H2} to test a similar model on radiology reports.",
    "{H2} selected {C} in {YEAR0} to run its patient messaging.",
    # commentary
    "\"We think {PROD} can give clinicians back hours every week,\" said {PERSON}, {ROLE} of {B}.",
    "\"This is about scale,\" {PERSON2}, {ROLE2} at {A}, said in an interview.",
    "Analysts at {PUBLISHER} said the price reflects how scarce clinical training data has become.",
    "Neither company disclosed how revenue from {PROD} will be shared.",
    "Hospitals have been cautious about generative tools, citing privacy and accuracy concerns.",
    "Shares of {A} were little changed after the announcement.",
    "The agreement does not give {A} access to identifiable patient records, {H} said.",
    "{B} was founded in {YEAR0} by two former emergency physicians in {CITY}.",
    "Several health systems, including {H} and {H2}, are already customers of {B}.",
    "Investors have poured money into clinical AI startups since {YEAR0}.",
    "{C} launched a competing product in {MONTH}, priced at {MONEY4} a year per hospital.",
    "{A} said the acquisition would be funded with cash on hand and about {MONEY3} of new debt.",
    "{B} will keep its {CITY} headquarters and its {COUNT3} employees, {A} said.",
    "{INV} has now backed {COUNT6} health AI companies, including {C2}.",
    "The companies expect {PROD} to be used by about {COUNT3} clinicians by the end of {YEAR}.",
    "{H2} signed a {YEARS}-year contract with {B} worth {MONEY2}, according to a filing.",
    "{H} is not an investor in {B}, a spokesperson said.",
    "{B} is backed by {INV2} and counts {H2} among its earliest customers.",
    "{A} owns {PLAT}, which hosts more than {COUNT6} clinical models from outside developers.",
    "Gross margin at {B} was {PCT} last quarter, compared with {PCT3} a year ago.",
    "Before the deal, {A} and {B} had worked together on a pilot at {H2}.",
    "\"Our customers asked for one vendor, not five,\" {PERSON} said.",
    "{A}'s health unit has grown to about {COUNT3} employees since {YEAR0}.",
    "Regulators in the United States and Europe must still approve the transaction.",
    "The {ROUND} round brings {B}'s total funding to {MONEY3}.",
    "{C} declined to comment on the deal.",
    "{B} rejected an earlier offer from {C}, two people said.",
    "The model behind {PROD} was trained on {COUNT5} de-identified records licensed from {H}.",
    "{PERSON2} will join the board of {B} as part of the investment.",
    "{H2} said it was evaluating {RIVAL} and {PROD} side by side before choosing one.",
]


def load_lexicon() -> dict[str, list[str]]:
    by_type: dict[str, list[str]] = {}
    for path in sorted(LEXICON_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("//"):
                entry = json.loads(line)
                by_type.setdefault(entry["type"], []).append(entry["label"])
    return by_type


def invented(rng: random.Random, heads: tuple[str, ...]) -> str:
    words = (rng.choice(PREFIXES), rng.choice(MIDDLES), rng.choice(heads))
    return " ".join(w for w in words if w)


def money(rng: random.Random, low: float, high: float) -> str:
    value = rng.uniform(low, high)
    if value >= 1000:
        return f"${value / 1000:.1f} billion"
    return f"${int(value)} million"


# the organization the latency benchmark binds its entity queries to: one article in ten is about
# it whatever the lexicon holds (drawn from the lexicon alone, it grew rarer as the lexicon grew)
FEATURED = "Microsoft"


def cast_for(rng: random.Random, lexicon: dict[str, list[str]]) -> dict[str, str]:
    """The names and figures one article is about; keys match the {SLOTS} of the templates."""
    def pick(types: tuple[str, ...], heads: tuple[str, ...], invent: float) -> str:
        if rng.random() < invent:
            return invented(rng, heads)
        pool = [label for t in types for label in lexicon.get(t, [])]
        return rng.choice(pool) if pool else invented(rng, heads)

    companies = ("Company",)
    year = rng.randint(2019, 2026)
    return {
        "A": FEATURED if rng.random() < 0.1 else pick(companies, COMPANY_HEADS, 0.4),
        "B": invented(rng, COMPANY_HEADS),
        "C": pick(companies, COMPANY_HEADS, 0.5), "C2": invented(rng, COMPANY_HEADS),
        "H": pick(("HealthSystem",), ("Health",), 0.3), "H2": pick(("HealthSystem",), ("Health",), 0.5),
        "INV": pick(("Investor",), INVESTOR_HEADS, 0.8), "INV2": invented(rng, INVESTOR_HEADS),
        "PROD": pick(("AIModel", "Software"), PRODUCT_HEADS, 0.6),
        "RIVAL": pick(("AIModel", "Software"), PRODUCT_HEADS, 0.5),
        "PLAT": pick(("Platform",), PLATFORM_HEADS, 0.4),
        "PUBLISHER": pick(("NewsOrganization",), ("Research",), 0.3),
        "PERSON": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "PERSON2": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "ROLE": rng.choice(ROLES), "ROLE2": rng.choice(ROLES),
        "MONEY": money(rng, 40, 9000), "MONEY2": money(rng, 5, 900), "MONEY3": money(rng, 100, 4000),
        "VALUATION": money(rng, 500, 12000), "VALUATION2": money(rng, 100, 4000),
        "ROUND": rng.choice(ROUNDS), "PCT": f"{rng.randint(3, 85)}%", "PCT2": f"{rng.randint(1, 9)} percent",
        "COUNT": str(rng.randint(3, 60)), "COUNT2": str(rng.randint(10, 200)),
        "COUNT3": f"{rng.randint(40, 4000):,}", "COUNT4": f"{rng.randint(20, 900):,}",
        "COUNT5": f"{rng.randint(2, 40)} million", "COUNT6": str(rng.randint(12, 90)),
        "MONEY4": f"${rng.randint(20, 900)},000", "PCT3": f"{rng.randint(3, 85)}%",
        "MULT": str(rng.randint(6, 25)),
        "YEAR": str(year), "YEAR0": str(year - rng.randint(2, 8)), "YEARS": str(rng.randint(2, 6)),
        "QUARTER": rng.choice(("first", "second", "third", "fourth")),
        "MONTH": rng.choice(("January", "March", "May", "July", "September", "November")),
        "WEEKDAY": rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday")),
        "CITY": rng.choice(CITIES),
    }


def article(index: int, seed: int, size: int, lexicon: dict[str, list[str]]) -> str:
    rng = random.Random(f"{seed}:{index}")
    cast = cast_for(rng, lexicon)
    kind = rng.choice(sorted(HEADLINES))
    fill = cast.__getitem__
    title = fill_template(rng.choice(HEADLINES[kind]), fill)
    year = cast["YEAR"]
    header = (f"title: {title}\npublisher: {rng.choice(PUBLISHERS)}\n"
              f"date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
              f"url: https://news.example.org/{year}/{index:06d}-{kind}\n---\n")
    paragraphs = [fill_template(rng.choice(LEDES[kind]), fill)]
    body_len = len(paragraphs[0])
    deck: list[str] = []  # each template once before any repeats, as a writer would
    while body_len < size - len(header):
        if len(deck) < 6:
            deck += rng.sample(BODY, len(BODY))
        sentences = [fill_template(deck.pop(), fill) for _ in range(rng.randint(3, 6))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        body_len += len(paragraph) + 2
    return header + "\n\n".join(paragraphs) + "\n"


def fill_template(template: str, fill: Callable[[str], str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: fill(m.group(1)), template)


def generate(count: int, out_dir: Path, seed: int = 0, size: int = 5000) -> list[Path]:
    """Write `count` articles to out_dir (kept if already there with the same content)."""
    lexicon = load_lexicon()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out_dir / f"synthetic-{i:06d}.txt"
        text = article(i, seed, size, lexicon)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--size", type=int, default=5000, help="target bytes per article")
    args = parser.parse_args()
    paths = generate(args.count, args.out_dir, args.seed, args.size)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({total / 1e6:.1f} MB) to {args.out_dir}")


if __name__ == "__main__":
    main()
