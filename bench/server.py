"""The named queries on a SPARQL server: a private Virtuoso (tests/virtuoso_server.py, Debian's
packaged configuration as installed) gets a store with `kg.api.push`, then every named query runs
there as it does on the embedded store, timed from the client (HTTP and JSON parsing included),
and its rows are compared with the embedded store's.

Each store gets a server of its own, which then holds that store and nothing an earlier push left
(two seconds to start). What can differ from the embedded store's answer: an answer longer than
Virtuoso's ResultSetMaxRows (kg's client refuses it), literals Virtuoso merges as one value
("2023"^^xsd:gYear and "2023-01-01"^^xsd:date on one deal: `deals`), a query Virtuoso refuses
to plan (estimated execution time over MaxQueryCostEstimationTime); the number of rows is
checked on every run, as Virtuoso 7.2 has been seen to return rows short without saying so.

    python bench/server.py STORE [STORE ...]     # this leg alone, on stores bench/run built
"""
from __future__ import annotations

import dataclasses
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # the private Virtuoso the server tests start

import latency  # noqa: E402
import virtuoso_server  # noqa: E402
from measure import percentile  # noqa: E402

PASSWORD_ENV = "KG_BENCH_VIRTUOSO_PASSWORD"
MAX_ROWS = 10000  # ResultSetMaxRows in the packaged virtuoso.ini: a longer answer comes back cut
QUERY_TIMEOUT = 70.0  # the packaged MaxQueryExecutionTime is 60 s; past it Virtuoso answers in part
RUNS = (3, 30)  # fewest and most timed runs per query (2 when one run takes over 0.5 s)
BUDGET = 1.0  # seconds of timed runs per query once the fewest runs are done
MARGIN = 1.5  # on the estimate of a larger leg: the push rate fell by a fifth from ~100k to ~1M
# triples, and single slow runs are not rare on Virtuoso
ServerError = virtuoso_server.ServerError


@dataclass
class Push:
    graphs: int
    triples: int
    seconds: float
    triples_per_s: float
    held: int  # triples the server then holds: fewer when it merges literals it takes for one
    # value (Virtuoso keeps one of "2023"^^xsd:gYear and "2023-01-01"^^xsd:date on a subject)


@dataclass
class ServerAnswer:
    p50: float  # seconds, client side
    p95: float
    runs: int  # 0: the server answered with an error
    rows: int
    embedded_rows: int
    same: bool  # the same rows in the same order as the embedded store
    answer: str  # what compare() says, or the server's error


@dataclass
class ServerLeg:
    store: str
    started: float  # seconds until the server answered, password set
    push: Push
    queries: dict[str, ServerAnswer] = field(default_factory=dict)
    seconds: float = 0.0  # the whole leg: start, push, queries, stop

    def differing(self) -> list[str]:
        return [name for name, a in self.queries.items() if not a.same]


def unavailable() -> str | None:
    """Why this leg cannot run on this machine, or None."""
    return virtuoso_server.missing()


def measure(store: Path, runs: tuple[int, int] = RUNS, budget: float = BUDGET) -> ServerLeg:
    """Start a private Virtuoso, push `store`, run every named query there (`runs` and `budget`
    as latency.time_runs takes them), stop the server."""
    from kg import api

    began = time.perf_counter()
    with virtuoso_server.running_virtuoso(PASSWORD_ENV) as virtuoso:
        started = time.perf_counter() - began
        server = api.connect(virtuoso.base, user="dba", password_env=virtuoso.password_env)
        server = dataclasses.replace(server, timeout=QUERY_TIMEOUT)
        leg = ServerLeg(str(store), started, push(server, store))
        leg.queries = {name: answer_on_server(server, store, text, params, runs, budget)
                       for name, (text, params) in latency.named_queries().items()}
    leg.seconds = time.perf_counter() - began
    return leg


def push(server: Any, store: Path) -> Push:
    from kg import api

    report = api.push(server, store=store)
    return Push(report.graphs, report.triples, report.seconds, report.triples / report.seconds,
                virtuoso_server.kg_triples(server))


# queries ----------------------------------------------------------------------------------

def answer_on_server(server: Any, store: Path, text: str, params: dict[str, str],
                     runs: tuple[int, int], budget: float) -> ServerAnswer:
    from kg import api
    from kg.errors import IncompleteAnswerError, KgError

    embedded = api.query(text, params=params, store=store).rows
    counts: list[int] = []  # every run's, to catch a server whose answer changes between runs

    def run() -> list[dict]:
        rows = api.query(text, params=params, endpoint=server).rows
        counts.append(len(rows))
        return rows

    try:
        times, rows = latency.time_runs(run, *runs, budget)
    except KgError as e:  # a cut, refused or timed-out answer is a figure too
        cut = isinstance(e, IncompleteAnswerError)
        why = f"cut at {MAX_ROWS:,} rows: kg refuses it" if cut else f"error: {e}"
        return ServerAnswer(0.0, 0.0, 0, -1, len(embedded), False, why)
    answer = compare(embedded, rows)
    if len(set(counts)) > 1:
        answer += f" (rows varied between runs: {min(counts)}-{max(counts)})"
    return ServerAnswer(percentile(times, 50), percentile(times, 95), len(times), len(rows),
                        len(embedded), answer == "same", answer)


