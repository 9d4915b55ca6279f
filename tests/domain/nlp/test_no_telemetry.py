"""The engine phones no one: no telemetry files, no network needed.

onnxruntime 1.32 writes a device id and queued telemetry events under
``~/.cache/Microsoft/DeveloperTools/.onnxruntime`` unless ``ORT_DISABLE_TELEMETRY=1``
is set before it is imported. Each test runs the engine in a fresh interpreter
(so nothing imported by other tests can hide a regression) with ``HOME`` and
``XDG_CACHE_HOME`` pointed at an empty folder, then looks at what appeared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MARKER = "--- probe ---"
SENTENCE = "I'm such an idiot for forgetting her birthday again."

# Imports the analyzer (without the variable set by anyone else), analyzes one
# sentence and reports what it saw.
ANALYZE_PROBE = f"""
import json, os, sys
from kindvoice.domain.nlp.analyzer import analyze
result = analyze({SENTENCE!r})
print({MARKER!r})
print(json.dumps({{
    "telemetry_env": os.environ.get("ORT_DISABLE_TELEMETRY"),
    "onnxruntime_loaded": "onnxruntime" in sys.modules,
    "critic_probability": result.critic_probability,
    "model_version": result.model_version,
}}))
"""

# The same, with every way Python opens a connection made to fail (and counted).
OFFLINE_PROBE = f"""
import json, socket, sys
attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args[1:] if args else kwargs)[:80])
    raise OSError("networking is switched off in this test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from kindvoice.domain.nlp.analyzer import analyze
result = analyze({SENTENCE!r})
print({MARKER!r})
print(json.dumps({{
    "attempts": attempts,
    "onnxruntime_loaded": "onnxruntime" in sys.modules,
    "critic_probability": result.critic_probability,
}}))
"""

# Bare onnxruntime without the variable: shows the check below would notice files.
CONTROL_PROBE = """
import os
os.environ.pop("ORT_DISABLE_TELEMETRY", None)
from importlib import resources
import onnxruntime
model = resources.files("kindvoice.domain.nlp").joinpath("model", "encoder.onnx")
onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
"""


def _child_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "ORT_DISABLE_TELEMETRY" and not key.startswith("XDG_")
    }
    env["HOME"] = str(home)
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    env["USERPROFILE"] = str(home)  # the same folder on Windows
    env["KINDVOICE_HOME"] = str(home / "kindvoice")
    return env


def _run(argv: list[str], env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    _, marker, report = result.stdout.rpartition(MARKER)
    assert marker == MARKER, result.stdout + result.stderr
    data: dict[str, object] = json.loads(report)
    return data


def _files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.fixture
def empty_home(tmp_path: Path) -> Path:
    home = tmp_path / "home-for-probe"
    home.mkdir()
    return home


@pytest.mark.slow
def test_analyzer_writes_no_telemetry_files(empty_home: Path) -> None:
    report = _run([sys.executable, "-c", ANALYZE_PROBE], _child_env(empty_home))

    assert report["onnxruntime_loaded"] is True  # the model really ran
    assert report["telemetry_env"] == "1"
    assert _files_under(empty_home) == []
    assert not (empty_home / ".cache" / "Microsoft").exists()


@pytest.mark.slow
def test_telemetry_check_would_notice_onnxruntime_files(empty_home: Path) -> None:
    """Control: without the variable, this onnxruntime leaves files the check above sees."""
    result = subprocess.run(
        [sys.executable, "-c", CONTROL_PROBE],
        env=_child_env(empty_home),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = _files_under(empty_home)
    if not written:
        pytest.skip("this onnxruntime writes no telemetry files even when allowed to")
    assert any("onnxruntime" in name for name in written), written


@pytest.mark.slow
def test_analyzer_works_with_networking_impossible(empty_home: Path) -> None:
    env = _child_env(empty_home)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env[name] = "http://127.0.0.1:9"  # the discard port: nothing answers there
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)

    report = _run([sys.executable, "-c", OFFLINE_PROBE], env)

    assert report["onnxruntime_loaded"] is True
    assert isinstance(report["critic_probability"], float)
    assert report["attempts"] == []  # nothing even tried to connect
    assert _files_under(empty_home) == []


def _can_unshare_network() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(
        [unshare, "--map-root-user", "--net", "true"],
        capture_output=True,
        timeout=30,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.slow
def test_analyzer_works_in_a_network_namespace_without_interfaces(empty_home: Path) -> None:
    """The same, enforced by the kernel: native code (onnxruntime) cannot reach out either."""
    if not _can_unshare_network():
        pytest.skip("unshare --net is not available here (needs Linux user namespaces)")
    unshare = shutil.which("unshare")
    assert unshare is not None
    report = _run(
        [unshare, "--map-root-user", "--net", sys.executable, "-c", ANALYZE_PROBE],
        _child_env(empty_home),
    )

    assert report["onnxruntime_loaded"] is True
    assert report["telemetry_env"] == "1"
    assert _files_under(empty_home) == []
