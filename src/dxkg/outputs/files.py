"""Stage 6, export: quads -> files, deterministic and atomic.

Triples are deduplicated and sorted before pyoxigraph serialises them, so the
same inputs give byte-identical files. Every file is written to a temporary
file in the target folder and renamed into place: a build that fails or is
killed never leaves a half-written output behind.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Triple, serialize

from ..lines import sorted_difference
from ..rdf.vocab import PREFIXES
from .formats import write_graph


@contextmanager
def atomic_write(path: Path, mode: str = "wb") -> Iterator:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; an output is an ordinary file
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, value, ascii_only: bool = False, **options) -> None:
    """VALUE as JSON, atomically: encoded in one call, by the C encoder (`json.dump` streams through the Python
    one, 0.4 s for the corpus graph's part at 10,000 articles)."""
    with atomic_write(path) as f:
        f.write(json.dumps(value, ensure_ascii=ascii_only, **options).encode("utf-8"))


def copy_into(out, source, start: int = 0, length: int | None = None) -> None:
    """LENGTH bytes (to its end if None) of the open binary file SOURCE from START, written at the end of the
    open binary file OUT: copied by the kernel where it can (`os.copy_file_range`), never through this
    process (at 10,000 articles the TriG's 220 MB took 0.6 s written, 0.2 s copied)."""
    if length is None:
        length = os.fstat(source.fileno()).st_size - start
    out.flush()
    try:
        while length > 0 and (n := os.copy_file_range(source.fileno(), out.fileno(), length, start)):
            start, length = start + n, length - n
    except OSError:  # another file system, or a kernel without it: the rest read and written
        out.seek(0, os.SEEK_END)
        source.seek(start)
        while length > 0 and (data := source.read(min(length, 1 << 20))):
            out.write(data)
            length -= len(data)
    out.seek(0, os.SEEK_END)  # the file object learns where the kernel left the end


def write_page(path: Path, text: str) -> None:
    """A page, atomically, and only when it changes: building the same inputs again rewrites nothing."""
    data = text.encode("utf-8")
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    with atomic_write(path) as f:
        f.write(data)


def sorted_ntriples(quads: Iterable[Quad]) -> bytes:
    """The distinct triples of QUADS as N-Triples lines in byte order, which is the order of their text
    (sorting bytes is cheaper than sorting terms, and keeps no Python object per triple but its line)."""
    return union_of_lines([serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)])


def union_of_lines(texts: Iterable[bytes]) -> bytes:
    """The distinct lines of TEXTS in byte order, each ended (texts whose lines are already in order are runs
    that the sort merges, without sorting afresh: the corpus graph is the union of its shards)."""
    lines = b"".join(texts).split(b"\n")
    lines.sort()
    return b"".join(line + b"\n" for line in dict.fromkeys(lines) if line)


def differing_lines(old: Path, new: Path) -> tuple[list[bytes], list[bytes]]:
    """The lines only in OLD and those only in NEW (each with its line end), two files of distinct lines in
    byte order: as `keep_difference` said beside NEW, if it said it of OLD (at 10,000 articles, reading and
    comparing the corpus graph's two versions took 0.3-0.5 s in each process that patches with them)."""
    try:
        said = new.with_suffix(".diff").read_bytes()
    except OSError:
        said = b""
    head, _, body = said.partition(b"\n")
    if said and head == old.name.encode("utf-8"):
        lines = body.splitlines(keepends=True)
        return [line[1:] for line in lines if line[:1] == b"-"], [line[1:] for line in lines if line[:1] == b"+"]
    gone, came = sorted_difference(*(path.read_bytes().splitlines() for path in (old, new)))
    return [line + b"\n" for line in gone], [line + b"\n" for line in came]


def keep_difference(old: Path, new: Path, gone: list[bytes], came: list[bytes]) -> None:
    """Say beside NEW (NAME.nt, as NAME.diff) which lines it has lost and gained from OLD, for `differing_lines`."""
    with atomic_write(new.with_suffix(".diff")) as f:
        f.write(old.name.encode("utf-8") + b"\n")
        f.write(b"".join(b"-" + line + b"\n" for line in gone) + b"".join(b"+" + line + b"\n" for line in came))


def sorted_triples(quads: Iterable[Quad]) -> list[Triple]:
    """Distinct triples in the order of their N-Triples lines."""
    from pyoxigraph import parse

    body = sorted_ntriples(quads)
    return list(parse(body, format=RdfFormat.N_TRIPLES)) if body else []


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    unique = {(str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)): q for q in quads}
    return [unique[k] for k in sorted(unique)]


def write_rdf(quads: Iterable[Quad], path: Path, fmt: RdfFormat) -> None:
    items = sorted_quads(quads) if fmt in (RdfFormat.TRIG, RdfFormat.N_QUADS) else sorted_triples(quads)
    with atomic_write(path) as f:
        write_graph(items, fmt, f)


