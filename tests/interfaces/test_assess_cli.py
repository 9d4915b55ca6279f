"""`kindvoice assess` through the command line: the list, answering, own files, history."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.domain.instruments.engine import find_instrument
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli import assess_cmds, render

runner = CliRunner()
KEY_ONLY = "scoring key only — add the official wording in your own file to take it here"
# A clinician's copy of the SCS-SF key, with stand-in wording (the real statements
# belong to the scale's authors) and made-up norms: SE = 0.6·√0.3, S_diff = √2·SE ≈ 0.4648.
REVERSE = {1, 4, 8, 9, 11, 12}


def kv(*args: str, input: str | None = None) -> Any:
    return runner.invoke(cli_app.app, list(args), input=input, prog_name="kindvoice")


def ok(*args: str, input: str | None = None) -> Any:
    result = kv(*args, input=input)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"  # KINDVOICE_HOME, set for every test in conftest


@pytest.fixture
def wide() -> Iterator[None]:
    """A console wide enough that no table cell is folded."""
    before = render.out.width
    render.out.width = 400
    yield
    render.out.width = before


def scs_copy(*, wording: bool = True, norms: bool = True) -> str:
    """The shipped SCS-SF key, as a person's own file would hold it."""
    shipped = Path(assess_cmds.shipped_folder()) / "scs-sf.toml"
    text = shipped.read_text(encoding="utf-8")
    if wording:
        text = text.replace("wording_included = false", "wording_included = true")
        text = re.sub(
            r"number = (\d+)\n",
            lambda found: f'{found.group(0)}text = "Stand-in statement {found.group(1)}."\n',
            text,
        )
    if norms:
        text += '\n[norms]\nmean = 3.0\nsd = 0.6\nretest_r = 0.7\nsource = "Made up."\n'
    return text


def own_file(home: Path, name: str, text: str) -> Path:
    folder = home / "instruments"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def scs_answers(keyed: int, *, raise_items: int = 0) -> str:
    """Answers whose keyed value is ``keyed`` on every item (the first ``raise_items``
    non-reversed items one higher)."""
    values: list[int] = []
    raised = 0
    for number in range(1, 13):
        if number in REVERSE:
            values.append(6 - keyed)
        elif raised < raise_items:
            values.append(keyed + 1)
            raised += 1
        else:
            values.append(keyed)
    return ",".join(map(str, values))


# --- the list ------------------------------------------------------------------------


def test_the_list_says_which_can_be_taken_here(home: Path, wide: None) -> None:
    result = ok("assess")
    lines = result.stdout.splitlines()
    for instrument_id in ("scs-sf", "brs"):
        (row,) = [line for line in lines if f" {instrument_id} " in line]
        assert KEY_ONLY in row
    (row,) = [line for line in lines if " kindness-checkin " in line]
    assert m.say("assess.ready") in row
    assert m.say("assess.list_hint") in result.stdout
    how = m.say(
        "assess.how_to_add_wording",
        shipped=assess_cmds.shipped_folder(),
        folder=home / "instruments",
    )
    assert how in result.stdout
    assert "wording_included = false to true" in how
    assert "belong to its authors" in how


def test_the_list_as_json() -> None:
    listed = json.loads(ok("assess", "--json").stdout)
    by_id = {i["id"]: i for i in listed}
    assert list(by_id) == ["brs", "kindness-checkin", "scs-sf"]
    assert by_id["kindness-checkin"]["can_take"] is True
    assert by_id["scs-sf"]["can_take"] is False
    assert by_id["brs"]["wording_included"] is False
    assert by_id["scs-sf"]["items"] == 12
    assert by_id["kindness-checkin"]["subscales"] == [
        "self_kindness",
        "common_humanity",
        "mindfulness",
    ]
    assert {i["file"] for i in listed} == {None}


def test_own_files_join_the_list_and_a_broken_one_is_named(home: Path) -> None:
    path = own_file(home, "scs-copy.toml", scs_copy())
    broken = own_file(home, "mistake.toml", scs_copy().replace('\nscoring = "mean"', ""))
    listed = json.loads(ok("assess", "--json").stdout)
    by_id = {i["id"]: i for i in listed}
    assert list(by_id) == ["brs", "kindness-checkin", "scs-sf"]  # the copy replaces ours
    assert by_id["scs-sf"]["can_take"] is True
    assert by_id["scs-sf"]["has_norms"] is True
    assert by_id["scs-sf"]["file"] == str(path)
    shown = ok("assess").stdout
    assert m.say("assess.own_marker", name="").strip() in shown  # "(your file)"
    note = m.say(
        "assess.own_broken",
        source=broken.resolve(),
        field="scoring",
        reason=m.content_reason("missing"),
    )
    assert note in shown


