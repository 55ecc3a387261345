"""The benchmark's two corpora are like the development set, so that its figures say what real news costs."""
from __future__ import annotations

import statistics

import pytest
from conftest import SHARED, _bench_corpus

DEV = SHARED / "eval" / "dev" / "articles"


@pytest.fixture(scope="module")
def bench():
    module = _bench_corpus()  # puts bench/ on the path
    import shape
    import vary
    return module, shape, vary


def test_generated_articles_have_the_dev_sets_shape(bench, tmp_path):
    corpus, shape, _ = bench
    dev = shape.summary(shape.shapes(DEV))
    made = shape.summary(shape.shapes(tmp_path) if corpus.generate(200, tmp_path) else [])
    for measure in ("words", "text_words", "figures", "documents", "meetings"):
        assert made[measure] == pytest.approx(dev[measure], rel=0.2), measure
    assert made["furniture_words"] == pytest.approx(dev["furniture_words"], rel=0.35)


def test_varied_articles_are_the_dev_texts_with_other_names_and_numbers(bench, tmp_path):
    _, shape, vary = bench
    made = vary.vary(80, tmp_path, seed=3)
    sources = sorted(DEV.glob("*.txt"))
    assert [p.name.split("_", 3)[-1] for p in made[:40]] == [s.name for s in sources]
    changed = 0
    for path, source in zip(made, sources):
        text, original = path.read_text(encoding="utf-8"), source.read_text(encoding="utf-8")
        assert text.count("\n") == original.count("\n")  # the same lines, paragraphs and furniture
        changed += text != original
    assert changed == 40
    assert made[0].read_text(encoding="utf-8") != made[40].read_text(encoding="utf-8")  # another variation
    dev, varied = shape.shapes(DEV), shape.shapes(tmp_path)
    assert statistics.fmean(r["words"] for r in varied) == pytest.approx(statistics.fmean(r["words"] for r in dev),
                                                                          rel=0.05)
    # the pipeline still reads the figures, people and documents it read in the originals
    for measure in ("figures", "persons", "documents"):
        assert sum(r[measure] for r in varied[:40]) >= 0.85 * sum(r[measure] for r in dev), measure
