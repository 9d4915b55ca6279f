"""kindvoice opens no network connection unless the optional chat endpoint is configured.

The privacy page promises that nothing leaves the computer: no telemetry, no update
checks, and the network only when a person points kindvoice at PostgreSQL or at a chat
model (``KINDVOICE_LLM_URL``). Two proofs, each with a control showing it can fail:

1. **Static.** Every module under ``src/kindvoice`` is parsed with ``ast``; modules that
   can reach the network (``socket``, ``urllib.request``, ``requests``, ...) may be
   imported only by the files in ``ALLOWED``, each for the reason written beside it.
2. **Dynamic.** A realistic session of ``python -m kindvoice`` commands runs in fresh
   interpreters with an audit hook (Python's ``sys.addaudithook``, installed from a
   ``sitecustomize.py`` on ``PYTHONPATH``) that records every connect, name lookup and
   URL request and refuses it. Nothing may be recorded. With ``KINDVOICE_LLM_URL`` set to
   a listener on this computer, the only connection made is to that address, even with a
   proxy set in the environment.

PostgreSQL is reached through SQLAlchemy's driver only when the database URL says so;
these sessions use the default SQLite file, which needs no socket at all.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "kindvoice"

# Modules that open connections (or hand a URL to something that does). A name also
# covers its submodules: "requests" covers "requests.adapters".
NETWORK_MODULES = frozenset(
    {
        "socket",
        "ssl",
        "socketserver",
        "http.client",
        "http.server",
        "urllib.request",
        "urllib3",
        "requests",
        "httpx",
        "httplib2",
        "pycurl",
        "aiohttp",
        "websocket",
        "websockets",
        "grpc",
        "ftplib",
        "smtplib",
        "poplib",
        "imaplib",
        "nntplib",
        "telnetlib",
        "xmlrpc.client",
        "xmlrpc.server",
        "uvicorn",
        "webbrowser",
        "psycopg",
        "psycopg2",
        "asyncpg",
        "paramiko",
        "boto3",
        "botocore",
        "sentry_sdk",
    }
)

# Calls that connect whatever module they come from (asyncio's loop, a socket object).
CONNECTING_CALLS = frozenset(
    {
        "create_connection",
        "open_connection",
        "open_unix_connection",
        "create_datagram_endpoint",
        "urlopen",
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname_ex",
    }
)

# The only files that may touch the network, and exactly what each one imports.
ALLOWED: dict[str, frozenset[str]] = {
    # The optional chat model: POSTs to KINDVOICE_LLM_URL and nowhere else (no proxies,
    # no redirects). http.client is there only for its HTTPException, caught as a failure.
    "services/llm.py": frozenset({"urllib.request", "http.client"}),
    # `kindvoice serve` listens; it never connects. socket: a probe socket is bound (not
    # connected) to say kindly when the port is taken. uvicorn: the server itself, on
    # loopback unless --hosted. webbrowser: --open shows the local address in a browser.
    "interfaces/cli/serve_cmds.py": frozenset({"socket", "uvicorn", "webbrowser"}),
}


def _is_network(name: str) -> bool:
    return any(name == module or name.startswith(module + ".") for module in NETWORK_MODULES)


def _imported_names(node: ast.AST) -> list[str]:
    """The absolute module names an import statement (or dynamic import call) can load."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level or node.module is None:
            return []  # relative: kindvoice's own modules, scanned themselves
        if _is_network(node.module):
            return [node.module]
        # "from urllib import request" loads the submodule urllib.request.
        return [f"{node.module}.{alias.name}" for alias in node.names]
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
            return [str(first.value)]
    return []


def network_uses(source: str) -> tuple[set[str], set[str]]:
    """The network modules ``source`` imports, and the connecting calls it makes."""
    modules: set[str] = set()
    calls: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        modules.update(name for name in _imported_names(node) if _is_network(name))
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in CONNECTING_CALLS:
                calls.add(called)
    return modules, calls


