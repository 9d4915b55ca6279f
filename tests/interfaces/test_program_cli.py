"""`kindvoice today` and `kindvoice program …` through the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from typer.testing import CliRunner

from kindvoice.domain.program.course import load_course
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import app as cli_app

runner = CliRunner()


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def today_json() -> dict[str, Any]:
    result = kv("today", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_today_before_starting_invites_gently() -> None:
    result = kv("today")
    assert result.exit_code == 0
    assert m.say("today.not_started") in result.stdout
    assert kv("today", "--json").stdout.strip() == "null"
    status = kv("program", "status")
    assert status.exit_code == 1
    assert "hasn't been started yet" in status.stderr


def test_a_first_day_of_the_program() -> None:
    started = kv("program", "start")
    assert started.exit_code == 0, started.output
    assert "The program has begun, in week 1" in started.stdout
    shown = kv("today")
    assert shown.exit_code == 0, shown.output
    week = load_course().week(1)
    assert f"Week 1 of 8 · {week.theme} · day 1" in shown.stdout
    assert week.intro.split(".")[0] in shown.stdout  # the week's intro on its first day
    assert "kindvoice breathe gentle --minutes 2" in shown.stdout
    assert "Habit strength: 0%" in shown.stdout
    data = today_json()
    assert (data["week"], data["day"], data["welcome_back"]) == (1, 1, False)
    assert [item["key"] for item in data["items"]] == ["daily", "core", "reflect", "deeper"]
    assert data["next"] == "daily"
    assert data["streak"] is None


def test_marking_and_noticing() -> None:
    kv("program", "start")
    kv("write", "I'm hopeless at this")
    marked = kv("today", "--done", "core")
    assert marked.exit_code == 0, marked.output
    assert m.say("today.marked_done") in marked.stdout
    kv("today", "--skip", "deeper")
    statuses = {item["key"]: item["status"] for item in today_json()["items"]}
    assert statuses == {"daily": "todo", "core": "done", "reflect": "done", "deeper": "skipped"}
    both = kv("today", "--done", "core", "--skip", "core")
    assert both.exit_code == 65
    unknown = kv("today", "--done", "laundry")
    assert unknown.exit_code == 65
    assert "daily, core, reflect, deeper, day" in unknown.stderr


def test_pause_pace_swap_and_streaks() -> None:
    kv("program", "start")
    assert "paused" in kv("program", "pause").stdout
    assert "already paused" in kv("program", "pause").stderr
    assert m.say("today.paused").split(",")[0] in kv("today").stdout
    assert "week 1, day 1" in kv("program", "resume").stdout
    assert "stretched to two" in kv("program", "pace", "slow").stdout
    assert kv("program", "pace", "fast").exit_code == 65
    swapped = kv("program", "swap", "gentle", "cyclic-sighing")
    assert swapped.exit_code == 0, swapped.output
    daily = today_json()["items"][0]
    assert daily["practice"] == "cyclic-sighing"
    assert daily["command"] == "kindvoice breathe cyclic-sighing --minutes 2"
    wrong = kv("program", "swap", "gentle", "loving-kindness")
    assert wrong.exit_code == 65
    assert "a breathing practice can only be swapped for another breathing one" in wrong.stderr
    assert "A missed day simply starts a fresh count" in kv("program", "streaks", "on").stdout
    assert today_json()["streak"] == 0
    kv("program", "streaks", "off")
    assert today_json()["streak"] is None


def test_status_and_weeks() -> None:
    earlier = (date.today() - timedelta(days=8)).isoformat()
    assert kv("program", "start", "--date", earlier).exit_code == 0
    status = kv("program", "status", "--json")
    assert status.exit_code == 0, status.output
    data = json.loads(status.stdout)
    assert (data["week"], data["day"]) == (2, 2)
    assert len(data["days"]) == 9
    assert set(data["days"].values()) == {"not_done"}
    shown = kv("program", "status")
    assert "week 2, day 2" in shown.stdout
    assert "Mo Tu We Th Fr Sa Su" in shown.stdout
    week3 = kv("program", "week", "3")
    assert load_course().week(3).theme in week3.stdout
    assert kv("program", "week", "9").exit_code == 65
    assert kv("program", "start", "--date", "someday").exit_code == 65


def test_restart_goes_back_to_a_week() -> None:
    kv("program", "start")
    restarted = kv("program", "restart", "--week", "4")
    assert restarted.exit_code == 0, restarted.output
    assert today_json()["week"] == 4


def test_the_last_day_of_a_week_offers_the_kindness_check_in() -> None:
    kv("program", "start", "--date", (date.today() - timedelta(days=6)).isoformat())
    kv("write", "A hard day, but I kept going")
    shown = kv("today")
    assert "· day 7" in shown.stdout
    assert "kindvoice assess kindness-checkin" in shown.stdout
    kv("program", "restart")
    assert "kindvoice assess kindness-checkin" not in kv("today").stdout
