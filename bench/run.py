"""The build benchmark: throughput, stages, memory and scaling, beside the floors the pipeline really pays.

    .venv/bin/python bench/run.py [N ...] [--runs 3] [--jobs 1 2] [--corpora generated varied]

Two corpora of each size N (default 1000 10000): `generated` (bench/corpus.py, calibrated to the
development set) and `varied` (bench/vary.py: the development-set texts, names, places and numbers
varied). For each --jobs value it builds the corpus from scratch --runs times, each in a fresh process
(`build(..., rebuild=True)`), and reports the medians: articles/s, wall and CPU seconds (the build's
process and its workers), peak RSS of the largest process, the per-article stages in CPU seconds summed
over the workers, the build's own stages in wall seconds, triples. Beside them, in the same run on the same
files: the reading floor (reading each file and `ingest`: decoding, furniture set aside, sentence
splitting; one process), and pyoxigraph parsing the built Turtle and dumping it again (the floor of writing
the graph). Then, --changes times, one more article is added and the build run again, and the article
removed and the build run again (incremental): the medians, and every sample.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from vary import vary  # noqa: E402

CORPORA = {"generated": generate, "varied": vary}

DRIVER = """
import json, os, resource, sys, threading, time
from pathlib import Path
from dxkg.build.pipeline import build

# the peak RSS of each process the build starts, from its VmHWM every 0.2 s (a child's ru_maxrss cannot
# tell: a process started by fork and exec reports at least the RSS its parent had when it forked)
helpers = {}
together = [0]  # the largest sum of the PSS of the build's process and all it started (shared pages counted once)
def pss(pid):
    try:
        return int(open(f"/proc/{pid}/smaps_rollup").read().split("Pss:")[1].split()[0]) // 1024
    except (OSError, IndexError):
        return 0
def watch():
    me = str(os.getpid())
    while True:
        parents = {}
        total = pss(me)
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                parents[pid] = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1]
            except OSError:
                pass
        for pid, parent in parents.items():
            while parent in parents and parent != me:
                parent = parents[parent]
            if parent == me:
                try:
                    hwm = int(open(f"/proc/{pid}/status").read().split("VmHWM:")[1].split()[0]) // 1024
                except (OSError, IndexError):
                    continue
                helpers[pid] = max(helpers.get(pid, 0), hwm)
                total += pss(pid)
        together[0] = max(together[0], total)
        time.sleep(0.2)
threading.Thread(target=watch, daemon=True).start()
start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
r = build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]), rebuild=sys.argv[4] == "1")
wall = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": me.ru_utime + me.ru_stime - cpu.ru_utime - cpu.ru_stime
                  + kids.ru_utime + kids.ru_stime, "rss_mb": me.ru_maxrss / 1024,
                  "helper_rss_mb": max(helpers.values(), default=0), "together_mb": together[0],
                  "seconds": dict(r.seconds), "triples": r.triples, "articles": r.articles,
                  "extracted": r.extracted, "skipped": len(r.skipped), "off_topic": len(r.off_topic)}))
