"""`kindvoice import` for Daylio and jrnl exports: detection, moods, dry runs, bad files."""

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

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
runner = CliRunner()


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def counts() -> tuple[int, int]:
    info = json.loads(kv("info", "--json").stdout)
    return info["entries"], info["checkins"]


def flat(text: str) -> str:
    return " ".join(text.split())


def backups() -> list[Path]:
    folder = Path(os.environ["KINDVOICE_HOME"]) / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_daylio_export_is_found_imported_read_and_not_doubled() -> None:
    kv("write", "Something of my own, kept before the import")
    result = kv("import", str(DATA / "daylio_current.csv"))
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "This is a Daylio export." in out
    assert "Added 4 journal entries and 6 check-ins." in out
    assert "kindvoice read the 4 journal entries it brought in, and 1 sounded self-critical" in out
    assert "saved a backup" in out
    assert len(backups()) == 1
    assert counts() == (5, 6)
    again = kv("import", str(DATA / "daylio_current.csv"))
    assert again.exit_code == 0, again.output
    assert "already here, so nothing changed" in flat(again.stdout)
    assert counts() == (5, 6)
    assert len(backups()) == 1  # nothing to add: no backup needed
    table = kv("checkins").stdout
    assert "·" in table  # Daylio keeps no stress or critic: a quiet dot
    listed = json.loads(kv("checkins", "--json").stdout)
    assert {(c["stress"], c["critic"]) for c in listed} == {(None, None)}
    shown = json.loads(kv("journal", "list", "--json").stdout)
    assert {e["source"] for e in shown} == {"kindvoice", "daylio"}


def test_a_dry_run_shows_counts_range_and_moods_and_writes_nothing() -> None:
    result = kv("import", str(DATA / "daylio_custom_moods.csv"), "--dry-run")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "This would add 1 journal entry and 4 check-ins." in out
    assert "It runs from 2024-03-09 to 2024-03-10." in out
    assert "“sad”, “ok but sleepy”, “Refreshed”" in out
    assert "--mood-map" in out
    assert "nothing was changed" in out
    assert counts() == (0, 0)
    assert backups() == []


def test_unknown_moods_without_a_terminal_name_them_and_change_nothing() -> None:
    result = kv("import", str(DATA / "daylio_custom_moods.csv"))
    assert result.exit_code == 1
    err = flat(result.stderr)
    assert "“sad”, “ok but sleepy”, “Refreshed”" in err
    assert "--mood-map" in err
    assert "Nothing was changed" in err
    assert counts() == (0, 0)


def test_moods_placed_with_mood_map_repeated_or_with_commas() -> None:
    result = kv(
        "import",
        str(DATA / "daylio_custom_moods.csv"),
        "--mood-map",
        "SAD=2, refreshed=8",
        "--mood-map",
        "ok but sleepy=5",
    )
    assert result.exit_code == 0, result.output
    moods = sorted(c["mood"] for c in json.loads(kv("checkins", "--json").stdout))
    assert moods == [2, 5, 7, 8]


def test_moods_are_asked_once_each_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    result = kv(
        "import",
        str(DATA / "daylio_custom_moods.csv"),
        "--mood-map",
        "sad=2",
        input="eleven\n5\n9\n",
    )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert out.count("Where does “ok but sleepy” sit") == 2  # asked again after "eleven"
    assert out.count("Where does “Refreshed” sit") == 1
    assert "Where does “sad” sit" not in out  # already placed by --mood-map
    moods = sorted(c["mood"] for c in json.loads(kv("checkins", "--json").stdout))
    assert moods == [2, 5, 7, 9]


def test_a_mood_map_that_cant_be_used_changes_nothing() -> None:
    result = kv("import", str(DATA / "daylio_current.csv"), "--mood-map", "happy=12")
    assert result.exit_code == 65
    assert "12 for “happy” is outside 0 to 10" in flat(result.stderr)
    assert counts() == (0, 0)


