"""`kindvoice assess`: answer a questionnaire, keep the result, see change over time.

The questionnaires are kindvoice's own (shipped) and a person's own files in
``<home>/instruments/*.toml``; a file of their own with the same id as a
shipped one (a scoring key with the official wording filled in) is the one
used. A published scale ships without its wording and can't be taken until
someone adds it in a file of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from rich.table import Table
from rich.text import Text

from kindvoice.core.errors import KindvoiceError, NotFoundError, Problem, ValidationError
from kindvoice.domain.practices.catalog import CatalogError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import CliState, state_of

if TYPE_CHECKING:
    from kindvoice.domain.instruments.engine import Instrument, ReliableChange
    from kindvoice.domain.instruments.results import Assessment
    from kindvoice.services.assessments import Change, Step

OWN_INSTRUMENTS_FOLDER = "instruments"  # in kindvoice's home: a person's own questionnaires
# Statements answered in about a minute; longer questionnaires say how many minutes.
ITEMS_PER_MINUTE = 10


@dataclass(frozen=True)
class Known:
    """The questionnaires kindvoice can see: shipped ones, the person's own, the broken files."""

    shipped: tuple[Instrument, ...]
    own: tuple[Instrument, ...]
    own_paths: dict[str, Path]
    broken: tuple[CatalogError, ...]

    def all(self) -> list[Instrument]:
        """Each id once: the person's own file in place of a shipped one with the same id."""
        own_ids = {i.id for i in self.own}
        return [*(i for i in self.shipped if i.id not in own_ids), *self.own]


def assess(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help=m.HELP["assess.name"], metavar="[NAME]", show_default=False)
    ] = None,
    instrument_file: Annotated[
        Path | None,
        typer.Option("--instrument", help=m.HELP["assess.instrument"], metavar="FILE"),
    ] = None,
    answers: Annotated[str | None, typer.Option("--answers", help=m.HELP["assess.answers"])] = None,
    show_history: Annotated[bool, typer.Option("--history", help=m.HELP["assess.history"])] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=m.HELP["assess.limit"])] = 30,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """Answer a questionnaire, keep the result, and see how it changes."""
    state = state_of(ctx)
    if name is not None and instrument_file is not None:
        raise KindvoiceError("assess_two_instruments")
    if show_history:
        _history(state, name, instrument_file, limit, as_json)
        return
    if name is None and instrument_file is None:
        if answers is not None:
            raise KindvoiceError("assess_needs_instrument")
        _list(state, as_json)
        return
    known = _known(state)
    instrument = (
        _from_file(instrument_file) if instrument_file is not None else _by_name(name or "", known)
    )
    if not instrument.wording_included:
        _refuse_without_wording(state, instrument, instrument_file)
    if answers is not None:
        given = parse_answers(answers, instrument)
    elif render.is_interactive():
        given = _ask(instrument)
    else:
        raise KindvoiceError("needs_terminal", what="--answers")
    _take(state, instrument, given, as_json)


# --- which questionnaires there are ----------------------------------------------------


def own_folder(state: CliState) -> Path:
    return state.settings.home / OWN_INSTRUMENTS_FOLDER


def shipped_folder() -> str:
    """Where kindvoice's own instrument files are, to copy one as a start."""
    from kindvoice.domain.instruments.engine import INSTRUMENTS_FOLDER, INSTRUMENTS_PACKAGE

    return str(files(INSTRUMENTS_PACKAGE).joinpath(INSTRUMENTS_FOLDER))


def _known(state: CliState) -> Known:
    """The shipped questionnaires and the person's own files (a broken file is set aside)."""
    from kindvoice.domain.instruments.engine import load_instrument_file, load_shipped

    own: list[Instrument] = []
    paths: dict[str, Path] = {}
    broken: list[CatalogError] = []
    folder = own_folder(state)
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                instrument = load_instrument_file(path.resolve())
            except CatalogError as error:
                broken.append(error)
                continue
            if instrument.id not in paths:  # the first file with an id is the one used
                own.append(instrument)
                paths[instrument.id] = path
    return Known(shipped=load_shipped(), own=tuple(own), own_paths=paths, broken=tuple(broken))


def _from_file(path: Path) -> Instrument:
    """A person's own questionnaire file; a mistake in it names the file and the field."""
    from kindvoice.domain.instruments.engine import load_instrument_file

    full = path.expanduser().resolve()
    if not full.is_file():
        raise NotFoundError("instrument_file_missing", path=str(path))
    try:
        return load_instrument_file(full)
    except CatalogError as error:
        raise ValidationError(
            [
                Problem(
                    f"{error.source}, at {error.field or '(whole file)'}",
                    "instrument_field",
                    {"reason": reason_text(error)},
                )
            ],
            code="instrument_file_broken",
        ) from error


def _by_name(name: str, known: Known) -> Instrument:
    from kindvoice.domain.instruments.engine import find_instrument

    found = find_instrument(name, known.own)
    if found is None:
        choices = ", ".join(i.id for i in known.all())
        raise NotFoundError("instrument_not_found", name=name.strip(), choices=choices)
    return found


