"""Checks for program events, and reading them from an export document."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.portability import parse_document, to_document
from kindvoice.domain.program.events import (
    EVENT_KINDS,
    MARKABLE,
    ProgramEvent,
    make_program_event,
    program_event_to_dict,
    read_program_event,
)
from kindvoice.domain.records import Journal
from kindvoice.interfaces import messages as m

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 20)
TOKYO = timezone(timedelta(hours=9))
HONOLULU = timezone(timedelta(hours=-10))
EVENT_UID = "0b7e7f55-2a3c-4d1e-8f90-1a2b3c4d5e6f"

# One well-formed event of every kind: (kind, item, value).
EVERY_KIND: list[tuple[str, str | None, str | None]] = [
    ("start", None, None),
    ("pause", None, None),
    ("resume", None, None),
    ("restart", None, "3"),
    ("pace", None, "slow"),
    ("swap", None, "loving-kindness>soothing-touch"),
    ("done", "core", None),
    ("skipped", "day", None),
    ("streaks", None, "on"),
]


def make(kind: str = "start", **changes: Any) -> ProgramEvent:
    fields: dict[str, Any] = {"on": TODAY, "created_at": NOW}
    fields.update(changes)
    return make_program_event(kind, fields.pop("on"), fields.pop("created_at"), **fields)


def problems_of(kind: str = "start", **changes: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        make(kind, **changes)
    assert caught.value.code == "invalid_input"
    return [(p.location, p.code) for p in caught.value.problems]


def test_every_kind_is_covered_once() -> None:
    assert [kind for kind, _, _ in EVERY_KIND] == list(EVENT_KINDS)


@pytest.mark.parametrize(("kind", "item", "value"), EVERY_KIND)
def test_well_formed_events_are_kept_as_given(
    kind: str, item: str | None, value: str | None
) -> None:
    event = make(kind, item=item, value=value, uid=EVENT_UID.upper())
    assert (event.uid, event.kind, event.on, event.created_at, event.item, event.value) == (
        EVENT_UID,
        kind,
        TODAY,
        NOW,
        item,
        value,
    )


def test_a_new_event_gets_a_fresh_uid() -> None:
    first, second = make(), make()
    assert first.uid != second.uid
    assert str(uuid.UUID(first.uid)) == first.uid


@pytest.mark.parametrize("item", MARKABLE)
def test_every_markable_item_can_be_done_or_skipped(item: str) -> None:
    assert make("done", item=item).item == item
    assert make("skipped", item=item).item == item


@pytest.mark.parametrize("week", ["1", "8", "10", "99"])
def test_restart_weeks_from_1_to_99(week: str) -> None:
    assert make("restart", value=week).value == week


@pytest.mark.parametrize("week", ["0", "100", "01", "-1", "+2", " 3", "3 ", "", "٣", "three"])
def test_restart_needs_a_plain_week_number(week: str) -> None:
    assert problems_of("restart", value=week) == [("event.value", "not_a_week")]


@pytest.mark.parametrize(
    ("kind", "value"),
    [("pace", "fast"), ("pace", "Slow"), ("streaks", "yes"), ("streaks", "ON")],
)
def test_pace_and_streaks_take_their_own_words(kind: str, value: str) -> None:
    assert problems_of(kind, value=value) == [("event.value", "not_one_of")]


def test_swap_names_two_practices() -> None:
    longest = "a" * 60
    assert make("swap", value=f"{longest}>{longest}").value == f"{longest}>{longest}"
    assert problems_of("swap", value="box") == [("event.value", "not_a_swap")]
    assert problems_of("swap", value="a>b>c") == [("event.value", "not_a_swap")]
    assert problems_of("swap", value="Box>soothing touch") == [
        ("event.value", "not_a_practice_id"),
        ("event.value", "not_a_practice_id"),
    ]
    assert problems_of("swap", value=">box") == [("event.value", "not_a_practice_id")]
    assert problems_of("swap", value=f"box>{'a' * 61}") == [("event.value", "not_a_practice_id")]


@pytest.mark.parametrize("kind", ["restart", "pace", "swap", "streaks"])
def test_kinds_with_a_value_need_one(kind: str) -> None:
    assert problems_of(kind) == [("event.value", "missing")]


@pytest.mark.parametrize("kind", ["start", "pause", "resume", "done", "skipped"])
def test_kinds_without_a_value_refuse_one(kind: str) -> None:
    item = "daily" if kind in ("done", "skipped") else None
    assert problems_of(kind, item=item, value="on") == [("event.value", "value_not_for_kind")]


def test_only_done_and_skipped_name_an_item() -> None:
    assert problems_of("done") == [("event.item", "missing")]
    assert problems_of("skipped", item="lunch") == [("event.item", "not_one_of")]
    assert problems_of("pause", item="daily") == [("event.item", "item_not_for_kind")]
    assert problems_of("pace", item="day", value="slow") == [("event.item", "item_not_for_kind")]


def test_the_day_lies_between_2000_and_the_day_after_it_was_noted() -> None:
    assert make(on=date(2000, 1, 1)).on == date(2000, 1, 1)
    assert make(on=TODAY + timedelta(days=1)).on == TODAY + timedelta(days=1)
    assert problems_of(on=date(1999, 12, 31)) == [("event.on", "too_early")]
    assert problems_of(on=TODAY + timedelta(days=2)) == [("event.on", "day_too_late")]


def test_the_day_is_measured_from_the_date_where_it_was_noted() -> None:
    # 09:30 UTC is already the evening of the 20th in Tokyo: the 21st is the day after.
    in_tokyo = NOW.astimezone(TOKYO)
    assert make(on=date(2026, 11, 21), created_at=in_tokyo).on == date(2026, 11, 21)
    # ... and still the 19th in Honolulu, so the 21st is two days ahead there.
    in_honolulu = NOW.astimezone(HONOLULU)
    assert problems_of(on=date(2026, 11, 21), created_at=in_honolulu) == [
        ("event.on", "day_too_late")
    ]


def test_the_day_is_a_calendar_date_and_the_moment_has_a_time_zone() -> None:
    assert problems_of(on=NOW) == [("event.on", "not_a_calendar_date")]
    assert problems_of(on="2026-11-20") == [("event.on", "not_a_calendar_date")]
    assert problems_of(on=None) == [("event.on", "missing")]
    assert problems_of(created_at=NOW.replace(tzinfo=None)) == [
        ("event.created_at", "no_time_zone")
    ]
    assert problems_of(created_at="2026-11-20T09:30+00:00") == [("event.created_at", "not_a_date")]


def test_every_problem_is_collected_with_its_location() -> None:
    naive = NOW.replace(tzinfo=None)
    assert problems_of("jog", on=date(1999, 1, 1), created_at=naive, uid="x") == [
        ("event.uid", "not_an_id"),
        ("event.created_at", "no_time_zone"),
        ("event.kind", "not_one_of"),
        ("event.on", "too_early"),
    ]
    assert problems_of("done", item="nap", value="7", on=TODAY + timedelta(days=5)) == [
        ("event.item", "not_one_of"),
        ("event.value", "value_not_for_kind"),
        ("event.on", "day_too_late"),
    ]


def test_an_unknown_kind_still_checks_the_types_of_item_and_value() -> None:
    assert problems_of("", item=3, value=["a"]) == [
        ("event.kind", "not_one_of"),
        ("event.item", "not_text"),
        ("event.value", "not_text"),
    ]


def test_every_problem_and_location_has_kind_words() -> None:
    cases: list[tuple[str, dict[str, Any]]] = [
        ("jog", {"uid": "x", "created_at": NOW.replace(tzinfo=None), "on": date(1990, 1, 1)}),
        ("done", {"item": "nap", "value": "on", "on": TODAY + timedelta(days=3)}),
        ("pause", {"item": "day"}),
        ("restart", {"value": "0"}),
        ("swap", {"value": "a"}),
        ("swap", {"value": "A>b"}),
        ("pace", {"value": "fast", "on": "today"}),
    ]
    for kind, changes in cases:
        with pytest.raises(ValidationError) as caught:
            make(kind, **changes)
        for problem in caught.value.problems:
            assert problem.code in m.PROBLEMS, problem
            assert problem.location in m.LOCATIONS, problem
            line = m.describe_problem(problem)
            assert "{" not in line, line
            assert line.endswith("."), line


# --- the export document ------------------------------------------------------------


def exported(kind: str, item: str | None = None, value: str | None = None) -> dict[str, Any]:
    moment = datetime(2026, 11, 19, 22, 15, 3, 120000, tzinfo=TOKYO)
    event = make(kind, item=item, value=value, on=date(2026, 11, 19), created_at=moment)
    return program_event_to_dict(event)


def test_an_event_is_written_with_its_date_and_moment_as_they_were() -> None:
    written = exported("swap", value="box>cyclic-sighing")
    assert list(written) == ["id", "kind", "on", "item", "value", "created_at"]
    assert written | {"id": "…"} == {
        "id": "…",
        "kind": "swap",
        "on": "2026-11-19",
        "item": None,
        "value": "box>cyclic-sighing",
        "created_at": "2026-11-19T22:15:03.120000+09:00",
    }


def read(obj: object, now: datetime = NOW) -> tuple[ProgramEvent, list[tuple[str, str]]]:
    problems: list[Problem] = []
    assert isinstance(obj, dict)
    event = read_program_event(obj, "program_events[0]", problems, now=now, seen=set())
    return event, [(p.location, p.code) for p in problems]


@pytest.mark.parametrize(("kind", "item", "value"), EVERY_KIND)
def test_every_kind_reads_back_as_written(kind: str, item: str | None, value: str | None) -> None:
    written = exported(kind, item, value)
    event, problems = read(written)
    assert problems == []
    assert program_event_to_dict(event) == written
    assert event.created_at.utcoffset() == timedelta(hours=9)


def test_item_and_value_may_be_left_out_where_the_kind_has_none() -> None:
    written = exported("pause")
    del written["item"], written["value"]
    event, problems = read(written)
    assert (problems, event.item, event.value) == ([], None, None)


def test_reading_collects_every_problem_with_its_location() -> None:
    _, problems = read({})
    assert problems == [
        ("program_events[0].id", "missing"),
        ("program_events[0].created_at", "missing"),
        ("program_events[0].kind", "missing"),
        ("program_events[0].on", "missing"),
    ]
    _, problems = read(
        {
            "id": "nope",
            "kind": "restart",
            "on": "2026-11-31",
            "item": "day",
            "value": 3,
            "created_at": "2026-11-19T22:15:03",
        }
    )
    assert problems == [
        ("program_events[0].id", "not_an_id"),
        ("program_events[0].created_at", "no_time_zone"),
        ("program_events[0].item", "item_not_for_kind"),
        ("program_events[0].value", "not_text"),
        ("program_events[0].on", "not_a_calendar_date"),
    ]


@pytest.mark.parametrize(
    "day", ["20261119", "2026-W47-4", "2026-11-19T00:00", " 2026-11-19", "2026-1-9", 20261119]
)
def test_the_day_is_read_only_as_yyyy_mm_dd(day: object) -> None:
    _, problems = read({**exported("start"), "on": day})
    assert problems == [("program_events[0].on", "not_a_calendar_date")]


def test_a_day_too_far_ahead_of_its_moment_or_a_moment_ahead_of_now() -> None:
    _, problems = read({**exported("start"), "on": "2026-11-21"})
    assert problems == [("program_events[0].on", "day_too_late")]
    later = {**exported("start"), "created_at": "2026-12-01T08:00:00+00:00"}
    _, problems = read(later)
    assert problems == [("program_events[0].created_at", "in_the_future")]


def test_a_document_without_program_events_writes_and_reads_none() -> None:
    document = to_document(Journal(profile=None), "0.1.0")
    assert "program_events" not in document
    assert parse_document(document, NOW).program_events == ()


def test_a_document_carries_program_events_in_order() -> None:
    events = tuple(
        make(kind, item=item, value=value, on=TODAY - timedelta(days=9 - n))
        for n, (kind, item, value) in enumerate(EVERY_KIND)
    )
    document = to_document(Journal(profile=None, program_events=events), "0.1.0")
    assert list(document)[-1] == "program_events"
    assert [e["kind"] for e in document["program_events"]] == list(EVENT_KINDS)
    assert parse_document(document, NOW).program_events == events


def test_a_document_names_every_bad_event_and_repeated_ids() -> None:
    good = program_event_to_dict(make("done", item="daily"))
    document = to_document(Journal(profile=None), "0.1.0")
    document["program_events"] = [good, {**good, "kind": "done", "item": None}, "start", 4]
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    assert caught.value.code == "import_invalid"
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("program_events[1].id", "repeated_id"),
        ("program_events[1].item", "missing"),
        ("program_events[2]", "not_an_object"),
        ("program_events[3]", "not_an_object"),
    ]
    document["program_events"] = {"kind": "start"}
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("program_events", "not_a_list")
    ]
