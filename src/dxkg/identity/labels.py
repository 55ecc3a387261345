"""How a resolved record is shown to people (tables, the view): labels composed from its parts."""
from __future__ import annotations

from .. import lexicon
from ..model import Observation


def observation(o: Observation) -> str:
    """'39/63 · xếp hạng DTI · 2021': the value with its unit, the indicator, the year, and whether a target."""
    value = format(o.value.normalize(), "f")
    if o.max_value is not None:
        value += "–" + format(o.max_value.normalize(), "f")
    if o.unit == "percent":
        value += "%"
    elif o.out_of is not None:
        value += "/" + format(o.out_of.normalize(), "f")
    elif o.unit != "rank":
        value += " " + o.unit
    parts = [(o.qualifier + " " if o.qualifier else "") + value, o.indicator]
    if o.period:
        parts.append(str(o.period))
    if o.status == "target":
        parts.append(lexicon.display("target")[0])
    return " · ".join(parts)
