"""The build's Oxigraph store, kept beside its outputs (`OUT/dxkg.oxigraph`) for `dxkg query`, `view` and
`serve` to open read-only instead of parsing the Turtle again on every call.

It holds one named graph per article (its part's triples, as in `dxkg.trig`) and a default graph that is
their distinct union (what `dxkg.ttl` holds): the layout `query.store.load` gives a TriG file. A record in
the build's state (`store.json`: part key -> graph) says which parts the store holds. A build brings the
store up to date article by article: the graph of a part that changed or went away is dropped, with each of
its triples that no other article's graph holds from the default graph, and the new part's graph is added.
Before it touches the store the record lists the graphs about to change, and after, what they hold: a build
killed in between leaves them listed, and the next build drops them and adds what it wants (dropping and
adding give the same store whatever was half done).
A first build, or one that changes most of the articles, loads the store afresh with Oxigraph's bulk loader,
a batch of articles at a time: the loader sorts each call's quads in memory, so one call for the whole
corpus would take memory in proportion to it (1.3 GB at 1,000 articles, 0.4 GB in batches of 16 MB).
"""
from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from ..outputs import answers
from ..outputs.files import atomic_write

STORE = "dxkg.oxigraph"
STATE = ".dxkg"  # the build's state folder, beside its outputs
RECORD = "store.json"
BATCH = 16 << 20  # bytes of N-Triples bulk-loaded in one call


def answers_folder(outdir: Path) -> Path:
    """Where the build keeps the answers to the bundled queries on OUT's store."""
    return outdir / STATE / answers.FOLDER


def parts_held(outdir: Path) -> list[Path]:
    """The cached parts (their .json) whose graphs OUT's store holds, as the record says; [] without one."""
    held, changing = _read(outdir / STATE / RECORD)
    if not held or changing:
        return []
    parts = [outdir / STATE / "articles" / f"{key}.json" for key in sorted(held)]
    return parts if all(p.is_file() for p in parts) else []


def sync(parts: Path, keys: list[str], graph_of, outdir: Path, state: Path) -> bool:
    """Make OUT/dxkg.oxigraph hold exactly the parts KEYS (in folder PARTS); `graph_of(key)` is a part's graph.
    Whether the store changed (if it did, its kept answers are gone: `answers.keep` them again)."""
    folder, record = outdir / STORE, state / RECORD
    held, pending = _read(record) if folder.exists() else (None, [])
    wanted = set(keys)
    changed = held is None or held.keys() != wanted or bool(pending)
    if changed:
        answers.forget(answers_folder(outdir))
        _update(folder, record, parts, keys, wanted, graph_of, held, pending)
    return changed


def _update(folder: Path, record: Path, parts: Path, keys: list[str], wanted: set[str], graph_of,
            held: dict[str, str] | None, pending: list[str]) -> None:
    if held is None or len(wanted - held.keys()) + len(held.keys() - wanted) > len(wanted) // 2:
        _load_afresh(folder, record, parts, keys, graph_of)
        return
    kept = {k: g for k, g in held.items() if k in wanted}
    added = {key: graph_of(key) for key in keys if key not in held}
    changing = sorted({*pending, *(g for k, g in held.items() if k not in wanted), *added.values()})
    _write(record, kept, changing)  # until they are done, the graphs changing are neither old nor new
    store = Store(str(folder))
    for graph in changing:
        _drop(store, NamedNode(graph))
    for key, graph in added.items():
        _add(store, NamedNode(graph), parts / f"{key}.nt")
    store.flush()
    del store  # closes the database before the record says what it holds
    _write(record, {**kept, **added})


def _load_afresh(folder: Path, record: Path, parts: Path, keys: list[str], graph_of) -> None:
    record.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    graphs = {key: graph_of(key) for key in keys}
    store = Store(str(folder))
    for batch in _batches(parts, graphs):
        store.bulk_load(Chunks(_nquads(parts, batch)), RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    _write(record, graphs)


def _batches(parts: Path, graphs: dict[str, str]) -> Iterator[dict[str, str]]:
    """The graphs in runs of about BATCH bytes of N-Triples, in their order."""
    batch, size = {}, 0
    for key, graph in graphs.items():
        batch[key] = graph
        size += (parts / f"{key}.nt").stat().st_size
        if size >= BATCH:
            yield batch
            batch, size = {}, 0
    if batch:
        yield batch


def _nquads(parts: Path, graphs: dict[str, str]) -> Iterator[bytes]:
    """Each part's triples twice, as N-Quads: in the default graph (the store keeps a triple once however
    many articles state it) and in the article's named graph."""
    for key, graph in graphs.items():
        data = (parts / f"{key}.nt").read_bytes()
        yield data
        yield in_graph(data, graph)


def in_graph(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines as N-Quads lines in GRAPH (each "s p o ." becomes "s p o <g> .")."""
    label = b" <" + graph.encode("utf-8") + b"> .\n"
    return b"".join(line[:-2] + label for line in ntriples.split(b"\n") if line)


def _drop(store: Store, graph: NamedNode) -> None:
    """An article's graph, and each of its triples from the default graph unless another article states it."""
    triples = [(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
    store.remove_graph(graph)
    for s, p, o in triples:
        if not any(not isinstance(q.graph_name, DefaultGraph) for q in store.quads_for_pattern(s, p, o, None)):
            store.remove(Quad(s, p, o, DefaultGraph()))


def _add(store: Store, graph: NamedNode, nt: Path) -> None:
    triples = list(parse(path=str(nt), format=RdfFormat.N_TRIPLES))
    store.extend([Quad(t.subject, t.predicate, t.object, graph) for t in triples]
                 + [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples])


def _read(record: Path) -> tuple[dict[str, str] | None, list[str]]:
    """The parts the store holds (key -> graph) and the graphs a build was changing when it stopped."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return data["parts"], data["changing"]
    except (OSError, ValueError, KeyError, TypeError):
        return None, []  # no record: what the store holds is unknown, so it is loaded afresh


def _write(record: Path, graphs: dict[str, str], changing: list[str] = ()) -> None:
    with atomic_write(record, "w") as f:
        json.dump({"parts": dict(sorted(graphs.items())), "changing": list(changing)}, f, ensure_ascii=True)


class Chunks(io.RawIOBase):
    """Byte chunks as a readable file, for the bulk loader to parse as they are made (no temporary file)."""

    def __init__(self, chunks: Iterable[bytes]):
        self.chunks, self.chunk, self.at = iter(chunks), memoryview(b""), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.at >= len(self.chunk):
            nxt = next(self.chunks, None)
            if nxt is None:
                return 0
            self.chunk, self.at = memoryview(nxt), 0
        n = min(len(buffer), len(self.chunk) - self.at)
        buffer[:n] = self.chunk[self.at:self.at + n]
        self.at += n
        return n
