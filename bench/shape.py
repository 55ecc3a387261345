"""What a corpus is like, article by article: the numbers the generator is calibrated to.

    .venv/bin/python bench/shape.py FOLDER [FOLDER ...]

For each article: words in the file, words of its own text (the rest is page furniture: clocks, share bars,
captions, related-article tails), sentences, and what the pipeline reads from it (figures, people, posts,
documents, platforms, meetings). Numbers only: the generator samples whole rows of them from the
development set, so its articles have the dev set's lengths and densities together, not each on average.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

from dxkg.extract import extract
from dxkg.ingest import ingest
from dxkg.ingest.read import read

MEASURES = ("words", "text_words", "furniture_words", "sentences", "figures", "persons", "posts", "documents",
            "platforms", "meetings")


def shape(path: Path) -> dict[str, int]:
    raw = read(path)
    article = ingest(raw)
    ex = extract(article)
    words, text_words = len(raw.text.split()), len(article.text.split())
    return {"words": words, "text_words": text_words, "furniture_words": max(0, words - text_words),
            "sentences": len(article.sentences), "figures": len(ex.observations),
            "persons": len({p.person.name for p in ex.persons}), "posts": len(ex.memberships),
            "documents": len(ex.documents), "platforms": len(ex.platforms), "meetings": len(ex.events)}


def shapes(folder: Path, limit: int | None = None) -> list[dict[str, int]]:
    return [shape(p) for p in sorted(folder.glob("*.txt"))[:limit]]


def summary(rows: list[dict[str, int]]) -> dict[str, float]:
    """The mean of each measure."""
    return {m: statistics.fmean(r[m] for r in rows) for m in MEASURES}


def main() -> None:
    print("| corpus | articles | " + " | ".join(MEASURES) + " |")
    print("|---|---|" + "---|" * len(MEASURES))
    for folder in map(Path, sys.argv[1:]):
        rows = shapes(folder)
        mean = summary(rows)
        print(f"| {folder.name} | {len(rows)} | " + " | ".join(f"{mean[m]:.1f}" for m in MEASURES) + " |")


if __name__ == "__main__":
    main()
