"""The national map (`OUT/map.html`): a choropleth of one canonical indicator in one year, with a sortable table.

It draws the bundled query `map-figures` (the consolidated figures of the canonical indicators by province
and year) on the province boundaries shipped in `templates/vn_provinces.json` (Natural Earth, public domain;
`scripts/make_map.py` says how they were made): the 63 units before 1 July 2025, the 34 after. The
boundaries are SVG paths written into the page; the page's own script only colours them and fills the
table, from JSON it reads with textContent. Nothing is fetched: the page works from the file alone.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

from .. import lexicon
from .answers import bundled, solutions
from .files import write_page
from .pages import pages

QUERY = "map-figures"


@cache
def shapes() -> dict:
    return json.loads(files("dxkg").joinpath("templates", "vn_provinces.json").read_text(encoding="utf-8"))


@cache
def drawn_as() -> dict[str, dict[str, str]]:
    """For each map (63, 34), the unit whose shape a unit is drawn with: itself, or the unit it renamed
    (Huế, a city since 1 January 2025, has the shape of Thừa Thiên Huế on the 63-unit map)."""
    units = lexicon.provinces()
    out = {}
    for era in ("63", "34"):
        drawn = {u: u for u in shapes()[era]}
        for unit in units.values():
            before = [p for p in units.values() if p.successor == unit.id]
            if unit.id not in drawn and len(before) == 1 and before[0].id in drawn:
                drawn[unit.id] = before[0].id
        out[era] = drawn
    return out


def figures(result) -> list[list]:
    """The rows of `map-figures` (its solutions, or None) as the page reads them: code, indicator, unit, place,
    province, year, status, value (None when the articles disagree), conflict."""
    if result is None:
        return []
    rows = []
    # by position, in the order the query selects them (by name, twice the time: 10,000 rows at 10,000 articles)
    for code, indicator, unit, unit_id, province, year, status, value, conflict, _statistic in result:
        rows.append([code.value, indicator.value, unit.value, unit_id.value, province.value, int(year.value),
                     status.value, float(value.value) if value is not None else None, conflict.value == "true"])
    return rows


def render(rows: list[list], province_href: str = "provinces/{}.html", title: str = "Bản đồ chỉ số chuyển đổi số",
           ) -> str:
    """The page; PROVINCE_HREF is where a province's page is ("{}" its id): beside the file, or served."""
    m = shapes()
    return pages().get_template("map.html").render(
        page_title=title, width=m["width"], height=m["height"], source=m["source"],
        units={era: sorted(m[era].items()) for era in ("63", "34")}, rows=rows, drawn=drawn_as(),
        province_href=province_href)


def write(outdir: Path, answers: Path | None) -> None:
    """Write OUT/map.html from the kept answer to `map-figures` (atomically, and only when it changes)."""
    write_page(outdir / "map.html", render(figures(solutions(answers, bundled()[QUERY][1]))))
