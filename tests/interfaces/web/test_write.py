"""Write and Reflect in the browser, without scripts: the thought record, what was noticed,
trap answers and kinder words, and crisis language going straight to support."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from kindvoice.domain.nlp.analyzer import analyze
from kindvoice.domain.nlp.types import TRAPS
from kindvoice.domain.validation import MAX_TEXT_CHARS
from tests.interfaces.web.conftest import form

HARSH = "I always mess everything up. I'm such an idiot."
SITUATION = "sent the report with a typo"
CRISIS = "I want to end my life"


def write_entry(client: TestClient, thought: str = HARSH, **fields: Any) -> int:
    """Write a thought with the form; returns the new entry's number."""
    sent = client.post("/write", data=form(client, thought=thought, **fields))
    assert sent.status_code == 303, sent.text
    listed = client.get("/api/v1/entries", params={"limit": 1}).json()
    return int(listed[0]["id"])


def stored(client: TestClient, entry_id: int) -> dict[str, Any]:
    found = client.get(f"/api/v1/entries/{entry_id}")
    assert found.status_code == 200, found.text
    data: dict[str, Any] = found.json()
    return data


def entry_count(client: TestClient) -> int:
    return len(client.get("/api/v1/entries", params={"limit": 200}).json())


def test_write_page_labels_every_field_and_has_a_polite_live_region(client: TestClient) -> None:
    page = client.get("/write")
    assert page.status_code == 200
    for name in ("situation", "thought", "feeling-1", "intensity-1", "tags"):
        assert f'for="f-{name}"' in page.text
        assert f'id="f-{name}"' in page.text
    assert 'aria-live="polite"' in page.text
    assert 'href="/support"' in page.text
    assert "/static/write.js" in page.text
    assert page.text.count("<h1") == 1


