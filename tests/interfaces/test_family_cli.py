"""`kindvoice practice --family` and `--age`: children's practices by age, and parents' ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kindvoice.interfaces import messages as m

KINDVOICE = [sys.executable, "-m", "kindvoice"]
TEENS = ("teen-self-compassion-break", "teen-critic-check")
CHILDREN = ("balloon-breathing", "bubble-breathing", "worry-jar", "kind-friend-voice", *TEENS)
PARENT = ("parent-self-compassion-break", "after-a-hard-parenting-moment")


def run(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KINDVOICE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [*KINDVOICE, *args],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def own_child_practice(home: Path) -> None:
    folder = home / "practices"
    folder.mkdir(parents=True)
    (folder / "tiny-game.toml").write_text(
        'name = "Tiny game"\nkind = "guided"\naudience = "child"\nages = [5, 6]\n'
        'summary = "A tiny game."\ndescription = "A very short one."\n'
        'components = ["mindfulness"]\n'
        '[[steps]]\ntext = "You can stop any time. Wiggle your toes."\npause = 1\n',
        encoding="utf-8",
    )


def test_family_lists_every_childrens_practice_and_the_parents_track(home: Path) -> None:
    result = run(home, "practice", "--family")
    assert result.returncode == 0, result.stderr
    for practice_id in (*CHILDREN, *PARENT):
        assert practice_id in result.stdout
    assert "4–7" in result.stdout
    assert "13–17" in result.stdout
    assert m.say("practice.family_parent") in result.stdout
    # Grouped by age band: the youngest first, the parents last.
    out = result.stdout
    assert out.index("balloon-breathing") < out.index("worry-jar") < out.index(TEENS[0])
    assert out.index(TEENS[1]) < out.index(PARENT[0])


def test_family_for_age_six_leaves_out_the_teens(home: Path) -> None:
    result = run(home, "practice", "--family", "--age", "6")
    assert result.returncode == 0, result.stderr
    assert "balloon-breathing" in result.stdout
    assert "worry-jar" in result.stdout
    for practice_id in TEENS:
        assert practice_id not in result.stdout
    assert PARENT[0] in result.stdout


def test_age_alone_means_family(home: Path) -> None:
    result = run(home, "practice", "--age", "14")
    assert result.returncode == 0, result.stderr
    assert all(practice_id in result.stdout for practice_id in TEENS)
    assert "balloon-breathing" not in result.stdout


def test_an_age_outside_the_bands_is_refused(home: Path) -> None:
    assert run(home, "practice", "--age", "30").returncode != 0
    assert run(home, "practice", "--age", "2").returncode != 0


def test_the_adult_list_leaves_out_family_practices(home: Path) -> None:
    own_child_practice(home)
    result = run(home, "practice", "--list")
    assert result.returncode == 0, result.stderr
    assert "self-compassion-break" in result.stdout
    for practice_id in (*CHILDREN, *PARENT, "tiny-game"):
        assert practice_id not in result.stdout


def test_a_childs_practice_runs_in_the_plain_mode(home: Path) -> None:
    own_child_practice(home)
    listed = run(home, "practice", "--family", "--age", "5")
    assert "tiny-game" in listed.stdout
    assert "tiny-game" not in run(home, "practice", "--age", "7").stdout
    result = run(home, "practice", "tiny-game", "--no-rate")
    assert result.returncode == 0, result.stderr
    assert "Wiggle your toes." in result.stdout
    assert "That's the end of the practice." in result.stdout
    exported = json.loads(run(home, "export", "--to", "-").stdout)
    (record,) = exported["practice_runs"]
    assert record["practice"] == "tiny-game"
    assert record["completed"] is True
