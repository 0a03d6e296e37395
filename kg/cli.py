"""Command-line interface: parse options, call one kg.api function, format the result."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .errors import InputError, KgError


class KgGroup(click.Group):
    """Turns every error into one line on stderr and an exit code: 1 for an error, 2 for a usage
    error (click's own), 130 for Ctrl-C. Tracebacks only with --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors (exit 2), --help, --version
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            quiet_stdout()  # `kg export | head`: whoever was reading has gone; nobody to tell
            sys.exit(1)
        except Exception as e:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            error = click.ClickException(one_line(error_message(e)))
            error.exit_code = e.exit_code if isinstance(e, KgError) else 1
            raise error from e


def error_message(e: Exception) -> str:
    if isinstance(e, KgError):
        return str(e)
    if isinstance(e, OSError):  # permission denied, disk full...: the library did not expect it
        where = f"{e.filename}: " if e.filename else ""
        return f"{where}{e.strerror or e}"
    return (f"internal error: {type(e).__name__}: {e} (this is a bug in kg; "
            "run again with `kg --debug ...` for the traceback and report it)")


def one_line(text: str) -> str:
    """Messages quote file names and text from documents: no newline or control character of
    theirs may reach the terminal."""
    text = " ".join(text.split())
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def quiet_stdout() -> None:
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def store_option(f: Any) -> Any:
    return click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                        envvar="KG_STORE", default=None,
                        help="Store directory (env KG_STORE; default output/store).")(f)


def server_options(f: Any) -> Any:
    """--graph-store, --user and --password-env: how to reach and log in to a SPARQL server."""
    f = click.option("--password-env", metavar="VAR",
                     help="Environment variable holding the password "
                          "(the password itself is never an argument).")(f)
    f = click.option("--user", help="User for HTTP digest or basic auth (e.g. dba on Virtuoso).")(f)
    return click.option("--graph-store", metavar="URL",
                        help="Graph Store Protocol URL (default from --endpoint: "
                             "BASE/sparql-graph-crud-auth on Virtuoso, BASE/DATASET/data on Fuseki).")(f)


def endpoint_option(required: bool) -> Any:
    return click.option("--endpoint", metavar="URL", required=required,
                        help="SPARQL server: its base URL (http://host:8890) or its query URL "
                             "(http://host:8890/sparql).")


def connect(endpoint: str | None, graph_store: str | None, user: str | None,
            password_env: str | None) -> Any:
    from . import api

    if endpoint is None:
        if graph_store or user or password_env:
            raise click.UsageError("--graph-store, --user and --password-env need --endpoint")
        return None
    return api.connect(endpoint, graph_store, user, password_env)


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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes extracting in parallel (up to one per core helps).")
def ingest(paths: tuple[Path, ...], store: Path | None, lexicons: tuple[str, ...],
           max_size: int | None, jobs: int) -> None:
    """Read articles (.txt, .md, .html files or folders) into the store.

    An unchanged document is skipped; a changed one replaces its own graph.

    \b
    Example:
        kg ingest data/corpus --store output/store
        kg ingest articles/ --jobs 2
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
                            max_bytes=max_size * 1024 * 1024 if max_size else None, jobs=jobs)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    if report.failed and len(report.failed) == report.documents == 1:
        raise InputError(report.failed[0][1])  # the one file asked for: a plain error
    for _, message in report.failed:
        click.echo(f"skipped: {one_line(message)}", err=True)
    if report.failed and len(report.failed) == report.documents:
        raise InputError(f"none of the {report.documents} documents could be ingested "
                         "(each is listed above with its reason)")
    click.echo(f"{report.documents} documents ({report.added} added, {report.replaced} replaced, "
               f"{report.unchanged} unchanged, {len(report.failed)} failed): "
               f"{report.entities} entities, {report.facts} facts, {report.denied} denied claims, "
               f"{report.figures} figures in {report.seconds:.1f} s"
               + (" (store compacted for faster queries)" if report.compacted else ""))
    click.echo("(counted per document, before merging across sources: see `kg stats` for the store)",
               err=True)
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
@endpoint_option(required=False)
@server_options
def query(sparql: str | None, file: Path | None, name: str | None, params: tuple[str, ...],
          fmt: str, list_: bool, store: Path | None, endpoint: str | None, graph_store: str | None,
          user: str | None, password_env: str | None) -> None:
    """Run a read-only SPARQL query over every source in the store (or on a SPARQL server).

    \b
    Example:
        kg query --name owners
        kg query --name evidence --param entity="Mayo Clinic"
        kg query "SELECT ?s WHERE { ?s a <https://w3id.org/dealkg/ns#AIModel> }" --format csv
        kg query --name owners --endpoint http://localhost:8890/sparql
    """
    from . import api
    from .render import render, terminal_width

    if list_:
        for query_name, path in api.named_queries().items():
            summary = path.read_text().splitlines()[0].lstrip("# ")
            click.echo(f"{query_name:14} {summary}")
        return
    server = connect(endpoint, graph_store, user, password_env)
    result = api.query(sparql, file=file, name=name, params=parse_params(params), store=store,
                       endpoint=server)
    click.echo(render(result, fmt, terminal_width()))


@cli.command()
@click.option("--format", "fmt", help="turtle, trig, nt, nquads, json-ld, graphml or gexf "
                                     "(default: from -o's suffix, else turtle).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout).")
@store_option
def export(fmt: str | None, output: Path | None, store: Path | None) -> None:
    """Export the graph for Protégé, GraphDB, Virtuoso or rdflib.

    TriG and N-Quads keep one named graph per source; Turtle, N-Triples and JSON-LD merge them.
    GraphML and GEXF (for Gephi, Cytoscape, yEd) hold entities and facts with their evidence.

    \b
    Example:
        kg export -o kg.ttl
        kg export --format trig -o kg.trig
        kg export -o kg.graphml
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
@endpoint_option(required=False)
@server_options
def remove(source: str, store: Path | None, endpoint: str | None, graph_store: str | None,
           user: str | None, password_env: str | None) -> None:
    """Retract one source (its id or file name) and every fact only it supported.

    With --endpoint, the source's graph is deleted from that SPARQL server instead.
    """
    from . import api

    server = connect(endpoint, graph_store, user, password_env)
    click.echo(f"removed {api.remove(source, store=store, endpoint=server)}")


