"""The servers `bench/web_load.py` measures: `kindvoice serve` in a subprocess, a throwaway
PostgreSQL cluster for hosted mode (started the way `.ci/run` starts one), and reading the
workers' memory from /proc.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

API = "/api/v1"
READY_TIMEOUT_S = 90.0
INITDB_OPTIONS = ("-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
SERVER_ENV_DROPPED = (
    "KINDVOICE_DATABASE_URL",
    "KINDVOICE_WEB_HOSTED",
    "KINDVOICE_WEB_INSECURE_COOKIES",
    "KINDVOICE_LLM_URL",  # no outside model: analyze stays on this machine
    "KINDVOICE_LLM_MODEL",
    "KINDVOICE_LLM_TIMEOUT",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``python -m kindvoice serve ...`` in its own session (so Ctrl-C reaches us, not it)."""

    def __init__(
        self, label: str, extra: Sequence[str], home: Path, database_url: str | None
    ) -> None:
        self.label = label
        self.hosted = "--hosted" in extra
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.argv = [sys.executable, "-m", "kindvoice", "serve", "--port", str(self.port), *extra]
        self.env = {k: v for k, v in os.environ.items() if k not in SERVER_ENV_DROPPED}
        self.env["KINDVOICE_HOME"] = str(home)
        if database_url:
            self.env["KINDVOICE_DATABASE_URL"] = database_url
        self.log = home / "serve.log"
        home.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.argv,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        with httpx.Client(base_url=self.base_url, timeout=2.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.label} exited early:\n{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{API}/ping").status_code == 200:
                        return
                time.sleep(0.2)
        raise RuntimeError(f"{self.label} didn't answer /api/v1/ping:\n{self.log_tail()}")

    def log_tail(self, lines: int = 25) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


class Postgres:
    """A throwaway cluster: data and socket in a temp dir of its own, no TCP, removed at the
    end. As root, initdb and pg_ctl run as the postgres user (they refuse to run as root)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        self.root: Path | None = None

    def _run(self, *argv: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        result = subprocess.run(
            [*prefix, *argv], capture_output=True, text=True, check=False, cwd=self.root
        )
        if result.returncode != 0:
            raise RuntimeError(f"{Path(argv[0]).name} failed: {result.stderr.strip()[-800:]}")

    def start(self) -> str:
        self.root = root = Path(tempfile.mkdtemp(prefix="kindvoice-pg-"))
        if self.as_root:
            shutil.chown(root, user="postgres")
        data = str(root / "data")
        self._run(str(self.bin_dir / "initdb"), "-D", data, *INITDB_OPTIONS)
        server_options = f"-k {root} -c listen_addresses=''"  # a socket in root, no TCP
        pg_ctl, pg_log = str(self.bin_dir / "pg_ctl"), str(root / "pg.log")
        self._run(pg_ctl, "-D", data, "-l", pg_log, "-w", "-o", server_options, "start")
        return f"postgresql://postgres@/postgres?host={root}"

    def stop(self) -> None:
        if self.root is None:
            return
        with contextlib.suppress(RuntimeError, OSError):
            self._run(
                str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop"
            )
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))


def find_postgres() -> tuple[Path | None, str]:
    """The directory holding initdb and pg_ctl, or None and why not."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version_key)
    initdb = found[-1] if found else None
    if initdb is None and (on_path := shutil.which("initdb")):
        initdb = Path(on_path)
    if initdb is None:
        return None, "no initdb under /usr/lib/postgresql/*/bin or on PATH"
    if not (initdb.parent / "pg_ctl").exists():
        return None, f"no pg_ctl beside {initdb}"
    if os.geteuid() == 0:
        with contextlib.suppress(KeyError):
            pwd.getpwnam("postgres")
            if shutil.which("runuser"):
                return initdb.parent, ""
        return None, "running as root, but there is no postgres user or no runuser"
    return initdb.parent, ""


# --- memory ----------------------------------------------------------------------------


def _proc_text(pid: int, name: str) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/{name}").read_text(errors="replace")
    return ""


def status_mb(pid: int, key: str) -> float:
    for line in _proc_text(pid, "status").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children_of(pid: int) -> list[int]:
    try:
        psutil: Any = importlib.import_module("psutil")
    except ImportError:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                for line in _proc_text(int(entry.name), "status").splitlines():
                    if line.startswith("PPid:") and int(line.split()[1]) == pid:
                        found.append(int(entry.name))
        return sorted(found)
    return sorted(int(child.pid) for child in psutil.Process(pid).children())


def worker_pids(server: Server) -> list[int]:
    """Local mode serves from the serve process itself; hosted mode from its children
    (uvicorn's spawned workers, not multiprocessing's resource tracker)."""
    assert server.process is not None
    if not server.hosted:
        return [server.process.pid]
    kids = children_of(server.process.pid)
    cmdlines = {pid: _proc_text(pid, "cmdline").replace("\0", " ") for pid in kids}
    spawned = [pid for pid in kids if "spawn_main" in cmdlines[pid]]
    return spawned or [pid for pid in kids if "resource_tracker" not in cmdlines[pid]]


def nlp_mapped(pid: int) -> str:
    maps = _proc_text(pid, "maps")
    if not maps:
        return "unknown"
    return "yes" if "onnxruntime" in maps else "no"


# --- one target ------------------------------------------------------------------------
