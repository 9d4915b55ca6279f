from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli import render

runner = CliRunner()


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def entries() -> list[dict[str, Any]]:
    result = kv("journal", "list", "--json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def all_commands() -> list[list[str]]:
    root = get_command(cli_app.app)
    assert isinstance(root, click.Group)
    found: list[list[str]] = [[]]
    for name, command in root.commands.items():
        found.append([name])
        if isinstance(command, click.Group):
            found.extend([name, sub] for sub in command.commands)
    return found


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "kindvoice")
def test_cli_every_command_has_help(path: list[str]) -> None:
    result = kv(*path, "--help")
    assert result.exit_code == 0
    assert "Usage: kindvoice" in result.stdout
    assert len(result.stdout.strip().splitlines()) > 3


def test_cli_home_greets_kindly() -> None:
    result = kv()
    assert result.exit_code == 0
    assert "Welcome" in result.stdout
    assert "not therapy" in result.stdout


def test_cli_write_one_liner_then_list_show_search() -> None:
    result = kv(
        "write",
        "I always mess everything up",
        "-s",
        "spilled coffee",
        "-f",
        "embarrassed 60",
        "-f",
        "tired:30",
        "-t",
        "work, mornings",
    )
    assert result.exit_code == 0, result.output
    assert "Saved as entry 1" in result.stdout
    (entry,) = entries()
    assert entry["thought"] == "I always mess everything up"
    assert entry["emotions"] == [
        {"name": "embarrassed", "intensity": 60},
        {"name": "tired", "intensity": 30},
    ]
    assert entry["tags"] == ["work", "mornings"]
    shown = kv("journal", "show", "1")
    assert "spilled coffee" in shown.stdout
    found = kv("journal", "search", "coffee", "--json")
    assert [e["id"] for e in json.loads(found.stdout)] == [1]
    assert "Nothing matched" in kv("journal", "search", "zebra").stdout


def test_cli_write_reads_piped_input() -> None:
    result = kv("write", input="Nobody wants me around\n")
    assert result.exit_code == 0, result.output
    assert entries()[0]["thought"] == "Nobody wants me around"
    result = kv("write", "-", "--json", input="second one")
    assert json.loads(result.stdout)["thought"] == "second one"


def test_cli_write_guided_asks_each_question() -> None:
    answers = (
        "\n".join(
            [
                "team meeting",
                "",
                "I sounded stupid",
                "anxious 70",
                "hot face",
                "not a feeling 500",
                "",
                "work",
            ]
        )
        + "\n"
    )
    result = kv("write", "--guided", input=answers)
    assert result.exit_code == 0, result.output
    assert "Take your time" in result.stdout
    assert "didn't quite catch" in result.stdout
    (entry,) = entries()
    assert entry["situation"] == "team meeting"
    assert entry["thought"] == "I sounded stupid"
    assert entry["emotions"] == [
        {"name": "anxious", "intensity": 70},
        {"name": "hot face", "intensity": 50},
    ]
    assert entry["tags"] == ["work"]


@pytest.mark.parametrize("args", [["write", ""], ["write", "   "]])
def test_cli_empty_thought_is_met_kindly(args: list[str]) -> None:
    result = kv(*args)
    assert result.exit_code == 65
    assert "Write as little or as much as you like" in result.stderr
    assert "Traceback" not in result.output
    assert entries() == []


def test_cli_huge_thought_is_refused_with_its_size() -> None:
    result = kv("write", "-", input="x" * 1_000_000)
    assert result.exit_code == 65
    assert "1,000,000 characters" in result.stderr
    assert entries() == []


def test_cli_future_or_unreadable_dates_are_refused() -> None:
    assert kv("write", "ok", "--at", "2999-01-01T10:00").exit_code == 65
    result = kv("write", "ok", "--at", "last tuesday")
    assert result.exit_code == 65
    assert "couldn't read this as a date" in result.stderr
    assert kv("write", "ok", "--at", "2026-11-01T10:00+02:00").exit_code == 0


