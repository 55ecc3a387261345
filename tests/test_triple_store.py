"""Into a real triple store (issue 20, item 5): the sharded, gzipped N-Quads export and its manifest, loaded in
bulk into the Oxigraph server (the `oxigraph` package from PyPI) and queried over HTTP."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import run_dxkg, wait_for
from test_serve import free_port, http

from dxkg.outputs.answers import bundled
from dxkg.rdf.vocab import PREFIXES

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


@pytest.fixture(scope="module")
def shards(seed_build, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shards")
    assert run_dxkg("export", str(seed_build.parent), "-f", "nq-shards", "-o", str(folder),
                    "--shard-quads", "1000").returncode == 0
    return folder


def test_the_shards_hold_whole_graphs_and_the_manifest_says_what_each_holds(shards, seed_build, tmp_path):
    manifest = json.loads((shards / "manifest.json").read_text())
    assert len(manifest["shards"]) > 1 and manifest["graphs"] == 7  # the five articles, reference, corpus
    for s in manifest["shards"]:
        data = (shards / s["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == s["sha256"] and len(data) == s["bytes"]
    again = tmp_path / "again"
    run_dxkg("export", str(seed_build.parent), "-f", "nq-shards", "-o", str(again), "--shard-quads", "1000")
    assert (again / "manifest.json").read_bytes() == (shards / "manifest.json").read_bytes()  # byte-identical


def test_the_oxigraph_server_loads_the_shards_and_answers_as_dxkg_does(shards, seed_build, tmp_path):
    if OXIGRAPH is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server is not installed: the test extra installs it from PyPI")
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    manifest = json.loads((shards / "manifest.json").read_text())
    files = [str(shards / s["file"]) for s in manifest["shards"]]
    subprocess.run([OXIGRAPH, "load", "--location", str(tmp_path / "db"), "--file", *files], check=True,
                   capture_output=True)
    port = free_port()
    server = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(tmp_path / "db"), "--bind",
                               f"127.0.0.1:{port}", "--union-default-graph"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, 30, path="/query?query=ASK%7B%7D")  # the Oxigraph server answers queries

        def ask(query: str) -> list[dict]:
            prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
            status, _h, body = http(url + "/query?" + urllib.parse.urlencode({"query": prefixes + query}),
                                    headers={"Accept": "text/csv"})
            assert status == 200, body
            return list(csv.DictReader(io.StringIO(body)))

        assert int(ask("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]) == manifest["quads"]
        query = bundled()["committee-chairs"][1]
        mine = list(csv.DictReader(io.StringIO(run_dxkg("query", str(seed_build.parent), query, "-f", "csv").stdout)))
        # the same answers: as a set, since a union default graph repeats a triple once per graph that states it
        rows = {tuple(r.values()) for r in mine}
        assert rows and {tuple(r.values()) for r in ask(query)} == rows
    finally:
        server.terminate()
        server.wait(10)