"""


def run_build(corpus: Path, out: Path, jobs: int, rebuild: bool = True) -> dict:
    """One build in a fresh process; its wall and CPU seconds (the process and its workers), peak RSS of that
    process and of the largest process it started (workers, the Turtle's sorter, the corpus stage, the store's
    loader), the largest sum of all their PSS at one time, and what the build reports."""
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(corpus), str(out), str(jobs), "1" if rebuild else "0"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def incremental(corpus: Path, out: Path, jobs: int, extras: list[Path]) -> tuple[list[float], list[float]]:
    """Wall seconds of a build that adds one article to the corpus built in OUT, and of the build that removes
    it again, for each of EXTRAS in turn (the first right after the full build: its files just written)."""
    added, removed = [], []
    for extra in extras:
        (corpus / extra.name).write_bytes(extra.read_bytes())
        added.append(run_build(corpus, out, jobs, rebuild=False)["wall"])
        (corpus / extra.name).unlink()
        removed.append(run_build(corpus, out, jobs, rebuild=False)["wall"])
    return added, removed


def reading_floor(corpus: Path, sample: int = 1000) -> float:
    """Articles per second, one process, for what every article costs before anything is extracted: reading
    the file and `ingest` (decoding, page furniture set aside, sentences split)."""
    from dxkg.ingest import ingest
    from dxkg.ingest.read import read

    paths = sorted(corpus.glob("*.txt"))[:sample]
    ingest(read(paths[0]))  # tables and patterns loaded before the clock starts
    start = time.process_time()
    for p in paths:
        ingest(read(p))
    return len(paths) / (time.process_time() - start)


def rdf_floor(ttl: Path) -> float:
    """CPU seconds for pyoxigraph to parse the built Turtle and dump it again (the floor of writing the graph)."""
    from pyoxigraph import RdfFormat, parse, serialize

    start = time.process_time()
    serialize(parse(path=str(ttl), format=RdfFormat.TURTLE), format=RdfFormat.TURTLE)
    return time.process_time() - start


# an article's stages: CPU seconds summed over the workers
ARTICLE = ("read", "clean", "extract", "identity", "graph", "parts", "validate")
# the build's own: wall seconds in the parent (assemble holds tables, corpus, trig, view and the Turtle)
BUILD = ("scan", "corpus", "turtle", "assemble", "store", "answers+pages")


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", nargs="*", type=int, default=[1, 2])
    ap.add_argument("--corpora", nargs="*", default=list(CORPORA), choices=list(CORPORA))
    ap.add_argument("--changes", type=int, default=3, help="articles added and removed again, one at a time")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and builds (default: a temp dir)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="dxkg-bench-"))
    print("| corpus | N | jobs | articles/s | s/article | wall s | CPU s | CPU/wall | peak MB: build RSS / largest helper RSS / all PSS | "
          + " | ".join(f"{k} CPU s" for k in ARTICLE) + " | " + " | ".join(f"{k} wall s" for k in BUILD)
          + " | triples | reading floor art/s | ratio to floor | pyoxigraph parse+dump CPU s | Turtle ratio | "
          "outputs ratio |")
    print("|" + "---|" * (len(ARTICLE) + len(BUILD) + 15))
    for n in args.n:
        for name in args.corpora:
            corpus = work / f"{name}-{n}"
            if not corpus.exists():
                CORPORA[name](n, corpus)
            floor = reading_floor(corpus)
            for jobs in args.jobs:
                out = work / f"out-{name}-{n}-{jobs}"
                runs = [run_build(corpus, out, jobs) for _ in range(args.runs)]
                wall, cpu = median(runs, "wall"), median(runs, "cpu")
                stage = {k: statistics.median(r["seconds"].get(k, 0.0) for r in runs) for k in ARTICLE + BUILD}
                rdf = rdf_floor(out / "dxkg.ttl")
                built = runs[0]["articles"]
                print(f"| {name} | {n:,} | {jobs} | {built / wall:.1f} | {wall / built:.4f} | {wall:.1f} | {cpu:.1f} | "
                      f"{cpu / wall:.2f} | {max(r['rss_mb'] for r in runs):.0f} / "
                      f"{max(r['helper_rss_mb'] for r in runs):.0f} / {max(r['together_mb'] for r in runs):.0f} | "
                      + " | ".join(f"{stage[k]:.1f}" for k in ARTICLE + BUILD)
                      + f" | {runs[0]['triples']:,} | {floor:.0f} | {(built / wall) / floor:.3f} | {rdf:.2f} | "
                      f"{stage['turtle'] / rdf:.1f} | {stage['assemble'] / rdf:.1f} |", flush=True)
            added, removed = incremental(corpus, work / f"out-{name}-{n}-{args.jobs[-1]}", args.jobs[-1],
                                         CORPORA[name](args.changes, work / f"extras-{name}-{n}", seed=99))
            for what, walls in (("added", added), ("removed", removed)):
                print(f"incremental, {name}, N={n:,}: one article {what} -> {statistics.median(walls):.2f} s, "
                      f"{100 * statistics.median(walls) / wall:.1f}% of the full build (median of "
                      f"{', '.join(f'{w:.2f}' for w in walls)})", flush=True)


if __name__ == "__main__":
    main()
