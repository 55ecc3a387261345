"""Page sizes and load times of the views for analysts (issue 19), on a build, in headless Chromium.

    python bench/pages_bench.py OUT [runs]

OUT is a build folder (`dxkg build … -o OUT`). Reports the bytes of map.html, of the province pages (median,
largest) and of dxkg.html, and, for the map, a province page, the query page with a chart of the
bundled query dti-rankings and the search page with a facet chosen, the wall time from navigation to the view
drawn (median of RUNS, default 5); the province page timed is the largest with a chart. Needs Debian's chromium and playwright (the test dependencies).
"""
from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_serve import start  # noqa: E402  (the tests' own way of starting a server)


def timed(page, url: str, drawn: str, then=None) -> float:
    start_at = time.perf_counter()
    page.goto(url)
    if then:
        then(page)
    page.locator(drawn).first.wait_for()
    return time.perf_counter() - start_at


def main(out: Path, runs: int = 5) -> None:
    pages = sorted((out / "provinces").glob("*.html"), key=lambda p: p.stat().st_size)
    sizes = [p.stat().st_size for p in pages]
    print(f"map.html {(out / 'map.html').stat().st_size:,} B; dxkg.html {(out / 'dxkg.html').stat().st_size:,} B; "
          f"{len(pages)} province pages, median {statistics.median(sizes):,.0f} B, largest {sizes[-1]:,} B "
          f"({pages[-1].name})")
    charted = [p for p in pages if 'class="mark"' in p.read_text(encoding="utf-8")][-1]  # the largest with a chart
    proc, url = start(out / "dxkg.ttl")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            views = {
                "map (file)": lambda: timed(page, (out / "map.html").as_uri() + "#indicator=dti-rank&year=2023",
                                            "path.valued"),
                f"province page (file, {charted.stem})": lambda: timed(page, charted.as_uri(), "svg .mark"),
                "query page, chart of dti-rankings": lambda: timed(
                    page, url + "/", "#chart svg path.mark",
                    lambda pg: pg.locator("#examples button", has_text="dti-rankings").click()),
                "search, a facet chosen": lambda: timed(
                    page, url + "/search#q=dich%20vu%20cong&class=Observation", "#results li"),
            }
            for name, run in views.items():
                seconds = [run() for _ in range(runs)]
                print(f"{name}: median {statistics.median(seconds) * 1000:.0f} ms over {runs} loads "
                      f"(min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f})")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5)
