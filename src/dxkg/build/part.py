"""An article's part of a build: what it contributes to every output, cached beside them (`pipeline.State`),
and the same for the graphs beside the articles' (`shared`)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize

from ..outputs.entities import Entities
from ..outputs.files import atomic_write, sorted_ntriples, write_json
from ..rdf.vocab import PREFIXES


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

    def save(self, folder: Path, key: str, lines_saved: bool = False) -> None:
        """The .json last: its presence means the part is whole (LINES_SAVED: the .nt is saved already)."""
        for suffix, data in (("nt", self.ntriples), ("trig", self.trig))[lines_saved:]:
            with atomic_write(folder / f"{key}.{suffix}") as f:
                f.write(data)
        # not `asdict`, which copies every value first
        write_json(folder / f"{key}.json", {f.name: getattr(self, f.name) for f in fields(self)
                                             if f.name not in ("ntriples", "trig")})

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
