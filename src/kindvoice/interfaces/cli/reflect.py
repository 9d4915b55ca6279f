"""After `kindvoice write`: look at the thought together, gently, one question at a time.

Every question can be skipped with Enter, and nothing pushes. Crisis language
gets the support panel straight away, and nothing about traps or reframes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from kindvoice.domain.nlp.types import TRAPS, Analysis, Reframe
from kindvoice.domain.records import Entry
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import reflect_view, render
from kindvoice.interfaces.reflect_words import belief_change

if TYPE_CHECKING:
    from kindvoice.services.llm import LlmSettings
    from kindvoice.services.wiring import Context

YES = {"y", "yes"}
NO = {"n", "no"}


def _ask(message: str, default: str = "") -> str:
    # A default (a suggestion to edit) is shown, so Enter visibly keeps it.
    answer: str = click.prompt(message, default=default, show_default=bool(default))
    return answer.strip()


def _ask_belief(key: str) -> int | None:
    while True:
        answer = _ask(m.say(key)).rstrip("%").strip()
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 100:
            return int(answer)
        render.note(m.say("reflect.belief_again"))


def _ask_trap_fit(trap: str) -> str | None:
    """ "confirmed", "rejected", or None when skipped."""
    while True:
        answer = _ask(m.say("reflect.ask_trap", trap=m.trap_name(trap))).lower()
        if not answer:
            return None
        if answer in YES:
            return "confirmed"
        if answer in NO:
            return "rejected"
        render.note(m.say("reflect.ask_trap_again"))


def _ask_missed(shown: Sequence[str]) -> list[str]:
    """Traps the person adds from a numbered list of the ones not already named."""
    if _ask(m.say("reflect.ask_missed")).lower() not in YES:
        return []
    others = [t for t in TRAPS if t not in shown]
    render.note(m.say("reflect.missed_list"))
    for number, trap in enumerate(others, start=1):
        render.info(f"  {number:>2}. {m.trap_name(trap)}")
    while True:
        answer = _ask(m.say("reflect.ask_add"))
        if not answer:
            return []
        parts = answer.replace(",", " ").split()
        if all(p.isdigit() and 1 <= int(p) <= len(others) for p in parts):
            picked = [others[int(p) - 1] for p in parts]
            return list(dict.fromkeys(picked))
        render.note(m.say("reflect.add_again"))


def _ask_reframe(suggestions: Sequence[Reframe]) -> tuple[str, str, Reframe | None] | None:
    """(text, origin, the suggestion it came from) or None when skipped."""
    key = "reflect.ask_reframe" if suggestions else "reflect.ask_reframe_own"
    while True:
        answer = _ask(m.say(key))
        if not answer:
            return None
        if not (answer.isdigit() and suggestions):
            return answer, "own", None
        number = int(answer)
        if 1 <= number <= len(suggestions):
            picked = suggestions[number - 1]
            edited = _ask(m.say("reflect.ask_edit"), default=picked.text)
            if not edited or edited == picked.text.strip():
                return picked.text, "suggested", picked
            return edited, "edited", picked
        render.note(m.say("reflect.no_such_suggestion", number=number, count=len(suggestions)))


def _say_change(before: int | None, after: int | None) -> None:
    line = belief_change(before, after)
    if line:
        render.note(line)


def converse(
    context: Context,
    entry: Entry,
    analysis: Analysis,
    suggestions: Sequence[Reframe],
    country: str | None,
) -> None:
    """The interactive part: confirm or correct the traps, then perhaps a kinder answer."""
    from kindvoice.services import reframing

    assert entry.id is not None
    likely = [t.trap for t in analysis.likely_traps()]
    render.out.print()
    fitting = False
    for trap in likely:
        verdict = _ask_trap_fit(trap)
        if verdict is not None:
            reframing.record_trap_feedback(context, entry.id, trap, verdict)
            fitting = fitting or verdict == "confirmed"
    added = _ask_missed(likely)
    for trap in added:
        reframing.record_trap_feedback(context, entry.id, trap, "added")
    # A reframe is offered when something harsh was noticed or named by the person;
    # a neutral thought needs no answering.
    if not (analysis.is_self_critical or likely or added or fitting):
        render.note(m.say("reflect.thanks"))
        return
    reflect_view.show_suggestions(suggestions)
    render.out.print()
    before = _ask_belief("reflect.ask_belief_before")
    chosen = _ask_reframe(suggestions)
    if chosen is None:
        render.note(m.say("reflect.thanks"))
        return
    text, origin, source = chosen
    if origin != "suggested" and reframing.screen(text).level != "none":
        reframing.record_reframe(context, entry.id, text, origin, belief_before=before)
        reflect_view.support_panel(country)
        return
    after = _ask_belief("reflect.ask_belief_after")
    reframing.record_reframe(
        context,
        entry.id,
        text,
        origin,
        component=source.component if source else None,
        trap=source.trap if source else None,
        belief_before=before,
        belief_after=after,
    )
    render.note(m.say("reflect.saved", id=entry.id))
    _say_change(before, after)
    render.note(m.say("reflect.thanks"))


def after_write(
    context: Context,
    entry: Entry,
    *,
    interactive: bool,
    country: str | None,
    llm: LlmSettings | None = None,
) -> None:
    """Analyse a just-saved entry and look at it together (or only show, when not a terminal)."""
    from kindvoice.services import reframing

    assert entry.id is not None
    analysis = reframing.analyze_entry(context, entry.id)
    if analysis.is_crisis:
        # The panel says the entry is saved; nothing about traps or reframes.
        reflect_view.support_panel(
            country, after_write=True, urgent=analysis.crisis.level == "urgent"
        )
        return
    render.note(m.say("write.saved", id=entry.id))
    render.out.print()
    suggestions = reframing.suggest(entry.thought, analysis, entry.situation, llm=llm)
    noticed = reflect_view.show_noticed(analysis, entry.thought)
    if interactive:
        converse(context, entry, analysis, suggestions, country)
    elif noticed:
        reflect_view.show_suggestions(suggestions)


def write_json(
    context: Context, entry: Entry, country: str | None, llm: LlmSettings | None = None
) -> dict[str, Any]:
    """`write --json`: the entry with its analysis, and the suggestions (or support)."""
    from kindvoice.services import reframing

    assert entry.id is not None
    analysis = reframing.analyze_entry(context, entry.id)
    data = render.entry_json(reframing.entry_with_reflection(context, entry.id))
    suggestions = reframing.suggest(entry.thought, analysis, entry.situation, llm=llm)
    data["suggestions"] = [reflect_view.suggestion_json(s) for s in suggestions]
    if analysis.is_crisis:
        data["support"] = reflect_view.support_json(country)
        # A person may be reading even when a script asked: the panel goes to stderr.
        reflect_view.support_panel(
            country,
            after_write=True,
            urgent=analysis.crisis.level == "urgent",
            to_stderr=True,
        )
    return data
