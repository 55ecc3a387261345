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
    """(code, "exact" | "broad") of the canonical indicator O measures, or None."""
    counts = _COUNTS.get(o.unit, "count")
    for pattern, unit, code, match in _links():
        if unit in (counts, "*") and pattern.search(o.indicator):
            return code, match
    return None
