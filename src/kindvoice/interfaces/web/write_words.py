"""What the Write and Journal pages say about an entry: the problems with a form, and moments.
Sentences come from the catalog; this only chooses them. What was noticed and belief changes
are in ``interfaces/reflect_words.py``, shared with the terminal.
"""

from __future__ import annotations

import re
from datetime import datetime

from kindvoice.core.errors import ValidationError
from kindvoice.interfaces import messages as m

_INDEXED = re.compile(r"^(?P<base>\w+)\[(?P<index>\d+)\]")


def when(moment: datetime) -> str:
    """A moment as people read it, in the time zone it was written in (no month names, so
    nothing here needs translating)."""
    return moment.strftime("%Y-%m-%d %H:%M")


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
