"""Rows from Daylio and jrnl as kindvoice's own check-ins and entries, with stable ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kindvoice.core.errors import KindvoiceError, ValidationError
from kindvoice.domain.imports.common import content_uid
from kindvoice.domain.imports.daylio import DaylioRow, read_daylio
from kindvoice.domain.imports.jrnl import read_jrnl
from kindvoice.domain.imports.records import activity_tag, daylio_records, jrnl_records

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PLUS_TWO = timezone(timedelta(hours=2))


def place(at: datetime) -> datetime:
    return at.replace(tzinfo=PLUS_TWO)


def daylio_rows(name: str) -> list[DaylioRow]:
    return read_daylio((DATA / name).read_bytes().decode("utf-8-sig"))


def test_each_daylio_moment_is_a_checkin_and_words_make_an_entry() -> None:
    brought = daylio_records(daylio_rows("daylio_current.csv"), {}, place, NOW)
    assert brought.source == "daylio"
    assert [(c.mood, c.stress, c.critic, c.note, c.kindness) for c in brought.checkins] == [
        (5, None, None, "", None),
        (3, None, None, "", None),
        (9, None, None, "", None),
        (5, None, None, "", None),
        # a moment without words keeps its activities in the check-in's note
        (7, None, None, "friends, good meal", None),
        (1, None, None, "", None),
    ]
    assert brought.checkins[-1].created_at == datetime(2024, 5, 18, 21, 41, tzinfo=PLUS_TWO)
    by_moment = {c.created_at: c for c in brought.checkins}
    assert [e.created_at in by_moment for e in brought.entries] == [True] * 4
    walk, tired, evening, meeting = brought.entries
    assert (walk.situation, walk.thought, walk.tags) == ("", "Late walk", ("walk",))
    assert (tired.situation, tired.thought) == ("", "Woke up tired.")
    assert evening.situation == "Lovely evening"
    assert evening.tags == ("family", "movies/tv")
    assert meeting.situation == "Team meeting"
    assert meeting.thought.startswith("I froze when they asked me a question.\n")
    assert meeting.tags == ("work", "bad-sleep", "stressed/frustrated")
    assert {e.source for e in brought.entries} == {"daylio"}
    assert all(e.updated_at == e.created_at for e in brought.entries)


def test_ids_come_from_the_contents_and_do_not_change() -> None:
    rows = daylio_rows("daylio_current.csv")
    first = daylio_records(rows, {}, place, NOW)
    again = daylio_records(list(reversed(rows)), {}, place, NOW)
    assert {c.uid for c in first.checkins} == {c.uid for c in again.checkins}
    assert {e.uid for e in first.entries} == {e.uid for e in again.entries}
    uids = [c.uid for c in first.checkins] + [e.uid for e in first.entries]
    assert len(set(uids)) == len(uids)
    # The mood's value isn't part of the id: a different --mood-map finds the same rows.
    moved = daylio_records(rows, {"rad": 10}, place, NOW)
    assert [c.uid for c in moved.checkins] == [c.uid for c in first.checkins]
    # Nor is the time zone: the wall-clock time is what the file says.
    elsewhere = daylio_records(rows, {}, lambda at: at.replace(tzinfo=UTC), NOW)
    assert [c.uid for c in elsewhere.checkins] == [c.uid for c in first.checkins]


def test_twelve_and_twenty_four_hour_files_give_the_same_ids() -> None:
    twelve = (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2024-01-02,x,x,9:41 pm,rad,"","","hi"\n'
    )
    twenty_four = twelve.replace("9:41 pm", "21:41")
    a = daylio_records(read_daylio(twelve), {}, place, NOW)
    b = daylio_records(read_daylio(twenty_four), {}, place, NOW)
    assert a.checkins[0].uid == b.checkins[0].uid
    assert a.entries[0].uid == b.entries[0].uid


def test_identical_rows_are_both_kept_with_different_ids() -> None:
    row = '2024-01-02,x,x,9:41 pm,meh,"","",""\n'
    text = "full_date,date,weekday,time,mood,activities,note_title,note\n" + row + row
    brought = daylio_records(read_daylio(text), {}, place, NOW)
    assert len(brought.checkins) == 2
    assert brought.checkins[0].uid != brought.checkins[1].uid
    assert brought.checkins[1].uid == content_uid(
        "daylio", "checkin", read_daylio(text)[0].content, 1
    )


def test_custom_moods_need_a_place_unless_counting() -> None:
    rows = daylio_rows("daylio_custom_moods.csv")
    with pytest.raises(KindvoiceError) as caught:
        daylio_records(rows, {"sad": 2}, place, NOW)
    assert caught.value.code == "daylio_unknown_moods"
    counted = daylio_records(rows, {}, place, NOW, unknown_mood=5)
    assert len(counted.checkins) == 4
    brought = daylio_records(rows, {"Sad": 2, "refreshed": 8, "ok but sleepy": 4}, place, NOW)
    assert [c.mood for c in brought.checkins] == [7, 2, 4, 8]


def test_moments_in_the_future_or_too_long_ago_are_row_problems() -> None:
    text = (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2027-01-01,x,x,9:00,rad,"","",""\n'
        '1899-12-31,x,x,9:00,rad,"","",""\n'
    )
    with pytest.raises(ValidationError) as caught:
        daylio_records(read_daylio(text), {}, place, NOW)
    assert caught.value.code == "daylio_invalid"
    assert sorted((p.location, p.code) for p in caught.value.problems) == [
        ("row 2", "in_the_future"),
        ("row 3", "too_early"),
    ]


def test_words_and_activities_over_the_limits_are_row_problems() -> None:
    many = " | ".join(f"thing {n}" for n in range(31))
    long_name = "a" * 41
    text = (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f'2024-01-02,x,x,9:00,rad,"{many}","","note"\n'
        f'2024-01-03,x,x,9:00,rad,"{long_name}","","{"x" * 50_001}"\n'
    )
    with pytest.raises(ValidationError) as caught:
        daylio_records(read_daylio(text), {}, place, NOW)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("row 2, activities", "too_many"),
        ("row 3, note", "too_long"),
        ("row 3, activities[0]", "too_long"),
    ]


def test_activity_tags_are_tidy() -> None:
    assert activity_tag(" movies / tv ") == "movies/tv"
    assert activity_tag("bad sleep") == "bad sleep"  # check_tags makes it bad-sleep


def test_jrnl_entries_become_journal_entries() -> None:
    brought = jrnl_records(read_jrnl(json.loads((DATA / "jrnl.json").read_text())), place, NOW)
    assert brought.source == "jrnl"
    assert brought.checkins == ()
    work, lunch, talk = brought.entries
    assert work.thought.startswith("Long day at work.\nI keep thinking")
    assert work.situation == ""
    assert work.tags == ("work",)
    assert lunch.thought == "Sunday lunch with Mum."
    assert lunch.tags == ("family", "starred")
    assert talk.created_at == datetime(2024, 2, 5, 8, 30, tzinfo=PLUS_TWO)
    assert {e.source for e in brought.entries} == {"jrnl"}
    again = jrnl_records(read_jrnl(json.loads((DATA / "jrnl.json").read_text())), place, NOW)
    assert [e.uid for e in again.entries] == [e.uid for e in brought.entries]


def test_a_jrnl_entry_in_the_future_is_located() -> None:
    doc = {"entries": [{"title": "soon", "body": "", "date": "2030-01-01", "time": "09:00"}]}
    with pytest.raises(ValidationError) as caught:
        jrnl_records(read_jrnl(doc), place, NOW)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("entries[0].date", "in_the_future")
    ]
