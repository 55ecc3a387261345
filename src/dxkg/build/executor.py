"""Where the per-article step runs: worker processes that end with the build that started them (a killed build
leaves none behind), by default; or a Dask cluster, given its scheduler's address (`dask://host:port`), whose
workers write the parts into the build's state folder, which must be storage they share with the build."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

APART = 1_000  # articles from which a stage of the build runs in a `Fresh` process: for fewer, starting an
# interpreter costs more than the memory it saves


def give_back_memory() -> None:
    """Return what this process freed to the system, before it waits on a `Fresh` process: freed memory
    otherwise stays the process's own (after the outputs of 10,000 articles, 274 MB; given back, 152)."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)  # glibc's; other C libraries have none
    except (OSError, AttributeError, TypeError):
        pass


def _exit_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def pool(workers: int, warm: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """WORKERS processes that end with this one; each calls WARM first, if given."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(os.getpid(), warm))


def _start(parent: int, warm: Callable[[], None] | None) -> None:
    _exit_with_parent(parent)
    if warm:
        warm()


def on_cluster(address: str, fn, jobs: list):
    """FN over JOBS on the Dask cluster whose scheduler is at ADDRESS ("dask://host:port"), each result as it
    comes (in no set order: the build keys every result by its article)."""
    from dask.distributed import Client, as_completed

    try:
        client = Client("tcp://" + address.removeprefix("dask://"), timeout=10)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({type(e).__name__})") from None
    with client:
        for _future, result in as_completed(client.map(fn, jobs, pure=False), with_results=True):
            yield result


class ClusterError(Exception):
    """The Dask cluster a build was sent to cannot be reached."""


class Fresh:
    """`python -m MODULE ARGS` beside this process, STDIN written to it, while the `with` block runs; leaving
    the block waits for it (and stops it if the block failed). A fresh interpreter, not a fork: a fork
    would copy the database's locks in whatever state this process's threads left them, and its memory
    is its own. Its failure is raised as OSError for a full disk, else RuntimeError naming what it was DOING
    and its last line. STDIN None: it is `send`-ed later (the process starts meanwhile)."""

    def __init__(self, module: str, *args: str, stdin: bytes | None = b"", doing: str = ""):
        self.args, self.stdin, self.doing = [sys.executable, "-m", module, *args], stdin, doing or module

    def __enter__(self) -> Fresh:
        if self.stdin is None:
            self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
            return self
        # from a file: through a pipe, past its 64 KB, each page the child read waited for this process's
        # interpreter lock, to write the next (the parts of 10,000 articles, 360 KB, took up to 0.9 s)
        with tempfile.TemporaryFile() as given:
            given.write(self.stdin)
            given.seek(0)
            self.proc = subprocess.Popen(self.args, stdin=given, stderr=subprocess.PIPE)
        return self

    def send(self, data: bytes, more: bool = False) -> None:
        """Its input, to a process started without (STDIN None) and reading it by now: the end of it unless
        MORE is to come. A process started ahead of its input and sent none reads nothing, and ends."""
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
            if not more:
                self.proc.stdin.close()
        except OSError:
            pass  # it ended without reading: its exit code says why

    def done(self) -> bool:
        """Whether it has ended (then `wait` says how)."""
        return self.proc.poll() is not None

    def run(self) -> None:
        """Start it and wait for it."""
        with self:
            pass

    def wait(self) -> None:
        """Wait for it to end, before the `with` block does (which then has nothing left to wait for)."""
        self.__exit__(None, None, None)

    def __exit__(self, kind, error, trace) -> None:
        if self.proc.returncode is not None:
            return  # waited for already
        if kind is not None:
            self.proc.kill()
        if self.proc.stdin and not self.proc.stdin.closed:
            self.send(b"")  # never sent its input: it reads none
        err = self.proc.stderr.read()  # until it ends (it writes nothing unless it fails)
        self.proc.stderr.close()
        self.proc.wait()
        if kind is None and self.proc.returncode:
            if self.proc.returncode == errno.ENOSPC:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.doing)
            why = (err.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
            raise RuntimeError(f"{self.doing} failed: {why}")


def fresh_main(work: Callable[[], None]) -> None:
    """The body of a `Fresh` process: it ends with the build that started it, a full disk as its exit code.
    Once its work is done (every file it wrote closed) it ends at once: the build waits for its end, and
    freeing its objects one by one took up to 0.1 s at 10,000 articles."""
    _exit_with_parent(os.getppid())
    try:
        work()
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            sys.exit(errno.ENOSPC)
        raise
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
