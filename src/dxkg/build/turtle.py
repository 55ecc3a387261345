"""dxkg.ttl kept in pieces, so that a build that adds, edits or removes a few articles rewrites only the pieces
their triples fall in.

dxkg.ttl is the distinct triples of every part, in the byte order of their N-Triples lines, as Turtle. The
build keeps those lines in its state folder (`turtle/`) in pieces of about PIECE lines, each of whole
subjects, every line with the number of parts that state it (a triple leaves the export when no part states
it any more), and an index: the parts held, and each piece's first line, statistics and place in dxkg.ttl.
Pyoxigraph writes a subject's triples as one block whatever comes before it, so dxkg.ttl is the prefixes
and the pieces' Turtle one after another, the same bytes as the whole graph written at once; a build
copies the pieces it did not change from the dxkg.ttl before. A change of more than a tenth of the parts
sorts every part's lines again, in runs spilled to disk past RUN_LINES, as a first build does.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import os
import shutil
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Triple, parse, serialize

from ..outputs.files import atomic_write, copy_into, differing_lines, write_json
from ..rdf.vocab import PREFIXES, VOID
from ..rdf.void import Statistics, void_quads
from .part import Part

FOLDER = "turtle"  # in the build's state folder
INDEX = "index.json"
PIECE = 1_000  # lines a piece holds, about: an article added to 10,000 changes some twenty pieces, made again
RUN_LINES = 150_000  # lines counted in memory at a time while sorting every part: about 40 MB
Counts = list[tuple[bytes, int]]  # lines in byte order, each with the number of parts that state it


def prefix_header() -> bytes:
    """The @prefix lines every Turtle file of the build begins with."""
    node = NamedNode("urn:x")
    text = serialize([Triple(node, node, node)], format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return b"".join(line + b"\n" for line in text.split(b"\n") if line.startswith(b"@prefix "))


@dataclass
class Piece:
    name: str  # its file in the folder: a digest of its counted lines
    first: str  # its first line
    stats: dict  # `Statistics.to_json` of its lines
    start: int = 0  # where its Turtle lies in dxkg.ttl
    length: int = 0


class LineCounter:
    """The lines of many files, each with the number of files that hold it, in byte order with bounded
    memory: sorted runs spill to disk past `run` distinct lines, then merge."""

    def __init__(self, folder: Path, run: int | None = None):
        self.folder, self.run = folder, run or RUN_LINES
        self.lines: Counter[bytes] = Counter()
        self.runs: list[Path] = []

    def add_files(self, paths: Iterable[Path]) -> LineCounter:
        for path in paths:
            self.lines.update(path.read_bytes().split(b"\n"))
            del self.lines[b""]
            if len(self.lines) >= self.run:
                self._spill()
        return self

    def _spill(self) -> None:
        path = self.folder / f"run-{len(self.runs):05d}.nt"
        # a line, a tab, its count: N-Triples escapes a tab, and no line is the start of another, so the
        # runs merge in the order of their lines
        path.write_bytes(b"".join(b"%s\t%d\n" % item for item in sorted(self.lines.items())))
        self.runs.append(path)
        self.lines = Counter()

    def counts(self) -> Iterator[tuple[bytes, int]]:
        if not self.runs:
            yield from sorted(self.lines.items())
            return
        if self.lines:
            self._spill()
        with ExitStack() as stack:
            runs = [stack.enter_context(p.open("rb")) for p in self.runs]
            line, count = None, 0
            for record in heapq.merge(*runs):
                text, n = record.rsplit(b"\t", 1)
                if text != line:
                    if line is not None:
                        yield line, count
                    line, count = text, 0
                count += int(n)
            if line is not None:
                yield line, count


def _subject(line: bytes) -> bytes:
    return line[:line.index(b" ")]


def _pieces_of(counts: Iterable[tuple[bytes, int]]) -> Iterator[Counts]:
    """The counted lines cut in pieces of PIECE lines or a little more, at the start of a subject."""
    piece: Counts = []
    for line, n in counts:
        if len(piece) >= PIECE and _subject(line) != _subject(piece[-1][0]):
            yield piece
            piece = []
        piece.append((line, n))
    if piece:
        yield piece


class Kept:
    """The pieces in FOLDER of the build's state, and the dxkg.ttl and void.ttl written of them."""

    def __init__(self, state: Path, outdir: Path, base: str):
        self.folder, self.outdir, self.base = state / FOLDER, outdir, base
        self.parts: dict[str, str] = {}  # key -> its graph, of the parts the pieces hold
        self.pieces: list[Piece] = []
        self.ttl: dict = {}  # the size and time of the dxkg.ttl the pieces were last written to
        self.stats = Statistics()  # of every piece
        try:
            data = json.loads((self.folder / INDEX).read_text(encoding="utf-8"))
            self.parts, self.ttl = data["parts"], data["ttl"]
            self.pieces = [Piece(**p) for p in data["pieces"]]
            self.stats = Statistics.from_json(data["stats"])
        except (OSError, ValueError, KeyError, TypeError):
            self.parts = {}

    def small(self, keys: Iterable[str]) -> bool:
        """Whether bringing the pieces to the parts KEYS changes few enough of them to patch."""
        return bool(self.parts) and len(set(keys) ^ self.parts.keys()) <= max(8, len(self.parts) // 10)

    def update(self, graphs: dict[str, str], delta: dict[bytes, int]) -> Statistics:
        """The pieces with DELTA (line -> change of its count) applied, to hold the parts GRAPHS (key -> graph)."""
        return self._write(graphs, self._apply(delta))

    def rewrite(self, counts: Iterable[tuple[bytes, int]], graphs: dict[str, str]) -> Statistics:
        """The pieces made again of every counted line, streamed: at 10,000 articles the 2 million lines held
        at once took the helper from 130 to 670 MB."""
        self.pieces = []
        return self._write(graphs, _pieces_of(counts))

    def _lines(self, piece: Piece) -> Counts:
        try:
            data = (self.folder / piece.name).read_bytes()
        except OSError:
            data = b""
        if hashlib.sha256(data).hexdigest()[:24] != piece.name:  # written without fsync: a power cut may cut it
            raise Damaged(piece.name)
        return [(line, int(n)) for line, n in (r.rsplit(b"\t", 1) for r in data.split(b"\n") if r)]

    def _apply(self, delta: dict[bytes, int]) -> list[Piece | Counts]:
        """The pieces in order, a piece unchanged as it is and a changed one as its new counted lines (a
        subject whose new lines fell in the piece before its own is carried over into its own)."""
        firsts = [p.first.encode() for p in self.pieces]
        changes: dict[int, list[bytes]] = {}
        for line in sorted(delta):
            changes.setdefault(max(0, bisect_right(firsts, line) - 1), []).append(line)
        out: list[Piece | Counts] = []
        carried: Counts = []
        for i, piece in enumerate(self.pieces or [None]):
            if i not in changes and not carried:
                out.append(piece)
                continue
            counts = Counter(dict(self._lines(piece))) if piece else Counter()
            for line in changes.get(i, ()):
                counts[line] += delta[line]
            lines = carried + sorted((line, n) for line, n in counts.items() if n > 0)
            carried = []
            following = firsts[i + 1] if i + 1 < len(firsts) else None
            while lines and following and _subject(lines[-1][0]) == _subject(following):
                carried.insert(0, lines.pop())
            out.append(lines)
        return out

    def _write(self, graphs: dict[str, str], pieces: Iterable[Piece | Counts]) -> Statistics:
        """dxkg.ttl of PIECES (a new one's Turtle written, an old one's copied from the dxkg.ttl before if
        that is the one the index describes; a list, if any is kept: `_apply`), void.ttl, the new pieces'
        files, then the index."""
        self.folder.mkdir(parents=True, exist_ok=True)
        ttl = self.outdir / "dxkg.ttl"
        before = ttl.open("rb") if self.pieces and self._ttl_is_kept(ttl) else None
        kept: list[Piece] = []
        stats = Statistics()
        if before:  # those of the pieces before, less those of the pieces that go (each counts its own subjects)
            stats, staying = self.stats, {p.name for p in pieces if isinstance(p, Piece)}
            stats.subtract(Statistics.from_json(p.stats) for p in self.pieces if p.name not in staying)
        with ExitStack() as stack:
            if before:
                stack.enter_context(before)
            with atomic_write(ttl) as f:
                f.write(prefix_header())
                copying = _Copying(f, before)
                for piece in pieces:
                    if not (isinstance(piece, Piece) and before):
                        copying.flush()
                        counts = self._lines(piece) if isinstance(piece, Piece) else piece
                        for part in ([counts] if isinstance(piece, Piece) else _split(counts)):
                            kept.append(self._save(part, f.tell()))
                            f.write(_turtle(part))
                            kept[-1].length = f.tell() - kept[-1].start
                            stats.merge(Statistics.from_json(kept[-1].stats))
                        continue
                    kept.append(Piece(piece.name, piece.first, piece.stats, copying.at(), piece.length))
                    copying.add(piece.start, piece.length)
                copying.flush()
        with atomic_write(self.outdir / "void.ttl") as f:
            serialize(void_quads(stats, self.base), f, RdfFormat.TURTLE, prefixes={**PREFIXES, "void": VOID})
        written = ttl.stat()
        self.parts, self.pieces = dict(sorted(graphs.items())), kept
        self.ttl, self.stats = {"size": written.st_size, "mtime_ns": written.st_mtime_ns}, stats
        # each piece as `vars`, not `asdict`, which copies every value (0.1 s for 1,500 pieces)
        write_json(self.folder / INDEX, {"parts": self.parts, "ttl": self.ttl, "stats": stats.to_json(),
                                         "pieces": [vars(p) for p in kept]})
        names = {p.name for p in kept} | {INDEX}
        for stale in self.folder.iterdir():  # the pieces replaced, after the index that no longer names them
            if stale.name not in names:
                stale.unlink()
        return stats

    def _ttl_is_kept(self, ttl: Path) -> bool:
        try:
            now = ttl.stat()
        except OSError:
            return False
        return self.ttl == {"size": now.st_size, "mtime_ns": now.st_mtime_ns}

    def _save(self, counts: Counts, start: int) -> Piece:
        data = b"".join(b"%s\t%d\n" % item for item in counts)
        name = hashlib.sha256(data).hexdigest()[:24]
        # not synced (at 10,000 articles a build writes 1,500 pieces): a piece the disk lost is found by
        # its digest, and the pieces made again
        tmp = self.folder / f".{name}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, self.folder / name)
        stats = Statistics()
        for line, _n in counts:
            stats.add(line)
        return Piece(name, counts[0][0].decode("utf-8"), stats.to_json(), start)


class _Copying:
    """Pieces kept as they were, copied from the dxkg.ttl before into OUT: those that lay one after another
    there in one call (a thousand calls took 0.07 s)."""

    def __init__(self, out, before):
        self.out, self.before, self.start, self.length = out, before, 0, 0

    def at(self) -> int:
        """Where the next piece added goes in OUT."""
        return self.out.tell() + self.length

    def add(self, start: int, length: int) -> None:
        if self.length and start != self.start + self.length:
            self.flush()
        if not self.length:
            self.start = start
        self.length += length

    def flush(self) -> None:
        if self.length:
            copy_into(self.out, self.before, self.start, self.length)
        self.length = 0


def _split(counts: Counts) -> list[Counts]:
    """A changed piece as it is, cut if it grew past twice PIECE lines, or nothing if it lost every line."""
    return list(_pieces_of(counts)) if len(counts) > 2 * PIECE else [counts] if counts else []


def _turtle(counts: Counts) -> bytes:
    text = serialize(parse(b"".join(line + b"\n" for line, _n in counts), format=RdfFormat.N_TRIPLES),
                     format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return text[len(prefix_header()):]


def delta_of(parts: Path, held: dict[str, str], graphs: dict[str, str]) -> dict[bytes, int] | None:
    """How the count of each line changes from the parts HELD to the parts GRAPHS (key -> graph): a part
    whose graph was held under another key (the corpus graph after any change; an article edited) by the
    lines the two differ by. None if a part gone has left no lines to count."""
    gone = {graph: key for key, graph in held.items() if key not in graphs}
    delta: Counter[bytes] = Counter()
    try:
        for key, graph in graphs.items():
            if key in held:
                continue
            new = parts / f"{key}.nt"
            if graph in gone:
                lost, came = differing_lines(parts / f"{gone.pop(graph)}.nt", new)
                delta.subtract(line[:-1] for line in lost)
                delta.update(line[:-1] for line in came)
            else:
                delta.update(new.read_bytes().splitlines())
        for key in gone.values():
            delta.subtract((parts / f"{key}.nt").read_bytes().splitlines())
    except FileNotFoundError:
        return None
    return {line: n for line, n in delta.items() if n and line}


_begun: list[LineCounter] = []  # in the Turtle's helper (one process): the counter `begin` filled


def begin(parts: Path, keys: list[str], state: Path, outdir: Path, work: Path) -> float:
    """The helper's first call, while the corpus graph is made: unless the kept pieces are patched, the lines
    of the articles' parts KEYS counted; (seconds)."""
    start = time.perf_counter()
    if not Kept(state, outdir, "").small(keys):
        _begun.append(LineCounter(work).add_files(parts / f"{key}.nt" for key in keys))
    return time.perf_counter() - start


def write(parts: Path, graphs: dict[str, str | None], outdir: Path, state: Path, work: Path, base: str,
          begun: list[str] = ()) -> tuple[Statistics, float]:
    """dxkg.ttl and void.ttl of the parts GRAPHS (key -> graph; None: the graph the pieces or the part say),
    BEGUN being the keys `begin` was given in this process; (what they hold, seconds)."""
    start = time.perf_counter()
    kept = Kept(state, outdir, base)
    graphs = {key: graph or kept.parts.get(key) or Part.load(parts, key).graph for key, graph in graphs.items()}
    counter = _begun.pop() if _begun else None
    delta = None if counter or not kept.small(graphs) else delta_of(parts, kept.parts, graphs)
    try:
        if delta is not None:
            return kept.update(graphs, delta), time.perf_counter() - start
    except Damaged:
        pass
    if counter is None:
        counter, begun = LineCounter(work), ()
    counted = set(begun)
    stats = kept.rewrite(counter.add_files(parts / f"{key}.nt" for key in graphs if key not in counted).counts(),
                         graphs)
    return stats, time.perf_counter() - start


class Damaged(Exception):
    """A piece is not what its name says: the pieces are made again from the parts."""


def forget(state: Path) -> None:
    """The pieces go (a build stopped by a full disk leaves no cache): the next build makes them again."""
    shutil.rmtree(state / FOLDER, ignore_errors=True)
