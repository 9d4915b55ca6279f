"""`kindvoice learn`: the topics, and each piece rendered with its sources."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.domain.learn.library import load_library
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import app as cli_app

runner = CliRunner()


def kv(*args: str) -> Any:
    return runner.invoke(cli_app.app, list(args), prog_name="kindvoice")


def test_learn_lists_every_topic() -> None:
    result = kv("learn")
    assert result.exit_code == 0, result.output
    for piece in load_library():
        assert piece.id in result.stdout
    assert "docs/evidence.md" in result.stdout


@pytest.mark.parametrize("piece", load_library(), ids=lambda p: p.id)
def test_learn_renders_each_piece(piece: Any) -> None:
    result = kv("learn", piece.id)
    assert result.exit_code == 0, result.output
    assert piece.title in result.stdout
    assert m.say("learn.minutes", minutes=piece.minutes) in result.stdout
    assert m.say("learn.not_therapy") in result.stdout
    first_words = " ".join(piece.body.split()[:3]).lstrip("#").strip()
    assert first_words.split()[0] in result.stdout
    for citation in piece.citations:
        assert citation in result.stdout
    for suggestion in piece.try_practices:
        assert suggestion in result.stdout
        assert "To try it: kindvoice " in result.stdout


def test_learn_forgives_spelling_and_suggests() -> None:
    first = load_library()[0]
    assert kv("learn", first.id.upper().replace("-", " ")).exit_code == 0
    near = kv("learn", first.id[:-1])
    assert near.exit_code == 65
    assert f"Did you mean {first.id}?" in near.stderr
    assert kv("learn", "quantum-healing").exit_code == 65
