"""Stage 6 of a build: the outputs, assembled from every article's cached part.

Each article's worker leaves a `Part` in the build's state folder: the
article's named graph as sorted N-Triples (for the Turtle) and as a TriG
block, its SHACL verdict, its rows of the CSV tables and its share of the
entity graph. Assembling reads the parts in the order of the articles' file
names, merged in kept chunks of consecutive parts (`chunks`), and

- writes the TriG as the concatenation of the blocks,
- streams the observations table, gathers memberships and merges documents,
- merges the entity graph for the view, keeping only what the summary draws
  once there are more entities than a view can show,

while a helper process sorts and deduplicates the triples for the Turtle in
sorted runs on disk, merged at the end, and the reference and corpus graphs
are made beside the articles' (`shared`). Memory is bounded by the run size,
the summary and the tables of officials and documents, not by the number of
triples; no output depends on the order in which articles were extracted.
Adding one article makes one chunk again and reads the others.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from ..outputs import view
from ..outputs.entities import Entities
from ..outputs.facts import local_name
from ..outputs.files import atomic_write, copy_into, write_csv
from ..outputs.tables import TABLES, Tables, safe_rows
from . import chunks, shared, turtle
from .executor import APART, Fresh, pool
from .part import Part

OUTPUTS = ("dxkg.ttl", "void.ttl", "dxkg.trig", "dxkg.html", "observations.csv", "memberships.csv", "documents.csv")


@dataclass
class Assembled:
    articles: int = 0
    triples: int = 0
    classes: Counter = field(default_factory=Counter)  # distinct typed subjects by class name
    violations: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)  # the keys of the parts of the graphs beside the articles'


def write_outputs(folder: Path, keys: list[str], outdir: Path, scratch: Path, base: str, jobs: int = 1,
                  seconds: Counter | None = None, previous: list[str] = (),
                  beside: Callable[[dict[str, str] | None], None] | None = None, corpus: Fresh | None = None) -> Assembled:
    """dxkg.trig, dxkg.ttl, the CSV tables and dxkg.html of the parts `keys` in `folder`, in that order, with
    the reference and corpus graphs (saved as parts beside them: `Assembled.graphs`; PREVIOUS, the keys of
    those the outputs were last written with). When the corpus graph is made apart, BESIDE is called with None
    as that begins, and with their graphs by key as soon as their lines are saved (while the tables, the view
    and the Turtle are written). CORPUS: the corpus stage's process, started `shared.ahead` (for as many parts
    as make it a process of its own, one is started here if not)."""
    seconds = Counter() if seconds is None else seconds
    done = Assembled()
    work = Path(tempfile.mkdtemp(prefix=".assemble.", suffix=".tmp", dir=scratch))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        helper = None
        if jobs > 1:  # the Turtle's sort and merge, beside the rest; forked now, while this process is small
            helper = stack.enter_context(pool(1))
            # the articles' lines sorted while the tables and the corpus graph are made
            begun = helper.submit(turtle.begin, folder, keys, scratch, outdir, work)
        start = time.perf_counter()
        tables, entities = Tables(), Entities()
        graphs: list[tuple[str, str]] = []  # (key, graph IRI) of every part, in order
        made = work / "shared.json"  # the graphs of the parts of the reference and corpus graphs, by key
        kept = scratch / chunks.FOLDER
        stems = []  # of the chunks, in order
        named = []  # the groups
        lines_made: dict[str, str] = {}  # key -> graph of the reference and corpus graphs' parts made apart
        ttl = None  # the Turtle's writing, once begun

        def corpus_lines(wait: bool = False) -> None:
            """Once the corpus stage has saved the lines of its parts (WAIT: when it has), their graphs given to
            BESIDE at once: the store takes the corpus graph while the rest of its part is made, and while the
            tables are still written, if they take longer. So too the Turtle, patched, in an incremental build
            (made again, beside the corpus stage, the two took a full build past 1 GB); it reads the
            graphs of the articles it does not hold yet from their parts."""
            nonlocal ttl
            while not lines_made:
                if made.exists():
                    lines_made.update(json.loads(made.read_text()))
                    if beside:
                        beside(lines_made)
                        if helper:
                            ttl = helper.submit(turtle.write, folder, dict.fromkeys(keys) | lines_made, outdir,
                                                scratch, work, base, begun=keys)
                elif corpus.done():
                    corpus.wait()  # its failure, raised
                    if not made.exists():
                        raise RuntimeError("the corpus stage ended without saving its graphs")
                elif not wait:
                    return
                else:
                    time.sleep(0.005)

        with ExitStack() as apart:
            if len(keys) >= APART:  # the corpus graph in a process of its own, while the tables are written
                corpus = corpus or apart.enter_context(shared.ahead(folder, scratch, base))
                shared.send(corpus, keys, previous, made)
                if beside:
                    beside(None)
            with atomic_write(outdir / "observations.csv") as obs:
                obs.write(chunks.header("observations"))
                for runs in chunks.groups(keys):
                    if len(keys) >= APART:
                        corpus_lines()
                    group, name = chunks.Group.of(folder, kept, runs)
                    named.append(name)
                    done.articles += group.articles
                    done.violations += group.violations
                    tables.merge(group.tables)
                    entities.merge(group.summary)
                    graphs += [(key, graph) for key, graph in group.graphs]
                    for chunk, _sizes in group.chunks:
                        stems.append(kept / chunk)
                        with open(kept / f"{chunk}.csv", "rb") as rows:
                            copy_into(obs, rows)
            with atomic_write(outdir / "memberships.csv") as f:  # each row as its chunk wrote it, put in order
                f.write(chunks.header("memberships"))
                f.write("".join(line for _, line in sorted(tables.memberships, key=itemgetter(0))).encode("utf-8"))
            write_csv(outdir / "documents.csv", TABLES["documents"], safe_rows(tables.document_rows()))
            if len(entities.seen) > view.SUMMARY_ABOVE:
                entities.keep_only(view.SUMMARY_KEEPS)
            else:  # a view of every entity
                entities = Entities()
                for stem in stems:
                    entities.merge(json.loads(Path(f"{stem}.entities.json").read_bytes()))
            seconds["tables"] += time.perf_counter() - start
            start = time.perf_counter()
            # the articles' TriG blocks, while the corpus graph is made; its block and the reference graph's after
            # (renamed into place when the stack closes)
            trig = stack.enter_context(atomic_write(outdir / "dxkg.trig"))
            trig.write(turtle.prefix_header())
            for stem in stems:
                with open(f"{stem}.trig", "rb") as blocks:
                    copy_into(trig, blocks)
            seconds["trig"] += time.perf_counter() - start
            start = time.perf_counter()
            if len(keys) >= APART:
                corpus_lines(wait=True)
                corpus.wait()
        for key in shared.save_shared(folder, keys, scratch, base, previous) if len(keys) < APART else lines_made:
            part = Part.load(folder, key)
            done.violations += part.violations
            view.add_share(entities, part.entities)
            done.graphs.append(key)
            graphs.append((key, part.graph))
        seconds["corpus"] += time.perf_counter() - start
        if helper and not ttl:
            ttl = helper.submit(turtle.write, folder, dict(graphs), outdir, scratch, work, base, begun=keys)
        start = time.perf_counter()
        for key, graph in graphs[-len(done.graphs):]:  # the reference and corpus graphs
            trig.write(f"<{graph}> {{\n".encode("utf-8"))
            with open(folder / f"{key}.trig", "rb") as block:
                copy_into(trig, block)
            trig.write(b"}\n")
        chunks.forget_others(kept, named + [stem.name for stem in stems])
        seconds["trig"] += time.perf_counter() - start
        start = time.perf_counter()
        view.write_entities(entities, outdir / "dxkg.html", title="dxkg")
        seconds["view"] += time.perf_counter() - start
        if helper:
            stats, took = ttl.result()
            took += begun.result()
        else:
            stats, took = turtle.write(folder, dict(graphs), outdir, scratch, work, base)
        seconds["turtle"] += took
        done.triples = stats.triples
        for cls, n in stats.classes.items():
            done.classes[local_name(cls)] += n
    return done
