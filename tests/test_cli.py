"""The command line: help, named queries, answers with their evidence, exit codes, JSON output."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg import api
from kg.cli import cli
from kg.documents import find_documents, load_document
from kg.resources import DEMO_CORPUS_DIR, PROJECT_DIR

COMMANDS = sorted(cli.commands)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the seed articles in ../shared (skipped when it is absent)."""
    from conftest import SHARED

    folder = SHARED / "corpus" / "seeds"
    if not folder.is_dir():
        pytest.skip("../shared is not beside the project (the seed articles live there)")
    store = tmp_path_factory.mktemp("cli") / "seeds"
    api.ingest([folder], store=store)
    return store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "demo"
    api.ingest([DEMO_CORPUS_DIR], store=store)
    return store


def run(runner, *args: str | Path):
    return runner.invoke(cli, [str(a) for a in args])


def as_json(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command(runner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: cli {command} ")
    summary = (cli.commands[command].help or "").splitlines()[0]
    assert summary and summary in " ".join(result.stdout.split())


def test_group_help_lists_every_command(runner) -> None:
    result = run(runner, "--help")
    assert result.exit_code == 0
    listed = re.findall(r"^  (\S+)\s", result.stdout.split("Commands:")[1], re.MULTILINE)
    assert sorted(listed) == COMMANDS


def test_query_list_names_every_named_query(runner) -> None:
    result = run(runner, "query", "--list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == list(api.named_queries())
    assert all(len(line.split(maxsplit=1)) == 2 for line in result.stdout.splitlines())


def test_owners_on_the_seeds_says_mayo_owns_the_model(runner, seeds: Path, shared: Path) -> None:
    rows = as_json(run(runner, "query", "--name", "owners", "--format", "json", "--store", seeds))
    row = next(r for r in rows if r["owned"] == "Mayo Clinic frontier AI model")
    assert row["owner"] == "Mayo Clinic"
    assert row["sources"] >= 3
    # the sentence is quoted from the article the title names
    titled = {d.title: d for d in map(load_document, find_documents([shared / "corpus" / "seeds"]))}
    assert row["source"] in titled
    assert row["evidence"] in titled[row["source"]].text
    assert "own" in row["evidence"].lower()
    assert not any(r["owner"] == "Microsoft" and r["owned"] == row["owned"] for r in rows)


def test_owners_table(runner, seeds: Path) -> None:
    result = run(runner, "query", "--name", "owners", "--store", seeds)
    assert result.exit_code == 0
    header, rule, *body, count = result.stdout.rstrip("\n").split("\n")
    assert header.split() == ["owner", "owned", "sources", "modality", "evidence", "source"]
    assert set(rule) <= {"-", " "}
    assert count == f"({len(body)} rows)"
    assert any(line.startswith("Mayo Clinic ") and "Mayo Clinic frontier AI model" in line
               for line in body)


def test_explain_mayo_clinic(runner, seeds: Path) -> None:
    rows = as_json(run(runner, "explain", "Mayo Clinic", "--format", "json", "--store", seeds))
    assert rows
    assert all("Mayo Clinic" in (r["subject"], r["object"]) for r in rows)
    assert {"owns", "partnersWith"} <= {r["relation"] for r in rows}
    assert {r["polarity"] for r in rows} <= {"asserted", "denied"}
    assert len({json.dumps(r, sort_keys=True) for r in rows}) == len(rows)  # no duplicate rows
    # an alias finds the same facts
    alias = as_json(run(runner, "explain", "mayo", "--format", "json", "--store", seeds))
    assert alias == rows


def test_explain_an_unknown_entity(runner, seeds: Path) -> None:
    result = run(runner, "explain", "Nobody Health", "--store", seeds)
    assert result.exit_code == 1
    assert result.stderr == ("Error: no entity called 'Nobody Health' has facts in the store "
                             "(try `kg query --name figures` or a different spelling)\n")


def test_stats(runner, seeds: Path, shared: Path) -> None:
    result = run(runner, "stats", "--store", seeds)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    values = dict(line.split() for line in lines[:7])
    assert int(values["sources"]) == len(find_documents([shared / "corpus" / "seeds"]))
    by_relation = lines[lines.index("facts by relation:") + 1:lines.index("entities by type:") - 1]
    assert int(values["facts"]) == sum(int(line.split()[1]) for line in by_relation) > 0
    assert "owns" in {line.split()[0] for line in by_relation}


def test_conflicts_on_the_seeds_runs(runner, seeds: Path) -> None:
    result = run(runner, "conflicts", "--format", "json", "--store", seeds)
    for row in as_json(result):
        assert row["asserted_by"] != row["denied_by"]


def test_conflicts_shows_one_source_denying_another(runner, demo: Path) -> None:
    rows = as_json(run(runner, "conflicts", "--format", "json", "--store", demo))
    assert rows
    assert len({json.dumps(r, sort_keys=True) for r in rows}) == len(rows)
    sources = {r["source"] for r in api.sources(store=demo).rows}
    for row in rows:
        assert row["asserted_by"] != row["denied_by"]
        assert {row["asserted_by"], row["denied_by"]} <= sources


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_output_is_stable(runner, seeds: Path, fmt: str) -> None:
    first = run(runner, "query", "--name", "support", "--format", fmt, "--store", seeds)
    second = run(runner, "query", "--name", "support", "--format", fmt, "--store", seeds)
    assert first.exit_code == 0
    assert first.stdout == second.stdout


@pytest.mark.parametrize("name", ["owners", "figures", "deals", "sources"])
def test_json_output_is_valid_with_sorted_keys(runner, seeds: Path, name: str) -> None:
    result = run(runner, "query", "--name", name, "--format", "json", "--store", seeds)
    rows = as_json(result)
    assert rows
    for row in rows:
        assert list(row) == sorted(row)
    assert result.stdout.rstrip("\n") == json.dumps(rows, indent=2, sort_keys=True,
                                                    ensure_ascii=False)


def test_csv_output_has_a_header_and_one_line_per_row(runner, seeds: Path) -> None:
    import csv
    import io

    result = run(runner, "query", "--name", "owners", "--format", "csv", "--store", seeds)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(api.query(name="owners", store=seeds).rows)
    assert rows[0].keys() == {"owner", "owned", "sources", "modality", "evidence", "source"}


def test_query_with_a_parameter(runner, seeds: Path) -> None:
    rows = as_json(run(runner, "query", "--name", "figures", "--param", "entity=Microsoft",
                       "--format", "json", "--store", seeds))
    assert rows and {r["about"] for r in rows} == {"Microsoft"}


def test_ask_query(runner, seeds: Path) -> None:
    ask = ("ASK { <https://w3id.org/dealkg/id/entity/mayo-clinic> "
           "<https://w3id.org/dealkg/ns#owns> ?model }")
    result = run(runner, "query", ask, "--store", seeds)
    assert (result.exit_code, result.stdout) == (0, "true\n")


# exit codes ---------------------------------------------------------------------------------

def test_unknown_named_query(runner, seeds: Path) -> None:
    result = run(runner, "query", "--name", "nope", "--store", seeds)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no named query 'nope' (known: acquisitions, ")


def test_an_update_is_refused(runner, seeds: Path) -> None:
    result = run(runner, "query", "DELETE WHERE { ?s ?p ?o }", "--store", seeds)
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    assert api.stats(store=seeds).triples > 0


def test_a_syntax_error_is_a_one_line_error(runner, seeds: Path) -> None:
    result = run(runner, "query", "SELECT ?s WHERE { ?s ", "--store", seeds)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax")
    assert "Traceback" not in result.output


def test_no_store_yet(runner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run(runner, "query", "--name", "owners", "--store", missing)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no kg store at {missing}: "
                             f"run `kg ingest PATH --store {missing}` first\n")
    assert not missing.exists()


def test_the_store_comes_from_kg_store(runner, kg_home: Path) -> None:
    result = run(runner, "stats")
    assert result.exit_code == 1
    assert f"no kg store at {kg_home}" in result.stderr


@pytest.mark.parametrize("args", [
    ["query", "--name", "owners", "--format", "xml"],
    ["query", "--param", "entity", "--name", "evidence"],
    ["ingest"],
    ["explain"],
    ["no-such-command"],
])
def test_usage_errors_exit_2(runner, args: list[str]) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_ingest_a_missing_path(runner, tmp_path: Path) -> None:
    result = run(runner, "ingest", tmp_path / "missing")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'missing'}: no such file or directory\n"


def test_ingest_reports_what_it_read(runner, tmp_path: Path, kg_home: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("title: A note\n---\nOracle acquired Cerner for $28.3 billion in 2022.\n",
                       encoding="utf-8")
    result = run(runner, "ingest", article)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"1 documents \(1 added, 0 replaced, 0 unchanged, 0 failed\): \d+ entities, "
                        r"1 facts, 0 denied claims, 1 figures in \d+\.\d s "
                        r"\(store compacted for faster queries\)\n", result.stdout)
    again = run(runner, "ingest", article)  # nothing written: nothing to compact
    assert again.stdout.endswith(" s\n") and "(0 added, 0 replaced, 1 unchanged, 0 failed)" in again.stdout


def test_debug_shows_the_traceback(runner, tmp_path: Path) -> None:
    from kg.errors import StoreError

    with pytest.raises(StoreError):
        runner.invoke(cli, ["--debug", "stats", "--store", str(tmp_path / "none")],
                      catch_exceptions=False)


def test_build_writes_the_outputs(runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", "--corpus", DEMO_CORPUS_DIR, "--out", out)
    assert result.exit_code == 0, result.output
    for name in ("kg.ttl", "kg.trig", "graph.html"):
        assert (out / name).stat().st_size > 0, name
        assert f"wrote {out / name}" in result.stderr
    assert result.stdout.startswith(f"sources   {len(find_documents([DEMO_CORPUS_DIR]))}\n")


def test_every_command_is_in_the_readme() -> None:
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"kg {name}" not in readme]
    assert missing == []
