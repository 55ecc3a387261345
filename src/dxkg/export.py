"""Stage 6, export: quads -> files, deterministic and atomic.

Triples are deduplicated and sorted before pyoxigraph serialises them, so the
same inputs give byte-identical files. Every file is written to a temporary
file in the target folder and renamed into place: a build that fails or is
killed never leaves a half-written output behind.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from .graph import PREFIXES


@contextmanager
def atomic_write(path: Path, mode: str = "wb") -> Iterator:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sorted_triples(quads: Iterable[Quad]) -> list[Triple]:
    unique = {(str(q.subject), str(q.predicate), str(q.object)): q.triple for q in quads}
    return [unique[k] for k in sorted(unique)]


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    unique = {(str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)): q for q in quads}
    return [unique[k] for k in sorted(unique)]


def write_rdf(quads: Iterable[Quad], path: Path, fmt: RdfFormat) -> None:
    items = sorted_quads(quads) if fmt in (RdfFormat.TRIG, RdfFormat.N_QUADS) else sorted_triples(quads)
    with atomic_write(path) as f:
        serialize(items, f, fmt, prefixes=PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None)


def write_turtle(quads: Iterable[Quad], path: Path) -> None:
    write_rdf(quads, path, RdfFormat.TURTLE)
