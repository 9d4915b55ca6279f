"""Questionnaires read from TOML, scored, and compared over time.

An instrument is data: its items (numbered 1 to N, each maybe reverse-keyed and
maybe part of a subscale), its response scale, how the total and the subscales
are worked out (mean or sum), and optionally the norms of a reference sample
(mean, SD, test–retest r) that say how big a change has to be before it is more
than measurement error.

Published scales ship as scoring keys without their item wording, which is not
ours to ship (``wording_included = false`` and no ``text`` on any item). A
person or their clinician can write a file of the same shape with the wording
filled in, and norms if they have them, and load it with
``load_instrument_file``. kindvoice's own check-in ships whole.

Files are checked strictly, like the practices: a mistake raises
``CatalogError`` naming the file and the field (``items[3].reverse``,
``norms.sd``), and the test suite reads every shipped file.

Scoring follows the usual rules: a reverse-keyed answer counts as
``low + high − answer``, and the total (and each subscale) is the mean or the sum
of the keyed answers. Reliable change follows Jacobson & Truax (1991):
SE = SD·√(1 − r), S_diff = √(2·SE²), RC = (x₂ − x₁) / S_diff, and a change is
reliable when |RC| > 1.96.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from kindvoice.domain.practices.catalog import PATTERN_ID, CatalogError, folded_text, only_known

Scoring = Literal["mean", "sum"]
SCORINGS: tuple[Scoring, ...] = ("mean", "sum")
Direction = Literal["better", "worse", "no_reliable_change"]

INSTRUMENTS_PACKAGE = "kindvoice.domain.instruments"
INSTRUMENTS_FOLDER = "content"
# How the shipped files are named in errors, so they can't be mistaken for a practice's.
INSTRUMENTS_SOURCE = "instruments/content"

MAX_ID_LENGTH = 60
# Subscale names are lower-case words joined by underscores: ``self_kindness``.
SUBSCALE_NAME = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
MAX_NAME_LENGTH = 80
MAX_DESCRIPTION_LENGTH = 1200
MAX_CITATION_LENGTH = 400
MAX_ITEM_TEXT_LENGTH = 400
MAX_LABEL_LENGTH = 40
MAX_NORMS_SOURCE_LENGTH = 400
MAX_ITEMS = 200
MAX_POINTS = 101  # 0–100 is the widest scale a file may use
# |RC| above this is a change unlikely (p < .05, two-sided) to be measurement error alone.
RELIABLE_Z = 1.96

INSTRUMENT_KEYS = frozenset(
    {
        "id",
        "name",
        "description",
        "citation",
        "validated",
        "wording_included",
        "higher_is_better",
        "scoring",
        "subscales",
        "subscale_scoring",
        "scale",
        "norms",
        "items",
    }
)
SCALE_KEYS = frozenset({"low", "high", "labels"})
NORMS_KEYS = frozenset({"mean", "sd", "retest_r", "source"})
ITEM_KEYS = frozenset({"number", "text", "reverse", "subscale"})

# Reasons a file can fail with, besides catalog.CATALOG_REASONS ("not_toml",
# "missing", "unknown_field", "wrong_type", "empty", "too_long", "bad_id", "unreadable").
INSTRUMENT_REASONS: tuple[str, ...] = (
    "unknown_scoring",  # scoring or subscale_scoring other than "mean" or "sum"
    "bad_name",  # a subscale name that isn't lower_case_words
    "duplicate",  # a subscale declared twice
    "without_subscales",  # subscale_scoring with no subscales to score
    "empty_subscale",  # a declared subscale no item belongs to
    "unknown_subscale",  # an item in a subscale that isn't declared
    "low_not_below_high",
    "too_many_points",
    "label_count",  # labels given, but not one per point of the scale
    "no_items",
    "too_many_items",
    "not_consecutive",  # items must be numbered 1, 2, 3 … in order
    "text_without_wording",  # item text in a file that says wording_included = false
    "not_finite",
    "not_positive",  # norms.sd
    "out_of_range",  # norms.retest_r outside 0 ≤ r < 1, norms.mean outside the scores possible
    "id_mismatch",  # a shipped file whose id isn't its file name
)


@dataclass(frozen=True)
class Item:
    """One statement of a questionnaire. ``text`` is None when the wording isn't shipped."""

    number: int
    text: str | None
    reverse: bool
    subscale: str | None


