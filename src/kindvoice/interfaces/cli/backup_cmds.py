"""`kindvoice backup` and `restore`: a consistent copy of everything, and bringing one back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer

from kindvoice.core.errors import KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of

DEFAULT_KEEP = 10  # the same as services.backups.DEFAULT_KEEP (kept here so --help stays fast)


def size_text(size: int) -> str:
    """A file size people read at a glance: 812 bytes, 14.2 KB, 3.1 MB."""
    if size < 1000:
        return m.say("size.bytes", value=size)
    for key, scale in (("size.kb", 1e3), ("size.mb", 1e6), ("size.gb", 1e9)):
        if size < scale * 1000 or key == "size.gb":
            return m.say(key, value=f"{size / scale:.1f}")
    raise AssertionError("unreachable")  # pragma: no cover


def backup(
    ctx: typer.Context,
    to: Annotated[Path | None, typer.Option("--to", help=m.HELP["backup.to"])] = None,
    keep: Annotated[
        int, typer.Option("--keep", min=1, max=10_000, help=m.HELP["backup.keep"])
    ] = DEFAULT_KEEP,
) -> None:
    """Save a consistent copy of the whole database."""
    from kindvoice.services import backups

    context = state_of(ctx).context
    made = backups.make_backup(context, to.expanduser() if to else None, keep)
    render.info(m.say("backup.done", path=made.path, size=size_text(made.size)))
    render.note(m.say("backup.kept", folder=made.path.parent, count=made.kept, keep=made.keep))
    if made.encrypted:
        render.note(m.say("backup.encrypted_note"))


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=m.HELP["restore.file"], show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=m.HELP["yes"])] = False,
) -> None:
    """Bring back a backup."""
    from kindvoice.services import backups

    state = state_of(ctx)
    context = state.context
    file = file.expanduser()
    if not yes:
        if not render.is_interactive():
            raise KindvoiceError("confirm_needed")
        facts = backups.check_backup(context, file)
        entries = m.count(facts.entries, "entry")
        checkins = m.count(facts.checkins, "checkin")
        if facts.created is not None:
            about = m.say(
                "restore.about",
                created=render.when(facts.created),
                entries=entries,
                checkins=checkins,
            )
        else:
            about = m.say("restore.about_undated", entries=entries, checkins=checkins)
        render.info(about)
        render.note(m.say("restore.warning"))
        if not click.confirm(m.say("restore.ask"), default=False):
            render.note(m.say("restore.kept"))
            return
    from kindvoice.services import vault

    was_locked = vault.status(context.db) is not None
    done = backups.restore(context, file)
    is_locked = vault.status(context.db) is not None
    state.close()
    render.info(m.say("restore.done"))
    if done.previous is not None:
        render.note(m.say("restore.previous", path=done.previous))
    if was_locked and not is_locked:
        render.note(m.say("restore.now_plain"))
    elif is_locked and not was_locked:
        render.note(m.say("restore.now_locked"))


def note_backups(home: Path | None, key: str) -> None:
    """A note naming how many backups kindvoice made and the folders they're in (``key``
    takes ``count`` and ``folders``); nothing when there are none."""
    from kindvoice.services import backups

    kept = backups.all_backups(home)
    if kept:
        folders = ", ".join(sorted({str(path.parent) for path in kept}))
        render.note(m.say(key, count=len(kept), folders=folders))
