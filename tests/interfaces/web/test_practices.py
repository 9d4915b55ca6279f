"""Practices: the list, a guided practice's steps in time with its own rendered voice, writing
exercises (each answer screened for crisis, the letter kept in the journal), and the API."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from kindvoice.domain.practices.guided import find_practice, load_practices, timeline
from tests.interfaces.web.conftest import Site, form, headers

CRISIS = "I want to end my life"
GUIDED = "self-compassion-break"
LETTER = "compassionate-letter"


def data_block(html: str, block_id: str) -> dict[str, object]:
    found = re.search(
        rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S
    )
    assert found, block_id
    loaded: dict[str, object] = json.loads(found.group(1))
    return loaded


def writing_fields(practice_id: str, *answers: str) -> dict[str, str]:
    """``answer_<step>`` for the practice's writing steps, in order."""
    practice = find_practice(practice_id)
    assert practice is not None
    indexes = [i for i, step in enumerate(practice.steps) if step.write is not None]
    return {f"answer_{i}": text for i, text in zip(indexes, answers, strict=False)}


def a_writing_practice_that_keeps_nothing() -> str:
    return next(p.id for p in load_practices() if p.kind == "writing" and not p.saves_to_journal)


# --- the list -----------------------------------------------------------------------------


def test_practices_lists_every_practice_with_family_ones_marked(client: TestClient) -> None:
    page = client.get("/practices")
    assert page.status_code == 200
    for practice in load_practices():
        assert f'href="/practices/{practice.id}"' in page.text
    child = next(p for p in load_practices() if p.audience == "child" and p.ages)
    assert f"ages {child.ages[0]} to {child.ages[1]}" in page.text  # type: ignore[index]
    assert "for parents" in page.text
    assert "Writing exercises" in page.text
    assert "Guided practices" in page.text
    assert 'href="/breathe"' in page.text


def test_an_unknown_practice_is_a_kind_404_with_the_list(client: TestClient) -> None:
    page = client.get("/practices/no-such-thing")
    assert page.status_code == 404
    assert "no practice called “no-such-thing”" in page.text
    assert f'href="/practices/{GUIDED}"' in page.text


# --- a guided practice ----------------------------------------------------------------------


def test_a_guided_practice_shows_its_steps_in_time(client: TestClient) -> None:
    practice = find_practice(GUIDED)
    assert practice is not None
    page = client.get(f"/practices/{GUIDED}")
    assert page.status_code == 200
    for step in practice.steps:
        assert step.text.split(",")[0] in page.text.replace("&#39;", "'")
    data = data_block(page.text, "practice-data")
    placed = timeline(practice)
    sent = data["timeline"]
    assert isinstance(sent, list)
    assert [(t["start"], t["pause_start"], t["end"]) for t in sent] == [
        (t.start, t.pause_start, t.end) for t in placed
    ]
    assert data["audio_url"] == f"/api/v1/practices/{GUIDED}/audio"
    assert "practice.js" in page.text
    assert 'id="practice-start"' in page.text
    assert f'action="/practices/{GUIDED}/log"' in page.text
    for tag in re.findall(r"<script[^>]*>", page.text):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_a_guided_practice_noted_by_hand_is_kept(client: TestClient) -> None:
    sent = client.post(
        f"/practices/{GUIDED}/log",
        data=form(
            client,
            minutes="5",
            rate="1",
            stress_before="6",
            stress_after="4",
            kindness_before="3",
            kindness_after="6",
        ),
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/?note=session_saved"
    (run,) = client.get("/api/v1/sessions").json()
    assert run["practice"] == GUIDED
    assert run["kind"] == "guided"
    assert run["actual_s"] == 300.0
    assert run["pattern"] is None
    assert (run["kindness_before"], run["kindness_after"]) == (3, 6)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"minutes": ""}, "this is needed"),
        ({"minutes": "500"}, "from 0 to 180"),
        ({"minutes": "3", "rate": "1", "kindness_after": "x"}, "whole number"),
    ],
)
def test_a_guided_practice_noted_by_hand_is_checked_kindly(
    client: TestClient, fields: dict[str, str], words: str
) -> None:
    sent = client.post(f"/practices/{GUIDED}/log", data=form(client, **fields))
    assert sent.status_code == 422
    assert words in sent.text
    assert client.get("/api/v1/sessions").json() == []


def test_noting_an_unknown_practice_is_a_404(client: TestClient) -> None:
    assert client.post("/practices/nope/log", data=form(client, minutes="2")).status_code == 404
    sent = client.post(f"/practices/{LETTER}/log", data=form(client, minutes="2"))
    assert sent.status_code == 404  # a writing exercise is noted by writing it
    assert client.post("/practices/nope/write", data=form(client)).status_code == 404


# --- a writing exercise ---------------------------------------------------------------------


def test_a_writing_exercise_asks_for_each_part(client: TestClient) -> None:
    practice = find_practice(LETTER)
    assert practice is not None
    page = client.get(f"/practices/{LETTER}")
    assert page.status_code == 200
    for index, step in enumerate(practice.steps):
        if step.write is not None:
            assert f'name="answer_{index}"' in page.text
            assert f'<label for="f-answer-{index}">' in page.text
    assert f'action="/practices/{LETTER}/write"' in page.text


def test_the_letter_is_kept_in_the_journal(client: TestClient) -> None:
    fields = writing_fields(LETTER, "Dear me, you did your best today.", "Be gentle tonight.")
    sent = client.post(f"/practices/{LETTER}/write", data=form(client, **fields))
    assert sent.status_code == 303
    assert sent.headers["location"] == "/?note=session_saved"
    (run,) = client.get("/api/v1/sessions").json()
    assert run["kind"] == "writing"
    assert run["completed"] is True
    assert run["entry_uid"] is not None


