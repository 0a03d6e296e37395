"""Turn files into Documents: decode, strip HTML, read the header block, hash."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .errors import InputError, NothingToIngest
from .model import Document

SUPPORTED_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
                      ".html": "text/html", ".htm": "text/html"}
MB = 1024 * 1024  # --max-size counts in these
MAX_BYTES = 20 * MB
HEADER_KEYS = {"title", "publisher", "date", "url", "source", "author"}
_HEADER_LINE = re.compile(r"^([A-Za-z_]+):[ \t]*(.*)$")
_HEADER_END = re.compile(r"^-{3,}[ \t]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
                 b"\x1f\x8b", b"BZh", b"7z\xbc\xaf")
# C0 and C1 control characters other than tab and newlines: not text, and some would drive a
# terminal that shows a quote (ESC, CSI). Replaced by spaces, so offsets stay where they were.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
        if not path.is_file():  # a FIFO or device would block or never end
            raise InputError(f"{path}: not a regular file")
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)  # never more than the limit in memory, whatever stat says
            size = max(len(raw), path.stat().st_size)
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
    if size > max_bytes:
        raise InputError(f"{path}: {size / MB:.1f} MB is over the {max_bytes / MB:g} MB size limit "
                         "per document (split the file or raise --max-size)")
    text = clean_controls(decode(raw, path))
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
    text = clean_controls(normalise_newlines(text))
    header, body_start = read_header(text, Path(doc_id))
    return Document(id=document_id(Path(doc_id)), path=doc_id, text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest(),
                    title=title or header.get("title") or first_line(text[body_start:]),
                    publisher=header.get("publisher"), published=header.get("date"),
                    url=header.get("url"), body_start=body_start)


def document_id(path: Path) -> str:
    """The file stem, made safe for an IRI: it names the source in the graph. Letters and digits
    of any script are kept (IRIs allow them), so "доклад.txt" and "отчёт.txt" stay two sources."""
    stem = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", path.stem)).strip("-.")
    return stem or "document"


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one (recognised by its
    zero bytes), else Windows-1252 (a superset of Latin-1 for text) when that reads as text."""
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    bom = {b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32",
           b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
    encoding = next((enc for mark, enc in bom.items() if raw.startswith(mark)), None)
    encoding = encoding or utf16_without_bom(raw)
    if encoding:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as e:
            name = encoding.upper().replace("-LE", "").replace("-BE", "")
            raise InputError(f"{path}: invalid {name} text (byte {e.start}: {e.reason}); "
                             "save it as UTF-8") from e
        if not text.strip("\ufeff \t\r\n"):
            raise InputError(f"{path}: empty file")
        return text.lstrip("\ufeff")
    if raw.startswith(_BINARY_MAGIC) or b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file, not text (is it a PDF, image or archive "
                         "renamed to a text extension?)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    text = raw.decode("cp1252", errors="replace")
    if text.count("\ufffd") > len(text) // 100:
        raise InputError(f"{path}: not UTF-8 (byte 0x{raw[utf8_error.start]:02x} at offset "
                         f"{utf8_error.start}) and not Windows-1252/Latin-1 text either; "
                         "save it as UTF-8") from None
    return text


def utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes fill every other position, as they do in
    UTF-16 text of Latin script (and never in UTF-8 text or most binary formats)."""
    head = raw[:4096]
    if len(head) < 8 or len(raw) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return name
    return None


def clean_controls(text: str) -> str:
    return _CONTROL.sub(" ", text)


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
    if value is not None and not valid_date(value):
        raise InputError(f"{path}: bad date '{value}' in header (use YYYY, YYYY-MM or YYYY-MM-DD)")


def valid_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real day (it becomes an xsd:gYear/gYearMonth/date)."""
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


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
    if "date" in meta and not valid_date(meta["date"]):
        del meta["date"]  # a page's metadata is not the user's header: a bad date is dropped
    meta = {k: " ".join(clean_controls(v).split()) for k, v in meta.items()}
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]):
        tag.decompose()
    for tag in soup.find_all(hidden_element):  # not shown to a reader, so not what the page says
        if not tag.decomposed:
            tag.decompose()
    text = soup.get_text("\n")
    text = re.sub(r"[ \t\xa0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, meta


def hidden_element(tag: object) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    style = re.sub(r"\s+", "", str(attrs.get("style", ""))).lower()
    return ("hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true"
            or "display:none" in style or "visibility:hidden" in style)


def iter_documents(paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    """Load each file, yielding the error in place of a document that cannot be read."""
    for path in paths:
        try:
            yield load_document(path, max_bytes)
        except InputError as e:
            yield e
