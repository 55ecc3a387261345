"""Provinces and centrally-run cities named in the article's own text.

A name is looked up in the gazetteer (`data/provinces.tsv`). Where a name
belongs to both maps (Gia Lai before and after the 1 July 2025 merger), the
article's date chooses the unit. A province name inside a person's name
("Nguyễn Thái Bình") is not a mention.
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..model import Article, ProvinceRef

MERGER = (2025, 7)


@cache
def _pattern() -> re.Pattern:
    return re.compile(r"(?<!\w)(" + lexicon.alternation(lexicon.province_names()) + r")(?!\w)")


def unit_for(name: str, article: Article) -> ProvinceRef:
    units = lexicon.province_names()[name]
    after = article.published is not None and (article.published.year, article.published.month or 1) >= MERGER
    wanted = ("34", "63+34") if after else ("63", "63+34")
    unit = next((u for u in units if u.era in wanted), units[0])
    return lexicon.province_ref(unit.id)


def mentions(article: Article, text: str, offset: int = 0) -> list[tuple[int, ProvinceRef]]:
    """(offset, province) for each province name in text."""
    out = []
    for m in _pattern().finditer(text):
        if _inside_person_name(text, m.start()):
            continue
        out.append((offset + m.start(), unit_for(m.group(1), article)))
    return out


def _inside_person_name(text: str, at: int) -> bool:
    before = text[max(0, at - 30):at].split()
    if not before or not before[-1][:1].isupper() or before[-1].lower() in {"tỉnh", "tp.", "tp", "thành"}:
        return False
    run = []
    for w in reversed(before):
        if not w[:1].isupper() or not w.isalpha():
            break
        run.insert(0, w)
    return bool(run) and run[0] in lexicon.surnames()


class Places:
    """Where each sentence of an article is: the provinces it names, else the article's own."""

    def __init__(self, article: Article):
        self.found = mentions(article, article.text)
        self.in_headline = mentions(article, article.headline, offset=-1)
        counts: dict[ProvinceRef, int] = {}
        for _, p in self.in_headline + self.found:
            counts[p] = counts.get(p, 0) + 1
        self.main = max(counts, key=lambda p: (counts[p], -self._first(p))) if counts else None

    def _first(self, p: ProvinceRef) -> int:
        return min(at for at, q in self.in_headline + self.found if q == p)

    def provinces(self) -> list[ProvinceRef]:
        return list(dict.fromkeys(p for _, p in self.in_headline + self.found))

    def at(self, start: int, end: int) -> ProvinceRef | None:
        """The province a span is about: the nearest one named in its sentence before it, else the main one."""
        before = [p for at, p in self.found if start <= at < end]
        return before[-1] if before else self.main

    def near(self, sentence_start: int, sentence_end: int, at: int) -> ProvinceRef | None:
        inside = [(abs(a - at), p) for a, p in self.found if sentence_start <= a < sentence_end]
        return min(inside, key=lambda t: t[0])[1] if inside else self.main
