"""Optional free-text reframes from a local OpenAI-compatible chat endpoint.

When ``KINDVOICE_LLM_URL`` names an endpoint (a local Ollama or llama.cpp
server, e.g. ``http://127.0.0.1:11434/v1``), kindvoice can ask it for one more
reframe beside the template suggestions. Everything works without it.

The model's answer is treated as untrusted text: it is shown only if it is
short, passes the same crisis screen and self-criticism check as the person's
own writing, and matches none of the invalidating phrasings. Any network
problem, timeout, HTTP error or malformed reply means "no LLM reframe" — never
an exception, and nothing is printed.

Only the configured URL is ever contacted: proxies from the environment are
ignored and redirects are refused, so the thought never travels anywhere else.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kindvoice.core.config import Settings
from kindvoice.domain.nlp.types import Analysis, Component, Reframe

URL_ENV = "KINDVOICE_LLM_URL"
MODEL_ENV = "KINDVOICE_LLM_MODEL"
TIMEOUT_ENV = "KINDVOICE_LLM_TIMEOUT"
DEFAULT_MODEL = "llama3.2"
DEFAULT_TIMEOUT_S = 8.0
MAX_TIMEOUT_S = 120.0

MAX_REPLY_CHARS = 400
MAX_RESPONSE_BYTES = 256 * 1024  # a chat reply of a sentence or two is a few kB
MAX_PROMPT_CHARS = 2000  # long journal pages are cut; the gist is at the start

log = logging.getLogger(__name__)

SYSTEM_PROMPT = """\
You help a person practise self-compassion. They will share a harsh thought \
their inner critic said to them, sometimes with the situation around it.

Write ONE kinder answer to that thought, in the person's own voice:
- first person ("I", "me", "my"), as if they were speaking gently to themselves;
- one or two short sentences, plain everyday words, no more than 50 words;
- warm and honest: acknowledge that this hurts or is hard, without judging the feeling;
- draw on self-compassion: noticing the feeling with kindness (mindfulness), \
remembering that other people struggle with this too (common humanity), or offering \
oneself the care one would offer a good friend (self-kindness);
- use the person's own specifics (the event, the people, the word the critic used) \
so it sounds like their life, not a poster;
- do not tell them to "think positive", "cheer up", "look on the bright side" or \
"get over it"; do not say "at least" or "just"; do not use "should", "must" or \
"have to"; no exclamation marks;
- do not minimise the pain, do not give advice or instructions, do not diagnose, \
do not mention therapy, hotlines, links or phone numbers;
- never call the person names or agree with the critic.

Reply with the reframe sentence(s) only: no preface, no quotation marks, no list, \
no explanation."""

_TRAP_WORDS: Mapping[str, str] = {
    "all_or_nothing": "all-or-nothing thinking",
    "overgeneralizing": "overgeneralizing",
    "labeling": "a harsh label",
    "fortune_telling": "predicting the worst",
    "mind_reading": "guessing what others think",
    "emotional_reasoning": "taking a feeling as a fact",
    "should_statements": "'should' rules",
    "personalizing": "blaming myself for everything",
    "discounting_positive": "discounting the good",
    "catastrophizing": "catastrophizing",
    "mental_filter": "seeing only the bad",
    "comparing": "comparing myself with others",
    "blaming": "blaming",
}

_THINK_BLOCK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_PREFACE = re.compile(
    r"^\s*(?:here(?:'s| is) (?:a |one |my )?(?:kinder |gentler |compassionate )*"
    r"(?:reframe|answer|response|version)[^:\n]*:|(?:reframe|answer|response)\s*:)\s*",
    re.IGNORECASE,
)
_QUOTES = "\"'`“”‘’«»„"
_WHITESPACE = re.compile(r"\s+")
# Defence in depth beside ``is_invalidating``: words the prompt forbids, and
# links or numbers a model might invent (a made-up hotline is worse than none).
_FORBIDDEN = re.compile(
    r"\b(?:should|shouldn'?t|at least)\b|https?://|www\.|\d[\d\s().-]{5,}\d",
    re.IGNORECASE,
)
_COMMON_HUMANITY = re.compile(
    r"\b(?:everyone|everybody|other people|others|many people|lots of people|"
    r"so many|human|not alone|i'?m not the only|part of life)\b",
    re.IGNORECASE,
)
_MINDFULNESS = re.compile(
    r"\b(?:notice|noticing|right now|in this moment|this moment|let myself feel|"
    r"it'?s okay to feel|it is okay to feel|makes sense to feel|this hurts|"
    r"this is hard|breathe|feeling)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LlmSettings:
    """Where the optional chat endpoint lives, which model to ask, how long to wait."""

    url: str
    model: str = DEFAULT_MODEL
    timeout: float = DEFAULT_TIMEOUT_S

    @classmethod
    def from_settings(cls, settings: Settings) -> LlmSettings | None:
        """The chat endpoint named in kindvoice's settings (read once at start), if any."""
        return cls.from_env(dict(settings.llm))

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LlmSettings | None:
        """Read ``KINDVOICE_LLM_*`` from ``env``; ``None`` when no usable URL is set.

        The URL must be ``http`` or ``https`` with a host (anything else turns
        the feature off rather than contacting something unexpected). A missing
        or unreadable timeout falls back to the default; it is clamped to a
        sensible range.
        """
        url = normalize_url(env.get(URL_ENV, ""))
        if url is None:
            return None
        model = env.get(MODEL_ENV, "").strip() or DEFAULT_MODEL
        timeout = _parse_timeout(env.get(TIMEOUT_ENV, ""))
        return cls(url=url, model=model, timeout=timeout)


