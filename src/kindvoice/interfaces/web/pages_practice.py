"""Pages: Breathe (the pacer drawn from the schedule engine) and Practices (guided steps in
time, writing exercises). Every page works without scripts; ``breathe.js`` and
``practice.js`` add the moving circle, the timing and the voice."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.practice_runs import MAX_RUN_SECONDS
from kindvoice.domain.practices.catalog import load_patterns
from kindvoice.domain.practices.guided import Practice, load_practices, timeline
from kindvoice.domain.practices.pacer import Schedule
from kindvoice.domain.practices.patterns import Pattern, pattern_text
from kindvoice.interfaces import messages as m
from kindvoice.interfaces import pattern_choice as choice
from kindvoice.interfaces.web import practice_common as common
from kindvoice.interfaces.web.forms import Form, rating, text
from kindvoice.interfaces.web.practice_audio import cached_timeline
from kindvoice.interfaces.web.render import page, preferences_of
from kindvoice.interfaces.web.viewer import Viewer, state_of
from kindvoice.services.wiring import Context

router = APIRouter(include_in_schema=False)

ON = frozenset({"1", "on", "true", "yes"})
# A run noted by hand counts as finished when it lasted at least this share of the plan.
FINISHED_SHARE = 0.9
MAX_LOGGED_MINUTES = MAX_RUN_SECONDS / 60
RATINGS = ("stress_before", "stress_after", "kindness_before", "kindness_after")


def voice_on(request: Request) -> bool:
    return preferences_of(request).get("voice") == "on"


def _ratings(form: FormData, names: tuple[str, ...], problems: list[Problem]) -> dict[str, Any]:
    """The optional ratings, read only when the person ticked "note how I feel"."""
    if text(form, "rate") not in ON:
        return {}
    return {name: rating(form, name, problems) for name in names}


def _done_minutes(form: FormData, problems: list[Problem]) -> float:
    raw = text(form, "minutes").strip()
    if not raw:
        problems.append(Problem("minutes", "web.request.missing"))
        return 0.0
    try:
        value = common.read_minutes(raw)
    except ValidationError as error:
        problems.extend(error.problems)
        return 0.0
    if value is None or not 0 < value <= MAX_LOGGED_MINUTES:
        problems.append(
            Problem("minutes", "web.request.between", {"low": 0, "high": int(MAX_LOGGED_MINUTES)})
        )
        return 0.0
    return value


# --- Breathe ------------------------------------------------------------------------------


def _choices(request: Request) -> dict[str, Any]:
    """What the chooser offers, with the person's earlier choices kept."""
    query = request.query_params
    chosen = query.get("pattern") or choice.DEFAULT_PATTERN
    own = (query.get("own") or "").strip()
    if own == "" and not common.is_known_pattern(chosen):
        own, chosen = chosen, ""
    return {
        "patterns": [(p, pattern_text(p)) for p in load_patterns()],
        "chosen": chosen.strip().lower(),
        "own": own[:64],
        "lengths": [(format(n, "g"), common.length_label(n)) for n in common.LENGTHS],
        "minutes": (query.get("minutes") or format(choice.DEFAULT_MINUTES, "g"))[:20],
        "gentle": query.get("gentle", "").lower() in ON
        or ("pattern" not in query and state_of(request).config.settings.gentle),
    }


def _session_values(
    request: Request,
    pattern: Pattern,
    schedule: Schedule,
    asked: str,
    gentle: bool,
    length: tuple[str, str],
) -> dict[str, Any]:
    """The session page's values. ``length`` is the minutes and cycles as asked (either may
    be empty), carried into the links and the form so they make the same session."""
    from kindvoice.services.voice import CUE_KEYS

    words = common.cue_words()
    return {
        "pattern": pattern,
        "name": common.pattern_title(pattern),
        "about": choice.pattern_about(pattern),
        "steps": common.step_lines(pattern),
        "softened": gentle and pattern.gentle,
        "length": m.say(
            "web.practice.breathe.length",
            time=common.time_words(schedule.total),
            breaths=m.say(
                "web.practice.breathe.breath"
                if schedule.cycles == 1
                else "web.practice.breathe.breaths",
                n=schedule.cycles,
            ),
        ),
        "asked": asked,
        "gentle": gentle,
        "config_voice": voice_on(request),
        "planned_minutes": format(round(schedule.total / 60, 1), "g"),
        "asked_minutes": length[0],
        "asked_cycles": length[1],
        "schedule": common.data_block(common.schedule_json(schedule)),
        "config": common.data_block(
            {
                "practice": pattern.id,
                "pattern": pattern_text(pattern),
                "voice": voice_on(request),
                "cues": {key: f"/api/v1/voice/cues/{key}.wav" for key in CUE_KEYS},
                "cue_words": words,
                "words": _script_words(),
            }
        ),
        "errors": [],
    }