def test_other_writing_is_kept_only_when_asked(client: TestClient) -> None:
    practice_id = a_writing_practice_that_keeps_nothing()
    fields = writing_fields(practice_id, "A kind word.")
    client.post(f"/practices/{practice_id}/write", data=form(client, **fields))
    client.post(f"/practices/{practice_id}/write", data=form(client, keep="1", **fields))
    runs = client.get("/api/v1/sessions").json()
    assert [r["entry_uid"] is not None for r in runs] == [True, False]


def test_crisis_words_in_an_answer_bring_support_and_keep_the_words(
    client: TestClient,
) -> None:
    practice_id = a_writing_practice_that_keeps_nothing()
    fields = writing_fields(practice_id, CRISIS, "more words")
    sent = client.post(f"/practices/{practice_id}/write", data=form(client, **fields))
    assert sent.status_code == 303
    assert sent.headers["location"] == "/support?from=write"
    (run,) = client.get("/api/v1/sessions").json()
    assert run["completed"] is False
    assert run["entry_uid"] is not None
    support = client.get(sent.headers["location"])
    assert support.status_code == 200
    assert "findahelpline.com" in support.text


def test_writing_with_a_rating_out_of_range_keeps_what_was_written(client: TestClient) -> None:
    fields = writing_fields(LETTER, "Words worth keeping <b>here</b>")
    sent = client.post(
        f"/practices/{LETTER}/write",
        data=form(client, rate="1", stress_before="11", **fields),
    )
    assert sent.status_code == 422
    assert "from 0 to 10" in sent.text
    assert "Words worth keeping &lt;b&gt;here&lt;/b&gt;" in sent.text
    assert client.get("/api/v1/sessions").json() == []


# --- the API ------------------------------------------------------------------------------------


def test_api_lists_the_practices(client: TestClient) -> None:
    found = client.get("/api/v1/practices").json()
    assert [p["id"] for p in found] == [p.id for p in load_practices()]
    letter = next(p for p in found if p["id"] == LETTER)
    assert letter["kind"] == "writing"
    assert letter["length_s"] is None
    assert letter["saves_to_journal"] is True
    assert any(p["audience"] == "child" and p["ages"] for p in found)


def test_api_gives_a_practices_steps_and_timeline(client: TestClient) -> None:
    practice = find_practice(GUIDED)
    assert practice is not None
    body = client.get(f"/api/v1/practices/{GUIDED}").json()
    assert [s["text"] for s in body["steps"]] == [s.text for s in practice.steps]
    placed = timeline(practice)
    assert [t["end"] for t in body["timeline"]] == [t.end for t in placed]
    assert body["total_s"] == placed[-1].end
    assert body["voiced"] is False


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/practices/nope",
        "/api/v1/practices/nope/audio",
        f"/api/v1/practices/{LETTER}/audio",
        "/api/v1/practices/" + "x" * 81,
    ],
)
def test_api_unknown_practices_are_kind_404s(client: TestClient, url: str) -> None:
    sent = client.get(url)
    assert sent.status_code in (404, 422)
    assert sent.json()["error"]["message"]


def test_api_names_the_practice_it_could_not_find(client: TestClient) -> None:
    sent = client.get("/api/v1/practices/no-such-thing")
    assert sent.status_code == 404
    error = sent.json()["error"]
    assert error["code"] == "practice_not_found"
    assert "couldn't find a practice called “no-such-thing”" in error["message"]


def test_the_crisis_screen_answers_for_one_answer(client: TestClient) -> None:
    url = f"/api/v1/practices/{LETTER}/screen"
    calm = client.post(url, json={"text": "Dear me, well done."}, headers=headers(client))
    assert calm.json() == {"level": "none", "support": False}
    heavy = client.post(url, json={"text": CRISIS}, headers=headers(client)).json()
    assert heavy["support"] is True
    assert client.post(url, json={}, headers=headers(client)).status_code == 422
    missing = client.post(
        "/api/v1/practices/nope/screen", json={"text": "x"}, headers=headers(client)
    )
    assert missing.status_code == 404


def test_a_guided_practice_is_served_in_its_own_voice(client: TestClient) -> None:
    pytest.importorskip("hibari", reason="the offline voice (hibari-tts) isn't installed here")
    audio = client.get(f"/api/v1/practices/{GUIDED}/audio")
    assert audio.status_code == 200, audio.text
    assert audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF"
    assert audio.content[8:12] == b"WAVE"
    voiced = client.get(f"/api/v1/practices/{GUIDED}", params={"voice": "true"}).json()
    assert voiced["voiced"] is True
    page = client.get(f"/practices/{GUIDED}")
    data = data_block(page.text, "practice-data")
    assert data["voiced"] is True  # once rendered, the page follows the voice's own timing
    assert data["timeline"] == voiced["timeline"]


# --- hosted mode ----------------------------------------------------------------------------------


def test_hosted_people_keep_their_practice_to_themselves(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    ana.post(f"/practices/{GUIDED}/log", data=form(ana, minutes="4"))
    fields = writing_fields(LETTER, "Dear me.")
    ana.post(f"/practices/{LETTER}/write", data=form(ana, **fields))
    runs = ana.get("/api/v1/sessions").json()
    assert len(runs) == 2
    for run in runs:
        assert ben.get(f"/api/v1/sessions/{run['id']}").status_code == 404
    assert ben.get("/api/v1/sessions").json() == []
    stranger = hosted.client()
    assert stranger.get("/practices").status_code == 303
    assert stranger.get(f"/api/v1/practices/{GUIDED}").status_code == 401
