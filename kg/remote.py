"""A SPARQL 1.1 server as the graph's shared home: push each source's named graph with the Graph
Store HTTP Protocol, query with the SPARQL protocol, delete a source's graph.

Standard library only: urllib has HTTP digest and basic auth built in (Virtuoso's graph store
wants digest), so there is no dependency to add and `kg --help` stays fast. The password comes
from an environment variable and is never put in a URL, an argument or an error message.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from .errors import IncompleteAnswerError, InputError, RemoteError
from .store import QueryResult

TIMEOUT = 60.0
USER_AGENT = "kg (https://w3id.org/dealkg)"
RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Server:
    """Where to query and where to put graphs, and who to be. `graph_store` is None when it
    cannot be guessed from the query URL (then push and remove need --graph-store)."""

    query_url: str
    graph_store: str | None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = TIMEOUT

    def scrub(self, text: str) -> str:
        """Defence in depth: whatever a server or a library echoes, the password does not pass."""
        return text.replace(self.password, "***") if self.password else text


def server(endpoint: str, graph_store: str | None = None, user: str | None = None,
           password_env: str | None = None, timeout: float = TIMEOUT) -> Server:
    """A Server from the user's options. `endpoint` is the server's base URL
    (http://host:8890: Virtuoso's /sparql and /sparql-graph-crud-auth are used) or its SPARQL
    query URL; `graph_store` overrides the graph-store URL derived from it."""
    for url in (endpoint, graph_store):
        if url:
            check_url(url)
    if password_env and not user:
        raise InputError("--password-env needs --user (the account the password belongs to)")
    password = None
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise InputError(f"the environment variable {password_env} (from --password-env) is not set")
    query_url, derived = resolve(endpoint, authenticated=user is not None)
    return Server(query_url, graph_store or derived, user, password, timeout)


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"'{visible(url)}' is not an http(s) URL")
    if parts.username or parts.password:
        raise InputError(f"put credentials in --user and --password-env, not in the URL "
                         f"({visible(url)})")


def visible(url: str) -> str:
    """The URL without any user:password@ part, fit to print."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def resolve(endpoint: str, authenticated: bool) -> tuple[str, str | None]:
    """(query URL, graph-store URL or None) by the conventions of the common servers:
    a bare base URL or .../sparql at the root is Virtuoso (/sparql, /sparql-graph-crud[-auth]);
    /DATASET/sparql or /DATASET/query is Fuseki (/DATASET/data)."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    crud = "/sparql-graph-crud-auth" if authenticated else "/sparql-graph-crud"
    if path == "":
        return root + "/sparql", root + crud
    if path == "/sparql":
        return endpoint, root + crud
    if path.endswith(("/sparql", "/query")):
        return endpoint, root + path.rsplit("/", 1)[0] + "/data"
    return endpoint, None


# HTTP ---------------------------------------------------------------------------------------

@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    max_rows: int | None = None  # the server cut the answer at this many rows
    software: str = ""  # the Server header: which server this is


def request(srv: Server, method: str, url: str, data: bytes | None = None,
            headers: dict[str, str] | None = None, missing_ok: bool = False) -> Response:
    """One HTTP request with the server's credentials; failures become one-line RemoteErrors.
    With missing_ok, a 404 is returned rather than raised."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with opener(srv, url).open(req, timeout=srv.timeout) as answer:
            return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read(),
                            row_limit(answer.headers.get("X-SPARQL-MaxRows")),
                            answer.headers.get("Server", ""))
    except urllib.error.HTTPError as e:
        if missing_ok and e.code == 404:
            return Response(404, "", b"")
        raise RemoteError(srv.scrub(http_failure(srv, method, url, e))) from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise RemoteError(srv.scrub(connection_failure(srv, url, e))) from None


def row_limit(header: str | None) -> int | None:
    """Virtuoso's X-SPARQL-MaxRows: sent when it stopped an answer at its ResultSetMaxRows."""
    try:
        return int(header) if header else None
    except ValueError:
        return None


def opener(srv: Server, url: str) -> Any:
    import urllib.request

    if srv.user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    parts = urlsplit(url)
    passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", srv.user, srv.password or "")
    # digest first (what Virtuoso asks for); basic answers servers that ask for basic
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def http_failure(srv: Server, method: str, url: str, error: Any) -> str:
    where = f"{method} {visible(url)}"
    if error.code == 401:
        if srv.user is None:
            return f"{where}: 401 Unauthorized: the server wants credentials (give --user and --password-env)"
        return (f"{where}: 401 Unauthorized: the server refused user '{srv.user}' "
                f"(check the user and the password in the --password-env variable)")
    if error.code == 403:
        if srv.user is None:
            return f"{where}: 403 Forbidden: anonymous users may not do this (give --user and --password-env)"
        return f"{where}: 403 Forbidden: user '{srv.user}' may not do this"
    if error.code == 404:
        return (f"{where}: 404 Not Found: no such endpoint on the server "
                f"(check --endpoint, or give the graph-store URL with --graph-store)")
    return f"{where}: HTTP {error.code} {error.reason}{excerpt(error)}"


def excerpt(error: Any) -> str:
    """The first line of the server's explanation, if any, shortened."""
    try:
        text = error.read().decode("utf-8", "replace")
    except Exception:  # the body is a courtesy: never let it hide the status
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("<")]
    return f": {lines[0][:200]}" if lines else ""


def connection_failure(srv: Server, url: str, error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, ConnectionRefusedError):
        why = "connection refused (is the server running, and on this port?)"
    elif isinstance(reason, TimeoutError):
        why = f"no answer within {srv.timeout:.0f} s"
    elif type(reason).__name__ == "gaierror":
        why = "host name not found"
    else:
        why = str(reason) or type(reason).__name__
    return f"cannot reach {visible(url)}: {why}"


