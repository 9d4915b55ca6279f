"""Import files that are broken, too big or from the future: clear errors, nothing changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.errors import ImportFileError, KindvoiceError, ValidationError
from kindvoice.services import portability
from kindvoice.services.wiring import Context
from tests.services._portability import fill, fresh_context


def _valid_document(ctx: Context, clock: FrozenClock) -> dict[str, Any]:
    fill(ctx, clock)
    return portability.export_document(ctx)


def _bad_files(document: dict[str, Any]) -> dict[str, bytes]:
    good = portability.dump_document(document).encode("utf-8")
    huge = json.loads(good)
    huge["entries"][0]["thought"] = "x" * 1_000_000
    future = json.loads(good)
    future["version"] = 99
    later = json.loads(good)
    later["entries"][1]["created_at"] = "2099-01-01T00:00:00+00:00"
    naive = json.loads(good)
    naive["checkins"][0]["created_at"] = "2026-11-01T08:00:00"
    escaped_nul = json.loads(good)
    escaped_nul["entries"][0]["thought"] = "nul\u0000inside"
    belief = json.loads(good)
    belief["entries"][0]["reframes"][0]["belief_after"] = 140
    return {
        "empty": b"",
        "whitespace": b"  \n ",
        "nul bytes": good[:50] + b"\x00\x00" + good[50:],
        "invalid utf-8": good[:60] + b"\xff\xfe\xfa" + good[60:],
        "truncated": good[: len(good) // 2],
        "not json": b"entries: [1, 2]",
        "binary": bytes(range(256)),
        "huge thought": json.dumps(huge).encode(),
        "future version": json.dumps(future).encode(),
        "future date": json.dumps(later).encode(),
        "no time zone": json.dumps(naive).encode(),
        "escaped nul": json.dumps(escaped_nul).encode(),
        "belief out of range": json.dumps(belief).encode(),
        "wrong shape": b'{"format": "kindvoice-export", "version": 1, "entries": {"a": 1}}',
        "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    }


def test_bad_import_files_get_clear_errors_and_change_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    document = _valid_document(ctx, clock)
    before = portability.export_document(ctx)
    for name, content in _bad_files(document).items():
        path = tmp_path / "bad.json"
        path.write_bytes(content)
        with pytest.raises(KindvoiceError) as caught:
            portability.import_journal(ctx, portability.read_import_file(path, ctx))
        assert isinstance(caught.value, ImportFileError | ValidationError), name
        assert caught.value.code.startswith("import_"), (name, caught.value.code)
        assert portability.export_document(ctx) == before, name


def test_bad_import_errors_say_what_and_where(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    files = _bad_files(_valid_document(ctx, clock))

    def error_for(name: str) -> KindvoiceError:
        path = tmp_path / "bad.json"
        path.write_bytes(files[name])
        with pytest.raises(KindvoiceError) as caught:
            portability.read_import_file(path, ctx)
        return caught.value

    assert error_for("empty").code == "import_empty"
    assert error_for("nul bytes").code == "import_binary"
    assert error_for("invalid utf-8").code == "import_not_utf8"
    assert error_for("truncated").code == "import_truncated"
    assert error_for("not json").code == "import_not_json"
    assert error_for("future version").code == "import_future_version"
    huge = error_for("huge thought")
    assert isinstance(huge, ValidationError)
    assert [(p.location, p.code) for p in huge.problems] == [("entries[0].thought", "too_long")]
    later = error_for("future date")
    assert isinstance(later, ValidationError)
    assert [(p.location, p.code) for p in later.problems] == [
        ("entries[1].created_at", "in_the_future")
    ]
    belief = error_for("belief out of range")
    assert isinstance(belief, ValidationError)
    assert [(p.location, p.code) for p in belief.problems] == [
        ("entries[0].reframes[0].belief_after", "out_of_range")
    ]
    naive = error_for("no time zone")
    assert isinstance(naive, ValidationError)
    assert [(p.location, p.code) for p in naive.problems] == [
        ("checkins[0].created_at", "no_time_zone")
    ]


def test_missing_file_and_folder_get_kind_errors(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as missing:
        portability.read_import_file(tmp_path / "nope.json", ctx)
    assert missing.value.code == "import_missing"
    with pytest.raises(ImportFileError) as folder:
        portability.read_import_file(tmp_path, ctx)
    assert folder.value.code == "import_is_folder"


def test_import_accepts_a_byte_order_mark(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    document = _valid_document(ctx, clock)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + portability.dump_document(document).encode("utf-8"))
    other = fresh_context(tmp_path, clock)
    portability.import_journal(other, portability.read_import_file(path, other))
    assert portability.export_document(other) == document
    other.close()
