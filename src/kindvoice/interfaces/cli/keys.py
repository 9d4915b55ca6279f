"""Single key presses during a practice (space to pause, q to stop), when there is a terminal.

The terminal goes into cbreak mode for the practice: keys arrive one at a time
without Enter and aren't echoed, while Ctrl-C still interrupts as usual. The
previous settings come back however the practice ends. Without a terminal (or on
a system without ``termios``), ``KeyReader`` simply waits and reports no keys.
"""

from __future__ import annotations

import os
import select
import sys
import time
from types import TracebackType
from typing import Any

try:  # not on Windows
    import termios
    import tty
except ImportError:  # pragma: no cover - exercised only on Windows
    termios = None  # type: ignore[assignment]
    tty = None  # type: ignore[assignment]

PAUSE_KEYS = frozenset({" ", "p", "P"})
STOP_KEYS = frozenset({"q", "Q", "\x1b"})


class KeyReader:
    """Wait for a key press or a deadline, whichever comes first."""

    def __init__(self, enabled: bool = True) -> None:
        self._fd: int | None = None
        self._saved: list[Any] | None = None
        self.enabled = enabled and termios is not None and _stdin_is_terminal()

    def __enter__(self) -> KeyReader:
        if self.enabled and termios is not None and tty is not None:
            self._fd = sys.stdin.fileno()
            try:
                self._saved = termios.tcgetattr(self._fd)
                tty.setcbreak(self._fd)
            except termios.error:
                self.enabled = False
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is not None and self._saved is not None and termios is not None:
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
        self._saved = None

    def wait(self, seconds: float) -> str:
        """The keys pressed within ``seconds`` (empty when none); returns at the first."""
        seconds = max(seconds, 0.0)
        if not self.enabled or self._fd is None:
            time.sleep(seconds)
            return ""
        ready, _, _ = select.select([self._fd], [], [], seconds)
        if not ready:
            return ""
        return os.read(self._fd, 32).decode("utf-8", errors="ignore")


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