def reason_text(error: CatalogError) -> str:
    """Why a questionnaire file can't be used, in plain words."""
    template = m.MESSAGES.get(f"assess.reason.{error.reason}")
    if template is not None:
        return template.format(detail=error.detail)
    return m.content_reason(error.reason, error.detail)


def _refuse_without_wording(
    state: CliState, instrument: Instrument, instrument_file: Path | None
) -> None:
    if instrument_file is not None:
        raise KindvoiceError("instrument_file_without_wording", path=str(instrument_file))
    source = str(Path(shipped_folder()) / f"{instrument.id}.toml")
    raise KindvoiceError(
        "instrument_without_wording",
        name=instrument.name,
        id=instrument.id,
        source=source,
        target=str(own_folder(state) / f"{instrument.id}.toml"),
    )


def _list(state: CliState, as_json: bool) -> None:
    known = _known(state)
    shown = known.all()
    if as_json:
        render.print_json([_instrument_json(i, known) for i in shown])
        return
    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("assess.col_id"), no_wrap=True)
    table.add_column(m.say("assess.col_name"), overflow="fold")
    table.add_column(m.say("assess.col_items"), justify="right")
    table.add_column(m.say("assess.col_here"), overflow="fold")
    for instrument in shown:
        name = instrument.name
        if instrument.id in known.own_paths:
            name = m.say("assess.own_marker", name=name)
        here = m.say("assess.ready" if instrument.wording_included else "assess.key_only")
        # Names from a person's own file are shown as written, never read as markup.
        table.add_row(instrument.id, Text(name), str(len(instrument.items)), here)
    render.out.print(table)
    for error in known.broken:
        render.note(
            m.say(
                "assess.own_broken",
                source=error.source,
                field=error.field or "(whole file)",
                reason=reason_text(error),
            )
        )
    render.note(m.say("assess.list_hint"))
    if any(not i.wording_included for i in shown):
        render.note(
            m.say("assess.how_to_add_wording", shipped=shipped_folder(), folder=own_folder(state))
        )


def _instrument_json(instrument: Instrument, known: Known) -> dict[str, Any]:
    path = known.own_paths.get(instrument.id)
    return {
        "id": instrument.id,
        "name": instrument.name,
        "items": len(instrument.items),
        "scale": [instrument.scale.low, instrument.scale.high],
        "scoring": instrument.scoring,
        "subscales": list(instrument.subscales),
        "validated": instrument.validated,
        "wording_included": instrument.wording_included,
        "can_take": instrument.wording_included,
        "has_norms": instrument.norms is not None,
        "file": None if path is None else str(path),
    }


# --- answering ---------------------------------------------------------------------------


def parse_answers(text: str, instrument: Instrument) -> dict[int, int]:
    """``3,4,2,…``: one whole number per statement, in order; raises ValidationError."""
    parts = [part.strip() for part in text.split(",")]
    count = len(instrument.items)
    if len(parts) != count:
        raise ValidationError(
            [Problem("answers", "answer_count", {"given": len(parts), "count": count})]
        )
    low, high = instrument.scale.low, instrument.scale.high
    problems: list[Problem] = []
    given: dict[int, int] = {}
    for item, part in zip(instrument.items, parts, strict=True):
        where = f"answers[{item.number}]"
        try:
            value = int(part)
        except ValueError:
            problems.append(Problem(where, "answer_not_whole", {"low": low, "high": high}))
            continue
        if not low <= value <= high:
            params = {"value": value, "low": low, "high": high}
            problems.append(Problem(where, "answer_out_of_range", params))
        given[item.number] = value
    if problems:
        raise ValidationError(problems)
    return given


