"""What a build draws from its store once the store is up to date: the kept answers to the bundled queries,
the national map and the province pages. It runs in a process of its own (`Fresh`): at 10,000 articles the
answers and pages take 0.4-0.5 GB each, which the build's process, holding the view's summary and the tables,
need not add to its own.
"""
from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..outputs import answers, provinces
from ..outputs import map as national_map
from .executor import Fresh, fresh_main
from .store import STORE, answers_folder


def answer_and_draw(outdir: Path, threads: int, redraw: bool) -> None:
    """Answer the bundled queries not answered yet (THREADS at a time; Oxigraph answers without holding
    Python's lock), the province pages drawn beside them; then the map, from the kept answer. REDRAW: the
    pages and the map are drawn again (else they show what they showed)."""
    with ThreadPoolExecutor(1) as beside:
        pages = beside.submit(provinces.write, outdir, outdir / STORE) if redraw else None
        answers.keep(outdir / STORE, answers_folder(outdir), threads)
        if pages:
            national_map.write(outdir, answers_folder(outdir))
            pages.result()


def beside(outdir: Path, threads: int, redraw: bool) -> Fresh:
    """`answer_and_draw` in a process of its own; leaving the `with` waits for it."""
    return Fresh(__name__, str(outdir), str(threads), "1" if redraw else "0",
                 doing=f"answering the bundled queries and drawing the pages of {outdir}")


if __name__ == "__main__":  # python -m dxkg.build.answered OUTDIR THREADS REDRAW
    fresh_main(lambda: answer_and_draw(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"))
