"""Figures: every number the text states about a place, as an Observation.

Numbers are read as Vietnamese writes them ("1.196", "89,66%", "3,31 triệu
trang", "5-10%", "39/63", "thứ 3/5 tỉnh Tây Nguyên", "Top 1", "0,7314/1
điểm") with babel's strict Vietnamese parser, so "3.0" is never thirty. Dates,
times, years, document numbers, levels ("mức độ 4"), versions, ages and names
with numbers ("Covid-19", "5G") are not figures.

Meaning comes from the clause around the number: the unit (percent, rank, or
what is counted), the qualifier ("hơn", "khoảng", "tối thiểu"), whether it is
a target ("mục tiêu", "phấn đấu", "đề ra … :", a due year) or an achieved
value, the year it holds for, the province, the indicator, and the document
that set a target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache

from babel.numbers import NumberFormatError, parse_decimal

from .. import lexicon
from ..lang import dates
from ..model import Document, Observation, Sentence
from .component import Component, Context
from .documents import NOTATION

NUMBER = r"\d[\d.,]*\d|\d"
_NUMBER = re.compile(rf"(?<![\w.,/-])({NUMBER})(?![\w]|[.,]\d)")
_PERCENT = re.compile(r"\s*%")
_RANGE = re.compile(rf"\s*%?\s*[-–]\s*({NUMBER})(?![\w/])")
_RANGE_WORDS = re.compile(rf"\s*%?\s+(?:đến|tới)\s+(?:(?:gần|khoảng|hơn|trên|dưới)\s+)?({NUMBER})(?![\w/])")
_OUT_OF = re.compile(rf"/({NUMBER})(?![\w/])")
_CLAUSE_SEP = re.compile(r"[;:!?]|\.(?=\s|$)|(?<=\s)–(?=\s)")
_HEAD = re.compile(r"t[ỷỉ] (?:lệ|trọng)\b", re.I)  # "tỉ lệ" is written too
# shapes of numbers that are never figures, whatever the words around them
_NOT_FIGURE = re.compile(
    r"\b\d{1,2}:\d{1,2}(?::\d{1,2})?\b"  # a clock time ("16:57", "15:8", "09:55:16")
    r"|(?:GMT|UTC)\s*[+-]\s*\d{1,2}\b"  # a time zone
    r"|\b\d+\s*/\s*(?!\d)\w"  # a document number whose letters NOTATION could not read ("411/ỌĐ-TTg")
    r"|(?<![\w,.])[Tt]hứ\s+[2-7]\b(?=\s*,?\s*(?:ngày\s+)?\d{1,2}[/.-]\d)"  # a weekday before a date ("Thứ 6, 3/5")
    r"|^\W*\d{1,2}[.)](?=\s)"  # a list number opening a line ("1. Chuyển đổi số cấp huyện")
    , re.M)


@cache
def _any_of(table: str, **where: str) -> re.Pattern:
    """The words of a table (the rows that match `where`), whole, anywhere: group 1 is the word found."""
    return re.compile(r"(?<!\w)(" + lexicon.alternatives(table, **where) + r")(?!\w)", re.I)


@cache
def _ending_with(table: str, **where: str) -> re.Pattern:
    """Text that ends with one of the table's words, right before a number ("xếp thứ ", "hơn ")."""
    return re.compile(r"(?<!\w)(" + lexicon.alternatives(table, **where) + r")\s+$", re.I)


@cache
def _scales() -> dict[str, Decimal]:
    return {r.word: Decimal(10) ** r.power for r in lexicon.table("scales")}


@cache
def _scale() -> re.Pattern:
    return re.compile(r"\s+(" + lexicon.alternation(_scales()) + r")(?!\w)")


@cache
def _rank_before() -> re.Pattern:
    """A rank word just before the number ("đứng 48/63", "Top 1"); "xếp thứ 3" ends with one too ("thứ")."""
    words = [w for m in ("ranking", "rank", "ordinal") for w in lexicon.words("rank_words", marks=m)]
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(words) + r")\s+$", re.I)


@cache
def _group() -> re.Pattern:
    """A top-N group: "thuộc nhóm 15", "lọt vào nhóm 10" (a rank); "ở nhóm 18 bộ" is only a group's size."""
    return re.compile(r"(?<!\w)(?:" + lexicon.alternatives("rank_words", marks="group") + r")\s+nhóm\s+$", re.I)


@cache
def _number_words() -> dict[str, int]:
    return {r.word: r.value for r in lexicon.table("number_words")}


@cache
def _worded_rank() -> re.Pattern:
    """Ranks written in words: first place ("dẫn đầu", "đứng đầu"), an ordinal after a ranking verb ("Đứng thứ
    hai", "xếp vị trí thứ nhất", "hạng nhất") and a top-N group ("thuộc nhóm ba địa phương dẫn đầu")."""
    number = lexicon.alternation(_number_words())
    ranking = lexicon.alternation([w for m in ("ranking", "rank") for w in lexicon.words("rank_words", marks=m)])
    groups = lexicon.alternatives("rank_words", marks="group")
    return re.compile(
        rf"(?P<first>(?<!\w)(?:{lexicon.alternatives('rank_words', marks='first')}))(?!\w)"
        rf"|(?<!\w)(?:(?:{ranking})\s+)+(?:thứ\s+(?P<ordinal>{number})|(?P<grade>nhất|nhì))(?!\w)"
        rf"|(?<!\w)(?:{groups})\s+nhóm\s+(?P<group>{number})(?=\s+\w)", re.I)


@cache
def _between() -> re.Pattern:
    """What may stand between a place and its rank words: "Đà Nẵng tiếp tục dẫn đầu", "TP Hà Nội dẫn đầu"."""
    return re.compile(r"\s*(?:(?:" + lexicon.alternatives("rank_words", marks="between") + r")\s+)*", re.I)


@cache
def _ordinal() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + lexicon.alternatives("rank_words", marks="ordinal") + r")\s+$")


@cache
def _ranked_ordinal() -> re.Pattern:
    """"thứ N" after a ranking verb ("xếp thứ 3", "giữ vị trí thứ 5", "đứng ở vị trí thứ 2")."""
    words = [w for m in ("ranking", "rank") for w in lexicon.words("rank_words", marks=m)]
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(words) + r")\s+(?:[^\s,;.]+\s+){0,2}?thứ\s+$", re.I)


@cache
def _not_quantity() -> re.Pattern:
    """Words before a number that make it a label, not a quantity ("mức độ 4", "Nghị quyết 04, 05")."""
    return re.compile(r"(?<!\w)(?:" + lexicon.alternatives("not_quantity", side="before") + r")\s+(?:\d+\s*(?:,|và|hoặc|&)\s*)*$",
                      re.I)


@cache
def _after_not_quantity() -> re.Pattern:
    # an age, a duration, or a clock time ("7h", "7:30")
    # "12 năm" is a duration, but in "xếp thứ 12 năm 2023" the year follows the figure
    return re.compile(r"^\s*(?:" + lexicon.alternatives("not_quantity", side="after") + r"|h\b|:\d)(?!\w)(?!\s+(?:19|20)\d\d)",
                      re.I)


def _a_label(before: str, after: str) -> bool:
    """Whether the words beside a number make it a label, a time or an age rather than a quantity."""
    label = _not_quantity().search(before[-40:])
    if label and not _ending_with("not_quantity", side="quantity").search(before[-40:]):
        # "mức độ 3 và 4" lists labels, but in "156 mức độ 3 và 864 mức độ 4" the second number has its own label
        listed = re.findall(r"\d+", label.group(0))
        if not listed:
            return True
        # a label list goes on with labels: not "năm 2025, 100%", not "156 mức độ 3 và 864 mức độ 4"
        year = any(len(n) == 4 and n[:2] in ("19", "20") for n in listed)
        return not (year or after.lstrip().startswith("%") or _label_next(label.group(0), after))
    return bool(_after_not_quantity().match(after))


def _label_next(label: str, after: str) -> bool:
    """The number heads a phrase with the same label of its own: "mức độ 3 và 37 dịch vụ mức độ 4", "mức độ 3 và
    864 mức độ 4" (a count of level-4 services), not "mức độ 3, 4 của tỉnh theo phiên bản 3"."""
    word = re.match(r"\D*?(?=\s+\d)", label).group(0).strip()
    return bool(re.match(r"\s+(?:[^\W\d]+\s+){0,4}?" + re.escape(word) + r"\s+\d{1,3}(?!\d)", after, re.I))


