"""Working with an entry: the stored analysis, trap feedback and reframes.

Pure functions: turning the engine's ``Analysis`` into the summary kept with an
entry, checking what a person (or an import file) gives, and converting all of
it to and from plain dicts for storage and the export document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.nlp.types import (
    COMPONENTS,
    CRISIS_LEVELS,
    TRAPS,
    Analysis,
    Component,
    CrisisLevel,
    TrapScore,
)
from kindvoice.domain.records import (
    ORIGINS,
    VERDICTS,
    CriticSpan,
    Reflection,
    ReframeOrigin,
    SavedReframe,
    StoredAnalysis,
    TrapFeedback,
    TrapVerdict,
)
from kindvoice.domain.validation import (
    check_belief,
    check_text,
    read_moment,
    read_uid,
)

# Probabilities are kept to four decimals: plenty for people and for recomputing
# nothing, and it keeps exports readable.
SCORE_DIGITS = 4
MAX_MODEL_VERSION_CHARS = 80
MAX_CUE_CHARS = 200


def summarize(analysis: Analysis, created_at: datetime) -> StoredAnalysis:
    """The part of an analysis kept with an entry (entry-level figures, no sentences)."""
    size = len(analysis.text)
    spans = tuple(
        CriticSpan(s.start, s.end, s.sentence)
        for s in analysis.critic_spans
        if 0 <= s.start < s.end <= size
    )
    return StoredAnalysis(
        model_version=analysis.model_version,
        crisis_level=analysis.crisis.level,
        crisis_cue=analysis.crisis.cue[:MAX_CUE_CHARS],
        critic_probability=round(float(analysis.critic_probability), SCORE_DIGITS),
        is_self_critical=bool(analysis.is_self_critical),
        traps=tuple(
            TrapScore(t.trap, round(float(t.probability), SCORE_DIGITS)) for t in analysis.traps
        ),
        critic_spans=spans,
        created_at=created_at,
    )


# --- plain dicts -----------------------------------------------------------------


def traps_to_plain(traps: Sequence[TrapScore]) -> dict[str, float]:
    return {t.trap: t.probability for t in traps}


def traps_from_plain(data: Mapping[str, float]) -> tuple[TrapScore, ...]:
    return tuple(TrapScore(name, float(value)) for name, value in data.items())


def spans_to_plain(spans: Sequence[CriticSpan]) -> list[dict[str, int]]:
    return [{"start": s.start, "end": s.end, "sentence": s.sentence} for s in spans]


def spans_from_plain(data: Sequence[Mapping[str, int]]) -> tuple[CriticSpan, ...]:
    return tuple(CriticSpan(int(s["start"]), int(s["end"]), int(s["sentence"])) for s in data)


def analysis_to_dict(analysis: StoredAnalysis, thought: str) -> dict[str, Any]:
    """The export's form of an analysis. Each span also carries its words, for readers;
    they come from the thought, so import reads only the positions."""
    return {
        "model_version": analysis.model_version,
        "created_at": analysis.created_at.isoformat(),
        "crisis_level": analysis.crisis_level,
        "crisis_cue": analysis.crisis_cue,
        "critic_probability": analysis.critic_probability,
        "is_self_critical": analysis.is_self_critical,
        "critic_spans": [
            {**plain, "text": thought[plain["start"] : plain["end"]]}
            for plain in spans_to_plain(analysis.critic_spans)
        ],
        "traps": traps_to_plain(analysis.traps),
    }


def feedback_to_dict(item: TrapFeedback) -> dict[str, Any]:
    return {"trap": item.trap, "verdict": item.verdict, "created_at": item.created_at.isoformat()}


def reframe_to_dict(item: SavedReframe) -> dict[str, Any]:
    return {
        "id": item.uid,
        "text": item.text,
        "origin": item.origin,
        "component": item.component,
        "trap": item.trap,
        "belief_before": item.belief_before,
        "belief_after": item.belief_after,
        "created_at": item.created_at.isoformat(),
    }


def reflection_to_dict(reflection: Reflection, thought: str) -> dict[str, Any]:
    """The three keys an entry carries in export format version 2."""
    return {
        "analysis": None
        if reflection.analysis is None
        else analysis_to_dict(reflection.analysis, thought),
        "trap_feedback": [feedback_to_dict(f) for f in reflection.trap_feedback],
        "reframes": [reframe_to_dict(r) for r in reflection.reframes],
    }


# --- checks ------------------------------------------------------------------------


def check_choice(
    value: object,
    choices: Sequence[str],
    location: str,
    problems: list[Problem],
    *,
    required: bool = True,
    code: str = "not_one_of",
) -> str | None:
    """One of ``choices`` (or None, when not required and not given)."""
    if value is None:
        if required:
            problems.append(Problem(location, "missing"))
        return None
    if not isinstance(value, str) or value not in choices:
        shown = str(value)[:40]
        problems.append(Problem(location, code, {"value": shown, "choices": ", ".join(choices)}))
        return None
    return value


def check_trap(
    value: object, location: str, problems: list[Problem], *, required: bool = True
) -> str | None:
    """The name of one of our thinking traps (see ``nlp.types.TRAPS``)."""
    return check_choice(value, TRAPS, location, problems, required=required, code="unknown_trap")


def make_reframe_parts(
    text: str,
    origin: str,
    component: str | None,
    trap: str | None,
    belief_before: object,
    belief_after: object,
) -> tuple[str, ReframeOrigin, Component | None, str | None, int | None, int | None]:
    """Check a reframe a person keeps; raises ValidationError listing every problem."""
    problems: list[Problem] = []
    parts = _reframe_parts(
        {
            "text": text,
            "origin": origin,
            "component": component,
            "trap": trap,
            "belief_before": belief_before,
            "belief_after": belief_after,
        },
        "",
        problems,
    )
    if problems:
        raise ValidationError(problems)
    return parts


def check_feedback(trap: str, verdict: str) -> tuple[str, TrapVerdict]:
    """Check one piece of trap feedback; raises ValidationError."""
    problems: list[Problem] = []
    checked_trap = check_trap(trap, "trap", problems)
    checked_verdict = check_choice(verdict, VERDICTS, "verdict", problems)
    if problems or checked_trap is None or checked_verdict is None:
        raise ValidationError(problems)
    return checked_trap, cast(TrapVerdict, checked_verdict)


def _at(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _reframe_parts(
    obj: Mapping[str, Any], location: str, problems: list[Problem]
) -> tuple[str, ReframeOrigin, Component | None, str | None, int | None, int | None]:
    text_where = _at(location, "text") if location else "reframe"
    if "text" in obj:
        text = check_text(obj["text"], text_where, problems, required=True)
    else:
        problems.append(Problem(text_where, "missing"))
        text = ""
    origin = check_choice(obj.get("origin"), ORIGINS, _at(location, "origin"), problems)
    component = check_choice(
        obj.get("component"), COMPONENTS, _at(location, "component"), problems, required=False
    )
    trap = check_trap(obj.get("trap"), _at(location, "trap"), problems, required=False)
    before = check_belief(obj.get("belief_before"), _at(location, "belief_before"), problems)
    after = check_belief(obj.get("belief_after"), _at(location, "belief_after"), problems)
    return (
        text,
        cast(ReframeOrigin, origin or "own"),
        cast(Component | None, component),
        trap,
        before,
        after,
    )


# --- reading an export's entry ----------------------------------------------------


class ReflectionReader:
    """Reads the version-2 keys of one exported entry, collecting problems with locations."""

    def __init__(self, problems: list[Problem], now: datetime) -> None:
        self.problems = problems
        self.now = now
        self.reframe_ids: set[str] = set()

    def problem(self, location: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(location, code, params))

    def _list(self, obj: Mapping[str, Any], key: str, location: str) -> list[Any]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"{location}.{key}", "not_a_list")
            return []
        return value

    def _object(self, value: object, location: str) -> Mapping[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(location, "not_an_object")
            return None
        return value

    def _moment(self, obj: Mapping[str, Any], location: str) -> datetime:
        where = f"{location}.created_at"
        if "created_at" not in obj:
            self.problem(where, "missing")
            return self.now
        return read_moment(obj["created_at"], where, self.problems, now=self.now) or self.now

    def _probability(self, value: object, location: str) -> float:
        if value is None:
            self.problem(location, "missing")
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.problem(location, "not_a_probability")
            return 0.0
        return float(value)

    def read(self, obj: Mapping[str, Any], location: str, thought: str) -> Reflection:
        raw_analysis = obj.get("analysis")
        analysis = (
            None
            if raw_analysis is None
            else self.analysis(raw_analysis, f"{location}.analysis", thought)
        )
        feedback: list[TrapFeedback] = []
        traps_seen: set[str] = set()
        for index, item in enumerate(self._list(obj, "trap_feedback", location)):
            found = self.feedback(item, f"{location}.trap_feedback[{index}]", traps_seen)
            if found is not None:
                feedback.append(found)
        reframes = [
            self.reframe(item, f"{location}.reframes[{index}]")
            for index, item in enumerate(self._list(obj, "reframes", location))
        ]
        return Reflection(
            analysis=analysis,
            trap_feedback=tuple(feedback),
            reframes=tuple(r for r in reframes if r is not None),
        )

    def analysis(self, value: object, location: str, thought: str) -> StoredAnalysis | None:
        obj = self._object(value, location)
        if obj is None:
            return None
        version = obj.get("model_version")
        if version is None:
            self.problem(f"{location}.model_version", "missing")
            version = ""
        elif (
            not isinstance(version, str) or not 0 < len(version.strip()) <= MAX_MODEL_VERSION_CHARS
        ):
            self.problem(f"{location}.model_version", "not_a_version")
            version = ""
        level = check_choice(
            obj.get("crisis_level"), CRISIS_LEVELS, f"{location}.crisis_level", self.problems
        )
        cue = check_text(
            obj.get("crisis_cue", ""),
            f"{location}.crisis_cue",
            self.problems,
            max_chars=MAX_CUE_CHARS,
        )
        critical = obj.get("is_self_critical")
        if critical is None:
            self.problem(f"{location}.is_self_critical", "missing")
            critical = False
        elif not isinstance(critical, bool):
            self.problem(f"{location}.is_self_critical", "not_true_false")
            critical = False
        return StoredAnalysis(
            model_version=version,
            crisis_level=cast(CrisisLevel, level or "none"),
            crisis_cue=cue,
            critic_probability=self._probability(
                obj.get("critic_probability"), f"{location}.critic_probability"
            ),
            is_self_critical=critical,
            traps=self._traps(obj.get("traps", {}), f"{location}.traps"),
            critic_spans=self._spans(
                obj.get("critic_spans", []), f"{location}.critic_spans", thought
            ),
            created_at=self._moment(obj, location),
        )

    def _traps(self, value: object, location: str) -> tuple[TrapScore, ...]:
        obj = self._object(value, location)
        if obj is None:
            return ()
        scores: list[TrapScore] = []
        for name, probability in obj.items():
            where = f"{location}.{name}"
            if check_trap(name, where, self.problems) is not None:
                scores.append(TrapScore(name, self._probability(probability, where)))
        return tuple(scores)

    def _spans(self, value: object, location: str, thought: str) -> tuple[CriticSpan, ...]:
        if not isinstance(value, list):
            self.problem(location, "not_a_list")
            return ()
        spans: list[CriticSpan] = []
        for index, item in enumerate(value):
            where = f"{location}[{index}]"
            obj = self._object(item, where)
            if obj is None:
                continue
            start, end, sentence = (obj.get(k) for k in ("start", "end", "sentence"))
            numbers = (start, end, sentence)
            if any(isinstance(n, bool) or not isinstance(n, int) for n in numbers):
                self.problem(where, "bad_span", length=len(thought))
                continue
            assert isinstance(start, int)
            assert isinstance(end, int)
            assert isinstance(sentence, int)
            # (With no usable thought, its own problem is reported; the range can't be checked.)
            limit = len(thought) if thought else end
            if not 0 <= start < end <= limit or sentence < 0:
                self.problem(where, "bad_span", length=len(thought))
                continue
            spans.append(CriticSpan(start, end, sentence))
        return tuple(spans)

    def feedback(self, value: object, location: str, seen: set[str]) -> TrapFeedback | None:
        obj = self._object(value, location)
        if obj is None:
            return None
        trap = check_trap(obj.get("trap"), f"{location}.trap", self.problems)
        verdict = check_choice(obj.get("verdict"), VERDICTS, f"{location}.verdict", self.problems)
        created = self._moment(obj, location)
        if trap is not None:
            if trap in seen:
                self.problem(f"{location}.trap", "repeated_trap", trap=trap)
            seen.add(trap)
        if trap is None or verdict is None:
            return None
        return TrapFeedback(trap=trap, verdict=cast(TrapVerdict, verdict), created_at=created)

    def reframe(self, value: object, location: str) -> SavedReframe | None:
        obj = self._object(value, location)
        if obj is None:
            return None
        if "id" in obj:
            uid = read_uid(obj["id"], f"{location}.id", self.problems, self.reframe_ids)
        else:
            self.problem(f"{location}.id", "missing")
            uid = ""
        text, origin, component, trap, before, after = _reframe_parts(obj, location, self.problems)
        return SavedReframe(
            uid=uid,
            text=text,
            origin=origin,
            component=component,
            trap=trap,
            belief_before=before,
            belief_after=after,
            created_at=self._moment(obj, location),
        )
