"""The Learn library on the web: the list, each piece from its Markdown (with raw HTML shown as
text), its sources and practices to try, kind 404s, and the JSON API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kindvoice.domain.learn.library import load_library
from kindvoice.interfaces.web.learn_pages import to_html
from tests.interfaces.web.conftest import Site

PIECES = [piece.id for piece in load_library()]


def test_the_list_holds_every_piece(client: TestClient) -> None:
    page = client.get("/learn")
    assert page.status_code == 200
    for piece in load_library():
        assert f'href="/learn/{piece.id}"' in page.text
    assert page.text.count("<h1") == 1


@pytest.mark.parametrize("piece_id", PIECES)
def test_each_piece_reads_with_its_sources_and_practices(client: TestClient, piece_id: str) -> None:
    piece = next(p for p in load_library() if p.id == piece_id)
    page = client.get(f"/learn/{piece_id}")
    assert page.status_code == 200
    assert page.text.count("<h1") == 1
    assert "<h2>" in page.text or piece.body.count("\n## ") == 0
    for source in piece.citations:
        assert f"<li>{source.replace('&', '&amp;')}</li>" in page.text
    for practice in piece.try_practices:
        assert f"/breathe?pattern={practice}" in page.text or f"/practices/{practice}" in page.text
    assert 'href="/support"' in page.text


@pytest.mark.parametrize(
    "slug", ["nothing-here", "x" * 300, "no such piece", "caf\u00e9", "what-self-compassion-is-not"]
)
def test_an_unknown_piece_is_a_kind_404_with_the_list(client: TestClient, slug: str) -> None:
    page = client.get(f"/learn/{slug}")
    assert page.status_code == 404
    assert f'href="/learn/{PIECES[0]}"' in page.text
    api = client.get(f"/api/v1/learn/{slug}")
    assert api.status_code in (404, 422)
    assert api.json()["error"]["message"]


def test_markdown_can_not_add_markup_or_load_anything() -> None:
    html = to_html(
        '<script>alert(1)</script>\n\n<img src="https://example.com/x.png">\n\n'
        "![a picture](https://example.com/y.png)\n\n[a link](javascript:alert(1))\n\n**kind**"
    )
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<strong>kind</strong>" in html


def test_the_api_lists_pieces_and_gives_each_as_markdown_and_html(client: TestClient) -> None:
    listed = client.get("/api/v1/learn").json()
    assert [piece["id"] for piece in listed] == PIECES
    assert {"title", "summary", "minutes", "sources", "try"} <= set(listed[0])
    one = client.get(f"/api/v1/learn/{PIECES[0]}").json()
    assert one["markdown"].strip()
    assert one["html"].startswith("<")
    assert "<script" not in one["html"]


def test_learn_can_be_read_before_signing_in_when_hosted(hosted: Site) -> None:
    stranger = hosted.client()
    assert stranger.get("/learn").status_code == 200
    assert stranger.get(f"/learn/{PIECES[0]}").status_code == 200
    assert stranger.get("/api/v1/learn").status_code == 200