@dataclass(frozen=True)
class Scale:
    """The whole-number answers from ``low`` to ``high``; ``labels`` names each point, or None."""

    low: int
    high: int
    labels: tuple[str, ...] | None = None

    @property
    def points(self) -> int:
        return self.high - self.low + 1

    def label(self, answer: int) -> str | None:
        """The label of one answer on this scale, or None when the points aren't labelled."""
        if self.labels is None or not self.low <= answer <= self.high:
            return None
        return self.labels[answer - self.low]


@dataclass(frozen=True)
class Norms:
    """A reference sample's mean and SD of the total, and the total's test–retest r."""

    mean: float
    sd: float
    retest_r: float
    source: str


@dataclass(frozen=True)
class Instrument:
    """A questionnaire as data: items, scale, scoring key and, optionally, norms."""

    id: str
    name: str
    description: str
    items: tuple[Item, ...]
    scale: Scale
    scoring: Scoring
    subscales: tuple[str, ...]
    subscale_scoring: Scoring
    norms: Norms | None
    validated: bool
    citation: str
    wording_included: bool
    higher_is_better: bool

    @property
    def reverse_items(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items if item.reverse)

    def subscale_items(self, subscale: str) -> tuple[int, ...]:
        return tuple(item.number for item in self.items if item.subscale == subscale)

    @property
    def total_range(self) -> tuple[float, float]:
        """The lowest and highest total anyone can score."""
        return _score_range(self.scale, len(self.items), self.scoring)


@dataclass(frozen=True)
class Score:
    """A scored set of answers: the total, each subscale's score, how many items were answered."""

    total: float
    subscales: dict[str, float]
    answered: int


@dataclass(frozen=True)
class ReliableChange:
    """A change between two scores measured against the instrument's measurement error.

    ``rc`` is the change in units of ``s_diff``, the standard error of a
    difference; ``se`` is the standard error of measurement of one score.
    """

    rc: float
    se: float
    s_diff: float
    reliable: bool
    direction: Direction


class AnswerError(ValueError):
    """An answer that can't be scored: a reason code and the item number.

    Reasons: ``missing`` (an item without an answer), ``unknown_item`` (an
    answer to an item the instrument doesn't have; ``item`` is None when the key
    isn't even a number, and ``detail`` shows it), ``not_whole`` (an answer that
    isn't a whole number) and ``out_of_range`` (outside the scale).
    """

    def __init__(self, reason: str, item: int | None, detail: str = "") -> None:
        self.reason = reason
        self.item = item
        self.detail = detail
        message = f"item {item if item is not None else '?'}: {reason}"
        super().__init__(f"{message} ({detail})" if detail else message)


ANSWER_REASONS: tuple[str, ...] = ("missing", "unknown_item", "not_whole", "out_of_range")


