"""`kindvoice lock`, `unlock` and `passphrase` as a person uses them (real Argon2 costs)."""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli import render

runner = CliRunner()
SECRET = "quiet harbour lights"  # noqa: S105 - a test passphrase
NEW = "morning tea and toast"
MARKER = "kindvoice-vault-marker"


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def command_printing(value: str) -> str:
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(f'print({value!r})')}"


@pytest.fixture
def journal_with_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND", raising=False)
    monkeypatch.delenv("KINDVOICE_NEW_PASSPHRASE_COMMAND", raising=False)
    result = kv("write", f"I always ruin things {MARKER}", "--situation", "the party")
    assert result.exit_code == 0, result.output
    assert (
        kv("checkin", "--mood", "4", "--stress", "6", "--critic", "7", "--note", MARKER).exit_code
        == 0
    )


def locked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    result = kv("lock")
    assert result.exit_code == 0, result.output
    assert "Your journal is locked" in result.stdout
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")


def thoughts() -> list[str]:
    result = kv("journal", "list", "--json")
    assert result.exit_code == 0, result.output
    return [e["thought"] for e in json.loads(result.stdout)]


def home_bytes() -> bytes:
    home = Path(os.environ["KINDVOICE_HOME"])
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_lock_then_every_source_of_the_passphrase_opens_it(
    journal_with_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(monkeypatch)
    assert MARKER.encode() not in home_bytes()
    assert SECRET.encode() not in home_bytes()

    # No way to ask: a kind refusal, exit 77, nothing shown.
    refused = kv("journal", "list", "--json")
    assert refused.exit_code == 77
    assert "locked" in refused.output
    assert MARKER not in refused.output

    # The command.
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    assert thoughts() == [f"I always ruin things {MARKER}"]
    found = kv("journal", "search", "ruin", "--json")
    assert found.exit_code == 0
    assert MARKER in found.stdout
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing("not it"))
    wrong = kv("journal", "list")
    assert wrong.exit_code == 77
    assert "KINDVOICE_PASSPHRASE_COMMAND" in wrong.output
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")

    # The prompt: two wrong tries, then the right one.
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    result = kv("journal", "list", "--json", input=f"nope\nstill nope\n{SECRET}\n")
    assert result.exit_code == 0, result.output
    assert "try again" in result.output
    assert SECRET not in result.output
    three_wrong = kv("journal", "list", input="a\nb\nc\n")
    assert three_wrong.exit_code == 77
    assert "didn't open" in three_wrong.output


