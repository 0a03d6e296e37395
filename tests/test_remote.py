"""kg.remote against a tiny HTTP server on 127.0.0.1: URLs, auth, errors that never show the password."""
from __future__ import annotations

import base64
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Literal, URIRef

from kg import api, remote
from kg.cli import cli
from kg.errors import InputError, RemoteError
from kg.store import Store

USER, PASSWORD = "curator", "pa55-Not-In-Any-Message"
GRAPH = "https://w3id.org/dealkg/id/graph/alpha"
RESULTS = {"head": {"vars": ["owner", "owned", "sources"]},
           "results": {"bindings": [
               {"owner": {"type": "literal", "value": "Mayo Clinic"},
                "owned": {"type": "literal", "value": "Mayo Clinic frontier AI model"},
                "sources": {"type": "typed-literal", "value": "5",
                            "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}


class Handler(BaseHTTPRequestHandler):
    """/basic/* wants basic auth, /digest/* always refuses with a digest challenge, /sparql
    answers SELECTs, /gsp keeps graphs (PUT, DELETE) in the server's dict."""

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def do_PUT(self) -> None:
        if not self.authorised():
            return
        body = self.rfile.read(int(self.headers["Content-Length"]))
        graph = parse_qs(urlsplit(self.path).query)["graph"][0]
        created = graph not in self.server.graphs  # type: ignore[attr-defined]
        self.server.graphs[graph] = (self.headers["Content-Type"], body)  # type: ignore[attr-defined]
        self.answer(201 if created else 204)

    def do_DELETE(self) -> None:
        if not self.authorised():
            return
        graph = parse_qs(urlsplit(self.path).query)["graph"][0]
        found = self.server.graphs.pop(graph, None) is not None  # type: ignore[attr-defined]
        self.answer(200 if found else 404)

    def version_string(self) -> str:  # the Server header
        virtuoso = self.path.startswith("/virtuoso")
        return "Virtuoso/07.20.3229 (Linux)" if virtuoso else super().version_string()

    def do_GET(self) -> None:
        self.server.probes.append(self.path)  # type: ignore[attr-defined]
        if self.path.startswith("/no-get/"):
            self.answer(405)
            return
        self.answer(200, b'{"head": {}, "boolean": true}', "application/sparql-results+json")

    def do_POST(self) -> None:
        for prefix in ("/virtuoso/", "/no-get/"):
            if self.path.startswith(prefix):
                self.path = self.path[len(prefix) - 1:]
        if not self.path.startswith("/sparql"):
            self.answer(404, b"<html>not here</html>")
            return
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.server.queries.append(form["query"][0])  # type: ignore[attr-defined]
        # /sparql-capped answers as Virtuoso does when ResultSetMaxRows cut the answer
        capped = {"X-SPARQL-MaxRows": "10000"} if self.path.startswith("/sparql-capped") else {}
        self.answer(200, json.dumps(RESULTS).encode(), "application/sparql-results+json", capped)

    def authorised(self) -> bool:
        if self.path.startswith("/digest"):
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Digest realm="SPARQL", nonce="abc123", qop="auth"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.path.startswith("/basic") and self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="SPARQL"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        return True

    def answer(self, status: int, body: bytes = b"", content_type: str = "text/plain",
               headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def http() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.graphs, server.queries, server.probes = {}, [], []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def base(http: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{http.server_address[1]}"


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KG_TEST_PASSWORD", PASSWORD)
    return "KG_TEST_PASSWORD"


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    store = tmp_path / "small"
    mayo = URIRef("https://w3id.org/dealkg/id/entity/mayo-clinic")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    with Store.open(store, write=True) as db:
        db.replace_graph(GRAPH, [(mayo, label, Literal("Mayo Clinic"))])
    return store


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(("endpoint", "user", "query_url", "graph_store"), [
    ("http://h:8890", "dba", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud-auth"),
    ("http://h:8890/", None, "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
    ("http://h:8890/sparql", "dba", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud-auth"),
    ("http://h:3030/deals/sparql", None, "http://h:3030/deals/sparql", "http://h:3030/deals/data"),
    ("http://h:3030/deals/query", None, "http://h:3030/deals/query", "http://h:3030/deals/data"),
    ("http://h:7200/repositories/deals", None, "http://h:7200/repositories/deals", None),
])
def test_urls_from_the_endpoint(endpoint, user, query_url, graph_store, secret) -> None:
    server = remote.server(endpoint, user=user, password_env=secret if user else None)
    assert (server.query_url, server.graph_store) == (query_url, graph_store)


def test_an_explicit_graph_store_wins(secret) -> None:
    server = remote.server("http://h/sparql", graph_store="http://h/gsp", user="u", password_env=secret)
    assert server.graph_store == "http://h/gsp"
    assert PASSWORD not in repr(server)


def test_no_graph_store_is_a_clear_error(small_store: Path) -> None:
    with pytest.raises(InputError, match="--graph-store"):
        api.push("http://127.0.0.1:9/repositories/x", store=small_store)


def test_password_env_must_be_set_and_need_a_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_UNSET_VARIABLE", raising=False)
    with pytest.raises(InputError, match="KG_UNSET_VARIABLE .* not set"):
        remote.server("http://h", user="u", password_env="KG_UNSET_VARIABLE")
    with pytest.raises(InputError, match="needs --user"):
        remote.server("http://h", password_env="KG_UNSET_VARIABLE")


def test_credentials_in_the_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(InputError) as caught:
        remote.server(f"http://{USER}:{PASSWORD}@h:8890/sparql")
    assert PASSWORD not in str(caught.value)
    assert "--password-env" in str(caught.value)


def test_push_with_basic_auth_puts_each_graph(base: str, http, secret, small_store: Path) -> None:
    server = api.connect(f"{base}/sparql", graph_store=f"{base}/basic/gsp", user=USER, password_env=secret)
    report = api.push(server, store=small_store)
    assert (report.graphs, report.triples) == (1, 1)
    content_type, body = http.graphs[GRAPH]
    assert content_type.startswith("text/turtle")
    assert body == b'<https://w3id.org/dealkg/id/entity/mayo-clinic> ' \
                   b'<http://www.w3.org/2000/01/rdf-schema#label> "Mayo Clinic" .\n'
    api.push(server, store=small_store)  # a PUT replaces: still one copy
    assert list(http.graphs) == [GRAPH]
    assert api.remove("alpha", endpoint=server) == "alpha"
    assert GRAPH not in http.graphs
    with pytest.raises(InputError, match="no source 'alpha'"):
        api.remove("alpha", endpoint=server)


@pytest.mark.parametrize("path", ["/basic/gsp", "/digest/gsp"])
def test_401_is_one_clear_line_without_the_password(base: str, path: str, monkeypatch, small_store) -> None:
    monkeypatch.setenv("KG_TEST_PASSWORD", "wrong-" + PASSWORD)
    server = api.connect(f"{base}/sparql", graph_store=base + path, user=USER,
                         password_env="KG_TEST_PASSWORD")
    with pytest.raises(RemoteError) as caught:
        api.push(server, store=small_store)
    message = str(caught.value)
    assert "401 Unauthorized" in message and f"user '{USER}'" in message and base in message
    assert PASSWORD not in message and "\n" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_401_without_credentials_says_what_to_give(base: str, small_store: Path) -> None:
    with pytest.raises(RemoteError, match="401 Unauthorized: the server wants credentials"):
        api.push(api.connect(base, graph_store=f"{base}/basic/gsp"), store=small_store)


def test_the_cli_never_prints_the_password(runner, base: str, monkeypatch, small_store) -> None:
    monkeypatch.setenv("KG_TEST_PASSWORD", "wrong-" + PASSWORD)
    result = runner.invoke(cli, ["push", "--endpoint", base, "--graph-store", f"{base}/basic/gsp",
                                 "--user", USER, "--password-env", "KG_TEST_PASSWORD",
                                 "--store", str(small_store)])
    assert result.exit_code == 1
    assert "401 Unauthorized" in result.output and PASSWORD not in result.output


def test_connection_refused(small_store: Path) -> None:
    port = closed_port()
    with pytest.raises(RemoteError, match=f"cannot reach http://127.0.0.1:{port}/.*connection refused"):
        api.push(f"http://127.0.0.1:{port}", store=small_store)
    with pytest.raises(RemoteError, match="connection refused"):
        api.query("ASK {}", endpoint=f"http://127.0.0.1:{port}/sparql")


def test_404_names_the_url_and_the_options(base: str) -> None:
    with pytest.raises(RemoteError, match=f"POST {base}/nowhere: 404 Not Found.*--endpoint"):
        api.query("ASK {}", endpoint=f"{base}/nowhere")


def test_query_results_look_like_local_ones(runner, base: str, http) -> None:
    result = api.query(name="owners", endpoint=f"{base}/sparql")
    assert result.variables == ["owner", "owned", "sources"]
    assert result.rows == [{"owner": "Mayo Clinic", "owned": "Mayo Clinic frontier AI model", "sources": 5}]
    assert "kg:owns" in http.queries[-1]
    out = runner.invoke(cli, ["query", "--name", "evidence", "--param", "entity=Mayo Clinic",
                              "--endpoint", f"{base}/sparql", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1] == "Mayo Clinic,Mayo Clinic frontier AI model,5"
    assert 'VALUES ?entity { "Mayo Clinic" }' in http.queries[-1]


def test_an_answer_the_server_cut_short_is_refused(runner, base: str) -> None:
    with pytest.raises(RemoteError, match=r"stopped the answer at its limit of 10,000 rows.*MaxRows"):
        api.query(name="owners", endpoint=f"{base}/sparql-capped")
    out = runner.invoke(cli, ["query", "--name", "owners", "--endpoint", f"{base}/sparql-capped"])
    assert out.exit_code == 1
    assert "Mayo Clinic" not in out.output  # no partial table that looks like the whole answer
    assert len(out.output.strip().splitlines()) == 1


def test_hints_go_to_the_server_they_are_written_for(base: str, http) -> None:
    hint = 'DEFINE sql:select-option "order"'
    assert f"# virtuoso hint: {hint}" in api.query_text(name="owners")
    api.query(name="owners", endpoint=f"{base}/virtuoso/sparql")
    assert http.queries[-1].startswith(hint + "\n")
    api.query(name="owners", endpoint=f"{base}/sparql")  # not Virtuoso: the hint stays a comment
    assert not any(line.startswith("DEFINE") for line in http.queries[-1].splitlines())
    probes = len(http.probes)
    api.query("SELECT * WHERE { ?s ?p ?o }", endpoint=f"{base}/virtuoso/sparql?plain")
    assert len(http.probes) == probes  # a query without hints does not ask who the server is
    result = api.query(name="owners", endpoint=f"{base}/no-get/sparql")  # will not say who it is
    assert result.rows and len(http.probes) == probes + 1


def test_updates_are_refused_before_any_request(base: str, http) -> None:
    from kg.errors import QueryError

    sent = len(http.queries)
    with pytest.raises(QueryError, match="read-only"):
        api.query("DROP ALL", endpoint=f"{base}/sparql")
    assert len(http.queries) == sent


def test_server_options_need_an_endpoint(runner) -> None:
    result = runner.invoke(cli, ["query", "--name", "owners", "--user", "dba"])
    assert result.exit_code == 2 and "need --endpoint" in result.output


@pytest.mark.parametrize(("term", "value"), [
    ({"type": "typed-literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}, 3),
    ({"type": "literal", "value": "2.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}, 2.5),
    ({"type": "literal", "value": "2300000000.0", "datatype": "http://www.w3.org/2001/XMLSchema#double"},
     2300000000),
    ({"type": "literal", "value": "true", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}, True),
    ({"type": "literal", "value": "Mayo", "xml:lang": "en"}, "Mayo"),
    ({"type": "uri", "value": "https://w3id.org/dealkg/ns#owns"}, "https://w3id.org/dealkg/ns#owns"),
    (None, None),
])
def test_json_values_match_the_embedded_store(term, value) -> None:
    assert remote.json_value(term) == value