def _script_words() -> dict[str, str]:
    """The sentences the scripts show, from the catalog (templates filled in by the script)."""
    keys = {
        "pause": "web.practice.pause",
        "resume": "web.practice.resume",
        "paused": "web.practice.paused",
        "left": "web.practice.time.left",
        "second": "web.practice.time.second",
        "seconds": "web.practice.time.seconds",
        "minute": "web.practice.time.minute",
        "minutes": "web.practice.time.minutes",
        "done": "practice.done",
        "stopped": "practice.stopped",
        "saved": "web.practice.saved",
        "save_failed": "web.practice.save_failed",
        "browser_voice": "web.practice.browser_voice",
        "no_voice": "web.practice.no_voice",
        "preparing_voice": "web.practice.preparing_voice",
        "quiet": "web.practice.quiet",
    }
    return {name: m.MESSAGES[key] for name, key in keys.items()}


@router.get("/breathe")
def breathe_page(request: Request, ctx: Viewer) -> Response:
    query = request.query_params
    asked = (query.get("own") or "").strip() or (query.get("pattern") or "").strip()
    title = m.say("web.practice.breathe.title")
    if not asked or query.get("choose"):
        return page(request, "breathe.html", title, errors=[], **_choices(request))
    gentle = query.get("gentle", "").lower() in ON
    try:
        pattern = choice.resolve_pattern(asked, gentle=gentle)
        schedule = choice.schedule_for(
            pattern,
            minutes=common.read_minutes(query.get("minutes")),
            cycles=common.read_cycles(query.get("cycles")),
        )
    except ValidationError as error:
        return page(
            request,
            "breathe.html",
            title,
            status_code=422,
            errors=m.explain(error),
            **_choices(request),
        )
    length = ((query.get("minutes") or "")[:20], (query.get("cycles") or "")[:20])
    values = _session_values(request, pattern, schedule, asked, gentle, length)
    return page(request, "breathe_session.html", common.pattern_title(pattern), **values)


@router.post("/breathe/log")
def breathe_log(request: Request, ctx: Viewer, form: Form) -> Response:
    """A breath done without the page's timing: "I breathed for N minutes"."""
    asked = text(form, "pattern").strip() or choice.DEFAULT_PATTERN
    gentle = text(form, "gentle") in ON
    pattern = choice.resolve_pattern(asked, gentle=gentle)
    length = (text(form, "length")[:20], text(form, "cycles")[:20])
    schedule = choice.schedule_for(
        pattern, minutes=common.read_minutes(length[0]), cycles=common.read_cycles(length[1])
    )
    problems: list[Problem] = []
    minutes = _done_minutes(form, problems)
    ratings = _ratings(form, ("stress_before", "stress_after"), problems)
    if problems:
        values = _session_values(request, pattern, schedule, asked, gentle, length)
        values["errors"] = m.explain(ValidationError(problems))
        return page(request, "breathe_session.html", values["name"], status_code=422, **values)
    actual = minutes * 60
    common.record_run(
        ctx,
        practice=pattern.id,
        kind="breathing",
        pattern=pattern_text(pattern),
        planned_s=schedule.total,
        actual_s=actual,
        completed=actual >= schedule.total * FINISHED_SHARE,
        ratings=ratings,
    )
    return RedirectResponse("/?note=session_saved", status_code=303)


# --- Practices ------------------------------------------------------------------------------


def _length_words(practice: Practice) -> str:
    if practice.kind == "writing":
        return m.say("web.practice.list.own_pace")
    return m.say("web.practice.list.minutes", n=common.practice_minutes(timeline(practice)))


@router.get("/practices")
def practices_page(request: Request, ctx: Viewer) -> Response:
    everything = load_practices()
    adult = [p for p in everything if p.audience == "adult"]
    family = sorted(
        (p for p in everything if p.audience != "adult"),
        key=lambda p: (p.audience == "parent", p.ages or (0, 0), p.id),
    )
    return page(
        request,
        "practices.html",
        m.say("web.practice.list.title"),
        guided=[p for p in adult if p.kind == "guided"],
        writing=[p for p in adult if p.kind == "writing"],
        family=family,
        length_of=_length_words,
    )


def _missing(request: Request, name: str) -> Response:
    return page(
        request,
        "practice_missing.html",
        m.say("web.practice.list.title"),
        status_code=404,
        name=name[:60],
        practices=load_practices(),
    )


