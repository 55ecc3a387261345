"""The build: read -> clean -> extract -> resolve -> graph -> export, for a batch of files.

One bad file never stops the batch: it is reported with its reason and skipped.

Builds are incremental and parallel. Each article's named graph is cached
in `OUTDIR/.dxkg/articles/` under a key made of the file's name, its bytes
and a fingerprint of the extractor (its version and every lexicon), with the
article's SHACL verdict beside it. A build re-extracts only articles whose
key it has not seen, on `jobs` worker processes, then assembles the outputs
from the cached graphs. Cache files and outputs are written atomically and
the manifest last, so a build killed at any point leaves the previous
outputs and state usable, and the next build completes from what is there.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse, serialize

from . import __version__
from .clean import clean
from .export import atomic_write, write_rdf, write_tables, write_turtle
from .extract import extract
from .extract.metadata import annotate
from .graph import A, article_quads
from .model import Extraction
from .read import ReadError, find_inputs, read, read_bytes
from .resolve import DEFAULT_BASE, Minter

STATE = ".dxkg"


@dataclass
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildResult:
    quads: list[Quad] = field(default_factory=list)
    articles: int = 0
    extracted: int = 0  # articles extracted in this run (the others came from the cache)
    skipped: list[Skipped] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=Counter)

    def classes(self) -> Counter:
        """Entities by class (distinct subjects), for the build summary."""
        seen = {(str(q.subject), str(q.object)) for q in self.quads if q.predicate == A}
        return Counter(o.rsplit("#", 1)[-1].rsplit("/", 1)[-1].rstrip(">") for _s, o in seen)

    def triple_count(self) -> int:
        return len({(str(q.subject), str(q.predicate), str(q.object)) for q in self.quads})

    @property
    def conforms(self) -> bool:
        return not self.violations


def process(path: Path) -> Extraction:
    raw = read(path)
    article, page = clean(raw)
    if not article.text.strip():
        raise ReadError("no article text after removing page furniture")
    annotate(article, page, raw)
    return extract(article)


@cache
def fingerprint() -> str:
    """Changes whenever extraction could change: the version and every lexicon and shape."""
    h = hashlib.sha256(__version__.encode())
    for folder in ("data", "ontology"):
        for f in sorted(files("dxkg").joinpath(folder).iterdir(), key=lambda f: f.name):
            if f.is_file():
                h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:16]


def article_key(path: Path, base: str) -> str:
    """The cache key of one input file; raises ReadError for a file that cannot be read."""
    h = hashlib.sha256(f"{fingerprint()}|{base}|{path.name}|".encode() + read_bytes(path))
    return h.hexdigest()[:32]


def extract_one(path: str, base: str, check: bool) -> tuple[bytes, list[str], float, float]:
    """Worker: one file -> its named graph as N-Quads, its SHACL violations, and the time of each step."""
    start = time.perf_counter()
    ex = process(Path(path))
    quads = article_quads(ex, Minter(base))
    nq = serialize(quads, format=RdfFormat.N_QUADS)
    mid = time.perf_counter()
    violations = []
    if check:
        from .validate import validate

        ttl = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES).decode("utf-8")
        violations = [f"{Path(path).name}: {v}" for v in validate(ttl, "nt").errors]
    return nq, violations, mid - start, time.perf_counter() - mid


def _work(job: tuple[str, str, bool]) -> tuple[str, bytes | None, list[str], str | None, float, float]:
    path, base, check = job
    try:
        nq, violations, t_extract, t_validate = extract_one(path, base, check)
        return path, nq, violations, None, t_extract, t_validate
    except ReadError as e:
        return path, None, [], str(e), 0.0, 0.0
    except Exception as e:  # noqa: BLE001 - one article's failure must not stop the batch
        return path, None, [], f"internal error while extracting ({type(e).__name__}: {e})", 0.0, 0.0


class State:
    """The cache of article graphs beside the outputs, and the manifest of the last build."""

    def __init__(self, outdir: Path):
        self.root = outdir / STATE
        self.articles = self.root / "articles"
        self.manifest_path = self.root / "manifest.json"

    def cached(self, key: str) -> tuple[bytes, list[str]] | None:
        nq, verdict = self.articles / f"{key}.nq", self.articles / f"{key}.json"
        if nq.exists() and verdict.exists():
            return nq.read_bytes(), json.loads(verdict.read_text(encoding="utf-8"))["violations"]
        return None

    def store(self, key: str, nq: bytes, violations: list[str]) -> None:
        with atomic_write(self.articles / f"{key}.nq") as f:
            f.write(nq)
        with atomic_write(self.articles / f"{key}.json", "w") as f:
            json.dump({"violations": violations}, f, ensure_ascii=False)

    def manifest(self) -> dict[str, str]:
        if not self.manifest_path.exists():
            return {}
        return json.loads(self.manifest_path.read_text(encoding="utf-8")).get("articles", {})

    def save(self, articles: dict[str, str]) -> None:
        with atomic_write(self.manifest_path, "w") as f:
            json.dump({"fingerprint": fingerprint(), "articles": dict(sorted(articles.items()))}, f,
                      ensure_ascii=False, indent=1)
        keep = set(articles.values())
        for f in self.articles.glob("*"):  # graphs no input refers to any more
            if f.name.split(".")[0] not in keep:
                f.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def build(inputs: list[Path], outdir: Path | None = None, base: str = DEFAULT_BASE, jobs: int | None = None,
          rebuild: bool = False, check: bool = True, progress: Callable[[Path], None] | None = None) -> BuildResult:
    """Build the inputs; with `outdir`, reuse and update the cache beside it and write the outputs."""
    result = BuildResult()
    state = State(outdir) if outdir else None
    if state and rebuild:
        state.clear()
    if outdir and outdir.exists():
        for stale in [*outdir.glob(".*.tmp"), *outdir.glob(f"{STATE}/**/.*.tmp")]:
            stale.unlink(missing_ok=True)  # left by a build that was killed while writing
    start = time.perf_counter()
    keys: dict[Path, str] = {}
    graphs: dict[Path, bytes] = {}
    todo: list[Path] = []
    for path in find_inputs(inputs):
        try:
            keys[path] = article_key(path, base)
        except ReadError as e:
            result.skipped.append(Skipped(path, str(e)))
            if progress:
                progress(path)
            continue
        hit = state.cached(keys[path]) if state else None
        if hit:
            graphs[path], violations = hit
            result.violations += violations
            if progress:
                progress(path)
        else:
            todo.append(path)
    result.seconds["read"] += time.perf_counter() - start
    for path, nq, violations, error, t_extract, t_validate in _run(todo, base, check, jobs):
        result.seconds["extract"] += t_extract
        result.seconds["validate"] += t_validate
        if error:
            result.skipped.append(Skipped(Path(path), error))
            keys.pop(Path(path), None)
        else:
            graphs[Path(path)] = nq
            result.violations += violations
            result.extracted += 1
            if state:
                state.store(keys[Path(path)], nq, violations)
        if progress:
            progress(Path(path))
    start = time.perf_counter()
    for path in sorted(graphs):
        result.quads += parse(graphs[path], format=RdfFormat.N_QUADS)
    result.articles = len(graphs)
    result.seconds["graph"] += time.perf_counter() - start
    if outdir and graphs:
        write_outputs(result.quads, outdir, result.seconds)
        state.save({str(p): keys[p] for p in graphs})
    return result


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a worker whose build was killed ends too, instead of lingering."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _run(todo: list[Path], base: str, check: bool, jobs: int | None):
    jobs = jobs or os.cpu_count() or 1
    work = [(str(p), base, check) for p in todo]
    if jobs <= 1 or len(work) <= 1:
        yield from map(_work, work)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        yield from pool.map(_work, work, chunksize=max(1, min(32, len(work) // (jobs * 8))))


def write_outputs(quads: list[Quad], outdir: Path, seconds: dict[str, float] | None = None) -> None:
    """Every output of a build: the graph, the dataset by article, the CSV tables, the view."""
    from .store import from_quads
    from .view import write_view

    seconds = {} if seconds is None else seconds
    start = time.perf_counter()
    write_turtle(quads, outdir / "dxkg.ttl")
    seconds["turtle"] = seconds.get("turtle", 0.0) + time.perf_counter() - start
    write_rdf(quads, outdir / "dxkg.trig", RdfFormat.TRIG)
    store = from_quads(quads)
    write_tables(store, outdir)
    seconds["export"] = seconds.get("export", 0.0) + time.perf_counter() - start
    start = time.perf_counter()
    write_view(store, outdir / "dxkg.html", title="dxkg")
    seconds["view"] = seconds.get("view", 0.0) + time.perf_counter() - start


def remove(outdir: Path, article: str) -> list[str]:
    """Drop an article (by file name or path) from a build, and with it the entities only it mentioned."""
    state = State(outdir)
    manifest = state.manifest()
    gone = [p for p in manifest if p == article or Path(p).name == article]
    if not gone:
        raise KeyError(f"no article {article!r} in the build in {outdir}")
    kept = {p: k for p, k in manifest.items() if p not in gone}
    quads: list[Quad] = []
    for p in sorted(kept, key=Path):
        hit = state.cached(kept[p])
        if hit is None:
            raise KeyError(f"the cached graph of {p} is missing: run the build again")
        quads += parse(hit[0], format=RdfFormat.N_QUADS)
    write_outputs(quads, outdir)
    state.save(kept)
    return gone
