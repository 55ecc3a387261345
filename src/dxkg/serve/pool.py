"""Worker processes that run the queries, each with the store open read-only, and their limits.

A query that overruns its time is not interrupted inside Oxigraph (it cannot be): its worker is
killed and a fresh one started in its place, while the other workers go on answering. A worker's
address space is capped (RLIMIT_AS): a query that needs more ends its worker, which is replaced, and
the client gets 503.

Workers are shared fairly between clients (by peer address): a free worker goes to the waiting query
whose address has the fewest queries running (first come, first served among equals), an address may
have at most `per_client` queries running and `queued_per_client` waiting, and a query that waits past
`queue_seconds` gets 503. The share (all workers but one, by default) keeps a worker for the next
address even while it stays idle; two clients looping heavy queries hold two workers, not all four.

An answer streams (results.py writes it in chunks as pyoxigraph produces it): `Pool.run` reads up to
`Limits.held` bytes of it first, so that a small answer is whole (the client gets its Content-Length)
and a limit or error met early is still a proper 413/400/503; a larger answer comes back with a
`Reading` that hands the client the rest as the worker writes it. The time limit covers the whole
answer, streamed part and all (a client that reads slowly cannot hold a worker past it). A client that
goes away mid-answer has its worker told to stop (it stops at its next chunk and is given back), and a
worker that does not stop by the deadline is replaced.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import threading
import time
from collections import Counter
from dataclasses import dataclass

from .results import CANCEL, END, ERROR, HEAD, Answer, Job


@dataclass
class Limits:
    seconds: float = 10.0  # a query's time
    rows: int = 100_000  # rows (or triples) in a result
    workers: int = 4  # queries answered at once
    memory_mb: int = 2048  # a worker's address space; past it the worker is replaced (503)
    bytes: int = 64_000_000  # a result's size in bytes
    queue_seconds: float = 10.0  # how long a query may wait for a worker (then 503)
    per_client: int = 0  # queries one address may have running at once (0: all workers but one, at least 1)
    queued_per_client: int = 128  # queries one address may have waiting (more get 503 at once)
    held: int = 1_000_000  # bytes of an answer read before it is sent: smaller answers are sent whole

    def client_share(self) -> int:
        return self.per_client or max(1, self.workers - 1)


def without_network() -> bool:
    """Move this process into a network namespace of its own, with no interface but a loopback that is down:
    SERVICE, were it ever let through, has nowhere to go. Linux only, and only where unprivileged user
    namespaces are allowed (most distributions; not some hardened kernels or containers); elsewhere the
    parser in guard.py is the one wall. True when it worked."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(clone_newuser | clone_newnet) == 0
    except (OSError, AttributeError):
        return False


def cap_memory(megabytes: int) -> None:
    """Cap this process's address space: an allocation past it fails, and Oxigraph aborts the process."""
    import resource

    limit = megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # a hard limit already lower, or no such limit on this OS
        pass


def _answer_queries(store_path: str, conn, memory_mb: int = 0) -> None:
    """A worker's life: leave the network, open the store, then answer jobs from the pipe until it closes."""
    from pathlib import Path

    import pyoxigraph as ox

    from ..query.store import answers_of
    from .results import answer

    without_network()  # before any thread starts: unshare(CLONE_NEWUSER) needs a single-threaded process
    store = ox.Store.read_only(store_path)
    answers = answers_of(Path(store_path))  # a build's kept answers to the bundled queries, if it is a build's
    if memory_mb:
        cap_memory(memory_mb)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server has gone
        if not isinstance(job, Job):
            continue  # a CANCEL that came after its answer was finished
        try:
            answer(store, job, conn, answers)
        except (BrokenPipeError, ConnectionError, EOFError):
            return
        except Exception as e:  # noqa: BLE001 - a worker must outlive any one query
            conn.send_bytes(ERROR + b"500" + f"internal error while answering ({type(e).__name__}: {e})".encode())


