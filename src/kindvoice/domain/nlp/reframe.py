"""Kinder answers to the inner critic, built from the person's own words.

Design. Each suggestion is written in the first person, as the kinder inner voice
the person is practising, and together they always touch the three parts of
self-compassion Neff (2003) describes: mindfulness (noticing the pain as it is,
without blowing it up or pushing it away), common humanity (seeing the struggle
as something people share, not something that sets me apart) and self-kindness
(answering myself with the warmth I would give a friend). When the analyzer
finds a thinking trap, a suggestion for that trap comes with a gentle question
of the kind cognitive therapists ask ("What else could happen?"): an invitation
to look again, never a correction.

Suggestions are reviewed templates (``reframe_templates``) filled with the
person's specifics (``specifics``, phrased by ``event_phrases``): what happened,
and their own harsh words held in quotation marks at a distance, never affirmed.
Which template is used is seeded by a stable digest of the text, so the same
words always get the same suggestions while different entries get some variety.
Every sentence passes two checks before it is offered: nothing that invalidates
or preaches (``BANNED_PHRASES``), and no harsh word said about the person outside
quotation marks; a sentence that fails is tried again with general wording.
Crisis text gets no reframe at all; the caller shows support instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from string import Formatter

from kindvoice.domain.nlp.event_phrases import event_forms
from kindvoice.domain.nlp.reframe_templates import (
    ABSOLUTE_CHECKS,
    ABSOLUTE_KINDS,
    CORE_TEMPLATES,
    EXTRA_SOURCES,
    GENERIC_EVENT,
    TRAP_COMPONENTS,
    TRAP_TEMPLATES,
)
from kindvoice.domain.nlp.specifics import HARSH_WORDS, Specifics, extract_specifics
from kindvoice.domain.nlp.types import COMPONENTS, Analysis, Reframe

# Phrases that dismiss, minimise or lecture. No suggestion may match any of them.
BANNED_PHRASES: tuple[str, ...] = (
    r"\bjust think positive",
    r"\bthink positive(ly)?\b",
    r"\bstay positive\b",
    r"\b(positive|good) vibes\b",
    r"\bstop (complaining|whining|moaning|crying|worrying|being)\b",
    r"\bat least\b",
    r"\bcould (be|have been|always be) worse\b",
    r"\b(others|other people|some people) have it (so much |much |far )?worse\b",
    r"\bget over it\b",
    r"\bmove on\b",
    r"\bcheer up\b",
    r"\bdon't be (so )?(sad|upset|silly|dramatic)\b",
    r"\blook on the bright side\b",
    r"\bbright side\b",
    r"\beverything happens for a reason\b",
    r"\b(you're|you are|i'm|i am) (overreacting|being dramatic|too sensitive)\b",
    r"\boverreact",
    r"\bman up\b",
    r"\bsuck it up\b",
    r"\bsnap out of it\b",
    r"\bjust relax\b",
    r"\bcalm down\b",
    r"\bdon't worry\b",
    r"\bno big deal\b",
    r"\bit's not (that|so) bad\b",
    r"\b(you|we) (really |still |just )?(should|must|ought to|need to|have to|had better)\b",
    r"\bi (really |still )?should just\b",
    r"\bi (really |still )?(should|must|ought to|had better)\b",
    r"\bjust\b",  # as in "it's just a deadline": a minimiser
    r"!",
)
_BANNED_RE = tuple(re.compile(p, re.IGNORECASE) for p in BANNED_PHRASES)
_QUOTED_RE = re.compile(r"“[^”]*”")
_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)*")

_FIELD_NEEDS = {
    "What": "event:what",
    "what": "event:what",
    "like": "event:like",
    "friend": "event:friend",
    "label_q": "label",
    "label_cap": "label",
    "absolute_q": "absolute",
    "absolute_check": "absolute",
    "should_q": "should",
    "should_cap": "should",
    "should_swap": "should",
}


def suggest_reframes(
    text: str, analysis: Analysis, situation: str = "", *, most: int = 5
) -> list[Reframe]:
    """Kinder ways to answer the inner critic in ``text``, in the person's own voice.

    Returns nothing for crisis text. Otherwise returns between three and ``most``
    suggestions covering mindfulness, common humanity and self-kindness, plus one
    for each likely thinking trap (with a gentle question) while room remains.
    """
    if most < len(COMPONENTS):
        raise ValueError(f"most must be at least {len(COMPONENTS)}, got {most}")
    if analysis.is_crisis:
        return []
    specifics = extract_specifics(text, situation)
    slots, available = _slots(specifics, situation)
    seed = f"{' '.join(text.split()).lower()}\x1f{' '.join(situation.split()).lower()}"
    trap_names = [t.trap for t in analysis.likely_traps() if t.trap in TRAP_TEMPLATES]
    core_slots, core_available = slots, available
    if "discounting_positive" in trap_names and not situation.strip():
        # An event found in the thought is likely the success being waved away ("nailed
        # the interview, but anyone could"): "it hurts" would misread it, so the core
        # keeps to general words. A situation the person wrote is what happened.
        core_slots = {**slots, **GENERIC_EVENT}
        core_available = {a for a in available if not a.startswith("event:")}

    core = {
        component: _choose(
            [(t, None) for t in CORE_TEMPLATES[component]],
            core_slots,
            core_available,
            f"{component}|{seed}",
        )
        for component in COMPONENTS
    }
    middle: list[Reframe] = []
    for trap in trap_names:
        questioned: list[tuple[str, str | None]] = [
            (t.text, t.question) for t in TRAP_TEMPLATES[trap]
        ]
        pair = _choose(questioned, slots, available, f"{trap}|{seed}", own_words_first=True)
        if pair:
            middle.append(Reframe(pair[0], TRAP_COMPONENTS[trap], trap=trap, question=pair[1]))
    for kind, source in EXTRA_SOURCES.items():
        if kind in available and source not in trap_names:
            options = [(t.text, None) for t in TRAP_TEMPLATES[source] if kind in _needs(t.text)]
            pair = _choose(options, slots, available, f"extra-{kind}|{seed}")
            if pair:
                middle.append(Reframe(pair[0], TRAP_COMPONENTS[source]))

    ordered: list[Reframe] = []
    first = core["mindfulness"]
    if first:
        ordered.append(Reframe(first[0], "mindfulness"))
    ordered.extend(middle[: most - len(COMPONENTS)])
    for component in ("common_humanity", "self_kindness"):
        pair = core[component]
        if pair:
            ordered.append(Reframe(pair[0], component))
    unique: dict[str, Reframe] = {}
    for reframe in ordered:
        unique.setdefault(reframe.text, reframe)
    return list(unique.values())


def is_invalidating(text: str) -> bool:
    """Whether ``text`` dismisses, minimises or lectures (matches ``BANNED_PHRASES``)."""
    plain = text.replace("’", "'").replace("‘", "'")
    return any(pattern.search(plain) for pattern in _BANNED_RE)


def has_unquoted_harsh_word(text: str) -> bool:
    """Whether a harsh word (``HARSH_WORDS``) appears outside “quotation marks”."""
    outside = _QUOTED_RE.sub(" ", text.replace("’", "'")).lower()
    return any(word in HARSH_WORDS for word in _WORD_RE.findall(outside))


def mentions_specifics(reframe_text: str, specifics: Specifics) -> bool:
    """Whether a suggestion uses the person's event, label, absolute or should-word."""
    low = reframe_text.replace("’", "'").lower()
    forms = event_forms(specifics.event)
    phrases = [*(forms.mentions if forms else ()), *specifics.labels]
    if any(p.lower() in low for p in phrases):
        return True
    words = [*specifics.absolutes, *specifics.shoulds]
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def _slots(specifics: Specifics, situation: str) -> tuple[dict[str, str], set[str]]:
    slots = dict(GENERIC_EVENT)
    available: set[str] = set()
    happened = bool(specifics.event) and specifics.event.lower() in situation.lower()
    forms = event_forms(specifics.event, happened=happened)
    if forms:
        slots.update(What=forms.what[:1].upper() + forms.what[1:], what=forms.what)
        available.add("event:what")
        for field, phrase in (("like", forms.like), ("friend", forms.friend)):
            if phrase:
                slots[field] = phrase
                available.add(f"event:{field}")
    if specifics.labels:
        label = specifics.labels[0]
        slots.update(label_q=f"“{label}”", label_cap=f"“{label[:1].upper()}{label[1:]}”")
        available.add("label")
    if specifics.absolutes:
        absolute = specifics.absolutes[0]
        slots["absolute_q"] = f"“{absolute}”"
        slots["absolute_check"] = ABSOLUTE_CHECKS[ABSOLUTE_KINDS.get(absolute, "time")]
        available.add("absolute")
    if specifics.shoulds:
        positive = [s for s in specifics.shoulds if not s.endswith("n't")]
        word = (positive or list(specifics.shoulds))[0]
        slots.update(
            should_q=f"“{word}”",
            should_cap=f"“{word[:1].upper()}{word[1:]}”",
            should_swap="“I'd like to”" if positive else "“I'd rather not”",
        )
        available.add("should")
    return slots, available


