"""Compiled regexes kept on disk between runs, as Python keeps compiled modules in __pycache__.

The cue patterns expand to about 1.4 MB of regex source (every slot spells out the coordinations
of names it accepts), which Python's `re` takes 4-5 s to parse and compile, in every process: more
than extracting a hundred articles. `re` compiles in two steps: a pure-Python parser and code
generator that produce a list of integers, and `_sre.compile`, which builds the pattern object
from that list in a few microseconds. The list is what this module stores, under a key made of
the source and the flags, in a file named after the regex engine's version, so that a change to
any of them compiles afresh. Any failure to read, write or use the cache only costs the plain compilation.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

try:  # the engine's internals: present in CPython 3.11-3.13, checked before use
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: compile plainly
    _sre = None

CACHE_ENV = "KG_CACHE_DIR"
_ENGINE = f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}"


class BadRegex(ValueError):
    """A source that does not compile: `index` is its position in the list compiled."""

    def __init__(self, index: int, error: re.error) -> None:
        super().__init__(str(error))
        self.index, self.error = index, error


def cache_directory() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("kg", appauthor=False))


def compile_all(sources: Sequence[str], flags: int = 0, name: str = "regexes") -> list[re.Pattern[str]]:
    """`re.compile(source, flags)` for every source; those the cache holds are not compiled again,
    so editing one pattern recompiles that one."""
    flags = int(flags)  # as re.compile does: a RegexFlag slows the parser's every flag test
    if not _internals_usable():
        return [_compile_plainly(i, s, flags) for i, s in enumerate(sources)]
    path = cache_directory() / f"{name}-{_ENGINE}.marshal"
    stored = _load(path)
    keys = [hashlib.sha256(f"{flags}\0{s}".encode()).hexdigest()[:24] for s in sources]
    parts = [stored[key] if key in stored else _compile_parts(i, source, flags)
             for i, (source, key) in enumerate(zip(sources, keys, strict=True))]
    compiled = _build(sources, parts)
    if compiled is None and stored:  # a damaged or foreign entry: compile everything afresh
        parts = [_compile_parts(i, s, flags) for i, s in enumerate(sources)]
        compiled = _build(sources, parts)
    if compiled is None:
        return [_compile_plainly(i, s, flags) for i, s in enumerate(sources)]
    if stored.keys() != set(keys):
        _save(path, dict(zip(keys, parts, strict=True)))
    return compiled


def _compile_plainly(index: int, source: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as e:
        raise BadRegex(index, e) from e


def _internals_usable() -> bool:
    return _sre is not None and hasattr(_parser, "parse") and hasattr(_compiler, "_code")


def _compile_parts(index: int, source: str, flags: int) -> tuple:
    """What `re._compiler.compile` hands to `_sre.compile`, as plain values marshal can store."""
    try:
        parsed = _parser.parse(source, flags)
    except re.error as e:
        raise BadRegex(index, e) from e
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for group_name, number in groupindex.items():
        indexgroup[number] = group_name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _build(sources: Sequence[str], parts: Sequence[tuple]) -> list[re.Pattern[str]] | None:
    try:  # _sre validates the code it is given: a stale or damaged entry fails here
        return [_sre.compile(source, *p) for source, p in zip(sources, parts, strict=True)]
    except (RuntimeError, TypeError, ValueError):
        return None


def _load(path: Path) -> dict[str, tuple]:
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _save(path: Path, entries: dict[str, tuple]) -> None:
    """Written whole or not at all (a temporary file renamed), so a process that reads the cache
    while another writes it sees the old state or the new. It holds the sources of the last call
    only: entries of edited patterns do not pile up."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as f:
            f.write(marshal.dumps(entries))
        os.replace(f.name, path)
    except OSError:
        return
