"""The README's promises: two commands, and CI runs the second one as written."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick_start, re.S)


def test_readme_quick_start_has_exactly_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    run, test = commands
    assert run.rstrip().endswith(("kindvoice", "kindvoice serve"))
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_as_written() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = readme_commands()[1]
    assert test_command in ci.splitlines()
    assert "KINDVOICE_TEST_DATABASE_URL" in ci
    assert ci.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in ci


def test_docs_cover_every_command() -> None:
    from typer.main import get_command

    from kindvoice.interfaces.cli.app import app

    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    root = get_command(app)
    names: list[str] = []
    for name, command in getattr(root, "commands", {}).items():
        names.append(name)
        names.extend(f"{name} {sub}" for sub in getattr(command, "commands", {}))
    missing = [n for n in names if f"kindvoice {n}" not in usage]
    assert not missing, f"docs/usage.md does not describe: {missing}"


def test_required_docs_exist() -> None:
    for name in ("usage", "architecture", "data-format", "privacy"):
        assert (ROOT / "docs" / f"{name}.md").stat().st_size > 500, name
