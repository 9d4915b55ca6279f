"""The CLI with the real engine: write's reflection, `reframe`, `support`, `journal show`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.domain.nlp.analyzer import analyze
from kindvoice.domain.nlp.reframe import suggest_reframes
from kindvoice.domain.nlp.types import TRAPS
from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli import render

runner = CliRunner()
HARSH = "I always mess everything up. I'm such a failure."
SITUATION = "sent the report with a typo"
CRISIS = "I want to kill myself tonight."


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def flat(text: str) -> str:
    """Output as one line: panel borders and wrapping taken out."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def shown(entry_id: int = 1) -> dict[str, Any]:
    result = kv("journal", "show", str(entry_id), "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "is_interactive", lambda: True)


def _answers_for_traps(likely: list[str]) -> list[str]:
    """y for the first trap, n for the second, Enter for any others."""
    return ["y", "n", *([""] * len(likely))][: len(likely)]


def test_cli_write_interactive_flow_keeps_feedback_and_a_reframe(interactive: None) -> None:
    analysis = analyze(HARSH)
    likely = [t.trap for t in analysis.likely_traps()]
    others = [t for t in TRAPS if t not in likely]
    suggestions = suggest_reframes(HARSH, analysis, SITUATION)
    assert analysis.is_self_critical
    assert len(suggestions) >= 3
    answers = [
        *_answers_for_traps(likely),
        "y",  # did kindvoice miss a trap? show the list
        "99",  # not on the list: asked again
        "2",
        "80",  # belief before
        "9",  # there are at most five suggestions: asked again
        "1",  # pick the first suggestion ...
        "",  # ... and keep it as it is
        "abc",  # not a number: asked again
        "40",  # belief after
    ]
    result = kv("write", HARSH, "-s", SITUATION, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Saved as entry 1" in out
    assert "What kindvoice noticed" in out
    assert "hard on yourself" in out
    assert "Some kinder ways to answer it" in out
    assert suggestions[0].text in out
    assert "There's no suggestion" in out
    assert "A whole number from 0 to 100" in out
    assert "went from 80 to 40" in out

    data = shown()
    assert data["analysis"]["is_self_critical"] is True
    expected = dict(zip(likely, ["confirmed", "rejected"], strict=False))
    expected[others[1]] = "added"
    assert {f["trap"]: f["verdict"] for f in data["trap_feedback"]} == expected
    (kept,) = data["reframes"]
    assert kept["text"] == suggestions[0].text
    assert (kept["origin"], kept["component"], kept["trap"]) == (
        "suggested",
        suggestions[0].component,
        suggestions[0].trap,
    )
    assert (kept["belief_before"], kept["belief_after"]) == (80, 40)

    show = kv("journal", "show", "1")
    assert show.exit_code == 0, show.output
    assert "Your kinder answers" in show.stdout
    assert "80 → 40" in flat(show.stdout)
    assert "Your word on the thinking traps" in show.stdout


def test_cli_write_interactive_own_and_edited_reframes(interactive: None) -> None:
    analysis = analyze(HARSH)
    traps = [""] * len(analysis.likely_traps())
    own = [*traps, "", "", "A typo is a typo, not a verdict on me.", "55"]
    assert kv("write", HARSH, input="\n".join(own) + "\n").exit_code == 0
    edited = [*traps, "", "70", "2", "I can fix the typo tomorrow and move on.", "70"]
    result = kv("write", HARSH, input="\n".join(edited) + "\n")
    assert result.exit_code == 0, result.output
    assert "still at 70" in flat(result.stdout)
    first, second = shown(1)["reframes"], shown(2)["reframes"]
    assert [(r["origin"], r["belief_before"], r["belief_after"]) for r in first] == [
        ("own", None, 55)
    ]
    assert first[0]["component"] is None
    assert [(r["text"], r["origin"]) for r in second] == [
        ("I can fix the typo tomorrow and move on.", "edited")
    ]
    assert second[0]["component"] is not None


def test_cli_write_everything_can_be_skipped(interactive: None) -> None:
    result = kv("write", HARSH, input="\n" * 20)
    assert result.exit_code == 0, result.output
    assert "Thank you for taking this time" in result.stdout
    data = shown()
    assert data["analysis"] is not None
    assert (data["trap_feedback"], data["reframes"]) == ([], [])


def test_cli_write_crisis_shows_support_and_nothing_else(
    interactive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINDVOICE_COUNTRY", "us")
    result = kv("write", CRISIS)  # no input at all: no question may be asked
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Entry 1" in out
    assert "Your entry is saved" in out
    assert "You don't have to carry this alone" in out
    assert "988 Suicide & Crisis Lifeline" in out
    assert "call 911" in out
    assert "Stay with someone you trust" in out
    assert "put it out of reach" in out
    for absent in ("What kindvoice noticed", "kinder", "trap", "label"):
        assert absent not in out, absent
    data = shown()
    assert data["thought"] == CRISIS
    assert data["analysis"]["crisis_level"] in {"concern", "urgent"}
    assert data["reframes"] == []
    assert "When you wrote this, things sounded very heavy" in flat(
        kv("journal", "show", "1").stdout
    )


def test_cli_write_one_liner_not_interactive_shows_without_asking() -> None:
    result = kv("write", HARSH)
    assert result.exit_code == 0, result.output
    assert "What kindvoice noticed" in result.stdout
    assert "Some kinder ways to answer it" in result.stdout
    assert "How much do you believe" not in result.stdout
    assert shown()["analysis"] is not None


def test_cli_write_no_reflect_skips_the_analysis() -> None:
    result = kv("write", HARSH, "--no-reflect")
    assert result.exit_code == 0, result.output
    assert "What kindvoice noticed" not in result.stdout
    assert shown()["analysis"] is None


def test_cli_write_json_includes_analysis_and_suggestions() -> None:
    result = kv("write", HARSH, "-s", SITUATION, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == 1
    assert data["analysis"]["is_self_critical"] is True
    assert set(data["analysis"]["traps"]) <= set(TRAPS)
    assert len(data["suggestions"]) >= 3
    assert {"text", "component", "trap", "question", "source"} <= set(data["suggestions"][0])
    assert "support" not in data
    crisis = kv("write", CRISIS, "--json")
    assert crisis.exit_code == 0, crisis.output
    flagged = json.loads(crisis.stdout)
    assert flagged["suggestions"] == []
    assert flagged["support"]["lines"]
    assert "You don't have to carry this alone" in flat(crisis.stderr)


def test_cli_reframe_json_keeps_nothing() -> None:
    result = kv("reframe", HARSH, "--situation", SITUATION, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["thought"] == HARSH
    assert data["situation"] == SITUATION
    assert data["analysis"]["crisis_level"] == "none"
    assert "created_at" not in data["analysis"]
    assert len(data["suggestions"]) >= 3
    assert json.loads(kv("journal", "list", "--json").stdout) == []


def test_cli_reframe_shows_suggestions_or_support() -> None:
    result = kv("reframe", HARSH)
    assert result.exit_code == 0, result.output
    assert "Some kinder ways to answer it" in result.stdout
    crisis = kv("reframe", CRISIS)
    assert crisis.exit_code == 0, crisis.output
    assert "You don't have to carry this alone" in flat(crisis.stdout)
    assert "kinder ways" not in crisis.stdout
    assert kv("reframe", "  ").exit_code == 65


def test_cli_support_defaults_and_countries(monkeypatch: pytest.MonkeyPatch) -> None:
    default = kv("support")
    assert default.exit_code == 0, default.output
    text = flat(default.stdout)
    assert "https://findahelpline.com" in text
    assert "112 in the EU" in text
    assert "KINDVOICE_COUNTRY" in text
    monkeypatch.setenv("KINDVOICE_COUNTRY", "GB")
    british = flat(kv("support").stdout)
    assert "Samaritans" in british
    assert "116 123" in british
    assert "999" in british
    monkeypatch.setenv("KINDVOICE_COUNTRY", "XX")
    unknown = flat(kv("support").stdout)
    assert "doesn't have lines for XX" in unknown
    assert "https://findahelpline.com" in unknown


def test_cli_home_mentions_support() -> None:
    assert "kindvoice support" in kv().stdout


def test_cli_edit_into_crisis_words_shows_support() -> None:
    kv("write", "A long day", "--no-reflect")
    result = kv("journal", "edit", "1", "--thought", CRISIS)
    assert result.exit_code == 0, result.output
    assert "You don't have to carry this alone" in flat(result.stdout)
    assert shown()["analysis"]["crisis_level"] != "none"


def test_cli_reanalyze_fills_in_entries_written_without_reflection() -> None:
    kv("write", HARSH, "--no-reflect")
    kv("write", "A calm walk by the sea", "--no-reflect")
    result = kv("journal", "reanalyze")
    assert result.exit_code == 0, result.output
    assert "Looked again at 2 journal entries" in flat(result.stdout)
    assert shown(2)["analysis"] is not None
    assert "already been looked at" in kv("journal", "reanalyze").stdout