@cache
def _now() -> re.Pattern:
    return re.compile(r"\b(?:" + lexicon.alternatives("status_words", status="now") + r")\b", re.I)


@cache
def _filler() -> re.Pattern:
    return re.compile(r"\b(?:" + lexicon.alternatives("figure_fillers") + r")\b", re.I)


@cache
def _link() -> re.Pattern:
    return re.compile(r"(?:" + lexicon.alternatives("link_words", kind="verb") + r")\s*(?:"
                      + lexicon.alternatives("link_words", kind="qualifier") + r")?\s*$", re.I)


@cache
def _dangling() -> frozenset[str]:
    return frozenset(lexicon.words("dangling_words"))


@cache
def _not_counted() -> frozenset[str]:
    return frozenset(lexicon.words("not_counted"))


@cache
def _known(name: str) -> list[tuple[str, str, re.Pattern]]:
    return [(r.label, r.english, re.compile(r.pattern, re.I)) for r in lexicon.table(name)]


@cache
def _fallback_indicator() -> tuple[str, str, re.Pattern]:
    """The ranking a rank means when its clause names none: the whole DTI index."""
    flagged = [r for r in lexicon.table("indicators") if r.fallback]
    if len(flagged) != 1:
        raise ValueError("indicators.tsv must flag exactly one ranking as the fallback")
    return flagged[0].label, flagged[0].english, re.compile(flagged[0].pattern, re.I)


@cache
def _units() -> list[tuple[str, str]]:
    return sorted(((r.written, r.unit) for r in lexicon.table("units")), key=lambda u: -len(u[0]))


@lru_cache(maxsize=1024)
def _compound(text: str) -> str | None:
    """The word a text opens with, as Vietnamese compounds it ("thành viên", "đại biểu", "đô thị")."""
    from underthesea import word_tokenize  # loaded on first use: it is slow to import

    words = word_tokenize(text)
    return words[0] if words and text.startswith(words[0]) else None


