"""The message catalog: complete, and in the voice DESIGN.md asks for."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kindvoice.core import errors
from kindvoice.interfaces import messages as m

SRC = Path(__file__).resolve().parents[2] / "src" / "kindvoice"
ERROR_CLASSES = {
    "KindvoiceError",
    "ValidationError",
    "NotFoundError",
    "ImportFileError",
    "StorageError",
    "ConfigError",
}


def _calls() -> list[ast.Call]:
    found: list[ast.Call] = []
    for path in SRC.rglob("*.py"):
        found.extend(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call))
    return found


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _first_string(call: ast.Call, index: int = 0) -> str | None:
    if len(call.args) > index and isinstance(call.args[index], ast.Constant):
        value = call.args[index].value
        return value if isinstance(value, str) else None
    return None


def test_every_message_key_used_exists() -> None:
    used = {_first_string(c) for c in _calls() if _name(c) == "say"} - {None}
    assert used, "expected the code to use say()"
    assert used <= set(m.MESSAGES), used - set(m.MESSAGES)


def test_every_error_code_raised_has_kind_words() -> None:
    codes = {_first_string(c) for c in _calls() if _name(c) in ERROR_CLASSES} - {None}
    codes |= {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.KindvoiceError)
    }
    for call in _calls():
        for keyword in call.keywords:
            if (
                keyword.arg == "code"
                and isinstance(keyword.value, ast.Constant)
                and _name(call) in ERROR_CLASSES
            ):
                codes.add(keyword.value.value)
    assert codes <= set(m.ERRORS), codes - set(m.ERRORS)


def test_every_problem_code_has_kind_words() -> None:
    codes: set[str] = set()
    for call in _calls():
        if _name(call) == "Problem":
            code = _first_string(call, 1)
            if code:
                codes.add(code)
        if _name(call) == "problem":
            code = _first_string(call, 1)
            if code:
                codes.add(code)
    assert codes, "expected problems to be raised somewhere"
    assert codes <= set(m.PROBLEMS), codes - set(m.PROBLEMS)


ALL_TEXT = {
    **m.HELP,
    **m.MESSAGES,
    **m.ERRORS,
    **{f"problem.{k}": v for k, v in m.PROBLEMS.items()},
    **{f"trap_name.{k}": v for k, v in m.TRAP_NAMES.items()},
    **{f"trap_noticed.{k}": v for k, v in m.TRAP_NOTICED.items()},
}


def test_every_trap_and_component_has_warm_words() -> None:
    from kindvoice.domain.nlp.types import COMPONENTS, TRAPS

    assert set(m.TRAP_NAMES) == set(TRAPS)
    assert set(m.TRAP_NOTICED) == set(TRAPS)
    for component in COMPONENTS:
        assert m.say("component." + component)
    for trap in TRAPS:
        line = m.TRAP_NOTICED[trap].format(quote="")
        assert line.endswith((".", "?")), trap
        assert "{" not in line, trap


@pytest.mark.parametrize("key", sorted(ALL_TEXT))
def test_catalog_speaks_kindly(key: str) -> None:
    text = ALL_TEXT[key]
    assert "!" not in text, "no exclamation-mark cheerleading"
    assert not re.search(r"\b(just|invalid|illegal|fatal|failed to|you must|stupid)\b", text, re.I)
    assert not re.search(r"\byou should\b", text, re.I)


def test_user_facing_text_lives_in_the_catalog() -> None:
    """Command modules print only catalog text: no long English literals of their own."""
    for path in (SRC / "interfaces" / "cli").glob("*.py"):
        for call in (n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)):
            if _name(call) in {"note", "info", "prompt", "confirm", "kind_error", "echo"}:
                literal = _first_string(call)
                assert literal is None or len(literal.split()) < 3, (path.name, literal)


def test_explain_lists_each_problem_with_its_location() -> None:
    error = errors.ValidationError(
        [
            errors.Problem("entries[2].thought", "empty_text"),
            errors.Problem("checkins[0].mood", "out_of_range", {"value": 12, "top": 10}),
        ],
        code="import_invalid",
    )
    lines = m.explain(error)
    assert lines[0].startswith("That file didn't look quite right")
    assert "entries[2].thought: this is empty" in lines[1]
    assert "checkins[0].mood: 12 is outside 0 to 10" in lines[2]


def test_explain_shortens_very_long_problem_lists() -> None:
    problems = [errors.Problem(f"entries[{i}].thought", "empty_text") for i in range(50)]
    lines = m.explain(errors.ValidationError(problems, code="import_invalid"))
    assert len(lines) == 1 + m.MAX_PROBLEMS_SHOWN + 1
    assert "30 more" in lines[-1]
