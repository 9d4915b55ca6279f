"""`kindvoice report`: the insights as calm charts, in one HTML page or as PNG pictures.

matplotlib is loaded only when a report is made (inside the command), so
`kindvoice --help` and every other command stay as light as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kindvoice.core.errors import KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of


def report(
    ctx: typer.Context,
    html: Annotated[
        Path | None, typer.Option("--html", metavar="FILE", help=m.HELP["report.html"])
    ] = None,
    png: Annotated[
        Path | None, typer.Option("--png", metavar="DIR", help=m.HELP["report.png"])
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=520, help=m.HELP["insights.weeks"])
    ] = 12,
    force: Annotated[bool, typer.Option("--force", help=m.HELP["report.force"])] = False,
) -> None:
    """Your insights as calm charts."""
    if html is None and png is None:
        raise KindvoiceError("report_needs_target")
    from kindvoice.interfaces.report import charts, files
    from kindvoice.interfaces.report.html import render_html
    from kindvoice.services import insights as service

    page_path = None if html is None else html.expanduser()
    folder = None if png is None else png.expanduser()
    # Refuse before reading or drawing anything, so nothing is half done.
    if page_path is not None:
        files.check_file(page_path, force=force)
    if folder is not None:
        files.check_folder(folder, force=force)
    found, moods = service.gather_with_moods(state_of(ctx).context, weeks)
    drawn = charts.draw_all(found, moods)
    if page_path is not None:
        files.save_html(page_path, render_html(found, drawn), force=force)
        render.note(m.say("report.saved_html", path=page_path.absolute()))
    if folder is not None:
        written = files.save_charts(folder, drawn, force=force)
        if written:
            render.note(
                m.say(
                    "report.saved_png",
                    charts=m.count(len(written), "chart").capitalize(),
                    folder=folder.absolute(),
                    names=", ".join(path.name for path in written),
                )
            )
        else:
            render.note(m.say("report.no_charts"))