def _length(instrument: Instrument) -> str:
    minutes = -(-len(instrument.items) // ITEMS_PER_MINUTE)
    return m.say("assess.a_minute") if minutes <= 1 else m.say("assess.minutes", minutes=minutes)


def _ask(instrument: Instrument) -> dict[int, int]:
    """Each statement in turn, with its labelled choices; Ctrl-C stops and keeps nothing."""
    scale = instrument.scale
    intro = "assess.intro_validated" if instrument.validated else "assess.intro_unvalidated"
    title = m.say("assess.title", name=instrument.name)
    render.out.print(Text(title, style=f"bold {render.ACCENT}"))
    render.info(
        m.say(
            intro,
            count=len(instrument.items),
            low=scale.low,
            high=scale.high,
            length=_length(instrument),
        )
    )
    render.note(m.say("assess.how_to_stop"))
    given: dict[int, int] = {}
    try:
        for item in instrument.items:
            render.info("")
            text = item.text or ""
            render.info(
                m.say("assess.item", number=item.number, count=len(instrument.items), text=text)
            )
            if scale.labels is not None:
                for value in range(scale.low, scale.high + 1):
                    render.note(m.say("assess.choice", value=value, label=scale.label(value)))
            given[item.number] = _ask_one(scale.low, scale.high)
    except (KeyboardInterrupt, click.Abort):
        render.out.print()
        render.note(m.say("assess.stopped"))
        raise typer.Exit(130) from None
    return given


def _ask_one(low: int, high: int) -> int:
    while True:
        answer = click.prompt(
            m.say("assess.ask", low=low, high=high), default="", show_default=False
        ).strip()
        value: int | None
        try:
            value = int(answer)
        except ValueError:
            value = None
        if value is not None and low <= value <= high:
            return value
        render.note(m.say("assess.ask_again", low=low, high=high))


# --- the result --------------------------------------------------------------------------


def _take(state: CliState, instrument: Instrument, given: Mapping[int, int], as_json: bool) -> None:
    from kindvoice.services import assessments

    context = state.context
    result = assessments.record(context, instrument, given)
    change = assessments.change(context, instrument)
    if as_json:
        render.print_json(
            {
                "assessment": assessment_json(result),
                "change": None if change is None else change_json(change),
            }
        )
        return
    render.out.print()
    render.note(m.say("assess.saved", name=instrument.name))
    low, high = instrument.total_range
    render.info(
        m.say("assess.score", score=number(result.total), low=number(low), high=number(high))
    )
    if result.subscales:
        render.info(m.say("assess.parts"))
        for subscale, value in result.subscales:
            render.info(m.say("assess.part", name=subscale_name(subscale), score=number(value)))
    if change is None:
        render.note(m.say("assess.first_time"))
        return
    render.out.print()
    _say_step("assess.since_previous", change.since_previous)
    if change.count > 2:  # with two results, the first one is the previous one
        _say_step("assess.since_first", change.since_first)


def _say_step(key: str, step: Step) -> None:
    render.info(
        m.say(
            key,
            when=render.when(step.before.taken_at),
            before=number(step.before.total),
            after=number(step.after.total),
            difference=signed(step.difference),
        )
    )
    rci = step.reliable
    if rci is None:
        return  # no norms: the numbers only, and no claim about them
    words = {
        "better": "assess.rci_better",
        "worse": "assess.rci_worse",
        "no_reliable_change": "assess.rci_within",
    }
    render.note(m.say(words[rci.direction], rc=f"{rci.rc:+.2f}"))


def number(value: float) -> str:
    """A score as people read it: up to two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def signed(value: float) -> str:
    shown = number(value)
    if shown == "0":
        return m.say("assess.same")
    return shown if shown.startswith("-") else f"+{shown}"


def subscale_name(name: str) -> str:
    return m.MESSAGES.get(f"assess.subscale.{name}", name.replace("_", " "))


def assessment_json(result: Assessment) -> dict[str, Any]:
    """The export's form of a result, with the local number as ``id``."""
    from kindvoice.domain.instruments.results import assessment_to_dict

    data = assessment_to_dict(result)
    return {"id": result.id, "uid": data.pop("id"), **data}


def _rci_json(rci: ReliableChange | None) -> dict[str, Any] | None:
    if rci is None:
        return None
    return {
        "rc": rci.rc,
        "se": rci.se,
        "s_diff": rci.s_diff,
        "reliable": rci.reliable,
        "direction": rci.direction,
    }


def _step_json(step: Step) -> dict[str, Any]:
    return {
        "from": step.before.total,
        "to": step.after.total,
        "from_taken_at": step.before.taken_at.isoformat(),
        "to_taken_at": step.after.taken_at.isoformat(),
        "difference": step.difference,
        "reliable_change": _rci_json(step.reliable),
    }


def change_json(change: Change) -> dict[str, Any]:
    return {
        "count": change.count,
        "since_first": _step_json(change.since_first),
        "since_previous": _step_json(change.since_previous),
    }


# --- looking back ------------------------------------------------------------------------


def _history(
    state: CliState, name: str | None, instrument_file: Path | None, limit: int, as_json: bool
) -> None:
    from kindvoice.services import assessments

    wanted: str | None = None
    if instrument_file is not None:
        wanted = _from_file(instrument_file).id
    elif name is not None:
        # A result may name an instrument whose file isn't here, so any id can be asked for.
        wanted = "-".join(name.strip().lower().replace("_", " ").split())
    results = assessments.history(state.context, wanted, limit=limit)
    if as_json:
        render.print_json([assessment_json(r) for r in results])
        return
    if not results:
        if wanted is None:
            render.note(m.say("assess.history_empty"))
        else:
            render.note(m.say("assess.history_empty_for", id=wanted))
        return
    known = _known(state)
    names = {i.id: i.name for i in known.all()}
    _history_table(results, names)


def _history_table(results: Sequence[Assessment], names: Mapping[str, str]) -> None:
    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("journal.col_id"), justify="right", no_wrap=True)
    table.add_column(m.say("assess.col_when"), no_wrap=True)
    table.add_column(m.say("assess.col_name"), overflow="fold")
    table.add_column(m.say("assess.col_score"), justify="right")
    table.add_column(m.say("assess.col_parts"), overflow="fold")
    for result in results:
        parts = " · ".join(
            f"{subscale_name(subscale)} {number(value)}" for subscale, value in result.subscales
        )
        table.add_row(
            str(result.id),
            render.when(result.taken_at),
            Text(names.get(result.instrument, result.instrument)),
            number(result.total),
            parts,
        )
    render.out.print(table)
