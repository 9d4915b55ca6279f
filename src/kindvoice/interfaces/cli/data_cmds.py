"""`kindvoice export`, `import`, `forget` and `info`: your data, in your hands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import click
import typer

from kindvoice.core.errors import KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of

if TYPE_CHECKING:
    from kindvoice.domain.records import Journal
    from kindvoice.services.outside_import import OutsideReport
    from kindvoice.services.portability import ImportReport
    from kindvoice.services.wiring import Context

# The engine reads an entry in a few hundredths of a second: a bar helps from a few dozen.
_READ_PROGRESS = 40


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


def export(
    ctx: typer.Context,
    to: Annotated[str | None, typer.Option("--to", "-o", help=m.HELP["export.to"])] = None,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help=m.HELP["export.format"])
    ] = ExportFormat.json,
    force: Annotated[bool, typer.Option("--force", help=m.HELP["export.force"])] = False,
) -> None:
    """Save a copy of everything you've kept."""
    from kindvoice.services import portability

    state = state_of(ctx)
    context = state.context
    stamp = "kindvoice-export-" + context.clock.now().strftime("%Y-%m-%d")
    if fmt is ExportFormat.csv:
        if to == "-":
            raise KindvoiceError("csv_needs_folder")
        folder = Path(to) if to else Path.cwd()
        folder.mkdir(parents=True, exist_ok=True)
        targets = [folder / f"{stamp}-{name}.csv" for name in ("entries", "checkins")]
        for target in targets:
            if target.exists() and not force:
                raise KindvoiceError("export_exists", path=str(target))
        with render.progress_bar(m.say("export.progress")) as progress:
            paths = portability.write_csv(context, folder, stamp, progress)
        render.note(m.say("export.done_csv", paths=" and ".join(str(p) for p in paths)))
        return
    if to == "-":
        sys.stdout.write(portability.dump_document(portability.export_document(context)))
        return
    path = Path(to) if to else Path.cwd() / f"{stamp}.json"
    if path.is_dir():
        path = path / f"{stamp}.json"
    if path.exists() and not force:
        raise KindvoiceError("export_exists", path=str(path))
    with render.progress_bar(m.say("export.progress")) as progress:
        count = portability.write_json(context, path, progress)
    render.note(m.say("export.done", count=m.count(count, "record"), path=path))


class ImportSource(StrEnum):
    kindvoice = "kindvoice"
    daylio = "daylio"
    jrnl = "jrnl"


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=m.HELP["import.any_file"])],
    source: Annotated[
        ImportSource | None, typer.Option("--from", help=m.HELP["import.source"])
    ] = None,
    mood_map: Annotated[
        list[str] | None,
        typer.Option("--mood-map", metavar="NAME=VALUE", help=m.HELP["import.mood_map"]),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=m.HELP["import.dry_run"])] = False,
) -> None:
    """Bring in a kindvoice export, or your history from Daylio or jrnl."""
    from kindvoice.domain.imports.daylio import read_mood_map
    from kindvoice.services import outside_import

    moods = read_mood_map(mood_map or [])  # checked first: a typo here changes nothing
    state = state_of(ctx)
    context = state.context
    loaded = outside_import.read_import(file, context, source.value if source else None)
    if loaded.journal is not None:
        _import_own(context, loaded.journal, dry_run)
        return
    render.note(m.say("import.found_daylio" if loaded.source == "daylio" else "import.found_jrnl"))
    if not dry_run:
        moods = {**moods, **_ask_moods(loaded.unknown_moods(moods))}
    brought = outside_import.bring(context, loaded, moods, dry_run=dry_run)
    report = outside_import.add(context, brought, dry_run=True)
    if dry_run:
        _outside_dry_run(report, loaded.unknown_moods(moods))
        return
    if not report.added:
        render.note(m.say("import.nothing_new"))
        return
    report = _after_backup(
        context, lambda progress: outside_import.add(context, brought, progress=progress)
    )
    _read_new(context, report.entry_ids, state.settings.country)


def _ask_moods(unknown: list[str]) -> dict[str, int]:
    """Where each Daylio mood kindvoice doesn't know sits on its scale: asked once per name
    in a terminal; elsewhere, one error naming them all (nothing imported)."""
    if not unknown:
        return {}
    if not render.is_interactive():
        names = ", ".join(f"“{name}”" for name in unknown)
        raise KindvoiceError("daylio_unknown_moods", names=names, example=unknown[0])
    render.note(m.say("import.moods_intro", count=len(unknown)))
    placed: dict[str, int] = {}
    for name in unknown:
        while True:
            answer = click.prompt(
                m.say("import.ask_mood", name=name), default="", show_default=False
            ).strip()
            if answer.isdigit() and 0 <= int(answer) <= 10:
                placed[name] = int(answer)
                break
            render.note(m.say("import.ask_mood_again"))
    return placed


