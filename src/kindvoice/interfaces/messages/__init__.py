"""Every sentence kindvoice says to a person, in one place to review and translate.

Voice (see DESIGN.md): warm, plain, second person, no blame, no "should", no
exclamation-mark cheerleading. Errors are ours, not the reader's.

The sentences live beside this file, one module per subject: ``help.py`` (``HELP``),
``everyday.py``, ``practice.py`` and ``insights.py`` (the parts of ``MESSAGES``), ``errors.py``
(``ERRORS``, ``PROBLEMS``, ``LOCATIONS``), ``names.py`` (``TRAP_NAMES``, ``TRAP_NOTICED``,
``NOUNS``, ``CONTENT_REASONS``), and the web app's own, one module per part of the app
(``web*.py``). This module puts the one catalog together and holds the functions that use it;
code reaches every name through here (``from kindvoice.interfaces import messages as m``).
"""

from __future__ import annotations

from typing import Any

from kindvoice.core.errors import KindvoiceError, Problem, ValidationError
from kindvoice.interfaces.messages import (
    backups,
    everyday,
    imports,
    insights,
    practice,
    vault,
    web,
    web_insights,
    web_practice,
    web_settings,
    web_write,
)
from kindvoice.interfaces.messages.errors import ERRORS, LOCATIONS, PROBLEMS
from kindvoice.interfaces.messages.help import HELP
from kindvoice.interfaces.messages.names import CONTENT_REASONS, NOUNS, TRAP_NAMES, TRAP_NOTICED

__all__ = [
    "CONTENT_REASONS",
    "ERRORS",
    "HELP",
    "LOCATIONS",
    "MAX_PROBLEMS_SHOWN",
    "MESSAGES",
    "NOUNS",
    "PROBLEMS",
    "TRAP_NAMES",
    "TRAP_NOTICED",
    "content_reason",
    "count",
    "describe_problem",
    "explain",
    "say",
    "trap_name",
]

# Everyday messages, by key: the subjects' parts and the web app's join in one catalog, so
# `say()` and every voice check cover them all. A key defined twice is a slip, caught on import.
MESSAGES: dict[str, str] = {}
for _part in (
    everyday.EVERYDAY,
    practice.PRACTICE,
    insights.INSIGHTS,
    web.WEB,
    web_write.WEB,
    web_practice.WEB,
    web_insights.WEB,
    web_settings.WEB,
    vault.MESSAGES,
    backups.MESSAGES,
    imports.MESSAGES,
):
    _clash = MESSAGES.keys() & _part.keys()
    if _clash:  # pragma: no cover - a slip caught on import, in every test run
        raise RuntimeError(f"message keys defined twice: {sorted(_clash)}")
    MESSAGES.update(_part)

# The privacy parts (vault, backups, imports) bring their own help, errors and problems.
for _target, _parts in (
    (HELP, (vault.HELP, backups.HELP, imports.HELP)),
    (ERRORS, (vault.ERRORS, backups.ERRORS, imports.ERRORS)),
    (PROBLEMS, (vault.PROBLEMS, backups.PROBLEMS, imports.PROBLEMS)),
):
    for _extra in _parts:
        _clash = _target.keys() & _extra.keys()
        if _clash:  # pragma: no cover - a slip caught on import, in every test run
            raise RuntimeError(f"message keys defined twice: {sorted(_clash)}")
        _target.update(_extra)

MAX_PROBLEMS_SHOWN = 20


def content_reason(reason: str, detail: str = "") -> str:
    """Why a content file's field can't be used, in plain words."""
    template = CONTENT_REASONS.get(reason)
    if template is None:
        return f"{reason} {detail}".strip()
    return template.format(detail=detail)


def trap_name(trap: str) -> str:
    return TRAP_NAMES.get(trap, trap.replace("_", " "))


def say(key: str, **params: Any) -> str:
    """The message ``key``, filled in."""
    return MESSAGES[key].format(**params)


def count(number: int, noun: str) -> str:
    """``1 journal entry``, ``3 journal entries``."""
    one, many = NOUNS[noun]
    return f"{number:,} {one if number == 1 else many}"


def describe_problem(problem: Problem) -> str:
    template = PROBLEMS.get(problem.code, "{code}")
    text = template.format(code=problem.code, **problem.params)
    location = LOCATIONS.get(problem.location, problem.location)
    return MESSAGES["problem_line"].format(location=location, text=text)


def explain(error: KindvoiceError) -> list[str]:
    """The lines to show for an error: a headline, then each problem."""
    template = ERRORS.get(error.code, ERRORS["error"])
    try:
        headline = template.format(**error.params)
    except (KeyError, IndexError):
        headline = ERRORS["error"]
    lines = [headline]
    if isinstance(error, ValidationError):
        if error.code == "empty_search":
            return [headline]
        if len(error.problems) == 1 and error.code == "invalid_input":
            # One problem reads better on its own, without the headline.
            return [describe_problem(error.problems[0])]
        shown = error.problems[:MAX_PROBLEMS_SHOWN]
        lines.extend("  • " + describe_problem(p) for p in shown)
        hidden = len(error.problems) - len(shown)
        if hidden > 0:
            lines.append("  " + say("more_problems", count=hidden))
    return lines
