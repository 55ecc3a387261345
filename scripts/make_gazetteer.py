"""Regenerate src/dxkg/data/provinces.tsv from the mapping underthesea ships.

    python scripts/make_gazetteer.py

underthesea.address carries the official 63 -> 34 mapping of the merger in
force from 1 July 2025 (names, codes, which old units each new one absorbed).
We copy it into a data file of our own so that a build never depends on the
private layout of another package's data, and add the spellings news uses.
"""
from __future__ import annotations

import json
from pathlib import Path

import underthesea.address

# Spellings Vietnamese news uses beside the official short names.
ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TPHCM", "TP. HCM", "TP Hồ Chí Minh"],
    "Huế": ["Thừa Thiên Huế", "Thừa Thiên - Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT"],
    "Đắk Lắk": ["Đăk Lăk", "Đắc Lắc", "Daklak"],
    "Đắk Nông": ["Đăk Nông", "Đắc Nông"],
    "Kon Tum": ["Kontum"],
}
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"}


def slug(name: str) -> str:
    import unicodedata
    t = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in t).split())


def main() -> None:
    data = json.loads((Path(underthesea.address.__file__).parent / "data" / "mapping.json").read_text("utf-8"))
    old, new, mapping = data["old_province_names"], data["province_names"], data["province_mapping"]
    absorbed: dict[str, list[str]] = {}
    for old_key, new_key in mapping.items():
        absorbed.setdefault(new_key, []).append(old_key)

    def unchanged(new_key: str) -> bool:
        preds = absorbed[new_key]
        return len(preds) == 1 and old[preds[0]]["short"] == new[new_key]["short"]

    # era: which map a unit belongs to, the 63 before 1 July 2025, the 34 after, or both (unchanged).
    rows = []
    for key, info in sorted(old.items(), key=lambda kv: kv[1]["code"]):
        new_key = mapping[key]
        same = unchanged(new_key)
        rows.append({
            "id": slug(info["short"]), "name": info["short"], "code": info["code"],
            "era": "63+34" if same else "63",
            "kind": "thành phố" if info["short"] in CITIES else "tỉnh",
            "successor": "" if same else slug(new[new_key]["short"]) + ("" if unchanged(new_key) else "-2025"),
            "aliases": "|".join(ALIASES.get(info["short"], [])),
        })
    for key, info in sorted(new.items(), key=lambda kv: kv[1]["code"]):
        if unchanged(key):
            continue
        rows.append({
            "id": slug(info["short"]) + "-2025", "name": info["short"], "code": info["code"],
            "era": "34", "kind": "thành phố" if info["short"] in CITIES else "tỉnh",
            "successor": "", "aliases": "|".join(ALIASES.get(info["short"], [])),
        })
    cols = ["id", "name", "code", "era", "kind", "successor", "aliases"]
    out = Path(__file__).resolve().parents[1] / "src" / "dxkg" / "data" / "provinces.tsv"
    lines = ["\t".join(cols)] + ["\t".join(r[c] for c in cols) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} units to {out}")


if __name__ == "__main__":
    main()
