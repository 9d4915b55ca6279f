"""The Journal in the browser, without scripts: list, pages, search, one entry, change and
delete; and whatever a person writes renders as text, never as markup."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.web.conftest import form, headers
from tests.interfaces.web.test_write import CRISIS, HARSH, entry_count, stored, write_entry

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def test_an_empty_journal_says_so_kindly(client: TestClient) -> None:
    page = client.get("/journal")
    assert page.status_code == 200
    assert 'id="journal-empty"' in page.text
    assert "No entries yet." in page.text
    assert 'href="/write"' in page.text


def test_the_journal_lists_newest_first_in_pages(client: TestClient) -> None:
    for number in range(23):
        client.post(
            "/api/v1/entries", json={"thought": f"note {number:02d}"}, headers=headers(client)
        )
    first = client.get("/journal").text
    shown = re.findall(r"note (\d\d)", first)
    assert shown[:2] == ["22", "21"]
    assert len(shown) == 20
    assert 'href="/journal?page=2"' in first
    second = client.get("/journal?page=2").text
    assert re.findall(r"note (\d\d)", second) == ["02", "01", "00"]
    assert 'href="/journal"' in second
    assert "page=3" not in second
    assert "There are no entries on this page." in client.get("/journal?page=9").text
    # Anything that isn't a page number is the first page.
    assert re.findall(r"note (\d\d)", client.get("/journal?page=abc").text)[0] == "22"


def test_search_finds_entries_and_says_so(client: TestClient) -> None:
    write_entry(client, thought="The meeting went badly.", tags="work")
    write_entry(client, thought="Dinner with my sister.")
    page = client.get("/journal", params={"q": "meeting"})
    assert page.status_code == 200
    assert "Found 1 journal entry for “meeting”." in page.text
    assert "The meeting went badly." in page.text
    assert "Dinner with my sister." not in page.text
    assert 'href="/journal"' in page.text


def test_a_search_that_finds_nothing_says_so_kindly(client: TestClient) -> None:
    write_entry(client)
    page = client.get("/journal", params={"q": "volcano"})
    assert page.status_code == 200
    assert "Nothing matched “volcano”. You could try fewer or shorter words." in page.text


def test_an_empty_search_is_the_whole_list(client: TestClient) -> None:
    write_entry(client)
    page = client.get("/journal", params={"q": "   "})
    assert page.status_code == 200
    assert "I always mess everything up." in page.text


@pytest.mark.parametrize("query", ["!!!", "x" * 501])
def test_a_search_with_no_words_is_a_kind_422(client: TestClient, query: str) -> None:
    page = client.get("/journal", params={"q": query})
    assert page.status_code == 422
    assert "Give a word or two to look for." in page.text


def test_an_entry_page_shows_everything_kept_with_it(client: TestClient) -> None:
    entry_id = write_entry(
        client, situation="at work", feeling="embarrassed", intensity="70", tags="work"
    )
    client.post(
        f"/journal/{entry_id}/reframes",
        data=form(client, own="Typos happen.", belief_before="80", belief_after="30"),
    )
    page = client.get(f"/journal/{entry_id}")
    assert page.status_code == 200
    assert "at work" in page.text
    assert "I always mess everything up." in page.text
    assert "embarrassed 70" in page.text
    assert '<span class="tag">work</span>' in page.text
    assert "This sounds hard on yourself" in page.text
    assert "Typos happen." in page.text
    assert "belief in the thought: 80 → 30" in page.text
    for action in ("reflect", "edit", "delete"):
        assert f'href="/journal/{entry_id}/{action}"' in page.text


def test_a_crisis_entry_page_offers_support_not_reflection(client: TestClient) -> None:
    client.post("/write", data=form(client, thought=CRISIS))
    page = client.get("/journal/1").text
    assert 'href="/support"' in page
    assert 'href="/journal/1/reflect"' not in page


def test_the_edit_form_holds_the_entry_and_saves_changes(client: TestClient) -> None:
    entry_id = write_entry(client, situation="at work", feeling="sad", intensity="40", tags="a, b")
    edit = client.get(f"/journal/{entry_id}/edit")
    assert edit.status_code == 200
    assert "at work</textarea>" in edit.text
    assert 'value="sad"' in edit.text
    assert 'value="a, b"' in edit.text
    sent = client.post(
        f"/journal/{entry_id}/edit",
        data=form(
            client,
            situation="at home",
            thought="I made soup and watched the rain.",
            feeling=["", ""],
            intensity=["", ""],
            tags="",
        ),
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/journal/{entry_id}?note=entry_updated"
    data = stored(client, entry_id)
    assert data["situation"] == "at home"
    assert data["feelings"] == []
    assert data["tags"] == []
    # New words are looked at again.
    assert data["analysis"]["self_critical"] is False
    assert "Your changes are saved." in client.get(sent.headers["location"]).text


def test_saving_an_unchanged_edit_form_touches_nothing(client: TestClient) -> None:
    entry_id = write_entry(client, situation="at work", feeling="sad", intensity="40", tags="a")
    before = stored(client, entry_id)
    sent = client.post(
        f"/journal/{entry_id}/edit",
        data=form(
            client, situation="at work ", thought=HARSH, feeling="sad", intensity="40", tags="A"
        ),
    )
    assert sent.headers["location"] == f"/journal/{entry_id}"
    assert stored(client, entry_id)["updated_at"] == before["updated_at"]


def test_an_edit_to_nothing_is_a_kind_422_and_keeps_the_entry(client: TestClient) -> None:
    entry_id = write_entry(client)
    sent = client.post(f"/journal/{entry_id}/edit", data=form(client, thought=""))
    assert sent.status_code == 422
    assert "The thought: this is empty." in sent.text
    assert stored(client, entry_id)["thought"] == HARSH


def test_an_edit_into_crisis_words_goes_to_support(client: TestClient) -> None:
    entry_id = write_entry(client)
    sent = client.post(f"/journal/{entry_id}/edit", data=form(client, thought=CRISIS))
    assert sent.headers["location"] == "/support?from=write"
    assert stored(client, entry_id)["analysis"]["crisis"] is True


def test_deleting_asks_first_then_deletes(client: TestClient) -> None:
    entry_id = write_entry(client)
    confirm = client.get(f"/journal/{entry_id}/delete")
    assert confirm.status_code == 200
    assert "It can&#39;t be brought back." in confirm.text
    assert 'name="confirm" value="yes"' in confirm.text
    unconfirmed = client.post(f"/journal/{entry_id}/delete", data=form(client))
    assert unconfirmed.headers["location"] == f"/journal/{entry_id}/delete"
    assert entry_count(client) == 1
    done = client.post(f"/journal/{entry_id}/delete", data=form(client, confirm="yes"))
    assert done.status_code == 303
    assert done.headers["location"] == "/journal?note=entry_deleted"
    assert entry_count(client) == 0
    assert "The entry is deleted." in client.get(done.headers["location"]).text


def test_unknown_entries_are_kind_404_pages(client: TestClient) -> None:
    for path in ("/journal/3", "/journal/3/edit", "/journal/3/delete", "/journal/x1"):
        page = client.get(path)
        assert page.status_code == 404, path
        assert "We couldn&#39;t find that entry." in page.text
        assert "kindvoice journal" not in page.text
    for path in ("/journal/3/edit", "/journal/3/delete"):
        sent = client.post(path, data=form(client, thought="x", confirm="yes"))
        assert sent.status_code == 404, path


def test_what_a_person_writes_renders_as_text_everywhere(client: TestClient) -> None:
    entry_id = write_entry(
        client,
        thought=XSS + " I'm such an idiot.",
        situation=XSS,
        feeling=XSS[:40],
        intensity="20",
        tags="<b>bold</b>",
    )
    client.post(f"/journal/{entry_id}/reframes", data=form(client, own=XSS))
    pages = {
        "list": client.get("/journal"),
        "entry": client.get(f"/journal/{entry_id}"),
        "edit": client.get(f"/journal/{entry_id}/edit"),
        "reflect": client.get(f"/journal/{entry_id}/reflect"),
        "delete": client.get(f"/journal/{entry_id}/delete"),
        "search": client.get("/journal", params={"q": "alert"}),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert "<script>alert" not in page.text, name
        assert "<img src=x" not in page.text, name
        assert "<b>bold" not in page.text, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text, name