def _package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_network_scan_sees_every_way_of_importing() -> None:
    """Control: the scanner finds imports written in each form, and connecting calls."""
    sample = (
        "import socket\n"
        "import urllib.request as fetch\n"
        "from http import client\n"
        "from requests.adapters import HTTPAdapter\n"
        "import importlib\n"
        "importlib.import_module('ssl')\n"
        "__import__('smtplib')\n"
        "from http import HTTPStatus\n"  # not networking
        "import urllib.parse\n"  # not networking
        "async def f(loop):\n"
        "    await loop.create_connection(None, 'example.org', 80)\n"
    )
    modules, calls = network_uses(sample)
    assert modules == {
        "socket",
        "urllib.request",
        "http.client",
        "requests.adapters",
        "ssl",
        "smtplib",
    }
    assert calls == {"create_connection"}


def test_no_network_modules_only_where_allowed() -> None:
    files = _package_files()
    assert len(files) > 50  # the scan really walked the package
    found: dict[str, set[str]] = {}
    for path in files:
        modules, calls = network_uses(path.read_text(encoding="utf-8"))
        if modules or calls:
            found[path.relative_to(PACKAGE).as_posix()] = modules | {f"{c}()" for c in calls}
    unexpected = {
        name: sorted(uses - ALLOWED.get(name, frozenset()))
        for name, uses in found.items()
        if uses - ALLOWED.get(name, frozenset())
    }
    assert unexpected == {}, "networking outside the allow-list (see ALLOWED for the rule)"
    # The allow-list is exact: a permission no file uses any more is a hole for later.
    assert found == {name: set(uses) for name, uses in ALLOWED.items()}


# --- the dynamic proof -----------------------------------------------------------------

PROBE_LOG = "KV_NET_PROBE_LOG"
PROBE_ALLOW = "KV_NET_PROBE_ALLOW"

# Installed in every probed interpreter before anything else runs. It records each
# network event as one JSON line (written at once, so a crash loses nothing) and refuses
# every one that isn't aimed at the single allowed "host:port".
SITECUSTOMIZE = '''
import json as _json
import os as _os
import sys as _sys
import urllib.parse as _parse

_LOG = _os.environ.get("KV_NET_PROBE_LOG", "")
_ALLOW = _os.environ.get("KV_NET_PROBE_ALLOW", "")
_WATCHED = frozenset({
    "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
    "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request",
    "http.client.connect", "ftplib.connect", "smtplib.connect", "poplib.connect",
    "imaplib.open", "nntplib.connect", "webbrowser.open",
})


def _write(record):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(_json.dumps(record) + "\\n")


def _target(event, args):
    """(host, port) the event reaches for, as far as it says."""
    if event == "socket.connect":
        address = args[1]
        return (address[0], address[1]) if isinstance(address, tuple) else (address, None)
    if event == "socket.getaddrinfo":
        return args[0], args[1]
    if event == "http.client.connect":
        return args[1], args[2]
    if event in ("urllib.Request", "webbrowser.open"):
        parts = _parse.urlsplit(str(args[0]))
        return parts.hostname, parts.port
    return (args[0] if args else None), None


def _allowed(event, args):
    if not _ALLOW or event in ("socket.sendto", "socket.sendmsg", "webbrowser.open"):
        return False
    host, _, port = _ALLOW.rpartition(":")
    target_host, target_port = _target(event, args)
    if isinstance(target_host, bytes):
        target_host = target_host.decode("ascii", "replace")
    if event in ("socket.gethostbyname", "socket.gethostbyaddr"):
        return target_host == host
    return target_host == host and str(target_port) == port


def _frames():
    frame, seen = _sys._getframe(2), []
    while frame is not None and len(seen) < 8:
        seen.append(f"{frame.f_code.co_filename}:{frame.f_lineno}")
        frame = frame.f_back
    return seen


def _hook(event, args):
    if event not in _WATCHED:
        return
    allowed = _allowed(event, args)
    _write({
        "pid": _os.getpid(),
        "event": event,
        "args": repr(args)[:300],
        "target": repr(_target(event, args)),
        "allowed": allowed,
        "where": _frames(),
    })
    if not allowed:
        raise OSError(f"the network probe refused {event}")


if _LOG:
    _write({"pid": _os.getpid(), "event": "probe.start", "argv": list(_sys.orig_argv)})
    _sys.addaudithook(_hook)
'''


