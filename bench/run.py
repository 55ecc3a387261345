"""The build benchmark: throughput, stages, memory and scaling, beside the cost floors.

    .venv/bin/python bench/run.py [N ...] [--runs 3] [--jobs 1 2]

For each N (default 100 1000 10000) it generates N articles (bench/corpus.py,
seeded), then for each --jobs value builds them from scratch --runs times in
a fresh process (`dxkg build --rebuild`), and reports the medians:
articles/s, words/s, peak RSS of the largest process, seconds per stage,
triples. Beside them, on the same text and machine: underthesea's pos_tag
alone, sentence by sentence (the floor of our NLP), and pyoxigraph parsing
and dumping the built graph (the floor of our RDF). Then an incremental
build that adds one article to the N-article build.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

DRIVER = """
import json, sys, time
from pathlib import Path
from dxkg.build.pipeline import build
start = time.perf_counter()
r = build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]), rebuild=sys.argv[4] == "1")
print(json.dumps({"wall": time.perf_counter() - start, "seconds": dict(r.seconds), "triples": r.triples,
                  "articles": r.articles, "extracted": r.extracted, "skipped": len(r.skipped)}))
"""


def run_build(corpus: Path, out: Path, jobs: int, rebuild: bool = True) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(corpus), str(out), str(jobs), "1" if rebuild else "0"],
                          capture_output=True, text=True, check=True)
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    # ru_maxrss of children is the largest waited-for descendant (KiB); it only grows, so report the larger
    stats["rss_mb"] = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return stats


def words(corpus: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))


def pos_tag_floor(corpus: Path, sample: int = 100) -> float:
    """Articles per second for underthesea pos_tag alone, sentence by sentence, on the cleaned text."""
    from underthesea import pos_tag

    from dxkg.ingest.clean import clean
    from dxkg.ingest.read import read

    articles = [clean(read(p))[0] for p in sorted(corpus.glob("*.txt"))[:sample]]
    pos_tag("khởi động")
    start = time.perf_counter()
    for a in articles:
        for s in a.sentences:
            pos_tag(s.text)
    return len(articles) / (time.perf_counter() - start)


def rdf_floor(ttl: Path) -> float:
    """Seconds for pyoxigraph to parse the built Turtle and dump it again (the floor of writing the graph)."""
    from pyoxigraph import RdfFormat, parse, serialize

    start = time.perf_counter()
    triples = list(parse(path=str(ttl), format=RdfFormat.TURTLE))
    serialize(triples, format=RdfFormat.TURTLE)
    return time.perf_counter() - start


# worker stages are CPU seconds summed over the workers; the rest is the parent's wall time
STAGES = ("scan", "read", "clean", "extract", "graph", "parts", "validate", "trig+tables", "turtle", "view",
          "assemble")


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="*", type=int, default=[100, 1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", nargs="*", type=int, default=[1, 2])
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and builds (default: a temp dir)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="dxkg-bench-"))
    print("| N | jobs | articles/s | words/s | s/article | peak RSS MB | " + " | ".join(STAGES) +
          " | triples | pos_tag articles/s | ratio to pos_tag | pyoxigraph parse+dump s | Turtle ratio | "
          "all outputs ratio |")
    print("|" + "---|" * (len(STAGES) + 12))
    for n in args.n:
        corpus = work / f"corpus-{n}"
        if not corpus.exists():
            generate(n, corpus)
        n_words = words(corpus)
        floor = pos_tag_floor(corpus)
        for jobs in args.jobs:
            out = work / f"out-{n}-{jobs}"
            runs = [run_build(corpus, out, jobs) for _ in range(args.runs)]
            wall = median(runs, "wall")
            stage = {k: statistics.median(r["seconds"].get(k, 0.0) for r in runs) for k in STAGES}
            rdf = rdf_floor(out / "dxkg.ttl")
            print(f"| {n:,} | {jobs} | {n / wall:.1f} | {n_words / wall:,.0f} | {wall / n:.4f} | "
                  f"{max(r['rss_mb'] for r in runs):.0f} | " + " | ".join(f"{stage[k]:.1f}" for k in STAGES) +
                  f" | {runs[0]['triples']:,} | {floor:.1f} | {(n / wall) / floor:.2f} | {rdf:.2f} | "
                  f"{stage['turtle'] / rdf:.1f} | {stage['assemble'] / rdf:.1f} |",
                  flush=True)
        extra = generate(1, work / f"extra-{n}", seed=99)[0]
        (corpus / extra.name).write_bytes(extra.read_bytes())
        inc = run_build(corpus, work / f"out-{n}-{args.jobs[-1]}", args.jobs[-1], rebuild=False)
        (corpus / extra.name).unlink()
        print(f"incremental, N={n:,}: one article added -> {inc['wall']:.2f} s "
              f"({100 * inc['wall'] / wall:.1f}% of the full build), {inc['extracted']} extracted", flush=True)


if __name__ == "__main__":
    main()