def _needs(*templates: str | None) -> set[str]:
    fields = {
        name for t in templates if t for _, name, _, _ in Formatter().parse(t) if name is not None
    }
    return {_FIELD_NEEDS[f] for f in fields if f in _FIELD_NEEDS}


def _choose(
    options: Sequence[tuple[str, str | None]],
    slots: dict[str, str],
    available: set[str],
    key: str,
    *,
    own_words_first: bool = False,
) -> tuple[str, str | None] | None:
    """A safe rendering of one option, picked by ``key``; specific options first.

    With ``own_words_first``, options that answer the person's own label, absolute
    or should-word come before those that only name the event.
    """
    # The event always has a general wording to fall back on; the person's own
    # label, absolutes and should-words do not.
    eligible = [o for o in options if {n for n in _needs(*o) if ":" not in n} <= available]
    own = [o for o in eligible if any(":" not in n for n in _needs(*o))]
    specific = [o for o in eligible if _needs(*o) & available]
    pool = (own_words_first and own) or specific or eligible
    if not pool:
        return None
    start = _stable_index(key, len(pool))
    generic = {**slots, **GENERIC_EVENT}
    for offset in range(len(pool)):
        text, question = pool[(start + offset) % len(pool)]
        for filled in (slots, generic):
            rendered = text.format(**filled)
            asked = question.format(**filled) if question else None
            if _is_safe(rendered) and (asked is None or _is_safe(asked)):
                return rendered, asked
    return None


def _is_safe(sentence: str) -> bool:
    return not (is_invalidating(sentence) or has_unquoted_harsh_word(sentence))


def _stable_index(key: str, size: int) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % size
