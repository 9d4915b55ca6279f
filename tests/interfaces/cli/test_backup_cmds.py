"""`kindvoice backup` and `kindvoice restore` from the command line, on real files."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.backup_cmds import size_text

runner = CliRunner()


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def thoughts() -> list[str]:
    result = kv("journal", "list", "--json")
    assert result.exit_code == 0, result.output
    return sorted(entry["thought"] for entry in json.loads(result.stdout))


def home() -> Path:
    return Path(os.environ["KINDVOICE_HOME"])


def ours(folder: Path) -> list[Path]:
    return sorted(folder.glob("kindvoice-backup-*.sqlite3"))


def test_cli_backup_says_where_how_big_and_how_many() -> None:
    assert kv("write", "a first thought").exit_code == 0
    result = kv("backup")
    assert result.exit_code == 0, result.output
    [made] = ours(home() / "backups")
    assert str(made) in result.stdout
    assert size_text(made.stat().st_size) in result.stdout
    assert "holds 1 of your own backups" in result.stdout
    assert "newest 10" in result.stdout


def test_cli_backup_to_a_folder_keeps_the_last_n(tmp_path: Path) -> None:
    kv("write", "a thought")
    folder = tmp_path / "elsewhere"
    for _ in range(3):
        result = kv("backup", "--to", str(folder), "--keep", "2")
        assert result.exit_code == 0, result.output
    assert len(ours(folder)) == 2
    assert "newest 2" in result.stdout
    assert kv("backup", "--keep", "0").exit_code == 2  # refused by the option itself


def test_cli_restore_brings_back_the_backup(tmp_path: Path) -> None:
    kv("write", "before the backup")
    kv("backup", "--to", str(tmp_path / "copies"))
    [made] = ours(tmp_path / "copies")
    kv("write", "after the backup")
    assert thoughts() == ["after the backup", "before the backup"]
    result = kv("restore", str(made), "--yes")
    assert result.exit_code == 0, result.output
    assert "back as it was" in result.stdout
    assert thoughts() == ["before the backup"]
    previous = re.search(r"saved at (\S+restore\.sqlite3)", result.stdout)
    assert previous is not None
    assert Path(previous.group(1)).exists()


def test_cli_restore_asks_first(monkeypatch: pytest.MonkeyPatch) -> None:
    kv("write", "kept one")
    kv("backup")
    [made] = ours(home() / "backups")
    kv("write", "newer one")
    refused = kv("restore", str(made))  # not a terminal, no --yes
    assert refused.exit_code == 1
    assert "--yes" in refused.stderr
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    declined = kv("restore", str(made), input="n\n")
    assert declined.exit_code == 0
    assert "1 journal entry and 0 check-ins" in declined.stdout
    assert "nothing was changed" in declined.stdout
    assert thoughts() == ["kept one", "newer one"]
    accepted = kv("restore", str(made), input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert thoughts() == ["kept one"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02 binary", "doesn't look like a kindvoice backup"),
        (b'{"format": "kindvoice-backup"', "stop part-way"),
        (b'{"hello": "world"}', "isn't a kindvoice backup"),
    ],
    ids=["empty", "binary", "truncated", "not-ours"],
)
def test_cli_restore_of_a_bad_file_is_kind_and_changes_nothing(
    tmp_path: Path, content: bytes, words: str
) -> None:
    kv("write", "safe and sound")
    bad = tmp_path / "bad-backup"
    bad.write_bytes(content)
    result = kv("restore", str(bad), "--yes")
    assert result.exit_code == 65
    assert words in result.stderr
    assert "Nothing was changed" in result.stderr
    assert thoughts() == ["safe and sound"]
    assert ours(home() / "backups") == []


def test_cli_forget_removes_backups_everywhere(tmp_path: Path) -> None:
    kv("write", "private")
    kv("backup")
    kv("backup", "--to", str(tmp_path / "usb"))
    (tmp_path / "usb" / "photo.jpg").write_bytes(b"mine")
    assert kv("forget", "--yes").exit_code == 0
    assert ours(home() / "backups") == []
    assert ours(tmp_path / "usb") == []
    assert (tmp_path / "usb" / "photo.jpg").read_bytes() == b"mine"


def test_size_text_reads_at_a_glance() -> None:
    assert size_text(812) == "812 bytes"
    assert size_text(14_200) == "14.2 KB"
    assert size_text(3_100_000) == "3.1 MB"
    assert size_text(2_500_000_000) == "2.5 GB"
