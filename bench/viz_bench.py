"""Time `kg.api.viz` on the benchmark stores whose graphs come closest to 1,000 and 5,000 nodes."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

ENTITIES = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e skos:prefLabel ?l }")


def entity_count(api: Any, store: Path) -> int:
    return int(api.query(ENTITIES, store=store).rows[0]["n"])


def counted(result: Any, fallback: int, name: str) -> int:
    """Nodes or edges as viz reports them, if it does."""
    value = getattr(result, name, None)
    if isinstance(value, int):
        return value
    return len(value) if value is not None and hasattr(value, "__len__") else fallback


def measure(api: Any, stores: dict[int, Path], work: Path, targets: tuple[int, ...]) -> list[dict]:
    sizes = {size: entity_count(api, store) for size, store in stores.items()}
    rows = []
    for target in targets:
        size = min(sizes, key=lambda s: abs(sizes[s] - target))
        output = work / f"viz-{target}.html"
        started = time.perf_counter()
        result = api.viz(output, store=stores[size])
        seconds = time.perf_counter() - started
        rows.append({"target": target, "store": f"{size} articles",
                     "nodes": counted(result, sizes[size], "nodes"),
                     "edges": counted(result, -1, "edges"), "seconds": seconds,
                     "html_mb": output.stat().st_size / 1e6 if output.exists() else 0.0})
    return rows
