"""The reminder calendar file, written safely, and desktop notifications through notify-send."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice, pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from kindvoice.core.errors import ConfigError, KindvoiceError
from kindvoice.domain.reminders import WEEK, parse_days
from kindvoice.services import files, reminders

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
AT = time(8, 30)
WEEKDAYS = parse_days("mon-fri")


def build(
    *,
    at: time = AT,
    days: tuple[int, ...] = WEEK,
    tz_name: str | None = "Europe/Berlin",
    now: datetime | None = None,
) -> bytes:
    return reminders.build_calendar(
        at,
        days,
        tz_name,
        summary="A quiet minute for yourself",
        description="A gentle nudge, with a comma, a semicolon; and a\nnew line.",
        alarm_text="A quiet minute for yourself, whenever suits you.",
        uid=reminders.reminder_uid(at, days),
        now=now or datetime(2026, 11, 20, 12, 0, tzinfo=BERLIN),
    )


def the_event(data: bytes) -> Any:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return event


def occurrences(data: bytes, count: int) -> list[datetime]:
    """The first ``count`` times the event happens, expanded from its RRULE by dateutil."""
    event = the_event(data)
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.decoded("DTSTART"))
    return list(islice(rule, count))


# --- the calendar file --------------------------------------------------------------------


def test_calendar_is_valid_and_has_what_calendar_apps_need() -> None:
    data = build(days=WEEKDAYS)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded as RFC 5545 asks
    calendar = Calendar.from_ical(data)
    if hasattr(calendar, "validate"):  # icalendar 7
        calendar.validate()
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    assert str(calendar["PRODID"]) == "-//kindvoice//reminders//EN"
    assert str(calendar["VERSION"]) == "2.0"
    event = the_event(data)
    for name in ("UID", "DTSTAMP", "DTSTART", "DURATION", "RRULE", "SUMMARY"):
        assert name in event, name
    assert "DTEND" not in event  # DURATION and DTEND may not both be there
    assert str(event["UID"]) == "reminder-0830-mo-tu-we-th-fr@kindvoice"
    assert str(event["SUMMARY"]) == "A quiet minute for yourself"
    assert str(event["DESCRIPTION"]).endswith("a semicolon; and a\nnew line.")
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert event.decoded("DURATION") == timedelta(minutes=10)
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 20, 11, 0, tzinfo=UTC)


def test_calendar_start_time_and_weekly_rule() -> None:
    # Friday 20 November 2026, noon: the next weekday at 08:30 is Monday the 23rd.
    data = build(days=WEEKDAYS)
    event = the_event(data)
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 11, 23, 8, 30, tzinfo=BERLIN)
    assert start.time() == time(8, 30)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n" in data
    days = [moment.date() for moment in occurrences(data, 10)]
    assert all(day.weekday() < 5 for day in days)
    assert days[:6] == [
        date(2026, 11, 23),
        date(2026, 11, 24),
        date(2026, 11, 25),
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 11, 30),
    ]


def test_every_day_is_a_daily_rule() -> None:
    data = build(days=WEEK)
    rule = the_event(data)["RRULE"]
    assert dict(rule) == {"FREQ": ["DAILY"]}
    # Noon on the 20th: the first one is tomorrow morning.
    assert the_event(data).decoded("DTSTART") == datetime(2026, 11, 21, 8, 30, tzinfo=BERLIN)


def test_a_time_still_ahead_today_starts_today() -> None:
    morning = datetime(2026, 11, 20, 7, 0, tzinfo=BERLIN)
    assert the_event(build(now=morning)).decoded("DTSTART").date() == date(2026, 11, 20)
    exactly = datetime(2026, 11, 20, 8, 30, tzinfo=BERLIN)
    assert the_event(build(now=exactly)).decoded("DTSTART").date() == date(2026, 11, 21)


def test_wrapping_days_start_on_the_next_allowed_day() -> None:
    # Tuesday: with fri-mon the next one is Friday.
    tuesday = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)
    data = build(days=parse_days("fri-mon"), now=tuesday)
    event = the_event(data)
    assert event.decoded("DTSTART").date() == date(2026, 11, 27)
    assert event["RRULE"]["BYDAY"] == ["MO", "FR", "SA", "SU"]


def test_the_alarm_shows_the_words_as_it_starts() -> None:
    data = build()
    (alarm,) = the_event(data).walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert str(alarm["DESCRIPTION"]) == "A quiet minute for yourself, whenever suits you."
    assert b"TRIGGER:PT0M\r\n" in data


def test_parse_and_serialize_again_is_stable() -> None:
    data = build(days=WEEKDAYS)
    once = Calendar.from_ical(data).to_ical()
    twice = Calendar.from_ical(once).to_ical()
    assert once == twice
    # Read back, the file means the same thing the first time and after.
    first, again = the_event(data), the_event(once)
    for name in ("UID", "DTSTART", "DURATION", "RRULE", "SUMMARY", "DESCRIPTION", "TRANSP"):
        assert first.decoded(name) == again.decoded(name), name
    assert first.walk("VALARM")[0].decoded("TRIGGER") == again.walk("VALARM")[0].decoded("TRIGGER")


def test_the_embedded_time_zone_rules_match_the_zone() -> None:
    """Calendar apps that read the VTIMEZONE itself (not the zone's name) get the same times."""
    calendar = Calendar.from_ical(build(now=datetime(2026, 3, 27, 12, 0, tzinfo=BERLIN)))
    (zone_component,) = calendar.walk("VTIMEZONE")
    assert str(zone_component["TZID"]) == "Europe/Berlin"
    embedded = zone_component.to_tz(lookup_tzid=False)
    for moment in (
        datetime(2026, 3, 28, 8, 30),
        datetime(2026, 3, 30, 8, 30),
        datetime(2040, 7, 1),
    ):
        assert (
            moment.replace(tzinfo=embedded).utcoffset() == moment.replace(tzinfo=BERLIN).utcoffset()
        ), moment


def test_the_uid_is_the_same_for_the_same_reminder() -> None:
    assert reminders.reminder_uid(AT, WEEK) == "reminder-0830-daily@kindvoice"
    assert reminders.reminder_uid(AT, (4, 0)) == "reminder-0830-mo-fr@kindvoice"
    assert reminders.reminder_uid(time(19, 0), WEEK) != reminders.reminder_uid(AT, WEEK)


# --- the clocks change --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone_name", "created", "before", "after"),
    [
        # Europe/Berlin springs forward on 29 March 2026 and falls back on 25 October.
        ("Europe/Berlin", datetime(2026, 3, 28, 7, 0), timedelta(hours=1), timedelta(hours=2)),
        ("Europe/Berlin", datetime(2026, 10, 24, 7, 0), timedelta(hours=2), timedelta(hours=1)),
        # New York springs forward on 8 March 2026.
        ("America/New_York", datetime(2026, 3, 7, 7, 0), timedelta(hours=-5), timedelta(hours=-4)),
    ],
)
def test_a_reminder_stays_at_its_local_time_across_a_clock_change(
    zone_name: str, created: datetime, before: timedelta, after: timedelta
) -> None:
    zone = ZoneInfo(zone_name)
    data = build(tz_name=zone_name, now=created.replace(tzinfo=zone))
    moments = occurrences(data, 5)
    # The first is the same day (before the change), then every day after it.
    assert [m.date() for m in moments] == [created.date() + timedelta(days=n) for n in range(5)]
    assert all(m.time() == AT for m in moments)
    assert moments[0].utcoffset() == before
    assert all(m.utcoffset() == after for m in moments[1:])
    # The instants move by the change, so the wall clock shows 08:30 both sides of it.
    in_utc = [m.astimezone(UTC) for m in moments]
    assert in_utc[1] - in_utc[0] == timedelta(days=1) - (after - before)
    assert all(b - a == timedelta(days=1) for a, b in pairwise(in_utc[1:]))


