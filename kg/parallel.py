"""Ingest with extraction in worker processes while this process alone writes the store.

Oxigraph allows one writer, and extraction is pure Python (one core per process), so workers
read nothing but the Document they are sent and return the finished graph as N-Quads. Results are
consumed in file order and every decision that depends on the store (unchanged? replaced?) is
taken here, so any number of jobs gives the same store as one.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExtractionError, InputError, KgError
from .store import GraphData, Store

if TYPE_CHECKING:
    from .api import IngestReport
    from .model import Document

Progress = Callable[[int, int, str], None]
# a crash loses at most this many extracted documents (redone by the next ingest). Each batch is one
# bulk load, whose files RocksDB merges into the store later: at 1,000 articles that background
# compaction costs 20-25 ms of CPU per article in batches of 20, 10-12 in batches of 50-60, for
# about 60 MB more memory
BATCH_DOCUMENTS = 50
BATCH_BYTES = 64 * 1024 * 1024
IN_FLIGHT_PER_JOB = 4  # documents queued per worker: enough to keep it busy, few enough to bound memory


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back for one document: its graph and the counts the report needs."""

    data: GraphData
    facts: int
    denied: int
    figures: int
    entities: tuple[str, ...]


_pipeline: Any = None
_lexicon_files: list[Path] = []


def use_lexicon(lexicon_files: list[Path]) -> None:
    """Set what `extract` builds its pipeline from; the pipeline itself is built on first use,
    so an error in the patterns surfaces as itself (a pool initializer's error only says 'broken')."""
    global _lexicon_files, _pipeline
    _lexicon_files, _pipeline = list(lexicon_files), None


def start_worker(lexicon_files: list[Path]) -> None:
    """Pool initializer. Ctrl-C is left to the parent, which cancels what is queued and keeps
    what is done; a worker dying of it mid-document would only break the pool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    use_lexicon(lexicon_files)


def extract(doc: Document) -> Extracted:
    """Document -> Extracted, in whichever process runs it."""
    global _pipeline
    from .extract.pipeline import Pipeline
    from .rdf.build import document_graph

    if _pipeline is None:
        _pipeline = Pipeline(lexicon_files=_lexicon_files)
    extraction = _pipeline(doc)
    return Extracted(
        data=document_graph(extraction),
        facts=sum(c.polarity == "asserted" for c in extraction.claims),
        denied=sum(c.polarity == "denied" for c in extraction.claims),
        figures=len(extraction.figures),
        entities=tuple(e.id for e in extraction.entities),
    )


class Extractor:
    """Runs `extract` in this process (jobs=1) or in a pool of worker processes. Nothing starts
    before the first document that needs extracting: re-ingesting unchanged files is instant."""

    def __init__(self, jobs: int, lexicon_files: list[Path]) -> None:
        self.jobs, self.lexicon_files = jobs, lexicon_files
        self.started = False
        self.pool: Any = None

    def submit(self, doc: Document) -> Future[Extracted]:
        if not self.started:
            self.start()
        if self.pool is None:
            return extract_now(doc)
        return self.pool.submit(extract, doc)

    def start(self) -> None:
        self.started = True
        if self.jobs == 1:
            use_lexicon(self.lexicon_files)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: this process holds RocksDB's threads and locks, a child must not copy them
        self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=start_worker, initargs=(self.lexicon_files,))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def extract_now(doc: Document) -> Future[Extracted]:
    """Extract in this process; an error is raised when the result is read, as from a worker."""
    future: Future[Extracted] = Future()
    try:
        future.set_result(extract(doc))
    except Exception as e:
        future.set_exception(e)
    return future


class BatchWriter:
    """Collects finished graphs and writes them with Store.write_graphs, a batch at a time, in a
    thread of its own. Oxigraph lets go of the GIL while it writes, so meanwhile this process
    extracts the next documents (jobs=1) or hands them out and takes results in (jobs>1): the
    store write no longer stalls the workers. One batch is written while the next one fills; the
    batches are written in order, and an error in a write is raised by the next add or close."""

    def __init__(self, db: Store) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.db = db
        self.batch: list[GraphData] = []
        self.size = 0
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="kg-writer")
        self.writing: Future[None] | None = None

    def add(self, data: GraphData) -> None:
        self.batch.append(data)
        self.size += len(data.body)
        if len(self.batch) >= BATCH_DOCUMENTS or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Start writing the batch, once the one before it is written."""
        if self.batch:
            self.wait()
            self.writing = self.thread.submit(self.db.write_graphs, self.batch)
        self.batch, self.size = [], 0

    def wait(self) -> None:
        writing, self.writing = self.writing, None
        if writing is not None:
            writing.result()

    def close(self) -> None:
        """Write what is left and wait until it is written."""
        try:
            self.flush()
            self.wait()
        finally:
            self.thread.shutdown(wait=True)


