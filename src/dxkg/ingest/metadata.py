"""Headline, publication date, authors and outlet, from the page around the text.

The publication date takes the best evidence there is, at the precision it
allows: the page's metadata or a printed date (xsd:date), a "date 2022-11"
header (as given), otherwise the years and the day-month dates the text
itself uses (a meeting "Sáng 24-11" reported about the results of 2022 ->
2022-11), and last the year of the site's visit counter.
"""
from __future__ import annotations

import re

from .. import lexicon
from ..lang import dates
from ..lang.text import normalize, title_case
from ..model import Article, PartialDate
from .clean import Page
from .read import RawArticle


def annotate(article: Article, page: Page, raw: RawArticle) -> None:
    article.published = published(article, page, raw)
    article.authors = authors(page, raw)
    article.outlet = outlet(page, raw)


def published(article: Article, page: Page, raw: RawArticle) -> PartialDate | None:
    for found in (raw.date and dates.parse_iso(raw.date),
                  page.header_date and dates.parse_iso(page.header_date),
                  *(dates.parse_printed(p) for p in page.printed_dates)):
        if found:
            return found
    return _inferred(article) or _counter_year(page)


def _inferred(article: Article) -> PartialDate | None:
    text = article.headline + "\n" + article.text
    years = dates.current_years(text)
    if not years:
        return None
    year = years[-1]
    # a meeting the article reports ("Sáng 24-11") happened shortly before it was written
    for _m, _day, month, y in dates.day_months(article.text):
        if y is None or y == year:
            return PartialDate(year, month)
        break
    return PartialDate(year)


def _counter_year(page: Page) -> PartialDate | None:
    for line in page.furniture:
        if m := re.match(r"^năm\s+((?:19|20)\d{2})\s*:", line, re.I):
            return PartialDate(int(m[1]))
    return None


def authors(page: Page, raw: RawArticle) -> list[str]:
    named = [normalize(a).strip() for a in re.split(r"[,;]| và ", page.meta.get("tác giả", "")) if a.strip()]
    if raw.author:
        named += [normalize(a).strip() for a in re.split(r"[,;]", raw.author) if a.strip()]
    for name in page.byline:
        name = title_case(name) if name.isupper() else name
        # "Tuấn Kiệt" closing the text is the "Lê Tuấn Kiệt" of the author field
        if not any(n == name or n.endswith(" " + name) for n in named):
            named.append(name)
    return list(dict.fromkeys(named))


def outlet(page: Page, raw: RawArticle) -> str | None:
    known = lexicon.outlets()
    if page.dateline and page.dateline in known:
        return known[page.dateline]
    if src := page.meta.get("nguồn"):
        return known.get(src.strip(), src.strip())
    for line in page.furniture:
        if m := re.search(r"theo dõi\s+(báo\s+.+?)\s+trên", line, re.I):
            return m[1][0].upper() + m[1][1:]
    return normalize(raw.sitename) if raw.sitename else None
