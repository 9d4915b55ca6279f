"""Crisis lines by country, read from ``resources.toml`` inside the package.

The file is data so that adding or correcting a country needs no code. It is
read once per process; it ships inside the package, so no network is needed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

RESOURCE_FILE = "resources.toml"
# Codes people often type that ISO 3166 spells differently.
ALIASES = {"UK": "GB"}


@dataclass(frozen=True)
class CrisisLine:
    """A service people can reach: by phone, by text, or on the web."""

    name: str
    phone: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    web: str = ""
    hours: str = ""


@dataclass(frozen=True)
class CrisisResources:
    """What to show someone who may be in danger.

    ``country`` is None for the default list, used when the country is unknown;
    its ``emergency`` is empty, and the interface names the common emergency
    numbers instead.
    """

    country: str | None
    country_name: str
    emergency: tuple[str, ...]
    lines: tuple[CrisisLine, ...]

    @property
    def is_default(self) -> bool:
        return self.country is None


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise ValueError(f"{RESOURCE_FILE}: {where} needs a list of numbers")


def _line(data: dict[str, Any], where: str) -> CrisisLine:
    line = CrisisLine(
        name=str(data["name"]),
        phone=_strings(data.get("phone", []), f"{where}.phone"),
        text=_strings(data.get("text", []), f"{where}.text"),
        web=str(data.get("web", "")),
        hours=str(data.get("hours", "")),
    )
    if not (line.phone or line.text or line.web):
        raise ValueError(f"{RESOURCE_FILE}: {where} has no way to reach it")
    return line


def _resources(country: str | None, data: dict[str, Any], where: str) -> CrisisResources:
    return CrisisResources(
        country=country,
        country_name=str(data.get("name", "")),
        emergency=_strings(data.get("emergency", []), f"{where}.emergency"),
        lines=tuple(
            _line(line, f"{where}.lines[{i}]") for i, line in enumerate(data.get("lines", []))
        ),
    )


@cache
def load_all() -> dict[str | None, CrisisResources]:
    """Every list in the file, by country code; the default list under ``None``."""
    raw = files("kindvoice.domain.learn").joinpath(RESOURCE_FILE).read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    found: dict[str | None, CrisisResources] = {None: _resources(None, data["default"], "default")}
    for code, country in data.get("countries", {}).items():
        found[code] = _resources(code, country, f"countries.{code}")
    return found


def normalize_code(country: str | None) -> str | None:
    if not country:
        return None
    code = country.strip().upper()
    return ALIASES.get(code, code) or None


def crisis_resources(country: str | None) -> CrisisResources:
    """The lines for ``country`` (an ISO code, any case), or the default list."""
    every = load_all()
    return every.get(normalize_code(country)) or every[None]


def known_countries() -> tuple[str, ...]:
    """The country codes with their own lists, sorted."""
    return tuple(sorted(code for code in load_all() if code is not None))


def resources_to_dict(found: CrisisResources) -> dict[str, Any]:
    """The lines as plain, JSON-ready data: the shape `kindvoice` prints with ``--json`` and
    the web API gives (which adds a few fields of its own)."""
    return {
        "country": found.country,
        "emergency": list(found.emergency),
        "lines": [
            {
                "name": line.name,
                "phone": list(line.phone),
                "text": list(line.text),
                "web": line.web,
                "hours": line.hours,
            }
            for line in found.lines
        ],
    }
