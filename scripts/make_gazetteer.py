"""Regenerate src/dxkg/data/provinces.tsv from the mapping underthesea ships.

    python scripts/make_gazetteer.py

underthesea.address carries the official 63 -> 34 mapping of the merger in
force from 1 July 2025 (names, codes, which old units each new one absorbed).
We copy it into a data file of our own so that a build never depends on the
private layout of another package's data, and add the spellings news uses.

Each unit has the dates between which it existed (`valid_from` inclusive, `valid_until`
exclusive, empty = open): a name in an article denotes the unit that carried
it on the article's date. underthesea's "old" map is the map of 30 June 2025,
so a unit renamed before the merger is added here from RENAMED.
"""
from __future__ import annotations

import json
from pathlib import Path

import underthesea.address

MERGER = "2025-07-01"

# Spellings Vietnamese news uses beside the official short names. "Hồ Chí Minh"
# alone is also the President's name ("Tư tưởng Hồ Chí Minh"): places.py takes
# it as the city only after "TP"/"thành phố", the abbreviations below always.
ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TPHCM", "TP. HCM", "TP HCM", "Tp.HCM", "Tp. HCM", "TP Hồ Chí Minh"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Đắk Lắk": ["Đăk Lăk", "Đắc Lắc", "Daklak", "Đắk Lăk"],
    "Đắk Nông": ["Đăk Nông", "Đắc Nông"],
    "Kon Tum": ["Kontum"],
}
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"}

# Units of the 63 that changed name before 30 June 2025 without a change of
# territory: the old unit until the change, the successor (underthesea's unit)
# from then on. Thừa Thiên Huế province became the centrally-run city of Huế on
# 1 January 2025 (resolution of the National Assembly Standing Committee,
# November 2024): a 2021 article's "Thừa Thiên Huế" is the province, a 2025
# article's "Huế" the city. "Huế" alone in an article that also writes the
# province's full name is its short form (places.unit_for).
RENAMED = [
    {"name": "Thừa Thiên Huế", "kind": "tỉnh", "until": "2025-01-01", "becomes": "Huế",
     "aliases": ["Thừa Thiên - Huế", "Thừa Thiên – Huế", "Thừa Thiên-Huế", "TT-Huế"]},
]


def slug(name: str) -> str:
    import unicodedata
    t = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in t).split())


SHIPPED = Path(__file__).resolve().parents[1] / "src" / "dxkg" / "data" / "provinces.tsv"


def main(out: Path = SHIPPED) -> None:
    data = json.loads((Path(underthesea.address.__file__).parent / "data" / "mapping.json").read_text("utf-8"))
    old, new, mapping = data["old_province_names"], data["province_names"], data["province_mapping"]
    absorbed: dict[str, list[str]] = {}
    for old_key, new_key in mapping.items():
        absorbed.setdefault(new_key, []).append(old_key)

    def unchanged(new_key: str) -> bool:
        preds = absorbed[new_key]
        return len(preds) == 1 and old[preds[0]]["short"] == new[new_key]["short"]

    renamed = {r["becomes"]: r for r in RENAMED}
    # era: which map a unit belongs to, the 63 before 1 July 2025, the 34 after, or both (unchanged).
    rows = []
    for key, info in sorted(old.items(), key=lambda kv: kv[1]["code"]):
        new_key = mapping[key]
        same = unchanged(new_key)
        if r := renamed.get(info["short"]):
            rows.append({
                "id": slug(r["name"]), "name": r["name"], "code": info["code"], "era": "63", "kind": r["kind"],
                "successor": slug(info["short"]), "aliases": "|".join(r["aliases"]),
                "valid_from": "", "valid_until": r["until"],
            })
        rows.append({
            "id": slug(info["short"]), "name": info["short"], "code": info["code"],
            "era": "63+34" if same else "63",
            "kind": "thành phố" if info["short"] in CITIES else "tỉnh",
            "successor": "" if same else slug(new[new_key]["short"]) + ("" if unchanged(new_key) else "-2025"),
            "aliases": "|".join(ALIASES.get(info["short"], [])),
            "valid_from": r["until"] if r else "", "valid_until": "" if same else MERGER,
        })
    for key, info in sorted(new.items(), key=lambda kv: kv[1]["code"]):
        if unchanged(key):
            continue
        rows.append({
            "id": slug(info["short"]) + "-2025", "name": info["short"], "code": info["code"],
            "era": "34", "kind": "thành phố" if info["short"] in CITIES else "tỉnh",
            "successor": "", "aliases": "|".join(ALIASES.get(info["short"], [])),
            "valid_from": MERGER, "valid_until": "",
        })
    cols = ["id", "name", "code", "era", "kind", "successor", "aliases", "valid_from", "valid_until"]
    lines = ["\t".join(cols)] + ["\t".join(r[c] for c in cols) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} units to {out}")


if __name__ == "__main__":
    main()
