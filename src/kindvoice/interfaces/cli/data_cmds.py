"""`kindvoice export`, `import`, `forget` and `info`: your data, in your hands."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer

from kindvoice.core.errors import KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of


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


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=m.HELP["import.file"])],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=m.HELP["import.dry_run"])] = False,
) -> None:
    """Bring in a kindvoice JSON export."""
    from kindvoice.services import portability

    context = state_of(ctx).context
    journal = portability.read_import_file(file, context)
    with render.progress_bar(m.say("import.progress")) as progress:
        report = portability.import_journal(context, journal, dry_run=dry_run, progress=progress)
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
        _practice_runs_report(report.practice_runs_added, report.practice_runs_skipped, dry_run)
        _program_events_report(report.program_events_added, report.program_events_skipped, dry_run)
        _assessments_report(report.assessments_added, report.assessments_skipped, dry_run)
        render.note(m.say("import.dry_run"))
        return
    if not (
        report.entries_added
        or report.checkins_added
        or report.practice_runs_added
        or report.program_events_added
        or report.assessments_added
    ):
        render.note(m.say("import.nothing_new"))
        return
    render.info(
        m.say(
            "import.done",
            entries=m.count(report.entries_added, "entry"),
            checkins=m.count(report.checkins_added, "checkin"),
        )
    )
    if report.entries_skipped or report.checkins_skipped:
        render.note(
            m.say(
                "import.skipped",
                entries=m.count(report.entries_skipped, "entry"),
                checkins=m.count(report.checkins_skipped, "checkin"),
            )
        )
    _practice_runs_report(report.practice_runs_added, report.practice_runs_skipped, dry_run)
    _program_events_report(report.program_events_added, report.program_events_skipped, dry_run)
    _assessments_report(report.assessments_added, report.assessments_skipped, dry_run)


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
