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

    Only the observation's own indicator decides: the link is made on the phrase-level concept that every
    figure with the same phrase shares, so it must follow from the phrase alone. (Its sentence may name
    several indicators: a hand-checked sample of the dev set found the sentence's indicator wrong more often
    than right.) A change of a figure measures a change of what that figure measures: a broad match."""
    if o.change_of is not None:
        return (base[0], "broad") if (base := canonical(o.change_of)) else None
    return _first(o.indicator, _COUNTS.get(o.unit, "count"))


def _first(text: str, counts: str) -> tuple[str, str] | None:
    for pattern, unit, code, match in _links():
        if unit in (counts, "*") and pattern.search(text):
            return (code, match) if code != "-" else None  # "-": a ranking of its own, whatever rows below say
    return None