def _guided_values(request: Request, practice: Practice) -> dict[str, Any]:
    home = state_of(request).config.settings.home
    voiced = cached_timeline(home, practice)
    placed = voiced or timeline(practice)
    return {
        "practice": practice,
        "placed": placed,
        "length": m.say("web.practice.time.about", time=common.time_words(placed[-1].end)),
        "planned_minutes": format(round(placed[-1].end / 60, 1), "g"),
        # A guided practice is made to be heard: its voice is on unless the person said no.
        "practice_voice": preferences_of(request).get("voice") != "off",
        "data": common.data_block(
            {
                "id": practice.id,
                "kind": practice.kind,
                "timeline": common.timeline_json(placed),
                "total": placed[-1].end,
                "voiced": voiced is not None,
                "details_url": f"/api/v1/practices/{practice.id}?voice=true",
                "audio_url": f"/api/v1/practices/{practice.id}/audio",
                "words": _script_words(),
            }
        ),
        "errors": [],
    }


def _writing_values(ctx: Context, practice: Practice, answers: dict[int, str]) -> dict[str, Any]:
    return {
        "practice": practice,
        "answers": answers,
        "started": f"{ctx.clock.now().timestamp():.0f}",
        "writing_count": len(practice.writing_steps),
        "errors": [],
    }


@router.get("/practices/{practice_id}")
def practice_page(practice_id: str, request: Request, ctx: Viewer) -> Response:
    practice = common.shipped_practice(practice_id)
    if practice is None:
        return _missing(request, practice_id)
    if practice.kind == "writing":
        values = _writing_values(ctx, practice, {})
        return page(request, "practice_writing.html", practice.name, **values)
    return page(request, "practice.html", practice.name, **_guided_values(request, practice))


@router.post("/practices/{practice_id}/log")
def practice_log_post(practice_id: str, request: Request, ctx: Viewer, form: Form) -> Response:
    """A guided practice done without the page's timing: "I practised for N minutes"."""
    practice = common.shipped_practice(practice_id)
    if practice is None or practice.kind != "guided":
        return _missing(request, practice_id)
    problems: list[Problem] = []
    minutes = _done_minutes(form, problems)
    ratings = _ratings(form, RATINGS, problems)
    if problems:
        values = _guided_values(request, practice)
        values["errors"] = m.explain(ValidationError(problems))
        return page(request, "practice.html", practice.name, status_code=422, **values)
    planned = timeline(practice)[-1].end
    actual = minutes * 60
    common.record_run(
        ctx,
        practice=practice.id,
        kind="guided",
        planned_s=planned,
        actual_s=actual,
        completed=actual >= planned * FINISHED_SHARE,
        ratings=ratings,
    )
    return RedirectResponse("/?note=session_saved", status_code=303)


@router.post("/practices/{practice_id}/write")
def practice_write_post(practice_id: str, request: Request, ctx: Viewer, form: Form) -> Response:
    """A writing exercise's answers. Each answer passes the crisis screen in turn; at the first
    that needs it, what was written is kept and the support page comes straight away."""
    from kindvoice.services import journal, reframing

    practice = common.shipped_practice(practice_id)
    if practice is None or practice.kind != "writing":
        return _missing(request, practice_id)
    answers = {
        index: text(form, f"answer_{index}").strip()
        for index, step in enumerate(practice.steps)
        if step.write is not None
    }
    problems: list[Problem] = []
    ratings = _ratings(form, RATINGS, problems)
    if problems:
        values = _writing_values(ctx, practice, answers)
        values["started"] = text(form, "started")[:20]
        values["errors"] = m.explain(ValidationError(problems))
        return page(request, "practice_writing.html", practice.name, status_code=422, **values)
    kept: list[str] = []
    crisis = False
    for answer in answers.values():
        if not answer:
            continue
        kept.append(answer)
        if reframing.screen(answer).level != "none":
            crisis = True
            break
    entry_uid = None
    if kept and (crisis or practice.saves_to_journal or text(form, "keep") in ON):
        entry = journal.record_thought(
            ctx, "\n\n".join(kept), situation=practice.name, tags=[practice.id]
        )
        entry_uid = entry.uid
    common.record_run(
        ctx,
        practice=practice.id,
        kind="writing",
        planned_s=0.0,
        actual_s=_seconds_since(ctx, text(form, "started")),
        completed=not crisis,
        ratings=ratings,
        entry_uid=entry_uid,
    )
    if crisis:
        return RedirectResponse("/support?from=write", status_code=303)
    return RedirectResponse("/?note=session_saved", status_code=303)


def _seconds_since(ctx: Context, started: str) -> float:
    """Time spent writing, from the moment the page was drawn (kept within 0 to 3 hours)."""
    try:
        began = float(started[:20])
    except ValueError:
        return 0.0
    spent = ctx.clock.now().timestamp() - began
    if not math.isfinite(spent):
        return 0.0
    return round(min(max(spent, 0.0), float(MAX_RUN_SECONDS)), 3)