@dataclass
class Probe:
    """A folder with the audit-hook ``sitecustomize.py``, and the log it writes."""

    folder: Path
    log: Path
    home: Path
    processes: int = 0

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("KINDVOICE_", "XDG_"))
            and key.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
        }
        base = env.get("PYTHONPATH")
        env["PYTHONPATH"] = str(self.folder) + (os.pathsep + base if base else "")
        env[PROBE_LOG] = str(self.log)
        env["KINDVOICE_HOME"] = str(self.home)
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "100"
        env.update(extra)
        return env

    def run(
        self, argv: list[str], *, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        self.processes += 1
        return subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            text=True,
            env=env if env is not None else self.env(),
            timeout=120,
            check=False,
        )

    def kv(self, *args: str, stdin: str = "", **extra: str) -> str:
        """Run ``python -m kindvoice ARGS``; its stdout, after checking it succeeded."""
        result = self.run(
            [sys.executable, "-m", "kindvoice", *args], stdin=stdin, env=self.env(**extra)
        )
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stdout

    def records(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def events(self) -> list[dict[str, Any]]:
        return [r for r in self.records() if r["event"] != "probe.start"]

    def starts(self, program: str = "kindvoice") -> int:
        """How many interpreters running ``python -m PROGRAM`` the probe woke up in."""
        return sum(
            1
            for r in self.records()
            if r["event"] == "probe.start" and r["argv"][1:3] == ["-m", program]
        )


@pytest.fixture
def probe(tmp_path: Path) -> Probe:
    folder = tmp_path / "probe"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return Probe(folder=folder, log=tmp_path / "network.jsonl", home=tmp_path / "home")


class _ChatHandler(BaseHTTPRequestHandler):
    """A stand-in for a local chat model: one kind answer to every chat request."""

    REPLY = "This hurts, and many people feel this way after a hard week. I can go gently."
    paths: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        type(self).paths.append(self.path)
        body = json.dumps({"choices": [{"message": {"content": self.REPLY}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def chat_server() -> Iterator[tuple[str, int]]:
    _ChatHandler.paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChatHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield str(host), int(port)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# Tries every way out: a listener here (allowed when the probe allows it), a closed port,
# a name lookup and a URL. Each refusal surfaces as an OSError, which the script swallows
# the way kindvoice's own code would.
CONNECTING_SCRIPT = """
import socket, sys, urllib.request
port = int(sys.argv[1])
socket.create_connection(("127.0.0.1", port), timeout=5).close()
for attempt in (
    lambda: socket.create_connection(("127.0.0.1", 9), timeout=5),
    lambda: socket.socket().connect(("127.0.0.1", 9)),
    lambda: socket.gethostbyname("example.org"),
    lambda: urllib.request.urlopen("http://example.org/", timeout=5),
):
    try:
        attempt()
    except OSError:
        pass
"""


def test_no_network_probe_records_and_refuses_connections(
    probe: Probe, chat_server: tuple[str, int]
) -> None:
    """Control: the same harness notices (and stops) a program that reaches out."""
    host, port = chat_server
    result = probe.run(
        [sys.executable, "-c", CONNECTING_SCRIPT, str(port)],
        env=probe.env(**{PROBE_ALLOW: f"{host}:{port}"}),
    )
    assert result.returncode == 0, result.stderr
    seen = [(e["event"], e["target"], e["allowed"]) for e in probe.events()]
    assert ("socket.connect", repr((host, port)), True) in seen
    assert ("socket.getaddrinfo", repr(("127.0.0.1", 9)), False) in seen
    assert ("socket.connect", repr(("127.0.0.1", 9)), False) in seen
    assert ("socket.gethostbyname", repr(("example.org", None)), False) in seen
    assert ("urllib.Request", repr(("example.org", None)), False) in seen
    # Refused means refused: nothing but the allowed listener got as far as connecting.
    connected = [target for event, target, allowed in seen if event == "socket.connect" and allowed]
    assert connected == [repr((host, port))]
    starts = [r for r in probe.records() if r["event"] == "probe.start"]
    assert [r["argv"][1] for r in starts] == ["-c"]  # the probe woke up in the script


@pytest.mark.slow
def test_no_network_in_an_everyday_session(probe: Probe, tmp_path: Path) -> None:
    """A day of kindvoice from the command line, with networking watched and refused."""
    kv = probe.kv
    assert json.loads(kv("info", "--json"))["entries"] == 0
    written = kv(
        "write",
        "I always mess everything up",
        "-s",
        "spilled coffee in the meeting",
        "-f",
        "embarrassed 60",
        "-t",
        "work",
        "--json",
    )
    assert json.loads(written)["thought"] == "I always mess everything up"
    kv("write", "-", "--no-reflect", stdin="I'm hopeless at this\n")
    assert len(json.loads(kv("journal", "list", "--json"))) == 2
    assert [e["id"] for e in json.loads(kv("journal", "search", "coffee", "--json"))] == [1]
    assert "spilled coffee" in kv("journal", "show", "1")
    kv("checkin", "--mood", "4", "--stress", "7", "--critic", "8", "--note", "long day")
    assert len(json.loads(kv("checkins", "--json"))) == 1
    assert json.loads(kv("reframe", "I am useless at my job", "--json"))
    kv("support")
    kv("breathe", "0.5-0.5", "--cycles", "1", "--no-rate")
    kv("program", "start")
    kv("today", "--done", "core")
    kv("assess", "kindness-checkin", "--answers", "3,4,2,5,1,3,4,2")
    json.loads(kv("insights", "--json"))
    kv("report", "--html", str(tmp_path / "report.html"))
    kv("learn", "what-self-compassion-is")
    kv("remind", "--at", "08:30", "--to", str(tmp_path / "reminder.ics"))
    export = tmp_path / "export.json"
    kv("export", "--to", str(export))
    kv("export", "--format", "csv", "--to", str(tmp_path / "csv"))
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    kv("--db", other, "import", str(export))
    assert json.loads(kv("--db", other, "info", "--json"))["entries"] == 2
    # Encryption at rest and backups, with the passphrase from a command.
    secret = {"KINDVOICE_PASSPHRASE_COMMAND": "echo network free passphrase"}
    kv("lock", **secret)
    found = json.loads(kv("journal", "search", "coffee", "--json", **secret))
    assert [e["id"] for e in found] == [1]
    kv("backup", **secret)
    kv("unlock", "--yes", **secret)
    # An import from Daylio, read like anything written here.
    daylio = tmp_path / "daylio.csv"
    daylio.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2026-11-01,November 1,Sunday,9:41 pm,meh,"work | tired","Late","I messed up again"\n',
        encoding="utf-8",
    )
    kv("import", str(daylio))

    assert probe.events() == []
    assert probe.starts() == probe.processes  # the probe was awake in every process
    assert (tmp_path / "report.html").exists()
    assert (tmp_path / "reminder.ics").exists()


@pytest.mark.slow
def test_no_network_but_the_configured_chat_endpoint(
    probe: Probe, chat_server: tuple[str, int]
) -> None:
    """With KINDVOICE_LLM_URL set, the thought goes to that address and nowhere else."""
    host, port = chat_server
    out = probe.kv(
        "reframe",
        "I am useless at my job",
        "-s",
        "missed a deadline this week",
        "--json",
        KINDVOICE_LLM_URL=f"http://{host}:{port}/v1",
        KV_NET_PROBE_ALLOW=f"{host}:{port}",
        # A proxy in the environment must not see the thought: llm.py ignores proxies.
        HTTP_PROXY="http://127.0.0.1:9",
        http_proxy="http://127.0.0.1:9",
    )
    assert _ChatHandler.REPLY in out  # the answer came back and was shown
    assert _ChatHandler.paths == ["/v1/chat/completions"]
    events = probe.events()
    refused = [e for e in events if not e["allowed"]]
    assert refused == []
    connects = [e["target"] for e in events if e["event"] == "socket.connect"]
    assert connects == [repr((host, port))]
    assert probe.starts() == probe.processes == 1
