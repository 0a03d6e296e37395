"""Compiled relation patterns kept between runs, so that Pipeline() starts quickly.

The ~130 macro-expanded cue patterns take a third of a second to compile, and reading their
required literals off them a tenth more, every time a process (or a parallel worker) starts.
What the regex engine builds from a pattern depends only on the pattern's text, its flags and the
Python version, so that program is stored in a cache file keyed by all three and handed back to
the engine next time: the same Pattern, without the parsing. The literals are kept alike.

A pattern that is not in the cache is compiled as usual, so a bad one still fails at load with
re.error. Anything unexpected -- another Python, a damaged or unwritable file -- only means
compiling as usual. KG_CACHE_DIR says where the file lives (default: ~/.cache/kg).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from .prefilter import Clauses, required_literals

try:  # the regex engine's own compiler: private, so its absence only disables the cache
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None  # type: ignore[assignment]

MAX_ENTRIES = 600  # about two pattern sets; beyond this, start afresh with this run's entries
_DIGEST = 32  # sha256 of the rest of the file: a damaged file is never handed to the engine


def cache_file() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME")
                                                  or Path.home() / ".cache") / "kg"
    tag = hashlib.sha256(f"{sys.version}|{getattr(_sre, 'MAGIC', '')}".encode()).hexdigest()[:12]
    return Path(base) / f"regex-{tag}.marshal"


class RegexCache:
    """compile() is re.compile and required_literals() is prefilter's, both from the cache when
    they can be; save() writes the file if this run worked anything out that it lacked."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_file()
        self.stored: dict[tuple[str, str, int], Any] = _read(self.path)
        self.used: dict[tuple[str, str, int], Any] = {}
        self.missed = False

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        if _sre is None:
            return re.compile(source, flags)
        key = ("program", source, int(flags))
        program = self.stored.get(key)
        if program is not None:
            try:
                regex = _sre.compile(source, *program)
            except Exception:  # an entry the engine refuses: compile afresh
                pass
            else:
                self.used[key] = program
                return regex
        try:
            program = _program(source, int(flags))
        except re.error:
            raise
        except Exception:  # the private compiler changed: the public one still works
            return re.compile(source, flags)
        self._learned(key, program)
        return _sre.compile(source, *program)

    def required_literals(self, source: str, flags: int = 0) -> Clauses:
        key = ("literals", source, int(flags))
        if key in self.stored:
            self.used[key] = self.stored[key]
        else:
            self._learned(key, required_literals(source, flags))
        return self.used[key]

    def _learned(self, key: tuple[str, str, int], value: Any) -> None:
        self.used[key] = value
        self.missed = True

    def save(self) -> None:
        """Write the cache (atomically: parallel workers may race) if this run added to it."""
        if not self.missed:
            return
        entries = {**self.stored, **self.used} if len(self.stored) < MAX_ENTRIES else self.used
        payload = marshal.dumps(list(entries.items()))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only home: the next run works it out again


def _program(source: str, flags: int) -> tuple[Any, ...]:
    """What re.compile hands the engine (see re._compiler.compile), minus the pattern text."""
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _read(path: Path) -> dict[tuple[str, str, int], Any]:
    try:
        data = path.read_bytes()
        payload = data[_DIGEST:]
        if hashlib.sha256(payload).digest() != data[:_DIGEST]:
            return {}
        return dict(marshal.loads(payload))
    except (OSError, ValueError, EOFError, TypeError):
        return {}
