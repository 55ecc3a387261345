"""The graphs beside the articles': the reference graph and the corpus graph, each saved as a `Part`.

The corpus graph (`identity.corpus`: statistics, tenures, one document under two names) is made from what
the articles' parts tell the corpus stage (`Part.corpus`). A statistic depends only on the figures of its
province, a tenure only on the reports of its body's posts, and one document under two names on every
document named; so those reports are kept in shards (`Shards`: by province, by body, and one of documents),
each with its share of the graph, in `OUT/.dxkg/corpus/`. A build reads the parts of the articles that came
and forgets those of the articles that went; only the shards they touch are made again, and the corpus
graph is the union of the shards' graphs. At 10,000 articles an added article's corpus stage took 1.2-1.5 s,
where making the whole graph again took 7.9.
"""
from __future__ import annotations

import hashlib
import json
import sys
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import RdfFormat, parse

from ..lines import holds, patched, sorted_difference
from ..outputs.entities import Entities
from ..outputs.files import (
    atomic_write,
    keep_difference,
    sorted_ntriples,
    write_json,
)
from .executor import Fresh, fresh_main
from .part import Part, StateError, trig_block

SHARDS = 64  # of figures, and as many of posts; an article reports figures of a province or two, posts of a few bodies
CORPUS = "corpus graph: "  # what the corpus graph's violations begin with
FOLDER = "corpus"  # in OUT/.dxkg: the shards
Difference = tuple[list[bytes], list[bytes]]  # the lines a graph lost, and those it gained (unended)
RECORD = "shards.json"  # in FOLDER: the parts the shards hold (part key -> its shards) and each shard's digest


def save_shared(folder: Path, keys: list[str], state: Path, base: str, previous: list[str] = (),
                early: Callable[[dict[str, str]], None] | None = None) -> list[str]:
    """The parts of the reference and corpus graphs of the articles' parts KEYS in FOLDER, saved there (the
    shards kept in STATE); their keys. EARLY is given their graphs by key as soon as their lines are saved,
    with what the corpus graph's differ by from the one among the PREVIOUS parts (the store and the Turtle
    read no more of them), while the rest of the parts is made: there, the corpus graph is validated again
    only where it changed, if the reference graph beside it is the same."""
    from ..identity.reference import reference
    from ..rdf.mint import Minter
    from ..rdf.reference import reference_quads

    mint = Minter(base)
    known = sorted_ntriples(reference_quads(reference(), mint))
    ref = _keyed("reference", known), Part.of_ntriples(mint.iri(reference().identity), "reference", known)
    shards = Shards(state / FOLDER, base)
    last = shards.union and shards.union[0]  # the corpus graph the shards last made
    ntriples, difference = shards.lines(folder, keys)
    key = shards.union[0]
    shards.save()
    for name, lines in ((ref[0], known), (key, ntriples)):
        with atomic_write(folder / f"{name}.nt") as f:
            f.write(lines)
    before = next((k for k in previous if k.startswith("corpus-")), None) if ref[0] in previous else None
    changed = _kept_difference(folder, before, key, ntriples, difference if before == last else None)
    graph = shards.graph_iri()
    if early:
        early({ref[0]: ref[1].graph, key: graph})
    corpus = shards.part(graph, ntriples)
    corpus.violations = [f"{CORPUS}{v}" for v in _validate(corpus, ref[1], folder, before, changed)]
    for name, part in (ref, (key, corpus)):
        part.save(folder, name, lines_saved=True)
    return [ref[0], key]


def _kept_difference(folder: Path, before: str | None, key: str, ntriples: bytes,
                     difference: Difference | None) -> Difference | None:
    """The lines the corpus graph's part KEY (its lines NTRIPLES) lost and gained from the part BEFORE, if
    there is one (DIFFERENCE, if known), kept beside it for the store and the Turtle (`differing_lines`)."""
    if not before:
        return None
    old = folder / f"{before}.nt"
    try:
        gone, came = difference or sorted_difference(old.read_bytes().splitlines(), ntriples.splitlines())
    except OSError:  # its part is gone
        return None
    keep_difference(old, folder / f"{key}.nt", gone, came)
    return gone, came