def test_each_daylio_layout_and_jrnl_import(tmp_path: Path) -> None:
    for name, source in [
        ("daylio_oldest.csv", "daylio"),
        ("daylio_8col.csv", None),
        ("jrnl.json", "jrnl"),
    ]:
        args = ["import", str(DATA / name)] + (["--from", source] if source else [])
        result = kv(*args)
        assert result.exit_code == 0, (name, result.output)
    assert counts() == (3 + 2 + 3, 4 + 3)
    assert "This is a jrnl export." in kv("import", str(DATA / "jrnl.json")).stdout
    entries = json.loads(kv("journal", "list", "--json", "--limit", "50").stdout)
    starred = [e for e in entries if "starred" in e["tags"]]
    assert [e["thought"] for e in starred] == ["Sunday lunch with Mum."]


def test_bad_rows_are_listed_with_their_rows_and_nothing_is_imported(tmp_path: Path) -> None:
    kv("import", str(DATA / "jrnl.json"))
    before = counts()
    lines = (DATA / "daylio_current.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace("12:05 pm", "12:65 pm")
    lines[4] = lines[4].replace("2024-05-17", "2024-05-47")
    bad = tmp_path / "daylio.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    result = kv("import", str(bad))
    assert result.exit_code == 65
    err = flat(result.stderr)
    assert "Rows are counted as a spreadsheet counts them" in err
    assert "row 3, time: kindvoice couldn't read the time “12:65 pm”" in err
    assert "row 5, full_date: kindvoice couldn't read the date “2024-05-47”" in err
    assert "Nothing was changed" in err or "nothing was changed" in err
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "source", "words"),
    [
        (b"", "daylio", "is empty"),
        (b"\x00\x01binary", "daylio", "doesn't look like a Daylio export"),
        (b"full_date,date,weekday,time,mood\n2024-05-18,x", None, "row 2: this row has 2 cells"),
        (b"id,when,how\n1,2,3\n", "daylio", "row 1: this isn't a Daylio header"),
        (b"id,when,how\n1,2,3\n", None, "couldn't tell which app made"),
        (b'{"entries": [{"title": "x", "date": "2024-01-01"}', "jrnl", "stop part-way"),
        (b'{"entries": [{"title": "x", "date": "soon", "time": "9"}]}', None, "entries[0].date"),
        ("full_date,time,mood\n2024-01-01,9:00,gut\n".encode("cp1252") + b"\xe4", None, "UTF-8"),
    ],
)
def test_files_that_cant_be_imported_get_kind_words(
    tmp_path: Path, content: bytes, source: str | None, words: str
) -> None:
    path = tmp_path / "file"
    path.write_bytes(content)
    args = ["import", str(path)] + (["--from", source] if source else [])
    result = kv(*args)
    assert result.exit_code in (1, 65)
    assert words in flat(result.stderr)
    assert re.search(r"[Nn]othing was changed", result.stderr)
    assert counts() == (0, 0)


def test_crisis_words_in_an_import_bring_the_support_panel(tmp_path: Path) -> None:
    path = tmp_path / "hard.csv"
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2024-01-02,x,x,21:00,awful,"","","I want to end my life. I can\'t do this anymore."\n',
        encoding="utf-8",
    )
    result = kv("import", str(path))
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "sound like a very hard time (entries 1)" in out
    assert "You don't have to carry this alone" in out
    assert "not a crisis service" in out


def test_kindvoice_exports_still_import_after_a_backup(tmp_path: Path) -> None:
    kv("write", "mine")
    kv("checkin", "--mood", "5", "--stress", "5", "--critic", "5")
    target = tmp_path / "out.json"
    assert kv("export", "--to", str(target)).exit_code == 0
    same = kv("import", str(target), "--from", "kindvoice")
    assert "already here, so nothing changed" in flat(same.stdout)
    assert backups() == []  # nothing new: nothing to back up
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    kv("--db", other, "write", "from the other journal")
    theirs = tmp_path / "theirs.json"
    assert kv("--db", other, "export", "--to", str(theirs)).exit_code == 0
    result = kv("import", str(theirs))
    assert result.exit_code == 0, result.output
    assert "Added 1 journal entry and 0 check-ins." in result.stdout
    assert "saved a backup" in flat(result.stdout)
    assert len(backups()) == 1
    assert counts() == (2, 1)
