"""Whether an article is about digital transformation: a site's crawl or a web archive holds mostly other news.

An article is built when its headline names the topic or its text does at least twice, once for a brief
(`topic_terms.txt`); any other is off topic, and the build counts it with this reason and leaves it out (`dxkg build --all` keeps it).
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..model import Article

BRIEF = 800  # characters: a brief's one mention of the topic is its subject, a long article's is in passing


@cache
def _terms() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + lexicon.alternatives("topic_terms") + r")(?!\w)", re.I)


def off_topic(article: Article) -> str | None:
    """None for an article about digital transformation, else why it is not."""
    if article.headline and article.headline not in article.text and _terms().search(article.headline):
        return None  # a headline that names the topic (not the text's first line, counted below)
    found = len(_terms().findall(article.text))
    if found >= (1 if len(article.text) < BRIEF else 2):
        return None
    return "off topic: " + ("no word of digital transformation" if not found else
                            "digital transformation named once, in passing")
