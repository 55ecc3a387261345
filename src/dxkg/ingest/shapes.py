"""The shapes of the lines a news page wraps around its article.

A page is read line by line. What a line *is* shows in its shape, not in which
site printed it: a date stamp is nothing but a date, clock times and date words;
a menu is short words split by "|" or ">>"; a widget line opens with a widget
word ("Đọc báo in", "Hotline:", "Tin đã đưa"); a byline is a name alone; an
outlet's tag opens the lead ("(VTC News) -", "BDK - "). Prose — the article —
is long, or a clause closed by a full stop.
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..lang import dates
from ..lang.text import LOWER, UPPER, fold

_WORD = re.compile(r"\w+(?:[.'’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…:;]\s*[”\"’')]*$|\.\.\.$")
_META = re.compile(r"^(tác giả|nguồn|bài và ảnh|bài, ảnh|bài và ảnh|tin và ảnh|tin, ảnh|bài|tin|thực hiện|"
                   r"nhóm phóng viên|nhóm pv|theo)\s*:\s*(.+)$", re.I)
# a source line closing the text: "Theo Báo Thanh Hóa", "Theo TTXVN", "Theo baochinhphu.vn"
_SOURCE = re.compile(rf"^(?:theo|nguồn)\s+(?P<src>(?:[{UPPER}\d][\w.&+-]*|[a-z0-9-]+\.[a-z.]+)(?:\s+[\w.&+-]+){{0,5}})\.?$",
                     re.I)
_SOURCE_START = re.compile(rf"^(?:[Tt]heo|[Nn]guồn)\s+(?:[{UPPER}\d]|[a-z0-9-]+\.[a-z])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)\d{1,3}(?:[ .-]?\d{2,4}){2,4}(?!\d)")
_BREADCRUMB = re.compile(r"\s*(?:>>|»|›|→|\s>\s)\s*")
_DEBRIS = re.compile(r"^[\W_]*$|^\{[^{}]*\}$")
_RELATED = re.compile(r"^\[[^\[\]]{8,}\]$|^(?:>>\s*)?(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|mời xem|>>)\s*:?\s*\S.*$",
                      re.I)
# an outlet's own tag opening the lead: "(GLO)-", "(VTC News) -", "BDK - ", "Kinhtedothi - "
_TAG = re.compile(rf"^(?:\((?P<p>[{UPPER}][^()\d]{{0,28}})\)\s*[-–—:]?|(?P<w>[{UPPER}][\w.+]{{1,19}})\s+[-–—])\s*")
_ENUMERATOR = re.compile(rf"^(?:\d{{1,2}}|[IVX]{{1,4}})[.)]\s+(?=[{UPPER}])")
# what the author did, after the name: "Lan Phương (thực hiện)", "Minh Anh (tổng hợp)"
_ROLE_NOTE = re.compile(r"\s*\((?:thực hiện|tổng hợp|lược ghi|ghi|tin|bài|ảnh|bài và ảnh|tin và ảnh|TH)\)\s*$", re.I)
_NAME_TOKEN = re.compile(rf"^(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}}|(?:[{UPPER}]\.){{1,3}}[{UPPER}]?\.?)$")


def words(line: str) -> int:
    return len(_WORD.findall(line))


def is_prose(line: str) -> bool:
    """A paragraph of the article: long, or a clause closed by sentence punctuation."""
    n = words(line)
    return n >= 30 or (n >= 10 and bool(_SENTENCE_END.search(line)))


@cache
def _furniture(kind: str) -> list[re.Pattern]:
    return [p for k, p in lexicon.furniture() if k == kind]


@cache
def _credit_at_end() -> list[re.Pattern]:
    return [re.compile(r"(?:" + p.pattern + r")$", re.I) for p in _furniture("credit")]


@cache
def _widget() -> re.Pattern:
    by_kind = {k: [w for kind, w in lexicon.widget_words() if kind == k] for k in ("start", "label", "alone")}
    return re.compile(r"^(?:(?:" + lexicon.alternation(by_kind["start"]) + r")(?!\w)"
                      r"|(?:" + lexicon.alternation(by_kind["label"]) + r")\s*:"
                      r"|(?:" + lexicon.alternation(by_kind["alone"]) + r")\W*$)", re.I)


def is_widget(line: str) -> bool:
    return bool(_widget().search(line))


# widgets printed side by side on one line: "Đăng ngày: 28/12/2023 09:15 | Lượt xem: 3.872"
_WIDGET_JOIN = re.compile(r"\s*[|•·]\s*")
_SAYING_KINDS = {"date", "counter", "meta", "source", "widget", "contact", "bar", "credit", "masthead"}


def widget_parts(line: str) -> list[str]:
    """A line of widgets set side by side, as one line per widget; any other line as it is.

    Each part is classified by its own shape: the date stamp is read, the counter
    dropped, a name beside the stamp is the byline. A line with any part that is
    text (a table row "Hà Nội | 95%") stays whole.
    """
    if not _WIDGET_JOIN.search(line) or kind(line) is not None:
        return [line]
    parts = [p.strip() for p in _WIDGET_JOIN.split(line) if p.strip()]
    kinds = [kind(p) for p in parts]
    if len(parts) < 2 or not any(k in _SAYING_KINDS for k in kinds):
        return [line]
    if all(k is not None or name_parts(p) for p, k in zip(parts, kinds)):
        return parts
    return [line]


@cache
def _masthead() -> re.Pattern:
    heads = [w for k, w in lexicon.widget_words() if k == "masthead"]
    return re.compile(r"^(?:" + lexicon.alternation(heads) + r")\s+(?P<name>[^\d:;,!?()]{2,60})$", re.I)


def is_masthead(line: str) -> bool:
    """An outlet's name alone on a line ("BÁO PHÚ THỌ", "Đài Phát thanh và Truyền hình Nghệ An"): never a byline.

    The outlet's kind opens it, then a name whose every word is capitalised
    ("Báo cáo kết quả" and "Báo chí cách mạng" are text).
    """
    m = _masthead().match(line.strip())
    return bool(m) and all(t[0].isupper() or t in _NAME_JOINERS for t in m["name"].split())


_NAME_JOINERS = ("và", "&", "-", "–", "tỉnh", "thành phố")


def strip_inline(line: str) -> tuple[str, list[str]]:
    """The line without widget text set inside it ("(Lượt xem: 776)", "![](…)", "{keywords}")."""
    cut: list[str] = []
    for p in _furniture("inline"):
        cut += [m.group(0).strip() for m in p.finditer(line)]
        line = p.sub(" ", line)
    if cut:  # "xếp hạng 32/63 (ảnh), tăng" -> "xếp hạng 32/63, tăng"
        line = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", line))
    return line.strip(), cut


def split_credit(line: str) -> tuple[str, str | None]:
    """'Quang cảnh hội nghị. Ảnh: Hồng Giang' -> ('Quang cảnh hội nghị.', 'Ảnh: Hồng Giang')."""
    for p in _credit_at_end():
        if (m := p.search(line)) and (m.start() == 0 or not line[m.start() - 1].isalnum() or not m.group(0)[0].isalnum()):
            return line[:m.start()].rstrip(" -–"), m.group(0).strip(" .–-")
    return line, None


def credit_names(credit: str) -> list[str]:
    """The people a photo credit names ('Ảnh: Hồng Giang - Đức Lam' -> both): never authors."""
    _, _, who = credit.partition(":")
    return [n.strip(" ()") for n in re.split(r"\s+[-–]\s+|,|\s+và\s+", who) if n.strip(" ()")]


def strip_enumerator(line: str) -> str:
    """'1. Chuyển đổi số cấp huyện' -> 'Chuyển đổi số cấp huyện': a list number is layout, not a figure."""
    return _ENUMERATOR.sub("", line)


def kind(line: str) -> str | None:
    """What a line of the page is, by its shape; None for the article's own text."""
    if not line:
        return "blank"
    if _DEBRIS.match(line):
        return "debris"
    if _META.match(line):
        return "meta"
    for k in ("tail", "counter", "bar"):
        if any(p.fullmatch(line) for p in _furniture(k)):
            return k
    if dates.date_stamp(line):
        return "date"
    if is_masthead(line):
        return "masthead"
    if source(line) and words(line) <= 7:
        return "source"
    if _RELATED.match(line):
        return "related"
    n = words(line)
    if n <= 12 and not is_prose(line):
        if is_widget(line) or re.search(r"(?:tại|vào) đây\W*$", line, re.I):
            return "widget"
        if _EMAIL.search(line) or _PHONE.search(line):
            return "contact"
        if _is_menu(line):
            return "menu"
    if split_credit(line)[0] == "" and split_credit(line)[1]:
        return "credit"
    return None


