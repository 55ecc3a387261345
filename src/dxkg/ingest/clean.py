"""Stage 2, clean: raw text -> the article's own text, split into sentences.

Unicode is normalised (text.normalize), words broken across lines are joined,
and the page around the article is set aside by where each line sits and what
shape it has (`shapes`):

- the header, every line above the lead (the first paragraph of prose): menus,
  banners, date stamps, bylines and the headline — the title line next to the
  page's date stamp, else the longest line; lines above the headline are the
  site's, lines below it (a caption, a sapo) the article's;
- the body, from the lead to the end of the article: a byline, a source line
  ("Theo Báo X"), an author field or the "related articles" tail. Inside it,
  widget lines, date stamps, counters, related-article links, a repeated title
  or lead, photo credits and list numbers are furniture;
- the closing, after the end: only its bylines, date stamps and author fields
  are read; the site's next article that may follow is not.

Furniture is kept on the Article for metadata only; no extractor reads it.
Sentences keep character offsets into `Article.text`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicon
from ..lang import dates
from ..lang.text import UPPER, fold, normalize
from ..model import Article, Sentence
from . import shapes
from .read import RawArticle, shown

_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\b\s*", re.I)
_BROKEN_WORD = re.compile(r"(?<=\s)(\w)\n(?=[a-zà-ỹđ])")
_AUTHOR_KEYS = ("tác giả", "bài", "tin", "bài và ảnh", "bài, ảnh", "tin và ảnh", "tin, ảnh", "thực hiện",
                "nhóm phóng viên", "nhóm pv")
_FURNITURE_KINDS = {"debris", "counter", "bar", "widget", "contact", "menu", "related", "masthead"}


@dataclass
class Page:
    """What cleaning learns about the page besides the article text."""

    header_date: str | None = None
    printed_dates: list[str] = field(default_factory=list)  # every date stamp, in page order
    own_dates: list[str] = field(default_factory=list)  # stamps by the title or the byline: the article's
    clock_dates: list[str] = field(default_factory=list)  # a site clock above the title (the time of the visit)
    meta: dict[str, str] = field(default_factory=dict)  # "tác giả" -> "Lê Tuấn Kiệt", "nguồn" -> ...
    byline: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # people named by photo credits: never authors
    source: str | None = None  # "Báo Thanh Hóa" from a closing "Theo Báo Thanh Hóa"
    dateline: str | None = None  # the outlet's tag opening the lead: "GLO" from "(GLO)-"
    furniture: list[str] = field(default_factory=list)


def clean(raw: RawArticle) -> tuple[Article, Page]:
    page = Page()
    text = normalize(raw.text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BROKEN_WORD.sub(r"\1", text)  # "ư\nu tiên" -> "ưu tiên"
    if m := _HEADER_DATE.match(text):
        page.header_date = m.group(1)
        text = text[m.end():]
    lines = []
    for line in text.split("\n"):
        line, cut = shapes.strip_inline(line.strip())
        page.furniture += cut
        lines += shapes.widget_parts(line)  # "Đăng ngày: … | Lượt xem: …": each widget read on its own
    lead = next((i for i, ln in enumerate(lines) if shapes.kind(ln) is None and shapes.is_prose(ln)), len(lines))
    lines = lines[:lead] + _before_tail(lines[lead:], page)  # "Tin mới" in a menu above the lead is no tail
    headline, kept = _header(lines[:lead], page, raw.title)
    paragraphs = _body(kept + lines[lead:], page, headline)
    if paragraphs and (tag := shapes.outlet_tag(paragraphs[0])):
        page.dateline, paragraphs[0] = tag[0], tag[1].strip()
        paragraphs = [p for p in paragraphs if p]
    if not headline:
        first = split_sentences(paragraphs[:1])
        headline = _shorten(first[0].text) if first else ""
    paragraphs = [re.sub(r"\s*\./\.\s*$", ".", p) for p in paragraphs]  # "./." closes many articles
    body = "\n".join(paragraphs)
    article = Article(source_file=shown(raw.path.name), text=body, sentences=split_sentences(paragraphs),
                      headline=headline, furniture=page.furniture, printed_dates=page.printed_dates,
                      source_url=raw.url)
    return article, page


def _before_tail(lines: list[str], page: Page) -> list[str]:
    """The page up to the "related articles" tail; the tail lists other articles."""
    for i, line in enumerate(lines):
        if shapes.kind(line) == "tail":
            page.furniture += [ln for ln in lines[i:] if ln]
            return lines[:i]
    return lines


# ------------------------------------------------------------------ the header

def _header(lines: list[str], page: Page, title: str | None) -> tuple[str, list[str]]:
    """The headline and the header lines that belong to the article (a caption, a sapo under the title)."""
    kinds = [shapes.kind(ln) for ln in lines]
    stamps = [i for i, k in enumerate(kinds) if k == "date"]
    candidates: list[int] = []
    for i, (line, k) in enumerate(zip(lines, kinds)):
        if k in ("blank", "date"):
            continue
        if k is None and shapes.outlet_tag(line) and not shapes.outlet_tag(line)[1].strip():
            page.dateline = shapes.outlet_tag(line)[0]  # "(VTC News) -" alone above the lead
            page.furniture.append(line)
        elif k is None and (names := shapes.name_parts(line)) and _next_to(i, stamps, lines):
            page.byline += names  # "Trung Hà" over the date stamp
            page.furniture.append(line)
        elif k is None:
            candidates.append(i)
        else:
            _side_line(line, k, page)
    if title:
        headline = normalize(title).strip()
        at = next((i for i in candidates if fold(lines[i]) == fold(headline)), None)
    else:
        at = _headline_at(lines, candidates, stamps)
        headline = lines[at] if at is not None else ""
    for i in stamps:
        stamp = lines[i]
        page.printed_dates.append(stamp)
        page.furniture.append(stamp)
        # a clock above the title is the site's, when the title has its own stamp below it
        above_title = at is not None and i < at and any(j > at for j in stamps)
        (page.clock_dates if above_title else page.own_dates).append(stamp)
    kept = []
    for i in candidates:
        if i == at:
            continue
        if at is not None and i < at or at is None and shapes.words(lines[i]) < 4:
            page.furniture.append(lines[i])  # menus and banners above the title
        else:
            kept.append(lines[i])
    return headline, kept


def _headline_at(lines: list[str], candidates: list[int], stamps: list[int]) -> int | None:
    """The title: next to a date stamp (no other text between), else above one, else the longest line."""
    titles = [i for i in candidates if shapes.words(lines[i]) >= 4]
    if not titles:
        return None
    longest = lambda found: max(found, key=lambda i: (shapes.words(lines[i]), i))  # noqa: E731
    beside = [i for i in titles for s in stamps if not any(min(i, s) < c < max(i, s) for c in candidates)]
    if beside:
        return longest(beside)
    above = [i for i in titles if stamps and i < stamps[-1]]
    return above[-1] if above else longest(titles)


def _next_to(i: int, stamps: list[int], lines: list[str]) -> bool:
    """Whether line i is next to a date stamp (blank lines aside)."""
    for s in stamps:
        lo, hi = sorted((i, s))
        if all(not ln for ln in lines[lo + 1:hi]):
            return True
    return False


def _side_line(line: str, kind: str | None, page: Page) -> None:
    """Furniture that still says something: author fields, sources, credits."""
    page.furniture.append(line)
    if kind == "meta":
        key, value = shapes.meta(line)
        page.meta.setdefault(key, value)
    elif kind == "source":
        page.source = page.source or shapes.source(line)
    elif kind == "credit":
        page.credits += shapes.credit_names(shapes.split_credit(line)[1] or "")
    elif kind == "date":
        page.printed_dates.append(line)
        page.own_dates.append(line)


# ------------------------------------------------------------------ the body and the closing

def _body(lines: list[str], page: Page, headline: str) -> list[str]:
    body: list[str] = []
    closed = beyond = False
    for i, line in enumerate(lines):
        k = shapes.kind(line)
        if k == "blank":
            continue
        if closed:  # after the byline: author fields and the stamp by it; then the site's next article
            beyond = beyond or (k is None and not shapes.name_parts(line))
            if k in ("meta", "source", "date", "credit") and not beyond:
                _side_line(line, k, page)
            elif not beyond and (names := shapes.name_parts(line)) and not page.byline:
                page.byline += names
                page.furniture.append(line)
            else:
                page.furniture.append(line)
            continue
        if k == "meta" and shapes.meta(line)[0] in _AUTHOR_KEYS + ("nguồn", "theo"):
            _side_line(line, k, page)
            closed = _ends_article(lines[i + 1:])
        elif k == "source" and _ends_article(lines[i + 1:]):
            _side_line(line, k, page)  # "Theo Báo X" closing the text; inside it, "Theo Nghị quyết 57" is text
            closed = True
        elif k == "source":
            _body_line(line, body, page, headline)
        elif k is not None:
            _side_line(line, k, page)
        elif (names := shapes.name_parts(line)) and len(body) >= 2 and _ends_article(lines[i + 1:]):
            page.byline += names
            page.furniture.append(line)
            closed = True
        else:
            _body_line(line, body, page, headline)
    return _trailing_unit(body, page)


def _ends_article(rest: list[str]) -> bool:
    """After a name alone: nothing of this article follows, only furniture or the next article's lead."""
    for line in rest:
        k = shapes.kind(line)
        if k == "blank" or k in _FURNITURE_KINDS | {"meta", "source", "date", "credit"}:
            continue
        first = split_sentences([line])[:1]
        if first and dates.event_date(first[0].text) or shapes.outlet_tag(line):
            return True  # "Chiều 4/5, thông tin từ ...": the lead of the site's next article
        if shapes.is_prose(line):
            return False
    return True


