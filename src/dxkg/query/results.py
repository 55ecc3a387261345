"""SPARQL results as a terminal table or in a format of the registry (`dxkg query -f`)."""
from __future__ import annotations

import sys

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, QueryTriples
from rich.console import Console
from rich.table import Table

from ..outputs.formats import GRAPHS, RESULTS, named, names, write_graph
from ..rdf.vocab import curie

TABLE = "table"  # on a terminal; for CONSTRUCT and DESCRIBE, Turtle


def print_result(result, fmt: str, console: Console) -> None:
    if isinstance(result, QueryTriples):
        if fmt != TABLE and fmt not in {f.name for f in GRAPHS}:
            raise ValueError(f"a CONSTRUCT or DESCRIBE query gives triples: use --format one of {names(GRAPHS)}, "
                             f"not {fmt}")
        rdf = named("ttl" if fmt == TABLE else fmt, GRAPHS).rdf
        LineEnded(sys.stdout.buffer).write(write_graph(result, rdf) or b"").end()
        return
    if fmt == TABLE:
        _table(result, console)
        return
    try:
        results = named(fmt, RESULTS).results
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} for a SELECT or ASK query: use {TABLE}, {names(RESULTS)}") from None
    LineEnded(sys.stdout.buffer).write(result.serialize(format=results)).end()


class LineEnded:
    """A binary stream whose output ends with a line break (JSON, XML and N-Triples writers end without one,
    and a shell prompt would follow the last brace on its line)."""

    def __init__(self, stream):
        self.stream, self.last = stream, b"\n"

    def write(self, data: bytes) -> LineEnded:
        if data:
            self.stream.write(data)
            self.last = data[-1:]
        return self

    def end(self) -> None:
        if self.last != b"\n":
            self.stream.write(b"\n")


def _table(result, console: Console) -> None:
    if isinstance(result, QueryBoolean):
        console.print("true" if bool(result) else "false")
        return
    assert isinstance(result, QuerySolutions)
    variables = [v.value for v in result.variables]
    table = Table(*variables, show_lines=False, header_style="bold")
    n = 0
    for sol in result:
        table.add_row(*(short(sol[v]) for v in variables))
        n += 1
    console.print(table)
    console.print(f"{n} rows", style="dim")


def short(term) -> str:
    if term is None:
        return ""
    return curie(term.value) if isinstance(term, NamedNode) else term.value
