"""The server's entity page, rendered from a real store: labels from articles are shown as text, never markup."""
from __future__ import annotations

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from dxkg.rdf.vocab import LABEL
from dxkg.serve.pages import entity_page

BASE = "https://w3id.org/dxkg/id/"


def test_labels_with_markup_are_escaped_and_links_point_at_the_server():
    person, article = NamedNode(BASE + "person/a"), NamedNode("http://example.org/news?id=1&x=2")
    store = Store()
    store.extend([Quad(person, LABEL, Literal('<script>alert("x")</script> Nguyễn Văn A', language="vi"), DefaultGraph()),
                  Quad(article, NamedNode("https://schema.org/mentions"), person, DefaultGraph())])
    outgoing = list(store.quads_for_pattern(person, None, None, None))
    incoming = list(store.quads_for_pattern(None, None, person, None))
    page = entity_page(store, BASE, person.value, outgoing, incoming)
    assert "<script>" not in page
    assert "<title>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Nguyễn Văn A</title>" in page
    assert '<a href="/entity?iri=http%3A%2F%2Fexample.org%2Fnews%3Fid%3D1%26x%3D2">' in page
    assert "<td>schema:mentions</td>" in page and "<td>rdfs:label</td>" in page
