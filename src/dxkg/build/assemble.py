"""Stage 6 of a build: the outputs, assembled from every article's cached part.

Each article's worker leaves a `Part` in the build's state folder: the
article's named graph as sorted N-Triples (for the Turtle) and as a TriG
block, its SHACL verdict, its rows of the CSV tables and its share of the
entity graph. Assembling reads the parts in the order of the articles' file
names and

- writes the TriG as the concatenation of the blocks,
- streams the observations table, gathers memberships and merges documents,
- merges the entity graph for the view, keeping only what the summary draws
  once there are more entities than a view can show,

while a helper process sorts and deduplicates the triples for the Turtle in
sorted runs on disk, merged at the end. Memory is bounded by the run size,
the summary and the tables of officials and documents, not by the number of
triples; no output depends on the order in which articles were extracted.
Adding one article re-reads the parts: a small fraction of extracting them.
"""
from __future__ import annotations

import csv
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize

from ..outputs import view
from ..outputs.entities import Entities
from ..outputs.facts import local_name
from ..outputs.files import atomic_write, sorted_lines, sorted_ntriples, write_csv
from ..outputs.tables import TABLES, Tables, safe_rows
from ..rdf.vocab import PREFIXES
from . import turtle
from .executor import APART, Fresh, fresh_main, give_back_memory, pool


@dataclass
class Part:
    """What one article contributes to a build (the cache entry of `pipeline.State`)."""

    graph: str  # the IRI of the article's named graph
    source: str  # the article's file name
    violations: list[str]
    tables: dict  # `outputs.tables.table_rows` of the article
    entities: dict  # `outputs.entities.Entities.to_json` of the article
    ntriples: bytes = b""  # its triples, distinct, one N-Triples line each, in order (saved beside, as .nt)
    trig: bytes = b""  # its graph as the body of a TriG block, UTF-8 (saved beside, as .trig)
    corpus: dict = field(default_factory=dict)  # what it tells the corpus stage (`rdf.corpus.share`)

    @classmethod
    def of(cls, graph: str, source: str, quads: list, **more) -> Part:
        """The part of a graph's quads: its distinct triples, in the order of their N-Triples lines."""
        return cls.of_ntriples(graph, source, sorted_ntriples(quads), **more)

    @classmethod
    def of_ntriples(cls, graph: str, source: str, ntriples: bytes, **more) -> Part:
        """The part of a graph given as distinct N-Triples lines in byte order (`sorted_ntriples`)."""
        return cls(graph=graph, source=source, violations=[], tables=more.pop("tables", {}),
                   entities=more.pop("entities", None) or Entities().to_json(), **more,
                   ntriples=ntriples, trig=trig_block(parse(ntriples, format=RdfFormat.N_TRIPLES)))

    def save(self, folder: Path, key: str) -> None:
        """The .json last: its presence means the part is whole."""
        for suffix, data in (("nt", self.ntriples), ("trig", self.trig)):
            with atomic_write(folder / f"{key}.{suffix}") as f:
                f.write(data)
        meta = {k: v for k, v in asdict(self).items() if k not in ("ntriples", "trig")}
        with atomic_write(folder / f"{key}.json", "w") as f:
            json.dump(meta, f, ensure_ascii=False)

    @classmethod
    def load(cls, folder: Path, key: str) -> Part:
        """The part without its graph (read from the files beside it only where needed)."""
        path = folder / f"{key}.json"
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as e:
            path.unlink(missing_ok=True)  # the next build extracts the article again
            raise StateError(f"{path}: a cached part is unreadable ({e}); run the build again") from None


class StateError(Exception):
    """The state beside a build cannot be used as it is; str() says what to do."""


def trig_block(triples: Iterable) -> bytes:
    """The body of an article's TriG block: its triples as prefixed Turtle, indented, without the prefixes."""
    text = serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return b"".join(b"\t" + line + b"\n" for line in text.split(b"\n") if line and not line.startswith(b"@prefix "))


OUTPUTS = ("dxkg.ttl", "void.ttl", "dxkg.trig", "dxkg.html", "observations.csv", "memberships.csv", "documents.csv")


@dataclass
class Assembled:
    articles: int = 0
    triples: int = 0
    classes: Counter = field(default_factory=Counter)  # distinct typed subjects by class name
    violations: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)  # the keys of the parts of the graphs beside the articles'


