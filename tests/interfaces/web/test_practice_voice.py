"""When the offline voice can't run here, the voice routes say so kindly (503) and the pages
still work: the practice falls back to its words (and the browser's own speech)."""

from __future__ import annotations

import sys

import pytest
from fastapi.testclient import TestClient

GUIDED = "self-compassion-break"


@pytest.fixture
def no_hibari(monkeypatch: pytest.MonkeyPatch) -> None:
    """hibari can't be imported, as on a machine where it isn't installed."""
    monkeypatch.setitem(sys.modules, "hibari", None)


@pytest.mark.usefixtures("no_hibari")
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/voice/cues/inhale.wav",
        f"/api/v1/practices/{GUIDED}/audio",
        f"/api/v1/practices/{GUIDED}?voice=true",
    ],
)
def test_without_the_voice_the_api_says_so_kindly(client: TestClient, url: str) -> None:
    sent = client.get(url)
    assert sent.status_code == 503
    error = sent.json()["error"]
    assert error["code"] == "voice_unavailable"
    assert "still works with the words on screen" in error["message"]


@pytest.mark.usefixtures("no_hibari")
def test_without_the_voice_the_pages_still_work(client: TestClient) -> None:
    page = client.get(f"/practices/{GUIDED}")
    assert page.status_code == 200
    assert '"voiced":false' in page.text
    assert client.get("/breathe?pattern=box&minutes=0.5").status_code == 200
    assert client.get(f"/api/v1/practices/{GUIDED}").json()["voiced"] is False
