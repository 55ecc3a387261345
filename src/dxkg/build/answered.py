"""What a build draws from its store once the store is up to date: the kept answers to the bundled queries,
the national map and the province pages. It runs in a process of its own (`Fresh`): at 10,000 articles the
answers and pages take 0.4-0.5 GB each, which the build's process, holding the view's summary and the tables,
need not add to its own.
"""
from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pyoxigraph import Store

from ..outputs import answers, provinces, stale
from ..outputs import map as national_map
from ..outputs.pages import pages
from .executor import Fresh, fresh_main
from .store import STATE, STORE, answers_folder, sync_parts


def answer_and_draw(outdir: Path, threads: int, redraw: bool, made_with: str) -> None:
    """Answer the bundled queries not answered yet (THREADS at a time; Oxigraph answers without holding
    Python's lock), the province pages drawn beside them; then the map, from the kept answer. Where the store
    changed since they were made whole (`stale`), only what the change reaches is made again; else REDRAW:
    the pages and the map are drawn again (else they show what they showed). MADE_WITH: the code, templates
    and queries they are made with."""
    folder, state = answers_folder(outdir), outdir / STATE
    changed = stale.Stale.read(state)
    keys = base = None
    if changed is not None and not changed.whole and (base := stale.base(folder, made_with)):
        keys = changed.keys(Store.read_only(str(outdir / STORE)))
    areas = {area.value for area in stale.terms(keys.pop(provinces.FOLDER))} if keys else None
    with ThreadPoolExecutor(2) as beside:
        drawing = redraw or changed is not None
        pages = beside.submit(provinces.write, outdir, outdir / STORE, areas, threads) if drawing else None
        answers.keep(outdir / STORE, folder, threads, base, keys)
        # the answers set aside, spliced from no more, go while the map and pages are drawn (at 10,000
        # articles, 0.1 s); a build stopped before the end makes them all again, as it would without them
        beside.submit(stale.forget_base, folder)
        if pages:
            national_map.write(outdir, folder)
            pages.result()
    stale.made_whole(state, folder, made_with)


def beside(outdir: Path, threads: int, redraw: bool, made_with: str, later: bool = False) -> Fresh:
    """`answer_and_draw` in a process of its own; leaving the `with` waits for it. LATER: it loads what it
    draws with, and is sent the keys of the parts of the build, as a rule twice (`send_parts`): the articles'
    with the graphs beside them the last build made, then the articles' with this build's. It brings the store to
    hold each in turn (`sync_parts`: there, not in the build's process, which writes the view and the
    Turtle meanwhile; the articles' graphs while the corpus graph is still being made); sent nothing, it
    ends."""
    return Fresh(__name__, str(outdir), str(threads), "1" if redraw else "0", made_with,
                 stdin=None if later else b"null\n",
                 doing=f"answering the bundled queries and drawing the pages of {outdir}")


def send_parts(process: Fresh, keys: list[str], graphs: dict[str, str] | None = None, more: bool = False) -> None:
    """Keys of parts, to a process started with `beside(..., later=True)`, with the GRAPHS of those whose
    lines alone are saved yet (by key): one line, read as it comes (the end of its input comes only once
    every process forked since it started has closed it)."""
    process.send(json.dumps([keys, graphs or {}]).encode() + b"\n", more)


def _apart() -> None:
    pages()  # the templates loaded while the build sends nothing yet (0.5 s at 10,000 articles)
    line = sys.stdin.readline()
    if not line:
        return  # started ahead, and not needed
    outdir, sent = Path(sys.argv[1]), json.loads(line)
    if sent is not None:
        sync_parts(outdir, *sent)
        if then := sys.stdin.readline():  # the keys it is sent next, if any (the first may have been the last)
            sync_parts(outdir, *json.loads(then))
    answer_and_draw(outdir, int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4])


if __name__ == "__main__":  # python -m dxkg.build.answered OUTDIR THREADS REDRAW MADE_WITH [< keys.json]
    fresh_main(_apart)
