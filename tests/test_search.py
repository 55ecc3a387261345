"""Search with facets in the served UI (issue 19, item 4): diacritic-insensitive over labels and evidence
sentences, narrowed by class, province, year and indicator with counts, results linking to entity pages."""
from __future__ import annotations

import json
import urllib.parse

import pytest
from conftest import ARTIFACTS
from test_serve import http, serving


@pytest.fixture(scope="module")
def served(gia_lai_build):
    with serving(gia_lai_build / "dxkg.ttl") as url:
        yield url


def found(url, **params) -> dict:
    status, _h, body = http(url + "/search.json?" + urllib.parse.urlencode(params))
    assert status == 200
    return json.loads(body)


def test_words_without_diacritics_find_labels_and_sentences(served):
    names = [r["label"] for r in found(served, q="gia lai")["results"]]
    assert set(names[:2]) == {"Gia Lai (đến 30/6/2025)", "Gia Lai (từ 1/7/2025)"}  # labels holding the words first
    assert not any("Kiên Giang" in n for n in names)
    hits = found(served, q="nghi quyet so 04")["results"]
    assert any(r["label"] == "Nghị quyết số 04-NQ/TU" for r in hits)
    figures = found(served, q="tang 9 bac")  # the words of a sentence, not of a label
    assert figures["total"] >= 1 and all("tăng 9 bậc" in r["sentence"] for r in figures["results"])


def test_facets_count_what_choosing_them_gives(served):
    everything = found(served, q="chuyen doi so")
    classes = dict(everything["facets"]["class"])
    assert classes["Observation"] >= 4 and sum(classes.values()) == everything["total"]
    years = dict(found(served, q="chuyen doi so", **{"class": "Observation"})["facets"]["year"])
    narrowed = found(served, q="chuyen doi so", year="2022", **{"class": "Observation"})
    assert narrowed["total"] == years["2022"] and narrowed["total"] < classes["Observation"]
    province = found(served, q="", province="Gia Lai (đến 30/6/2025)", indicator="Xếp hạng DTI cấp tỉnh")
    assert province["total"] >= 3 and dict(province["facets"]["indicator"])["Xếp hạng DTI cấp tỉnh"] == province["total"]


def test_the_search_page_in_a_browser(served, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served + "/search")
    page.fill("#q", "gia lai")
    page.locator("#results a", has_text="Gia Lai (đến 30/6/2025)").wait_for()
    page.fill("#q", "chuyen doi so")
    page.locator("#facets button[data-facet=class][data-value=Observation]").click()
    page.locator("#facets button.chosen[data-value=Observation]").wait_for()
    count = int(page.locator("#facets button.chosen[data-value=Observation] + .count").text_content())
    page.locator("#summary", has_text=f"{count} kết quả").wait_for()
    assert page.locator("#results li").count() == min(count, 50)
    href = page.locator("#results a").first.get_attribute("href")
    assert href.startswith("/entity?iri=") and http(served + href)[0] == 200
    page.fill("#q", "script")  # an article's markup is shown as text, never run
    page.locator("#results .sentence", has_text="<script>").first.wait_for()
    assert page.evaluate("() => window.__pwned") is None and all(u.startswith(served) for u in requests)
    ARTIFACTS.mkdir(exist_ok=True)
    page.fill("#q", "chuyen doi so")
    page.locator("#summary", has_text="kết quả").wait_for()
    page.screenshot(path=str(ARTIFACTS / "search-facets.png"), full_page=True)
    page.close()


def test_a_faceted_search_of_the_dev_set(browser, dev_build):
    with serving(dev_build / "dxkg.ttl") as url:
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.goto(url + "/search#q=dich%20vu%20cong%20truc%20tuyen")
        page.locator("#facets button[data-facet=province]").first.wait_for()
        page.locator("#facets button[data-facet=class][data-value=Observation]").click()
        page.locator("#facets button.chosen[data-value=Observation]").wait_for()
        assert page.locator("#results li").count() >= 10
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-dev.png"), full_page=True)
        page.close()
