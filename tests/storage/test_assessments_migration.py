"""Migration 0006: a journal at 0005 gains questionnaire results and keeps everything it had.

Rows written at 0005 are inserted with that revision's own columns (not through
today's repositories), so a later migration that adds a column doesn't break
this test.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Connection, delete, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.instruments.engine import find_instrument
from kindvoice.domain.instruments.results import Assessment, make_assessment
from kindvoice.storage import assessment_repos, repos
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.migrate import downgrade, upgrade
from kindvoice.storage.schema import assessments, checkins, journal_entries, users

USER_UID = "9e5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c"
OTHER_UID = "9f5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c"
ENTRY_UID = "3cde109f-8a93-4d9e-b235-a787ff36050f"
CHECKIN_UID = "c3e7d144-c1d5-4ba9-9bbb-276ab02494c8"
CHATHAM = timezone(timedelta(hours=13, minutes=45))
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
KINDNESS = find_instrument("kindness-checkin")
assert KINDNESS is not None


def _user(conn: Connection, uid: str, now: datetime) -> int:
    (user_id,) = conn.execute(
        insert(users).returning(users.c.id),
        {"uid": uid, "is_local": uid == USER_UID, "created_at": now, "utc_offset_s": 0},
    ).scalars()
    return int(user_id)


def _old_journal(conn: Connection, user_id: int, now: datetime) -> None:
    """An entry and a check-in, with the columns they have at 0005."""
    conn.execute(
        insert(journal_entries).values(
            uid=ENTRY_UID,
            user_id=user_id,
            situation="a quiet Sunday",
            thought="I could be kinder to myself 🌿",
            source="kindvoice",
            created_at=now,
            updated_at=now,
            utc_offset_s=int(CHATHAM.utcoffset(None).total_seconds()),
            updated_offset_s=int(CHATHAM.utcoffset(None).total_seconds()),
        )
    )
    conn.execute(
        insert(checkins).values(
            uid=CHECKIN_UID,
            user_id=user_id,
            created_at=now,
            utc_offset_s=0,
            mood=6,
            stress=3,
            critic=2,
            note="steady",
            kindness=7,
        )
    )


def _journal_intact(db: Database, user_id: int, now: datetime) -> None:
    with db.read() as conn:
        entry = conn.execute(
            select(journal_entries.c.uid, journal_entries.c.thought, journal_entries.c.created_at)
        ).one()
        checkin = conn.execute(
            select(checkins.c.uid, checkins.c.mood, checkins.c.kindness, checkins.c.note).where(
                checkins.c.user_id == user_id
            )
        ).one()
    assert (entry.uid, entry.thought) == (ENTRY_UID, "I could be kinder to myself 🌿")
    assert entry.created_at == now
    assert tuple(checkin) == (CHECKIN_UID, 6, 7, "steady")


def _results(now: datetime) -> list[Assessment]:
    """Three kindness check-ins a week apart, in Chatham's odd offset, oldest first."""
    found: list[Assessment] = []
    for weeks_ago, answer in ((2, 2), (1, 3), (0, 4)):
        taken = (now - timedelta(weeks=weeks_ago)).astimezone(CHATHAM)
        taken = taken.replace(microsecond=1000 * answer)
        given = dict.fromkeys(range(1, 9), answer)
        found.append(make_assessment(KINDNESS, given, taken, now))
    return found


def _listing_works(db: Database, user_id: int, results: list[Assessment], ids: list[int]) -> None:
    other = make_assessment(KINDNESS, dict.fromkeys(range(1, 9), 5), results[0].taken_at, NOW)
    kind = "kindness-checkin"
    with db.read() as conn:
        oldest = assessment_repos.list_assessments(conn, user_id, kind, oldest_first=True)
        newest = assessment_repos.list_assessments(conn, user_id, kind)
        latest_two = assessment_repos.list_assessments(conn, user_id, kind, limit=2)
        everything = assessment_repos.list_assessments(conn, user_id)
        counts = repos.count_rows(conn, user_id)
        count_kind = assessment_repos.count_assessments(conn, user_id, kind)
        known = assessment_repos.existing_assessment_uids(
            conn, user_id, [r.uid for r in results] + [other.uid]
        )
        one = assessment_repos.get_assessment(conn, user_id, ids[0])
        missing = assessment_repos.get_assessment(conn, user_id, max(ids) + 1)
    assert [r.uid for r in oldest] == [r.uid for r in results]
    assert [r.uid for r in newest] == [r.uid for r in results[::-1]]
    assert [r.uid for r in latest_two] == [results[2].uid, results[1].uid]
    assert [r.instrument for r in everything] == ["brs", kind, kind, kind]
    # Every field comes back exactly: answers, scores, the moment in its own offset.
    assert [dataclasses.replace(r, id=None) for r in oldest] == results
    assert [r.taken_at.utcoffset() for r in oldest] == [timedelta(hours=13, minutes=45)] * 3
    assert oldest[0].taken_at.microsecond == 2000
    assert oldest[0].subscales == (
        ("self_kindness", pytest.approx(8 / 3)),
        ("common_humanity", 3.0),
        ("mindfulness", pytest.approx(8 / 3)),
    )
    assert one is not None
    assert (one.uid, one.id) == (results[2].uid, ids[0])
    assert missing is None
    assert count_kind == 3
    assert known == {r.uid for r in results}
    assert counts == {
        "entries": 1,
        "checkins": 1,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 4,
    }


