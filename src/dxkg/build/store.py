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
An update of a few MB (an article added, edited or removed) is written as plain writes; a larger one is
bulk-loaded and the store compacted after, as it is once a few small updates add up (`COMPACT_AFTER`).
A first build, or one that changes most of the articles, loads the store afresh with Oxigraph's bulk loader,
a batch of articles at a time: the loader sorts each call's quads in memory, so one call for the whole
corpus would take memory in proportion to it (1.3 GB at 1,000 articles; at 10,000, 300 MB in batches of 16 MB,
140 MB in batches of 4 MB, which loaded no slower).
"""
from __future__ import annotations

import io
import json
import math
import shutil
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from ..outputs import answers, stale
from ..outputs.files import differing_lines, write_json
from .executor import Fresh, fresh_main

STORE = "dxkg.oxigraph"
STATE = ".dxkg"  # the build's state folder, beside its outputs
PARTS = "articles"  # in STATE: the parts of the articles, and of the graphs beside them
RECORD = "store.json"
BATCH = 4 << 20  # bytes of N-Triples bulk-loaded in one call; an update of fewer is written plainly
COMPACT_AFTER = 16  # updates written plainly before the store is compacted: eight builds of a large corpus, which
# write the articles' graphs and then the corpus graph (`answered`), sixteen of a small one
DEFAULT = DefaultGraph()


def answers_folder(outdir: Path) -> Path:
    """Where the build keeps the answers to the bundled queries on OUT's store."""
    return outdir / STATE / answers.FOLDER


def parts_held(outdir: Path) -> list[Path]:
    """The cached parts (their .json) whose graphs OUT's store holds, as the record says; [] without one."""
    held, changing, _ = _read(outdir / STATE / RECORD)
    if not held or changing:
        return []
    parts = [outdir / STATE / PARTS / f"{key}.json" for key in sorted(held)]
    return parts if all(p.is_file() for p in parts) else []


def sync_parts(outdir: Path, keys: list[str], graphs: dict[str, str] | None = None) -> bool:
    """`sync` with the parts KEYS of the build in OUTDIR (GRAPHS: the graphs of those whose lines alone are
    saved yet, by key)."""
    from .part import Part

    parts, graphs = outdir / STATE / PARTS, graphs or {}
    return sync(parts, keys, lambda key: graphs.get(key) or Part.load(parts, key).graph, outdir, outdir / STATE)


def sync(parts: Path, keys: list[str], graph_of, outdir: Path, state: Path) -> bool:
    """Make OUT/dxkg.oxigraph hold exactly the parts KEYS (in folder PARTS); `graph_of(key)` is a part's graph.
    Whether the store changed (if it did, its kept answers are set aside: `answered` makes them again, where
    the change reaches)."""
    folder, record = outdir / STORE, state / RECORD
    held, pending, writes = _read(record) if folder.exists() else (None, [], 0)
    wanted = set(keys)
    changed = held is None or held.keys() != wanted or bool(pending)
    if changed:
        if _afresh(held, wanted):
            _load_afresh(folder, record, parts, {key: graph_of(key) for key in keys})
        else:
            _update(folder, record, parts, keys, wanted, graph_of, held, pending, writes)
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
    from .part import Part

    # not compacted: `sync` adds the corpus and reference graphs next, and compacts then
    _load_afresh(outdir / STORE, state / RECORD, parts, {key: Part.load(parts, key).graph for key in keys},
                 compact=False)


def _update(folder: Path, record: Path, parts: Path, keys: list[str], wanted: set[str], graph_of,
            held: dict[str, str], pending: list[str], writes: int) -> None:
    kept = {k: g for k, g in held.items() if k in wanted}
    added = {key: graph_of(key) for key in keys if key not in held}
    gone = {g: k for k, g in held.items() if k not in wanted}
    changing = sorted({*pending, *gone, *added.values()})
    # a graph whose part changed (the corpus graph after any change, an article edited) is patched with the
    # lines its two parts differ by: at 10,000 articles the corpus graph is 600,000 triples, of which an added
    # article changes a few hundred
    patches = {key: gone[g] for key, g in added.items()
               if g in gone and g not in pending and (parts / f"{gone[g]}.nt").exists()}
    diffs = {key: differing_lines(parts / f"{old}.nt", parts / f"{key}.nt") for key, old in patches.items()}
    fresh = {k: g for k, g in added.items() if k not in patches}
    dropped = sorted(set(changing) - {added[key] for key in patches})
    # a small update (an article added to 10,000: 0.5 s) is written as plain writes, which the database
    # keeps in its log and a file of its own; a large one is bulk-loaded, and the store compacted after
    # (3.5-7 s at 10,000 articles), as it is after COMPACT_AFTER small ones: the bundled queries took 49 s
    # on a store with two bulk-loaded patches and 35 s on it compacted; the answers and pages took 41-43 s
    # after two small updates written plainly, 38-46 s after two compacted
    patched = sum(len(line) for lines in diffs.values() for side in lines for line in side)
    small = not pending and patched + _size([parts / f"{k}.nt" for k in fresh] +
                                            [parts / f"{gone[g]}.nt" for g in dropped if g in gone]) <= BATCH
    writes = writes + 1 if small else COMPACT_AFTER
    _write(record, kept, changing, writes)  # until they are done, the graphs changing are neither old nor new
    store = Store(str(folder))
    # what the kept answers and pages must be made again for: the triples a small update changes (a large one,
    # such as the corpus graph added to a store loaded afresh, 600,000 triples at 10,000 articles, changes
    # them all)
    _before_change(record.parent, store, *(_changed_triples(store, diffs, added, fresh, dropped, parts) if small
                                            else (None, None)))
    for graph in dropped:
        _drop(store, NamedNode(graph))
    pieces = chain(((b"".join(came), added[key]) for key, (_, came) in diffs.items() if came), _pieces(parts, fresh))
    (_write_plainly if small else _bulk_load)(store, pieces)
    for key, (lost, _) in diffs.items():
        _remove(store, NamedNode(added[key]), lost)
    store.flush()
    if writes >= COMPACT_AFTER:
        store.optimize()  # a bulk load leaves files of its own, each read apart until compacted
        writes = 0
    del store  # closes the database before the record says what it holds
    _write(record, {**kept, **added}, writes=writes)


