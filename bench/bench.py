"""kg's benchmark in one run: ingest throughput and peak memory (100, 1,000 and 10,000 synthetic
articles, --jobs 1 and 2), every named query's p50/p95 at about 10k, 100k and 1M triples beside
rdflib's in-memory Dataset and beside a private Virtuoso the store is pushed to, a cold
`kg query`, `kg --help`, and `kg viz`. Each target is printed
with PASS or FAIL. A run keeps to a time budget (default 570 s): a measurement that would not
fit is skipped and says so; --full runs everything.

    bench/run [--workdir DIR] [--budget SECONDS] [--full]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import latency  # noqa: E402
import server as server_leg  # noqa: E402
from measure import machine, mb, median, run_measured, wall_times  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
SIZES = (100, 1000, 10000)
QUERY_STORES = (("~10k", 10), ("~100k", 100), ("~1M", 1000))  # label, articles (≈1,100 triples each)
QUICK_SIZES = (10, 20, 40)  # --quick: a smoke test of the benchmark itself, figures meaningless
QUICK_QUERY_STORES = (("~1k", 1), ("~10k", 10), ("~40k", 40))
RDFLIB_TIMEOUT = 30.0  # seconds for one rdflib query's first run
RESERVED = 300.0  # seconds kept for queries, the server leg at ~100k, CLI and viz after the ingest runs
LAST_STEPS = 45.0  # seconds kept for CLI and viz after the server leg


@dataclass
class Results:
    machine: dict[str, str]
    ingest: list[dict] = field(default_factory=list)
    queries: dict[str, dict] = field(default_factory=dict)
    server: dict[str, dict] = field(default_factory=dict)  # label -> server_leg.ServerLeg, or why skipped
    cli: dict[str, float] = field(default_factory=dict)
    viz: list[dict] = field(default_factory=list)
    targets: list[tuple[str, str, str]] = field(default_factory=list)  # (target, measured, verdict)
    notes: list[str] = field(default_factory=list)


def verdict(ok: bool | None) -> str:
    return "SKIPPED" if ok is None else ("PASS" if ok else "FAIL")


def rdflib_seconds(count: int, parse_rate: float | None, previous: tuple[int, dict] | None) -> float:
    """What rdflib would take on `count` quads: parsing at the rate measured on the size before,
    and each query's time there grown with the size, up to its timeout (one run past a third of a
    second, as `rdflib_latencies` goes; three runs below). Parsing alone was the estimate once: at
    ~1M triples the queries then took 250 s more than it said, and the run overshot its budget."""
    if not parse_rate:
        return 0.0
    seconds = count / parse_rate
    if previous is not None:
        before, latencies = previous
        for lat in latencies.values():
            grown = RDFLIB_TIMEOUT if lat.runs == 0 else min(RDFLIB_TIMEOUT, lat.p50 * count / before)
            seconds += grown if grown > 0.5 else 3 * grown
    return seconds


class Bench:
    def __init__(self, workdir: Path, budget: float, full: bool, quick: bool = False) -> None:
        self.work, self.budget, self.full, self.quick = workdir, budget, full, quick
        self.sizes = QUICK_SIZES if quick else SIZES
        self.query_stores = QUICK_QUERY_STORES if quick else QUERY_STORES
        self.started = time.perf_counter()
        self.results = Results(machine())
        self.stores: dict[int, Path] = {}

    def left(self) -> float:
        return self.budget - (time.perf_counter() - self.started)

    def say(self, text: str = "") -> None:
        print(text, flush=True)

    # articles ------------------------------------------------------------------------------

    def articles(self) -> dict[int, Path]:
        """Generate the largest set once; smaller sets are hard links to its first files."""
        everything = self.work / "articles" / "all"
        started = time.perf_counter()
        paths = generate.generate(max(self.sizes), everything)
        folders = {}
        for size in sorted({*self.sizes, *(n for _, n in self.query_stores)}):
            folder = self.work / "articles" / f"n{size}"
            folder.mkdir(parents=True, exist_ok=True)
            for path in paths[:size]:
                target = folder / path.name
                if not target.exists():
                    os.link(path, target)
            folders[size] = folder
        total = sum(p.stat().st_size for p in paths)
        self.say(f"generated {len(paths):,} articles ({mb(total)} MB, "
                 f"{total / len(paths) / 1000:.1f} KB each) in {time.perf_counter() - started:.1f} s")
        return folders

    # ingest ----------------------------------------------------------------------------------

    def startup(self, folders: dict[int, Path]) -> None:
        """A process's fixed cost: `kg ingest` of one article, first with an empty cache of compiled
        cue patterns (as after installing or editing the patterns), then with the cache it left.
        The runs after this one all find the cache filled, in the benchmark's own directory."""
        cache = self.work / "regex-cache"
        shutil.rmtree(cache, ignore_errors=True)
        os.environ["KG_CACHE_DIR"] = str(cache)
        one = self.work / "articles" / "one"
        shutil.rmtree(one, ignore_errors=True)
        one.mkdir(parents=True)
        first = min(folders[min(folders)].iterdir())
        os.link(first, one / first.name)
        times = {}
        for label in ("empty cache", "cache filled"):
            store = self.work / "stores" / "startup"
            shutil.rmtree(store, ignore_errors=True)
            times[label] = run_measured([KG, "ingest", str(one), "--store", str(store)]).seconds
        shutil.rmtree(self.work / "stores" / "startup", ignore_errors=True)
        self.results.cli["kg ingest of one article, empty pattern cache"] = times["empty cache"]
        self.results.cli["kg ingest of one article, pattern cache filled"] = times["cache filled"]
        self.say(f"\n== start-up: `kg ingest` of one article {times['empty cache']:.2f} s with an empty "
                 f"cache of compiled patterns, {times['cache filled']:.2f} s with it filled (as below)")

    def ingest(self, folders: dict[int, Path]) -> None:
        self.say("\n== ingest: `kg ingest DIR --jobs J` in a fresh store, end to end "
                 "(process start included)")
        self.say(f"{'articles':>8} {'jobs':>4} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'docs/s':>7} "
                 f"{'peak RSS':>9} {'MB/s/core':>9}  target >= 1 MB/s/core")
        rates: dict[int, float] = {}  # jobs -> docs/s at the largest size measured so far
        deadline = self.budget - RESERVED
        small, middle, large = self.sizes
        for size, jobs in ((small, 1), (small, 2), (middle, 1), (middle, 2), (large, 2), (large, 1)):
            expected = size / rates[jobs] if jobs in rates else 0.0
            spent = time.perf_counter() - self.started
            if not self.full and spent + expected > deadline:
                self.say(f"{size:>8} {jobs:>4}  skipped: would take about {expected:.0f} s, "
                         f"{max(deadline - spent, 0):.0f} s of the budget left (bench/run --full runs it)")
                self.results.ingest.append({"articles": size, "jobs": jobs, "skipped": round(expected)})
                continue
            row = self.ingest_once(folders[size], size, jobs)
            rates[jobs] = row["docs_per_s"]
        self.ingest_targets()

    def ingest_once(self, folder: Path, size: int, jobs: int) -> dict:
        store = self.work / "stores" / f"ingest-{size}-j{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        run = run_measured([KG, "ingest", str(folder), "--store", str(store), "--jobs", str(jobs)])
        if run.returncode != 0:
            raise SystemExit(f"kg ingest failed:\n{run.output[-3000:]}")
        nbytes = sum(p.stat().st_size for p in folder.iterdir())
        per_core = nbytes / run.seconds / 1e6 / jobs
        row = {"articles": size, "jobs": jobs, "mb": nbytes / 1e6, "seconds": run.seconds,
               "mb_per_s": nbytes / run.seconds / 1e6, "docs_per_s": size / run.seconds,
               "peak_rss_mb": run.peak_rss / 1e6, "mb_per_s_per_core": per_core}
        self.results.ingest.append(row)
        self.say(f"{size:>8} {jobs:>4} {row['mb']:>6.1f} {run.seconds:>8.1f} {row['mb_per_s']:>6.3f} "
                 f"{row['docs_per_s']:>7.1f} {row['peak_rss_mb']:>7.0f} MB {per_core:>9.3f}  "
                 f"{verdict(per_core >= 1.0)}")
        if size in (n for _, n in self.query_stores) and size not in self.stores:
            self.stores[size] = store
        else:
            shutil.rmtree(store, ignore_errors=True)  # 10,000 articles is ~3 GB on disk
        return row

    def ingest_targets(self) -> None:
        rows = [r for r in self.results.ingest if "seconds" in r]
        t = self.results.targets
        best = max(rows, key=lambda r: r["mb_per_s_per_core"])
        t.append(("ingest >= 1 MB/s of text per core", f"{best['mb_per_s_per_core']:.3f} MB/s/core at best",
                  verdict(best["mb_per_s_per_core"] >= 1.0)))
        for size in self.sizes:
            pair = {r["jobs"]: r for r in rows if r["articles"] == size}
            if 1 in pair and 2 in pair:
                speedup = pair[1]["seconds"] / pair[2]["seconds"]
                t.append((f"--jobs 2 near-linear at {size:,} articles (>= 1.7x)", f"{speedup:.2f}x",
                          verdict(speedup >= 1.7)))
        big = [r for r in rows if r["articles"] == self.sizes[-1]]
        name = f"peak RSS ingesting {self.sizes[-1]:,} articles < 1 GB"
        if big:
            peak = max(r["peak_rss_mb"] for r in big)
            t.append((name, f"{peak:.0f} MB", verdict(peak < 1000)))
        else:
            t.append((name, "not measured", verdict(None)))

    # queries -----------------------------------------------------------------------------------

    def small_stores(self, folders: dict[int, Path]) -> None:
        for _, size in self.query_stores:
            if size not in self.stores:
                store = self.work / "stores" / f"query-{size}"
                shutil.rmtree(store, ignore_errors=True)
                run = run_measured([KG, "ingest", str(folders[size]), "--store", str(store)])
                if run.returncode != 0:
                    raise SystemExit(f"kg ingest failed:\n{run.output[-3000:]}")
                self.stores[size] = store

    def queries(self) -> None:
        queries = latency.named_queries()
        bound = ", ".join(f"{n} ({', '.join(p)}={latency.ENTITY!r})" for n, (_, p) in queries.items() if p)
        self.say(f"\n== named queries: p50/p95 in ms, warm, on an open store; rdflib = in-memory Dataset "
                 f"(default_union) with the same quads. Parameters: {bound}")
        parse_rate = None  # quads per second rdflib parses, from the previous size
        previous: tuple[int, dict] | None = None  # the previous size's quads and rdflib latencies
        for label, size in self.query_stores:
            quads, count = latency.store_quads(self.stores[size])
            ox = latency.oxigraph_latencies(self.stores[size], queries)
            rd, note = None, ""
            estimate = rdflib_seconds(count, parse_rate, previous)
            if self.full or estimate < self.left() - RESERVED / 2:
                dataset, seconds = latency.load_rdflib(quads)
                parse_rate = count / seconds
                note = f"rdflib parsed {count:,} quads in {seconds:.1f} s"
                rd = latency.rdflib_latencies(dataset, queries, timeout=RDFLIB_TIMEOUT, budget=1.5)
                previous = (count, rd)
                del dataset
            else:
                note = (f"rdflib skipped: parsing {count:,} quads and running the queries would take about "
                        f"{estimate:.0f} s (parsing at {parse_rate:,.0f} quads/s), "
                        f"{max(self.left(), 0):.0f} s of the budget left; bench/run --full runs it")
            self.print_latencies(label, count, ox, rd, note)
            self.results.queries[label] = {"quads": count, "note": note,
                                           "oxigraph": {k: asdict(v) for k, v in ox.items()},
                                           "rdflib": {k: asdict(v) for k, v in (rd or {}).items()}}
        self.query_targets()

    def print_latencies(self, label: str, count: int, ox: dict, rd: dict | None, note: str) -> None:
        self.say(f"\n-- {label} triples: {count:,} quads in the store ({note})")
        self.say(f"{'query':14} {'rows':>6} {'oxigraph p50':>12} {'p95':>7} {'rdflib p50':>11} {'p95':>8} "
                 f"{'ratio':>7}")
        for name, o in ox.items():
            r = (rd or {}).get(name)
            rdflib_cols = "       -        -       -"
            if r is not None and r.runs == 0:
                rdflib_cols = f"{r.note:>28}"
            elif r is not None:
                rows_flag = "" if r.rows == o.rows else f" (rdflib {r.rows} rows)"
                rdflib_cols = (f"{r.p50 * 1000:>11.1f} {r.p95 * 1000:>8.1f} {r.p50 / o.p50:>6.0f}x"
                               f"{rows_flag}{' ' + r.note if r.note else ''}")
            self.say(f"{name:14} {o.rows:>6} {o.p50 * 1000:>12.1f} {o.p95 * 1000:>7.1f} {rdflib_cols}")

    def query_targets(self) -> None:
        t = self.results.targets
        largest = self.query_stores[-1][0]
        big = self.results.queries[largest]
        worst = max(big["oxigraph"].items(), key=lambda kv: kv[1]["p50"])
        t.append((f"named queries p50 <= 50 ms at {largest} triples (slowest)",
                  f"{worst[0]} {worst[1]['p50'] * 1000:.1f} ms", verdict(worst[1]["p50"] <= 0.050)))
        for label in (largest, self.query_stores[-2][0]):
            rd = self.results.queries[label]["rdflib"]
            ox = self.results.queries[label]["oxigraph"]
            if rd:
                ratios = {n: rd[n]["p50"] / ox[n]["p50"] for n in ox if n in rd and rd[n]["runs"]}
                stopped = [n for n in ox if n in rd and not rd[n]["runs"]]
                low = min(ratios.items(), key=lambda kv: kv[1])
                extra = f"; {len(stopped)} stopped on rdflib" if stopped else ""
                t.append((f">= 10x faster than rdflib in memory (at {label} triples, smallest ratio)",
                          f"{low[0]} {low[1]:.0f}x{extra}", verdict(low[1] >= 10)))
                break

    # SPARQL server -------------------------------------------------------------------------------

    def server(self) -> None:
        """The named queries on a private Virtuoso given the ~100k store (always) and the largest
        (when the budget left allows), beside the embedded store's p50 measured above."""
        self.say("\n== named queries on a SPARQL server: a private Virtuoso (Debian's packaged settings, a "
                 "fresh server per store) gets the store with kg.api.push; p50/p95 in ms from the client, "
                 "answers compared with the embedded store's")
        reason = server_leg.unavailable()
        if reason:
            self.say(f"server leg skipped: {reason}")
            self.results.server["skipped"] = {"reason": reason}
            return
        (label, size), (large_label, large_size) = self.query_stores[-2:]
        measured = self.server_at(label, size)
        if measured is None:
            return
        embedded = self.embedded_p50(large_label)
        expected = server_leg.expected_seconds(measured, self.results.queries[large_label]["quads"], embedded)
        room = self.left() - LAST_STEPS
        if self.quick:
            self.say(f"\n-- {large_label} triples: skipped by --quick (would take about {expected:.0f} s)")
            self.results.server[large_label] = {"skipped": round(expected)}
            return
        if not self.full and expected > room:
            self.say(f"\n-- {large_label} triples: skipped: would take about {expected:.0f} s (push at "
                     f"{measured.push.triples_per_s:,.0f} triples/s, then the queries), "
                     f"{max(room, 0):.0f} s of the budget left (bench/run --full runs it)")
            self.results.server[large_label] = {"skipped": round(expected)}
            return
        self.server_at(large_label, large_size)

    def server_at(self, label: str, size: int) -> server_leg.ServerLeg | None:
        from kg.errors import KgError

        # --quick: one run of each query after its warm-up, enough to check that the leg works
        runs, budget = ((1, 1), 0.0) if self.quick else (server_leg.RUNS, server_leg.BUDGET)
        try:
            leg = server_leg.measure(self.stores[size], runs, budget)
        except (server_leg.ServerError, KgError) as e:  # the rest of the benchmark still runs
            self.say(f"\n-- {label} triples: server leg failed: {e}")
            self.results.server[label] = {"failed": str(e)}
            return None
        self.say(f"\n-- {label} triples ({self.stores[size].name})")
        for line in server_leg.table(leg, self.embedded_p50(label)):
            self.say(line)
        self.results.server[label] = {**asdict(leg), "differing": leg.differing()}
        return leg

    def embedded_p50(self, label: str) -> dict[str, float]:
        return {name: q["p50"] for name, q in self.results.queries[label]["oxigraph"].items()}

    # CLI -------------------------------------------------------------------------------------

    def cli(self) -> None:
        label, size = self.query_stores[-1]
        store = self.stores[size]
        self.say(f"\n== command line (new process each run; {store.name})")
        cold = wall_times([KG, "query", "--name", "owners", "--store", str(store)], 5)
        helps = wall_times([KG, "--help"], 7)
        self.results.cli = {"kg query --name owners median": median(cold), "first": cold[0],
                            "kg --help median": median(helps)}
        self.say(f"kg query --name owners on {label} triples: median {median(cold):.3f} s, "
                 f"first {cold[0]:.3f} s, max {max(cold):.3f} s  "
                 f"{verdict(median(cold) < 0.5)} (target < 0.5 s)")
        self.say(f"kg --help: median {median(helps) * 1000:.0f} ms, max {max(helps) * 1000:.0f} ms  "
                 f"{verdict(median(helps) < 0.3)} (target < 300 ms)")
        t = self.results.targets
        t.append((f"cold kg query --name owners on {label} triples < 0.5 s", f"{median(cold):.3f} s",
                  verdict(median(cold) < 0.5)))
        t.append(("kg --help < 300 ms", f"{median(helps) * 1000:.0f} ms", verdict(median(helps) < 0.3)))

    # viz ---------------------------------------------------------------------------------------

    def viz(self) -> None:
        from kg import api

        self.say("\n== kg viz")
        if not hasattr(api, "viz"):
            self.say("viz: not available (kg.api.viz is not in this checkout yet)")
            self.results.notes.append("viz: not available")
            return
        import viz_bench

        for row in viz_bench.measure(api, self.stores, self.work, (1000, 5000)):
            self.results.viz.append(row)
            self.say(f"{row['nodes']:>6} nodes, {row['edges']:>6} edges ({row['store']}): "
                     f"{row['seconds']:.2f} s, {row['html_mb']:.1f} MB of HTML")

    # summary -----------------------------------------------------------------------------------

    def summary(self) -> None:
        self.say("\n== targets")
        for target, measured, result in self.results.targets:
            self.say(f"{result:8} {target:72} {measured}")
        self.say(f"\nbenchmark wall time {time.perf_counter() - self.started:.0f} s; "
                 f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        (self.work / "results.json").write_text(json.dumps(asdict(self.results), indent=1, default=str))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "kg-bench")
    parser.add_argument("--budget", type=float, default=570.0, help="seconds for the whole run")
    parser.add_argument("--full", action="store_true", help="run every measurement, whatever it takes")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks the benchmark runs")
    args = parser.parse_args()
    bench = Bench(args.workdir, args.budget, args.full, args.quick)
    bench.say("kg benchmark on " + "; ".join(f"{k}: {v}" for k, v in bench.results.machine.items()))
    folders = bench.articles()
    bench.startup(folders)
    bench.ingest(folders)
    bench.small_stores(folders)
    bench.queries()
    bench.server()
    bench.cli()
    bench.viz()
    bench.summary()


if __name__ == "__main__":
    main()
