"""Daylio's CSV export, read row by row, with every problem located as in a spreadsheet.

The layouts Daylio has written, all read by the header's names rather than by position:

- the oldest: ``year,date,weekday,time,mood,activities,note`` (the date like ``18 May``);
- then ``full_date,date,weekday,time,mood,activities,note`` (``full_date`` like 2021-09-28);
- ``full_date,date,weekday,time,mood,activities,note_title,note``;
- the current one, with ``scales`` after ``note``.

Columns kindvoice doesn't use (``weekday``, the localised ``date`` beside ``full_date``,
``scales``, anything newer) are read past. The file starts with a byte-order mark, lists
the newest moment first, may hold several moments a day, separates activities with
`` | ``, keeps notes as a little HTML, and writes times as ``9:41 pm`` or ``21:41``
depending on the phone. Times carry no time zone: they are the phone's wall clock, placed
in a zone by the service.

Row numbers are those a spreadsheet shows: the header is row 1, the first moment row 2,
however many lines a note spans.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from kindvoice.core.errors import KindvoiceError, Problem, ValidationError
from kindvoice.domain.imports.common import ProblemLog, read_time_of_day
from kindvoice.domain.imports.html_text import html_to_text

# Daylio's five moods as it ships them, placed evenly on kindvoice's 0–10 scale around its
# middle (5). The ends stay free: a five-step scale can't say "as low (or high) as it gets".
DEFAULT_MOODS: dict[str, int] = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
ERROR_CODE = "daylio_invalid"
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH = re.compile(r"^(?P<day>\d{1,2})\.?\s+(?P<month>[a-z]+)\.?,?$")
_MONTH_DAY = re.compile(r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2}),?$")
_MOOD_MAP_PART = re.compile(r"^(?P<name>.+)=\s*(?P<value>-?\d+)\s*$")
_MAX_MOOD_NAME = 60


@dataclass(frozen=True)
class DaylioRow:
    """One moment from a Daylio export, read but not yet placed in time or on our scale."""

    row: int  # as a spreadsheet numbers it (the header is row 1)
    at: datetime  # the phone's wall-clock time, without a time zone
    mood: str  # the mood's name as written, trimmed
    activities: tuple[str, ...]
    title: str  # plain text (Daylio's note title), "" when there is none
    note: str  # plain text, line breaks kept
    content: tuple[str, ...]  # what the row holds, as written: the source of its ids


def mood_key(name: str) -> str:
    """How mood names are compared: case and spacing don't matter (``Meh `` is ``meh``)."""
    return " ".join(name.split()).casefold()


def looks_like_daylio(first_line: str) -> bool:
    """Whether a CSV file's first line is a Daylio header (any of its layouts)."""
    cells = first_line.lstrip("\ufeff").split(",")
    names = {cell.strip().strip('"').strip().lower() for cell in cells}
    return {"time", "mood"} <= names and bool(names & {"full_date", "year"})


# --- reading the sheet --------------------------------------------------------------------


def _columns(header: Sequence[str], log: ProblemLog) -> dict[str, int] | None:
    """Where each column kindvoice uses sits, or None (with a problem) for a foreign header."""
    names = [cell.strip().lstrip("\ufeff").strip().lower() for cell in header]
    where = {name: index for index, name in reversed(list(enumerate(names))) if name}
    dated = "full_date" in where or {"year", "date"} <= where.keys()
    missing = [name for name in ("time", "mood") if name not in where]
    if not dated or missing:
        log.add("row 1", "daylio_header", found=", ".join(n for n in names if n)[:120])
        return None
    return where


def _day(cells: Sequence[str], where: Mapping[str, int], row: int, log: ProblemLog) -> date | None:
    if "full_date" in where:
        value = cells[where["full_date"]].strip()
        try:
            return date.fromisoformat(value)
        except ValueError:
            log.add(f"row {row}, full_date", "daylio_bad_date", value=value[:40])
            return None
    year_text = cells[where["year"]].strip()
    written = cells[where["date"]].strip()
    found = _old_date(year_text, written)
    if found is None:
        log.add(f"row {row}, date", "daylio_bad_date", value=f"{written} {year_text}"[:40])
    return found


def _old_date(year_text: str, written: str) -> date | None:
    """The oldest layout's date: the year in its own column, the day like 18 May or May 18."""
    if not (year_text.isdigit() and len(year_text) == 4):
        return None
    text = " ".join(written.lower().split())
    match = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if match is None or match["month"] not in _MONTHS:
        return None
    try:
        return date(int(year_text), _MONTHS[match["month"]], int(match["day"]))
    except ValueError:
        return None


def _cell(cells: Sequence[str], where: Mapping[str, int], name: str) -> str:
    index = where.get(name)
    return cells[index] if index is not None else ""


