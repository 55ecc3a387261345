"""Past one machine (issue 20, item 4): the per-article step on a Dask cluster (`--executor dask://host:port`),
here a local one, gives the same graph as the default process pool; an unreachable scheduler is one line."""
from __future__ import annotations

import pytest
from conftest import SEEDS, run_dxkg

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address.removeprefix("tcp://")


def test_a_build_on_a_dask_cluster_is_the_build_of_the_process_pool(cluster, seed_build, tmp_path):
    result = run_dxkg("build", str(SEEDS), "-o", str(tmp_path / "out"), "--executor", f"dask://{cluster}")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "dxkg.ttl").read_bytes() == seed_build.read_bytes()
    again = run_dxkg("build", str(SEEDS), "-o", str(tmp_path / "out"), "--executor", f"dask://{cluster}")
    assert "extracted in this run" in again.stderr and "│        0 │" in again.stderr.split("extracted")[1][:60]


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    result = run_dxkg("build", str(SEEDS), "-o", str(tmp_path / "out"), "--executor", "dask://127.0.0.1:9")
    assert result.returncode != 0 and "cannot reach the Dask scheduler at dask://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
    bad = run_dxkg("build", str(SEEDS), "-o", str(tmp_path / "out"), "--executor", "spark://x")
    assert bad.returncode != 0 and "--executor takes dask://HOST:PORT" in bad.stderr
