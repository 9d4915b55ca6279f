"""Working with an entry: what the engine notices, the person's corrections, their reframes.

The language engine (ONNX Runtime and numpy) is imported inside the functions
that need it, never when this module is imported, so commands that don't
analyse anything stay light and `kindvoice --help` loads no model.

Safety comes first: crisis text is stored like any other entry, but it gets no
reframes and no talk of thinking traps; the interface answers it with support.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable

from kindvoice.core.errors import NotFoundError, Problem, ValidationError
from kindvoice.domain.nlp.types import CRISIS_LEVELS, Analysis, CrisisFinding, Reframe
from kindvoice.domain.records import Entry, Reflection, SavedReframe, TrapFeedback
from kindvoice.domain.reflection import check_feedback, make_reframe_parts, summarize
from kindvoice.domain.validation import check_text
from kindvoice.services.llm import LlmSettings
from kindvoice.services.wiring import Context
from kindvoice.storage import reframing_repos, repos

Progress = Callable[[int, int], None]
_BATCH = 50


def current_model_version() -> str:
    """The version of the engine this kindvoice ships (loads its small weights file)."""
    from kindvoice.domain.nlp.analyzer import MODEL_VERSION

    return MODEL_VERSION


def _analyze(text: str, situation: str = "") -> Analysis:
    """Analyse ``text``; the situation passes the crisis screen too.

    Every word a person writes is screened for crisis language, but traps and
    self-criticism describe the thought alone. If the situation is the more
    worrying of the two, its crisis finding is the one kept; the thought's own
    self-criticism and its spans stay as they were found.
    """
    from kindvoice.domain.nlp.analyzer import analyze

    analysis = analyze(text)
    if situation.strip():
        around = analyze(situation).crisis
        if CRISIS_LEVELS.index(around.level) > CRISIS_LEVELS.index(analysis.crisis.level):
            # Its span points into the situation, not the thought, so it is dropped.
            analysis = dataclasses.replace(analysis, crisis=CrisisFinding(around.level, around.cue))
    return analysis


def screen(text: str) -> CrisisFinding:
    """The crisis screen alone, for anything else a person writes (such as a reframe)."""
    from kindvoice.domain.nlp.analyzer import analyze

    return analyze(text).crisis


def suggest(
    text: str,
    analysis: Analysis,
    situation: str = "",
    *,
    most: int = 5,
    llm: LlmSettings | None = None,
) -> list[Reframe]:
    """Kinder answers to ``text``; none at all for crisis text."""
    if analysis.is_crisis:
        return []
    from kindvoice.domain.nlp.reframe import suggest_reframes

    suggestions = suggest_reframes(text, analysis, situation, most=most)
    extra = _llm_suggestion(text, analysis, situation, llm) if llm is not None else None
    return suggestions + ([extra] if extra is not None else [])


def _llm_suggestion(
    text: str, analysis: Analysis, situation: str, settings: LlmSettings
) -> Reframe | None:
    """One more reframe from a local chat model (KINDVOICE_LLM_URL).

    Its answer passes the same crisis, self-criticism and invalidation checks or is dropped;
    without the setting (the default) nothing is contacted at all.
    """
    from kindvoice.domain.nlp.analyzer import analyze
    from kindvoice.services.llm import llm_reframe

    return llm_reframe(
        text,
        situation,
        analysis,
        url=settings.url,
        model=settings.model,
        timeout=settings.timeout,
        checker=analyze,
    )


def _entry(ctx: Context, entry_id: int) -> Entry:
    with ctx.db.read() as conn:
        entry = repos.get_entry(conn, ctx.user_id, entry_id)
    if entry is None:
        raise NotFoundError("entry_not_found", id=entry_id)
    return entry


def analyze_entry(ctx: Context, entry_id: int) -> Analysis:
    """Analyse an entry's thought and keep the summary with it (replacing any earlier one).

    The model runs outside the transaction, so a slow first load never holds the
    database's write lock.
    """
    entry = _entry(ctx, entry_id)
    analysis = _analyze(entry.thought, entry.situation)
    with ctx.db.write() as conn:
        current = repos.get_entry(conn, ctx.user_id, entry_id)
        if current is None:
            raise NotFoundError("entry_not_found", id=entry_id)
        if current.thought == entry.thought:  # unless it was edited meanwhile
            stored = summarize(analysis, ctx.clock.now())
            reframing_repos.replace_analysis(conn, ctx.user_id, entry_id, stored)
    return analysis


def reanalyze_all(ctx: Context, progress: Progress | None = None) -> int:
    """Analyse every entry with no analysis, or one made by an older engine.

    Returns how many entries were analysed. Works in small batches, each its
    own transaction, so a long journal can be interrupted and resumed.
    """
    version = current_model_version()
    with ctx.db.read() as conn:
        todo = reframing_repos.entries_needing_analysis(conn, ctx.user_id, version)
    done = 0
    for start in range(0, len(todo), _BATCH):
        with ctx.db.read() as conn:
            batch = [
                (entry_id, entry)
                for entry_id in todo[start : start + _BATCH]
                if (entry := repos.get_entry(conn, ctx.user_id, entry_id)) is not None
            ]
        results = []
        for entry_id, entry in batch:
            analysis = _analyze(entry.thought, entry.situation)
            results.append((entry_id, entry.thought, summarize(analysis, ctx.clock.now())))
        with ctx.db.write() as conn:
            for entry_id, thought, stored in results:
                current = repos.get_entry(conn, ctx.user_id, entry_id)
                if current is not None and current.thought == thought:
                    reframing_repos.replace_analysis(conn, ctx.user_id, entry_id, stored)
                    done += 1
        if progress:
            progress(min(start + _BATCH, len(todo)), len(todo))
    return done


def record_trap_feedback(ctx: Context, entry_id: int, trap: str, verdict: str) -> TrapFeedback:
    """Keep the person's word on a thinking trap: "confirmed", "rejected" or "added"."""
    checked_trap, checked_verdict = check_feedback(trap, verdict)
    item = TrapFeedback(trap=checked_trap, verdict=checked_verdict, created_at=ctx.clock.now())
    with ctx.db.write() as conn:
        if repos.get_entry(conn, ctx.user_id, entry_id) is None:
            raise NotFoundError("entry_not_found", id=entry_id)
        reframing_repos.set_trap_feedback(conn, ctx.user_id, entry_id, item)
    return item