def _changed_triples(store: Store, diffs: dict, added: dict[str, str], fresh: dict[str, str], dropped: list[str],
                     parts: Path) -> tuple[set[str] | None, set[str] | None]:
    """The triples ("s p o") the default graph is about to gain (lines of N-Triples it does not hold) or lose
    (lines or triples of a graph that no other graph states), and those it is about to lose: a triple every
    article about a province states is no change when one more states it. None if one has a blank node,
    which cannot be asked for by name."""
    came = chain(*(_triples(b"".join(lines)) for _, lines in diffs.values()),
                 *(_triples((parts / f"{key}.nt").read_bytes()) for key in fresh))
    lost = chain(((t, added[key]) for key, (lines, _) in diffs.items() for t in _triples(b"".join(lines))),
                 ((q.triple, graph) for graph in dropped for q in store.quads_for_pattern(None, None, None, NamedNode(graph))))
    gained = {t for t in came if Quad(t.subject, t.predicate, t.object, DEFAULT) not in store}
    losing = {t for t, graph in lost if not any(q.graph_name not in (DEFAULT, NamedNode(graph)) for q in
                                               store.quads_for_pattern(t.subject, t.predicate, t.object))}
    if any(isinstance(term, BlankNode) for t in gained | losing for term in (t.subject, t.object)):
        return None, None
    named = {t: f"{t.subject} {t.predicate} {t.object}" for t in gained | losing}
    return set(named.values()), {named[t] for t in losing}


def _before_change(state: Path, store: Store | None = None, triples: set[str] | None = None,
                   losing: set[str] | None = None) -> None:
    """The store is about to gain or lose TRIPLES, LOSING those (anything, without them): what the kept
    answers and the pages must be made again for (`stale`)."""
    stale.before_change(store, state, state / answers.FOLDER, triples, losing)


def _size(paths: list[Path]) -> float:
    """The bytes of these files; unknown (infinite) if one is missing."""
    try:
        return sum(path.stat().st_size for path in paths)
    except OSError:
        return math.inf


def _triples(ntriples: bytes):
    return parse(ntriples, format=RdfFormat.N_TRIPLES) if ntriples else ()


def _remove(store: Store, graph: NamedNode, lines: list[bytes]) -> None:
    """These N-Triples lines from GRAPH, and from the default graph unless another graph states them."""
    for t in _triples(b"".join(lines)):
        store.remove(Quad(t.subject, t.predicate, t.object, graph))
        if not any(q.graph_name != DEFAULT for q in store.quads_for_pattern(t.subject, t.predicate, t.object)):
            store.remove(Quad(t.subject, t.predicate, t.object, DEFAULT))


def _load_afresh(folder: Path, record: Path, parts: Path, graphs: dict[str, str], compact: bool = True) -> None:
    _before_change(record.parent)
    record.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    store = Store(str(folder))
    _bulk_load(store, _pieces(parts, graphs))
    store.flush()
    if compact:
        store.optimize()
    del store
    _write(record, graphs, writes=0 if compact else COMPACT_AFTER)  # uncompacted: the next update compacts it


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


def _write_plainly(store: Store, pieces: Iterable[tuple[bytes, str]]) -> None:
    """Each triple in the default graph and in its piece's graph, as plain writes."""
    for data, graph in pieces:
        named = NamedNode(graph)
        store.extend([Quad(t.subject, t.predicate, t.object, g)
                      for t in parse(data, format=RdfFormat.N_TRIPLES) for g in (named, DEFAULT)])


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


def _read(record: Path) -> tuple[dict[str, str] | None, list[str], int]:
    """The parts the store holds (key -> graph), the graphs a build was changing when it stopped, and the
    updates written plainly since the store was last compacted."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return data["parts"], data["changing"], int(data.get("writes", COMPACT_AFTER))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, [], 0  # no record: what the store holds is unknown, so it is loaded afresh


def _write(record: Path, graphs: dict[str, str], changing: list[str] = (), writes: int = 0) -> None:
    write_json(record, {"parts": dict(sorted(graphs.items())), "changing": list(changing), "writes": writes},
               ascii_only=True)


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
