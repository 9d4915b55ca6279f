"""What every command shares: the settings and, once needed, an open context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import typer

from kindvoice.core.errors import Problem, ValidationError

if TYPE_CHECKING:
    from kindvoice.core.config import Settings
    from kindvoice.services.llm import LlmSettings
    from kindvoice.services.wiring import Context


@dataclass
class CliState:
    """Options given before the command, and the lazily opened database."""

    db_url: str | None = None
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _context: Context | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from kindvoice.core.config import load_settings

            self._settings = load_settings(database_url=self.db_url)
        return self._settings

    @property
    def context(self) -> Context:
        """Open the database on first use (so `--help` never touches it)."""
        if self._context is None:
            from kindvoice.interfaces.cli.passphrase_ask import asker
            from kindvoice.services.wiring import open_context

            context = open_context(self.settings)
            # A locked journal asks for its passphrase the first time private words are needed.
            context.db.keys.ask = asker()
            self._context = context
        return self._context

    @property
    def llm(self) -> LlmSettings | None:
        """The optional local chat model, when the settings name one."""
        from kindvoice.services.llm import LlmSettings

        return LlmSettings.from_settings(self.settings)

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None


def state_of(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliState):
        obj = CliState()
        ctx.find_root().obj = obj
    return obj


def parse_when(value: str) -> datetime:
    """A date or date-time typed by a person; without a time zone it means local time."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError([Problem("when", "not_a_date", {"value": value})]) from exc
    return parsed if parsed.tzinfo is not None else parsed.astimezone()