def parse_instrument(text: str, source: str) -> Instrument:
    """The instrument in ``text`` (TOML read from ``source``), checked.

    Raises CatalogError at the first mistake, naming ``source`` and the field.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(source, "", "not_toml", str(error)) from error
    only_known(data, INSTRUMENT_KEYS, "", source)
    instrument_id = folded_text(data, "id", MAX_ID_LENGTH, "", source)
    if not PATTERN_ID.fullmatch(instrument_id):
        raise CatalogError(source, "id", "bad_id", instrument_id)
    name = folded_text(data, "name", MAX_NAME_LENGTH, "", source)
    description = folded_text(data, "description", MAX_DESCRIPTION_LENGTH, "", source)
    validated = _flag(data, "validated", "", source)
    wording = _flag(data, "wording_included", "", source)
    higher_is_better = _flag(data, "higher_is_better", "", source)
    # A published scale names where it comes from; a person's own questions needn't.
    citation = (
        folded_text(data, "citation", MAX_CITATION_LENGTH, "", source)
        if validated or "citation" in data
        else ""
    )
    scoring = _scoring(data, "scoring", source)
    subscales = _subscales(data.get("subscales"), source)
    if "subscale_scoring" in data and not subscales:
        raise CatalogError(source, "subscale_scoring", "without_subscales")
    subscale_scoring = _scoring(data, "subscale_scoring", source) if subscales else scoring
    scale = _scale(data.get("scale"), source)
    items = _items(data.get("items"), subscales, wording, source)
    for index, subscale in enumerate(subscales):
        if not any(item.subscale == subscale for item in items):
            raise CatalogError(source, f"subscales[{index}]", "empty_subscale", subscale)
    total_range = _score_range(scale, len(items), scoring)
    norms = _norms(data.get("norms"), total_range, source) if "norms" in data else None
    return Instrument(
        id=instrument_id,
        name=name,
        description=description,
        items=items,
        scale=scale,
        scoring=scoring,
        subscales=subscales,
        subscale_scoring=subscale_scoring,
        norms=norms,
        validated=validated,
        citation=citation,
        wording_included=wording,
        higher_is_better=higher_is_better,
    )


def load_instrument_file(path: Path) -> Instrument:
    """A person's own instrument file (for instance a shipped key with the wording filled in).

    A file that can't be read as UTF-8 text, or has a mistake in it, raises
    CatalogError naming the file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogError(str(path), "", "unreadable", type(error).__name__) from error
    return parse_instrument(text, str(path))


@cache
def load_shipped() -> tuple[Instrument, ...]:
    """Every shipped instrument, in the order of their file names (which are their ids)."""
    folder = files(INSTRUMENTS_PACKAGE).joinpath(INSTRUMENTS_FOLDER)
    found: list[Instrument] = []
    for resource in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not resource.name.endswith(".toml"):
            continue
        source = f"{INSTRUMENTS_SOURCE}/{resource.name}"
        instrument = parse_instrument(resource.read_text(encoding="utf-8"), source)
        if instrument.id != resource.name.removesuffix(".toml"):
            raise CatalogError(source, "id", "id_mismatch", instrument.id)
        found.append(instrument)
    return tuple(found)


def instrument_ids() -> tuple[str, ...]:
    return tuple(instrument.id for instrument in load_shipped())


def find_instrument(instrument_id: str, own: Iterable[Instrument] = ()) -> Instrument | None:
    """The instrument with this id (any case; spaces or underscores as dashes), or None.

    A person's ``own`` instruments are looked at first, so their copy of a
    shipped key (with the wording filled in, or norms added) is the one used.
    """
    wanted = "-".join(instrument_id.strip().lower().replace("_", " ").split())
    return next((i for i in (*own, *load_shipped()) if i.id == wanted), None)


def score(instrument: Instrument, answers: Mapping[int, int]) -> Score:
    """The total and subscale scores of a complete set of ``answers`` (item number → answer).

    Every item needs a whole-number answer on the instrument's scale, and no
    other keys may be present; otherwise AnswerError says which item and why.
    """
    numbers = {item.number for item in instrument.items}
    for key in answers:
        if not _is_int(key):
            raise AnswerError("unknown_item", None, repr(key))
        if key not in numbers:
            raise AnswerError("unknown_item", key)
    low, high = instrument.scale.low, instrument.scale.high
    keyed: dict[int, int] = {}
    for item in instrument.items:
        if item.number not in answers:
            raise AnswerError("missing", item.number)
        answer = answers[item.number]
        if not _is_int(answer):
            raise AnswerError("not_whole", item.number, repr(answer))
        if not low <= answer <= high:
            raise AnswerError("out_of_range", item.number, f"{answer} not in {low}–{high}")
        keyed[item.number] = low + high - answer if item.reverse else answer
    total = _combine(keyed.values(), instrument.scoring)
    subscales = {
        name: _combine(
            (keyed[number] for number in instrument.subscale_items(name)),
            instrument.subscale_scoring,
        )
        for name in instrument.subscales
    }
    return Score(total=total, subscales=subscales, answered=len(keyed))


