"""The build's Oxigraph store, kept beside its outputs (`OUT/dxkg.oxigraph`) for `dxkg query`, `view` and
`serve` to open read-only instead of parsing the Turtle again on every call.

It holds one named graph per article (its part's triples, as in `dxkg.trig`) and a default graph that is
their distinct union (what `dxkg.ttl` holds): the layout `query.store.load` gives a TriG file. A record in
the build's state (`store.json`: part key -> graph) says which parts the store holds. A build brings the
store up to date article by article: the graph of a part that went away is dropped, with each of its
triples that no other article's graph holds from the default graph, and a new part's graph is added; a
graph whose part changed (an article edited, the corpus graph after any change) is patched with the lines
its old and new parts differ by. Before it touches the store the record lists the graphs about to change,
and after, what they hold: a build killed in between leaves them listed, and the next build drops them and
adds what it wants (dropping and adding give the same store whatever was half done). The build keeps a
part the store holds until the store holds its successor (`pipeline.State.prune`).
A first build, or one that changes most of the articles, loads the store afresh with Oxigraph's bulk loader,
a batch of articles at a time: the loader sorts each call's quads in memory, so one call for the whole
corpus would take memory in proportion to it (1.3 GB at 1,000 articles, 0.4 GB in batches of 16 MB).
"""
from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from ..outputs import answers
from ..outputs.files import atomic_write
from .executor import Fresh, fresh_main

STORE = "dxkg.oxigraph"
STATE = ".dxkg"  # the build's state folder, beside its outputs
RECORD = "store.json"
BATCH = 16 << 20  # bytes of N-Triples bulk-loaded in one call
DEFAULT = DefaultGraph()


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
        if _afresh(held, wanted):
            _load_afresh(folder, record, parts, {key: graph_of(key) for key in keys})
        else:
            _update(folder, record, parts, keys, wanted, graph_of, held, pending)
    return changed


def afresh(outdir: Path, state: Path, keys: list[str]) -> bool:
    """Whether bringing the store to KEYS means loading it afresh."""
    return _afresh(_read(state / RECORD)[0] if (outdir / STORE).exists() else None, set(keys))


def _afresh(held: dict[str, str] | None, wanted: set[str]) -> bool:
    """The store has no record, or most of the parts wanted are new, or most of those it holds go."""
    return held is None or len(wanted - held.keys()) > len(wanted) // 2 or len(held.keys() - wanted) > len(held) // 2


def preload(parts: Path, keys: list[str], outdir: Path, state: Path) -> Fresh:
    """Loading the store afresh with the parts KEYS, in a process beside the build while it writes its other
    outputs (`sync` then adds what else it wants); leaving the `with` waits for it."""
    return Fresh(__name__, str(parts), str(outdir), str(state), stdin=json.dumps(keys).encode(),
                 doing=f"loading the store in {outdir}")


def _preload(parts: Path, keys: list[str], outdir: Path, state: Path) -> None:
    from .assemble import Part

    answers.forget(answers_folder(outdir))
    _load_afresh(outdir / STORE, state / RECORD, parts, {key: Part.load(parts, key).graph for key in keys})


def _update(folder: Path, record: Path, parts: Path, keys: list[str], wanted: set[str], graph_of,
            held: dict[str, str], pending: list[str]) -> None:
    kept = {k: g for k, g in held.items() if k in wanted}
    added = {key: graph_of(key) for key in keys if key not in held}
    gone = {g: k for k, g in held.items() if k not in wanted}
    changing = sorted({*pending, *gone, *added.values()})
    # a graph whose part changed (the corpus graph after any change, an article edited) is patched with the
    # lines its two parts differ by: at 10,000 articles the corpus graph is 600,000 triples, of which an added
    # article changes a few hundred
    patches = {key: gone[g] for key, g in added.items()
               if g in gone and g not in pending and (parts / f"{gone[g]}.nt").exists()}
    _write(record, kept, changing)  # until they are done, the graphs changing are neither old nor new
    store = Store(str(folder))
    for graph in sorted(set(changing) - {added[key] for key in patches}):
        _drop(store, NamedNode(graph))
    for key, old in patches.items():
        _patch(store, NamedNode(added[key]), parts / f"{old}.nt", parts / f"{key}.nt")
    _bulk_load(store, _pieces(parts, {k: g for k, g in added.items() if k not in patches}))
    store.flush()
    # compacted after any change (3.5-7 s at 10,000 articles): the bundled queries, answered next, took 49 s
    # on a store patched twice and 35 s on it compacted; a bulk load leaves files of its own, each read apart
    store.optimize()
    del store  # closes the database before the record says what it holds
    _write(record, {**kept, **added})


