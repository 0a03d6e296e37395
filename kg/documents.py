"""Turn files into Documents: decode, strip HTML, read the header block, hash."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .errors import InputError, NothingToIngest
from .model import Document

SUPPORTED_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
                      ".html": "text/html", ".htm": "text/html"}
MAX_BYTES = 20 * 1024 * 1024
HEADER_KEYS = {"title", "publisher", "date", "url", "source", "author"}
_HEADER_LINE = re.compile(r"^([A-Za-z_]+):[ \t]*(.*)$")
_HEADER_END = re.compile(r"^-{3,}[ \t]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
                 b"\x1f\x8b", b"BZh", b"7z\xbc\xaf")


def find_documents(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of supported files they hold."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append(path)
        else:
            raise InputError(f"{path}: unsupported file type '{path.suffix}' "
                             f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    if not found:
        names = ", ".join(str(p) for p in paths)
        kinds = "/".join(sorted(SUPPORTED_SUFFIXES))
        raise NothingToIngest(f"nothing to ingest in {names}: no {kinds} files")
    unique = sorted({p.resolve(): p for p in found}.values(), key=lambda p: (p.name, str(p)))
    return unique


def load_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a Document, or raise InputError naming the problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB "
                             "size limit per document (split the file or raise --max-size)")
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
    text = decode(raw, path)
    media_type = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "text/plain")
    meta: dict[str, str] = {}
    if media_type == "text/html":
        text, meta = html_to_text(text)
    text = normalise_newlines(text)
    header, body_start = read_header(text, path)
    meta.update(header)
    if not text[body_start:].strip():
        raise InputError(f"{path}: empty document (no text to extract from)")
    title = meta.get("title") or first_line(text[body_start:])
    return Document(
        id=document_id(path), path=str(path), text=text,
        sha256=hashlib.sha256(raw).hexdigest(), title=title,
        publisher=meta.get("publisher") or meta.get("source"), published=meta.get("date"),
        url=meta.get("url"), media_type=media_type, body_start=body_start,
    )


def document_from_text(text: str, doc_id: str = "inline", title: str | None = None) -> Document:
    """A Document from a string (for notebooks and tests); a header block is honoured."""
    text = normalise_newlines(text)
    header, body_start = read_header(text, Path(doc_id))
    return Document(id=document_id(Path(doc_id)), path=doc_id, text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest(),
                    title=title or header.get("title") or first_line(text[body_start:]),
                    publisher=header.get("publisher"), published=header.get("date"),
                    url=header.get("url"), body_start=body_start)


def document_id(path: Path) -> str:
    """The file stem, made safe for an IRI: it names the source in the graph."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-.")
    return stem or "document"


def decode(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: invalid UTF-16 text") from e
    if raw.startswith(_BINARY_MAGIC) or b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file, not text (is it a PDF, image or archive "
                         "renamed to a text extension?)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    if text.count("\ufffd") > len(text) // 100:
        raise InputError(f"{path}: not UTF-8, and not readable as Latin-1/Windows-1252 either")
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_header(text: str, path: Path) -> tuple[dict[str, str], int]:
    """A block of `key: value` lines closed by `---` at the top of the file."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    offset = 0
    for line in lines[:20]:
        if _HEADER_END.match(line) and meta:
            validate_header(meta, path)
            return meta, offset + len(line) + 1
        m = _HEADER_LINE.match(line)
        if not m:
            break
        if m.group(1).lower() in HEADER_KEYS:  # other keys (tags:, lang:) are skipped, not body
            meta[m.group(1).lower()] = m.group(2).strip()
        offset += len(line) + 1
    return {}, 0


def validate_header(meta: dict[str, str], path: Path) -> None:
    value = meta.get("date")
    if value is None:
        return
    ok = bool(_DATE.match(value))
    if ok:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok:
        raise InputError(f"{path}: bad date '{value}' in header (use YYYY, YYYY-MM or YYYY-MM-DD)")


def first_line(text: str) -> str:
    """The headline of a page without a header block: the first line that reads like a title
    (4 to 25 words, no closing full stop), skipping navigation such as "Back to news"."""
    lines = [line.strip() for line in text.split("\n")[:15] if line.strip()]
    for line in lines:
        words = line.split()
        named = sum(1 for w in words[1:] if w[:1].isupper())
        if 4 <= len(words) <= 25 and named >= 2 and not line.endswith((".", ":")):
            return line[:300]
    for line in lines:  # no headline: the opening sentence says what the piece is about
        if len(line.split()) >= 8:
            sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
            return sentence if len(sentence) <= 160 else sentence[:159] + "…"
    return lines[0][:300] if lines else ""


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of a page (scripts, styles and templates dropped) and its metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    meta: dict[str, str] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or "").lower()
        content = (tag.get("content") or "").strip()
        if not content:
            continue
        if key in ("og:site_name", "publisher"):
            meta.setdefault("publisher", content)
        elif key in ("article:published_time", "date", "pubdate"):
            meta.setdefault("date", content[:10])
        elif key == "og:url":
            meta.setdefault("url", content)
    if "date" in meta and not _DATE.match(meta["date"]):
        del meta["date"]
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe"]):
        tag.decompose()
    text = soup.get_text("\n")
    text = re.sub(r"[ \t\xa0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, meta


def iter_documents(paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    """Load each file, yielding the error in place of a document that cannot be read."""
    for path in paths:
        try:
            yield load_document(path, max_bytes)
        except InputError as e:
            yield e
