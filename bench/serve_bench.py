"""Latency of the bundled queries over HTTP and requests per second held by concurrent clients.

    .venv/bin/python bench/serve_bench.py [GRAPH] [CLIENTS] [SECONDS]

Starts `dxkg serve` on a loopback port, times each bundled query (median of
20), then has CLIENTS threads send the bundled queries round-robin for
SECONDS and reports the requests per second answered with 200.
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from dxkg.query.store import bundled

ROOT = Path(__file__).resolve().parents[1]


def wait_for(url: str, seconds: float) -> None:
    """Until the server answers its health check (the same as tests/conftest.py's)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)


def main() -> None:
    graph = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "exports" / "dxkg.ttl"
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "serve", str(graph), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, 60)
        print(f"startup: {time.perf_counter() - started:.2f} s for {graph}")
        queries = [(n, url + "/sparql?" + urllib.parse.urlencode({"query": q})) for n, (_a, q) in bundled().items()]
        print("| query | median ms | p95 ms |\n|---|---|---|")
        for name, q in queries:
            times = []
            for _ in range(20):
                t = time.perf_counter()
                urllib.request.urlopen(q, timeout=30).read()
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            print(f"| {name} | {statistics.median(times):.1f} | {times[18]:.1f} |")
        done = [0] * clients
        refused = Counter()  # status -> answers that were not 200 (a busy server says 503)
        stop = time.perf_counter() + seconds

        def client(i: int) -> None:
            k = i
            while time.perf_counter() < stop:
                try:
                    with urllib.request.urlopen(queries[k % len(queries)][1], timeout=30) as r:
                        r.read()
                        done[i] += r.status == 200
                except urllib.error.HTTPError as e:
                    refused[e.code] += 1
                k += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"{clients} concurrent clients: {sum(done) / seconds:.0f} requests/s over {seconds:g} s"
              + (f"; not answered: {dict(refused)}" if refused else ""))
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
