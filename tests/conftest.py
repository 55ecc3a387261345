from __future__ import annotations

import functools
import importlib.util
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
ARTIFACTS = ROOT / "test-artifacts"  # screenshots, for a person to look at
DXKG = [sys.executable, "-m", "dxkg"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# A headline first, so that the sentence under test is the article's body and not taken for its title.
HEAD = "Tiêu đề bài viết về chuyển đổi số ở địa phương\n\n"


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


# our own articles about one province over three years: ranks, a pillar, a resolution's target, officials, a meeting,
# and markup in a sentence (which no page may run)
GIA_LAI = {
    "a.txt": "Cập nhật: 10/6/2022 08:00\n\nGia Lai tăng hạng chuyển đổi số\n\n"
             "Năm 2021, tỉnh Gia Lai xếp thứ 39/63 về chỉ số chuyển đổi số (DTI), trong đó chính quyền số xếp thứ "
             "45/63.\n\nNgày 24/5/2022, Chủ tịch UBND tỉnh Gia Lai Trương Hải Long chủ trì cuộc họp Ban Chỉ đạo "
             "chuyển đổi số tỉnh.",
    "b.txt": "Cập nhật: 12/6/2023 08:00\n\nGia Lai tiếp tục tăng hạng\n\n"
             "Năm 2022, tỉnh Gia Lai xếp thứ 30/63 về chỉ số chuyển đổi số (DTI), tăng 9 bậc.\n\n"
             "Nghị quyết số 04-NQ/TU của Tỉnh ủy Gia Lai đặt mục tiêu đến năm 2025 tỉnh Gia Lai thuộc nhóm 25 "
             "tỉnh dẫn đầu về chuyển đổi số <script>window.__pwned = 1</script>.",
    "c.txt": "Cập nhật: 15/6/2024 08:00\n\nKết quả DTI 2023\n\nNăm 2023, tỉnh Gia Lai xếp thứ 22/63 về chỉ số chuyển "
             "đổi số (DTI). Chủ tịch UBND tỉnh Gia Lai Trương Hải Long đề nghị các sở tiếp tục nỗ lực.",
}


@pytest.fixture(scope="session")
def gia_lai_build(tmp_path_factory) -> Path:
    """GIA_LAI built once for the session: its output folder."""
    tmp = tmp_path_factory.mktemp("gia-lai")
    build_graph(tmp, GIA_LAI)
    return tmp / "out"


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory) -> Path:
    """The development set (../shared/eval/dev) built once for the session: its output folder."""
    dev = SHARED / "eval" / "dev" / "articles"
    if not dev.exists():
        pytest.skip("../shared/eval is not beside the checkout")
    out = tmp_path_factory.mktemp("dev-build")
    assert run_dxkg("build", str(dev), "-o", str(out)).returncode in (0, 3)
    return out


@pytest.fixture(scope="session")
def scorer() -> Path:
    """The shared scorer (../shared/eval/score.py), when the checkout has it beside it."""
    if not SCORER.exists():
        pytest.skip("../shared/eval is not beside the checkout")
    return SCORER


@pytest.fixture(scope="session")
def seed_scores(scorer, seed_build, tmp_path_factory) -> dict:
    figures = tmp_path_factory.mktemp("scores") / "scores.json"
    subprocess.run([sys.executable, str(scorer), "--gold", str(GOLD), str(seed_build), "--json", str(figures)],
                   check=True, capture_output=True)
    return json.loads(figures.read_text())


def write_article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def article_of(text: str, name: str = "t.txt"):
    """One text ingested as the build does it: an Article with its headline, date and authors."""
    from dxkg.ingest.read import RawArticle

    return _ingested(RawArticle(Path(name), text))


def records(article):
    """An article's records as the build hands them to the RDF layer: extracted, then resolved."""
    from dxkg.extract import extract
    from dxkg.identity import resolve

    return resolve(extract(article))


def seed_article(prefix: str):
    """The seed whose file name starts with `prefix` ("000"), as an Article."""
    from dxkg.ingest.read import read

    return _ingested(read(next(SEEDS.glob(prefix + "_*.txt"))))


def _ingested(raw):
    from dxkg.ingest import ingest

    return ingest(raw)


@functools.cache
def _bench_corpus():
    """bench/corpus.py, loaded from its file: bench/ is scripts, not a package (its modules import each other
    by name, so the folder goes on the path); once, since it reads the development set to calibrate."""
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("dxkg_bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(n: int, folder: Path, seed: int = 1) -> list[Path]:
    """`n` articles of the bench's seeded generator written into `folder` (the same n and seed, the same files)."""
    return _bench_corpus().generate(n, folder, seed)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium that reaches nothing on the network by itself."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run installs the Debian package 'chromium'")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


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


def person_names(graph) -> set[str]:
    return {n for (n,) in select(graph, "SELECT ?n WHERE { ?p a dxo:Person ; rdfs:label ?n }")}


def posts(graph) -> set[tuple[str, str, str]]:
    return select(graph, """SELECT ?p ?r ?o WHERE { ?m a org:Membership ; org:member/rdfs:label ?p ;
        org:role/rdfs:label ?r ; org:organization/rdfs:label ?o }""")


def wait_for(url: str, seconds: float = 10, path: str = "/health") -> None:
    """Until a server at URL answers PATH (by default `dxkg serve`'s health check; TimeoutError after
    SECONDS)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + path, timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)