def test_names_from_own_files_are_shown_as_written(
    home: Path, monkeypatch: pytest.MonkeyPatch, wide: None
) -> None:
    text = scs_copy().replace('id = "scs-sf"', 'id = "brackets"')
    text = re.sub(r'(?m)^name = ".*"$', 'name = "My [bold]own[/bold] scale"', text)
    text = text.replace("Stand-in statement 1.", "Is [red]this[/red] shown as written?")
    own_file(home, "brackets.toml", text)
    assert "My [bold]own[/bold] scale" in ok("assess").stdout
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    asked = ok("assess", "brackets", input="3\n" * 12).stdout
    assert "My [bold]own[/bold] scale" in asked
    assert "Is [red]this[/red] shown as written?" in asked
    assert "My [bold]own[/bold] scale" in ok("assess", "--history").stdout


# --- answering -----------------------------------------------------------------------


def test_answers_on_the_command_line_then_the_change_in_numbers_only() -> None:
    first = ok("assess", "kindness-checkin", "--answers", "3,4,2,5,1,3,4,2")
    assert m.say("assess.saved", name="Weekly kindness check-in") in first.stdout
    assert m.say("assess.score", score="3", low="1", high="5") in first.stdout
    assert "self-kindness: 2.67" in first.stdout
    assert "common humanity: 4.5" in first.stdout
    assert "mindfulness: 2.33" in first.stdout
    assert m.say("assess.first_time") in first.stdout

    second = ok("assess", "kindness_checkin", "--answers", "4, 4, 3, 2, 2, 3, 4, 4")
    assert m.say("assess.score", score="3.75", low="1", high="5") in second.stdout
    assert "your score was 3; now it's 3.75 (+0.75)." in second.stdout
    # No norms: the numbers only, no claim about them.
    assert "measurement error" not in second.stdout
    assert "Since your first time" not in second.stdout

    third = ok("assess", "kindness-checkin", "--answers", "3,4,2,5,1,3,4,2")
    assert "your score was 3.75; now it's 3 (-0.75)." in third.stdout
    assert ": 3 then, 3 now (the same)." in third.stdout
    assert "measurement error" not in third.stdout


def test_answers_as_json() -> None:
    ok("assess", "kindness-checkin", "--answers", "3,3,3,3,3,3,3,3")
    data = json.loads(
        ok("assess", "kindness-checkin", "--answers", "5,5,5,1,1,1,5,5", "--json").stdout
    )
    result = data["assessment"]
    assert result["id"] == 2
    assert result["instrument"] == "kindness-checkin"
    assert result["answers"] == {str(n): v for n, v in enumerate([5, 5, 5, 1, 1, 1, 5, 5], 1)}
    assert result["total"] == 5.0
    assert result["subscales"] == {"self_kindness": 5.0, "common_humanity": 5.0, "mindfulness": 5.0}
    change = data["change"]
    assert change["count"] == 2
    assert change["since_previous"]["difference"] == 2.0
    assert change["since_previous"]["reliable_change"] is None
    assert change["since_first"] == change["since_previous"]


@pytest.mark.parametrize(
    ("answers", "lines"),
    [
        ("3,4,2", ["Answers: there are 3 answers here, and this questionnaire has 8 statements"]),
        (
            "3,x,2,5,1,3,4,9",
            [
                "answers[2]: this should be a whole number from 1 to 5.",
                "answers[8]: 9 is outside 1 to 5.",
            ],
        ),
        ("0,4,2,5,1,3,4,2", ["answers[1]: 0 is outside 1 to 5."]),
    ],
)
def test_answers_it_cannot_use_keep_nothing(answers: str, lines: list[str]) -> None:
    result = kv("assess", "kindness-checkin", "--answers", answers)
    assert result.exit_code == 65
    for line in lines:
        assert line in result.stderr
    assert json.loads(ok("assess", "--history", "--json").stdout) == []