def test_cli_missing_entry_gets_not_found() -> None:
    result = kv("journal", "show", "42")
    assert result.exit_code == 66
    assert "There's no entry 42" in result.stderr


def test_cli_edit_and_delete() -> None:
    kv("write", "I'm useless", "-t", "work", "-f", "sad 50")
    result = kv("journal", "edit", "1", "--thought", "I had a hard day", "--clear-tags")
    assert result.exit_code == 0, result.output
    (entry,) = entries()
    assert entry["thought"] == "I had a hard day"
    assert entry["tags"] == []
    assert entry["emotions"] == [{"name": "sad", "intensity": 50}]
    refused = kv("journal", "delete", "1")
    assert refused.exit_code == 1
    assert "--yes" in refused.stderr
    assert len(entries()) == 1
    assert kv("journal", "delete", "1", "--yes").exit_code == 0
    assert entries() == []


def test_cli_edit_reads_stdin_and_checks_the_entry_exists() -> None:
    kv("write", "first words")
    result = kv("journal", "edit", "1", "--thought", "-", input="kinder words\n")
    assert result.exit_code == 0, result.output
    assert entries()[0]["thought"] == "kinder words"
    missing = kv("journal", "edit", "999")
    assert missing.exit_code == 66
    assert "There's no entry 999" in missing.stderr


def test_cli_feeling_needs_a_name() -> None:
    result = kv("write", "hard day", "-f", "50")
    assert result.exit_code == 65
    assert "needs a name" in result.stderr
    assert entries() == []


def test_cli_guided_json_keeps_stdout_pure() -> None:
    result = kv("write", "--guided", "--json", input="\nsmall thought\n\n\n")
    assert result.exit_code == 0, result.output
    # CliRunner echoes typed answers into stdout; a terminal shows them on screen instead.
    assert json.loads(result.stdout[result.stdout.index("{") :])["thought"] == "small thought"
    assert "What did your inner voice say" in result.stderr
    assert "What did your inner voice say" not in result.stdout


def test_cli_delete_asks_when_interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    kv("write", "keep me", "--no-reflect")
    assert "stays as it is" in kv("journal", "delete", "1", input="n\n").stdout
    assert len(entries()) == 1
    assert "deleted" in kv("journal", "delete", "1", input="y\n").stdout
    assert entries() == []


def test_cli_checkin_with_options_and_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    assert kv("checkin", "--mood", "4", "--stress", "7", "--critic", "8").exit_code == 0
    missing = kv("checkin", "--mood", "4")
    assert missing.exit_code == 1
    assert "--stress" in missing.stderr
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    result = kv("checkin", input="6\n11\n3\n2\n7\nslept well\n")
    assert result.exit_code == 0, result.output
    assert "whole number from 0 to 10" in result.stdout
    skipped = kv("checkin", input="5\n5\n5\n\n\n")  # self-kindness and note left out
    assert skipped.exit_code == 0, skipped.output
    listed = json.loads(kv("checkins", "--json").stdout)
    rows = [(c["mood"], c["stress"], c["critic"], c["kindness"], c["note"]) for c in listed]
    assert rows == [(5, 5, 5, None, ""), (6, 3, 2, 7, "slept well"), (4, 7, 8, None, "")]
    assert (
        kv("checkin", "--mood", "1", "--stress", "1", "--critic", "1", "--kindness", "11").exit_code
        == 2
    )
    assert kv("checkin", "--mood", "12", "--stress", "1", "--critic", "1").exit_code == 2


