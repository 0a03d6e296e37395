"""Command-line interface: parse options, call one kg.api function, format the result."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .errors import KgError


class KgGroup(click.Group):
    """Turns library errors into one-line messages and exit codes (tracebacks only with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as e:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(str(e)) from e
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)


def store_option(f: Any) -> Any:
    return click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                        envvar="KG_STORE", default=None,
                        help="Store directory (env KG_STORE; default output/store).")(f)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        if "=" not in value:
            raise click.BadParameter(f"'{value}' is not NAME=VALUE", param_hint="--param")
        key, _, val = value.partition("=")
        params[key.strip()] = val
    return params


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """kg: a knowledge graph of the deal ecosystem, built from news articles.

    Every fact is traceable to the sentence and source it came from.

    \b
    Example:
        kg ingest articles/ --store my-store
        kg query --name owners --store my-store
        kg export --store my-store -o kg.ttl
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An extra lexicon file (JSONL, like data/lexicon/core.jsonl). Repeatable.")
@click.option("--max-size", type=click.IntRange(min=1), default=None,
              help="Largest document to accept, in MB (default 20).")
def ingest(paths: tuple[Path, ...], store: Path | None, lexicons: tuple[str, ...],
           max_size: int | None) -> None:
    """Read articles (.txt, .md, .html files or folders) into the store.

    An unchanged document is skipped; a changed one replaces its own graph.

    \b
    Example:
        kg ingest data/corpus --store output/store
    """
    from . import api

    bar: dict[str, Any] = {}

    def progress(done: int, total: int, path: str) -> None:
        if "bar" not in bar:
            bar["bar"] = click.progressbar(length=total, label="Ingesting", file=sys.stderr)
            bar["bar"].__enter__()
        bar["bar"].update(1)

    try:
        report = api.ingest(paths, store=store, lexicon=lexicons, progress=progress,
                            max_bytes=max_size * 1024 * 1024 if max_size else None)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    for path, message in report.failed:
        click.echo(f"skipped: {message}", err=True)
    click.echo(f"{report.documents} documents ({report.added} added, {report.replaced} replaced, "
               f"{report.unchanged} unchanged, {len(report.failed)} failed): "
               f"{report.entities} entities, {report.facts} facts, {report.denied} denied claims, "
               f"{report.figures} figures in {report.seconds:.1f} s")
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path), help="A .rq file.")
@click.option("--name", help="A named query (see `kg query --list`).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to a literal VALUE, e.g. --param entity='Mayo Clinic'.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@store_option
def query(sparql: str | None, file: Path | None, name: str | None, params: tuple[str, ...],
          fmt: str, list_: bool, store: Path | None) -> None:
    """Run a read-only SPARQL query over every source in the store.

    \b
    Example:
        kg query --name owners
        kg query --name evidence --param entity="Mayo Clinic"
        kg query "SELECT ?s WHERE { ?s a <https://w3id.org/dealkg/ns#AIModel> }" --format csv
    """
    from . import api
    from .render import render, terminal_width

    if list_:
        for query_name, path in api.named_queries().items():
            summary = path.read_text().splitlines()[0].lstrip("# ")
            click.echo(f"{query_name:14} {summary}")
        return
    result = api.query(sparql, file=file, name=name, params=parse_params(params), store=store)
    click.echo(render(result, fmt, terminal_width()))


@cli.command()
@click.option("--format", "fmt", help="turtle, trig, nt, nquads or json-ld (default: from -o's suffix, else turtle).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@store_option
def export(fmt: str | None, output: Path | None, store: Path | None) -> None:
    """Export the graph for Protégé, GraphDB, Virtuoso or rdflib.

    TriG and N-Quads keep one named graph per source; Turtle, N-Triples and JSON-LD merge them.

    \b
    Example:
        kg export -o kg.ttl
        kg export --format trig -o kg.trig
    """
    from . import api

    data = api.export(output, fmt, store=store)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def sources(store: Path | None, fmt: str) -> None:
    """List ingested sources with their fact, denial and figure counts."""
    from . import api
    from .render import render, terminal_width

    click.echo(render(api.sources(store=store), fmt, terminal_width()))


@cli.command()
@store_option
def stats(store: Path | None) -> None:
    """Counts of sources, entities, facts, figures and deals in the store."""
    from . import api

    click.echo(format_stats(api.stats(store=store)))


def format_stats(s: Any) -> str:
    lines = [f"sources   {s.sources}", f"triples   {s.triples}", f"entities  {s.entities}",
             f"facts     {s.facts}", f"denied    {s.denied}", f"figures   {s.figures}",
             f"deals     {s.deals}"]
    lines += ["", "facts by relation:"] + [f"  {k:14} {v}" for k, v in s.by_relation.items()]
    lines += ["", "entities by type:"] + [f"  {k:18} {v}" for k, v in s.by_type.items()]
    return "\n".join(lines)


@cli.command()
@click.argument("source")
@store_option
def remove(source: str, store: Path | None) -> None:
    """Retract one source (its id or file name) and every fact only it supported."""
    from . import api

    click.echo(f"removed {api.remove(source, store=store)}")


@cli.command()
@store_option
def validate(store: Path | None) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl."""
    from . import api

    result = api.validate(store=store)
    if result.conforms:
        click.echo(f"conforms: {result.triples} triples satisfy ontology/shapes.ttl")
        return
    click.echo(result.report)
    raise click.ClickException("the graph does not conform to ontology/shapes.ttl")


@cli.command()
@click.argument("name")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def explain(name: str, store: Path | None, fmt: str) -> None:
    """Every fact about an entity, with its sources and evidence sentences.

    \b
    Example:
        kg explain "Mayo Clinic"
    """
    from . import api
    from .render import render, terminal_width

    click.echo(render(api.explain(name, store=store), fmt, terminal_width()))


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def conflicts(store: Path | None, fmt: str) -> None:
    """Facts one source asserts and another denies."""
    from . import api
    from .render import render, terminal_width

    click.echo(render(api.conflicts(store=store), fmt, terminal_width()))


@cli.command()
@click.option("--corpus", type=click.Path(exists=True, path_type=Path), default=None,
              help="Articles to build from (default: the demo corpus in data/corpus).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output directory (default: output/).")
def build(corpus: Path | None, out_dir: Path | None) -> None:
    """The main job: ingest the demo corpus, write kg.ttl, kg.trig and graph.html, print stats."""
    from . import api

    result = api.build(corpus, out_dir)
    for path in result.outputs:
        click.echo(f"wrote {path}", err=True)
    click.echo(format_stats(result.stats))


def main() -> None:
    cli(prog_name="kg")
