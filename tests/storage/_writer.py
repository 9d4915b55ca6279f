"""A child process that writes to a kindvoice journal through the real service layer.

Started by the durability and concurrency tests as ``python _writer.py MODE URL ...``
(see ``start_writer``); it is not a test module itself. Modes:

``forever URL``
    Open the journal and write entries until killed. Each entry's uid is printed
    (and flushed) only after ``record_thought`` returned: that line is the
    acknowledgement the durability test relies on.

``timed URL SECONDS LABEL``
    Print ``ready``, wait for a line on stdin (the start barrier), then write
    entries and check-ins, mixed with reads, for SECONDS. At the end print one
    JSON object with the uids of every acknowledged entry and check-in.
    Any error escapes as a traceback on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from kindvoice.core.config import Settings
from kindvoice.domain.records import Emotion
from kindvoice.services.checkins import list_checkins, record_checkin
from kindvoice.services.journal import (
    edit_entry,
    list_entries,
    record_thought,
    search_entries,
)
from kindvoice.services.wiring import Context, open_context

THOUGHTS = (
    "I should have known better",
    "Everyone noticed my mistake",
    "I am too slow at everything",
    "I never finish what I start",
)


def _open(url: str) -> Context:
    home = Path(url.removeprefix("sqlite:///")).parent / "home"
    return open_context(Settings(home=home, database_url=url))


def _write_entry(ctx: Context, label: str, n: int) -> str:
    entry = record_thought(
        ctx,
        f"{THOUGHTS[n % len(THOUGHTS)]} ({label} #{n})",
        situation=f"kind practice {label} {n}",
        emotions=[Emotion("shame", n % 101), Emotion("worry", 50)],
        tags=["crash-test", label],
    )
    return entry.uid


def write_forever(url: str) -> None:
    ctx = _open(url)
    n = 0
    while True:
        uid = _write_entry(ctx, "durable", n)
        # The acknowledgement: printed only once the write has returned.
        sys.stdout.write(uid + "\n")
        sys.stdout.flush()
        n += 1


def write_for(url: str, seconds: float, label: str) -> None:
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("start barrier closed without 'go'")
    ctx = _open(url)
    entry_uids: list[str] = []
    checkin_uids: list[str] = []
    deadline = time.monotonic() + seconds
    n = 0
    try:
        while time.monotonic() < deadline:
            entry_uids.append(_write_entry(ctx, label, n))
            if n % 3 == 0:
                checkin_uids.append(record_checkin(ctx, n % 11, (n + 3) % 11, 5, note=label).uid)
            if n % 4 == 1:
                recent = list_entries(ctx, limit=10)
                assert recent, "a process must see at least its own entries"
            if n % 5 == 2:
                search_entries(ctx, f"kind {label}", limit=5)
                list_checkins(ctx, limit=5)
            if n % 7 == 3:
                # A read followed by a write inside one write transaction.
                newest = list_entries(ctx, limit=1)[0]
                assert newest.id is not None
                edit_entry(ctx, newest.id, situation=f"edited by {label}")
            n += 1
    finally:
        ctx.close()
    print(json.dumps({"entries": entry_uids, "checkins": checkin_uids}), flush=True)


# --- the parent's side -------------------------------------------------------

WRITER = Path(__file__).resolve()


def start_writer(
    args: list[str], stderr: IO[bytes], *, with_stdin: bool = False
) -> subprocess.Popen[bytes]:
    """Start this script as a child process; its stdout is a pipe the parent reads."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdin=subprocess.PIPE if with_stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


class PipeReader:
    """Reads a child's stdout in whole lines, never waiting past a deadline."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self._fd = proc.stdout.fileno()
        self._buffer = b""
        self.at_eof = False

    def _fill(self, deadline: float) -> None:
        timeout = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if ready:
            chunk = os.read(self._fd, 1 << 16)
            self._buffer += chunk
            self.at_eof = not chunk

    def next_line(self, timeout: float) -> str | None:
        """The next complete line, or None at end of file or when time runs out."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            if self.at_eof or time.monotonic() >= deadline:
                return None
            self._fill(deadline)
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def rest(self, timeout: float) -> tuple[list[str], bytes]:
        """Everything until end of file: the complete lines, and any unfinished tail."""
        deadline = time.monotonic() + timeout
        while not self.at_eof and time.monotonic() < deadline:
            self._fill(deadline)
        *lines, tail = self._buffer.split(b"\n")
        self._buffer = b""
        return [line.decode() for line in lines], tail


def main(argv: list[str]) -> None:
    mode, url, *rest = argv
    if mode == "forever":
        write_forever(url)
    elif mode == "timed":
        seconds, label = rest
        write_for(url, float(seconds), label)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
