"""What the Write and Journal pages say about an entry: what was noticed, the problems with a
form, moments, and belief changes. Sentences come from the catalog; this only chooses them.
"""

from __future__ import annotations

import re
from datetime import datetime

from kindvoice.core.errors import ValidationError
from kindvoice.domain.nlp.types import Analysis
from kindvoice.domain.records import StoredAnalysis
from kindvoice.interfaces import messages as m

# The parts of what was noticed that both a fresh Analysis and a stored one have.
Noticed = Analysis | StoredAnalysis

_INDEXED = re.compile(r"^(?P<base>\w+)\[(?P<index>\d+)\]")
MAX_QUOTE_CHARS = 80


def _harsh_words(noticed: Noticed, thought: str) -> str:
    """The first self-critical words, quoted, or nothing."""
    if not noticed.critic_spans:
        return ""
    first = noticed.critic_spans[0]
    words = " ".join(thought[first.start : first.end].split())
    if not words or len(words) > MAX_QUOTE_CHARS:
        return ""
    return m.say("reflect.quote", words=words)


def noticed_lines(noticed: Noticed, thought: str) -> list[str]:
    """Warm sentences for the self-criticism and each likely trap (empty: nothing noticed).

    Crisis text gets none at all: no talk of thinking traps, only support.
    """
    from kindvoice.domain.nlp.specifics import find_labels

    if noticed.is_crisis:
        return []
    lines: list[str] = []
    if noticed.is_self_critical:
        lines.append(m.say("reflect.self_critical", quote=_harsh_words(noticed, thought)))
    for score in noticed.likely_traps():
        template = m.TRAP_NOTICED.get(score.trap)
        if not template:
            continue
        quote = ""
        if score.trap == "labeling":
            labels = find_labels(thought)
            quote = m.say("reflect.quote", words=labels[0]) if labels else ""
        lines.append(template.format(quote=quote))
    return lines


def when(moment: datetime) -> str:
    """A moment as people read it, in the time zone it was written in (no month names, so
    nothing here needs translating)."""
    return moment.strftime("%Y-%m-%d %H:%M")


def belief_change(before: int | None, after: int | None) -> str:
    """A kind sentence about a belief rating that moved (or didn't); empty without both."""
    if before is None or after is None:
        return ""
    if after < before:
        return m.say("reflect.eased", before=before, after=after)
    if after == before:
        return m.say("reflect.same", after=after)
    return m.say("reflect.rose", after=after)


def _where(location: str, rows: list[int] | None = None) -> str:
    """A problem's location in the form's own words: "Feeling 2", "The thought"."""
    found = _INDEXED.match(location)
    if found:
        base, index = found["base"], int(found["index"])
        if base == "emotions":
            number = rows[index] if rows and index < len(rows) else index + 1
            return m.say("web.write.where.feeling", number=number)
        if base == "tags":
            return m.say("web.write.where.tag", number=index + 1)
    base = re.split(r"[.\[]", location, maxsplit=1)[0]
    if base == "emotions":
        base = "feelings"
    key = "web.write.where." + base
    return m.say(key) if key in m.MESSAGES else m.say("web.write.where.other")


def problem_lines(error: ValidationError, rows: list[int] | None = None) -> list[str]:
    """Each problem with a form as one line, named by the field people see.

    ``rows`` maps a feeling's place among those given to its row on the form (1-based),
    since empty rows are left out before checking.
    """
    lines = []
    for problem in error.problems[: m.MAX_PROBLEMS_SHOWN]:
        template = m.PROBLEMS.get(problem.code, m.ERRORS["invalid_input"])
        try:
            text = template.format(code=problem.code, **problem.params)
        except (KeyError, IndexError, ValueError):
            text = m.ERRORS["invalid_input"]
        lines.append(m.say("problem_line", location=_where(problem.location, rows), text=text))
    return lines
