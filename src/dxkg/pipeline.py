"""The build: read -> clean -> extract -> resolve -> graph -> export, for a batch of files.

One bad file never stops the batch: it is reported with its reason and skipped.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from .clean import clean
from .extract import extract
from .extract.metadata import annotate
from .graph import A, article_quads
from .model import Extraction
from .read import ReadError, find_inputs, read
from .resolve import DEFAULT_BASE, Minter


@dataclass
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildResult:
    quads: list[Quad] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def classes(self) -> Counter:
        """Entities by class (distinct subjects), for the build summary."""
        seen = {(str(q.subject), str(q.object)) for q in self.quads if q.predicate == A}
        return Counter(o.rsplit("#", 1)[-1].rsplit("/", 1)[-1].rstrip(">") for _s, o in seen)

    def triple_count(self) -> int:
        return len({(str(q.subject), str(q.predicate), str(q.object)) for q in self.quads})


def process(path: Path) -> Extraction:
    raw = read(path)
    article, page = clean(raw)
    if not article.text.strip():
        raise ReadError("no article text after removing page furniture")
    annotate(article, page, raw)
    return extract(article)


def build(inputs: list[Path], base: str = DEFAULT_BASE,
          progress: Callable[[Path], None] | None = None) -> BuildResult:
    result = BuildResult()
    mint = Minter(base)
    for path in find_inputs(inputs):
        try:
            ex = process(path)
        except ReadError as e:
            result.skipped.append(Skipped(path, str(e)))
        except Exception as e:  # noqa: BLE001 - one article's failure must not stop the batch
            result.skipped.append(Skipped(path, f"internal error while extracting ({type(e).__name__}: {e})"))
        else:
            result.extractions.append(ex)
            result.quads += article_quads(ex, mint)
        if progress:
            progress(path)
    return result
