"""The `dxkg` command line."""
from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import __version__

app = typer.Typer(help="Build a knowledge graph of Vietnam's digital transformation from news articles.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)
out = Console()

# exit codes a script can act on
OK, FAILED, SKIPPED, INVALID = 0, 1, 3, 4


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
          outdir: Path = typer.Option(..., "-o", "--out", help="Folder to write dxkg.ttl (and the view) into."),
          base: str = typer.Option(None, help="Base IRI for minted resources (default https://w3id.org/dxkg/id/)."),
          ) -> None:
    """Build the graph of INPUTS into OUTDIR/dxkg.ttl, validated against the SHACL shapes."""
    from rich.progress import Progress

    from .export import write_turtle
    from .pipeline import build as run
    from .resolve import DEFAULT_BASE
    from .validate import validate

    missing = [p for p in inputs if not p.exists()]
    for p in missing:
        err.print(f"[red]error[/]: {p}: no such file or folder")
    inputs = [p for p in inputs if p.exists()]
    from .read import find_inputs
    files = find_inputs(inputs)
    if not files:
        err.print("[red]error[/]: no article files (.txt, .html) in the inputs")
        raise typer.Exit(FAILED)
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("Building", total=len(files))
        result = run(inputs, base=base or DEFAULT_BASE, progress=lambda _p: bar.advance(task))
    for s in result.skipped:
        err.print(f"[yellow]skipped[/] {s}")
    if not result.extractions:
        err.print("[red]error[/]: no article could be read; nothing written")
        raise typer.Exit(FAILED)
    ttl = outdir / "dxkg.ttl"
    write_turtle(result.quads, ttl)
    report = validate(ttl)
    _summary(result, report, ttl)
    if not report.conforms:
        raise typer.Exit(INVALID)
    if result.skipped or missing:
        raise typer.Exit(SKIPPED)


def _summary(result, report, ttl: Path) -> None:
    table = Table(title=f"dxkg build -> {ttl}", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(len(result.extractions)))
    table.add_row("articles skipped", str(len(result.skipped)))
    for cls, n in sorted(result.classes().items()):
        table.add_row(f"  {cls}", str(n))
    table.add_row("triples", str(result.triple_count()))
    table.add_row("SHACL", "conforms" if report.conforms else f"{len(report.errors)} violations")
    err.print(table)
    for v in report.errors[:20]:
        err.print(f"  [red]{v}[/]")


@app.command("validate")
def validate_cmd(graph: Path = typer.Argument(..., exists=True, dir_okay=False, help="A Turtle file."),
                 ) -> None:
    """Check GRAPH against the SHACL shapes of the core vocabulary; print each violation."""
    from .validate import validate

    try:
        report = validate(graph)
    except Exception as e:  # a parse error in a user's file: one line, no traceback
        err.print(f"[red]error[/]: {graph}: cannot parse ({e})")
        raise typer.Exit(FAILED) from None
    for v in report.violations:
        (err if v.severity == "Violation" else out).print(str(v), markup=False, highlight=False)
    if report.conforms:
        warnings = len(report.violations)
        out.print(f"{graph}: conforms" + (f" ({warnings} warnings)" if warnings else ""))
    else:
        err.print(f"{graph}: {len(report.errors)} violations")
        raise typer.Exit(INVALID)


def run() -> None:
    sys.exit(app())
