"""kg push / query / remove against a real Virtuoso, started for this module on 127.0.0.1 only."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require_or_skip
from virtuoso_server import ServerError, kg_triples, missing, running_virtuoso
from virtuoso_server import VirtuosoServer as Virtuoso

from kg import api

GRAPHS = "https://w3id.org/dealkg/id/graph/"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[Virtuoso]:
    reason = missing()
    require_or_skip(reason is None, reason or "")
    try:
        with running_virtuoso() as server:
            yield server
    except ServerError as e:
        pytest.fail(f"{e}\n{e.detail}" if e.detail else str(e))


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SHARED

    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip("../shared is not beside the project (the seed corpus lives there)")
    store = tmp_path_factory.mktemp("virtuoso") / "store"
    api.ingest([SHARED / "corpus" / "seeds"], store=store)
    return store


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