def test_upgrade_from_0005_keeps_the_journal_and_adds_assessments(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    upgrade(db, "0005")
    assert db.current_revision() == "0005"
    assert "assessments" not in inspect(db.engine).get_table_names()
    now = clock.now()
    with db.write() as conn:
        user_id = _user(conn, USER_UID, now)
        _old_journal(conn, user_id, now)

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    _journal_intact(db, user_id, now)
    results = _results(now)
    with db.write() as conn:
        # Stored out of order: listing puts them back by the moment taken.
        ids = assessment_repos.insert_assessments(conn, user_id, [results[2], results[0]])
        ids += assessment_repos.insert_assessments(conn, user_id, [results[1]])
        brs = make_assessment(KINDNESS, dict.fromkeys(range(1, 9), 1), now, now)
        later = dataclasses.replace(brs, instrument="brs", taken_at=now + timedelta(seconds=1))
        ids += assessment_repos.insert_assessments(conn, user_id, [later])
    assert len(ids) == len(set(ids)) == 4
    _listing_works(db, user_id, results, ids)

    downgrade(db, "0005")
    assert db.current_revision() == "0005"
    assert "assessments" not in inspect(db.engine).get_table_names()
    _journal_intact(db, user_id, now)

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    with db.read() as conn:
        assert assessment_repos.list_assessments(conn, user_id) == []
    _journal_intact(db, user_id, now)
    db.dispose()


def test_assessments_table_has_its_index_link_and_one_uid_per_person(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    db.migrate()
    inspector = inspect(db.engine)
    indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("assessments")}
    assert indexes["ix_assessments_user_instrument_taken"] == ["user_id", "instrument", "taken_at"]
    keys = [
        (fk["referred_table"], fk["constrained_columns"], fk["options"].get("ondelete"))
        for fk in inspector.get_foreign_keys("assessments")
    ]
    assert keys == [("users", ["user_id"], "CASCADE")]
    now = clock.now()
    result = make_assessment(KINDNESS, dict.fromkeys(range(1, 9), 3), now, now)
    with db.write() as conn:
        me = _user(conn, USER_UID, now)
        other = _user(conn, OTHER_UID, now)
        assessment_repos.insert_assessments(conn, me, [result])
        # The same uid may belong to someone else ...
        assessment_repos.insert_assessments(conn, other, [result])
    # ... but only once to each person.
    with pytest.raises(IntegrityError), db.write() as conn:
        assessment_repos.insert_assessments(conn, me, [result])
    # Deleting a person takes their results along.
    with db.write() as conn:
        conn.execute(delete(users).where(users.c.id == other))
    with db.read() as conn:
        owners = conn.execute(select(assessments.c.user_id)).scalars().all()
    assert owners == [me]
    db.dispose()


def test_forgetting_assessments_leaves_other_people_alone(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    db.migrate()
    now = clock.now()
    mine, theirs = (
        make_assessment(KINDNESS, dict.fromkeys(range(1, 9), value), now, now) for value in (2, 4)
    )
    with db.write() as conn:
        me = _user(conn, USER_UID, now)
        other = _user(conn, OTHER_UID, now)
        assessment_repos.insert_assessments(conn, me, [mine])
        assessment_repos.insert_assessments(conn, other, [theirs])
        uids = [mine.uid, theirs.uid]
        assert assessment_repos.existing_assessment_uids(conn, me, uids) == {mine.uid}
        assert assessment_repos.existing_assessment_uids(conn, other, uids) == {theirs.uid}
        assert assessment_repos.forget_assessments(conn, me) == 1
        assert assessment_repos.list_assessments(conn, me) == []
        assert [r.uid for r in assessment_repos.list_assessments(conn, other)] == [theirs.uid]
        assert assessment_repos.count_assessments(conn, me) == 0
    db.dispose()
