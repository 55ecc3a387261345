"""Every format a user can ask dxkg for, once: its name on the command line, media type, file suffix and writer.

`dxkg export -f`, `dxkg query -f` and the server's content negotiation all read this one table, so a
format added here is offered everywhere it fits: an RDF format (pyoxigraph's `RdfFormat`) to export, for
CONSTRUCT/DESCRIBE results and entity pages; a SPARQL results format (`QueryResultsFormat`) for SELECT/ASK.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import QueryResultsFormat, RdfFormat, serialize

from ..rdf.vocab import PREFIXES


@dataclass(frozen=True)
class Format:
    name: str  # as `--format` spells it
    media_type: str  # what the server sends, without a charset
    suffix: str  # of a file written in it, without the dot
    rdf: RdfFormat | None = None
    results: QueryResultsFormat | None = None
    also: tuple[str, ...] = ()  # other media types a client may ask for it by
    export: Callable[[Format, object, Path], list[Path]] | None = None  # (format, store, target) -> files written
    folder: bool = False  # the export is a folder of files, not one file
    options: tuple[str, ...] = ()  # the options of `dxkg export` its writer takes ("shard_quads")

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.also)

    def write(self, store, target: Path, **options) -> list[Path]:
        """`dxkg export`: the loaded graph in this format at TARGET (with the OPTIONS it takes); the files."""
        assert self.export is not None, f"{self.name} is not an export format"
        return self.export(self, store, target, **{k: v for k, v in options.items() if k in self.options})

    def default_target(self, graph: Path) -> Path:
        """Beside GRAPH, named after it: out/dxkg.ttl (or the build folder out) -> out/dxkg.nt, and for the
        CSV tables the folder out/dxkg-csv/, never over the tables a build wrote into out/."""
        base = graph / "dxkg" if graph.is_dir() else graph
        return base.with_name(f"{base.stem}-{self.suffix}") if self.folder else base.with_suffix("." + self.suffix)


def prefixed(fmt: RdfFormat) -> bool:
    """Turtle and TriG are written with the project's prefixes; the line formats and JSON-LD spell IRIs out."""
    return fmt in (RdfFormat.TURTLE, RdfFormat.TRIG)


def write_graph(items: Iterable, fmt: RdfFormat, output=None) -> bytes | None:
    """Triples (or quads, for a dataset format) in FMT: bytes, or written to OUTPUT (a path or binary file)."""
    return serialize(items, output, fmt, prefixes=PREFIXES if prefixed(fmt) else None)


# The writers of `dxkg export` live in outputs.files (they sort, and write atomically); imported when
# called, since outputs.files reads `write_graph` from here.

def _rdf_file(fmt: Format, store, target: Path) -> list[Path]:
    from .files import NoNamedGraphs, quads_of, write_rdf

    named = fmt.rdf == RdfFormat.TRIG  # TriG keeps the per-article graphs; the others the merged graph
    quads = quads_of(store, named=named)
    if named and not quads:
        raise NoNamedGraphs()
    write_rdf(quads, target, fmt.rdf)
    return [target]


def _jsonld_file(_fmt: Format, store, target: Path) -> list[Path]:
    from .files import quads_of, write_jsonld

    quads = quads_of(store, named=True)  # the per-article graphs, as TriG keeps them; else the one graph
    write_jsonld(quads or quads_of(store), target)
    return [target]


def _graphml_file(_fmt: Format, store, target: Path) -> list[Path]:
    from .files import merged_graph, write_graphml

    write_graphml(merged_graph(store), target)
    return [target]


def _csv_tables(_fmt: Format, store, folder: Path) -> list[Path]:
    from .files import merged_graph
    from .tables import write_tables

    return write_tables(merged_graph(store), folder)


def _nquad_shards(_fmt: Format, store, folder: Path, shard_quads: int | None = None) -> list[Path]:
    from .files import SHARD_QUADS, write_nquad_shards

    return write_nquad_shards(store, folder, shard_quads or SHARD_QUADS)


def _rdf(fmt: RdfFormat, **kw) -> Format:
    return Format(fmt.file_extension, fmt.media_type, fmt.file_extension, rdf=fmt, **kw)


def _results(name: str, fmt: QueryResultsFormat, **kw) -> Format:
    # pyoxigraph's CSV and TSV media types carry "; charset=utf-8": the server adds a charset to every text type
    return Format(name, fmt.media_type.split(";")[0], fmt.file_extension, results=fmt, **kw)


# In the order `dxkg export` lists them.
FORMATS: tuple[Format, ...] = (
    _rdf(RdfFormat.TURTLE, export=_rdf_file),
    _rdf(RdfFormat.N_TRIPLES, export=_rdf_file),
    _rdf(RdfFormat.JSON_LD, export=_jsonld_file),  # compacted with the prefixes as its context (rdflib)
    _rdf(RdfFormat.TRIG, export=_rdf_file),
    _rdf(RdfFormat.RDF_XML),
    Format("graphml", "application/graphml+xml", "graphml", export=_graphml_file),  # for Gephi
    # gzipped N-Quads in shards of whole graphs, with a manifest: for a triple store's bulk loader
    Format("nq-shards", "application/n-quads", "nq-shards", export=_nquad_shards, folder=True,
           options=("shard_quads",)),
    # `dxkg export -f csv` writes the CSV tables; `dxkg query -f csv` and text/csv are SPARQL results
    _results("csv", QueryResultsFormat.CSV, export=_csv_tables, folder=True),
    _results("tsv", QueryResultsFormat.TSV),
    _results("json", QueryResultsFormat.JSON, also=("application/json",)),
    _results("xml", QueryResultsFormat.XML, also=("application/xml",)),
)

EXPORTS = tuple(f for f in FORMATS if f.export)
GRAPHS = tuple(f for f in FORMATS if f.rdf)  # for CONSTRUCT and DESCRIBE results and entity pages
RESULTS = tuple(f for f in FORMATS if f.results)  # for SELECT and ASK results


def named(name: str, among: tuple[Format, ...] = FORMATS) -> Format:
    """The format called NAME; a KeyError that lists the choices when there is none."""
    for f in among:
        if f.name == name:
            return f
    raise KeyError(f"unknown format {name!r}: choose one of {names(among)}")


def names(among: tuple[Format, ...]) -> str:
    return ", ".join(f.name for f in among)


def by_media_type(among: tuple[Format, ...]) -> dict[str, Format]:
    """Media type (and its aliases) -> format, for content negotiation."""
    return {m: f for f in among for m in f.media_types}

