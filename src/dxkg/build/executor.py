"""Where the per-article step runs: worker processes that end with the build that started them (a killed build
leaves none behind), by default; or a Dask cluster, given its scheduler's address (`dask://host:port`), whose
workers write the parts into the build's state folder, which must be storage they share with the build."""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor


def _exit_with_parent(parent: int) -> None:
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),))


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