def normalize_url(value: str) -> str | None:
    """The base URL without a trailing slash, or ``None`` if it is not plain http(s)."""
    value = value.strip().rstrip("/")
    if not value:
        return None
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.query or parts.fragment:
        return None
    return value


def _parse_timeout(value: str) -> float:
    try:
        seconds = float(value.strip())
    except ValueError:
        return DEFAULT_TIMEOUT_S
    if not seconds > 0:  # also rejects NaN
        return DEFAULT_TIMEOUT_S
    return min(seconds, MAX_TIMEOUT_S)


def llm_reframe(
    text: str,
    situation: str,
    analysis: Analysis,
    *,
    url: str,
    model: str,
    timeout: float,
    checker: Callable[[str], Analysis],
) -> Reframe | None:
    """Ask the configured chat endpoint for one reframe of ``text``, or return ``None``.

    ``analysis`` is the engine's analysis of ``text``; crisis text is never sent
    anywhere (``None`` at once). ``checker`` analyses the model's reply (pass
    ``analyze``): a reply with any crisis language, one judged self-critical,
    an invalidating one, an empty one or one over 400 characters is dropped.
    Network errors, timeouts, HTTP errors and malformed replies give ``None``.
    """
    if analysis.is_crisis or not text.strip():
        return None
    if situation.strip() and checker(situation).is_crisis:
        return None  # the situation is sent too, so it gets the same screen
    base = normalize_url(url)
    if base is None:
        log.debug("LLM reframe skipped: unusable URL")
        return None
    body = build_request_body(text, situation, analysis, model=model)
    payload = _post_json(f"{base}/chat/completions", body, timeout=timeout)
    if payload is None:
        return None
    reply = clean_reply(_first_choice_text(payload) or "")
    if not _acceptable(reply, checker):
        return None
    likely = analysis.likely_traps(most=1)
    return Reframe(
        text=reply,
        component=guess_component(reply),
        trap=likely[0].trap if likely else None,
        source="llm",
    )


def build_request_body(
    text: str, situation: str, analysis: Analysis, *, model: str
) -> dict[str, Any]:
    """The OpenAI-style chat request: our system prompt and the person's words."""
    lines = [f"My thought: {_clip(text)}"]
    if situation.strip():
        lines.append(f"What happened: {_clip(situation)}")
    spans = [span.text for span in analysis.critic_spans if span.text.strip()][:3]
    if spans:
        lines.append("The harshest words: " + "; ".join(f'"{s.strip()}"' for s in spans))
    traps = [_TRAP_WORDS.get(t.trap, t.trap.replace("_", " ")) for t in analysis.likely_traps()]
    if traps:
        lines.append("It may involve: " + ", ".join(traps) + ".")
    lines.append("Please write one kinder answer to this thought, in my voice.")
    return {
        "model": model,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": "\n".join(lines)},
        ],
        "temperature": 0.7,
        "max_tokens": 160,
        "n": 1,
        "stream": False,
    }


