"""Writing files kindvoice makes for a person: whole or not at all, and private.

Used for calendar files, reports and audio. The data goes to a temporary file
beside the target, is flushed to disk, then renamed into place, so a reader sees
the old file or the new one, never half of one; a failure leaves no temporary
file behind and raises ``KindvoiceError(error_code, path=…, reason=…)``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from kindvoice.core.errors import KindvoiceError


def os_reason(error: OSError) -> str:
    """The system's own short words for what went wrong ("Permission denied")."""
    return error.strerror or type(error).__name__


def write_atomically(
    path: Path, content: bytes | Callable[[IO[bytes]], object], *, error_code: str
) -> None:
    """Write ``content`` (bytes, or a function that writes to the open file) to ``path``
    atomically, readable only by its owner (mode 0600)."""
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".partial", dir=path.parent
        )
    except OSError as exc:
        raise KindvoiceError(error_code, path=str(path), reason=os_reason(exc)) from exc
    try:
        with open(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            if isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise KindvoiceError(error_code, path=str(path), reason=os_reason(exc)) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
