"""Digital platforms: portals, information systems, databases, apps, e-commerce floors.

    HEAD DESCRIPTION [(ACRONYM)] [của tỉnh | tỉnh | tỉnh X | X] [do ORG quản lý] [, địa chỉ: URL]
    HEAD “BRAND” | HEAD Brand-Name

HEAD comes from `data/platforms.tsv`. A plural or generic phrase ("các hệ
thống", "hệ thống chính trị", `data/generic_platforms.txt`) is not one
platform, unless an address names it ("hộp thư điện tử (tên miền
mail.x.gov.vn)"). A name followed by its acronym in brackets ("Nền tảng tích
hợp, chia sẻ dữ liệu tỉnh (LGSP)", "Trung tâm Giám sát, điều hành thông minh
(Trung tâm IOC)") is one platform labelled by the full name, the acronym its
alternative label; a brand after a head is the platform's name ("ứng dụng
“Công dân Sóc Trăng”", "ứng dụng Hue-S"), and the brand alone names it
elsewhere in the article ("cập nhật lên Hue-S"). A name with "quốc gia" is a
national platform: one IRI across provinces. A shorter mention of a platform
the article names in full is the same platform (identity stage).
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..lang.text import LOWER, UPPER, fold
from ..model import Platform, Sentence
from . import orgs
from .component import Component, Context

URL = r"(?:https?://[^\s,;()\"“”<>]+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.vn|vn|com|net|org)(?:/[^\s,;()]*)?)"
_LIST_TAIL = re.compile(rf"(?:,\s*[{LOWER}]+(?:\s[{LOWER}]+)?)+(?=\s+(?:do|của|được|đã|đang)\b|[.;])")
# "của tỉnh", "tỉnh Gia Lai", "Gia Lai", and a bare "tỉnh" not followed by a name: the article's province
_SCOPE = re.compile(r"\s+(?:của\s+tỉnh|của\s+thành phố|(?:trên địa bàn\s+)?(?:tỉnh|thành phố)\s+(?P<named>{names})"
                    r"|(?P<bare>{names})|(?:tỉnh|thành phố)(?!\s+[" + UPPER + r"]))(?!\w)")
_OPERATOR = re.compile(r"\s+do\s+")
_SHORT_NAME = re.compile(r"(?<![\w-])(C-[A-Z][A-Za-z]+|[A-Z][A-Za-z]*-?[A-Z]{2,}[A-Za-z]*)(?![\w-])")
# a brand: one Latin word with a hyphen or a capital inside ("Hue-S", "e-Dongthap", "HueIOC", "VNeID", "eGov")
_BRAND = r"(?:[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+|[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]+[A-Za-z0-9]*)"
_BRAND_WORD = re.compile(rf"(?<![\w-])({_BRAND})(?![\w-])")
# an acronym in brackets, maybe after a head word: "(IOC)", "(Trung tâm IOC)", "(eGov)", "(TTĐT)"
_ACRONYM = rf"(?:[{UPPER}][{LOWER}]*\s+(?:[{LOWER}]+\s+)?)?(?:[A-ZĐ]{{2,}}[A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)"
# a quoted name after the head, maybe after a few lower-case words that say what it is:
# "ứng dụng “Công dân Sóc Trăng”", "ứng dụng công dân số “Bắc Ninh iSmart”"
_QUOTED = re.compile(rf"(?P<what>(?:\s+[{LOWER}]+){{0,4}}?)\s*[“\"]([^”\"]{{2,60}})[”\"]")


@cache
def _url_after() -> re.Pattern:
    labels = lexicon.alternatives("url_labels")
    return re.compile(r"\s*,?\s*(?:tại\s+)?(?:" + labels + r")\s*:?\s*(" + URL + ")"
                      r"|\s*\((?:\s*(?:" + labels + r")\s*:?)?\s*(" + URL + r")\s*\)", re.I)


@cache
def _stop() -> re.Pattern:
    """Where a platform's name ends: a verb or preposition, "và" before a capital, punctuation, a spaced dash,
    a number ("Cổng Dịch vụ công quốc gia 1.020 dịch vụ")."""
    stops = lexicon.alternatives("platform_stops")
    return re.compile(r"\s+(?:" + stops + r"|và\s+(?=[" + UPPER + r"]))\b|[,;.:()\"“”…!?]|\s+[-–]\s+|\s+\d|$")


@cache
def _plural() -> re.Pattern:
    markers = lexicon.alternatives("plural_markers")
    return re.compile(r"(?:\b(?:" + markers + r")\s+(?:[^,.;:]*,\s*)?)$", re.I)


@cache
def _head_pattern() -> re.Pattern:
    """Heads that start a descriptive name ("Hệ thống một cửa điện tử"), in the cases they may be written."""
    heads = [h for h in lexicon.table("platforms") if not h.named_only]
    variants = [h.head for h in heads] + [h.head[0].lower() + h.head[1:] for h in heads if not h.capital_only]
    return re.compile(r"(?<![\w/])(" + lexicon.alternation(variants) + r")(?!\w)")


@cache
def _any_head() -> re.Pattern:
    """Every head in any case: before a brand, a quoted name or an acronym, "nền tảng" names one too."""
    heads = [h.head for h in lexicon.table("platforms")]
    return re.compile(r"(?<![\w/])(" + lexicon.alternation(heads) + r")(?!\w)", re.I)


@cache
def _acronym_after() -> re.Pattern:
    """A description running to its acronym in brackets, with no sentence break or other platform between."""
    return re.compile(r"((?:\s+[^\s.;:()“”\"?!]+){0,14}?)\s*\(\s*(" + _ACRONYM + r")\s*\)")


@cache
def _scope_pattern() -> re.Pattern:
    names = lexicon.alternation(lexicon.province_names())
    return re.compile(_SCOPE.pattern.format(names=names))


@cache
def _generic() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.words("generic_platforms"))


@cache
def _known() -> dict[str, str]:
    """Short names -> "national" or "province" (a province runs its own: IOC, LGSP)."""
    return {r.name: r.scope or "national" for r in lexicon.table("platform_names")}


@cache
def _qualifiers() -> frozenset[str]:
    return frozenset(lexicon.words("qualifiers"))


@cache
def _named_only() -> frozenset[str]:
    return frozenset(fold(h.head) for h in lexicon.table("platforms") if h.named_only)


class Platforms(Component):
    """The digital platforms the article names, one record per mention."""

    adds = ("platforms",)

    def __call__(self, ctx: Context) -> None:
        found: list[Platform] = []
        brands: set[str] = set()
        named = {s: _named_in(ctx, s, brands) for s in ctx.article.sentences}
        for s in ctx.article.sentences:
            found += named[s]
            spans = [(p.evidence.start - s.start, p.evidence.end - s.start) for p in named[s]]
            found += [p for p in _short_names_in(ctx, s, brands)
                      if not any(a <= p.evidence.start - s.start < b for a, b in spans)]
        ctx.records.platforms = found  # every mention: the identity stage merges them


def _named_in(ctx: Context, s: Sentence, brands: set[str]) -> list[Platform]:
    """The platforms a head starts: a brand, a quoted name, a name with its acronym, a description."""
    text, found, taken = s.text, [], 0
    descriptive = {m.start() for m in _head_pattern().finditer(text)}
    for m in _any_head().finditer(text):
        if m.start() < taken:
            continue
        p = _brand_after(ctx, s, m) or _with_acronym(ctx, s, m)
        if p is None and m.start() in descriptive and not _plural().search(text[max(0, m.start() - 60):m.start()]):
            p = _read(ctx, s, _head_pattern().match(text, m.start()))
        if p is not None:
            found.append(p)
            taken = p.evidence.end - s.start
            if _BRAND_WORD.fullmatch(p.label):
                brands.add(p.label)
    return found


def _short_names_in(ctx: Context, s: Sentence, brands: set[str]) -> list[Platform]:
    """Known short names ("VNeID", "IOC"), brands named after a head elsewhere in the article ("Hue-S"), and a
    brand built on a known short name ("HueIOC")."""
    text, found = s.text, []
    for m in _BRAND_WORD.finditer(text) if brands else ():
        if m.group(1) in brands:
            found.append(Platform(m.group(1), province=ctx.near(s, m.start()), evidence=s.span(m.start(), m.end())))
    for m in _SHORT_NAME.finditer(text):
        name = m.group(1)
        if name in brands:
            continue
        scope = _known().get(name) or next((_known()[k] for k in _known() if re.search(rf"[a-z]{k}$", name)), None)
        if scope is None and not name.startswith("C-"):
            continue
        national = scope == "national"
        found.append(Platform(name, national=national, province=None if national else ctx.near(s, m.start()),
                              evidence=s.span(m.start(), m.end())))
    return found


def _brand_after(ctx: Context, s: Sentence, m: re.Match) -> Platform | None:
    """'ứng dụng “Công dân Sóc Trăng”', 'ứng dụng Hue-S', 'Trung tâm IOC': the brand is the name."""
    text, head = s.text, m.group(1)
    if (q := _QUOTED.match(text, m.end())) and q.group(2)[:1].isupper() and _describes(q["what"]):
        if fold(head) in _named_only():
            return None  # "Trung tâm “…”": a centre by a quoted name is an office, not a platform
        name, end = q.group(2).strip(), q.end()
    elif (b := _BRAND_AFTER.match(text, m.end())) and (b.group(1) in _known() or (
            _BRAND_WORD.fullmatch(b.group(1)) and re.search(r"[a-z]", b.group(1)))):  # not "COVID-19", "TT-TT"
        if fold(head) in _named_only() and not head[0].isupper():
            return None
        name, end = b.group(1), b.end()
        if fold(head) in _named_only():  # "Trung tâm IOC": the centre the acronym stands for
            name = head[0].upper() + head[1:] + " " + name
    else:
        return None
    national = _known().get(name.split()[-1]) == "national"
    named = _trailing_province(name)
    province = None if national else ctx.unit(named) if named else ctx.near(s, m.start())
    return Platform(name, province=province, national=national, evidence=s.span(m.start(), end))


def _describes(words: str) -> bool:
    """Words between a head and a quoted name that only say what it is ("công dân số"), no verb or preposition
    ("ứng dụng có chức năng “Phản ánh hiện trường”": the quote names a function, not the app)."""
    return not _not_describing().search(words)


@cache
def _not_describing() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation([*lexicon.words("platform_stops"), "và", "hoặc"]) + r")(?!\w)")


_BRAND_AFTER = re.compile(r"\s+(" + _BRAND + r"|[A-Z]{2,})(?![\w-])")


def _with_acronym(ctx: Context, s: Sentence, m: re.Match) -> Platform | None:
    """'nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)': the description is the name, the acronym its alias."""
    text, head = s.text, m.group(1)
    a = _acronym_after().match(text, m.end())
    if a is None or _plural().search(text[max(0, m.start() - 60):m.start()]) or _head_pattern().search(a.group(1)) or _clause_word().search(a.group(1)):
        return None  # another platform, a list or a clause stands between the head and the brackets
    description = a.group(1).strip(" ,")
    if fold(head) in _named_only() and (not description or not head[0].isupper()):
        return None  # "trung tâm trí tuệ nhân tạo (AI)": a centre in lower case is a role, not a name
    if a.group(2) in lexicon.abbreviations():
        return None  # "ứng dụng công nghệ thông tin (CNTT)": the short form of common words
    name = (head[0].upper() + head[1:] + " " + description).strip()
    alt, end = a.group(2), a.end()
    national = "quốc gia" in name.lower() or _known().get(alt.split()[-1]) == "national"
    province, written = None, False
    if named := _trailing_province(name):
        province, written = ctx.unit(named), True
    elif sc := _scope_pattern().match(text, end):
        named = sc.group("named") or sc.group("bare")
        province, written, end = (ctx.unit(named) if named else ctx.near(s, m.start())), True, sc.end()
    label = _without_province(name)
    if not written and (fold(label) in _generic() or fold(lexicon.expand(label)) in _generic()):
        return None  # "hệ thống chính trị (HTCT)"; "Cổng thông tin điện tử (TTĐT) tỉnh" is the province's
    if national:
        province = None
    elif province is None:
        province = ctx.near(s, m.start())  # a provincial platform of the province the sentence is about
    elif written:
        unit = lexicon.provinces()[province.id]
        label = f"{label} {unit.kind} {unit.name}"
    return Platform(label, province=province, national=national, evidence=s.span(m.start(), end), alt_labels=(alt,))


@cache
def _clause_word() -> re.Pattern:
    """Words that end a description before an acronym could close it: "Cổng … đã đạt 95% (DVCTT)"."""
    words = lexicon.alternatives("platform_stops", clause="yes")
    # "và" joins the words of one description ("Hệ thống đo lường, giám sát và đánh giá … (EMC)"), but
    # before a capital it starts another name ("Cổng … và Hệ thống … (MCĐT)")
    return re.compile(r"\s(?:(?:" + words + r")(?!\w)|(?:và|hoặc)\s+(?=[" + UPPER + r"]))")


def _read(ctx: Context, s: Sentence, m: re.Match) -> Platform | None:
    text = s.text
    head = m.group(1)
    name_end = m.end()
    if inner := _head_pattern().match(text, m.end() + 1):
        name_end = inner.end()  # "hệ thống mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước"
    stop = _stop().search(text, name_end)
    while stop.group().strip()[:1].isdigit() and all(w in _qualifiers() for w in text[m.end():stop.start()].split()):
        stop = _stop().search(text, stop.end())  # "hệ thống gần 70 trạm quan trắc": a count inside the name
    end = stop.start()
    if " về " in text[m.end():end] and (tail := _LIST_TAIL.match(text, end)):
        end = tail.end()  # "… về cán bộ, công chức, viên chức"
    if (other := _head_pattern().search(text, m.end() + 1, end)) and other.group(1)[0].isupper():
        # another platform begins inside: "Cổng … quốc gia và hoàn thiện Hệ thống …" names two
        joint = text.rfind(" và ", m.end(), other.start())
        end = joint if joint != -1 else other.start()
    name = re.sub(r"\s+(?:và|của|cho|với)$", "", text[m.start():end].strip())
    end = m.start() + len(name)
    province, national = None, "quốc gia" in name.lower()
    if sc := _scope_pattern().match(text, end):
        named = sc.group("named") or sc.group("bare")
        province = ctx.unit(named) if named else ctx.near(s, m.start())
        end = sc.end()
    elif (named := _trailing_province(name)) is not None:
        province = ctx.unit(named)
    core = _without_province(name)
    operator = None
    if (op := _OPERATOR.match(text, end)) and (f := orgs.parse_at(text, op.end(), ctx.places.main, ctx.unit)):
        operator, end = f.org, f.end
    url = None
    if u := _url_after().match(text, end):
        url = (u.group(1) or u.group(2)).rstrip(".…")
        url = url if url.startswith("http") else "http://" + url
        end = u.end()
    generic = fold(core) in _generic() or fold(lexicon.expand(core)) in _generic()
    if url is None and ((generic and province is None) or len(core.split()) <= len(head.split()) < 4):
        return None
    label = core[0].upper() + core[1:]
    if url is not None and generic and province is None:
        label = f"{label} {url.split('//', 1)[-1]}"  # "Hộp thư điện tử mail.hungyen.gov.vn": the address names it
    if province is not None and not national:
        unit = lexicon.provinces()[province.id]
        label = f"{label} {unit.kind} {unit.name}"
    return Platform(label, url, operator, None if national else province, national, s.span(m.start(), end))


def _trailing_province(name: str) -> str | None:
    for n in sorted(lexicon.province_names(), key=len, reverse=True):
        if name.endswith(" " + n):
            return n
    return None


def _without_province(name: str) -> str:
    n = _trailing_province(name)
    if n is None:
        return name
    core = name[: -len(n)].rstrip()
    return re.sub(r"\s+(?:trên địa bàn\s+)?(?:tỉnh|thành phố)$", "", core)