def parse_number(text: str) -> Decimal | None:
    try:
        return Decimal(str(parse_decimal(text, locale="vi", strict=True)))
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(NOTATION, text)]
    spans += [(m.start("d"), m.end()) for m, *_ in dates.day_months(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", text)]
    spans += [(m.start(), m.end()) for m in _NOT_FIGURE.finditer(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b[A-Za-zĐđ]+-\d+\b", text)]  # Covid-19
    return spans


# a link to a related article left in the text: "[“Chiến dịch 50 ngày đêm” và …]", "Xem thêm: …", ">> …"
_RELATED = re.compile(r"\s*(?:\[[^\[\]]*\]\s*$|(?:Xem thêm|Đọc thêm|Tin liên quan|Bài liên quan)\s*:|>>)", re.I)
_DUE = re.compile(r"(?:đến|tới)\s+(?:(?:hết|cuối)\s+)?năm\s+(\d{4})", re.I)
_YEAR = re.compile(r"năm\s+(\d{4})", re.I)
# "năm ngoái", "năm nay", "năm tới" before a figure: its year counted from the article's ("những năm qua"
# and "các năm trước" are spans of years, not one)
_RELATIVE_YEAR = re.compile(r"(?<!những )(?<!các )(?<!\w)năm (?:nay|ngoái|trước|qua|sau|tới)(?!\w)", re.I)
_COMPARED_YEAR = re.compile(r"(?:so với|từ)\s+(?:[^\s\d(),;]+\s+){0,2}((?:19|20)\d{2})\s*\(\s*$", re.I)
_OWN_YEAR = re.compile(r"\s*\(?\s*(?:vào\s+|trong\s+)?năm\s+((?:19|20)\d{2})\b", re.I)
_VISION = re.compile(r"(?:tầm nhìn|định hướng)\s*$", re.I)
# the opening of a sentence that continues the one before: a list item, a figure, a parallel "Về chính quyền số, …"
_CONTINUES = re.compile(r"\s*(?:[-–+•*▪●]\s|\d|[Vv]ề\s[^,.;:]{2,60},)")
# a year label opening a list item: "- Năm 2023: 132 xã", "Đến năm 2025: …"
_YEAR_LABEL = re.compile(r"\s*[-–+•*▪●]?\s*(?:(?:Năm|Đến năm|Đến hết năm|Trong năm)\s+)?((?:19|20)\d{2})\s*:", re.I)


@dataclass(frozen=True)
class Governing:
    """A target phrase that governs the sentences after it, and the year its targets are due."""

    due: int | None


def _years(text: str) -> list[int]:
    """The years a text is about ("năm 2023", an index's edition "PAR Index 2023", "DTI 2022"), without those it
    compares with ("so với năm 2021") or starts from."""
    found = [y for y in _YEAR.finditer(text)
             if not re.search(r"(?:so với|từ|kể từ)\s+(?:cùng kỳ\s+)?$", text[max(0, y.start() - 16):y.start()], re.I)]
    found += [y for y in _edition().finditer(text)
              if not re.search(r"(?:so với|từ)\s+$", text[max(0, y.start() - 10):y.start()], re.I)]
    return [int(y.group(1)) for y in sorted(found, key=lambda y: y.end())]


@cache
def _edition() -> re.Pattern:
    names = [r"\bDTI\b" if r.fallback else r.pattern for r in lexicon.table("indicators") if not r.pillar]
    return re.compile(r"(?:" + "|".join(names) + r")\s+((?:19|20)\d{2})\b", re.I)


def _continues(text: str) -> bool:
    return bool(_CONTINUES.match(text))


def _outside_closed_brackets(text: str) -> str:
    """The text with every bracket that has closed blanked out (offsets kept)."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


def _achieved(scope: str, target: re.Match) -> bool:
    """"hoàn thành 95% kế hoạch đề ra", "đạt 100% chỉ tiêu", "hoàn thành 21/25 chỉ tiêu": the plan is what a
    figure is measured against or what it counts, so the words of the plan right after a figure (not a year)
    are no target cue."""
    return bool(re.search(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d[\d.,]*\s*(?:%|/\s*\d+)?\s*(?:(?:"
                          + lexicon.alternatives("status_words", status="target") + r")\s*)*$", scope[:target.start()], re.I))


@cache
def _document_reference() -> re.Pattern:
    """A document named in the sentence: "Kế hoạch số 45/KH-UBND", "Chương trình 06", or a type written with its
    capital inside a sentence ("theo Kế hoạch của UBND tỉnh"). Its words ("kế hoạch") name it, they set no target."""
    types = lexicon.alternation([t.label for t in lexicon.document_types().values()])
    return re.compile(rf"(?<!\w)(?:(?i:{types})\s+(?:số\s+)?(?:{NOTATION}|\d+)|(?<=[\w,;]\s)(?:{types})(?!\w))")


def _cue_scope(text: str) -> str:
    """The words before a figure that may give its status: outside brackets that have closed and document names
    (offsets kept)."""
    return _document_reference().sub(lambda m: " " * len(m.group(0)), _outside_closed_brackets(text))


@cache
def _named_target() -> re.Pattern:
    """A figure right after the noun of a target is that target: "còn xa so với chỉ tiêu 50%", "(mục tiêu 70%)",
    "chỉ tiêu đề ra là 80%"; not "vượt kế hoạch 5%" (by how much it was exceeded)."""
    nouns = lexicon.alternatives("status_words", status="named")
    return re.compile(rf"(?<!vượt )(?<!\w)(?:{nouns})(?:\s+(?:đề ra|đặt ra|là|của tỉnh|năm\s+\d{{4}}))*\s*:?\s*"
                      rf"(?:(?:{lexicon.alternatives('qualifiers')})\s+)?$", re.I)


def _hypothetical(scope: str, target: re.Match) -> bool:
    # "Nếu xét …, thứ hạng sẽ thay đổi": the "sẽ" of a condition is no plan
    return target.group(0).lower() == "sẽ" and bool(re.search(r"\bnếu\b", scope[:target.start()], re.I))


def _schedule_items(sentences: list[Sentence], published: int | None) -> set[int]:
    """List items labelled by year ("- Năm 2022: 94 xã", "- Năm 2023: 132 xã") that reach past the article's
    date: a schedule, so every item of it, this year's too, is a target. The starts of their sentences."""
    items: set[int] = set()
    run: list[tuple[int, int]] = []
    for s in [*sentences, None]:
        label = _YEAR_LABEL.match(s.text) if s is not None else None
        if label:
            run.append((s.start, int(label.group(1))))
            continue
        if len(run) >= 2 and published and max(y for _, y in run) > published:
            items.update(start for start, _ in run)
        run = []
    return items


class FigureReader:
    """Reads the figures of one article, sentence by sentence (a list item shares the previous figure's words)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        published = ctx.article.published
        self.article_year = published.year if published else None
        self._last: Observation | None = None
        # the target phrase that still governs: a heading "Mục tiêu … đến năm 2025:" or a sentence of targets
        # governs the list items and the parallel paragraphs after it, with its due year
        self._governing: Governing | None = None
        self._inherited: Governing | None = None
        self._schedules = _schedule_items(ctx.article.sentences, self.article_year)
        self._sentence: list[Observation] = []
        self._index: tuple[str, str] | None = None  # the index the article spoke of last
        self._list_year: int | None = None  # the year of a heading "Năm 2023, tỉnh đã …, cụ thể:" for its items
        self._list_label: str | None = None  # and what a heading "Số xã … hoàn thành chuyển đổi số theo năm:" counts
        self._edition: int | None = None  # and the edition it named ("Chỉ số DTI năm 2024"): its pillars' year
        self.undated: set[int] = set()  # ids of figures whose sentence gives no year (it is the article's)
        self._rate: tuple[str, str | None, int] | None = None  # the rate the paragraph speaks of, and where
        self._done: tuple[str, str] | None = None  # a sentence, and what its first listed percentage says was done
        self._counts: list[tuple[int, str, str]] = []  # the paragraph's counts: what each counts, the words after it

    def read(self, s: Sentence) -> list[Observation]:
        text = s.text
        if _RELATED.match(text):
            return []  # the title of a related article: its numbers are that article's
        self._inherited = self._governing if _continues(text) else None
        if s.start in self._schedules:
            self._inherited = Governing(None)
        excluded = _excluded_spans(text)
        out: list[Observation] = []
        self._sentence = out  # the figures read so far in this sentence
        if self._counts and self._counts[-1][0] != s.paragraph:
            self._counts = []
        taken = 0
        for m in _NUMBER.finditer(text):
            if m.start() < taken or any(a <= m.start() < b for a, b in excluded):
                continue
            found = self.observation(s, m)
            if found:
                out += found
                self._sentence = out
                taken = found[-1].evidence.end - s.start
        out = sorted(out + self.worded_ranks(s), key=lambda o: o.evidence.start)
        self._governing = self._governs_after(text, out)
        if text.rstrip().endswith(":"):
            self._list_year = next(iter(_years(text)), None)
            self._list_label = m.group(1) if (m := _HEADING_LABEL.match(text)) else None
        elif not _continues(text):
            self._list_year = self._list_label = None
        self._rate = _rate_named(text, out, s.paragraph) or self._rate
        if index := _index_named(text):
            if index != self._index or _years(text):
                self._edition = next(iter(_years(text)), None)
            self._index = index
        return out

    def _governs_after(self, text: str, found: list[Observation]) -> Governing | None:
        """What governs the sentences after this one: its own target phrase, or what governed it."""
        heading = text.rstrip().endswith(":") and self._status(text, len(text)) == "target"
        if heading or (found and found[-1].status == "target"):
            return Governing(self._due(text, len(text)) or (found[-1].period if found else None))
        if self._inherited is not None and self._status(text, len(text)) is None:
            return self._inherited
        return None

    def observation(self, s: Sentence, m: re.Match) -> list[Observation]:
        text, before = s.text, s.text[:m.start()]
        if _a_label(before, text[m.end():]):
            return []
        value = parse_number(m.group(1))
        if value is None:
            return []
        if self._is_year(value, m, text):
            return []
        previous = self._last if self._last is not None and self._last.evidence.sentence == text else None
        end = m.end()
        unit, out_of, max_value = None, None, None
        if sc := _scale().match(text, end):
            value *= _scales()[sc.group(1)]
            end = sc.end()
        if r := (_RANGE.match(text, end) or _RANGE_WORDS.match(text, end)):
            top = parse_number(r.group(1))
            if top is not None and top > value:
                max_value, end = top, r.end()
        if o := _ONE_OF.match(text, end):  # "1 trong 6 nhiệm vụ": one of six, a single figure
            if value == 1:
                return []  # "là 1 trong 6 nhiệm vụ trọng tâm", "1 trong hơn chục xã": one of them, no quantity
            out_of, end = parse_number(o.group(1)), o.end()
        if p := _PERCENT.match(text, end):
            unit, end = "percent", p.end()
        elif out_of is None and (o := _OUT_OF.match(text, end)):
            out_of, end = parse_number(o.group(1)), o.end()
            unit = "rank" if _rank_before().search(before[-25:]) or _same_field(self._sentence, out_of) else None
        elif _ending_with("rank_words", marks="rank").search(before[-12:]) or _group().search(before[-25:]):
            unit = "rank"
        elif _ordinal().search(before[-8:]):
            if not (_ranked_ordinal().search(before[-40:]) or any(o.unit == "rank" for o in self._sentence)
                    or self._bracketed_after_place(s, before)):
                return []  # "là tỉnh thứ 5 ban hành", "sáng thứ 6": an order or a weekday, not a figure
            unit = "rank"
        elif re.search(r"(?<!\w)nhóm\s+$", before) and _group_leads(text[end:]):
            unit = "rank"  # "nhóm 15 tỉnh, thành phố dẫn đầu"
        elif _rank_continues(previous, text, s.start, m.start()):
            unit = "rank"  # "vị trí thứ 5, 6, 7", "thứ 7 và 8"
        if unit is None:
            unit, end = self._counted(text, end)
            if s.start + end >= len(self.ctx.article.text.rstrip()):
                return []  # the text is cut off in the noun that says what is counted ("thu hút gần 2 tri")
            if unit == "đơn vị" and previous is not None and previous.unit not in ("percent", "rank") and \
                    _level().match(text[end:].lstrip()):
                unit = previous.unit  # "1.020 dịch vụ (156 mức độ 3 …)": the same things, at a level
        clause_start, clause_end = _clause(text, m.start())
        qualifier = q.group(1).lower() if (q := _ending_with("qualifiers").search(before[-15:])) else None
        status = self._status(text, m.start()) or ("target" if self._inherited else "actual")
        score = unit != "percent" and _a_score(text, clause_start, m.start(), end, value, unit, out_of)
        if score:
            unit = "điểm"
        changed = self._changed(s, m.start(), end) if unit == "percent" else None
        if unit == "rank" or score:  # the ranking named closest before, even before an earlier figure of the clause
            named = _rank_indicators(text[self._subject_start(s, clause_start, m.start()):m.start()], text[end:clause_end],
                                     _index_named(text[:m.start()]) or self._index)
            if score:
                named = [_score_of(label, english) for label, english in named]
            else:
                named = _regional(named, text[end:clause_end])
        elif unit == "bậc":  # "xếp hạng 25/63, tăng 8 bậc so với năm 2018": the steps a ranking moved
            named = [self._moved(text[clause_start:m.start()])]  # named as steps once its edition is known
        else:
            if previous is not None:  # in a list of figures each item's own words start after the previous figure
                clause_start = max(clause_start, previous.evidence.end - s.start)
            named = [(changed and (f"mức {changed[1]} {changed[0].indicator}", None))
                     or (unit == "percent" and self._share_of_count(s, previous, m.start()))
                     or self._indicator(text, clause_start, clause_end, m.start(), end, unit, previous)]
            if unit == "percent" and _held_by(named[0][0]) and (rate := self._rate_of(s.paragraph)):
                named = [rate]
        ranked = unit in ("rank", "bậc") or score
        period = self._period(s, m.start(), status, end, self._edition_of(named) if ranked else None)
        if unit == "rank" or score:
            named = _before_first_edition(named, period)
        if unit == "bậc":
            named = [_steps(*named[0], before)]
        dated = bool(_years(text) or _DUE.search(text) or (self._inherited and self._inherited.due))
        documents = self._documents_before(text, m.start()) if status == "target" else ()
        found = [Observation(
            value=value, unit=unit, status=status, indicator=indicator, indicator_en=english, area=area,
            period=period, evidence=s.span(m.start(), end), max_value=max_value, out_of=out_of, qualifier=qualifier,
            documents_before=documents, change_of=changed and changed[0])
            for indicator, english in named
            for area in ([changed[0].area] if changed else self._areas(s, m.start(), unit, value, max_value, qualifier))]
        self._last = found[-1]
        if unit not in NOT_THINGS:
            self._counts.append((s.paragraph, unit, text[end:clause_end]))
        if not dated:
            self.undated.update(id(o) for o in found)
        return found

    def _areas(self, s: Sentence, at: int, unit: str, value: Decimal, max_value: Decimal | None,
               qualifier: str | None) -> list:
        """The provinces a figure is about. A bound ("dưới 10%") or a figure with "đều" stated for places listed
        together holds for each ("Hà Nội và TP Hồ Chí Minh … chỉ đạt dưới 10%"); a plain figure for a group may
        be their sum, a range their spread, and a rank belongs to one place, so those stay with the first."""
        if self._national(s, at):
            return [None]
        places = self.ctx.places.sharing(s.start, s.end, s.start + at)
        distributes = qualifier in _BOUNDS or re.search(r"\b(?:đều|cùng)\b[^,;]*$", s.text[:at])
        if len(places) > 1 and (unit == "rank" or max_value is not None or not distributes
                                or value == len(places)):
            return places[:1]
        return places or [None]

    def _national(self, s: Sentence, at: int) -> bool:
        """Whether the figure is the country's or the ministries' ("giá trị trung bình DTI cấp tỉnh là 0,4014",
        "Bộ Tài chính (78,44%)"): such words stand between the province named last and the figure."""
        last = max((a - s.start for a, _ in self.ctx.places.found if s.start <= a < s.start + at), default=0)
        # such words name the figure they precede or bracket: "thấp hơn mức trung bình cả nước (38,2%) và còn xa
        # so với chỉ tiêu 50%" - the second figure is the province's again
        figure = max((o.evidence.end - s.start for o in self._sentence if o.evidence.end - s.start <= at), default=0)
        between = s.text[max(last, figure, _clause(s.text, at)[0]):at]
        if _any_of("national_words", kind="alone").search(between) or _MINISTRY.search(between):
            return True
        return bool(_any_of("national_words", kind="average").search(between) and _any_of("national_words", kind="scope").search(between))

    def worded_ranks(self, s: Sentence) -> list[Observation]:
        """Ranks written in words ("Đà Nẵng dẫn đầu", "Đứng thứ hai là TP Huế", "thuộc nhóm ba địa phương")."""
        text, out = s.text, []
        for m in _worded_rank().finditer(text):
            clause_start, clause_end = _clause(text, m.start())
            if m.group("group"):
                value, place = _number_words()[m.group("group").lower()], self.ctx.near(s, m.start())
            else:
                value = 1 if m.group("first") or m.group("grade") == "nhất" else 2 if m.group("grade") else \
                    _number_words()[m.group("ordinal").lower()]
                place = self._ranked_place(s, m)
                if place is None or (m.group("first") and not _first_place(text, m, clause_start)):
                    continue
            status = self._status(text, m.start()) or ("target" if self._inherited else "actual")
            named = _regional(_rank_indicators(text[clause_start:m.start()], text[m.end():clause_end],
                                               _index_named(text[:m.start()]) or self._index), text[m.end():clause_end])
            period = self._period(s, m.start(), status, m.end(), self._edition_of(named))
            documents = self._documents_before(text, m.start()) if status == "target" else ()
            for indicator, english in _before_first_edition(named, period):
                out.append(Observation(
                    value=Decimal(value), unit="rank", status=status, indicator=indicator, indicator_en=english,
                    area=place, period=period, evidence=s.span(m.start(), m.end()), documents_before=documents))
        return out

    def _ranked_place(self, s: Sentence, m: re.Match):
        """The province that holds a rank written in words: its subject right before ("TP Hà Nội dẫn đầu",
        "Đà Nẵng tiếp tục dẫn đầu") or, after an inverted "Đứng thứ hai là", the name after it."""
        places = self.ctx.places
        named = [(a - s.start, p) for a, p in places.found if s.start <= a < s.end]
        for at, p in reversed([(a, p) for a, p in named if a < m.start()]):
            gap = s.text[at + len(places.written(s.start + at)):m.start()]
            if _between().fullmatch(gap):
                return p
            break
        after = re.match(r"\s+(?:là|thuộc về)\s+(?:(?:tỉnh|thành phố|TP\.?)\s*)?", s.text[m.end():])
        if after:
            return next((p for a, p in named if a == m.end() + after.end()), None)
        return None

    def _bracketed_after_place(self, s: Sentence, before: str) -> bool:
        """"xếp sau Lào Cai (thứ 12) và Thái Nguyên (thứ 16)": an ordinal in brackets right after a province's
        name is that province's rank."""
        bracket = re.search(r"\(\s*thứ\s+$", before)
        if not bracket:
            return False
        places = self.ctx.places
        return any(re.fullmatch(r"\s*", before[a - s.start + len(places.written(a)):bracket.start()])
                   for a, _ in places.found if s.start <= a < s.start + bracket.start())

    def _is_year(self, value: Decimal, m: re.Match, text: str) -> bool:
        """A bare 19xx/20xx is a year: counts of that size are written with a dot ("2.019 hồ sơ"), so "DTI 2020",
        "(CNTT) 2019" and "Ngày hội … 2025" are an edition or an event's year, not a figure."""
        return (value == value.to_integral_value() and 1900 <= value <= 2100 and m.group(1).isdigit()
                and not re.match(r"\s*%", text[m.end():m.end() + 2]))

    def _counted(self, text: str, end: int) -> tuple[str, int]:
        rest = text[end:]
        for written, canonical in _units():
            if re.match(r"\s+" + re.escape(written) + r"(?!\w)", rest):
                return canonical, end + len(re.match(r"\s+" + re.escape(written), rest).group(0))
        w = re.match(r"\s+([a-zà-ỹđ]\w*)", rest)
        if w and w.group(1) not in _not_counted():
            noun = _compound(rest[w.start(1):w.start(1) + 40]) or w.group(1)
            return noun, end + w.start(1) + len(noun)
        return "đơn vị", end

    def _status(self, text: str, at: int) -> str | None:
        """'target' or 'actual' by the last status word before `at` in the sentence, None when there is none.

        A target phrase governs the rest of its sentence, across ";" and the items of a list ("phấn đấu 100% …;
        90% …, 80% … và 60% …"), until a word of what has been achieved ("đã", "hiện nay") follows it. A status
        word inside brackets that have closed speaks only of them ("đạt 63,47% (mục tiêu 70%), còn … 18,54%").
        """
        scope = _cue_scope(text[:at])
        if _named_target().search(scope):
            return "target"
        targets = [t for t in _any_of("status_words", status="target").finditer(scope) if not _hypothetical(scope, t) and not _achieved(scope, t)]
        actuals = list(_any_of("status_words", status="actual").finditer(scope))
        if targets and not (actuals and actuals[-1].end() >= targets[-1].end()):
            return "target"
        if actuals:
            return "actual"
        due = _DUE.search(text, at, _clause(text, at)[1])
        if due and self.article_year and int(due.group(1)) > self.article_year:
            return "target"  # "… 100% xã có cáp quang vào năm 2025", written before 2025
        return None

    def _due(self, text: str, at: int) -> int | None:
        """The due year a target phrase gives: the nearest "đến năm 2025" before `at`, else the first after; a
        vision's horizon ("Đến năm 2025, tầm nhìn đến năm 2030, …") is no due year while the text gives another."""
        dues = [d for d in _DUE.finditer(text)]
        plans = [d for d in dues if not _VISION.search(text[max(0, d.start() - 12):d.start()])] or dues
        before = [int(d.group(1)) for d in plans if d.start() < at]
        return before[-1] if before else int(plans[0].group(1)) if plans else None

    def _edition_of(self, named: list[tuple[str, str | None]]) -> int | None:
        """The edition named earlier of the index these rankings belong to ("DTI năm 2024 …. Ở các trụ cột, chính
        quyền số đứng thứ 27"), None when the article spoke of another index last."""
        if self._edition is None or self._index is None:
            return None
        return self._edition if all(_index_of(label) == self._index[0] for label, _ in named) else None

    def _period(self, s: Sentence, at: int, status: str, end: int, edition: int | None = None) -> int | None:
        text = s.text
        if own := _OWN_YEAR.match(text, end):
            return int(own.group(1))  # "xếp thứ 12 năm 2021", "đạt 95% (năm 2023)"
        if compared := _COMPARED_YEAR.search(text, 0, at):
            return int(compared.group(1))  # "tăng 20 bậc so với DTI 2020 (52/63)": the figure of the year compared with
        if edition is not None and status == "actual" and _moved_from(text[:at]):
            return edition  # "tụt hạng từ vị trí thứ 2 của năm 2018 xuống vị trí thứ 7": the edition's rank, not 2018's
        if status == "target":
            if due := self._due(text[:at], at):
                return due
            if years := _years(text[:at]):
                return years[-1]  # "Năm 2023: 132 xã"
            if self._inherited is not None and self._inherited.due:
                return self._inherited.due
            if due := self._due(text, at):
                return due
        if years := _years(text[:at]):
            return years[-1]
        if self.article_year and (relative := list(_RELATIVE_YEAR.finditer(text[:at]))):
            return dates.relative_year(relative[-1].group(0), self.article_year)
        if years := _years(text):
            return years[0]
        if not _now().search(text):
            para = [x for x in self.ctx.article.sentences if x.paragraph == s.paragraph and x.end <= s.start]
            for earlier in reversed(para):
                if years := _years(earlier.text):
                    return years[0]
        if self._list_year is not None and _continues(text):
            return self._list_year  # an item of a list whose heading gave the year
        if edition is not None and status == "actual":
            return edition  # a rank is of the edition the article named, not of the year it was written
        return self.article_year

    def _indicator(self, text: str, start: int, end: int, at: int, number_end: int, unit: str,
                   previous: Observation | None) -> tuple[str, str | None]:
        before, after = text[start:at], text[number_end:end]
        if unit == "rank":
            return _nearest_rank_indicator(before)[:2]
        # an item of a list ("100% xã có cáp quang và 100% trường học …") is named by its own words after it
        listed = previous is not None and re.search(r"(?:,|;|\bvà\b)\s*(?:(?:" + lexicon.alternatives("qualifiers")
                                                     + r")\s+)?$", before, re.I)
        own = _next_figure().split(after, maxsplit=1)[0]
        for source in ((own,) if listed else (before, before + " " + after)):
            for label, english, pattern in _known("measures"):
                if found := pattern.search(source):
                    # "100% bệnh viện tuyến tỉnh, trung tâm y tế … đã triển khai thanh toán không dùng tiền mặt":
                    # the measure, for the things the number heads
                    offset = 0 if listed else len(before) + 1
                    ahead = _words(source[offset:found.start()], 8) if found.start() > offset else ""
                    part = f" – {ahead}" if len(ahead.split()) > 4 else ""
                    return _kind_of_count(label + part, unit), english and english + (" (part)" if part else "")
        if self._list_label and _continues(text) and len(_words(before).split()) <= 2:
            return _kind_of_count(_words(self._list_label, 16), unit), None  # "- Năm 2023: 132 xã, phường, thị trấn."
        if unit == "percent" and (whole := _OF_TOTAL.match(text, number_end)):
            # "đã xử lý trực tuyến toàn trình 68,54% trong tổng số 168.000 hồ sơ": a share of the things counted
            done = re.split(r"(?<!\w)(?:đã|được)\s", before)[-1]
            return f"tỷ lệ {_words(whole.group(1), 8)} {_words(done, 8)}".strip(), None
        if unit == "percent" and (base := _of_base().match(text, number_end)):
            return f"tỷ lệ {_words(base.group(1))}", None  # "đạt 100% đối với những TTHC đủ điều kiện …"
        # the words the number heads, up to the next figure; a bare number or percentage right before a comma heads
        # none ("cấp huyện đạt 87,15%, cấp xã …"), but a count's noun may go on ("129 xã, phường đã được …")
        counted = "" if unit in ("percent", "đơn vị") else f"{unit} "
        own_after = _words(counted + re.split(_next_figure().pattern + ("" if counted else r"|^\s*[,;]"), after, maxsplit=1)[0]).split()
        heads_level = _level().match(after.lstrip())  # "1.020 dịch vụ (156 mức độ 3 và 864 mức độ 4)"
        if previous is not None and (heads_level or len(_words(before).split()) <= 3 and len(own_after) < 2):
            # "mức độ 3 đạt 77,3%, mức độ 4 đạt 55,72%", "cấp tỉnh đạt 93,46%, cấp huyện đạt 87,15%": a list item
            # shares the previous figure's indicator, at its own level
            if level := heads_level or _level().search(before):
                earlier = _level().search(previous.indicator)
                label = (previous.indicator[:earlier.start()] + level.group(0) + previous.indicator[earlier.end():]
                         if earlier else f"{previous.indicator} {level.group(0)}")
                return _kind_of_count(label, unit), None
            return _kind_of_count(previous.indicator, unit), previous.indicator_en
        label = _subject_phrase(before, after, unit, self._done_for(text, before, unit, listed))
        return _kind_of_count(f"{label} {self._counted_so(label)}".strip() if unit == "percent" else label, unit), None

    def _counted_so(self, label: str) -> str:
        """What a rate named by its verb alone is the rate of: the thing the paragraph counted with that verb
        ("121.000 phản ánh được xác minh, xử lý …. Tỷ lệ xử lý đạt 98,9%": the rate of reports handled)."""
        from underthesea import pos_tag  # loaded on first use: it is slow to import

        verb = re.sub(r"^t[ỷỉ] lệ\s*", "", label, flags=re.I)
        if not verb or len(verb.split()) > 2 or any(tag != "V" for _, tag in pos_tag(verb)):
            return ""
        return next((noun for _, noun, words in reversed(self._counts)
                     if re.search(rf"(?<!\w){re.escape(verb)}(?!\w)", words, re.I)), "")

    def _done_for(self, text: str, before: str, unit: str, listed: bool) -> str | None:
        """What was done to the things a percentage heads (`_done_before`); the items of a list share the first
        item's ("cáp quang phủ 100% trường học, bệnh viện và trên 80% hộ gia đình")."""
        if unit != "percent":
            return None
        if listed:
            return self._done[1] if self._done and self._done[0] == text else None
        done = _done_before(before)
        self._done = (text, done) if done else None
        return done

    def _changed(self, s: Sentence, at: int, end: int) -> tuple[Observation, str] | None:
        """"đạt gần 87%, tăng hơn 36% so với năm 2022", "0,4014 (tăng 32,7% so với năm 2020)": the figure of the
        sentence a percentage is the change of, and the way it went ("tăng", "giảm")."""
        before = s.text[max(0, at - 30):at]
        way = next((w for w, mark in (("tăng", "up"), ("giảm", "down")) if _moved_by(mark).search(before)), None)
        if not (way and self._sentence and re.match(r"\s*so(?:\s+với)?\s", s.text[end:])):
            return None
        return self._sentence[-1], way

    def _share_of_count(self, s: Sentence, previous: Observation | None, at: int) -> tuple[str, None] | None:
        """"cấp tỉnh thực hiện số hóa 57.877 hồ sơ đầu vào (đạt 99,1%)", "… là 174.411 hồ sơ, đạt 76%": a percentage
        right after a count is the share that count makes, named by the count's words (from the clause's start,
        the figure before it or the last comma before it)."""
        if previous is None or previous.unit in NOT_THINGS:
            return None
        start, end = previous.evidence.start - s.start, previous.evidence.end - s.start
        if not _of_count().fullmatch(s.text, end, at):
            return None
        earlier = [o.evidence.end - s.start for o in self._sentence if o.evidence.end - s.start <= start]
        opening = max([_clause(s.text, start)[0], s.text.rfind(",", 0, start) + 1, *earlier])
        return "tỷ lệ " + _words(_of_count(tail_only=True).sub("", s.text[opening:at]), 14), None

    def _subject_start(self, s: Sentence, clause_start: int, at: int) -> int:
        """Where the subject of a rank starts: after the sentence's last figure when that figure was stated for
        several rankings at once and a province is named after it ("các chỉ số về Chính quyền số, Kinh tế số, Xã
        hội số … đạt 0,7-0,8 điểm, và Kon Tum sẽ thuộc nhóm 30": the rank is none of the three)."""
        earlier = [o for o in self._sentence if o.evidence.end - s.start <= at]
        if not earlier or len({o.indicator for o in earlier if o.evidence == earlier[-1].evidence}) < 2:
            return clause_start
        end = earlier[-1].evidence.end - s.start
        if any(end <= a - s.start < at for a, _ in self.ctx.places.found):
            return max(clause_start, end)
        return clause_start

    def _moved(self, before: str) -> tuple[str, str | None]:
        """The ranking a number of steps moved in: the one the clause names closest before them, else the last
        rank of the sentence, else the index the article spoke of last."""
        label, english, at = _nearest_rank_indicator(before)
        ranks = [o for o in self._sentence if o.unit == "rank"]
        if at < 0 and (ranks or self._index):
            label, english = (ranks[-1].indicator, ranks[-1].indicator_en) if ranks else self._index
        return label, english

    def _rate_of(self, paragraph: int) -> tuple[str, str | None] | None:
        """The rate of this paragraph or the one before: a list of places' or agencies' shares goes on below
        the sentence that named it ("… 68,54% hồ sơ …. Đà Nẵng (58,89%), Hà Giang (55,76%) …")."""
        if self._rate is not None and paragraph - self._rate[2] <= 1:
            return self._rate[:2]
        return None

    def _documents_before(self, text: str, at: int) -> tuple[Document, ...]:
        return tuple(d for d in self.ctx.records.documents
                     if any(w and w in text[:at] for w in (d.notation, d.label, *d.as_written)))


# a list heading that names what its items count: "Số xã, phường … hoàn thành chuyển đổi số theo từng năm, cụ thể như sau:"
_HEADING_LABEL = re.compile(r"\s*((?:số|tỷ lệ)\s+[^:]+?)(?:,?\s*cụ thể(?:\s+như sau)?)?\s*:\s*$", re.I)
_OF_TOTAL = re.compile(rf"\s*(?:trong|trên)\s+(?:tổng\s+)?số\s+(?:{NUMBER})\s+([^,;.()]+)", re.I)
# a ministry as the subject of a clause: "Trong khối bộ, ngành, Bộ Công Thương dẫn đầu", "Bộ Tài chính (78,44%)"
_MINISTRY = re.compile(r"(?:^|[,;:.]\s*|\bvà\s+)Bộ\s+[A-ZĐ]")


@cache
def _next_figure() -> re.Pattern:
    """Where the words of a figure end: at the next number, which is not a level's ("mức độ 4")."""
    return re.compile("".join(f"(?<!{re.escape(w)} )" for w in lexicon.words("phrase_cues", kind="numbered_level"))
                      + r"\d")


@cache
def _level() -> re.Pattern:
    """The level a figure of a list is stated for: "mức độ 4", "cấp huyện"."""
    return re.compile(rf"(?<!\w)(?:(?:{lexicon.alternatives('phrase_cues', kind='numbered_level')})\s\d"
                      rf"|(?:{lexicon.alternatives('phrase_cues', kind='level')}))(?!\w)", re.I)


@cache
def _of_count(tail_only: bool = False) -> re.Pattern:
    """What stands between a count and the share it makes: the rest of its noun, then "(đạt", ", chiếm"."""
    return re.compile(("" if tail_only else r"[^\d,;()]{0,30}?\s*") + r"(?:\(\s*|,\s*)(?:"
                      + lexicon.alternatives("phrase_cues", kind="share") + r")\s+(?:tỷ lệ\s+)?$", re.I)


@cache
def _of_base() -> re.Pattern:
    """What a percentage is a share of, named after it: "đạt 100% đối với những TTHC đủ điều kiện …"."""
    return re.compile(r"\s*(?:" + lexicon.alternatives("phrase_cues", kind="base")
                      + r")\s+(?:(?:những|các|toàn bộ)\s+)?([^,;.]{3,80})", re.I)


# the units of a figure that is no count of things: a share, a rank, a score, a bare number, steps of a ranking
NOT_THINGS = frozenset({"percent", "rank", "điểm", "đơn vị", "bậc"})
_ONE_OF = re.compile(rf"\s+trong\s+(?:số\s+)?({NUMBER})(?=\s+[a-zà-ỹđ])")
_BOUNDS = frozenset({"dưới", "trên", "hơn", "tối thiểu", "ít nhất", "tối đa"})
# a sub-index named in quotes: "chỉ số “hạ tầng kỹ thuật”"
# or "chỉ số về an toàn thông tin mạng xếp thứ 8/63"
_QUOTED_INDEX = re.compile(r"(?:chỉ số|trụ cột|lĩnh vực)(?:\s+thành phần)?\s*(?:[“\"]([^”\"]{3,60})[”\"]"
                           r"|về\s+([^,;.()“”\"]{3,60}?)(?=\s+(?:xếp|đứng|đạt|giữ|vươn)))", re.I)
# what introduces the ranking a rank is held in, right after it: "xếp hạng 1 ở chỉ số …", "hạng nhất ở cả 3 trụ cột"
_RANKED_IN = re.compile(rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:ở|về|tại|trong|(?:bảng\s+)?xếp hạng)\s+(?:cả\s+)?"
                        rf"(?:(?:{NUMBER})\s+)?", re.I)


_SCORE_CONTEXT = re.compile(r"giá trị|chỉ số|\bđiểm\b|\bDTI\b|Index", re.I)


def _a_score(text: str, clause_start: int, at: int, end: int, value: Decimal, unit: str,
             out_of: Decimal | None) -> bool:
    """An index's score ("0,8654/1 điểm", "541,46/1.000 điểm", "giá trị DTI đạt 0,8241"), not a count of things:
    written with "điểm" that ends the phrase, or a fraction of one where the clause speaks of an index's value."""
    if unit == "rank":
        return False
    if unit == "điểm":
        return out_of is not None or not re.match(r"\s+[a-zà-ỹđ]", text[end:]) or \
            bool(re.match(r"\s+(?:về|trên|so|và|với)\b", text[end:]))
    return (unit == "đơn vị" and 0 < value < 1 and out_of is None
            and bool(_SCORE_CONTEXT.search(text[clause_start:at])))


def _score_of(label: str, english: str | None) -> tuple[str, str | None]:
    """The score of a ranking: "xếp hạng ICT Index" → "điểm ICT Index"."""
    return (re.sub(r"^xếp hạng\s+", "điểm ", label),
            re.sub(r"\s+ranking$", " score", english) if english else None)


# what a rank is a rank in, right after it: "dẫn đầu cả nước về số lượng hợp tác xã", "xếp thứ 5 về tỷ lệ …"
_ABOUT = re.compile(r"\s*(?:(?:\([^()]*\)|cả nước|toàn quốc|khu vực(?:\s+[A-ZĐ][^\s,;]*)+)\s*)*về\s+([^,;.()]{3,80})")


def _same_field(earlier: list[Observation], out_of: Decimal | None) -> bool:
    """"xếp hạng 32/63, tăng 20 bậc so với DTI 2020 (52/63)": out of as many as a rank of the sentence, a rank."""
    return any(o.unit == "rank" and o.out_of == out_of for o in earlier)


def _rank_continues(previous: Observation | None, text: str, sentence_start: int, at: int) -> bool:
    """Whether the number goes on a list of ranks: "giữ vị trí thứ 5, 6, 7", "xuống vị trí thứ 7 và 8"."""
    if previous is None or previous.unit != "rank":
        return False
    gap = text[previous.evidence.end - sentence_start:at]
    return bool(re.fullmatch(r"\s*(?:,|;|và|hoặc)\s*(?:và\s+)?(?:(?:vị trí|hạng)\s+)?(?:thứ\s+)?", gap))


def _group_leads(after: str) -> bool:
    """Whether the group a number heads is the leading one: "nhóm 15 [tỉnh, thành phố] dẫn đầu"."""
    first = _any_of("rank_words", marks="first").search(after[:40])
    return bool(first) and not re.search(r"[.;:]|\b(?:là|với)\b|\d", after[:first.start()])


def _first_place(text: str, m: re.Match, clause_start: int) -> bool:
    """"dẫn đầu" as first place, not "nhóm 15 tỉnh dẫn đầu" (a top-N group), "một trong những tỉnh dẫn đầu",
    "đoàn do ông … dẫn đầu" or "dẫn đầu đoàn công tác" (leading a delegation)."""
    before = text[clause_start:m.start()]
    number = lexicon.alternation(_number_words())
    if re.search(rf"(?<!\w)nhóm\s+(?:\d+|{number})\b|một trong|(?<!\w)do\s", before, re.I):
        return False
    return not re.match(r"\s+(?:phái\s+)?đoàn\b", text[m.end():], re.I)


def _rank_indicators(before: str, after: str, context: tuple[str, str] | None = None) -> list[tuple[str, str | None]]:
    """The rankings a rank is held in: those named right after it ("xếp hạng 1 ở chỉ số “hạ tầng kỹ thuật”",
    one for each of "hạng nhất ở cả 3 trụ cột Chính quyền số, Kinh tế số và Xã hội số"), else the one named
    closest before it, else the index the article spoke of last (`context`), else the whole DTI."""
    if head := _RANKED_IN.match(after):
        rest = after[head.end():]
        if quoted := _QUOTED_INDEX.match(rest):
            return [(f"xếp hạng {(quoted.group(1) or quoted.group(2)).strip()}", None)]
        if listed := _listed_indicators(rest):
            return listed
    if about := _ABOUT.match(after):  # "dẫn đầu cả nước về số lượng hợp tác xã số": a ranking of its own
        phrase = " ".join(re.split(r"\s+(?:và|với|so|khi|trong|từ|sau|trước)\s+", about.group(1))[0].split()[:10])
        if len(phrase) > 3 and not any(p.search(phrase) for _, _, p in _known("indicators")):
            return [(f"xếp hạng {phrase}", None)]
    label, english, at = _nearest_rank_indicator(before)
    quoted = list(_QUOTED_INDEX.finditer(before))
    if quoted and quoted[-1].end() > at:
        return [(f"xếp hạng {(quoted[-1].group(1) or quoted[-1].group(2)).strip()}", None)]
    if at < 0 and context is not None:
        return [context]
    return _enumeration_ending(before, at) or [(label, english)]


def _enumeration_ending(before: str, at: int) -> list[tuple[str, str | None]]:
    """The rankings of an enumeration that ends where the nearest ranking does: "các chỉ số về Chính quyền số, Kinh
    tế số, Xã hội số của tỉnh đạt 0,7 điểm" speaks of all three."""
    for m in re.finditer(r"(?<!\w)(?:về|các|cả)\s+", before):
        listed = _listed_indicators(before[m.end():])
        if len(listed) > 1 and at - m.end() <= sum(len(label) for label, _ in listed) * 2:
            return listed
    return []


@cache
def _region() -> re.Pattern:
    """A region right after a rank: "xếp thứ 5 khu vực Tây Nguyên", "thứ 2 trong khu vực Tây Nguyên", "3/5 tỉnh
    Tây Nguyên"."""
    return re.compile(r"\s*(?:trong\s+)?(?:(?:các\s+)?(?:tỉnh|địa phương)(?:\s*,\s*thành(?:\s+phố)?)?\s+)?"
                      r"(?:(?:" + lexicon.alternatives("phrase_cues", kind="region") + r")\s+)?("
                      + lexicon.alternatives("regions") + r")(?!\w)", re.I)


def _regional(named: list[tuple[str, str | None]], after: str) -> list[tuple[str, str | None]]:
    """A rank held within a region is a ranking of its own: "xếp hạng … (DTI) trong khu vực Tây Nguyên"."""
    if not (r := _region().match(after)):
        return named
    english = next(row.english for row in lexicon.table("regions") if row.name.lower() == r.group(1).lower())
    return [(f"{label} trong khu vực {r.group(1)}", en and f"{en} within the {english}") for label, en in named]


@cache
def _index_of(label: str) -> str:
    """The whole index a ranking or its score belongs to: a pillar's is the fallback index (DTI)."""
    for r in lexicon.table("indicators"):
        if label in (r.label, _score_of(r.label, None)[0]):
            return _fallback_indicator()[0] if r.pillar else r.label
    return label


def _before_first_edition(named: list[tuple[str, str | None]], period: int | None) -> list[tuple[str, str | None]]:
    """A ranking stated for a year before the index's first edition is not that index: "Năm 2018, tỉnh xếp thứ 20"
    is no DTI rank (the DTI began in 2020); such a rank keeps only the word "xếp hạng"."""
    first = {r.label: int(r.since) for r in lexicon.table("indicators") if r.since}
    return [("xếp hạng", None) if period and label in first and period < first[label] else (label, english)
            for label, english in named]


def _index_named(text: str) -> tuple[str, str] | None:
    """The last whole index a sentence names ("ICT Index", "PAR Index", "DTI"), not a pillar of one."""
    best, best_at = None, -1
    for r in lexicon.table("indicators"):
        if r.pillar:
            continue
        # the topic words "chuyển đổi số" are everywhere: only the index's own name says the article speaks of it
        pattern = re.compile(r"\bDTI\b") if r.fallback else re.compile(r.pattern, re.I)
        for m in pattern.finditer(text):
            if m.end() > best_at:
                best, best_at = (r.label, r.english), m.end()
    return best


def _listed_indicators(rest: str) -> list[tuple[str, str | None]]:
    """The rankings an enumeration opening `rest` names ("Chính quyền số, Kinh tế số và Xã hội số")."""
    named = [(label, english, pattern) for label, english, pattern in _known("indicators")
             if (label, english) != _fallback_indicator()[:2]]
    item = "(?:" + "|".join(p.pattern for _, _, p in named) + ")"
    # the ranking's name may follow a word or two ("bảng xếp hạng Việt Nam ICT Index")
    enumeration = re.match(rf"(?:[^\s,;()]+\s+){{0,2}}?{item}(?:\s*(?:,|và)\s*{item})*", rest, re.I)
    if not enumeration:
        return []
    found = [(m.start(), label, english) for label, english, p in named for m in p.finditer(enumeration.group(0))]
    return list(dict.fromkeys((label, english) for _, label, english in sorted(found)))


def _nearest_rank_indicator(before: str) -> tuple[str, str, int]:
    """The ranking named closest before the number: "…, kinh tế số đứng thứ 48/63" is the economy pillar."""
    best, best_at = _fallback_indicator(), -1
    for label, english, pattern in _known("indicators"):
        for m in pattern.finditer(before):
            if m.end() > best_at:
                best, best_at = (label, english, pattern), m.end()
    return best[0], best[1], best_at


def _clause(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _CLAUSE_SEP.finditer(text, 0, at)), default=0)
    nxt = _CLAUSE_SEP.search(text, at)
    return start, nxt.start() if nxt else len(text)


def _words(text: str, limit: int = 14) -> str:
    text = _filler().sub(" ", re.sub(r"(?<!\w)tỉ (?=lệ|trọng)", "tỷ ", text, flags=re.I))
    raw = re.sub(r"[,()“”\"…%/]+", " ", text).split()
    words = [w for i, w in enumerate(raw) if not any(c.isdigit() for c in w) or _a_level(raw, i)]
    if words[:1] == ["số"] and len(words) > 1 and words[1] not in ("hóa", "liệu"):
        words.pop(0)  # "65% số hộ gia đình": "the number of", not "digital" after its noun ("doanh nghiệp số")
    while words and words[-1] in _dangling():
        words.pop()  # the qualifier or conjunction of the next figure
    return " ".join(words[:limit])


def _a_level(words: list[str], i: int) -> bool:
    """Numbers are left out of a label, but not a level's: "mức độ 4", "mức độ 3 và 4"."""
    if any(words[max(0, i - len(w)):i] == w for w in _numbered_levels()):
        return True
    return i >= 3 and words[i - 1] in ("và", "hoặc") and words[i - 2].isdigit() and _a_level(words, i - 2)


def _subject_phrase(before: str, after: str, unit: str, done: str | None = None) -> str:
    """What a figure measures: the subject before "đạt/là/chiếm", or the noun phrase the number heads."""
    heads = list(_HEAD.finditer(before))
    if heads:
        return _words(before[heads[-1].start():])
    if link := _link().search(before):
        tail = before[:link.start()]
        last_comma = tail.rfind(",")
        if last_comma != -1 and len(tail[last_comma:].split()) >= 3:
            tail = tail[last_comma + 1:]
        if len(_any_of("status_words").sub(" ", _words(tail)).split()) >= 2:  # not "phấn đấu có 700 …"
            return _words(" ".join(tail.split()[-12:]))
    if unit == "đơn vị" and re.match(r"\s*(?:[,;.]|$)", after):
        # a bare number ending its phrase is named by the words before it: "hồ sơ định danh điện tử được phê
        # duyệt 995.294, …"
        tail = _words(_last_piece(before))
        if len(tail.split()) >= 2:
            return tail
    subject = _words(_next_figure().split(after, maxsplit=1)[0])  # up to the next figure of a list
    if unit != "percent":
        if not subject and (done := _done_before(before, counting=True)):
            # "hồ sơ định danh điện tử được phê duyệt 995.294", "đã kích hoạt 702.294 tài khoản"
            return done if unit == "đơn vị" else f"{unit} {done}"
        return f"{unit} {subject}".strip()
    if subject and done:
        return f"{done} {subject}"  # "đã tích hợp 100% dịch vụ công trực tuyến": "tỷ lệ tích hợp dịch vụ công …"
    return subject or _words(" ".join(before.split()[-8:])) or "số liệu"


def _last_piece(before: str) -> str:
    """The words before a figure since the last comma, semicolon, colon or open bracket (closed ones skipped)."""
    return re.split(r"[,;:(]", _outside_closed_brackets(before))[-1]


@cache
def _cue_before_space(kind: str) -> re.Pattern:
    """A cue word of phrase_cues.tsv as a whole word, followed by a space."""
    return re.compile(r"(?<!\w)(?:" + lexicon.alternatives("phrase_cues", kind=kind) + r")\s")


@lru_cache(maxsize=4096)  # the same words before figures recur in a sentence and across sentences
def _done_before(before: str, counting: bool = False) -> str | None:
    """What was done to the things a percentage heads, when the words before it say ("đã tích hợp 100% …", "ứng
    dụng phần mềm quản lý văn bản tại 100% các phòng", "cấp hộp thư điện tử cho 100% cán bộ"): the words after
    "đã", "được" or "sẽ", else a short run of words; after the last name in them, which says who did it ("Ban Cơ
    yếu Chính phủ cấp chứng thư số chuyên dùng cho 510 tổ chức"). Not a status ("tỉnh Bến Tre phấn đấu 100% …")."""
    from underthesea import word_tokenize  # loaded on first use: it is slow to import

    tail = _last_piece(before)
    marked = _cue_before_space("done").split(tail)
    if counting and len(marked) == 1:
        return None  # a count's noun already names it: only an action stated as done adds to it
    # Vietnamese words (a name's "Chính phủ" is one), so that a name's last word is cut with it
    words = word_tokenize(_words(marked[-1], 40).lstrip("-–+•*▪● "))
    named = [i for i, w in enumerate(words) if i and w[0].isupper()]
    words = _any_of("status_words").sub(" ", " ".join(words[named[-1] + 1 if named else 0:])).split()
    if not words or len(words) > (10 if len(marked) > 1 else 8) or _link().search(tail) or \
            _any_of("qualifiers").search(tail):
        return None
    return " ".join(words)


@cache
def _holders() -> re.Pattern:
    return re.compile(r"^(?:" + lexicon.alternatives("rate_holders", where="opens") + r")(?!\w)|(?<!\w)(?:"
                      + lexicon.alternatives("rate_holders", where="anywhere") + r")(?!\w)|(?<!\w)(?:"
                      + lexicon.alternatives("rate_holders", where="ends") + r")$", re.I)


def _held_by(label: str) -> bool:
    """A percentage's phrase names who reached it or points back ("tỷ lệ Hà Giang", "tỷ lệ này chỉ", "tỷ lệ Khối
    bộ ngành"), not what it measures."""
    core = re.sub(r"^tỷ lệ\s*", "", label, flags=re.I)
    return not core or bool(_holders().search(core) or _place_first().match(core))


@cache
def _place_first() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.province_names()))  # "Hà Giang (55,76%)", as written


