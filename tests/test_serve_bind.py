"""Values for a query's variables on the endpoint (`bind=NAME=VALUE`, as `dxkg query --bind NAME=VALUE`), on a
running server over a build whose true answers we know (test_corpus: two chairs of Kon Tum's People's Committee
one after the other)."""
from __future__ import annotations

import csv
import io
import urllib.parse

import pytest
from conftest import build_graph
from test_corpus import ARTICLES
from test_corpus import query as cli_rows
from test_serve import http, start
from typer.testing import CliRunner

from dxkg.query.store import GraphError, bound, bundled

HOLDER = bundled()["holder-on-date"][1]
CHAIR = ["postName=Chủ tịch", "bodyName=Ủy ban nhân dân tỉnh Kon Tum"]
INJECTED = "x} DROP ALL #"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The build folder, served as `dxkg serve OUT` serves it: its store, with the answers the build kept."""
    tmp = tmp_path_factory.mktemp("bind")
    build_graph(tmp, ARTICLES)
    proc, url = start(tmp / "out", "--workers", "2")
    yield tmp / "out", url
    proc.terminate()
    proc.wait(10)


def get(url, binds, query=HOLDER):
    params = urllib.parse.urlencode([("query", query), *(("bind", b) for b in binds)])
    return http(url + "/sparql?" + params, headers={"Accept": "text/csv"})


def rows(answer) -> list[dict]:
    status, _h, body = answer
    assert status == 200, body
    return list(csv.DictReader(io.StringIO(body)))


def test_bound_values_on_the_endpoint_answer_as_the_cli_does(served):
    out, url = served
    for on, holders in (("2023-01-01", ["Lê Ngọc Tuấn"]), ("2024-09-01", ["Nguyễn Đức Tuy"]), ("2021-12-31", [])):
        binds = [f"on={on}", *CHAIR]
        web = rows(get(url, binds))
        assert web == cli_rows(out, "holder-on-date", *binds)
        assert [r["holder"] for r in web] == holders  # not the build's kept answer (today's holder)
    binds = ["on=2023-01-01", *CHAIR]
    form = urllib.parse.urlencode([("query", HOLDER), *(("bind", b) for b in binds)]).encode()
    posted = http(url + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    direct = http(url + "/sparql?" + urllib.parse.urlencode([("bind", b) for b in binds]), HOLDER.encode(),
                  {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert rows(posted) == rows(direct) == rows(get(url, binds))


@pytest.mark.parametrize("binds, query, says", [
    (["on"], HOLDER, "bind takes NAME=VALUE"),
    (["?on=2024-05-01"], HOLDER, "not a SPARQL variable name"),
    (["on=2024-05-01", "on=2023-01-01"], HOLDER, "two values"),
    (["on=2024-05-01"], "ASK { ?s ?p ?o }", "needs a WHERE clause"),
])
def test_a_bad_bind_is_a_400_with_one_line(served, binds, query, says):
    _out, url = served
    status, _h, body = get(url, binds, query)
    assert status == 400 and says in body and body.count("\n") == 1, body
    form = urllib.parse.urlencode([("query", query), *(("bind", b) for b in binds)]).encode()
    status, _h, body = http(url + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and says in body


def test_nothing_is_injected_through_a_name_or_a_value(served):
    _out, url = served
    for name in (INJECTED, "on) { (1) } } SELECT * WHERE { ?s ?p ?o } #"):
        status, _h, body = get(url, [f"{name}=1"])
        assert status == 400 and "not a SPARQL variable name" in body, body
        with pytest.raises(GraphError, match="not a SPARQL variable name"):
            bound(HOLDER, {name: "1"})
    # a value is a term, written escaped: it stays a text, whatever it holds
    sneaky = 'x" ) } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #'
    assert rows(get(url, ["on=2024-09-01", "postName=Chủ tịch", f"bodyName={sneaky}"])) == []


@pytest.mark.parametrize("binds, says", [([f"{INJECTED}=1"], "not a SPARQL variable name"),
                                         (["on=1", "on=2"], "--bind gives 'on' two values"),
                                         (["on"], "--bind takes NAME=VALUE")])
def test_the_cli_refuses_the_same_binds_in_one_line(served, binds, says):
    from dxkg.cli import app

    out, _url = served
    args = [a for b in binds for a in ("--bind", b)]
    result = CliRunner().invoke(app, ["query", str(out), "SELECT * WHERE { ?s ?p ?o }", *args])
    assert result.exit_code != 0 and says in result.output and "Traceback" not in result.output


def test_values_go_into_the_where_clause_not_a_comment_or_a_string():
    query = '# not this WHERE {\nSELECT * WHERE { BIND("WHERE {" AS ?x) }'
    assert bound(query, {"on": "2024"}) == ('# not this WHERE {\nSELECT * WHERE { VALUES (?on) { '
                                            '("2024"^^<http://www.w3.org/2001/XMLSchema#gYear>) }  BIND("WHERE {" AS ?x) }')


def test_the_query_page_sends_the_values_and_shows_errors_as_text(served, browser):
    _out, url = served
    page = browser.new_page()
    page.goto(url + "/")
    page.fill("#binds", "\n".join(["on=2023-01-01", *CHAIR]))
    page.locator("#examples button", has_text="holder-on-date").click()
    page.locator("#results td", has_text="Lê Ngọc Tuấn").first.wait_for()
    assert "Nguyễn Đức Tuy" not in page.locator("#results").text_content()
    page.fill("#binds", "<img src=x onerror=alert(1)>=1")
    page.click("#run")
    page.locator("#message.error", has_text="not a SPARQL variable name").wait_for()
    assert "<img" in page.text_content("#message") and page.locator("img").count() == 0
    page.close()
