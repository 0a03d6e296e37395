"""Extraction quality, measured by ../shared/eval/score.py (the interchange contract) on the seed
articles and on the dev articles about other deals. Thresholds are the issues' acceptance bars."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg import api


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(shared: Path, tmp_path: Path, corpus: str) -> dict:
    store = tmp_path / corpus
    api.ingest([shared / "corpus" / corpus], store=store)
    ttl = tmp_path / f"{corpus}.ttl"
    api.export(ttl, "turtle", store=store)
    scorer = load_scorer(shared)
    return scorer.score(scorer.load_graph(ttl), scorer.load_gold(shared / "eval" / f"{corpus}-gold.tsv"),
                        verbose=True)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from conftest import SHARED

    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip("../shared is not beside the project")
    return score_corpus(SHARED, tmp_path_factory.mktemp("scores"), "seeds")


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from conftest import SHARED

    if not (SHARED / "corpus" / "dev").is_dir():
        pytest.skip("../shared is not beside the project")
    return score_corpus(SHARED, tmp_path_factory.mktemp("scores"), "dev")


def test_seed_relations(seeds: dict) -> None:
    assert seeds["relations"]["f1"] >= 0.85, seeds["missed_relations"] + seeds["false_relations"]


def test_seed_figures_and_units(seeds: dict) -> None:
    assert seeds["figures"]["f1"] >= 0.85, seeds["missed_figures"] + seeds["false_figures"]
    assert seeds["figures"]["unit_accuracy"] >= 0.90


def test_seed_negations_never_become_facts(seeds: dict) -> None:
    assert seeds["negation_violations"] == 0, seeds["violations"]


def test_seed_provenance(seeds: dict) -> None:
    assert seeds["provenance"] >= 0.95, seeds["provenance_missing"]


def test_dev_relations(dev: dict) -> None:
    assert dev["relations"]["f1"] >= 0.70, dev["missed_relations"] + dev["false_relations"]


def test_dev_figures(dev: dict) -> None:
    assert dev["figures"]["f1"] >= 0.75, dev["missed_figures"] + dev["false_figures"]


def test_dev_no_negation_violations(dev: dict) -> None:
    assert dev["negation_violations"] == 0, dev["violations"]


def score_fixture(name: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Score one corpus of tests/fixtures (articles plus their gold.tsv)."""
    from conftest import PROJECT, SHARED

    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside the project (the scorer lives there)")
    corpus = PROJECT / "tests" / "fixtures" / name
    tmp = tmp_path_factory.mktemp(name)
    api.ingest([corpus], store=tmp / "store")
    api.export(tmp / f"{name}.ttl", "turtle", store=tmp / "store")
    scorer = load_scorer(SHARED)
    return scorer.score(scorer.load_graph(tmp / f"{name}.ttl"), scorer.load_gold(corpus / "gold.tsv"),
                        verbose=True)


@pytest.fixture(scope="module")
def other_deals(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Ten articles about other health-AI deals, written for this project with their own gold
    (tests/fixtures/other-deals): the closest stand-in here for articles nobody has seen."""
    return score_fixture("other-deals", tmp_path_factory)


def test_other_deals_relations(other_deals: dict) -> None:
    assert other_deals["relations"]["f1"] >= 0.70, other_deals["missed_relations"]


def test_other_deals_figures(other_deals: dict) -> None:
    assert other_deals["figures"]["f1"] >= 0.75, other_deals["missed_figures"]


def test_other_deals_no_negation_violations(other_deals: dict) -> None:
    assert other_deals["negation_violations"] == 0, other_deals["violations"]


@pytest.fixture(scope="module")
def heldout(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Eight more articles about other deals, annotated by someone who had not seen the rules (the
    rules have since learned from its errors)."""
    return score_fixture("heldout", tmp_path_factory)


def test_heldout_meets_the_unseen_article_bars(heldout: dict) -> None:
    """The bars the issue sets for articles nobody here has: relations 0.60, figures 0.70."""
    assert heldout["relations"]["f1"] >= 0.60, heldout["missed_relations"]
    assert heldout["figures"]["f1"] >= 0.70, heldout["missed_figures"]
    assert heldout["negation_violations"] == 0, heldout["violations"]


# Sets written blind and then learned from: (set, what it holds and how its first run scored,
# relations F1 bar, figures F1 bar). The README's Quality section has each one's history.
LEARNED_FROM = [
    ("heldout2", "dense gold (every fact a reader would list); first run 0.26 / 0.65", 0.72, 0.85),
    ("heldout3", "sectors the lexicon barely covered, sparse gold; first run 0.43 / 0.72", 0.75, 0.83),
    ("heldout4", "steel, EV batteries, games, chips, airlines, streaming, drug manufacturing, spectrum; "
                 "first run 0.30 / 0.70, 3 negation violations", 0.48, 0.75),
    ("heldout5", "written after heldout4's round; first run 0.31 / 0.74", 0.42, 0.76),
    ("heldout6", "pharma licensing, a bank merger, a telecom merger, oil, a take-private, sports rights, "
                 "consumer brands, chips; first run 0.40 / 0.78 (before: 0.41 / 0.79)", 0.47, 0.79),
    ("heldout7", "insurance, EVs, mining, airlines, cloud security, grocery delivery, biotech licensing, "
                 "music catalogues; first run 0.385 / 0.79, 1 violation (before: 0.37 / 0.78)", 0.45, 0.82),
    ("heldout8", "freight, agri-biologicals, payments, a model lab's press release, game studios, a hospital "
                 "Q&A, a deals roundup, a local solar deal; first run 0.55 / 0.71", 0.62, 0.78),
    ("heldout9", "data centres, cement, a studio takeover note, a clinical-AI press release, property "
                 "portals, a robotics Q&A, a deals roundup, a local engine-parts sale; "
                 "first run 0.53 / 0.79, "
                 "1 violation (before: 0.50 / 0.80)", 0.53, 0.77),
]


@pytest.mark.parametrize(("name", "about", "relations", "figures"), LEARNED_FROM,
                         ids=[row[0] for row in LEARNED_FROM])
def test_a_set_learned_from_keeps_its_bars(name: str, about: str, relations: float, figures: float,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    scores = score_fixture(name, tmp_path_factory)
    assert scores["relations"]["f1"] >= relations, scores["missed_relations"] + scores["false_relations"]
    assert scores["figures"]["f1"] >= figures, scores["missed_figures"] + scores["false_figures"]
    assert scores["negation_violations"] == 0, scores["violations"]