def _rate_named(text: str, found: list[Observation], paragraph: int) -> tuple[str, str | None, int] | None:
    """The rate a sentence speaks of: that of its last percentage whose words name what it measures, else a
    rate it names without a figure ("tỷ lệ hồ sơ trực tuyến toàn trình của cả nước vẫn chưa đạt mục tiêu")."""
    for o in reversed(found):
        if o.unit == "percent" and not _held_by(o.indicator):
            return o.indicator, o.indicator_en, paragraph
    for head in reversed(list(_HEAD.finditer(text))):
        rest = text[head.start():]
        if link := re.search(r"\s" + _cue_before_space("rate_end").pattern + r"|[,.;:(]", rest):
            rest = rest[:link.start()]
        label = _words(rest)
        if len(label.split()) > 2 and not _held_by(label) and not any(c.isdigit() for c in rest):
            return label, None, paragraph
    return None


@cache
def _moved_by(mark: str) -> re.Pattern:
    """The words that say a figure went up or down, right before it ("tăng 8 bậc", "giảm hơn 5%")."""
    return re.compile(r"(?<!\w)(?:" + lexicon.alternatives("rank_words", marks=mark) + r")\s+(?:(?:"
                      + lexicon.alternatives("qualifiers") + r")\s+)?$", re.I)


