"""A private Virtuoso for the server tests and the benchmark: Debian's packaged configuration with
every file under a temporary directory, both ports on 127.0.0.1, a random dba password, and the
process stopped by its own PID (another Virtuoso on the machine is never touched).

    with running_virtuoso() as server:
        kg.api.connect(server.base, user="dba", password_env=server.password_env)
"""
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
PASSWORD_ENV = "KG_TEST_VIRTUOSO_PASSWORD"


class ServerError(Exception):
    """The private Virtuoso could not be started. The message is one line; `detail` holds the
    end of the server's console log when there is one."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.detail = detail


@dataclass
class VirtuosoServer:
    base: str  # http://127.0.0.1:PORT: /sparql and /sparql-graph-crud-auth are under it
    password_env: str  # the environment variable holding dba's password while the server runs


def kg_triples(server: Any) -> int:
    """The triples in kg's source graphs on the server (a kg.remote.Server)."""
    from kg import api
    from kg.rdf import vocab

    count = api.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                      f"FILTER(STRSTARTS(STR(?g), \"{vocab.ID}graph/\")) }}", endpoint=server)
    return int(count.rows[0]["n"])


def missing() -> str | None:
    """Why a private Virtuoso cannot be started here, or None when it can."""
    if shutil.which("virtuoso-t") and shutil.which("isql-vt") and TEMPLATE.exists():
        return None
    return "Virtuoso is not installed (apt-get install virtuoso-opensource)"


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


def log_tail(log: Path, size: int = 2000) -> str:
    try:
        return log.read_text(errors="replace")[-size:]
    except OSError:
        return ""


def wait_for_sparql(base: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_tail(log)
            last = next((line for line in reversed(tail.splitlines()) if line.strip()), "no output")
            raise ServerError(f"virtuoso-t exited with {process.returncode}: {last.strip()}", tail)
        try:
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise ServerError(f"Virtuoso did not answer on {base}/sparql within {seconds:.0f} s", log_tail(log))


def set_password(sql_port: int, password: str) -> None:
    """Replace the well-known default dba password before anything else talks to the server."""
    command = f"user_set_password('dba', '{password}');"
    for address in (f"127.0.0.1:{sql_port}", str(sql_port)):  # isql-vt builds differ in what they take
        done = subprocess.run(["isql-vt", address, "dba", "dba", f"exec={command}"],
                              capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and "Error" not in done.stdout + done.stderr:
            return
    said = " ".join(f"{done.stdout[-300:]} {done.stderr[-300:]}".split())
    raise ServerError(f"isql-vt could not set the dba password: {said}")


def start(home: Path, sql_port: int, http_port: int) -> subprocess.Popen:
    (home / "virtuoso.ini").write_text(private_config(TEMPLATE.read_text(), home, sql_port, http_port))
    with open(home / "console.log", "wb") as console:
        return subprocess.Popen(["virtuoso-t", "+configfile", str(home / "virtuoso.ini"), "+foreground"],
                                cwd=home, stdout=console, stderr=subprocess.STDOUT,
                                start_new_session=True)  # setsid: its own group, stopped by its pid


def stop(process: subprocess.Popen) -> None:
    """SIGTERM lets Virtuoso checkpoint and exit; kill it if it has not within 20 s."""
    process.send_signal(signal.SIGTERM)  # this server's pid, never a name
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def running_virtuoso(password_env: str = PASSWORD_ENV) -> Iterator[VirtuosoServer]:
    """Start a private Virtuoso, yield where it is, stop it and remove its files on exit.
    Raises ServerError when it cannot be started (see `missing()` for whether it is installed)."""
    reason = missing()
    if reason:
        raise ServerError(reason)
    home = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    try:
        sql_port, http_port = free_port(), free_port()
        process = start(home, sql_port, http_port)
        base = f"http://127.0.0.1:{http_port}"
        try:
            wait_for_sparql(base, process, home / "console.log")
            password = secrets.token_urlsafe(18)
            set_password(sql_port, password)
            os.environ[password_env] = password
            yield VirtuosoServer(base, password_env)
        finally:
            os.environ.pop(password_env, None)
            stop(process)
    finally:
        shutil.rmtree(home, ignore_errors=True)
