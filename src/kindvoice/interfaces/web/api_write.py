"""The JSON API: write and analyse thoughts, the journal, trap feedback and kinder answers.

As on the pages: an entry is saved first, then analysed; crisis language comes before
anything else and gets no traps and no suggestions, only ``support_url``. Every entry route
goes through the services with the viewer's context, so an id of someone else's entry is a
404 like any unknown one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Request, Response

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.nlp.types import TRAPS, Analysis
from kindvoice.domain.records import Emotion
from kindvoice.domain.reflection import check_feedback
from kindvoice.domain.validation import check_text
from kindvoice.interfaces.reflect_words import noticed_lines
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.interfaces.web.write_models import (
    SUPPORT_URL,
    AnalyzeIn,
    AnalyzeOut,
    EntryBrief,
    EntryIn,
    EntryOut,
    EntryPatch,
    EntryWritten,
    FeedbackOut,
    FeelingIn,
    ReframeIn,
    ReframeSaved,
    TrapVerdictIn,
    brief_fields,
    entry_fields,
    feedback_out,
    reframe_fields,
    suggestion_out,
    trap_out,
)
from kindvoice.interfaces.web.write_routes import MAX_ID, EntryRoute, llm_of
from kindvoice.services import journal, reframing
from kindvoice.services.journal import MAX_SEARCH_CHARS
from kindvoice.services.wiring import Context

router = APIRouter(tags=["write"], route_class=EntryRoute)

EntryId = Annotated[int, Path(ge=1, le=MAX_ID, description="The entry's number.")]
MAX_LIMIT = 200
MAX_OFFSET = 100_000
MAX_VERDICTS = len(TRAPS)


def _emotions(feelings: list[FeelingIn]) -> list[Emotion]:
    return [Emotion(name=f.name, intensity=f.intensity) for f in feelings]


def _as_feelings(error: ValidationError) -> ValidationError:
    """The domain calls feelings "emotions"; the API calls them what the body does."""
    problems = [
        Problem("feelings" + p.location.removeprefix("emotions"), p.code, p.params)
        if p.location.startswith("emotions")
        else p
        for p in error.problems
    ]
    return ValidationError(problems, code=error.code)


def _written(
    ctx: Context, request: Request, entry_id: int, analysis: Analysis | None
) -> EntryWritten:
    """The entry as stored; with a fresh ``analysis``, kinder answers to it too (as
    ``kindvoice write --json`` gives them), and none at all for crisis."""
    entry = reframing.entry_with_reflection(ctx, entry_id)
    fields = entry_fields(entry)
    stored = entry.reflection.analysis if entry.reflection else None
    crisis = (stored is not None and stored.is_crisis) or (
        analysis is not None and analysis.is_crisis
    )
    suggestions = []
    if analysis is not None and not crisis:
        found = reframing.suggest(entry.thought, analysis, entry.situation, llm=llm_of(request))
        suggestions = [suggestion_out(s) for s in found]
    return EntryWritten.model_validate(
        {
            **fields,
            "crisis": crisis,
            "suggestions": suggestions,
            "support_url": SUPPORT_URL if crisis else None,
        }
    )


@router.post("/analyze", response_model=AnalyzeOut)
def analyze(body: AnalyzeIn, ctx: Viewer) -> AnalyzeOut:
    """What kindvoice notices in a thought, and kinder answers to it. Nothing is kept.

    Crisis language comes first: no traps and no suggestions, only where support is."""
    found, suggestions = reframing.quick_reframe(body.thought, body.situation)
    if found.is_crisis:
        return AnalyzeOut(
            crisis=True,
            self_critical=found.is_self_critical,
            traps=[],
            noticed=[],
            suggestions=[],
            support_url=SUPPORT_URL,
        )
    return AnalyzeOut(
        crisis=False,
        self_critical=found.is_self_critical,
        traps=[trap_out(t) for t in found.likely_traps()],
        noticed=noticed_lines(found, found.text),
        suggestions=[suggestion_out(s) for s in suggestions],
        support_url=None,
    )


@router.post("/entries", response_model=EntryWritten, status_code=201)
def add_entry(body: EntryIn, request: Request, ctx: Viewer) -> EntryWritten:
    """Keep a thought record, then analyse it. Crisis language: ``crisis`` is true, there are
    no suggestions, and ``support_url`` says where support is (the entry is kept)."""
    try:
        entry = journal.record_thought(
            ctx, body.thought, body.situation, _emotions(body.feelings), body.tags
        )
    except ValidationError as error:
        raise _as_feelings(error) from None
    assert entry.id is not None
    analysis = reframing.analyze_entry(ctx, entry.id)
    return _written(ctx, request, entry.id, analysis)


@router.get("/entries", response_model=list[EntryBrief])
def list_entries(
    ctx: Viewer,
    q: Annotated[str, Query(max_length=MAX_SEARCH_CHARS * 2)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[EntryBrief]:
    """Entries, newest first; with ``q``, those containing every word of it."""
    query = q.strip()
    if query:
        problems: list[Problem] = []
        check_text(query, "q", problems, max_chars=MAX_SEARCH_CHARS)
        if problems:
            raise ValidationError(problems, code="empty_search")
        found = journal.search_entries(ctx, query, limit=offset + limit)[offset:]
    else:
        found = journal.list_entries(ctx, limit=limit, offset=offset)
    return [EntryBrief.model_validate(brief_fields(e)) for e in found]


@router.get("/entries/{entry_id}", response_model=EntryOut)
def get_entry(entry_id: EntryId, ctx: Viewer) -> EntryOut:
    """One entry with its analysis, the person's word on the traps, and their reframes."""
    return EntryOut.model_validate(entry_fields(reframing.entry_with_reflection(ctx, entry_id)))


