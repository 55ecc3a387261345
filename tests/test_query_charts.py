"""Charts of query results on the query page (issue 19, item 3): a map when a result names provinces beside a
number, a line over the years, bars for labels and numbers; a permalink that runs the query again, and the
whole result as CSV from the endpoint (`?format=csv`). In Chromium, against a running `dxkg serve`."""
from __future__ import annotations

import urllib.parse

import pytest
from conftest import ARTIFACTS
from test_serve import http, serving

RANKS = """SELECT ?ranking ?year ?rank WHERE {
  ?o dxo:unit dxo:Rank ; dxo:value ?rank ; dxo:refPeriod ?year ; dxo:indicator/skos:prefLabel ?ranking .
  FILTER(lang(?ranking) = "vi") } ORDER BY ?ranking ?year"""
CLASSES = """SELECT ?class (COUNT(?x) AS ?things) WHERE { ?x a ?c . BIND(STRAFTER(STR(?c), "#") AS ?class) }
GROUP BY ?class ORDER BY DESC(?things) ?class"""


@pytest.fixture(scope="module")
def served(gia_lai_build):
    with serving(gia_lai_build / "dxkg.ttl") as url:
        yield url


def ask(page, query):
    page.fill("#query", query)
    page.click("#run")
    page.locator("#message", has_text="rows").wait_for()
    return page.locator("#results tr").count() - 1


def test_a_result_with_provinces_is_drawn_on_the_map(served, browser):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served + "/")
    page.locator("#examples button", has_text="dti-rankings").click()
    page.locator("#chart svg.map path.mark").first.wait_for()
    assert page.locator("#chart svg.map").get_attribute("data-era") == "63"
    assert page.locator("#chart svg.map path").count() == 63
    assert page.locator("#chart svg.map path.mark").count() == 1  # Gia Lai, in the year and ranking chosen
    assert all(u.startswith(served) for u in requests)  # nothing from elsewhere
    page.close()


def test_years_draw_lines_and_labels_draw_bars(served, browser):
    page = browser.new_page()
    page.goto(served + "/")
    rows = ask(page, RANKS)
    page.locator("#chart svg.lines").wait_for()
    assert page.locator("#chart svg.lines .mark").count() == rows
    rankings = set(page.locator("#results tr td:first-child").all_text_contents())
    assert page.locator("#chart svg.lines polyline").count() == len(rankings) > 1  # a line a ranking
    rows = ask(page, CLASSES)
    assert page.locator("#chart svg.bars .mark").count() == min(rows, 40)
    page.close()


def test_a_permalink_runs_the_query_again_and_csv_is_the_whole_result(served, browser):
    page = browser.new_page()
    page.goto(served + "/")
    rows = ask(page, RANKS)
    permalink = page.locator("#links a", has_text="Permalink").get_attribute("href")
    csv_href = page.locator("#links a", has_text="CSV").get_attribute("href")
    again = browser.new_page()
    again.goto(permalink)
    again.locator("#message", has_text="rows").wait_for()
    assert again.input_value("#query") == RANKS and again.locator("#results tr").count() - 1 == rows
    status, headers, body = http(urllib.parse.urljoin(served, csv_href))
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0] == "ranking,year,rank" and len(body.splitlines()) == rows + 1
    assert http(served + "/sparql?" + urllib.parse.urlencode({"query": RANKS, "format": "pdf"}))[0] == 400
    again.close()
    page.close()


def test_a_chart_of_a_bundled_query_on_the_dev_set(browser, dev_build):
    with serving(dev_build / "dxkg.ttl") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url + "/")
        page.locator("#examples button", has_text="dti-rankings").click()
        page.locator("#chart svg.map path.mark").first.wait_for()
        assert page.locator("#chart svg.map path.mark").count() >= 2
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "query-chart-dti-rankings.png"), full_page=True)
        page.close()


def test_article_text_in_a_chart_is_text(served, browser):
    page = browser.new_page()
    page.goto(served + "/")
    ask(page, "SELECT ?sentence (COUNT(?o) AS ?figures) WHERE { ?o dxo:evidence ?sentence } GROUP BY ?sentence")
    bars = page.locator("#chart svg.bars text", has_text="<script>")
    assert bars.count() >= 1 and page.locator("#chart script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    page.close()