def record_reframe(
    ctx: Context,
    entry_id: int,
    text: str,
    origin: str = "own",
    component: str | None = None,
    trap: str | None = None,
    belief_before: int | None = None,
    belief_after: int | None = None,
) -> SavedReframe:
    """Keep a kinder answer to an entry's thought.

    ``origin`` is "own" (typed by the person), "suggested" (a suggestion kept as
    it was) or "edited" (a suggestion they changed). The beliefs (0–100) are how
    much they believed the original thought before and after answering it.
    """
    words, kind, part, trap_name, before, after = make_reframe_parts(
        text, origin, component, trap, belief_before, belief_after
    )
    item = SavedReframe(
        uid=str(uuid.uuid4()),
        text=words,
        origin=kind,
        component=part,
        trap=trap_name,
        belief_before=before,
        belief_after=after,
        created_at=ctx.clock.now(),
    )
    with ctx.db.write() as conn:
        if repos.get_entry(conn, ctx.user_id, entry_id) is None:
            raise NotFoundError("entry_not_found", id=entry_id)
        new_id = reframing_repos.insert_reframe(conn, ctx.user_id, entry_id, item)
    return dataclasses.replace(item, id=new_id)


def entry_reframing(ctx: Context, entry_id: int) -> Reflection:
    """What is kept about an entry: its analysis, the trap feedback and the reframes."""
    with ctx.db.read() as conn:
        if repos.get_entry(conn, ctx.user_id, entry_id) is None:
            raise NotFoundError("entry_not_found", id=entry_id)
        return reframing_repos.load_reflections(conn, ctx.user_id, [entry_id])[entry_id]


def entry_with_reflection(ctx: Context, entry_id: int) -> Entry:
    """One entry with everything kept about it, in one consistent read."""
    with ctx.db.read() as conn:
        entry = repos.get_entry(conn, ctx.user_id, entry_id)
        if entry is None:
            raise NotFoundError("entry_not_found", id=entry_id)
        found = reframing_repos.load_reflections(conn, ctx.user_id, [entry_id])
    return dataclasses.replace(entry, reflection=found[entry_id])


def quick_reframe(
    text: str, situation: str = "", llm: LlmSettings | None = None
) -> tuple[Analysis, list[Reframe]]:
    """Analyse a thought and suggest kinder answers, keeping nothing."""
    problems: list[Problem] = []
    thought = check_text(text, "thought", problems, required=True)
    around = check_text(situation, "situation", problems)
    if problems:
        raise ValidationError(problems)
    analysis = _analyze(thought, around)
    return analysis, suggest(thought, analysis, around, llm=llm)
