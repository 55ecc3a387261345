"""Runs of consecutive parts, each with what its articles give the tables, the view and the TriG merged once
and kept (`Chunk`, in `OUT/.dxkg/chunks/`), and groups of consecutive runs with their chunks' tables and
summary merged again (`Group`): assembling 10,000 articles reads some ten groups and the observation rows
and TriG blocks of 160 chunks instead of 10,000 parts, and an added, edited or removed article makes one
chunk and one group again.

Where a run ends is decided by its last key (content-defined, as rsync cuts files), or by its length once
it is twice as long as most: a key added or removed changes the run it falls in, and the runs after it only
up to the next one a key ends; a group ends at a run whose last key says so too, or at GROUP_MOST runs (new
articles, named after the others as crawls name them, fall in the last run and group, which no key closes). A chunk or a group is named by a digest of its keys, and a chunk's files are written before the .json
that says they are whole.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

from ..outputs import view
from ..outputs.entities import Entities
from ..outputs.files import atomic_write, write_json
from ..outputs.tables import TABLES, Tables, safe_rows, written_memberships
from .part import Part

SIZE = 64  # parts a chunk holds, on average, and at most twice as many
GROUP = 16  # chunks a group holds, on average, and at most GROUP_MOST
GROUP_MOST = 16
FOLDER = "chunks"  # in OUT/.dxkg


def runs(keys: list[str]) -> list[list[str]]:
    """KEYS (in order) cut into runs, each ending at a key whose checksum says so."""
    out: list[list[str]] = [[]]
    for key in keys:
        out[-1].append(key)
        if zlib.crc32(key.encode("utf-8")) % SIZE == 0 or len(out[-1]) == 2 * SIZE:
            out.append([])
    return [run for run in out if run]


def groups(keys: list[str]) -> list[list[list[str]]]:
    """The runs of KEYS (`runs`) in groups, each ending at a run whose last key's checksum says so."""
    out: list[list[list[str]]] = [[]]
    for run in runs(keys):
        out[-1].append(run)
        if zlib.crc32(run[-1].encode("utf-8")) % (SIZE * GROUP) == 0 or len(out[-1]) == GROUP_MOST:
            out.append([])
    return [group for group in out if group]


def header(table: str) -> bytes:
    """The first line of TABLE's CSV file."""
    return _csv([TABLES[table]])


def _csv(rows) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")


@dataclass
class Chunk:
    """What a run of parts gives the outputs, merged in their order."""

    articles: int
    violations: list[str]
    graphs: list[list[str]]  # [part key, graph IRI] of each part
    tables: dict  # the memberships' rows as written (`written_memberships`), and the documents' merged (`Tables`)
    summary: dict  # the entities a summary view draws (`Entities.to_json`), and every other one's IRI ("seen")
    sizes: list[int]  # of its files beside: the observations' rows (.csv), the TriG blocks, every entity's share

    SUFFIXES = ("csv", "trig", "entities.json")

    @classmethod
    def of(cls, parts: Path, folder: Path, keys: list[str]) -> tuple[Chunk, Path]:
        """The chunk of the parts KEYS (in PARTS), kept in FOLDER: read, or made and saved; and its path
        without suffix."""
        stem = folder / _digest(keys)
        try:
            chunk = cls(**json.loads((stem.with_suffix(".json")).read_bytes()))
            if _sizes(stem) == chunk.sizes:
                return chunk, stem
        except (OSError, ValueError, TypeError):  # not made yet, or damaged: made again
            pass
        return cls.make(parts, stem, keys), stem

    @classmethod
    def make(cls, parts: Path, stem: Path, keys: list[str]) -> Chunk:
        tables, entities = Tables(), Entities()
        violations, graphs, rows, trig = [], [], [], []
        for key in keys:
            part = Part.load(parts, key)
            violations += part.violations
            graphs.append([key, part.graph])
            rows += part.tables["observations"]
            tables.merge(part.tables)
            entities.merge(part.entities)
            trig += [f"<{part.graph}> {{\n".encode("utf-8"), (parts / f"{key}.trig").read_bytes(), b"}\n"]
        tables.memberships = written_memberships(tables.memberships)
        whole = json.dumps(entities.to_json(), ensure_ascii=False).encode("utf-8")
        entities.keep_only(view.SUMMARY_KEEPS)
        files = (_csv(safe_rows(rows)), b"".join(trig), whole)
        for suffix, data in zip(cls.SUFFIXES, files):
            with atomic_write(Path(f"{stem}.{suffix}")) as f:
                f.write(data)
        chunk = cls(len(keys), violations, graphs, _tables(tables), _summary(entities), [len(data) for data in files])
        _save(chunk, stem.with_suffix(".json"))
        return chunk


@dataclass
class Group:
    """What a group of consecutive runs gives the outputs: its chunks' tables and summaries merged once more
    (as `Chunk`), and each chunk's name and the sizes of its files (whose rows and blocks are copied from them)."""

    articles: int
    violations: list[str]
    graphs: list[list[str]]
    tables: dict
    summary: dict
    chunks: list[list]  # [name, sizes of its files] of each chunk, in order

    @classmethod
    def of(cls, parts: Path, folder: Path, runs: list[list[str]]) -> tuple[Group, str]:
        """The group of the runs RUNS of parts (in PARTS), kept in FOLDER: read (its chunks' files whole), or
        made from its chunks and saved; and its name."""
        name = f"group-{_digest([key for run in runs for key in run])}"
        path = folder / f"{name}.json"
        try:
            group = cls(**json.loads(path.read_bytes()))
            if all(_sizes(folder / chunk) == sizes for chunk, sizes in group.chunks):
                return group, name
        except (OSError, ValueError, TypeError):  # not made yet, or damaged: made again
            pass
        tables, entities = Tables(), Entities()
        group = cls(0, [], [], {}, {}, [])
        for run in runs:
            chunk, stem = Chunk.of(parts, folder, run)
            group.articles += chunk.articles
            group.violations += chunk.violations
            group.graphs += chunk.graphs
            tables.merge(chunk.tables)
            entities.merge(chunk.summary)
            group.chunks.append([stem.name, chunk.sizes])
        group.tables, group.summary = _tables(tables), _summary(entities)
        _save(group, path)
        return group, name


def _tables(tables: Tables) -> dict:
    """The memberships' rows and the documents merged, as kept."""
    return {"memberships": tables.memberships, "documents": list(tables.documents.values())}


def _summary(entities: Entities) -> dict:
    """The entities a summary view draws (`Entities.to_json`), and every other one's IRI ("seen")."""
    return {**entities.to_json(), "seen": sorted(entities.seen - entities.kinds.keys())}


def _save(kept: Chunk | Group, path: Path) -> None:
    write_json(path, {f.name: getattr(kept, f.name) for f in fields(kept)})  # not `asdict`, which copies each value


def _digest(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:24]


def _sizes(stem: Path) -> list[int]:
    """The sizes of a chunk's files (OSError if one is missing)."""
    return [Path(f"{stem}.{suffix}").stat().st_size for suffix in Chunk.SUFFIXES]


def forget_others(folder: Path, kept: list[str]) -> None:
    """The chunks and groups of earlier builds go (KEPT: the names of those of this one)."""
    keep = set(kept)
    for f in folder.glob("*"):
        if f.name.split(".")[0] not in keep and not f.name.startswith("."):
            f.unlink(missing_ok=True)