# Graph Store HTTP Protocol -----------------------------------------------------------------------

def graph_url(srv: Server, graph: str) -> str:
    if srv.graph_store is None:
        raise InputError(f"cannot tell the graph-store URL from {visible(srv.query_url)}: "
                         "give it with --graph-store (Virtuoso: BASE/sparql-graph-crud-auth, "
                         "Fuseki: BASE/DATASET/data)")
    joiner = "&" if "?" in srv.graph_store else "?"
    return f"{srv.graph_store}{joiner}graph={quote(graph, safe='')}"


def put_graph(srv: Server, graph: str, ntriples: bytes) -> None:
    """Create or replace one named graph (HTTP PUT), so pushing twice leaves one copy.
    N-Triples is sent as text/turtle, of which it is a subset: every server reads that."""
    request(srv, "PUT", graph_url(srv, graph), ntriples, {"Content-Type": "text/turtle; charset=utf-8"})


def delete_graph(srv: Server, graph: str) -> bool:
    """Drop one named graph; False if the server has no such graph."""
    return request(srv, "DELETE", graph_url(srv, graph), missing_ok=True).status != 404


# SPARQL protocol ---------------------------------------------------------------------------------

def run_query(srv: Server, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Like Store.query, on the server: read-only, parameters bound the same way."""
    from .store import bind_values, refuse_updates, to_oxigraph

    refuse_updates(sparql)
    if bindings:
        sparql = bind_values(sparql, {k: to_oxigraph(v) for k, v in bindings.items()})
    return query(srv, with_hints(srv, sparql))


HINT = re.compile(r"^#\s*(\w+) hint:\s*(.+)$", re.MULTILINE)
_software: dict[str, str] = {}


def with_hints(srv: Server, sparql: str) -> str:
    """The query with the lines its comments give for this server's software: a named query
    may say `# virtuoso hint: DEFINE ...`, which only Virtuoso understands. The server is asked
    who it is once per process, and only for a query that has hints."""
    hints = HINT.findall(sparql)
    if not hints:
        return sparql
    software = server_software(srv).lower()
    lines = [hint for name, hint in hints if software.startswith(name.lower())]
    return "\n".join([*lines, sparql]) if lines else sparql


def server_software(srv: Server) -> str:
    """The Server header of an answer to ASK {}; "" when the server will not say (a proxy may
    hide it, a server may refuse GET): the query then goes without hints, slower but the same."""
    if srv.query_url not in _software:
        try:
            answer = request(srv, "GET", f"{srv.query_url}?{urlencode({'query': 'ASK {}'})}",
                             headers={"Accept": RESULTS_JSON})
            _software[srv.query_url] = answer.software
        except RemoteError:
            _software[srv.query_url] = ""
    return _software[srv.query_url]


def query(srv: Server, sparql: str) -> QueryResult:
    """POST the query (form-encoded, so long queries fit) and read SPARQL JSON results."""
    data = urlencode({"query": sparql}).encode()
    answer = request(srv, "POST", srv.query_url, data,
                     {"Content-Type": "application/x-www-form-urlencoded",
                      "Accept": f"{RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8"})
    if answer.max_rows is not None:
        # the rows would look like the whole answer: refuse them rather than mislead
        raise IncompleteAnswerError(
            f"{visible(srv.query_url)} stopped the answer at its limit of {answer.max_rows:,} rows, so it "
            f"may be incomplete: raise the server's limit (Virtuoso: ResultSetMaxRows in virtuoso.ini) "
            f"or ask for less (LIMIT and OFFSET, a FILTER)")
    if "json" in answer.content_type or answer.body.lstrip().startswith(b"{"):
        return from_json(srv, answer.body)
    return from_triples(answer)


def from_json(srv: Server, body: bytes) -> QueryResult:
    try:
        doc = json.loads(body)
    except ValueError as e:
        raise RemoteError(f"{visible(srv.query_url)} answered with invalid JSON: {e}") from None
    if "boolean" in doc:
        return QueryResult([], [], bool(doc["boolean"]))
    names = list(doc.get("head", {}).get("vars", []))
    rows = [{n: json_value(b.get(n)) for n in names} for b in doc.get("results", {}).get("bindings", [])]
    return QueryResult(names, rows)


def json_value(term: dict[str, str] | None) -> Any:
    """A SPARQL JSON term as the same Python value the embedded store gives."""
    if term is None:
        return None
    value = term.get("value", "")
    if term.get("type") not in ("literal", "typed-literal"):
        return value
    kind = term.get("datatype", "").rsplit("#", 1)[-1]
    try:
        if kind in ("integer", "int", "long"):
            return int(value)
        if kind in ("decimal", "double", "float"):
            number = float(value)
            return int(number) if number.is_integer() and abs(number) < 1e18 else number
    except ValueError:
        return value
    if kind == "boolean":
        return value in ("true", "1")
    return value


def from_triples(answer: Response) -> QueryResult:
    """A CONSTRUCT or DESCRIBE answer, as rows like the embedded store's."""
    import pyoxigraph as ox

    from .store import python_value

    fmt = ox.RdfFormat.TURTLE if "turtle" in answer.content_type else ox.RdfFormat.N_TRIPLES
    rows = [{"subject": python_value(t.subject), "predicate": python_value(t.predicate),
             "object": python_value(t.object)} for t in ox.parse(answer.body, format=fmt)]
    return QueryResult(["subject", "predicate", "object"], rows)
