"""The person's preferences on the web: which exist, their defaults, and checking new values.

Shared by the Settings page and ``/api/v1/settings``. The values are kept by
``services.accounts`` (one row per preference); a preference that isn't kept takes its default.
"""

from __future__ import annotations

from collections.abc import Mapping

from kindvoice.core.clock import find_zone
from kindvoice.core.errors import Problem
from kindvoice.domain.learn.resources import crisis_resources, known_countries, normalize_code
from kindvoice.interfaces.web.render import THEMES

VOICES = ("on", "off")
NAMES = ("country", "voice", "theme", "timezone")
DEFAULTS: dict[str, str | None] = {
    "country": None,
    "voice": "off",
    "theme": "system",
    "timezone": None,  # the server's own; in hosted mode the browser tells us the person's
}
CHOICE = "web.request.choice"


def current(kept: Mapping[str, str]) -> dict[str, str | None]:
    """Every preference, with its default where nothing usable is kept."""
    country = normalize_code(kept.get("country"))
    voice = kept.get("voice")
    theme = kept.get("theme")
    return {
        "country": country if country in known_countries() else None,
        "voice": voice if voice in VOICES else DEFAULTS["voice"],
        "theme": theme if theme in THEMES else DEFAULTS["theme"],
        "timezone": kept.get("timezone") if find_zone(kept.get("timezone")) else None,
    }


def country_choices() -> list[tuple[str, str]]:
    """(code, name) for every country with its own crisis lines, by name. The names are
    written to sit in a sentence ("the Netherlands"); a list shows them on their own."""
    found = [
        (code, (crisis_resources(code).country_name or code).removeprefix("the "))
        for code in known_countries()
    ]
    return sorted(found, key=lambda pair: pair[1].casefold())


def check(given: Mapping[str, str | None]) -> tuple[dict[str, str | None], list[Problem]]:
    """New values to keep (None removes one, so its default applies) and every problem.

    An empty country means "anywhere"; a country is kept as its ISO code (``uk`` → ``GB``).
    """
    values: dict[str, str | None] = {}
    problems: list[Problem] = []
    for name, raw in given.items():
        if name not in NAMES:
            continue
        value = None if raw is None else raw.strip()
        if name == "country":
            code = normalize_code(value)
            if code is not None and code not in known_countries():
                problems.append(Problem("country", CHOICE))
                continue
            values["country"] = code
        elif name == "timezone":
            if value and find_zone(value) is None:
                problems.append(Problem("timezone", CHOICE))
                continue
            values["timezone"] = value or None
        elif name == "voice":
            if value is not None and value not in VOICES:
                problems.append(Problem("voice", CHOICE))
                continue
            values["voice"] = value
        else:
            if value is not None and value not in THEMES:
                problems.append(Problem("theme", CHOICE))
                continue
            values["theme"] = value
    return values, problems
