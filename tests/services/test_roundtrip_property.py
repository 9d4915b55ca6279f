"""Property: any unicode a person can write survives export → import → export."""

from __future__ import annotations

import tempfile
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.domain.nlp.types import COMPONENTS, CRISIS_LEVELS, TRAPS
from kindvoice.domain.portability import FORMAT_NAME, FORMAT_VERSION
from kindvoice.domain.practice_runs import (
    MAX_PATTERN_CHARS,
    MAX_PRACTICE_ID_CHARS,
    MAX_RUN_SECONDS,
    PRACTICE_KINDS,
    RATING_FIELDS,
)
from kindvoice.domain.records import ORIGINS, VERDICTS
from kindvoice.domain.validation import MAX_NAME_CHARS, tidy_tag
from kindvoice.services import journal, portability
from kindvoice.services.wiring import open_context

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
# Every code point except surrogates (not encodable) and NUL (refused on purpose).
unicode_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=200,
)
kept_text = unicode_text.map(str.strip)
required_text = kept_text.filter(bool)
names = required_text.filter(lambda s: len(s) <= MAX_NAME_CHARS)
tags = unicode_text.map(tidy_tag).filter(
    lambda t: 0 < len(t) <= MAX_NAME_CHARS and tidy_tag(t) == t
)
offsets = st.integers(min_value=-14 * 3600, max_value=14 * 3600).map(
    lambda s: timezone(timedelta(seconds=s))
)
moments = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2026, 11, 19)),
    offsets,
)


uuids = st.integers(0, 2**128 - 1).map(lambda n: str(uuid.UUID(int=n)))
probabilities = st.floats(0, 1, allow_nan=False, allow_subnormal=False)
beliefs = st.none() | st.integers(0, 100)


@st.composite
def analyses(draw: st.DrawFn, thought: str) -> dict[str, Any]:
    spans = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(0, len(thought) - 1))
        end = draw(st.integers(start + 1, len(thought)))
        spans.append(
            {
                "start": start,
                "end": end,
                "sentence": draw(st.integers(0, 5)),
                "text": thought[start:end],
            }
        )
    trap_names = draw(st.lists(st.sampled_from(TRAPS), unique=True, max_size=5))
    return {
        "model_version": draw(st.text("abcdefgh-.0123456789", min_size=1, max_size=80)),
        "created_at": draw(moments).isoformat(),
        "crisis_level": draw(st.sampled_from(CRISIS_LEVELS)),
        "crisis_cue": draw(kept_text.filter(lambda s: len(s) <= 200)),
        "critic_probability": draw(probabilities),
        "is_self_critical": draw(st.booleans()),
        "critic_spans": spans,
        "traps": {name: draw(probabilities) for name in trap_names},
    }


@st.composite
def reframes(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": draw(uuids),
        "text": draw(required_text),
        "origin": draw(st.sampled_from(ORIGINS)),
        "component": draw(st.none() | st.sampled_from(COMPONENTS)),
        "trap": draw(st.none() | st.sampled_from(TRAPS)),
        "belief_before": draw(beliefs),
        "belief_after": draw(beliefs),
        "created_at": draw(moments).isoformat(),
    }


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    created = draw(moments)
    updated = created + timedelta(seconds=draw(st.integers(0, 10_000)))
    thought = draw(required_text)
    feedback_traps = draw(st.lists(st.sampled_from(TRAPS), unique=True, max_size=3))
    return {
        "id": str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)))),
        "created_at": created.isoformat(),
        "updated_at": updated.astimezone(draw(offsets)).isoformat(),
        "situation": draw(kept_text),
        "thought": thought,
        "emotions": draw(
            st.lists(
                st.fixed_dictionaries({"name": names, "intensity": st.integers(0, 100)}), max_size=4
            )
        ),
        "tags": draw(st.lists(tags, max_size=4, unique=True)),
        "source": "kindvoice",
        "analysis": draw(st.none() | analyses(thought)),
        "trap_feedback": [
            {
                "trap": trap,
                "verdict": draw(st.sampled_from(VERDICTS)),
                "created_at": draw(moments).isoformat(),
            }
            for trap in feedback_traps
        ],
        "reframes": draw(st.lists(reframes(), max_size=3)),
    }