def test_asking_one_statement_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    # Enter alone and 7 are asked again; then the eight answers.
    typed = "\n7\nthree\n" + "\n".join(["3", "4", "2", "5", "1", "3", "4", "2"]) + "\n"
    result = ok("assess", "kindness-checkin", input=typed)
    out = result.stdout
    instrument = find_instrument("kindness-checkin")
    assert instrument is not None
    assert "not a clinical test" in out
    assert "about a minute" in out
    assert m.say("assess.how_to_stop") in out
    for item in instrument.items:
        assert m.say("assess.item", number=item.number, count=8, text=item.text) in out
    for value, label in enumerate(instrument.scale.labels or (), start=1):
        assert m.say("assess.choice", value=value, label=label) in out
    assert out.count(m.say("assess.ask_again", low=1, high=5)) == 3
    assert m.say("assess.score", score="3", low="1", high="5") in out
    (kept,) = json.loads(ok("assess", "--history", "--json").stdout)
    assert kept["answers"] == {str(n): v for n, v in enumerate([3, 4, 2, 5, 1, 3, 4, 2], 1)}


def test_stopping_part_way_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "is_interactive", lambda: True)
    result = kv("assess", "kindness-checkin", input="3\n4\n")  # input ends, like Ctrl-D
    assert result.exit_code == 130
    assert m.say("assess.stopped") in result.stdout
    assert json.loads(ok("assess", "--history", "--json").stdout) == []


def test_without_a_terminal_it_asks_for_answers() -> None:
    result = kv("assess", "kindness-checkin")
    assert result.exit_code == 1
    assert m.ERRORS["needs_terminal"].format(what="--answers") in result.stderr


# --- scales without their wording, and own files -------------------------------------


def test_a_key_without_wording_is_refused_kindly(home: Path) -> None:
    result = kv("assess", "scs-sf", "--answers", scs_answers(3))
    assert result.exit_code == 1
    error = m.ERRORS["instrument_without_wording"].format(
        name="Self-Compassion Scale – Short Form (SCS-SF)",
        id="scs-sf",
        source=Path(assess_cmds.shipped_folder()) / "scs-sf.toml",
        target=home / "instruments" / "scs-sf.toml",
    )
    assert error in result.stderr
    assert "belong to the scale's authors" in error
    assert json.loads(ok("assess", "--history", "--json").stdout) == []


def test_an_own_file_without_wording_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "key-only.toml"
    path.write_text(scs_copy(wording=False), encoding="utf-8")
    result = kv("assess", "--instrument", str(path), "--answers", scs_answers(3))
    assert result.exit_code == 1
    assert m.ERRORS["instrument_file_without_wording"].format(path=path) in result.stderr


def test_own_copy_with_wording_and_norms_says_how_big_a_change_is(home: Path) -> None:
    own_file(home, "scs-sf.toml", scs_copy())
    first = ok("assess", "scs-sf", "--answers", scs_answers(2))
    assert m.say("assess.score", score="2", low="1", high="5") in first.stdout
    assert "self-judgment: 2" in first.stdout
    assert "over-identification: 2" in first.stdout

    # 2 → 3: RC = 1 / (√2 · 0.6 · √0.3) = 2.15, more than measurement error.
    second = ok("assess", "scs-sf", "--answers", scs_answers(3))
    assert m.say("assess.rci_better", rc="+2.15") in second.stdout
    assert "more than measurement error" in second.stdout

    # 3 → 3.25: RC = 0.54, within measurement error; since the first: 2 → 3.25, RC = 2.69.
    third = ok("assess", "scs-sf", "--answers", scs_answers(3, raise_items=3))
    assert "your score was 3; now it's 3.25 (+0.25)." in third.stdout
    assert m.say("assess.rci_within", rc="+0.54") in third.stdout
    assert "within what measurement error alone could explain" in third.stdout
    assert ": 2 then, 3.25 now (+1.25)." in third.stdout
    assert m.say("assess.rci_better", rc="+2.69") in third.stdout

    # 3.25 → 2: RC = −2.69, in the harder direction, said gently.
    fourth = ok("assess", "scs-sf", "--answers", scs_answers(2))
    assert m.say("assess.rci_worse", rc="-2.69") in fourth.stdout

    data = json.loads(ok("assess", "scs-sf", "--answers", scs_answers(2), "--json").stdout)
    rci = data["change"]["since_previous"]["reliable_change"]
    assert rci["direction"] == "no_reliable_change"
    assert rci["rc"] == 0
    assert data["change"]["since_first"]["reliable_change"]["rc"] == 0


