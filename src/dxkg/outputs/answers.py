"""The bundled queries, and their answers kept by the build (`OUT/.dxkg/answers/`).

A bundled query is a fixed text over a store that only a build changes, so a build answers each one once,
when it has brought the store up to date, and keeps the answer as SPARQL results in TSV (lossless, and the
quickest to read back). `dxkg query` and `dxkg serve` give the kept answer when the query text is exactly a
bundled one and asks nothing of the dataset, instead of joining hundreds of thousands of facts again: its
bytes as they are, or written from them in the format asked (JSON, CSV, XML: at 10,000 articles a second for
the largest, where answering it takes sixteen; writing each answer in three formats at every build took
more of an added article's build than splicing the answers did). Keeping them correct is one rule:
the build sets the answers aside before it touches the store and writes them after (`build.answered`), so
an answer that exists was computed from the store as it is; an answer whose query has a reach (`stale`) is
written from the one set aside and the rows the change reaches. Any other query runs in the engine.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from importlib.resources import files
from pathlib import Path

from pyoxigraph import QueryResultsFormat, QuerySolutions, Store, parse_query_results

from ..rdf.vocab import PREFIXES
from . import stale
from .files import atomic_write

FOLDER = "answers"  # in the build's state folder
KEPT = {"tsv": QueryResultsFormat.TSV}


def bundled() -> dict[str, tuple[str, str]]:
    """The bundled queries: name -> (what it asks, SPARQL), from dxkg/queries/*.rq."""
    out = {}
    for f in sorted(files("dxkg").joinpath("queries").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            about = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else ""
            out[f.name[:-3]] = (about, text)
    return out


def _key(query: str) -> str:
    return hashlib.sha256(query.strip().encode("utf-8")).hexdigest()[:32]


def lasting(query: str) -> bool:
    """Whether QUERY's answer lasts as long as the store: one that asks of today (NOW(), as `holder-on-date`
    does without ?on) is asked afresh each time, not kept from the day of the build."""
    return "NOW()" not in query.upper()


def _unanswered(folder: Path) -> list[tuple[str, str]]:
    """The bundled queries (name, text) whose answer lasts but is not kept."""
    return [(name, text) for name, (_about, text) in bundled().items()
            if lasting(text) and not kept(folder, text, "tsv")]


def all_kept(folder: Path) -> bool:
    """Whether every bundled query whose answer lasts has its kept answer."""
    return not _unanswered(folder)


def keep(store_folder: Path, folder: Path, threads: int = 1, base: Path | None = None,
         keys: dict[str, set[str]] | None = None) -> None:
    """Answer every bundled query not answered yet on the store in STORE_FOLDER (opened read-only), THREADS
    at a time (Oxigraph answers without holding Python's lock, so threads use as many cores). A query with
    a reach (`stale`) whose KEYS are known and whose answer is in BASE is answered only for those keys."""
    todo = _unanswered(folder)
    if not todo:
        return
    store = Store.read_only(str(store_folder))
    folder.mkdir(parents=True, exist_ok=True)
    # the slowest first, so that the threads finish together (`evidence` alone is a third of the work)
    todo.sort(key=lambda item: item[0] not in SLOWEST)
    with ThreadPoolExecutor(max(1, threads)) as pool:
        list(pool.map(lambda item: _answer(store, item[0], item[1], folder, base, keys), todo))


SLOWEST = {"evidence", "officials"}  # answered whole at 10,000 articles: 16.3 and 7.6 of 45.6 CPU s


def _answer(store: Store, name: str, text: str, folder: Path, base: Path | None,
            keys: dict[str, set[str]] | None) -> None:
    tsv = folder / f"{_key(text)}.tsv"
    if not _spliced(store, name, text, tsv, base, keys):
        result = store.query(text, prefixes=PREFIXES)
        if not isinstance(result, QuerySolutions):
            return
        with atomic_write(tsv) as f:
            result.serialize(f, KEPT["tsv"])


def _spliced(store: Store, name: str, text: str, tsv: Path, base: Path | None,
             keys: dict[str, set[str]] | None) -> bool:
    """Whether the answer could be made from its answer in BASE and the rows of the KEYS its reach found."""
    reach, before = stale.bundled_reaches().get(name), kept(base, text, "tsv")
    if not (reach and before and keys is not None and name in keys):
        return False
    if not keys[name]:  # no row of it changed: the answer set aside, linked back (at 10,000 articles, 20 MB)
        _linked(before, tsv)
        return True
    try:
        with atomic_write(tsv) as f:
            stale.splice(store, text, stale.key_of(reach), keys[name], before, f)
    except (ValueError, TypeError):  # rows that cannot be put in order by their text: answered whole
        return False
    return True


def _linked(kept_answer: Path, path: Path) -> None:
    """KEPT_ANSWER at PATH too, as a second name of the file (a kept answer is replaced, never written into),
    else copied; in place at once."""
    tmp = path.with_name(f".{path.name}.link.tmp")  # a build stopped here leaves it for the next to clear
    tmp.unlink(missing_ok=True)
    try:
        os.link(kept_answer, tmp)
    except OSError:  # a file system without links
        shutil.copyfile(kept_answer, tmp)
    os.replace(tmp, path)


def kept(folder: Path | None, query: str, fmt: str) -> Path | None:
    """The kept answer to QUERY in format FMT, if the build kept one (only TSV is kept: `solutions` reads it
    back to be written in another)."""
    if folder is None or fmt not in KEPT or not lasting(query):
        return None
    path = folder / f"{_key(query)}.{fmt}"
    return path if path.is_file() else None


def copy(folder: Path | None, query: str, fmt: str, output) -> bool:
    """Write the kept answer to QUERY in format FMT into OUTPUT (a binary file), if the build kept one."""
    path = kept(folder, query, fmt)
    if path is None:
        return False
    send(path, output)
    return True


def send(path: Path, output) -> None:
    """Write a kept answer (`kept`) into OUTPUT, a binary file."""
    with path.open("rb") as f:
        shutil.copyfileobj(f, output, 1 << 16)


def solutions(folder: Path | None, query: str) -> QuerySolutions | None:
    """The kept answer as solutions (to write in any format, or as a table), if there is one."""
    path = kept(folder, query, "tsv")
    return None if path is None else parse_query_results(path=str(path), format=KEPT["tsv"])
