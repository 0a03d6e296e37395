"""p50/p95 latency of every named query: the embedded Oxigraph store beside rdflib's in-memory
Dataset holding the same quads."""
from __future__ import annotations

import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generate import FEATURED as ENTITY  # one synthetic article in ten is about it
from measure import percentile


@dataclass
class Latency:
    p50: float  # seconds
    p95: float
    runs: int
    rows: int
    note: str = ""


def named_queries() -> dict[str, tuple[str, dict[str, str]]]:
    """name -> (text, parameters); a query's parameters are the `--param NAME=` in its comment."""
    from kg import api

    out = {}
    for name, path in api.named_queries().items():
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        params = {p: ENTITY for p in re.findall(r"--param (\w+)=", header)}
        out[name] = (text, params)
    return out


def bound_text(text: str, params: dict[str, str]) -> str:
    """The query with its parameters as VALUES, exactly as `kg query --param` sends it."""
    from rdflib import Literal

    from kg.store import bind_values, to_oxigraph

    return bind_values(text, {k: to_oxigraph(Literal(v)) for k, v in params.items()}) if params else text


def time_runs(run: Any, min_runs: int, max_runs: int, budget: float) -> tuple[list[float], int]:
    """Repeat `run` (after one warm-up) until max_runs or the time budget; at least min_runs,
    fewer for a query whose warm-up alone takes seconds (then p95 is the slowest of 2)."""
    started = time.perf_counter()
    rows = run()
    warm_up = time.perf_counter() - started
    min_runs = min_runs if warm_up < 0.5 else 2
    times: list[float] = []
    spent = 0.0
    while len(times) < max_runs and (len(times) < min_runs or spent < budget):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
        spent += times[-1]
    return times, rows


def oxigraph_latencies(store: Path, queries: dict[str, tuple[str, dict[str, str]]],
                       budget: float = 2.0) -> dict[str, Latency]:
    from rdflib import Literal

    from kg.store import Store

    out = {}
    with Store.open(store) as db:
        for name, (text, params) in queries.items():
            bindings = {k: Literal(v) for k, v in params.items()}
            times, rows = time_runs(lambda t=text, b=bindings: len(db.query(t, b).rows), 5, 50, budget)
            out[name] = Latency(percentile(times, 50), percentile(times, 95), len(times), rows)
    return out


def store_quads(store: Path) -> tuple[bytes, int]:
    """The store's quads as N-Quads (what rdflib will parse) and their number."""
    import pyoxigraph as ox

    from kg.store import Store

    with Store.open(store) as db:
        quads = list(db.quads())
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS), len(quads)


def load_rdflib(nquads: bytes) -> tuple[Any, float]:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)  # the default graph is the union, as kg's queries expect
    dataset.parse(data=nquads, format="nquads")
    return dataset, time.perf_counter() - started


class Timeout(Exception):
    pass


def with_timeout(seconds: float, run: Any) -> Any:
    """rdflib cannot be cancelled, but it is pure Python: an alarm signal interrupts it."""
    def expired(signum: int, frame: Any) -> None:
        raise Timeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rdflib_latencies(dataset: Any, queries: dict[str, tuple[str, dict[str, str]]],
                     timeout: float, budget: float) -> dict[str, Latency]:
    """A warm-up run capped at `timeout`, then repeats while the budget lasts (at least 3). A
    query whose warm-up alone eats the budget is reported from that one run."""
    out = {}
    for name, (text, params) in queries.items():
        query = bound_text(text, params)

        def run(q: str = query) -> int:
            return len(list(dataset.query(q)))

        started = time.perf_counter()
        try:
            rows = with_timeout(timeout, run)
        except Timeout:
            out[name] = Latency(timeout, timeout, 0, -1, f"stopped after {timeout:.0f} s")
            continue
        first = time.perf_counter() - started
        if first > budget / 3:
            out[name] = Latency(first, first, 1, rows, "1 run")
            continue
        times: list[float] = []
        while len(times) < 3 or (sum(times) < budget and len(times) < 20):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        out[name] = Latency(percentile(times, 50), percentile(times, 95), len(times), rows)
    return out