def test_writing_a_thought_saves_it_then_opens_reflect(client: TestClient) -> None:
    sent = client.post(
        "/write",
        data=form(
            client,
            situation=SITUATION,
            thought=HARSH,
            feeling=["embarrassed", "tired", ""],
            intensity=["70", "", ""],
            tags="work, Late Nights",
        ),
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/journal/1/reflect?note=entry_saved"
    entry = stored(client, 1)
    assert entry["thought"] == HARSH
    assert entry["situation"] == SITUATION
    # A feeling named without a number gets the middle of the scale, as in the terminal.
    assert entry["feelings"] == [
        {"name": "embarrassed", "intensity": 70},
        {"name": "tired", "intensity": 50},
    ]
    assert entry["tags"] == ["work", "late-nights"]
    assert entry["analysis"]["self_critical"] is True
    reflect = client.get(sent.headers["location"])
    assert reflect.status_code == 200
    assert "Your entry is saved." in reflect.text


def test_an_empty_thought_is_a_kind_422_that_keeps_what_was_typed(client: TestClient) -> None:
    sent = client.post("/write", data=form(client, situation="on the bus", thought="   "))
    assert sent.status_code == 422
    assert "The thought: this is empty. Write as little or as much as you like." in sent.text
    assert "on the bus</textarea>" in sent.text
    assert 'role="alert"' in sent.text
    assert entry_count(client) == 0


def test_a_thought_over_the_limit_is_a_kind_422(client: TestClient) -> None:
    sent = client.post("/write", data=form(client, thought="a" * (MAX_TEXT_CHARS + 1)))
    assert sent.status_code == 422
    assert "longer than kindvoice keeps in one place" in sent.text
    assert entry_count(client) == 0


def test_feeling_problems_name_the_row_they_are_on(client: TestClient) -> None:
    sent = client.post(
        "/write",
        data=form(
            client,
            thought=HARSH,
            feeling=["sad", "", "worried"],
            intensity=["40", "60", "lots"],
        ),
    )
    assert sent.status_code == 422
    assert "Feeling 2: a feeling needs a name as well as a number" in sent.text
    assert "Feeling 3: this should be a whole number from 0 to 100." in sent.text
    assert entry_count(client) == 0


def test_a_feeling_out_of_range_is_refused(client: TestClient) -> None:
    sent = client.post("/write", data=form(client, thought=HARSH, feeling="sad", intensity="150"))
    assert sent.status_code == 422
    assert "150 is outside 0 to 100" in sent.text


def test_writing_needs_the_csrf_token(client: TestClient) -> None:
    sent = client.post("/write", data={"thought": HARSH})
    assert sent.status_code == 403
    assert entry_count(client) == 0


def test_crisis_words_go_straight_to_support_and_the_entry_is_kept(client: TestClient) -> None:
    sent = client.post("/write", data=form(client, thought=CRISIS))
    assert sent.status_code == 303
    assert sent.headers["location"] == "/support?from=write"
    support = client.get(sent.headers["location"])
    assert "Your entry is saved." in support.text
    entry = stored(client, 1)
    assert entry["analysis"]["crisis"] is True
    assert entry["analysis"]["likely_traps"] == []


def test_crisis_words_in_the_situation_go_to_support_too(client: TestClient) -> None:
    sent = client.post(
        "/write", data=form(client, situation="I want to kill myself tonight.", thought="ok")
    )
    assert sent.headers["location"] == "/support?from=write"


def test_reflect_on_a_crisis_entry_offers_support_and_no_suggestions(client: TestClient) -> None:
    client.post("/write", data=form(client, thought=CRISIS))
    page = client.get("/journal/1/reflect")
    assert page.status_code == 200
    assert 'href="/support"' in page.text
    assert "You don&#39;t have to carry this alone" in page.text
    assert 'name="choice"' not in page.text
    assert "/reframes" not in page.text
    assert "/traps" not in page.text


def test_reflect_shows_what_was_noticed_the_traps_and_labelled_suggestions(
    client: TestClient,
) -> None:
    entry_id = write_entry(client, situation=SITUATION)
    page = client.get(f"/journal/{entry_id}/reflect")
    assert page.status_code == 200
    assert "This sounds hard on yourself" in page.text
    likely = [t.trap for t in analyze(HARSH).likely_traps()]
    assert likely
    for trap in likely:
        assert f'name="trap_{trap}"' in page.text
    assert page.text.count('name="choice"') >= 3
    assert "Part of self-compassion: " in page.text
    assert 'name="belief_before"' in page.text
    assert 'name="belief_after"' in page.text
    assert 'min="0" max="100"' in page.text


def test_a_neutral_thought_gets_no_suggestions_but_may_still_be_answered(
    client: TestClient,
) -> None:
    entry_id = write_entry(client, thought="I made soup and watched the rain.")
    page = client.get(f"/journal/{entry_id}/reflect")
    assert "Nothing here sounds especially harsh." in page.text
    assert 'name="choice"' not in page.text
    assert 'name="own"' in page.text


def _likely(client: TestClient, entry_id: int) -> list[str]:
    return [t["trap"] for t in stored(client, entry_id)["analysis"]["likely_traps"]]


def test_trap_answers_are_kept_and_shown_again(client: TestClient) -> None:
    entry_id = write_entry(client)
    likely = _likely(client, entry_id)
    other = next(t for t in TRAPS if t not in likely)
    answers = {f"trap_{likely[0]}": "confirmed", "added": other}
    if len(likely) > 1:
        answers[f"trap_{likely[1]}"] = "rejected"
    sent = client.post(f"/journal/{entry_id}/traps", data=form(client, **answers))
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/journal/{entry_id}/reflect?note=entry_updated"
    kept = {f["trap"]: f["verdict"] for f in stored(client, entry_id)["trap_feedback"]}
    assert kept[likely[0]] == "confirmed"
    assert kept[other] == "added"
    if len(likely) > 1:
        assert kept[likely[1]] == "rejected"
    page = client.get(f"/journal/{entry_id}/reflect").text
    assert re.search(rf'name="trap_{likely[0]}" value="confirmed" checked', page)
    assert 'id="traps-added"' in page


def test_an_unknown_added_trap_changes_nothing(client: TestClient) -> None:
    entry_id = write_entry(client)
    likely = _likely(client, entry_id)
    sent = client.post(
        f"/journal/{entry_id}/traps",
        data=form(client, added="doom_spiral", **{f"trap_{likely[0]}": "confirmed"}),
    )
    assert sent.status_code == 422
    assert "doesn&#39;t know a thinking trap called “doom_spiral”" in sent.text
    assert stored(client, entry_id)["trap_feedback"] == []


def _suggestions(page: str) -> dict[str, str]:
    found = re.findall(r'name="(s_(?:text|part|trap)_\d+)" value="([^"]*)"', page)
    return {name: value.replace("&#39;", "'") for name, value in found}


def test_a_picked_suggestion_is_kept_with_its_part_and_both_beliefs(client: TestClient) -> None:
    entry_id = write_entry(client)
    hidden = _suggestions(client.get(f"/journal/{entry_id}/reflect").text)
    sent = client.post(
        f"/journal/{entry_id}/reframes",
        data=form(client, choice="1", belief_before="80", belief_after="40", **hidden),
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/journal/{entry_id}?note=reframe_saved"
    (kept,) = stored(client, entry_id)["reframes"]
    assert kept["text"] == hidden["s_text_1"]
    assert kept["origin"] == "suggested"
    assert kept["component"] == hidden["s_part_1"]
    assert kept["belief_before"] == 80
    assert kept["belief_after"] == 40
    entry = client.get(sent.headers["location"]).text
    assert "went from 80 to 40" in entry


def test_a_changed_suggestion_is_kept_as_edited(client: TestClient) -> None:
    entry_id = write_entry(client)
    hidden = _suggestions(client.get(f"/journal/{entry_id}/reflect").text)
    words = hidden["s_text_0"] + " I'm learning."
    sent = client.post(
        f"/journal/{entry_id}/reframes",
        data=form(client, choice="0", own=words, belief_before="70", belief_after="50", **hidden),
    )
    assert sent.status_code == 303
    (kept,) = stored(client, entry_id)["reframes"]
    assert kept["origin"] == "edited"
    assert kept["text"] == words
    assert kept["component"] == hidden["s_part_0"]


def test_own_words_can_leave_the_beliefs_out(client: TestClient) -> None:
    entry_id = write_entry(client)
    sent = client.post(
        f"/journal/{entry_id}/reframes",
        data=form(
            client,
            choice="own",
            own="Typos happen to everyone.",
            belief_before="50",
            skip_belief_before="1",
            skip_belief_after="1",
        ),
    )
    assert sent.status_code == 303
    (kept,) = stored(client, entry_id)["reframes"]
    assert kept["origin"] == "own"
    assert kept["belief_before"] is None
    assert kept["belief_after"] is None


def test_a_reframe_with_no_words_is_a_kind_422(client: TestClient) -> None:
    entry_id = write_entry(client)
    sent = client.post(f"/journal/{entry_id}/reframes", data=form(client, choice="own", own="  "))
    assert sent.status_code == 422
    assert "Your kinder words: this is empty." in sent.text
    assert stored(client, entry_id)["reframes"] == []


def test_a_belief_out_of_range_is_a_kind_422(client: TestClient) -> None:
    entry_id = write_entry(client)
    sent = client.post(
        f"/journal/{entry_id}/reframes",
        data=form(client, own="I'm learning.", belief_before="180", belief_after="x"),
    )
    assert sent.status_code == 422
    assert "Belief before: this needs to be a number from 0 to 100." in sent.text
    assert "Belief after: this needs to be a whole number." in sent.text
    assert "I&#39;m learning.</textarea>" in sent.text
    assert stored(client, entry_id)["reframes"] == []


def test_own_words_that_sound_like_crisis_go_to_support(client: TestClient) -> None:
    entry_id = write_entry(client)
    sent = client.post(
        f"/journal/{entry_id}/reframes",
        data=form(client, own=CRISIS, belief_before="90", belief_after="90"),
    )
    assert sent.headers["location"] == "/support?from=write"
    (kept,) = stored(client, entry_id)["reframes"]
    assert kept["belief_before"] == 90
    assert kept["belief_after"] is None


def test_reflect_on_an_unknown_entry_is_a_kind_404(client: TestClient) -> None:
    for path in ("/journal/7/reflect", "/journal/abc/reflect", f"/journal/{2**70}/reflect"):
        page = client.get(path)
        assert page.status_code == 404, path
        assert "We couldn&#39;t find that entry." in page.text
    for path in ("/journal/7/traps", "/journal/7/reframes"):
        sent = client.post(path, data=form(client, own="kind words"))
        assert sent.status_code == 404, path


def test_write_pages_hold_no_inline_scripts_or_styles(client: TestClient) -> None:
    entry_id = write_entry(client)
    for path in ("/write", f"/journal/{entry_id}/reflect"):
        page = client.get(path).text
        assert " style=" not in page
        assert "<style" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
