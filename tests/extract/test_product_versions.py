"""A lexicon product followed by a model designation names that model."""
from __future__ import annotations

from extraction_helpers import mentions, triples


def test_model_designations_extend_a_product_name() -> None:
    text = "In laptops, Snapdragon X competes with Intel's Core Ultra and AMD's Ryzen AI 300 series."
    assert triples(text, "competesWith") == {("Core Ultra", "competesWith", "Snapdragon X"),
                                             ("Ryzen AI 300", "competesWith", "Snapdragon X")}


def test_a_number_after_a_product_is_its_model() -> None:
    names = {text for text, _ in mentions("Sony shipped 2.8 million PlayStation 5 consoles in the quarter.")}
    assert "PlayStation 5" in names


def test_a_following_name_is_no_designation() -> None:
    names = {text for text, _ in mentions("Customers run Azure OpenAI Service workloads on Azure.")}
    assert "Azure OpenAI Service" in names
    assert not any(n.startswith("Azure OpenAI Service ") for n in names)
