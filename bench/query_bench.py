"""Every bundled query on a build: in process, from the CLI and over HTTP with concurrent clients (issue 16).

    .venv/bin/python bench/query_bench.py TARGET [--runs R] [--clients 20] [--seconds S] [--out results.json]

TARGET is a build folder (OUT, with OUT/dxkg.ttl and, where the build keeps one, the on-disk store
OUT/dxkg.oxigraph/) or a graph file. The store is used when it exists, the Turtle otherwise, in every
section: the CLI and the server are given OUT when the store exists (they open it read-only), the
graph file when not. Prints a markdown table per section; --out writes every figure as JSON.
"""
from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import math
import multiprocessing
import os
import platform
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from dxkg.outputs.answers import copy
from dxkg.query.store import GraphError, answers_of, bundled, load, run
from dxkg.rdf.vocab import curie

DXKG = shutil.which("dxkg", path=str(Path(sys.executable).parent)) or "dxkg"  # the venv's own, as a user runs it


def store_dir(target: Path) -> Path | None:
    path = target / "dxkg.oxigraph"
    return path if target.is_dir() and path.is_dir() else None


def graph_file(target: Path) -> Path:
    return target / "dxkg.ttl" if target.is_dir() else target


def cli_target(target: Path) -> Path:
    """What `dxkg query` and `dxkg serve` are given: the folder when it holds a store, else the graph file."""
    return target if store_dir(target) else graph_file(target)


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: with few runs the p95 is the slowest run, not an interpolation below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def timings(ms: list[float]) -> dict:
    return {"runs": len(ms), "p50_ms": percentile(ms, 0.5), "p95_ms": percentile(ms, 0.95),
            "max_ms": max(ms, default=float("nan"))}


def csv_rows(body: bytes) -> int:
    """Rows of a SPARQL CSV answer (values may hold quoted line breaks, so not a count of lines)."""
    return max(0, sum(1 for _ in csv.reader(io.TextIOWrapper(io.BytesIO(body), encoding="utf-8"))) - 1)  # streamed


