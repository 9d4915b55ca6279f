"""The JSON API for practice: breathing patterns and their schedules, guided practices with
their timelines and rendered audio, the breathing cues, and the practice log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from kindvoice.core.errors import NotFoundError
from kindvoice.domain.practice_runs import MAX_PATTERN_CHARS, MAX_RUN_SECONDS
from kindvoice.domain.practices.catalog import load_patterns
from kindvoice.domain.practices.guided import Practice, load_practices, timeline
from kindvoice.domain.practices.pacer import MAX_SESSION_MINUTES
from kindvoice.domain.practices.patterns import CUSTOM_ID
from kindvoice.interfaces import pattern_choice as choice
from kindvoice.interfaces.web import practice_common as common
from kindvoice.interfaces.web.errors import error_json
from kindvoice.interfaces.web.practice_audio import VoiceUnavailable, render_cues, render_practice
from kindvoice.interfaces.web.viewer import Viewer, state_of
from kindvoice.services import practice_log

router = APIRouter(tags=["practice"])

MAX_ID = 2**62  # larger numbers can't be row ids; they are simply not found
Rating = Annotated[int | None, Field(default=None, ge=0, le=10)]
Seconds = Annotated[float, Field(ge=0, le=MAX_RUN_SECONDS, allow_inf_nan=False)]
WAV_HEADERS = {"Cache-Control": "private, no-cache"}
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"description": "The offline voice can't run here; the browser's speech can stand in."}
}


class SessionIn(BaseModel):
    """A practice run to keep. For breathing, ``pattern`` may be the pattern's id (``box``)
    or its text (``4-4-4-4``); without it, the shipped pattern's own is kept."""

    practice: str = Field(min_length=1, max_length=60)
    kind: Literal["breathing", "guided", "writing"]
    pattern: str | None = Field(default=None, max_length=MAX_PATTERN_CHARS)
    planned_s: Seconds
    actual_s: Seconds
    completed: bool
    stress_before: Rating = None
    stress_after: Rating = None
    kindness_before: Rating = None
    kindness_after: Rating = None


class SessionOut(BaseModel):
    id: int | None
    uid: str
    practice: str
    kind: str
    pattern: str | None
    planned_s: float
    actual_s: float
    completed: bool
    stress_before: int | None
    stress_after: int | None
    kindness_before: int | None
    kindness_after: int | None
    entry_uid: str | None
    started_at: datetime


class ScreenIn(BaseModel):
    text: str = Field(max_length=50_000)


def _unavailable(error: VoiceUnavailable) -> JSONResponse:
    return JSONResponse(error_json(error), status_code=503)


def _practice(practice_id: str) -> Practice:
    found = common.shipped_practice(practice_id)
    if found is None:
        raise NotFoundError("practice_not_found", name=practice_id[:80])
    return found


def _summary(practice: Practice) -> dict[str, Any]:
    placed = timeline(practice)
    return {
        "id": practice.id,
        "name": practice.name,
        "kind": practice.kind,
        "summary": practice.summary,
        "audience": practice.audience,
        "ages": list(practice.ages) if practice.ages else None,
        "components": list(practice.components),
        "saves_to_journal": practice.saves_to_journal,
        "length_s": None if practice.kind == "writing" else placed[-1].end,
    }


# --- breathing --------------------------------------------------------------------------


@router.get("/patterns")
def patterns(ctx: Viewer) -> list[dict[str, Any]]:
    """The shipped breathing patterns, in the order they are offered."""
    return [common.pattern_json(p) for p in load_patterns()]


@router.get("/patterns/{pattern}/schedule")
def schedule(
    ctx: Viewer,
    pattern: Annotated[str, Path(max_length=64)],
    minutes: Annotated[
        float | None, Query(gt=0, le=MAX_SESSION_MINUTES, allow_inf_nan=False)
    ] = None,
    cycles: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    gentle: bool = False,
) -> dict[str, Any]:
    """Every phase of a session with its exact start and end in seconds, worked out by the
    same pacer the terminal uses. ``pattern`` is a shipped id (``box``) or a typed pattern
    (``4-6``, ``4-7-8``, ``2+1-6``); give ``minutes`` (rounded to whole breaths) or ``cycles``
    (two minutes when neither). ``gentle`` keeps every hold to two seconds."""
    text = pattern.strip()
    named = text.lower() == CUSTOM_ID or (text and not any(ch.isdigit() for ch in text))
    if named and not common.is_known_pattern(text):
        raise NotFoundError("not_found")
    chosen = choice.resolve_pattern(text, gentle=gentle)
    return common.schedule_json(choice.schedule_for(chosen, minutes=minutes, cycles=cycles))