def _body_line(line: str, body: list[str], page: Page, headline: str) -> None:
    text, credit = shapes.split_credit(line)
    if credit:
        page.furniture.append(credit)
        page.credits += shapes.credit_names(credit)
    text = shapes.strip_enumerator(text)
    if not text or not re.search(r"\w", text):
        return
    key = fold(text)
    if key == fold(headline):
        page.furniture.append(line)  # the title printed again over a photo
        return
    for earlier in body:  # a caption or a lead printed twice (the second copy may be cut short)
        seen = fold(earlier)
        if key == seen or (len(key) >= 40 and (seen.startswith(key) or key.startswith(seen) and len(seen) >= 40)):
            page.furniture.append(line)
            return
    body.append(text)


def _trailing_unit(body: list[str], page: Page) -> list[str]:
    """Short lines closing the text: a byline the walk could not tell, the author's unit."""
    heads = [h.head for h in lexicon.org_heads().values()]
    while body and shapes.words(body[-1]) <= 8 and not shapes.is_prose(body[-1]):
        last = body[-1]
        if any(last.startswith(h + " ") for h in heads) and page.byline:
            page.furniture.append(last)  # the author's unit: "Ban Tuyên giáo Tỉnh ủy"
        elif (names := shapes.name_parts(last)) and len(body) >= 2:
            page.byline = names + page.byline
            page.furniture.append(last)
        else:
            break
        body.pop()
    return body


def _shorten(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.vn|com\.vn|vn|com|net|org)\b\S*")
# dotted initials and acronyms ("S.T.I.D", "Đ.T.B"): their dots end no sentence
_INITIALS = re.compile(rf"(?<!\w)(?:[{UPPER}]\.)+[{UPPER}](?!\w)")
_DOT = "\ue000"  # a dot inside a web address, hidden from the sentence splitter (same length: offsets hold)


def split_sentences(paragraphs: list[str]) -> list[Sentence]:
    from underthesea import sent_tokenize

    out: list[Sentence] = []
    offset = 0
    for number, para in enumerate(paragraphs):
        cursor = 0
        hidden = _WEB_ADDRESS.sub(lambda m: m.group(0).replace(".", _DOT), para)
        hidden = _INITIALS.sub(lambda m: m.group(0).replace(".", _DOT), hidden)
        for sent in (x.replace(_DOT, ".") for x in sent_tokenize(hidden)):
            at = para.find(sent, cursor)
            if at < 0:  # the tokenizer changed spacing: fall back to the rest of the paragraph
                at, sent = cursor, para[cursor:].strip()
            out.append(Sentence(sent, offset + at, number))
            cursor = at + len(sent)
        offset += len(para) + 1
    return out
