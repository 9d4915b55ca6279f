"""Reading the Write, Edit and Reflect forms: every field as text, checked kindly.

Each reader collects every problem before anything is kept, so a person sees all that needs
a change at once, and the form comes back with what they wrote still in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import FormData, UploadFile

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.nlp.types import COMPONENTS, TRAPS
from kindvoice.domain.records import Emotion, Entry
from kindvoice.domain.validation import make_entry_draft
from kindvoice.interfaces.web.forms import MAX_FIELD, rating, text

# How many empty feeling rows a blank form offers (JavaScript can add more).
FEELING_ROWS = 3
# A middle value when someone names a feeling without saying how strong it was (as the CLI).
UNRATED_FEELING = 50
BELIEF_TOP = 100


@dataclass
class EntryForm:
    """What the Write or Edit form held, as typed (to show again) and as records."""

    situation: str = ""
    thought: str = ""
    feelings: list[tuple[str, str]] = field(default_factory=list)  # (name, intensity) as typed
    tags: str = ""
    emotions: list[Emotion] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # each emotion's row on the form, from 1

    def tag_list(self) -> list[str]:
        return split_tags(self.tags)

    def rows_to_show(self) -> list[tuple[str, str]]:
        """The feeling rows to draw: those typed, then empty ones up to a few."""
        shown = [row for row in self.feelings if row[0].strip() or row[1].strip()]
        return shown + [("", "")] * max(FEELING_ROWS - len(shown), 1)


def split_tags(raw: str) -> list[str]:
    """``work, family`` → ``["work", "family"]``; the domain tidies each one."""
    return [part for part in raw.split(",") if part.strip()]


def _all(form: FormData, name: str) -> list[str]:
    return [v[:MAX_FIELD] for v in form.getlist(name) if not isinstance(v, UploadFile)]


def entry_form_of(entry: Entry) -> EntryForm:
    """An entry as the Edit form shows it."""
    return EntryForm(
        situation=entry.situation,
        thought=entry.thought,
        feelings=[(e.name, str(e.intensity)) for e in entry.emotions],
        tags=", ".join(entry.tags),
    )


def parse_entry_form(form: FormData) -> tuple[EntryForm, list[Problem]]:
    """The form's fields as typed, and every problem with them (empty when all is well)."""
    names, strengths = _all(form, "feeling"), _all(form, "intensity")
    rows = list(zip(names, strengths + [""] * (len(names) - len(strengths)), strict=False))
    found = EntryForm(
        situation=text(form, "situation"),
        thought=text(form, "thought"),
        feelings=rows,
        tags=text(form, "tags"),
    )
    problems: list[Problem] = []
    for number, (name, strength) in enumerate(rows, start=1):
        if not name.strip() and not strength.strip():
            continue
        where = f"emotions[{len(found.emotions)}]"
        intensity = _intensity(strength, f"{where}.intensity", problems)
        if not name.strip():
            problems.append(Problem(f"{where}.name", "feeling_needs_name"))
        found.emotions.append(Emotion(name=name.strip(), intensity=intensity))
        found.rows.append(number)
    try:
        make_entry_draft(found.thought, found.situation, found.emotions, found.tag_list())
    except ValidationError as error:
        # A missing name is already noted, in kinder words than "empty".
        named = {p.location for p in problems}
        problems.extend(p for p in error.problems if p.location not in named)
    return found, problems


def _intensity(raw: str, location: str, problems: list[Problem]) -> int:
    value = raw.strip().rstrip("%").strip()
    if not value:
        return UNRATED_FEELING
    try:
        return int(value)
    except ValueError:
        problems.append(Problem(location, "not_a_whole_number", {"top": 100}))
        return 0


# --- Reflect -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReframeForm:
    """A kinder answer as chosen on the Reflect page."""

    text: str
    origin: str
    component: str | None
    trap: str | None
    belief_before: int | None
    belief_after: int | None


def _belief(form: FormData, name: str, problems: list[Problem]) -> int | None:
    if text(form, "skip_" + name):
        return None
    return rating(form, name, problems, 0, BELIEF_TOP)


def read_reframe_form(form: FormData) -> ReframeForm:
    """The picked suggestion or the person's own words, and the two beliefs (0–100).

    A suggestion kept word for word is "suggested", a changed one "edited", words of their
    own "own". Raises ``ValidationError`` with every problem.
    """
    problems: list[Problem] = []
    before = _belief(form, "belief_before", problems)
    after = _belief(form, "belief_after", problems)
    own = text(form, "own").strip()
    choice = text(form, "choice").strip()
    picked = text(form, f"s_text_{choice}").strip() if choice.isdigit() else ""
    component: str | None = None
    trap: str | None = None
    if picked:
        part = text(form, f"s_part_{choice}")
        named = text(form, f"s_trap_{choice}")
        component = part if part in COMPONENTS else None
        trap = named if named in TRAPS else None
        origin, words = ("suggested", picked) if own in ("", picked) else ("edited", own)
    else:
        origin, words = "own", own
    if not words:
        problems.append(Problem("reframe", "empty_text"))
    if problems:
        raise ValidationError(problems)
    return ReframeForm(words, origin, component, trap, before, after)


def read_trap_answers(form: FormData, shown: list[str]) -> list[tuple[str, str]]:
    """(trap, verdict) for each trap the person answered, and one they added."""
    answers = []
    for trap in shown:
        verdict = text(form, "trap_" + trap)
        if verdict in ("confirmed", "rejected"):
            answers.append((trap, verdict))
    added = text(form, "added").strip()
    if added:
        answers.append((added, "added"))
    return answers