def _validate(part: Part, ref: Part, folder: Path, before: str | None, difference: Difference | None) -> list:
    """The corpus graph's violations, validated with the reference graph beside it (its statistics point at
    its indicators): only where it changed from the part BEFORE, by DIFFERENCE, if they are known."""
    from ..rdf.shapes import Violation, revalidate_ntriples, validate_ntriples

    if before and difference:
        try:
            verdicts = [Violation.parse(v.removeprefix(CORPUS)) for v in Part.load(folder, before).violations]
            return revalidate_ntriples(part.ntriples, {*difference[0], *difference[1]}, verdicts,
                                       beside=ref.ntriples).errors
        except StateError:  # its part is gone
            pass
    return validate_ntriples(part.ntriples, beside=ref.ntriples).errors


def _keyed(name: str, lines: bytes) -> str:
    """The key of a part: NAME and a digest of its LINES."""
    return f"{name}-{hashlib.sha256(lines).hexdigest()[:24]}"


def shard_of(kind: str, report: dict) -> str:
    """The shard a report (`rdf.corpus.share`) belongs to: what it is resolved with is in the same one."""
    if kind == "documents":
        return "documents"
    place = report["area"] if kind == "figures" else report["org"]
    return f"{kind}-{zlib.crc32(place.encode('utf-8')) % SHARDS:02d}"