class Worker:
    def __init__(self, ctx, store_path: str, memory_mb: int = 0):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_answer_queries, args=(store_path, child, memory_mb), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = 60) -> None:
        try:
            if self.conn.poll(timeout) and self.conn.recv() == "ready":
                return
        except (EOFError, OSError):
            pass
        raise RuntimeError("a query worker did not start")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """Worker processes, each with the store open read-only, shared fairly; a worker that overruns is replaced."""

    def __init__(self, store_path: str, limits: Limits):
        self.ctx = mp.get_context("spawn")
        self.store_path, self.limits = store_path, limits
        self.lock = threading.Condition()
        self.idle: list[Worker] = []
        self.running: Counter[str] = Counter()  # queries running, by client address
        self.waiting: dict[int, str] = {}  # ticket -> client address, in order of arrival
        self.tickets = itertools.count()
        workers = [self._start() for _ in range(limits.workers)]
        for w in workers:
            w.wait_ready()
        self.idle.extend(workers)
        self.closed = False

    def _start(self) -> Worker:
        return Worker(self.ctx, self.store_path, self.limits.memory_mb)

    def run(self, job: Job, client: str = "?") -> Answer:
        """JOB's answer: whole, or its first `held` bytes with a Reading of the rest (`rest`), which holds
        the worker and CLIENT's place until it ends or is closed."""
        worker = self.acquire(client)
        if isinstance(worker, Answer):
            return worker
        reading = Reading(self, worker, client)
        try:
            return reading.begin(job)
        except BaseException:
            reading.close()
            raise

    def acquire(self, client: str):
        """A free worker for CLIENT when its turn comes, or the 503 Answer when it does not come in time."""
        with self.lock:
            if sum(1 for c in self.waiting.values() if c == client) >= self.limits.queued_per_client:
                return Answer.error(503, "too many queries from your address are waiting; try again shortly")
            ticket = next(self.tickets)
            self.waiting[ticket] = client
            try:
                if not self.lock.wait_for(lambda: self._turn() == ticket, self.limits.queue_seconds):
                    return Answer.error(503, "all query workers are busy; try again shortly")
                self.running[client] += 1
                return self.idle.pop()
            finally:
                del self.waiting[ticket]
                self.lock.notify_all()  # the next in line may now have its turn

    def _turn(self) -> int | None:
        """The ticket that gets the next free worker: among addresses under their share, the one with the
        fewest queries running, earliest first. The share leaves a worker for an address that comes next,
        even when it stays idle meanwhile."""
        if not self.idle or not self.waiting:
            return None
        share = self.limits.client_share()
        eligible = [(self.running[c], t) for t, c in self.waiting.items() if self.running[c] < share]
        return min(eligible)[1] if eligible else None

    def release(self, client: str) -> None:
        with self.lock:
            self.running[client] -= 1
            if self.running[client] <= 0:
                del self.running[client]
            self.lock.notify_all()

    def _end(self, worker: Worker) -> None:
        """WORKER overran its time or died: end it, and start a fresh one in its place."""
        worker.stop()
        threading.Thread(target=self._replace, daemon=True).start()

    def _give_back(self, worker: Worker) -> None:
        with self.lock:
            self.idle.append(worker)
            self.lock.notify_all()

    def _replace(self) -> None:
        w = self._start()
        try:
            w.wait_ready()
        except RuntimeError:
            w.stop()
            return self._replace() if not self.closed else None
        if self.closed:
            w.stop()
        else:
            self._give_back(w)

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers, self.idle = self.idle, []
        for w in workers:
            w.stop()


class CutOff(Exception):
    """An answer that ended in an error after part of it was sent: the client must not take it as whole."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Reading:
    """One answer read from its worker: its first part (`begin`), then the rest chunk by chunk (iterate);
    when it ends, or is closed, the worker goes back to the idle ones (or is replaced) and the client's
    place is freed, exactly once."""

    def __init__(self, pool: Pool, worker: Worker, client: str):
        self.pool, self.worker, self.client = pool, worker, client
        self.deadline = time.monotonic() + pool.limits.seconds
        self.done = self.cancelled = False
        self.lock = threading.Lock()  # between `cancel` (the event loop's thread) and the worker's end

    def begin(self, job: Job) -> Answer:
        try:
            self.worker.conn.send(job)
        except OSError:
            pass  # a worker that died idle: reading from it fails next, and it is replaced (503)
        media, parts, size = "application/octet-stream", [], 0
        while True:
            tag, payload = self._next()
            if tag == HEAD:
                media = payload.decode("ascii")
            elif tag == ERROR:
                return Answer.error(int(payload[:3]), payload[3:].decode("utf-8", "replace"))
            else:
                parts.append(payload)
                size += len(payload)
                if tag == END:
                    return Answer(200, b"".join(parts), media)
                if size >= self.pool.limits.held:
                    return Answer(200, b"".join(parts), media, rest=self)

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        while not self.done:
            tag, payload = self._next()
            if tag == ERROR:
                raise CutOff(int(payload[:3]), payload[3:].decode("utf-8", "replace"))
            if payload:
                return payload
        raise StopIteration

    def cancel(self) -> None:
        """Tell the worker to stop writing (it does at its next chunk); safe beside a thread reading.
        The worker's loop reads and drops the message if the answer was done by then."""
        with self.lock:
            if self.done or self.cancelled:
                return
            self.cancelled = True
            try:
                self.worker.conn.send(CANCEL)
            except OSError:
                pass

    def close(self) -> None:
        """Done with this answer, read or not: a worker still writing is told to stop and its last
        messages drained, so it goes back clean; one that does not stop by the deadline is replaced."""
        if self.done:
            return
        self.cancel()
        while not self.done:
            self._next()

    def _next(self) -> tuple[bytes, bytes]:
        """The worker's next message (tag, payload). At the deadline, or if the worker dies, the worker
        is ended and replaced and a 503 stands in for the message."""
        limits = self.pool.limits
        try:
            if self.worker.conn.poll(max(0.0, self.deadline - time.monotonic())):
                message = self.worker.conn.recv_bytes()
                tag = message[:1]
                if tag in (END, ERROR):
                    self._finish(self.pool._give_back)
                return tag, message[1:]
            reason = f"the query ran past the time limit of {limits.seconds:g} s and was stopped"
        except (EOFError, OSError):
            reason = (f"the query needed more than a worker may use (memory is capped at "
                      f"{limits.memory_mb:,} MB) and was stopped; try a narrower query")
        self._finish(self.pool._end)
        return ERROR, b"503" + reason.encode("utf-8")

    def _finish(self, worker_to) -> None:
        with self.lock:
            self.done = True  # from here on `cancel` sends nothing: the worker is given back or ended
        worker_to(self.worker)
        self.pool.release(self.client)