def _moved_from(before: str) -> bool:
    """Whether a figure comes after a move away from a year's state: "từ vị trí thứ 2 của năm 2018 xuống …"."""
    return bool(re.search(r"(?<!\w)từ\s[^.;]*?(?:19|20)\d\d\b[^.;\d]*?(?:" + lexicon.alternatives("rank_words", marks="up")
                          + "|" + lexicon.alternatives("rank_words", marks="down") + r")\s[^.;]*$", before, re.I))


@cache
def _numbered_levels() -> list[list[str]]:
    return [w.split() for w in lexicon.words("phrase_cues", kind="numbered_level")]


def _steps(label: str, english: str | None, before: str) -> tuple[str, str | None]:
    """Steps a ranking moved, the way the words before them say: "tăng 8 bậc" → "số bậc tăng xếp hạng ICT Index"."""
    way = next((w for w, mark in (("tăng", "up"), ("giảm", "down")) if _moved_by(mark).search(before[-20:])),
               "thay đổi")
    return f"số bậc {way} {label}", english and f"{english}: places {dict(tăng='gained', giảm='lost').get(way, 'moved')}"


def _kind_of_count(label: str, unit: str) -> str:
    """'tỷ lệ …' for a percentage, 'số …' for a count, whatever the phrase began with."""
    core = re.sub(r"^(?:t[ỷỉ] lệ|số lượng|số)\s+", "", label.strip(), flags=re.I)
    if label.lower().startswith("tỷ trọng") or label.lower().startswith("tăng"):
        return label
    return f"tỷ lệ {core}" if unit == "percent" else f"số {core}" if unit not in ("rank",) else core


