"""Saving a report: atomically, readable by this user only (0600), never replacing
anything without ``force``.

A report holds private records, so a file is written to a temporary name in the
same folder, made 0600, flushed to disk and only then moved into place: whoever
opens the file sees the old report or the new one, never half of one. Problems
raise ``KindvoiceError`` codes (``report_*``) with kind words in the catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kindvoice.core.errors import KindvoiceError
from kindvoice.interfaces.report.sections import CHART_NAMES
from kindvoice.services.files import os_reason, write_atomically

PNG = ".png"


def check_file(path: Path, *, force: bool) -> None:
    """Refuse before any work is done: a folder, a missing folder, or a file that is
    already there (unless ``force``)."""
    if path.is_dir():
        raise KindvoiceError("report_is_folder", path=str(path))
    if not path.parent.is_dir():
        raise KindvoiceError("report_no_folder", path=str(path.parent))
    if (path.exists() or path.is_symlink()) and not force:
        raise KindvoiceError("report_exists", path=str(path))


def chart_paths(folder: Path) -> dict[str, Path]:
    """Where each chart goes in ``folder``: ``critic.png``, ``traps.png``, …"""
    return {name: folder / f"{name}{PNG}" for name in CHART_NAMES}


def check_folder(folder: Path, *, force: bool) -> None:
    """Refuse before any work is done: a file where the folder would be, no folder to
    make it in, or charts from an earlier report already there (unless ``force``)."""
    if folder.exists() and not folder.is_dir():
        raise KindvoiceError("report_not_folder", path=str(folder))
    if not folder.exists() and not folder.parent.is_dir():
        raise KindvoiceError("report_no_folder", path=str(folder.parent))
    if folder.is_dir() and not force:
        there = [path.name for path in chart_paths(folder).values() if path.exists()]
        if there:
            raise KindvoiceError("report_charts_exist", folder=str(folder), names=", ".join(there))


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600 (see ``services.files``)."""
    write_atomically(path, data, error_code="report_write_failed")


def save_html(path: Path, page: str, *, force: bool) -> None:
    check_file(path, force=force)
    write_private(path, page.encode("utf-8"))


def save_charts(folder: Path, charts: Mapping[str, bytes | None], *, force: bool) -> list[Path]:
    """Write each drawn chart as ``<name>.png`` in ``folder`` (made 0700 when it isn't
    there yet), and nothing else; returns the files written, in the report's order.

    With ``force``, a chart from an earlier report that can't be drawn now is removed,
    so the folder never mixes old charts with new ones (other files are left alone).
    Nothing is written, and no folder made, when there is no chart to write.
    """
    check_folder(folder, force=force)
    paths = chart_paths(folder)
    drawn = [(name, charts.get(name)) for name in CHART_NAMES]
    for name, png in drawn:
        if png is None and paths[name].is_file():  # only there with force: checked above
            _remove(paths[name])
    if not any(png for _, png in drawn):
        return []
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise KindvoiceError(
                "report_write_failed", path=str(folder), reason=os_reason(exc)
            ) from exc
    written: list[Path] = []
    for name, png in drawn:
        if png is None:
            continue
        path = paths[name]
        if path.is_dir():
            raise KindvoiceError("report_is_folder", path=str(path))
        write_private(path, png)
        written.append(path)
    return written


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError as exc:
        raise KindvoiceError("report_write_failed", path=str(path), reason=os_reason(exc)) from exc