def test_the_prompt_asks_twice_for_a_new_passphrase_and_checks_it(
    journal_with_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    short = kv("lock", input="short\nshort\n")
    assert short.exit_code == 65
    assert "at least 8 characters" in short.output
    result = kv("lock", input=f"{SECRET}\ntypo {SECRET}\n{SECRET}\n{SECRET}\n")
    assert result.exit_code == 0, result.output
    assert "not even kindvoice" in result.output  # it says what a lost passphrase means
    assert "locked" in result.output
    assert kv("lock").stdout.strip().startswith("Your journal is already locked")


def test_passphrase_change_keeps_everything_readable_with_the_new_one_only(
    journal_with_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(monkeypatch)
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    no_new = kv("passphrase", "change")
    assert no_new.exit_code == 77
    assert "KINDVOICE_NEW_PASSPHRASE_COMMAND" in no_new.output
    monkeypatch.setenv("KINDVOICE_NEW_PASSPHRASE_COMMAND", command_printing(NEW))
    result = kv("passphrase", "change")
    assert result.exit_code == 0, result.output
    assert kv("journal", "list").exit_code == 77  # the old one no longer opens it
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(NEW))
    assert thoughts() == [f"I always ruin things {MARKER}"]
    checkins = kv("checkins", "--json")
    assert MARKER in checkins.stdout
    assert NEW.encode() not in home_bytes()
    assert SECRET.encode() not in home_bytes()


def test_unlock_asks_first_then_stores_plain_text_again(
    journal_with_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(monkeypatch)
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    needs_yes = kv("unlock")
    assert needs_yes.exit_code == 1
    assert "--yes" in needs_yes.output
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    kept = kv("unlock", input="n\n")
    assert kept.exit_code == 0
    assert "still locked" in kept.output
    done = kv("unlock", input="y\n")
    assert done.exit_code == 0, done.output
    assert "unlocked" in done.output
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")
    monkeypatch.setattr(render, "is_interactive", lambda: False)
    assert thoughts() == [f"I always ruin things {MARKER}"]
    assert "isn't locked" in kv("unlock", "--yes").output


@pytest.fixture
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    saved: dict[tuple[str, str], str] = {}

    class Backend(KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            return saved.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            saved[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if (service, username) not in saved:
                raise PasswordDeleteError("not there")
            del saved[(service, username)]

    previous = keyring.get_keyring()
    keyring.set_keyring(Backend())  # type: ignore[no-untyped-call]
    yield saved
    keyring.set_keyring(previous)


def test_the_keyring_is_used_only_after_the_person_chooses_it(
    journal_with_words: None,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: dict[tuple[str, str], str],
) -> None:
    locked(monkeypatch)
    assert memory_keyring == {}
    assert kv("journal", "list").exit_code == 77
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    result = kv("passphrase", "remember")
    assert result.exit_code == 0, result.output
    assert list(memory_keyring.values()) == [SECRET]
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")
    assert thoughts() == [f"I always ruin things {MARKER}"]  # no command, no prompt: keyring
    # A changed passphrase is kept up to date in the keyring.
    monkeypatch.setenv("KINDVOICE_NEW_PASSPHRASE_COMMAND", command_printing(NEW))
    assert kv("passphrase", "change").exit_code == 0
    assert list(memory_keyring.values()) == [NEW]
    assert thoughts() == [f"I always ruin things {MARKER}"]
    result = kv("passphrase", "forget-remembered")
    assert result.exit_code == 0, result.output
    assert memory_keyring == {}
    assert kv("journal", "list").exit_code == 77
    # Unlocking removes a remembered passphrase too.
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(NEW))
    assert kv("passphrase", "remember").exit_code == 0
    assert kv("unlock", "--yes").exit_code == 0
    assert memory_keyring == {}


def test_a_broken_passphrase_command_is_explained_and_nothing_changes(
    journal_with_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for command, words in (
        ("no-such-program-kv --x", "couldn't find the program"),
        (f"{sys.executable} -c 'import sys; sys.exit(3)'", "exit status 3"),
        (f"{sys.executable} -c 'print()'", "printed nothing"),
        ("'unclosed", "quotes"),
    ):
        monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command)
        result = kv("lock")
        assert result.exit_code == 77, (command, result.output)
        assert words in result.output
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")
    assert thoughts() == [f"I always ruin things {MARKER}"]
    assert MARKER.encode() in home_bytes()  # still plain: nothing was locked


def test_restoring_across_a_lock_says_which_way_it_went(
    journal_with_words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_backup = kv("backup")
    assert plain_backup.exit_code == 0, plain_backup.output
    folder = Path(os.environ["KINDVOICE_HOME"]) / "backups"
    (plain_file,) = folder.glob("*.sqlite3")
    locked(monkeypatch)
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    locked_backup = kv("backup")
    assert locked_backup.exit_code == 0, locked_backup.output
    (locked_file,) = set(folder.glob("*.sqlite3")) - {plain_file}
    assert MARKER.encode() in plain_file.read_bytes()
    assert MARKER.encode() not in locked_file.read_bytes()

    back_to_plain = kv("restore", str(plain_file), "--yes")
    assert back_to_plain.exit_code == 0, back_to_plain.output
    assert "plain text again" in back_to_plain.output
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")
    assert thoughts() == [f"I always ruin things {MARKER}"]  # no passphrase needed now

    back_to_locked = kv("restore", str(locked_file), "--yes")
    assert back_to_locked.exit_code == 0, back_to_locked.output
    assert "passphrase you had then" in back_to_locked.output
    assert kv("journal", "list").exit_code == 77
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    assert thoughts() == [f"I always ruin things {MARKER}"]


def test_passphrase_change_with_rekey_moves_the_keyring_entry_too(
    journal_with_words: None,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: dict[tuple[str, str], str],
) -> None:
    locked(monkeypatch)
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    assert kv("passphrase", "remember").exit_code == 0
    (old_user,) = [user for _, user in memory_keyring]
    monkeypatch.setenv("KINDVOICE_NEW_PASSPHRASE_COMMAND", command_printing(NEW))
    plain = kv("passphrase", "change")
    assert plain.exit_code == 0, plain.output
    assert "--rekey" in plain.output  # says what a plain change leaves as it was
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(NEW))
    monkeypatch.setenv("KINDVOICE_NEW_PASSPHRASE_COMMAND", command_printing(SECRET))
    result = kv("passphrase", "change", "--rekey")
    assert result.exit_code == 0, result.output
    assert "new key" in result.output
    assert list(memory_keyring.values()) == [SECRET]
    assert [user for _, user in memory_keyring] != [old_user]
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")
    assert thoughts() == [f"I always ruin things {MARKER}"]  # opened from the keyring


def test_forget_takes_the_lock_and_a_remembered_passphrase_along(
    journal_with_words: None,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: dict[tuple[str, str], str],
) -> None:
    locked(monkeypatch)
    monkeypatch.setenv("KINDVOICE_PASSPHRASE_COMMAND", command_printing(SECRET))
    assert kv("passphrase", "remember").exit_code == 0
    assert memory_keyring
    monkeypatch.delenv("KINDVOICE_PASSPHRASE_COMMAND")
    gone = kv("forget", "--yes")
    assert gone.exit_code == 0, gone.output
    assert memory_keyring == {}
    info = json.loads(kv("info", "--json").stdout)
    assert info["locked"] is False
    assert info["entries"] == 0
    fresh = kv("write", "a fresh start", "--no-reflect")
    assert fresh.exit_code == 0, fresh.output  # no passphrase asked: nothing is locked now
    assert thoughts() == ["a fresh start"]
