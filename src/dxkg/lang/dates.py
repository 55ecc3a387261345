"""Dates as Vietnamese news writes them, resolved against what is known of the article's date.

Three shapes matter:

- the page's date stamp, a line made only of a date, clock times and date words
  ("Cập nhật, 16:57, Thứ Hai, 08/08/2022 (GMT+7)", "15:8, Thứ Năm, 16-11-2023");
- a day and month introduced by a time word ("Sáng 24-11", "chiều 25.11",
  "Sáng nay (21/11)", "từ ngày 20/7 – 25/7", "Ngày Chuyển đổi số quốc gia 10-10"):
  without a year they take the article's year, or the year before when that would
  put them after the article ("ngày 28/12" in an article of January);
- years the text speaks of in a role: a target ("đến năm 2025"), the article's own
  period ("quý II/2022", "dự kiến trong năm 2019"), a year reported as over
  ("Đến cuối năm 2024, ... chỉ đạt"), an index edition measured over that year
  ("DTI 2020", announced the year after).

Relative words ("nay", "hôm qua", "vừa qua", "năm nay", "năm ngoái") resolve
against a known date with `relative_day`/`relative_year`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .. import lexicon
from ..model import PartialDate
from .text import UPPER

_TIME_WORD = r"sáng|chiều|tối|trưa|đêm|ngày|hôm|vào"
_DM = r"(?P<d>\d{1,2})(?:\s*[-–]\s*(?P<d_to>\d{1,2})(?=\s*[/.]))?\s*[-/.]\s*(?P<m>\d{1,2})(?:\s*[-/.]\s*(?P<y>\d{4}))?"
# a second date closing a range: "20/7 – 25/7", "1-1 đến 14-11-2024"
_RANGE_END = r"(?:\s*(?:[-–]|đến|tới)\s*(?:ngày\s+)?\d{1,2}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{4})?)?"
DAY_MONTH = re.compile(
    rf"\b(?P<when>{_TIME_WORD})\s+(?P<rel>nay\s+|qua\s+|hôm qua\s+|hôm nay\s+)?(?:ngày\s+)?(?:\([^)\d]{{0,20}}\)\s*)?"
    rf"\(?{_DM}\)?{_RANGE_END}(?![\d/.-]*\d)", re.I)
# a named day of the year: "Ngày Chuyển đổi số quốc gia 10-10", "Ngày CĐS tỉnh Đồng Tháp 10/10"
NAMED_DAY = re.compile(
    rf"\bNgày(?!\s+càng)(?:\s+[{UPPER}\w&.]+){{1,7}}?\s+(?P<d>\d{{1,2}})\s*[-/.]\s*(?P<m>\d{{1,2}})(?![\d/.-]*\d)")
YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b", re.I)
FULL_DATE = re.compile(r"\b(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})\b")
# words that make "năm 2025" a due date or a plan rather than the time of writing
FUTURE_MARKERS = re.compile(
    r"(đến|tới|tầm nhìn|định hướng|phấn đấu|mục tiêu|chỉ tiêu|kế hoạch|nhiệm vụ|phương hướng|"
    r"chiến lược|giai đoạn)(\s+\S+){0,3}\s*$", re.I)
# a date that belongs to a document ("Quyết định số 119-QĐ/TU ngày 03/07/2025"): a bound, not an event
_AFTER_NOTATION = re.compile(r"(?:\d+\s*/\s*\S+|\d+-[\wĐđ]+/\S+|\bsố\s+\d+\S*)(?:\s+\S+){0,2}?\s*,?\s*(?:ban hành\s+)?ngày\s*$")
_CUTOFF = re.compile(r"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$|từ\s+ngày\s+\S+\s+đến\s+(?:hết\s+)?(?:ngày\s+)?$", re.I)
# a directive or a target earlier in the clause makes "đến ngày …", "trong quý …" a deadline
# ("yêu cầu đến ngày 31/12/2025 hoàn thành …", "đưa … vào khai thác trong quý II/2024")
_DIRECTIVE = re.compile(r"\b(?:yêu cầu|đề nghị|chỉ đạo|giao|phấn đấu|mục tiêu|chỉ tiêu|sẽ|cần|phải|dự kiến|"
                        r"theo kế hoạch|nhiệm vụ|đôn đốc|chậm nhất)\b", re.I)
# what a deadline or a cut-off opens with: the date after it is neither an event's nor the article's
_BOUND_BEFORE = re.compile(r"(?:\b(?:tính\s+)?(?:đến|tới|trước|chậm nhất|hạn chót|hạn)\s+(?:hết\s+)?(?:ngày\s+)?)$", re.I)
_UPCOMING = re.compile(r"\b(?:sẽ|dự kiến|theo kế hoạch|chuẩn bị)\b", re.I)
# what may stand before the event date at the start of a sentence ("Mới đây, chiều 22/3/2023, ...")
_LEAD_IN = re.compile(r"^(?:(?:mới đây|vừa qua|gần đây|theo kế hoạch|trước đó|cũng)\s*,?\s*)?(?:từ\s+)?", re.I)
_TARGET_BEFORE = re.compile(r"(?:phấn đấu|mục tiêu|chỉ tiêu|kế hoạch|sẽ)[^\w.;]+(?:\w+[^\w.;]+){0,3}$", re.I)


def valid(y: int, m: int, d: int | None = None) -> bool:
    try:
        date(y, m, d or 1)
        return True
    except ValueError:
        return False


def resolve_day_month(day: int, month: int, year: int | None, anchor: PartialDate | None) -> PartialDate | None:
    """A printed day and month to a full date, using the article's date for a missing year."""
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        if anchor.month is not None and month > anchor.month:
            year -= 1  # "28/12" in an article of January is last December
    return PartialDate(year, month, day) if valid(year, month, day) else None


