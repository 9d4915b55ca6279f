"""Importing Daylio and jrnl exports into a real journal, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import time as system_time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kindvoice.core.clock import FrozenClock, SystemClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import ImportFileError, KindvoiceError, ValidationError
from kindvoice.services import checkins, insights, journal, outside_import, portability
from kindvoice.services.outside_import import Loaded
from kindvoice.services.wiring import Context, open_context

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"
BERLIN = ZoneInfo("Europe/Berlin")
FILES = ["daylio_current.csv", "daylio_8col.csv", "daylio_oldest.csv", "jrnl.json"]
CUSTOM = {"sad": 2, "Refreshed": 8, "ok but sleepy": 5}


def load(ctx: Context, name: str, source: Any = None) -> Loaded:
    return outside_import.read_import(DATA / name, ctx, source)


def bring_in(ctx: Context, name: str, moods: dict[str, int] | None = None) -> Any:
    loaded = load(ctx, name)
    return outside_import.add(ctx, outside_import.bring(ctx, loaded, moods or CUSTOM))


def everything(ctx: Context) -> dict[str, Any]:
    return portability.export_document(ctx)


@pytest.fixture
def berlin(tmp_path: Path, database_url: str) -> Iterator[Context]:
    """A journal whose clock (and so wall-clock times from files) is in Berlin."""
    clock = FrozenClock(datetime(2026, 11, 20, 10, 30, tzinfo=BERLIN))
    context = open_context(Settings(home=tmp_path / "home", database_url=database_url), clock)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize("name", [*FILES, "daylio_custom_moods.csv"])
def test_each_file_is_told_apart_by_its_contents(ctx: Context, name: str) -> None:
    loaded = load(ctx, name)
    assert loaded.source == ("jrnl" if name.endswith(".json") else "daylio")
    assert loaded.journal is None


def test_daylio_import_adds_checkins_and_entries_once(berlin: Context) -> None:
    report = bring_in(berlin, "daylio_current.csv")
    assert (report.checkins_added, report.entries_added) == (6, 4)
    assert (report.first, report.last) == (
        datetime(2024, 5, 16, 0, 0, tzinfo=BERLIN),
        datetime(2024, 5, 18, 21, 41, tzinfo=BERLIN),
    )
    assert len(report.entry_ids) == 4
    kept = checkins.list_checkins(berlin, limit=None)
    assert [(c.mood, c.stress, c.critic, c.kindness) for c in kept][:2] == [
        (1, None, None, None),
        (7, None, None, None),
    ]
    assert kept[0].created_at == datetime(2024, 5, 18, 21, 41, tzinfo=BERLIN)
    assert kept[0].created_at.utcoffset() == timedelta(hours=2)  # summer time in May
    entries = journal.list_entries(berlin, limit=None)
    assert {e.source for e in entries} == {"daylio"}
    meeting = next(e for e in entries if e.situation == "Team meeting")
    assert meeting.tags == ("work", "bad-sleep", "stressed/frustrated")
    assert "& everyone saw it" in meeting.thought
    before = everything(berlin)

    again = bring_in(berlin, "daylio_current.csv")
    assert (again.added, again.checkins_skipped, again.entries_skipped) == (0, 6, 4)
    assert again.entry_ids == ()
    assert everything(berlin) == before


def test_winter_times_get_the_winter_offset(berlin: Context) -> None:
    bring_in(berlin, "daylio_oldest.csv")
    moments = {c.created_at for c in checkins.list_checkins(berlin, limit=None)}
    new_year = datetime(2017, 12, 31, 23, 59, tzinfo=BERLIN)
    assert new_year in moments
    assert next(m for m in moments if m == new_year).utcoffset() == timedelta(hours=1)


def test_every_layout_and_jrnl_land_together_and_only_once(ctx: Context) -> None:
    for name in FILES:
        bring_in(ctx, name)
    counts = journal.count(ctx)
    assert (counts["entries"], counts["checkins"]) == (4 + 2 + 3 + 3, 6 + 3 + 4)
    for name in FILES:
        assert bring_in(ctx, name).added == 0
    assert journal.count(ctx) == counts


def test_jrnl_import_keeps_titles_bodies_tags_and_stars(ctx: Context) -> None:
    report = bring_in(ctx, "jrnl.json")
    assert (report.entries_added, report.checkins_added) == (3, 0)
    entries = journal.list_entries(ctx, limit=None)
    lunch = next(e for e in entries if e.thought.startswith("Sunday lunch"))
    assert lunch.tags == ("family", "starred")
    assert lunch.source == "jrnl"
    assert lunch.created_at.replace(tzinfo=None) == datetime(2024, 2, 4, 14, 0)


def test_a_dry_run_counts_and_writes_nothing(ctx: Context) -> None:
    before = everything(ctx)
    loaded = load(ctx, "daylio_custom_moods.csv")
    assert loaded.unknown_moods({}) == ["sad", "ok but sleepy", "Refreshed"]
    brought = outside_import.bring(ctx, loaded, {}, dry_run=True)  # moods not placed yet
    report = outside_import.add(ctx, brought, dry_run=True)
    assert report.dry_run
    assert (report.checkins_added, report.entries_added) == (4, 1)
    assert everything(ctx) == before


def test_custom_moods_must_be_placed_for_a_real_import(ctx: Context) -> None:
    loaded = load(ctx, "daylio_custom_moods.csv")
    with pytest.raises(KindvoiceError) as caught:
        outside_import.bring(ctx, loaded, {"sad": 2})
    assert caught.value.code == "daylio_unknown_moods"
    outside_import.add(ctx, outside_import.bring(ctx, loaded, CUSTOM))
    assert sorted(c.mood for c in checkins.list_checkins(ctx, limit=None)) == [2, 5, 7, 8]


def _cut(data: bytes, marker: bytes) -> bytes:
    return data[: data.index(marker)]


def bad_files() -> dict[str, tuple[bytes, str | None, str]]:
    """name: (contents, --from, the error or problem code expected)."""
    daylio = (DATA / "daylio_8col.csv").read_bytes()
    jrnl = (DATA / "jrnl.json").read_bytes()
    header = b"full_date,date,weekday,time,mood,activities,note_title,note\n"
    return {
        "empty": (b"", "daylio", "import_empty"),
        "only a header": (b"\xef\xbb\xbf" + header, "daylio", "import_empty"),
        "binary": (bytes(range(256)), "daylio", "daylio_binary"),
        "binary in a daylio sheet": (daylio[:80] + b"\x00" + daylio[80:], None, "daylio_binary"),
        "binary jrnl": (b'{"entries": [\x00]}', "jrnl", "jrnl_binary"),
        "not utf-8": (
            daylio.replace(b"November", "Novémber".encode("latin-1")),
            None,
            "import_not_utf8",
        ),
        "truncated inside a note": (_cut(daylio, b"Nobody said"), None, "daylio_unclosed_quote"),
        "truncated inside a row": (_cut(daylio, b"09:05") + b"09:05", None, "daylio_columns"),
        "a wrong header": (b"date,mood,notes\n2024-01-01,rad,x\n", "daylio", "daylio_header"),
        "a bad date": (header + b'2024-02-30,x,x,9:00,rad,"","",""\n', None, "daylio_bad_date"),
        "a bad time": (header + b'2024-02-03,x,x,9:00 xm,rad,"","",""\n', None, "daylio_bad_time"),
        "no mood": (header + b'2024-02-03,x,x,9:00,,"","",""\n', None, "daylio_no_mood"),
        "a jrnl file cut off": (jrnl[: len(jrnl) // 2], "jrnl", "import_truncated"),
        "a jrnl file that isn't json": (b"entries: none", "jrnl", "import_not_json"),
        "a jrnl entry with a bad date": (
            jrnl.replace(b"2024-02-04", b"2024-02-31"),
            None,
            "not_a_calendar_date",
        ),
        "a csv from elsewhere": (b"name,amount\nrent,500\n", None, "import_unknown_format"),
        "daylio read as jrnl": (daylio, "jrnl", "import_not_json"),
        "jrnl read as daylio": (jrnl, "daylio", "daylio_header"),
    }


@pytest.mark.parametrize("name", sorted(bad_files()))
def test_malformed_files_are_explained_and_import_nothing(
    ctx: Context, tmp_path: Path, name: str
) -> None:
    bring_in(ctx, "jrnl.json")
    before = everything(ctx)
    content, source, code = bad_files()[name]
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(KindvoiceError) as caught:
        outside_import.read_import(path, ctx, source)
    error = caught.value
    assert isinstance(error, ImportFileError | ValidationError)
    found = [p.code for p in error.problems] if isinstance(error, ValidationError) else []
    assert code == error.code or code in found, (error.code, found)
    if isinstance(error, ValidationError):
        assert all(p.location.startswith(("row ", "entries", "file")) for p in error.problems)
    assert everything(ctx) == before


def test_a_file_over_fifty_megabytes_is_refused_before_it_is_read(
    ctx: Context, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(outside_import.MAX_OUTSIDE_BYTES + 1)  # sparse: no time spent writing
    for source in ("daylio", "jrnl"):
        with pytest.raises(ImportFileError) as caught:
            outside_import.read_import(huge, ctx, source)  # type: ignore[arg-type]
        assert caught.value.code == "import_too_big"
        assert caught.value.params["limit_mb"] == 50


def test_a_detected_file_over_the_limit_is_refused(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = (DATA / "daylio_current.csv").read_bytes()
    monkeypatch.setattr(outside_import, "MAX_OUTSIDE_BYTES", len(raw) - 1)
    with pytest.raises(ImportFileError) as caught:
        outside_import.parse_import(raw, ctx, "big.csv")
    assert caught.value.code == "import_too_big"


def test_kindvoice_exports_still_go_to_their_own_reader(ctx: Context, clock: FrozenClock) -> None:
    checkins.record_checkin(ctx, 6, 3, 4)
    raw = portability.dump_document(everything(ctx)).encode()
    loaded = outside_import.parse_import(raw, ctx, "mine.json")
    assert loaded.source == "kindvoice"
    assert loaded.journal is not None
    assert len(loaded.journal.checkins) == 1
    for broken, code in [
        (b"", "import_empty"),
        (b"\x00\x01", "import_binary"),
        (b'{"a": "\xff"}', "import_not_utf8"),
        (b'{"format": "kindvoice-export", "entries": [', "import_truncated"),
        (b"entries: [1, 2]", "import_not_json"),
        (b'{"hello": "world"}', "import_invalid"),
    ]:
        with pytest.raises(KindvoiceError) as caught:
            outside_import.parse_import(broken, ctx, "x.json")
        assert caught.value.code == code


def test_missing_ratings_round_trip_through_json_and_csv(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    bring_in(ctx, "daylio_8col.csv")
    checkins.record_checkin(ctx, 6, 3, 4, "mine")
    document = everything(ctx)
    by_note = {c["note"]: c for c in document["checkins"]}
    assert (by_note["mine"]["stress"], by_note["mine"]["critic"]) == (3, 4)
    daylio_ones = [c for c in document["checkins"] if c["note"] == ""]
    assert {(c["stress"], c["critic"]) for c in daylio_ones} == {(None, None)}

    other = open_context(
        Settings(home=tmp_path / "h2", database_url=f"sqlite:///{tmp_path / 'two.sqlite3'}"), clock
    )
    try:
        raw = portability.dump_document(document).encode()
        portability.import_journal(other, portability.parse_import_bytes(raw, other))
        assert portability.export_document(other)["checkins"] == document["checkins"]
        assert portability.export_document(other)["entries"] == document["entries"]
    finally:
        other.close()

    paths = portability.write_csv(ctx, tmp_path, "out")
    rows = list(csv.DictReader(io.StringIO(paths[1].read_text(encoding="utf-8-sig"))))
    assert {(r["stress"], r["critic"]) for r in rows if r["note"] == ""} == {("", "")}
    assert {(r["stress"], r["critic"]) for r in rows if r["note"] == "mine"} == {("3", "4")}


def _recent_daylio(days: int, today: date) -> bytes:
    header = "full_date,date,weekday,time,mood,activities,note_title,note,scales\n"
    rows = []
    for back in range(days):
        day = today - timedelta(days=back + 1)
        mood = "awful" if back in (3, 4) else ("good" if back % 2 else "meh")
        rows.append(f'{day.isoformat()},x,x,8:30 pm,{mood},"walk","",""," "\n')
    return ("\ufeff" + header + "".join(rows)).encode("utf-8")


def test_insights_work_with_checkins_that_have_only_a_mood(ctx: Context) -> None:
    raw = _recent_daylio(40, ctx.clock.now().date())
    loaded = outside_import.parse_import(raw, ctx, "recent.csv")
    outside_import.add(ctx, outside_import.bring(ctx, loaded, {}))
    checkins.record_checkin(ctx, 6, 3, 4)
    found, moods = insights.gather_with_moods(ctx)
    assert len(moods) >= 40
    assert found.setbacks.enough
    assert found.critic.n == 0  # no entries: nothing is counted from a missing rating
    journal_loaded = portability.load_journal(ctx)
    assert insights.compute(journal_loaded, ctx.clock.now().date()) == insights.gather(ctx)


def test_new_entries_are_read_like_anything_written_here(ctx: Context) -> None:
    text = (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2026-11-01,x,x,21:00,awful,"","","I\'m such an idiot, I always ruin everything."\n'
        '2026-11-02,x,x,21:00,awful,"","","I want to end my life. I can\'t do this anymore."\n'
        '2026-11-03,x,x,21:00,good,"","","Nice walk in the park."\n'
    )
    loaded = outside_import.parse_import(text.encode(), ctx, "notes.csv")
    report = outside_import.add(ctx, outside_import.bring(ctx, loaded, {}))
    reading = outside_import.read_new_entries(ctx, report.entry_ids)
    assert reading.read == 3
    assert reading.self_critical == 2
    assert reading.crisis == (report.entry_ids[1],)
    from kindvoice.services import reframing

    assert reframing.entry_reframing(ctx, report.entry_ids[0]).analysis is not None


def test_times_without_a_zone_follow_the_systems_daylight_saving(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    system_time.tzset()
    try:
        fake = Context(db=ctx.db, user_id=ctx.user_id, clock=SystemClock(), home=None)
        place = outside_import.wall_clock(fake)
        assert place(datetime(2024, 7, 1, 12, 0)).utcoffset() == timedelta(hours=2)
        assert place(datetime(2024, 1, 1, 12, 0)).utcoffset() == timedelta(hours=1)
    finally:
        monkeypatch.delenv("TZ")
        system_time.tzset()


def test_a_fixed_offset_clock_places_times_in_that_offset(ctx: Context) -> None:
    place = outside_import.wall_clock(ctx)  # the shared fixture's clock is UTC
    assert place(datetime(2024, 7, 1, 12, 0)).utcoffset() == timedelta(0)


def test_the_automatic_backup_is_made_before_an_import(ctx: Context) -> None:
    checkins.record_checkin(ctx, 6, 3, 4, "worth keeping")
    made = outside_import.backup_first(ctx)
    assert made is not None
    assert made.exists()
    assert ctx.home is not None
    assert ctx.home in made.parents


def test_the_web_report_shape_carries_the_counts(ctx: Context) -> None:
    report = bring_in(ctx, "jrnl.json").as_import_report()
    assert (report.entries_added, report.checkins_added, report.dry_run) == (3, 0, False)
    assert json.dumps(report.__dict__)
