"""`kindvoice --help` stays light: it loads no database, web or model code.

Timing is measured by ``bench/startup.py``; these tests only check what gets
imported, in a fresh interpreter so nothing loaded by other tests can hide a
regression.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY_MODULES = (
    "sqlalchemy",
    "alembic",
    "fastapi",
    "starlette",
    "uvicorn",
    "onnxruntime",
    "numpy",
    "psycopg",
    "hibari",
    "matplotlib",
    "cryptography",
    "argon2",
    "keyring",
)
MARKER = "--- kindvoice modules ---"

# Runs the CLI's help in-process, then reports the exit code and every loaded module.
HELP_PROBE = f"""
import json, sys
from kindvoice.interfaces.cli.app import run
try:
    run(["--help"])
    code = 0
except SystemExit as stop:
    code = stop.code
print({MARKER!r})
print(json.dumps({{"exit": code, "modules": sorted(sys.modules)}}))
"""


def _run_help_probe() -> tuple[int | str | None, list[str], str]:
    result = subprocess.run(
        [sys.executable, "-c", HELP_PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    help_text, marker, report = result.stdout.rpartition(MARKER)
    assert marker == MARKER, result.stdout + result.stderr
    data = json.loads(report)
    return data["exit"], data["modules"], help_text


def test_cli_help_imports_no_heavy_modules() -> None:
    exit_code, modules, help_text = _run_help_probe()
    assert exit_code in (0, None)  # sys.exit() and sys.exit(0) both mean success
    assert "Usage" in help_text
    loaded = sorted({name.split(".", 1)[0] for name in modules} & set(HEAVY_MODULES))
    assert loaded == [], f"`kindvoice --help` imported heavy modules: {loaded}"


def test_cli_help_exits_zero_as_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kindvoice", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
