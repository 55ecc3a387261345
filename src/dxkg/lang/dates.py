"""Dates as Vietnamese news writes them, resolved against the article's date.

"Sáng 24-11", "chiều 25.11", "Ngày 8/3", "ngày 11/6/2021": a day and month
introduced by a time word. Without a year they take the article's year, or
the year before when that would put them after the article ("ngày 28/12" in
an article of January).
"""
from __future__ import annotations

import re
from datetime import date

from ..model import PartialDate

DAY_MONTH = re.compile(
    r"\b(?P<when>sáng|chiều|tối|trưa|đêm|ngày|hôm|vào)\s+(?:nay\s+)?(?:\([^)]{0,20}\)\s*)?"
    r"(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})(?:\s*[-/.]\s*(?P<y>\d{4}))?(?![\d/.-]*\d)", re.I)
YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b", re.I)
# words that make "năm 2025" a due date or a plan rather than the time of writing
FUTURE_MARKERS = re.compile(
    r"(đến|tới|tầm nhìn|định hướng|phấn đấu|mục tiêu|chỉ tiêu|kế hoạch|nhiệm vụ|phương hướng|"
    r"chiến lược|giai đoạn)(\s+\S+){0,3}\s*$", re.I)


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
    """(match, day, month, year|None) for every time-word date in text."""
    for m in DAY_MONTH.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        y = int(m["y"]) if m["y"] else None
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
    """'Thứ năm, 19/09/2024 - 23:16' or '16:27, 08/03/2022' -> the date."""
    m = re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b", value)
    if not m:
        return None
    d, mo, y = int(m[1]), int(m[2]), int(m[3])
    return PartialDate(y, mo, d) if valid(y, mo, d) else None
