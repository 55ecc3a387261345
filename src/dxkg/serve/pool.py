"""Worker processes that run the queries, each with the store open read-only, and their limits.

A query that overruns its time is not interrupted inside Oxigraph (it cannot be): its worker is
killed and a fresh one started in its place, while the other workers go on answering.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass

from .results import Answer, Job


@dataclass
class Limits:
    seconds: float = 10.0  # a query's time
    rows: int = 100_000  # rows (or triples) in a result
    workers: int = 2  # queries answered at once


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


def _answer_queries(store_path: str, conn) -> None:
    """A worker's life: leave the network, open the store, then answer jobs from the pipe until it closes."""
    import pyoxigraph as ox

    from .results import answer

    without_network()  # before any thread starts: unshare(CLONE_NEWUSER) needs a single-threaded process
    store = ox.Store.read_only(store_path)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            reply = answer(store, job)
        except Exception as e:  # noqa: BLE001 - a worker must outlive any one query
            reply = Answer.error(500, f"internal error while answering ({type(e).__name__}: {e})")
        conn.send(reply)


class Worker:
    def __init__(self, ctx, store_path: str):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_answer_queries, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = 60) -> None:
        if not self.conn.poll(timeout):
            raise RuntimeError("a query worker did not start")
        self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """Worker processes, each with the store open read-only; a worker that overruns is replaced."""

    def __init__(self, store_path: str, limits: Limits):
        self.ctx = mp.get_context("spawn")
        self.store_path, self.limits = store_path, limits
        self.idle: queue.Queue[Worker] = queue.Queue()
        workers = [Worker(self.ctx, store_path) for _ in range(limits.workers)]
        for w in workers:
            w.wait_ready()
            self.idle.put(w)
        self.closed = False

    def run(self, job: Job) -> Answer:
        try:
            worker = self.idle.get(timeout=self.limits.seconds)
        except queue.Empty:
            return Answer.error(503, "all query workers are busy; try again shortly")
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.limits.seconds):
                reply = worker.conn.recv()
                self.idle.put(worker)
                return reply
            failure = Answer.error(503, f"the query ran past the time limit of {self.limits.seconds:g} s and was stopped")
        except (EOFError, OSError):
            failure = Answer.error(500, "the query worker failed; it has been replaced")
        worker.stop()  # overran or died: end it, and start a fresh worker in its place
        threading.Thread(target=self._replace, daemon=True).start()
        return failure

    def _replace(self) -> None:
        w = Worker(self.ctx, self.store_path)
        w.wait_ready()
        if self.closed:
            w.stop()
        else:
            self.idle.put(w)

    def close(self) -> None:
        self.closed = True
        while not self.idle.empty():
            self.idle.get_nowait().stop()