class Shards:
    """What the articles report to the corpus stage, in shards, each with its share of the corpus graph.

    A shard's files are named by a digest of its reports (`NAME-DIGEST.reports.json`, `.nt`, `.trig` and
    `.json`, its entities) and the record (`RECORD`) is written after them, the files it no longer names
    removed last: a build stopped at any point leaves the record and the files it names as they were. A
    shard file missing, cut short or unreadable makes every shard again from the articles' parts."""

    SUFFIXES = ("reports.json", "nt", "trig", "json")

    def __init__(self, folder: Path, base: str):
        self.folder, self.base = folder, base
        try:
            record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            self.parts: dict[str, list[str]] = record["parts"]  # part key -> the shards it has reports in
            self.shards: dict[str, list] = record["shards"]  # name -> [digest, the sizes of its files]
            # [key, size] of the part of the shards' last union, and the lines in several shards, with their number
            self.union: list | None = record.get("union")
            self.repeated: dict[bytes, int] = {line.encode("utf-8"): n
                                               for line, n in record.get("repeated", {}).items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # none yet, or unreadable: all made again
            self.parts, self.shards, self.union, self.repeated = {}, {}, None, {}

    def lines(self, parts: Path, keys: list[str]) -> tuple[bytes, Difference | None]:
        """The lines of the corpus graph of the parts KEYS (in PARTS), in that order: the shards brought up to
        date, and the union of their lines (its part's key in `self.union`); with the lines it lost and
        gained since the last one when it was made by patching that one."""
        try:
            touched = self._update(parts, keys)
            if (patch := self._patch(parts, touched)) is not None:
                return self._as_union(patch[0]), patch[1]
            return self._as_union(self._whole()), None
        except _Damaged:
            self.parts, self.shards, self.repeated = {}, {}, {}
            self._update(parts, keys)
            return self._as_union(self._whole()), None

    def _as_union(self, ntriples: bytes) -> bytes:
        """NTRIPLES, recorded as the shards' union (the key of its part, and its size)."""
        self.union = [_keyed("corpus", ntriples), len(ntriples)]
        return ntriples

    def _update(self, parts: Path, keys: list[str]) -> dict[str, tuple[bytes, bytes]]:
        """The shards brought up to date; the lines of each shard made again, before and now."""
        gone = self.parts.keys() - set(keys)
        if len(gone) > len(self.parts) // 2 or not all(map(self._intact, self.shards)):
            self.parts, self.shards, gone = {}, {}, set()  # most went (a new extractor, another base): afresh
            self.union = None
        came: dict[str, dict[str, list[dict]]] = {}  # shard -> part key -> its reports there
        for key in keys:
            if key not in self.parts:
                self.parts[key] = sorted(self._by_shard(key, Part.load(parts, key).corpus, came))
        touched = set(came) | {name for key in gone for name in self.parts.pop(key)}
        order = {key: i for i, key in enumerate(keys)}
        lines = {}
        for name in sorted(touched):
            before = self._read(name, "nt") if name in self.shards else b""
            reports = {k: v for k, v in self._reports(name) if k not in gone} | came.get(name, {})
            lines[name] = before, self._make(name, sorted(reports.items(), key=lambda kv: order[kv[0]]))
        return lines

    def _whole(self) -> bytes:
        """The union of the shards' lines, read from every shard; the lines in more than one counted."""
        lines = b"".join(self._read(name, "nt") for name in sorted(self.shards)).split(b"\n")
        counts = Counter(lines)
        self.repeated = {line: n for line, n in counts.items() if n > 1 and line}
        return b"".join(line + b"\n" for line in sorted(counts) if line)

    def _patch(self, parts: Path, touched: dict[str, tuple[bytes, bytes]]) -> tuple[bytes, Difference] | None:
        """The union of the shards' lines as the last union (`self.union`, a part in PARTS) with the lines the
        shards made again lost and gained (TOUCHED: each one's lines before and now), and those lines; None if that union is not there as recorded. A
        line is in the union while some shard has it: `self.repeated` counts those more than one has (at
        10,000 articles, 9,000 of 420,000 lines: a person's name in the shards of the bodies they sit on)."""
        try:
            key, size = self.union
            old = (parts / f"{key}.nt").read_bytes()
        except (OSError, TypeError, ValueError):
            return None
        if len(old) != size:
            return None
        delta: Counter = Counter()
        for was, now in touched.values():
            before, after = set(was.splitlines()), set(now.splitlines())
            delta.update(after - before)
            delta.subtract(before - after)
        gone, came = [], []
        for line, change in sorted(delta.items()):
            had = self.repeated.get(line) or int(change < 0 or holds(old, line))
            has = had + change
            if has < 0:
                raise _Damaged  # a count that does not add up: counted afresh
            (gone if has == 0 < had else came if had == 0 < has else []).append(line)
            if has > 1:
                self.repeated[line] = has
            else:
                self.repeated.pop(line, None)
        return patched(old, gone, came), (gone, came)

    @staticmethod
    def _by_shard(key: str, share: dict[str, list[dict]], into: dict) -> set[str]:
        """The reports of one part into their shards; the shards it has reports in."""
        names = set()
        for kind, reports in share.items():
            for report in reports:
                name = shard_of(kind, report)
                into.setdefault(name, {}).setdefault(key, []).append(report)
                names.add(name)
        return names

    def _path(self, name: str, suffix: str, digest: str | None = None) -> Path:
        return self.folder / f"{name}-{digest or self.shards[name][0]}.{suffix}"

    def _intact(self, name: str) -> bool:
        try:
            return [self._path(name, s).stat().st_size for s in self.SUFFIXES] == self.shards[name][1:]
        except (OSError, IndexError, TypeError):
            return False

    def _read(self, name: str, suffix: str) -> bytes:
        try:
            return self._path(name, suffix).read_bytes()
        except OSError:
            raise _Damaged from None

    def _json(self, name: str, suffix: str):
        try:
            return json.loads(self._read(name, suffix))
        except ValueError:
            raise _Damaged from None

    def _reports(self, name: str) -> list[tuple[str, list[dict]]]:
        return [tuple(pair) for pair in self._json(name, "reports.json")] if name in self.shards else []

    def _make(self, name: str, reports: list[tuple[str, list[dict]]]) -> bytes:
        """A shard's reports and its share of the corpus graph, saved (none if it holds no report); its lines."""
        if not reports:
            self.shards.pop(name, None)
            return b""
        text = json.dumps(reports, ensure_ascii=False, sort_keys=True).encode("utf-8")
        digest = hashlib.sha256(text).hexdigest()[:24]
        quads = self._quads(name, [r for _, rs in reports for r in rs])
        entities = json.dumps(Entities.of(quads).to_json(), ensure_ascii=False).encode("utf-8")
        ntriples = sorted_ntriples(quads)
        files = (text, ntriples, trig_block(parse(ntriples, format=RdfFormat.N_TRIPLES)), entities)
        for suffix, data in zip(self.SUFFIXES, files):
            with atomic_write(self._path(name, suffix, digest)) as f:
                f.write(data)
        self.shards[name] = [digest, *map(len, files)]
        return ntriples

    def _quads(self, name: str, reports: list[dict]) -> list:
        from ..identity.corpus import resolve
        from ..identity.reference import known_names, reference
        from ..rdf.corpus import KINDS, corpus_quads, reference_documents
        from ..rdf.mint import Minter

        mint = Minter(self.base)
        kind = name.split("-")[0]
        if kind == "documents":  # compared with the reference documents too
            reports = reports + reference_documents(reference().documents, known_names(), mint)
        records = {k: [cls(**r) for r in reports] if k == kind else [] for k, cls in KINDS.items()}
        return corpus_quads(resolve(records["figures"], records["posts"], records["documents"]), mint)

    def graph_iri(self) -> str:
        from ..identity.corpus import GRAPH
        from ..rdf.mint import Minter

        return Minter(self.base).iri(GRAPH)

    def part(self, graph: str, ntriples: bytes) -> Part:
        """The corpus graph's part: the union of the shards' lines NTRIPLES (`lines`), and their blocks and
        entities."""
        names = sorted(self.shards)
        entities = Entities()
        for name in names:
            entities.merge(self._json(name, "json"))
        trig = b"".join(self._read(name, "trig") for name in names)
        return Part(graph=graph, source="corpus", violations=[], tables={}, entities=entities.to_json(),
                    ntriples=ntriples, trig=trig)

    def save(self) -> None:
        """The record, then the files it no longer names go."""
        write_json(self.folder / RECORD, {"parts": self.parts, "shards": self.shards, "union": self.union,
                                          "repeated": {line.decode("utf-8"): n for line, n in self.repeated.items()}},
                   sort_keys=True)
        named = {f"{name}-{shard[0]}" for name, shard in self.shards.items()}
        for f in self.folder.glob("*-*.*"):
            if f.name.split(".")[0] not in named and not f.name.startswith("."):
                f.unlink(missing_ok=True)


class _Damaged(Exception):
    """A shard's file is missing or unreadable."""


def ahead(parts: Path, state: Path, base: str) -> Fresh:
    """The corpus stage of the parts in PARTS (the shards in STATE), in a process of its own started before
    the build knows its parts: it loads what it works with meanwhile (0.3-0.4 s), and is `send`-ed them."""
    return Fresh(__name__, str(parts), str(state), base, stdin=None, doing="making the corpus graph")


def send(process: Fresh, keys: list[str], previous: list[str], made: Path) -> None:
    """The parts to a process started `ahead`, which writes the graphs of the parts it saves, by key, into
    MADE once their lines are saved (`save_shared`), and ends once the parts are whole."""
    process.send(json.dumps([keys, list(previous), str(made)]).encode() + b"\n")


def _warm() -> None:
    """What the corpus stage works with, loaded: the reference data, the shapes, the modules."""
    from ..identity import corpus as _resolved  # noqa: F401 - imported for its cost
    from ..identity.reference import known_names, reference
    from ..rdf import corpus as _graphed  # noqa: F401
    from ..rdf.shapes import _prepared

    reference()
    known_names()
    _prepared()


if __name__ == "__main__":  # python -m dxkg.build.shared PARTS STATE BASE < [keys, previous, made] (a line)
    def _apart() -> None:
        _warm()
        line = sys.stdin.readline()
        if not line:
            return  # started ahead, and not needed
        keys, previous, made = json.loads(line)
        save_shared(Path(sys.argv[1]), keys, Path(sys.argv[2]), sys.argv[3], previous,
                    lambda graphs: write_json(Path(made), graphs))
    fresh_main(_apart)
