"""Analyses, trap feedback and reframes in the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta, timezone

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.records import (
    CriticSpan,
    Entry,
    Reflection,
    SavedReframe,
    StoredAnalysis,
    TrapFeedback,
)
from kindvoice.storage import reframing_repos, repos
from kindvoice.storage.database import Database
from kindvoice.storage.schema import entry_analyses, reframes, trap_feedback, users

USER_UID = "8d5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c"
EVENING = timezone(timedelta(hours=-5))


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.migrate()
    yield database
    database.dispose()


def _entry(clock: FrozenClock, uid: str, thought: str = "I'm such an idiot") -> Entry:
    now = clock.now()
    return Entry(
        uid=uid, thought=thought, situation="", emotions=(), tags=(), created_at=now, updated_at=now
    )


def _setup(db: Database, clock: FrozenClock, count: int = 2) -> tuple[int, list[int]]:
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, USER_UID, clock.now())
        ids = repos.insert_entries(
            conn,
            user_id,
            [_entry(clock, f"00000000-0000-4000-8000-{i:012d}") for i in range(count)],
        )
    return user_id, ids


def analysis(clock: FrozenClock, version: str = "v1", critic: float = 0.9312) -> StoredAnalysis:
    return StoredAnalysis(
        model_version=version,
        crisis_level="none",
        crisis_cue="",
        critic_probability=critic,
        is_self_critical=critic >= 0.5,
        traps=(TrapScore("labeling", 0.8123), TrapScore("blaming", 0.0001)),
        critic_spans=(CriticSpan(0, 17, 0),),
        created_at=clock.now().astimezone(EVENING),
    )


def test_analysis_is_stored_exactly_and_replaced(db: Database, clock: FrozenClock) -> None:
    user_id, (first, second) = _setup(db, clock)
    with db.write() as conn:
        reframing_repos.replace_analysis(conn, user_id, first, analysis(clock))
    with db.read() as conn:
        found = reframing_repos.load_reflections(conn, user_id, [first, second])
    assert found[first].analysis == analysis(clock)
    assert found[first].analysis.created_at.utcoffset() == timedelta(hours=-5)
    assert found[second] == Reflection()

    newer = analysis(clock, "v2", critic=0.1)
    with db.write() as conn:
        reframing_repos.replace_analysis(conn, user_id, first, newer)
        count = conn.execute(select(func.count()).select_from(entry_analyses)).scalar_one()
    assert count == 1
    with db.read() as conn:
        assert reframing_repos.load_reflections(conn, user_id, [first])[first].analysis == newer


def test_entries_needing_analysis_are_missing_or_from_another_version(
    db: Database, clock: FrozenClock
) -> None:
    user_id, ids = _setup(db, clock, count=3)
    with db.write() as conn:
        reframing_repos.replace_analysis(conn, user_id, ids[0], analysis(clock, "v2"))
        reframing_repos.replace_analysis(conn, user_id, ids[1], analysis(clock, "v1"))
    with db.read() as conn:
        assert reframing_repos.entries_needing_analysis(conn, user_id, "v2") == ids[1:]
        assert reframing_repos.entries_needing_analysis(conn, user_id, "v1") == [ids[0], ids[2]]


def test_trap_feedback_keeps_the_latest_word_per_trap(db: Database, clock: FrozenClock) -> None:
    user_id, (first, _second) = _setup(db, clock)
    now = clock.now()
    with db.write() as conn:
        reframing_repos.set_trap_feedback(
            conn, user_id, first, TrapFeedback("labeling", "confirmed", now)
        )
        reframing_repos.set_trap_feedback(
            conn, user_id, first, TrapFeedback("comparing", "added", now)
        )
        reframing_repos.set_trap_feedback(
            conn, user_id, first, TrapFeedback("labeling", "rejected", now + timedelta(minutes=1))
        )
    with db.read() as conn:
        found = reframing_repos.load_reflections(conn, user_id, [first])[first]
    assert [(f.trap, f.verdict) for f in found.trap_feedback] == [
        ("comparing", "added"),
        ("labeling", "rejected"),
    ]


def test_reframes_keep_their_order_beliefs_and_unique_ids(db: Database, clock: FrozenClock) -> None:
    user_id, (first, second) = _setup(db, clock)
    one = SavedReframe(
        uid="5b0b6f43-3f0e-4b53-8d0c-0d1a2b3c4d5e",
        text="One mistake, not my whole self.",
        origin="suggested",
        component="mindfulness",
        trap="labeling",
        belief_before=90,
        belief_after=40,
        created_at=clock.now(),
    )
    two = dataclasses.replace(
        one, uid="6c1c7f54-4f1f-4c64-9e1d-1e2b3c4d5e6f", text="Own words", origin="own"
    )
    with db.write() as conn:
        one_id = reframing_repos.insert_reframe(conn, user_id, first, one)
        reframing_repos.insert_reframe(conn, user_id, first, two)
    with db.read() as conn:
        kept = reframing_repos.load_reflections(conn, user_id, [first])[first].reframes
        assert reframing_repos.existing_reframe_uids(conn, user_id, [one.uid, "x"]) == {one.uid}
    assert kept[0] == dataclasses.replace(one, id=one_id)
    assert [r.text for r in kept] == ["One mistake, not my whole self.", "Own words"]
    with pytest.raises(IntegrityError), db.write() as conn:
        reframing_repos.insert_reframe(conn, user_id, second, one)  # same uid again


@pytest.mark.parametrize(
    "change",
    [
        {"belief_before": 101},
        {"belief_after": -1},
        {"origin": "borrowed"},
    ],
)
def test_the_database_refuses_values_out_of_range(
    db: Database, clock: FrozenClock, change: dict[str, object]
) -> None:
    user_id, (first, _second) = _setup(db, clock)
    bad = dataclasses.replace(
        SavedReframe(
            uid="5b0b6f43-3f0e-4b53-8d0c-0d1a2b3c4d5e",
            text="x",
            origin="own",
            created_at=clock.now(),
        ),
        **change,  # type: ignore[arg-type]
    )
    with pytest.raises(IntegrityError), db.write() as conn:
        reframing_repos.insert_reframe(conn, user_id, first, bad)


def test_deleting_an_entry_takes_its_reflection_along(db: Database, clock: FrozenClock) -> None:
    user_id, (first, second) = _setup(db, clock)
    now = clock.now()
    with db.write() as conn:
        for entry_id in (first, second):
            reframing_repos.replace_analysis(conn, user_id, entry_id, analysis(clock))
            reframing_repos.set_trap_feedback(
                conn, user_id, entry_id, TrapFeedback("labeling", "confirmed", now)
            )
            reframing_repos.insert_reframe(
                conn,
                user_id,
                entry_id,
                SavedReframe(
                    uid=f"00000000-0000-4000-8000-{entry_id:012d}",
                    text="kind",
                    origin="own",
                    created_at=now,
                ),
            )
        repos.delete_entry(conn, user_id, first)
    with db.read() as conn:
        for table in (entry_analyses, trap_feedback, reframes):
            assert conn.execute(select(table.c.entry_id)).scalars().all() == [second]


def test_forget_reflections_deletes_only_this_persons_rows(
    db: Database, clock: FrozenClock
) -> None:
    user_id, (first, _second) = _setup(db, clock)
    now = clock.now()
    with db.write() as conn:
        other_id = conn.execute(
            insert(users)
            .values(uid="1b6f7d6c-0000-4000-8000-000000000001", created_at=now)
            .returning(users.c.id)
        ).scalar_one()
        (theirs,) = repos.insert_entries(
            conn, other_id, [_entry(clock, "1b6f7d6c-0000-4000-8000-000000000002")]
        )
        for owner, entry_id in ((user_id, first), (other_id, theirs)):
            reframing_repos.replace_analysis(conn, owner, entry_id, analysis(clock))
            reframing_repos.set_trap_feedback(
                conn, owner, entry_id, TrapFeedback("labeling", "confirmed", now)
            )
        reframing_repos.forget_reflections(conn, user_id)
    with db.read() as conn:
        for table in (entry_analyses, trap_feedback):
            assert conn.execute(select(table.c.user_id)).scalars().all() == [other_id]
