"""Currencies named in words after the number come from data/units.json."""
from __future__ import annotations

import pytest
from extraction_helpers import figures


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Novo Nordisk reported sales of 232 billion Danish kroner in 2023.", 232e9, "DKK"),
    ("Orbital Labs will invest 30 trillion South Korean won in Kestrel Robotics.", 30e12, "KRW"),
    ("Kestrel Capital paid 4 billion Swiss francs for Orbital Labs.", 4e9, "CHF"),
    ("Orbital Labs raised 2 billion yuan from Kestrel Capital.", 2e9, "CNY"),
    ("Kestrel Capital paid 50 billion yen for a stake in Orbital Labs.", 50e9, "JPY"),
])
def test_currency_words(text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in figures(text)][:1] == [(pytest.approx(value), unit)]


def test_a_number_of_things_is_no_money() -> None:
    assert [f.unit for f in figures("Orbital Labs won 3 contracts from Kestrel Capital.")] != ["KRW"]