def reliable_change(
    first: float,
    second: float,
    sd: float,
    retest_r: float,
    *,
    higher_is_better: bool = True,
) -> ReliableChange:
    """Jacobson & Truax's (1991) reliable change index for a move from ``first`` to ``second``.

    ``sd`` is the SD of a reference sample and ``retest_r`` the test–retest
    reliability. A change is reliable when |RC| > 1.96; its direction is
    "better" or "worse" by ``higher_is_better``, and "no_reliable_change"
    otherwise. Raises ValueError for scores that aren't finite, an SD that
    isn't positive, or r outside 0 ≤ r < 1.
    """
    for name, value in (("first", first), ("second", second), ("sd", sd), ("retest_r", retest_r)):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, not {value!r}")
    if sd <= 0:
        raise ValueError(f"sd must be above 0, not {sd!r}")
    if not 0 <= retest_r < 1:
        raise ValueError(f"retest_r must be at least 0 and below 1, not {retest_r!r}")
    se = sd * math.sqrt(1 - retest_r)
    s_diff = math.sqrt(2 * se * se)
    rc = (second - first) / s_diff
    reliable = abs(rc) > RELIABLE_Z
    direction: Direction = "no_reliable_change"
    if reliable:
        direction = "better" if (rc > 0) == higher_is_better else "worse"
    return ReliableChange(rc=rc, se=se, s_diff=s_diff, reliable=reliable, direction=direction)


def instrument_change(instrument: Instrument, first: float, second: float) -> ReliableChange | None:
    """The reliable change between two totals of ``instrument``, or None without norms."""
    if instrument.norms is None:
        return None
    return reliable_change(
        first,
        second,
        instrument.norms.sd,
        instrument.norms.retest_r,
        higher_is_better=instrument.higher_is_better,
    )


def _combine(values: Iterable[int], how: Scoring) -> float:
    kept = list(values)
    total = math.fsum(kept)
    return total / len(kept) if how == "mean" else total


