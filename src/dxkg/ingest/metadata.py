"""Headline, publication date, authors and outlet, from the page around the text.

The publication date takes the best evidence there is, at the precision it
allows, and no date rather than a guess:

1. the page's metadata, a "date 2022-11" header, the article's own date stamp
   (by the title or the byline; a site clock above the title only when there is
   no other stamp) -> as printed;
2. the event the lead reports ("Ngày 18/5, ...", "Mới đây, chiều 22/3/2023, ...",
   "Sáng nay (21/11), ...") -> its month, or its day when the text says it is
   today ("nay") or yesterday ("qua"); an event without a year takes it from its
   own sentence ("... năm 2025") or from what the text reports as over;
3. the article's own period ("quý II/2024", "dự kiến trong năm 2019"), a coming
   event's year, or what the text reports as over (a data cut-off "đến ngày
   14-11-2024", "Đến cuối năm 2024, ... đạt", the provinces as merged in 2025)
   -> the year;
4. the year of the site's visit counter.

Years of figures and targets are never the publication date; nor are the
dates of the documents the text cites (they only bound it from below).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon
from ..lang import dates
from ..lang.text import fold, normalize, title_case
from ..model import Article, PartialDate
from . import shapes
from .clean import Page
from .read import RawArticle

_LEAD_SENTENCES = 8  # the event an article reports is dated in its first sentences
_AUTHOR_KEYS = ("tác giả", "bài", "tin", "bài và ảnh", "bài, ảnh", "tin và ảnh", "tin, ảnh", "thực hiện")


def finish(draft: Article, page: Page, raw: RawArticle) -> Article:
    """The article with what the page says about it: its date, its authors, its outlet."""
    return replace(draft, published=published(draft, page, raw), authors=authors(page, raw),
                   outlet=outlet(page, raw))


def published(article: Article, page: Page, raw: RawArticle) -> PartialDate | None:
    for found in (raw.date and dates.parse_iso(raw.date),
                  page.header_date and dates.parse_iso(page.header_date),
                  *(dates.parse_printed(p) for p in page.own_dates)):
        if found:
            return found
    clock = next((d for d in map(dates.parse_printed, page.clock_dates) if d), None)
    return _from_text(article, clock) or clock or _counter_year(page)


def _from_text(article: Article, clock: PartialDate | None) -> PartialDate | None:
    text = article.headline + "\n" + article.text
    floor, recent = _lower_bound(text), _lower_bound(text, recent=True)
    event = _lead_event(article, floor, recent, clock)
    if event:
        return event
    cues = dates.year_cues(text)
    own = sorted({y for kind, y in cues if kind == "current" and y})
    if own and (floor is None or own[-1] >= floor.year):
        return PartialDate(own[-1])
    coming = _coming_year(article)
    if coming:
        return PartialDate(coming)
    # what the text reports as over, when it is fresh news (a cut-off, a year ended, the 2025 provinces)
    fresh = [d.when for d in dates.full_dates(text) if d.role == "cutoff"]
    fresh += [PartialDate(y + 1) for kind, y in cues if kind == "past_end" and y]
    fresh += [PartialDate(2025, 7, 1) for kind, _ in cues if kind == "merger"]
    if fresh:
        latest = max(fresh)
        if floor is None or latest.year >= floor.year:
            return PartialDate(latest.year)
    return None


def _lower_bound(text: str, recent: bool = False) -> PartialDate | None:
    """The latest day the text shows as past: documents cited, data cut-offs, indices of a year over, the merger.

    With `recent`, only what news reports while it is fresh (a cut-off, a year just over, an index
    edition): a document or the 2025 merger is cited for years, so it bounds the date but cannot give
    a day and month its year.
    """
    bounds = [d.when for d in dates.full_dates(text) if d.role == "cutoff" or d.role == "document" and not recent]
    for kind, y in dates.year_cues(text):
        if kind in ("past_end", "index") and y:
            bounds.append(PartialDate(y + 1, 1, 1))
        elif kind == "merger" and not recent:
            bounds.append(PartialDate(2025, 7, 1))
    return max(bounds) if bounds else None


def _lead_event(article: Article, floor: PartialDate | None, recent: PartialDate | None,
                clock: PartialDate | None) -> PartialDate | None:
    for n, s in enumerate(article.sentences[:_LEAD_SENTENCES]):
        event = dates.event_date(s.text, anywhere=n == 0)
        if event is None:
            continue
        if event.upcoming:
            return None  # a coming event dates the article only to its year (see _coming_year)
        year = event.year or _event_year(event, s.text, recent, clock)
        if year is None or not dates.valid(year, event.month, event.day):
            return None
        when = PartialDate(year, event.month, event.day)
        if clock and when > clock or floor and when < floor:
            return None  # after the visit, or before what the text cites: not the news it reports
        if event.relative:
            return dates.relative_day(event, year)
        # a lead that opens on the day's event ("Sáng 21/10, …") is that day's news; an event told later
        # in the lead, or "Mới đây," / "Vừa qua,", dates the news only to its month
        return when if n == 0 and event.opens else PartialDate(year, event.month)
    return None


def _event_year(event: dates.EventDate, sentence: str, floor: PartialDate | None,
                clock: PartialDate | None) -> int | None:
    """The year of a day and month printed without one."""
    if clock:
        return dates.resolve_day_month(event.day, event.month, None, clock).year
    years = dates.sentence_years(sentence)
    if years:
        return years[-1]
    if floor and floor.month is not None:  # the first such day after what the text reports as over
        return floor.year if (event.month, event.day) >= (floor.month, floor.day or 1) else floor.year + 1
    return None


def _coming_year(article: Article) -> int | None:
    """The year of an event the lead announces as coming ("Theo kế hoạch, từ ngày 22 - 24.5.2024 ... sẽ")."""
    for s in article.sentences[:_LEAD_SENTENCES]:
        event = dates.event_date(s.text)
        if event and event.upcoming and event.year:
            return event.year
    return None


def _counter_year(page: Page) -> PartialDate | None:
    for line in page.furniture:
        if m := re.match(r"^năm\s+((?:19|20)\d{2})\s*:", line, re.I):
            return PartialDate(int(m[1]))
    return None


# ------------------------------------------------------------------ people and outlets

def authors(page: Page, raw: RawArticle) -> list[str]:
    named: list[str] = []
    for key in _AUTHOR_KEYS:
        named += _names(page.meta.get(key, ""))
    if raw.author:
        named += [normalize(a).strip() for a in re.split(r"[,;]", raw.author) if a.strip()]
    for name in page.byline:
        name = _proper(name)
        # "Tuấn Kiệt" closing the text is the "Lê Tuấn Kiệt" of the author field
        if not any(n == name or n.endswith(" " + name) for n in named):
            named.append(name)
    # an outlet's tag or name is not a person ("(Thanh tra) -", "Theo Báo Thanh Hóa")
    not_people = {fold(x) for x in (page.dateline or "", page.source or "", *lexicon.outlets(),
                                    *lexicon.outlets().values())}
    # nor is a masthead ("BÁO PHÚ THỌ" printed over the date stamp)
    return [n for n in dict.fromkeys(named) if fold(n) not in not_people and not shapes.is_masthead(n)]


def _names(value: str) -> list[str]:
    names = (shapes.without_role_note(normalize(a).strip()) for a in re.split(r"[,;]|\s+[-–]\s+| và ", value))
    return [_proper(a) for a in names if a]


def _proper(name: str) -> str:
    """'TẤN ANH' -> 'Tấn Anh': bylines are often printed in capitals."""
    return title_case(name) if name.isupper() else name


def outlet(page: Page, raw: RawArticle) -> str | None:
    known = lexicon.outlets()
    if page.dateline and page.dateline in known:
        return known[page.dateline]
    if src := page.meta.get("nguồn") or page.meta.get("theo"):
        return known.get(src.strip(), src.strip())
    if page.source:
        return known.get(page.source, page.source)
    for line in page.furniture:
        if m := re.search(r"theo dõi\s+(báo\s+.+?)\s+trên", line, re.I):
            return m[1][0].upper() + m[1][1:]
    if raw.sitename:
        return normalize(raw.sitename)
    return page.dateline  # the tag as printed ("VTC News", "BDK"): the outlets lexicon may name it later