def write_outputs(folder: Path, keys: list[str], outdir: Path, scratch: Path, base: str, jobs: int = 1,
                  seconds: Counter | None = None, previous: list[str] = ()) -> Assembled:
    """dxkg.trig, dxkg.ttl, the CSV tables and dxkg.html of the parts `keys` in `folder`, in that order, with
    the reference and corpus graphs (saved as parts beside them: `Assembled.graphs`; PREVIOUS, the keys of
    those the outputs were last written with)."""
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
        shares = Shares() if len(keys) < APART else None  # else the corpus graph is made apart, reading them
        graphs: list[tuple[str, str]] = []  # (key, graph IRI) of every part, in order
        made = work / "shared.json"  # the keys of the parts of the reference and corpus graphs
        with ExitStack() as apart:
            if shares is None:  # in a process of its own, while the tables are written
                apart.enter_context(Fresh(__name__, str(folder), base, str(made),
                                          stdin=json.dumps([keys, list(previous)]).encode(),
                                          doing=f"making the corpus graph of {len(keys):,} articles"))
            with atomic_write(outdir / "observations.csv", "w") as obs:
                observations = csv.writer(obs, lineterminator="\n")
                observations.writerow(TABLES["observations"])
                for key in keys:
                    part = Part.load(folder, key)
                    done.articles += 1
                    done.violations += part.violations
                    observations.writerows(safe_rows(part.tables["observations"]))
                    tables.merge(part.tables)
                    view.add_share(entities, part.entities)
                    if shares is not None:
                        shares.add(part.corpus)
                    graphs.append((key, part.graph))
            for name, rows in tables.rows().items():
                write_csv(outdir / f"{name}.csv", TABLES[name], safe_rows(rows))
            seconds["tables"] += time.perf_counter() - start
            start = time.perf_counter()
        for key in (save_shared(folder, shares, base, previous) if shares is not None
                    else json.loads(made.read_text())):
            part = Part.load(folder, key)
            done.violations += part.violations
            view.add_share(entities, part.entities)
            done.graphs.append(key)
            graphs.append((key, part.graph))
        seconds["corpus"] += time.perf_counter() - start
        if helper:
            ttl = helper.submit(turtle.write, folder, dict(graphs), outdir, scratch, work, base, begun=keys)
        start = time.perf_counter()
        with atomic_write(outdir / "dxkg.trig", "w") as trig:
            trig.write(turtle.prefix_header().decode("utf-8"))
            for key, graph in graphs:
                trig.write(f"<{graph}> {{\n")
                trig.write((folder / f"{key}.trig").read_text(encoding="utf-8"))
                trig.write("}\n")
        seconds["trig"] += time.perf_counter() - start
        start = time.perf_counter()
        view.write_view(entities.graph(), outdir / "dxkg.html", title="dxkg", total=len(entities.seen))
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


class Shares:
    """What the articles tell the corpus stage, gathered from their parts."""

    def __init__(self) -> None:
        self.kinds: dict[str, list[dict]] = {}

    def add(self, share: dict) -> None:
        for kind, values in share.items():
            self.kinds.setdefault(kind, []).extend(values)


def save_shared(folder: Path, shares: Shares, base: str, previous: list[str] = ()) -> list[str]:
    """The parts of the reference and corpus graphs (`shared_parts`) saved in FOLDER; their keys."""
    keys = []
    for key, part in shared_parts(shares, base, folder, previous):
        part.save(folder, key)
        keys.append(key)
    return keys


def _save_shared_apart(folder: Path, keys: list[str], previous: list[str], base: str, made: Path) -> None:
    """`save_shared` of the parts KEYS, in a process of its own; their keys written to MADE."""
    shares = Shares()
    for key in keys:
        shares.add(Part.load(folder, key).corpus)
    made.write_text(json.dumps(save_shared(folder, shares, base, previous)))


def shared_parts(shares: Shares, base: str, folder: Path | None = None, previous: list[str] = ()
                 ) -> list[tuple[str, Part]]:
    """The parts of the reference graph and the corpus graph, each keyed by a digest of its text (SHARES are
    consumed: at 10,000 articles they, the corpus records and its quads each take hundreds of MB, so none
    outlives its use). The corpus graph is validated again only where it changed from the one among the
    PREVIOUS parts in FOLDER, if the reference graph beside it is the same."""
    from ..identity.corpus import resolve
    from ..identity.reference import known_names, reference
    from ..rdf.corpus import corpus_quads, reference_documents, shares_of
    from ..rdf.mint import Minter
    from ..rdf.reference import reference_quads
    from ..rdf.shapes import Violation, revalidate_ntriples, validate_ntriples

    mint = Minter(base)
    ref = reference()
    data = shares_of({**shares.kinds, "documents": shares.kinds.get("documents", []) +
                      reference_documents(ref.documents, known_names(), mint)})
    shares.kinds.clear()
    corpus = resolve(data["figures"], data["posts"], data["documents"])
    del data
    out = [_shared_part("reference", mint.iri(ref.identity), reference_quads(ref, mint), view=False)]
    out.append(_shared_part("corpus", mint.iri(corpus.identity), corpus_quads(corpus, mint), view=True))
    # validated with the reference graph beside it: the corpus graph's statistics point at its indicators
    data, beside = out[-1][1].ntriples, out[0][1].ntriples
    before = next((k for k in previous if k.startswith("corpus-")), None) if out[0][0] in previous else None
    report = None
    if folder and before:
        try:
            verdicts = [Violation.parse(v.removeprefix(CORPUS)) for v in Part.load(folder, before).violations]
            report = revalidate_ntriples(data, (folder / f"{before}.nt").read_bytes(), verdicts, beside=beside)
        except (OSError, StateError):  # its part is gone
            pass
    if report is None:
        report = validate_ntriples(data, beside=beside)
    out[-1][1].violations = [f"{CORPUS}{v}" for v in report.errors]
    return out


CORPUS = "corpus graph: "  # what the corpus graph's violations begin with


def _shared_part(name: str, graph: str, quads: list, view: bool) -> tuple[str, Part]:
    import hashlib

    # the view draws what the articles and the corpus say, not the whole gazetteer and scheme
    share = Entities.of(quads).to_json() if view else None
    text = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)
    # made for this part: at 10,000 articles 200 MB, given back before its lines are sorted (the sort's
    # 260 MB on top of them was the corpus stage's peak) and its TriG written
    quads.clear()
    give_back_memory()  # their terms are the C library's, and the lines sorted next are Python's
    ntriples = sorted_lines(text)
    del text
    part = Part.of_ntriples(graph, name, ntriples, entities=share)
    return f"{name}-{hashlib.sha256(part.ntriples).hexdigest()[:24]}", part


if __name__ == "__main__":  # the corpus stage apart: python -m dxkg.build.assemble PARTS BASE MADE < keys.json
    fresh_main(lambda: _save_shared_apart(Path(sys.argv[1]), *json.load(sys.stdin), sys.argv[2], Path(sys.argv[3])))
