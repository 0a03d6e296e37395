"""Errors a user can act on. The library raises them; only the CLI turns them into exit codes."""
from __future__ import annotations


class KgError(Exception):
    """Base class: the message says what failed, where, and what to do next."""

    exit_code = 1


class InputError(KgError):
    """A document or argument the user gave cannot be used."""


class NothingToIngest(InputError):
    """A path held no supported document."""


class PatternError(KgError):
    """A pattern, lexicon or unit table in data/ is malformed (message names file:line)."""


class StoreError(KgError):
    """The store directory is missing, locked, or not a kg store."""


class QueryError(KgError):
    """A SPARQL query failed to parse or was not a read-only query."""


class UnknownNameError(KgError):
    """A format, named query or relation name is not known (message lists the known ones)."""


class ExtractionError(KgError):
    """A pipeline stage failed on a document."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"extraction stage '{stage}' failed on {doc_id}: {cause}")
        self.stage = stage
        self.doc_id = doc_id
        self.reason = str(cause)

    def __reduce__(self) -> tuple[type, tuple[str, str, BaseException]]:
        # raised in an ingest worker, it travels pickled; the cause goes as text (it may not pickle)
        return type(self), (self.stage, self.doc_id, RuntimeError(self.reason))


class RemoteError(KgError):
    """A SPARQL server could not be reached or refused a request (message has the URL, never the
    password)."""


class IncompleteAnswerError(RemoteError):
    """A SPARQL server cut its answer at its row limit (Virtuoso's ResultSetMaxRows)."""
