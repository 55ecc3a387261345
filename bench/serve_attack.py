"""The load attacks of issue 15 against `dxkg serve`, loopback only, every loop bounded.

    .venv/bin/python bench/serve_attack.py [GRAPH]

Starts `dxkg serve GRAPH` (default exports/dxkg.ttl) on a loopback port with its default settings and reports:
1. a burst: 300 clients × 10 requests each, a new connection per request: answers, resets, time-outs;
   once with each client on its own address, once all on 127.0.0.1 (then the per-address queue limit
   answers some with 503, by design);
2. fairness: two abusive clients (127.0.0.2 and .3) loop a cartesian query while ten normal clients
   (127.0.0.10 … .19) send 20 quick queries each: the normal clients' p50/p95/max;
3. idle connections: as many connections as the file-descriptor limit allows (at most 1,500) open and
   send nothing; a normal client is answered meanwhile, and the idle ones are closed by the server.
Clients on other loopback addresses are other clients to the server's fairness (Linux routes 127/8 to lo).
"""
from __future__ import annotations

import http.client
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICK = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a dxo:Person }"
SEEN: set[str] = set()
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 5"


def request(port: int, query: str, source: str = "127.0.0.1", timeout: float = 30) -> tuple[str, float]:
    """One GET /sparql on a new connection: ("200" or another status, "reset", "timeout", …) and its seconds."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                     headers={"Accept": "application/sparql-results+json"})
        r = conn.getresponse()
        body = r.read()
        outcome = str(r.status)
        if r.status != 200 and outcome not in SEEN:  # the first of each failure, to see what it was
            SEEN.add(outcome)
            print(f"  ({outcome} for {query[:40]!r}: {body[:120]!r})")
    except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, http.client.RemoteDisconnected):
        outcome = "reset"
    except (TimeoutError, socket.timeout):
        outcome = "timeout"
    except OSError as e:
        outcome = type(e).__name__
    finally:
        conn.close()
    return outcome, time.perf_counter() - started


def tally(outcomes: list[str]) -> dict[str, int]:
    return {k: outcomes.count(k) for k in sorted(set(outcomes))}


def burst(port: int, clients: int = 300, each: int = 10, one_address: bool = False) -> None:
    """CLIENTS at once, each from its own loopback address (127.0.1.x, 127.0.2.x …) unless ONE_ADDRESS."""
    def client(i):
        source = "127.0.0.1" if one_address else f"127.0.{1 + i // 250}.{1 + i % 250}"
        return [request(port, QUICK, source)[0] for _ in range(each)]

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        outcomes = [o for batch in pool.map(client, range(clients)) for o in batch]
    print(f"burst {clients} x {each} from {'one address' if one_address else 'their own addresses'}: {tally(outcomes)} in {time.perf_counter() - started:.1f} s")


def workers_peak(server_pid: int) -> int:
    """The largest peak resident size (VmHWM, MB) among the server's worker processes now alive."""
    peak = 0
    try:
        children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    except OSError:
        return 0
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) // 1024)
        except OSError:
            pass
    return peak


def fairness(port: int, server_pid: int, normal: int = 10, each: int = 20, abusive_seconds: float = 60) -> None:
    stop = threading.Event()
    peaks = [0]

    def sample():
        while not stop.is_set():
            peaks.append(workers_peak(server_pid))
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    abusive: list[str] = []

    def abuse(source):
        deadline = time.time() + abusive_seconds
        for _ in range(1000):  # bounded: at most 1000 queries or abusive_seconds
            if stop.is_set() or time.time() > deadline:
                return
            abusive.append(request(port, CARTESIAN, source)[0])

    hogs = [threading.Thread(target=abuse, args=(f"127.0.0.{2 + i}",)) for i in range(2)]
    for h in hogs:
        h.start()
    begun = time.perf_counter()
    time.sleep(1.0)  # the abusive queries are running

    def client(i):
        out = []
        for _ in range(each):
            out.append(request(port, QUICK, f"127.0.0.{10 + i}"))
            time.sleep(0.05)
        return out

    with ThreadPoolExecutor(normal) as pool:
        results = [r for batch in pool.map(client, range(normal)) for r in batch]
    time.sleep(max(0.0, 12 - (time.perf_counter() - begun)))  # let the abusive queries reach their limits
    stop.set()
    for h in hogs:
        h.join()
    times = sorted(t for _o, t in results)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"fairness: {normal} normal clients x {each}: {tally([o for o, _t in results])}; "
          f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
          f"abusive answers {tally(abusive)}; largest worker RSS seen {max(peaks)} MB")


def idle_connections(port: int, wanted: int = 1500) -> None:
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    n = min(wanted, soft - 200)
    held = []
    for _ in range(n):
        try:
            held.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        except OSError:
            break
    outcome, seconds = request(port, QUICK, "127.0.0.9", timeout=10)
    print(f"idle: {len(held)} silent connections held; a normal request meanwhile: {outcome} in {seconds * 1000:.0f} ms")
    time.sleep(12)  # past the server's head time-out
    closed = 0
    for s in held:
        s.settimeout(0.5)
        try:
            closed += s.recv(1) == b""
        except (ConnectionResetError, OSError):
            closed += 1
        s.close()
    print(f"idle: after 12 s the server had closed {closed} of {len(held)}")


def main() -> None:
    graph = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "exports" / "dxkg.ttl"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "serve", str(graph), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while request(port, "ASK {}", timeout=1)[0] != "200":
            if time.time() > deadline or proc.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        burst(port)
        burst(port, one_address=True)
        fairness(port, proc.pid)
        idle_connections(port)
    finally:
        proc.terminate()
        proc.wait(15)


if __name__ == "__main__":
    main()