@dataclass
class Pending:
    """One file, in order: failed to load, unchanged, or being extracted."""

    path: Path
    error: str | None = None
    future: Future[Extracted] | None = None
    replacing: bool = False


def ingest_files(files: list[Path], db: Store, report: IngestReport, *, jobs: int = 1,
                 lexicon_files: list[Path] | None = None, max_bytes: int | None = None,
                 progress: Progress | None = None) -> None:
    """Extract and store `files`, filling `report`. An unchanged document (same sha256 as the one
    stored) is skipped before extraction."""
    if jobs < 1:
        raise InputError(f"jobs must be 1 or more, not {jobs}")
    extractor = Extractor(jobs, list(lexicon_files or []))
    writer = BatchWriter(db)
    entities: set[str] = set()
    queue: deque[Pending] = deque()
    done = 0

    def finish_oldest() -> None:
        nonlocal done
        item = queue.popleft()
        finish(item, writer, report, entities)
        done += 1
        if progress:
            progress(done, len(files), str(item.path))

    try:
        for item in plan(files, db, report, extractor, max_bytes):
            queue.append(item)
            while sum(p.future is not None for p in queue) > jobs * IN_FLIGHT_PER_JOB:
                finish_oldest()
        while queue:
            finish_oldest()
    finally:
        try:
            writer.close()  # what was extracted before an error or Ctrl-C is kept, as file by file
        finally:
            extractor.close()
    report.entities = len(entities)


def plan(files: list[Path], db: Store, report: IngestReport, extractor: Extractor,
         max_bytes: int | None) -> Iterator[Pending]:
    """Load each file and decide, in order, whether it needs extracting. Two files of one run
    with the same document id (`a/news.txt`, `b/news.txt`) are two articles, not two versions of
    one: the second is refused rather than replacing the first."""
    from .documents import MAX_BYTES, load_document
    from .rdf.build import graph_iri

    first_file: dict[str, Path] = {}
    for path in files:
        try:
            doc = load_document(path, max_bytes or MAX_BYTES)
        except InputError as e:
            yield Pending(path, error=str(e))
            continue
        graph = str(graph_iri(doc.id))
        if graph in first_file:
            yield Pending(path, error=f"{path}: same source id '{doc.id}' as {first_file[graph]} "
                                      "(rename one of them to keep both)")
            continue
        first_file[graph] = path
        report.bytes += len(doc.text.encode())
        previous = db.source_hash(graph)
        if previous == doc.sha256:
            yield Pending(path)
            continue
        yield Pending(path, future=extractor.submit(doc), replacing=previous is not None)


def finish(item: Pending, writer: BatchWriter, report: IngestReport, entities: set[str]) -> None:
    if item.error is not None:
        report.failed.append((str(item.path), item.error))
        return
    if item.future is None:
        report.unchanged += 1
        return
    try:
        result = item.future.result()
    except BrokenProcessPool as e:
        raise KgError(f"a worker process died while extracting {item.path} "
                      f"(out of memory? try fewer --jobs): {e}") from e
    except ExtractionError as e:
        # a bug met on one document costs that document, like an unreadable file; the rest of
        # the folder is still ingested and the failure is listed with the stage that broke
        report.failed.append((str(item.path), str(e)))
        return
    writer.add(result.data)
    report.replaced += item.replacing
    report.added += not item.replacing
    report.facts += result.facts
    report.denied += result.denied
    report.figures += result.figures
    entities.update(result.entities)