def _row(
    cells: Sequence[str], where: Mapping[str, int], row: int, log: ProblemLog
) -> DaylioRow | None:
    before = len(log.problems)
    day = _day(cells, where, row, log)
    time_text = cells[where["time"]].strip()
    when = read_time_of_day(time_text)
    if when is None:
        log.add(f"row {row}, time", "daylio_bad_time", value=time_text[:40])
    mood = " ".join(cells[where["mood"]].split())
    if not mood:
        log.add(f"row {row}, mood", "daylio_no_mood")
    elif len(mood) > _MAX_MOOD_NAME:
        log.add(f"row {row}, mood", "too_long", limit=_MAX_MOOD_NAME, length=len(mood))
    activities_text = _cell(cells, where, "activities")
    title_text = _cell(cells, where, "note_title")
    note_text = _cell(cells, where, "note")
    if len(log.problems) > before or day is None or when is None:
        return None
    activities = tuple(part.strip() for part in activities_text.split("|") if part.strip())
    return DaylioRow(
        row=row,
        at=datetime.combine(day, when),
        mood=mood,
        activities=activities,
        title=html_to_text(title_text),
        note=html_to_text(note_text),
        # The moment (not how it was written), so 9:41 pm and 21:41 give the same ids.
        content=(
            datetime.combine(day, when).isoformat(),
            mood,
            " | ".join(activities),
            title_text.strip(),
            note_text.strip(),
        ),
    )


def _width_problem(cells: Sequence[str], width: int, row: int, log: ProblemLog) -> bool:
    """A row with missing cells (often a file cut off) or extra ones that hold something."""
    if len(cells) < width or any(cell.strip() for cell in cells[width:]):
        log.add(f"row {row}", "daylio_columns", found=len(cells), expected=width)
        return True
    return False


def _broken_row_code(reason: str) -> str:
    """Why Python's CSV reader stopped: a quote that never ends (a file cut off), a cell
    longer than it reads (far past what a note can hold), or quotes that don't match."""
    if "end of data" in reason:
        return "daylio_unclosed_quote"
    if "field limit" in reason:
        return "daylio_cell_too_long"
    return "daylio_broken_row"


def read_daylio(text: str) -> list[DaylioRow]:
    """Every moment in a Daylio CSV export (without its byte-order mark), oldest first.

    Raises ``ValidationError`` (``daylio_invalid``) listing every problem with its row.
    """
    log = ProblemLog([])
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    rows: list[DaylioRow] = []
    number = 0  # the last row read whole
    try:
        header = next(reader, [])
        number = 1
        where = _columns(header, log)
        if where is None:
            log.raise_if_any(ERROR_CODE)
            return []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, such as the one at the very end
            if log.full:
                log.stop_note()
                break
            if _width_problem(cells, len(header), number, log):
                continue
            found = _row(cells, where, number, log)
            if found is not None:
                rows.append(found)
    except csv.Error as exc:
        # The reader can't go on past a broken row; what came before is still reported.
        # The broken row is the one after the last it read whole.
        log.add(f"row {number + 1}", _broken_row_code(str(exc)))
    log.raise_if_any(ERROR_CODE)
    rows.sort(key=lambda r: (r.at, -r.row))  # oldest first; Daylio lists the newest first
    return rows


# --- moods ---------------------------------------------------------------------------------


def unknown_moods(rows: Iterable[DaylioRow], moods: Mapping[str, int]) -> list[str]:
    """The mood names (as first written) neither Daylio's defaults nor ``moods`` place."""
    known = {mood_key(name) for name in (*DEFAULT_MOODS, *moods)}
    found: dict[str, str] = {}
    for row in rows:
        key = mood_key(row.mood)
        if key not in known:
            found.setdefault(key, row.mood)
    return list(found.values())


def mood_scale(moods: Mapping[str, int]) -> dict[str, int]:
    """Daylio's default moods with the person's own names and changes on top, by key."""
    scale = {mood_key(name): value for name, value in DEFAULT_MOODS.items()}
    scale.update({mood_key(name): value for name, value in moods.items()})
    return scale


def read_mood_map(values: Iterable[str]) -> dict[str, int]:
    """``--mood-map`` values: ``NAME=VALUE``, repeated or split by commas, each 0–10.

    Raises ``ValidationError`` (``mood_map_invalid``) naming every part that can't be used.
    """
    problems: list[Problem] = []
    found: dict[str, int] = {}
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            match = _MOOD_MAP_PART.match(part.strip())
            name = " ".join(match["name"].split()) if match else ""
            if match is None or not name or len(name) > _MAX_MOOD_NAME:
                problems.append(Problem("--mood-map", "mood_map_form", {"part": part.strip()[:60]}))
                continue
            number = int(match["value"])
            if not 0 <= number <= 10:
                problems.append(
                    Problem("--mood-map", "mood_map_value", {"name": name, "value": number})
                )
                continue
            found[name] = number
    if problems:
        raise ValidationError(problems, code="mood_map_invalid")
    return found


def require_known_moods(rows: Sequence[DaylioRow], moods: Mapping[str, int]) -> None:
    """Raise ``daylio_unknown_moods`` (naming each) when some mood has no place yet."""
    unknown = unknown_moods(rows, moods)
    if unknown:
        raise KindvoiceError(
            "daylio_unknown_moods", names=", ".join(f"“{n}”" for n in unknown), example=unknown[0]
        )