@st.composite
def checkins(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)))),
        "created_at": draw(moments).isoformat(),
        "mood": draw(st.integers(0, 10)),
        "stress": draw(st.integers(0, 10)),
        "critic": draw(st.integers(0, 10)),
        "kindness": draw(st.none() | st.integers(0, 10)),
        "note": draw(kept_text),
    }


practice_ids = st.from_regex(r"[a-z0-9]+(?:-[a-z0-9]+)*", fullmatch=True).filter(
    lambda s: len(s) <= MAX_PRACTICE_ID_CHARS
)
seconds = st.floats(0, MAX_RUN_SECONDS, allow_nan=False, allow_subnormal=False)
# Pattern text is kept as written, so any text a person could type goes.
pattern_texts = required_text.filter(lambda s: len(s) <= MAX_PATTERN_CHARS)


@st.composite
def practice_runs(draw: st.DrawFn, entry_ids: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(PRACTICE_KINDS))
    letters = st.none() | st.sampled_from(entry_ids) if entry_ids else st.none()
    return {
        "id": draw(uuids),
        "practice": draw(practice_ids),
        "kind": kind,
        "pattern": draw(st.none() | pattern_texts) if kind == "breathing" else None,
        "planned_seconds": draw(seconds),
        "actual_seconds": draw(seconds),
        "completed": draw(st.booleans()),
        "ratings": {name: draw(st.none() | st.integers(0, 10)) for name in RATING_FIELDS},
        "entry": draw(letters) if kind == "writing" else None,
        "started_at": draw(moments).isoformat(),
    }


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    entry_list = draw(st.lists(entries(), max_size=4, unique_by=lambda e: e["id"]))
    reframe_ids = [r["id"] for e in entry_list for r in e["reframes"]]
    assume(len(reframe_ids) == len(set(reframe_ids)))
    runs = draw(
        st.lists(
            practice_runs([e["id"] for e in entry_list]), max_size=3, unique_by=lambda r: r["id"]
        )
    )
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": "0.1.0",
        "profile": {
            "id": str(uuid.uuid4()),
            "display_name": draw(kept_text.filter(lambda s: len(s) <= 200)),
            "created_at": draw(moments).isoformat(),
        },
        # The export lists entries oldest first (ties by insertion order).
        "entries": sorted(entry_list, key=lambda e: datetime.fromisoformat(e["created_at"])),
        "checkins": sorted(
            draw(st.lists(checkins(), max_size=3, unique_by=lambda c: c["id"])),
            key=lambda c: datetime.fromisoformat(c["created_at"]),
        ),
        "practice_runs": sorted(runs, key=lambda r: datetime.fromisoformat(r["started_at"])),
    }


def _import_and_export(document: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_text(portability.dump_document(document), encoding="utf-8")
        ctx = open_context(
            Settings(home=Path(folder), database_url=f"sqlite:///{folder}/j.sqlite3"),
            FrozenClock(NOW),
        )
        try:
            portability.import_journal(ctx, portability.read_import_file(path, ctx))
            return portability.export_document(ctx)
        finally:
            ctx.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_unicode_document_round_trips(document: dict[str, Any]) -> None:
    assert _import_and_export(document) == document


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(thought=required_text, situation=kept_text, tag_list=st.lists(tags, max_size=3, unique=True))
def test_anything_written_round_trips(thought: str, situation: str, tag_list: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(
            Settings(home=Path(folder), database_url=f"sqlite:///{folder}/w.sqlite3"),
            FrozenClock(NOW),
        )
        try:
            entry = journal.record_thought(ctx, thought, situation, tags=tag_list)
            assert (entry.thought, entry.situation, entry.tags) == (
                thought,
                situation,
                tuple(tag_list),
            )
            document = portability.export_document(ctx)
        finally:
            ctx.close()
    assert _import_and_export(document) == document