def test_floating_time_stays_at_its_local_time_in_any_zone() -> None:
    created = datetime(2026, 3, 28, 7, 0, tzinfo=BERLIN)
    data = build(tz_name=None, now=created)
    assert b"VTIMEZONE" not in data
    assert b"TZID" not in data
    assert b"DTSTART:20260328T083000\r\n" in data
    event = the_event(data)
    assert event.decoded("DTSTART") == datetime(2026, 3, 28, 8, 30)  # naive: floating
    moments = occurrences(data, 4)
    assert all(m.tzinfo is None and m.time() == AT for m in moments)
    # Read in the person's zone, each is 08:30 there, before and after the change.
    local = [m.replace(tzinfo=BERLIN) for m in moments]
    assert [m.utcoffset() for m in local] == [timedelta(hours=h) for h in (1, 2, 2, 2)]


def test_floating_start_uses_the_offset_of_now() -> None:
    # 23:00 on the 20th in New York is already the 21st in UTC; the person's day counts.
    late = datetime(2026, 11, 20, 23, 0, tzinfo=NEW_YORK)
    assert the_event(build(tz_name=None, now=late)).decoded("DTSTART") == datetime(
        2026, 11, 21, 8, 30
    )


def test_a_time_lost_to_spring_forward_starts_the_day_after() -> None:
    start = reminders.next_start(
        time(2, 30), WEEK, datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), BERLIN
    )
    assert start == datetime(2026, 3, 30, 2, 30, tzinfo=BERLIN)


