"""Stage 3, extract: Article -> typed records with evidence.

Like a spaCy pipeline, each component reads the shared `Extraction` and adds
one kind of record; later components may use what earlier ones found (events
use the persons, figures use the documents).
"""
from __future__ import annotations

from ..model import Article, Extraction, Org, PersonRef
from . import documents, events, figures, people, platforms
from .places import Places

COMPONENTS = (people.find, documents.find, platforms.find, events.find, figures.find)


def extract(article: Article) -> Extraction:
    ex = Extraction(article)
    places = Places(article)
    ex.provinces = places.provinces()
    ex.authors = [PersonRef(name, places.main) for name in article.authors]
    if article.outlet:
        ex.publisher = Org(article.outlet, "outlet", english="News outlet")
    for component in COMPONENTS:
        component(ex, places)
    return ex
