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
from pathlib import Path

from pyoxigraph import RdfFormat, parse

from ..lines import sorted_difference
from ..outputs.entities import Entities
from ..outputs.files import (
    atomic_write,
    keep_difference,
    sorted_ntriples,
    union_of_lines,
    write_json,
)
from .executor import fresh_main
from .part import Part, StateError, trig_block

SHARDS = 64  # of figures, and as many of posts; an article reports figures of a province or two, posts of a few bodies
CORPUS = "corpus graph: "  # what the corpus graph's violations begin with
FOLDER = "corpus"  # in OUT/.dxkg: the shards
RECORD = "shards.json"  # in FOLDER: the parts the shards hold (part key -> its shards) and each shard's digest


def save_shared(folder: Path, keys: list[str], state: Path, base: str, previous: list[str] = ()) -> list[str]:
    """The parts of the reference and corpus graphs of the articles' parts KEYS in FOLDER, saved there (the
    shards kept in STATE); their keys. The corpus graph is validated again only where it changed from the
    one among the PREVIOUS parts, if the reference graph beside it is the same."""
    from ..identity.reference import reference
    from ..rdf.mint import Minter
    from ..rdf.reference import reference_quads

    mint = Minter(base)
    ref = _keyed("reference", Part.of_ntriples(mint.iri(reference().identity), "reference",
                                               sorted_ntriples(reference_quads(reference(), mint))))
    shards = Shards(state / FOLDER, base)
    corpus = shards.graph(folder, keys)
    shards.save()
    before = next((k for k in previous if k.startswith("corpus-")), None) if ref[0] in previous else None
    corpus[1].violations = [f"{CORPUS}{v}" for v in _validate(corpus, ref[1], folder, before)]
    out = []
    for key, part in (ref, corpus):
        part.save(folder, key)
        out.append(key)
    return out


def _validate(corpus: tuple[str, Part], ref: Part, folder: Path, before: str | None) -> list:
    """The corpus graph's violations, validated with the reference graph beside it (its statistics point at
    its indicators): only where it changed from the part BEFORE, if there is one (what it changed by is
    then kept beside it, for the store and the Turtle: `differing_lines`)."""
    from ..rdf.shapes import Violation, revalidate_ntriples, validate_ntriples

    key, part = corpus
    if before:
        try:
            verdicts = [Violation.parse(v.removeprefix(CORPUS)) for v in Part.load(folder, before).violations]
            old = folder / f"{before}.nt"
            gone, came = sorted_difference(old.read_bytes().splitlines(), part.ntriples.splitlines())
            keep_difference(old, folder / f"{key}.nt", gone, came)
            return revalidate_ntriples(part.ntriples, {*gone, *came}, verdicts, beside=ref.ntriples).errors
        except (OSError, StateError):  # its part is gone
            pass
    return validate_ntriples(part.ntriples, beside=ref.ntriples).errors


def _keyed(name: str, part: Part) -> tuple[str, Part]:
    """A part with its key: NAME and a digest of its lines."""
    return f"{name}-{hashlib.sha256(part.ntriples).hexdigest()[:24]}", part


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
        except (OSError, ValueError, KeyError, TypeError):  # none yet, or unreadable: all made again
            self.parts, self.shards = {}, {}

    def graph(self, parts: Path, keys: list[str]) -> tuple[str, Part]:
        """The corpus graph of the parts KEYS (in PARTS), in that order: the shards brought up to date, and
        the union of their graphs."""
        try:
            self._update(parts, keys)
            return self._union()
        except _Damaged:
            self.parts, self.shards = {}, {}
            self._update(parts, keys)
            return self._union()

    def _update(self, parts: Path, keys: list[str]) -> None:
        gone = self.parts.keys() - set(keys)
        if len(gone) > len(self.parts) // 2 or not all(map(self._intact, self.shards)):
            self.parts, self.shards, gone = {}, {}, set()  # most went (a new extractor, another base): afresh
        came: dict[str, dict[str, list[dict]]] = {}  # shard -> part key -> its reports there
        for key in keys:
            if key not in self.parts:
                self.parts[key] = sorted(self._by_shard(key, Part.load(parts, key).corpus, came))
        touched = set(came) | {name for key in gone for name in self.parts.pop(key)}
        order = {key: i for i, key in enumerate(keys)}
        for name in sorted(touched):
            reports = {k: v for k, v in self._reports(name) if k not in gone} | came.get(name, {})
            self._make(name, sorted(reports.items(), key=lambda kv: order[kv[0]]))

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

    def _make(self, name: str, reports: list[tuple[str, list[dict]]]) -> None:
        """A shard's reports and its share of the corpus graph, saved; none if it holds no report."""
        if not reports:
            self.shards.pop(name, None)
            return
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

    def _union(self) -> tuple[str, Part]:
        from ..identity.corpus import GRAPH
        from ..rdf.mint import Minter

        names = sorted(self.shards)
        entities = Entities()
        for name in names:
            entities.merge(self._json(name, "json"))
        ntriples = union_of_lines(self._read(name, "nt") for name in names)
        trig = b"".join(self._read(name, "trig") for name in names)
        return _keyed("corpus", Part(graph=Minter(self.base).iri(GRAPH), source="corpus", violations=[], tables={},
                                     entities=entities.to_json(), ntriples=ntriples, trig=trig))

    def save(self) -> None:
        """The record, then the files it no longer names go."""
        write_json(self.folder / RECORD, {"parts": self.parts, "shards": self.shards}, sort_keys=True)
        named = {f"{name}-{shard[0]}" for name, shard in self.shards.items()}
        for f in self.folder.glob("*-*.*"):
            if f.name.split(".")[0] not in named and not f.name.startswith("."):
                f.unlink(missing_ok=True)


class _Damaged(Exception):
    """A shard's file is missing or unreadable."""


if __name__ == "__main__":  # the corpus stage apart: python -m dxkg.build.shared PARTS STATE BASE MADE < keys.json
    def _apart() -> None:
        keys, previous = json.load(sys.stdin)
        made = save_shared(Path(sys.argv[1]), keys, Path(sys.argv[2]), sys.argv[3], previous)
        Path(sys.argv[4]).write_text(json.dumps(made))
    fresh_main(_apart)
