"""`kindvoice remind`: the calendar file, the notification, and the words around them."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
from collections.abc import Mapping
from datetime import date, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli import remind_cmds
from kindvoice.services import reminders

runner = CliRunner()


def kv(*args: str) -> Any:
    return runner.invoke(cli_app.app, list(args), prog_name="kindvoice")


def one_line(text: str) -> str:
    """Output with Rich's folding undone, so sentences can be searched whole."""
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def _no_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The person's zone is whatever each test says, not the test machine's."""
    monkeypatch.delenv("KINDVOICE_TZ", raising=False)
    monkeypatch.delenv("TZ", raising=False)
    original = reminders.local_zone_name
    missing = tmp_path / "no-such-file"

    def without_system(environ: Mapping[str, str]) -> str | None:
        return original(environ, missing, missing)

    monkeypatch.setattr(reminders, "local_zone_name", without_system)


def home(tmp_path: Path) -> Path:
    return tmp_path / "home"  # the conftest points KINDVOICE_HOME here


def event_of(path: Path) -> Any:
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return event


def test_remind_writes_a_calendar_file_in_the_data_folder(tmp_path: Path) -> None:
    result = kv("remind", "--at", "08:30", "--days", "mon-fri")
    assert result.exit_code == 0, result.output
    path = home(tmp_path) / "kindvoice-reminder.ics"
    event = event_of(path)
    assert event.decoded("DTSTART").time() == time(8, 30)
    assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert str(event["SUMMARY"]) == m.say("remind.summary")
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == m.say("remind.alarm")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    said = one_line(result.stdout)
    assert m.say("remind.saved", time="08:30", days="on weekdays", path=path.absolute()) in said
    assert "import" in said
    assert m.say("remind.floating", time="08:30") in said
    assert "!" not in said


def test_remind_every_day_is_the_usual(tmp_path: Path) -> None:
    result = kv("remind", "--at", "7:05")
    assert result.exit_code == 0, result.output
    event = event_of(home(tmp_path) / "kindvoice-reminder.ics")
    assert dict(event["RRULE"]) == {"FREQ": ["DAILY"]}
    assert event.decoded("DTSTART").time() == time(7, 5)
    assert "07:05, every day" in one_line(result.stdout)


def test_remind_names_the_days_in_words(tmp_path: Path) -> None:
    result = kv("remind", "--at", "19:00", "--days", "fri,mon,wed", "--to", str(tmp_path / "r.ics"))
    assert result.exit_code == 0, result.output
    assert "19:00, on Mondays, Wednesdays and Fridays" in one_line(result.stdout)
    assert remind_cmds.describe_days((5,)) == "on Saturdays"
    assert remind_cmds.describe_days((5, 6)) == "on Saturdays and Sundays"


def test_remind_uses_the_named_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDVOICE_TZ", "Europe/Berlin")
    result = kv("remind", "--at", "08:30")
    assert result.exit_code == 0, result.output
    event = event_of(home(tmp_path) / "kindvoice-reminder.ics")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert m.say("remind.zone", zone="Europe/Berlin", time="08:30") in one_line(result.stdout)


def test_remind_refuses_an_unknown_time_zone_kindly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDVOICE_TZ", "Atlantis/Capital")
    result = kv("remind", "--at", "08:30")
    assert result.exit_code == 1
    assert "Atlantis/Capital" in one_line(result.stderr)
    assert "Nothing was saved" in one_line(result.stderr)


def test_remind_to_a_file_and_to_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "mine.ics"
    assert kv("remind", "--at", "08:30", "--to", str(target)).exit_code == 0
    assert event_of(target).decoded("DTSTART").time() == time(8, 30)
    folder = tmp_path / "calendars"
    folder.mkdir()
    result = kv("remind", "--at", "21:00", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert event_of(folder / "kindvoice-reminder.ics").decoded("DTSTART").time() == time(21, 0)
    assert not home(tmp_path).exists()  # nothing else was made


def test_remind_keeps_an_existing_file_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "mine.ics"
    target.write_text("my own calendar")
    result = kv("remind", "--at", "08:30", "--to", str(target))
    assert result.exit_code == 1
    said = one_line(result.stderr)
    assert m.ERRORS["reminder_exists"].format(path=target) == said
    assert target.read_text() == "my own calendar"
    result = kv("remind", "--at", "08:30", "--to", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert event_of(target).decoded("DTSTART").time() == time(8, 30)


def test_remind_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "r.ics"
    result = kv("remind", "--at", "08:30", "--to", str(target))
    assert result.exit_code == 1
    assert "There's no folder at" in one_line(result.stderr)
    assert not target.parent.exists()


def test_remind_lists_every_problem_with_its_place(tmp_path: Path) -> None:
    result = kv("remind", "--at", "25:00", "--days", "mon-funday")
    assert result.exit_code == 65
    said = one_line(result.stderr)
    assert "Time: “25:00” has an hour past 23" in said
    assert "Days: kindvoice doesn't know “funday” as a day" in said
    assert not home(tmp_path).exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--at", "8"], "Time: kindvoice couldn't read “8” as a time"),
        (["--at", "12:75"], "Time: “12:75” has minutes past 59"),
        (["--at", " "], "Time: give a time of day, like 08:30."),
        (["--at", "8:30", "--days", "mon-"], "Days: kindvoice couldn't read “mon-” as a range"),
        (["--at", "8:30", "--days", "mon,,fri"], "Days: there's an empty place between"),
        (["--at", "8:30", "--days", ""], "Days: give the days"),
        (["--days", "weekends"], "Time: a calendar reminder needs a time, like --at 08:30."),
        (["--to", "x.ics"], "Time: a calendar reminder needs a time"),
    ],
)
def test_remind_explains_each_mistake(args: list[str], expected: str) -> None:
    result = kv("remind", *args)
    assert result.exit_code == 65
    assert expected in one_line(result.stderr)


def test_remind_alone_shows_the_ways_to_use_it() -> None:
    result = kv("remind")
    assert result.exit_code == 0, result.output
    said = one_line(result.stdout)
    assert one_line(m.say("remind.intro")) in said
    assert "kindvoice remind --at 08:30 --days mon-fri" in said
    assert "kindvoice remind --notify" in said
    assert "cron" in said


def fake_notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int = 0) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "args.json"
    script = folder / "notify-send"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"json.dump(sys.argv[1:], open({str(record)!r}, 'w'))\n"
        f"sys.exit({status})\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return record


def test_remind_notify_sends_todays_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = fake_notify_send(tmp_path, monkeypatch)
    result = kv("remind", "--notify")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # quiet, as cron wants (output is not a terminal here)
    flag, title, body = json.loads(record.read_text())
    assert flag == "--app-name=kindvoice"
    assert title == m.say("remind.notify_title")
    assert body in {m.say(key) for key in remind_cmds.reminder_line_keys()}
    assert body == remind_cmds.todays_line(date.today())


def test_remind_notify_and_a_calendar_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = fake_notify_send(tmp_path, monkeypatch)
    result = kv("remind", "--at", "08:30", "--notify")
    assert result.exit_code == 0, result.output
    assert (home(tmp_path) / "kindvoice-reminder.ics").exists()
    assert record.exists()


def test_remind_notify_without_notify_send_suggests_the_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = kv("remind", "--notify")
    assert result.exit_code == 1
    said = one_line(result.stderr)
    assert "doesn't have notify-send" in said
    assert "kindvoice remind --at 08:30" in said
    assert "Traceback" not in result.output


def test_remind_notify_that_fails_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_notify_send(tmp_path, monkeypatch, status=1)
    result = kv("remind", "--notify")
    assert result.exit_code == 1
    said = one_line(result.stderr)
    assert "The desktop notification couldn't be shown (exit status 1)" in said
    assert "DBUS_SESSION_BUS_ADDRESS" in said


# --- the rotating lines -------------------------------------------------------------------

HARSH = re.compile(
    r"!|\b(just|should|must|forget|forgot|forgotten|missed|miss|streak|behind|again|fail\w*|"
    r"lazy|need to|have to)\b|don't",
    re.IGNORECASE,
)


def test_there_are_enough_lines_and_each_is_gentle() -> None:
    keys = remind_cmds.reminder_line_keys()
    assert len(keys) >= 7
    lines = [m.say(key) for key in keys]
    assert len(set(lines)) == len(lines)
    for line in [*lines, m.say("remind.summary"), m.say("remind.alarm")]:
        assert not HARSH.search(line), line
        assert "{" not in line


def test_the_line_changes_from_one_day_to_the_next() -> None:
    start = date(2026, 11, 1)
    lines = [remind_cmds.todays_line(start + timedelta(days=n)) for n in range(60)]
    assert all(a != b for a, b in pairwise(lines))
    assert set(lines) == {m.say(key) for key in remind_cmds.reminder_line_keys()}
    assert remind_cmds.todays_line(start) == remind_cmds.todays_line(start)


# --- staying light ------------------------------------------------------------------------

PROBE = """
import sys
from kindvoice.interfaces.cli.app import run
try:
    run({args!r})
except SystemExit:
    pass
print("icalendar loaded:", "icalendar" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["remind", "--help"], ["remind"]])
def test_help_and_guidance_never_load_icalendar(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "icalendar loaded: False" in result.stderr, result.stderr
