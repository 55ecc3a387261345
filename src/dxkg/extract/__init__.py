"""Stage 3, extract: Article -> typed records with evidence.

Like a spaCy pipeline, each component reads the shared `Context` and adds
records; it declares what it needs and what it adds (`component.py`), and the
pipeline checks the order when it is assembled: people read the
organizations, events read the persons, documents and organizations, figures
read the documents.
"""
from __future__ import annotations

import re

from ..model import Article, Extraction, Org, PersonRef
from .component import Component, Context, Pipeline
from .documents import Documents
from .events import Events
from .figures import Figures
from .orgs import Organizations, head_kind
from .people import People
from .platforms import Platforms


class Setting(Component):
    """The provinces the article names, the one it is about, its authors and its publisher."""

    adds = ("provinces", "province", "authors", "publisher")

    def __call__(self, ctx: Context) -> None:
        ex, article = ctx.records, ctx.article
        ex.provinces = ctx.places.provinces()
        ex.province = ctx.places.main
        ex.authors = [PersonRef(name) for name in map(_credited, article.authors) if name and not _masthead(name)]
        if article.outlet:
            ex.publisher = Org(article.outlet, "outlet", english="News outlet")


# what a byline says the author did, after the name: "Lan Phương (thực hiện)", "Minh Anh (tổng hợp)"
_CREDIT = re.compile(r"\s*\([^()]*\)\s*$")


def _credited(name: str) -> str:
    return _CREDIT.sub("", name).strip()


def _masthead(name: str) -> bool:
    """A line the page printed like a byline that names a body, not a person: "BÁO PHÚ THỌ", "Đài PT-TH …",
    "Tạp chí …" (a name that starts with the head of an outlet's name; "Hội An", "Trường Giang" are pen names)."""
    return head_kind(name) == "outlet"


PIPELINE = Pipeline(Setting(), Organizations(), People(), Documents(), Platforms(), Events(), Figures())


def extract(article: Article) -> Extraction:
    return PIPELINE(article)