def _outside_dry_run(report: OutsideReport, unknown: list[str]) -> None:
    """What a Daylio or jrnl import would do: counts, the time it spans, moods to place."""
    render.info(
        m.say(
            "import.would_add",
            entries=m.count(report.entries_added, "entry"),
            checkins=m.count(report.checkins_added, "checkin"),
        )
    )
    if report.first is not None and report.last is not None:
        render.info(
            m.say(
                "import.range",
                first=report.first.date().isoformat(),
                last=report.last.date().isoformat(),
            )
        )
    if report.entries_skipped or report.checkins_skipped:
        render.note(
            m.say(
                "import.already",
                entries=report.entries_skipped,
                checkins=report.checkins_skipped,
            )
        )
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        render.note(m.say("import.moods_unknown", names=names, example=unknown[0]))
    render.note(m.say("import.dry_run"))


_Report = TypeVar("_Report", "ImportReport", "OutsideReport")
Progress = Callable[[int, int], None]


def _after_backup(context: Context, add: Callable[[Progress], _Report]) -> _Report:
    """A real import: the automatic backup (naming where it went), then the adding with a
    progress bar, then what it added."""
    from kindvoice.services import outside_import

    path = outside_import.backup_first(context)
    if path is not None:
        render.note(m.say("import.backup_saved", path=path))
    with render.progress_bar(m.say("import.progress")) as progress:
        report = add(progress)
    _done_lines(report)
    return report


def _read_new(context: Context, entry_ids: Sequence[int], country: str | None) -> None:
    """Let the engine read the new entries, say what it noticed, and offer support when
    some of the words sounded like a crisis."""
    from kindvoice.interfaces.cli import reflect_view
    from kindvoice.services import outside_import

    if not entry_ids:
        return
    with render.progress_bar(m.say("import.reading"), threshold=_READ_PROGRESS) as progress:
        reading = outside_import.read_new_entries(context, entry_ids, progress)
    entries = m.count(reading.read, "entry")
    if reading.self_critical:
        render.note(m.say("import.read_some", entries=entries, count=reading.self_critical))
    else:
        render.note(m.say("import.read_none", entries=entries))
    if reading.crisis:
        render.info(m.say("import.heavy", ids=", ".join(str(i) for i in reading.crisis)))
        reflect_view.support_panel(country, urgent=reading.urgent)


def _counts_line(
    done_key: str,
    skipped_key: str,
    entries: int,
    checkins: int,
    entries_skipped: int,
    checkins_skipped: int,
) -> None:
    render.info(
        m.say(done_key, entries=m.count(entries, "entry"), checkins=m.count(checkins, "checkin"))
    )
    if entries_skipped or checkins_skipped:
        render.note(
            m.say(
                skipped_key,
                entries=m.count(entries_skipped, "entry"),
                checkins=m.count(checkins_skipped, "checkin"),
            )
        )


def _done_lines(report: ImportReport | OutsideReport) -> None:
    """What a real import added, and what it found already here."""
    _counts_line(
        "import.done",
        "import.skipped",
        report.entries_added,
        report.checkins_added,
        report.entries_skipped,
        report.checkins_skipped,
    )


def _import_own(context: Context, journal: Journal, dry_run: bool) -> None:
    """A kindvoice export: everything in it that is new, after a backup."""
    from kindvoice.services import portability

    with render.progress_bar(m.say("import.progress")) as progress:
        report = portability.import_journal(context, journal, dry_run=True, progress=progress)
    if dry_run:
        render.info(
            m.say(
                "import.would_add",
                entries=m.count(report.entries_added, "entry"),
                checkins=m.count(report.checkins_added, "checkin"),
            )
        )
        if report.entries_skipped or report.checkins_skipped:
            render.note(
                m.say(
                    "import.already",
                    entries=report.entries_skipped,
                    checkins=report.checkins_skipped,
                )
            )
        _others_report(report)
        render.note(m.say("import.dry_run"))
        return
    if not report.adds_anything:
        render.note(m.say("import.nothing_new"))
        return
    report = _after_backup(
        context, lambda progress: portability.import_journal(context, journal, progress=progress)
    )
    _others_report(report)


