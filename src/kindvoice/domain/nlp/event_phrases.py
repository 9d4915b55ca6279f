"""Phrasing the person's event so it fits every template slot.

An event arrives in the person's words: a verb phrase ("missed the deadline",
"didn't finish the report"), a noun phrase ("the exam", "my presentation") or a
clause ("my boss yelled at me"). Templates need it in a few fixed shapes: as a
subject ("Missing the deadline hurts"), as a kind of experience ("something like
missing the deadline") and as a friend in the same spot ("a friend who missed the
deadline", with "my" turned into "their"). These are small spelling rules, not a
grammar: they cover the shapes people write in a journal, and anything else
reads as a noun phrase ("what happened with ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Past forms and their -ing forms; regular "-ed" verbs are handled by rule.
IRREGULAR_GERUNDS: dict[str, str] = {
    "ate": "eating", "eaten": "eating", "became": "becoming", "began": "beginning",
    "blew": "blowing", "broke": "breaking", "broken": "breaking", "brought": "bringing",
    "bought": "buying", "caught": "catching", "chose": "choosing", "came": "coming",
    "did": "doing", "done": "doing", "drank": "drinking", "drove": "driving",
    "fell": "falling", "fallen": "falling", "fought": "fighting", "forgot": "forgetting",
    "forgotten": "forgetting", "froze": "freezing", "gave": "giving", "given": "giving",
    "got": "getting", "gotten": "getting", "went": "going", "gone": "going",
    "had": "having", "hid": "hiding", "hit": "hitting", "hurt": "hurting",
    "kept": "keeping", "left": "leaving", "let": "letting", "lost": "losing",
    "made": "making", "met": "meeting", "overslept": "oversleeping", "overate": "overeating",
    "paid": "paying", "quit": "quitting", "ran": "running", "rang": "ringing",
    "said": "saying", "sat": "sitting", "saw": "seeing", "sent": "sending",
    "slept": "sleeping", "spent": "spending", "spoke": "speaking", "stole": "stealing",
    "stood": "standing", "swore": "swearing", "took": "taking", "taken": "taking",
    "taught": "teaching", "tore": "tearing", "told": "telling", "threw": "throwing",
    "woke": "waking", "wore": "wearing", "won": "winning", "wrote": "writing",
    "written": "writing", "burnt": "burning", "spilt": "spilling", "was": "being",
    "were": "being", "been": "being",
}  # fmt: skip
_NOT_PAST = _words(
    "need bed red shed seed feed speed breed bleed tired naked wicked sacred hundred "
    "kindred ashamed embarrassed scared worried stressed exhausted"
)
_ING_NOUNS = _words(
    "wedding meeting morning evening building ceiling something nothing everything "
    "anything spring string during painting feeling clothing training"
)
_LEAD_ADVERBS = frozenset({"never", "always", "still", "often", "constantly", "again"})
_BASE_VERBS = _words(
    "keep procrastinate overthink overeat yell shout cry forget miss fail lose struggle "
    "avoid mess snap worry ruin let feel have has do"
)
_NOT_TO_ING = {
    "didn't": ("not",),
    "don't": ("not",),
    "doesn't": ("not",),
    "couldn't": ("not", "being", "able", "to"),
    "can't": ("not", "being", "able", "to"),
    "cannot": ("not", "being", "able", "to"),
    "wasn't": ("not", "being"),
    "weren't": ("not", "being"),
    "haven't": ("not", "having"),
    "hasn't": ("not", "having"),
}
_AGREE = {
    "have": "has",
    "don't": "doesn't",
    "haven't": "hasn't",
    "am": "is",
    "are": "is",
    "were": "was",
    "weren't": "wasn't",
    "do": "does",
}
_THEIR = {
    "my": "their",
    "me": "them",
    "myself": "themselves",
    "mine": "theirs",
    "i": "they",
    "i'm": "they're",
    "i've": "they've",
    "i'd": "they'd",
    "i'll": "they'll",
}
_DOUBLING = _words("forget begin admit commit regret prefer refer occur submit omit upset")
_DEFINITE = frozenset({"the", "my", "our", "this", "that", "your"})


@dataclass(frozen=True)
class EventForms:
    """One event, phrased for each slot in the templates."""

    what: str  # "missing the deadline", "what happened with the exam"
    like: str | None  # "something like missing the deadline"; None: no specific wording
    friend: str | None  # "a friend who missed the deadline"; None: no specific wording
    mentions: tuple[str, ...]  # phrases that show a sentence is about this event


def event_forms(event: str, *, happened: bool = True) -> EventForms | None:
    """Phrase ``event`` for the templates, or ``None`` when it is empty.

    ``happened`` is false for a noun event that may still lie ahead ("the interview"
    in "I'll fail the interview"), which then reads "all this with the interview".
    """
    words = event.split()
    if not words:
        return None
    lows = [w.lower().replace("’", "'") for w in words]
    body = [w for w in lows if w not in _LEAD_ADVERBS]
    if body and is_ongoing(body[0]):
        friend = f"a friend who's been {' '.join(_shift(words, lows))}"
        return EventForms(event, f"something like {event}", friend, (event, friend))
    if body and (body[0] in _NOT_TO_ING or body[0] in _BASE_VERBS or is_past_verb(body[0])):
        gerund = _gerund(words, lows)
        friend = f"a friend who {_for_friend(words, lows)}"
        return EventForms(gerund, f"something like {gerund}", friend, (event, gerund, friend))
    if _is_clause(lows):
        return EventForms(f"what happened when {event}", None, None, (event,))
    opener = "what happened with" if happened else "all this with"
    indefinite = _indefinite(words, lows)
    theirs = " ".join(_shift(words, lows))
    return EventForms(
        f"{opener} {event}",
        f"a hard time with {indefinite}",
        f"a friend having a hard time with {theirs}",
        (event, indefinite, theirs),
    )


def is_past_verb(word: str) -> bool:
    """Whether ``word`` (lowercase) reads as a past-tense verb."""
    if word in IRREGULAR_GERUNDS:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST


def is_ongoing(word: str) -> bool:
    """Whether ``word`` (lowercase) reads as an -ing verb ("avoiding"), not a noun ("wedding")."""
    return len(word) > 4 and word.endswith("ing") and word not in _ING_NOUNS


def _gerund(words: list[str], lows: list[str]) -> str:
    """ "missed the deadline" → "missing the deadline"; "didn't call" → "not calling"."""
    lead = 0
    while lead < len(lows) - 1 and lows[lead] in _LEAD_ADVERBS:
        lead += 1
    first, rest, rest_low = lows[lead], words[lead + 1 :], lows[lead + 1 :]
    if first in _NOT_TO_ING:
        head = list(_NOT_TO_ING[first])
        if head == ["not"] and rest:
            head, rest = ["not", _ing(rest_low[0])], rest[1:]
    elif first in {"have", "has", "had", "keep", "keeps", "kept"} and _continues(rest_low):
        skip = 1 if rest_low[0] == "been" else 0
        head, rest = [], rest[skip:]
    elif first in IRREGULAR_GERUNDS:
        head = [IRREGULAR_GERUNDS[first]]
    elif is_past_verb(first):
        head = [_ing_from_past(first)]
    else:
        head = [_ing(first)]
    return " ".join([*lows[:lead], *head, *rest])


def _continues(rest: list[str]) -> bool:
    """ "keep messing up", "have been avoiding it": the -ing verb carries the meaning."""
    if rest[:1] == ["been"]:
        return len(rest) > 1 and rest[1].endswith("ing")
    return bool(rest) and rest[0].endswith("ing")


def _ing_from_past(word: str) -> str:
    # The past and -ing forms share their spelling changes: stopped/stopping, baked/baking.
    if word.endswith("ied"):
        return word[:-3] + "ying"
    if word in {"agreed", "disagreed", "freed", "guaranteed"}:
        return word[:-1] + "ing"
    return word[:-2] + "ing"


def _ing(base: str) -> str:
    if base in {"be", "see", "flee"}:
        return base + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "oe", "ye")) and len(base) > 2:
        return base[:-1] + "ing"
    if base == "panic":
        return "panicking"
    one_syllable = len(re.findall(r"[aeiou]+", base)) == 1
    if base in _DOUBLING or (one_syllable and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base)):
        return base + base[-1] + "ing"
    return base + "ing"


def _third_person(verb: str) -> str:
    if verb in _AGREE:
        return _AGREE[verb]
    if verb not in _BASE_VERBS:
        return verb
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _for_friend(words: list[str], lows: list[str]) -> str:
    """ "snapped at my partner" → "snapped at their partner" (after "a friend who")."""
    shifted = _shift(words, lows)
    lead = 0
    while lead < len(lows) - 1 and lows[lead] in _LEAD_ADVERBS:
        lead += 1
    shifted[lead] = _third_person(lows[lead])
    return " ".join(shifted).replace("they was", "they were").replace("they am", "they are")


def _shift(words: list[str], lows: list[str]) -> list[str]:
    return [_THEIR.get(low, word) for word, low in zip(words, lows, strict=True)]


def _is_clause(lows: list[str]) -> bool:
    """ "my boss yelled at me" is a clause; "the party I went to" is a noun phrase."""
    for before, low in pairwise(lows):
        if low in {"i", "who", "that", "which", "where", "when"}:
            return False
        if before in _DEFINITE | {"a", "an"}:
            continue  # "the delayed train": a describing word, not a verb
        if is_past_verb(low) or low in {"is", "are", "didn't", "won't", "can't", "doesn't"}:
            return True
    return False


def _indefinite(words: list[str], lows: list[str]) -> str:
    """ "the exam" → "an exam"; "my presentation" → "a presentation"; others unchanged."""
    if len(words) < 2 or lows[0] not in _DEFINITE:
        return " ".join(_shift(words, lows))
    rest = words[1:]
    if lows[1].endswith("s") and not lows[1].endswith("ss"):
        return " ".join(rest)
    article = "an" if lows[1][:1] in "aeiou" else "a"
    return " ".join([article, *rest])
