"""Stage 2, clean: raw text -> the article's own text, split into sentences.

Unicode is normalised (text.normalize), words broken across lines are joined,
and page furniture is set aside: menus and the headline above the body,
clock widgets, share bars, captions, counters, bylines and the "related
articles" tail. Furniture is kept on the Article for metadata only; no
extractor reads it. Sentences keep character offsets into `Article.text`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicon
from ..lang.text import UPPER, normalize
from ..model import Article, Sentence
from .read import RawArticle

_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\b\s*", re.I)
_DATELINE = re.compile(rf"^\(([{UPPER}][{UPPER}a-z.+/]{{1,14}})\)\s*[-–:]\s*")
_PRINTED_DATE = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ nhật|cập nhật|ngày đăng|đăng ngày|ngày)\s*:?,?\s*)?"
    r"(?:\d{1,2}:\d{2}\s*(?:\(GMT\+7\))?\s*[,|-]?\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:\(GMT\+7\)|GMT\+7)?)?$", re.I)
_META = re.compile(r"^(tác giả|nguồn|bài và ảnh|bài, ảnh|theo)\s*:\s*(.+)$", re.I)
_BYLINE_NAME = re.compile(rf"^[{UPPER}][\w']*(?:\s+[{UPPER}][\w'.]*){{0,3}}$")
_BROKEN_WORD = re.compile(r"(?<=\s)(\w)\n(?=[a-zà-ỹđ])")


@dataclass
class Page:
    """What cleaning learns about the page besides the article text."""

    header_date: str | None = None
    printed_dates: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # "tác giả" -> "Lê Tuấn Kiệt", "nguồn" -> ...
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None  # "GLO" from "(GLO)-"
    furniture: list[str] = field(default_factory=list)


def clean(raw: RawArticle) -> tuple[Article, Page]:
    page = Page()
    text = normalize(raw.text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BROKEN_WORD.sub(r"\1", text)  # "ư\nu tiên" -> "ưu tiên"
    if m := _HEADER_DATE.match(text):
        page.header_date = m.group(1)
        text = text[m.end():]
    lines = _own_lines(text.split("\n"), page)
    headline, lines = _headline(lines, page, raw.title)
    lines = _take_byline(lines, page)
    if lines and (m := _DATELINE.match(lines[0])):
        page.dateline = m.group(1)
        lines[0] = lines[0][m.end():]
    paragraphs = [re.sub(r"\s*\./\.\s*$", ".", p) for p in lines]  # "./." closes many articles
    body = "\n".join(paragraphs)
    article = Article(source_file=raw.path.name, text=body, sentences=split_sentences(paragraphs),
                      headline=headline, furniture=page.furniture, printed_dates=page.printed_dates,
                      source_url=raw.url)
    return article, page


def _own_lines(lines: list[str], page: Page) -> list[str]:
    """Body lines, with furniture moved to `page`; stops at the related-articles tail."""
    body: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line or (body and line == body[-1]):  # captions are often printed twice
            continue
        kind = _furniture_kind(line)
        if kind == "tail":
            break
        if m := _META.match(line):
            page.meta[m.group(1).lower()] = re.sub(r"\s*sao chép liên kết\s*$", "", m.group(2), flags=re.I).strip()
            page.furniture.append(line)
        elif _PRINTED_DATE.match(line):
            page.printed_dates.append(line)
            page.furniture.append(line)
        elif kind:
            page.furniture.append(line)
        else:
            body.append(line)
    return body


def _furniture_kind(line: str) -> str | None:
    for kind, pattern in lexicon.furniture():
        if pattern.fullmatch(line):
            return kind
    return None


def _headline(lines: list[str], page: Page, title: str | None) -> tuple[str, list[str]]:
    """The title line above the body; short menu lines before it are furniture."""
    if title:
        t = normalize(title).strip()
        rest = [ln for ln in lines if ln != t]
        return t, rest
    for i, line in enumerate(lines[:8]):
        n = _word_count(line)
        if 5 <= n <= 35 and not line.endswith((".", ":", ";")) and i + 1 < len(lines):
            if all(_word_count(prev) <= 5 for prev in lines[:i]):
                page.furniture += lines[:i]
                return line, lines[i + 1:]
            break
        if n > 35:
            break
    first = split_sentences(lines[:1])
    return (_shorten(first[0].text) if first else ""), lines


def _word_count(line: str) -> int:
    return sum(1 for w in line.split() if any(c.isalnum() for c in w))


def _shorten(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _take_byline(lines: list[str], page: Page) -> list[str]:
    """Short name lines closing the article ("PHƯƠNG LINH", "Đoàn Bình – Huy Toàn")."""
    heads = [h.head for h in lexicon.org_heads().values()]
    while lines and len(lines[-1].split()) <= 8:
        last = lines[-1]
        names = [n.strip() for n in re.split(r"\s+[-–]\s+|,\s*|\s+và\s+", last) if n.strip()]
        if any(last.startswith(h + " ") for h in heads):
            page.furniture.append(last)  # the author's unit: "Ban Tuyên giáo Tỉnh ủy"
        elif names and all(_BYLINE_NAME.match(n) and 2 <= len(n.split()) <= 4 for n in names):
            page.byline = names + page.byline
            page.furniture.append(last)
        else:
            break
        lines = lines[:-1]
    return lines


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.vn|com\.vn|vn|com|net|org)\b\S*")
_DOT = "\ue000"  # a dot inside a web address, hidden from the sentence splitter (same length: offsets hold)


def split_sentences(paragraphs: list[str]) -> list[Sentence]:
    from underthesea import sent_tokenize

    out: list[Sentence] = []
    offset = 0
    for number, para in enumerate(paragraphs):
        cursor = 0
        hidden = _WEB_ADDRESS.sub(lambda m: m.group(0).replace(".", _DOT), para)
        for sent in (x.replace(_DOT, ".") for x in sent_tokenize(hidden)):
            at = para.find(sent, cursor)
            if at < 0:  # the tokenizer changed spacing: fall back to the rest of the paragraph
                at, sent = cursor, para[cursor:].strip()
            out.append(Sentence(sent, offset + at, number))
            cursor = at + len(sent)
        offset += len(para) + 1
    return out