def _score_range(scale: Scale, count: int, how: Scoring) -> tuple[float, float]:
    if how == "mean":
        return float(scale.low), float(scale.high)
    return float(scale.low * count), float(scale.high * count)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _subscales(raw: object, source: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise CatalogError(source, "subscales", "wrong_type")
    seen: list[str] = []
    for index, name in enumerate(raw):
        if len(name) > MAX_ID_LENGTH or not SUBSCALE_NAME.fullmatch(name):
            raise CatalogError(source, f"subscales[{index}]", "bad_name", name)
        if name in seen:
            raise CatalogError(source, f"subscales[{index}]", "duplicate", name)
        seen.append(name)
    return tuple(seen)


def _scale(raw: object, source: str) -> Scale:
    if raw is None:
        raise CatalogError(source, "scale", "missing")
    if not isinstance(raw, dict):
        raise CatalogError(source, "scale", "wrong_type")
    only_known(raw, SCALE_KEYS, "scale", source)
    low = _whole(raw, "low", "scale", source)
    high = _whole(raw, "high", "scale", source)
    if low >= high:
        raise CatalogError(source, "scale.high", "low_not_below_high", f"{low}–{high}")
    points = high - low + 1
    if points > MAX_POINTS:
        raise CatalogError(source, "scale.high", "too_many_points", str(points))
    labels_raw = raw.get("labels")
    if labels_raw is None:
        return Scale(low, high, None)
    if not isinstance(labels_raw, list):
        raise CatalogError(source, "scale.labels", "wrong_type")
    if len(labels_raw) != points:
        raise CatalogError(
            source, "scale.labels", "label_count", f"{len(labels_raw)} labels for {points} points"
        )
    labels = tuple(
        _label(label, f"scale.labels[{index}]", source) for index, label in enumerate(labels_raw)
    )
    return Scale(low, high, labels)


def _label(raw: object, field: str, source: str) -> str:
    if not isinstance(raw, str):
        raise CatalogError(source, field, "wrong_type")
    tidy = " ".join(raw.split())
    if not tidy:
        raise CatalogError(source, field, "empty")
    if len(tidy) > MAX_LABEL_LENGTH:
        raise CatalogError(source, field, "too_long", str(len(tidy)))
    return tidy


def _items(raw: object, subscales: tuple[str, ...], wording: bool, source: str) -> tuple[Item, ...]:
    if raw is None:
        raise CatalogError(source, "items", "missing")
    if not isinstance(raw, list):
        raise CatalogError(source, "items", "wrong_type")
    if not raw:
        raise CatalogError(source, "items", "no_items")
    if len(raw) > MAX_ITEMS:
        raise CatalogError(source, "items", "too_many_items", str(len(raw)))
    return tuple(_item(entry, index, subscales, wording, source) for index, entry in enumerate(raw))


def _item(raw: object, index: int, subscales: tuple[str, ...], wording: bool, source: str) -> Item:
    where = f"items[{index}]"
    if not isinstance(raw, dict):
        raise CatalogError(source, where, "wrong_type")
    only_known(raw, ITEM_KEYS, where, source)
    number = _whole(raw, "number", where, source)
    if number != index + 1:
        raise CatalogError(
            source, f"{where}.number", "not_consecutive", f"expected {index + 1}, found {number}"
        )
    reverse = _flag(raw, "reverse", where, source)
    subscale = raw.get("subscale")
    if subscale is not None:
        if not isinstance(subscale, str):
            raise CatalogError(source, f"{where}.subscale", "wrong_type")
        if subscale not in subscales:
            raise CatalogError(source, f"{where}.subscale", "unknown_subscale", subscale)
    text: str | None = None
    if wording:
        text = folded_text(raw, "text", MAX_ITEM_TEXT_LENGTH, where, source)
    elif "text" in raw:
        raise CatalogError(source, f"{where}.text", "text_without_wording")
    return Item(number=number, text=text, reverse=reverse, subscale=subscale)


def _norms(raw: object, total_range: tuple[float, float], source: str) -> Norms:
    if not isinstance(raw, dict):
        raise CatalogError(source, "norms", "wrong_type")
    only_known(raw, NORMS_KEYS, "norms", source)
    mean = _number(raw, "mean", "norms", source)
    sd = _number(raw, "sd", "norms", source)
    retest_r = _number(raw, "retest_r", "norms", source)
    norms_source = folded_text(raw, "source", MAX_NORMS_SOURCE_LENGTH, "norms", source)
    low, high = total_range
    if not low <= mean <= high:
        raise CatalogError(
            source, "norms.mean", "out_of_range", f"{mean:g} not in {low:g}–{high:g}"
        )
    if sd <= 0:
        raise CatalogError(source, "norms.sd", "not_positive", f"{sd:g}")
    if not 0 <= retest_r < 1:
        raise CatalogError(source, "norms.retest_r", "out_of_range", f"{retest_r:g}")
    return Norms(mean=mean, sd=sd, retest_r=retest_r, source=norms_source)


def _scoring(table: dict[str, Any], key: str, source: str) -> Scoring:
    value = table.get(key)
    if value is None:
        raise CatalogError(source, key, "missing")
    if not isinstance(value, str):
        raise CatalogError(source, key, "wrong_type")
    for choice in SCORINGS:
        if value == choice:
            return choice
    raise CatalogError(source, key, "unknown_scoring", value)


def _flag(table: dict[str, Any], key: str, where: str, source: str) -> bool:
    field = f"{where}.{key}" if where else key
    value = table.get(key)
    if value is None:
        raise CatalogError(source, field, "missing")
    if not isinstance(value, bool):
        raise CatalogError(source, field, "wrong_type")
    return value


def _whole(table: dict[str, Any], key: str, where: str, source: str) -> int:
    field = f"{where}.{key}"
    value = table.get(key)
    if value is None:
        raise CatalogError(source, field, "missing")
    if not _is_int(value):
        raise CatalogError(source, field, "wrong_type")
    number: int = value
    return number


def _number(table: dict[str, Any], key: str, where: str, source: str) -> float:
    field = f"{where}.{key}"
    value = table.get(key)
    if value is None:
        raise CatalogError(source, field, "missing")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CatalogError(source, field, "wrong_type")
    if not math.isfinite(value):
        raise CatalogError(source, field, "not_finite")
    return float(value)