def _others_report(report: ImportReport) -> None:
    _practice_runs_report(report.practice_runs_added, report.practice_runs_skipped, report.dry_run)
    _program_events_report(
        report.program_events_added, report.program_events_skipped, report.dry_run
    )
    _assessments_report(report.assessments_added, report.assessments_skipped, report.dry_run)


def _practice_runs_report(added: int, skipped: int, dry_run: bool) -> None:
    """The import's practice sessions, on lines of their own (only when there were any)."""
    if added:
        key = "import.would_add_runs" if dry_run else "import.added_runs"
        render.info(m.say(key, runs=m.count(added, "practice_run")))
    if skipped:
        render.note(m.say("import.already_runs", runs=m.count(skipped, "practice_run")))


def _program_events_report(added: int, skipped: int, dry_run: bool) -> None:
    """The import's program events, on lines of their own (only when there were any)."""
    if added:
        key = "import.would_add_events" if dry_run else "import.added_events"
        render.info(m.say(key, events=m.count(added, "program_event")))
    if skipped:
        render.note(m.say("import.already_events", events=m.count(skipped, "program_event")))


def _assessments_report(added: int, skipped: int, dry_run: bool) -> None:
    """The import's questionnaire results, on lines of their own (only when there were any)."""
    if added:
        key = "import.would_add_assessments" if dry_run else "import.added_assessments"
        render.info(m.say(key, results=m.count(added, "assessment")))
    if skipped:
        render.note(m.say("import.already_assessments", results=m.count(skipped, "assessment")))


def forget(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=m.HELP["yes"])] = False,
) -> None:
    """Delete everything kindvoice keeps about you."""
    from kindvoice.services import account

    state = state_of(ctx)
    context = state.context
    if yes:
        confirmation = account.CONFIRM_WORD
    else:
        if not render.is_interactive():
            raise KindvoiceError("confirm_needed")
        facts = account.summary(context, state.settings)
        render.info(
            m.say(
                "forget.summary",
                entries=facts.entries,
                checkins=facts.checkins,
                where=facts.database,
            )
        )
        render.note(m.say("forget.suggest_export"))
        from kindvoice.interfaces.cli.backup_cmds import note_backups

        note_backups(context.home, "forget.backups_too")
        confirmation = click.prompt(
            m.say("forget.ask", word=account.CONFIRM_WORD), default="", show_default=False
        )
        if not confirmation.strip():
            render.note(m.say("forget.kept"))
            return
    account.forget_everything(context, confirmation)
    state.close()
    render.note(m.say("forget.done"))


def info(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """Show where kindvoice keeps your journal."""
    from kindvoice.services import account

    state = state_of(ctx)
    facts = account.summary(state.context, state.settings)
    if as_json:
        render.print_json(facts.__dict__)
        return
    for key, value in (
        ("info.home", facts.home),
        ("info.database", facts.database),
        ("info.schema", facts.schema_version),
        ("info.entries", facts.entries),
        ("info.checkins", facts.checkins),
        ("info.practice_runs", facts.practice_runs),
        ("info.locked", m.say("info.locked_yes" if facts.locked else "info.locked_no")),
        ("info.backups", facts.backups),
    ):
        render.info(f"{m.say(key)}: {value}")
    render.note(m.say("info.privacy_local" if state.settings.is_sqlite else "info.privacy_server"))


def home(ctx: typer.Context) -> None:
    """What `kindvoice` on its own shows: a calm welcome and a few next steps."""
    from kindvoice.services import journal

    counts = journal.count(state_of(ctx).context)
    render.out.print(f"[bold {render.ACCENT}]{m.say('home.title')}[/]")
    render.info(m.say("home.greeting"))
    if any(counts.values()):
        render.note(
            m.say(
                "home.counts",
                entries=m.count(counts["entries"], "entry"),
                checkins=m.count(counts["checkins"], "checkin"),
                runs=m.count(counts["practice_runs"], "practice_run"),
            )
        )
        render.info("\n" + m.say("home.next"))
    else:
        render.info("\n" + m.say("home.empty"))
    for key in (
        "home.suggest_write",
        "home.suggest_checkin",
        "home.suggest_today",
        "home.suggest_breathe",
        "home.suggest_practice",
        "home.suggest_journal",
        "home.suggest_reframe",
        "home.suggest_support",
        "home.suggest_help",
    ):
        render.info("  " + m.say(key))
    render.note("\n" + m.say("home.disclaimer"))