@router.patch("/entries/{entry_id}", response_model=EntryWritten)
def edit_entry(entry_id: EntryId, body: EntryPatch, request: Request, ctx: Viewer) -> EntryWritten:
    """Change some parts of an entry. New words are analysed again (and screened first)."""
    current = journal.get_entry(ctx, entry_id)
    if all(value is None for value in (body.thought, body.situation, body.feelings, body.tags)):
        return _written(ctx, request, entry_id, None)  # nothing to change
    try:
        entry = journal.edit_entry(
            ctx,
            entry_id,
            thought=body.thought,
            situation=body.situation,
            emotions=None if body.feelings is None else _emotions(body.feelings),
            tags=body.tags,
        )
    except ValidationError as error:
        raise _as_feelings(error) from None
    changed = entry.thought != current.thought or entry.situation != current.situation
    analysis = reframing.analyze_entry(ctx, entry_id) if changed else None
    return _written(ctx, request, entry_id, analysis)


@router.delete("/entries/{entry_id}", status_code=204)
def delete_entry(entry_id: EntryId, ctx: Viewer) -> Response:
    """Delete an entry and everything kept about it."""
    journal.delete_entry(ctx, entry_id)
    return Response(status_code=204)


@router.put("/entries/{entry_id}/traps", response_model=list[FeedbackOut])
def set_traps(
    entry_id: EntryId,
    body: Annotated[TrapVerdictIn | list[TrapVerdictIn], Body()],
    ctx: Viewer,
) -> list[FeedbackOut]:
    """The person's word on thinking traps: one ``{trap, verdict}`` or a list. A later word
    on a trap replaces an earlier one. Returns every word kept for the entry."""
    journal.get_entry(ctx, entry_id)  # an unknown entry is a 404 before any check
    items = body if isinstance(body, list) else [body]
    problems: list[Problem] = []
    checked: list[tuple[str, str]] = []
    if isinstance(body, list) and len(body) > MAX_VERDICTS:
        raise ValidationError([Problem("request", "too_many", {"limit": MAX_VERDICTS})])
    for index, item in enumerate(items):
        try:
            checked.append(check_feedback(item.trap, item.verdict))
        except ValidationError as error:
            where = f"[{index}]." if isinstance(body, list) else ""
            problems.extend(Problem(where + p.location, p.code, p.params) for p in error.problems)
    if problems:
        raise ValidationError(problems)
    for trap, verdict in checked:
        reframing.record_trap_feedback(ctx, entry_id, trap, verdict)
    return [feedback_out(f) for f in reframing.entry_reframing(ctx, entry_id).trap_feedback]


@router.post("/entries/{entry_id}/reframes", response_model=ReframeSaved, status_code=201)
def add_reframe(entry_id: EntryId, body: ReframeIn, ctx: Viewer) -> ReframeSaved:
    """Keep a kinder answer to an entry's thought, with how much the original thought was
    believed before and after (0–100). Words of the person's own are screened for crisis
    language first: then ``crisis`` is true and ``support_url`` says where support is."""
    journal.get_entry(ctx, entry_id)  # an unknown entry is a 404 before any check
    try:
        saved = reframing.record_reframe(
            ctx,
            entry_id,
            body.text,
            body.origin,
            component=body.component,
            trap=body.trap,
            belief_before=body.belief_before,
            belief_after=body.belief_after,
        )
    except ValidationError as error:
        problems = [
            Problem("text" if p.location == "reframe" else p.location, p.code, p.params)
            for p in error.problems
        ]
        raise ValidationError(problems) from None
    crisis = saved.origin != "suggested" and reframing.screen(saved.text).level != "none"
    return ReframeSaved.model_validate(
        {**reframe_fields(saved), "crisis": crisis, "support_url": SUPPORT_URL if crisis else None}
    )