def write_turtle(quads: Iterable[Quad], path: Path) -> None:
    write_rdf(quads, path, RdfFormat.TURTLE)


# ---------------------------------------------------------------- other formats, for other tools (outputs.formats)


class NoNamedGraphs(ValueError):
    """TriG export of a graph loaded without its per-article named graphs (a Turtle file)."""


def quads_of(store, named: bool = False) -> list[Quad]:
    """The per-article named graphs (named=True) or the merged default graph of a loaded store."""
    return [q for q in store.quads_for_pattern(None, None, None, None)
            if isinstance(q.graph_name, DefaultGraph) != named]


def merged_graph(store) -> Iterator[Quad]:
    """The merged default graph of a loaded store, streamed in the store's order: what the tables and the
    entity projection read (`facts.Facts` keeps what it needs; a list of the quads besides would double it)."""
    return store.quads_for_pattern(None, None, None, DefaultGraph())


def write_jsonld(quads: list[Quad], path: Path) -> None:
    """JSON-LD compacted with a context of the project's prefixes, keys and nodes sorted. Like TriG, it keeps
    the per-article named graphs where QUADS have them (each a node with its own "@graph"), else the graph."""

    from rdflib import Dataset

    named = any(not isinstance(q.graph_name, DefaultGraph) for q in quads)
    lines = serialize(sorted_quads(quads) if named else sorted_triples(quads), format=RdfFormat.N_QUADS)
    dataset = Dataset().parse(data=lines.decode("utf-8"), format="nquads")
    context = dict(PREFIXES)
    doc = json.loads(dataset.serialize(format="json-ld", context=context, auto_compact=True))
    doc = {"@context": context, "@graph": _sorted_nodes(doc)}
    with atomic_write(path, "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


def _sorted_nodes(doc: dict) -> list[dict]:
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    for node in nodes:
        if isinstance(node.get("@graph"), list):  # a named graph's own nodes
            node["@graph"] = sorted(node["@graph"], key=lambda n: n.get("@id", ""))
    return sorted(nodes, key=lambda n: n.get("@id", ""))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import csv

    with atomic_write(path, "w") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_graphml(quads: Iterable[Quad], path: Path) -> None:
    """A networkx projection for Gephi: entities as nodes, their links as edges, posts as person->body edges."""
    import networkx as nx

    from .entities import entity_graph

    g = entity_graph(quads)
    with atomic_write(path) as f:
        nx.write_graphml(g, f)


# ---------------------------------------------------------------- N-Quads shards, for a triple store's bulk loader

SHARD_QUADS = 1_000_000  # quads a shard holds at most (whole graphs: a graph is never split across shards)


def write_nquad_shards(store, folder: Path, shard_quads: int = SHARD_QUADS) -> list[Path]:
    """The per-article named graphs of a loaded store as gzipped N-Quads shards (`part-00000.nq.gz`, …) of whole
    graphs in the order of their names, each graph's quads sorted, and `manifest.json` naming every shard with
    its quads, graphs, bytes and SHA-256: what Oxigraph, QLever, Virtuoso and Jena load in bulk, in parallel.
    A store without named graphs (a Turtle file) gives its one graph. The default graph of a build's store is
    the union of the named graphs: loaders that keep it separate query the union with their own option."""
    import gzip
    import hashlib

    graphs = sorted(store.named_graphs(), key=str) or [DefaultGraph()]
    shards: list[dict] = []
    batch: list[bytes] = []
    counts = [0, 0]  # quads, graphs in the shard being filled

    def flush() -> None:
        path = folder / f"part-{len(shards):05d}.nq.gz"
        data = gzip.compress(b"".join(batch), mtime=0)  # no time and no name: the same graphs, the same bytes
        with atomic_write(path) as f:
            f.write(data)
        shards.append({"file": path.name, "quads": counts[0], "graphs": counts[1], "bytes": len(data),
                       "sha256": hashlib.sha256(data).hexdigest()})
        batch.clear()
        counts[:] = [0, 0]

    for graph in graphs:
        quads = sorted_quads(store.quads_for_pattern(None, None, None, graph))
        if batch and counts[0] + len(quads) > shard_quads:
            flush()
        batch.append(serialize(quads, format=RdfFormat.N_QUADS))
        counts[0] += len(quads)
        counts[1] += 1
    if batch or not shards:
        flush()
    for stale in folder.glob("part-*.nq.gz"):  # shards of an earlier, larger export
        if stale.name not in {s["file"] for s in shards}:
            stale.unlink()
    manifest = {"format": "application/n-quads", "compression": "gzip", "quads": sum(s["quads"] for s in shards),
                "graphs": sum(s["graphs"] for s in shards), "default_graph": "the union of the named graphs",
                "shards": shards}
    with atomic_write(folder / "manifest.json", "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    return [folder / s["file"] for s in shards] + [folder / "manifest.json"]