@router.get(
    "/voice/cues/{cue}.wav",
    response_class=FileResponse,
    responses={200: {"content": {"audio/wav": {}}}, **UNAVAILABLE},
)
def cue_audio(request: Request, ctx: Viewer, cue: Annotated[str, Path(max_length=20)]) -> Response:
    """A breathing cue ("Breathe in", "Hold", ...) in the offline voice, as a short WAV.
    ``cue`` is a kind of phase (``inhale``, ``hold_full``, ``exhale``, ``hold_empty``) or
    ``top_up``."""
    words = common.cue_words()
    if cue not in words:
        raise NotFoundError("not_found")
    try:
        files = render_cues(state_of(request).config.settings.home, words)
    except VoiceUnavailable as error:
        return _unavailable(error)
    return FileResponse(files[cue], media_type="audio/wav", headers=WAV_HEADERS)


# --- guided practices and writing exercises ---------------------------------------------------


@router.get("/practices")
def practices(ctx: Viewer) -> list[dict[str, Any]]:
    """Every shipped practice: guided ones first, then the writing exercises. ``audience`` is
    ``adult``, ``child`` (with ``ages``) or ``parent``; ``length_s`` is None for writing."""
    return [_summary(p) for p in load_practices()]


@router.get("/practices/{practice_id}", responses=UNAVAILABLE)
def practice(
    request: Request,
    ctx: Viewer,
    practice_id: Annotated[str, Path(max_length=80)],
    voice: bool = False,
) -> Any:
    """One practice: its steps and their timeline (seconds from the start). With
    ``voice=true`` the practice is rendered in the offline voice first (a few seconds the first
    time), and the timeline follows the real length of the speech in ``audio_url``."""
    found = _practice(practice_id)
    home = state_of(request).config.settings.home
    placed = timeline(found)
    voiced = False
    if voice and found.kind == "guided":
        try:
            placed = render_practice(home, found).timeline
            voiced = True
        except VoiceUnavailable as error:
            return _unavailable(error)
    return {
        **_summary(found),
        "description": found.description,
        "steps": [
            {
                "index": index,
                "text": step.text,
                "pause_s": step.pause_s,
                "cue": step.cue,
                "write": step.write,
                "show_writing": step.show_writing,
            }
            for index, step in enumerate(found.steps)
        ],
        "timeline": common.timeline_json(placed),
        "total_s": placed[-1].end,
        "voiced": voiced,
        "audio_url": f"/api/v1/practices/{found.id}/audio" if found.kind == "guided" else None,
    }


@router.get(
    "/practices/{practice_id}/audio",
    response_class=FileResponse,
    responses={200: {"content": {"audio/wav": {}}}, **UNAVAILABLE},
)
def practice_audio(
    request: Request, ctx: Viewer, practice_id: Annotated[str, Path(max_length=80)]
) -> Response:
    """A guided practice in the offline voice, as one WAV: each step's chime, words and
    exactly its written pause. Rendered once, then served from the cache."""
    found = _practice(practice_id)
    if found.kind != "guided":
        raise NotFoundError("not_found")
    try:
        rendering = render_practice(state_of(request).config.settings.home, found)
    except VoiceUnavailable as error:
        return _unavailable(error)
    return FileResponse(rendering.path, media_type="audio/wav", headers=WAV_HEADERS)


@router.post("/practices/{practice_id}/screen")
def screen(
    body: ScreenIn, ctx: Viewer, practice_id: Annotated[str, Path(max_length=80)]
) -> dict[str, Any]:
    """The crisis screen for one answer of a writing exercise, as soon as it's written:
    ``support`` is true when the person may need people to talk to now."""
    from kindvoice.services import reframing

    _practice(practice_id)
    level = reframing.screen(body.text).level if body.text.strip() else "none"
    return {"level": level, "support": level != "none"}


# --- the practice log ---------------------------------------------------------------------


@router.post("/sessions", response_model=SessionOut, status_code=201)
def add_session(body: SessionIn, ctx: Viewer) -> SessionOut:
    """Keep a note of a practice done, started ``actual_s`` seconds ago."""
    run = common.record_run(
        ctx,
        practice=body.practice,
        kind=body.kind,
        pattern=body.pattern if body.pattern is None else body.pattern.strip() or None,
        planned_s=body.planned_s,
        actual_s=body.actual_s,
        completed=body.completed,
        ratings={
            "stress_before": body.stress_before,
            "stress_after": body.stress_after,
            "kindness_before": body.kindness_before,
            "kindness_after": body.kindness_after,
        },
    )
    return SessionOut(**common.run_json(run))


@router.get("/sessions", response_model=list[SessionOut])
def list_sessions(ctx: Viewer, limit: int = 30) -> list[SessionOut]:
    """The practice sessions kept, newest first (``limit`` 1 to 1000)."""
    runs = practice_log.list_runs(ctx, limit=max(1, min(limit, 1000)))
    return [SessionOut(**common.run_json(run)) for run in runs]


@router.get("/sessions/{session_id}", response_model=SessionOut)
def get_session(ctx: Viewer, session_id: int) -> SessionOut:
    if not 1 <= session_id <= MAX_ID:
        raise NotFoundError("practice_run_not_found", id=session_id)
    return SessionOut(**common.run_json(practice_log.get_run(ctx, session_id)))
