"""Timing, peak memory of a process tree, and the machine a figure came from (Linux /proc)."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes, summed over the process and its children at the worst moment
    returncode: int
    output: str


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue  # it ended between two looks
    return total


def run_measured(command: list[str], env: dict[str, str] | None = None, every: float = 0.05) -> Run:
    """Run a command, sampling the memory of its process tree until it ends."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})})
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0].decode("utf-8", "replace")
    seconds = time.perf_counter() - started
    sampler.join()
    return Run(seconds, peak[0], process.returncode, output)


def wall_times(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return times


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); with few samples p95 is the slowest."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    import pyoxigraph
    import rdflib

    return {"cores (nproc)": str(os.cpu_count()), "CPU": cpu, "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
            "Python": sys.version.split()[0], "pyoxigraph": pyoxigraph.__version__,
            "rdflib": rdflib.__version__, "OS": f"{platform.system()} {platform.release()}",
            "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def mb(nbytes: float) -> str:
    return f"{nbytes / 1e6:.1f}"
