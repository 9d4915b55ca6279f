"""The `kindvoice` command. Errors reach the person here, and only here.

Importing this module must stay cheap: command bodies import services (and so
SQLAlchemy) only when they run, so `kindvoice --help` loads no database,
web or model code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from kindvoice import __version__
from kindvoice.core.errors import (
    ImportFileError,
    KindvoiceError,
    NotFoundError,
    StorageError,
    ValidationError,
    VaultError,
)
from kindvoice.domain.practices.catalog import CatalogError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import (
    assess_cmds,
    backup_cmds,
    checkin_cmds,
    data_cmds,
    insights_cmds,
    journal_cmds,
    learn_cmds,
    practice_cmds,
    program_cmds,
    reframe_cmds,
    remind_cmds,
    render,
    report_cmds,
    serve_cmds,
    vault_cmds,
)
from kindvoice.interfaces.cli.state import CliState, state_of

EXIT_CODES: dict[type[KindvoiceError], int] = {
    ValidationError: 65,  # the input could not be used (EX_DATAERR)
    ImportFileError: 65,
    NotFoundError: 66,
    StorageError: 69,  # EX_UNAVAILABLE
    VaultError: 77,  # EX_NOPERM: locked, or the passphrase didn't open it
}
EXIT_ERROR = 1
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


def exit_code_for(error: KindvoiceError) -> int:
    for kind, code in EXIT_CODES.items():
        if isinstance(error, kind):
            return code
    return EXIT_ERROR


class KindGroup(TyperGroup):
    """Translates every error into kind words and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KindvoiceError as error:
            if _debug(ctx):
                raise
            render.kind_error(m.explain(error))
            raise typer.Exit(exit_code_for(error)) from None
        except CatalogError as error:
            # A content file with a mistake, named precisely: ours is our bug (exit 70);
            # a person's own practice file is input (exit 65).
            if _debug(ctx):
                raise
            field = error.field or "(whole file)"
            reason = m.content_reason(error.reason, error.detail)
            own = Path(error.source).is_absolute()
            key = "content_own_broken" if own else "content_broken"
            render.kind_error([m.say(key, source=error.source, field=field, reason=reason)])
            raise typer.Exit(65 if own else EXIT_INTERNAL) from None
        except (KeyboardInterrupt, click.Abort):
            render.err.print()
            render.kind_error([m.say("interrupted")])
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (click.exceptions.Exit, click.ClickException):
            raise
        except Exception:
            if _debug(ctx):
                raise
            render.kind_error([m.ERRORS["internal"], m.say("debug_hint")])
            raise typer.Exit(EXIT_INTERNAL) from None
        finally:
            obj = ctx.obj
            if isinstance(obj, CliState):
                obj.close()


def _debug(ctx: click.Context) -> bool:
    obj = ctx.obj
    return (isinstance(obj, CliState) and obj.debug) or "--debug" in sys.argv


app = typer.Typer(
    cls=KindGroup,
    help=m.HELP["app"],
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        render.info(f"kindvoice {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help=m.HELP["db"], metavar="URL")] = None,
    debug: Annotated[bool, typer.Option("--debug", help=m.HELP["debug"])] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help=m.HELP["version"], callback=_version, is_eager=True),
    ] = False,
) -> None:
    state = state_of(ctx)
    state.db_url = db
    state.debug = debug
    if ctx.invoked_subcommand is None:
        data_cmds.home(ctx)


app.command("write", help=m.HELP["write"])(journal_cmds.write)
app.add_typer(journal_cmds.journal_app, name="journal")
app.command("reframe", help=m.HELP["reframe"])(reframe_cmds.reframe)
app.command("support", help=m.HELP["support"])(reframe_cmds.support)
app.command("checkin", help=m.HELP["checkin"])(checkin_cmds.checkin)
app.command("checkins", help=m.HELP["checkins"])(checkin_cmds.list_checkins)
app.command("breathe", help=m.HELP["breathe"])(practice_cmds.breathe)
app.command("practice", help=m.HELP["practice"])(practice_cmds.practice)
app.command("sessions", help=m.HELP["sessions"])(practice_cmds.sessions)
app.command("today", help=m.HELP["today"])(program_cmds.today)
app.command("insights", help=m.HELP["insights"])(insights_cmds.insights)
app.command("learn", help=m.HELP["learn"])(learn_cmds.learn)
app.command("report", help=m.HELP["report"])(report_cmds.report)
app.command("assess", help=m.HELP["assess"])(assess_cmds.assess)
app.add_typer(program_cmds.program_app, name="program")
app.command("remind", help=m.HELP["remind"])(remind_cmds.remind)
app.command("export", help=m.HELP["export"])(data_cmds.export)
app.command("import", help=m.HELP["import"])(data_cmds.import_)
app.command("forget", help=m.HELP["forget"])(data_cmds.forget)
app.command("info", help=m.HELP["info"])(data_cmds.info)
app.command("backup", help=m.HELP["backup"])(backup_cmds.backup)
app.command("restore", help=m.HELP["restore"])(backup_cmds.restore)
app.command("lock", help=m.HELP["lock"])(vault_cmds.lock)
app.command("unlock", help=m.HELP["unlock"])(vault_cmds.unlock)
app.add_typer(vault_cmds.passphrase_app, name="passphrase")
app.command("serve", help=m.HELP["serve"])(serve_cmds.serve)


def run(argv: list[str] | None = None) -> None:
    """Run the CLI (the console script's entry point)."""
    app(args=argv, prog_name="kindvoice")
