"""The optional LLM reframe, against a small OpenAI-style server started on loopback.

The server answers ``POST /chat/completions`` with whatever the test asks for
(a reply, an HTTP error, garbage, a long wait) and records every request, so a
test can also prove that nothing was sent.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from kindvoice.domain.nlp.analyzer import analyze
from kindvoice.domain.nlp.reframe import is_invalidating
from kindvoice.domain.nlp.types import Analysis, Reframe
from kindvoice.services.llm import (
    DEFAULT_MODEL,
    DEFAULT_TIMEOUT_S,
    SYSTEM_PROMPT,
    LlmSettings,
    clean_reply,
    guess_component,
    llm_reframe,
)

THOUGHT = "I'm such an idiot for missing the project deadline."
SITUATION = "My manager asked where the report was in front of the whole team."
GOOD_REPLY = (
    "Missing the deadline stings, and it makes sense that I feel shaken after that "
    "meeting; one late report is a hard moment, not a verdict on who I am."
)


@dataclass
class Behaviour:
    """What the fake endpoint does next; tests change it before calling."""

    status: int = 200
    body: bytes = b""
    delay_s: float = 0.0
    location: str = ""  # for redirects


@dataclass
class FakeLlm:
    url: str
    behaviour: Behaviour
    requests: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def reply_with(self, content: str) -> None:
        self.answer_json(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": "test",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
            }
        )

    def answer_json(self, payload: object) -> None:
        self.behaviour.status = 200
        self.behaviour.body = json.dumps(payload).encode("utf-8")


def _handler_for(fake: FakeLlm) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            fake.requests.append((self.path, body))
            behaviour = fake.behaviour
            if behaviour.delay_s:
                fake.release.wait(behaviour.delay_s)
            self.send_response(behaviour.status)
            if behaviour.location:
                self.send_header("Location", behaviour.location)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(behaviour.body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up waiting, as it should
                self.wfile.write(behaviour.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

    return Handler


@pytest.fixture
def fake_llm() -> Iterator[FakeLlm]:
    fake = FakeLlm(url="", behaviour=Behaviour())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(fake))
    server.daemon_threads = True
    server.block_on_close = False
    host, port = server.server_address[:2]
    fake.url = f"http://{host!s}:{port}/v1"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()  # wake any handler still sleeping
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def ask(
    fake: FakeLlm,
    text: str = THOUGHT,
    *,
    situation: str = SITUATION,
    timeout: float = 5.0,
    analysis: Analysis | None = None,
) -> Reframe | None:
    return llm_reframe(
        text,
        situation,
        analysis if analysis is not None else analyze(text),
        url=fake.url,
        model="llama3.2",
        timeout=timeout,
        checker=analyze,
    )


# --- accepted replies -------------------------------------------------------------


def test_llm_reframe_accepts_a_kind_reply(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)

    reframe = ask(fake_llm)

    assert reframe is not None
    assert reframe.text == GOOD_REPLY
    assert reframe.source == "llm"
    assert reframe.component in ("mindfulness", "common_humanity", "self_kindness")


def test_llm_reframe_sends_our_prompt_and_the_persons_words(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)

    ask(fake_llm)

    assert len(fake_llm.requests) == 1
    path, body = fake_llm.requests[0]
    assert path == "/v1/chat/completions"
    assert body is not None
    assert body["model"] == "llama3.2"
    assert body["stream"] is False
    system, user = body["messages"]
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert user["role"] == "user"
    assert THOUGHT in user["content"]
    assert SITUATION in user["content"]


def test_llm_reframe_strips_quotes_and_whitespace(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(f'\n  "{GOOD_REPLY}"  \n')

    reframe = ask(fake_llm)

    assert reframe is not None
    assert reframe.text == GOOD_REPLY


def test_llm_reframe_accepts_a_url_with_a_trailing_slash(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)
    fake_llm.url += "/"

    assert ask(fake_llm) is not None
    assert fake_llm.requests[0][0] == "/v1/chat/completions"


# --- dropped replies --------------------------------------------------------------


def test_llm_reframe_drops_a_self_critical_reply(fake_llm: FakeLlm) -> None:
    reply = "I'm a useless failure and I always let everyone down."
    assert analyze(reply).is_self_critical  # dropped by the real analyzer's verdict
    fake_llm.reply_with(reply)

    assert ask(fake_llm) is None
    assert len(fake_llm.requests) == 1  # it was asked; the answer was judged and dropped


def test_llm_reframe_drops_an_invalidating_reply(fake_llm: FakeLlm) -> None:
    reply = "Just think positive!"
    assert is_invalidating(reply)
    assert not analyze(reply).is_self_critical  # so it is the invalidation check that drops it
    fake_llm.reply_with(reply)

    assert ask(fake_llm) is None


def test_llm_reframe_drops_a_reply_with_crisis_language(fake_llm: FakeLlm) -> None:
    reply = "Honestly, everyone would be better off without me, and I want to die."
    assert analyze(reply).is_crisis  # dropped by the real crisis screen
    fake_llm.reply_with(reply)

    assert ask(fake_llm) is None


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "   \n ",
        '""',
        "I am learning, and that is enough. " * 20,  # over 400 characters
        "I should stop being so dramatic about one deadline.",
        "At least I still have a job, so it's fine.",
        "I can call 555-0100-2233 any time I need to.",
        "This guide may help me: https://example.com/self-help",
    ],
)
def test_llm_reframe_drops_empty_long_or_forbidden_replies(fake_llm: FakeLlm, reply: str) -> None:
    fake_llm.reply_with(reply)

    assert ask(fake_llm) is None


# --- failures of the endpoint -----------------------------------------------------


def test_llm_reframe_gives_up_quickly_on_a_slow_server(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)
    fake_llm.behaviour.delay_s = 10.0

    started = time.monotonic()
    reframe = ask(fake_llm, timeout=0.3)
    elapsed = time.monotonic() - started

    assert reframe is None
    assert elapsed < 2.0


def test_llm_reframe_returns_none_on_http_500(fake_llm: FakeLlm) -> None:
    fake_llm.behaviour.status = 500
    fake_llm.behaviour.body = b'{"error": {"message": "model not loaded"}}'

    assert ask(fake_llm) is None


@pytest.mark.parametrize(
    "body",
    [
        b"this is not json",
        b"\xff\xfe\x00 not utf-8",
        b'{"choices": []}',
        b'{"choices": [{"message": {"content": 42}}]}',
        b'["a", "list"]',
        b"null",
    ],
)
def test_llm_reframe_returns_none_on_garbage(fake_llm: FakeLlm, body: bytes) -> None:
    fake_llm.behaviour.body = body

    assert ask(fake_llm) is None


def test_llm_reframe_returns_none_when_nothing_listens() -> None:
    analysis = analyze(THOUGHT)
    # Port 9 (discard) on loopback: connection refused at once.
    reframe = llm_reframe(
        THOUGHT,
        "",
        analysis,
        url="http://127.0.0.1:9/v1",
        model=DEFAULT_MODEL,
        timeout=2.0,
        checker=analyze,
    )
    assert reframe is None


def test_llm_reframe_prints_nothing(fake_llm: FakeLlm, capsys: pytest.CaptureFixture[str]) -> None:
    fake_llm.behaviour.status = 500
    ask(fake_llm)
    fake_llm.reply_with("I'm a useless failure.")
    ask(fake_llm)

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


# --- only the configured URL, never for crisis text -------------------------------


def test_llm_reframe_sends_nothing_for_crisis_text(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)
    text = "I want to kill myself tonight."
    analysis = analyze(text)
    assert analysis.is_crisis

    assert ask(fake_llm, text, analysis=analysis) is None
    assert fake_llm.requests == []


def test_llm_reframe_sends_nothing_when_the_situation_is_a_crisis(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)

    assert ask(fake_llm, situation="I have the pills ready to end it.") is None
    assert fake_llm.requests == []


def test_llm_reframe_does_not_follow_redirects(fake_llm: FakeLlm) -> None:
    fake_llm.reply_with(GOOD_REPLY)
    fake_llm.behaviour.status = 307
    fake_llm.behaviour.location = fake_llm.url.rsplit("/v1", 1)[0] + "/elsewhere"

    assert ask(fake_llm) is None
    assert [path for path, _ in fake_llm.requests] == ["/v1/chat/completions"]


def test_llm_reframe_ignores_proxy_settings(
    fake_llm: FakeLlm, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    fake_llm.reply_with(GOOD_REPLY)

    assert ask(fake_llm) is not None
    assert len(fake_llm.requests) == 1


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/v1", "127.0.0.1:11434/v1", "http:///v1", ""]
)
def test_llm_reframe_refuses_urls_that_are_not_plain_http(url: str) -> None:
    reframe = llm_reframe(
        THOUGHT,
        "",
        analyze(THOUGHT),
        url=url,
        model=DEFAULT_MODEL,
        timeout=1.0,
        checker=analyze,
    )
    assert reframe is None


# --- settings and small helpers ---------------------------------------------------


def test_llm_settings_from_env_is_none_without_a_url() -> None:
    assert LlmSettings.from_env({}) is None
    assert LlmSettings.from_env({"KINDVOICE_LLM_URL": "  "}) is None
    assert LlmSettings.from_env({"KINDVOICE_LLM_URL": "file:///tmp/x"}) is None


def test_llm_settings_from_env_reads_url_model_and_timeout() -> None:
    settings = LlmSettings.from_env(
        {
            "KINDVOICE_LLM_URL": " http://127.0.0.1:11434/v1/ ",
            "KINDVOICE_LLM_MODEL": "qwen2.5:3b",
            "KINDVOICE_LLM_TIMEOUT": "2.5",
        }
    )
    assert settings == LlmSettings(url="http://127.0.0.1:11434/v1", model="qwen2.5:3b", timeout=2.5)


@pytest.mark.parametrize("value", ["", "soon", "-1", "0", "nan"])
def test_llm_settings_from_env_defaults_an_unusable_timeout(value: str) -> None:
    settings = LlmSettings.from_env(
        {"KINDVOICE_LLM_URL": "http://localhost:8080/v1", "KINDVOICE_LLM_TIMEOUT": value}
    )
    assert settings is not None
    assert settings.model == DEFAULT_MODEL
    assert settings.timeout == DEFAULT_TIMEOUT_S


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ('"I am doing my best."', "I am doing my best."),
        ("“I am doing my best.”\n", "I am doing my best."),
        ("Here's a kinder reframe: I am doing my best.", "I am doing my best."),
        ("<think>they feel bad</think>\nI am doing\n my best.", "I am doing my best."),
        ('I told myself "enough" and rested.', 'I told myself "enough" and rested.'),
    ],
)
def test_clean_reply_strips_wrapping(raw: str, cleaned: str) -> None:
    assert clean_reply(raw) == cleaned


def test_guess_component_names_the_part_of_self_compassion() -> None:
    assert guess_component("Lots of people miss deadlines; I'm not alone.") == "common_humanity"
    assert guess_component("Right now this hurts, and I can notice that.") == "mindfulness"
    assert guess_component("I can be gentle with myself tonight.") == "self_kindness"


# --- wired into the product's suggestions ---------------------------------------------


def test_suggestions_add_the_llm_reframe_only_when_configured(fake_llm: FakeLlm) -> None:
    from kindvoice.core.config import load_settings
    from kindvoice.services.reframing import quick_reframe

    fake_llm.reply_with(GOOD_REPLY)
    unset = LlmSettings.from_settings(load_settings({"KINDVOICE_HOME": "kv-home-not-created"}))
    assert unset is None
    _, without = quick_reframe(THOUGHT, SITUATION, unset)
    assert all(r.source == "template" for r in without)
    assert fake_llm.requests == []

    configured = LlmSettings.from_settings(
        load_settings({"KINDVOICE_HOME": "kv-home-not-created", "KINDVOICE_LLM_URL": fake_llm.url})
    )
    assert configured is not None
    _, with_llm = quick_reframe(THOUGHT, SITUATION, configured)
    assert [r.source for r in with_llm].count("llm") == 1
    assert with_llm[-1].text == GOOD_REPLY
    assert len(fake_llm.requests) == 1
