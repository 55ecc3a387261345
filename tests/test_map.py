"""The national map (issue 19, item 2): a choropleth of a canonical indicator in a year, on the 63 units before
1 July 2025 or the 34 after, with a sortable table, drawn offline from the file the build writes."""
from __future__ import annotations

import json
import time

from conftest import ARTIFACTS, build_graph

RANKS = {  # our own articles: DTI ranks of 2023 (63 units) and of 2025 (34 units)
    "a.txt": "Cập nhật: 10/6/2024 08:00\n\nTiêu đề về chuyển đổi số\n\nNăm 2023, tỉnh Gia Lai xếp thứ 30/63 về chỉ "
             "số chuyển đổi số (DTI).",
    "b.txt": "Cập nhật: 11/6/2024 08:00\n\nTiêu đề về chuyển đổi số\n\nNăm 2023, tỉnh Bình Định xếp thứ 12/63 về chỉ "
             "số chuyển đổi số (DTI), còn tỉnh Kon Tum xếp thứ 45/63.",
    "c.txt": "Cập nhật: 20/9/2025 08:00\n\nTiêu đề về chuyển đổi số\n\nNăm 2025, tỉnh Gia Lai (mới) xếp thứ 20/34 về "
             "chỉ số chuyển đổi số (DTI).",
}


def shown(page) -> dict:
    return page.evaluate("""() => ({
        era: [...document.querySelectorAll('#map g')].find(g => g.style.display !== 'none').dataset.era,
        paths: [...document.querySelectorAll('#map g')].find(g => g.style.display !== 'none').querySelectorAll('path').length,
        valued: [...document.querySelectorAll('path.valued')].filter(p => p.closest('g').style.display !== 'none')
                  .map(p => p.dataset.unit).sort(),
        table: [...document.querySelectorAll('#table tbody tr')].map(tr => [...tr.cells].map(c => c.textContent)),
        links: [...document.querySelectorAll('#table tbody a')].map(a => a.getAttribute('href')) })""")


def test_the_map_draws_the_units_the_year_requires(browser, tmp_path):
    build_graph(tmp_path, RANKS)
    out = tmp_path / "out"
    page, requests, errors = open_map(browser, out / "map.html", "#indicator=dti-rank&year=2023")
    before = shown(page)
    assert before["era"] == "63" and before["paths"] == 63
    assert before["valued"] == ["binh-dinh", "gia-lai", "kon-tum"]
    assert [row[1] for row in before["table"]] == ["12", "30", "45"]  # best rank first
    assert before["links"][0] == "provinces/binh-dinh.html"
    page.click("th[data-key=value]")  # sorted the other way
    assert [row[1] for row in shown(page)["table"]] == ["45", "30", "12"]
    page.select_option("#year", "2025")
    after = shown(page)
    assert after["era"] == "34" and after["paths"] == 34 and after["valued"] == ["gia-lai-2025"]
    assert "#indicator=dti-rank&year=2025" in page.url  # a permalink to what is shown
    assert requests == [] and errors == []
    page.close()


def open_map(browser, html, fragment=""):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
               else (requests.append(route.request.url), route.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri() + fragment)
    page.locator("#summary", has_text="tỉnh").wait_for(timeout=30000)
    return page, requests, errors


def test_the_map_of_the_dev_set_opens_offline_and_is_light(browser, dev_build):
    html = dev_build / "map.html"
    start = time.perf_counter()
    page, requests, errors = open_map(browser, html, "#indicator=dti-rank&year=2023")
    seconds = time.perf_counter() - start
    state = shown(page)
    assert state["era"] == "63" and state["paths"] == 63 and len(state["valued"]) >= 3
    assert requests == [] and errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-dti-rank-2023.png"), full_page=True)
    (ARTIFACTS / "map.json").write_text(json.dumps({"bytes": html.stat().st_size, "load_seconds": round(seconds, 2)}))
    assert html.stat().st_size < 300_000  # the boundaries and the figures, no library: a light page
    page.close()
