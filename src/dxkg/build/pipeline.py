"""The build: read -> clean -> extract -> resolve -> graph -> export, for a batch of files.

One bad file never stops the batch: it is reported with its reason and skipped.

Builds are incremental and parallel. Each article is extracted, turned into
its named graph, SHACL-validated and cut into its share of every output (an
`part.Part`) by a worker process, which caches the part in
`OUTDIR/.dxkg/articles/` under a key made of the file's name, its bytes and a
fingerprint of the extractor (its version and every lexicon and shape). A
build extracts only the articles whose key it has not seen, then assembles the
outputs from all the parts. Parts and outputs are written atomically and the
manifest last, so a build killed at any point leaves the previous outputs and
state usable, and the next build completes from what is there.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from .. import __version__, identity
from ..extract import extract
from ..ingest import ingest
from ..ingest.read import ReadError, find_inputs, read, read_bytes, shown
from ..ingest.relevance import off_topic
from ..model import Extraction
from ..outputs import answers, stale
from ..outputs.entities import Entities
from ..outputs.facts import Facts
from ..outputs.files import write_json
from ..outputs.tables import table_rows
from ..rdf.corpus import share
from ..rdf.mapping import article_quads
from ..rdf.mint import Minter
from ..rdf.vocab import DEFAULT_BASE
from . import answered, chunks, shared, store, turtle
from .assemble import OUTPUTS, Assembled, write_outputs
from .executor import APART, Fresh, give_back_memory, on_cluster, pool
from .part import Part, StateError
from .store import STATE

LOCK = "lock"  # in OUT/.dxkg: flock-ed by the build writing there
SCANNED = "scan.json"  # in OUT/.dxkg: the keys of the inputs the last build scanned (`Scanned`)


@dataclass(frozen=True)
class Budget:
    """What one article may cost. A news article has tens of numbers and yields a few hundred triples in well
    under a second; a file far past these is a table dump or an attack, and is skipped with its reason so the
    rest of the batch builds."""

    seconds: float = 60.0  # wall time of its whole part (read, extract, graph, validate)
    numbers: int = 2_000  # numbers in its text (each may become a figure)
    quads: int = 200_000  # quads of its named graph
    bytes: int = 50_000_000  # its part on disk (N-Triples and TriG)


BUDGET = Budget()
_NUMBERS = re.compile(r"\d[\d.,]*")


NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})  # a full disk, a quota, a file-size limit


class DiskFull(StateError):
    """No room left to write the build; the build stopped and removed what it had begun to write."""


class Locked(StateError):
    """Another build is writing into the same OUT."""


class OverBudget(Exception):
    """An article past its `Budget`; str() says which limit."""


@dataclass
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{shown(self.path)}: {self.reason}"


@dataclass
class BuildResult:
    articles: int = 0
    extracted: int = 0  # articles extracted in this run (the others came from the cache)
    skipped: list[Skipped] = field(default_factory=list)
    off_topic: list[Skipped] = field(default_factory=list)  # not about digital transformation: left out
    violations: list[str] = field(default_factory=list)
    classes: Counter = field(default_factory=Counter)  # distinct typed entities by class
    triples: int = 0
    # by stage: an article's stages (read ... validate) in CPU seconds summed over the articles; the build's
    # own (scan, assembly, store, answers+pages) in wall-clock seconds
    seconds: Counter = field(default_factory=Counter)

    @property
    def conforms(self) -> bool:
        return not self.violations


class Stopwatch:
    """CPU seconds by stage: each call charges the CPU time this process spent since the previous one to the
    stage named (an article's stages run in one thread, so its CPU time is its cost whatever else runs)."""

    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.last = time.process_time()

    def __call__(self, stage: str) -> None:
        now = time.process_time()
        self.seconds[stage] += now - self.last
        self.last = now


class OffTopic(Exception):
    """An article not about digital transformation (`ingest.relevance`): counted, not built."""


def process(path: Path, clock: Stopwatch | None = None, budget: Budget | None = None,
            keep_all: bool = True) -> Extraction:
    clock = clock or Stopwatch()
    raw = read(path)
    clock("read")
    article = ingest(raw)
    clock("clean")
    limit = (budget or BUDGET).numbers
    if sum(1 for _ in zip(_NUMBERS.finditer(article.text), range(limit + 1))) > limit:
        raise OverBudget(f"more than {limit:,} numbers in one article (a table or a dump, not news prose)")
    if not keep_all and (reason := off_topic(article)):
        raise OffTopic(reason)
    ex = extract(article)
    clock("extract")
    return ex


@cache
def fingerprint(folders: tuple[str, ...] = ("data", "ontology")) -> str:
    """Changes whenever a part could change: the version, the code of every stage, every lexicon and shape
    (a cached part made by other code is never reused); with other FOLDERS, whatever else they hold."""
    h = hashlib.sha256(__version__.encode())
    root = Path(str(files("dxkg")))
    for f in sorted(root.rglob("*")):
        if f.is_file() and (f.suffix == ".py" or not set(folders).isdisjoint(f.relative_to(root).parts[:-1])):
            h.update(str(f.relative_to(root)).encode() + f.read_bytes())
    return h.hexdigest()[:16]


def article_key(path: Path, base: str, keep_all: bool = False) -> str:
    """The cache key of one input file; raises ReadError for a file that cannot be read. A part built with
    `--all` may hold an article off topic: it is no part of a build without it."""
    # the name's own bytes: a name need not be UTF-8 (for a UTF-8 name, the same key as its text)
    h = hashlib.sha256(f"{fingerprint()}|{base}|{'all|' if keep_all else ''}".encode() + os.fsencode(path.name)
                       + b"|" + read_bytes(path))
    return h.hexdigest()[:32]


class Scanned:
    """The cache keys the last scan computed, by file (`OUT/.dxkg/scan.json`): a file whose size, times and
    inode are as they were is not read and hashed again (at 10,000 articles, a second of every build). As in
    git's index, a file changed in the second before that scan began is read again: its time cannot tell it
    from an edit made in the same tick."""

    def __init__(self, path: Path, made_with: str):
        self.path, self.made_with, self.began = path, made_with, time.time_ns()
        self.known: dict[str, list] = {}
        self.found: dict[str, list] = {}
        try:
            last = json.loads(path.read_text(encoding="utf-8"))
            if last["made_with"] == made_with:
                self.known = {f: v for f, v in last["files"].items() if v[1] < last["began"] - 1_000_000_000}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass  # no cache, or not one of these: every file is read

    def key(self, path: Path, compute: Callable[[], str]) -> str:
        try:
            info = os.stat(path)
        except OSError:
            return compute()  # a page of a web archive, or a file that is gone: reading it says what it is
        seen = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        name = str(path)
        if (last := self.known.get(name)) and last[:4] == seen:
            key = last[4]
        else:
            key = compute()
        self.found[name] = [*seen, key]
        return key

    def save(self) -> None:
        try:
            # ASCII escapes: any file name comes back equal
            write_json(self.path, {"made_with": self.made_with, "began": self.began, "files": self.found},
                       ascii_only=True)
        except OSError:
            pass  # a cache: the build it would speed up reads the files instead


def make_part(path: Path, base: str, clock: Stopwatch, budget: Budget | None = None, keep_all: bool = True) -> Part:
    """One file -> its part of the build, every stage timed on `clock`."""
    from ..rdf.shapes import validate_triples

    budget = budget or BUDGET
    ex = identity.resolve(process(path, clock, budget, keep_all))
    clock("identity")
    mint = Minter(base)
    quads = article_quads(ex, mint)
    clock("graph")
    if len(quads) > budget.quads:
        raise OverBudget(f"its graph would have {len(quads):,} quads (limit {budget.quads:,} per article)")
    facts = Facts(quads)  # read by the tables and the entity projection
    part = Part.of(mint.iri(ex.identity), ex.article.source_file, quads, tables=table_rows(facts),
                   entities=Entities.of(facts).to_json(), corpus=share(ex, mint))
    clock("parts")
    if (size := len(part.ntriples) + len(part.trig)) > budget.bytes:
        raise OverBudget(f"its outputs would take {size:,} bytes (limit {budget.bytes:,} per article)")
    part.violations = [f"{shown(path.name)}: {v}" for v in validate_triples(quads).errors]
    clock("validate")
    return part


def _work(job: tuple[str, str, str, str, bool]) -> tuple[str, str | None, Counter, bool]:
    """Worker: one file's part, saved where the build expects it; (path, error, seconds by stage, whether the
    error is that the article is off topic)."""
    path, folder, key, base, keep_all = job
    clock = Stopwatch()
    budget = BUDGET
    try:
        with _time_limit(budget.seconds):
            part = make_part(Path(path), base, clock, budget, keep_all)
        part.save(Path(folder), key)
        clock("parts")
        return path, None, clock.seconds, False
    except OffTopic as e:
        return path, str(e), clock.seconds, True
    except (ReadError, OverBudget) as e:
        return path, str(e), clock.seconds, False
    except OSError as e:
        if e.errno in NO_SPACE:
            raise DiskFull(f"{folder}: {e.strerror or e}") from None
        return path, f"internal error while extracting ({type(e).__name__}: {e})", clock.seconds, False
    except Exception as e:  # noqa: BLE001 - one article's failure must not stop the batch
        return path, f"internal error while extracting ({type(e).__name__}: {e})", clock.seconds, False


class _time_limit:
    """Raise OverBudget in the running article after `seconds` (a timer signal; only in a main thread, which
    is where workers and a serial build run)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def _expired(self, _signum, _frame):
        raise OverBudget(f"took longer than {self.seconds:g} s (the time budget of one article)")

    def __enter__(self):
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


class State:
    """The parts of the articles beside the outputs, and the manifest of the last build."""

    def __init__(self, outdir: Path):
        self.root = outdir / STATE
        self.articles = self.root / store.PARTS
        self.manifest_path = self.root / "manifest.json"
        self.outputs_path = self.root / "outputs.json"  # what the outputs hold; absent while they are rewritten

    def listing(self) -> set[str]:
        """The names of the files of the parts (read at once: 30,000 files at 10,000 articles, asked for
        one by one, took 0.3 s)."""
        try:
            return set(os.listdir(self.articles))
        except OSError:
            return set()

    def ordered(self, keys: dict[Path, str]) -> list[str]:
        """The parts of these articles in the order of their file names, each once; a missing one is an error."""
        out: dict[str, None] = {}
        present = self.listing()
        for path, key in sorted(keys.items(), key=lambda item: (item[0].name, str(item[0]))):
            if not all(f"{key}.{s}" in present for s in ("json", "nt", "trig")):
                (self.articles / f"{key}.json").unlink(missing_ok=True)  # the next build extracts it again
                raise StateError(f"{path}: its cached part is missing or incomplete; run the build again")
            out[key] = None
        return list(out)

    def _last(self) -> dict:
        """The manifest of the last build as written ({} before the first)."""
        if not self.manifest_path.exists():
            return {}
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def manifest(self) -> dict[Path, str]:
        return {Path(p): k for p, k in self._last().get("articles", {}).items()}

    def graphs(self) -> list[str]:
        """The keys of the parts of the graphs beside the articles' that the last build wrote."""
        return self._last().get("graphs", [])

    def base(self) -> str:
        """The base IRI of the last build (what removing an article builds with)."""
        return self._last().get("base", DEFAULT_BASE)

    def save(self, keys: dict[Path, str], base: str, graphs: list[str]) -> None:
        """The manifest: the parts of the inputs, and of the graphs of the outputs beside them (`graphs`)."""
        # ASCII escapes: a file name that is not UTF-8 survives as its lone surrogates and comes back equal
        write_json(self.manifest_path, {"fingerprint": fingerprint(), "base": base, "graphs": graphs,
                                        "articles": {str(p): k for p, k in sorted(keys.items())}}, ascii_only=True)

    def prune(self) -> None:
        """The parts the manifest lists no more go (once the store no longer needs them to patch a graph)."""
        last = self._last()
        keep = {*last.get("articles", {}).values(), *last.get("graphs", [])}
        for name in self.listing():
            if name.split(".")[0] not in keep:
                (self.articles / name).unlink(missing_ok=True)

    def assembled(self, keys: dict[Path, str], outdir: Path, base: str) -> Assembled | None:
        """The summary of the outputs in `outdir` if they were assembled from exactly these parts."""
        if not self.outputs_path.exists() or not all((outdir / name).exists() for name in OUTPUTS):
            return None
        last = json.loads(self.outputs_path.read_text(encoding="utf-8"))
        if last["parts"] != _digest(keys, base):
            return None
        return Assembled(**{**last["summary"], "classes": Counter(last["summary"]["classes"])})

    def rewriting(self) -> None:
        """Say, before writing them, that the outputs are being rewritten: they hold nothing recorded."""
        self.outputs_path.unlink(missing_ok=True)

    def record(self, keys: dict[Path, str], done: Assembled, base: str) -> None:
        """Say what the outputs hold, after writing them."""
        write_json(self.outputs_path, {"parts": _digest(keys, base),
                                       "summary": {**vars(done), "classes": dict(done.classes)}}, sort_keys=True)

    def clear_temporary(self, outdir: Path) -> None:
        """What a build killed while writing left behind: temporary files and folders, never outputs."""
        for left in [*outdir.glob(".*.tmp"), *_temporary(self.root)]:
            if left.is_dir():
                shutil.rmtree(left, ignore_errors=True)
            else:
                left.unlink(missing_ok=True)

    def clear(self) -> None:
        """Forget every part and the manifest; the lock file stays (a build holding it is this one)."""
        for item in self.root.glob("*") if self.root.exists() else ():
            if item.name == LOCK:
                continue
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)

    @contextmanager
    def locked(self, outdir: Path) -> Iterator[None]:
        """Held for the whole build: two builds writing parts and outputs into one OUT would corrupt both."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise Locked(f"{outdir}: another dxkg build is writing there; wait for it to finish") from None
        try:
            yield
        finally:
            os.close(fd)  # closing releases the lock, as does the process's death


def _temporary(folder: Path) -> list[Path]:
    """The temporary files and folders (".NAME.tmp") anywhere in FOLDER (`Path.rglob` took 0.05 s over the
    30,000 files of 10,000 articles' parts)."""
    found = []
    for at, folders, names in os.walk(folder):
        found += [Path(at, name) for name in folders + names if name.startswith(".") and name.endswith(".tmp")]
        folders[:] = [name for name in folders if not name.endswith(".tmp")]
    return found


def build(inputs: list[Path], outdir: Path, base: str = DEFAULT_BASE, jobs: int | None = None,
          rebuild: bool = False, progress: Callable[[Path], None] | None = None,
          keep_all: bool = False, executor: str | None = None) -> BuildResult:
    """Build the inputs into `outdir`, reusing and updating the state beside it (locked while it runs); an
    article off topic is counted and left out, unless KEEP_ALL. The articles are extracted by worker
    processes, or on the Dask cluster EXECUTOR names ("dask://host:port")."""
    state = State(outdir)
    with state.locked(outdir):
        try:
            return _build(state, inputs, outdir, base, jobs, rebuild, progress, keep_all, executor)
        except OSError as e:
            if e.errno not in NO_SPACE:
                raise
            failure = f"{outdir}: {e.strerror or e}"
        except DiskFull as e:
            failure = str(e)
        state.clear_temporary(outdir)
        state.prune()  # what this build wrote before the disk filled, which no manifest lists
        turtle.forget(state.root)
        for cache in (chunks.FOLDER, shared.FOLDER):  # made again from the parts by the next build
            shutil.rmtree(state.root / cache, ignore_errors=True)
    raise DiskFull(f"no space left to write the build ({failure}); stopped without leaving cached parts or "
                   "temporary files: free some space and build again")


def _build(state: State, inputs: list[Path], outdir: Path, base: str, jobs: int | None, rebuild: bool,
           progress: Callable[[Path], None] | None, keep_all: bool, executor: str | None) -> BuildResult:
    result = BuildResult()
    with ExitStack() as helpers:  # the processes started ahead of the assembly
        with _warm_worker(jobs, executor) as warm:  # first: it loads the extractor while the state is read
            if rebuild:
                state.clear()
            state.clear_temporary(outdir)
            start = time.perf_counter()
            keys: dict[Path, str] = {}
            todo: list[Path] = []
            scanned = Scanned(state.root / SCANNED, f"{fingerprint()}|{base}|{keep_all}")
            present = state.listing()
            for path in find_inputs(inputs):
                try:
                    keys[path] = scanned.key(path, lambda: article_key(path, base, keep_all))  # noqa: B023 - at once
                except ReadError as e:
                    result.skipped.append(Skipped(path, str(e)))
                else:
                    if f"{keys[path]}.json" not in present:  # the .json is written last: a whole part
                        todo.append(path)
                        continue
                if progress:
                    progress(path)
            result.seconds["scan"] += time.perf_counter() - start
            ahead = _ahead(helpers, state, outdir, keys, base, jobs, bool(todo))
            work = [(str(p), str(state.articles), keys[p], base, keep_all) for p in todo]
            for path, error, seconds, off in _run(work, jobs, executor, warm):
                result.seconds.update(seconds)
                if error:
                    (result.off_topic if off else result.skipped).append(Skipped(Path(path), error))
                    del keys[Path(path)]
                else:
                    result.extracted += 1
                if progress:
                    progress(Path(path))
        if keys:
            _assemble(state, keys, outdir, result, jobs, base, ahead)
    scanned.save()  # last: a build that stopped leaves no state but its lock
    return result


@dataclass
class Ahead:
    """The processes of a large build's assembly, started while its new articles are extracted (each loads
    what it works with meanwhile, 0.3-0.5 s at 10,000 articles) and sent their parts when it comes to them."""

    corpus: Fresh | None = None  # the corpus stage (`shared.ahead`)
    answering: Fresh | None = None  # the store's update, the answers and the pages (`answered.beside`)


def _ahead(stack: ExitStack, state: State, outdir: Path, keys: dict[Path, str], base: str, jobs: int | None,
           new: bool) -> Ahead:
    """`Ahead`, for a build of these KEYS whose outputs will be written again (NEW: some are to be extracted),
    in STACK; none for a build too small for processes of their own."""
    if len(keys) < APART or not new and state.assembled(keys, outdir, base) is not None:
        return Ahead()
    corpus = stack.enter_context(shared.ahead(state.articles, state.root, base))
    if _jobs(jobs) > 1 and store.afresh(outdir, state.root, list(keys.values())):
        return Ahead(corpus)  # the store loaded afresh beside the outputs: answered after
    return Ahead(corpus, stack.enter_context(_answering(outdir, jobs)))


def _answering(outdir: Path, jobs: int | None) -> Fresh:
    """The process that brings the store up to date, then answers and draws, sent the parts later."""
    return answered.beside(outdir, _jobs(jobs), True, fingerprint(("templates", "queries")), later=True)


def _assemble(state: State, keys: dict[Path, str], outdir: Path, result: BuildResult, jobs: int | None,
              base: str, ahead: Ahead | None = None) -> None:
    """Write the outputs of these parts, unless the outputs there already are exactly that."""
    start = time.perf_counter()
    ahead = ahead or Ahead()
    done = state.assembled(keys, outdir, base)
    rewritten = done is None
    ordered = state.ordered(keys)
    made_with = fingerprint(("templates", "queries"))
    with ExitStack() as stack:
        afresh = rewritten and _jobs(jobs) > 1 and store.afresh(outdir, state.root, ordered)
        if afresh:  # the articles' graphs go into the store in a process beside the writing of the other outputs
            stack.enter_context(store.preload(state.articles, ordered, outdir, state.root))
        # the store brought up to date, then the answers and pages, in a process of their own sent the parts
        # once the corpus graph is made, while the view and the Turtle are written (at 10,000 articles, 1.5 s
        # of an added article's build)
        early = rewritten and not afresh and len(ordered) >= APART
        beside = None
        if early:
            answering = ahead.answering or stack.enter_context(_answering(outdir, jobs))
            last = [key for key in state.graphs() if (state.articles / f"{key}.json").exists()]

            def beside(graphs: dict[str, str] | None) -> None:
                # the articles' graphs into the store, beside the last build's corpus graph (whose part is
                # kept till the store no longer holds it), while the corpus graph is made; then the corpus graph
                answered.send_parts(answering, ordered + list(last if graphs is None else graphs), graphs,
                                    more=graphs is None)
        if rewritten:
            state.rewriting()
            done = write_outputs(state.articles, ordered, outdir, state.root, base, _jobs(jobs), result.seconds,
                                 state.graphs(), beside=beside, corpus=ahead.corpus)
            state.save(keys, base, done.graphs)
            state.record(keys, done, base)
        result.seconds["assemble"] += time.perf_counter() - start  # wall time of every output, the view included
        start = time.perf_counter()
    if early:
        answering.wait()  # started ahead, it outlives the stack: the parts it patches the store with are kept till now
        state.prune()
        result.seconds["answers+pages"] += time.perf_counter() - start
    else:
        changed = store.sync_parts(outdir, ordered + done.graphs)
        state.prune()
        result.seconds["store"] += time.perf_counter() - start
        start = time.perf_counter()
        redraw = changed or rewritten or not (outdir / "map.html").exists()  # else they show what they showed
        if redraw or not answers.all_kept(store.answers_folder(outdir)) or stale.pending(state.root):
            if len(ordered) >= APART:
                give_back_memory()
                answered.beside(outdir, _jobs(jobs), redraw, made_with).run()
            else:
                answered.answer_and_draw(outdir, _jobs(jobs), redraw, made_with)
        result.seconds["answers+pages"] += time.perf_counter() - start
    result.articles, result.triples, result.classes, result.violations = (
        done.articles, done.triples, done.classes, done.violations)


def _digest(keys: dict[Path, str], base: str) -> str:
    """What the outputs are made of: the parts, and the pages' templates and bundled queries they are written with
    (a changed template rewrites the outputs, not the parts)."""
    made_with = fingerprint(("templates", "queries"))
    return hashlib.sha256(json.dumps([base, made_with, sorted((str(p), k) for p, k in keys.items())]).encode()
                          ).hexdigest()


def _jobs(jobs: int | None) -> int:
    """The default: the cores this process may run on (fewer than the machine's in a limited container)."""
    if jobs:
        return jobs
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def _warm_worker(jobs: int | None, executor: str | None) -> Iterator[ProcessPoolExecutor | None]:
    """A worker process, started before the inputs are scanned and importing the extractor meanwhile (`_warm`),
    for a few articles to extract: an article added to 10,000 was extracted in 0.53 s by a process that had
    not, in 0.29 s by one that had. None for a cluster or a single job (extracted in this process)."""
    if executor or _jobs(jobs) <= 1:
        yield None
        return
    warm = pool(1, warm=_warm)
    warm.submit(int)  # starts it
    try:
        yield warm
    finally:  # not waited for: with nothing to extract, the build goes on while it finishes loading
        warm.shutdown(wait=False, cancel_futures=True)


FEW = 16  # articles to extract that the warm worker takes alone: a pool's processes would start cold


def _warm() -> None:
    """A worker's start: underthesea imported (0.2 s) before the first article comes. Taking a short text
    through every stage would load the lexicons too, but took longer than the scan it hides behind."""
    import underthesea  # noqa: F401 - imported for its cost, not its name


def _run(work: list[tuple[str, str, str, str, bool]], jobs: int | None, executor: str | None = None,
         warm: ProcessPoolExecutor | None = None):
    if executor:
        yield from on_cluster(executor, _work, work)
    elif warm is None or not work:
        yield from map(_work, work)
    elif len(work) <= FEW:
        yield from warm.map(_work, work)
    else:
        warm.shutdown(wait=False, cancel_futures=True)  # not held idle beside the pool
        with pool(_jobs(jobs)) as workers:
            yield from workers.map(_work, work, chunksize=max(1, min(16, len(work) // (_jobs(jobs) * 8))))


def remove(outdir: Path, article: str) -> list[str]:
    """Drop an article (by file name or path) from a build, and with it the entities only it mentioned."""
    state = State(outdir)
    manifest = state.manifest()
    gone = [p for p in manifest if str(p) == article or p.name == article]
    if not gone:
        raise KeyError(f"no article {article!r} in the build in {outdir}")
    kept = {p: k for p, k in manifest.items() if p not in gone}
    with state.locked(outdir):
        state.clear_temporary(outdir)
        _assemble(state, kept, outdir, BuildResult(), None, state.base())
    return [str(p) for p in gone]
