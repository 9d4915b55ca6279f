"""What kindvoice says after reading a thought, shared by the terminal and the web app.

The warm "what was noticed" lines (the self-criticism, each likely thinking trap) and the
sentence about a belief rating that moved. Sentences come from the catalog; this only chooses
and fills them, so `kindvoice write`, `journal show`, `reframe` and the web's Write and
Journal pages always say the same thing. No Rich and no web code here: both sides import it.
"""

from __future__ import annotations

from kindvoice.domain.nlp.types import Analysis
from kindvoice.domain.records import StoredAnalysis
from kindvoice.interfaces import messages as m

# The parts of what was noticed that both a fresh Analysis and a stored one have.
Noticed = Analysis | StoredAnalysis

# Harsh words longer than this aren't quoted back: a long quote reads as a lecture.
MAX_QUOTE_CHARS = 80


def _harsh_words(noticed: Noticed, thought: str) -> str:
    """The first self-critical words, quoted, or nothing."""
    if not noticed.critic_spans:
        return ""
    first = noticed.critic_spans[0]
    words = " ".join(thought[first.start : first.end].split())
    if not words or len(words) > MAX_QUOTE_CHARS:
        return ""
    return m.say("reflect.quote", words=words)


def noticed_lines(noticed: Noticed, thought: str) -> list[str]:
    """Warm sentences for the self-criticism and each likely trap (empty: nothing noticed).

    Crisis text gets none at all: no talk of thinking traps, only support.
    """
    from kindvoice.domain.nlp.specifics import find_labels

    if noticed.is_crisis:
        return []
    lines: list[str] = []
    if noticed.is_self_critical:
        lines.append(m.say("reflect.self_critical", quote=_harsh_words(noticed, thought)))
    for score in noticed.likely_traps():
        template = m.TRAP_NOTICED.get(score.trap)
        if not template:
            continue
        quote = ""
        if score.trap == "labeling":
            # The label itself, as the person wrote it: "a harsh label — “failure”".
            labels = find_labels(thought)
            quote = m.say("reflect.quote", words=labels[0]) if labels else ""
        lines.append(template.format(quote=quote))
    return lines


def belief_change(before: int | None, after: int | None) -> str:
    """A kind sentence about a belief rating that moved (or didn't); empty without both."""
    if before is None or after is None:
        return ""
    if after < before:
        return m.say("reflect.eased", before=before, after=after)
    if after == before:
        return m.say("reflect.same", after=after)
    return m.say("reflect.rose", after=after)
