"""The extraction contract, as spaCy's pipeline components.

A component reads one article's `Context` and adds records to it. It declares
what it reads (`needs`) and what it adds (`adds`) by the names of the fields
of `Extraction` ("persons", "documents", ...). A `Pipeline` checks the order
when it is assembled: a component placed before a record it needs, or one
that adds a record after a component has read it, is a `PipelineError` at
import time, not an empty list in the graph.

Every component of one article shares one `Context`: the Article, where its
sentences are (`Places`), a `unit(name)` lookup for province names written in
it, and the records found so far.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from ..model import Article, Extraction, ProvinceRef, Sentence
from .places import Places, unit_for

if TYPE_CHECKING:
    from .orgs import Found


@dataclass
class Context:
    """What the components of one article share."""

    article: Article
    places: Places
    records: Extraction  # the records found so far
    # each sentence's organizations with their offsets, as the organization grammar read them
    organizations_in: dict[Sentence, list[Found]] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article) -> Context:
        return cls(article, Places(article), Extraction(article))

    def unit(self, name: str) -> ProvinceRef:
        """The province a name written in this article means (the article's date picks old or new units)."""
        return unit_for(name, self.article)

    def near(self, sentence: Sentence, at: int) -> ProvinceRef | None:
        """The province the words at `at` (an offset in the sentence) are about."""
        return self.places.near(sentence.start, sentence.end, sentence.start + at)


class Component:
    """One step of extraction. Subclasses set `needs` and `adds` and read or add through the Context."""

    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return type(self).__name__

    def __call__(self, ctx: Context) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{self.name}(needs={self.needs}, adds={self.adds})"


class PipelineError(Exception):
    """Components assembled in an order that cannot work."""


RECORDS = tuple(f.name for f in fields(Extraction) if f.name != "article")


class Pipeline:
    """Components in order; checked once when assembled, then run on each article."""

    def __init__(self, *components: Component):
        check_order(components)
        self.components = components

    def __call__(self, article: Article) -> Extraction:
        ctx = Context.of(article)
        for component in self.components:
            component(ctx)
        return ctx.records


def check_order(components) -> None:
    added: set[str] = set()
    for i, c in enumerate(components):
        for record in (*c.needs, *c.adds):
            if record not in RECORDS:
                raise PipelineError(f"{c.name} names {record!r}, which is not a kind of record ({', '.join(RECORDS)})")
        for record in c.needs:
            if record not in added:
                raise PipelineError(f"{c.name} needs {record}, but no component before it adds them")
            if later := [d.name for d in components[i + 1:] if record in d.adds]:
                raise PipelineError(f"{c.name} needs {record}, but {later[0]} adds more of them after it")
        added.update(c.adds)
