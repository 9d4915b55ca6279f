from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.errors import NotFoundError, ValidationError
from kindvoice.domain.records import Emotion
from kindvoice.services import checkins, journal
from kindvoice.services.wiring import Context
from kindvoice.storage import repos


def test_record_thought_stores_everything(ctx: Context) -> None:
    entry = journal.record_thought(
        ctx, "I ruin everything", "burnt the dinner", [Emotion("ashamed", 80)], ["Home", "#food"]
    )
    assert entry.id is not None
    again = journal.get_entry(ctx, entry.id)
    assert again == entry
    assert again.tags == ("home", "food")
    assert again.created_at == ctx.clock.now()


def test_record_thought_keeps_the_writers_offset(ctx: Context) -> None:
    at = datetime(2026, 11, 19, 22, 15, 3, 250000, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    entry = journal.record_thought(ctx, "late thoughts", at=at)
    stored = journal.get_entry(ctx, entry.id or 0)
    assert stored.created_at == at
    assert stored.created_at.isoformat() == at.isoformat()


def test_record_thought_refuses_bad_input_and_stores_nothing(ctx: Context) -> None:
    for bad in ("", "x" * 1_000_000, "nul\x00byte"):
        with pytest.raises(ValidationError):
            journal.record_thought(ctx, bad)
    with pytest.raises(ValidationError):
        journal.record_thought(ctx, "ok", at=ctx.clock.now() + timedelta(days=2))
    with pytest.raises(ValidationError):
        journal.record_thought(ctx, "ok", at=datetime(2026, 1, 1, 8, 0))
    assert journal.count(ctx) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }


def test_edit_entry_changes_only_what_is_given(ctx: Context, clock: FrozenClock) -> None:
    entry = journal.record_thought(ctx, "I'm hopeless", "exam", [Emotion("fear", 60)], ["school"])
    clock.advance(timedelta(hours=2))
    edited = journal.edit_entry(ctx, entry.id or 0, thought="I struggled with this exam")
    assert edited.thought == "I struggled with this exam"
    assert edited.situation == "exam"
    assert edited.emotions == (Emotion("fear", 60),)
    assert edited.tags == ("school",)
    assert edited.updated_at == clock.now()
    assert edited.created_at == entry.created_at
    cleared = journal.edit_entry(ctx, entry.id or 0, emotions=[], tags=[])
    assert cleared.emotions == ()
    assert cleared.tags == ()


def test_edit_with_bad_input_changes_nothing(ctx: Context) -> None:
    entry = journal.record_thought(ctx, "keep me", tags=["a"])
    with pytest.raises(ValidationError):
        journal.edit_entry(ctx, entry.id or 0, thought="   ")
    assert journal.get_entry(ctx, entry.id or 0) == entry


def test_missing_entries_get_not_found(ctx: Context) -> None:
    for action in (
        lambda: journal.get_entry(ctx, 999),
        lambda: journal.edit_entry(ctx, 999, thought="x"),
        lambda: journal.delete_entry(ctx, 999),
    ):
        with pytest.raises(NotFoundError):
            action()


def test_delete_entry_removes_it_and_its_search_trace(ctx: Context) -> None:
    entry = journal.record_thought(ctx, "pineapple thought", emotions=[Emotion("odd", 10)])
    assert journal.search_entries(ctx, "pineapple")
    journal.delete_entry(ctx, entry.id or 0)
    assert journal.search_entries(ctx, "pineapple") == []
    assert journal.list_entries(ctx) == []


def test_list_entries_newest_first_with_filters(ctx: Context, clock: FrozenClock) -> None:
    first = journal.record_thought(ctx, "one", tags=["work"])
    clock.advance(timedelta(days=1))
    second = journal.record_thought(ctx, "two", tags=["home"])
    clock.advance(timedelta(days=1))
    third = journal.record_thought(ctx, "three", tags=["work"])
    assert [e.id for e in journal.list_entries(ctx)] == [third.id, second.id, first.id]
    assert [e.id for e in journal.list_entries(ctx, tag="work")] == [third.id, first.id]
    assert [e.id for e in journal.list_entries(ctx, limit=1)] == [third.id]
    since = first.created_at + timedelta(hours=12)
    assert [e.id for e in journal.list_entries(ctx, since=since)] == [third.id, second.id]


def test_search_finds_words_in_every_part(ctx: Context) -> None:
    a = journal.record_thought(
        ctx, "I always fail my exams", "Maths test", [Emotion("anxious", 70)]
    )
    b = journal.record_thought(ctx, "Nobody likes me", "Party", tags=["friends"])
    journal.record_thought(ctx, "Quiet evening", "home")

    def found(query: str) -> set[int | None]:
        return {e.id for e in journal.search_entries(ctx, query)}

    assert found("exams") == {a.id}
    assert found("MATHS") == {a.id}
    assert found("anxious") == {a.id}
    assert found("friends") == {b.id}
    assert found("likes party") == {b.id}
    assert found("likes maths") == set()
    assert found('fail* "exams" (') == {a.id}  # search syntax is read as words, never an error


def test_search_handles_unicode_words(ctx: Context) -> None:
    entry = journal.record_thought(ctx, "Je me sens nulle, vraiment épuisée", "travail")
    assert {e.id for e in journal.search_entries(ctx, "épuisée")} == {entry.id}


def test_search_needs_a_word(ctx: Context) -> None:
    with pytest.raises(ValidationError):
        journal.search_entries(ctx, "  ?!  ")


def test_one_persons_entries_are_invisible_to_another(ctx: Context) -> None:
    mine = journal.record_thought(ctx, "private words")
    other = Context(db=ctx.db, user_id=_second_user(ctx), clock=ctx.clock)
    assert journal.list_entries(other) == []
    assert journal.search_entries(other, "private") == []
    with pytest.raises(NotFoundError):
        journal.get_entry(other, mine.id or 0)
    with pytest.raises(NotFoundError):
        journal.delete_entry(other, mine.id or 0)
    assert journal.get_entry(ctx, mine.id or 0) == mine


def _second_user(ctx: Context) -> int:
    from sqlalchemy import insert

    with ctx.db.write() as conn:
        result = conn.execute(
            insert(repos.users).values(
                uid="00000000-0000-4000-8000-000000000002",
                is_local=False,
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def test_checkins_are_recorded_and_listed(ctx: Context, clock: FrozenClock) -> None:
    first = checkins.record_checkin(ctx, 4, 7, 8, "rough morning")
    clock.advance(timedelta(hours=3))
    second = checkins.record_checkin(ctx, 6, 4, 3)
    assert checkins.list_checkins(ctx) == [second, first]
    with pytest.raises(ValidationError):
        checkins.record_checkin(ctx, 11, 0, 0)
    assert journal.count(ctx) == {
        "entries": 0,
        "checkins": 2,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
