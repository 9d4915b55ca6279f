"""Settings, read once from the environment and passed down.

Nothing here connects to anything; building the settings only reads variables
and works out paths.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kindvoice.core.errors import ConfigError

HOME_ENV = "KINDVOICE_HOME"
DATABASE_URL_ENV = "KINDVOICE_DATABASE_URL"
LLM_ENV = ("KINDVOICE_LLM_URL", "KINDVOICE_LLM_MODEL", "KINDVOICE_LLM_TIMEOUT")
COUNTRY_ENV = "KINDVOICE_COUNTRY"
GENTLE_ENV = "KINDVOICE_GENTLE"
_YES = frozenset({"1", "true", "yes", "on"})
APP_NAME = "kindvoice"


@dataclass(frozen=True)
class Settings:
    """Where kindvoice keeps its data, which database it talks to, and where the person is.

    ``country`` is an ISO 3166 code (upper case) used to show local crisis lines;
    None when not set, in which case kindvoice shows lines that work anywhere.
    """

    home: Path
    database_url: str
    country: str | None = None
    # The optional local chat model's settings, as given (services/llm.py reads them).
    llm: tuple[tuple[str, str], ...] = ()
    # Gentle mode: breathing holds kept to two seconds at most, whatever the pattern.
    gentle: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def default_home() -> Path:
    """The per-user data folder chosen by platformdirs."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def normalize_database_url(url: str) -> str:
    """Accept the URL spellings people use and pick the driver we ship.

    ``postgres://`` and ``postgresql://`` both mean PostgreSQL through psycopg 3.
    """
    url = url.strip()
    if not url:
        raise ConfigError("bad_database_url", url=url)
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("sqlite:", "postgresql+psycopg:")):
        return url
    raise ConfigError("bad_database_url", url=url)


def normalize_country(value: str) -> str | None:
    """``gb``, ``GB`` and `` Gb `` all mean GB; an empty value means "not set"."""
    code = value.strip().upper()
    return code or None


def load_settings(
    env: Mapping[str, str] | None = None,
    database_url: str | None = None,
) -> Settings:
    """Read settings from ``env`` (the process environment by default).

    ``database_url`` (the CLI's ``--db``) wins over the environment.
    """
    env = os.environ if env is None else env
    home_value = env.get(HOME_ENV, "").strip()
    home = Path(home_value).expanduser() if home_value else default_home()
    url = database_url or env.get(DATABASE_URL_ENV, "").strip()
    if not url:
        url = f"sqlite:///{home / 'kindvoice.sqlite3'}"
    return Settings(
        home=home,
        database_url=normalize_database_url(url),
        country=normalize_country(env.get(COUNTRY_ENV, "")),
        llm=tuple((name, env[name]) for name in LLM_ENV if env.get(name, "").strip()),
        gentle=env.get(GENTLE_ENV, "").strip().lower() in _YES,
    )
