"""A build folder K times larger, made from a real build's article graphs, for the query benchmark at sizes
this 2-core machine cannot build in a session (100,000 generated articles take about 90 minutes to build).

    .venv/bin/python bench/scale_graph.py OUT K NEW_OUT

Each article's graph (its part in OUT/.dxkg/articles) is copied K times: the copy's article and everything
that is the article's own (observations, memberships, events, mentions; its file name) gets a copy prefix,
while what articles share (provinces, people, bodies, documents, platforms, indicators, posts, units)
stays one IRI, as it would in a larger corpus that names the same officials and documents again. NEW_OUT
gets the store (`dxkg.oxigraph`, loaded as a build loads it) and the build's kept answers to the bundled
queries, so `dxkg query NEW_OUT …` and `dxkg serve NEW_OUT` work on it as on a build.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from dxkg.build.store import STORE, Chunks, answers_folder, in_graph
from dxkg.outputs import answers

OWN = re.compile(rb"(/id/(?:article|observation|membership|event|mention)/)")
SOURCE = re.compile(rb'(ontology#sourceFile> ")')


def copies(parts: Path, graphs: dict[str, str], k: int):
    for c in range(k):
        tag = b"" if c == 0 else b"c%d-" % c
        for key, graph in graphs.items():
            data = (parts / f"{key}.nt").read_bytes()
            if tag:
                data = SOURCE.sub(rb"\1" + tag, OWN.sub(rb"\1" + tag, data))
            yield data
            yield in_graph(data, OWN.sub(rb"\1" + tag, graph.encode()).decode())


def main(out: Path, k: int, new: Path) -> None:
    graphs = json.loads((out / ".dxkg" / "store.json").read_text())["parts"]
    start = time.perf_counter()
    new.mkdir(parents=True, exist_ok=True)
    store = Store(str(new / STORE))
    store.bulk_load(Chunks(copies(out / ".dxkg" / "articles", graphs, k)), RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    loaded = time.perf_counter()
    answers.keep(new / STORE, answers_folder(new))
    print(f"{len(graphs) * k:,} articles: store loaded in {loaded - start:.0f} s, "
          f"answers kept in {time.perf_counter() - loaded:.0f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
