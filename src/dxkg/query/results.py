"""SPARQL results as a terminal table or in the SPARQL 1.1 results formats."""
from __future__ import annotations

import sys

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
)
from rich.console import Console
from rich.table import Table

from ..rdf.vocab import curie

RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV, "json": QueryResultsFormat.JSON,
                  "xml": QueryResultsFormat.XML}


def print_result(result, fmt: str, console: Console) -> None:
    if isinstance(result, QueryTriples):
        if fmt not in ("ttl", "table"):
            raise ValueError(f"a CONSTRUCT or DESCRIBE query gives triples: use --format ttl, not {fmt}")
        sys.stdout.buffer.write(result.serialize(format=RdfFormat.TURTLE) or b"")
        return
    if fmt == "table":
        _table(result, console)
    elif fmt in RESULT_FORMATS:
        sys.stdout.buffer.write(result.serialize(format=RESULT_FORMATS[fmt]))
    else:
        raise ValueError(f"unknown format {fmt!r} for a SELECT or ASK query: use table, csv, tsv, json or xml")


def _table(result, console: Console) -> None:
    if isinstance(result, QueryBoolean):
        console.print("true" if bool(result) else "false")
        return
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    table = Table(*names, show_lines=False, header_style="bold")
    n = 0
    for sol in result:
        table.add_row(*(short(sol[v]) for v in names))
        n += 1
    console.print(table)
    console.print(f"{n} rows", style="dim")


def short(term) -> str:
    if term is None:
        return ""
    return curie(term.value) if isinstance(term, NamedNode) else term.value
