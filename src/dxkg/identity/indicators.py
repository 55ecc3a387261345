"""Which canonical indicator an observation measures: its own indicator, as the graph labels it ("tỷ lệ hồ sơ
công việc tại cấp huyện"), read against `indicator_links.tsv` together with what it counts. A rank of the
DTI is the DTI ranking exactly; a share of work files at district level is a part of the national
indicator (a broad match); a figure no row fits measures no canonical indicator."""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..model import Observation

_COUNTS = {"percent": "percent", "rank": "rank", "điểm": "score", "bậc": "steps"}  # else: a count


@cache
def _links() -> list[tuple[re.Pattern, str, str, str]]:
    return [(re.compile(r.pattern, re.IGNORECASE), r.counts, r.code, r.match)
            for r in lexicon.table("indicator_links")]


def canonical(o: Observation) -> tuple[str, str] | None:
    """(code, "exact" | "broad") of the canonical indicator O measures, or None.

    A share, a rank or a score whose own indicator names none ("tỷ lệ so năm": the clause's words were not
    the indicator's) measures the one its sentence names, no more than broadly: the sentence may name several.
    A count is only what its own words say it counts."""
    counts = _COUNTS.get(o.unit, "count")
    if found := _first(o.indicator, counts):
        return found
    if counts != "count" and (found := _first(o.evidence.sentence, counts)):
        return found[0], "broad"
    return None


def _first(text: str, counts: str) -> tuple[str, str] | None:
    for pattern, unit, code, match in _links():
        if unit in (counts, "*") and pattern.search(text):
            return code, match
    return None
