"""A count whose noun comes before the number: 'users on X reached 124 million'."""
from __future__ import annotations

from extraction_helpers import figures


def facts(text: str) -> list[tuple]:
    return [(f.value, f.unit, f.metric, f.about.label) for f in figures(text)]


def test_metric_on_a_platform_reached_a_number() -> None:
    [(value, unit, metric, about)] = facts("Monthly active users on the PlayStation Network reached "
                                          "124 million in March.")
    assert (value, unit, about) == (124e6, "users", "PlayStation Network") and metric.endswith("active users")


def test_noun_to_a_service_rose_to() -> None:
    assert facts("Subscribers to Hulu rose to 52 million in the quarter.") == \
        [(52e6, "subscribers", "subscribers", "Hulu")]


def test_the_name_is_not_part_of_the_metric() -> None:
    assert facts("Kestrel Robotics customers numbered about 4,000 at year end.") == \
        [(4000.0, "customers", "customers", "Kestrel Robotics")]


def test_money_words_before_a_bare_number_count_nothing() -> None:
    assert facts("Orbital Labs said revenue rose to 52 million.") == []
