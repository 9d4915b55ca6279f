"""Crisis lines: every country's list is complete, and an unknown country gets a safe default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kindvoice.core.config import load_settings
from kindvoice.domain.learn.resources import (
    crisis_resources,
    known_countries,
    load_all,
    resources_to_dict,
)

EXPECTED = {
    "US": (("911",), "988"),
    "CA": (("911",), "988"),
    "GB": (("999",), "116 123"),
    "IE": (("112", "999"), "116 123"),
    "AU": (("000",), "13 11 14"),
    "NZ": (("111",), "1737"),
    "DE": (("112",), "0800 111 0 111"),
    "FR": (("112",), "3114"),
    "NL": (("112",), "113"),
    "ES": (("112",), "024"),
    "IN": (("112",), "14416"),
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_resources_have_the_known_lines_for(code: str) -> None:
    found = crisis_resources(code)
    emergency, phone = EXPECTED[code]
    assert found.country == code
    assert found.emergency == emergency
    assert any(phone in line.phone for line in found.lines)
    assert found.country_name


def test_resources_text_lines_where_they_exist() -> None:
    assert crisis_resources("US").lines[0].text == ("988",)
    assert crisis_resources("CA").lines[0].text == ("988",)
    assert crisis_resources("NZ").lines[0].text == ("1737",)
    assert crisis_resources("DE").lines[0].phone == ("0800 111 0 111", "0800 111 0 222")
    assert crisis_resources("NL").lines[0].phone == ("113", "0800-0113")


def test_resources_every_line_can_be_reached() -> None:
    for code, found in load_all().items():
        assert found.lines, code
        for line in found.lines:
            assert line.name
            assert line.phone or line.text or line.web, (code, line)
            assert not line.web or line.web.startswith("https://"), line.web


def test_resources_default_list_works_anywhere() -> None:
    default = crisis_resources(None)
    assert default.is_default
    assert default.emergency == ()  # the interface names 112, 911, 999 and 000 instead
    assert any("findahelpline.com" in line.web for line in default.lines)
    assert crisis_resources("XX") == default
    assert crisis_resources("") == default


def test_resources_country_codes_are_read_kindly() -> None:
    assert crisis_resources(" gb ").country == "GB"
    assert crisis_resources("uk").country == "GB"
    assert set(EXPECTED) <= set(known_countries())


def test_settings_read_the_country(tmp_path: Path) -> None:
    env = {"KINDVOICE_HOME": str(tmp_path), "KINDVOICE_COUNTRY": " nz "}
    assert load_settings(env).country == "NZ"
    assert load_settings({"KINDVOICE_HOME": str(tmp_path)}).country is None


def test_resources_as_plain_data_keep_every_way_to_reach_a_line() -> None:
    data = resources_to_dict(crisis_resources("US"))
    assert data["country"] == "US"
    assert data["emergency"] == ["911"]
    assert data["lines"][0]["phone"] == ["988"]
    assert data["lines"][0]["text"] == ["988"]
    assert json.loads(json.dumps(data)) == data  # JSON-ready as it is
