"""A page per province (issue 19, item 1), written by the build and served under /id/province/…: the DTI rank
over the years as a chart, the indicators as time series with targets, officials as a timeline, documents and
their targets, meetings; every value with its sentence and article; no script, nothing fetched."""
from __future__ import annotations

import json
import time

from conftest import ARTIFACTS
from test_map import open_map
from test_serve import http, serving


def open_page(browser, html):
    page, requests, errors = browser.new_page(viewport={"width": 1000, "height": 900}), [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
               else (requests.append(route.request.url), route.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri())
    return page, requests, errors


def test_a_province_page_charts_its_rank_and_cites_every_value(browser, gia_lai_build):
    html = gia_lai_build / "provinces" / "gia-lai.html"
    page, requests, errors = open_page(browser, html)
    dti = page.locator("#dti + .legend + svg .mark")
    assert dti.count() == 5  # 2021, 2022, 2023, the 2025 target of the top 25, and the pillar in 2021
    assert page.locator("#dti + .legend + svg polyline").count() == 2  # the index, and the digital government pillar
    titles = sorted(t.text_content() for t in page.locator("#dti + .legend + svg .mark title").all())
    assert "Chỉ số DTI, 2025: 25 (mục tiêu)" in titles and "Chỉ số DTI, 2022: 30 (đạt được)" in titles
    cited = page.text_content("#dti ~ table")
    assert "Năm 2022, tỉnh Gia Lai xếp thứ 30/63" in cited and "b.txt" in cited
    # officials as a timeline, the document with the target it set, the meeting
    assert page.locator("svg.timeline .mark").count() >= 1 and "Trương Hải Long" in page.text_content("#officials ~ table")
    assert "Nghị quyết số 04-NQ/TU" in page.text_content("body") and "2022-05-24" in page.text_content("body")
    # article text is data: shown as text, never run; the page has no script at all and fetches nothing
    assert page.locator("script").count() == 0 and page.evaluate("() => window.__pwned") is None
    assert requests == [] and errors == []
    page.close()


def test_the_map_links_to_the_province_pages(browser, gia_lai_build):
    page, requests, errors = open_map(browser, gia_lai_build / "map.html", "#indicator=dti-rank&year=2022")
    href = page.locator("#table a").first.get_attribute("href")
    assert href == "provinces/gia-lai.html" and (gia_lai_build / href).exists()
    page.close()


def test_served_province_pages_and_map(gia_lai_build):
    with serving(gia_lai_build / "dxkg.ttl") as url:
        status, headers, body = http(url + "/id/province/gia-lai")
        assert status == 200 and "Xếp hạng DTI qua các năm" in body and "<script" not in body.split("</style>")[1]
        status, _h, body = http(url + "/map")
        assert status == 200 and body.count("<path data-unit=") == 63 + 34
        assert '"/id/province/{}"' in body  # its table links to the served pages
        status, _h, body = http(url + "/id/province/bac-lieu")  # nothing said of it: the plain entity page
        assert status == 200 and "Xếp hạng DTI qua các năm" not in body


def test_a_dev_set_province_page_renders_offline(browser, dev_build):
    html = dev_build / "provinces" / "kon-tum.html"
    start_at = time.perf_counter()
    page, requests, errors = open_page(browser, html)
    seconds = time.perf_counter() - start_at
    assert page.locator("#dti + .legend + svg .mark").count() >= 3 and requests == [] and errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "province-kon-tum.png"), full_page=True)
    (ARTIFACTS / "province.json").write_text(json.dumps({"bytes": html.stat().st_size,
                                                         "load_seconds": round(seconds, 2)}))
    assert html.stat().st_size < 200_000
    page.close()


def test_each_dev_set_province_page_shows_what_is_said_of_that_province_alone(dev_build):
    # the build draws every page from one pass over the store's rows, merged province by province; each page
    # must be the one drawn for its province asked alone (as `dxkg serve` does), no row lost or misplaced
    from pyoxigraph import Store

    from dxkg.outputs import provinces
    from dxkg.rdf.vocab import DEFAULT_BASE

    store = Store.read_only(str(dev_build / "dxkg.oxigraph"))
    written = sorted((dev_build / "provinces").glob("*.html"))
    assert len(written) >= 10
    for html in written:
        alone = provinces.gather(store, f"{DEFAULT_BASE}province/{html.stem}")
        assert list(alone) == [html.stem]
        assert html.read_text(encoding="utf-8") == provinces.page(alone[html.stem])


def test_a_page_s_rows_are_put_in_the_order_the_engine_gives_them(dev_build, monkeypatch):
    # a page's rows are sorted here by how the engine orders terms; each page must be the one drawn from the
    # rows as the engine orders them itself (asked for so whenever a row cannot be ordered here)
    from pyoxigraph import Store

    from dxkg.outputs import provinces

    def cannot(term):
        raise ValueError("asked of the engine")

    store = Store.read_only(str(dev_build / "dxkg.oxigraph"))
    ours = {p.id: provinces.page(p) for p in provinces.each(store)}
    monkeypatch.setattr(provinces, "term_order", cannot)
    engines = {p.id: provinces.page(p) for p in provinces.each(store)}
    assert len(ours) >= 10 and ours == engines