def test_cli_export_import_round_trip(tmp_path: Path) -> None:
    kv("write", "Ich bin so dumm 😞", "-f", "traurig 70", "-t", "arbeit")
    kv("checkin", "--mood", "3", "--stress", "8", "--critic", "9", "--note", "müde")
    target = tmp_path / "out.json"
    result = kv("export", "--to", str(target))
    assert result.exit_code == 0, result.output
    assert "Saved 2 records" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = kv("export", "--to", str(target))
    assert again.exit_code == 1
    assert "--force" in again.stderr
    assert kv("export", "--to", str(target), "--force").exit_code == 0
    to_screen = kv("export", "--to", "-")
    assert json.loads(to_screen.stdout) == json.loads(target.read_text(encoding="utf-8"))

    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    dry = kv("--db", other, "import", str(target), "--dry-run")
    assert "would add 1 journal entry and 1 check-in." in dry.stdout
    assert json.loads(kv("--db", other, "journal", "list", "--json").stdout) == []
    assert (
        "Added 1 journal entry and 1 check-in." in kv("--db", other, "import", str(target)).stdout
    )
    assert "already here" in kv("--db", other, "import", str(target)).stdout
    exported = kv("--db", other, "export", "--to", "-").stdout
    assert json.loads(exported) == json.loads(target.read_text(encoding="utf-8"))


def test_cli_csv_export(tmp_path: Path) -> None:
    kv("write", "one")
    to_screen = kv("export", "--format", "csv", "--to", "-")
    assert to_screen.exit_code == 1
    assert "needs a folder" in to_screen.stderr
    assert not Path("-").exists()
    result = kv("export", "--format", "csv", "--to", str(tmp_path / "sheets"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name.split("-")[-1] for p in (tmp_path / "sheets").iterdir()) == [
        "checkins.csv",
        "entries.csv",
    ]


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "is empty"),
        (b'{"format": "kindvoice-export", "version": 1, "entries": [', "stop part-way"),
        (b"\x00\x01\x02binary", "binary data"),
        (b'{"a": "\xff"}', "isn't UTF-8"),
        (b'{"format": "kindvoice-export", "version": 7}', "newer kindvoice"),
        (
            b'{"format": "kindvoice-export", "version": 1, "entries": [{"id": "x"}]}',
            "entries[0].thought",
        ),
    ],
)
def test_cli_bad_import_files_change_nothing(tmp_path: Path, content: bytes, phrase: str) -> None:
    kv("write", "already here")
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = kv("import", str(path))
    assert result.exit_code in (1, 65)
    assert phrase in result.stderr
    assert "Nothing was changed" in result.stderr or "nothing was changed" in result.stderr
    assert [e["thought"] for e in entries()] == ["already here"]


def test_cli_forget(monkeypatch: pytest.MonkeyPatch) -> None:
    kv("write", "private")
    assert kv("forget").exit_code == 1  # not interactive and no --yes
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    wrong = kv("forget", input="yes\n")
    assert "nothing was deleted" in wrong.stderr
    assert len(entries()) == 1
    done = kv("forget", input="forget\n")
    assert done.exit_code == 0, done.output
    assert entries() == []


def test_cli_db_option_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    kv("--db", one, "write", "in one")
    assert entries() == []
    monkeypatch.setenv("KINDVOICE_DATABASE_URL", one)
    assert [e["thought"] for e in entries()] == ["in one"]
    info = json.loads(kv("info", "--json").stdout)
    assert info["database"].endswith("one.sqlite3")
    assert info["entries"] == 1


def test_cli_unusable_database_gets_kind_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = kv("--db", f"sqlite:///{blocker}/x.sqlite3", "journal", "list")
    assert result.exit_code == 69
    assert "couldn't open its database" in result.stderr
    bad_url = kv("--db", "mysql://x", "journal", "list")
    assert bad_url.exit_code == 1
    assert "can't use the database address" in bad_url.stderr


def test_cli_unexpected_errors_are_kind_and_debug_shows_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kindvoice.services import journal

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(journal, "list_entries", broken)
    result = kv("journal", "list")
    assert result.exit_code == 70
    assert "not your doing" in result.stderr
    assert "--debug" in result.stderr
    assert "boom" not in result.output
    debug = kv("--debug", "journal", "list")
    assert isinstance(debug.exception, RuntimeError)


def test_cli_runs_as_module_and_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kindvoice", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("kindvoice ")
    script = Path(sys.executable).with_name("kindvoice")
    if script.exists():
        assert (
            subprocess.run([str(script), "--version"], capture_output=True, check=False).returncode
            == 0
        )