def day_months(text: str):
    """(match, day, month, year|None) for every time-word or named-day date in text, in order."""
    found = []
    for m in DAY_MONTH.finditer(text):
        found.append(m)
    taken = [(m.start("d"), m.end()) for m in found]
    for m in NAMED_DAY.finditer(text):
        if not any(a <= m.start("d") < b for a, b in taken):
            found.append(m)
    for m in sorted(found, key=lambda x: x.start("d")):
        d, mo = int(m["d"]), int(m["m"])
        y = int(m["y"]) if "y" in m.re.groupindex and m["y"] else None
        if 1 <= d <= 31 and 1 <= mo <= 12:
            yield m, d, mo, y


def current_years(text: str) -> list[int]:
    """Years the text speaks of as past or present (no year that is only ever a plan or a due date)."""
    seen: dict[int, bool] = {}
    for m in YEAR.finditer(text):
        y = int(m["y"])
        before = text[max(0, m.start() - 60):m.start()]
        future = bool(FUTURE_MARKERS.search(before))
        seen[y] = seen.get(y, False) or future
    return sorted(y for y, future in seen.items() if not future)


def parse_iso(value: str) -> PartialDate | None:
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if mo is not None and not valid(y, mo, d):
        return None
    return PartialDate(y, mo, d)


def parse_printed(value: str) -> PartialDate | None:
    """'Thứ năm, 19/09/2024 - 23:16', '16:27, 08/03/2022' or '25 tháng 8 năm 2019' -> the date."""
    m = FULL_DATE.search(value) or _WORDED_DATE.search(value) or _ISO_DATE.search(value)
    if not m:
        return None
    d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
    return PartialDate(y, mo, d) if valid(y, mo, d) else None


# ------------------------------------------------------------------ the page's date stamp

_WORDED_DATE = re.compile(r"\b(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,|năm)\s*(?P<y>(?:19|20)\d{2})\b", re.I)
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_CLOCK = re.compile(r"\b\d{1,2}\s*[:hg]\s*\d{1,2}(?:\s*:\s*\d{2})?(?:\s*(?:AM|PM|SA|CH))?\b|\b\d{1,2}\s*(?:AM|PM)\b", re.I)
_GMT = re.compile(r"\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?", re.I)
_WEEKDAY_NUMBER = re.compile(r"\bthứ\s*[2-7]\b|\bT[2-7]\b|\bCN\b", re.I)


@cache
def _date_words() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(lexicon.date_words()) + r")(?!\w)", re.I)


def date_stamp(line: str) -> PartialDate | None:
    """The date of a line that is nothing but a date stamp; None for any line that says more.

    A stamp holds one full date, clock times, weekday and "cập nhật"-type words and
    punctuation; any other word ("Ngày 3/5, UBND tỉnh ký ...") makes it text.
    """
    if len(line) > 90:
        return None
    found = parse_printed(line)
    if found is None:
        return None
    rest = _GMT.sub(" ", line)
    rest = FULL_DATE.sub(" ", rest)
    rest = _WORDED_DATE.sub(" ", rest)
    rest = _ISO_DATE.sub(" ", rest)
    rest = _CLOCK.sub(" ", rest)
    rest = _WEEKDAY_NUMBER.sub(" ", rest)
    rest = _date_words().sub(" ", rest)
    return found if not re.search(r"\w", rest) else None


# ------------------------------------------------------------------ dates and years in the text

@dataclass(frozen=True)
class EventDate:
    """A day and month reported at the start of a sentence: the event the article reports."""

    day: int
    month: int
    year: int | None
    relative: str | None  # "nay" (today), "qua" (yesterday) or None
    upcoming: bool  # "Theo kế hoạch, từ ngày 22 - 24.5.2024 ... sẽ diễn ra"
    opens: bool = False  # the sentence opens on it ("Sáng 21/10, …"), with no "Mới đây," or "Vừa qua," before


