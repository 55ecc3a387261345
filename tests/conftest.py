from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"
DXKG = [sys.executable, "-m", "dxkg"]


def run_dxkg(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run([*DXKG, *args], capture_output=True, text=True, check=check, env=env)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The seeds built once for the whole session, as a user builds them."""
    out = tmp_path_factory.mktemp("seed-build")
    result = run_dxkg("build", str(SEEDS), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out / "dxkg.ttl"


@pytest.fixture(scope="session")
def seed_scores(seed_build, tmp_path_factory) -> dict:
    if not SCORER.exists():
        pytest.skip("../shared/eval is not beside the checkout")
    figures = tmp_path_factory.mktemp("scores") / "scores.json"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), str(seed_build), "--json", str(figures)],
                   check=True, capture_output=True)
    return json.loads(figures.read_text())


def write_article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


__all__ = ["ROOT", "SEEDS", "run_dxkg", "write_article", "shutil"]


def build_graph(tmp_path: Path, articles: dict[str, str]):
    """Build articles (file name -> text) with the real pipeline and return the graph as rdflib reads it."""
    from rdflib import Graph

    from dxkg.build.pipeline import build

    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        write_article(folder, name, text)
    result = build([folder], tmp_path / "out", jobs=1)
    assert not result.skipped, result.skipped
    return Graph().parse(tmp_path / "out" / "dxkg.ttl")


PREFIXES = """PREFIX dxo: <https://w3id.org/dxkg/ontology#> PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def select(graph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in graph.query(PREFIXES + query)}


def posts(graph) -> set[tuple[str, str, str]]:
    return select(graph, """SELECT ?p ?r ?o WHERE { ?m a org:Membership ; org:member/rdfs:label ?p ;
        org:role/rdfs:label ?r ; org:organization/rdfs:label ?o }""")


def wait_for(url: str, seconds: float = 10) -> None:
    """Until a `dxkg serve` at URL answers its health check (TimeoutError after SECONDS)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)
