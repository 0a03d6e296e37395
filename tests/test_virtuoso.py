"""kg push / query / remove against a real Virtuoso, started for this module on 127.0.0.1 only."""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require_or_skip

from kg import api

TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
GRAPHS = "https://w3id.org/dealkg/id/graph/"
pytestmark = pytest.mark.server


@dataclass
class Virtuoso:
    base: str
    password_env: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def private_config(template: str, home: Path, sql_port: int, http_port: int) -> str:
    """The packaged virtuoso.ini with every file under `home` and both ports on loopback."""
    files = {"Database": ("DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile",
                          "xa_persistent_file"),
             "TempDatabase": ("DatabaseFile", "TransactionFile")}
    names = {("Database", "DatabaseFile"): "virtuoso.db", ("Database", "ErrorLogFile"): "virtuoso.log",
             ("Database", "LockFile"): "virtuoso.lck", ("Database", "TransactionFile"): "virtuoso.trx",
             ("Database", "xa_persistent_file"): "virtuoso.pxa",
             ("TempDatabase", "DatabaseFile"): "virtuoso-temp.db",
             ("TempDatabase", "TransactionFile"): "virtuoso-temp.trx"}
    ports = {"Parameters": sql_port, "HTTPServer": http_port}
    out, section = [], ""
    for line in template.splitlines():
        header = re.match(r"\s*\[([^\]]+)\]", line)
        section = header.group(1) if header else section
        key = re.match(r"\s*(\w+)\s*=", line)
        if key and key.group(1) in files.get(section, ()):
            line = f"{key.group(1)} = {home / names[(section, key.group(1))]}"
        elif key and key.group(1) == "ServerPort" and section in ports:
            line = f"ServerPort = 127.0.0.1:{ports[section]}"
        out.append(line)
    return "\n".join(out) + "\n"


def wait_for_sparql(base: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"Virtuoso did not answer on {base}/sparql within {seconds:.0f} s")


def set_password(sql_port: int, password: str) -> None:
    """Replace the well-known default dba password before anything else talks to the server."""
    command = f"user_set_password('dba', '{password}');"
    for address in (f"127.0.0.1:{sql_port}", str(sql_port)):  # isql-vt builds differ in what they take
        done = subprocess.run(["isql-vt", address, "dba", "dba", f"exec={command}"],
                              capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and "Error" not in done.stdout + done.stderr:
            return
    pytest.fail(f"isql-vt could not set the dba password: {done.stdout[-500:]} {done.stderr[-500:]}")


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[Virtuoso]:
    available = bool(shutil.which("virtuoso-t") and shutil.which("isql-vt") and TEMPLATE.exists())
    require_or_skip(available, "Virtuoso is not installed (apt-get install virtuoso-opensource)")
    home = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    sql_port, http_port = free_port(), free_port()
    (home / "virtuoso.ini").write_text(private_config(TEMPLATE.read_text(), home, sql_port, http_port))
    log = home / "console.log"
    with open(log, "wb") as console:
        process = subprocess.Popen(["virtuoso-t", "+configfile", str(home / "virtuoso.ini"), "+foreground"],
                                   cwd=home, stdout=console, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # setsid: its own group, stopped by its pid
    base = f"http://127.0.0.1:{http_port}"
    variable = "KG_TEST_VIRTUOSO_PASSWORD"
    try:
        wait_for_sparql(base, process, log)
        password = secrets.token_urlsafe(18)
        set_password(sql_port, password)
        os.environ[variable] = password
        yield Virtuoso(base, variable)
    finally:
        os.environ.pop(variable, None)
        process.send_signal(signal.SIGTERM)  # this server's pid, never a name
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SHARED

    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip("../shared is not beside the project (the seed corpus lives there)")
    store = tmp_path_factory.mktemp("virtuoso") / "store"
    api.ingest([SHARED / "corpus" / "seeds"], store=store)
    return store


def kg_triples(server: api.Server) -> int:
    count = api.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                      f"FILTER(STRSTARTS(STR(?g), \"{GRAPHS}\")) }}", endpoint=server)
    return int(count.rows[0]["n"])


def pairs(result: api.QueryResult) -> set[tuple[str, str]]:
    return {(r["owner"], r["owned"]) for r in result.rows}


def test_push_query_repush_remove(virtuoso: Virtuoso, seeds_store: Path) -> None:
    server = api.connect(virtuoso.base, user="dba", password_env=virtuoso.password_env)
    report = api.push(server, store=seeds_store)
    local_sources = api.sources(store=seeds_store).rows
    assert report.graphs == len(local_sources) > 0
    pushed = kg_triples(server)
    assert pushed == report.triples

    remote_owners = api.query(name="owners", endpoint=server)
    local_owners = api.query(name="owners", store=seeds_store)
    assert ("Mayo Clinic", "Mayo Clinic frontier AI model") in pairs(local_owners)
    assert pairs(remote_owners) == pairs(local_owners)

    api.push(server, store=seeds_store)
    assert kg_triples(server) == pushed  # PUT replaced each graph: no duplicates

    gone = local_sources[0]["source"]
    assert api.remove(gone, endpoint=server) == gone
    asked = api.query(f"ASK {{ GRAPH <{GRAPHS}{gone}> {{ ?s ?p ?o }} }}", endpoint=server)
    assert asked.boolean is False
    assert kg_triples(server) < pushed


def test_wrong_password_and_anonymous_writes_are_refused(virtuoso: Virtuoso, seeds_store: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import RemoteError

    monkeypatch.setenv("KG_TEST_WRONG", "not-the-password")
    wrong = api.connect(virtuoso.base, user="dba", password_env="KG_TEST_WRONG")
    with pytest.raises(RemoteError, match="401 Unauthorized") as caught:
        api.push(wrong, store=seeds_store)
    assert os.environ[virtuoso.password_env] not in str(caught.value)
    assert "not-the-password" not in str(caught.value)
    with pytest.raises(RemoteError, match="40[13]"):
        api.push(virtuoso.base, store=seeds_store)


def test_every_named_query_answers_as_the_embedded_store_does(virtuoso: Virtuoso, seeds_store: Path) -> None:
    """Same rows in the same order: named queries are written for both engines, so an answer
    does not change when a team moves its graph to a server."""
    server = api.connect(virtuoso.base, user="dba", password_env=virtuoso.password_env)
    api.push(server, store=seeds_store)
    compared = 0
    for name, path in api.named_queries().items():
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        params = {p: "Mayo Clinic" for p in re.findall(r"--param (\w+)=", header)}
        local = api.query(name=name, params=params, store=seeds_store)
        remote = api.query(name=name, params=params, endpoint=server)
        assert remote.variables == local.variables, name
        assert remote.rows == local.rows, name
        compared += bool(local.rows)
    assert compared >= 12  # most named queries have rows on the seeds: the comparison is not empty
