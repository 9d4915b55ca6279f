"""Pages: Write (the thought record) and Reflect (looking at it together).

The order is the CLI's: save first, then analyse; crisis comes before anything else. Crisis
language goes straight to Support (the entry stays saved) and never gets traps or reframes.
The Journal's pages join this router from ``write_journal``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import FormData

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.nlp.types import TRAPS, Reframe
from kindvoice.domain.records import Entry, StoredAnalysis
from kindvoice.domain.reflection import check_feedback
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.reflect_words import noticed_lines
from kindvoice.interfaces.web.forms import Form, text
from kindvoice.interfaces.web.render import page
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.interfaces.web.write_forms import (
    EntryForm,
    parse_entry_form,
    read_reframe_form,
    read_trap_answers,
)
from kindvoice.interfaces.web.write_journal import router as journal_router
from kindvoice.interfaces.web.write_routes import EntryRoute, entry_id_of, llm_of, see_other
from kindvoice.interfaces.web.write_words import problem_lines, when
from kindvoice.services import journal, reframing
from kindvoice.services.wiring import Context

router = APIRouter(include_in_schema=False, route_class=EntryRoute)
SUPPORT_AFTER_WRITE = "/support?from=write"


def write_page(
    request: Request, values: EntryForm, errors: list[str], status_code: int = 200
) -> Response:
    return page(
        request,
        "write.html",
        m.say("web.write.title"),
        status_code=status_code,
        values=values,
        errors=errors,
    )


@router.get("/write")
def write_form(request: Request, ctx: Viewer) -> Response:
    return write_page(request, EntryForm(), [])


@router.post("/write")
def write_post(request: Request, ctx: Viewer, form: Form) -> Response:
    values, problems = parse_entry_form(form)
    if problems:
        return write_page(request, values, _lines(problems, values), status_code=422)
    try:
        entry = journal.record_thought(
            ctx, values.thought, values.situation, values.emotions, values.tag_list()
        )
    except ValidationError as error:
        return write_page(request, values, problem_lines(error, values.rows), status_code=422)
    assert entry.id is not None
    analysis = reframing.analyze_entry(ctx, entry.id)
    if analysis.is_crisis:
        # Support at once; the entry is kept, and nothing about traps or reframes follows.
        return see_other(SUPPORT_AFTER_WRITE)
    return see_other(f"/journal/{entry.id}/reflect?note=entry_saved")


def _lines(problems: list[Problem], values: EntryForm) -> list[str]:
    return problem_lines(ValidationError(problems), values.rows)


# --- Reflect -------------------------------------------------------------------------------


def _stored_analysis(ctx: Context, entry_id: int) -> tuple[Entry, StoredAnalysis]:
    """The entry with everything kept about it; analysed now if it never was (after an
    import, say, or an edit whose analysis didn't finish)."""
    entry = reframing.entry_with_reflection(ctx, entry_id)
    if entry.reflection is None or entry.reflection.analysis is None:
        reframing.analyze_entry(ctx, entry_id)
        entry = reframing.entry_with_reflection(ctx, entry_id)
    assert entry.reflection is not None
    assert entry.reflection.analysis is not None
    return entry, entry.reflection.analysis


def reflect_values(request: Request, ctx: Context, entry_id: int) -> dict[str, Any]:
    """Everything the Reflect page shows. Crisis entries get support and nothing else."""
    entry, stored = _stored_analysis(ctx, entry_id)
    assert entry.reflection is not None
    suggestions: list[Reframe] = []
    crisis = stored.is_crisis
    if not crisis:
        fresh, suggestions = reframing.quick_reframe(
            entry.thought, entry.situation, llm_of(request)
        )
        crisis = fresh.is_crisis
    feedback = {f.trap: f.verdict for f in entry.reflection.trap_feedback}
    likely = [] if crisis else [t.trap for t in stored.likely_traps()]
    added = [trap for trap, verdict in feedback.items() if verdict == "added"]
    noticed = [] if crisis else noticed_lines(stored, entry.thought)
    # As in the terminal: suggestions answer something harsh, noticed or named by the person.
    harsh = bool(noticed) or any(v in ("confirmed", "added") for v in feedback.values())
    return {
        "entry": entry,
        "written": when(entry.created_at),
        "crisis": crisis,
        "noticed": noticed,
        "likely": likely,
        "feedback": feedback,
        "added": added,
        "added_names": ", ".join(m.trap_name(t) for t in added),
        "others": [t for t in TRAPS if t not in likely and t not in added],
        "suggestions": suggestions if harsh and not crisis else [],
        "harsh": harsh,
    }


def reflect_page(
    request: Request,
    ctx: Context,
    entry_id: int,
    errors: list[str] | None = None,
    kept: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "reflect.html",
        m.say("web.reflect.title"),
        status_code=status_code,
        errors=errors or [],
        kept=kept or {},
        **reflect_values(request, ctx, entry_id),
    )


@router.get("/journal/{entry_id}/reflect")
def reflect(request: Request, ctx: Viewer, entry_id: str) -> Response:
    return reflect_page(request, ctx, entry_id_of(entry_id))


@router.post("/journal/{entry_id}/traps")
def traps_post(request: Request, ctx: Viewer, entry_id: str, form: Form) -> Response:
    number = entry_id_of(entry_id)
    _, stored = _stored_analysis(ctx, number)
    answers = read_trap_answers(form, [t.trap for t in stored.likely_traps()])
    try:
        # Every answer is checked before any is kept, so a bad one changes nothing.
        checked = [check_feedback(trap, verdict) for trap, verdict in answers]
    except ValidationError as error:
        return reflect_page(request, ctx, number, problem_lines(error), status_code=422)
    for trap, verdict in checked:
        reframing.record_trap_feedback(ctx, number, trap, verdict)
    return see_other(f"/journal/{number}/reflect?note=entry_updated")


def _kept(form: FormData) -> dict[str, str]:
    """What the person chose, to show again when something needs a change."""
    names = ("own", "choice", "belief_before", "belief_after", "skip_belief_before")
    return {name: text(form, name) for name in (*names, "skip_belief_after")}


@router.post("/journal/{entry_id}/reframes")
def reframe_post(request: Request, ctx: Viewer, entry_id: str, form: Form) -> Response:
    number = entry_id_of(entry_id)
    journal.get_entry(ctx, number)  # a kind 404 comes before anything else
    try:
        chosen = read_reframe_form(form)
        if chosen.origin != "suggested" and reframing.screen(chosen.text).level != "none":
            # Words that sound like crisis are kept as written, and support comes first.
            reframing.record_reframe(
                ctx, number, chosen.text, chosen.origin, belief_before=chosen.belief_before
            )
            return see_other(SUPPORT_AFTER_WRITE)
        reframing.record_reframe(
            ctx,
            number,
            chosen.text,
            chosen.origin,
            component=chosen.component,
            trap=chosen.trap,
            belief_before=chosen.belief_before,
            belief_after=chosen.belief_after,
        )
    except ValidationError as error:
        lines = problem_lines(error)
        return reflect_page(request, ctx, number, lines, _kept(form), status_code=422)
    return see_other(f"/journal/{number}?note=reframe_saved")


router.include_router(journal_router)
