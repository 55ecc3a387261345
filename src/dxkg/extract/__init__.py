"""Stage: extract. Article -> typed records (mentions) with evidence.

Like a spaCy pipeline, each component reads the shared `Context` and adds
records; it declares what it needs and what it adds (`component.py`), and the
pipeline checks the order when it is assembled: people read the
organizations, events read the persons, documents and organizations, figures
read the documents.
"""
from __future__ import annotations

from ..model import Article, Extraction, Org, PersonRef
from .component import Component, Context, Pipeline
from .documents import Documents
from .events import Events
from .figures import Figures
from .orgs import Organizations
from .people import People
from .platforms import Platforms


class Setting(Component):
    """The provinces the article names, the one it is about, its authors and its publisher."""

    adds = ("provinces", "province", "authors", "publisher")

    def __call__(self, ctx: Context) -> None:
        ex, article = ctx.records, ctx.article
        ex.provinces = ctx.places.provinces()
        ex.province = ctx.places.main
        ex.authors = [PersonRef(name) for name in article.authors]
        if article.outlet:
            ex.publisher = Org(article.outlet, "outlet", english="News outlet")


PIPELINE = Pipeline(Setting(), Organizations(), People(), Documents(), Platforms(), Events(), Figures())


def extract(article: Article) -> Extraction:
    return PIPELINE(article)
