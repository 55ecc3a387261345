"""A corpus of real text: the development-set articles again and again, their names, places and numbers varied.

    python bench/vary.py N OUTDIR [--seed S]

Article i is development-set article i mod 40 (with its page furniture), and in it, consistently within
the article: each province named is another province; each person's name (a surname from the lexicon and
two or three more capitalised syllables) another name; each year moved by the same few years; each day
and month of a date, and each clock time, another; each other number another number of as many digits (a
percentage stays at most 100). Sentences, furniture and their lengths stay what the outlets wrote, so the
pipeline meets real prose at its real density. The texts are read from ../shared at run time, never kept
in the repository. The same N and seed give the same files.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from corpus import DEV, GIVEN, MIDDLE, _surnames, cli, province_names

from dxkg import lexicon
from dxkg.lang.text import LOWER, UPPER

_SYLLABLE = f"[{UPPER}][{LOWER}]+"


def _patterns() -> re.Pattern:
    provinces = sorted({p.name for p in lexicon.provinces().values()}, key=len, reverse=True)
    surnames = sorted({s for s in lexicon.surnames() if s[:1].isupper()}, key=len, reverse=True)
    return re.compile(
        r"(?P<time>\b\d{1,2}:\d\d\b)"
        r"|(?P<date>\b\d{1,2}[/-]\d{1,2}(?=[/-](?:19|20)\d\d\b|\b))"
        r"|(?P<year>\b(?:199|20[0-3])\d\b)"
        r"|(?P<number>\d+(?:[.,]\d+)*)(?P<percent>\s?%)?"
        rf"|(?P<province>\b(?:{'|'.join(map(re.escape, provinces))})\b)"
        rf"|(?P<person>\b(?:{'|'.join(map(re.escape, surnames))})(?: {_SYLLABLE}){{2,3}}\b)")


class Variation:
    """One article's substitutions: the same name or place is replaced the same way throughout."""

    def __init__(self, rng: random.Random, provinces: list[str]):
        self.rng, self.provinces = rng, provinces
        self.shift = rng.choice([-2, -1, 1, 2])
        self.names: dict[str, str] = {}

    def __call__(self, m: re.Match) -> str:
        rng, kind, text = self.rng, m.lastgroup, m.group(0)
        if m.group("time"):
            return f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
        if m.group("date"):
            sep = "/" if "/" in text else "-"
            return f"{rng.randint(1, 28)}{sep}{rng.randint(1, 12)}"
        if m.group("year"):
            return str(int(text) + self.shift)
        if m.group("number"):
            return self.number(m.group("number"), m.group("percent") or "")
        if kind == "province":
            return self.names.setdefault(text, rng.choice(self.provinces))
        return self.names.setdefault(text, f"{rng.choice(_surnames())} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")

    def number(self, digits: str, percent: str) -> str:
        if percent:
            whole = str(self.rng.randint(1, 100))
            return (whole if whole == "100" or not re.search(r"[.,]\d+$", digits)
                    else f"{whole},{self.rng.randint(1, 99)}") + percent
        # a leading 0 stays ("0,8654/1 điểm"), no other number gains one
        out = [c if not c.isdigit() or (i == 0 and c == "0")
               else str(self.rng.randint(1 if i == 0 or not digits[i - 1].isdigit() else 0, 9))
               for i, c in enumerate(digits)]
        return "".join(out)


def vary(n: int, folder: Path, seed: int = 1) -> list[Path]:
    sources = sorted(DEV.glob("*.txt"))
    if not sources:
        raise SystemExit(f"{DEV}: the development set is needed (../shared)")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pattern = _patterns()
    provinces = province_names()
    texts = [s.read_text(encoding="utf-8") for s in sources]
    paths = []
    for i in range(n):
        source = sources[i % len(sources)]
        path = folder / f"var_{seed}_{i:06d}_{source.name}"
        path.write_text(pattern.sub(Variation(rng, provinces), texts[i % len(sources)]), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    cli(vary, __doc__)
