"""The `dxkg` command line."""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .outputs.formats import EXPORTS, GRAPHS, RESULTS, names

app = typer.Typer(help="Build a knowledge graph of Vietnam's digital transformation from news articles.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None)


def _console(stderr: bool = False) -> Console:
    """A terminal's width on a terminal; off one (a log, a pipe, CI), lines are never wrapped at 80 columns."""
    console = Console(stderr=stderr)
    return console if console.is_terminal else Console(stderr=stderr, width=100_000)


err = _console(stderr=True)
out = _console()

# exit codes a script can act on
FAILED, SKIPPED, INVALID = 1, 3, 4  # 0: built
GRAPH_HELP = "A build folder (OUT: its store is opened, nothing parsed) or a graph file (Turtle, TriG, N-Triples)."


def _version(value: bool) -> None:
    if value:
        out.print(f"dxkg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """dxkg: Vietnamese digital-transformation news -> RDF knowledge graph."""


@app.command()
def build(inputs: list[Path] = typer.Argument(..., help="Article files (.txt, .html) or folders of them."),
          outdir: Path = typer.Option(..., "-o", "--out", help="Folder to write the graph, view and tables into."),
          base: str = typer.Option(None, help="Base IRI for minted resources (default https://w3id.org/dxkg/id/)."),
          jobs: int = typer.Option(None, "--jobs", "-j", help="Worker processes (default: the number of cores)."),
          rebuild: bool = typer.Option(False, "--rebuild", help="Ignore what earlier builds left in OUTDIR/.dxkg."),
          keep_all: bool = typer.Option(False, "--all", help="Build articles off topic too (by default an "
                                        "article that is not about digital transformation is counted and left out)."),
          executor: str = typer.Option(None, "--executor", help="dask://HOST:PORT: extract the articles on that "
                                       "Dask cluster (its workers must share OUTDIR's storage); default: processes "
                                       "here."),
          ) -> None:
    """Build INPUTS into OUTDIR/dxkg.ttl (and .trig, .html, CSV tables), each article SHACL-validated."""
    from rich.markup import escape
    from rich.progress import Progress

    from .build.executor import ClusterError
    from .build.pipeline import Skipped, StateError
    from .build.pipeline import build as run
    from .ingest.read import find_inputs
    from .rdf.vocab import DEFAULT_BASE

    if executor and not re.fullmatch(r"dask://[\w.\-]+:\d+", executor):
        _fail(f"--executor takes dask://HOST:PORT, not {executor!r}")
    # a mistyped input is skipped like an unreadable file: said on its line, counted, and the exit code is 3
    missing = [Skipped(p, "no such file or folder") for p in inputs if not p.exists()]
    inputs = [p for p in inputs if p.exists()]
    files = find_inputs(inputs)
    if not files:
        _fail("no article files (.txt, .html, or web archives .warc, .warc.gz) in the inputs"
              + "".join(f"; {m}" for m in missing))
    try:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("Building", total=len(files))
            result = run(inputs, outdir, base=base or DEFAULT_BASE, jobs=jobs, rebuild=rebuild,
                         progress=lambda _p: bar.advance(task), keep_all=keep_all, executor=executor)
    except (StateError, ClusterError) as e:
        _fail(str(e))
    result.skipped[:0] = missing
    for s in result.skipped:  # a path is data, never markup ("[/]" is a valid folder name)
        err.print(f"[yellow]skipped[/] {escape(str(s))}", highlight=False)
    if not result.articles:
        _fail("no article could be read" + (f" ({len(result.off_topic)} off topic: build them with --all)"
                                            if result.off_topic else "") + "; nothing written")
    _summary(result, outdir / "dxkg.ttl")
    if not result.conforms:
        raise typer.Exit(INVALID)
    if result.skipped:
        raise typer.Exit(SKIPPED)


@app.command()
def remove(article: str = typer.Argument(..., help="The article's file name (or path) as it was built."),
           outdir: Path = typer.Option(..., "-o", "--out", help="The build folder."),
           ) -> None:
    """Drop ARTICLE from the build in OUTDIR, with the entities only it mentioned; rewrite the outputs."""
    from .build.pipeline import StateError
    from .build.pipeline import remove as drop

    try:
        gone = drop(outdir, article)
    except (KeyError, StateError) as e:
        _fail(str(e).strip("'\""))
    err.print(f"removed {', '.join(gone)} from {outdir}")


def _summary(result, ttl: Path) -> None:
    from .ingest.read import shown

    err.print(f"dxkg build -> {shown(ttl)}", markup=False, highlight=False, soft_wrap=True)  # not a wrapped title
    table = Table(show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(result.articles))
    table.add_row("  extracted in this run", str(result.extracted))
    table.add_row("articles skipped", str(len(result.skipped)))
    table.add_row("articles off topic, left out", str(len(result.off_topic)))
    for reason, n in sorted(Counter(s.reason for s in result.off_topic).items()):
        table.add_row(f"  {reason.removeprefix('off topic: ')}", str(n))
    for cls, n in sorted(result.classes.items()):
        table.add_row(f"  {cls}", str(n))
    table.add_row("triples", str(result.triples))
    table.add_row("SHACL", "conforms" if result.conforms else f"{len(result.violations)} violations")
    err.print(table)
    for v in result.violations[:20]:
        err.print(f"  {v}", style="red", markup=False, highlight=False)


@app.command("validate")
def validate_cmd(graph: Path = typer.Argument(..., exists=True, dir_okay=False, help="A Turtle file."),
                 ) -> None:
    """Check GRAPH against the SHACL shapes of the core vocabulary; print each violation."""
    from .rdf.shapes import validate

    try:
        report = validate(graph)
    except (SyntaxError, ValueError, OSError) as e:  # a user's file that is no RDF: the parser's one line
        _fail(f"{graph}: cannot parse ({str(e).splitlines()[0]})")
    for v in report.violations:
        (err if v.severity == "Violation" else out).print(str(v), markup=False, highlight=False)
    if report.conforms:
        warnings = len(report.violations)
        out.print(f"{graph}: conforms" + (f" ({warnings} warnings)" if warnings else ""))
    else:
        err.print(f"{graph}: {len(report.errors)} violations")
        raise typer.Exit(INVALID)


def _fail(message: str, code: int = FAILED):
    """One line on stderr, no traceback, and the exit code."""
    _error(message)
    raise typer.Exit(code)


def _error(message: str) -> None:
    from rich.markup import escape

    from .ingest.read import shown

    err.print(f"[red]error[/]: {escape(shown(message))}", highlight=False, soft_wrap=True)  # one line, any width


def run() -> None:
    """`dxkg`: every error, click's own (a missing argument, an unknown option) among them, one line on stderr
    as "error: …", the same style everywhere."""
    try:  # typer vendors click from 0.2x on; before, it used click itself
        from typer._click import exceptions as cx
    except ImportError:
        from click import exceptions as cx

    try:
        code = app(standalone_mode=False)
    except cx.NoArgsIsHelpError as e:  # `dxkg` or `dxkg query` alone: the help, as click would show it
        err.print(e.format_message(), markup=False, highlight=False)
        code = e.exit_code
    except cx.UsageError as e:
        _error(f"{e.format_message()} (see {e.ctx.command_path if e.ctx else 'dxkg'} --help)")
        code = e.exit_code
    except cx.ClickException as e:
        _error(e.format_message())
        code = e.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted", highlight=False)
        code = 130
    sys.exit(code or 0)


@app.command()
def query(graph: Path = typer.Argument(None, help=GRAPH_HELP),
          sparql: str = typer.Argument(None, help="SPARQL text, a .rq file, or the name of a bundled query."),
          fmt: str = typer.Option("table", "--format", "-f", help=f"table; {names(RESULTS)} (SELECT/ASK); "
                                  f"{names(GRAPHS)} (CONSTRUCT/DESCRIBE)."),
          list_queries: bool = typer.Option(False, "--list", help="List the bundled queries and exit."),
          bind: list[str] = typer.Option([], "--bind", "-b", help="NAME=VALUE: give the query's ?NAME this value "
                                         "(a date, a year, a number or a text), e.g. --bind on=2024-05-01."),
          ) -> None:
    """Run a SPARQL query on GRAPH; print a table on a terminal or SPARQL results as CSV, TSV, JSON."""
    from .outputs.answers import copy
    from .query.results import LineEnded, print_result
    from .query.store import GraphError, answers_of, bundled, given, open_graph, run

    if list_queries:
        queries = bundled()
        width = max(map(len, queries))
        for name, (about, _text) in queries.items():  # one line each, aligned, whatever the terminal's width
            out.print(f"[bold]{name.ljust(width)}[/]  {about}", highlight=False, soft_wrap=True)
        return
    if graph is None or sparql is None:
        err.print("[red]error[/]: give GRAPH and QUERY (or --list)")
        raise typer.Exit(FAILED)
    text = _query_text(sparql, bundled())
    try:
        bindings = given(bind)
    except GraphError as e:
        _fail(f"--{e}")
    answers = answers_of(graph)
    ended = LineEnded(sys.stdout.buffer)
    if not bindings and copy(answers, text, fmt, ended):  # a bundled query's answer, kept by the build as bytes
        return ended.end()
    try:
        result = run(open_graph(graph), text, answers, bindings)
        print_result(result, fmt, out)
    except (GraphError, ValueError) as e:
        _fail(str(e))


def _query_text(sparql: str, known: dict) -> str:
    """The SPARQL of a bundled query's name, of a .rq file, or SPARQL itself; a word that is none of them
    (a mistyped name, a missing file) is an error that says so, not a SPARQL syntax error."""
    import difflib
    import re

    if sparql in known:
        return known[sparql][1]
    path = Path(sparql)
    if path.suffix == ".rq":
        if not path.is_file():
            _fail(f"{sparql}: no such query file")
        return path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w.-]+", sparql):
        close = difflib.get_close_matches(sparql, known, n=1)
        _fail(f"no bundled query named {sparql!r}" + (f"; did you mean {close[0]!r}?" if close else "")
              + " (dxkg query --list shows them)")
    return sparql


@app.command()
def view(graph: Path = typer.Argument(..., help=GRAPH_HELP),
         output: Path = typer.Option(..., "-o", "--out", help="The HTML file to write."),
         province: str = typer.Option(None, help="Only this province's entities (its name, e.g. 'Gia Lai')."),
         cls: str = typer.Option(None, "--class", help="Only this class (Person, Province, LegalDocument, …)."),
         focus: str = typer.Option(None, help="Only the neighbourhood of this entity (its IRI)."),
         depth: int = typer.Option(2, help="How many links from --focus."),
         full: bool = typer.Option(False, help="Draw every entity even past the summary threshold."),
         ) -> None:
    """Write an interactive HTML view of GRAPH that works offline."""
    from .outputs.entities import Entities
    from .outputs.view import Selection, add_share, write_view
    from .query.store import GraphError

    try:
        sel = Selection(province, cls, focus, depth, full)
        entities = Entities()
        for share in _shares(graph):
            add_share(entities, share, whole=bool(province or cls or focus or full))
        nodes, edges, note = write_view(entities.graph(), output, sel, title=f"dxkg — {graph.name}",
                                        total=len(entities.seen))
    except (GraphError, KeyError) as e:
        _fail(str(e).strip("'\""))
    err.print(f"{output}: {nodes} nodes, {edges} edges ({note})", highlight=False)


def _shares(graph: Path):
    """The projection's shares, one per article, as a build computes and merges them (memory stays that of
    what is drawn): a build's cached shares, else each named graph of the store, else the one default graph."""
    import json

    from pyoxigraph import DefaultGraph

    from .build.store import parts_held
    from .outputs.entities import Entities
    from .query.store import open_graph, store_folder

    folder = store_folder(graph)
    if parts := parts_held(folder.parent) if folder else []:
        for part in parts:
            yield json.loads(part.read_text(encoding="utf-8"))["entities"]
        return
    store = open_graph(graph)
    from .rdf.reference import is_reference_graph

    graphs = [g for g in store.named_graphs() if not is_reference_graph(g.value)]  # the view does not draw it
    for g in sorted(graphs, key=lambda g: g.value) or [DefaultGraph()]:
        yield Entities.of(store.quads_for_pattern(None, None, None, g)).to_json()


@app.command()
def export(graph: Path = typer.Argument(..., help=GRAPH_HELP),
           fmt: str = typer.Option(..., "--format", "-f", help=f"{names(EXPORTS)}."),
           output: Path = typer.Option(None, "-o", "--out", help="File to write (a folder for csv and nq-shards). "
                                       "Default: beside GRAPH, named after it (out/dxkg.nt; out/dxkg-csv/ for csv)."),
           shard_quads: int = typer.Option(None, "--shard-quads", min=1, help="nq-shards: quads a shard holds at "
                                           "most (whole graphs; default 1,000,000)."),
           ) -> None:
    """Write GRAPH in a format for other tools: N-Triples, JSON-LD, TriG, GraphML (Gephi), CSV tables, or
    gzipped N-Quads shards with a manifest for a triple store's bulk loader."""
    from .outputs.files import NoNamedGraphs
    from .outputs.formats import named
    from .query.store import GraphError, open_graph

    try:
        chosen = named(fmt, EXPORTS)
    except KeyError as e:
        _fail(str(e).strip("'\""))
    try:
        store = open_graph(graph)
    except GraphError as e:
        _fail(str(e))
    target = output or chosen.default_target(graph)
    if target.resolve() == graph.resolve():
        _fail(f"{graph} would be written over itself; give -o")
    try:
        written = chosen.write(store, target, shard_quads=shard_quads)
    except NoNamedGraphs:
        _fail(f"{graph} has no named graphs: export TriG from the dxkg.trig that the build writes")
    for path in written:
        err.print(f"wrote {path}")


@app.command()
def stats(graph: Path = typer.Argument(..., help=GRAPH_HELP),
          top: int = typer.Option(10, help="How many of the most connected entities to list."),
          ) -> None:
    """Entities by class, facts by article and province, the most connected entities, SHACL conformance."""
    from .query.stats import report
    from .query.store import GraphError

    try:
        report(graph, out, top)
    except GraphError as e:
        _fail(str(e))


@app.command()
def serve(graphs: list[Path] = typer.Argument(..., help="A build folder (its store is opened, not copied), or "
                                                        "graph files (dxkg.ttl, dxkg.trig, …) to load."),
          host: str = typer.Option("127.0.0.1", help="Address to bind; loopback unless told otherwise."),
          port: int = typer.Option(7878, help="Port to listen on."),
          timeout: float = typer.Option(10.0, help="Seconds a query may run before it is stopped."),
          max_rows: int = typer.Option(100_000, help="Most rows (or triples) a result may have."),
          workers: int = typer.Option(4, help="Query worker processes."),
          memory: int = typer.Option(2048, help="MB of address space a query worker may use; past it, 503."),
          max_bytes: int = typer.Option(64_000_000, help="Most bytes a result may have."),
          per_client: int = typer.Option(0, help="Queries one client address may run at once while others "
                                                 "wait (0: all workers but one)."),
          queue_seconds: float = typer.Option(10.0, help="Seconds a query may wait for a worker; then 503."),
          cors_origin: str = typer.Option(None, help="Allow cross-origin requests from this one origin."),
          base: str = typer.Option("https://w3id.org/dxkg/id/", help="Base IRI served under /id/."),
          ) -> None:
    """Serve GRAPHS over the SPARQL 1.1 Protocol at /sparql, with a query page at / (read-only)."""
    from .query.store import GraphError
    from .serve import Limits, Server

    try:
        server = Server(graphs, host, port, Limits(timeout, max_rows, workers, memory, max_bytes, queue_seconds, per_client), base, cors_origin)
    except GraphError as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"cannot listen on {host}:{port} ({e.strerror or e})")
    err.print(f"dxkg serving {', '.join(map(str, graphs))} at {server.url}/  (SPARQL: {server.url}/sparql)",
              highlight=False, soft_wrap=True)
    server.serve_forever()  # until SIGINT or SIGTERM; the temporary store is removed either way