class Figures(Component):
    """Every figure the article states about a place, as an Observation."""

    needs = ("documents",)  # the document that set a target
    adds = ("observations",)

    def __call__(self, ctx: Context) -> None:
        reader = FigureReader(ctx)
        found: list[Observation] = []
        for s in ctx.article.sentences:
            for piece in windows(s):
                found += reader.read(piece)  # a figure stated twice is merged by the identity stage
        ctx.records.observations += _dated_by_restatement(found, reader.undated)


# The longest sentence a reader meets in news prose is under 1,000 characters. Each figure looks at the words
# of its sentence around it, so a run-on "sentence" (a table flattened into one line, a hostile file) is read
# in windows of this size: the work stays linear in the text and each figure's evidence stays short.
WINDOW = 1_500


def windows(s: Sentence, size: int = WINDOW) -> list[Sentence]:
    """The sentence itself, or, past `size` characters, consecutive pieces of it ending at a clause boundary
    (else at a space) so that no figure is cut in two."""
    if len(s.text) <= size:
        return [s]
    pieces, at, text = [], 0, s.text
    while at < len(text):
        end = min(at + size, len(text))
        if end < len(text):
            cut = max((m.end() for m in _CLAUSE_SEP.finditer(text, at + size // 2, end)), default=-1)
            if cut == -1:
                cut = text.rfind(" ", at + size // 2, end) + 1
            end = cut if cut > at else end
        pieces.append(Sentence(text[at:end], s.start + at, s.paragraph))
        at = end
    return pieces


def _dated_by_restatement(found: list[Observation], undated: set[int]) -> list[Observation]:
    """A lead restates a figure of the body without its year ("Với tỷ lệ 68,54%, tỉnh này …" above "trong năm
    2024, Hà Nam đã xử lý … 68,54%"): an undated figure takes the year of the same figure stated with one."""
    dated = {(o.value, o.unit, o.status, o.area): o for o in found if id(o) not in undated}
    return [_restated(o, dated[k]) if id(o) in undated and distinctive(o)
            and (k := (o.value, o.unit, o.status, o.area)) in dated else o for o in found]


def _restated(lead: Observation, body: Observation) -> Observation:
    """The lead's figure with the body's year, and the body's indicator where the lead's words name none."""
    if lead.unit == "percent" and _held_by(lead.indicator):
        return replace(lead, period=body.period, indicator=body.indicator, indicator_en=body.indicator_en)
    return replace(lead, period=body.period)


def distinctive(o: Observation) -> bool:
    """A value unlikely to recur by chance in one article: a fraction ("68,54%", "0,8241") or a count of 100 or
    more of a named thing; not a rank, not a round percentage."""
    if o.unit == "rank":
        return False
    if o.value != o.value.to_integral_value():
        return True
    return o.unit != "percent" and o.value >= 100
