"""Telling from a file's contents which app made it."""

from __future__ import annotations

from typing import Literal

from kindvoice.domain.imports.daylio import looks_like_daylio
from kindvoice.domain.imports.jrnl import looks_like_jrnl

Shape = Literal["json", "daylio", "csv", "other"]


def sniff_text(text: str) -> Shape:
    """``json`` (an object or a list), a ``daylio`` header, some other ``csv`` (a first line
    of several named columns), or ``other``."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    first_line = stripped.split("\n", 1)[0]
    if looks_like_daylio(first_line):
        return "daylio"
    cells = [cell.strip() for cell in first_line.split(",")]
    header_like = len(cells) > 1 and all(cells) and not any(c in first_line for c in "[]{}")
    return "csv" if header_like else "other"


def json_source(document: object) -> Literal["jrnl", "kindvoice"]:
    """A parsed JSON file: jrnl's export, or (anything else) one for kindvoice's own reader."""
    return "jrnl" if looks_like_jrnl(document) else "kindvoice"
