"""Render query results as an aligned table, CSV or JSON (stable, sorted keys)."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from typing import Any

from .store import QueryResult

FORMATS = ("table", "csv", "json")
# JSON escapes C0 controls itself; DEL, C1 controls (CSI...), bidi overrides and zero-width
# characters would reach the terminal raw. As \uXXXX escapes they mean the same to a JSON reader.
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def render(result: QueryResult, fmt: str = "table", width: int | None = None) -> str:
    """`width` clips table cells to fit (the CLI passes the terminal's width, if any)."""
    if result.boolean is not None:
        return json.dumps(result.boolean) if fmt == "json" else str(result.boolean).lower()
    if fmt == "json":
        text = json.dumps(result.rows, indent=2, sort_keys=True, ensure_ascii=False, default=str)
        return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=result.variables, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in row.items()} for row in result.rows)
        return out.getvalue().rstrip("\n")
    return table(result.variables, result.rows, width)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    text = str(value)
    if text.isprintable():
        return text
    # document text is shown as text: control characters would move the terminal cursor
    return "".join(ch if ch.isprintable() else " " for ch in text)


def terminal_width() -> int | None:
    """Clip tables to the terminal when there is one; piped output keeps every character."""
    import sys

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def table(columns: list[str], rows: list[dict[str, Any]], width: int | None = None) -> str:
    if not columns:
        return ""
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    budget = max((width or 10**9) - 2 * (len(columns) - 1), 20)
    while sum(widths) > budget and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] = max(12, widths[widest] - (sum(widths) - budget))

    def line(values: list[str]) -> str:
        return "  ".join(clip(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()
    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"