def clean_reply(reply: str) -> str:
    """Drop reasoning blocks, a preface like "Here's a reframe:", wrapping quotes, extra spaces."""
    reply = _THINK_BLOCK.sub(" ", reply)
    reply = _WHITESPACE.sub(" ", reply).strip()
    reply = _PREFACE.sub("", reply).strip()
    # Quotes may wrap the whole reply, possibly more than one pair; strip only
    # matched outer pairs so an inner quotation keeps its marks.
    while len(reply) >= 2 and reply[0] in _QUOTES and reply[-1] in _QUOTES:
        reply = reply[1:-1].strip()
    return reply


def guess_component(reply: str) -> Component:
    """Which part of self-compassion the reply mostly draws on (self-kindness by default)."""
    if _COMMON_HUMANITY.search(reply):
        return "common_humanity"
    if _MINDFULNESS.search(reply):
        return "mindfulness"
    return "self_kindness"


def _acceptable(reply: str, checker: Callable[[str], Analysis]) -> bool:
    if not reply or len(reply) > MAX_REPLY_CHARS:
        log.debug("LLM reframe dropped: empty or too long (%d chars)", len(reply))
        return False
    if _FORBIDDEN.search(reply):
        log.debug("LLM reframe dropped: forbidden wording")
        return False
    from kindvoice.domain.nlp.reframe import is_invalidating

    if is_invalidating(reply):
        log.debug("LLM reframe dropped: invalidating")
        return False
    checked = checker(reply)
    if checked.is_crisis:
        log.debug("LLM reframe dropped: crisis language")
        return False
    if checked.is_self_critical:
        log.debug("LLM reframe dropped: self-critical")
        return False
    return True


def _clip(value: str) -> str:
    value = value.strip()
    return value if len(value) <= MAX_PROMPT_CHARS else value[:MAX_PROMPT_CHARS] + "…"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Refuse every redirect: the request may only reach the configured URL."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    # An empty ProxyHandler ignores HTTP(S)_PROXY from the environment, so the
    # thought goes straight to the configured host and nowhere else.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def _post_json(endpoint: str, body: dict[str, Any], *, timeout: float) -> Any:
    """POST ``body`` as JSON; the decoded JSON reply, or ``None`` on any failure."""
    data = json.dumps(body).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - scheme checked in normalize_url
        endpoint,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            if response.status != 200:
                log.debug("LLM endpoint answered HTTP %s", response.status)
                return None
            raw = _read_limited(response, deadline)
        if raw is None:
            return None
        return json.loads(raw.decode("utf-8"))
    except urllib.error.HTTPError as error:  # 4xx/5xx, and redirects we refused
        log.debug("LLM endpoint answered HTTP %s", error.code)
        error.close()
        return None
    except (OSError, http.client.HTTPException, ValueError) as error:
        # OSError covers URLError, HTTPError, refused connections and timeouts;
        # ValueError covers bad JSON and bad UTF-8.
        log.debug("LLM endpoint failed: %s", type(error).__name__)
        return None


def _read_limited(response: Any, deadline: float) -> bytes | None:
    """Read the body in chunks, giving up past the deadline or the size limit.

    The socket timeout bounds each read; the deadline bounds a server that
    trickles bytes to keep the connection alive.
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            log.debug("LLM endpoint too slow")
            return None
        chunk: bytes = response.read(16 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            log.debug("LLM reply too large")
            return None
        chunks.append(chunk)


def _first_choice_text(payload: Any) -> str | None:
    """``choices[0].message.content`` (or a completion's ``text``) if the shape is right."""
    if not isinstance(payload, dict):
        return None
    choices = payload.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    first = choices[0]
    message = first.get("message")
    if isinstance(message, dict) and isinstance(message.get("content"), str):
        content: str = message["content"]
        return content
    text = first.get("text")
    return text if isinstance(text, str) else None