def test_next_start_needs_days_and_an_aware_now() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        reminders.next_start(AT, (), datetime(2026, 1, 1, tzinfo=UTC), None)
    with pytest.raises(ValueError, match="aware"):
        reminders.next_start(AT, WEEK, datetime(2026, 1, 1), None)


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        build(tz_name="Mars/Olympus_Mons")
    assert caught.value.code == "bad_time_zone"
    with pytest.raises(ConfigError):
        build(tz_name="../../etc/passwd")


# --- finding the person's time zone -------------------------------------------------------


def fake_zoneinfo(tmp_path: Path, name: str) -> Path:
    """A symlink like /etc/localtime pointing into a zoneinfo folder."""
    target = tmp_path / "usr" / "share" / "zoneinfo" / name
    target.parent.mkdir(parents=True)
    target.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(target)
    return link


def test_zone_from_kindvoice_tz_wins(tmp_path: Path) -> None:
    link = fake_zoneinfo(tmp_path, "Europe/Berlin")
    env = {"KINDVOICE_TZ": "America/New_York", "TZ": "Asia/Tokyo"}
    assert reminders.local_zone_name(env, link) == "America/New_York"
    assert reminders.local_zone_name({"KINDVOICE_TZ": "UTC"}, link) == "UTC"  # asked for


def test_a_bad_kindvoice_tz_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        reminders.local_zone_name({"KINDVOICE_TZ": "Nowhere/Special"}, tmp_path / "none")
    assert caught.value.code == "bad_time_zone"
    assert caught.value.params == {"value": "Nowhere/Special"}


def test_zone_from_tz_then_the_system(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    assert reminders.local_zone_name({"TZ": ":Asia/Tokyo"}, missing, missing) == "Asia/Tokyo"
    link = fake_zoneinfo(tmp_path, "Europe/Berlin")
    assert reminders.local_zone_name({"TZ": "CET-1CEST"}, link, missing) == "Europe/Berlin"
    assert reminders.local_zone_name({}, link, missing) == "Europe/Berlin"
    timezone_file = tmp_path / "timezone"
    timezone_file.write_text("Australia/Sydney\n")
    assert reminders.local_zone_name({}, missing, timezone_file) == "Australia/Sydney"
    assert reminders.local_zone_name({}, missing, missing) is None


@pytest.mark.parametrize("name", ["Etc/UTC", "UTC", "Etc/GMT", "Zulu"])
def test_a_system_on_utc_counts_as_unknown(tmp_path: Path, name: str) -> None:
    link = fake_zoneinfo(tmp_path, name)
    assert reminders.local_zone_name({}, link, tmp_path / "missing") is None
    assert reminders.local_zone_name({"TZ": name}, tmp_path / "missing") is None


# --- writing the file ---------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_calendar_is_private_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "reminder.ics"
    old_umask = os.umask(0)  # even with a permissive umask
    try:
        reminders.write_calendar(path, b"first")
    finally:
        os.umask(old_umask)
    assert path.read_bytes() == b"first"
    assert mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reminder.ics"]


def test_write_calendar_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "reminder.ics"
    path.write_bytes(b"kept")
    path.chmod(0o644)
    with pytest.raises(KindvoiceError) as caught:
        reminders.write_calendar(path, b"new")
    assert caught.value.code == "reminder_exists"
    assert caught.value.params == {"path": str(path)}
    assert path.read_bytes() == b"kept"
    reminders.write_calendar(path, b"new", force=True)
    assert path.read_bytes() == b"new"
    assert mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reminder.ics"]


def test_write_calendar_refuses_a_dangling_link(tmp_path: Path) -> None:
    path = tmp_path / "reminder.ics"
    path.symlink_to(tmp_path / "elsewhere.ics")
    with pytest.raises(KindvoiceError) as caught:
        reminders.write_calendar(path, b"new")
    assert caught.value.code == "reminder_exists"


def test_write_calendar_refuses_a_folder_and_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KindvoiceError) as caught:
        reminders.write_calendar(tmp_path, b"x", force=True)
    assert caught.value.code == "reminder_is_folder"
    missing = tmp_path / "no" / "such" / "reminder.ics"
    with pytest.raises(KindvoiceError) as caught:
        reminders.write_calendar(missing, b"x")
    assert caught.value.code == "reminder_no_folder"
    assert caught.value.params == {"path": str(missing.parent)}
    assert not missing.parent.exists()