@cli.command()
@endpoint_option(required=True)
@server_options
@store_option
def push(endpoint: str, graph_store: str | None, user: str | None, password_env: str | None,
         store: Path | None) -> None:
    """Send each source's named graph to a SPARQL 1.1 server, replacing the server's copy.

    Uses the Graph Store HTTP Protocol (PUT per graph), so pushing again changes nothing.

    \b
    Example:
        export KG_PASSWORD=...   # the password is read from the variable you name
        kg push --endpoint http://localhost:8890 --user dba --password-env KG_PASSWORD
        kg query --name owners --endpoint http://localhost:8890
    """
    from . import api

    report = api.push(connect(endpoint, graph_store, user, password_env), store=store)
    click.echo(f"pushed {report.graphs} graphs ({report.triples} triples) to {report.graph_store} "
               f"in {report.seconds:.1f} s")


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


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.html"), show_default=True, help="The HTML file to write.")
@click.option("--focus", metavar="NAME", help="Show only NAME (label or alias, any case) and its neighbours.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many hops from --focus to show.")
@click.option("--relation", "relations", multiple=True, metavar="R",
              help="Show only these relations (repeatable): owns, develops, distributes, availableVia, "
                   "deploys, partnersWith, competesWith, acquired, investsIn, party (deal roles).")
@click.option("--type", "types", multiple=True, metavar="T",
              help="Show only these entity types (repeatable): Organization, Product, Person, Deal, "
                   "or one such as Company, HealthSystem, AIModel, Platform.")
@click.option("--min-support", type=click.IntRange(min=1), default=1, show_default=True,
              help="Show only facts stated by at least K sources.")
@click.option("--figures/--no-figures", default=True, show_default=True,
              help="Show figures (money, counts) on entities.")
@store_option
def viz(output: Path, focus: str | None, depth: int, relations: tuple[str, ...], types: tuple[str, ...],
        min_support: int, figures: bool, store: Path | None) -> None:
    """Write an HTML graph to explore in a browser, offline.

    Hover over an entity for its type, aliases and figures, and over a fact for its sentences;
    click for the full evidence. Search by name and hide relations on the page itself.

    \b
    Example:
        kg viz -o graph.html
        kg viz --focus "Mayo Clinic" --depth 2 -o mayo.html
        kg viz --relation owns --relation develops --min-support 2
    """
    from . import api

    report = api.viz(output, focus=focus, depth=depth, relations=relations, types=types,
                     min_support=min_support, figures=figures, store=store)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {report.path} ({report.nodes:,} nodes, {report.edges:,} edges)", err=True)


@cli.command(name="path")
@click.argument("a")
@click.argument("b")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def path_(a: str, b: str, store: Path | None, fmt: str) -> None:
    """The shortest chain of facts linking two entities, with the sentence behind each.

    \b
    Example:
        kg path "Mayo Clinic" Google
    """
    from . import api
    from .render import render, terminal_width

    click.echo(render(api.path(a, b, store=store), fmt, terminal_width()))


@cli.command()
@click.option("--by", type=click.Choice(["pagerank", "betweenness"]), default="pagerank", show_default=True,
              help="pagerank: takes part in many facts; betweenness: links otherwise distant parts.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def rank(by: str, limit: int, store: Path | None, fmt: str) -> None:
    """The most central entities of the graph.

    \b
    Example:
        kg rank --limit 10
        kg rank --by betweenness
    """
    from . import api
    from .render import render, terminal_width

    click.echo(render(api.rank(by, limit, store=store), fmt, terminal_width()))


def main() -> None:
    cli(prog_name="kg")
