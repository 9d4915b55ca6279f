"""Reading jrnl's JSON export, with problems located like kindvoice's own export."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.imports.detect import json_source, sniff_text
from kindvoice.domain.imports.jrnl import looks_like_jrnl, read_jrnl

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "jrnl.json").read_text(encoding="utf-8"))
    return loaded


def problems(doc: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        read_jrnl(doc)
    assert caught.value.code == "jrnl_invalid"
    return [(p.location, p.code) for p in caught.value.problems]


def test_jrnl_export_reads_title_body_time_tags_and_star() -> None:
    first, lunch, talk = read_jrnl(document())
    assert first.at == datetime(2024, 2, 3, 21, 15)
    assert first.title == "Long day at work."
    assert first.body.startswith("I keep thinking I'm not good enough")
    assert first.tags == ("work",)  # jrnl's tag symbol comes off
    assert lunch.starred
    assert not first.starred
    assert lunch.body == ""
    assert talk.body == "Better than I expected.\nStill nervous about next week."
    assert talk.index == 2


def test_jrnl_entries_come_out_oldest_first() -> None:
    doc = document()
    doc["entries"].reverse()
    assert [e.at.day for e in read_jrnl(doc)] == [3, 4, 5]


def test_jrnl_tag_symbols_and_missing_optional_keys() -> None:
    doc = {"entries": [{"title": "x", "date": "2024-01-01", "time": "07:00", "tags": ["#home"]}]}
    (entry,) = read_jrnl(doc)
    assert entry.tags == ("home",)
    assert entry.body == ""
    assert entry.starred is False


def test_every_problem_is_located_by_entry() -> None:
    doc = document()
    doc["tags"] = ["not", "a", "map"]
    doc["entries"][0]["date"] = "03/02/2024"
    doc["entries"][0]["time"] = "9pm"
    doc["entries"][1]["tags"] = "family"
    doc["entries"][1]["starred"] = "yes"
    doc["entries"][2]["body"] = 42
    del doc["entries"][2]["time"]
    doc["entries"].append("not an entry")
    doc["entries"].append({"title": "", "body": "  ", "date": "2024-01-01", "time": "10:00"})
    doc["entries"].append({"title": "x", "date": "2024-02-30", "time": "24:00", "tags": [1]})
    assert problems(doc) == [
        ("tags", "not_an_object"),
        ("entries[0].date", "not_a_calendar_date"),
        ("entries[0].time", "not_a_time_of_day"),
        ("entries[1].tags", "not_a_list"),
        ("entries[1].starred", "not_true_false"),
        ("entries[2].time", "missing"),
        ("entries[2].body", "not_text"),
        ("entries[3]", "not_an_object"),
        ("entries[4]", "jrnl_empty_entry"),
        ("entries[5].date", "not_a_calendar_date"),
        ("entries[5].time", "not_a_time_of_day"),
        ("entries[5].tags[0]", "not_text"),
    ]


def test_a_file_without_entries_is_not_a_jrnl_export() -> None:
    assert problems({"tags": {}}) == [("entries", "jrnl_no_entries")]
    assert problems([]) == [("entries", "jrnl_no_entries")]


def test_telling_the_formats_apart() -> None:
    assert looks_like_jrnl(document())
    assert json_source(document()) == "jrnl"
    assert json_source({"format": "kindvoice-export", "entries": []}) == "kindvoice"
    assert json_source({"hello": "world"}) == "kindvoice"
    assert sniff_text('\ufeff  {"entries": []}') == "json"
    assert sniff_text("full_date,date,weekday,time,mood\n") == "daylio"
    assert sniff_text("name,age\nx,1\n") == "csv"
    assert sniff_text("entries: [1, 2]") == "other"
