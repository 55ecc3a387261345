"""Stage: ingest. A file -> one finished Article: its own text with offsets, furniture set aside, its
headline, date, authors and outlet.

`read` turns bytes into text (and page metadata for HTML), `clean` separates the article from the page
around it (`shapes` says what each line is by its shape), `metadata` reads the date, authors and outlet
from what the page printed. Later stages get the Article and never the page.
"""
from __future__ import annotations

from ..model import Article
from .clean import clean
from .metadata import finish
from .read import RawArticle, ReadError


def ingest(raw: RawArticle) -> Article:
    """A read page -> its article; ReadError when nothing of the page is an article's text."""
    draft, page = clean(raw)
    if not draft.text.strip():
        raise ReadError("no article text after removing page furniture")
    return finish(draft, page, raw)