def _patch(store: Store, graph: NamedNode, old: Path, new: Path) -> None:
    """GRAPH holds the triples of part OLD's N-Triples: make it hold NEW's (both sorted), the default graph
    keeping a triple while any article's graph states it (what is added is bulk-loaded, as new parts are:
    the store is compacted after)."""
    gone, came = _differ(old, new)
    _load(store, [(b"".join(came), graph.value)] if came else [])
    for t in parse(b"".join(gone), format=RdfFormat.N_TRIPLES) if gone else ():
        store.remove(Quad(t.subject, t.predicate, t.object, graph))
        if not any(q.graph_name != DEFAULT for q in store.quads_for_pattern(t.subject, t.predicate, t.object)):
            store.remove(Quad(t.subject, t.predicate, t.object, DEFAULT))


def _differ(old: Path, new: Path) -> tuple[list[bytes], list[bytes]]:
    """The lines only in OLD and those only in NEW, two files of distinct lines in byte order, read once."""
    gone: list[bytes] = []
    came: list[bytes] = []
    with old.open("rb") as a, new.open("rb") as b:
        x, y = a.readline(), b.readline()
        while x or y:
            if y and (not x or y < x):
                came.append(y)
                y = b.readline()
            elif x and (not y or x < y):
                gone.append(x)
                x = a.readline()
            else:
                x, y = a.readline(), b.readline()
    return gone, came


def _load_afresh(folder: Path, record: Path, parts: Path, graphs: dict[str, str]) -> None:
    record.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    store = Store(str(folder))
    _bulk_load(store, _pieces(parts, graphs))
    store.flush()
    store.optimize()
    del store
    _write(record, graphs)


def _pieces(parts: Path, graphs: dict[str, str]) -> Iterator[tuple[bytes, str]]:
    """Each part's N-Triples with its graph, in slices of at most BATCH bytes cut at line ends (the corpus
    graph of a large build is far larger than an article's)."""
    for key, graph in graphs.items():
        data = (parts / f"{key}.nt").read_bytes()
        start = 0
        while start < len(data):
            end = data.rfind(b"\n", start, start + BATCH) + 1 if len(data) - start > BATCH else len(data)
            end = end if end > start else len(data)  # one line longer than a batch: whole
            yield data[start:end], graph
            start = end


def _bulk_load(store: Store, pieces: Iterable[tuple[bytes, str]]) -> None:
    """Each triple twice, as N-Quads: in the default graph (the store keeps a triple once however many
    articles state it) and in the article's named graph; BATCH bytes of N-Triples a call, each read as it
    comes (never the whole corpus in memory)."""
    batch: list[tuple[bytes, str]] = []
    size = 0
    for data, graph in pieces:
        batch.append((data, graph))
        size += len(data)
        if size >= BATCH:
            _load(store, batch)
            batch, size = [], 0
    _load(store, batch)


def _load(store: Store, batch: list[tuple[bytes, str]]) -> None:
    if batch:
        store.bulk_load(Chunks(x for data, graph in batch for x in (data, in_graph(data, graph))),
                        RdfFormat.N_QUADS)


def in_graph(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines as N-Quads lines in GRAPH (each "s p o ." becomes "s p o <g> .")."""
    label = b" <" + graph.encode("utf-8") + b"> .\n"
    return b"".join(line[:-2] + label for line in ntriples.split(b"\n") if line)


def _drop(store: Store, graph: NamedNode) -> None:
    """An article's graph, and each of its triples from the default graph unless another article states it."""
    store.update(f"""DELETE {{ ?s ?p ?o }} WHERE {{
      GRAPH <{graph.value}> {{ ?s ?p ?o }}
      FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph.value}>) }}
    }}""")
    store.remove_graph(graph)


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


if __name__ == "__main__":  # `preload`'s process: python -m dxkg.build.store PARTS OUTDIR STATE < keys.json
    fresh_main(lambda: _preload(Path(sys.argv[1]), json.load(sys.stdin), Path(sys.argv[2]), Path(sys.argv[3])))