def test_write_calendar_can_make_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "home" / "kindvoice-reminder.ics"
    reminders.write_calendar(path, b"x", make_folder=True)
    assert path.read_bytes() == b"x"
    assert mode(path.parent) == 0o700


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_write_calendar_names_a_folder_it_cant_write_in(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(KindvoiceError) as caught:
            reminders.write_calendar(folder / "reminder.ics", b"x")
        assert caught.value.code == "reminder_write_failed"
    finally:
        folder.chmod(0o700)


def test_a_failed_write_keeps_the_old_file_and_no_leftovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reminder.ics"
    path.write_bytes(b"kept")

    def full_disk(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)  # the shared atomic writer
    with pytest.raises(KindvoiceError) as caught:
        reminders.write_calendar(path, b"new", force=True)
    assert caught.value.code == "reminder_write_failed"
    assert caught.value.params == {"path": str(path), "reason": "No space left on device"}
    assert path.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reminder.ics"]


def test_a_written_calendar_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "reminder.ics"
    data = build(days=WEEKDAYS)
    reminders.write_calendar(path, data)
    assert the_event(path.read_bytes()).decoded("DTSTART").time() == AT


# --- notifications ------------------------------------------------------------------------


def fake_notify_send(tmp_path: Path, status: int = 0, said: str = "") -> Path:
    """A notify-send that records its arguments, one a line, and exits with ``status``."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "args.txt"
    script = folder / "notify-send"
    script.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$@\" > '{record}'\n"
        + (f"echo '{said}' >&2\n" if said else "")
        + f"exit {status}\n"
    )
    script.chmod(0o755)
    return folder


def test_notify_runs_notify_send_with_the_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(fake_notify_send(tmp_path)))
    assert reminders.notify("A moment for you", "A quiet minute; whenever suits you.") is True
    recorded = (tmp_path / "args.txt").read_text().splitlines()
    assert recorded == [
        "--app-name=kindvoice",
        "A moment for you",
        "A quiet minute; whenever suits you.",
    ]


def test_notify_without_notify_send_says_so_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert reminders.notify("A moment for you", "words") is False
    monkeypatch.setenv("PATH", "")
    assert reminders.notify("A moment for you", "words") is False


def test_notify_names_what_went_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fake_notify_send(tmp_path, status=1, said="Cannot autolaunch D-Bus without X11")
    monkeypatch.setenv("PATH", str(folder))
    with pytest.raises(KindvoiceError) as caught:
        reminders.notify("A moment for you", "words")
    assert caught.value.code == "notify_failed"
    assert caught.value.params == {"reason": "Cannot autolaunch D-Bus without X11"}


def test_notify_failing_silently_still_has_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(fake_notify_send(tmp_path, status=3)))
    with pytest.raises(KindvoiceError) as caught:
        reminders.notify("A moment for you", "words")
    assert caught.value.params == {"reason": "exit status 3"}


def test_importing_the_service_leaves_icalendar_unloaded() -> None:
    import subprocess
    import sys

    probe = "import sys, kindvoice.services.reminders; print('icalendar' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
