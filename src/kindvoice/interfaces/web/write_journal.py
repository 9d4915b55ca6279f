"""Pages: the Journal (list and search), one entry, changing it, and deleting it.

Everything works as plain links and forms. Deleting asks first on a page of its own, so no
script is needed to confirm.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.records import Entry, EntryDraft
from kindvoice.domain.validation import check_text, make_entry_draft
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.reflect_words import belief_change, noticed_lines
from kindvoice.interfaces.web.forms import Form, text
from kindvoice.interfaces.web.render import page
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.interfaces.web.write_forms import EntryForm, entry_form_of, parse_entry_form
from kindvoice.interfaces.web.write_routes import EntryRoute, entry_id_of, see_other
from kindvoice.interfaces.web.write_words import (
    problem_lines,
    when,
)
from kindvoice.services import journal, reframing
from kindvoice.services.journal import MAX_SEARCH_CHARS
from kindvoice.services.wiring import Context

router = APIRouter(include_in_schema=False, route_class=EntryRoute)
PAGE_SIZE = 20
SEARCH_LIMIT = 50
MAX_PAGE = 100_000


def _page_number(raw: str | None) -> int:
    """``?page=`` from 1; anything that isn't a sensible page number is the first page."""
    if raw is None or not raw.isascii() or not raw.isdigit():
        return 1
    return min(max(int(raw), 1), MAX_PAGE)


def _search(ctx: Context, query: str) -> list[Entry]:
    problems: list[Problem] = []
    check_text(query, "query", problems, max_chars=MAX_SEARCH_CHARS)
    if problems:
        raise ValidationError(problems, code="empty_search")
    return journal.search_entries(ctx, query, limit=SEARCH_LIMIT)


@router.get("/journal")
def journal_list(request: Request, ctx: Viewer) -> Response:
    query = request.query_params.get("q", "").strip()
    number = _page_number(request.query_params.get("page"))
    values: dict[str, Any] = {"query": query, "page": number, "more": False, "errors": []}
    status = 200
    if query:
        try:
            values["entries"] = _search(ctx, query)
        except ValidationError as error:
            values["entries"], values["errors"], status = [], m.explain(error), 422
    else:
        found = journal.list_entries(ctx, limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE)
        values["entries"], values["more"] = found[:PAGE_SIZE], len(found) > PAGE_SIZE
    return page(
        request,
        "journal.html",
        m.say("web.journal.title"),
        status_code=status,
        when=when,
        **values,
    )


@router.get("/journal/{entry_id}")
def entry_page(request: Request, ctx: Viewer, entry_id: str) -> Response:
    entry = reframing.entry_with_reflection(ctx, entry_id_of(entry_id))
    reflection = entry.reflection
    assert reflection is not None
    analysis = reflection.analysis
    crisis = analysis is not None and analysis.is_crisis
    verdicts: dict[str, list[str]] = {"confirmed": [], "rejected": [], "added": []}
    for item in reflection.trap_feedback:
        verdicts[item.verdict].append(m.trap_name(item.trap))
    return page(
        request,
        "entry.html",
        m.say("web.entry.title", id=entry.id),
        entry=entry,
        written=when(entry.created_at),
        edited=when(entry.updated_at) if entry.updated_at > entry.created_at else "",
        analysis=analysis,
        crisis=crisis,
        noticed=noticed_lines(analysis, entry.thought) if analysis and not crisis else [],
        verdicts={} if crisis else {k: ", ".join(v) for k, v in verdicts.items() if v},
        reframes=reflection.reframes,
        belief_change=belief_change,
    )


def edit_page(
    request: Request,
    entry_id: int,
    values: EntryForm,
    errors: list[str],
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "entry_edit.html",
        m.say("web.edit.title", id=entry_id),
        status_code=status_code,
        entry_id=entry_id,
        values=values,
        errors=errors,
    )


@router.get("/journal/{entry_id}/edit")
def edit_form(request: Request, ctx: Viewer, entry_id: str) -> Response:
    entry = journal.get_entry(ctx, entry_id_of(entry_id))
    assert entry.id is not None
    return edit_page(request, entry.id, entry_form_of(entry), [])


@router.post("/journal/{entry_id}/edit")
def edit_post(request: Request, ctx: Viewer, entry_id: str, form: Form) -> Response:
    number = entry_id_of(entry_id)
    current = journal.get_entry(ctx, number)  # a kind 404 before reading anything
    values, problems = parse_entry_form(form)
    if problems:
        lines = problem_lines(ValidationError(problems), values.rows)
        return edit_page(request, number, values, lines, status_code=422)
    draft = make_entry_draft(values.thought, values.situation, values.emotions, values.tag_list())
    if draft == EntryDraft(current.thought, current.situation, current.emotions, current.tags):
        return see_other(f"/journal/{number}")  # nothing changed, so nothing is touched
    try:
        entry = journal.edit_entry(
            ctx,
            number,
            thought=values.thought,
            situation=values.situation,
            emotions=values.emotions,
            tags=values.tag_list(),
        )
    except ValidationError as error:
        lines = problem_lines(error, values.rows)
        return edit_page(request, number, values, lines, status_code=422)
    changed = entry.thought != current.thought or entry.situation != current.situation
    # New words are screened and looked at like any others.
    if changed and reframing.analyze_entry(ctx, number).is_crisis:
        return see_other("/support?from=write")
    return see_other(f"/journal/{number}?note=entry_updated")


@router.get("/journal/{entry_id}/delete")
def delete_form(request: Request, ctx: Viewer, entry_id: str) -> Response:
    entry = journal.get_entry(ctx, entry_id_of(entry_id))
    return page(
        request,
        "entry_delete.html",
        m.say("web.delete.title", id=entry.id),
        entry=entry,
        written=when(entry.created_at),
    )


@router.post("/journal/{entry_id}/delete")
def delete_post(request: Request, ctx: Viewer, entry_id: str, form: Form) -> Response:
    number = entry_id_of(entry_id)
    journal.get_entry(ctx, number)  # a kind 404 for an entry that isn't there
    if text(form, "confirm") != "yes":
        return see_other(f"/journal/{number}/delete")
    journal.delete_entry(ctx, number)
    return see_other("/journal?note=entry_deleted")