def peak_rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def table(title: str, header: list[str], rows: list[list]) -> None:
    def cell(v):
        if isinstance(v, dict):
            return ", ".join(f"{k}: {n}" for k, n in v.items())
        if isinstance(v, float):
            return "–" if math.isnan(v) else f"{v:,.1f}"
        return f"{v:,}" if isinstance(v, int) else str(v)

    print(f"\n### {title}\n\n| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(cell(v) for v in row) + " |")


def open_store(target: Path) -> ox.Store:
    """As the CLI opens it: the on-disk store read-only when the build kept one, else the graph file loaded."""
    where = store_dir(target)
    return ox.Store.read_only(str(where)) if where else load(graph_file(target))


def graph_counts(store: ox.Store) -> dict:
    """Triples and instances per class in the default graph (dxo:Article counts the articles)."""
    triples = next(iter(run(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    classes = {curie(s["c"].value): int(s["n"].value) for s in
               run(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)")}
    articles = classes.get("dxo:Article", 0)
    return {"triples": int(triples), "articles": articles, "classes": classes}


def _answer_in_process(target: Path, conn, memory_mb: int) -> None:
    """The in-process side, in a child capped at MEMORY_MB of address space so that a query that blows up
    (bundled `evidence` took 24 GB at N=1,000 before it was killed) ends this child, not the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    started = time.perf_counter()
    store = open_store(target)
    conn.send({"open_s": time.perf_counter() - started, "rss_mb_after_open": peak_rss_mb(),
               "graph": graph_counts(store)})
    while (job := conn.recv()) is not None:
        text, runs, slow, engine_runs = job
        try:
            # as `dxkg query` answers: the build's kept answer where there is one; then the engine itself
            ms, rows, size = _runs(store, text, answers_of(target), runs, slow)
            solved, _rows, _size = _runs(store, text, answers_of(target), runs, slow, as_bytes=False)
            engine, _rows, _size = _runs(store, text, None, engine_runs, slow)
        except GraphError as e:
            conn.send({"failed": str(e)})
            continue
        conn.send(timings(ms) | {"rows": rows, "bytes": size, "peak_rss_mb": peak_rss_mb(),
                                 "solutions_ms": timings(solved), "engine_ms": timings(engine)})


def _runs(store, text: str, answers, runs: int, slow: float, as_bytes: bool = True) -> tuple[list[float], int, int]:
    """Timings of RUNS answers, each written as CSV into a file as `dxkg query OUT NAME -f csv > file` writes
    it (the build's kept bytes where there are some, else the engine's answer, streamed), and the last
    answer's rows and bytes, counted from the file after the clock stops."""
    ms = []
    with tempfile.NamedTemporaryFile(suffix=".csv") as f:
        for _ in range(runs):
            f.seek(0)
            f.truncate()
            t = time.perf_counter()
            if not (as_bytes and copy(answers, text, "csv", f)):  # the kept bytes, as `dxkg query -f csv` answers
                run(store, text, answers).serialize(f.name, format=ox.QueryResultsFormat.CSV)  # the whole result
            f.flush()
            ms.append((time.perf_counter() - t) * 1000)
            if ms[-1] > slow * 1000:  # one run of a runaway query is the figure; repeating it tells no more
                break
        with open(f.name, encoding="utf-8", newline="") as back:
            rows = max(0, sum(1 for _ in csv.reader(back)) - 1)
        return ms, rows, os.path.getsize(f.name)


def in_process(target: Path, queries: dict, runs: int, slow: float, timeout: float,
               memory_mb: int, engine_runs: int) -> tuple[dict, dict]:
    """Each query R times in one process holding the store open; a query that kills its process or runs past
    TIMEOUT is recorded as failed and the rest go on in a fresh process."""
    mp = multiprocessing.get_context("spawn")
    opened, results, child = {}, {}, None
    for name, text in queries.items():
        if child is None:
            conn, theirs = mp.Pipe()
            child = mp.Process(target=_answer_in_process, args=(target, theirs, memory_mb), daemon=True)
            child.start()
            theirs.close()  # else the pipe never reports the child's death (EOF)
            hello = conn.recv()  # every fresh child reports its opening; the first one's is kept
            opened = opened or hello
        conn.send((text, runs, slow, engine_runs))
        try:
            if not conn.poll(timeout):
                raise TimeoutError
            results[name] = conn.recv()
            continue
        except (EOFError, TimeoutError) as e:
            child.kill()
            child.join()
            why = (f"over {timeout:g} s" if isinstance(e, TimeoutError) else f"died, exit {child.exitcode}"
                   + (f" (abort: past {memory_mb} MB?)" if child.exitcode == -6 else ""))
            results[name] = {"failed": why}
            child = None
    if child is not None:
        conn.send(None)
        child.join()
    return opened, results


def one_cli_run(argv: list[str], timeout: float, memory_mb: int) -> tuple[float, float, int]:
    """Wall ms, peak RSS MB (the child's own, from wait4) and exit status of one fresh, memory-capped process."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=cap)
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    killer.cancel()
    killer.join()  # no thread left alive when the next run forks
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait for it again
    return wall, usage.ru_maxrss / 1024, proc.returncode


def from_cli(target: Path, queries: dict, runs: int, timeout: float, memory_mb: int) -> dict:
    results = {}
    for name in queries:
        ms, rss, codes = [], [], Counter()
        for _ in range(runs):
            argv = [DXKG, "query", str(cli_target(target)), name, "-f", "csv"]
            wall, mb, code = one_cli_run(argv, timeout, memory_mb)
            ms.append(wall)
            rss.append(mb)
            codes[code] += 1
            if code != 0:  # a failure, the memory cap or the time-out: once is enough
                break
        results[name] = timings(ms) | {"peak_rss_mb": max(rss), "exit_codes": dict(codes)}
    return results


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TreeRss(threading.Thread):
    """Samples the RSS of a process and all its descendants (the server and its query workers) from /proc."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every, self.stopped = pid, every, threading.Event()
        self.peak_sum_mb = self.peak_one_mb = 0.0
        self.peak_processes = 0

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = [], [self.pid]
        while todo:
            found.append(todo.pop())
            todo += children.get(found[-1], [])
        return found

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            sizes = []
            for pid in self.tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text().splitlines()
                    sizes += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:")]
                except OSError:
                    pass
            self.peak_sum_mb = max(self.peak_sum_mb, sum(sizes))
            self.peak_one_mb = max(self.peak_one_mb, max(sizes, default=0.0))
            self.peak_processes = max(self.peak_processes, len(sizes))


def ask(port: int, path: str, source: str | None = None, timeout: float = 120) -> tuple[int | str, float, bytes]:
    """One GET on a fresh connection: status (or the exception's name), ms until the whole body was read, body."""
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    try:
        conn.request("GET", path, headers={"Accept": "text/csv"})
        response = conn.getresponse()
        body = response.read()
        status: int | str = response.status
    except (OSError, http.client.HTTPException) as e:
        status, body = type(e).__name__, b""
    finally:
        conn.close()
    return status, (time.perf_counter() - t) * 1000, body


def outcome(status: int | str, body: bytes) -> str:
    """'200', or a refusal with the start of its reason ('503 all query workers are busy'): 503 means
    busy, past the time limit or past the memory cap, and only the message tells which."""
    if status == 200:
        return "200"
    reason = body.decode("utf-8", "replace").splitlines()[0] if body.strip() else ""
    return f"{status} {reason.split(';')[0].split('(')[0][:64].strip()}".strip()


def wait_ready(port: int, proc: subprocess.Popen, limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if proc.poll() is not None:
            raise RuntimeError(f"dxkg serve ended with {proc.returncode} before answering /health")
        if ask(port, "/health", timeout=1)[0] == 200:
            return time.perf_counter() - started
        time.sleep(0.02)
    raise TimeoutError(f"dxkg serve not ready after {limit} s")


def concurrent(port: int, paths: dict[str, str], clients: int, seconds: float, own_addresses: bool) -> dict:
    """CLIENTS threads, each looping over the queries in its own shuffled order until SECONDS have passed."""
    answers: list[tuple[int | str, float]] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        source = f"127.0.0.{i + 2}" if own_addresses else None  # the server shares its workers by client address
        order = list(paths.values())
        random.Random(i).shuffle(order)
        k = 0
        while time.perf_counter() < stop:
            status, ms, body = ask(port, order[k % len(order)], source)
            with lock:
                answers.append((outcome(status, body), ms))
            k += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ok = [ms for status, ms in answers if status == "200"]
    return {"clients": clients, "seconds": elapsed, "requests": len(answers), "answers_200": len(ok),
            "answers_per_s": len(ok) / elapsed, "p50_ms": percentile(ok, 0.5), "p95_ms": percentile(ok, 0.95),
            "max_ms": max(ok, default=float("nan")),
            "statuses": dict(Counter(s for s, _ in answers).most_common())}


def over_http(target: Path, queries: dict, runs: int, clients: int, seconds: float, own_addresses: bool,
              log: Path, serve_options: list[str]) -> dict:
    port = free_port()
    with open(log, "wb") as log_file:
        proc = subprocess.Popen([DXKG, "serve", str(cli_target(target)), "--port", str(port), *serve_options],
                                stdout=log_file, stderr=subprocess.STDOUT)
    rss = TreeRss(proc.pid)
    rss.start()
    try:
        ready = wait_ready(port, proc, 600)
        paths = {n: "/sparql?" + urllib.parse.urlencode({"query": q}) for n, q in queries.items()}
        alone = {}
        for name, path in paths.items():
            ms, statuses, body = [], Counter(), b""
            for _ in range(runs):
                status, took, answer = ask(port, path)
                statuses[outcome(status, answer)] += 1
                if status == 200:
                    ms.append(took)
                    body = answer
            alone[name] = timings(ms) | {"rows": csv_rows(body), "bytes": len(body), "statuses": dict(statuses)}
        together = concurrent(port, paths, clients, seconds, own_addresses)
    finally:
        rss.stopped.set()
        rss.join()
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {"ready_s": ready, "peak_rss_mb_sum": rss.peak_sum_mb, "peak_rss_mb_largest": rss.peak_one_mb,
            "processes": rss.peak_processes, "alone": alone, "concurrent": together}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("target", type=Path, help="a build folder (OUT) or a graph file")
    ap.add_argument("--runs", type=int, default=10, help="runs of each query in each section")
    ap.add_argument("--clients", type=int, default=20, help="concurrent HTTP clients")
    ap.add_argument("--seconds", type=float, default=30, help="how long the concurrent clients loop")
    ap.add_argument("--out", type=Path, help="write every figure to this JSON file")
    ap.add_argument("--queries", help="only these bundled queries, comma-separated (default: all)")
    ap.add_argument("--sections", default="inproc,cli,http", help="which of inproc,cli,http to run")
    ap.add_argument("--slow", type=float, default=30, help="in process, a query slower than this (s) runs once")
    ap.add_argument("--timeout", type=float, default=300,
                    help="seconds a query's runs may take in process, or one CLI run")
    ap.add_argument("--memory", type=int, default=4096,
                    help="MB of address space for the in-process child and each CLI process (a blow-up ends it)")
    ap.add_argument("--engine-runs", type=int, default=3,
                    help="runs of each query in the engine itself, the build's kept answer aside (0: none)")
    ap.add_argument("--serve", default="", help="options for `dxkg serve`, e.g. '--max-rows 10000000'")
    ap.add_argument("--one-address", action="store_true",
                    help="all concurrent clients from 127.0.0.1 (default: each from its own loopback address)")
    args = ap.parse_args()
    sections = set(args.sections.split(","))
    known = {name: text for name, (_about, text) in bundled().items()}
    chosen = args.queries.split(",") if args.queries else list(known)
    if unknown := [n for n in chosen if n not in known]:
        ap.error(f"not bundled queries: {', '.join(unknown)} (see `dxkg query --list`)")
    queries = {n: known[n] for n in chosen}
    report = {"target": str(args.target), "store": str(store_dir(args.target) or graph_file(args.target)),
              "when": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(), "host": platform.node(),
              "runs": args.runs, "pyoxigraph": ox.__version__}
    print(f"# {args.target} ({'on-disk store' if store_dir(args.target) else 'graph file loaded'}), "
          f"{args.runs} runs, {report['when']}")
    inproc = {}
    if "inproc" in sections:
        report["open"], inproc = in_process(args.target, queries, args.runs, args.slow, args.timeout,
                                               args.memory, args.engine_runs)
        report["in_process"] = inproc
        g, opened = report["open"]["graph"], report["open"]
        per = max(1, g["articles"])
        peak = max([opened["rss_mb_after_open"]] + [r["peak_rss_mb"] for r in inproc.values() if "peak_rss_mb" in r])
        table(f"Graph: {g['triples']:,} triples, {g['articles']:,} articles (opened in {opened['open_s']:.2f} s, "
              f"RSS {opened['rss_mb_after_open']:,.0f} MB after opening)", ["class", "instances", "per article"],
              [["triples", g["triples"], g["triples"] / per]] + [[c, n, n / per] for c, n in g["classes"].items()])
        table(f"In process (query + CSV serialisation; peak RSS {peak:,.0f} MB)",
              ["query", "p50 ms", "p95 ms", "solutions p50 ms", "solutions p95 ms", "engine p50 ms", "engine p95 ms",
               "rows", "KB", "peak RSS MB"],
              [[n, r["p50_ms"], r["p95_ms"], r["solutions_ms"]["p50_ms"], r["solutions_ms"]["p95_ms"],
                r["engine_ms"]["p50_ms"], r["engine_ms"]["p95_ms"], r["rows"], r["bytes"] / 1024, r["peak_rss_mb"]]
               if "failed" not in r else [n, f"failed: {r['failed']}"] + [""] * 8 for n, r in inproc.items()])
    if "cli" in sections:
        report["cli"] = from_cli(args.target, queries, args.runs, args.timeout, args.memory)
        table(f"CLI (`dxkg query {cli_target(args.target)} NAME -f csv`, a fresh process each run)",
              ["query", "p50 ms", "p95 ms", "peak RSS MB", "exit codes"],
              [[n, r["p50_ms"], r["p95_ms"], r["peak_rss_mb"], r["exit_codes"]] for n, r in report["cli"].items()])
    if "http" in sections:
        log = Path(tempfile.gettempdir()) / f"query_bench_serve_{os.getpid()}.log"
        try:
            h = report["http"] = over_http(args.target, queries, args.runs, args.clients, args.seconds,
                                           not args.one_address, log, args.serve.split())
        except (RuntimeError, TimeoutError) as e:  # the server did not come up: say why, keep the other sections
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            report["http"] = {"failed": str(e), "log": tail}
            print(f"\n### HTTP: {e}\n\n" + "\n".join(f"    {line}" for line in tail))
        else:
            table(f"HTTP, one query at a time (ready in {h['ready_s']:.2f} s; peak RSS {h['peak_rss_mb_sum']:,.0f} MB "
                  f"summed over {h['processes']} processes, largest {h['peak_rss_mb_largest']:,.0f} MB)",
                  ["query", "p50 ms", "p95 ms", "rows", "x in process, solutions (p50)", "statuses"],
                  [[n, r["p50_ms"], r["p95_ms"], r["rows"],
                    r["p50_ms"] / inproc[n]["solutions_ms"]["p50_ms"]
                    if inproc.get(n, {}).get("solutions_ms", {}).get("p50_ms", 0) > 0 else "–",
                    r["statuses"]]
                   for n, r in h["alone"].items()])
            c = h["concurrent"]
            table(f"HTTP, {c['clients']} concurrent clients for {c['seconds']:.1f} s",
                  ["answers/s", "p50 ms", "p95 ms", "max ms", "requests", "statuses"],
                  [[c["answers_per_s"], c["p50_ms"], c["p95_ms"], c["max_ms"], c["requests"], c["statuses"]]])
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
