"""Stage 6 of a build: the outputs, assembled from every article's cached part in one streamed pass.

Each article's worker leaves a `Part` in the build's state folder: the
article's named graph as sorted N-Triples, its SHACL verdict, its rows of the
CSV tables and its share of the entity graph. Assembling reads the parts one
at a time, in the order of the articles' file names, and

- writes the TriG as it goes (one graph per article),
- sorts and deduplicates the triples for the Turtle in sorted runs on disk,
  merged at the end,
- streams the observations table, gathers memberships and merges documents,
- merges the entity graph for the view, keeping only what the summary draws
  once there are more entities than a view can show.

Memory is bounded by the run size, the summary and the tables of officials and
documents, not by the number of triples; no output depends on the order in
which articles were extracted. Adding one article re-reads the parts, which
costs a fraction of extracting them again.
"""
from __future__ import annotations

import csv
import heapq
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize

from .export import TABLES, Tables, atomic_write, write_csv
from .graph import PREFIXES, RDF
from .project import Entities
from .view import SUMMARY_ABOVE, SUMMARY_CLASSES, write_view

RDF_TYPE = f"<{RDF}type>"


@dataclass
class Part:
    """What one article contributes to a build (the cache entry of `pipeline.State`)."""

    graph: str  # the IRI of the article's named graph
    source: str  # the article's file name
    ntriples: str  # its triples, distinct, one N-Triples line each, in byte order
    violations: list[str]
    tables: dict  # `export.table_rows` of the article
    entities: dict  # `project.Entities.to_json` of the article

    def save(self, path: Path) -> None:
        with atomic_write(path, "w") as f:
            json.dump(asdict(self), f, ensure_ascii=False)

    @classmethod
    def load(cls, path: Path) -> Part:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def sorted_ntriples(triples_nt: bytes) -> str:
    """Distinct N-Triples lines in byte order (code-point order of str is the same)."""
    lines = set(triples_nt.decode("utf-8").split("\n"))  # not splitlines(): U+2028 may sit inside a literal
    lines.discard("")
    return "".join(line + "\n" for line in sorted(lines))


class LineSorter:
    """Distinct lines in order with bounded memory: sorted runs spill to disk past `run` lines, then merge."""

    def __init__(self, folder: Path, run: int = 400_000):
        self.folder, self.run = folder, run
        self.lines: set[str] = set()
        self.runs: list[Path] = []

    def add(self, text: str) -> None:
        self.lines.update(text.split("\n"))
        self.lines.discard("")
        if len(self.lines) >= self.run:
            self._spill()

    def _spill(self) -> None:
        path = self.folder / f"run-{len(self.runs):05d}.nt"
        with path.open("w", encoding="utf-8", newline="\n") as f:
            f.writelines(line + "\n" for line in sorted(self.lines))
        self.runs.append(path)
        self.lines = set()

    def __iter__(self) -> Iterator[str]:
        if not self.runs:
            yield from (line + "\n" for line in sorted(self.lines))
            return
        if self.lines:
            self._spill()
        with ExitStack() as stack:
            runs = [stack.enter_context(p.open(encoding="utf-8", newline="\n")) for p in self.runs]
            previous = None
            for line in heapq.merge(*runs):
                if line != previous:
                    yield line
                    previous = line


@dataclass
class Assembled:
    articles: int = 0
    triples: int = 0
    classes: Counter = field(default_factory=Counter)  # distinct typed subjects by class name
    violations: list[str] = field(default_factory=list)


def write_outputs(parts: Iterable[Part], outdir: Path, scratch: Path, seconds: Counter | None = None) -> Assembled:
    """dxkg.trig, dxkg.ttl, the CSV tables and dxkg.html of the given parts, in their order."""
    import time

    seconds = Counter() if seconds is None else seconds
    done = Assembled()
    work = Path(tempfile.mkdtemp(prefix=".assemble.", suffix=".tmp", dir=scratch))
    try:
        start = time.perf_counter()
        sorter, tables, entities = LineSorter(work), Tables(), Entities()
        with atomic_write(outdir / "observations.csv", "w") as obs, atomic_write(outdir / "dxkg.trig") as trig:
            observations = csv.writer(obs, lineterminator="\n")
            observations.writerow(TABLES["observations"])

            def quads():
                for part in parts:
                    done.articles += 1
                    done.violations += part.violations
                    sorter.add(part.ntriples)
                    observations.writerows(part.tables["observations"])
                    tables.merge(part.tables)
                    entities.merge(part.entities)
                    if entities.kept is None and len(entities.seen) > SUMMARY_ABOVE:
                        entities.keep_only(SUMMARY_CLASSES + ("Organization", "SteeringCommittee"))
                    yield from parse(f"<{part.graph}> {{\n{part.ntriples}}}\n", format=RdfFormat.TRIG)

            serialize(quads(), trig, RdfFormat.TRIG, prefixes=PREFIXES)
        seconds["trig"] += time.perf_counter() - start
        start = time.perf_counter()
        merged = work / "merged.nt"
        with merged.open("w", encoding="utf-8", newline="\n") as f:
            for line in sorter:
                f.write(line)
                done.triples += 1
                s, p, rest = line.split(" ", 2)
                if p == RDF_TYPE:
                    done.classes[rest[1:-4].rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += 1
        with atomic_write(outdir / "dxkg.ttl") as f:
            serialize(parse(path=str(merged), format=RdfFormat.N_TRIPLES), f, RdfFormat.TURTLE, prefixes=PREFIXES)
        seconds["turtle"] += time.perf_counter() - start
        start = time.perf_counter()
        for name, rows in tables.rows().items():
            write_csv(outdir / f"{name}.csv", TABLES[name], rows)
        seconds["tables"] += time.perf_counter() - start
        start = time.perf_counter()
        write_view(entities.graph(), outdir / "dxkg.html", title="dxkg", total=len(entities.seen))
        seconds["view"] += time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return done