def _is_menu(line: str) -> bool:
    """Short items split by ">>", "»" or "|" ("Trang chủ >> Tin tức", "Đăng ký|Đăng nhập"); a table row has figures."""
    if re.search(r"\d", line):
        return False
    for sep in (_BREADCRUMB, re.compile(r"\s*\|\s*")):
        parts = [p for p in sep.split(line) if p.strip()]
        if len(parts) >= 2 and len(sep.findall(line)) >= (2 if sep is _BREADCRUMB and ">>" not in line
                                                          and "»" not in line and "›" not in line else 1):
            if all(words(p) <= 5 for p in parts):
                return True
    return False


def meta(line: str) -> tuple[str, str] | None:
    """('tin, ảnh', 'TẤN ANH') for 'Tin, ảnh: TẤN ANH'."""
    if m := _META.match(line):
        value = re.sub(r"\s*sao chép liên kết\s*$", "", m.group(2), flags=re.I).strip()
        return m.group(1).lower(), value
    return None


def source(line: str) -> str | None:
    """'Báo Thanh Hóa' for a closing 'Theo Báo Thanh Hóa'."""
    m = _SOURCE.match(line)
    return m["src"].strip() if m and _SOURCE_START.match(line) else None


def outlet_tag(line: str) -> tuple[str, str] | None:
    """('VTC News', rest) for '(VTC News) - rest', ('BDK', rest) for 'BDK - rest'."""
    m = _TAG.match(line)
    if not m:
        return None
    tag = (m["p"] or m["w"]).strip()
    if m["w"] and not (tag.isupper() or tag in lexicon.outlets() or (tag[1:].islower() and len(tag) >= 6)):
        return None  # "Hà - ..." is text; a bare tag is a code ("BDK") or a one-word brand ("Kinhtedothi")
    if m["p"] and (words(tag) > 4 or not line[m.end():].strip() and not re.search(r"[-–—:]\s*$", line)):
        return None
    return tag, line[m.end():]


def without_role_note(name: str) -> str:
    """'Lan Phương (thực hiện)' -> 'Lan Phương': what the author did is no part of the name."""
    return _ROLE_NOTE.sub("", name)


def name_parts(line: str) -> list[str] | None:
    """The names of a byline ('Đoàn Bình – Huy Toàn', 'PHƯƠNG LINH'), or None if the line is not one."""
    line = without_role_note(line.strip()).rstrip(".")
    if not line or is_masthead(line) or words(line) > 9 or re.search(r"\d|[:;!?\"“”()]", line):
        return None
    parts = [p.strip() for p in re.split(r"\s*[-–]\s+|\s+[-–]\s*|,\s*|\s+và\s+", line) if p.strip()]
    if not parts:
        return None
    provinces = lexicon.province_names()
    honorifics = {fold(h) for h in lexicon.honorifics()}
    for p in parts:
        toks = p.split()
        if not 2 <= len(toks) <= 4 or not all(_NAME_TOKEN.match(t) for t in toks):
            return None
        if p in provinces or is_widget(p) or fold(p) in lexicon.not_persons() or fold(toks[0]) in honorifics:
            return None
    return parts