def compare(embedded: list[dict], remote: list[dict]) -> str:
    """How the server's answer stands to the embedded store's, from the closest to the farthest."""
    if remote == embedded:
        return "same"
    if len(remote) == MAX_ROWS < len(embedded):
        return f"cut at {MAX_ROWS:,} rows"
    if as_bag(remote) == as_bag(embedded):
        return "same rows, other order"
    missing, extra = as_bag(embedded) - as_bag(remote), as_bag(remote) - as_bag(embedded)
    return f"differs: {missing.total()} rows only embedded, {extra.total()} only on the server"


def as_bag(rows: list[dict]) -> Counter:
    """The rows as a multiset."""
    return Counter(tuple(sorted(row.items())) for row in rows)


# how long a larger store would take -------------------------------------------------------

def expected_seconds(measured: ServerLeg, triples: int, embedded_p50: dict[str, float]) -> float:
    """The leg on a store of `triples`, from one measured on a smaller store: start as measured,
    push at the rate measured, each query's p50 grown by growth(size ratio) and repeated as
    time_runs does, plus the embedded answer compared (its p50 at the larger size); and MARGIN."""
    scale = triples / measured.push.triples
    push_seconds = triples / measured.push.triples_per_s
    queries = sum(runs_seconds(a.p50 * growth(scale)) for a in measured.queries.values() if a.runs)
    return MARGIN * (measured.started + push_seconds + queries + sum(embedded_p50.values()))


def growth(scale: float) -> float:
    """Of Virtuoso's p50 with the store's size: from ~100k to ~1M triples here, most named
    queries took 4-8x longer (figures 1.3x, evidence 16x)."""
    return scale ** 0.75


def runs_seconds(once: float) -> float:
    """What latency.time_runs takes for a query of `once` seconds: a warm-up, then the fewest
    runs, then more while the budget lasts."""
    fewest = RUNS[0] if once < 0.5 else 2
    runs = max(fewest, min(RUNS[1], math.ceil(BUDGET / once))) if once > 0 else RUNS[1]
    return once * (1 + runs)


# printing ---------------------------------------------------------------------------------

def table(leg: ServerLeg, embedded_p50: dict[str, float]) -> list[str]:
    """The printed lines: push, then one row per query beside the embedded store's p50 (seconds)."""
    p = leg.push
    lines = [f"pushed {p.graphs:,} graphs, {p.triples:,} triples in {p.seconds:.1f} s "
             f"({p.triples_per_s:,.0f} triples/s); the server then held {p.held:,}"
             + (f" ({p.triples - p.held} literals merged)" if p.held != p.triples else ""),
             f"{'query':14} {'embedded p50':>12} {'Virtuoso p50':>12} {'p95':>8} {'rows':>12}  same answer?"]
    for name, a in leg.queries.items():
        rows = f"{a.rows}" if a.rows == a.embedded_rows else f"{max(a.rows, 0)} of {a.embedded_rows}"
        times = f"{a.p50 * 1000:>12.1f} {a.p95 * 1000:>8.1f}" if a.runs else f"{'-':>12} {'-':>8}"
        lines.append(f"{name:14} {embedded_p50[name] * 1000:>12.1f} {times} {rows:>12}  {a.answer}")
    lines.append(f"{len(leg.differing())} of {len(leg.queries)} named queries answer otherwise than the "
                 f"embedded store; the leg took {leg.seconds:.0f} s (server up in {leg.started:.1f} s)")
    return lines


def main(stores: list[Path]) -> None:
    reason = unavailable()
    if reason:
        raise SystemExit(f"server leg skipped: {reason}")
    before: ServerLeg | None = None
    for store in stores:
        timed = latency.oxigraph_latencies(store, latency.named_queries())
        embedded = {name: e.p50 for name, e in timed.items()}
        print(f"\n{store}")
        leg = measure(store)
        for line in table(leg, embedded):
            print(line, flush=True)
        if before is not None:  # how well the benchmark's estimate for skipping this leg did
            expected = expected_seconds(before, leg.push.triples, embedded)
            print(f"estimated from the store before: {expected:.0f} s")
        before = leg


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
