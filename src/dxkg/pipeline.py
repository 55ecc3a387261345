"""The build: read -> clean -> extract -> resolve -> graph -> export, for a batch of files.

One bad file never stops the batch: it is reported with its reason and skipped.

Builds are incremental and parallel. Each article is extracted, turned into
its named graph, SHACL-validated and cut into its share of every output (an
`assemble.Part`) by a worker process, which caches the part in
`OUTDIR/.dxkg/articles/` under a key made of the file's name, its bytes and a
fingerprint of the extractor (its version and every lexicon and shape). A
build extracts only the articles whose key it has not seen, then assembles the
outputs from all the parts. Parts and outputs are written atomically and the
manifest last, so a build killed at any point leaves the previous outputs and
state usable, and the next build completes from what is there.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from . import __version__
from .assemble import Part, sorted_ntriples, write_outputs
from .clean import clean
from .export import atomic_write, table_rows
from .extract import extract
from .extract.metadata import annotate
from .graph import article_quads
from .model import Extraction
from .project import Entities
from .read import ReadError, find_inputs, read, read_bytes
from .resolve import DEFAULT_BASE, Minter
from .store import from_quads

STATE = ".dxkg"


@dataclass
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildResult:
    articles: int = 0
    extracted: int = 0  # articles extracted in this run (the others came from the cache)
    skipped: list[Skipped] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    classes: Counter = field(default_factory=Counter)  # distinct typed entities by class
    triples: int = 0
    seconds: Counter = field(default_factory=Counter)

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


def make_part(path: Path, base: str, check: bool) -> tuple[Part, float, float]:
    """One file -> its part of the build, and the seconds spent extracting and validating it."""
    start = time.perf_counter()
    ex = process(path)
    mint = Minter(base)
    quads = article_quads(ex, mint)
    store = from_quads(quads)
    part = Part(graph=mint.article(ex.article.source_file), source=ex.article.source_file,
                ntriples=sorted_ntriples(serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)),
                violations=[], tables=table_rows(store), entities=Entities.of(store).to_json())
    mid = time.perf_counter()
    if check:
        from .validate import validate_triples

        part.violations = [f"{path.name}: {v}" for v in validate_triples(quads).errors]
    return part, mid - start, time.perf_counter() - mid


def _work(job: tuple[str, str, str, bool]) -> tuple[str, str | None, float, float]:
    """Worker: one file's part, saved where the build expects it; (path, error, seconds extracting, validating)."""
    path, target, base, check = job
    try:
        part, t_extract, t_validate = make_part(Path(path), base, check)
        part.save(Path(target))
        return path, None, t_extract, t_validate
    except ReadError as e:
        return path, str(e), 0.0, 0.0
    except Exception as e:  # noqa: BLE001 - one article's failure must not stop the batch
        return path, f"internal error while extracting ({type(e).__name__}: {e})", 0.0, 0.0


class StateError(Exception):
    """The state beside a build cannot be used as it is; str() says what to do."""


class State:
    """The parts of the articles beside the outputs, and the manifest of the last build."""

    def __init__(self, outdir: Path):
        self.root = outdir / STATE
        self.articles = self.root / "articles"
        self.manifest_path = self.root / "manifest.json"

    def part_path(self, key: str) -> Path:
        return self.articles / f"{key}.json"

    def parts(self, keys: dict[Path, str]) -> Iterator[Part]:
        """The parts of these articles, in the order of their file names (one per distinct key)."""
        seen = set()
        for path, key in sorted(keys.items(), key=lambda item: (item[0].name, str(item[0]))):
            if key in seen:
                continue
            seen.add(key)
            try:
                yield Part.load(self.part_path(key))
            except (OSError, ValueError, TypeError) as e:
                self.part_path(key).unlink(missing_ok=True)  # the next build extracts it again
                raise StateError(f"{path}: its cached part was unreadable ({e}); run the build again") from None

    def manifest(self) -> dict[Path, str]:
        if not self.manifest_path.exists():
            return {}
        return {Path(p): k for p, k in json.loads(self.manifest_path.read_text(encoding="utf-8"))["articles"].items()}

    def save(self, keys: dict[Path, str]) -> None:
        with atomic_write(self.manifest_path, "w") as f:
            json.dump({"fingerprint": fingerprint(), "articles": {str(p): k for p, k in sorted(keys.items())}}, f,
                      ensure_ascii=False, indent=1)
        keep = set(keys.values())
        for f in self.articles.glob("*.json"):  # parts no input refers to any more
            if f.stem not in keep:
                f.unlink(missing_ok=True)

    def clear_temporary(self, outdir: Path) -> None:
        """What a build killed while writing left behind: temporary files and folders, never outputs."""
        for stale in [*outdir.glob(".*.tmp"), *self.root.rglob(".*.tmp")]:
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def build(inputs: list[Path], outdir: Path, base: str = DEFAULT_BASE, jobs: int | None = None,
          rebuild: bool = False, check: bool = True, progress: Callable[[Path], None] | None = None) -> BuildResult:
    """Build the inputs into `outdir`, reusing and updating the state beside it."""
    result = BuildResult()
    state = State(outdir)
    if rebuild:
        state.clear()
    state.clear_temporary(outdir)
    start = time.perf_counter()
    keys: dict[Path, str] = {}
    todo: list[Path] = []
    for path in find_inputs(inputs):
        try:
            keys[path] = article_key(path, base)
        except ReadError as e:
            result.skipped.append(Skipped(path, str(e)))
        else:
            if not state.part_path(keys[path]).exists():
                todo.append(path)
                continue
        if progress:
            progress(path)
    result.seconds["read"] += time.perf_counter() - start
    work = [(str(p), str(state.part_path(keys[p])), base, check) for p in todo]
    for path, error, t_extract, t_validate in _run(work, jobs):
        result.seconds["extract"] += t_extract
        result.seconds["validate"] += t_validate
        if error:
            result.skipped.append(Skipped(Path(path), error))
            del keys[Path(path)]
        else:
            result.extracted += 1
        if progress:
            progress(Path(path))
    if keys:
        _assemble(state, keys, outdir, result)
    return result


def _assemble(state: State, keys: dict[Path, str], outdir: Path, result: BuildResult) -> None:
    done = write_outputs(state.parts(keys), outdir, state.root, result.seconds)
    result.articles, result.triples, result.classes, result.violations = (
        done.articles, done.triples, done.classes, done.violations)
    state.save(keys)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a worker whose build was killed ends too, instead of lingering."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _run(work: list[tuple[str, str, str, bool]], jobs: int | None):
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(work) <= 1:
        yield from map(_work, work)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        yield from pool.map(_work, work, chunksize=max(1, min(16, len(work) // (jobs * 8))))


def remove(outdir: Path, article: str) -> list[str]:
    """Drop an article (by file name or path) from a build, and with it the entities only it mentioned."""
    state = State(outdir)
    manifest = state.manifest()
    gone = [p for p in manifest if str(p) == article or p.name == article]
    if not gone:
        raise KeyError(f"no article {article!r} in the build in {outdir}")
    kept = {p: k for p, k in manifest.items() if p not in gone}
    state.clear_temporary(outdir)
    _assemble(state, kept, outdir, BuildResult())
    return [str(p) for p in gone]