def event_date(sentence: str, anywhere: bool = False) -> EventDate | None:
    """The date a sentence opens with ("Ngày 18/5, ...", "Mới đây, chiều 22/3/2023, ...", "Sáng nay (21/11), ...").

    With `anywhere`, the first time-word date of the sentence that is not a document's
    ("Theo kết quả đánh giá chiều 19/10 do Bộ ... tổ chức, ..."): how a lead dates its news.
    """
    lead = _LEAD_IN.match(sentence)
    at = lead.end() if lead else 0
    for m, d, mo, y in day_months(sentence):
        if m.re is not DAY_MONTH:
            continue
        if anywhere and _AFTER_NOTATION.search(sentence[max(0, m.start() - 60):m.start("d")]):
            return None
        if not anywhere and m.start() != at:
            return None
        rel = (m["rel"] or "").strip().lower()
        return EventDate(d, mo, y, "nay" if rel in ("nay", "hôm nay") else "qua" if rel in ("qua", "hôm qua") else None,
                         bool(_UPCOMING.search(sentence)), opens=m.start() == 0)
    return None


def _clause_before(text: str, at: int) -> str:
    """The clause that leads up to position `at` (back to a full stop, semicolon or line break)."""
    return re.split(r"[.;\n]\s", text[max(0, at - 200):at])[-1]


def in_plan(text: str, at: int) -> bool:
    """Whether what stands at `at` is set by a directive or a target earlier in its clause."""
    before = _clause_before(text, at)
    return bool(_DIRECTIVE.search(before)) and not re.search(r"\btính\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$",
                                                             before, re.I)


def bound_date(text: str, at: int) -> bool:
    """A date after "đến", "trước", "chậm nhất" ("đến ngày 31/12/2025", "trước ngày 15/9"): a deadline or a
    data cut-off, never the day an event took place. `at` is where the date (or its "ngày") starts."""
    return bool(_BOUND_BEFORE.search(text[max(0, at - 30):at]))


def is_deadline(text: str, at: int) -> bool:
    """A date or period that a plan sets: "trước ngày 15/9", "yêu cầu đến ngày 31/12 hoàn thành",
    "đưa vào khai thác trong quý II/2024". Not the article's date, nor its own period."""
    before = text[max(0, at - 30):at]
    if re.search(r"\btrước\s+(?:ngày\s+)?$|\bchậm nhất(?:\s+\S+)?\s+(?:ngày\s+)?$", before, re.I):
        return True
    return bool(re.search(r"\b(?:đến|tới|trong|vào)\s+(?:hết\s+)?(?:ngày\s+)?$", before, re.I)) and in_plan(text, at)


@dataclass(frozen=True)
class DatedMention:
    when: PartialDate
    role: str  # "document" (a document's date), "deadline" (set by a plan), "cutoff" (data up to that day), "event"


def full_dates(text: str) -> list[DatedMention]:
    """Every written day/month/year, with what it dates."""
    out = []
    for m in FULL_DATE.finditer(text):
        d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
        if not valid(y, mo, d):
            continue
        before = text[max(0, m.start() - 60):m.start()]
        role = ("document" if _AFTER_NOTATION.search(before) else "deadline" if is_deadline(text, m.start())
                else "cutoff" if _CUTOFF.search(before) else "event")
        out.append(DatedMention(PartialDate(y, mo, d), role))
    return out


@cache
def _date_cues() -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(pattern, re.I)) for kind, pattern in lexicon.date_cues()]


def year_cues(text: str) -> list[tuple[str, int | None]]:
    """(kind, year) for every dating cue of `date_cues.tsv` in text: current, past_end, index, merger."""
    out = []
    for kind, pattern in _date_cues():
        for m in pattern.finditer(text):
            if kind == "past_end" and _TARGET_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
                continue  # "Phấn đấu đến cuối năm 2025, ..." is a target, not a year over
            if kind == "current" and is_deadline(text, m.start()):
                continue  # "yêu cầu … đưa vào khai thác trong quý II/2024": a deadline, not the article's period
            y = int(m["y"]) if "y" in pattern.groupindex and m["y"] else None
            out.append((kind, y))
    return out


def sentence_years(sentence: str) -> list[int]:
    """Years a sentence speaks of as past or present ("năm 2024", "quý II/2022"), no targets."""
    years = current_years(sentence)
    years += [y for kind, y in year_cues(sentence) if kind == "current" and y]
    return sorted(set(years))


def relative_day(event: EventDate, year: int) -> PartialDate | None:
    """The day the article was written, from an event 'nay' (today) or 'qua' (yesterday)."""
    if not valid(year, event.month, event.day):
        return None
    day = date(year, event.month, event.day)
    if event.relative == "qua":
        day += timedelta(days=1)
    return PartialDate(day.year, day.month, day.day)


def relative_year(word: str, known: int) -> int | None:
    """'năm nay' -> the known year, 'năm ngoái'/'năm trước' -> the year before, 'năm sau'/'năm tới' -> after."""
    w = word.lower().strip()
    return {"năm nay": known, "năm ngoái": known - 1, "năm trước": known - 1, "năm qua": known - 1,
            "năm sau": known + 1, "năm tới": known + 1}.get(w)