def test_instrument_file_with_wording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(scs_copy(norms=False), encoding="utf-8")
    result = ok("assess", "--instrument", str(path), "--answers", scs_answers(4))
    assert m.say("assess.score", score="4", low="1", high="5") in result.stdout
    # A relative path works too, and its history is the file's id.
    monkeypatch.chdir(tmp_path)
    ok("assess", "--instrument", "mine.toml", "--answers", scs_answers(3))
    listed = json.loads(ok("assess", "--history", "--instrument", "mine.toml", "--json").stdout)
    assert [(r["instrument"], r["total"]) for r in listed] == [("scs-sf", 3.0), ("scs-sf", 4.0)]


@pytest.mark.parametrize("relative", [False, True])
def test_a_broken_instrument_file_names_the_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(scs_copy().replace("reverse = true", "reverse = 1", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    given = "broken.toml" if relative else str(path)
    result = kv("assess", "--instrument", given, "--answers", scs_answers(3))
    assert result.exit_code == 65  # the person's own input, not our bug
    assert m.ERRORS["instrument_file_broken"] in result.stderr
    assert f"{path.resolve()}, at items[0].reverse: {m.content_reason('wrong_type')}." in (
        result.stderr
    )


def test_a_missing_instrument_file(tmp_path: Path) -> None:
    result = kv("assess", "--instrument", str(tmp_path / "nowhere.toml"))
    assert result.exit_code == 66
    assert m.ERRORS["instrument_file_missing"].format(path=tmp_path / "nowhere.toml") in (
        result.stderr
    )


def test_unknown_names_and_mixed_up_options() -> None:
    unknown = kv("assess", "kindnes", "--answers", "3")
    assert unknown.exit_code == 66
    assert "There's no questionnaire called “kindnes” here" in unknown.stderr
    assert "brs, kindness-checkin, scs-sf" in unknown.stderr
    both = kv("assess", "brs", "--instrument", "x.toml")
    assert both.exit_code == 1
    assert m.ERRORS["assess_two_instruments"] in both.stderr
    nameless = kv("assess", "--answers", "3,3")
    assert nameless.exit_code == 1
    assert m.ERRORS["assess_needs_instrument"] in nameless.stderr


# --- looking back --------------------------------------------------------------------


def test_history_table_and_json(home: Path) -> None:
    empty = ok("assess", "--history")
    assert m.say("assess.history_empty") in empty.stdout
    assert m.say("assess.history_empty_for", id="brs") in ok("assess", "--history", "brs").stdout
    own_file(home, "mine.toml", scs_copy().replace('id = "scs-sf"', 'id = "my-copy"'))
    ok("assess", "kindness-checkin", "--answers", "3,4,2,5,1,3,4,2")
    ok("assess", "my-copy", "--answers", scs_answers(2))
    ok("assess", "kindness-checkin", "--answers", "4,4,3,2,2,3,4,4")
    table = ok("assess", "--history").stdout
    assert table.index("3.75") < table.index("Self-Compassion") < table.index("2.67")
    assert "Weekly kindness" in table
    everything = json.loads(ok("assess", "--history", "--json").stdout)
    assert [(r["id"], r["instrument"]) for r in everything] == [
        (3, "kindness-checkin"),
        (2, "my-copy"),
        (1, "kindness-checkin"),
    ]
    assert set(everything[0]) == {
        "id",
        "uid",
        "instrument",
        "answers",
        "total",
        "subscales",
        "taken_at",
    }
    kindness = json.loads(ok("assess", "--history", "kindness-checkin", "--json").stdout)
    assert [r["total"] for r in kindness] == [3.75, 3.0]
    latest = json.loads(ok("assess", "--history", "-n", "1", "--json").stdout)
    assert [r["id"] for r in latest] == [3]
    # Results of an instrument whose file is gone still show, under its id.
    (home / "instruments" / "mine.toml").unlink()
    assert " my-copy " in ok("assess", "--history", "my-copy").stdout


def test_help_mentions_the_options() -> None:
    shown = ok("assess", "--help").stdout
    for option in ("--instrument", "--answers", "--history", "--json"):
        assert option in shown
